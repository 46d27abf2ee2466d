//! The applications' histories (`RULES.md §2` \[004\]: every change of an application is
//! kept and shown to the parent), stored as one engine-wide list of events.
//!
//! One vector per application cost an allocation at registration and a reallocation each
//! time a history grew (a national offer round spent a third of its time there), and as
//! many frees when the engine is dropped. Here every event goes to the end of one
//! engine-wide list, chained to the event before it of its application, whose newest
//! event its record keeps. The list grows by fixed chunks, so that it never copies itself
//! (a million events are 48 MB), and can be read in one pass in the order recorded.
//! An event's text is stored once for all events that name it ([`Details`]); an event
//! keeps its number, and is made whole again when read.

use chrono::NaiveDateTime;
use smallvec::SmallVec;

use super::detail::{Detail, Details};
use super::event::{Actor, Event, Reason};
use super::state::StateName;

/// No event.
const NONE: usize = usize::MAX;

/// Events per chunk.
const CHUNK: usize = 4096;

/// What an event says apart from its text ([`Event`] without `detail`): a change of
/// state, as [`Engine::transitions`](super::Engine::transitions) reads them all at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The event's number in the engine (as [`Event::seq`]).
    pub seq: u64,
    /// When it happened.
    pub at: NaiveDateTime,
    /// Who made it happen.
    pub actor: Actor,
    /// The state before.
    pub from: StateName,
    /// The state after (the same for events that change no state).
    pub to: StateName,
    /// Why.
    pub reason: Reason,
}

impl Transition {
    /// What `event` says apart from its text.
    pub(crate) fn of(event: &Event) -> Self {
        Self {
            seq: event.seq,
            at: event.at,
            actor: event.actor,
            from: event.from,
            to: event.to,
            reason: event.reason,
        }
    }

    /// The whole event, with its text.
    fn with_text(self, detail: Option<std::sync::Arc<str>>) -> Event {
        Event {
            seq: self.seq,
            at: self.at,
            actor: self.actor,
            from: self.from,
            to: self.to,
            reason: self.reason,
            detail,
        }
    }
}

/// An event as stored: what it says, its text's number in [`Details`] (0: none), the
/// application it belongs to (its record's index) and the event before it in the same
/// history.
#[derive(Debug, Clone)]
struct Slot {
    head: Transition,
    detail: usize,
    owner: usize,
    before: usize,
}

/// Where one application's history ends: its newest event and how many it has. Kept in
/// the application's record, which every change reads anyway, so that adding an event
/// reads and writes nothing else: events are chained from the newest back, never
/// written again once stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HistoryEnds {
    newest: usize,
    len: usize,
}

impl Default for HistoryEnds {
    fn default() -> Self {
        Self {
            newest: NONE,
            len: 0,
        }
    }
}

/// Every application's events.
#[derive(Debug, Clone, Default)]
pub(crate) struct Histories {
    /// Event `k` is `chunks[k / CHUNK][k % CHUNK]`.
    chunks: Vec<Vec<Slot>>,
    len: usize,
    details: Details,
}

impl Histories {
    /// Adds an event to the history of record `owner`, which ends at `ends`.
    pub(crate) fn push(
        &mut self,
        ends: &mut HistoryEnds,
        owner: usize,
        head: Transition,
        detail: Option<Detail>,
    ) {
        let detail = detail.map_or(0, |d| self.details.id(d));
        let k = self.len;
        if k % CHUNK == 0 {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(Slot {
                head,
                detail,
                owner,
                before: ends.newest,
            });
        }
        self.len += 1;
        *ends = HistoryEnds {
            newest: k,
            len: ends.len + 1,
        };
    }

