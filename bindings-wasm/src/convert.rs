//! Conversions between the core's serde data and plain JS values.
//!
//! Structured values cross the boundary as plain objects in the core's JSON shape (the
//! shape of the conformance files), with camelCase keys in JS and snake_case in Rust:
//! `{"choose_by": {"last_day": …}}` reads `{chooseBy: {lastDay: …}}` in JS. Enum values
//! stay as the core writes them (`"notice_sent"`, `"working_days"`). Dates and moments are
//! ISO strings (`"2025-03-03"`, `"2025-03-03T09:00:00"`, Kazakhstan civil time), never
//! `Date`: a `Date` is an instant in the host's time zone, while the rules count civil days
//! of Kazakhstan. Values cross as JSON text parsed by the host's `JSON.parse`, which is
//! fast in every engine and adds no serialiser to the .wasm (`serde_json` is already in the
//! core).

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

use kezek::InputError;

use crate::errors::{input_error, js_error};

/// Object keys whose values are maps keyed by data (enum values, district names), not by
/// field names; their keys are left as they are. Each in both spellings: a summary comes
/// back from JS to `compare`.
const DATA_KEYED: &[&str] = &[
    "outcomes",
    "by_district",
    "byDistrict",
    "by_group_type",
    "byGroupType",
    "by_cohort",
    "byCohort",
    "by_languages",
    "byLanguages",
];

/// `choose_by` → `chooseBy`: an underscore before a lowercase letter becomes that letter in
/// upper case; other characters are kept (`year_2` stays).
pub(crate) fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '_' && next.is_ascii_lowercase() && !out.is_empty() => {
                out.push(next.to_ascii_uppercase());
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// `chooseBy` → `choose_by`: the inverse of [`camel`] on the core's field names.
pub(crate) fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames every field-name key of `value` with `rename`, in place.
pub(crate) fn rename_keys(value: &mut Value, rename: fn(&str) -> String) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| rename_keys(v, rename)),
        Value::Object(map) => {
            let old = std::mem::take(map);
            *map = old
                .into_iter()
                .map(|(k, mut v)| {
                    if !DATA_KEYED.contains(&k.as_str()) {
                        rename_keys(&mut v, rename);
                    }
                    (rename(&k), v)
                })
                .collect::<Map<String, Value>>();
        }
        _ => {}
    }
}

/// A serialisable core value as JSON with camelCase keys.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Value, JsValue> {
    let mut json =
        serde_json::to_value(value).map_err(|e| js_error(&InputError::json("value", &e)))?;
    rename_keys(&mut json, camel);
    Ok(json)
}

/// JSON as a plain JS value (objects, arrays, strings, numbers, booleans, `null`).
pub(crate) fn json_to_js(json: &Value) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&json.to_string())
}

/// A serialisable core value as a plain JS value with camelCase keys.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    json_to_js(&to_json(value)?)
}

/// A JS value as JSON with snake_case keys; `undefined` reads as `null`.
pub(crate) fn from_js_json(what: &str, value: &JsValue) -> Result<Value, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        // V8 and SpiderMonkey throw a RangeError for data nested too deep to walk.
        if e.is_instance_of::<js_sys::RangeError>() {
            js_error(&InputError::depth(what))
        } else {
            input_error(what, "not JSON data (a cycle, or a BigInt)")
        }
    })?;
    let text = text
        .as_string()
        .ok_or_else(|| input_error(what, "not JSON data"))?;
    let mut json: Value =
        serde_json::from_str(&text).map_err(|e| js_error(&InputError::json(what, &e)))?;
    rename_keys(&mut json, snake);
    Ok(json)
}

/// A JS value as a core value; a shape the core does not accept is an `InputError`
/// (`INPUT_FORMAT`) naming `what`.
pub(crate) fn from_js<T: DeserializeOwned>(what: &str, value: &JsValue) -> Result<T, JsValue> {
    from_json(what, &from_js_json(what, value)?)
}

/// JSON (snake_case keys) as a core value; a shape the core does not accept is an
/// `InputError` naming `what`.
///
/// It reads the JSON's text rather than the `Value` (`serde_json::from_value`): the core
/// already instantiates its types' `Deserialize` for `serde_json`'s text reader, and second
/// copies for the `Value` reader added 64 KB to the .wasm, to save printing one string.
pub(crate) fn from_json<T: DeserializeOwned>(what: &str, json: &Value) -> Result<T, JsValue> {
    serde_json::from_str(&json.to_string()).map_err(|e| js_error(&InputError::json(what, &e)))
}

/// A JS value given either as JSON text or as data, as JSON text with snake_case keys.
pub(crate) fn json_text(what: &str, value: &JsValue) -> Result<String, JsValue> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => Ok(from_js_json(what, value)?.to_string()),
    }
}

