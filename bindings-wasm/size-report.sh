#!/usr/bin/env bash
# What the npm package's .wasm is made of: builds it as build.sh does, keeps the function
# names this time (build.sh strips them), and groups twiggy's per-function sizes by origin.
#
#   bash bindings-wasm/size-report.sh      (installs twiggy 0.8.0 with cargo when missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$(dirname "$here")"
export PATH="$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null 2>&1 || cargo install twiggy --version 0.8.0

cargo build -q --profile wasm-release --target wasm32-unknown-unknown -p kezek-wasm
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
wasm-bindgen --target web --out-dir "$out" --out-name kezek_wasm \
  target/wasm32-unknown-unknown/wasm-release/kezek_wasm.wasm
twiggy top -n 1000000 -f csv "$out/kezek_wasm_bg.wasm" > "$out/top.csv"
node "$here/size-report.mjs" "$out/top.csv"
