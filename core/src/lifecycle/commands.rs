//! The shape every command shares, registration (`RULES.md §2`), and replay of the log.
//! The other commands live with their concept: `offer.rs` (notice, direction),
//! `direction.rs` (revocation, extension, right, enrolment, release) and `applicant.rs`
//! (withdrawal, interest, linking, benefit changes).
//!
//! Every command follows one pattern ([`Engine::run`]): check the clock, judge the
//! application as it will stand at the command's moment, refuse with a typed error
//! (changing nothing), or apply the deadlines due up to the moment, then the change, and
//! log the command.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use smallvec::SmallVec;

use super::detail::Detail;
use super::event::{Actor, Command, LogEntry, Reason};
use super::record::{Interest, Record};
use super::state::{State, StateName};
use super::{Engine, LifecycleError};
use crate::application::{Application, ApplicationId, NewApplication};
use crate::eligibility;
use crate::queue::{OrderKey, QueueId};

/// What a command does to one record.
pub(crate) struct Change {
    pub(crate) edit: Edit,
    pub(crate) reason: Reason,
    pub(crate) detail: Option<Detail>,
}

/// The new content of a record: the state or the interest alone are changed in place,
/// without a copy of the record.
pub(crate) enum Edit {
    /// The whole record (its application or several fields changed): boxed, so that
    /// the common changes move little.
    Record(Box<Record>),
    /// A new state: the change most commands make.
    State(State),
    /// Interest confirmed for the coming anniversary.
    InterestConfirmed,
}

#[allow(clippy::unnecessary_wraps)] // the judges return it as their last expression
pub(crate) fn change(
    record: Record,
    reason: Reason,
    detail: Option<Detail>,
) -> Result<Change, LifecycleError> {
    Ok(Change {
        edit: Edit::Record(Box::new(record)),
        reason,
        detail,
    })
}

/// The record in a new state: the change most commands make.
#[allow(clippy::unnecessary_wraps)] // the judges return it as their last expression
pub(crate) fn change_state(
    state: State,
    reason: Reason,
    detail: Option<Detail>,
) -> Result<Change, LifecycleError> {
    Ok(Change {
        edit: Edit::State(state),
        reason,
        detail,
    })
}

impl Engine {
    /// The id of queue `key` in both indices, made on first use.
    pub(crate) fn intern_queue(&mut self, key: crate::application::QueueKeyRef<'_>) -> QueueId {
        let q = self.standing.intern_ref(key);
        // Both indices intern queues in the same order: a queue the waiting index knows
        // has the same id there.
        if !self.waiting.knows(q) {
            let qw = self.waiting.intern_ref(key);
            debug_assert_eq!(q, qw, "both indices intern queues in the same order");
        }
        q
    }
}

pub(crate) fn forbids(r: &Record, command: &'static str) -> LifecycleError {
    LifecycleError::StateForbids {
        id: r.order.id,
        command,
        state: r.state.name(),
    }
}

pub(super) fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}
impl Engine {
    /// Judges `ids` at `at` with `judge`, then applies the changes: the common shape of
    /// every command on existing applications.
    pub(crate) fn run(
        &mut self,
        ids: &[ApplicationId],
        at: NaiveDateTime,
        actor: Actor,
        command: Command,
        judge: impl Fn(&Engine, &Record) -> Result<Change, LifecycleError>,
    ) -> Result<(), LifecycleError> {
        self.check_clock(at)?;
        // With no deadline due by `at` anywhere, the records already stand as they would
        // then: they are judged once, below.
        let due = self.dues.first(&self.records[..]).is_some_and(|t| t <= at);
        // Commands name one application, or a batch of twins: kept inline, no allocation.
        let mut indices: SmallVec<[usize; 2]> = SmallVec::with_capacity(ids.len());
        for &id in ids {
            let i = self.index(id)?;
            if due {
                judge(self, &self.projected(i, at))?;
            }
            indices.push(i);
        }
        if due {
            self.advance(at);
        }
        // Judged (again) on the records as they now are: the same answer, with the batch
        // order a sibling's deadline may have changed.
        let changes = indices
            .iter()
            .map(|&i| judge(self, &self.records[i]))
            .collect::<Result<SmallVec<[Change; 1]>, _>>()?;
        if !due {
            // Nothing to apply: only the clock moves, now that the command is accepted.
            self.advance(at);
        }
        for (i, c) in indices.into_iter().zip(changes) {
            match c.edit {
                Edit::Record(record) => self.commit(i, *record, at, actor, c.reason, c.detail),
                Edit::State(state) => self.commit_state(i, state, at, actor, c.reason, c.detail),
                Edit::InterestConfirmed => {
                    self.commit_interest_confirmed(i, at, actor, c.reason, c.detail);
                }
            }
        }
        self.accepted(at, || command);
        Ok(())
    }

