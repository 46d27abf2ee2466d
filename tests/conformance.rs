//! Runs the language-neutral conformance files under `tests/conformance/` against the Rust
//! core. Every binding runs the same files and must give the same answers.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use kezek::calendar::{Answer, CalendarData, CalendarPatch, WorkCalendar};
use kezek::period::Period;
use kezek::policy::PolicyBook;
use kezek::{Iin, LocalizedError};
use kezek_conformance::{run_cases, Case};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// An argument of the case, deserialised.
fn arg<T: DeserializeOwned>(case: &Case, key: &str) -> T {
    serde_json::from_value(case.args[key].clone())
        .unwrap_or_else(|e| panic!("`{}`: argument {key}: {e}", case.name))
}

fn code<E: LocalizedError>(e: &E) -> String {
    e.code().to_string()
}

#[test]
fn iin_cases() {
    let failed = run_cases("iin.json", |case| match case.op.as_str() {
        "parse_iin" => {
            let iin = Iin::parse(&arg::<String>(case, "text")).map_err(|e| code(&e))?;
            Ok(json!({
                "encoded_birth_date": iin.encoded_birth_date(),
                "encoded_sex": iin.encoded_sex(),
                "masked": iin.masked()
            }))
        }
        op => panic!("unknown op {op}"),
    });
    assert_eq!(failed, 0);
}

/// The calendar of a case: the built-in one, patched, or replaced by `data`.
fn calendar_of(case: &Case) -> Result<WorkCalendar, String> {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    if let Some(data) = case.extra.get("data") {
        return CalendarData::from_json(&text(data))
            .and_then(WorkCalendar::from_data)
            .map_err(|e| code(&e));
    }
    let cal = WorkCalendar::kazakhstan();
    match case.extra.get("patch") {
        Some(patch) => CalendarPatch::from_json(&text(patch))
            .and_then(|p| cal.with_patch(p))
            .map_err(|e| code(&e)),
        None => Ok(cal),
    }
}

/// The answer as JSON, with `provisional` checked against the case when it names it.
fn answer<T: serde::Serialize>(case: &Case, a: &Answer<T>) -> Result<Value, String> {
    if let Some(expected) = case.extra.get("provisional") {
        if Some(a.provisional) != expected.as_bool() {
            return Err(format!("provisional was {}", a.provisional));
        }
    }
    Ok(json!(a.value))
}

#[test]
fn calendar_cases() {
    let failed = run_cases("calendar.json", |case| {
        let cal = calendar_of(case)?;
        let provisional = case.extra.get("mode").and_then(Value::as_str) == Some("provisional");
        let strict = |r: Result<Value, kezek::CalendarError>| r.map_err(|e| code(&e));
        let p = cal.provisional();
        match case.op.as_str() {
            "is_working_day" => {
                let date: NaiveDate = arg(case, "date");
                if provisional {
                    answer(case, &p.is_working_day(date).map_err(|e| code(&e))?)
                } else {
                    strict(cal.is_working_day(date).map(|v| json!(v)))
                }
            }
            "add_working_days" => {
                let (date, n): (NaiveDate, u32) = (arg(case, "date"), arg(case, "n"));
                if provisional {
                    answer(case, &p.add_working_days(date, n).map_err(|e| code(&e))?)
                } else {
                    strict(cal.add_working_days(date, n).map(|v| json!(v)))
                }
            }
            "working_days_between" => strict(
                cal.working_days_between(arg(case, "a"), arg(case, "b"))
                    .map(|v| json!(v)),
            ),
            "deadline" => {
                let start: NaiveDateTime = arg(case, "start");
                let period = Period {
                    amount: arg(case, "amount"),
                    unit: arg(case, "unit"),
                };
                strict(cal.deadline(start, period).map(|d| json!(d)))
            }
            "day_info" => {
                let info = cal.day_info(arg(case, "date")).map_err(|e| code(&e))?;
                let mut kind = json!(info.kind);
                kind["working"] = json!(info.working);
                Ok(kind)
            }
            op => panic!("unknown op {op}"),
        }
    });
    assert_eq!(failed, 0);
}

/// The policy book of a case: the built-in one, or a mutated copy loaded from JSON.
fn book_of(case: &Case) -> Result<PolicyBook, String> {
    let Some(book) = case.extra.get("book") else {
        return Ok(PolicyBook::builtin().clone());
    };
    let json = match (book.as_str(), book.get("mutate")) {
        (Some(text), _) => text.to_owned(),
        (None, Some(m)) => {
            let mut value: Value =
                serde_json::from_str(kezek::policy::BUILTIN_JSON).map_err(|e| e.to_string())?;
            let policies = value["policies"].as_array_mut().ok_or("no policies")?;
            let policy = policies
                .iter_mut()
                .find(|p| p["id"] == m["id"])
                .ok_or("no such policy")?;
            policy[m["field"].as_str().ok_or("no field")?] = m["value"].clone();
            value.to_string()
        }
        (None, None) => panic!("`{}`: book must be JSON text or a mutation", case.name),
    };
    PolicyBook::from_json(&json).map_err(|e| code(&e))
}

