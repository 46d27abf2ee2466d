//! Eligibility as explained decisions (`RULES.md §2–§7`).
//!
//! A [`Decision`] answers one [`Question`] ("may this application be registered?", "may
//! this child be offered a place now?", "may this child be removed for age?") with the
//! list of every rule checked: its stable code, pass or fail, a message in kk/ru/en, and
//! its source. The answer is "yes" exactly when every check passes, so a portal can show
//! both why and why not.

mod texts;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::application::{
    holds_valid, Document, NewApplication, PMPK_CONCLUSION, TEMPORARY_REGISTRATION,
};
use crate::benefit::{self, PriorityClass};
use crate::iin::Iin;
use crate::lang::{Lang, LocalizedError, LocalizedText};
use crate::policy::Policy;

pub use texts::age_text;

/// What a decision answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// May the application be registered (`RULES.md §1–§4`)?
    MayRegister,
    /// May the child be offered a place now (`RULES.md §4–§7`)?
    MayBeOffered,
    /// May the child be removed from the queue for age (`RULES.md §4`)?
    MayBeRemovedForAge,
}

/// One rule checked by a decision (serialisable for hosts; its codes are `'static`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The rule's stable code, e.g. `MIN_AGE`; the same whether it passed or failed.
    pub code: &'static str,
    /// Whether the rule is met.
    pub passed: bool,
    /// The input field the rule reads, for registration checks (`"child_iin"`…).
    pub field: Option<&'static str>,
    /// A finer code for a failure, where one exists (`IIN_CHECKSUM` for a bad IIN).
    pub detail: Option<&'static str>,
    /// Why it passed or failed, in the three languages; never an unmasked IIN.
    pub message: LocalizedText,
    /// Where the rule comes from: a `RULES.md` section and its seed files or sources.
    pub source: &'static str,
}

/// An explained answer to a [`Question`].
///
/// ```
/// use chrono::NaiveDate;
/// use kezek::eligibility::{may_remove_for_age, Question};
/// use kezek::{Iin, Lang, PolicyBook};
/// let policy = PolicyBook::builtin().get("national-2024")?;
/// let child = Iin::parse("170308600403")?; // born 8 March 2017
/// let at = NaiveDate::from_ymd_opt(2023, 3, 8).unwrap().and_hms_opt(0, 0, 0).unwrap();
/// let decision = may_remove_for_age(policy, &child, at, true);
/// assert_eq!(decision.question, Question::MayBeRemovedForAge);
/// assert!(decision.allowed());
/// assert_eq!(decision.checks[0].code, "AGED_OUT");
/// println!("{}", decision.checks[0].message.get(Lang::Kk));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The question.
    pub question: Question,
    /// Every rule checked, in a fixed order.
    pub checks: Vec<Check>,
    /// Whether passing checks carry their messages (always, for the public decisions;
    /// the engine's own screening writes only the failures').
    #[serde(skip)]
    explain: bool,
}

impl Decision {
    /// Whether every check passed.
    #[must_use]
    pub fn allowed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// The checks that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.passed)
    }

    /// The codes of the failed checks.
    #[must_use]
    pub fn failed_codes(&self) -> Vec<&'static str> {
        self.failures().map(|c| c.code).collect()
    }

    fn new(question: Question, explain: bool) -> Self {
        Self {
            question,
            checks: Vec::new(),
            explain,
        }
    }

    /// Records a check with its message. When not explaining (the engine's own
    /// screening, run for every child an offer round passes) only failures are kept, so a
    /// child who passes costs no allocation.
    fn push(
        &mut self,
        code: &'static str,
        passed: bool,
        message: impl FnOnce() -> LocalizedText,
    ) -> Pushed<'_> {
        if !self.explain && passed {
            return Pushed(None);
        }
        self.checks.push(Check {
            code,
            passed,
            field: None,
            detail: None,
            message: message(),
            source: texts::source(code),
        });
        Pushed(self.checks.last_mut())
    }
}

/// The check just recorded, if it was kept, to name its field and detail.
struct Pushed<'a>(Option<&'a mut Check>);

impl Pushed<'_> {
    fn field(mut self, field: &'static str) -> Self {
        if let Some(c) = self.0.as_deref_mut() {
            c.field = Some(field);
        }
        self
    }

    fn detail(mut self, detail: Option<&'static str>) -> Self {
        if let Some(c) = self.0.as_deref_mut() {
            c.detail = detail;
        }
        self
    }
}

