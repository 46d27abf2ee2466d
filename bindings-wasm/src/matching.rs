//! Batch matching (`RULES.md §4–§5`): instances from arrays (plain or `Uint32Array`), the
//! three mechanisms, the checkers and the explanations of `kezek::matching`.

use std::rc::Rc;

use kezek::matching::{Instance, Matching as CoreMatching, Mechanism, Ranked, TieBreak};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{from_js, from_json, small, string, to_js};
use crate::errors::js;

/// A validated matching instance (immutable).
#[wasm_bindgen]
pub struct MatchingInstance(Rc<Instance>);

/// Indices from a `Uint32Array` (copied in one pass) or an array of whole numbers.
fn indices(what: &str, value: &JsValue) -> Result<Vec<u32>, JsValue> {
    if let Some(typed) = value.dyn_ref::<js_sys::Uint32Array>() {
        return Ok(typed.to_vec());
    }
    from_js(what, value)
}

/// Kindergarten priorities, or none: `[child, kindergarten, level]` rows.
fn priorities(value: &JsValue) -> Result<Vec<(u32, u32, u8)>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    from_js("priorities", value)
}

/// The tie-break from its data (`{kind: "single", seed: 7}`); none when absent.
fn tie_break(value: &JsValue) -> Result<TieBreak, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(TieBreak::None);
    }
    from_js("tieBreak", value)
}

fn validated(
    built: Result<Instance, kezek::matching::MatchingError>,
    priorities: &JsValue,
) -> Result<MatchingInstance, JsValue> {
    let priorities = self::priorities(priorities)?;
    let instance = js(built.and_then(|i| i.with_priorities(&priorities)))?;
    Ok(MatchingInstance(Rc::new(instance)))
}

#[wasm_bindgen]
impl MatchingInstance {
    /// From nested preference lists (one array of kindergarten indices per child), the
    /// kindergartens' capacities, each child's base rank (its queue order, 0 first) and
    /// optional priorities `[child, kindergarten, level]`.
    pub fn nested(
        #[wasm_bindgen(unchecked_param_type = "number[][]")] preferences: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] capacities: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] base: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "[number, number, number][]")]
        priorities: &JsValue,
    ) -> Result<MatchingInstance, JsValue> {
        let lists: Vec<Vec<u32>> = from_js("preferences", preferences)?;
        let built = Instance::new(
            lists,
            indices("capacities", capacities)?,
            indices("base", base)?,
        );
        validated(built, priorities)
    }

    /// From flat arrays: child `c` ranks `choices[offsets[c]..offsets[c + 1]]`.
    pub fn flat(
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] offsets: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] choices: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] capacities: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] base: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "[number, number, number][]")]
        priorities: &JsValue,
    ) -> Result<MatchingInstance, JsValue> {
        let built = Instance::from_flat(
            indices("offsets", offsets)?,
            indices("choices", choices)?,
            indices("capacities", capacities)?,
            indices("base", base)?,
        );
        validated(built, priorities)
    }

    /// How many children.
    #[wasm_bindgen(getter)]
    pub fn children(&self) -> usize {
        self.0.children()
    }

    /// How many kindergartens.
    #[wasm_bindgen(getter)]
    pub fn kindergartens(&self) -> usize {
        self.0.kindergartens()
    }

    /// Runs `mechanism` (`"deferred_acceptance"`, `"serial_dictatorship"` or
    /// `"immediate_acceptance"`) after drawing the lottery of `tieBreak` (none by default).
    pub fn solve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Mechanism")] mechanism: &JsValue,
        #[wasm_bindgen(js_name = tieBreak, unchecked_optional_param_type = "TieBreak")]
        tie_break: &JsValue,
    ) -> Result<Matching, JsValue> {
        let mechanism: Mechanism = from_json(
            "mechanism",
            &serde_json::Value::from(string("mechanism", mechanism)?),
        )?;
        let tie_break = self::tie_break(tie_break)?;
        let matching = self.0.rank(tie_break).solve(mechanism);
        Ok(Matching {
            instance: Rc::clone(&self.0),
            tie_break,
            solved: matching,
        })
    }

    /// A matching given as each child's kindergarten or `null` (e.g. from another tool),
    /// for the checkers and explanations under `tieBreak`.
    pub fn adopt(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(number | null)[]")] assignments: &JsValue,
        #[wasm_bindgen(js_name = tieBreak, unchecked_optional_param_type = "TieBreak")]
        tie_break: &JsValue,
    ) -> Result<Matching, JsValue> {
        let assignments: Vec<Option<u32>> = from_js("assignments", assignments)?;
        let tie_break = self::tie_break(tie_break)?;
        let matching = js(CoreMatching::from_assignments(&self.0, &assignments))?;
        Ok(Matching {
            instance: Rc::clone(&self.0),
            tie_break,
            solved: matching,
        })
    }
}

