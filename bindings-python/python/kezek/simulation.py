"""The queue simulator (``RULES.md §2–§7``), for analysts who compare policies.

A city, its arrivals, place turnover and parent behaviour run day by day through the same
engine the portals use, from a seed: the same input gives the same result, bit for bit.
The GIL is released for the whole run, so threads and process pools simulate side by side;
inputs and results pickle.

>>> from kezek import simulation
>>> inp = simulation.default_city_input(2024, years=1, seed=7).replace(warm_up_years=0)
>>> inp = inp.replace(arrivals={**inp.to_dict()["arrivals"], "per_month": 200})
>>> result = simulation.simulate(inp)
>>> len(result.children) == result.summary.registered, len(result.days)
(True, 366)
"""

from __future__ import annotations

import functools

import dataclasses
import datetime as dt
import os
import pathlib
from typing import Any, Callable, Iterator, Mapping, Optional, Union

from . import _kezek
from ._boundary import guard_class, guarded, printable_class
from ._optional import require
from ._city import TableSource, sheet_of, write_csv
from ._classes import Policy, _Result, _Wrapper
from ._records import KEY, _Record, date

__all__ = [
    "SimulationInput", "SimulationResult", "Summary", "Waits", "GroupWaits", "WaitingAtEnd",
    "AgeShare", "Idle", "MetricDiff", "Progress",
    "Table", "SweepResult", "default_city_input", "astana_input", "input_schema", "simulate", "simulate_pair", "compare", "sweep", "run_sweep",
]


@guard_class
class SimulationInput(_Wrapper):
    """A simulation's input: ``city``, ``arrivals``, ``turnover``, ``behaviour``,
    ``policy``, optional ``calendar``, ``start``, ``years``, ``warm_up_years``, ``seed``
    (the shape of ``tests/conformance/simulation.json``), and its ``format`` (3). An older
    input (without ``format``: format 1, saved before formats existed; format 2, before
    ``behaviour.renewal``) is migrated when read, the defaults of what it lacked written
    out. A shape error names where it is (``at `city.districts[1].kindergartens[4]```). Checked when built; a wrong shape or a newer format raises
    :class:`kezek.InputError`, a value out of range :class:`kezek.SimulationError` when it
    runs."""

    __slots__ = ()
    _native: _kezek.SimulationInput

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._native = _kezek.SimulationInput.from_dict(dict(data))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = self._native.to_dict()
        return out

    def replace(self, **changes: Any) -> SimulationInput:
        """A copy with top-level fields changed, e.g. ``replace(seed=8, policy=other)``
        (a :class:`kezek.Policy` or its dict; dates as ``datetime.date``)."""
        data = self.to_dict()
        for key, value in changes.items():
            if key not in data and key != "calendar":
                raise TypeError(f"SimulationInput has no field {key!r}")
            data[key] = value.to_dict() if isinstance(value, Policy) else value
        return SimulationInput(data)

    @property
    def policy(self) -> Policy:
        return Policy.from_dict(self.to_dict()["policy"])

    @property
    def seed(self) -> int:
        return int(self.to_dict()["seed"])

    @property
    def start(self) -> dt.date:
        return date(self.to_dict()["start"])

    @property
    def years(self) -> int:
        return int(self.to_dict()["years"])

    def with_city(self, kindergartens: TableSource, districts: TableSource) -> SimulationInput:
        """A copy whose city's districts and kindergartens come from two tables (README,
        "A real city"): each a path (``.csv``; a workbook ``.xlsx``, ``.xls``, ``.ods``,
        its first sheet or ``"book.xlsx#Sheet"``), a pandas DataFrame, or rows with the
        header first.

        - kindergartens, one row each: ``district``, ``id``, ``languages`` (``kk``, ``ru``,
          ``kazakh+russian``…), ``group_type`` (empty: general), ``places_age_1`` …
          ``places_age_7`` (places a year by age; empty: 0), optional ``appeal``;
        - districts, one row each: ``district``, ``births`` (a year: its share of the
          arrivals), optional ``arrivals_per_month`` (summed into ``arrivals.per_month``).

        Raises :class:`kezek.SimulationError` ``SIMULATION_TABLE`` with ``file``, ``row``
        (the header is row 1) and ``column`` for a cell that is wrong; then as the input's
        own checks (``SIMULATION_INPUT``)."""
        tables = {"kindergartens": sheet_of(kindergartens, "kindergartens"),
                  "districts": sheet_of(districts, "districts")}
        return SimulationInput._of(_kezek.apply_city_tables(self._native, tables))

    def city_tables(self) -> dict[str, list[list[str]]]:
        """The city as its two tables (``"kindergartens"``, ``"districts"``: rows of cells,
        the header first), as :meth:`with_city` reads them."""
        tables = _kezek.city_tables_of(self._native)
        return {key: tables[key]["rows"] for key in ("kindergartens", "districts")}

    def write_city(self, folder: Union[str, "os.PathLike[str]"]) -> tuple[pathlib.Path, pathlib.Path]:
        """Writes the city as ``kindergartens.csv`` and ``districts.csv`` into ``folder``;
        :meth:`with_city` reads them back into the same city (the arrivals a month stay in
        the input). Returns the two paths."""
        return write_csv(_kezek.city_tables_of(self._native), folder)

    def __repr__(self) -> str:
        d = self.to_dict()
        return f"SimulationInput(city={d['city']['name']!r}, policy={d['policy']['id']!r}, " \
               f"start={d['start']}, years={d['years']}, seed={d['seed']})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (SimulationInput, (self.to_dict(),))


