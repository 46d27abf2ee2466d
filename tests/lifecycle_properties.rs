//! Property tests of the lifecycle engine: random command sequences never break the
//! invariants of `RULES.md §2–§6`, refused commands change nothing, and replay equals the
//! live state.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta};
use kezek::application::{ApplicationId, GroupType, PMPK_CONCLUSION};
use kezek::lifecycle::{Engine, State};
use kezek::period::PeriodUnit;
use kezek::WorkCalendar;
use kezek_conformance::fixture::{
    application, at, child, day, document, engine_linking_twins, with_benefit,
};
use proptest::prelude::*;

const CHILDREN: [&str; 8] = [
    child::MAR_2021,
    child::JAN_2022,
    child::TWIN_A,
    child::TWIN_B,
    child::MAY_2023,
    child::JUL_2020,
    child::SEP_2021,
    child::MAR_2022,
];

#[derive(Debug, Clone)]
enum Op {
    Register {
        child: usize,
        special: bool,
        benefit: u8,
    },
    Notify {
        app: usize,
        vacancies: u32,
    },
    Issue {
        app: usize,
    },
    Revoke {
        app: usize,
    },
    Extend {
        app: usize,
        days: u32,
    },
    ConfirmRight {
        app: usize,
    },
    Enroll {
        app: usize,
    },
    Release {
        app: usize,
    },
    Withdraw {
        app: usize,
    },
    ConfirmInterest {
        app: usize,
    },
    LinkBatch {
        a: usize,
        b: usize,
    },
    Advance,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..CHILDREN.len(), any::<bool>(), 0u8..4).prop_map(|(child, special, benefit)| Op::Register { child, special, benefit }),
        3 => (0usize..12, 0u32..4).prop_map(|(app, vacancies)| Op::Notify { app, vacancies }),
        3 => (0usize..12).prop_map(|app| Op::Issue { app }),
        1 => (0usize..12).prop_map(|app| Op::Revoke { app }),
        1 => (0usize..12, 1u32..40).prop_map(|(app, days)| Op::Extend { app, days }),
        1 => (0usize..12).prop_map(|app| Op::ConfirmRight { app }),
        2 => (0usize..12).prop_map(|app| Op::Enroll { app }),
        1 => (0usize..12).prop_map(|app| Op::Release { app }),
        1 => (0usize..12).prop_map(|app| Op::Withdraw { app }),
        1 => (0usize..12).prop_map(|app| Op::ConfirmInterest { app }),
        1 => (0usize..12, 0usize..12).prop_map(|(a, b)| Op::LinkBatch { a, b }),
        2 => Just(Op::Advance),
    ]
}

fn id(n: usize) -> ApplicationId {
    ApplicationId(n as u64 + 1)
}

/// Runs `op` at `t`; a refused command must leave the snapshot unchanged. Application
/// numbers wrap around the registered ones, and one past them tests unknown ids.
fn run(e: &mut Engine, op: &Op, t: NaiveDateTime) {
    let before = e.to_json();
    let n = e.len() + 1;
    let id = |a: usize| id(a % n);
    let result = match op {
        Op::Register {
            child,
            special,
            benefit,
        } => {
            let mut app = application(CHILDREN[*child]);
            if *special {
                app.group_type = GroupType::Special;
                app.documents
                    .push(document(PMPK_CONCLUSION, day(2023, 12, 1)));
            }
            let app = match benefit {
                1 => with_benefit(
                    app,
                    "large_family",
                    vec![document("large_family_certificate", day(2023, 1, 1))],
                ),
                2 => with_benefit(
                    app,
                    "military",
                    vec![document("service_certificate", t.date())],
                ),
                _ => app,
            };
            e.register(app, t).map(|_| ())
        }
        Op::Notify { app, vacancies } => e.notify(id(*app), *vacancies, t).map(|_| ()),
        Op::Issue { app } => e.issue_direction(id(*app), "kg-1", t),
        Op::Revoke { app } => e.revoke(id(*app), t),
        Op::Extend { app, days } => {
            let until = match e.state(id(*app)) {
                Ok(State::DirectionIssued(d)) => {
                    d.show_up_by.last_day + TimeDelta::days(i64::from(*days))
                }
                _ => t.date(),
            };
            e.extend(id(*app), until, t)
        }
        Op::ConfirmRight { app } => e.confirm_right(id(*app), t),
        Op::Enroll { app } => e.enroll(id(*app), t),
        Op::Release { app } => e.release(id(*app), t),
        Op::Withdraw { app } => e.withdraw(id(*app), t),
        Op::ConfirmInterest { app } => e.confirm_interest(id(*app), t),
        Op::LinkBatch { a, b } => e.link_batch(&[id(*a), id(*b)], t),
        Op::Advance => e.advance_to(t),
    };
    if result.is_err() {
        assert_eq!(
            e.to_json(),
            before,
            "{op:?} at {t} was refused but changed the engine"
        );
    }
}

