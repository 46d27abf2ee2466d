//! Ages (`RULES.md §4`): full months from a birth date, and the day a child counts as past
//! the policy's maximum age.

use chrono::{Datelike, Months, NaiveDate};

use crate::policy::{AgeCounting, Policy};

/// The first day a child born on `birth` counts as past the policy's maximum age: its
/// birthday of that age, or 1 January of that birthday's year where the policy counts by
/// calendar year (`RULES.md §4`, revised 2026-12: a child who turns 6 this year is not
/// admitted). `None`: never (no limit, or past the calendar).
#[must_use]
pub fn max_age_reached_on(policy: &Policy, birth: NaiveDate) -> Option<NaiveDate> {
    let months = policy.max_age.in_months()?;
    let birthday = birth.checked_add_months(Months::new(months))?;
    match policy.max_age_counted {
        AgeCounting::Birthday => Some(birthday),
        AgeCounting::CalendarYear => NaiveDate::from_ymd_opt(birthday.year(), 1, 1),
    }
}

/// Whether a child born on `birth` has reached the age of `months` full months on `date`
/// (a child born on the 31st turns a month older on the last day of a shorter month).
#[must_use]
pub fn has_reached_age(birth: NaiveDate, months: u32, date: NaiveDate) -> bool {
    birth
        .checked_add_months(Months::new(months))
        .is_some_and(|d| d <= date)
}

/// The full months between `birth` and `date` (0 before birth).
#[must_use]
pub fn age_in_months(birth: NaiveDate, date: NaiveDate) -> u32 {
    if date < birth {
        return 0;
    }
    let months = (i64::from(date.year()) - i64::from(birth.year())) * 12 + i64::from(date.month())
        - i64::from(birth.month());
    let months = u32::try_from(months).unwrap_or(u32::MAX);
    if has_reached_age(birth, months, date) {
        months
    } else {
        months.saturating_sub(1)
    }
}
