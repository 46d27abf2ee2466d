"""The package as a hostile host uses it (issue 22): wrong types and out-of-range values for
every parameter, deep data, bad text, random arguments (hypothesis, derandomised), and one
engine shared by threads. Each case asserts that the interpreter lives, that what is raised
is a KezekError with a code, that no IIN digits appear in it (message, args, repr, details,
context), and that a refused command leaves the snapshot byte-identical."""

from __future__ import annotations

import datetime as dt
import inspect
import threading
from typing import Any, Callable, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kezek
from conformance import load
from kezek import errors

AT = dt.datetime(2025, 3, 3, 9)
APP: dict[str, Any] = load("lifecycle.json")["application"]
IINS = (APP["child_iin"], APP["applicant_iin"], "210911500613")


def populated() -> kezek.Engine:
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.register(APP, AT)
    e.register({**APP, "child_iin": "210911500613"}, AT + dt.timedelta(minutes=5))
    e.notify(a, 1, AT + dt.timedelta(hours=1))
    return e


def raised(f: Callable[[], Any]) -> Optional[BaseException]:
    try:
        f()
    except BaseException as error:  # noqa: BLE001 - the test inspects whatever comes
        return error
    return None


def texts_of(error: BaseException) -> str:
    """Everything a host could print of an error, its chain included."""
    parts = [str(error), repr(error), repr(error.args)]
    if isinstance(error, kezek.KezekError):
        parts += [error.message(lang) for lang in ("kk", "ru", "en")] + [repr(error.details)]
    for linked in (error.__context__, error.__cause__):
        if linked is not None:
            parts.append(texts_of(linked))
    return "\n".join(parts)


# Lookups name the id they did not find: an IIN passed as a policy or kindergarten id comes
# back as that id, not as an IIN.
ECHOES_ITS_ID = {"POLICY_UNKNOWN_ID", "POLICY_UNKNOWN_REGION", "KINDERGARTEN_UNKNOWN"}


def assert_kezek_error(error: Optional[BaseException], what: str) -> kezek.KezekError:
    assert isinstance(error, kezek.KezekError), f"{what}: {type(error).__name__}: {error}"
    assert error.code and error.code.isupper(), what
    if error.code not in ECHOES_ITS_ID:
        text = texts_of(error)
        for iin in IINS:
            assert iin not in text, f"{what}: an IIN leaked: {text}"
    return error


OTHERS: dict[str, Any] = {
    "int": 123, "float": 1.5, "bool": True, "None": None, "dict": {}, "list": [],
    "bytes": b"x", "object": object(), "function": len, "datetime": dt.datetime(2025, 1, 1),
}


def test_wrong_types_for_every_parameter_are_coded_input_errors() -> None:
    e = populated()
    before = e.to_json()
    book = kezek.PolicyBook.builtin()
    cal = kezek.WorkCalendar.kazakhstan()
    calls: list[tuple[str, set[str], Callable[[Any], Any]]] = [
        ("Iin(text)", {"str"}, lambda v: kezek.Iin(v)),
        ("PolicyBook.get(id)", {"str"}, lambda v: book.get(v)),
        ("PolicyBook.policy_for(region)", {"str"}, lambda v: book.policy_for(v, dt.date(2025, 1, 1))),
        ("WorkCalendar.is_working_day(day)", {"datetime"}, lambda v: cal.is_working_day(v)),
        ("Engine(policy)", set(), lambda v: kezek.Engine(v)),
        ("Engine.state(id)", {"int", "bool"}, lambda v: e.state(v)),
        ("Engine.issue_direction(kindergarten)", set(), lambda v: e.issue_direction(1, v, AT + dt.timedelta(hours=2))),
        ("Engine.link_applicant(iin)", set(), lambda v: e.link_applicant(1, v, AT + dt.timedelta(hours=2))),
        ("Engine.notify(vacancies)", {"int", "bool"}, lambda v: e.notify(2, v, AT + dt.timedelta(hours=2))),
        ("Engine.advance_to(at)", {"datetime"}, lambda v: e.advance_to(v)),
        ("Engine.reserve(additional)", {"int"}, lambda v: e.reserve(v)),
        ("Policy.period(name)", set(), lambda v: book.get("akmola-2024").period(v)),
        ("SimulationResult.from_json(text)", set(), lambda v: kezek.simulation.SimulationResult.from_json(v)),
        ("SweepResult.from_json(text)", set(), lambda v: kezek.simulation.SweepResult.from_json(v)),
        ("Event.from_dict(data)", set(), lambda v: kezek.Event.from_dict(v)),
        ("RoundReport.from_dict(data)", set(), lambda v: kezek.RoundReport.from_dict(v)),
        ("Event.from_dict(a field)", set(), lambda v: kezek.Event.from_dict({"seq": 1, "at": v})),
    ]
    cases = 0
    for entry, accepted, call in calls:
        for kind, value in OTHERS.items():
            if kind in accepted:
                continue
            error = raised(lambda: call(value))
            if error is None:
                continue  # e.g. a float id that happens to convert: judged below by type
            err = assert_kezek_error(error, f"{entry} with {kind}")
            assert isinstance(err, errors.InputError) or err.code.startswith(("IIN_", "POLICY_", "APPLICATION_", "KINDERGARTEN_")), (entry, kind, err.code)
            cases += 1
    assert e.to_json() == before, "no refused call changed the engine"
    assert cases > 80, cases


