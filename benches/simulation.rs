//! Ten simulated years of the default city, day by day (`kezek::simulation`): four years
//! of warm-up and six reported, ≈ 4·10⁵ registrations, on one core. Target: under 2 s.
//! Prints the time of one run, the rows it produced and the process's peak memory.
//!
//! `cargo bench -p kezek-benches --bench simulation`

use std::time::Instant;

use kezek::simulation::{default_city_input, simulate};
use kezek_benches::peak_rss_mb;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs one small year.
    let quick = !std::env::args().any(|a| a == "--bench");
    let mut input =
        default_city_input(2025, if quick { 1 } else { 6 }, 2026).unwrap_or_else(|e| panic!("{e}"));
    if quick {
        input.warm_up_years = 0;
        input.arrivals.per_month = 100;
    }
    let t = Instant::now();
    let r = simulate(&input).unwrap_or_else(|e| panic!("{e}"));
    let elapsed = t.elapsed();
    println!(
        "simulation: {} → {} ({} simulated days), {} children, {} notices in the reported years",
        r.simulated_from,
        r.end,
        (r.end - r.simulated_from).num_days() + 1,
        r.children.len(),
        r.summary.notices
    );
    println!("  one run:                     {elapsed:>10.2?}  (target < 2 s)");
    if let Some(mb) = peak_rss_mb() {
        println!("  peak memory of the process:  {mb:>7} MB");
    }
}
