//! Kotlin/Swift binding of kezek through uniffi proc-macros: the package `kz.kezek` for
//! Kotlin, the module `Kezek` for Swift. A facade of small files: `types` (how data
//! crosses), `errors` (every core error, mapped exhaustively), `guard` (no panic crosses),
//! then one file per concept.

// The error crosses the boundary by value (uniffi lifts it into a Kotlin exception or a
// Swift enum), so its size is not a cost worth boxing for.
#![allow(clippy::result_large_err)]
// uniffi lifts records and sequences by value (only objects and strings cross as borrows).
#![allow(clippy::needless_pass_by_value)]

uniffi::setup_scaffolding!();

mod allocation;
mod application;
mod calendar;
mod commands;
mod engine;
mod engine_queries;
mod errors;
mod guard;
mod iin;
mod lifecycle;
mod people;
mod policy;
mod types;

pub use allocation::{
    Bulletin, ChoiceCutoff, Finding, Kindergarten, NewBulletin, RoundReport, Skipped, Verdict,
};
pub use application::{Address, Application, Contacts, NewApplication};
pub use calendar::{ProvisionalCalendar, WorkCalendar};
pub use engine::Engine;
pub use errors::{ErrorDetail, ErrorKind, ErrorReport, KezekError};
pub use iin::Iin;
pub use lifecycle::{reason_code, Decision, Direction, Event, NextDeadline, State};
pub use people::{labels, show_date, show_deadline, show_moment};
pub use policy::{NamedPeriod, Policy, PolicyBook};
pub use types::{Check, CivilDate, CivilMoment};

/// The version of kezek this library was built from.
#[uniffi::export]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The name of every engine command `Engine.execute` takes (its `command` tag): what tells
/// commands from queries, in the order of the core's log.
#[uniffi::export]
#[must_use]
pub fn command_names() -> Vec<String> {
    kezek::lifecycle::Request::NAMES.map(str::to_owned).to_vec()
}
