//! Formats of simulation inputs, and the steps that bring an older input to the current
//! format before it is read, so an analyst's saved inputs keep running, with the meaning
//! they had, after an upgrade (as policy books and snapshots do).
//!
//! An input without a `format` field is format 1. Read inputs with
//! [`SimulationInput::from_json`] or [`SimulationInput::from_value`], which migrate;
//! serde alone reads only the current format.

use serde_json::{Map, Value};

use super::input::{RenewalBehaviour, SimulationInput, VoucherBehaviour};
use crate::versioned::{self, Step, Unreadable};
use crate::InputError;

/// The format of simulation inputs this release reads and writes.
pub const INPUT_FORMAT: u32 = 3;

/// What the errors name.
const WHAT: &str = "simulation input";

/// The step from each format to the next: `(from, step)`.
const STEPS: &[(u32, Step)] = &[(1, v1_to_v2), (2, v2_to_v3)];

/// Format 1 → 2: the input says its format, and its parents' behaviour says what they do
/// with a voucher (`behaviour.voucher`, issue 23 §2). Format 1 had no voucher behaviour:
/// its parents get the defaults, written out.
fn v1_to_v2(input: &mut Map<String, Value>) {
    if let Some(behaviour) = input.get_mut("behaviour").and_then(Value::as_object_mut) {
        behaviour.entry("voucher").or_insert_with(|| {
            serde_json::to_value(VoucherBehaviour::default()).unwrap_or(Value::Null)
        });
    }
    input.insert("format".into(), Value::from(2));
}

/// Format 2 → 3: its parents' behaviour says whether and when they renew their benefit's
/// documents (`behaviour.renewal`, issue 26). Format 2 had none (the documents were never
/// renewed, and out-of-turn children were never offered a place): its parents get the
/// defaults, written out.
fn v2_to_v3(input: &mut Map<String, Value>) {
    if let Some(behaviour) = input.get_mut("behaviour").and_then(Value::as_object_mut) {
        behaviour.entry("renewal").or_insert_with(|| {
            serde_json::to_value(RenewalBehaviour::default()).unwrap_or(Value::Null)
        });
    }
    input.insert("format".into(), Value::from(3));
}

impl SimulationInput {
    /// Reads an input from JSON text, migrating an older format.
    ///
    /// # Errors
    /// `INPUT_FORMAT` for text that is not an input (naming what is wrong), or a format
    /// this release cannot read.
    pub fn from_json(json: &str) -> Result<Self, InputError> {
        let value: Value = serde_json::from_str(json).map_err(|e| InputError::json(WHAT, &e))?;
        Self::from_value(value)
    }

    /// Reads an input from JSON data, migrating an older format.
    ///
    /// # Errors
    /// As [`SimulationInput::from_json`].
    pub fn from_value(mut value: Value) -> Result<Self, InputError> {
        migrate(&mut value)?;
        // The text reader, not `from_value`: the core's types are read from text everywhere
        // else, and a second reader would grow the .wasm. The error names where the shape
        // is wrong (`city.districts[3].kindergartens[117]`), never a value.
        let text = value.to_string();
        let reader = &mut serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(reader).map_err(|e| {
            let at = e.path().to_string();
            let inner = e.into_inner();
            if inner.to_string().starts_with("recursion limit exceeded") {
                return InputError::json(WHAT, &inner);
            }
            InputError::format(
                WHAT,
                format!("at `{at}`: {}", crate::input::json_said(&inner)),
            )
        })
    }
}

/// Brings the JSON of an input to [`INPUT_FORMAT`] in place.
fn migrate(value: &mut Value) -> Result<(), InputError> {
    versioned::upgrade(value, INPUT_FORMAT, STEPS).map_err(|e| {
        InputError::format(
            WHAT,
            match e {
                Unreadable::NotAnObject => "a simulation input is a JSON object".to_owned(),
                Unreadable::FormatNotANumber => "`format` must be a whole number".to_owned(),
                Unreadable::Format(found) => format!(
                    "format {found} cannot be read; this release reads formats 1 to {INPUT_FORMAT}"
                ),
            },
        )
    })
}
