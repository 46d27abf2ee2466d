"""Side by side, in one run: kezek's deferred acceptance called from Python (the `kezek`
package, instance given as NumPy arrays) against the same work in Rust, on the
40,000 children × 1,600 kindergartens × 5 choices instance (and its variant with 10% of
children raised by a sibling priority, where the proposals with heaps run). Prints the
times and the ratio Python / Rust; exits non-zero if the answers differ or the ratio
exceeds the issue's target of 1.5.

    python benches/matching_python_vs_rust.py [--repeat 7] [--rounds 5]

Rust's figure comes from the `match_instance` example, timed inside its process:
copies of the flat arrays it keeps (as a Python caller keeps its NumPy arrays) +
`Instance::from_flat` + priorities + lottery + mechanism, best of N. Python's is the same
call from Python, best of N: `Instance.from_flat(offsets, choices, capacities, base,
priorities)` on NumPy arrays + `.deferred_acceptance()`; the arrays are copied into Rust
(and converted, for NumPy's default int64; uint32 arrays are copied as they are): both
dtypes are reported. The solve alone (lottery and mechanism on a built instance) is
compared too. Reading the answer back as a
list (`.assignments`) is timed on its own. This machine's speed drifts by tens of percent
within minutes, so Rust and Python are measured in alternating rounds and each keeps its
best. Needs the `kezek` package built (`maturin develop`) and NumPy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from kezek.matching import Instance

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benches"))
from matching_side_by_side import instance  # noqa: E402  (the same instances as that script)

TARGET = 1.5


def rust(insts: list[dict[str, Any]], repeat: int) -> list[tuple[list[Any], float]]:
    lines = "".join(json.dumps({**i, "repeat": repeat}) + "\n" for i in insts)
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "match_instance"],
        input=lines, capture_output=True, text=True, cwd=ROOT, check=True,
    )
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    return [(a["assignments"], a["build_and_solve_seconds"], a["solve_seconds"]) for a in answers]


def flat(inst: dict[str, Any], dtype: Any) -> dict[str, Any]:
    prefs = inst["preferences"]
    offsets = np.zeros(len(prefs) + 1, dtype=dtype)
    offsets[1:] = np.cumsum([len(p) for p in prefs])
    return {
        "offsets": offsets,
        "choices": np.fromiter((k for p in prefs for k in p), dtype=dtype),
        "capacities": np.asarray(inst["capacities"], dtype=dtype),
        "base": np.asarray(inst["base"], dtype=dtype),
        "priorities": np.asarray(inst["priorities"], dtype=dtype).reshape(-1, 3),
    }


def best_of(repeat: int, f: Callable[[], Any]) -> tuple[Any, float]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="best of N runs in a round")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    args = parser.parse_args()
    sizes = [(40_000, 1_600, 0.0), (40_000, 1_600, 0.1)]
    insts = [instance(n, m, 5, 2026, siblings) for n, m, siblings in sizes]
    dtypes = {"int64": np.int64, "uint32": np.uint32}
    arrays = {(i, d): flat(inst, t) for i, inst in enumerate(insts) for d, t in dtypes.items()}
    inf = float("inf")
    rust_best = [inf] * len(insts)
    py_best = {key: inf for key in arrays}
    read_best = [inf] * len(insts)
    solve_best = {(i, lang): inf for i in range(len(insts)) for lang in ("rust", "python")}
    for _ in range(args.rounds):
        for i, (r_out, r_time, r_solve) in enumerate(rust(insts, args.repeat)):
            rust_best[i] = min(rust_best[i], r_time)
            solve_best[(i, "rust")] = min(solve_best[(i, "rust")], r_solve)
            built = Instance.from_flat(**arrays[(i, "uint32")])
            _, p_solve = best_of(args.repeat, built.deferred_acceptance)
            solve_best[(i, "python")] = min(solve_best[(i, "python")], p_solve)
            for d in dtypes:
                a = arrays[(i, d)]
                matching, p_time = best_of(args.repeat, lambda: Instance.from_flat(**a).deferred_acceptance())
                py_best[(i, d)] = min(py_best[(i, d)], p_time)
                p_out, read_time = best_of(args.repeat, lambda: matching._native.assignments())
                read_best[i] = min(read_best[i], read_time)
                if list(p_out) != r_out:
                    print(f"instance {i} ({d}): Python and Rust differ", file=sys.stderr)
                    return 1
    print("build and solve (Rust keeps its arrays and copies them; Python from NumPy arrays):")
    print(f"{'instance':>24} {'Rust':>9} {'Py int64':>9} {'ratio':>6} {'Py uint32':>10} {'ratio':>6} {'read back':>10}")
    worst = 0.0
    for i, (n, m, siblings) in enumerate(sizes):
        name = f"{n:,} x {m:,}" + (f" +{siblings:.0%} sib." if siblings else "")
        r = rust_best[i]
        p64, p32 = py_best[(i, "int64")], py_best[(i, "uint32")]
        worst = max(worst, p64 / r, p32 / r)
        print(f"{name:>24} {r * 1e3:>7.2f}ms {p64 * 1e3:>7.2f}ms {p64 / r:>5.2f}x "
              f"{p32 * 1e3:>8.2f}ms {p32 / r:>5.2f}x {read_best[i] * 1e3:>8.2f}ms")
    print("solve alone, on a built instance:")
    for i, (n, m, siblings) in enumerate(sizes):
        r, p = solve_best[(i, "rust")], solve_best[(i, "python")]
        name = f"{n:,} x {m:,}" + (f" +{siblings:.0%} sib." if siblings else "")
        print(f"{name:>24} {r * 1e3:>7.2f}ms {p * 1e3:>7.2f}ms {p / r:>5.2f}x")
        worst = max(worst, p / r)
    print(f"worst ratio {worst:.2f} (target <= {TARGET})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
