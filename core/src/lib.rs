//! # kezek — the rules engine of Kazakhstan's electronic preschool queue
//!
//! A pure library (no clock, no files, no network, no unseeded randomness): the caller
//! passes time in, and the same inputs always give the same outputs. Every rule cites its
//! source in `RULES.md` (the project's digest of the portals' manuals and public sources).
//!
//! | module | concept | rules |
//! |---|---|---|
//! | [`iin`] | the 12-digit identifier of applicants and children | `RULES.md §1` |
//! | [`calendar`] | working days, holidays, decree transfers, deadline ends | `RULES.md §9` |
//! | [`period`] | lengths of time with their unit | `RULES.md §2–§8` |
//! | [`policy`] | dated regional parameter sets | `RULES.md §10` |
//! | [`application`] | the application's fields, group types, queue keys | `RULES.md §2` |
//! | [`benefit`] | benefit categories and priority classes, as data | `RULES.md §3` |
//! | [`eligibility`] | explained decisions: may register, be offered, be removed for age | `RULES.md §2–§7` |
//! | [`queue`] | queue order and queue numbers | `RULES.md §2–§4` |
//! | [`lifecycle`] | the engine: states, deadlines, history, replay, snapshots; offer rounds, free choice, vouchers | `RULES.md §2–§8` |
//! | [`allocation`] | the board of places the engine uses: bulletins, places counted per pool, round reports | `RULES.md §5–§8` |
//! | [`matching`] | batch matching (deferred acceptance, serial dictatorship, Boston), checkers, explanations | `RULES.md §4–§5` |
//! | [`simulation`] | day-by-day queue simulation on the real engine; summaries and comparisons | `RULES.md §2–§7` |
//! | [`lang`] | kk/ru/en texts and the error contract | — |
//! | [`input`] | what hosts pass: wrong types, shapes, depths and sizes; JSON errors without values | — |
//!
//! ```
//! use chrono::NaiveDate;
//! use kezek::{calendar::WorkCalendar, policy::PolicyBook, Iin, Lang, LocalizedError};
//!
//! let child = Iin::parse("210308600403")?;
//! // What the digits encode, if anything: the child's birth date is the register's.
//! assert_eq!(child.encoded_birth_date(), NaiveDate::from_ymd_opt(2021, 3, 8));
//!
//! let book = PolicyBook::builtin();
//! let policy = book.policy_for("akmola", NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())?;
//! let notice = NaiveDate::from_ymd_opt(2025, 9, 5).unwrap().and_hms_opt(10, 0, 0).unwrap();
//! let choose_by = WorkCalendar::kazakhstan().deadline(notice, policy.choice_window)?;
//! assert_eq!(choose_by.last_day, NaiveDate::from_ymd_opt(2025, 9, 10).unwrap());
//!
//! let err = Iin::parse("21030860040").unwrap_err();
//! assert_eq!(err.code(), "IIN_LENGTH");
//! assert_eq!(err.message(Lang::Ru), "ИИН состоит из 12 цифр, здесь 11 символов");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

pub mod allocation;
pub mod application;
pub mod benefit;
pub mod calendar;
mod check;
mod document;
pub mod eligibility;
pub mod error;
pub mod iin;
pub mod input;
pub mod internal;
pub mod labels;
pub mod lang;
pub mod lifecycle;
pub mod matching;
pub mod people;
pub mod period;
pub mod policy;
pub mod queue;
pub mod simulation;
mod text;
mod versioned;

pub use calendar::{CalendarError, WorkCalendar};
pub use error::{ErrorCode, ErrorKind, ErrorReport, LocalizedError};
pub use iin::{DatePart, Iin, IinError, Sex};
pub use input::InputError;
pub use internal::InternalError;
pub use lang::{Lang, LocalizedText};
pub use lifecycle::{Engine, LifecycleError};
pub use period::{Period, PeriodUnit};
pub use policy::{Policy, PolicyBook, PolicyError};

/// The README's Rust examples, run as doctests so the README cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The crate's own README (what a registry shows), run as doctests too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;
