//! Solves matching instances given as JSON lines on standard input, one answer per line on
//! standard output: the bridge the Python cross-check (`tests/crosscheck/matching_da.py`)
//! uses to compare kezek with the `matching` package.
//!
//! Input, one object per line: `{"preferences": [[k, …], …], "capacities": [..],
//! "base": [..], "priorities": [[child, kindergarten, level], …], "tie_break": {"kind":
//! "none"}, "mechanism": "deferred_acceptance" | "serial_dictatorship" |
//! "immediate_acceptance", "repeat": 1}`. Output: `{"assignments": [k or null, …], "blocking_pairs": n,
//! "solve_seconds": t, "build_and_solve_seconds": t}` or `{"error": code}`: the fastest of
//! `repeat` solves (lottery and mechanism), and the fastest of `repeat` runs that also build
//! the instance from flat arrays the caller keeps (copies, `Instance::from_flat`,
//! validation, priorities): what a binding's call from NumPy arrays does.
//!
//! `cargo run --release --example match_instance < instances.jsonl`

use std::io::{BufRead, Write};
use std::time::Instant;

use kezek::matching::{Instance, Mechanism, TieBreak};
use kezek::LocalizedError;
use kezek_examples::outln;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Input {
    preferences: Vec<Vec<u32>>,
    capacities: Vec<u32>,
    base: Vec<u32>,
    #[serde(default)]
    priorities: Vec<(u32, u32, u8)>,
    #[serde(default = "no_tie_break")]
    tie_break: TieBreak,
    #[serde(default)]
    mechanism: Mechanism,
    /// Solve this many times and report the fastest (warm caches, as a best-of-N timer).
    #[serde(default = "once")]
    repeat: u32,
}

fn once() -> u32 {
    1
}

fn no_tie_break() -> TieBreak {
    TieBreak::None
}

fn solve(line: &str) -> serde_json::Value {
    let input: Input = match serde_json::from_str(line) {
        Ok(i) => i,
        Err(e) => return json!({"error": "INPUT_JSON", "detail": e.to_string()}),
    };
    let instance = match Instance::new(input.preferences, input.capacities, input.base)
        .and_then(|i| i.with_priorities(&input.priorities))
    {
        Ok(i) => i,
        Err(e) => return json!({"error": e.code()}),
    };
    // The time a caller pays once the instance is built: the lottery draw and the mechanism.
    let solve = || {
        let start = Instant::now();
        let m = instance.rank(input.tie_break).solve(input.mechanism);
        (m, start.elapsed().as_secs_f64())
    };
    let (m, mut seconds) = solve();
    for _ in 1..input.repeat {
        seconds = seconds.min(solve().1);
    }
    let (offsets, choices) = (instance.offsets().to_vec(), instance.choices().to_vec());
    let mut build_and_solve = f64::INFINITY;
    for _ in 0..input.repeat.max(1) {
        // The caller keeps its own arrays, as a Python caller keeps its NumPy arrays: the
        // instance gets copies.
        let start = Instant::now();
        let parts = (
            offsets.clone(),
            choices.clone(),
            instance.capacities().to_vec(),
            instance.base().to_vec(),
        );
        let Ok(built) = Instance::from_flat(parts.0, parts.1, parts.2, parts.3)
            .and_then(|i| i.with_priorities(&input.priorities))
        else {
            return json!({"error": "REBUILD"});
        };
        let again = built.rank(input.tie_break).solve(input.mechanism);
        build_and_solve = build_and_solve.min(start.elapsed().as_secs_f64());
        if again != m {
            return json!({"error": "REBUILD"});
        }
    }
    let ranked = instance.rank(input.tie_break);
    json!({
        "assignments": m.assignments(),
        "blocking_pairs": ranked.blocking_pairs(&m).len(),
        "solve_seconds": seconds,
        "build_and_solve_seconds": build_and_solve,
    })
}

fn main() {
    if let Some(arg) = std::env::args().nth(1) {
        let help = arg == "--help" || arg == "-h";
        let text = "usage: match_instance < instances.jsonl  (one JSON instance a line; see the source's docs)";
        if help {
            outln!("{text}");
        } else {
            eprintln!("unknown argument {arg}\n{text}");
        }
        std::process::exit(if help { 0 } else { 2 });
    }
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        if writeln!(out, "{}", solve(&line))
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
}
