//! The core's errors as exceptions of `kezek.errors`.
//!
//! Every variant of every core error enum is matched here by name, with no wildcard arm:
//! inside this workspace the enums are exhaustive (`.cargo/config.toml`), so a new variant
//! breaks this file's build instead of reaching Python as an unknown error. Each variant
//! picks its exception class (a domain class that also subclasses `ValueError` or
//! `LookupError`) and its structured fields; the code and the three messages come from the
//! core's `LocalizedError`.

use chrono::{NaiveDate, NaiveDateTime};
use kezek::allocation::matching::MatchingError;
use kezek::allocation::AllocationError;
use kezek::simulation::SimulationError;
use kezek::{
    CalendarError, IinError, InputError, InternalError, Lang, LifecycleError, LocalizedError,
    PolicyError,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::serialize;

/// A structured field of an error.
enum Field {
    Int(u64),
    Signed(i64),
    Text(String),
    Date(NaiveDate),
    Moment(NaiveDateTime),
    Texts(Vec<String>),
    Json(serde_json::Value),
}

impl Field {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(match self {
            Field::Int(n) => n.into_pyobject(py)?.into_any(),
            Field::Signed(n) => n.into_pyobject(py)?.into_any(),
            Field::Text(s) => s.into_pyobject(py)?.into_any(),
            Field::Date(d) => d.into_pyobject(py)?.into_any(),
            Field::Moment(t) => t.into_pyobject(py)?.into_any(),
            Field::Texts(v) => v.into_pyobject(py)?.into_any(),
            Field::Json(v) => serialize(py, v)?,
        })
    }
}

fn text(s: &(impl ToString + ?Sized)) -> Field {
    Field::Text(s.to_string())
}

fn int(n: impl Into<u64>) -> Field {
    Field::Int(n.into())
}

fn size(n: usize) -> Field {
    Field::Int(n as u64)
}

fn year(y: i32) -> Field {
    Field::Signed(i64::from(y))
}

/// An exception class of `kezek.errors` and the error's fields.
type Mapped = (&'static str, Vec<(&'static str, Field)>);

fn internal(e: &InternalError) -> Mapped {
    ("InternalError", vec![("panic", text(&e.panic))])
}

fn input(e: &InputError) -> Mapped {
    match e {
        InputError::Type {
            what,
            expected,
            found,
        } => (
            "InputTypeError",
            vec![
                ("what", text(what)),
                ("expected", text(expected)),
                ("found", text(found)),
            ],
        ),
        InputError::Format { what, detail } => (
            "InputError",
            vec![("what", text(what)), ("detail", text(detail))],
        ),
        InputError::Depth { what, limit } => (
            "InputError",
            vec![("what", text(what)), ("limit", size(*limit))],
        ),
        InputError::Freed { what } => ("InputError", vec![("what", text(what))]),
        InputError::TooLarge { what, limit, found } => (
            "InputError",
            vec![
                ("what", text(what)),
                ("limit", Field::Int(*limit)),
                ("found", Field::Int(*found)),
            ],
        ),
    }
}

fn iin(e: &IinError) -> Mapped {
    let fields = match e {
        IinError::Length { found } => vec![("found", size(*found))],
        IinError::NonDigit { position } => vec![("position", size(*position))],
        IinError::BirthDate { part } => vec![("part", text(part.as_str()))],
        IinError::Checksum => vec![],
        IinError::Serial { found } => vec![("found", int(*found))],
    };
    ("IinError", fields)
}

fn calendar(e: &CalendarError) -> Mapped {
    let fields = match e {
        CalendarError::YearUnknown { year: y } | CalendarError::YearOutsideSpan { year: y } => {
            vec![("year", year(*y))]
        }
        CalendarError::OutOfRange {
            first_year,
            last_year,
        }
        | CalendarError::Span {
            first_year,
            last_year,
        } => vec![
            ("first_year", year(*first_year)),
            ("last_year", year(*last_year)),
        ],
        CalendarError::Format { found, expected } => {
            vec![("found", int(*found)), ("expected", int(*expected))]
        }
        CalendarError::Holiday { id } => vec![("id", text(id))],
        CalendarError::Transfer { from, to } => {
            vec![("from", Field::Date(*from)), ("to", Field::Date(*to))]
        }
        CalendarError::Json {
            line,
            column,
            detail,
        } => json_fields(*line, *column, detail),
    };
    ("CalendarError", fields)
}

