//! The life of an application (`RULES.md §2–§7`): registration, notice, direction,
//! enrolment, stop-list, removal, with every deadline from the policy and the calendar.
//!
//! An [`Engine`] holds the applications of one policy and calendar. Time is explicit:
//! every command takes the moment it happens, and [`Engine::advance_to`] applies every
//! deadline that falls due up to a moment, in time order (ties by application id, then
//! by [`DueKind`]). Moments are Kazakhstan civil time (UTC+5); the caller converts. A
//! period counted in days ends at the close of its last day.
//!
//! ```text
//!            notify              issue_direction           enroll          release
//!  Queued ───────────▶ NoticeSent ──────────▶ DirectionIssued ──────▶ Enrolled ──────▶ Released
//!    ▲  ▲   choice window │ expires             │ │ │ revoke (24 h) ──▶ Queued
//!    │  └─────────────────┘                     │ │ └ show-up window lapses ─▶ StopListed ─▶ Queued
//!    │        issue_direction (free choice) ────┘ └ second lapse ─▶ Removed
//!  any waiting state ── anniversary unconfirmed / max age ─▶ Removed;  withdraw ─▶ Withdrawn
//! ```
//!
//! A command is judged on the application as it would stand at the command's moment
//! (its own deadlines applied); a refused command returns a typed [`LifecycleError`] and
//! changes nothing. An accepted command first applies every deadline due up to its
//! moment, then itself. Every change is an [`Event`] in the application's
//! [`history`](Engine::history); every accepted command is an entry of the
//! [`log`](Engine::log), and [`Engine::replay`] rebuilds an identical engine from it.
//!
//! The engine gives places too, on the board of [`allocation`](crate::allocation): offer
//! rounds and the distribution ([`Engine::publish`], [`Engine::offer_round`],
//! [`Engine::distribute`], `round.rs`), taking a place and free choice
//! ([`Engine::take_place`], `places.rs`), and the voucher flow of the pilot regions
//! ([`Engine::confirm_voucher`] and the rest, `voucher.rs`).

mod acceptance;
mod applicant;
mod ask;
mod batch_rule;
mod chain;
mod checkpoint;
mod children;
mod choices;
mod commands;
mod commit;
mod detail;
mod direction;
mod dues;
mod error;
mod event;
mod execute;
mod given_back;
mod history;
mod invariants;
mod listing;
mod migration;
pub(crate) mod names;
mod offer;
mod places;
mod queries;
mod ranked_round;
mod ranked_units;
mod rankers;
mod record;
mod recount;
mod round;
mod snapshot;
mod state;
mod verify;
mod voucher;

use foldhash::HashMap;

use chrono::NaiveDateTime;

pub use applicant::InterestDue;
pub use ask::{Answer, Query};
pub use batch_rule::BatchRule;
pub use checkpoint::Checkpoint;
pub use error::LifecycleError;
pub use event::{Actor, Command, Event, LogEntry, Reason};
pub use execute::{Outcome, Request};
pub use history::{History, Transition};
pub use invariants::{INVARIANTS, MAX_SEQ};
pub use listing::{ListingEntry, QueueStatistics, QueueStatisticsEntry};
pub use queries::NextDeadline;
pub use record::{DueKind, Interest};
pub use snapshot::{Snapshot, OLDEST_LOADABLE_SCHEMA_VERSION, SNAPSHOT_SCHEMA_VERSION};
pub use state::{Direction, RemovalReason, State, StateName, Via};

use crate::allocation::bulletin::Board;
use crate::application::{Application, ApplicationId, QueueKey};
use crate::calendar::WorkCalendar;
use crate::policy::Policy;
use crate::queue::{ClassCounts, OrderKey, Position, QueueIndex};
use record::Record;

/// What a child's other applications say (`RULES.md §5–§6`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Elsewhere {
    pub(crate) enrolled: bool,
    pub(crate) offer: bool,
    pub(crate) stop_until: Option<NaiveDateTime>,
}

