"""Results as frozen dataclasses and names as string enums.

Each record is built from the core's plain data (the JSON shape of the conformance files)
by ``from_dict``, which reads every field by its declared type (no record lists its fields
twice); dates and moments become ``datetime.date`` / ``datetime.datetime`` (naive,
Kazakhstan civil time). ``to_dict()`` gives the plain data back, as the core writes it. The enums are
``str`` subclasses, so ``State.name == "queued"`` holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import typing
from typing import Any, Callable, Generic, Mapping, Optional, TypeVar, Union

from ._boundary import CALLER_ERRORS, _translate

T = TypeVar("T")


class _StrEnum(str, enum.Enum):
    def __str__(self) -> str:
        return str(self.value)


class Sex(_StrEnum):
    """The sex an IIN encodes (``RULES.md §1``)."""

    MALE = "male"
    FEMALE = "female"


class PeriodUnit(_StrEnum):
    """The unit of a policy period (``RULES.md §9``)."""

    HOURS = "hours"
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"


class GroupType(_StrEnum):
    """The kind of group applied for; each has its own queue (``RULES.md §2``)."""

    GENERAL = "general"
    SPECIAL = "special"
    SANATORIUM = "sanatorium"


class Language(_StrEnum):
    """The language of the group."""

    KAZAKH = "kazakh"
    RUSSIAN = "russian"
    OTHER = "other"


class PriorityClass(_StrEnum):
    """The priority class of an application (``RULES.md §3``), highest first."""

    OUT_OF_TURN = "out_of_turn"
    FIRST_PRIORITY = "first_priority"
    GENERAL = "general"


class StateName(_StrEnum):
    """The state of an application (``RULES.md §2–§8``)."""

    NEW = "new"
    QUEUED = "queued"
    NOTICE_SENT = "notice_sent"
    DIRECTION_ISSUED = "direction_issued"
    STOP_LISTED = "stop_listed"
    ENROLLED = "enrolled"
    RELEASED = "released"
    REMOVED = "removed"
    WITHDRAWN = "withdrawn"
    VOUCHER_OFFERED = "voucher_offered"
    VOUCHER_CONFIRMED = "voucher_confirmed"
    INACTIVE = "inactive"
    WAITING_LIST = "waiting_list"


class DueKind(_StrEnum):
    """The kind of a pending deadline."""

    NOTICE_EXPIRES = "notice_expires"
    RIGHT_EXPIRES = "right_expires"
    DIRECTION_LAPSES = "direction_lapses"
    STOP_LIST_ENDS = "stop_list_ends"
    INTEREST_ANNIVERSARY = "interest_anniversary"
    AGES_OUT = "ages_out"
    CONSENT_EXPIRES = "consent_expires"
    CONTRACT_EXPIRES = "contract_expires"
    RESTORE_EXPIRES = "restore_expires"


class RemovalReason(_StrEnum):
    """Why a rule removed a child from the queue (a ``removed`` state's ``reason``)."""

    LAPSES = "lapses"
    INTEREST_NOT_CONFIRMED = "interest_not_confirmed"
    AGED_OUT = "aged_out"
    VOUCHER_REFUSED = "voucher_refused"
    NOT_RESTORED = "not_restored"


class Via(_StrEnum):
    """How a direction was obtained (a ``direction_issued`` state's ``via``)."""

    NOTICE = "notice"
    FREE_CHOICE = "free_choice"
    RANKED_CHOICE = "ranked_choice"


class Actor(_StrEnum):
    """Who or what caused an event."""

    APPLICANT = "applicant"
    OPERATOR = "operator"
    KINDERGARTEN = "kindergarten"
    DEADLINE = "deadline"


def date(value: Any) -> dt.date:
    """A date from an ISO string (or a date)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def moment(value: Any) -> dt.datetime:
    """A naive moment from an ISO string (or a datetime)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


R = TypeVar("R", bound="_Record")


# Field metadata: `KEY`, the name the core writes a field under (``from``, ``class``);
# `OMIT`, a field the core leaves out when it holds its default (serde's
# ``skip_serializing_if``).
KEY = "key"
OMIT = {"omit": True}


Convert = Optional[Callable[[Any], Any]]  # None: the plain value is the typed one


def _converter(hint: Any) -> Convert:
    """How plain data becomes the type ``hint`` names: records, enums, dates, moments,
    tuples, lists and maps of them (a map's ``int`` keys too: a cohort's ``"2021"``)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union:
        inner = _converter(next(a for a in args if a is not type(None)))
        return None if inner is None else (lambda v: None if v is None else inner(v))
    if origin in (tuple, list):
        item = _converter(args[0])
        return origin if item is None else (lambda v: origin(map(item, v)))
    if origin is dict:
        key = int if args[0] is int else _converter(args[0])
        value = _converter(args[1])
        if key is None and value is None:
            return dict
        k, v = key or _same, value or _same
        return lambda d: {k(a): v(b) for a, b in d.items()}
    if hint is Any or not isinstance(hint, type) or hint in (str, int, float, bool):
        return None  # Any, Literal[...], a type variable, a plain value
    if issubclass(hint, _Record):
        return _read(hint)  # a nested record: translated once, by the outer from_dict
    if issubclass(hint, dt.datetime):
        return moment
    if issubclass(hint, dt.date):
        return date
    return typing.cast(Callable[[Any], Any], hint)  # an enum


def _same(value: Any) -> Any:
    return value


def _reader(cls: type) -> Callable[[Mapping[str, Any]], Any]:
    """``cls.from_dict``, written once per record class as Python source, as
    ``dataclasses`` writes ``__init__`` and cattrs its structuring functions: one
    expression per field (the core's key, its converter, its default), no loop per read."""
    hints, args = typing.get_type_hints(cls), []
    env: dict[str, Any] = {"cls": cls}
    for i, f in enumerate(dataclasses.fields(cls)):
        key, env[f"c{i}"] = repr(f.metadata.get(KEY, f.name)), _converter(hints[f.name])
        plain = env[f"c{i}"] is None
        read = f"d[{key}]" if plain else f"c{i}(d[{key}])"
        if f.default is not dataclasses.MISSING:
            env[f"v{i}"] = f.default
            read = f"d.get({key}, v{i})" if plain else f"({read} if {key} in d else v{i})"
        elif type(None) in typing.get_args(hints[f.name]):  # an optional field left out
            read = f"d.get({key})" if plain else f"({read} if {key} in d else None)"
        args.append(read)  # positional: a dataclass's __init__ takes its fields in order
    exec(f"def read(d):\n    return cls({', '.join(args)})\n", env)  # noqa: S102 - our own fields
    return typing.cast(Callable[[Mapping[str, Any]], Any], env["read"])


_READERS: dict[type, Callable[[Mapping[str, Any]], Any]] = {}


def _read(cls: type) -> Callable[[Mapping[str, Any]], Any]:
    """The reader of a record class, written on its first read."""
    read = _READERS.get(cls)
    if read is None:
        read = _READERS[cls] = _reader(cls)
    return read


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k) if isinstance(k, int) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Record:
    """A frozen dataclass read from, and written back to, the core's plain data by its
    fields' types: one description per record, no hand-written field list to drift."""

    @classmethod
    def from_dict(cls: type[R], d: Mapping[str, Any]) -> R:
        """The record from the core's plain data (the shape ``to_dict()`` gives)."""
        try:
            out: R = (_READERS.get(cls) or _read(cls))(d)
            return out
        except CALLER_ERRORS as e:
            error = _translate(e, f"{cls.__name__}.from_dict") or e
        raise error  # data it cannot read is an InputError, as at every entry (_boundary)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data (ISO strings for dates), the shape the core reads."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if not (f.metadata.get("omit") and value == f.default):
                out[f.metadata.get(KEY, f.name)] = _plain(value)
        return out


@dataclasses.dataclass(frozen=True)
class Period(_Record):
    """A length of time with its unit, e.g. ``Period(3, PeriodUnit.WORKING_DAYS)``."""

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", PeriodUnit(self.unit))


@dataclasses.dataclass(frozen=True)
class Deadline(_Record):
    """Where a period ends: its last day, and the first moment after it. ``provisional``
    when a year the count crosses has no decree data: it follows the statutory rules
    alone and may move when the year's decree is added (``RULES.md §9``)."""

    last_day: dt.date
    ends_at: dt.datetime
    provisional: bool = dataclasses.field(default=False, metadata=OMIT)

    def has_passed(self, t: dt.datetime) -> bool:
        """Whether the period has passed at moment ``t``."""
        return t >= self.ends_at


@dataclasses.dataclass(frozen=True)
class Answer(Generic[T], _Record):
    """A calendar answer that may rest on a year without decree data."""

    value: T
    provisional: bool


@dataclasses.dataclass(frozen=True)
class DayInfo(_Record):
    """What the calendar says of a day: working or not, and why (``kind``: ``weekday``,
    ``weekend``, ``holiday``, ``carried_over``, ``transferred_day_off``,
    ``transferred_working_day``), with the kind's fields (holiday id and names…)."""

    date: dt.date
    working: bool
    kind: str
    about: dict[str, Any]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DayInfo:
        about = {k: v for k, v in d["kind"].items() if k != "kind"}
        return cls(date(d["date"]), bool(d["working"]), d["kind"]["kind"], about)


@dataclasses.dataclass(frozen=True)
class ClassCounts(_Record):
    """Children by priority class."""

    out_of_turn: int
    first_priority: int
    general: int

    @property
    def total(self) -> int:
        return self.out_of_turn + self.first_priority + self.general


@dataclasses.dataclass(frozen=True)
class Position(_Record):
    """A queue number and the children ahead by class (``RULES.md §2``)."""

    number: int
    ahead: ClassCounts


@dataclasses.dataclass(frozen=True)
class QueueKey(_Record):
    """A queue: region, area, group type and cohort (birth year)."""

    region: str
    area: str
    group_type: GroupType
    cohort: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "group_type", GroupType(self.group_type))


