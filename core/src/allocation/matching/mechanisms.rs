//! The three mechanisms: child-proposing deferred acceptance, serial dictatorship, and
//! immediate acceptance (the Boston mechanism).

use std::collections::BinaryHeap;

use super::{Matching, PriorityKey, Ranked};

impl Ranked<'_> {
    /// Child-proposing deferred acceptance (Gale–Shapley): the child-optimal stable
    /// matching. Each free child proposes to its next choice; a kindergarten holds the best
    /// children up to its capacity and rejects the rest, who propose on. O(P log c) for P
    /// proposals and capacities c; memory linear in the preference lists.
    #[must_use]
    pub fn deferred_acceptance(&self) -> Matching {
        let inst = self.instance;
        let n = inst.children();
        // next[c]: how many choices child c has proposed to; while held, it is held by its
        // last one (choice next[c] - 1).
        let mut next = vec![0u32; n];
        // Per kindergarten the held children's keys, the worst (largest) on top; a key ends
        // with the child's index, so it names the child too.
        let mut held: Vec<BinaryHeap<u128>> = inst
            .capacities
            .iter()
            .map(|&cap| BinaryHeap::with_capacity(cap.min(1024) as usize))
            .collect();
        let mut free: Vec<u32> = (0..n as u32).rev().collect();
        while let Some(c) = free.pop() {
            let list = inst.list(c);
            let p = next[c as usize] as usize;
            let Some(&k) = list.get(p) else { continue };
            next[c as usize] += 1;
            let key = self.key(c, p);
            let (heap, cap) = (&mut held[k as usize], inst.capacities[k as usize] as usize);
            if heap.len() < cap {
                heap.push(key);
            } else if heap.peek().is_some_and(|&worst| key < worst) {
                if let Some(mut worst) = heap.peek_mut() {
                    free.push(PriorityKey::unpack(*worst).child);
                    *worst = key;
                }
            } else {
                free.push(c);
            }
        }
        let mut m = Matching::empty(n);
        for (k, heap) in held.iter().enumerate() {
            for &key in heap {
                let c = PriorityKey::unpack(key).child;
                m.assign(c, next[c as usize] as usize - 1, k as u32);
            }
        }
        m
    }

    /// Serial dictatorship: children in order of (base rank, lottery, index) each take their
    /// best kindergarten with a place left. Kindergarten-specific priorities do not apply;
    /// with a multiple lottery, a child's first draw orders it.
    #[must_use]
    pub fn serial_dictatorship(&self) -> Matching {
        let inst = self.instance;
        let n = inst.children();
        let mut order: Vec<(u128, u32)> = (0..n as u32)
            .map(|c| {
                let lottery = u128::from(self.first_draw(c));
                (
                    (u128::from(inst.base[c as usize]) << 64) | (lottery << 32) | u128::from(c),
                    c,
                )
            })
            .collect();
        order.sort_unstable();
        let mut left = inst.capacities.clone();
        let mut m = Matching::empty(n);
        for (_, c) in order {
            for (p, &k) in inst.list(c).iter().enumerate() {
                if left[k as usize] > 0 {
                    left[k as usize] -= 1;
                    m.assign(c, p, k);
                    break;
                }
            }
        }
        m
    }

    /// The lottery number that orders child `c` when one number is needed.
    fn first_draw(&self, c: u32) -> u32 {
        match self.tie_break {
            super::TieBreak::None => 0,
            super::TieBreak::Single(_) => self.draws[c as usize],
            super::TieBreak::Multiple(_) => {
                let i = self.instance.offsets[c as usize] as usize;
                self.draws.get(i).copied().unwrap_or(0)
            }
        }
    }

    /// Immediate acceptance (the Boston mechanism): in round r every child still without a
    /// place applies to its r-th choice, and each kindergarten admits the best applicants
    /// up to the places it has left, for good.
    #[must_use]
    pub fn immediate_acceptance(&self) -> Matching {
        let inst = self.instance;
        let n = inst.children();
        let mut left = inst.capacities.clone();
        let mut m = Matching::empty(n);
        let longest = (0..n as u32).map(|c| inst.list(c).len()).max().unwrap_or(0);
        let mut applicants: Vec<(u32, u128, u32)> = Vec::new();
        for round in 0..longest {
            applicants.clear();
            applicants.extend(
                (0..n as u32)
                    .filter(|&c| m.choice_of(c).is_none())
                    .filter_map(|c| inst.list(c).get(round).map(|&k| (k, self.key(c, round), c))),
            );
            applicants.sort_unstable();
            for &(k, _, c) in &applicants {
                if left[k as usize] > 0 {
                    left[k as usize] -= 1;
                    m.assign(c, round, k);
                }
            }
        }
        m
    }
}
