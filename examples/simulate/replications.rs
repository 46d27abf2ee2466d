//! `--seeds N` and `--compare`: the input under each policy over N seeds, on every core,
//! reported as means with 95% intervals and paired differences (`kezek::simulation::Sweep`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use kezek::policy::{Interleave, Policy, PolicyBook};
use kezek::simulation::{
    Interval, PairedDifference, PlannedRun, RunOutcome, SimulationInput, Sweep, SweepResult,
    Variant,
};
use kezek::LocalizedError;

/// The figures printed, with what they mean (every metric: `Summary::metrics`).
const HEADLINES: [(&str, &str); 16] = [
    ("registered", "children registered in the reported years"),
    ("wait.placed", "children enrolled in the reported years"),
    ("wait.median_days", "median wait of the enrolled, days"),
    (
        "wait.p90_days",
        "90th percentile wait of the enrolled, days",
    ),
    ("wait.km_median_days", "Kaplan–Meier median wait, days"),
    (
        "wait.out_of_turn.median_days",
        "  out of turn: median wait, days",
    ),
    (
        "wait.first_priority.median_days",
        "  first priority: median wait, days",
    ),
    ("wait.general.median_days", "  general: median wait, days"),
    (
        "wait.general.p90_days",
        "  general: 90th percentile wait, days",
    ),
    (
        "wait.general.km_median_days",
        "  general: Kaplan–Meier median, days",
    ),
    ("wait.general.placed", "  general: children enrolled"),
    (
        "still_waiting.old_enough",
        "still waiting at the end, old enough",
    ),
    (
        "queue_at_end.old_enough",
        "queue at the end, old enough (all years)",
    ),
    ("free_choice_share", "share of placements by free choice"),
    ("placed_by_age.3", "share placed before the age of 3"),
    (
        "idle.mean_places",
        "free-choice places idle on an average day",
    ),
];

/// A `--compare` value: a book id, or `interleave=F:G` on the input's policy.
fn variant(input: &SimulationInput, spec: &str) -> Result<Variant, String> {
    let policy: Policy = match spec.strip_prefix("interleave=") {
        Some(ratio) => {
            let (f, g) = ratio.split_once(':').ok_or(format!(
                "--compare {spec}: interleave=F:G, e.g. interleave=1:3"
            ))?;
            let parse = |x: &str| {
                x.parse::<u32>()
                    .map_err(|e| format!("--compare {spec}: {e}"))
            };
            let mut p = input.policy.clone();
            p.interleave = Some(Interleave {
                first_priority: parse(f)?,
                general: parse(g)?,
            });
            p
        }
        None => PolicyBook::builtin()
            .get(spec)
            .map_err(|e| format!("--compare {spec}: {e}"))?
            .clone(),
    };
    Ok(Variant {
        name: spec.to_owned(),
        policy,
    })
}

/// The planned runs on every core: each thread takes the next run until none is left.
fn run_all(runs: &[PlannedRun]) -> Result<Vec<RunOutcome>, String> {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(runs.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers.min(runs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(run) = runs.get(i) else { break };
                let outcome = run.run();
                let mut done = done
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                done.push(outcome);
                eprint!("\r  {} of {} runs", done.len(), runs.len());
            });
        }
    });
    eprintln!();
    done.into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .map(|o| o.map_err(|e| format!("{}: {}", e.code(), e.message(kezek::Lang::En))))
        .collect()
}

/// Runs the replications and prints them.
pub(crate) fn run(input: SimulationInput, seeds: u32, compare: &[String]) -> Result<(), String> {
    let mut variants = vec![Variant {
        name: input.policy.id.clone(),
        policy: input.policy.clone(),
    }];
    for spec in compare {
        variants.push(variant(&input, spec)?);
    }
    let sweep = Sweep {
        format: kezek::simulation::SWEEP_FORMAT,
        seeds: (0..u64::from(seeds)).map(|i| input.seed + i).collect(),
        variants,
        input,
        grid: Vec::new(),
        confidence: 0.95,
    };
    let refused = |e: kezek::simulation::SimulationError| e.message(kezek::Lang::En);
    let started = std::time::Instant::now();
    let runs = sweep.runs().map_err(refused)?;
    let outcomes = run_all(&runs)?;
    let result = sweep.collect(outcomes).map_err(refused)?;
    eprintln!("  {} runs in {:.1?}", runs.len(), started.elapsed());
    report(&sweep, &result);
    Ok(())
}

fn figure(x: Option<f64>) -> String {
    match x {
        None => "—".to_owned(),
        Some(x) if x.abs() < 1.0 && x != 0.0 => format!("{x:.3}"),
        Some(x) => format!("{x:.1}"),
    }
}

fn interval(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("[{}, {}]", figure(Some(l)), figure(Some(h))),
        _ => "—".to_owned(),
    }
}

fn report(sweep: &Sweep, r: &SweepResult) {
    let level = 100.0 * r.confidence;
    println!(
        "{}: {} seeds ({}…), {level:.0}% intervals over the seeds (Student's t); n: seeds with a figure",
        sweep.input.city.name,
        sweep.seeds.len(),
        sweep.seeds[0]
    );
    for v in sweep.variants() {
        println!("\npolicy {}", v.name);
        println!(
            "  {:<44} {:>10} {:>24} {:>3}",
            "figure", "mean", "interval", "n"
        );
        for (metric, label) in HEADLINES {
            let row = r
                .intervals
                .iter()
                .find(|i: &&Interval| i.variant == v.name && i.metric == metric);
            if let Some(i) = row {
                println!(
                    "  {label:<44} {:>10} {:>24} {:>3}",
                    figure(i.mean),
                    interval(i.low, i.high),
                    i.n
                );
            }
        }
    }
    for v in sweep.variants().iter().skip(1) {
        println!("\n{} − {}, seed by seed", v.name, sweep.variants()[0].name);
        println!(
            "  {:<44} {:>10} {:>24} {:>3}",
            "figure", "difference", "interval", "n"
        );
        for (metric, label) in HEADLINES {
            let row = r
                .differences
                .iter()
                .find(|d: &&PairedDifference| d.variant == v.name && d.metric == metric);
            if let Some(d) = row {
                println!(
                    "  {label:<44} {:>10} {:>24} {:>3}",
                    figure(d.difference),
                    interval(d.low, d.high),
                    d.n
                );
            }
        }
    }
}