/// The applications of one policy and calendar, and their queues.
///
/// ```
/// use chrono::NaiveDate;
/// use kezek::application::*;
/// use kezek::lifecycle::{Engine, StateName};
/// use kezek::{PolicyBook, Sex, WorkCalendar};
///
/// let policy = PolicyBook::builtin().get("national-2024")?.clone();
/// let mut engine = Engine::new(policy, WorkCalendar::kazakhstan())?;
/// let at = |d, h| NaiveDate::from_ymd_opt(2024, 5, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let id = engine.register(NewApplication {
///     applicant_iin: "900101300017".into(),
///     child_iin: "210308600403".into(),
///     // The birth date and sex the state register records.
///     child_birth_date: NaiveDate::from_ymd_opt(2021, 3, 8),
///     child_sex: Some(Sex::Female),
///     address: Address { region: "akmola".into(), district: "kokshetau".into(), locality: None },
///     group_type: GroupType::General,
///     language: Language::Kazakh,
///     benefit: None,
///     documents: vec![],
///     non_resident: false,
///     contacts: Contacts { email: "ana@mail.kz".into(), phone: "+7 701 123 45 67".into() },
///     ranked_choices: vec![],
/// }, at(2, 9))?;
/// assert_eq!(engine.position(id)?.unwrap().number, 1);
/// engine.notify(id, 1, at(2, 10))?;
/// engine.issue_direction(id, "kg-12", at(3, 11))?; // Friday 3 May 2024
/// // The 5th working day after it is 14 May (4 May worked, 7–9 May off by the decree).
/// let state = engine.state(id)?;
/// let kezek::lifecycle::State::DirectionIssued(d) = state else { panic!() };
/// assert_eq!(d.show_up_by.last_day, NaiveDate::from_ymd_opt(2024, 5, 14).unwrap());
/// engine.advance_to(at(15, 0))?;
/// assert_eq!(engine.state(id)?.name(), StateName::StopListed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) policy: Policy,
    pub(crate) calendar: WorkCalendar,
    /// The calendar the log starts from: `calendar` before the patches the log holds
    /// (`recount.rs`); `calendar` itself when no patch is logged.
    log_calendar: WorkCalendar,
    now: Option<NaiveDateTime>,
    pub(crate) records: Vec<Record>,
    /// Each record's state name, a byte each beside the records (kept by `settle`): a
    /// host or simulation that looks over many applications reads these, not the
    /// records, whose every look is a cache miss.
    names: Vec<StateName>,
    histories: history::Histories,
    /// Queue numbers: children waiting, holding a notice, or stop-listed.
    pub(crate) standing: QueueIndex,
    /// Children waiting for an offer (queued, no notice, not stop-listed).
    pub(crate) waiting: QueueIndex,
    /// Published vacancies and what became of their places (`RULES.md §5`, `§8`).
    pub(crate) board: Board,
    /// Per queue, the records holding a direction of a ranked round (`RULES.md §5a`),
    /// kept by `settle`: a round reads its pool's holders without looking over every
    /// record.
    pub(crate) ranked_holders:
        std::collections::BTreeMap<crate::queue::QueueId, std::collections::BTreeSet<usize>>,
    /// Who ranked each kindergarten, per pool (`RULES.md §5a`; `rankers/`).
    pub(crate) rankers: rankers::Rankers,
    /// The directions the re-placing at the end of the last accepted command issued
    /// (`Engine::given_on`): a fact about that command, not part of the state (a snapshot
    /// does not carry it; replaying the log gives it again).
    given_on: Vec<crate::allocation::Directed>,
    /// Whether places given back are re-placed over the whole pool each time, never by
    /// the chain over the rankers index alone (a check of the one against the other).
    full_replacement: bool,
    /// Whether a round of ranked choices reads the whole queue, never only as far as
    /// places can go (a check of the one against the other).
    full_round: bool,
    /// The kindergartens parents rank (`RULES.md §5a`).
    catalogue: crate::allocation::catalogue::Catalogue,
    /// The applications of each child: 16 bytes per child, most children having one
    /// (`children.rs`).
    by_child: children::Children,
    /// Members of each twins/triplets batch, by the batch's lowest id.
    batches: HashMap<ApplicationId, Vec<ApplicationId>>,
    /// Pending deadlines, one per application at most.
    dues: dues::Dues,
    next_seq: u64,
    pub(crate) log: Vec<LogEntry>,
    /// Whether accepted commands go to the log (see [`Engine::without_log`]).
    keeps_log: bool,
}

