//! Scenario tests for turn, choice and direction, and what follows the direction:
//! `RULES.md §5–§6` (and the August freeze of `§9`), one test per rule, on real dates.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::application::ApplicationId;
use kezek::lifecycle::{Engine, Reason, RemovalReason, State, StateName, Via};
use kezek::LocalizedError;
use kezek_conformance::assert_round_trips;
use kezek_conformance::fixture::{application, at, child, day, direction, engine};

/// An engine with one child (born 8 March 2021) registered on 10 January 2024.
fn one_child(policy: &str) -> (Engine, ApplicationId) {
    let mut e = engine(policy);
    let id = e
        .register(application(child::MAR_2021), at(2024, 1, 10, 9, 0))
        .unwrap();
    (e, id)
}

#[test]
fn s5_turn_and_vacancies_come_before_a_notice() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::SEP_2021), at(2024, 5, 2, 9, 1))
        .unwrap();
    assert_eq!(
        e.explain_offer(b, 0, at(2024, 5, 3, 9, 0))
            .unwrap()
            .failed_codes(),
        ["VACANCIES", "TURN_REACHED"]
    );
    assert_eq!(
        e.explain_offer(b, 1, at(2024, 5, 3, 9, 0))
            .unwrap()
            .failed_codes(),
        ["TURN_REACHED"]
    );
    assert!(e
        .explain_offer(b, 2, at(2024, 5, 3, 9, 0))
        .unwrap()
        .allowed());
    // Once a holds a notice, b is the first waiting child.
    e.notify(a, 1, at(2024, 5, 3, 9, 0)).unwrap();
    assert!(e
        .explain_offer(b, 1, at(2024, 5, 3, 9, 5))
        .unwrap()
        .allowed());
    assert_eq!(
        e.notify(a, 1, at(2024, 5, 3, 9, 5)).unwrap_err().code(),
        "NOT_ELIGIBLE"
    );
}

#[test]
fn s5_the_choice_window_is_3_working_days_counting_nauryz() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAR_2021), at(2025, 3, 3, 9, 0))
        .unwrap();
    e.notify(id, 1, at(2025, 3, 20, 15, 0)).unwrap();
    let State::NoticeSent { choose_by, .. } = e.state(id).unwrap() else {
        panic!()
    };
    // Nauryz 21–23 March 2025 and the days carried over to 24–25 March are not counted.
    assert_eq!(choose_by.last_day, day(2025, 3, 28));
    e.issue_direction(id, "kg-3", at(2025, 3, 28, 23, 59))
        .unwrap();
    assert_eq!(direction(&e, id).via, Via::Notice);
}

#[test]
fn s5_astana_gives_one_calendar_day_to_choose() {
    let mut e = engine("astana-2024");
    let mut app = application(child::MAR_2021);
    app.address.region = "astana".into();
    app.address.district = "esil".into();
    let id = e.register(app, at(2024, 2, 1, 9, 0)).unwrap();
    e.notify(id, 1, at(2024, 3, 1, 10, 0)).unwrap();
    let State::NoticeSent { choose_by, .. } = e.state(id).unwrap() else {
        panic!()
    };
    assert_eq!(choose_by.ends_at, at(2024, 3, 3, 0, 0));
    e.advance_to(at(2024, 3, 3, 0, 0)).unwrap();
    assert_eq!(
        e.state(id).unwrap(),
        &State::Queued,
        "the notice expired after one calendar day"
    );
    // The child may still take a place published for free choice, like any waiting child.
    e.issue_direction(id, "kg-1", at(2024, 3, 4, 9, 0)).unwrap();
    assert_eq!(direction(&e, id).via, Via::FreeChoice);
}

#[test]
fn s5_an_expired_notice_leaves_the_child_queued_in_its_place() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::SEP_2021), at(2024, 5, 2, 9, 1))
        .unwrap();
    e.notify(a, 1, at(2024, 5, 2, 10, 0)).unwrap();
    assert_eq!(
        e.position(a).unwrap().unwrap().number,
        1,
        "a notice keeps the place"
    );
    e.advance_to(at(2024, 5, 7, 0, 0)).unwrap();
    assert_eq!(e.state(a).unwrap(), &State::Queued);
    assert_eq!(e.position(a).unwrap().unwrap().number, 1);
    assert_eq!(e.position(b).unwrap().unwrap().number, 2);
    assert_eq!(
        e.history(a).unwrap().last().unwrap().reason,
        Reason::NoticeExpired
    );
}

