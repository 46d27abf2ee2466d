//! `Engine`: the life of applications and the allocation of places (`RULES.md §2–§8`).
//!
//! Application ids and bulletin ids are plain integers; moments are naive
//! `datetime.datetime` in Kazakhstan civil time. A refused command raises and leaves the
//! engine unchanged.

use chrono::NaiveDateTime;
use kezek::application::ApplicationId;
use kezek::lifecycle::{Engine, LogEntry, Query, Request};
use kezek::InputError;
use std::sync::{Mutex, MutexGuard, TryLockError};

use pyo3::prelude::*;

use crate::calendar::PyCalendar;
use crate::convert::{deserialize, from_py, serialize};
use crate::errors::{py, ToPyErr};
use crate::policy::PyPolicy;

/// The lifecycle engine: one policy, one calendar, every application and bulletin.
///
/// One engine may be shared by threads: its calls are serialised by a lock, and a thread
/// waiting for it waits without the GIL (`RULES.md` has nothing on threads: this is the
/// binding's guarantee, README "Guarantees").
#[pyclass(module = "kezek._kezek", name = "Engine", subclass, frozen)]
pub(crate) struct PyEngine(Mutex<Engine>);

impl PyEngine {
    pub(crate) fn of(engine: Engine) -> Self {
        Self(Mutex::new(engine))
    }

    /// The engine, for one call: waits without the GIL while another thread holds it, so
    /// that thread can finish (a poisoned lock, after a panic, is taken as it is).
    pub(crate) fn lock(&self, py: Python<'_>) -> MutexGuard<'_, Engine> {
        loop {
            match self.0.try_lock() {
                Ok(engine) => return engine,
                Err(TryLockError::Poisoned(p)) => return p.into_inner(),
                Err(TryLockError::WouldBlock) => py.detach(|| drop(self.0.lock())),
            }
        }
    }
}

impl PyEngine {
    /// Runs a command on the engine. A refusal leaves it unchanged by the core's own rule;
    /// a panic (a bug in kezek) is rolled back to the checkpoint taken before the command
    /// and raised as `InternalError` (`INTERNAL`), never as pyo3's `PanicException`.
    fn command<T, E: crate::errors::ToPyErr>(
        &self,
        py_: Python<'_>,
        f: impl FnOnce(&mut Engine) -> Result<T, E>,
    ) -> PyResult<T> {
        py(self.lock(py_).guarded(f)).and_then(py)
    }
}

/// The engine's id list as integers.
fn ids(v: &[ApplicationId]) -> Vec<u64> {
    v.iter().map(|i| i.0).collect()
}

#[pymethods]
impl PyEngine {
    /// An engine under `policy`, on `calendar` (the national one by default); with
    /// `keep_log=False` it keeps no command log (simulations).
    #[new]
    #[pyo3(signature = (policy, calendar = None, keep_log = true))]
    fn new(policy: &PyPolicy, calendar: Option<&PyCalendar>, keep_log: bool) -> PyResult<Self> {
        let calendar = calendar.map_or_else(kezek::WorkCalendar::kazakhstan, |c| c.0.clone());
        let engine = py(Engine::new(policy.0.clone(), calendar))?;
        Ok(Self::of(if keep_log {
            engine
        } else {
            engine.without_log()
        }))
    }

    /// The engine's policy.
    #[getter]
    fn policy(&self, py_: Python<'_>) -> PyPolicy {
        PyPolicy(self.lock(py_).policy().clone())
    }

    /// The engine's calendar.
    #[getter]
    fn calendar(&self, py_: Python<'_>) -> PyCalendar {
        PyCalendar(self.lock(py_).calendar().clone())
    }

    /// The calendar the log starts from (before the log's calendar patches): replay the
    /// log on this one.
    #[getter]
    fn log_calendar(&self, py_: Python<'_>) -> PyCalendar {
        PyCalendar(self.lock(py_).log_calendar().clone())
    }

    /// The moment of the last command, if any.
    #[getter]
    fn now(&self, py_: Python<'_>) -> Option<NaiveDateTime> {
        self.lock(py_).now()
    }

    fn __len__(&self, py_: Python<'_>) -> usize {
        self.lock(py_).len()
    }

