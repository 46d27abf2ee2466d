//! Batch matching (`RULES.md §4–§5`): instances from NumPy arrays or lists, the three
//! mechanisms, the checkers and the explanations of `kezek::matching`.
//!
//! Index arrays are read in Rust (`convert::indices`), and the GIL is released while an
//! instance is validated, a mechanism runs or a checker walks the matching, so threads
//! solve instances side by side.

use std::sync::Arc;

use kezek::matching::{Instance, Matching, Mechanism, Ranked, TieBreak};
use pyo3::prelude::*;

use crate::convert::{deserialize, indices, serialize};
use crate::errors::{input_error, py};

/// A validated matching instance (shared, immutable).
#[pyclass(module = "kezek._kezek", name = "MatchingInstance", frozen)]
pub(crate) struct PyInstance(Arc<Instance>);

/// Kindergarten priorities, or none: `(child, kindergarten, level)` rows, as an `(n, 3)`
/// NumPy integer array (read in Rust) or any sequence of three-item sequences.
fn priorities(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(u32, u32, u8)>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let shape = || input_error("priorities", "each row is (child, kindergarten, level)");
    let flat = if obj.hasattr("__array_interface__")? {
        let dims: Vec<usize> = obj.getattr("shape")?.extract()?;
        if !matches!(dims.as_slice(), [_, 3]) && dims.iter().product::<usize>() != 0 {
            return Err(shape());
        }
        indices("priorities", &obj.call_method0("ravel")?)?
    } else {
        let mut flat = Vec::new();
        for row in obj.try_iter()? {
            let row = indices("priorities", &row?)?;
            if row.len() != 3 {
                return Err(shape());
            }
            flat.extend(row);
        }
        flat
    };
    if flat.len() % 3 != 0 {
        return Err(shape());
    }
    flat.chunks_exact(3)
        .map(|row| {
            let level = u8::try_from(row[2])
                .map_err(|_| input_error("priorities", "a level is from 0 to 255"))?;
            Ok((row[0], row[1], level))
        })
        .collect()
}

/// The tie-break from its dict form (`{"kind": "single", "seed": 7}`).
fn tie_break(obj: &Bound<'_, PyAny>) -> PyResult<TieBreak> {
    deserialize("tie_break", obj)
}

impl PyInstance {
    fn validate(
        gil: Python<'_>,
        build: impl FnOnce() -> Result<Instance, kezek::matching::MatchingError> + Send,
        priorities: &[(u32, u32, u8)],
    ) -> PyResult<Self> {
        let instance = py(gil.detach(|| build().and_then(|i| i.with_priorities(priorities))))?;
        Ok(Self(Arc::new(instance)))
    }

    /// A child index from Python (any integer) checked against the instance.
    fn child(&self, child: i64) -> PyResult<u32> {
        match u32::try_from(child) {
            Ok(c) if (c as usize) < self.0.children() => Ok(c),
            _ => Err(input_error(
                "child",
                &format!(
                    "{child} is not a child of this instance ({} children)",
                    self.0.children()
                ),
            )),
        }
    }
}

#[pymethods]
impl PyInstance {
    /// From nested preference lists (one sequence of kindergarten indices per child).
    #[staticmethod]
    #[pyo3(signature = (preferences, capacities, base, priorities = None))]
    fn nested(
        py: Python<'_>,
        preferences: &Bound<'_, PyAny>,
        capacities: &Bound<'_, PyAny>,
        base: &Bound<'_, PyAny>,
        priorities: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let lists = preferences
            .try_iter()
            .map_err(|e| input_error("preferences", &e.to_string()))?
            .map(|list| indices("preferences", &list?))
            .collect::<PyResult<Vec<_>>>()?;
        let (capacities, base) = (indices("capacities", capacities)?, indices("base", base)?);
        let priorities = self::priorities(priorities)?;
        Self::validate(
            py,
            move || Instance::new(lists, capacities, base),
            &priorities,
        )
    }

    /// From flat arrays: child `c` ranks `choices[offsets[c]:offsets[c + 1]]`.
    #[staticmethod]
    #[pyo3(signature = (offsets, choices, capacities, base, priorities = None))]
    fn flat(
        py: Python<'_>,
        offsets: &Bound<'_, PyAny>,
        choices: &Bound<'_, PyAny>,
        capacities: &Bound<'_, PyAny>,
        base: &Bound<'_, PyAny>,
        priorities: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let (offsets, choices) = (indices("offsets", offsets)?, indices("choices", choices)?);
        let (capacities, base) = (indices("capacities", capacities)?, indices("base", base)?);
        let priorities = self::priorities(priorities)?;
        Self::validate(
            py,
            move || Instance::from_flat(offsets, choices, capacities, base),
            &priorities,
        )
    }

    #[getter]
    fn children(&self) -> usize {
        self.0.children()
    }

    #[getter]
    fn kindergartens(&self) -> usize {
        self.0.kindergartens()
    }

    fn capacities(&self) -> Vec<u32> {
        self.0.capacities().to_vec()
    }

