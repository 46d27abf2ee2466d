//! The queue order and queue numbers (`RULES.md §2–§4`).
//!
//! Each queue ([`QueueKey`]: area, group type, birth-year cohort) orders its children by
//! class (out of turn, first priority, general), then by registration moment, then by
//! application id, a total order ([`OrderKey`]). Twins and triplets linked as one batch
//! share the best key of the batch and stand together, ordered by id.
//!
//! [`QueueIndex`] keeps, per queue and class, the sorted slots of every order key ever
//! placed there with a presence bit in a Fenwick tree, so a queue number and the count of
//! each class ahead take O(log n), a child leaving or returning is O(log n), and a child
//! registered later than everyone before it is O(log n) amortised. A child placed in the
//! middle of a lane (a replayed or back-dated registration, a class change) costs a linear
//! rebuild of that lane only.

mod rank;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::application::{ApplicationId, QueueKey};
use crate::benefit::PriorityClass;
use rank::Rank;

/// Where a child stands in the total order of its queue (`RULES.md §3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OrderKey {
    /// The class (out of turn first).
    pub class: PriorityClass,
    /// The registration moment (the batch's earliest for linked twins).
    pub moment: NaiveDateTime,
    /// The application id, the final tie-break.
    pub id: ApplicationId,
}

/// The compact id of a queue inside one [`QueueIndex`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QueueId(usize);

/// Where a child was placed in a [`QueueIndex`]: a hint for fast lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    queue: QueueId,
    class: PriorityClass,
    slot: u32,
}

/// How many children of each class stand ahead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClassCounts {
    /// Out-of-turn children.
    pub out_of_turn: u64,
    /// First-priority children.
    pub first_priority: u64,
    /// General children.
    pub general: u64,
}

impl ClassCounts {
    /// The total.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.out_of_turn + self.first_priority + self.general
    }

    fn set(&mut self, class: PriorityClass, n: u64) {
        match class {
            PriorityClass::OutOfTurn => self.out_of_turn = n,
            PriorityClass::FirstPriority => self.first_priority = n,
            PriorityClass::General => self.general = n,
        }
    }
}

/// A queue number (`RULES.md §2` \[004\]: "your child is in the queue under number 1").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Position {
    /// 1-based number within the queue.
    pub number: u64,
    /// Children ahead, by class (`number - 1` in all).
    pub ahead: ClassCounts,
}

/// One class of one queue.
#[derive(Debug, Clone, Default)]
struct Lane {
    /// Every (moment, id) ever placed here, sorted; absent ones keep their slot.
    slots: Vec<(i64, u64)>,
    present: Rank,
    members: u64,
}

/// The slot a placement names in the lane of `order` in queue `q`, when it is of that lane.
fn slot_hint(hint: Option<Placement>, q: QueueId, order: &OrderKey) -> Option<u32> {
    hint.filter(|p| p.queue == q && p.class == order.class)
        .map(|p| p.slot)
}

fn slot_of(key: &OrderKey) -> (i64, u64) {
    (key.moment.and_utc().timestamp(), key.id.0)
}

impl Lane {
    /// Where slot `s` is (`Ok`) or would go (`Err`), as a binary search says. The search
    /// is spared when the hint (where the key was last placed) still holds, and for a key
    /// past the last one (a registration: the newest moment).
    fn locate(&self, s: (i64, u64), hint: Option<u32>) -> Result<usize, usize> {
        match (hint.map(|h| h as usize), self.slots.last()) {
            (Some(h), _) if self.slots.get(h) == Some(&s) => Ok(h),
            (_, Some(last)) if *last < s => Err(self.slots.len()),
            (_, None) => Err(0),
            _ => self.slots.binary_search(&s),
        }
    }

