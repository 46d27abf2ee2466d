//! The parents' side of the voucher flow (`RULES.md §8`), under a policy that runs it:
//! the city's distributions, and what a parent does with a voucher (refuse, confirm or let
//! it lapse, sign a contract, restore). As with notices, every action is planned on the
//! agenda and the engine judges it when its day comes.
//!
//! The rhythm is kezek's choice, said here and in the README: the year's distribution on
//! the first working day from the policy's start (1 July), then one each Monday that is a
//! working day, for the places given back (lapsed vouchers, contracts not signed) and
//! published since. Places published after the start are offered at once by the engine's
//! own round. Voucher regions have no free choice.

use chrono::{Datelike, NaiveDate, Weekday};

use super::run::{at, chance, pick, Action, Run};
use super::SimulationError;
use crate::allocation::RoundReport;
use crate::application::ApplicationId;
use crate::lifecycle::State;

impl Run<'_> {
    /// Hands each child a round offered to its parent: a notice, or a voucher under a
    /// policy that runs vouchers.
    pub(super) fn offered(
        &mut self,
        reports: &[RoundReport],
        day: NaiveDate,
    ) -> Result<(), SimulationError> {
        let vouchers = self.input.policy.voucher.is_some();
        for id in reports.iter().flat_map(|r| r.offered.iter().copied()) {
            if vouchers {
                self.voucher_offered(id, day)?;
            } else {
                self.notified(id, day)?;
            }
        }
        // Under ranked choices the round issued directions itself (`RULES.md §5a`).
        for id in reports.iter().flat_map(|r| r.directed.iter().map(|d| d.id)) {
            self.directed(id, day)?;
        }
        Ok(())
    }

    /// Runs a distribution on `day` (a working day) when it is one of the city's: the
    /// first working day from the year's start, then each Monday.
    pub(super) fn distribute(&mut self, day: NaiveDate) -> Result<(), SimulationError> {
        let policy = &self.input.policy;
        let Some(v) = policy.voucher else {
            return Ok(());
        };
        let starts = NaiveDate::from_ymd_opt(
            day.year(),
            v.distribution_starts.month,
            v.distribution_starts.day,
        );
        let Some(starts) = starts.filter(|s| day >= *s) else {
            return Ok(());
        };
        if policy.is_frozen(day) {
            return Ok(());
        }
        let calendar = self.engine.calendar();
        let mut before = starts.iter_days().take_while(|d| *d < day);
        let first = !before.any(|d| calendar.is_working_day(d).unwrap_or(false));
        if !(first || day.weekday() == Weekday::Mon) {
            return Ok(());
        }
        let reports = self.engine.distribute(at(day, 10, 30))?;
        self.offered(&reports, day)
    }

    /// A parent offered a voucher refuses it, or confirms it after a drawn delay, or lets
    /// it lapse and perhaps restores the application after.
    fn voucher_offered(
        &mut self,
        id: ApplicationId,
        day: NaiveDate,
    ) -> Result<(), SimulationError> {
        let b = &self.input.behaviour.voucher;
        if chance(&mut self.rng, b.refuses) {
            self.agenda.plan(day, Action::RefuseVoucher(id));
        } else if chance(&mut self.rng, b.confirms) {
            let delay = pick(&mut self.rng, &b.confirm_delay_weights);
            let when = self.later(day, delay)?;
            self.agenda.plan(when, Action::ConfirmVoucher(id));
        } else if chance(&mut self.rng, b.restores) {
            self.plan_restore(id)?;
        }
        Ok(())
    }

    /// Plans the restoration of `id` a drawn number of working days after its consent
    /// window ends.
    fn plan_restore(&mut self, id: ApplicationId) -> Result<(), SimulationError> {
        let State::VoucherOffered { consent_by, .. } = self.engine.state(id)? else {
            return Ok(());
        };
        let delay = pick(
            &mut self.rng,
            &self.input.behaviour.voucher.restore_delay_weights,
        );
        let when = self.later(consent_by.last_day, delay + 1)?;
        self.agenda.plan(when, Action::Restore(id));
        Ok(())
    }

    /// Takes a voucher action due on `day` at `t`; the engine judges it.
    pub(super) fn voucher_action(
        &mut self,
        action: Action,
        day: NaiveDate,
        t: chrono::NaiveDateTime,
    ) -> Result<(), SimulationError> {
        match action {
            Action::RefuseVoucher(id) => {
                let _ = self.engine.refuse_voucher(id, t);
            }
            Action::ConfirmVoucher(id) => {
                let b = &self.input.behaviour.voucher;
                if self.engine.confirm_voucher(id, t).is_ok()
                    && chance(&mut self.rng, b.signs_contract)
                {
                    let delay = pick(&mut self.rng, &b.contract_delay_weights);
                    let when = self.later(day, delay)?;
                    self.agenda.plan(when, Action::SignContract(id));
                }
            }
            Action::SignContract(id) => {
                // A free place of the pool, of the family's language when it prefers one;
                // else the place the voucher holds.
                let held = match self.engine.state(id)? {
                    State::VoucherConfirmed { bulletin, .. } => Some(*bulletin),
                    _ => None,
                };
                let chosen = self.choice(id).or(held);
                if let Some(bulletin) = chosen {
                    let signed = self.engine.sign_contract(id, bulletin, t).is_ok();
                    if let Some(h) = held.filter(|&h| !signed && h != bulletin) {
                        let _ = self.engine.sign_contract(id, h, t);
                    }
                }
            }
            Action::Restore(id) => {
                let _ = self.engine.restore(id, t);
            }
            Action::Choose(_)
            | Action::Enroll(_)
            | Action::Extend(..)
            | Action::Revoke(_)
            | Action::Renew(_)
            | Action::ConfirmRight(_)
            | Action::ConfirmInterest(_) => {}
        }
        Ok(())
    }
}
