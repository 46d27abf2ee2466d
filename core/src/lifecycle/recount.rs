//! Calendar data added to a running engine, and the deadlines counted again on it
//! (`RULES.md §9`; issue 23, §3).
//!
//! A deadline that reaches into a year without decree data is counted by the statutory
//! rules alone and marked provisional. When the year's order is published, the host adds it
//! with [`Engine::patch_calendar`] at a moment: from then on every deadline is counted on the
//! new data, and each pending deadline of an application's state is counted again from its
//! own start. An application whose deadlines move (or lose their provisional mark) gets a
//! `DEADLINE_RECOMPUTED` event; the command is logged, so replay and snapshots keep it.
//!
//! kezek's choice where the rules are silent: a recounted deadline is the one the rules give
//! on the new data, earlier or later; one that has already passed at the patch's moment
//! falls due at that moment (never before it: a history does not go back in time).

use chrono::{NaiveDate, NaiveDateTime};

use super::detail::Detail;
use super::event::{Actor, Command, Reason};
use super::record::{count, restore_end, stop_list_end};
use super::state::State;
use super::{Engine, LifecycleError};
use crate::application::ApplicationId;
use crate::calendar::{CalendarPatch, Deadline, WorkCalendar};
use crate::policy::Policy;

impl Engine {
    /// Adds calendar data at `at` — a new year's order moving days off, a corrected year, a
    /// region's own holiday — and counts every pending deadline again on it. Deadlines due
    /// before `at` apply first, on the calendar as it was. Returns the applications whose
    /// deadlines moved, each with a `DEADLINE_RECOMPUTED` event whose detail is the new last
    /// day of its first moved deadline.
    ///
    /// Replay needs the calendar the log starts from: [`Engine::log_calendar`].
    ///
    /// # Errors
    /// `TIME_BEFORE_CLOCK`, `CALENDAR_OUT_OF_RANGE` (a moment outside the calendar's span),
    /// or the calendar error of the patched data (`CALENDAR_…`); the engine is unchanged.
    pub fn patch_calendar(
        &mut self,
        patch: CalendarPatch,
        at: NaiveDateTime,
    ) -> Result<Vec<ApplicationId>, LifecycleError> {
        self.check_clock(at)?;
        let calendar = self.calendar.with_patch(patch.clone())?;
        self.advance(at);
        self.calendar = calendar;
        if !self.keeps_log {
            self.log_calendar = self.calendar.clone();
        }
        let mut moved = Vec::new();
        for i in 0..self.records.len() {
            self.records[i].anniversary_seen = None;
            match recounted(&self.records[i].state, &self.policy, &self.calendar) {
                Some((state, day)) => {
                    moved.push(self.records[i].app.id);
                    // Settling the change schedules the record's next deadline afresh.
                    self.commit_state(
                        i,
                        state,
                        at,
                        Actor::Operator,
                        Reason::DeadlineRecomputed,
                        Some(Detail::Date(day)),
                    );
                }
                None => self.schedule(i),
            }
        }
        self.accepted(at, || Command::PatchCalendar { patch });
        Ok(moved)
    }

    /// The calendar the log starts from: [`Engine::calendar`] before the patches the log
    /// holds ([`Engine::patch_calendar`]). [`Engine::replay`] the log on this one. For an
    /// engine that keeps no log, the calendar itself.
    #[must_use]
    pub fn log_calendar(&self) -> &WorkCalendar {
        &self.log_calendar
    }
}

/// `state` with each of its deadlines counted again on `cal` from the deadline's own start,
/// and the new last day of the first that moved; `None` when none moved. A day the
/// applicant chose (an extended show-up day) stays as chosen.
pub(crate) fn recounted(
    state: &State,
    policy: &Policy,
    cal: &WorkCalendar,
) -> Option<(State, NaiveDate)> {
    let mut state = state.clone();
    let mut first: Option<NaiveDate> = None;
    let mut again = |deadline: &mut Deadline, new: Option<Deadline>| {
        // A count that fails (past the span) keeps the deadline as it was.
        if let Some(new) = new.filter(|n| n != deadline) {
            *deadline = new;
            first.get_or_insert(new.last_day);
        }
    };
    let counted = |start, period| count(cal, start, period).ok();
    match &mut state {
        State::NoticeSent {
            sent_at, choose_by, ..
        } => again(choose_by, counted(*sent_at, policy.choice_window)),
        State::DirectionIssued(d) => {
            if d.extensions_used == 0 {
                again(
                    &mut d.show_up_by,
                    counted(d.issued_at, policy.show_up_window),
                );
            }
            again(
                &mut d.revocable_until,
                counted(d.issued_at, policy.revocation_window),
            );
            if let Some(by) = d.right_confirm_by.as_mut() {
                again(by, counted(d.issued_at, policy.out_of_turn_confirmation));
            }
        }
        State::StopListed { since, until } => {
            again(until, Some(stop_list_end(*since, policy, cal)));
        }
        State::VoucherOffered {
            offered_at,
            consent_by,
            ..
        } => {
            if let Some(v) = policy.voucher {
                again(consent_by, counted(*offered_at, v.consent_window));
            }
        }
        State::VoucherConfirmed {
            confirmed_at,
            contract_by,
            ..
        } => {
            if let Some(v) = policy.voucher {
                again(contract_by, counted(*confirmed_at, v.contract_window));
            }
        }
        State::Inactive { since, restore_by } => {
            again(restore_by, Some(restore_end(*since, policy, cal)));
        }
        State::Queued
        | State::Enrolled { .. }
        | State::WaitingList { .. }
        | State::Released { .. }
        | State::Removed { .. }
        | State::Withdrawn { .. } => {}
    }
    first.map(|day| (state, day))
}
