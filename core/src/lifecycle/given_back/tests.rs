#![allow(clippy::cast_possible_truncation)] // indices of at most 40 children
use super::replace;
use crate::lifecycle::acceptance::{deferred_acceptance, Unit};
use smallvec::smallvec;

fn unit(id: u64, choices: &[u32], siblings_at: &[u32], held: Option<u32>) -> Unit {
    Unit {
        members: smallvec![crate::application::ApplicationId(id)],
        choices: choices.iter().copied().collect(),
        siblings_at: siblings_at.iter().copied().collect(),
        held,
    }
}

/// RULES.md §5a's smallest case: X and Y one place each; a < b < c; a chose X; b chose Y
/// then X; c chose X then Y and has a sibling at Y. The round gives a X and c Y; a leaves.
/// The chain gives X to b (ahead of c), then the swap gives b Y and c X, both first
/// choices: what a fresh round gives.
#[test]
fn the_rules_smallest_case_chain_then_swap() {
    let round = [
        unit(1, &[0], &[], None),
        unit(2, &[1, 0], &[], None),
        unit(3, &[0, 1], &[1], None),
    ];
    assert_eq!(
        deferred_acceptance(&round, &[1, 1]),
        [Some(0), None, Some(1)]
    );
    // a left; c holds its direction at Y.
    let after = [unit(2, &[1, 0], &[], None), unit(3, &[0, 1], &[1], Some(1))];
    let r = replace(&after, &[1, 1], vec![None, Some(1)]);
    assert_eq!(r.placed, [Some(1), Some(0)]);
    assert_eq!(r.moves[0], (0, None, 0), "the chain: b to X");
    assert_eq!(r.swapped, 2);
    assert_eq!(r.placed, deferred_acceptance(&after, &[1, 1]));
}

/// Without sibling priorities the chain alone reaches the fresh round's outcome: a place
/// given back at X goes to the first who wants it, whose place goes on.
#[test]
fn a_chain_moves_children_up_one_after_another() {
    // X 1, Y 1, Z 1; a at X; b (X, Y) at Y; c (Y, Z) at Z; d (Z) waits.
    let units = [
        unit(2, &[0, 1], &[], Some(1)),
        unit(3, &[1, 2], &[], Some(2)),
        unit(4, &[2], &[], None),
    ];
    let r = replace(&units, &[1, 1, 1], vec![Some(1), Some(2), None]);
    assert_eq!(r.placed, [Some(0), Some(1), Some(2)]);
    assert_eq!(r.moves, [(0, Some(1), 0), (1, Some(2), 1), (2, None, 2)]);
    assert_eq!(r.swapped, 0);
}

/// The choices drawn, each kept once, in their first order.
fn distinct(choices: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for &k in choices {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 512, failure_persistence: None, ..Default::default()
    })]

    /// From a round's outcome, a child leaving (its place given back) or a place added,
    /// then the chain and the swaps, equal a fresh round on the new state in which the
    /// children holding directions stand first where they hold them. Dense sibling
    /// priorities.
    #[test]
    fn chain_and_swaps_equal_a_fresh_round(
        lists in proptest::collection::vec(
            (proptest::collection::vec(0_u32..5, 1..4), proptest::collection::btree_set(0_u32..5, 0..3)),
            1..30),
        capacity in proptest::collection::vec(0_u32..4, 5),
        leave in proptest::prelude::any::<proptest::sample::Index>(),
        added in proptest::option::of(0_usize..5),
    ) {
        let units: Vec<Unit> = lists.iter().enumerate().map(|(c, (choices, sib))| {
            unit(c as u64, &distinct(choices), &sib.iter().copied().collect::<Vec<_>>(), None)
        }).collect();
        let round = deferred_acceptance(&units, &capacity);
        // Everyone placed now holds a direction there.
        let mut next: Vec<Unit> = units.iter().zip(&round)
            .map(|(u, &p)| Unit { held: p, ..u.clone() })
            .collect();
        let mut placed = round.clone();
        let mut capacity = capacity;
        if let Some(k) = added {
            capacity[k] += 1;
        } else {
            let gone = leave.index(next.len());
            next.remove(gone);
            placed.remove(gone);
        }
        let r = replace(&next, &capacity, placed);
        proptest::prop_assert_eq!(&r.placed, &deferred_acceptance(&next, &capacity));
        // Each move takes a unit to a kindergarten it prefers.
        for &(u, from, to) in &r.moves {
            proptest::prop_assert!(next[u as usize].prefers(to, from));
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 512, failure_persistence: None, ..Default::default()
    })]

    /// Without sibling priorities the chain alone reaches what a fresh round gives, change
    /// after change (children leaving, places added) from a round's outcome: swaps come
    /// only from sibling priorities or from what a round did not see (choices changed, a
    /// child ahead in the queue newly eligible or registered), which the other property
    /// test and the engine's (`tests/ranked_chain_properties.rs`) cover.
    #[test]
    fn without_sibling_priorities_the_chain_alone_equals_a_fresh_round(
        lists in proptest::collection::vec(proptest::collection::vec(0_u32..5, 1..5), 1..40),
        capacity in proptest::collection::vec(0_u32..4, 5),
        changes in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), proptest::option::of(0_usize..5)),
            1..6),
    ) {
        let mut units: Vec<Unit> = lists.iter().enumerate().map(|(c, choices)| {
            unit(c as u64, &distinct(choices), &[], None)
        }).collect();
        let mut capacity = capacity;
        let mut placed = deferred_acceptance(&units, &capacity);
        for (leave, added) in changes {
            for (u, &p) in units.iter_mut().zip(&placed) {
                u.held = p;
            }
            if let Some(k) = added {
                capacity[k] += 1;
            } else if !units.is_empty() {
                let gone = leave.index(units.len());
                units.remove(gone);
                placed.remove(gone);
            }
            let r = replace(&units, &capacity, placed);
            proptest::prop_assert_eq!(r.swapped, 0);
            proptest::prop_assert_eq!(&r.placed, &deferred_acceptance(&units, &capacity));
            placed = r.placed;
        }
    }
}
