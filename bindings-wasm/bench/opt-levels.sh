#!/usr/bin/env bash
# Size against speed of the .wasm at opt-level "s" and "z" (Cargo.toml, profile
# wasm-release): builds both into a scratch target dir, prints raw and gzipped sizes, then
# times a simulated year and a 40,000-child matching on each, alternating, and prints ratios.
#
#   bash bindings-wasm/build.sh && bash bindings-wasm/bench/opt-levels.sh   (≈ 3 minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$(dirname "$here")"
export PATH="$HOME/.cargo/bin:$PATH"
scratch="${TMPDIR:-/tmp}/kezek-opt-levels"
for level in s z; do
  CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=$level CARGO_TARGET_DIR="$scratch/target-$level" \
    cargo build -q --profile wasm-release --target wasm32-unknown-unknown -p kezek-wasm
  out="$scratch/$level"
  rm -rf "$out"
  wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir "$out" \
    --out-name kezek_wasm "$scratch/target-$level/wasm32-unknown-unknown/wasm-release/kezek_wasm.wasm"
  cp "$here/js/errors.js" "$here/js/index.js" "$out/"
  echo "opt-level $level: $(stat -c %s "$out/kezek_wasm_bg.wasm") bytes, $(gzip -9 -c "$out/kezek_wasm_bg.wasm" | wc -c) gzipped"
done
node "$here/bench/speed.mjs" "$scratch/s" "$scratch/z"
