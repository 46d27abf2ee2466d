//! The Kazakh working-day calendar and the ends of deadlines (`RULES.md §9`).
//!
//! Working days are Monday to Friday, minus public holidays, minus the days off a holiday
//! on a weekend carries over to, minus the days off a government decree moves, plus the
//! weekend days a decree makes working. A [`WorkCalendar`] is built from [`CalendarData`]
//! (the built-in Kazakh data is JSON in that format) and answers in O(1): every day of its
//! span is classified once, with running counts of working days.
//!
//! A year whose decree is not in the data is refused with `CALENDAR_YEAR_UNKNOWN` rather
//! than computed wrongly; [`WorkCalendar::provisional`] answers such years from the
//! statutory rules alone and flags the answer as provisional.
//!
//! ```
//! use chrono::NaiveDate;
//! use kezek::calendar::WorkCalendar;
//! let cal = WorkCalendar::kazakhstan();
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // 2024: Saturday 4 May worked, Wednesday 8 May off (decree); 7 and 9 May are holidays.
//! assert!(cal.is_working_day(d(2024, 5, 4))?);
//! assert!(!cal.is_working_day(d(2024, 5, 8))?);
//! // Three working days after Friday 3 May 2024: 4 May (Sat), 6 May, 10 May.
//! assert_eq!(cal.add_working_days(d(2024, 5, 3), 3)?, d(2024, 5, 10));
//! # Ok::<(), kezek::calendar::CalendarError>(())
//! ```

mod data;
mod error;
mod table;

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

pub use data::{
    CalendarData, CalendarPatch, DatedHoliday, Span, StatutoryHoliday, Transfer, YearData,
    FORMAT_VERSION,
};
pub use error::CalendarError;
pub use table::DayKind;

use crate::period::{Period, PeriodUnit};
use table::DayTable;

/// The built-in calendar of Kazakhstan, in the public data format.
pub const KAZAKHSTAN_JSON: &str = include_str!("kazakhstan.json");

/// Whether a query must stay within known years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Strict,
    Provisional,
}

/// A working-day calendar: its data and the precomputed day table. Cheap to clone.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    data: Arc<CalendarData>,
    table: Arc<DayTable>,
}

/// An answer that may rest on years without decree data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Answer<T> {
    /// The answer.
    pub value: T,
    /// `true` when a year it depends on has no decree data: the answer follows the
    /// statutory rules alone and may change when the year's decree is added.
    pub provisional: bool,
}

/// What the calendar says of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    /// The day.
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working: bool,
    /// Why.
    pub kind: DayKind,
}

/// Where a period that starts at a moment ends.
///
/// Moments are Kazakhstan civil time, converted by the caller. A period counted in days
/// ends at the close of its last day; `ends_at` is the first moment past it (midnight
/// starting the next day), so the period has passed at `t` exactly when `t >= ends_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// The last day within the period.
    pub last_day: NaiveDate,
    /// The first moment after the period.
    pub ends_at: NaiveDateTime,
    /// `true` when a year the count crosses has no decree data: the deadline follows the
    /// statutory rules alone and may move when the year's decree is added (`RULES.md §9`).
    /// Absent from JSON when `false`, so data without it reads as it always did.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

impl Deadline {
    /// Whether the period has passed at moment `t`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// use kezek::period::Period;
    /// let start = NaiveDate::from_ymd_opt(2025, 6, 5).unwrap().and_hms_opt(10, 30, 0).unwrap();
    /// let end = WorkCalendar::kazakhstan().deadline(start, Period::hours(24))?;
    /// assert!(!end.has_passed(start + chrono::TimeDelta::hours(23)));
    /// assert!(end.has_passed(start + chrono::TimeDelta::hours(24)));
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn has_passed(&self, t: NaiveDateTime) -> bool {
        t >= self.ends_at
    }
}

