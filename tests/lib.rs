//! Helpers shared by the Rust runners of the language-neutral conformance cases under
//! `tests/conformance/` and the property tests.
//!
//! A case file is `{"description": …, "cases": [case…]}`; a case names an `op`, its `args`,
//! and either `expect` (the answer, as JSON) or `error` (the expected error code).

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

/// One conformance case.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// What the case checks.
    pub name: String,
    /// The operation to run.
    pub op: String,
    /// The operation's arguments.
    #[serde(default)]
    pub args: Value,
    /// The expected answer, when the case succeeds.
    #[serde(default)]
    pub expect: Option<Value>,
    /// The expected error code, when the case fails.
    #[serde(default)]
    pub error: Option<String>,
    /// Every other field (mode, patch, data, book, provisional…).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

#[derive(Deserialize)]
struct CaseFile {
    cases: Vec<Case>,
}

/// The folder of the conformance files.
#[must_use]
pub fn conformance_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance")
}

/// Reads the cases of `tests/conformance/<name>`.
///
/// # Panics
/// When the file is missing or malformed: a broken fixture must fail the suite.
#[must_use]
pub fn load_cases(name: &str) -> Vec<Case> {
    let path = conformance_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: CaseFile =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.cases
}

/// Whether `actual` contains `expected`: equal scalars; arrays of the same length whose
/// elements contain the expected ones; objects with every key of `expected` present in
/// `actual` with a contained value.
#[must_use]
pub fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| contains(av, v))),
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len() && a.iter().zip(e).all(|(av, ev)| contains(av, ev))
        }
        _ => actual == expected,
    }
}

/// Runs every case through `run` (which returns the answer or the error code) and reports
/// each mismatch; returns the number of failed cases.
///
/// # Panics
/// As [`load_cases`], and when the file has no case.
pub fn run_cases(file: &str, run: impl Fn(&Case) -> Result<Value, String>) -> usize {
    let cases = load_cases(file);
    assert!(!cases.is_empty(), "{file} has no cases");
    let mut failed = 0;
    for case in &cases {
        let outcome = run(case);
        let ok = match (&outcome, &case.expect, &case.error) {
            (Ok(actual), Some(expected), None) => contains(actual, expected),
            (Err(code), None, Some(expected)) => code == expected,
            _ => false,
        };
        if !ok {
            failed += 1;
            eprintln!(
                "{file}: `{}` ({}): got {outcome:?}, expected {:?} / error {:?}",
                case.name, case.op, case.expect, case.error
            );
        }
    }
    println!("{file}: {} cases, {failed} failed", cases.len());
    failed
}

/// The bodies of the fuzz targets, also replayed on stable (`fuzz_replay.rs`).
#[path = "fuzzing.rs"]
pub mod fuzzing;

/// Builders for the lifecycle scenarios: applications, moments and engines.
pub mod fixture {
    use chrono::{NaiveDate, NaiveDateTime};
    use kezek::application::{Address, Contacts, Document, GroupType, Language, NewApplication};
    use kezek::lifecycle::Engine;
    use kezek::{PolicyBook, WorkCalendar};

    /// A parent's IIN (born 1 January 1990).
    pub const PARENT: &str = "900101300017";
    /// A second parent's IIN (born 2 February 1988).
    pub const OTHER_PARENT: &str = "880202400016";

