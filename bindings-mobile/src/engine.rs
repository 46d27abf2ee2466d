//! `Engine`: the applications of one policy and calendar, their lives, positions and
//! deadlines, offline on the phone (`RULES.md §2–§9`). Snapshots are JSON text the app
//! persists; a refused command is a `KezekError` and changes nothing; a panic (a bug in
//! kezek) is `KezekError.Internal`, and the engine is put back as it was before the call.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use kezek::application::{ApplicationId, Document};
use kezek::lifecycle::Request;
use kezek::LifecycleError;

use crate::allocation::{NewBulletin, RoundReport};
use crate::application::NewApplication;
use crate::calendar::WorkCalendar;
use crate::errors::KezekError;
use crate::guard::guarded;
use crate::policy::Policy;
use crate::types::{CivilDate, CivilMoment};
use kezek::allocation::BulletinId;

/// The lifecycle engine (thread-safe: calls are serialised by a lock).
#[derive(Debug, uniffi::Object)]
pub struct Engine(Mutex<kezek::Engine>);

impl Engine {
    fn lock(&self) -> MutexGuard<'_, kezek::Engine> {
        // No panic unwinds while the lock is held (commands catch theirs), so a poisoned
        // lock can only come from outside kezek; the engine inside is still whole.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads the engine.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&kezek::Engine) -> Result<T, LifecycleError>,
    ) -> Result<T, KezekError> {
        let engine = self.lock();
        guarded(|| Ok(f(&engine)?))
    }

    /// Runs a command. A refused command leaves the engine unchanged by the core's own
    /// rule; a panic half-way (a bug) is rolled back to the core's checkpoint taken before
    /// the command (the log's length: nothing is copied while all goes well).
    fn command<T>(
        &self,
        f: impl FnOnce(&mut kezek::Engine) -> Result<T, LifecycleError>,
    ) -> Result<T, KezekError> {
        Ok(self.lock().guarded(f)??)
    }

    fn wrap(engine: kezek::Engine) -> Arc<Self> {
        Arc::new(Self(Mutex::new(engine)))
    }
}

