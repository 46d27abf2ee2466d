//! The main job for now: validate a child's IIN, pick the region's policy in force, compute
//! the deadlines of a notice and a direction on the working-day calendar, then follow one
//! application through the engine: its queue number, whether it may be offered a place (every
//! rule, with its reason and source), and the deadlines of its notice and direction.
//!
//! ```text
//! cargo run --release --example deadlines
//! cargo run --release --example deadlines -- --iin 210308600403 --region astana --at 2025-03-20T15:00 --lang ru
//! cargo run --release --example deadlines -- --iin 210308700405 --born 2021-03-08
//! ```
//!
//! `--born` is the child's birth date as the state register has it; without it the date the
//! IIN's digits encode is used, where they encode one.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use kezek::application::{Address, Contacts, GroupType, Language, NewApplication};
use kezek::calendar::{Deadline, WorkCalendar};
use kezek::lifecycle::{Engine, LifecycleError, State};
use kezek::period::Period;
use kezek::policy::PolicyBook;
use kezek::{Iin, Lang, LocalizedError};

const USAGE: &str = "usage: deadlines [--iin DIGITS] [--born YYYY-MM-DD] [--region CODE] \
                     [--at YYYY-MM-DDTHH:MM] [--lang kk|ru|en]";

struct Args {
    iin: String,
    born: Option<NaiveDate>,
    region: String,
    at: NaiveDateTime,
    lang: Lang,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        iin: "210308600403".into(),
        born: None,
        region: "akmola".into(),
        at: NaiveDate::from_ymd_opt(2025, 3, 20)
            .and_then(|d| d.and_hms_opt(15, 0, 0))
            .ok_or("date")?,
        lang: Lang::En,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = it.next().ok_or(format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--iin" => args.iin = value,
            "--region" => args.region = value,
            "--born" => {
                args.born = Some(
                    NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                        .map_err(|e| format!("--born {value}: {e}"))?,
                );
            }
            "--at" => {
                args.at = NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M")
                    .map_err(|e| format!("--at {value}: {e}"))?;
            }
            "--lang" => {
                args.lang = value
                    .parse()
                    .map_err(|_| format!("--lang {value}: use kk, ru or en"))?;
            }
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn show(cal: &WorkCalendar, label: &str, start: NaiveDateTime, period: Period, lang: Lang) {
    // Years without decree data get a provisional answer, marked as such.
    match cal.provisional().deadline(start, period) {
        Ok(answer) => {
            let Deadline {
                last_day, ends_at, ..
            } = answer.value;
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
        // `--help`: the usage, and success.
        Err(e) if e.is_empty() => {
            println!(
                "{USAGE}\nregions: {}",
                PolicyBook::builtin().region_codes().join(", ")
            );
            return std::process::ExitCode::SUCCESS;
        }
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
        Ok(child) => match (args.born, child.encoded_birth_date()) {
            (Some(born), _) => println!("Child {child}: born {born} (from the register)"),
            (None, Some(born)) => println!("Child {child}: born {born} (as the IIN encodes it)"),
            (None, None) => {
                println!("Child {child}: the IIN encodes no birth date; pass --born");
                return std::process::ExitCode::FAILURE;
            }
        },
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
            println!("regions: {}", book.region_codes().join(", "));
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
    // Under a voucher policy (`RULES.md §8`: Astana since January 2025, every region since
    // September 2025) places come as vouchers: no notice, no direction.
    let windows = match policy.voucher {
        Some(v) => [
            ("confirm the voucher", v.consent_window),
            ("sign the contract", v.contract_window),
            ("restore if it lapsed", v.restore_window),
            ("confirm interest", policy.interest_confirmation_every),
        ],
        None => [
            ("choose a kindergarten (notice)", policy.choice_window),
            ("revoke the direction", policy.revocation_window),
            ("bring the child (direction)", policy.show_up_window),
            ("confirm interest", policy.interest_confirmation_every),
        ],
    };
    for (what, period) in windows {
        show(&cal, what, args.at, period, lang);
    }
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
    println!();
    if let Err(e) = follow_application(&args, policy) {
        println!("The engine refused: {} — {}", e.code(), e.message(lang));
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

/// Registers the child a year before `--at`, then at `--at` explains an offer of one place,
/// sends the notice and takes a direction the next working hour (`RULES.md §2–§6`).
fn follow_application(args: &Args, policy: &kezek::Policy) -> Result<(), LifecycleError> {
    let lang = args.lang;
    let mut engine = Engine::new(policy.clone(), WorkCalendar::kazakhstan())?;
    let registered = args.at - TimeDelta::days(365);
    let id = engine.register(
        NewApplication {
            applicant_iin: "900101300017".into(),
            child_iin: args.iin.clone(),
            child_birth_date: args.born,
            child_sex: None,
            address: Address {
                region: args.region.as_str().into(),
                district: "center".into(),
                locality: None,
            },
            group_type: GroupType::General,
            language: Language::Kazakh,
            benefit: None,
            documents: vec![],
            non_resident: false,
            contacts: Contacts {
                email: "parent@mail.kz".into(),
                phone: "+7 701 000 00 00".into(),
            },
            ranked_choices: Vec::new(),
        },
        registered,
    )?;
    if let Some(pos) = engine.position(id)? {
        println!("Registered on {registered}: queue number {}", pos.number);
    }
    let decision = engine.explain_offer(id, 1, args.at)?;
    println!(
        "May the child be offered a place on {}? {}",
        args.at,
        if decision.allowed() { "yes" } else { "no" }
    );
    for check in &decision.checks {
        let mark = if check.passed { "ok  " } else { "FAIL" };
        println!(
            "  {mark} {:<24} {}  [{}]",
            check.code,
            check.message.get(lang),
            check.source
        );
    }
    if !decision.allowed() {
        return Ok(());
    }
    if let Some(v) = policy.voucher {
        let starts = v.distribution_starts;
        println!(
            "Under this policy places come as vouchers (RULES.md §8): offered at the distribution \
             from {:02}-{:02} each year, confirmed, then a contract signed (deadlines above).",
            starts.month, starts.day
        );
        return Ok(());
    }
    engine.notify(id, 1, args.at)?;
    if let State::NoticeSent { choose_by, .. } = engine.state(id)? {
        println!(
            "Notice sent: choose a kindergarten by {} (until {})",
            choose_by.last_day, choose_by.ends_at
        );
    }
    let chosen = args.at + TimeDelta::hours(1);
    engine.issue_direction(id, "kindergarten No. 12", chosen)?;
    if let State::DirectionIssued(d) = engine.state(id)? {
        println!("Direction issued at {chosen}:");
        println!("  revocable until        {}", d.revocable_until.ends_at);
        println!(
            "  bring the child by     {} (until {})",
            d.show_up_by.last_day, d.show_up_by.ends_at
        );
    }
    if let Some(stop) = engine.stop_list_if_lapsed(id)? {
        println!("  if not, stop-list to   {}", stop.last_day);
    }
    println!("History:");
    for event in engine.history(id)? {
        println!(
            "  {}  {:<18} {:?} -> {:?}",
            event.at,
            event.reason.code(),
            event.from,
            event.to
        );
    }
    Ok(())
}
