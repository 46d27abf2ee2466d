//! Astana, built from public figures (`RULES.md §11`), as a simulation input that ships
//! with the crate. Unlike the default city, its sizes are measured; what no source here
//! gives stays the default city's guess, and is said so in [`ASTANA_SOURCES`].
//!
//! - **Kindergartens**: 546 organisations (≈ 2024), in Astana's five districts.
//! - **Places a year by age**: the 2021 intake by birth year, 6,074 born 2019 (age 2),
//!   9,372 born 2018 (3), 5,616 born 2017 (4), 3,235 born 2016 (5): 24,297 places, spread
//!   evenly over the kindergartens.
//! - **Registrations**: 2,570 a month (≈ 84 a day), **fitted**: the rate at which the
//!   simulated queue of children aged 2–6 at the end of 2024 is the published 37,596
//!   (`examples/astana_validation.py`: a sweep of the rate, four seeds a point,
//!   interpolated). The published ≈ 90 a day (2017: 70 births, 20 arrivals) would be
//!   2,739 a month.
//! - **Special groups**: 964 children in the correctional queue of 47,899 (2 %): 2 % of
//!   the registrations need a special group, and one kindergarten per district takes 2 %
//!   of the places for them.
//!
//! Not from a source (the default city's guesses, or assumptions): the districts' shares
//! (equal), the languages, benefit shares, parent behaviour and publication waves, and the
//! age at registration (most at birth, as since 2022). `docs/astana-validation.md` sets
//! the simulation against every published figure: the queue of children under 2 is five
//! times the published one, which predates registration at birth.

use super::input::{Intake, KindergartenSpec, Share};
use super::{default_city_input, City, District, SimulationError, SimulationInput};
use crate::application::{GroupType, Language};
use crate::error::LocalizedError;
use crate::policy::PolicyBook;

/// Where the figures come from (the city's `sources`).
pub const ASTANA_SOURCES: [&str; 5] = [
    "RULES.md §11: 546 preschool organisations, 69,953 children, a queue of 47,899 aged 0–6 \
     (37,596 aged 2–6; 964 in the correctional queue), ≈ 2024",
    "RULES.md §11: the 2021 intake by birth year: 2019 6,074; 2018 9,372; 2017 5,616; \
     2016 3,235 (24,297 places)",
    "registrations: 2,570 a month, fitted to the queue aged 2–6 (docs/astana-validation.md); \
     RULES.md §11 gives ≈ 90 applications a day in 2017 (2,739 a month)",
    "districts: Astana's five (Almaty, Baikonur, Yesil, Saryarka, Nura); their shares of \
     the births are not in these sources: equal",
    "languages, benefit shares, parent behaviour and publication waves: the default city's \
     guesses (kezek::simulation::city)",
];

/// Astana's districts.
const DISTRICTS: [&str; 5] = ["almaty", "baikonur", "yesil", "saryarka", "nura"];
/// Preschool organisations, ≈ 2024.
const ORGANISATIONS: usize = 546;
/// Places a year by age: the 2021 intake by birth year.
const INTAKE: [(u32, u32); 4] = [(2, 6_074), (3, 9_372), (4, 5_616), (5, 3_235)];
/// Registrations a month, fitted to the queue aged 2–6 (see the module docs); ≈ 90
/// applications a day would be 2,739.
pub const ASTANA_PER_MONTH: u32 = 2_570;
/// The share of children (and of places) for special groups: 964 / 47,899.
const SPECIAL: f64 = 0.02;

/// `total` spread over `n` parts as evenly as whole numbers allow, part `i`'s share.
fn even(total: u32, n: usize, i: usize) -> u32 {
    let n = u32::try_from(n).unwrap_or(1).max(1);
    let i = u32::try_from(i).unwrap_or(0);
    total / n + u32::from(i < total % n)
}

/// Astana's kindergartens and districts (see the module docs).
#[must_use]
pub fn astana() -> City {
    let special_per_district = |places: u32| {
        // 2 % of the places, for special groups, in one kindergarten per district.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small, ≥ 0
        let special = (f64::from(places) * SPECIAL).round() as u32;
        special
    };
    let mut k = 0;
    let districts = DISTRICTS
        .iter()
        .enumerate()
        .map(|(d, &name)| {
            let count = usize::try_from(even(
                u32::try_from(ORGANISATIONS).unwrap_or(0),
                DISTRICTS.len(),
                d,
            ))
            .unwrap_or(0);
            let kindergartens = (0..count)
                .map(|j| {
                    let special = j == 0;
                    let intake = INTAKE
                        .iter()
                        .map(|&(age, places)| {
                            let general = places - special_per_district(places);
                            let places = if special {
                                even(special_per_district(places), DISTRICTS.len(), d)
                            } else {
                                even(general, ORGANISATIONS - DISTRICTS.len(), k)
                            };
                            Intake { age, places }
                        })
                        .filter(|i| i.places > 0)
                        .collect();
                    if !special {
                        k += 1;
                    }
                    let languages = match (j + d) % 20 {
                        0..=10 => vec![Language::Kazakh],
                        11..=16 => vec![Language::Kazakh, Language::Russian],
                        _ => vec![Language::Russian],
                    };
                    KindergartenSpec {
                        id: format!("{name}-{j:03}"),
                        languages: if special {
                            vec![Language::Kazakh, Language::Russian]
                        } else {
                            languages
                        },
                        group_type: if special {
                            GroupType::Special
                        } else {
                            GroupType::General
                        },
                        intake,
                        appeal: 1.0,
                    }
                })
                .collect();
            District {
                name: name.to_owned(),
                births_weight: 1.0,
                kindergartens,
            }
        })
        .collect();
    City {
        name: "Astana (from public figures, RULES.md §11)".into(),
        region: "astana".into(),
        districts,
        sources: ASTANA_SOURCES.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Astana's full input: its city and registrations from public figures, the Astana policy
/// in force on 1 January of `start_year`, and the default city's behaviour, reported for
/// `years` years after four of warm-up.
///
/// # Errors
/// `SIMULATION_INPUT` when no Astana policy is in force that day (before 2016).
pub fn astana_input(
    start_year: i32,
    years: u32,
    seed: u64,
) -> Result<SimulationInput, SimulationError> {
    let mut input = default_city_input(start_year, years, seed)?;
    input.policy = PolicyBook::builtin()
        .policy_for("astana", input.start)
        .map_err(|e| SimulationError::Input {
            field: "policy".into(),
            detail: Box::new(e.report().messages),
        })?
        .clone();
    input.city = astana();
    input.arrivals.per_month = ASTANA_PER_MONTH;
    input.arrivals.group_types = vec![
        Share {
            value: GroupType::General,
            share: 1.0 - SPECIAL,
        },
        Share {
            value: GroupType::Special,
            share: SPECIAL,
        },
    ];
    Ok(input)
}
