//! A sweep's outcomes gathered: the tidy table of runs, the means with their intervals and
//! the paired differences (see the module above).

use foldhash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::{RunOutcome, Sweep};

/// A sweep's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepResult {
    /// The grid's parameters, in order: the names of a point's values.
    pub parameters: Vec<String>,
    /// The level of the intervals.
    pub confidence: f64,
    /// Every run's metrics, in the plan's order.
    pub runs: Vec<RunOutcome>,
    /// Per grid point, variant and metric: the mean over the seeds.
    pub intervals: Vec<Interval>,
    /// Per compared variant (or grid point), its paired differences from the baseline.
    pub differences: Vec<PairedDifference>,
}

/// A metric's mean over the seeds of one variant at one grid point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    /// The variant.
    pub variant: String,
    /// The grid point.
    pub point: Vec<Value>,
    /// The metric.
    pub metric: String,
    /// The runs where the metric has a value.
    pub n: u32,
    /// Their mean; `None` with none.
    pub mean: Option<f64>,
    /// The interval's bounds (Student's t over the runs); `None` with fewer than two.
    pub low: Option<f64>,
    /// See `low`.
    pub high: Option<f64>,
}

/// A metric's differences, seed by seed, between a variant (or grid point) and the
/// baseline: `value − baseline value`, over the seeds where both have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairedDifference {
    /// The variant compared.
    pub variant: String,
    /// Its grid point.
    pub point: Vec<Value>,
    /// The baseline's variant.
    pub baseline: String,
    /// The baseline's grid point.
    pub baseline_point: Vec<Value>,
    /// The metric.
    pub metric: String,
    /// The seeds where both have the metric.
    pub n: u32,
    /// The baseline's mean over those seeds.
    pub baseline_mean: Option<f64>,
    /// The variant's mean over those seeds.
    pub mean: Option<f64>,
    /// The mean difference (`mean − baseline_mean`).
    pub difference: Option<f64>,
    /// The difference's interval (Student's t over the paired differences); `None` with
    /// fewer than two seeds.
    pub low: Option<f64>,
    /// See `low`.
    pub high: Option<f64>,
}

/// A table as columns: each column's name and values, one per row (`null` where missing).
pub type Columns = Vec<(String, Vec<Value>)>;

/// Columns filled row by row.
struct Builder {
    columns: Columns,
}

impl Builder {
    fn new(names: impl IntoIterator<Item = String>) -> Self {
        Builder {
            columns: names.into_iter().map(|n| (n, Vec::new())).collect(),
        }
    }

    fn row(&mut self, values: impl IntoIterator<Item = Value>) {
        for ((_, column), value) in self.columns.iter_mut().zip(values) {
            column.push(value);
        }
    }
}

fn number(x: Option<f64>) -> Value {
    x.map_or(Value::Null, Value::from)
}

impl SweepResult {
    /// The runs as a tidy table, one row per run and metric: `run`, `variant`, `seed`, one
    /// column per grid parameter, `metric`, `value`.
    #[must_use]
    pub fn runs_columns(&self) -> Columns {
        let names = ["run", "variant", "seed"].map(String::from).into_iter();
        let names = names
            .chain(self.parameters.iter().cloned())
            .chain(["metric", "value"].map(String::from));
        let mut b = Builder::new(names);
        for r in &self.runs {
            for (metric, value) in &r.metrics {
                let head = [r.run.into(), r.variant.as_str().into(), r.seed.into()];
                let tail = [metric.as_str().into(), number(*value)];
                b.row(head.into_iter().chain(r.point.iter().cloned()).chain(tail));
            }
        }
        b.columns
    }

    /// The means as a table: `variant`, one column per grid parameter, `metric`, `n`,
    /// `mean`, `low`, `high`.
    #[must_use]
    pub fn interval_columns(&self) -> Columns {
        let names = std::iter::once("variant".to_owned())
            .chain(self.parameters.iter().cloned())
            .chain(["metric", "n", "mean", "low", "high"].map(String::from));
        let mut b = Builder::new(names);
        for i in &self.intervals {
            let tail = [
                i.metric.as_str().into(),
                i.n.into(),
                number(i.mean),
                number(i.low),
                number(i.high),
            ];
            let head = std::iter::once(Value::from(i.variant.as_str()));
            b.row(head.chain(i.point.iter().cloned()).chain(tail));
        }
        b.columns
    }

    /// The paired differences as a table: `variant`, one column per grid parameter,
    /// `baseline`, `baseline.<parameter>` per parameter, `metric`, `n`, `baseline_mean`,
    /// `mean`, `difference`, `low`, `high`.
    #[must_use]
    pub fn difference_columns(&self) -> Columns {
        let names = std::iter::once("variant".to_owned())
            .chain(self.parameters.iter().cloned())
            .chain(std::iter::once("baseline".to_owned()))
            .chain(self.parameters.iter().map(|p| format!("baseline.{p}")))
            .chain(
                [
                    "metric",
                    "n",
                    "baseline_mean",
                    "mean",
                    "difference",
                    "low",
                    "high",
                ]
                .map(String::from),
            );
        let mut b = Builder::new(names);
        for d in &self.differences {
            let tail = [
                d.metric.as_str().into(),
                d.n.into(),
                number(d.baseline_mean),
                number(d.mean),
                number(d.difference),
                number(d.low),
                number(d.high),
            ];
            let row = std::iter::once(Value::from(d.variant.as_str()))
                .chain(d.point.iter().cloned())
                .chain(std::iter::once(Value::from(d.baseline.as_str())))
                .chain(d.baseline_point.iter().cloned())
                .chain(tail);
            b.row(row);
        }
        b.columns
    }
}

