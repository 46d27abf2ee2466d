//! The queue simulator (`RULES.md §2–§7`): inputs as data, runs without the GIL, results
//! as columns.
//!
//! A run releases the GIL for its whole length, so threads simulate side by side; a
//! progress callback takes the GIL back once per simulated day, only for the call. The
//! result's tables cross as one Python list per column (enum names and districts shared,
//! not one string per row).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use kezek::simulation::{
    compare, default_city_input, simulate_pair, simulate_with_progress, Column, Progress,
    SimulationInput, SimulationResult, Values,
};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use crate::convert::{from_py, serialize, to_py};
use crate::errors::py;
use crate::errors::ToPyErr;
use crate::policy::PyPolicy;

/// A simulation's input (see `kezek::simulation::SimulationInput`).
#[pyclass(module = "kezek._kezek", name = "SimulationInput", frozen)]
pub(crate) struct PySimulationInput(pub(crate) SimulationInput);

#[pymethods]
impl PySimulationInput {
    /// From data in the shape of `tests/conformance/simulation.json`'s `input`.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        SimulationInput::from_value(from_py(data)?)
            .map(Self)
            .map_err(|e| e.to_py_err())
    }

    /// The default city (a made-up city of Almaty's size) from 1 January of `start_year`.
    #[staticmethod]
    fn default_city(start_year: i32, years: u32, seed: u64) -> PyResult<Self> {
        py(default_city_input(start_year, years, seed)).map(Self)
    }

    /// Astana from public figures (`kezek::simulation::astana_input`).
    #[staticmethod]
    fn astana(start_year: i32, years: u32, seed: u64) -> PyResult<Self> {
        py(kezek::simulation::astana_input(start_year, years, seed)).map(Self)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.0)
    }
}

/// A typed column as Python sees it: name, kind (`int`, `date`, `bool`, `category`), the
/// values (a NumPy array), the category names, the valid rows (a NumPy bool array).
type TypedColumn<'py> = (
    &'static str,
    &'static str,
    Bound<'py, PyAny>,
    Option<Vec<String>>,
    Option<Bound<'py, PyAny>>,
);

fn typed(py: Python<'_>, column: Column) -> TypedColumn<'_> {
    let valid = column.valid.map(|v| PyArray1::from_vec(py, v).into_any());
    let (kind, values, names) = match column.values {
        Values::Int(v) => ("int", PyArray1::from_vec(py, v).into_any(), None),
        Values::Date(v) => ("date", PyArray1::from_vec(py, v).into_any(), None),
        Values::Bool(v) => ("bool", PyArray1::from_vec(py, v).into_any(), None),
        Values::Category { codes, names } => (
            "category",
            PyArray1::from_vec(py, codes).into_any(),
            Some(names),
        ),
    };
    (column.name, kind, values, names, valid)
}

/// A simulation's result; immutable and shared.
#[pyclass(module = "kezek._kezek", name = "SimulationResult", frozen)]
pub(crate) struct PySimulationResult(Arc<SimulationResult>);

/// One Python list per column value, converting each distinct value once.
fn shared<'py, T: Serialize + Eq + Hash + Clone>(
    py: Python<'py>,
    column: &[T],
) -> PyResult<Bound<'py, PyList>> {
    let mut seen: HashMap<T, Bound<'py, PyAny>> = HashMap::new();
    let mut items = Vec::with_capacity(column.len());
    for value in column {
        if let Some(object) = seen.get(value) {
            items.push(object.clone());
            continue;
        }
        let json = serde_json::to_value(value).map_err(|e| {
            crate::errors::ToPyErr::to_py_err(&kezek::InputError::json("column", &e))
        })?;
        let object = to_py(py, &json)?;
        seen.insert(value.clone(), object.clone());
        items.push(object);
    }
    PyList::new(py, items)
}

#[pymethods]
impl PySimulationResult {
    #[getter]
    fn city(&self) -> &str {
        &self.0.city
    }

    #[getter]
    fn policy(&self) -> &str {
        &self.0.policy
    }

    #[getter]
    fn seed(&self) -> u64 {
        self.0.seed
    }

    #[getter]
    fn start(&self) -> chrono::NaiveDate {
        self.0.start
    }

    #[getter]
    fn end(&self) -> chrono::NaiveDate {
        self.0.end
    }

    #[getter]
    fn simulated_from(&self) -> chrono::NaiveDate {
        self.0.simulated_from
    }

