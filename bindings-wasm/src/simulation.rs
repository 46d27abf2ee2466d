//! The queue simulator (`RULES.md §2–§7`): inputs as plain data, results as a class whose
//! tables cross as columns.

use kezek::simulation::{
    compare, default_city_input, simulate_pair, simulate_sweep_with_progress,
    simulate_with_progress, CityTables, Progress, Sheet, SimulationInput,
    SimulationResult as CoreResult, Sweep,
};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{signed, small, to_js, whole};
use crate::errors::js;
use crate::policy::Policy;

/// The default city (a made-up city of Almaty's size) from 1 January of `startYear`, as
/// simulation input data.
#[wasm_bindgen(js_name = defaultCityInput, unchecked_return_type = "SimulationInput")]
pub fn default_city(
    #[wasm_bindgen(js_name = startYear, unchecked_param_type = "number")] start_year: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] years: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] seed: &JsValue,
) -> Result<JsValue, JsValue> {
    let input = js(default_city_input(
        signed("startYear", start_year)?,
        small("years", years)?,
        whole("seed", seed)?,
    ))?;
    to_js(&input)
}

/// A simulation's result.
#[wasm_bindgen]
pub struct SimulationResult(CoreResult);

#[wasm_bindgen]
impl SimulationResult {
    /// The city simulated.
    #[wasm_bindgen(getter)]
    pub fn city(&self) -> String {
        self.0.city.clone()
    }

    /// The policy's id.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> String {
        self.0.policy.clone()
    }

    /// The first reported day (an ISO date).
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> String {
        self.0.start.to_string()
    }

    /// The last simulated day.
    #[wasm_bindgen(getter)]
    pub fn end(&self) -> String {
        self.0.end.to_string()
    }

    /// The summary statistics.
    #[wasm_bindgen(getter, unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.summary)
    }

    /// One array per column of the child table (`id`, `class`, `registered`, `placed`,
    /// `outcome`…), one entry per child.
    #[wasm_bindgen(unchecked_return_type = "ChildTable")]
    pub fn children(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.children)
    }

    /// One array per column of the day table, one entry per simulated day.
    #[wasm_bindgen(unchecked_return_type = "DayTable")]
    pub fn days(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.days)
    }

    /// The whole result as plain data (camelCase keys).
    #[wasm_bindgen(js_name = toData, unchecked_return_type = "SimulationData")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0)
    }

    /// Its summary against `other`'s, metric by metric (`NaN` for a metric only one run
    /// has reads `null`).
    #[wasm_bindgen(unchecked_return_type = "MetricDiff[]")]
    pub fn compare(&self, other: &SimulationResult) -> Result<JsValue, JsValue> {
        to_js(&compare(&self.0.summary, &other.0.summary))
    }
}

/// Runs a simulation of `input` (data in the shape of `defaultCityInput`'s answer);
/// `onProgress(day, days, date)` is called after each simulated day. An exception from the
/// callback stops further calls and is thrown when the run ends.
#[wasm_bindgen]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "SimulationInput")] input: &JsValue,
    #[wasm_bindgen(
        js_name = onProgress,
        unchecked_optional_param_type = "(day: number, days: number, date: string) => void"
    )]
    on_progress: &JsValue,
) -> Result<SimulationResult, JsValue> {
    let input = simulation_input(input)?;
    let mut reporter = Reporter::of(on_progress)?;
    let result = simulate_with_progress(&input, &mut |p: &Progress| {
        reporter.call(&[p.day.into(), p.days.into(), p.date.to_string().into()]);
    });
    reporter.finish(js(result)).map(SimulationResult)
}

/// Runs `input` under its own policy and under `other`, same seed.
#[wasm_bindgen(js_name = simulatePair)]
pub fn simulate_two(
    #[wasm_bindgen(unchecked_param_type = "SimulationInput")] input: &JsValue,
    other: &Policy,
) -> Result<Vec<SimulationResult>, JsValue> {
    let input = simulation_input(input)?;
    let (a, b, _) = js(simulate_pair(&input, &other.0))?;
    Ok(vec![SimulationResult(a), SimulationResult(b)])
}

