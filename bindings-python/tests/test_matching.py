"""Batch matching through Python: the shared ``matching.json`` cases, deferred acceptance
against the ``matching`` package, NumPy and list inputs, results as tables, pickling,
errors, and the GIL released while a mechanism runs."""

from __future__ import annotations

import importlib.util
import pathlib
import pickle
import random
import sys
from typing import Any

import numpy as np
import pytest

import kezek
from conformance import contains, load
from gil import steps_during
from kezek.matching import Envy, Instance, Matching, Mechanism, PriorityKey, TieBreak

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _crosscheck() -> Any:
    """``tests/crosscheck/matching_da.py``: its random instances and its reference answer
    from the ``matching`` package."""
    spec = importlib.util.spec_from_file_location("matching_da", ROOT / "tests" / "crosscheck" / "matching_da.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _instance(args: dict[str, Any], op: str) -> Instance:
    if op == "solve_flat":
        return Instance.from_flat(args["offsets"], args["choices"], args["capacities"], args["base"],
                                  args.get("priorities"))
    return Instance(args["preferences"], args["capacities"], args["base"], args.get("priorities"))


def _answer(inst: Instance, m: Matching) -> dict[str, Any]:
    """The answer in the shape of ``matching.json`` (as ``tests/conformance.rs`` builds it)."""
    return {
        "assignments": m.assignments,
        "admitted_count": sum(k is not None for k in m.assignments),
        "blocking_pairs": [list(p) for p in m.blocking_pairs()],
        "envy": [e.to_dict() for e in m.justified_envy()],
        "cutoffs": [c.to_dict() for c in m.cutoffs()],
        "why_not": {str(c): [w.to_dict() for w in m.why_not(c)] for c in range(inst.children)},
    }


CASES = load("matching.json")["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conformance_case(case: dict[str, Any]) -> None:
    args = case["args"]
    if "error" in case:
        with pytest.raises(kezek.MatchingError) as info:
            _instance(args, case["op"])
        assert info.value.code == case["error"] and isinstance(info.value, ValueError)
        return
    inst = _instance(args, case["op"])
    tie_break = TieBreak.from_dict(args.get("tie_break", {"kind": "none"}))
    m = inst.solve(args.get("mechanism", "deferred_acceptance"), tie_break)
    assert contains(_answer(inst, m), case["expect"]), case["name"]


def test_deferred_acceptance_equals_the_matching_package() -> None:
    """The child-optimal stable matching is unique: kezek's deferred acceptance, called from
    Python, equals the resident-optimal answer of the ``matching`` package."""
    cross = _crosscheck()
    rng = random.Random(6)
    for n in range(120):
        raw = cross.random_instance(rng)
        want = cross.reference(raw)
        nested = Instance(raw["preferences"], raw["capacities"], raw["base"], raw["priorities"])
        assert nested.deferred_acceptance().assignments == want, n
        # The same instance as flat NumPy arrays gives the same answer.
        lengths = [len(p) for p in raw["preferences"]]
        flat = Instance.from_flat(
            np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            np.array([k for p in raw["preferences"] for k in p], dtype=np.int32),
            np.array(raw["capacities"], dtype=np.uint16),
            np.array(raw["base"]),
            np.array(raw["priorities"], dtype=np.int64).reshape(-1, 3),
        )
        m = flat.deferred_acceptance()
        assert m.assignments == want and m.blocking_pairs() == [] and m.check_valid() is None, n


def test_every_mechanism_and_lottery_from_numpy_and_lists_agree() -> None:
    rng = np.random.default_rng(3)
    n, k = 300, 12
    lists = [list(rng.choice(k, size=rng.integers(0, 5), replace=False)) for _ in range(n)]
    capacities = rng.integers(0, 30, size=k)
    base = rng.permutation(n)
    offsets = np.concatenate([[0], np.cumsum([len(x) for x in lists])])
    choices = np.array([c for x in lists for c in x], dtype=np.int64)
    from_lists = Instance([[int(c) for c in x] for x in lists], capacities.tolist(), base.tolist())
    strided = np.repeat(choices, 2)[::2]  # a non-contiguous view
    from_numpy = Instance.from_flat(offsets, strided, capacities, base)
    for mechanism in Mechanism:
        for tb in (TieBreak.none(), TieBreak.single(9), TieBreak.multiple(9)):
            a, b = from_lists.solve(mechanism, tb), from_numpy.solve(mechanism, tb)
            assert a.assignments == b.assignments and a.check_valid() is None
            assert a.tie_break == tb and a.mechanism is mechanism
    assert from_lists.preferences_of(5) == [int(c) for c in lists[5]]


def test_explanations_are_records() -> None:
    inst = Instance([[1, 0], [1], [0]], capacities=[1, 1], base=[1, 0, 2])
    boston = inst.immediate_acceptance()
    assert boston.assignments == [None, 1, 0]
    assert boston.blocking_pairs() == [(0, 0)]
    assert boston.justified_envy() == [Envy(child=0, kindergarten=0, admitted=2)]
    why = boston.why_not(0)
    assert [(w.kindergarten, w.below_cutoff) for w in why] == [(1, True), (0, False)]
    assert why[0].cutoff is not None and why[0].cutoff < why[0].child  # the cutoff stood higher
    assert boston.priority(0, 1) == PriorityKey(level=0, base=1, lottery=0, child=0)
    assert boston.priority(0, 5) is None and boston.priority(99, 0) is None and boston.priority(-1, 0) is None
    assert boston.why_not(-1) == [] and boston.why_not(3) == []
    assert boston.admitted() == [[2], [1]] and boston.choices() == [None, 0, 0]
    assert [boston.kindergarten_of(c) for c in range(3)] == [None, 1, 0]
    with pytest.raises(kezek.InputError):
        boston.kindergarten_of(-1)
    # A matching from elsewhere is judged too; an over-full kindergarten is a violation.
    crowded = inst.matching([0, None, 0])
    violation = crowded.check_valid()
    assert violation is not None and (violation.kind, violation.kindergarten, violation.held) == ("over_capacity", 0, 2)


def test_tables_and_pickles() -> None:
    inst = Instance([[0, 1], [0], [0, 1]], [1, 1], [0, 1, 2], priorities=[(1, 0, 1)])
    m = inst.deferred_acceptance(TieBreak.single(4))
    assert m.to_dict() == {"child": [0, 1, 2], "kindergarten": [1, 0, None], "choice": [1, 0, None]}
    frame = m.to_pandas()
    assert list(frame.columns) == ["child", "kindergarten", "choice"]
    assert str(frame["kindergarten"].dtype) == "Int64" and frame["kindergarten"].isna().tolist() == [False, False, True]
    again = pickle.loads(pickle.dumps(m))
    assert again.assignments == m.assignments and again.tie_break == m.tie_break
    assert again.mechanism is Mechanism.DEFERRED_ACCEPTANCE
    assert again.instance.deferred_acceptance(TieBreak.single(4)).assignments == m.assignments
    assert repr(m) == "Matching(deferred_acceptance, 2 of 3 children placed)"


def test_a_missing_extra_names_its_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas installed, to_pandas() says which extra installs it (found by the
    README's examples run against a fresh install of the wheel)."""
    m = Instance([[0]], [1], [0]).deferred_acceptance(TieBreak.single(1))
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now fails
    with pytest.raises(ImportError, match=r"^to_pandas\(\) needs pandas: pip install 'kezek\[pandas\]'$") as info:
        m.to_pandas()
    assert info.value.name == "pandas"


@pytest.mark.parametrize(
    "build,code,what",
    [
        (lambda: Instance.from_flat(np.array([0, -1]), [0], [1], [0]), "INPUT_FORMAT", "offsets"),
        (lambda: Instance.from_flat([0, 1], np.array([[0]]), [1], [0]), "INPUT_FORMAT", "choices"),
        (lambda: Instance.from_flat([0, 1], np.array([0.5]), [1], [0]), "INPUT_FORMAT", "choices"),
        (lambda: Instance([[0]], [1], [0], priorities=[(0, 0)]), "INPUT_FORMAT", "priorities"),
        (lambda: Instance([[0]], [1], [0], priorities=[(0, 0, 300)]), "INPUT_FORMAT", "priorities"),
        (lambda: Instance([[0]] * 4, [1], [0, 1, 2, 3], priorities=np.zeros((3, 4), dtype=np.int64)), "INPUT_FORMAT", "priorities"),
        (lambda: Instance([[0]], [1], [0]).solve("lottery"), "INPUT_FORMAT", None),
        (lambda: Instance([[0]], [1], [0]).preferences_of(3), "INPUT_FORMAT", None),
        (lambda: Instance([[0]], [1], [0]).matching([None, 0]), "MATCHING_SHAPE", None),
        (lambda: Instance([[0], [0]], [1, 1], [0, 1]).matching([0, 1]), "MATCHING_UNRANKED", None),
    ],
)
def test_bad_input_raises_its_code(build: Any, code: str, what: Any) -> None:
    with pytest.raises(kezek.KezekError) as info:
        build()
    assert info.value.code == code and isinstance(info.value, ValueError)
    if what:
        assert what in str(info.value)


def test_a_mechanism_runs_without_the_gil() -> None:
    rng = np.random.default_rng(1)
    n, k = 200_000, 2_000
    offsets = np.arange(0, 5 * n + 1, 5)
    choices = np.concatenate([rng.choice(k, size=5, replace=False) for _ in range(2_000)] * 100)
    inst = Instance.from_flat(offsets, choices, np.full(k, 80), rng.permutation(n))
    assert steps_during(lambda: inst.deferred_acceptance(TieBreak.multiple(1))) > 0
