//! Commands as data (issue 24 §2): one entry, [`Engine::execute`], takes any engine
//! command as a [`Request`] and gives its [`Outcome`]. Hosts and the conformance runners
//! drive the engine through it; the typed methods (`register`, `withdraw`…) stay for Rust
//! callers and are what it calls. Replay goes through it too: a logged [`Command`] is a
//! request.
//!
//! A request is JSON tagged by `command`, with the fields of the method of that name:
//! `{"command": "withdraw", "id": 3}`, `{"command": "register", "application": {…}}`,
//! `{"command": "link_applicant", "id": 3, "applicant_iin": "…"}`; every other command has
//! the shape it has in the log.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Command, Engine, LifecycleError};
use crate::allocation::RoundReport;
use crate::application::{ApplicationId, NewApplication};
use crate::InputError;

impl Request {
    /// The name of every command a request may carry (its `command` tag, the name of the
    /// engine's method): what a host tells commands from queries by, and a request's
    /// `command` must be one of. In the order of the log's [`Command`] variants.
    pub const NAMES: [&'static str; 28] = [
        "register",
        "advance_to",
        "notify",
        "issue_direction",
        "revoke",
        "extend",
        "confirm_right",
        "enroll",
        "release",
        "withdraw",
        "confirm_interest",
        "link_applicant",
        "link_batch",
        "unlink_batch",
        "update_benefit",
        "correct_birth_date",
        "publish",
        "offer_round",
        "distribute",
        "take_place",
        "confirm_voucher",
        "refuse_voucher",
        "restore",
        "sign_contract",
        "join_waiting_list",
        "patch_calendar",
        "add_kindergartens",
        "change_ranked_choices",
    ];
}

/// An engine command as a caller gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Registers an application ([`Engine::register`]).
    Register(NewApplication),
    /// Links a second applicant by IIN digits ([`Engine::link_applicant`]); the digits are
    /// checked by the command (`IIN_…`), not when the request is read.
    LinkApplicant {
        /// The application.
        id: ApplicationId,
        /// The applicant's IIN digits.
        applicant_iin: String,
    },
    /// Any other command, in the shape the log keeps it.
    Logged(Command),
}

/// What a command gives back. As JSON (untagged): the id of a registration, the ids of a
/// notice or of the applications a calendar patch recounted, the reports of a
/// publication or distribution, the report of an offer round, or `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// The new application's id.
    Registered(ApplicationId),
    /// Applications: those notified, or those whose deadlines a patch recounted.
    Applications(Vec<ApplicationId>),
    /// One report per pool of a publication or a distribution.
    Rounds(Vec<RoundReport>),
    /// The report of one offer round.
    Round(RoundReport),
    /// Nothing to give back.
    Done,
}

/// What the errors name.
const WHAT: &str = "command";

/// A command that gives nothing back.
fn done(r: Result<(), LifecycleError>) -> Result<Outcome, LifecycleError> {
    r.map(|()| Outcome::Done)
}

/// The fields of the two requests whose input differs from the log's entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterFields {
    #[allow(dead_code)] // the tag, read before
    command: String,
    application: NewApplication,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkApplicantFields {
    #[allow(dead_code)] // the tag, read before
    command: String,
    id: ApplicationId,
    applicant_iin: String,
}

impl Request {
    /// Reads a request from JSON data.
    ///
    /// # Errors
    /// `INPUT_FORMAT` naming what is wrong: no `command`, an unknown one, a missing or
    /// unknown field; `INPUT_TOO_LARGE` over [`crate::input::MAX_REQUEST_BYTES`].
    #[allow(clippy::needless_pass_by_value)] // taken as `SimulationInput::from_value` takes it
    pub fn from_value(value: Value) -> Result<Self, InputError> {
        let tag = value
            .get("command")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                InputError::format(WHAT, "a command is an object with a `command` name")
            })?;
        // The text reader, as elsewhere in the core (one reader per type in the .wasm).
        let text = value.to_string();
        InputError::check_size(WHAT, text.len() as u64, crate::input::MAX_REQUEST_BYTES)?;
        let read = |e: serde_json::Error| InputError::json(WHAT, &e);
        Ok(match tag {
            "register" => {
                let f: RegisterFields = serde_json::from_str(&text).map_err(read)?;
                Request::Register(f.application)
            }
            "link_applicant" => {
                let f: LinkApplicantFields = serde_json::from_str(&text).map_err(read)?;
                Request::LinkApplicant {
                    id: f.id,
                    applicant_iin: f.applicant_iin,
                }
            }
            _ => Request::Logged(serde_json::from_str(&text).map_err(read)?),
        })
    }

    /// Reads a request from JSON text.
    ///
    /// # Errors
    /// As [`Request::from_value`].
    pub fn from_json(json: &str) -> Result<Self, InputError> {
        InputError::check_size(WHAT, json.len() as u64, crate::input::MAX_REQUEST_BYTES)?;
        Self::from_value(serde_json::from_str(json).map_err(|e| InputError::json(WHAT, &e))?)
    }
}

