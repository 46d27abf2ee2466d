"""Cross-check: every round of ranked choices an engine runs (RULES.md §5a) equals the
resident-optimal stable matching of the `matching` package (PyPI, `HospitalResident`) on
the instance its certificate records, and the certificate passes `verify_round` on the
engine restored from its snapshot.

The child-optimal stable matching is unique, so any difference is a bug on one side; the
verification ties the certificate's instance (choices, sibling priorities, directions
held, order) to the engine's state. Random engines: 3-6 kindergartens of one area; a few
older children (cohort 2020) given places and enrolled first, whose applicants' younger
children then have sibling priority there; 10-60 children of cohort 2021 ranking 1-4
kindergartens; two rounds of places, with some directions revoked in between (their
places go on at once) so that the second round has holders who may move up.

    python tests/crosscheck/ranked_rounds.py [--engines 60] [--seed 1]

Needs the `kezek` package (built into the venv by scripts/ci/python.sh) and `matching`.
Prints `N rounds passed, N failed`; exits non-zero on any failure.
"""

import argparse
import datetime as dt
import random
import sys
import warnings

import kezek
from matching.games import HospitalResident

# The package warns about kindergartens nobody ranked; they simply stay empty.
warnings.simplefilter("ignore")

AREA = {"region": "akmola", "area": "kokshetau", "languages": ["kazakh"]}
CONTACTS = {"email": "ana@mail.kz", "phone": "+7 701 123 45 67"}


def iin(born: dt.date, serial: int) -> str:
    """An IIN of someone born on `born`: the first serial from `serial` on that has one (a
    few serials have no valid check digit)."""
    while True:
        try:
            return kezek.Iin.from_parts(born, "female", serial).expose_digits()
        except kezek.IinError:
            serial += 1


def level(unit: dict, k: int) -> int:
    if unit.get("held") == k:
        return 0
    return 1 if k in unit.get("siblings_at", ()) else 2


def reference(cert: dict) -> list:
    """Where the `matching` package places each unit of the certificate's instance."""
    units, rooms = cert["units"], cert["kindergartens"]
    open_ = {k for k, r in enumerate(rooms) if r["places"] > 0}
    residents = {f"u{p}": [f"k{k}" for k in u["choices"] if k in open_] for p, u in enumerate(units)}
    residents = {r: ks for r, ks in residents.items() if ks}
    hospitals, capacities = {}, {}
    for k in sorted(open_):
        wanting = [p for p, u in enumerate(units) if k in u["choices"]]
        wanting.sort(key=lambda p: (level(units[p], k), p))
        hospitals[f"k{k}"] = [f"u{p}" for p in wanting]
        capacities[f"k{k}"] = rooms[k]["places"]
    out = [None] * len(units)
    if residents:
        game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
        for hospital, matched in game.solve(optimal="resident").items():
            for resident in matched:
                out[int(str(resident)[1:])] = int(str(hospital)[1:])
    return out


def publish(e: kezek.Engine, places: dict, cohort: int, at: dt.datetime) -> list:
    bulletins = [{"kindergarten": {"id": kg, **AREA}, "group_type": "general", "cohort": cohort,
                  "places": n} for kg, n in places.items() if n > 0]
    return e.publish(bulletins, at) if bulletins else []


def engine(rng: random.Random) -> tuple:
    """A random engine, and the certificates of its rounds of cohort 2021."""
    policy = kezek.PolicyBook.builtin().get("akmola-2024").replace(
        ranked_choices={"max_choices": 4, "sibling_priority": True})
    e = kezek.Engine(policy)
    m = rng.randint(3, 6)
    kgs = [f"kg-{k}" for k in range(m)]
    e.add_kindergartens([{"id": kg, **AREA, "group_types": ["general"]} for kg in kgs],
                        dt.datetime(2024, 1, 9, 9))
    base = {"address": {"region": "akmola", "district": "kokshetau"}, "group_type": "general",
            "language": "kazakh", "contacts": CONTACTS}
    at = dt.datetime(2024, 1, 10, 9)
    applicants, serial = [], 1
    # Older children, each at one kindergarten: enrolled before the rounds of 2021.
    older = {}
    for _ in range(rng.randint(0, 4)):
        parent = iin(dt.date(1985, 1, 1) + dt.timedelta(days=rng.randrange(3000)), serial)
        serial += 1
        kg = rng.choice(kgs)
        child = iin(dt.date(2020, 3, 1) + dt.timedelta(days=rng.randrange(150)), serial)
        serial += 1
        at += dt.timedelta(minutes=1)
        older[e.register({**base, "applicant_iin": parent, "child_iin": child,
                          "ranked_choices": [kg]}, at)] = kg
        applicants.append(parent)
    wanted: dict = {}
    for kg in older.values():
        wanted[kg] = wanted.get(kg, 0) + 1
    for r in publish(e, wanted, 2020, dt.datetime(2024, 2, 1, 10)):
        for d in r.directed:
            e.enroll(d.id, dt.datetime(2024, 2, 2, 10))
    at = dt.datetime(2024, 2, 3, 9)
    for _ in range(rng.randint(10, 60)):
        if applicants and rng.random() < 0.3:
            parent = rng.choice(applicants)
        else:
            parent = iin(dt.date(1985, 1, 1) + dt.timedelta(days=rng.randrange(3000)), serial)
            serial += 1
        child = iin(dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(200)), serial)
        serial += 1
        at += dt.timedelta(minutes=1)
        choices = rng.sample(kgs, rng.randint(1, min(4, m)))
        e.register({**base, "applicant_iin": parent, "child_iin": child, "ranked_choices": choices}, at)
    certificates = []
    first = publish(e, {kg: rng.randint(0, 3) for kg in kgs}, 2021, dt.datetime(2024, 3, 4, 10))
    certificates += [(r.certificate, e.snapshot()) for r in first if r.certificate]
    for r in first:
        for d in r.directed:
            if rng.random() < 0.2:
                e.revoke(d.id, dt.datetime(2024, 3, 4, 11))
    second = publish(e, {kg: rng.randint(0, 2) for kg in kgs}, 2021, dt.datetime(2024, 3, 5, 10))
    certificates += [(r.certificate, e.snapshot()) for r in second if r.certificate]
    return certificates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    passed = failed = holders = siblings = 0
    for n in range(args.engines):
        for cert, snapshot in engine(rng):
            placed = [u.get("placed") for u in cert["units"]]
            want = reference(cert)
            verdict = kezek.Engine.from_snapshot(snapshot).verify_round(cert)
            holders += sum("held" in u for u in cert["units"])
            siblings += sum(bool(u.get("siblings_at")) for u in cert["units"])
            if placed == want and verdict.holds:
                passed += 1
            else:
                failed += 1
                print(f"engine {n}: kezek {placed} != matching {want}, or {verdict}", file=sys.stderr)
    print(f"{passed} rounds passed, {failed} failed ({holders} holders, {siblings} with sibling priority)")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