/// A matching of an instance, with the tie-break its priorities were drawn with.
#[wasm_bindgen]
pub struct Matching {
    instance: Rc<Instance>,
    tie_break: TieBreak,
    solved: CoreMatching,
}

impl Matching {
    fn judge<T>(&self, f: impl FnOnce(&Ranked<'_>, &CoreMatching) -> T) -> T {
        f(&self.instance.rank(self.tie_break), &self.solved)
    }
}

// `Ranked::cutoffs` and the like, as paths, are not general over `Ranked`'s lifetime; the
// closures are.
#[allow(clippy::redundant_closure_for_method_calls)]
#[wasm_bindgen]
impl Matching {
    /// Per child, its kindergarten or `null`.
    #[wasm_bindgen(unchecked_return_type = "(number | null)[]")]
    pub fn assignments(&self) -> Result<JsValue, JsValue> {
        to_js(&self.solved.assignments())
    }

    /// How many children got a place.
    #[wasm_bindgen(getter, js_name = admittedCount)]
    pub fn admitted_count(&self) -> usize {
        self.solved.assignments().iter().flatten().count()
    }

    /// The children each kindergarten admitted.
    #[wasm_bindgen(unchecked_return_type = "number[][]")]
    pub fn admitted(&self) -> Result<JsValue, JsValue> {
        to_js(&self.solved.admitted(self.instance.kindergartens()))
    }

    /// The tie-break the priorities were drawn with.
    #[wasm_bindgen(getter, js_name = tieBreak, unchecked_return_type = "TieBreak")]
    pub fn tie_break(&self) -> Result<JsValue, JsValue> {
        to_js(&self.tie_break)
    }

    /// `null` when the matching is valid, else its first violation.
    #[wasm_bindgen(js_name = checkValid, unchecked_return_type = "Violation | null")]
    pub fn check_valid(&self) -> Result<JsValue, JsValue> {
        match self.judge(|r, m| r.check_valid(m)) {
            Ok(()) => Ok(JsValue::NULL),
            Err(v) => to_js(&v),
        }
    }

    /// Pairs `[child, kindergarten]` that would both rather be matched together.
    #[wasm_bindgen(js_name = blockingPairs, unchecked_return_type = "[number, number][]")]
    pub fn blocking_pairs(&self) -> Result<JsValue, JsValue> {
        to_js(&self.judge(|r, m| r.blocking_pairs(m)))
    }

    /// Children who envy another's place at a kindergarten where they rank higher.
    #[wasm_bindgen(js_name = justifiedEnvy, unchecked_return_type = "Envy[]")]
    pub fn justified_envy(&self) -> Result<JsValue, JsValue> {
        to_js(&self.judge(|r, m| r.justified_envy(m)))
    }

    /// Each kindergarten's cutoff: how many it admitted and the last one admitted.
    #[wasm_bindgen(unchecked_return_type = "Cutoff[]")]
    pub fn cutoffs(&self) -> Result<JsValue, JsValue> {
        to_js(&self.judge(|r, m| r.cutoffs(m)))
    }

    /// Why `child` did not get the kindergartens it ranked above its own.
    #[wasm_bindgen(js_name = whyNot, unchecked_return_type = "WhyNot[]")]
    pub fn why_not(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] child: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let child = small("child", child)?;
        to_js(&self.judge(|r, m| r.why_not(m, child)))
    }

    /// Where `child` stands at `kindergarten`, or `null` if it did not rank it.
    #[wasm_bindgen(unchecked_return_type = "PriorityKey | null")]
    pub fn priority(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] child: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] kindergarten: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (child, kindergarten) = (small("child", child)?, small("kindergarten", kindergarten)?);
        if child as usize >= self.instance.children() {
            return Ok(JsValue::NULL);
        }
        to_js(
            &self
                .instance
                .rank(self.tie_break)
                .priority(child, kindergarten),
        )
    }
}
