//! cargo-fuzz target `calendar`: the body is `kezek_conformance::fuzzing::calendar`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/calendar/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::calendar(data));
