//! How a judged change is applied (`RULES.md §2–§8`): the record changes, then the
//! queues, the bulletin board, the history and the record's next deadline are brought in
//! step with it, all in one place, so that no command keeps them itself.

use chrono::NaiveDateTime;

use super::detail;
use super::event::{Actor, Reason};
use super::history::Transition;
use super::record::Record;
use super::state::{State, StateName};
use super::Engine;
use crate::application::ApplicationId;
use crate::calendar::WorkCalendar;
use crate::policy::Policy;
use crate::queue::OrderKey;

/// What [`Engine::settle`] reads of a record before it changes: taken before the record
/// is changed in place, so that no change needs a copy of the record.
#[derive(Debug, Clone)]
struct Before {
    claim: crate::allocation::bulletin::Claim,
    /// What the index of rankers read, where the policy gives places by ranked choices.
    indexed: Option<super::rankers::Indexed>,
    ranked: bool,
    name: StateName,
    order: OrderKey,
    queue: crate::queue::QueueId,
}

impl Before {
    /// What `r` was, before a change that `keeps_app` (its application) or not.
    fn of(r: &Record, policy: &Policy, keeps_app: bool) -> Self {
        Self {
            indexed: policy
                .ranked_choices
                .is_some()
                .then(|| super::rankers::Indexed::of(r, keeps_app)),
            queue: r.queue,
            claim: r.state.claim(),
            ranked: r.state.holds_ranked_direction(),
            name: r.state.name(),
            order: r.order,
        }
    }
}

/// Whether an application in state `to` has left its batch: over, or enrolled.
fn leaves_batch(to: StateName) -> bool {
    matches!(
        to,
        StateName::Withdrawn | StateName::Removed | StateName::Released | StateName::Enrolled
    )
}