/// Whether a child born on `birth` has reached the age of `months` full months on `date`
/// (a child born on the 31st turns a month older on the last day of a shorter month).
#[must_use]
pub fn has_reached_age(birth: NaiveDate, months: u32, date: NaiveDate) -> bool {
    birth
        .checked_add_months(Months::new(months))
        .is_some_and(|d| d <= date)
}

/// The full months between `birth` and `date` (0 before birth).
#[must_use]
pub fn age_in_months(birth: NaiveDate, date: NaiveDate) -> u32 {
    if date < birth {
        return 0;
    }
    let months = (i64::from(date.year()) - i64::from(birth.year())) * 12 + i64::from(date.month())
        - i64::from(birth.month());
    let months = u32::try_from(months).unwrap_or(u32::MAX);
    if has_reached_age(birth, months, date) {
        months
    } else {
        months.saturating_sub(1)
    }
}

/// What "may register" found: the decision, and the parsed IINs when both are valid.
#[derive(Debug, Clone)]
pub struct RegistrationCheck {
    /// The explained decision.
    pub decision: Decision,
    /// The applicant's IIN, when valid.
    pub applicant: Option<Iin>,
    /// The child's IIN, when valid.
    pub child: Option<Iin>,
    /// The class the benefit gives, when the category is known (general without one).
    pub class: PriorityClass,
}

/// "May register" (`RULES.md §1–§4`): checks every field of `input` at `at`, all at once.
#[must_use]
///
/// `already_queued(child, group_type)` tells whether the child already has an active
/// application for that kind of group (one queue per child and group type).
pub fn may_register(
    policy: &Policy,
    input: &NewApplication,
    at: NaiveDateTime,
    already_queued: impl Fn(&Iin) -> bool,
) -> RegistrationCheck {
    registration_check(policy, input, at, already_queued, true)
}

/// "May register" as the engine screens it: the same checks, messages for failures only.
pub(crate) fn registration_check(
    policy: &Policy,
    input: &NewApplication,
    at: NaiveDateTime,
    already_queued: impl Fn(&Iin) -> bool,
    explain: bool,
) -> RegistrationCheck {
    let mut d = Decision::new(Question::MayRegister, explain);
    let today = at.date();
    let applicant = iin_check(
        &mut d,
        "APPLICANT_IIN",
        "applicant_iin",
        &input.applicant_iin,
    );
    let child = iin_check(&mut d, "CHILD_IIN", "child_iin", &input.child_iin);
    if let (Some(a), Some(c)) = (&applicant, &child) {
        let ok = a != c && a.birth_date() < c.birth_date();
        d.push("APPLICANT_NOT_CHILD", ok, || texts::applicant_not_child(ok))
            .field("applicant_iin");
    }
    if let Some(c) = &child {
        let born = c.birth_date() <= today;
        d.push("CHILD_BORN", born, || texts::child_born(born))
            .field("child_iin");
        let max = policy.max_age.in_months().unwrap_or(u32::MAX);
        let young = !has_reached_age(c.birth_date(), max, today);
        d.push("CHILD_UNDER_MAX_AGE", young, || {
            texts::under_max_age(young, c.birth_date(), today, max)
        })
        .field("child_iin");
        let fresh = !already_queued(c);
        d.push("NOT_ALREADY_QUEUED", fresh, || {
            texts::not_already_queued(fresh)
        })
        .field("child_iin");
    }
    let a = &input.address;
    let address_ok = !a.region.trim().is_empty()
        && !a.district.trim().is_empty()
        && a.locality.as_deref().is_none_or(|l| !l.trim().is_empty());
    d.push("ADDRESS", address_ok, || texts::address(address_ok))
        .field("address");
    if input.non_resident {
        let ok = holds_valid(&input.documents, TEMPORARY_REGISTRATION, today);
        d.push("NON_RESIDENT_DOCUMENTS", ok, || texts::non_resident(ok))
            .field("documents");
    }
    let email_ok = valid_email(&input.contacts.email);
    d.push("CONTACT_EMAIL", email_ok, || texts::email(email_ok))
        .field("contacts.email");
    let phone_ok = valid_phone(&input.contacts.phone);
    d.push("CONTACT_PHONE", phone_ok, || texts::phone(phone_ok))
        .field("contacts.phone");
    let class = match &input.benefit {
        Some(code) => benefit_checks(&mut d, policy, code, &input.documents, today),
        None => PriorityClass::General,
    };
    RegistrationCheck {
        decision: d,
        applicant,
        child,
        class,
    }
}

