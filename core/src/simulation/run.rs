//! The day-by-day run: the real [`Engine`] judges every registration, publication and
//! parent action; the simulation only decides, from seeded draws, what parents do and when.

use std::sync::Arc;

use foldhash::HashMap;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::agenda::Agenda;
use super::idle::IdleCounts;
use super::input::{KindergartenSpec, SimulationInput};
use super::summary::months_between;
use super::{Progress, SimulationError};
use crate::allocation::{BulletinId, Kindergarten, NewBulletin};
use crate::application::{
    Address, ApplicationId, Contacts, Document, GroupType, Language, NewApplication,
};
use crate::calendar::WorkCalendar;
use crate::iin::{Iin, Sex};
use crate::lang::LocalizedText;
use crate::lifecycle::Engine;

/// A parent's next step, due on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    /// Choose a place after a notice.
    Choose(ApplicationId),
    /// Bring the child: enrolment.
    Enroll(ApplicationId),
    /// Extend the direction, then bring the child on the day given.
    Extend(ApplicationId, NaiveDate),
    /// Revoke the direction.
    Revoke(ApplicationId),
    /// Confirm the out-of-turn right in person.
    ConfirmRight(ApplicationId),
    /// Confirm interest before an anniversary.
    ConfirmInterest(ApplicationId),
    /// Refuse the voucher offered (`RULES.md §8`).
    RefuseVoucher(ApplicationId),
    /// Confirm the voucher offered.
    ConfirmVoucher(ApplicationId),
    /// Sign a contract with a kindergarten of the voucher's pool.
    SignContract(ApplicationId),
    /// Restore the application after the voucher lapsed.
    Restore(ApplicationId),
    /// Renew the benefit's documents, which ended.
    Renew(ApplicationId),
}

impl Action {
    /// The application the action is for.
    pub(super) fn id(self) -> ApplicationId {
        match self {
            Action::Choose(id)
            | Action::Enroll(id)
            | Action::Extend(id, _)
            | Action::Revoke(id)
            | Action::Renew(id)
            | Action::ConfirmRight(id)
            | Action::ConfirmInterest(id)
            | Action::RefuseVoucher(id)
            | Action::ConfirmVoucher(id)
            | Action::SignContract(id)
            | Action::Restore(id) => id,
        }
    }
}

/// What the simulation knows of a child beside the engine.
#[derive(Debug, Clone)]
pub(super) struct Child {
    pub(super) language: Language,
    pub(super) age_months: u32,
    pub(super) pool: u32,
    /// Whether its parent renews its benefit's documents when they end (drawn once, when
    /// they first would).
    pub(super) renews: bool,
}

/// A queue with its members (for free-choice draws).
#[derive(Debug, Default)]
pub(super) struct Pool {
    pub(super) members: Vec<ApplicationId>,
    /// Draws that found a member no longer waiting since the last compaction.
    pub(super) stale: usize,
    /// A bulletin published for it, if any: reaches its pool on the board without
    /// hashing the queue's key.
    pub(super) bulletin: Option<BulletinId>,
    /// Its open places by the kindergartens' languages (a set of [`language_bit`]s each),
    /// as of the pool's count of changes: read again only when its places changed.
    pub(super) open_by_languages: Option<(u64, [u32; 8])>,
}

pub(super) struct Run<'a> {
    pub(super) input: &'a SimulationInput,
    pub(super) engine: Engine,
    pub(super) rng: ChaCha8Rng,
    pub(super) children: Vec<Child>,
    pub(super) agenda: Agenda<Action>,
    pub(super) pools: Vec<Pool>,
    /// The pool of each queue, by district index, group type and cohort.
    pool_of: HashMap<(usize, GroupType, i32), u32>,
    /// The languages of each bulletin's kindergarten, by bulletin index, as a set of
    /// [`language_bit`]s: a parent who prefers a language looks through them all.
    pub(super) languages: Vec<u8>,
    /// The last IIN serial given per birth date, by days from the common era (a dense
    /// array: a hash map of birth dates cost a cache miss per registration).
    serials: Vec<u16>,
    /// The arrivals' draw weights, computed once: districts, languages, group types.
    weights: [Vec<f64>; 3],
    /// The texts every application shares.
    pub(super) texts: Texts,
    /// Per day: places published, and places open to free choice at the day's end.
    pub(super) published: Vec<u32>,
    pub(super) idle: Vec<u32>,
    /// Idle place-days of the reported days, by pool and by the kindergartens' languages.
    pub(super) idle_counts: IdleCounts,
    /// Each pool's district (by index), group type and cohort.
    pub(super) pool_keys: Vec<(usize, GroupType, i32)>,
}

