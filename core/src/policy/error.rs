//! Errors of regional policies.

use chrono::NaiveDate;

use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang};

/// Why a policy was refused, or no policy could be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum PolicyError {
    /// The region code is not in the book's list of regions.
    #[error("unknown region `{region}`")]
    UnknownRegion {
        /// The code given.
        region: String,
    },
    /// No version of any policy for the region was in force on the date.
    #[error(
        "no policy for region `{region}` is in force on {}",
        crate::people::date(*date)
    )]
    NotInForce {
        /// The region.
        region: String,
        /// The date asked about.
        date: NaiveDate,
    },
    /// No policy version has this id.
    #[error("no policy has the id `{id}`")]
    UnknownPolicy {
        /// The id given.
        id: String,
    },
    /// Two policy versions share an id, or two regions a code.
    #[error("`{id}` is defined twice")]
    Duplicate {
        /// The repeated id or code.
        id: String,
    },
    /// A parameter is given in a unit it cannot have (an age in working days…).
    #[error("policy `{policy}`: parameter `{parameter}` cannot be given in {unit}")]
    Unit {
        /// The policy's id.
        policy: String,
        /// The parameter's name.
        parameter: &'static str,
        /// The unit given.
        unit: &'static str,
    },
    /// A parameter's value is out of its domain.
    #[error("policy `{policy}`: parameter `{parameter}` is out of range: {}", .reason[2])]
    Value {
        /// The policy's id.
        policy: String,
        /// The parameter's name.
        parameter: &'static str,
        /// Why, in kk, ru and en.
        reason: [&'static str; 3],
    },
    /// A policy names a region the book does not list.
    #[error("policy `{policy}` names unknown region `{region}`")]
    PolicyRegion {
        /// The policy's id.
        policy: String,
        /// The region code.
        region: String,
    },
    /// A policy book of a format this release cannot read (a newer one, or none it knows).
    #[error(
        "policy book format {found} cannot be read; this release reads formats 1 to {supported}"
    )]
    Format {
        /// The format found.
        found: u64,
        /// The newest format this release reads.
        supported: u32,
    },
    /// Policy JSON could not be read.
    #[error("policy JSON could not be read at line {line}, column {column}: {detail}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's explanation (English).
        detail: String,
    },
}

impl PolicyError {
    /// `POLICY_JSON` for a JSON error, with its position and without any value read.
    pub(crate) fn json(e: &serde_json::Error) -> Self {
        PolicyError::Json {
            line: e.line(),
            column: e.column(),
            detail: crate::input::json_said(e),
        }
    }
}

crate::error::serialize_as_report!(PolicyError);

impl LocalizedError for PolicyError {
    fn code(&self) -> ErrorCode {
        match self {
            PolicyError::UnknownRegion { .. } => ErrorCode::PolicyUnknownRegion,
            PolicyError::NotInForce { .. } => ErrorCode::PolicyNotInForce,
            PolicyError::UnknownPolicy { .. } => ErrorCode::PolicyUnknownId,
            PolicyError::Duplicate { .. } => ErrorCode::PolicyDuplicate,
            PolicyError::Unit { .. } => ErrorCode::PolicyUnit,
            PolicyError::Value { .. } => ErrorCode::PolicyValue,
            PolicyError::PolicyRegion { .. } => ErrorCode::PolicyRegion,
            PolicyError::Format { .. } => ErrorCode::PolicyFormat,
            PolicyError::Json { .. } => ErrorCode::PolicyJson,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            PolicyError::UnknownRegion { .. }
            | PolicyError::NotInForce { .. }
            | PolicyError::UnknownPolicy { .. } => ErrorKind::PolicyNotFound,
            PolicyError::Duplicate { .. }
            | PolicyError::Unit { .. }
            | PolicyError::Value { .. }
            | PolicyError::PolicyRegion { .. }
            | PolicyError::Format { .. }
            | PolicyError::Json { .. } => ErrorKind::PolicyInvalid,
        }
    }