/// The checks of a benefit claim (`RULES.md §3`): the category is known, and its documents
/// are attached and in force on `today`. Returns the class the claim gives when the
/// category is known (general otherwise).
fn benefit_checks(
    d: &mut Decision,
    policy: &Policy,
    code: &str,
    documents: &[Document],
    today: NaiveDate,
) -> PriorityClass {
    let cat = benefit::category(policy, code);
    d.push("BENEFIT_KNOWN", cat.is_some(), || {
        texts::benefit_known(cat.is_some(), code)
    })
    .field("benefit");
    let Some(cat) = cat else {
        return PriorityClass::General;
    };
    let unmet = cat.unmet_documents(documents, today);
    d.push("BENEFIT_DOCUMENTS", unmet.is_empty(), || {
        texts::benefit_documents(&unmet, &cat.name)
    })
    .field("documents");
    cat.class
}

/// A change of benefit claim as the engine screens it: the class it gives, or the failed
/// checks (messages for failures only).
pub(crate) fn benefit_claim(
    policy: &Policy,
    code: &str,
    documents: &[Document],
    at: NaiveDateTime,
) -> Result<PriorityClass, Vec<Check>> {
    let mut d = Decision::new(Question::MayRegister, false);
    let class = benefit_checks(&mut d, policy, code, documents, at.date());
    if d.allowed() {
        Ok(class)
    } else {
        Err(d.failures().cloned().collect())
    }
}

fn iin_check(d: &mut Decision, code: &'static str, field: &'static str, text: &str) -> Option<Iin> {
    let parsed = Iin::parse(text);
    let message = || match &parsed {
        Ok(iin) => texts::iin_ok(code, iin),
        Err(e) => LocalizedText::new(
            e.message(Lang::Kk),
            e.message(Lang::Ru),
            e.message(Lang::En),
        ),
    };
    d.push(code, parsed.is_ok(), message)
        .field(field)
        .detail(parsed.as_ref().err().map(LocalizedError::code));
    parsed.ok()
}

/// A plausible e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
fn valid_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// A Kazakhstan mobile number: `+7` or `8`, then 10 digits; spaces, dashes and brackets
/// are ignored.
fn valid_phone(s: &str) -> bool {
    let kept: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let digits = kept
        .strip_prefix("+7")
        .or_else(|| kept.strip_prefix('8'))
        .unwrap_or("");
    digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// What "may be offered a place" needs to know beyond the application itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferSituation {
    /// The moment of the offer.
    pub at: NaiveDateTime,
    /// Vacant places in the child's queue.
    pub vacancies: u32,
    /// Children waiting (queued, not stop-listed, holding no notice) ahead in the queue.
    pub waiting_ahead: u64,
    /// Children offered together: 1, or the size of a twins/triplets batch (`RULES.md §4`).
    pub batch_size: u32,
    /// The application waits in the queue (not holding a notice or direction, not gone).
    pub waiting: bool,
    /// The end of the child's stop-list (through any of its applications), while it lasts.
    pub stop_listed_until: Option<NaiveDateTime>,
    /// The child is enrolled in a kindergarten through another application.
    pub enrolled_elsewhere: bool,
    /// The child holds a notice or a direction through another application.
    pub offer_elsewhere: bool,
}

impl OfferSituation {
    /// The situation at `at` in which only the child's own facts can stand in the way:
    /// waiting, first in turn with places to spare, not stop-listed, nothing elsewhere.
    #[must_use]
    pub fn unobstructed(at: NaiveDateTime) -> Self {
        Self {
            at,
            vacancies: u32::MAX,
            waiting_ahead: 0,
            batch_size: 1,
            waiting: true,
            stop_listed_until: None,
            enrolled_elsewhere: false,
            offer_elsewhere: false,
        }
    }
}

/// "May be offered a place" (`RULES.md §4–§7`, `§9`): every rule, for the child of `app`.
#[must_use]
pub fn may_be_offered(
    policy: &Policy,
    app: &crate::application::Application,
    s: &OfferSituation,
) -> Decision {
    offer_check(policy, ChildFacts::of(policy, app), app, s, true)
}

