//! The portals' offer round on the [`Engine`] (`RULES.md §3–§7`).
//!
//! - [`Engine::publish`] adds vacancy bulletins and runs one round per pool (the queue of
//!   the same region, area, group type and cohort): the children at the head of the queue
//!   who may be offered a place get a notice, as many as there are open places. Children
//!   who may not (under the minimum age, stop-listed, enrolled elsewhere, holding another
//!   offer, lacking a ПМПК conclusion or valid benefit documents) are skipped and listed
//!   with their failed checks; twins and triplets are notified together or not at all.
//!   Out-of-turn children come first, then first-priority, then general children, or,
//!   when the policy interleaves, 1 first-priority child to 3 general ones, the cycle
//!   carried from round to round. With `special_queue_first`, special and sanatorium
//!   pools go first and what their queue leaves opens to every child of the cohort.
//!   During the August freeze nothing is published.
//! - A notified applicant takes any free place of its pool ([`Engine::take_place`]); when
//!   the choice window passes, the place opens to free choice: any eligible waiting child
//!   of the pool takes it, first come first served, with no notice.
//! - A revoked or lapsed direction gives its place back to its bulletin, open again.
//! - Under a voucher policy the same round offers vouchers instead (see
//!   `voucher.rs`).
//!
//! ```
//! use chrono::NaiveDate;
//! use kezek::allocation::{Kindergarten, NewBulletin};
//! use kezek::application::*;
//! use kezek::lifecycle::{Engine, StateName};
//! use kezek::{PolicyBook, WorkCalendar};
//!
//! let policy = PolicyBook::builtin().get("national-2024")?.clone();
//! let mut engine = Engine::new(policy, WorkCalendar::kazakhstan())?;
//! let at = |d, h| NaiveDate::from_ymd_opt(2024, 5, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
//! let address = Address { region: "akmola".into(), district: "kokshetau".into(), locality: None };
//! let mut ids = vec![];
//! for (parent, child) in [("900101300017", "210308600403"), ("880202400016", "211225500914")] {
//!     ids.push(engine.register(NewApplication {
//!         applicant_iin: parent.into(),
//!         child_iin: child.into(),
//!         // No register data passed: the dates the IINs encode, marked as such.
//!         child_birth_date: None,
//!         child_sex: None,
//!         address: address.clone(),
//!         group_type: GroupType::General,
//!         language: Language::Kazakh,
//!         benefit: None,
//!         documents: vec![],
//!         non_resident: false,
//!         contacts: Contacts { email: "ana@mail.kz".into(), phone: "+7 701 123 45 67".into() },
//!         ranked_choices: vec![],
//!     }, at(2, 9))?);
//! }
//! let kindergarten = Kindergarten {
//!     id: "kg-12".into(), region: "akmola".into(), area: "kokshetau".into(),
//!     languages: vec![Language::Kazakh],
//!     group_types: vec![],
//! };
//! let rounds = engine.publish(&[NewBulletin {
//!     kindergarten, group_type: GroupType::General, cohort: 2021, places: 1,
//! }], at(2, 10))?;
//! assert_eq!(rounds[0].offered, vec![ids[0]]); // the head of the queue is notified
//! engine.take_place(ids[0], rounds[0].bulletin, at(3, 11))?;
//! assert_eq!(engine.state(ids[0])?.name(), StateName::DirectionIssued);
//! assert_eq!(engine.bulletin(rounds[0].bulletin)?.free(), 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Datelike, NaiveDateTime};

use super::detail::Detail;
use super::{Actor, Command, Engine, LifecycleError, Reason, State};
use crate::allocation::bulletin::{Bulletin, BulletinId, NewBulletin};
use crate::allocation::{AllocationError, RoundReport, Skipped};
use crate::application::{ApplicationId, QueueKey};
use crate::benefit::PriorityClass;
use crate::calendar::Deadline;
use crate::eligibility::{self, OfferSituation};
use crate::policy::Policy;
use crate::queue::QueueId;

