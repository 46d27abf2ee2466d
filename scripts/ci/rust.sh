#!/usr/bin/env bash
# Step 2: formatting, clippy (pedantic, warnings are errors) and cargo test --workspace
# (unit, property, conformance and doc tests; the committed fuzz inputs replayed).
source "$(dirname "$0")/lib.sh"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
