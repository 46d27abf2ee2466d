//! Every core error as one uniffi error enum: Kotlin `KezekException` (a sealed class, one
//! subclass per variant), Swift `KezekError` (an enum with associated values). One variant
//! per core variant, with its structured fields and its message in the three languages;
//! `code()`, `kind()` and `messageIn(lang)` on every one.
//!
//! The maps from the core are `match`es with no wildcard arm: a new core variant breaks
//! this crate's build until it has its variant here (`map.rs`).

mod map;

use kezek::lifecycle::StateName;
use kezek::{Lang, LocalizedText};

use crate::types::{CivilDate, CivilMoment};

/// The error class of a `KezekError`, as in the Python and JS bindings' class trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ErrorKind {
    /// An argument refused before any rule sees it (`INPUT_*`: a malformed date string).
    Input,
    /// An IIN that is not valid (`RULES.md §1`).
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
    /// A bug in kezek (a Rust panic), caught at the boundary.
    Internal,
}

/// An error of kezek. Every variant carries its fields and `messages` (kk/ru/en).
///
/// Each variant mirrors the core variant of the same meaning (`IinLength` is
/// `IinError::Length`…), with the same fields; their documentation is the core's.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[error("{}: {}", self.code(), localized(self).en)]
pub enum KezekError {
    // Input the core refuses before any rule sees it (`kezek::input`).
    /// `INPUT_TYPE`.
    InputType {
        what: String,
        expected: String,
        found: String,
        messages: LocalizedText,
    },
    /// `INPUT_FORMAT`: a malformed date or moment (possible from Swift's ISO strings, or
    /// a Kotlin moment with nanoseconds).
    InputFormat {
        what: String,
        detail: String,
        messages: LocalizedText,
    },
    /// `INPUT_DEPTH`.
    InputDepth {
        what: String,
        limit: u64,
        messages: LocalizedText,
    },
    /// `INPUT_FREED`.
    InputFreed {
        what: String,
        messages: LocalizedText,
    },
    /// `INPUT_TOO_LARGE`.
    InputTooLarge {
        what: String,
        limit: u64,
        found: u64,
        messages: LocalizedText,
    },
    /// `INTERNAL`: a bug in kezek; the object it happened in is as before the call.
    Internal {
        panic: String,
        messages: LocalizedText,
    },
    // IIN (RULES.md §1).
    IinLength {
        found: u64,
        messages: LocalizedText,
    },
    IinNonDigit {
        position: u64,
        messages: LocalizedText,
    },
    IinBirthDate {
        /// `"year"`: the part of a birth date `Iin.fromParts` cannot encode.
        part: String,
        messages: LocalizedText,
    },
    IinChecksum {
        messages: LocalizedText,
    },
    IinSerial {
        found: u16,
        messages: LocalizedText,
    },
    // Calendar (RULES.md §9).
    CalendarYearUnknown {
        year: i32,
        messages: LocalizedText,
    },
    CalendarOutOfRange {
        first_year: i32,
        last_year: i32,
        messages: LocalizedText,
    },
    /// A deadline a command sets falls after the calendar's last year: add `needed`.
    CalendarDataNeeded {
        last_year: i32,
        needed: i32,
        messages: LocalizedText,
    },
    CalendarFormat {
        found: u32,
        expected: u32,
        messages: LocalizedText,
    },
    CalendarSpan {
        first_year: i32,
        last_year: i32,
        messages: LocalizedText,
    },
    CalendarHoliday {
        id: String,
        messages: LocalizedText,
    },
    CalendarYearOutsideSpan {
        year: i32,
        messages: LocalizedText,
    },
    CalendarTransfer {
        from: CivilDate,
        to: CivilDate,
        messages: LocalizedText,
    },
    CalendarJson {
        line: u64,
        column: u64,
        detail: String,
        messages: LocalizedText,
    },
    // Policies (RULES.md §10).
    PolicyUnknownRegion {
        region: String,
        messages: LocalizedText,
    },
    PolicyNotInForce {
        region: String,
        date: CivilDate,
        messages: LocalizedText,
    },
    PolicyUnknown {
        id: String,
        messages: LocalizedText,
    },
    PolicyDuplicate {
        id: String,
        messages: LocalizedText,
    },
    PolicyUnit {
        policy: String,
        parameter: String,
        unit: String,
        messages: LocalizedText,
    },
    PolicyValue {
        policy: String,
        parameter: String,
        reason: String,
        messages: LocalizedText,
    },
    PolicyRegion {
        policy: String,
        region: String,
        messages: LocalizedText,
    },
    PolicyFormat {
        found: u64,
        supported: u32,
        messages: LocalizedText,
    },
    PolicyJson {
        line: u64,
        column: u64,
        detail: String,
        messages: LocalizedText,
    },
    // Places and offer rounds (RULES.md §5, §8, §9).
    BulletinInvalid {
        field: String,
        detail: String,
        messages: LocalizedText,
    },
    BulletinUnknown {
        bulletin: u64,
        messages: LocalizedText,
    },
    PlacesFrozen {
        date: CivilDate,
        messages: LocalizedText,
    },
    PlaceTaken {
        bulletin: u64,
        messages: LocalizedText,
    },
    PlaceReserved {
        bulletin: u64,
        messages: LocalizedText,
    },
    PlaceOtherQueue {
        id: u64,
        bulletin: u64,
        messages: LocalizedText,
    },
    PlaceHeldElsewhere {
        id: u64,
        bulletin: u64,
        held: u64,
        messages: LocalizedText,
    },
    DistributionNotStarted {
        date: CivilDate,
        starts: CivilDate,
        messages: LocalizedText,
    },
    KindergartenUnknown {
        kindergarten: String,
        messages: LocalizedText,
    },
    WaitingListNotNeeded {
        kindergarten: String,
        free: u32,
        messages: LocalizedText,
    },
    RestoreUsed {
        id: u64,
        allowed: u32,
        messages: LocalizedText,
    },
    // The life of an application (RULES.md §2–§8).
    RegistrationRefused {
        failures: Vec<crate::types::Check>,
        messages: LocalizedText,
    },
    BenefitRefused {
        failures: Vec<crate::types::Check>,
        messages: LocalizedText,
    },
    BirthDateRefused {
        failures: Vec<crate::types::Check>,
        messages: LocalizedText,
    },
    NotEligible {
        id: u64,
        failed: Vec<String>,
        messages: LocalizedText,
    },
    ApplicationUnknown {
        id: u64,
        messages: LocalizedText,
    },
    StateForbids {
        id: u64,
        command: String,
        state: StateName,
        messages: LocalizedText,
    },
    TimeBeforeClock {
        at: CivilMoment,
        now: CivilMoment,
        messages: LocalizedText,
    },
    RevocationClosed {
        id: u64,
        closed_at: CivilMoment,
        messages: LocalizedText,
    },
    ExtensionUsed {
        id: u64,
        allowed: u32,
        messages: LocalizedText,
    },
    ExtensionTooLong {
        id: u64,
        asked: CivilDate,
        latest: CivilDate,
        messages: LocalizedText,
    },
    ExtensionTooShort {
        id: u64,
        asked: CivilDate,
        current: CivilDate,
        messages: LocalizedText,
    },
    RightNotConfirmed {
        id: u64,
        messages: LocalizedText,
    },
    RightNotRequired {
        id: u64,
        messages: LocalizedText,
    },
    InterestTooEarly {
        id: u64,
        opens_at: CivilMoment,
        messages: LocalizedText,
    },
    InterestAlreadyConfirmed {
        id: u64,
        anniversary: CivilDate,
        messages: LocalizedText,
    },
    ApplicantAlreadyLinked {
        id: u64,
        messages: LocalizedText,
    },
    BatchRefused {
        rule: String,
        messages: LocalizedText,
    },
    SnapshotFormat {
        line: u64,
        column: u64,
        detail: String,
        messages: LocalizedText,
    },
    SnapshotVersion {
        found: u32,
        supported: u32,
        messages: LocalizedText,
    },
    SnapshotInconsistent {
        invariant: String,
        detail: String,
        messages: LocalizedText,
    },
}

