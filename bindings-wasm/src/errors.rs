//! The core's errors as `Error` subclasses of `js/errors.js`.
//!
//! Every variant of every core error enum is matched here by name, with no wildcard arm:
//! inside this workspace the enums are exhaustive (`.cargo/config.toml`), so a new variant
//! breaks this file's build instead of reaching JS as an unknown error. Each variant picks
//! its class and its structured `details` (camelCase keys, dates as ISO strings, never an
//! unmasked IIN); the code and the three messages come from the core's `LocalizedError`.

use kezek::allocation::matching::MatchingError;
use kezek::allocation::AllocationError;
use kezek::simulation::SimulationError;
use kezek::{
    CalendarError, IinError, InputError, InternalError, Lang, LifecycleError, LocalizedError,
    PolicyError,
};
use serde_json::{json, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

// Tests load the classes as a wasm-bindgen snippet; the package imports `./errors.js` next
// to the generated glue, the same module the entry `index.js` re-exports, so `instanceof`
// holds for the classes users import.
#[cfg_attr(test, wasm_bindgen(module = "/js/errors.js"))]
#[cfg_attr(not(test), wasm_bindgen(raw_module = "./errors.js"))]
extern "C" {
    /// Builds an instance of the class named `class`.
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(class: &str, code: &str, messages: Vec<String>, details: JsValue) -> JsValue;
}

/// An error class of `js/errors.js` and the error's fields (snake_case keys).
type Mapped = (&'static str, Value);

fn iin(e: &IinError) -> Mapped {
    let details = match e {
        IinError::Length { found } => json!({ "found": found }),
        IinError::NonDigit { position } => json!({ "position": position }),
        IinError::Serial { found } => json!({ "found": found }),
        IinError::BirthDate { part } => json!({ "part": part.as_str() }),
        IinError::Checksum => json!({}),
    };
    ("IinError", details)
}

fn input(e: &InputError) -> Mapped {
    let details = match e {
        InputError::Type {
            what,
            expected,
            found,
        } => json!({ "what": what, "expected": expected, "found": found }),
        InputError::Format { what, detail } => json!({ "what": what, "detail": detail }),
        InputError::Depth { what, limit } => json!({ "what": what, "limit": limit }),
        InputError::Freed { what } => json!({ "what": what }),
        InputError::TooLarge { what, limit, found } => {
            json!({ "what": what, "limit": limit, "found": found })
        }
    };
    ("InputError", details)
}

fn json_position(line: usize, column: usize, detail: &str) -> Value {
    json!({ "line": line, "column": column, "detail": detail })
}

fn calendar(e: &CalendarError) -> Mapped {
    let details = match e {
        CalendarError::YearUnknown { year } | CalendarError::YearOutsideSpan { year } => {
            json!({ "year": year })
        }
        CalendarError::OutOfRange {
            first_year,
            last_year,
        }
        | CalendarError::Span {
            first_year,
            last_year,
        } => json!({ "first_year": first_year, "last_year": last_year }),
        CalendarError::Format { found, expected } => {
            json!({ "found": found, "expected": expected })
        }
        CalendarError::Holiday { id } => json!({ "id": id }),
        CalendarError::Transfer { from, to } => json!({ "from": from, "to": to }),
        CalendarError::Json {
            line,
            column,
            detail,
        } => json_position(*line, *column, detail),
    };
    ("CalendarError", details)
}

fn policy(e: &PolicyError) -> Mapped {
    let (found, invalid) = ("PolicyNotFoundError", "PolicyInvalidError");
    match e {
        PolicyError::UnknownRegion { region } => (found, json!({ "region": region })),
        PolicyError::NotInForce { region, date } => {
            (found, json!({ "region": region, "date": date }))
        }
        PolicyError::UnknownPolicy { id } => (found, json!({ "id": id })),
        PolicyError::Duplicate { id } => (invalid, json!({ "id": id })),
        PolicyError::Unit {
            policy,
            parameter,
            unit,
        } => (
            invalid,
            json!({ "policy": policy, "parameter": parameter, "unit": unit }),
        ),
        PolicyError::Value {
            policy,
            parameter,
            reason,
        } => (
            invalid,
            json!({ "policy": policy, "parameter": parameter, "reason": reason }),
        ),
        PolicyError::PolicyRegion { policy, region } => {
            (invalid, json!({ "policy": policy, "region": region }))
        }
        PolicyError::Format { found, supported } => {
            (invalid, json!({ "found": found, "supported": supported }))
        }
        PolicyError::Json {
            line,
            column,
            detail,
        } => (invalid, json_position(*line, *column, detail)),
    }
}

fn allocation(e: &AllocationError) -> Mapped {
    let refused = "PlacesRefusedError";
    match e {
        AllocationError::BulletinInvalid { field, detail } => {
            (refused, json!({ "field": field, "detail": detail }))
        }
        AllocationError::UnknownBulletin { bulletin } => {
            ("BulletinNotFoundError", json!({ "bulletin": bulletin.0 }))
        }
        AllocationError::Frozen { date } => (refused, json!({ "date": date })),
        AllocationError::PlaceTaken { bulletin } | AllocationError::PlaceReserved { bulletin } => {
            (refused, json!({ "bulletin": bulletin.0 }))
        }
        AllocationError::PlaceOtherQueue { id, bulletin } => {
            (refused, json!({ "id": id.0, "bulletin": bulletin.0 }))
        }
        AllocationError::PlaceHeldElsewhere { id, bulletin, held } => (
            refused,
            json!({ "id": id.0, "bulletin": bulletin.0, "held": held.0 }),
        ),
        AllocationError::DistributionNotStarted { date, starts } => {
            (refused, json!({ "date": date, "starts": starts }))
        }
        AllocationError::UnknownKindergarten { kindergarten } => (
            "KindergartenNotFoundError",
            json!({ "kindergarten": kindergarten }),
        ),
        AllocationError::WaitingListNotNeeded { kindergarten, free } => (
            refused,
            json!({ "kindergarten": kindergarten, "free": free }),
        ),
        AllocationError::RestoreUsed { id, allowed } => {
            (refused, json!({ "id": id.0, "allowed": allowed }))
        }
    }
}

/// The class and fields of a lifecycle error; errors of other domains the engine passes on
/// keep their own domain's class.
fn lifecycle(e: &LifecycleError) -> Mapped {
    let refused = "CommandRefusedError";
    match e {
        LifecycleError::Registration { failures }
        | LifecycleError::Benefit { failures }
        | LifecycleError::BirthDate { failures } => {
            let failed: Vec<&str> = failures
                .iter()
                .map(kezek::eligibility::Check::reported_code)
                .collect();
            (refused, json!({ "failed": failed, "failures": failures }))
        }
        LifecycleError::NotEligible { id, failed } => {
            (refused, json!({ "id": id.0, "failed": failed }))
        }
        LifecycleError::UnknownApplication { id } => {
            ("ApplicationNotFoundError", json!({ "id": id.0 }))
        }
        LifecycleError::StateForbids { id, command, state } => (
            refused,
            json!({ "id": id.0, "command": command, "state": state.as_str() }),
        ),
        LifecycleError::TimeBeforeClock { at, now } => (refused, json!({ "at": at, "now": now })),
        LifecycleError::RevocationClosed { id, closed_at } => {
            (refused, json!({ "id": id.0, "closed_at": closed_at }))
        }
        LifecycleError::ExtensionUsed { id, allowed } => {
            (refused, json!({ "id": id.0, "allowed": allowed }))
        }
        LifecycleError::ExtensionTooLong { id, asked, latest } => (
            refused,
            json!({ "id": id.0, "asked": asked, "latest": latest }),
        ),
        LifecycleError::ExtensionTooShort { id, asked, current } => (
            refused,
            json!({ "id": id.0, "asked": asked, "current": current }),
        ),
        LifecycleError::RightNotConfirmed { id }
        | LifecycleError::RightNotRequired { id }
        | LifecycleError::ApplicantAlreadyLinked { id } => (refused, json!({ "id": id.0 })),
        LifecycleError::InterestTooEarly { id, opens_at } => {
            (refused, json!({ "id": id.0, "opens_at": opens_at }))
        }
        LifecycleError::InterestAlreadyConfirmed { id, anniversary } => {
            (refused, json!({ "id": id.0, "anniversary": anniversary }))
        }
        LifecycleError::Batch { rule } => (refused, json!({ "rule": rule })),
        LifecycleError::SnapshotFormat {
            line,
            column,
            detail,
        } => ("SnapshotError", json_position(*line, *column, detail)),
        LifecycleError::SnapshotVersion { found, supported } => (
            "SnapshotError",
            json!({ "found": found, "supported": supported }),
        ),
        LifecycleError::SnapshotInconsistent { invariant, detail } => (
            "SnapshotError",
            json!({ "invariant": invariant, "detail": detail }),
        ),
        LifecycleError::Iin(inner) => iin(inner),
        LifecycleError::Calendar(inner) => calendar(inner),
        LifecycleError::CalendarNeeded { last_year, needed } => (
            "CalendarError",
            json!({ "last_year": last_year, "needed": needed }),
        ),
        LifecycleError::Allocation(inner) => allocation(inner),
        LifecycleError::Policy(inner) => policy(inner),
    }
}

fn matching(e: &MatchingError) -> Mapped {
    let details = match e {
        MatchingError::Shape {
            what,
            found,
            expected,
        } => json!({ "what": what, "found": found, "expected": expected }),
        MatchingError::Index {
            child,
            kindergarten,
            kindergartens,
        } => {
            json!({ "child": child, "kindergarten": kindergarten, "kindergartens": kindergartens })
        }
        MatchingError::Duplicate {
            child,
            kindergarten,
        } => json!({ "child": child, "kindergarten": kindergarten }),
        MatchingError::Offsets { at } => json!({ "at": at }),
        MatchingError::Priority {
            child,
            kindergarten,
        }
        | MatchingError::Unranked {
            child,
            kindergarten,
        } => json!({ "child": child, "kindergarten": kindergarten }),
    };
    ("MatchingError", details)
}

fn simulation(e: &SimulationError) -> Mapped {
    match e {
        SimulationError::Input { field, detail } => (
            "SimulationError",
            json!({ "field": field, "detail": detail }),
        ),
        SimulationError::TooLarge { estimate, budget } => (
            "SimulationError",
            json!({ "estimate": estimate, "budget": budget }),
        ),
        SimulationError::Calendar(inner) => calendar(inner),
        SimulationError::Engine(inner) => lifecycle(inner),
    }
}

/// Builds the error `class` with its code, messages (kk, ru, en) and fields.
fn build(class: &str, code: &str, messages: [String; 3], details: &Value) -> JsValue {
    let details = crate::convert::to_js(details).unwrap_or(JsValue::NULL);
    make_error(class, code, messages.into(), details)
}

/// The class and structured fields of a core error, as the tests check them natively.
pub(crate) trait Classify: LocalizedError {
    /// Its class in `js/errors.js` and its fields.
    fn classify(&self) -> Mapped;
}

macro_rules! classify {
    ($($error:ty => $map:ident),* $(,)?) => {$(
        impl Classify for $error {
            fn classify(&self) -> Mapped {
                $map(self)
            }
        }
    )*};
}

fn internal_of(e: &InternalError) -> Mapped {
    ("InternalError", json!({ "panic": e.panic }))
}

classify!(
    InternalError => internal_of,
    InputError => input,
    IinError => iin,
    CalendarError => calendar,
    PolicyError => policy,
    LifecycleError => lifecycle,
    AllocationError => allocation,
    MatchingError => matching,
    SimulationError => simulation,
);

/// A core error as an instance of its JS class.
pub(crate) fn js_error(e: &impl Classify) -> JsValue {
    let (class, details) = e.classify();
    let messages = [Lang::Kk, Lang::Ru, Lang::En].map(|lang| e.message(lang));
    build(class, e.code(), messages, &details)
}

/// Maps a core result's error to its JS error.
pub(crate) fn js<T, E: Classify>(r: Result<T, E>) -> Result<T, JsValue> {
    r.map_err(|e| js_error(&e))
}

/// `InputError` (`INPUT_FORMAT`): data of the wrong shape for `what` (a missing field, an
/// unknown variant); `detail` names no value.
pub(crate) fn input_error(what: &str, detail: &str) -> JsValue {
    js_error(&InputError::format(what, detail))
}

/// `InternalError` (`INTERNAL`): a bug in kezek (a Rust panic), with its message.
pub(crate) fn internal(panic: &str) -> JsValue {
    js_error(&InternalError {
        panic: panic.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    //! The map tested natively: every domain's class and a structured field.
    use super::*;
    use kezek::application::ApplicationId;

    #[test]
    fn classes_and_fields() {
        let (class, d) = IinError::Length { found: 11 }.classify();
        assert_eq!((class, &d["found"]), ("IinError", &json!(11)));
        let e = LifecycleError::UnknownApplication {
            id: ApplicationId(9),
        };
        assert_eq!(e.classify(), ("ApplicationNotFoundError", json!({"id": 9})));
        let e = LifecycleError::Policy(PolicyError::UnknownRegion {
            region: "mars".into(),
        });
        assert_eq!(e.classify().0, "PolicyNotFoundError");
        let e = SimulationError::Engine(LifecycleError::Allocation(
            AllocationError::UnknownKindergarten {
                kindergarten: "kg".into(),
            },
        ));
        assert_eq!(e.classify().0, "KindergartenNotFoundError");
        let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 3).expect("date");
        let (_, d) = AllocationError::Frozen { date }.classify();
        assert_eq!(d["date"], json!("2025-03-03"));
    }
}
