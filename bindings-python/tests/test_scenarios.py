"""The lifecycle and offer-round scenarios of ``tests/conformance/``, step by step through
the Python engine: the same states, positions, deadlines and errors as Rust."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import kezek
from conformance import CONFORMANCE, contains, load, scenario_files, scenario_policy

Step = dict[str, Any]


def _refusal(e: kezek.KezekError) -> tuple[str, list[str]]:
    return (e.code, list(e.details.get("failed", [])))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


# The engine's commands (the core's list); every other op is a query.
COMMANDS = set(kezek.Engine.COMMANDS)


def run_step(engine: kezek.Engine, file: dict[str, Any], s: Step) -> Any:
    a: dict[str, Any] = s.get("args") or {}
    at: Any = dt.datetime.fromisoformat(s["at"]) if s.get("at") else None
    op = s["op"]
    i: Any = a.get("id")

    def application() -> dict[str, Any]:
        return {**file["application"], **a}

    if op in COMMANDS:
        # Every command through the one entry, as data (RoundReports, ids or None back).
        fields = {"application": application()} if op == "register" else a
        return engine.execute({"command": op, **fields}, at)
    if op == "state":
        return engine.state(i).to_dict()
    if op == "position":
        return _plain(engine.position(i))
    if op == "listing":
        return engine.listing(engine.queue_key(i))
    if op == "statistics":
        return engine.statistics()
    if op == "history":
        return [e.reason for e in engine.history(i)]
    if op == "next_deadline":
        due = engine.next_deadline(i)
        return None if due is None else {"at": due.at.isoformat(), "kind": due.kind.value}
    if op == "explain_take_place":
        d = engine.explain_take_place(i, at)
        assert d.question == "may_take_place"
        return {"allowed": d.allowed, "failed": list(d.failed)}
    if op == "explain_offer":
        d = engine.explain_offer(i, a["vacancies"], at)
        return {"allowed": d.allowed, "failed": list(d.failed)}
    if op == "explain_registration":
        d = engine.explain_registration(application(), at)
        return {"allowed": d.allowed, "failed": list(d.failed)}
    if op == "interest_due":
        confirmation = engine.interest_due(i)
        return None if confirmation is None else confirmation.to_dict()
    if op == "choices":
        return [b.to_dict() for b in engine.choices(i)]
    if op == "ranked_choices":
        return engine.ranked_choices(i)
    if op == "kindergartens":
        return engine.kindergartens()
    if op == "verify_round":
        return engine.verify_round(a["certificate"]).to_dict()
    if op == "choice_cutoffs":
        return [c.to_dict() for c in engine.choice_cutoffs(a["certificate"], i)]
    if op == "given_on":
        return [d.to_dict() for d in engine.given_on()]
    if op == "bulletin":
        return engine.bulletin(a["bulletin"]).to_dict()
    if op == "open_places":
        return engine.open_places(engine.queue_key(i))
    if op == "child":
        app = engine.application(i)
        return {
            "birth_date": app["child_birth_date"],
            "sex": app["child_sex"],
            "birth_date_source": app["birth_date_source"],
            "cohort": engine.queue_key(i).cohort,
        }
    raise AssertionError(f"unknown op {op}")


def _scenarios(name: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    file = load(name)
    return [(file, sc) for sc in file["scenarios"]]


@pytest.mark.parametrize(
    "file,scenario",
    [pair for name in scenario_files() for pair in _scenarios(name)],
    ids=lambda x: x.get("name", "file") if isinstance(x, dict) else str(x),
)
def test_scenario(file: dict[str, Any], scenario: dict[str, Any]) -> None:
    engine = kezek.Engine(scenario_policy(scenario))
    for n, s in enumerate(scenario["steps"], 1):
        where = f"{scenario['name']} step {n} ({s['op']})"
        try:
            outcome: Any = ("ok", run_step(engine, file, s))
        except kezek.KezekError as e:
            outcome = ("error", _refusal(e))
        if "error" in s:
            assert outcome[0] == "error", f"{where}: got {outcome}"
            code, failed = outcome[1]
            assert code == s["error"], where
            if "failed" in s:
                assert failed == s["failed"], where
        else:
            assert outcome[0] == "ok", f"{where}: raised {outcome[1]}"
            assert contains(outcome[1], s["expect"]), f"{where}: {outcome[1]!r} vs {s['expect']!r}"


@pytest.mark.parametrize("case", load("snapshots.json")["cases"], ids=lambda c: c["name"][:60])
def test_earlier_snapshot_loads_migrated(case: dict[str, Any]) -> None:
    text = (CONFORMANCE / case["from"]).read_text(encoding="utf-8")
    if "error" in case:
        with pytest.raises(kezek.KezekError) as caught:
            kezek.Engine.from_json(text)
        assert caught.value.code == case["error"]
        return
    engine = kezek.Engine.from_json(text)
    assert json.loads(engine.to_json()) == load(case["expect"])
