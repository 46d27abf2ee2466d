//! cargo-fuzz target `city_tables`: the body is `kezek_conformance::fuzzing::city_tables`, which the
//! stable test `tests/fuzz_replay.rs` also runs on every input committed under
//! `fuzz/regressions/city_tables/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kezek_conformance::fuzzing::city_tables(data));
