//! Questions as data (issue 24): one entry, [`Engine::ask`], answers any of the engine's
//! queries given as a [`Query`], as commands go through [`Engine::execute`]. Hosts build
//! their typed query methods on it, so a new query is the core's and one line per host.
//!
//! A query is JSON tagged by `query`, with the arguments of the method of that name:
//! `{"query": "state", "id": 3}`, `{"query": "explain_offer", "id": 3, "vacancies": 2,
//! "at": "2025-03-03T10:00:00"}`, `{"query": "listing", "queue": {…}}`. The answer
//! serialises as the method's result does.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    Engine, Event, Interest, InterestDue, LifecycleError, ListingEntry, NextDeadline,
    QueueStatisticsEntry, State, StateName,
};
use crate::allocation::{
    Bulletin, BulletinId, CheckedCertificate, ChoiceCutoff, Kindergarten, Verdict,
};
use crate::application::{ApplicationId, ApplicationView, NewApplication, QueueKey};
use crate::eligibility::Decision;
use crate::queue::{ClassCounts, Position};
use crate::InputError;

/// A question to the engine, as a host gives it. Each variant is the [`Engine`] method of
/// the same name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "query", rename_all = "snake_case", deny_unknown_fields)]
#[allow(missing_docs)] // fields are the arguments of the method of the same name
pub enum Query {
    Application {
        id: ApplicationId,
    },
    QueueKey {
        id: ApplicationId,
    },
    Choices {
        id: ApplicationId,
    },
    State {
        id: ApplicationId,
    },
    StateName {
        id: ApplicationId,
    },
    Position {
        id: ApplicationId,
    },
    History {
        id: ApplicationId,
    },
    NextDeadline {
        id: ApplicationId,
    },
    Lapses {
        id: ApplicationId,
    },
    Interest {
        id: ApplicationId,
    },
    InterestDue {
        id: ApplicationId,
    },
    Batch {
        id: ApplicationId,
    },
    ExplainOffer {
        id: ApplicationId,
        vacancies: u32,
        at: NaiveDateTime,
    },
    ExplainTakePlace {
        id: ApplicationId,
        at: NaiveDateTime,
    },
    ExplainRegistration {
        application: NewApplication,
        at: NaiveDateTime,
    },
    ExplainRemovalForAge {
        id: ApplicationId,
        at: NaiveDateTime,
    },
    Queues {},
    Listing {
        queue: QueueKey,
    },
    ListingEntries {
        queue: QueueKey,
    },
    Counts {
        queue: QueueKey,
    },
    OpenPlaces {
        queue: QueueKey,
    },
    Bulletins {},
    Bulletin {
        bulletin: BulletinId,
    },
    Statistics {},
    RankedChoices {
        id: ApplicationId,
    },
    Kindergartens {},
    VerifyRound {
        certificate: CheckedCertificate,
    },
    ChoiceCutoffs {
        certificate: CheckedCertificate,
        id: ApplicationId,
    },
    GivenOn {},
}