    /// Places `key`, returning its slot.
    fn insert(&mut self, key: &OrderKey, hint: Option<u32>) -> usize {
        let s = slot_of(key);
        match self.locate(s, hint) {
            Ok(i) => {
                if !self.present.get(i) {
                    self.present.set(i, true);
                    self.members += 1;
                }
                i
            }
            Err(i) if i == self.slots.len() => {
                self.slots.push(s);
                self.present.push(true);
                self.members += 1;
                i
            }
            Err(i) => {
                self.slots.insert(i, s);
                let mut bits: Vec<bool> = self.present.bits().collect();
                bits.insert(i, true);
                self.present = Rank::from_bits(bits.into_iter());
                self.members += 1;
                i
            }
        }
    }

    fn remove(&mut self, key: &OrderKey, hint: Option<u32>) {
        if let Ok(i) = self.locate(slot_of(key), hint) {
            if self.present.get(i) {
                self.present.set(i, false);
                self.members -= 1;
            }
        }
    }

    /// Members strictly before `key`, and whether `key` is a member.
    fn rank(&self, key: &OrderKey) -> (u64, bool) {
        match self.slots.binary_search(&slot_of(key)) {
            Ok(i) => (u64::from(self.present.rank(i)), self.present.get(i)),
            Err(i) => (u64::from(self.present.rank(i)), false),
        }
    }
}

/// The children ahead of one standing `within` others in the lane of `class`: everyone in
/// the lanes of the classes before it, and those `within` its own.
fn ahead_of(lanes: &[Lane; 3], class: PriorityClass, within: u64) -> ClassCounts {
    let mut ahead = ClassCounts::default();
    for c in PriorityClass::ALL {
        if c == class {
            ahead.set(c, within);
            break;
        }
        ahead.set(c, lanes[c.rank()].members);
    }
    ahead
}

impl Position {
    /// The position behind `ahead`.
    fn behind(ahead: ClassCounts) -> Self {
        Self {
            number: ahead.total() + 1,
            ahead,
        }
    }
}

/// The lanes of one queue, in class order.
#[derive(Debug, Clone, Default)]
struct Lanes([Lane; 3]);

/// Queue numbers for every queue, kept up to date as children join and leave.
///
/// ```
/// use chrono::NaiveDate;
/// use kezek::application::{ApplicationId, GroupType, QueueKey};
/// use kezek::benefit::PriorityClass;
/// use kezek::queue::{OrderKey, QueueIndex};
/// let key = QueueKey { region: "akmola".into(), area: "kokshetau".into(), group_type: GroupType::General, cohort: 2022 };
/// let at = |h| NaiveDate::from_ymd_opt(2024, 1, 10).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let general = OrderKey { class: PriorityClass::General, moment: at(9), id: ApplicationId(1) };
/// let first = OrderKey { class: PriorityClass::FirstPriority, moment: at(12), id: ApplicationId(2) };
/// let mut index = QueueIndex::default();
/// index.insert(&key, &general);
/// index.insert(&key, &first);
/// let pos = index.position(&key, &general).unwrap();
/// assert_eq!(pos.number, 2); // the first-priority child, registered later, stands ahead
/// assert_eq!(pos.ahead.first_priority, 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct QueueIndex {
    /// hashbrown's map, for lookups by a borrowed key (`QueueKeyRef`).
    ids: hashbrown::HashMap<QueueKey, usize, foldhash::fast::RandomState>,
    queues: Vec<Lanes>,
}

impl QueueIndex {
    /// Builds the index of many children at once: each lane is sorted once and its tree
    /// built in linear time. `keys` are interned first, in their order, so that two
    /// indices built over the same keys give the same [`QueueId`]s.
    pub fn build<'a>(
        keys: impl IntoIterator<Item = &'a QueueKey>,
        entries: impl IntoIterator<Item = (&'a QueueKey, OrderKey)>,
    ) -> Self {
        let mut index = Self::default();
        for key in keys {
            index.intern(key);
        }
        for (key, order) in entries {
            let q = index.queue_id(key);
            index.queues[q].0[order.class.rank()]
                .slots
                .push(slot_of(&order));
        }
        for lanes in &mut index.queues {
            for lane in &mut lanes.0 {
                lane.slots.sort_unstable();
                lane.slots.dedup();
                lane.members = lane.slots.len() as u64;
                lane.present = Rank::from_bits(std::iter::repeat_n(true, lane.slots.len()));
            }
        }
        index
    }

