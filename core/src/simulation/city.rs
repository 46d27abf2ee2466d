//! The default city: a synthetic city shaped like Almaty, shipped with the crate.
//!
//! **Every number here is made up**, chosen to be of the right order, not measured:
//! - the eight district names are Almaty's; their weights are rough shares of the city's
//!   population as we remember public figures (not checked against a source);
//! - 3,300 registrations a month (≈ 40,000 a year, the order of Almaty's yearly births;
//!   since 2022 a birth registers the child automatically, `RULES.md §2`), so five years
//!   register ≈ 2·10⁵ applications;
//! - 440 kindergartens (55 per district), each taking 50–75 children a year aged 2–4,
//!   ≈ 27,000 places a year: fewer than the children, so a queue persists;
//! - one special (correctional) kindergarten per district and one sanatorium kindergarten
//!   per two districts (`RULES.md §7`);
//! - shares of languages, group types and benefit categories (`RULES.md §3`), parent
//!   behaviour and the publication waves are plausible guesses, not data.

use chrono::NaiveDate;

use super::input::{
    Arrivals, Behaviour, City, District, Intake, KindergartenSpec, Share, SimulationInput,
    Turnover, Wave,
};
use super::SimulationError;
use crate::application::{GroupType, Language};
use crate::error::LocalizedError;
use crate::lang::LocalizedText;
use crate::policy::PolicyBook;

/// (district, weight): Almaty's districts, weights made up (rough population shares).
const DISTRICTS: [(&str, f64); 8] = [
    ("alatau", 1.3),
    ("almaly", 0.9),
    ("auezov", 1.3),
    ("bostandyk", 1.4),
    ("zhetysu", 0.7),
    ("medeu", 0.9),
    ("nauryzbay", 0.8),
    ("turksib", 1.0),
];

const KINDERGARTENS_PER_DISTRICT: usize = 55;

/// The default city (see the module docs: every number is made up).
#[must_use]
pub fn default_city() -> City {
    let districts = DISTRICTS
        .iter()
        .enumerate()
        .map(|(d, &(name, weight))| {
            let mut kindergartens: Vec<KindergartenSpec> = (0..KINDERGARTENS_PER_DISTRICT)
                .map(|k| {
                    // A fixed spread of sizes and languages, the same on every run.
                    let spread = u32::try_from((k * 7 + d * 3) % 11).unwrap_or(0);
                    let languages = match (k + d) % 20 {
                        0..=10 => vec![Language::Kazakh],
                        11..=16 => vec![Language::Kazakh, Language::Russian],
                        _ => vec![Language::Russian],
                    };
                    KindergartenSpec {
                        id: format!("{name}-{k:02}"),
                        languages,
                        group_type: GroupType::General,
                        // Some kindergartens draw parents more than others (a fixed
                        // spread 0.5–2; only rankings read it).
                        appeal: 0.5 + f64::from(u8::try_from((k * 5 + d) % 7).unwrap_or(0)) * 0.25,
                        intake: vec![
                            Intake {
                                age: 2,
                                places: 25 + spread,
                            },
                            Intake {
                                age: 3,
                                places: 20 + spread,
                            },
                            Intake {
                                age: 4,
                                places: 5 + spread / 2,
                            },
                        ],
                    }
                })
                .collect();
            kindergartens.push(KindergartenSpec {
                id: format!("{name}-special"),
                languages: vec![Language::Kazakh, Language::Russian],
                group_type: GroupType::Special,
                intake: vec![Intake { age: 3, places: 12 }, Intake { age: 4, places: 6 }],
                appeal: 1.0,
            });
            if d % 2 == 0 {
                kindergartens.push(KindergartenSpec {
                    id: format!("{name}-sanatorium"),
                    languages: vec![Language::Kazakh, Language::Russian],
                    group_type: GroupType::Sanatorium,
                    intake: vec![Intake { age: 3, places: 15 }],
                    appeal: 1.0,
                });
            }
            District {
                name: name.to_owned(),
                births_weight: weight,
                kindergartens,
            }
        })
        .collect();
    City {
        name: "Almaty-like default city (synthetic)".into(),
        region: "almaty".into(),
        districts,
        sources: vec![
            "district names: Almaty's eight districts; every number: made up \
             (kezek::simulation::city module docs)"
                .into(),
        ],
    }
}