#[test]
fn s5_free_choice_places_go_to_any_waiting_child_of_the_cohort() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::SEP_2021), at(2024, 5, 2, 9, 1))
        .unwrap();
    // b stands second, yet takes a place published for free choice.
    e.issue_direction(b, "kg-9", at(2024, 5, 10, 9, 0)).unwrap();
    assert_eq!(direction(&e, b).via, Via::FreeChoice);
    assert_eq!(
        e.history(b).unwrap().last().unwrap().reason,
        Reason::FreeChoiceTaken
    );
    assert_eq!(
        e.position(b).unwrap(),
        None,
        "a child holding a direction has no queue number"
    );
    assert_eq!(e.position(a).unwrap().unwrap().number, 1);
}

#[test]
fn s5_a_child_enrolled_elsewhere_gets_no_direction_until_released() {
    let mut e = engine("akmola-2024");
    let general = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let mut special = application(child::MAR_2021);
    special.group_type = kezek::application::GroupType::Sanatorium;
    special.documents = vec![kezek_conformance::fixture::document(
        kezek::application::TB_REFERRAL,
        day(2024, 4, 1),
    )];
    let other = e.register(special, at(2024, 5, 2, 9, 5)).unwrap();
    e.issue_direction(general, "kg-1", at(2024, 5, 3, 9, 0))
        .unwrap();
    e.enroll(general, at(2024, 5, 6, 9, 0)).unwrap();
    assert_eq!(
        e.explain_offer(other, 1, at(2024, 5, 6, 10, 0))
            .unwrap()
            .failed_codes(),
        ["NOT_ENROLLED_ELSEWHERE"]
    );
    e.release(general, at(2024, 9, 2, 9, 0)).unwrap();
    assert!(e
        .explain_offer(other, 1, at(2024, 9, 2, 10, 0))
        .unwrap()
        .allowed());
}

#[test]
fn s6_a_direction_may_be_revoked_within_24_hours_only() {
    let (mut e, id) = one_child("akmola-2024");
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    let late = e.clone().revoke(id, at(2024, 5, 4, 11, 0)).unwrap_err();
    assert_eq!(late.code(), "REVOCATION_CLOSED");
    e.revoke(id, at(2024, 5, 4, 10, 59)).unwrap();
    assert_eq!(e.state(id).unwrap(), &State::Queued);
    assert_eq!(e.position(id).unwrap().unwrap().number, 1);
}

#[test]
fn s6_the_child_is_brought_within_5_working_days_counting_the_may_2024_decree() {
    let (mut e, id) = one_child("akmola-2024");
    // Friday 3 May 2024: Saturday 4 May is worked, 7 May (Defender's Day), 8 May (moved
    // by the decree) and 9 May are off. The 5th working day after is 14 May.
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    let d = direction(&e, id);
    assert_eq!(d.show_up_by.last_day, day(2024, 5, 14));
    assert_eq!(d.revocable_until.ends_at, at(2024, 5, 4, 11, 0));
    e.enroll(id, at(2024, 5, 14, 17, 0)).unwrap();
    assert_eq!(e.state(id).unwrap().name(), StateName::Enrolled);
}

#[test]
fn s6_a_lapsed_direction_puts_the_child_on_the_stop_list_for_10_working_days() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAR_2021), at(2024, 1, 10, 9, 0))
        .unwrap();
    let later = e
        .register(application(child::SEP_2021), at(2024, 1, 10, 9, 5))
        .unwrap();
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    e.advance_to(at(2024, 5, 15, 0, 0)).unwrap();
    let State::StopListed { until, since } = e.state(id).unwrap() else {
        panic!()
    };
    assert_eq!(*since, at(2024, 5, 15, 0, 0));
    assert_eq!(until.last_day, day(2024, 5, 28));
    assert_eq!(e.lapses(id).unwrap(), 1);
    assert_eq!(
        e.position(id).unwrap().unwrap().number,
        1,
        "it keeps its place"
    );
    let d = e.explain_offer(id, 3, at(2024, 5, 20, 9, 0)).unwrap();
    assert_eq!(d.failed_codes(), ["WAITING", "NOT_STOP_LISTED"]);
    assert_eq!(
        e.issue_direction(id, "kg-2", at(2024, 5, 20, 9, 0))
            .unwrap_err()
            .code(),
        "STATE_FORBIDS"
    );
    e.advance_to(at(2024, 5, 29, 0, 0)).unwrap();
    assert_eq!(e.state(id).unwrap(), &State::Queued);
    let key = e.application(id).unwrap().queue_key();
    assert_eq!(
        e.listing(&key),
        [id, later],
        "queued again at the original registration moment"
    );
}

