//! Who ranked each kindergarten, per pool (`RULES.md §5a`): the index the re-placing of a
//! place given back reads, so that it touches only the children who ranked the
//! kindergartens of its chain (`chain.rs`), not the whole pool.
//!
//! A record is indexed while it takes part in its pool's rounds — waiting, or holding a
//! direction of a ranked round — under each kindergarten it ranked, by its queue key; a
//! second list holds those with a sibling enrolled there (sibling priority), which stand
//! first. Kept by `settle` (and registration, batch reordering, snapshot loading), only
//! where the policy gives places by ranked choices.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;

use foldhash::HashMap;
use smallvec::SmallVec;

use super::state::State;
use super::Engine;
use crate::application::Application;
use crate::iin::Iin;
use crate::queue::{OrderKey, QueueId};

mod list;
mod rebuild;

pub(crate) use list::Wants;
use list::{held_of, Entry, Key, List, WAITING};

/// Per kindergarten, the indexed records that ranked it, best-keyed first, each with
/// where it ranked that kindergarten.
type Lists = HashMap<Arc<str>, List>;

/// Per kindergarten, the indexed records with a sibling enrolled there.
type SiblingLists = HashMap<Arc<str>, BTreeMap<Key, Entry>>;

/// An applicant's children enrolled: each child and its kindergarten.
type Enrolled = SmallVec<[(Iin, Arc<str>); 1]>;

/// The index (see the module).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rankers {
    /// Per pool, every record taking part that ranked each kindergarten.
    lists: BTreeMap<QueueId, Lists>,
    /// Per pool, those of `lists` with a sibling enrolled at the kindergarten.
    siblings: BTreeMap<QueueId, SiblingLists>,
    /// Per applicant, their children enrolled and where (sibling priority only).
    enrolled: HashMap<Iin, Enrolled>,
    /// Per applicant, the records naming them (sibling priority only).
    by_applicant: HashMap<Iin, SmallVec<[u32; 2]>>,
    /// Per record, where the kindergarten of the ranked direction it holds stands among
    /// its choices ([`WAITING`] if it holds none, or is not indexed): one byte per record,
    /// so that giving a direction changes one byte, not an entry per choice.
    held: Vec<u8>,
}

/// What the index read of a record before it changed.
#[derive(Debug, Clone)]
pub(crate) struct Indexed {
    /// Whether it took part in its pool's rounds.
    taking_part: bool,
    enrolled: bool,
    queue: QueueId,
    order: OrderKey,
    /// Its application, unless the change kept it (the record's is then the same).
    app: Option<Arc<Application>>,
    /// The kindergarten of the ranked direction it held.
    held: Option<Arc<str>>,
}

impl Indexed {
    /// What the index read of `r`; its application too unless the change `keeps_app`
    /// (no copy of it then: the record's is the one it had).
    pub(crate) fn of(r: &super::record::Record, keeps_app: bool) -> Self {
        Self {
            taking_part: takes_part(&r.state),
            enrolled: matches!(r.state, State::Enrolled { .. }),
            queue: r.queue,
            order: r.order,
            app: (!keeps_app).then(|| Arc::clone(&r.app)),
            held: held(&r.state).cloned(),
        }
    }
}

/// Where kindergarten `k` stands among the choices of `app` (after them if not ranked).
fn rank_of(app: &Application, k: &Arc<str>) -> u8 {
    let at = app.ranked_choices.iter().position(|c| c == k);
    u8::try_from(at.unwrap_or(app.ranked_choices.len())).unwrap_or(WAITING - 1)
}

/// The kindergarten of the ranked direction a record in `state` holds.
fn held(state: &State) -> Option<&Arc<str>> {
    match state {
        State::DirectionIssued(d) if state.holds_ranked_direction() => Some(&d.kindergarten),
        _ => None,
    }
}

/// Whether a record in `state` takes part in its pool's ranked rounds.
fn takes_part(state: &State) -> bool {
    matches!(state, State::Queued) || state.holds_ranked_direction()
}