    fn details(&self) -> Details {
        match self {
            PolicyError::UnknownRegion { region } => vec![("region", Detail::text(region))],
            PolicyError::NotInForce { region, date } => {
                vec![
                    ("region", Detail::text(region)),
                    ("date", Detail::Date(*date)),
                ]
            }
            PolicyError::UnknownPolicy { id } | PolicyError::Duplicate { id } => {
                vec![("id", Detail::text(id))]
            }
            PolicyError::Unit {
                policy,
                parameter,
                unit,
            } => vec![
                ("policy", Detail::text(policy)),
                ("parameter", Detail::text(parameter)),
                ("unit", Detail::text(unit)),
            ],
            PolicyError::Value {
                policy,
                parameter,
                reason,
            } => vec![
                ("policy", Detail::text(policy)),
                ("parameter", Detail::text(parameter)),
                ("reason", Detail::text(reason[2])),
            ],
            PolicyError::PolicyRegion { policy, region } => {
                vec![
                    ("policy", Detail::text(policy)),
                    ("region", Detail::text(region)),
                ]
            }
            PolicyError::Format { found, supported } => vec![
                ("found", Detail::Count(*found)),
                ("supported", Detail::Count(u64::from(*supported))),
            ],
            PolicyError::Json {
                line,
                column,
                detail,
            } => crate::error::json_position(*line, *column, detail),
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = self.to_string();
        match self {
            PolicyError::UnknownRegion { region } => pick(
                lang,
                format!("`{region}` өңірі белгісіз"),
                format!("неизвестный регион `{region}`"),
                en,
            ),
            PolicyError::NotInForce { region, date } => {
                let date = crate::people::date(*date);
                pick(
                    lang,
                    format!("`{region}` өңірі үшін {date} күні күшінде тұрған саясат жоқ"),
                    format!("для региона `{region}` нет политики, действующей на {date}"),
                    en,
                )
            }
            PolicyError::UnknownPolicy { id } => pick(
                lang,
                format!("`{id}` идентификаторы бар саясат жоқ"),
                format!("нет политики с идентификатором `{id}`"),
                en,
            ),
            PolicyError::Duplicate { id } => pick(
                lang,
                format!("`{id}` екі рет анықталған"),
                format!("`{id}` определён дважды"),
                en,
            ),
            PolicyError::Unit { policy, parameter, unit } => pick(
                lang,
                format!("`{policy}` саясаты: `{parameter}` параметрін {} беруге болмайды", unit_in(unit)[0]),
                format!("политика `{policy}`: параметр `{parameter}` нельзя задавать в {}", unit_in(unit)[1]),
                en,
            ),
            PolicyError::Value { policy, parameter, reason } => pick(
                lang,
                format!("`{policy}` саясаты: `{parameter}` параметрі қате: {}", reason[0]),
                format!("политика `{policy}`: параметр `{parameter}` неверен: {}", reason[1]),
                en,
            ),
            PolicyError::PolicyRegion { policy, region } => pick(
                lang,
                format!("`{policy}` саясаты белгісіз `{region}` өңірін атайды"),
                format!("политика `{policy}` указывает неизвестный регион `{region}`"),
                en,
            ),
            PolicyError::Format { found, supported } => pick(
                lang,
                format!("саясат кітабының {found} форматы оқылмайды; бұл нұсқа 1–{supported} форматтарын оқиды"),
                format!("формат книги политик {found} не читается; эта версия читает форматы 1–{supported}"),
                en,
            ),
            PolicyError::Json { line, column, .. } => pick(
                lang,
                format!("саясат JSON-ы оқылмады: {line}-жол, {column}-баған"),
                format!("не удалось прочитать JSON политики: строка {line}, столбец {column}"),
                en,
            ),
        }
    }
}

/// A unit of time as the messages name it: kk "in working days" (жұмыс күнімен), ru (в
/// рабочих днях).
fn unit_in(unit: &str) -> [&'static str; 2] {
    match unit {
        "hours" => ["сағатпен", "часах"],
        "calendar_days" => ["күнтізбелік күнмен", "календарных днях"],
        "working_days" => ["жұмыс күнімен", "рабочих днях"],
        "months" => ["аймен", "месяцах"],
        "years" => ["жылмен", "годах"],
        _ => ["осы бірлікпен", "этих единицах"],
    }
}
