//! The engine's commands as typed JS methods: sugar over the one entry,
//! [`Engine::execute`](crate::Engine::execute).
//!
//! Each method is one line of the table below: its JS name, its parameters (each with the
//! conversion that checks the JS value — `INPUT_TYPE` naming the parameter for a wrong
//! type; wasm-bindgen's own `&str` and integer parameters trust the caller) and the
//! [`Request`] it builds. The engine runs every one through `Engine::execute`, as the
//! conformance runners and the log's replay do: a new command is a line here.

use kezek::allocation::BulletinId;
use kezek::application::ApplicationId;
use kezek::calendar::CalendarPatch;
use kezek::lifecycle::{Command, Outcome, Request};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{
    date, from_js, json_text, moment, optional_string, small, string, to_js, whole,
};
use crate::engine::Engine;
use crate::errors::js;

/// An application id (a whole number).
pub(crate) fn id_of(what: &str, v: &JsValue) -> Result<ApplicationId, JsValue> {
    whole(what, v).map(ApplicationId)
}

/// A bulletin id (a whole number).
pub(crate) fn bulletin_of(what: &str, v: &JsValue) -> Result<BulletinId, JsValue> {
    whole(what, v).map(BulletinId)
}

/// Calendar data added at a moment, as JSON text or data.
fn calendar_patch(what: &str, v: &JsValue) -> Result<CalendarPatch, JsValue> {
    js(CalendarPatch::from_json(&json_text(what, v)?))
}

impl Engine {
    /// Runs `request` at `at` through `Engine::execute`; a command that gives nothing back
    /// gives `undefined`.
    fn run(&self, request: Request, at: &JsValue) -> Result<JsValue, JsValue> {
        let at = moment("at", at)?;
        match self.0.write(|e| js(e.execute(request, at)))? {
            Outcome::Done => Ok(JsValue::UNDEFINED),
            outcome => to_js(&outcome),
        }
    }
}

