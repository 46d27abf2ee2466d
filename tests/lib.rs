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

/// Whether `actual` contains `expected`: equal scalars and arrays, and for objects every
/// key of `expected` present in `actual` with a contained value.
#[must_use]
pub fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| contains(av, v))),
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
