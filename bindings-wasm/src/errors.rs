//! The core's errors as `Error` subclasses of `js/errors.js`: the class is the one the
//! core's `ErrorKind` names, the code, fields (camelCase keys, dates as ISO strings, never an
//! unmasked IIN) and the three messages are the core's `ErrorReport`. No variant is named
//! here: the core's exhaustive matches answer for every one.

use kezek::{InputError, InternalError, LocalizedError, LocalizedText};
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

/// A core error as an instance of its JS class: the core's report (code, kind, fields,
/// kk/ru/en messages) with the class its kind names.
pub(crate) fn js_error(e: &impl LocalizedError) -> JsValue {
    let report = e.report();
    let details = crate::convert::to_js(&report.details_json()).unwrap_or(JsValue::NULL);
    let LocalizedText { kk, ru, en } = report.messages;
    make_error(
        report.kind.class(),
        report.code.as_str(),
        vec![kk, ru, en],
        details,
    )
}

/// Maps a core result's error to its JS error.
pub(crate) fn js<T, E: LocalizedError>(r: Result<T, E>) -> Result<T, JsValue> {
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
    //! The class and a field the JS error is built from, checked natively.
    use kezek::application::ApplicationId;
    use kezek::{ErrorKind, LifecycleError, LocalizedError, PolicyError};

    #[test]
    fn classes_come_from_the_core_kinds() {
        let e = LifecycleError::UnknownApplication {
            id: ApplicationId(9),
        };
        assert_eq!(e.kind().class(), "ApplicationNotFoundError");
        let e = LifecycleError::Policy(PolicyError::UnknownRegion {
            region: "mars".into(),
        });
        assert_eq!(e.kind(), ErrorKind::PolicyNotFound);
        let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 3).expect("date");
        let v = serde_json::to_value(kezek::allocation::AllocationError::Frozen { date });
        assert_eq!(v.expect("json")["details"]["date"], "2025-03-03");
    }
}