    fn queue_id(&mut self, key: &QueueKey) -> usize {
        self.intern(key).0
    }

    /// The compact id of `key`, registering the queue on first use. Ids are given in the
    /// order keys are first seen.
    pub fn intern(&mut self, key: &QueueKey) -> QueueId {
        if let Some(&q) = self.ids.get(key) {
            return QueueId(q);
        }
        let q = self.queues.len();
        self.ids.insert(key.clone(), q);
        self.queues.push(Lanes::default());
        QueueId(q)
    }

    /// [`QueueIndex::intern`] of a borrowed key: the key is copied only for a new queue.
    pub(crate) fn intern_ref(&mut self, key: crate::application::QueueKeyRef<'_>) -> QueueId {
        if let Some(&q) = self.ids.get(&key) {
            return QueueId(q);
        }
        self.intern(&key.to_owned_key())
    }

    /// Whether the queue `q` is known here: an index that interns the same keys in the
    /// same order as another gives the same ids, and needs no lookup of a known one.
    pub(crate) fn knows(&self, q: QueueId) -> bool {
        q.0 < self.queues.len()
    }

    /// The id of `key`, if the queue is known.
    #[must_use]
    pub fn id_of(&self, key: &QueueKey) -> Option<QueueId> {
        self.ids.get(key).copied().map(QueueId)
    }

    /// Places a child in its queue (again, if it was there before).
    pub fn insert(&mut self, key: &QueueKey, order: &OrderKey) {
        let q = self.intern(key);
        let _ = self.insert_in(q, order);
    }

    /// Places a child in the queue `q` (from [`QueueIndex::intern`]); the returned
    /// [`Placement`] makes later lookups of the same child faster.
    pub fn insert_in(&mut self, q: QueueId, order: &OrderKey) -> Placement {
        self.insert_hinted(q, order, None)
    }

    /// [`QueueIndex::insert_in`] with where the child was last placed, in this index
    /// (checked, so a stale hint only costs the search).
    pub(crate) fn insert_hinted(
        &mut self,
        q: QueueId,
        order: &OrderKey,
        hint: Option<Placement>,
    ) -> Placement {
        let slot = self.queues[q.0].0[order.class.rank()].insert(order, slot_hint(hint, q, order));
        Placement {
            queue: q,
            class: order.class,
            slot: u32::try_from(slot).unwrap_or(u32::MAX),
        }
    }

    /// Where `order` sits in the queue `q`, if it was ever placed there.
    #[must_use]
    pub fn placement_of(&self, q: QueueId, order: &OrderKey) -> Option<Placement> {
        let lane = &self.queues.get(q.0)?.0[order.class.rank()];
        let slot = lane.slots.binary_search(&slot_of(order)).ok()?;
        Some(Placement {
            queue: q,
            class: order.class,
            slot: u32::try_from(slot).ok()?,
        })
    }

    /// The queue number of the child `id` placed at `placement`, when the placement still
    /// holds it (`None` when it moved since, or left: look it up by its order key then).
    /// A lookup without the order key touches few cache lines (`RULES.md §2` queue numbers
    /// at the scale of a country).
    #[must_use]
    pub fn position_placed(&self, placement: Placement, id: ApplicationId) -> Option<Position> {
        let lanes = &self.queues.get(placement.queue.0)?.0;
        let lane = &lanes[placement.class.rank()];
        let slot = placement.slot as usize;
        if lane.slots.get(slot)?.1 != id.0 || !lane.present.get(slot) {
            return None;
        }
        let within = u64::from(lane.present.rank(slot));
        Some(Position::behind(ahead_of(lanes, placement.class, within)))
    }

    /// Takes a child out of its queue; its slot is kept for a return.
    pub fn remove(&mut self, key: &QueueKey, order: &OrderKey) {
        if let Some(q) = self.id_of(key) {
            self.remove_in(q, order);
        }
    }

