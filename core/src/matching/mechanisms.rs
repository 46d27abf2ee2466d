//! The three mechanisms: child-proposing deferred acceptance, serial dictatorship, and
//! immediate acceptance (the Boston mechanism).

use serde::{Deserialize, Serialize};

use super::{Matching, PriorityKey, Ranked};

/// A mechanism by its name in data (`"deferred_acceptance"`…), as hosts and the shared
/// files name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mechanism {
    /// [`Ranked::deferred_acceptance`] (the default).
    #[default]
    DeferredAcceptance,
    /// [`Ranked::serial_dictatorship`].
    SerialDictatorship,
    /// [`Ranked::immediate_acceptance`].
    ImmediateAcceptance,
}

impl Ranked<'_> {
    /// Runs `mechanism`.
    #[must_use]
    pub fn solve(&self, mechanism: Mechanism) -> Matching {
        match mechanism {
            Mechanism::DeferredAcceptance => self.deferred_acceptance(),
            Mechanism::SerialDictatorship => self.serial_dictatorship(),
            Mechanism::ImmediateAcceptance => self.immediate_acceptance(),
        }
    }

    /// Child-proposing deferred acceptance (Gale–Shapley): the child-optimal stable
    /// matching. Each free child proposes to its next choice; a kindergarten holds the best
    /// children up to its capacity and rejects the rest, who propose on. O(P log c) for P
    /// proposals and capacities c; memory linear in the preference lists.
    ///
    /// When every kindergarten ranks the children in one order (no kindergarten priorities,
    /// no per-kindergarten lottery: the national queue order of `RULES.md §3`), the stable
    /// matching is unique and equals the serial dictatorship in that order, which is
    /// computed instead: O(P) after a linear-time sort, with no heaps. The result is the
    /// same; the proposals are only a slower way to it (a unit test checks both agree).
    #[must_use]
    pub fn deferred_acceptance(&self) -> Matching {
        if self.common_order() {
            return self.serial_dictatorship();
        }
        self.propose()
    }

    /// Deferred acceptance by proposals and per-kindergarten heaps: the general case.
    fn propose(&self) -> Matching {
        let inst = self.instance;
        let n = inst.children();
        // next[c]: how many choices child c has proposed to; while held, it is held by its
        // last one (choice next[c] - 1).
        let mut next = vec![0u32; n];
        let mut held = Heaps::new(inst);
        let mut free: Vec<u32> = (0..n as u32).rev().collect();
        while let Some(c) = free.pop() {
            let list = inst.list(c);
            let p = next[c as usize] as usize;
            let Some(&k) = list.get(p) else { continue };
            next[c as usize] += 1;
            if let Some(out) = held.offer(k as usize, self.key(c, p)) {
                free.push(out);
            }
        }
        let mut m = Matching::empty(n);
        for k in 0..inst.kindergartens() {
            for &key in held.of(k) {
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
        let order = self.queue_order();
        let mut left = inst.capacities.clone();
        let mut m = Matching::empty(n);
        for c in order {
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

    /// The children in the order (base, lottery, child) of the serial dictatorship, sorted
    /// in linear time. Without a lottery and with base ranks in a range of a few times the
    /// number of children (a queue order is 0..n), a counting sort on the base: one pass to
    /// count, one to place, children of equal base left in index order. Otherwise a stable
    /// radix sort (`radsort`) on (base, lottery). Neither needs comparisons; std's sorts do,
    /// and on 5,000 children cost as much as the whole mechanism.
    fn queue_order(&self) -> Vec<u32> {
        let inst = self.instance;
        let n = inst.children();
        let (low, high) = inst
            .base
            .iter()
            .fold((u32::MAX, 0), |(low, high), &b| (low.min(b), high.max(b)));
        let range = high.saturating_sub(low) as usize + 1;
        if matches!(self.tie_break, super::TieBreak::None) && range <= 4 * n + 1024 {
            // starts[b - low]: where the children of base b begin in the order.
            let mut starts = vec![0u32; range + 1];
            for &b in &inst.base {
                starts[(b - low) as usize + 1] += 1;
            }
            for i in 1..starts.len() {
                starts[i] += starts[i - 1];
            }
            let mut order = vec![0u32; n];
            for (c, &b) in inst.base.iter().enumerate() {
                let at = &mut starts[(b - low) as usize];
                order[*at as usize] = c as u32;
                *at += 1;
            }
            return order;
        }
        let mut keyed: Vec<(u64, u32)> = (0..n as u32)
            .map(|c| {
                let base = u64::from(inst.base[c as usize]);
                (base << 32 | u64::from(self.first_draw(c)), c)
            })
            .collect();
        radsort::sort_by_key(&mut keyed, |&(key, _)| key);
        keyed.into_iter().map(|(_, c)| c).collect()
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

/// The children each kindergarten holds during deferred acceptance: one max-heap of keys
/// per kindergarten (the worst on top), all in one flat array, each sized to the smaller of
/// its capacity and the number of children who ranked it. A key ends with the child's
/// index, so it names the child too.
struct Heaps {
    keys: Vec<u128>,
    start: Vec<usize>,
    size: Vec<usize>,
    len: Vec<usize>,
}

impl Heaps {
    fn new(inst: &super::Instance) -> Self {
        let mut demand = vec![0usize; inst.kindergartens()];
        for &k in &inst.choices {
            demand[k as usize] += 1;
        }
        let size: Vec<usize> = demand
            .iter()
            .zip(&inst.capacities)
            .map(|(&d, &cap)| d.min(cap as usize))
            .collect();
        let mut start = Vec::with_capacity(size.len());
        let mut total = 0;
        for &s in &size {
            start.push(total);
            total += s;
        }
        Self {
            keys: vec![0; total],
            len: vec![0; size.len()],
            start,
            size,
        }
    }

    /// The held keys of kindergarten `k`, in heap order.
    fn of(&self, k: usize) -> &[u128] {
        &self.keys[self.start[k]..self.start[k] + self.len[k]]
    }

    /// Offers `key` to kindergarten `k`: held if there is room or it beats the worst held
    /// (who is then released and returned); else the proposer is returned.
    fn offer(&mut self, k: usize, key: u128) -> Option<u32> {
        let (start, len) = (self.start[k], self.len[k]);
        let heap = &mut self.keys[start..start + self.size[k]];
        if len < heap.len() {
            heap[len] = key;
            sift_up(&mut heap[..=len], len);
            self.len[k] += 1;
            return None;
        }
        match heap.first_mut() {
            Some(worst) if key < *worst => {
                let out = PriorityKey::unpack(*worst).child;
                *worst = key;
                sift_down(heap, 0);
                Some(out)
            }
            _ => Some(PriorityKey::unpack(key).child),
        }
    }
}

/// Restores the max-heap order after the key at `i` grew (moved up).
fn sift_up(heap: &mut [u128], mut i: usize) {
    while i > 0 {
        let parent = (i - 1) / 2;
        if heap[parent] >= heap[i] {
            break;
        }
        heap.swap(parent, i);
        i = parent;
    }
}

/// Restores the max-heap order after the key at `i` shrank (moved down).
fn sift_down(heap: &mut [u128], mut i: usize) {
    loop {
        let (l, r) = (2 * i + 1, 2 * i + 2);
        let mut largest = i;
        if l < heap.len() && heap[l] > heap[largest] {
            largest = l;
        }
        if r < heap.len() && heap[r] > heap[largest] {
            largest = r;
        }
        if largest == i {
            return;
        }
        heap.swap(i, largest);
        i = largest;
    }
}

#[cfg(test)]
mod tests {
    use rand_chacha::rand_core::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::super::{Instance, TieBreak};

    /// Under one common order, the serial dictatorship that `deferred_acceptance` returns is
    /// exactly what the proposals give, on random instances with ties in `base`.
    #[test]
    fn common_order_shortcut_equals_the_proposals() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for round in 0..300u64 {
            let n = 1 + rng.next_u32() as usize % 60;
            let m = 1 + rng.next_u32() as usize % 8;
            let preferences: Vec<Vec<u32>> = (0..n)
                .map(|_| {
                    let mut list: Vec<u32> = (0..m as u32).collect();
                    for i in (1..list.len()).rev() {
                        list.swap(i, rng.next_u32() as usize % (i + 1));
                    }
                    list.truncate(rng.next_u32() as usize % (m + 1));
                    list
                })
                .collect();
            let capacities = (0..m).map(|_| rng.next_u32() % 5).collect();
            let base = (0..n).map(|_| rng.next_u32() % 10).collect();
            let instance = Instance::new(preferences, capacities, base).expect("valid");
            for tie_break in [TieBreak::None, TieBreak::Single(round)] {
                let ranked = instance.rank(tie_break);
                assert!(ranked.common_order());
                assert_eq!(
                    ranked.deferred_acceptance(),
                    ranked.propose(),
                    "round {round}"
                );
            }
            let multiple = instance.rank(TieBreak::Multiple(round));
            assert!(!multiple.common_order());
        }
    }
}
