//! Runs `tests/conformance/snapshots.json`: snapshots written by earlier releases load
//! through their migrations, and each migrated engine is the one this release builds by
//! replaying the snapshot's own log (an oracle independent of the migration code).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::lifecycle::Engine;
use kezek::LocalizedError;
use kezek_conformance::conformance_dir;
use serde_json::Value;

fn read(name: &str) -> String {
    std::fs::read_to_string(conformance_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn earlier_snapshots_load_migrated() {
    let file: Value = serde_json::from_str(&read("snapshots.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let loaded = Engine::from_json(&read(case["from"].as_str().unwrap()));
        if let Some(code) = case["error"].as_str() {
            assert_eq!(
                loaded.err().map(|e| e.code().as_str()),
                Some(code),
                "{name}"
            );
            continue;
        }
        let engine = loaded.unwrap_or_else(|e| panic!("{name}: {e}"));
        let written: Value = serde_json::from_str(&engine.to_json()).unwrap();
        let expected: Value =
            serde_json::from_str(&read(case["expect"].as_str().unwrap())).unwrap();
        assert_eq!(written, expected, "{name}");
        let replayed = Engine::replay(
            engine.policy().clone(),
            engine.log_calendar().clone(),
            engine.log(),
        )
        .unwrap();
        assert_eq!(
            replayed.to_json(),
            engine.to_json(),
            "{name}: migrated ≠ replayed"
        );
        kezek_conformance::assert_round_trips(&engine);
    }
}
