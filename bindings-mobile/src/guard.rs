//! No panic crosses the boundary: every exported call runs inside [`guarded`], which turns a
//! panic into `KezekError::Internal` (the core's `InternalError`, `kezek::internal`). uniffi
//! would catch it too, but as an untyped internal error (a crash in Swift's non-throwing
//! calls); here it is one of the caller's errors.

use crate::errors::KezekError;

/// Runs `f`; a panic inside it becomes `KezekError::Internal` with the panic's message.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, KezekError>) -> Result<T, KezekError> {
    kezek::internal::catch(f).unwrap_or_else(|bug| Err(bug.into()))
}
