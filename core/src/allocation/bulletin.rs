//! Vacancy bulletins and the board that keeps their places (`RULES.md §5`, `§7`, `§8`).
//!
//! A [`Bulletin`] publishes places of one kindergarten for one group type and birth-year
//! cohort. Its places belong to a *pool*: the queue with the same region, area, group type
//! and cohort. A notified applicant (or a voucher holder) chooses among the free places of
//! its pool; a place is *reserved* while a notice or voucher of the pool is outstanding,
//! and *open* (free choice, first come first served) otherwise:
//!
//! ```text
//! open(pool) = Σ free(bulletin of the pool) − outstanding notices and vouchers of the pool
//! ```
//!
//! The board only counts; the engine's commands change it when an application's state
//! changes, so every count can be rebuilt from the applications.

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::HashMap;
use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::application::{GroupType, Language, QueueKey};

/// The engine's id of a bulletin, given in publication order from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BulletinId(pub u64);

impl fmt::Display for BulletinId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "B{}", self.0)
    }
}

/// A kindergarten as a bulletin names it: language and location are shown to the
/// applicant, who chooses; they are not a filter (`RULES.md §5` [000, 001]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kindergarten {
    /// The kindergarten's id, as the portal knows it.
    pub id: Arc<str>,
    /// Region code.
    pub region: String,
    /// Locality, or district where the queue has no locality: the `area` of a queue key.
    pub area: String,
    /// Languages of instruction.
    pub languages: Vec<Language>,
    /// The kinds of group it has, as the catalogue of kindergartens lists them (ranked
    /// choices, `RULES.md §5a`); a bulletin need not say (its own `group_type` does).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_types: Vec<GroupType>,
}

impl Kindergarten {
    /// Checks what a bulletin or the catalogue needs of a kindergarten: an id, a region and
    /// an area, each not blank and without hidden characters, and at least one language.
    /// A failure names the field (`kindergarten.id`…) and what is wrong (kk, ru, en).
    pub(crate) fn check(&self) -> Result<(), (&'static str, [&'static str; 3])> {
        for (field, value) in [
            ("kindergarten.id", &*self.id),
            ("kindergarten.region", self.region.as_str()),
            ("kindergarten.area", self.area.as_str()),
        ] {
            if crate::text::trimmed(value).is_empty() {
                return Err((
                    field,
                    [
                        "бос болмауы керек",
                        "не должно быть пустым",
                        "must not be empty",
                    ],
                ));
            }
            if crate::text::hidden_character(value).is_some() {
                return Err((
                    field,
                    [
                        "басқару, бағыт өзгертетін немесе көрінбейтін таңба бар",
                        "содержит управляющий, меняющий направление текста или невидимый символ",
                        "holds a control, bidirectional or invisible character",
                    ],
                ));
            }
        }
        if self.languages.is_empty() {
            return Err((
                "kindergarten.languages",
                [
                    "кемінде бір тілді көрсетіңіз",
                    "укажите хотя бы один язык",
                    "name at least one language",
                ],
            ));
        }
        Ok(())
    }

    /// The kindergarten as the board keeps it: its texts trimmed and in Unicode
    /// normalisation form C, as an application's address is.
    #[must_use]
    pub fn normalized(&self) -> Kindergarten {
        let text = |t: &str| crate::text::normalized(&Arc::from(t)).to_string();
        Kindergarten {
            id: crate::text::normalized(&self.id),
            region: text(&self.region),
            area: text(&self.area),
            languages: self.languages.clone(),
            group_types: self.group_types.clone(),
        }
    }
}

/// Places to publish (`RULES.md §5`: vacancies are published per birth-year cohort).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewBulletin {
    /// The kindergarten.
    pub kindergarten: Kindergarten,
    /// The group type of the places.
    pub group_type: GroupType,
    /// The birth year of the children the places are for.
    pub cohort: i32,
    /// How many places.
    pub places: u32,
}

