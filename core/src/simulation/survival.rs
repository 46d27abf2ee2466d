//! How long children wait for a place, as an analyst can compare it between runs: the
//! observed waits of the children placed in the reported window, and the Kaplan–Meier
//! estimate that also counts the children still waiting (Kaplan & Meier 1958; with delayed
//! entry for those registered before the window, as in a period life table).
//!
//! Written by hand: the estimate is a few lines over sorted integers, and no crate we use
//! has it with delayed entry.

use serde::{Deserialize, Serialize};

/// One child's time in the window, in days since its registration: from `entry` (0 when
/// it registered inside the window) to `exit`, placed then or not (still waiting at the
/// end, or gone: removed or withdrawn, censored when it left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spell {
    pub(crate) entry: u32,
    pub(crate) exit: u32,
    pub(crate) placed: bool,
}

/// The wait for a place of a group of children (see the module). Every figure in days
/// from registration to enrolment; `None` where there is no figure (nobody placed; a
/// survival curve that never falls that low), never 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Waits {
    /// Children enrolled within the window, whatever the day they registered.
    pub placed: u32,
    /// Their median wait.
    pub median_days: Option<u32>,
    /// Their 90th percentile wait.
    pub p90_days: Option<u32>,
    /// Children waiting on some day of the window: the Kaplan–Meier estimate's sample
    /// (its placements are `placed`).
    pub at_risk: u32,
    /// Kaplan–Meier: the wait by which half the children are placed, counting those
    /// still waiting (censored at the window's end) and those who left the queue
    /// (censored when they left, as if they would have waited on).
    pub km_median_days: Option<u32>,
    /// Kaplan–Meier: the wait by which 90% are placed.
    pub km_p90_days: Option<u32>,
}

impl Waits {
    /// The waits of `spells` (every child of the group waiting in the window) and
    /// `placed_waits` (the waits of those placed in it, sorted here).
    pub(crate) fn of(spells: &[Spell], placed_waits: &mut [u32]) -> Self {
        placed_waits.sort_unstable();
        let (km_median_days, km_p90_days) = kaplan_meier(spells);
        Self {
            placed: u32::try_from(placed_waits.len()).unwrap_or(u32::MAX),
            median_days: quantile(placed_waits, 0.5),
            p90_days: quantile(placed_waits, 0.9),
            at_risk: u32::try_from(spells.len()).unwrap_or(u32::MAX),
            km_median_days,
            km_p90_days,
        }
    }
}

