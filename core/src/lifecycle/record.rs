//! One application's live record, and the deadlines that fall due on it (`RULES.md §2–§6`).
//!
//! Everything here is a pure function of the record, the policy and the calendar, so the
//! engine can apply deadlines for real (`advance_to`) or project a record to a later
//! moment to judge a command without changing anything.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::event::Reason;
use super::state::{RemovalReason, State};
use crate::application::Application;
use crate::benefit::PriorityClass;
use crate::calendar::{Deadline, WorkCalendar};
use crate::period::Period;
use crate::policy::Policy;
use crate::queue::OrderKey;

/// The next confirmation of interest (`RULES.md §2` \[004\]: every 12 months from
/// registration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interest {
    /// Which anniversary comes next (1 = the first).
    pub anniversary: u32,
    /// Whether the applicant confirmed interest for it.
    pub confirmed: bool,
}

/// An application and everything the engine knows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Record {
    /// Shared, so that copying a record to judge a command copies no strings; changed
    /// through `Arc::make_mut`.
    pub(crate) app: Arc<Application>,
    pub(crate) state: State,
    /// Where it stands in its queue (the batch's best key for linked twins).
    pub(crate) order: OrderKey,
    /// Directions lapsed so far.
    pub(crate) lapses: u32,
    pub(crate) interest: Interest,
    /// The batch of twins or triplets it belongs to, named by its lowest id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) batch: Option<crate::application::ApplicationId>,
    /// Inactive applications restored so far (`RULES.md §8`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub(crate) restores: u32,
    /// Whether the child has other applications (another group type, another area): only
    /// then must an offer look at them. Derived from the engine's child index, not stored.
    #[serde(skip)]
    pub(crate) shared_child: bool,
    /// What an offer screens for every child, copied from `app` (kept in step by
    /// `Engine::commit`; rebuilt on snapshot load).
    #[serde(skip)]
    pub(crate) facts: crate::eligibility::ChildFacts,
    /// The catalogue's numbers of `app.ranked_choices`, in their order (`RULES.md §5a`):
    /// a round reads them beside the record, not through the application (kept in step
    /// by `Engine::commit`; rebuilt on snapshot load).
    #[serde(skip)]
    pub(crate) choices: smallvec::SmallVec<[u32; 4]>,
    /// Its queue in the engine's indices, and where it was last placed in the standing
    /// index (a lookup hint): engine bookkeeping kept here because every change reads
    /// them with the record (rebuilt on snapshot load).
    #[serde(skip)]
    pub(crate) queue: crate::queue::QueueId,
    #[serde(skip)]
    pub(crate) placement: Option<crate::queue::Placement>,
    /// The end of one anniversary of interest, computed once (see
    /// [`Record::anniversary`]); derived, not stored.
    #[serde(skip)]
    pub(crate) anniversary_seen: Option<(u32, Option<Deadline>)>,
    /// Where its history ends in the engine's list of events (kept by the engine).
    #[serde(skip)]
    pub(crate) history: super::history::HistoryEnds,
    /// Its next deadline as scheduled in the engine's [`super::dues::Dues`] (kept by the
    /// engine; rebuilt on snapshot load).
    #[serde(skip)]
    pub(crate) due: super::dues::Slot,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A kind of deadline, in the order deadlines due at the same moment are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// The choice window of a notice ends (`RULES.md §5`).
    NoticeExpires,
    /// An out-of-turn right was not confirmed in person in time (`RULES.md §3`).
    RightExpires,
    /// The child was not brought within the show-up window (`RULES.md §6`).
    DirectionLapses,
    /// The stop-list ends (`RULES.md §6`).
    StopListEnds,
    /// An anniversary of registration: interest must have been confirmed (`RULES.md §2`).
    InterestAnniversary,
    /// The child reaches the maximum age (`RULES.md §4`).
    AgesOut,
    /// A voucher was not confirmed in time: the application becomes inactive (`RULES.md §8`).
    ConsentExpires,
    /// The contract of a confirmed voucher was not signed in time (`RULES.md §8`).
    ContractExpires,
    /// An inactive application was not restored in time: it is removed (`RULES.md §8`).
    RestoreExpires,
}

