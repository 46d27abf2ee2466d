"""The lifecycle engine: applications, deadlines, bulletins and offer rounds."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, ClassVar, Iterable, Mapping, Optional, Sequence, Union

from . import _kezek
from ._boundary import guard_class
from ._application import NewApplication
from ._classes import Data, Iin, Policy, WorkCalendar, _Wrapper
from ._records import (
    Bulletin,
    ClassCounts,
    ChoiceCutoff,
    Decision,
    Directed,
    Event,
    InterestDue,
    NextDeadline,
    Position,
    QueueKey,
    RoundReport,
    State,
    StateName,
    Verdict,
)

Application = Union[NewApplication, Mapping[str, Any]]
"""A new application: a :class:`kezek.NewApplication` (a ``TypedDict`` a type checker
checks), or any mapping of that shape (data read from JSON)."""

Queue = Union[QueueKey, Mapping[str, Any]]


def _is_integer(value: Any) -> bool:
    """An integer, NumPy's included; not a bool, not a float."""
    return hasattr(value, "__index__") and not isinstance(value, (bool, float))


# The scalar fields of the typed command and query methods, checked before the data is
# built: as data a date or an enum would pass for a string (its ISO form, its value).
_FIELD_CHECKS: dict[str, Callable[[Any], bool]] = {
    "id": _is_integer,
    "vacancies": _is_integer,
    "bulletin": _is_integer,
    "kindergarten": lambda v: isinstance(v, str),
    "applicant_iin": lambda v: isinstance(v, str),
    "benefit": lambda v: v is None or isinstance(v, str),
    "until": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
    "birth_date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
    "at": lambda v: isinstance(v, dt.datetime),
    # A str is a sequence too: `list("kg-1")` would rank four one-letter kindergartens.
    "choices": lambda v: isinstance(v, (list, tuple)),
    "kindergartens": lambda v: isinstance(v, (list, tuple)),
    "certificate": lambda v: isinstance(v, Mapping),
}


