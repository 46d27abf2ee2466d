"""Results as frozen dataclasses and names as string enums.

Each record is built from the core's plain data (the JSON shape of the conformance files)
by ``from_dict``; dates and moments become ``datetime.date`` / ``datetime.datetime``
(naive, Kazakhstan civil time). ``to_dict()`` gives the plain data back. The enums are
``str`` subclasses, so ``State.name == "queued"`` holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any, Generic, Mapping, Optional, TypeVar

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


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Record:
    def to_dict(self) -> dict[str, Any]:
        """The record as plain data (ISO strings for dates), the shape the core reads."""
        out: dict[str, Any] = _plain(self)
        return out


@dataclasses.dataclass(frozen=True)
class Period(_Record):
    """A length of time with its unit, e.g. ``Period(3, PeriodUnit.WORKING_DAYS)``."""

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", PeriodUnit(self.unit))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Period:
        return cls(int(d["amount"]), PeriodUnit(d["unit"]))


@dataclasses.dataclass(frozen=True)
class Deadline(_Record):
    """Where a period ends: its last day, and the first moment after it. ``provisional``
    when a year the count crosses has no decree data: it follows the statutory rules
    alone and may move when the year's decree is added (``RULES.md §9``)."""

    last_day: dt.date
    ends_at: dt.datetime
    provisional: bool = False

    def has_passed(self, t: dt.datetime) -> bool:
        """Whether the period has passed at moment ``t``."""
        return t >= self.ends_at

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Deadline:
        return cls(date(d["last_day"]), moment(d["ends_at"]), bool(d.get("provisional", False)))


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ClassCounts:
        return cls(d["out_of_turn"], d["first_priority"], d["general"])


@dataclasses.dataclass(frozen=True)
class Position(_Record):
    """A queue number and the children ahead by class (``RULES.md §2``)."""

    number: int
    ahead: ClassCounts

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Position:
        return cls(d["number"], ClassCounts.from_dict(d["ahead"]))


@dataclasses.dataclass(frozen=True)
class QueueKey(_Record):
    """A queue: region, area, group type and cohort (birth year)."""

    region: str
    area: str
    group_type: GroupType
    cohort: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "group_type", GroupType(self.group_type))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> QueueKey:
        return cls(d["region"], d["area"], GroupType(d["group_type"]), d["cohort"])


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
        fields: dict[str, Any] = _plain(self.fields)
        for key, value in fields.items():
            # As the core writes a deadline: `provisional` only when it is.
            if isinstance(value, dict) and value.get("provisional") is False:
                del value["provisional"]
        return {"state": self.name.value, **fields}


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> InterestDue:
        return cls(int(d["anniversary"]), Deadline.from_dict(d["confirm_by"]), moment(d["opens_at"]), bool(d["confirmed"]))


@dataclasses.dataclass(frozen=True)
class Event(_Record):
    """One change in an application's history."""

    seq: int
    at: dt.datetime
    actor: Actor
    from_state: StateName
    to_state: StateName
    reason: str
    detail: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        return cls(
            d["seq"],
            moment(d["at"]),
            Actor(d["actor"]),
            StateName(d["from"]),
            StateName(d["to"]),
            d["reason"],
            d.get("detail"),
        )


@dataclasses.dataclass(frozen=True)
class NextDeadline(_Record):
    """An application's next pending deadline."""

    at: dt.datetime
    kind: DueKind

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NextDeadline:
        return cls(moment(d["at"]), DueKind(d["kind"]))


@dataclasses.dataclass(frozen=True)
class Check(_Record):
    """One rule checked: its code, whether it passed, why (in three languages), its source."""

    code: str
    passed: bool
    field: Optional[str]
    detail: Optional[str]
    message: dict[str, str]
    source: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Check:
        return cls(d["code"], d["passed"], d.get("field"), d.get("detail"), d["message"], d["source"])


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Decision:
        checks = tuple(Check.from_dict(c) for c in d["checks"])
        return cls(d["question"], checks, bool(d["allowed"]), tuple(d["failed"]))


@dataclasses.dataclass(frozen=True)
class Skipped(_Record):
    """A child an offer round passed over, and why."""

    id: int
    failed: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Skipped:
        return cls(d["id"], tuple(d["failed"]))


@dataclasses.dataclass(frozen=True)
class Directed(_Record):
    """A direction a round of ranked choices issued (``RULES.md §5a``): ``choice`` is where
    the kindergarten stands in the child's ranked choices (0 for the first)."""

    id: int
    kindergarten: str
    bulletin: int
    choice: int
    moved_from: Optional[str] = None
    """Where the child held a direction before, if it moved to a kindergarten it prefers."""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.moved_from is None:
            del out["moved_from"]  # as the core writes it
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Directed:
        return cls(d["id"], d["kindergarten"], d["bulletin"], d["choice"], d.get("moved_from"))


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
    directed: tuple[Directed, ...] = ()
    certificate: Optional[dict[str, Any]] = None
    """Under ranked choices, the round's certificate: a JSON document (save it with
    ``json.dump``) that :meth:`Engine.verify_round` checks and
    :meth:`Engine.choice_cutoffs` reads."""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if not self.directed:
            del out["directed"]  # as the core writes it
        if self.certificate is None:
            del out["certificate"]
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RoundReport:
        return cls(
            QueueKey.from_dict(d["queue"]),
            d["bulletin"],
            tuple(d["offered"]),
            tuple(d["from_waiting_list"]),
            tuple(Skipped.from_dict(s) for s in d["skipped"]),
            d["open"],
            d["opened_to_all"],
            tuple(Directed.from_dict(x) for x in d.get("directed", ())),
            d.get("certificate"),
        )


@dataclasses.dataclass(frozen=True)
class Finding(_Record):
    """What a check of a round of ranked choices found that can be objected to: its code
    (``CERT_PASSED_OVER``…), the applications and kindergartens it concerns, what it means
    in kk/ru/en."""

    code: str
    children: tuple[int, ...]
    kindergartens: tuple[str, ...]
    message: dict[str, str]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(d["code"], tuple(d["children"]), tuple(d["kindergartens"]), d["message"])


@dataclasses.dataclass(frozen=True)
class Verdict(_Record):
    """A round of ranked choices checked (``RULES.md §5a``): it holds when nothing was
    found."""

    holds: bool
    findings: tuple[Finding, ...]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Verdict:
        return cls(d["holds"], tuple(Finding.from_dict(f) for f in d["findings"]))


@dataclasses.dataclass(frozen=True)
class Standing(_Record):
    """Where a child stood at a kindergarten in a round: its place in the round's order
    (from 1), and whether a sibling enrolled there, or a direction it held there, put it
    first."""

    position: int
    sibling: bool
    held: bool
    """Whether it held a direction there before the round (which put it first)."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Standing:
        return cls(d["position"], d["sibling"], d["held"])


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ChoiceCutoff:
        last = d.get("last_admitted")
        return cls(
            d["kindergarten"],
            d["places"],
            None if last is None else Standing.from_dict(last),
            Standing.from_dict(d["own"]),
            d["message"],
        )


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Bulletin:
        return cls(
            d["id"],
            dict(d["kindergarten"]),
            GroupType(d["group_type"]),
            d["cohort"],
            d["places"],
            moment(d["published_at"]),
            d["taken"],
            d["open_to_all"],
        )
