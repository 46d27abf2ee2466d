//! Scenario tests for the portals' offer round: bulletins, notices from the head of the
//! queue, the choice among the places of the pool, free choice, places given back
//! (`RULES.md §3–§7`, `§9`), on real dates.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use chrono::NaiveDate;
use kezek::allocation::{BulletinId, RoundReport};
use kezek::application::{ApplicationId, GroupType, NewApplication, PMPK_CONCLUSION};
use kezek::lifecycle::{Engine, State, StateName, Via};
use kezek::policy::Interleave;
use kezek::{LocalizedError, PolicyBook, WorkCalendar};
use kezek_conformance::fixture::{
    application, at, bulletin, child, day, document, engine, kid, large_family, military,
};

/// Registers `apps` one minute apart from 9:00 on `on`.
fn register_all(e: &mut Engine, apps: Vec<NewApplication>, on: NaiveDate) -> Vec<ApplicationId> {
    apps.into_iter()
        .enumerate()
        .map(|(i, app)| {
            let minute = u32::try_from(i).unwrap();
            let t = on.and_hms_opt(9 + minute / 60, minute % 60, 0).unwrap();
            e.register(app, t).unwrap()
        })
        .collect()
}

/// `n` general applications for children born on 10 January 2022 (cohort 2022).
fn general(n: u16, from: u16) -> Vec<NewApplication> {
    (from..from + n)
        .map(|i| application(&kid(day(2022, 1, 10), i)))
        .collect()
}

fn first_priority(n: u16, from: u16) -> Vec<NewApplication> {
    (from..from + n)
        .map(|i| large_family(&kid(day(2022, 1, 10), i)))
        .collect()
}

fn only(reports: Vec<RoundReport>) -> RoundReport {
    assert_eq!(reports.len(), 1);
    reports.into_iter().next().unwrap()
}

#[test]
fn s5_publishing_notifies_the_head_of_the_queue_and_skips_those_not_eligible() {
    let mut e = engine("national-2024");
    let mut apps = general(1, 0);
    apps.push(application(child::MAR_2022)); // 2 years old only on 1 March 2024
    apps.extend(general(2, 1));
    let ids = register_all(&mut e, apps, day(2024, 1, 10));
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 2)], at(2024, 2, 15, 10, 0))
            .unwrap(),
    );
    assert_eq!(round.offered, [ids[0], ids[2]]);
    assert_eq!(round.skipped.len(), 1);
    assert_eq!(round.skipped[0].id, ids[1]);
    assert_eq!(round.skipped[0].failed, ["MIN_AGE"]);
    assert_eq!(round.open, 0);
    let State::NoticeSent {
        choose_by,
        bulletin,
        ..
    } = e.state(ids[0]).unwrap()
    else {
        panic!("no notice")
    };
    // Thursday 15 February 2024 + 3 working days.
    assert_eq!(choose_by.last_day, day(2024, 2, 20));
    assert_eq!(*bulletin, Some(round.bulletin));
    assert_eq!(e.state(ids[3]).unwrap().name(), StateName::Queued);
    let published = e.bulletin(round.bulletin).unwrap();
    assert_eq!((published.places, published.free()), (2, 2));
}

#[test]
fn s3_a_round_serves_out_of_turn_then_first_priority_then_general() {
    let mut e = engine("national-2024");
    let mut apps = general(2, 0);
    apps.extend(first_priority(1, 2));
    apps.push(military(&kid(day(2022, 1, 10), 3), day(2024, 2, 19)));
    let ids = register_all(&mut e, apps, day(2024, 2, 20));
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 3)], at(2024, 3, 4, 10, 0))
            .unwrap(),
    );
    assert_eq!(round.offered, [ids[3], ids[2], ids[0]]);
    // A service certificate counts one month (`RULES.md §3`): after it, the out-of-turn
    // child is passed over until the benefit is renewed.
    let mut e = engine("national-2024");
    let apps = vec![
        application(&kid(day(2022, 1, 10), 0)),
        military(&kid(day(2022, 1, 10), 1), day(2024, 2, 19)),
    ];
    let ids = register_all(&mut e, apps, day(2024, 2, 20));
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 1)], at(2024, 3, 25, 10, 0))
            .unwrap(),
    );
    assert_eq!(round.offered, [ids[0]]);
    assert_eq!(round.skipped[0].id, ids[1]);
    assert_eq!(round.skipped[0].failed, ["BENEFIT_DOCUMENTS"]);
}

