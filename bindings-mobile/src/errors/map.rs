//! The exhaustive maps from the core's error enums to `KezekError`: one arm per core
//! variant, no wildcard.

use kezek::allocation::AllocationError;
use kezek::input::InputError;
use kezek::InternalError;
use kezek::PolicyError;
use kezek::{CalendarError, IinError, Lang, LifecycleError, LocalizedError, LocalizedText};

use super::KezekError;

/// A core error's message in the three languages.
fn texts(e: &impl LocalizedError) -> LocalizedText {
    LocalizedText::new(
        e.message(Lang::Kk),
        e.message(Lang::Ru),
        e.message(Lang::En),
    )
}

/// A count as the binding's integer type (`usize` is at most 64 bits on every target).
fn n(v: usize) -> u64 {
    v as u64
}

impl From<InternalError> for KezekError {
    fn from(e: InternalError) -> Self {
        let messages = texts(&e);
        Self::Internal {
            panic: e.panic,
            messages,
        }
    }
}

impl From<InputError> for KezekError {
    fn from(e: InputError) -> Self {
        let messages = texts(&e);
        match e {
            InputError::Type {
                what,
                expected,
                found,
            } => Self::InputType {
                what,
                expected,
                found,
                messages,
            },
            InputError::Format { what, detail } => Self::InputFormat {
                what,
                detail,
                messages,
            },
            InputError::Depth { what, limit } => Self::InputDepth {
                what,
                limit: n(limit),
                messages,
            },
            InputError::Freed { what } => Self::InputFreed { what, messages },
            InputError::TooLarge { what, limit, found } => Self::InputTooLarge {
                what,
                limit,
                found,
                messages,
            },
        }
    }
}

impl From<IinError> for KezekError {
    fn from(e: IinError) -> Self {
        let messages = texts(&e);
        match e {
            IinError::Length { found } => Self::IinLength {
                found: n(found),
                messages,
            },
            IinError::NonDigit { position } => Self::IinNonDigit {
                position: n(position),
                messages,
            },
            IinError::BirthDate { part } => Self::IinBirthDate {
                part: part.as_str().to_owned(),
                messages,
            },
            IinError::Checksum => Self::IinChecksum { messages },
            IinError::Serial { found } => Self::IinSerial { found, messages },
        }
    }
}

impl From<CalendarError> for KezekError {
    fn from(e: CalendarError) -> Self {
        let messages = texts(&e);
        match e {
            CalendarError::YearUnknown { year } => Self::CalendarYearUnknown { year, messages },
            CalendarError::OutOfRange {
                first_year,
                last_year,
            } => Self::CalendarOutOfRange {
                first_year,
                last_year,
                messages,
            },
            CalendarError::Format { found, expected } => Self::CalendarFormat {
                found,
                expected,
                messages,
            },
            CalendarError::Span {
                first_year,
                last_year,
            } => Self::CalendarSpan {
                first_year,
                last_year,
                messages,
            },
            CalendarError::Holiday { id } => Self::CalendarHoliday { id, messages },
            CalendarError::YearOutsideSpan { year } => {
                Self::CalendarYearOutsideSpan { year, messages }
            }
            CalendarError::Transfer { from, to } => Self::CalendarTransfer { from, to, messages },
            CalendarError::Json {
                line,
                column,
                detail,
            } => Self::CalendarJson {
                line: n(line),
                column: n(column),
                detail,
                messages,
            },
        }
    }
}

impl From<PolicyError> for KezekError {
    fn from(e: PolicyError) -> Self {
        let messages = texts(&e);
        match e {
            PolicyError::UnknownRegion { region } => Self::PolicyUnknownRegion { region, messages },
            PolicyError::NotInForce { region, date } => Self::PolicyNotInForce {
                region,
                date,
                messages,
            },
            PolicyError::UnknownPolicy { id } => Self::PolicyUnknown { id, messages },
            PolicyError::Duplicate { id } => Self::PolicyDuplicate { id, messages },
            PolicyError::Unit {
                policy,
                parameter,
                unit,
            } => Self::PolicyUnit {
                policy,
                parameter: parameter.to_owned(),
                unit: unit.to_owned(),
                messages,
            },
            PolicyError::Value {
                policy,
                parameter,
                reason,
            } => Self::PolicyValue {
                policy,
                parameter: parameter.to_owned(),
                reason: reason.to_owned(),
                messages,
            },
            PolicyError::PolicyRegion { policy, region } => Self::PolicyRegion {
                policy,
                region,
                messages,
            },
            PolicyError::Format { found, supported } => Self::PolicyFormat {
                found,
                supported,
                messages,
            },
            PolicyError::Json {
                line,
                column,
                detail,
            } => Self::PolicyJson {
                line: n(line),
                column: n(column),
                detail,
                messages,
            },
        }
    }
}

