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
//! Children holding a direction of an earlier ranked round take part too, first where
//! they hold it: a round never takes a direction away, and moves a holder to a
//! kindergarten it prefers when one has room. The directions live as any other (`§6`):
//! revocation, show-up, stop-list, extension; a place a direction gives back is offered
//! on before the command that gave it back ends (`Engine::place_given_back`, with the
//! chain and the swaps of `given_back.rs`).

use std::sync::Arc;

use chrono::{Datelike, NaiveDateTime};
use foldhash::HashMap;

use super::acceptance::{deferred_acceptance, Unit};
use super::detail::Detail;
use super::given_back;
use super::state::{Direction, Via};
use super::{Actor, Engine, Reason, State};
use crate::allocation::certificate::{self, Certificate, CERTIFICATE_VERSION};
use crate::allocation::{BulletinId, Directed, Skipped};
use crate::application::{ApplicationId, QueueKey};
use crate::benefit::PriorityClass;

/// A kindergarten of the pool with open places, with its bulletins and their places.
pub(super) type Room = (Arc<str>, Vec<(BulletinId, u32)>);

/// A ranked round's instance: the kindergartens with their free places, the holders of
/// directions, each kindergarten's places (free and held), the units in order.
pub(super) struct Instance {
    pub(super) rooms: Rooms,
    pub(super) holders: Vec<Holder>,
    pub(super) capacity: Vec<u32>,
    pub(super) units: Vec<Unit>,
}

/// A child holding a direction of an earlier ranked round in the pool.
pub(super) struct Holder {
    pub(super) id: ApplicationId,
    pub(super) kindergarten: Arc<str>,
    pub(super) bulletin: BulletinId,
}

/// The kindergartens of a round or a re-placing, each with its bulletins and their free
/// places, found by id (a slice of [`Room`]s to read).
#[derive(Debug, Default)]
pub(super) struct Rooms {
    list: Vec<Room>,
    at: HashMap<Arc<str>, usize>,
}

impl Rooms {
    /// The index of kindergarten `id`, added (with no free place) if new.
    pub(super) fn index(&mut self, id: &Arc<str>) -> usize {
        if let Some(&k) = self.at.get(&**id) {
            return k;
        }
        self.list.push((Arc::clone(id), Vec::new()));
        self.at.insert(Arc::clone(id), self.list.len() - 1);
        self.list.len() - 1
    }
}

impl std::ops::Deref for Rooms {
    type Target = [Room];
    fn deref(&self) -> &[Room] {
        &self.list
    }
}

impl std::ops::DerefMut for Rooms {
    fn deref_mut(&mut self) -> &mut [Room] {
        &mut self.list
    }
}

/// Each kindergarten's index among `ids` (its first place), by id.
pub(super) fn kindergarten_index<'a>(
    ids: impl Iterator<Item = &'a Arc<str>>,
) -> HashMap<&'a str, u32> {
    let mut index: HashMap<&str, u32> = HashMap::default();
    for (k, id) in (0_u32..).zip(ids) {
        index.entry(&**id).or_insert(k);
    }
    index
}