/// The region, district names and contacts of the city's applications, and the ids of
/// its kindergartens by district, made once.
pub(super) struct Texts {
    region: Arc<str>,
    pub(super) districts: Vec<Arc<str>>,
    email: Arc<str>,
    phone: Arc<str>,
    pub(super) kindergartens: Vec<Vec<Arc<str>>>,
}

pub(super) fn at(day: NaiveDate, hour: u32, seconds: u32) -> NaiveDateTime {
    let secs = hour * 3600 + seconds;
    // Within the day (always, unless a day has tens of thousands of actions) no date
    // arithmetic is needed: every action of a run is stamped here.
    match NaiveTime::from_num_seconds_from_midnight_opt(secs, 0) {
        Some(time) => day.and_time(time),
        None => day.and_time(NaiveTime::MIN) + chrono::TimeDelta::seconds(i64::from(secs)),
    }
}

/// Draws an index from weights (validated: finite, none negative, one positive).
pub(super) fn pick(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = unit(rng) * total;
    for (i, &w) in weights.iter().enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    weights.iter().rposition(|&w| w > 0.0).unwrap_or(0)
}

/// A uniform draw in [0, 1).
pub(super) fn unit(rng: &mut ChaCha8Rng) -> f64 {
    #[allow(clippy::cast_precision_loss)] // 53 bits are exact
    let x = (rng.next_u64() >> 11) as f64;
    x / 9_007_199_254_740_992.0 // 2⁵³
}

pub(super) fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    unit(rng) < p
}

pub(super) fn below(rng: &mut ChaCha8Rng, n: u32) -> u32 {
    #[allow(clippy::cast_possible_truncation)] // < n
    let x = ((u64::from(rng.next_u32()) * u64::from(n)) >> 32) as u32;
    x
}

impl<'a> Run<'a> {
    pub(super) fn new(
        input: &'a SimulationInput,
        calendar: WorkCalendar,
        first: NaiveDate,
    ) -> Result<Self, SimulationError> {
        Ok(Self {
            input,
            // A simulation never replays: its engine keeps no log.
            engine: Engine::new(input.policy.clone(), calendar)?.without_log(),
            rng: ChaCha8Rng::seed_from_u64(input.seed),
            children: Vec::new(),
            agenda: Agenda::new(first),
            pools: Vec::new(),
            pool_of: HashMap::default(),
            languages: Vec::new(),
            serials: Vec::new(),
            texts: Texts {
                region: input.city.region.as_str().into(),
                districts: input
                    .city
                    .districts
                    .iter()
                    .map(|d| d.name.as_str().into())
                    .collect(),
                email: "parent@example.kz".into(),
                phone: "+77010000000".into(),
                kindergartens: input
                    .city
                    .districts
                    .iter()
                    .map(|d| {
                        d.kindergartens
                            .iter()
                            .map(|k| k.id.as_str().into())
                            .collect()
                    })
                    .collect(),
            },
            weights: [
                input
                    .city
                    .districts
                    .iter()
                    .map(|d| d.births_weight)
                    .collect(),
                shares(&input.arrivals.languages),
                shares(&input.arrivals.group_types),
            ],
            published: Vec::new(),
            idle: Vec::new(),
            idle_counts: IdleCounts::default(),
            pool_keys: Vec::new(),
        })
    }

