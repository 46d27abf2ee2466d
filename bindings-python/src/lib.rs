//! Python binding of kezek: the native module `kezek._kezek`, wrapped by the typed
//! `kezek` package (`python/kezek/`), which turns its plain data into dataclasses and
//! enums. One file per concept; `convert.rs` converts data, `errors.rs` maps every core
//! error to its exception class.

mod calendar;
mod city;
mod convert;
mod engine;
mod errors;
mod iin;
mod matching;
mod people;
mod policy;
mod simulation;
mod sweep;

use pyo3::prelude::*;

/// The native module; use it through the `kezek` package.
#[pymodule]
#[pyo3(name = "_kezek")]
fn kezek_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // The engine's command names (`Request::NAMES`): commands, not queries.
    m.add("COMMAND_NAMES", kezek::lifecycle::Request::NAMES.to_vec())?;
    // The engine's query names (`Query::NAMES`).
    m.add("QUERY_NAMES", kezek::lifecycle::Query::NAMES.to_vec())?;
    m.add_class::<iin::PyIin>()?;
    m.add_class::<calendar::PyCalendar>()?;
    m.add_class::<policy::PyPolicy>()?;
    m.add_class::<policy::PyPolicyBook>()?;
    m.add_class::<engine::PyEngine>()?;
    m.add_class::<matching::PyInstance>()?;
    m.add_class::<matching::PyMatching>()?;
    m.add_class::<simulation::PySimulationInput>()?;
    m.add_class::<simulation::PySimulationResult>()?;
    m.add_function(wrap_pyfunction!(simulation::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(simulation::simulate_two, m)?)?;
    m.add_function(wrap_pyfunction!(simulation::compare_results, m)?)?;
    m.add_function(wrap_pyfunction!(simulation::simulation_input_schema, m)?)?;
    // The most seeds one sweep may run (`MAX_SEEDS`).
    m.add("MAX_SEEDS", kezek::simulation::MAX_SEEDS)?;
    m.add_class::<sweep::PySweep>()?;
    m.add_class::<sweep::PySweepResult>()?;
    m.add_function(wrap_pyfunction!(sweep::sweep_run, m)?)?;
    m.add_function(wrap_pyfunction!(city::csv_sheet, m)?)?;
    m.add_function(wrap_pyfunction!(city::sheet_csv, m)?)?;
    m.add_function(wrap_pyfunction!(city::workbook_sheet, m)?)?;
    m.add_function(wrap_pyfunction!(city::apply_city_tables, m)?)?;
    m.add_function(wrap_pyfunction!(city::read_city_tables, m)?)?;
    m.add_function(wrap_pyfunction!(city::city_tables_of, m)?)?;
    m.add_function(wrap_pyfunction!(people::labels, m)?)?;
    m.add_function(wrap_pyfunction!(people::show_date, m)?)?;
    m.add_function(wrap_pyfunction!(people::show_moment, m)?)?;
    m.add_function(wrap_pyfunction!(people::show_deadline, m)?)?;
    m.add_function(wrap_pyfunction!(errors::input_error_of, m)?)?;
    m.add_function(wrap_pyfunction!(errors::internal_error_of, m)?)?;
    m.add_function(wrap_pyfunction!(errors::_panic_for_testing, m)?)?;
    Ok(())
}
