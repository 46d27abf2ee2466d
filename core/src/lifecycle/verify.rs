//! Checking a round of ranked choices against the engine's state (`RULES.md §5a`): what
//! an appeals body runs on a round's certificate and the snapshot taken right after the
//! round ([`Engine::verify_round`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{Engine, Reason, State, StateName};
use crate::allocation::certificate::{CheckedCertificate, FindingKind};
use crate::allocation::Verdict;
use crate::application::ApplicationId;

impl Engine {
    /// Checks a round of ranked choices: what its certificate alone shows
    /// ([`CheckedCertificate::findings`]: nothing over-filled, nobody passed over, no swap left)
    /// and what the engine's state shows — every unit is an application of the round's
    /// pool (or the twins of one batch), its choices are its application's, its sibling
    /// priorities are the enrolled siblings' (where the policy gives them), a direction it
    /// is said to have held is the one its history shows just before, the order is
    /// the queue's (where the policy does not interleave), and every unit placed holds a
    /// direction of the round there. Run on the engine restored from the snapshot taken
    /// right after the round (later changes — a direction revoked, new choices — are
    /// findings). `O(n log n)` in the certificate's size.
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
            let members: BTreeSet<ApplicationId> = match lead.batch {
                None => BTreeSet::from([lead.app.id]),
                Some(b) => self.batch_members(b).into_iter().collect(),
            };
            if members != u.children.iter().copied().collect() {
                note(FindingKind::Twins, &[]);
            }
            let mut chosen: Vec<u32> = lead
                .app
                .ranked_choices
                .iter()
                .filter_map(|id| index.get(&**id).copied())
                .collect();
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
            if chosen != u.choices {
                note(FindingKind::Choices, &[]);
            }
            let expected: BTreeSet<u32> =
                self.siblings_at(&u.children, &index).into_iter().collect();
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
        findings.extend(c.findings());
        Verdict::of(findings)
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
