//! What a simulation gives: columnar tables (one row per child, one row per day) and a
//! summary. Columns are plain vectors of equal length, so bindings hand them to data-frame
//! libraries without per-row objects.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Summary;
use crate::application::{GroupType, Language};
use crate::benefit::PriorityClass;
use crate::lifecycle::RemovalReason;

/// How a child's story ended at the horizon: exactly one per registered child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Enrolled through a direction taken after a notice of its turn (`RULES.md §5`).
    PlacedByOffer,
    /// Enrolled through a place taken by free choice (`RULES.md §5`).
    PlacedByFreeChoice,
    /// Holding a direction not yet used when the simulation ended.
    HoldingDirection,
    /// Removed from the queue by a rule (the reason is in its own column).
    Removed,
    /// Still standing in the queue (waiting, notified or stop-listed).
    StillWaiting,
}

impl Outcome {
    /// Every outcome, in order.
    pub const ALL: [Outcome; 5] = [
        Outcome::PlacedByOffer,
        Outcome::PlacedByFreeChoice,
        Outcome::HoldingDirection,
        Outcome::Removed,
        Outcome::StillWaiting,
    ];

    /// The snake-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::PlacedByOffer => "placed_by_offer",
            Outcome::PlacedByFreeChoice => "placed_by_free_choice",
            Outcome::HoldingDirection => "holding_direction",
            Outcome::Removed => "removed",
            Outcome::StillWaiting => "still_waiting",
        }
    }

    /// Whether the child got a place.
    #[must_use]
    pub fn is_placed(self) -> bool {
        matches!(self, Outcome::PlacedByOffer | Outcome::PlacedByFreeChoice)
    }
}

/// One row per registered child, in registration order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChildTable {
    /// The application id.
    pub id: Vec<u64>,
    /// Registered during the warm-up, before the first reported day (left out of the
    /// summary).
    pub warm_up: Vec<bool>,
    /// The district (area), shared with the application.
    pub district: Vec<std::sync::Arc<str>>,
    /// The birth year.
    pub cohort: Vec<i32>,
    /// The priority class at registration.
    pub class: Vec<PriorityClass>,
    /// The group type.
    pub group_type: Vec<GroupType>,
    /// The preferred language.
    pub language: Vec<Language>,
    /// Age in months when registered.
    pub age_months_at_registration: Vec<u32>,
    /// The day of registration.
    pub registered: Vec<NaiveDate>,
    /// The day of enrolment, if placed.
    pub placed: Vec<Option<NaiveDate>>,
    /// The day it left the queue (removed, or withdrawn), if that is how it ended.
    #[serde(default)]
    pub left: Vec<Option<NaiveDate>>,
    /// Days from registration to enrolment, if placed.
    pub wait_days: Vec<Option<u32>>,
    /// Age in months when enrolled, if placed.
    pub age_months_at_placement: Vec<Option<u32>>,
    /// How it ended.
    pub outcome: Vec<Outcome>,
    /// Why it was removed, if it was.
    pub removal: Vec<Option<RemovalReason>>,
    /// Notices received.
    pub notices: Vec<u32>,
    /// Directions that lapsed.
    pub lapses: Vec<u32>,
    /// Where the policy gives places by ranked choices (`RULES.md §5a`): where the
    /// kindergarten the child was placed at stands among its ranked choices (0: the first),
    /// if placed at one it ranked; `None` otherwise. A choice revoked earlier has left the
    /// list, so this counts among the choices kept.
    #[serde(default)]
    pub choice: Vec<Option<u32>>,
}

impl ChildTable {
    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether there is no row.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
}

/// One row per simulated day: what happened that day, and the state at its end.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayTable {
    /// The day.
    pub date: Vec<NaiveDate>,
    /// Children registered that day.
    pub registrations: Vec<u32>,
    /// Places published that day.
    pub published: Vec<u32>,
    /// Notices sent that day.
    pub notices: Vec<u32>,
    /// Directions issued that day (after a notice or by free choice).
    pub directions: Vec<u32>,
    /// Of those, by free choice.
    pub free_choice: Vec<u32>,
    /// Directions revoked that day.
    pub revocations: Vec<u32>,
    /// Directions that ended unused by a deadline that day: the child was not brought, or
    /// an out-of-turn right was not confirmed (`RULES.md §3`, `§6`).
    pub lapses: Vec<u32>,
    /// Children enrolled that day.
    pub enrolments: Vec<u32>,
    /// Vouchers offered that day, under a policy that runs vouchers (`RULES.md §8`).
    #[serde(default)]
    pub vouchers: Vec<u32>,
    /// Contracts signed that day with a voucher: each enrols the child.
    #[serde(default)]
    pub contracts: Vec<u32>,
    /// Children removed from the queue that day, for any reason.
    pub removals: Vec<u32>,
    /// Children standing in the queue at the end of the day.
    pub queue: Vec<u32>,
    /// Children on the stop-list at the end of the day.
    pub stop_list: Vec<u32>,
    /// Places published and open to free choice but not taken, at the end of the day.
    pub places_idle: Vec<u32>,
}

impl DayTable {
    /// The counting columns (every one but `date`), named, in the order of the JSON shape.
    #[must_use]
    pub fn counts(&self) -> [(&'static str, &Vec<u32>); 14] {
        [
            ("registrations", &self.registrations),
            ("published", &self.published),
            ("notices", &self.notices),
            ("directions", &self.directions),
            ("free_choice", &self.free_choice),
            ("revocations", &self.revocations),
            ("lapses", &self.lapses),
            ("enrolments", &self.enrolments),
            ("vouchers", &self.vouchers),
            ("contracts", &self.contracts),
            ("removals", &self.removals),
            ("queue", &self.queue),
            ("stop_list", &self.stop_list),
            ("places_idle", &self.places_idle),
        ]
    }

    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.date.len()
    }

    /// Whether there is no row.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }
}

/// Everything a simulation gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulationResult {
    /// The city simulated.
    pub city: String,
    /// The policy's id.
    pub policy: String,
    /// The seed.
    pub seed: u64,
    /// The first reported day.
    pub start: NaiveDate,
    /// The last simulated day.
    pub end: NaiveDate,
    /// The first simulated day (before `start` by the warm-up years).
    pub simulated_from: NaiveDate,
    /// One row per child.
    pub children: ChildTable,
    /// One row per day.
    pub days: DayTable,
    /// The summary statistics.
    pub summary: Summary,
    /// Years the calendar had no decree data for and were projected from the statutory
    /// holidays alone (no transfers, no Kurban Ait).
    pub projected_years: Vec<i32>,
}