impl WorkCalendar {
    /// The national calendar of Kazakhstan: statutory holidays of `RULES.md §9`, Kurban Ait
    /// and the decree transfers of every year from 2016 to 2026, each with its source.
    /// Years after 2026 are answered only provisionally until their data is added.
    ///
    /// # Panics
    /// Only if the built-in data were invalid, which the test suite rules out.
    #[must_use]
    pub fn kazakhstan() -> Self {
        static BUILT_IN: OnceLock<WorkCalendar> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                // Built-in data, not input: `tests::built_in_data_loads` keeps it valid.
                #[allow(clippy::expect_used)]
                Self::from_json(KAZAKHSTAN_JSON).expect("the built-in calendar data is valid")
            })
            .clone()
    }

    /// Builds a calendar from data, validating it.
    ///
    /// # Errors
    /// A [`CalendarError`] naming the first invalid part (format, span, holiday, year,
    /// transfer).
    pub fn from_data(data: CalendarData) -> Result<Self, CalendarError> {
        let table = DayTable::build(&data)?;
        Ok(Self {
            data: Arc::new(data),
            table: Arc::new(table),
        })
    }

    /// Builds a calendar from JSON in the [`CalendarData`] format.
    ///
    /// # Errors
    /// [`CalendarError::Json`] for unreadable JSON, else as [`WorkCalendar::from_data`].
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        Self::from_data(CalendarData::from_json(json)?)
    }

    /// This calendar with a patch applied: a new year's decree, a region's own days.
    ///
    /// # Errors
    /// As [`WorkCalendar::from_data`], for the patched data.
    pub fn with_patch(&self, patch: CalendarPatch) -> Result<Self, CalendarError> {
        let mut data = (*self.data).clone();
        data.apply(patch);
        Self::from_data(data)
    }

    /// The calendar's data.
    #[must_use]
    pub fn data(&self) -> &CalendarData {
        &self.data
    }

    /// Whether `date` is inside the calendar's span (the built-in one: 2002–2100), the
    /// days it can answer for at all.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` outside the span.
    pub fn covers(&self, date: NaiveDate) -> Result<(), CalendarError> {
        self.table.offset(date).map(|_| ())
    }

    /// The years with decree data, whose answers are exact.
    pub fn known_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.data.years.keys().copied()
    }

    /// The same calendar answering years without decree data from the statutory rules
    /// alone, each answer flagged.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// let cal = WorkCalendar::kazakhstan();
    /// let d = NaiveDate::from_ymd_opt(2030, 3, 21).unwrap(); // Nauryz
    /// assert!(cal.is_working_day(d).is_err());               // no decree data for 2030
    /// let answer = cal.provisional().is_working_day(d)?;
    /// assert!(!answer.value && answer.provisional);
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn provisional(&self) -> Provisional<'_> {
        Provisional(self)
    }

    /// Whether this calendar is the built-in [`WorkCalendar::kazakhstan`] (or a clone of it).
    #[must_use]
    pub fn is_builtin(&self) -> bool {
        Arc::ptr_eq(&self.data, &Self::kazakhstan().data)
    }

    /// Whether `date` is a working day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// let cal = WorkCalendar::kazakhstan();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(!cal.is_working_day(d(2025, 3, 24))?); // Nauryz on Saturday 22 March, carried over
    /// assert!(cal.is_working_day(d(2025, 3, 26))?);
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    /// `CALENDAR_YEAR_UNKNOWN` for a year without decree data, `CALENDAR_OUT_OF_RANGE`
    /// outside the span.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.is_working_day_in(date, Mode::Strict).map(|a| a.value)
    }

    /// What the calendar says of `date`: working or not, and why.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// let cal = WorkCalendar::kazakhstan();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// use kezek::calendar::DayKind;
    /// let info = cal.day_info(d(2024, 5, 8))?;
    /// assert!(!info.working);
    /// assert!(matches!(info.kind, DayKind::TransferredDayOff { .. }));
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    /// As [`WorkCalendar::is_working_day`].
    pub fn day_info(&self, date: NaiveDate) -> Result<DayInfo, CalendarError> {
        self.day_info_in(date, Mode::Strict).map(|a| a.value)
    }

    /// The `n`-th working day after `date` (`date` itself not counted); `date` itself for
    /// `n == 0`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// let cal = WorkCalendar::kazakhstan();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // 10 working days of stop-list from Friday 27 December 2024: New Year, 3 January (decree)
    /// // and Christmas are skipped, Sunday 5 January (decree) is worked.
    /// assert_eq!(cal.add_working_days(d(2024, 12, 27), 10)?, d(2025, 1, 15));
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    /// `CALENDAR_YEAR_UNKNOWN` when a year from `date` to the answer has no decree data,
    /// `CALENDAR_OUT_OF_RANGE` when either lies outside the span.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.add_working_days_in(date, n, Mode::Strict)
            .map(|a| a.value)
    }

    /// The number of working days in `(a, b]` when `a <= b`, and minus the number in
    /// `(b, a]` otherwise; so `working_days_between(d, add_working_days(d, n)) == n`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// let cal = WorkCalendar::kazakhstan();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(cal.working_days_between(d(2024, 12, 27), d(2025, 1, 15))?, 10);
    /// assert_eq!(cal.working_days_between(d(2025, 1, 15), d(2024, 12, 27))?, -10);
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    /// As [`WorkCalendar::add_working_days`].
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, CalendarError> {
        self.working_days_between_in(a, b, Mode::Strict)
            .map(|a| a.value)
    }

    /// `date` plus `n` calendar days. Needs no decree data.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// let cal = WorkCalendar::kazakhstan();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(cal.add_calendar_days(d(2030, 1, 31), 30)?, d(2030, 3, 2)); // no decree data needed
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` when the answer leaves the span.
    pub fn add_calendar_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let answer = date
            .checked_add_days(Days::new(u64::from(n)))
            .ok_or_else(|| self.table.out_of_range())?;
        self.table.offset(answer)?;
        Ok(answer)
    }

    /// Where `period` ends when it starts at `start` (the day of `start` is not counted for
    /// days; months keep the day of the month, or the month's last day).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::calendar::WorkCalendar;
    /// use kezek::period::Period;
    /// let cal = WorkCalendar::kazakhstan();
    /// let notice = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap().and_hms_opt(15, 0, 0).unwrap();
    /// // Nauryz 21–23 March 2025 and its carried-over days 24–25 March are not counted.
    /// let end = cal.deadline(notice, Period::working_days(3))?;
    /// assert_eq!(end.last_day.to_string(), "2025-03-28");
    /// assert_eq!(end.ends_at.to_string(), "2025-03-29 00:00:00");
    /// # Ok::<(), kezek::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    /// For working days, as [`WorkCalendar::add_working_days`]; for other units,
    /// `CALENDAR_OUT_OF_RANGE` when the end leaves the span.
    pub fn deadline(
        &self,
        start: NaiveDateTime,
        period: Period,
    ) -> Result<Deadline, CalendarError> {
        self.deadline_in(start, period, Mode::Strict)
            .map(|a| a.value)
    }

    /// Whether the years from `from` to `to` (both already inside the span) need a
    /// provisional answer; an error in strict mode when they do.
    fn years_check(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mode: Mode,
    ) -> Result<bool, CalendarError> {
        let (lo, hi) = if from <= to { (from, to) } else { (to, from) };
        match (self.table.first_unknown_year(lo.year(), hi.year()), mode) {
            (None, _) => Ok(false),
            (Some(_), Mode::Provisional) => Ok(true),
            (Some(year), Mode::Strict) => Err(CalendarError::YearUnknown { year }),
        }
    }

    fn is_working_day_in(
        &self,
        date: NaiveDate,
        mode: Mode,
    ) -> Result<Answer<bool>, CalendarError> {
        let offset = self.table.offset(date)?;
        let provisional = self.years_check(date, date, mode)?;
        let value = self.table.is_working_at(offset);
        Ok(Answer { value, provisional })
    }

    fn day_info_in(&self, date: NaiveDate, mode: Mode) -> Result<Answer<DayInfo>, CalendarError> {
        let Answer {
            value: working,
            provisional,
        } = self.is_working_day_in(date, mode)?;
        let kind = self.table.kind(date);
        Ok(Answer {
            value: DayInfo {
                date,
                working,
                kind,
            },
            provisional,
        })
    }

    fn add_working_days_in(
        &self,
        date: NaiveDate,
        n: u32,
        mode: Mode,
    ) -> Result<Answer<NaiveDate>, CalendarError> {
        let start = self.table.worked_through(self.table.offset(date)?);
        let value = if n == 0 {
            date
        } else {
            let offset = self
                .table
                .working_day(u64::from(start) + u64::from(n))
                .ok_or_else(|| self.table.out_of_range())?;
            self.table.date_at(offset)
        };
        let provisional = self.years_check(date, value, mode)?;
        Ok(Answer { value, provisional })
    }

    fn working_days_between_in(
        &self,
        a: NaiveDate,
        b: NaiveDate,
        mode: Mode,
    ) -> Result<Answer<i64>, CalendarError> {
        let count = |d| {
            self.table
                .offset(d)
                .map(|o| i64::from(self.table.worked_through(o)))
        };
        let value = count(b)? - count(a)?;
        let provisional = self.years_check(a, b, mode)?;
        Ok(Answer { value, provisional })
    }

    fn deadline_in(
        &self,
        start: NaiveDateTime,
        period: Period,
        mode: Mode,
    ) -> Result<Answer<Deadline>, CalendarError> {
        let day = start.date();
        let n = period.amount;
        let out = || self.table.out_of_range();
        let (last_day, provisional) = match period.unit {
            PeriodUnit::Hours => {
                let ends_at = start
                    .checked_add_signed(TimeDelta::hours(i64::from(n)))
                    .ok_or_else(out)?;
                // The last day within the period is the day of the last moment before its end.
                let last = ends_at
                    .checked_sub_signed(TimeDelta::nanoseconds(1))
                    .map_or(day, |t| t.date());
                self.table.offset(last)?;
                return Ok(Answer {
                    value: Deadline {
                        last_day: last.max(day),
                        ends_at,
                        provisional: false,
                    },
                    provisional: false,
                });
            }
            PeriodUnit::WorkingDays => {
                let a = self.add_working_days_in(day, n, mode)?;
                (a.value, a.provisional)
            }
            PeriodUnit::CalendarDays => (self.add_calendar_days(day, n)?, false),
            PeriodUnit::Months | PeriodUnit::Years => {
                let months = period.in_months().ok_or_else(out)?;
                let last = day
                    .checked_add_months(Months::new(months))
                    .ok_or_else(out)?;
                self.table.offset(last)?;
                (last, false)
            }
        };
        let ends_at = last_day
            .succ_opt()
            .ok_or_else(out)?
            .and_time(chrono::NaiveTime::MIN);
        Ok(Answer {
            value: Deadline {
                last_day,
                ends_at,
                provisional,
            },
            provisional,
        })
    }
}

/// A [`WorkCalendar`] that answers years without decree data from the statutory rules
/// alone (no decree transfers, no Kurban Ait, whose lunar date is set each year), flagging
/// every such answer. Obtained from [`WorkCalendar::provisional`].
#[derive(Debug, Clone, Copy)]
pub struct Provisional<'a>(&'a WorkCalendar);

impl Provisional<'_> {
    /// As [`WorkCalendar::is_working_day`], provisionally.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` outside the span.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<Answer<bool>, CalendarError> {
        self.0.is_working_day_in(date, Mode::Provisional)
    }

    /// As [`WorkCalendar::day_info`], provisionally.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` outside the span.
    pub fn day_info(&self, date: NaiveDate) -> Result<Answer<DayInfo>, CalendarError> {
        self.0.day_info_in(date, Mode::Provisional)
    }

    /// As [`WorkCalendar::add_working_days`], provisionally.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` when `date` or the answer lies outside the span.
    pub fn add_working_days(
        &self,
        date: NaiveDate,
        n: u32,
    ) -> Result<Answer<NaiveDate>, CalendarError> {
        self.0.add_working_days_in(date, n, Mode::Provisional)
    }

    /// As [`WorkCalendar::working_days_between`], provisionally.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` when a date lies outside the span.
    pub fn working_days_between(
        &self,
        a: NaiveDate,
        b: NaiveDate,
    ) -> Result<Answer<i64>, CalendarError> {
        self.0.working_days_between_in(a, b, Mode::Provisional)
    }

    /// As [`WorkCalendar::deadline`], provisionally.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE` when the end leaves the span.
    pub fn deadline(
        &self,
        start: NaiveDateTime,
        period: Period,
    ) -> Result<Answer<Deadline>, CalendarError> {
        self.0.deadline_in(start, period, Mode::Provisional)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_data_loads() {
        let data = CalendarData::from_json(KAZAKHSTAN_JSON).expect("built-in JSON parses");
        let cal = WorkCalendar::from_data(data).expect("built-in data is valid");
        assert_eq!(
            cal.known_years().collect::<Vec<_>>(),
            (2016..=2026).collect::<Vec<_>>()
        );
    }
}
