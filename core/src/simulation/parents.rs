//! The parents' side of a run (`RULES.md §5–§6`): answering a notice, choosing a place,
//! bringing the child or not, revoking, extending, confirming, and free choice. Each
//! action is planned on the agenda and judged by the engine when its day comes; a
//! refusal (a window passed, the state moved on) is the rules at work.

use chrono::{Days, NaiveDate};

use super::run::{at, below, chance, language_bit, languages_of, pick, unit, Action, Child, Run};
use super::SimulationError;
use crate::allocation::BulletinId;
use crate::application::ApplicationId;
use crate::lifecycle::{State, StateName};

impl Run<'_> {
    /// A notified parent answers after a drawn number of working days, or never.
    pub(super) fn notified(
        &mut self,
        id: ApplicationId,
        day: NaiveDate,
    ) -> Result<(), SimulationError> {
        let b = &self.input.behaviour;
        if chance(&mut self.rng, b.answers_notice) {
            let delay = pick(&mut self.rng, &b.choice_delay_weights);
            let when = self.later(day, delay)?;
            self.agenda.plan(when, Action::Choose(id));
        }
        Ok(())
    }

    /// After a direction: revoke, or bring the child (maybe after an extension), or not.
    pub(super) fn directed(
        &mut self,
        id: ApplicationId,
        day: NaiveDate,
    ) -> Result<(), SimulationError> {
        let input = self.input;
        let b = &input.behaviour;
        let asks_right = matches!(
            self.engine.state(id)?,
            State::DirectionIssued(d) if d.right_confirm_by.is_some()
        );
        if asks_right && chance(&mut self.rng, b.confirms_right) {
            self.agenda.plan(day, Action::ConfirmRight(id));
        }
        if chance(&mut self.rng, b.revokes) {
            self.agenda.plan(day, Action::Revoke(id));
        } else if chance(&mut self.rng, b.shows_up) {
            if chance(&mut self.rng, b.extends) {
                self.agenda
                    .plan(day, Action::Extend(id, day + Days::new(20)));
            } else {
                let delay = pick(&mut self.rng, &b.show_up_delay_weights);
                let when = self.later(day, delay)?;
                self.agenda.plan(when, Action::Enroll(id));
            }
        }
        Ok(())
    }

    /// The parents' actions due today, in the order they were planned. The engine judges
    /// each; a refusal (a window passed, the state moved on) is the rules at work.
    pub(super) fn act(&mut self, day: NaiveDate) -> Result<(), SimulationError> {
        let mut s = 0;
        self.engine
            .touch(self.agenda.on(day).iter().map(|a| a.id()));
        while let Some(action) = self.agenda.next(day) {
            s += 1;
            let t = at(day, 11, s);
            match action {
                Action::Choose(id) => {
                    if let Some(bulletin) = self.choice(id) {
                        if self.engine.take_place(id, bulletin, t).is_ok() {
                            self.directed(id, day)?;
                        }
                    }
                }
                Action::Enroll(id) => {
                    let _ = self.engine.enroll(id, t);
                }
                Action::Extend(id, until) => {
                    if self.engine.extend(id, until, t).is_ok() {
                        self.agenda.plan(until, Action::Enroll(id));
                    }
                }
                Action::Revoke(id) => {
                    if self.engine.revoke(id, t).is_ok() {
                        // Under ranked choices the place went on at once.
                        self.given_on(day)?;
                    }
                }
                Action::Renew(id) => self.renew(id, day, t)?,
                Action::ConfirmRight(id) => {
                    let _ = self.engine.confirm_right(id, t);
                }
                Action::ConfirmInterest(id) => {
                    if self.engine.confirm_interest(id, t).is_ok() {
                        self.plan_interest(id);
                    }
                }
                Action::RefuseVoucher(_)
                | Action::ConfirmVoucher(_)
                | Action::SignContract(_)
                | Action::Restore(_) => self.voucher_action(action, day, t)?,
            }
        }
        Ok(())
    }

    /// What the simulation knows of the child of `id`.
    fn child(&self, id: ApplicationId) -> Option<&Child> {
        self.children
            .get(usize::try_from(id.0).ok()?.checked_sub(1)?)
    }

    /// A bulletin of the child's pool with a free place, of its language when the parent
    /// prefers it and one exists.
    pub(super) fn choice(&mut self, id: ApplicationId) -> Option<BulletinId> {
        let child = self.child(id)?;
        let (pool, language) = (child.pool, child.language);
        let prefers = chance(&mut self.rng, self.input.behaviour.prefers_language);
        let free = self.pools[pool as usize]
            .bulletin
            .map_or(&[][..], |b| self.engine.bulletins_with_free_places_at(b));
        if prefers {
            let own = free
                .iter()
                .copied()
                .find(|&b| languages_of(&self.languages, b) & language_bit(language) != 0);
            if own.is_some() {
                return own;
            }
        }
        let n = u32::try_from(free.len()).ok()?;
        (n > 0).then(|| free[below(&mut self.rng, n) as usize])
    }

    /// Free choice (`RULES.md §5`): each place open in a pool is taken today with the
    /// behaviour's probability (the count rounded at random), each by a waiting child of
    /// the pool drawn at random. A child the engine refuses (too young, stop-listed…) uses
    /// up the attempt; after three refusals in a pool nobody there looks again that day.
    pub(super) fn free_choice(&mut self, day: NaiveDate) -> Result<(), SimulationError> {
        let p = self.input.behaviour.free_choice_daily;
        let mut s = 0;
        for pool in 0..self.pools.len() {
            let Some(bulletin) = self.pools[pool].bulletin else {
                continue;
            };
            let open = self.engine.open_places_at(bulletin);
            let takers = (f64::from(open) * p + unit(&mut self.rng)).floor();
            let mut refused = 0;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // ≤ open
            for _ in 0..takers as u32 {
                let Some(id) = self.waiting_member(pool) else {
                    break;
                };
                let Some(bulletin) = self.choice(id) else {
                    break;
                };
                s += 1;
                if self.engine.take_place(id, bulletin, at(day, 15, s)).is_ok() {
                    self.directed(id, day)?;
                } else {
                    refused += 1;
                    if refused == 3 {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// A waiting member of the pool, drawn at random; members who left are dropped.
    fn waiting_member(&mut self, pool: usize) -> Option<ApplicationId> {
        for _ in 0..32 {
            let members = &self.pools[pool].members;
            let n = u32::try_from(members.len()).ok()?;
            if n == 0 {
                return None;
            }
            let id = members[below(&mut self.rng, n) as usize];
            if self.engine.state_name(id) == Ok(StateName::Queued) {
                return Some(id);
            }
            let p = &mut self.pools[pool];
            p.stale += 1;
            if p.stale > p.members.len() / 2 {
                let engine = &self.engine;
                p.members
                    .retain(|&m| engine.state_name(m).is_ok_and(StateName::stands_in_queue));
                p.stale = 0;
            }
        }
        None
    }
}