fn json_fields(line: usize, column: usize, detail: &str) -> Vec<(&'static str, Field)> {
    vec![
        ("line", size(line)),
        ("column", size(column)),
        ("detail", text(detail)),
    ]
}

fn policy(e: &PolicyError) -> Mapped {
    match e {
        PolicyError::UnknownRegion { region } => {
            ("PolicyNotFoundError", vec![("region", text(region))])
        }
        PolicyError::NotInForce { region, date } => (
            "PolicyNotFoundError",
            vec![("region", text(region)), ("date", Field::Date(*date))],
        ),
        PolicyError::UnknownPolicy { id } => ("PolicyNotFoundError", vec![("id", text(id))]),
        PolicyError::Duplicate { id } => ("PolicyInvalidError", vec![("id", text(id))]),
        PolicyError::Unit {
            policy,
            parameter,
            unit,
        } => (
            "PolicyInvalidError",
            vec![
                ("policy", text(policy)),
                ("parameter", text(parameter)),
                ("unit", text(unit)),
            ],
        ),
        PolicyError::Value {
            policy,
            parameter,
            reason,
        } => (
            "PolicyInvalidError",
            vec![
                ("policy", text(policy)),
                ("parameter", text(parameter)),
                ("reason", text(reason)),
            ],
        ),
        PolicyError::PolicyRegion { policy, region } => (
            "PolicyInvalidError",
            vec![("policy", text(policy)), ("region", text(region))],
        ),
        PolicyError::Format { found, supported } => (
            "PolicyInvalidError",
            vec![
                ("found", Field::Int(*found)),
                ("supported", Field::Int(u64::from(*supported))),
            ],
        ),
        PolicyError::Json {
            line,
            column,
            detail,
        } => ("PolicyInvalidError", json_fields(*line, *column, detail)),
    }
}

fn allocation(e: &AllocationError) -> Mapped {
    let refused = "PlacesRefusedError";
    match e {
        AllocationError::BulletinInvalid { field, detail } => (
            refused,
            vec![("field", text(field)), ("detail", text(detail))],
        ),
        AllocationError::UnknownBulletin { bulletin } => {
            ("BulletinNotFoundError", vec![("bulletin", int(bulletin.0))])
        }
        AllocationError::Frozen { date } => (refused, vec![("date", Field::Date(*date))]),
        AllocationError::PlaceTaken { bulletin } | AllocationError::PlaceReserved { bulletin } => {
            (refused, vec![("bulletin", int(bulletin.0))])
        }
        AllocationError::PlaceOtherQueue { id, bulletin } => (
            refused,
            vec![("id", int(id.0)), ("bulletin", int(bulletin.0))],
        ),
        AllocationError::PlaceHeldElsewhere { id, bulletin, held } => (
            refused,
            vec![
                ("id", int(id.0)),
                ("bulletin", int(bulletin.0)),
                ("held", int(held.0)),
            ],
        ),
        AllocationError::DistributionNotStarted { date, starts } => (
            refused,
            vec![
                ("date", Field::Date(*date)),
                ("starts", Field::Date(*starts)),
            ],
        ),
        AllocationError::UnknownKindergarten { kindergarten } => (
            "KindergartenNotFoundError",
            vec![("kindergarten", text(kindergarten))],
        ),
        AllocationError::WaitingListNotNeeded { kindergarten, free } => (
            refused,
            vec![("kindergarten", text(kindergarten)), ("free", int(*free))],
        ),
        AllocationError::RestoreUsed { id, allowed } => {
            (refused, vec![("id", int(id.0)), ("allowed", int(*allowed))])
        }
    }
}

