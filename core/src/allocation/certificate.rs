//! The certificate of a round of ranked choices (`RULES.md §5a`): what an appeals body
//! needs to check the round on its own, and each child's cutoffs.
//!
//! A round of ranked choices gives back, with its report, the instance it solved and
//! what it gave: the pool's kindergartens with their places in the round, and every unit
//! (a child, or the twins of a batch) it considered, in the round's order (a unit's
//! position is its place in that order), with its choices among those kindergartens,
//! where it has sibling priority and where it was placed. A unit's key at a kindergarten
//! is (no sibling priority there, position): smaller is better.
//!
//! [`CheckedCertificate::findings`] checks, in `O(n log n)` over the units' choices, that
//! nothing in the round can be objected to: no kindergarten over-filled; nobody placed
//! at a kindergarten it did not choose; no unit **passed over** — for each kindergarten
//! it prefers to its own, the units placed there with a better key leave less room than
//! it needs (a worse-keyed child placed there would have been displaced, and a free
//! place taken); and no **swap** left that everyone in it prefers and nobody can object
//! to (each kindergarten points to the place of the best-keyed unit that wants it; the
//! graph has no cycle, Erdil & Ergin 2008). [`CheckedCertificate::cutoffs`] (`cutoffs.rs`)
//! tells a parent, for
//! each kindergarten the child ranked above the one it got, where the last child given a
//! place there stood and where the child stood. `Engine::verify_round` adds what only
//! the engine's state can show: the units' choices, sibling priorities, order and
//! directions are those of the applications.

use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::allocation::catalogue::MAX_KINDERGARTENS;
use crate::application::{ApplicationId, QueueKey};
use crate::input::InputError;
use crate::lang::LocalizedText;

mod cutoffs;
pub use cutoffs::{ChoiceCutoff, Standing};

/// The version of the certificate's format this library writes and reads.
pub const CERTIFICATE_VERSION: u32 = 1;

/// The most units a certificate may list (as many applications as an engine reserves room
/// for at once, `input::MAX_RESERVE`).
pub const MAX_UNITS: usize = 10_000_000;

/// The most children one unit may hold: a batch links 2 to 4 (twins, triplets).
pub const MAX_UNIT_CHILDREN: usize = 4;

/// A round of ranked choices, as an appeals body checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// [`CERTIFICATE_VERSION`] when written.
    pub certificate_version: u32,
    /// The pool of the round.
    pub queue: QueueKey,
    /// When the round ran.
    pub at: NaiveDateTime,
    /// The pool's kindergartens with open places in the round; units name them by index.
    pub kindergartens: Vec<Room>,
    /// Every unit the round considered, in the round's order.
    pub units: Vec<Unit>,
}

/// A certificate whose shape was checked ([`Certificate::check_shape`]): what the checks
/// and cutoffs read. Read from JSON, a certificate is checked as it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Certificate", into = "Certificate")]
pub struct CheckedCertificate(Certificate);

impl TryFrom<Certificate> for CheckedCertificate {
    type Error = InputError;

    fn try_from(c: Certificate) -> Result<Self, InputError> {
        c.check_shape()?;
        Ok(CheckedCertificate(c))
    }
}

impl From<CheckedCertificate> for Certificate {
    fn from(c: CheckedCertificate) -> Self {
        c.0
    }
}

impl std::ops::Deref for CheckedCertificate {
    type Target = Certificate;

    fn deref(&self) -> &Certificate {
        &self.0
    }
}

/// A kindergarten of the round and its open places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// The kindergarten's id.
    pub id: Arc<str>,
    /// Places open to the round.
    pub places: u32,
}

/// A child, or the twins of a batch, as the round considered them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The applications: one, or the twins (all placed together or none). Held inline
    /// for one child (a national round's certificate lists 10⁵ units: no heap list each).
    pub children: SmallVec<[ApplicationId; 1]>,
    /// Its choices among the round's kindergartens (indices), best first; inline up to 4.
    pub choices: SmallVec<[u32; 4]>,
    /// The kindergartens (indices) where a sibling's enrolment gives it priority.
    #[serde(default, skip_serializing_if = "SmallVec::is_empty")]
    pub siblings_at: SmallVec<[u32; 1]>,
    /// Where it held a direction before the round (an index), if anywhere: it stands
    /// first there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<u32>,
    /// Where the round placed it (an index), if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed: Option<u32>,
}

impl Unit {
    /// Places it needs.
    fn weight(&self) -> u64 {
        self.children.len() as u64
    }

