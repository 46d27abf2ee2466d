//! cargo-fuzz target `iin`: the body is `kezek_conformance::fuzzing::iin`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/iin/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::iin(data));
