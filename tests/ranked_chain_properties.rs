//! Property tests of places given back under ranked choices (`RULES.md §5a`): the chain
//! the engine runs over the index of rankers (`chain.rs`) gives, command after command,
//! exactly what re-placing the whole pool gives (`given_back.rs`), and the index stays
//! what the records say.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use std::sync::Arc;

use chrono::{NaiveDateTime, TimeDelta};
use kezek::allocation::Kindergarten;
use kezek::application::{ApplicationId, GroupType, Language};
use kezek::lifecycle::Engine;
use kezek::policy::{Interleave, RankedChoices};
use kezek_conformance::fixture::{application, at, bulletin, day, document, engine, kid, military};
use proptest::prelude::*;

const KINDERGARTENS: usize = 5;

fn kg(k: usize) -> Arc<str> {
    format!("kg-{k}").into()
}

/// A child of the 2022 cohort: its ranked choices, its applicant (one of three), and for
/// a serviceman's child (out of turn) the days its one-month certificate was issued
/// before its registration: it stands first while the certificate holds, and is passed over
/// once it expires.
#[derive(Debug, Clone)]
struct Child {
    choices: Vec<usize>,
    applicant: u16,
    service: Option<u8>,
}

#[derive(Debug, Clone)]
enum Op {
    Revoke(usize),
    Withdraw(usize),
    Enroll(usize),
    /// One more place at a kindergarten.
    Publish(usize),
    ChangeChoices(usize, Vec<usize>),
    /// Days pass: directions not shown up for lapse.
    Days(u8),
    /// A serviceman's certificate issued that day (renewed, or a benefit new to the child).
    Renew(usize),
}

fn choices() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0..KINDERGARTENS, 1..4).prop_map(|mut v| {
        let mut seen = Vec::new();
        v.retain(|k| {
            let new = !seen.contains(k);
            seen.push(*k);
            new
        });
        v
    })
}

/// Choices where the lower numbers are the popular ones (the smaller of two draws): the
/// others often keep places after the first children, so a round reads further down.
fn skewed_choices() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec((0..KINDERGARTENS, 0..KINDERGARTENS), 1..4).prop_map(|v| {
        let mut seen = Vec::new();
        for (a, b) in v {
            if !seen.contains(&a.min(b)) {
                seen.push(a.min(b));
            }
        }
        seen
    })
}

/// Up to `most` children ranking kindergartens as `choices` draws, of three applicants,
/// one in five a serviceman's child.
fn children(
    choices: impl Strategy<Value = Vec<usize>>,
    most: usize,
) -> impl Strategy<Value = Vec<Child>> {
    let child = (choices, 0..3_u16, proptest::option::weighted(0.2, 0..28_u8)).prop_map(
        |(choices, applicant, service)| Child {
            choices,
            applicant,
            service,
        },
    );
    proptest::collection::vec(child, 2..most)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..40_usize).prop_map(Op::Revoke),
        2 => (0..40_usize).prop_map(Op::Withdraw),
        2 => (0..40_usize).prop_map(Op::Enroll),
        2 => (0..KINDERGARTENS).prop_map(Op::Publish),
        2 => ((0..40_usize), choices()).prop_map(|(c, v)| Op::ChangeChoices(c, v)),
        1 => (1..9_u8).prop_map(Op::Days),
        1 => (0..40_usize).prop_map(Op::Renew),
    ]
}

/// An engine under Akmola's 2024 policy giving places by ranked choices, with five
/// kindergartens in Kokshetau; when `sibling` names one, an older child of the first
/// applicant is enrolled there (sibling priority for that applicant's children).
fn ranked_engine(sibling: Option<usize>) -> Engine {
    ranked_engine_under(sibling, None)
}

