//! Conversions between the core's serde types and Python objects.
//!
//! Structured values cross the boundary as plain Python data (dicts, lists, strings,
//! numbers) built from the core's serde form, the same JSON shape every host and the
//! conformance files use; the `kezek` package turns them into dataclasses and enums.
//! Dates and moments passed as arguments are `datetime.date` / `datetime.datetime`
//! (pyo3's chrono conversions); inside dicts they may also be ISO strings. pythonize, the
//! usual crate for this, has no release for pyo3 0.30, hence the two small walkers here.

use numpy::{Element, PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::errors::input_error;

/// A JSON value as Python data.
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, None, f) => PyFloat::new(py, f.unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Any serialisable core value as Python data.
pub(crate) fn serialize<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    // The core's types serialise to plain JSON (string keys, finite numbers).
    let json = serde_json::to_value(value).map_err(|e| {
        use crate::errors::ToPyErr;
        kezek::InputError::json("value", &e).to_py_err()
    })?;
    to_py(py, &json)
}

/// Python data as a JSON value: dicts with string keys, lists and tuples, strings, numbers,
/// booleans, `None`, dates and datetimes (as ISO strings), and enums (as their value).
pub(crate) fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    nested(obj, 0)
}

/// [`from_py`] at `depth` levels of lists and dicts: deeper than
/// [`kezek::input::MAX_DEPTH`] is `INPUT_DEPTH` (the conversion recurses, and ≈ 8,000 levels
/// overflowed the interpreter's stack).
fn nested(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    use crate::errors::ToPyErr;
    if depth > kezek::input::MAX_DEPTH {
        return Err(kezek::InputError::depth("data").to_py_err());
    }
    let from_py = |o: &Bound<'_, PyAny>| nested(o, depth + 1);
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return obj
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| input_error("data", "an integer beyond the range of 64 bits"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let f = f.value();
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| input_error("value", &format!("{f} is not a finite number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(unicode(s)?));
    }
    // A datetime is a date too: test it first.
    if obj.is_instance_of::<PyDateTime>() || obj.is_instance_of::<PyDate>() {
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = match k.cast::<PyString>() {
                Ok(k) => unicode(k)?,
                Err(_) => return Err(wrong_type("dict key", "a str", &k)),
            };
            map.insert(key, from_py(&v)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return obj
            .try_iter()?
            .map(|item| from_py(&item?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    // Integers of other libraries (NumPy's `int64`, read from an analyst's table): what
    // their `__index__` gives.
    if obj.hasattr("__index__")? && !obj.is_instance_of::<PyFloat>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
    }
    // NumPy's scalars (`float32`, `bool_`, `str_`…, from an analyst's array or DataFrame):
    // the Python value their `item()` gives.
    if obj.hasattr("dtype")? && obj.hasattr("item")? {
        let item = obj.call_method0("item")?;
        if !item.is(obj) && !item.hasattr("dtype")? {
            return from_py(&item);
        }
    }
    // Enums and the package's dataclasses: their `value` or their dict form.
    if let Ok(value) = obj.getattr("value") {
        return from_py(&value);
    }
    if let Ok(to_dict) = obj.getattr("to_dict") {
        return from_py(&to_dict.call0()?);
    }
    Err(wrong_type(
        "data",
        "kezek data (dict, list, str, int, float, bool, None, date)",
        obj,
    ))
}

/// Python data as a core value; a shape the core does not accept raises `InputError`
/// (`INPUT_FORMAT`) naming `what`.
pub(crate) fn deserialize<T: DeserializeOwned>(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let value = from_py(obj)?;
    serde_json::from_value(value).map_err(|e| {
        use crate::errors::ToPyErr;
        kezek::InputError::json(what, &e).to_py_err()
    })
}

/// A value given either as JSON text or as Python data, as JSON text.
pub(crate) fn json_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return unicode(s);
    }
    Ok(from_py(obj)?.to_string())
}

/// A one-dimensional sequence of indices or counts as `u32`s: a NumPy integer array of any
/// width (read in Rust, with no Python object per element), a list, a tuple, or any
/// iterable of integers. A negative or too-large entry raises `InputError` naming `what`.
pub(crate) fn indices(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return obj
            .extract::<Vec<u32>>()
            .map_err(|e| input_error(what, &e.to_string()));
    }
    // Only an object that looks like an array is handed to NumPy's type check, so lists
    // work without NumPy installed.
    if obj.hasattr("__array_interface__")? {
        macro_rules! each_dtype {
            ($($t:ty),*) => {$(
                if let Some(v) = array_of::<$t>(what, obj) {
                    return v;
                }
            )*};
        }
        each_dtype!(u32, i64, i32, u64, u16, i16, u8, i8);
        return Err(input_error(
            what,
            "expected a one-dimensional array of integers",
        ));
    }
    obj.try_iter()
        .map_err(|e| input_error(what, &e.to_string()))?
        .map(|item| item?.extract::<u32>())
        .collect::<PyResult<Vec<u32>>>()
        .map_err(|e| input_error(what, &e.to_string()))
}

/// An integer element of a NumPy array, narrowed to a `u32` index.
trait Narrow: Element + Copy {
    /// Whether the value fits a `u32`.
    fn fits(self) -> bool;
    /// The value as a `u32` (meaningful only when it fits).
    fn narrow(self) -> u32;
}

macro_rules! narrow {
    ($($t:ty),*) => {$(
        impl Narrow for $t {
            fn fits(self) -> bool {
                u32::try_from(self).is_ok()
            }
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_lossless
            )]
            fn narrow(self) -> u32 {
                self as u32
            }
        }
    )*};
}

