//! The history of an application and the engine's command log (`RULES.md §2` \[004\]:
//! "every change is kept in the application's history").

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::state::StateName;
use crate::allocation::bulletin::{BulletinId, NewBulletin};
use std::sync::Arc;

use crate::application::{Application, ApplicationId, Document};
use crate::iin::Iin;

/// Who or what caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The applicant (a parent or legal representative) through the portal.
    Applicant,
    /// The education department's operator (or the host's offer round).
    Operator,
    /// The kindergarten.
    Kindergarten,
    /// A deadline, applied by the engine.
    Deadline,
}

/// Why an event happened: a stable code per kind of transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // each variant is its own code; `Reason::code` lists them
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
    /// Another member of the twins/triplets batch left the queue (withdrawn, removed,
    /// enrolled): it left the batch (`RULES.md §4`; issue 23). The detail is its id.
    BatchMemberLeft,
    /// The applicant unlinked the batch: each member stands again at its own place.
    BatchUnlinked,
    BenefitChanged,
    /// The register corrected the child's birth date (`Engine::correct_birth_date`;
    /// `RULES.md §1`, revised 2026-12): the child keeps its registration moment and stands
    /// in the queue of its new birth year. The detail is the new date.
    BirthDateCorrected,
    /// Calendar data was added (`Engine::patch_calendar`): the state's deadlines were
    /// counted again and moved, or lost their provisional mark (`RULES.md §9`; issue 23).
    /// The detail is the new last day of the first that moved.
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
    /// The applicant ranked kindergartens anew (`RULES.md §5a`); the detail lists them,
    /// best first.
    RankedChoicesChanged,
}

impl Reason {
    /// Every variant, in declaration order.
    pub const ALL: [Reason; 36] = [
        Reason::Registered,
        Reason::NoticeSent,
        Reason::NoticeExpired,
        Reason::DirectionIssued,
        Reason::FreeChoiceTaken,
        Reason::DirectionRevoked,
        Reason::DirectionExtended,
        Reason::RightConfirmed,
        Reason::RightNotConfirmed,
        Reason::DirectionLapsed,
        Reason::RemovedAfterLapses,
        Reason::StopListEnded,
        Reason::Enrolled,
        Reason::Released,
        Reason::Withdrawn,
        Reason::InterestConfirmed,
        Reason::InterestNotConfirmed,
        Reason::AgedOut,
        Reason::ApplicantLinked,
        Reason::BatchLinked,
        Reason::BatchMemberLeft,
        Reason::BatchUnlinked,
        Reason::BenefitChanged,
        Reason::BirthDateCorrected,
        Reason::DeadlineRecomputed,
        Reason::VoucherOffered,
        Reason::VoucherConfirmed,
        Reason::VoucherNotConfirmed,
        Reason::VoucherRefused,
        Reason::Restored,
        Reason::NotRestored,
        Reason::ContractSigned,
        Reason::ContractNotSigned,
        Reason::WaitingListJoined,
        Reason::WaitingListPlace,
        Reason::RankedChoicesChanged,
    ];

    /// The code, e.g. `"NOTICE_EXPIRED"`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Reason::Registered => "REGISTERED",
            Reason::NoticeSent => "NOTICE_SENT",
            Reason::NoticeExpired => "NOTICE_EXPIRED",
            Reason::DirectionIssued => "DIRECTION_ISSUED",
            Reason::FreeChoiceTaken => "FREE_CHOICE_TAKEN",
            Reason::DirectionRevoked => "DIRECTION_REVOKED",
            Reason::DirectionExtended => "DIRECTION_EXTENDED",
            Reason::RightConfirmed => "RIGHT_CONFIRMED",
            Reason::RightNotConfirmed => "RIGHT_NOT_CONFIRMED",
            Reason::DirectionLapsed => "DIRECTION_LAPSED",
            Reason::RemovedAfterLapses => "REMOVED_AFTER_LAPSES",
            Reason::StopListEnded => "STOP_LIST_ENDED",
            Reason::Enrolled => "ENROLLED",
            Reason::Released => "RELEASED",
            Reason::Withdrawn => "WITHDRAWN",
            Reason::InterestConfirmed => "INTEREST_CONFIRMED",
            Reason::InterestNotConfirmed => "INTEREST_NOT_CONFIRMED",
            Reason::AgedOut => "AGED_OUT",
            Reason::ApplicantLinked => "APPLICANT_LINKED",
            Reason::BatchLinked => "BATCH_LINKED",
            Reason::BatchMemberLeft => "BATCH_MEMBER_LEFT",
            Reason::BatchUnlinked => "BATCH_UNLINKED",
            Reason::BenefitChanged => "BENEFIT_CHANGED",
            Reason::BirthDateCorrected => "BIRTH_DATE_CORRECTED",
            Reason::DeadlineRecomputed => "DEADLINE_RECOMPUTED",
            Reason::VoucherOffered => "VOUCHER_OFFERED",
            Reason::VoucherConfirmed => "VOUCHER_CONFIRMED",
            Reason::VoucherNotConfirmed => "VOUCHER_NOT_CONFIRMED",
            Reason::VoucherRefused => "VOUCHER_REFUSED",
            Reason::Restored => "RESTORED",
            Reason::NotRestored => "NOT_RESTORED",
            Reason::ContractSigned => "CONTRACT_SIGNED",
            Reason::ContractNotSigned => "CONTRACT_NOT_SIGNED",
            Reason::WaitingListJoined => "WAITING_LIST_JOINED",
            Reason::WaitingListPlace => "WAITING_LIST_PLACE",
            Reason::RankedChoicesChanged => "RANKED_CHOICES_CHANGED",
        }
    }
}