#[test]
fn policy_cases() {
    let failed = run_cases("policy.json", |case| {
        let book = book_of(case)?;
        match case.op.as_str() {
            "policy_for" => {
                let (region, date): (String, NaiveDate) = (arg(case, "region"), arg(case, "date"));
                book.policy_for(&region, date)
                    .map(|p| json!(p))
                    .map_err(|e| code(&e))
            }
            "policy_get" => book
                .get(&arg::<String>(case, "id"))
                .map(|p| json!(p))
                .map_err(|e| code(&e)),
            "ids" => Ok(json!(book.ids())),
            "regions" => Ok(json!(book.regions)),
            "is_frozen" => {
                let (region, date): (String, NaiveDate) = (arg(case, "region"), arg(case, "date"));
                book.policy_for(&region, date)
                    .map(|p| json!(p.is_frozen(date)))
                    .map_err(|e| code(&e))
            }
            op => panic!("unknown op {op}"),
        }
    });
    assert_eq!(failed, 0);
}

/// The built-in calendar agrees, day by day over 2016–2026, with the file derived from the
/// `holidays` package (`tests/crosscheck/holidays_kz.py` checks the file against it).
#[test]
fn calendar_agrees_with_the_holidays_package_file() {
    let path = kezek_conformance::conformance_dir().join("calendar-kz-days.json");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("file")).expect("json");
    let dates =
        |key: &str| -> Vec<NaiveDate> { serde_json::from_value(file[key].clone()).expect("dates") };
    let (off, working) = (dates("weekdays_off"), dates("weekend_days_working"));
    let cal = WorkCalendar::kazakhstan();
    let first = NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
    let mut mismatches = Vec::new();
    for day in first.iter_days().take_while(|d| d.year() <= 2026) {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = if weekend {
            working.contains(&day)
        } else {
            !off.contains(&day)
        };
        if cal.is_working_day(day) != Ok(expected) {
            mismatches.push(day);
        }
    }
    assert!(
        mismatches.is_empty(),
        "days that differ from the holidays package: {mismatches:?}"
    );
    // The file itself is not vacuous.
    assert!(off.len() > 150 && working.len() > 10);
}

#[test]
fn matching_cases() {
    use kezek::matching::{Instance, Mechanism, TieBreak};
    let failed = run_cases("matching.json", |case| {
        let priorities: Vec<(u32, u32, u8)> = case
            .args
            .get("priorities")
            .map_or_else(Vec::new, |_| arg(case, "priorities"));
        let instance = match case.op.as_str() {
            "solve" => Instance::new(
                arg(case, "preferences"),
                arg(case, "capacities"),
                arg(case, "base"),
            ),
            "solve_flat" => Instance::from_flat(
                arg(case, "offsets"),
                arg(case, "choices"),
                arg(case, "capacities"),
                arg(case, "base"),
            ),
            op => panic!("unknown op {op}"),
        }
        .and_then(|i| i.with_priorities(&priorities))
        .map_err(|e| code(&e))?;
        let tie_break: TieBreak = case
            .args
            .get("tie_break")
            .map_or(TieBreak::None, |_| arg(case, "tie_break"));
        let r = instance.rank(tie_break);
        let mechanism: Mechanism = case
            .args
            .get("mechanism")
            .map_or(Mechanism::default(), |_| arg(case, "mechanism"));
        let m = r.solve(mechanism);
        let children = u32::try_from(instance.children()).unwrap_or(u32::MAX);
        let why_not: serde_json::Map<String, Value> = (0..children)
            .map(|c| (c.to_string(), json!(r.why_not(&m, c))))
            .collect();
        Ok(json!({
            "assignments": m.assignments(),
            "admitted_count": m.assignments().iter().flatten().count(),
            "blocking_pairs": r.blocking_pairs(&m),
            "envy": r.justified_envy(&m),
            "cutoffs": r.cutoffs(&m),
            "why_not": why_not,
        }))
    });
    assert_eq!(failed, 0);
}

#[test]
fn people_cases() {
    use kezek::labels::{labels, Labelled};
    let kind = |case: &Case| {
        let name: String = arg(case, "kind");
        Labelled::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
            .unwrap_or_else(|| panic!("unknown kind {name}"))
    };
    let failed = run_cases("people.json", |case| match case.op.as_str() {
        "label" => Ok(json!(kezek::labels::label(
            kind(case),
            &arg::<String>(case, "code")
        ))),
        "has_label" => Ok(json!(
            labels()[&kind(case)].contains_key(arg::<String>(case, "code").as_str())
        )),
        "label_count" => Ok(json!(labels()[&kind(case)].len())),
        "label_kinds" => Ok(json!(labels()
            .keys()
            .map(|k| k.as_str())
            .collect::<std::collections::BTreeSet<_>>())),
        "show_date" => Ok(json!(kezek::people::date(arg(case, "value")))),
        "show_moment" => Ok(json!(kezek::people::moment(arg(case, "value")))),
        "show_deadline" => Ok(json!(kezek::people::deadline(&arg(case, "deadline")))),
        op => panic!("unknown op {op}"),
    });
    assert_eq!(failed, 0);
}