/// A simulation input from JS data or JSON text, an older format migrated by the core.
fn simulation_input(input: &JsValue) -> Result<SimulationInput, JsValue> {
    let json = crate::convert::json_text("simulation input", input)?;
    SimulationInput::from_json(&json).map_err(|e| crate::errors::js_error(&e))
}

/// A run's `onProgress` callback (none when `undefined` or `null`): once it throws it is
/// not called again, and its exception is what the run gives.
struct Reporter<'a> {
    callback: Option<&'a js_sys::Function>,
    failed: Option<JsValue>,
}

impl<'a> Reporter<'a> {
    fn of(on_progress: &'a JsValue) -> Result<Self, JsValue> {
        let callback = if on_progress.is_undefined() || on_progress.is_null() {
            None
        } else {
            Some(on_progress.dyn_ref::<js_sys::Function>().ok_or_else(|| {
                let found = crate::convert::type_name(on_progress);
                crate::errors::js_error(&kezek::InputError::of_type(
                    "onProgress",
                    "a function",
                    &found,
                ))
            })?)
        };
        Ok(Self {
            callback,
            failed: None,
        })
    }

    fn call(&mut self, args: &[JsValue]) {
        if let (Some(f), None) = (self.callback, &self.failed) {
            let args: js_sys::Array = args.iter().collect();
            self.failed = f.apply(&JsValue::NULL, &args).err();
        }
    }

    fn finish<T>(self, result: Result<T, JsValue>) -> Result<T, JsValue> {
        self.failed.map_or(result, Err)
    }
}

/// Runs a sweep (`kezek::simulation::Sweep`: one input under several policies, seeds and a
/// grid of parameters) one run after another; `onProgress(done, total)` is called after
/// each run. A grid parameter is a dotted path of the input's fields, in camelCase or
/// snake_case (`behaviour.renewal.renews`); the answer names it in snake_case, as every
/// host does.
#[wasm_bindgen(js_name = simulateSweep, unchecked_return_type = "SweepResult")]
pub fn simulate_sweep(
    #[wasm_bindgen(unchecked_param_type = "Sweep")] sweep: &JsValue,
    #[wasm_bindgen(
        js_name = onProgress,
        unchecked_optional_param_type = "(done: number, total: number) => void"
    )]
    on_progress: &JsValue,
) -> Result<JsValue, JsValue> {
    let mut reporter = Reporter::of(on_progress)?;
    let mut data = crate::convert::from_js_json("sweep", sweep)?;
    if let Some(axes) = data
        .get_mut("grid")
        .and_then(serde_json::Value::as_array_mut)
    {
        for axis in axes {
            if let Some(serde_json::Value::String(path)) = axis.get_mut("parameter") {
                let snake: Vec<String> = path.split('.').map(crate::convert::snake).collect();
                *path = snake.join(".");
            }
        }
    }
    let sweep = js(Sweep::from_value(data))?;
    let result = simulate_sweep_with_progress(&sweep, &mut |done: usize, total: usize| {
        reporter.call(&[done.into(), total.into()]);
    });
    to_js(&reporter.finish(js(result))?)
}

/// `input` with its city's districts and kindergartens read from two CSV tables (named
/// `kindergartens.csv` and `districts.csv` in errors; the columns: README, "A real city");
/// a cell that is wrong is a `SimulationError` (`SIMULATION_TABLE`) with its `file`, `row`
/// and `column`.
#[wasm_bindgen(js_name = withCity, unchecked_return_type = "SimulationInput")]
pub fn with_city(
    #[wasm_bindgen(unchecked_param_type = "SimulationInput")] input: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] kindergartens: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] districts: &JsValue,
) -> Result<JsValue, JsValue> {
    let input = simulation_input(input)?;
    let sheet = |file: &str, text: &JsValue| -> Result<Sheet, JsValue> {
        let text = crate::convert::string(file, text)?;
        js(Sheet::from_csv(file, &text))
    };
    let tables = CityTables {
        kindergartens: sheet("kindergartens.csv", kindergartens)?,
        districts: sheet("districts.csv", districts)?,
    };
    to_js(&js(tables.apply_to(&input))?)
}
