//! The states of an application and their deadlines (`RULES.md §5–§6`).

use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::allocation::bulletin::{BulletinId, Claim};
use crate::calendar::Deadline;

/// Where an application stands in its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum State {
    /// Waiting in the queue.
    Queued,
    /// The child's turn came and a notice was sent; the applicant chooses a kindergarten
    /// before `choose_by` passes, else the child is queued again, keeping its place
    /// (`RULES.md §5` [000, 001]).
    NoticeSent {
        /// When the notice was sent.
        sent_at: NaiveDateTime,
        /// End of the choice window.
        choose_by: Deadline,
        /// The bulletin whose offer round sent it; the applicant chooses among the places
        /// of that bulletin's pool. `None` for a notice the host sent with
        /// [`notify`](super::Engine::notify).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bulletin: Option<BulletinId>,
    },
    /// A direction to a kindergarten was issued (`RULES.md §5–§6`). Boxed: a direction is
    /// three times the size of any other state, and every record holds a state (boxed, it
    /// spares 88 bytes in each of a city's records; the JSON is the same).
    DirectionIssued(Box<Direction>),
    /// The child is on the stop-list after a lapsed direction and cannot receive one until
    /// `until` passes; it keeps its place in the queue (`RULES.md §6` \[001\]).
    StopListed {
        /// When the stop-list began.
        since: NaiveDateTime,
        /// Its end.
        until: Deadline,
    },
    /// The child attends the kindergarten.
    Enrolled {
        /// The kindergarten.
        kindergarten: Arc<str>,
        /// When the kindergarten enrolled the child.
        at: NaiveDateTime,
        /// The bulletin whose place the child fills, if it came from one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bulletin: Option<BulletinId>,
    },
    /// A voucher was offered; the applicant must consent before `consent_by` passes, else
    /// the application becomes inactive (`RULES.md §8`: 2 working days).
    VoucherOffered {
        /// When.
        offered_at: NaiveDateTime,
        /// End of the consent window.
        consent_by: Deadline,
        /// The bulletin whose round offered it; the voucher holds a place of its pool.
        bulletin: BulletinId,
    },
    /// The applicant consented; a kindergarten must be chosen and the contract signed
    /// before `contract_by` passes (`RULES.md §8`: 5 working days).
    VoucherConfirmed {
        /// When the applicant consented (or a waiting list's place came).
        confirmed_at: NaiveDateTime,
        /// End of the contract window.
        contract_by: Deadline,
        /// The bulletin whose pool holds the voucher's place.
        bulletin: BulletinId,
        /// Whether the place is this bulletin's own, held for the child: a place that
        /// came from the kindergarten's waiting list (`RULES.md §8`). Otherwise any free
        /// place of the pool will do.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        place_held: bool,
    },
    /// The voucher was not confirmed in time: the application is inactive and can be
    /// restored before `restore_by` passes, as often as the policy allows (`RULES.md §8`:
    /// once within 28 calendar days); it is removed after that.
    Inactive {
        /// When it became inactive.
        since: NaiveDateTime,
        /// End of the restoration window.
        restore_by: Deadline,
    },
    /// A voucher holder waits on a kindergarten's waiting list for a place there
    /// (`RULES.md §8`); the next place published there goes to the list first, in queue
    /// order.
    WaitingList {
        /// The kindergarten.
        kindergarten: Arc<str>,
        /// When the child joined the list.
        since: NaiveDateTime,
    },
    /// The kindergarten marked the child as leaving (`RULES.md §5` \[000\]).
    Released {
        /// The kindergarten left.
        kindergarten: Arc<str>,
        /// When.
        at: NaiveDateTime,
    },
    /// Removed from the queue by a rule.
    Removed {
        /// Which rule.
        reason: RemovalReason,
        /// When.
        at: NaiveDateTime,
    },
    /// Withdrawn by the applicant.
    Withdrawn {
        /// When.
        at: NaiveDateTime,
    },
}

/// A direction (жолдама) and its deadlines (`RULES.md §6` \[001\]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    /// The kindergarten it directs to.
    pub kindergarten: Arc<str>,
    /// When it was issued.
    pub issued_at: NaiveDateTime,
    /// Whether it came from a notice or from free choice (`RULES.md §5`).
    pub via: Via,
    /// The child must be brought before this passes, else the direction lapses.
    pub show_up_by: Deadline,
    /// The applicant may revoke it before this passes (24 hours).
    pub revocable_until: Deadline,
    /// Extensions used so far.
    pub extensions_used: u32,
    /// For an out-of-turn child: the right must be confirmed in person before this passes
    /// (`RULES.md §3` \[pub-M\]); `None` once confirmed or when not needed.
    pub right_confirm_by: Option<Deadline>,
    /// The bulletin whose place it takes; a revocation or a lapse gives the place back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulletin: Option<BulletinId>,
}

/// How a direction was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// After a notice of the child's turn.
    Notice,
    /// A place published for free choice, first come first served (`RULES.md §5`).
    FreeChoice,
    /// Automatically, to the child's most preferred ranked choice with room, in its turn
    /// (`RULES.md §5a`).
    RankedChoice,
}

