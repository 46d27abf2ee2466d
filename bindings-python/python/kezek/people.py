"""What people read: kezek's names of states, actions, classes, deadlines, history
reasons, group types, languages, documents and checks in Kazakh, Russian and English, and
dates, moments and deadlines written as people in Kazakhstan write them.

::

    >>> import datetime as dt, kezek.people as people
    >>> people.labels()["state"]["notice_sent"]["kk"]
    'Хабарлама жіберілді'
    >>> people.show_moment(dt.datetime(2025, 3, 21, 15, 0))
    '21.03.2025, 15:00'
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from . import _kezek
from ._boundary import guarded
from ._records import Deadline

__all__ = ["labels", "label", "show_date", "show_moment", "show_deadline"]


def _labels() -> dict[str, dict[str, dict[str, str]]]:
    return _kezek.labels()


def _label(kind: str, code: str) -> Mapping[str, str] | None:
    return _kezek.labels().get(kind, {}).get(code)


def _show_date(day: dt.date) -> str:
    return _kezek.show_date(day)


def _show_moment(moment: dt.datetime) -> str:
    return _kezek.show_moment(moment)


def _show_deadline(deadline: Deadline) -> dict[str, str]:
    return _kezek.show_deadline(deadline.last_day, deadline.ends_at, deadline.provisional)


labels = guarded(_labels, "labels")
labels.__doc__ = """Every label, by kind and code: ``{kind: {code: {"kk", "ru", "en"}}}``; kinds
``state``, ``action``, ``class``, ``deadline``, ``reason``, ``group_type``, ``language``,
``document``, ``check``."""
label = guarded(_label, "label")
label.__doc__ = """The label of ``code`` of ``kind`` (``label("state", "queued")``), or None."""
show_date = guarded(_show_date, "show_date")
show_date.__doc__ = """A day as people write it: ``21.03.2025``."""
show_moment = guarded(_show_moment, "show_moment")
show_moment.__doc__ = """A moment as people write it: ``21.03.2025, 15:00``."""
show_deadline = guarded(_show_deadline, "show_deadline")
show_deadline.__doc__ = """A deadline as people read it, in kk/ru/en: its last day, inclusive
(``до 28.03.2025 включительно``), and that it may move when it is provisional."""