/// The class and fields of a lifecycle error; errors of other domains the engine passes on
/// keep their own domain's class.
#[allow(clippy::too_many_lines)] // one arm per variant
fn lifecycle(e: &LifecycleError) -> Mapped {
    let refused = "CommandRefusedError";
    let id_only = |id: &kezek::application::ApplicationId| vec![("id", int(id.0))];
    match e {
        LifecycleError::Registration { failures }
        | LifecycleError::Benefit { failures }
        | LifecycleError::BirthDate { failures } => (
            refused,
            vec![
                ("failed", Field::Texts(failed_codes(failures))),
                ("failures", Field::Json(serde_json::json!(failures))),
            ],
        ),
        LifecycleError::NotEligible { id, failed } => (
            refused,
            vec![
                ("id", int(id.0)),
                (
                    "failed",
                    Field::Texts(failed.iter().map(|c| (*c).to_owned()).collect()),
                ),
            ],
        ),
        LifecycleError::UnknownApplication { id } => ("ApplicationNotFoundError", id_only(id)),
        LifecycleError::StateForbids { id, command, state } => (
            refused,
            vec![
                ("id", int(id.0)),
                ("command", text(command)),
                ("state", text(state.as_str())),
            ],
        ),
        LifecycleError::TimeBeforeClock { at, now } => (
            refused,
            vec![("at", Field::Moment(*at)), ("now", Field::Moment(*now))],
        ),
        LifecycleError::RevocationClosed { id, closed_at } => (
            refused,
            vec![("id", int(id.0)), ("closed_at", Field::Moment(*closed_at))],
        ),
        LifecycleError::ExtensionUsed { id, allowed } => {
            (refused, vec![("id", int(id.0)), ("allowed", int(*allowed))])
        }
        LifecycleError::ExtensionTooLong { id, asked, latest } => (
            refused,
            vec![
                ("id", int(id.0)),
                ("asked", Field::Date(*asked)),
                ("latest", Field::Date(*latest)),
            ],
        ),
        LifecycleError::ExtensionTooShort { id, asked, current } => (
            refused,
            vec![
                ("id", int(id.0)),
                ("asked", Field::Date(*asked)),
                ("current", Field::Date(*current)),
            ],
        ),
        LifecycleError::RightNotConfirmed { id }
        | LifecycleError::RightNotRequired { id }
        | LifecycleError::ApplicantAlreadyLinked { id } => (refused, id_only(id)),
        LifecycleError::InterestTooEarly { id, opens_at } => (
            refused,
            vec![("id", int(id.0)), ("opens_at", Field::Moment(*opens_at))],
        ),
        LifecycleError::InterestAlreadyConfirmed { id, anniversary } => (
            refused,
            vec![
                ("id", int(id.0)),
                ("anniversary", Field::Date(*anniversary)),
            ],
        ),
        LifecycleError::Batch { rule } => (refused, vec![("rule", text(rule))]),
        LifecycleError::SnapshotFormat {
            line,
            column,
            detail,
        } => ("SnapshotError", json_fields(*line, *column, detail)),
        LifecycleError::SnapshotVersion { found, supported } => (
            "SnapshotError",
            vec![("found", int(*found)), ("supported", int(*supported))],
        ),
        LifecycleError::SnapshotInconsistent { invariant, detail } => (
            "SnapshotError",
            vec![("invariant", text(invariant)), ("detail", text(detail))],
        ),
        LifecycleError::Iin(inner) => iin(inner),
        LifecycleError::Calendar(inner) => calendar(inner),
        LifecycleError::CalendarNeeded { last_year, needed } => (
            "CalendarError",
            vec![("last_year", year(*last_year)), ("needed", year(*needed))],
        ),
        LifecycleError::Allocation(inner) => allocation(inner),
        LifecycleError::Policy(inner) => policy(inner),
    }
}

/// The codes of failed checks, with their finer code where one exists.
fn failed_codes(failures: &[kezek::eligibility::Check]) -> Vec<String> {
    failures
        .iter()
        .map(|c| c.reported_code().to_owned())
        .collect()
}

fn matching(e: &MatchingError) -> Mapped {
    let fields = match e {
        MatchingError::Shape {
            what,
            found,
            expected,
        } => vec![
            ("what", text(what)),
            ("found", size(*found)),
            ("expected", size(*expected)),
        ],
        MatchingError::Index {
            child,
            kindergarten,
            kindergartens,
        } => vec![
            ("child", size(*child)),
            ("kindergarten", int(*kindergarten)),
            ("kindergartens", size(*kindergartens)),
        ],
        MatchingError::Duplicate {
            child,
            kindergarten,
        } => vec![
            ("child", size(*child)),
            ("kindergarten", int(*kindergarten)),
        ],
        MatchingError::Offsets { at } => vec![("at", size(*at))],
        MatchingError::Priority {
            child,
            kindergarten,
        }
        | MatchingError::Unranked {
            child,
            kindergarten,
        } => vec![("child", int(*child)), ("kindergarten", int(*kindergarten))],
    };
    ("MatchingError", fields)
}

