//! Property tests of batch matching (`RULES.md §4–§5`): on random instances every mechanism
//! gives a valid matching; deferred acceptance is stable and free of justified envy, and
//! every "why not" is explained by a cutoff; the same seed gives the same result.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)] // a test crate: small instances; a failed unwrap is a failed test

use kezek::matching::{Instance, Matching, MatchingError, Ranked, TieBreak, Violation};
use kezek::LocalizedError;
use proptest::prelude::*;

/// The raw parts of a random instance: up to 60 children with lists of up to 5, up to 10
/// kindergartens with capacities 0–5, base ranks with ties, a few kindergarten priorities.
#[derive(Debug, Clone)]
struct Parts {
    prefs: Vec<Vec<u32>>,
    capacities: Vec<u32>,
    base: Vec<u32>,
    boosts: Vec<(u32, u32, u8)>,
}

impl Parts {
    fn plain(&self) -> Instance {
        Instance::new(
            self.prefs.clone(),
            self.capacities.clone(),
            self.base.clone(),
        )
        .expect("a valid instance")
    }

    fn with_boosts(&self) -> Instance {
        self.plain()
            .with_priorities(&self.boosts)
            .expect("valid priorities")
    }
}

fn parts() -> impl Strategy<Value = Parts> {
    (1usize..10).prop_flat_map(|m| {
        let list = prop::collection::vec(0..m as u32, 0..6).prop_map(|mut l| {
            let mut seen = std::collections::HashSet::new();
            l.retain(|k| seen.insert(*k));
            l
        });
        (
            prop::collection::vec((list, 0u32..20), 0..60),
            prop::collection::vec(0u32..6, m),
            prop::collection::vec((0u32..60, 0..m as u32, 1u8..3), 0..8),
        )
            .prop_map(|(children, capacities, boosts)| {
                let (prefs, base): (Vec<_>, Vec<_>) = children.into_iter().unzip();
                let n = prefs.len() as u32;
                let boosts = boosts.into_iter().filter(|b| b.0 < n).collect();
                Parts {
                    prefs,
                    capacities,
                    base,
                    boosts,
                }
            })
    })
}

fn instance() -> impl Strategy<Value = Instance> {
    parts().prop_map(|p| p.with_boosts())
}

fn tie_break() -> impl Strategy<Value = TieBreak> {
    prop_oneof![
        Just(TieBreak::None),
        any::<u64>().prop_map(TieBreak::Single),
        any::<u64>().prop_map(TieBreak::Multiple),
    ]
}