/// The deadlines a round's offers carry.
#[derive(Debug, Clone, Copy)]
struct OfferWindows {
    /// The end of the choice window (notices) or of the consent window (vouchers).
    offer: Deadline,
    /// The end of the contract window of a place from a waiting list (vouchers).
    contract: Option<Deadline>,
    /// The deadlines of the directions a round of ranked choices issues (`RULES.md §5a`).
    direction: Option<super::ranked_round::DirectionWindows>,
}

/// The waiting children of queue `q` (the pool of `key`) in queue order, read lazily
/// from the head: out-of-turn children first, then first-priority and general children,
/// alternated where the policy interleaves them (from the pool's place in the cycle).
pub(super) fn queue_walk<'e>(
    e: &'e Engine,
    q: QueueId,
    key: &QueueKey,
) -> impl Iterator<Item = ApplicationId> + 'e {
    let mut heads = heads(e, q);
    let mut cursor = e.board.cursors.get(key).copied().unwrap_or(0);
    std::iter::from_fn(move || {
        let want = wanted(&e.policy, cursor);
        let (class, id) = heads.next(want)?;
        if class != PriorityClass::OutOfTurn && class == want {
            cursor = cursor.wrapping_add(1);
        }
        Some(id)
    })
}

/// The three lanes of waiting queue `q`, read lazily from the head.
fn heads(e: &Engine, q: QueueId) -> Heads<impl Iterator<Item = ApplicationId> + '_> {
    let lane = |c: PriorityClass| e.waiting.class_members(q, c);
    Heads {
        lanes: [
            lane(PriorityClass::OutOfTurn),
            lane(PriorityClass::FirstPriority),
            lane(PriorityClass::General),
        ],
    }
}

/// The class a round takes next under the policy's interleaving (`RULES.md §3`).
fn wanted(policy: &Policy, cursor: u32) -> PriorityClass {
    match policy.interleave {
        Some(i) if cursor % (i.first_priority + i.general).max(1) >= i.first_priority => {
            PriorityClass::General
        }
        _ => PriorityClass::FirstPriority,
    }
}

/// The queue's three lanes, read lazily from the head.
struct Heads<I: Iterator<Item = ApplicationId>> {
    lanes: [I; 3],
}

impl<I: Iterator<Item = ApplicationId>> Heads<I> {
    /// The next candidate: out-of-turn children first (`RULES.md §3`: the head of the
    /// whole queue), then the class the cycle wants, else the other.
    fn next(&mut self, want: PriorityClass) -> Option<(PriorityClass, ApplicationId)> {
        let order = match want {
            PriorityClass::General => [
                PriorityClass::OutOfTurn,
                PriorityClass::General,
                PriorityClass::FirstPriority,
            ],
            _ => PriorityClass::ALL,
        };
        order
            .into_iter()
            .find_map(|c| self.lanes[c.rank()].next().map(|id| (c, id)))
    }
}

/// The children a walk picked, batch by batch, and those it passed over.
#[derive(Default)]
pub(crate) struct Walk {
    pub(crate) picked: Vec<ApplicationId>,
    pub(crate) skipped: Vec<Skipped>,
    cursor: u32,
}

impl Engine {
    /// Publishes vacancy bulletins at `at` and runs the offer round of each pool they
    /// open places in (`RULES.md §5`); returns one report per pool. Under a voucher policy
    /// the rounds offer vouchers, and before the year's distribution starts the places
    /// wait for [`Engine::distribute`] (`RULES.md §8`).
    ///
    /// # Errors
    /// `BULLETIN_INVALID`, `PLACES_FROZEN`, `TIME_BEFORE_CLOCK`, a calendar error; nothing
    /// is published then.
    pub fn publish(
        &mut self,
        bulletins: &[NewBulletin],
        at: NaiveDateTime,
    ) -> Result<Vec<RoundReport>, LifecycleError> {
        self.check_clock(at)?;
        for b in bulletins {
            validate(b, at)?;
        }
        self.open_for_rounds(at, false)?;
        let windows = match self.open_for_rounds(at, true) {
            Ok(()) => Some(self.offer_windows(at)?),
            Err(_) => None,
        };
        // Nothing below can fail: the engine changes only now.
        self.advance(at);
        let mut pools: Vec<(QueueKey, BulletinId)> = Vec::new();
        for b in bulletins {
            let bulletin = Bulletin {
                id: self.board.next_id(),
                kindergarten: b.kindergarten.normalized(),
                group_type: b.group_type,
                cohort: b.cohort,
                places: b.places,
                published_at: at,
                taken: 0,
                open_to_all: false,
            };
            let (key, id) = (bulletin.queue_key(), bulletin.id);
            self.board.add(bulletin);
            if !pools.iter().any(|(k, _)| *k == key) {
                pools.push((key, id));
            }
        }
        let reports = match windows {
            Some(w) => self.rounds(pools, at, w),
            None => Vec::new(),
        };
        self.accepted(at, || Command::Publish {
            bulletins: bulletins.to_vec(),
        });
        Ok(reports)
    }

