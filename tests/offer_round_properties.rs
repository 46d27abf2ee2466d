//! Property tests of offer rounds (`RULES.md §3–§5`): on random queues and random
//! sequences of publications, choices, revocations and time, a round never inverts the
//! priority order, never offers more places than are open, never over-fills a bulletin,
//! the board always agrees with the applications' states, and the same inputs give the
//! same engine.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use chrono::{NaiveDateTime, TimeDelta};
use kezek::allocation::{BulletinId, RoundReport};
use kezek::application::ApplicationId;
use kezek::benefit::PriorityClass;
use kezek::eligibility::{may_be_offered, OfferSituation};
use kezek::lifecycle::{Engine, State};
use kezek::policy::Interleave;
use kezek::{PolicyBook, WorkCalendar};
use kezek_conformance::fixture::{application, at, bulletin, day, kid, large_family, military};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Child {
    /// Days after 1 January 2022 of the birth (some are under 2 at the first rounds).
    born: u32,
    /// 0 general, 1 first priority, 2 out of turn.
    class: u8,
    /// Minutes after the first registration.
    registered: u32,
}

#[derive(Debug, Clone)]
enum Op {
    Publish { kindergarten: u8, places: u32 },
    Take { child: usize, bulletin: u64 },
    Revoke { child: usize },
    Enroll { child: usize },
    Advance { hours: i64 },
}

fn child() -> impl Strategy<Value = Child> {
    (0u32..360, 0u8..3, 0u32..600).prop_map(|(born, class, registered)| Child {
        born,
        class,
        registered,
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..3, 1u32..5).prop_map(|(kindergarten, places)| Op::Publish { kindergarten, places }),
        4 => (0usize..30, 1u64..6).prop_map(|(child, bulletin)| Op::Take { child, bulletin }),
        1 => (0usize..30).prop_map(|child| Op::Revoke { child }),
        1 => (0usize..30).prop_map(|child| Op::Enroll { child }),
        3 => (1i64..120).prop_map(|hours| Op::Advance { hours }),
    ]
}

fn build(children: &[Child], interleave: bool) -> (Engine, Vec<ApplicationId>) {
    let mut policy = PolicyBook::builtin().get("national-2024").unwrap().clone();
    if interleave {
        policy.interleave = Some(Interleave {
            first_priority: 1,
            general: 3,
        });
    }
    let mut e = Engine::new(policy, WorkCalendar::kazakhstan()).unwrap();
    let start = at(2024, 1, 2, 9, 0);
    let mut order: Vec<(u32, usize)> = children
        .iter()
        .enumerate()
        .map(|(i, c)| (c.registered, i))
        .collect();
    order.sort_unstable();
    let mut ids = vec![ApplicationId(0); children.len()];
    for (minute, i) in order {
        let c = &children[i];
        let born = day(2022, 1, 1) + TimeDelta::days(i64::from(c.born));
        let iin = kid(born, u16::try_from(i).unwrap());
        let app = match c.class {
            0 => application(&iin),
            1 => large_family(&iin),
            // The service certificate counts a month: the rounds below run within it.
            _ => military(&iin, day(2024, 1, 2)),
        };
        let t = start + TimeDelta::minutes(i64::from(minute));
        ids[i] = e.register(app, t).unwrap();
    }
    (e, ids)
}

/// Whether the child may be offered a place, all else (turn, places) aside.
fn eligible(e: &Engine, id: ApplicationId, t: NaiveDateTime) -> bool {
    let s = OfferSituation::unobstructed(t);
    may_be_offered(e.policy(), e.application(id).unwrap(), &s).allowed()
}

/// The round's choice against the queue as it stood: within each class a prefix of the
/// eligible waiting children, out-of-turn children first, as many as the places allow;
/// without interleaving, exactly the first eligible children in queue order.
fn check_round(
    e: &Engine,
    waiting: &[ApplicationId],
    open_before: u32,
    r: &RoundReport,
    t: NaiveDateTime,
) -> Result<(), TestCaseError> {
    let eligible: Vec<ApplicationId> = waiting
        .iter()
        .copied()
        .filter(|id| eligible(e, *id, t))
        .collect();
    let want = eligible.len().min(open_before as usize);
    prop_assert_eq!(r.offered.len(), want);
    let class = |id: &ApplicationId| e.order_key(*id).unwrap().class;
    for c in PriorityClass::ALL {
        let offered: Vec<_> = r.offered.iter().filter(|id| class(id) == c).collect();
        let of_class: Vec<_> = eligible.iter().filter(|id| class(id) == c).collect();
        prop_assert_eq!(
            &offered[..],
            &of_class[..offered.len()],
            "class {:?} inverted",
            c
        );
    }
    let out_of_turn = r
        .offered
        .iter()
        .take_while(|id| class(id) == PriorityClass::OutOfTurn)
        .count();
    prop_assert!(r.offered[out_of_turn..]
        .iter()
        .all(|id| class(id) != PriorityClass::OutOfTurn));
    if e.policy().interleave.is_none() {
        prop_assert_eq!(&r.offered[..], &eligible[..want]);
    }
    Ok(())
}