/// One entry of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Engine-wide sequence number: events are totally ordered.
    pub seq: u64,
    /// The moment it took effect (for a deadline, the moment the period passed).
    pub at: NaiveDateTime,
    /// Who or what caused it.
    pub actor: Actor,
    /// The state before.
    pub from: StateName,
    /// The state after (equal to `from` for changes that keep the state).
    pub to: StateName,
    /// Why.
    pub reason: Reason,
    /// What the event names, if anything: a kindergarten, a deadline's last day…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Arc<str>>,
}

/// A command accepted by the engine, as kept in its log: replaying the log rebuilds the
/// engine (`Engine::replay`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
#[allow(missing_docs)] // fields mirror the `Engine` method of the same name
pub enum Command {
    /// The application as registered (its id, class and moment included), shared with
    /// the engine's record; replaying registers [`Application::to_new`] again.
    Register {
        application: Arc<Application>,
    },
    AdvanceTo {},
    Notify {
        id: ApplicationId,
        vacancies: u32,
    },
    IssueDirection {
        id: ApplicationId,
        kindergarten: String,
    },
    Revoke {
        id: ApplicationId,
    },
    Extend {
        id: ApplicationId,
        until: NaiveDate,
    },
    ConfirmRight {
        id: ApplicationId,
    },
    Enroll {
        id: ApplicationId,
    },
    Release {
        id: ApplicationId,
    },
    Withdraw {
        id: ApplicationId,
    },
    ConfirmInterest {
        id: ApplicationId,
    },
    LinkApplicant {
        id: ApplicationId,
        applicant: Iin,
    },
    LinkBatch {
        ids: Vec<ApplicationId>,
    },
    UnlinkBatch {
        id: ApplicationId,
    },
    UpdateBenefit {
        id: ApplicationId,
        benefit: Option<String>,
        documents: Vec<Document>,
    },
    CorrectBirthDate {
        id: ApplicationId,
        birth_date: NaiveDate,
    },
    Publish {
        bulletins: Vec<NewBulletin>,
    },
    OfferRound {
        bulletin: BulletinId,
    },
    Distribute {},
    TakePlace {
        id: ApplicationId,
        bulletin: BulletinId,
    },
    ConfirmVoucher {
        id: ApplicationId,
    },
    RefuseVoucher {
        id: ApplicationId,
    },
    Restore {
        id: ApplicationId,
    },
    SignContract {
        id: ApplicationId,
        bulletin: BulletinId,
    },
    JoinWaitingList {
        id: ApplicationId,
        kindergarten: String,
    },
    PatchCalendar {
        patch: crate::calendar::CalendarPatch,
    },
    AddKindergartens {
        kindergartens: Vec<crate::allocation::Kindergarten>,
    },
    ChangeRankedChoices {
        id: ApplicationId,
        choices: Vec<Arc<str>>,
    },
}

/// One accepted command and its moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The moment the caller gave.
    pub at: NaiveDateTime,
    /// The command.
    #[serde(flatten)]
    pub command: Command,
}

// `ALL` lists every variant: a new one changes the last discriminant.
const _: () = assert!(Reason::ALL.len() == Reason::RankedChoicesChanged as usize + 1);
