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
use kezek::application::{Address, Contacts, Language, NewApplication};
use kezek::calendar::{DayKind, WorkCalendar};
use kezek::labels::{label, Labelled};
use kezek::lifecycle::{Engine, LifecycleError, State};
use kezek::people;
use kezek::period::Period;
use kezek::policy::PolicyBook;
use kezek::{Iin, Lang, LocalizedError};
use kezek_examples::{outln, Messages, DEADLINES};

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
    let length = people::period(period);
    // Years without decree data get a provisional answer, which says it may move.
    match cal.provisional().deadline(start, period) {
        Ok(answer) => {
            let mut d = answer.value;
            d.provisional = answer.provisional;
            outln!(
                "  {label:<44} {:<22} {}",
                length.get(lang),
                people::deadline(&d).get(lang)
            );
        }
        Err(e) => outln!(
            "  {label:<44} {:<22} {} [{}]",
            length.get(lang),
            e.message(lang),
            e.code()
        ),
    }
}

/// An error's message in the reader's language, its code in brackets (for developers).
fn refusal(e: &dyn LocalizedError, lang: Lang) -> String {
    format!("{} [{}]", e.message(lang), e.code())
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        // `--help`: the usage, and success.
        Err(e) if e.is_empty() => {
            outln!(
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
    let m = Messages::new(lang, DEADLINES);
    outln!(
        "{}\n",
        m.say("title", &[("version", env!("CARGO_PKG_VERSION").into())])
    );
    if !child_line(&m, &args) {
        return std::process::ExitCode::FAILURE;
    }
    let book = PolicyBook::builtin();
    let policy = match book.policy_for(&args.region, args.at.date()) {
        Ok(p) => p,
        Err(e) => {
            outln!(
                "{}",
                m.say("no-policy", &[("message", refusal(&e, lang).into())])
            );
            outln!(
                "{}",
                m.say(
                    "regions",
                    &[("regions", book.region_codes().join(", ").into())]
                )
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    outln!(
        "{}\n",
        m.say(
            "policy",
            &[
                (
                    "region",
                    book.region(&args.region)
                        .map_or_else(|_| args.region.clone(), |r| r.name.get(lang).to_owned())
                        .into()
                ),
                ("date", people::date(args.at.date()).into()),
                ("name", policy.name.get(lang).to_owned().into()),
            ]
        )
    );
    windows(&m, policy, args.at, lang);
    outln!();
    if let Err(e) = follow_application(&m, &args, policy) {
        outln!(
            "{}",
            m.say("refused", &[("message", refusal(&e, lang).into())])
        );
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

/// The windows of the policy from `at`: each with its length and where it ends, then what
/// kind of day `at` is.
fn windows(m: &Messages, policy: &kezek::Policy, at: NaiveDateTime, lang: Lang) {
    let cal = WorkCalendar::kazakhstan();
    outln!(
        "{}",
        m.say("starting", &[("moment", people::moment(at).into())])
    );
    // Under a voucher policy (`RULES.md §8`: Astana since January 2025, every region since
    // September 2025) places come as vouchers: no notice, no direction.
    let windows = match policy.voucher {
        Some(v) => [
            ("window-confirm-voucher", v.consent_window),
            ("window-sign-contract", v.contract_window),
            ("window-restore", v.restore_window),
            (
                "window-confirm-interest",
                policy.interest_confirmation_every,
            ),
        ],
        None => [
            ("window-choose", policy.choice_window),
            ("window-revoke", policy.revocation_window),
            ("window-bring", policy.show_up_window),
            (
                "window-confirm-interest",
                policy.interest_confirmation_every,
            ),
        ],
    };
    for (what, period) in windows {
        show(&cal, &m.say(what, &[]), at, period, lang);
    }
    if let Ok(info) = cal.provisional().day_info(at.date()) {
        outln!("\n{}", day_text(m, info.value.date, &info.value.kind, lang));
    }
}

/// The child's line (its masked IIN and birth date); false when there is none to give.
fn child_line(m: &Messages, args: &Args) -> bool {
    let lang = args.lang;
    match Iin::parse(&args.iin) {
        Ok(iin) => {
            let child = iin.to_string();
            match (args.born, iin.encoded_birth_date()) {
                (Some(born), _) => outln!(
                    "{}",
                    m.say(
                        "child-register",
                        &[("child", child.into()), ("born", people::date(born).into())]
                    )
                ),
                (None, Some(born)) => outln!(
                    "{}",
                    m.say(
                        "child-iin",
                        &[("child", child.into()), ("born", people::date(born).into())]
                    )
                ),
                (None, None) => {
                    outln!("{}", m.say("child-no-birth", &[("child", child.into())]));
                    return false;
                }
            }
        }
        Err(e) => {
            outln!(
                "{}",
                m.say("iin-rejected", &[("message", refusal(&e, lang).into())])
            );
            return false;
        }
    }
    true
}

/// What kind of day `date` is, in the reader's language.
fn day_text(m: &Messages, date: NaiveDate, kind: &DayKind, lang: Lang) -> String {
    let day = || ("date", people::date(date).into());
    match kind {
        DayKind::Weekday => m.say("day-working", &[day()]),
        DayKind::Weekend => m.say("day-weekend", &[day()]),
        DayKind::Holiday { name, .. } => m.say(
            "day-holiday",
            &[day(), ("holiday", name.get(lang).to_owned().into())],
        ),
        DayKind::CarriedOver { name, holiday, .. } => m.say(
            "day-carried-over",
            &[
                day(),
                ("holiday", name.get(lang).to_owned().into()),
                ("on", people::date(*holiday).into()),
            ],
        ),
        DayKind::TransferredDayOff { from, .. } => m.say(
            "day-transferred-off",
            &[day(), ("from", people::date(*from).into())],
        ),
        DayKind::TransferredWorkingDay { to, .. } => m.say(
            "day-transferred-working",
            &[day(), ("to", people::date(*to).into())],
        ),
    }
}

/// A label of kezek's in the reader's language (the code itself if it has none).
fn named(kind: Labelled, code: &str, lang: Lang) -> String {
    label(kind, code).map_or_else(|| code.to_owned(), |t| t.get(lang).to_owned())
}

/// Registers the child a year before `--at`, then at `--at` explains an offer of one place,
/// sends the notice and takes a direction the next working hour (`RULES.md §2–§6`).
fn follow_application(
    m: &Messages,
    args: &Args,
    policy: &kezek::Policy,
) -> Result<(), LifecycleError> {
    let lang = args.lang;
    let mut engine = Engine::new(policy.clone(), WorkCalendar::kazakhstan())?;
    let registered = args.at - TimeDelta::days(365);
    let mut application = NewApplication::new(
        "900101300017",
        args.iin.as_str(),
        Address::new(args.region.as_str(), "center"),
        Contacts::new("parent@mail.kz", "+7 701 000 00 00"),
        Language::Kazakh,
    );
    if let Some(born) = args.born {
        application = application.born(born);
    }
    let id = engine.register(application, registered)?;
    if let Some(pos) = engine.position(id)? {
        outln!(
            "{}",
            m.say(
                "registered",
                &[
                    ("moment", people::moment(registered).into()),
                    ("number", pos.number.into())
                ]
            )
        );
    }
    let decision = engine.explain_offer(id, 1, args.at)?;
    let allowed = if decision.allowed() { "yes" } else { "no" };
    outln!(
        "{}",
        m.say(
            "may-offer",
            &[
                ("moment", people::moment(args.at).into()),
                ("allowed", allowed.into())
            ]
        )
    );
    for check in &decision.checks {
        let mark = if check.passed { "✓" } else { "✗" };
        // The check's code and source are for developers, after the sentence.
        outln!(
            "  {mark} {}  ({}, {})",
            check.message.get(lang),
            check.code,
            check.source
        );
    }
    if !decision.allowed() {
        return Ok(());
    }
    if let Some(v) = policy.voucher {
        let starts = v.distribution_starts;
        let day = format!("{:02}.{:02}", starts.day, starts.month);
        outln!("{}", m.say("vouchers", &[("day", day.into())]));
        return Ok(());
    }
    engine.notify(id, 1, args.at)?;
    if let State::NoticeSent { choose_by, .. } = engine.state(id)? {
        let by = people::deadline(choose_by).get(lang).to_owned();
        outln!("{}", m.say("notice", &[("deadline", by.into())]));
    }
    let chosen = args.at + TimeDelta::hours(1);
    engine.issue_direction(id, "kindergarten No. 12", chosen)?;
    if let State::DirectionIssued(d) = engine.state(id)? {
        outln!(
            "{}",
            m.say("direction", &[("moment", people::moment(chosen).into())])
        );
        let revocable = people::deadline(&d.revocable_until).get(lang).to_owned();
        outln!(
            "  {}",
            m.say("revocable", &[("deadline", revocable.into())])
        );
        let bring = people::deadline(&d.show_up_by).get(lang).to_owned();
        outln!("  {}", m.say("bring", &[("deadline", bring.into())]));
    }
    if let Some(stop) = engine.stop_list_if_lapsed(id)? {
        let until = people::deadline(&stop).get(lang).to_owned();
        outln!("  {}", m.say("stop-list", &[("deadline", until.into())]));
    }
    outln!("{}", m.say("history", &[]));
    for event in engine.history(id)? {
        outln!(
            "  {}  {}: {} → {}",
            people::moment(event.at),
            named(Labelled::Reason, event.reason.code(), lang),
            named(Labelled::State, event.from.as_str(), lang),
            named(Labelled::State, event.to.as_str(), lang),
        );
    }
    Ok(())
}
