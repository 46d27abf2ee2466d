//! A Fenwick (binary indexed) tree of presence bits: prefix counts in O(log n), appends in
//! O(log n), linear rebuild.
//!
//! Written by hand: it is thirty lines, and the crates that offer one either lack the
//! append the queue needs or carry generic machinery the queue does not.

/// Counts over slots `0..len`, each 0 or 1.
#[derive(Debug, Clone, Default)]
pub(super) struct Fenwick {
    /// 1-based tree; `tree[0]` is unused.
    tree: Vec<u32>,
}

fn lowbit(i: usize) -> usize {
    i & i.wrapping_neg()
}

impl Fenwick {
    /// A tree over `bits`, built in linear time.
    pub(super) fn from_bits(bits: impl ExactSizeIterator<Item = bool>) -> Self {
        let mut tree = Vec::with_capacity(bits.len() + 1);
        tree.push(0);
        tree.extend(bits.map(u32::from));
        let n = tree.len();
        for i in 1..n {
            let parent = i + lowbit(i);
            if parent < n {
                tree[parent] += tree[i];
            }
        }
        Self { tree }
    }

    /// Appends a slot holding `bit`.
    pub(super) fn push(&mut self, bit: bool) {
        if self.tree.is_empty() {
            self.tree.push(0);
        }
        let i = self.tree.len();
        // Node i covers (i - lowbit(i), i]: the new slot plus the slots before it in range.
        let covered = self.prefix(i - 1) - self.prefix(i - lowbit(i));
        self.tree.push(covered + u32::from(bit));
    }

    /// Adds `delta` (±1) at slot `slot`.
    pub(super) fn add(&mut self, slot: usize, delta: i32) {
        let mut i = slot + 1;
        while i < self.tree.len() {
            self.tree[i] = self.tree[i].wrapping_add_signed(delta);
            i += lowbit(i);
        }
    }

    /// The sum of slots `0..end`.
    pub(super) fn prefix(&self, end: usize) -> u32 {
        let mut i = end.min(self.tree.len().saturating_sub(1));
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i];
            i -= lowbit(i);
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::Fenwick;

    #[test]
    fn push_add_and_rebuild_agree_with_a_plain_count() {
        let bits: Vec<bool> = (0..100).map(|i| i % 3 != 0).collect();
        let built = Fenwick::from_bits(bits.iter().copied());
        let mut pushed = Fenwick::default();
        for &b in &bits {
            pushed.push(b);
        }
        for end in 0..=100 {
            let want = u32::try_from(bits[..end].iter().filter(|b| **b).count()).unwrap();
            assert_eq!(built.prefix(end), want);
            assert_eq!(pushed.prefix(end), want);
        }
        pushed.add(0, 1);
        pushed.add(3, 1);
        pushed.add(1, -1);
        assert_eq!(pushed.prefix(4), 3);
    }
}
