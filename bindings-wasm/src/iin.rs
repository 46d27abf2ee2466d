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
    /// Parses and checks an IIN (length, digits, checksum). Digits that encode no birth
    /// date are valid (`RULES.md §1`, revised 2026-12).
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

    /// The birth date the digits encode (an ISO date), or `undefined` when they encode
    /// none. Not the child's birth date: that is the register's, on the application.
    #[wasm_bindgen(getter, js_name = encodedBirthDate)]
    pub fn encoded_birth_date(&self) -> Option<String> {
        self.0.encoded_birth_date().map(|d| d.to_string())
    }

    /// `"male"` or `"female"` as the 7th digit encodes it, or `undefined`.
    #[wasm_bindgen(getter, js_name = encodedSex, unchecked_return_type = "Sex | undefined")]
    pub fn encoded_sex(&self) -> Option<String> {
        self.0.encoded_sex().map(|s| {
            match s {
                kezek::Sex::Male => "male",
                kezek::Sex::Female => "female",
            }
            .to_owned()
        })
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
