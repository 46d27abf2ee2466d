"""Errors: each code raises its class (a KezekError that is also the right builtin), with
its structured fields and its messages in three languages; a refused command changes
nothing; errors pickle."""

from __future__ import annotations

import datetime as dt
import functools
import json
import pickle
from typing import Any, Callable

import pytest

import kezek
from conformance import load, scenario_files, scenario_policy
from kezek import errors

AT = dt.datetime(2025, 3, 3, 9)
APP: dict[str, Any] = load("lifecycle.json")["application"]


def engine(policy: str = "akmola-2024") -> kezek.Engine:
    return kezek.Engine(kezek.PolicyBook.builtin().get(policy))


def registered() -> tuple[kezek.Engine, int]:
    e = engine()
    return e, e.register(APP, AT)


def directed() -> tuple[kezek.Engine, int]:
    """A general-class child holding a direction."""
    e, i = registered()
    e.notify(i, 1, AT + dt.timedelta(hours=1))
    e.issue_direction(i, "kg-1", AT + dt.timedelta(hours=2))
    return e, i


def _on(engine_and_id: tuple[kezek.Engine, int], command: str, at: dt.datetime) -> None:
    e, i = engine_and_id
    getattr(e, command)(i, at)


def _link_alone() -> None:
    e = engine("astana-2024")  # Astana links twins (RULES.md §4, revised 2026-12)
    e.link_batch([e.register(APP, AT)], AT)


def _link_in_akmola() -> None:
    e, i = registered()
    e.link_batch([i, i], AT)


def _raise(f: Callable[[], Any]) -> kezek.KezekError:
    with pytest.raises(kezek.KezekError) as info:
        f()
    return info.value


# (code, how to cause it, class, builtin)
def _deep(levels: int) -> Any:
    value: Any = []
    for _ in range(levels):
        value = [value]
    return value


def _city() -> dict[str, Any]:
    return dict(kezek.simulation.default_city_input(2024, 1, 1).to_dict())


TRIGGERS: list[tuple[str, Callable[[], Any], type, type]] = [
    ("IIN_LENGTH", lambda: kezek.Iin("21030860040"), errors.IinError, ValueError),
    ("IIN_CHECKSUM", lambda: kezek.Iin("210308600404"), errors.IinError, ValueError),
    ("IIN_SERIAL", lambda: kezek.Iin.from_parts(dt.date(2021, 3, 8), "female", 10000), errors.IinError, ValueError),
    ("IIN_DATE", lambda: kezek.Iin.from_parts(dt.date(2100, 1, 1), "male", 1), errors.IinError, ValueError),
    ("CALENDAR_YEAR_UNKNOWN", lambda: kezek.WorkCalendar.kazakhstan().is_working_day(dt.date(2031, 1, 1)), errors.CalendarError, ValueError),
    ("CALENDAR_JSON", lambda: kezek.WorkCalendar.from_json("{"), errors.CalendarError, ValueError),
    ("POLICY_UNKNOWN_REGION", lambda: kezek.PolicyBook.builtin().policy_for("mars", dt.date(2025, 1, 1)), errors.PolicyNotFoundError, LookupError),
    ("POLICY_UNKNOWN_ID", lambda: kezek.PolicyBook.builtin().get("nope"), errors.PolicyNotFoundError, LookupError),
    ("POLICY_JSON", lambda: kezek.PolicyBook.from_json("[]"), errors.PolicyInvalidError, ValueError),
    ("APPLICATION_UNKNOWN", lambda: engine().state(7), errors.ApplicationNotFoundError, LookupError),
    ("BULLETIN_UNKNOWN", lambda: engine().bulletin(3), errors.BulletinNotFoundError, LookupError),
    ("SNAPSHOT_FORMAT", lambda: kezek.Engine.from_json("{}"), errors.SnapshotError, ValueError),
    ("SNAPSHOT_VERSION", lambda: kezek.Engine.from_json('{"schema_version": 999}'), errors.SnapshotError, ValueError),
    ("SNAPSHOT_INCONSISTENT", lambda: kezek.Engine.from_json(json.dumps({**json.loads(engine().to_json()), "next_seq": 0})), errors.SnapshotError, ValueError),
    ("INPUT_FORMAT", lambda: engine().register({"child_iin": "210308600403"}, AT), errors.InputError, ValueError),
    ("INPUT_TYPE", lambda: engine().reserve("10"),  # type: ignore[arg-type]
     errors.InputTypeError, TypeError),
    ("INPUT_DEPTH", lambda: engine().register(_deep(100), AT), errors.InputError, ValueError),
    ("INPUT_TOO_LARGE", lambda: engine().reserve(2**31), errors.InputError, ValueError),
    ("INTERNAL", lambda: engine()._native._panic_for_testing(AT), errors.InternalError, RuntimeError),
    ("SIMULATION_TABLE", lambda: kezek.simulation.SimulationInput(_city()).with_city(
        [["district", "id", "languages", "places_age_3"], ["Almaly", "kg-1", "kk", "-1"]],
        [["district", "births"], ["Almaly", "1"]]), errors.SimulationError, ValueError),
    ("SIMULATION_TOO_LARGE", lambda: _simulate({**_city(), "arrivals": {**_city()["arrivals"], "per_month": 10**9}}), errors.SimulationError, ValueError),
    ("TIME_BEFORE_CLOCK", lambda: _on(registered(), "withdraw", AT - dt.timedelta(days=1)), errors.CommandRefusedError, ValueError),
    ("STATE_FORBIDS", lambda: _on(registered(), "enroll", AT), errors.CommandRefusedError, ValueError),
    ("RIGHT_NOT_REQUIRED", lambda: _on(directed(), "confirm_right", AT + dt.timedelta(hours=3)), errors.CommandRefusedError, ValueError),
    ("BATCH_SIZE", lambda: _link_alone(), errors.CommandRefusedError, ValueError),
    ("BATCH_NOT_IN_POLICY", lambda: _link_in_akmola(), errors.CommandRefusedError, ValueError),
    ("REGISTRATION_REFUSED", lambda: engine().register({**APP, "child_iin": APP["applicant_iin"]}, AT), errors.CommandRefusedError, ValueError),
    ("MATCHING_UNRANKED", lambda: kezek.matching.Instance([[0], [0]], [1, 1], [0, 1]).matching([0, 1]), errors.MatchingError, ValueError),
    ("BULLETIN_INVALID", lambda: engine().publish([{"kindergarten": {"id": " ", "region": "akmola", "area": "kokshetau", "languages": ["kazakh"]}, "group_type": "general", "cohort": 2021, "places": 1}], AT), errors.PlacesRefusedError, ValueError),
]


