//! A national round of ranked choices (`RULES.md §5a`) against one sort of the queue, side
//! by side in one run, and the re-placing of one place given back.
//!
//! 10⁶ queued applications (80 queues: 20 districts × cohorts 2020–2023), each ranking 4
//! of its district's 34 kindergartens (the lower numbers more popular); 5·10⁴ places
//! published at once for the cohorts 2020–2022 (25 per kindergarten and cohort). Every
//! pool runs child-proposing deferred acceptance over its eligible children, with its
//! certificate. The baseline sorts the 10⁶ queue keys from a shuffled order, as
//! `offer_round` does. Target: the round within 3× the sort.
//!
//! Then one child of the round gives its direction back (`revoke`) and the place goes on
//! at once (the chain and the swaps): the median of 200 such revocations, each on the
//! engine as the previous one left it. Target: under 50 µs.
//!
//! `cargo bench -p kezek-benches --bench ranked_round`

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use kezek::allocation::{Kindergarten, NewBulletin};
use kezek::application::{GroupType, Language};
use kezek::policy::RankedChoices;
use kezek::{Engine, PolicyBook, WorkCalendar};
use kezek_benches::{
    applications, median_and_best, minor_faults, peak_rss_mb, publish_timed, sort_baseline, Walk,
};

const N: usize = 1_000_000;
const DISTRICTS: u32 = 20;
const KINDERGARTENS: u32 = 34;
const PLACES: u32 = 25;

fn kindergarten(d: u32, k: u32) -> Kindergarten {
    Kindergarten {
        id: format!("kg-{d:02}-{k:02}").into(),
        region: "almaty".into(),
        area: format!("district-{d:02}"),
        languages: vec![Language::Kazakh, Language::Russian],
        group_types: vec![GroupType::General],
    }
}

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 1, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap_or_default()
}

/// An engine under Almaty's 2024 policy switched to ranked choices, with the catalogue
/// and `n` applications each ranking four kindergartens of its district.
#[allow(clippy::cast_possible_truncation)] // draws below 34
fn ranked_engine(n: usize) -> Engine {
    let mut policy = PolicyBook::builtin()
        .get("almaty-2024")
        .map_or_else(|e| panic!("{e}"), Clone::clone);
    policy.ranked_choices = Some(RankedChoices {
        max_choices: 4,
        sibling_priority: true,
    });
    let mut engine =
        Engine::new(policy, WorkCalendar::kazakhstan()).unwrap_or_else(|e| panic!("{e}"));
    let catalogue: Vec<Kindergarten> = (0..DISTRICTS)
        .flat_map(|d| (0..KINDERGARTENS).map(move |k| kindergarten(d, k)))
        .collect();
    let first = at(1, 0) - chrono::TimeDelta::days(400);
    engine
        .add_kindergartens(&catalogue, first)
        .unwrap_or_else(|e| panic!("{e}"));
    // Four distinct kindergartens of the child's district; the smaller of two draws makes
    // the lower numbers the popular ones.
    let mut walk = Walk::new(5);
    for (mut app, t) in applications(n) {
        let d: u32 = app
            .address
            .district
            .trim_start_matches("district-")
            .parse()
            .unwrap_or(0);
        let mut choices: Vec<u32> = Vec::with_capacity(4);
        while choices.len() < 4 {
            let k = walk
                .below(u64::from(KINDERGARTENS))
                .min(walk.below(u64::from(KINDERGARTENS))) as u32;
            if !choices.contains(&k) {
                choices.push(k);
            }
        }
        app.ranked_choices = choices
            .iter()
            .map(|&k| format!("kg-{d:02}-{k:02}").into())
            .collect();
        engine.register(app, t).unwrap_or_else(|e| panic!("{e}"));
    }
    engine
}