fn check_invariants(e: &Engine) {
    // The engine's own invariants (the snapshot loader's), then the rules' below.
    e.check_invariants().unwrap();
    let cal = WorkCalendar::kazakhstan();
    let working = |d| cal.is_working_day(d).unwrap();
    let p = e.policy();
    let mut offers: HashMap<String, usize> = HashMap::new();
    let mut stop_listed = Vec::new();
    let mut directed = Vec::new();
    for n in 0..e.len() {
        let app = e.application(id(n)).unwrap();
        let child = app.child.expose_digits().to_owned();
        assert_eq!(
            e.state_name(id(n)).unwrap(),
            e.state(id(n)).unwrap().name(),
            "the table of state names keeps up with the records"
        );
        match e.state(id(n)).unwrap() {
            State::NoticeSent { choose_by, .. } => {
                *offers.entry(child).or_default() += 1;
                if p.choice_window.unit == PeriodUnit::WorkingDays {
                    assert!(
                        working(choose_by.last_day),
                        "choice window ends on a day off"
                    );
                }
            }
            State::DirectionIssued(d) => {
                *offers.entry(child.clone()).or_default() += 1;
                directed.push(child);
                if d.extensions_used == 0 && p.show_up_window.unit == PeriodUnit::WorkingDays {
                    assert!(
                        working(d.show_up_by.last_day),
                        "show-up window ends on a day off"
                    );
                }
            }
            State::StopListed { until, .. } => {
                stop_listed.push(child);
                if p.stop_list.unit == PeriodUnit::WorkingDays {
                    assert!(working(until.last_day), "stop-list ends on a day off");
                }
            }
            _ => {}
        }
    }
    assert!(
        offers.values().all(|&n| n <= 1),
        "a child holds two notices or directions: {offers:?}"
    );
    assert!(
        stop_listed.iter().all(|c| !directed.contains(c)),
        "a stop-listed child holds a direction"
    );
    for key in e.queues() {
        let orders: Vec<_> = e
            .listing(key)
            .into_iter()
            .map(|a| e.order_key(a).unwrap())
            .collect();
        assert!(
            orders.windows(2).all(|w| w[0] < w[1]),
            "queue order is not strictly increasing"
        );
        for a in e.listing(key) {
            let (app, order) = (e.application(a).unwrap(), e.order_key(a).unwrap());
            // A batch stands at its best (class, moment): never behind a member's own key.
            assert!(
                (order.class, order.moment) <= (app.class, app.registered_at),
                "order behind own key"
            );
            if e.batch(a).unwrap().len() == 1 {
                assert_eq!((order.class, order.moment), (app.class, app.registered_at));
            }
            assert_eq!(&app.queue_key(), key);
        }
        let positions: Vec<u64> = e
            .listing(key)
            .into_iter()
            .map(|a| e.position(a).unwrap().unwrap().number)
            .collect();
        assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_keep_the_invariants_and_replay_equals_the_live_state(
        ops in prop::collection::vec((op(), prop_oneof![8 => 0i64..30, 1 => 0i64..(24 * 90)]), 1..80),
    ) {
        let mut e = engine_linking_twins();
        let mut t = at(2024, 1, 8, 9, 0);
        for (op, hours) in &ops {
            t += TimeDelta::hours(*hours);
            run(&mut e, op, t);
            check_invariants(&e);
        }
        let json = e.to_json();
        let replayed = Engine::replay(e.policy().clone(), e.log_calendar().clone(), e.log()).unwrap();
        prop_assert_eq!(replayed.to_json(), json.clone());
        let loaded = Engine::from_json(&json).unwrap();
        check_invariants(&loaded);
        check_invariants(&replayed);
        prop_assert_eq!(loaded.to_json(), json);
    }
}
