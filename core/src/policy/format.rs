//! Formats of policy books, and the steps that bring an older book to the current format
//! before it is read, so a book a host wrote keeps loading, with the meaning it had, after
//! an upgrade (as snapshots do, `lifecycle/migration.rs`).
//!
//! Each step is a function on the JSON value of one format that gives the next;
//! [`STEPS`] lists them by the format they read. A book without a `format` field is
//! format 1.

use serde_json::{Map, Value};

use super::PolicyError;
use crate::versioned::{self, Step, Unreadable};

/// The format of policy books this release reads and writes.
pub const BOOK_FORMAT: u32 = 2;

/// The step from each format to the next: `(from, step)`.
const STEPS: &[(u32, Step)] = &[(1, v1_to_v2)];

/// Format 1 → 2: the book says its format. Format 1 books were written before two
/// parameters existed, and read as the rules then were: twins linked as batches wherever
/// a policy did not say (`twin_batches`, `RULES.md §4`), the maximum age counted from the
/// birthday (`max_age_counted`). Both are written out where a policy lacks them, so the
/// book keeps its meaning whatever later formats make of a missing field.
fn v1_to_v2(book: &mut Map<String, Value>) {
    if let Some(policies) = book.get_mut("policies").and_then(Value::as_array_mut) {
        for policy in policies.iter_mut().filter_map(Value::as_object_mut) {
            policy.entry("twin_batches").or_insert(Value::Bool(true));
            policy
                .entry("max_age_counted")
                .or_insert_with(|| Value::from("birthday"));
        }
    }
    book.insert("format".into(), Value::from(2));
}

/// Brings the JSON of a book to [`BOOK_FORMAT`] in place.
///
/// # Errors
/// `POLICY_FORMAT` for a format this release cannot read (0, or newer than
/// [`BOOK_FORMAT`]); `POLICY_JSON` when the book is not a JSON object or its format is not
/// a number.
pub(super) fn migrate(value: &mut Value) -> Result<(), PolicyError> {
    let not_a_book = |detail: &str| PolicyError::Json {
        line: 1,
        column: 1,
        detail: detail.to_owned(),
    };
    versioned::upgrade(value, BOOK_FORMAT, STEPS).map_err(|e| match e {
        Unreadable::NotAnObject => not_a_book("a policy book is a JSON object"),
        Unreadable::FormatNotANumber => not_a_book("`format` must be a whole number"),
        Unreadable::Format(found) => PolicyError::Format {
            found,
            supported: BOOK_FORMAT,
        },
    })
}