@pytest.mark.parametrize("code,cause,cls,builtin", TRIGGERS, ids=[t[0] for t in TRIGGERS])
def test_each_code_raises_its_class(code: str, cause: Callable[[], Any], cls: type, builtin: type) -> None:
    err = _raise(cause)
    assert err.code == code
    assert type(err) is cls
    assert isinstance(err, builtin) and isinstance(err, kezek.KezekError)
    # Three distinct, non-empty messages; str() follows the chosen language.
    texts = {lang: err.message(lang) for lang in ("kk", "ru", "en")}
    assert all(texts.values()) and len(set(texts.values())) == 3, texts
    with kezek.language("ru"):
        assert str(err) == texts["ru"]
    assert str(err) == texts["en"]


def _class_for(code: str) -> type:
    """The class each code maps to, stated independently of the binding's table."""
    lookups = {
        "POLICY_UNKNOWN_REGION": errors.PolicyNotFoundError,
        "POLICY_NOT_IN_FORCE": errors.PolicyNotFoundError,
        "POLICY_UNKNOWN_ID": errors.PolicyNotFoundError,
        "APPLICATION_UNKNOWN": errors.ApplicationNotFoundError,
        "BULLETIN_UNKNOWN": errors.BulletinNotFoundError,
        "KINDERGARTEN_UNKNOWN": errors.KindergartenNotFoundError,
    }
    if code in lookups:
        return lookups[code]
    if code == "INPUT_TYPE":
        return errors.InputTypeError
    if code == "INTERNAL":
        return errors.InternalError
    prefixes = {"INPUT_": errors.InputError, "IIN_": errors.IinError, "CALENDAR_": errors.CalendarError, "POLICY_": errors.PolicyInvalidError,
                "MATCHING_": errors.MatchingError, "SIMULATION_": errors.SimulationError, "SNAPSHOT_": errors.SnapshotError}
    for prefix, cls in prefixes.items():
        if code.startswith(prefix):
            return cls
    places = {"PLACES_FROZEN", "PLACE_TAKEN", "PLACE_RESERVED", "PLACE_OTHER_QUEUE", "PLACE_HELD_ELSEWHERE",
              "DISTRIBUTION_NOT_STARTED", "WAITING_LIST_NOT_NEEDED", "RESTORE_USED", "BULLETIN_INVALID",
              "KINDERGARTEN_INVALID"}
    return errors.PlacesRefusedError if code in places else errors.CommandRefusedError