@dataclasses.dataclass(frozen=True)
class State(_Record):
    """An application's state, and the state's own fields, typed: moments (``sent_at``,
    ``since``, ``at``, ``issued_at``…) are ``datetime``, deadlines (``choose_by``,
    ``show_up_by``, ``revocable_until``, ``until``, ``consent_by``…) are :class:`Deadline`
    (with its ``provisional`` mark), a removal's ``reason`` is :class:`RemovalReason`, a
    direction's ``via`` is :class:`Via`; kindergartens are ``str``, bulletins ``int``.
    ``to_dict()`` gives the plain data of the conformance files back."""

    name: StateName
    fields: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> State:
        return cls(StateName(d["state"]), {k: _state_field(k, v) for k, v in d.items() if k != "state"})

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.name.value, **_plain(self.fields)}


# The fields of states, by kind (core/src/lifecycle/state.rs).
_MOMENTS = frozenset({"sent_at", "since", "at", "offered_at", "confirmed_at", "issued_at"})
_DEADLINES = frozenset({
    "choose_by", "until", "consent_by", "contract_by", "restore_by", "show_up_by",
    "revocable_until", "right_confirm_by",
})


def _state_field(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in _MOMENTS:
        return moment(value)
    if key in _DEADLINES:
        return Deadline.from_dict(value)
    if key == "reason":
        return RemovalReason(value)
    if key == "via":
        return Via(value)
    return value


@dataclasses.dataclass(frozen=True)
class InterestDue(_Record):
    """When interest must next be confirmed (``RULES.md §2``)."""

    anniversary: int
    confirm_by: Deadline
    opens_at: dt.datetime
    confirmed: bool


@dataclasses.dataclass(frozen=True)
class Event(_Record):
    """One change in an application's history."""

    seq: int
    at: dt.datetime
    actor: Actor
    from_state: StateName = dataclasses.field(metadata={KEY: "from"})
    to_state: StateName = dataclasses.field(metadata={KEY: "to"})
    reason: str
    detail: Optional[str] = dataclasses.field(default=None, metadata=OMIT)


@dataclasses.dataclass(frozen=True)
class NextDeadline(_Record):
    """An application's next pending deadline."""

    at: dt.datetime
    kind: DueKind


@dataclasses.dataclass(frozen=True)
class Check(_Record):
    """One rule checked: its code, whether it passed, why (in three languages), its source."""

    code: str
    passed: bool
    field: Optional[str]
    detail: Optional[str]
    message: dict[str, str]
    source: str


@dataclasses.dataclass(frozen=True)
class Decision(_Record):
    """An explained decision: every rule checked, with its reason (``RULES.md §2–§7``)."""

    question: str
    checks: tuple[Check, ...]
    allowed: bool
    """Whether every rule is met (the core's verdict)."""
    failed: tuple[str, ...]
    """The codes of the failed checks."""

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)


