//! Scenario tests for the application: `RULES.md §2`, one test per rule, on real dates.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use kezek::application::{GroupType, TEMPORARY_REGISTRATION};
use kezek::lifecycle::{Actor, LifecycleError, Reason, RemovalReason, State, StateName};
use kezek::{Lang, LocalizedError};
use kezek_conformance::fixture::{
    application, at, child, day, document, engine, large_family, OTHER_PARENT,
};

use kezek_conformance::refusal_codes as codes;

#[test]
fn s2_registration_checks_every_field_and_returns_all_failures() {
    let mut e = engine("akmola-2024");
    let mut bad = application("210308600404"); // wrong check digit
    bad.applicant_iin = "90010130001".into(); // 11 digits
    bad.contacts.email = "ana.mail.kz".into();
    bad.contacts.phone = "12345".into();
    bad.address.district = " ".into();
    bad.non_resident = true;
    let err = e.register(bad, at(2024, 5, 2, 9, 0)).unwrap_err();
    assert_eq!(err.code(), "REGISTRATION_REFUSED");
    assert_eq!(
        codes(&err),
        [
            "IIN_LENGTH",
            "IIN_CHECKSUM",
            "ADDRESS",
            "NON_RESIDENT_DOCUMENTS",
            "CONTACT_EMAIL",
            "CONTACT_PHONE"
        ]
    );
    // Every failure names its field and its source, and no message shows the digits.
    let LifecycleError::Registration { failures } = &err else {
        unreachable!()
    };
    assert!(failures
        .iter()
        .all(|c| c.field.is_some() && c.source.starts_with("RULES.md §")));
    for lang in Lang::ALL {
        assert!(!err.message(lang).contains("2103086004"));
    }
    assert!(e.is_empty(), "a refused registration registers nothing");
}

#[test]
fn s2_registration_gives_the_first_child_queue_number_one() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let pos = e.position(id).unwrap().unwrap();
    assert_eq!((pos.number, pos.ahead.total()), (1, 0));
    assert_eq!(
        e.history(id).unwrap().next().unwrap().reason,
        Reason::Registered
    );
    assert_eq!(e.history(id).unwrap().next().unwrap().from, StateName::New);
}

#[test]
fn s2_registered_address_is_mandatory_and_non_residents_attach_their_registration() {
    let mut e = engine("akmola-2024");
    let mut app = application(child::MAR_2021);
    app.non_resident = true;
    let err = e.register(app.clone(), at(2024, 5, 2, 9, 0)).unwrap_err();
    assert_eq!(codes(&err), ["NON_RESIDENT_DOCUMENTS"]);
    app.documents = vec![document(TEMPORARY_REGISTRATION, day(2024, 4, 1))];
    assert!(e.register(app, at(2024, 5, 2, 9, 0)).is_ok());
}

#[test]
fn s2_one_application_per_child_and_group_type() {
    let mut e = engine("akmola-2024");
    e.register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let err = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 5))
        .unwrap_err();
    assert_eq!(codes(&err), ["NOT_ALREADY_QUEUED"]);
    let mut special = application(child::MAR_2021);
    special.group_type = GroupType::Special;
    assert!(
        e.register(special, at(2024, 5, 2, 9, 10)).is_ok(),
        "special groups have their own queue"
    );
}

#[test]
fn s2_a_parent_who_did_not_file_attaches_the_application_to_their_iin() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let other = kezek::Iin::parse(OTHER_PARENT).unwrap();
    assert!(e.applications_of(&other).is_empty());
    e.link_applicant(id, OTHER_PARENT, at(2024, 5, 3, 9, 0))
        .unwrap();
    assert_eq!(e.applications_of(&other), [id]);
    let again = e
        .link_applicant(id, OTHER_PARENT, at(2024, 5, 3, 9, 5))
        .unwrap_err();
    assert_eq!(again.code(), "APPLICANT_ALREADY_LINKED");
    let bad = e
        .link_applicant(id, "880202400017", at(2024, 5, 3, 9, 5))
        .unwrap_err();
    assert_eq!(bad.code(), "IIN_CHECKSUM");
    assert_eq!(
        e.history(id).unwrap().last().unwrap().detail.as_deref(),
        Some("********0016")
    );
}

