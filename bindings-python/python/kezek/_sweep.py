"""Replications and sweeps (``kezek::simulation::Sweep``): one input under several
policies, over seeds and a grid of parameters, on all cores or a cluster.

The core plans the runs and gathers their outcomes into tables with intervals and paired
differences; this module only hands the runs to an executor. Each run crosses as JSON
text and runs without the GIL, so threads run side by side; a process pool or a Dask
``Client`` pickles a string and gets one back.
"""

from __future__ import annotations

import concurrent.futures
import functools
import os
import threading
from typing import Any, Callable, Mapping, Optional, Sequence, Union

from . import _kezek
from ._boundary import guard_class, guarded
from ._optional import require
from ._classes import Policy, _Result

__all__ = ["SweepResult", "run_sweep", "sweep"]

# The tables' columns that name things (categories in pandas).
_NAMES = ("variant", "baseline", "metric")


def _run_planned(planned: str) -> str:
    """One planned run, JSON text in and out: what an executor's worker calls."""
    return _kezek.sweep_run(planned)


@guard_class
class SweepResult(_Result):
    """What :func:`sweep` gives: three tables (``runs``, ``intervals``, ``differences``,
    each a :class:`kezek.simulation.Table` with ``to_pandas()``), the grid's
    ``parameters`` and the intervals' ``confidence``.

    - ``runs``: one row per run and metric: ``run``, ``variant``, ``seed``, one column per
      grid parameter, ``metric``, ``value`` (``None`` where the run has no figure, e.g.
      nobody of a cohort placed).
    - ``intervals``: per variant, grid point and metric, ``n`` (the seeds with a value),
      ``mean``, and the interval ``low``–``high`` (Student's t; ``None`` with fewer than
      two seeds).
    - ``differences``: per variant but the first, grid point and metric, the paired
      difference from the first variant at the same point (with one variant: each point
      against the grid's first): ``baseline``, ``baseline.<parameter>``, ``n`` (seeds where
      both have a value), ``baseline_mean``, ``mean``, ``difference`` (the mean of the
      differences seed by seed), ``low``, ``high``.

    Metric names are those of ``Summary.metrics`` in the core (``wait.general.median_days``,
    ``wait.general.km_median_days``, ``still_waiting.old_enough``…; README, "What the
    simulation's figures mean"). Pickles."""

    __slots__ = ("runs", "intervals", "differences")
    _NATIVE = _kezek.SweepResult

    def __init__(self, native: Any) -> None:
        from .simulation import Table

        super().__init__(native)
        self.runs = Table(native.runs, names=_NAMES)
        self.intervals = Table(native.intervals, names=_NAMES)
        self.differences = Table(native.differences, names=_NAMES)

    @property
    def parameters(self) -> list[str]:
        return list(self._native.parameters)

    @property
    def confidence(self) -> float:
        return float(self._native.confidence)

    def difference(self, metric: str, variant: Optional[str] = None) -> list[dict[str, Any]]:
        """The rows of ``differences`` for one metric (and one variant), as dicts."""
        table = self.differences.to_dict()
        rows = [dict(zip(table, values)) for values in zip(*table.values())]
        return [r for r in rows if r["metric"] == metric and variant in (None, r["variant"])]

    def __repr__(self) -> str:
        variants = sorted(set(self.intervals["variant"]))
        runs = len(set(self.runs["run"]))
        return f"SweepResult({runs} runs, variants={variants}, parameters={self.parameters})"


Policies = Union[None, Sequence[Policy], Mapping[str, Policy]]
ProgressOption = Union[None, bool, Callable[[int, int], Any]]


def _variants(policies: Policies) -> list[dict[str, Any]]:
    if policies is None:
        return []
    if isinstance(policies, Mapping):
        return [{"name": name, "policy": p.to_dict()} for name, p in policies.items()]
    return [{"name": p.id, "policy": p.to_dict()} for p in policies]


