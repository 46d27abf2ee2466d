//! What people read: the core's labels (kk/ru/en names of states, classes, deadlines,
//! reasons, documents…) and dates, moments and deadlines written as people write them.

use kezek::calendar::Deadline;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{date, from_js, json_to_js, moment};

/// Every label, by kind and code: `{state: {queued: {kk, ru, en}, …}, reason: {…}, …}`.
/// The codes are the data's own (`notice_sent`, `NOTICE_SENT`), not camelCased.
#[wasm_bindgen(unchecked_return_type = "Record<string, Record<string, LocalizedText>>")]
pub fn labels() -> Result<JsValue, JsValue> {
    let json = serde_json::to_value(kezek::labels::labels()).unwrap_or_default();
    json_to_js(&json)
}

/// A day (an ISO date) as people write it: `21.03.2025`.
#[wasm_bindgen(js_name = showDate)]
pub fn show_date(
    #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
) -> Result<String, JsValue> {
    Ok(kezek::people::date(date("day", day)?))
}

/// A moment (an ISO moment) as people write it: `21.03.2025, 15:00`.
#[wasm_bindgen(js_name = showMoment)]
pub fn show_moment(
    #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
) -> Result<String, JsValue> {
    Ok(kezek::people::moment(moment("moment", at)?))
}

/// A deadline as people read it, in kk/ru/en: its last day, inclusive, and that it may
/// move when it is provisional.
#[wasm_bindgen(js_name = showDeadline, unchecked_return_type = "LocalizedText")]
pub fn show_deadline(
    #[wasm_bindgen(unchecked_param_type = "Deadline")] deadline: &JsValue,
) -> Result<JsValue, JsValue> {
    let d: Deadline = from_js("deadline", deadline)?;
    crate::convert::to_js(&kezek::people::deadline(&d))
}
