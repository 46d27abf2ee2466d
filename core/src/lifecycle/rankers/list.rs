//! A kindergarten's list of rankers in a pool, and what each entry says of its record
//! without reading it (`RULES.md §5a`; the index is `rankers/mod.rs`).

use std::collections::BTreeMap;

use crate::queue::OrderKey;

/// An entry's place in a list: the record's queue key and its number.
pub(super) type Key = (OrderKey, u32);

/// The records of a pool that ranked a kindergarten, and where the re-placing starts
/// reading them: past the children holding a direction they ranked higher (after a
/// round, most of its head) and the waiting children whose benefit's documents ended
/// before the engine's clock (who take no part until a renewal, which indexes them
/// again; the clock never goes back).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct List {
    pub(super) entries: BTreeMap<Key, Entry>,
    /// No entry before it may take part (see [`List`]); `None`: none may. Lowered when
    /// an entry before it may prefer the kindergarten again (a direction given back),
    /// moved on only by [`List::skip_to`] (after a round, and before each re-placing):
    /// an entry that stops preferring, or leaves, keeps it where it is.
    pub(super) first: Option<Key>,
}

impl List {
    /// The entries from the first that may prefer the kindergarten.
    pub(super) fn read_from_first(&self) -> impl Iterator<Item = (&Key, &Entry)> {
        self.first
            .map(|f| self.entries.range(f..))
            .into_iter()
            .flatten()
    }

    /// The entry at `key` may prefer the kindergarten now.
    pub(super) fn may_prefer_at(&mut self, key: Key) {
        if self.first.is_none_or(|f| key < f) {
            self.first = Some(key);
        }
    }

    /// The first moves on past the entries that take no part from `day` on (the clock's).
    pub(super) fn skip_to(&mut self, day: i32, held: &[u8]) {
        let Some(f) = self.first else { return };
        self.first = self
            .entries
            .range(f..)
            .find(|(&(_, i), e)| e.wants(held_of(held, i)).may_take_part_from(day))
            .map(|(&k, _)| k);
    }

    /// Whether no entry before the first may take part from `day` on.
    pub(super) fn first_holds(&self, day: i32, held: &[u8]) -> bool {
        let before = match self.first {
            Some(f) => self.entries.range(..f),
            None => self.entries.range(..),
        };
        before
            .into_iter()
            .all(|(&(_, i), e)| !e.wants(held_of(held, i)).may_take_part_from(day))
    }
}

/// Where the direction record `i` holds stands among its choices ([`WAITING`]: none).
pub(super) fn held_of(held: &[u8], i: u32) -> u8 {
    held.get(i as usize).copied().unwrap_or(WAITING)
}

/// What an entry of a list keeps: [`Wants`] without where the record's direction stands,
/// which is the record's own, kept once per record (`Rankers::held`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) rank: u8,
    pub(super) ready: i32,
    pub(super) documents: i32,
}

impl Entry {
    pub(super) fn wants(self, held: u8) -> Wants {
        Wants {
            rank: self.rank,
            held,
            ready: self.ready,
            documents: self.documents,
        }
    }
}

/// Where a record ranked a kindergarten, and where the kindergarten of the direction it
/// holds stands among its choices (after them if it did not rank it): whether it may
/// prefer the kindergarten to where it is, read without the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wants {
    rank: u8,
    held: u8,
    /// The day (from the common era) the child reaches the policy's minimum age for an
    /// offer, where it applies: before it a waiting child's screening fails.
    ready: i32,
    /// The last day its benefit's documents can hold (the earliest, among the kinds the
    /// category needs, of the latest end of a document of that kind): after it a waiting
    /// child's screening fails (`BENEFIT_DOCUMENTS`).
    documents: i32,
}

/// [`Wants::held`] of a record holding no direction (waiting).
pub(super) const WAITING: u8 = u8::MAX;

impl Wants {
    /// Whether the record prefers the kindergarten to where it stood when indexed: it is
    /// waiting, or ranked the kindergarten above the one it holds.
    pub(crate) fn may_prefer(self) -> bool {
        self.held == WAITING || self.rank < self.held
    }

    /// Whether the record was waiting when indexed (it held no direction).
    pub(crate) fn waiting(self) -> bool {
        self.held == WAITING
    }

    /// Whether the record may prefer the kindergarten on `day` or later: as
    /// [`Wants::may_prefer`], unless it is waiting and its benefit's documents ended
    /// before `day` (until a renewal, which indexes it again).
    pub(super) fn may_take_part_from(self, day: i32) -> bool {
        self.may_prefer() && !(self.held == WAITING && day > self.documents)
    }

    /// Whether a waiting child's screening surely fails on `day` (from the common era):
    /// too young for an offer, or its benefit's documents expired.
    pub(crate) fn screened_out(self, day: i32) -> bool {
        self.held == WAITING && (day < self.ready || day > self.documents)
    }
}
