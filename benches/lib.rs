//! criterion benchmarks of kezek live beside this file (`calendar.rs`, `queue.rs`); run
//! them with `cargo bench -p kezek-benches`. This library holds the synthetic data they
//! share.

use chrono::{Days, NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use kezek::application::{Address, Contacts, Document, GroupType, Language, NewApplication};
use kezek::lifecycle::Engine;
use kezek::{Iin, PolicyBook, Sex, WorkCalendar};

/// A fixed linear congruential walk: reproducible without a random-number crate.
#[derive(Debug, Clone)]
pub struct Walk(u64);

impl Walk {
    /// A walk from a seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x2545_F491_4F6C_DD1D)
    }

    /// The next value below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// `n` synthetic applications registered through 2024, in time order: children born
/// 2020–2023 (distinct IINs), 20 districts of one region, 10% first priority (large
/// families) and 2% out of turn (military), every tenth in Russian. Made-up data shaped like
/// a large city, for speed measurements only.
///
/// # Panics
/// If more applications are asked for than distinct IINs exist (about 29 million).
#[must_use]
pub fn applications(n: usize) -> Vec<(NewApplication, NaiveDateTime)> {
    let first_birth = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(NaiveDateTime::MIN);
    // Registrations spread evenly over the 366 days of 2024.
    let step_ms = 366 * 24 * 3_600_000 / i64::try_from(n.max(1)).unwrap_or(1);
    let mut walk = Walk::new(n as u64);
    let mut out = Vec::with_capacity(n);
    // Births walk the 1,460 days of 2020–2023, then the serials, then the sex, so the four
    // cohorts are equally full.
    let (mut day, mut serial, mut sex) = (0u64, 1u16, Sex::Male);
    while out.len() < n {
        let birth = first_birth + Days::new(day);
        let next = match (day, serial, sex) {
            (1459, 9999, Sex::Male) => (0, 1, Sex::Female),
            (1459, s, x) => (0, s + 1, x),
            (d, s, x) => (d + 1, s, x),
        };
        let made = Iin::from_parts(birth, sex, serial);
        (day, serial, sex) = next;
        let Ok(child) = made else { continue };
        let at = start + TimeDelta::milliseconds(step_ms * i64::try_from(out.len()).unwrap_or(0));
        // Registration moments are kept to the second (`RULES.md §2`).
        let at = at.with_nanosecond(0).unwrap_or(at);
        let roll = walk.below(100);
        let (benefit, documents) = match roll {
            0..=1 => (
                Some("military"),
                vec![doc("service_certificate", at.date())],
            ),
            2..=11 => (
                Some("large_family"),
                vec![doc("large_family_certificate", at.date())],
            ),
            _ => (None, vec![]),
        };
        out.push((
            NewApplication {
                applicant_iin: "900101300017".into(),
                child_iin: child.expose_digits().to_owned(),
                child_birth_date: Some(birth),
                child_sex: child.encoded_sex(),
                address: Address {
                    region: "almaty".into(),
                    district: format!("district-{:02}", walk.below(20)).into(),
                    locality: None,
                },
                group_type: GroupType::General,
                language: if roll % 10 == 0 {
                    Language::Russian
                } else {
                    Language::Kazakh
                },
                benefit: benefit.map(str::to_owned),
                documents,
                non_resident: false,
                contacts: Contacts {
                    email: "parent@mail.kz".into(),
                    phone: "+7 701 000 00 00".into(),
                },
                ranked_choices: Vec::new(),
            },
            at,
        ));
    }
    out
}

/// An engine under the built-in Almaty 2024 policy with `apps` registered.
///
/// # Panics
/// If the policy is missing or an application is refused (the data is made valid).
#[must_use]
pub fn registered(apps: &[(NewApplication, NaiveDateTime)]) -> Engine {
    let policy = PolicyBook::builtin()
        .get("almaty-2024")
        .map_or_else(|e| panic!("{e}"), Clone::clone);
    let mut e = Engine::new(policy, WorkCalendar::kazakhstan()).unwrap_or_else(|e| panic!("{e}"));
    for (app, at) in apps {
        e.register(app.clone(), *at)
            .unwrap_or_else(|err| panic!("{err}"));
    }
    e
}

fn doc(kind: &str, issued_on: NaiveDate) -> Document {
    Document {
        kind: kind.into(),
        issued_on,
        valid_until: None,
    }
}

/// A random matching instance as flat arrays (`offsets`, `choices`, `capacities`, `base`):
/// `n` children each ranking `choices` distinct kindergartens out of `m` (the lower indices
/// a little more popular), capacities 20 ± 5, base ranks a permutation (the queue order).
/// The same shape the side-by-side script `benches/matching_side_by_side.py` builds.
#[must_use]
#[allow(clippy::cast_possible_truncation)] // synthetic sizes far below u32::MAX
pub fn matching_instance(
    n: usize,
    m: usize,
    choices: usize,
    seed: u64,
) -> (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>) {
    let mut walk = Walk::new(seed);
    let m64 = m as u64;
    let mut offsets = Vec::with_capacity(n + 1);
    let mut list = Vec::with_capacity(n * choices);
    offsets.push(0u32);
    for _ in 0..n {
        let start = list.len();
        while list.len() - start < choices.min(m) {
            // The smaller of two draws: popularity falls with the index.
            let k = walk.below(m64).min(walk.below(m64)) as u32;
            if !list[start..].contains(&k) {
                list.push(k);
            }
        }
        offsets.push(u32::try_from(list.len()).unwrap_or(u32::MAX));
    }
    let capacities = (0..m).map(|_| 15 + walk.below(11) as u32).collect();
    let mut base: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        let j = walk.below(i as u64 + 1) as usize;
        base.swap(i, j);
    }
    (offsets, list, capacities, base)
}

