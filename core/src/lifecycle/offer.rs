//! Offers: the notice of the child's turn and the direction (`RULES.md §4–§6`).

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::event::{Actor, Command, Reason};
use super::record::Record;
use super::state::{Direction, State, Via};
use super::{Engine, LifecycleError};
use crate::allocation::bulletin::BulletinId;
use crate::application::ApplicationId;
use crate::calendar::{CalendarError, Deadline};
use crate::eligibility;

use super::commands::{change_state, forbids};
use super::detail::Detail;

impl Engine {
    /// Sends the notice that the child's turn has come, with `vacancies` places in its
    /// queue (`RULES.md §5`); linked twins are notified together, and only if there are
    /// places for all (`RULES.md §4`). The choice window starts.
    ///
    /// # Errors
    /// `NOT_ELIGIBLE` with the failed checks of [`Engine::explain_offer`].
    pub fn notify(
        &mut self,
        id: ApplicationId,
        vacancies: u32,
        at: NaiveDateTime,
    ) -> Result<Vec<ApplicationId>, LifecycleError> {
        let members = self.batch(id)?;
        for &m in &members {
            let d = self.offer_decision(m, vacancies, at, false)?;
            if !d.allowed() {
                return Err(LifecycleError::NotEligible {
                    id: m,
                    failed: d.failed_codes(),
                });
            }
        }
        let choose_by = self.deadline(at, self.policy.choice_window)?;
        self.run(
            &members,
            at,
            Actor::Operator,
            Command::Notify { id, vacancies },
            |_, r| match r.state {
                State::Queued => change_state(
                    State::NoticeSent {
                        sent_at: at,
                        choose_by,
                        bulletin: None,
                    },
                    Reason::NoticeSent,
                    Some(Detail::Date(choose_by.last_day)),
                ),
                _ => Err(forbids(r, "notify")),
            },
        )?;
        Ok(members)
    }

    /// Issues a direction to `kindergarten` (`RULES.md §5–§6`): after a notice, or, for a
    /// waiting child, from a place open to free choice. The show-up, revocation and (for an
    /// out-of-turn child) right-confirmation windows start. For a member of a twins batch,
    /// every member is directed, or none (`RULES.md §4`).
    ///
    /// # Errors
    /// `STATE_FORBIDS`; `NOT_ELIGIBLE` (August freeze, enrolled elsewhere, and for free
    /// choice the offer checks); a calendar error for a deadline in a year without data.
    pub fn issue_direction(
        &mut self,
        id: ApplicationId,
        kindergarten: &str,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let command = Command::IssueDirection {
            id,
            kindergarten: kindergarten.to_owned(),
        };
        self.direct(
            id,
            &kindergarten.into(),
            None,
            at,
            command,
            |_, _, _| Ok(()),
        )
    }

    /// Issues a direction to `kindergarten`, for a place of `bulletin` when given, after
    /// `board` (the bulletin's own checks, for the places the batch needs) accepts the
    /// record. Twins and triplets are directed together or not at all (`RULES.md §4`): a
    /// direction asked for one member of a batch is judged and issued for every member.
    pub(crate) fn direct(
        &mut self,
        id: ApplicationId,
        kindergarten: &Arc<str>,
        bulletin: Option<BulletinId>,
        at: NaiveDateTime,
        command: Command,
        board: impl Fn(&Engine, &Record, u32) -> Result<(), LifecycleError>,
    ) -> Result<(), LifecycleError> {
        let members = self.batch(id)?;
        let need = u32::try_from(members.len()).unwrap_or(u32::MAX);
        self.run(&members, at, Actor::Applicant, command, |e, r| {
            let via = match r.state {
                State::NoticeSent { .. } => Via::Notice,
                State::Queued => Via::FreeChoice,
                _ => return Err(forbids(r, "issue_direction")),
            };
            let failed = e
                .direction_decision(r, via == Via::Notice, need, at, false)
                .failed_codes();
            if !failed.is_empty() {
                return Err(LifecycleError::NotEligible {
                    id: r.order.id,
                    failed,
                });
            }
            board(e, r, need)?;
            let direction = e.new_direction(r, kindergarten, bulletin, via, at)?;
            let reason = match via {
                Via::Notice | Via::RankedChoice => Reason::DirectionIssued,
                Via::FreeChoice => Reason::FreeChoiceTaken,
            };
            let state = State::DirectionIssued(Box::new(direction));
            change_state(
                state,
                reason,
                Some(Detail::Shared(Arc::clone(kindergarten))),
            )
        })
    }

    /// The checks a direction of `r` runs at `at` for `need` places (its batch's size),
    /// after a notice (`notified`) or by free choice: [`eligibility::direction_check`].
    pub(crate) fn direction_decision(
        &self,
        r: &Record,
        notified: bool,
        need: u32,
        at: NaiveDateTime,
        explain: bool,
    ) -> eligibility::Decision {
        let elsewhere = self.elsewhere(r, at);
        let situation = eligibility::OfferSituation {
            at,
            vacancies: need,
            waiting_ahead: 0,
            batch_size: need,
            waiting: true,
            stop_listed_until: elsewhere.stop_until,
            enrolled_elsewhere: elsewhere.enrolled,
            offer_elsewhere: elsewhere.offer,
        };
        eligibility::direction_check(&self.policy, r.facts, &r.app, &situation, notified, explain)
    }

    fn new_direction(
        &self,
        r: &Record,
        kindergarten: &Arc<str>,
        bulletin: Option<BulletinId>,
        via: Via,
        at: NaiveDateTime,
    ) -> Result<Direction, LifecycleError> {
        let p = &self.policy;
        let show_up_by = self.deadline(at, p.show_up_window)?;
        let right_confirm_by = if r.app.class == crate::benefit::PriorityClass::OutOfTurn {
            Some(self.deadline(at, p.out_of_turn_confirmation)?)
        } else {
            None
        };
        Ok(Direction {
            kindergarten: Arc::clone(kindergarten),
            issued_at: at,
            via,
            show_up_by,
            revocable_until: self.deadline(at, p.revocation_window)?,
            extensions_used: 0,
            right_confirm_by,
            bulletin,
        })
    }

    /// A deadline a command sets: counted on the calendar's data where it has the years,
    /// else by the statutory rules alone and marked provisional (`RULES.md §9`), so that no
    /// command stops at the end of the last year with data (issue 23: from mid-December a
    /// direction's stop-list end falls in the next year). Fails only outside the
    /// calendar's span.
    pub(crate) fn deadline(
        &self,
        start: NaiveDateTime,
        period: crate::period::Period,
    ) -> Result<Deadline, LifecycleError> {
        super::record::count(&self.calendar, start, period).map_err(|e| match e {
            CalendarError::OutOfRange { last_year, .. } => LifecycleError::CalendarNeeded {
                last_year,
                needed: last_year.saturating_add(1),
            },
            other => LifecycleError::Calendar(other),
        })
    }
}
