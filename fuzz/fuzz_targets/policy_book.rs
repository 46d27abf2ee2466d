//! cargo-fuzz target `policy_book`: the body is `kezek_conformance::fuzzing::policy_book`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/policy_book/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::policy_book(data));
