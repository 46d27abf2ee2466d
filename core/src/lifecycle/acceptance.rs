//! Child-proposing deferred acceptance for the round of ranked choices (`RULES.md §5a`),
//! with units that need more than one place (the twins of a batch).
//!
//! Each unit proposes down its choices; a kindergarten holds the best-keyed units it has
//! room for, its key for a unit being (its level there, place in the queue order): a unit
//! that already holds a direction there first (so a round never takes a direction away,
//! and moves a holder only to a place it prefers), then one with a sibling there, then the
//! others. A unit is admitted only if the units held with a better key leave room for all
//! its children; admitting it displaces the worst-keyed held units until the places
//! suffice. With units of one child each this is the textbook algorithm and its result
//! the child-optimal stable matching (equal to `kezek::matching`'s; serial dictatorship
//! in queue order when no sibling priority applies).
//!
//! Twins make room lumpy: displacing a pair for a better-keyed single child can leave a
//! place free that a child rejected earlier wanted. Such a child is **invited back**:
//! when a kindergarten has room after a change, the best-keyed units it rejected that
//! still prefer it to where they are and fit are admitted in turn (leaving their place,
//! which may invite others there). The result then passes the round's certificate (no
//! unit passed over where the better-keyed units left room for all its children).
//! Stable outcomes need not exist with units of several sizes and priorities that differ
//! between kindergartens (`McDermid` & `Manlove` 2010), so invitations are bounded (four per
//! choice ranked, plus 64): past the bound the round keeps what it has, and its
//! certificate shows any unit passed over (`CERT_PASSED_OVER`). Property tests with
//! dense twins and sibling priorities have not reached the bound.

use smallvec::SmallVec;

use crate::allocation::certificate::level;
use crate::application::ApplicationId;

/// Children who propose together: one child, or the twins of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The children, the unit's first in queue order first.
    pub(crate) members: SmallVec<[ApplicationId; 1]>,
    /// The kindergartens it ranked that have room, as indices, best first.
    pub(crate) choices: SmallVec<[u32; 4]>,
    /// The kindergartens where it has sibling priority, as indices.
    pub(crate) siblings_at: SmallVec<[u32; 1]>,
    /// Where it holds a direction already (an index): it stands first there, so it keeps
    /// that place unless it gets one it prefers.
    pub(crate) held: Option<u32>,
}

/// A unit's key at a kindergarten: smaller is better.
type Key = (u8, u32);

impl Unit {
    /// How many places it needs.
    pub(crate) fn weight(&self) -> u32 {
        u32::try_from(self.members.len()).unwrap_or(u32::MAX)
    }

    /// Where unit number `base` (its queue order) stands at kindergarten `k`: one that
    /// holds a direction there first, then one with a sibling there.
    pub(crate) fn key(&self, base: u32, k: u32) -> Key {
        (level(self.held, &self.siblings_at, k), base)
    }

    /// Whether it ranked `k` above `placed` (any of its choices, if it has no place).
    pub(crate) fn prefers(&self, k: u32, placed: Option<u32>) -> bool {
        match placed {
            Some(j) => self.rank_of(k) < self.rank_of(j),
            None => self.choices.contains(&k),
        }
    }

    /// Where `k` stands in its choices (past the end if it did not choose it).
    fn rank_of(&self, k: u32) -> usize {
        self.choices
            .iter()
            .position(|&c| c == k)
            .unwrap_or(usize::MAX)
    }
}

/// Child-proposing deferred acceptance over `units` in queue order (a unit's index is its
/// place in the order) and kindergartens of `capacity` places: each unit's kindergarten
/// index, or `None` (see the module).
pub(crate) fn deferred_acceptance(units: &[Unit], capacity: &[u32]) -> Vec<Option<u32>> {
    proposals(units, capacity).0
}

/// [`deferred_acceptance`], and whether it ran out of invitations back.
pub(crate) fn proposals(units: &[Unit], capacity: &[u32]) -> (Vec<Option<u32>>, bool) {
    let choices: usize = units.iter().map(|u| u.choices.len()).sum();
    let mut m = Proposals {
        units,
        capacity,
        next: vec![0; units.len()],
        held_at: vec![None; units.len()],
        held: vec![Vec::new(); capacity.len()],
        load: vec![0; capacity.len()],
        rejected: vec![Vec::new(); capacity.len()],
        free: (0..u32::try_from(units.len()).unwrap_or(u32::MAX))
            .rev()
            .collect(),
        opened: Vec::new(),
        invitations: choices.saturating_mul(4).saturating_add(64),
        lumpy: units.iter().any(|u| u.members.len() > 1),
    };
    // Room that opened goes to the units turned away before anyone proposes further.
    loop {
        if let Some(k) = m.opened.pop() {
            m.invite_back(k);
        } else if let Some(u) = m.free.pop() {
            m.propose_down(u);
        } else {
            break;
        }
    }
    (m.held_at, m.invitations == 0)
}