    /// Child `child`'s preference list, best first.
    fn preferences_of(&self, child: i64) -> PyResult<Vec<u32>> {
        Ok(self.0.list(self.child(child)?).to_vec())
    }

    /// `(offsets, choices, capacities, base, priorities)`: everything `flat` needs.
    #[allow(clippy::type_complexity)]
    fn parts(&self) -> (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>, Vec<(u32, u32, u8)>) {
        let i = &self.0;
        (
            i.offsets().to_vec(),
            i.choices().to_vec(),
            i.capacities().to_vec(),
            i.base().to_vec(),
            i.priorities(),
        )
    }

    /// Runs `mechanism` after drawing the lottery of `tie_break`.
    fn solve(
        &self,
        py: Python<'_>,
        mechanism: &str,
        tie_break: &Bound<'_, PyAny>,
    ) -> PyResult<PyMatching> {
        let tie_break = self::tie_break(tie_break)?;
        let mechanism: Mechanism = serde_json::from_value(serde_json::Value::from(mechanism))
            .map_err(|e| {
                crate::errors::ToPyErr::to_py_err(&kezek::InputError::json("mechanism", &e))
            })?;
        let instance = Arc::clone(&self.0);
        let matching = py.detach(|| instance.rank(tie_break).solve(mechanism));
        Ok(PyMatching {
            instance,
            tie_break,
            matching,
        })
    }

    /// A matching given as each child's kindergarten or `None` (e.g. from another tool),
    /// for the checkers and explanations under `tie_break`.
    fn adopt(
        &self,
        assignments: &Bound<'_, PyAny>,
        tie_break: &Bound<'_, PyAny>,
    ) -> PyResult<PyMatching> {
        let assignments = assignments
            .extract::<Vec<Option<u32>>>()
            .map_err(|e| input_error("assignments", &e.to_string()))?;
        let tie_break = self::tie_break(tie_break)?;
        let matching = py(Matching::from_assignments(&self.0, &assignments))?;
        Ok(PyMatching {
            instance: Arc::clone(&self.0),
            tie_break,
            matching,
        })
    }
}

/// A matching of an instance, with the tie-break its priorities were drawn with.
#[pyclass(module = "kezek._kezek", name = "Matching", frozen)]
pub(crate) struct PyMatching {
    instance: Arc<Instance>,
    tie_break: TieBreak,
    matching: Matching,
}

impl PyMatching {
    /// Runs `f` on the ranked instance without the GIL.
    fn judge<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Ranked<'_>, &Matching) -> T + Send,
    ) -> T {
        py.detach(|| f(&self.instance.rank(self.tie_break), &self.matching))
    }
}

// `Ranked::cutoffs` and the like, as paths, are not general over `Ranked`'s lifetime; the
// closures are.
#[allow(clippy::redundant_closure_for_method_calls)]
#[pymethods]
impl PyMatching {
    /// Per child, its kindergarten or `None`.
    fn assignments(&self) -> Vec<Option<u32>> {
        self.matching.assignments()
    }

    /// Per child, the position of its kindergarten in its list (0 = first) or `None`.
    fn choices(&self) -> Vec<Option<usize>> {
        (0..self.instance.children())
            .map(|c| {
                u32::try_from(c)
                    .ok()
                    .and_then(|c| self.matching.choice_of(c))
            })
            .collect()
    }

    /// The children each kindergarten admitted.
    fn admitted(&self) -> Vec<Vec<u32>> {
        self.matching.admitted(self.instance.kindergartens())
    }

    fn tie_break<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.tie_break)
    }

    /// `None` when valid, else the first violation as data.
    fn check_valid<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.judge(py, |r, m| r.check_valid(m)) {
            Ok(()) => Ok(None),
            Err(v) => serialize(py, &v).map(Some),
        }
    }

    fn blocking_pairs(&self, py: Python<'_>) -> Vec<(u32, u32)> {
        self.judge(py, |r, m| r.blocking_pairs(m))
    }

    fn justified_envy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let envy = self.judge(py, |r, m| r.justified_envy(m));
        serialize(py, &envy)
    }

    fn cutoffs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cutoffs = self.judge(py, |r, m| r.cutoffs(m));
        serialize(py, &cutoffs)
    }

    /// Why `child` did not get the kindergartens it ranked above its own; empty for an
    /// index that is not a child.
    fn why_not<'py>(&self, py: Python<'py>, child: i64) -> PyResult<Bound<'py, PyAny>> {
        let why = match u32::try_from(child) {
            Ok(c) => self.judge(py, |r, m| r.why_not(m, c)),
            Err(_) => Vec::new(),
        };
        serialize(py, &why)
    }

    /// Where `child` stands at `kindergarten`, if it is a child and ranked it.
    fn priority<'py>(
        &self,
        py: Python<'py>,
        child: i64,
        kindergarten: i64,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let (Ok(child), Ok(kindergarten)) = (u32::try_from(child), u32::try_from(kindergarten))
        else {
            return Ok(None);
        };
        if child as usize >= self.instance.children() {
            return Ok(None);
        }
        self.instance
            .rank(self.tie_break)
            .priority(child, kindergarten)
            .map(|key| serialize(py, &key))
            .transpose()
    }
}
