//! The engine's commands as typed Kotlin/Swift methods, one table: each line names the
//! method, its typed parameters (uniffi checks them) and the core method it runs on the
//! locked engine, under the engine's panic guard (`Engine::command`). `execute` (in
//! `engine.rs`) takes any of them as data; a new command is a line here.

use kezek::allocation::BulletinId;
use kezek::application::{ApplicationId, Document};

use crate::allocation::{Kindergarten, NewBulletin, RoundReport};
use crate::application::NewApplication;
use crate::engine::Engine;
use crate::errors::KezekError;
use crate::types::{CivilDate, CivilMoment};

/// The reports of a publication or a distribution, as Kotlin/Swift records.
fn reports(r: Vec<kezek::allocation::RoundReport>) -> Vec<RoundReport> {
    r.iter().map(Into::into).collect()
}

/// `"doc line"… fn name(param: Type, …) -> Return = |engine| core call;`. The docs are
/// strings, as in the JS binding's table (a doc comment through `macro_rules` is a raw
/// string some generators copy as `r" …`).
macro_rules! commands {
    ($(
        $($doc:literal)+
        fn $name:ident($($p:ident: $t:ty),*) -> $ret:ty = |$e:ident| $body:expr;
    )*) => {
        #[uniffi::export]
        impl Engine {
            $(
                $(#[doc = $doc])*
                pub fn $name(&self, $($p: $t),*) -> Result<$ret, KezekError> {
                    self.command(|$e| $body)
                }
            )*
        }
    };
}

commands! {
    " Registers an application (`RULES.md §2`); returns its id."
    " # Errors"
    " `REGISTRATION_REFUSED` with every failed check, `TIME_BEFORE_CLOCK`."
    fn register(application: NewApplication, at: CivilMoment) -> ApplicationId
        = |e| e.register(application.into(), at);
    " Sends a notice of `vacancies` places to the application (and its batch)."
    " # Errors"
    " `NOT_ELIGIBLE`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`, `APPLICATION_UNKNOWN`."
    fn notify(id: ApplicationId, vacancies: u32, at: CivilMoment) -> Vec<ApplicationId>
        = |e| e.notify(id, vacancies, at);
    " Issues a direction to `kindergarten`."
    " # Errors"
    " `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`, `APPLICATION_UNKNOWN`."
    fn issue_direction(id: ApplicationId, kindergarten: String, at: CivilMoment) -> ()
        = |e| e.issue_direction(id, &kindergarten, at);
    " The notified applicant takes a place of `bulletin` (a direction is issued)."
    " # Errors"
    " `PLACE_TAKEN`, `PLACE_RESERVED`, `PLACE_OTHER_QUEUE`, `BULLETIN_UNKNOWN`, and those of"
    " [`Engine::issue_direction`]."
    fn take_place(id: ApplicationId, bulletin: BulletinId, at: CivilMoment) -> ()
        = |e| e.take_place(id, bulletin, at);
    " Gives a direction back (`RULES.md §6`)."
    " # Errors"
    " `REVOCATION_CLOSED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn revoke(id: ApplicationId, at: CivilMoment) -> () = |e| e.revoke(id, at);
    " Extends a direction's show-up deadline to `until`."
    " # Errors"
    " `EXTENSION_USED`, `EXTENSION_TOO_LONG`, `EXTENSION_TOO_SHORT`, `STATE_FORBIDS`."
    fn extend(id: ApplicationId, until: CivilDate, at: CivilMoment) -> ()
        = |e| e.extend(id, until, at);
    " Confirms an out-of-turn right for a direction."
    " # Errors"
    " `RIGHT_NOT_REQUIRED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn confirm_right(id: ApplicationId, at: CivilMoment) -> () = |e| e.confirm_right(id, at);
    " Enrolls the child (the kindergarten's act)."
    " # Errors"
    " `RIGHT_NOT_CONFIRMED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn enroll(id: ApplicationId, at: CivilMoment) -> () = |e| e.enroll(id, at);
    " The child leaves the kindergarten."
    " # Errors"
    " `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn release(id: ApplicationId, at: CivilMoment) -> () = |e| e.release(id, at);
    " The applicant withdraws the application."
    " # Errors"
    " `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn withdraw(id: ApplicationId, at: CivilMoment) -> () = |e| e.withdraw(id, at);
    " Confirms interest for the year (`RULES.md §7`)."
    " # Errors"
    " `INTEREST_TOO_EARLY`, `INTEREST_ALREADY_CONFIRMED`, `STATE_FORBIDS`."
    fn confirm_interest(id: ApplicationId, at: CivilMoment) -> () = |e| e.confirm_interest(id, at);
    " Consents to an offered voucher (`RULES.md §8`)."
    " # Errors"
    " `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn confirm_voucher(id: ApplicationId, at: CivilMoment) -> () = |e| e.confirm_voucher(id, at);
    " Refuses an offered voucher."
    " # Errors"
    " `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn refuse_voucher(id: ApplicationId, at: CivilMoment) -> () = |e| e.refuse_voucher(id, at);
    " Restores an inactive application."
    " # Errors"
    " `RESTORE_USED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn restore(id: ApplicationId, at: CivilMoment) -> () = |e| e.restore(id, at);
    " Signs the contract for a voucher place of `bulletin`."
    " # Errors"
    " `STATE_FORBIDS`, `PLACE_HELD_ELSEWHERE`, `BULLETIN_UNKNOWN`, `TIME_BEFORE_CLOCK`."
    fn sign_contract(id: ApplicationId, bulletin: BulletinId, at: CivilMoment) -> ()
        = |e| e.sign_contract(id, bulletin, at);
    " Joins the waiting list of a kindergarten."
    " # Errors"
    " `WAITING_LIST_NOT_NEEDED`, `KINDERGARTEN_UNKNOWN`, `STATE_FORBIDS`."
    fn join_waiting_list(id: ApplicationId, kindergarten: String, at: CivilMoment) -> ()
        = |e| e.join_waiting_list(id, &kindergarten, at);
    " Adds kindergartens to the catalogue parents rank (`RULES.md §5a`), each replacing the"
    " entry of the same id."
    " # Errors"
    " `KINDERGARTEN_INVALID` naming the field, `TIME_BEFORE_CLOCK`."
    fn add_kindergartens(kindergartens: Vec<Kindergarten>, at: CivilMoment) -> ()
        = |e| e.add_kindergartens(
            &kindergartens.into_iter().map(Into::into).collect::<Vec<_>>(), at);
    " The applicant ranks kindergartens anew, best first (`RULES.md §5a`); the child keeps"
    " its place in the queue."
    " # Errors"
    " `CHOICES_NOT_IN_POLICY`, `CHOICES_TOO_MANY`, `CHOICE_DUPLICATE`, `CHOICE_UNKNOWN`,"
    " `CHOICE_GROUP_TYPE`, `CHOICE_LANGUAGE`, `CHOICE_AREA`, `STATE_FORBIDS`."
    fn change_ranked_choices(id: ApplicationId, choices: Vec<String>, at: CivilMoment) -> ()
        = |e| e.change_ranked_choices(
            id, &choices.into_iter().map(Into::into).collect::<Vec<_>>(), at);
    " Adds a second applicant (the other parent)."
    " # Errors"
    " `APPLICANT_ALREADY_LINKED`, an IIN error, `TIME_BEFORE_CLOCK`."
    fn link_applicant(id: ApplicationId, applicant_iin: String, at: CivilMoment) -> ()
        = |e| e.link_applicant(id, &applicant_iin, at);
    " Links twins into a batch directed together, where the policy links them (`RULES.md §4`)."
    " # Errors"
    " `BATCH_NOT_IN_POLICY`, `BATCH_SIZE`, `BATCH_QUEUE`, `BATCH_FAMILY`, `BATCH_BIRTHS`,"
    " `BATCH_STATE`, `BATCH_LINKED`."
    fn link_batch(ids: Vec<ApplicationId>, at: CivilMoment) -> () = |e| e.link_batch(&ids, at);
    " Unlinks the twins batch of `id` (the applicant's request): each member stands again"
    " at its own place."
    " # Errors"
    " `BATCH_NOT_LINKED` when it is in no batch, `APPLICATION_UNKNOWN`."
    fn unlink_batch(id: ApplicationId, at: CivilMoment) -> () = |e| e.unlink_batch(id, at);
    " Adds calendar data at `at` (a patch, JSON text: a new year's order moving days off)"
    " and counts every pending deadline again; returns the ids whose deadlines moved."
    " # Errors"
    " `CALENDAR_JSON` and the calendar's other errors, `TIME_BEFORE_CLOCK`."
    fn patch_calendar(json: String, at: CivilMoment) -> Vec<ApplicationId>
        = |e| e.patch_calendar(kezek::calendar::CalendarPatch::from_json(&json)?, at);
    " Changes the benefit (or removes it with `None`) and its documents."
    " # Errors"
    " `BENEFIT_REFUSED`, `STATE_FORBIDS`, `TIME_BEFORE_CLOCK`."
    fn update_benefit(
        id: ApplicationId, benefit: Option<String>, documents: Vec<Document>, at: CivilMoment
    ) -> () = |e| e.update_benefit(id, benefit.as_deref(), &documents, at);
    " The state register corrected the child's birth date: the age rules and the cohort"
    " read the new date; the child keeps its registration moment."
    " # Errors"
    " `BIRTH_DATE_REFUSED`, `STATE_FORBIDS`, `BATCH_LINKED`, `TIME_BEFORE_CLOCK`."
    fn correct_birth_date(id: ApplicationId, birth_date: CivilDate, at: CivilMoment) -> ()
        = |e| e.correct_birth_date(id, birth_date, at);
    " Moves the clock to `at`, applying every deadline due by then."
    " # Errors"
    " `TIME_BEFORE_CLOCK`."
    fn advance_to(at: CivilMoment) -> () = |e| e.advance_to(at);
    " Publishes bulletins of places and runs the offer round of each pool (`RULES.md §5`)."
    " # Errors"
    " `BULLETIN_INVALID`, `PLACES_FROZEN`, `TIME_BEFORE_CLOCK`."
    fn publish(bulletins: Vec<NewBulletin>, at: CivilMoment) -> Vec<RoundReport>
        = |e| e.publish(&bulletins.into_iter().map(Into::into).collect::<Vec<_>>(), at)
            .map(reports);
    " Runs the offer round again in the pool of `bulletin`."
    " # Errors"
    " `BULLETIN_UNKNOWN`, `PLACES_FROZEN`, `DISTRIBUTION_NOT_STARTED`, `TIME_BEFORE_CLOCK`."
    fn offer_round(bulletin: BulletinId, at: CivilMoment) -> RoundReport
        = |e| e.offer_round(bulletin, at).map(|r| (&r).into());
    " Runs the offer round of every pool with open places (`RULES.md §8`)."
    " # Errors"
    " `PLACES_FROZEN`, `DISTRIBUTION_NOT_STARTED`, `TIME_BEFORE_CLOCK`."
    fn distribute(at: CivilMoment) -> Vec<RoundReport> = |e| e.distribute(at).map(reports);
}
