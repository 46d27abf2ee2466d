//! `Engine`'s queries (`RULES.md §2–§8`): applications, states, queue numbers, histories,
//! explained decisions, listings and bulletins, as one table over the core's one entry,
//! `kezek::Engine::ask` (a query never changes the engine). Each line is the JS name, the
//! parameters with the conversion that checks each (`INPUT_TYPE` naming it), and the core's
//! `Query` it builds; a new query is a line here.

use kezek::lifecycle::Query;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::commands::{bulletin_of, engine_methods, id_of};
use crate::convert::{from_js, moment, small, to_js};
use crate::engine::{ids, Engine};
use crate::errors::js;

impl Engine {
    /// Answers `query` on the engine as it stands.
    #[allow(clippy::needless_pass_by_value)] // by value as `run` takes a request: one table
    fn answer(&self, query: Query) -> Result<JsValue, JsValue> {
        self.0.read(|e| to_js(&js(e.ask(&query))?))?
    }
}

#[wasm_bindgen]
impl Engine {
    /// The name of every engine query (the core's `Query::NAMES`, in `snake_case`): each is a
    /// method here, camelCased. JS has no `ask(query)` entry: reading queries as data
    /// added 12 KB gzipped to the .wasm, and the typed methods below build the core's
    /// `Query` themselves.
    #[wasm_bindgen(js_name = queryNames, unchecked_return_type = "string[]")]
    pub fn query_names() -> Result<JsValue, JsValue> {
        to_js(&Query::NAMES)
    }

    /// The applications an applicant filed.
    #[wasm_bindgen(js_name = applicationsOf, unchecked_return_type = "number[]")]
    pub fn applications_of(&self, applicant: &crate::iin::Iin) -> Result<JsValue, JsValue> {
        self.0.read(|e| ids(&e.applications_of(&applicant.0)))?
    }
}

use Query as Q;