#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)] // small counts
fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this once, smaller.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n = if quick { 20_000 } else { N };
    let mut engine = ranked_engine(n);
    engine
        .advance_to(at(15, 9))
        .unwrap_or_else(|e| panic!("{e}"));
    let (queued, pools, sort, sort_best) = sort_baseline(&engine);
    let bulletins: Vec<NewBulletin> = (0..DISTRICTS)
        .flat_map(|d| {
            (2020..=2022).flat_map(move |cohort| {
                (0..KINDERGARTENS).map(move |k| NewBulletin {
                    kindergarten: kindergarten(d, k),
                    group_type: GroupType::General,
                    cohort,
                    places: PLACES,
                })
            })
        })
        .collect();
    // Four copies and the engine itself, which runs the last round and then the
    // revocations: a clone's vectors are full to capacity (its first deadline pushed into
    // each day's bucket copies the bucket), the engine as a host built it is not.
    let mut copies: Vec<_> = (0..if quick { 0 } else { 4 })
        .map(|_| engine.clone())
        .collect();
    copies.push(engine);
    let faults = minor_faults();
    let (round_runs, reports) = publish_timed(&mut copies, &bulletins, at(15, 10));
    let faults = minor_faults()
        .zip(faults)
        .map(|(after, before)| (after - before) / copies.len() as u64);
    let directed: Vec<_> = reports
        .iter()
        .flat_map(|r| r.directed.iter().map(|x| x.id))
        .collect();
    let (round, round_best) = median_and_best(round_runs);
    // Revocations, one after another, on the engine as its round left it.
    let mut engine = copies.pop().unwrap_or_else(|| panic!("no engine"));
    drop(copies);
    let revocations = if quick { 20 } else { 200 };
    let mut moments = Vec::new();
    let mut replaced = 0;
    // Per revocation, the directions its re-placing issued; children who moved up.
    let mut given: Vec<usize> = Vec::new();
    let mut moved = 0;
    for (i, &id) in directed
        .iter()
        .step_by(directed.len() / revocations + 1)
        .enumerate()
    {
        let when = at(15, 11) + chrono::TimeDelta::seconds(i64::try_from(i).unwrap_or(0));
        let key = engine.queue_key(id).unwrap_or_else(|e| panic!("{e}"));
        let open = engine.open_places(&key);
        let t = Instant::now();
        engine.revoke(id, when).unwrap_or_else(|e| panic!("{e}"));
        moments.push(t.elapsed());
        replaced += usize::from(engine.open_places(&key) == open);
        given.push(engine.given_on().len());
        moved += engine
            .given_on()
            .iter()
            .filter(|d| d.moved_from.is_some())
            .count();
    }
    let revoked = moments.len();
    let (revoke, revoke_best) = median_and_best(moments);
    println!(
        "ranked_round: {queued} queued in {} queues ranking 4 each; {} places in {} bulletins; {} directions",
        pools,
        bulletins.iter().map(|b| b.places).sum::<u32>(),
        bulletins.len(),
        directed.len()
    );
    println!("  sort of the queue, median of 5:   {sort:>10.1?}   best {sort_best:>8.1?}");
    println!("  national ranked round, median:    {round:>10.1?}   best {round_best:>8.1?}");
    println!(
        "  ratio round / sort:               {:>10.2}   best / best {:>5.2}  (target ≤ 3)",
        round.as_secs_f64() / sort.as_secs_f64(),
        round_best.as_secs_f64() / sort_best.as_secs_f64()
    );
    if let Some(faults) = faults {
        println!("  page faults per national round:   {faults:>7}  (its fresh memory)");
    }
    println!(
        "  a direction given back, re-placed: {revoke:>9.1?}   best {revoke_best:>8.1?}  (median of {revoked}; target < 50 µs; {replaced} of them taken on at once)"
    );
    println!(
        "  directions given on per revocation: mean {:.2}, most {}; {moved} children moved up",
        given.iter().sum::<usize>() as f64 / given.len().max(1) as f64,
        given.iter().max().copied().unwrap_or(0)
    );
    if let Some(mb) = peak_rss_mb() {
        println!("  peak memory of the process:       {mb:>7} MB");
    }
}
