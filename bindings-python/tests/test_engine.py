"""The engine from Python: a walk through an application's life, replay, snapshots and
pickling (so multiprocessing and Dask/Ray sweeps can ship engines)."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest

import kezek
from conformance import load

AT = dt.datetime(2025, 3, 3, 9)
APP: dict[str, Any] = load("lifecycle.json")["application"]


def test_an_application_from_registration_to_enrolment() -> None:
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.register(APP, AT)
    b = e.register({**APP, "child_iin": "210911500613"}, AT)
    pos = e.position(b)
    assert pos is not None and pos.number == 2 and pos.ahead.general == 1
    assert e.notify(a, 1, AT + dt.timedelta(hours=1)) == [a]
    state = e.state(a)
    assert state.name is kezek.StateName.NOTICE_SENT and "choose_by" in state.fields
    assert e.state_name(a) is kezek.StateName.NOTICE_SENT and e.state_name(b) is kezek.StateName.QUEUED
    e.issue_direction(a, "kg-1", AT + dt.timedelta(hours=2))
    e.enroll(a, AT + dt.timedelta(days=1))
    assert e.state(a).name == "enrolled"
    assert [ev.reason for ev in e.history(a)] == ["REGISTERED", "NOTICE_SENT", "DIRECTION_ISSUED", "ENROLLED"]
    assert e.position(a) is None
    # The log replays into the same engine.
    again = kezek.Engine.replay(e.policy, e.log())
    assert again.to_json() == e.to_json()


def test_engines_and_results_pickle() -> None:
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.register(APP, AT)
    back = pickle.loads(pickle.dumps(e))
    assert back.to_json() == e.to_json() and back.state(a) == e.state(a)
    decision = e.explain_offer(a, 1, AT)
    assert decision.allowed and decision.failed == () and decision.failures == ()
    too_many = e.explain_offer(a, 0, AT)
    assert not too_many.allowed and too_many.failed == tuple(c.code for c in too_many.failures)
    for value in (e.position(a), e.history(a), e.explain_offer(a, 1, AT), e.policy, kezek.Iin(APP["child_iin"]),
                  kezek.WorkCalendar.kazakhstan(), kezek.PolicyBook.builtin()):
        restored = pickle.loads(pickle.dumps(value))
        assert type(restored) is type(value)
    assert pickle.loads(pickle.dumps(e.position(a))) == e.position(a)


def test_iin_is_masked_when_printed() -> None:
    iin = kezek.Iin("210308600403")
    assert repr(iin) == "Iin('********0403')" and str(iin) == "********0403"
    assert "21030860" not in repr([iin]) and iin.expose_digits() == "210308600403"
    assert iin.encoded_sex is kezek.Sex.FEMALE and iin.encoded_birth_date == dt.date(2021, 3, 8)
    assert kezek.Iin.from_parts(dt.date(2021, 3, 8), "female", 40) == iin


def test_policy_variants_for_analysts() -> None:
    policy = kezek.PolicyBook.builtin().policy_for("akmola", dt.date(2025, 9, 1))
    short = policy.replace(id="akmola-short", choice_window=kezek.Period(1, kezek.PeriodUnit.WORKING_DAYS))
    assert short.period("choice_window") == kezek.Period(1, kezek.PeriodUnit.WORKING_DAYS)
    assert policy.period("choice_window").amount == 3
    cal = kezek.WorkCalendar.kazakhstan()
    notice = dt.datetime(2025, 9, 5, 10)
    assert cal.deadline(notice, short.period("choice_window")).last_day < cal.deadline(notice, policy.period("choice_window")).last_day


def test_every_command_goes_through_one_entry() -> None:
    """Issue 24 §2: Engine.execute takes any command as data; the typed methods are
    written on it and check their scalar arguments first."""
    import numpy as np

    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.execute({"command": "register", "application": APP}, AT)
    assert a == 1
    assert e.execute({"command": "notify", "id": a, "vacancies": 1}, AT) == [a]
    assert e.execute({"command": "issue_direction", "id": a, "kindergarten": "kg-1"}, AT) is None
    assert e.state(a).name is kezek.StateName.DIRECTION_ISSUED
    before = e.to_json()
    for bad in ({"id": 1}, {"command": "fly"}, {"command": "withdraw"}, {"command": "withdraw", "id": "1"},
                {"command": "withdraw", "id": 1, "extra": 2}):
        try:
            e.execute(bad, AT)
        except kezek.InputError as err:
            assert err.code == "INPUT_FORMAT", bad
        else:
            raise AssertionError(f"{bad} was accepted")
    # A date is not a kindergarten's name, though as data it would read as one.
    for wrong in (dt.date(2025, 1, 1), b"kg-1", 5):
        try:
            e.issue_direction(a, wrong, AT)  # type: ignore[arg-type]
        except kezek.InputError as err:
            assert err.code == "INPUT_TYPE", wrong
        else:
            raise AssertionError(f"{wrong!r} was accepted")
    assert e.to_json() == before, "refusals changed nothing"
    # Ids read from an analyst's table (NumPy integers) are integers.
    e.enroll(np.int64(a), AT + dt.timedelta(hours=1))  # type: ignore[arg-type]
    assert e.state(a).name is kezek.StateName.ENROLLED


def test_every_query_is_data_through_ask_and_has_its_typed_method() -> None:
    """Issue 24: one entry for queries (``ask``) as for commands (``execute``); the core's
    lists name them, and every name has its typed method here."""
    for name in kezek.Engine.COMMANDS + kezek.Engine.QUERIES:
        assert callable(getattr(kezek.Engine, name, None)), name
    assert not set(kezek.Engine.COMMANDS) & set(kezek.Engine.QUERIES)
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.register(APP, AT)
    assert e.ask({"query": "position", "id": a}) == {"number": 1, "ahead": {
        "out_of_turn": 0, "first_priority": 0, "general": 0}}
    assert e.ask({"query": "explain_offer", "id": a, "vacancies": 1, "at": AT})["allowed"]
    assert e.ask({"query": "listing", "queue": e.queue_key(a).to_dict()}) == [a]
    # The application as every host shows it: its IINs masked by the core.
    shown = e.application(a)
    assert shown["child"] == "********" + APP["child_iin"][-4:]
    assert APP["child_iin"] not in repr(shown) and APP["applicant_iin"] not in repr(shown)
    before = e.to_json()
    for bad in ({"id": 1}, {"query": "fly"}, {"query": "state"}, {"query": "state", "id": "1"},
                {"query": "state", "id": 1, "extra": 2}, {"query": "explain_offer", "id": 1}):
        with pytest.raises(kezek.InputError) as err:
            e.ask(bad)
        assert err.value.code == "INPUT_FORMAT", bad
    with pytest.raises(kezek.ApplicationNotFoundError) as unknown:
        e.ask({"query": "state", "id": 99})
    assert unknown.value.code == "APPLICATION_UNKNOWN"
    # A typed method checks its arguments' types before it asks: "1" is not id 1.
    with pytest.raises(kezek.InputError) as typed:
        e.state("1")  # type: ignore[arg-type]
    assert typed.value.code == "INPUT_TYPE"
    assert e.to_json() == before, "questions change nothing"
    # One name per concept: a snapshot is `snapshot` / `from_snapshot`, as in JS and Kotlin.
    assert e.snapshot() == before and kezek.Engine.from_snapshot(before).snapshot() == before


def test_a_state_s_fields_are_typed() -> None:
    """Issue 24 §4: deadlines are Deadlines, moments datetimes, reasons enums; to_dict()
    gives the core's plain data back."""
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.register(APP, AT)
    e.notify(a, 1, AT + dt.timedelta(hours=1))
    notice = e.state(a)
    assert isinstance(notice["choose_by"], kezek.Deadline)
    assert notice["choose_by"].last_day == dt.date(2025, 3, 6) and not notice["choose_by"].provisional
    assert notice["sent_at"] == AT + dt.timedelta(hours=1)
    e.issue_direction(a, "kg-1", AT + dt.timedelta(hours=2))
    direction = e.state(a)
    assert direction["via"] is kezek.Via.NOTICE and direction["kindergarten"] == "kg-1"
    assert isinstance(direction["show_up_by"], kezek.Deadline) and direction["issued_at"] == AT + dt.timedelta(hours=2)
    assert direction.to_dict() == e.ask({"query": "state", "id": a})
    e.revoke(a, AT + dt.timedelta(hours=3))
    b = e.register({**APP, "child_iin": "210911500613"}, AT + dt.timedelta(hours=4))
    e.advance_to(dt.datetime(2026, 3, 5))
    removed = e.state(b)
    assert removed.name is kezek.StateName.REMOVED
    assert removed["reason"] is kezek.RemovalReason.INTEREST_NOT_CONFIRMED
    assert removed.to_dict() == e.ask({"query": "state", "id": b})


