//! Errors of the working-day calendar.

use chrono::NaiveDate;

use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang};

/// Why the calendar cannot answer, or why calendar data was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum CalendarError {
    /// The query touches a year whose decree data the calendar does not have; ask
    /// [`WorkCalendar::provisional`](super::WorkCalendar::provisional) for an answer from
    /// the statutory rules alone (`RULES.md §9`).
    #[error("no working-day data for {year}: its decree is not known (ask for a provisional answer, or add the year's data)")]
    YearUnknown {
        /// The first year without data.
        year: i32,
    },
    /// The date, or the answer, lies outside the years the calendar covers even
    /// provisionally.
    #[error(
        "the calendar covers {first_year} to {last_year}; the date or the answer lies outside"
    )]
    OutOfRange {
        /// First year covered.
        first_year: i32,
        /// Last year covered.
        last_year: i32,
    },
    /// Calendar data has a format version this release does not read.
    #[error("calendar data format {found} is not supported (expected {expected})")]
    Format {
        /// The version found.
        found: u32,
        /// The version this release reads.
        expected: u32,
    },
    /// The span of the calendar data is empty or unusable.
    #[error("calendar span {first_year}-{last_year} is not a valid range of years")]
    Span {
        /// First year of the span.
        first_year: i32,
        /// Last year of the span.
        last_year: i32,
    },
    /// A holiday's date is impossible, another holiday has that day in the same years, or a
    /// dated holiday lies outside its year.
    #[error("holiday `{id}` has an impossible date, a day another holiday has, or lies outside its year")]
    Holiday {
        /// The holiday's id.
        id: String,
    },
    /// Year data lies outside the calendar's span.
    #[error("data for {year} lies outside the calendar's span")]
    YearOutsideSpan {
        /// The year of the data.
        year: i32,
    },
    /// A transfer does not move a day off to a working day within its year.
    #[error("transfer from {from} to {to} must move a day off onto a working day of its year")]
    Transfer {
        /// The day off given up (made a working day).
        from: NaiveDate,
        /// The day made a day off.
        to: NaiveDate,
    },
    /// Calendar JSON could not be read.
    #[error("calendar JSON could not be read at line {line}, column {column}: {detail}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's explanation (English).
        detail: String,
    },
}

impl CalendarError {
    pub(crate) fn from_json(e: &serde_json::Error) -> Self {
        CalendarError::Json {
            line: e.line(),
            column: e.column(),
            detail: crate::input::json_said(e),
        }
    }
}

crate::error::serialize_as_report!(CalendarError);

impl LocalizedError for CalendarError {
    fn code(&self) -> ErrorCode {
        match self {
            CalendarError::YearUnknown { .. } => ErrorCode::CalendarYearUnknown,
            CalendarError::OutOfRange { .. } => ErrorCode::CalendarOutOfRange,
            CalendarError::Format { .. } => ErrorCode::CalendarFormat,
            CalendarError::Span { .. } => ErrorCode::CalendarSpan,
            CalendarError::Holiday { .. } => ErrorCode::CalendarHoliday,
            CalendarError::YearOutsideSpan { .. } => ErrorCode::CalendarYearOutsideSpan,
            CalendarError::Transfer { .. } => ErrorCode::CalendarTransfer,
            CalendarError::Json { .. } => ErrorCode::CalendarJson,
        }
    }

    fn kind(&self) -> ErrorKind {
        ErrorKind::Calendar
    }

    fn details(&self) -> Details {
        match self {
            CalendarError::YearUnknown { year } | CalendarError::YearOutsideSpan { year } => {
                vec![("year", Detail::Year(*year))]
            }
            CalendarError::OutOfRange {
                first_year,
                last_year,
            }
            | CalendarError::Span {
                first_year,
                last_year,
            } => vec![
                ("first_year", Detail::Year(*first_year)),
                ("last_year", Detail::Year(*last_year)),
            ],
            CalendarError::Format { found, expected } => vec![
                ("found", Detail::Count(u64::from(*found))),
                ("expected", Detail::Count(u64::from(*expected))),
            ],
            CalendarError::Holiday { id } => vec![("id", Detail::text(id))],
            CalendarError::Transfer { from, to } => {
                vec![("from", Detail::Date(*from)), ("to", Detail::Date(*to))]
            }
            CalendarError::Json {
                line,
                column,
                detail,
            } => crate::error::json_position(*line, *column, detail),
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = self.to_string();
        match self {
            CalendarError::YearUnknown { year } => pick(
                lang,
                format!("{year} жылдың жұмыс күндері белгісіз: оның қаулысы жоқ (болжамды жауап сұраңыз немесе жыл деректерін қосыңыз)"),
                format!("нет данных о рабочих днях за {year} год: постановление неизвестно (запросите предварительный ответ или добавьте данные года)"),
                en,
            ),
            CalendarError::OutOfRange { first_year, last_year } => pick(
                lang,
                format!("күнтізбе {first_year}–{last_year} жылдарды қамтиды; күн немесе жауап одан тыс"),
                format!("календарь охватывает {first_year}–{last_year} годы; дата или ответ вне этого диапазона"),
                en,
            ),
            CalendarError::Format { found, expected } => pick(
                lang,
                format!("күнтізбе деректерінің {found} форматы қолдау көрсетілмейді ({expected} күтілген)"),
                format!("формат данных календаря {found} не поддерживается (ожидается {expected})"),
                en,
            ),
            CalendarError::Span { first_year, last_year } => pick(
                lang,
                format!("күнтізбенің {first_year}–{last_year} аралығы жарамсыз"),
                format!("диапазон календаря {first_year}–{last_year} недопустим"),
                en,
            ),
            CalendarError::Holiday { id } => pick(
                lang,
                format!("`{id}` мерекесінің күні мүмкін емес, басқа мерекенің күнімен бірдей немесе өз жылынан тыс"),
                format!("праздник `{id}` имеет невозможную дату, дату другого праздника или вне своего года"),
                en,
            ),
            CalendarError::YearOutsideSpan { year } => pick(
                lang,
                format!("{year} жылдың деректері күнтізбе аралығынан тыс"),
                format!("данные за {year} год вне диапазона календаря"),
                en,
            ),
            CalendarError::Transfer { from, to } => {
                // Dates as people write them (kezek::people::date, which this module
                // cannot use: people reads the calendar's deadlines).
                let (from, to) = (from.format("%d.%m.%Y"), to.format("%d.%m.%Y"));
                pick(
                lang,
                format!("{from} күнінен {to} күніне ауыстыру демалыс күнін өз жылының жұмыс күніне ауыстыруы керек"),
                format!("перенос с {from} на {to} должен переносить выходной день на рабочий день своего года"),
                en,
            )
            }
            CalendarError::Json { line, column, .. } => pick(
                lang,
                format!("күнтізбе JSON-ы оқылмады: {line}-жол, {column}-баған"),
                format!("не удалось прочитать JSON календаря: строка {line}, столбец {column}"),
                en,
            ),
        }
    }
}
