//! `Engine`: the life of applications and the allocation of places (`RULES.md §2–§8`).
//!
//! Application and bulletin ids are numbers; moments are ISO strings in Kazakhstan civil
//! time. A refused command throws and leaves the engine unchanged; an internal error
//! (`INTERNAL`) leaves it as it was before the command (`recovery.rs`).

use kezek::allocation::{BulletinId, NewBulletin};
use kezek::application::{ApplicationId, Document, NewApplication};
use kezek::lifecycle::{Engine as CoreEngine, LogEntry, Request};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::calendar::WorkCalendar;
use crate::convert::{
    date, from_js, json_text, moment, optional_string, small, string, to_js, whole,
};
use crate::errors::js;
use crate::policy::Policy;
use crate::recovery::Guarded;

/// The lifecycle engine: one policy, one calendar, every application and bulletin.
#[wasm_bindgen]
pub struct Engine(pub(crate) Guarded);

pub(crate) fn app(id: &JsValue) -> Result<ApplicationId, JsValue> {
    whole("id", id).map(ApplicationId)
}

pub(crate) fn bulletin_id(id: &JsValue) -> Result<BulletinId, JsValue> {
    whole("bulletin", id).map(BulletinId)
}

/// Ids as a JS array of numbers.
pub(crate) fn ids(v: &[ApplicationId]) -> Result<JsValue, JsValue> {
    to_js(&v.iter().map(|i| i.0).collect::<Vec<_>>())
}

impl Engine {
    /// Runs a command taking an application id and a moment.
    fn command(
        &self,
        id: &JsValue,
        at: &JsValue,
        f: fn(
            &mut CoreEngine,
            ApplicationId,
            chrono::NaiveDateTime,
        ) -> Result<(), kezek::LifecycleError>,
    ) -> Result<(), JsValue> {
        let (id, at) = (app(id)?, moment("at", at)?);
        self.0.write(|e| js(f(e, id, at)))
    }
}