#[uniffi::export]
impl Engine {
    /// An engine for `policy` on the national calendar.
    ///
    /// # Errors
    /// A calendar error when the policy's periods cannot be computed on it.
    #[uniffi::constructor]
    pub fn new(policy: &Policy) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            Ok(Self::wrap(kezek::Engine::new(
                policy.0.clone(),
                kezek::WorkCalendar::kazakhstan(),
            )?))
        })
    }

    /// An engine for `policy` on `calendar`.
    ///
    /// # Errors
    /// As [`Engine::new`].
    #[uniffi::constructor]
    pub fn with_calendar(
        policy: &Policy,
        calendar: &WorkCalendar,
    ) -> Result<Arc<Self>, KezekError> {
        guarded(|| {
            Ok(Self::wrap(kezek::Engine::new(
                policy.0.clone(),
                (*calendar.0).clone(),
            )?))
        })
    }

    /// An engine from a snapshot (`snapshot()`'s JSON text).
    ///
    /// # Errors
    /// `SNAPSHOT_FORMAT`, `SNAPSHOT_VERSION`.
    #[uniffi::constructor]
    pub fn from_snapshot(json: &str) -> Result<Arc<Self>, KezekError> {
        guarded(|| Ok(Self::wrap(kezek::Engine::from_json(json)?)))
    }

    /// The whole engine as versioned JSON text, for the app to persist.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn snapshot(&self) -> Result<String, KezekError> {
        self.read(|e| Ok(e.to_json()))
    }

    /// The engine's clock: the latest moment it has seen.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn now(&self) -> Result<Option<CivilMoment>, KezekError> {
        self.read(|e| Ok(e.now()))
    }

    /// Registers an application (`RULES.md §2`); returns its id.
    ///
    /// # Errors
    /// `REGISTRATION_REFUSED` with every failed check, `TIME_BEFORE_CLOCK`.
    pub fn register(
        &self,
        application: NewApplication,
        at: CivilMoment,
    ) -> Result<ApplicationId, KezekError> {
        self.command(|e| e.register(application.into(), at))
    }

    /// Sends a notice of `vacancies` places to the application (and its batch).
    ///
    /// # Errors
    /// `NOT_ELIGIBLE`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`, `APPLICATION_UNKNOWN`.
    pub fn notify(
        &self,
        id: ApplicationId,
        vacancies: u32,
        at: CivilMoment,
    ) -> Result<Vec<ApplicationId>, KezekError> {
        self.command(|e| e.notify(id, vacancies, at))
    }

    /// Issues a direction to `kindergarten`.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`, `APPLICATION_UNKNOWN`.
    pub fn issue_direction(
        &self,
        id: ApplicationId,
        kindergarten: &str,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.issue_direction(id, kindergarten, at))
    }

    /// The notified applicant takes a place of `bulletin` (a direction is issued).
    ///
    /// # Errors
    /// `PLACE_TAKEN`, `PLACE_RESERVED`, `PLACE_OTHER_QUEUE`, `BULLETIN_UNKNOWN`, and those of
    /// [`Engine::issue_direction`].
    pub fn take_place(
        &self,
        id: ApplicationId,
        bulletin: BulletinId,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.take_place(id, bulletin, at))
    }

    /// Gives a direction back (`RULES.md §6`).
    ///
    /// # Errors
    /// `REVOCATION_CLOSED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn revoke(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.revoke(id, at))
    }

    /// Extends a direction's show-up deadline to `until`.
    ///
    /// # Errors
    /// `EXTENSION_USED`, `EXTENSION_TOO_LONG`, `EXTENSION_TOO_SHORT`, `STATE_FORBIDS`.
    pub fn extend(
        &self,
        id: ApplicationId,
        until: CivilDate,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.extend(id, until, at))
    }

    /// Confirms an out-of-turn right for a direction.
    ///
    /// # Errors
    /// `RIGHT_NOT_REQUIRED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn confirm_right(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.confirm_right(id, at))
    }

    /// Enrolls the child (the kindergarten's act).
    ///
    /// # Errors
    /// `RIGHT_NOT_CONFIRMED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn enroll(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.enroll(id, at))
    }

    /// The child leaves the kindergarten.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn release(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.release(id, at))
    }

    /// The applicant withdraws the application.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn withdraw(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.withdraw(id, at))
    }

    /// Confirms interest for the year (`RULES.md §7`).
    ///
    /// # Errors
    /// `INTEREST_TOO_EARLY`, `INTEREST_ALREADY_CONFIRMED`, `STATE_FORBIDS`.
    pub fn confirm_interest(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.confirm_interest(id, at))
    }

    /// Consents to an offered voucher (`RULES.md §8`).
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn confirm_voucher(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.confirm_voucher(id, at))
    }

    /// Refuses an offered voucher.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn refuse_voucher(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.refuse_voucher(id, at))
    }

    /// Restores an inactive application.
    ///
    /// # Errors
    /// `RESTORE_USED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn restore(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.restore(id, at))
    }

    /// Signs the contract for a voucher place of `bulletin`.
    ///
    /// # Errors
    /// `STATE_FORBIDS`, `PLACE_HELD_ELSEWHERE`, `BULLETIN_UNKNOWN`, `TIME_BEFORE_CLOCK`.
    pub fn sign_contract(
        &self,
        id: ApplicationId,
        bulletin: BulletinId,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.sign_contract(id, bulletin, at))
    }

    /// Joins the waiting list of a kindergarten.
    ///
    /// # Errors
    /// `WAITING_LIST_NOT_NEEDED`, `KINDERGARTEN_UNKNOWN`, `STATE_FORBIDS`.
    pub fn join_waiting_list(
        &self,
        id: ApplicationId,
        kindergarten: &str,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.join_waiting_list(id, kindergarten, at))
    }

    /// Adds a second applicant (the other parent).
    ///
    /// # Errors
    /// `APPLICANT_ALREADY_LINKED`, an IIN error, `TIME_BEFORE_CLOCK`.
    pub fn link_applicant(
        &self,
        id: ApplicationId,
        applicant_iin: &str,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.link_applicant(id, applicant_iin, at))
    }

    /// Links twins into a batch directed together, where the policy links them (`RULES.md §4`).
    ///
    /// # Errors
    /// `BATCH_NOT_IN_POLICY`, `BATCH_SIZE`, `BATCH_QUEUE`, `BATCH_FAMILY`, `BATCH_BIRTHS`,
    /// `BATCH_STATE`, `BATCH_LINKED`.
    pub fn link_batch(&self, ids: Vec<ApplicationId>, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.link_batch(&ids, at))
    }

    /// Unlinks the twins batch of `id` (the applicant's request): each member stands again
    /// at its own place.
    ///
    /// # Errors
    /// `BATCH_NOT_LINKED` when it is in no batch, `APPLICATION_UNKNOWN`.
    pub fn unlink_batch(&self, id: ApplicationId, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.unlink_batch(id, at))
    }

    /// Adds calendar data at `at` (a patch, JSON text: a new year's order moving days off)
    /// and counts every pending deadline again; returns the ids whose deadlines moved.
    ///
    /// # Errors
    /// `CALENDAR_JSON` and the calendar's other errors, `TIME_BEFORE_CLOCK`.
    pub fn patch_calendar(
        &self,
        json: &str,
        at: CivilMoment,
    ) -> Result<Vec<ApplicationId>, KezekError> {
        let patch = guarded(|| Ok(kezek::calendar::CalendarPatch::from_json(json)?))?;
        self.command(|e| e.patch_calendar(patch, at))
    }

    /// Changes the benefit (or removes it with `None`) and its documents.
    ///
    /// # Errors
    /// `BENEFIT_REFUSED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`.
    pub fn update_benefit(
        &self,
        id: ApplicationId,
        benefit: Option<String>,
        documents: Vec<Document>,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.update_benefit(id, benefit.as_deref(), &documents, at))
    }

    /// The state register corrected the child's birth date: the age rules and the cohort
    /// read the new date; the child keeps its registration moment.
    ///
    /// # Errors
    /// `BIRTH_DATE_REFUSED`, `STATE_FORBIDS`, `BATCH_LINKED`, `TIME_BEFORE_CLOCK`.
    pub fn correct_birth_date(
        &self,
        id: ApplicationId,
        birth_date: CivilDate,
        at: CivilMoment,
    ) -> Result<(), KezekError> {
        self.command(|e| e.correct_birth_date(id, birth_date, at))
    }

    /// Moves the clock to `at`, applying every deadline due by then.
    ///
    /// # Errors
    /// `TIME_BEFORE_CLOCK`.
    pub fn advance_to(&self, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| e.advance_to(at))
    }

    /// Publishes bulletins of places and runs the offer round of each pool (`RULES.md §5`).
    ///
    /// # Errors
    /// `BULLETIN_INVALID`, `PLACES_FROZEN`, `TIME_BEFORE_CLOCK`.
    pub fn publish(
        &self,
        bulletins: Vec<NewBulletin>,
        at: CivilMoment,
    ) -> Result<Vec<RoundReport>, KezekError> {
        let bulletins: Vec<_> = bulletins.into_iter().map(Into::into).collect();
        self.command(|e| e.publish(&bulletins, at))
            .map(|reports| reports.iter().map(Into::into).collect())
    }

    /// Runs the offer round again in the pool of `bulletin`.
    ///
    /// # Errors
    /// `BULLETIN_UNKNOWN`, `PLACES_FROZEN`, `DISTRIBUTION_NOT_STARTED`, `TIME_BEFORE_CLOCK`.
    pub fn offer_round(
        &self,
        bulletin: BulletinId,
        at: CivilMoment,
    ) -> Result<RoundReport, KezekError> {
        self.command(|e| e.offer_round(bulletin, at))
            .map(|r| (&r).into())
    }

    /// Runs the offer round of every pool with open places (`RULES.md §8`).
    ///
    /// # Errors
    /// `PLACES_FROZEN`, `DISTRIBUTION_NOT_STARTED`, `TIME_BEFORE_CLOCK`.
    pub fn distribute(&self, at: CivilMoment) -> Result<Vec<RoundReport>, KezekError> {
        self.command(|e| e.distribute(at))
            .map(|r| r.iter().map(Into::into).collect())
    }

    /// Runs any engine command given as JSON, `{"command": "withdraw", "id": 3}` (the
    /// command's name as in the log and the method's fields; `register` takes
    /// `application`), at `at`; gives its outcome as JSON: an id, ids, round reports or
    /// `null`. The typed methods above are what most apps call; this one entry serves
    /// hosts that keep commands as data (queues of offline actions, logs, tests).
    ///
    /// # Errors
    /// `INPUT_FORMAT` for a malformed command, else those of the command.
    pub fn execute(&self, command: &str, at: CivilMoment) -> Result<String, KezekError> {
        let request = guarded(|| Ok(Request::from_json(command)?))?;
        let outcome = self.command(|e| e.execute(request, at))?;
        Ok(serde_json::to_string(&outcome).unwrap_or_default())
    }
}

#[cfg(feature = "test-hooks")]
#[uniffi::export]
impl Engine {
    /// Test hook (built with the `test-hooks` feature only): advances the clock to `at`,
    /// then panics as a bug in a command would.
    ///
    /// # Errors
    /// Always `INTERNAL`; the engine is left as before the call.
    ///
    /// # Panics
    /// Inside, caught at the boundary.
    pub fn panic_for_testing(&self, at: CivilMoment) -> Result<(), KezekError> {
        self.command(|e| {
            e.advance_to(at)?;
            panic!("a panic for testing, at {at}");
        })
    }
}
