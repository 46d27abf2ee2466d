//! The contract every kezek error keeps with the hosts, answered once here: a stable code
//! ([`ErrorCode`]), the class hosts raise it as ([`ErrorKind`]), structured fields
//! ([`Detail`]s, never an unmasked IIN) and its message in kk/ru/en. An error serialises
//! as that report (tagged by its code), so a binding converts one shape and names no
//! variant: Python and JS raise the class [`ErrorKind::class`] names with the report's
//! fields; Kotlin and Swift read the same report.
//!
//! The codes are declared once, in [`ErrorCode`]; every error enum's `code()` is an
//! exhaustive match onto them, and a test checks the list against
//! `tests/conformance/error-codes.json`, the file every host's error suite reads.

use chrono::{NaiveDate, NaiveDateTime};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::check::Check;
use crate::lang::{Lang, LocalizedText};

/// Declares [`ErrorCode`] and its list from one table of names and codes.
macro_rules! error_codes {
    ($($name:ident = $code:literal,)*) => {
        /// The stable machine code of an error: hosts branch on it, it never changes once
        /// released. Each is documented on the error variant that carries it; the list is
        /// `tests/conformance/error-codes.json`.
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
        pub enum ErrorCode {
            $($name,)*
        }

        impl ErrorCode {
            /// Every code, in the order of the conformance list.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name,)*];

            /// The code as hosts see it, e.g. `"IIN_CHECKSUM"`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => $code,)*
                }
            }
        }
    };
}

