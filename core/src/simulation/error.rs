//! Errors of simulations.

use crate::calendar::CalendarError;
use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang, LocalizedText};
use crate::lifecycle::LifecycleError;

/// Why a simulation could not run. Parent actions the engine refuses are not errors: they
/// are what the rules say, and the simulation goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum SimulationError {
    /// The input is malformed.
    #[error("the simulation input's `{field}` is invalid: {}", .detail.en)]
    Input {
        /// The field, e.g. `behaviour.shows_up`.
        field: String,
        /// What is wrong, in kk, ru and en.
        detail: Box<LocalizedText>,
    },
    /// The input would take more memory than its budget (`memory_budget`).
    #[error("the simulation would take ≈ {estimate} bytes of memory, over its budget of {budget} bytes (`memory_budget`)")]
    TooLarge {
        /// The estimate, in bytes.
        estimate: u64,
        /// The budget, in bytes.
        budget: u64,
    },
    /// A cell of a city's table is wrong (`CityTables`): the file, the row as a
    /// spreadsheet numbers it (the header is row 1), the column's header (none: the whole
    /// row) and what is wrong.
    #[error("{file}, row {row}{}: {}", column.as_ref().map_or(String::new(), |c| format!(", column `{c}`")), .detail.en)]
    Table {
        /// The file (or `book.xlsx#sheet`).
        file: String,
        /// The row, from 1 (the header).
        row: u64,
        /// The column's header.
        column: Option<String>,
        /// What is wrong, in kk, ru and en.
        detail: Box<LocalizedText>,
    },
    /// The calendar cannot cover the simulated years.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The engine refused what no parent action explains (a fault of the input, such as a
    /// policy the engine does not accept).
    #[error(transparent)]
    Engine(#[from] LifecycleError),
}

crate::error::serialize_as_report!(SimulationError);

impl LocalizedError for SimulationError {
    fn code(&self) -> ErrorCode {
        match self {
            SimulationError::Input { .. } => ErrorCode::SimulationInput,
            SimulationError::TooLarge { .. } => ErrorCode::SimulationTooLarge,
            SimulationError::Table { .. } => ErrorCode::SimulationTable,
            SimulationError::Calendar(e) => e.code(),
            SimulationError::Engine(e) => e.code(),
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            SimulationError::Input { .. }
            | SimulationError::TooLarge { .. }
            | SimulationError::Table { .. } => ErrorKind::Simulation,
            SimulationError::Calendar(e) => e.kind(),
            SimulationError::Engine(e) => e.kind(),
        }
    }

    fn details(&self) -> Details {
        match self {
            SimulationError::Input { field, detail } => {
                vec![
                    ("field", Detail::text(field)),
                    ("detail", Detail::text(&detail.en)),
                ]
            }
            SimulationError::TooLarge { estimate, budget } => vec![
                ("estimate", Detail::Count(*estimate)),
                ("budget", Detail::Count(*budget)),
            ],
            SimulationError::Table {
                file,
                row,
                column,
                detail,
            } => {
                let mut out = vec![("file", Detail::text(file)), ("row", Detail::Count(*row))];
                if let Some(c) = column {
                    out.push(("column", Detail::text(c)));
                }
                out.push(("detail", Detail::text(&detail.en)));
                out
            }
            SimulationError::Calendar(e) => e.details(),
            SimulationError::Engine(e) => e.details(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            SimulationError::Input { field, detail } => pick(
                lang,
                format!("модельдеу деректерінің `{field}` өрісі қате: {}", detail.kk),
                format!("поле `{field}` входных данных моделирования неверно: {}", detail.ru),
                self.to_string(),
            ),
            SimulationError::TooLarge { estimate, budget } => pick(
                lang,
                format!(
                    "модельдеу шамамен {estimate} байт жад алады, бұл шектен ({budget} байт, `memory_budget`) асады"
                ),
                format!(
                    "моделированию нужно ≈ {estimate} байт памяти, больше бюджета {budget} байт (`memory_budget`)"
                ),
                self.to_string(),
            ),
            SimulationError::Table {
                file,
                row,
                column,
                detail,
            } => {
                let (kk, ru) = column.as_ref().map_or((String::new(), String::new()), |c| {
                    (format!(", `{c}` бағаны"), format!(", столбец `{c}`"))
                });
                pick(
                    lang,
                    format!("`{file}`, {row}-жол{kk}: {}", detail.kk),
                    format!("`{file}`, строка {row}{ru}: {}", detail.ru),
                    self.to_string(),
                )
            }
            SimulationError::Calendar(e) => e.message(lang),
            SimulationError::Engine(e) => e.message(lang),
        }
    }
}
