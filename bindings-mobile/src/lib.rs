//! Kotlin/Swift binding of kezek through uniffi proc-macros. For now it exposes the
//! library's version; the full facade (records, error enums, the engine object) is its
//! own issue.

uniffi::setup_scaffolding!();

/// The version of kezek this library was built from.
#[uniffi::export]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
