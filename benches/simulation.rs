//! Ten simulated years of the default city, day by day (`kezek::simulation`): four years
//! of warm-up and six reported, ≈ 4·10⁵ registrations, on one core. Target: under 2 s.
//! Criterion times whole runs (ten samples of one run each); the process's peak memory is
//! printed after them.
//!
//! `cargo bench -p kezek-benches --bench simulation`

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kezek::simulation::{default_city_input, simulate, SimulationInput};
use kezek_benches::peak_rss_mb;

/// The default city over ten years; under `cargo test --benches` (no `--bench` flag, a
/// debug build) one small year, so that the bench is still checked to run.
fn input() -> SimulationInput {
    let quick = !std::env::args().any(|a| a == "--bench");
    let mut input =
        default_city_input(2025, if quick { 1 } else { 6 }, 2026).unwrap_or_else(|e| panic!("{e}"));
    if quick {
        input.warm_up_years = 0;
        input.arrivals.per_month = 100;
    }
    input
}

fn ten_years(c: &mut Criterion) {
    let input = input();
    let r = simulate(&input).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "simulation: {} → {} ({} simulated days), {} children, {} notices in the reported years",
        r.simulated_from,
        r.end,
        (r.end - r.simulated_from).num_days() + 1,
        r.children.len(),
        r.summary.notices
    );
    drop(r);
    let mut group = c.benchmark_group("simulation");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(60));
    group.bench_function("default_city_10_years", |b| {
        b.iter(|| simulate(&input).unwrap_or_else(|e| panic!("{e}")));
    });
    group.finish();
    if let Some(mb) = peak_rss_mb() {
        println!("simulation: peak memory of the process {mb} MB (one run at a time)");
    }
}

criterion_group!(benches, ten_years);
criterion_main!(benches);