/// What screening a child for an offer reads of its application for every child: kept
/// beside the application in the engine's records, so that an offer round reaches the
/// application itself only for special groups and for benefit holders whose documents
/// are not known to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ChildFacts {
    pub(crate) born: NaiveDate,
    pub(crate) group_type: crate::application::GroupType,
    pub(crate) benefit: bool,
    /// Days on which the benefit's documents surely hold (`RULES.md §3`): for each kind
    /// the category requires, the one document of it in force longest, intersected.
    /// Outside them the documents are judged in full.
    pub(crate) benefit_holds: Option<(NaiveDate, NaiveDate)>,
}

impl ChildFacts {
    pub(crate) fn of(policy: &Policy, app: &crate::application::Application) -> Self {
        let holds = app
            .benefit
            .as_deref()
            .and_then(|c| benefit::category(policy, c))
            .and_then(|cat| {
                let mut span = (NaiveDate::MIN, NaiveDate::MAX);
                for kind in &cat.documents {
                    let (from, to) = app
                        .documents
                        .iter()
                        .filter(|d| &d.kind == kind)
                        .map(|d| {
                            let end = cat.document_valid_until(d).unwrap_or(NaiveDate::MAX);
                            (d.issued_on, end)
                        })
                        .max_by_key(|&(_, end)| end)?;
                    span = (span.0.max(from), span.1.min(to));
                }
                (span.0 <= span.1).then_some(span)
            });
        Self {
            born: app.child.birth_date(),
            group_type: app.group_type,
            benefit: app.benefit.is_some(),
            benefit_holds: holds,
        }
    }
}

impl Default for ChildFacts {
    fn default() -> Self {
        Self {
            born: NaiveDate::MIN,
            group_type: crate::application::GroupType::General,
            benefit: false,
            benefit_holds: None,
        }
    }
}

/// "May be offered a place" as the engine screens it: messages for failures only.
/// `facts` are those of `app`.
pub(crate) fn offer_check(
    policy: &Policy,
    facts: ChildFacts,
    app: &crate::application::Application,
    s: &OfferSituation,
    explain: bool,
) -> Decision {
    let mut d = Decision::new(Question::MayBeOffered, explain);
    let today = s.at.date();
    d.push("WAITING", s.waiting, || texts::waiting(s.waiting));
    let birth = facts.born;
    // [000] states only the turn and the vacancies for correctional kindergartens: the
    // minimum age applies to special groups only where the policy says so.
    if !facts.group_type.needs_pmpk() || policy.min_age_for_special_groups {
        let min = policy.min_offer_age.in_months().unwrap_or(0);
        let ok = has_reached_age(birth, min, today);
        d.push("MIN_AGE", ok, || texts::min_age(ok, birth, today, min));
    }
    let max = policy.max_age.in_months().unwrap_or(u32::MAX);
    let young = !has_reached_age(birth, max, today);
    d.push("CHILD_UNDER_MAX_AGE", young, || {
        texts::under_max_age(young, birth, today, max)
    });
    let has_places = s.vacancies > 0;
    d.push("VACANCIES", has_places, || texts::vacancies(s.vacancies));
    let turn = u64::from(s.vacancies) >= s.waiting_ahead + u64::from(s.batch_size.max(1));
    d.push("TURN_REACHED", turn, || {
        texts::turn(turn, s.waiting_ahead, s.vacancies, s.batch_size)
    });
    let free = s.stop_listed_until.is_none_or(|u| s.at >= u);
    d.push("NOT_STOP_LISTED", free, || {
        texts::not_stop_listed(s.stop_listed_until.filter(|_| !free))
    });
    d.push("NOT_ENROLLED_ELSEWHERE", !s.enrolled_elsewhere, || {
        texts::not_enrolled(!s.enrolled_elsewhere)
    });
    d.push("NO_OFFER_ELSEWHERE", !s.offer_elsewhere, || {
        texts::no_offer_elsewhere(!s.offer_elsewhere)
    });
    if facts.group_type.needs_pmpk() {
        let ok = holds_valid(&app.documents, PMPK_CONCLUSION, today);
        d.push("PMPK_CONCLUSION", ok, || texts::pmpk(ok));
    }
    // Passing checks leave no trace when not explained: documents known to hold today
    // need no look at the application.
    let surely = !explain
        && facts
            .benefit_holds
            .is_some_and(|(a, b)| a <= today && today <= b);
    let code = if facts.benefit && !surely {
        app.benefit.as_deref()
    } else {
        None
    };
    if let Some(cat) = code.and_then(|c| benefit::category(policy, c)) {
        let unmet = cat.unmet_documents(&app.documents, today);
        d.push("BENEFIT_DOCUMENTS", unmet.is_empty(), || {
            texts::benefit_documents(&unmet, &cat.name)
        });
    }
    let frozen = policy.is_frozen(today);
    d.push("NOT_FROZEN", !frozen, || texts::not_frozen(!frozen));
    d
}

