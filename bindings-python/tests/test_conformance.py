"""The shared conformance files, driven through the Python API: the same answers as Rust."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

import pytest

import kezek
from conformance import contains, load

Case = dict[str, Any]


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _moment(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def _outcome(run: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", run())
    except kezek.KezekError as e:
        return ("error", e.code)


def _check(case: Case, run: Callable[[], Any]) -> None:
    kind, value = _outcome(run)
    if "error" in case:
        assert (kind, value) == ("error", case["error"]), case["name"]
    else:
        assert kind == "ok", f"{case['name']}: raised {value}"
        assert contains(value, case["expect"]), f"{case['name']}: {value!r}"


def _ids(file: str) -> list[Case]:
    return list(load(file)["cases"])


def iin_case(case: Case) -> Callable[[], Any]:
    """The call a case of ``iin.json`` makes."""
    def run() -> Any:
        iin = kezek.Iin(case["args"]["text"])
        born, sex = iin.encoded_birth_date, iin.encoded_sex
        return {
            "encoded_birth_date": None if born is None else born.isoformat(),
            "encoded_sex": None if sex is None else sex.value,
            "masked": iin.masked,
        }

    return run


@pytest.mark.parametrize("case", _ids("iin.json"), ids=lambda c: c["name"])
def test_iin(case: Case) -> None:
    _check(case, iin_case(case))


def _calendar(case: Case) -> kezek.WorkCalendar:
    if "data" in case:
        return kezek.WorkCalendar.from_json(case["data"])
    cal = kezek.WorkCalendar.kazakhstan()
    return cal.with_patch(case["patch"]) if "patch" in case else cal


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, kezek.Answer):
        return value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def calendar_case(case: Case) -> Callable[[], Any]:
    """The call a case of ``calendar.json`` makes."""
    a = case["args"]
    provisional = case.get("mode") == "provisional"

    def run() -> Any:
        cal = _calendar(case)
        ask: Any = cal.provisional if provisional else cal
        op = case["op"]
        if op == "is_working_day":
            answer = ask.is_working_day(_date(a["date"]))
        elif op == "add_working_days":
            answer = ask.add_working_days(_date(a["date"]), a["n"])
        elif op == "working_days_between":
            answer = ask.working_days_between(_date(a["a"]), _date(a["b"]))
        elif op == "deadline":
            answer = ask.deadline(_moment(a["start"]), kezek.Period(a["amount"], a["unit"]))
        elif op == "day_info":
            info = cal.day_info(_date(a["date"]))
            return {"kind": info.kind, "working": info.working, **info.about}
        else:
            raise AssertionError(f"unknown op {op}")
        if isinstance(answer, kezek.Answer):
            if "provisional" in case:
                assert answer.provisional == case["provisional"], case["name"]
            answer = answer.value
        return _plain(answer)

    return run


@pytest.mark.parametrize("case", _ids("calendar.json"), ids=lambda c: c["name"])
def test_calendar(case: Case) -> None:
    _check(case, calendar_case(case))


def _book(case: Case) -> kezek.PolicyBook:
    book = case.get("book")
    if book is None:
        return kezek.PolicyBook.builtin()
    if isinstance(book, str):
        return kezek.PolicyBook.from_json(book)
    data = json.loads(kezek.PolicyBook.builtin().to_json())
    mutate = book["mutate"]
    policy = next(p for p in data["policies"] if p["id"] == mutate["id"])
    policy[mutate["field"]] = mutate["value"]
    return kezek.PolicyBook.from_json(data)


def policy_case(case: Case) -> Callable[[], Any]:
    """The call a case of ``policy.json`` makes."""
    a = case["args"]

    def run() -> Any:
        book = _book(case)
        op = case["op"]
        if op == "policy_for":
            return book.policy_for(a["region"], _date(a["date"])).to_dict()
        if op == "policy_get":
            return book.get(a["id"]).to_dict()
        if op == "ids":
            return book.ids()
        if op == "regions":
            return book.regions()
        if op == "is_frozen":
            return book.policy_for(a["region"], _date(a["date"])).is_frozen(_date(a["date"]))
        raise AssertionError(f"unknown op {op}")

    return run


@pytest.mark.parametrize("case", _ids("policy.json"), ids=lambda c: c["name"])
def test_policy(case: Case) -> None:
    _check(case, policy_case(case))


def people_case(case: Case) -> Callable[[], Any]:
    """The call a case of ``people.json`` makes."""
    a = case["args"]

    def run() -> Any:
        op = case["op"]
        if op == "label":
            return kezek.people.label(a["kind"], a["code"])
        if op == "has_label":
            return kezek.people.label(a["kind"], a["code"]) is not None
        if op == "label_count":
            return len(kezek.people.labels()[a["kind"]])
        if op == "label_kinds":
            return sorted(kezek.people.labels())
        if op == "show_date":
            return kezek.people.show_date(_date(a["value"]))
        if op == "show_moment":
            return kezek.people.show_moment(_moment(a["value"]))
        if op == "show_deadline":
            d = a["deadline"]
            deadline = kezek.Deadline(_date(d["last_day"]), _moment(d["ends_at"]), d["provisional"])
            return kezek.people.show_deadline(deadline)
        raise AssertionError(f"unknown op {op}")

    return run


@pytest.mark.parametrize("case", _ids("people.json"), ids=lambda c: c["name"])
def test_people(case: Case) -> None:
    _check(case, people_case(case))


def test_calendar_agrees_with_the_holidays_package_file() -> None:
    """``calendar-kz-days.json``: the built-in calendar, day by day over its years, against
    the days off and working weekend days derived from the ``holidays`` package."""
    file = load("calendar-kz-days.json")
    off = {_date(d) for d in file["weekdays_off"]}
    working = {_date(d) for d in file["weekend_days_working"]}
    cal = kezek.WorkCalendar.kazakhstan()
    day, last = dt.date(file["first_year"], 1, 1), dt.date(file["last_year"], 12, 31)
    mismatches = []
    while day <= last:
        expected = day in working if day.weekday() >= 5 else day not in off
        if cal.is_working_day(day) != expected:
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []
    assert len(off) > 150 and len(working) > 10  # the file is not vacuous