/// [`ranked_engine`] under a policy that interleaves its lanes as `interleave` says.
fn ranked_engine_under(sibling: Option<usize>, interleave: Option<Interleave>) -> Engine {
    let mut policy = engine("akmola-2024").policy().clone();
    policy.interleave = interleave;
    policy.twin_batches = true;
    policy.ranked_choices = Some(RankedChoices {
        max_choices: 3,
        sibling_priority: true,
    });
    let mut e = Engine::new(policy, kezek::WorkCalendar::kazakhstan()).unwrap();
    let catalogue: Vec<Kindergarten> = (0..KINDERGARTENS)
        .map(|k| Kindergarten {
            id: kg(k),
            region: "akmola".into(),
            area: "kokshetau".into(),
            languages: vec![Language::Kazakh, Language::Russian],
            group_types: vec![GroupType::General],
        })
        .collect();
    e.add_kindergartens(&catalogue, at(2024, 1, 9, 9, 0))
        .unwrap();
    if let Some(k) = sibling {
        let mut older = application(&kid(day(2020, 2, 3), 1));
        older.applicant_iin = applicant(0);
        older.ranked_choices = vec![kg(k)];
        let id = e.register(older, at(2024, 1, 9, 10, 0)).unwrap();
        e.publish(&[bulletin(&kg(k), 2020, 1)], at(2024, 1, 10, 10, 0))
            .unwrap();
        e.enroll(id, at(2024, 1, 10, 11, 0)).unwrap();
    }
    e
}

fn applicant(n: u16) -> String {
    kid(day(1988, 4, 5), n)
}

fn apply(e: &mut Engine, op: &Op, ids: &[ApplicationId], t: NaiveDateTime) -> Result<(), String> {
    let id = |c: &usize| ids[c % ids.len()];
    let r = match op {
        Op::Revoke(c) => e.revoke(id(c), t),
        Op::Withdraw(c) => e.withdraw(id(c), t),
        Op::Enroll(c) => e.enroll(id(c), t),
        Op::Publish(k) => e.publish(&[bulletin(&kg(*k), 2022, 1)], t).map(|_| ()),
        Op::ChangeChoices(c, v) => {
            let v: Vec<Arc<str>> = v.iter().map(|&k| kg(k)).collect();
            e.change_ranked_choices(id(c), &v, t)
        }
        Op::Days(_) => e.advance_to(t),
        Op::Renew(c) => e.update_benefit(
            id(c),
            Some("military"),
            &[document("service_certificate", t.date())],
            t,
        ),
    };
    r.map_err(|e| kezek::LocalizedError::code(&e).to_string())
}

/// Registers `children` (born over 2022: some too young for an offer in March 2024, two
/// years in §4, old enough later) on `e` and links the `twins` where the batch rules
/// allow it; their ids.
fn register(e: &mut Engine, children: &[Child], twins: &[(usize, usize)]) -> Vec<ApplicationId> {
    let mut ids = Vec::new();
    for (n, c) in (0_u16..).zip(children) {
        let born = day(2022, 1, 5) + TimeDelta::days(i64::from(n % 12) * 29);
        let iin = kid(born, n);
        let mut app = match c.service {
            Some(d) => military(&iin, day(2024, 2, 20) - TimeDelta::days(d.into())),
            None => application(&iin),
        };
        app.applicant_iin = applicant(c.applicant);
        app.ranked_choices = c.choices.iter().map(|&k| kg(k)).collect();
        ids.push(
            e.register(app, at(2024, 2, 20, 9, 0) + TimeDelta::minutes(n.into()))
                .unwrap(),
        );
    }
    for &(a, b) in twins {
        let _ = e.link_batch(
            &[ids[a % ids.len()], ids[b % ids.len()]],
            at(2024, 2, 21, 9, 0),
        );
    }
    ids
}

