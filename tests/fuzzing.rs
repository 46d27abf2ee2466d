//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`, run with cargo-fuzz on
//! nightly) and of their replay on stable (`tests/fuzz_replay.rs` runs every committed input
//! under `fuzz/regressions/<target>/`).
//!
//! Each body takes any bytes and asserts what kezek promises a host: no panic; a refusal is
//! a typed error with a code; a loaded engine keeps its invariants and round-trips byte for
//! byte; a refused command changes nothing; replaying the log gives the same engine.

// Every body panics exactly when a promise breaks: that is the fuzzer's signal.
#![allow(clippy::missing_panics_doc, clippy::expect_used, clippy::unwrap_used)]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use kezek::allocation::BulletinId;
use kezek::application::ApplicationId;
use kezek::lifecycle::Engine;
use kezek::matching::{Instance, Mechanism, TieBreak};
use kezek::LocalizedError;

use crate::fixture;

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target: its name (the file under `fuzz/fuzz_targets/`) and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("iin", iin),
    ("calendar", calendar),
    ("policy_book", policy_book),
    ("application", application),
    ("snapshot", snapshot),
    ("simulation_input", simulation_input),
    ("city_tables", city_tables),
    ("sweep", sweep),
    ("matching", matching),
    ("engine_commands", engine_commands),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A refusal: a report with three messages that serialises as hosts receive it.
fn coded(e: &impl LocalizedError) {
    let report = e.report();
    for lang in kezek::Lang::ALL {
        assert!(!report.messages.get(lang).is_empty(), "{}", report.code);
    }
    serde_json::to_string(&report).expect("a report serialises");
}

/// IIN parsing: valid IINs print masked and parse back to themselves.
pub fn iin(data: &[u8]) {
    let Some(s) = text(data) else { return };
    match kezek::Iin::parse(s) {
        Ok(iin) => {
            let digits = iin.expose_digits().to_owned();
            assert!(!format!("{iin} {iin:?}").contains(&digits));
            assert_eq!(kezek::Iin::parse(&digits).ok(), Some(iin));
        }
        Err(e) => {
            coded(&e);
            // No run of six or more of the input's digits comes back in a message (a count
            // such as "1 character" may equal a short input by chance: the first crasher).
            let digits: Vec<&str> = s
                .split(|c: char| !c.is_ascii_digit())
                .filter(|run| run.len() >= 6)
                .collect();
            for lang in kezek::Lang::ALL {
                let m = e.message(lang);
                assert!(
                    digits.iter().all(|d| !m.contains(d)),
                    "the input is echoed: {m}"
                );
            }
        }
    }
}

/// Calendar data and patches: a calendar that loads answers queries and writes data that
/// loads back the same.
pub fn calendar(data: &[u8]) {
    let Some(s) = text(data) else { return };
    match kezek::WorkCalendar::from_json(s) {
        Ok(cal) => {
            let again =
                kezek::WorkCalendar::from_data(cal.data().clone()).expect("its own data loads");
            assert_eq!(again.data(), cal.data());
            let day = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap_or_default();
            let _ = cal.is_working_day(day);
            let _ = cal.add_working_days(day, 10);
        }
        Err(e) => coded(&e),
    }
    match kezek::calendar::CalendarPatch::from_json(s) {
        Ok(patch) => match kezek::WorkCalendar::kazakhstan().with_patch(patch) {
            Ok(cal) => {
                let _ = cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default());
            }
            Err(e) => coded(&e),
        },
        Err(e) => coded(&e),
    }
}

/// Policy books: a valid book round-trips through JSON.
pub fn policy_book(data: &[u8]) {
    let Some(s) = text(data) else { return };
    match kezek::PolicyBook::from_json(s) {
        Ok(book) => {
            let again = kezek::PolicyBook::from_json(&book.to_json()).expect("its own JSON loads");
            assert_eq!(again.to_json(), book.to_json());
        }
        Err(e) => coded(&e),
    }
}

fn moment(minutes: u32) -> NaiveDateTime {
    fixture::at(2024, 1, 10, 9, 0) + TimeDelta::minutes(i64::from(minutes))
}