/// The units of a round as its certificate shows them, with where each was placed.
pub(super) fn certified(units: &[Unit], placed: &[Option<u32>]) -> Vec<certificate::Unit> {
    units
        .iter()
        .zip(placed)
        .map(|(u, &placed)| certificate::Unit {
            children: u.members.clone(),
            choices: u.choices.clone(),
            siblings_at: u.siblings_at.clone(),
            held: u.held,
            placed,
        })
        .collect()
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
    ) -> (Vec<Directed>, Option<Box<Certificate>>) {
        let whole = self.full_round;
        let Some((instance, placed)) = self.ranked_instance(key, at, skipped, whole) else {
            return (Vec::new(), None);
        };
        let placed =
            placed.unwrap_or_else(|| deferred_acceptance(&instance.units, &instance.capacity));
        let certificate = Box::new(Certificate {
            certificate_version: CERTIFICATE_VERSION,
            queue: key.clone(),
            at,
            kindergartens: instance
                .rooms
                .iter()
                .zip(&instance.capacity)
                .map(|((id, _), &places)| certificate::Room {
                    id: Arc::clone(id),
                    places,
                })
                .collect(),
            units: certified(&instance.units, &placed),
        });
        let directed = self.give(key, at, windows, instance, &placed);
        // The pool's lists of rankers are read from past those the round settled, once,
        // not by the first place given back in each.
        if let Some(q) = self.standing.id_of(key) {
            self.rankers
                .skip_settled_in(q, at.date().num_days_from_ce());
        }
        (directed, Some(certificate))
    }

    /// Under ranked choices, offers on the places live directions gave back during the
    /// command now ending (revoked, lapsed, withdrawn…), in each pool concerned: the chain
    /// and the swaps of `given_back.rs`, which reach what a fresh round would give, at the
    /// command's moment. Nothing during the freeze, or where a direction's deadlines
    /// cannot be counted (the places then go on at the next round). The directions are
    /// the children's events (`DIRECTION_ISSUED`).
    pub(super) fn place_given_back(&mut self, at: NaiveDateTime) {
        if self.board.given_back.is_empty() {
            return;
        }
        let offered_on = self.policy.ranked_choices.is_some() && !self.policy.is_frozen(at.date());
        let windows = offered_on
            .then(|| self.direction_windows(at).ok())
            .flatten();
        let Some(windows) = windows else {
            // Cleared, keeping its room: most engines give places by notices.
            self.board.given_back.clear();
            return;
        };
        let given = std::mem::take(&mut self.board.given_back);
        let mut pools: Vec<QueueKey> = Vec::new();
        for b in given {
            if let Some(key) = self.board.pool_key(b) {
                if !pools.contains(key) {
                    pools.push(key.clone());
                }
            }
        }
        for key in pools {
            if !self.full_replacement {
                if let Some(directed) = self.chain(&key, at, windows) {
                    self.given_on.extend(directed);
                    continue;
                }
            }
            let mut skipped = Vec::new();
            let Some((instance, _)) = self.ranked_instance(&key, at, &mut skipped, true) else {
                continue;
            };
            let held: Vec<Option<u32>> = instance.units.iter().map(|u| u.held).collect();
            let replaced = given_back::replace(&instance.units, &instance.capacity, held);
            if !replaced.moves.is_empty() {
                // The places the moves leave are offered on with them (`give`).
                let directed = self.give(&key, at, windows, instance, &replaced.placed);
                self.given_on.extend(directed);
            }
        }
    }

    /// The kindergartens of the pool of `key` with open places, each with its bulletins and
    /// their free places; places a notice or voucher holds (the pool's reserved ones) are
    /// left out, from the last bulletins.
    pub(super) fn open_rooms(&self, key: &QueueKey) -> Rooms {
        let mut rooms = Rooms::default();
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
            let k = rooms.index(&bulletin.kindergarten.id);
            rooms[k].1.push((b, open));
        }
        rooms
    }

    /// The directions the re-placing at the end of the last accepted command issued, in
    /// the order it issued them: where the policy gives places by ranked choices, a place
    /// a command gave back (a revocation, a lapse, a withdrawal…) goes on before the
    /// command ends, along a chain (each child who takes a place may leave one, which
    /// goes on in turn) and the swaps after it (`RULES.md §5a`). A child that moved names
    /// where it held a direction before (`moved_from`). Each move takes a child to a
    /// kindergarten it ranked higher, so a chain has at most as many moves as the choices
    /// ranked by the children it reads. Empty when the last command gave nothing on.
    ///
    /// A fact about the last command, not part of the engine's state: a snapshot does
    /// not carry it, and replaying the log gives it again. Every direction is also in its
    /// child's history (`DIRECTION_ISSUED`).
    #[must_use]
    pub fn given_on(&self) -> &[Directed] {
        &self.given_on
    }

    /// A ranked round's instance in the pool of `key` at `at` (over the whole queue when
    /// `whole`, else as far as places can go: `ranked_units.rs`), with the placement
    /// reading it found, if any: `None` when the pool has no open place.
    fn ranked_instance(
        &self,
        key: &QueueKey,
        at: NaiveDateTime,
        skipped: &mut Vec<Skipped>,
        whole: bool,
    ) -> Option<(Instance, Option<Vec<Option<u32>>>)> {
        let mut rooms = self.open_rooms(key);
        if rooms.is_empty() {
            return None;
        }
        // Children holding a direction of an earlier ranked round in the pool take part:
        // they keep their place unless they get one they prefer, which gives theirs on.
        let holders = self.ranked_holders(key);
        let mut capacity: Vec<u32> = rooms
            .iter()
            .map(|(_, list)| list.iter().map(|(_, open)| open).sum())
            .collect();
        for h in &holders {
            let k = rooms.index(&h.kindergarten);
            capacity.resize(rooms.len(), 0);
            capacity[k] += 1;
        }
        let read = self.ranked_units(key, &rooms, (&holders, &capacity), at, skipped, whole);
        Some((
            Instance {
                rooms,
                holders,
                capacity,
                units: read.units,
            },
            read.placed,
        ))
    }

    /// Gives the directions of `placed` (each unit's kindergarten) in `instance`: holders
    /// who move leave their place to those who arrive. The directions issued.
    pub(super) fn give(
        &mut self,
        key: &QueueKey,
        at: NaiveDateTime,
        windows: DirectionWindows,
        instance: Instance,
        placed: &[Option<u32>],
    ) -> Vec<Directed> {
        let Instance {
            mut rooms,
            holders,
            units,
            ..
        } = instance;
        // The places a holder who moves leaves go to those who arrive.
        let bulletin_of: HashMap<ApplicationId, BulletinId> =
            holders.iter().map(|h| (h.id, h.bulletin)).collect();
        for (unit, k) in units.iter().zip(placed) {
            let Some(h) = unit.held.filter(|&h| *k != Some(h)) else {
                continue;
            };
            for m in &unit.members {
                if let Some(&b) = bulletin_of.get(m) {
                    rooms[h as usize].1.push((b, 1));
                }
            }
        }
        let mut directed = Vec::new();
        for (unit, &k) in units.iter().zip(placed) {
            let Some(k) = k else { continue };
            if unit.held == Some(k) {
                continue; // it keeps its direction
            }
            let moved_from = unit.held.map(|h| Arc::clone(&rooms[h as usize].0));
            let (kindergarten, bulletins) = &mut rooms[k as usize];
            for &id in &unit.members {
                let Some(slot) = bulletins.iter_mut().find(|(_, open)| *open > 0) else {
                    break; // the round held room for the whole unit: never reached
                };
                slot.1 -= 1;
                let bulletin = slot.0;
                let Ok(i) = self.index(id) else { continue };
                let r = &self.records[i];
                let choice = self.choice_rank(r, kindergarten).unwrap_or(0);
                let right_confirm_by =
                    (r.facts.class == PriorityClass::OutOfTurn).then_some(windows.right_confirm_by);
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
                    moved_from: moved_from.clone(),
                });
            }
        }
        // The places the moves left were given on here.
        let board = &mut self.board;
        let mut given = std::mem::take(&mut board.given_back);
        given.retain(|&b| board.pool_key(b) != Some(key));
        board.given_back = given;
        directed
    }
}
