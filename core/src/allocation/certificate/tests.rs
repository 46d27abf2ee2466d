use std::sync::Arc;

use super::{Certificate, CheckedCertificate, Room, Unit, CERTIFICATE_VERSION, MAX_KINDERGARTENS};
use crate::application::ApplicationId;

fn unit(ids: &[u64], choices: &[u32], siblings_at: &[u32], placed: Option<u32>) -> Unit {
    Unit {
        children: ids.iter().map(|&i| ApplicationId(i)).collect(),
        choices: choices.into(),
        siblings_at: siblings_at.into(),
        held: None,
        placed,
    }
}

fn certificate(places: &[u32], units: Vec<Unit>) -> CheckedCertificate {
    CheckedCertificate::try_from(raw(places, units)).expect("shape")
}

fn raw(places: &[u32], units: Vec<Unit>) -> Certificate {
    Certificate {
        certificate_version: CERTIFICATE_VERSION,
        queue: serde_json::from_value(serde_json::json!({
            "region": "akmola", "area": "kokshetau", "group_type": "general", "cohort": 2021}))
        .expect("queue"),
        at: chrono::NaiveDate::from_ymd_opt(2024, 9, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("moment"),
        kindergartens: places
            .iter()
            .enumerate()
            .map(|(i, &p)| Room {
                id: Arc::from(format!("kg-{}", i + 1)),
                places: p,
            })
            .collect(),
        units,
    }
}

/// RULES.md §5a's smallest case as a round gives it: X and Y one place each; a < b < c;
/// a chose X (got it); b chose Y then X (got nothing); c chose X then Y, a sibling at Y
/// (got Y).
fn smallest_round() -> CheckedCertificate {
    certificate(
        &[1, 1],
        vec![
            unit(&[1], &[0], &[], Some(0)),
            unit(&[2], &[1, 0], &[], None),
            unit(&[3], &[0, 1], &[1], Some(1)),
        ],
    )
}

fn codes(c: &CheckedCertificate) -> Vec<&'static str> {
    c.findings().iter().map(|f| f.code).collect()
}

/// RULES.md §5a's smallest case: the round (a X, c Y with a sibling there) holds; the
/// chain after a leaves (b X, c Y) passes nobody over but leaves the swap b↔c; giving b
/// Y and c X holds again.
#[test]
fn the_rules_smallest_case_and_its_swap() {
    let round = smallest_round();
    assert_eq!(codes(&round), Vec::<&str>::new());
    let chain = certificate(
        &[1, 1],
        vec![
            unit(&[2], &[1, 0], &[], Some(0)),
            unit(&[3], &[0, 1], &[1], Some(1)),
        ],
    );
    let findings = chain.findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code, "CERT_SWAP_LEFT");
    assert_eq!(findings[0].children.len(), 2);
    let fresh = certificate(
        &[1, 1],
        vec![
            unit(&[2], &[1, 0], &[], Some(1)),
            unit(&[3], &[0, 1], &[1], Some(0)),
        ],
    );
    assert_eq!(codes(&fresh), Vec::<&str>::new());
}

/// A child after another in the order placed at the place the first preferred, a free
/// place someone wanted, too many placed, a place not chosen: each has its code.
#[test]
fn each_objection_has_its_code() {
    // 1 wanted kg-1, 2 (after it) got it.
    let passed = certificate(
        &[1],
        vec![unit(&[1], &[0], &[], None), unit(&[2], &[0], &[], Some(0))],
    );
    assert_eq!(codes(&passed), ["CERT_PASSED_OVER"]);
    // A place left free that 1 wanted.
    let free = certificate(&[1], vec![unit(&[1], &[0], &[], None)]);
    assert_eq!(codes(&free), ["CERT_PASSED_OVER"]);
    // Two placed at one place.
    let over = certificate(
        &[1],
        vec![
            unit(&[1], &[0], &[], Some(0)),
            unit(&[2], &[0], &[], Some(0)),
        ],
    );
    assert_eq!(codes(&over), ["CERT_OVERFILLED"]);
    // Placed where it did not choose (and kg-1, chosen, left free).
    let elsewhere = certificate(&[1, 1], vec![unit(&[1], &[0], &[], Some(1))]);
    assert_eq!(codes(&elsewhere), ["CERT_NOT_CHOSEN", "CERT_PASSED_OVER"]);
    // A sibling there stands first: 2 may take 1's choice.
    let sibling = certificate(
        &[1],
        vec![unit(&[1], &[0], &[], None), unit(&[2], &[0], &[0], Some(0))],
    );
    assert_eq!(codes(&sibling), Vec::<&str>::new());
}