    /// Runs the offer round again in the pool of `bulletin`, for its places open now
    /// (after notices passed unanswered or directions gave places back).
    ///
    /// # Errors
    /// `BULLETIN_UNKNOWN`, `PLACES_FROZEN`, `DISTRIBUTION_NOT_STARTED`, `TIME_BEFORE_CLOCK`,
    /// a calendar error.
    pub fn offer_round(
        &mut self,
        bulletin: BulletinId,
        at: NaiveDateTime,
    ) -> Result<RoundReport, LifecycleError> {
        self.check_clock(at)?;
        let key = self.bulletin(bulletin)?.queue_key();
        self.open_for_rounds(at, true)?;
        let windows = self.offer_windows(at)?;
        self.advance(at);
        let report = self.round(&key, bulletin, at, windows);
        self.accepted(at, || Command::OfferRound { bulletin });
        Ok(report)
    }

    /// Runs the offer round of every pool with open places, once (`RULES.md §8`: the
    /// distribution runs once over the whole city, skipping places with no free place).
    ///
    /// # Errors
    /// `PLACES_FROZEN`, `DISTRIBUTION_NOT_STARTED`, `TIME_BEFORE_CLOCK`, a calendar error.
    pub fn distribute(&mut self, at: NaiveDateTime) -> Result<Vec<RoundReport>, LifecycleError> {
        self.check_clock(at)?;
        self.open_for_rounds(at, true)?;
        let windows = self.offer_windows(at)?;
        self.advance(at);
        let pools = self.board.open_pools();
        let reports = self.rounds(pools, at, windows);
        self.accepted(at, || Command::Distribute {});
        Ok(reports)
    }

    /// The deadlines the offers of a round at `at` carry, computed before anything
    /// changes so that a round cannot fail half-way.
    fn offer_windows(&self, at: NaiveDateTime) -> Result<OfferWindows, LifecycleError> {
        let direction = match self.policy.ranked_choices {
            Some(_) => Some(self.direction_windows(at)?),
            None => None,
        };
        Ok(match self.policy.voucher {
            Some(v) => OfferWindows {
                offer: self.deadline(at, v.consent_window)?,
                contract: Some(self.deadline(at, v.contract_window)?),
                direction,
            },
            None => OfferWindows {
                offer: self.deadline(at, self.policy.choice_window)?,
                contract: None,
                direction,
            },
        })
    }

    /// Refuses rounds during the freeze, and voucher rounds before the year's
    /// distribution (`distribution: true`).
    fn open_for_rounds(
        &self,
        at: NaiveDateTime,
        distribution: bool,
    ) -> Result<(), AllocationError> {
        let date = at.date();
        if self.policy.is_frozen(date) {
            return Err(AllocationError::Frozen { date });
        }
        if let (true, Some(v)) = (distribution, self.policy.voucher) {
            let starts = chrono::NaiveDate::from_ymd_opt(
                date.year(),
                v.distribution_starts.month,
                v.distribution_starts.day,
            );
            if let Some(starts) = starts.filter(|s| date < *s) {
                return Err(AllocationError::DistributionNotStarted { date, starts });
            }
        }
        Ok(())
    }