    /// Runs every day from `start` to `end` included.
    pub(super) fn days(
        &mut self,
        start: NaiveDate,
        end: NaiveDate,
        mut progress: Option<&mut dyn FnMut(&Progress)>,
    ) -> Result<(), SimulationError> {
        let total = u32::try_from((end - start).num_days() + 1).unwrap_or(u32::MAX);
        // Every month brings `per_month` children: room for all of them at once.
        let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let months = month(end) - month(start) + 1;
        let arrivals = usize::try_from(months).unwrap_or(0)
            * usize::try_from(self.input.arrivals.per_month).unwrap_or(0);
        // Within the budget validated: a refusal here only means growing step by step.
        let _ = self.engine.reserve(arrivals);
        self.children.reserve(arrivals);
        for (n, day) in start.iter_days().take_while(|d| *d <= end).enumerate() {
            self.engine.advance_to(at(day, 8, 0))?;
            // Directions that lapsed overnight gave their places on.
            self.given_on(day)?;
            self.register_arrivals(day)?;
            let published = self.publish(day)?;
            let working = self.engine.calendar().is_working_day(day)?;
            let vouchers = self.input.policy.voucher.is_some();
            if working && vouchers {
                self.distribute(day)?;
            }
            self.act(day)?;
            // Voucher regions have no free choice: places given back go to the next
            // distribution (`RULES.md §8`).
            if working && !vouchers {
                self.free_choice(day)?;
            }
            self.published.push(published);
            let idle = self.pools_open(day >= self.input.start);
            self.idle.push(idle);
            if let Some(report) = progress.as_mut() {
                report(&Progress {
                    day: u32::try_from(n + 1).unwrap_or(u32::MAX),
                    days: total,
                    date: day,
                });
            }
        }
        self.engine.advance_to(at(end, 23, 3599))?;
        Ok(())
    }

    pub(super) fn later(
        &self,
        day: NaiveDate,
        working_days: usize,
    ) -> Result<NaiveDate, SimulationError> {
        let n = u32::try_from(working_days).unwrap_or(u32::MAX);
        Ok(self.engine.calendar().add_working_days(day, n)?)
    }

    /// The day's registrations: the month's count spread evenly over its days.
    fn register_arrivals(&mut self, day: NaiveDate) -> Result<(), SimulationError> {
        let month_days = days_in_month(day);
        let per_month = u64::from(self.input.arrivals.per_month);
        let k = u64::from(day.day0());
        let today = (k + 1) * per_month / month_days - k * per_month / month_days;
        for s in 0..today {
            self.register_one(day, u32::try_from(s).unwrap_or(0))?;
        }
        Ok(())
    }