impl Engine {
    /// Runs one command at `at`, as its typed method would, and gives what it gives.
    ///
    /// ```
    /// use kezek::lifecycle::{Engine, Outcome, Request};
    /// use kezek::{PolicyBook, WorkCalendar};
    /// let policy = PolicyBook::builtin().get("akmola-2024")?.clone();
    /// let mut engine = Engine::new(policy, WorkCalendar::kazakhstan())?;
    /// let at = chrono::NaiveDate::from_ymd_opt(2024, 1, 10).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let register = Request::from_json(r#"{"command": "register", "application": {
    ///     "applicant_iin": "900101300017", "child_iin": "210308600403",
    ///     "address": {"region": "akmola", "district": "kokshetau"},
    ///     "group_type": "general", "language": "kazakh",
    ///     "contacts": {"email": "ana@mail.kz", "phone": "+7 701 123 45 67"}}}"#)?;
    /// assert_eq!(serde_json::to_value(engine.execute(register, at)?)?, serde_json::json!(1));
    /// let withdraw = Request::from_json(r#"{"command": "withdraw", "id": 1}"#)?;
    /// assert_eq!(engine.execute(withdraw, at)?, Outcome::Done);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// Those of the command's method.
    pub fn execute(
        &mut self,
        request: Request,
        at: NaiveDateTime,
    ) -> Result<Outcome, LifecycleError> {
        match request {
            Request::Register(application) => {
                self.register(application, at).map(Outcome::Registered)
            }
            Request::LinkApplicant { id, applicant_iin } => {
                done(self.link_applicant(id, &applicant_iin, at))
            }
            Request::Logged(command) => self.execute_logged(&command, at),
        }
    }

