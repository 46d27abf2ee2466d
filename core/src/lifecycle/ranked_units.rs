//! Who takes part in a round of ranked choices (`RULES.md §5a`), and how far down the
//! queue the round reads.
//!
//! A round's units are the waiting children of the pool who ranked one of its
//! kindergartens with open places and may be offered a place now (a child, or the twins
//! of a batch together), and the children holding a direction of an earlier ranked
//! round, in the queue's order.
//!
//! A round reads the queue from its head only as far as places can go, as the notice
//! round does. It reads the first children in turn (twice as many units as it has places,
//! and eight more) and, wherever they stand, every holder and every child with a sibling
//! priority at one of its kindergartens; solves the round over them (deferred
//! acceptance); then, for each kindergarten not yet **closed** to the children it has not
//! read — full, and every unit placed there standing before all of them — it reads every
//! child further down who ranked that kindergarten (from the index of rankers,
//! `rankers/`), who join the run of deferred acceptance, until each kindergarten is
//! closed or has nobody left unread. A child left unread then cannot take a place: each
//! kindergarten it ranked is full of children who stand before it there. So, with
//! children of one place each, the round's result is deferred acceptance over the whole
//! pool (nobody unread can block the child-optimal stable matching of those read, which
//! is therefore the whole pool's); with twins, whose rounds have no such theory, it
//! passes the same certificate, and the appeals check (`Engine::verify_round`) asks the
//! same of every child the round left unread. Children the round did not read are not
//! screened, and not reported as skipped.
//!
//! Under a policy that interleaves its lanes the round reads the whole queue (the index
//! is kept in key order, not in the cycle's).

use chrono::NaiveDateTime;
use foldhash::{HashMap, HashSet};
use smallvec::SmallVec;

use super::acceptance::{Run, Unit};
use super::ranked_round::{kindergarten_index, Holder, Room};
use super::rankers::Wants;
use super::record::Record;
use super::round::queue_walk;
use super::state::State;
use super::Engine;
use crate::allocation::certificate::level;
use crate::allocation::Skipped;
use crate::application::{ApplicationId, QueueKey};
use crate::queue::{OrderKey, QueueId};

/// The units a round read, in the queue's order, and where deferred acceptance placed
/// them when the reading needed it.
pub(super) struct Read {
    pub(super) units: Vec<Unit>,
    pub(super) placed: Option<Vec<Option<u32>>>,
}

/// Reads the units of a round's waiting children.
struct Reader<'a> {
    engine: &'a Engine,
    /// The pool.
    q: QueueId,
    at: NaiveDateTime,
    /// Each room's index by catalogue number: a child's choices are read beside its record.
    by_number: HashMap<u32, u32>,
    /// Each room's index by id.
    index: HashMap<&'a str, u32>,
    batches_seen: HashSet<ApplicationId>,
    /// Per record with a sibling enrolled at a room it ranked, those rooms (from the
    /// index of rankers: no application read).
    sibling_rooms: HashMap<u32, SmallVec<[u32; 1]>>,
    /// The records read from the index of rankers (past the children read in turn).
    read_from_index: HashSet<u32>,
}

impl Reader<'_> {
    /// The choices of `r` among the rooms, best first.
    fn choices(&self, r: &Record) -> SmallVec<[u32; 4]> {
        r.choices
            .iter()
            .filter_map(|n| self.by_number.get(n).copied())
            .collect()
    }

    /// The unit of record `i`, read from the index of rankers where it `wants` a room, if
    /// it is waiting and was not read before ([`Reader::waiting`]).
    fn indexed(
        &mut self,
        i: u32,
        wants: Wants,
        skipped: &mut Vec<Skipped>,
    ) -> Option<(OrderKey, Unit)> {
        if !wants.waiting() || !self.read_from_index.insert(i) {
            return None;
        }
        self.waiting(i as usize, skipped)
    }

    /// The unit of the waiting child of record `i` (with the twins of its batch), with its
    /// key: `None` when its batch was read already, when it ranked none of the rooms, or
    /// when its screening fails (it then goes to `skipped` with its failed checks).
    fn waiting(&mut self, i: usize, skipped: &mut Vec<Skipped>) -> Option<(OrderKey, Unit)> {
        let engine = self.engine;
        let mut lead = &engine.records[i];
        let members: SmallVec<[ApplicationId; 1]> = match lead.batch {
            None => SmallVec::from_elem(Engine::id_at(i), 1),
            Some(batch) if !self.batches_seen.insert(batch) => return None,
            Some(batch) => {
                let members: SmallVec<[ApplicationId; 1]> =
                    engine.batch_members(batch).into_iter().collect();
                // Read from the index, a batch is led by its first waiting child, as
                // the walk down the queue meets it.
                for &m in &members {
                    let Ok(j) = engine.index(m) else { continue };
                    let r = &engine.records[j];
                    if matches!(r.state, State::Queued) && r.queue == self.q && r.order < lead.order
                    {
                        lead = r;
                    }
                }
                members
            }
        };
        let choices = self.choices(lead);
        if choices.is_empty() {
            return None;
        }
        let before = skipped.len();
        let weight = u32::try_from(members.len()).unwrap_or(u32::MAX);
        engine.screen(
            &members,
            lead.queue,
            weight,
            self.at,
            &engine.policy,
            skipped,
        );
        if skipped.len() > before {
            return None;
        }
        let siblings_at = if members.len() == 1 {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            self.sibling_rooms.get(&i).cloned().unwrap_or_default()
        } else {
            engine.siblings_among(&members, &self.index, &choices)
        };
        Some((
            lead.order,
            Unit {
                members,
                choices,
                siblings_at,
                held: None,
            },
        ))
    }
}

