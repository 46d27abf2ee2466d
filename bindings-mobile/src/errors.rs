//! Every core error as one uniffi error enum, one variant per class of the hosts' shared
//! tree (the core's `ErrorKind`): Kotlin `KezekException.CommandRefused`…, Swift
//! `KezekError.commandRefused`…. Each carries the core's `ErrorReport`: the stable code,
//! the structured fields and the message in kk/ru/en; `code()`, `kind()`, `details()` and
//! `messageIn(lang)` read it on every one.
//!
//! No core variant is named here: the core's exhaustive matches answer for every one, and
//! this file maps the core's kinds and kinds of field exhaustively (no wildcard arm), so a
//! new kind breaks this crate's build until it has its variant.

use std::collections::HashMap;

use kezek::error::Detail;
use kezek::{Lang, LocalizedError, LocalizedText};

use crate::types::{Check, CivilDate, CivilMoment};

/// The class of a `KezekError`, as in the Python and JS bindings' class trees (the core's
/// `kezek::ErrorKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ErrorKind {
    /// Data of the wrong shape, depth or size (`INPUT_FORMAT`: a malformed date string, a
    /// Kotlin moment with nanoseconds).
    Input,
    /// A value of the wrong type (`INPUT_TYPE`).
    InputType,
    /// An IIN that is not valid (`RULES.md §1`).
    Iin,
    /// A calendar question or calendar data the calendar cannot answer or accept.
    Calendar,
    /// No policy (or region) for what was asked.
    PolicyNotFound,
    /// Policy data that breaks a rule of policies.
    PolicyInvalid,
    /// No application with that id.
    ApplicationNotFound,
    /// A command the rules refuse in the application's state or at that moment.
    CommandRefused,
    /// A snapshot that cannot be read.
    Snapshot,
    /// No bulletin with that id.
    BulletinNotFound,
    /// No kindergarten with that id.
    KindergartenNotFound,
    /// Places that cannot be published, taken or held.
    PlacesRefused,
    /// A matching instance that is not well formed.
    Matching,
    /// A simulation input that cannot be run.
    Simulation,
    /// A bug in kezek (a Rust panic), caught at the boundary.
    Internal,
}

impl From<kezek::ErrorKind> for ErrorKind {
    fn from(kind: kezek::ErrorKind) -> Self {
        use kezek::ErrorKind as K;
        match kind {
            K::Input => Self::Input,
            K::InputType => Self::InputType,
            K::Iin => Self::Iin,
            K::Calendar => Self::Calendar,
            K::PolicyNotFound => Self::PolicyNotFound,
            K::PolicyInvalid => Self::PolicyInvalid,
            K::ApplicationNotFound => Self::ApplicationNotFound,
            K::CommandRefused => Self::CommandRefused,
            K::Snapshot => Self::Snapshot,
            K::BulletinNotFound => Self::BulletinNotFound,
            K::KindergartenNotFound => Self::KindergartenNotFound,
            K::PlacesRefused => Self::PlacesRefused,
            K::Matching => Self::Matching,
            K::Simulation => Self::Simulation,
            K::Internal => Self::Internal,
        }
    }
}

/// One structured field of an error (ids, counts, dates, codes; never an unmasked IIN).
/// Each variant holds one value of its type.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ErrorDetail {
    /// A count, an index, an id or a limit.
    Count { value: u64 },
    /// A year.
    Year { value: i32 },
    /// A name, code or description.
    Text { value: String },
    /// A list of codes.
    Texts { values: Vec<String> },
    /// A civil date.
    Date { value: CivilDate },
    /// A civil moment.
    Moment { value: CivilMoment },
    /// The failed checks of a refused registration or change.
    Checks { checks: Vec<Check> },
}

impl From<Detail> for ErrorDetail {
    fn from(detail: Detail) -> Self {
        match detail {
            Detail::Count(value) => Self::Count { value },
            Detail::Year(value) => Self::Year { value },
            Detail::Text(value) => Self::Text { value },
            Detail::Texts(values) => Self::Texts { values },
            Detail::Date(value) => Self::Date { value },
            Detail::Moment(value) => Self::Moment { value },
            Detail::Checks(checks) => Self::Checks {
                checks: checks.iter().map(Check::from).collect(),
            },
        }
    }
}