fn interleaving_engine() -> Engine {
    let mut policy = PolicyBook::builtin().get("national-2024").unwrap().clone();
    policy.interleave = Some(Interleave {
        first_priority: 1,
        general: 3,
    });
    Engine::new(policy, WorkCalendar::kazakhstan()).unwrap()
}

#[test]
fn s3_interleaving_gives_one_first_priority_place_to_three_general_across_rounds() {
    let mut apps = general(6, 0);
    apps.extend(first_priority(3, 6));
    let classes = |ids: &[ApplicationId], offered: &[ApplicationId]| -> String {
        offered
            .iter()
            .map(|o| if ids[6..].contains(o) { 'F' } else { 'G' })
            .collect()
    };
    // One round of eight places.
    let mut e = interleaving_engine();
    let ids = register_all(&mut e, apps.clone(), day(2024, 1, 10));
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 8)], at(2024, 3, 4, 10, 0))
            .unwrap(),
    );
    assert_eq!(classes(&ids, &round.offered), "FGGGFGGG");
    // Eight rounds of one place: the cycle carries over.
    let mut e = interleaving_engine();
    let ids = register_all(&mut e, apps, day(2024, 1, 10));
    let mut offered = Vec::new();
    for k in 0..8 {
        let kg = format!("kg-{k}");
        let r = only(
            e.publish(&[bulletin(&kg, 2022, 1)], at(2024, 3, 4, 10, k))
                .unwrap(),
        );
        offered.extend(r.offered);
    }
    assert_eq!(classes(&ids, &offered), "FGGGFGGG");
    // Without interleaving every first-priority child comes first.
    let mut e = engine("national-2024");
    let mut apps = general(6, 0);
    apps.extend(first_priority(3, 6));
    let ids = register_all(&mut e, apps, day(2024, 1, 10));
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 8)], at(2024, 3, 4, 10, 0))
            .unwrap(),
    );
    assert_eq!(classes(&ids, &round.offered), "FFFGGGGG");
}

/// Twins A and B and a child of their cohort registered after them, under `policy`.
fn twins_and_one(policy: &str) -> (Engine, Vec<ApplicationId>) {
    let mut e = engine(policy);
    let apps = vec![
        application(child::TWIN_A),
        application(child::TWIN_B),
        application(child::JAN_2022),
    ];
    let ids = register_all(&mut e, apps, day(2024, 1, 10));
    (e, ids)
}

#[test]
fn s4_twins_are_notified_together_or_not_at_all() {
    let (mut e, ids) = twins_and_one("astana-2024");
    e.link_batch(&ids[..2], at(2024, 1, 11, 9, 0)).unwrap();
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 1)], at(2024, 7, 1, 10, 0))
            .unwrap(),
    );
    assert_eq!(round.offered, [ids[2]]);
    assert_eq!(round.skipped.len(), 2);
    assert!(round.skipped.iter().all(|s| s.failed == ["TURN_REACHED"]));
    let round = only(
        e.publish(&[bulletin("kg-2", 2022, 2)], at(2024, 7, 1, 11, 0))
            .unwrap(),
    );
    assert_eq!(round.offered, [ids[0], ids[1]]);
}

/// Revised 2026-12 (`RULES.md §4`): twins form one batch only in Astana, from 16 October
/// 2019. Under the national rules they cannot be linked, and each twin is offered a place
/// in its own turn: one place goes to the first twin alone.
#[test]
fn s4_outside_astana_each_twin_is_offered_a_place_in_its_own_turn() {
    let (mut e, ids) = twins_and_one("national-2024");
    let before = e.to_json();
    let refused = e.link_batch(&ids[..2], at(2024, 1, 11, 9, 0)).unwrap_err();
    assert_eq!(refused.code(), "BATCH_NOT_IN_POLICY");
    assert_eq!(e.to_json(), before, "refused: nothing changed");
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 1)], at(2024, 7, 1, 10, 0))
            .unwrap(),
    );
    assert_eq!(round.offered, [ids[0]]);
    // Astana's policy in force on each day: the batch from 16 October 2019.
    let book = PolicyBook::builtin();
    let on = |d| book.policy_for("astana", d).unwrap().twin_batches;
    assert!(!on(day(2019, 10, 15)));
    assert!(on(day(2019, 10, 16)));
    assert!(
        !book
            .policy_for("akmola", day(2024, 1, 11))
            .unwrap()
            .twin_batches
    );
}

