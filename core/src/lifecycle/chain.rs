//! A place given back, on the engine (`RULES.md §5a`), reading only the children who
//! ranked the kindergartens concerned (`rankers/`), each when its turn comes: the cost
//! follows the chain and the pool's kindergartens, not the pool's children.
//!
//! The chain: a free place at a kindergarten goes to the first child in priority order
//! there who ranked it, prefers it to where it is, may be offered a place now and fits
//! (twins: room for all of them); the place it leaves goes on in turn, until a free place
//! finds nobody. The swaps: each kindergarten of the pool points to the place of the first
//! child in its priority order that prefers it (the head of its list of rankers, past the
//! children placed as well as they wish), and a cycle is a swap every child in it prefers
//! (Erdil & Ergin 2008); then the chain again, until no cycle is left. This is
//! `given_back::replace` on the engine's state, with the same order of kindergartens
//! where it matters, and gives what it gives: what a fresh round gives (property tests
//! there, and one here against the full re-placing after every command). Where the
//! policy interleaves the lanes the priority order is not the queue key's, and
//! [`Engine::chain`] declines: the pool is then re-placed in full.
//!
//! Each entry of a list says enough to pass most children without reading their records
//! (`rankers::Wants`): a child holding a place it prefers, a waiting child too young for
//! an offer or whose benefit's documents expired. The children the re-placing moved are
//! read as they are now (`Read::moved`).

use std::sync::Arc;

use chrono::{Datelike, NaiveDateTime};
use foldhash::HashMap;
use smallvec::SmallVec;

use super::acceptance::Unit;
use super::ranked_round::{DirectionWindows, Holder, Instance, Rooms};
use super::rankers::Wants;
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
    /// Each unit's queue key (its first child's).
    orders: Vec<crate::queue::OrderKey>,
    /// The holders among the units' children, with their bulletins.
    holders: Vec<Holder>,
    /// Per record read, its unit (`None`: it takes no part now).
    unit_of: HashMap<u32, Option<u32>>,
    /// The records whose unit moved in this re-placing: the index's `Wants` of them are
    /// stale (few: a chain is short).
    moved: Vec<u32>,
}

impl Read {
    /// Whether the record with `wants` in a kindergarten's list may prefer it now and
    /// take part on `day`: as the index says (a waiting child too young for an offer, or
    /// whose benefit's documents expired, takes no part), unless its unit moved since.
    fn may_prefer(&self, r: u32, wants: Wants, day: i32) -> bool {
        (wants.may_prefer() && !wants.screened_out(day)) || self.moved.contains(&r)
    }

    /// Unit `u` moves to kindergarten `k`: where it was.
    fn moves(&mut self, u: u32, k: u32) -> Option<u32> {
        for &m in &self.units[u as usize].members {
            if let Ok(r) = u32::try_from(m.0 - 1) {
                self.moved.push(r);
            }
        }
        self.placed[u as usize].replace(k)
    }
}