/// The mean of `xs` with its interval at `level`: `(mean, low, high)`.
fn mean_interval(xs: &[f64], level: f64) -> (Option<f64>, Option<f64>, Option<f64>) {
    #[allow(clippy::cast_precision_loss)] // at most MAX_SEEDS values
    let n = xs.len() as f64;
    if xs.is_empty() {
        return (None, None, None);
    }
    let mean = xs.iter().sum::<f64>() / n;
    if xs.len() < 2 {
        return (Some(mean), None, None);
    }
    let variance = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    let half = t_quantile(n - 1.0, level) * (variance / n).sqrt();
    if !half.is_finite() {
        return (Some(mean), None, None);
    }
    (Some(mean), Some(mean - half), Some(mean + half))
}

/// The two-sided Student's t quantile for `level` with `df` degrees of freedom, rounded to
/// 1e-9. The quantile is the one figure that needs the platform's `ln` and `exp`, which
/// differ in the last bit between glibc and the WebAssembly build's libm; rounded, every
/// host gets the same bits, and the rest (`+ − × ÷ √`) is exact IEEE arithmetic everywhere.
fn t_quantile(df: f64, level: f64) -> f64 {
    let q = StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |t| t.inverse_cdf(0.5 + level / 2.0));
    (q * 1e9).round() / 1e9
}

/// Counts fit a `u32`: at most `MAX_SEEDS`.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The answer of `sweep` from its `runs`, complete and in the plan's order (per grid point,
/// per seed, per variant).
pub(super) fn gather(sweep: &Sweep, runs: Vec<RunOutcome>) -> SweepResult {
    let variants = sweep.variants();
    let (v_count, s_count) = (variants.len(), sweep.seeds.len());
    let points = sweep.points();
    // The metrics in the order the runs first name them.
    let mut metrics: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::default();
    let values: Vec<HashMap<&str, f64>> = runs
        .iter()
        .map(|r| {
            r.metrics
                .iter()
                .filter_map(|(m, x)| {
                    if seen.insert(m) {
                        metrics.push(m);
                    }
                    Some((m.as_str(), (*x)?))
                })
                .collect()
        })
        .collect();
    let at = |p: usize, s: usize, v: usize| &values[(p * s_count + s) * v_count + v];
    let level = sweep.confidence;
    let mut intervals = Vec::new();
    for (p, point) in points.iter().enumerate() {
        for (v, variant) in variants.iter().enumerate() {
            for &m in &metrics {
                let xs: Vec<f64> = (0..s_count)
                    .filter_map(|s| at(p, s, v).get(m).copied())
                    .collect();
                let (mean, low, high) = mean_interval(&xs, level);
                intervals.push(Interval {
                    variant: variant.name.clone(),
                    point: point.clone(),
                    metric: m.to_owned(),
                    n: count(xs.len()),
                    mean,
                    low,
                    high,
                });
            }
        }
    }
    // Each variant against the first at its point; with one variant, each point against
    // the first.
    let pairs: Vec<((usize, usize), (usize, usize))> = if v_count > 1 {
        (0..points.len())
            .flat_map(|p| (1..v_count).map(move |v| ((p, v), (p, 0))))
            .collect()
    } else {
        (1..points.len()).map(|p| ((p, 0), (0, 0))).collect()
    };
    let mut differences = Vec::new();
    for ((p, v), (bp, bv)) in pairs {
        for &m in &metrics {
            let (a, b): (Vec<f64>, Vec<f64>) = (0..s_count)
                .filter_map(|s| Some((*at(bp, s, bv).get(m)?, *at(p, s, v).get(m)?)))
                .unzip();
            let d: Vec<f64> = a.iter().zip(&b).map(|(a, b)| b - a).collect();
            let (difference, low, high) = mean_interval(&d, level);
            differences.push(PairedDifference {
                variant: variants[v].name.clone(),
                point: points[p].clone(),
                baseline: variants[bv].name.clone(),
                baseline_point: points[bp].clone(),
                metric: m.to_owned(),
                n: count(d.len()),
                baseline_mean: mean_interval(&a, level).0,
                mean: mean_interval(&b, level).0,
                difference,
                low,
                high,
            });
        }
    }
    SweepResult {
        parameters: sweep.parameters(),
        confidence: level,
        intervals,
        differences,
        runs,
    }
}

#[cfg(test)]
mod tests {
    use super::mean_interval;

    #[test]
    fn the_interval_is_student_s() {
        // Two values 0 and 2: mean 1, sd √2, t(0.975, 1) = 12.706: 1 ± 12.706.
        let (mean, low, high) = mean_interval(&[0.0, 2.0], 0.95);
        assert_eq!(mean, Some(1.0));
        let (low, high) = (low.unwrap_or(f64::NAN), high.unwrap_or(f64::NAN));
        assert!((high - 1.0 - 12.7062).abs() < 1e-3, "{high}");
        assert!((1.0 - low - 12.7062).abs() < 1e-3, "{low}");
        // Ten values 0..9: mean 4.5, sd 3.0277, t(0.975, 9) = 2.2622.
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let (_, _, high) = mean_interval(&xs, 0.95);
        let half = 2.2622 * 3.02765 / 10f64.sqrt();
        assert!((high.unwrap_or(f64::NAN) - 4.5 - half).abs() < 1e-3);
        assert_eq!(mean_interval(&[3.0], 0.95), (Some(3.0), None, None));
        assert_eq!(mean_interval(&[], 0.95), (None, None, None));
        assert_eq!(
            mean_interval(&[2.0, 2.0], 0.95),
            (Some(2.0), Some(2.0), Some(2.0))
        );
    }
}
