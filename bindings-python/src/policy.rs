//! `Policy` and `PolicyBook`: dated regional parameter sets (`RULES.md §10`).

use chrono::NaiveDate;
use kezek::policy::{Policy, PolicyBook};
use pyo3::prelude::*;

use crate::convert::{deserialize, json_text, serialize};
use crate::errors::py;

/// One dated set of policy parameters; `to_dict()` gives every parameter.
#[pyclass(module = "kezek._kezek", name = "Policy", frozen, subclass)]
#[derive(Clone)]
pub(crate) struct PyPolicy(pub(crate) Policy);

#[pymethods]
impl PyPolicy {
    /// A policy from its dict form (as `to_dict()` gives it); validated.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let policy: Policy = deserialize("policy", data)?;
        py(policy.validate())?;
        Ok(Self(policy))
    }

    /// Every parameter, as plain data.
    fn to_dict<'py>(&self, py_: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py_, &self.0)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The regions it applies to.
    #[getter]
    fn regions(&self) -> Vec<String> {
        self.0.regions.clone()
    }

    /// Whether distribution is frozen on `date` (`RULES.md §7`).
    fn is_frozen(&self, date: NaiveDate) -> bool {
        self.0.is_frozen(date)
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

/// The regions and their policies over time.
#[pyclass(module = "kezek._kezek", name = "PolicyBook", frozen, subclass)]
#[derive(Clone)]
pub(crate) struct PyPolicyBook(pub(crate) PolicyBook);

#[pymethods]
impl PyPolicyBook {
    /// The built-in book: national defaults, Almaty, Akmola, Astana, the voucher pilot.
    #[staticmethod]
    fn builtin() -> Self {
        Self(PolicyBook::builtin().clone())
    }

    /// A book from JSON text or a dict of the same format.
    #[staticmethod]
    fn from_json(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        py(PolicyBook::from_json(&json_text(data)?)).map(Self)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The policy in force in `region` on `date`.
    fn policy_for(&self, region: &str, date: NaiveDate) -> PyResult<PyPolicy> {
        py(self.0.policy_for(region, date)).map(|p| PyPolicy(p.clone()))
    }

    /// The policy with this id.
    fn get(&self, id: &str) -> PyResult<PyPolicy> {
        py(self.0.get(id)).map(|p| PyPolicy(p.clone()))
    }

    /// The ids of every policy version, in the book's order.
    fn ids(&self) -> Vec<&str> {
        self.0.ids()
    }

    /// The regions the book lists: `{"code", "name": {"kk", "ru", "en"}}`.
    fn regions<'py>(&self, py_: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py_, &self.0.regions)
    }

    /// Adds a policy (a new version of a region's parameters).
    fn with_policy(&self, policy: &PyPolicy) -> PyResult<Self> {
        let mut book = self.0.clone();
        py(book.insert(policy.0.clone()))?;
        Ok(Self(book))
    }
}
