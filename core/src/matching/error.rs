//! Errors of matching instances.

use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang};

/// Why a matching instance was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum MatchingError {
    /// Two parallel inputs have different lengths (one entry per child or kindergarten).
    #[error("`{what}` has {}, expected {expected}", crate::lang::count_en(*found as u64, ["entry", "entries"]))]
    Shape {
        /// Which input.
        what: &'static str,
        /// Entries found.
        found: usize,
        /// Entries expected.
        expected: usize,
    },
    /// A preference list names a kindergarten that does not exist.
    #[error("child {child} ranks kindergarten {kindergarten}, but there are only {kindergartens}")]
    Index {
        /// The child.
        child: usize,
        /// The index given.
        kindergarten: u32,
        /// How many kindergartens there are.
        kindergartens: usize,
    },
    /// A preference list names the same kindergarten twice.
    #[error("child {child} ranks kindergarten {kindergarten} twice")]
    Duplicate {
        /// The child.
        child: usize,
        /// The kindergarten.
        kindergarten: u32,
    },
    /// Flat preference offsets do not start at 0, decrease, or overrun the list.
    #[error("preference offsets are not a valid partition of the choices at entry {at}")]
    Offsets {
        /// The first bad offset entry.
        at: usize,
    },
    /// A kindergarten-specific priority names a child or kindergarten out of range.
    #[error("a priority names child {child} and kindergarten {kindergarten}, out of range")]
    Priority {
        /// The child.
        child: u32,
        /// The kindergarten.
        kindergarten: u32,
    },
    /// A matching given from outside assigns a child a kindergarten it did not rank.
    #[error("child {child} is assigned kindergarten {kindergarten}, which it did not rank")]
    Unranked {
        /// The child.
        child: u32,
        /// The kindergarten.
        kindergarten: u32,
    },
}

crate::error::serialize_as_report!(MatchingError);

impl LocalizedError for MatchingError {
    fn code(&self) -> ErrorCode {
        match self {
            MatchingError::Shape { .. } => ErrorCode::MatchingShape,
            MatchingError::Index { .. } => ErrorCode::MatchingIndex,
            MatchingError::Duplicate { .. } => ErrorCode::MatchingDuplicate,
            MatchingError::Offsets { .. } => ErrorCode::MatchingOffsets,
            MatchingError::Priority { .. } => ErrorCode::MatchingPriority,
            MatchingError::Unranked { .. } => ErrorCode::MatchingUnranked,
        }
    }

    fn kind(&self) -> ErrorKind {
        ErrorKind::Matching
    }

    fn details(&self) -> Details {
        let (size, n) = (Detail::size, |k: u32| Detail::Count(u64::from(k)));
        match self {
            MatchingError::Shape {
                what,
                found,
                expected,
            } => vec![
                ("what", Detail::text(what)),
                ("found", size(*found)),
                ("expected", size(*expected)),
            ],
            MatchingError::Index {
                child,
                kindergarten,
                kindergartens,
            } => vec![
                ("child", size(*child)),
                ("kindergarten", n(*kindergarten)),
                ("kindergartens", size(*kindergartens)),
            ],
            MatchingError::Duplicate {
                child,
                kindergarten,
            } => vec![("child", size(*child)), ("kindergarten", n(*kindergarten))],
            MatchingError::Offsets { at } => vec![("at", size(*at))],
            MatchingError::Priority {
                child,
                kindergarten,
            }
            | MatchingError::Unranked {
                child,
                kindergarten,
            } => vec![("child", n(*child)), ("kindergarten", n(*kindergarten))],
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = self.to_string();
        match self {
            MatchingError::Shape { what, found, expected } => pick(
                lang,
                format!("`{what}` ішінде {found} жазба, {expected} болуы керек"),
                format!(
                    "в `{what}` {}, ожидалось {expected}",
                    crate::lang::count_ru(*found as u64, ["запись", "записи", "записей"])
                ),
                en,
            ),
            MatchingError::Index { child, kindergarten, kindergartens } => pick(
                lang,
                format!("{child}-бала {kindergarten}-балабақшаны таңдаған, бірақ балабақшалар саны {kindergartens}"),
                format!("ребёнок {child} выбрал детский сад {kindergarten}, а их всего {kindergartens}"),
                en,
            ),
            MatchingError::Duplicate { child, kindergarten } => pick(
                lang,
                format!("{child}-бала {kindergarten}-балабақшаны екі рет таңдаған"),
                format!("ребёнок {child} выбрал детский сад {kindergarten} дважды"),
                en,
            ),
            MatchingError::Offsets { at } => pick(
                lang,
                format!("таңдау ығысулары дұрыс емес ({at}-жазба)"),
                format!("смещения списков выбора некорректны (запись {at})"),
                en,
            ),
            MatchingError::Priority { child, kindergarten } => pick(
                lang,
                format!("басымдық {child}-бала мен {kindergarten}-балабақшаны атайды, олар жоқ"),
                format!("приоритет указывает ребёнка {child} и детский сад {kindergarten}, которых нет"),
                en,
            ),
            MatchingError::Unranked { child, kindergarten } => pick(
                lang,
                format!("{child}-балаға ол таңдамаған {kindergarten}-балабақша берілген"),
                format!("ребёнку {child} назначен детский сад {kindergarten}, которого нет в его списке"),
                en,
            ),
        }
    }
}
