"""A sweep of 24 runs (two policies × twelve seeds, the default city for one year after one
of warm-up) one after another, on threads (the default: one per core, each run without
the GIL) and on a process pool: seconds of each and the speed-up over one after another.
``python benches/sweep_side_by_side.py`` (the package built with ``maturin develop
--release``); the target is at least 1.8× on two cores."""

from __future__ import annotations

import concurrent.futures
import os
import time
from typing import Any, Callable

from kezek import simulation


class InPlace:
    """Runs each call as it is submitted: one after another."""

    def submit(self, fn: Callable[[str], str], arg: str) -> concurrent.futures.Future[str]:
        f: concurrent.futures.Future[str] = concurrent.futures.Future()
        f.set_result(fn(arg))
        return f


city = simulation.default_city_input(2025, 1, 7).replace(warm_up_years=1)
policies = {"today": city.policy, "1:3": city.policy.replace(interleave={"first_priority": 1, "general": 3})}


def timed(executor: Any) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    r = simulation.sweep(city, policies=policies, seeds=12, executor=executor)
    return time.perf_counter() - started, r.to_dict()


print(f"{os.cpu_count()} cores; 24 runs of the default city")
rows = []
for _ in range(3):
    one, a = timed(InPlace())
    threads, b = timed(None)
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        procs, c = timed(pool)
    assert a == b == c, "the answer depends on what ran it"
    rows.append((one, threads, procs))
    print(f"one after another {one:6.2f} s   threads {threads:6.2f} s ({one / threads:.2f}×)"
          f"   processes {procs:6.2f} s ({one / procs:.2f}×)")
one, threads, procs = (min(col) for col in zip(*rows))
print(f"best of 3: threads {one / threads:.2f}×, processes {one / procs:.2f}× one after another")
