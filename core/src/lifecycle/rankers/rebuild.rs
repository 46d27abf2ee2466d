//! The index of rankers built afresh from the records (when an engine is loaded), and
//! checked against the one `settle` keeps (tests and fuzz targets, with their switches
//! between the index and the whole pool).

use std::sync::Arc;

use chrono::Datelike;
use foldhash::HashMap;

use super::list::{held_of, WAITING};
use super::{held, takes_part, Rankers};
use crate::lifecycle::state::State;
use crate::lifecycle::Engine;

impl Engine {
    /// The index built afresh from the records.
    pub(in crate::lifecycle) fn rankers_rebuilt(&self) -> Rankers {
        let mut out = Rankers::default();
        if !self.indexes_rankers() {
            return out;
        }
        if self.indexes_siblings() {
            for (i, r) in (0_u32..).zip(&self.records) {
                for a in &r.app.applicants {
                    out.by_applicant.entry(*a).or_default().push(i);
                    if let State::Enrolled { kindergarten, .. } = &r.state {
                        let list = out.enrolled.entry(*a).or_default();
                        list.push((r.app.child, Arc::clone(kindergarten)));
                    }
                }
            }
        }
        for (i, r) in (0_u32..).zip(&self.records) {
            if takes_part(&r.state) {
                let days = self.screen_days(r);
                out.insert(i, (r.queue, r.order, days), &r.app, held(&r.state));
            }
        }
        out
    }
}

impl Rankers {
    /// Whether every list's first is where its reading may start on `day` (the clock's).
    fn firsts_hold(&self, day: i32) -> bool {
        self.lists
            .values()
            .flat_map(HashMap::values)
            .all(|list| list.first_holds(day, &self.held))
    }

    /// The index with each applicant's lists in one order and each list's first at the
    /// first entry that may prefer its kindergarten, to compare two built apart.
    fn normalized(mut self) -> Self {
        for list in self.lists.values_mut().flat_map(HashMap::values_mut) {
            list.first = list
                .entries
                .iter()
                .find(|(&(_, i), e)| e.wants(held_of(&self.held, i)).may_prefer())
                .map(|(&k, _)| k);
        }
        for list in self.enrolled.values_mut() {
            list.sort_unstable();
        }
        for list in self.by_applicant.values_mut() {
            list.sort_unstable();
        }
        while self.held.last() == Some(&WAITING) {
            self.held.pop();
        }
        self
    }
}

impl Engine {
    /// Checks the index of rankers against one built afresh from the records, and each
    /// record's choices by catalogue number against its application's: a check for tests
    /// and fuzz targets of what `settle` and `commit` keep (the index is rebuilt whenever
    /// an engine is loaded, so no snapshot can break it).
    ///
    /// # Errors
    /// A description of the first difference.
    #[doc(hidden)]
    pub fn check_rankers_index(&self) -> Result<(), String> {
        for (i, r) in self.records.iter().enumerate() {
            if r.choices != self.choice_numbers(&r.app) {
                return Err(format!(
                    "record {i}: the choices' numbers are not its choices'"
                ));
            }
        }
        let day = self.now.map_or(i32::MIN, |t| t.date().num_days_from_ce());
        if !self.rankers.firsts_hold(day) {
            return Err("a list of rankers starts past a child who may take part".into());
        }
        let kept = self.rankers.clone().normalized();
        let fresh = self.rankers_rebuilt().normalized();
        if kept == fresh {
            Ok(())
        } else {
            Err(format!("kept {kept:?}\nfresh {fresh:?}"))
        }
    }

    /// Whether places given back are re-placed over the whole pool each time instead of
    /// by the chain over the index (`chain.rs`): for tests and fuzz targets that check
    /// the one against the other.
    #[doc(hidden)]
    pub fn replace_in_full(&mut self, yes: bool) {
        self.full_replacement = yes;
    }

    /// Whether a round of ranked choices reads the whole queue instead of only as far as
    /// places can go (`ranked_units.rs`): for tests and fuzz targets that check the one
    /// against the other.
    #[doc(hidden)]
    pub fn round_in_full(&mut self, yes: bool) {
        self.full_round = yes;
    }
}
