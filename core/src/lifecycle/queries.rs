//! Queries of the engine beyond one record: an applicant's applications, deadlines, and
//! the explained decisions "may register", "may be offered a place" and "may be removed
//! for age" (`RULES.md §2–§7`).

use chrono::NaiveDateTime;

use super::record::{DueKind, Record};
use super::state::State;
use super::{Elsewhere, Engine, LifecycleError};
use serde::Serialize;

use crate::allocation::Bulletin;
use crate::application::{ApplicationId, NewApplication, QueueKey};
use crate::eligibility::{self, Decision, OfferSituation};
use crate::iin::Iin;

/// The next deadline pending on an application: when it falls and what happens then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextDeadline {
    /// When it falls.
    pub at: NaiveDateTime,
    /// What happens then.
    pub kind: DueKind,
}

impl Engine {
    /// The applications an applicant filed or attached (`RULES.md §2` [000, 001]).
    #[must_use]
    pub fn applications_of(&self, applicant: &Iin) -> Vec<ApplicationId> {
        self.records
            .iter()
            .filter(|r| r.app.applicants.contains(applicant))
            .map(|r| r.app.id)
            .collect()
    }

    /// The next deadline pending on the application, and its kind.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn next_deadline(&self, id: ApplicationId) -> Result<Option<NextDeadline>, LifecycleError> {
        Ok(self
            .record(id)?
            .next_due(&self.policy, &self.calendar)
            .map(|(at, kind)| NextDeadline { at, kind }))
    }

    /// The queue the application stands in (area, group type, cohort).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn queue_key(&self, id: ApplicationId) -> Result<QueueKey, LifecycleError> {
        Ok(self.record(id)?.app.queue_key())
    }

    /// What a notified parent chooses among (`RULES.md §5`): the bulletins of the
    /// application's pool with a free place, in publication order.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn choices(&self, id: ApplicationId) -> Result<Vec<&Bulletin>, LifecycleError> {
        let key = self.queue_key(id)?;
        self.bulletins_with_free_places(&key)
            .iter()
            .map(|b| self.bulletin(*b))
            .collect()
    }

    /// The stop-list the application's live direction would bring if it lapsed
    /// (`RULES.md §6`), counted now on the calendar as it stands (provisional where a year
    /// has no decree data); `None` without a live direction. The engine counts the real
    /// stop-list when it begins, on the calendar it has then.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn stop_list_if_lapsed(
        &self,
        id: ApplicationId,
    ) -> Result<Option<crate::calendar::Deadline>, LifecycleError> {
        Ok(match &self.record(id)?.state {
            State::DirectionIssued(d) => Some(super::record::stop_list_end(
                d.show_up_by.ends_at,
                &self.policy,
                &self.calendar,
            )),
            _ => None,
        })
    }

    /// "May register", explained (`RULES.md §1–§4`).
    #[must_use]
    pub fn explain_registration(&self, input: &NewApplication, at: NaiveDateTime) -> Decision {
        eligibility::may_register(&self.policy, input, at, |child| {
            self.child_queued(child, input.group_type)
        })
        .decision
    }

    pub(super) fn child_queued(&self, child: &Iin, group: crate::application::GroupType) -> bool {
        self.by_child.of(child).any(|id| {
            self.record(id)
                .is_ok_and(|r| r.app.group_type == group && !r.state.is_final())
        })
    }

    /// "May be offered a place" at `at` with `vacancies` places in its queue, explained
    /// (`RULES.md §4–§7`). The application is judged as it will stand at `at`; the others
    /// as they stand at the engine's clock (advance first to count their deadlines).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn explain_offer(
        &self,
        id: ApplicationId,
        vacancies: u32,
        at: NaiveDateTime,
    ) -> Result<Decision, LifecycleError> {
        self.offer_decision(id, vacancies, at, true)
    }

    /// The offer decision; `explain: false` writes messages for failures only.
    pub(crate) fn offer_decision(
        &self,
        id: ApplicationId,
        vacancies: u32,
        at: NaiveDateTime,
        explain: bool,
    ) -> Result<Decision, LifecycleError> {
        let members = self.batch(id)?;
        let lead = self.index(members[0])?;
        let r = self.projected(self.index(id)?, at);
        let ahead = self
            .waiting
            .ahead_in(self.records[lead].queue, &self.records[lead].order);
        let elsewhere = self.elsewhere(&r, at);
        let own_stop = match &r.state {
            State::StopListed { until, .. } => Some(until.ends_at),
            _ => None,
        };
        let s = OfferSituation {
            at,
            vacancies,
            waiting_ahead: ahead.total(),
            batch_size: u32::try_from(members.len()).unwrap_or(u32::MAX),
            waiting: matches!(r.state, State::Queued),
            stop_listed_until: own_stop.max(elsewhere.stop_until),
            enrolled_elsewhere: elsewhere.enrolled,
            offer_elsewhere: elsewhere.offer,
        };
        Ok(eligibility::offer_check(
            &self.policy,
            r.facts,
            &r.app,
            &s,
            explain,
        ))
    }

    /// What the child's other applications say at `at`: enrolled, holding a notice or a
    /// direction, or stop-listed (the stop-list is the child's, `RULES.md §6`).
    pub(crate) fn elsewhere(&self, r: &Record, at: NaiveDateTime) -> Elsewhere {
        let mut out = Elsewhere::default();
        if !r.shared_child {
            return out;
        }
        for other in self.by_child.of(&r.app.child) {
            if other == r.app.id {
                continue;
            }
            let Ok(o) = self.index(other) else { continue };
            match self.projected(o, at).state {
                State::Enrolled { .. } => out.enrolled = true,
                State::NoticeSent { .. }
                | State::DirectionIssued(_)
                | State::VoucherOffered { .. }
                | State::VoucherConfirmed { .. } => out.offer = true,
                State::StopListed { until, .. } => {
                    out.stop_until = out.stop_until.max(Some(until.ends_at));
                }
                _ => {}
            }
        }
        out
    }

    /// "May be removed for age" at `at`, explained (`RULES.md §4`).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn explain_removal_for_age(
        &self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<Decision, LifecycleError> {
        let r = self.record(id)?;
        let in_queue = r.state.stands_in_queue() || matches!(r.state, State::DirectionIssued(_));
        Ok(eligibility::may_remove_for_age(
            &self.policy,
            r.app.child_birth_date,
            at,
            in_queue,
        ))
    }
}