    /// A command as the log keeps it (replay reads it in place).
    pub(super) fn execute_logged(
        &mut self,
        command: &Command,
        at: NaiveDateTime,
    ) -> Result<Outcome, LifecycleError> {
        match command {
            Command::Register { application } => self
                .register(application.to_new(), at)
                .map(Outcome::Registered),
            Command::AdvanceTo {} => done(self.advance_to(at)),
            Command::Notify { id, vacancies } => {
                self.notify(*id, *vacancies, at).map(Outcome::Applications)
            }
            Command::IssueDirection { id, kindergarten } => {
                done(self.issue_direction(*id, kindergarten, at))
            }
            Command::Revoke { id } => done(self.revoke(*id, at)),
            Command::Extend { id, until } => done(self.extend(*id, *until, at)),
            Command::ConfirmRight { id } => done(self.confirm_right(*id, at)),
            Command::Enroll { id } => done(self.enroll(*id, at)),
            Command::Release { id } => done(self.release(*id, at)),
            Command::Withdraw { id } => done(self.withdraw(*id, at)),
            Command::ConfirmInterest { id } => done(self.confirm_interest(*id, at)),
            Command::LinkApplicant { id, applicant } => {
                done(self.link_applicant(*id, applicant.expose_digits(), at))
            }
            Command::LinkBatch { ids } => done(self.link_batch(ids, at)),
            Command::UnlinkBatch { id } => done(self.unlink_batch(*id, at)),
            Command::UpdateBenefit {
                id,
                benefit,
                documents,
            } => done(self.update_benefit(*id, benefit.as_deref(), documents, at)),
            Command::CorrectBirthDate { id, birth_date } => {
                done(self.correct_birth_date(*id, *birth_date, at))
            }
            Command::Publish { bulletins } => self.publish(bulletins, at).map(Outcome::Rounds),
            Command::OfferRound { bulletin } => self.offer_round(*bulletin, at).map(Outcome::Round),
            Command::Distribute {} => self.distribute(at).map(Outcome::Rounds),
            Command::TakePlace { id, bulletin } => done(self.take_place(*id, *bulletin, at)),
            Command::ConfirmVoucher { id } => done(self.confirm_voucher(*id, at)),
            Command::RefuseVoucher { id } => done(self.refuse_voucher(*id, at)),
            Command::Restore { id } => done(self.restore(*id, at)),
            Command::SignContract { id, bulletin } => done(self.sign_contract(*id, *bulletin, at)),
            Command::JoinWaitingList { id, kindergarten } => {
                done(self.join_waiting_list(*id, kindergarten, at))
            }
            Command::PatchCalendar { patch } => self
                .patch_calendar(patch.clone(), at)
                .map(Outcome::Applications),
            Command::AddKindergartens { kindergartens } => {
                done(self.add_kindergartens(kindergartens, at))
            }
            Command::ChangeRankedChoices { id, choices } => {
                done(self.change_ranked_choices(*id, choices, at))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Request;
    use crate::LocalizedError;

    #[test]
    fn a_malformed_request_is_an_input_error_naming_what_is_wrong() {
        for (json, says) in [
            ("[1]", "`command`"),
            (r#"{"id": 1}"#, "`command`"),
            (r#"{"command": "fly", "id": 1}"#, "unknown variant"),
            (r#"{"command": "withdraw"}"#, "id"),
            (
                r#"{"command": "withdraw", "id": 1, "why": "x"}"#,
                "unknown field",
            ),
            (
                r#"{"command": "register", "application": {}}"#,
                "applicant_iin",
            ),
            (r#"{"command": "link_applicant", "id": 1}"#, "applicant_iin"),
            // A command of no arguments takes none (was: read as `advance_to`).
            (r#"{"command": "advance_to", "id": 1}"#, "unknown field"),
            (
                r#"{"command": "distribute", "bulletin": 1}"#,
                "unknown field",
            ),
            (r#"{"command": "#, "JSON"),
        ] {
            let e = Request::from_json(json).expect_err(json);
            assert_eq!(e.code(), "INPUT_FORMAT", "{json}");
            let text = e.message(crate::Lang::En);
            assert!(
                text.contains(says) || text.contains("EOF"),
                "{json}: {text}"
            );
        }
    }

    #[test]
    fn a_request_over_its_size_limit_is_refused_before_it_is_read() {
        let limit = usize::try_from(crate::input::MAX_REQUEST_BYTES).expect("fits");
        let padding = " ".repeat(limit);
        let json = format!(r#"{{"command": "withdraw", "id": 1}}{padding}"#);
        assert_eq!(
            Request::from_json(&json).expect_err("large").code(),
            "INPUT_TOO_LARGE"
        );
        let value = serde_json::json!({"command": "publish", "bulletins": [padding]});
        assert_eq!(
            Request::from_value(value).expect_err("large").code(),
            "INPUT_TOO_LARGE"
        );
        let fits = format!(r#"{{"command": "withdraw", "id": 1}}{}"#, " ".repeat(1000));
        assert!(Request::from_json(&fits).is_ok());
    }

    /// `Request::NAMES` is exactly the log's command tags, in their order: serde lists
    /// them when it meets an unknown one.
    #[test]
    fn the_names_are_the_commands_serde_reads() {
        let e = serde_json::from_str::<crate::lifecycle::Command>(r#"{"command": "fly"}"#)
            .expect_err("unknown");
        assert_eq!(super::super::tags_serde_lists(&e), Request::NAMES, "{e}");
    }

    #[test]
    fn an_iin_in_a_request_is_checked_by_the_command_not_the_reader() {
        let r =
            Request::from_json(r#"{"command": "link_applicant", "id": 1, "applicant_iin": "123"}"#)
                .expect("read");
        assert!(matches!(r, Request::LinkApplicant { .. }));
    }
}
