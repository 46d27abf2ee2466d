//! The core's errors as exceptions of `kezek.errors`: the class is the one the core's
//! `ErrorKind` names (each a domain class that also subclasses `ValueError`, `TypeError`
//! or `LookupError`), the code, structured fields and three messages the core's
//! `ErrorReport`. No variant is named here: the core's exhaustive matches answer for every
//! one; this file turns each kind of field into its Python type.

use kezek::error::Detail;
use kezek::{InputError, InternalError, LocalizedError, LocalizedText};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::serialize;

/// A field as its Python value: dates as `date`, moments as naive `datetime`.
fn field<'py>(py: Python<'py>, detail: &Detail) -> PyResult<Bound<'py, PyAny>> {
    Ok(match detail {
        Detail::Count(n) => n.into_pyobject(py)?.into_any(),
        Detail::Year(y) => y.into_pyobject(py)?.into_any(),
        Detail::Text(s) => s.into_pyobject(py)?.into_any(),
        Detail::Texts(v) => v.into_pyobject(py)?.into_any(),
        Detail::Date(d) => d.into_pyobject(py)?.into_any(),
        Detail::Moment(t) => t.into_pyobject(py)?.into_any(),
        Detail::Checks(checks) => serialize(py, &serde_json::json!(checks))?,
    })
}

/// A core error as the exception of its class.
pub(crate) trait ToPyErr {
    fn to_py_err(&self) -> PyErr;
}

impl<E: LocalizedError> ToPyErr for E {
    fn to_py_err(&self) -> PyErr {
        let report = self.report();
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                let module = py.import("kezek.errors")?;
                let LocalizedText { kk, ru, en } = report.messages;
                let texts = PyDict::new(py);
                for (lang, message) in [("kk", kk), ("ru", ru), ("en", en)] {
                    texts.set_item(lang, message)?;
                }
                let details = PyDict::new(py);
                for (name, value) in &report.details {
                    details.set_item(name, field(py, value)?)?;
                }
                let class = module.getattr(report.kind.class())?;
                let exception = class.call1((report.code.as_str(), texts, details))?;
                Ok(PyErr::from_value(exception))
            };
            build().unwrap_or_else(|e| e)
        })
    }
}

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