// The table of queries, as the commands' (`commands.rs`, `engine_methods!`).
engine_methods! { answer []
    " The application as registered, its IINs masked (`********0403`), as every host shows it."
    application "application" (id: id_of "id" "number") -> "Application" = Q::Application { id };
    " The queue the application stands in."
    queue_key "queueKey" (id: id_of "id" "number") -> "QueueKey" = Q::QueueKey { id };
    " The application's state (`{state: \"queued\"}`, `{state: \"notice_sent\", chooseBy}`…)."
    state "state" (id: id_of "id" "number") -> "State" = Q::State { id };
    " The name of its state (`\"queued\"`…), read without building the state."
    state_name "stateName" (id: id_of "id" "number") -> "StateName" = Q::StateName { id };
    " Its position in the queue, or `null` when it stands in none."
    position "position" (id: id_of "id" "number") -> "Position | null" = Q::Position { id };
    " Its events, oldest first."
    history "history" (id: id_of "id" "number") -> "Event[]" = Q::History { id };
    " Its next deadline (`{at, kind}`), or `null`."
    next_deadline "nextDeadline" (id: id_of "id" "number")
        -> "NextDeadline | null" = Q::NextDeadline { id };
    " Directions lapsed so far."
    lapses "lapses" (id: id_of "id" "number") -> "number" = Q::Lapses { id };
    " Its interest confirmations (`{anniversary, confirmed}`)."
    interest "interest" (id: id_of "id" "number") -> "Interest" = Q::Interest { id };
    " When interest must next be confirmed: `{anniversary, confirmBy, opensAt, confirmed}`,"
    " or `null` unless it waits in the queue."
    interest_due "interestDue" (id: id_of "id" "number")
        -> "InterestDue | null" = Q::InterestDue { id };
    " The ids of its batch (itself alone when it has none)."
    batch "batch" (id: id_of "id" "number") -> "number[]" = Q::Batch { id };
    " Why the application may or may not be offered `vacancies` places now."
    explain_offer "explainOffer" (
        id: id_of "id" "number", vacancies: small "vacancies" "number", at: moment "at" "string"
    ) -> "Decision" = Q::ExplainOffer { id, vacancies, at };
    " Whether the application may take one of the places the engine has published, at"
    " `at`, and why (`RULES.md §5`): after a notice, or by free choice."
    explain_take_place "explainTakePlace" (id: id_of "id" "number", at: moment "at" "string")
        -> "Decision" = Q::ExplainTakePlace { id, at };
    " Why an application may or may not be registered now (`RULES.md §1–§4`)."
    explain_registration "explainRegistration"
        (application: from_js "application" "NewApplication", at: moment "at" "string")
        -> "Decision" = Q::ExplainRegistration { application, at };
    " Whether the child is too old to stay in the queue (`RULES.md §4`)."
    explain_removal_for_age "explainRemovalForAge"
        (id: id_of "id" "number", at: moment "at" "string")
        -> "Decision" = Q::ExplainRemovalForAge { id, at };
    " The queues with someone standing in them."
    queues "queues" () -> "QueueKey[]" = Q::Queues {};
    " The ids of a queue, in order."
    listing "listing" (queue: from_js "queue" "QueueKey") -> "number[]" = Q::Listing { queue };
    " A queue's public listing (IINs masked)."
    listing_entries "listingEntries" (queue: from_js "queue" "QueueKey")
        -> "ListingEntry[]" = Q::ListingEntries { queue };
    " How many stand in a queue, by class."
    counts "counts" (queue: from_js "queue" "QueueKey") -> "ClassCounts" = Q::Counts { queue };
    " Places of a queue's pool open to free choice (`RULES.md §7`)."
    open_places "openPlaces" (queue: from_js "queue" "QueueKey")
        -> "number" = Q::OpenPlaces { queue };
    " Every bulletin published."
    bulletins "bulletins" () -> "Bulletin[]" = Q::Bulletins {};
    " One bulletin."
    bulletin "bulletin" (bulletin: bulletin_of "bulletin" "number")
        -> "Bulletin" = Q::Bulletin { bulletin };
    " Children standing in each queue, by class and by language of instruction, in queue"
    " order: the portals' home-page figures."
    statistics "statistics" () -> "QueueStatisticsEntry[]" = Q::Statistics {};
    " The bulletins a notified application may take a place of: those of its pool with a"
    " free place (`RULES.md §5`)."
    choices "choices" (id: id_of "id" "number") -> "Bulletin[]" = Q::Choices { id };
    " The kindergartens the application ranks, best first (`RULES.md §5a`)."
    ranked_choices "rankedChoices" (id: id_of "id" "number")
        -> "string[]" = Q::RankedChoices { id };
    " The catalogue of kindergartens parents rank, by id (`RULES.md §5a`)."
    kindergartens "kindergartens" () -> "Kindergarten[]" = Q::Kindergartens {};
    " Checks a round of ranked choices from its certificate (`RoundReport.certificate`), on"
    " the engine restored from the snapshot taken right after the round (`RULES.md §5a`):"
    " nothing over-filled, nobody passed over, no swap left, and the certificate's choices,"
    " sibling priorities, order and directions are the engine's."
    verify_round "verifyRound" (certificate: from_js "certificate" "RoundCertificate")
        -> "Verdict" = Q::VerifyRound { certificate };
    " For a child of a round of ranked choices, the cutoff at each kindergarten it ranked"
    " above the one it got, best first, in words for its parents (`RULES.md §5a`)."
    choice_cutoffs "choiceCutoffs"
        (certificate: from_js "certificate" "RoundCertificate", id: id_of "id" "number")
        -> "ChoiceCutoff[]" = Q::ChoiceCutoffs { certificate, id };
    " The directions the re-placing at the end of the last accepted command issued, in order:"
    " under ranked choices a place a command gave back goes on at once, along a chain (a"
    " child that moved names where it held one: `movedFrom`) (`RULES.md §5a`). Empty when"
    " the last command gave nothing on; a snapshot does not carry it."
    given_on "givenOn" () -> "Directed[]" = Q::GivenOn {};
}