/// The default city's full input: its arrivals, turnover and parent behaviour, and the
/// Almaty policy in force on 1 January of `start_year`, reported for `years` years from
/// then after four years of warm-up under the same policy (so the queue holds children of
/// every age when reporting starts).
///
/// # Errors
/// `SIMULATION_INPUT` when no Almaty policy is in force that day (before 2016).
#[allow(clippy::too_many_lines)] // the default values, listed
pub fn default_city_input(
    start_year: i32,
    years: u32,
    seed: u64,
) -> Result<SimulationInput, SimulationError> {
    let start =
        NaiveDate::from_ymd_opt(start_year, 1, 1).ok_or_else(|| SimulationError::Input {
            field: "start".into(),
            detail: Box::new(LocalizedText::new(
                format!("{start_year} жылдың 1 қаңтары жоқ"),
                format!("нет 1 января {start_year} года"),
                format!("no 1 January {start_year}"),
            )),
        })?;
    let policy = PolicyBook::builtin()
        .policy_for("almaty", start)
        .map_err(|e| SimulationError::Input {
            field: "policy".into(),
            detail: Box::new(e.report().messages),
        })?
        .clone();
    let share = |value: &str, share| Share {
        value: value.to_owned(),
        share,
    };
    Ok(SimulationInput {
        format: super::INPUT_FORMAT,
        calendar: None,
        city: default_city(),
        arrivals: Arrivals {
            per_month: 3_300,
            // Most at birth (automatic registration), the rest over the first two years.
            age_months_weights: std::iter::once(80.0)
                .chain((1..24).map(|m| 20.0 / f64::from(m) / 3.73))
                .collect(),
            benefits: vec![
                share("military", 0.010),
                share("special_state_body", 0.005),
                share("large_family", 0.080),
                share("parent_disabled", 0.010),
                share("family_with_disabled_child", 0.010),
                share("without_parental_care", 0.002),
                share("orphan", 0.001),
            ],
            group_types: vec![
                Share {
                    value: GroupType::General,
                    share: 0.97,
                },
                Share {
                    value: GroupType::Special,
                    share: 0.02,
                },
                Share {
                    value: GroupType::Sanatorium,
                    share: 0.01,
                },
            ],
            languages: vec![
                Share {
                    value: Language::Kazakh,
                    share: 0.65,
                },
                Share {
                    value: Language::Russian,
                    share: 0.33,
                },
                Share {
                    value: Language::Other,
                    share: 0.02,
                },
            ],
        },
        turnover: Turnover {
            waves: vec![
                Wave {
                    month: 1,
                    day: 15,
                    share: 0.10,
                },
                Wave {
                    month: 5,
                    day: 15,
                    share: 0.20,
                },
                Wave {
                    month: 6,
                    day: 15,
                    share: 0.30,
                },
                Wave {
                    month: 9,
                    day: 1,
                    share: 0.30,
                },
                Wave {
                    month: 10,
                    day: 15,
                    share: 0.10,
                },
            ],
        },
        behaviour: Behaviour {
            choice_delay_weights: vec![0.35, 0.25, 0.15, 0.10, 0.10, 0.05],
            answers_notice: 0.95,
            revokes: 0.03,
            shows_up: 0.90,
            show_up_delay_weights: vec![0.3, 0.3, 0.2, 0.1, 0.1],
            extends: 0.05,
            confirms_interest: 0.93,
            confirms_right: 0.95,
            free_choice_daily: 0.5,
            prefers_language: 0.8,
            ranks: None,
            voucher: super::input::VoucherBehaviour::default(),
            renewal: super::input::RenewalBehaviour::default(),
        },
        policy,
        start,
        years,
        warm_up_years: 4,
        seed,
        memory_budget: super::input::DEFAULT_MEMORY_BUDGET,
    })
}
