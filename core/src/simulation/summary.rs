//! Summary statistics of a simulation and the comparison of two runs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::idle::Idle;
use super::survival::{Spell, Waits};
use super::{ChildTable, DayTable, Outcome};
use crate::benefit::PriorityClass;

/// The waits of one group of children: a priority class and a cohort, or all of either
/// (`None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupWaits {
    /// The priority class at registration; `None`: every class.
    pub class: Option<PriorityClass>,
    /// The birth year; `None`: every cohort.
    pub cohort: Option<i32>,
    /// Children of the group registered in the window (the warm-up's left out).
    pub registered: u32,
    /// Their waits, over every child of the group waiting in the window.
    pub waits: Waits,
}

/// Of the children still waiting at the end, those old enough for an offer under the
/// policy's minimum age (or in a group it does not apply to), and those too young.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingAtEnd {
    /// Old enough to be offered a place.
    pub old_enough: u32,
    /// Too young for an offer: waiting for their turn to come at all.
    pub too_young: u32,
}

impl WaitingAtEnd {
    /// One more child, `old_enough` or not.
    fn count(&mut self, old_enough: bool) {
        self.old_enough += u32::from(old_enough);
        self.too_young += u32::from(!old_enough);
    }
}

/// Of the children who reached an age within the simulation (younger than it when they
/// registered), how many were placed before it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AgeShare {
    /// Children who reached the age.
    pub reached: u32,
    /// Of them, placed before it.
    pub placed: u32,
    /// `placed / reached`; `None` when nobody reached the age.
    pub share: Option<f64>,
}

/// The summary of a run: every figure with the count it rests on; a figure with nothing
/// to rest on is `None` (missing), never 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Children registered from the first reported day (the warm-up's are left out).
    pub registered: u32,
    /// Those children per outcome (each has exactly one).
    pub outcomes: BTreeMap<Outcome, u32>,
    /// Of the children registered in the window, those still waiting at the end
    /// (`outcomes`' `still_waiting`), old enough for an offer or too young.
    pub still_waiting: WaitingAtEnd,
    /// Every child still waiting at the end, registered in the window or before: the
    /// queue the run leaves.
    pub queue_at_end: WaitingAtEnd,
    /// The waits of every child waiting in the window (see [`Waits`]).
    pub wait: Waits,
    /// The same per priority class (every cohort), classes in queue order, then per
    /// class and cohort.
    pub waits: Vec<GroupWaits>,
    /// Per age in years (1–7), the share placed before it (see [`AgeShare`]).
    pub placed_by_age: BTreeMap<u32, AgeShare>,
    /// Placements by free choice among all placements of the children registered in the
    /// window (`None` when none was placed).
    pub free_choice_share: Option<f64>,
    /// Where the policy gives places by ranked choices (`RULES.md §5a`): of the children
    /// placed at a kindergarten they ranked, the share placed at their first choice, and
    /// how many such children there were. `None` when there were none (another policy).
    #[serde(default)]
    pub first_choice_share: Option<f64>,
    /// The children placed at a kindergarten they ranked.
    #[serde(default)]
    pub placed_at_a_choice: u32,
    /// Totals over the reported days: notices, directions, lapses, revocations, vouchers,
    /// contracts, places published.
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
    /// Places open to free choice and not taken at the end of each reported day.
    pub idle: Idle,
}

/// The children's side of a summary: who they are, as the child table says, and the
/// window's days.
pub(crate) struct Window {
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    /// The policy's minimum age for an offer, in months, and whether it applies to the
    /// specialised groups.
    pub(crate) min_offer_age: (u32, bool),
}

/// The spells and waits of one group, gathered.
#[derive(Default)]
struct Gathered {
    registered: u32,
    spells: Vec<Spell>,
    placed: Vec<u32>,
}

impl Gathered {
    fn waits(&mut self) -> Waits {
        Waits::of(&self.spells, &mut self.placed)
    }
}

/// `a / b`, `None` when `b` is 0.
#[allow(clippy::cast_precision_loss)] // counts far below 2⁵²
fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Days from `a` to `b` (0 when `b` is before `a`).
fn days(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from((b - a).num_days()).unwrap_or(0)
}

