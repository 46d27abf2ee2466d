//! Errors of the application engine.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::batch_rule::BatchRule;
use super::state::StateName;
use crate::allocation::catalogue::ChoiceRule;
use crate::allocation::AllocationError;
use crate::application::ApplicationId;
use crate::calendar::CalendarError;
use crate::eligibility::Check;
use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::iin::IinError;
use crate::lang::{pick, Lang};
use crate::people;
use crate::policy::PolicyError;

/// Why the engine refused a command; a refused command changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum LifecycleError {
    /// Registration failed one or more checks; every failure is listed, each with its code
    /// and field (`RULES.md §2`).
    #[error("the application cannot be registered: {}", english(failures))]
    Registration {
        /// The failed checks.
        failures: Vec<Check>,
    },
    /// A new benefit claim failed its checks (`RULES.md §3`).
    #[error("the benefit cannot be changed: {}", english(failures))]
    Benefit {
        /// The failed checks.
        failures: Vec<Check>,
    },
    /// A corrected birth date failed its checks (`RULES.md §1`, revised 2026-12).
    #[error("the birth date cannot be corrected: {}", english(failures))]
    BirthDate {
        /// The failed checks.
        failures: Vec<Check>,
    },
    /// The child may not be offered a place, or take one, now (`RULES.md §4–§7`).
    #[error(
        "application {id} may not be offered a place now: {}",
        failed_in(failed, 2)
    )]
    NotEligible {
        /// The application.
        id: ApplicationId,
        /// Codes of the failed eligibility checks.
        failed: Vec<&'static str>,
    },
    /// No application has this id.
    #[error("no application {id}")]
    UnknownApplication {
        /// The id given.
        id: ApplicationId,
    },
    /// The command is not allowed in the application's state.
    #[error(
        "application {id} is “{}”: you cannot {} now",
        state.label()[2],
        super::names::action(command)[2]
    )]
    StateForbids {
        /// The application.
        id: ApplicationId,
        /// The command refused.
        command: &'static str,
        /// Its state at the command's moment.
        state: StateName,
    },
    /// The command's moment is before the engine's clock: time only moves forward.
    #[error(
        "the moment {} is earlier than the last recorded action ({})",
        people::moment(*at),
        people::moment(*now)
    )]
    TimeBeforeClock {
        /// The moment given.
        at: NaiveDateTime,
        /// The engine's clock.
        now: NaiveDateTime,
    },
    /// The 24 hours to revoke a direction have passed (`RULES.md §6`).
    #[error(
        "the direction of application {id} could be given back only until {}",
        people::moment(*closed_at)
    )]
    RevocationClosed {
        /// The application.
        id: ApplicationId,
        /// The end of the revocation window.
        closed_at: NaiveDateTime,
    },
    /// The direction was already extended as often as the policy allows (`RULES.md §6`).
    #[error("the direction of application {id} was already extended {}", crate::lang::count_en((*allowed).into(), ["time", "times"]))]
    ExtensionUsed {
        /// The application.
        id: ApplicationId,
        /// Extensions allowed.
        allowed: u32,
    },
    /// The extension asked for goes past the policy's limit (`RULES.md §6`: 30 calendar days).
    #[error(
        "the direction of application {id} can be extended to {} at the latest, not {}",
        people::date(*latest),
        people::date(*asked)
    )]
    ExtensionTooLong {
        /// The application.
        id: ApplicationId,
        /// The day asked for.
        asked: NaiveDate,
        /// The latest day allowed.
        latest: NaiveDate,
    },
    /// The extension asked for does not move the deadline later.
    #[error(
        "the direction of application {id} already runs to {}, not later than {}",
        people::date(*current),
        people::date(*asked)
    )]
    ExtensionTooShort {
        /// The application.
        id: ApplicationId,
        /// The day asked for.
        asked: NaiveDate,
        /// The current last day.
        current: NaiveDate,
    },
    /// An out-of-turn child cannot be enrolled before the right is confirmed in person
    /// (`RULES.md §3`).
    #[error("the out-of-turn right of application {id} must be confirmed in person first")]
    RightNotConfirmed {
        /// The application.
        id: ApplicationId,
    },
    /// There is no out-of-turn right waiting for confirmation.
    #[error("application {id} has no out-of-turn right to confirm")]
    RightNotRequired {
        /// The application.
        id: ApplicationId,
    },
    /// A confirmation of interest before the window opens does not count (`RULES.md §2`).
    #[error(
        "interest in application {id} can be confirmed from {}",
        people::moment(*opens_at)
    )]
    InterestTooEarly {
        /// The application.
        id: ApplicationId,
        /// When confirmations start to count.
        opens_at: NaiveDateTime,
    },
    /// Interest was already confirmed for the coming anniversary.
    #[error(
        "interest in application {id} is already confirmed for {}",
        people::date(*anniversary)
    )]
    InterestAlreadyConfirmed {
        /// The application.
        id: ApplicationId,
        /// The anniversary it counts for.
        anniversary: NaiveDate,
    },
    /// An IIN given to a command is invalid; the code is the IIN's own (`RULES.md §1`).
    #[error(transparent)]
    Iin(#[from] IinError),
    /// The parent is already attached to the application (`RULES.md §2`).
    #[error("this applicant is already attached to application {id}")]
    ApplicantAlreadyLinked {
        /// The application.
        id: ApplicationId,
    },
    /// Applications cannot be linked as one batch of twins or triplets, or a batch cannot
    /// be unlinked (`RULES.md §4`).
    #[error("{}", rule.texts()[2])]
    Batch {
        /// Which rule is broken; its code is the error's.
        rule: BatchRule,
    },
    /// A list of ranked choices breaks a rule of `RULES.md §5a` (a registration or
    /// `change_ranked_choices`).
    #[error("{}", rule.texts(*limit)[2])]
    Choice {
        /// Which rule is broken; its code is the error's.
        rule: ChoiceRule,
        /// The kindergarten that breaks it, for the rules of one choice.
        kindergarten: Option<Arc<str>>,
        /// How many choices the policy allows (0 where it has no ranked choices).
        limit: u32,
    },
    /// A calendar error: a moment outside the calendar's span, or a calendar patch that
    /// does not apply.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A deadline the command sets would end past the last year the engine's calendar
    /// covers: the command can run once that year's data is added (`Engine::patch_calendar`;
    /// `RULES.md §9`, issue 23). Years without decree data inside the span never refuse a
    /// command: their deadlines are counted by the statutory rules and marked provisional.
    #[error("a deadline falls after {last_year}, the calendar's last year: add the calendar data of {needed} (a calendar patch), then repeat")]
    CalendarNeeded {
        /// The calendar's last year.
        last_year: i32,
        /// The year whose data to add.
        needed: i32,
    },
    /// A bulletin, an offer round, a place or a voucher command was refused; the code is
    /// the allocation error's own (`RULES.md §5`, `§8`).
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    /// The engine's policy is invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// A snapshot could not be read.
    #[error("the snapshot could not be read at line {line}, column {column}: {detail}")]
    SnapshotFormat {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's explanation (English).
        detail: String,
    },
    /// A snapshot whose parts contradict each other (edited or corrupted): the engine it
    /// describes could not have come from commands.
    #[error("the snapshot is inconsistent ({invariant}): {detail}")]
    SnapshotInconsistent {
        /// The invariant broken, one of [`crate::lifecycle::INVARIANTS`].
        invariant: &'static str,
        /// What breaks it (English; ids, never an IIN).
        detail: String,
    },
    /// A snapshot has a schema version this library does not read.
    #[error("snapshot schema version {found} is not supported (this library reads versions {}–{supported})", super::OLDEST_LOADABLE_SCHEMA_VERSION)]
    SnapshotVersion {
        /// The version found.
        found: u32,
        /// The version supported.
        supported: u32,
    },
}