def test_out_of_range_integers_are_input_errors_not_overflow() -> None:
    e = populated()
    for bad in (2**64, 2**70, -1):
        for call in (lambda: e.state(bad), lambda: e.notify(2, bad, AT + dt.timedelta(hours=2)),
                     lambda: e.reserve(bad), lambda: kezek.Iin.from_parts(dt.date(2021, 3, 8), "female", bad)):
            err = assert_kezek_error(raised(call), f"{bad}")
            assert not isinstance(err, OverflowError)
    assert raised(lambda: e.reserve(2**63)).code == "INPUT_TOO_LARGE"  # type: ignore[union-attr]
    assert raised(lambda: e.reserve(2**31)).code == "INPUT_TOO_LARGE"  # type: ignore[union-attr]


def _deep(levels: int, make: Callable[[Any], Any] = lambda v: [v]) -> Any:
    value: Any = []
    for _ in range(levels):
        value = make(value)
    return value


@pytest.mark.parametrize("make", [lambda v: [v], lambda v: {"a": v}, lambda v: (v,)], ids=["list", "dict", "tuple"])
def test_deep_data_is_refused_at_every_boundary(make: Callable[[Any], Any]) -> None:
    """≈ 8,000 levels segfaulted the interpreter (issue 22, defect 3)."""
    deep = _deep(20_000, make)
    e = populated()
    policy = kezek.PolicyBook.builtin().get("akmola-2024")
    for name, call in [
        ("register", lambda: e.register(deep, AT)),
        ("register documents", lambda: e.register({**APP, "documents": deep}, AT)),
        ("publish", lambda: e.publish(deep, AT)),
        ("replay", lambda: kezek.Engine.replay(policy, deep)),
        ("Policy.from_dict", lambda: kezek.Policy.from_dict(deep)),
        ("calendar data", lambda: kezek.WorkCalendar.from_json(deep)),
        ("queue key", lambda: e.listing(deep)),
        ("certificate", lambda: e.verify_round({"units": deep})),
        ("matching priorities", lambda: kezek.matching.Instance([[0]], [1], [0], priorities=deep)),
    ]:
        err = assert_kezek_error(raised(call), name)
        assert err.code in {"INPUT_DEPTH", "INPUT_FORMAT", "INPUT_TYPE"}, (name, err.code)


def test_an_iin_as_a_number_or_with_a_lone_surrogate_never_comes_back() -> None:
    e = populated()
    for field in ("child_iin", "applicant_iin"):
        err = assert_kezek_error(raised(lambda: e.register({**APP, field: int(APP[field])}, AT)), field)
        assert err.code == "INPUT_FORMAT"
    for text in (APP["child_iin"] + "\ud800", "\udcff" + APP["child_iin"]):
        assert_kezek_error(raised(lambda: kezek.Iin(text)), "surrogate Iin")
        assert_kezek_error(raised(lambda: e.register({**APP, "child_iin": text}, AT)), "surrogate register")
        assert_kezek_error(raised(lambda: e.link_applicant(1, text, AT + dt.timedelta(hours=2))), "surrogate link")
    snapshot = e.to_json().replace('"' + APP["child_iin"] + '"', APP["child_iin"] + "\ud800", 1)
    assert_kezek_error(raised(lambda: kezek.Engine.from_json(snapshot)), "a corrupted snapshot")
    snapshot = e.to_json().replace('"' + APP["child_iin"] + '"', APP["child_iin"], 1)
    assert_kezek_error(raised(lambda: kezek.Engine.from_json(snapshot)), "a snapshot with an IIN as a number")


def test_wrapper_steps_raise_coded_errors() -> None:
    policy = kezek.PolicyBook.builtin().get("akmola-2024")
    assert raised(lambda: policy.period("nope")).code == "INPUT_FORMAT"  # type: ignore[union-attr]
    err = raised(lambda: kezek.Iin.from_parts(dt.date(2021, 3, 8), "x", 1))
    assert_kezek_error(err, "Sex('x')")
    err = raised(lambda: kezek.Engine("akmola-2024"))  # type: ignore[arg-type]
    assert isinstance(err, errors.InputTypeError) and isinstance(err, TypeError), err


