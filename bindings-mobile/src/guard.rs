//! No panic crosses the boundary: every exported call runs inside [`guarded`], which turns a
//! panic into `KezekError::Internal`. uniffi would catch it too, but as an untyped internal
//! error (a crash in Swift's non-throwing calls); here it is one of the caller's errors.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::errors::KezekError;

/// Runs `f`; a panic inside it becomes `KezekError::Internal` with the panic's message.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, KezekError>) -> Result<T, KezekError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(KezekError::Internal {
            panic: panic_message(payload.as_ref()),
        })
    })
}

/// The message a panic was raised with.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}
