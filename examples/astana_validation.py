"""Astana from public figures against the published ones: the fit and the validation table.

The built-in Astana input (``simulation.astana_input``; ``RULES.md §11``) takes its
kindergartens and places from published figures; one parameter is fitted: registrations a
month, the rate at which the simulated queue of children aged 2–6 at the end of 2024 is
the published 37,596. This script redoes the fit (a sweep of the rate, interpolated
between the two points around the target) and prints every published figure beside the
simulated one, with 95% intervals over the seeds. ``docs/astana-validation.md`` holds its
output.

    python examples/astana_validation.py [--seeds 10] [--fit-seeds 4]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kezek import simulation

QUEUE_2_6 = 37_596  # aged 2–6, ≈ 2024 (RULES.md §11)
QUEUE_0_6 = 47_899  # aged 0–6, ≈ 2024
PLACES = 24_297  # the 2021 intake by birth year, places a year
APPLICATIONS_A_DAY = 90  # 2017


def fit(seeds: int, rates: list[int]) -> float:
    """The registrations a month at which the queue aged 2–6 at the end of 2024 is the
    published one: linear between the sweep's two points around it."""
    base = simulation.astana_input(2022, years=3, seed=7)
    r = simulation.sweep(base, seeds=seeds, grid={"arrivals.per_month": rates})
    rows = sorted((row["arrivals.per_month"], row["mean"]) for row in _rows(r.intervals.to_dict())
                  if row["metric"] == "queue_at_end.old_enough")
    print(f"fit: queue aged 2–6 at the end of 2024, mean of {seeds} seeds, by registrations a month")
    for rate, queue in rows:
        print(f"  {rate:>6} {queue:>9,.0f}")
    for (r0, q0), (r1, q1) in zip(rows, rows[1:]):
        if q0 <= QUEUE_2_6 <= q1:
            return r0 + (QUEUE_2_6 - q0) * (r1 - r0) / (q1 - q0)
    raise SystemExit(f"the published {QUEUE_2_6} is outside the sweep's range: widen the rates")


def _rows(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(table, values)) for values in zip(*table.values())]


def validate(seeds: int) -> None:
    city = simulation.astana_input(2022, years=3, seed=7)
    data = city.to_dict()
    per_month = data["arrivals"]["per_month"]
    kindergartens = sum(len(d["kindergartens"]) for d in data["city"]["districts"])
    places = sum(i["places"] for d in data["city"]["districts"] for k in d["kindergartens"] for i in k["intake"])
    r = simulation.sweep(city, seeds=seeds)
    means = {row["metric"]: row for row in _rows(r.intervals.to_dict())}

    def sim(metric: str, scale: float = 1.0) -> str:
        row = means[metric]
        return f"{row['mean'] * scale:,.0f} [{row['low'] * scale:,.0f}, {row['high'] * scale:,.0f}]"

    old, young = means["queue_at_end.old_enough"], means["queue_at_end.too_young"]
    total = f"{old['mean'] + young['mean']:,.0f}"
    print(f"\nvalidation: the built-in input, 2022–2024 after four years of warm-up, {seeds} seeds (95% intervals)")
    table = [
        ("figure", "published", "simulated", "how"),
        ("kindergartens", "546 (≈ 2024)", f"{kindergartens}", "input"),
        ("places a year", f"{PLACES:,} (2021 intake)", f"{places:,}", "input"),
        ("registrations a day", f"≈ {APPLICATIONS_A_DAY} (2017)", f"{per_month * 12 / 365.25:.1f}", "fitted (below)"),
        ("queue aged 2–6, end of 2024", f"{QUEUE_2_6:,} (≈ 2024)", sim("queue_at_end.old_enough"), "the fit's target"),
        ("queue aged 0–1, end of 2024", f"{QUEUE_0_6 - QUEUE_2_6:,} (≈ 2024)", sim("queue_at_end.too_young"), "not matched"),
        ("queue aged 0–6, end of 2024", f"{QUEUE_0_6:,} (≈ 2024)", total, "not matched"),
        ("children enrolled a year", f"{PLACES:,} places", sim("wait.placed", 1 / 3), "checked"),
    ]
    width = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, width)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--fit-seeds", type=int, default=4)
    parser.add_argument("--rates", default="2400,2500,2560,2600,2739",
                        help="registrations a month to sweep for the fit")
    args = parser.parse_args()
    rate = fit(args.fit_seeds, [int(x) for x in args.rates.split(",")])
    print(f"fitted: {rate:,.0f} registrations a month ({rate * 12 / 365.25:.1f} a day); "
          f"the built-in input uses {simulation.astana_input(2022).to_dict()['arrivals']['per_month']:,}")
    validate(args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
