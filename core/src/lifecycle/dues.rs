//! The engine's pending deadlines, in time order (`RULES.md §2–§8`: every deadline a
//! record carries is scheduled here and applied by `Engine::advance`).
//!
//! A plain binary heap over every pending deadline of a city (millions, most of them
//! months away) pays a cache miss per level on each push and pop. Deadlines fall on days,
//! and the engine moves forward through them, so they are kept in one bucket per day
//! instead, and only the day being applied is ordered: radix-sorted when its turn comes
//! (entries pushed for it later wait in a small heap). A push is O(1), a pop O(1), or
//! O(log k) for the k entries pushed late. The order of pops is exactly the order of one heap:
//! earliest moment first, ties by application index, then by version. Written by hand
//! because no crate we use has a calendar queue with this order.
//!
//! Each record has at most one live deadline, its next one, kept in its [`Slot`]. Setting a
//! record's deadline again to the same moment and kind (a confirmation of interest, a move
//! in the queue) keeps its entry; setting another one makes the old entry stale, skipped
//! when reached. The slot lives in the record itself (not in a table here): every change
//! of a record schedules its next deadline right after, and finds the slot in the cache
//! lines the change has just read.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use chrono::{Datelike, NaiveDateTime, Timelike};

use super::record::{DueKind, Record};

/// A pending deadline: its moment, the application's index, the record's version when
/// it was scheduled (an entry of an older version is stale and skipped), its kind.
pub(crate) type Due = (NaiveDateTime, usize, u64, DueKind);

/// Days ahead of the current one kept in buckets; later deadlines wait in `far`.
const HORIZON_DAYS: usize = 8 * 366;

fn day(due: &Due) -> i32 {
    due.0.date().num_days_from_ce()
}

/// Pending deadlines, earliest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dues {
    /// The entries of `today`'s bucket, sorted once when the day comes (a radix sort:
    /// as many heap pops cost several times more), taken from `next` on.
    sorted: Vec<Due>,
    next: usize,
    /// Entries due on or before `today` pushed after its bucket was sorted, as a heap.
    current: BinaryHeap<Reverse<Due>>,
    /// The day `sorted` and `current` cover up to (days from the common era).
    today: i32,
    /// `ahead[k]`: entries due on day `today + 1 + k`, unordered.
    ahead: VecDeque<Vec<Due>>,
    /// Entries due past the horizon, as a heap.
    far: BinaryHeap<Reverse<Due>>,
    /// Whether anything was ever pushed (`today` is meaningless before).
    started: bool,
}

/// A record's deadline as scheduled: the version of its live entry and that entry's
/// deadline. Engine bookkeeping, not part of what a record says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Slot {
    version: u64,
    pending: Option<(NaiveDateTime, DueKind)>,
}

impl Slot {
    /// How many times the deadline was set.
    pub(crate) fn version(self) -> u64 {
        self.version
    }

    /// The live deadline, if any.
    pub(crate) fn pending(self) -> Option<(NaiveDateTime, DueKind)> {
        self.pending
    }
}

/// Where the slots of the records live: the engine's records, or plain slots (tests).
pub(crate) trait Slots {
    fn slot(&self, i: usize) -> Option<&Slot>;
    fn slot_mut(&mut self, i: usize) -> Option<&mut Slot>;
}

impl Slots for [Record] {
    fn slot(&self, i: usize) -> Option<&Slot> {
        self.get(i).map(|r| &r.due)
    }
    fn slot_mut(&mut self, i: usize) -> Option<&mut Slot> {
        self.get_mut(i).map(|r| &mut r.due)
    }
}

impl Dues {
    /// Sets the next deadline of record `i`, whose slot is `slot` (none: nothing pending).
    pub(crate) fn set(
        &mut self,
        slot: &mut Slot,
        i: usize,
        next: Option<(NaiveDateTime, DueKind)>,
    ) {
        if slot.pending == next {
            return;
        }
        slot.version += 1;
        slot.pending = next;
        if let Some((at, kind)) = next {
            self.push((at, i, slot.version, kind));
        }
    }

    /// The earliest live deadline of the records whose slots are `slots`, if any.
    pub(crate) fn first<S: Slots + ?Sized>(&mut self, slots: &S) -> Option<NaiveDateTime> {
        while let Some((at, i, version, _)) = self.peek() {
            if slots.slot(i).is_some_and(|s| s.version == version) {
                return Some(at);
            }
            self.pop();
        }
        None
    }

    /// Takes the earliest live deadline due by `t`: its moment, record and kind. The
    /// record has no deadline pending after it until it is set again.
    pub(crate) fn take_due<S: Slots + ?Sized>(
        &mut self,
        t: NaiveDateTime,
        slots: &mut S,
    ) -> Option<(NaiveDateTime, usize, DueKind)> {
        let at = self.first(slots)?;
        if at > t {
            return None;
        }
        let (at, i, _, kind) = self.pop()?;
        if let Some(slot) = slots.slot_mut(i) {
            slot.pending = None;
        }
        Some((at, i, kind))
    }