    /// Its key at kindergarten `k` when it stands at `position`: smaller is better (one
    /// that held a direction there first, then one with a sibling there).
    fn key(&self, position: u32, k: u32) -> (u8, u32) {
        (level(self.held, &self.siblings_at, k), position)
    }

    /// Its choices it prefers to where it was placed (all of them if it was not).
    fn preferred(&self) -> &[u32] {
        let upto = self
            .placed
            .and_then(|p| self.choices.iter().position(|&c| c == p))
            .unwrap_or(self.choices.len());
        &self.choices[..upto]
    }
}

/// A unit's priority level at kindergarten `k`, smaller first: 0 where it holds a
/// direction already, 1 where a sibling's enrolment gives it priority, 2 elsewhere.
pub(crate) fn level(held: Option<u32>, siblings_at: &[u32], k: u32) -> u8 {
    if held == Some(k) {
        0
    } else if siblings_at.contains(&k) {
        1
    } else {
        2
    }
}

/// A cycle of a graph with at most one edge out of each node (`next[k]`: the node it
/// points to, and what the edge carries), as (node, what its edge carries) pairs: colour
/// walks, linear. The swaps' test of the certificate and of places given back.
pub(crate) fn cycle(next: &[Option<(usize, u32)>]) -> Option<Vec<(usize, u32)>> {
    let mut state = vec![0_u8; next.len()]; // 0 new, 1 on the current walk, 2 done
    let mut walk = Vec::new();
    for start in 0..next.len() {
        walk.clear();
        let mut k = start;
        while state[k] == 0 {
            state[k] = 1;
            walk.push(k);
            match next[k] {
                Some((j, _)) => k = j,
                None => break,
            }
        }
        if state[k] == 1 && next[k].is_some() {
            let from = walk.iter().position(|&w| w == k).unwrap_or(0);
            return Some(
                walk[from..]
                    .iter()
                    .filter_map(|&w| next[w].map(|(_, u)| (w, u)))
                    .collect(),
            );
        }
        for &w in &walk {
            state[w] = 2;
        }
    }
    None
}

/// What a check of a round found that can be objected to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The finding's stable code (one of [`Finding::CODES`]).
    pub code: &'static str,
    /// The applications it concerns.
    pub children: Vec<ApplicationId>,
    /// The kindergartens it concerns.
    pub kindergartens: Vec<Arc<str>>,
    /// What it means, in kk/ru/en.
    pub message: LocalizedText,
}

/// A round's verdict: it holds when nothing was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether the round holds: no findings.
    pub holds: bool,
    /// What can be objected to.
    pub findings: Vec<Finding>,
}

impl Verdict {
    /// The verdict of `findings`.
    #[must_use]
    pub fn of(findings: Vec<Finding>) -> Self {
        Verdict {
            holds: findings.is_empty(),
            findings,
        }
    }
}

/// What the errors name.
const WHAT: &str = "certificate";

impl Certificate {
    /// The certificate as the JSON document an appeals body receives.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Refuses a certificate the checks cannot read: another version, an index out of
    /// range, a unit with no child, a choice twice.
    ///
    /// # Errors
    /// `INPUT_FORMAT` naming what is wrong.
    pub fn check_shape(&self) -> Result<(), InputError> {
        if self.certificate_version != CERTIFICATE_VERSION {
            return Err(InputError::format(
                WHAT,
                format!("certificate_version {CERTIFICATE_VERSION} is the one this library reads"),
            ));
        }
        let n = self.kindergartens.len();
        if n > MAX_KINDERGARTENS || self.units.len() > MAX_UNITS {
            return Err(InputError::format(
                WHAT,
                format!("at most {MAX_KINDERGARTENS} kindergartens and {MAX_UNITS} units"),
            ));
        }
        let bad = |what: &str, i: usize| Err(InputError::format(WHAT, format!("unit {i}: {what}")));
        for (i, u) in self.units.iter().enumerate() {
            if u.children.is_empty() {
                return bad("no children", i);
            }
            if u.children.len() > MAX_UNIT_CHILDREN {
                return bad("more children than a batch links", i);
            }
            let in_range = |k: &u32| (*k as usize) < n;
            if !u.choices.iter().all(in_range)
                || !u.siblings_at.iter().all(in_range)
                || !u.placed.iter().all(in_range)
                || !u.held.iter().all(in_range)
            {
                return bad("a kindergarten index out of range", i);
            }
            let mut seen = u.choices.clone();
            seen.sort_unstable();
            seen.dedup();
            if seen.len() != u.choices.len() {
                return bad("a kindergarten chosen twice", i);
            }
        }
        Ok(())
    }
}

