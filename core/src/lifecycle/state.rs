//! The states of an application and their deadlines (`RULES.md §5–§6`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

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
    },
    /// A direction to a kindergarten was issued (`RULES.md §5–§6`).
    DirectionIssued(Direction),
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
        kindergarten: String,
        /// When the kindergarten enrolled the child.
        at: NaiveDateTime,
    },
    /// The kindergarten marked the child as leaving (`RULES.md §5` \[000\]).
    Released {
        /// The kindergarten left.
        kindergarten: String,
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
    pub kindergarten: String,
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
    /// If the direction lapses, the stop-list runs until this passes (`RULES.md §6`: 10
    /// working days); computed with the direction so a lapse never needs the calendar.
    pub lapse_stop_list: Deadline,
    /// If the out-of-turn right is not confirmed, the stop-list runs until this passes.
    pub right_stop_list: Option<Deadline>,
}

/// How a direction was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// After a notice of the child's turn.
    Notice,
    /// A place published for free choice, first come first served (`RULES.md §5`).
    FreeChoice,
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
}

impl StateName {
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
        }
    }

    /// Whether the child stands in the queue and has a queue number: waiting, holding a
    /// notice, or on the stop-list (which keeps the place, `RULES.md §6`).
    #[must_use]
    pub fn stands_in_queue(&self) -> bool {
        matches!(
            self,
            State::Queued | State::NoticeSent { .. } | State::StopListed { .. }
        )
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