    fn register_one(&mut self, day: NaiveDate, s: u32) -> Result<(), SimulationError> {
        let input = self.input;
        let a = &input.arrivals;
        let [districts, languages, group_types] = &self.weights;
        let district = pick(&mut self.rng, districts);
        let months = u32::try_from(pick(&mut self.rng, &a.age_months_weights)).unwrap_or(0);
        let back = u64::from(months * 30 + below(&mut self.rng, 30));
        let born = day.checked_sub_days(Days::new(back)).unwrap_or(day);
        let language = a.languages[pick(&mut self.rng, languages)].value;
        let group_type = if a.group_types.is_empty() {
            GroupType::General
        } else {
            a.group_types[pick(&mut self.rng, group_types)].value
        };
        let mut x = unit(&mut self.rng);
        let benefit = a.benefits.iter().find_map(|s| {
            x -= s.share;
            (x < 0.0).then(|| s.value.clone())
        });
        let mut documents: Vec<Document> = benefit
            .iter()
            .flat_map(|code| {
                input
                    .policy
                    .benefit(code)
                    .map(|c| c.documents.clone())
                    .unwrap_or_default()
            })
            .map(|kind| Document {
                kind,
                issued_on: day,
                valid_until: None,
            })
            .collect();
        if let Some(kind) = group_type.required_document() {
            documents.push(Document {
                kind: kind.into(),
                issued_on: day,
                valid_until: None,
            });
        }
        let sex = if chance(&mut self.rng, 0.5) {
            Sex::Male
        } else {
            Sex::Female
        };
        let child = self.iin(born, sex)?;
        let parent_back =
            u64::from(365 * (22 + below(&mut self.rng, 18)) + below(&mut self.rng, 365));
        let parent_born = born
            .checked_sub_days(Days::new(parent_back))
            .unwrap_or(born);
        let parent = self.iin(parent_born, Sex::Female)?;
        let ranked_choices = self.rank(district, group_type, language);
        let id = self.engine.register(
            NewApplication {
                applicant_iin: parent.expose_digits().to_owned(),
                child_iin: child.expose_digits().to_owned(),
                // The register's date and sex, as a portal passes them.
                child_birth_date: Some(born),
                child_sex: Some(sex),
                // Shared texts: the children of a district share its names.
                address: Address {
                    region: Arc::clone(&self.texts.region),
                    district: Arc::clone(&self.texts.districts[district]),
                    locality: None,
                },
                group_type,
                language,
                benefit,
                documents,
                non_resident: false,
                contacts: Contacts {
                    email: Arc::clone(&self.texts.email),
                    phone: Arc::clone(&self.texts.phone),
                },
                ranked_choices,
            },
            at(day, 9, s),
        )?;
        let pool = self.pool(district, group_type, born.year());
        self.pools[pool as usize].members.push(id);
        self.children.push(Child {
            language,
            age_months: months_between(born, day),
            pool,
            renews: false,
        });
        self.plan_interest(id);
        self.plan_renewal(id, day, true);
        Ok(())
    }

    /// A made-up IIN for a birth date: the next serial of that day with a check digit.
    fn iin(&mut self, born: NaiveDate, sex: Sex) -> Result<Iin, SimulationError> {
        let day = usize::try_from(born.num_days_from_ce()).unwrap_or(0);
        if day >= self.serials.len() {
            self.serials.resize(day + 1, 0);
        }
        let serial = &mut self.serials[day];
        while *serial < 9999 {
            *serial += 1;
            if let Ok(iin) = Iin::from_parts(born, sex, *serial) {
                return Ok(iin);
            }
        }
        Err(SimulationError::Input {
            field: "arrivals.per_month".into(),
            detail: Box::new(LocalizedText::new(
                format!(
                    "{} күні 9999-дан астам адам туды: ЖСН реттік нөмірлері таусылды",
                    crate::people::date(born)
                ),
                format!(
                    "{} родилось больше 9999 человек: порядковые номера ИИН исчерпаны",
                    crate::people::date(born)
                ),
                format!("more than 9,999 people born on {born}: IIN serials run out"),
            )),
        })
    }

    /// The pool of the queue of `district`'s children of `cohort` in groups of
    /// `group_type`.
    fn pool(&mut self, district: usize, group_type: GroupType, cohort: i32) -> u32 {
        if let Some(&p) = self.pool_of.get(&(district, group_type, cohort)) {
            return p;
        }
        let p = u32::try_from(self.pools.len()).unwrap_or(u32::MAX);
        self.pools.push(Pool::default());
        self.pool_keys.push((district, group_type, cohort));
        self.pool_of.insert((district, group_type, cohort), p);
        p
    }

    /// Plans the next confirmation of interest (`RULES.md §2`): within the month before
    /// the anniversary, if the parent confirms at all.
    pub(super) fn plan_interest(&mut self, id: ApplicationId) {
        if !chance(&mut self.rng, self.input.behaviour.confirms_interest) {
            return;
        }
        // The anniversaries count from the day of registration.
        let (Ok(interest), Ok(app)) = (self.engine.interest(id), self.engine.application(id))
        else {
            return;
        };
        let registered = app.registered_at.date();
        // Once confirmed, the next confirmation is for the anniversary after.
        let years = interest.anniversary + u32::from(interest.confirmed);
        let Some(anniversary) = registered.checked_add_months(chrono::Months::new(12 * years))
        else {
            return;
        };
        let early = u64::from(1 + below(&mut self.rng, 25));
        let day = anniversary
            .checked_sub_days(Days::new(early))
            .unwrap_or(anniversary);
        self.agenda.plan(day, Action::ConfirmInterest(id));
    }

