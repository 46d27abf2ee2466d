//! What a host passes in: the errors of values of the wrong type, shape, depth or size,
//! their limits, and JSON errors that never echo a value.
//!
//! The core's own types cannot be built wrong in Rust, so these errors belong to the
//! boundaries: every binding raises them (as `InputError` in Python and JS, `Input` in
//! Kotlin and Swift) for what its host hands over, and the core's JSON readers (policy
//! books, calendar data, snapshots, simulation inputs) describe parse errors through
//! [`json_detail`]. The contract is the core's: codes, fields and kk/ru/en messages are
//! written once, here.
//!
//! A message never holds a value the caller passed (an IIN given as a number is not
//! printed back): only the name of the argument or field, the type or kind expected and
//! found, and limits.

use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::Lang;

/// The deepest nesting of lists and maps any input may have. The core's formats are at
/// most ≈ 8 levels deep; a host converting its own data refuses deeper values before
/// recursing (`INPUT_DEPTH`), so no input can exhaust a stack.
pub const MAX_DEPTH: usize = 64;

/// The most applications [`crate::lifecycle::Engine::reserve`] makes room for at once:
/// 10⁷, ten times the national queue (≈ 3 GB of records at 296 bytes each).
pub const MAX_RESERVE: u64 = 10_000_000;

/// The largest command a host may pass as data (`Engine::execute`): 16 MiB of JSON, room
/// for a whole city's bulletins published at once (≈ 200 bytes each); larger is
/// `INPUT_TOO_LARGE`.
pub const MAX_REQUEST_BYTES: u64 = 16 * 1024 * 1024;

/// A value a host passed that the core cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum InputError {
    /// A value of the wrong type for an argument or field (`"1"` where an id is a number,
    /// `null` where a string is required).
    #[error("{what}: expected {expected}, found {found}")]
    Type {
        /// The argument or field.
        what: String,
        /// What it must be (`"a string"`, `"a whole number"`).
        expected: String,
        /// The type that came (`"number"`, `"null"`), never the value.
        found: String,
    },
    /// Data of the wrong shape (a missing field, an unknown variant, text that is not
    /// JSON).
    #[error("invalid {what} data: {detail}")]
    Format {
        /// The argument.
        what: String,
        /// What is wrong, with its position where one is known; never a value.
        detail: String,
    },
    /// Data nested deeper than [`MAX_DEPTH`].
    #[error("{what} is nested deeper than {limit} levels")]
    Depth {
        /// The argument.
        what: String,
        /// The limit.
        limit: usize,
    },
    /// An object used after it was freed (`free()` in JS, `close()` in Kotlin): the host's
    /// handle no longer points at kezek's value.
    #[error("the {what} was freed and cannot be used any more")]
    Freed {
        /// The kind of object (`"Engine"`).
        what: String,
    },
    /// A size or count over its documented limit.
    #[error("{what}: {found} is over the limit of {limit}")]
    TooLarge {
        /// The argument or field.
        what: String,
        /// The limit.
        limit: u64,
        /// What was asked.
        found: u64,
    },
}

impl InputError {
    /// A value of the wrong type.
    #[must_use]
    pub fn of_type(what: &str, expected: &str, found: &str) -> Self {
        InputError::Type {
            what: what.to_owned(),
            expected: expected.to_owned(),
            found: found.to_owned(),
        }
    }

    /// Data of the wrong shape.
    pub fn format(what: &str, detail: impl Into<String>) -> Self {
        InputError::Format {
            what: what.to_owned(),
            detail: detail.into(),
        }
    }

    /// A JSON error of `what`, described without its values ([`json_detail`]).
    #[must_use]
    pub fn json(what: &str, e: &serde_json::Error) -> Self {
        // serde_json stops at 128 levels of nesting with this message.
        if e.to_string().starts_with("recursion limit exceeded") {
            return Self::depth(what);
        }
        Self::format(what, json_detail(e))
    }

    /// Data nested deeper than [`MAX_DEPTH`].
    #[must_use]
    pub fn depth(what: &str) -> Self {
        InputError::Depth {
            what: what.to_owned(),
            limit: MAX_DEPTH,
        }
    }

