//! The voucher flow of the pilot regions (`RULES.md §8` \[pub-H\]), the alternative to
//! notices and directions when the policy sets [`voucher`](crate::policy::Policy::voucher).
//!
//! ```text
//!  round ──▶ VoucherOffered ── confirm_voucher (2 wd) ──▶ VoucherConfirmed ── sign_contract (5 wd) ──▶ Enrolled
//!              │ consent window passes                      │ │ join_waiting_list (no free place)
//!              ▼                                            │ ▼
//!           Inactive ── restore (once, 28 days) ──▶ Queued  │ WaitingList ── next place there ──▶ VoucherConfirmed
//!              │ restore window passes ──▶ Removed          │ contract window passes ──▶ Queued
//!  refuse_voucher (offered, confirmed or waiting) ──▶ Removed
//! ```
//!
//! Distribution starts on the policy's day (1 July, after the queue refresh) and runs
//! over every pool with free places ([`Engine::distribute`]). Once the queue of a pool
//! has no child left who may be offered a place, younger children (1.5 years) may get
//! vouchers (`RULES.md §4` \[pub-M\]). What the rules do not say, kezek chooses and says
//! so: a contract window that passes returns the child to the queue in its place, as a
//! notice's window does (`RULES.md §5`); a waiting list is served in queue order.

use chrono::NaiveDateTime;

use super::commands::{change, change_state, forbids};
use super::detail::Detail;
use super::{Actor, Command, Engine, LifecycleError, Reason, RemovalReason, State};
use crate::allocation::bulletin::BulletinId;
use crate::allocation::AllocationError;
use crate::application::ApplicationId;
use crate::application::QueueKey;
use crate::benefit::PriorityClass;
use crate::calendar::Deadline;

impl Engine {
    /// The applicant consents to the voucher; the contract window starts (`RULES.md §8`).
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless a voucher is offered; a calendar error.
    pub fn confirm_voucher(
        &mut self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.run(
            &[id],
            at,
            Actor::Applicant,
            Command::ConfirmVoucher { id },
            |e, r| {
                let (State::VoucherOffered { bulletin, .. }, Some(v)) =
                    (&r.state, e.policy.voucher)
                else {
                    return Err(forbids(r, "confirm_voucher"));
                };
                let contract_by = e.deadline(at, v.contract_window)?;
                change_state(
                    State::VoucherConfirmed {
                        confirmed_at: at,
                        contract_by,
                        bulletin: *bulletin,
                        place_held: false,
                    },
                    Reason::VoucherConfirmed,
                    Some(Detail::Date(contract_by.last_day)),
                )
            },
        )
    }

    /// The applicant refuses the voucher: the child is removed from the queue
    /// (`RULES.md §8`).
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless holding a voucher or waiting on a kindergarten's list.
    pub fn refuse_voucher(
        &mut self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.run(
            &[id],
            at,
            Actor::Applicant,
            Command::RefuseVoucher { id },
            |_, r| {
                if !matches!(
                    r.state,
                    State::VoucherOffered { .. }
                        | State::VoucherConfirmed { .. }
                        | State::WaitingList { .. }
                ) {
                    return Err(forbids(r, "refuse_voucher"));
                }
                change_state(
                    State::Removed {
                        reason: RemovalReason::VoucherRefused,
                        at,
                    },
                    Reason::VoucherRefused,
                    None,
                )
            },
        )
    }

    /// Restores an inactive application to the queue, in its place, as often as the
    /// policy allows (`RULES.md §8`: once, within 28 calendar days).
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless inactive; `RESTORE_USED`.
    pub fn restore(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(
            &[id],
            at,
            Actor::Applicant,
            Command::Restore { id },
            |e, r| {
                let State::Inactive { .. } = r.state else {
                    return Err(forbids(r, "restore"));
                };
                let allowed = e.policy.voucher.map_or(0, |v| v.restores_allowed);
                if r.restores >= allowed {
                    return Err(AllocationError::RestoreUsed { id, allowed }.into());
                }
                let mut n = r.clone();
                n.restores += 1;
                n.state = State::Queued;
                n.catch_up_interest(at, &e.policy, &e.calendar);
                change(n, Reason::Restored, None)
            },
        )
    }

