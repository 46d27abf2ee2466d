//! The life of an application as Kotlin/Swift data (`RULES.md §4–§8`): its state with the
//! deadlines it runs against, its history, its next deadline, and explained decisions.

use kezek::allocation::BulletinId;
use kezek::calendar::Deadline;
use kezek::eligibility::{Decision as CoreDecision, Question};
use kezek::lifecycle::{
    Actor, Direction as CoreDirection, DueKind, Event as CoreEvent, Interest, Reason,
    RemovalReason, State as CoreState, StateName, Via,
};

use crate::types::{Check, CivilMoment};

uniffi::custom_type!(BulletinId, u64, {
    remote,
    lower: |id| id.0,
    try_lift: |n| Ok(BulletinId(n)),
});

/// How a direction was obtained.
#[uniffi::remote(Enum)]
pub enum Via {
    Notice,
    FreeChoice,
    RankedChoice,
}

/// Why an application left the queue.
#[uniffi::remote(Enum)]
pub enum RemovalReason {
    Lapses,
    InterestNotConfirmed,
    AgedOut,
    VoucherRefused,
    NotRestored,
}

/// The yearly confirmation of interest (`RULES.md §7`).
#[uniffi::remote(Record)]
pub struct Interest {
    pub anniversary: u32,
    pub confirmed: bool,
}

/// What an application's next deadline is.
#[uniffi::remote(Enum)]
pub enum DueKind {
    NoticeExpires,
    RightExpires,
    DirectionLapses,
    StopListEnds,
    InterestAnniversary,
    AgesOut,
    ConsentExpires,
    ContractExpires,
    RestoreExpires,
}

/// Who caused an event.
#[uniffi::remote(Enum)]
pub enum Actor {
    Applicant,
    Operator,
    Kindergarten,
    Deadline,
}

/// Why an event happened (its stable code is `reasonCode(reason)`: `NOTICE_SENT`).
#[uniffi::remote(Enum)]
pub enum Reason {
    Registered,
    NoticeSent,
    NoticeExpired,
    DirectionIssued,
    FreeChoiceTaken,
    DirectionRevoked,
    DirectionExtended,
    RightConfirmed,
    RightNotConfirmed,
    DirectionLapsed,
    RemovedAfterLapses,
    StopListEnded,
    Enrolled,
    Released,
    Withdrawn,
    InterestConfirmed,
    InterestNotConfirmed,
    AgedOut,
    ApplicantLinked,
    BatchLinked,
    BatchMemberLeft,
    BatchUnlinked,
    BenefitChanged,
    BirthDateCorrected,
    DeadlineRecomputed,
    VoucherOffered,
    VoucherConfirmed,
    VoucherNotConfirmed,
    VoucherRefused,
    Restored,
    NotRestored,
    ContractSigned,
    ContractNotSigned,
    WaitingListJoined,
    WaitingListPlace,
    RankedChoicesChanged,
}

/// What a decision answers.
#[uniffi::remote(Enum)]
pub enum Question {
    MayRegister,
    MayBeOffered,
    MayBeRemovedForAge,
    MayTakePlace,
}

/// The stable code of an event's reason (`NOTICE_SENT`), as in the shared files.
#[uniffi::export]
#[must_use]
pub fn reason_code(reason: Reason) -> String {
    reason.code().to_owned()
}

/// A direction to a kindergarten and the deadlines it runs against (`RULES.md §5–§6`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Direction {
    /// The kindergarten's id.
    pub kindergarten: String,
    /// When it was issued.
    pub issued_at: CivilMoment,
    /// How it was obtained.
    pub via: Via,
    /// The child must show up by then.
    pub show_up_by: Deadline,
    /// It may be given back without a lapse until then.
    pub revocable_until: Deadline,
    /// Extensions used so far.
    pub extensions_used: u32,
    /// An out-of-turn right must be confirmed by then.
    pub right_confirm_by: Option<Deadline>,
    /// The bulletin whose place it holds.
    pub bulletin: Option<BulletinId>,
}

/// An application's state (`RULES.md §5–§8`). Each variant's doc names what its fields
/// mean; the deadlines are those of `RULES.md §5–§8` computed on the engine's calendar.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum State {
    /// Waiting in the queue.
    Queued,
    /// A notice of places was sent; a place must be chosen by `choose_by`.
    NoticeSent {
        sent_at: CivilMoment,
        choose_by: Deadline,
        bulletin: Option<BulletinId>,
    },
    /// A direction was issued.
    DirectionIssued { direction: Direction },
    /// Out of the offers until `until`.
    StopListed { since: CivilMoment, until: Deadline },
    /// Enrolled in a kindergarten.
    Enrolled {
        kindergarten: String,
        at: CivilMoment,
        bulletin: Option<BulletinId>,
    },
    /// A voucher was offered; consent by `consent_by`.
    VoucherOffered {
        offered_at: CivilMoment,
        consent_by: Deadline,
        bulletin: BulletinId,
    },
    /// A voucher was confirmed; the contract by `contract_by`.
    VoucherConfirmed {
        confirmed_at: CivilMoment,
        contract_by: Deadline,
        bulletin: BulletinId,
        place_held: bool,
    },
    /// Inactive; may be restored by `restore_by`.
    Inactive {
        since: CivilMoment,
        restore_by: Deadline,
    },
    /// On a kindergarten's waiting list.
    WaitingList {
        kindergarten: String,
        since: CivilMoment,
    },
    /// Left the kindergarten.
    Released {
        kindergarten: String,
        at: CivilMoment,
    },
    /// Removed from the queue.
    Removed {
        reason: RemovalReason,
        at: CivilMoment,
    },
    /// Withdrawn by the applicant.
    Withdrawn { at: CivilMoment },
}

