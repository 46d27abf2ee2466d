"""Microseconds per call of the Python engine's typed queries, and of the one entry they
are written on (``Engine.ask``): ``python benches/python_queries.py``. To compare two builds,
install each into its own virtualenv and run this script with both, back to back."""

import datetime as dt
import json
import timeit
from pathlib import Path

import kezek

APP = json.loads((Path(__file__).parent.parent / "tests/conformance/lifecycle.json").read_text())[
    "application"
]
engine = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
a = engine.register(APP, dt.datetime(2025, 3, 3, 9))
engine.notify(a, 1, dt.datetime(2025, 3, 3, 10))
engine.issue_direction(a, "kg-1", dt.datetime(2025, 3, 3, 11))
CALLS = {
    "state": lambda: engine.state(a),
    "state_name": lambda: engine.state_name(a),
    "position": lambda: engine.position(a),
    "history (3 events)": lambda: engine.history(a),
    "interest_due": lambda: engine.interest_due(a),
}
if hasattr(engine, "ask"):  # builds before the entry have no ask
    CALLS["ask state_name (data)"] = lambda: engine.ask({"query": "state_name", "id": a})
CALLS = {
    **CALLS,
}
for name, call in CALLS.items():
    n = 20_000
    best = min(timeit.repeat(call, number=n, repeat=5)) / n
    print(f"{name:24} {best * 1e6:6.2f} µs")
