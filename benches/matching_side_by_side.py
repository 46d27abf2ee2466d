"""Side-by-side: child-proposing deferred acceptance in kezek, in the `matching` package
(PyPI, `HospitalResident`, resident-optimal) and in a plain pure-Python heap-based
implementation, on the same instances, in one run; prints the times and their ratios.

Instances: 5,000 children × 200 kindergartens × 5 choices and 40,000 × 1,600 × 5,
capacities 20 ± 5, the lower-numbered kindergartens a little more popular, priorities a
random queue order (the shape of `kezek_benches::matching_instance`). kezek runs through the
`match_instance` example; its time is the solve alone, measured inside the process (no
JSON). The three results are checked equal before any time is printed. The `matching`
package takes minutes on the larger instance (135 s here).

    python benches/matching_side_by_side.py [--skip-matching] [--repeat 3]

Needs `matching` (see tests/crosscheck/requirements.txt).
"""

import argparse
import heapq
import json
import random
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
warnings.simplefilter("ignore")


def instance(n: int, m: int, choices: int, seed: int, siblings: float = 0.0) -> dict:
    rng = random.Random(seed)
    prefs = []
    for _ in range(n):
        picked: list = []
        while len(picked) < min(choices, m):
            k = min(rng.randrange(m), rng.randrange(m))
            if k not in picked:
                picked.append(k)
        prefs.append(picked)
    capacities = [15 + rng.randrange(11) for _ in range(m)]
    base = list(range(n))
    rng.shuffle(base)
    # A share of children with a sibling at one of their choices: priority level 1 there.
    priorities = [[c, rng.choice(ks), 1] for c, ks in enumerate(prefs) if rng.random() < siblings]
    return {"preferences": prefs, "capacities": capacities, "base": base, "priorities": priorities}


def levels(inst: dict) -> list:
    """Per kindergarten, the children it raises: {child: level}."""
    out: list = [{} for _ in inst["capacities"]]
    for c, k, level in inst["priorities"]:
        out[k][c] = level
    return out


def pure_python(inst: dict) -> list:
    """Deferred acceptance with a max-heap per kindergarten, in plain Python. A kindergarten
    ranks children by (priority level, descending; base rank)."""
    prefs, caps, base = inst["preferences"], inst["capacities"], inst["base"]
    raised = levels(inst)
    n = len(prefs)
    nxt = [0] * n
    held = [[] for _ in caps]  # heaps of (-level, -base, child)... negated: the worst on top
    out = [None] * n
    free = list(range(n - 1, -1, -1))
    while free:
        c = free.pop()
        if nxt[c] >= len(prefs[c]):
            continue
        k = prefs[c][nxt[c]]
        nxt[c] += 1
        heap = held[k]
        entry = (raised[k].get(c, 0), -base[c], c)  # larger is better; the heap's top is the worst
        if len(heap) < caps[k]:
            heapq.heappush(heap, entry)
            out[c] = k
        elif heap and heap[0] < entry:
            _, _, worst = heapq.heapreplace(heap, entry)
            out[worst] = None
            out[c] = k
            free.append(worst)
        else:
            free.append(c)
    return out


def with_matching(inst: dict) -> list:
    """The `matching` package. It deep-copies its graph of players, which recurses once per
    player: run in a thread with a large stack and a high recursion limit."""
    import threading

    result: list = []
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    thread = threading.Thread(target=lambda: result.append(_matching(inst)))
    thread.start()
    thread.join()
    if not result:
        raise RuntimeError("the matching package failed")
    return result[0]


def _matching(inst: dict) -> list:
    from matching.games import HospitalResident

    warnings.simplefilter("ignore")  # the package turns its warnings back on when imported

    prefs, caps, base = inst["preferences"], inst["capacities"], inst["base"]
    applicants = [[] for _ in caps]
    for c, ks in enumerate(prefs):
        for k in ks:
            applicants[k].append(c)
    residents = {f"c{c}": [f"k{k}" for k in ks] for c, ks in enumerate(prefs)}
    raised = levels(inst)
    hospitals = {
        f"k{k}": [f"c{c}" for c in sorted(a, key=lambda c: (-raised[k].get(c, 0), base[c]))]
        for k, a in enumerate(applicants)
    }
    capacities = {f"k{k}": cap for k, cap in enumerate(caps)}
    game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
    out = [None] * len(prefs)
    for hospital, matched in game.solve(optimal="resident").items():
        for r in matched:
            out[int(str(r)[1:])] = int(str(hospital)[1:])
    return out


def with_kezek(insts: list, repeat: int) -> list:
    """kezek's answer and its fastest solve of `repeat`, timed inside the process."""
    lines = "".join(json.dumps({**i, "repeat": repeat}) + "\n" for i in insts)
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "match_instance"],
        input=lines, capture_output=True, text=True, cwd=ROOT, check=True,
    )
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    return [(a["assignments"], a["solve_seconds"]) for a in answers]


def best_of(repeat: int, f, *args):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = f(*args)
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-matching", action="store_true", help="leave the matching package out")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (matching: 1)")
    args = parser.parse_args()
    # The third row raises 10% of the children at one of their choices (a sibling there):
    # kindergartens no longer share one order, and kezek runs the proposals with heaps.
    sizes = [(5_000, 200, 0.0), (40_000, 1_600, 0.0), (40_000, 1_600, 0.1)]
    insts = [instance(n, m, 5, 2026, siblings) for n, m, siblings in sizes]
    kezek = with_kezek(insts, args.repeat)
    print(f"{'instance':>24} {'kezek':>10} {'pure Python':>12} {'matching':>10} {'py/kezek':>9} {'matching/kezek':>15}")
    for (n, m, siblings), inst, (k_out, k_time) in zip(sizes, insts, kezek):
        name = f"{n:,} x {m:,}" + (f" +{siblings:.0%} sib." if siblings else "")
        p_out, p_time = best_of(args.repeat, pure_python, inst)
        if p_out != k_out:
            print(f"{name}: pure Python and kezek differ", file=sys.stderr)
            return 1
        m_cell, ratio_m = "—", "—"
        if not args.skip_matching:
            m_out, m_time = best_of(1, with_matching, inst)
            if m_out != k_out:
                print(f"{name}: matching and kezek differ", file=sys.stderr)
                return 1
            m_cell, ratio_m = f"{m_time:.3f} s", f"{m_time / k_time:,.0f}x"
        print(f"{name:>24} {k_time * 1000:>8.2f}ms {p_time:>10.3f} s {m_cell:>10} {p_time / k_time:>8,.0f}x {ratio_m:>15}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