/// One event of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Event {
    /// Its order in the engine.
    pub seq: u64,
    /// When it happened.
    pub at: CivilMoment,
    /// Who caused it.
    pub actor: Actor,
    /// The state before.
    pub from: StateName,
    /// The state after.
    pub to: StateName,
    /// Why.
    pub reason: Reason,
    /// More about it (a kindergarten, a benefit), where there is more.
    pub detail: Option<String>,
}

/// An application's next deadline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NextDeadline {
    /// When it falls.
    pub at: CivilMoment,
    /// What happens then.
    pub kind: DueKind,
}

/// When interest must next be confirmed (`RULES.md §2`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InterestDue {
    /// Which anniversary of registration (1 = the first).
    pub anniversary: u32,
    /// The anniversary's deadline: a confirmation counts until it ends.
    pub confirm_by: kezek::calendar::Deadline,
    /// From when a confirmation counts.
    pub opens_at: CivilMoment,
    /// Whether it is confirmed already.
    pub confirmed: bool,
}

impl From<kezek::lifecycle::InterestDue> for InterestDue {
    fn from(d: kezek::lifecycle::InterestDue) -> Self {
        Self {
            anniversary: d.anniversary,
            confirm_by: d.confirm_by,
            opens_at: d.opens_at,
            confirmed: d.confirmed,
        }
    }
}

/// An explained answer: every rule checked (`RULES.md §2–§4`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// What it answers.
    pub question: Question,
    /// Every rule checked, with its reason in kk/ru/en.
    pub checks: Vec<Check>,
    /// Whether every rule passes.
    pub allowed: bool,
    /// The codes of the failed rules (a finer code where one exists).
    pub failed: Vec<String>,
}

impl From<&CoreDirection> for Direction {
    fn from(d: &CoreDirection) -> Self {
        Self {
            kindergarten: d.kindergarten.to_string(),
            issued_at: d.issued_at,
            via: d.via,
            show_up_by: d.show_up_by,
            revocable_until: d.revocable_until,
            extensions_used: d.extensions_used,
            right_confirm_by: d.right_confirm_by,
            bulletin: d.bulletin,
        }
    }
}

impl From<&CoreState> for State {
    fn from(s: &CoreState) -> Self {
        match s {
            CoreState::Queued => Self::Queued,
            CoreState::NoticeSent {
                sent_at,
                choose_by,
                bulletin,
            } => Self::NoticeSent {
                sent_at: *sent_at,
                choose_by: *choose_by,
                bulletin: *bulletin,
            },
            CoreState::DirectionIssued(d) => Self::DirectionIssued {
                direction: (&**d).into(),
            },
            CoreState::StopListed { since, until } => Self::StopListed {
                since: *since,
                until: *until,
            },
            CoreState::Enrolled {
                kindergarten,
                at,
                bulletin,
            } => Self::Enrolled {
                kindergarten: kindergarten.to_string(),
                at: *at,
                bulletin: *bulletin,
            },
            CoreState::VoucherOffered {
                offered_at,
                consent_by,
                bulletin,
            } => Self::VoucherOffered {
                offered_at: *offered_at,
                consent_by: *consent_by,
                bulletin: *bulletin,
            },
            CoreState::VoucherConfirmed {
                confirmed_at,
                contract_by,
                bulletin,
                place_held,
            } => Self::VoucherConfirmed {
                confirmed_at: *confirmed_at,
                contract_by: *contract_by,
                bulletin: *bulletin,
                place_held: *place_held,
            },
            CoreState::Inactive { since, restore_by } => Self::Inactive {
                since: *since,
                restore_by: *restore_by,
            },
            CoreState::WaitingList {
                kindergarten,
                since,
            } => Self::WaitingList {
                kindergarten: kindergarten.to_string(),
                since: *since,
            },
            CoreState::Released { kindergarten, at } => Self::Released {
                kindergarten: kindergarten.to_string(),
                at: *at,
            },
            CoreState::Removed { reason, at } => Self::Removed {
                reason: *reason,
                at: *at,
            },
            CoreState::Withdrawn { at } => Self::Withdrawn { at: *at },
        }
    }
}

impl From<&CoreEvent> for Event {
    fn from(e: &CoreEvent) -> Self {
        Self {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            from: e.from,
            to: e.to,
            reason: e.reason,
            detail: e.detail.as_deref().map(str::to_owned),
        }
    }
}

impl From<&CoreDecision> for Decision {
    fn from(d: &CoreDecision) -> Self {
        Self {
            question: d.question,
            checks: d.checks.iter().map(Into::into).collect(),
            allowed: d.allowed(),
            failed: d.failed_codes().into_iter().map(str::to_owned).collect(),
        }
    }
}
