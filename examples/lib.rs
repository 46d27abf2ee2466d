//! Runnable examples of kezek live beside this file; run one with
//! `cargo run --release --example deadlines`. This library target only anchors the package.
