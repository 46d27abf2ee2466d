"""A real city as tables through Python (``SimulationInput.with_city``): the shared
``city_tables.json`` cases from CSV files, the default city written and read back, a
workbook's sheets, DataFrames with NumPy and pandas values, and every refusal naming the
file, row and column."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import numpy as np
import openpyxl  # type: ignore[import-untyped]
import pandas as pd  # type: ignore[import-untyped]
import pytest

import kezek
from conformance import load
from kezek import simulation
from kezek.simulation import SimulationInput

CASES = load("city_tables.json")["cases"]
TOWN: dict[str, Any] = load("simulation.json")["cases"][0]["args"]["input"]


def _files(case: dict[str, Any], folder: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    paths = []
    for key in ("kindergartens", "districts"):
        table = case["args"][key]
        path = folder / table["file"]
        path.write_text(table["text"], encoding="utf-8", newline="")
        paths.append(path)
    return paths[0], paths[1]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conformance_case(case: dict[str, Any], tmp_path: pathlib.Path) -> None:
    kindergartens, districts = _files(case, tmp_path)
    town = SimulationInput(TOWN)
    if "error" in case:
        with pytest.raises(kezek.SimulationError) as info:
            town.with_city(kindergartens, districts)
        e = info.value
        assert e.code == case["error"] and isinstance(e, ValueError)
        assert [e.details.get("file"), e.details.get("row"), e.details.get("column")] == case["at"]
        return
    city = town.with_city(kindergartens, districts).to_dict()
    assert city["city"]["districts"] == case["expect"]["districts"]
    per_month = case["expect"]["per_month"]
    assert city["arrivals"]["per_month"] == (TOWN["arrivals"]["per_month"] if per_month is None else per_month)


def test_the_default_city_written_and_read_back_is_the_same(tmp_path: pathlib.Path) -> None:
    city = simulation.default_city_input(2025, years=1, seed=7)
    kindergartens, districts = city.write_city(tmp_path / "almaty")
    assert kindergartens.read_text(encoding="utf-8").startswith("district,id,languages,group_type,places_age_")
    assert city.with_city(kindergartens, districts).to_dict() == city.to_dict()
    tables = city.city_tables()
    assert len(tables["kindergartens"]) == 1 + sum(len(d["kindergartens"]) for d in city.to_dict()["city"]["districts"])


def test_a_workbooks_sheets_read_as_the_csv_files(tmp_path: pathlib.Path) -> None:
    city = simulation.default_city_input(2025, years=1, seed=7)
    tables = city.city_tables()
    book = openpyxl.Workbook()
    for i, (name, rows) in enumerate(tables.items()):
        sheet = book.active if i == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        for row in rows:
            # Numbers as numbers, as an office's workbook holds them.
            sheet.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in row])
    path = tmp_path / "city.xlsx"
    book.save(path)
    back = city.with_city(f"{path}#kindergartens", f"{path}#districts")
    assert back.to_dict() == city.to_dict()
    # A refusal names the sheet, the row and the column.
    book["districts"]["B3"] = "many"
    book.save(path)
    with pytest.raises(kezek.SimulationError) as info:
        city.with_city(f"{path}#kindergartens", f"{path}#districts")
    assert (info.value.code, info.value.file, info.value.row, info.value.column) == (
        "SIMULATION_TABLE", "city.xlsx#districts", 3, "births")
    with pytest.raises(kezek.InputError) as bad:
        city.with_city(f"{path}#no such sheet", f"{path}#districts")
    assert bad.value.code == "INPUT_FORMAT"
    (tmp_path / "fake.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(kezek.InputError):
        city.with_city(tmp_path / "fake.xlsx", f"{path}#districts")


def test_dataframes_with_numpy_and_pandas_values() -> None:
    kindergartens = pd.DataFrame({
        "district": ["Almaly", "Almaly", "Medeu"],
        "id": ["kg-1", "kg-2", "kg-3"],
        "languages": ["kk", "kk+ru", "ru"],
        "places_age_3": np.array([25, 0, 12], dtype=np.int64),
        "places_age_2": [10.0, np.nan, 4.0],  # a missing value: no places
        "appeal": pd.array([None, 2, 1], dtype="Int64"),
    })
    districts = pd.DataFrame({"district": ["Almaly", "Medeu"], "births": np.array([1200.5, 800], dtype=np.float32),
                              "arrivals_per_month": np.array([200, 100], dtype=np.int32)})
    town = SimulationInput(TOWN).with_city(kindergartens, districts)
    data = town.to_dict()
    assert data["arrivals"]["per_month"] == 300
    first = data["city"]["districts"][0]["kindergartens"][0]
    assert first["intake"] == [{"age": 2, "places": 10}, {"age": 3, "places": 25}] and "appeal" not in first
    assert data["city"]["districts"][0]["kindergartens"][1]["intake"] == []
    bad = kindergartens.assign(places_age_3=[25, -1, 12])
    with pytest.raises(kezek.SimulationError) as info:
        SimulationInput(TOWN).with_city(bad, districts)
    assert (info.value.file, info.value.row, info.value.column) == ("kindergartens", 3, "places_age_3")


def test_numpy_scalars_are_accepted_in_any_input() -> None:
    data = {**TOWN, "seed": np.int64(7), "years": np.uint8(2),
            "arrivals": {**TOWN["arrivals"], "per_month": np.int32(12)},
            "behaviour": {**TOWN["behaviour"], "answers_notice": np.float32(0.5), "revokes": np.float64(0.01)}}
    got = SimulationInput(data).to_dict()
    assert (got["seed"], got["years"], got["arrivals"]["per_month"]) == (7, 2, 12)
    assert got["behaviour"]["answers_notice"] == 0.5
    assert simulation.simulate(SimulationInput(data)).summary.registered > 0


def test_the_input_schema_fits_every_shared_input_and_refuses_bad_shapes() -> None:
    import jsonschema  # type: ignore[import-untyped]

    schema = simulation.input_schema()
    committed = json.loads((pathlib.Path(__file__).parents[2] / "docs" / "simulation-input.schema.json").read_text())
    assert schema == committed
    validator = jsonschema.Draft202012Validator(schema)
    inputs = [c["args"]["input"] for c in load("simulation.json")["cases"] if "error" not in c]
    inputs.append(simulation.default_city_input(2025, 1, 7).to_dict())
    for data in inputs:
        # The shared inputs are format 1: checked as read (migrated to this format).
        validator.validate(SimulationInput(data).to_dict())
    good = simulation.default_city_input(2025, 1, 7).to_dict()
    for path, value in [(("seed",), "seven"), (("city", "districts", 0, "kindergartens", 0, "intake"), 3),
                        (("arrivals", "per_mont"), 1), (("city", "districts", 0, "kindergartens", 0, "languages", 0), "german")]:
        data = json.loads(json.dumps(good))
        at: Any = data
        for step in path[:-1]:
            at = at[step]
        at[path[-1]] = value
        assert not validator.is_valid(data), path