/// Application input: registration refuses with a code and changes nothing, or registers.
pub fn application(data: &[u8]) {
    let Ok(input) = serde_json::from_slice::<kezek::application::NewApplication>(data) else {
        return;
    };
    let mut e = fixture::engine("akmola-2024");
    let before = e.to_json();
    match e.register(input, moment(0)) {
        Ok(id) => {
            let _ = e.position(id);
            e.check_invariants()
                .expect("invariants after a registration");
        }
        Err(err) => {
            coded(&err);
            assert_eq!(
                e.to_json(),
                before,
                "a refused registration changed the engine"
            );
        }
    }
}

/// Snapshots: what loads keeps its invariants and writes itself back byte for byte.
pub fn snapshot(data: &[u8]) {
    let Some(s) = text(data) else { return };
    match Engine::from_json(s) {
        Ok(engine) => {
            engine
                .check_invariants()
                .expect("a loaded engine keeps its invariants");
            let json = engine.to_json();
            let again = Engine::from_json(&json).expect("its own snapshot loads");
            assert_eq!(again.to_json(), json);
        }
        Err(e) => coded(&e),
    }
}

/// Simulation inputs: validation answers, and the memory estimate never overflows.
pub fn simulation_input(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data)
        .map_err(|_| ())
        .and_then(|text| kezek::simulation::SimulationInput::from_json(text).map_err(|_| ()))
    else {
        return;
    };
    let _ = input.estimated_memory();
    if let Err(e) = input.validate() {
        coded(&e);
    }
}

/// A city's two CSV tables (the bytes split at the first NUL): read, or refused with a
/// code; a table read back from its own CSV is the same table.
pub fn city_tables(data: &[u8]) {
    use kezek::simulation::{CityTables, Sheet};
    let text = String::from_utf8_lossy(data);
    let (kindergartens, districts) = text.split_once('\0').unwrap_or((&text, ""));
    let sheets = Sheet::from_csv("kindergartens.csv", kindergartens)
        .and_then(|k| Ok((k, Sheet::from_csv("districts.csv", districts)?)));
    let (kindergartens, districts) = match sheets {
        Ok(s) => s,
        Err(e) => return coded(&e),
    };
    for sheet in [&kindergartens, &districts] {
        let again = Sheet::from_csv(&sheet.file, &sheet.to_csv()).expect("its own CSV reads");
        assert_eq!(&again, sheet, "a table read back from its own CSV");
    }
    match (CityTables {
        kindergartens,
        districts,
    })
    .read()
    {
        Ok((districts, _)) => assert!(!districts.is_empty()),
        Err(e) => coded(&e),
    }
}

/// Sweeps as JSON: refused with a code, or planned; a small plan's runs (with made-up
/// outcomes, in reverse) gather into one row per run and metric.
pub fn sweep(data: &[u8]) {
    use kezek::simulation::{RunOutcome, Sweep};
    let Some(text) = text(data) else { return };
    let sweep = match Sweep::from_json(text) {
        Ok(s) => s,
        Err(e) => return coded(&e),
    };
    match sweep.run_count() {
        Ok(n) if n <= 32 => {}
        Ok(_) => return,
        Err(e) => return coded(&e),
    }
    let runs = match sweep.runs() {
        Ok(r) => r,
        Err(e) => return coded(&e),
    };
    let outcomes: Vec<RunOutcome> = runs
        .iter()
        .rev()
        .map(|r| RunOutcome {
            run: r.run,
            variant: r.variant.clone(),
            seed: r.seed,
            point: r.point.clone(),
            metrics: vec![("m".into(), Some(f64::from(r.run)))],
        })
        .collect();
    let result = sweep.collect(outcomes).expect("its own runs gather");
    assert_eq!(result.runs.len(), runs.len());
}