def test_every_record_reads_and_writes_the_core_s_data() -> None:
    """The records are read by their fields' types (``_Record.from_dict``): each gives back
    exactly what the core answered (``from``/``to`` keys, a deadline's ``provisional`` and a
    report's ``directed`` only when the core writes them) and reads itself back equal."""
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    a = e.register(APP, AT)
    b = e.register({**APP, "child_iin": "210911500613"}, AT)
    place = {"kindergarten": {"id": "kg-1", "region": "akmola", "area": "kokshetau", "languages": ["kazakh"]},
             "group_type": "general", "cohort": 2021, "places": 1}
    [data] = e.execute({"command": "publish", "bulletins": [place]}, AT + dt.timedelta(days=1))
    report = kezek.RoundReport.from_dict(data)
    pairs: list[tuple[Any, Any]] = [
        (report, data),
        (e.position(b), e.ask({"query": "position", "id": b})),
        (e.next_deadline(a), e.ask({"query": "next_deadline", "id": a})),
        (e.interest_due(b), e.ask({"query": "interest_due", "id": b})),
        (e.explain_offer(b, 1, AT), e.ask({"query": "explain_offer", "id": b, "vacancies": 1, "at": AT.isoformat()})),
        (e.bulletin(report.bulletin), e.ask({"query": "bulletin", "bulletin": report.bulletin})),
        (e.queue_key(a), e.ask({"query": "queue_key", "id": a})),
        (e.state(a), e.ask({"query": "state", "id": a})),
        *zip(e.history(a), e.ask({"query": "history", "id": a})),
    ]
    for record, plain in pairs:
        assert record is not None and record.to_dict() == plain, type(record)
        assert type(record).from_dict(plain) == record
    assert "directed" not in report.to_dict() and "certificate" not in report.to_dict()
    assert e.history(a)[-1].to_dict()["from"] == "queued"
    assert "provisional" not in e.state(a).to_dict()["choose_by"]


