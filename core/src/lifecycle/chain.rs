//! The chain of a place given back, on the engine (`RULES.md §5a`): a free place at a
//! kindergarten goes to the first child in priority order there who ranked it, prefers
//! it to where it is, may be offered a place now and fits (twins: room for all of them);
//! the place it leaves goes on in turn, until a free place finds nobody. Only the
//! children who ranked the kindergartens of the chain are read (`rankers.rs`), each when
//! its turn comes: the cost follows the chain, not the pool.
//!
//! This is the chain of `given_back.rs` on the engine's state, and gives what it gives
//! where the chain alone reaches what a fresh round gives: without sibling priority in
//! the pool, no swap is ever left (a property test there). Where one may be — a child in
//! the pool has a sibling enrolled at a kindergarten it ranked, or a child holding a
//! direction changed its choices — or where the policy interleaves the lanes (the order
//! is then not the queue key's), [`Engine::chain`] declines and the pool is re-placed in
//! full. The engine's fuzz target checks the one against the other after every command.

use std::sync::Arc;

use chrono::NaiveDateTime;
use foldhash::HashMap;
use smallvec::SmallVec;

use super::acceptance::Unit;
use super::ranked_round::{room_index, DirectionWindows, Holder, Instance, Room};
use super::state::State;
use super::Engine;
use crate::allocation::Directed;
use crate::application::{ApplicationId, QueueKey};
use crate::queue::QueueId;

/// The units the chain has read, and where each is.
#[derive(Default)]
struct Read {
    units: Vec<Unit>,
    /// Where each unit is now (an index among the rooms).
    placed: Vec<Option<u32>>,
    /// The holders among the units' children, with their bulletins.
    holders: Vec<Holder>,
    /// Per record read, its unit (`None`: it takes no part now).
    unit_of: HashMap<u32, Option<u32>>,
}

impl Engine {
    /// Offers on the open places of the pool of `key` by the chain alone; `None` when the
    /// chain alone may not reach what a fresh round gives (see the module), the caller
    /// then re-placing the pool in full. The directions issued.
    pub(super) fn chain(
        &mut self,
        key: &QueueKey,
        at: NaiveDateTime,
        windows: DirectionWindows,
    ) -> Option<Vec<Directed>> {
        let q = self.standing.id_of(key)?;
        if self.policy.interleave.is_some()
            || self.rankers.has_siblings(q)
            || self.rankers.unsettled.contains(&q)
        {
            return None;
        }
        let mut rooms = self.open_rooms(key);
        let mut free: Vec<u32> = rooms
            .iter()
            .map(|(_, list)| list.iter().map(|(_, open)| open).sum())
            .collect();
        let mut read = Read::default();
        let mut open: Vec<u32> = (0..u32::try_from(rooms.len()).unwrap_or(u32::MAX))
            .rev()
            .filter(|&k| free[k as usize] > 0)
            .collect();
        let mut moved = false;
        while let Some(k) = open.pop() {
            let room = free[k as usize];
            let id = Arc::clone(&rooms[k as usize].0);
            let mut next = None;
            for r in self.rankers.at(q, &id) {
                let u = match read.unit_of.get(&r) {
                    Some(&u) => u,
                    None => self.read_unit(r as usize, q, at, &mut rooms, &mut read),
                };
                let Some(u) = u else { continue };
                let unit = &read.units[u as usize];
                if unit.weight() <= room && unit.prefers(k, read.placed[u as usize]) {
                    next = Some(u);
                    break;
                }
            }
            let Some(u) = next else { continue };
            free.resize(rooms.len(), 0);
            let w = read.units[u as usize].weight();
            let from = read.placed[u as usize].replace(k);
            free[k as usize] -= w;
            if let Some(j) = from {
                free[j as usize] += w;
                open.push(j);
            }
            moved = true;
            if free[k as usize] > 0 {
                open.push(k);
            }
        }
        if !moved {
            return Some(Vec::new());
        }
        let Read {
            units,
            placed,
            holders,
            ..
        } = read;
        let instance = Instance {
            rooms,
            holders,
            capacity: Vec::new(),
            units,
        };
        Some(self.give(key, at, windows, instance, &placed))
    }

