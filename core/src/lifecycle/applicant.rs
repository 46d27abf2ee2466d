//! The applicant's commands on a standing application: withdrawal, interest, linked
//! parents and twins, benefit changes, and a birth date the register corrected
//! (`RULES.md §1–§4`).

use std::sync::Arc;

use chrono::{Months, NaiveDate, NaiveDateTime, TimeDelta};

use super::event::{Actor, Command, Reason};
use super::state::State;
use super::{BatchRule, Engine, LifecycleError};
use crate::application::{ApplicationId, BirthDateSource, Document};
use crate::calendar::{CalendarError, Deadline};
use crate::eligibility;
use crate::iin::Iin;
use crate::period::{Period, PeriodUnit};

use super::commands::{change, change_state, forbids, midnight, Change, Edit};
use super::detail::Detail;

/// When interest must next be confirmed ([`Engine::interest_due`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct InterestDue {
    /// Which anniversary of registration (1 = the first).
    pub anniversary: u32,
    /// The anniversary's deadline: a confirmation counts until it ends.
    pub confirm_by: Deadline,
    /// From when a confirmation counts (the policy's `interest_confirmation_early` before).
    pub opens_at: NaiveDateTime,
    /// Whether it is confirmed already.
    pub confirmed: bool,
}

impl Engine {
    /// The applicant withdraws the application (`RULES.md §2` \[002\]: not once the child is
    /// enrolled).
    ///
    /// # Errors
    /// `STATE_FORBIDS` when enrolled or already over.
    pub fn withdraw(&mut self, id: ApplicationId, at: NaiveDateTime) -> Result<(), LifecycleError> {
        self.run(
            &[id],
            at,
            Actor::Applicant,
            Command::Withdraw { id },
            |_, r| {
                if r.state.is_final() || matches!(r.state, State::Enrolled { .. }) {
                    return Err(forbids(r, "withdraw"));
                }
                change_state(State::Withdrawn { at }, Reason::Withdrawn, None)
            },
        )
    }

    /// The applicant confirms interest for the coming anniversary of registration
    /// (`RULES.md §2` \[004\]); it counts from the policy's `interest_confirmation_early`
    /// before the anniversary.
    ///
    /// # Errors
    /// `STATE_FORBIDS` unless standing in the queue, `INTEREST_TOO_EARLY`,
    /// `INTEREST_ALREADY_CONFIRMED`.
    pub fn confirm_interest(
        &mut self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.run(
            &[id],
            at,
            Actor::Applicant,
            Command::ConfirmInterest { id },
            |e, r| {
                if !r.state.stands_in_queue() {
                    return Err(forbids(r, "confirm_interest"));
                }
                let Some(anniversary) =
                    r.anniversary(r.interest.anniversary, &e.policy, &e.calendar)
                else {
                    return Err(forbids(r, "confirm_interest"));
                };
                if r.interest.confirmed {
                    return Err(LifecycleError::InterestAlreadyConfirmed {
                        id,
                        anniversary: anniversary.last_day,
                    });
                }
                let opens_at = e.opens_before(anniversary, e.policy.interest_confirmation_early)?;
                if at < opens_at {
                    return Err(LifecycleError::InterestTooEarly { id, opens_at });
                }
                Ok(Change {
                    edit: Edit::InterestConfirmed,
                    reason: Reason::InterestConfirmed,
                    detail: Some(Detail::Date(anniversary.last_day)),
                })
            },
        )
    }

    /// When interest must next be confirmed (`RULES.md §2` \[004\]): the coming
    /// anniversary, the deadline it ends with (provisional where the calendar has no data
    /// yet), the moment confirmations start to count, and whether it is done. `None`
    /// unless the application stands in the queue (only a waiting child confirms).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`; a calendar error only for an anniversary past the calendar.
    pub fn interest_due(&self, id: ApplicationId) -> Result<Option<InterestDue>, LifecycleError> {
        let r = self.record(id)?;
        if !r.state.stands_in_queue() {
            return Ok(None);
        }
        let Some(confirm_by) = r.anniversary(r.interest.anniversary, &self.policy, &self.calendar)
        else {
            return Ok(None);
        };
        let opens_at = self.opens_before(confirm_by, self.policy.interest_confirmation_early)?;
        Ok(Some(InterestDue {
            anniversary: r.interest.anniversary,
            confirm_by,
            opens_at,
            confirmed: r.interest.confirmed,
        }))
    }