    /// Takes a child out of the queue `q`.
    pub fn remove_in(&mut self, q: QueueId, order: &OrderKey) {
        self.remove_hinted(q, order, None);
    }

    /// [`QueueIndex::remove_in`] with where the child was placed, in this index or in
    /// another built from the same keys (checked, so a stale hint only costs the search).
    pub fn remove_hinted(&mut self, q: QueueId, order: &OrderKey, hint: Option<Placement>) {
        if let Some(lanes) = self.queues.get_mut(q.0) {
            lanes.0[order.class.rank()].remove(order, slot_hint(hint, q, order));
        }
    }

    /// The queue number of a child standing in `key`, or `None` if it is not there.
    #[must_use]
    pub fn position(&self, key: &QueueKey, order: &OrderKey) -> Option<Position> {
        self.position_in(self.id_of(key)?, order)
    }

    /// The queue number of a child standing in the queue `q`, or `None`.
    #[must_use]
    pub fn position_in(&self, q: QueueId, order: &OrderKey) -> Option<Position> {
        let lanes = &self.queues.get(q.0)?.0;
        let (within, present) = lanes[order.class.rank()].rank(order);
        present.then(|| Position::behind(ahead_of(lanes, order.class, within)))
    }

    /// How many children of each class stand before `order` in the queue `q`, whether or
    /// not `order` itself stands there.
    #[must_use]
    pub fn ahead_in(&self, q: QueueId, order: &OrderKey) -> ClassCounts {
        match self.queues.get(q.0) {
            Some(lanes) => ahead_of(
                &lanes.0,
                order.class,
                lanes.0[order.class.rank()].rank(order).0,
            ),
            None => ClassCounts::default(),
        }
    }

    /// How many children of each class stand in `key`.
    #[must_use]
    pub fn counts(&self, key: &QueueKey) -> ClassCounts {
        let mut counts = ClassCounts::default();
        if let Some(&q) = self.ids.get(key) {
            for class in PriorityClass::ALL {
                counts.set(class, self.queues[q].0[class.rank()].members);
            }
        }
        counts
    }

    /// The application ids standing in `key`, in queue order.
    #[must_use]
    pub fn listing(&self, key: &QueueKey) -> Vec<ApplicationId> {
        let Some(&q) = self.ids.get(key) else {
            return Vec::new();
        };
        self.queues[q]
            .0
            .iter()
            .flat_map(|lane| {
                lane.slots
                    .iter()
                    .zip(lane.present.bits())
                    .filter(|(_, present)| *present)
                    .map(|((_, id), _)| ApplicationId(*id))
            })
            .collect()
    }

