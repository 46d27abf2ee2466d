//! The one walk that brings the JSON of an older versioned format (a policy book, a
//! simulation input) to the current one: read its `format` (absent: format 1), refuse one
//! this release cannot read, then apply each step in turn. The formats keep their steps
//! and their own errors (`policy/format.rs`, `simulation/format.rs`).

use serde_json::{Map, Value};

/// A step: the JSON object of one format made the JSON of the next.
pub(crate) type Step = fn(&mut Map<String, Value>);

/// Why a value could not be brought to the current format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// The value is not a JSON object.
    NotAnObject,
    /// Its `format` is not a whole number.
    FormatNotANumber,
    /// Its format is 0, newer than `current`, or has no step.
    Format(u64),
}

/// Brings `value` to format `current` in place, through `steps` (`(from, step)`).
pub(crate) fn upgrade(
    value: &mut Value,
    current: u32,
    steps: &[(u32, Step)],
) -> Result<(), Unreadable> {
    let object = value.as_object_mut().ok_or(Unreadable::NotAnObject)?;
    let mut format = match object.get("format") {
        None => 1,
        Some(v) => v.as_u64().ok_or(Unreadable::FormatNotANumber)?,
    };
    if format == 0 || format > u64::from(current) {
        return Err(Unreadable::Format(format));
    }
    while format < u64::from(current) {
        let (_, step) = steps
            .iter()
            .find(|(from, _)| u64::from(*from) == format)
            .ok_or(Unreadable::Format(format))?;
        step(object);
        format += 1;
    }
    Ok(())
}
