//! `WorkCalendar`: working days and deadlines on the Kazakh calendar (`RULES.md §9`).

use std::sync::Arc;

use kezek::calendar::{Answer, CalendarData, CalendarPatch, DayInfo, Deadline};
use kezek::Period;

use crate::errors::KezekError;
use crate::guard::guarded;
use crate::types::{CivilDate, CivilMoment};

/// A working-day calendar: the built-in national one, or one loaded from calendar data.
#[derive(Debug, uniffi::Object)]
pub struct WorkCalendar(pub(crate) Arc<kezek::WorkCalendar>);

#[uniffi::export]
impl WorkCalendar {
    /// The national calendar of Kazakhstan (built in).
    #[uniffi::constructor]
    #[must_use]
    pub fn kazakhstan() -> Arc<Self> {
        Arc::new(Self(Arc::new(kezek::WorkCalendar::kazakhstan())))
    }

    /// A calendar from calendar data (JSON text, the `CalendarData` format).
    ///
    /// # Errors
    /// `CALENDAR_JSON`, `CALENDAR_FORMAT`, `CALENDAR_SPAN`, `CALENDAR_HOLIDAY`,
    /// `CALENDAR_TRANSFER`, `CALENDAR_YEAR_OUTSIDE_SPAN`.
    #[uniffi::constructor]
    pub fn from_json(json: &str) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            let data = CalendarData::from_json(json)?;
            Ok(Arc::new(Self(Arc::new(kezek::WorkCalendar::from_data(
                data,
            )?))))
        })
    }

    /// This calendar with a patch (JSON text): a new year's decree, a corrected transfer.
    ///
    /// # Errors
    /// Those of [`WorkCalendar::from_json`].
    pub fn with_patch(&self, json: &str) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            let patch = CalendarPatch::from_json(json)?;
            Ok(Arc::new(Self(Arc::new(self.0.with_patch(patch)?))))
        })
    }

    /// The calendar's data as JSON text (what an app persists for offline use).
    #[must_use]
    pub fn to_json(&self) -> String {
        self.0.data().to_json()
    }

    /// The same calendar answering also for years without decree data, each answer marked
    /// provisional where it follows the statutory rules alone.
    #[must_use]
    pub fn provisional(&self) -> Arc<ProvisionalCalendar> {
        Arc::new(ProvisionalCalendar(Arc::clone(&self.0)))
    }

    /// Whether this is the built-in national calendar.
    #[must_use]
    pub fn is_builtin(&self) -> bool {
        self.0.is_builtin()
    }

    /// The years with decree data.
    #[must_use]
    pub fn known_years(&self) -> Vec<i32> {
        self.0.known_years().collect()
    }

    /// Whether `date` is a working day.
    ///
    /// # Errors
    /// `CALENDAR_YEAR_UNKNOWN` for a year without decree data, `CALENDAR_OUT_OF_RANGE`.
    pub fn is_working_day(&self, date: CivilDate) -> Result<bool, KezekError> {
        guarded(|| Ok(self.0.is_working_day(date)?))
    }

    /// What kind of day `date` is, and why.
    ///
    /// # Errors
    /// Those of [`WorkCalendar::is_working_day`].
    pub fn day_info(&self, date: CivilDate) -> Result<DayInfo, KezekError> {
        guarded(|| Ok(self.0.day_info(date)?))
    }

    /// The `n`-th working day after `date`.
    ///
    /// # Errors
    /// Those of [`WorkCalendar::is_working_day`].
    pub fn add_working_days(&self, date: CivilDate, n: u32) -> Result<CivilDate, KezekError> {
        guarded(|| Ok(self.0.add_working_days(date, n)?))
    }

    /// Working days after `a` up to and including `b` (negative when `b` is before `a`).
    ///
    /// # Errors
    /// Those of [`WorkCalendar::is_working_day`].
    pub fn working_days_between(&self, a: CivilDate, b: CivilDate) -> Result<i64, KezekError> {
        guarded(|| Ok(self.0.working_days_between(a, b)?))
    }

    /// Where a period started at `start` ends (`RULES.md §9`).
    ///
    /// # Errors
    /// Those of [`WorkCalendar::is_working_day`].
    pub fn deadline(&self, start: CivilMoment, period: Period) -> Result<Deadline, KezekError> {
        guarded(|| Ok(self.0.deadline(start, period)?))
    }
}

/// A calendar that also answers for years without decree data (`WorkCalendar.provisional`).
#[derive(Debug, uniffi::Object)]
pub struct ProvisionalCalendar(Arc<kezek::WorkCalendar>);

/// A provisional yes or no.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoolAnswer {
    /// The answer.
    pub value: bool,
    /// Whether a year it depends on lacks decree data (the answer may change).
    pub provisional: bool,
}

/// A provisional date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DateAnswer {
    /// The answer.
    pub value: CivilDate,
    /// Whether a year it depends on lacks decree data (the answer may change).
    pub provisional: bool,
}

/// A provisional count of working days.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CountAnswer {
    /// The answer.
    pub value: i64,
    /// Whether a year it depends on lacks decree data (the answer may change).
    pub provisional: bool,
}

/// A provisional deadline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeadlineAnswer {
    /// The answer.
    pub value: Deadline,
    /// Whether a year it depends on lacks decree data (the answer may change).
    pub provisional: bool,
}

/// A provisional day description.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DayInfoAnswer {
    /// The answer.
    pub value: DayInfo,
    /// Whether the day's year lacks decree data (the answer may change).
    pub provisional: bool,
}

#[uniffi::export]
impl ProvisionalCalendar {
    /// Whether `date` is a working day.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE`.
    pub fn is_working_day(&self, date: CivilDate) -> Result<BoolAnswer, KezekError> {
        guarded(|| {
            let Answer { value, provisional } = self.0.provisional().is_working_day(date)?;
            Ok(BoolAnswer { value, provisional })
        })
    }

    /// What kind of day `date` is, and why.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE`.
    pub fn day_info(&self, date: CivilDate) -> Result<DayInfoAnswer, KezekError> {
        guarded(|| {
            let Answer { value, provisional } = self.0.provisional().day_info(date)?;
            Ok(DayInfoAnswer { value, provisional })
        })
    }

    /// The `n`-th working day after `date`.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE`.
    pub fn add_working_days(&self, date: CivilDate, n: u32) -> Result<DateAnswer, KezekError> {
        guarded(|| {
            let Answer { value, provisional } = self.0.provisional().add_working_days(date, n)?;
            Ok(DateAnswer { value, provisional })
        })
    }

    /// Working days after `a` up to and including `b`.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE`.
    pub fn working_days_between(
        &self,
        a: CivilDate,
        b: CivilDate,
    ) -> Result<CountAnswer, KezekError> {
        guarded(|| {
            let Answer { value, provisional } = self.0.provisional().working_days_between(a, b)?;
            Ok(CountAnswer { value, provisional })
        })
    }

    /// Where a period started at `start` ends.
    ///
    /// # Errors
    /// `CALENDAR_OUT_OF_RANGE`.
    pub fn deadline(
        &self,
        start: CivilMoment,
        period: Period,
    ) -> Result<DeadlineAnswer, KezekError> {
        guarded(|| {
            let Answer { value, provisional } = self.0.provisional().deadline(start, period)?;
            Ok(DeadlineAnswer { value, provisional })
        })
    }
}
