//! Allocation of vacant places to queued children (`RULES.md §4–§8`).
//!
//! - [`matching`]: batch matching for analysts and centralised regions — children rank
//!   kindergartens, kindergartens rank children by the queue order (plus their own
//!   priorities), capacities; child-proposing deferred acceptance, serial dictatorship and
//!   the immediate-acceptance (Boston) mechanism, with checkers and explanations.

pub mod matching;
