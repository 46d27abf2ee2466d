"""For analysts: two policies on the default city, same seed, side by side.

Runs the default city (made up, of Almaty's size) under the Almaty policy as it stands
(priority classes served strictly in order) and under a variant with the 1:3 interleaving
of first-priority and general children (``RULES.md §3``, a ``pub-L`` parameter), prints
the metrics that differ, and saves a plot of the wait-time distributions by priority class
for both (matplotlib, PNG).

    python examples/compare_policies.py [--years 2] [--seed 7] [--per-month N] [--out waits.png]

Needs the ``kezek`` package (``maturin develop`` in bindings-python) with pandas and
matplotlib; tqdm for the progress bar (``--quiet`` to go without).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from kezek import simulation  # noqa: E402

CLASSES = ["out_of_turn", "first_priority", "general"]


def run(args: argparse.Namespace) -> tuple[Any, Any, list[simulation.MetricDiff]]:
    base = simulation.default_city_input(2024, years=args.years, seed=args.seed)
    if args.per_month:
        base = base.replace(arrivals={**base.to_dict()["arrivals"], "per_month": args.per_month})
    variant = base.policy.replace(id="almaty-2024-interleave-1-3",
                                  interleave={"first_priority": 1, "general": 3})
    progress = not args.quiet
    a = simulation.simulate(base, progress=progress)
    b = simulation.simulate(base.replace(policy=variant), progress=progress)
    return a, b, simulation.compare(a, b)


def waits_by_class(result: Any) -> dict[str, list[int]]:
    """Wait in days of each child enrolled in the reported years, whatever the day it
    registered, by priority class: the children of the summary's ``waits`` (``placed``).
    Children registered during the warm-up count too: leaving them out keeps only the
    short waits of those registered and placed inside the window."""
    frame = result.children.to_pandas()
    placed = frame[frame["placed"] >= pd.Timestamp(result.start)]
    return {c: placed.loc[placed["class"] == c, "wait_days"].astype(int).tolist() for c in CLASSES}


def plot(a: Any, b: Any, out: Path) -> None:
    waits = [waits_by_class(a), waits_by_class(b)]
    fig, axes = plt.subplots(1, len(CLASSES), figsize=(13, 4.2), sharey=False)
    for ax, cls in zip(axes, CLASSES):
        data = [w[cls] for w in waits]
        if any(data):
            ax.hist(data, bins=30, label=[f"{r.policy} (n={len(d)})" for r, d in zip((a, b), data)],
                    histtype="step", linewidth=1.6)
        ax.set_title(cls.replace("_", " "))
        ax.set_xlabel("wait, days (registration to enrolment)")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("children placed")
    fig.suptitle(f"{a.city}: waits by priority class, {a.start}..{a.end}, seed {a.seed}")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-month", type=int, default=0, help="arrivals per month (default: the city's)")
    parser.add_argument("--out", type=Path, default=Path("waits_by_class.png"))
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args()
    a, b, diffs = run(args)
    print(f"{'metric':<42} {a.policy:>16} {b.policy:>28}")
    for d in diffs:
        if d.a != d.b and not (math.isnan(d.a) and math.isnan(d.b)):
            print(f"{d.metric:<42} {d.a:>16.3f} {d.b:>28.3f}")
    plot(a, b, args.out)
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
