//! The board of places (`RULES.md §5–§8`): the layer the [`Engine`](crate::Engine) uses to
//! give places.
//!
//! - [`bulletin`]: vacancy bulletins and the board that counts their places: taken,
//!   reserved for notices and vouchers, open to free choice (`RULES.md §5`).
//! - [`report`]: what an offer round did in one pool.
//! - [`catalogue`]: the kindergartens parents rank, and the rules of ranked choices
//!   (`RULES.md §5a`).
//! - [`certificate`]: what a round of ranked choices gives an appeals body to check it,
//!   and each child's cutoffs.
//! - [`AllocationError`]: the board's refusals (a bulletin unknown, a place taken…).
//!
//! The commands that give places (offer rounds, taking a place, vouchers) change
//! applications' states, so they live with the engine in [`lifecycle`](crate::lifecycle);
//! batch matching for analysts is its own layer, [`matching`](crate::matching).

pub mod bulletin;
pub mod catalogue;
pub mod certificate;
mod error;
pub mod report;

pub use bulletin::{Bulletin, BulletinId, Kindergarten, NewBulletin};
pub use catalogue::{ChoiceRule, MAX_KINDERGARTENS};
pub use certificate::{Certificate, CheckedCertificate, ChoiceCutoff, Finding, Verdict};
pub use error::AllocationError;
pub use report::{Directed, RoundReport, Skipped};
