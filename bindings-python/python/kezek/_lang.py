"""The language of error messages: Kazakh (``kk``), Russian (``ru``) or English (``en``)."""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator, Literal

Lang = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Lang, ...] = ("kk", "ru", "en")

_current: contextvars.ContextVar[Lang] = contextvars.ContextVar("kezek_language", default="en")


def _check(lang: str) -> Lang:
    for known in LANGUAGES:
        if lang == known:
            return known
    raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")


def set_language(lang: str) -> None:
    """Sets the language of error messages for this thread or task (default ``en``)."""
    _current.set(_check(lang))


def get_language() -> Lang:
    """The language of error messages in this thread or task."""
    return _current.get()


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Error messages in ``lang`` inside the ``with`` block."""
    token = _current.set(_check(lang))
    try:
        yield
    finally:
        _current.reset(token)