impl DueKind {
    /// Every variant, in declaration order.
    pub const ALL: [DueKind; 9] = [
        DueKind::NoticeExpires,
        DueKind::RightExpires,
        DueKind::DirectionLapses,
        DueKind::StopListEnds,
        DueKind::InterestAnniversary,
        DueKind::AgesOut,
        DueKind::ConsentExpires,
        DueKind::ContractExpires,
        DueKind::RestoreExpires,
    ];

    /// Whether applying it changes the application itself (an unconfirmed right takes
    /// the benefit away), not only the record's state.
    pub(crate) fn changes_application(self) -> bool {
        self == DueKind::RightExpires
    }
}

/// What a deadline did to a record.
pub(crate) struct Applied {
    pub(crate) reason: Reason,
    pub(crate) detail: Option<super::detail::Detail>,
}

/// Midnight starting `day`.
fn midnight(day: chrono::NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN)
}

impl Record {
    /// Reads fields spread over the whole record, so that every cache line of it is
    /// loaded (see [`super::Engine::touch`]); the sum means nothing.
    pub(crate) fn touch(&self) -> u64 {
        u64::from(self.batch.is_some())
            .wrapping_add(u64::from(self.interest.anniversary))
            .wrapping_add(self.order.id.0)
            .wrapping_add(u64::from(matches!(self.state, State::Queued)))
            .wrapping_add(self.due.version())
            // The pointer itself (its line of the record), not the application.
            .wrapping_add(Arc::as_ptr(&self.app) as usize as u64)
            .wrapping_add(u64::from(self.restores))
            .wrapping_add(u64::from(self.lapses))
    }

    /// The end of the `k`-th anniversary of registration, or `None` past the calendar:
    /// from [`Record::anniversary_seen`] when it holds the `k`-th.
    pub(crate) fn anniversary(
        &self,
        k: u32,
        policy: &Policy,
        cal: &WorkCalendar,
    ) -> Option<Deadline> {
        match self.anniversary_seen {
            Some((seen, deadline)) if seen == k => deadline,
            _ => self.compute_anniversary(k, policy, cal),
        }
    }

    /// Keeps the end of the next anniversary (`interest.anniversary`) at hand: every
    /// change of a waiting record reads it.
    pub(crate) fn see_anniversary(&mut self, policy: &Policy, cal: &WorkCalendar) {
        let k = self.interest.anniversary;
        if self.anniversary_seen.is_none_or(|(seen, _)| seen != k) {
            self.anniversary_seen = Some((k, self.compute_anniversary(k, policy, cal)));
        }
    }

    fn compute_anniversary(&self, k: u32, policy: &Policy, cal: &WorkCalendar) -> Option<Deadline> {
        let every = policy.interest_confirmation_every;
        let period = Period {
            amount: every.amount.checked_mul(k)?,
            unit: every.unit,
        };
        cal.provisional()
            .deadline(self.facts.registered_at, period)
            .ok()
            .map(|a| a.value)
    }

