//! `WorkCalendar`: working days and deadlines (`RULES.md §9`).

use chrono::{NaiveDate, NaiveDateTime};
use kezek::calendar::{CalendarData, CalendarPatch, WorkCalendar};
use kezek::period::{Period, PeriodUnit};
use pyo3::prelude::*;

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

/// `PyCalendar`'s `#[pymethods]`: those written out in braces, then the calendar
/// questions, one line each, `fn name(param: Type, …) => |c| question;`. A question runs
/// on the strict calendar, or with `provisional=True` on `WorkCalendar::provisional`,
/// which also answers for years without decree data as `{"value", "provisional"}`.
macro_rules! calendar_methods {
    (
        { $($methods:tt)* }
        $($(#[doc = $doc:literal])* fn $name:ident($($p:ident: $t:ty),*) => |$c:ident| $q:expr;)*
    ) => {
        #[pymethods]
        impl PyCalendar {
            $($methods)*
            $(
                $(#[doc = $doc])*
                #[pyo3(signature = ($($p),*, provisional = false))]
                fn $name<'py>(
                    &self,
                    py_: Python<'py>,
                    $($p: $t,)*
                    provisional: bool,
                ) -> PyResult<Bound<'py, PyAny>> {
                    if provisional {
                        let $c = self.0.provisional();
                        serialize(py_, &py($q)?)
                    } else {
                        let $c = &self.0;
                        serialize(py_, &py($q)?)
                    }
                }
            )*
        }
    };
}

calendar_methods! {{
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

    fn add_calendar_days(&self, date: NaiveDate, n: u32) -> PyResult<NaiveDate> {
        py(self.0.add_calendar_days(date, n))
    }
}

    fn is_working_day(date: NaiveDate) => |c| c.is_working_day(date);
    fn day_info(date: NaiveDate) => |c| c.day_info(date);
    fn add_working_days(date: NaiveDate, n: u32) => |c| c.add_working_days(date, n);
    fn working_days_between(a: NaiveDate, b: NaiveDate) => |c| c.working_days_between(a, b);
    /// Where a period of `amount` `unit`s starting at `start` ends:
    /// `{"last_day", "ends_at"}`.
    fn deadline(start: NaiveDateTime, amount: u32, unit: &Bound<'_, PyAny>)
        => |c| c.deadline(start, period(amount, unit)?);
}
