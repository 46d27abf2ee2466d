//! The round of ranked choices with automatic directions (`RULES.md §5a`), on the engine.
//!
//! Where the policy gives places by ranked choices, a pool's round gives its open places
//! to the waiting children who ranked their kindergartens: each child gets a direction to
//! the most preferred of its choices that still has room when its turn comes, in queue
//! order (`§3`: class, moment, id; interleaving where the policy says so). A child with a
//! sibling enrolled at a kindergarten stands first there (`sibling_priority`): the round
//! is then child-proposing deferred acceptance with the queue order as the tie-break,
//! which is serial dictatorship in queue order when no sibling priority applies. Twins
//! of a batch propose together, as one unit that needs as many places as they are
//! children: all of them get a place at one kindergarten or none does. Children who may
//! not be offered a place now (age, stop-list, documents, enrolled…) are skipped with
//! their failed checks, as in the notice round.
//!
//! The directions live as any other (`§6`): revocation, show-up, stop-list, extension; a
//! place given back goes on at the pool's next round (`Engine::offer_round`,
//! `Engine::distribute`).

use std::collections::BinaryHeap;
use std::sync::Arc;

use chrono::NaiveDateTime;
use foldhash::HashMap;
use smallvec::SmallVec;

use super::detail::Detail;
use super::round::queue_order;
use super::state::{Direction, Via};
use super::{Actor, Engine, Reason, State};
use crate::allocation::{BulletinId, Directed, Skipped};
use crate::application::{ApplicationId, QueueKey};
use crate::benefit::PriorityClass;
use crate::iin::Iin;

/// A kindergarten of the pool with open places, with its bulletins and their places.
type Room = (Arc<str>, Vec<(BulletinId, u32)>);

/// Children who propose together: one child, or the twins of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The children, the unit's first in queue order first.
    pub(crate) members: SmallVec<[ApplicationId; 1]>,
    /// The kindergartens it ranked that have room, as indices, best first.
    pub(crate) choices: SmallVec<[u32; 4]>,
    /// The kindergartens where it has sibling priority, as indices.
    pub(crate) siblings_at: SmallVec<[u32; 1]>,
}

impl Unit {
    /// How many places it needs.
    fn weight(&self) -> u32 {
        u32::try_from(self.members.len()).unwrap_or(u32::MAX)
    }

    /// Where unit number `base` (its queue order) stands at kindergarten `k`: smaller is
    /// better; a sibling there first.
    fn key(&self, base: u32, k: u32) -> (bool, u32) {
        (!self.siblings_at.contains(&k), base)
    }
}

/// Child-proposing deferred acceptance over `units` in queue order (a unit's index is its
/// place in the order) and kindergartens of `capacity` places: each unit's kindergarten
/// index, or `None`. A unit is held at a kindergarten only with room for all its children;
/// with units of one child each this is the child-optimal stable matching.
pub(crate) fn deferred_acceptance(units: &[Unit], capacity: &[u32]) -> Vec<Option<u32>> {
    let mut next = vec![0_usize; units.len()];
    let mut held_at: Vec<Option<u32>> = vec![None; units.len()];
    // Per kindergarten, the units it holds, the worst-placed on top.
    let mut held: Vec<BinaryHeap<((bool, u32), u32)>> = vec![BinaryHeap::new(); capacity.len()];
    let mut load = vec![0_u32; capacity.len()];
    let mut free: Vec<u32> = (0..u32::try_from(units.len()).unwrap_or(u32::MAX))
        .rev()
        .collect();
    while let Some(u) = free.pop() {
        let unit = &units[u as usize];
        while held_at[u as usize].is_none() {
            let Some(&k) = unit.choices.get(next[u as usize]) else {
                break;
            };
            next[u as usize] += 1;
            let (ki, w) = (k as usize, unit.weight());
            if w > capacity[ki] {
                continue;
            }
            held[ki].push((unit.key(u, k), u));
            held_at[u as usize] = Some(k);
            load[ki] += w;
            while load[ki] > capacity[ki] {
                let Some((_, worst)) = held[ki].pop() else {
                    break;
                };
                load[ki] -= units[worst as usize].weight();
                held_at[worst as usize] = None;
                if worst != u {
                    free.push(worst);
                }
            }
        }
    }
    held_at
}

/// The deadlines every direction of a round at one moment carries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DirectionWindows {
    pub(crate) show_up_by: crate::calendar::Deadline,
    pub(crate) revocable_until: crate::calendar::Deadline,
    /// For out-of-turn children: confirming the right in person.
    pub(crate) right_confirm_by: crate::calendar::Deadline,
}

impl Engine {
    /// The deadlines of a direction issued at `at`.
    pub(crate) fn direction_windows(
        &self,
        at: NaiveDateTime,
    ) -> Result<DirectionWindows, super::LifecycleError> {
        let p = &self.policy;
        Ok(DirectionWindows {
            show_up_by: self.deadline(at, p.show_up_window)?,
            revocable_until: self.deadline(at, p.revocation_window)?,
            right_confirm_by: self.deadline(at, p.out_of_turn_confirmation)?,
        })
    }