/// Moves `extra` (in any order) into `keys` and `units` (in key order), keeping the order.
fn merge_in(keys: &mut Vec<OrderKey>, units: &mut Vec<Unit>, mut extra: Vec<(OrderKey, Unit)>) {
    if extra.is_empty() {
        return;
    }
    extra.sort_by_key(|(key, _)| *key);
    let n = units.len() + extra.len();
    let old = std::mem::replace(units, Vec::with_capacity(n))
        .into_iter()
        .zip(std::mem::replace(keys, Vec::with_capacity(n)));
    let mut old = old.peekable();
    for (key, unit) in extra {
        while let Some((u, k)) = old.next_if(|(_, k)| *k < key) {
            units.push(u);
            keys.push(k);
        }
        units.push(unit);
        keys.push(key);
    }
    for (u, k) in old {
        units.push(u);
        keys.push(k);
    }
}

impl Engine {
    /// The units of the round in the pool of `key` over `rooms` (of `capacity` places,
    /// the `holders`' included) at `at`, in the queue's order: the waiting children who
    /// ranked one of the rooms and may be offered a place (those read that may not go to
    /// `skipped` with their failed checks), and the holders, each where its key falls;
    /// twins together. The whole queue when `whole`, else as far as places can go (see
    /// the module), with the placement that reading found.
    pub(super) fn ranked_units(
        &self,
        key: &QueueKey,
        rooms: &[Room],
        (holders, capacity): (&[Holder], &[u32]),
        at: NaiveDateTime,
        skipped: &mut Vec<Skipped>,
        whole: bool,
    ) -> Read {
        let Some(q) = self.standing.id_of(key) else {
            return Read {
                units: Vec::new(),
                placed: None,
            };
        };
        let mut reader = Reader {
            engine: self,
            q,
            at,
            by_number: (0_u32..)
                .zip(rooms.iter())
                .filter_map(|(k, (id, _))| Some((self.catalogue_number(id)?, k)))
                .collect(),
            index: kindergarten_index(rooms.iter().map(|(id, _)| id)),
            batches_seen: HashSet::default(),
            sibling_rooms: HashMap::default(),
            read_from_index: HashSet::default(),
        };
        for (k, (id, _)) in (0_u32..).zip(rooms) {
            for (i, _) in self.rankers.after(q, id, None, true) {
                reader.sibling_rooms.entry(i).or_default().push(k);
            }
        }
        let places: usize = capacity.iter().map(|&c| c as usize).sum();
        let reach = if whole || self.policy.interleave.is_some() || !self.indexes_rankers() {
            usize::MAX
        } else {
            places.saturating_mul(2).saturating_add(8)
        };
        // Room for the units read, taken at once (a growing list is copied): those read in
        // turn, the holders, and a quarter more for those read further down.
        let waiting = usize::try_from(self.waiting.counts(key).total()).unwrap_or(usize::MAX);
        let room = reach.min(waiting).saturating_add(holders.len());
        let room = room
            .saturating_add(room / 4)
            .min(waiting.saturating_add(holders.len()));
        let (mut keys, mut units) = (Vec::with_capacity(room), Vec::with_capacity(room));
        // The last child read down the queue, while some are left unread.
        let mut last: Option<OrderKey> = None;
        if self.waiting.knows(q) {
            let mut walk = queue_walk(self, q, key).peekable();
            while units.len() < reach {
                let Some(id) = walk.next() else { break };
                let Ok(i) = self.index(id) else { continue };
                last = Some(self.records[i].order);
                if let Some((key, unit)) = reader.waiting(i, skipped) {
                    keys.push(key);
                    units.push(unit);
                }
            }
            if walk.peek().is_none() {
                last = None;
            }
        }
        let mut extra = self.holder_units(&reader, holders);
        let Some(last) = last else {
            merge_in(&mut keys, &mut units, extra);
            return Read {
                units,
                placed: None,
            };
        };
        // Every child with a sibling priority at a room, wherever it stands.
        for (id, _) in rooms {
            for (i, wants) in self.rankers.after(q, id, Some(last), true) {
                extra.extend(reader.indexed(i, wants, skipped));
            }
        }
        merge_in(&mut keys, &mut units, extra);
        self.read_on(&mut reader, (rooms, capacity), (keys, units), last, skipped)
    }

