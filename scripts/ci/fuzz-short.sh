#!/usr/bin/env bash
# Step 6: where nightly Rust is installed, every cargo-fuzz target 2,000 times from its
# committed inputs with a fixed seed (scripts/ci/fuzz.sh). The committed inputs are
# replayed on stable by the Rust step in any case.
source "$(dirname "$0")/lib.sh"
if rustup toolchain list | grep -q '^nightly'; then
  bash scripts/ci/fuzz.sh 2000
else
  echo "no nightly toolchain: the fuzz targets are not run (their inputs were replayed)"
fi
