"""IIN, calendar and policies: the native objects behind typed Python classes."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping, Optional, TypeVar, Union

from . import _kezek
from ._boundary import guard_class
from ._records import Answer, DayInfo, Deadline, Period, Sex, date

Data = Union[str, Mapping[str, Any]]
"""JSON text, or the same data as Python dicts and lists."""

W = TypeVar("W", bound="_Wrapper")
Res = TypeVar("Res", bound="_Result")


class _Wrapper:
    """A typed class around one native object. ``_of`` wraps a native object as it is,
    bypassing the class's own constructor (which takes Python-side arguments)."""

    __slots__ = ("_native",)
    _native: Any

    @classmethod
    def _of(cls: type[W], native: Any) -> W:
        out = cls.__new__(cls)
        out._native = native
        return out


class _Result:
    """A native result kept as it is: given back as data or JSON text, read from JSON text
    (``from_json``) and pickled as that text."""

    __slots__ = ("_native",)
    _native: Any
    _NATIVE: Any  # the native class, which reads JSON text

    def __init__(self, native: Any) -> None:
        self._native = native

    def to_dict(self) -> dict[str, Any]:
        """The whole result as data (the core's JSON shape)."""
        out: dict[str, Any] = self._native.to_dict()
        return out

    def to_json(self) -> str:
        return str(self._native.to_json())

    @classmethod
    def from_json(cls: type[Res], text: str) -> Res:
        return cls(cls._NATIVE.from_json(text))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self).from_json, (self.to_json(),))


@guard_class
class Iin(_Wrapper):
    """A valid IIN (``RULES.md §1``): ``Iin("210308600403")``.

    ``repr()`` and ``str()`` mask it; :meth:`expose_digits` gives the digits. Raises
    :class:`kezek.IinError` with the failed check's code (``IIN_CHECKSUM``…). Digits that
    encode no birth date or sex are a valid IIN (``RULES.md §1``, revised 2026-12): the
    child's birth date and sex are the register's, passed with the application."""

    __slots__ = ()
    _native: _kezek.Iin

    def __init__(self, text: str) -> None:
        self._native = _kezek.Iin(text)

    @staticmethod
    def from_parts(birth_date: dt.date, sex: Union[Sex, str], serial: int) -> Iin:
        """The IIN of a child born on ``birth_date``, with its checksum computed."""
        return Iin._of(_kezek.Iin.from_parts(birth_date, Sex(sex).value, serial))

    @property
    def encoded_birth_date(self) -> Optional[dt.date]:
        """The birth date the digits encode, or ``None`` when they encode none."""
        return self._native.encoded_birth_date

    @property
    def encoded_sex(self) -> Optional[Sex]:
        """The sex the 7th digit encodes, or ``None``."""
        sex = self._native.encoded_sex
        return None if sex is None else Sex(sex)

    @property
    def masked(self) -> str:
        """The IIN with its first eight digits hidden."""
        return self._native.masked

    def expose_digits(self) -> str:
        """The twelve digits: personal data, for storage and lookups only."""
        return self._native.expose_digits()

    def __repr__(self) -> str:
        return repr(self._native)

    def __str__(self) -> str:
        return str(self._native)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Iin) and self._native == other._native

    def __lt__(self, other: Iin) -> bool:
        return bool(self._native < other._native)

    def __hash__(self) -> int:
        return hash(self._native)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Iin, (self.expose_digits(),))


@guard_class
class WorkCalendar:
    """Working days, holidays and decree transfers; deadlines (``RULES.md §9``).

    ``WorkCalendar.kazakhstan()`` is the built-in national calendar. A question about a year
    without decree data raises ``CALENDAR_YEAR_UNKNOWN`` unless asked with
    ``provisional=True``, which answers an :class:`Answer` by the statutory rules alone."""

    __slots__ = ("_native",)

    def __init__(self, native: _kezek.WorkCalendar) -> None:
        self._native = native

    @staticmethod
    def kazakhstan() -> WorkCalendar:
        return WorkCalendar(_kezek.WorkCalendar.kazakhstan())

    @staticmethod
    def from_json(data: Data) -> WorkCalendar:
        """A calendar from calendar data (the format of the built-in ``kazakhstan.json``)."""
        return WorkCalendar(_kezek.WorkCalendar.from_json(data))

    def with_patch(self, patch: Data) -> WorkCalendar:
        """This calendar with more holidays, transfers or years of decree data."""
        return WorkCalendar(self._native.with_patch(patch))

    def to_json(self) -> str:
        return self._native.to_json()

    @property
    def is_builtin(self) -> bool:
        return self._native.is_builtin

    @property
    def known_years(self) -> list[int]:
        """The years with decree data."""
        return self._native.known_years

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._native.is_working_day(day))

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day``."""
        return date(self._native.add_working_days(day, n))

    def add_calendar_days(self, day: dt.date, n: int) -> dt.date:
        return self._native.add_calendar_days(day, n)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative if ``b < a``)."""
        return int(self._native.working_days_between(a, b))

    def day_info(self, day: dt.date) -> DayInfo:
        return DayInfo.from_dict(self._native.day_info(day))

    def deadline(self, start: dt.datetime, period: Period) -> Deadline:
        """Where ``period`` starting at ``start`` ends (``RULES.md §9``)."""
        return Deadline.from_dict(self._deadline(start, period, False))

    def _deadline(self, start: dt.datetime, period: Period, provisional: bool) -> Any:
        return self._native.deadline(start, period.amount, period.unit.value, provisional)

    @property
    def provisional(self) -> ProvisionalCalendar:
        """The same questions, answered also for years without decree data."""
        return ProvisionalCalendar(self)

    def __reduce__(self) -> tuple[Any, ...]:
        if self.is_builtin:
            return (WorkCalendar.kazakhstan, ())
        return (WorkCalendar.from_json, (self.to_json(),))

    def __repr__(self) -> str:
        return "WorkCalendar.kazakhstan()" if self.is_builtin else "WorkCalendar(custom)"


