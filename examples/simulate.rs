//! Simulates the default city (or a city file) day by day on the real engine and prints a
//! report: the policy, waits by class and cohort, placement rates by age, free choice.
//!
//! ```text
//! cargo run --release --example simulate
//! cargo run --release --example simulate -- --years 5 --seed 11 --policy almaty-2023
//! cargo run --release --example simulate -- --input my-city.json   # a SimulationInput
//! cargo run --release --example simulate -- --dump-input > my-city.json
//! cargo run --release --example simulate -- --ranked-choices 4   # the new model (§5a)
//! ```
//!
//! `--ranked-choices N` gives places by ranked choices (`RULES.md §5a`): each parent ranks
//! up to N kindergartens of its district (drawn by their `appeal`), and rounds issue the
//! directions; the same seed under the region's own policy is the old model.

use std::process::ExitCode;

use kezek::policy::PolicyBook;
use kezek::simulation::{default_city_input, simulate_with_progress, Outcome, SimulationInput};
use kezek::LocalizedError;

struct Args {
    input: Option<String>,
    years: u32,
    start: i32,
    seed: u64,
    policy: Option<String>,
    ranked_choices: Option<u32>,
    dump: bool,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        input: None,
        years: 3,
        start: 2025,
        seed: 2026,
        policy: None,
        ranked_choices: None,
        dump: false,
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
            other => return Err(format!("unknown argument {other}")),
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
        None => {
            default_city_input(a.start, a.years, a.seed).map_err(|e| e.message(kezek::Lang::En))?
        }
    };
    if let Some(id) = &a.policy {
        input.policy = PolicyBook::builtin()
            .get(id)
            .map_err(|e| e.to_string())?
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
        let input = input(&a)?;
        if a.dump {
            println!(
                "{}",
                serde_json::to_string_pretty(&input).map_err(|e| e.to_string())?
            );
            return Ok(());
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
    println!("{}: policy {}, seed {}", r.city, r.policy, r.seed);
    println!(
        "reported {} → {} (warm-up from {})",
        r.start, r.end, r.simulated_from
    );
    if !r.projected_years.is_empty() {
        println!(
            "calendar projected from statutory holidays for {:?}",
            r.projected_years
        );
    }
    println!(
        "\nchildren registered in the reported years: {}",
        s.registered
    );
    for o in Outcome::ALL {
        let n = s.outcomes.get(&o).copied().unwrap_or(0);
        println!(
            "  {:<22} {n:>8}  {:>5.1}%",
            o.as_str(),
            100.0 * f64::from(n) / f64::from(s.registered.max(1))
        );
    }
    println!("\nwaits of the placed children, in days (registration → enrolment)");
    println!(
        "  {:<15} {:>6} {:>9} {:>8} {:>7} {:>7}",
        "class", "cohort", "children", "placed", "median", "p90"
    );
    for g in &s.waits {
        println!(
            "  {:<15} {:>6} {:>9} {:>8} {:>7} {:>7}",
            g.class.as_str(),
            g.cohort,
            g.children,
            g.placed,
            days(g.median_wait_days),
            days(g.p90_wait_days)
        );
    }
    println!(
        "  {:<15} {:>6} {:>9} {:>8} {:>7} {:>7}",
        "all",
        "",
        s.registered,
        "",
        days(s.median_wait_days),
        days(s.p90_wait_days)
    );
    println!("\nplaced before the age of (of the children who reached it in the reported years)");
    for (age, share) in &s.placed_by_age {
        println!("  {age} years: {:>5.1}%", 100.0 * share);
    }
    println!(
        "\nfree-choice share of placements: {:.1}%",
        100.0 * s.free_choice_share
    );
    println!(
        "notices {}, directions {}, lapses {}, revocations {}; places published {}, idle on average {:.0}",
        s.notices, s.directions, s.lapses, s.revocations, s.places_published, s.mean_places_idle
    );
    if let Some(share) = s.first_choice_share {
        println!(
            "ranked choices: {:.1}% of the {} children placed at a kindergarten they ranked got their first choice",
            100.0 * share,
            s.placed_at_a_choice
        );
    }
    if s.vouchers > 0 {
        println!(
            "vouchers offered {}, contracts signed {} (a voucher policy: no notices, no free choice)",
            s.vouchers, s.contracts
        );
    }
}