def _simulate(data: dict[str, Any]) -> Any:
    return kezek.simulation.simulate(kezek.simulation.SimulationInput(data))


def _reraise(err: Exception) -> None:
    raise err


def _conformance_errors() -> list[tuple[str, Callable[[], Any]]]:
    """Every error case of the shared files, as (expected code, the call that raises it)."""
    from test_conformance import calendar_case, iin_case, policy_case
    from test_matching import _instance
    from test_scenarios import run_step

    out: list[tuple[str, Callable[[], Any]]] = []
    for name, make in (("iin.json", iin_case), ("calendar.json", calendar_case), ("policy.json", policy_case)):
        out += [(c["error"], make(c)) for c in load(name)["cases"] if "error" in c]
    out += [(c["error"], functools.partial(_instance, c["args"], c["op"]))
            for c in load("matching.json")["cases"] if "error" in c]
    out += [(c["error"], functools.partial(_simulate, c["args"]["input"]))
            for c in load("simulation.json")["cases"] if "error" in c]
    for name in scenario_files():
        file = load(name)
        for sc in file["scenarios"]:
            e = kezek.Engine(scenario_policy(sc))
            for s in sc["steps"]:
                if "error" in s:
                    # Scenario steps run in order: raise now, replay the raise later.
                    out.append((s["error"], functools.partial(_reraise, _raise(lambda: run_step(e, file, s)))))
                else:
                    run_step(e, file, s)
    return out


# Every code of the core's error enums (the shared list, tests/conformance/error-codes.json),
# the input codes Python can meet (it has no free(): no INPUT_FREED) and INTERNAL: a new
# code must be reached from Python before this test passes.
ALL_CODES = (set(load("error-codes.json")["core"]) | set(load("error-codes.json")["input"]) - {"INPUT_FREED"}
             | set(load("error-codes.json")["bindings"]))


def test_every_error_code_is_raised_from_python_with_its_class() -> None:
    """The trigger table and every error case of the shared files: each raises the class
    its code belongs to (also the right builtin), with three messages; together they reach
    every code."""
    seen: set[str] = set()
    for code, cause in [(t[0], t[1]) for t in TRIGGERS] + _conformance_errors():
        err = _raise(cause)
        assert err.code == code
        assert type(err) is _class_for(code), code
        builtin = LookupError if issubclass(_class_for(code), LookupError) else (
            TypeError if code == "INPUT_TYPE" else RuntimeError if code == "INTERNAL" else ValueError)
        assert isinstance(err, builtin), code
        assert len({err.message(lang) for lang in ("kk", "ru", "en")}) == 3, code
        seen.add(code)
    assert seen == ALL_CODES, sorted(ALL_CODES ^ seen)


def test_structured_fields() -> None:
    err = _raise(lambda: kezek.Iin("21030860040"))
    assert err.details == {"found": 11} and err.found == 11
    e, i = registered()
    err = _raise(lambda: e.withdraw(i, AT - dt.timedelta(hours=1)))
    assert err.details["now"] == AT and isinstance(err.details["at"], dt.datetime)
    err = _raise(lambda: e.state(99))
    assert err.id == 99


def test_refused_command_changes_nothing() -> None:
    e, i = registered()
    before = e.to_json()
    _raise(lambda: e.enroll(i, AT + dt.timedelta(days=1)))
    _raise(lambda: e.register({**APP, "child_iin": "210308600404"}, AT + dt.timedelta(days=1)))
    assert e.to_json() == before


def test_errors_pickle_and_never_show_an_iin() -> None:
    err = _raise(lambda: engine().register({**APP, "child_iin": "210308600404"}, AT))
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and back.code == err.code and back.details == err.details
    shown = repr(err) + "".join(err.message(l) for l in ("kk", "ru", "en")) + json.dumps(err.details, default=str)
    for digits in ("210308600404", "900101300017"):
        assert digits not in shown


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        kezek.set_language("de")