    /// The round of ranked choices in the pool of `key` at `at`: the directions it issued,
    /// and the children it passed over (added to `skipped`).
    pub(super) fn ranked_round(
        &mut self,
        key: &QueueKey,
        at: NaiveDateTime,
        windows: DirectionWindows,
        skipped: &mut Vec<Skipped>,
    ) -> Vec<Directed> {
        // The kindergartens of the pool with open places, each with its bulletins and
        // their free places; places a notice or voucher holds (the pool's reserved ones)
        // are left out, from the last bulletins.
        let mut kindergartens: Vec<Room> = Vec::new();
        let mut left = self.board.open(key);
        for &b in self.board.with_free_places(key) {
            let Some(bulletin) = self.board.get(b) else {
                continue;
            };
            let open = bulletin.free().min(left);
            if open == 0 {
                break;
            }
            left -= open;
            let id = &bulletin.kindergarten.id;
            match kindergartens.iter_mut().find(|(k, _)| k == id) {
                Some((_, list)) => list.push((b, open)),
                None => kindergartens.push((Arc::clone(id), vec![(b, open)])),
            }
        }
        if kindergartens.is_empty() {
            return Vec::new();
        }
        let units = self.ranked_units(key, &kindergartens, at, skipped);
        let capacity: Vec<u32> = kindergartens
            .iter()
            .map(|(_, list)| list.iter().map(|(_, open)| open).sum())
            .collect();
        let placed = deferred_acceptance(&units, &capacity);
        let mut directed = Vec::new();
        for (unit, k) in units.iter().zip(placed) {
            let Some(k) = k else { continue };
            let (kindergarten, bulletins) = &mut kindergartens[k as usize];
            for &id in &unit.members {
                let Some(slot) = bulletins.iter_mut().find(|(_, open)| *open > 0) else {
                    break; // the round held room for the whole unit: never reached
                };
                slot.1 -= 1;
                let bulletin = slot.0;
                let Ok(i) = self.index(id) else { continue };
                let r = &self.records[i];
                let choice = r
                    .app
                    .ranked_choices
                    .iter()
                    .position(|c| c == kindergarten)
                    .unwrap_or(0);
                let right_confirm_by =
                    (r.app.class == PriorityClass::OutOfTurn).then_some(windows.right_confirm_by);
                let direction = Direction {
                    kindergarten: Arc::clone(kindergarten),
                    issued_at: at,
                    via: Via::RankedChoice,
                    show_up_by: windows.show_up_by,
                    revocable_until: windows.revocable_until,
                    extensions_used: 0,
                    right_confirm_by,
                    bulletin: Some(bulletin),
                };
                let detail = Some(Detail::Shared(Arc::clone(kindergarten)));
                let state = State::DirectionIssued(Box::new(direction));
                self.commit_state(
                    i,
                    state,
                    at,
                    Actor::Operator,
                    Reason::DirectionIssued,
                    detail,
                );
                directed.push(Directed {
                    id,
                    kindergarten: Arc::clone(kindergarten),
                    bulletin,
                    choice: u32::try_from(choice).unwrap_or(u32::MAX),
                });
            }
        }
        directed
    }

    /// The units of the round in queue order: the waiting children of the pool who ranked
    /// one of `kindergartens` and may be offered a place (the others that ranked one go to
    /// `skipped` with their failed checks), twins together.
    fn ranked_units(
        &self,
        key: &QueueKey,
        kindergartens: &[Room],
        at: NaiveDateTime,
        skipped: &mut Vec<Skipped>,
    ) -> Vec<Unit> {
        let Some(q) = self.waiting.id_of(key) else {
            return Vec::new();
        };
        let index_of = |id: &Arc<str>| {
            kindergartens
                .iter()
                .position(|(k, _)| k == id)
                .and_then(|i| u32::try_from(i).ok())
        };
        let siblings = self.enrolled_by_applicant(kindergartens);
        let mut batches_seen: Vec<ApplicationId> = Vec::new();
        let mut units = Vec::new();
        for id in queue_order(self, q, key) {
            let Ok(i) = self.index(id) else { continue };
            let r = &self.records[i];
            let members: SmallVec<[ApplicationId; 1]> = match r.batch {
                None => SmallVec::from_elem(id, 1),
                Some(b) if batches_seen.contains(&b) => continue,
                Some(b) => {
                    batches_seen.push(b);
                    self.batch_members(b).into_iter().collect()
                }
            };
            let choices: SmallVec<[u32; 4]> =
                r.app.ranked_choices.iter().filter_map(index_of).collect();
            if choices.is_empty() {
                continue;
            }
            let before = skipped.len();
            let weight = u32::try_from(members.len()).unwrap_or(u32::MAX);
            self.screen(&members, q, weight, at, &self.policy, skipped);
            if skipped.len() > before {
                continue;
            }
            let mut siblings_at: SmallVec<[u32; 1]> = SmallVec::new();
            for &m in &members {
                let Ok(mi) = self.index(m) else { continue };
                let app = &self.records[mi].app;
                for a in &app.applicants {
                    let Some(enrolled) = siblings.get(a) else {
                        continue;
                    };
                    for (child, k) in enrolled {
                        if *child != app.child && !siblings_at.contains(k) {
                            siblings_at.push(*k);
                        }
                    }
                }
            }
            units.push(Unit {
                members,
                choices,
                siblings_at,
            });
        }
        units
    }