impl Rankers {
    /// The records of pool `q` that ranked kindergarten `k`: those with sibling priority
    /// there first, then the others, each in queue-key order (a record with a sibling
    /// there comes twice).
    ///
    /// The others are read from the first that may prefer `k` to where it stands (see
    /// [`List`]): those before hold a direction they ranked higher.
    pub(crate) fn at<'a>(&'a self, q: QueueId, k: &str) -> impl Iterator<Item = (u32, Wants)> + 'a {
        let siblings = self.siblings.get(&q).and_then(|l| l.get(k));
        let others = self.lists.get(&q).and_then(|l| l.get(k));
        siblings
            .into_iter()
            .flatten()
            .chain(others.into_iter().flat_map(List::read_from_first))
            .map(|(&(_, i), &entry)| (i, entry.wants(self.held_of(i))))
    }

    /// The records of pool `q` that ranked kindergarten `k` and stand after queue key
    /// `order` (all of them without it), in key order: those with a sibling enrolled
    /// there (`siblings`), or all.
    pub(crate) fn after<'a>(
        &'a self,
        q: QueueId,
        k: &str,
        order: Option<OrderKey>,
        siblings: bool,
    ) -> impl Iterator<Item = (u32, Wants)> + 'a {
        use std::ops::Bound::{Excluded, Unbounded};
        let from = order.map_or(Unbounded, |order| Excluded((order, u32::MAX)));
        let list = if siblings {
            self.siblings.get(&q).and_then(|l| l.get(k))
        } else {
            self.lists
                .get(&q)
                .and_then(|l| l.get(k))
                .map(|list| &list.entries)
        };
        list.into_iter()
            .flat_map(move |list| list.range((from, Unbounded)))
            .map(|(&(_, i), &entry)| (i, entry.wants(self.held_of(i))))
    }

    /// Every list of pool `q` is read from past the entries that take no part from `day`
    /// on, the engine's clock (see [`List`]).
    pub(crate) fn skip_settled_in(&mut self, q: QueueId, day: i32) {
        if let Some(lists) = self.lists.get_mut(&q) {
            for list in lists.values_mut() {
                list.skip_to(day, &self.held);
            }
        }
    }

    /// The kindergartens some record of pool `q` ranked, by id.
    pub(crate) fn ranked_in(&self, q: QueueId) -> Vec<Arc<str>> {
        let mut ids: Vec<Arc<str>> = self
            .lists
            .get(&q)
            .map(|l| l.keys().cloned().collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    /// The kindergartens where the applicants' other children are enrolled.
    pub(crate) fn sibling_kindergartens<'a>(
        &'a self,
        app: &'a Application,
    ) -> impl Iterator<Item = &'a Arc<str>> + 'a {
        app.applicants
            .iter()
            .filter_map(|a| self.enrolled.get(a))
            .flatten()
            .filter(|(child, _)| *child != app.child)
            .map(|(_, k)| k)
    }

    fn insert(
        &mut self,
        i: u32,
        (q, order, (ready, documents)): (QueueId, OrderKey, (i32, i32)),
        app: &Application,
        held: Option<&Arc<str>>,
    ) {
        if app.ranked_choices.is_empty() {
            return;
        }
        let held = held.map_or(WAITING, |k| rank_of(app, k));
        self.store_held(i, held);
        let siblings: SmallVec<[Arc<str>; 2]> =
            self.sibling_kindergartens(app).map(Arc::clone).collect();
        let mut at_siblings: SmallVec<[(Arc<str>, Entry); 1]> = SmallVec::new();
        let lists = self.lists.entry(q).or_default();
        for k in &app.ranked_choices {
            let wants = Entry {
                rank: rank_of(app, k),
                ready,
                documents,
            };
            let list = lists.entry(Arc::clone(k)).or_default();
            list.entries.insert((order, i), wants);
            if wants.wants(held).may_prefer() {
                list.may_prefer_at((order, i));
            }
            if siblings.contains(k) {
                at_siblings.push((Arc::clone(k), wants));
            }
        }
        if !at_siblings.is_empty() {
            let lists = self.siblings.entry(q).or_default();
            for (k, wants) in at_siblings {
                lists.entry(k).or_default().insert((order, i), wants);
            }
        }
    }

    /// Where the direction record `i` holds stands among its choices ([`WAITING`]: none).
    fn held_of(&self, i: u32) -> u8 {
        held_of(&self.held, i)
    }

    /// Whether record `i` holding a direction at `held` ([`WAITING`]: none) may prefer a
    /// kindergarten it did not before: it gave its direction back, or holds a worse one.
    fn prefers_more(&self, i: u32, held: u8) -> bool {
        let was = self.held_of(i);
        was != WAITING && (held == WAITING || held > was)
    }

    /// Record `i`, indexed in pool `q` at `order` with `choices`, now holds a direction
    /// standing at `held` among them ([`WAITING`]: none): its byte, and where it may
    /// prefer a kindergarten again, that list's first lowered to it.
    fn set_held(
        &mut self,
        i: u32,
        held: u8,
        (q, order): (QueueId, OrderKey),
        choices: &[Arc<str>],
    ) {
        let was = self.held_of(i);
        self.store_held(i, held);
        let Some(lists) = self.lists.get_mut(&q) else {
            return;
        };
        for (rank, k) in (0_u8..).zip(choices) {
            let may = |held: u8| held == WAITING || rank < held;
            if may(held) && !may(was) {
                if let Some(list) = lists.get_mut(&**k) {
                    list.may_prefer_at((order, i));
                }
            }
        }
    }

    /// Record `i`'s byte of where its direction stands ([`WAITING`]: none).
    fn store_held(&mut self, i: u32, held: u8) {
        let i = i as usize;
        if i >= self.held.len() {
            if held == WAITING {
                return;
            }
            self.held.resize(i + 1, WAITING);
        }
        self.held[i] = held;
    }

    fn remove(&mut self, i: u32, q: QueueId, order: OrderKey, app: &Application) {
        if let Some(l) = self.lists.get_mut(&q) {
            for k in &app.ranked_choices {
                if let Some(list) = l.get_mut(&**k) {
                    list.entries.remove(&(order, i));
                    if list.entries.is_empty() {
                        l.remove(&**k);
                    }
                }
            }
            if l.is_empty() {
                self.lists.remove(&q);
            }
        }
        if let Some(l) = self.siblings.get_mut(&q) {
            for k in &app.ranked_choices {
                if let Some(set) = l.get_mut(&**k) {
                    set.remove(&(order, i));
                    if set.is_empty() {
                        l.remove(&**k);
                    }
                }
            }
            if l.is_empty() {
                self.siblings.remove(&q);
            }
        }
        self.store_held(i, WAITING);
    }
}

