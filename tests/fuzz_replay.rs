//! Every input committed under `fuzz/regressions/<target>/` (crashers the fuzz targets
//! found, once fixed, and seeds worth keeping) replayed through the target's body on
//! stable Rust: the test command runs these always; the fuzzing itself needs nightly
//! (`scripts/ci/fuzz.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek_conformance::fuzzing::TARGETS;

#[test]
fn every_committed_fuzz_input_replays() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut replayed = 0;
    for (target, body) in TARGETS {
        let dir = root.join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|f| f.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{target}: no committed input");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| body(&data));
            assert!(outcome.is_ok(), "{} fails", file.display());
            replayed += 1;
        }
    }
    assert!(replayed >= TARGETS.len());
}
