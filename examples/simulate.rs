//! Simulates the default city (or a city file) day by day on the real engine and prints a
//! report: the policy, waits by class and cohort, placement rates by age, free choice.
//!
//! ```text
//! cargo run --release --example simulate
//! cargo run --release --example simulate -- --years 5 --seed 11 --policy almaty-2023
//! cargo run --release --example simulate -- --input my-city.json   # a SimulationInput
//! cargo run --release --example simulate -- --dump-input > my-city.json
//! cargo run --release --example simulate -- --ranked-choices 4   # the new model (§5a)
//! cargo run --release --example simulate -- --seeds 10            # means with 95% intervals
//! cargo run --release --example simulate -- --seeds 10 --compare interleave=1:3
//! ```
//!
//! `--ranked-choices N` gives places by ranked choices (`RULES.md §5a`): each parent ranks
//! up to N kindergartens of its district (drawn by their `appeal`), and rounds issue the
//! directions; the same seed under the region's own policy is the old model.
//!
//! `--seeds N` runs N replications (the seed and the ones after it) on every core and
//! prints each headline figure as a mean with its 95% interval over the seeds
//! (`kezek::simulation::Sweep`). `--compare VARIANT` (repeatable) adds a policy to run on
//! the same seeds, a book id (`almaty-2023`) or `interleave=F:G` (the input's policy with
//! F first-priority children per G general ones, `RULES.md §6`); the differences from the
//! input's policy are paired seed by seed.

use std::process::ExitCode;

use chrono::Datelike;
use kezek::policy::PolicyBook;
use kezek::simulation::{default_city_input, simulate_with_progress, Outcome, SimulationInput};
use kezek::LocalizedError;
use kezek_examples::outln;

#[path = "simulate/replications.rs"]
mod replications;

struct Args {
    input: Option<String>,
    years: u32,
    start: i32,
    seed: u64,
    policy: Option<String>,
    ranked_choices: Option<u32>,
    dump: bool,
    seeds: u32,
    compare: Vec<String>,
    help: bool,
    city: String,
}

const USAGE: &str = "usage: simulate [--input FILE | --city default|astana --start YEAR --years N --seed S] [--policy ID]
                [--ranked-choices N] [--seeds N] [--compare ID|interleave=F:G]… [--dump-input]";

