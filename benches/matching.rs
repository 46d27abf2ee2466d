//! Batch matching at national scale: 10⁶ children × 20,000 kindergartens × 5 choices,
//! capacities 20 ± 5 (target: deferred acceptance under 1 s on one core, memory linear in
//! the preference lists), and the 40,000 × 1,600 instance of the side-by-side script.
//!
//! Without kindergarten priorities every kindergarten ranks children in one order and
//! deferred acceptance is computed as the serial dictatorship; the `_siblings` runs raise
//! 10% of the children at one of their choices, so deferred acceptance runs its proposals.
//!
//! `cargo bench -p kezek-benches --bench matching`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kezek::matching::{Instance, TieBreak};
use kezek_benches::{matching_instance, Walk};

fn instance(n: usize, m: usize) -> Instance {
    let (offsets, choices, capacities, base) = matching_instance(n, m, 5, 2026);
    Instance::from_flat(offsets, choices, capacities, base).unwrap_or_else(|e| panic!("{e}"))
}

/// The instance with 10% of the children raised (level 1) at one of their choices.
#[allow(clippy::cast_possible_truncation)] // bench sizes fit u32
fn with_siblings(instance: &Instance) -> Instance {
    let mut walk = Walk::new(11);
    let mut raised = Vec::new();
    for c in 0..instance.children() as u32 {
        let list = instance.list(c);
        if walk.below(10) == 0 && !list.is_empty() {
            raised.push((c, list[walk.below(list.len() as u64) as usize], 1));
        }
    }
    instance
        .clone()
        .with_priorities(&raised)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("matching");
    g.sample_size(10);
    let small = instance(5_000, 200);
    let r = small.rank(TieBreak::None);
    g.bench_function("deferred_acceptance_5000_x_200", |b| {
        b.iter(|| black_box(r.deferred_acceptance()));
    });
    g.bench_function("serial_dictatorship_5000_x_200", |b| {
        b.iter(|| black_box(r.serial_dictatorship()));
    });
    let mid = instance(40_000, 1_600);
    let r = mid.rank(TieBreak::Single(7));
    g.bench_function("deferred_acceptance_40k_x_1600", |b| {
        b.iter(|| black_box(r.deferred_acceptance()));
    });
    let mid_siblings = with_siblings(&mid);
    let r = mid_siblings.rank(TieBreak::Single(7));
    g.bench_function("deferred_acceptance_40k_x_1600_siblings", |b| {
        b.iter(|| black_box(r.deferred_acceptance()));
    });
    let big = instance(1_000_000, 20_000);
    let big_siblings = with_siblings(&big);
    let r = big_siblings.rank(TieBreak::Single(7));
    g.bench_function("deferred_acceptance_1e6_x_20000_siblings", |b| {
        b.iter(|| black_box(r.deferred_acceptance()));
    });
    let r = big.rank(TieBreak::Single(7));
    g.bench_function("deferred_acceptance_1e6_x_20000", |b| {
        b.iter(|| black_box(r.deferred_acceptance()));
    });
    g.bench_function("serial_dictatorship_1e6_x_20000", |b| {
        b.iter(|| black_box(r.serial_dictatorship()));
    });
    g.bench_function("immediate_acceptance_1e6_x_20000", |b| {
        b.iter(|| black_box(r.immediate_acceptance()));
    });
    let m = r.deferred_acceptance();
    g.bench_function("blocking_pairs_1e6_x_20000", |b| {
        b.iter(|| black_box(r.blocking_pairs(&m).len()));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