fn english(checks: &[Check]) -> String {
    checks
        .iter()
        .map(|c| c.message.en.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

crate::error::serialize_as_report!(LifecycleError);

impl LocalizedError for LifecycleError {
    fn code(&self) -> ErrorCode {
        match self {
            LifecycleError::Registration { .. } => ErrorCode::RegistrationRefused,
            LifecycleError::Benefit { .. } => ErrorCode::BenefitRefused,
            LifecycleError::BirthDate { .. } => ErrorCode::BirthDateRefused,
            LifecycleError::NotEligible { .. } => ErrorCode::NotEligible,
            LifecycleError::UnknownApplication { .. } => ErrorCode::ApplicationUnknown,
            LifecycleError::StateForbids { .. } => ErrorCode::StateForbids,
            LifecycleError::TimeBeforeClock { .. } => ErrorCode::TimeBeforeClock,
            LifecycleError::RevocationClosed { .. } => ErrorCode::RevocationClosed,
            LifecycleError::ExtensionUsed { .. } => ErrorCode::ExtensionUsed,
            LifecycleError::ExtensionTooLong { .. } => ErrorCode::ExtensionTooLong,
            LifecycleError::ExtensionTooShort { .. } => ErrorCode::ExtensionTooShort,
            LifecycleError::RightNotConfirmed { .. } => ErrorCode::RightNotConfirmed,
            LifecycleError::RightNotRequired { .. } => ErrorCode::RightNotRequired,
            LifecycleError::InterestTooEarly { .. } => ErrorCode::InterestTooEarly,
            LifecycleError::InterestAlreadyConfirmed { .. } => ErrorCode::InterestAlreadyConfirmed,
            LifecycleError::Iin(e) => e.code(),
            LifecycleError::ApplicantAlreadyLinked { .. } => ErrorCode::ApplicantAlreadyLinked,
            LifecycleError::Batch { rule } => rule.code(),
            LifecycleError::Choice { rule, .. } => rule.code(),
            LifecycleError::Calendar(e) => e.code(),
            LifecycleError::CalendarNeeded { .. } => ErrorCode::CalendarDataNeeded,
            LifecycleError::Allocation(e) => e.code(),
            LifecycleError::Policy(e) => e.code(),
            LifecycleError::SnapshotFormat { .. } => ErrorCode::SnapshotFormat,
            LifecycleError::SnapshotVersion { .. } => ErrorCode::SnapshotVersion,
            LifecycleError::SnapshotInconsistent { .. } => ErrorCode::SnapshotInconsistent,
        }
    }

    fn kind(&self) -> ErrorKind {
        use LifecycleError as L;
        match self {
            L::UnknownApplication { .. } => ErrorKind::ApplicationNotFound,
            L::SnapshotFormat { .. }
            | L::SnapshotVersion { .. }
            | L::SnapshotInconsistent { .. } => ErrorKind::Snapshot,
            L::Registration { .. }
            | L::Benefit { .. }
            | L::BirthDate { .. }
            | L::NotEligible { .. }
            | L::StateForbids { .. }
            | L::TimeBeforeClock { .. }
            | L::RevocationClosed { .. }
            | L::ExtensionUsed { .. }
            | L::ExtensionTooLong { .. }
            | L::ExtensionTooShort { .. }
            | L::RightNotConfirmed { .. }
            | L::RightNotRequired { .. }
            | L::InterestTooEarly { .. }
            | L::InterestAlreadyConfirmed { .. }
            | L::ApplicantAlreadyLinked { .. }
            | L::Batch { .. }
            | L::Choice { .. } => ErrorKind::CommandRefused,
            L::CalendarNeeded { .. } => ErrorKind::Calendar,
            L::Iin(e) => e.kind(),
            L::Calendar(e) => e.kind(),
            L::Allocation(e) => e.kind(),
            L::Policy(e) => e.kind(),
        }
    }

    fn details(&self) -> Details {
        use LifecycleError as L;
        let (id_of, date, moment) = (
            |id: &ApplicationId| ("id", Detail::Count(id.0)),
            Detail::Date,
            Detail::Moment,
        );
        match self {
            L::Registration { failures } | L::Benefit { failures } | L::BirthDate { failures } => {
                let failed = failures.iter().map(|c| c.reported_code().to_string());
                vec![
                    ("failed", Detail::Texts(failed.collect())),
                    ("failures", Detail::Checks(failures.clone())),
                ]
            }
            L::NotEligible { id, failed } => {
                let failed = failed.iter().map(|c| (*c).to_owned()).collect();
                vec![id_of(id), ("failed", Detail::Texts(failed))]
            }
            L::UnknownApplication { id }
            | L::RightNotConfirmed { id }
            | L::RightNotRequired { id }
            | L::ApplicantAlreadyLinked { id } => vec![id_of(id)],
            L::StateForbids { id, command, state } => vec![
                id_of(id),
                ("command", Detail::text(command)),
                ("state", Detail::text(state.as_str())),
            ],
            L::TimeBeforeClock { at, now } => vec![("at", moment(*at)), ("now", moment(*now))],
            L::RevocationClosed { id, closed_at } => {
                vec![id_of(id), ("closed_at", moment(*closed_at))]
            }
            L::ExtensionUsed { id, allowed } => {
                vec![id_of(id), ("allowed", Detail::Count(u64::from(*allowed)))]
            }
            L::ExtensionTooLong { id, asked, latest } => {
                vec![
                    id_of(id),
                    ("asked", date(*asked)),
                    ("latest", date(*latest)),
                ]
            }
            L::ExtensionTooShort { id, asked, current } => {
                vec![
                    id_of(id),
                    ("asked", date(*asked)),
                    ("current", date(*current)),
                ]
            }
            L::InterestTooEarly { id, opens_at } => {
                vec![id_of(id), ("opens_at", moment(*opens_at))]
            }
            L::InterestAlreadyConfirmed { id, anniversary } => {
                vec![id_of(id), ("anniversary", date(*anniversary))]
            }
            L::Batch { rule } => vec![("rule", Detail::text(rule.code().as_str()))],
            L::Choice {
                rule,
                kindergarten,
                limit,
            } => {
                let mut out = vec![
                    ("rule", Detail::text(rule.code().as_str())),
                    ("limit", Detail::Count(u64::from(*limit))),
                ];
                if let Some(k) = kindergarten {
                    out.push(("kindergarten", Detail::text(k)));
                }
                out
            }
            L::SnapshotFormat {
                line,
                column,
                detail,
            } => crate::error::json_position(*line, *column, detail),
            L::SnapshotVersion { found, supported } => vec![
                ("found", Detail::Count(u64::from(*found))),
                ("supported", Detail::Count(u64::from(*supported))),
            ],
            L::SnapshotInconsistent { invariant, detail } => vec![
                ("invariant", Detail::text(invariant)),
                ("detail", Detail::text(detail)),
            ],
            L::CalendarNeeded { last_year, needed } => vec![
                ("last_year", Detail::Year(*last_year)),
                ("needed", Detail::Year(*needed)),
            ],
            L::Iin(e) => e.details(),
            L::Calendar(e) => e.details(),
            L::Allocation(e) => e.details(),
            L::Policy(e) => e.details(),
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per variant, three languages each
    fn message(&self, lang: Lang) -> String {
        let en = self.to_string();
        match self {
            LifecycleError::Registration { failures } => refused(
                lang,
                failures,
                ["өтініш тіркелмейді", "заявление не может быть зарегистрировано"],
                en,
            ),
            LifecycleError::Benefit { failures } => refused(
                lang,
                failures,
                ["жеңілдік өзгертілмейді", "льготу нельзя изменить"],
                en,
            ),
            LifecycleError::BirthDate { failures } => refused(
                lang,
                failures,
                ["туған күн түзетілмейді", "дату рождения нельзя исправить"],
                en,
            ),
            LifecycleError::NotEligible { id, failed } => pick(
                lang,
                format!("{id} өтініші бойынша қазір орын ұсынуға болмайды: {}", failed_in(failed, 0)),
                format!("по заявлению {id} сейчас нельзя предложить место: {}", failed_in(failed, 1)),
                en,
            ),
            LifecycleError::UnknownApplication { id } => pick(
                lang,
                format!("{id} өтініші жоқ"),
                format!("заявления {id} нет"),
                en,
            ),
            LifecycleError::StateForbids { id, command, state } => pick(
                lang,
                format!("{id} өтініші «{}» күйінде: қазір {} болмайды", state.label()[0], super::names::action(command)[0]),
                format!("заявление {id} в состоянии «{}»: сейчас нельзя {}", state.label()[1], super::names::action(command)[1]),
                en,
            ),
            LifecycleError::TimeBeforeClock { at, now } => pick(
                lang,
                format!("{} уақыты соңғы тіркелген әрекеттен ({}) бұрын", people::moment(*at), people::moment(*now)),
                format!("момент {} раньше последнего записанного действия ({})", people::moment(*at), people::moment(*now)),
                en,
            ),
            LifecycleError::RevocationClosed { id, closed_at } => pick(
                lang,
                format!("{id} өтінішінің жолдамасынан тек {} дейін бас тартуға болатын еді", people::moment(*closed_at)),
                format!("от направления по заявлению {id} можно было отказаться только до {}", people::moment(*closed_at)),
                en,
            ),
            LifecycleError::ExtensionUsed { id, allowed } => pick(
                lang,
                format!("{id} өтінішінің жолдамасы {allowed} рет ұзартылып қойған"),
                format!(
                    "направление по заявлению {id} уже продлевалось {}",
                    crate::lang::count_ru((*allowed).into(), ["раз", "раза", "раз"])
                ),
                en,
            ),
            LifecycleError::ExtensionTooLong { id, asked, latest } => pick(
                lang,
                format!("{id} өтінішінің жолдамасын ең кешінде {} дейін ұзартуға болады, {} емес", people::date(*latest), people::date(*asked)),
                format!("направление по заявлению {id} можно продлить не позднее {}, а не до {}", people::date(*latest), people::date(*asked)),
                en,
            ),
            LifecycleError::ExtensionTooShort { id, asked, current } => pick(
                lang,
                format!("{id} өтінішінің жолдамасы {} дейін жарамды, {} одан кеш емес", people::date(*current), people::date(*asked)),
                format!("направление по заявлению {id} и так действует до {}, {} не позже", people::date(*current), people::date(*asked)),
                en,
            ),
            LifecycleError::RightNotConfirmed { id } => pick(
                lang,
                format!("{id} өтініші: кезектен тыс құқықты алдымен жеке растау керек"),
                format!("по заявлению {id} сначала нужно лично подтвердить внеочередное право"),
                en,
            ),
            LifecycleError::RightNotRequired { id } => pick(
                lang,
                format!("{id} өтінішінде растайтын кезектен тыс құқық жоқ"),
                format!("в заявлении {id} нет внеочередного права для подтверждения"),
                en,
            ),
            LifecycleError::InterestTooEarly { id, opens_at } => pick(
                lang,
                format!("{id} өтініші бойынша мүдделілікті {} бастап растауға болады", people::moment(*opens_at)),
                format!("заинтересованность по заявлению {id} можно подтвердить с {}", people::moment(*opens_at)),
                en,
            ),
            LifecycleError::InterestAlreadyConfirmed { id, anniversary } => pick(
                lang,
                format!("{id} өтініші бойынша мүдделілік {} үшін расталған", people::date(*anniversary)),
                format!("заинтересованность по заявлению {id} уже подтверждена на {}", people::date(*anniversary)),
                en,
            ),
            LifecycleError::Iin(e) => e.message(lang),
            LifecycleError::ApplicantAlreadyLinked { id } => pick(
                lang,
                format!("бұл өтініш беруші {id} өтінішіне қосылған"),
                format!("этот заявитель уже прикреплён к заявлению {id}"),
                en,
            ),
            LifecycleError::Batch { rule } => {
                let [kk, ru, en] = rule.texts();
                pick(lang, kk.to_owned(), ru.to_owned(), en.to_owned())
            }
            LifecycleError::Choice { rule, limit, .. } => {
                let [kk, ru, en] = rule.texts(*limit);
                pick(lang, kk, ru, en)
            }
            LifecycleError::Calendar(e) => e.message(lang),
            LifecycleError::CalendarNeeded { last_year, needed } => pick(
                lang,
                format!("мерзім күнтізбенің соңғы жылынан ({last_year}) кейін аяқталады: {needed} жылдың күнтізбе деректерін қосып, қайталаңыз"),
                format!("срок заканчивается после последнего года календаря ({last_year}): добавьте данные календаря за {needed} год и повторите"),
                en,
            ),
            LifecycleError::Allocation(e) => e.message(lang),
            LifecycleError::Policy(e) => e.message(lang),
            LifecycleError::SnapshotFormat { line, column, .. } => pick(
                lang,
                format!("снапшот оқылмады: {line}-жол, {column}-баған"),
                format!("не удалось прочитать снимок: строка {line}, столбец {column}"),
                en,
            ),
            // Which invariant failed, and how, is for developers: `details` keeps both.
            LifecycleError::SnapshotInconsistent { .. } => pick(
                lang,
                "снапшот қайшылықты: оны kezek жазбаған немесе ол кейін өзгертілген".to_owned(),
                "снимок противоречив: он записан не kezek или изменён после записи".to_owned(),
                en,
            ),
            LifecycleError::SnapshotVersion { found, supported } => pick(
                lang,
                format!("снапшот схемасының {found} нұсқасы қолданылмайды (кітапхана {}–{supported} нұсқаларын оқиды)", super::OLDEST_LOADABLE_SCHEMA_VERSION),
                format!("версия схемы снимка {found} не поддерживается (библиотека читает версии {}–{supported})", super::OLDEST_LOADABLE_SCHEMA_VERSION),
                en,
            ),
        }
    }
}

/// The message of a refusal that lists failed checks: the heads in Kazakh and
/// Russian, then the checks' messages in `lang` (the English is the error's `Display`).
fn refused(lang: Lang, failures: &[Check], [kk, ru]: [&str; 2], en: String) -> String {
    let list = failures
        .iter()
        .map(|c| c.message.get(lang))
        .collect::<Vec<_>>()
        .join("; ");
    pick(lang, format!("{kk}: {list}"), format!("{ru}: {list}"), en)
}

/// The failed checks of an offer in words, in language `k` (0 kk, 1 ru, 2 en): no codes.
fn failed_in(failed: &[&str], k: usize) -> String {
    failed
        .iter()
        .map(|c| crate::eligibility::failed_check(c)[k])
        .collect::<Vec<_>>()
        .join("; ")
}
