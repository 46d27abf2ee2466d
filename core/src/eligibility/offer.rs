//! "May be offered a place" (`RULES.md §4–§7`, `§9`): the offer screening every round,
//! choice and explanation runs, and the facts of a child it reads on every call.

use chrono::{NaiveDate, NaiveDateTime};

use super::{texts, Decision, Question};
use crate::application::{holds_valid, GroupType};
use crate::policy::Policy;

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

/// What screening a child for an offer and scheduling its deadlines read of its
/// application for every child: kept beside the application in the engine's records, so
/// that neither reaches the application itself, except screening for special groups and
/// for benefit holders whose documents are not known to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ChildFacts {
    pub(crate) born: NaiveDate,
    /// The moment of registration: the anniversaries of interest count from it.
    pub(crate) registered_at: NaiveDateTime,
    pub(crate) group_type: crate::application::GroupType,
    /// The application's priority class (`RULES.md §3`): an out-of-turn child's direction
    /// asks for its right to be confirmed in person.
    pub(crate) class: crate::benefit::PriorityClass,
    pub(crate) benefit: bool,
    /// Days on which the benefit's documents surely hold (`RULES.md §3`): for each kind
    /// the category requires, the one document of it in force longest, intersected.
    /// Outside them the documents are judged in full.
    pub(crate) benefit_holds: Option<(NaiveDate, NaiveDate)>,
    /// The moment the child reaches the policy's maximum age (`RULES.md §4`), when the
    /// calendar can say.
    pub(crate) ages_out_at: Option<NaiveDateTime>,
    /// The days the child reaches the policy's minimum age for an offer and its maximum
    /// age, with those ages in months (computed once: month arithmetic on every offer
    /// screened was 4% of a simulation). A screening under other ages (a round for
    /// younger children, `RULES.md §4`) computes its own: see [`ChildFacts::has_reached`].
    pub(crate) min_offer_age: (u32, Option<NaiveDate>),
    pub(crate) max_age: (u32, Option<NaiveDate>),
}

impl ChildFacts {
    pub(crate) fn of(policy: &Policy, app: &crate::application::Application) -> Self {
        let holds = app
            .benefit
            .as_deref()
            .and_then(|c| policy.benefit(c))
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
        let born = app.child_birth_date;
        let (min, max) = ages_in_months(policy);
        let max_age = (max, super::max_age_reached_on(policy, born));
        Self {
            born,
            registered_at: app.registered_at,
            group_type: app.group_type,
            class: app.class,
            benefit: app.benefit.is_some(),
            benefit_holds: holds,
            ages_out_at: max_age.1.map(|d| d.and_time(chrono::NaiveTime::MIN)),
            min_offer_age: (min, born.checked_add_months(chrono::Months::new(min))),
            max_age,
        }
    }
}

impl Default for ChildFacts {
    fn default() -> Self {
        Self {
            born: NaiveDate::MIN,
            registered_at: NaiveDateTime::MIN,
            group_type: crate::application::GroupType::General,
            class: crate::benefit::PriorityClass::General,
            benefit: false,
            benefit_holds: None,
            ages_out_at: None,
            min_offer_age: (0, None),
            max_age: (u32::MAX, None),
        }
    }
}

impl ChildFacts {
    /// [`super::has_reached_age`] of the child for an age of `months` on `today`: read
    /// from the ages computed once when they are these.
    pub(crate) fn has_reached(&self, months: u32, today: NaiveDate) -> bool {
        match [self.min_offer_age, self.max_age]
            .into_iter()
            .find(|&(m, _)| m == months)
        {
            Some((_, day)) => day.is_some_and(|d| d <= today),
            None => super::has_reached_age(self.born, months, today),
        }
    }
}

/// The policy's minimum age for an offer and maximum age, in months (none: 0 and never).
fn ages_in_months(policy: &Policy) -> (u32, u32) {
    (
        policy.min_offer_age.in_months().unwrap_or(0),
        policy.max_age.in_months().unwrap_or(u32::MAX),
    )
}

