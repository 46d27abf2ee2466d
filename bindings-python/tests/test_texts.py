"""What people read in Kazakh and Russian carries no English word and no raw identifier of
kezek's code: every error message of every code (the trigger table and every error case of
the shared files), every label, every check of the decisions the scenarios explain, and the
deadlines as people read them.

The convention the texts keep (CONTRIBUTING.md, "Texts"): a value from the caller's own data
(an id, a region code or field name the caller wrote, a column header, a host's type name)
is quoted verbatim in backticks; developers' material (a parser's message, a panic, a
validation's English detail) stays in the error's ``details``. So, outside backticks, a kk
or ru text holds no Latin word but the few below; and inside backticks no code of kezek's
own (a state, an action, a document kind, a unit) ever appears, since kezek names those."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator

import pytest

import kezek
from conformance import load, scenario_files, scenario_policy
from test_errors import TRIGGERS, _conformance_errors, _raise
from test_scenarios import run_step

# Latin words a kk or ru text may hold: names of formats and of the library itself.
LATIN_WORDS = {"JSON", "CSV", "kezek"}
# A bulletin's number as the engine numbers it (B3) and an application's (#2).
NUMBERS = re.compile(r"\bB\d+\b|#\d+")
QUOTED = re.compile(r"`([^`]*)`")
WORD = re.compile(r"[A-Za-z][A-Za-z_]*")
# A date or moment as a program writes it (2025-03-21, 2025-03-21 15:00:00, 2025-03-21T15:00),
# where people write 21.03.2025 and 21.03.2025, 15:00.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def code_words() -> set[str]:
    """kezek's own identifiers: every label's code (states, actions, classes, deadlines,
    reasons, group types, languages, documents, checks) and the units of periods."""
    words = {code for kind in kezek.people.labels().values() for code in kind}
    words |= {"calendar_days", "working_days"}
    return {w for w in words if "_" in w or w.islower()}


CODE_WORDS = code_words()


def problems(text: str) -> list[str]:
    found = [f"English word {w!r}" for w in WORD.findall(NUMBERS.sub("", QUOTED.sub("", text)))
             if w not in LATIN_WORDS]
    found += [f"kezek's identifier `{q}`" for q in QUOTED.findall(text) if q in CODE_WORDS]
    found += [f"ISO date {d}" for d in ISO_DATE.findall(QUOTED.sub("", text))]
    return found


def error_texts() -> Iterator[tuple[str, str, str]]:
    for code, cause in [(t[0], t[1]) for t in TRIGGERS] + _conformance_errors():
        err = _raise(cause)
        for lang in ("kk", "ru"):
            yield code, lang, err.message(lang)


def label_texts() -> Iterator[tuple[str, str, str]]:
    for kind, entries in kezek.people.labels().items():
        for code, text in entries.items():
            for lang in ("kk", "ru"):
                yield f"label {kind}.{code}", lang, text[lang]


def decision_texts() -> Iterator[tuple[str, str, str]]:
    """The checks of every decision the shared scenarios explain, passed or failed."""
    for name in scenario_files():
        file = load(name)
        for sc in file["scenarios"]:
            e = kezek.Engine(scenario_policy(sc))
            for s in sc["steps"]:
                if s["op"].startswith("explain_"):
                    for c in _explain(e, file, s).checks:
                        for lang in ("kk", "ru"):
                            yield f"check {c.code} ({name})", lang, c.message[lang]
                try:
                    run_step(e, file, s)
                except kezek.KezekError:
                    pass


# Registrations refused for every reason a parent meets: the checks that fail speak too.
REFUSED: list[dict[str, Any]] = [
    {"child_iin": "900101300017"},                                        # the applicant's own IIN
    {"benefit": "large_family"},                                          # no document
    {"benefit": "teacher", "documents": [{"kind": "workplace_certificate", "issued_on": "2023-01-10"}]},
    {"benefit": "nonexistent"},
    {"child_iin": "150308600402", "child_birth_date": "2015-03-08"},      # too old
    {"child_iin": kezek.Iin.from_parts(dt.date(2025, 5, 1), "female", 7).expose_digits()},  # not born yet
]


def refused_texts() -> Iterator[tuple[str, str, str]]:
    base = load("lifecycle.json")["application"]
    e = kezek.Engine(kezek.PolicyBook.builtin().get("akmola-2024"))
    for change in REFUSED:
        d = e.explain_registration({**base, **change}, dt.datetime(2025, 3, 3, 9))
        assert not d.allowed, change
        for c in d.checks:
            for lang in ("kk", "ru"):
                yield f"check {c.code} ({change})", lang, c.message[lang]


def _explain(e: kezek.Engine, file: dict[str, Any], s: dict[str, Any]) -> kezek.Decision:
    a: dict[str, Any] = s.get("args") or {}
    at = dt.datetime.fromisoformat(s["at"])
    if s["op"] == "explain_registration":
        return e.explain_registration({**file["application"], **a}, at)
    if s["op"] == "explain_offer":
        return e.explain_offer(a["id"], a["vacancies"], at)
    if s["op"] == "explain_take_place":
        return e.explain_take_place(a["id"], at)
    return e.explain_removal_for_age(a["id"], at)


def deadline_texts() -> Iterator[tuple[str, str, str]]:
    cal = kezek.WorkCalendar.kazakhstan()
    for amount, unit in ((3, "working_days"), (24, "hours"), (1, "months")):
        shown = kezek.people.show_deadline(cal.deadline(dt.datetime(2025, 3, 20, 15), kezek.Period(amount, kezek.PeriodUnit(unit))))
        for lang in ("kk", "ru"):
            yield f"deadline {amount} {unit}", lang, shown[lang]


SOURCES = {"errors": error_texts, "labels": label_texts, "decisions": decision_texts,
           "refusals": refused_texts, "deadlines": deadline_texts}


@pytest.mark.parametrize("source", SOURCES)
def test_kk_and_ru_texts_hold_no_english_word_or_code_identifier(source: str) -> None:
    seen = 0
    bad: dict[str, list[str]] = {}
    for what, lang, text in SOURCES[source]():
        seen += 1
        if found := problems(text):
            bad.setdefault(f"{what} [{lang}] {text}", found)
    assert seen > 0
    assert not bad, "\n".join(f"{k}: {v}" for k, v in sorted(bad.items()))


def test_the_check_itself_catches_what_it_is_for() -> None:
    assert problems("#1 өтініші «queued» күйінде") == ["English word 'queued'"]
    assert problems("`enroll` әрекетіне болмайды") == ["kezek's identifier `enroll`"]
    assert problems("поле `years` неверно: must be 1–50") == ["English word 'must'", "English word 'be'"]
    assert problems("в бюллетенях B3 нет детского сада `kg-z`; JSON") == []
    assert problems("ребёнок в стоп-листе до 2025-04-15 00:00:00") == ["ISO date 2025-04-15"]