    /// The first moment that counts for a deadline, `early` before its last day; fails
    /// only outside the calendar's span.
    fn opens_before(
        &self,
        deadline: Deadline,
        early: Period,
    ) -> Result<NaiveDateTime, CalendarError> {
        let day = deadline.last_day;
        Ok(match early.unit {
            PeriodUnit::Hours => deadline.ends_at - TimeDelta::hours(i64::from(early.amount)),
            PeriodUnit::CalendarDays => midnight(day - TimeDelta::days(i64::from(early.amount))),
            PeriodUnit::Months | PeriodUnit::Years => midnight(
                day.checked_sub_months(Months::new(early.in_months().unwrap_or(0)))
                    .unwrap_or(day),
            ),
            PeriodUnit::WorkingDays => {
                let mut d = day;
                let mut left = early.amount;
                while left > 0 {
                    d = d.pred_opt().unwrap_or(d);
                    // Provisional where the year has no decree data, as every count a
                    // command makes (issue 23, §3).
                    if self.calendar.provisional().is_working_day(d)?.value {
                        left -= 1;
                    }
                }
                midnight(d)
            }
        })
    }

    /// Attaches the application to another parent's IIN, so it shows in their account
    /// (`RULES.md §2` [000, 001]).
    ///
    /// # Errors
    /// The IIN's own code (`IIN_CHECKSUM`…), `APPLICANT_ALREADY_LINKED`, `STATE_FORBIDS`
    /// for an application that is over.
    pub fn link_applicant(
        &mut self,
        id: ApplicationId,
        applicant_iin: &str,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let applicant = Iin::parse(applicant_iin)?;
        self.run(
            &[id],
            at,
            Actor::Applicant,
            Command::LinkApplicant { id, applicant },
            |_, r| {
                if r.state.is_final() {
                    return Err(forbids(r, "link_applicant"));
                }
                if r.app.applicants.contains(&applicant) {
                    return Err(LifecycleError::ApplicantAlreadyLinked { id });
                }
                let mut n = r.clone();
                Arc::make_mut(&mut n.app).applicants.push(applicant);
                change(
                    n,
                    Reason::ApplicantLinked,
                    Some(Detail::Text(applicant.masked())),
                )
            },
        )
    }

