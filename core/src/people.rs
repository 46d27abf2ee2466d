//! What people read (issue 24 §5): dates, moments, deadlines and lengths of time as they are written in
//! Kazakhstan, for the messages a parent or an operator reads. Those messages carry no
//! codes, rule references or raw identifiers: the codes stay in the errors' fields, for
//! developers. The names of states, classes, deadlines, reasons and documents are
//! [`crate::labels`].

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::calendar::Deadline;
use crate::lang::{count_en, count_ru, LocalizedText};
use crate::period::{Period, PeriodUnit};

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

/// A deadline as people read it, shown once, as its moment: a deadline that ends with its
/// last day reads as that day, inclusive (`до 28.03.2025 включительно`); one that ends at an
/// hour of the day (a direction is revocable for 24 hours, `RULES.md §6`) reads as that
/// moment (`до 21.03.2025, 15:00`), since the day itself is not whole. When a year it
/// crosses has no decree data yet, it says the deadline may still move.
///
/// ```
/// use kezek::{Lang, WorkCalendar, Period};
/// let start = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap().and_hms_opt(15, 0, 0).unwrap();
/// let cal = WorkCalendar::kazakhstan();
/// let d = cal.deadline(start, Period::working_days(3))?;
/// assert_eq!(kezek::people::deadline(&d).get(Lang::Ru), "до 28.03.2025 включительно");
/// let d = cal.deadline(start, Period::hours(24))?;
/// assert_eq!(kezek::people::deadline(&d).get(Lang::Ru), "до 21.03.2025, 15:00");
/// assert_eq!(kezek::people::deadline(&d).get(Lang::Kk), "21.03.2025, 15:00 дейін");
/// # Ok::<(), kezek::CalendarError>(())
/// ```
#[must_use]
pub fn deadline(d: &Deadline) -> LocalizedText {
    let whole_day = d
        .last_day
        .succ_opt()
        .and_then(|next| next.and_hms_opt(0, 0, 0))
        == Some(d.ends_at);
    let (kk, ru, en) = if whole_day {
        let day = date(d.last_day);
        (
            format!("{day} қоса алғанда"),
            format!("до {day} включительно"),
            format!("until {day} inclusive"),
        )
    } else {
        let at = moment(d.ends_at);
        (
            format!("{at} дейін"),
            format!("до {at}"),
            format!("until {at}"),
        )
    };
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

/// A length of time as people say it, with the number's grammatical form: "3 working days",
/// "3 рабочих дня", "21 рабочий день", "3 жұмыс күні" (Kazakh nouns after a numeral do not
/// change).
///
/// ```
/// use kezek::{Lang, Period};
/// assert_eq!(kezek::people::period(Period::working_days(3)).get(Lang::Ru), "3 рабочих дня");
/// assert_eq!(kezek::people::period(Period::hours(1)).get(Lang::En), "1 hour");
/// assert_eq!(kezek::people::period(Period::years(5)).get(Lang::Kk), "5 жыл");
/// ```
#[must_use]
pub fn period(p: Period) -> LocalizedText {
    let n = p.amount;
    let (kk, ru, [en_one, en_other]) = match p.unit {
        PeriodUnit::Hours => ("сағат", ["час", "часа", "часов"], ["hour", "hours"]),
        PeriodUnit::CalendarDays => (
            "күнтізбелік күн",
            ["календарный день", "календарных дня", "календарных дней"],
            ["calendar day", "calendar days"],
        ),
        PeriodUnit::WorkingDays => (
            "жұмыс күні",
            ["рабочий день", "рабочих дня", "рабочих дней"],
            ["working day", "working days"],
        ),
        PeriodUnit::Months => ("ай", ["месяц", "месяца", "месяцев"], ["month", "months"]),
        PeriodUnit::Years => ("жыл", ["год", "года", "лет"], ["year", "years"]),
    };
    LocalizedText::new(
        format!("{n} {kk}"),
        count_ru(n.into(), ru),
        count_en(n.into(), [en_one, en_other]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_take_their_numbers_forms() {
        assert_eq!(period(Period::hours(24)).ru, "24 часа");
        assert_eq!(period(Period::calendar_days(11)).ru, "11 календарных дней");
        assert_eq!(period(Period::months(21)).en, "21 months");
    }

    #[test]
    fn moments_show_seconds_only_when_there_are_any() {
        let t = NaiveDate::from_ymd_opt(2025, 1, 2)
            .and_then(|d| d.and_hms_opt(9, 5, 7))
            .expect("a moment");
        assert_eq!(moment(t), "02.01.2025, 09:05:07");
    }
}