    /// Signs the contract with the kindergarten of `bulletin`, a place of the voucher's
    /// pool: the child is enrolled (`RULES.md §8`).
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless the voucher is confirmed; `BULLETIN_UNKNOWN`, `PLACE_TAKEN`,
    /// `PLACE_OTHER_QUEUE`, `PLACE_HELD_ELSEWHERE`.
    pub fn sign_contract(
        &mut self,
        id: ApplicationId,
        bulletin: BulletinId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let kindergarten = self.bulletin(bulletin)?.kindergarten.id.clone();
        self.atomically(at, |e| {
            let command = Command::SignContract { id, bulletin };
            e.run(&[id], at, Actor::Kindergarten, command, |e, r| {
                let State::VoucherConfirmed {
                    bulletin: held,
                    place_held,
                    ..
                } = r.state
                else {
                    return Err(forbids(r, "sign_contract"));
                };
                if !place_held {
                    e.place_check(id, &r.state, r.app.queue_key_ref(), bulletin, 1)?;
                } else if held != bulletin {
                    return Err(AllocationError::PlaceHeldElsewhere { id, bulletin, held }.into());
                }
                change_state(
                    State::Enrolled {
                        kindergarten: kindergarten.clone(),
                        at,
                        bulletin: Some(bulletin),
                    },
                    Reason::ContractSigned,
                    Some(Detail::Shared(kindergarten.clone())),
                )
            })
        })
    }

    /// Puts a voucher holder on the waiting list of a kindergarten of its pool that has no
    /// free place (`RULES.md §8`); the voucher's reserved place opens to others.
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless the voucher is confirmed; `KINDERGARTEN_UNKNOWN`,
    /// `WAITING_LIST_NOT_NEEDED`.
    pub fn join_waiting_list(
        &mut self,
        id: ApplicationId,
        kindergarten: &str,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.atomically(at, |e| {
            let command = Command::JoinWaitingList {
                id,
                kindergarten: kindergarten.to_owned(),
            };
            e.run(&[id], at, Actor::Applicant, command, |e, r| {
                let State::VoucherConfirmed { bulletin, .. } = r.state else {
                    return Err(forbids(r, "join_waiting_list"));
                };
                let pool = e.bulletin(bulletin)?.queue_key();
                let free = e.free_at(&pool, kindergarten).ok_or_else(|| {
                    AllocationError::UnknownKindergarten {
                        kindergarten: kindergarten.to_owned(),
                    }
                })?;
                if free > 0 {
                    return Err(AllocationError::WaitingListNotNeeded {
                        kindergarten: kindergarten.to_owned(),
                        free,
                    }
                    .into());
                }
                change_state(
                    State::WaitingList {
                        kindergarten: kindergarten.into(),
                        since: at,
                    },
                    Reason::WaitingListJoined,
                    Some(Detail::Text(kindergarten.to_owned())),
                )
            })
        })
    }

    /// Free places of `kindergarten` in the pool, or `None` when no bulletin of the pool
    /// names it.
    fn free_at(&self, pool: &QueueKey, kindergarten: &str) -> Option<u32> {
        self.board
            .pool_bulletins(pool)
            .iter()
            .filter_map(|b| self.board.get(*b))
            .filter(|b| &*b.kindergarten.id == kindergarten)
            .map(crate::allocation::Bulletin::free)
            .reduce(|a, b| a + b)
    }

    /// Gives the free places of each kindergarten of a pool to its waiting list first, in
    /// queue order: the children's vouchers are confirmed again, with a new contract
    /// window, on a place of that kindergarten held for them (`RULES.md §8`).
    pub(crate) fn serve_waiting_lists(
        &mut self,
        pool: &QueueKey,
        at: NaiveDateTime,
        contract_by: Deadline,
    ) -> Vec<ApplicationId> {
        let Some(q) = self.standing.id_of(pool) else {
            return Vec::new();
        };
        let mut listed: Vec<(ApplicationId, std::sync::Arc<str>)> = Vec::new();
        for class in PriorityClass::ALL {
            for id in self.standing.class_members(q, class) {
                if let Ok(i) = self.index(id) {
                    if let State::WaitingList { kindergarten, .. } = &self.records[i].state {
                        listed.push((id, kindergarten.clone()));
                    }
                }
            }
        }
        let mut served = Vec::new();
        for (id, kindergarten) in listed {
            let place = self.board.pool_bulletins(pool).iter().copied().find(|b| {
                self.board
                    .get(*b)
                    .is_some_and(|b| b.kindergarten.id == kindergarten && b.free() > 0)
            });
            let (Some(bulletin), true) = (place, self.board.open(pool) > 0) else {
                continue;
            };
            let Ok(i) = self.index(id) else { continue };
            let state = State::VoucherConfirmed {
                confirmed_at: at,
                contract_by,
                bulletin,
                place_held: true,
            };
            let detail = Some(Detail::Shared(kindergarten));
            self.commit_state(
                i,
                state,
                at,
                Actor::Operator,
                Reason::WaitingListPlace,
                detail,
            );
            served.push(id);
        }
        served
    }
}
