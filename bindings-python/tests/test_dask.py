"""A sweep on a Dask distributed cluster: a local cluster of two worker processes (as a
cluster's machines would be: nothing shared but what crosses by pickle) gives the same
table as the sweep run in this process."""

from __future__ import annotations

from typing import Any

import distributed
import pytest

import kezek
from conformance import load
from kezek import simulation
from kezek.simulation import SimulationInput

TOWN: dict[str, Any] = load("simulation.json")["cases"][0]["args"]["input"]


@pytest.fixture(scope="module")
def client() -> Any:
    cluster = distributed.LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as c:  # type: ignore[no-untyped-call]
        yield c


def study(executor: Any) -> simulation.SweepResult:
    town = SimulationInput(TOWN)
    return simulation.sweep(
        town,
        policies={"today": town.policy, "1:3": town.policy.replace(interleave={"first_priority": 1, "general": 3})},
        seeds=3,
        grid={"behaviour.renewal.renews": [0.5, 0.9]},
        executor=executor,
    )


def test_the_clusters_table_equals_the_single_process_one(client: Any) -> None:
    on_cluster = study(client)
    assert len(client.scheduler_info()["workers"]) == 2
    assert on_cluster.to_dict() == study(None).to_dict()
    assert on_cluster.runs.to_pandas().equals(study(None).runs.to_pandas())


def test_a_refused_sweep_never_reaches_the_cluster(client: Any) -> None:
    with pytest.raises(kezek.SimulationError) as info:
        simulation.sweep(SimulationInput(TOWN), seeds=[1, 1], executor=client)
    assert info.value.code == "SIMULATION_INPUT"
