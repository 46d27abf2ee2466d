"""A new application as typed data (``TypedDict``s): what :meth:`kezek.Engine.register` and
:meth:`kezek.Engine.explain_registration` take, the format of
``tests/conformance/lifecycle.json``. Plain dicts of that shape type-check as they are; a
field of the wrong type is refused at run time with ``INPUT_TYPE`` or ``INPUT_FORMAT``."""

from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence, TypedDict, Union

from ._records import GroupType, Language, Sex


class _Address(TypedDict):
    region: str
    district: str


class Address(_Address, total=False):
    """Where the family is registered (``RULES.md §2``): ``region`` (a policy book's region
    code, ``"akmola"``), ``district``, and optionally ``locality``."""

    locality: Optional[str]


class Contacts(TypedDict):
    """How the service reaches the applicant: ``email`` and ``phone`` (``+7 7xx …``)."""

    email: str
    phone: str


class _Document(TypedDict):
    kind: str
    issued_on: Union[dt.date, str]


class Document(_Document, total=False):
    """A document attached: its ``kind`` (``"large_family_certificate"``,
    ``"pmpk_conclusion"``…), the day it was issued, and optionally its own last day."""

    valid_until: Optional[Union[dt.date, str]]


class _NewApplication(TypedDict):
    applicant_iin: str
    child_iin: str
    address: Address
    group_type: Union[GroupType, str]
    language: Union[Language, str]
    contacts: Contacts


class NewApplication(_NewApplication, total=False):
    """A new application (``RULES.md §2``). Required: ``applicant_iin``, ``child_iin``,
    ``address``, ``group_type``, ``language``, ``contacts``. Optional: ``child_birth_date``
    and ``child_sex`` (from the state register: without a date, the one the IIN encodes is
    used and the application's ``birth_date_source`` says ``"iin"``), ``benefit`` (a
    category code), ``documents``, ``non_resident``, ``ranked_choices`` (kindergarten ids of
    the engine's catalogue, best first, where the policy gives places by ranked choices:
    ``RULES.md §5a``)."""

    child_birth_date: Optional[Union[dt.date, str]]
    child_sex: Optional[Union[Sex, str]]
    benefit: Optional[str]
    documents: Sequence[Document]
    non_resident: bool
    ranked_choices: Sequence[str]