def _check_types(fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        check = _FIELD_CHECKS.get(name)
        if check is not None and not check(value):
            # Translated at the boundary into the core's InputError (INPUT_TYPE).
            raise TypeError(f"argument '{name}': '{type(value).__name__}' object")


@guard_class
class Engine(_Wrapper):
    """The rules engine of one region: every application's state, history and deadlines,
    the queues, the bulletins of places and their offer rounds (``RULES.md §2–§8``).

    Moments are naive ``datetime`` in Kazakhstan civil time, never before the engine's
    clock. A refused command raises a :class:`kezek.KezekError` subclass and changes
    nothing. Engines pickle (as a snapshot), so they cross process boundaries."""

    __slots__ = ()
    _native: _kezek.Engine

    COMMANDS: ClassVar[tuple[str, ...]] = tuple(_kezek.COMMAND_NAMES)
    """The name of every command :meth:`execute` takes (its ``"command"``, the name of
    the method): what tells commands from queries, from the core's one list."""

    QUERIES: ClassVar[tuple[str, ...]] = tuple(_kezek.QUERY_NAMES)
    """The name of every query :meth:`ask` answers (its ``"query"``, the name of the
    method), from the core's one list."""

    def __init__(
        self, policy: Policy, calendar: Optional[WorkCalendar] = None, *, keep_log: bool = True
    ) -> None:
        native_calendar = calendar._native if calendar is not None else None
        self._native = _kezek.Engine(policy._native, native_calendar, keep_log)

    # --- the engine as a whole ---------------------------------------------------------

    @property
    def policy(self) -> Policy:
        return Policy(self._native.policy)

    @property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self._native.calendar)

    @property
    def log_calendar(self) -> WorkCalendar:
        """The calendar the log starts from, before the log's calendar patches: pass this one
        to :meth:`replay`."""
        return WorkCalendar(self._native.log_calendar)

    @property
    def now(self) -> Optional[dt.datetime]:
        """The moment of the last command, if any."""
        return self._native.now

    def __len__(self) -> int:
        return len(self._native)

    def snapshot(self) -> str:
        """The whole engine as versioned JSON text, to persist (``snapshot`` in every host)."""
        return self._native.to_json()

    @classmethod
    def from_snapshot(cls, snapshot: str) -> Engine:
        """An engine from a snapshot (``SNAPSHOT_FORMAT``, ``SNAPSHOT_VERSION``,
        ``SNAPSHOT_INCONSISTENT``)."""
        return cls._of(_kezek.Engine.from_json(snapshot))

    def to_json(self) -> str:
        """:meth:`snapshot` under its earlier name."""
        return self.snapshot()

    @classmethod
    def from_json(cls, snapshot: str) -> Engine:
        """:meth:`from_snapshot` under its earlier name."""
        return cls.from_snapshot(snapshot)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Engine.from_snapshot, (self.snapshot(),))

    def log(self) -> list[dict[str, Any]]:
        """The command log, as data (empty when the engine keeps none)."""
        out: list[dict[str, Any]] = self._native.log()
        return out

    @classmethod
    def replay(
        cls, policy: Policy, log: Sequence[Mapping[str, Any]], calendar: Optional[WorkCalendar] = None
    ) -> Engine:
        """Rebuilds an engine by replaying a command log."""
        native_calendar = calendar._native if calendar is not None else None
        return cls._of(_kezek.Engine.replay(policy._native, log, native_calendar))

    # --- commands ----------------------------------------------------------------------
    # Every command goes through the one entry, execute(); the methods below only name
    # their fields.

    def execute(self, command: Mapping[str, Any], at: dt.datetime) -> Any:
        """Runs any engine command given as data, ``{"command": "withdraw", "id": 3}`` (the
        method's name and its fields; ``register`` takes ``application``), at ``at``; gives
        what the command gives: an id, a list of ids, round reports as data, or ``None``.
        A malformed command raises :class:`kezek.InputError` (``INPUT_FORMAT``)."""
        return self._native.execute(command, at)

    def _run(self, command: str, at: dt.datetime, **fields: Any) -> Any:
        _check_types(fields)
        return self._native.execute({"command": command, **fields}, at)


    def register(self, application: Application, at: dt.datetime) -> int:
        """Registers an application (``RULES.md §2``); returns its id."""
        return int(self._run("register", at, application=application))

    def reserve(self, additional: int) -> None:
        """Makes room for ``additional`` registrations (bulk imports)."""
        self._native.reserve(additional)

    def notify(self, id: int, vacancies: int, at: dt.datetime) -> list[int]:
        """Notifies the application (and its twins) of places; returns the ids notified."""
        return list(self._run("notify", at, id=id, vacancies=vacancies))

    def issue_direction(self, id: int, kindergarten: str, at: dt.datetime) -> None:
        self._run("issue_direction", at, id=id, kindergarten=kindergarten)

    def revoke(self, id: int, at: dt.datetime) -> None:
        self._run("revoke", at, id=id)

    def extend(self, id: int, until: dt.date, at: dt.datetime) -> None:
        self._run("extend", at, id=id, until=until)

    def confirm_right(self, id: int, at: dt.datetime) -> None:
        self._run("confirm_right", at, id=id)

    def enroll(self, id: int, at: dt.datetime) -> None:
        self._run("enroll", at, id=id)

    def release(self, id: int, at: dt.datetime) -> None:
        self._run("release", at, id=id)

    def withdraw(self, id: int, at: dt.datetime) -> None:
        self._run("withdraw", at, id=id)

    def confirm_interest(self, id: int, at: dt.datetime) -> None:
        self._run("confirm_interest", at, id=id)

    def link_applicant(self, id: int, applicant_iin: Union[str, Iin], at: dt.datetime) -> None:
        digits = applicant_iin.expose_digits() if isinstance(applicant_iin, Iin) else applicant_iin
        self._run("link_applicant", at, id=id, applicant_iin=digits)

    def link_batch(self, ids: Iterable[int], at: dt.datetime) -> None:
        """Links twins or triplets (2 to 4 children of one family, births at most a month
        apart, in one queue) as one batch, directed together or not at all. Only where the
        policy links twins (``twin_batches``: Astana since 16.10.2019); elsewhere
        ``BATCH_NOT_IN_POLICY``. Also ``BATCH_SIZE``, ``BATCH_QUEUE``, ``BATCH_FAMILY``,
        ``BATCH_BIRTHS``, ``BATCH_LINKED``, ``BATCH_STATE``."""
        self._run("link_batch", at, ids=list(ids))

    def patch_calendar(self, patch: Data, at: dt.datetime) -> list[int]:
        """Adds calendar data at ``at`` (a patch, as JSON text or a dict: a new year's order
        moving days off, a corrected year) and counts every pending deadline again on it.
        Returns the applications whose deadlines moved; each has a ``DEADLINE_RECOMPUTED``
        event. Logged: replay and snapshots keep it."""
        return list(self._native.patch_calendar(patch, at))

    def unlink_batch(self, id: int, at: dt.datetime) -> None:
        """Unlinks the twins batch of ``id`` (the applicant's request): each member stands
        again at its own place. ``BATCH_NOT_LINKED`` when it is in no batch."""
        self._run("unlink_batch", at, id=id)

    def update_benefit(
        self,
        id: int,
        benefit: Optional[str],
        documents: Sequence[Mapping[str, Any]],
        at: dt.datetime,
    ) -> None:
        self._run("update_benefit", at, id=id, benefit=benefit, documents=list(documents))

    def correct_birth_date(self, id: int, birth_date: dt.date, at: dt.datetime) -> None:
        """The state register corrected the child's birth date (``RULES.md §1``): every
        age rule and the cohort read the new date, and the child keeps its registration
        moment in the queue of its new birth year. A ``BIRTH_DATE_CORRECTED`` event.
        ``BIRTH_DATE_REFUSED`` for a date after ``at``; ``STATE_FORBIDS`` unless the child
        waits without a place; ``BATCH_LINKED`` for a twin in a batch."""
        self._run("correct_birth_date", at, id=id, birth_date=birth_date)

    def advance_to(self, at: dt.datetime) -> None:
        """Applies every deadline due up to ``at``."""
        self._run("advance_to", at)

    def publish(self, bulletins: Sequence[Mapping[str, Any]], at: dt.datetime) -> list[RoundReport]:
        """Publishes places (``kindergarten``, ``group_type``, ``cohort``, ``places`` each)
        and runs their offer rounds; one report per pool."""
        return [RoundReport.from_dict(r) for r in self._run("publish", at, bulletins=list(bulletins))]

    def offer_round(self, bulletin: int, at: dt.datetime) -> RoundReport:
        return RoundReport.from_dict(self._run("offer_round", at, bulletin=bulletin))

    def distribute(self, at: dt.datetime) -> list[RoundReport]:
        return [RoundReport.from_dict(r) for r in self._run("distribute", at)]

    def take_place(self, id: int, bulletin: int, at: dt.datetime) -> None:
        self._run("take_place", at, id=id, bulletin=bulletin)

    def confirm_voucher(self, id: int, at: dt.datetime) -> None:
        self._run("confirm_voucher", at, id=id)

    def refuse_voucher(self, id: int, at: dt.datetime) -> None:
        self._run("refuse_voucher", at, id=id)

    def restore(self, id: int, at: dt.datetime) -> None:
        self._run("restore", at, id=id)

    def sign_contract(self, id: int, bulletin: int, at: dt.datetime) -> None:
        self._run("sign_contract", at, id=id, bulletin=bulletin)

    def join_waiting_list(self, id: int, kindergarten: str, at: dt.datetime) -> None:
        self._run("join_waiting_list", at, id=id, kindergarten=kindergarten)

    def add_kindergartens(self, kindergartens: Sequence[Mapping[str, Any]], at: dt.datetime) -> None:
        """Adds kindergartens to the catalogue parents rank (``RULES.md §5a``), each
        (``id``, ``region``, ``area``, ``languages``, ``group_types``) replacing the entry of
        the same id. ``KINDERGARTEN_INVALID`` names a malformed field."""
        self._run("add_kindergartens", at, kindergartens=kindergartens)

    def change_ranked_choices(self, id: int, choices: Sequence[str], at: dt.datetime) -> None:
        """The applicant ranks kindergartens anew, best first (``RULES.md §5a``); the child
        keeps its place in the queue. ``CHOICES_NOT_IN_POLICY``, ``CHOICES_TOO_MANY``,
        ``CHOICE_DUPLICATE``, ``CHOICE_UNKNOWN``, ``CHOICE_GROUP_TYPE``,
        ``CHOICE_LANGUAGE``, ``CHOICE_AREA``."""
        self._run("change_ranked_choices", at, id=id, choices=choices)

    # --- queries -----------------------------------------------------------------------
    # Every query goes through the one entry, ask(); the methods below name its arguments
    # and type its answer (those of one application id through ask_about, which reads no
    # data: the core's Query::about).

    def ask(self, query: Mapping[str, Any]) -> Any:
        """Answers any engine query given as data, ``{"query": "state", "id": 3}`` (the
        method's name and its arguments; an explanation takes ``at`` too), as plain data:
        what the typed method gives before it is typed. A malformed query raises
        :class:`kezek.InputError` (``INPUT_FORMAT``)."""
        return self._native.ask(query)

    def _ask(self, query: str, **fields: Any) -> Any:
        _check_types(fields)
        return self._native.ask({"query": query, **fields})

    def application(self, id: int) -> dict[str, Any]:
        """The application as registered, its IINs masked (``********0403``), as every
        host shows it; the digits stay in the engine and its snapshot."""
        out: dict[str, Any] = self._native.ask_about("application", id)
        return out

    def queue_key(self, id: int) -> QueueKey:
        return QueueKey.from_dict(self._native.ask_about("queue_key", id))

    def state(self, id: int) -> State:
        return State.from_dict(self._native.ask_about("state", id))

    def state_name(self, id: int) -> StateName:
        """The name of its state, without building the state."""
        return StateName(self._native.ask_about("state_name", id))

    def position(self, id: int) -> Optional[Position]:
        """The queue number and class counts ahead, or ``None`` outside the queue."""
        p = self._native.ask_about("position", id)
        return None if p is None else Position.from_dict(p)

    def history(self, id: int) -> list[Event]:
        return [Event.from_dict(e) for e in self._native.ask_about("history", id)]

    def next_deadline(self, id: int) -> Optional[NextDeadline]:
        d = self._native.ask_about("next_deadline", id)
        return None if d is None else NextDeadline.from_dict(d)

    def lapses(self, id: int) -> int:
        return int(self._native.ask_about("lapses", id))

    def interest(self, id: int) -> dict[str, Any]:
        out: dict[str, Any] = self._native.ask_about("interest", id)
        return out

    def interest_due(self, id: int) -> Optional[InterestDue]:
        """When interest must next be confirmed (``RULES.md §2``): the anniversary, its
        deadline, from when a confirmation counts, and whether it is done; ``None`` unless
        the application waits in the queue."""
        due = self._native.ask_about("interest_due", id)
        return None if due is None else InterestDue.from_dict(due)

    def batch(self, id: int) -> list[int]:
        return list(self._native.ask_about("batch", id))

    def applications_of(self, applicant: Union[str, Iin]) -> list[int]:
        iin = applicant if isinstance(applicant, Iin) else Iin(applicant)
        return self._native.applications_of(iin._native)

    def explain_offer(self, id: int, vacancies: int, at: dt.datetime) -> Decision:
        return Decision.from_dict(self._ask("explain_offer", id=id, vacancies=vacancies, at=at))

    def explain_take_place(self, id: int, at: dt.datetime) -> Decision:
        """Whether the application may take one of the places the engine has published at
        ``at``, and why (``RULES.md §5``): after a notice, or by free choice. Its checks are
        ``MAY_CHOOSE``, the direction's own, and ``PLACE_OPEN``."""
        return Decision.from_dict(self._ask("explain_take_place", id=id, at=at))

    def explain_registration(self, application: Application, at: dt.datetime) -> Decision:
        return Decision.from_dict(self._ask("explain_registration", application=application, at=at))

    def explain_removal_for_age(self, id: int, at: dt.datetime) -> Decision:
        return Decision.from_dict(self._ask("explain_removal_for_age", id=id, at=at))

    def queues(self) -> list[QueueKey]:
        return [QueueKey.from_dict(q) for q in self._ask("queues")]

    def listing(self, queue: Queue) -> list[int]:
        """The ids of a queue, in queue order."""
        return list(self._ask("listing", queue=_queue(queue)))

    def listing_entries(self, queue: Queue) -> list[dict[str, Any]]:
        """A queue's public listing: number, id, masked IIN, class, registration moment."""
        out: list[dict[str, Any]] = self._ask("listing_entries", queue=_queue(queue))
        return out

    def counts(self, queue: Queue) -> ClassCounts:
        return ClassCounts.from_dict(self._ask("counts", queue=_queue(queue)))

    def bulletins(self) -> list[Bulletin]:
        return [Bulletin.from_dict(b) for b in self._ask("bulletins")]

    def bulletin(self, bulletin: int) -> Bulletin:
        return Bulletin.from_dict(self._ask("bulletin", bulletin=bulletin))

    def choices(self, id: int) -> list[Bulletin]:
        """What a notified parent chooses among (``RULES.md §5``): the bulletins of the
        application's pool with a free place, in publication order."""
        return [Bulletin.from_dict(b) for b in self._native.ask_about("choices", id)]

    def open_places(self, queue: Queue) -> int:
        """Places of a queue's pool open to free choice (``RULES.md §7``)."""
        return int(self._ask("open_places", queue=_queue(queue)))

    def ranked_choices(self, id: int) -> list[str]:
        """The kindergartens the application ranks, best first (``RULES.md §5a``)."""
        return list(self._native.ask_about("ranked_choices", id))

    def kindergartens(self) -> list[dict[str, Any]]:
        """The catalogue of kindergartens parents rank, by id."""
        out: list[dict[str, Any]] = self._ask("kindergartens")
        return out

    def verify_round(self, certificate: Mapping[str, Any]) -> Verdict:
        """Checks a round of ranked choices (``RULES.md §5a``) from its certificate
        (:attr:`RoundReport.certificate`), on the engine restored from the snapshot taken
        right after the round: nothing over-filled, nobody passed over, no swap left, and
        the certificate's choices, sibling priorities, order and directions are the
        engine's. ``INPUT_FORMAT`` for a certificate that cannot be read."""
        return Verdict.from_dict(self._ask("verify_round", certificate=certificate))

    def choice_cutoffs(self, certificate: Mapping[str, Any], id: int) -> list[ChoiceCutoff]:
        """For a child of a round of ranked choices, the cutoff at each kindergarten it
        ranked above the one it got, best first: where the last child given a place
        there stood and where it stood, in words for its parents (kk/ru/en). Empty for a
        child at its first choice or one the round did not consider."""
        return [ChoiceCutoff.from_dict(c) for c in self._ask("choice_cutoffs", certificate=certificate, id=id)]

    def given_on(self) -> list[Directed]:
        """The directions the re-placing at the end of the last accepted command issued,
        in order (``RULES.md §5a``): under ranked choices a place a command gave back (a
        revocation, a lapse, a withdrawal…) goes on at once, along a chain — a child that
        moved names where it held a direction before (:attr:`Directed.moved_from`). Empty
        when the last command gave nothing on; a snapshot does not carry it."""
        return [Directed.from_dict(d) for d in self._ask("given_on")]

    def statistics(self) -> list[dict[str, Any]]:
        """Children standing in each queue, by class and by language of instruction
        (``{"queue": …, "statistics": {"by_class": …, "kazakh": …, "russian": …,
        "other_language": …}}``), in queue order: the portals' home-page figures."""
        out: list[dict[str, Any]] = self._ask("statistics")
        return out

    def __repr__(self) -> str:
        return f"Engine(policy={self.policy.id!r}, applications={len(self)}, now={self.now!r})"


def _queue(queue: Queue) -> Mapping[str, Any]:
    return queue.to_dict() if isinstance(queue, QueueKey) else queue