fn all(r: &Ranked<'_>) -> [kezek::matching::Matching; 3] {
    [
        r.deferred_acceptance(),
        r.serial_dictatorship(),
        r.immediate_acceptance(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_mechanism_gives_a_valid_matching(inst in instance(), tb in tie_break()) {
        let r = inst.rank(tb);
        for m in all(&r) {
            prop_assert_eq!(r.check_valid(&m), Ok(()));
            // No place over-filled, no child with two places, every child ranked its place.
            let mut held = vec![0u32; inst.kindergartens()];
            for c in 0..inst.children() as u32 {
                if let Some(k) = m.kindergarten_of(c) {
                    held[k as usize] += 1;
                    prop_assert!(inst.list(c).contains(&k));
                    prop_assert_eq!(inst.list(c)[m.choice_of(c).unwrap()], k);
                }
            }
            prop_assert!(held.iter().zip(inst.capacities()).all(|(h, c)| h <= c));
        }
    }

    #[test]
    fn deferred_acceptance_is_stable_and_explained(inst in instance(), tb in tie_break()) {
        let r = inst.rank(tb);
        let m = r.deferred_acceptance();
        prop_assert!(r.blocking_pairs(&m).is_empty());
        prop_assert!(r.justified_envy(&m).is_empty());
        for c in 0..inst.children() as u32 {
            for w in r.why_not(&m, c) {
                // Full, and every admitted child stood above this one.
                prop_assert!(w.cutoff.is_some() || inst.capacities()[w.kindergarten as usize] == 0);
                prop_assert!(w.below_cutoff || inst.capacities()[w.kindergarten as usize] == 0);
            }
        }
    }

    #[test]
    fn an_instance_rebuilt_from_its_parts_matches_alike(inst in instance(), tb in tie_break()) {
        // What bindings use to pickle an instance: its flat parts and its priorities.
        let rebuilt = Instance::from_flat(
            inst.offsets().to_vec(),
            inst.choices().to_vec(),
            inst.capacities().to_vec(),
            inst.base().to_vec(),
        )
        .unwrap()
        .with_priorities(&inst.priorities())
        .unwrap();
        prop_assert_eq!(rebuilt.priorities(), inst.priorities());
        prop_assert_eq!(all(&rebuilt.rank(tb)), all(&inst.rank(tb)));
    }

    #[test]
    fn a_matching_rebuilt_from_its_assignments_is_the_same(inst in instance(), tb in tie_break()) {
        let r = inst.rank(tb);
        for m in all(&r) {
            prop_assert_eq!(Matching::from_assignments(&inst, &m.assignments()), Ok(m));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_matching(inst in instance(), tb in tie_break()) {
        prop_assert_eq!(all(&inst.rank(tb)), all(&inst.rank(tb)));
    }

    #[test]
    fn with_one_priority_order_for_all_deferred_acceptance_is_serial_dictatorship(
        parts in parts(), seed in any::<u64>(),
    ) {
        // Without kindergarten-specific priorities every kindergarten ranks children alike,
        // and the unique stable matching is the one serial dictatorship gives.
        let plain = parts.plain();
        for tb in [TieBreak::None, TieBreak::Single(seed)] {
            let r = plain.rank(tb);
            prop_assert_eq!(r.deferred_acceptance(), r.serial_dictatorship());
        }
    }
}

#[test]
fn blocking_pairs_and_envy_are_found_in_a_boston_matching() {
    let full = Instance::new(
        vec![vec![0], vec![1, 0], vec![1]],
        vec![1, 1],
        vec![1, 0, 0],
    )
    .unwrap();
    let r = full.rank(TieBreak::None);
    let boston = r.immediate_acceptance();
    // Round 1: child 0 gets 0; children 1 and 2 apply to 1, child 1 (base 0, index 1) wins.
    assert_eq!(boston.assignments(), [Some(0), Some(1), None]);
    assert!(r.blocking_pairs(&boston).is_empty());
    let ia = Instance::new(
        vec![vec![1, 0], vec![0], vec![1]],
        vec![1, 1],
        vec![0, 1, 2],
    )
    .unwrap();
    let r = ia.rank(TieBreak::None);
    let boston = r.immediate_acceptance();
    // Round 1: child 1 takes 0, child 0 takes 1 (before child 2). All placed but child 2.
    assert_eq!(boston.assignments(), [Some(1), Some(0), None]);
    let da = r.deferred_acceptance();
    assert_eq!(da.assignments(), [Some(1), Some(0), None]);
    // A case where Boston is unstable: child 0 ranks 1 first but loses it in round 1 to a
    // higher-priority child; by round 2 kindergarten 0 is full of a lower-priority child.
    let unstable = Instance::new(
        vec![vec![1, 0], vec![1], vec![0]],
        vec![1, 1],
        vec![1, 0, 2],
    )
    .unwrap();
    let r = unstable.rank(TieBreak::None);
    let boston = r.immediate_acceptance();
    assert_eq!(boston.assignments(), [None, Some(1), Some(0)]);
    assert_eq!(r.blocking_pairs(&boston), [(0, 0)]);
    let envy = r.justified_envy(&boston);
    assert_eq!(
        (envy[0].child, envy[0].kindergarten, envy[0].admitted),
        (0, 0, 2)
    );
    let why = r.why_not(&boston, 0);
    assert_eq!(why.len(), 2);
    assert!(
        why[0].below_cutoff,
        "kindergarten 1 went to a child above it"
    );
    assert!(
        !why[1].below_cutoff,
        "kindergarten 0 filled in an earlier round"
    );
    assert_eq!(
        r.deferred_acceptance().assignments(),
        [Some(0), Some(1), None]
    );
}

#[test]
fn an_assignment_from_elsewhere_is_checked() {
    let inst = Instance::new(vec![vec![0, 1], vec![0]], vec![1, 1], vec![0, 1]).unwrap();
    assert_eq!(
        Matching::from_assignments(&inst, &[Some(0)]).map_err(|e| e.code().as_str()),
        Err("MATCHING_SHAPE")
    );
    assert_eq!(
        Matching::from_assignments(&inst, &[Some(0), Some(1)]),
        Err(MatchingError::Unranked {
            child: 1,
            kindergarten: 1
        })
    );
    let crowded = Matching::from_assignments(&inst, &[Some(0), Some(0)]).unwrap();
    assert_eq!(crowded.choice_of(0), Some(0));
    assert_eq!(
        inst.rank(TieBreak::None).check_valid(&crowded),
        Err(Violation::OverCapacity {
            kindergarten: 0,
            held: 2
        })
    );
    // A priority on an unranked kindergarten has no effect and is not reported back.
    let boosted = inst.with_priorities(&[(1, 0, 2), (1, 1, 1)]).unwrap();
    assert_eq!(boosted.priorities(), [(1, 0, 2)]);
}