    /// One round per pool: special and sanatorium pools first when the policy says so
    /// (`RULES.md §7`), else in the order given.
    fn rounds(
        &mut self,
        mut pools: Vec<(QueueKey, BulletinId)>,
        at: NaiveDateTime,
        windows: OfferWindows,
    ) -> Vec<RoundReport> {
        if self.policy.special_queue_first {
            pools.sort_by_key(|(k, _)| !k.group_type.is_specialised());
        }
        pools
            .iter()
            .map(|(key, bulletin)| self.round(key, *bulletin, at, windows))
            .collect()
    }

    /// The round of one pool: waiting lists (voucher policy), then the head of the queue.
    /// The offers name `bulletin` (the one just published or asked for, or the pool's
    /// first with a free place).
    fn round(
        &mut self,
        key: &QueueKey,
        bulletin: BulletinId,
        at: NaiveDateTime,
        windows: OfferWindows,
    ) -> RoundReport {
        let mut report = RoundReport {
            queue: key.clone(),
            bulletin,
            offered: Vec::new(),
            from_waiting_list: Vec::new(),
            skipped: Vec::new(),
            open: 0,
            opened_to_all: false,
            directed: Vec::new(),
            certificate: None,
        };
        if let Some(direction) = windows.direction {
            (report.directed, report.certificate) =
                self.ranked_round(key, at, direction, &mut report.skipped);
            return self.close_round(key, report);
        }
        if let Some(contract) = windows.contract {
            report.from_waiting_list = self.serve_waiting_lists(key, at, contract);
        }
        let places = self.board.open(key);
        let walk = self.walk(key, places, at, &self.policy);
        let mut walk = match (self.policy.voucher, walk.picked.len() < places as usize) {
            // RULES.md §4 [pub-M]: in voucher regions, once every category is served,
            // places may go to younger children.
            (Some(v), true) => {
                let mut younger = self.policy.clone();
                younger.min_offer_age = v.min_age_when_all_served;
                self.walk(key, places, at, &younger)
            }
            _ => walk,
        };
        self.offer(&walk.picked, bulletin, at, windows.offer);
        if self.policy.interleave.is_some() {
            self.board.cursors.insert(key.clone(), walk.cursor);
        }
        report.offered = std::mem::take(&mut walk.picked);
        report.skipped = walk.skipped;
        self.close_round(key, report)
    }

    /// The end of a pool's round: the places left open, and what the special queue left
    /// opened to every child of the cohort where the policy says so (`RULES.md §7`).
    fn close_round(&mut self, key: &QueueKey, mut report: RoundReport) -> RoundReport {
        report.open = self.board.open(key);
        if self.policy.special_queue_first && key.group_type.is_specialised() && report.open > 0 {
            for b in self.board.pool_bulletins(key).to_vec() {
                self.board.set_open_to_all(b);
            }
            report.opened_to_all = true;
        }
        report
    }

    /// Walks the queue of `key` from its head, picking up to `places` children who may be
    /// offered a place under `policy` (the engine's, or one with a lower minimum age).
    /// Reads only: the engine is at `at`, so every record is as it stands then.
    fn walk(&self, key: &QueueKey, places: u32, at: NaiveDateTime, policy: &Policy) -> Walk {
        let mut walk = Walk {
            cursor: self.board.cursors.get(key).copied().unwrap_or(0),
            ..Walk::default()
        };
        let Some(q) = self.waiting.id_of(key) else {
            return walk;
        };
        let lane = |c: PriorityClass| self.waiting.class_members(q, c);
        let mut heads = heads(self, q);
        // The walk reads its candidates' records one after another, each a cache miss; the
        // candidates are the heads of the lanes, known ahead, so their records are read in
        // one pass first and the misses overlap (`Engine::touch`). A few more than the
        // places cover the children skipped.
        let ahead = usize::try_from(places)
            .unwrap_or(usize::MAX)
            .saturating_add(8);
        for c in PriorityClass::ALL {
            self.touch(lane(c).take(ahead));
        }
        // Twins stand together under one key: a batch is judged once, at its first member.
        let mut batches_seen: Vec<ApplicationId> = Vec::new();
        let mut left = places;
        while left > 0 {
            let want = wanted(&self.policy, walk.cursor);
            let Some((class, id)) = heads.next(want) else {
                break;
            };
            let Ok(i) = self.index(id) else { continue };
            let single = [id];
            let batch;
            let members: &[ApplicationId] = match self.records[i].batch {
                None => &single,
                Some(b) if batches_seen.contains(&b) => continue,
                Some(b) => {
                    batches_seen.push(b);
                    batch = self.batch_members(b);
                    &batch
                }
            };
            let skipped = walk.skipped.len();
            self.screen(members, q, left, at, policy, &mut walk.skipped);
            if walk.skipped.len() == skipped {
                left -= u32::try_from(members.len()).unwrap_or(u32::MAX);
                walk.picked.extend(members.iter().copied());
                if class != PriorityClass::OutOfTurn && class == want {
                    walk.cursor = walk
                        .cursor
                        .wrapping_add(u32::try_from(members.len()).unwrap_or(1));
                }
            }
        }
        walk
    }

