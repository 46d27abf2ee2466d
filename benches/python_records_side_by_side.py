"""Microseconds per ``from_dict`` and ``to_dict`` of Python's records, this build against
another, side by side in one process, with the ratio: ``python
benches/python_records_side_by_side.py OLD``, where ``OLD`` holds another build's
``kezek`` package folder renamed ``kezek_old`` (with a ``_kezek`` native module in it), e.g.::

    git archive 91e0e12 bindings-python/python/kezek | tar -x -C /tmp/old
    mkdir /tmp/o && cp -r /tmp/old/bindings-python/python/kezek /tmp/o/kezek_old
    cp bindings-python/python/kezek/_kezek*.so /tmp/o/kezek_old/
    python benches/python_records_side_by_side.py /tmp/o

Each figure is the best of 15 rounds that alternate the two builds (this machine's timings
drift by 2× between runs; alternating keeps the ratio honest)."""

import sys
import timeit

sys.path.insert(0, sys.argv[1])
import kezek  # noqa: E402
import kezek_old  # noqa: E402

EVENT = {"seq": 1, "at": "2025-03-03T09:00:00", "actor": "applicant", "from": "new", "to": "queued",
         "reason": "REGISTERED"}
DEADLINE = {"last_day": "2025-03-06", "ends_at": "2025-03-07T00:00:00"}
REPORT = {"queue": {"region": "a", "area": "b", "group_type": "general", "cohort": 2021}, "bulletin": 1,
          "offered": [1, 2], "from_waiting_list": [], "skipped": [{"id": 3, "failed": ["X"]}], "open": 0,
          "opened_to_all": False}


def best(make_call, rounds=15, number=20_000):
    out = {}
    for _ in range(rounds):
        for mod in (kezek_old, kezek):
            call = make_call(mod._records)
            t = timeit.timeit(call, number=number) / number * 1e6
            out[mod.__name__] = min(out.get(mod.__name__, 1e9), t)
    return out["kezek_old"], out["kezek"]


for name, data in (("Event", EVENT), ("Deadline", DEADLINE), ("RoundReport", REPORT)):
    for what in ("from_dict", "to_dict"):
        if what == "from_dict":
            old, new = best(lambda m: (lambda c=getattr(m, name): c.from_dict(data)))
        else:
            old, new = best(lambda m: getattr(m, name).from_dict(data).to_dict)
        print(f"{name + '.' + what:22} before {old:6.2f} µs   now {new:6.2f} µs   ratio {new / old:.2f}")
