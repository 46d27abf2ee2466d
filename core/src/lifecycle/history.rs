//! The applications' histories (`RULES.md §2` \[004\]: every change of an application is
//! kept and shown to the parent), stored as one engine-wide list of events.
//!
//! One vector per application cost an allocation at registration and a reallocation each
//! time a history grew (a national offer round spent a third of its time there), and as
//! many frees when the engine is dropped. Here every event goes to the end of one
//! engine-wide list and is chained to the next event of its application. The list grows
//! by fixed chunks, so that it never copies itself (a million events are 60 MB).

use super::event::Event;

/// No next event.
const END: usize = usize::MAX;

/// Events per chunk.
const CHUNK: usize = 4096;

/// Every application's events, oldest first per application.
#[derive(Debug, Clone, Default)]
pub(crate) struct Histories {
    /// Event `k` is `chunks[k / CHUNK][k % CHUNK]`, with the index of the event after it
    /// in the same history.
    chunks: Vec<Vec<(Event, usize)>>,
    len: usize,
    /// Per application: its first and last event and how many it has.
    ends: Vec<(usize, usize, usize)>,
}

impl Histories {
    /// Starts the history of a new application, the `len()`-th, with its first event.
    pub(crate) fn start(&mut self, first: Event) {
        let k = self.store(first);
        self.ends.push((k, k, 1));
    }

    /// Adds an event to application `i`'s history.
    pub(crate) fn push(&mut self, i: usize, event: Event) {
        let k = self.store(event);
        let (_, last, n) = &mut self.ends[i];
        let before = *last;
        *last = k;
        *n += 1;
        if let Some(slot) = self.slot_mut(before) {
            slot.1 = k;
        }
    }

    /// Application `i`'s events, oldest first.
    pub(crate) fn of(&self, i: usize) -> History<'_> {
        let (first, last, n) = self.ends.get(i).copied().unwrap_or((END, END, 0));
        History {
            histories: self,
            at: first,
            last,
            left: n,
        }
    }

    fn store(&mut self, event: Event) -> usize {
        let k = self.len;
        if self.len % CHUNK == 0 {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push((event, END));
        }
        self.len += 1;
        k
    }

    fn slot(&self, k: usize) -> Option<&(Event, usize)> {
        self.chunks.get(k / CHUNK)?.get(k % CHUNK)
    }

    fn slot_mut(&mut self, k: usize) -> Option<&mut (Event, usize)> {
        self.chunks.get_mut(k / CHUNK)?.get_mut(k % CHUNK)
    }
}

/// One application's history: its events, oldest first (`Engine::history`).
#[derive(Debug, Clone)]
pub struct History<'a> {
    histories: &'a Histories,
    at: usize,
    last: usize,
    left: usize,
}

impl<'a> Iterator for History<'a> {
    type Item = &'a Event;

    fn next(&mut self) -> Option<&'a Event> {
        if self.left == 0 {
            return None;
        }
        let (event, next) = self.histories.slot(self.at)?;
        self.at = *next;
        self.left -= 1;
        Some(event)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }

    /// The newest event, without walking the history.
    fn last(self) -> Option<&'a Event> {
        if self.left == 0 {
            return None;
        }
        self.histories.slot(self.last).map(|(e, _)| e)
    }
}

impl ExactSizeIterator for History<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{Actor, Reason, StateName};

    fn event(seq: u64) -> Event {
        Event {
            seq,
            at: chrono::NaiveDateTime::default(),
            actor: Actor::Operator,
            from: StateName::Queued,
            to: StateName::Queued,
            reason: Reason::Registered,
            detail: None,
        }
    }

    #[test]
    fn interleaved_histories_stay_apart_and_in_order() {
        let mut h = Histories::default();
        h.start(event(1));
        h.start(event(2));
        h.push(0, event(3));
        h.push(1, event(4));
        h.push(0, event(5));
        let seqs = |i| h.of(i).map(|e| e.seq).collect::<Vec<_>>();
        assert_eq!(seqs(0), [1, 3, 5]);
        assert_eq!(seqs(1), [2, 4]);
        assert_eq!(h.of(0).len(), 3);
        assert_eq!(h.of(1).last().map(|e| e.seq), Some(4));
        assert_eq!(h.of(7).count(), 0);
        for k in 0..2 * CHUNK as u64 {
            h.push(1, event(10 + k));
        }
        assert_eq!(h.of(1).len(), 2 + 2 * CHUNK);
        assert!(
            h.of(1).map(|e| e.seq).is_sorted(),
            "chained across chunks in order"
        );
        assert_eq!(h.of(1).last().map(|e| e.seq), Some(9 + 2 * CHUNK as u64));
    }
}
