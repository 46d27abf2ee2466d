"""The simulator through Python: the shared ``simulation.json`` cases, tables as dicts of
lists and DataFrames, progress, pairs of policies, pickling, threads and the GIL."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import math
import pickle
from typing import Any

import pytest

import kezek
from conformance import contains, load
from gil import steps_during
from kezek import simulation
from kezek.simulation import Progress, SimulationInput

CASES = load("simulation.json")["cases"]
TOWN: dict[str, Any] = CASES[0]["args"]["input"]


def town(**changes: Any) -> SimulationInput:
    return SimulationInput(TOWN).replace(**changes)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conformance_case(case: dict[str, Any]) -> None:
    if "error" in case:
        # A malformed input (INPUT_…) is refused when it is built, a bad value
        # (SIMULATION_…) when it runs.
        with pytest.raises(kezek.KezekError) as info:
            simulation.simulate(SimulationInput(case["args"]["input"]))
        assert info.value.code == case["error"] and isinstance(info.value, ValueError)
        assert isinstance(info.value, kezek.InputError if case["error"].startswith("INPUT_") else kezek.SimulationError)
        return
    result = simulation.simulate(SimulationInput(case["args"]["input"]))
    assert contains(result.to_dict(), case["expect"])
    # The typed summary and the tables say the same as the plain data.
    assert result.summary.to_dict() == result.to_dict()["summary"]
    assert result.summary.registered == case["expect"]["summary"]["registered"]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_tables_are_the_result_columns() -> None:
    result = simulation.simulate(town())
    plain = result.to_dict()
    for table, name in ((result.children, "children"), (result.days, "days")):
        columns = table.to_dict()
        assert columns.keys() == plain[name].keys()
        for column, values in columns.items():
            assert [_iso(v) for v in values] == plain[name][column], column
        assert len(table) == len(plain[name]["id" if name == "children" else "date"])
    assert isinstance(result.children["registered"][0], dt.date)
    assert result.days["date"][0] == result.start and result.days["date"][-1] == result.end
    frame = result.children.to_pandas()
    assert len(frame) == len(result.children) and list(frame.columns) == result.children.columns
    assert str(frame["outcome"].dtype) == "category" and str(frame["wait_days"].dtype) == "Int64"
    assert str(frame["registered"].dtype).startswith("datetime64")
    # A wait is known exactly for the children who were placed.
    placed = frame["outcome"].isin(["placed_by_offer", "placed_by_free_choice"])
    assert placed.sum() > 0 and (frame["wait_days"].notna() == placed).all()
    days = result.days.to_pandas()
    assert int(days["registrations"].sum()) == sum(result.days["registrations"])


def test_the_same_input_gives_the_same_result_and_seeds_differ() -> None:
    a, b = simulation.simulate(town()), simulation.simulate(town())
    assert a.to_json() == b.to_json()
    c = simulation.simulate(town(seed=8))
    assert c.seed == 8 and c.to_json() != a.to_json()


def test_progress_is_reported_each_day() -> None:
    seen: list[Progress] = []
    result = simulation.simulate(town(), progress=seen.append)
    days = (result.end - result.simulated_from).days + 1
    assert [p.day for p in seen] == list(range(1, days + 1))
    assert all(p.days == days for p in seen) and seen[-1].date == result.end


def test_a_failing_progress_callback_raises_after_the_run() -> None:
    calls: list[int] = []

    def stop(p: Progress) -> None:
        calls.append(p.day)
        raise KeyError("stop")

    with pytest.raises(KeyError):
        simulation.simulate(town(), progress=stop)
    assert calls == [1]


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    simulation.simulate(town(years=1, warm_up_years=0), progress=True)
    assert "kezek" in capsys.readouterr().err


def test_a_pair_of_policies() -> None:
    base = town()
    other = base.policy.replace(id="almaty-short-window", choice_window={"amount": 1, "unit": "working_days"})
    a, b, diffs = simulation.simulate_pair(base, other)
    assert a.policy == base.policy.id and b.policy == "almaty-short-window"
    assert a.to_json() == simulation.simulate(base).to_json()
    assert b.to_json() == simulation.simulate(base.replace(policy=other)).to_json()
    assert [d.metric for d in diffs] == [d.metric for d in simulation.compare(a, b)]
    by_name = {d.metric: d for d in diffs}
    assert by_name["registered"].a == a.summary.registered
    assert all(math.isnan(d.difference) or d.difference == d.b - d.a for d in diffs)


def test_inputs_and_results_pickle() -> None:
    inp = town()
    assert pickle.loads(pickle.dumps(inp)).to_dict() == inp.to_dict()
    result = simulation.simulate(inp)
    again = pickle.loads(pickle.dumps(result))
    assert again.to_json() == result.to_json() and again.summary == result.summary
    assert again.children.to_dict() == result.children.to_dict()


def test_threads_simulate_side_by_side_without_the_gil() -> None:
    seeds = [3, 4]
    alone = [simulation.simulate(town(seed=s)).to_json() for s in seeds]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda s: simulation.simulate(town(seed=s)).to_json(), seeds))
    assert together == alone
    assert steps_during(lambda: simulation.simulate(town())) > 0


def test_bad_inputs_raise_their_codes() -> None:
    with pytest.raises(kezek.InputError) as info:
        SimulationInput({**TOWN, "seed": "seven"})
    assert info.value.code == "INPUT_FORMAT"
    with pytest.raises(TypeError):
        town(colour="blue")
    with pytest.raises(kezek.SimulationError) as bad:
        simulation.simulate(town(years=0))
    assert bad.value.code == "SIMULATION_INPUT" and bad.value.details["field"] == "years"


def test_the_default_city() -> None:
    inp = simulation.default_city_input(2025, years=2, seed=11)
    assert (inp.start, inp.years, inp.seed) == (dt.date(2025, 1, 1), 2, 11)
    assert inp.policy.id.startswith("almaty")
    with pytest.raises(kezek.SimulationError) as info:
        simulation.default_city_input(2010)
    assert info.value.code == "SIMULATION_INPUT"


def test_typed_tables_say_what_the_lists_say(tmp_path: Any) -> None:
    """The children and days tables cross as typed arrays: pandas, Arrow, polars and Parquet
    hold exactly the values of ``to_dict()`` (names, dates, missing values)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    result = simulation.simulate(town())
    for table in (result.children, result.days):
        lists = table.to_dict()
        arrow = table.to_arrow()
        assert arrow.column_names == list(lists) and arrow.to_pydict() == lists
        assert table.to_polars().to_dict(as_series=False) == lists
        table.to_parquet(tmp_path / "t.parquet")
        assert pq.read_table(tmp_path / "t.parquet").to_pydict() == lists
        frame = table.to_pandas()
        assert list(frame.columns) == list(lists) and len(frame) == len(table)
        for name, values in lists.items():
            column = frame[name].astype(object).where(frame[name].notna(), None).tolist()
            if values and isinstance(values[0], dt.date) or name in ("placed", "left"):
                column = [None if v is None else v.date() for v in column]
            assert column == values, name
    children = result.children.to_arrow()
    assert str(children.schema.field("outcome").type).startswith("dictionary")
    assert str(children.schema.field("registered").type) == "date32[day]"
    assert children.column("wait_days").null_count == sum(v is None for v in result.children["wait_days"])


def test_ready_plots_draw_their_figures(tmp_path: Any) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from kezek import plots

    result = simulation.simulate(town())
    ax = plots.waits_by_class(result)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels and all("n=" in label and "median" in label for label in labels)
    ax2 = plots.queue_over_time(result)
    assert len(ax2.get_lines()[0].get_xdata()) == len(result.days)
    for i, a in enumerate((ax, ax2)):
        a.figure.savefig(tmp_path / f"{i}.png")
        assert (tmp_path / f"{i}.png").read_bytes()[:4] == b"\x89PNG"
