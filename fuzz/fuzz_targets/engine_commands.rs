//! cargo-fuzz target `engine_commands`: the body is `kezek_conformance::fuzzing::engine_commands`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/engine_commands/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::engine_commands(data));