    /// `found` over `limit`, or nothing.
    ///
    /// # Errors
    /// `INPUT_TOO_LARGE` when `found > limit`.
    pub fn check_size(what: &str, found: u64, limit: u64) -> Result<(), Self> {
        if found > limit {
            return Err(InputError::TooLarge {
                what: what.to_owned(),
                limit,
                found,
            });
        }
        Ok(())
    }
}

crate::error::serialize_as_report!(InputError);

impl LocalizedError for InputError {
    fn code(&self) -> ErrorCode {
        match self {
            InputError::Type { .. } => ErrorCode::InputType,
            InputError::Format { .. } => ErrorCode::InputFormat,
            InputError::Depth { .. } => ErrorCode::InputDepth,
            InputError::Freed { .. } => ErrorCode::InputFreed,
            InputError::TooLarge { .. } => ErrorCode::InputTooLarge,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            InputError::Type { .. } => ErrorKind::InputType,
            InputError::Format { .. }
            | InputError::Depth { .. }
            | InputError::Freed { .. }
            | InputError::TooLarge { .. } => ErrorKind::Input,
        }
    }

    fn details(&self) -> Details {
        match self {
            InputError::Type {
                what,
                expected,
                found,
            } => vec![
                ("what", Detail::text(what)),
                ("expected", Detail::text(expected)),
                ("found", Detail::text(found)),
            ],
            InputError::Format { what, detail } => {
                vec![
                    ("what", Detail::text(what)),
                    ("detail", Detail::text(detail)),
                ]
            }
            InputError::Depth { what, limit } => {
                vec![
                    ("what", Detail::text(what)),
                    ("limit", Detail::size(*limit)),
                ]
            }
            InputError::Freed { what } => vec![("what", Detail::text(what))],
            InputError::TooLarge { what, limit, found } => vec![
                ("what", Detail::text(what)),
                ("limit", Detail::Count(*limit)),
                ("found", Detail::Count(*found)),
            ],
        }
    }

    fn message(&self, lang: Lang) -> String {
        // The argument's or field's name and the host's type are the caller's own words,
        // quoted verbatim; the expected kind of value is named in the reader's language;
        // a parser's English detail stays in `details` (and the English message).
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (
                InputError::Type {
                    what,
                    expected,
                    found,
                },
                _,
            ) => match (expected_kind(expected), lang) {
                (Some([kk, _]), Lang::Kk) => {
                    format!("`{what}`: күтілгені {kk}, берілгені `{found}` түрі")
                }
                (Some([_, ru]), _) => format!("`{what}`: ожидалось {ru}, получен тип `{found}`"),
                (None, Lang::Kk) => format!("`{what}` мәнінің түрі қате: `{found}`"),
                (None, _) => format!("неверный тип значения `{what}`: `{found}`"),
            },
            (InputError::Format { what, .. }, Lang::Kk) => {
                format!("`{what}` деректері пішімге сай емес")
            }
            (InputError::Format { what, .. }, _) => {
                format!("данные `{what}` не соответствуют формату")
            }
            (InputError::Depth { what, limit }, Lang::Kk) => {
                format!("`{what}` деректерінің ұя тереңдігі {limit} деңгейден асады")
            }
            (InputError::Depth { what, limit }, _) => {
                format!("данные `{what}` вложены глубже {limit} уровней")
            }
            (InputError::Freed { what }, Lang::Kk) => {
                format!("`{what}` нысаны босатылған, оны енді қолдануға болмайды")
            }
            (InputError::Freed { what }, _) => {
                format!("объект `{what}` освобождён и больше не может использоваться")
            }
            (InputError::TooLarge { what, limit, found }, Lang::Kk) => {
                format!("`{what}`: {found} шектен ({limit}) асады")
            }
            (InputError::TooLarge { what, limit, found }, _) => {
                format!("`{what}`: {found} больше предела {limit}")
            }
        }
    }
}

