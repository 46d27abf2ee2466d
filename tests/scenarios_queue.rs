//! Scenario tests for the priority classes, ages and cohorts and the special groups:
//! `RULES.md §3–§4` and `§7`, one test per rule, on real dates; and the rule that a refused
//! command changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::application::{ApplicationId, GroupType, PMPK_CONCLUSION, TB_REFERRAL};
use kezek::benefit::{BenefitCategory, PriorityClass};
use kezek::lifecycle::{Engine, Reason, RemovalReason, State, StateName};
use kezek::period::Period;
use kezek::{Lang, LocalizedError, LocalizedText, PolicyBook, WorkCalendar};
use kezek_conformance::fixture::{
    application, at, bulletin, child, day, document, engine, large_family, military, with_benefit,
    PARENT,
};

use kezek_conformance::{assert_round_trips, refusal_codes as codes};

#[test]
fn s3_out_of_turn_then_first_priority_then_general() {
    let mut e = engine("akmola-2024");
    let general = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let large = large_family(child::SEP_2021);
    let first = e.register(large, at(2024, 5, 2, 10, 0)).unwrap();
    let military = military(child::DEC_2021, day(2024, 4, 25));
    let oot = e.register(military, at(2024, 5, 2, 11, 0)).unwrap();
    let key = e.application(general).unwrap().queue_key();
    assert_eq!(e.listing(&key), [oot, first, general]);
    let pos = e.position(general).unwrap().unwrap();
    assert_eq!(
        (
            pos.number,
            pos.ahead.out_of_turn,
            pos.ahead.first_priority,
            pos.ahead.general
        ),
        (3, 1, 1, 0)
    );
    assert_eq!(e.application(oot).unwrap().class, PriorityClass::OutOfTurn);
}

#[test]
fn s3_within_a_class_by_registration_moment_then_by_id() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::SEP_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let c = e
        .register(application(child::DEC_2021), at(2024, 5, 2, 9, 30))
        .unwrap();
    let key = e.application(a).unwrap().queue_key();
    assert_eq!(e.listing(&key), [a, b, c]);
    assert_eq!(e.position(b).unwrap().unwrap().number, 2);
}

#[test]
fn s3_a_benefit_needs_valid_documents_and_a_workplace_certificate_counts_one_month() {
    let mut e = engine("akmola-2024");
    let teacher = with_benefit(
        application(child::MAR_2021),
        "teacher",
        vec![document("workplace_certificate", day(2024, 4, 1))],
    );
    let id = e.register(teacher.clone(), at(2024, 4, 30, 9, 0)).unwrap();
    assert_eq!(
        e.application(id).unwrap().class,
        PriorityClass::FirstPriority
    );
    // On 1 May the certificate of 1 April no longer counts.
    let mut late = teacher;
    late.child_iin = child::SEP_2021.into();
    let err = e.register(late, at(2024, 5, 2, 9, 0)).unwrap_err();
    assert_eq!(codes(&err), ["BENEFIT_DOCUMENTS"]);
    let d = e.explain_offer(id, 1, at(2024, 5, 2, 9, 0)).unwrap();
    assert_eq!(d.failed_codes(), ["BENEFIT_DOCUMENTS"]);
    let unknown = with_benefit(application(child::DEC_2021), "astronaut", vec![]);
    assert_eq!(
        codes(&e.register(unknown, at(2024, 5, 2, 9, 0)).unwrap_err()),
        ["BENEFIT_KNOWN"]
    );
}

#[test]
fn s3_an_unconfirmed_out_of_turn_right_cancels_the_direction_and_requeues_as_general() {
    let mut e = engine("akmola-2024");
    let general = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 8, 0))
        .unwrap();
    let military = military(child::SEP_2021, day(2024, 4, 25));
    let id = e.register(military, at(2024, 5, 2, 9, 0)).unwrap();
    e.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    assert_eq!(
        e.enroll(id, at(2024, 5, 6, 9, 0)).unwrap_err().code(),
        "RIGHT_NOT_CONFIRMED"
    );
    // 5 working days after Friday 3 May 2024 end on 14 May.
    e.advance_to(at(2024, 5, 15, 0, 0)).unwrap();
    let State::StopListed { until, .. } = e.state(id).unwrap() else {
        panic!("{:?}", e.state(id))
    };
    assert_eq!(until.last_day, day(2024, 5, 28));
    assert_eq!(e.application(id).unwrap().class, PriorityClass::General);
    assert_eq!(e.lapses(id).unwrap(), 0, "a cancelled right is not a lapse");
    let key = e.application(id).unwrap().queue_key();
    assert_eq!(
        e.listing(&key),
        [general, id],
        "general queue, original registration moment"
    );
    assert_eq!(
        e.history(id).unwrap().last().unwrap().reason,
        Reason::RightNotConfirmed
    );
}