/// What every error carries: the core's report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorReport {
    /// The stable machine code (`IIN_CHECKSUM`), the same in every binding.
    pub code: String,
    /// The structured fields, by name (`id`, `found`, `failed`…).
    pub details: HashMap<String, ErrorDetail>,
    /// The message in each language.
    pub messages: LocalizedText,
}

/// An error of kezek: its variant is its class, `report` its code, fields and messages.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[error("{}: {}", self.parts().1.code, self.parts().1.messages.en)]
pub enum KezekError {
    Input { report: ErrorReport },
    InputType { report: ErrorReport },
    Iin { report: ErrorReport },
    Calendar { report: ErrorReport },
    PolicyNotFound { report: ErrorReport },
    PolicyInvalid { report: ErrorReport },
    ApplicationNotFound { report: ErrorReport },
    CommandRefused { report: ErrorReport },
    Snapshot { report: ErrorReport },
    BulletinNotFound { report: ErrorReport },
    KindergartenNotFound { report: ErrorReport },
    PlacesRefused { report: ErrorReport },
    Matching { report: ErrorReport },
    Simulation { report: ErrorReport },
    Internal { report: ErrorReport },
}

impl<E: LocalizedError> From<E> for KezekError {
    fn from(e: E) -> Self {
        let r = e.report();
        let report = ErrorReport {
            code: r.code.as_str().to_owned(),
            details: r
                .details
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.into()))
                .collect(),
            messages: r.messages,
        };
        match ErrorKind::from(r.kind) {
            ErrorKind::Input => Self::Input { report },
            ErrorKind::InputType => Self::InputType { report },
            ErrorKind::Iin => Self::Iin { report },
            ErrorKind::Calendar => Self::Calendar { report },
            ErrorKind::PolicyNotFound => Self::PolicyNotFound { report },
            ErrorKind::PolicyInvalid => Self::PolicyInvalid { report },
            ErrorKind::ApplicationNotFound => Self::ApplicationNotFound { report },
            ErrorKind::CommandRefused => Self::CommandRefused { report },
            ErrorKind::Snapshot => Self::Snapshot { report },
            ErrorKind::BulletinNotFound => Self::BulletinNotFound { report },
            ErrorKind::KindergartenNotFound => Self::KindergartenNotFound { report },
            ErrorKind::PlacesRefused => Self::PlacesRefused { report },
            ErrorKind::Matching => Self::Matching { report },
            ErrorKind::Simulation => Self::Simulation { report },
            ErrorKind::Internal => Self::Internal { report },
        }
    }
}

impl KezekError {
    /// Its class and its report.
    fn parts(&self) -> (ErrorKind, &ErrorReport) {
        use ErrorKind as K;
        match self {
            Self::Input { report } => (K::Input, report),
            Self::InputType { report } => (K::InputType, report),
            Self::Iin { report } => (K::Iin, report),
            Self::Calendar { report } => (K::Calendar, report),
            Self::PolicyNotFound { report } => (K::PolicyNotFound, report),
            Self::PolicyInvalid { report } => (K::PolicyInvalid, report),
            Self::ApplicationNotFound { report } => (K::ApplicationNotFound, report),
            Self::CommandRefused { report } => (K::CommandRefused, report),
            Self::Snapshot { report } => (K::Snapshot, report),
            Self::BulletinNotFound { report } => (K::BulletinNotFound, report),
            Self::KindergartenNotFound { report } => (K::KindergartenNotFound, report),
            Self::PlacesRefused { report } => (K::PlacesRefused, report),
            Self::Matching { report } => (K::Matching, report),
            Self::Simulation { report } => (K::Simulation, report),
            Self::Internal { report } => (K::Internal, report),
        }
    }
}

#[uniffi::export]
impl KezekError {
    /// The stable machine code (`IIN_CHECKSUM`), the same in every binding.
    #[must_use]
    pub fn code(&self) -> String {
        self.parts().1.code.clone()
    }

    /// The error's class, as in the other bindings' class trees.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.parts().0
    }

    /// The error's code, fields and messages.
    #[must_use]
    pub fn report(&self) -> ErrorReport {
        self.parts().1.clone()
    }

    /// The message in `lang`.
    #[must_use]
    pub fn message_in(&self, lang: Lang) -> String {
        self.parts().1.messages.get(lang).to_owned()
    }
}
