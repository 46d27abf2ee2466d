//! Checking a round of ranked choices against the engine's state (`RULES.md §5a`): what
//! an appeals body runs on a round's certificate and the snapshot taken right after the
//! round ([`Engine::verify_round`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{Engine, Reason, State, StateName};
use crate::allocation::certificate::level;
use crate::allocation::certificate::{CheckedCertificate, FindingKind};
use crate::allocation::Verdict;
use crate::application::ApplicationId;
use crate::queue::OrderKey;

impl Engine {
    /// Checks a round of ranked choices: what its certificate alone shows
    /// ([`CheckedCertificate::findings`]: nothing over-filled, nobody passed over, no swap left)
    /// and what the engine's state shows — every unit is an application of the round's
    /// pool (or the twins of one batch), its choices are its application's, its sibling
    /// priorities are the enrolled siblings' (where the policy gives them), a direction it
    /// is said to have held is the one its history shows just before, the order is
    /// the queue's (where the policy does not interleave), and every unit placed holds a
    /// direction of the round there; and no waiting child the certificate leaves out
    /// (a round reads the queue only as far as places can go) could have taken a place
    /// (`CERT_LEFT_OUT`). Run on the engine restored from the snapshot taken right after
    /// the round (later changes — a direction revoked, new choices — are findings).
    /// `O(n log n)` in the certificate's size and the pool's waiting children.
    #[must_use]
    pub fn verify_round(&self, certificate: &CheckedCertificate) -> Verdict {
        let c = certificate;
        let mut findings = Vec::new();
        let index = super::ranked_round::kindergarten_index(c.kindergartens.iter().map(|r| &r.id));
        let mut previous = None;
        for (p, u) in (0_u32..).zip(&c.units) {
            let mut note = |kind, ks: &[usize]| findings.push(c.finding(kind, &[p], ks));
            let records: Option<Vec<_>> = u
                .children
                .iter()
                .map(|&id| {
                    self.record(id)
                        .ok()
                        .filter(|r| r.app.queue_key() == c.queue)
                })
                .collect();
            let Some(records) = records else {
                note(FindingKind::ChildUnknown, &[]);
                continue;
            };
            let lead = records[0];
            // Twins who held directions take part together where they held them: those
            // of the batch who held one at that kindergarten.
            let held_at = u.held.and_then(|h| c.kindergartens.get(h as usize));
            let members: BTreeSet<ApplicationId> = match lead.batch {
                None => BTreeSet::from([lead.app.id]),
                Some(b) => self
                    .batch_members(b)
                    .into_iter()
                    .filter(|&m| {
                        held_at.is_none_or(|h| self.held_before(m, c.at).as_ref() == Some(&h.id))
                    })
                    .collect(),
            };
            if members != u.children.iter().copied().collect() {
                note(FindingKind::Twins, &[]);
            }
            let mut chosen = chosen_among(&lead.app, &index);
            // A holder's own place is an option after those it ranked.
            if let Some(h) = u.held.filter(|h| !chosen.contains(h)) {
                chosen.push(h);
            }
            if let Some(h) = u.held {
                let id = &c.kindergartens[h as usize].id;
                if !u
                    .children
                    .iter()
                    .all(|&m| self.held_before(m, c.at).as_ref() == Some(id))
                {
                    note(FindingKind::Held, &[h as usize]);
                }
            }
            if chosen[..] != u.choices[..] {
                note(FindingKind::Choices, &[]);
            }
            let expected: BTreeSet<u32> = self
                .siblings_among(&u.children, &index, &u.choices)
                .into_iter()
                .collect();
            let claimed: BTreeSet<u32> = u.siblings_at.iter().copied().collect();
            if expected != claimed {
                let ks: Vec<usize> = expected
                    .symmetric_difference(&claimed)
                    .map(|&k| k as usize)
                    .collect();
                note(FindingKind::Sibling, &ks);
            }
            if self.policy.interleave.is_none() {
                if previous.is_some_and(|o| o >= lead.order) {
                    note(FindingKind::Order, &[]);
                }
                previous = Some(lead.order);
            }
            if let Some(k) = u.placed {
                // Issued by the round, or kept from before.
                let kept = u.held == Some(k);
                let directed = records.iter().all(|r| match &r.state {
                    State::DirectionIssued(d) => {
                        d.kindergarten == c.kindergartens[k as usize].id
                            && (kept || d.issued_at == c.at)
                    }
                    _ => false,
                });
                if !directed {
                    note(FindingKind::Direction, &[k as usize]);
                }
            }
        }
        findings.extend(self.left_out(c, &index));
        findings.extend(c.findings());
        Verdict::of(findings)
    }