    /// Reads the unit of record `r` of pool `q` into `read` (its kindergartens as indices
    /// among `rooms`, added if new): a waiting child who may be offered a place now, with
    /// its twins, or a child holding a direction of a ranked round, with its twins holding
    /// one at the same kindergarten; as the full round builds them (`ranked_units`).
    fn read_unit(
        &self,
        r: usize,
        q: QueueId,
        at: NaiveDateTime,
        rooms: &mut Vec<Room>,
        read: &mut Read,
    ) -> Option<u32> {
        let record = &self.records[r];
        let (members, held, lead) = match &record.state {
            State::Queued => {
                let members: SmallVec<[ApplicationId; 1]> = match record.batch {
                    None => SmallVec::from_elem(record.app.id, 1),
                    Some(b) => self.batch_members(b).into_iter().collect(),
                };
                let mut skipped = Vec::new();
                let weight = u32::try_from(members.len()).unwrap_or(u32::MAX);
                self.screen(&members, q, weight, at, &self.policy, &mut skipped);
                // The unit's choices are its first child's in the queue's order.
                let lead = members
                    .iter()
                    .filter_map(|&m| self.index(m).ok())
                    .min_by_key(|&i| self.records[i].order);
                let lead = lead.filter(|_| skipped.is_empty());
                (members, None, lead)
            }
            State::DirectionIssued(d) if record.state.holds_ranked_direction() => {
                let kindergarten = Arc::clone(&d.kindergarten);
                let holding = |i: usize| match &self.records[i].state {
                    State::DirectionIssued(d) => {
                        self.records[i].state.holds_ranked_direction()
                            && self.records[i].queue == q
                            && d.kindergarten == kindergarten
                    }
                    _ => false,
                };
                let mut indices: SmallVec<[usize; 1]> = match record.batch {
                    None => SmallVec::from_elem(r, 1),
                    Some(b) => self
                        .batch_members(b)
                        .into_iter()
                        .filter_map(|m| self.index(m).ok())
                        .filter(|&i| i == r || (self.records[i].batch == Some(b) && holding(i)))
                        .collect(),
                };
                indices.sort_unstable();
                for &i in &indices {
                    if let State::DirectionIssued(d) = &self.records[i].state {
                        if let Some(bulletin) = d.bulletin {
                            read.holders.push(Holder {
                                id: self.records[i].app.id,
                                kindergarten: Arc::clone(&d.kindergarten),
                                bulletin,
                            });
                        }
                    }
                }
                let k = index_u32(room_index(rooms, &kindergarten));
                let members = indices.iter().map(|&i| self.records[i].app.id).collect();
                (members, Some(k), indices.first().copied())
            }
            _ => (SmallVec::new(), None, None),
        };
        let unit = lead.map(|lead| {
            let mut choices: SmallVec<[u32; 4]> = self.records[lead]
                .app
                .ranked_choices
                .iter()
                .map(|c| index_u32(room_index(rooms, c)))
                .collect();
            // A holder's own place is always an option, after the choices it ranked.
            if let Some(k) = held.filter(|k| !choices.contains(k)) {
                choices.push(k);
            }
            read.units.push(Unit {
                members: members.clone(),
                choices,
                siblings_at: SmallVec::new(),
                held,
            });
            read.placed.push(held);
            index_u32(read.units.len() - 1)
        });
        // The unit stands for each of its children in the same state as `r` (a twin in
        // another state is another unit, or none).
        let waiting = held.is_none();
        for m in &members {
            let Ok(i) = self.index(*m) else { continue };
            let state = &self.records[i].state;
            let alike = if waiting {
                matches!(state, State::Queued)
            } else {
                state.holds_ranked_direction()
            };
            if alike {
                read.unit_of.insert(index_u32(i), unit);
            }
        }
        read.unit_of.insert(index_u32(r), unit);
        unit
    }
}

/// An index as the rooms and units count them (far below `u32::MAX`).
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
