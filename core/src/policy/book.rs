//! The book of policy versions and regions, and the choice of the version in force.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::format::{self, BOOK_FORMAT};
use super::{Policy, PolicyError};
use crate::lang::LocalizedText;

/// The built-in policies: the national portal \[001\], Almaty \[000\], Akmola [003, 004],
/// Astana, and the voucher pilot, in the public JSON format.
pub const BUILTIN_JSON: &str = include_str!("builtin.json");

/// The region code that stands for every region no profile names.
const ANY_REGION: &str = "*";

/// A region of Kazakhstan (oblast or city of republican significance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionInfo {
    /// Stable lowercase code, e.g. `"akmola"`, `"almaty"` (the city), `"almaty-region"`.
    pub code: String,
    /// The region's name.
    pub name: LocalizedText,
}

/// Every policy version and the regions they serve (`RULES.md §10`).
///
/// Loads from and saves to JSON; the built-in book is JSON of the same format.
///
/// ```
/// use chrono::NaiveDate;
/// use kezek::policy::PolicyBook;
/// let book = PolicyBook::builtin();
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Turkistan has no portal of its own: the national portal's policy applies.
/// assert_eq!(book.policy_for("turkistan", d(2019, 5, 1))?.id, "national-2016");
/// assert_eq!(book.policy_for("turkistan", d(2023, 5, 1))?.id, "national-2020");
/// assert_eq!(book.policy_for("turkistan", d(2024, 5, 1))?.id, "national-2024");
/// // A book survives a JSON round trip.
/// assert_eq!(&PolicyBook::from_json(&book.to_json())?, book);
/// # Ok::<(), kezek::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyBook {
    /// The format of the book: [`BOOK_FORMAT`] when written. Older books are migrated when
    /// read ([`PolicyBook::from_json`]).
    pub format: u32,
    /// The regions policies may name.
    pub regions: Vec<RegionInfo>,
    /// Every version of every profile.
    pub policies: Vec<Policy>,
}