error_codes! {
    InputType = "INPUT_TYPE",
    InputFormat = "INPUT_FORMAT",
    InputDepth = "INPUT_DEPTH",
    InputFreed = "INPUT_FREED",
    InputTooLarge = "INPUT_TOO_LARGE",
    Internal = "INTERNAL",
    IinLength = "IIN_LENGTH",
    IinNonDigit = "IIN_NON_DIGIT",
    IinDate = "IIN_DATE",
    IinChecksum = "IIN_CHECKSUM",
    IinSerial = "IIN_SERIAL",
    CalendarYearUnknown = "CALENDAR_YEAR_UNKNOWN",
    CalendarOutOfRange = "CALENDAR_OUT_OF_RANGE",
    CalendarDataNeeded = "CALENDAR_DATA_NEEDED",
    CalendarJson = "CALENDAR_JSON",
    CalendarTransfer = "CALENDAR_TRANSFER",
    CalendarFormat = "CALENDAR_FORMAT",
    CalendarSpan = "CALENDAR_SPAN",
    CalendarHoliday = "CALENDAR_HOLIDAY",
    CalendarYearOutsideSpan = "CALENDAR_YEAR_OUTSIDE_SPAN",
    PolicyUnknownRegion = "POLICY_UNKNOWN_REGION",
    PolicyNotInForce = "POLICY_NOT_IN_FORCE",
    PolicyUnknownId = "POLICY_UNKNOWN_ID",
    PolicyJson = "POLICY_JSON",
    PolicyFormat = "POLICY_FORMAT",
    PolicyDuplicate = "POLICY_DUPLICATE",
    PolicyUnit = "POLICY_UNIT",
    PolicyValue = "POLICY_VALUE",
    PolicyRegion = "POLICY_REGION",
    MatchingIndex = "MATCHING_INDEX",
    MatchingDuplicate = "MATCHING_DUPLICATE",
    MatchingShape = "MATCHING_SHAPE",
    MatchingOffsets = "MATCHING_OFFSETS",
    MatchingPriority = "MATCHING_PRIORITY",
    MatchingUnranked = "MATCHING_UNRANKED",
    SimulationInput = "SIMULATION_INPUT",
    RegistrationRefused = "REGISTRATION_REFUSED",
    BenefitRefused = "BENEFIT_REFUSED",
    BirthDateRefused = "BIRTH_DATE_REFUSED",
    NotEligible = "NOT_ELIGIBLE",
    ApplicationUnknown = "APPLICATION_UNKNOWN",
    StateForbids = "STATE_FORBIDS",
    TimeBeforeClock = "TIME_BEFORE_CLOCK",
    RevocationClosed = "REVOCATION_CLOSED",
    ExtensionTooLong = "EXTENSION_TOO_LONG",
    ExtensionTooShort = "EXTENSION_TOO_SHORT",
    ExtensionUsed = "EXTENSION_USED",
    RightNotRequired = "RIGHT_NOT_REQUIRED",
    RightNotConfirmed = "RIGHT_NOT_CONFIRMED",
    InterestTooEarly = "INTEREST_TOO_EARLY",
    InterestAlreadyConfirmed = "INTEREST_ALREADY_CONFIRMED",
    ApplicantAlreadyLinked = "APPLICANT_ALREADY_LINKED",
    BatchNotInPolicy = "BATCH_NOT_IN_POLICY",
    BatchSize = "BATCH_SIZE",
    BatchQueue = "BATCH_QUEUE",
    BatchFamily = "BATCH_FAMILY",
    BatchBirths = "BATCH_BIRTHS",
    BatchState = "BATCH_STATE",
    BatchLinked = "BATCH_LINKED",
    BatchNotLinked = "BATCH_NOT_LINKED",
    ChoicesNotInPolicy = "CHOICES_NOT_IN_POLICY",
    ChoicesTooMany = "CHOICES_TOO_MANY",
    ChoiceDuplicate = "CHOICE_DUPLICATE",
    ChoiceUnknown = "CHOICE_UNKNOWN",
    ChoiceGroupType = "CHOICE_GROUP_TYPE",
    ChoiceLanguage = "CHOICE_LANGUAGE",
    ChoiceArea = "CHOICE_AREA",
    SnapshotVersion = "SNAPSHOT_VERSION",
    SnapshotInconsistent = "SNAPSHOT_INCONSISTENT",
    SnapshotFormat = "SNAPSHOT_FORMAT",
    BulletinInvalid = "BULLETIN_INVALID",
    KindergartenInvalid = "KINDERGARTEN_INVALID",
    BulletinUnknown = "BULLETIN_UNKNOWN",
    PlacesFrozen = "PLACES_FROZEN",
    PlaceTaken = "PLACE_TAKEN",
    PlaceReserved = "PLACE_RESERVED",
    PlaceOtherQueue = "PLACE_OTHER_QUEUE",
    PlaceHeldElsewhere = "PLACE_HELD_ELSEWHERE",
    DistributionNotStarted = "DISTRIBUTION_NOT_STARTED",
    KindergartenUnknown = "KINDERGARTEN_UNKNOWN",
    WaitingListNotNeeded = "WAITING_LIST_NOT_NEEDED",
    RestoreUsed = "RESTORE_USED",
    SimulationTooLarge = "SIMULATION_TOO_LARGE",
    SimulationTable = "SIMULATION_TABLE",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The class a host raises an error as: one tree in every host (`KezekError` at the root;
/// Python's and JS's classes are named by [`ErrorKind::class`], Kotlin's and Swift's
/// `ErrorKind` mirrors it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum ErrorKind {
    /// Data of the wrong shape, depth or size (`INPUT_FORMAT`, `INPUT_DEPTH`…).
    Input,
    /// A value of the wrong type (`INPUT_TYPE`); a kind of [`ErrorKind::Input`].
    InputType,
    /// An IIN that is not valid (`IIN_*`).
    Iin,
    /// A calendar question or calendar data the calendar cannot answer or accept.
    Calendar,
    /// No policy (or region) for what was asked.
    PolicyNotFound,
    /// Policy data that breaks a rule of policies.
    PolicyInvalid,
    /// No application with that id.
    ApplicationNotFound,
    /// A command the rules refuse in the application's state or at that moment.
    CommandRefused,
    /// A snapshot that cannot be read.
    Snapshot,
    /// No bulletin with that id.
    BulletinNotFound,
    /// No kindergarten with that id.
    KindergartenNotFound,
    /// Places that cannot be published, taken or held.
    PlacesRefused,
    /// A matching instance that is not well formed.
    Matching,
    /// A simulation input that cannot be run.
    Simulation,
    /// A bug in kezek (a Rust panic), caught at the boundary.
    Internal,
}

impl ErrorKind {
    /// Every kind.
    pub const ALL: [ErrorKind; 15] = [
        ErrorKind::Input,
        ErrorKind::InputType,
        ErrorKind::Iin,
        ErrorKind::Calendar,
        ErrorKind::PolicyNotFound,
        ErrorKind::PolicyInvalid,
        ErrorKind::ApplicationNotFound,
        ErrorKind::CommandRefused,
        ErrorKind::Snapshot,
        ErrorKind::BulletinNotFound,
        ErrorKind::KindergartenNotFound,
        ErrorKind::PlacesRefused,
        ErrorKind::Matching,
        ErrorKind::Simulation,
        ErrorKind::Internal,
    ];

    /// The name of its class in Python's `kezek.errors` and JS's `errors.js`.
    #[must_use]
    pub fn class(self) -> &'static str {
        match self {
            ErrorKind::Input => "InputError",
            ErrorKind::InputType => "InputTypeError",
            ErrorKind::Iin => "IinError",
            ErrorKind::Calendar => "CalendarError",
            ErrorKind::PolicyNotFound => "PolicyNotFoundError",
            ErrorKind::PolicyInvalid => "PolicyInvalidError",
            ErrorKind::ApplicationNotFound => "ApplicationNotFoundError",
            ErrorKind::CommandRefused => "CommandRefusedError",
            ErrorKind::Snapshot => "SnapshotError",
            ErrorKind::BulletinNotFound => "BulletinNotFoundError",
            ErrorKind::KindergartenNotFound => "KindergartenNotFoundError",
            ErrorKind::PlacesRefused => "PlacesRefusedError",
            ErrorKind::Matching => "MatchingError",
            ErrorKind::Simulation => "SimulationError",
            ErrorKind::Internal => "InternalError",
        }
    }
}

