//! What people read: the core's labels (kk/ru/en names of states, classes, deadlines,
//! reasons, documents…) and dates, moments and deadlines written as people write them.

use std::collections::HashMap;

use kezek::calendar::Deadline;
use kezek::LocalizedText;

use crate::types::{CivilDate, CivilMoment};

/// Every label, by kind (`state`, `action`, `class`, `deadline`, `reason`, `group_type`,
/// `language`, `document`, `check`) and code (`notice_sent`, `NOTICE_SENT`…).
#[uniffi::export]
#[must_use]
pub fn labels() -> HashMap<String, HashMap<String, LocalizedText>> {
    kezek::labels::labels()
        .into_iter()
        .map(|(kind, entries)| {
            let entries = entries
                .into_iter()
                .map(|(code, text)| (code.to_owned(), text))
                .collect();
            (kind.as_str().to_owned(), entries)
        })
        .collect()
}

/// A day as people write it: `21.03.2025`.
#[uniffi::export]
#[must_use]
pub fn show_date(day: CivilDate) -> String {
    kezek::people::date(day)
}

/// A moment as people write it: `21.03.2025, 15:00`.
#[uniffi::export]
#[must_use]
pub fn show_moment(moment: CivilMoment) -> String {
    kezek::people::moment(moment)
}

/// A deadline as people read it, in kk/ru/en: its last day, inclusive, and that it may
/// move when it is provisional.
#[uniffi::export]
#[must_use]
pub fn show_deadline(deadline: Deadline) -> LocalizedText {
    kezek::people::deadline(&deadline)
}