impl Engine {
    /// An empty engine under `policy` and `calendar`.
    ///
    /// # Errors
    /// The policy's own validation error (`POLICY_…`).
    pub fn new(policy: Policy, calendar: WorkCalendar) -> Result<Self, LifecycleError> {
        policy.validate()?;
        Ok(Self {
            policy,
            log_calendar: calendar.clone(),
            calendar,
            now: None,
            records: Vec::new(),
            names: Vec::new(),
            histories: history::Histories::default(),
            standing: QueueIndex::default(),
            waiting: QueueIndex::default(),
            board: Board::default(),
            ranked_holders: std::collections::BTreeMap::new(),
            rankers: rankers::Rankers::default(),
            full_replacement: false,
            full_round: false,
            given_on: Vec::new(),
            catalogue: crate::allocation::catalogue::Catalogue::default(),
            by_child: children::Children::default(),
            batches: HashMap::default(),
            dues: dues::Dues::default(),
            next_seq: 1,
            log: Vec::new(),
            keeps_log: true,
        })
    }

    /// The policy.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The calendar.
    #[must_use]
    pub fn calendar(&self) -> &WorkCalendar {
        &self.calendar
    }

    /// The engine's clock: the latest moment a command or `advance_to` brought it to.
    #[must_use]
    pub fn now(&self) -> Option<NaiveDateTime> {
        self.now
    }

    /// How many applications were ever registered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no application was registered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Every accepted command, in order (none for an engine [without a
    /// log](Engine::without_log)).
    #[must_use]
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    /// This engine, keeping no log from now on, and its log so far dropped: for hosts
    /// that persist snapshots or keep their own audit trail, and for simulations, which
    /// never replay. The log is what [`Engine::replay`] rebuilds an engine from, and it
    /// grows with every command (a registration's entry holds the application); every
    /// application's history is still kept, and snapshots still restore the engine.
    #[must_use]
    pub fn without_log(mut self) -> Self {
        self.keeps_log = false;
        self.log = Vec::new();
        self.log_calendar = self.calendar.clone();
        self
    }

    /// Whether the engine keeps its log (see [`Engine::without_log`]).
    #[must_use]
    pub fn keeps_log(&self) -> bool {
        self.keeps_log
    }

    /// The end every accepted command shares: the places its changes gave back are
    /// offered on, under ranked choices (`RULES.md §5a`), then the command is logged
    /// (made only when the log is kept). Replaying the command does the same.
    pub(crate) fn accepted(&mut self, at: NaiveDateTime, command: impl FnOnce() -> Command) {
        self.given_on.clear();
        self.place_given_back(at);
        if self.keeps_log {
            self.log.push(LogEntry {
                at,
                command: command(),
            });
        }
    }

    /// Reads the records of `ids` in one tight pass, so that the commands that follow find
    /// them in cache; changes nothing. The loads are independent, so the processor overlaps
    /// their cache misses, which one command after another cannot. A simulation touches
    /// the records of a day's actions first: judging a confirmation of interest spent nine
    /// tenths of its time waiting for its record.
    pub(crate) fn touch(&self, ids: impl Iterator<Item = ApplicationId>) {
        let mut sum = 0u64;
        for id in ids {
            if let Ok(i) = self.index(id) {
                sum = sum
                    .wrapping_add(self.records[i].touch())
                    .wrapping_add(self.names[i] as u64);
            }
        }
        std::hint::black_box(sum);
    }

    /// The id of the application stored at `i` (the inverse of [`Engine::index`]).
    pub(crate) fn id_at(i: usize) -> ApplicationId {
        ApplicationId(i as u64 + 1)
    }

