//! Edited snapshots that describe an engine no commands could make (issue 22, defects 5 and
//! 10): each is refused on load with `SNAPSHOT_INCONSISTENT` naming the invariant broken.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::application::ApplicationId;
use kezek::lifecycle::{Engine, LifecycleError, INVARIANTS};
use kezek::LocalizedError;
use kezek_conformance::fixture::{application, at, bulletin, child, engine};
use serde_json::{json, Value};

/// Three children: #1 enrolled from bulletin 1, #2 directed to bulletin 1, #3 queued;
/// bulletin 2 untouched.
fn populated() -> Engine {
    let mut e = engine("national-2024");
    for (minute, c) in [
        (0, child::MAR_2021),
        (1, child::SEP_2021),
        (2, child::DEC_2021),
    ] {
        e.register(application(c), at(2024, 1, 10, 9, minute))
            .unwrap();
    }
    e.publish(
        &[bulletin("kg-1", 2021, 2), bulletin("kg-2", 2021, 1)],
        at(2024, 3, 4, 10, 0),
    )
    .unwrap();
    let b1 = kezek::allocation::BulletinId(1);
    e.take_place(ApplicationId(1), b1, at(2024, 3, 5, 10, 0))
        .unwrap();
    e.take_place(ApplicationId(2), b1, at(2024, 3, 5, 11, 0))
        .unwrap();
    e.enroll(ApplicationId(1), at(2024, 3, 6, 10, 0)).unwrap();
    e.check_invariants().unwrap();
    e
}

fn snapshot(e: &Engine) -> Value {
    serde_json::from_str(&e.to_json()).unwrap()
}

fn refused(edited: &Value) -> (&'static str, String) {
    match Engine::from_json(&edited.to_string()) {
        Err(e @ LifecycleError::SnapshotInconsistent { .. }) => {
            let LifecycleError::SnapshotInconsistent { invariant, .. } = &e else {
                unreachable!()
            };
            assert_eq!(e.code(), "SNAPSHOT_INCONSISTENT");
            kezek_conformance::assert_localized(&e);
            (invariant, e.message(kezek::Lang::En))
        }
        other => panic!(
            "loaded or refused otherwise: {:?}",
            other.map(|_| "an engine")
        ),
    }
}

fn app(s: &mut Value, i: usize) -> &mut Value {
    &mut s["applications"][i]
}

#[test]
fn an_untouched_snapshot_loads_and_every_invariant_is_named() {
    let e = populated();
    let loaded = Engine::from_json(&e.to_json()).unwrap();
    assert_eq!(loaded.to_json(), e.to_json());
    assert_eq!(INVARIANTS.len(), 14);
}

/// An edit of a snapshot's JSON: what it does, the invariant it breaks, the edit.
type Edit = (&'static str, &'static str, Box<dyn Fn(&mut Value)>);

#[test]
#[allow(clippy::too_many_lines)] // one line per edit
fn each_edit_is_refused_with_the_invariant_it_breaks() {
    let e = populated();
    let base = snapshot(&e);
    let edits: Vec<Edit> = vec![
        (
            "the same child live twice in one group type",
            "one_live_application_per_child_and_group",
            Box::new(|s| app(s, 2)["app"]["child"] = app(s, 1)["app"]["child"].clone()),
        ),
        (
            "a child enrolled and queued",
            "one_live_application_per_child_and_group",
            Box::new(|s| app(s, 2)["app"]["child"] = app(s, 0)["app"]["child"].clone()),
        ),
        (
            "a direction naming a bulletin that does not exist",
            "claims_name_bulletins",
            Box::new(|s| app(s, 1)["state"]["bulletin"] = json!(9)),
        ),
        (
            "an enrolment naming a bulletin that does not exist",
            "claims_name_bulletins",
            Box::new(|s| app(s, 0)["state"]["bulletin"] = json!(7)),
        ),
        (
            "a direction to another kindergarten than its bulletin's",
            "kindergarten_of_its_bulletin",
            Box::new(|s| app(s, 1)["state"]["kindergarten"] = json!("kg-2")),
        ),
        (
            "taken above places",
            "places_taken_within_bounds",
            Box::new(|s| s["bulletins"][0]["taken"] = json!(3)),
        ),
        (
            "taken below what is held",
            "places_taken_within_bounds",
            Box::new(|s| s["bulletins"][0]["taken"] = json!(1)),
        ),
        (
            "duplicate bulletin ids",
            "bulletin_ids_in_order",
            Box::new(|s| s["bulletins"][1]["id"] = json!(1)),
        ),
        (
            "unordered bulletin ids",
            "bulletin_ids_in_order",
            Box::new(|s| {
                s["bulletins"][0]["id"] = json!(2);
                s["bulletins"][1]["id"] = json!(1);
            }),
        ),
        (
            "a history that does not end in the record's state",
            "history_ends_in_state",
            Box::new(|s| {
                let h = app(s, 2)["history"].as_array_mut().unwrap();
                h.truncate(1);
                h[0]["to"] = json!("enrolled");
            }),
        ),
        (
            "a clock before the events",
            "clock_after_events",
            Box::new(|s| s["now"] = json!("2024-01-01T00:00:00")),
        ),
        (
            "a null clock",
            "clock_after_events",
            Box::new(|s| s["now"] = Value::Null),
        ),
        (
            "an order key naming another application",
            "order_key_of_its_own",
            Box::new(|s| app(s, 2)["order"]["id"] = json!(1)),
        ),
        (
            "an emptied log",
            "log_matches_records",
            Box::new(|s| s["log"] = json!([])),
        ),
        (
            "a log cut short",
            "log_matches_records",
            Box::new(|s| {
                let l = s["log"].as_array_mut().unwrap();
                l.truncate(2);
            }),
        ),
        (
            "a log from another engine",
            "log_matches_records",
            Box::new(|s| s["log"][0]["application"]["child"] = json!(child::JAN_2022)),
        ),
        (
            "next_seq at 2^64 - 1",
            "next_seq_ahead",
            Box::new(|s| s["next_seq"] = json!(u64::MAX)),
        ),
        (
            "next_seq behind the events",
            "next_seq_ahead",
            Box::new(|s| s["next_seq"] = json!(2)),
        ),
        (
            "a ranked choice the catalogue does not list",
            "choices_name_kindergartens",
            Box::new(|s| app(s, 2)["app"]["ranked_choices"] = json!(["kg-9"])),
        ),
        (
            "a deadline past the year 9999",
            "years_within_9999",
            Box::new(|s| app(s, 1)["state"]["show_up_by"]["last_day"] = json!("+10000-01-01")),
        ),
    ];
    for (what, invariant, edit) in &edits {
        let mut s = base.clone();
        edit(&mut s);
        assert_ne!(s, base, "{what}: the edit changed nothing");
        let (found, message) = refused(&s);
        assert_eq!(found, *invariant, "{what}: {message}");
        assert!(!message.contains(child::MAR_2021), "{message}");
    }
    let named: std::collections::BTreeSet<_> = edits.iter().map(|e| e.1).collect();
    assert_eq!(named.len(), 12, "{named:?}");
}
