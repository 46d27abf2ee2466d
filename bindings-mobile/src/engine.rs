//! `Engine`: the applications of one policy and calendar, their lives, positions and
//! deadlines, offline on the phone (`RULES.md §2–§9`). Snapshots are JSON text the app
//! persists; a refused command is a `KezekError` and changes nothing; a panic (a bug in
//! kezek) is `KezekError.Internal`, and the engine is put back as it was before the call.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use kezek::lifecycle::{LogEntry, Request};
use kezek::LifecycleError;

use crate::calendar::WorkCalendar;
use crate::errors::KezekError;
use crate::guard::guarded;
use crate::policy::Policy;
use crate::types::CivilMoment;

/// The lifecycle engine (thread-safe: calls are serialised by a lock).
#[derive(Debug, uniffi::Object)]
pub struct Engine(Mutex<kezek::Engine>);

impl Engine {
    fn lock(&self) -> MutexGuard<'_, kezek::Engine> {
        // No panic unwinds while the lock is held (commands catch theirs), so a poisoned
        // lock can only come from outside kezek; the engine inside is still whole.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads the engine.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&kezek::Engine) -> Result<T, LifecycleError>,
    ) -> Result<T, KezekError> {
        let engine = self.lock();
        guarded(|| Ok(f(&engine)?))
    }

    /// Runs a command. A refused command leaves the engine unchanged by the core's own
    /// rule; a panic half-way (a bug) is rolled back to the core's checkpoint taken before
    /// the command (the log's length: nothing is copied while all goes well).
    pub(crate) fn command<T>(
        &self,
        f: impl FnOnce(&mut kezek::Engine) -> Result<T, LifecycleError>,
    ) -> Result<T, KezekError> {
        Ok(self.lock().guarded(f)??)
    }

    fn wrap(engine: kezek::Engine) -> Arc<Self> {
        Arc::new(Self(Mutex::new(engine)))
    }
}

#[uniffi::export]
impl Engine {
    /// An engine for `policy` on the national calendar.
    ///
    /// # Errors
    /// A calendar error when the policy's periods cannot be computed on it.
    #[uniffi::constructor]
    pub fn new(policy: &Policy) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            Ok(Self::wrap(kezek::Engine::new(
                policy.0.clone(),
                kezek::WorkCalendar::kazakhstan(),
            )?))
        })
    }

    /// An engine for `policy` on `calendar`.
    ///
    /// # Errors
    /// As [`Engine::new`].
    #[uniffi::constructor]
    pub fn with_calendar(
        policy: &Policy,
        calendar: &WorkCalendar,
    ) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            Ok(Self::wrap(kezek::Engine::new(
                policy.0.clone(),
                (*calendar.0).clone(),
            )?))
        })
    }

    /// An engine from a snapshot (`snapshot()`'s JSON text).
    ///
    /// # Errors
    /// `SNAPSHOT_FORMAT`, `SNAPSHOT_VERSION`.
    #[uniffi::constructor]
    pub fn from_snapshot(json: &str) -> Result<Arc<Self>, KezekError> {
        guarded(|| Ok(Self::wrap(kezek::Engine::from_json(json)?)))
    }

    /// Rebuilds an engine by replaying a command log (`log()`'s JSON text) under `policy`,
    /// from `calendar` (the engine's `logCalendar()`): the same commands at the same
    /// moments give an identical engine.
    ///
    /// # Errors
    /// `INPUT_FORMAT` for a log that is not a list of entries; else the first command the
    /// log cannot replay.
    #[uniffi::constructor]
    pub fn replay(
        policy: &Policy,
        calendar: &WorkCalendar,
        log: &str,
    ) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            let log: Vec<LogEntry> =
                serde_json::from_str(log).map_err(|e| kezek::InputError::json("log", &e))?;
            let engine = kezek::Engine::replay(policy.0.clone(), (*calendar.0).clone(), &log)?;
            Ok(Self::wrap(engine))
        })
    }

    /// Every accepted command with its moment, in order, as JSON text (an array of log
    /// entries, as the core writes them): what `replay` takes.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn log(&self) -> Result<String, KezekError> {
        self.read(|e| Ok(serde_json::to_string(e.log()).unwrap_or_default()))
    }

    /// The calendar the log starts from (before the log's calendar patches): replay the
    /// log on this one.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn log_calendar(&self) -> Result<Arc<WorkCalendar>, KezekError> {
        self.read(|e| Ok(Arc::new(WorkCalendar(Arc::new(e.log_calendar().clone())))))
    }

    /// The whole engine as versioned JSON text, for the app to persist.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn snapshot(&self) -> Result<String, KezekError> {
        self.read(|e| Ok(e.to_json()))
    }

    /// The engine's clock: the latest moment it has seen.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn now(&self) -> Result<Option<CivilMoment>, KezekError> {
        self.read(|e| Ok(e.now()))
    }

    /// Runs any engine command given as JSON, `{"command": "withdraw", "id": 3}` (the
    /// command's name as in the log and the method's fields; `register` takes
    /// `application`), at `at`; gives its outcome as JSON: an id, ids, round reports or
    /// `null`. The typed methods above are what most apps call; this one entry serves
    /// hosts that keep commands as data (queues of offline actions, logs, tests).
    ///
    /// # Errors
    /// `INPUT_FORMAT` for a malformed command, else those of the command.
    pub fn execute(&self, command: &str, at: CivilMoment) -> Result<String, KezekError> {
        let request = guarded(|| Ok(Request::from_json(command)?))?;
        let outcome = self.command(|e| e.execute(request, at))?;
        Ok(serde_json::to_string(&outcome).unwrap_or_default())
    }
}

#[cfg(feature = "test-hooks")]
#[uniffi::export]
impl Engine {
    /// Test hook (built with the `test-hooks` feature only): advances the clock to `at`,
    /// then panics as a bug in a command would.
    ///
    /// # Errors
    /// Always `INTERNAL`; the engine is left as before the call.
    ///
    /// # Panics
    /// Inside, caught at the boundary.
    pub fn panic_for_testing(&self, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| {
            e.advance_to(at)?;
            panic!("a panic for testing, at {at}");
        })
    }
}
