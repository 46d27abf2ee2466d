//! Lengths of time with their unit: the windows, deadlines and ages of the rules.
//!
//! The rules count time in hours (revoking a direction, `RULES.md §6`), calendar days
//! (extending a direction), working days (choosing a place, showing up, the stop-list,
//! `RULES.md §5–§6`), months and years (confirming interest, ages, `RULES.md §2, §4`).
//! A [`Period`] always carries its unit, in Rust and in JSON, so a policy file says what
//! it means. Where a period ends on the calendar is computed by
//! [`WorkCalendar::deadline`](crate::calendar::WorkCalendar::deadline).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Clock hours from the starting moment.
    Hours,
    /// Calendar days; the period ends at the close of its last day.
    CalendarDays,
    /// Working days of the calendar (`RULES.md §9`), the starting day not counted; the
    /// period ends at the close of its last working day.
    WorkingDays,
    /// Calendar months; the period ends at the close of the same day of the month (or the
    /// month's last day when it has no such day).
    Months,
    /// Years: twelve months.
    Years,
}

impl PeriodUnit {
    /// The unit's name as written in JSON (`"working_days"`…).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Hours => "hours",
            PeriodUnit::CalendarDays => "calendar_days",
            PeriodUnit::WorkingDays => "working_days",
            PeriodUnit::Months => "months",
            PeriodUnit::Years => "years",
        }
    }
}

/// An amount of time with its unit, e.g. 3 working days.
///
/// In JSON: `{"amount": 3, "unit": "working_days"}`.
///
/// ```
/// use kezek::period::{Period, PeriodUnit};
/// let window = Period::working_days(3);
/// assert_eq!(window.unit, PeriodUnit::WorkingDays);
/// assert_eq!(window.to_string(), "3 working_days");
/// assert_eq!(serde_json::to_string(&window)?, r#"{"amount":3,"unit":"working_days"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: PeriodUnit,
}

impl Period {
    /// `amount` clock hours.
    #[must_use]
    pub const fn hours(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::Hours,
        }
    }

    /// `amount` calendar days.
    #[must_use]
    pub const fn calendar_days(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::CalendarDays,
        }
    }

    /// `amount` working days.
    #[must_use]
    pub const fn working_days(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::WorkingDays,
        }
    }

    /// `amount` calendar months.
    #[must_use]
    pub const fn months(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::Months,
        }
    }

    /// `amount` years.
    #[must_use]
    pub const fn years(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::Years,
        }
    }

    /// The length in months, for the units that are whole months (`Months`, `Years`).
    #[must_use]
    pub fn in_months(self) -> Option<u32> {
        match self.unit {
            PeriodUnit::Months => Some(self.amount),
            PeriodUnit::Years => self.amount.checked_mul(12),
            PeriodUnit::Hours | PeriodUnit::CalendarDays | PeriodUnit::WorkingDays => None,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.as_str())
    }
}