def _ticker(progress: ProgressOption, total: int) -> tuple[Callable[[], None], Callable[[], None]]:
    """What to call as each run ends, and what closes it."""
    if progress is None or progress is False:
        return (lambda: None), (lambda: None)
    lock = threading.Lock()
    done = [0]
    if progress is True:
        tqdm: Any = require("tqdm", "progress", "progress=True")
        bar = tqdm.tqdm(total=total, unit="run", desc="kezek sweep")

        def tick_bar() -> None:
            with lock:
                bar.update(1)

        return tick_bar, bar.close
    call = progress

    def tick() -> None:
        with lock:
            done[0] += 1
            n = done[0]
        call(n, total)

    return tick, (lambda: None)


@functools.partial(guarded, where="sweep")
def sweep(
    input: Any,
    *,
    policies: Policies = None,
    seeds: Union[int, Sequence[int]] = 10,
    grid: Optional[Mapping[str, Sequence[Any]]] = None,
    confidence: float = 0.95,
    executor: Any = None,
    progress: ProgressOption = None,
) -> SweepResult:
    """Runs ``input`` (a :class:`SimulationInput`) under each policy, for each seed and
    each point of the grid, and gathers the runs into one answer (:class:`SweepResult`).

    - ``policies``: ``None`` (the input's own), a list of :class:`kezek.Policy` (named by
      their ids), or a dict ``{name: Policy}``; the first is the baseline of the paired
      differences.
    - ``seeds``: how many (the input's seed and the ones after it), or the seeds.
    - ``grid``: ``{"dotted.path": [values…]}``, every combination run; a path names a
      field of the input's data (``behaviour.renewal.renews``, ``arrivals.per_month``,
      ``policy.interleave``: set on every policy; a list's item by its index).
    - ``confidence``: the level of every interval.
    - ``executor``: where the runs go: ``None`` runs them on threads, one per core (a run
      releases the GIL); or any ``concurrent.futures`` executor, or a Dask
      ``distributed.Client`` (anything with ``submit(fn, arg)`` returning a future with
      ``result()``). The answer is the same whatever runs it.
    - ``progress``: ``True`` for a tqdm bar, or a callable ``(done, total)``.

    Raises :class:`kezek.SimulationError` (``SIMULATION_INPUT``, naming the field) for a
    sweep that cannot run, before any run starts."""
    if isinstance(seeds, (bool, str)) or any(isinstance(v, (str, bytes)) for v in (grid or {}).values()):
        what = "seeds" if isinstance(seeds, (bool, str)) else "grid"
        raise _kezek.input_error_of("type", what, "a count, or a list (for grid: a list of values per parameter)",
                                    type(seeds).__name__ if what == "seeds" else "str")
    if isinstance(seeds, int):
        # The core refuses a count out of range (SIMULATION_INPUT, field "seeds"): at most
        # one seed past its bound is planned here.
        first = int(input.seed)
        seed_list = [first + i for i in range(max(0, min(int(seeds), _kezek.MAX_SEEDS + 1)))]
    else:
        seed_list = [int(s) for s in seeds]
    data = {
        "format": 1,
        "input": input.to_dict(),
        "variants": _variants(policies),
        "seeds": seed_list,
        "grid": [{"parameter": k, "values": list(v)} for k, v in (grid or {}).items()],
        "confidence": confidence,
    }
    return run_sweep(data, executor=executor, progress=progress)



@functools.partial(guarded, where="run_sweep")
def run_sweep(
    data: Mapping[str, Any], *, executor: Any = None, progress: ProgressOption = None
) -> SweepResult:
    """A sweep given as data (the JSON shape of ``kezek::simulation::Sweep``: ``format``,
    ``input``, ``variants`` of ``{name, policy}``, ``seeds``, ``grid`` of ``{parameter,
    values}``, ``confidence``; e.g. read from a file), run as :func:`sweep` runs it."""
    plan = _kezek.Sweep.from_dict(data)
    planned = plan.runs()
    tick, close = _ticker(progress, len(planned))
    owned = executor is None
    if owned:
        workers = max(1, min(len(planned), os.cpu_count() or 1))
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [executor.submit(_run_planned, p) for p in planned]
        for f in futures:
            f.add_done_callback(lambda _: tick())
        outcomes = [str(f.result()) for f in futures]
    finally:
        close()
        if owned:
            executor.shutdown(wait=True, cancel_futures=True)
    return SweepResult(plan.collect(outcomes))