/// The process's peak resident memory in MB (Linux `VmHWM`), if readable.
#[must_use]
pub fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The minor page faults of the process so far (Linux, `/proc/self/stat`): fresh memory
/// the system gave. A round's faults are steadier than its time, whose cost per fault
/// moves with the machine's memory state.
#[must_use]
pub fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command's name in parentheses: state is field 3, minflt field 10.
    let after = stat.rsplit_once(')')?.1;
    after.split_whitespace().nth(7)?.parse().ok()
}

/// The median and the best of some runs. This machine is noisy (the same round takes
/// 130–230 ms from one process to the next), and noise only ever adds time: the ratio of
/// the bests is the steadier figure, the ratio of the medians is printed beside it.
///
/// # Panics
/// With no runs.
#[must_use]
pub fn median_and_best(
    mut runs: Vec<std::time::Duration>,
) -> (std::time::Duration, std::time::Duration) {
    runs.sort_unstable();
    (runs[runs.len() / 2], runs[0])
}

/// The baseline of the round benches: the engine's queue keys (queue, class, moment, id)
/// sorted from a shuffled order, five times. How many are queued, in how many queues, and
/// the median and best sort.
///
/// # Panics
/// If the engine cannot answer for its own applications, or the sort differs from the
/// listing.
#[must_use]
#[allow(clippy::cast_possible_truncation)] // class ranks are 0–2; indices fit a usize
pub fn sort_baseline(engine: &Engine) -> (usize, usize, std::time::Duration, std::time::Duration) {
    let keys: Vec<_> = engine.queues().into_iter().cloned().collect();
    let mut sorted: Vec<(u32, u8, i64, u64)> = Vec::new();
    for (q, key) in (0u32..).zip(&keys) {
        for id in engine.listing(key) {
            let order = engine.order_key(id).unwrap_or_else(|e| panic!("{e}"));
            sorted.push((
                q,
                order.class.rank() as u8,
                order.moment.and_utc().timestamp(),
                id.0,
            ));
        }
    }
    let mut walk = Walk::new(11);
    let sort_runs = (0..5)
        .map(|_| {
            let mut keys = sorted.clone();
            for i in (1..keys.len()).rev() {
                keys.swap(i, walk.below(i as u64 + 1) as usize);
            }
            let t = std::time::Instant::now();
            keys.sort_unstable();
            let d = t.elapsed();
            assert_eq!(keys, sorted, "the listing is the sorted queue");
            d
        })
        .collect();
    let (sort, sort_best) = median_and_best(sort_runs);
    (sorted.len(), keys.len(), sort, sort_best)
}

/// Publishes `bulletins` at `at` on each of `copies`, timing each: the times, and the
/// reports of the last.
///
/// # Panics
/// If a publication is refused.
#[must_use]
pub fn publish_timed(
    copies: &mut [Engine],
    bulletins: &[kezek::allocation::NewBulletin],
    at: NaiveDateTime,
) -> (
    Vec<std::time::Duration>,
    Vec<kezek::allocation::RoundReport>,
) {
    let mut last = Vec::new();
    let runs = copies
        .iter_mut()
        .map(|copy| {
            let t = std::time::Instant::now();
            last = copy
                .publish(bulletins, at)
                .unwrap_or_else(|e| panic!("{e}"));
            t.elapsed()
        })
        .collect();
    (runs, last)
}