/// A published bulletin and what became of its places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bulletin {
    /// Its id.
    pub id: BulletinId,
    /// The kindergarten.
    pub kindergarten: Kindergarten,
    /// The group type of the places.
    pub group_type: GroupType,
    /// The birth-year cohort.
    pub cohort: i32,
    /// Places published.
    pub places: u32,
    /// When it was published.
    pub published_at: NaiveDateTime,
    /// Places taken by a live direction or an enrolment (a revoked or lapsed direction
    /// gives its place back).
    pub taken: u32,
    /// Special or sanatorium places the special queue could not fill, opened to every
    /// child of the cohort in the area (`RULES.md §7`: Almaty 2023, "special queues first").
    pub open_to_all: bool,
}

impl Bulletin {
    /// Places neither taken nor enrolled.
    #[must_use]
    pub fn free(&self) -> u32 {
        self.places.saturating_sub(self.taken)
    }

    /// The queue whose children the places are for: the bulletin's pool.
    #[must_use]
    pub fn queue_key(&self) -> QueueKey {
        self.queue_key_ref().to_owned_key()
    }

    /// [`Bulletin::queue_key`] borrowed, for comparisons without a copy.
    pub(crate) fn queue_key_ref(&self) -> crate::application::QueueKeyRef<'_> {
        crate::application::QueueKeyRef {
            region: &self.kindergarten.region,
            area: &self.kindergarten.area,
            group_type: self.group_type,
            cohort: self.cohort,
        }
    }
}

/// What an application's state holds on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    /// Nothing.
    None,
    /// An outstanding notice or voucher of the bulletin's pool.
    Reserved(BulletinId),
    /// A place of the bulletin (a live direction).
    Taken(BulletinId),
    /// A place of the bulletin, for good (an enrolment or a signed contract).
    Filled(BulletinId),
}

/// The bulletins, their pools and the interleaving cursor of each queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Board {
    bulletins: Vec<Bulletin>,
    /// The pools, in the order first published to, with their queue's key.
    pools: Vec<(QueueKey, Pool)>,
    pool_ids: HashMap<QueueKey, usize>,
    /// The pool of each bulletin, by bulletin index, so a change of state reaches its pool
    /// without building or hashing the key.
    pool_of_bulletin: Vec<usize>,
    /// Where each queue stands in the interleaving cycle (`RULES.md §3`), kept across
    /// rounds so the ratio holds over many small bulletins.
    pub(crate) cursors: BTreeMap<QueueKey, u32>,
    /// The bulletins a live direction gave a place back to during the current command:
    /// under ranked choices the engine offers them on before the command ends
    /// (`RULES.md §5a`), so between commands it is empty.
    pub(crate) given_back: Vec<BulletinId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Pool {
    bulletins: Vec<BulletinId>,
    /// The bulletins with a free place, by id: few, while a pool's bulletins accumulate
    /// over the years.
    with_free: Vec<BulletinId>,
    reserved: u32,
    free: u64,
    /// How many times its free or reserved places changed: a cache of what a host derived
    /// from the pool's bulletins holds while it stands still.
    changes: u64,
}

impl Pool {
    /// Free places not reserved by a notice or voucher.
    fn open(&self) -> u32 {
        u32::try_from(self.free.saturating_sub(u64::from(self.reserved))).unwrap_or(u32::MAX)
    }
}

impl Board {
    /// A board holding `bulletins` (their `taken` counts as stored) and `cursors`; the
    /// reservations are added by the engine from the applications' states.
    pub(crate) fn restore(bulletins: Vec<Bulletin>, cursors: BTreeMap<QueueKey, u32>) -> Self {
        let mut board = Board {
            bulletins: Vec::with_capacity(bulletins.len()),
            pools: Vec::new(),
            pool_ids: HashMap::default(),
            pool_of_bulletin: Vec::new(),
            cursors,
            given_back: Vec::new(),
        };
        for b in bulletins {
            board.add(b);
        }
        board
    }

    pub(crate) fn bulletins(&self) -> &[Bulletin] {
        &self.bulletins
    }

