//! `Iin`: the 12-digit identifier (`RULES.md §1`); printed masked, its digits only on
//! request.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{date, small, string};
use crate::errors::{input_error, js};

/// A valid IIN. `toString()`, `toJSON()` and Node's `inspect` show it masked;
/// `exposeDigits()` gives the digits.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Iin(pub(crate) kezek::Iin);

#[wasm_bindgen]
impl Iin {
    /// Parses and checks an IIN (length, digits, century digit, birth date, checksum).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<Iin, JsValue> {
        js(kezek::Iin::parse(&string("text", text)?)).map(Self)
    }

    /// The IIN of a child born on `birthDate` (an ISO date), of `sex` (`"male"` or
    /// `"female"`), with the registry's `serial` number (its checksum computed).
    #[wasm_bindgen(js_name = fromParts)]
    pub fn from_parts(
        #[wasm_bindgen(js_name = birthDate, unchecked_param_type = "string")] birth_date: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Sex")] sex: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] serial: &JsValue,
    ) -> Result<Iin, JsValue> {
        let birth = date("birthDate", birth_date)?;
        let sex = match string("sex", sex)?.as_str() {
            "male" => kezek::Sex::Male,
            "female" => kezek::Sex::Female,
            _ => return Err(input_error("sex", "expected \"male\" or \"female\"")),
        };
        let serial = u16::try_from(small("serial", serial)?)
            .map_err(|_| input_error("serial", "a serial is from 0 to 9999"))?;
        js(kezek::Iin::from_parts(birth, sex, serial)).map(Self)
    }

    /// The birth date the IIN encodes (an ISO date).
    #[wasm_bindgen(getter, js_name = birthDate)]
    pub fn birth_date(&self) -> String {
        self.0.birth_date().to_string()
    }

    /// `"male"` or `"female"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Sex")]
    pub fn sex(&self) -> String {
        match self.0.sex() {
            kezek::Sex::Male => "male",
            kezek::Sex::Female => "female",
        }
        .to_owned()
    }

    /// The IIN with its first eight digits hidden.
    #[wasm_bindgen(getter)]
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// The twelve digits: personal data, for storage and lookups only.
    #[wasm_bindgen(js_name = exposeDigits)]
    pub fn expose_digits(&self) -> String {
        self.0.expose_digits().to_owned()
    }

    /// The masked IIN.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.masked()
    }

    /// The masked IIN (so `JSON.stringify` never writes the digits).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.masked()
    }

    /// Whether two IINs are the same.
    pub fn equals(&self, other: &Iin) -> bool {
        self.0 == other.0
    }
}
