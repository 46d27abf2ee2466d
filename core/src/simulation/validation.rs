//! What makes a simulation input valid: every field's domain, named in kk/ru/en when it is
//! refused (`SIMULATION_INPUT`), and the input's estimated memory against its budget
//! (`SIMULATION_TOO_LARGE`).

use chrono::NaiveDate;

use super::input::{Behaviour, Share, SimulationInput};
use super::SimulationError;
use crate::lang::LocalizedText;
use crate::policy::MAX_RANKED_CHOICES;

impl SimulationInput {
    /// Checks the input: every field, then its estimated memory against its budget.
    ///
    /// # Errors
    /// `SIMULATION_INPUT` naming the first field that is wrong; `SIMULATION_TOO_LARGE`
    /// with the estimate when it is over `memory_budget`.
    pub fn validate(&self) -> Result<(), SimulationError> {
        self.validate_fields()?;
        let estimate = self.estimated_memory();
        if estimate > self.memory_budget {
            return Err(SimulationError::TooLarge {
                estimate,
                budget: self.memory_budget,
            });
        }
        Ok(())
    }

    /// The city's region is one the policy serves; the publication waves' shares of a
    /// year add to 1.
    fn validate_region_and_waves(&self) -> Result<(), SimulationError> {
        let region = &self.city.region;
        if !self.policy.regions.iter().any(|r| r == "*" || r == region) {
            return bad("city.region", {
                let (id, regions) = (&self.policy.id, self.policy.regions.join("`, `"));
                LocalizedText::new(
                    format!(
                        "`{id}` саясаты `{regions}` өңірлеріне арналған, `{region}` өңіріне емес"
                    ),
                    format!("политика `{id}` действует в регионах `{regions}`, а не в `{region}`"),
                    format!(
                        "policy `{id}` serves {}, not `{region}`",
                        regions.replace('`', "")
                    ),
                )
            });
        }
        let waves: f64 = self.turnover.waves.iter().map(|w| w.share).sum();
        if !self.turnover.waves.is_empty() && (waves - 1.0).abs() > 1e-3 {
            return bad(
                "turnover.waves",
                LocalizedText::new(
                    format!("бір жылдың үлестерінің қосындысы 1 емес, {waves:.3}"),
                    format!("доли года дают в сумме {waves:.3}, а не 1"),
                    format!("the shares of a year add to {waves:.3}, not 1"),
                ),
            );
        }
        Ok(())
    }

    /// The format, the horizon, the city's districts and kindergartens.
    fn validate_fields(&self) -> Result<(), SimulationError> {
        self.behaviour.validate()?;
        if self.format != super::INPUT_FORMAT {
            return bad(
                "format",
                LocalizedText::new("бұл нұсқаның пішімі емес: деректерді `SimulationInput::from_json` арқылы оқыңыз", "формат не этой версии: читайте данные через `SimulationInput::from_json`", "not this release's format: read the input with SimulationInput::from_json"),
            );
        }
        if self.years == 0 || self.years > 50 {
            return bad(
                "years",
                LocalizedText::new("1–50 болуы керек", "должно быть от 1 до 50", "must be 1–50"),
            );
        }
        if self.warm_up_years > 20 {
            return bad(
                "warm_up_years",
                LocalizedText::new("0–20 болуы керек", "должно быть от 0 до 20", "must be 0–20"),
            );
        }
        if self.city.districts.is_empty() {
            return bad(
                "city.districts",
                LocalizedText::new("бірде-бір аудан жоқ", "нет ни одного района", "no district"),
            );
        }
        for d in &self.city.districts {
            if !(d.births_weight.is_finite() && d.births_weight >= 0.0) {
                return bad("city.districts.births_weight", WEIGHT.into());
            }
            if d.kindergartens.iter().any(|k| k.languages.is_empty()) {
                return bad(
                    "city.districts.kindergartens.languages",
                    LocalizedText::new("бос", "пусто", "empty"),
                );
            }
            if d.kindergartens
                .iter()
                .any(|k| !(k.appeal.is_finite() && k.appeal >= 0.0))
            {
                return bad("city.districts.kindergartens.appeal", WEIGHT.into());
            }
        }
        if !weights_ok(self.city.districts.iter().map(|d| d.births_weight)) {
            return bad(
                "city.districts.births_weight",
                LocalizedText::new(
                    "оң салмақ жоқ",
                    "нет ни одного положительного веса",
                    "no positive weight",
                ),
            );
        }
        self.validate_arrivals()
    }