    /// Where the policy gives sibling priority: by applicant, each child of theirs enrolled
    /// at one of `kindergartens`, with the kindergarten's index (looked up once per
    /// candidate, not scanned).
    fn enrolled_by_applicant(&self, kindergartens: &[Room]) -> HashMap<Iin, Vec<(Iin, u32)>> {
        if !self
            .policy
            .ranked_choices
            .is_some_and(|r| r.sibling_priority)
        {
            return HashMap::default();
        }
        let mut out: HashMap<Iin, Vec<(Iin, u32)>> = HashMap::default();
        for r in &self.records {
            let State::Enrolled { kindergarten, .. } = &r.state else {
                continue;
            };
            let Some(k) = kindergartens.iter().position(|(id, _)| id == kindergarten) else {
                continue;
            };
            for a in &r.app.applicants {
                let k = u32::try_from(k).unwrap_or(u32::MAX);
                out.entry(*a).or_default().push((r.app.child, k));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::cast_possible_truncation)] // indices of at most 40 children
    use super::{deferred_acceptance, Unit};
    use smallvec::smallvec;

    fn unit(id: u64, choices: &[u32], siblings_at: &[u32]) -> Unit {
        Unit {
            members: smallvec![crate::application::ApplicationId(id)],
            choices: choices.iter().copied().collect(),
            siblings_at: siblings_at.iter().copied().collect(),
        }
    }

    /// RULES.md §5a's smallest case: X and Y one place each; a < b < c; a chose X; b chose
    /// Y then X; c chose X then Y with a sibling at Y. The round gives a X and c Y.
    #[test]
    fn the_rules_smallest_case() {
        let units = [
            unit(1, &[0], &[]),
            unit(2, &[1, 0], &[]),
            unit(3, &[0, 1], &[1]),
        ];
        assert_eq!(
            deferred_acceptance(&units, &[1, 1]),
            [Some(0), None, Some(1)]
        );
    }

    /// Twins need room for both at one kindergarten, or neither is placed there.
    #[test]
    fn twins_together_or_not_at_all() {
        let mut twins = unit(1, &[0, 1], &[]);
        twins.members.push(crate::application::ApplicationId(2));
        let units = [twins, unit(3, &[0], &[])];
        // X has one place: the twins go on to Y (two places).
        assert_eq!(deferred_acceptance(&units, &[1, 2]), [Some(1), Some(0)]);
        // Y has one place too: the twins get nothing.
        assert_eq!(deferred_acceptance(&units, &[1, 1]), [None, Some(0)]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256, failure_persistence: None, ..Default::default()
        })]

        /// Without twins, the round's deferred acceptance equals the batch matching's
        /// (`kezek::matching`) on the same instance: queue order as the base rank, sibling
        /// priority as a level; serial dictatorship when no sibling priority applies.
        #[test]
        fn equals_the_batch_matching(
            lists in proptest::collection::vec(
                (proptest::collection::btree_set(0_u32..5, 0..4), proptest::collection::btree_set(0_u32..5, 0..2)),
                0..40),
            order in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 40),
            capacity in proptest::collection::vec(0_u32..4, 5),
        ) {
            use crate::matching::{Instance, Mechanism, TieBreak};
            // A ranking from each set, shuffled by `order` so choices are not sorted.
            let units: Vec<Unit> = lists.iter().enumerate().map(|(c, (choices, sib))| {
                let mut choices: Vec<u32> = choices.iter().copied().collect();
                if !choices.is_empty() {
                    let at = order[c].index(choices.len());
                    choices.rotate_left(at);
                }
                unit(c as u64, &choices, &sib.iter().copied().collect::<Vec<_>>())
            }).collect();
            let instance = Instance::new(
                units.iter().map(|u| u.choices.to_vec()).collect(),
                capacity.clone(),
                (0..units.len() as u32).collect(),
            ).and_then(|i| {
                let levels: Vec<(u32, u32, u8)> = units.iter().enumerate()
                    .flat_map(|(c, u)| u.siblings_at.iter().map(move |&k| (c as u32, k, 1)))
                    .collect();
                i.with_priorities(&levels)
            }).expect("an instance");
            let ranked = instance.rank(TieBreak::None);
            let batch = ranked.solve(Mechanism::DeferredAcceptance).assignments();
            proptest::prop_assert_eq!(deferred_acceptance(&units, &capacity), batch);
            if units.iter().all(|u| u.siblings_at.is_empty()) {
                let serial = ranked.solve(Mechanism::SerialDictatorship).assignments();
                proptest::prop_assert_eq!(deferred_acceptance(&units, &capacity), serial);
            }
        }
    }
}
