//! `Engine`: the life of applications and the allocation of places (`RULES.md §2–§8`).
//!
//! Application and bulletin ids are numbers; moments are ISO strings in Kazakhstan civil
//! time. A refused command throws and leaves the engine unchanged; an internal error
//! (`INTERNAL`) leaves it as it was before the command (`recovery.rs`).

use kezek::application::ApplicationId;
use kezek::lifecycle::{Engine as CoreEngine, LogEntry, Request};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::calendar::WorkCalendar;
use crate::convert::{from_js, json_text, moment, string, to_js};
use crate::errors::js;
use crate::policy::Policy;
use crate::recovery::Guarded;

/// The lifecycle engine: one policy, one calendar, every application and bulletin.
#[wasm_bindgen]
pub struct Engine(pub(crate) Guarded);

/// Ids as a JS array of numbers.
pub(crate) fn ids(v: &[ApplicationId]) -> Result<JsValue, JsValue> {
    to_js(&v.iter().map(|i| i.0).collect::<Vec<_>>())
}

#[wasm_bindgen]
impl Engine {
    /// An engine under `policy`, on the national calendar of Kazakhstan.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &Policy) -> Result<Engine, JsValue> {
        Self::with_calendar(policy, &WorkCalendar(kezek::WorkCalendar::kazakhstan()))
    }

    /// An engine under `policy`, on `calendar`. (An optional argument would take the
    /// calendar from the caller: wasm-bindgen passes an optional class by value.)
    #[wasm_bindgen(js_name = withCalendar)]
    pub fn with_calendar(policy: &Policy, calendar: &WorkCalendar) -> Result<Engine, JsValue> {
        js(CoreEngine::new(policy.0.clone(), calendar.0.clone())).map(|e| Self(Guarded::new(e)))
    }

    /// The engine's policy.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> Result<Policy, JsValue> {
        self.0.read(|e| Policy(e.policy().clone()))
    }

    /// The engine's calendar.
    #[wasm_bindgen(getter)]
    pub fn calendar(&self) -> Result<WorkCalendar, JsValue> {
        self.0.read(|e| WorkCalendar(e.calendar().clone()))
    }

    /// The calendar the log starts from (before the log's calendar patches): replay the
    /// log on this one.
    #[wasm_bindgen(getter, js_name = logCalendar)]
    pub fn log_calendar(&self) -> Result<WorkCalendar, JsValue> {
        self.0.read(|e| WorkCalendar(e.log_calendar().clone()))
    }

    /// The moment of the last command (an ISO string), or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn now(&self) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(&e.now()))?
    }

    /// How many applications were ever registered.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> Result<usize, JsValue> {
        self.0.read(CoreEngine::len)
    }

    /// Runs any engine command given as data, `{command: "withdraw", id: 3}` (the command's
    /// snake_case name, as in the log, and the method's fields; `register` takes
    /// `application`), or as JSON text, at `at`; gives what the command gives: an id, ids,
    /// round reports, or `null`. `INPUT_FORMAT` for a malformed command.
    pub fn execute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EngineCommand | string")] command: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = Request::from_json(&json_text("command", command)?)
            .map_err(|e| crate::errors::js_error(&e))?;
        let at = moment("at", at)?;
        self.0
            .write(|e| js(e.execute(request, at)))
            .and_then(|outcome| to_js(&outcome))
    }

    /// The name of every command `execute` takes (its `command` tag, the method's
    /// snake_case name): what tells commands from queries.
    #[wasm_bindgen(js_name = commandNames, unchecked_return_type = "string[]")]
    pub fn command_names() -> Result<JsValue, JsValue> {
        to_js(&kezek::lifecycle::Request::NAMES)
    }

    /// Every accepted command, in order.
    #[wasm_bindgen(unchecked_return_type = "LogEntry[]")]
    pub fn log(&self) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(e.log()))?
    }

    /// Rebuilds an engine by replaying a command log under `policy` and `calendar`.
    pub fn replay(
        policy: &Policy,
        calendar: &WorkCalendar,
        #[wasm_bindgen(unchecked_param_type = "LogEntry[]")] log: &JsValue,
    ) -> Result<Engine, JsValue> {
        let log: Vec<LogEntry> = from_js("log", log)?;
        js(CoreEngine::replay(
            policy.0.clone(),
            calendar.0.clone(),
            &log,
        ))
        .map(|e| Self(Guarded::new(e)))
    }

    /// The whole engine as versioned JSON text (a snapshot to persist).
    pub fn snapshot(&self) -> Result<String, JsValue> {
        self.0.read(CoreEngine::to_json)
    }

    /// An engine from a snapshot.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "string")] json: &JsValue,
    ) -> Result<Engine, JsValue> {
        js(CoreEngine::from_json(&string("json", json)?)).map(|e| Self(Guarded::new(e)))
    }

    /// Drops the engine's memory; the package's `free()` calls it first, so an engine
    /// that a trapped call still holds is released all the same (`recovery.rs`).
    #[wasm_bindgen(js_name = "__release", skip_typescript)]
    pub fn release_memory(&self) {
        self.0.release();
    }

    /// Test hook: advances the clock to `at`, then panics, as a bug in a command would.
    /// The call throws `InternalError` and the engine stays as it was before it.
    ///
    /// # Panics
    /// Always, once the clock has moved.
    #[wasm_bindgen(js_name = "__panicForTesting", skip_typescript)]
    pub fn panic_for_testing(&self, at: &JsValue) -> Result<(), JsValue> {
        let at = moment("at", at)?;
        self.0.write(|e| {
            js(e.advance_to(at))?;
            panic!("panic for testing, after advancing the clock to {at}")
        })
    }
}
