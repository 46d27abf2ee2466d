//! Issue 23, §3: the service does not stop in December. Deadlines that reach into a year
//! without decree data are counted by the statutory rules and marked provisional; the
//! year's data added to the running engine (`patch_calendar`) counts them again, with an
//! event each; replay and snapshots keep it (`RULES.md §9`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::calendar::CalendarPatch;
use kezek::lifecycle::{Engine, Reason, State};
use kezek_conformance::assert_round_trips;
use kezek_conformance::fixture::{application, at, child, day, direction, engine};

/// Example 2027 data (test data, not the real order, which is not yet published): Friday
/// 8 January, between Orthodox Christmas and the weekend, off; Saturday 9 January worked.
const EXAMPLE_2027: &str = r#"{"years": {"2027": {"source": "test data (not the 2027 order)",
  "transfers": [{"from": "2027-01-09", "to": "2027-01-08", "source": "test data"}]}}}"#;

fn example_2027() -> CalendarPatch {
    CalendarPatch::from_json(EXAMPLE_2027).unwrap()
}

#[test]
fn a_direction_late_in_december_has_provisional_deadlines_counted_again_when_2027_is_added() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::JAN_2022), at(2026, 11, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::MAR_2021), at(2026, 11, 2, 9, 5))
        .unwrap();
    // B's direction lapses before Christmas: its stop-list ends in 2027, provisional.
    e.issue_direction(b, "kg-2", at(2026, 12, 14, 9, 0))
        .unwrap();
    e.advance_to(at(2026, 12, 28, 10, 0)).unwrap();
    let State::StopListed { until, .. } = e.state(b).unwrap().clone() else {
        panic!("stop-listed")
    };
    assert!(until.provisional);
    e.issue_direction(a, "kg-1", at(2026, 12, 28, 11, 0))
        .expect("a direction at the end of December");
    let before = direction(&e, a);
    assert!(before.show_up_by.provisional, "{:?}", before.show_up_by);
    assert!(before.show_up_by.last_day.format("%Y").to_string() == "2027");
    assert!(!before.revocable_until.provisional);

    let moved = e
        .patch_calendar(example_2027(), at(2026, 12, 29, 9, 0))
        .unwrap();
    assert_eq!(moved, vec![a, b]);
    let after = direction(&e, a);
    assert!(!after.show_up_by.provisional);
    assert_eq!(after.issued_at, before.issued_at);
    // A's show-up window ends on 6 January either way: only its mark goes.
    assert_eq!(after.show_up_by.last_day, day(2027, 1, 6));
    assert_eq!(before.show_up_by.last_day, day(2027, 1, 6));
    for (id, day) in [(a, "2027-01-06"), (b, "2027-01-09")] {
        let last = e.history(id).unwrap().last().unwrap();
        assert_eq!(last.reason, Reason::DeadlineRecomputed);
        assert_eq!(last.detail.as_deref(), Some(day));
    }
    // B's stop-list: 10 working days after 22 December ended on Friday 8 January by the
    // statutory count; with 8 January off and Saturday 9 January worked, it ends on the 9th.
    assert_eq!(until.last_day, day(2027, 1, 8));
    let State::StopListed {
        until: recounted, ..
    } = e.state(b).unwrap().clone()
    else {
        panic!("still stop-listed")
    };
    assert!(!recounted.provisional);
    assert_eq!(recounted.last_day, day(2027, 1, 9));
    // The calendar the log starts from is the one without 2027; replay and snapshots keep
    // the patch and what it did.
    assert!(e.calendar().is_working_day(day(2027, 1, 9)).unwrap());
    assert!(e.log_calendar().is_working_day(day(2027, 1, 9)).is_err());
    assert_round_trips(&e);
    // A second patch that changes nothing moves nothing.
    assert!(e
        .patch_calendar(example_2027(), at(2026, 12, 29, 10, 0))
        .unwrap()
        .is_empty());
    assert_round_trips(&e);
}

#[test]
fn a_refused_patch_changes_nothing() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::JAN_2022), at(2026, 11, 2, 9, 0))
        .unwrap();
    e.issue_direction(a, "kg-1", at(2026, 12, 28, 11, 0))
        .unwrap();
    let json = e.to_json();
    let bad = CalendarPatch::from_json(
        r#"{"years": {"2027": {"source": "x", "transfers": [{"from": "2027-01-09", "to": "2026-01-08", "source": "x"}]}}}"#,
    )
    .unwrap();
    let err = e.patch_calendar(bad, at(2026, 12, 29, 9, 0)).unwrap_err();
    assert_eq!(kezek::LocalizedError::code(&err), "CALENDAR_TRANSFER");
    let err = e
        .patch_calendar(example_2027(), at(2026, 12, 1, 9, 0))
        .unwrap_err();
    assert_eq!(kezek::LocalizedError::code(&err), "TIME_BEFORE_CLOCK");
    assert_eq!(e.to_json(), json);
}

#[test]
fn an_engine_without_a_log_keeps_its_patched_calendar_in_its_snapshot() {
    let mut e = engine("akmola-2024").without_log();
    let a = e
        .register(application(child::JAN_2022), at(2026, 11, 2, 9, 0))
        .unwrap();
    e.issue_direction(a, "kg-1", at(2026, 12, 28, 11, 0))
        .unwrap();
    e.patch_calendar(example_2027(), at(2026, 12, 29, 9, 0))
        .unwrap();
    let restored = Engine::from_json(&e.to_json()).unwrap();
    assert!(restored.calendar().is_working_day(day(2027, 1, 9)).unwrap());
    assert_eq!(restored.to_json(), e.to_json());
}

/// An interest confirmation whose opening is counted in working days before an
/// anniversary in a year without decree data is not refused with a calendar error the
/// caller cannot act on: the count is provisional, as every other (issue 23, §3).
#[test]
fn confirming_interest_before_an_anniversary_in_a_year_without_data_is_not_refused() {
    let mut policy = engine("akmola-2024").policy().clone();
    policy.interest_confirmation_early = kezek::period::Period {
        amount: 10,
        unit: kezek::period::PeriodUnit::WorkingDays,
    };
    let mut e = Engine::new(policy, kezek::WorkCalendar::kazakhstan()).unwrap();
    let a = e
        .register(application(child::JAN_2022), at(2026, 2, 2, 9, 0))
        .unwrap();
    e.confirm_interest(a, at(2027, 1, 25, 9, 0))
        .expect("the first anniversary, 2 February 2027, opens 10 working days before");
    assert_round_trips(&e);
}