/// The JS type of `value` as a person names it: `"null"`, `"array"`, `"Date"`, or its
/// `typeof` (`"number"`, `"bigint"`, `"symbol"`…); never the value itself.
pub(crate) fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "array".to_owned()
    } else if value.is_instance_of::<js_sys::Date>() {
        "Date".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// `INPUT_TYPE` for `what`: `expected`, and the type found.
fn wrong_type(what: &str, value: &JsValue, expected: &str) -> JsValue {
    js_error(&InputError::of_type(what, expected, &type_name(value)))
}

/// A string argument; any other type is `INPUT_TYPE` naming `what`. wasm-bindgen's own
/// `&str` parameters trust the caller: a number there corrupted the module's memory.
pub(crate) fn string(what: &str, value: &JsValue) -> Result<String, JsValue> {
    text(what, value, "a string")
}

/// A string argument that may be `null` or `undefined`.
pub(crate) fn optional_string(what: &str, value: &JsValue) -> Result<Option<String>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| wrong_type(what, value, "a string or null"))
}

/// A number argument (no coercion: `"1"` is not 1).
pub(crate) fn number(what: &str, value: &JsValue) -> Result<f64, JsValue> {
    value
        .as_f64()
        .ok_or_else(|| wrong_type(what, value, "a number"))
}

/// A string argument; any other type is `INPUT_TYPE` expecting `expected`.
fn text(what: &str, value: &JsValue, expected: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| wrong_type(what, value, expected))
}

/// An ISO date (`"2025-03-03"`).
pub(crate) fn date(what: &str, value: &JsValue) -> Result<NaiveDate, JsValue> {
    text(
        what,
        value,
        "an ISO date string \"YYYY-MM-DD\" (not a Date)",
    )?
    .parse()
    .map_err(|_| input_error(what, "not a date \"YYYY-MM-DD\""))
}

/// An ISO moment without zone (`"2025-03-03T09:00:00"`, seconds optional), Kazakhstan
/// civil time.
pub(crate) fn moment(what: &str, value: &JsValue) -> Result<NaiveDateTime, JsValue> {
    let s = text(
        what,
        value,
        "an ISO moment string in Kazakhstan civil time (not a Date)",
    )?;
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M"))
        .map_err(|_| input_error(what, "not a moment \"YYYY-MM-DDTHH:MM:SS\" (no time zone)"))
}

/// A whole number from JS (an id, a count): a number, integral, from 0 to 2⁵³, else
/// `INPUT_TYPE` (not a number) or `INPUT_FORMAT` naming `what`. wasm-bindgen's own
/// integer parameters would coerce `"1"`, wrap `-1` or truncate `1.5` silently.
pub(crate) fn whole(what: &str, value: &JsValue) -> Result<u64, JsValue> {
    const MAX: f64 = 9_007_199_254_740_992.0; // 2⁵³
    let value = number(what, value)?;
    if value.fract() == 0.0 && (0.0..=MAX).contains(&value) {
        // In range and integral: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(value as u64)
    } else {
        Err(input_error(what, "expected a whole number from 0 to 2^53"))
    }
}

/// A count or index that fits 32 bits, checked as [`whole`].
pub(crate) fn small(what: &str, value: &JsValue) -> Result<u32, JsValue> {
    let n = whole(what, value)?;
    u32::try_from(n).map_err(|_| {
        js_error(&InputError::TooLarge {
            what: what.to_owned(),
            limit: u32::MAX.into(),
            found: n,
        })
    })
}

/// A signed whole number that fits 32 bits (a year, a day count that may be negative).
pub(crate) fn signed(what: &str, value: &JsValue) -> Result<i32, JsValue> {
    let n = number(what, value)?;
    if n.fract() == 0.0 && (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&n) {
        // In range and integral: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        Ok(n as i32)
    } else {
        Err(input_error(
            what,
            "expected a whole number that fits 32 bits",
        ))
    }
}

#[cfg(test)]
mod tests {
    //! Native tests of the key renaming; the JS side of the conversions runs under
    //! wasm-bindgen-test (`src/tests.rs`).
    use super::*;

    #[test]
    fn keys_round_trip() {
        for (s, c) in [
            ("choose_by", "chooseBy"),
            ("last_day", "lastDay"),
            ("out_of_turn", "outOfTurn"),
            ("wait_p50", "waitP50"),
            ("year_2", "year_2"),
            ("id", "id"),
            ("_private", "_private"),
        ] {
            assert_eq!(camel(s), c);
            assert_eq!(snake(c), s);
        }
    }

    /// Every field name the core writes survives camelCase and back: the policy book, an
    /// engine snapshot with applications, bulletins and a log, a simulation's input.
    #[test]
    fn core_field_names_round_trip() {
        let mut docs: Vec<Value> = vec![
            serde_json::from_str(&kezek::PolicyBook::builtin().to_json()).unwrap_or_default(),
            serde_json::to_value(
                kezek::simulation::default_city_input(2024, 1, 7).expect("default city"),
            )
            .unwrap_or_default(),
        ];
        docs.push(
            serde_json::to_value(kezek::WorkCalendar::kazakhstan().data()).unwrap_or_default(),
        );
        let mut keys = Vec::new();
        for doc in &docs {
            collect_keys(doc, &mut keys);
        }
        assert!(keys.len() > 40, "{keys:?}");
        for key in keys {
            assert_eq!(snake(&camel(&key)), key, "{key}");
        }
    }

    fn collect_keys(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| collect_keys(i, out)),
            Value::Object(map) => {
                for (k, v) in map {
                    if k.parse::<i64>().is_err() {
                        out.push(k.clone());
                    }
                    collect_keys(v, out);
                }
            }
            _ => {}
        }
    }
}
