//! Every invariant the engine keeps, checked in one place: by the snapshot loader (an
//! edited or corrupted snapshot is refused with `SNAPSHOT_INCONSISTENT` naming the
//! invariant), by the property tests after every command, and by the fuzz targets.
//!
//! Each invariant has a stable name, listed in [`INVARIANTS`]; the check is linear in the
//! engine's size (one pass over records, events, bulletins and the log).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime};

use super::{Engine, LifecycleError};
use crate::allocation::bulletin::Claim;
use crate::allocation::BulletinId;
use crate::application::GroupType;

/// The names of the invariants [`Engine::check_invariants`] checks.
pub const INVARIANTS: &[&str] = &[
    "ids_in_order",
    "one_live_application_per_child_and_group",
    "order_key_of_its_own",
    "history_ends_in_state",
    "events_in_order",
    "clock_after_events",
    "next_seq_ahead",
    "years_within_9999",
    "bulletin_ids_in_order",
    "claims_name_bulletins",
    "kindergarten_of_its_bulletin",
    "places_taken_within_bounds",
    "log_matches_records",
    "choices_name_kindergartens",
];

/// The largest event sequence number: sequence numbers stay exact in every host (2⁵³, a
/// JavaScript number's integer range), and `next_seq` can never wrap.
pub const MAX_SEQ: u64 = 1 << 53;

fn broken(invariant: &'static str, detail: String) -> LifecycleError {
    LifecycleError::SnapshotInconsistent { invariant, detail }
}

/// The kindergarten a direction or an enrolment names.
fn state_kindergarten(state: &super::State) -> Option<&str> {
    match state {
        super::State::DirectionIssued(d) => Some(&d.kindergarten),
        super::State::Enrolled { kindergarten, .. } => Some(kindergarten),
        _ => None,
    }
}

/// Whether JSON text holds a date or moment with a signed year (`"+10000-01-01"`,
/// `"-0001-…"`): chrono writes years outside 0–9999 so.
fn has_signed_year(json: &str) -> bool {
    json.as_bytes().windows(7).any(|w| {
        w[0] == b'"' && (w[1] == b'+' || w[1] == b'-') && w[2..6].iter().all(u8::is_ascii_digit)
    })
}

/// The position of id `id` (ids count from 1).
fn position(id: u64) -> Option<usize> {
    usize::try_from(id).ok()?.checked_sub(1)
}

/// A moment every host can represent: years 1 to 9999 (Python's `datetime`).
fn in_years(t: NaiveDateTime) -> bool {
    (1..=9999).contains(&t.year())
}

impl Engine {
    /// Checks every invariant the engine keeps ([`INVARIANTS`]).
    ///
    /// # Errors
    /// `SNAPSHOT_INCONSISTENT` naming the first invariant broken, with what breaks it.
    pub fn check_invariants(&self) -> Result<(), LifecycleError> {
        self.check_records()?;
        self.check_events()?;
        self.check_board()?;
        self.check_choices_listed()?;
        self.check_log()
    }

