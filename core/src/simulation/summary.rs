//! Summary statistics of a simulation and the comparison of two runs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ChildTable, DayTable, Outcome};
use crate::benefit::PriorityClass;

/// Waits and placements of one (class, cohort) group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupWaits {
    /// The priority class at registration.
    pub class: PriorityClass,
    /// The birth year.
    pub cohort: i32,
    /// Children registered.
    pub children: u32,
    /// Of them, placed.
    pub placed: u32,
    /// Median wait of the placed, in days (`None` when none was placed).
    pub median_wait_days: Option<u32>,
    /// 90th percentile of the wait of the placed, in days.
    pub p90_wait_days: Option<u32>,
}

/// The summary of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Children registered from the first reported day (the warm-up's are left out).
    pub registered: u32,
    /// Children per outcome (every child has exactly one).
    pub outcomes: BTreeMap<Outcome, u32>,
    /// Waits per (class, cohort), classes in queue order, cohorts ascending.
    pub waits: Vec<GroupWaits>,
    /// Median and 90th percentile wait of every placed child, in days.
    pub median_wait_days: Option<u32>,
    /// The 90th percentile.
    pub p90_wait_days: Option<u32>,
    /// Per age in years (1–7): of the children who reached that age within the
    /// simulation, the share placed before it.
    pub placed_by_age: BTreeMap<u32, f64>,
    /// Placements by free choice among all placements (0 when none).
    pub free_choice_share: f64,
    /// Where the policy gives places by ranked choices (`RULES.md §5a`): of the children
    /// placed at a kindergarten they ranked, the share placed at their first choice, and
    /// how many such children there were. `None` when there were none (another policy).
    #[serde(default)]
    pub first_choice_share: Option<f64>,
    /// The children placed at a kindergarten they ranked.
    #[serde(default)]
    pub placed_at_a_choice: u32,
    /// Totals over the days: notices, directions, lapses, revocations, vouchers, contracts,
    /// places published.
    pub notices: u64,
    /// Directions issued.
    pub directions: u64,
    /// Directions that lapsed.
    pub lapses: u64,
    /// Directions revoked.
    pub revocations: u64,
    /// Vouchers offered, under a policy that runs vouchers (`RULES.md §8`).
    #[serde(default)]
    pub vouchers: u64,
    /// Contracts signed with a voucher (each an enrolment).
    #[serde(default)]
    pub contracts: u64,
    /// Places published.
    pub places_published: u64,
    /// Mean number of places open to free choice and not taken at the end of a day.
    pub mean_places_idle: f64,
}

/// The `q`-quantile (nearest rank) of sorted values.
fn quantile(sorted: &[u32], q: f64) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    // Nearest rank: the smallest value with at least q of the values at or below it.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