/// The board agrees with the states: no bulletin over-filled, its places taken are the
/// directions and enrolments naming it, and the open places of the pool are its free
/// places less the notices outstanding.
fn check_board(e: &Engine, ids: &[ApplicationId]) -> Result<(), TestCaseError> {
    let mut taken = vec![0u32; e.bulletins().len()];
    let mut notices = 0u32;
    let slot = |b: BulletinId| usize::try_from(b.0).unwrap() - 1;
    for id in ids {
        match e.state(*id).unwrap() {
            State::DirectionIssued(d) => taken[slot(d.bulletin.unwrap())] += 1,
            State::Enrolled {
                bulletin: Some(b), ..
            } => taken[slot(*b)] += 1,
            State::NoticeSent { .. } => notices += 1,
            _ => {}
        }
    }
    let mut free = 0;
    for (b, t) in e.bulletins().iter().zip(&taken) {
        prop_assert!(b.taken <= b.places);
        prop_assert_eq!(b.taken, *t);
        free += b.free();
    }
    if let Some(first) = e.bulletins().first() {
        prop_assert!(notices <= free);
        prop_assert_eq!(e.open_places(&first.queue_key()), free - notices);
    }
    Ok(())
}

/// "May take a place now" agrees with what `take_place` does: allowed exactly when some
/// bulletin's place can be taken at `t` (judged on a copy brought to `t`, as the query
/// judges the other applications at the engine's clock).
fn check_take_place(e: &Engine, id: ApplicationId, t: NaiveDateTime) -> Result<(), TestCaseError> {
    let mut now = e.clone();
    now.advance_to(t).unwrap();
    let said = now.explain_take_place(id, t).unwrap();
    let can = now
        .bulletins()
        .iter()
        .any(|b| now.clone().take_place(id, b.id, t).is_ok());
    prop_assert_eq!(said.allowed(), can, "{:?}: {:?}", id, said.failed_codes());
    Ok(())
}

fn run(
    children: &[Child],
    interleave: bool,
    ops: &[Op],
    check: bool,
) -> Result<Engine, TestCaseError> {
    let (mut e, ids) = build(children, interleave);
    let mut t = at(2024, 1, 10, 9, 0);
    let key = e.application(ids[0]).unwrap().queue_key();
    for op in ops {
        t += TimeDelta::minutes(7);
        match *op {
            Op::Publish {
                kindergarten,
                places,
            } => {
                e.advance_to(t).unwrap();
                let waiting: Vec<ApplicationId> = e
                    .listing(&key)
                    .into_iter()
                    .filter(|id| matches!(e.state(*id).unwrap(), State::Queued))
                    .collect();
                let open = e.open_places(&key) + places;
                let kg = format!("kg-{kindergarten}");
                let Ok(reports) = e.publish(&[bulletin(&kg, 2022, places)], t) else {
                    continue;
                };
                if check {
                    check_round(&e, &waiting, open, &reports[0], t)?;
                }
            }
            Op::Take { child, bulletin } => {
                let id = ids[child % ids.len()];
                if check {
                    check_take_place(&e, id, t)?;
                }
                let _ = e.take_place(id, BulletinId(bulletin), t);
            }
            Op::Revoke { child } => {
                let _ = e.revoke(ids[child % ids.len()], t);
            }
            Op::Enroll { child } => {
                let _ = e.enroll(ids[child % ids.len()], t);
            }
            Op::Advance { hours } => {
                t += TimeDelta::hours(hours);
                e.advance_to(t).unwrap();
            }
        }
        if check {
            check_board(&e, &ids)?;
        }
    }
    Ok(e)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn rounds_keep_the_priority_order_and_the_board_agrees_with_the_states(
        children in prop::collection::vec(child(), 1..30),
        interleave in any::<bool>(),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let e = run(&children, interleave, &ops, true)?;
        // Same inputs, same engine; replay and snapshots give it back.
        let again = run(&children, interleave, &ops, false)?;
        prop_assert_eq!(again.to_json(), e.to_json());
        let replayed = Engine::replay(e.policy().clone(), e.log_calendar().clone(), e.log()).unwrap();
        prop_assert_eq!(replayed.to_json(), e.to_json());
        e.check_invariants().unwrap();
        let restored = Engine::from_json(&e.to_json()).unwrap();
        prop_assert_eq!(restored.to_json(), e.to_json());
    }
}
