#!/usr/bin/env bash
# Step 1: the Rust toolchain with rustfmt and clippy, and python3 (installed when missing).
source "$(dirname "$0")/lib.sh"
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
