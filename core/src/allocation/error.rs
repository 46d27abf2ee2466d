//! Errors of offer rounds, places and vouchers (`RULES.md §5`, `§8`).

use chrono::NaiveDate;

use super::bulletin::BulletinId;
use crate::application::ApplicationId;
use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang};

/// Why a bulletin, a round, a place or a voucher command was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum AllocationError {
    /// A bulletin to publish is malformed.
    #[error("the bulletin's `{field}` is invalid: {}", .detail[2])]
    BulletinInvalid {
        /// Which field: `places`, `cohort`, `kindergarten.id`, `kindergarten.region`,
        /// `kindergarten.area` or `kindergarten.languages`.
        field: &'static str,
        /// What is wrong, in kk, ru and en.
        detail: [&'static str; 3],
    },
    /// A kindergarten for the catalogue is malformed (ranked choices, `RULES.md §5a`).
    #[error("the kindergarten's `{field}` is invalid: {}", .detail[2])]
    KindergartenInvalid {
        /// Which field: `kindergarten.id`, `kindergarten.region`, `kindergarten.area`,
        /// `kindergarten.languages`, `kindergarten.group_types` or `kindergartens` (too many).
        field: &'static str,
        /// What is wrong, in kk, ru and en.
        detail: [&'static str; 3],
    },
    /// No bulletin has this id.
    #[error("no bulletin {bulletin}")]
    UnknownBulletin {
        /// The id given.
        bulletin: BulletinId,
    },
    /// Places are not published nor offered during the freeze (`RULES.md §9`: August).
    #[error(
        "places are not published nor offered on {}: the yearly freeze",
        crate::people::date(*date)
    )]
    Frozen {
        /// The day of the command.
        date: NaiveDate,
    },
    /// Every place of the bulletin is taken.
    #[error("every place of bulletin {bulletin} is taken")]
    PlaceTaken {
        /// The bulletin.
        bulletin: BulletinId,
    },
    /// The free places of the bulletin's pool are reserved for notified applicants or
    /// voucher holders; free choice opens when their windows pass (`RULES.md §5`).
    #[error("the free places of bulletin {bulletin} are reserved for notified applicants")]
    PlaceReserved {
        /// The bulletin.
        bulletin: BulletinId,
    },
    /// The bulletin's places are for another queue (area, group type or cohort) than the
    /// application's, or than the notice's or voucher's.
    #[error("bulletin {bulletin} is not for the queue of application {id}")]
    PlaceOtherQueue {
        /// The application.
        id: ApplicationId,
        /// The bulletin.
        bulletin: BulletinId,
    },
    /// A place of another bulletin is held for the voucher holder (from a kindergarten's
    /// waiting list): the contract is signed there.
    #[error("a place of bulletin {held} is held for application {id}, not of {bulletin}")]
    PlaceHeldElsewhere {
        /// The application.
        id: ApplicationId,
        /// The bulletin asked for.
        bulletin: BulletinId,
        /// The bulletin whose place is held.
        held: BulletinId,
    },
    /// Vouchers are distributed from a day of the year, after the queue refresh
    /// (`RULES.md §8`: 1 July).
    #[error(
        "vouchers are distributed from {}, not on {}",
        crate::people::date(*starts),
        crate::people::date(*date)
    )]
    DistributionNotStarted {
        /// The day of the command.
        date: NaiveDate,
        /// The first day of distribution that year.
        starts: NaiveDate,
    },
    /// No bulletin of the voucher's pool names this kindergarten.
    #[error("no bulletin of this queue names kindergarten `{kindergarten}`")]
    UnknownKindergarten {
        /// The kindergarten id given.
        kindergarten: String,
    },
    /// A kindergarten keeps a waiting list only when it has no free place (`RULES.md §8`).
    #[error("kindergarten `{kindergarten}` has {free} free place(s): sign a contract instead")]
    WaitingListNotNeeded {
        /// The kindergarten.
        kindergarten: String,
        /// Its free places in the pool.
        free: u32,
    },
    /// The inactive application was already restored as often as the policy allows
    /// (`RULES.md §8`: once).
    #[error("application {id} was already restored {}", crate::lang::count_en((*allowed).into(), ["time", "times"]))]
    RestoreUsed {
        /// The application.
        id: ApplicationId,
        /// Restorations allowed.
        allowed: u32,
    },
}

crate::error::serialize_as_report!(AllocationError);

impl LocalizedError for AllocationError {
    fn code(&self) -> ErrorCode {
        match self {
            AllocationError::BulletinInvalid { .. } => ErrorCode::BulletinInvalid,
            AllocationError::KindergartenInvalid { .. } => ErrorCode::KindergartenInvalid,
            AllocationError::UnknownBulletin { .. } => ErrorCode::BulletinUnknown,
            AllocationError::Frozen { .. } => ErrorCode::PlacesFrozen,
            AllocationError::PlaceTaken { .. } => ErrorCode::PlaceTaken,
            AllocationError::PlaceReserved { .. } => ErrorCode::PlaceReserved,
            AllocationError::PlaceOtherQueue { .. } => ErrorCode::PlaceOtherQueue,
            AllocationError::PlaceHeldElsewhere { .. } => ErrorCode::PlaceHeldElsewhere,
            AllocationError::DistributionNotStarted { .. } => ErrorCode::DistributionNotStarted,
            AllocationError::UnknownKindergarten { .. } => ErrorCode::KindergartenUnknown,
            AllocationError::WaitingListNotNeeded { .. } => ErrorCode::WaitingListNotNeeded,
            AllocationError::RestoreUsed { .. } => ErrorCode::RestoreUsed,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            AllocationError::UnknownBulletin { .. } => ErrorKind::BulletinNotFound,
            AllocationError::UnknownKindergarten { .. } => ErrorKind::KindergartenNotFound,
            AllocationError::BulletinInvalid { .. }
            | AllocationError::KindergartenInvalid { .. }
            | AllocationError::Frozen { .. }
            | AllocationError::PlaceTaken { .. }
            | AllocationError::PlaceReserved { .. }
            | AllocationError::PlaceOtherQueue { .. }
            | AllocationError::PlaceHeldElsewhere { .. }
            | AllocationError::DistributionNotStarted { .. }
            | AllocationError::WaitingListNotNeeded { .. }
            | AllocationError::RestoreUsed { .. } => ErrorKind::PlacesRefused,
        }
    }

