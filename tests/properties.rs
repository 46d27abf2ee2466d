//! Property tests of the invariants of the IIN, the calendar and the policy book.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use kezek::calendar::WorkCalendar;
use kezek::policy::PolicyBook;
use kezek::{Iin, LocalizedError, Sex};
use proptest::prelude::*;

/// An independent reading of RULES.md §1, to judge mutated IINs.
fn reference_is_valid(digits: &[u8; 12]) -> bool {
    // The check digit alone (`RULES.md §1`, revised 2026-12): the date digits need not be
    // a date.
    let d: Vec<u32> = digits.iter().map(|&b| u32::from(b - b'0')).collect();
    let pass = |w: [u32; 11]| d[..11].iter().zip(w).map(|(x, w)| x * w).sum::<u32>() % 11;
    let mut check = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if check == 10 {
        check = pass([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    }
    check != 10 && check == d[11]
}

/// The birth date twelve digits encode, if any, read independently of the core.
fn reference_encoded_date(digits: &[u8; 12]) -> Option<NaiveDate> {
    let d: Vec<u32> = digits.iter().map(|&b| u32::from(b - b'0')).collect();
    let base = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let year = base + i32::try_from(d[0] * 10 + d[1]).unwrap_or(0);
    NaiveDate::from_ymd_opt(year, d[2] * 10 + d[3], d[4] * 10 + d[5])
}

fn birth_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or(NaiveDate::MIN);
    (0u64..109_572).prop_map(move |days| first + Days::new(days)) // 1800-01-01 ..= 2099-12-31
}

fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn built_iins_parse_back_to_their_parts(date in birth_date(), sex in sex(), serial in 0u16..10_000) {
        match Iin::from_parts(date, sex, serial) {
            Ok(iin) => {
                let parsed = Iin::parse(iin.expose_digits()).map_err(|e| TestCaseError::fail(e.code().as_str()))?;
                prop_assert_eq!(parsed, iin);
                prop_assert_eq!(parsed.encoded_birth_date(), Some(date));
                prop_assert_eq!(parsed.encoded_sex(), Some(sex));
            }
            // About one serial in 121 has no check digit (both passes give 10).
            Err(e) => prop_assert_eq!(e.code(), "IIN_CHECKSUM"),
        }
    }

    #[test]
    fn one_changed_digit_is_accepted_only_when_really_valid(
        date in birth_date(), sex in sex(), serial in 0u16..10_000, position in 0usize..12, shift in 1u8..10,
    ) {
        let Ok(iin) = Iin::from_parts(date, sex, serial) else { return Ok(()) };
        let mut digits = [0u8; 12];
        digits.copy_from_slice(iin.expose_digits().as_bytes());
        digits[position] = b'0' + (digits[position] - b'0' + shift) % 10;
        let text = std::str::from_utf8(&digits).unwrap_or_default();
        let parsed = Iin::parse(text);
        prop_assert_eq!(parsed.is_ok(), reference_is_valid(&digits));
        if let Ok(other) = parsed {
            prop_assert_eq!(other.encoded_birth_date(), reference_encoded_date(&digits));
            // The check digit alone is fully determined by the others.
            prop_assert!(position != 11);
            prop_assert_ne!(other, iin);
        }
    }

    #[test]
    fn an_iin_never_prints_its_digits(date in birth_date(), sex in sex(), serial in 0u16..10_000) {
        let Ok(iin) = Iin::from_parts(date, sex, serial) else { return Ok(()) };
        let head = &iin.expose_digits()[..8];
        for shown in [format!("{iin}"), format!("{iin:?}"), format!("{:?}", Some(iin)), iin.masked()] {
            prop_assert!(!shown.contains(head), "{} shows {}", shown, head);
            let tail = &iin.expose_digits()[8..];
            prop_assert!(shown.contains(&format!("********{tail}")), "{} is not the masked form", shown);
        }
        let json = serde_json::to_string(&iin).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::from_str::<Iin>(&json).ok(), Some(iin));
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn day_in(first_year: i32, years: u64) -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(NaiveDate::MIN);
    (0..years * 365).prop_map(move |d| first + Days::new(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn adding_working_days_lands_on_working_days_in_order(date in day_in(2016, 70), n in 0u32..2500) {
        let p = WorkCalendar::kazakhstan();
        let p = p.provisional();
        let a = p.add_working_days(date, n).map_err(|e| TestCaseError::fail(e.code().as_str()))?.value;
        let b = p.add_working_days(date, n + 1).map_err(|e| TestCaseError::fail(e.code().as_str()))?.value;
        prop_assert!(b > a);
        prop_assert!(p.is_working_day(b).map_err(|e| TestCaseError::fail(e.code().as_str()))?.value);
        if n > 0 {
            prop_assert!(p.is_working_day(a).map_err(|e| TestCaseError::fail(e.code().as_str()))?.value);
        }
        prop_assert_eq!(p.working_days_between(date, a).map_err(|e| TestCaseError::fail(e.code().as_str()))?.value, i64::from(n));
        prop_assert_eq!(p.working_days_between(a, date).map_err(|e| TestCaseError::fail(e.code().as_str()))?.value, -i64::from(n));
    }

    /// The O(1) table agrees with counting day by day.
    #[test]
    fn adding_working_days_agrees_with_counting_day_by_day(date in day_in(2016, 11), n in 1u32..60) {
        let cal = WorkCalendar::kazakhstan();
        let fast = cal.add_working_days(date, n);
        let mut day = date;
        let mut left = n;
        let slow = loop {
            day = day.succ_opt().unwrap_or(day);
            match cal.is_working_day(day) {
                Ok(true) => { left -= 1; if left == 0 { break Ok(day) } }
                Ok(false) => {}
                Err(e) => break Err(e),
            }
        };
        prop_assert_eq!(fast, slow);
    }

    /// Known years are exact, the others need the provisional view and say so.
    #[test]
    fn strict_answers_exist_exactly_for_known_years(date in day_in(2016, 20)) {
        let cal = WorkCalendar::kazakhstan();
        let strict = cal.is_working_day(date);
        let provisional = cal.provisional().is_working_day(date).map_err(|e| TestCaseError::fail(e.code().as_str()))?;
        if date.year() <= 2026 {
            prop_assert_eq!(strict, Ok(provisional.value));
            prop_assert!(!provisional.provisional);
        } else {
            prop_assert_eq!(strict.map_err(|e| e.code().as_str()), Err("CALENDAR_YEAR_UNKNOWN"));
            prop_assert!(provisional.provisional);
            // From the statutory rules alone, weekends are never working.
            prop_assert!(!(is_weekend(date) && provisional.value));
        }
    }

    /// The version in force is the latest one that had started.
    #[test]
    fn the_policy_in_force_is_the_latest_started(date in day_in(2016, 15), region in 0usize..20) {
        let book = PolicyBook::builtin();
        let code = book.regions[region].code.clone();
        let policy = book.policy_for(&code, date).map_err(|e| TestCaseError::fail(e.code().as_str()))?;
        prop_assert!(policy.valid_from <= date);
        let same_profile_later = book.policies.iter()
            .filter(|p| p.profile == policy.profile && p.valid_from > policy.valid_from && p.valid_from <= date)
            .count();
        prop_assert_eq!(same_profile_later, 0);
    }
}
