//! `WorkCalendar`: working days and deadlines (`RULES.md §9`).

use chrono::{NaiveDate, NaiveDateTime};
use kezek::calendar::{CalendarData, CalendarPatch, WorkCalendar};
use kezek::period::{Period, PeriodUnit};
use kezek::CalendarError;
use pyo3::prelude::*;
use serde::Serialize;

use crate::convert::{deserialize, json_text, serialize};
use crate::errors::py;

/// A working-day calendar. Methods with `provisional=True` also answer for years without
/// decree data, returning `{"value", "provisional"}`.
#[pyclass(module = "kezek._kezek", name = "WorkCalendar", frozen, subclass)]
#[derive(Clone)]
pub(crate) struct PyCalendar(pub(crate) WorkCalendar);

/// A period from its amount and unit name (`"working_days"`…).
pub(crate) fn period(amount: u32, unit: &Bound<'_, PyAny>) -> PyResult<Period> {
    let unit: PeriodUnit = deserialize("period unit", unit)?;
    Ok(Period { amount, unit })
}

/// A calendar question answered strictly, or provisionally as `{"value", "provisional"}`.
fn answer<T: Serialize, U: Serialize>(
    py_: Python<'_>,
    provisional: bool,
    strict: impl FnOnce() -> Result<T, CalendarError>,
    lenient: impl FnOnce() -> Result<U, CalendarError>,
) -> PyResult<Bound<'_, PyAny>> {
    if provisional {
        serialize(py_, &py(lenient())?)
    } else {
        serialize(py_, &py(strict())?)
    }
}

#[pymethods]
impl PyCalendar {
    /// The national calendar of Kazakhstan (built in).
    #[staticmethod]
    fn kazakhstan() -> Self {
        Self(WorkCalendar::kazakhstan())
    }

    /// A calendar from calendar data (JSON text or a dict).
    #[staticmethod]
    fn from_json(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = py(CalendarData::from_json(&json_text(data)?))?;
        py(WorkCalendar::from_data(data)).map(Self)
    }

    /// This calendar with a patch applied (JSON text or a dict).
    fn with_patch(&self, patch: &Bound<'_, PyAny>) -> PyResult<Self> {
        let patch = py(CalendarPatch::from_json(&json_text(patch)?))?;
        py(self.0.with_patch(patch)).map(Self)
    }

    /// The calendar's data as JSON text.
    fn to_json(&self) -> String {
        self.0.data().to_json()
    }

    /// Whether this is the built-in national calendar.
    #[getter]
    fn is_builtin(&self) -> bool {
        self.0.is_builtin()
    }

    /// The years with decree data.
    #[getter]
    fn known_years(&self) -> Vec<i32> {
        self.0.known_years().collect()
    }

    #[pyo3(signature = (date, provisional = false))]
    fn is_working_day<'py>(
        &self,
        py_: Python<'py>,
        date: NaiveDate,
        provisional: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = &self.0;
        answer(
            py_,
            provisional,
            || c.is_working_day(date),
            || c.provisional().is_working_day(date),
        )
    }

    #[pyo3(signature = (date, provisional = false))]
    fn day_info<'py>(
        &self,
        py_: Python<'py>,
        date: NaiveDate,
        provisional: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = &self.0;
        answer(
            py_,
            provisional,
            || c.day_info(date),
            || c.provisional().day_info(date),
        )
    }

    #[pyo3(signature = (date, n, provisional = false))]
    fn add_working_days<'py>(
        &self,
        py_: Python<'py>,
        date: NaiveDate,
        n: u32,
        provisional: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = &self.0;
        answer(
            py_,
            provisional,
            || c.add_working_days(date, n),
            || c.provisional().add_working_days(date, n),
        )
    }

    fn add_calendar_days(&self, date: NaiveDate, n: u32) -> PyResult<NaiveDate> {
        py(self.0.add_calendar_days(date, n))
    }

    #[pyo3(signature = (a, b, provisional = false))]
    fn working_days_between<'py>(
        &self,
        py_: Python<'py>,
        a: NaiveDate,
        b: NaiveDate,
        provisional: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = &self.0;
        answer(
            py_,
            provisional,
            || c.working_days_between(a, b),
            || c.provisional().working_days_between(a, b),
        )
    }

    /// Where a period of `amount` `unit`s starting at `start` ends:
    /// `{"last_day", "ends_at"}`.
    #[pyo3(signature = (start, amount, unit, provisional = false))]
    fn deadline<'py>(
        &self,
        py_: Python<'py>,
        start: NaiveDateTime,
        amount: u32,
        unit: &Bound<'py, PyAny>,
        provisional: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = period(amount, unit)?;
        let c = &self.0;
        answer(
            py_,
            provisional,
            || c.deadline(start, p),
            || c.provisional().deadline(start, p),
        )
    }
}