/// The `q`-quantile (nearest rank) of sorted values.
pub(crate) fn quantile(sorted: &[u32], q: f64) -> Option<u32> {
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

/// The Kaplan–Meier survival of `spells` (a child is at risk on day `t` when
/// `entry ≤ t ≤ exit`): the first days on which it falls to 0.5 and to 0.1. Counted per
/// day (days are few: a run's length), not sorted.
#[allow(clippy::cast_precision_loss)] // counts far below 2⁵²
fn kaplan_meier(spells: &[Spell]) -> (Option<u32>, Option<u32>) {
    let Some(last) = spells.iter().map(|s| s.exit.max(s.entry)).max() else {
        return (None, None);
    };
    let days = usize::try_from(last).map_or(0, |d| d + 1);
    // Per day: children entering, leaving (placed or not), placed.
    let (mut entering, mut leaving, mut placed) =
        (vec![0_u32; days], vec![0_u32; days], vec![0_u32; days]);
    for s in spells {
        entering[s.entry as usize] += 1;
        leaving[s.exit as usize] += 1;
        placed[s.exit as usize] += u32::from(s.placed);
    }
    let (mut survival, mut median, mut p90) = (1.0_f64, None, None);
    // Entered on or before the day, not left before it.
    let (mut entered, mut left) = (0_u64, 0_u64);
    for t in 0..days {
        entered += u64::from(entering[t]);
        let at_risk = entered.saturating_sub(left);
        if placed[t] > 0 && at_risk > 0 {
            survival *= 1.0 - f64::from(placed[t]) / at_risk as f64;
            let day = u32::try_from(t).unwrap_or(u32::MAX);
            if median.is_none() && survival <= 0.5 {
                median = Some(day);
            }
            if survival <= 0.1 {
                p90 = Some(day);
                break;
            }
        }
        left += u64::from(leaving[t]);
    }
    (median, p90)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The estimate as the textbook writes it: over the sorted distinct days a child was
    /// placed, the children at risk counted from the sorted entries and exits.
    #[allow(clippy::cast_precision_loss)]
    fn kaplan_meier_sorted(spells: &[Spell]) -> (Option<u32>, Option<u32>) {
        let mut entries: Vec<u32> = spells.iter().map(|s| s.entry).collect();
        let mut exits: Vec<u32> = spells.iter().map(|s| s.exit).collect();
        let mut events: Vec<u32> = spells.iter().filter(|s| s.placed).map(|s| s.exit).collect();
        entries.sort_unstable();
        exits.sort_unstable();
        events.sort_unstable();
        events.dedup();
        let (mut survival, mut median, mut p90) = (1.0_f64, None, None);
        for t in events {
            let placed = spells.iter().filter(|s| s.placed && s.exit == t).count();
            let at_risk = entries.partition_point(|&e| e <= t) - exits.partition_point(|&e| e < t);
            survival *= 1.0 - placed as f64 / at_risk as f64;
            if median.is_none() && survival <= 0.5 {
                median = Some(t);
            }
            if survival <= 0.1 {
                p90 = Some(t);
                break;
            }
        }
        (median, p90)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
        /// Counted per day, the estimate is the textbook's.
        #[test]
        fn counted_per_day_it_is_the_sorted_estimate(
            spells in proptest::collection::vec((0..60_u32, 0..60_u32, any::<bool>()), 0..80),
        ) {
            let spells: Vec<Spell> = spells
                .into_iter()
                .map(|(a, b, placed)| spell(a.min(b), a.max(b), placed))
                .collect();
            prop_assert_eq!(kaplan_meier(&spells), kaplan_meier_sorted(&spells));
        }
    }

    fn spell(entry: u32, exit: u32, placed: bool) -> Spell {
        Spell {
            entry,
            exit,
            placed,
        }
    }

    #[test]
    fn without_censoring_it_is_the_empirical_distribution() {
        // Placed after 10, 20, 30, 40 days: S = 0.75, 0.5, 0.25, 0.
        let spells: Vec<Spell> = [10, 20, 30, 40].map(|t| spell(0, t, true)).to_vec();
        assert_eq!(kaplan_meier(&spells), (Some(20), Some(40)));
    }

    #[test]
    fn children_still_waiting_hold_the_curve_up() {
        // Two placed early, three still waiting at day 100: S falls to 0.6 only.
        let mut spells = vec![spell(0, 10, true), spell(0, 20, true)];
        spells.extend([spell(0, 100, false); 3]);
        assert_eq!(kaplan_meier(&spells), (None, None));
        // The placed-only median would say 10 days.
        let w = Waits::of(&spells, &mut [20, 10]);
        assert_eq!((w.placed, w.median_days, w.at_risk), (2, Some(10), 5));
        assert_eq!(w.km_median_days, None);
    }

    #[test]
    fn a_child_entering_late_is_not_at_risk_before_it_entered() {
        // Registered long before the window (enters at day 300, placed at 310), and two
        // registered in it, one placed at 5, one still waiting at 400: on day 5 two are
        // at risk (S = 0.5), on day 310 two again (S = 0.25). Counted at risk from day 0,
        // the first would hold S at 2/3 on day 5.
        let spells = [
            spell(300, 310, true),
            spell(0, 5, true),
            spell(0, 400, false),
        ];
        assert_eq!(kaplan_meier(&spells), (Some(5), None));
        // Censoring: a child that left at day 8 counts at day 5, not at day 310.
        let spells = [spell(0, 5, true), spell(0, 8, false), spell(300, 310, true)];
        // Day 5: 2 at risk, S = 0.5; day 310: 1 at risk, S = 0.
        assert_eq!(kaplan_meier(&spells), (Some(5), Some(310)));
    }

    #[test]
    fn nobody_placed_gives_no_figure_never_zero() {
        let w = Waits::of(&[spell(0, 40, false)], &mut []);
        assert_eq!(w.placed, 0);
        assert_eq!((w.median_days, w.p90_days), (None, None));
        assert_eq!((w.km_median_days, w.km_p90_days), (None, None));
    }
}