    #[getter]
    fn projected_years(&self) -> Vec<i32> {
        self.0.projected_years.clone()
    }

    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.0.summary)
    }

    /// The children table: one list per column, one row per child.
    fn children<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let t = &self.0.children;
        let out = PyDict::new(py);
        out.set_item("id", &t.id)?;
        out.set_item("warm_up", &t.warm_up)?;
        out.set_item("district", shared(py, &t.district)?)?;
        out.set_item("cohort", &t.cohort)?;
        out.set_item("class", shared(py, &t.class)?)?;
        out.set_item("group_type", shared(py, &t.group_type)?)?;
        out.set_item("language", shared(py, &t.language)?)?;
        out.set_item("age_months_at_registration", &t.age_months_at_registration)?;
        out.set_item("registered", &t.registered)?;
        out.set_item("placed", &t.placed)?;
        out.set_item("left", &t.left)?;
        out.set_item("wait_days", &t.wait_days)?;
        out.set_item("age_months_at_placement", &t.age_months_at_placement)?;
        out.set_item("outcome", shared(py, &t.outcome)?)?;
        out.set_item("removal", shared(py, &t.removal)?)?;
        out.set_item("notices", &t.notices)?;
        out.set_item("lapses", &t.lapses)?;
        out.set_item("choice", &t.choice)?;
        Ok(out)
    }

    /// The children table as typed columns (`ChildTable::typed_columns`), each
    /// `(name, kind, values, names, valid)`: NumPy arrays moved from Rust, no object per
    /// cell.
    fn children_columns<'py>(&self, py: Python<'py>) -> Vec<TypedColumn<'py>> {
        let columns = py.detach(|| self.0.children.typed_columns());
        columns.into_iter().map(|c| typed(py, c)).collect()
    }

    /// The days table as typed columns (see `children_columns`).
    fn days_columns<'py>(&self, py: Python<'py>) -> Vec<TypedColumn<'py>> {
        let columns = py.detach(|| self.0.days.typed_columns());
        columns.into_iter().map(|c| typed(py, c)).collect()
    }

    /// The days table: one list per column, one row per reported day.
    fn days<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let t = &self.0.days;
        let out = PyDict::new(py);
        out.set_item("date", &t.date)?;
        for (name, column) in t.counts() {
            out.set_item(name, column)?;
        }
        Ok(out)
    }

    /// The whole result as data (the JSON shape of `simulation.json`'s answers).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &*self.0)
    }

    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let result = Arc::clone(&self.0);
        py.detach(move || serde_json::to_string(&*result))
            .map_err(|e| {
                crate::errors::ToPyErr::to_py_err(&kezek::InputError::json("simulation result", &e))
            })
    }

    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        py.detach(|| serde_json::from_str::<SimulationResult>(json))
            .map(|r| Self(Arc::new(r)))
            .map_err(|e| {
                crate::errors::ToPyErr::to_py_err(&kezek::InputError::json("simulation result", &e))
            })
    }
}

/// Runs a simulation without the GIL; `progress(day, days, date)` is called after each
/// simulated day. An exception from the callback stops further calls and is raised when
/// the run ends.
#[pyfunction]
#[pyo3(signature = (input, progress = None))]
pub(crate) fn simulate(
    gil: Python<'_>,
    input: &PySimulationInput,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySimulationResult> {
    let progress: Option<Py<PyAny>> = progress
        .filter(|p| !p.is_none())
        .map(|p| p.clone().unbind());
    let mut failed: Option<PyErr> = None;
    let result = gil.detach(|| {
        let mut report = |p: &Progress| {
            let Some(callback) = progress.as_ref().filter(|_| failed.is_none()) else {
                return;
            };
            Python::attach(|py| {
                if let Err(e) = callback.call1(py, (p.day, p.days, p.date)) {
                    failed = Some(e);
                }
            });
        };
        simulate_with_progress(&input.0, &mut report)
    });
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(PySimulationResult(Arc::new(py(result)?)))
}

/// The input under its own policy and under `other`, same seed: both results and the
/// differences `(metric, a, b, b - a)`.
#[pyfunction]
#[allow(clippy::type_complexity)]
pub(crate) fn simulate_two(
    gil: Python<'_>,
    input: &PySimulationInput,
    other: &PyPolicy,
) -> PyResult<(
    PySimulationResult,
    PySimulationResult,
    Vec<(String, f64, f64, f64)>,
)> {
    let (a, b, diffs) = py(gil.detach(|| simulate_pair(&input.0, &other.0)))?;
    Ok((
        PySimulationResult(Arc::new(a)),
        PySimulationResult(Arc::new(b)),
        rows(diffs),
    ))
}

/// Two results' summaries side by side: `(metric, a, b, b - a)`.
#[pyfunction]
pub(crate) fn compare_results(
    a: &PySimulationResult,
    b: &PySimulationResult,
) -> Vec<(String, f64, f64, f64)> {
    rows(compare(&a.0.summary, &b.0.summary))
}

fn rows(diffs: Vec<kezek::simulation::MetricDiff>) -> Vec<(String, f64, f64, f64)> {
    diffs
        .into_iter()
        .map(|d| (d.metric, d.a, d.b, d.difference))
        .collect()
}

/// The JSON Schema of a simulation input of this release's format
/// (`kezek::simulation::input_schema`).
#[pyfunction]
pub(crate) fn simulation_input_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    serialize(py, &kezek::simulation::input_schema())
}