impl PolicyBook {
    /// The built-in book, parsed once; clone it to change it.
    ///
    /// # Panics
    /// Only if the built-in data were invalid, which the test suite rules out.
    #[must_use]
    pub fn builtin() -> &'static Self {
        static BUILT_IN: OnceLock<PolicyBook> = OnceLock::new();
        BUILT_IN.get_or_init(|| {
            // Built-in data, not input: `tests::builtin_book_is_valid` keeps it valid.
            #[allow(clippy::expect_used)]
            Self::from_json(BUILTIN_JSON).expect("the built-in policy book is valid")
        })
    }

    /// Reads a book from JSON, brings a book of an older format to [`BOOK_FORMAT`] (a book
    /// without a `format` field is format 1), and validates it.
    ///
    /// # Errors
    /// `POLICY_JSON` for unreadable JSON, `POLICY_FORMAT` for a format this release cannot
    /// read, else as [`PolicyBook::validate`].
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        let mut value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| PolicyError::json(&e))?;
        format::migrate(&mut value)?;
        let book: Self = serde_json::from_value(value).map_err(|e| PolicyError::json(&e))?;
        book.validate()?;
        Ok(book)
    }

    /// Writes the book as pretty JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialisation cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every policy, that ids and region codes are unique, and that policies name
    /// only listed regions.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.format != BOOK_FORMAT {
            return Err(PolicyError::Format {
                found: u64::from(self.format),
                supported: BOOK_FORMAT,
            });
        }
        let mut codes = HashSet::new();
        for r in &self.regions {
            if !codes.insert(r.code.as_str()) || r.code == ANY_REGION {
                return Err(PolicyError::Duplicate { id: r.code.clone() });
            }
        }
        let mut ids = HashSet::new();
        for p in &self.policies {
            if !ids.insert(p.id.as_str()) {
                return Err(PolicyError::Duplicate { id: p.id.clone() });
            }
            if let Some(region) = p
                .regions
                .iter()
                .find(|r| *r != ANY_REGION && !codes.contains(r.as_str()))
            {
                return Err(PolicyError::PolicyRegion {
                    policy: p.id.clone(),
                    region: region.clone(),
                });
            }
            p.validate()?;
        }
        Ok(())
    }

    /// Adds a policy version, or replaces the version with the same id.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::{PolicyBook, Period};
    /// let mut book = PolicyBook::builtin().clone();
    /// let mut pavlodar = book.get("voucher-pilot-2025")?.clone();
    /// pavlodar.id = "pavlodar-voucher-2025".into();
    /// pavlodar.regions = vec!["pavlodar".into()];
    /// book.insert(pavlodar)?;
    /// let in_force = book.policy_for("pavlodar", NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())?;
    /// assert!(in_force.voucher.is_some());
    /// # Ok::<(), kezek::PolicyError>(())
    /// ```
    ///
    /// # Errors
    /// As [`PolicyBook::validate`] for the resulting book; the book is unchanged on error.
    pub fn insert(&mut self, policy: Policy) -> Result<(), PolicyError> {
        let mut next = self.clone();
        match next.policies.iter_mut().find(|p| p.id == policy.id) {
            Some(slot) => *slot = policy,
            None => next.policies.push(policy),
        }
        next.validate()?;
        *self = next;
        Ok(())
    }

    /// The version with this id.
    ///
    /// # Errors
    /// `POLICY_UNKNOWN_ID`.
    pub fn get(&self, id: &str) -> Result<&Policy, PolicyError> {
        self.policies
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| PolicyError::UnknownPolicy { id: id.to_owned() })
    }

    /// The ids of every policy version, in the book's order.
    ///
    /// ```
    /// let book = kezek::PolicyBook::builtin();
    /// assert!(book.ids().contains(&"astana-2019-twins"));
    /// assert!(book.region_codes().contains(&"turkistan"));
    /// ```
    #[must_use]
    pub fn ids(&self) -> Vec<&str> {
        self.policies.iter().map(|p| p.id.as_str()).collect()
    }

    /// The codes of every region the book lists, in its order.
    #[must_use]
    pub fn region_codes(&self) -> Vec<&str> {
        self.regions.iter().map(|r| r.code.as_str()).collect()
    }

    /// The region with this code.
    ///
    /// # Errors
    /// `POLICY_UNKNOWN_REGION`.
    pub fn region(&self, code: &str) -> Result<&RegionInfo, PolicyError> {
        self.regions
            .iter()
            .find(|r| r.code == code)
            .ok_or_else(|| PolicyError::UnknownRegion {
                region: code.to_owned(),
            })
    }

    /// The version in force for `region` on `date`: the latest version (by `valid_from`,
    /// not after `date`) among those naming the region; if none of them is in force yet,
    /// the latest in force among those serving every other region (`"*"`).
    ///
    /// # Errors
    /// `POLICY_UNKNOWN_REGION` for a code the book does not list, `POLICY_NOT_IN_FORCE`
    /// when no version is in force on `date`.
    pub fn policy_for(&self, region: &str, date: NaiveDate) -> Result<&Policy, PolicyError> {
        self.region(region)?;
        let latest = |serves: &dyn Fn(&Policy) -> bool| {
            self.policies
                .iter()
                .filter(|p| serves(p) && p.valid_from <= date)
                .max_by_key(|p| p.valid_from)
        };
        latest(&|p| p.regions.iter().any(|r| r == region))
            .or_else(|| latest(&|p| p.regions.iter().any(|r| r == ANY_REGION)))
            .ok_or_else(|| PolicyError::NotInForce {
                region: region.to_owned(),
                date,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_book_is_valid() {
        let book = PolicyBook::from_json(BUILTIN_JSON).expect("built-in book is valid");
        assert_eq!(book.regions.len(), 20);
        for profile in ["national", "almaty", "akmola", "astana", "voucher-pilot"] {
            assert!(
                book.policies.iter().any(|p| p.profile == profile),
                "{profile}"
            );
        }
    }
}