/// What a query gives back, borrowed from the engine where it can be. As JSON (untagged)
/// it is what the method's result serialises to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(missing_docs)] // each variant is the answer of the queries that give it
pub enum Answer<'a> {
    /// The application as hosts show it, IINs masked.
    Application(ApplicationView<'a>),
    QueueKey(QueueKey),
    Choices(Vec<&'a Bulletin>),
    State(&'a State),
    StateName(StateName),
    Position(Option<Position>),
    History(Vec<Event>),
    NextDeadline(Option<NextDeadline>),
    /// Lapses so far; open places.
    Count(u32),
    Interest(Interest),
    InterestDue(Option<InterestDue>),
    /// A batch's ids; a queue's ids in order.
    Applications(Vec<ApplicationId>),
    Decision(Decision),
    Queues(Vec<&'a QueueKey>),
    ListingEntries(Vec<ListingEntry>),
    Counts(ClassCounts),
    Bulletins(&'a [Bulletin]),
    Bulletin(&'a Bulletin),
    Statistics(Vec<QueueStatisticsEntry>),
    /// Kindergarten ids: an application's ranked choices, best first.
    Kindergartens(&'a [std::sync::Arc<str>]),
    /// The catalogue of kindergartens, by id.
    Catalogue(Vec<&'a Kindergarten>),
    /// A round of ranked choices checked.
    Verdict(Verdict),
    /// A child's cutoffs in a round of ranked choices.
    Cutoffs(Vec<ChoiceCutoff>),
    /// The directions the last command's re-placing issued.
    Directed(&'a [crate::allocation::Directed]),
}

/// What the errors name.
const WHAT: &str = "query";

impl Query {
    /// The name of every query (its `query` tag, the name of the engine's method), in the
    /// order of the variants.
    pub const NAMES: [&'static str; 29] = [
        "application",
        "queue_key",
        "choices",
        "state",
        "state_name",
        "position",
        "history",
        "next_deadline",
        "lapses",
        "interest",
        "interest_due",
        "batch",
        "explain_offer",
        "explain_take_place",
        "explain_registration",
        "explain_removal_for_age",
        "queues",
        "listing",
        "listing_entries",
        "counts",
        "open_places",
        "bulletins",
        "bulletin",
        "statistics",
        "ranked_choices",
        "kindergartens",
        "verify_round",
        "choice_cutoffs",
        "given_on",
    ];

    /// Reads a query from JSON data (the value a host already holds: read in place, with
    /// no text in between).
    ///
    /// # Errors
    /// `INPUT_FORMAT` naming what is wrong (no `query`, an unknown one, a missing or
    /// unknown argument, a value of the wrong shape).
    pub fn from_value(value: Value) -> Result<Self, InputError> {
        Self::tagged(&value)?;
        serde_json::from_value(value).map_err(|e| InputError::json(WHAT, &e))
    }

    /// Reads a query from JSON text.
    ///
    /// # Errors
    /// As [`Query::from_value`]; `INPUT_TOO_LARGE` over
    /// [`crate::input::MAX_REQUEST_BYTES`].
    pub fn from_json(json: &str) -> Result<Self, InputError> {
        InputError::check_size(WHAT, json.len() as u64, crate::input::MAX_REQUEST_BYTES)?;
        Self::from_value(serde_json::from_str(json).map_err(|e| InputError::json(WHAT, &e))?)
    }

    /// The query `name` about one application, for the queries whose only argument is
    /// its id (`state`, `position`, `history`…): a host's fast path, with no data to read.
    /// `None` for any other name.
    #[must_use]
    pub fn about(name: &str, id: ApplicationId) -> Option<Self> {
        Some(match name {
            "application" => Query::Application { id },
            "queue_key" => Query::QueueKey { id },
            "choices" => Query::Choices { id },
            "state" => Query::State { id },
            "state_name" => Query::StateName { id },
            "position" => Query::Position { id },
            "history" => Query::History { id },
            "next_deadline" => Query::NextDeadline { id },
            "lapses" => Query::Lapses { id },
            "interest" => Query::Interest { id },
            "interest_due" => Query::InterestDue { id },
            "batch" => Query::Batch { id },
            "ranked_choices" => Query::RankedChoices { id },
            _ => return None,
        })
    }

    /// An object with a `query` name, else `INPUT_FORMAT` saying so.
    fn tagged(value: &Value) -> Result<(), InputError> {
        match value.get("query").and_then(Value::as_str) {
            Some(_) => Ok(()),
            None => Err(InputError::format(
                WHAT,
                "a query is an object with a `query` name",
            )),
        }
    }
}

impl Engine {
    /// Answers one query, as its typed method would.
    ///
    /// ```
    /// use kezek::lifecycle::{Engine, Query};
    /// use kezek::LocalizedError;
    /// use kezek::{PolicyBook, WorkCalendar};
    /// let policy = PolicyBook::builtin().get("akmola-2024")?.clone();
    /// let engine = Engine::new(policy, WorkCalendar::kazakhstan())?;
    /// let query = Query::from_json(r#"{"query": "state", "id": 1}"#)?;
    /// assert_eq!(engine.ask(&query).unwrap_err().code(), "APPLICATION_UNKNOWN");
    /// let queues = engine.ask(&Query::from_json(r#"{"query": "queues"}"#)?)?;
    /// assert_eq!(serde_json::to_value(queues)?, serde_json::json!([]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// Those of the query's method (`APPLICATION_UNKNOWN`, `BULLETIN_UNKNOWN`…).
    pub fn ask(&self, query: &Query) -> Result<Answer<'_>, LifecycleError> {
        use Answer as A;
        Ok(match query {
            Query::Application { id } => A::Application(self.application(*id)?.view()),
            Query::QueueKey { id } => A::QueueKey(self.queue_key(*id)?),
            Query::Choices { id } => A::Choices(self.choices(*id)?),
            Query::State { id } => A::State(self.state(*id)?),
            Query::StateName { id } => A::StateName(self.state_name(*id)?),
            Query::Position { id } => A::Position(self.position(*id)?),
            Query::History { id } => A::History(self.history(*id)?.collect()),
            Query::NextDeadline { id } => A::NextDeadline(self.next_deadline(*id)?),
            Query::Lapses { id } => A::Count(self.lapses(*id)?),
            Query::Interest { id } => A::Interest(self.interest(*id)?),
            Query::InterestDue { id } => A::InterestDue(self.interest_due(*id)?),
            Query::Batch { id } => A::Applications(self.batch(*id)?),
            Query::ExplainOffer { id, vacancies, at } => {
                A::Decision(self.explain_offer(*id, *vacancies, *at)?)
            }
            Query::ExplainTakePlace { id, at } => A::Decision(self.explain_take_place(*id, *at)?),
            Query::ExplainRegistration { application, at } => {
                A::Decision(self.explain_registration(application, *at))
            }
            Query::ExplainRemovalForAge { id, at } => {
                A::Decision(self.explain_removal_for_age(*id, *at)?)
            }
            Query::Queues {} => A::Queues(self.queues()),
            Query::Listing { queue } => A::Applications(self.listing(queue)),
            Query::ListingEntries { queue } => A::ListingEntries(self.listing_entries(queue)),
            Query::Counts { queue } => A::Counts(self.counts(queue)),
            Query::OpenPlaces { queue } => A::Count(self.open_places(queue)),
            Query::Bulletins {} => A::Bulletins(self.bulletins()),
            Query::Bulletin { bulletin } => A::Bulletin(self.bulletin(*bulletin)?),
            Query::Statistics {} => A::Statistics(self.statistics_entries()),
            Query::RankedChoices { id } => A::Kindergartens(self.ranked_choices(*id)?),
            Query::Kindergartens {} => A::Catalogue(self.kindergartens().collect()),
            Query::VerifyRound { certificate } => A::Verdict(self.verify_round(certificate)),
            Query::ChoiceCutoffs { certificate, id } => A::Cutoffs(certificate.cutoffs(*id)),
            Query::GivenOn {} => A::Directed(self.given_on()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Query;
    use crate::LocalizedError;

    /// `Query::NAMES` is exactly the tags serde reads, in their order.
    #[test]
    fn the_names_are_the_queries_serde_reads() {
        let e = serde_json::from_str::<Query>(r#"{"query": "fly"}"#).expect_err("unknown");
        assert_eq!(super::super::tags_serde_lists(&e), Query::NAMES, "{e}");
    }

    /// `Query::about` gives what reading `{"query": name, "id": 7}` gives, for every name
    /// whose only argument is the id, and nothing for the others.
    #[test]
    fn about_an_application_is_the_query_read_from_data() {
        let id = crate::application::ApplicationId(7);
        let mut about = 0;
        for name in Query::NAMES {
            let read = Query::from_value(serde_json::json!({"query": name, "id": 7})).ok();
            assert_eq!(Query::about(name, id), read, "{name}");
            about += usize::from(read.is_some());
        }
        assert_eq!(about, 13);
        assert_eq!(Query::about("fly", id), None);
    }

    /// The `application` answer masks both IINs in every host (it gave the digits in
    /// Python and JS, masks in Kotlin/Swift).
    #[test]
    fn an_application_is_answered_with_its_iins_masked() {
        use crate::lifecycle::{Engine, Request};
        let policy = crate::PolicyBook::builtin()
            .get("akmola-2024")
            .expect("policy")
            .clone();
        let mut engine = Engine::new(policy, crate::WorkCalendar::kazakhstan()).expect("engine");
        let at = chrono::NaiveDate::from_ymd_opt(2024, 5, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("moment");
        let register = Request::from_json(
            r#"{"command": "register", "application": {
                "applicant_iin": "900101300017", "child_iin": "210308600403",
                "address": {"region": "akmola", "district": "kokshetau"},
                "group_type": "general", "language": "kazakh",
                "contacts": {"email": "ana@mail.kz", "phone": "+7 701 123 45 67"}}}"#,
        )
        .expect("request");
        engine.execute(register, at).expect("registered");
        let query = Query::from_json(r#"{"query": "application", "id": 1}"#).expect("query");
        let answer = serde_json::to_string(&engine.ask(&query).expect("answer")).expect("json");
        assert!(
            !answer.contains("210308600403") && !answer.contains("900101300017"),
            "{answer}"
        );
        assert!(answer.contains(r#""child":"********0403""#), "{answer}");
        assert!(
            answer.contains(r#""applicants":["********0017"]"#),
            "{answer}"
        );
        assert!(
            answer.contains(r#""child_birth_date":"2021-03-08""#),
            "{answer}"
        );
    }

    #[test]
    fn a_malformed_query_is_an_input_error_naming_what_is_wrong() {
        for (json, says) in [
            ("[1]", "`query`"),
            (r#"{"id": 1}"#, "`query`"),
            (r#"{"query": "fly", "id": 1}"#, "unknown variant"),
            (r#"{"query": "state"}"#, "id"),
            (r#"{"query": "state", "id": 1, "why": 2}"#, "unknown field"),
            (r#"{"query": "queues", "id": 1}"#, "unknown field"),
            (r#"{"query": "state", "id": -1}"#, "invalid value"),
            (
                r#"{"query": "explain_offer", "id": 1, "vacancies": 1}"#,
                "at",
            ),
        ] {
            let e = Query::from_json(json).expect_err(json);
            assert_eq!(e.code(), "INPUT_FORMAT", "{json}");
            let text = e.message(crate::Lang::En);
            assert!(text.contains(says), "{json}: {text}");
        }
    }
}
