//! Putting an engine back as it was before a command that stopped midway. A refused
//! command changes nothing by the engine's own rule; a command that panics (a bug) may stop
//! after changing part of the engine. A [`Checkpoint`] taken before the command lets the
//! binding that caught the panic ([`crate::internal::catch`]) roll the engine back: from its
//! log, which only grows and rebuilds the engine ([`Engine::replay`]), or, for an engine
//! that keeps no log, from a copy.

use super::{Engine, LifecycleError};
use crate::internal::{catch, InternalError};

/// What [`Engine::roll_back`] needs: the log's length, or a copy of an engine without a log.
#[derive(Debug, Clone)]
pub struct Checkpoint(Saved);

#[derive(Debug, Clone)]
enum Saved {
    LogLength(usize),
    Copy(Box<Engine>),
}

impl Engine {
    /// A checkpoint before a command: the log's length (nothing to copy) when the engine
    /// keeps its log, else a copy of the engine (a pass over it).
    #[must_use]
    pub fn checkpoint(&self) -> Checkpoint {
        if self.keeps_log() {
            Checkpoint(Saved::LogLength(self.log().len()))
        } else {
            Checkpoint(Saved::Copy(Box::new(self.clone())))
        }
    }

    /// Puts the engine back as it was at `checkpoint`, after a command that panicked: by
    /// replaying its log up to the checkpoint (a pass over every command since the engine
    /// was created; only after a bug), or from the copy.
    ///
    /// # Errors
    /// The replay's error, which would be a second bug; the engine is then left as it is.
    pub fn roll_back(&mut self, checkpoint: Checkpoint) -> Result<(), LifecycleError> {
        match checkpoint.0 {
            Saved::Copy(copy) => *self = *copy,
            Saved::LogLength(n) => {
                let log = self.log().get(..n).unwrap_or_else(|| self.log());
                *self = Engine::replay(self.policy.clone(), self.log_calendar.clone(), log)?;
            }
        }
        Ok(())
    }

    /// Runs `f`, a command on this engine, for a binding: a panic inside it (a bug) is
    /// caught, the engine rolled back to a checkpoint taken before, and the panic returned
    /// as [`InternalError`]; otherwise `f`'s own result.
    ///
    /// # Errors
    /// [`InternalError`] when `f` panics.
    pub fn guarded<T, E>(
        &mut self,
        f: impl FnOnce(&mut Engine) -> Result<T, E>,
    ) -> Result<Result<T, E>, InternalError> {
        let checkpoint = self.checkpoint();
        catch(|| f(self)).inspect_err(|_| {
            // A failed roll-back would be a second bug: the engine is left as it is.
            let _ = self.roll_back(checkpoint);
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::internal::catch;
    use crate::{Engine, PolicyBook, WorkCalendar};
    use chrono::NaiveDate;

    fn at(h: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, 3)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    fn engine(keep_log: bool) -> Engine {
        let policy = PolicyBook::builtin().get("akmola-2024").cloned();
        let e = Engine::new(policy.expect("built in"), WorkCalendar::kazakhstan()).expect("valid");
        if keep_log {
            e
        } else {
            e.without_log()
        }
    }

    #[test]
    fn a_command_that_panics_midway_is_undone() {
        for keep_log in [true, false] {
            let mut e = engine(keep_log);
            e.advance_to(at(9)).expect("forward");
            let before = e.to_json();
            let mark = e.checkpoint();
            let caught = catch(|| {
                e.advance_to(at(12)).expect("forward");
                panic!("a bug after a change");
            });
            assert!(caught.is_err());
            assert_ne!(e.to_json(), before, "the command changed the engine");
            e.roll_back(mark).expect("restores");
            assert_eq!(e.to_json(), before, "keep_log = {keep_log}");
            let bug = e
                .guarded(|e| -> Result<(), crate::LifecycleError> {
                    e.advance_to(at(13))?;
                    panic!("a bug in a guarded command")
                })
                .expect_err("it panics");
            assert_eq!(bug.panic, "a bug in a guarded command");
            assert_eq!(e.to_json(), before, "guarded, keep_log = {keep_log}");
            assert!(matches!(e.guarded(|e| e.advance_to(at(14))), Ok(Ok(()))));
        }
    }
}
