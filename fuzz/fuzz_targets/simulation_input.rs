//! cargo-fuzz target `simulation_input`: the body is `kezek_conformance::fuzzing::simulation_input`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/simulation_input/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::simulation_input(data));
