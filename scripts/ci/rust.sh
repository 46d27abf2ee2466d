#!/usr/bin/env bash
# Step 2: formatting, clippy (pedantic, warnings are errors) and cargo test --workspace
# (unit, property, conformance and doc tests; the committed fuzz inputs replayed), then the
# main job (examples/simulate.rs) with replications, then `cargo package -p kezek`.
source "$(dirname "$0")/lib.sh"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
# The main job as the README runs it, with replications: one simulated year, three seeds,
# today's policy against 1:3 interleaving (the paired differences must be printed).
report=$(cargo run --release --locked --example simulate -- --years 1 --seeds 3 --compare interleave=1:3)
printf '%s\n' "$report"
grep -q "interleave=1:3 − .*, seed by seed" <<<"$report"
grep -q -- "--seeds N" <<<"$(cargo run --release --locked --example simulate -- --help)"
# One run's report sets apart the idle places of cohorts born before the run began (it
# holds few of their children): 2020's and 2019's in a run simulated from 2021.
single=$(cargo run -q --release --locked --example simulate -- --years 1 --start 2025 2>/dev/null)
grep -q "of which .* in cohorts born before 2021: the run starts on 2021-01-01" <<<"$single"
# Every example answers --help, and a bad value lists the valid ones.
grep -q "regions: .*astana" <<<"$(cargo run --release --locked --example deadlines -- --help)"
grep -q "Regions: .*akmola" <<<"$(cargo run --release --locked --example deadlines -- --region mars || true)"
# The deadlines example speaks the reader's language (examples/i18n/): in kk and ru, no
# Latin word but kezek's name outside what is for developers (an error's [CODE], a check's
# (CODE, RULES.md §…) and values quoted in backticks) and the list of region codes.
for lang in kk ru; do
  for region in akmola astana mars; do
    out=$(cargo run -q --release --locked --example deadlines -- --lang "$lang" --region "$region" || true)
    left=$(sed -E 's/\[[^]]*\]//g; s/\([A-Z_]+, RULES\.md[^)]*\)//g; s/`[^`]*`//g; s/kezek//g;
                   s/^(Регионы|Өңірлер): .*//' <<<"$out" | grep -oE '[A-Za-z]{2,}' || true)
    [ -z "$left" ] || { echo "deadlines --lang $lang --region $region prints: $left" >&2; exit 1; }
  done
done
grep -q "policies: .*almaty-2024" <<<"$(cargo run --release --locked --example simulate -- --policy almaty 2>&1 || true)"
grep -q "usage: match_instance" <<<"$(cargo run --release --locked --example match_instance -- --help)"
# A reader who stops reading (`| head`) ends an example quietly, as Unix tools do: no
# "failed printing to stdout" panic (exit 101 under pipefail).
for example in "deadlines --lang ru" "simulate --years 1" ; do
  # shellcheck disable=SC2086
  target/release/examples/$example 2>/dev/null | head -n 1 >/dev/null \
    || { echo "examples/$example | head: exit ${PIPESTATUS[0]}" >&2; exit 1; }
done
# The crate as a registry would take it: packaged (its own README, no file from outside
# core/) and the package built on its own.
cargo package -p kezek --locked
