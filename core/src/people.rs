//! What people read (issue 24 §5): dates, moments and deadlines as they are written in
//! Kazakhstan, for the messages a parent or an operator reads. Those messages carry no
//! codes, rule references or raw identifiers: the codes stay in the errors' fields, for
//! developers. The names of states, classes, deadlines, reasons and documents are
//! [`crate::labels`].

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::calendar::Deadline;
use crate::lang::LocalizedText;

/// A day as people write it: `21.03.2025`.
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(kezek::people::date(NaiveDate::from_ymd_opt(2025, 3, 21).unwrap()), "21.03.2025");
/// ```
#[must_use]
pub fn date(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// A moment as people write it: `21.03.2025, 15:00` (seconds only when there are any).
///
/// ```
/// use chrono::NaiveDate;
/// let t = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap().and_hms_opt(15, 0, 0).unwrap();
/// assert_eq!(kezek::people::moment(t), "21.03.2025, 15:00");
/// ```
#[must_use]
pub fn moment(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%d.%m.%Y, %H:%M").to_string()
    } else {
        t.format("%d.%m.%Y, %H:%M:%S").to_string()
    }
}

/// A deadline as people read it: its last day, inclusive (`до 28.03.2025 включительно`),
/// and, when a year it crosses has no decree data yet, that it may still move.
///
/// ```
/// use kezek::{Lang, WorkCalendar, Period};
/// let start = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap().and_hms_opt(15, 0, 0).unwrap();
/// let d = WorkCalendar::kazakhstan().deadline(start, Period::working_days(3))?;
/// assert_eq!(kezek::people::deadline(&d).get(Lang::Ru), "до 28.03.2025 включительно");
/// # Ok::<(), kezek::CalendarError>(())
/// ```
#[must_use]
pub fn deadline(d: &Deadline) -> LocalizedText {
    let day = date(d.last_day);
    let (kk, ru, en) = (
        format!("{day} қоса алғанда"),
        format!("до {day} включительно"),
        format!("until {day} inclusive"),
    );
    if d.provisional {
        LocalizedText::new(
            format!("{kk} (мерзім өзгеруі мүмкін: жылдың демалыс күндері әлі бекітілмеген)"),
            format!("{ru} (срок может измениться: выходные дни года ещё не утверждены)"),
            format!("{en} (may move: the year's days off are not decreed yet)"),
        )
    } else {
        LocalizedText::new(kk, ru, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_show_seconds_only_when_there_are_any() {
        let t = NaiveDate::from_ymd_opt(2025, 1, 2)
            .and_then(|d| d.and_hms_opt(9, 5, 7))
            .expect("a moment");
        assert_eq!(moment(t), "02.01.2025, 09:05:07");
    }
}