/// The tables of commands (`run [at]`: each method takes the moment `at` last) and of
/// queries (`answer []`): `"doc line"… name "jsName" (param: conversion "jsParam"
/// "TsType", …) -> "TsReturn" = request or query;`, one `#[wasm_bindgen] impl` per line.
/// The docs are strings, not `///`: a doc comment passed through `macro_rules` becomes a
/// raw string literal, which wasm-bindgen copies into the `.d.ts` as `r" …`.
macro_rules! engine_methods {
    ($via:ident $at:tt $(
        $($doc:literal)+
        $name:ident $js:literal ($($p:ident: $conv:ident $jsp:literal $ts:literal),*)
            -> $ret:literal = $call:expr;
    )*) => {$(
        engine_methods!(@one $via $at [$($doc)+] $name $js ($($p $conv $jsp $ts),*) $ret $call);
    )*};
    (@one $via:ident [$($at:ident)?] [$($doc:literal)+] $name:ident $js:literal
        ($($p:ident $conv:ident $jsp:literal $ts:literal),*) $ret:literal $call:expr) => {
        #[wasm_bindgen]
        impl Engine {
            $(#[doc = $doc])*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
            pub fn $name(
                &self,
                $(#[wasm_bindgen(js_name = $jsp, unchecked_param_type = $ts)] $p: &JsValue,)*
                $(#[wasm_bindgen(unchecked_param_type = "string")] $at: &JsValue,)?
            ) -> Result<JsValue, JsValue> {
                $(let $p = $conv($jsp, $p)?;)*
                self.$via($call $(, $at)?)
            }
        }
    };
}
pub(crate) use engine_methods;

use Command as C;
use Request::Logged as L;

engine_methods! { run [at]
    " Registers an application (`RULES.md §2`); returns its id."
    register "register" (application: from_js "application" "NewApplication")
        -> "number" = Request::Register(application);
    " Notifies the application (and its batch) of `vacancies` places (`RULES.md §5`);"
    " returns the ids notified."
    notify "notify" (id: id_of "id" "number", vacancies: small "vacancies" "number")
        -> "number[]" = L(C::Notify { id, vacancies });
    " Issues a direction to `kindergarten` (`RULES.md §6`)."
    issue_direction "issueDirection"
        (id: id_of "id" "number", kindergarten: string "kindergarten" "string")
        -> "undefined" = L(C::IssueDirection { id, kindergarten });
    " Revokes a direction (`RULES.md §6`)."
    revoke "revoke" (id: id_of "id" "number") -> "undefined" = L(C::Revoke { id });
    " Confirms an out-of-turn right in person (`RULES.md §3`)."
    confirm_right "confirmRight" (id: id_of "id" "number")
        -> "undefined" = L(C::ConfirmRight { id });
    " Enrols the child of a direction (`RULES.md §6`)."
    enroll "enroll" (id: id_of "id" "number") -> "undefined" = L(C::Enroll { id });
    " Releases an enrolled child's place."
    release "release" (id: id_of "id" "number") -> "undefined" = L(C::Release { id });
    " Withdraws the application."
    withdraw "withdraw" (id: id_of "id" "number") -> "undefined" = L(C::Withdraw { id });
    " Confirms interest for the year (`RULES.md §2`)."
    confirm_interest "confirmInterest" (id: id_of "id" "number")
        -> "undefined" = L(C::ConfirmInterest { id });
    " Confirms a voucher (`RULES.md §8`)."
    confirm_voucher "confirmVoucher" (id: id_of "id" "number")
        -> "undefined" = L(C::ConfirmVoucher { id });
    " Refuses a voucher (`RULES.md §8`)."
    refuse_voucher "refuseVoucher" (id: id_of "id" "number")
        -> "undefined" = L(C::RefuseVoucher { id });
    " Restores an inactive application (`RULES.md §8`)."
    restore "restore" (id: id_of "id" "number") -> "undefined" = L(C::Restore { id });
    " Extends a direction's show-up window to `until` (a date, `RULES.md §6`)."
    extend "extend" (id: id_of "id" "number", until: date "until" "string")
        -> "undefined" = L(C::Extend { id, until });
    " Links a second applicant (a parent) to the application."
    link_applicant "linkApplicant"
        (id: id_of "id" "number", applicant_iin: string "applicantIin" "string")
        -> "undefined" = Request::LinkApplicant { id, applicant_iin };
    " Links twins or triplets into one batch, directed together or not at all. Only where"
    " the policy links twins (`twinBatches`: Astana since 16.10.2019); elsewhere"
    " `BATCH_NOT_IN_POLICY`. Also `BATCH_SIZE`, `BATCH_QUEUE`, `BATCH_FAMILY`,"
    " `BATCH_BIRTHS`, `BATCH_LINKED`, `BATCH_STATE`."
    link_batch "linkBatch" (ids: from_js "ids" "number[]") -> "undefined" = L(C::LinkBatch { ids });
    " Unlinks the twins batch of `id` (the applicant's request): each member stands again"
    " at its own place. `BATCH_NOT_LINKED` when it is in no batch."
    unlink_batch "unlinkBatch" (id: id_of "id" "number")
        -> "undefined" = L(C::UnlinkBatch { id });
    " Adds calendar data at `at` (a patch, JSON text or data: a new year's order moving"
    " days off) and counts every pending deadline again on it (`RULES.md §9`); returns the"
    " ids whose deadlines moved, each with a `DEADLINE_RECOMPUTED` event."
    patch_calendar "patchCalendar" (patch: calendar_patch "patch" "string | object")
        -> "number[]" = L(C::PatchCalendar { patch });
    " Changes the benefit category (or removes it with `null`) and its documents."
    update_benefit "updateBenefit" (
        id: id_of "id" "number",
        benefit: optional_string "benefit" "string | null",
        documents: from_js "documents" "Document[]"
    ) -> "undefined" = L(C::UpdateBenefit { id, benefit, documents });
    " The state register corrected the child's birth date (`birthDate`, an ISO date): the"
    " age rules and the cohort read the new date; the child keeps its registration"
    " moment. `BIRTH_DATE_REFUSED`, `STATE_FORBIDS`, `BATCH_LINKED`."
    correct_birth_date "correctBirthDate"
        (id: id_of "id" "number", birth_date: date "birthDate" "string")
        -> "undefined" = L(C::CorrectBirthDate { id, birth_date });
    " Applies every deadline due up to `at`."
    advance_to "advanceTo" () -> "undefined" = L(C::AdvanceTo {});
    " Publishes bulletins of places and runs their offer rounds (`RULES.md §5`); one"
    " report per pool."
    publish "publish" (bulletins: from_js "bulletins" "NewBulletin[]")
        -> "RoundReport[]" = L(C::Publish { bulletins });
    " Runs the offer round of a bulletin's pool."
    offer_round "offerRound" (bulletin: bulletin_of "bulletin" "number")
        -> "RoundReport" = L(C::OfferRound { bulletin });
    " Runs the offer rounds of every pool with open places (the distribution)."
    distribute "distribute" () -> "RoundReport[]" = L(C::Distribute {});
    " Takes a place of `bulletin` (`RULES.md §5`, free choice `§7`)."
    take_place "takePlace" (id: id_of "id" "number", bulletin: bulletin_of "bulletin" "number")
        -> "undefined" = L(C::TakePlace { id, bulletin });
    " Signs the contract of a confirmed voucher at `bulletin` (`RULES.md §8`)."
    sign_contract "signContract"
        (id: id_of "id" "number", bulletin: bulletin_of "bulletin" "number")
        -> "undefined" = L(C::SignContract { id, bulletin });
    " Joins a kindergarten's waiting list (`RULES.md §8`)."
    join_waiting_list "joinWaitingList"
        (id: id_of "id" "number", kindergarten: string "kindergarten" "string")
        -> "undefined" = L(C::JoinWaitingList { id, kindergarten });
    " Adds kindergartens to the catalogue parents rank (`RULES.md §5a`), each replacing the"
    " entry of the same id. `KINDERGARTEN_INVALID` names a malformed field."
    add_kindergartens "addKindergartens" (kindergartens: from_js "kindergartens" "Kindergarten[]")
        -> "undefined" = L(C::AddKindergartens { kindergartens });
    " The applicant ranks kindergartens anew, best first (`RULES.md §5a`); the child keeps"
    " its place in the queue. `CHOICES_NOT_IN_POLICY`, `CHOICES_TOO_MANY`,"
    " `CHOICE_DUPLICATE`, `CHOICE_UNKNOWN`, `CHOICE_GROUP_TYPE`, `CHOICE_LANGUAGE`,"
    " `CHOICE_AREA`."
    change_ranked_choices "changeRankedChoices"
        (id: id_of "id" "number", choices: from_js "choices" "string[]")
        -> "undefined" = L(C::ChangeRankedChoices { id, choices });
}