    /// A moment, Kazakhstan civil time.
    ///
    /// # Panics
    /// On an impossible date or time.
    #[must_use]
    pub fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|day| day.and_hms_opt(h, mi, 0))
            .expect("a real moment")
    }

    /// A day.
    ///
    /// # Panics
    /// On an impossible date.
    #[must_use]
    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
    }

    /// A general-group application for `child` by [`PARENT`] in Kokshetau, Akmola.
    #[must_use]
    pub fn application(child: &str) -> NewApplication {
        NewApplication {
            applicant_iin: PARENT.into(),
            child_iin: child.into(),
            // No register data: the engine reads what the IIN encodes, and says so.
            child_birth_date: None,
            child_sex: None,
            address: Address {
                region: "akmola".into(),
                district: "kokshetau".into(),
                locality: None,
            },
            group_type: GroupType::General,
            language: Language::Kazakh,
            benefit: None,
            documents: vec![],
            non_resident: false,
            contacts: Contacts {
                email: "ana@mail.kz".into(),
                phone: "+7 701 123 45 67".into(),
            },
            ranked_choices: Vec::new(),
        }
    }

    /// The same application with a benefit and its documents.
    #[must_use]
    pub fn with_benefit(
        mut app: NewApplication,
        code: &str,
        documents: Vec<Document>,
    ) -> NewApplication {
        app.benefit = Some(code.into());
        app.documents = documents;
        app
    }

    /// A first-priority application: a large family, its certificate issued in 2023.
    #[must_use]
    pub fn large_family(child: &str) -> NewApplication {
        with_benefit(
            application(child),
            "large_family",
            vec![document("large_family_certificate", day(2023, 1, 1))],
        )
    }

    /// An out-of-turn application: a serviceman's child, the certificate issued on `issued_on`
    /// (it counts for one month).
    #[must_use]
    pub fn military(child: &str, issued_on: NaiveDate) -> NewApplication {
        with_benefit(
            application(child),
            "military",
            vec![document("service_certificate", issued_on)],
        )
    }

    /// A document of `kind` issued on `issued_on`.
    #[must_use]
    pub fn document(kind: &str, issued_on: NaiveDate) -> Document {
        Document {
            kind: kind.into(),
            issued_on,
            valid_until: None,
        }
    }

    /// The live direction of `id`.
    ///
    /// # Panics
    /// When `id` holds no direction.
    #[must_use]
    pub fn direction(
        e: &Engine,
        id: kezek::application::ApplicationId,
    ) -> kezek::lifecycle::Direction {
        match e.state(id).expect("a known application") {
            kezek::lifecycle::State::DirectionIssued(d) => (**d).clone(),
            other => panic!("no direction: {other:?}"),
        }
    }

    /// An engine under the built-in policy `id` and the calendar of Kazakhstan.
    ///
    /// # Panics
    /// When the policy is unknown.
    #[must_use]
    pub fn engine(policy: &str) -> Engine {
        let policy = PolicyBook::builtin()
            .get(policy)
            .expect("a built-in policy")
            .clone();
        Engine::new(policy, WorkCalendar::kazakhstan()).expect("a valid policy")
    }

    /// Akmola's 2024 policy with twins linked as batches (as Astana links them since
    /// 16.10.2019, `RULES.md §4`): the engine random command sequences run on, so that they
    /// reach the batch rules as well as every other rule of a plain region.
    ///
    /// # Panics
    /// Never: the built-in policy is valid (a test would fail first).
    #[must_use]
    pub fn engine_linking_twins() -> Engine {
        let mut policy = engine("akmola-2024").policy().clone();
        policy.twin_batches = true;
        Engine::new(policy, WorkCalendar::kazakhstan()).expect("a valid policy")
    }

    /// `places` general-group places of kindergarten `kg` in Kokshetau for `cohort`.
    #[must_use]
    pub fn bulletin(kg: &str, cohort: i32, places: u32) -> kezek::allocation::NewBulletin {
        kezek::allocation::NewBulletin {
            kindergarten: kezek::allocation::Kindergarten {
                id: kg.into(),
                region: "akmola".into(),
                area: "kokshetau".into(),
                languages: vec![Language::Kazakh, Language::Russian],
                group_types: Vec::new(),
            },
            group_type: GroupType::General,
            cohort,
            places,
        }
    }

    /// The IIN of the `n`-th made-up child born on `born`: serials `3n..3n+3` are tried
    /// (some serials have no check digit), so children of one day never share an IIN.
    ///
    /// # Panics
    /// When none of the three serials has a check digit, or `n > 3000`.
    #[must_use]
    pub fn kid(born: NaiveDate, n: u16) -> String {
        (3 * n..3 * n + 3)
            .find_map(|serial| kezek::Iin::from_parts(born, kezek::Sex::Female, serial).ok())
            .expect("a serial with a check digit")
            .expose_digits()
            .to_owned()
    }

    /// Children's IINs used by the scenarios, with their birth dates.
    pub mod child {
        /// Born 8 March 2021, girl.
        pub const MAR_2021: &str = "210308600403";
        /// Born 15 January 2022, boy.
        pub const JAN_2022: &str = "220115500112";
        /// Twins born 10 June 2022: a boy.
        pub const TWIN_A: &str = "220610500212";
        /// Twins born 10 June 2022: a girl.
        pub const TWIN_B: &str = "220610600229";
        /// A third child born 10 June 2022 (triplets with the twins): a girl.
        pub const TWIN_A_SISTER: &str = "220610602314";
        /// Born 8 March 2017, girl.
        pub const MAR_2017: &str = "170308600314";
        /// Born 1 May 2023, boy.
        pub const MAY_2023: &str = "230501500418";
        /// Born 20 July 2020, girl.
        pub const JUL_2020: &str = "200720600510";
        /// Born 11 September 2021, boy.
        pub const SEP_2021: &str = "210911500613";
        /// Born 4 April 2019, boy.
        pub const APR_2019: &str = "190404500716";
        /// Born 1 March 2022, girl.
        pub const MAR_2022: &str = "220301600813";
        /// Born 25 December 2021, boy.
        pub const DEC_2021: &str = "211225500914";
    }
}

