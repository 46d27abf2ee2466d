//! A bug in kezek, caught: a Rust panic becomes [`InternalError`] (`INTERNAL`) at the
//! boundary, where every binding calls [`catch`], so that no panic unwinds into a host
//! (Python would get pyo3's `PanicException`, a `BaseException`; Kotlin uniffi's untyped
//! `InternalException`). With [`crate::Engine::checkpoint`] the engine a command panicked
//! in is put back as it was before the command.
//!
//! (On WebAssembly a panic cannot unwind: it traps, and the WASM binding recovers in its
//! own way, `bindings-wasm/src/recovery.rs`; its error is this one.)

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang};

/// A bug in kezek: a panic, with its message. Nothing a caller passes should cause one;
/// please report it with the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error in kezek: {panic}")]
pub struct InternalError {
    /// The panic's message.
    pub panic: String,
}

impl InternalError {
    /// The error for a caught panic's payload.
    #[must_use]
    pub fn of_panic(payload: &(dyn Any + Send)) -> Self {
        let panic = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Self { panic }
    }
}

crate::error::serialize_as_report!(InternalError);

impl LocalizedError for InternalError {
    fn code(&self) -> ErrorCode {
        ErrorCode::Internal
    }

    fn kind(&self) -> ErrorKind {
        ErrorKind::Internal
    }

    fn details(&self) -> Details {
        vec![("panic", Detail::text(&self.panic))]
    }

    fn message(&self, lang: Lang) -> String {
        // The panic's own text is English and for developers: it stays in `details` (and
        // the English message).
        pick(
            lang,
            "kezek ішкі қатесі: әрекет орындалмады".to_owned(),
            "внутренняя ошибка kezek: действие не выполнено".to_owned(),
            self.to_string(),
        )
    }
}

/// Runs `f`; a panic inside it is returned as [`InternalError`]. What `f` changed before
/// it panicked stays changed: a command's caller puts its engine back with
/// [`crate::Engine::roll_back`].
///
/// # Errors
/// [`InternalError`] when `f` panics.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, InternalError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| InternalError::of_panic(payload.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error_with_its_message() {
        let err = catch(|| -> u8 { panic!("broken {}", 7) }).expect_err("it panics");
        assert_eq!(err.panic, "broken 7");
        assert_eq!(err.code(), "INTERNAL");
        // The panic's text is for developers: in the details and the English message, not
        // in what a Kazakh or Russian reader sees.
        assert!(err.message(Lang::En).contains("broken 7"));
        assert!(
            !err.message(Lang::Ru).contains("broken") && !err.message(Lang::Kk).contains("broken")
        );
        assert_eq!(catch(|| 5), Ok(5));
    }
}
