"""For analysts: if Almaty adopted 1:3 interleaving, how would the waits of general children change?

Runs the default city (made up, of Almaty's size) under the Almaty policy as it stands
(priority classes served strictly in order) and under the same policy with the 1:3
interleaving of first-priority and general children (``RULES.md §3``, a ``pub-L``
parameter), over several seeds on every core (``simulation.sweep``). Prints, per policy,
the median and 90th-percentile waits of the children placed in the reported years (and the
Kaplan–Meier median, which counts those still waiting), each as a mean over the seeds with
its 95% interval, then the differences paired seed by seed; saves a plot of both.

    python examples/compare_policies.py [--seeds 10] [--years 2] [--per-month N] [--out waits.png]

Needs the ``kezek`` package (``maturin develop`` in bindings-python) with pandas and
matplotlib; tqdm for the progress bar (``--quiet`` to go without). ``--dask ADDRESS`` runs
the seeds on a Dask cluster (``pip install kezek[dask]``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from kezek import simulation  # noqa: E402

# The figures answered, as the core names them (README, "What the simulation's figures mean").
FIGURES = {
    "wait.general.median_days": "general: median wait (placed), days",
    "wait.general.p90_days": "general: 90th percentile wait (placed), days",
    "wait.general.km_median_days": "general: Kaplan–Meier median wait, days",
    "wait.general.placed": "general: children placed",
    "wait.first_priority.median_days": "first priority: median wait (placed), days",
    "wait.out_of_turn.median_days": "out of turn: median wait (placed), days",
}


def study(args: argparse.Namespace) -> simulation.SweepResult:
    city = simulation.default_city_input(2024, years=args.years, seed=args.seed)
    if args.per_month:
        city = city.replace(arrivals={**city.to_dict()["arrivals"], "per_month": args.per_month})
    today = city.policy
    interleaved = today.replace(id=f"{today.id}-interleave-1-3", interleave={"first_priority": 1, "general": 3})
    executor = None
    if args.dask:
        from distributed import Client

        executor = Client(args.dask)
    return simulation.sweep(
        city, policies={"today": today, "1:3": interleaved}, seeds=args.seeds,
        executor=executor, progress=not args.quiet,
    )


def interval(low: Any, high: Any) -> str:
    return "—" if pd.isna(low) or pd.isna(high) else f"[{low:,.1f}, {high:,.1f}]"


def report(r: simulation.SweepResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    means = r.intervals.to_pandas()
    means = means[means["metric"].isin(list(FIGURES))]
    diffs = r.differences.to_pandas()
    diffs = diffs[diffs["metric"].isin(list(FIGURES))]
    level = f"{r.confidence:.0%}"
    print(f"{'figure':<48} {'policy':<6} {'mean':>9} {level + ' interval':>22} {'n':>3}")
    for metric, label in FIGURES.items():
        for row in means[means["metric"] == metric].itertuples():
            print(f"{label:<48} {row.variant:<6} {row.mean:>9,.1f} {interval(row.low, row.high):>22} {row.n:>3}")
    print(f"\n1:3 − today, paired seed by seed ({level} intervals)")
    for metric, label in FIGURES.items():
        for row in diffs[diffs["metric"] == metric].itertuples():
            print(f"{label:<48} {row.difference:>+9,.1f} {interval(row.low, row.high):>22} {row.n:>3}")
    return means, diffs


def plot(r: simulation.SweepResult, means: pd.DataFrame, diffs: pd.DataFrame, out: Path) -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.6))
    shown = ["wait.general.median_days", "wait.general.p90_days", "wait.general.km_median_days"]
    for offset, variant in ((-0.12, "today"), (0.12, "1:3")):
        rows = means[(means["variant"] == variant)].set_index("metric").loc[shown]
        x = [i + offset for i in range(len(shown))]
        left.errorbar(x, rows["mean"], yerr=[rows["mean"] - rows["low"], rows["high"] - rows["mean"]],
                      fmt="o", capsize=4, label=variant)
    left.set_xticks(range(len(shown)), ["median", "90th percentile", "Kaplan–Meier median"])
    left.set_ylabel("days from registration to enrolment")
    left.set_title(f"general children: means over {len(set(r.runs['seed']))} seeds")
    left.legend()
    rows = diffs.set_index("metric").loc[[m for m in FIGURES if m != "wait.general.placed"]]
    y = range(len(rows))
    right.errorbar(rows["difference"], y, xerr=[rows["difference"] - rows["low"], rows["high"] - rows["difference"]],
                   fmt="o", capsize=4)
    right.axvline(0, color="grey", linewidth=0.8)
    right.set_yticks(list(y), [FIGURES[m].replace(", days", "") for m in rows.index], fontsize=8)
    right.set_xlabel("1:3 − today, days (paired by seed)")
    right.set_title(f"differences with {r.confidence:.0%} intervals")
    fig.suptitle("Default city (Almaty-sized, synthetic): 1:3 interleaving against today's policy")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="replications (default 10)")
    parser.add_argument("--seed", type=int, default=7, help="the first seed")
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--per-month", type=int, default=0, help="arrivals per month (default: the city's)")
    parser.add_argument("--out", type=Path, default=Path("waits_by_class.png"))
    parser.add_argument("--dask", default="", help="a Dask scheduler's address (default: this machine's cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args()
    r = study(args)
    means, diffs = report(r)
    plot(r, means, diffs, args.out)
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