    pub(crate) fn get(&self, id: BulletinId) -> Option<&Bulletin> {
        usize::try_from(id.0)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.bulletins.get(i))
    }

    fn get_mut(&mut self, id: BulletinId) -> Option<&mut Bulletin> {
        usize::try_from(id.0)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.bulletins.get_mut(i))
    }

    /// The id the next bulletin will get.
    pub(crate) fn next_id(&self) -> BulletinId {
        BulletinId(self.bulletins.len() as u64 + 1)
    }

    /// Adds a bulletin (its id must be [`Board::next_id`]).
    pub(crate) fn add(&mut self, bulletin: Bulletin) {
        let key = bulletin.queue_key();
        let p = if let Some(&p) = self.pool_ids.get(&key) {
            p
        } else {
            let p = self.pools.len();
            self.pool_ids.insert(key.clone(), p);
            self.pools.push((key, Pool::default()));
            p
        };
        self.pool_of_bulletin.push(p);
        let pool = &mut self.pools[p].1;
        pool.bulletins.push(bulletin.id);
        if bulletin.free() > 0 {
            pool.with_free.push(bulletin.id); // the newest id: the order holds
        }
        pool.free += u64::from(bulletin.free());
        pool.changes += 1;
        self.bulletins.push(bulletin);
    }

    /// The index of bulletin `id`'s pool.
    fn pool_index(&self, id: BulletinId) -> Option<usize> {
        let i = usize::try_from(id.0).ok()?.checked_sub(1)?;
        self.pool_of_bulletin.get(i).copied()
    }

    fn pool_of(&mut self, id: BulletinId) -> Option<&mut Pool> {
        let p = self.pool_index(id)?;
        self.pools.get_mut(p).map(|(_, pool)| pool)
    }

    /// The pool of bulletin `id`.
    fn pool_at(&self, id: BulletinId) -> Option<&Pool> {
        let p = self.pool_index(id)?;
        self.pools.get(p).map(|(_, pool)| pool)
    }

    fn pool(&self, key: &QueueKey) -> Option<&Pool> {
        let &p = self.pool_ids.get(key)?;
        self.pools.get(p).map(|(_, pool)| pool)
    }

    /// [`Board::open`] of the pool of bulletin `id`, without its key.
    pub(crate) fn open_at(&self, id: BulletinId) -> u32 {
        self.pool_at(id).map_or(0, Pool::open)
    }

    /// How many times the free or reserved places of bulletin `id`'s pool changed.
    pub(crate) fn changes_at(&self, id: BulletinId) -> u64 {
        self.pool_at(id).map_or(0, |p| p.changes)
    }

    /// Free places of a pool not reserved by a notice or voucher: open to free choice.
    pub(crate) fn open(&self, key: &QueueKey) -> u32 {
        self.pool(key).map_or(0, Pool::open)
    }

    /// The bulletins of a pool, by id.
    pub(crate) fn pool_bulletins(&self, key: &QueueKey) -> &[BulletinId] {
        self.pool(key).map_or(&[], |p| &p.bulletins)
    }

    /// The bulletins of a pool with a free place, by id.
    pub(crate) fn with_free_places(&self, key: &QueueKey) -> &[BulletinId] {
        self.pool(key).map_or(&[], |p| &p.with_free)
    }

    /// [`Board::with_free_places`] of the pool of bulletin `id`, without its key.
    pub(crate) fn with_free_places_at(&self, id: BulletinId) -> &[BulletinId] {
        self.pool_at(id).map_or(&[], |p| &p.with_free)
    }

    /// Every pool with open places and its first bulletin with a free place, in the
    /// order of those bulletins.
    /// The key of the pool of bulletin `id`.
    pub(crate) fn pool_key(&self, id: BulletinId) -> Option<&QueueKey> {
        let i = usize::try_from(id.0).ok()?.checked_sub(1)?;
        let p = *self.pool_of_bulletin.get(i)?;
        self.pools.get(p).map(|(key, _)| key)
    }

    pub(crate) fn open_pools(&self) -> Vec<(QueueKey, BulletinId)> {
        let mut pools: Vec<(QueueKey, BulletinId)> = self
            .pools
            .iter()
            .filter(|(_, p)| p.open() > 0)
            .filter_map(|(k, p)| {
                let first = p
                    .bulletins
                    .iter()
                    .find(|b| self.get(**b).is_some_and(|b| b.free() > 0))?;
                Some((k.clone(), *first))
            })
            .collect();
        pools.sort_by_key(|(_, b)| *b);
        pools
    }

    pub(crate) fn set_open_to_all(&mut self, id: BulletinId) {
        if let Some(b) = self.get_mut(id) {
            b.open_to_all = true;
        }
    }

    /// Moves the board from what `old` held to what `new` holds.
    pub(crate) fn transfer(&mut self, old: Claim, new: Claim) {
        if old == new {
            return;
        }
        match (old, new) {
            // A direction that ends in enrolment keeps its place for good.
            (Claim::Taken(a), Claim::Filled(b)) if a == b => return,
            _ => {}
        }
        self.release(old);
        self.hold(new);
    }

    /// Adds what a state holds.
    pub(crate) fn hold(&mut self, claim: Claim) {
        match claim {
            Claim::None => {}
            Claim::Reserved(b) => {
                if let Some(p) = self.pool_of(b) {
                    p.reserved += 1;
                    p.changes += 1;
                }
            }
            Claim::Taken(b) | Claim::Filled(b) => self.take(b, 1),
        }
    }

    fn release(&mut self, claim: Claim) {
        match claim {
            Claim::Reserved(b) => {
                if let Some(p) = self.pool_of(b) {
                    p.reserved = p.reserved.saturating_sub(1);
                    p.changes += 1;
                }
            }
            // A revoked or lapsed direction gives its place back (`RULES.md §5`).
            Claim::Taken(b) => {
                self.take(b, -1);
                self.given_back.push(b);
            }
            // A place filled for good is not given back when the kindergarten later
            // releases the child: the kindergarten publishes it anew.
            Claim::Filled(_) | Claim::None => {}
        }
    }

    fn take(&mut self, id: BulletinId, delta: i32) {
        let Some(b) = self.get_mut(id) else { return };
        let before = b.free();
        b.taken = b.taken.saturating_add_signed(delta);
        let after = b.free();
        if let Some(p) = self.pool_of(id) {
            p.free = p.free + u64::from(after) - u64::from(before);
            p.changes += 1;
            let at = p.with_free.binary_search(&id);
            match (at, after > 0) {
                (Err(k), true) => p.with_free.insert(k, id),
                (Ok(k), false) => {
                    p.with_free.remove(k);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn bulletin(id: u64, places: u32) -> Bulletin {
        Bulletin {
            id: BulletinId(id),
            kindergarten: Kindergarten {
                id: format!("kg-{id}").into(),
                region: "akmola".into(),
                area: "kokshetau".into(),
                languages: vec![Language::Kazakh],
                group_types: Vec::new(),
            },
            group_type: GroupType::General,
            cohort: 2021,
            places,
            published_at: NaiveDate::from_ymd_opt(2024, 5, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            taken: 0,
            open_to_all: false,
        }
    }

    #[test]
    fn reservations_close_places_to_free_choice_and_returns_reopen_them() {
        let mut board = Board::default();
        board.add(bulletin(1, 2));
        board.add(bulletin(2, 1));
        let key = board.get(BulletinId(1)).unwrap().queue_key();
        assert_eq!(board.open(&key), 3);
        board.hold(Claim::Reserved(BulletinId(1)));
        board.hold(Claim::Reserved(BulletinId(1)));
        assert_eq!(board.open(&key), 1);
        // A notified child takes a place of the other bulletin of its pool.
        board.transfer(Claim::Reserved(BulletinId(1)), Claim::Taken(BulletinId(2)));
        assert_eq!(board.open(&key), 1);
        assert_eq!(board.get(BulletinId(2)).unwrap().free(), 0);
        // Enrolment keeps the place; a lapse would give it back.
        board.transfer(Claim::Taken(BulletinId(2)), Claim::Filled(BulletinId(2)));
        assert_eq!(board.get(BulletinId(2)).unwrap().taken, 1);
        board.transfer(Claim::Reserved(BulletinId(1)), Claim::Taken(BulletinId(1)));
        board.transfer(Claim::Taken(BulletinId(1)), Claim::None);
        assert_eq!(board.open(&key), 2);
        assert_eq!(board.open_pools(), vec![(key.clone(), BulletinId(1))]);
        assert_eq!(
            board.with_free_places(&key),
            [BulletinId(1)],
            "bulletin 2 is full"
        );
        board.transfer(Claim::Filled(BulletinId(2)), Claim::None);
        assert_eq!(
            board.get(BulletinId(2)).unwrap().taken,
            1,
            "filled for good"
        );
        board.take(BulletinId(2), -1);
        assert_eq!(
            board.with_free_places(&key),
            [BulletinId(1), BulletinId(2)],
            "a place given back: in id order again"
        );
    }
}
