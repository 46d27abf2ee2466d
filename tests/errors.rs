//! Every error variant reachable from bad input: its code is stable and its message exists
//! in the three languages, differs between them, and never carries an IIN's digits.

use std::collections::HashSet;

use chrono::NaiveDate;
use kezek::calendar::{CalendarError, CalendarPatch, WorkCalendar};
use kezek::policy::{PolicyBook, PolicyError};
use kezek::{Iin, IinError, LocalizedError, Sex};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// One error of each variant, produced from bad input where the API allows.
fn samples() -> Vec<Box<dyn LocalizedError>> {
    let mut out: Vec<Box<dyn LocalizedError>> = Vec::new();
    for text in [
        "2103086004",
        "2103086004a3",
        "210308700403",
        "211308600403",
        "210308600404",
    ] {
        out.push(Box::new(Iin::parse(text).expect_err(text)));
    }
    out.push(Box::new(
        Iin::from_parts(date(2021, 3, 8), Sex::Male, 10_000).expect_err("serial"),
    ));
    out.push(Box::new(
        Iin::from_parts(date(1799, 12, 31), Sex::Male, 1).expect_err("year"),
    ));
    let cal = WorkCalendar::kazakhstan();
    out.push(Box::new(
        cal.is_working_day(date(2031, 1, 6))
            .expect_err("unknown year"),
    ));
    out.push(Box::new(
        cal.add_calendar_days(date(2100, 12, 30), 5)
            .expect_err("out of range"),
    ));
    out.push(Box::new(CalendarPatch::from_json("{").expect_err("json")));
    let bad_transfer = r#"{"years": {"2027": {"source": "x", "transfers": [{"from": "2027-01-11", "to": "2027-01-08", "source": "x"}]}}}"#;
    out.push(Box::new(
        cal.with_patch(CalendarPatch::from_json(bad_transfer).expect("patch"))
            .expect_err("transfer"),
    ));
    for (json, what) in [
        (
            r#"{"format": 9, "id": "x", "name": {"kk": "", "ru": "", "en": ""}, "span": {"first_year": 2024, "last_year": 2024}, "holidays": [], "years": {}}"#,
            "format",
        ),
        (
            r#"{"format": 1, "id": "x", "name": {"kk": "", "ru": "", "en": ""}, "span": {"first_year": 2024, "last_year": 2023}, "holidays": [], "years": {}}"#,
            "span",
        ),
        (
            r#"{"format": 1, "id": "x", "name": {"kk": "", "ru": "", "en": ""}, "span": {"first_year": 2024, "last_year": 2024}, "holidays": [{"id": "h", "name": {"kk": "", "ru": "", "en": ""}, "month": 13, "day": 1, "carry_over": true, "source": ""}], "years": {}}"#,
            "holiday",
        ),
        (
            r#"{"format": 1, "id": "x", "name": {"kk": "", "ru": "", "en": ""}, "span": {"first_year": 2024, "last_year": 2024}, "holidays": [], "years": {"2030": {"source": ""}}}"#,
            "year",
        ),
    ] {
        out.push(Box::new(WorkCalendar::from_json(json).expect_err(what)));
    }
    let book = PolicyBook::builtin();
    out.push(Box::new(
        book.policy_for("atlantis", date(2025, 1, 1))
            .expect_err("region"),
    ));
    out.push(Box::new(
        book.policy_for("akmola", date(2010, 1, 1))
            .expect_err("in force"),
    ));
    out.push(Box::new(book.get("nope").expect_err("id")));
    out.push(Box::new(PolicyBook::from_json("[").expect_err("json")));
    let mut dup = book.clone();
    dup.regions.push(dup.regions[0].clone());
    out.push(Box::new(dup.validate().expect_err("duplicate")));
    let mut p = book.policies[0].clone();
    p.max_age.unit = kezek::PeriodUnit::WorkingDays;
    out.push(Box::new(book.clone().insert(p).expect_err("unit")));
    let mut p = book.policies[0].clone();
    p.lapses_before_removal = 0;
    out.push(Box::new(book.clone().insert(p).expect_err("value")));
    let mut p = book.policies[0].clone();
    p.regions = vec!["atlantis".into()];
    out.push(Box::new(book.clone().insert(p).expect_err("policy region")));
    out.extend(matching_samples());
    out
}

