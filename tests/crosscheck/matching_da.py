"""Cross-check: kezek's child-proposing deferred acceptance equals the resident-optimal
stable matching of the `matching` package (PyPI, `HospitalResident`) on random instances.

The child-optimal stable matching is unique, so any difference is a bug on one side.
Kindergartens rank the children who ranked them by kezek's priority order (kindergarten
level, higher first; base rank; child index). kezek runs through the `match_instance`
example (JSON lines in and out).

    python tests/crosscheck/matching_da.py [--instances 200] [--seed 1] [--mechanism …]

Prints `N passed, N failed`; exits non-zero on any failure.
"""

import argparse
import json
import random
import subprocess
import sys
import warnings
from pathlib import Path

from matching.games import HospitalResident

# The package warns about kindergartens nobody ranked; they simply stay empty.
warnings.simplefilter("ignore")

ROOT = Path(__file__).resolve().parents[2]


def random_instance(rng: random.Random) -> dict:
    n = rng.randint(1, 80)
    m = rng.randint(1, 12)
    prefs = [rng.sample(range(m), rng.randint(0, min(5, m))) for _ in range(n)]
    capacities = [rng.randint(0, 6) for _ in range(m)]
    base = list(range(n))
    rng.shuffle(base)
    priorities = []
    for _ in range(rng.randint(0, 10)):
        c = rng.randrange(n)
        if prefs[c]:
            priorities.append([c, rng.choice(prefs[c]), rng.randint(1, 2)])
    return {"preferences": prefs, "capacities": capacities, "base": base, "priorities": priorities}


def reference(inst: dict) -> list:
    """The resident-optimal matching of the `matching` package, as kindergarten per child."""
    prefs, base = inst["preferences"], inst["base"]
    level = {(c, k): lv for c, k, lv in inst["priorities"]}
    # The package cannot hold a hospital of capacity 0 (it fails on an empty match list);
    # such a kindergarten admits nobody, so it is left out of everyone's list.
    open_ = {k for k, cap in enumerate(inst["capacities"]) if cap > 0}
    residents = {f"c{c}": [f"k{k}" for k in ks if k in open_] for c, ks in enumerate(prefs)}
    residents = {r: ks for r, ks in residents.items() if ks}
    hospitals = {}
    for k in sorted(open_):
        applicants = [c for c, ks in enumerate(prefs) if k in ks]
        applicants.sort(key=lambda c: (-level.get((c, k), 0), base[c], c))
        hospitals[f"k{k}"] = [f"c{c}" for c in applicants]
    capacities = {f"k{k}": inst["capacities"][k] for k in sorted(open_)}
    out = [None] * len(prefs)
    if not residents:
        return out
    game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
    for hospital, matched in game.solve(optimal="resident").items():
        for resident in matched:
            out[int(str(resident)[1:])] = int(str(hospital)[1:])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--mechanism", default="deferred_acceptance",
        help="kezek's mechanism to compare (anything but deferred acceptance must differ)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    instances = [dict(random_instance(rng), mechanism=args.mechanism) for _ in range(args.instances)]
    lines = "".join(json.dumps(i) + "\n" for i in instances)
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "match_instance"],
        input=lines, capture_output=True, text=True, cwd=ROOT, check=True,
    )
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    passed = failed = 0
    for n, (inst, answer) in enumerate(zip(instances, answers)):
        want = reference(inst)
        if answer.get("assignments") == want and answer.get("blocking_pairs") == 0:
            passed += 1
        else:
            failed += 1
            print(f"instance {n}: kezek {answer} != matching {want}", file=sys.stderr)
    if len(answers) != len(instances):
        failed += len(instances) - len(answers)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
