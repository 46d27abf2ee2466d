#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ (nightly Rust; the product builds on stable).
# Installs the nightly toolchain and cargo-fuzz when missing.
#
#   bash scripts/ci/fuzz.sh [RUNS] [TARGET…]    RUNS executions per target (default 10000)
#   SANITIZER=none bash scripts/ci/fuzz.sh …      without AddressSanitizer (5× faster: for
#                                                 long runs; the core forbids unsafe code)
#
# Each target starts from its committed inputs (fuzz/regressions/<target>/) and a corpus
# kept in fuzz/corpus/ (git-ignored), with a fixed seed: the same run finds the same
# things. A crash stops the script; its input is in fuzz/artifacts/<target>/. Fix it, then
# copy the input to fuzz/regressions/<target>/, where `cargo test` replays it on stable.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10000}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^kezek-fuzz$')
fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  cp -n "fuzz/regressions/$t/"* "fuzz/corpus/$t/" 2>/dev/null || true
  echo "== fuzz $t: $runs runs"
  log="fuzz/corpus/$t.log"
  status=0
  cargo +nightly fuzz run -s "${SANITIZER:-address}" "$t" "fuzz/corpus/$t" -- \
    -runs="$runs" -seed=20261205 -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 > "$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|SUMMARY|==[0-9]+== ERROR)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz $t failed; the input is in fuzz/artifacts/$t/" >&2
    exit "$status"
  fi
done
