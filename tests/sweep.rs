//! Replications and sweeps (`kezek::simulation::Sweep`): a sweep's runs are the plain
//! simulations of its variants, seeds and grid points; its table gathers them in any
//! order; its means and paired differences are the arithmetic over those runs; a bad sweep
//! is refused naming the field.

use kezek::simulation::{
    default_city_input, simulate, simulate_sweep, Axis, PlannedRun, RunOutcome, SimulationInput,
    Sweep, Variant,
};
use kezek::LocalizedError;
use serde_json::{json, Value};

/// A town small enough for debug builds: 2 districts × 4 kindergartens, 150 registrations
/// a month, one year after one of warm-up.
fn town() -> SimulationInput {
    let mut input = default_city_input(2024, 1, 1).expect("the default city loads");
    input.warm_up_years = 1;
    input.arrivals.per_month = 150;
    input.city.districts.truncate(2);
    for d in &mut input.city.districts {
        d.kindergartens.truncate(4);
    }
    input
}

fn sweep() -> Sweep {
    let input = town();
    let mut interleaved = input.policy.clone();
    interleaved.interleave =
        Some(serde_json::from_value(json!({"first_priority": 1, "general": 3})).expect("a ratio"));
    Sweep {
        format: 1,
        variants: vec![
            Variant {
                name: "today".into(),
                policy: input.policy.clone(),
            },
            Variant {
                name: "1:3".into(),
                policy: interleaved,
            },
        ],
        input,
        seeds: vec![11, 12, 13],
        grid: vec![Axis {
            parameter: "behaviour.renewal.renews".into(),
            values: vec![json!(0.5), json!(0.9)],
        }],
        confidence: 0.9,
    }
}

fn metric(o: &RunOutcome, name: &str) -> Option<f64> {
    o.metrics
        .iter()
        .find(|(m, _)| m == name)
        .and_then(|(_, x)| *x)
}