def test_every_record_class_has_a_reader() -> None:
    """Each record's fields' types resolve to a reader (a forward reference that does not,
    or a type the readers do not know, fails here, not in a user's query)."""
    import dataclasses

    from kezek import _records, matching, simulation

    classes = {v for m in (_records, matching, simulation) for v in vars(m).values()
               if isinstance(v, type) and issubclass(v, _records._Record) and dataclasses.is_dataclass(v)}
    assert len(classes) > 30
    for cls in classes:
        assert callable(_records._reader(cls)), cls


def test_a_typed_application_registers() -> None:
    """``kezek.NewApplication`` is a TypedDict: the checker checks its fields (the ignore
    below is needed, or ``mypy --strict``, which warns of unused ignores, fails), and the
    same dict registers."""
    app: kezek.NewApplication = {
        "applicant_iin": APP["applicant_iin"],
        "child_iin": APP["child_iin"],
        "address": {"region": "akmola", "district": "kokshetau"},
        "group_type": kezek.GroupType.GENERAL,
        "language": "kazakh",
        "contacts": {"email": "ana@mail.kz", "phone": "+7 701 123 45 67"},
        "documents": [{"kind": "pmpk_conclusion", "issued_on": dt.date(2024, 1, 1)}],
    }
    missing: kezek.NewApplication = {"applicant_iin": "x"}  # type: ignore[typeddict-item]
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    assert e.register(app, AT) == 1
    with pytest.raises(kezek.InputError):
        e.register(missing, AT)