#[test]
fn s2_withdrawal_is_allowed_until_the_child_is_enrolled() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let b = e
        .register(application(child::JAN_2022), at(2024, 5, 2, 9, 1))
        .unwrap();
    e.withdraw(a, at(2024, 5, 2, 10, 0)).unwrap();
    assert_eq!(e.state(a).unwrap().name(), StateName::Withdrawn);
    assert_eq!(
        e.position(b).unwrap().unwrap().number,
        1,
        "the next child moves up"
    );
    e.notify(b, 1, at(2024, 5, 2, 10, 0)).unwrap();
    e.issue_direction(b, "kg-7", at(2024, 5, 2, 11, 0)).unwrap();
    e.enroll(b, at(2024, 5, 3, 9, 0)).unwrap();
    let err = e.withdraw(b, at(2024, 5, 3, 10, 0)).unwrap_err();
    assert_eq!(err.code(), "STATE_FORBIDS");
}

#[test]
fn s2_interest_is_confirmed_every_12_months_from_registration_else_removed() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::JAN_2022), at(2024, 1, 10, 9, 0))
        .unwrap();
    // 30 calendar days early at most (the policy's assumption): from 11 December 2024.
    let early = e
        .confirm_interest(id, at(2024, 12, 10, 23, 59))
        .unwrap_err();
    assert_eq!(early.code(), "INTEREST_TOO_EARLY");
    e.confirm_interest(id, at(2024, 12, 11, 0, 0)).unwrap();
    assert_eq!(
        e.confirm_interest(id, at(2024, 12, 12, 0, 0))
            .unwrap_err()
            .code(),
        "INTEREST_ALREADY_CONFIRMED"
    );
    e.advance_to(at(2025, 1, 11, 0, 0)).unwrap();
    assert_eq!(
        e.state(id).unwrap(),
        &State::Queued,
        "confirmed for the first anniversary"
    );
    // The second anniversary, 10 January 2026, passes unconfirmed.
    e.advance_to(at(2026, 1, 10, 23, 59)).unwrap();
    assert_eq!(e.state(id).unwrap(), &State::Queued);
    e.advance_to(at(2026, 1, 11, 0, 0)).unwrap();
    assert_eq!(
        e.state(id).unwrap(),
        &State::Removed {
            reason: RemovalReason::InterestNotConfirmed,
            at: at(2026, 1, 11, 0, 0)
        }
    );
    assert_eq!(e.position(id).unwrap(), None);
}

#[test]
fn s2_every_change_is_kept_in_the_history() {
    let mut e = engine("akmola-2024");
    let id = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    e.notify(id, 1, at(2024, 5, 2, 10, 0)).unwrap();
    e.advance_to(at(2024, 6, 1, 0, 0)).unwrap();
    let h: Vec<_> = e.history(id).unwrap().collect();
    let seen: Vec<_> = h
        .iter()
        .map(|ev| (ev.reason.code(), ev.actor, ev.from, ev.to))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "REGISTERED",
                Actor::Applicant,
                StateName::New,
                StateName::Queued
            ),
            (
                "NOTICE_SENT",
                Actor::Operator,
                StateName::Queued,
                StateName::NoticeSent
            ),
            (
                "NOTICE_EXPIRED",
                Actor::Deadline,
                StateName::NoticeSent,
                StateName::Queued
            ),
        ]
    );
    // 3 working days after Thursday 2 May 2024: 3, 4 (a worked Saturday) and 6 May.
    assert_eq!(h[2].at, at(2024, 5, 7, 0, 0));
    assert!(h
        .windows(2)
        .all(|w| w[0].seq < w[1].seq && w[0].at <= w[1].at));
}

#[test]
fn s2_the_portal_shows_queue_listings_and_statistics_with_iins_masked() {
    let mut e = engine("akmola-2024");
    let a = e
        .register(application(child::MAR_2021), at(2024, 5, 2, 9, 0))
        .unwrap();
    let mut ru = large_family(child::SEP_2021);
    ru.language = kezek::application::Language::Russian;
    let b = e.register(ru, at(2024, 5, 2, 10, 0)).unwrap();
    let key = e.application(a).unwrap().queue_key();
    let listing = e.listing_entries(&key);
    assert_eq!(
        listing.iter().map(|l| (l.number, l.id)).collect::<Vec<_>>(),
        [(1, b), (2, a)]
    );
    assert_eq!(listing[1].child, "********0403");
    let json = serde_json::to_string(&listing).unwrap();
    assert!(!json.contains("210308600403"));
    let stats = &e.statistics()[&key];
    assert_eq!(
        (
            stats.by_class.first_priority,
            stats.by_class.general,
            stats.kazakh,
            stats.russian
        ),
        (1, 1, 1, 1)
    );
}