    /// The history that ends at `ends`, oldest first.
    pub(crate) fn of(&self, ends: HistoryEnds) -> History<'_> {
        let mut newest_first: SmallVec<[usize; 8]> = SmallVec::with_capacity(ends.len);
        let mut k = ends.newest;
        while let Some(slot) = self.slot(k) {
            newest_first.push(k);
            k = slot.before;
        }
        History {
            histories: self,
            newest_first,
        }
    }

    /// Every event in the order it was recorded, without its text, with its record's
    /// index: one pass over memory in order, for reading every history at once.
    pub(crate) fn all(&self) -> impl Iterator<Item = (usize, &Transition)> {
        self.chunks.iter().flatten().map(|s| (s.owner, &s.head))
    }

    /// Event `k`, whole.
    fn event(&self, k: usize) -> Option<Event> {
        let Slot { head, detail, .. } = self.slot(k)?;
        Some(head.with_text(self.details.text(*detail)))
    }

    fn slot(&self, k: usize) -> Option<&Slot> {
        self.chunks.get(k / CHUNK)?.get(k % CHUNK)
    }
}

/// One application's history: its events, oldest first (`Engine::history`).
#[derive(Debug, Clone)]
pub struct History<'a> {
    histories: &'a Histories,
    /// The events not yet given, newest first (the next one is the last).
    newest_first: SmallVec<[usize; 8]>,
}

impl Iterator for History<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        let k = self.newest_first.pop()?;
        self.histories.event(k)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.newest_first.len();
        (n, Some(n))
    }

    /// The newest event, without walking the history.
    fn last(self) -> Option<Event> {
        let k = *self.newest_first.first()?;
        self.histories.event(k)
    }
}

impl ExactSizeIterator for History<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: u64) -> Transition {
        Transition {
            seq,
            at: chrono::NaiveDateTime::default(),
            actor: Actor::Operator,
            from: StateName::Queued,
            to: StateName::Queued,
            reason: Reason::Registered,
        }
    }

    #[test]
    fn interleaved_histories_stay_apart_and_in_order() {
        let mut h = Histories::default();
        let mut ends = [HistoryEnds::default(); 2];
        for (owner, seq) in [(0, 1), (1, 2), (0, 3), (1, 4), (0, 5)] {
            h.push(&mut ends[owner], owner, event(seq), None);
        }
        let seqs = |e| h.of(e).map(|e| e.seq).collect::<Vec<_>>();
        assert_eq!(seqs(ends[0]), [1, 3, 5]);
        assert_eq!(seqs(ends[1]), [2, 4]);
        assert_eq!(h.of(ends[0]).len(), 3);
        assert_eq!(h.of(ends[1]).last().map(|e| e.seq), Some(4));
        assert_eq!(h.of(HistoryEnds::default()).count(), 0);
        for k in 0..2 * CHUNK as u64 {
            h.push(&mut ends[1], 1, event(10 + k), None);
        }
        assert_eq!(h.of(ends[1]).len(), 2 + 2 * CHUNK);
        assert!(
            h.of(ends[1]).map(|e| e.seq).is_sorted(),
            "chained across chunks in order"
        );
        assert_eq!(
            h.of(ends[1]).last().map(|e| e.seq),
            Some(9 + 2 * CHUNK as u64)
        );
        let owners: Vec<usize> = h.all().take(5).map(|(o, _)| o).collect();
        assert_eq!(
            owners,
            [0, 1, 0, 1, 0],
            "every event once, in the order recorded"
        );
        assert_eq!(h.all().count(), 5 + 2 * CHUNK);
    }

    #[test]
    fn an_event_reads_back_with_its_text() {
        let mut h = Histories::default();
        let mut ends = [HistoryEnds::default(); 2];
        let kg: std::sync::Arc<str> = "kg-1".into();
        h.push(&mut ends[0], 0, event(1), Some(Detail::Shared(kg)));
        h.push(&mut ends[1], 1, event(2), None);
        h.push(&mut ends[0], 0, event(3), Some(Detail::Anniversary(1)));
        h.push(
            &mut ends[1],
            1,
            event(4),
            Some(Detail::Shared("kg-1".into())),
        );
        let texts = |e| h.of(e).map(|e| e.detail).collect::<Vec<_>>();
        assert_eq!(
            texts(ends[0]),
            [Some("kg-1".into()), Some("anniversary 1".into())]
        );
        assert_eq!(texts(ends[1]), [None, Some("kg-1".into())]);
        let whole = h.of(ends[0]).next();
        assert_eq!(
            whole.map(|e| (e.seq, e.reason, e.actor)),
            Some((1, Reason::Registered, Actor::Operator))
        );
    }
}
