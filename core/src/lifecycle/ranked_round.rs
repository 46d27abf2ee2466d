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

use std::sync::Arc;

use chrono::NaiveDateTime;
use foldhash::HashMap;
use smallvec::SmallVec;

use super::acceptance::{deferred_acceptance, Unit};
use super::detail::Detail;
use super::round::queue_order;
use super::state::{Direction, Via};
use super::{Actor, Engine, Reason, State};
use crate::allocation::certificate::{self, Certificate, CERTIFICATE_VERSION};
use crate::allocation::{BulletinId, Directed, Skipped};
use crate::application::{ApplicationId, QueueKey};
use crate::benefit::PriorityClass;
use crate::iin::Iin;

/// A kindergarten of the pool with open places, with its bulletins and their places.
type Room = (Arc<str>, Vec<(BulletinId, u32)>);

/// The units of a round as its certificate shows them, with where each was placed.
pub(super) fn certified(units: &[Unit], placed: &[Option<u32>]) -> Vec<certificate::Unit> {
    units
        .iter()
        .zip(placed)
        .map(|(u, &placed)| certificate::Unit {
            children: u.members.to_vec(),
            choices: u.choices.to_vec(),
            siblings_at: u.siblings_at.to_vec(),
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
            return (Vec::new(), None);
        }
        let units = self.ranked_units(key, &kindergartens, at, skipped);
        let capacity: Vec<u32> = kindergartens
            .iter()
            .map(|(_, list)| list.iter().map(|(_, open)| open).sum())
            .collect();
        let placed = deferred_acceptance(&units, &capacity);
        let certificate = Certificate {
            certificate_version: CERTIFICATE_VERSION,
            queue: key.clone(),
            at,
            kindergartens: kindergartens
                .iter()
                .zip(&capacity)
                .map(|((id, _), &places)| certificate::Room {
                    id: Arc::clone(id),
                    places,
                })
                .collect(),
            units: certified(&units, &placed),
        };
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
        (directed, Some(Box::new(certificate)))
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
        let ids: Vec<Arc<str>> = kindergartens.iter().map(|(id, _)| Arc::clone(id)).collect();
        let siblings = self.enrolled_by_applicant(&ids);
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
    pub(super) fn enrolled_by_applicant(
        &self,
        kindergartens: &[Arc<str>],
    ) -> HashMap<Iin, Vec<(Iin, u32)>> {
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
            let Some(k) = kindergartens.iter().position(|id| id == kindergarten) else {
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
