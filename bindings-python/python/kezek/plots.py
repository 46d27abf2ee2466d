"""Ready plots of a simulation (the ``plot`` extra: ``pip install kezek[plot]``, which
brings matplotlib and pandas). Each draws on the given matplotlib ``Axes`` (a new figure
when none) and returns it; the caller saves or shows the figure.

>>> from kezek import plots, simulation                 # doctest: +SKIP
>>> ax = plots.waits_by_class(simulation.simulate(inp))  # doctest: +SKIP
>>> ax.figure.savefig("waits.png")                       # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Optional

from ._optional import require
from .simulation import SimulationResult

__all__ = ["waits_by_class", "queue_over_time"]

_CLASSES = ("out_of_turn", "first_priority", "general")


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt: Any = require("matplotlib.pyplot", "plot", "kezek.plots")
    _, ax = plt.subplots(figsize=(8, 4.5))
    return ax


def waits_by_class(result: SimulationResult, ax: Optional[Any] = None, bins: int = 40) -> Any:
    """The waits of the children enrolled in the reported years (whatever the day they
    registered: the summary's ``placed``), one histogram per priority class, each labelled
    with its count and median."""
    pd: Any = require("pandas", "plot", "kezek.plots")
    ax = _axes(ax)
    children = result.children.to_pandas()
    placed = children[children["placed"] >= pd.Timestamp(result.start)]
    for cls in _CLASSES:
        waits = placed.loc[placed["class"] == cls, "wait_days"].dropna().astype(int)
        if len(waits):
            ax.hist(waits, bins=bins, histtype="step", linewidth=1.6,
                    label=f"{cls.replace('_', ' ')} (n={len(waits):,}, median {int(waits.median())} days)")
    ax.set_xlabel("wait, days from registration to enrolment")
    ax.set_ylabel("children enrolled")
    ax.set_title(f"{result.city}: waits by priority class, {result.start}…{result.end}")
    ax.legend(fontsize=8)
    return ax


def queue_over_time(result: SimulationResult, ax: Optional[Any] = None) -> Any:
    """Children in the queue and on the stop-list at the end of each reported day."""
    ax = _axes(ax)
    days = result.days.to_pandas()
    ax.plot(days["date"], days["queue"], label="in the queue")
    ax.plot(days["date"], days["stop_list"], label="on the stop-list")
    ax.set_ylabel("children")
    ax.set_title(f"{result.city}: the queue, {result.start}…{result.end} (policy {result.policy})")
    ax.legend(fontsize=8)
    ax.figure.autofmt_xdate()
    return ax
