//! Presence bits with rank: how many of the slots before a given one are present.
//!
//! The bits are packed in 64-bit words, and a Fenwick (binary indexed) tree keeps the
//! running counts of the words. A rank is one Fenwick walk over `n / 64` words (small
//! enough to stay in cache) plus one popcount, so a lookup among 10⁶ children touches few
//! cache lines; setting a bit or appending one is O(log n).
//!
//! Written by hand: it is a few dozen lines, and the crates that offer a Fenwick tree or a
//! rank bitmap either lack the append the queue needs or are static.

/// A Fenwick tree of counts, 1-based inside.
#[derive(Debug, Clone, Default)]
struct Fenwick {
    tree: Vec<u32>,
}

fn lowbit(i: usize) -> usize {
    i & i.wrapping_neg()
}

impl Fenwick {
    fn from_counts(counts: impl ExactSizeIterator<Item = u32>) -> Self {
        let mut tree = Vec::with_capacity(counts.len() + 1);
        tree.push(0);
        tree.extend(counts);
        let n = tree.len();
        for i in 1..n {
            let parent = i + lowbit(i);
            if parent < n {
                tree[parent] += tree[i];
            }
        }
        Self { tree }
    }

    fn push(&mut self, count: u32) {
        if self.tree.is_empty() {
            self.tree.push(0);
        }
        let i = self.tree.len();
        // Node i covers (i - lowbit(i), i]: the new entry plus the entries before it in range.
        let covered = self.prefix(i - 1) - self.prefix(i - lowbit(i));
        self.tree.push(covered + count);
    }

    fn add(&mut self, entry: usize, delta: i32) {
        let mut i = entry + 1;
        while i < self.tree.len() {
            self.tree[i] = self.tree[i].wrapping_add_signed(delta);
            i += lowbit(i);
        }
    }

    /// The sum of entries `0..end`.
    fn prefix(&self, end: usize) -> u32 {
        let mut i = end.min(self.tree.len().saturating_sub(1));
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i];
            i -= lowbit(i);
        }
        sum
    }
}

/// Presence bits over slots `0..len`, with rank.
#[derive(Debug, Clone, Default)]
pub(super) struct Rank {
    words: Vec<u64>,
    counts: Fenwick,
    len: usize,
}

impl Rank {
    /// Bits from an iterator, built in linear time.
    pub(super) fn from_bits(bits: impl Iterator<Item = bool>) -> Self {
        let mut words: Vec<u64> = Vec::new();
        let mut len = 0;
        for (i, bit) in bits.enumerate() {
            if i % 64 == 0 {
                words.push(0);
            }
            if bit {
                words[i / 64] |= 1 << (i % 64);
            }
            len = i + 1;
        }
        let counts = Fenwick::from_counts(words.iter().map(|w| w.count_ones()));
        Self { words, counts, len }
    }

    /// Appends a slot holding `bit`.
    pub(super) fn push(&mut self, bit: bool) {
        let i = self.len;
        if i % 64 == 0 {
            self.words.push(0);
            self.counts.push(0);
        }
        self.len += 1;
        if bit {
            self.set(i, true);
        }
    }

    /// Whether slot `i` is present.
    pub(super) fn get(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Sets slot `i` (below the length) present or absent.
    pub(super) fn set(&mut self, i: usize, bit: bool) {
        if i >= self.len || self.get(i) == bit {
            return;
        }
        self.words[i / 64] ^= 1 << (i % 64);
        self.counts.add(i / 64, if bit { 1 } else { -1 });
    }

    /// How many slots before `end` are present.
    pub(super) fn rank(&self, end: usize) -> u32 {
        let end = end.min(self.len);
        let (word, bit) = (end / 64, end % 64);
        let partial = match self.words.get(word) {
            Some(w) if bit > 0 => (w & ((1u64 << bit) - 1)).count_ones(),
            _ => 0,
        };
        self.counts.prefix(word) + partial
    }

    /// The present bits, in order.
    pub(super) fn bits(&self) -> impl Iterator<Item = bool> + '_ {
        (0..self.len).map(|i| self.get(i))
    }

    /// The present slots, in order; absent stretches are skipped a word at a time, so the
    /// head of a lane whose front has left is reached quickly.
    pub(super) fn present(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Rank;

    #[test]
    fn push_set_and_rebuild_agree_with_a_plain_count() {
        let mut bits: Vec<bool> = (0..300).map(|i| i % 3 != 0).collect();
        let built = Rank::from_bits(bits.iter().copied());
        let mut pushed = Rank::default();
        for &b in &bits {
            pushed.push(b);
        }
        for end in 0..=300 {
            let want = u32::try_from(bits[..end].iter().filter(|b| **b).count()).unwrap();
            assert_eq!(built.rank(end), want);
            assert_eq!(pushed.rank(end), want);
        }
        for i in [0, 63, 64, 65, 200, 299] {
            pushed.set(i, !bits[i]);
            bits[i] = !bits[i];
        }
        for end in 0..=300 {
            let want = u32::try_from(bits[..end].iter().filter(|b| **b).count()).unwrap();
            assert_eq!(pushed.rank(end), want);
        }
        assert!(pushed.bits().eq(bits.iter().copied()));
        let present: Vec<usize> = (0..300).filter(|&i| bits[i]).collect();
        assert_eq!(pushed.present().collect::<Vec<_>>(), present);
    }
}
