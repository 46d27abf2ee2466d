//! `Policy` and `PolicyBook`: dated regional parameter sets (`RULES.md §10`).

use kezek::policy::{Policy as CorePolicy, PolicyBook as CoreBook};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{date, from_js, json_text, string, to_js};
use crate::errors::js;

/// One dated set of policy parameters; `toData()` gives every parameter.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Policy(pub(crate) CorePolicy);

#[wasm_bindgen]
impl Policy {
    /// A policy from its data (as `toData()` gives it); validated.
    #[wasm_bindgen(js_name = fromData)]
    pub fn from_data(
        #[wasm_bindgen(unchecked_param_type = "PolicyData")] data: &JsValue,
    ) -> Result<Policy, JsValue> {
        let policy: CorePolicy = from_js("policy", data)?;
        js(policy.validate())?;
        Ok(Self(policy))
    }

    /// Every parameter, as plain data (camelCase keys).
    #[wasm_bindgen(js_name = toData, unchecked_return_type = "PolicyData")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0)
    }

    /// This policy with some parameters changed (a policy variant), validated:
    /// `policy.with({id: "almaty-1to3", interleave: …})`.
    pub fn with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<PolicyData>")] changes: &JsValue,
    ) -> Result<Policy, JsValue> {
        let mut data = serde_json::to_value(&self.0)
            .map_err(|e| crate::errors::input_error("policy", &e.to_string()))?;
        let changes = crate::convert::from_js_json("policy changes", changes)?;
        if let (Some(target), serde_json::Value::Object(changes)) = (data.as_object_mut(), changes)
        {
            target.extend(changes);
        }
        let policy: CorePolicy = crate::convert::from_json("policy", &data)?;
        js(policy.validate())?;
        Ok(Self(policy))
    }

    /// The policy's id (`"almaty-2024"`).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id.clone()
    }

    /// The regions it applies to.
    #[wasm_bindgen(getter)]
    pub fn regions(&self) -> Vec<String> {
        self.0.regions.clone()
    }

    /// Whether distribution is frozen on `date` (an ISO date, `RULES.md §7`).
    #[wasm_bindgen(js_name = isFrozen)]
    pub fn is_frozen(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
    ) -> Result<bool, JsValue> {
        Ok(self.0.is_frozen(date("date", day)?))
    }

    /// Whether two policies have the same parameters.
    pub fn equals(&self, other: &Policy) -> bool {
        self.0 == other.0
    }
}

/// The regions and their policies over time.
#[wasm_bindgen]
#[derive(Clone)]
pub struct PolicyBook(CoreBook);

#[wasm_bindgen]
impl PolicyBook {
    /// The built-in book: national defaults, Almaty, Akmola, Astana, the voucher pilot.
    pub fn builtin() -> PolicyBook {
        Self(CoreBook::builtin().clone())
    }

    /// A book from JSON text, or data of the same format; a book of an older format (no
    /// `format` field: format 1) is migrated. `POLICY_FORMAT` for a newer one.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] data: &JsValue,
    ) -> Result<PolicyBook, JsValue> {
        js(CoreBook::from_json(&json_text("policy book", data)?)).map(Self)
    }

    /// The book as JSON text (snake_case keys, the core's file format).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The policy in force in `region` on `date` (an ISO date).
    #[wasm_bindgen(js_name = policyFor)]
    pub fn policy_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] region: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
    ) -> Result<Policy, JsValue> {
        let day = date("date", day)?;
        js(self.0.policy_for(&string("region", region)?, day)).map(|p| Policy(p.clone()))
    }

    /// The policy with this id.
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: &JsValue,
    ) -> Result<Policy, JsValue> {
        js(self.0.get(&string("id", id)?)).map(|p| Policy(p.clone()))
    }

    /// The ids of every policy version, in the book's order.
    pub fn ids(&self) -> Vec<String> {
        self.0.ids().into_iter().map(str::to_owned).collect()
    }

    /// The regions the book lists: `{code, name: {kk, ru, en}}`.
    #[wasm_bindgen(unchecked_return_type = "RegionInfo[]")]
    pub fn regions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.regions)
    }

    /// This book with one more policy (a new version of a region's parameters).
    #[wasm_bindgen(js_name = withPolicy)]
    pub fn with_policy(&self, policy: &Policy) -> Result<PolicyBook, JsValue> {
        let mut book = self.0.clone();
        js(book.insert(policy.0.clone()))?;
        Ok(Self(book))
    }
}
