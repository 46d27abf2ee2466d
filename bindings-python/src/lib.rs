//! Python binding of kezek. For now it exposes the library's version; the full facade
//! (classes, exception hierarchy, pandas output) is its own issue.

use pyo3::prelude::*;

/// The Python module.
#[pymodule]
mod kezek_python {
    use pyo3::prelude::*;

    /// The version of kezek this module was built from.
    #[pyfunction]
    fn version() -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
}

pub use kezek_python::*;