/// Matching instances from small numbers: every mechanism gives a valid matching.
pub fn matching(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let (Ok(children), Ok(kindergartens)) = (u.int_in_range(0..=12_u32), u.int_in_range(0..=6_u32))
    else {
        return;
    };
    let mut preferences = Vec::new();
    for _ in 0..children {
        let len = u.int_in_range(0..=4_u32).unwrap_or(0);
        preferences.push(
            (0..len)
                .map(|_| u.int_in_range(0..=kindergartens).unwrap_or(0))
                .collect(),
        );
    }
    let capacities = (0..kindergartens)
        .map(|_| u.int_in_range(0..=3_u32).unwrap_or(0))
        .collect();
    let base = (0..children)
        .map(|_| u.int_in_range(0..=children).unwrap_or(0))
        .collect();
    let instance = match Instance::new(preferences, capacities, base) {
        Ok(i) => i,
        Err(e) => return coded(&e),
    };
    let priorities: Vec<(u32, u32, u8)> = (0..u.int_in_range(0..=4_u32).unwrap_or(0))
        .map(|_| {
            (
                u.int_in_range(0..=children).unwrap_or(0),
                u.int_in_range(0..=kindergartens).unwrap_or(0),
                u.int_in_range(0..=2_u8).unwrap_or(0),
            )
        })
        .collect();
    let instance = match instance.with_priorities(&priorities) {
        Ok(i) => i,
        Err(e) => return coded(&e),
    };
    let seed = u.arbitrary::<u64>().unwrap_or(0);
    for tie in [
        TieBreak::None,
        TieBreak::Single(seed),
        TieBreak::Multiple(seed),
    ] {
        let ranked = instance.rank(tie);
        for mechanism in [
            Mechanism::DeferredAcceptance,
            Mechanism::SerialDictatorship,
            Mechanism::ImmediateAcceptance,
        ] {
            let m = ranked.solve(mechanism);
            ranked
                .check_valid(&m)
                .expect("a mechanism's matching is valid");
        }
        // Deferred acceptance is stable: no child and kindergarten would both rather.
        let da = ranked.deferred_acceptance();
        assert!(
            ranked.blocking_pairs(&da).is_empty(),
            "deferred acceptance left a blocking pair"
        );
    }
}

/// One command of the structure-aware target: each variant is the `Engine` command of its
/// name, on small ids and kindergartens so that commands meet the same applications.
#[derive(Debug, Arbitrary)]
#[allow(missing_docs)]
pub enum Op {
    Register {
        child: u8,
        minutes: u16,
        /// The register's birth date, in days from 2019-01-01; none: the IIN's.
        born: Option<u16>,
    },
    Notify {
        id: u8,
        vacancies: u8,
    },
    Publish {
        kindergarten: u8,
        cohort: u8,
        places: u8,
    },
    TakePlace {
        id: u8,
        bulletin: u8,
    },
    IssueDirection {
        id: u8,
        kindergarten: u8,
    },
    Revoke {
        id: u8,
    },
    Enroll {
        id: u8,
    },
    Release {
        id: u8,
    },
    Withdraw {
        id: u8,
    },
    ConfirmInterest {
        id: u8,
    },
    LinkBatch {
        a: u8,
        b: u8,
    },
    UnlinkBatch {
        id: u8,
    },
    PatchCalendar {
        which: u8,
    },
    CorrectBirthDate {
        id: u8,
        /// Days from 2019-01-01.
        born: u16,
    },
    Extend {
        id: u8,
        days: u8,
    },
    Advance {
        hours: u16,
    },
    /// A kindergarten for the catalogue: its languages and kinds of group as bit sets, in
    /// Kokshetau or not.
    AddKindergarten {
        kindergarten: u8,
        languages: u8,
        group_types: u8,
        elsewhere: bool,
    },
    ChangeRankedChoices {
        id: u8,
        choices: Vec<u8>,
    },
    /// A registration that ranks kindergartens.
    RegisterRanking {
        child: u8,
        choices: Vec<u8>,
    },
}

const CHILDREN: [&str; 6] = [
    fixture::child::MAR_2021,
    fixture::child::SEP_2021,
    fixture::child::DEC_2021,
    fixture::child::TWIN_A,
    fixture::child::TWIN_B,
    fixture::child::JAN_2022,
];