#[test]
fn s3_a_confirmed_out_of_turn_right_lets_the_child_enrol() {
    let mut e = engine("akmola-2024");
    let military = military(child::SEP_2021, day(2024, 4, 25));
    let id = e.register(military, at(2024, 5, 2, 9, 0)).unwrap();
    e.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    e.issue_direction(id, "kg-1", at(2024, 5, 3, 11, 0))
        .unwrap();
    e.confirm_right(id, at(2024, 5, 6, 9, 0)).unwrap();
    assert_eq!(
        e.confirm_right(id, at(2024, 5, 6, 9, 1))
            .unwrap_err()
            .code(),
        "RIGHT_NOT_REQUIRED"
    );
    e.enroll(id, at(2024, 5, 6, 10, 0)).unwrap();
    assert_eq!(e.state(id).unwrap().name(), StateName::Enrolled);
}

#[test]
fn s3_children_move_between_categories_keeping_their_registration_moment() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::SEP_2021), at(2024, 5, 2, 10, 0))
        .unwrap();
    let docs = [document("large_family_certificate", day(2024, 5, 1))];
    e.update_benefit(b, Some("large_family"), &docs, at(2024, 5, 3, 9, 0))
        .unwrap();
    let key = e.application(a).unwrap().queue_key();
    assert_eq!(e.listing(&key), [b, a]);
    assert_eq!(e.order_key(b).unwrap().moment, at(2024, 5, 2, 10, 0));
    let err = e
        .update_benefit(a, Some("large_family"), &[], at(2024, 5, 3, 9, 0))
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), codes(&err)),
        ("BENEFIT_REFUSED", vec!["BENEFIT_DOCUMENTS"])
    );
    e.update_benefit(b, None, &[], at(2024, 5, 4, 9, 0))
        .unwrap();
    assert_eq!(e.listing(&key), [a, b]);
}

#[test]
fn s3_a_policy_extends_the_benefit_table() {
    let mut policy = PolicyBook::builtin().get("akmola-2024").unwrap().clone();
    policy.benefit_categories.push(BenefitCategory {
        code: "rural_doctor".into(),
        class: PriorityClass::FirstPriority,
        name: LocalizedText::new(
            "Ауыл дәрігерлерінің балалары",
            "Дети сельских врачей",
            "Children of rural doctors",
        ),
        documents: vec!["workplace_certificate".into()],
        document_validity: Some(Period::months(1)),
        source: "a regional decision (example)".into(),
    });
    let mut e = Engine::new(policy, WorkCalendar::kazakhstan()).unwrap();
    let app = with_benefit(
        application(child::MAR_2021),
        "rural_doctor",
        vec![document("workplace_certificate", day(2024, 4, 20))],
    );
    let id = e.register(app, at(2024, 5, 2, 9, 0)).unwrap();
    assert_eq!(
        e.application(id).unwrap().class,
        PriorityClass::FirstPriority
    );
}

#[test]
fn s4_an_offer_needs_two_full_years() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAY_2023), at(2024, 5, 2, 9, 0))
        .unwrap();
    let d = e.explain_offer(id, 5, at(2025, 4, 30, 12, 0)).unwrap();
    assert_eq!(d.failed_codes(), ["MIN_AGE"]);
    let min = d.checks.iter().find(|c| c.code == "MIN_AGE").unwrap();
    assert_eq!(
        min.message.get(Lang::En),
        "the child is 1 year 11 months old; the minimum age of 2 years 0 months is not yet reached"
    );
    assert_eq!(min.source, "RULES.md §4 [001]");
    assert_eq!(
        e.notify(id, 5, at(2025, 4, 30, 12, 0)).unwrap_err().code(),
        "NOT_ELIGIBLE"
    );
    assert!(e
        .explain_offer(id, 5, at(2025, 5, 1, 0, 0))
        .unwrap()
        .allowed());
}

#[test]
fn s4_the_cohort_is_the_birth_year() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::JAN_2022), at(2024, 5, 2, 9, 1))
        .unwrap();
    let (ka, kb) = (
        e.application(a).unwrap().queue_key(),
        e.application(b).unwrap().queue_key(),
    );
    assert_eq!((ka.cohort, kb.cohort), (2021, 2022));
    assert_eq!(
        e.position(b).unwrap().unwrap().number,
        1,
        "each cohort has its own queue"
    );
}

