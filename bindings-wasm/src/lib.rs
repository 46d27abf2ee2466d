//! JavaScript/WASM binding of kezek: the npm package `kezek` (ESM, for browsers and Node).
//!
//! One file per concept of the core (`iin`, `calendar`, `policy`, `engine`, `matching`,
//! `simulation`); `convert.rs` turns the core's serde data into plain JS objects with
//! camelCase keys (dates as ISO strings) and back; `errors.rs` maps every core error to
//! its `Error` subclass (`js/errors.js`); `recovery.rs` keeps an engine usable after an
//! internal error; `types.rs` holds the TypeScript declarations of the plain data. The
//! package's entry, `js/index.js`, loads the module and turns a trap (a Rust panic) into
//! a `KezekError` with code `INTERNAL`.
// The crate's API is the JS one: every fallible export throws a `KezekError` documented in
// `js/errors.js`, and JS has no `#[must_use]`.
#![allow(clippy::missing_errors_doc, clippy::must_use_candidate)]

mod calendar;
mod commands;
mod convert;
mod engine;
mod engine_queries;
mod errors;
mod iin;
mod matching;
mod people;
mod policy;
mod recovery;
mod simulation;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
mod types;

use std::cell::RefCell;

pub use calendar::{ProvisionalCalendar, WorkCalendar};
pub use engine::Engine;
pub use iin::Iin;
pub use matching::{Matching, MatchingInstance};
pub use people::{labels, show_date, show_deadline, show_moment};
pub use policy::{Policy, PolicyBook};
pub use recovery::trapped;
pub use simulation::{
    default_city, simulate, simulate_sweep, simulate_two, with_city, SimulationResult,
};

use wasm_bindgen::prelude::wasm_bindgen;

/// The version of kezek this package was built from.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

thread_local! {
    /// The message of the last panic, for the `INTERNAL` error the package raises.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs once when the module is instantiated: panics record their message (a panic then
/// traps, and `js/index.js` reports it as `INTERNAL`).
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(message);
            }
        });
    }));
}

/// The `INTERNAL` error for a trap, with the panic's message if one was recorded; called by
/// `js/index.js` when a call into the module traps.
#[wasm_bindgen(js_name = "__internalError", skip_typescript)]
#[must_use]
pub fn internal_error(trap: &str) -> wasm_bindgen::JsValue {
    let panic = LAST_PANIC.with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()));
    errors::internal(panic.as_deref().unwrap_or(trap))
}

/// `INPUT_TYPE` for what the generated glue refuses before kezek runs: an argument that is
/// not an instance of the class `expected`; `found` is its JS type. Called by
/// `js/index.js`, which turns the glue's plain `Error` into this.
#[wasm_bindgen(js_name = "__inputTypeError", skip_typescript)]
#[must_use]
pub fn input_type_error(what: &str, expected: &str, found: &str) -> wasm_bindgen::JsValue {
    errors::js_error(&kezek::InputError::of_type(what, expected, found))
}

/// `INPUT_FREED`: `what` was used after its `free()`. Called by `js/index.js`.
#[wasm_bindgen(js_name = "__freedError", skip_typescript)]
#[must_use]
pub fn freed_error(what: &str) -> wasm_bindgen::JsValue {
    errors::js_error(&kezek::InputError::Freed {
        what: what.to_owned(),
    })
}

/// `INPUT_TYPE` or `INPUT_FORMAT` for a language that is not `"kk"`, `"ru"` or `"en"`
/// (`setLanguage`). Called by `js/index.js`.
#[wasm_bindgen(js_name = "__languageError", skip_typescript)]
#[must_use]
pub fn language_error(value: &wasm_bindgen::JsValue) -> wasm_bindgen::JsValue {
    match convert::string("lang", value) {
        Err(e) => e,
        Ok(_) => errors::input_error("lang", "expected \"kk\", \"ru\" or \"en\""),
    }
}