/// The built-in calendar's data over 2020–2035 only: a patch rebuilds the calendar's day
/// table, and over the built-in 99 years that build was most of each run's time (≈200
/// runs a second instead of ≈2,000). Commands past 2035 meet the span's end
/// (`CALENDAR_OUT_OF_RANGE`, `CALENDAR_DATA_NEEDED`), and a patch of 2036 extends it.
fn short_calendar() -> kezek::WorkCalendar {
    static SHORT: std::sync::OnceLock<kezek::WorkCalendar> = std::sync::OnceLock::new();
    SHORT
        .get_or_init(|| {
            let mut data = kezek::WorkCalendar::kazakhstan().data().clone();
            data.span.first_year = 2020;
            data.span.last_year = 2035;
            data.years.retain(|y, _| (2020..=2035).contains(y));
            kezek::WorkCalendar::from_data(data).expect("the built-in data over 2020–2035")
        })
        .clone()
}

/// Calendar patches the target adds: a new year's transfer, a known year replaced (its
/// deadlines move), a statutory holiday added, years past the span, nothing at all.
const PATCHES: [&str; 6] = [
    r#"{"years": {"2027": {"source": "t", "transfers": [{"from": "2027-01-09", "to": "2027-01-08", "source": "t"}]}}}"#,
    r#"{"years": {"2024": {"source": "t", "transfers": [{"from": "2024-03-02", "to": "2024-03-04", "source": "t"}]}}}"#,
    r#"{"years": {"2025": {"source": "t"}}}"#,
    r#"{"holidays": [{"id": "t", "name": {"kk": "t", "ru": "t", "en": "t"}, "month": 2, "day": 12, "carry_over": true, "source": "t"}]}"#,
    r#"{"years": {"2036": {"source": "t"}}}"#,
    "{}",
];

/// A birth date `days` (up to ≈ 5½ years) after 2019-01-01.
fn register_date(days: u16) -> NaiveDate {
    fixture::day(2019, 1, 1) + TimeDelta::days(i64::from(days % 2000))
}

fn run(e: &mut Engine, op: &Op, t: NaiveDateTime) -> Result<(), kezek::LifecycleError> {
    let app = |id: &u8| ApplicationId(u64::from(*id % 8));
    let kg = |k: &u8| format!("kg-{}", k % 3);
    match op {
        Op::Register { child, born, .. } => {
            let mut input = fixture::application(CHILDREN[usize::from(*child) % CHILDREN.len()]);
            input.child_birth_date = born.map(register_date);
            e.register(input, t).map(|_| ())
        }
        Op::CorrectBirthDate { id, born } => e.correct_birth_date(app(id), register_date(*born), t),
        Op::Notify { id, vacancies } => e.notify(app(id), u32::from(*vacancies % 4), t).map(|_| ()),
        Op::Publish {
            kindergarten,
            cohort,
            places,
        } => e
            .publish(
                &[fixture::bulletin(
                    &kg(kindergarten),
                    2020 + i32::from(cohort % 4),
                    u32::from(*places % 4),
                )],
                t,
            )
            .map(|_| ()),
        Op::TakePlace { id, bulletin } => {
            e.take_place(app(id), BulletinId(u64::from(*bulletin % 5)), t)
        }
        Op::IssueDirection { id, kindergarten } => e.issue_direction(app(id), &kg(kindergarten), t),
        Op::Revoke { id } => e.revoke(app(id), t),
        Op::Enroll { id } => e.enroll(app(id), t),
        Op::Release { id } => e.release(app(id), t),
        Op::Withdraw { id } => e.withdraw(app(id), t),
        Op::ConfirmInterest { id } => e.confirm_interest(app(id), t),
        Op::LinkBatch { a, b } => e.link_batch(&[app(a), app(b)], t),
        Op::UnlinkBatch { id } => e.unlink_batch(app(id), t),
        Op::PatchCalendar { which } => {
            let patch = PATCHES[usize::from(*which) % PATCHES.len()];
            let patch = kezek::calendar::CalendarPatch::from_json(patch).expect("a patch");
            e.patch_calendar(patch, t).map(|_| ())
        }
        Op::Extend { id, days } => e.extend(
            app(id),
            t.date() + TimeDelta::days(i64::from(*days % 20)),
            t,
        ),
        Op::Advance { .. } => e.advance_to(t),
        Op::AddKindergarten {
            kindergarten,
            languages,
            group_types,
            elsewhere,
        } => {
            use kezek::application::{GroupType, Language};
            fn pick<T: Copy>(bits: u8, all: &[T]) -> Vec<T> {
                all.iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, x)| *x)
                    .collect()
            }
            let k = kezek::allocation::Kindergarten {
                id: kg(kindergarten).into(),
                region: "akmola".into(),
                area: if *elsewhere { "zerendi" } else { "kokshetau" }.into(),
                languages: pick(*languages, &Language::ALL),
                group_types: pick(
                    *group_types,
                    &[
                        GroupType::General,
                        GroupType::Special,
                        GroupType::Sanatorium,
                    ],
                ),
            };
            e.add_kindergartens(&[k], t)
        }
        Op::ChangeRankedChoices { id, choices } => {
            let choices: Vec<std::sync::Arc<str>> = choices.iter().map(|c| kg(c).into()).collect();
            e.change_ranked_choices(app(id), &choices, t)
        }
        Op::RegisterRanking { child, choices } => {
            let mut input = fixture::application(CHILDREN[usize::from(*child) % CHILDREN.len()]);
            input.ranked_choices = choices.iter().map(|c| kg(c).into()).collect();
            e.register(input, t).map(|_| ())
        }
    }
}