/// The state of a run of proposals.
struct Proposals<'a> {
    units: &'a [Unit],
    capacity: &'a [u32],
    /// Per unit, the index in its choices of the next it proposes to.
    next: Vec<usize>,
    /// Per unit, where it is held.
    held_at: Vec<Option<u32>>,
    /// Per kindergarten, the units it holds with their keys, best first.
    held: Vec<Vec<(Key, u32)>>,
    /// Per kindergarten, the places its held units take.
    load: Vec<u32>,
    /// Per kindergarten, the units it turned away (some may since be elsewhere).
    rejected: Vec<Vec<u32>>,
    /// Units held nowhere with choices left to propose to.
    free: Vec<u32>,
    /// Kindergartens where room opened after a change.
    opened: Vec<u32>,
    /// Invitations back left.
    invitations: usize,
    /// Whether some unit needs more than one place: else room never opens after a
    /// displacement, and the units turned away need not be kept.
    lumpy: bool,
}

impl Proposals<'_> {
    /// Unit `u` proposes down its choices until one holds it or none is left.
    fn propose_down(&mut self, u: u32) {
        let unit = &self.units[u as usize];
        while self.held_at[u as usize].is_none() {
            let Some(&k) = unit.choices.get(self.next[u as usize]) else {
                return;
            };
            self.next[u as usize] += 1;
            if !self.admit(u, k) && self.lumpy {
                self.rejected[k as usize].push(u);
            }
        }
    }

    /// The places the units held at `k` with a better key than `key` take, and where
    /// `key` would stand among them.
    fn better(&self, k: u32, key: Key) -> (u32, usize) {
        let list = &self.held[k as usize];
        let at = list.partition_point(|&(other, _)| other < key);
        let load = list[..at]
            .iter()
            .map(|&(_, v)| self.units[v as usize].weight())
            .sum();
        (load, at)
    }

    /// Admits `u` at `k` if the better-keyed units leave room for it, displacing the
    /// worst-keyed until the places suffice; whether it was admitted.
    fn admit(&mut self, u: u32, k: u32) -> bool {
        let (ki, unit) = (k as usize, &self.units[u as usize]);
        let key = unit.key(u, k);
        let (load_better, at) = self.better(k, key);
        if load_better.saturating_add(unit.weight()) > self.capacity[ki] {
            return false;
        }
        self.held[ki].insert(at, (key, u));
        self.held_at[u as usize] = Some(k);
        self.load[ki] += unit.weight();
        let mut displaced = false;
        while self.load[ki] > self.capacity[ki] {
            let Some((_, worst)) = self.held[ki].pop() else {
                break;
            };
            self.load[ki] -= self.units[worst as usize].weight();
            self.held_at[worst as usize] = None;
            if self.lumpy {
                self.rejected[ki].push(worst);
            }
            self.free.push(worst);
            displaced = true;
        }
        if displaced && self.load[ki] < self.capacity[ki] {
            self.opened.push(k);
        }
        true
    }

    /// Room opened at `k`: admits in turn the best-keyed units it turned away that still
    /// prefer it to where they are and fit, while invitations last.
    fn invite_back(&mut self, k: u32) {
        let ki = k as usize;
        let mut candidates: Vec<(Key, u32)> = std::mem::take(&mut self.rejected[ki])
            .into_iter()
            .map(|v| (self.units[v as usize].key(v, k), v))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut still = Vec::with_capacity(candidates.len());
        for (key, v) in candidates {
            let unit = &self.units[v as usize];
            let prefers = unit.prefers(k, self.held_at[v as usize]);
            let fits = self.load[ki] < self.capacity[ki]
                && self.better(k, key).0.saturating_add(unit.weight()) <= self.capacity[ki];
            if !prefers || !fits || self.invitations == 0 {
                if prefers {
                    still.push(v);
                }
                continue;
            }
            self.invitations -= 1;
            if let Some(j) = self.held_at[v as usize].take() {
                let ji = j as usize;
                self.held[ji].retain(|&(_, w)| w != v);
                self.load[ji] -= unit.weight();
                self.opened.push(j);
            }
            self.next[v as usize] = unit.rank_of(k).saturating_add(1);
            if !self.admit(v, k) {
                self.free.push(v); // never: it fits
            }
        }
        still.append(&mut self.rejected[ki]);
        self.rejected[ki] = still;
    }
}

#[cfg(test)]
mod tests;