    /// The children of one class standing in the queue `q`, in order, read lazily from the
    /// head (an offer round stops as soon as its places are given).
    pub fn class_members(
        &self,
        q: QueueId,
        class: PriorityClass,
    ) -> impl Iterator<Item = ApplicationId> + '_ {
        self.queues
            .get(q.0)
            .map(|lanes| &lanes.0[class.rank()])
            .into_iter()
            .flat_map(|lane| {
                lane.present
                    .present()
                    .map(|i| ApplicationId(lane.slots[i].1))
            })
    }

    /// Every queue key with at least one slot, sorted.
    #[must_use]
    pub fn keys(&self) -> Vec<&QueueKey> {
        let mut keys: Vec<&QueueKey> = self.ids.keys().collect();
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{GroupType, QueueKeyRef};

    proptest::proptest! {
        /// Inserting with hints (right, stale, from another class) and appending past the
        /// last key place every child where a plain search would: the same listing and the
        /// same placements.
        #[test]
        fn hinted_insertion_places_as_a_search_does(
            ops in proptest::collection::vec((0u32..40, 0u8..3, 0u8..3), 1..200)
        ) {
            let key = QueueKey {
                region: "r".into(),
                area: "a".into(),
                group_type: GroupType::General,
                cohort: 2022,
            };
            let classes = [
                PriorityClass::OutOfTurn,
                PriorityClass::FirstPriority,
                PriorityClass::General,
            ];
            let order = |n: u32| OrderKey {
                class: classes[(n % 3) as usize],
                moment: chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
                    .and_then(|d| d.and_hms_opt(9, 0, 0))
                    .unwrap_or_default()
                    + chrono::TimeDelta::minutes(i64::from(n)),
                id: ApplicationId(u64::from(n) + 1),
            };
            let (mut hinted, mut plain) = (QueueIndex::default(), QueueIndex::default());
            let q = hinted.intern(&key);
            let _ = plain.intern(&key);
            let mut placed: Vec<Option<Placement>> = vec![None; 40];
            let mut last = None;
            for (n, op, hint) in ops {
                let o = order(n);
                if op == 0 {
                    hinted.remove_hinted(q, &o, placed[n as usize]);
                    plain.remove_in(q, &o);
                    continue;
                }
                let hint = match hint {
                    0 => placed[n as usize],
                    1 => last,
                    _ => None,
                };
                let p = hinted.insert_hinted(q, &o, hint);
                let _ = plain.insert_in(q, &o);
                proptest::prop_assert_eq!(Some(p), plain.placement_of(q, &o));
                placed[n as usize] = Some(p);
                last = Some(p);
            }
            proptest::prop_assert_eq!(hinted.listing(&key), plain.listing(&key));
        }
    }

    /// A borrowed key finds the queue of the owned key it equals (same hash), and names a
    /// new queue otherwise.
    #[test]
    fn a_borrowed_key_finds_its_queue() {
        let mut index = QueueIndex::default();
        let keys: Vec<QueueKey> = [("r", "a", 2022), ("r", "b", 2022), ("r", "a", 2023)]
            .into_iter()
            .map(|(region, area, cohort)| QueueKey {
                region: region.into(),
                area: area.into(),
                group_type: GroupType::General,
                cohort,
            })
            .collect();
        let ids: Vec<QueueId> = keys.iter().map(|k| index.intern(k)).collect();
        for (k, id) in keys.iter().zip(&ids) {
            let borrowed = QueueKeyRef {
                region: &k.region,
                area: &k.area,
                group_type: k.group_type,
                cohort: k.cohort,
            };
            assert_eq!(index.intern_ref(borrowed), *id);
        }
        let new = QueueKeyRef {
            region: "r",
            area: "a",
            group_type: GroupType::Special,
            cohort: 2022,
        };
        let q = index.intern_ref(new);
        assert!(!ids.contains(&q), "another group type is another queue");
        assert_eq!(index.id_of(&new.to_owned_key()), Some(q));
    }

    /// A hint that went stale (a key inserted before it since) is checked and the child
    /// still found; a hint from another queue is ignored.
    #[test]
    fn removal_with_a_stale_hint_removes_the_right_child() {
        let key = QueueKey {
            region: "r".into(),
            area: "a".into(),
            group_type: GroupType::General,
            cohort: 2022,
        };
        let at = |m: u32| {
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
                .and_then(|d| d.and_hms_opt(9, m, 0))
                .unwrap_or_default()
        };
        let order = |m: u32, id: u64| OrderKey {
            class: PriorityClass::General,
            moment: at(m),
            id: ApplicationId(id),
        };
        let mut index = QueueIndex::default();
        let q = index.intern(&key);
        let other = index.intern(&QueueKey {
            cohort: 2023,
            ..key.clone()
        });
        let _ = index.insert_in(q, &order(1, 1));
        let placed = index.insert_in(q, &order(3, 3));
        let _ = index.insert_in(q, &order(2, 2)); // shifts the child of minute 3 back
        let wrong_queue = index.insert_in(other, &order(9, 9));
        index.remove_hinted(q, &order(3, 3), Some(placed));
        assert_eq!(index.listing(&key), [ApplicationId(1), ApplicationId(2)]);
        index.remove_hinted(q, &order(1, 1), Some(wrong_queue));
        assert_eq!(index.listing(&key), [ApplicationId(2)]);
    }
}