impl Summary {
    /// Computes the summary of the tables over `window`, with the run's `idle` places.
    pub(crate) fn of(
        children: &ChildTable,
        days_table: &DayTable,
        window: &Window,
        idle: Idle,
    ) -> Self {
        let Window {
            start,
            end,
            min_offer_age,
        } = *window;
        let mut outcomes: BTreeMap<Outcome, u32> = Outcome::ALL.iter().map(|&o| (o, 0)).collect();
        let mut all = Gathered::default();
        let mut groups: BTreeMap<(PriorityClass, Option<i32>), Gathered> = BTreeMap::new();
        let mut by_age: BTreeMap<u32, (u32, u32)> = (1..=7).map(|a| (a, (0, 0))).collect();
        let (mut still_waiting, mut queue_at_end) =
            (WaitingAtEnd::default(), WaitingAtEnd::default());
        // Placed at a ranked choice; of them at the first.
        let (mut at_choice, mut at_first) = (0_u32, 0_u32);
        for i in 0..children.len() {
            let (class, cohort) = (children.class[i], children.cohort[i]);
            let registered = children.registered[i];
            let age_at_end =
                children.age_months_at_registration[i] + months_between(registered, end);
            let in_window = !children.warm_up[i];
            if children.outcome[i] == Outcome::StillWaiting {
                let exempt = children.group_type[i].is_specialised() && !min_offer_age.1;
                let old_enough = exempt || age_at_end >= min_offer_age.0;
                queue_at_end.count(old_enough);
                if in_window {
                    still_waiting.count(old_enough);
                }
            }
            // Its spell in the window, if it waited on some day of it.
            let placed_on = children.placed[i];
            let left_on = placed_on.or(children.left[i]).unwrap_or(end);
            let spell = (left_on >= start).then(|| Spell {
                entry: days(registered, start.max(registered)),
                exit: days(registered, left_on),
                placed: placed_on.is_some(),
            });
            let placed_wait = placed_on
                .filter(|&p| p >= start)
                .map(|p| days(registered, p));
            let gather = |g: &mut Gathered| {
                g.registered += u32::from(in_window);
                g.spells.extend(spell);
                g.placed.extend(placed_wait);
            };
            gather(&mut all);
            gather(groups.entry((class, None)).or_default());
            gather(groups.entry((class, Some(cohort))).or_default());
            if !in_window {
                continue;
            }
            *outcomes.entry(children.outcome[i]).or_default() += 1;
            if let Some(c) = children.choice.get(i).copied().flatten() {
                at_choice += 1;
                at_first += u32::from(c == 0);
            }
            let registered_at = children.age_months_at_registration[i];
            for (&age, (reached, placed)) in &mut by_age {
                if age_at_end >= 12 * age && registered_at < 12 * age {
                    *reached += 1;
                    let placed_at = children.age_months_at_placement[i];
                    *placed += u32::from(placed_at.is_some_and(|m| m < 12 * age));
                }
            }
        }
        let waits = group_rows(groups);
        let sum = |col: &[u32]| col.iter().map(|&x| u64::from(x)).sum::<u64>();
        let by_offer = u64::from(outcomes[&Outcome::PlacedByOffer]);
        let by_free = u64::from(outcomes[&Outcome::PlacedByFreeChoice]);
        Self {
            registered: outcomes.values().sum(),
            outcomes,
            still_waiting,
            queue_at_end,
            wait: all.waits(),
            waits,
            placed_by_age: by_age
                .into_iter()
                .map(|(age, (reached, placed))| {
                    let share = ratio(placed.into(), reached.into());
                    (
                        age,
                        AgeShare {
                            reached,
                            placed,
                            share,
                        },
                    )
                })
                .collect(),
            free_choice_share: ratio(by_free, by_offer + by_free),
            first_choice_share: (at_choice > 0).then(|| f64::from(at_first) / f64::from(at_choice)),
            placed_at_a_choice: at_choice,
            notices: sum(&days_table.notices),
            directions: sum(&days_table.directions),
            lapses: sum(&days_table.lapses),
            revocations: sum(&days_table.revocations),
            vouchers: sum(&days_table.vouchers),
            contracts: sum(&days_table.contracts),
            places_published: sum(&days_table.published),
            idle,
        }
    }

    /// The summary as named numbers, for comparisons and reports: a missing figure is
    /// `NaN`. Names: `registered`, `outcome.<outcome>`, `still_waiting.<old_enough|
    /// too_young>`, `queue_at_end.<old_enough|too_young>`, `wait.<field>` (fields of [`Waits`]), `wait.<class>.<field>`,
    /// `wait.<class>.<cohort>.<field>`, `placed_by_age.<age>` (the share),
    /// `free_choice_share`, `first_choice_share`, `placed_at_a_choice`, the totals,
    /// `idle.mean_places`.
    #[must_use]
    pub fn metrics(&self) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = vec![("registered".into(), f64::from(self.registered))];
        for (o, n) in &self.outcomes {
            out.push((format!("outcome.{}", o.as_str()), f64::from(*n)));
        }
        for (name, w) in [
            ("still_waiting", self.still_waiting),
            ("queue_at_end", self.queue_at_end),
        ] {
            out.push((format!("{name}.old_enough"), f64::from(w.old_enough)));
            out.push((format!("{name}.too_young"), f64::from(w.too_young)));
        }
        waits_metrics(&mut out, "wait", &self.wait);
        for g in &self.waits {
            let class = g.class.map_or("all", PriorityClass::as_str);
            let name = match g.cohort {
                Some(cohort) => format!("wait.{class}.{cohort}"),
                None => format!("wait.{class}"),
            };
            waits_metrics(&mut out, &name, &g.waits);
        }
        let or_nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
        for (age, share) in &self.placed_by_age {
            out.push((format!("placed_by_age.{age}"), or_nan(share.share)));
        }
        out.push(("free_choice_share".into(), or_nan(self.free_choice_share)));
        out.push(("first_choice_share".into(), or_nan(self.first_choice_share)));
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
        out.push(("idle.mean_places".into(), self.idle.mean_places));
        out
    }
}

/// The rows of `groups`: per class (every cohort), then per class and cohort.
fn group_rows(groups: BTreeMap<(PriorityClass, Option<i32>), Gathered>) -> Vec<GroupWaits> {
    let (every_cohort, per_cohort): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|((_, cohort), _)| cohort.is_none());
    every_cohort
        .into_iter()
        .chain(per_cohort)
        .map(|((class, cohort), mut g)| GroupWaits {
            class: Some(class),
            cohort,
            registered: g.registered,
            waits: g.waits(),
        })
        .collect()
}

/// The metrics of `waits` under `name`.
fn waits_metrics(out: &mut Vec<(String, f64)>, name: &str, waits: &Waits) {
    let days = |d: Option<u32>| d.map_or(f64::NAN, f64::from);
    out.push((format!("{name}.placed"), f64::from(waits.placed)));
    out.push((format!("{name}.median_days"), days(waits.median_days)));
    out.push((format!("{name}.p90_days"), days(waits.p90_days)));
    out.push((format!("{name}.at_risk"), f64::from(waits.at_risk)));
    out.push((format!("{name}.km_median_days"), days(waits.km_median_days)));
    out.push((format!("{name}.km_p90_days"), days(waits.km_p90_days)));
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