    /// Reads on from `last` (see the module): solves the round over the units read
    /// (`keys`, `units`), then reads every child past `last` who ranked a room not yet
    /// closed to the children left unread, until none is left; the units and where they
    /// were placed.
    fn read_on(
        &self,
        reader: &mut Reader<'_>,
        (rooms, capacity): (&[Room], &[u32]),
        (mut keys, mut units): (Vec<OrderKey>, Vec<Unit>),
        last: OrderKey,
        skipped: &mut Vec<Skipped>,
    ) -> Read {
        let mut exhausted = vec![false; rooms.len()];
        let mut extra = Vec::new();
        let mut run = Run::new(rooms.len());
        loop {
            run.reserve(units.capacity());
            run.extend(&units, capacity);
            // Per room, whether a unit placed there stands behind the children left
            // unread (only one read past `last` may).
            let mut behind = vec![false; rooms.len()];
            let past = keys.partition_point(|k| *k <= last);
            for (unit, &k) in units.iter().zip(run.placed()).skip(past) {
                let Some(k) = k else { continue };
                if level(unit.held, &unit.siblings_at, k) == 2 {
                    behind[k as usize] = true;
                }
            }
            for (k, (id, _)) in rooms.iter().enumerate() {
                if exhausted[k] || (run.load()[k] >= capacity[k] && !behind[k]) {
                    continue;
                }
                exhausted[k] = true;
                for (i, wants) in self.rankers.after(reader.q, id, Some(last), false) {
                    extra.extend(reader.indexed(i, wants, skipped));
                }
            }
            if extra.is_empty() {
                return Read {
                    units,
                    placed: Some(run.into_placed()),
                };
            }
            // The children read now stand past `last`: after every unit of the run,
            // which they join, unless some of those stand past `last` too.
            extra.sort_by_key(|(key, _)| *key);
            let after_all = keys.last().is_none_or(|k| *k < extra[0].0);
            if after_all {
                for (key, unit) in extra.drain(..) {
                    keys.push(key);
                    units.push(unit);
                }
            } else {
                merge_in(&mut keys, &mut units, std::mem::take(&mut extra));
            }
            if !after_all || !run.may_extend(&units) {
                run = Run::new(rooms.len());
            }
        }
    }

    /// The units of the `holders`, with their keys: twins of a batch holding at one
    /// kindergarten together.
    fn holder_units(&self, reader: &Reader<'_>, holders: &[Holder]) -> Vec<(OrderKey, Unit)> {
        let mut held: Vec<(OrderKey, Unit)> = Vec::new();
        // Each batch's unit among `held`, by the batch and the kindergarten held.
        let mut batch_units: HashMap<(ApplicationId, Option<u32>), usize> = HashMap::default();
        for h in holders {
            let Ok(i) = self.index(h.id) else { continue };
            let r = &self.records[i];
            let k = reader.index.get(&*h.kindergarten).copied();
            if let Some(b) = r.batch {
                if let Some(&at) = batch_units.get(&(b, k)) {
                    held[at].1.members.push(h.id);
                    continue;
                }
                batch_units.insert((b, k), held.len());
            }
            let mut choices = reader.choices(r);
            // Its own place is always an option, after the choices it ranked.
            if let Some(k) = k.filter(|k| !choices.contains(k)) {
                choices.push(k);
            }
            let members: SmallVec<[ApplicationId; 1]> = SmallVec::from_elem(h.id, 1);
            let siblings_at = self.siblings_among(&members, &reader.index, &choices);
            held.push((
                r.order,
                Unit {
                    members,
                    choices,
                    siblings_at,
                    held: k,
                },
            ));
        }
        held
    }

    /// The children of the pool of `key` holding a direction of a ranked round.
    pub(super) fn ranked_holders(&self, key: &QueueKey) -> Vec<Holder> {
        let Some(set) = self
            .standing
            .id_of(key)
            .and_then(|q| self.ranked_holders.get(&q))
        else {
            return Vec::new();
        };
        set.iter()
            .filter_map(|&i| {
                let r = &self.records[i];
                let State::DirectionIssued(d) = &r.state else {
                    return None;
                };
                Some(Holder {
                    id: r.app.id,
                    kindergarten: std::sync::Arc::clone(&d.kindergarten),
                    bulletin: d.bulletin?,
                })
            })
            .collect()
    }

    /// Where `members` have sibling priority among `choices` (kindergartens of a round,
    /// `index`: each one's index by id): where their applicants' other children are
    /// enrolled (read through the applications; empty where the policy gives no sibling
    /// priority). A round reads a single waiting child's from the index of rankers instead,
    /// which `verify_round` checks against this.
    pub(super) fn siblings_among(
        &self,
        members: &[ApplicationId],
        index: &HashMap<&str, u32>,
        choices: &[u32],
    ) -> SmallVec<[u32; 1]> {
        let mut siblings_at: SmallVec<[u32; 1]> = SmallVec::new();
        for &m in members {
            let Ok(mi) = self.index(m) else { continue };
            let app = &self.records[mi].app;
            for k in self.rankers.sibling_kindergartens(app) {
                if let Some(&k) = index.get(&**k) {
                    if choices.contains(&k) && !siblings_at.contains(&k) {
                        siblings_at.push(k);
                    }
                }
            }
        }
        siblings_at
    }
}