    /// Arrivals' weights and shares, publication waves, ranks.
    fn validate_arrivals(&self) -> Result<(), SimulationError> {
        let a = &self.arrivals;
        let shares = |s: &[Share<_>]| s.iter().map(|s: &Share<_>| s.share).collect::<Vec<_>>();
        for (field, w) in [
            ("arrivals.age_months_weights", a.age_months_weights.clone()),
            ("arrivals.languages", shares(&a.languages)),
        ] {
            if !weights_ok(w.into_iter()) {
                return bad(field, WEIGHTS.into());
            }
        }
        let benefit_total: f64 = a.benefits.iter().map(|s| s.share).sum();
        if a.benefits.iter().any(|s| !(0.0..=1.0).contains(&s.share)) || benefit_total > 1.0 {
            return bad(
                "arrivals.benefits",
                LocalizedText::new(
                    "үлестер 0–1 болуы және қосындысы 1-ден аспауы керек",
                    "доли должны быть от 0 до 1, а их сумма — не больше 1",
                    "shares must be 0–1 and add to at most 1",
                ),
            );
        }
        for s in &a.benefits {
            if self.policy.benefit(&s.value).is_none() {
                return bad(
                    "arrivals.benefits",
                    LocalizedText::new(
                        format!("`{}` санаты саясатта жоқ", s.value),
                        format!("категории `{}` нет в политике", s.value),
                        format!("unknown category `{}`", s.value),
                    ),
                );
            }
        }
        self.validate_region_and_waves()?;
        if !a.group_types.is_empty() && !weights_ok(a.group_types.iter().map(|s| s.share)) {
            return bad(
                "arrivals.group_types",
                LocalizedText::new(
                    "оң салмақ керек",
                    "нужен положительный вес",
                    "needs a positive weight",
                ),
            );
        }
        if self.turnover.waves.iter().any(|w| {
            NaiveDate::from_ymd_opt(2024, w.month, w.day).is_none()
                || !(0.0..=1.0).contains(&w.share)
        }) {
            return bad(
                "turnover.waves",
                LocalizedText::new(
                    "жоқ күн немесе 0–1 аралығынан тыс үлес",
                    "несуществующий день или доля вне 0–1",
                    "a day that does not exist or a share outside 0–1",
                ),
            );
        }
        if self
            .behaviour
            .ranks
            .is_some_and(|n| n == 0 || n > MAX_RANKED_CHOICES)
        {
            return bad(
                "behaviour.ranks",
                LocalizedText::new(
                    format!("1–{MAX_RANKED_CHOICES} болуы керек"),
                    format!("должно быть от 1 до {MAX_RANKED_CHOICES}"),
                    format!("must be 1–{MAX_RANKED_CHOICES}"),
                ),
            );
        }
        Ok(())
    }
}

/// A set of weights with nothing to draw from.
const WEIGHTS: [&str; 3] = [
    "кемінде бір оң шектеулі салмақ керек, теріс салмаққа болмайды",
    "нужен хотя бы один положительный конечный вес и ни одного отрицательного",
    "needs a positive, finite weight and none negative",
];

/// One weight that is negative or not a number.
const WEIGHT: [&str; 3] = [
    "теріс емес шектеулі салмақ болуы керек",
    "должно быть конечным весом ≥ 0",
    "must be a finite weight ≥ 0",
];

/// A field of the input that is wrong: `SIMULATION_INPUT` naming it.
fn bad(field: &str, detail: LocalizedText) -> Result<(), SimulationError> {
    Err(SimulationError::Input {
        field: field.to_owned(),
        detail: Box::new(detail),
    })
}

impl Behaviour {
    /// Checks every probability (0–1) and every set of delay weights.
    fn validate(&self) -> Result<(), SimulationError> {
        let v = &self.voucher;
        for (field, w) in [
            ("behaviour.choice_delay_weights", &self.choice_delay_weights),
            (
                "behaviour.show_up_delay_weights",
                &self.show_up_delay_weights,
            ),
            (
                "behaviour.voucher.confirm_delay_weights",
                &v.confirm_delay_weights,
            ),
            (
                "behaviour.voucher.contract_delay_weights",
                &v.contract_delay_weights,
            ),
            (
                "behaviour.voucher.restore_delay_weights",
                &v.restore_delay_weights,
            ),
            (
                "behaviour.renewal.delay_weights",
                &self.renewal.delay_weights,
            ),
        ] {
            if !weights_ok(w.iter().copied()) {
                return bad(field, WEIGHTS.into());
            }
        }
        let b = self;
        for (field, p) in [
            ("behaviour.answers_notice", b.answers_notice),
            ("behaviour.revokes", b.revokes),
            ("behaviour.shows_up", b.shows_up),
            ("behaviour.extends", b.extends),
            ("behaviour.confirms_interest", b.confirms_interest),
            ("behaviour.confirms_right", b.confirms_right),
            ("behaviour.free_choice_daily", b.free_choice_daily),
            ("behaviour.prefers_language", b.prefers_language),
            ("behaviour.voucher.refuses", b.voucher.refuses),
            ("behaviour.voucher.confirms", b.voucher.confirms),
            ("behaviour.voucher.signs_contract", b.voucher.signs_contract),
            ("behaviour.voucher.restores", b.voucher.restores),
            ("behaviour.renewal.renews", b.renewal.renews),
        ] {
            if !(0.0..=1.0).contains(&p) {
                return bad(
                    field,
                    LocalizedText::new(
                        "ықтималдық 0–1 болуы керек",
                        "вероятность должна быть от 0 до 1",
                        "a probability must be 0–1",
                    ),
                );
            }
        }
        Ok(())
    }
}

/// Weights usable for a draw: finite, none negative, one positive.
fn weights_ok(mut w: impl Iterator<Item = f64>) -> bool {
    let mut positive = false;
    w.all(|x| {
        positive |= x > 0.0;
        x.is_finite() && x >= 0.0
    }) && positive
}