def test_one_engine_shared_by_eight_threads() -> None:
    """'Already borrowed' came 50k–170k times in 3 s with 8 threads (issue 22, defect 7):
    calls are serialised, and every error is the engine's own refusal."""
    e = populated()
    failures: list[BaseException] = []

    def work(n: int) -> None:
        for i in range(300):
            for call in (lambda: e.state(1), lambda: e.to_json(), lambda: e.state(99),
                         lambda: e.register({**APP, "child_iin": APP["child_iin"]}, AT + dt.timedelta(hours=3)),
                         lambda: e.position(2)):
                error = raised(call)
                if error is not None and not isinstance(error, kezek.KezekError):
                    failures.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    assert e.state(1).name == "notice_sent"


ANY = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.binary(max_size=8), st.sampled_from([*IINS, AT, AT.date(), "kg-1", "akmola", 1, 2, 3]),
    st.lists(st.integers(min_value=-2, max_value=4), max_size=4),
    st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=8), max_size=3),
    st.datetimes(min_value=dt.datetime(2025, 3, 3, 9), max_value=dt.datetime(2026, 1, 1)),
)
ENGINE_METHODS = sorted(
    n for n, m in inspect.getmembers(kezek.Engine)
    if not n.startswith("_") and callable(m) and n not in {"replay", "from_json"}
)


@settings(max_examples=1500)
@given(name=st.sampled_from(ENGINE_METHODS), args=st.lists(ANY, max_size=4))
def test_random_arguments_to_every_engine_method(name: str, args: list[Any]) -> None:
    e = populated()
    before = e.to_json()
    error = raised(lambda: getattr(e, name)(*args))
    if error is not None and not (isinstance(error, TypeError) and "positional argument" in str(error)):
        err = assert_kezek_error(error, f"{name}{tuple(type(a).__name__ for a in args)}")
        assert e.to_json() == before, f"{name} refused ({err.code}) but changed the engine"
    after = e.to_json()
    assert kezek.Engine.from_json(after).to_json() == after


@settings(max_examples=800)
@given(args=st.lists(ANY, max_size=4), which=st.integers(min_value=0, max_value=6))
def test_random_arguments_to_the_stateless_entry_points(args: list[Any], which: int) -> None:
    book = kezek.PolicyBook.builtin()
    cal = kezek.WorkCalendar.kazakhstan()
    targets: list[Callable[..., Any]] = [
        kezek.Iin, book.get, book.policy_for, cal.is_working_day, cal.add_working_days,
        cal.deadline, kezek.simulation.default_city_input,
    ]
    target = targets[which]
    error = raised(lambda: target(*args))
    if error is not None and not (isinstance(error, TypeError) and "positional argument" in str(error)):
        assert_kezek_error(error, f"{getattr(target, '__name__', target)}{tuple(type(a).__name__ for a in args)}")


@pytest.mark.parametrize("keep_log", [True, False])
def test_a_panicking_command_is_an_internal_error_and_is_rolled_back(keep_log: bool) -> None:
    """A bug in a command (the test hook advances the clock, then panics) reaches Python as
    InternalError, an Exception (never pyo3's PanicException, a BaseException), and leaves
    the engine as it was, however many times it happens."""
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"), keep_log=keep_log)
    e.register(APP, AT)
    before = e.to_json()
    for _ in range(200):
        error = raised(lambda: e._native._panic_for_testing(AT + dt.timedelta(days=3)))
        assert isinstance(error, kezek.InternalError) and isinstance(error, Exception)
        assert error.code == "INTERNAL" and "panic for testing" in error.details["panic"]
        assert e.to_json() == before
    e.advance_to(AT + dt.timedelta(hours=1))  # still usable


def test_a_panic_anywhere_else_is_an_internal_error() -> None:
    """Outside an engine command (a query, matching, the simulator), the boundary turns
    pyo3's PanicException into InternalError."""
    from kezek import _kezek
    from kezek._boundary import guarded

    error = raised(lambda: guarded(_kezek._panic_for_testing, "test")("a bug in a query"))
    assert isinstance(error, kezek.InternalError), type(error)
    assert error.details["panic"] == "a bug in a query"


@pytest.mark.parametrize("cls", [
    kezek.Engine, kezek.Iin, kezek.WorkCalendar, kezek.ProvisionalCalendar, kezek.Policy,
    kezek.PolicyBook, kezek.matching.Instance, kezek.matching.Matching,
    kezek.simulation.SimulationInput, kezek.simulation.SimulationResult, kezek.simulation.Table,
], ids=lambda c: c.__name__)
def test_an_object_whose_constructor_did_not_finish_still_prints(cls: Any) -> None:
    """A debugger or a traceback prints the locals of a failed constructor: repr and str of
    an object made by ``__new__`` alone print, never raise."""
    obj = cls.__new__(cls)
    assert cls.__name__ in repr(obj) and isinstance(str(obj), str)
