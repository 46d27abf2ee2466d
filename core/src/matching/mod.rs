//! Batch matching of children to kindergartens (`RULES.md §4–§5`), as analysts and
//! centralised regions compare it.
//!
//! Plain data, so large instances carry no per-object overhead: children are `0..n`,
//! kindergartens `0..m`; a child's preferences are kindergarten indices, best first (flat
//! `offsets` + `choices`, or nested lists); each kindergarten has a capacity; each child a
//! `base` priority rank, lower first (its place in the queue order of `RULES.md §3`); a
//! kindergarten may raise some children above others with a priority `level` (siblings,
//! staff children), higher first. Remaining ties are broken by a seeded lottery, one number
//! per child ([`TieBreak::Single`]) or one per child and kindergarten
//! ([`TieBreak::Multiple`]), else by child index.
//!
//! A kindergarten ranks children by (level, descending; base; lottery; child index): a
//! strict order. [`Instance::rank`] draws the lottery and gives a [`Ranked`] instance, on
//! which the mechanisms run ([`Ranked::deferred_acceptance`],
//! [`Ranked::serial_dictatorship`], [`Ranked::immediate_acceptance`]), and the checkers
//! ([`Ranked::check_valid`], [`Ranked::blocking_pairs`], [`Ranked::justified_envy`]) and
//! explanations ([`Ranked::cutoffs`], [`Ranked::why_not`]) judge a [`Matching`].
//!
//! ```
//! use kezek::matching::{Instance, TieBreak};
//! // Three children, two kindergartens of one place each; child 0 stands first in the queue.
//! let instance = Instance::new(vec![vec![0, 1], vec![0], vec![0, 1]], vec![1, 1], vec![0, 1, 2])?;
//! let ranked = instance.rank(TieBreak::None);
//! let m = ranked.deferred_acceptance();
//! assert_eq!(m.kindergarten_of(0), Some(0));
//! assert_eq!(m.kindergarten_of(1), None);
//! assert_eq!(m.kindergarten_of(2), Some(1));
//! assert!(ranked.blocking_pairs(&m).is_empty());
//! # Ok::<(), kezek::matching::MatchingError>(())
//! ```

// Children and kindergartens are u32 indices by design (half the memory of usize on the
// large instances); `Instance::from_flat` refuses instances that would not fit.
#![allow(clippy::cast_possible_truncation)]

mod checks;
mod error;
mod explain;
mod mechanisms;

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

pub use checks::{Envy, Violation};
pub use error::MatchingError;
pub use explain::{Cutoff, WhyNot};
pub use mechanisms::Mechanism;

/// How ties in `base` priority are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "seed", rename_all = "snake_case")]
pub enum TieBreak {
    /// By child index (the queue order is already total).
    None,
    /// One lottery number per child, the same at every kindergarten (seeded).
    Single(u64),
    /// One lottery number per child and kindergarten (seeded).
    Multiple(u64),
}

/// A matching instance: preferences, capacities and priorities (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    offsets: Vec<u32>,
    choices: Vec<u32>,
    capacities: Vec<u32>,
    base: Vec<u32>,
    /// Priority level of the child at each of its choices (aligned with `choices`); empty
    /// when no kindergarten has priorities.
    levels: Vec<u8>,
}

impl Instance {
    /// From nested preference lists.
    ///
    /// # Errors
    /// `MATCHING_SHAPE`, `MATCHING_INDEX`, `MATCHING_DUPLICATE`.
    pub fn new(
        preferences: Vec<Vec<u32>>,
        capacities: Vec<u32>,
        base: Vec<u32>,
    ) -> Result<Self, MatchingError> {
        let mut offsets = Vec::with_capacity(preferences.len() + 1);
        offsets.push(0);
        let mut choices = Vec::with_capacity(preferences.iter().map(Vec::len).sum());
        for list in preferences {
            choices.extend(list);
            offsets.push(
                u32::try_from(choices.len())
                    .map_err(|_| MatchingError::Offsets { at: offsets.len() })?,
            );
        }
        Self::from_flat(offsets, choices, capacities, base)
    }

    /// From flat arrays: child `c` ranks `choices[offsets[c]..offsets[c + 1]]`; `offsets` has
    /// one entry per child plus one. The entry point for large instances.
    ///
    /// # Errors
    /// `MATCHING_SHAPE`, `MATCHING_OFFSETS`, `MATCHING_INDEX`, `MATCHING_DUPLICATE`.
    pub fn from_flat(
        offsets: Vec<u32>,
        choices: Vec<u32>,
        capacities: Vec<u32>,
        base: Vec<u32>,
    ) -> Result<Self, MatchingError> {
        let n = base.len();
        if offsets.len() != n + 1 {
            return Err(MatchingError::Shape {
                what: "offsets",
                found: offsets.len(),
                expected: n + 1,
            });
        }
        if offsets[0] != 0 || offsets[n] as usize != choices.len() {
            return Err(MatchingError::Offsets {
                at: if offsets[0] == 0 { n } else { 0 },
            });
        }
        if let Some(at) = offsets.windows(2).position(|w| w[0] > w[1]) {
            return Err(MatchingError::Offsets { at: at + 1 });
        }
        let m = capacities.len();
        for (what, len) in [
            ("children", n),
            ("kindergartens", m),
            ("choices", choices.len()),
        ] {
            if len >= NONE as usize {
                return Err(MatchingError::Shape {
                    what,
                    found: len,
                    expected: NONE as usize - 1,
                });
            }
        }
        let mut seen = vec![u32::MAX; m];
        for c in 0..n {
            for &k in &choices[offsets[c] as usize..offsets[c + 1] as usize] {
                let slot = seen.get_mut(k as usize).ok_or(MatchingError::Index {
                    child: c,
                    kindergarten: k,
                    kindergartens: m,
                })?;
                if *slot == c as u32 {
                    return Err(MatchingError::Duplicate {
                        child: c,
                        kindergarten: k,
                    });
                }
                *slot = c as u32;
            }
        }
        Ok(Self {
            offsets,
            choices,
            capacities,
            base,
            levels: Vec::new(),
        })
    }