/// One structured field of an error: hosts convert each to their own type (a date to
/// Python's `date`, to an ISO string in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Detail {
    /// A count, an index, an id or a limit.
    Count(u64),
    /// A year.
    Year(i32),
    /// A name, code or description (never a value the caller passed).
    Text(String),
    /// A list of codes.
    Texts(Vec<String>),
    /// A civil date (`"2025-03-21"` in JSON).
    Date(NaiveDate),
    /// A civil moment (`"2025-03-21T15:00:00"` in JSON).
    Moment(NaiveDateTime),
    /// The failed checks of a refused registration or change, each with its code and field.
    Checks(Vec<Check>),
}

impl Detail {
    /// A text.
    pub(crate) fn text(s: &(impl ToString + ?Sized)) -> Self {
        Detail::Text(s.to_string())
    }

    /// A count (`usize` is at most 64 bits on every target).
    pub(crate) fn size(n: usize) -> Self {
        Detail::Count(n as u64)
    }
}

/// The fields of a JSON error: where it is and what is wrong (never a value).
pub(crate) fn json_position(line: usize, column: usize, detail: &str) -> Details {
    vec![
        ("line", Detail::size(line)),
        ("column", Detail::size(column)),
        ("detail", Detail::text(detail)),
    ]
}

/// An error's structured fields, by name (snake_case), in a stable order.
pub type Details = Vec<(&'static str, Detail)>;

/// What every kezek error offers besides [`std::error::Error`]: a stable machine code, the
/// class hosts raise it as, its structured fields and a message in each language of the
/// portals.
///
/// The code never changes once released (hosts branch on it); the messages may be
/// reworded. `Display` gives the English message; no message or field ever contains an
/// unmasked IIN.
///
/// ```
/// use kezek::{Iin, Lang, LocalizedError};
/// let err = Iin::parse("210308600404").unwrap_err();
/// assert_eq!(err.code(), "IIN_CHECKSUM");
/// assert_eq!(err.message(Lang::Ru), "контрольная цифра ИИН не совпадает");
/// assert_eq!(err.message(Lang::En), err.to_string());
/// ```
pub trait LocalizedError: std::error::Error {
    /// The stable machine code, e.g. `IIN_CHECKSUM`.
    fn code(&self) -> ErrorCode;

    /// The message in `lang`.
    fn message(&self, lang: Lang) -> String;

    /// The class hosts raise it as.
    fn kind(&self) -> ErrorKind;

    /// Its structured fields.
    fn details(&self) -> Details;

    /// The whole report a host shows: code, kind, fields and the three messages.
    fn report(&self) -> ErrorReport {
        let [kk, ru, en] = Lang::ALL.map(|lang| self.message(lang));
        ErrorReport {
            code: self.code(),
            kind: self.kind(),
            details: self.details(),
            messages: LocalizedText { kk, ru, en },
        }
    }
}

/// An error as hosts receive it. Serialises as
/// `{"code": "…", "kind": "…", "details": {…}, "messages": {"kk", "ru", "en"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    /// The stable code.
    pub code: ErrorCode,
    /// The class hosts raise it as.
    pub kind: ErrorKind,
    /// Its structured fields.
    pub details: Details,
    /// Its message in each language.
    pub messages: LocalizedText,
}