#[test]
fn s6_a_second_lapse_removes_the_child() {
    let (mut e, id) = one_child("akmola-2024");
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    e.advance_to(at(2024, 5, 29, 0, 0)).unwrap();
    e.issue_direction(id, "kg-2", at(2024, 6, 3, 9, 0)).unwrap();
    e.advance_to(at(2024, 7, 1, 0, 0)).unwrap();
    let State::Removed { reason, .. } = e.state(id).unwrap() else {
        panic!("{:?}", e.state(id))
    };
    assert_eq!(*reason, RemovalReason::Lapses);
    assert_eq!(
        e.history(id).unwrap().last().unwrap().reason,
        Reason::RemovedAfterLapses
    );
    assert_eq!(e.position(id).unwrap(), None);
}

#[test]
fn s6_a_direction_is_extended_once_by_up_to_30_calendar_days() {
    let (mut e, id) = one_child("akmola-2024");
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    let t = at(2024, 5, 13, 9, 0);
    let long = e.extend(id, day(2024, 6, 14), t).unwrap_err();
    assert_eq!(long.code(), "EXTENSION_TOO_LONG");
    assert_eq!(
        e.extend(id, day(2024, 5, 14), t).unwrap_err().code(),
        "EXTENSION_TOO_SHORT"
    );
    e.extend(id, day(2024, 6, 13), t).unwrap();
    assert_eq!(direction(&e, id).show_up_by.last_day, day(2024, 6, 13));
    assert_eq!(
        e.extend(id, day(2024, 6, 13), t).unwrap_err().code(),
        "EXTENSION_USED"
    );
    e.advance_to(at(2024, 6, 13, 23, 59)).unwrap();
    assert_eq!(e.state(id).unwrap().name(), StateName::DirectionIssued);
    e.advance_to(at(2024, 6, 14, 0, 0)).unwrap();
    assert_eq!(e.state(id).unwrap().name(), StateName::StopListed);
}

#[test]
fn s6_enrolled_then_released() {
    let (mut e, id) = one_child("akmola-2024");
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    e.enroll(id, at(2024, 5, 6, 9, 0)).unwrap();
    e.release(id, at(2025, 6, 1, 9, 0)).unwrap();
    assert_eq!(
        e.state(id).unwrap(),
        &State::Released {
            kindergarten: "kg-1".into(),
            at: at(2025, 6, 1, 9, 0)
        }
    );
    assert_eq!(
        e.release(id, at(2025, 6, 2, 9, 0)).unwrap_err().code(),
        "STATE_FORBIDS"
    );
}

#[test]
fn s9_no_notices_or_directions_in_the_august_freeze() {
    let (mut e, id) = one_child("akmola-2024");
    assert_eq!(
        e.explain_offer(id, 1, at(2024, 8, 15, 9, 0))
            .unwrap()
            .failed_codes(),
        ["NOT_FROZEN"]
    );
    e.notify(id, 1, at(2024, 7, 31, 16, 0)).unwrap();
    let frozen = e
        .issue_direction(id, "kg-1", at(2024, 8, 1, 9, 0))
        .unwrap_err();
    assert_eq!(frozen.code(), "NOT_ELIGIBLE");
    assert!(e
        .explain_offer(id, 1, at(2024, 9, 2, 9, 0))
        .unwrap()
        .allowed());
}

#[test]
fn replay_of_the_log_gives_an_identical_engine_and_snapshots_round_trip() {
    let (mut e, id) = one_child("akmola-2024");
    let b = e
        .register(application(child::SEP_2021), at(2024, 2, 1, 9, 0))
        .unwrap();
    e.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    e.extend(id, day(2024, 5, 20), at(2024, 5, 6, 9, 0))
        .unwrap();
    e.link_applicant(
        b,
        kezek_conformance::fixture::OTHER_PARENT,
        at(2024, 5, 6, 9, 0),
    )
    .unwrap();
    e.advance_to(at(2025, 3, 1, 0, 0)).unwrap();
    let json = e.to_json();
    let replayed = Engine::replay(e.policy().clone(), e.log_calendar().clone(), e.log()).unwrap();
    assert_eq!(replayed.to_json(), json);
    let restored = Engine::from_json(&json).unwrap();
    assert_eq!(restored.to_json(), json);
    assert_eq!(restored.position(b).unwrap(), e.position(b).unwrap());
    let version = format!(
        "\"schema_version\":{}",
        kezek::lifecycle::SNAPSHOT_SCHEMA_VERSION
    );
    assert!(json.contains(&version));
    let bumped = json.replacen(&version, "\"schema_version\":99", 1);
    assert_eq!(
        Engine::from_json(&bumped).unwrap_err().code(),
        "SNAPSHOT_VERSION"
    );
    assert_eq!(
        Engine::from_json(&format!("{{{version}}}"))
            .unwrap_err()
            .code(),
        "SNAPSHOT_FORMAT"
    );
    // Every history starts with the registration: an application without one is refused.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["applications"][0]["history"] = serde_json::json!([]);
    let err = Engine::from_json(&value.to_string()).unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_FORMAT");
    assert!(err.to_string().contains("no history"), "{err}");
}