    /// Adds kindergarten-specific priorities: `(child, kindergarten, level)`, a higher level
    /// first (e.g. 1 for a sibling already there). A priority at a kindergarten the child
    /// did not rank has no effect.
    ///
    /// # Errors
    /// `MATCHING_PRIORITY` for an index out of range.
    pub fn with_priorities(mut self, priorities: &[(u32, u32, u8)]) -> Result<Self, MatchingError> {
        if self.levels.is_empty() && !priorities.is_empty() {
            self.levels = vec![0; self.choices.len()];
        }
        for &(child, kindergarten, level) in priorities {
            if child as usize >= self.children() || kindergarten as usize >= self.kindergartens() {
                return Err(MatchingError::Priority {
                    child,
                    kindergarten,
                });
            }
            if let Some(p) = self.list(child).iter().position(|&k| k == kindergarten) {
                self.levels[self.offsets[child as usize] as usize + p] = level;
            }
        }
        Ok(self)
    }

    /// How many children.
    #[must_use]
    pub fn children(&self) -> usize {
        self.base.len()
    }

    /// How many kindergartens.
    #[must_use]
    pub fn kindergartens(&self) -> usize {
        self.capacities.len()
    }

    /// The capacity of each kindergarten.
    #[must_use]
    pub fn capacities(&self) -> &[u32] {
        &self.capacities
    }

    /// The flat preference offsets: child `c` ranks `choices()[offsets()[c]..offsets()[c + 1]]`.
    #[must_use]
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// Every child's preference list, concatenated (see [`Instance::offsets`]).
    #[must_use]
    pub fn choices(&self) -> &[u32] {
        &self.choices
    }

    /// Each child's base rank (lower first).
    #[must_use]
    pub fn base(&self) -> &[u32] {
        &self.base
    }

    /// The kindergarten priorities above level 0, as `(child, kindergarten, level)` in
    /// child order: what [`Instance::with_priorities`] needs to rebuild the instance.
    #[must_use]
    pub fn priorities(&self) -> Vec<(u32, u32, u8)> {
        if self.levels.is_empty() {
            return Vec::new();
        }
        (0..self.children() as u32)
            .flat_map(|c| {
                let from = self.offsets[c as usize] as usize;
                self.list(c)
                    .iter()
                    .zip(&self.levels[from..])
                    .filter(|(_, &level)| level > 0)
                    .map(move |(&k, &level)| (c, k, level))
            })
            .collect()
    }

    /// Child `c`'s preference list, best first.
    #[must_use]
    pub fn list(&self, c: u32) -> &[u32] {
        &self.choices[self.offsets[c as usize] as usize..self.offsets[c as usize + 1] as usize]
    }

    /// Draws the lottery (if any) and returns the instance with strict priorities.
    #[must_use]
    pub fn rank(&self, tie_break: TieBreak) -> Ranked<'_> {
        let draws = match tie_break {
            TieBreak::None => Vec::new(),
            TieBreak::Single(seed) => draw(seed, self.children()),
            TieBreak::Multiple(seed) => draw(seed, self.choices.len()),
        };
        // Without kindergarten priorities (or with one level everywhere) and without
        // per-kindergarten draws, a child's key is the same at every kindergarten.
        let one_level = self
            .levels
            .iter()
            .all(|&l| Some(l) == self.levels.first().copied());
        Ranked {
            instance: self,
            tie_break,
            draws,
            common: one_level && !matches!(tie_break, TieBreak::Multiple(_)),
        }
    }
}

/// `n` lottery numbers from a seed (`ChaCha8`: the same on every platform).
fn draw(seed: u64, n: usize) -> Vec<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n).map(|_| rng.next_u32()).collect()
}

/// An instance with its lottery drawn: every kindergarten's priority order is strict.
#[derive(Debug, Clone)]
pub struct Ranked<'a> {
    instance: &'a Instance,
    tie_break: TieBreak,
    draws: Vec<u32>,
    /// Whether every kindergarten ranks the children in one order.
    common: bool,
}