    /// Adds to `out` the failed checks of each member of a batch offered together with
    /// `left` places (nothing when all may be offered).
    pub(super) fn screen(
        &self,
        members: &[ApplicationId],
        q: QueueId,
        left: u32,
        at: NaiveDateTime,
        policy: &Policy,
        out: &mut Vec<Skipped>,
    ) {
        for &m in members {
            let Ok(i) = self.index(m) else { continue };
            let r = &self.records[i];
            let elsewhere = self.elsewhere(r, at);
            let own_stop = match &r.state {
                State::StopListed { until, .. } => Some(until.ends_at),
                _ => None,
            };
            let s = OfferSituation {
                at,
                vacancies: left,
                waiting_ahead: 0,
                batch_size: u32::try_from(members.len()).unwrap_or(u32::MAX),
                waiting: matches!(r.state, State::Queued) && r.queue == q,
                stop_listed_until: own_stop.max(elsewhere.stop_until),
                enrolled_elsewhere: elsewhere.enrolled,
                offer_elsewhere: elsewhere.offer,
            };
            let failed =
                eligibility::offer_check(policy, r.facts, &r.app, &s, false).failed_codes();
            if !failed.is_empty() {
                out.push(Skipped { id: m, failed });
            }
        }
    }

    /// Sends the notices (or vouchers) of a round, each naming `bulletin`, the window
    /// ending with `window`.
    fn offer(
        &mut self,
        picked: &[ApplicationId],
        bulletin: BulletinId,
        at: NaiveDateTime,
        window: Deadline,
    ) {
        let (state, reason) = if self.policy.voucher.is_some() {
            let state = State::VoucherOffered {
                offered_at: at,
                consent_by: window,
                bulletin,
            };
            (state, Reason::VoucherOffered)
        } else {
            let state = State::NoticeSent {
                sent_at: at,
                choose_by: window,
                bulletin: Some(bulletin),
            };
            (state, Reason::NoticeSent)
        };
        for &id in picked {
            let Ok(i) = self.index(id) else { continue };
            let (state, detail) = (state.clone(), Some(Detail::Date(window.last_day)));
            self.commit_state(i, state, at, Actor::Operator, reason, detail);
        }
    }
}

/// Checks a bulletin before it is published.
fn validate(b: &NewBulletin, at: NaiveDateTime) -> Result<(), AllocationError> {
    let invalid = |field, detail| AllocationError::BulletinInvalid { field, detail };
    if b.places == 0 {
        return Err(invalid(
            "places",
            [
                "кемінде бір орын жариялануы керек",
                "нужно опубликовать хотя бы одно место",
                "at least one place must be published",
            ],
        ));
    }
    if b.cohort > at.year() {
        return Err(invalid(
            "cohort",
            [
                "бұл жылы туған балалар жариялаудан кейін туады",
                "дети этого года рождения родятся после публикации",
                "the cohort is born after the publication",
            ],
        ));
    }
    b.kindergarten
        .check()
        .map_err(|(field, detail)| invalid(field, detail))?;
    Ok(())
}