    /// Record `id`'s index. The error is built only when the id is unknown: made
    /// eagerly (`ok_or`), the error enum was built and dropped on every lookup, 1.8% of a
    /// simulation.
    #[allow(clippy::unnecessary_lazy_evaluations)]
    pub(crate) fn index(&self, id: ApplicationId) -> Result<usize, LifecycleError> {
        usize::try_from(id.0)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .filter(|&i| i < self.records.len())
            .ok_or_else(|| LifecycleError::UnknownApplication { id })
    }

    /// Record `i` as it would stand at `at` (`Record::projected`), read from the deadline
    /// already scheduled for it: a copy only when that deadline falls due by then.
    pub(crate) fn projected(&self, i: usize, at: NaiveDateTime) -> std::borrow::Cow<'_, Record> {
        let r = &self.records[i];
        match r.due.pending() {
            Some((due, _)) if due <= at => r.projected(at, &self.policy, &self.calendar),
            _ => std::borrow::Cow::Borrowed(r),
        }
    }

    fn record(&self, id: ApplicationId) -> Result<&Record, LifecycleError> {
        Ok(&self.records[self.index(id)?])
    }

    /// The registered application.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn application(&self, id: ApplicationId) -> Result<&Application, LifecycleError> {
        Ok(&self.record(id)?.app)
    }

    /// Its state at the engine's clock.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn state(&self, id: ApplicationId) -> Result<&State, LifecycleError> {
        Ok(&self.record(id)?.state)
    }

    /// The name of its state at the engine's clock: [`Engine::state`]`(id)?.name()`,
    /// read from a table of one byte per application, for a host that looks over many.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn state_name(&self, id: ApplicationId) -> Result<StateName, LifecycleError> {
        let i = self.index(id)?;
        debug_assert_eq!(self.names[i], self.records[i].state.name());
        Ok(self.names[i])
    }

    /// Directions lapsed so far (`RULES.md §6`).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn lapses(&self, id: ApplicationId) -> Result<u32, LifecycleError> {
        Ok(self.record(id)?.lapses)
    }

    /// The next confirmation of interest due.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn interest(&self, id: ApplicationId) -> Result<Interest, LifecycleError> {
        Ok(self.record(id)?.interest)
    }

    /// Where the application stands in its queue's total order.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn order_key(&self, id: ApplicationId) -> Result<OrderKey, LifecycleError> {
        Ok(self.record(id)?.order)
    }

    /// The other applications of its twins/triplets batch, with itself, by id.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn batch(&self, id: ApplicationId) -> Result<Vec<ApplicationId>, LifecycleError> {
        let r = self.record(id)?;
        Ok(match r.batch {
            None => vec![id],
            Some(b) => self.batch_members(b),
        })
    }

    pub(crate) fn batch_members(&self, batch: ApplicationId) -> Vec<ApplicationId> {
        self.batches
            .get(&batch)
            .cloned()
            .unwrap_or_else(|| vec![batch])
    }

    /// Its history: every event, oldest first (`RULES.md §2` \[004\]), each made whole
    /// as it is read (an owned [`Event`]; its text is shared); `.last()` is the newest
    /// without walking the others.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn history(&self, id: ApplicationId) -> Result<History<'_>, LifecycleError> {
        Ok(self.histories.of(self.record(id)?.history))
    }

    /// Every event of every application, without its text, in storage order: the order
    /// recorded (loaded from a snapshot: application by application). The events of one
    /// application are always oldest first. One pass over a whole city's history, as
    /// tables of what happened each day are built (the simulation's).
    pub fn transitions(&self) -> impl Iterator<Item = (ApplicationId, &Transition)> {
        // Record `i` is application `i + 1` (`Engine::index`); indices fit 64 bits.
        self.histories.all().map(|(i, t)| (Self::id_at(i), t))
    }

    /// Its queue number and the children of each class ahead (`RULES.md §2`), or `None`
    /// when it does not stand in a queue (holding a direction, enrolled, gone).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn position(&self, id: ApplicationId) -> Result<Option<Position>, LifecycleError> {
        let i = self.index(id)?;
        let placed = self.records[i]
            .placement
            .and_then(|p| self.standing.position_placed(p, id));
        Ok(placed.or_else(|| {
            self.standing
                .position_in(self.records[i].queue, &self.records[i].order)
        }))
    }

    /// The applications standing in a queue, in order.
    #[must_use]
    pub fn listing(&self, key: &QueueKey) -> Vec<ApplicationId> {
        self.standing.listing(key)
    }

    /// How many children of each class stand in a queue.
    #[must_use]
    pub fn counts(&self, key: &QueueKey) -> ClassCounts {
        self.standing.counts(key)
    }

    /// Every queue that has had a child, sorted.
    #[must_use]
    pub fn queues(&self) -> Vec<&QueueKey> {
        self.standing.keys()
    }

    /// Applies every deadline due up to `t`, in time order, and moves the clock to `t`.
    ///
    /// # Errors
    /// `TIME_BEFORE_CLOCK` when `t` is before the clock (nothing changes).
    pub fn advance_to(&mut self, t: NaiveDateTime) -> Result<(), LifecycleError> {
        self.check_clock(t)?;
        self.advance(t);
        self.accepted(t, || Command::AdvanceTo {});
        Ok(())
    }

    pub(crate) fn check_clock(&self, at: NaiveDateTime) -> Result<(), LifecycleError> {
        // Outside the calendar's span no deadline can be counted, and a clock past year
        // 9999 would make a snapshot that does not load: such a moment is refused first.
        self.calendar.covers(at.date())?;
        match self.now {
            Some(now) if at < now => Err(LifecycleError::TimeBeforeClock { at, now }),
            _ => Ok(()),
        }
    }

    pub(crate) fn advance(&mut self, t: NaiveDateTime) {
        // A deadline scheduled by a change may already be past when it is scheduled (a
        // child who ages out while holding a direction is removed when the direction
        // lapses, not before): it applies at the moment of that change, never earlier, so a
        // history never goes back in time. Found by fuzzing once provisional deadlines let
        // commands run into years without decree data.
        let mut floor = self.now;
        while let Some((due, i, kind)) = self.dues.take_due(t, &mut self.records[..]) {
            let due = floor.map_or(due, |f| due.max(f));
            floor = Some(due);
            if kind.changes_application() {
                let mut r = self.records[i].clone();
                let applied = r.apply_due(kind, due, &self.policy, &self.calendar);
                self.commit(i, r, due, Actor::Deadline, applied.reason, applied.detail);
            } else {
                self.commit_in_place(i, due, Actor::Deadline, |r, policy, cal| {
                    let applied = r.apply_due(kind, due, policy, cal);
                    (applied.reason, applied.detail)
                });
            }
        }
        self.now = Some(self.now.map_or(t, |n| n.max(t)));
    }

    /// Brings the engine to `at` and runs `f`, a command that judges the board as it
    /// stands then, so that a refusal changes nothing: when deadlines are due by `at`, on a
    /// copy kept only if `f` succeeds (call `advance_to` first to spare the copy);
    /// otherwise in place, putting the clock back on refusal.
    pub(crate) fn atomically<T>(
        &mut self,
        at: NaiveDateTime,
        f: impl FnOnce(&mut Engine) -> Result<T, LifecycleError>,
    ) -> Result<T, LifecycleError> {
        self.check_clock(at)?;
        let due = self.dues.first(&self.records[..]).is_some_and(|t| t <= at);
        if due {
            let mut copy = self.clone();
            copy.advance(at);
            let out = f(&mut copy)?;
            *self = copy;
            Ok(out)
        } else {
            let now = self.now;
            self.advance(at);
            let out = f(self);
            if out.is_err() {
                self.now = now;
            }
            out
        }
    }
}

/// The variant names serde lists when it meets an unknown tag, in order: how the tests
/// check `Request::NAMES` and `Query::NAMES` against the enums serde reads.
#[cfg(test)]
fn tags_serde_lists(e: &serde_json::Error) -> Vec<String> {
    let text = e.to_string();
    text.split("expected one of ")
        .nth(1)
        .unwrap_or_default()
        .split(", ")
        .map(|n| n.trim_matches(|c: char| c == '`' || !c.is_ascii_graphic()))
        .map(|n| n.split('`').next().unwrap_or(n).to_owned())
        .collect()
}