#[test]
fn s4_a_child_of_the_maximum_age_is_removed() {
    // Up to 6 since the 2020 Rules, counted by calendar year (RULES.md §4, revised
    // 2026-12): born 4 April 2019, the child turns 6 in 2025 and leaves the queue on
    // 1 January 2025, not on its birthday.
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::APR_2019), at(2024, 6, 3, 9, 0))
        .unwrap();
    let d = e
        .explain_removal_for_age(id, at(2024, 12, 31, 23, 0))
        .unwrap();
    assert_eq!(d.failed_codes(), ["AGED_OUT"]);
    e.advance_to(at(2025, 1, 1, 0, 0)).unwrap();
    assert_eq!(
        e.state(id).unwrap(),
        &State::Removed {
            reason: RemovalReason::AgedOut,
            at: at(2025, 1, 1, 0, 0)
        }
    );
    // Counted from the birthday (a policy without the calendar-year rule), the same child
    // waits until 4 April.
    let mut policy = e.policy().clone();
    policy.max_age_counted = kezek::policy::AgeCounting::Birthday;
    let mut by_birthday = kezek::Engine::new(policy, kezek::WorkCalendar::kazakhstan()).unwrap();
    let id = by_birthday
        .register(application(child::APR_2019), at(2024, 6, 3, 9, 0))
        .unwrap();
    by_birthday.advance_to(at(2025, 4, 3, 23, 0)).unwrap();
    assert_eq!(by_birthday.state(id).unwrap(), &State::Queued);
    by_birthday.advance_to(at(2025, 4, 4, 0, 0)).unwrap();
    assert!(matches!(
        by_birthday.state(id).unwrap(),
        State::Removed {
            reason: RemovalReason::AgedOut,
            ..
        }
    ));
    // Under the older edition (up to 7) the same child may still register in 2024.
    let mut old = engine("akmola-2016");
    assert!(old
        .register(application(child::MAR_2017), at(2023, 6, 1, 9, 0))
        .is_ok());
    let too_old = e
        .register(application(child::MAR_2017), at(2025, 4, 4, 9, 0))
        .unwrap_err();
    assert_eq!(codes(&too_old), ["CHILD_UNDER_MAX_AGE"]);
}

#[test]
fn s4_twins_stand_together_and_are_offered_places_only_for_all() {
    let mut e = engine("astana-2024");
    let before = e
        .register(application(child::JAN_2022), at(2024, 5, 2, 9, 0))
        .unwrap();
    let a = e
        .register(application(child::TWIN_A), at(2024, 5, 2, 9, 30))
        .unwrap();
    let other = e
        .register(application(child::MAR_2022), at(2024, 5, 2, 9, 40))
        .unwrap();
    let b = e
        .register(application(child::TWIN_B), at(2024, 5, 2, 9, 50))
        .unwrap();
    e.link_batch(&[a, b], at(2024, 5, 2, 10, 0)).unwrap();
    let key = e.application(a).unwrap().queue_key();
    assert_eq!(e.listing(&key), [before, a, b, other]);
    e.withdraw(before, at(2024, 6, 11, 11, 0)).unwrap();
    // Born 10 June 2022: two full years on 10 June 2024.
    let one = e.notify(a, 1, at(2024, 6, 11, 12, 0)).unwrap_err();
    assert_eq!(codes(&one), ["TURN_REACHED"]);
    assert_eq!(e.notify(b, 2, at(2024, 6, 11, 12, 0)).unwrap(), [a, b]);
    assert_eq!(e.state(a).unwrap().name(), StateName::NoticeSent);
    assert_eq!(
        e.link_batch(&[a], at(2024, 6, 11, 12, 0))
            .unwrap_err()
            .code(),
        "BATCH_SIZE"
    );
    assert_eq!(
        e.link_batch(&[a, other], at(2024, 6, 11, 12, 0))
            .unwrap_err()
            .code(),
        "BATCH_LINKED"
    );
    let far = e
        .register(application(child::DEC_2021), at(2024, 6, 11, 13, 0))
        .unwrap();
    assert_eq!(
        e.link_batch(&[other, far], at(2024, 6, 11, 13, 0))
            .unwrap_err()
            .code(),
        "BATCH_QUEUE"
    );
}

/// An application in Almaty (Bostandyk) for a group of `group_type`.
fn almaty_application(iin: &str, group_type: GroupType) -> kezek::application::NewApplication {
    let mut app = application(iin);
    app.address.region = "almaty".into();
    app.address.district = "bostandyk".into();
    app.group_type = group_type;
    app
}

