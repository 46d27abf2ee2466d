"""kezek: the rules engine of Kazakhstan's electronic preschool queue.

Eligibility, priority classes, deadlines on the Kazakh working-day calendar, the life of
an application and the allocation of kindergarten places, from a Rust core. Every rule
cites its source in ``RULES.md``. Batch matching is in :mod:`kezek.matching`, the queue
simulator in :mod:`kezek.simulation`.

>>> import datetime as dt, kezek
>>> iin = kezek.Iin("210308600403")
>>> iin, iin.encoded_birth_date
(Iin('********0403'), datetime.date(2021, 3, 8))
>>> policy = kezek.PolicyBook.builtin().policy_for("akmola", dt.date(2025, 9, 1))
>>> cal = kezek.WorkCalendar.kazakhstan()
>>> cal.deadline(dt.datetime(2025, 9, 5, 10), policy.period("choice_window")).last_day
datetime.date(2025, 9, 10)
"""

from . import matching, people, simulation
from ._application import Address, Contacts, Document, NewApplication
from ._classes import Iin, Policy, PolicyBook, ProvisionalCalendar, WorkCalendar
from ._engine import Engine
from ._kezek import __version__
from ._lang import get_language, language, set_language
from ._records import (
    Actor,
    Answer,
    Bulletin,
    Check,
    ClassCounts,
    ChoiceCutoff,
    DayInfo,
    Deadline,
    Decision,
    Directed,
    DueKind,
    Finding,
    Event,
    InterestDue,
    GroupType,
    Language,
    NextDeadline,
    Period,
    PeriodUnit,
    Position,
    PriorityClass,
    QueueKey,
    RemovalReason,
    RoundReport,
    Sex,
    Skipped,
    Standing,
    State,
    StateName,
    Verdict,
    Via,
)
from .errors import (
    AllocationError,
    ApplicationNotFoundError,
    BulletinNotFoundError,
    CalendarError,
    CommandRefusedError,
    IinError,
    InputError,
    InputTypeError,
    InternalError,
    KezekError,
    KindergartenNotFoundError,
    LifecycleError,
    MatchingError,
    PlacesRefusedError,
    PolicyError,
    PolicyInvalidError,
    PolicyNotFoundError,
    SimulationError,
    SnapshotError,
)

__all__ = [
    "__version__", "matching", "people", "simulation",
    "NewApplication", "Address", "Contacts", "Document",
    "Iin", "Sex", "WorkCalendar", "ProvisionalCalendar", "Period", "PeriodUnit",
    "Deadline", "DayInfo", "Answer", "Policy", "PolicyBook", "Engine", "State", "StateName", "RemovalReason", "Via",
    "Event", "InterestDue", "Actor", "Position", "ClassCounts", "QueueKey", "GroupType", "Language",
    "PriorityClass", "DueKind", "NextDeadline", "Decision", "Check", "RoundReport", "Skipped", "Directed",
    "Verdict", "Finding", "ChoiceCutoff", "Standing",
    "Bulletin", "set_language", "get_language", "language",
    "KezekError", "InputError", "InputTypeError", "InternalError", "IinError", "CalendarError", "PolicyError",
    "PolicyNotFoundError", "PolicyInvalidError", "LifecycleError", "ApplicationNotFoundError",
    "CommandRefusedError", "SnapshotError", "AllocationError", "BulletinNotFoundError",
    "KindergartenNotFoundError", "PlacesRefusedError", "MatchingError", "SimulationError",
]