def test_ranked_choices_on_the_engine() -> None:
    """RULES.md §5a: a policy switched to ranked choices (``Policy.replace``, as an analyst
    would), a catalogue, choices given when applying (typed as ``NewApplication``) and ranked
    anew, each refusal a typed error that changes nothing."""
    base = kezek.PolicyBook.builtin().get("akmola-2024")
    with pytest.raises(kezek.InputError) as bogus:
        base.replace(bogus=1)
    assert bogus.value.code == "INPUT_FORMAT"
    policy = base.replace(ranked_choices={"max_choices": 2, "sibling_priority": True})
    e = kezek.Engine(policy)
    kg = {"region": "akmola", "area": "kokshetau", "languages": ["kazakh"], "group_types": ["general"]}
    e.add_kindergartens([{"id": "kg-1", **kg}, {"id": "kg-2", **kg}, {"id": "kg-3", **kg}], AT)
    assert [k["id"] for k in e.kindergartens()] == ["kg-1", "kg-2", "kg-3"]
    app: kezek.NewApplication = {**APP, "ranked_choices": ["kg-2", "kg-1"]}  # type: ignore[typeddict-item]
    first = e.register(app, AT)
    assert e.ranked_choices(first) == ["kg-2", "kg-1"]
    e.change_ranked_choices(first, ("kg-3",), AT)
    assert e.ranked_choices(first) == ["kg-3"]
    assert [ev.reason for ev in e.history(first)][-1] == "RANKED_CHOICES_CHANGED"
    before = e.snapshot()
    with pytest.raises(kezek.CommandRefusedError) as refused:
        e.change_ranked_choices(first, ["kg-1", "kg-2", "kg-3"], AT)
    assert refused.value.code == "CHOICES_TOO_MANY"
    assert refused.value.details == {"rule": "CHOICES_TOO_MANY", "limit": 2}
    with pytest.raises(kezek.CommandRefusedError) as unknown:
        e.change_ranked_choices(first, ["kg-9"], AT)
    assert unknown.value.details["kindergarten"] == "kg-9"
    assert all("kg-9" not in unknown.value.message(lang) for lang in ("kk", "ru", "en"))
    # A str is refused as a whole, not ranked letter by letter.
    with pytest.raises(kezek.InputTypeError) as text:
        e.change_ranked_choices(first, "kg-1", AT)
    assert text.value.code == "INPUT_TYPE"
    with pytest.raises(kezek.InputTypeError):
        e.add_kindergartens("kg-1", AT)  # type: ignore[arg-type]
    assert e.snapshot() == before
    assert kezek.Engine.from_snapshot(before).ranked_choices(first) == ["kg-3"]


def test_a_ranked_round_gives_a_certificate_an_appeals_body_checks_on_its_own() -> None:
    """RULES.md §5a: the report of a round of ranked choices carries its certificate, a JSON
    document; an engine restored from the snapshot taken after the round verifies it, a
    tampered one shows what is wrong, and each parent reads its child's cutoffs."""
    import json

    policy = kezek.PolicyBook.builtin().get("akmola-2024").replace(
        ranked_choices={"max_choices": 2, "sibling_priority": True})
    e = kezek.Engine(policy)
    kg = {"region": "akmola", "area": "kokshetau", "languages": ["kazakh"], "group_types": ["general"]}
    e.add_kindergartens([{"id": "kg-1", **kg}, {"id": "kg-2", **kg}], AT)
    a = e.register({**APP, "ranked_choices": ["kg-1"]}, AT)
    b = e.register({**APP, "child_iin": "210911500613", "ranked_choices": ["kg-1", "kg-2"]}, AT)
    place = {"kindergarten": {"id": "kg-1", "region": "akmola", "area": "kokshetau", "languages": ["kazakh"]},
             "group_type": "general", "cohort": 2021, "places": 1}
    [report] = e.publish([place], AT + dt.timedelta(days=1))
    assert [(d.id, d.kindergarten) for d in report.directed] == [(a, "kg-1")]
    assert report.certificate is not None
    document = json.loads(json.dumps(report.certificate))  # as filed with an appeal
    appeal = kezek.Engine.from_snapshot(e.snapshot())
    verdict = appeal.verify_round(document)
    assert verdict.holds and verdict.findings == ()
    [cut] = appeal.choice_cutoffs(document, b)
    assert (cut.kindergarten, cut.places, cut.own.position) == ("kg-1", 1, 2)
    assert cut.last_admitted is not None and cut.last_admitted.position == 1
    for lang in ("kk", "ru", "en"):
        assert "kg-1" not in cut.message[lang] and "210911500613" not in cut.message[lang]
    assert appeal.choice_cutoffs(document, a) == []
    # The second child put first: it would have been passed over.
    tampered = json.loads(json.dumps(document))
    tampered["units"].reverse()
    findings = appeal.verify_round(tampered).findings
    assert [f.code for f in findings] == ["CERT_ORDER", "CERT_PASSED_OVER"]
    assert findings[1].children == (b,) and findings[1].kindergartens == ("kg-1",)
    # What cannot be read is a typed input error.
    with pytest.raises(kezek.InputError) as version:
        appeal.verify_round({**document, "certificate_version": 9})
    assert version.value.code == "INPUT_FORMAT"
    with pytest.raises(kezek.InputTypeError):
        appeal.verify_round(json.dumps(document))  # type: ignore[arg-type]
    with pytest.raises(kezek.InputError) as extra:
        appeal.choice_cutoffs({**document, "why": 1}, b)
    assert extra.value.code == "INPUT_FORMAT"