#[uniffi::export]
impl KezekError {
    /// The stable machine code (`IIN_CHECKSUM`), the same in every binding.
    #[must_use]
    pub fn code(&self) -> String {
        code(self)
    }

    /// The error's class, as in the other bindings' class trees.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        kind(self)
    }

    /// The message in `lang`.
    #[must_use]
    pub fn message_in(&self, lang: Lang) -> String {
        localized(self).get(lang).to_owned()
    }
}

/// The message of every error in the three languages, as the core wrote it.
fn localized(e: &KezekError) -> LocalizedText {
    use KezekError as K;
    match e {
        K::Internal { messages, .. }
        | K::InputType { messages, .. }
        | K::InputFormat { messages, .. }
        | K::InputDepth { messages, .. }
        | K::InputFreed { messages, .. }
        | K::InputTooLarge { messages, .. }
        | K::IinLength { messages, .. }
        | K::IinNonDigit { messages, .. }
        | K::IinBirthDate { messages, .. }
        | K::IinChecksum { messages }
        | K::IinSerial { messages, .. }
        | K::CalendarYearUnknown { messages, .. }
        | K::CalendarDataNeeded { messages, .. }
        | K::CalendarOutOfRange { messages, .. }
        | K::CalendarFormat { messages, .. }
        | K::CalendarSpan { messages, .. }
        | K::CalendarHoliday { messages, .. }
        | K::CalendarYearOutsideSpan { messages, .. }
        | K::CalendarTransfer { messages, .. }
        | K::CalendarJson { messages, .. }
        | K::PolicyUnknownRegion { messages, .. }
        | K::PolicyNotInForce { messages, .. }
        | K::PolicyUnknown { messages, .. }
        | K::PolicyDuplicate { messages, .. }
        | K::PolicyUnit { messages, .. }
        | K::PolicyValue { messages, .. }
        | K::PolicyRegion { messages, .. }
        | K::PolicyFormat { messages, .. }
        | K::PolicyJson { messages, .. }
        | K::BulletinInvalid { messages, .. }
        | K::BulletinUnknown { messages, .. }
        | K::PlacesFrozen { messages, .. }
        | K::PlaceTaken { messages, .. }
        | K::PlaceReserved { messages, .. }
        | K::PlaceOtherQueue { messages, .. }
        | K::PlaceHeldElsewhere { messages, .. }
        | K::DistributionNotStarted { messages, .. }
        | K::KindergartenUnknown { messages, .. }
        | K::WaitingListNotNeeded { messages, .. }
        | K::RestoreUsed { messages, .. }
        | K::RegistrationRefused { messages, .. }
        | K::BenefitRefused { messages, .. }
        | K::BirthDateRefused { messages, .. }
        | K::NotEligible { messages, .. }
        | K::ApplicationUnknown { messages, .. }
        | K::StateForbids { messages, .. }
        | K::TimeBeforeClock { messages, .. }
        | K::RevocationClosed { messages, .. }
        | K::ExtensionUsed { messages, .. }
        | K::ExtensionTooLong { messages, .. }
        | K::ExtensionTooShort { messages, .. }
        | K::RightNotConfirmed { messages, .. }
        | K::RightNotRequired { messages, .. }
        | K::InterestTooEarly { messages, .. }
        | K::InterestAlreadyConfirmed { messages, .. }
        | K::ApplicantAlreadyLinked { messages, .. }
        | K::BatchRefused { messages, .. }
        | K::SnapshotFormat { messages, .. }
        | K::SnapshotVersion { messages, .. }
        | K::SnapshotInconsistent { messages, .. } => messages.clone(),
    }
}