    fn push(&mut self, due: Due) {
        let d = day(&due);
        if !self.started {
            self.started = true;
            self.today = d;
        }
        if d <= self.today {
            self.current.push(Reverse(due));
            return;
        }
        let k = usize::try_from(d - self.today - 1).unwrap_or(usize::MAX);
        if k >= HORIZON_DAYS {
            self.far.push(Reverse(due));
            return;
        }
        if k >= self.ahead.len() {
            self.ahead.resize_with(k + 1, Vec::new);
        }
        self.ahead[k].push(due);
    }

    /// The earliest entry, live or stale.
    fn peek(&mut self) -> Option<Due> {
        self.fill();
        match (self.sorted.get(self.next), self.current.peek()) {
            (Some(a), Some(Reverse(b))) => Some(*a.min(b)),
            (a, b) => a.copied().or(b.map(|Reverse(d)| *d)),
        }
    }

    /// Removes the earliest entry, live or stale.
    fn pop(&mut self) -> Option<Due> {
        self.fill();
        let sorted = match (self.sorted.get(self.next), self.current.peek()) {
            (Some(a), Some(Reverse(b))) => a < b,
            (a, _) => a.is_some(),
        };
        if sorted {
            self.next += 1;
            self.sorted.get(self.next - 1).copied()
        } else {
            self.current.pop().map(|Reverse(d)| d)
        }
    }

    /// Moves `today` forward until `sorted` or `current` holds the earliest entry, if any.
    fn fill(&mut self) {
        while self.current.is_empty() && self.next >= self.sorted.len() {
            if self.ahead.is_empty() {
                match self.far.peek() {
                    Some(Reverse(d)) => self.today = day(d) - 1,
                    None => return,
                }
            }
            self.today += 1;
            if let Some(mut bucket) = self.ahead.pop_front() {
                // One day's entries: ordered by the time of day, then as a heap would
                // order them (the radix sort is stable, and the key is the whole order).
                radsort::sort_by_key(&mut bucket, |d| {
                    let (time, i, version) = (d.0.time(), d.1, d.2);
                    (
                        time.num_seconds_from_midnight(),
                        time.nanosecond(),
                        i,
                        version,
                    )
                });
                self.sorted = bucket;
                self.next = 0;
            }
            while let Some(Reverse(d)) = self.far.peek() {
                if day(d) > self.today {
                    break;
                }
                let Some(Reverse(d)) = self.far.pop() else {
                    break;
                };
                self.current.push(Reverse(d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn moment(minutes: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t + chrono::TimeDelta::minutes(minutes))
            .unwrap_or_default()
    }

    proptest! {
        /// Pushes and pops interleaved (a pop never goes before the last popped moment,
        /// as in the engine) give exactly the order of one binary heap.
        #[test]
        fn pops_in_the_order_of_one_heap(
            ops in proptest::collection::vec((0i64..6_000_000, 0usize..50, any::<bool>()), 1..400)
        ) {
            let mut dues = Dues::default();
            let mut heap = BinaryHeap::new();
            let mut floor = 0i64;
            for (n, (minutes, i, pop)) in ops.into_iter().enumerate() {
                if pop {
                    let expected = heap.pop().map(|Reverse(d)| d);
                    prop_assert_eq!(dues.pop(), expected);
                    if let Some((t, _, _, _)) = expected {
                        floor = (t - moment(0)).num_minutes();
                    }
                } else {
                    let due = (moment(floor + minutes), i, n as u64, DueKind::AgesOut);
                    dues.push(due);
                    heap.push(Reverse(due));
                }
                prop_assert_eq!(dues.peek(), heap.peek().map(|Reverse(d)| *d));
            }
            while let Some(Reverse(d)) = heap.pop() {
                prop_assert_eq!(dues.pop(), Some(d));
            }
            prop_assert_eq!(dues.pop(), None);
        }
    }

    impl Slots for [Slot] {
        fn slot(&self, i: usize) -> Option<&Slot> {
            self.get(i)
        }
        fn slot_mut(&mut self, i: usize) -> Option<&mut Slot> {
            self.get_mut(i)
        }
    }

    #[test]
    fn a_record_has_one_live_deadline() {
        let mut dues = Dues::default();
        let mut s = [Slot::default(); 2];
        dues.set(&mut s[0], 0, Some((moment(60), DueKind::NoticeExpires)));
        dues.set(&mut s[1], 1, Some((moment(30), DueKind::AgesOut)));
        dues.set(&mut s[1], 1, Some((moment(30), DueKind::AgesOut))); // the same: one entry kept
        dues.set(&mut s[0], 0, Some((moment(10), DueKind::StopListEnds))); // replaces the 60
        assert_eq!(dues.first(&s[..]), Some(moment(10)));
        assert_eq!(dues.take_due(moment(5), &mut s[..]), None);
        assert_eq!(
            dues.take_due(moment(100), &mut s[..]),
            Some((moment(10), 0, DueKind::StopListEnds))
        );
        assert_eq!(s[0].pending(), None, "taken: nothing pending");
        assert_eq!(
            dues.take_due(moment(100), &mut s[..]),
            Some((moment(30), 1, DueKind::AgesOut))
        );
        assert_eq!(
            dues.take_due(moment(100), &mut s[..]),
            None,
            "the stale 60 is skipped"
        );
        dues.set(&mut s[1], 1, None);
        dues.set(&mut s[1], 1, Some((moment(200), DueKind::AgesOut)));
        assert_eq!(dues.first(&s[..]), Some(moment(200)));
    }
}