/// Why a rule removed a child from the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Directions lapsed as many times as the policy allows (`RULES.md §6`: twice).
    Lapses,
    /// Interest was not confirmed by an anniversary of registration (`RULES.md §2` \[004\]).
    InterestNotConfirmed,
    /// The child reached the maximum age (`RULES.md §4`).
    AgedOut,
    /// The applicant refused the voucher (`RULES.md §8`).
    VoucherRefused,
    /// The inactive application was not restored in time (`RULES.md §8`).
    NotRestored,
}

/// The name of a state, without its data: for events, errors and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateName {
    /// Not yet registered (the `from` of the registration event).
    New,
    /// [`State::Queued`].
    Queued,
    /// [`State::NoticeSent`].
    NoticeSent,
    /// [`State::DirectionIssued`].
    DirectionIssued,
    /// [`State::StopListed`].
    StopListed,
    /// [`State::Enrolled`].
    Enrolled,
    /// [`State::Released`].
    Released,
    /// [`State::Removed`].
    Removed,
    /// [`State::Withdrawn`].
    Withdrawn,
    /// [`State::VoucherOffered`].
    VoucherOffered,
    /// [`State::VoucherConfirmed`].
    VoucherConfirmed,
    /// [`State::Inactive`].
    Inactive,
    /// [`State::WaitingList`].
    WaitingList,
}

impl StateName {
    /// Every variant, in declaration order.
    pub const ALL: [StateName; 13] = [
        StateName::New,
        StateName::Queued,
        StateName::NoticeSent,
        StateName::DirectionIssued,
        StateName::StopListed,
        StateName::Enrolled,
        StateName::Released,
        StateName::Removed,
        StateName::Withdrawn,
        StateName::VoucherOffered,
        StateName::VoucherConfirmed,
        StateName::Inactive,
        StateName::WaitingList,
    ];

    /// Whether an application in this state stands in the queue (see
    /// [`State::stands_in_queue`]).
    #[must_use]
    pub fn stands_in_queue(self) -> bool {
        matches!(
            self,
            StateName::Queued
                | StateName::NoticeSent
                | StateName::StopListed
                | StateName::VoucherOffered
                | StateName::VoucherConfirmed
                | StateName::WaitingList
        )
    }

    /// The snake-case name, e.g. `"notice_sent"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            StateName::New => "new",
            StateName::Queued => "queued",
            StateName::NoticeSent => "notice_sent",
            StateName::DirectionIssued => "direction_issued",
            StateName::StopListed => "stop_listed",
            StateName::Enrolled => "enrolled",
            StateName::Released => "released",
            StateName::Removed => "removed",
            StateName::Withdrawn => "withdrawn",
            StateName::VoucherOffered => "voucher_offered",
            StateName::VoucherConfirmed => "voucher_confirmed",
            StateName::Inactive => "inactive",
            StateName::WaitingList => "waiting_list",
        }
    }
}

impl State {
    /// The state's name.
    #[must_use]
    pub fn name(&self) -> StateName {
        match self {
            State::Queued => StateName::Queued,
            State::NoticeSent { .. } => StateName::NoticeSent,
            State::DirectionIssued(_) => StateName::DirectionIssued,
            State::StopListed { .. } => StateName::StopListed,
            State::Enrolled { .. } => StateName::Enrolled,
            State::Released { .. } => StateName::Released,
            State::Removed { .. } => StateName::Removed,
            State::Withdrawn { .. } => StateName::Withdrawn,
            State::VoucherOffered { .. } => StateName::VoucherOffered,
            State::VoucherConfirmed { .. } => StateName::VoucherConfirmed,
            State::Inactive { .. } => StateName::Inactive,
            State::WaitingList { .. } => StateName::WaitingList,
        }
    }

    /// What the state holds on the bulletin board.
    pub(crate) fn claim(&self) -> Claim {
        match self {
            State::NoticeSent {
                bulletin: Some(b), ..
            }
            | State::VoucherOffered { bulletin: b, .. }
            | State::VoucherConfirmed {
                bulletin: b,
                place_held: false,
                ..
            } => Claim::Reserved(*b),
            State::DirectionIssued(d) => d.bulletin.map_or(Claim::None, Claim::Taken),
            State::VoucherConfirmed {
                bulletin: b,
                place_held: true,
                ..
            } => Claim::Taken(*b),
            State::Enrolled {
                bulletin: Some(b), ..
            } => Claim::Filled(*b),
            _ => Claim::None,
        }
    }

    /// Whether the child stands in the queue and has a queue number: waiting, holding a
    /// notice or a voucher, on a kindergarten's waiting list, or on the stop-list (which
    /// keeps the place, `RULES.md §6`). An inactive application has no number until it
    /// is restored (`RULES.md §8`).
    #[must_use]
    pub fn stands_in_queue(&self) -> bool {
        self.name().stands_in_queue()
    }

    /// Whether it holds a direction a round of ranked choices gave (`RULES.md §5a`).
    #[must_use]
    pub(crate) fn holds_ranked_direction(&self) -> bool {
        matches!(self, State::DirectionIssued(d) if d.via == Via::RankedChoice && d.bulletin.is_some())
    }

    /// Whether the application is over (enrolled children are not: they may be released).
    #[must_use]
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            State::Released { .. } | State::Removed { .. } | State::Withdrawn { .. }
        )
    }
}

// `ALL` lists every variant: a new one changes the last discriminant.
const _: () = assert!(StateName::ALL.len() == StateName::WaitingList as usize + 1);