/// The kind of value an `expected` of [`InputError::Type`] names, in kk and ru: the hosts
/// write it in English and in their own words (`"an int"`, `"a string or null"`, `"a
/// number"`); `None` for a description that names no single kind.
fn expected_kind(expected: &str) -> Option<[&'static str; 2]> {
    const KINDS: [(&[&str], [&str; 2]); 7] = [
        (
            &["int", "whole number", "count"],
            ["бүтін сан", "целое число"],
        ),
        (&["number", "float"], ["сан", "число"]),
        (&["str", "text"], ["мәтін", "строка"]),
        (&["bool"], ["логикалық мән", "логическое значение"]),
        (&["list", "array", "sequence"], ["тізім", "список"]),
        (&["dict", "object", "mapping"], ["сөздік", "словарь"]),
        (&["date"], ["күн", "дата"]),
    ];
    let e = expected.to_ascii_lowercase();
    let mut named = KINDS
        .iter()
        .filter(|(words, _)| words.iter().any(|w| e.contains(w)))
        .map(|(_, kind)| *kind);
    // A whole number is a number too: "an int" names one kind.
    let kind = match (named.next(), named.next()) {
        (Some(kind), None) => kind,
        (Some(kind @ ["бүтін сан", _]), Some(["сан", _])) if named.next().is_none() => {
            kind
        }
        _ => return None,
    };
    if !(e.contains("or null") || e.contains("or none")) {
        return Some(kind);
    }
    match kind {
        ["мәтін", _] => Some(["мәтін немесе бос мән", "строка или пустое значение"]),
        ["бүтін сан", _] => Some([
            "бүтін сан немесе бос мән",
            "целое число или пустое значение",
        ]),
        _ => None,
    }
}

/// A JSON error described for a person, with its line and column, and without any value
/// from the input: serde's "invalid type: integer `210308600403`, expected a string"
/// becomes "invalid type: integer, expected a string at line 1, column 30"; "unknown
/// variant `x`" and "unknown field `x`" lose the `x` (the expected names, which come from
/// kezek's own types, stay).
#[must_use]
pub fn json_detail(e: &serde_json::Error) -> String {
    let redacted = json_said(e);
    if e.line() > 0 {
        format!("{redacted} at line {}, column {}", e.line(), e.column())
    } else {
        redacted
    }
}

/// What `serde_json` says of `e`, without its position (for errors that keep the line and
/// column as fields of their own) and without any value ([`json_detail`]).
pub(crate) fn json_said(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C" to what it says.
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => redact(&text[..i]),
        _ => redact(&text),
    }
}

/// Removes the values serde quotes in a message: in "invalid type: X, expected Y" and
/// "invalid value: X, expected Y" every quoted part of X; in "unknown variant `X`" and
/// "unknown field `X`" the name. Other messages are kezek's own (they name no value) or
/// serde's syntax errors (positions only).
fn redact(said: &str) -> String {
    for lead in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = said.strip_prefix(lead) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let kind = found
                .split(['`', '"', '\''])
                .next()
                .unwrap_or_default()
                .trim_end();
            let kind = if kind.is_empty() { "a value" } else { kind };
            return if expected.is_empty() {
                format!("{lead}{kind}")
            } else {
                format!("{lead}{kind}, expected {expected}")
            };
        }
    }
    for lead in ["unknown variant ", "unknown field "] {
        if let Some(rest) = said.strip_prefix(lead) {
            let expected = rest.split_once(", ").map_or("", |(_, e)| e);
            let lead = lead.trim_end();
            return if expected.is_empty() {
                lead.to_owned()
            } else {
                format!("{lead}, {expected}")
            };
        }
    }
    said.to_owned()
}

