//! The main job for now: validate a child's IIN, pick the region's policy in force, and
//! compute the deadlines of a notice and a direction on the working-day calendar.
//!
//! ```text
//! cargo run --release --example deadlines
//! cargo run --release --example deadlines -- --iin 210308600403 --region astana --at 2025-03-20T15:00 --lang ru
//! ```

use chrono::{NaiveDate, NaiveDateTime};
use kezek::calendar::{Deadline, WorkCalendar};
use kezek::period::Period;
use kezek::policy::PolicyBook;
use kezek::{Iin, Lang, LocalizedError};

struct Args {
    iin: String,
    region: String,
    at: NaiveDateTime,
    lang: Lang,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        iin: "210308600403".into(),
        region: "akmola".into(),
        at: NaiveDate::from_ymd_opt(2025, 3, 20)
            .and_then(|d| d.and_hms_opt(15, 0, 0))
            .ok_or("date")?,
        lang: Lang::En,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--iin" => args.iin = value,
            "--region" => args.region = value,
            "--at" => {
                args.at = NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M")
                    .map_err(|e| format!("--at {value}: {e}"))?;
            }
            "--lang" => {
                args.lang = value
                    .parse()
                    .map_err(|_| format!("--lang {value}: use kk, ru or en"))?;
            }
            _ => {
                return Err(format!(
                    "unknown argument {flag} (use --iin, --region, --at, --lang)"
                ))
            }
        }
    }
    Ok(args)
}

fn show(cal: &WorkCalendar, label: &str, start: NaiveDateTime, period: Period, lang: Lang) {
    // Years without decree data get a provisional answer, marked as such.
    match cal.provisional().deadline(start, period) {
        Ok(answer) => {
            let Deadline { last_day, ends_at } = answer.value;
            let mark = if answer.provisional {
                "  (provisional: no decree data for that year)"
            } else {
                ""
            };
            println!(
                "  {label:<34} {:<17} last day {last_day}, ends {ends_at}{mark}",
                period.to_string()
            );
        }
        Err(e) => println!(
            "  {label:<34} {:<17} {}: {}",
            period.to_string(),
            e.code(),
            e.message(lang)
        ),
    }
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let lang = args.lang;
    println!(
        "kezek {} — deadlines on the Kazakh working-day calendar\n",
        env!("CARGO_PKG_VERSION")
    );
    match Iin::parse(&args.iin) {
        Ok(child) => println!(
            "Child {child}: born {}, {:?}",
            child.birth_date(),
            child.sex()
        ),
        Err(e) => {
            println!("IIN rejected: {} — {}", e.code(), e.message(lang));
            return std::process::ExitCode::FAILURE;
        }
    }
    let book = PolicyBook::builtin();
    let policy = match book.policy_for(&args.region, args.at.date()) {
        Ok(p) => p,
        Err(e) => {
            println!("No policy: {} — {}", e.code(), e.message(lang));
            return std::process::ExitCode::FAILURE;
        }
    };
    println!(
        "Policy in force in {} on {}: {} ({})\n",
        args.region,
        args.at.date(),
        policy.id,
        policy.name.get(lang)
    );
    let cal = WorkCalendar::kazakhstan();
    println!("Starting at {}:", args.at);
    show(
        &cal,
        "choose a kindergarten (notice)",
        args.at,
        policy.choice_window,
        lang,
    );
    show(
        &cal,
        "revoke the direction",
        args.at,
        policy.revocation_window,
        lang,
    );
    show(
        &cal,
        "bring the child (direction)",
        args.at,
        policy.show_up_window,
        lang,
    );
    show(
        &cal,
        "extension of the direction",
        args.at,
        policy.extension,
        lang,
    );
    show(
        &cal,
        "stop-list after a lapse",
        args.at,
        policy.stop_list,
        lang,
    );
    show(
        &cal,
        "confirm interest",
        args.at,
        policy.interest_confirmation_every,
        lang,
    );
    if let Ok(info) = cal.provisional().day_info(args.at.date()) {
        println!(
            "\n{} is {}: {:?}",
            args.at.date(),
            if info.value.working {
                "a working day"
            } else {
                "a day off"
            },
            info.value.kind
        );
    }
    std::process::ExitCode::SUCCESS
}
