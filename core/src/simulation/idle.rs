//! Places left idle (`RULES.md §5`): open to free choice and not taken at the end of a
//! day, counted over the reported days as place-days, and as the mean number of places
//! per day overall and by district, group type, cohort and the languages of the
//! kindergarten.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::application::GroupType;

/// Idle places over the reported days (see the module). Means are in places per day;
/// `place_days` is their sum over the days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Idle {
    /// Days reported.
    pub days: u32,
    /// Places idle summed over the days (a place idle for ten days counts ten).
    pub place_days: u64,
    /// Places idle on an average day.
    pub mean_places: f64,
    /// The mean per district.
    pub by_district: BTreeMap<String, f64>,
    /// The mean per group type.
    pub by_group_type: BTreeMap<GroupType, f64>,
    /// The mean per cohort (birth year).
    pub by_cohort: BTreeMap<i32, f64>,
    /// The mean per language set of the kindergarten, such as `kk` or `kk+ru` (a place
    /// of a bilingual kindergarten counts once, under both).
    pub by_languages: BTreeMap<String, f64>,
}

/// The run's counts of idle place-days, gathered day by day.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdleCounts {
    /// Days counted.
    pub(crate) days: u32,
    /// Per pool.
    pub(crate) by_pool: Vec<u64>,
    /// Per language set (a bit per language, as the run keeps them).
    pub(crate) by_languages: [u64; 8],
}

impl IdleCounts {
    /// The counts as means per day: each pool's `(district, group type, cohort)` from
    /// `pools`, the language sets named by `languages`.
    #[allow(clippy::cast_precision_loss)] // counts far below 2⁵²
    pub(crate) fn idle(
        &self,
        pools: &[(String, GroupType, i32)],
        languages: impl Fn(u8) -> String,
    ) -> Idle {
        let per_day = |n: u64| {
            if self.days == 0 {
                0.0
            } else {
                n as f64 / f64::from(self.days)
            }
        };
        let mut district: BTreeMap<String, u64> = BTreeMap::new();
        let mut group: BTreeMap<GroupType, u64> = BTreeMap::new();
        let mut cohort: BTreeMap<i32, u64> = BTreeMap::new();
        for ((d, g, c), &n) in pools.iter().zip(&self.by_pool) {
            *district.entry(d.clone()).or_default() += n;
            *group.entry(*g).or_default() += n;
            *cohort.entry(*c).or_default() += n;
        }
        let place_days = self.by_pool.iter().sum();
        Idle {
            days: self.days,
            place_days,
            mean_places: per_day(place_days),
            by_district: district.into_iter().map(|(k, n)| (k, per_day(n))).collect(),
            by_group_type: group.into_iter().map(|(k, n)| (k, per_day(n))).collect(),
            by_cohort: cohort.into_iter().map(|(k, n)| (k, per_day(n))).collect(),
            by_languages: (1_u8..8)
                .zip(&self.by_languages[1..])
                .filter(|(_, &n)| n > 0)
                .map(|(set, &n)| (languages(set), per_day(n)))
                .collect(),
        }
    }
}
