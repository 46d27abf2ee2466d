//! criterion benchmarks of kezek live beside this file (`calendar.rs`); run them with
//! `cargo bench -p kezek-benches`. This library target only anchors the package.