/// One error of each variant of batch-matching input.
fn matching_samples() -> Vec<Box<dyn LocalizedError>> {
    use kezek::matching::Instance;
    let mut out: Vec<Box<dyn LocalizedError>> = Vec::new();
    for (prefs, caps, base) in [
        (vec![vec![3]], vec![1], vec![0]),
        (vec![vec![0, 0]], vec![1], vec![0]),
        (vec![vec![0], vec![0]], vec![1], vec![0]),
    ] {
        out.push(Box::new(
            Instance::new(prefs, caps, base).expect_err("bad instance"),
        ));
    }
    out.push(Box::new(
        Instance::from_flat(vec![0, 2, 1], vec![0, 0], vec![1], vec![0, 1]).expect_err("offsets"),
    ));
    let ok = Instance::new(vec![vec![0]], vec![1], vec![0]).expect("valid");
    out.push(Box::new(
        ok.clone()
            .with_priorities(&[(5, 0, 1)])
            .expect_err("priority"),
    ));
    out.push(Box::new(
        kezek::matching::Matching::from_assignments(&ok, &[Some(3)]).expect_err("unranked"),
    ));
    out
}

#[test]
fn every_error_has_a_code_and_three_messages() {
    let samples = samples();
    let codes: HashSet<&str> = samples.iter().map(|e| e.code().as_str()).collect();
    let expected = [
        "IIN_LENGTH",
        "IIN_NON_DIGIT",
        "IIN_DATE",
        "IIN_CHECKSUM",
        "IIN_SERIAL",
        "CALENDAR_YEAR_UNKNOWN",
        "CALENDAR_OUT_OF_RANGE",
        "CALENDAR_JSON",
        "CALENDAR_TRANSFER",
        "CALENDAR_FORMAT",
        "CALENDAR_SPAN",
        "CALENDAR_HOLIDAY",
        "CALENDAR_YEAR_OUTSIDE_SPAN",
        "POLICY_UNKNOWN_REGION",
        "POLICY_NOT_IN_FORCE",
        "POLICY_UNKNOWN_ID",
        "POLICY_JSON",
        "POLICY_DUPLICATE",
        "POLICY_UNIT",
        "POLICY_VALUE",
        "POLICY_REGION",
        "MATCHING_INDEX",
        "MATCHING_DUPLICATE",
        "MATCHING_SHAPE",
        "MATCHING_OFFSETS",
        "MATCHING_PRIORITY",
        "MATCHING_UNRANKED",
    ];
    assert_eq!(codes, expected.into_iter().collect::<HashSet<_>>());
    for e in &samples {
        kezek_conformance::assert_localized(e.as_ref());
    }
}

#[test]
fn a_deserialised_iin_error_names_its_code_not_the_digits() {
    let err = serde_json::from_str::<Iin>("\"210308600404\"").expect_err("bad check digit");
    let text = err.to_string();
    assert!(text.contains("IIN_CHECKSUM"), "{text}");
    assert!(!text.contains("210308600404"), "{text}");
}

#[test]
fn a_failed_insert_leaves_the_book_unchanged() {
    let mut book = PolicyBook::builtin().clone();
    let before = book.clone();
    let mut p = book.policies[0].clone();
    p.choice_window.amount = 0;
    let err: PolicyError = book.insert(p).expect_err("zero window");
    assert_eq!(err.code(), "POLICY_VALUE");
    assert_eq!(book, before);
}

#[test]
fn iin_and_calendar_errors_are_distinct_types() {
    // The domains stay apart: a host maps each enum to its own exception class.
    let iin: IinError = Iin::parse("").expect_err("empty");
    let cal: CalendarError = WorkCalendar::kazakhstan()
        .is_working_day(date(1990, 1, 1))
        .expect_err("early");
    assert_eq!(
        (iin.code().as_str(), cal.code().as_str()),
        ("IIN_LENGTH", "CALENDAR_OUT_OF_RANGE")
    );
}

/// An IIN given where a benefit category goes (a portal's field mix-up, found by the
/// Kotlin hostile suite) is not echoed by the refusal: the unknown category's message does
/// not repeat the value given.
#[test]
fn an_unknown_benefit_category_is_not_echoed() {
    use kezek_conformance::fixture::{application, at, child, engine};
    let mut e = engine("akmola-2024");
    let mut input = application(child::MAR_2021);
    input.benefit = Some("900101300017".into());
    let err = e.register(input, at(2025, 3, 3, 9, 0)).unwrap_err();
    assert_eq!(err.code(), "REGISTRATION_REFUSED");
    for lang in kezek::Lang::ALL {
        let m = err.message(lang);
        assert!(!m.contains("900101300017"), "{m}");
    }
    assert!(!format!("{err} {err:?}").contains("900101300017"));
}
