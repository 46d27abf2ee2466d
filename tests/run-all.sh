#!/usr/bin/env bash
# Installs what a fresh machine lacks, then runs every test suite of kezek.
# Called by .ci/run; the README names it as the one test command.
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

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust (rustup) first; this machine kind ships it." >&2
  exit 1
fi
cargo --version
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done
if ! command -v python3 >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 python3-venv
fi

step "rust: format"
cargo fmt --all --check

step "rust: clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "rust: tests"
cargo test --workspace --locked

step "python: cross-checks against the holidays and matching packages"
venv=.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || { apt-get update -qq && apt-get install -y -qq python3-venv && python3 -m venv "$venv"; }
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/crosscheck/requirements.txt
"$venv/bin/python" tests/crosscheck/holidays_kz.py
"$venv/bin/python" tests/crosscheck/matching_da.py --instances 300

step "python: the kezek package (maturin develop, pytest, mypy)"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r bindings-python/requirements-dev.txt
(cd bindings-python && VIRTUAL_ENV="$PWD/../$venv" "../$venv/bin/maturin" develop --release --quiet)
(cd bindings-python && "../$venv/bin/python" -m mypy)
"$venv/bin/python" -m pytest -q bindings-python/tests

step "node: the kezek npm package (wasm-bindgen tests, tsc, node --test, the portal in headless Chromium)"
if ! command -v node >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo clippy --target wasm32-unknown-unknown -p kezek-wasm --all-targets --locked -- -D warnings
bash bindings-wasm/build.sh test

step "fuzz: a short run of every cargo-fuzz target (where nightly Rust is installed)"
# The committed inputs (fuzz/regressions/) are replayed on stable by cargo test above;
# this runs each target 2,000 times more from them, with a fixed seed.
if rustup toolchain list | grep -q '^nightly'; then
  bash scripts/ci/fuzz.sh 2000
else
  echo "no nightly toolchain: the fuzz targets are not run (their inputs were replayed)"
fi

step "mobile: uniffi bindings (Kotlin tests on the JVM, Swift header checks)"
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends default-jdk-headless
fi
command -v gcc >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq gcc; }
bash bindings-mobile/build.sh test
