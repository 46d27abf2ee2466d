//! Parents renewing their child's benefit documents (`RULES.md §3`): a document valid for
//! a time (a serviceman's certificate counts one month) ends, and the child is passed over
//! by offers until it is renewed. A parent renews them each time they end, or never
//! (drawn once per child: [`RenewalBehaviour`](super::RenewalBehaviour)), each time after a
//! drawn delay, from the month before the child is old enough for an offer.

use chrono::{Months, NaiveDate, NaiveDateTime};

use super::run::{chance, pick, Action, Run};
use super::SimulationError;
use crate::application::{ApplicationId, Document};

impl Run<'_> {
    /// Plans the renewal of the documents of `id`'s benefit, issued on `issued`: after
    /// the last day the first of them holds, if the parent renews them (drawn when they
    /// are `first` issued, at registration), and not before the month before the child
    /// is old enough for an offer (until then no offer can come, and a parent has no
    /// reason to renew).
    pub(super) fn plan_renewal(&mut self, id: ApplicationId, issued: NaiveDate, first: bool) {
        let Ok(app) = self.engine.application(id) else {
            return;
        };
        let Some(category) = app
            .benefit
            .as_deref()
            .and_then(|code| self.input.policy.benefit(code))
        else {
            return;
        };
        let ends = category
            .documents
            .iter()
            .filter_map(|kind| {
                category.document_valid_until(&Document {
                    kind: kind.clone(),
                    issued_on: issued,
                    valid_until: None,
                })
            })
            .min();
        let Some(ends) = ends else { return };
        let policy = &self.input.policy;
        let ages = !app.group_type.is_specialised() || policy.min_age_for_special_groups;
        let ready = policy
            .min_offer_age
            .in_months()
            .filter(|_| ages)
            .and_then(|m| app.child_birth_date.checked_add_months(Months::new(m)))
            .and_then(|d| d.checked_sub_months(Months::new(1)));
        let ends = ends.max(ready.unwrap_or(ends));
        let renewal = &self.input.behaviour.renewal;
        let Some(child) = usize::try_from(id.0)
            .ok()
            .and_then(|n| self.children.get_mut(n.checked_sub(1)?))
        else {
            return;
        };
        if first {
            child.renews = chance(&mut self.rng, renewal.renews);
        }
        if !child.renews {
            return;
        }
        let delay = pick(&mut self.rng, &renewal.delay_weights);
        if let Ok(when) = self.later(ends, delay) {
            self.agenda.plan(when, Action::Renew(id));
        }
    }

    /// Renews the documents of `id`'s benefit at `t` on `day` (the others kept), if the
    /// child still stands in the queue; then plans the next renewal.
    pub(super) fn renew(
        &mut self,
        id: ApplicationId,
        day: NaiveDate,
        t: NaiveDateTime,
    ) -> Result<(), SimulationError> {
        let stands = self
            .engine
            .state_name(id)
            .is_ok_and(crate::lifecycle::StateName::stands_in_queue);
        let app = self.engine.application(id)?;
        let (Some(code), true) = (app.benefit.clone(), stands) else {
            return Ok(());
        };
        let Some(category) = self.input.policy.benefit(&code) else {
            return Ok(());
        };
        let documents: Vec<Document> = app
            .documents
            .iter()
            .filter(|d| !category.documents.contains(&d.kind))
            .cloned()
            .chain(category.documents.iter().map(|kind| Document {
                kind: kind.clone(),
                issued_on: day,
                valid_until: None,
            }))
            .collect();
        if self
            .engine
            .update_benefit(id, Some(&code), &documents, t)
            .is_ok()
        {
            self.plan_renewal(id, day, false);
        }
        Ok(())
    }
}