    /// The earliest deadline still pending on this record.
    pub(crate) fn next_due(
        &self,
        policy: &Policy,
        cal: &WorkCalendar,
    ) -> Option<(NaiveDateTime, DueKind)> {
        // The earliest of at most three, kept without a collection: this runs on every change.
        let mut next: Option<(NaiveDateTime, DueKind)> = None;
        let mut due = |d: (NaiveDateTime, DueKind)| {
            if next.is_none_or(|n| d < n) {
                next = Some(d);
            }
        };
        match &self.state {
            State::NoticeSent { choose_by, .. } => {
                due((choose_by.ends_at, DueKind::NoticeExpires));
            }
            State::DirectionIssued(d) => {
                if let Some(r) = d.right_confirm_by {
                    due((r.ends_at, DueKind::RightExpires));
                }
                due((d.show_up_by.ends_at, DueKind::DirectionLapses));
            }
            State::StopListed { until, .. } => due((until.ends_at, DueKind::StopListEnds)),
            State::VoucherOffered { consent_by, .. } => {
                due((consent_by.ends_at, DueKind::ConsentExpires));
            }
            State::VoucherConfirmed { contract_by, .. } => {
                due((contract_by.ends_at, DueKind::ContractExpires));
            }
            State::Inactive { restore_by, .. } => {
                due((restore_by.ends_at, DueKind::RestoreExpires));
            }
            _ => {}
        }
        if self.state.stands_in_queue() {
            if let Some(a) = self.anniversary(self.interest.anniversary, policy, cal) {
                due((a.ends_at, DueKind::InterestAnniversary));
            }
            if let Some(t) = self.facts.ages_out_at {
                due((t, DueKind::AgesOut));
            }
        }
        next
    }

    /// Moves the next anniversary past `t` (after a time away from the queue, holding a
    /// direction, when anniversaries are not asked for).
    pub(crate) fn catch_up_interest(
        &mut self,
        t: NaiveDateTime,
        policy: &Policy,
        cal: &WorkCalendar,
    ) {
        while let Some(a) = self.anniversary(self.interest.anniversary, policy, cal) {
            if a.ends_at > t {
                break;
            }
            self.interest = Interest {
                anniversary: self.interest.anniversary + 1,
                confirmed: false,
            };
        }
    }

    /// Applies the deadline `kind` that fell due at `at`.
    pub(crate) fn apply_due(
        &mut self,
        kind: DueKind,
        at: NaiveDateTime,
        policy: &Policy,
        cal: &WorkCalendar,
    ) -> Applied {
        let mut detail = None;
        let reason = match kind {
            DueKind::NoticeExpires => {
                self.state = State::Queued;
                Reason::NoticeExpired
            }
            DueKind::RightExpires => {
                // RULES.md §3 [pub-M]: back to the general queue at the original moment.
                let app = Arc::make_mut(&mut self.app);
                app.benefit = None;
                app.class = PriorityClass::General;
                self.stop_list(at, policy, cal);
                detail = Some(super::detail::Detail::Static(self.app.class.as_str()));
                Reason::RightNotConfirmed
            }
            DueKind::DirectionLapses => {
                self.lapses += 1;
                if self.lapses >= policy.lapses_before_removal {
                    self.state = State::Removed {
                        reason: RemovalReason::Lapses,
                        at,
                    };
                    Reason::RemovedAfterLapses
                } else {
                    self.stop_list(at, policy, cal);
                    Reason::DirectionLapsed
                }
            }
            DueKind::StopListEnds => {
                self.state = State::Queued;
                Reason::StopListEnded
            }
            DueKind::InterestAnniversary => {
                if self.interest.confirmed {
                    self.interest = Interest {
                        anniversary: self.interest.anniversary + 1,
                        confirmed: false,
                    };
                    detail = Some(super::detail::Detail::Anniversary(
                        self.interest.anniversary - 1,
                    ));
                    Reason::InterestConfirmed
                } else {
                    self.state = State::Removed {
                        reason: RemovalReason::InterestNotConfirmed,
                        at,
                    };
                    Reason::InterestNotConfirmed
                }
            }
            DueKind::AgesOut => {
                self.state = State::Removed {
                    reason: RemovalReason::AgedOut,
                    at,
                };
                Reason::AgedOut
            }
            DueKind::ConsentExpires => {
                let restore_by = restore_end(at, policy, cal);
                detail = Some(super::detail::Detail::Date(restore_by.last_day));
                self.state = State::Inactive {
                    since: at,
                    restore_by,
                };
                Reason::VoucherNotConfirmed
            }
            DueKind::ContractExpires => {
                // RULES.md §8 does not say: kezek returns the child to the queue in its
                // place, as when a notice's choice window passes (`RULES.md §5`).
                self.state = State::Queued;
                Reason::ContractNotSigned
            }
            DueKind::RestoreExpires => {
                self.state = State::Removed {
                    reason: RemovalReason::NotRestored,
                    at,
                };
                Reason::NotRestored
            }
        };
        Applied { reason, detail }
    }

