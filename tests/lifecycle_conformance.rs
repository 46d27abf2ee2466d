//! Runs the scenarios of the files `tests/conformance/scenario-files.json` lists
//! (`lifecycle.json`, `offer_rounds.json`, `refusals.json`, `ranked_choices.json`) against
//! the Rust core.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::application::{ApplicationId, NewApplication};
use kezek::lifecycle::{Engine, LifecycleError, Query, Request};
use kezek::{LocalizedError, WorkCalendar};
use kezek_conformance::{run_scenarios, ScenarioFile, Step, StepError};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn arg<T: DeserializeOwned>(step: &Step, key: &str) -> T {
    serde_json::from_value(step.args[key].clone())
        .unwrap_or_else(|e| panic!("`{}`: argument {key}: {e}", step.op))
}

fn id(step: &Step) -> ApplicationId {
    arg(step, "id")
}

fn at(step: &Step) -> chrono::NaiveDateTime {
    step.at
        .unwrap_or_else(|| panic!("`{}` needs `at`", step.op))
}

fn err(e: &LifecycleError) -> StepError {
    let checks = match e {
        LifecycleError::Registration { failures }
        | LifecycleError::Benefit { failures }
        | LifecycleError::BirthDate { failures } => failures
            .iter()
            .map(|c| c.reported_code().to_string())
            .collect(),
        LifecycleError::NotEligible { failed, .. } => {
            failed.iter().map(|c| (*c).to_owned()).collect()
        }
        _ => Vec::new(),
    };
    (e.code().to_string(), checks)
}

/// The application of a `register` step: the file's defaults with the step's fields over them.
fn new_application(file: &ScenarioFile, step: &Step) -> NewApplication {
    let mut merged = file.application.clone();
    if let (Some(base), Some(over)) = (merged.as_object_mut(), step.args.as_object()) {
        for (k, v) in over {
            base.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(merged).unwrap_or_else(|e| panic!("register: {e}"))
}

/// A command (one of `Request::NAMES`) goes through the one entry, [`Engine::execute`], as
/// a request built from the step (`{"command": op, …args}`; a registration's application
/// is the file's defaults with the step's fields over them).
fn command(e: &mut Engine, file: &ScenarioFile, s: &Step) -> Result<Value, StepError> {
    let mut request = json!({ "command": s.op });
    if s.op == "register" {
        request["application"] = json!(new_application(file, s));
    } else if let Some(args) = s.args.as_object() {
        for (k, v) in args {
            request[k] = v.clone();
        }
    }
    let request = Request::from_value(request).map_err(|x| (x.code().to_string(), Vec::new()))?;
    e.execute(request, at(s))
        .map(|outcome| json!(outcome))
        .map_err(|x| err(&x))
}

/// The queries whose arguments are the step's (and its `at`, for an explanation): each goes
/// through the one entry, [`Engine::ask`], as a query built from the step.
const ASKED: [&str; 15] = [
    "state",
    "position",
    "next_deadline",
    "explain_offer",
    "explain_take_place",
    "explain_registration",
    "bulletin",
    "choices",
    "interest_due",
    "statistics",
    "ranked_choices",
    "kindergartens",
    "verify_round",
    "choice_cutoffs",
    "given_on",
];

fn ask(e: &Engine, file: &ScenarioFile, s: &Step) -> Result<Value, StepError> {
    let mut query = json!({ "query": s.op });
    if s.op == "explain_registration" {
        query["application"] = json!(new_application(file, s));
    } else if let Some(args) = s.args.as_object() {
        for (k, v) in args {
            query[k] = v.clone();
        }
    }
    if s.op.starts_with("explain_") {
        query["at"] = json!(at(s));
    }
    let query = Query::from_value(query).map_err(|x| (x.code().to_string(), Vec::new()))?;
    e.ask(&query)
        .map(|answer| json!(answer))
        .map_err(|x| err(&x))
}

fn step(e: &mut Engine, file: &ScenarioFile, s: &Step) -> Result<Value, StepError> {
    let q = |r: Result<Value, LifecycleError>| r.map_err(|x| err(&x));
    if Request::NAMES.contains(&s.op.as_str()) {
        return command(e, file, s);
    }
    if ASKED.contains(&s.op.as_str()) {
        return ask(e, file, s);
    }
    match s.op.as_str() {
        "listing" => q(e.queue_key(id(s)).map(|k| json!(e.listing(&k)))),
        "history" => q(e
            .history(id(s))
            .map(|h| json!(h.map(|ev| ev.reason.code()).collect::<Vec<_>>()))),
        "child" => q(e.application(id(s)).map(|a| {
            json!({
                "birth_date": a.child_birth_date,
                "sex": a.child_sex,
                "birth_date_source": a.birth_date_source,
                "cohort": a.queue_key().cohort,
            })
        })),
        "open_places" => q(e
            .application(id(s))
            .map(|a| json!(e.open_places(&a.queue_key())))),
        op => panic!("unknown op {op}"),
    }
}

fn engine(sc: &kezek_conformance::Scenario) -> Engine {
    Engine::new(sc.policy(), WorkCalendar::kazakhstan()).expect("a valid policy")
}

/// Every scenario file of `tests/conformance/scenario-files.json`.
#[test]
fn scenarios() {
    let files = kezek_conformance::scenario_files();
    assert!(files.len() >= 4, "{files:?}");
    let failed: usize = files.iter().map(|f| run_scenarios(f, engine, step)).sum();
    assert_eq!(failed, 0);
}