    fn details(&self) -> Details {
        let n = Detail::Count;
        match self {
            AllocationError::BulletinInvalid { field, detail }
            | AllocationError::KindergartenInvalid { field, detail } => {
                vec![
                    ("field", Detail::text(field)),
                    ("detail", Detail::text(detail[2])),
                ]
            }
            AllocationError::UnknownBulletin { bulletin }
            | AllocationError::PlaceTaken { bulletin }
            | AllocationError::PlaceReserved { bulletin } => vec![("bulletin", n(bulletin.0))],
            AllocationError::Frozen { date } => vec![("date", Detail::Date(*date))],
            AllocationError::PlaceOtherQueue { id, bulletin } => {
                vec![("id", n(id.0)), ("bulletin", n(bulletin.0))]
            }
            AllocationError::PlaceHeldElsewhere { id, bulletin, held } => vec![
                ("id", n(id.0)),
                ("bulletin", n(bulletin.0)),
                ("held", n(held.0)),
            ],
            AllocationError::DistributionNotStarted { date, starts } => vec![
                ("date", Detail::Date(*date)),
                ("starts", Detail::Date(*starts)),
            ],
            AllocationError::UnknownKindergarten { kindergarten } => {
                vec![("kindergarten", Detail::text(kindergarten))]
            }
            AllocationError::WaitingListNotNeeded { kindergarten, free } => vec![
                ("kindergarten", Detail::text(kindergarten)),
                ("free", n(u64::from(*free))),
            ],
            AllocationError::RestoreUsed { id, allowed } => {
                vec![("id", n(id.0)), ("allowed", n(u64::from(*allowed)))]
            }
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = self.to_string();
        match self {
            AllocationError::BulletinInvalid { field, detail } => pick(
                lang,
                format!("хабарландырудың `{field}` өрісі қате: {}", detail[0]),
                format!("поле `{field}` бюллетеня неверно: {}", detail[1]),
                en,
            ),
            AllocationError::KindergartenInvalid { field, detail } => pick(
                lang,
                format!("балабақшаның `{field}` өрісі қате: {}", detail[0]),
                format!("поле `{field}` детского сада неверно: {}", detail[1]),
                en,
            ),
            AllocationError::UnknownBulletin { bulletin } => pick(
                lang,
                format!("{bulletin} хабарландыруы жоқ"),
                format!("бюллетеня {bulletin} нет"),
                en,
            ),
            AllocationError::Frozen { date } => {
                let date = crate::people::date(*date);
                pick(
                lang,
                format!("{date} күні орындар жарияланбайды және ұсынылмайды: жылдық тоқтату кезеңі"),
                format!("{date} места не публикуются и не предлагаются: ежегодная приостановка"),
                en,
            )
            }
            AllocationError::PlaceTaken { bulletin } => pick(
                lang,
                format!("{bulletin} хабарландыруының барлық орны бос емес"),
                format!("все места бюллетеня {bulletin} заняты"),
                en,
            ),
            AllocationError::PlaceReserved { bulletin } => pick(
                lang,
                format!("{bulletin} хабарландыруының бос орындары хабарлама алған өтініш берушілерге сақталған"),
                format!("свободные места бюллетеня {bulletin} закреплены за получившими уведомление"),
                en,
            ),
            AllocationError::PlaceOtherQueue { id, bulletin } => pick(
                lang,
                format!("{bulletin} хабарландыруы {id} өтінішінің кезегіне арналмаған"),
                format!("бюллетень {bulletin} не для очереди заявления {id}"),
                en,
            ),
            AllocationError::PlaceHeldElsewhere { id, bulletin, held } => pick(
                lang,
                format!("{id} өтініші үшін {held} хабарландыруының орны сақталған, {bulletin} емес"),
                format!("за заявлением {id} закреплено место бюллетеня {held}, а не {bulletin}"),
                en,
            ),
            AllocationError::DistributionNotStarted { date, starts } => {
                let (date, starts) = (crate::people::date(*date), crate::people::date(*starts));
                pick(
                lang,
                format!("ваучерлер {starts} бастап таратылады, {date} емес"),
                format!("ваучеры распределяются с {starts}, а не {date}"),
                en,
            )
            }
            AllocationError::UnknownKindergarten { kindergarten } => pick(
                lang,
                format!("бұл кезектің хабарландыруларында `{kindergarten}` балабақшасы жоқ"),
                format!("в бюллетенях этой очереди нет детского сада `{kindergarten}`"),
                en,
            ),
            AllocationError::WaitingListNotNeeded { kindergarten, free } => pick(
                lang,
                format!("`{kindergarten}` балабақшасында {free} бос орын бар: шарт жасаңыз"),
                format!("в детском саду `{kindergarten}` есть свободные места ({free}): заключите договор"),
                en,
            ),
            AllocationError::RestoreUsed { id, allowed } => pick(
                lang,
                format!("{id} өтініші {allowed} рет қалпына келтірілген"),
                format!(
                    "заявление {id} уже восстанавливалось {}",
                    crate::lang::count_ru((*allowed).into(), ["раз", "раза", "раз"])
                ),
                en,
            ),
        }
    }
}