@dataclasses.dataclass(frozen=True)
class Skipped(_Record):
    """A child an offer round passed over, and why."""

    id: int
    failed: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Directed(_Record):
    """A direction a round of ranked choices issued (``RULES.md §5a``): ``choice`` is where
    the kindergarten stands in the child's ranked choices (0 for the first)."""

    id: int
    kindergarten: str
    bulletin: int
    choice: int
    moved_from: Optional[str] = dataclasses.field(default=None, metadata=OMIT)
    """Where the child held a direction before, if it moved to a kindergarten it prefers."""


@dataclasses.dataclass(frozen=True)
class RoundReport(_Record):
    """What an offer round did in one pool (``RULES.md §4–§5``); under ranked choices
    (``§5a``) the directions it issued, ``directed``."""

    queue: QueueKey
    bulletin: int
    offered: tuple[int, ...]
    from_waiting_list: tuple[int, ...]
    skipped: tuple[Skipped, ...]
    open: int
    opened_to_all: bool
    directed: tuple[Directed, ...] = dataclasses.field(default=(), metadata=OMIT)
    certificate: Optional[dict[str, Any]] = dataclasses.field(default=None, metadata=OMIT)
    """Under ranked choices, the round's certificate: a JSON document (save it with
    ``json.dump``) that :meth:`Engine.verify_round` checks and
    :meth:`Engine.choice_cutoffs` reads."""


