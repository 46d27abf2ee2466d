//! `add_working_days` over a 10-year range (2016–2025) of the built-in Kazakh calendar:
//! the O(1) table against counting day by day, on the same dates.
//!
//! `cargo bench -p kezek-benches --bench calendar`

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kezek::calendar::WorkCalendar;

/// 1,000 (date, n) pairs spread over 2016–2025, deadlines of 1 to 60 working days.
fn queries() -> Vec<(NaiveDate, u32)> {
    let first = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or(NaiveDate::MIN);
    // A fixed linear congruential walk: reproducible without a random-number crate.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..1000)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let day = (x >> 33) % 3650;
            let n = u32::try_from((x >> 13) % 60).unwrap_or(0) + 1;
            (first + Days::new(day), n)
        })
        .collect()
}

fn day_by_day(cal: &WorkCalendar, date: NaiveDate, n: u32) -> NaiveDate {
    let (mut day, mut left) = (date, n);
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if cal.is_working_day(day).unwrap_or(false) {
            left -= 1;
        }
    }
    day
}

fn bench(c: &mut Criterion) {
    let cal = WorkCalendar::kazakhstan();
    let qs = queries();
    let mut group = c.benchmark_group("add_working_days_2016_2025");
    group.throughput(Throughput::Elements(qs.len() as u64));
    group.bench_function("table", |b| {
        b.iter(|| {
            for &(d, n) in &qs {
                black_box(cal.add_working_days(black_box(d), black_box(n)).ok());
            }
        });
    });
    group.bench_function("day_by_day_reference", |b| {
        b.iter(|| {
            for &(d, n) in &qs {
                black_box(day_by_day(&cal, black_box(d), black_box(n)));
            }
        });
    });
    group.finish();
    c.bench_function("build_kazakhstan_calendar_from_json", |b| {
        b.iter(|| WorkCalendar::from_json(black_box(kezek::calendar::KAZAKHSTAN_JSON)).ok());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