impl Engine {
    /// Whether the rankers are indexed: where the policy gives places by ranked choices.
    pub(super) fn indexes_rankers(&self) -> bool {
        self.policy.ranked_choices.is_some()
    }

    /// Whether sibling priority applies (the enrolled children are then indexed too).
    fn indexes_siblings(&self) -> bool {
        self.policy
            .ranked_choices
            .is_some_and(|r| r.sibling_priority)
    }

    /// Indexes record `i` if it takes part in its pool's rounds.
    fn rank_record(&mut self, i: usize) {
        self.index_record(i, true);
    }

    /// Takes record `i` out of the index as it stands now.
    fn unrank_record(&mut self, i: usize) {
        self.index_record(i, false);
    }

    /// Adds record `i` to the index, or takes it out, if it takes part in its pool's
    /// rounds.
    fn index_record(&mut self, i: usize, add: bool) {
        let r = &self.records[i];
        if !takes_part(&r.state) {
            return;
        }
        let (q, order, app) = (r.queue, r.order, Arc::clone(&r.app));
        let kindergarten = held(&r.state).cloned();
        let ready = self.screen_days(r);
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        if add {
            self.rankers
                .insert(i, (q, order, ready), &app, kindergarten.as_ref());
        } else {
            self.rankers.remove(i, q, order, &app);
        }
    }

    /// The days (from the common era) between which record `r`'s child may be offered a
    /// place as far as its age and its benefit's documents go (`RULES.md §3–§4`): from
    /// the policy's minimum age (where it applies to its group), to the last day its
    /// documents can hold. Outside them its screening fails.
    fn screen_days(&self, r: &super::record::Record) -> (i32, i32) {
        let f = &r.facts;
        let ready = if f.group_type.is_specialised() && !self.policy.min_age_for_special_groups {
            i32::MIN
        } else {
            f.min_offer_age.1.map_or(i32::MAX, |d| d.num_days_from_ce())
        };
        let category = r
            .app
            .benefit
            .as_deref()
            .and_then(|c| self.policy.benefit(c));
        let mut documents = i32::MAX;
        for kind in category.iter().flat_map(|c| &c.documents) {
            let latest = r
                .app
                .documents
                .iter()
                .filter(|d| &d.kind == kind)
                .map(|d| category.and_then(|c| c.document_valid_until(d)))
                .max_by_key(|end| end.unwrap_or(chrono::NaiveDate::MAX));
            documents = match latest {
                // No document of the kind: the documents never hold.
                None => i32::MIN,
                Some(None) => documents,
                Some(Some(end)) => documents.min(end.num_days_from_ce()),
            };
        }
        (ready, documents)
    }