impl CheckedCertificate {
    /// Reads a certificate from its JSON document, checking its shape.
    ///
    /// # Errors
    /// `INPUT_FORMAT` naming what is wrong.
    pub fn from_json(json: &str) -> Result<Self, InputError> {
        serde_json::from_str(json).map_err(|e| InputError::json(WHAT, &e))
    }

    /// What can be objected to in the round, from the certificate alone (see the module).
    #[must_use]
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let placed = self.placed_keys();
        for (k, room) in self.kindergartens.iter().enumerate() {
            let load: u64 = placed[k].last().map_or(0, |&(_, total)| total);
            if load > u64::from(room.places) {
                out.push(self.finding(FindingKind::Overfilled, &[], &[k]));
            }
        }
        for (p, u) in (0_u32..).zip(&self.units) {
            if let Some(k) = u.placed {
                if !u.choices.contains(&k) {
                    out.push(self.finding(FindingKind::NotChosen, &[p], &[k as usize]));
                }
            }
            for &k in u.preferred() {
                // The load of the units placed at k with a better key than u's: the
                // running sum up to where u's key falls (a search, not a sum per unit).
                let list = &placed[k as usize];
                let key = u.key(p, k);
                let better = list.partition_point(|&(other, _)| other < key);
                let load: u64 = better.checked_sub(1).map_or(0, |i| list[i].1);
                if load + u.weight() <= u64::from(self.kindergartens[k as usize].places) {
                    out.push(self.finding(FindingKind::PassedOver, &[p], &[k as usize]));
                }
            }
        }
        if let Some(cycle) = self.swap_left() {
            let units: Vec<u32> = cycle.iter().map(|&(_, u)| u).collect();
            let ks: Vec<usize> = cycle.iter().map(|&(k, _)| k).collect();
            out.push(self.finding(FindingKind::SwapLeft, &units, &ks));
        }
        out
    }

    /// Per kindergarten, the keys of the units placed there, sorted, each with the places
    /// they and the better-keyed ones take (a running sum).
    fn placed_keys(&self) -> Vec<Vec<((u8, u32), u64)>> {
        let mut placed = vec![Vec::new(); self.kindergartens.len()];
        for (p, u) in (0_u32..).zip(&self.units) {
            if let Some(k) = u.placed {
                placed[k as usize].push((u.key(p, k), u.weight()));
            }
        }
        for list in &mut placed {
            list.sort_unstable();
            let mut total = 0_u64;
            for entry in list.iter_mut() {
                total += entry.1;
                entry.1 = total;
            }
        }
        placed
    }

    /// A swap left in the round: each kindergarten points to the best-keyed unit that
    /// prefers it to its own place (if that unit is one child with a place); a cycle of
    /// such pointers, as (kindergarten, unit) pairs, is a swap everyone in it prefers and
    /// nobody can object to. Linear in the choices.
    fn swap_left(&self) -> Option<Vec<(usize, u32)>> {
        let n = self.kindergartens.len();
        let mut best: Vec<Option<((u8, u32), u32)>> = vec![None; n];
        for (p, u) in (0_u32..).zip(&self.units) {
            for &k in u.preferred() {
                let key = u.key(p, k);
                let slot = &mut best[k as usize];
                if slot.is_none_or(|(b, _)| key < b) {
                    *slot = Some((key, p));
                }
            }
        }
        // k → the kindergarten whose place its best-keyed wanting unit would give up.
        let next: Vec<Option<(usize, u32)>> = best
            .iter()
            .map(|b| {
                let (_, p) = (*b)?;
                let u = &self.units[p as usize];
                if u.children.len() != 1 {
                    return None; // twins need more than the one place a swap gives
                }
                Some((u.placed? as usize, p))
            })
            .collect();
        cycle(&next)
    }

    /// A finding of `kind` about units (positions) and kindergartens (indices).
    pub(crate) fn finding(&self, kind: FindingKind, units: &[u32], ks: &[usize]) -> Finding {
        let children: Vec<ApplicationId> = units
            .iter()
            .filter_map(|&p| self.units.get(p as usize))
            .flat_map(|u| u.children.iter().copied())
            .collect();
        self.about(kind, children, ks)
    }

    /// A finding of `kind` about `children` and kindergartens (indices).
    pub(crate) fn about(
        &self,
        kind: FindingKind,
        children: Vec<ApplicationId>,
        ks: &[usize],
    ) -> Finding {
        Finding {
            code: kind.code(),
            children,
            kindergartens: ks
                .iter()
                .filter_map(|&k| self.kindergartens.get(k))
                .map(|r| Arc::clone(&r.id))
                .collect(),
            message: kind.message(),
        }
    }
}

