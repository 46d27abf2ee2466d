"""A real city as tables (``kezek::simulation::CityTables``): kindergartens and districts
from CSV files, workbook sheets (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``), DataFrames or
rows, read into a :class:`kezek.simulation.SimulationInput`; an input's city written back
as CSV. The core reads every cell and names the file, row and column of what is wrong
(``SimulationError``, code ``SIMULATION_TABLE``); this module only gets the cells."""

from __future__ import annotations

import math
import os
import pathlib
from typing import Any, Sequence, Union

from . import _kezek

__all__ = ["TableSource", "sheet_of", "write_csv"]

# What a table may be given as: a path (``"book.xlsx#Sheet 2"`` names a sheet), a pandas
# DataFrame, or rows of cells with the header first.
TableSource = Union[str, "os.PathLike[str]", Any, Sequence[Sequence[Any]]]

_WORKBOOKS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _cell(value: Any) -> str:
    """A cell as the text a person reads in it: empty for a missing value, whole numbers
    without ``.0`` (NumPy and pandas scalars as their Python value)."""
    if hasattr(value, "item") and hasattr(value, "dtype"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def sheet_of(source: TableSource, name: str) -> dict[str, Any]:
    """The sheet (``{"file", "rows"}``) of one table; ``name`` names a table given as data."""
    if isinstance(source, (str, os.PathLike)):
        text = os.fspath(source)
        path, _, sheet = text.partition("#") if not pathlib.Path(text).exists() else (text, "", "")
        file = pathlib.Path(path)
        if file.suffix.lower() in _WORKBOOKS:
            out: dict[str, Any] = _kezek.workbook_sheet(file.name, file.read_bytes(), sheet or None)
            return out
        out = _kezek.csv_sheet(file.name, file.read_text(encoding="utf-8-sig"))
        return out
    columns = getattr(source, "columns", None)
    if columns is not None and hasattr(source, "itertuples"):  # a pandas DataFrame
        header = [str(c) for c in columns]
        rows = [[_cell(v) for v in row] for row in source.itertuples(index=False, name=None)]
        return {"file": name, "rows": [header, *rows]}
    return {"file": name, "rows": [[_cell(v) for v in row] for row in source]}


def write_csv(tables: dict[str, Any], folder: Union[str, "os.PathLike[str]"]) -> tuple[pathlib.Path, pathlib.Path]:
    """Writes the two tables into ``folder`` (created if missing) as ``kindergartens.csv``
    and ``districts.csv``."""
    out = pathlib.Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for key in ("kindergartens", "districts"):
        path = out / f"{key}.csv"
        path.write_text(_kezek.sheet_csv(tables[key]), encoding="utf-8", newline="")
        paths.append(path)
    return paths[0], paths[1]
