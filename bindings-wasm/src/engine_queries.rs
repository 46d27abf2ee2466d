//! `Engine`'s queries (`RULES.md §2–§8`): applications, states, queue numbers, histories,
//! explained decisions, listings and bulletins. The commands are in `engine.rs`; a query
//! never changes the engine.

use kezek::application::{NewApplication, QueueKey};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{from_js, moment, small, to_js};
use crate::engine::{app, bulletin_id, ids, Engine};
use crate::errors::js;

#[wasm_bindgen]
impl Engine {
    /// The application as registered (IINs as digits: personal data).
    #[wasm_bindgen(unchecked_return_type = "Application")]
    pub fn application(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(js(e.application(id))?))?
    }

    /// The queue the application stands in.
    #[wasm_bindgen(js_name = queueKey, unchecked_return_type = "QueueKey")]
    pub fn queue_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(&js(e.queue_key(id))?))?
    }

    /// The application's state (`{state: "queued"}`, `{state: "notice_sent", chooseBy}`…).
    #[wasm_bindgen(unchecked_return_type = "State")]
    pub fn state(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(js(e.state(id))?))?
    }

    /// The name of its state (`"queued"`…), read without building the state.
    #[wasm_bindgen(js_name = stateName, unchecked_return_type = "StateName")]
    pub fn state_name(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<String, JsValue> {
        let id = app(id)?;
        self.0
            .read(|e| js(e.state_name(id)).map(|s| s.as_str().to_owned()))?
    }

    /// Its position in the queue, or `null` when it stands in none.
    #[wasm_bindgen(unchecked_return_type = "Position | null")]
    pub fn position(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(&js(e.position(id))?))?
    }

    /// Its events, oldest first.
    #[wasm_bindgen(unchecked_return_type = "Event[]")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0
            .read(|e| to_js(&js(e.history(id))?.collect::<Vec<_>>()))?
    }

    /// Its next deadline (`{at, kind}`), or `null`.
    #[wasm_bindgen(js_name = nextDeadline, unchecked_return_type = "NextDeadline | null")]
    pub fn next_deadline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(&js(e.next_deadline(id))?))?
    }

    /// Directions lapsed so far.
    pub fn lapses(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<u32, JsValue> {
        let id = app(id)?;
        self.0.read(|e| js(e.lapses(id)))?
    }

    /// Its interest confirmations (`{anniversary, confirmed}`).
    #[wasm_bindgen(unchecked_return_type = "Interest")]
    pub fn interest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(&js(e.interest(id))?))?
    }

    /// When interest must next be confirmed: `{anniversary, confirmBy, opensAt, confirmed}`,
    /// or `null` unless it waits in the queue.
    #[wasm_bindgen(js_name = interestDue, unchecked_return_type = "InterestDue | null")]
    pub fn interest_due(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(&js(e.interest_due(id))?))?
    }

    /// The ids of its batch (itself alone when it has none).
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| ids(&js(e.batch(id))?))?
    }

    /// The applications an applicant filed.
    #[wasm_bindgen(js_name = applicationsOf, unchecked_return_type = "number[]")]
    pub fn applications_of(&self, applicant: &crate::iin::Iin) -> Result<JsValue, JsValue> {
        self.0.read(|e| ids(&e.applications_of(&applicant.0)))?
    }

    /// Why the application may or may not be offered `vacancies` places now.
    #[wasm_bindgen(js_name = explainOffer, unchecked_return_type = "Decision")]
    pub fn explain_offer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] vacancies: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (id, vacancies, at) = (app(id)?, small("vacancies", vacancies)?, moment("at", at)?);
        self.0
            .read(|e| to_js(&js(e.explain_offer(id, vacancies, at))?))?
    }

    /// Whether the application may take one of the places the engine has published, at
    /// `at`, and why (`RULES.md §5`): after a notice, or by free choice.
    #[wasm_bindgen(js_name = explainTakePlace, unchecked_return_type = "Decision")]
    pub fn explain_take_place(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (id, at) = (app(id)?, moment("at", at)?);
        self.0.read(|e| to_js(&js(e.explain_take_place(id, at))?))?
    }

    /// Why an application may or may not be registered now (`RULES.md §1–§4`).
    #[wasm_bindgen(js_name = explainRegistration, unchecked_return_type = "Decision")]
    pub fn explain_registration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewApplication")] application: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let input: NewApplication = from_js("application", application)?;
        let at = moment("at", at)?;
        self.0
            .read(|e| to_js(&e.explain_registration(&input, at)))?
    }

    /// Whether the child is too old to stay in the queue (`RULES.md §4`).
    #[wasm_bindgen(js_name = explainRemovalForAge, unchecked_return_type = "Decision")]
    pub fn explain_removal_for_age(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (id, at) = (app(id)?, moment("at", at)?);
        self.0
            .read(|e| to_js(&js(e.explain_removal_for_age(id, at))?))?
    }

    /// The queues with someone standing in them.
    #[wasm_bindgen(unchecked_return_type = "QueueKey[]")]
    pub fn queues(&self) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(&e.queues()))?
    }

    /// The ids of a queue, in order.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn listing(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QueueKey")] queue: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let key: QueueKey = from_js("queue key", queue)?;
        self.0.read(|e| ids(&e.listing(&key)))?
    }

    /// A queue's public listing (IINs masked).
    #[wasm_bindgen(js_name = listingEntries, unchecked_return_type = "ListingEntry[]")]
    pub fn listing_entries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QueueKey")] queue: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let key: QueueKey = from_js("queue key", queue)?;
        self.0.read(|e| to_js(&e.listing_entries(&key)))?
    }

    /// How many stand in a queue, by class.
    #[wasm_bindgen(unchecked_return_type = "ClassCounts")]
    pub fn counts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QueueKey")] queue: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let key: QueueKey = from_js("queue key", queue)?;
        self.0.read(|e| to_js(&e.counts(&key)))?
    }

    /// Every bulletin published.
    #[wasm_bindgen(unchecked_return_type = "Bulletin[]")]
    pub fn bulletins(&self) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(e.bulletins()))?
    }

    /// One bulletin.
    #[wasm_bindgen(unchecked_return_type = "Bulletin")]
    pub fn bulletin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] bulletin: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let bulletin = bulletin_id(bulletin)?;
        self.0.read(|e| to_js(js(e.bulletin(bulletin))?))?
    }

    /// The bulletins a notified application may take a place of: those of its pool with a
    /// free place (`RULES.md §5`).
    #[wasm_bindgen(unchecked_return_type = "Bulletin[]")]
    pub fn choices(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = app(id)?;
        self.0.read(|e| to_js(&js(e.choices(id))?))?
    }

    /// Places of a queue's pool open to free choice (`RULES.md §7`).
    #[wasm_bindgen(js_name = openPlaces)]
    pub fn open_places(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QueueKey")] queue: &JsValue,
    ) -> Result<u32, JsValue> {
        let key: QueueKey = from_js("queue key", queue)?;
        self.0.read(|e| e.open_places(&key))
    }
}
