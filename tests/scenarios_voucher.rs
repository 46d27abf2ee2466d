//! Scenario tests for the voucher flow of the pilot regions (`RULES.md §8`, and the
//! younger children of `§4`), on real dates in 2025.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::allocation::BulletinId;
use kezek::application::ApplicationId;
use kezek::lifecycle::{Engine, RemovalReason, State, StateName};
use kezek::{LifecycleError, LocalizedError, Period};
use kezek_conformance::fixture::{application, at, bulletin, day, engine, kid};

/// A voucher-pilot engine with `n` children of cohort 2022 registered on 2 June 2025.
fn pilot(n: u16) -> (Engine, Vec<ApplicationId>) {
    let mut e = engine("voucher-pilot-2025");
    let ids = (0..n)
        .map(|i| {
            let app = application(&kid(day(2022, 1, 10), i));
            e.register(app, at(2025, 6, 2, 9, u32::from(i))).unwrap()
        })
        .collect();
    (e, ids)
}

fn code(r: Result<(), LifecycleError>) -> &'static str {
    r.unwrap_err().code().as_str()
}

#[test]
fn s8_vouchers_are_distributed_from_1_july() {
    let (mut e, ids) = pilot(2);
    // Places published in June wait for the distribution.
    let early = e
        .publish(&[bulletin("kg-1", 2022, 1)], at(2025, 6, 16, 10, 0))
        .unwrap();
    assert!(early.is_empty());
    assert_eq!(e.state(ids[0]).unwrap().name(), StateName::Queued);
    let err = e.distribute(at(2025, 6, 30, 10, 0)).unwrap_err();
    assert_eq!(err.code(), "DISTRIBUTION_NOT_STARTED");
    let rounds = e.distribute(at(2025, 7, 1, 10, 0)).unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].offered, [ids[0]]);
    let State::VoucherOffered { consent_by, .. } = e.state(ids[0]).unwrap() else {
        panic!("no voucher")
    };
    // Tuesday 1 July + 2 working days.
    assert_eq!(consent_by.last_day, day(2025, 7, 3));
}

#[test]
fn s8_consent_then_contract_enrols_the_child() {
    let (mut e, ids) = pilot(1);
    e.publish(&[bulletin("kg-1", 2022, 2)], at(2025, 7, 1, 10, 0))
        .unwrap();
    e.confirm_voucher(ids[0], at(2025, 7, 2, 10, 0)).unwrap();
    let State::VoucherConfirmed { contract_by, .. } = e.state(ids[0]).unwrap() else {
        panic!("not confirmed")
    };
    let five = e
        .calendar()
        .deadline(at(2025, 7, 2, 10, 0), Period::working_days(5))
        .unwrap();
    assert_eq!(*contract_by, five);
    e.sign_contract(ids[0], BulletinId(1), at(2025, 7, 4, 10, 0))
        .unwrap();
    assert!(matches!(
        e.state(ids[0]).unwrap(),
        State::Enrolled { kindergarten, bulletin: Some(BulletinId(1)), .. } if &**kindergarten == "kg-1"
    ));
    assert_eq!(e.bulletin(BulletinId(1)).unwrap().taken, 1);
}

#[test]
fn s8_an_unconfirmed_voucher_makes_the_application_inactive_and_it_can_be_restored_once() {
    let (mut e, ids) = pilot(1);
    let key = e.application(ids[0]).unwrap().queue_key();
    e.publish(&[bulletin("kg-1", 2022, 1)], at(2025, 7, 1, 10, 0))
        .unwrap();
    assert_eq!(e.open_places(&key), 0);
    e.advance_to(at(2025, 7, 4, 0, 0)).unwrap();
    let State::Inactive { restore_by, .. } = e.state(ids[0]).unwrap() else {
        panic!("not inactive")
    };
    assert_eq!(restore_by.last_day, day(2025, 8, 1)); // 4 July + 28 calendar days
    assert_eq!(e.position(ids[0]).unwrap(), None);
    assert_eq!(e.open_places(&key), 1);
    e.restore(ids[0], at(2025, 7, 10, 9, 0)).unwrap();
    assert_eq!(e.position(ids[0]).unwrap().unwrap().number, 1);
    // Offered again, unconfirmed again: no second restoration.
    e.distribute(at(2025, 7, 10, 10, 0)).unwrap();
    e.advance_to(at(2025, 7, 15, 0, 0)).unwrap();
    assert_eq!(e.state(ids[0]).unwrap().name(), StateName::Inactive);
    let err = e.restore(ids[0], at(2025, 7, 15, 9, 0)).unwrap_err();
    assert_eq!(err.code(), "RESTORE_USED");
    e.advance_to(at(2025, 8, 13, 0, 0)).unwrap();
    assert!(matches!(
        e.state(ids[0]).unwrap(),
        State::Removed {
            reason: RemovalReason::NotRestored,
            ..
        }
    ));
}

