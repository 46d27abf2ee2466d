//! Taking the places of bulletins (`RULES.md §5`, `§7`): a notified applicant chooses any
//! free place of its notice's pool; a waiting child takes a place open to free choice,
//! first come first served, in its own pool or in a special pool opened to all; and the
//! queries of the board.

use chrono::NaiveDateTime;

use super::{Command, Engine, LifecycleError, State};
use crate::allocation::bulletin::{Bulletin, BulletinId};
use crate::allocation::AllocationError;
use crate::application::{ApplicationId, QueueKey, QueueKeyRef};
use crate::eligibility::{place_open_check, Decision};

impl Engine {
    /// Takes a place of `bulletin` for the application (`RULES.md §5`): a notified
    /// applicant chooses among the free places of its notice's pool and gets a direction;
    /// a waiting child takes a place open to free choice, first come first served. Twins
    /// take places for every member of their batch, or none (`PLACE_TAKEN` or
    /// `PLACE_RESERVED` when the bulletin has fewer free or open places than members).
    ///
    /// # Errors
    /// `BULLETIN_UNKNOWN`, `PLACE_TAKEN`, `PLACE_RESERVED`, `PLACE_OTHER_QUEUE`, and those
    /// of [`Engine::issue_direction`].
    pub fn take_place(
        &mut self,
        id: ApplicationId,
        bulletin: BulletinId,
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let kindergarten = self.bulletin(bulletin)?.kindergarten.id.clone();
        self.atomically(at, |e| {
            let command = Command::TakePlace { id, bulletin };
            e.direct(
                id,
                &kindergarten,
                Some(bulletin),
                at,
                command,
                |e, r, need| {
                    e.place_check(r.order.id, &r.state, r.app.queue_key_ref(), bulletin, need)
                },
            )
        })
    }

    /// Whether an application in `state`, standing in `own`, may take a place of
    /// `bulletin` now, `need` places being taken together (its twins batch's size).
    pub(crate) fn place_check(
        &self,
        id: ApplicationId,
        state: &State,
        own: QueueKeyRef<'_>,
        bulletin: BulletinId,
        need: u32,
    ) -> Result<(), LifecycleError> {
        let b = self.bulletin(bulletin)?;
        let pool = b.queue_key_ref();
        let offered_in = match state {
            State::NoticeSent {
                bulletin: Some(n), ..
            }
            | State::VoucherOffered { bulletin: n, .. }
            | State::VoucherConfirmed { bulletin: n, .. } => {
                Some(self.bulletin(*n)?.queue_key_ref())
            }
            _ => None,
        };
        let other = AllocationError::PlaceOtherQueue { id, bulletin };
        if b.free() < need.max(1) {
            return Err(AllocationError::PlaceTaken { bulletin }.into());
        }
        match offered_in {
            // The offer holds a place of its pool: any free place of it will do.
            Some(offered) if offered == pool => Ok(()),
            Some(_) => Err(other.into()),
            None => {
                if own != pool && !(b.open_to_all && own.same_cohort(&pool)) {
                    Err(other.into())
                } else if self.board.open_at(bulletin) < need.max(1) {
                    Err(AllocationError::PlaceReserved { bulletin }.into())
                } else {
                    Ok(())
                }
            }
        }
    }

    /// "May take a place now", explained (`RULES.md §5`): whether
    /// [`Engine::take_place`] at `at` would give the application a place of one of the
    /// bulletins the engine has published, with no count passed in. Its checks:
    /// `MAY_CHOOSE` (waiting, or holding a notice), the direction's own (after a notice
    /// the freeze, the stop-list and the child's other applications; by free choice every
    /// offer rule but the queue's turn and the benefit's documents), and `PLACE_OPEN`:
    /// how many bulletins hold a place it may take now (free places of its notice's pool;
    /// for free choice, places of its pool, or of a special pool opened to all, not
    /// reserved by notices or vouchers), enough for its twins batch. The application is
    /// judged as it will stand at `at`; [`Engine::choices`] lists the pool's bulletins.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn explain_take_place(
        &self,
        id: ApplicationId,
        at: NaiveDateTime,
    ) -> Result<Decision, LifecycleError> {
        let need = u32::try_from(self.batch(id)?.len()).unwrap_or(u32::MAX);
        let r = self.projected(self.index(id)?, at);
        let notified = match r.state {
            State::NoticeSent { .. } => Some(true),
            State::Queued => Some(false),
            _ => None,
        };
        let checks = notified.map(|n| self.direction_decision(&r, n, need, at, true));
        let own = r.app.queue_key_ref();
        let takes = |b: &&Bulletin| {
            b.free() > 0
                && self
                    .place_check(r.app.id, &r.state, own, b.id, need)
                    .is_ok()
        };
        let open = if notified.is_some() {
            let n = self.board.bulletins().iter().filter(takes).count();
            u32::try_from(n).unwrap_or(u32::MAX)
        } else {
            0
        };
        Ok(place_open_check(notified.is_some(), checks, open))
    }

    /// Every bulletin published, by id.
    #[must_use]
    pub fn bulletins(&self) -> &[Bulletin] {
        self.board.bulletins()
    }

    /// One bulletin.
    ///
    /// # Errors
    /// `BULLETIN_UNKNOWN`.
    #[allow(clippy::unnecessary_lazy_evaluations)] // built only on failure, as in `Engine::index`
    pub fn bulletin(&self, id: BulletinId) -> Result<&Bulletin, LifecycleError> {
        Ok(self
            .board
            .get(id)
            .ok_or_else(|| AllocationError::UnknownBulletin { bulletin: id })?)
    }

    /// The bulletins of a queue's pool that have a free place now, by id: where a
    /// notified parent or one choosing freely may take a place (`RULES.md §5`). Some of
    /// those places may be reserved for notices still open.
    #[must_use]
    pub fn bulletins_with_free_places(&self, key: &QueueKey) -> &[BulletinId] {
        self.board.with_free_places(key)
    }

    /// Places of a queue's pool open to free choice now (`RULES.md §5`).
    #[must_use]
    pub fn open_places(&self, key: &QueueKey) -> u32 {
        self.board.open(key)
    }

    /// [`Engine::bulletins_with_free_places`] of the pool bulletin `bulletin` belongs to
    /// (none for an unknown bulletin): the pool named by a bulletin a host holds, with no
    /// queue key to hash.
    #[must_use]
    pub fn bulletins_with_free_places_at(&self, bulletin: BulletinId) -> &[BulletinId] {
        self.board.with_free_places_at(bulletin)
    }

    /// [`Engine::open_places`] of the pool bulletin `bulletin` belongs to (0 for an
    /// unknown bulletin).
    #[must_use]
    pub fn open_places_at(&self, bulletin: BulletinId) -> u32 {
        self.board.open_at(bulletin)
    }

    /// A number that moves whenever a place of the pool bulletin `bulletin` belongs to is
    /// published, taken, given back, reserved or freed (0 for an unknown bulletin): what
    /// a host derived from the pool's bulletins holds while it stays the same. Not part of
    /// the engine's state (a loaded snapshot counts afresh).
    #[must_use]
    pub fn places_changes_at(&self, bulletin: BulletinId) -> u64 {
        self.board.changes_at(bulletin)
    }
}