/// The machine code of each variant: the core's codes (`tests/conformance/error-codes.json`)
/// and the bindings' `INTERNAL`.
fn code(e: &KezekError) -> String {
    use KezekError as K;
    let code = match e {
        K::InputType { .. } => "INPUT_TYPE",
        K::InputFormat { .. } => "INPUT_FORMAT",
        K::InputDepth { .. } => "INPUT_DEPTH",
        K::InputFreed { .. } => "INPUT_FREED",
        K::InputTooLarge { .. } => "INPUT_TOO_LARGE",
        K::Internal { .. } => "INTERNAL",
        K::IinLength { .. } => "IIN_LENGTH",
        K::IinNonDigit { .. } => "IIN_NON_DIGIT",
        K::IinBirthDate { .. } => "IIN_DATE",
        K::IinChecksum { .. } => "IIN_CHECKSUM",
        K::IinSerial { .. } => "IIN_SERIAL",
        K::CalendarYearUnknown { .. } => "CALENDAR_YEAR_UNKNOWN",
        K::CalendarDataNeeded { .. } => "CALENDAR_DATA_NEEDED",
        K::CalendarOutOfRange { .. } => "CALENDAR_OUT_OF_RANGE",
        K::CalendarFormat { .. } => "CALENDAR_FORMAT",
        K::CalendarSpan { .. } => "CALENDAR_SPAN",
        K::CalendarHoliday { .. } => "CALENDAR_HOLIDAY",
        K::CalendarYearOutsideSpan { .. } => "CALENDAR_YEAR_OUTSIDE_SPAN",
        K::CalendarTransfer { .. } => "CALENDAR_TRANSFER",
        K::CalendarJson { .. } => "CALENDAR_JSON",
        K::PolicyUnknownRegion { .. } => "POLICY_UNKNOWN_REGION",
        K::PolicyNotInForce { .. } => "POLICY_NOT_IN_FORCE",
        K::PolicyUnknown { .. } => "POLICY_UNKNOWN_ID",
        K::PolicyDuplicate { .. } => "POLICY_DUPLICATE",
        K::PolicyUnit { .. } => "POLICY_UNIT",
        K::PolicyValue { .. } => "POLICY_VALUE",
        K::PolicyRegion { .. } => "POLICY_REGION",
        K::PolicyFormat { .. } => "POLICY_FORMAT",
        K::PolicyJson { .. } => "POLICY_JSON",
        K::BulletinInvalid { .. } => "BULLETIN_INVALID",
        K::BulletinUnknown { .. } => "BULLETIN_UNKNOWN",
        K::PlacesFrozen { .. } => "PLACES_FROZEN",
        K::PlaceTaken { .. } => "PLACE_TAKEN",
        K::PlaceReserved { .. } => "PLACE_RESERVED",
        K::PlaceOtherQueue { .. } => "PLACE_OTHER_QUEUE",
        K::PlaceHeldElsewhere { .. } => "PLACE_HELD_ELSEWHERE",
        K::DistributionNotStarted { .. } => "DISTRIBUTION_NOT_STARTED",
        K::KindergartenUnknown { .. } => "KINDERGARTEN_UNKNOWN",
        K::WaitingListNotNeeded { .. } => "WAITING_LIST_NOT_NEEDED",
        K::RestoreUsed { .. } => "RESTORE_USED",
        K::RegistrationRefused { .. } => "REGISTRATION_REFUSED",
        K::BenefitRefused { .. } => "BENEFIT_REFUSED",
        K::BirthDateRefused { .. } => "BIRTH_DATE_REFUSED",
        K::NotEligible { .. } => "NOT_ELIGIBLE",
        K::ApplicationUnknown { .. } => "APPLICATION_UNKNOWN",
        K::StateForbids { .. } => "STATE_FORBIDS",
        K::TimeBeforeClock { .. } => "TIME_BEFORE_CLOCK",
        K::RevocationClosed { .. } => "REVOCATION_CLOSED",
        K::ExtensionUsed { .. } => "EXTENSION_USED",
        K::ExtensionTooLong { .. } => "EXTENSION_TOO_LONG",
        K::ExtensionTooShort { .. } => "EXTENSION_TOO_SHORT",
        K::RightNotConfirmed { .. } => "RIGHT_NOT_CONFIRMED",
        K::RightNotRequired { .. } => "RIGHT_NOT_REQUIRED",
        K::InterestTooEarly { .. } => "INTEREST_TOO_EARLY",
        K::InterestAlreadyConfirmed { .. } => "INTEREST_ALREADY_CONFIRMED",
        K::ApplicantAlreadyLinked { .. } => "APPLICANT_ALREADY_LINKED",
        K::BatchRefused { rule, .. } => return rule.clone(),
        K::SnapshotFormat { .. } => "SNAPSHOT_FORMAT",
        K::SnapshotVersion { .. } => "SNAPSHOT_VERSION",
        K::SnapshotInconsistent { .. } => "SNAPSHOT_INCONSISTENT",
    };
    code.to_owned()
}

