//! Replications and sweeps: one input run under several policies, over seeds and a grid
//! of parameters, gathered into one tidy table with intervals and paired differences.
//!
//! A [`Sweep`] is data (the input, the policy variants, the seeds, the grid). It plans its
//! runs ([`Sweep::runs`]): one [`PlannedRun`] per grid point, seed and variant, each a
//! whole [`SimulationInput`] that runs anywhere — another thread, process or machine
//! ([`PlannedRun::run`] gives its [`RunOutcome`], the summary's metrics). The host spreads
//! the runs as it likes (threads, a process pool, a Dask cluster); [`Sweep::collect`]
//! takes the outcomes back in any order and answers, the same whatever ran them:
//!
//! - **intervals**: per variant, grid point and metric, the mean over the seeds with its
//!   confidence interval (Student's t, `confidence`, 0.95 by default);
//! - **paired differences**: per variant but the first, grid point and metric, the mean
//!   of the differences seed by seed against the first variant at the same point (the same
//!   seed draws the same parents, so the noise of the city cancels out), with its
//!   interval; with one variant, each grid point against the grid's first point.
//!
//! A metric missing in a run (`NaN` in [`Summary::metrics`](super::Summary::metrics),
//! e.g. nobody of a cohort placed) is left out of that run's count: every figure carries
//! the number of seeds it rests on, and an interval needs two.

mod check;
mod table;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use table::{Columns, Interval, PairedDifference, SweepResult};

use super::{simulate, SimulationError, SimulationInput};
use crate::error::LocalizedError;
use crate::input::InputError;
use crate::lang::{Lang, LocalizedText};
use crate::policy::Policy;

/// The format a sweep is written in.
pub const SWEEP_FORMAT: u32 = 1;
/// The most runs one sweep may plan (variants × seeds × grid points).
pub const MAX_SWEEP_RUNS: usize = 10_000;
/// The most grid axes, values per axis, variants and seeds of a sweep.
pub const MAX_SWEEP_AXES: usize = 8;
/// See [`MAX_SWEEP_AXES`].
pub const MAX_AXIS_VALUES: usize = 1_000;
/// See [`MAX_SWEEP_AXES`].
pub const MAX_VARIANTS: usize = 64;
/// See [`MAX_SWEEP_AXES`].
pub const MAX_SEEDS: usize = 10_000;

/// A study: one input under several policies, seeds and grid points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sweep {
    /// [`SWEEP_FORMAT`].
    #[serde(default = "first_format")]
    pub format: u32,
    /// What every run starts from; each run sets its policy, seed and grid point.
    pub input: SimulationInput,
    /// The policies compared, each with the name its rows carry; the first is the
    /// baseline of the paired differences. None: the input's own policy, named by its id.
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// The seeds: each variant and grid point runs once per seed.
    pub seeds: Vec<u64>,
    /// The parameters varied, every combination of their values (the first axis varies
    /// slowest).
    #[serde(default)]
    pub grid: Vec<Axis>,
    /// The level of the intervals, in (0, 1).
    #[serde(default = "default_confidence")]
    pub confidence: f64,
}

fn first_format() -> u32 {
    SWEEP_FORMAT
}

fn default_confidence() -> f64 {
    0.95
}

/// A policy of a sweep, under a name of the analyst's choosing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The name its rows carry (unique in the sweep).
    pub name: String,
    /// The policy.
    pub policy: Policy,
}

/// One parameter of the grid: where it is in the input and the values it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// The field's path in the input's data, dotted, a list's item by its index:
    /// `behaviour.renewal.renews`, `arrivals.per_month`, `policy.interleave`,
    /// `city.districts.0.kindergartens.3.intake`.
    pub parameter: String,
    /// Its values, each as it would be written in the input.
    pub values: Vec<Value>,
}

/// One run a sweep planned: whose it is, and its whole input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedRun {
    /// Its number in the plan (0, 1, …).
    pub run: u32,
    /// Its variant's name.
    pub variant: String,
    /// Its seed.
    pub seed: u64,
    /// Its grid point: one value per axis, in the grid's order.
    pub point: Vec<Value>,
    /// The input it runs.
    pub input: SimulationInput,
}