narrow!(u32, i64, i32, u64, u16, i16, u8, i8);

/// `obj` as `u32`s if it is a one-dimensional array of `T`.
fn array_of<T: Narrow>(what: &str, obj: &Bound<'_, PyAny>) -> Option<PyResult<Vec<u32>>> {
    let array = obj.cast::<PyArray1<T>>().ok()?;
    let read = match array.try_readonly() {
        Ok(read) => read,
        Err(e) => return Some(Err(input_error(what, &e.to_string()))),
    };
    let bad = |i: usize| input_error(what, &format!("entry {i} is not an index from 0 to 2³²−1"));
    // A contiguous array (the usual case) converts in one pass that the compiler
    // vectorises, then reports the first entry out of range if any; a strided view is read
    // element by element.
    if let Ok(slice) = read.as_slice() {
        let mut fits = true;
        let out: Vec<u32> = slice
            .iter()
            .map(|&v| {
                fits &= v.fits();
                v.narrow()
            })
            .collect();
        return Some(if fits {
            Ok(out)
        } else {
            Err(bad(slice.iter().position(|&v| !v.fits()).unwrap_or(0)))
        });
    }
    Some(
        read.as_array()
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                if v.fits() {
                    Ok(v.narrow())
                } else {
                    Err(bad(i))
                }
            })
            .collect(),
    )
}

/// A count from Python: an `int` from 0 up (any size: one too large for the machine is
/// `INPUT_TOO_LARGE`, not `OverflowError`); another type is `INPUT_TYPE`.
pub(crate) fn count(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    use crate::errors::ToPyErr;
    if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
        return Err(wrong_type(what, "an int", obj));
    }
    if let Ok(n) = obj.extract::<usize>() {
        return Ok(n);
    }
    if obj.lt(0)? {
        return Err(input_error(what, "must not be negative"));
    }
    Err(kezek::InputError::TooLarge {
        what: what.to_owned(),
        limit: kezek::input::MAX_RESERVE,
        found: u64::MAX,
    }
    .to_py_err())
}

/// The text of a Python `str`; one that is not valid Unicode (a lone surrogate) is
/// `INPUT_FORMAT`, never a `UnicodeEncodeError` (whose `object` would carry the text).
pub(crate) fn unicode(s: &Bound<'_, PyString>) -> PyResult<String> {
    s.to_cow()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| input_error("text", "not valid Unicode (a lone surrogate)"))
}

/// `INPUT_TYPE`: `what` must be `expected`; `obj`'s type name is what came.
pub(crate) fn wrong_type(what: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    use crate::errors::ToPyErr;
    let found = obj
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string());
    kezek::InputError::of_type(what, expected, &found).to_py_err()
}