    /// Publishes a wave's places: its share of each kindergarten's yearly intake.
    fn publish(&mut self, day: NaiveDate) -> Result<u32, SimulationError> {
        let share: f64 = self
            .input
            .turnover
            .waves
            .iter()
            .filter(|w| wave_day(w.month, w.day, day.year(), &self.input.policy) == Some(day))
            .map(|w| w.share)
            .sum();
        if share <= 0.0 {
            return Ok(0);
        }
        let mut bulletins = Vec::new();
        let mut districts = Vec::new();
        for (i, d) in self.input.city.districts.iter().enumerate() {
            for (k, id) in d.kindergartens.iter().zip(&self.texts.kindergartens[i]) {
                bulletins.extend(self.bulletins_of(k, id, &d.name, day.year(), share));
                districts.resize(bulletins.len(), i);
            }
        }
        let places = bulletins.iter().map(|b| b.places).sum();
        let reports = self.engine.publish(&bulletins, at(day, 10, 0))?;
        let firsts = self.engine.bulletins().len() - bulletins.len();
        let added: Vec<(BulletinId, u8, GroupType, i32)> = self.engine.bulletins()[firsts..]
            .iter()
            .map(|b| {
                let languages = b.kindergarten.languages.iter().copied().map(language_bit);
                (
                    b.id,
                    languages.fold(0, |set, bit| set | bit),
                    b.group_type,
                    b.cohort,
                )
            })
            .collect();
        for ((id, languages, group_type, cohort), district) in added.into_iter().zip(districts) {
            self.languages.push(languages);
            let p = self.pool(district, group_type, cohort);
            self.pools[p as usize].bulletin.get_or_insert(id);
        }
        self.offered(&reports, day)?;
        Ok(places)
    }

    fn bulletins_of(
        &self,
        k: &KindergartenSpec,
        id: &Arc<str>,
        area: &str,
        year: i32,
        share: f64,
    ) -> Vec<NewBulletin> {
        k.intake
            .iter()
            .filter_map(|i| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let places = (f64::from(i.places) * share).round() as u32;
                (places > 0).then(|| NewBulletin {
                    kindergarten: Kindergarten {
                        id: Arc::clone(id),
                        region: self.input.city.region.clone(),
                        area: area.to_owned(),
                        languages: k.languages.clone(),
                        group_types: Vec::new(),
                    },
                    group_type: k.group_type,
                    cohort: year - i32::try_from(i.age).unwrap_or(0),
                    places,
                })
            })
            .collect()
    }
}

fn shares<T>(s: &[super::input::Share<T>]) -> Vec<f64> {
    s.iter().map(|s| s.share).collect()
}

/// The languages of bulletin `b`'s kindergarten, a set of [`language_bit`]s, from
/// `languages` (by bulletin index); none for a bulletin it does not know.
pub(super) fn languages_of(languages: &[u8], b: BulletinId) -> u8 {
    usize::try_from(b.0)
        .ok()
        .and_then(|i| languages.get(i.checked_sub(1)?))
        .copied()
        .unwrap_or(0)
}

/// A language as one bit of a set of languages.
pub(super) fn language_bit(language: Language) -> u8 {
    match language {
        Language::Kazakh => 1,
        Language::Russian => 2,
        Language::Other => 4,
    }
}

fn days_in_month(day: NaiveDate) -> u64 {
    let first = day.with_day(1).unwrap_or(day);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    u64::try_from((next - first).num_days()).unwrap_or(30)
}

/// The day a wave publishes in `year`: its own, or the first day after the policy's
/// August freeze when it falls inside (`RULES.md §9`).
fn wave_day(month: u32, day: u32, year: i32, policy: &crate::policy::Policy) -> Option<NaiveDate> {
    let mut date = NaiveDate::from_ymd_opt(year, month, day)?;
    while policy.is_frozen(date) {
        date = date.succ_opt()?;
    }
    Some(date)
}
