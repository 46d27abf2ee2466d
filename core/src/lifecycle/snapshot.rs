//! Snapshots of an engine: its whole state as versioned serde data (JSON), so a host can
//! persist it and load it back.

use foldhash::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::event::{Event, LogEntry};
use super::record::Record;
use super::{Engine, LifecycleError};
use crate::allocation::bulletin::{Board, Bulletin, Claim};
use crate::application::QueueKey;
use crate::calendar::{CalendarData, WorkCalendar};
use crate::policy::Policy;
use crate::queue::QueueIndex;

/// The schema version written into every snapshot. [`Engine::from_json`] reads it and the
/// versions from [`OLDEST_LOADABLE_SCHEMA_VERSION`] on, migrated (`migration.rs`); any other
/// is refused with `SNAPSHOT_VERSION`. Version 2: the log keeps a registration as the
/// application registered (`Command::Register`), no longer as its raw input. Version 3: a
/// direction no longer carries precomputed stop-lists (counted when one begins). Version 4:
/// an application carries the child's birth date, sex and the date's source.
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 4;

/// The oldest snapshot version [`Engine::from_json`] still loads.
pub const OLDEST_LOADABLE_SCHEMA_VERSION: u32 = super::migration::OLDEST_LOADABLE;

/// One application in a snapshot: its record and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotEntry {
    #[serde(flatten)]
    record: Record,
    history: Vec<Event>,
}

/// The whole state of an [`Engine`]. Equal engines give equal snapshots, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// [`SNAPSHOT_SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// The policy.
    pub policy: Policy,
    /// The data of the calendar the log starts from ([`Engine::log_calendar`]), or `None`
    /// for the built-in calendar of Kazakhstan; the engine's calendar is this one with the
    /// log's calendar patches applied in order.
    pub calendar: Option<CalendarData>,
    /// The engine's clock.
    pub now: Option<NaiveDateTime>,
    /// The next event sequence number.
    pub next_seq: u64,
    /// Every application, by id.
    pub applications: Vec<SnapshotEntry>,
    /// Every bulletin published, by id, with its places taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bulletins: Vec<Bulletin>,
    /// The catalogue of kindergartens parents rank (`RULES.md §5a`), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kindergartens: Vec<crate::allocation::Kindergarten>,
    /// Where each queue stands in the interleaving cycle (`RULES.md §3`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interleave_cursors: Vec<(QueueKey, u32)>,
    /// Every accepted command.
    pub log: Vec<LogEntry>,
    /// Whether the engine keeps a log ([`Engine::without_log`]); absent: it does.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub keeps_log: bool,
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_yes(b: &bool) -> bool {
    *b
}

/// Only the version, read first so a future schema is refused by its number.
#[derive(Deserialize)]
struct VersionProbe {
    schema_version: u32,
}

fn format_error(e: &serde_json::Error) -> LifecycleError {
    LifecycleError::SnapshotFormat {
        line: e.line(),
        column: e.column(),
        detail: crate::input::json_said(e),
    }
}

