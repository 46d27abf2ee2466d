//! A result's tables as typed columns (`ChildTable::typed_columns`,
//! `DayTable::typed_columns`): decoded, every column is the table's JSON column, in the
//! same order; names are sorted categories, dates days since 1970, missing values marked.

use chrono::NaiveDate;
use kezek::simulation::{default_city_input, simulate, Column, Values};
use serde_json::{json, Value};

/// A typed column back as the JSON column.
fn decode(c: &Column) -> Vec<Value> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    let n = match &c.values {
        Values::Int(v) => v.len(),
        Values::Date(v) => v.len(),
        Values::Bool(v) => v.len(),
        Values::Category { codes, .. } => codes.len(),
    };
    (0..n)
        .map(|i| {
            if c.valid.as_ref().is_some_and(|v| !v[i]) {
                return Value::Null;
            }
            match &c.values {
                Values::Int(v) => json!(v[i]),
                Values::Date(v) => {
                    json!((epoch + chrono::Days::new(u64::try_from(v[i]).unwrap_or(0))).to_string())
                }
                Values::Bool(v) => json!(v[i]),
                Values::Category { codes, names } => json!(names[codes[i] as usize]),
            }
        })
        .collect()
}

#[test]
fn typed_columns_are_the_json_columns() {
    let mut input = default_city_input(2024, 1, 7).expect("the default city");
    input.warm_up_years = 1;
    input.arrivals.per_month = 200;
    input.city.districts.truncate(3);
    let r = simulate(&input).expect("runs");
    for (json, typed) in [
        (
            serde_json::to_value(&r.children).expect("json"),
            r.children.typed_columns(),
        ),
        (
            serde_json::to_value(&r.days).expect("json"),
            r.days.typed_columns(),
        ),
    ] {
        let object = json.as_object().expect("columns");
        let mut names: Vec<&str> = typed.iter().map(|c| c.name).collect();
        names.sort_unstable();
        assert_eq!(names, object.keys().map(String::as_str).collect::<Vec<_>>());
        for c in &typed {
            assert_eq!(&Value::Array(decode(c)), &object[c.name], "{}", c.name);
            if let Values::Category { names, .. } = &c.values {
                assert!(names.windows(2).all(|w| w[0] < w[1]), "{}: sorted", c.name);
            }
        }
    }
    let placed = r
        .children
        .typed_columns()
        .into_iter()
        .find(|c| c.name == "placed")
        .expect("placed");
    assert!(placed
        .valid
        .expect("some are not placed")
        .iter()
        .any(|v| !v));
}