/// What one run gave: its place in the plan and its summary's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunOutcome {
    /// Its number in the plan.
    pub run: u32,
    /// Its variant's name.
    pub variant: String,
    /// Its seed.
    pub seed: u64,
    /// Its grid point.
    pub point: Vec<Value>,
    /// The summary's metrics ([`Summary::metrics`](super::Summary::metrics)), a missing
    /// figure as `None`.
    pub metrics: Vec<(String, Option<f64>)>,
}

fn invalid(field: impl Into<String>, detail: LocalizedText) -> SimulationError {
    SimulationError::Input {
        field: field.into(),
        detail: Box::new(detail),
    }
}

impl Sweep {
    /// Reads a sweep from JSON data; its input is migrated from an older format as
    /// [`SimulationInput::from_value`] does.
    ///
    /// # Errors
    /// `INPUT_FORMAT` for data that is not a sweep (naming where), or a format this
    /// release cannot read.
    pub fn from_value(mut value: Value) -> Result<Self, InputError> {
        const WHAT: &str = "sweep";
        let Some(object) = value.as_object_mut() else {
            return Err(InputError::format(WHAT, "a sweep is a JSON object"));
        };
        match object.get("format") {
            None => {}
            Some(f) if f.as_u64() == Some(u64::from(SWEEP_FORMAT)) => {}
            Some(f) => {
                return Err(InputError::format(
                    WHAT,
                    format!("format {f} cannot be read; this release reads format {SWEEP_FORMAT}"),
                ))
            }
        }
        let input = object
            .remove("input")
            .ok_or_else(|| InputError::format(WHAT, "missing field `input`"))?;
        let input = SimulationInput::from_value(input)?;
        object.insert(
            "input".into(),
            serde_json::to_value(&input).map_err(|e| InputError::json(WHAT, &e))?,
        );
        let text = value.to_string();
        let reader = &mut serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(reader).map_err(|e| {
            let at = e.path().to_string();
            let inner = e.into_inner();
            InputError::format(
                WHAT,
                format!("at `{at}`: {}", crate::input::json_said(&inner)),
            )
        })
    }

    /// Reads a sweep from JSON text (see [`Sweep::from_value`]).
    ///
    /// # Errors
    /// As [`Sweep::from_value`].
    pub fn from_json(json: &str) -> Result<Self, InputError> {
        let value: Value = serde_json::from_str(json).map_err(|e| InputError::json("sweep", &e))?;
        Self::from_value(value)
    }

    /// The variants run: those given, or the input's own policy named by its id.
    #[must_use]
    pub fn variants(&self) -> Vec<Variant> {
        if self.variants.is_empty() {
            vec![Variant {
                name: self.input.policy.id.clone(),
                policy: self.input.policy.clone(),
            }]
        } else {
            self.variants.clone()
        }
    }

    /// The names of the grid's parameters, in order.
    #[must_use]
    pub fn parameters(&self) -> Vec<String> {
        self.grid.iter().map(|a| a.parameter.clone()).collect()
    }

    /// The grid's points, the first axis varying slowest (one empty point without a grid).
    fn points(&self) -> Vec<Vec<Value>> {
        let mut points: Vec<Vec<Value>> = vec![Vec::new()];
        for axis in &self.grid {
            points = points
                .into_iter()
                .flat_map(|p| {
                    axis.values.iter().map(move |v| {
                        let mut p = p.clone();
                        p.push(v.clone());
                        p
                    })
                })
                .collect();
        }
        points
    }

    /// The runs of the sweep: per grid point, per seed, per variant, each checked as a
    /// simulation input. Each holds its whole input (to run anywhere): a host that runs
    /// them in turn reads them one point at a time with [`simulate_sweep`] instead.
    ///
    /// # Errors
    /// `SIMULATION_INPUT` naming the field: sizes over the bounds above, two variants of
    /// one name, a seed twice, a parameter not in the input, a value the input refuses.
    pub fn runs(&self) -> Result<Vec<PlannedRun>, SimulationError> {
        let mut runs = Vec::new();
        self.each_run(&mut |run| {
            runs.push(run);
            Ok(())
        })?;
        Ok(runs)
    }