#[test]
fn s7_special_groups_need_a_pmpk_conclusion_and_have_their_own_queue() {
    let mut e = engine("almaty-2024");
    let app = almaty_application(child::MAY_2023, GroupType::Special);
    let general = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 8, 0))
        .unwrap();
    let id = e.register(app, at(2024, 5, 2, 9, 0)).unwrap();
    assert_ne!(
        e.application(id).unwrap().queue_key(),
        e.application(general).unwrap().queue_key()
    );
    assert_eq!(e.position(id).unwrap().unwrap().number, 1);
    // Only the turn and the vacancies are stated for correctional kindergartens [000]:
    // a child under 2 may be offered a place once the conclusion is attached.
    let d = e.explain_offer(id, 1, at(2024, 6, 3, 9, 0)).unwrap();
    assert_eq!(d.failed_codes(), ["PMPK_CONCLUSION"]);
    e.update_benefit(
        id,
        None,
        &[document(PMPK_CONCLUSION, day(2024, 5, 20))],
        at(2024, 6, 3, 9, 0),
    )
    .unwrap();
    assert!(e
        .explain_offer(id, 1, at(2024, 6, 3, 9, 0))
        .unwrap()
        .allowed());
}

/// RULES.md §7, revised 2026-12: a sanatorium group needs a TB doctor's (or a treatment
/// centre's) referral, not a ПМПК conclusion.
#[test]
fn s7_sanatorium_groups_need_a_tb_referral_not_a_pmpk_conclusion() {
    let mut e = engine("almaty-2024");
    let app = almaty_application(child::MAR_2021, GroupType::Sanatorium);
    let id = e.register(app, at(2024, 5, 2, 9, 0)).unwrap();
    let at_offer = at(2024, 6, 3, 9, 0);
    assert_eq!(
        e.explain_offer(id, 1, at_offer).unwrap().failed_codes(),
        ["TB_REFERRAL"]
    );
    e.update_benefit(
        id,
        None,
        &[document(PMPK_CONCLUSION, day(2024, 5, 20))],
        at_offer,
    )
    .unwrap();
    assert_eq!(
        e.explain_offer(id, 1, at_offer).unwrap().failed_codes(),
        ["TB_REFERRAL"],
        "a ПМПК conclusion does not stand for the referral"
    );
    e.update_benefit(
        id,
        None,
        &[document(TB_REFERRAL, day(2024, 5, 20))],
        at_offer,
    )
    .unwrap();
    assert!(e.explain_offer(id, 1, at_offer).unwrap().allowed());
}

#[test]
fn refused_commands_change_nothing() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    e.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    let before = e.to_json();
    // A week later the notice has expired: each of these is judged at its moment and refused.
    let t = at(2024, 5, 10, 9, 0);
    assert_eq!(e.revoke(id, t).unwrap_err().code(), "STATE_FORBIDS");
    assert_eq!(e.enroll(id, t).unwrap_err().code(), "STATE_FORBIDS");
    assert_eq!(e.release(id, t).unwrap_err().code(), "STATE_FORBIDS");
    assert_eq!(
        e.extend(id, day(2024, 6, 1), t).unwrap_err().code(),
        "STATE_FORBIDS"
    );
    assert_eq!(
        e.notify(ApplicationId(9), 1, t).unwrap_err().code(),
        "APPLICATION_UNKNOWN"
    );
    assert_eq!(
        e.register(application(child::MAR_2021), t)
            .unwrap_err()
            .code(),
        "REGISTRATION_REFUSED"
    );
    assert_eq!(e.to_json(), before, "no refused command changed the engine");
    assert_eq!(
        e.advance_to(at(2024, 5, 1, 0, 0)).unwrap_err().code(),
        "TIME_BEFORE_CLOCK"
    );
    let _ = PARENT;
}

/// The twins registered (not linked) under Astana's policy, the one that links twins
/// (`RULES.md §4`, revised 2026-12).
fn twins() -> (Engine, ApplicationId, ApplicationId) {
    let mut e = engine("astana-2024");
    let a = e
        .register(application(child::TWIN_A), at(2024, 5, 2, 9, 30))
        .unwrap();
    let b = e
        .register(application(child::TWIN_B), at(2024, 5, 2, 9, 50))
        .unwrap();
    (e, a, b)
}