/// Where a child stands at a kindergarten, best first when compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PriorityKey {
    /// The kindergarten's priority level for the child (higher first).
    pub level: u8,
    /// The child's base rank (lower first).
    pub base: u32,
    /// The lottery number (lower first; 0 without a lottery).
    pub lottery: u32,
    /// The child (the last tie-break).
    pub child: u32,
}

impl PriorityKey {
    fn pack(self) -> u128 {
        (u128::from(255 - self.level) << 96)
            | (u128::from(self.base) << 64)
            | (u128::from(self.lottery) << 32)
            | u128::from(self.child)
    }

    fn unpack(key: u128) -> Self {
        Self {
            level: 255 - ((key >> 96) as u8),
            base: (key >> 64) as u32,
            lottery: (key >> 32) as u32,
            child: key as u32,
        }
    }
}

impl Ord for PriorityKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.pack().cmp(&other.pack())
    }
}

impl PartialOrd for PriorityKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ranked<'_> {
    /// The instance.
    #[must_use]
    pub fn instance(&self) -> &Instance {
        self.instance
    }

    /// Whether every kindergarten ranks the children in the same order (a child's key is
    /// the same at each of its choices).
    fn common_order(&self) -> bool {
        self.common
    }

    /// The packed key of child `c` at its `p`-th choice: smaller is better.
    fn key(&self, c: u32, p: usize) -> u128 {
        let i = self.instance.offsets[c as usize] as usize + p;
        let level = self.instance.levels.get(i).copied().unwrap_or(0);
        let lottery = match self.tie_break {
            TieBreak::None => 0,
            TieBreak::Single(_) => self.draws[c as usize],
            TieBreak::Multiple(_) => self.draws[i],
        };
        PriorityKey {
            level,
            base: self.instance.base[c as usize],
            lottery,
            child: c,
        }
        .pack()
    }

    /// Where child `c` stands at kindergarten `k`, if it ranked it.
    #[must_use]
    pub fn priority(&self, c: u32, k: u32) -> Option<PriorityKey> {
        let p = self.instance.list(c).iter().position(|&x| x == k)?;
        Some(PriorityKey::unpack(self.key(c, p)))
    }
}

/// No place.
const NONE: u32 = u32::MAX;

/// An assignment of children to kindergartens: for each child, the position of its
/// kindergarten in its own list, or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matching {
    /// Per child: the index into its preference list, `u32::MAX` when unassigned.
    choice: Vec<u32>,
    /// Per child: the kindergarten, `u32::MAX` when unassigned.
    kindergarten: Vec<u32>,
}

impl Matching {
    fn empty(n: usize) -> Self {
        Self {
            choice: vec![NONE; n],
            kindergarten: vec![NONE; n],
        }
    }

    fn assign(&mut self, c: u32, p: usize, k: u32) {
        self.choice[c as usize] = p as u32;
        self.kindergarten[c as usize] = k;
    }

    /// A matching given as each child's kindergarten (or `None`), e.g. one computed
    /// elsewhere, so the checkers and explanations can judge it. Capacities are not checked
    /// here: [`Ranked::check_valid`] reports an over-full kindergarten.
    ///
    /// # Errors
    /// `MATCHING_SHAPE` when there is not one entry per child; `MATCHING_UNRANKED` when a
    /// child is given a kindergarten it did not rank.
    pub fn from_assignments(
        instance: &Instance,
        assignments: &[Option<u32>],
    ) -> Result<Self, MatchingError> {
        if assignments.len() != instance.children() {
            return Err(MatchingError::Shape {
                what: "assignments",
                found: assignments.len(),
                expected: instance.children(),
            });
        }
        let mut m = Self::empty(assignments.len());
        for (c, k) in assignments.iter().enumerate() {
            let Some(kindergarten) = *k else { continue };
            let child = c as u32;
            let p = instance
                .list(child)
                .iter()
                .position(|&x| x == kindergarten)
                .ok_or(MatchingError::Unranked {
                    child,
                    kindergarten,
                })?;
            m.assign(child, p, kindergarten);
        }
        Ok(m)
    }

    /// The kindergarten child `c` got.
    #[must_use]
    pub fn kindergarten_of(&self, c: u32) -> Option<u32> {
        self.kindergarten
            .get(c as usize)
            .copied()
            .filter(|&k| k != NONE)
    }

    /// The position (0 = first choice) of the kindergarten child `c` got in its list.
    #[must_use]
    pub fn choice_of(&self, c: u32) -> Option<usize> {
        self.choice
            .get(c as usize)
            .copied()
            .filter(|&p| p != NONE)
            .map(|p| p as usize)
    }

    /// Per child, its kindergarten or `None`: plain data for analysts.
    #[must_use]
    pub fn assignments(&self) -> Vec<Option<u32>> {
        (0..self.kindergarten.len() as u32)
            .map(|c| self.kindergarten_of(c))
            .collect()
    }

    /// The children each kindergarten admitted, by index, for `m` kindergartens.
    #[must_use]
    pub fn admitted(&self, m: usize) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); m];
        for (c, &k) in self.kindergarten.iter().enumerate() {
            if let Some(list) = out.get_mut(k as usize) {
                list.push(c as u32);
            }
        }
        out
    }
}
