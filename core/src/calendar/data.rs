//! Calendar data: the serde format of statutory holidays and per-year decree data.
//!
//! Calendars are data (`RULES.md §9`): the built-in Kazakh calendar is a JSON file in this
//! format, and a region or a new year's decree is added from JSON of the same shape
//! without a new release ([`CalendarPatch`]).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::CalendarError;
use crate::lang::LocalizedText;

/// The format version this release reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole calendar: statutory holidays, the years it covers, and the years whose decree
/// data is known.
///
/// A year listed in [`years`](Self::years) is *known*: its answers are exact. Any other
/// year of the [`span`](Self::span) is answered only provisionally, from the statutory
/// holidays and the weekend carry-over rule alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarData {
    /// Format version; [`FORMAT_VERSION`].
    pub format: u32,
    /// A short identifier, e.g. `"kz"`.
    pub id: String,
    /// The calendar's name.
    pub name: LocalizedText,
    /// The years the calendar can answer for, known or provisional.
    pub span: Span,
    /// Holidays fixed by law on a day of the year.
    pub holidays: Vec<StatutoryHoliday>,
    /// Per-year data (lunar holidays, decree transfers), keyed by year. A year present here
    /// is known.
    pub years: BTreeMap<i32, YearData>,
}

/// A range of years, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First year.
    pub first_year: i32,
    /// Last year.
    pub last_year: i32,
}

/// A holiday the law fixes on a day of the year (`RULES.md §9`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatutoryHoliday {
    /// Stable identifier, e.g. `"nauryz-1"`.
    pub id: String,
    /// The holiday's name.
    pub name: LocalizedText,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// First year the holiday is observed; `None`: always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    /// Last year the holiday is observed; `None`: still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<i32>,
    /// Whether a day off falling on a Saturday or Sunday moves to the next working day
    /// (`RULES.md §9`: all but Orthodox Christmas and Kurban Ait).
    pub carry_over: bool,
    /// Where the rule comes from.
    pub source: String,
}

/// The id of a statutory holiday on a day another one has in overlapping years, if any: a
/// data error, and what would let data grow without bound (the day table walks every
/// holiday of every year). Sorted once, so the check is O(n log n) however many come.
fn holiday_on_a_taken_day(holidays: &[StatutoryHoliday]) -> Option<&str> {
    let mut days: Vec<(u32, u32, i32, i32, &str)> = holidays
        .iter()
        .map(|h| {
            let (from, until) = (
                h.from_year.unwrap_or(i32::MIN),
                h.until_year.unwrap_or(i32::MAX),
            );
            (h.month, h.day, from, until, h.id.as_str())
        })
        .collect();
    days.sort_unstable();
    // The last day seen, and the last year any holiday on it is observed.
    let mut seen: Option<(u32, u32, i32)> = None;
    for (month, day, from, until, id) in days {
        let until = match seen {
            Some((m, d, last)) if (m, d) == (month, day) => {
                if from <= last {
                    return Some(id);
                }
                last.max(until)
            }
            _ => until,
        };
        seen = Some((month, day, until));
    }
    None
}

impl StatutoryHoliday {
    /// The holiday's date in `year`, if it is observed that year (a 29 February holiday
    /// exists only in leap years).
    #[must_use]
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        let in_force =
            self.from_year.is_none_or(|y| year >= y) && self.until_year.is_none_or(|y| year <= y);
        if in_force {
            NaiveDate::from_ymd_opt(year, self.month, self.day)
        } else {
            None
        }
    }
}

/// What is known of one year beyond the statutory rules: its lunar holidays and the
/// government decree that moves days off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearData {
    /// Holidays on a date known only for this year (the first day of Kurban Ait).
    #[serde(default)]
    pub holidays: Vec<DatedHoliday>,
    /// Days off moved by decree.
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    /// What confirms the year's data (the decree, or the source used).
    pub source: String,
}

/// A holiday on a date known for one year only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatedHoliday {
    /// Stable identifier, e.g. `"kurban-ait"`.
    pub id: String,
    /// The holiday's name.
    pub name: LocalizedText,
    /// The date.
    pub date: NaiveDate,
    /// Whether a day off on a weekend moves to the next working day.
    pub carry_over: bool,
    /// Where the date comes from.
    pub source: String,
}

/// A day off moved by decree: `from` (a day off) becomes a working day, `to` (a working
/// day) becomes a day off (`RULES.md §9`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// The day off given up; it becomes a working day.
    pub from: NaiveDate,
    /// The working day that becomes a day off.
    pub to: NaiveDate,
    /// The decree (or the source used).
    pub source: String,
}