/// Reads `T` from JSON text, with errors as [`InputError::Format`] naming `what`.
///
/// # Errors
/// `INPUT_FORMAT` when the text is not JSON or not of `T`'s shape (`serde_json` refuses
/// nesting deeper than 128 levels itself).
pub fn from_json<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T, InputError> {
    serde_json::from_str(json).map_err(|e| InputError::json(what, &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Iin;

    fn detail_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        json_detail(&serde_json::from_str::<T>(json).unwrap_err())
    }

    #[test]
    fn json_errors_never_echo_a_value() {
        // An IIN given as a number (issue 22, defect 6): serde says "integer `210308600403`".
        let d = detail_of::<Iin>("210308600403");
        assert!(!d.contains("210308600403"), "{d}");
        assert!(d.starts_with("invalid type: integer, expected"), "{d}");
        let d = detail_of::<Vec<String>>("[\"a\", 210308600403]");
        assert!(!d.contains("2103086"), "{d}");
        assert!(d.ends_with("at line 1, column 18"), "{d}");
        let d = detail_of::<u32>("\"210308600403\"");
        assert!(!d.contains("2103086"), "{d}");
        assert!(d.starts_with("invalid type: string, expected u32"), "{d}");
        let d = detail_of::<u8>("210308600403");
        assert!(!d.contains("2103086"), "{d}");
        let d = detail_of::<crate::application::GroupType>("\"210308600403\"");
        assert!(!d.contains("2103086"), "{d}");
        assert!(d.contains("expected one of `general`"), "{d}");
        let d = detail_of::<crate::application::Contacts>(
            r#"{"email": "a@b.kz", "phone": "1", "210308600403": 1}"#,
        );
        assert!(!d.contains("2103086"), "{d}");
        assert!(d.starts_with("unknown field, expected"), "{d}");
        let d = detail_of::<Iin>("\"210308600404\"");
        assert!(!d.contains("2103086"), "{d}");
        let d = detail_of::<bool>("[1,");
        assert!(d.contains("line 1"), "{d}");
        let deep = "[".repeat(200);
        let e = serde_json::from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(InputError::json("x", &e).code(), "INPUT_DEPTH");
    }

    #[test]
    fn every_error_has_a_code_and_three_messages() {
        let errors = [
            InputError::of_type("id", "a whole number", "string"),
            InputError::format("application", "missing field `contacts`"),
            InputError::depth("policy"),
            InputError::Freed {
                what: "Engine".into(),
            },
            InputError::check_size("n", 11, 10).unwrap_err(),
        ];
        let codes: Vec<_> = errors.iter().map(|e| e.code().as_str()).collect();
        assert_eq!(
            codes,
            [
                "INPUT_TYPE",
                "INPUT_FORMAT",
                "INPUT_DEPTH",
                "INPUT_FREED",
                "INPUT_TOO_LARGE"
            ]
        );
        for e in &errors {
            let m = Lang::ALL.map(|l| e.message(l));
            assert!(m[0] != m[1] && m[1] != m[2], "{m:?}");
        }
        assert!(InputError::check_size("n", 10, 10).is_ok());
    }

    #[test]
    fn sizes_a_host_passes_are_checked() {
        // Issue 22, defect 4: reserve(2^31) aborted the process; a billion arrivals a month
        // aborted the simulator.
        let policy = crate::PolicyBook::builtin()
            .get("akmola-2024")
            .unwrap()
            .clone();
        let mut e = crate::Engine::new(policy, crate::WorkCalendar::kazakhstan()).unwrap();
        let err = e.reserve(1 << 31).unwrap_err();
        assert_eq!(err.code(), "INPUT_TOO_LARGE");
        assert!(e.reserve(usize::MAX).is_err());
        assert!(e.reserve(1_000).is_ok());
        let mut input = crate::simulation::default_city_input(2024, 1, 7).unwrap();
        assert!(input.validate().is_ok());
        for per_month in [1_000_000, 1_000_000_000, u32::MAX] {
            input.arrivals.per_month = per_month;
            let err = input.validate().unwrap_err();
            assert_eq!(err.code(), "SIMULATION_TOO_LARGE");
            assert!(crate::simulation::simulate(&input).is_err());
        }
        input.memory_budget = u64::MAX;
        input.arrivals.per_month = u32::MAX;
        assert!(
            input.validate().is_ok(),
            "the budget is the caller's parameter"
        );
    }

    #[test]
    fn the_expected_kind_is_named_in_the_readers_language_when_it_is_one_kind() {
        assert_eq!(expected_kind("an int"), Some(["бүтін сан", "целое число"]));
        assert_eq!(
            expected_kind("a whole number"),
            Some(["бүтін сан", "целое число"])
        );
        assert_eq!(expected_kind("a number"), Some(["сан", "число"]));
        assert_eq!(
            expected_kind("a string or null"),
            Some(["мәтін немесе бос мән", "строка или пустое значение"])
        );
        // A description naming several kinds names none of them.
        assert_eq!(
            expected_kind("kezek data (dict, list, str, int, float, bool, None, date)"),
            None
        );
        let err = InputError::of_type("additional", "an int", "str");
        assert_eq!(
            err.message(Lang::Ru),
            "`additional`: ожидалось целое число, получен тип `str`"
        );
        assert_eq!(
            err.message(Lang::Kk),
            "`additional`: күтілгені бүтін сан, берілгені `str` түрі"
        );
        assert_eq!(
            err.message(Lang::En),
            "additional: expected an int, found str"
        );
    }
}