@dataclasses.dataclass(frozen=True)
class Finding(_Record):
    """What a check of a round of ranked choices found that can be objected to: its code
    (``CERT_PASSED_OVER``…), the applications and kindergartens it concerns, what it means
    in kk/ru/en."""

    code: str
    children: tuple[int, ...]
    kindergartens: tuple[str, ...]
    message: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Verdict(_Record):
    """A round of ranked choices checked (``RULES.md §5a``): it holds when nothing was
    found."""

    holds: bool
    findings: tuple[Finding, ...]


@dataclasses.dataclass(frozen=True)
class Standing(_Record):
    """Where a child stood at a kindergarten in a round: its place in the round's order
    (from 1), and whether a sibling enrolled there, or a direction it held there, put it
    first."""

    position: int
    sibling: bool
    held: bool
    """Whether it held a direction there before the round (which put it first)."""


@dataclasses.dataclass(frozen=True)
class ChoiceCutoff(_Record):
    """Why a child did not get a kindergarten it ranked above the one it got: the places
    there, where the last child given one stood (``None``: nobody, the places were fewer
    than the twins need), where the child stood, and the same in words (kk/ru/en)."""

    kindergarten: str
    places: int
    last_admitted: Optional[Standing]
    own: Standing
    message: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Bulletin(_Record):
    """Places published in one kindergarten for one group type and cohort."""

    id: int
    kindergarten: dict[str, Any]
    group_type: GroupType
    cohort: int
    places: int
    published_at: dt.datetime
    taken: int
    open_to_all: bool

    @property
    def free(self) -> int:
        return self.places - self.taken