#[test]
fn an_engine_without_a_log_keeps_histories_and_snapshots_but_no_log() {
    let (e, id) = one_child("akmola-2024");
    assert!(e.keeps_log() && !e.log().is_empty());
    assert!(
        !e.to_json().contains("keeps_log"),
        "a logging engine's snapshot is as before"
    );
    let mut quiet = e.clone().without_log();
    assert!(!quiet.keeps_log());
    assert!(quiet.log().is_empty(), "the log so far is dropped");
    quiet.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    quiet.advance_to(at(2024, 6, 1, 0, 0)).unwrap();
    assert!(quiet.log().is_empty(), "and nothing is logged after");
    let reasons: Vec<Reason> = quiet.history(id).unwrap().map(|ev| ev.reason).collect();
    assert_eq!(
        reasons,
        [
            Reason::Registered,
            Reason::NoticeSent,
            Reason::NoticeExpired
        ]
    );
    // The same commands on the logging engine give the same applications.
    let mut logged = e;
    logged.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    logged.advance_to(at(2024, 6, 1, 0, 0)).unwrap();
    assert_eq!(
        quiet.history(id).unwrap().collect::<Vec<_>>(),
        logged.history(id).unwrap().collect::<Vec<_>>()
    );
    let json = quiet.to_json();
    assert!(json.contains("\"keeps_log\":false"));
    let restored = Engine::from_json(&json).unwrap();
    assert!(!restored.keeps_log());
    assert_eq!(restored.to_json(), json);
}

/// Issue 23, §3: the service must not stop in December. A direction issued on Monday
/// 14 December 2026 carries deadlines in 2026 (5 working days to bring the child, over
/// Independence Day on the 16th: the 22nd; 24 hours to revoke), but the stop-list that
/// would follow a lapse ends 10 working days after the 22nd, in January 2027, a year the
/// built-in calendar has no decree data for. The direction is issued: its deadlines in 2026
/// are exact; the stop-list is not counted until it begins, and then by the statutory rules
/// alone, marked provisional.
#[test]
fn s9_a_direction_in_december_is_issued_with_a_provisional_stop_list_end() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::JAN_2022), at(2026, 11, 2, 9, 0))
        .unwrap();
    e.issue_direction(id, "kg-1", at(2026, 12, 14, 11, 0))
        .expect("a direction in December");
    let d = direction(&e, id);
    assert_eq!(d.show_up_by.last_day, day(2026, 12, 22));
    assert!(!d.show_up_by.provisional && !d.revocable_until.provisional);
    let stop = e
        .stop_list_if_lapsed(id)
        .unwrap()
        .expect("a live direction");
    assert!(stop.provisional, "{stop:?}");
    assert!(stop.last_day > day(2027, 1, 1));
    // The lapse happens, and the child is stop-listed until the provisional end.
    e.advance_to(at(2026, 12, 23, 9, 0)).unwrap();
    let State::StopListed { until, .. } = e.state(id).unwrap() else {
        panic!("stop-listed")
    };
    assert!(until.provisional);
    assert_eq!(
        *until, stop,
        "the stop-list that began is the one announced"
    );
    assert_round_trips(&e);
}

/// Found by the Kotlin hostile suite: `advance_to` a moment past year 9999 was accepted,
/// and the engine's own snapshot then failed to load (`years_within_9999`). A command at a
/// moment outside the calendar's span is refused, and nothing changes.
#[test]
fn a_command_outside_the_calendars_span_is_refused_and_the_snapshot_still_loads() {
    let (mut e, id) = one_child("akmola-2024");
    let before = e.to_json();
    let far = chrono::NaiveDate::from_ymd_opt(10_000, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a moment chrono holds");
    for err in [
        e.advance_to(far).unwrap_err(),
        e.withdraw(id, far).unwrap_err(),
        e.advance_to(at(2101, 1, 1, 0, 0)).unwrap_err(),
    ] {
        assert_eq!(err.code(), "CALENDAR_OUT_OF_RANGE");
    }
    assert_eq!(e.to_json(), before);
    e.advance_to(at(2100, 12, 31, 0, 0))
        .expect("the span's last year");
    assert_round_trips(&e);
}
