//! Keeps an engine usable, and its memory bounded, after an internal error.
//!
//! On `wasm32-unknown-unknown` (stable Rust) a panic cannot unwind: it traps, the call
//! stops where it was, and nothing it held is dropped or released. `js/index.js` then puts
//! the shadow-stack pointer back and calls [`trapped`], which counts traps. An engine
//! records the count when a call starts; the next call that finds a call still marked
//! running, and a trap counted since it began, knows that call trapped:
//! - a query changed nothing, and the engine is used as it is;
//! - a command may have stopped midway: the engine is rebuilt as it was before it, from the
//!   engine as created or loaded (`origin`) and the journal (a copy of every command
//!   accepted since, taken from the engine's log after each command), or, for an engine
//!   that keeps no log, from its copy taken before the command. The half-changed engine is
//!   dropped in place, so its memory is reused: 10⁵ traps in a row keep memory flat
//!   (`test/hostile.test.mjs`).
//!
//! A call that finds another call running and no trap since is a re-entrant call (a JS
//! callback calling back into the engine) and is refused with `INTERNAL`, never run on an
//! engine that another call holds.
//!
//! `release` drops the engine's memory: `free()` calls it first, since wasm-bindgen cannot
//! free an object that a trapped call still holds (it would throw "attempted to take
//! ownership of Rust value while it was borrowed"); only this small shell then stays.

use std::cell::{Cell, RefCell, UnsafeCell};

use kezek::lifecycle::{Engine, LogEntry};
use kezek::InputError;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::errors::{internal, js, js_error};

thread_local! {
    /// How many calls into the module have trapped.
    static TRAPS: Cell<u64> = const { Cell::new(0) };
}

/// Called by `js/index.js` after each trap.
#[wasm_bindgen(js_name = "__trapped", skip_typescript)]
pub fn trapped() {
    TRAPS.with(|t| t.set(t.get() + 1));
}

fn traps() -> u64 {
    TRAPS.with(Cell::get)
}

/// What the engine's last call was doing, and the trap count when it began.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Running {
    Nothing,
    Query(u64),
    Command(u64),
}

/// An engine guarded against traps.
pub(crate) struct Guarded {
    /// The live engine, `None` once released. Reached only through [`Guarded::enter`],
    /// which hands out one reference at a time.
    live: UnsafeCell<Option<Engine>>,
    /// The call under way.
    running: Cell<Running>,
    /// The engine as created or loaded.
    origin: RefCell<Option<Engine>>,
    /// Commands accepted since `origin`, in order.
    journal: RefCell<Vec<LogEntry>>,
    /// For an engine without a log: its copy taken before the running command.
    backup: RefCell<Option<Engine>>,
}

impl Guarded {
    pub(crate) fn new(engine: Engine) -> Self {
        Self {
            live: UnsafeCell::new(Some(engine.clone())),
            running: Cell::new(Running::Nothing),
            origin: RefCell::new(Some(engine)),
            journal: RefCell::new(Vec::new()),
            backup: RefCell::new(None),
        }
    }

    /// Starts a call: recovers from a trapped one first, refuses a re-entrant one.
    #[allow(clippy::mut_from_ref)] // one reference at a time, tracked by `running`
    fn enter(&self, running: Running) -> Result<&mut Engine, JsValue> {
        let (started, command) = match self.running.get() {
            Running::Nothing => (None, false),
            Running::Query(t) => (Some(t), false),
            Running::Command(t) => (Some(t), true),
        };
        if let Some(t) = started {
            if traps() == t {
                return Err(internal(
                    "re-entrant call on an engine that is already running",
                ));
            }
            if command {
                let rebuilt = self.rebuild()?;
                // SAFETY: the call that held the reference trapped: its frames are gone and
                // will never run again, so no reference into `live` is alive. Assigning
                // drops the half-changed engine in place (as unwinding would have dropped
                // it: every data structure is valid at a panic point).
                unsafe { *self.live.get() = Some(rebuilt) };
            }
            self.running.set(Running::Nothing);
        }
        // SAFETY: `running` is `Nothing`, so no other reference into `live` exists: every
        // call sets it before taking the reference and resets it when done, and a trapped
        // call was recovered from above.
        let engine = unsafe { &mut *self.live.get() };
        let engine = engine.as_mut().ok_or_else(|| {
            js_error(&InputError::Freed {
                what: "Engine".to_owned(),
            })
        })?;
        self.running.set(running);
        Ok(engine)
    }

    /// The engine before the command that trapped.
    fn rebuild(&self) -> Result<Engine, JsValue> {
        if let Some(copy) = self.backup.borrow_mut().take() {
            return Ok(copy);
        }
        let origin = self.origin.borrow();
        let mut engine = origin.clone().ok_or_else(|| internal("released engine"))?;
        for entry in self.journal.borrow().iter() {
            js(engine.apply(entry))?;
        }
        Ok(engine)
    }

    /// Runs a query.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Engine) -> T) -> Result<T, JsValue> {
        let engine = self.enter(Running::Query(traps()))?;
        let out = f(engine);
        self.running.set(Running::Nothing);
        Ok(out)
    }

    /// Runs a command, then copies what it logged into the journal.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut Engine) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        let engine = self.enter(Running::Command(traps()))?;
        let keeps_log = engine.keeps_log();
        if !keeps_log {
            *self.backup.borrow_mut() = Some(engine.clone());
        }
        let out = f(engine);
        if keeps_log {
            let seen = self.origin.borrow().as_ref().map_or(0, |o| o.log().len());
            let mut journal = self.journal.borrow_mut();
            let seen = seen + journal.len();
            journal.extend_from_slice(engine.log().get(seen..).unwrap_or_default());
        } else {
            self.backup.borrow_mut().take();
        }
        self.running.set(Running::Nothing);
        out
    }

    /// Drops the engine, its origin and journal (`free()` calls it first).
    pub(crate) fn release(&self) {
        if self.enter(Running::Nothing).is_ok() {
            // SAFETY: `enter` checked that no other reference into `live` exists, and the
            // one it returned is dropped.
            unsafe { *self.live.get() = None };
        }
        self.origin.borrow_mut().take();
        self.journal.borrow_mut().clear();
        self.backup.borrow_mut().take();
    }
}