impl Engine {
    /// Offers on the open places of the pool of `key` by the chain and the swaps (see the
    /// module); `None` where the policy interleaves the lanes, the caller then re-placing
    /// the pool in full. The directions issued.
    pub(super) fn chain(
        &mut self,
        key: &QueueKey,
        at: NaiveDateTime,
        windows: DirectionWindows,
    ) -> Option<Vec<Directed>> {
        let q = self.standing.id_of(key)?;
        if self.policy.interleave.is_some() {
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
        // Every kindergarten ranked in the pool: a swap may pass through any of them.
        let pool: Vec<u32> = self
            .rankers
            .ranked_in(q)
            .iter()
            .map(|id| index_u32(rooms.index(id)))
            .collect();
        free.resize(rooms.len(), 0);
        self.rankers
            .skip_settled_in(q, at.date().num_days_from_ce());
        let mut moved = false;
        loop {
            moved |= self.run_chain(q, at, &mut rooms, &mut free, &mut open, &mut read);
            let Some(cycle) = self.swap_left(q, at, &mut rooms, &pool, &mut read) else {
                break;
            };
            for (k, u) in cycle {
                read.moves(u, index_u32(k));
            }
            moved = true;
        }
        if !moved {
            return Some(Vec::new());
        }
        // The directions go out in the queue's order, as the full re-placing issues them.
        let Read {
            units,
            placed,
            holders,
            orders,
            ..
        } = read;
        let mut by_order: Vec<(crate::queue::OrderKey, Unit, Option<u32>)> = orders
            .into_iter()
            .zip(units)
            .zip(placed)
            .map(|((o, u), p)| (o, u, p))
            .collect();
        by_order.sort_unstable_by_key(|(o, _, _)| *o);
        let (units, placed): (Vec<Unit>, Vec<Option<u32>>) =
            by_order.into_iter().map(|(_, u, p)| (u, p)).unzip();
        let instance = Instance {
            rooms,
            holders,
            capacity: Vec::new(),
            units,
        };
        Some(self.give(key, at, windows, instance, &placed))
    }

    /// The chain from the kindergartens of `open` (see the module); whether a unit moved.
    fn run_chain(
        &self,
        q: QueueId,
        at: NaiveDateTime,
        rooms: &mut Rooms,
        free: &mut Vec<u32>,
        open: &mut Vec<u32>,
        read: &mut Read,
    ) -> bool {
        let mut moved = false;
        let day = at.date().num_days_from_ce();
        while let Some(k) = open.pop() {
            let room = free[k as usize];
            let id = Arc::clone(&rooms[k as usize].0);
            let mut next = None;
            for (r, wants) in self.rankers.at(q, &id) {
                if !read.may_prefer(r, wants, day) {
                    continue;
                }
                let Some(u) = self.unit_of(r, q, at, rooms, read) else {
                    continue;
                };
                let unit = &read.units[u as usize];
                if unit.weight() <= room && unit.prefers(k, read.placed[u as usize]) {
                    next = Some(u);
                    break;
                }
            }
            free.resize(rooms.len(), 0);
            let Some(u) = next else { continue };
            let w = read.units[u as usize].weight();
            let from = read.moves(u, k);
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
        moved
    }

    /// A swap left among the kindergartens of `pool` (see the module): each points to the
    /// place of the first unit in its priority order that prefers it, if that unit is one
    /// child with a place; a cycle, as (kindergarten, unit) pairs.
    fn swap_left(
        &self,
        q: QueueId,
        at: NaiveDateTime,
        rooms: &mut Rooms,
        pool: &[u32],
        read: &mut Read,
    ) -> Option<Vec<(usize, u32)>> {
        let mut next: Vec<Option<(usize, u32)>> = Vec::new();
        let day = at.date().num_days_from_ce();
        for &k in pool {
            let id = Arc::clone(&rooms[k as usize].0);
            let mut head = None;
            for (r, wants) in self.rankers.at(q, &id) {
                if !read.may_prefer(r, wants, day) {
                    continue;
                }
                // A waiting child of its own not read yet heads the list if it may be
                // offered a place: it has none, so no swap passes here (no unit built).
                if wants.waiting() && !read.unit_of.contains_key(&r) {
                    match self.waiting_alone_passes(r as usize, q, at) {
                        Some(true) => break,
                        Some(false) => {
                            read.unit_of.insert(r, None);
                            continue;
                        }
                        None => {}
                    }
                }
                let Some(u) = self.unit_of(r, q, at, rooms, read) else {
                    continue;
                };
                if read.units[u as usize].prefers(k, read.placed[u as usize]) {
                    head = Some(u);
                    break;
                }
            }
            let edge = head.and_then(|u| {
                let placed = read.placed[u as usize]?;
                (read.units[u as usize].weight() == 1).then_some((placed as usize, u))
            });
            next.resize(rooms.len(), None);
            next[k as usize] = edge;
        }
        next.resize(rooms.len(), None);
        crate::allocation::certificate::cycle(&next)
    }

    /// For record `r` waiting in pool `q` with no twins: whether its screening at `at`
    /// passes; `None` for any other record (read as a unit instead).
    fn waiting_alone_passes(&self, r: usize, q: QueueId, at: NaiveDateTime) -> Option<bool> {
        let record = &self.records[r];
        if !matches!(record.state, State::Queued) || record.batch.is_some() {
            return None;
        }
        let mut skipped = Vec::new();
        self.screen(&[record.app.id], q, 1, at, &self.policy, &mut skipped);
        Some(skipped.is_empty())
    }

    /// The unit of record `r`, read once per re-placing.
    fn unit_of(
        &self,
        r: u32,
        q: QueueId,
        at: NaiveDateTime,
        rooms: &mut Rooms,
        read: &mut Read,
    ) -> Option<u32> {
        match read.unit_of.get(&r) {
            Some(&u) => u,
            None => self.read_unit(r as usize, q, at, rooms, read),
        }
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
        rooms: &mut Rooms,
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
                let k = index_u32(rooms.index(&kindergarten));
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
                .map(|c| index_u32(rooms.index(c)))
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
            read.orders.push(self.records[lead].order);
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
