"""Batch matching of children to kindergartens (``RULES.md §4–§5``), for analysts and
centralised regions.

Children are ``0..n``, kindergartens ``0..m``. A child's preferences are kindergarten
indices, best first; each kindergarten has a capacity; each child a ``base`` rank, lower
first (its place in the queue order); a kindergarten may raise some children with a
priority ``level`` (siblings, staff children), higher first. Remaining ties are broken by a
seeded lottery (:class:`TieBreak`). A kindergarten ranks children by (level, descending;
base; lottery; child index).

Large instances come as flat NumPy arrays (or lists): ``offsets`` (one per child, plus
one) and ``choices``; the arrays are read in Rust, with no Python object per element, and
the GIL is released while an instance is checked, a mechanism runs or a checker walks a
matching.

>>> from kezek.matching import Instance
>>> inst = Instance([[0, 1], [0], [0, 1]], capacities=[1, 1], base=[0, 1, 2])
>>> m = inst.deferred_acceptance()
>>> m.assignments
[0, None, 1]
>>> m.blocking_pairs()
[]
>>> [w.below_cutoff for w in m.why_not(1)]
[True]
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence

from . import _kezek
from ._boundary import guard_class
from ._optional import require
from ._classes import _Wrapper
from ._records import _Record, _StrEnum, OMIT

__all__ = [
    "Instance", "Matching", "Mechanism", "TieBreak", "PriorityKey", "Cutoff", "WhyNot",
    "Envy", "Violation",
]

IndexArray = Any
"""A one-dimensional NumPy integer array (any width), a list or a tuple of integers."""

Priorities = Optional[Iterable[Sequence[int]]]
"""``(child, kindergarten, level)`` triples (a list, or an ``(n, 3)`` NumPy array)."""


class Mechanism(_StrEnum):
    """How places are assigned."""

    DEFERRED_ACCEPTANCE = "deferred_acceptance"
    """Child-proposing deferred acceptance: the child-optimal stable matching."""
    SERIAL_DICTATORSHIP = "serial_dictatorship"
    """Children in queue order each take their best kindergarten with a place left."""
    IMMEDIATE_ACCEPTANCE = "immediate_acceptance"
    """The Boston mechanism: round k assigns k-th choices for good."""


@dataclasses.dataclass(frozen=True)
class TieBreak(_Record):
    """How ties in ``base`` rank are broken: by child index (``none``), by one seeded
    lottery number per child (``single``) or per child and kindergarten (``multiple``)."""

    kind: Literal["none", "single", "multiple"] = "none"
    seed: int = 0

    @classmethod
    def none(cls) -> TieBreak:
        return cls("none")

    @classmethod
    def single(cls, seed: int) -> TieBreak:
        return cls("single", seed)

    @classmethod
    def multiple(cls, seed: int) -> TieBreak:
        return cls("multiple", seed)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "none"} if self.kind == "none" else {"kind": self.kind, "seed": self.seed}


@functools.total_ordering
@dataclasses.dataclass(frozen=True)
class PriorityKey(_Record):
    """Where a child stands at a kindergarten; smaller keys stand higher (compare them)."""

    level: int
    base: int
    lottery: int
    child: int

    def __lt__(self, other: object) -> bool:
        # A higher level stands higher: order by (-level, base, lottery, child).
        if not isinstance(other, PriorityKey):
            return NotImplemented
        return self._order() < other._order()

    def _order(self) -> tuple[int, int, int, int]:
        return (-self.level, self.base, self.lottery, self.child)


@dataclasses.dataclass(frozen=True)
class Cutoff(_Record):
    """A kindergarten's fill and, when full, the key of the last child it admitted."""

    kindergarten: int
    capacity: int
    admitted: int
    last_admitted: Optional[PriorityKey]


@dataclasses.dataclass(frozen=True)
class WhyNot(_Record):
    """Why a child did not get a kindergarten it ranked above its own place."""

    kindergarten: int
    choice: int
    cutoff: Optional[PriorityKey]
    child: PriorityKey
    below_cutoff: bool