    /// The waiting children of the round's pool that its certificate does not list and
    /// who could have taken a place (`CERT_LEFT_OUT`): a child (or the twins of a batch)
    /// who ranked one of its kindergartens and passes the round's screening at its moment
    /// must find, at each of them, the units placed with a better key there leaving less
    /// room than it needs (a round reads the queue only as far as places can go,
    /// `ranked_units.rs`). Children whose screening fails were passed over by the round
    /// as by any other. `O(n log n)` in the pool's waiting children.
    fn left_out(
        &self,
        c: &CheckedCertificate,
        index: &foldhash::HashMap<&str, u32>,
    ) -> Vec<crate::allocation::certificate::Finding> {
        let Some(q) = self
            .standing
            .id_of(&c.queue)
            .filter(|&q| self.waiting.knows(q))
        else {
            return Vec::new();
        };
        let listed: BTreeSet<ApplicationId> = c
            .units
            .iter()
            .flat_map(|u| u.children.iter().copied())
            .collect();
        // Per kindergarten, the units placed there: their key there and places, best first.
        let mut placed: Vec<Vec<((u8, OrderKey), u64)>> = vec![Vec::new(); c.kindergartens.len()];
        for u in &c.units {
            let Some(k) = u.placed else { continue };
            let Some(list) = placed.get_mut(k as usize) else {
                continue;
            };
            let order = u.children.iter().filter_map(|&id| self.record(id).ok());
            if let Some(order) = order.map(|r| r.order).min() {
                let key = (level(u.held, &u.siblings_at, k), order);
                list.push((key, u.children.len() as u64));
            }
        }
        for list in &mut placed {
            list.sort_unstable();
        }
        let mut findings = Vec::new();
        let mut batches_seen = BTreeSet::new();
        for id in super::round::queue_walk(self, q, &c.queue) {
            let Ok(r) = self.record(id) else { continue };
            if listed.contains(&id) || r.batch.is_some_and(|b| !batches_seen.insert(b)) {
                continue;
            }
            let choices = chosen_among(&r.app, index);
            if choices.is_empty() {
                continue;
            }
            let members = r.batch.map_or_else(|| vec![id], |b| self.batch_members(b));
            let weight = u32::try_from(members.len()).unwrap_or(u32::MAX);
            let mut failed = Vec::new();
            self.screen(&members, r.queue, weight, c.at, &self.policy, &mut failed);
            if !failed.is_empty() {
                continue;
            }
            let siblings_at = self.siblings_among(&members, index, &choices);
            let room: Vec<usize> = choices
                .into_iter()
                .filter(|&k| {
                    let key = (level(None, &siblings_at, k), r.order);
                    let list = &placed[k as usize];
                    let better: u64 = list[..list.partition_point(|&(other, _)| other < key)]
                        .iter()
                        .map(|&(_, places)| places)
                        .sum();
                    better + u64::from(weight) <= u64::from(c.kindergartens[k as usize].places)
                })
                .map(|k| k as usize)
                .collect();
            if !room.is_empty() {
                findings.push(c.about(FindingKind::LeftOut, members, &room));
            }
        }
        findings
    }

    /// The kindergarten application `id` held a direction to just before `at`, by its
    /// history.
    fn held_before(&self, id: ApplicationId, at: chrono::NaiveDateTime) -> Option<Arc<str>> {
        let mut held = None;
        for e in self.history(id).ok()?.take_while(|e| e.at < at) {
            if e.to != StateName::DirectionIssued {
                held = None;
            } else if e.reason == Reason::DirectionIssued {
                held = e.detail;
            }
        }
        held
    }
}

/// The choices of `app` among a round's kindergartens (`index`: each one's index by id),
/// in its order.
fn chosen_among(
    app: &crate::application::Application,
    index: &foldhash::HashMap<&str, u32>,
) -> Vec<u32> {
    app.ranked_choices
        .iter()
        .filter_map(|id| index.get(&**id).copied())
        .collect()
}
