//! cargo-fuzz target `snapshot`: the body is `kezek_conformance::fuzzing::snapshot`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/snapshot/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::snapshot(data));