#[test]
fn a_sweep_is_its_runs_gathered_in_any_order() {
    let s = sweep();
    let runs = s.runs().expect("planned");
    assert_eq!(runs.len(), 2 * 3 * 2);
    // Per grid point, per seed, per variant.
    let first: Vec<(&str, u64, f64)> = runs[..4]
        .iter()
        .map(|r| {
            (
                r.variant.as_str(),
                r.seed,
                r.point[0].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect();
    assert_eq!(
        first,
        [
            ("today", 11, 0.5),
            ("1:3", 11, 0.5),
            ("today", 12, 0.5),
            ("1:3", 12, 0.5)
        ]
    );
    // Each planned run is the plain simulation of its input.
    let r = &runs[7];
    assert_eq!((r.variant.as_str(), r.seed), ("1:3", 11));
    assert!(r.input.policy.interleave.is_some());
    assert!((r.input.behaviour.renewal.renews - 0.9).abs() < 1e-12);
    let plain = simulate(&r.input).expect("runs").summary.metrics();
    let outcome = r.run().expect("runs");
    for (name, x) in &plain {
        assert_eq!(
            metric(&outcome, name),
            Some(*x).filter(|x| !x.is_nan()),
            "{name}"
        );
    }
    // Gathered backwards, the same answer as one after another; through JSON too (as a
    // process or a cluster hands it back).
    let mut outcomes: Vec<RunOutcome> = runs.iter().map(|r| r.run().expect("runs")).collect();
    let whole = simulate_sweep(&s).expect("runs");
    outcomes.reverse();
    let text = serde_json::to_string(&outcomes).expect("writes");
    let back: Vec<RunOutcome> = serde_json::from_str(&text).expect("reads");
    assert_eq!(s.collect(back).expect("gathered"), whole);
    // The mean of a metric is the mean over its seeds; the paired difference the mean of
    // the differences seed by seed.
    let name = "wait.general.median_days";
    let at = |v: &str, p: f64| -> Vec<f64> {
        whole
            .runs
            .iter()
            .filter(|o| o.variant == v && o.point[0].as_f64() == Some(p))
            .filter_map(|o| metric(o, name))
            .collect()
    };
    let (today, changed) = (at("today", 0.9), at("1:3", 0.9));
    assert_eq!(today.len(), 3);
    let mean =
        |xs: &[f64]| xs.iter().sum::<f64>() / f64::from(u32::try_from(xs.len()).unwrap_or(1));
    let row = whole
        .intervals
        .iter()
        .find(|i| i.variant == "today" && i.metric == name && i.point == [json!(0.9)])
        .expect("a row");
    assert_eq!((row.n, row.mean), (3, Some(mean(&today))));
    let (low, high) = (row.low.expect("3 seeds"), row.high.expect("3 seeds"));
    assert!(low <= mean(&today) && mean(&today) <= high);
    let d = whole
        .differences
        .iter()
        .find(|d| d.variant == "1:3" && d.metric == name && d.point == [json!(0.9)])
        .expect("a row");
    assert_eq!(d.baseline, "today");
    let diffs: Vec<f64> = today.iter().zip(&changed).map(|(a, b)| b - a).collect();
    assert_eq!(d.n, 3);
    assert!((d.difference.expect("3 seeds") - mean(&diffs)).abs() < 1e-9);
    assert!(d.low.expect("3 seeds") <= d.difference.expect("3 seeds"));
    // 90% intervals are narrower than 95% ones over the same runs.
    let mut wider = s.clone();
    wider.confidence = 0.95;
    let wider = wider.collect(whole.runs.clone()).expect("gathered");
    let width = |r: &kezek::simulation::SweepResult| {
        let i = r
            .intervals
            .iter()
            .find(|i| i.variant == "today" && i.metric == name && i.point == [json!(0.9)])
            .expect("a row");
        i.high.unwrap_or(0.0) - i.low.unwrap_or(0.0)
    };
    assert!(width(&wider) > width(&whole));
}

#[test]
fn with_one_variant_each_grid_point_is_compared_with_the_first() {
    let mut s = sweep();
    s.variants.truncate(1);
    s.seeds.truncate(2);
    s.grid[0].parameter = "arrivals.per_month".into();
    s.grid[0].values = vec![json!(100), json!(150)];
    let r = simulate_sweep(&s).expect("runs");
    let d = r
        .differences
        .iter()
        .find(|d| d.metric == "registered")
        .expect("a row");
    assert_eq!(
        (d.point.clone(), d.baseline_point.clone()),
        (vec![json!(150)], vec![json!(100)])
    );
    assert!(d.difference.expect("two seeds") > 500.0, "{d:?}");
    // Without variants, the input's policy runs under its own id.
    s.variants.clear();
    let runs = s.runs().expect("planned");
    assert!(runs.iter().all(|r| r.variant == s.input.policy.id));
    // The tables as columns: one column per grid parameter, one row per run and metric
    // (per variant, point and metric for the means); each row the same as its record.
    let names = |c: &kezek::simulation::Columns| -> Vec<String> {
        c.iter().map(|(n, _)| n.clone()).collect()
    };
    let runs = r.runs_columns();
    assert_eq!(
        names(&runs),
        [
            "run",
            "variant",
            "seed",
            "arrivals.per_month",
            "metric",
            "value"
        ]
    );
    let rows: usize = r.runs.iter().map(|o| o.metrics.len()).sum();
    assert!(runs.iter().all(|(_, v)| v.len() == rows));
    let means = r.interval_columns();
    assert_eq!(
        names(&means),
        [
            "variant",
            "arrivals.per_month",
            "metric",
            "n",
            "mean",
            "low",
            "high"
        ]
    );
    let i = r.intervals.len() - 1;
    let last = &r.intervals[i];
    assert_eq!(means[1].1[i], last.point[0]);
    assert_eq!(means[2].1[i], json!(last.metric));
    assert_eq!(means[4].1[i], json!(last.mean));
    let diffs = r.difference_columns();
    assert_eq!(
        names(&diffs)[..4],
        [
            "variant",
            "arrivals.per_month",
            "baseline",
            "baseline.arrivals.per_month"
        ]
    );
    assert!(diffs.iter().all(|(_, v)| v.len() == r.differences.len()));
}

fn refused(s: &Sweep) -> (String, String) {
    let e = s.runs().expect_err("refused");
    let field = e
        .details()
        .iter()
        .find(|(k, _)| *k == "field")
        .map(|(_, v)| format!("{v:?}"))
        .unwrap_or_default();
    (e.code().to_string(), field)
}

#[test]
fn a_bad_sweep_is_refused_naming_the_field() {
    type Change = Box<dyn Fn(&mut Sweep)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "grid[0].parameter",
            Box::new(|s| s.grid[0].parameter = "behaviour.nothing.here".into()),
        ),
        (
            "grid[0].parameter",
            Box::new(|s| s.grid[0].parameter = String::new()),
        ),
        (
            "grid",
            Box::new(|s| s.grid[0].values = vec![json!("often")]),
        ),
        // A value of the right type out of range: the input's own field.
        (
            "behaviour.renewal.renews",
            Box::new(|s| s.grid[0].values = vec![json!(1.5)]),
        ),
        (
            "grid",
            Box::new(|s| s.grid[0].parameter = "policy.interleav".into()),
        ),
        ("grid[0].values", Box::new(|s| s.grid[0].values.clear())),
        (
            "variants[1].name",
            Box::new(|s| s.variants[1].name = "today".into()),
        ),
        ("seeds", Box::new(|s| s.seeds.clear())),
        ("seeds[1]", Box::new(|s| s.seeds = vec![3, 3])),
        ("confidence", Box::new(|s| s.confidence = 1.0)),
        ("confidence", Box::new(|s| s.confidence = f64::NAN)),
        ("grid", Box::new(|s| s.seeds = (0..5_001).collect())),
        (
            "grid[1].parameter",
            Box::new(|s| s.grid.push(s.grid[0].clone())),
        ),
    ];
    for (field, change) in cases {
        let mut s = sweep();
        change(&mut s);
        let (code, got) = refused(&s);
        assert_eq!(code, "SIMULATION_INPUT");
        assert!(got.contains(field), "{field}: {got}");
    }
    // Outcomes that are not the plan's.
    let s = sweep();
    let runs: Vec<PlannedRun> = s.runs().expect("planned");
    let fake = |r: &PlannedRun| RunOutcome {
        run: r.run,
        variant: r.variant.clone(),
        seed: r.seed,
        point: r.point.clone(),
        metrics: Vec::new(),
    };
    let mut outcomes: Vec<RunOutcome> = runs.iter().map(fake).collect();
    outcomes.pop();
    assert!(format!("{:?}", s.collect(outcomes.clone())).contains("is missing"));
    outcomes.push(fake(&runs[0]));
    assert!(format!("{:?}", s.collect(outcomes.clone())).contains("twice"));
    outcomes.pop();
    let mut stranger = fake(&runs[runs.len() - 1]);
    stranger.seed = 99;
    outcomes.push(stranger);
    assert!(format!("{:?}", s.collect(outcomes)).contains("not one of"));
}

#[test]
fn a_sweep_reads_from_data_with_its_input_migrated() {
    let s = sweep();
    let mut data: Value = serde_json::to_value(&s).expect("writes");
    // An input of format 2 (before renewals) inside a sweep.
    data["input"]["format"] = json!(2);
    data["input"]["behaviour"]
        .as_object_mut()
        .expect("an object")
        .remove("renewal");
    data.as_object_mut().expect("an object").remove("format");
    let read = Sweep::from_value(data.clone()).expect("reads");
    assert_eq!(read.input.behaviour.renewal, s.input.behaviour.renewal);
    data["format"] = json!(2);
    assert_eq!(
        Sweep::from_value(data.clone()).expect_err("newer").code(),
        "INPUT_FORMAT"
    );
    data["format"] = json!(1);
    data["seeds"] = json!("many");
    let e = Sweep::from_value(data).expect_err("not a list");
    assert_eq!(e.code(), "INPUT_FORMAT");
    assert!(
        e.message(kezek::Lang::En).contains("seeds"),
        "{}",
        e.message(kezek::Lang::En)
    );
}

/// The shared conformance file: every host plans the same runs and gathers the same answer.
#[test]
fn conformance_cases() {
    let failed = kezek_conformance::run_cases("sweep.json", |case| {
        assert_eq!(case.op, "sweep", "unknown op");
        let sweep =
            Sweep::from_value(case.args["sweep"].clone()).map_err(|e| e.code().to_string())?;
        let r = simulate_sweep(&sweep).map_err(|e| e.code().to_string())?;
        serde_json::to_value(&r).map_err(|e| e.to_string())
    });
    assert_eq!(failed, 0);
}
