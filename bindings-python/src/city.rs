//! A city as tables (`kezek::simulation::CityTables`): sheets from CSV text or a workbook's
//! bytes, read into an input, and an input's city written back. The core reads the cells
//! and names the file, row and column of what is wrong; this module only reads a workbook's
//! cells as text (calamine) and converts.

use std::io::Cursor;

use calamine::{Data, Reader};
use kezek::simulation::{CityTables, Sheet};
use pyo3::prelude::*;

use crate::convert::{deserialize, serialize};
use crate::errors::{input_error, ToPyErr};
use crate::simulation::PySimulationInput;

/// A sheet (`{"file", "rows"}`) from CSV text.
#[pyfunction]
pub(crate) fn csv_sheet<'py>(
    py: Python<'py>,
    file: &str,
    text: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let sheet = py
        .detach(|| Sheet::from_csv(file, text))
        .map_err(|e| e.to_py_err())?;
    serialize(py, &sheet)
}

/// A sheet as CSV text.
#[pyfunction]
pub(crate) fn sheet_csv(sheet: &Bound<'_, PyAny>) -> PyResult<String> {
    let sheet: Sheet = deserialize("sheet", sheet)?;
    Ok(sheet.to_csv())
}

/// A cell as the text a person reads in it: whole numbers without `.0`, dates in ISO.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        #[allow(clippy::cast_possible_truncation)] // only whole numbers well inside i64
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => (*x as i64).to_string(),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A sheet of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`; its bytes): the one named,
/// or the first. Its file is `file#sheet`.
#[pyfunction]
#[pyo3(signature = (file, data, sheet = None))]
pub(crate) fn workbook_sheet<'py>(
    py: Python<'py>,
    file: &str,
    data: Vec<u8>,
    sheet: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let read = py.detach(move || -> Result<Sheet, String> {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(data))
            .map_err(|e| format!("not a workbook calamine reads: {e}"))?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(s) if names.contains(&s) => s,
            Some(s) => return Err(format!("no sheet `{s}` (it has {})", names.join(", "))),
            None => names.first().cloned().ok_or("a workbook with no sheet")?,
        };
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let rows = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        Ok(Sheet {
            file: format!("{file}#{name}"),
            rows,
        })
    });
    let sheet = read.map_err(|detail| input_error(file, &detail))?;
    serialize(py, &sheet)
}

/// `input` with its city read from the tables (`{"kindergartens": sheet, "districts":
/// sheet}`).
#[pyfunction]
pub(crate) fn apply_city_tables(
    py: Python<'_>,
    input: &PySimulationInput,
    tables: &Bound<'_, PyAny>,
) -> PyResult<PySimulationInput> {
    let tables: CityTables = deserialize("city tables", tables)?;
    let out = py
        .detach(|| tables.apply_to(&input.0))
        .map_err(|e| e.to_py_err())?;
    Ok(PySimulationInput(out))
}

/// The districts the tables describe and their arrivals a month (or `None`).
#[pyfunction]
pub(crate) fn read_city_tables<'py>(
    py: Python<'py>,
    tables: &Bound<'_, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let tables: CityTables = deserialize("city tables", tables)?;
    let read = py.detach(|| tables.read()).map_err(|e| e.to_py_err())?;
    serialize(py, &read)
}

/// The tables of `input`'s city.
#[pyfunction]
pub(crate) fn city_tables_of<'py>(
    py: Python<'py>,
    input: &PySimulationInput,
) -> PyResult<Bound<'py, PyAny>> {
    serialize(py, &CityTables::of(&input.0))
}
