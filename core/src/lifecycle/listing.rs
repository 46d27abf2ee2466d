//! What the portals' home pages show: the queue of each organization and statistics, with
//! IINs masked (`RULES.md §2` [002]).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::Engine;
use crate::application::{ApplicationId, Language, QueueKey};
use crate::benefit::PriorityClass;
use crate::queue::ClassCounts;

/// One line of a public queue listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingEntry {
    /// The queue number.
    pub number: u64,
    /// The application.
    pub id: ApplicationId,
    /// The child's IIN, masked (`********0403`).
    pub child: String,
    /// The class the child stands in.
    pub class: PriorityClass,
    /// The moment of registration.
    pub registered_at: NaiveDateTime,
}

/// Counts of one queue: children standing, by class and by language of instruction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QueueStatistics {
    /// Children standing, by class.
    pub by_class: ClassCounts,
    /// Children standing who asked for Kazakh.
    pub kazakh: u64,
    /// … for Russian.
    pub russian: u64,
    /// … for another language.
    pub other_language: u64,
}

/// One queue's counts with its key: a line of [`Engine::statistics`] as a list (what
/// [`Query::Statistics`](super::Query::Statistics) answers; hosts get it in every language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueStatisticsEntry {
    /// The queue.
    pub queue: QueueKey,
    /// Its counts.
    pub statistics: QueueStatistics,
}

impl Engine {
    /// [`Engine::statistics`] as a list, in queue order.
    #[must_use]
    pub fn statistics_entries(&self) -> Vec<QueueStatisticsEntry> {
        self.statistics()
            .into_iter()
            .map(|(queue, statistics)| QueueStatisticsEntry { queue, statistics })
            .collect()
    }

    /// The public listing of a queue, in order, IINs masked.
    #[must_use]
    pub fn listing_entries(&self, key: &QueueKey) -> Vec<ListingEntry> {
        self.listing(key)
            .into_iter()
            .zip(1..)
            .filter_map(|(id, number)| {
                let app = self.application(id).ok()?;
                Some(ListingEntry {
                    number,
                    id,
                    child: app.child.masked(),
                    class: self.order_key(id).ok()?.class,
                    registered_at: app.registered_at,
                })
            })
            .collect()
    }

    /// Counts per queue (region, area, group type, cohort) of the children standing in it.
    #[must_use]
    pub fn statistics(&self) -> BTreeMap<QueueKey, QueueStatistics> {
        let mut out: BTreeMap<QueueKey, QueueStatistics> = BTreeMap::new();
        for r in self.records.iter().filter(|r| r.state.stands_in_queue()) {
            let s = out.entry(r.app.queue_key()).or_default();
            match r.order.class {
                PriorityClass::OutOfTurn => s.by_class.out_of_turn += 1,
                PriorityClass::FirstPriority => s.by_class.first_priority += 1,
                PriorityClass::General => s.by_class.general += 1,
            }
            match r.app.language {
                Language::Kazakh => s.kazakh += 1,
                Language::Russian => s.russian += 1,
                Language::Other => s.other_language += 1,
            }
        }
        out
    }
}