/// The certificates of `reports`, each checked by `verify_round` on `e`: the findings
/// of those that do not hold.
fn findings(e: &Engine, reports: &[kezek::allocation::RoundReport]) -> Vec<String> {
    reports
        .iter()
        .filter_map(|r| r.certificate.as_deref())
        .flat_map(|c| {
            let c = kezek::allocation::CheckedCertificate::try_from(c.clone()).unwrap();
            e.verify_round(&c).findings
        })
        .map(|f| format!("{} {:?} {:?}", f.code, f.children, f.kindergartens))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512, failure_persistence: None, ..ProptestConfig::default()
    })]

    /// A round (twins among the children, a sibling enrolled or not), then revocations, withdrawals, enrolments, new places, changed choices and
    /// lapses: after every command the engine whose chain reads the index equals the one
    /// that re-places its pools in full (same answers, equal snapshots, the same
    /// directions given on), and its index is what the records say.
    #[test]
    fn the_chain_over_the_index_equals_the_full_re_placing(
        children in children(choices(), 40),
        places in proptest::collection::vec(0..KINDERGARTENS, 1..12),
        sibling in proptest::option::of(0..KINDERGARTENS),
        twins in proptest::collection::vec((0..40_usize, 0..40_usize), 0..4),
        ops in proptest::collection::vec((op(), 1..180_u16), 1..24),
    ) {
        let mut fast = ranked_engine(sibling);
        // Twins of one applicant (children born on one day): linked where the batch rules
        // allow it.
        let ids = register(&mut fast, &children, &twins);
        let round: Vec<_> = places.iter().map(|&k| bulletin(&kg(k), 2022, 1)).collect();
        fast.publish(&round, at(2024, 3, 4, 10, 0)).unwrap();
        let mut full = fast.clone();
        full.replace_in_full(true);
        let mut t = at(2024, 3, 4, 10, 0);
        for (op, minutes) in &ops {
            t += match op {
                Op::Days(d) => TimeDelta::days((*d).into()),
                _ => TimeDelta::minutes((*minutes).into()),
            };
            let a = apply(&mut fast, op, &ids, t);
            let b = apply(&mut full, op, &ids, t);
            prop_assert_eq!(&a, &b, "{:?} at {}", op, t);
            prop_assert_eq!(fast.given_on(), full.given_on(), "{:?} at {}", op, t);
            prop_assert!(fast.snapshot() == full.snapshot(), "{:?} at {}", op, t);
            if let Err(index) = fast.check_rankers_index() {
                prop_assert!(false, "the index after {:?} at {}: {}", op, t, index);
            }
        }
    }

    /// A round reads the queue only as far as places can go (`ranked_units.rs`): two
    /// rounds (the second with holders of the first, some revoked between them) give,
    /// without twins, exactly what reading the whole queue gives; with twins, both pass
    /// `verify_round`, which also asks of every child left unread that it could not have
    /// taken a place (`CERT_LEFT_OUT`).
    #[test]
    fn a_round_read_as_far_as_places_go_gives_what_the_whole_queue_gives(
        children in children(skewed_choices(), 60),
        first in proptest::collection::vec(0..KINDERGARTENS, 1..6),
        second in proptest::collection::vec(0..KINDERGARTENS, 0..4),
        sibling in proptest::option::of(0..KINDERGARTENS),
        twins in proptest::option::weighted(0.3, proptest::collection::vec((0..60_usize, 0..60_usize), 1..4)),
        revoked in proptest::collection::vec(0..60_usize, 0..4),
        autumn in proptest::bool::ANY,
    ) {
        let mut read = ranked_engine(sibling);
        let ids = register(&mut read, &children, twins.as_deref().unwrap_or_default());
        let mut whole = read.clone();
        whole.round_in_full(true);
        let places = |ks: &[usize]| -> Vec<_> { ks.iter().map(|&k| bulletin(&kg(k), 2022, 1)).collect() };
        // In March some are too young for an offer (two years); in the autumn none is.
        let mut t = if autumn { at(2024, 10, 1, 10, 0) } else { at(2024, 3, 4, 10, 0) };
        for (round, ks) in [&first, &second].into_iter().enumerate() {
            if round == 1 {
                for c in &revoked {
                    t += TimeDelta::minutes(7);
                    let a = read.revoke(ids[c % ids.len()], t).map_err(|e| kezek::LocalizedError::code(&e).to_string());
                    let b = whole.revoke(ids[c % ids.len()], t).map_err(|e| kezek::LocalizedError::code(&e).to_string());
                    if twins.is_none() {
                        prop_assert_eq!(a, b);
                    }
                }
                t += TimeDelta::days(1);
            }
            let a = read.publish(&places(ks), t).unwrap();
            let b = whole.publish(&places(ks), t).unwrap();
            prop_assert_eq!(findings(&read, &a), Vec::<String>::new(), "round {}", round);
            prop_assert_eq!(findings(&whole, &b), Vec::<String>::new(), "round {}", round);
            if twins.is_none() {
                let directed = |r: &[kezek::allocation::RoundReport]| -> Vec<_> {
                    r.iter().flat_map(|r| r.directed.clone()).collect()
                };
                prop_assert_eq!(directed(&a), directed(&b), "round {}", round);
                prop_assert!(read.snapshot() == whole.snapshot(), "round {}", round);
            }
        }
    }
}

/// Forty children of one applicant ranking the first two kindergartens, in turn one then
/// the other first (31 of them old enough for an offer in September 2024).
fn forty_ranking_two() -> Vec<Child> {
    (0..40)
        .map(|n| Child {
            choices: if n % 2 == 0 { vec![0, 1] } else { vec![1, 0] },
            applicant: 0,
            service: None,
        })
        .collect()
}

