//! The precomputed day table behind [`WorkCalendar`](super::WorkCalendar): every day of the
//! span is classified once, and running counts make each query O(1).
//!
//! How a day is classified (`RULES.md §9`): Monday–Friday work, Saturday and Sunday rest;
//! statutory holidays rest; a holiday with `carry_over` that falls on a weekend gives its
//! day off to the next weekday that is not itself a holiday or a carried-over day (Labour
//! Code art. 85); then, in known years only, dated holidays (Kurban Ait) and decree transfers.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::data::CalendarData;
use super::CalendarError;
use crate::lang::LocalizedText;

/// Why a day is, or is not, a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum DayKind {
    /// An ordinary Monday to Friday.
    Weekday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A public holiday (statutory, or dated for its year such as Kurban Ait).
    Holiday {
        /// The holiday's id.
        id: String,
        /// The holiday's name.
        name: LocalizedText,
    },
    /// The day off of a holiday that fell on a weekend, carried over to this weekday.
    CarriedOver {
        /// The holiday's id.
        id: String,
        /// The holiday's name.
        name: LocalizedText,
        /// The weekend date of the holiday.
        holiday: NaiveDate,
    },
    /// A day off moved here by decree.
    TransferredDayOff {
        /// The day that became a working day in exchange.
        from: NaiveDate,
        /// The decree.
        source: String,
    },
    /// A day off made a working day by decree.
    TransferredWorkingDay {
        /// The day that became a day off in exchange.
        to: NaiveDate,
        /// The decree.
        source: String,
    },
}

/// All days of the span, classified, with running counts.
#[derive(Debug, Clone)]
pub(crate) struct DayTable {
    /// 1 January of the first year.
    pub(crate) first_day: NaiveDate,
    pub(crate) first_year: i32,
    pub(crate) last_year: i32,
    /// `worked_through[i]`: working days from `first_day` to day `i`, inclusive.
    worked_through: Vec<u32>,
    /// Day offsets of the working days, in order: the k-th working day is `working[k]`.
    working: Vec<u32>,
    /// `known_before[k]`: known years among the first `k` years of the span.
    known_before: Vec<u32>,
    /// The days that are not ordinary weekdays or weekends.
    special: BTreeMap<NaiveDate, DayKind>,
}

impl DayTable {
    pub(crate) fn build(data: &CalendarData) -> Result<Self, CalendarError> {
        data.validate()?;
        let (first_year, last_year) = (data.span.first_year, data.span.last_year);
        let first_day = jan_first(first_year)?;
        let end = jan_first(last_year + 1)?;
        let len = usize::try_from((end - first_day).num_days()).unwrap_or(0);

        let mut special: BTreeMap<NaiveDate, DayKind> = BTreeMap::new();
        // Holidays of the span: statutory every year, dated ones in known years.
        let mut carried: Vec<(NaiveDate, String, LocalizedText)> = Vec::new();
        for year in first_year..=last_year {
            for h in &data.holidays {
                if let Some(date) = h.date_in(year) {
                    special.insert(
                        date,
                        DayKind::Holiday {
                            id: h.id.clone(),
                            name: h.name.clone(),
                        },
                    );
                    if h.carry_over && is_weekend(date) {
                        carried.push((date, h.id.clone(), h.name.clone()));
                    }
                }
            }
            for h in data.years.get(&year).map_or(&[][..], |y| &y.holidays[..]) {
                special.insert(
                    h.date,
                    DayKind::Holiday {
                        id: h.id.clone(),
                        name: h.name.clone(),
                    },
                );
                if h.carry_over && is_weekend(h.date) {
                    carried.push((h.date, h.id.clone(), h.name.clone()));
                }
            }
        }
        // Carry-over, in date order so that consecutive weekend holidays take
        // consecutive weekdays.
        carried.sort_by_key(|(date, ..)| *date);
        for (holiday, id, name) in carried {
            let mut day = holiday;
            loop {
                day = day.succ_opt().ok_or(CalendarError::OutOfRange {
                    first_year,
                    last_year,
                })?;
                if !is_weekend(day) && !special.contains_key(&day) {
                    break;
                }
            }
            special.insert(day, DayKind::CarriedOver { id, name, holiday });
        }
        // Decree transfers of known years, checked against the statutory days.
        for year_data in data.years.values() {
            for t in &year_data.transfers {
                let from_off = !is_working(t.from, special.get(&t.from));
                let to_working = is_working(t.to, special.get(&t.to));
                if !from_off || !to_working || t.from < first_day || t.from >= end {
                    return Err(CalendarError::Transfer {
                        from: t.from,
                        to: t.to,
                    });
                }
                special.insert(
                    t.from,
                    DayKind::TransferredWorkingDay {
                        to: t.to,
                        source: t.source.clone(),
                    },
                );
                special.insert(
                    t.to,
                    DayKind::TransferredDayOff {
                        from: t.from,
                        source: t.source.clone(),
                    },
                );
            }
        }

        let (worked_through, working) = running_counts(first_day, len, &special);
        let mut known_before = vec![0u32];
        for year in first_year..=last_year {
            let last = known_before.last().copied().unwrap_or(0);
            known_before.push(last + u32::from(data.years.contains_key(&year)));
        }
        Ok(Self {
            first_day,
            first_year,
            last_year,
            worked_through,
            working,
            known_before,
            special,
        })
    }

