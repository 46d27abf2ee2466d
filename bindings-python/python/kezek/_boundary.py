"""The boundary between callers and kezek: every failure a caller can cause is a
:class:`kezek.KezekError` with a code.

Python's own argument conversion (an ``int`` where a ``str`` goes, an integer out of range,
a string with a lone surrogate) and the typed wrappers' own steps (``Sex("x")``, an unknown
period name, an object of another class) raise builtins with no code. :func:`guard_class`
wraps every public method of the package's classes so that such an exception becomes the
core's ``InputError`` (``INPUT_TYPE``, ``INPUT_FORMAT`` or ``INPUT_DEPTH``), built by the
core with its kk/ru/en messages; a Rust panic (a bug in kezek) becomes ``InternalError``
(``INTERNAL``); engine commands roll their engine back before raising it themselves. The new exception is raised outside the ``except`` block:
it keeps no reference to the original, whose ``args`` may hold the value passed (an IIN).
Exceptions of the caller's own code (a progress callback) are not touched: the functions
that call back are not wrapped.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Optional, TypeVar

from . import _kezek
from .errors import KezekError

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)

# The builtin exceptions a caller's bad input raises at the boundary, which become InputErrors.
CALLER_ERRORS = (TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError)
_ARGUMENT = re.compile(r"argument '(\w+)'")
_FOUND = re.compile(r"'(\w+)' object")


def _translate(error: BaseException, where: str) -> Optional[BaseException]:
    """The InputError for a builtin exception raised at the boundary, the InternalError for
    a Rust panic (pyo3's ``PanicException``, a ``BaseException``), or None to re-raise."""
    if type(error).__name__ == "PanicException":
        return _kezek.internal_error_of(str(error))
    if isinstance(error, KezekError) or not isinstance(error, CALLER_ERRORS):
        return None
    text = str(error) if not isinstance(error, UnicodeError) else ""
    named = _ARGUMENT.search(text)
    what = named.group(1) if named else where
    if isinstance(error, RecursionError):
        return _kezek.input_error_of("depth", what, "")
    if isinstance(error, (TypeError, AttributeError)):
        found = _FOUND.search(text)
        return _kezek.input_error_of(
            "type", what, "the type the API documents", found.group(1) if found else "another type")
    if isinstance(error, UnicodeError):
        return _kezek.input_error_of("format", what, "not valid Unicode (a lone surrogate)")
    if isinstance(error, OverflowError):
        return _kezek.input_error_of("format", what, "an integer out of range")
    if isinstance(error, KeyError):
        return _kezek.input_error_of("format", what, "not a known name")
    return _kezek.input_error_of("format", what, "not one of the accepted values")


def guarded(f: F, where: str) -> F:
    @functools.wraps(f)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - translated or re-raised as it is
            translated = _translate(error, where)
            if translated is None:
                raise
        raise translated

    return call  # type: ignore[return-value]


def _unbuilt(obj: Any) -> bool:
    """Whether ``obj`` lacks the state its constructor sets (made by ``__new__`` alone, or
    its constructor raised): a debugger or a traceback may still print it."""
    slots = (s for k in type(obj).__mro__ for s in getattr(k, "__slots__", ()))
    return any(not hasattr(obj, s) for s in slots)


def _printable(f: F, name: str) -> F:
    @functools.wraps(f)
    def show(self: Any) -> Any:
        if _unbuilt(self):
            return f"<kezek.{name} (not constructed)>"
        return f(self)

    return show  # type: ignore[return-value]


def printable_class(cls: C) -> C:
    """Makes ``__repr__`` and ``__str__`` of ``cls`` print an object whose constructor did
    not finish, instead of raising."""
    for name in ("__repr__", "__str__"):
        if name in vars(cls):
            setattr(cls, name, _printable(vars(cls)[name], cls.__name__))
    return cls


def guard_class(cls: C, skip: tuple[str, ...] = ()) -> C:
    """Wraps, in place, every public method, static and class method and property of
    ``cls``, and its constructor (see :func:`printable_class` for its printing), those it
    inherits from a private base (``_Result``…) too, which no decorator guards."""
    printable_class(cls)
    members: dict[str, Any] = {}
    for base in reversed(cls.__mro__[1:]):
        if base.__name__.startswith("_"):
            members.update(vars(base))
    for name, member in list({**members, **vars(cls)}.items()):
        if (name.startswith("_") and name != "__init__") or name in skip:
            continue
        where = f"{cls.__name__}.{name}" if name != "__init__" else cls.__name__
        if isinstance(member, staticmethod):
            setattr(cls, name, staticmethod(guarded(member.__func__, where)))
        elif isinstance(member, classmethod):
            setattr(cls, name, classmethod(guarded(member.__func__, where)))
        elif isinstance(member, property):
            setattr(cls, name, property(
                guarded(member.fget, where) if member.fget else None,
                member.fset, member.fdel, member.__doc__))
        elif callable(member):
            setattr(cls, name, guarded(member, where))
    return cls
