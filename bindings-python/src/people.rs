//! What people read: the core's labels (kk/ru/en names of states, classes, deadlines,
//! reasons, documents…) and dates, moments and deadlines written as people write them.

use chrono::{NaiveDate, NaiveDateTime};
use kezek::calendar::Deadline;
use pyo3::prelude::*;

use crate::convert::serialize;

/// Every label, by kind and code: `{kind: {code: {"kk", "ru", "en"}}}`.
#[pyfunction]
pub(crate) fn labels(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    serialize(py, &kezek::labels::labels())
}

/// A day as people write it: `21.03.2025`.
#[pyfunction]
pub(crate) fn show_date(day: NaiveDate) -> String {
    kezek::people::date(day)
}

/// A moment as people write it: `21.03.2025, 15:00`.
#[pyfunction]
pub(crate) fn show_moment(moment: NaiveDateTime) -> String {
    kezek::people::moment(moment)
}

/// A deadline as people read it, in kk/ru/en.
#[pyfunction]
pub(crate) fn show_deadline(
    py: Python<'_>,
    last_day: NaiveDate,
    ends_at: NaiveDateTime,
    provisional: bool,
) -> PyResult<Bound<'_, PyAny>> {
    let d = Deadline {
        last_day,
        ends_at,
        provisional,
    };
    serialize(py, &kezek::people::deadline(&d))
}