impl From<AllocationError> for KezekError {
    fn from(e: AllocationError) -> Self {
        let messages = texts(&e);
        match e {
            AllocationError::BulletinInvalid { field, detail } => Self::BulletinInvalid {
                field: field.to_owned(),
                detail,
                messages,
            },
            AllocationError::UnknownBulletin { bulletin } => Self::BulletinUnknown {
                bulletin: bulletin.0,
                messages,
            },
            AllocationError::Frozen { date } => Self::PlacesFrozen { date, messages },
            AllocationError::PlaceTaken { bulletin } => Self::PlaceTaken {
                bulletin: bulletin.0,
                messages,
            },
            AllocationError::PlaceReserved { bulletin } => Self::PlaceReserved {
                bulletin: bulletin.0,
                messages,
            },
            AllocationError::PlaceOtherQueue { id, bulletin } => Self::PlaceOtherQueue {
                id: id.0,
                bulletin: bulletin.0,
                messages,
            },
            AllocationError::PlaceHeldElsewhere { id, bulletin, held } => {
                Self::PlaceHeldElsewhere {
                    id: id.0,
                    bulletin: bulletin.0,
                    held: held.0,
                    messages,
                }
            }
            AllocationError::DistributionNotStarted { date, starts } => {
                Self::DistributionNotStarted {
                    date,
                    starts,
                    messages,
                }
            }
            AllocationError::UnknownKindergarten { kindergarten } => Self::KindergartenUnknown {
                kindergarten,
                messages,
            },
            AllocationError::WaitingListNotNeeded { kindergarten, free } => {
                Self::WaitingListNotNeeded {
                    kindergarten,
                    free,
                    messages,
                }
            }
            AllocationError::RestoreUsed { id, allowed } => Self::RestoreUsed {
                id: id.0,
                allowed,
                messages,
            },
        }
    }
}

impl From<LifecycleError> for KezekError {
    #[allow(clippy::too_many_lines)] // one arm per variant
    fn from(e: LifecycleError) -> Self {
        let messages = texts(&e);
        let checks = |f: &[kezek::eligibility::Check]| f.iter().map(Into::into).collect();
        match e {
            LifecycleError::Registration { failures } => Self::RegistrationRefused {
                failures: checks(&failures),
                messages,
            },
            LifecycleError::Benefit { failures } => Self::BenefitRefused {
                failures: checks(&failures),
                messages,
            },
            LifecycleError::BirthDate { failures } => Self::BirthDateRefused {
                failures: checks(&failures),
                messages,
            },
            LifecycleError::NotEligible { id, failed } => Self::NotEligible {
                id: id.0,
                failed: failed.iter().map(|c| (*c).to_owned()).collect(),
                messages,
            },
            LifecycleError::UnknownApplication { id } => {
                Self::ApplicationUnknown { id: id.0, messages }
            }
            LifecycleError::StateForbids { id, command, state } => Self::StateForbids {
                id: id.0,
                command: command.to_owned(),
                state,
                messages,
            },
            LifecycleError::TimeBeforeClock { at, now } => {
                Self::TimeBeforeClock { at, now, messages }
            }
            LifecycleError::RevocationClosed { id, closed_at } => Self::RevocationClosed {
                id: id.0,
                closed_at,
                messages,
            },
            LifecycleError::ExtensionUsed { id, allowed } => Self::ExtensionUsed {
                id: id.0,
                allowed,
                messages,
            },
            LifecycleError::ExtensionTooLong { id, asked, latest } => Self::ExtensionTooLong {
                id: id.0,
                asked,
                latest,
                messages,
            },
            LifecycleError::ExtensionTooShort { id, asked, current } => Self::ExtensionTooShort {
                id: id.0,
                asked,
                current,
                messages,
            },
            LifecycleError::RightNotConfirmed { id } => {
                Self::RightNotConfirmed { id: id.0, messages }
            }
            LifecycleError::RightNotRequired { id } => {
                Self::RightNotRequired { id: id.0, messages }
            }
            LifecycleError::InterestTooEarly { id, opens_at } => Self::InterestTooEarly {
                id: id.0,
                opens_at,
                messages,
            },
            LifecycleError::InterestAlreadyConfirmed { id, anniversary } => {
                Self::InterestAlreadyConfirmed {
                    id: id.0,
                    anniversary,
                    messages,
                }
            }
            LifecycleError::ApplicantAlreadyLinked { id } => {
                Self::ApplicantAlreadyLinked { id: id.0, messages }
            }
            LifecycleError::Batch { rule } => Self::BatchRefused {
                rule: rule.to_owned(),
                messages,
            },
            LifecycleError::SnapshotFormat {
                line,
                column,
                detail,
            } => Self::SnapshotFormat {
                line: n(line),
                column: n(column),
                detail,
                messages,
            },
            LifecycleError::SnapshotVersion { found, supported } => Self::SnapshotVersion {
                found,
                supported,
                messages,
            },
            LifecycleError::SnapshotInconsistent { invariant, detail } => {
                Self::SnapshotInconsistent {
                    invariant: invariant.to_owned(),
                    detail,
                    messages,
                }
            }
            LifecycleError::Iin(inner) => inner.into(),
            LifecycleError::Calendar(inner) => inner.into(),
            LifecycleError::CalendarNeeded { last_year, needed } => Self::CalendarDataNeeded {
                last_year,
                needed,
                messages,
            },
            LifecycleError::Allocation(inner) => inner.into(),
            LifecycleError::Policy(inner) => inner.into(),
        }
    }
}
