//! The output tables, read from the engine's own histories at the end of a run: the engine
//! is the authority on what happened to each child and when.

use chrono::{Datelike, NaiveDate};

use super::output::{ChildTable, DayTable, Outcome};
use super::run::Run;
use super::summary::months_between;
use super::SimulationError;
use crate::application::ApplicationId;
use crate::lifecycle::{Reason, State, StateName};

/// Builds the child and day tables of a run simulated over `first..=end`; the day table
/// keeps the days from `start`.
#[allow(clippy::too_many_lines)] // one pass over the events, one over the children
pub(super) fn build(
    run: &Run<'_>,
    first: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(ChildTable, DayTable), SimulationError> {
    let n_days = usize::try_from((end - first).num_days() + 1).unwrap_or(0);
    let mut days = DayTable {
        date: first.iter_days().take(n_days).collect(),
        published: run.published.clone(),
        places_idle: run.idle.clone(),
        ..DayTable::default()
    };
    for col in [
        &mut days.registrations,
        &mut days.notices,
        &mut days.directions,
        &mut days.free_choice,
        &mut days.revocations,
        &mut days.lapses,
        &mut days.enrolments,
        &mut days.vouchers,
        &mut days.contracts,
        &mut days.removals,
    ] {
        *col = vec![0; n_days];
    }
    // Changes of the queue and stop-list sizes per day, summed into levels at the end.
    let mut queue_delta = vec![0i64; n_days];
    let mut stop_delta = vec![0i64; n_days];
    let engine = &run.engine;
    // What each child's events say, read in one pass over every event as stored (a
    // child's own events stay in order).
    let mut seen = vec![Seen::default(); run.children.len()];
    let first_day = first.num_days_from_ce();
    for (id, e) in engine.transitions() {
        // Day numbers, not a date difference: this runs for every event of a city.
        let Some(d) = usize::try_from(e.at.date().num_days_from_ce() - first_day)
            .ok()
            .filter(|&d| d < n_days)
        else {
            continue;
        };
        // Application `n` is the simulation's child `n - 1`.
        let Some(child) = usize::try_from(id.0 - 1).ok().and_then(|i| seen.get_mut(i)) else {
            continue;
        };
        let count = |col: &mut Vec<u32>| col[d] += 1;
        match e.reason {
            Reason::Registered => count(&mut days.registrations),
            Reason::NoticeSent => {
                child.notices += 1;
                count(&mut days.notices);
            }
            Reason::DirectionIssued | Reason::FreeChoiceTaken => {
                child.by_free_choice = e.reason == Reason::FreeChoiceTaken;
                count(&mut days.directions);
                if child.by_free_choice {
                    count(&mut days.free_choice);
                }
            }
            Reason::DirectionRevoked => count(&mut days.revocations),
            Reason::VoucherOffered => count(&mut days.vouchers),
            Reason::ContractSigned => count(&mut days.contracts),
            Reason::DirectionLapsed | Reason::RemovedAfterLapses | Reason::RightNotConfirmed => {
                child.lapses += 1;
                count(&mut days.lapses);
            }
            _ => {}
        }
        if e.to == StateName::Enrolled && e.from != StateName::Enrolled {
            child.placed = Some(e.at.date());
            count(&mut days.enrolments);
        }
        if e.to == StateName::Removed {
            count(&mut days.removals);
        }
        if matches!(e.to, StateName::Removed | StateName::Withdrawn) {
            child.left = Some(e.at.date());
        }
        let (stood, stands) = (e.from.stands_in_queue(), e.to.stands_in_queue());
        queue_delta[d] += i64::from(stands) - i64::from(stood);
        let (was, is) = (
            e.from == StateName::StopListed,
            e.to == StateName::StopListed,
        );
        stop_delta[d] += i64::from(is) - i64::from(was);
    }
    let mut children = ChildTable::default();
    for (i, (child, seen)) in run.children.iter().zip(seen).enumerate() {
        let id = ApplicationId(u64::try_from(i + 1).unwrap_or(u64::MAX));
        let app = engine.application(id)?;
        let registered = app.registered_at.date();
        let Seen {
            notices,
            lapses,
            by_free_choice,
            placed,
            left,
        } = seen;
        let state = engine.state(id)?;
        let (outcome, removal) = match state {
            State::Enrolled { .. } if by_free_choice => (Outcome::PlacedByFreeChoice, None),
            State::Enrolled { .. } => (Outcome::PlacedByOffer, None),
            State::DirectionIssued(_) => (Outcome::HoldingDirection, None),
            State::Removed { reason, .. } => (Outcome::Removed, Some(*reason)),
            State::Withdrawn { .. } => (Outcome::Removed, None),
            _ => (Outcome::StillWaiting, None),
        };
        let born = app.child_birth_date;
        children.id.push(id.0);
        children.warm_up.push(registered < start);
        children.district.push(app.address.district.clone());
        children.cohort.push(born.year());
        children.class.push(app.class);
        children.group_type.push(app.group_type);
        children.language.push(app.language);
        children.age_months_at_registration.push(child.age_months);
        children.registered.push(registered);
        let placed = placed.filter(|_| outcome.is_placed());
        children.placed.push(placed);
        children
            .left
            .push(left.filter(|_| outcome == Outcome::Removed));
        children
            .wait_days
            .push(placed.map(|p| u32::try_from((p - registered).num_days()).unwrap_or(0)));
        children
            .age_months_at_placement
            .push(placed.map(|p| months_between(born, p)));
        children.outcome.push(outcome);
        children.removal.push(removal);
        children.notices.push(notices);
        children.lapses.push(lapses);
        let choice = match state {
            State::Enrolled { kindergarten, .. } if outcome.is_placed() => app
                .ranked_choices
                .iter()
                .position(|c| c == kindergarten)
                .and_then(|p| u32::try_from(p).ok()),
            _ => None,
        };
        children.choice.push(choice);
    }
    days.queue = levels(&queue_delta);
    days.stop_list = levels(&stop_delta);
    let skip = usize::try_from((start - first).num_days()).unwrap_or(0);
    Ok((children, days.skip_rows(skip)))
}

/// What one child's events say.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    notices: u32,
    lapses: u32,
    /// Whether its latest direction came by free choice.
    by_free_choice: bool,
    /// The day of its latest enrolment.
    placed: Option<NaiveDate>,
    /// The day it was last removed or withdrew.
    left: Option<NaiveDate>,
}

/// Running sums of daily changes.
fn levels(delta: &[i64]) -> Vec<u32> {
    delta
        .iter()
        .scan(0i64, |level, d| {
            *level += d;
            Some(u32::try_from(*level).unwrap_or(0))
        })
        .collect()
}

impl DayTable {
    /// The rows from `skip` on.
    fn skip_rows(self, skip: usize) -> Self {
        let cut = |v: Vec<u32>| v.into_iter().skip(skip).collect();
        DayTable {
            date: self.date.into_iter().skip(skip).collect(),
            registrations: cut(self.registrations),
            published: cut(self.published),
            notices: cut(self.notices),
            directions: cut(self.directions),
            free_choice: cut(self.free_choice),
            revocations: cut(self.revocations),
            lapses: cut(self.lapses),
            enrolments: cut(self.enrolments),
            vouchers: cut(self.vouchers),
            contracts: cut(self.contracts),
            removals: cut(self.removals),
            queue: cut(self.queue),
            stop_list: cut(self.stop_list),
            places_idle: cut(self.places_idle),
        }
    }
}
