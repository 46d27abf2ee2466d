//! One rule checked: its code, whether it passed, why in kk/ru/en, and its source. The
//! unit of every explained decision (`crate::eligibility`) and of the refusals that list
//! failed checks (`crate::error`); it depends on nothing but the languages, so both can.

use serde::Serialize;

use crate::lang::LocalizedText;

/// One rule checked by a decision (serialisable for hosts; its codes are `'static`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The rule's stable code, e.g. `MIN_AGE`; the same whether it passed or failed.
    pub code: &'static str,
    /// Whether the rule is met.
    pub passed: bool,
    /// The input field the rule reads, for registration checks (`"child_iin"`…).
    pub field: Option<&'static str>,
    /// A finer code for a failure, where one exists (`IIN_CHECKSUM` for a bad IIN).
    pub detail: Option<&'static str>,
    /// Why it passed or failed, in the three languages; never an unmasked IIN.
    pub message: LocalizedText,
    /// Where the rule comes from: a `RULES.md` section and its seed files or sources.
    pub source: &'static str,
}

impl Check {
    /// The code a refusal reports for this check: its finer `detail` where one exists
    /// (`IIN_CHECKSUM`), otherwise the rule's `code`.
    #[must_use]
    pub fn reported_code(&self) -> &'static str {
        self.detail.unwrap_or(self.code)
    }
}