fn special(child: &str) -> NewApplication {
    let mut app = application(child);
    app.group_type = GroupType::Special;
    app.documents = vec![document(PMPK_CONCLUSION, day(2023, 11, 1))];
    app
}

fn special_bulletin(places: u32) -> kezek::allocation::NewBulletin {
    let mut b = bulletin("kg-correctional", 2022, places);
    b.group_type = GroupType::Special;
    b
}

#[test]
fn s7_special_places_go_to_the_special_queue_first_and_the_rest_opens_to_all() {
    for (policy, first) in [("almaty-2024", true), ("national-2024", false)] {
        let mut e = engine(policy);
        let apps = vec![special(child::TWIN_A), application(child::JAN_2022)];
        let ids = register_all(&mut e, apps, day(2024, 1, 10));
        let reports = e
            .publish(
                &[bulletin("kg-1", 2022, 1), special_bulletin(2)],
                at(2024, 3, 4, 10, 0),
            )
            .unwrap();
        let special_round = &reports[usize::from(!first)];
        assert_eq!(special_round.queue.group_type, GroupType::Special);
        assert_eq!(special_round.offered, [ids[0]]);
        assert_eq!(special_round.opened_to_all, first);
        assert_eq!(special_round.open, 1);
        // The general child was notified for the general place; once it lapses, the
        // child takes the correctional place left by free choice where it is open to all.
        e.advance_to(at(2024, 3, 8, 0, 0)).unwrap();
        assert_eq!(e.state(ids[1]).unwrap().name(), StateName::Queued);
        let taken = e.take_place(ids[1], special_round.bulletin, at(2024, 3, 11, 9, 0));
        if first {
            taken.unwrap();
            let State::DirectionIssued(d) = e.state(ids[1]).unwrap() else {
                panic!("no direction")
            };
            assert_eq!(d.via, Via::FreeChoice);
            assert_eq!(&*d.kindergarten, "kg-correctional");
        } else {
            assert_eq!(taken.unwrap_err().code(), "PLACE_OTHER_QUEUE");
        }
    }
}

#[test]
fn s9_nothing_is_published_in_the_august_freeze() {
    let mut e = engine("national-2024");
    register_all(&mut e, general(1, 0), day(2024, 1, 10));
    let err = e
        .publish(&[bulletin("kg-1", 2022, 1)], at(2024, 8, 12, 10, 0))
        .unwrap_err();
    assert_eq!(err.code(), "PLACES_FROZEN");
    assert!(e.bulletins().is_empty());
    assert!(e
        .publish(&[bulletin("kg-1", 2022, 1)], at(2024, 9, 2, 10, 0))
        .is_ok());
}

#[test]
fn s5_a_notified_applicant_chooses_among_the_pool_then_places_go_to_free_choice() {
    let mut e = engine("national-2024");
    let mut apps = general(3, 0);
    apps.push(application(child::MAR_2021)); // cohort 2021: another queue
    let ids = register_all(&mut e, apps, day(2024, 1, 10));
    let reports = e
        .publish(
            &[bulletin("kg-1", 2022, 1), bulletin("kg-2", 2022, 1)],
            at(2024, 3, 4, 10, 0),
        )
        .unwrap();
    let round = only(reports);
    assert_eq!(round.offered, [ids[0], ids[1]]);
    let (kg1, kg2) = (BulletinId(1), BulletinId(2));
    // Language and place are the applicant's choice: the first child takes kg-2.
    e.take_place(ids[0], kg2, at(2024, 3, 4, 12, 0)).unwrap();
    let code = |r: Result<(), kezek::LifecycleError>| r.unwrap_err().code();
    // The last place is reserved for the second notice; another queue has no claim.
    assert_eq!(
        code(e.take_place(ids[2], kg1, at(2024, 3, 4, 13, 0))),
        "PLACE_RESERVED"
    );
    assert_eq!(
        code(e.take_place(ids[3], kg1, at(2024, 3, 4, 13, 0))),
        "PLACE_OTHER_QUEUE"
    );
    assert_eq!(
        code(e.take_place(ids[0], kg1, at(2024, 3, 4, 13, 0))),
        "STATE_FORBIDS"
    );
    // Monday 4 March + 3 working days: the window ends with Thursday 7 March.
    e.take_place(ids[2], kg1, at(2024, 3, 8, 9, 0)).unwrap();
    let State::DirectionIssued(d) = e.state(ids[2]).unwrap() else {
        panic!("no direction")
    };
    assert_eq!((d.via, d.bulletin), (Via::FreeChoice, Some(kg1)));
    assert_eq!(e.state(ids[1]).unwrap().name(), StateName::Queued);
    assert_eq!(
        code(e.take_place(ids[1], kg1, at(2024, 3, 8, 9, 5))),
        "PLACE_TAKEN"
    );
    assert_eq!(
        code(e.take_place(ids[1], BulletinId(9), at(2024, 3, 8, 9, 5))),
        "BULLETIN_UNKNOWN"
    );
    // Snapshots and replay keep the board.
    let restored = Engine::from_json(&e.to_json()).unwrap();
    assert_eq!(restored.to_json(), e.to_json());
    assert_eq!(restored.bulletins(), e.bulletins());
    let replayed = Engine::replay(e.policy().clone(), e.log_calendar().clone(), e.log()).unwrap();
    assert_eq!(replayed.to_json(), e.to_json());
}

