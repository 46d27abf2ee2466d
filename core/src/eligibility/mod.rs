//! Eligibility as explained decisions (`RULES.md §2–§7`).
//!
//! A [`Decision`] answers one [`Question`] ("may this application be registered?", "may
//! this child be offered a place now?", "may this child be removed for age?") with the
//! list of every rule checked: its stable code, pass or fail, a message in kk/ru/en, and
//! its source. The answer is "yes" exactly when every check passes, so a portal can show
//! both why and why not.

mod age;
mod names;
mod offer;
mod texts;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::application::{
    holds_valid, BirthDateSource, Document, NewApplication, TEMPORARY_REGISTRATION,
};
use crate::benefit::PriorityClass;
use crate::error::LocalizedError;
use crate::iin::Iin;
use crate::lang::{Lang, LocalizedText};
use crate::policy::Policy;

pub use crate::check::Check;
pub use age::{age_in_months, has_reached_age, max_age_reached_on};
pub use names::failed_check;
pub(crate) use offer::{direction_check, offer_check, place_open_check, ChildFacts};
pub use offer::{may_be_offered, OfferSituation};
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
    /// May the child take one of the places the engine has published, now (`RULES.md §5`):
    /// after a notice, or by free choice?
    MayTakePlace,
}

/// An explained answer to a [`Question`].
///
/// ```
/// use chrono::NaiveDate;
/// use kezek::eligibility::{may_remove_for_age, Question};
/// use kezek::{Iin, Lang, PolicyBook};
/// let policy = PolicyBook::builtin().get("national-2024")?;
/// let born = NaiveDate::from_ymd_opt(2017, 3, 8).unwrap();
/// let at = NaiveDate::from_ymd_opt(2023, 3, 8).unwrap().and_hms_opt(0, 0, 0).unwrap();
/// let decision = may_remove_for_age(policy, born, at, true);
/// assert_eq!(decision.question, Question::MayBeRemovedForAge);
/// assert!(decision.allowed());
/// assert_eq!(decision.checks[0].code, "AGED_OUT");
/// println!("{}", decision.checks[0].message.get(Lang::Kk));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The question.
    pub question: Question,
    /// Every rule checked, in a fixed order.
    pub checks: Vec<Check>,
    /// Whether checks carry their messages (always, for the public decisions; the
    /// engine's own screening keeps only the failures, by code).
    explain: bool,
    /// Whether failures carry their messages: not for a screening that reads only codes.
    messages: bool,
    /// A codes-only decision's failed codes, kept here instead of as checks: an offer
    /// round screens every child it passes, and most it skips fail one or two checks.
    failed: smallvec::SmallVec<[&'static str; 4]>,
}

/// As data: the question, the checks, and the core's own verdict beside them (`allowed`,
/// `failed`: the failed checks' codes), so no host recomputes it.
impl Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Decision", 4)?;
        out.serialize_field("question", &self.question)?;
        out.serialize_field("checks", &self.checks)?;
        out.serialize_field("allowed", &self.allowed())?;
        out.serialize_field("failed", &self.failed_codes())?;
        out.end()
    }
}

impl Decision {
    /// Whether every check passed.
    #[must_use]
    pub fn allowed(&self) -> bool {
        self.failed.is_empty() && self.checks.iter().all(|c| c.passed)
    }