/// "May be removed for age" (`RULES.md §4`): the child has reached the policy's maximum
/// age, and is still waiting for a place (`in_queue`: not enrolled, not gone).
#[must_use]
pub fn may_remove_for_age(
    policy: &Policy,
    child: &Iin,
    at: NaiveDateTime,
    in_queue: bool,
) -> Decision {
    let mut d = Decision::new(Question::MayBeRemovedForAge, true);
    let max = policy.max_age.in_months().unwrap_or(u32::MAX);
    let old = has_reached_age(child.birth_date(), max, at.date());
    d.push("AGED_OUT", old, || {
        texts::aged_out(old, child.birth_date(), at.date(), max)
    });
    d.push("IN_QUEUE", in_queue, || texts::in_queue(in_queue));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_count_full_months() {
        let b = NaiveDate::from_ymd_opt(2022, 1, 31).unwrap();
        // A month after 31 January is the last day of February (chrono's month arithmetic).
        assert_eq!(
            age_in_months(b, NaiveDate::from_ymd_opt(2022, 2, 27).unwrap()),
            0
        );
        assert_eq!(
            age_in_months(b, NaiveDate::from_ymd_opt(2022, 2, 28).unwrap()),
            1
        );
        assert_eq!(
            age_in_months(b, NaiveDate::from_ymd_opt(2022, 3, 31).unwrap()),
            2
        );
        assert_eq!(
            age_in_months(b, NaiveDate::from_ymd_opt(2024, 1, 31).unwrap()),
            24
        );
        assert_eq!(
            age_in_months(b, NaiveDate::from_ymd_opt(2024, 1, 30).unwrap()),
            23
        );
        assert!(has_reached_age(
            b,
            24,
            NaiveDate::from_ymd_opt(2024, 1, 31).unwrap()
        ));
    }

    #[test]
    fn contacts_are_checked() {
        assert!(valid_email("ana@mail.kz"));
        assert!(!valid_email("ana@mail"));
        assert!(!valid_email("ana mail.kz"));
        assert!(valid_phone("+7 (701) 123-45-67"));
        assert!(valid_phone("87011234567"));
        assert!(!valid_phone("+7 701 123"));
    }

    proptest::proptest! {
        /// Skipping the documents of a benefit known to hold changes no answer.
        #[test]
        fn known_benefit_documents_give_the_full_answer(
            code in proptest::sample::select(vec!["military", "large_family", "parent_disabled", "none"]),
            docs in proptest::collection::vec((0usize..4, 0u32..900, proptest::option::of(0u32..900)), 0..4),
            today in 0u32..1000,
        ) {
            use crate::application::{Address, Application, ApplicationId, Contacts, Document, GroupType, Language};
            let day = |n: u32| NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(u64::from(n));
            let kinds = ["service_certificate", "large_family_certificate", "disability_certificate", "other"];
            let policy = crate::PolicyBook::builtin().get("national-2024").unwrap().clone();
            let app = Application {
                id: ApplicationId(1),
                applicants: vec![],
                child: Iin::parse("210308600403").unwrap(),
                address: Address { region: "r".into(), district: "d".into(), locality: None },
                group_type: GroupType::General,
                language: Language::Kazakh,
                benefit: (code != "none").then(|| code.to_owned()),
                class: PriorityClass::General,
                documents: docs.iter().map(|&(k, from, len)| Document {
                    kind: kinds[k].to_owned(),
                    issued_on: day(from),
                    valid_until: len.map(|l| day(from + l)),
                }).collect(),
                non_resident: false,
                contacts: Contacts { email: "a@b.kz".into(), phone: "87011234567".into() },
                registered_at: day(0).and_hms_opt(9, 0, 0).unwrap(),
            };
            let s = OfferSituation::unobstructed(day(today).and_hms_opt(10, 0, 0).unwrap());
            let facts = ChildFacts::of(&policy, &app);
            let unknown = ChildFacts { benefit_holds: None, ..facts };
            proptest::prop_assert_eq!(
                offer_check(&policy, facts, &app, &s, false).failed_codes(),
                offer_check(&policy, unknown, &app, &s, false).failed_codes()
            );
        }
    }
}
