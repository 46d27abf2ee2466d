//! cargo-fuzz target `matching`: the body is `kezek_conformance::fuzzing::matching`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/matching/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::matching(data));