    /// The checks that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.passed)
    }

    /// The codes of the failed checks.
    #[must_use]
    pub fn failed_codes(&self) -> Vec<&'static str> {
        if self.messages {
            self.failures().map(|c| c.code).collect()
        } else {
            self.failed.to_vec()
        }
    }

    fn new(question: Question, explain: bool) -> Self {
        Self {
            question,
            checks: Vec::new(),
            explain,
            messages: true,
            failed: smallvec::SmallVec::new(),
        }
    }

    /// A decision that keeps only its failures' codes, and no checks: for a screening
    /// whose caller reads only `allowed()` and `failed_codes()`.
    fn codes_only(question: Question) -> Self {
        Self {
            messages: false,
            ..Self::new(question, false)
        }
    }

    /// Keeps only the checks (and failed codes) whose code `keep` accepts.
    pub(crate) fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.checks.retain(|c| keep(c.code));
        self.failed.retain(|c| keep(c));
    }

    /// Records a check with its message. When not explaining (the engine's own
    /// screening, run for every child an offer round passes) only failures are kept, so a
    /// child who passes costs no allocation; a codes-only decision keeps only the codes
    /// of its failures, with no message (a round skips many children, and writing three
    /// languages for each was a third of its walk).
    fn push(
        &mut self,
        code: &'static str,
        passed: bool,
        message: impl FnOnce() -> LocalizedText,
    ) -> Pushed<'_> {
        if !self.explain && passed {
            return Pushed(None);
        }
        if !self.messages {
            if !passed {
                self.failed.push(code);
            }
            return Pushed(None);
        }
        let message = message();
        self.checks.push(Check {
            code,
            passed,
            field: None,
            detail: None,
            message,
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

/// What "may register" found: the decision, and the parsed IINs when both are valid.
#[derive(Debug, Clone)]
pub struct RegistrationCheck {
    /// The explained decision.
    pub decision: Decision,
    /// The applicant's IIN, when valid.
    pub applicant: Option<Iin>,
    /// The child's IIN, when valid.
    pub child: Option<Iin>,
    /// The child's birth date and its source, when the input or the IIN gives one.
    pub child_birth: Option<(NaiveDate, BirthDateSource)>,
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
        // The digits' dates are not compared: they need not be birth dates (`RULES.md
        // §1`, revised 2026-12).
        let ok = a != c;
        d.push("APPLICANT_NOT_CHILD", ok, || texts::applicant_not_child(ok))
            .field("applicant_iin");
    }
    let child_birth = child.as_ref().and_then(|c| input.child_birth(c));
    if let Some(c) = &child {
        let known = child_birth.is_some();
        d.push("CHILD_BIRTH_DATE", known, || texts::birth_date_known(known))
            .field("child_birth_date");
        if let Some((birth, _)) = child_birth {
            let born = birth <= today;
            d.push("CHILD_BORN", born, || texts::child_born(born))
                .field("child_birth_date");
            let max = policy.max_age.in_months().unwrap_or(u32::MAX);
            let young = max_age_reached_on(policy, birth).is_none_or(|d| today < d);
            d.push("CHILD_UNDER_MAX_AGE", young, || {
                texts::under_max_age(young, birth, today, max)
            })
            .field("child_birth_date");
        }
        let fresh = !already_queued(c);
        d.push("NOT_ALREADY_QUEUED", fresh, || {
            texts::not_already_queued(fresh)
        })
        .field("child_iin");
    }
    let a = &input.address;
    let blank = |s: &str| crate::text::trimmed(s).is_empty();
    let address_ok =
        !blank(&a.region) && !blank(&a.district) && a.locality.as_deref().is_none_or(|l| !blank(l));
    d.push("ADDRESS", address_ok, || texts::address(address_ok))
        .field("address");
    let hidden = hidden_text_field(input);
    d.push("PLAIN_TEXT", hidden.is_none(), || {
        texts::plain_text(hidden.is_none())
    })
    .field(hidden.unwrap_or("address"));
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
        child_birth,
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
    let cat = policy.benefit(code);
    d.push("BENEFIT_KNOWN", cat.is_some(), || {
        texts::benefit_known(cat.map(|c| &c.name))
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

/// The checks of a corrected birth date (`RULES.md §1`, revised 2026-12): the child is
/// born by `at`. Age limits are not checked here: an application whose child has aged out
/// is removed for age as any other.
pub(crate) fn birth_date_claim(birth: NaiveDate, at: NaiveDateTime) -> Result<(), Vec<Check>> {
    let mut d = Decision::new(Question::MayRegister, false);
    let born = birth <= at.date();
    d.push("CHILD_BORN", born, || texts::child_born(born))
        .field("child_birth_date");
    if d.allowed() {
        Ok(())
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
        .detail(parsed.as_ref().err().map(|e| e.code().as_str()));
    parsed.ok()
}

/// The first identifier or contact field of `input` holding a control, bidirectional
/// formatting or invisible character (`text::hidden_character`), by its input name.
fn hidden_text_field(input: &NewApplication) -> Option<&'static str> {
    let (a, c) = (&input.address, &input.contacts);
    let fields = [
        ("address.region", Some(&*a.region)),
        ("address.district", Some(&*a.district)),
        ("address.locality", a.locality.as_deref()),
        ("contacts.email", Some(&*c.email)),
        ("contacts.phone", Some(&*c.phone)),
        ("benefit", input.benefit.as_deref()),
    ];
    fields
        .into_iter()
        .find(|(_, text)| text.is_some_and(|t| crate::text::hidden_character(t).is_some()))
        .map(|(field, _)| field)
        .or_else(|| {
            let bad = |d: &Document| crate::text::hidden_character(&d.kind).is_some();
            input.documents.iter().any(bad).then_some("documents")
        })
}

/// A plausible e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
/// Read in one pass over the bytes (`@` and `.` are never part of a longer character);
/// spaces beyond ASCII are looked for only in non-ASCII text. Every registration checks one.
fn valid_email(s: &str) -> bool {
    let s = crate::text::trimmed(s);
    let bytes = s.as_bytes();
    let (mut at, mut dotted) = (None, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'@' if at.is_some() => return false,
            b'@' => at = Some(i),
            b'.' => dotted |= at.is_some(),
            b if crate::text::is_ascii_space(b) => return false,
            _ => {}
        }
    }
    let Some(at) = at else { return false };
    let domain = &bytes[at + 1..];
    at > 0
        && dotted
        && domain.first() != Some(&b'.')
        && domain.last() != Some(&b'.')
        && (s.is_ascii() || !s.chars().any(char::is_whitespace))
}

/// A Kazakhstan mobile number: `+7` or `8`, then 10 digits; spaces, dashes and brackets
/// are ignored.
fn valid_phone(s: &str) -> bool {
    // Read in place, without a copy: this runs on every registration.
    let mut kept = s
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'-' | b'(' | b')'));
    let prefix = match kept.next() {
        Some(b'+') => kept.next() == Some(b'7'),
        Some(b'8') => true,
        _ => false,
    };
    let mut digits = 0;
    for b in kept {
        if !b.is_ascii_digit() {
            return false;
        }
        digits += 1;
    }
    prefix && digits == 10
}

/// "May be removed for age" (`RULES.md §4`): the child has reached the policy's maximum
/// age, and is still waiting for a place (`in_queue`: not enrolled, not gone).
#[must_use]
pub fn may_remove_for_age(
    policy: &Policy,
    born: NaiveDate,
    at: NaiveDateTime,
    in_queue: bool,
) -> Decision {
    let mut d = Decision::new(Question::MayBeRemovedForAge, true);
    let max = policy.max_age.in_months().unwrap_or(u32::MAX);
    let old = max_age_reached_on(policy, born).is_some_and(|d| d <= at.date());
    d.push("AGED_OUT", old, || {
        texts::aged_out(old, born, at.date(), max)
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

    /// The e-mail rule in words: the one pass must say the same. White space is
    /// `char::is_whitespace` for every text, ASCII or not (a vertical tab is white space;
    /// `u8::is_ascii_whitespace` leaves it out, which is how the two once disagreed on
    /// `"a@\u{b}.a"`).
    fn valid_email_as_written(s: &str) -> bool {
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

    #[test]
    fn a_vertical_tab_inside_an_address_is_white_space() {
        // The case proptest found on a fresh clone (issue 22, defect 11).
        assert!(!valid_email("a@\u{b}.a"));
        assert_eq!(
            valid_email("a@\u{b}.a"),
            valid_email_as_written("a@\u{b}.a")
        );
        assert!(!valid_email("a@b\u{c}.kz"));
        assert!(!valid_email("a@b\r.kz"));
    }

    proptest::proptest! {
        #[test]
        fn one_pass_email_check_says_what_the_rule_says(
            s in "[a-z.@ \\t\\u{b}\\u{a0}ә]{0,10}|\\PC{0,12}"
        ) {
            proptest::prop_assert_eq!(valid_email(&s), valid_email_as_written(&s), "{:?}", s);
        }
    }

    #[test]
    fn contacts_are_checked() {
        assert!(valid_email("ana@mail.kz"));
        assert!(!valid_email("ana@mail"));
        assert!(!valid_email("ana mail.kz"));
        assert!(!valid_email("ana@ma\til.kz"));
        assert!(
            !valid_email("ana@ma\u{a0}il.kz"),
            "a no-break space is a space"
        );
        assert!(valid_email("әже@mail.kz"));
        assert!(!valid_email("@mail.kz"));
        assert!(!valid_email("a@b@mail.kz"));
        assert!(!valid_email("a@.mail.kz"));
        assert!(!valid_email("a@mail.kz."));
        assert!(
            valid_email("a.b@mail.kz"),
            "a dot before the @ is no dotted domain"
        );
        assert!(!valid_email("a.b@mailkz"));
        assert!(
            !valid_email("ə@ma\u{b}il.kz"),
            "a vertical tab is a space in Unicode"
        );
        assert!(valid_phone("+7 (701) 123-45-67"));
        assert!(valid_phone("87011234567"));
        assert!(!valid_phone("+7 701 123"));
        assert!(!valid_phone("+8 701 123 45 67"), "+ comes only before 7");
        assert!(!valid_phone("7 701 123 45 67"), "7 alone is no prefix");
        assert!(!valid_phone("8 701 123 45 67 8"), "11 digits");
        assert!(!valid_phone("+7 701 123 45 6x"));
        assert!(!valid_phone("+7 ٧٠١ 123 45 67"), "ASCII digits only");
        assert!(!valid_phone("+7"));
        assert!(!valid_phone(""));
    }
}