#[wasm_bindgen]
impl Engine {
    /// An engine under `policy`, on the national calendar of Kazakhstan.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &Policy) -> Result<Engine, JsValue> {
        Self::with_calendar(policy, &WorkCalendar(kezek::WorkCalendar::kazakhstan()))
    }

    /// An engine under `policy`, on `calendar`. (An optional argument would take the
    /// calendar from the caller: wasm-bindgen passes an optional class by value.)
    #[wasm_bindgen(js_name = withCalendar)]
    pub fn with_calendar(policy: &Policy, calendar: &WorkCalendar) -> Result<Engine, JsValue> {
        js(CoreEngine::new(policy.0.clone(), calendar.0.clone())).map(|e| Self(Guarded::new(e)))
    }

    /// The engine's policy.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> Result<Policy, JsValue> {
        self.0.read(|e| Policy(e.policy().clone()))
    }

    /// The engine's calendar.
    #[wasm_bindgen(getter)]
    pub fn calendar(&self) -> Result<WorkCalendar, JsValue> {
        self.0.read(|e| WorkCalendar(e.calendar().clone()))
    }

    /// The calendar the log starts from (before the log's calendar patches): replay the
    /// log on this one.
    #[wasm_bindgen(getter, js_name = logCalendar)]
    pub fn log_calendar(&self) -> Result<WorkCalendar, JsValue> {
        self.0.read(|e| WorkCalendar(e.log_calendar().clone()))
    }

    /// The moment of the last command (an ISO string), or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn now(&self) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(&e.now()))?
    }

    /// How many applications were ever registered.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> Result<usize, JsValue> {
        self.0.read(CoreEngine::len)
    }

    /// Registers an application (`RULES.md §2`); returns its id.
    pub fn register(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewApplication")] application: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<f64, JsValue> {
        let input: NewApplication = from_js("application", application)?;
        let at = moment("at", at)?;
        #[allow(clippy::cast_precision_loss)] // ids stay far below 2⁵³
        self.0
            .write(|e| js(e.register(input, at)).map(|id| id.0 as f64))
    }

    /// Notifies the application (and its batch) of `vacancies` places (`RULES.md §5`);
    /// returns the ids notified.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn notify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] vacancies: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (id, vacancies, at) = (app(id)?, small("vacancies", vacancies)?, moment("at", at)?);
        let notified = self.0.write(|e| js(e.notify(id, vacancies, at)))?;
        ids(&notified)
    }

    /// Issues a direction to `kindergarten` (`RULES.md §6`).
    #[wasm_bindgen(js_name = issueDirection)]
    pub fn issue_direction(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kindergarten: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, kindergarten) = (app(id)?, string("kindergarten", kindergarten)?);
        let at = moment("at", at)?;
        self.0
            .write(|e| js(e.issue_direction(id, &kindergarten, at)))
    }

    /// Revokes a direction (`RULES.md §6`).
    pub fn revoke(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::revoke)
    }

    /// Confirms an out-of-turn right in person (`RULES.md §3`).
    #[wasm_bindgen(js_name = confirmRight)]
    pub fn confirm_right(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::confirm_right)
    }

    /// Enrols the child of a direction (`RULES.md §6`).
    pub fn enroll(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::enroll)
    }

    /// Releases an enrolled child's place.
    pub fn release(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::release)
    }

    /// Withdraws the application.
    pub fn withdraw(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::withdraw)
    }

    /// Confirms interest for the year (`RULES.md §2`).
    #[wasm_bindgen(js_name = confirmInterest)]
    pub fn confirm_interest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::confirm_interest)
    }

    /// Confirms a voucher (`RULES.md §8`).
    #[wasm_bindgen(js_name = confirmVoucher)]
    pub fn confirm_voucher(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::confirm_voucher)
    }

    /// Refuses a voucher (`RULES.md §8`).
    #[wasm_bindgen(js_name = refuseVoucher)]
    pub fn refuse_voucher(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::refuse_voucher)
    }

    /// Restores an inactive application (`RULES.md §8`).
    pub fn restore(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::restore)
    }

    /// Extends a direction's show-up window to `until` (a date, `RULES.md §6`).
    pub fn extend(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] until: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, until, at) = (app(id)?, date("until", until)?, moment("at", at)?);
        self.0.write(|e| js(e.extend(id, until, at)))
    }

    /// Links a second applicant (a parent) to the application.
    #[wasm_bindgen(js_name = linkApplicant)]
    pub fn link_applicant(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(js_name = applicantIin, unchecked_param_type = "string")]
        applicant_iin: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, applicant_iin) = (app(id)?, string("applicantIin", applicant_iin)?);
        let at = moment("at", at)?;
        self.0
            .write(|e| js(e.link_applicant(id, &applicant_iin, at)))
    }

    /// Links twins or triplets into one batch, directed together or not at all. Only where
    /// the policy links twins (`twinBatches`: Astana since 16.10.2019); elsewhere
    /// `BATCH_NOT_IN_POLICY`. Also `BATCH_SIZE`, `BATCH_QUEUE`, `BATCH_FAMILY`,
    /// `BATCH_BIRTHS`, `BATCH_LINKED`, `BATCH_STATE`.
    #[wasm_bindgen(js_name = linkBatch)]
    pub fn link_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[]")] ids: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let ids: Vec<ApplicationId> = from_js::<Vec<u64>>("ids", ids)?
            .into_iter()
            .map(ApplicationId)
            .collect();
        let at = moment("at", at)?;
        self.0.write(|e| js(e.link_batch(&ids, at)))
    }

    /// Adds calendar data at `at` (a patch, JSON text or data: a new year's order moving
    /// days off) and counts every pending deadline again on it (`RULES.md §9`); returns the
    /// ids whose deadlines moved, each with a `DEADLINE_RECOMPUTED` event.
    #[wasm_bindgen(js_name = patchCalendar, unchecked_return_type = "number[]")]
    pub fn patch_calendar(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] patch: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = crate::convert::json_text("calendar patch", patch)?;
        let (patch, at) = (
            js(kezek::calendar::CalendarPatch::from_json(&text))?,
            moment("at", at)?,
        );
        let moved = self.0.write(|e| js(e.patch_calendar(patch, at)))?;
        ids(&moved)
    }

    /// Unlinks the twins batch of `id` (the applicant's request): each member stands again
    /// at its own place. `BATCH_NOT_LINKED` when it is in no batch.
    #[wasm_bindgen(js_name = unlinkBatch)]
    pub fn unlink_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        self.command(id, at, CoreEngine::unlink_batch)
    }

    /// Changes the benefit category (or removes it with `null`) and its documents.
    #[wasm_bindgen(js_name = updateBenefit)]
    pub fn update_benefit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] benefit: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Document[]")] documents: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let documents: Vec<Document> = from_js("documents", documents)?;
        let (id, benefit) = (app(id)?, optional_string("benefit", benefit)?);
        let at = moment("at", at)?;
        self.0
            .write(|e| js(e.update_benefit(id, benefit.as_deref(), &documents, at)))
    }

    /// The state register corrected the child's birth date (`birthDate`, an ISO date): the
    /// age rules and the cohort read the new date; the child keeps its registration
    /// moment. `BIRTH_DATE_REFUSED`, `STATE_FORBIDS`, `BATCH_LINKED`.
    #[wasm_bindgen(js_name = correctBirthDate)]
    pub fn correct_birth_date(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(js_name = birthDate, unchecked_param_type = "string")] birth_date: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, birth, at) = (app(id)?, date("birthDate", birth_date)?, moment("at", at)?);
        self.0.write(|e| js(e.correct_birth_date(id, birth, at)))
    }

    /// Runs any engine command given as data, `{command: "withdraw", id: 3}` (the command's
    /// snake_case name, as in the log, and the method's fields; `register` takes
    /// `application`), or as JSON text, at `at`; gives what the command gives: an id, ids,
    /// round reports, or `null`. `INPUT_FORMAT` for a malformed command.
    pub fn execute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EngineCommand | string")] command: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = Request::from_json(&json_text("command", command)?)
            .map_err(|e| crate::errors::js_error(&e))?;
        let at = moment("at", at)?;
        self.0
            .write(|e| js(e.execute(request, at)))
            .and_then(|outcome| to_js(&outcome))
    }

    /// Applies every deadline due up to `at`.
    #[wasm_bindgen(js_name = advanceTo)]
    pub fn advance_to(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let at = moment("at", at)?;
        self.0.write(|e| js(e.advance_to(at)))
    }

    /// Publishes bulletins of places and runs their offer rounds (`RULES.md §5`); one
    /// report per pool.
    #[wasm_bindgen(unchecked_return_type = "RoundReport[]")]
    pub fn publish(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewBulletin[]")] bulletins: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let bulletins: Vec<NewBulletin> = from_js("bulletins", bulletins)?;
        let at = moment("at", at)?;
        to_js(&self.0.write(|e| js(e.publish(&bulletins, at)))?)
    }

    /// Runs the offer round of a bulletin's pool.
    #[wasm_bindgen(js_name = offerRound, unchecked_return_type = "RoundReport")]
    pub fn offer_round(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] bulletin: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (bulletin, at) = (bulletin_id(bulletin)?, moment("at", at)?);
        to_js(&self.0.write(|e| js(e.offer_round(bulletin, at)))?)
    }

    /// Runs the offer rounds of every pool with open places (the distribution).
    #[wasm_bindgen(unchecked_return_type = "RoundReport[]")]
    pub fn distribute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let at = moment("at", at)?;
        to_js(&self.0.write(|e| js(e.distribute(at)))?)
    }

    /// Takes a place of `bulletin` (`RULES.md §5`, free choice `§7`).
    #[wasm_bindgen(js_name = takePlace)]
    pub fn take_place(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] bulletin: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, bulletin, at) = (app(id)?, bulletin_id(bulletin)?, moment("at", at)?);
        self.0.write(|e| js(e.take_place(id, bulletin, at)))
    }

    /// Signs the contract of a confirmed voucher at `bulletin` (`RULES.md §8`).
    #[wasm_bindgen(js_name = signContract)]
    pub fn sign_contract(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] bulletin: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, bulletin, at) = (app(id)?, bulletin_id(bulletin)?, moment("at", at)?);
        self.0.write(|e| js(e.sign_contract(id, bulletin, at)))
    }

    /// Joins a kindergarten's waiting list (`RULES.md §8`).
    #[wasm_bindgen(js_name = joinWaitingList)]
    pub fn join_waiting_list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kindergarten: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<(), JsValue> {
        let (id, kindergarten) = (app(id)?, string("kindergarten", kindergarten)?);
        let at = moment("at", at)?;
        self.0
            .write(|e| js(e.join_waiting_list(id, &kindergarten, at)))
    }

    /// Every accepted command, in order.
    #[wasm_bindgen(unchecked_return_type = "LogEntry[]")]
    pub fn log(&self) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(e.log()))?
    }

    /// Rebuilds an engine by replaying a command log under `policy` and `calendar`.
    pub fn replay(
        policy: &Policy,
        calendar: &WorkCalendar,
        #[wasm_bindgen(unchecked_param_type = "LogEntry[]")] log: &JsValue,
    ) -> Result<Engine, JsValue> {
        let log: Vec<LogEntry> = from_js("log", log)?;
        js(CoreEngine::replay(
            policy.0.clone(),
            calendar.0.clone(),
            &log,
        ))
        .map(|e| Self(Guarded::new(e)))
    }

    /// The whole engine as versioned JSON text (a snapshot to persist).
    pub fn snapshot(&self) -> Result<String, JsValue> {
        self.0.read(CoreEngine::to_json)
    }

    /// An engine from a snapshot.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "string")] json: &JsValue,
    ) -> Result<Engine, JsValue> {
        js(CoreEngine::from_json(&string("json", json)?)).map(|e| Self(Guarded::new(e)))
    }

    /// Drops the engine's memory; the package's `free()` calls it first, so an engine
    /// that a trapped call still holds is released all the same (`recovery.rs`).
    #[wasm_bindgen(js_name = "__release", skip_typescript)]
    pub fn release_memory(&self) {
        self.0.release();
    }

    /// Test hook: advances the clock to `at`, then panics, as a bug in a command would.
    /// The call throws `InternalError` and the engine stays as it was before it.
    ///
    /// # Panics
    /// Always, once the clock has moved.
    #[wasm_bindgen(js_name = "__panicForTesting", skip_typescript)]
    pub fn panic_for_testing(&self, at: &JsValue) -> Result<(), JsValue> {
        let at = moment("at", at)?;
        self.0.write(|e| {
            js(e.advance_to(at))?;
            panic!("panic for testing, after advancing the clock to {at}")
        })
    }
}