    /// The input of `variant` at `point`: the grid's values set on it (so `policy.*`
    /// parameters vary every variant), read and checked as an input.
    fn input_at(
        &self,
        point: &[Value],
        variant: &Variant,
    ) -> Result<SimulationInput, SimulationError> {
        let mut base = self.input.clone();
        base.policy = variant.policy.clone();
        let mut base = serde_json::to_value(&base).map_err(|e| {
            invalid(
                "input",
                LocalizedText::new(
                    "деректерді JSON-ға айналдыру мүмкін болмады",
                    "не удалось представить данные как JSON",
                    e.to_string(),
                ),
            )
        })?;
        for ((i, axis), value) in self.grid.iter().enumerate().zip(point) {
            set(&mut base, &axis.parameter, value.clone())
                .map_err(|detail| invalid(format!("grid[{i}].parameter"), detail))?;
        }
        let input = SimulationInput::from_value(base).map_err(|e| {
            invalid(
                "grid",
                LocalizedText::new(
                    format!(
                        "{} нүктесінде: {}",
                        Value::Array(point.to_vec()),
                        e.message(Lang::Kk)
                    ),
                    format!(
                        "в точке {}: {}",
                        Value::Array(point.to_vec()),
                        e.message(Lang::Ru)
                    ),
                    format!("at point {}: {e}", Value::Array(point.to_vec())),
                ),
            )
        })?;
        input.validate()?;
        Ok(input)
    }

    /// Checks the whole sweep (every point's inputs), then hands `f` its runs in order,
    /// holding one point's inputs at a time: memory does not grow with the runs.
    fn each_run(
        &self,
        f: &mut dyn FnMut(PlannedRun) -> Result<(), SimulationError>,
    ) -> Result<(), SimulationError> {
        self.check()?;
        let variants = self.variants();
        let points = self.points();
        // Every input checked before any run is handed out: a bad point refuses the sweep
        // before anything runs.
        for point in &points {
            for v in &variants {
                self.input_at(point, v)?;
            }
        }
        let mut run: u32 = 0;
        for point in &points {
            let inputs = variants
                .iter()
                .map(|v| self.input_at(point, v))
                .collect::<Result<Vec<_>, _>>()?;
            for &seed in &self.seeds {
                for (v, input) in variants.iter().zip(&inputs) {
                    let mut input = input.clone();
                    input.seed = seed;
                    f(PlannedRun {
                        run,
                        variant: v.name.clone(),
                        seed,
                        point: point.clone(),
                        input,
                    })?;
                    run = run.saturating_add(1);
                }
            }
        }
        Ok(())
    }

    /// How many runs the sweep plans, its sizes checked (not its inputs): what a host shows
    /// as a progress bar's total.
    ///
    /// # Errors
    /// As [`Sweep::runs`], for the sizes and names.
    pub fn run_count(&self) -> Result<usize, SimulationError> {
        Ok(self.identities()?.len())
    }

    /// Each run's variant, seed and point, in the plan's order, without its input.
    fn identities(&self) -> Result<Vec<(String, u64, Vec<Value>)>, SimulationError> {
        self.check()?;
        let variants = self.variants();
        let mut out = Vec::new();
        for point in self.points() {
            for &seed in &self.seeds {
                for v in &variants {
                    out.push((v.name.clone(), seed, point.clone()));
                }
            }
        }
        Ok(out)
    }

