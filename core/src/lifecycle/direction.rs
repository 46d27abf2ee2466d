//! What follows a direction: revocation, extension, the out-of-turn right, enrolment and
//! release (`RULES.md §3`, `§6`).

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::event::{Actor, Command, Reason};
use super::record::Record;
use super::state::{Direction, State};
use super::{Engine, LifecycleError};
use crate::application::ApplicationId;
use crate::calendar::Deadline;

use super::commands::{change, change_state, forbids, midnight, Change};
use super::detail::Detail;

impl Engine {
    /// Runs a command that needs a live direction: refused with `STATE_FORBIDS` otherwise.
    fn on_direction(
        &mut self,
        id: ApplicationId,
        at: NaiveDateTime,
        actor: Actor,
        command: Command,
        name: &'static str,
        judge: impl Fn(&Engine, &Record, &Direction) -> Result<Change, LifecycleError>,
    ) -> Result<(), LifecycleError> {
        self.run(&[id], at, actor, command, |e, r| match &r.state {
            State::DirectionIssued(d) => judge(e, r, d),
            _ => Err(forbids(r, name)),
        })
    }

    /// Revokes a direction on the applicant's initiative, within 24 hours of its issue
    /// (`RULES.md §6`); the child is queued again in its place.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `REVOCATION_CLOSED`.
    pub fn revoke(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.on_direction(
            id,
            at,
            Actor::Applicant,
            Command::Revoke { id },
            "revoke",
            |e, r, d| {
                if d.revocable_until.has_passed(at) {
                    return Err(LifecycleError::RevocationClosed {
                        id,
                        closed_at: d.revocable_until.ends_at,
                    });
                }
                let mut n = r.clone();
                n.state = State::Queued;
                n.catch_up_interest(at, &e.policy, &e.calendar);
                // A direction the round gave by ranked choices (`RULES.md §5a`) and the
                // parent refused: that kindergarten leaves the choices, or the next round
                // would give it again.
                if d.via == super::state::Via::RankedChoice {
                    let app = Arc::make_mut(&mut n.app);
                    let kept = app.ranked_choices.iter().filter(|c| **c != d.kindergarten);
                    app.ranked_choices = kept.cloned().collect();
                }
                change(
                    n,
                    Reason::DirectionRevoked,
                    Some(Detail::Shared(Arc::clone(&d.kindergarten))),
                )
            },
        )
    }

    /// Extends a direction so the child may be brought by `until` (`RULES.md §6`: once, by
    /// up to 30 calendar days).
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `EXTENSION_USED`, `EXTENSION_TOO_LONG`, `EXTENSION_TOO_SHORT`.
    pub fn extend(
        &mut self,
        id: ApplicationId,
        until: NaiveDate,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.on_direction(
            id,
            at,
            Actor::Operator,
            Command::Extend { id, until },
            "extend",
            |e, _, d| {
                if d.extensions_used >= e.policy.extensions_allowed {
                    return Err(LifecycleError::ExtensionUsed {
                        id,
                        allowed: e.policy.extensions_allowed,
                    });
                }
                let latest = e.deadline(midnight(d.show_up_by.last_day), e.policy.extension)?;
                if until > latest.last_day {
                    return Err(LifecycleError::ExtensionTooLong {
                        id,
                        asked: until,
                        latest: latest.last_day,
                    });
                }
                if until <= d.show_up_by.last_day {
                    return Err(LifecycleError::ExtensionTooShort {
                        id,
                        asked: until,
                        current: d.show_up_by.last_day,
                    });
                }
                let mut d = d.clone();
                // A day the applicant chose ends at its close whatever the calendar's data
                // says: it is not provisional, even when the limit it keeps within was.
                d.show_up_by = Deadline {
                    last_day: until,
                    ends_at: midnight(until) + TimeDelta::days(1),
                    provisional: false,
                };
                d.extensions_used += 1;
                change_state(
                    State::DirectionIssued(Box::new(d)),
                    Reason::DirectionExtended,
                    Some(Detail::Date(until)),
                )
            },
        )
    }

    /// Records that the out-of-turn right was confirmed in person (`RULES.md §3`).
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `RIGHT_NOT_REQUIRED`.
    pub fn confirm_right(
        &mut self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.on_direction(
            id,
            at,
            Actor::Operator,
            Command::ConfirmRight { id },
            "confirm_right",
            |_, _, d| {
                if d.right_confirm_by.is_none() {
                    return Err(LifecycleError::RightNotRequired { id });
                }
                let mut d = d.clone();
                d.right_confirm_by = None;
                change_state(
                    State::DirectionIssued(Box::new(d)),
                    Reason::RightConfirmed,
                    None,
                )
            },
        )
    }

    /// The kindergarten enrols the child (`RULES.md §6`).
    ///
    /// # Errors
    /// `STATE_FORBIDS` (no live direction), `RIGHT_NOT_CONFIRMED`.
    pub fn enroll(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.on_direction(
            id,
            at,
            Actor::Kindergarten,
            Command::Enroll { id },
            "enroll",
            |_, _, d| {
                if d.right_confirm_by.is_some() {
                    return Err(LifecycleError::RightNotConfirmed { id });
                }
                change_state(
                    State::Enrolled {
                        kindergarten: d.kindergarten.clone(),
                        at,
                        bulletin: d.bulletin,
                    },
                    Reason::Enrolled,
                    Some(Detail::Shared(Arc::clone(&d.kindergarten))),
                )
            },
        )
    }

    /// The kindergarten marks the child as leaving (`RULES.md §5` \[000\]).
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless enrolled.
    pub fn release(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(
            &[id],
            at,
            Actor::Kindergarten,
            Command::Release { id },
            |_, r| {
                let State::Enrolled { kindergarten, .. } = &r.state else {
                    return Err(forbids(r, "release"));
                };
                change_state(
                    State::Released {
                        kindergarten: kindergarten.clone(),
                        at,
                    },
                    Reason::Released,
                    Some(Detail::Shared(Arc::clone(kindergarten))),
                )
            },
        )
    }
}