#[test]
fn s8_refusing_the_voucher_removes_the_child_and_frees_the_place() {
    let (mut e, ids) = pilot(1);
    let key = e.application(ids[0]).unwrap().queue_key();
    e.publish(&[bulletin("kg-1", 2022, 1)], at(2025, 7, 1, 10, 0))
        .unwrap();
    assert_eq!(
        code(e.refuse_voucher(ApplicationId(9), at(2025, 7, 1, 11, 0))),
        "APPLICATION_UNKNOWN"
    );
    e.refuse_voucher(ids[0], at(2025, 7, 1, 11, 0)).unwrap();
    assert!(matches!(
        e.state(ids[0]).unwrap(),
        State::Removed {
            reason: RemovalReason::VoucherRefused,
            ..
        }
    ));
    assert_eq!(e.open_places(&key), 1);
    assert_eq!(
        code(e.confirm_voucher(ids[0], at(2025, 7, 1, 12, 0))),
        "STATE_FORBIDS"
    );
}

#[test]
fn s8_a_full_kindergarten_keeps_a_waiting_list_served_first() {
    let (mut e, ids) = pilot(2);
    let rounds = e
        .publish(
            &[bulletin("kg-a", 2022, 1), bulletin("kg-b", 2022, 1)],
            at(2025, 7, 1, 10, 0),
        )
        .unwrap();
    assert_eq!(rounds[0].offered, ids);
    for &id in &ids {
        e.confirm_voucher(id, at(2025, 7, 2, 9, 0)).unwrap();
    }
    e.sign_contract(ids[0], BulletinId(1), at(2025, 7, 2, 10, 0))
        .unwrap();
    // The second child wants kg-a, which is full now.
    let t = at(2025, 7, 2, 11, 0);
    assert_eq!(
        code(e.sign_contract(ids[1], BulletinId(1), t)),
        "PLACE_TAKEN"
    );
    assert_eq!(
        code(e.join_waiting_list(ids[1], "kg-b", t)),
        "WAITING_LIST_NOT_NEEDED"
    );
    assert_eq!(
        code(e.join_waiting_list(ids[1], "kg-z", t)),
        "KINDERGARTEN_UNKNOWN"
    );
    e.join_waiting_list(ids[1], "kg-a", t).unwrap();
    assert_eq!(e.state(ids[1]).unwrap().name(), StateName::WaitingList);
    // A later child does not pass the list: kg-a's next place is held for it; the later
    // child is offered kg-b's place, which the list left free.
    let late = e
        .register(
            application(&kid(day(2022, 1, 10), 50)),
            at(2025, 7, 3, 9, 0),
        )
        .unwrap();
    let rounds = e
        .publish(&[bulletin("kg-a", 2022, 1)], at(2025, 7, 7, 10, 0))
        .unwrap();
    assert_eq!(rounds[0].from_waiting_list, [ids[1]]);
    assert_eq!(rounds[0].offered, [late]);
    e.confirm_voucher(late, at(2025, 7, 7, 11, 0)).unwrap();
    let t = at(2025, 7, 7, 12, 0);
    assert_eq!(code(e.sign_contract(late, BulletinId(3), t)), "PLACE_TAKEN");
    assert_eq!(
        code(e.sign_contract(ids[1], BulletinId(2), t)),
        "PLACE_HELD_ELSEWHERE"
    );
    e.sign_contract(late, BulletinId(2), t).unwrap();
    e.sign_contract(ids[1], BulletinId(3), at(2025, 7, 8, 10, 0))
        .unwrap();
    assert_eq!(e.state(ids[1]).unwrap().name(), StateName::Enrolled);
}

#[test]
fn s8_a_contract_window_that_passes_returns_the_child_to_the_queue() {
    let (mut e, ids) = pilot(1);
    e.publish(&[bulletin("kg-1", 2022, 1)], at(2025, 7, 1, 10, 0))
        .unwrap();
    e.confirm_voucher(ids[0], at(2025, 7, 1, 11, 0)).unwrap();
    e.advance_to(at(2025, 7, 31, 0, 0)).unwrap();
    assert_eq!(e.state(ids[0]).unwrap().name(), StateName::Queued);
    let reasons: Vec<&str> = e
        .history(ids[0])
        .unwrap()
        .map(|ev| ev.reason.code())
        .collect();
    assert_eq!(
        reasons,
        [
            "REGISTERED",
            "VOUCHER_OFFERED",
            "VOUCHER_CONFIRMED",
            "CONTRACT_NOT_SIGNED"
        ]
    );
}

#[test]
fn s4_once_every_category_is_served_vouchers_go_to_children_of_one_and_a_half() {
    for (policy, offered) in [("voucher-pilot-2025", 1), ("national-2024", 0)] {
        let mut e = engine(policy);
        let older = e
            .register(application(&kid(day(2024, 1, 5), 0)), at(2025, 6, 2, 9, 0))
            .unwrap();
        let younger = e
            .register(application(&kid(day(2024, 8, 1), 1)), at(2025, 6, 2, 9, 1))
            .unwrap();
        let rounds = e
            .publish(&[bulletin("kg-1", 2024, 2)], at(2025, 9, 1, 10, 0))
            .unwrap();
        assert_eq!(rounds[0].offered.len(), offered);
        if offered == 1 {
            assert_eq!(rounds[0].offered, [older]);
            assert!(rounds[0].skipped.iter().any(|s| s.id == younger));
        }
    }
}