fn args() -> Result<Args, String> {
    let mut a = Args {
        input: None,
        years: 3,
        start: 2025,
        seed: 2026,
        policy: None,
        ranked_choices: None,
        dump: false,
        seeds: 1,
        compare: Vec::new(),
        help: false,
        city: "default".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--input" => a.input = Some(value()?),
            "--years" => a.years = value()?.parse().map_err(|e| format!("--years: {e}"))?,
            "--start" => a.start = value()?.parse().map_err(|e| format!("--start: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--policy" => a.policy = Some(value()?),
            "--ranked-choices" => {
                let n = value()?
                    .parse()
                    .map_err(|e| format!("--ranked-choices: {e}"))?;
                a.ranked_choices = Some(n);
            }
            "--dump-input" => a.dump = true,
            "--seeds" => a.seeds = value()?.parse().map_err(|e| format!("--seeds: {e}"))?,
            "--compare" => a.compare.push(value()?),
            "--city" => a.city = value()?,
            "--help" | "-h" => a.help = true,
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(a)
}

fn input(a: &Args) -> Result<SimulationInput, String> {
    let mut input = match &a.input {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            SimulationInput::from_json(&text)
                .map_err(|e| format!("{path}: {}", e.message(kezek::Lang::En)))?
        }
        None if a.city == "astana" => kezek::simulation::astana_input(a.start, a.years, a.seed)
            .map_err(|e| e.message(kezek::Lang::En))?,
        None if a.city == "default" => {
            default_city_input(a.start, a.years, a.seed).map_err(|e| e.message(kezek::Lang::En))?
        }
        None => return Err(format!("--city {}: default or astana", a.city)),
    };
    if let Some(id) = &a.policy {
        let book = PolicyBook::builtin();
        input.policy = book
            .get(id)
            .map_err(|e| format!("--policy {id}: {e}\npolicies: {}", book.ids().join(", ")))?
            .clone();
    }
    if let Some(n) = a.ranked_choices {
        input.policy.ranked_choices = Some(kezek::policy::RankedChoices {
            max_choices: n,
            sibling_priority: true,
        });
    }
    Ok(input)
}

fn main() -> ExitCode {
    let run = || -> Result<(), String> {
        let a = args()?;
        if a.help {
            outln!("{USAGE}");
            return Ok(());
        }
        let input = input(&a)?;
        if a.dump {
            outln!(
                "{}",
                serde_json::to_string_pretty(&input).map_err(|e| e.to_string())?
            );
            return Ok(());
        }
        if a.seeds > 1 || !a.compare.is_empty() {
            return replications::run(input, a.seeds, &a.compare);
        }
        let started = std::time::Instant::now();
        let mut last = 0;
        let result = simulate_with_progress(&input, &mut |p| {
            let percent = p.day * 10 / p.days.max(1);
            if percent != last {
                last = percent;
                eprint!("\r  simulating… {}%", percent * 10);
            }
        })
        .map_err(|e| format!("{}: {}", e.code(), e.message(kezek::Lang::En)))?;
        eprintln!(
            "\r  simulated {} → {} in {:.1?}",
            result.simulated_from,
            result.end,
            started.elapsed()
        );
        report(&result);
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn days(d: Option<u32>) -> String {
    d.map_or("—".into(), |d| d.to_string())
}

fn report(r: &kezek::simulation::SimulationResult) {
    let s = &r.summary;
    outln!("{}: policy {}, seed {}", r.city, r.policy, r.seed);
    outln!(
        "reported {} → {} (warm-up from {})",
        r.start,
        r.end,
        r.simulated_from
    );
    if !r.projected_years.is_empty() {
        outln!(
            "calendar projected from statutory holidays for {:?}",
            r.projected_years
        );
    }
    outln!(
        "\nchildren registered in the reported years: {}",
        s.registered
    );
    for o in Outcome::ALL {
        let n = s.outcomes.get(&o).copied().unwrap_or(0);
        outln!(
            "  {:<22} {n:>8}  {:>5.1}%",
            o.as_str(),
            100.0 * f64::from(n) / f64::from(s.registered.max(1))
        );
    }
    outln!(
        "  of the still waiting: {} old enough for an offer, {} too young for one",
        s.still_waiting.old_enough,
        s.still_waiting.too_young
    );
    outln!(
        "the queue at the end (every child still waiting, registered in these years or before): {} old enough, {} too young",
        s.queue_at_end.old_enough, s.queue_at_end.too_young
    );
    report_waits(s);
    outln!("\nplaced before the age of, of the children who reached it in the reported years");
    for (age, a) in &s.placed_by_age {
        match a.share {
            Some(share) => outln!(
                "  age {age}: {:>5.1}% ({} of {})",
                100.0 * share,
                a.placed,
                a.reached
            ),
            None => outln!("  age {age}:     — (no child reached it in the reported years)"),
        }
    }
    match s.free_choice_share {
        Some(share) => outln!("\nfree-choice share of placements: {:.1}%", 100.0 * share),
        None => outln!("\nfree-choice share of placements: — (nobody placed)"),
    }
    outln!(
        "notices {}, directions {}, lapses {}, revocations {}; places published {}",
        s.notices,
        s.directions,
        s.lapses,
        s.revocations,
        s.places_published
    );
    report_idle(&s.idle, r.simulated_from);
    if let Some(share) = s.first_choice_share {
        outln!(
            "ranked choices: {:.1}% of the {} children placed at a kindergarten they ranked got their first choice",
            100.0 * share,
            s.placed_at_a_choice
        );
    }
    if s.vouchers > 0 {
        outln!(
            "vouchers offered {}, contracts signed {} (a voucher policy: no notices, no free choice)",
            s.vouchers, s.contracts
        );
    }
}

/// The waits of every child, per class, and per class and cohort, with their counts.
fn report_waits(s: &kezek::simulation::Summary) {
    outln!("\nwaits for a place, in days from registration to enrolment");
    outln!("  placed: children enrolled in the reported years, whatever the day they registered;");
    outln!("  KM: Kaplan–Meier over every child waiting in those years (those still waiting or gone count");
    outln!("  as censored); —: no figure (nobody placed, or the curve never falls that low)");
    outln!(
        "  {:<15} {:>6} {:>10} {:>8} {:>8} {:>7} {:>7} {:>9} {:>7}",
        "class",
        "cohort",
        "registered",
        "waiting",
        "placed",
        "median",
        "p90",
        "KM median",
        "KM p90"
    );
    let row = |class: &str, cohort: &str, registered: u32, w: &kezek::simulation::Waits| {
        outln!(
            "  {:<15} {:>6} {:>10} {:>8} {:>8} {:>7} {:>7} {:>9} {:>7}",
            class,
            cohort,
            registered,
            w.at_risk,
            w.placed,
            days(w.median_days),
            days(w.p90_days),
            days(w.km_median_days),
            days(w.km_p90_days)
        );
    };
    row("all", "all", s.registered, &s.wait);
    for g in &s.waits {
        let class = g.class.map_or("all", |c| c.as_str());
        let cohort = g.cohort.map_or_else(|| "all".to_owned(), |c| c.to_string());
        row(class, &cohort, g.registered, &g.waits);
    }
}

/// The places left idle, with their unit and breakdowns.
fn report_idle(idle: &kezek::simulation::Idle, simulated_from: chrono::NaiveDate) {
    outln!(
        "places open to free choice and not taken at the end of a day: {:.1} places on an average day ({} place-days over {} days)",
        idle.mean_places, idle.place_days, idle.days
    );
    // The run starts with an empty queue, and children register mostly at birth: a cohort
    // born before the first simulated day holds only its late registrants, and its places
    // stay idle for want of children, not for any rule.
    let whole_from = if simulated_from.ordinal() == 1 {
        simulated_from.year()
    } else {
        simulated_from.year() + 1
    };
    let partial: f64 = idle.by_cohort.range(..whole_from).map(|(_, v)| v).sum();
    if partial > 0.0 {
        outln!(
            "  of which {partial:.1} in cohorts born before {whole_from}: the run starts on {simulated_from} with an empty queue and children register mostly at birth, so it holds few children of those years and their places stay idle; {:.1} in the cohorts it holds whole",
            idle.mean_places - partial
        );
    }
    let means = |name: &str, items: Vec<(String, f64)>| {
        let items: Vec<String> = items.iter().map(|(k, v)| format!("{k} {v:.1}")).collect();
        outln!("  by {name}: {}", items.join(", "));
    };
    means(
        "cohort",
        idle.by_cohort
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
    );
    means(
        "group type",
        idle.by_group_type
            .iter()
            .map(|(k, v)| (format!("{k:?}").to_lowercase(), *v))
            .collect(),
    );
    means(
        "kindergarten languages",
        idle.by_languages
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
    );
    means(
        "district",
        idle.by_district
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
    );
}
