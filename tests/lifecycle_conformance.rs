//! Runs the scenarios of `tests/conformance/lifecycle.json`, `offer_rounds.json` and
//! `refusals.json` against the Rust core.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use chrono::NaiveDate;
use kezek::allocation::{BulletinId, NewBulletin};
use kezek::application::{ApplicationId, Document, NewApplication};
use kezek::lifecycle::{Engine, LifecycleError};
use kezek::{LocalizedError, PolicyBook, WorkCalendar};
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

fn bulletin(step: &Step) -> BulletinId {
    arg(step, "bulletin")
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
            .map(|c| c.reported_code().to_owned())
            .collect(),
        LifecycleError::NotEligible { failed, .. } => {
            failed.iter().map(|c| (*c).to_owned()).collect()
        }
        _ => Vec::new(),
    };
    (e.code().to_owned(), checks)
}

fn done(r: Result<(), LifecycleError>) -> Result<Value, StepError> {
    r.map(|()| Value::Null).map_err(|e| err(&e))
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

fn decision(d: &kezek::eligibility::Decision) -> Value {
    json!({"allowed": d.allowed(), "failed": d.failed_codes()})
}

fn step(e: &mut Engine, file: &ScenarioFile, s: &Step) -> Result<Value, StepError> {
    let q = |r: Result<Value, LifecycleError>| r.map_err(|x| err(&x));
    match s.op.as_str() {
        "register" => q(e
            .register(new_application(file, s), at(s))
            .map(|id| json!(id))),
        "notify" => q(e
            .notify(id(s), arg(s, "vacancies"), at(s))
            .map(|ids| json!(ids))),
        "issue_direction" => {
            done(e.issue_direction(id(s), &arg::<String>(s, "kindergarten"), at(s)))
        }
        "revoke" => done(e.revoke(id(s), at(s))),
        "extend" => done(e.extend(id(s), arg::<NaiveDate>(s, "until"), at(s))),
        "correct_birth_date" => {
            done(e.correct_birth_date(id(s), arg::<NaiveDate>(s, "birth_date"), at(s)))
        }
        "confirm_right" => done(e.confirm_right(id(s), at(s))),
        "enroll" => done(e.enroll(id(s), at(s))),
        "release" => done(e.release(id(s), at(s))),
        "withdraw" => done(e.withdraw(id(s), at(s))),
        "confirm_interest" => done(e.confirm_interest(id(s), at(s))),
        "link_applicant" => {
            done(e.link_applicant(id(s), &arg::<String>(s, "applicant_iin"), at(s)))
        }
        "link_batch" => done(e.link_batch(&arg::<Vec<ApplicationId>>(s, "ids"), at(s))),
        "unlink_batch" => done(e.unlink_batch(id(s), at(s))),
        "patch_calendar" => q(e
            .patch_calendar(arg(s, "patch"), at(s))
            .map(|ids| json!(ids))),
        "update_benefit" => {
            let benefit: Option<String> = arg(s, "benefit");
            let documents: Vec<Document> = arg(s, "documents");
            done(e.update_benefit(id(s), benefit.as_deref(), &documents, at(s)))
        }
        "advance_to" => done(e.advance_to(at(s))),
        "state" => q(e.state(id(s)).map(|st| json!(st))),
        "position" => q(e.position(id(s)).map(|p| json!(p))),
        "listing" => q(e
            .application(id(s))
            .map(|a| json!(e.listing(&a.queue_key())))),
        "history" => q(e
            .history(id(s))
            .map(|h| json!(h.map(|ev| ev.reason.code()).collect::<Vec<_>>()))),
        "next_deadline" => q(e.next_deadline(id(s)).map(|d| match d {
            Some((t, kind)) => json!({"at": t, "kind": kind}),
            None => Value::Null,
        })),
        "explain_offer" => q(e
            .explain_offer(id(s), arg(s, "vacancies"), at(s))
            .map(|d| decision(&d))),
        "explain_registration" => Ok(decision(
            &e.explain_registration(&new_application(file, s), at(s)),
        )),
        "publish" => q(e
            .publish(&arg::<Vec<NewBulletin>>(s, "bulletins"), at(s))
            .map(|r| json!(r))),
        "offer_round" => q(e.offer_round(bulletin(s), at(s)).map(|r| json!(r))),
        "distribute" => q(e.distribute(at(s)).map(|r| json!(r))),
        "take_place" => done(e.take_place(id(s), bulletin(s), at(s))),
        "confirm_voucher" => done(e.confirm_voucher(id(s), at(s))),
        "refuse_voucher" => done(e.refuse_voucher(id(s), at(s))),
        "restore" => done(e.restore(id(s), at(s))),
        "sign_contract" => done(e.sign_contract(id(s), bulletin(s), at(s))),
        "join_waiting_list" => {
            done(e.join_waiting_list(id(s), &arg::<String>(s, "kindergarten"), at(s)))
        }
        "bulletin" => q(e.bulletin(bulletin(s)).map(|b| json!(b))),
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
    let policy = PolicyBook::builtin()
        .get(&sc.policy)
        .expect("a built-in policy")
        .clone();
    Engine::new(policy, WorkCalendar::kazakhstan()).expect("a valid policy")
}

#[test]
fn offer_round_scenarios() {
    assert_eq!(run_scenarios("offer_rounds.json", engine, step), 0);
}

#[test]
fn refusal_scenarios() {
    assert_eq!(run_scenarios("refusals.json", engine, step), 0);
}

#[test]
fn lifecycle_scenarios() {
    let failed = run_scenarios(
        "lifecycle.json",
        |sc| {
            let policy = PolicyBook::builtin()
                .get(&sc.policy)
                .expect("a built-in policy")
                .clone();
            Engine::new(policy, WorkCalendar::kazakhstan()).expect("a valid policy")
        },
        step,
    );
    assert_eq!(failed, 0);
}