    /// Brings the index in step with record `i`, which stood as `before` says.
    pub(super) fn rerank(&mut self, i: usize, before: &Indexed) {
        if !self.indexes_rankers() {
            return;
        }
        let i32 = u32::try_from(i).unwrap_or(u32::MAX);
        let r = &self.records[i];
        let same_app = before.app.as_ref().is_none_or(|a| Arc::ptr_eq(a, &r.app));
        let (now_part, now_enrolled) = (
            takes_part(&r.state),
            matches!(r.state, State::Enrolled { .. }),
        );
        let same_place = same_app
            && before.taking_part == now_part
            && before.queue == r.queue
            && before.order == r.order;
        if same_place && now_part && before.held.as_ref() != held(&r.state) {
            // Only the direction changed (a round or a chain gave one): the entries stay
            // where they are, with where the direction stands.
            // Where it stands among its choices, read beside the record (as `rank_of`
            // reads the application).
            let rank = held(&r.state).map_or(WAITING, |k| {
                let at = self.choice_rank(r, k);
                u8::try_from(at.unwrap_or(r.choices.len())).unwrap_or(WAITING - 1)
            });
            if !r.choices.is_empty() {
                if self.rankers.prefers_more(i32, rank) {
                    let choices = &r.app.ranked_choices;
                    self.rankers
                        .set_held(i32, rank, (r.queue, r.order), choices);
                } else {
                    // The usual change (a direction given): no list's first moves.
                    self.rankers.store_held(i32, rank);
                }
            }
        } else if !same_place {
            let old = before
                .app
                .clone()
                .unwrap_or_else(|| Arc::clone(&self.records[i].app));
            if before.taking_part {
                self.rankers.remove(i32, before.queue, before.order, &old);
            }
            if self.indexes_siblings() && !same_app {
                let app = Arc::clone(&self.records[i].app);
                for a in &app.applicants {
                    if !old.applicants.contains(a) {
                        self.rankers.by_applicant.entry(*a).or_default().push(i32);
                    }
                }
            }
            self.rank_record(i);
        }
        if self.indexes_siblings() && (before.enrolled || now_enrolled) {
            self.enrolment_changed(i);
        }
    }

    /// Record `i` was or is enrolled: its place in the applicants' enrolled children is
    /// renewed, and so is the sibling priority of their other children's records.
    fn enrolment_changed(&mut self, i: usize) {
        let app = Arc::clone(&self.records[i].app);
        let kindergarten = match &self.records[i].state {
            State::Enrolled { kindergarten, .. } => Some(Arc::clone(kindergarten)),
            _ => None,
        };
        let mut others: SmallVec<[usize; 4]> = SmallVec::new();
        for a in &app.applicants {
            for &j in self.rankers.by_applicant.get(a).into_iter().flatten() {
                let j = j as usize;
                if j != i && self.records[j].app.child != app.child && !others.contains(&j) {
                    others.push(j);
                }
            }
        }
        for &j in &others {
            self.unrank_record(j);
        }
        for a in &app.applicants {
            let list = self.rankers.enrolled.entry(*a).or_default();
            list.retain(|(child, _)| *child != app.child);
            if let Some(k) = &kindergarten {
                list.push((app.child, Arc::clone(k)));
            }
            if list.is_empty() {
                self.rankers.enrolled.remove(a);
            }
        }
        for &j in &others {
            self.rank_record(j);
        }
    }

    /// Indexes record `i`, just registered.
    pub(super) fn rank_registered(&mut self, i: usize) {
        if !self.indexes_rankers() {
            return;
        }
        if self.indexes_siblings() {
            let i32 = u32::try_from(i).unwrap_or(u32::MAX);
            let app = Arc::clone(&self.records[i].app);
            for a in &app.applicants {
                self.rankers.by_applicant.entry(*a).or_default().push(i32);
            }
        }
        self.rank_record(i);
    }

    /// Record `i`'s queue key changes to `order` (its batch's best key).
    pub(super) fn rerank_order(&mut self, i: usize, order: OrderKey) {
        if !self.indexes_rankers() {
            self.records[i].order = order;
            return;
        }
        self.unrank_record(i);
        self.records[i].order = order;
        self.rank_record(i);
    }
}
