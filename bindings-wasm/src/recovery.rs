//! Keeps an engine usable after an internal error.
//!
//! On `wasm32-unknown-unknown` (stable Rust) a panic cannot unwind: it traps, the call
//! stops where it was, and nothing is dropped, so a `RefCell` borrowed by that call stays
//! borrowed forever. The engine therefore lives in a cell that each call borrows afresh;
//! the next call finds a cell still mutably borrowed, and rebuilds the engine as it was
//! before the command that trapped. The rebuild starts from the engine as created or
//! loaded (`origin`) and applies the journal: a copy of every command accepted since,
//! taken from the engine's log after each command (one log entry per command). An engine
//! that keeps no log (loaded from such a snapshot) is copied before each command instead.
//! Queries cannot change the engine, so a trap in a query keeps the engine as it is.

use std::cell::RefCell;
use std::rc::Rc;

use kezek::lifecycle::{Engine, LogEntry};
use wasm_bindgen::JsValue;

use crate::errors::js;

/// An engine guarded against traps.
pub(crate) struct Guarded {
    /// The live engine; the outer cell is borrowed only for an instant, never across a
    /// call into the core.
    live: RefCell<Rc<RefCell<Engine>>>,
    /// The engine as created or loaded.
    origin: Engine,
    /// Commands accepted since `origin`, in order.
    journal: RefCell<Vec<LogEntry>>,
    /// For an engine without a log: its copy taken before the running command.
    backup: RefCell<Option<Engine>>,
}

impl Guarded {
    pub(crate) fn new(engine: Engine) -> Self {
        Self {
            live: RefCell::new(Rc::new(RefCell::new(engine.clone()))),
            origin: engine,
            journal: RefCell::new(Vec::new()),
            backup: RefCell::new(None),
        }
    }

    /// The live engine's cell, rebuilt first if a call trapped while holding it.
    fn cell(&self) -> Result<Rc<RefCell<Engine>>, JsValue> {
        let cell = Rc::clone(&self.live.borrow());
        if cell.try_borrow_mut().is_ok() {
            return Ok(cell);
        }
        let rebuilt = match cell.try_borrow() {
            // A query trapped: it changed nothing.
            Ok(engine) => engine.clone(),
            // A command trapped midway.
            Err(_) => self.rebuild()?,
        };
        let fresh = Rc::new(RefCell::new(rebuilt));
        *self.live.borrow_mut() = Rc::clone(&fresh);
        Ok(fresh)
    }

    /// The engine before the command that trapped.
    fn rebuild(&self) -> Result<Engine, JsValue> {
        if let Some(copy) = self.backup.borrow_mut().take() {
            return Ok(copy);
        }
        let mut engine = self.origin.clone();
        for entry in self.journal.borrow().iter() {
            js(engine.apply(entry))?;
        }
        Ok(engine)
    }

    /// Runs a query.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Engine) -> T) -> Result<T, JsValue> {
        let cell = self.cell()?;
        let engine = cell.borrow();
        Ok(f(&engine))
    }

    /// Runs a command, then copies what it logged into the journal.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut Engine) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        let cell = self.cell()?;
        let mut engine = cell.borrow_mut();
        let keeps_log = engine.keeps_log();
        if !keeps_log {
            *self.backup.borrow_mut() = Some(engine.clone());
        }
        let out = f(&mut engine);
        if keeps_log {
            let mut journal = self.journal.borrow_mut();
            let seen = self.origin.log().len() + journal.len();
            journal.extend_from_slice(engine.log().get(seen..).unwrap_or_default());
        } else {
            self.backup.borrow_mut().take();
        }
        out
    }
}