@functools.partial(guarded, where="astana_input")
def astana_input(start_year: int, years: int = 1, seed: int = 7) -> SimulationInput:
    """Astana built from public figures (``RULES.md §11``: 546 kindergartens, the 2021
    intake by age, ≈ 90 applications a day; its ``city["sources"]`` say which numbers are
    measured and which are the default city's guesses) under the Astana policy in force on
    1 January of ``start_year``, reported for ``years`` years after four of warm-up.
    ``docs/astana-validation.md`` sets it against the published queue."""
    return SimulationInput._of(_kezek.SimulationInput.astana(start_year, years, seed))


def input_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a simulation input of this release's format, from
    the core's types (also ``docs/simulation-input.schema.json``): for an editor, a form, or
    ``jsonschema.validate(data, input_schema())``. ``SimulationInput(data)`` checks more
    (ranges, shares, the policy's regions) and migrates older formats."""
    out: dict[str, Any] = _kezek.simulation_input_schema()
    return out


@functools.partial(guarded, where="default_city_input")
def default_city_input(start_year: int, years: int = 1, seed: int = 7) -> SimulationInput:
    """The default city (made up, of Almaty's size) under the Almaty policy in force on
    1 January of ``start_year``, reported for ``years`` years after four of warm-up."""
    return SimulationInput._of(_kezek.SimulationInput.default_city(start_year, years, seed))


@dataclasses.dataclass(frozen=True)
class Progress(_Record):
    """How far a run has come: ``day`` of ``days`` simulated, the last being ``date``."""

    day: int
    days: int
    date: dt.date


@dataclasses.dataclass(frozen=True)
class Waits(_Record):
    """How long a group of children waited for a place, in days from registration to
    enrolment. Every figure rests on a count beside it; a figure with nothing to rest on
    is ``None`` (missing), never 0.

    - ``placed``: children enrolled within the reported years, whatever the day they
      registered; ``median_days``, ``p90_days``: the median and 90th percentile of their
      waits.
    - ``at_risk``: children waiting on some day of the reported years;
      ``km_median_days``, ``km_p90_days``: the Kaplan–Meier estimates over them of the
      wait by which half and 90% are placed, counting those still waiting at the end and
      those who left the queue as censored (children registered before the window enter
      it with the wait they had then).
    """

    placed: int
    median_days: Optional[int]
    p90_days: Optional[int]
    at_risk: int
    km_median_days: Optional[int]
    km_p90_days: Optional[int]


@dataclasses.dataclass(frozen=True)
class GroupWaits(_Record):
    """The :class:`Waits` of one group: a priority class (``class_``; ``None``: every
    class) and a cohort (birth year; ``None``: every cohort); ``registered`` counts the
    group's children registered in the reported years."""

    class_: Optional[str] = dataclasses.field(metadata={KEY: "class"})
    cohort: Optional[int]
    registered: int
    waits: Waits


@dataclasses.dataclass(frozen=True)
class WaitingAtEnd(_Record):
    """Children still waiting at the end: ``old_enough`` to be offered a place under the
    policy's minimum age (or in a group it does not apply to), and ``too_young``."""

    old_enough: int
    too_young: int


@dataclasses.dataclass(frozen=True)
class AgeShare(_Record):
    """Of the children who reached an age in the reported years (younger when they
    registered): ``reached``, of them ``placed`` before it, and ``share``
    (``placed / reached``; ``None`` when nobody reached it)."""

    reached: int
    placed: int
    share: Optional[float]


@dataclasses.dataclass(frozen=True)
class Idle(_Record):
    """Places open to free choice and not taken at the end of each reported day. ``days``
    reported, ``place_days`` (a place idle ten days counts ten), ``mean_places`` on an
    average day, and that mean by district, group type, cohort and the languages of the
    kindergarten (``"kk"``, ``"kk+ru"``…). The cohorts sum to ``mean_places``; a cohort born
    before ``simulated_from`` holds only the children who registered late (the run starts
    with an empty queue, and most register at birth), so its places stay idle for want of
    children: read the cohorts born from ``simulated_from`` on."""

    days: int
    place_days: int
    mean_places: float
    by_district: dict[str, float]
    by_group_type: dict[str, float]
    by_cohort: dict[int, float]
    by_languages: dict[str, float]


@dataclasses.dataclass(frozen=True)
class Summary(_Record):
    """The summary of a run; every figure with the count it rests on, a missing figure
    ``None``, never 0.

    - ``registered``: children registered in the reported years; ``outcomes``: how each
      of them ended (``placed_by_offer``, ``placed_by_free_choice``,
      ``holding_direction``, ``removed``, ``still_waiting``); ``still_waiting``: those
      still waiting, old enough for an offer or too young (:class:`WaitingAtEnd`).
    - ``queue_at_end``: every child still waiting at the end, registered then or before.
    - ``wait``: the :class:`Waits` of every child; ``waits``: per priority class (every
      cohort), then per class and cohort (:class:`GroupWaits`).
    - ``placed_by_age``: per age 1–7, the :class:`AgeShare` placed before it.
    - ``free_choice_share``: placements by free choice among all placements of the
      children registered in the reported years (``None``: nobody placed);
      ``first_choice_share``: under ranked choices (RULES.md §5a), of the
      ``placed_at_a_choice`` children, the share at their first choice.
    - Totals over the reported days: ``notices``, ``directions``, ``lapses``,
      ``revocations``, ``vouchers``, ``contracts``, ``places_published``; ``idle``: the
      places left idle (:class:`Idle`).
    """

    registered: int
    outcomes: dict[str, int]
    still_waiting: WaitingAtEnd
    queue_at_end: WaitingAtEnd
    wait: Waits
    waits: list[GroupWaits]
    placed_by_age: dict[int, AgeShare]
    free_choice_share: Optional[float]
    first_choice_share: Optional[float]
    placed_at_a_choice: int
    notices: int
    directions: int
    lapses: int
    revocations: int
    vouchers: int
    contracts: int
    places_published: int
    idle: Idle


@dataclasses.dataclass(frozen=True)
class MetricDiff(_Record):
    """One metric in two runs: ``a``, ``b`` and ``b - a`` (``nan`` where one run lacks it)."""

    metric: str
    a: float
    b: float
    difference: float




def _pandas_column(pd: Any, kind: str, values: Any, names: Optional[list[str]], valid: Any) -> Any:
    """One typed column (``ChildTable::typed_columns``) as a pandas array."""
    if kind == "category":
        codes = values.astype("int32")
        if valid is not None:
            codes[~valid] = -1
        return pd.Categorical.from_codes(codes, categories=names)
    if kind == "date":
        days = values.astype("datetime64[D]").astype("datetime64[s]")
        if valid is not None:
            days[~valid] = days.dtype.type("NaT")
        return days
    if valid is not None:
        return pd.arrays.IntegerArray(values, ~valid)
    return values


def _arrow_column(pa: Any, kind: str, values: Any, names: Optional[list[str]], valid: Any) -> Any:
    """One typed column as a pyarrow array (nulls where ``valid`` is false)."""
    mask = None if valid is None else ~valid
    if kind == "category":
        return pa.DictionaryArray.from_arrays(pa.array(values, mask=mask), pa.array(names, pa.string()))
    if kind == "date":
        return pa.array(values, mask=mask).cast(pa.date32())
    return pa.array(values, mask=mask)


@printable_class
class Table:
    """A columnar table (one row per child, per day, or per run and metric of a sweep):
    ``to_dict()`` gives a dict of lists; ``to_pandas()`` a DataFrame (names as categories,
    ``Int64`` where a value may be missing, dates as ``datetime64``); ``to_arrow()`` a
    ``pyarrow.Table`` (names dictionary-encoded, dates as ``date32``, missing values as
    nulls), and on it ``to_polars()`` and ``to_parquet(path)``. The children and days
    tables cross from Rust as typed arrays (no Python object per cell), so a DataFrame of
    10⁶ rows takes milliseconds. ``len(table)`` counts rows; ``table["column"]`` is one
    column as a list. Needs pandas (``kezek[pandas]``), pyarrow (``kezek[arrow]``) or polars
    (``kezek[polars]``) for those methods."""

    __slots__ = ("_load", "_columns", "_names", "_typed")

    def __init__(self, load: Callable[[], dict[str, list[Any]]], names: tuple[str, ...] = (),
                 typed: Optional[Callable[[], list[Any]]] = None) -> None:
        self._load = load
        self._columns: Optional[dict[str, list[Any]]] = None
        self._names = names
        self._typed = typed

    def _data(self) -> dict[str, list[Any]]:
        if self._columns is None:
            self._columns = self._load()
        return self._columns

    def to_dict(self) -> dict[str, list[Any]]:
        return {k: list(v) for k, v in self._data().items()}

    @property
    def columns(self) -> list[str]:
        return list(self._data())

    def __getitem__(self, column: str) -> list[Any]:
        return list(self._data()[column])

    def __len__(self) -> int:
        return len(next(iter(self._data().values()), []))

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def to_pandas(self) -> Any:
        """The table as a pandas DataFrame; needs pandas (``pip install kezek[pandas]``)."""
        pd: Any = require("pandas", "pandas", "to_pandas()")
        if self._typed is not None:
            return pd.DataFrame({name: _pandas_column(pd, *rest) for name, *rest in self._typed()}, copy=False)
        # A table without typed columns (a sweep's): its names as categories, the rest as
        # pandas reads the lists.
        data = self._data()
        return pd.DataFrame({name: pd.Categorical(column) if name in self._names else column
                             for name, column in data.items()})

    def to_arrow(self) -> Any:
        """The table as a ``pyarrow.Table``; needs pyarrow (``pip install kezek[arrow]``)."""
        pa: Any = require("pyarrow", "arrow", "to_arrow()")
        if self._typed is None:
            return pa.Table.from_pandas(self.to_pandas(), preserve_index=False)
        return pa.table({name: _arrow_column(pa, *rest) for name, *rest in self._typed()})

    def to_polars(self) -> Any:
        """The table as a polars DataFrame (through Arrow); needs polars and pyarrow
        (``pip install kezek[polars]``)."""
        pl: Any = require("polars", "polars", "to_polars()")
        return pl.from_arrow(self.to_arrow())

    def to_parquet(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the table as a Parquet file (through Arrow); needs pyarrow."""
        pq: Any = require("pyarrow.parquet", "arrow", "to_parquet()")
        pq.write_table(self.to_arrow(), os.fspath(path))

    def __repr__(self) -> str:
        return f"Table({len(self)} rows: {', '.join(self.columns)})"


@guard_class
class SimulationResult(_Result):
    """What a run gives: the ``children`` and ``days`` tables, the ``summary``, and the
    run's ``city``, ``policy``, ``seed``, ``start``, ``end``, ``simulated_from`` and
    ``projected_years`` (years the calendar had no decree data for). Pickles."""

    __slots__ = ("children", "days", "_summary")
    _NATIVE = _kezek.SimulationResult

    def __init__(self, native: Any) -> None:
        super().__init__(native)
        self.children = Table(native.children, typed=native.children_columns)
        self.days = Table(native.days, typed=native.days_columns)
        self._summary: Optional[Summary] = None

    @property
    def summary(self) -> Summary:
        if self._summary is None:
            self._summary = Summary.from_dict(self._native.summary())
        return self._summary

    city = property(lambda self: str(self._native.city))
    policy = property(lambda self: str(self._native.policy))
    seed = property(lambda self: int(self._native.seed))
    start = property(lambda self: self._native.start)
    end = property(lambda self: self._native.end)
    simulated_from = property(lambda self: self._native.simulated_from)
    projected_years = property(lambda self: list(self._native.projected_years))

    def __repr__(self) -> str:
        return f"SimulationResult(city={self.city!r}, policy={self.policy!r}, seed={self.seed}, " \
               f"{self.start}..{self.end}, {len(self.children)} children)"


ProgressOption = Union[None, bool, Callable[[Progress], Any]]


def _callback(progress: ProgressOption) -> tuple[Optional[Callable[[int, int, dt.date], None]], Callable[[], None]]:
    """The native callback for a progress option, and what closes it."""
    if progress is None or progress is False:
        return None, lambda: None
    if progress is True:
        tqdm: Any = require("tqdm", "progress", "progress=True")
        bar: list[Any] = []

        def tick(day: int, days: int, when: dt.date) -> None:
            if not bar:
                bar.append(tqdm.tqdm(total=days, unit="day", desc="kezek"))
            bar[0].update(1)
            if day == days:
                bar[0].set_postfix_str(when.isoformat())

        return tick, lambda: bar[0].close() if bar else None
    call = progress
    return (lambda day, days, when: call(Progress(day, days, when))), lambda: None


def simulate(input: SimulationInput, *, progress: ProgressOption = None) -> SimulationResult:
    """Runs a simulation. ``progress=True`` shows a tqdm bar (optional dependency); a
    callable gets a :class:`Progress` after each simulated day (if it raises, the run
    finishes without further calls and the exception is raised)."""
    callback, close = _callback(progress)
    try:
        return SimulationResult(_kezek.simulate(input._native, callback))
    finally:
        close()


def _diffs(rows: list[tuple[str, float, float, float]]) -> list[MetricDiff]:
    return [MetricDiff(*row) for row in rows]


def simulate_pair(input: SimulationInput, other: Policy) -> tuple[SimulationResult, SimulationResult, list[MetricDiff]]:
    """The input under its own policy and under ``other``, same seed, and their
    differences metric by metric."""
    a, b, rows = _kezek.simulate_two(input._native, other._native)
    return SimulationResult(a), SimulationResult(b), _diffs(rows)


def compare(a: SimulationResult, b: SimulationResult) -> list[MetricDiff]:
    """Two results' summaries side by side, metric by metric."""
    return _diffs(_kezek.compare_results(a._native, b._native))


from ._sweep import SweepResult, run_sweep, sweep  # noqa: E402  (it reads Table from this module)