/// The kinds of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FindingKind {
    Overfilled,
    NotChosen,
    PassedOver,
    SwapLeft,
    /// A child the certificate names that the engine does not know, or not in the pool.
    ChildUnknown,
    /// A unit's choices are not its application's.
    Choices,
    /// A sibling priority claimed that the engine's state does not show, or one missed.
    Sibling,
    /// A unit's place in the order is not its application's queue order.
    Order,
    /// A unit placed whose children hold no direction of the round there.
    Direction,
    /// A unit whose children are not one application or the twins of one batch.
    Twins,
    /// A direction said to have been held before the round that the history does not show.
    Held,
    /// A waiting child of the pool the certificate does not list, who ranked one of its
    /// kindergartens, could be offered a place, and stands before a unit placed there
    /// (or finds room there).
    LeftOut,
}

impl Finding {
    /// Every finding's code.
    pub const CODES: [&'static str; 12] = [
        "CERT_OVERFILLED",
        "CERT_NOT_CHOSEN",
        "CERT_PASSED_OVER",
        "CERT_SWAP_LEFT",
        "CERT_CHILD_UNKNOWN",
        "CERT_CHOICES",
        "CERT_SIBLING",
        "CERT_ORDER",
        "CERT_DIRECTION",
        "CERT_TWINS",
        "CERT_HELD",
        "CERT_LEFT_OUT",
    ];
}

impl FindingKind {
    fn code(self) -> &'static str {
        Finding::CODES[self as usize]
    }

    fn message(self) -> LocalizedText {
        let [kk, ru, en] = match self {
            FindingKind::Overfilled => [
                "балабақшаға бос орындардан көп бала жолданған",
                "в детский сад направлено больше детей, чем было мест",
                "more children were directed to the kindergarten than it had places",
            ],
            FindingKind::NotChosen => [
                "бала өзі таңдамаған балабақшаға жолданған",
                "ребёнок направлен в детский сад, которого не выбирал",
                "a child was directed to a kindergarten it did not choose",
            ],
            FindingKind::PassedOver => [
                "бала өзі артық көрген балабақшадан орын алмаған, ал онда оған орын жететін еді",
                "ребёнок не получил место в саду, который предпочёл, хотя места там ему хватало",
                "a child did not get a kindergarten it preferred where there was room for it",
            ],
            FindingKind::SwapLeft => [
                "балалар жолдамаларын алмасса, әрқайсысы өзі артық көрген балабақшаны алар еді",
                "дети могли бы обменяться направлениями, и каждый получил бы сад, который предпочёл",
                "children could swap their directions and each get a kindergarten it preferred",
            ],
            FindingKind::ChildUnknown => [
                "куәлікте аталған өтінім бұл кезекте жоқ",
                "заявления, названного в сертификате, нет в этой очереди",
                "an application the certificate names is not in this queue",
            ],
            FindingKind::Choices => [
                "куәліктегі таңдаулар өтінімдегі таңдаулармен сәйкес емес",
                "выбор в сертификате не совпадает с выбором в заявлении",
                "the choices in the certificate are not those of the application",
            ],
            FindingKind::Sibling => [
                "бауырының басымдығы балабақшадағы бауырлармен сәйкес емес",
                "приоритет брата или сестры не совпадает с зачисленными в сад детьми",
                "a sibling priority does not match the children enrolled at the kindergarten",
            ],
            FindingKind::Order => [
                "куәліктегі реттілік кезек ретімен сәйкес емес",
                "порядок в сертификате не совпадает с порядком очереди",
                "the order in the certificate is not the queue's order",
            ],
            FindingKind::Direction => [
                "жолданған баланың осы балабақшаға жолдамасы жоқ",
                "у направленного ребёнка нет направления в этот сад",
                "a child placed by the round holds no direction to that kindergarten",
            ],
            FindingKind::Twins => [
                "бір топтағы балалар бір өтінім немесе бір егіздер тобы емес",
                "дети одной группы не являются одним заявлением или одной двойней",
                "the children of a unit are not one application or the twins of one batch",
            ],
            FindingKind::Held => [
                "баланың осы балабақшаға бұрынғы жолдамасы тарихында жоқ",
                "в истории ребёнка нет прежнего направления в этот сад",
                "the child's history shows no earlier direction to that kindergarten",
            ],
            FindingKind::LeftOut => [
                "раунд қарамаған бала өзі таңдаған балабақшадан орын ала алатын еді",
                "ребёнок, которого раунд не рассмотрел, мог получить место в выбранном им саду",
                "a child the round left out could have had a place at a kindergarten it chose",
            ],
        };
        LocalizedText::new(kk, ru, en)
    }
}

#[cfg(test)]
mod tests;