@dataclasses.dataclass(frozen=True)
class Envy(_Record):
    """Justified envy: ``child`` prefers ``kindergarten`` to its own place and stands above
    ``admitted``, who got it."""

    child: int
    kindergarten: int
    admitted: int


@dataclasses.dataclass(frozen=True)
class Violation(_Record):
    """Why a matching is not valid: ``size`` (wrong number of children), ``unranked`` (a
    child holds a place it did not rank) or ``over_capacity``."""

    kind: Literal["size", "unranked", "over_capacity"]
    child: Optional[int] = dataclasses.field(default=None, metadata=OMIT)
    kindergarten: Optional[int] = dataclasses.field(default=None, metadata=OMIT)
    held: Optional[int] = dataclasses.field(default=None, metadata=OMIT)
    found: Optional[int] = dataclasses.field(default=None, metadata=OMIT)


@guard_class
class Instance(_Wrapper):
    """A matching instance: preferences, capacities, base ranks and kindergarten priorities,
    validated on construction (``MATCHING_*`` errors raise :class:`kezek.MatchingError`).

    ``Instance(preferences, capacities, base, priorities=None)`` takes nested lists (or
    arrays per child); :meth:`from_flat` takes flat arrays, the way for large instances.
    Instances are immutable and pickle."""

    __slots__ = ()
    _native: _kezek.MatchingInstance

    def __init__(self, preferences: Iterable[IndexArray], capacities: IndexArray, base: IndexArray,
                 priorities: Priorities = None) -> None:
        self._native = _kezek.MatchingInstance.nested(preferences, capacities, base, priorities)

    @classmethod
    def from_flat(cls, offsets: IndexArray, choices: IndexArray, capacities: IndexArray, base: IndexArray,
                  priorities: Priorities = None) -> Instance:
        """From flat arrays: child ``c`` ranks ``choices[offsets[c]:offsets[c + 1]]``."""
        return cls._of(_kezek.MatchingInstance.flat(offsets, choices, capacities, base, priorities))

    @property
    def children(self) -> int:
        return int(self._native.children)

    @property
    def kindergartens(self) -> int:
        return int(self._native.kindergartens)

    @property
    def capacities(self) -> list[int]:
        return list(self._native.capacities())

    def preferences_of(self, child: int) -> list[int]:
        """The child's kindergartens, best first."""
        return list(self._native.preferences_of(child))

    def solve(self, mechanism: Mechanism | str = Mechanism.DEFERRED_ACCEPTANCE,
              tie_break: TieBreak = TieBreak()) -> Matching:
        """Runs a mechanism after drawing the lottery of ``tie_break``."""
        name = mechanism.value if isinstance(mechanism, Mechanism) else str(mechanism)
        native = self._native.solve(name, tie_break.to_dict())  # an unknown name raises InputError
        return Matching(self, native, Mechanism(name))

    def deferred_acceptance(self, tie_break: TieBreak = TieBreak()) -> Matching:
        return self.solve(Mechanism.DEFERRED_ACCEPTANCE, tie_break)

    def serial_dictatorship(self, tie_break: TieBreak = TieBreak()) -> Matching:
        return self.solve(Mechanism.SERIAL_DICTATORSHIP, tie_break)

    def immediate_acceptance(self, tie_break: TieBreak = TieBreak()) -> Matching:
        return self.solve(Mechanism.IMMEDIATE_ACCEPTANCE, tie_break)

    def matching(self, assignments: Sequence[Optional[int]], tie_break: TieBreak = TieBreak()) -> Matching:
        """A matching computed elsewhere (each child's kindergarten or ``None``), to check
        and explain. Raises ``MATCHING_SHAPE`` / ``MATCHING_UNRANKED``."""
        return Matching(self, self._native.adopt(list(assignments), tie_break.to_dict()), None)

    def __repr__(self) -> str:
        return f"Instance(children={self.children}, kindergartens={self.kindergartens})"

    def __reduce__(self) -> tuple[Any, ...]:
        offsets, choices, capacities, base, priorities = self._native.parts()
        return (Instance.from_flat, (offsets, choices, capacities, base, priorities))