impl Engine {
    /// Replaces record `i`, keeps the queues, the board and the deadline heap in step, and
    /// records the event.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn commit(
        &mut self,
        i: usize,
        mut new: Record,
        at: NaiveDateTime,
        actor: Actor,
        reason: Reason,
        detail: Option<detail::Detail>,
    ) {
        // A changed application is a new allocation (`Arc::make_mut` on a record copied
        // from the engine's), so the same pointer means the same application.
        let app_changed = !std::sync::Arc::ptr_eq(&new.app, &self.records[i].app);
        if app_changed {
            new.facts = crate::eligibility::ChildFacts::of(&self.policy, &new.app);
            new.choices = self.choice_numbers(&new.app);
        }
        let class_changed = app_changed && new.app.class != self.records[i].app.class;
        if class_changed && new.batch.is_none() {
            new.order.class = new.app.class;
        }
        // A corrected birth date can move the child to the queue of another year.
        if app_changed && new.app.queue_key_ref() != self.records[i].app.queue_key_ref() {
            new.queue = self.intern_queue(new.app.queue_key_ref());
        }
        let before = Before::of(&self.records[i], &self.policy, !app_changed);
        // The deadline as scheduled is the engine's, whatever copy `new` was made from.
        new.due = self.records[i].due;
        self.records[i] = new;
        self.settle(i, &before, at, actor, reason, detail);
        if class_changed {
            if let Some(b) = self.records[i].batch {
                self.reorder_batch(b);
            }
        }
    }

    /// [`Engine::commit`] of a change of state alone, without copying the record.
    pub(crate) fn commit_state(
        &mut self,
        i: usize,
        state: State,
        at: NaiveDateTime,
        actor: Actor,
        reason: Reason,
        detail: Option<detail::Detail>,
    ) {
        self.commit_in_place(i, at, actor, |r, _, _| {
            r.state = state;
            (reason, detail)
        });
    }

    /// Changes record `i` in place with `edit`, which tells the change's reason and
    /// detail, then settles it: the one path of every change that leaves the application
    /// as it is (a new state, a confirmed interest, most deadlines), with no copy of the
    /// record.
    pub(crate) fn commit_in_place(
        &mut self,
        i: usize,
        at: NaiveDateTime,
        actor: Actor,
        edit: impl FnOnce(&mut Record, &Policy, &WorkCalendar) -> (Reason, Option<detail::Detail>),
    ) {
        let before = Before::of(&self.records[i], &self.policy, true);
        let app = std::sync::Arc::as_ptr(&self.records[i].app);
        let (reason, detail) = edit(&mut self.records[i], &self.policy, &self.calendar);
        debug_assert!(
            std::ptr::eq(app, std::sync::Arc::as_ptr(&self.records[i].app)),
            "a change in place keeps the application"
        );
        self.settle(i, &before, at, actor, reason, detail);
    }

    /// Brings the queues, the board and the deadline heap in step with record `i`, which
    /// stood as `before` says, and records the event.
    fn settle(
        &mut self,
        i: usize,
        before: &Before,
        at: NaiveDateTime,
        actor: Actor,
        reason: Reason,
        detail: Option<detail::Detail>,
    ) {
        let old_order = before.order;
        let new = &self.records[i];
        let (old_q, q) = (before.queue, new.queue);
        self.board.transfer(before.claim, new.state.claim());
        let moved = old_order != new.order || old_q != q;
        let (stood, stands) = (before.name.stands_in_queue(), new.state.stands_in_queue());
        let hint = new.placement;
        if stood && (moved || !stands) {
            self.standing.remove_hinted(old_q, &old_order, hint);
        }
        if stands && (moved || !stood) {
            let placed = self.standing.insert_hinted(q, &new.order, hint);
            self.records[i].placement = Some(placed);
        }
        let new = &self.records[i];
        let (waited, waits) = (
            before.name == StateName::Queued,
            matches!(new.state, State::Queued),
        );
        if waited && (moved || !waits) {
            self.waiting.remove_hinted(old_q, &old_order, hint);
        }
        if waits && (moved || !waited) {
            self.waiting.insert_in(q, &new.order);
        }
        let ranked = new.state.holds_ranked_direction();
        if before.ranked && (!ranked || old_q != q) {
            if let Some(set) = self.ranked_holders.get_mut(&old_q) {
                set.remove(&i);
            }
        }
        if ranked && (!before.ranked || old_q != q) {
            self.ranked_holders.entry(q).or_default().insert(i);
        }
        if let Some(indexed) = &before.indexed {
            self.rerank(i, indexed);
        }
        let new = &self.records[i];
        let (from, to) = (before.name, new.state.name());
        self.names[i] = to;
        self.record_event(i, (at, actor), (from, to), reason, detail);
        self.schedule(i);
        if self.records[i].batch.is_some() && leaves_batch(to) {
            self.leave_batch(i, at, actor);
        }
    }

    /// Takes record `i`, which left the queue, out of its batch (`RULES.md §4`: twins are
    /// offered together, so a batch with a member gone would never be offered): the others
    /// stay a batch, led by the lowest id, if two or more remain; each gets an event naming
    /// the one that left. They keep their places (the batch's best key).
    fn leave_batch(&mut self, i: usize, at: NaiveDateTime, actor: Actor) {
        let Some(lead) = self.records[i].batch.take() else {
            return;
        };
        let gone = self.records[i].app.id;
        let mut rest = self.batch_members(lead);
        rest.retain(|&id| id != gone);
        self.batches.remove(&lead);
        let new_lead = (rest.len() >= 2).then(|| rest[0]);
        if let Some(l) = new_lead {
            self.batches.insert(l, rest.clone());
        }
        for id in rest {
            let Ok(k) = self.index(id) else { continue };
            self.records[k].batch = new_lead;
            let name = self.records[k].state.name();
            self.record_event(
                k,
                (at, actor),
                (name, name),
                Reason::BatchMemberLeft,
                Some(detail::Detail::Text(gone.to_string())),
            );
        }
    }

    /// Adds an event to record `i`'s history, numbered next.
    pub(super) fn record_event(
        &mut self,
        i: usize,
        (at, actor): (NaiveDateTime, Actor),
        (from, to): (StateName, StateName),
        reason: Reason,
        detail: Option<detail::Detail>,
    ) {
        let head = Transition {
            seq: self.next_seq,
            at,
            actor,
            from,
            to,
            reason,
        };
        self.histories
            .push(&mut self.records[i].history, i, head, detail);
        self.next_seq += 1;
    }

    /// Records that interest in record `i` was confirmed for its next anniversary
    /// (`RULES.md §2`). Nothing else changes: the record keeps its state and its place, and
    /// its next deadline, which does not depend on the confirmation
    /// ([`Record::next_due`] reads the anniversary, not whether it was confirmed), so
    /// neither the queues nor the deadlines are touched; only the history grows. A city
    /// confirms its waiting children's interest every year.
    pub(super) fn commit_interest_confirmed(
        &mut self,
        i: usize,
        at: NaiveDateTime,
        actor: Actor,
        reason: Reason,
        detail: Option<detail::Detail>,
    ) {
        let r = &mut self.records[i];
        r.interest.confirmed = true;
        let name = r.state.name();
        self.record_event(i, (at, actor), (name, name), reason, detail);
        debug_assert_eq!(
            self.records[i].due.pending(),
            self.records[i].next_due(&self.policy, &self.calendar),
            "a confirmation of interest changes no deadline"
        );
    }

    pub(super) fn schedule(&mut self, i: usize) {
        let r = &mut self.records[i];
        r.see_anniversary(&self.policy, &self.calendar);
        let next = r.next_due(&self.policy, &self.calendar);
        self.dues.set(&mut r.due, i, next);
    }

    /// Gives every member of a batch the batch's best (class, moment), keeping its own id
    /// (`RULES.md §4`: twins and triplets stand together).
    pub(super) fn reorder_batch(&mut self, batch: ApplicationId) {
        let members: Vec<usize> = self
            .batch_members(batch)
            .into_iter()
            .filter_map(|id| self.index(id).ok())
            .collect();
        let best = members
            .iter()
            .map(|&i| (self.records[i].app.class, self.records[i].app.registered_at))
            .min();
        let Some((class, moment)) = best else { return };
        for i in members {
            let q = self.records[i].queue;
            let old = self.records[i].order;
            let new = OrderKey {
                class,
                moment,
                id: old.id,
            };
            if old == new {
                continue;
            }
            self.rerank_order(i, new);
            if self.records[i].state.stands_in_queue() {
                self.standing.remove_in(q, &old);
                self.records[i].placement = Some(self.standing.insert_in(q, &new));
            }
            if matches!(self.records[i].state, State::Queued) {
                self.waiting.remove_in(q, &old);
                self.waiting.insert_in(q, &new);
            }
        }
    }
}
