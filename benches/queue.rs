//! The queue and the lifecycle at the scale of a country: 10⁶ queued applications.
//!
//! - `queue/position_1e6`: one queue-number lookup of a random child among 2²⁰ drawn, so
//!   the caches do not hold the answers (target < 1 µs);
//! - `queue/build_index_1e6`: building the queue index of 10⁶ children (target < 1 s);
//! - `lifecycle/register_1e6`: registering 10⁶ applications in an empty engine;
//! - `lifecycle/advance_one_year_1e6`: `advance_to` day by day across 2025 with 10⁶
//!   applications, every one reaching its first anniversary unconfirmed.
//!
//! `cargo bench -p kezek-benches --bench queue`

use std::hint::black_box;

use chrono::{NaiveDate, TimeDelta};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kezek::application::ApplicationId;
use kezek::queue::QueueIndex;
use kezek_benches::{applications, registered, Walk};

const N: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let apps = applications(N);
    let full = registered(&apps);

    let mut g = c.benchmark_group("queue");
    let mut walk = Walk::new(7);
    let ids: Vec<ApplicationId> = (0..1 << 20)
        .map(|_| ApplicationId(walk.below(N as u64) + 1))
        .collect();
    let mut i = 0;
    g.bench_function("position_1e6", |b| {
        b.iter(|| {
            i = (i + 1) & ((1 << 20) - 1);
            black_box(full.position(ids[i]).ok().flatten())
        });
    });
    let entries: Vec<_> = (1..=N as u64)
        .filter_map(|id| {
            let id = ApplicationId(id);
            Some((
                full.application(id).ok()?.queue_key(),
                full.order_key(id).ok()?,
            ))
        })
        .collect();
    let keys: Vec<_> = entries.iter().map(|(k, _)| k).collect();
    g.sample_size(10);
    g.bench_function("build_index_1e6", |b| {
        b.iter(|| {
            black_box(QueueIndex::build(
                keys.iter().copied(),
                entries.iter().map(|(k, o)| (k, *o)),
            ))
        });
    });
    g.finish();

    let mut g = c.benchmark_group("lifecycle");
    g.sample_size(10);
    g.bench_function("register_1e6", |b| {
        b.iter(|| black_box(registered(&apps).len()));
    });
    let first = NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_else(|| panic!("a real day"));
    g.bench_function("advance_one_year_1e6", |b| {
        b.iter_batched(
            || full.clone(),
            |mut e| {
                for day in 0..365 {
                    e.advance_to(first + TimeDelta::days(day))
                        .unwrap_or_else(|err| panic!("{err}"));
                }
                e
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
