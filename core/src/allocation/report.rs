//! What an offer round did in one pool: the report the engine gives back for every
//! round (`RULES.md §5`), and for every child the round passed over, the checks it failed.

use std::sync::Arc;

use serde::Serialize;

use super::bulletin::BulletinId;
use super::certificate::Certificate;
use crate::application::{ApplicationId, QueueKey};

/// What one round did in one pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundReport {
    /// The pool (queue) of the round.
    pub queue: QueueKey,
    /// The bulletin the notices and vouchers name: the one published or asked for, else
    /// the pool's first with a free place.
    pub bulletin: BulletinId,
    /// Children offered a place (notice or voucher), in the order they were picked.
    pub offered: Vec<ApplicationId>,
    /// Voucher holders given a place from a kindergarten's waiting list (`RULES.md §8`).
    pub from_waiting_list: Vec<ApplicationId>,
    /// Children passed over at the head of the queue, with the checks they failed.
    pub skipped: Vec<Skipped>,
    /// Places of the pool left open to free choice after the round.
    pub open: u32,
    /// Whether what the special queue left was opened to every child of the cohort
    /// (`RULES.md §7`).
    pub opened_to_all: bool,
    /// Children given a direction by their ranked choices (`RULES.md §5a`), in queue
    /// order; empty under the other allocation modes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub directed: Vec<Directed>,
    /// Under ranked choices, what an appeals body needs to check the round on its own,
    /// and each child's cutoffs ([`Certificate`]); `None` under the other modes and when
    /// no place was open to the round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Box<Certificate>>,
}

/// A direction a round of ranked choices issued (`RULES.md §5a`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directed {
    /// The application.
    pub id: ApplicationId,
    /// The kindergarten: the child's most preferred choice with room.
    pub kindergarten: Arc<str>,
    /// The bulletin whose place it takes.
    pub bulletin: BulletinId,
    /// Where the kindergarten stands in the child's ranked choices: 0 for the first.
    pub choice: u32,
    /// Where the child held a direction before, if it moved to a kindergarten it prefers
    /// (that place went on in the same round).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<Arc<str>>,
}

/// A child the round passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The application.
    pub id: ApplicationId,
    /// Codes of the failed checks of "may be offered a place" (`TURN_REACHED` for twins
    /// when fewer places are left than the batch needs).
    pub failed: Vec<&'static str>,
}