    pub(crate) fn out_of_range(&self) -> CalendarError {
        CalendarError::OutOfRange {
            first_year: self.first_year,
            last_year: self.last_year,
        }
    }

    /// The offset of `date` in the table.
    pub(crate) fn offset(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let days = (date - self.first_day).num_days();
        usize::try_from(days)
            .ok()
            .filter(|&o| o < self.worked_through.len())
            .ok_or_else(|| self.out_of_range())
    }

    /// The date at `offset`.
    pub(crate) fn date_at(&self, offset: u32) -> NaiveDate {
        self.first_day + Days::new(u64::from(offset))
    }

    /// Working days from the first day of the span to the day at `offset`, inclusive.
    pub(crate) fn worked_through(&self, offset: usize) -> u32 {
        self.worked_through[offset]
    }

    /// The offset of the `rank`-th working day of the span (1-based).
    pub(crate) fn working_day(&self, rank: u64) -> Option<u32> {
        let index = usize::try_from(rank.checked_sub(1)?).ok()?;
        self.working.get(index).copied()
    }

    pub(crate) fn is_working_at(&self, offset: usize) -> bool {
        let before = if offset == 0 {
            0
        } else {
            self.worked_through[offset - 1]
        };
        self.worked_through[offset] > before
    }

    /// The first year in `from..=to` without data, if any.
    pub(crate) fn first_unknown_year(&self, from: i32, to: i32) -> Option<i32> {
        let index = |y: i32| usize::try_from(y - self.first_year).unwrap_or(0);
        let known = self.known_before[index(to) + 1] - self.known_before[index(from)];
        if i64::from(known) == i64::from(to - from) + 1 {
            return None;
        }
        (from..=to).find(|&y| self.known_before[index(y) + 1] == self.known_before[index(y)])
    }

    pub(crate) fn kind(&self, date: NaiveDate) -> DayKind {
        self.special
            .get(&date)
            .cloned()
            .unwrap_or(if is_weekend(date) {
                DayKind::Weekend
            } else {
                DayKind::Weekday
            })
    }
}

/// The running count of working days over the `len` days from `first_day`, and the offsets
/// of the working days: the special days walked in date order beside the days, with no
/// lookup per day.
fn running_counts(
    first_day: NaiveDate,
    len: usize,
    special: &BTreeMap<NaiveDate, DayKind>,
) -> (Vec<u32>, Vec<u32>) {
    let mut worked_through = Vec::with_capacity(len);
    let mut working = Vec::with_capacity(len * 5 / 7);
    let mut count = 0u32;
    // The special days as offsets, in order; every other day is classified by its weekday,
    // counted from the first day's (no date arithmetic per day: this loop is most of a
    // calendar's build).
    let mut specials = special
        .iter()
        .filter_map(|(d, k)| {
            let offset = usize::try_from((*d - first_day).num_days()).ok()?;
            (offset < len).then(|| (offset, is_working(*d, Some(k))))
        })
        .peekable();
    let mut weekday = first_day.weekday().num_days_from_monday();
    for offset in 0..len {
        let works = match specials.next_if(|(o, _)| *o == offset) {
            Some((_, works)) => works,
            None => weekday < 5,
        };
        if works {
            working.push(u32::try_from(offset).unwrap_or(u32::MAX));
            count += 1;
        }
        worked_through.push(count);
        weekday = if weekday == 6 { 0 } else { weekday + 1 };
    }
    (worked_through, working)
}

fn jan_first(year: i32) -> Result<NaiveDate, CalendarError> {
    NaiveDate::from_ymd_opt(year, 1, 1).ok_or(CalendarError::Span {
        first_year: year,
        last_year: year,
    })
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether a day with this special classification (if any) is a working day.
fn is_working(date: NaiveDate, kind: Option<&DayKind>) -> bool {
    match kind {
        None => !is_weekend(date),
        Some(DayKind::Weekday | DayKind::TransferredWorkingDay { .. }) => true,
        Some(
            DayKind::Weekend
            | DayKind::Holiday { .. }
            | DayKind::CarriedOver { .. }
            | DayKind::TransferredDayOff { .. },
        ) => false,
    }
}