impl ErrorReport {
    /// Its fields as a JSON object (dates as ISO strings), as hosts that speak JSON read them.
    #[must_use]
    pub fn details_json(&self) -> serde_json::Value {
        serde_json::to_value(Fields(&self.details)).unwrap_or_default()
    }
}

/// The fields of a report as a JSON object.
struct Fields<'a>(&'a Details);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Serialize for ErrorReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("details", &Fields(&self.details))?;
        map.serialize_entry("messages", &self.messages)?;
        map.end()
    }
}

/// Makes an error serialise as its [`ErrorReport`] (each domain's error file calls it, so
/// that this module names no domain).
macro_rules! serialize_as_report {
    ($error:ty) => {
        impl serde::Serialize for $error {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&crate::error::LocalizedError::report(self), s)
            }
        }
    };
}
pub(crate) use serialize_as_report;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_are_the_conformance_list() {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/conformance/error-codes.json"))
                .expect("error-codes.json");
        let mut listed: Vec<&str> = ["input", "core"]
            .iter()
            .flat_map(|k| file[k].as_array().expect(k))
            .map(|c| c.as_str().expect("a code"))
            .chain(
                file["bindings"]
                    .as_object()
                    .expect("bindings")
                    .keys()
                    .map(String::as_str),
            )
            .collect();
        let mut declared: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        listed.sort_unstable();
        declared.sort_unstable();
        let (n, unique) = (declared.len(), {
            let mut d = declared.clone();
            d.dedup();
            d.len()
        });
        assert_eq!(n, unique, "a code declared twice");
        assert_eq!(declared, listed);
    }

    #[test]
    fn a_report_serialises_tagged_by_its_code() {
        let e = crate::iin::IinError::Length { found: 11 };
        let v = serde_json::to_value(&e).expect("json");
        assert_eq!(v["code"], "IIN_LENGTH");
        assert_eq!(v["kind"], "iin");
        assert_eq!(v["details"], serde_json::json!({ "found": 11 }));
        assert_eq!(v["messages"]["en"], e.to_string());
        let kinds: std::collections::BTreeSet<&str> =
            ErrorKind::ALL.iter().map(|k| k.class()).collect();
        assert_eq!(kinds.len(), ErrorKind::ALL.len());
    }
}