/// Additions to a calendar, read from JSON: new or replacing statutory holidays (by id)
/// and whole years of decree data (a year given here replaces the year's data).
///
/// ```
/// use kezek::calendar::{CalendarPatch, WorkCalendar};
/// use chrono::NaiveDate;
/// let patch = CalendarPatch::from_json(r#"{
///   "years": { "2027": { "source": "example decree", "transfers": [
///     { "from": "2027-01-09", "to": "2027-01-08", "source": "example decree" } ] } }
/// }"#)?;
/// let cal = WorkCalendar::kazakhstan().with_patch(patch)?;
/// let d = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
/// assert!(!cal.is_working_day(d)?);
/// # Ok::<(), kezek::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarPatch {
    /// Statutory holidays to add, or to replace when the id exists.
    #[serde(default)]
    pub holidays: Vec<StatutoryHoliday>,
    /// Years to add or replace.
    #[serde(default, deserialize_with = "years_by_text")]
    pub years: BTreeMap<i32, YearData>,
}

/// Years keyed by their text, as JSON writes them. Read through text keys explicitly: a
/// patch kept inside an engine's log entry is buffered by serde (a flattened, tagged
/// command), and a buffered map no longer turns `"2027"` into a number by itself.
fn years_by_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<i32, YearData>, D::Error> {
    BTreeMap::<String, YearData>::deserialize(d)?
        .into_iter()
        .map(|(year, data)| {
            year.trim()
                .parse::<i32>()
                .map(|y| (y, data))
                .map_err(|_| serde::de::Error::custom("a year key is not a whole number"))
        })
        .collect()
}

impl CalendarPatch {
    /// Reads a patch from JSON.
    ///
    /// # Errors
    /// [`CalendarError::Json`] when the text is not a patch.
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        serde_json::from_str(json).map_err(|e| CalendarError::from_json(&e))
    }
}

impl CalendarData {
    /// Reads calendar data from JSON (not yet validated: [`WorkCalendar::from_data`]
    /// validates).
    ///
    /// [`WorkCalendar::from_data`]: super::WorkCalendar::from_data
    ///
    /// # Errors
    /// [`CalendarError::Json`] when the text is not calendar data.
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        serde_json::from_str(json).map_err(|e| CalendarError::from_json(&e))
    }

    /// Writes the data as pretty JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialisation cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Applies a patch: holidays with a known id replace it, others are added; years replace.
    pub fn apply(&mut self, patch: CalendarPatch) {
        for holiday in patch.holidays {
            match self.holidays.iter_mut().find(|h| h.id == holiday.id) {
                Some(slot) => *slot = holiday,
                None => self.holidays.push(holiday),
            }
        }
        for (year, data) in patch.years {
            self.span.first_year = self.span.first_year.min(year);
            self.span.last_year = self.span.last_year.max(year);
            self.years.insert(year, data);
        }
    }

    /// Checks what can be checked without computing the days: format, span, holiday dates,
    /// years inside the span. Transfers are checked when the days are computed.
    pub(crate) fn validate(&self) -> Result<(), CalendarError> {
        if self.format != FORMAT_VERSION {
            return Err(CalendarError::Format {
                found: self.format,
                expected: FORMAT_VERSION,
            });
        }
        let Span {
            first_year,
            last_year,
        } = self.span;
        // chrono handles far larger years; this bound keeps the day table small.
        if first_year > last_year || first_year < 1900 || last_year - first_year > 400 {
            return Err(CalendarError::Span {
                first_year,
                last_year,
            });
        }
        for h in &self.holidays {
            // 2000 is a leap year: any real day of the year exists in it.
            if NaiveDate::from_ymd_opt(2000, h.month, h.day).is_none() {
                return Err(CalendarError::Holiday { id: h.id.clone() });
            }
        }
        if let Some(id) = holiday_on_a_taken_day(&self.holidays) {
            return Err(CalendarError::Holiday { id: id.to_owned() });
        }
        for (&year, data) in &self.years {
            if year < first_year || year > last_year {
                return Err(CalendarError::YearOutsideSpan { year });
            }
            if let Some(h) = data.holidays.iter().find(|h| h.date.year() != year) {
                return Err(CalendarError::Holiday { id: h.id.clone() });
            }
            let mut dates: Vec<(NaiveDate, &str)> = data
                .holidays
                .iter()
                .map(|h| (h.date, h.id.as_str()))
                .collect();
            dates.sort_unstable();
            if let Some(w) = dates.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(CalendarError::Holiday {
                    id: w[1].1.to_owned(),
                });
            }
            if let Some(t) = data.transfers.iter().find(|t| t.to.year() != year) {
                return Err(CalendarError::Transfer {
                    from: t.from,
                    to: t.to,
                });
            }
        }
        Ok(())
    }
}