@guard_class
class Matching:
    """A matching of an :class:`Instance`: who got which kindergarten, with the checkers and
    explanations under the tie-break it was drawn with. Pickles; ``to_dict()`` and
    ``to_pandas()`` give one row per child."""

    __slots__ = ("instance", "mechanism", "_native", "_assignments")

    def __init__(self, instance: Instance, native: Any, mechanism: Optional[Mechanism]) -> None:
        self.instance = instance
        self.mechanism = mechanism
        self._native = native
        self._assignments: Optional[list[Optional[int]]] = None

    def _cached(self) -> list[Optional[int]]:
        if self._assignments is None:
            self._assignments = list(self._native.assignments())
        return self._assignments

    @property
    def assignments(self) -> list[Optional[int]]:
        """Per child, its kindergarten or ``None`` (a fresh list)."""
        return list(self._cached())

    @property
    def tie_break(self) -> TieBreak:
        return TieBreak.from_dict(self._native.tie_break())

    def kindergarten_of(self, child: int) -> Optional[int]:
        """The child's kindergarten or ``None``; an index that is not a child raises
        :class:`kezek.InputError`."""
        cached = self._cached()
        if not 0 <= child < len(cached):
            self.instance.preferences_of(child)  # raises InputError naming the child
        return cached[child]

    def choices(self) -> list[Optional[int]]:
        """Per child, the rank of its kindergarten in its own list (0 = first choice)."""
        return list(self._native.choices())

    def admitted(self) -> list[list[int]]:
        """Per kindergarten, the children it admitted."""
        return [list(a) for a in self._native.admitted()]

    def check_valid(self) -> Optional[Violation]:
        """``None`` when every child holds a kindergarten it ranked and none is over
        capacity; else the first violation."""
        v = self._native.check_valid()
        return None if v is None else Violation.from_dict(v)

    def blocking_pairs(self) -> list[tuple[int, int]]:
        """``(child, kindergarten)`` pairs that would both rather be matched together."""
        return [(int(c), int(k)) for c, k in self._native.blocking_pairs()]

    def justified_envy(self) -> list[Envy]:
        return [Envy.from_dict(e) for e in self._native.justified_envy()]

    def cutoffs(self) -> list[Cutoff]:
        return [Cutoff.from_dict(c) for c in self._native.cutoffs()]

    def why_not(self, child: int) -> list[WhyNot]:
        """For each kindergarten the child ranked above its own place: the cutoff, its own
        key and whether it stood below the cutoff."""
        return [WhyNot.from_dict(w) for w in self._native.why_not(child)]

    def priority(self, child: int, kindergarten: int) -> Optional[PriorityKey]:
        key = self._native.priority(child, kindergarten)
        return None if key is None else PriorityKey.from_dict(key)

    def to_dict(self) -> dict[str, list[Any]]:
        """One row per child, as a dict of lists: ``child``, ``kindergarten``, ``choice``
        (``None`` when unassigned)."""
        return {"child": list(range(self.instance.children)), "kindergarten": self.assignments,
                "choice": self.choices()}

    def to_pandas(self) -> Any:
        """:meth:`to_dict` as a pandas DataFrame (nullable ``Int64`` columns); needs pandas."""
        pd: Any = require("pandas", "pandas", "to_pandas()")
        return pd.DataFrame({k: pd.array(v, dtype="Int64") for k, v in self.to_dict().items()})

    def __repr__(self) -> str:
        placed = sum(k is not None for k in self._cached())
        how = self.mechanism.value if self.mechanism else "given"
        return f"Matching({how}, {placed} of {self.instance.children} children placed)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.instance, self.assignments, self.tie_break, self.mechanism))


def _rebuild(instance: Instance, assignments: list[Optional[int]], tie_break: TieBreak,
             mechanism: Optional[Mechanism]) -> Matching:
    m = instance.matching(assignments, tie_break)
    m.mechanism = mechanism
    return m