/// Twins need room for both: a single child after them at the one place left is not an
/// objection; two places held only by children after them is.
#[test]
fn twins_are_owed_room_for_both() {
    let one_place = certificate(
        &[1],
        vec![
            unit(&[1, 2], &[0], &[], None),
            unit(&[3], &[0], &[], Some(0)),
        ],
    );
    assert_eq!(codes(&one_place), Vec::<&str>::new());
    let two_places = certificate(
        &[2],
        vec![
            unit(&[1, 2], &[0], &[], None),
            unit(&[3], &[0], &[], Some(0)),
            unit(&[4], &[0], &[], Some(0)),
        ],
    );
    assert_eq!(codes(&two_places), ["CERT_PASSED_OVER"]);
    let cut = two_places.cutoffs(ApplicationId(2));
    assert_eq!(cut.len(), 1);
    assert_eq!(cut[0].last_admitted.map(|s| s.position), Some(3));
    assert_eq!(cut[0].own.position, 1);
}

/// A child at its second choice learns where the last child admitted at its first stood,
/// in three languages with no id or code; at its first choice it has nothing to learn.
#[test]
fn cutoffs_say_where_the_last_child_admitted_stood() {
    let round = smallest_round();
    let c = round.cutoffs(ApplicationId(3));
    assert_eq!(c.len(), 1);
    assert_eq!(&*c[0].kindergarten, "kg-1");
    assert_eq!((c[0].own.position, c[0].own.sibling), (3, false));
    let last = c[0].last_admitted.expect("someone admitted");
    assert_eq!((last.position, last.sibling), (1, false));
    for text in [&c[0].message.kk, &c[0].message.ru, &c[0].message.en] {
        assert!(text.contains('1') && text.contains('3'), "{text}");
        assert!(!text.contains("kg-") && !text.contains("CERT"), "{text}");
    }
    // Written for a parent: one place is "1 place", a position is a number in the queue.
    assert_eq!(
        c[0].message.en,
        "This kindergarten had 1 place in this round; the last child given one was number 1 \
         in the queue; your child was number 3."
    );
    // 2 chose kg-2 then kg-1 and got neither: a cutoff at both, the sibling shown.
    let c = round.cutoffs(ApplicationId(2));
    assert_eq!(c.len(), 2);
    assert!(c[0].last_admitted.expect("c").sibling);
    assert!(c[0].message.en.contains("sibling"), "{}", c[0].message.en);
    assert!(round.cutoffs(ApplicationId(1)).is_empty());
    assert!(round.cutoffs(ApplicationId(9)).is_empty());
}

#[test]
fn a_certificate_the_checks_cannot_read_is_refused_with_input_format() {
    use crate::LocalizedError;
    let good = || raw(&[1], vec![unit(&[1], &[0], &[], Some(0))]);
    let mut cases = Vec::new();
    let mut c = good();
    c.certificate_version = 2;
    cases.push((c, "certificate_version"));
    let mut c = good();
    c.units[0].choices = smallvec::smallvec![0, 0];
    cases.push((c, "twice"));
    let mut c = good();
    c.units[0].placed = Some(4);
    cases.push((c, "out of range"));
    let mut c = good();
    c.units[0].siblings_at = smallvec::smallvec![u32::MAX];
    cases.push((c, "out of range"));
    let mut c = good();
    c.units[0].children.clear();
    cases.push((c, "no children"));
    // Sizes a caller passes are bounded: a batch links at most 4 children, a catalogue
    // holds at most 100,000 kindergartens.
    let mut c = good();
    c.units[0].children = (1..=5).map(ApplicationId).collect();
    cases.push((c, "more children than a batch links"));
    let mut c = good();
    c.kindergartens = vec![c.kindergartens[0].clone(); MAX_KINDERGARTENS + 1];
    cases.push((c, "at most 100000 kindergartens"));
    for (c, says) in cases {
        let e = CheckedCertificate::try_from(c.clone()).expect_err(says);
        assert_eq!(c.check_shape(), Err(e.clone()));
        let json = serde_json::to_value(&c).expect("json");
        let read = serde_json::from_value::<CheckedCertificate>(json).expect_err(says);
        assert!(read.to_string().contains(says), "{read}");
        assert_eq!(e.code(), "INPUT_FORMAT");
        assert!(e.message(crate::Lang::En).contains(says), "{says}");
    }
    good().check_shape().expect("a good one");
}