    /// Puts the child on the stop-list from `at` ([`stop_list_end`]).
    fn stop_list(&mut self, at: NaiveDateTime, policy: &Policy, cal: &WorkCalendar) {
        let until = stop_list_end(at, policy, cal);
        self.state = State::StopListed { since: at, until };
        self.catch_up_interest(at, policy, cal);
    }

    /// This record as it would stand at moment `t`, its own deadlines applied: itself
    /// when none falls due by then, otherwise a copy.
    pub(crate) fn projected(
        &self,
        t: NaiveDateTime,
        policy: &Policy,
        cal: &WorkCalendar,
    ) -> Cow<'_, Record> {
        let mut r = Cow::Borrowed(self);
        while let Some((due, kind)) = r.next_due(policy, cal) {
            if due > t {
                break;
            }
            r.to_mut().apply_due(kind, due, policy, cal);
        }
        r
    }
}

/// A deadline counted from `start` when it is needed, on the calendar as it stands: by the
/// statutory rules alone, and marked provisional, where a year has no decree data
/// (`RULES.md §9`; issue 23).
///
/// # Errors
/// `CALENDAR_OUT_OF_RANGE` when the count leaves the calendar's span.
pub(crate) fn count(
    cal: &WorkCalendar,
    start: NaiveDateTime,
    period: Period,
) -> Result<Deadline, crate::CalendarError> {
    cal.provisional().deadline(start, period).map(|a| a.value)
}

/// The end of the window to restore an application that became inactive at `since`
/// (`RULES.md §8`: 28 calendar days), as [`count_or_days`] counts it.
pub(crate) fn restore_end(since: NaiveDateTime, policy: &Policy, cal: &WorkCalendar) -> Deadline {
    let window = policy
        .voucher
        .map_or(Period::calendar_days(28), |v| v.restore_window);
    count_or_days(cal, since, window)
}

/// The end of a stop-list that begins at `since`, when a window closed (`RULES.md §6`:
/// 10 working days counted from the day after the window's last day, the day of the last
/// moment before `since`). Counted when the stop-list begins, not when the direction is
/// issued, so that a direction near the end of the calendar's data needs no later year.
pub(crate) fn stop_list_end(since: NaiveDateTime, policy: &Policy, cal: &WorkCalendar) -> Deadline {
    let closed = since
        .checked_sub_signed(TimeDelta::nanoseconds(1))
        .map_or(since.date(), |t| t.date());
    count_or_days(cal, midnight(closed), policy.stop_list)
}

/// A deadline a rule applies (never refused): [`count`]ed, or past the calendar's span
/// counted in plain days from `start`'s day and marked provisional, so that applying a
/// deadline never fails.
fn count_or_days(cal: &WorkCalendar, start: NaiveDateTime, period: Period) -> Deadline {
    count(cal, start, period).unwrap_or_else(|_| {
        let day = start.date();
        let last_day = day
            .checked_add_days(chrono::Days::new(u64::from(period.amount)))
            .unwrap_or(day);
        Deadline {
            last_day,
            ends_at: midnight(last_day.succ_opt().unwrap_or(last_day)),
            provisional: true,
        }
    })
}

// `ALL` lists every variant: a new one changes the last discriminant.
const _: () = assert!(DueKind::ALL.len() == DueKind::RestoreExpires as usize + 1);

#[cfg(test)]
mod size {
    /// A record's size counts in the memory of a national engine (10⁶ of them): 296
    /// bytes since its ranked choices by catalogue number sit beside it (`BENCHMARKS.md`);
    /// a change shows here.
    #[test]
    fn a_record_is_296_bytes() {
        assert_eq!(std::mem::size_of::<super::Record>(), 296);
    }
}