/// "May be offered a place" as the engine screens it: when not explaining, the failed
/// checks' codes only (no messages). `facts` are those of `app`.
pub(crate) fn offer_check(
    policy: &Policy,
    facts: ChildFacts,
    app: &crate::application::Application,
    s: &OfferSituation,
    explain: bool,
) -> Decision {
    // Every caller that does not explain reads only the codes.
    let mut d = if explain {
        Decision::new(Question::MayBeOffered, true)
    } else {
        Decision::codes_only(Question::MayBeOffered)
    };
    let today = s.at.date();
    d.push("WAITING", s.waiting, || texts::waiting(s.waiting));
    let birth = facts.born;
    // [000] states only the turn and the vacancies for correctional kindergartens: the
    // minimum age applies to special groups only where the policy says so.
    if !facts.group_type.is_specialised() || policy.min_age_for_special_groups {
        let min = ages_in_months(policy).0;
        let ok = facts.has_reached(min, today);
        d.push("MIN_AGE", ok, || texts::min_age(ok, birth, today, min));
    }
    let max = ages_in_months(policy).1;
    let young = !facts.has_reached(max, today);
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
    if let Some(kind) = facts.group_type.required_document() {
        let ok = holds_valid(&app.documents, kind, today);
        if facts.group_type == GroupType::Sanatorium {
            d.push("TB_REFERRAL", ok, || texts::tb_referral(ok));
        } else {
            d.push("PMPK_CONCLUSION", ok, || texts::pmpk(ok));
        }
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
    if let Some(cat) = code.and_then(|c| policy.benefit(c)) {
        let unmet = cat.unmet_documents(&app.documents, today);
        d.push("BENEFIT_DOCUMENTS", unmet.is_empty(), || {
            texts::benefit_documents(&unmet, &cat.name)
        });
    }
    let frozen = policy.is_frozen(today);
    d.push("NOT_FROZEN", !frozen, || texts::not_frozen(!frozen));
    d
}

/// The checks a direction runs before it is issued (`RULES.md §5`): after a notice
/// (`notified`) only what can change since the notice was judged (the freeze, the child's
/// other applications, the stop-list); by free choice every offer rule except the queue's
/// turn and the benefit's documents (free choice is first come, first served, regardless of
/// the queue number and the class). `s` is the situation of the places taken.
pub(crate) fn direction_check(
    policy: &Policy,
    facts: ChildFacts,
    app: &crate::application::Application,
    s: &OfferSituation,
    notified: bool,
    explain: bool,
) -> Decision {
    let mut d = offer_check(policy, facts, app, s, explain);
    d.retain(|code| {
        if notified {
            matches!(
                code,
                "NOT_FROZEN" | "NOT_ENROLLED_ELSEWHERE" | "NO_OFFER_ELSEWHERE" | "NOT_STOP_LISTED"
            )
        } else {
            !matches!(
                code,
                "WAITING" | "VACANCIES" | "TURN_REACHED" | "BENEFIT_DOCUMENTS"
            )
        }
    });
    d
}

/// "May take a place now" (`RULES.md §5`): whether the application may take a place at all
/// (`MAY_CHOOSE`: waiting, or holding a notice), then `checks` (the direction's own, see
/// [`direction_check`]), then whether `open` bulletins hold a place it may take now
/// (`PLACE_OPEN`).
pub(crate) fn place_open_check(may_choose: bool, checks: Option<Decision>, open: u32) -> Decision {
    let mut d = Decision::new(Question::MayTakePlace, true);
    d.push("MAY_CHOOSE", may_choose, || texts::may_choose(may_choose));
    if let Some(checks) = checks {
        d.checks.extend(checks.checks);
    }
    d.push("PLACE_OPEN", open > 0, || texts::place_open(open));
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefit::PriorityClass;
    use crate::iin::Iin;

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
                applicants: crate::application::Applicants::default(),
                child: Iin::parse("210308600403").unwrap(),
                child_birth_date: NaiveDate::from_ymd_opt(2021, 3, 8).unwrap(),
                child_sex: None,
                birth_date_source: crate::application::BirthDateSource::Register,
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
                ranked_choices: Box::default(),
            };
            let s = OfferSituation::unobstructed(day(today).and_hms_opt(10, 0, 0).unwrap());
            let facts = ChildFacts::of(&policy, &app);
            let unknown = ChildFacts { benefit_holds: None, ..facts };
            proptest::prop_assert_eq!(
                offer_check(&policy, facts, &app, &s, false).failed_codes(),
                offer_check(&policy, unknown, &app, &s, false).failed_codes()
            );
        }

        /// The ages computed once say what `has_reached_age` says on every day, under
        /// every built-in policy, and other ages are computed anew.
        #[test]
        fn ages_computed_once_agree_with_the_rule(born in 0u32..3000, today in 0u32..5000, p in 0usize..8) {
            let book = crate::PolicyBook::builtin();
            let policy = &book.policies[p % book.policies.len()];
            let day = |n: u32| NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + chrono::Days::new(u64::from(n));
            let iin = Iin::from_parts(day(born), crate::iin::Sex::Male, 1)
                .or_else(|_| Iin::from_parts(day(born), crate::iin::Sex::Male, 2))
                .unwrap();
            let app = crate::application::Application {
                id: crate::application::ApplicationId(1),
                applicants: crate::application::Applicants::default(),
                child: iin,
                child_birth_date: day(born),
                child_sex: None,
                birth_date_source: crate::application::BirthDateSource::Register,
                address: crate::application::Address { region: "r".into(), district: "d".into(), locality: None },
                group_type: crate::application::GroupType::General,
                language: crate::application::Language::Kazakh,
                benefit: None,
                class: PriorityClass::General,
                documents: Box::default(),
                non_resident: false,
                contacts: crate::application::Contacts { email: "a@b.kz".into(), phone: "87011234567".into() },
                registered_at: day(born).and_hms_opt(9, 0, 0).unwrap(),
                ranked_choices: Box::default(),
            };
            let facts = ChildFacts::of(policy, &app);
            let today = day(today);
            let (min, max) = ages_in_months(policy);
            // The policy's own ages, and others (a round for younger children).
            // The maximum age as the policy counts it (by calendar year in the 2020 Rules).
            proptest::prop_assert_eq!(
                facts.has_reached(max, today),
                super::super::max_age_reached_on(policy, day(born)).is_some_and(|d| d <= today)
            );
            for months in [min, 18, 30, min + 1] {
                proptest::prop_assert_eq!(
                    facts.has_reached(months, today),
                    super::super::has_reached_age(day(born), months, today),
                    "{} months", months
                );
            }
        }
    }
}