fn simulation(e: &SimulationError) -> Mapped {
    match e {
        SimulationError::Input { field, detail } => (
            "SimulationError",
            vec![("field", text(field)), ("detail", text(detail))],
        ),
        SimulationError::TooLarge { estimate, budget } => (
            "SimulationError",
            vec![
                ("estimate", Field::Int(*estimate)),
                ("budget", Field::Int(*budget)),
            ],
        ),
        SimulationError::Calendar(inner) => calendar(inner),
        SimulationError::Engine(inner) => lifecycle(inner),
    }
}

/// Builds the exception `class` of `kezek.errors` with its code, messages and fields.
fn raise(
    class: &str,
    code: &str,
    messages: [String; 3],
    fields: &[(&'static str, Field)],
) -> PyErr {
    Python::attach(|py| {
        let build = || -> PyResult<PyErr> {
            let module = py.import("kezek.errors")?;
            let texts = PyDict::new(py);
            for (lang, message) in ["kk", "ru", "en"].into_iter().zip(messages) {
                texts.set_item(lang, message)?;
            }
            let details = PyDict::new(py);
            for (name, field) in fields {
                details.set_item(name, field.to_py(py)?)?;
            }
            let exception = module.getattr(class)?.call1((code, texts, details))?;
            Ok(PyErr::from_value(exception))
        };
        build().unwrap_or_else(|e| e)
    })
}

fn localized(e: &impl LocalizedError, (class, fields): Mapped) -> PyErr {
    let messages = [Lang::Kk, Lang::Ru, Lang::En].map(|lang| e.message(lang));
    raise(class, e.code(), messages, &fields)
}

/// A core error as the exception of its class.
pub(crate) trait ToPyErr {
    fn to_py_err(&self) -> PyErr;
}

macro_rules! to_py_err {
    ($($error:ty => $map:ident),* $(,)?) => {$(
        impl ToPyErr for $error {
            fn to_py_err(&self) -> PyErr {
                localized(self, $map(self))
            }
        }
    )*};
}

to_py_err!(
    InternalError => internal,
    InputError => input,
    IinError => iin,
    CalendarError => calendar,
    PolicyError => policy,
    LifecycleError => lifecycle,
    AllocationError => allocation,
    MatchingError => matching,
    SimulationError => simulation,
);

/// Maps a core result's error to its exception.
pub(crate) fn py<T, E: ToPyErr>(r: Result<T, E>) -> PyResult<T> {
    r.map_err(|e| e.to_py_err())
}

/// The core's `InternalError` (`INTERNAL`) for a panic's message: `kezek/_boundary.py`
/// turns pyo3's `PanicException` (a `BaseException`, which `except Exception` misses) into
/// it. Returns the exception, not raised.
#[pyfunction]
pub(crate) fn internal_error_of(panic: &str) -> PyErr {
    InternalError {
        panic: panic.to_owned(),
    }
    .to_py_err()
}

/// Test hook: panics with `message` outside any engine, as a bug in a query would; pyo3
/// raises `PanicException`, which `kezek/_boundary.py` turns into `InternalError`.
#[pyfunction]
pub(crate) fn _panic_for_testing(message: &str) {
    panic!("{message}")
}

/// `InputError` (`INPUT_FORMAT`): data of the wrong shape for `what` (a missing field, an
/// unknown variant); `detail` names no value.
pub(crate) fn input_error(what: &str, detail: &str) -> PyErr {
    InputError::format(what, detail).to_py_err()
}

/// The core's `InputError` for what the typed package refuses before the native call, or
/// what Python's own argument conversion refused (`kezek/_boundary.py`): `kind` is
/// `"type"` (`INPUT_TYPE`: `detail` is what was expected, `found` the type that came),
/// `"format"` (`INPUT_FORMAT`) or `"depth"` (`INPUT_DEPTH`). Returns the exception, not
/// raised.
#[pyfunction]
#[pyo3(signature = (kind, what, detail, found = ""))]
pub(crate) fn input_error_of(kind: &str, what: &str, detail: &str, found: &str) -> PyErr {
    match kind {
        "type" => InputError::of_type(what, detail, found),
        "depth" => InputError::depth(what),
        _ => InputError::format(what, detail),
    }
    .to_py_err()
}