    /// Makes room for `additional` more registrations, so that a host that knows how many
    /// are coming (a bulk import, a simulation) does not pay for the engine's tables
    /// growing step by step: each step copies them and touches fresh memory. Changes no
    /// outcome.
    ///
    /// # Errors
    /// `INPUT_TOO_LARGE` when `additional` is over [`crate::input::MAX_RESERVE`] or the
    /// memory cannot be had (allocated fallibly: a host asking too much gets an error, not
    /// an aborted process); the engine is unchanged but for room already made.
    pub fn reserve(&mut self, additional: usize) -> Result<(), crate::InputError> {
        let asked = u64::try_from(additional).unwrap_or(u64::MAX);
        crate::InputError::check_size("additional", asked, crate::input::MAX_RESERVE)?;
        let failed = |_| crate::InputError::TooLarge {
            what: "additional".to_owned(),
            limit: crate::input::MAX_RESERVE,
            found: asked,
        };
        self.records.try_reserve(additional).map_err(failed)?;
        self.names.try_reserve(additional).map_err(failed)?;
        self.by_child.try_reserve(additional).map_err(failed)
    }

    /// Registers an application at `at` (`RULES.md §2`): every field is checked at once,
    /// and the child joins its queue at the moment of registration.
    ///
    /// # Errors
    /// `REGISTRATION_REFUSED` with every failed check, or `TIME_BEFORE_CLOCK`.
    pub fn register(
        &mut self,
        input: NewApplication,
        at: NaiveDateTime,
    ) -> Result<ApplicationId, LifecycleError> {
        self.check_clock(at)?;
        let check = eligibility::registration_check(
            &self.policy,
            &input,
            at,
            |child| self.child_queued(child, input.group_type),
            false,
        );
        let (Some(applicant), Some(child), Some((child_birth_date, birth_date_source)), true) = (
            check.applicant,
            check.child,
            check.child_birth,
            check.decision.allowed(),
        ) else {
            return Err(LifecycleError::Registration {
                failures: check.decision.failures().cloned().collect(),
            });
        };
        let address = input.address.normalized();
        let ranked_choices = if input.ranked_choices.is_empty() {
            Vec::new()
        } else {
            self.check_choices(
                &input.ranked_choices,
                &address,
                input.group_type,
                input.language,
            )?
        };
        self.advance(at);
        let id = ApplicationId(self.records.len() as u64 + 1);
        // The input's fields move into the application, which the record and the log
        // share: a registration is stored once.
        let app = std::sync::Arc::new(Application {
            id,
            applicants: std::iter::once(applicant).collect(),
            child,
            child_birth_date,
            child_sex: input.child_sex.or_else(|| child.encoded_sex()),
            birth_date_source,
            address,
            group_type: input.group_type,
            language: input.language,
            benefit: input.benefit,
            class: check.class,
            documents: input.documents.into(),
            non_resident: input.non_resident,
            contacts: input.contacts.normalized(),
            registered_at: at,
            ranked_choices: ranked_choices.into_boxed_slice(),
        });
        let q = self.intern_queue(app.queue_key_ref());
        let order = OrderKey {
            class: app.class,
            moment: at,
            id,
        };
        let placement = self.standing.insert_in(q, &order);
        let _ = self.waiting.insert_in(q, &order);
        let shared_child = self.by_child.add(&child, id);
        if shared_child {
            let siblings: SmallVec<[ApplicationId; 4]> = self.by_child.of(&child).collect();
            for other in siblings {
                if let Ok(i) = self.index(other) {
                    self.records[i].shared_child = true;
                }
            }
        }
        self.names.push(StateName::Queued);
        self.records.push(Record {
            facts: crate::eligibility::ChildFacts::of(&self.policy, &app),
            choices: self.choice_numbers(&app),
            app: std::sync::Arc::clone(&app),
            state: State::Queued,
            order,
            lapses: 0,
            interest: Interest {
                anniversary: 1,
                confirmed: false,
            },
            batch: None,
            restores: 0,
            shared_child,
            queue: q,
            placement: Some(placement),
            anniversary_seen: None,
            history: super::history::HistoryEnds::default(),
            due: super::dues::Slot::default(),
        });
        let i = self.records.len() - 1;
        let (from, to) = (StateName::New, StateName::Queued);
        self.record_event(
            i,
            (at, Actor::Applicant),
            (from, to),
            Reason::Registered,
            None,
        );
        self.rank_registered(i);
        self.schedule(i);
        self.accepted(at, || Command::Register { application: app });
        Ok(id)
    }

    /// Applies one logged command, as [`Engine::replay`] does.
    ///
    /// # Errors
    /// Whatever the command itself returns.
    pub fn apply(&mut self, entry: &LogEntry) -> Result<(), LifecycleError> {
        self.execute_logged(&entry.command, entry.at).map(|_| ())
    }

    /// Rebuilds an engine from a log: the same commands at the same moments give an
    /// identical engine (equal snapshots). `calendar` is the one the log starts from
    /// ([`Engine::log_calendar`]): calendar patches are commands of the log.
    ///
    /// # Errors
    /// The policy's validation error, or the first command the log cannot replay.
    pub fn replay(
        policy: crate::policy::Policy,
        calendar: crate::calendar::WorkCalendar,
        log: &[LogEntry],
    ) -> Result<Engine, LifecycleError> {
        let mut engine = Engine::new(policy, calendar)?;
        for entry in log {
            engine.apply(entry)?;
        }
        Ok(engine)
    }
}
