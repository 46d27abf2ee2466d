//! Queue simulation for analysts: the real engine, day by day, with parents drawn from a
//! seed (`RULES.md §2–§7`).
//!
//! A [`SimulationInput`] describes a city (districts and kindergartens with their yearly
//! intake per age), arrivals (registrations per month; shares of benefit categories, group
//! types and languages; ages at registration), place turnover (publication waves), parent
//! behaviour (probabilities and delays: answering a notice, choosing within the window or
//! not, revoking, extending, showing up, confirming interest and rights, free choice,
//! language preference), the [`Policy`], a seed and a horizon.
//!
//! [`simulate`] runs it on the working-day calendar: every registration, publication and
//! parent action goes through the same [`Engine`](crate::lifecycle::Engine) the portals
//! use, which decides what the rules allow; the simulation only draws what parents do and
//! when. The same input gives the same result, bit for bit (one seeded `ChaCha8` stream,
//! one thread). Outputs are columnar tables ([`ChildTable`], [`DayTable`]), built from the
//! engine's own histories at the end, and a [`Summary`]; [`compare`] sets two runs'
//! summaries side by side, and [`simulate_pair`] runs one input under two policies.
//!
//! Years the calendar has no decree data for are projected from the statutory holidays
//! alone (no transfers, no Kurban Ait) and listed in
//! [`SimulationResult::projected_years`].
//!
//! ```
//! use kezek::simulation::{default_city_input, simulate};
//! let mut input = default_city_input(2024, 1, 7)?;
//! input.arrivals.per_month = 300; // a small town's worth, for a quick example
//! input.warm_up_years = 0;
//! let result = simulate(&input)?;
//! assert_eq!(result.children.len() as u32, result.summary.registered);
//! assert_eq!(result.days.len(), 366); // 2024 is a leap year
//! # Ok::<(), kezek::simulation::SimulationError>(())
//! ```

mod agenda;
mod astana;
mod city;
mod city_tables;
mod columns;
mod error;
mod format;
mod idle;
mod input;
mod output;
mod parents;
mod ranking;
mod renewal;
mod run;
mod summary;
mod survival;
mod sweep;
mod table_cells;
mod tables;
mod validation;
mod vouchers;

use chrono::{Datelike, NaiveDate};

pub use astana::{astana, astana_input, ASTANA_PER_MONTH, ASTANA_SOURCES};
pub use city::{default_city, default_city_input};
pub use city_tables::{CityTables, Sheet, MAX_CELL_BYTES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS};
pub use columns::{Column, Values};
pub use error::SimulationError;
pub use format::INPUT_FORMAT;
pub use idle::Idle;
#[cfg(feature = "schema")]
pub use input::input_schema;
pub use input::{
    Arrivals, Behaviour, City, District, Intake, KindergartenSpec, RenewalBehaviour, Share,
    SimulationInput, Turnover, VoucherBehaviour, Wave, DEFAULT_MEMORY_BUDGET,
};
pub use output::{ChildTable, DayTable, Outcome, SimulationResult};
pub use summary::{compare, AgeShare, GroupWaits, MetricDiff, Summary, WaitingAtEnd};
pub use survival::Waits;
pub use sweep::{
    simulate_sweep, simulate_sweep_with_progress, Axis, Columns, Interval, PairedDifference,
    PlannedRun, RunOutcome, Sweep, SweepResult, Variant, MAX_AXIS_VALUES, MAX_SEEDS,
    MAX_SWEEP_AXES, MAX_SWEEP_RUNS, MAX_VARIANTS, SWEEP_FORMAT,
};

use crate::calendar::{CalendarData, WorkCalendar, YearData};
use crate::lang::LocalizedText;
use crate::policy::Policy;

/// How far a run has come: passed to the progress callback once per simulated day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Days simulated so far (1 after the first).
    pub day: u32,
    /// Days in all.
    pub days: u32,
    /// The day just simulated.
    pub date: NaiveDate,
}

