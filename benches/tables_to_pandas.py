"""Seconds to turn a simulation's children table of ≈ 10⁶ rows into a pandas DataFrame
(typed arrays from Rust), a pyarrow Table and a polars DataFrame, and the old way (one
Python list per column, then pandas) beside them: ``python benches/tables_to_pandas.py``
(the package built with ``maturin develop --release``). Target: under 0.1 s to pandas."""

from __future__ import annotations

import time
from typing import Any, Callable

import pandas as pd
import polars  # noqa: F401  (imported before timing)
import pyarrow  # noqa: F401

from kezek import simulation

inp = simulation.default_city_input(2024, years=6, seed=7)
inp = inp.replace(arrivals={**inp.to_dict()["arrivals"], "per_month": 8_400})
started = time.perf_counter()
result = simulation.simulate(inp)
table = result.children
print(f"{len(table):,} children ({time.perf_counter() - started:.1f} s to simulate)")


def best(call: Callable[[], Any], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return min(times)


def lists_then_pandas() -> Any:
    data = table.to_dict()
    return pd.DataFrame({k: (pd.Categorical(v) if isinstance(v[0], str) else v) for k, v in data.items()})


typed = best(table.to_pandas)
print(f"to_pandas (typed arrays)   {typed:.3f} s")
print(f"to_arrow                   {best(table.to_arrow):.3f} s")
print(f"to_polars                  {best(table.to_polars):.3f} s")
old = best(lists_then_pandas, 2)
print(f"lists, then pandas         {old:.3f} s  ({old / typed:.0f}× the typed arrays)")
