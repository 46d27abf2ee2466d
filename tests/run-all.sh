#!/usr/bin/env bash
# Installs what a fresh machine lacks, then runs every test suite of kezek.
# Called by .ci/run; the README names it as the one test command. Each step is a script of
# its own in scripts/ci/, which can be run alone (e.g. `bash scripts/ci/python.sh`):
# toolchain, rust, python-crosscheck, python, node, fuzz-short, mobile.
#
#   Rust:   formatting, clippy (pedantic, warnings are errors), cargo test --workspace
#           (unit, property, conformance and doc tests)
#   Python: the cross-checks of the built-in calendar against the `holidays` package and
#           of deferred acceptance against the `matching` package; the `kezek` Python
#           package built with maturin, its pytest suite (conformance files, every error
#           code, README examples, matching, the simulator, the analysts' example script)
#           and mypy --strict; NumPy, pandas, tqdm and matplotlib come with the dev pins
#   Node:   clippy of the WASM binding for wasm32; the npm package built by
#           bindings-wasm/build.sh (installs the wasm32 target, wasm-bindgen-cli and
#           TypeScript and playwright-core when missing), its wasm-bindgen tests under
#           Node, tsc on the declarations, the node --test suites (conformance files, every
#           error code, README examples), and the portal widget (examples/portal/) end to
#           end in headless Chromium (Debian's `chromium`, installed with apt when missing)
#   Fuzz:   where nightly Rust is installed, scripts/ci/fuzz.sh runs every cargo-fuzz
#           target 2,000 times with a fixed seed (installs cargo-fuzz when missing)
#   Mobile: bindings-mobile/build.sh (builds the workspace's uniffi-bindgen; installs the
#           Kotlin compiler from npm and JNA from Debian when missing): Kotlin and Swift
#           bindings generated, the Kotlin tests on the JVM, the Swift header compiled with
#           gcc, its symbols checked against the static library, and a C program calling
#           the scaffolding as the Swift code does
set -euo pipefail
cd "$(dirname "$0")/.."

# One clean build per step: incremental caches (1.3 GB on a clean clone) and pip's download
# cache only fill the disk of a CI machine. A developer's own setting wins.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export PIP_NO_CACHE_DIR="${PIP_NO_CACHE_DIR:-1}"

for step in toolchain rust python-crosscheck python node fuzz-short mobile; do
  printf '\n== %s\n' "$step"
  bash "scripts/ci/$step.sh"
done