/// Runs a simulation.
///
/// # Errors
/// `SIMULATION_INPUT` for a malformed input; a calendar or engine code when the input's
/// policy or horizon cannot be run.
pub fn simulate(input: &SimulationInput) -> Result<SimulationResult, SimulationError> {
    run(input, None)
}

/// Runs a simulation, calling `progress` after each simulated day (for progress bars).
///
/// # Errors
/// As [`simulate`].
pub fn simulate_with_progress(
    input: &SimulationInput,
    progress: &mut dyn FnMut(&Progress),
) -> Result<SimulationResult, SimulationError> {
    run(input, Some(progress))
}

/// Runs the same input (the same seed) under its own policy and under `other`, for a
/// comparison: `(result under input.policy, result under other, differences)`.
///
/// # Errors
/// As [`simulate`], for either run.
pub fn simulate_pair(
    input: &SimulationInput,
    other: &Policy,
) -> Result<(SimulationResult, SimulationResult, Vec<MetricDiff>), SimulationError> {
    let a = simulate(input)?;
    let mut second = input.clone();
    second.policy = other.clone();
    let b = simulate(&second)?;
    let diff = compare(&a.summary, &b.summary);
    Ok((a, b, diff))
}

fn run(
    input: &SimulationInput,
    progress: Option<&mut dyn FnMut(&Progress)>,
) -> Result<SimulationResult, SimulationError> {
    input.validate()?;
    let start = input.start;
    let shift = |d: NaiveDate, years: u32, field: &str| {
        let years = i32::try_from(years).unwrap_or(i32::MAX);
        d.with_year(d.year().saturating_add(years))
            .or_else(|| d.pred_opt()?.with_year(d.year().saturating_add(years)))
            .ok_or_else(|| SimulationError::Input {
                field: field.into(),
                detail: Box::new(LocalizedText::new(
                    "модельдеу кезеңі күнтізбеден шығып кетеді",
                    "период моделирования выходит за пределы календаря",
                    "the horizon leaves the calendar",
                )),
            })
    };
    let end = shift(start, input.years, "years")?
        .pred_opt()
        .unwrap_or(start);
    let first = start
        .with_year(start.year() - i32::try_from(input.warm_up_years).unwrap_or(0))
        .unwrap_or(start);
    // A notice or direction issued near the end needs its deadlines in the next year too.
    let base = match &input.calendar {
        Some(data) => data.clone(),
        None => WorkCalendar::kazakhstan().data().clone(),
    };
    let (calendar, projected_years) = projected(base, first.year(), end.year() + 1)?;
    let mut run = run::Run::new(input, calendar, first)?;
    run.catalogue(first)?;
    run.days(first, end, progress)?;
    let (children, days) = tables::build(&run, first, start, end)?;
    let policy = &input.policy;
    let window = summary::Window {
        start,
        end,
        min_offer_age: (
            policy.min_offer_age.in_months().unwrap_or(0),
            policy.min_age_for_special_groups,
        ),
    };
    let summary = Summary::of(&children, &days, &window, run.idle());
    Ok(SimulationResult {
        city: input.city.name.clone(),
        policy: input.policy.id.clone(),
        seed: input.seed,
        start,
        end,
        simulated_from: first,
        children,
        days,
        summary,
        projected_years: projected_years
            .into_iter()
            .filter(|y| *y <= end.year())
            .collect(),
    })
}

/// A calendar from `data`, with the years `first..=last` that have no data of their own
/// projected from the statutory holidays alone.
fn projected(
    mut data: CalendarData,
    first: i32,
    last: i32,
) -> Result<(WorkCalendar, Vec<i32>), SimulationError> {
    let mut added = Vec::new();
    for year in first..=last {
        if let std::collections::btree_map::Entry::Vacant(e) = data.years.entry(year) {
            e.insert(YearData {
                holidays: Vec::new(),
                transfers: Vec::new(),
                source: "projected by kezek::simulation from the statutory holidays".into(),
            });
            added.push(year);
        }
    }
    data.span.first_year = data.span.first_year.min(first);
    data.span.last_year = data.span.last_year.max(last);
    Ok((WorkCalendar::from_data(data)?, added))
}
