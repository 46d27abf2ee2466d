//! `Policy` and `PolicyBook`: the dated regional parameters (`RULES.md §10`).

use std::sync::Arc;

use kezek::{LocalizedText, Period};

use crate::errors::KezekError;
use crate::guard::guarded;
use crate::types::CivilDate;

/// One of a policy's periods, by its parameter name (`choice_window`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NamedPeriod {
    /// The parameter's name, as in the policy's JSON.
    pub name: String,
    /// Its value.
    pub period: Period,
}

/// One version of a region's rules: windows, limits, priority rules (immutable).
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Eq)]
pub struct Policy(pub(crate) kezek::Policy);

impl PartialEq for Policy {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Policy {}

#[uniffi::export]
impl Policy {
    /// A policy from its JSON (the format of one entry of a policy book), validated.
    ///
    /// # Errors
    /// `POLICY_JSON`, `POLICY_UNIT`, `POLICY_VALUE`.
    #[uniffi::constructor]
    pub fn from_json(json: &str) -> Result<Arc<Self>, KezekError> {
        guarded(|| Ok(Arc::new(Self(kezek::Policy::from_json(json)?))))
    }

    /// The policy as JSON text.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// Its id (`"akmola-2024"`).
    #[must_use]
    pub fn id(&self) -> String {
        self.0.id.clone()
    }

    /// Its name in the three languages.
    #[must_use]
    pub fn name(&self) -> LocalizedText {
        self.0.name.clone()
    }

    /// The first day it is in force.
    #[must_use]
    pub fn valid_from(&self) -> CivilDate {
        self.0.valid_from
    }

    /// Its regions.
    #[must_use]
    pub fn regions(&self) -> Vec<String> {
        self.0.regions.clone()
    }

    /// Every period parameter, by name (`choice_window`, `show_up_window`…).
    #[must_use]
    pub fn periods(&self) -> Vec<NamedPeriod> {
        self.0
            .period_parameters()
            .into_iter()
            .map(|(name, period)| NamedPeriod {
                name: name.to_owned(),
                period,
            })
            .collect()
    }

    /// Whether publishing places is suspended on `date` (`RULES.md §9`, the August freeze).
    ///
    /// # Errors
    /// `INPUT_FORMAT` for a date kezek cannot hold (a Swift string that is not a date, a
    /// Kotlin year past 262143): the only way to refuse it is the call's own error.
    pub fn is_frozen(&self, date: CivilDate) -> Result<bool, KezekError> {
        Ok(self.0.is_frozen(date))
    }
}

/// Every policy version, by region and date.
#[derive(Debug, uniffi::Object)]
pub struct PolicyBook(kezek::PolicyBook);

#[uniffi::export]
impl PolicyBook {
    /// The built-in book: national defaults, Almaty, Akmola, Astana, the voucher pilot.
    #[uniffi::constructor]
    #[must_use]
    pub fn builtin() -> Arc<Self> {
        Arc::new(Self(kezek::PolicyBook::builtin().clone()))
    }

    /// A book from JSON text; a book of an older format is migrated.
    ///
    /// # Errors
    /// `POLICY_JSON`, `POLICY_FORMAT`, `POLICY_DUPLICATE`, `POLICY_UNIT`, `POLICY_VALUE`,
    /// `POLICY_REGION`.
    #[uniffi::constructor]
    pub fn from_json(json: &str) -> Result<Arc<Self>, KezekError> {
        guarded(|| Ok(Arc::new(Self(kezek::PolicyBook::from_json(json)?))))
    }

    /// The book as JSON text.
    #[must_use]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The policy in force in `region` on `date`.
    ///
    /// # Errors
    /// `POLICY_UNKNOWN_REGION`, `POLICY_NOT_IN_FORCE`.
    pub fn policy_for(&self, region: &str, date: CivilDate) -> Result<Arc<Policy>, KezekError> {
        guarded(|| Ok(Arc::new(Policy(self.0.policy_for(region, date)?.clone()))))
    }

    /// The policy with this id.
    ///
    /// # Errors
    /// `POLICY_UNKNOWN_ID`.
    pub fn get(&self, id: &str) -> Result<Arc<Policy>, KezekError> {
        guarded(|| Ok(Arc::new(Policy(self.0.get(id)?.clone()))))
    }

    /// The ids of every policy version, in the book's order.
    #[must_use]
    pub fn ids(&self) -> Vec<String> {
        self.0.ids().into_iter().map(str::to_owned).collect()
    }

    /// The regions the book lists, with their names.
    #[must_use]
    pub fn regions(&self) -> Vec<kezek::policy::RegionInfo> {
        self.0.regions.clone()
    }

    /// This book with one more policy (a new version of a region's parameters).
    ///
    /// # Errors
    /// `POLICY_DUPLICATE`, `POLICY_REGION`.
    pub fn with_policy(&self, policy: &Policy) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            let mut book = self.0.clone();
            book.insert(policy.0.clone())?;
            Ok(Arc::new(Self(book)))
        })
    }
}