    /// Runs any engine command given as data, `{"command": "withdraw", "id": 3}` (the
    /// shapes of `kezek::lifecycle::Request`), at `at`; gives what the command gives (an
    /// id, ids, round reports or `None`). The typed methods of `kezek.Engine` are written
    /// on it.
    fn execute<'py>(
        &self,
        py_: Python<'py>,
        command: &Bound<'py, PyAny>,
        at: NaiveDateTime,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = Request::from_value(from_py(command)?).map_err(|e| e.to_py_err())?;
        serialize(py_, &self.command(py_, |e| e.execute(request, at))?)
    }

    /// Makes room for `additional` registrations (at most `kezek::input::MAX_RESERVE`).
    fn reserve(&self, py_: Python<'_>, additional: &Bound<'_, PyAny>) -> PyResult<()> {
        let additional = crate::convert::count("additional", additional)?;
        self.command(py_, |e| e.reserve(additional))
    }

    /// Adds calendar data (a patch: JSON text or a dict) at `at` and counts every pending
    /// deadline again; returns the ids whose deadlines moved.
    fn patch_calendar(
        &self,
        py_: Python<'_>,
        patch: &Bound<'_, PyAny>,
        at: NaiveDateTime,
    ) -> PyResult<Vec<u64>> {
        let patch = py(kezek::calendar::CalendarPatch::from_json(
            &crate::convert::json_text(patch)?,
        ))?;
        self.command(py_, |e| e.patch_calendar(patch, at))
            .map(|v| ids(&v))
    }

    /// Answers any engine query given as data, `{"query": "state", "id": 3}` (the shapes
    /// of `kezek::lifecycle::Query`); gives what the query's method gives, as data. The
    /// typed query methods of `kezek.Engine` are written on it.
    fn ask<'py>(&self, py_: Python<'py>, query: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let query = Query::from_value(from_py(query)?).map_err(|e| e.to_py_err())?;
        let engine = self.lock(py_);
        serialize(py_, &py(engine.ask(&query))?)
    }

    /// `ask` for a query whose only argument is an application's id (`state`,
    /// `position`…), with no data to read: the typed methods' fast path.
    fn ask_about<'py>(
        &self,
        py_: Python<'py>,
        query: &str,
        id: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = Query::about(query, ApplicationId(id)).ok_or_else(|| {
            InputError::format("query", "not a query about one application").to_py_err()
        })?;
        let engine = self.lock(py_);
        serialize(py_, &py(engine.ask(&query))?)
    }

    /// The applications an applicant filed.
    fn applications_of(&self, py_: Python<'_>, applicant: &crate::iin::PyIin) -> Vec<u64> {
        ids(&self.lock(py_).applications_of(&applicant.0))
    }

    /// Test hook: advances the clock to `at`, then panics, as a bug in a command would.
    /// The tests check that the engine is rolled back and the error is `INTERNAL`.
    fn _panic_for_testing(&self, py_: Python<'_>, at: NaiveDateTime) -> PyResult<()> {
        self.command(py_, |e| -> Result<(), kezek::LifecycleError> {
            e.advance_to(at)?;
            panic!("a panic for testing, after advancing the clock to {at}")
        })
    }

    /// The command log (empty when the engine keeps none).
    fn log<'py>(&self, py_: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py_, self.lock(py_).log())
    }

    /// Rebuilds an engine by replaying a command log under `policy` and `calendar`.
    #[staticmethod]
    #[pyo3(signature = (policy, log, calendar = None))]
    fn replay(
        policy: &PyPolicy,
        log: &Bound<'_, PyAny>,
        calendar: Option<&PyCalendar>,
    ) -> PyResult<Self> {
        let log: Vec<LogEntry> = deserialize("log", log)?;
        let calendar = calendar.map_or_else(kezek::WorkCalendar::kazakhstan, |c| c.0.clone());
        py(Engine::replay(policy.0.clone(), calendar, &log)).map(Self::of)
    }

    /// The whole engine as versioned JSON text (a snapshot).
    fn to_json(&self, py_: Python<'_>) -> String {
        let engine = self.lock(py_);
        let engine: &Engine = &engine;
        py_.detach(|| engine.to_json())
    }

    /// An engine from a snapshot.
    #[staticmethod]
    fn from_json(py_: Python<'_>, json: &str) -> PyResult<Self> {
        py(py_.detach(|| Engine::from_json(json))).map(Self::of)
    }
}