/// Issue 23, §4: a twin who leaves the queue leaves the batch. Twins A and B are linked; B
/// is withdrawn. A alone is offered the place its turn brings (it was offered nobody, B
/// listed as skipped, and `notify(A)` was refused naming B), A's history says B left, and
/// A's batch is A alone. The same when a member is enrolled: tested by the withdrawal,
/// which takes the same path (every change of state settles in one place).
#[test]
fn s4_a_twin_who_leaves_the_queue_leaves_the_batch() {
    let (mut e, a, b) = twins();
    e.link_batch(&[a, b], at(2024, 5, 2, 10, 0)).unwrap();
    e.withdraw(b, at(2024, 6, 11, 11, 0)).unwrap();
    assert_eq!(e.batch(a).unwrap(), [a]);
    assert_eq!(e.batch(b).unwrap(), [b]);
    let last = e.history(a).unwrap().last().expect("an event");
    assert_eq!(last.reason, Reason::BatchMemberLeft);
    assert_eq!(
        e.explain_offer(a, 1, at(2024, 6, 11, 12, 0))
            .unwrap()
            .failed_codes(),
        Vec::<&str>::new()
    );
    assert_eq!(e.notify(a, 1, at(2024, 6, 11, 12, 0)).unwrap(), [a]);
    assert_round_trips(&e);
}

/// Triplets: one leaves, the other two stay one batch, led by the lower id.
#[test]
fn s4_triplets_stay_a_batch_of_two_when_one_leaves() {
    let mut e = engine("astana-2024");
    let ids: Vec<_> = [child::TWIN_A, child::TWIN_B, child::TWIN_A_SISTER]
        .iter()
        .enumerate()
        .map(|(k, c)| {
            e.register(
                application(c),
                at(2024, 5, 2, 9, 30 + u32::try_from(k).unwrap()),
            )
            .unwrap()
        })
        .collect();
    e.link_batch(&ids, at(2024, 5, 2, 10, 0)).unwrap();
    e.withdraw(ids[0], at(2024, 6, 1, 9, 0)).unwrap();
    assert_eq!(e.batch(ids[1]).unwrap(), [ids[1], ids[2]]);
    assert_eq!(e.batch(ids[2]).unwrap(), [ids[1], ids[2]]);
    assert_eq!(
        e.notify(ids[1], 2, at(2024, 6, 11, 12, 0)).unwrap(),
        [ids[1], ids[2]]
    );
    e.check_invariants().unwrap();
}

/// Issue 23, §4: twins get directions all or none, however a direction is issued. A
/// direction for one twin directs the batch (both were accepted one at a time, or one
/// alone); a free-choice place that cannot take them all is refused to each.
#[test]
fn s4_twins_are_directed_together_or_not_at_all() {
    let (mut e, a, b) = twins();
    e.link_batch(&[a, b], at(2024, 5, 2, 10, 0)).unwrap();
    // One free-choice place, published in the twins' cohort: not enough for both.
    let reports = e
        .publish(&[bulletin("kg-1", 2022, 1)], at(2024, 6, 11, 9, 0))
        .unwrap();
    let before = e.to_json();
    let one = e.take_place(a, reports[0].bulletin, at(2024, 6, 11, 10, 0));
    assert!(one.is_err(), "one place for two twins: {one:?}");
    assert_eq!(e.to_json(), before, "refused: nothing changed");
    // A direction without a bulletin, asked for one twin, directs both.
    e.issue_direction(a, "kg-2", at(2024, 6, 11, 11, 0))
        .unwrap();
    for id in [a, b] {
        assert_eq!(
            e.state(id).unwrap().name(),
            StateName::DirectionIssued,
            "{id:?}"
        );
    }
    assert_round_trips(&e);
}

/// Issue 23, §4: the applicant may unlink a batch; each twin stands again at its own place
/// and may be offered one alone.
#[test]
fn s4_an_applicant_unlinks_the_twins() {
    let (mut e, a, b) = twins();
    assert_eq!(
        e.unlink_batch(a, at(2024, 5, 2, 9, 55)).unwrap_err().code(),
        "BATCH_NOT_LINKED"
    );
    e.link_batch(&[a, b], at(2024, 5, 2, 10, 0)).unwrap();
    e.unlink_batch(b, at(2024, 6, 1, 9, 0)).unwrap();
    assert_eq!(e.batch(a).unwrap(), [a]);
    assert_eq!(
        e.history(b).unwrap().last().unwrap().reason,
        Reason::BatchUnlinked
    );
    assert_eq!(e.notify(a, 1, at(2024, 6, 11, 12, 0)).unwrap(), [a]);
    assert_round_trips(&e);
}
