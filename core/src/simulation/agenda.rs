//! The parents' agenda: actions planned for days, taken day by day in the order they
//! were planned.
//!
//! A city plans an action for most of its children months ahead (confirmations of
//! interest), so a heap over all of them pays a cache miss per level on every push and
//! pop. The simulation walks the days in order, so one bucket per day is enough: planning
//! and taking are O(1). Written by hand: it is a few lines over `VecDeque`.

use std::collections::VecDeque;

use chrono::{Datelike, NaiveDate};

/// Actions by day, in the order they were planned within a day.
#[derive(Debug)]
pub(super) struct Agenda<T> {
    /// The day of `days[0]`.
    first: NaiveDate,
    /// `days[k]`: the actions planned for `first + k`.
    days: VecDeque<Vec<T>>,
    /// How many actions of `days[0]` were taken.
    taken: usize,
}

impl<T: Copy> Agenda<T> {
    /// An empty agenda starting on `first`.
    pub(super) fn new(first: NaiveDate) -> Self {
        Self {
            first,
            days: VecDeque::new(),
            taken: 0,
        }
    }

    /// Plans `action` for `day`; a day already past counts as the earliest day still on
    /// the agenda, after the actions already planned for it.
    pub(super) fn plan(&mut self, day: NaiveDate, action: T) {
        let k = self.offset(day).unwrap_or(0);
        if k >= self.days.len() {
            self.days.resize_with(k + 1, Vec::new);
        }
        self.days[k].push(action);
    }

    /// The actions planned for `day` and not yet taken.
    pub(super) fn on(&self, day: NaiveDate) -> &[T] {
        let Some(k) = self.offset(day) else {
            return &[];
        };
        let skip = if k == 0 { self.taken } else { 0 };
        self.days
            .get(k)
            .map_or(&[], |d| d.get(skip..).unwrap_or(&[]))
    }

    /// Where `day` is in `days`; `None` for a day before the agenda's first.
    fn offset(&self, day: NaiveDate) -> Option<usize> {
        // Day numbers, not a date difference: most children plan an action a year.
        usize::try_from(day.num_days_from_ce() - self.first.num_days_from_ce()).ok()
    }

    /// The next action due by `day`, in the order planned (earlier days first); actions
    /// planned for `day` while taking them are taken too.
    pub(super) fn next(&mut self, day: NaiveDate) -> Option<T> {
        loop {
            if self.first > day {
                return None;
            }
            let front = self.days.front()?;
            if let Some(&action) = front.get(self.taken) {
                self.taken += 1;
                return Some(action);
            }
            if self.first == day {
                return None;
            }
            self.days.pop_front();
            self.taken = 0;
            self.first = self.first.succ_opt()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).unwrap_or_default()
    }

    #[test]
    fn takes_days_in_order_and_same_day_plans_in_turn() {
        let mut a = Agenda::new(d(1));
        a.plan(d(3), 30);
        a.plan(d(2), 20);
        a.plan(d(2), 21);
        assert_eq!(a.next(d(1)), None);
        assert_eq!(a.on(d(2)), [20, 21]);
        assert_eq!(a.next(d(2)), Some(20));
        assert_eq!(a.on(d(2)), [21], "what is taken is no longer on the day");
        assert_eq!(a.on(d(3)), [30]);
        assert!(a.on(d(1)).is_empty(), "a day behind the agenda has nothing");
        a.plan(d(2), 22); // planned while working day 2
        assert_eq!(a.next(d(2)), Some(21));
        assert_eq!(a.next(d(2)), Some(22));
        assert_eq!(a.next(d(2)), None);
        a.plan(d(1), 10); // a day already past: taken next, after day 2's own
        assert_eq!(a.next(d(2)), Some(10));
        assert_eq!(a.next(d(4)), Some(30));
        assert_eq!(a.next(d(4)), None);
    }
}
