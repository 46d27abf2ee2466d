//! Places left idle (`RULES.md §5`): open to free choice and not taken at the end of a
//! day, counted over the reported days as place-days, and as the mean number of places
//! per day overall and by district, group type, cohort and the languages of the
//! kindergarten.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::run::{languages_of, Run};
use crate::allocation::BulletinId;
use crate::application::GroupType;
use crate::lifecycle::Engine;

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
    /// The mean per cohort (birth year). The cohorts sum to `mean_places`. A run starts
    /// with an empty queue, and children register mostly at birth: a cohort born before
    /// the first simulated day (`SimulationResult::simulated_from`) holds only its late
    /// registrants, so its places stay idle for want of children; read the idle places
    /// of the cohorts born from that day on.
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

impl Run<'_> {
    /// The idle places of the reported days, by district, group type, cohort and the
    /// kindergartens' languages.
    pub(super) fn idle(&self) -> Idle {
        let pools: Vec<(String, GroupType, i32)> = self
            .pool_keys
            .iter()
            .map(|&(d, g, c)| {
                let district = self.texts.districts.get(d).map_or("", |n| &**n);
                (district.to_owned(), g, c)
            })
            .collect();
        self.idle_counts.idle(&pools, language_set_name)
    }

    /// Places open to free choice across the pools; added to the idle counts by pool
    /// and language when `count`s (a reported day).
    pub(super) fn pools_open(&mut self, count: bool) -> u32 {
        let counts = &mut self.idle_counts;
        if count {
            counts.days += 1;
            counts.by_pool.resize(self.pools.len(), 0);
        }
        let mut total = 0;
        for (p, pool) in self.pools.iter_mut().enumerate() {
            let Some(b) = pool.bulletin else { continue };
            let open = self.engine.open_places_at(b);
            total += open;
            if !count || open == 0 {
                continue;
            }
            counts.by_pool[p] += u64::from(open);
            let changes = self.engine.places_changes_at(b);
            let split = match pool.open_by_languages {
                Some((seen, split)) if seen == changes => split,
                _ => {
                    let split = open_by_languages(&self.engine, b, open, &self.languages);
                    pool.open_by_languages = Some((changes, split));
                    split
                }
            };
            for (count, n) in counts.by_languages.iter_mut().zip(split) {
                *count += u64::from(n);
            }
        }
        total
    }
}

/// The `open` places of bulletin `b`'s pool by the languages of their kindergartens (a
/// set of [`language_bit`]s, by bulletin index, in `languages`): among the bulletins with
/// free places, first to last (the places notices hold are the last bulletins', as the
/// board leaves them).
fn open_by_languages(engine: &Engine, b: BulletinId, open: u32, languages: &[u8]) -> [u32; 8] {
    let mut split = [0; 8];
    let mut left = open;
    for &free in engine.bulletins_with_free_places_at(b) {
        let Ok(bulletin) = engine.bulletin(free) else {
            continue;
        };
        let n = bulletin.free().min(left);
        left -= n;
        split[usize::from(languages_of(languages, free) & 7)] += n;
        if left == 0 {
            break;
        }
    }
    split
}

/// A set of [`language_bit`]s by the languages' codes, such as `kk+ru`.
fn language_set_name(set: u8) -> String {
    [(1, "kk"), (2, "ru"), (4, "other")]
        .iter()
        .filter(|(bit, _)| set & bit != 0)
        .map(|(_, code)| *code)
        .collect::<Vec<_>>()
        .join("+")
}