/// Random command sequences on an engine: after each step the invariants hold, a refusal
/// changed nothing (byte for byte), and the snapshot round-trips; at the end the log
/// replays to the same engine.
pub fn engine_commands(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(ops) = u
        .arbitrary_iter::<(Op, u16)>()
        .and_then(|i| i.take(64).collect::<Result<Vec<_>, _>>())
    else {
        return;
    };
    // Twins linked and kindergartens ranked: every command has its rules in force.
    let mut policy = fixture::engine_linking_twins().policy().clone();
    policy.ranked_choices = Some(kezek::policy::RankedChoices::default());
    let mut e = Engine::new(policy, short_calendar()).expect("an engine");
    // The same commands on an engine that re-places every place given back over the
    // whole pool: the chain over the index of rankers must give the same.
    let mut full = e.clone();
    full.replace_in_full(true);
    let mut t = fixture::at(2024, 1, 8, 9, 0);
    for (op, minutes) in &ops {
        t += TimeDelta::minutes(i64::from(*minutes) * 7);
        // A clone is much cheaper than a snapshot; it is serialised only on a refusal.
        let before = e.clone();
        let outcome = run(&mut e, op, t);
        let in_full = run(&mut full, op, t);
        assert_eq!(
            outcome.as_ref().map_err(kezek::LocalizedError::code),
            in_full.as_ref().map_err(kezek::LocalizedError::code),
            "{op:?}: the chain and the full re-placing answer alike"
        );
        if e.snapshot() != full.snapshot() {
            assert_eq!(
                e.to_json(),
                full.to_json(),
                "{op:?} at {t}: the chain and the full re-placing differ"
            );
        }
        if let Err(index) = e.check_rankers_index() {
            panic!("the index of rankers after {op:?} at {t}: {index}");
        }
        match outcome {
            Ok(()) => {
                if let Err(broken) = e.check_invariants() {
                    panic!(
                        "invariants after {op:?} at {t}: {broken:?}\nhistories: {:#?}",
                        (1..=u64::try_from(e.len()).unwrap_or(u64::MAX))
                            .map(|n| (
                                n,
                                e.history(ApplicationId(n)).map(Iterator::collect::<Vec<_>>)
                            ))
                            .collect::<Vec<_>>()
                    );
                }
            }
            Err(err) => {
                coded(&err);
                // Equal snapshots (a deep comparison) are the cheap path; JSON only to
                // show the difference.
                if e.snapshot() == before.snapshot() {
                    continue;
                }
                assert_eq!(
                    e.to_json(),
                    before.to_json(),
                    "{op:?} was refused ({}) but changed the engine",
                    err.code()
                );
            }
        }
    }
    crate::assert_round_trips(&e);
}