@guard_class
class ProvisionalCalendar:
    """A calendar's answers that may rest on years without decree data (:class:`Answer`)."""

    __slots__ = ("_calendar",)

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar

    def _ask(self, name: str, *args: Any) -> Any:
        return getattr(self._calendar._native, name)(*args, True)

    def is_working_day(self, day: dt.date) -> Answer[bool]:
        a = self._ask("is_working_day", day)
        return Answer(bool(a["value"]), a["provisional"])

    def add_working_days(self, day: dt.date, n: int) -> Answer[dt.date]:
        a = self._ask("add_working_days", day, n)
        return Answer(date(a["value"]), a["provisional"])

    def working_days_between(self, a: dt.date, b: dt.date) -> Answer[int]:
        r = self._ask("working_days_between", a, b)
        return Answer(int(r["value"]), r["provisional"])

    def day_info(self, day: dt.date) -> Answer[DayInfo]:
        a = self._ask("day_info", day)
        return Answer(DayInfo.from_dict(a["value"]), a["provisional"])

    def deadline(self, start: dt.datetime, period: Period) -> Answer[Deadline]:
        a = self._calendar._deadline(start, period, True)
        return Answer(Deadline.from_dict(a["value"]), a["provisional"])


@guard_class
class Policy:
    """One dated set of a region's parameters (``RULES.md §10``): choice window, show-up
    window, ages, interleaving… ``to_dict()`` has them all; :meth:`replace` makes a variant
    (the analysts' "what if the choice window were 1 day?")."""

    __slots__ = ("_native",)

    def __init__(self, native: _kezek.Policy) -> None:
        self._native = native

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Policy:
        """A policy from its dict form; validated (``POLICY_UNIT``, ``POLICY_VALUE``…)."""
        return Policy(_kezek.Policy.from_dict(data))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = self._native.to_dict()
        return out

    def replace(self, **changes: Any) -> Policy:
        """A copy with some parameters changed, e.g.
        ``policy.replace(id="short", choice_window=Period(1, PeriodUnit.WORKING_DAYS))`` or
        ``policy.replace(ranked_choices={"max_choices": 4, "sibling_priority": True})``; a
        name that is no parameter raises :class:`kezek.InputError` (``INPUT_FORMAT``) listing the
        parameters, a value out of range :class:`kezek.PolicyInvalidError`."""
        data = self.to_dict()
        for key, value in changes.items():
            data[key] = value.to_dict() if isinstance(value, Period) else value
        return Policy.from_dict(data)

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def regions(self) -> list[str]:
        return self._native.regions

    def period(self, name: str) -> Period:
        """A period parameter: ``policy.period("choice_window")``."""
        return Period.from_dict(self.to_dict()[name])

    def is_frozen(self, day: dt.date) -> bool:
        """Whether publishing places is suspended on ``day`` (``RULES.md §9``)."""
        return self._native.is_frozen(day)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Policy) and bool(self._native == other._native)

    def __hash__(self) -> int:
        return hash(self.id)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Policy.from_dict, (self.to_dict(),))

    def __repr__(self) -> str:
        return f"Policy(id={self.id!r}, regions={self.regions!r})"


@guard_class
class PolicyBook:
    """The regions and their policies over time. ``PolicyBook.builtin()`` holds the national
    defaults and the regional portals' versions."""

    __slots__ = ("_native",)

    def __init__(self, native: _kezek.PolicyBook) -> None:
        self._native = native

    @staticmethod
    def builtin() -> PolicyBook:
        return PolicyBook(_kezek.PolicyBook.builtin())

    @staticmethod
    def from_json(data: Data) -> PolicyBook:
        """A book from JSON text or data; a book of an older format (no ``format`` field:
        format 1) is migrated to the current one. ``POLICY_FORMAT`` for a newer format."""
        return PolicyBook(_kezek.PolicyBook.from_json(data))

    def to_json(self) -> str:
        return self._native.to_json()

    def policy_for(self, region: str, day: dt.date) -> Policy:
        """The policy in force in ``region`` on ``day``."""
        return Policy(self._native.policy_for(region, day))

    def get(self, policy_id: str) -> Policy:
        return Policy(self._native.get(policy_id))

    def ids(self) -> list[str]:
        """The ids of every policy version, in the book's order."""
        return list(self._native.ids())

    def regions(self) -> list[dict[str, Any]]:
        """The regions the book lists: ``{"code", "name": {"kk", "ru", "en"}}``."""
        return list(self._native.regions())

    def with_policy(self, policy: Policy) -> PolicyBook:
        """A copy of the book with one more policy version."""
        return PolicyBook(self._native.with_policy(policy._native))

    def __reduce__(self) -> tuple[Any, ...]:
        return (PolicyBook.from_json, (self.to_json(),))