    /// Gathers the outcomes of the sweep's runs (in any order) into its table, intervals
    /// and paired differences.
    ///
    /// # Errors
    /// `SIMULATION_INPUT` (`outcomes`) when a run of the plan is missing, given twice, or
    /// not the plan's.
    pub fn collect(&self, outcomes: Vec<RunOutcome>) -> Result<SweepResult, SimulationError> {
        let planned = self.identities()?;
        let mut slots: Vec<Option<RunOutcome>> = vec![None; planned.len()];
        for o in outcomes {
            let i = o.run as usize;
            planned
                .get(i)
                .filter(|(variant, seed, point)| {
                    *variant == o.variant && *seed == o.seed && *point == o.point
                })
                .ok_or_else(|| {
                    invalid(
                        "outcomes",
                        LocalizedText::new(
                            format!("{}-іске қосу бұл зерттеуге жатпайды", o.run),
                            format!("прогон {} не из этого исследования", o.run),
                            format!("run {} is not one of this sweep's", o.run),
                        ),
                    )
                })?;
            let slot = &mut slots[i];
            if slot.is_some() {
                return Err(invalid(
                    "outcomes",
                    LocalizedText::new(
                        format!("{}-іске қосу екі рет берілген", o.run),
                        format!("прогон {} передан дважды", o.run),
                        format!("run {} given twice", o.run),
                    ),
                ));
            }
            *slot = Some(o);
        }
        let runs = slots
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                o.ok_or_else(|| {
                    invalid(
                        "outcomes",
                        LocalizedText::new(
                            format!("{i}-іске қосу жоқ"),
                            format!("нет прогона {i}"),
                            format!("run {i} is missing"),
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(table::gather(self, runs))
    }
}

impl PlannedRun {
    /// Runs it.
    ///
    /// # Errors
    /// As [`simulate`].
    pub fn run(&self) -> Result<RunOutcome, SimulationError> {
        let result = simulate(&self.input)?;
        Ok(RunOutcome {
            run: self.run,
            variant: self.variant.clone(),
            seed: self.seed,
            point: self.point.clone(),
            metrics: result
                .summary
                .metrics()
                .into_iter()
                .map(|(m, x)| (m, Some(x).filter(|x| !x.is_nan())))
                .collect(),
        })
    }
}

/// Runs every run of `sweep` one after another and gathers them: for a host with one
/// thread (hosts with more spread [`Sweep::runs`] and call [`Sweep::collect`]).
///
/// # Errors
/// As [`Sweep::runs`], then the first run's error.
pub fn simulate_sweep(sweep: &Sweep) -> Result<SweepResult, SimulationError> {
    simulate_sweep_with_progress(sweep, &mut |_, _| {})
}

/// [`simulate_sweep`], calling `progress(done, total)` after each run.
///
/// # Errors
/// As [`simulate_sweep`].
pub fn simulate_sweep_with_progress(
    sweep: &Sweep,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<SweepResult, SimulationError> {
    let total = sweep.identities()?.len();
    let mut outcomes = Vec::with_capacity(total);
    sweep.each_run(&mut |run| {
        outcomes.push(run.run()?);
        progress(outcomes.len(), total);
        Ok(())
    })?;
    sweep.collect(outcomes)
}

/// Sets the field at the dotted `path` of `data` to `value`. Every step but the last must
/// exist; a last one an object lacks is added (an optional field written out only when
/// set, such as `policy.ranked_choices`), and the input's own reading refuses it if the
/// input has no such field.
fn set(data: &mut Value, path: &str, value: Value) -> Result<(), LocalizedText> {
    if path.is_empty() || path.len() > 500 {
        return Err(LocalizedText::new(
            "нүктелі жол 1–500 байт болуы керек",
            "путь через точку длиной от 1 до 500 байт",
            "a dotted path of 1 to 500 bytes",
        ));
    }
    let parts: Vec<&str> = path.split('.').collect();
    let mut at = data;
    for (depth, part) in parts.iter().enumerate() {
        let last = depth + 1 == parts.len();
        let next = match at {
            Value::Object(map) => {
                if last {
                    Some(map.entry(*part).or_insert(Value::Null))
                } else {
                    map.get_mut(*part)
                }
            }
            Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        };
        let Some(next) = next else {
            let field = parts[..=depth].join(".");
            return Err(LocalizedText::new(
                format!("деректерде `{field}` өрісі жоқ"),
                format!("во входных данных нет поля `{field}`"),
                format!("the input has no field `{field}`"),
            ));
        };
        at = next;
    }
    *at = value;
    Ok(())
}
