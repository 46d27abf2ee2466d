"""Sweeps through Python (``simulation.sweep``): the same answer whatever runs it (threads,
one after another, a process pool), the tables against their runs, progress, pickling and
bad sweeps refused before any run starts. The Dask cluster: ``test_dask.py``."""

from __future__ import annotations

import concurrent.futures
import math
import pickle
import statistics
from typing import Any, Callable

import pytest

import kezek
from conformance import load
from kezek import simulation
from kezek.simulation import SimulationInput, SweepResult

TOWN: dict[str, Any] = load("simulation.json")["cases"][0]["args"]["input"]
CASES = load("sweep.json")["cases"]


class InPlace:
    """An executor that runs each call as it is submitted: one after another."""

    def submit(self, fn: Callable[[str], str], arg: str) -> concurrent.futures.Future[str]:
        f: concurrent.futures.Future[str] = concurrent.futures.Future()
        f.set_result(fn(arg))
        return f


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conformance_case(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(kezek.KezekError) as info:
            simulation.run_sweep(case["args"]["sweep"])
        assert info.value.code == case["error"] and isinstance(info.value, ValueError)
        return
    assert simulation.run_sweep(case["args"]["sweep"]).to_dict() == case["expect"]


def study(**options: Any) -> SweepResult:
    town = SimulationInput(TOWN)
    interleaved = town.policy.replace(interleave={"first_priority": 1, "general": 3})
    return simulation.sweep(
        town,
        policies={"today": town.policy, "1:3": interleaved},
        seeds=3,
        grid={"arrivals.per_month": [50, 80]},
        confidence=0.9,
        **options,
    )


def test_the_answer_is_the_same_whatever_runs_it() -> None:
    threads = study()
    assert study(executor=InPlace()).to_dict() == threads.to_dict()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        assert study(executor=pool).to_dict() == threads.to_dict()


def test_the_tables_are_the_runs_gathered() -> None:
    r = study()
    assert r.parameters == ["arrivals.per_month"] and r.confidence == 0.9
    runs = r.runs.to_dict()
    assert list(runs) == ["run", "variant", "seed", "arrivals.per_month", "metric", "value"]
    assert sorted(set(runs["run"])) == list(range(2 * 3 * 2))
    assert set(runs["seed"]) == {7, 8, 9}  # the input's seed and the two after it

    def values(variant: str, metric: str, point: int) -> dict[int, float]:
        rows = zip(runs["variant"], runs["metric"], runs["arrivals.per_month"], runs["seed"], runs["value"])
        return {s: v for (va, m, p, s, v) in rows if (va, m, p) == (variant, metric, point)}

    metric = "registered"
    today, changed = values("today", metric, 80), values("1:3", metric, 80)
    means = r.intervals.to_dict()
    row = [i for i, (v, m, p) in enumerate(zip(means["variant"], means["metric"], means["arrivals.per_month"]))
           if (v, m, p) == ("today", metric, 80)]
    assert len(row) == 1 and means["n"][row[0]] == 3
    assert math.isclose(means["mean"][row[0]], statistics.fmean(today.values()))
    [d] = [x for x in r.difference(metric, "1:3") if x["arrivals.per_month"] == 80]
    assert d["baseline"] == "today" and d["baseline.arrivals.per_month"] == 80
    paired = [changed[s] - today[s] for s in today]
    assert math.isclose(d["difference"], statistics.fmean(paired), abs_tol=1e-9)
    frame = r.intervals.to_pandas()
    assert str(frame["variant"].dtype) == "category" and len(frame) == len(means["variant"])


def test_progress_counts_every_run_and_the_answer_pickles() -> None:
    seen: list[tuple[int, int]] = []
    r = study(progress=lambda done, total: seen.append((done, total)))
    assert sorted(seen) == [(n, 12) for n in range(1, 13)]
    back = pickle.loads(pickle.dumps(r))
    assert back.to_dict() == r.to_dict() and "12 runs" in repr(back)
    assert SweepResult.from_json(r.to_json()).to_dict() == r.to_dict()


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"grid": {"no.such.field": [1, 2]}}, "grid[0].parameter"),
        ({"grid": {"arrivals.per_month": []}}, "grid[0].values"),
        ({"seeds": [1, 1]}, "seeds"),
        ({"confidence": 1.5}, "confidence"),
        ({"policies": {"": SimulationInput(TOWN).policy}}, "variants[0].name"),
    ],
)
def test_a_bad_sweep_is_refused_naming_the_field(options: dict[str, Any], field: str) -> None:
    calls: list[str] = []

    class Watching(InPlace):
        def submit(self, fn: Callable[[str], str], arg: str) -> concurrent.futures.Future[str]:
            calls.append(arg)
            return super().submit(fn, arg)

    with pytest.raises(kezek.SimulationError) as info:
        simulation.sweep(SimulationInput(TOWN), executor=Watching(), **{"seeds": 2, **options})
    assert info.value.code == "SIMULATION_INPUT" and isinstance(info.value, ValueError)
    assert field in str(info.value.details) and calls == []


@pytest.mark.parametrize("seeds", [0, -1, 10_001])
def test_a_count_of_seeds_out_of_range_is_refused(seeds: int) -> None:
    with pytest.raises(kezek.KezekError) as info:
        simulation.sweep(SimulationInput(TOWN), seeds=seeds)
    assert isinstance(info.value, ValueError) and "seeds" in str(info.value)


@pytest.mark.parametrize("options", [{"seeds": True}, {"seeds": "10"}, {"grid": {"arrivals.per_month": "100"}}])
def test_a_bool_or_text_where_a_count_or_list_belongs_is_a_type_error(options: dict[str, Any]) -> None:
    with pytest.raises(kezek.InputTypeError) as info:
        simulation.sweep(SimulationInput(TOWN), **options)
    assert info.value.code == "INPUT_TYPE" and isinstance(info.value, TypeError)
