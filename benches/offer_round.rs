//! A national offer round against one sort of the queue, side by side in one run
//! (`RULES.md §5`): 10⁶ queued applications (80 queues), 5·10⁴ places published at once
//! in 2,040 bulletins of the cohorts 2020–2022 across 20 districts; every pool runs its
//! round (out-of-turn, first-priority, general; skipping the children who may not be
//! offered a place). The baseline sorts the 10⁶ queue keys (queue, class, moment, id)
//! from a shuffled order. Target: the round within 3× the sort.
//!
//! Each figure is the median (and the best) of five runs; each round runs on a fresh copy
//! of the engine (the copies are made before and dropped after the timed rounds). Prints
//! both ratios and the peak memory (the engine and its five copies).
//!
//! `cargo bench -p kezek-benches --bench offer_round`

use chrono::NaiveDate;
use kezek::allocation::{Kindergarten, NewBulletin};
use kezek::application::{GroupType, Language};
use kezek_benches::{
    applications, median_and_best, peak_rss_mb, publish_timed, registered, sort_baseline,
};

const N: usize = 1_000_000;
const PLACES: u32 = 50_000;
const BULLETIN_PLACES: u32 = 25;

/// 5·10⁴ places for the cohorts 2020–2022 of the 20 districts, in bulletins of 25.
fn bulletins() -> Vec<NewBulletin> {
    let pools: Vec<(u32, i32)> = (0..20)
        .flat_map(|d| (2020..=2022).map(move |c| (d, c)))
        .collect();
    let per_pool = PLACES / u32::try_from(pools.len()).unwrap_or(1);
    let mut out = Vec::new();
    for (d, cohort) in pools {
        let mut left = per_pool;
        let mut k = 0;
        while left > 0 {
            let places = left.min(BULLETIN_PLACES);
            out.push(NewBulletin {
                kindergarten: Kindergarten {
                    id: format!("kg-{d:02}-{cohort}-{k}").into(),
                    region: "almaty".into(),
                    area: format!("district-{d:02}"),
                    languages: vec![Language::Kazakh, Language::Russian],
                    group_types: Vec::new(),
                },
                group_type: GroupType::General,
                cohort,
                places,
            });
            left -= places;
            k += 1;
        }
    }
    out
}

#[allow(clippy::cast_possible_truncation)] // class ranks are 0–2; indices fit a usize
fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this once, smaller.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n = if quick { 20_000 } else { N };
    let apps = applications(n);
    let mut engine = registered(&apps);
    let at = |d, h| {
        NaiveDate::from_ymd_opt(2025, 1, d)
            .and_then(|day| day.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    };
    engine
        .advance_to(at(15, 9))
        .unwrap_or_else(|e| panic!("{e}"));
    let (queued, pools, sort, sort_best) = sort_baseline(&engine);
    let bulletins = bulletins();
    // Copies made up front and dropped only at the end: freeing an engine's millions of
    // small allocations would otherwise be charged to the next round by the allocator.
    let mut copies: Vec<_> = (0..if quick { 1 } else { 5 })
        .map(|_| engine.clone())
        .collect();
    let (round_runs, reports) = publish_timed(&mut copies, &bulletins, at(15, 10));
    let offered = reports.iter().map(|r| r.offered.len()).sum::<usize>();
    eprintln!("  rounds: {round_runs:.1?}");
    let (round, round_best) = median_and_best(round_runs);
    println!(
        "offer_round: {queued} queued in {} queues; {} places in {} bulletins; {offered} notices",
        pools,
        bulletins.iter().map(|b| b.places).sum::<u32>(),
        bulletins.len()
    );
    println!("  sort of the queue, median of 5:   {sort:>10.1?}   best {sort_best:>8.1?}");
    println!("  national offer round, median:     {round:>10.1?}   best {round_best:>8.1?}");
    println!(
        "  ratio round / sort:               {:>10.2}   best / best {:>5.2}  (target ≤ 3)",
        round.as_secs_f64() / sort.as_secs_f64(),
        round_best.as_secs_f64() / sort_best.as_secs_f64()
    );
    if let Some(mb) = peak_rss_mb() {
        println!("  peak memory of the process:       {mb:>7} MB");
    }
}
