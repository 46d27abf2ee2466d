//! How the core's data crosses to Kotlin and Swift: civil dates and moments as custom types
//! (Kotlin `java.time.LocalDate` / `LocalDateTime` through `uniffi.toml`, ISO strings in
//! Swift), the core's plain data types mirrored as uniffi remote Records and Enums (the
//! definitions below must match the core's field for field; the compiler checks it), and
//! binding Records where the core holds `&'static str`.

use chrono::{NaiveDate, NaiveDateTime};
use kezek::calendar::{DayInfo, DayKind, Deadline};
use kezek::input::InputError;
use kezek::lifecycle::StateName;
use kezek::period::{Period, PeriodUnit};
use kezek::policy::RegionInfo;
use kezek::{Lang, LocalizedText, Sex};

use crate::errors::KezekError;

/// A civil date of Kazakhstan; Kotlin `java.time.LocalDate`, Swift an ISO string
/// `"2025-03-20"`.
pub type CivilDate = NaiveDate;

/// A moment in Kazakhstan civil time, without zone; Kotlin `java.time.LocalDateTime`, Swift an
/// ISO string `"2025-03-20T15:00:00"`.
pub type CivilMoment = NaiveDateTime;

const DATE: &str = "%Y-%m-%d";
const MOMENT: &str = "%Y-%m-%dT%H:%M:%S";

uniffi::custom_type!(CivilDate, String, {
    remote,
    lower: |d| d.format(DATE).to_string(),
    try_lift: |s| NaiveDate::parse_from_str(&s, DATE)
        .map_err(|_| bad_text("date", "YYYY-MM-DD").into()),
});

uniffi::custom_type!(CivilMoment, String, {
    remote,
    lower: |t| t.format(MOMENT).to_string(),
    // Kotlin's LocalDateTime.toString() leaves out zero seconds ("2025-03-20T15:00").
    try_lift: |s| NaiveDateTime::parse_from_str(&s, MOMENT)
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M"))
        .map_err(|_| bad_text("moment", "YYYY-MM-DDTHH:MM:SS").into()),
});

/// A malformed date or moment (possible from Swift, which passes ISO strings): the core's
/// `INPUT_FORMAT`, which uniffi hands to the caller as the function's own error type. The
/// text is not echoed: what a host passes stays out of errors.
fn bad_text(what: &str, expected: &str) -> KezekError {
    InputError::format(what, format!("expected {expected}")).into()
}

/// The three languages of kezek's texts.
#[uniffi::remote(Enum)]
pub enum Lang {
    Kk,
    Ru,
    En,
}

/// A text in Kazakh, Russian and English.
#[uniffi::remote(Record)]
pub struct LocalizedText {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

/// A region a policy book lists (`RULES.md §10`).
#[uniffi::remote(Record)]
pub struct RegionInfo {
    pub code: String,
    pub name: LocalizedText,
}

/// A child's sex: the register's, or as an IIN encodes it (`RULES.md §1`).
#[uniffi::remote(Enum)]
pub enum Sex {
    Male,
    Female,
}

/// The unit of a period (`RULES.md §9–§10`).
#[uniffi::remote(Enum)]
pub enum PeriodUnit {
    Hours,
    CalendarDays,
    WorkingDays,
    Months,
    Years,
}

/// An amount of a unit: a policy's window, an extension.
#[uniffi::remote(Record)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

/// Where a period ends: its last day, and the first moment after it; `provisional` when a
/// year it crosses has no decree data (counted by the statutory rules alone).
#[uniffi::remote(Record)]
pub struct Deadline {
    pub last_day: CivilDate,
    pub ends_at: CivilMoment,
    pub provisional: bool,
}

/// What kind of day a date is, and why (`RULES.md §9`).
#[uniffi::remote(Enum)]
pub enum DayKind {
    Weekday,
    Weekend,
    Holiday {
        id: String,
        name: LocalizedText,
    },
    CarriedOver {
        id: String,
        name: LocalizedText,
        holiday: CivilDate,
    },
    TransferredDayOff {
        from: CivilDate,
        source: String,
    },
    TransferredWorkingDay {
        to: CivilDate,
        source: String,
    },
}

/// A day of the calendar: whether it is a working day, and why.
#[uniffi::remote(Record)]
pub struct DayInfo {
    pub date: CivilDate,
    pub working: bool,
    pub kind: DayKind,
}

/// The name of an application's state (`RULES.md §5–§8`).
#[uniffi::remote(Enum)]
pub enum StateName {
    New,
    Queued,
    NoticeSent,
    DirectionIssued,
    StopListed,
    Enrolled,
    Released,
    Removed,
    Withdrawn,
    VoucherOffered,
    VoucherConfirmed,
    Inactive,
    WaitingList,
}

/// One rule checked by a decision: its code, pass or fail, why (kk/ru/en), its source.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Check {
    /// The rule's stable code (`MIN_AGE`).
    pub code: String,
    /// Whether the rule is met.
    pub passed: bool,
    /// The input field the rule reads (`child_iin`), for registration checks.
    pub field: Option<String>,
    /// A finer code for a failure (`IIN_CHECKSUM`), where one exists.
    pub detail: Option<String>,
    /// Why it passed or failed.
    pub message: LocalizedText,
    /// Where the rule comes from (`RULES.md §4 …`).
    pub source: String,
}

impl From<&kezek::eligibility::Check> for Check {
    fn from(c: &kezek::eligibility::Check) -> Self {
        Self {
            code: c.code.to_owned(),
            passed: c.passed,
            field: c.field.map(str::to_owned),
            detail: c.detail.map(str::to_owned),
            message: c.message.clone(),
            source: c.source.to_owned(),
        }
    }
}
