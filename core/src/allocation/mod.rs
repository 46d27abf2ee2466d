//! Allocation of vacant places to queued children (`RULES.md §4–§8`).
//!
//! - [`bulletin`]: vacancy bulletins and the board that counts their places: taken,
//!   reserved for notices and vouchers, open to free choice (`RULES.md §5`).
//! - [`round`]: the portals' offer round on the [`Engine`](crate::Engine): publishing
//!   places notifies the head of the matching queue (priority classes, 1:3 interleaving,
//!   twins, special queues first, the August freeze); notified applicants choose among
//!   the places of their pool; free choice after the window; places given back by revoked
//!   or lapsed directions (`RULES.md §3–§7`).
//! - `places`: [`Engine::take_place`](crate::Engine::take_place) — the choice of a notified
//!   applicant among the places of its pool, and free choice (`RULES.md §5`, `§7`).
//! - [`voucher`]: the voucher flow of the pilot regions: consent, inactivity and one
//!   restoration, contract, refusal, per-kindergarten waiting lists (`RULES.md §8`).
//! - [`matching`]: batch matching for analysts and centralised regions — children rank
//!   kindergartens, kindergartens rank children by the queue order (plus their own
//!   priorities), capacities; child-proposing deferred acceptance, serial dictatorship and
//!   the immediate-acceptance (Boston) mechanism, with checkers and explanations.

pub mod bulletin;
mod error;
pub mod matching;
mod places;
pub mod round;
pub mod voucher;

pub use bulletin::{Bulletin, BulletinId, Kindergarten, NewBulletin};
pub use error::AllocationError;
pub use round::{RoundReport, Skipped};