    /// Every ranked choice names a kindergarten of the catalogue, once, and no list is
    /// longer than any policy allows (`RULES.md §5a`).
    fn check_choices_listed(&self) -> Result<(), LifecycleError> {
        for r in &self.records {
            let choices = &r.app.ranked_choices;
            let id = r.app.id;
            if choices.len() > crate::policy::MAX_RANKED_CHOICES as usize {
                return Err(broken(
                    "choices_name_kindergartens",
                    format!("application {id} ranks {} kindergartens", choices.len()),
                ));
            }
            for (i, c) in choices.iter().enumerate() {
                if self.catalogue.get(c).is_none() || choices[..i].contains(c) {
                    return Err(broken(
                        "choices_name_kindergartens",
                        format!(
                            "choice {} of application {id} is not in the catalogue, or repeated",
                            i + 1
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn check_records(&self) -> Result<(), LifecycleError> {
        let mut live: HashMap<(u64, GroupType), u64> = HashMap::new();
        for (i, r) in self.records.iter().enumerate() {
            let id = r.app.id;
            if id.0 != i as u64 + 1 {
                return Err(broken(
                    "ids_in_order",
                    format!("application {id} is stored at position {}", i + 1),
                ));
            }
            if !r.state.is_final() {
                let key = (r.app.child.number(), r.app.group_type);
                if let Some(other) = live.insert(key, id.0) {
                    return Err(broken(
                        "one_live_application_per_child_and_group",
                        format!("applications #{other} and {id} of one child and group type are both live"),
                    ));
                }
            }
            let owner = r.order.id;
            let batched = r.batch.is_some()
                && position(owner.0)
                    .and_then(|i| self.records.get(i))
                    .is_some_and(|o| o.batch == r.batch);
            if owner != id && !batched {
                return Err(broken(
                    "order_key_of_its_own",
                    format!("application {id} is ordered by the key of {owner}"),
                ));
            }
            let last = self.histories.of(r.history).last().map(|e| e.to);
            if last != Some(r.state.name()) {
                return Err(broken(
                    "history_ends_in_state",
                    format!(
                        "application {id} is {:?}, its history ends in {last:?}",
                        r.state.name()
                    ),
                ));
            }
            // Years beyond 9999 (or before 1) serialise with a sign: "+10000-01-01".
            let state = serde_json::to_string(&r.state).unwrap_or_default();
            if has_signed_year(&state) || !in_years(r.app.registered_at) {
                return Err(broken(
                    "years_within_9999",
                    format!("application {id} holds a moment outside the years 1–9999"),
                ));
            }
        }
        Ok(())
    }

    fn check_events(&self) -> Result<(), LifecycleError> {
        let mut latest: Option<NaiveDateTime> = None;
        let mut max_seq = 0;
        for r in &self.records {
            let mut previous: Option<(u64, NaiveDateTime)> = None;
            for e in self.histories.of(r.history) {
                if previous.is_some_and(|(seq, at)| e.seq <= seq || e.at < at) {
                    return Err(broken(
                        "events_in_order",
                        format!("the history of {} goes back in sequence or time", r.app.id),
                    ));
                }
                previous = Some((e.seq, e.at));
                max_seq = max_seq.max(e.seq);
                latest = latest.max(Some(e.at));
                if !in_years(e.at) {
                    return Err(broken(
                        "years_within_9999",
                        format!("an event of {} is outside the years 1–9999", r.app.id),
                    ));
                }
            }
        }
        match (self.now, latest) {
            (None, Some(_)) => {
                return Err(broken(
                    "clock_after_events",
                    "the engine has events but no clock".to_owned(),
                ))
            }
            (Some(now), Some(latest)) if now < latest => {
                return Err(broken(
                    "clock_after_events",
                    format!("the clock {now} is before an event at {latest}"),
                ))
            }
            (Some(now), _) if !in_years(now) => {
                return Err(broken(
                    "years_within_9999",
                    "the clock is outside the years 1–9999".to_owned(),
                ))
            }
            _ => {}
        }
        if self.next_seq <= max_seq || self.next_seq > MAX_SEQ {
            return Err(broken(
                "next_seq_ahead",
                format!(
                    "the next event number {} must be above {max_seq} and at most 2^53",
                    self.next_seq
                ),
            ));
        }
        Ok(())
    }

    fn check_board(&self) -> Result<(), LifecycleError> {
        let bulletins = self.board.bulletins();
        for (i, b) in bulletins.iter().enumerate() {
            if b.id.0 != i as u64 + 1 {
                return Err(broken(
                    "bulletin_ids_in_order",
                    format!("bulletin {} is stored at position {}", b.id.0, i + 1),
                ));
            }
        }
        let bulletin = |b: BulletinId| position(b.0).and_then(|i| bulletins.get(i));
        let mut held = vec![0_u64; bulletins.len()];
        for r in &self.records {
            let id = r.app.id;
            let claimed = match r.state.claim() {
                Claim::None => continue,
                Claim::Reserved(b) => (b, false),
                Claim::Taken(b) | Claim::Filled(b) => (b, true),
            };
            let Some(b) = bulletin(claimed.0) else {
                return Err(broken(
                    "claims_name_bulletins",
                    format!(
                        "application {id} holds a place of bulletin {}, which does not exist",
                        claimed.0 .0
                    ),
                ));
            };
            if let Some(kindergarten) = state_kindergarten(&r.state) {
                if *kindergarten != *b.kindergarten.id {
                    return Err(broken(
                        "kindergarten_of_its_bulletin",
                        format!(
                            "application {id} names another kindergarten than its bulletin {}",
                            b.id.0
                        ),
                    ));
                }
            }
            if let (true, Some(slot)) = (claimed.1, position(b.id.0).and_then(|i| held.get_mut(i)))
            {
                *slot += 1;
            }
        }
        for (b, held) in bulletins.iter().zip(held) {
            if b.taken > b.places || u64::from(b.taken) < held {
                return Err(broken(
                    "places_taken_within_bounds",
                    format!(
                        "bulletin {} has {} of {} places taken while {held} are held",
                        b.id.0, b.taken, b.places
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_log(&self) -> Result<(), LifecycleError> {
        if !self.keeps_log {
            return Ok(());
        }
        let mut registered = 0;
        let mut previous: Option<NaiveDateTime> = None;
        for entry in &self.log {
            if previous.is_some_and(|p| entry.at < p) || self.now.is_some_and(|now| entry.at > now)
            {
                return Err(broken(
                    "log_matches_records",
                    "the log goes back in time or past the clock".to_owned(),
                ));
            }
            previous = Some(entry.at);
            if let super::Command::Register { application } = &entry.command {
                let same = self.records.get(registered).is_some_and(|r| {
                    r.app.id == application.id && r.app.child == application.child
                });
                if !same {
                    return Err(broken(
                        "log_matches_records",
                        format!(
                            "registration {} of the log is not the engine's",
                            registered + 1
                        ),
                    ));
                }
                registered += 1;
            }
        }
        if registered != self.records.len() {
            return Err(broken(
                "log_matches_records",
                format!(
                    "the log registers {registered} applications, the engine has {}",
                    self.records.len()
                ),
            ));
        }
        Ok(())
    }
}
