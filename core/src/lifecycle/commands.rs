//! The commands of the engine, one method each (`RULES.md §2–§7`).
//!
//! Every command follows one pattern ([`Engine::run`]): check the clock, judge the
//! application as it will stand at the command's moment, refuse with a typed error
//! (changing nothing), or apply the deadlines due up to the moment, then the change, and
//! log the command.

use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::event::{Actor, Command, Event, LogEntry, Reason};
use super::record::{Interest, Record};
use super::state::{Direction, State, StateName, Via};
use super::{Engine, LifecycleError};
use crate::application::{Application, ApplicationId, Document, NewApplication};
use crate::benefit;
use crate::calendar::{CalendarError, Deadline};
use crate::eligibility;
use crate::iin::Iin;
use crate::lang::LocalizedError;
use crate::period::{Period, PeriodUnit};
use crate::queue::OrderKey;

/// What a command does to one record.
struct Change {
    record: Record,
    reason: Reason,
    detail: Option<String>,
}

#[allow(clippy::unnecessary_wraps)] // the judges return it as their last expression
fn change(record: Record, reason: Reason, detail: Option<String>) -> Result<Change, LifecycleError> {
    Ok(Change { record, reason, detail })
}

fn forbids(r: &Record, command: &'static str) -> LifecycleError {
    LifecycleError::StateForbids {
        id: r.app.id,
        command,
        state: r.state.name(),
    }
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

impl Engine {
    /// Judges `ids` at `at` with `judge`, then applies the changes: the common shape of
    /// every command on existing applications.
    fn run(
        &mut self,
        ids: &[ApplicationId],
        at: NaiveDateTime,
        actor: Actor,
        command: Command,
        judge: impl Fn(&Engine, &Record) -> Result<Change, LifecycleError>,
    ) -> Result<(), LifecycleError> {
        self.check_clock(at)?;
        let mut indices = Vec::with_capacity(ids.len());
        for &id in ids {
            let i = self.index(id)?;
            judge(self, &self.records[i].projected(at, &self.policy, &self.calendar))?;
            indices.push(i);
        }
        self.advance(at);
        // Judged again on the records as they now are: the same answer, with the batch
        // order a sibling's deadline may have changed.
        let changes = indices
            .iter()
            .map(|&i| judge(self, &self.records[i]))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, c) in indices.into_iter().zip(changes) {
            let from = self.records[i].state.name();
            self.commit(i, c.record, at, actor, from, c.reason, c.detail);
        }
        self.log.push(LogEntry { at, command });
        Ok(())
    }

    /// Registers an application at `at` (`RULES.md §2`): every field is checked at once,
    /// and the child joins its queue at the moment of registration.
    ///
    /// # Errors
    /// `REGISTRATION_REFUSED` with every failed check, or `TIME_BEFORE_CLOCK`.
    pub fn register(&mut self, input: NewApplication, at: NaiveDateTime) -> Result<ApplicationId, LifecycleError> {
        self.check_clock(at)?;
        let check = eligibility::may_register(&self.policy, &input, at, |child| self.child_queued(child, input.group_type));
        let (Some(applicant), Some(child), true) = (check.applicant, check.child, check.decision.allowed()) else {
            return Err(LifecycleError::Registration {
                failures: check.decision.failures().cloned().collect(),
            });
        };
        self.advance(at);
        let id = ApplicationId(self.records.len() as u64 + 1);
        let app = Application {
            id,
            applicants: vec![applicant],
            child,
            address: input.address.clone(),
            group_type: input.group_type,
            language: input.language,
            benefit: input.benefit.clone(),
            class: check.class,
            documents: input.documents.clone(),
            non_resident: input.non_resident,
            contacts: input.contacts.clone(),
            registered_at: at,
        };
        let key = app.queue_key();
        let q = self.standing.intern(&key);
        let qw = self.waiting.intern(&key);
        debug_assert_eq!(q, qw, "both indices intern queues in the same order");
        let order = OrderKey {
            class: app.class,
            moment: at,
            id,
        };
        self.standing.insert_in(q, &order);
        self.waiting.insert_in(q, &order);
        self.by_child.entry(child).or_default().push(id);
        self.records.push(Record {
            app,
            state: State::Queued,
            order,
            lapses: 0,
            interest: Interest {
                anniversary: 1,
                confirmed: false,
            },
            batch: None,
        });
        self.queue_of.push(q);
        self.versions.push(0);
        self.histories.push(vec![Event {
            seq: self.next_seq,
            at,
            actor: Actor::Applicant,
            from: StateName::New,
            to: StateName::Queued,
            reason: Reason::Registered,
            detail: None,
        }]);
        self.next_seq += 1;
        self.schedule(self.records.len() - 1);
        self.log.push(LogEntry {
            at,
            command: Command::Register { application: input },
        });
        Ok(id)
    }

    /// Sends the notice that the child's turn has come, with `vacancies` places in its
    /// queue (`RULES.md §5`); linked twins are notified together, and only if there are
    /// places for all (`RULES.md §4`). The choice window starts.
    ///
    /// # Errors
    /// `NOT_ELIGIBLE` with the failed checks of [`Engine::explain_offer`].
    pub fn notify(&mut self, id: ApplicationId, vacancies: u32, at: NaiveDateTime) -> Result<Vec<ApplicationId>, LifecycleError> {
        let members = self.batch(id)?;
        for &m in &members {
            let d = self.explain_offer(m, vacancies, at)?;
            if !d.allowed() {
                return Err(LifecycleError::NotEligible { id: m, failed: d.failed_codes() });
            }
        }
        let choose_by = self.calendar.deadline(at, self.policy.choice_window)?;
        self.run(&members, at, Actor::Operator, Command::Notify { id, vacancies }, |_, r| match r.state {
            State::Queued => {
                let mut n = r.clone();
                n.state = State::NoticeSent { sent_at: at, choose_by };
                change(n, Reason::NoticeSent, Some(choose_by.last_day.to_string()))
            }
            _ => Err(forbids(r, "notify")),
        })?;
        Ok(members)
    }

    /// Issues a direction to `kindergarten` (`RULES.md §5–§6`): after a notice, or, for a
    /// waiting child, from a place open to free choice. The show-up, revocation and (for an
    /// out-of-turn child) right-confirmation windows start.
    ///
    /// # Errors
    /// `STATE_FORBIDS`; `NOT_ELIGIBLE` (August freeze, enrolled elsewhere, and for free
    /// choice the offer checks); a calendar error for a deadline in a year without data.
    pub fn issue_direction(&mut self, id: ApplicationId, kindergarten: &str, at: NaiveDateTime) -> Result<(), LifecycleError> {
        let command = Command::IssueDirection {
            id,
            kindergarten: kindergarten.to_owned(),
        };
        self.run(&[id], at, Actor::Applicant, command, |e, r| {
            let via = match r.state {
                State::NoticeSent { .. } => Via::Notice,
                State::Queued => Via::FreeChoice,
                _ => return Err(forbids(r, "issue_direction")),
            };
            let elsewhere = e.elsewhere(r, at);
            let situation = eligibility::OfferSituation {
                at,
                vacancies: 1,
                waiting_ahead: 0,
                batch_size: 1,
                waiting: true,
                stop_listed_until: elsewhere.stop_until,
                enrolled_elsewhere: elsewhere.enrolled,
                offer_elsewhere: elsewhere.offer,
            };
            // After a notice the offer was judged when it was sent; what can change since
            // is the freeze and the child's other applications. Free choice is judged in
            // full, regardless of the queue number and the class (`RULES.md §5`).
            let failed: Vec<&'static str> = eligibility::may_be_offered(&e.policy, &r.app, &situation)
                .failed_codes()
                .into_iter()
                .filter(|c| match via {
                    Via::Notice => matches!(
                        *c,
                        "NOT_FROZEN" | "NOT_ENROLLED_ELSEWHERE" | "NO_OFFER_ELSEWHERE" | "NOT_STOP_LISTED"
                    ),
                    Via::FreeChoice => *c != "BENEFIT_DOCUMENTS",
                })
                .collect();
            if !failed.is_empty() {
                return Err(LifecycleError::NotEligible { id: r.app.id, failed });
            }
            let direction = e.new_direction(r, kindergarten, via, at)?;
            let mut n = r.clone();
            n.state = State::DirectionIssued(direction);
            let reason = match via {
                Via::Notice => Reason::DirectionIssued,
                Via::FreeChoice => Reason::FreeChoiceTaken,
            };
            change(n, reason, Some(kindergarten.to_owned()))
        })
    }

    fn new_direction(&self, r: &Record, kindergarten: &str, via: Via, at: NaiveDateTime) -> Result<Direction, CalendarError> {
        let cal = &self.calendar;
        let p = &self.policy;
        let show_up_by = cal.deadline(at, p.show_up_window)?;
        let right_confirm_by = if r.app.class == crate::benefit::PriorityClass::OutOfTurn {
            Some(cal.deadline(at, p.out_of_turn_confirmation)?)
        } else {
            None
        };
        Ok(Direction {
            kindergarten: kindergarten.to_owned(),
            issued_at: at,
            via,
            show_up_by,
            revocable_until: cal.deadline(at, p.revocation_window)?,
            extensions_used: 0,
            right_confirm_by,
            lapse_stop_list: self.stop_list_after(show_up_by)?,
            right_stop_list: right_confirm_by.map(|d| self.stop_list_after(d)).transpose()?,
        })
    }

    /// The stop-list that follows a window ending with `window` (`RULES.md §6`: 10 working
    /// days, counted from the day after the window's last day).
    fn stop_list_after(&self, window: Deadline) -> Result<Deadline, CalendarError> {
        self.calendar.deadline(midnight(window.last_day), self.policy.stop_list)
    }

    /// Revokes a direction on the applicant's initiative, within 24 hours of its issue
    /// (`RULES.md §6`); the child is queued again in its place.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `REVOCATION_CLOSED`.
    pub fn revoke(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Applicant, Command::Revoke { id }, |e, r| {
            let State::DirectionIssued(d) = &r.state else {
                return Err(forbids(r, "revoke"));
            };
            if d.revocable_until.has_passed(at) {
                return Err(LifecycleError::RevocationClosed {
                    id,
                    closed_at: d.revocable_until.ends_at,
                });
            }
            let mut n = r.clone();
            n.state = State::Queued;
            n.catch_up_interest(at, &e.policy, &e.calendar);
            change(n, Reason::DirectionRevoked, Some(d.kindergarten.clone()))
        })
    }

    /// Extends a direction so the child may be brought by `until` (`RULES.md §6`: once, by
    /// up to 30 calendar days).
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `EXTENSION_USED`, `EXTENSION_TOO_LONG`, `EXTENSION_TOO_SHORT`.
    pub fn extend(&mut self, id: ApplicationId, until: NaiveDate, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Operator, Command::Extend { id, until }, |e, r| {
            let State::DirectionIssued(d) = &r.state else {
                return Err(forbids(r, "extend"));
            };
            if d.extensions_used >= e.policy.extensions_allowed {
                return Err(LifecycleError::ExtensionUsed {
                    id,
                    allowed: e.policy.extensions_allowed,
                });
            }
            let latest = e.calendar.deadline(midnight(d.show_up_by.last_day), e.policy.extension)?.last_day;
            if until > latest {
                return Err(LifecycleError::ExtensionTooLong { id, asked: until, latest });
            }
            if until <= d.show_up_by.last_day {
                return Err(LifecycleError::ExtensionTooShort {
                    id,
                    asked: until,
                    current: d.show_up_by.last_day,
                });
            }
            let mut d = d.clone();
            d.show_up_by = Deadline {
                last_day: until,
                ends_at: midnight(until) + TimeDelta::days(1),
            };
            d.extensions_used += 1;
            d.lapse_stop_list = e.stop_list_after(d.show_up_by)?;
            let mut n = r.clone();
            n.state = State::DirectionIssued(d);
            change(n, Reason::DirectionExtended, Some(until.to_string()))
        })
    }

    /// Records that the out-of-turn right was confirmed in person (`RULES.md §3`).
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `RIGHT_NOT_REQUIRED`.
    pub fn confirm_right(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Operator, Command::ConfirmRight { id }, |_, r| {
            let State::DirectionIssued(d) = &r.state else {
                return Err(forbids(r, "confirm_right"));
            };
            if d.right_confirm_by.is_none() {
                return Err(LifecycleError::RightNotRequired { id });
            }
            let mut d = d.clone();
            d.right_confirm_by = None;
            d.right_stop_list = None;
            let mut n = r.clone();
            n.state = State::DirectionIssued(d);
            change(n, Reason::RightConfirmed, None)
        })
    }

    /// The kindergarten enrols the child (`RULES.md §6`).
    ///
    /// # Errors
    /// `STATE_FORBIDS` (no live direction), `RIGHT_NOT_CONFIRMED`.
    pub fn enroll(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Kindergarten, Command::Enroll { id }, |_, r| {
            let State::DirectionIssued(d) = &r.state else {
                return Err(forbids(r, "enroll"));
            };
            if d.right_confirm_by.is_some() {
                return Err(LifecycleError::RightNotConfirmed { id });
            }
            let mut n = r.clone();
            n.state = State::Enrolled {
                kindergarten: d.kindergarten.clone(),
                at,
            };
            change(n, Reason::Enrolled, Some(d.kindergarten.clone()))
        })
    }

    /// The kindergarten marks the child as leaving (`RULES.md §5` [000]).
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless enrolled.
    pub fn release(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Kindergarten, Command::Release { id }, |_, r| {
            let State::Enrolled { kindergarten, .. } = &r.state else {
                return Err(forbids(r, "release"));
            };
            let mut n = r.clone();
            n.state = State::Released {
                kindergarten: kindergarten.clone(),
                at,
            };
            change(n, Reason::Released, Some(kindergarten.clone()))
        })
    }

    /// The applicant withdraws the application (`RULES.md §2` [002]: not once the child is
    /// enrolled).
    ///
    /// # Errors
    /// `STATE_FORBIDS` when enrolled or already over.
    pub fn withdraw(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Applicant, Command::Withdraw { id }, |_, r| {
            if r.state.is_final() || matches!(r.state, State::Enrolled { .. }) {
                return Err(forbids(r, "withdraw"));
            }
            let mut n = r.clone();
            n.state = State::Withdrawn { at };
            change(n, Reason::Withdrawn, None)
        })
    }

    /// The applicant confirms interest for the coming anniversary of registration
    /// (`RULES.md §2` [004]); it counts from the policy's `interest_confirmation_early`
    /// before the anniversary.
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless standing in the queue, `INTEREST_TOO_EARLY`,
    /// `INTEREST_ALREADY_CONFIRMED`.
    pub fn confirm_interest(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(&[id], at, Actor::Applicant, Command::ConfirmInterest { id }, |e, r| {
            if !r.state.stands_in_queue() {
                return Err(forbids(r, "confirm_interest"));
            }
            let Some(anniversary) = r.anniversary(r.interest.anniversary, &e.policy, &e.calendar) else {
                return Err(forbids(r, "confirm_interest"));
            };
            if r.interest.confirmed {
                return Err(LifecycleError::InterestAlreadyConfirmed {
                    id,
                    anniversary: anniversary.last_day,
                });
            }
            let opens_at = e.opens_before(anniversary, e.policy.interest_confirmation_early)?;
            if at < opens_at {
                return Err(LifecycleError::InterestTooEarly { id, opens_at });
            }
            let mut n = r.clone();
            n.interest.confirmed = true;
            change(n, Reason::InterestConfirmed, Some(anniversary.last_day.to_string()))
        })
    }

    /// The first moment that counts for a deadline, `early` before its last day.
    fn opens_before(&self, deadline: Deadline, early: Period) -> Result<NaiveDateTime, CalendarError> {
        let day = deadline.last_day;
        Ok(match early.unit {
            PeriodUnit::Hours => deadline.ends_at - TimeDelta::hours(i64::from(early.amount)),
            PeriodUnit::CalendarDays => midnight(day - TimeDelta::days(i64::from(early.amount))),
            PeriodUnit::Months | PeriodUnit::Years => {
                midnight(day.checked_sub_months(Months::new(early.in_months().unwrap_or(0))).unwrap_or(day))
            }
            PeriodUnit::WorkingDays => {
                let mut d = day;
                let mut left = early.amount;
                while left > 0 {
                    d = d.pred_opt().unwrap_or(d);
                    if self.calendar.is_working_day(d)? {
                        left -= 1;
                    }
                }
                midnight(d)
            }
        })
    }

    /// Attaches the application to another parent's IIN, so it shows in their account
    /// (`RULES.md §2` [000, 001]).
    ///
    /// # Errors
    /// The IIN's own code (`IIN_CHECKSUM`…), `APPLICANT_ALREADY_LINKED`, `STATE_FORBIDS`
    /// for an application that is over.
    pub fn link_applicant(&mut self, id: ApplicationId, applicant_iin: &str, at: NaiveDateTime) -> Result<(), LifecycleError> {
        let applicant = Iin::parse(applicant_iin).map_err(|e| LifecycleError::ApplicantIin { detail: e.code() })?;
        self.run(&[id], at, Actor::Applicant, Command::LinkApplicant { id, applicant }, |_, r| {
            if r.state.is_final() {
                return Err(forbids(r, "link_applicant"));
            }
            if r.app.applicants.contains(&applicant) {
                return Err(LifecycleError::ApplicantAlreadyLinked { id });
            }
            let mut n = r.clone();
            n.app.applicants.push(applicant);
            change(n, Reason::ApplicantLinked, Some(applicant.masked()))
        })
    }

    /// Links twins or triplets (2 to 4 children of one family, births at most a month
    /// apart, in one queue) as one batch: they stand together at the batch's best place,
    /// and are notified together only when there are places for all (`RULES.md §4`).
    ///
    /// # Errors
    /// `BATCH_SIZE`, `BATCH_QUEUE`, `BATCH_FAMILY`, `BATCH_BIRTHS`, `BATCH_LINKED`,
    /// `BATCH_STATE`, `APPLICATION_UNKNOWN`.
    pub fn link_batch(&mut self, ids: &[ApplicationId], at: NaiveDateTime) -> Result<(), LifecycleError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let batch = |rule| LifecycleError::Batch { rule };
        if !(2..=4).contains(&ids.len()) {
            return Err(batch("BATCH_SIZE"));
        }
        let records = ids.iter().map(|&id| self.record(id)).collect::<Result<Vec<_>, _>>()?;
        let first = records[0];
        if records.iter().any(|r| r.batch.is_some()) {
            return Err(batch("BATCH_LINKED"));
        }
        if records.iter().any(|r| r.app.queue_key() != first.app.queue_key()) {
            return Err(batch("BATCH_QUEUE"));
        }
        if records.iter().any(|r| !r.app.applicants.iter().any(|a| first.app.applicants.contains(a))) {
            return Err(batch("BATCH_FAMILY"));
        }
        let births = records.iter().map(|r| r.app.child.birth_date());
        let (lo, hi) = (births.clone().min(), births.max());
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if lo.checked_add_months(Months::new(1)).is_none_or(|limit| hi > limit) {
                return Err(batch("BATCH_BIRTHS"));
            }
        }
        let lead = ids[0];
        self.run(&ids, at, Actor::Applicant, Command::LinkBatch { ids: ids.clone() }, |_, r| {
            if !r.state.stands_in_queue() {
                return Err(batch("BATCH_STATE"));
            }
            let mut n = r.clone();
            n.batch = Some(lead);
            change(n, Reason::BatchLinked, Some(lead.to_string()))
        })?;
        self.batches.insert(lead, ids);
        self.reorder_batch(lead);
        Ok(())
    }

    /// Changes the benefit claim and its documents (`RULES.md §3`: children move between
    /// categories as their data change); the child keeps its registration moment and moves
    /// to its new class. Also how a ПМПК conclusion is attached.
    ///
    /// # Errors
    /// `BENEFIT_REFUSED` with the failed checks, `STATE_FORBIDS` once enrolled or over.
    pub fn update_benefit(
        &mut self,
        id: ApplicationId,
        benefit: Option<&str>,
        documents: &[Document],
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let benefit = benefit.map(str::to_owned);
        let documents = documents.to_vec();
        let command = Command::UpdateBenefit {
            id,
            benefit: benefit.clone(),
            documents: documents.clone(),
        };
        self.run(&[id], at, Actor::Applicant, command, |e, r| {
            if r.state.is_final() || matches!(r.state, State::Enrolled { .. }) {
                return Err(forbids(r, "update_benefit"));
            }
            let mut n = r.clone();
            n.app.class = crate::benefit::PriorityClass::General;
            if let Some(code) = &benefit {
                let Some(cat) = benefit::category(&e.policy, code) else {
                    let probe = NewApplication {
                        benefit: Some(code.clone()),
                        ..probe_of(&r.app)
                    };
                    return Err(benefit_failures(&e.policy, &probe, at));
                };
                if !cat.unmet_documents(&documents, at.date()).is_empty() {
                    let probe = NewApplication {
                        benefit: Some(code.clone()),
                        documents: documents.clone(),
                        ..probe_of(&r.app)
                    };
                    return Err(benefit_failures(&e.policy, &probe, at));
                }
                n.app.class = cat.class;
            }
            n.app.benefit.clone_from(&benefit);
            n.app.documents.clone_from(&documents);
            let detail = Some(n.app.class.as_str().to_owned());
            change(n, Reason::BenefitChanged, detail)
        })
    }

    /// Applies one logged command, as [`Engine::replay`] does.
    ///
    /// # Errors
    /// Whatever the command itself returns.
    pub fn apply(&mut self, entry: &LogEntry) -> Result<(), LifecycleError> {
        let at = entry.at;
        match &entry.command {
            Command::Register { application } => self.register(application.clone(), at).map(|_| ()),
            Command::AdvanceTo => self.advance_to(at),
            Command::Notify { id, vacancies } => self.notify(*id, *vacancies, at).map(|_| ()),
            Command::IssueDirection { id, kindergarten } => self.issue_direction(*id, kindergarten, at),
            Command::Revoke { id } => self.revoke(*id, at),
            Command::Extend { id, until } => self.extend(*id, *until, at),
            Command::ConfirmRight { id } => self.confirm_right(*id, at),
            Command::Enroll { id } => self.enroll(*id, at),
            Command::Release { id } => self.release(*id, at),
            Command::Withdraw { id } => self.withdraw(*id, at),
            Command::ConfirmInterest { id } => self.confirm_interest(*id, at),
            Command::LinkApplicant { id, applicant } => self.link_applicant(*id, applicant.expose_digits(), at),
            Command::LinkBatch { ids } => self.link_batch(ids, at),
            Command::UpdateBenefit { id, benefit, documents } => {
                self.update_benefit(*id, benefit.as_deref(), documents, at)
            }
        }
    }

    /// Rebuilds an engine from a log: the same commands at the same moments give an
    /// identical engine (equal snapshots).
    ///
    /// # Errors
    /// The policy's validation error, or the first command the log cannot replay.
    pub fn replay(policy: crate::policy::Policy, calendar: crate::calendar::WorkCalendar, log: &[LogEntry]) -> Result<Engine, LifecycleError> {
        let mut engine = Engine::new(policy, calendar)?;
        for entry in log {
            engine.apply(entry)?;
        }
        Ok(engine)
    }
}

/// A new application carrying the data of a registered one, to re-run the benefit checks.
fn probe_of(app: &Application) -> NewApplication {
    NewApplication {
        applicant_iin: app.applicants[0].expose_digits().to_owned(),
        child_iin: app.child.expose_digits().to_owned(),
        address: app.address.clone(),
        group_type: app.group_type,
        language: app.language,
        benefit: app.benefit.clone(),
        documents: app.documents.clone(),
        non_resident: app.non_resident,
        contacts: app.contacts.clone(),
    }
}

/// The failed benefit checks of `probe`, as a `BENEFIT_REFUSED` error.
fn benefit_failures(policy: &crate::policy::Policy, probe: &NewApplication, at: NaiveDateTime) -> LifecycleError {
    let check = eligibility::may_register(policy, probe, at, |_| false);
    LifecycleError::Benefit {
        failures: check
            .decision
            .failures()
            .filter(|c| c.code.starts_with("BENEFIT_"))
            .cloned()
            .collect(),
    }
}
