//! Replications and sweeps (`kezek::simulation::Sweep`): the plan, one run, the answer.
//!
//! The package spreads the runs over an executor (`kezek/_sweep.py`): each run crosses as
//! JSON text, so a process pool or a Dask cluster pickles a string, and runs without the
//! GIL. The answer's tables cross as one Python list per column.

use kezek::simulation::{Columns, PlannedRun, RunOutcome, Sweep, SweepResult};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{from_py, serialize, to_py};
use crate::errors::{py, ToPyErr};

fn json_error(what: &str, e: &serde_json::Error) -> PyErr {
    kezek::InputError::json(what, e).to_py_err()
}

/// A sweep's plan (see `kezek::simulation::Sweep`).
#[pyclass(module = "kezek._kezek", name = "Sweep", frozen)]
pub(crate) struct PySweep(Sweep);

#[pymethods]
impl PySweep {
    /// From data in the JSON shape of `Sweep`; its runs are planned (and checked) at once.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = from_py(data)?;
        let sweep = py
            .detach(|| Sweep::from_value(value))
            .map_err(|e| e.to_py_err())?;
        py.detach(|| sweep.runs().map(|_| ()))
            .map_err(|e| e.to_py_err())?;
        Ok(Self(sweep))
    }

    /// The planned runs, each as JSON text for `sweep_run`.
    fn runs(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let runs = py.detach(|| self.0.runs()).map_err(|e| e.to_py_err())?;
        runs.iter()
            .map(|r| serde_json::to_string(r).map_err(|e| json_error("planned run", &e)))
            .collect()
    }

    /// The answer from the runs' outcomes (JSON texts from `sweep_run`, in any order).
    fn collect(&self, py: Python<'_>, outcomes: Vec<String>) -> PyResult<PySweepResult> {
        let read = py.detach(move || {
            outcomes
                .iter()
                .map(|o| serde_json::from_str::<RunOutcome>(o))
                .collect::<Result<Vec<_>, _>>()
        });
        let outcomes = read.map_err(|e| json_error("run outcome", &e))?;
        let result = py
            .detach(|| self.0.collect(outcomes))
            .map_err(|e| e.to_py_err())?;
        Ok(PySweepResult(result))
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.0)
    }
}

/// Runs one planned run (JSON text from `Sweep.runs`) without the GIL: its outcome as
/// JSON text.
#[pyfunction]
pub(crate) fn sweep_run(gil: Python<'_>, planned: &str) -> PyResult<String> {
    let run: PlannedRun = gil
        .detach(|| serde_json::from_str(planned))
        .map_err(|e| json_error("planned run", &e))?;
    let outcome = py(gil.detach(|| run.run()))?;
    serde_json::to_string(&outcome).map_err(|e| json_error("run outcome", &e))
}

/// A sweep's answer; immutable.
#[pyclass(module = "kezek._kezek", name = "SweepResult", frozen)]
pub(crate) struct PySweepResult(SweepResult);

fn columns<'py>(py: Python<'py>, columns: &Columns) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (name, values) in columns {
        let list = PyList::empty(py);
        for v in values {
            list.append(to_py(py, v)?)?;
        }
        out.set_item(name, list)?;
    }
    Ok(out)
}

#[pymethods]
impl PySweepResult {
    #[getter]
    fn parameters(&self) -> Vec<String> {
        self.0.parameters.clone()
    }

    #[getter]
    fn confidence(&self) -> f64 {
        self.0.confidence
    }

    /// One row per run and metric.
    fn runs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        columns(py, &self.0.runs_columns())
    }

    /// One row per variant, grid point and metric: the mean and its interval.
    fn intervals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        columns(py, &self.0.interval_columns())
    }

    /// One row per compared variant (or grid point) and metric.
    fn differences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        columns(py, &self.0.difference_columns())
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.0)
    }

    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| json_error("sweep result", &e))
    }

    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        serde_json::from_str(json)
            .map(Self)
            .map_err(|e| json_error("sweep result", &e))
    }
}
