//! Benefit categories and priority classes (`RULES.md §3`).
//!
//! The categories are data: the built-in table below ([`BUILTIN_JSON`]) lists the
//! categories of §3 with their class, the documents that prove them and how long such a
//! document counts; a policy adds or replaces categories through its
//! `benefit_categories` field, and `Policy::benefit` looks a code up, the policy first.

use std::sync::OnceLock;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::lang::LocalizedText;
use crate::period::{Period, PeriodUnit};

/// The built-in benefit categories of `RULES.md §3`, in the public JSON format.
pub const BUILTIN_JSON: &str = include_str!("builtin.json");

/// The three priority classes, in queue order (`RULES.md §3` [003, 004, pub-H]).
///
/// The derived order is the queue order: out-of-turn children stand ahead of
/// first-priority children, who stand ahead of everyone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PriorityClass {
    /// Out of turn (кезектен тыс / вне очереди): at the head of the whole queue.
    OutOfTurn,
    /// First priority (жеңілдік / первоочередное право).
    FirstPriority,
    /// Everyone else.
    General,
}

impl PriorityClass {
    /// The classes in queue order.
    pub const ALL: [PriorityClass; 3] = [
        PriorityClass::OutOfTurn,
        PriorityClass::FirstPriority,
        PriorityClass::General,
    ];

    /// The position of the class in queue order (0 = out of turn).
    #[must_use]
    pub fn rank(self) -> usize {
        match self {
            PriorityClass::OutOfTurn => 0,
            PriorityClass::FirstPriority => 1,
            PriorityClass::General => 2,
        }
    }

    /// The snake-case name used in JSON: `"out_of_turn"`, `"first_priority"`, `"general"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PriorityClass::OutOfTurn => "out_of_turn",
            PriorityClass::FirstPriority => "first_priority",
            PriorityClass::General => "general",
        }
    }
}

/// One benefit category: a right to stand in a higher class, and how it is proved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BenefitCategory {
    /// Stable code, e.g. `"large_family"`.
    pub code: String,
    /// The class the category gives.
    pub class: PriorityClass,
    /// Its name.
    pub name: LocalizedText,
    /// Kinds of document that must all be attached and valid (see [`Document`]).
    pub documents: Vec<String>,
    /// How long after its issue a document counts, when the category limits it (a
    /// workplace certificate: 1 month \[pub-M\]); in months, years or calendar days.
    pub document_validity: Option<Period>,
    /// Where the category comes from.
    pub source: String,
}

impl BenefitCategory {
    /// The last day on which `doc` proves this category, or `None` when it never expires:
    /// the earlier of the document's own end and the category's validity after issue.
    #[must_use]
    pub fn document_valid_until(&self, doc: &Document) -> Option<NaiveDate> {
        let by_category = self.document_validity.and_then(|p| {
            let end = match p.unit {
                PeriodUnit::Months | PeriodUnit::Years => doc
                    .issued_on
                    .checked_add_months(Months::new(p.in_months()?))?,
                PeriodUnit::CalendarDays => doc
                    .issued_on
                    .checked_add_days(chrono::Days::new(u64::from(p.amount)))?,
                // Refused by `Policy::validate`; a built-in category never uses them.
                PeriodUnit::Hours | PeriodUnit::WorkingDays => return None,
            };
            end.pred_opt()
        });
        match (doc.valid_until, by_category) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The kinds of document this category needs that `docs` lacks or holds only expired on
    /// `date`: `(kind, Some(last valid day))` for an expired one, `(kind, None)` for a
    /// missing one.
    #[must_use]
    pub fn unmet_documents(
        &self,
        docs: &[Document],
        date: NaiveDate,
    ) -> Vec<(String, Option<NaiveDate>)> {
        self.documents
            .iter()
            .filter_map(|kind| {
                let ends = docs
                    .iter()
                    .filter(|d| &d.kind == kind && d.issued_on <= date)
                    .map(|d| self.document_valid_until(d));
                if ends.clone().any(|end| end.is_none_or(|e| e >= date)) {
                    None
                } else {
                    Some((kind.clone(), ends.flatten().max()))
                }
            })
            .collect()
    }
}

/// The built-in categories, parsed once.
///
/// # Panics
/// Only if the built-in data were invalid, which the test suite rules out.
#[must_use]
pub fn builtin() -> &'static [BenefitCategory] {
    static BUILT_IN: OnceLock<Vec<BenefitCategory>> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        // Built-in data, not input: `tests::built_in_table_loads` keeps it valid.
        #[allow(clippy::expect_used)]
        serde_json::from_str(BUILTIN_JSON).expect("the built-in benefit table is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn built_in_table_loads_with_unique_codes() {
        let table = builtin();
        assert_eq!(table.len(), 10);
        let mut codes: Vec<_> = table.iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), table.len());
    }

    #[test]
    fn workplace_certificate_counts_for_one_month() {
        let teacher = builtin().iter().find(|c| c.code == "teacher").unwrap();
        let doc = Document {
            kind: "workplace_certificate".into(),
            issued_on: d(2024, 1, 31),
            valid_until: None,
        };
        assert_eq!(teacher.document_valid_until(&doc), Some(d(2024, 2, 28)));
        assert!(teacher
            .unmet_documents(std::slice::from_ref(&doc), d(2024, 2, 28))
            .is_empty());
        assert_eq!(
            teacher.unmet_documents(&[doc], d(2024, 2, 29)),
            vec![("workplace_certificate".to_string(), Some(d(2024, 2, 28)))]
        );
        assert_eq!(
            teacher.unmet_documents(&[], d(2024, 2, 1)),
            vec![("workplace_certificate".to_string(), None)]
        );
    }
}
