//! cargo-fuzz target `application`: the body is `kezek_conformance::fuzzing::application`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/application/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::application(data));