#[allow(clippy::cast_precision_loss)] // counts far below 2⁵²
fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Summary {
    /// Computes the summary of the tables; `months_simulated` of each child is known from
    /// its registration and the last day.
    pub(crate) fn of(children: &ChildTable, days: &DayTable, end: chrono::NaiveDate) -> Self {
        let mut outcomes: BTreeMap<Outcome, u32> = Outcome::ALL.iter().map(|&o| (o, 0)).collect();
        let mut groups: BTreeMap<(PriorityClass, i32), (u32, Vec<u32>)> = BTreeMap::new();
        let mut all_waits = Vec::new();
        let mut by_age: BTreeMap<u32, (u64, u64)> = (1..=7).map(|a| (a, (0, 0))).collect();
        // Placed at a ranked choice; of them at the first.
        let (mut at_choice, mut at_first) = (0_u32, 0_u32);
        for i in (0..children.len()).filter(|&i| !children.warm_up[i]) {
            *outcomes.entry(children.outcome[i]).or_default() += 1;
            let group = groups
                .entry((children.class[i], children.cohort[i]))
                .or_default();
            group.0 += 1;
            if let Some(w) = children.wait_days[i] {
                group.1.push(w);
                all_waits.push(w);
            }
            if let Some(c) = children.choice.get(i).copied().flatten() {
                at_choice += 1;
                at_first += u32::from(c == 0);
            }
            // Age in months at the last day, from the age at registration.
            let months_after = months_between(children.registered[i], end);
            let age_at_end = children.age_months_at_registration[i] + months_after;
            for (&age, (reached, placed)) in &mut by_age {
                if age_at_end >= 12 * age && children.age_months_at_registration[i] < 12 * age {
                    *reached += 1;
                    if children.age_months_at_placement[i].is_some_and(|m| m < 12 * age) {
                        *placed += 1;
                    }
                }
            }
        }
        all_waits.sort_unstable();
        let waits = groups
            .into_iter()
            .map(|((class, cohort), (n, mut w))| {
                w.sort_unstable();
                GroupWaits {
                    class,
                    cohort,
                    children: n,
                    placed: u32::try_from(w.len()).unwrap_or(u32::MAX),
                    median_wait_days: quantile(&w, 0.5),
                    p90_wait_days: quantile(&w, 0.9),
                }
            })
            .collect();
        let sum = |col: &[u32]| col.iter().map(|&x| u64::from(x)).sum::<u64>();
        let by_offer = u64::from(outcomes[&Outcome::PlacedByOffer]);
        let by_free = u64::from(outcomes[&Outcome::PlacedByFreeChoice]);
        Self {
            registered: outcomes.values().sum(),
            outcomes,
            waits,
            median_wait_days: quantile(&all_waits, 0.5),
            p90_wait_days: quantile(&all_waits, 0.9),
            placed_by_age: by_age
                .into_iter()
                .map(|(age, (reached, placed))| (age, ratio(placed, reached)))
                .collect(),
            free_choice_share: ratio(by_free, by_offer + by_free),
            first_choice_share: (at_choice > 0).then(|| f64::from(at_first) / f64::from(at_choice)),
            placed_at_a_choice: at_choice,
            notices: sum(&days.notices),
            directions: sum(&days.directions),
            lapses: sum(&days.lapses),
            revocations: sum(&days.revocations),
            vouchers: sum(&days.vouchers),
            contracts: sum(&days.contracts),
            places_published: sum(&days.published),
            mean_places_idle: ratio(sum(&days.places_idle), days.len() as u64),
        }
    }

    /// The summary as named numbers, for comparisons and reports.
    #[must_use]
    pub fn metrics(&self) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = vec![("registered".into(), f64::from(self.registered))];
        for (o, n) in &self.outcomes {
            out.push((format!("outcome.{}", o.as_str()), f64::from(*n)));
        }
        let days = |d: Option<u32>| d.map_or(f64::NAN, f64::from);
        out.push(("median_wait_days".into(), days(self.median_wait_days)));
        out.push(("p90_wait_days".into(), days(self.p90_wait_days)));
        for g in &self.waits {
            let name = format!("{}.{}", g.class.as_str(), g.cohort);
            out.push((format!("median_wait_days.{name}"), days(g.median_wait_days)));
            out.push((format!("p90_wait_days.{name}"), days(g.p90_wait_days)));
        }
        for (age, share) in &self.placed_by_age {
            out.push((format!("placed_by_age.{age}"), *share));
        }
        out.push(("free_choice_share".into(), self.free_choice_share));
        out.push((
            "first_choice_share".into(),
            self.first_choice_share.unwrap_or(f64::NAN),
        ));
        out.push((
            "placed_at_a_choice".into(),
            f64::from(self.placed_at_a_choice),
        ));
        #[allow(clippy::cast_precision_loss)]
        for (name, n) in [
            ("notices", self.notices),
            ("directions", self.directions),
            ("lapses", self.lapses),
            ("revocations", self.revocations),
            ("vouchers", self.vouchers),
            ("contracts", self.contracts),
            ("places_published", self.places_published),
        ] {
            out.push((name.into(), n as f64));
        }
        out.push(("mean_places_idle".into(), self.mean_places_idle));
        out
    }
}

/// Whole months from `a` to `b` (0 when `b` is before `a`).
pub(crate) fn months_between(a: chrono::NaiveDate, b: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    let month = |d: chrono::NaiveDate| i32::try_from(d.month0()).unwrap_or(0);
    let months = (b.year() - a.year()) * 12 + month(b) - month(a) - i32::from(b.day() < a.day());
    u32::try_from(months).unwrap_or(0)
}

/// One metric in two runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricDiff {
    /// The metric's name (see [`Summary::metrics`]).
    pub metric: String,
    /// Its value in the first run.
    pub a: f64,
    /// Its value in the second run.
    pub b: f64,
    /// `b - a`.
    pub difference: f64,
}

/// Two runs' summaries side by side, metric by metric: the first run's metrics in order,
/// then any only the second has (a metric present in one run only, such as a cohort's
/// wait, gets `NaN` for the other).
#[must_use]
pub fn compare(a: &Summary, b: &Summary) -> Vec<MetricDiff> {
    let left = a.metrics();
    let right = b.metrics();
    let first: BTreeMap<&str, f64> = left.iter().map(|(m, x)| (m.as_str(), *x)).collect();
    let second: BTreeMap<&str, f64> = right.iter().map(|(m, y)| (m.as_str(), *y)).collect();
    let diff = |metric: &str| {
        let x = first.get(metric).copied().unwrap_or(f64::NAN);
        let y = second.get(metric).copied().unwrap_or(f64::NAN);
        MetricDiff {
            metric: metric.to_owned(),
            a: x,
            b: y,
            difference: y - x,
        }
    };
    let only_second = right
        .iter()
        .filter(|(m, _)| !first.contains_key(m.as_str()));
    left.iter()
        .chain(only_second)
        .map(|(m, _)| diff(m))
        .collect()
}
