//! JavaScript/WASM binding of kezek. For now it exposes the library's version; the full
//! facade (types, errors as `Error` subclasses, the portal widget) is its own issue.

use wasm_bindgen::prelude::wasm_bindgen;

/// The version of kezek this package was built from.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