#[test]
fn s6_a_revoked_or_lapsed_direction_gives_its_place_back() {
    let mut e = engine("national-2024");
    let ids = register_all(&mut e, general(2, 0), day(2024, 1, 10));
    let key = e.application(ids[0]).unwrap().queue_key();
    let round = only(
        e.publish(&[bulletin("kg-1", 2022, 1)], at(2024, 3, 4, 10, 0))
            .unwrap(),
    );
    assert_eq!(e.bulletins_with_free_places(&key), [round.bulletin]);
    e.take_place(ids[0], round.bulletin, at(2024, 3, 4, 11, 0))
        .unwrap();
    assert_eq!(e.bulletin(round.bulletin).unwrap().free(), 0);
    assert!(e.bulletins_with_free_places(&key).is_empty());
    e.revoke(ids[0], at(2024, 3, 4, 15, 0)).unwrap();
    assert_eq!(e.bulletin(round.bulletin).unwrap().free(), 1);
    assert_eq!(e.open_places(&key), 1);
    assert_eq!(
        e.bulletins_with_free_places(&key),
        [round.bulletin],
        "the place given back is free again"
    );
    // The second child takes it by free choice, then lets the direction lapse.
    e.take_place(ids[1], round.bulletin, at(2024, 3, 5, 9, 0))
        .unwrap();
    assert_eq!(e.open_places(&key), 0);
    e.advance_to(at(2024, 3, 20, 0, 0)).unwrap();
    assert_eq!(e.state(ids[1]).unwrap().name(), StateName::StopListed);
    assert_eq!(e.open_places(&key), 1);
    // Enrolment keeps the place for good.
    e.take_place(ids[0], round.bulletin, at(2024, 3, 20, 9, 0))
        .unwrap();
    e.enroll(ids[0], at(2024, 3, 21, 9, 0)).unwrap();
    assert_eq!(e.bulletin(round.bulletin).unwrap().taken, 1);
    e.release(ids[0], at(2024, 6, 1, 9, 0)).unwrap();
    assert_eq!(e.bulletin(round.bulletin).unwrap().taken, 1);
}

#[test]
fn a_bad_bulletin_is_refused_with_its_field_and_nothing_is_published() {
    let mut e = engine("national-2024");
    let mut no_places = bulletin("kg-1", 2022, 0);
    let mut unborn = bulletin("kg-1", 2025, 1);
    let mut no_id = bulletin(" ", 2022, 1);
    let mut no_language = bulletin("kg-1", 2022, 1);
    no_language.kindergarten.languages.clear();
    for (b, field) in [
        (&mut no_places, "places"),
        (&mut unborn, "cohort"),
        (&mut no_id, "kindergarten.id"),
        (&mut no_language, "kindergarten.languages"),
    ] {
        let err = e
            .publish(
                &[bulletin("kg-ok", 2022, 1), b.clone()],
                at(2024, 3, 4, 10, 0),
            )
            .unwrap_err();
        assert_eq!(err.code(), "BULLETIN_INVALID");
        let kezek::LifecycleError::Allocation(
            kezek::allocation::AllocationError::BulletinInvalid { field: f, .. },
        ) = err
        else {
            panic!("another error")
        };
        assert_eq!(f, field);
    }
    assert!(e.bulletins().is_empty());
    assert!(e.log().is_empty());
}