impl Engine {
    /// The engine's whole state.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            schema_version: SNAPSHOT_SCHEMA_VERSION,
            policy: self.policy.clone(),
            calendar: (!self.log_calendar.is_builtin()).then(|| self.log_calendar.data().clone()),
            now: self.now,
            next_seq: self.next_seq,
            applications: self
                .records
                .iter()
                .map(|record| SnapshotEntry {
                    record: record.clone(),
                    history: self.histories.of(record.history).collect(),
                })
                .collect(),
            bulletins: self.board.bulletins().to_vec(),
            kindergartens: self.catalogue.all().cloned().collect(),
            interleave_cursors: self
                .board
                .cursors
                .iter()
                .map(|(k, c)| (k.clone(), *c))
                .collect(),
            log: self.log.clone(),
            keeps_log: self.keeps_log,
        }
    }

    /// The snapshot as JSON.
    ///
    /// # Panics
    /// Never: every part of a snapshot serialises.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Plain data with string keys only: serialisation cannot fail.
        #[allow(clippy::expect_used)]
        serde_json::to_string(&self.snapshot()).expect("a snapshot serialises")
    }

    /// An engine restored from a snapshot; queues and pending deadlines are rebuilt.
    ///
    /// # Errors
    /// `SNAPSHOT_VERSION`, `SNAPSHOT_FORMAT` (ids out of order), `SNAPSHOT_INCONSISTENT`
    /// (an invariant of [`Engine::check_invariants`] broken), a calendar or policy error.
    pub fn from_snapshot(snapshot: Snapshot) -> Result<Engine, LifecycleError> {
        if snapshot.schema_version != SNAPSHOT_SCHEMA_VERSION {
            return Err(LifecycleError::SnapshotVersion {
                found: snapshot.schema_version,
                supported: SNAPSHOT_SCHEMA_VERSION,
            });
        }
        let log_calendar = match snapshot.calendar {
            None => WorkCalendar::kazakhstan(),
            Some(data) => WorkCalendar::from_data(data)?,
        };
        let mut engine = Engine::new(snapshot.policy, log_calendar)?;
        engine.calendar = engine.patched_by_log(&snapshot.log)?;
        let n = snapshot.applications.len();
        engine.records.reserve(n);
        for (i, entry) in snapshot.applications.into_iter().enumerate() {
            if entry.record.app.id.0 != i as u64 + 1 {
                return Err(LifecycleError::SnapshotFormat {
                    line: 0,
                    column: 0,
                    detail: format!(
                        "application {} is stored at position {}",
                        entry.record.app.id,
                        i + 1
                    ),
                });
            }
            engine.names.push(entry.record.state.name());
            engine.records.push(entry.record);
            let i = engine.records.len() - 1;
            let mut events = entry.history.into_iter();
            // A history starts with the registration; an empty one is refused by format.
            let Some(first) = events.next() else {
                return Err(LifecycleError::SnapshotFormat {
                    line: 0,
                    column: 0,
                    detail: format!("application {} has no history", i + 1),
                });
            };
            let mut ends = super::history::HistoryEnds::default();
            for e in std::iter::once(first).chain(events) {
                let head = super::history::Transition::of(&e);
                let detail = e.detail.map(super::detail::Detail::Shared);
                engine.histories.push(&mut ends, i, head, detail);
            }
            engine.records[i].history = ends;
        }
        engine.now = snapshot.now;
        engine.next_seq = snapshot.next_seq;
        engine.log = snapshot.log;
        engine.keeps_log = snapshot.keeps_log;
        engine.catalogue = crate::allocation::catalogue::Catalogue::restore(snapshot.kindergartens);
        engine.board = Board::restore(
            snapshot.bulletins,
            snapshot.interleave_cursors.into_iter().collect(),
        );
        engine.rebuild();
        engine.check_invariants()?;
        Ok(engine)
    }

    /// Reads a snapshot from JSON: of this version, or of an earlier one still loadable
    /// ([`OLDEST_LOADABLE_SCHEMA_VERSION`]), migrated first.
    ///
    /// # Errors
    /// `SNAPSHOT_FORMAT`, `SNAPSHOT_VERSION`, and those of [`Engine::from_snapshot`].
    pub fn from_json(json: &str) -> Result<Engine, LifecycleError> {
        let probe: VersionProbe = serde_json::from_str(json).map_err(|e| format_error(&e))?;
        let snapshot: Snapshot = if probe.schema_version == SNAPSHOT_SCHEMA_VERSION {
            serde_json::from_str(json).map_err(|e| format_error(&e))?
        } else {
            let refused = LifecycleError::SnapshotVersion {
                found: probe.schema_version,
                supported: SNAPSHOT_SCHEMA_VERSION,
            };
            if probe.schema_version > SNAPSHOT_SCHEMA_VERSION {
                return Err(refused);
            }
            let mut value: serde_json::Value =
                serde_json::from_str(json).map_err(|e| format_error(&e))?;
            super::migration::migrate(&mut value, probe.schema_version, SNAPSHOT_SCHEMA_VERSION)
                .ok_or(refused)?;
            serde_json::from_value(value).map_err(|e| format_error(&e))?
        };
        Engine::from_snapshot(snapshot)
    }

    /// The calendar the log starts from with the log's calendar patches applied.
    fn patched_by_log(&self, log: &[LogEntry]) -> Result<WorkCalendar, LifecycleError> {
        let patches = log.iter().filter_map(|entry| match &entry.command {
            super::event::Command::PatchCalendar { patch } => Some(patch.clone()),
            _ => None,
        });
        let mut data: Option<CalendarData> = None;
        for patch in patches {
            data.get_or_insert_with(|| self.log_calendar.data().clone())
                .apply(patch);
        }
        Ok(match data {
            Some(data) => WorkCalendar::from_data(data)?,
            None => self.log_calendar.clone(),
        })
    }

    /// Rebuilds the derived parts (queues, child index, batches, pending deadlines) from
    /// the records.
    fn rebuild(&mut self) {
        let keys: Vec<_> = self.records.iter().map(|r| r.app.queue_key()).collect();
        let members = |pick: fn(&super::State) -> bool| {
            keys.iter()
                .zip(&self.records)
                .filter(move |(_, r)| pick(&r.state))
                .map(|(k, r)| (k, r.order))
        };
        self.standing = QueueIndex::build(&keys, members(super::State::stands_in_queue));
        self.waiting = QueueIndex::build(&keys, members(|s| matches!(s, super::State::Queued)));
        self.by_child = super::children::Children::default();
        self.batches = HashMap::default();
        for r in &self.records {
            self.by_child.add(&r.app.child, r.app.id);
            if let Some(b) = r.batch {
                self.batches.entry(b).or_default().push(r.app.id);
            }
        }
        // Every field a record derives from the engine, in one pass.
        let policy = &self.policy;
        let catalogue = &self.catalogue;
        for (r, k) in self.records.iter_mut().zip(&keys) {
            r.queue = self.standing.intern(k);
            r.placement = self.standing.placement_of(r.queue, &r.order);
            r.facts = crate::eligibility::ChildFacts::of(policy, &r.app);
            r.choices = catalogue.numbers_of(&r.app.ranked_choices);
            r.shared_child = self.by_child.has_several(&r.app.child);
            // Scheduled afresh below.
            r.due = super::dues::Slot::default();
        }
        self.ranked_holders.clear();
        for (i, r) in self.records.iter().enumerate() {
            if r.state.holds_ranked_direction() {
                self.ranked_holders.entry(r.queue).or_default().insert(i);
            }
        }
        self.rankers = self.rankers_rebuilt();
        for r in &self.records {
            // Places taken are stored with the bulletins; reservations come from the states.
            if let claim @ Claim::Reserved(_) = r.state.claim() {
                self.board.hold(claim);
            }
        }
        self.dues = super::dues::Dues::default();
        for i in 0..self.records.len() {
            self.schedule(i);
        }
    }
}
