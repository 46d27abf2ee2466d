//! cargo-fuzz target `sweep`: the body is `kezek_conformance::fuzzing::sweep`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/sweep/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::sweep(data));