fn kind(e: &KezekError) -> ErrorKind {
    use ErrorKind as E;
    use KezekError as K;
    match e {
        K::InputType { .. }
        | K::InputFormat { .. }
        | K::InputDepth { .. }
        | K::InputFreed { .. }
        | K::InputTooLarge { .. } => E::Input,
        K::Internal { .. } => E::Internal,
        K::IinLength { .. }
        | K::IinNonDigit { .. }
        | K::IinBirthDate { .. }
        | K::IinChecksum { .. }
        | K::IinSerial { .. } => E::Iin,
        K::CalendarYearUnknown { .. }
        | K::CalendarDataNeeded { .. }
        | K::CalendarOutOfRange { .. }
        | K::CalendarFormat { .. }
        | K::CalendarSpan { .. }
        | K::CalendarHoliday { .. }
        | K::CalendarYearOutsideSpan { .. }
        | K::CalendarTransfer { .. }
        | K::CalendarJson { .. } => E::Calendar,
        K::PolicyUnknownRegion { .. } | K::PolicyNotInForce { .. } | K::PolicyUnknown { .. } => {
            E::PolicyNotFound
        }
        K::PolicyDuplicate { .. }
        | K::PolicyUnit { .. }
        | K::PolicyValue { .. }
        | K::PolicyRegion { .. }
        | K::PolicyFormat { .. }
        | K::PolicyJson { .. } => E::PolicyInvalid,
        K::BulletinUnknown { .. } => E::BulletinNotFound,
        K::KindergartenUnknown { .. } => E::KindergartenNotFound,
        K::BulletinInvalid { .. }
        | K::PlacesFrozen { .. }
        | K::PlaceTaken { .. }
        | K::PlaceReserved { .. }
        | K::PlaceOtherQueue { .. }
        | K::PlaceHeldElsewhere { .. }
        | K::DistributionNotStarted { .. }
        | K::WaitingListNotNeeded { .. }
        | K::RestoreUsed { .. } => E::PlacesRefused,
        K::ApplicationUnknown { .. } => E::ApplicationNotFound,
        K::SnapshotFormat { .. } | K::SnapshotVersion { .. } | K::SnapshotInconsistent { .. } => {
            E::Snapshot
        }
        K::RegistrationRefused { .. }
        | K::BenefitRefused { .. }
        | K::BirthDateRefused { .. }
        | K::NotEligible { .. }
        | K::StateForbids { .. }
        | K::TimeBeforeClock { .. }
        | K::RevocationClosed { .. }
        | K::ExtensionUsed { .. }
        | K::ExtensionTooLong { .. }
        | K::ExtensionTooShort { .. }
        | K::RightNotConfirmed { .. }
        | K::RightNotRequired { .. }
        | K::InterestTooEarly { .. }
        | K::InterestAlreadyConfirmed { .. }
        | K::ApplicantAlreadyLinked { .. }
        | K::BatchRefused { .. } => E::CommandRefused,
    }
}
