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
    let mut run = Run::new(capacity.len());
    run.extend(units, capacity);
    let exhausted = run.invitations == 0;
    (run.held_at, exhausted)
}

/// A run of deferred acceptance that more units can join (`Run::extend`): units
/// added after all the others, in the queue's order, propose as they would have had
/// they been there from the start (each unit proposes, with what its proposals set off,
/// before the next one), so the run equals one over all of them.
#[derive(Debug, Default)]
pub(crate) struct Run {
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

impl Run {
    /// A run over `kindergartens` kindergartens, no unit yet.
    pub(crate) fn new(kindergartens: usize) -> Self {
        Run {
            held: vec![Vec::new(); kindergartens],
            load: vec![0; kindergartens],
            rejected: vec![Vec::new(); kindergartens],
            invitations: 64,
            ..Run::default()
        }
    }

    /// Room for `units` units in all, taken at once (a growing list is copied).
    pub(crate) fn reserve(&mut self, units: usize) {
        let more = units.saturating_sub(self.next.len());
        self.next.reserve(more);
        self.held_at.reserve(more);
        self.free.reserve(more);
    }

    /// Where each unit is placed so far, in the units' order.
    pub(crate) fn placed(&self) -> &[Option<u32>] {
        &self.held_at
    }

    /// Where each unit was placed, in the units' order.
    pub(crate) fn into_placed(self) -> Vec<Option<u32>> {
        self.held_at
    }

    /// The places the units held at each kindergarten take.
    pub(crate) fn load(&self) -> &[u32] {
        &self.load
    }

    /// Whether `units` (those of the run first, then new ones) may join the run: the
    /// run's units never needed a place each while the new ones do (units turned away
    /// were then not kept for invitations back).
    pub(crate) fn may_extend(&self, units: &[Unit]) -> bool {
        self.lumpy || units[self.held_at.len()..].iter().all(|u| u.weight() <= 1)
    }

    /// The units of `units` past those of the run join it, and propose (see [`Run`]).
    pub(crate) fn extend(&mut self, units: &[Unit], capacity: &[u32]) {
        let from = self.held_at.len();
        let new = &units[from..];
        let choices: usize = new.iter().map(|u| u.choices.len()).sum();
        self.invitations = self.invitations.saturating_add(choices.saturating_mul(4));
        self.lumpy |= new.iter().any(|u| u.members.len() > 1);
        self.next.resize(units.len(), 0);
        self.held_at.resize(units.len(), None);
        let end = u32::try_from(units.len()).unwrap_or(u32::MAX);
        let start = u32::try_from(from).unwrap_or(u32::MAX);
        self.free.extend((start..end).rev());
        let mut m = Proposals {
            units,
            capacity,
            run: self,
        };
        // Room that opened goes to the units turned away before anyone proposes further.
        loop {
            if let Some(k) = m.run.opened.pop() {
                m.invite_back(k);
            } else if let Some(u) = m.run.free.pop() {
                m.propose_down(u);
            } else {
                break;
            }
        }
    }
}

/// A run of proposals over its units and places.
struct Proposals<'a> {
    units: &'a [Unit],
    capacity: &'a [u32],
    run: &'a mut Run,
}

impl Proposals<'_> {
    /// Unit `u` proposes down its choices until one holds it or none is left.
    fn propose_down(&mut self, u: u32) {
        let unit = &self.units[u as usize];
        while self.run.held_at[u as usize].is_none() {
            let Some(&k) = unit.choices.get(self.run.next[u as usize]) else {
                return;
            };
            self.run.next[u as usize] += 1;
            if !self.admit(u, k) && self.run.lumpy {
                self.run.rejected[k as usize].push(u);
            }
        }
    }

    /// The places the units held at `k` with a better key than `key` take, and where
    /// `key` would stand among them.
    fn better(&self, k: u32, key: Key) -> (u32, usize) {
        let list = &self.run.held[k as usize];
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
        self.run.held[ki].insert(at, (key, u));
        self.run.held_at[u as usize] = Some(k);
        self.run.load[ki] += unit.weight();
        let mut displaced = false;
        while self.run.load[ki] > self.capacity[ki] {
            let Some((_, worst)) = self.run.held[ki].pop() else {
                break;
            };
            self.run.load[ki] -= self.units[worst as usize].weight();
            self.run.held_at[worst as usize] = None;
            if self.run.lumpy {
                self.run.rejected[ki].push(worst);
            }
            self.run.free.push(worst);
            displaced = true;
        }
        if displaced && self.run.load[ki] < self.capacity[ki] {
            self.run.opened.push(k);
        }
        true
    }

    /// Room opened at `k`: admits in turn the best-keyed units it turned away that still
    /// prefer it to where they are and fit, while invitations last.
    fn invite_back(&mut self, k: u32) {
        let ki = k as usize;
        let mut candidates: Vec<(Key, u32)> = std::mem::take(&mut self.run.rejected[ki])
            .into_iter()
            .map(|v| (self.units[v as usize].key(v, k), v))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut still = Vec::with_capacity(candidates.len());
        for (key, v) in candidates {
            let unit = &self.units[v as usize];
            let prefers = unit.prefers(k, self.run.held_at[v as usize]);
            let fits = self.run.load[ki] < self.capacity[ki]
                && self.better(k, key).0.saturating_add(unit.weight()) <= self.capacity[ki];
            if !prefers || !fits || self.run.invitations == 0 {
                if prefers {
                    still.push(v);
                }
                continue;
            }
            self.run.invitations -= 1;
            if let Some(j) = self.run.held_at[v as usize].take() {
                let ji = j as usize;
                self.run.held[ji].retain(|&(_, w)| w != v);
                self.run.load[ji] -= unit.weight();
                self.run.opened.push(j);
            }
            self.run.next[v as usize] = unit.rank_of(k).saturating_add(1);
            if !self.admit(v, k) {
                self.run.free.push(v); // never: it fits
            }
        }
        still.append(&mut self.run.rejected[ki]);
        self.run.rejected[ki] = still;
    }
}

#[cfg(test)]
mod tests;