/// One step of a lifecycle scenario (see `tests/conformance/README.md`).
#[derive(Debug, Deserialize)]
pub struct Step {
    /// The operation.
    pub op: String,
    /// Its moment, for commands and time-dependent queries.
    #[serde(default)]
    pub at: Option<chrono::NaiveDateTime>,
    /// Its arguments.
    #[serde(default)]
    pub args: Value,
    /// The expected answer (`null` included), when it succeeds.
    #[serde(default, deserialize_with = "present")]
    pub expect: Option<Value>,
    /// The expected error code, when it fails.
    #[serde(default)]
    pub error: Option<String>,
    /// The expected failed checks of a refused registration, benefit or offer.
    #[serde(default)]
    pub failed: Option<Vec<String>>,
}

/// Keeps an explicit `null` as `Some(Value::Null)`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A lifecycle scenario.
#[derive(Debug, Deserialize)]
pub struct Scenario {
    /// What it checks.
    pub name: String,
    /// The built-in policy id.
    pub policy: String,
    /// Parameters merged over the built-in policy's (`{"ranked_choices": {…}}`), if any.
    #[serde(default)]
    pub policy_changes: Option<Value>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl Scenario {
    /// The scenario's policy: the built-in one, with its `policy_changes` merged over its
    /// parameters.
    ///
    /// # Panics
    /// On a policy id the book does not hold, or changes that make it invalid.
    #[must_use]
    pub fn policy(&self) -> kezek::Policy {
        let policy = kezek::PolicyBook::builtin()
            .get(&self.policy)
            .unwrap_or_else(|e| panic!("{}: {e}", self.policy))
            .clone();
        let Some(Value::Object(changes)) = &self.policy_changes else {
            return policy;
        };
        let mut json = serde_json::to_value(&policy).unwrap_or_else(|e| panic!("{e}"));
        for (k, v) in changes {
            json[k] = v.clone();
        }
        kezek::Policy::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// The scenario files every host runs, in `tests/conformance/scenario-files.json`.
///
/// # Panics
/// When the list cannot be read.
#[must_use]
pub fn scenario_files() -> Vec<String> {
    let path = conformance_dir().join("scenario-files.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_value(list["files"].clone()).unwrap_or_else(|e| panic!("{e}"))
}

/// A scenario file: the default application and the scenarios.
#[derive(Debug, Deserialize)]
pub struct ScenarioFile {
    /// Fields every `register` step starts from.
    pub application: Value,
    /// The scenarios.
    pub scenarios: Vec<Scenario>,
}

/// A step's failure: the error code and, for refusals that list checks, their codes.
pub type StepError = (String, Vec<String>);

/// Runs every scenario of `tests/conformance/<file>`; `new` makes the state of a scenario and
/// `step` runs one step. Returns the number of failed steps.
///
/// # Panics
/// When the file is missing or malformed.
pub fn run_scenarios<S>(
    file: &str,
    new: impl Fn(&Scenario) -> S,
    step: impl Fn(&mut S, &ScenarioFile, &Step) -> Result<Value, StepError>,
) -> usize {
    let path = conformance_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let parsed: ScenarioFile =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut steps, mut failed) = (0, 0);
    for scenario in &parsed.scenarios {
        let mut state = new(scenario);
        for (n, s) in scenario.steps.iter().enumerate() {
            steps += 1;
            let outcome = step(&mut state, &parsed, s);
            let ok = match (&outcome, &s.expect, &s.error) {
                (Ok(actual), Some(expected), None) => contains(actual, expected),
                (Err((code, checks)), None, Some(expected)) => {
                    code == expected && s.failed.as_ref().is_none_or(|f| f == checks)
                }
                _ => false,
            };
            if !ok {
                failed += 1;
                eprintln!(
                    "{file}: `{}` step {} ({}): got {outcome:?}, expected {:?} / error {:?} {:?}",
                    scenario.name,
                    n + 1,
                    s.op,
                    s.expect,
                    s.error,
                    s.failed
                );
            }
        }
    }
    println!(
        "{file}: {} scenarios, {steps} steps, {failed} failed",
        parsed.scenarios.len()
    );
    failed
}

/// Checks an error's contract: messages in the three languages, distinct, English equal to
/// `Display`, and no IIN digits of the fixtures in any of them.
///
/// # Panics
/// When the contract is broken.
pub fn assert_localized(e: &dyn kezek::LocalizedError) {
    use kezek::Lang;
    let [kk, ru, en] = Lang::ALL.map(|l| e.message(l));
    assert!(
        !kk.is_empty() && !ru.is_empty() && !en.is_empty(),
        "{}",
        e.code()
    );
    assert!(
        kk != en && ru != en && kk != ru,
        "{}: {kk} / {ru} / {en}",
        e.code()
    );
    assert_eq!(en, e.to_string(), "Display is the English message");
    for m in [&kk, &ru, &en] {
        for digits in ["2103086004", "90010130001", "88020240001", "2203016008"] {
            assert!(!m.contains(digits), "{} leaks IIN digits: {m}", e.code());
        }
    }
}

/// Asserts what every engine guarantees of its state: the invariants hold, the snapshot
/// loads into an engine that writes it back byte for byte, and (when the engine keeps its
/// log) replaying the log gives the same snapshot.
///
/// # Panics
/// When one of them does not hold.
pub fn assert_round_trips(e: &kezek::Engine) {
    use kezek::Engine;
    e.check_invariants().expect("the invariants hold");
    let json = e.to_json();
    let loaded = Engine::from_json(&json).expect("its snapshot loads");
    assert_eq!(loaded.to_json(), json, "the snapshot round-trips");
    if e.keeps_log() {
        let replayed = Engine::replay(e.policy().clone(), e.log_calendar().clone(), e.log())
            .expect("its log replays");
        assert_eq!(
            replayed.to_json(),
            json,
            "the log replays to the same engine"
        );
    }
}

/// The codes a refusal lists: the failed checks of a refused registration, benefit change
/// or offer (the finer code where one exists, `IIN_CHECKSUM` for a bad IIN), else the
/// error's own code.
#[must_use]
pub fn refusal_codes(e: &kezek::LifecycleError) -> Vec<&'static str> {
    use kezek::{LifecycleError, LocalizedError};
    match e {
        LifecycleError::Registration { failures }
        | LifecycleError::Benefit { failures }
        | LifecycleError::BirthDate { failures } => failures
            .iter()
            .map(kezek::eligibility::Check::reported_code)
            .collect(),
        LifecycleError::NotEligible { failed, .. } => failed.clone(),
        other => vec![other.code().as_str()],
    }
}