    /// Links twins or triplets (2 to 4 children of one family, births at most a month
    /// apart, in one queue) as one batch: they stand together at the batch's best place,
    /// and are notified together only when there are places for all (`RULES.md §4`).
    ///
    /// Only where the policy links twins ([`crate::Policy::twin_batches`]: Astana since
    /// 16.10.2019); elsewhere each child is directed in its own turn.
    ///
    /// # Errors
    /// `BATCH_NOT_IN_POLICY` where the policy does not link twins, `BATCH_SIZE`,
    /// `BATCH_QUEUE`, `BATCH_FAMILY`, `BATCH_BIRTHS`, `BATCH_LINKED`, `BATCH_STATE`,
    /// `APPLICATION_UNKNOWN`.
    pub fn link_batch(
        &mut self,
        ids: &[ApplicationId],
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let batch = |rule| LifecycleError::Batch { rule };
        if !self.policy.twin_batches {
            return Err(batch(BatchRule::NotInPolicy));
        }
        if !(2..=4).contains(&ids.len()) {
            return Err(batch(BatchRule::Size));
        }
        let records = ids
            .iter()
            .map(|&id| self.record(id))
            .collect::<Result<Vec<_>, _>>()?;
        let first = records[0];
        if records.iter().any(|r| r.batch.is_some()) {
            return Err(batch(BatchRule::Linked));
        }
        if records
            .iter()
            .any(|r| r.app.queue_key() != first.app.queue_key())
        {
            return Err(batch(BatchRule::Queue));
        }
        if records.iter().any(|r| {
            !r.app
                .applicants
                .iter()
                .any(|a| first.app.applicants.contains(a))
        }) {
            return Err(batch(BatchRule::Family));
        }
        let births = records.iter().map(|r| r.app.child_birth_date);
        let (lo, hi) = (births.clone().min(), births.max());
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if lo
                .checked_add_months(Months::new(1))
                .is_none_or(|limit| hi > limit)
            {
                return Err(batch(BatchRule::Births));
            }
        }
        let lead = ids[0];
        self.run(
            &ids,
            at,
            Actor::Applicant,
            Command::LinkBatch { ids: ids.clone() },
            |_, r| {
                if !r.state.stands_in_queue() {
                    return Err(batch(BatchRule::State));
                }
                let mut n = r.clone();
                n.batch = Some(lead);
                change(n, Reason::BatchLinked, Some(Detail::Text(lead.to_string())))
            },
        )?;
        self.batches.insert(lead, ids);
        self.reorder_batch(lead);
        Ok(())
    }

    /// Unlinks the twins/triplets batch of `id`, at the applicant's request (`RULES.md §4`):
    /// each member stands again at its own place (its own class and registration moment)
    /// and may be offered a place alone; each gets a `BATCH_UNLINKED` event.
    ///
    /// # Errors
    /// `BATCH_NOT_LINKED` when `id` is in no batch, `APPLICATION_UNKNOWN`.
    pub fn unlink_batch(
        &mut self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let Some(lead) = self.record(id)?.batch else {
            return Err(LifecycleError::Batch {
                rule: BatchRule::NotLinked,
            });
        };
        let members = self.batch_members(lead);
        self.run(
            &members,
            at,
            Actor::Applicant,
            Command::UnlinkBatch { id },
            |_, r| {
                let mut n = r.clone();
                n.batch = None;
                n.order.class = n.app.class;
                n.order.moment = n.app.registered_at;
                change(n, Reason::BatchUnlinked, None)
            },
        )?;
        self.batches.remove(&lead);
        Ok(())
    }

    /// Changes the benefit claim and its documents (`RULES.md §3`: children move between
    /// categories as their data change); the child keeps its registration moment and moves
    /// to its new class. Also how a ПМПК conclusion is attached.
    ///
    /// # Errors
    /// `BENEFIT_REFUSED` with the failed checks, `STATE_FORBIDS` once enrolled or over.
    pub fn update_benefit(
        &mut self,
        id: ApplicationId,
        benefit: Option<&str>,
        documents: &[Document],
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let benefit = benefit.map(str::to_owned);
        let documents = documents.to_vec();
        let command = Command::UpdateBenefit {
            id,
            benefit: benefit.clone(),
            documents: documents.clone(),
        };
        self.run(&[id], at, Actor::Applicant, command, |e, r| {
            if r.state.is_final() || matches!(r.state, State::Enrolled { .. }) {
                return Err(forbids(r, "update_benefit"));
            }
            let mut n = r.clone();
            let app = Arc::make_mut(&mut n.app);
            app.class = match &benefit {
                Some(code) => eligibility::benefit_claim(&e.policy, code, &documents, at)
                    .map_err(|failures| LifecycleError::Benefit { failures })?,
                None => crate::benefit::PriorityClass::General,
            };
            app.benefit.clone_from(&benefit);
            app.documents = documents.clone().into_boxed_slice();
            let detail = Some(Detail::Static(app.class.as_str()));
            change(n, Reason::BenefitChanged, detail)
        })
    }

    /// The state register corrected the child's birth date (`RULES.md §1`, revised
    /// 2026-12): the application reads the new date for every age rule from now on, and
    /// the child keeps its registration moment in the queue of its new birth year (its
    /// cohort). A `BIRTH_DATE_CORRECTED` event, by the operator, names the date.
    ///
    /// Only while the child waits and holds no place (queued, stop-listed, inactive), and
    /// outside a batch of twins (unlink it first: their dates are checked together).
    ///
    /// # Errors
    /// `BIRTH_DATE_REFUSED` (`CHILD_BORN`) for a date after `at`, `STATE_FORBIDS`,
    /// `BATCH_LINKED`, `APPLICATION_UNKNOWN`, `TIME_BEFORE_CLOCK`.
    pub fn correct_birth_date(
        &mut self,
        id: ApplicationId,
        birth_date: NaiveDate,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let command = Command::CorrectBirthDate { id, birth_date };
        self.run(&[id], at, Actor::Operator, command, |_, r| {
            if !matches!(
                r.state,
                State::Queued | State::StopListed { .. } | State::Inactive { .. }
            ) {
                return Err(forbids(r, "correct_birth_date"));
            }
            if r.batch.is_some() {
                return Err(LifecycleError::Batch {
                    rule: BatchRule::Linked,
                });
            }
            eligibility::birth_date_claim(birth_date, at)
                .map_err(|failures| LifecycleError::BirthDate { failures })?;
            let mut n = r.clone();
            let app = Arc::make_mut(&mut n.app);
            app.child_birth_date = birth_date;
            app.birth_date_source = BirthDateSource::Register;
            change(
                n,
                Reason::BirthDateCorrected,
                Some(Detail::Date(birth_date)),
            )
        })
    }
}