/// Forty children ranking the same two kindergartens (31 old enough), two places: the
/// round reads the first children in turn (twice its places, and eight more); it places
/// the two first, as reading the whole queue does; its certificate holds, and one that
/// claims a place more while leaving the others out is found out (`CERT_LEFT_OUT`).
#[test]
fn a_round_reads_only_as_far_as_its_places_go() {
    let children = forty_ranking_two();
    let mut read = ranked_engine(None);
    register(&mut read, &children, &[]);
    let mut whole = read.clone();
    whole.round_in_full(true);
    let places = [bulletin(&kg(0), 2022, 1), bulletin(&kg(1), 2022, 1)];
    let t = at(2024, 9, 4, 10, 0); // all of them old enough (two years)
    let a = read.publish(&places, t).unwrap();
    let b = whole.publish(&places, t).unwrap();
    let (ca, cb) = (
        a[0].certificate.as_deref().unwrap(),
        b[0].certificate.as_deref().unwrap(),
    );
    assert_eq!(ca.units.len(), 2 * 2 + 8);
    assert_eq!(cb.units.len(), 31);
    assert_eq!(a[0].directed, b[0].directed);
    assert_eq!(a[0].directed.len(), 2);
    assert!(read.snapshot() == whole.snapshot());
    assert_eq!(findings(&read, &a), Vec::<String>::new());
    // A place more at the first kindergarten, and nobody else read.
    let mut claimed = ca.clone();
    claimed.kindergartens[0].places += 1;
    claimed.units.retain(|u| u.placed.is_some());
    let claimed = kezek::allocation::CheckedCertificate::try_from(claimed).unwrap();
    let verdict = read.verify_round(&claimed);
    assert!(!verdict.holds);
    let left_out: Vec<_> = verdict
        .findings
        .iter()
        .filter(|f| f.code == "CERT_LEFT_OUT")
        .collect();
    // Every child old enough but the two placed, each finding room at the first.
    assert_eq!(left_out.len(), 29, "{:?}", verdict.findings);
    assert!(left_out.iter().all(|f| f.kindergartens == vec![kg(0)]));
}

/// Under a policy that interleaves its lanes the round reads the whole queue (the index
/// of rankers is in key order, not the cycle's): the same forty children, two places.
#[test]
fn under_interleaved_lanes_a_round_reads_the_whole_queue() {
    let children = forty_ranking_two();
    let cycle = Interleave {
        first_priority: 1,
        general: 3,
    };
    let mut e = ranked_engine_under(None, Some(cycle));
    register(&mut e, &children, &[]);
    let places = [bulletin(&kg(0), 2022, 1), bulletin(&kg(1), 2022, 1)];
    let reports = e.publish(&places, at(2024, 9, 4, 10, 0)).unwrap();
    assert_eq!(reports[0].certificate.as_deref().unwrap().units.len(), 31);
    assert_eq!(reports[0].directed.len(), 2);
    assert_eq!(findings(&e, &reports), Vec::<String>::new());
}

/// Twins placed together, one of them revoked: at the next round the other holds its
/// direction alone, and the certificate's unit of that holder is the one child, which
/// `verify_round` accepts (it once asked for the whole batch: `CERT_TWINS`).
#[test]
fn a_twin_holding_alone_is_a_unit_of_one_in_the_certificate() {
    let mut e = ranked_engine(None);
    let born = day(2022, 1, 5);
    let mut twins = Vec::new();
    for n in 0..2 {
        let mut app = application(&kid(born, n));
        app.applicant_iin = applicant(0);
        app.ranked_choices = vec![kg(0), kg(1)];
        twins.push(e.register(app, at(2024, 2, 20, 9, n.into())).unwrap());
    }
    e.link_batch(&twins, at(2024, 2, 21, 9, 0)).unwrap();
    let first = e
        .publish(&[bulletin(&kg(0), 2022, 2)], at(2024, 3, 4, 10, 0))
        .unwrap();
    assert_eq!(first[0].directed.len(), 2);
    e.revoke(twins[0], at(2024, 3, 4, 11, 0)).unwrap();
    let second = e
        .publish(&[bulletin(&kg(1), 2022, 1)], at(2024, 3, 5, 10, 0))
        .unwrap();
    let c = second[0].certificate.as_deref().unwrap();
    let held: Vec<_> = c.units.iter().filter(|u| u.held.is_some()).collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].children.as_slice(), [twins[1]]);
    assert_eq!(findings(&e, &second), Vec::<String>::new());
}
