//! The binding's own conversions, run as wasm-bindgen tests under Node
//! (`bash bindings-wasm/build.sh test`): JS values in, core values out, and back.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::convert::{date, from_js, moment, optional_string, small, string, to_js, whole};

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn code(error: &JsValue) -> Option<String> {
    get(error, "code").as_string()
}

#[wasm_bindgen_test]
fn core_data_reaches_js_with_camel_case_keys_and_iso_dates() {
    let deadline = kezek::WorkCalendar::kazakhstan()
        .deadline(
            moment("at", &JsValue::from_str("2025-03-20T15:00:00")).expect("moment"),
            kezek::Period::working_days(3),
        )
        .expect("deadline");
    let value = to_js(&deadline).expect("to js");
    assert_eq!(
        get(&value, "lastDay").as_string().as_deref(),
        Some("2025-03-28")
    );
    assert_eq!(
        get(&value, "endsAt").as_string().as_deref(),
        Some("2025-03-29T00:00:00")
    );
    assert!(get(&value, "last_day").is_undefined());
}

#[wasm_bindgen_test]
fn js_data_reaches_the_core_with_snake_case_keys() {
    let key = js_sys::JSON::parse(
        r#"{"region":"akmola","area":"kokshetau","groupType":"general","cohort":2021}"#,
    )
    .expect("json");
    let key: kezek::application::QueueKey = from_js("queue key", &key).expect("queue key");
    assert_eq!((key.area.as_str(), key.cohort), ("kokshetau", 2021));
}

#[wasm_bindgen_test]
fn wrong_shapes_are_input_errors_naming_the_argument() {
    let bad = js_sys::JSON::parse(r#"{"region":"akmola"}"#).expect("json");
    let err = from_js::<kezek::application::QueueKey>("queue key", &bad).expect_err("missing");
    assert_eq!(code(&err).as_deref(), Some("INPUT_FORMAT"));
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&get(&err, "details"), "what").as_string().as_deref(),
        Some("queue key")
    );
}

#[wasm_bindgen_test]
fn dates_are_iso_strings_and_a_date_object_is_refused() {
    let d = date("date", &JsValue::from_str("2025-03-21")).expect("date");
    assert_eq!(d.to_string(), "2025-03-21");
    let t = moment("at", &JsValue::from_str("2025-03-21T09:30")).expect("no seconds");
    assert_eq!(t.to_string(), "2025-03-21 09:30:00");
    for (bad, expected) in [
        (JsValue::from_str("21.03.2025"), "INPUT_FORMAT"),
        (JsValue::from_f64(1.0), "INPUT_TYPE"),
        (js_sys::Date::new_0().unchecked_into(), "INPUT_TYPE"),
    ] {
        assert_eq!(
            code(&date("date", &bad).expect_err("bad")).as_deref(),
            Some(expected)
        );
    }
    let zoned = JsValue::from_str("2025-03-21T09:30:00Z");
    assert!(moment("at", &zoned).is_err());
}

#[wasm_bindgen_test]
fn numbers_must_be_whole_and_in_range() {
    let n = JsValue::from_f64;
    assert_eq!(whole("id", &n(7.0)).ok(), Some(7));
    assert_eq!(small("n", &n(4_294_967_295.0)).ok(), Some(u32::MAX));
    for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, 1e300] {
        assert_eq!(
            code(&whole("id", &n(bad)).expect_err("bad")).as_deref(),
            Some("INPUT_FORMAT")
        );
    }
    assert_eq!(
        code(&small("n", &n(4_294_967_296.0)).expect_err("big")).as_deref(),
        Some("INPUT_TOO_LARGE")
    );
}

/// Every argument's type is checked, with no coercion (issue 22, defects 1 and 8): a number
/// where a string goes corrupted the module's memory, and `"1"` was read as id 1.
#[wasm_bindgen_test]
fn arguments_of_another_type_are_input_type_errors() {
    let others = [
        JsValue::from_f64(123.0),
        JsValue::from(js_sys::BigInt::from(1_u32)),
        JsValue::TRUE,
        JsValue::NULL,
        JsValue::UNDEFINED,
        js_sys::Object::new().into(),
        js_sys::Array::new().into(),
        js_sys::Symbol::for_("x").into(),
        js_sys::Function::new_no_args("return 1").into(),
        js_sys::Date::new_0().into(),
    ];
    for value in &others {
        let err = string("region", value).expect_err("not a string");
        assert_eq!(code(&err).as_deref(), Some("INPUT_TYPE"));
        assert_eq!(
            get(&get(&err, "details"), "what").as_string().as_deref(),
            Some("region")
        );
    }
    for value in others.iter().skip(1) {
        assert_eq!(
            code(&whole("id", value).expect_err("not a number")).as_deref(),
            Some("INPUT_TYPE")
        );
    }
    assert_eq!(
        code(&whole("id", &JsValue::from_str("1")).expect_err("a string")).as_deref(),
        Some("INPUT_TYPE")
    );
    assert_eq!(optional_string("benefit", &JsValue::NULL).ok(), Some(None));
    assert!(optional_string("benefit", &JsValue::from_f64(1.0)).is_err());
}

#[wasm_bindgen_test]
fn core_errors_become_their_classes_with_three_messages() {
    let err = crate::errors::js(kezek::Iin::parse("21030860040")).expect_err("short");
    assert_eq!(code(&err).as_deref(), Some("IIN_LENGTH"));
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("IinError"));
    let messages = get(&err, "messages");
    let texts: Vec<String> = ["kk", "ru", "en"]
        .iter()
        .filter_map(|l| get(&messages, l).as_string())
        .collect();
    assert_eq!(texts.len(), 3);
    assert_eq!(texts[1], "ИИН состоит из 12 цифр, здесь 11 символов");
    assert_eq!(get(&get(&err, "details"), "found").as_f64(), Some(11.0));
}
