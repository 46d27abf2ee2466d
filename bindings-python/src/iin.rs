//! `Iin`: the 12-digit identifier (`RULES.md §1`); printed masked, its digits only on
//! request.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::py;

/// A valid IIN. `repr()` and `str()` mask it; `expose_digits()` gives the digits.
#[pyclass(module = "kezek._kezek", name = "Iin", frozen, subclass, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PyIin(pub(crate) kezek::Iin);

#[pymethods]
impl PyIin {
    /// Parses and checks an IIN (length, digits, checksum). Digits that encode no birth
    /// date are valid (`RULES.md §1`, revised 2026-12).
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        py(kezek::Iin::parse(text)).map(Self)
    }

    /// The IIN of a child born on `birth_date`, of `sex` (`"male"` or `"female"`), with
    /// the registry's `serial` number (its checksum computed).
    #[staticmethod]
    fn from_parts(birth_date: NaiveDate, sex: &str, serial: u16) -> PyResult<Self> {
        let sex = match sex {
            "male" => kezek::Sex::Male,
            "female" => kezek::Sex::Female,
            other => {
                return Err(crate::errors::input_error(
                    "sex",
                    &format!("expected \"male\" or \"female\", not {other:?}"),
                ))
            }
        };
        py(kezek::Iin::from_parts(birth_date, sex, serial)).map(Self)
    }

    /// The birth date the digits encode, or `None` when they encode none. Not the
    /// child's birth date: that is the register's, on the application.
    #[getter]
    fn encoded_birth_date(&self) -> Option<NaiveDate> {
        self.0.encoded_birth_date()
    }

    /// `"male"` or `"female"` as the 7th digit encodes it, or `None`.
    #[getter]
    fn encoded_sex(&self) -> Option<&'static str> {
        self.0.encoded_sex().map(|s| match s {
            kezek::Sex::Male => "male",
            kezek::Sex::Female => "female",
        })
    }

    /// The IIN with its first eight digits hidden.
    #[getter]
    fn masked(&self) -> String {
        self.0.masked()
    }

    /// The twelve digits: personal data, for storage and lookups only.
    fn expose_digits(&self) -> &str {
        self.0.expose_digits()
    }

    fn __repr__(&self) -> String {
        format!("Iin('{}')", self.0.masked())
    }

    fn __str__(&self) -> String {
        self.0.masked()
    }

    /// Pickles as its digits (the pickle holds personal data, as any stored IIN does).
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, [self.0.expose_digits()])
    }
}
