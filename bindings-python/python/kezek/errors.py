"""Exceptions of kezek.

Every error is a :class:`KezekError` with a stable ``code`` (``IIN_CHECKSUM``…), its
structured fields in ``details`` (also readable as attributes: ``err.found``), and its message
in Kazakh, Russian and English (:meth:`KezekError.message`); ``str(err)`` is the message in the
language chosen with :func:`kezek.set_language`. Each class also subclasses the builtin that
fits: ``ValueError`` for input or commands the rules refuse, ``LookupError`` for unknown ids.

::

    KezekError
    ├── InputError (ValueError)                data of the wrong shape, depth or size:
    │   │                                      INPUT_FORMAT, INPUT_DEPTH, INPUT_TOO_LARGE
    │   └── InputTypeError (TypeError)         a value of the wrong type: INPUT_TYPE
    ├── IinError (ValueError)                  IIN_*
    ├── CalendarError (ValueError)             CALENDAR_*
    ├── PolicyError
    │   ├── PolicyNotFoundError (LookupError)  POLICY_UNKNOWN_REGION, _NOT_IN_FORCE, _UNKNOWN_ID
    │   └── PolicyInvalidError (ValueError)    POLICY_DUPLICATE, _UNIT, _VALUE, _REGION, _JSON
    ├── LifecycleError
    │   ├── ApplicationNotFoundError (LookupError)   APPLICATION_UNKNOWN
    │   ├── CommandRefusedError (ValueError)   REGISTRATION_REFUSED, STATE_FORBIDS, …
    │   └── SnapshotError (ValueError)         SNAPSHOT_FORMAT, SNAPSHOT_VERSION
    ├── AllocationError
    │   ├── BulletinNotFoundError (LookupError)      BULLETIN_UNKNOWN
    │   ├── KindergartenNotFoundError (LookupError)  KINDERGARTEN_UNKNOWN
    │   └── PlacesRefusedError (ValueError)    PLACE_TAKEN, PLACES_FROZEN, …
    ├── MatchingError (ValueError)             MATCHING_*
    └── SimulationError (ValueError)           SIMULATION_INPUT
"""

from __future__ import annotations

from typing import Any, Mapping

from ._lang import _check, get_language


class KezekError(Exception):
    """The base of every kezek error."""

    code: str
    """The stable machine code, e.g. ``IIN_CHECKSUM``."""
    details: dict[str, Any]
    """The error's structured fields (ids, dates, counts…); never an unmasked IIN."""

    def __init__(self, code: str, messages: Mapping[str, str], details: Mapping[str, Any]) -> None:
        super().__init__(code, dict(messages), dict(details))
        self.code = code
        self.details = dict(details)
        self._messages = dict(messages)

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``kk``, ``ru`` or ``en``; by default the current one)."""
        return self._messages[_check(lang) if lang is not None else get_language()]

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, details={self.details!r})"

    def __getattr__(self, name: str) -> Any:
        # Structured fields read as attributes: `err.found`, `err.id`.
        details = self.__dict__.get("details", {})
        if name in details:
            return details[name]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")


class InputError(KezekError, ValueError):
    """Data of the wrong shape: a missing field, a wrong type, an unknown enum value."""


class InternalError(KezekError, RuntimeError):
    """A bug in kezek (a Rust panic), caught at the boundary; ``details["panic"]`` is its
    message. An engine command that panics leaves its engine as it was before the command.
    Please report it."""


class InputTypeError(InputError, TypeError):
    """A value of the wrong type for an argument or field (``INPUT_TYPE``)."""


class IinError(KezekError, ValueError):
    """An IIN that is not valid (``RULES.md §1``)."""


class CalendarError(KezekError, ValueError):
    """A date outside the calendar, or calendar data that is not valid (``RULES.md §9``)."""


class PolicyError(KezekError):
    """A policy question or policy data the book cannot answer (``RULES.md §10``)."""


class PolicyNotFoundError(PolicyError, LookupError):
    """No such region or policy, or none in force on the date."""


class PolicyInvalidError(PolicyError, ValueError):
    """Policy data that is not valid."""


class LifecycleError(KezekError):
    """An engine command or query refused (``RULES.md §2–§8``)."""


class ApplicationNotFoundError(LifecycleError, LookupError):
    """No application with this id."""


class CommandRefusedError(LifecycleError, ValueError):
    """The rules refuse the command now; the engine is unchanged."""


class SnapshotError(LifecycleError, ValueError):
    """A snapshot that cannot be loaded."""


class AllocationError(KezekError):
    """A bulletin or place command refused (``RULES.md §4–§8``)."""


class BulletinNotFoundError(AllocationError, LookupError):
    """No bulletin with this id."""


class KindergartenNotFoundError(AllocationError, LookupError):
    """No bulletin names this kindergarten."""


class PlacesRefusedError(AllocationError, ValueError):
    """The place cannot be taken, published or waited for now."""


class MatchingError(KezekError, ValueError):
    """A batch-matching instance that is not valid."""


class SimulationError(KezekError, ValueError):
    """A simulation input that is not valid."""


__all__ = [
    "KezekError",
    "InputError",
    "InputTypeError",
    "InternalError",
    "IinError",
    "CalendarError",
    "PolicyError",
    "PolicyNotFoundError",
    "PolicyInvalidError",
    "LifecycleError",
    "ApplicationNotFoundError",
    "CommandRefusedError",
    "SnapshotError",
    "AllocationError",
    "BulletinNotFoundError",
    "KindergartenNotFoundError",
    "PlacesRefusedError",
    "MatchingError",
    "SimulationError",
]
