//! The names people read, in kk/ru/en, for hosts to show (issue 24 §5): states, the actions
//! a parent or an operator takes, priority classes, kinds of deadline, the reasons of
//! history events, group types, languages of instruction, documents and the checks of a
//! decision. A portal, an app or an analyst's table shows these instead of codes; the codes
//! stay in the data, for developers.
//!
//! The Kazakh follows the parents' manuals where they name the thing (`000`–`004` in
//! `GLOSSARY.md`: "Хабарлама жіберілді", "жолдама", "стоп-тізім", "мүдделілікті растау"…);
//! elsewhere it is the portals' usual wording. Nothing else in the crate depends on this
//! module: it reads the names the engine and the checks keep for their own messages.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::application::{GroupType, Language};
use crate::benefit::PriorityClass;
use crate::document::{document_name, DOCUMENTS};
use crate::eligibility::failed_check;
use crate::lang::LocalizedText;
use crate::lifecycle::names::action;
use crate::lifecycle::{DueKind, Reason, StateName};

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Labelled {
    /// A state (`notice_sent`).
    State,
    /// An action a parent or an operator takes (`issue_direction`).
    Action,
    /// A priority class (`out_of_turn`).
    Class,
    /// A kind of deadline (`notice_expires`).
    Deadline,
    /// The reason of a history event (`NOTICE_SENT`).
    Reason,
    /// A group type (`special`).
    GroupType,
    /// A language of instruction (`kazakh`).
    Language,
    /// A kind of document (`pmpk_conclusion`).
    Document,
    /// A check of a decision, as a failure reads (`MIN_AGE`).
    Check,
}

impl Labelled {
    /// Every kind of label.
    pub const ALL: [Labelled; 9] = [
        Labelled::State,
        Labelled::Action,
        Labelled::Class,
        Labelled::Deadline,
        Labelled::Reason,
        Labelled::GroupType,
        Labelled::Language,
        Labelled::Document,
        Labelled::Check,
    ];

    /// The snake-case name, e.g. `"group_type"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Labelled::State => "state",
            Labelled::Action => "action",
            Labelled::Class => "class",
            Labelled::Deadline => "deadline",
            Labelled::Reason => "reason",
            Labelled::GroupType => "group_type",
            Labelled::Language => "language",
            Labelled::Document => "document",
            Labelled::Check => "check",
        }
    }
}

/// The commands a parent or an operator takes, by name.
const ACTIONS: [&str; 19] = [
    "notify",
    "issue_direction",
    "take_place",
    "revoke",
    "extend",
    "confirm_right",
    "enroll",
    "release",
    "withdraw",
    "confirm_interest",
    "update_benefit",
    "correct_birth_date",
    "confirm_voucher",
    "refuse_voucher",
    "restore",
    "sign_contract",
    "join_waiting_list",
    "link_batch",
    "change_ranked_choices",
];

/// The checks of the engine's decisions a failure can name.
const CHECKS: [&str; 14] = [
    "WAITING",
    "MIN_AGE",
    "CHILD_UNDER_MAX_AGE",
    "MAY_CHOOSE",
    "PLACE_OPEN",
    "VACANCIES",
    "TURN_REACHED",
    "NOT_STOP_LISTED",
    "NOT_ENROLLED_ELSEWHERE",
    "NO_OFFER_ELSEWHERE",
    "BENEFIT_DOCUMENTS",
    "PMPK_CONCLUSION",
    "TB_REFERRAL",
    "NOT_FROZEN",
];

fn text([kk, ru, en]: [&str; 3]) -> LocalizedText {
    LocalizedText::new(kk, ru, en)
}

/// The label of `code` of `kind` (`label(Labelled::State, "notice_sent")`), or `None` for a
/// code kezek does not know.
///
/// ```
/// use kezek::labels::{label, Labelled};
/// use kezek::Lang;
/// let t = label(Labelled::State, "notice_sent").unwrap();
/// assert_eq!(t.get(Lang::Kk), "Хабарлама жіберілді");
/// assert!(label(Labelled::State, "on_the_moon").is_none());
/// ```
#[must_use]
pub fn label(kind: Labelled, code: &str) -> Option<LocalizedText> {
    entries(kind)
        .into_iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| t)
}

/// Every label, by kind and code: what a host loads once to show names instead of codes.
/// Serialises as `{"state": {"queued": {"kk", "ru", "en"}, …}, …}`.
#[must_use]
pub fn labels() -> BTreeMap<Labelled, BTreeMap<&'static str, LocalizedText>> {
    Labelled::ALL
        .into_iter()
        .map(|kind| (kind, entries(kind).into_iter().collect()))
        .collect()
}

fn entries(kind: Labelled) -> Vec<(&'static str, LocalizedText)> {
    match kind {
        Labelled::State => StateName::ALL
            .iter()
            .map(|s| (s.as_str(), text(s.label())))
            .collect(),
        Labelled::Action => ACTIONS.iter().map(|a| (*a, text(action(a)))).collect(),
        Labelled::Class => PriorityClass::ALL
            .iter()
            .map(|c| (c.as_str(), text(class(*c))))
            .collect(),
        Labelled::Deadline => DueKind::ALL.iter().map(|k| deadline(*k)).collect(),
        Labelled::Reason => Reason::ALL
            .iter()
            .map(|r| (r.code(), text(reason(*r))))
            .collect(),
        Labelled::GroupType => GroupType::ALL
            .iter()
            .map(|g| (g.as_str(), text(group_type(*g))))
            .collect(),
        Labelled::Language => Language::ALL.iter().map(|l| language(*l)).collect(),
        Labelled::Document => DOCUMENTS
            .iter()
            .filter_map(|d| Some((*d, text(document_name(d)?))))
            .collect(),
        Labelled::Check => CHECKS.iter().map(|c| (*c, text(failed_check(c)))).collect(),
    }
}

fn class(c: PriorityClass) -> [&'static str; 3] {
    match c {
        PriorityClass::OutOfTurn => ["Кезектен тыс", "Вне очереди", "Out of turn"],
        PriorityClass::FirstPriority => ["Бірінші кезекте", "В первую очередь", "First priority"],
        PriorityClass::General => ["Жалпы негізде", "На общих основаниях", "General"],
    }
}

fn deadline(k: DueKind) -> (&'static str, LocalizedText) {
    let (code, texts) = match k {
        DueKind::NoticeExpires => (
            "notice_expires",
            [
                "Балабақшаны таңдау мерзімі",
                "Срок выбора детского сада",
                "Choose a kindergarten by",
            ],
        ),
        DueKind::RightExpires => (
            "right_expires",
            [
                "Кезектен тыс құқықты растау мерзімі",
                "Срок подтверждения внеочередного права",
                "Confirm the out-of-turn right by",
            ],
        ),
        DueKind::DirectionLapses => (
            "direction_lapses",
            [
                "Баланы балабақшаға апару мерзімі",
                "Срок явки ребёнка в детский сад",
                "Bring the child to the kindergarten by",
            ],
        ),
        DueKind::StopListEnds => (
            "stop_list_ends",
            [
                "Стоп-тізімнің аяқталуы",
                "Окончание стоп-листа",
                "The stop-list ends",
            ],
        ),
        DueKind::InterestAnniversary => (
            "interest_anniversary",
            [
                "Мүдделілікті растау мерзімі",
                "Срок подтверждения заинтересованности",
                "Confirm interest by",
            ],
        ),
        DueKind::AgesOut => (
            "ages_out",
            [
                "Бала жас шегіне жетеді",
                "Ребёнок достигает предельного возраста",
                "The child ages out",
            ],
        ),
        DueKind::ConsentExpires => (
            "consent_expires",
            [
                "Ваучерді растау мерзімі",
                "Срок подтверждения ваучера",
                "Confirm the voucher by",
            ],
        ),
        DueKind::ContractExpires => (
            "contract_expires",
            [
                "Шарт жасасу мерзімі",
                "Срок заключения договора",
                "Sign the contract by",
            ],
        ),
        DueKind::RestoreExpires => (
            "restore_expires",
            [
                "Өтінішті қалпына келтіру мерзімі",
                "Срок восстановления заявления",
                "Restore the application by",
            ],
        ),
    };
    (code, text(texts))
}

fn group_type(g: GroupType) -> [&'static str; 3] {
    match g {
        GroupType::General => ["Жалпы топ", "Общая группа", "General group"],
        GroupType::Special => ["Арнайы топ", "Специальная группа", "Special group"],
        GroupType::Sanatorium => ["Санаторлық топ", "Санаторная группа", "Sanatorium group"],
    }
}

fn language(l: Language) -> (&'static str, LocalizedText) {
    let (code, texts) = match l {
        Language::Kazakh => ("kazakh", ["Қазақ тілі", "Казахский язык", "Kazakh"]),
        Language::Russian => ("russian", ["Орыс тілі", "Русский язык", "Russian"]),
        Language::Other => ("other", ["Басқа тіл", "Другой язык", "Another language"]),
    };
    (code, text(texts))
}

#[allow(clippy::too_many_lines)] // one arm per reason, three languages each
fn reason(r: Reason) -> [&'static str; 3] {
    match r {
        Reason::Registered => [
            "Кезекке қойылды",
            "Поставлен в очередь",
            "Registered in the queue",
        ],
        Reason::NoticeSent => [
            "Хабарлама жіберілді",
            "Уведомление отправлено",
            "Notice sent",
        ],
        Reason::NoticeExpired => [
            "Хабарлама мерзімі өтті: бала кезекте қалды",
            "Срок уведомления истёк: ребёнок остался в очереди",
            "The notice expired: the child stays in the queue",
        ],
        Reason::DirectionIssued => ["Жолдама берілді", "Направление выдано", "Direction issued"],
        Reason::FreeChoiceTaken => [
            "Еркін таңдау бойынша жолдама берілді",
            "Направление выдано по свободному выбору",
            "Direction issued by free choice",
        ],
        Reason::DirectionRevoked => [
            "Жолдамадан бас тартылды",
            "Отказ от направления",
            "Direction given back",
        ],
        Reason::DirectionExtended => [
            "Жолдама ұзартылды",
            "Направление продлено",
            "Direction extended",
        ],
        Reason::RightConfirmed => [
            "Кезектен тыс құқық расталды",
            "Внеочередное право подтверждено",
            "Out-of-turn right confirmed",
        ],
        Reason::RightNotConfirmed => [
            "Кезектен тыс құқық расталмады",
            "Внеочередное право не подтверждено",
            "Out-of-turn right not confirmed",
        ],
        Reason::DirectionLapsed => [
            "Бала мерзімінде әкелінбеді: стоп-тізімге енгізілді",
            "Ребёнок не приведён в срок: внесён в стоп-лист",
            "The child was not brought in time: on the stop-list",
        ],
        Reason::RemovedAfterLapses => [
            "Жолдама қайта пайдаланылмады: кезектен шығарылды",
            "Направление снова не использовано: снят с очереди",
            "A direction lapsed again: removed from the queue",
        ],
        Reason::StopListEnded => [
            "Стоп-тізім аяқталды",
            "Стоп-лист окончен",
            "The stop-list ended",
        ],
        Reason::Enrolled => [
            "Балабақшаға қабылданды",
            "Зачислен в детский сад",
            "Enrolled",
        ],
        Reason::Released => [
            "Балабақшадан шықты",
            "Выбыл из детского сада",
            "Left the kindergarten",
        ],
        Reason::Withdrawn => [
            "Өтініш кері қайтарылды",
            "Заявление отозвано",
            "Application withdrawn",
        ],
        Reason::InterestConfirmed => [
            "Мүдделілік расталды",
            "Заинтересованность подтверждена",
            "Interest confirmed",
        ],
        Reason::InterestNotConfirmed => [
            "Мүдделілік расталмады: кезектен шығарылды",
            "Заинтересованность не подтверждена: снят с очереди",
            "Interest not confirmed: removed from the queue",
        ],
        Reason::AgedOut => [
            "Бала жас шегіне жетті: кезектен шығарылды",
            "Ребёнок достиг предельного возраста: снят с очереди",
            "The child aged out: removed from the queue",
        ],
        Reason::ApplicantLinked => [
            "Өтініш беруші қосылды",
            "Заявитель прикреплён",
            "Applicant attached",
        ],
        Reason::BatchLinked => [
            "Егіздер біріктірілді",
            "Близнецы объединены",
            "Twins linked",
        ],
        Reason::BatchMemberLeft => [
            "Егіздердің бірі кезектен шықты",
            "Один из близнецов выбыл из очереди",
            "A twin left the queue",
        ],
        Reason::BatchUnlinked => ["Егіздер бөлінді", "Близнецы разъединены", "Twins unlinked"],
        Reason::BenefitChanged => ["Жеңілдік өзгертілді", "Льгота изменена", "Benefit changed"],
        Reason::RankedChoicesChanged => [
            "Таңдалған балабақшалар өзгертілді",
            "Выбранные детские сады изменены",
            "Ranked kindergartens changed",
        ],
        Reason::BirthDateCorrected => [
            "Туған күні түзетілді",
            "Дата рождения исправлена",
            "Birth date corrected",
        ],
        Reason::DeadlineRecomputed => [
            "Мерзім қайта есептелді",
            "Срок пересчитан",
            "Deadline recounted",
        ],
        Reason::VoucherOffered => ["Ваучер ұсынылды", "Ваучер предложен", "Voucher offered"],
        Reason::VoucherConfirmed => ["Ваучер расталды", "Ваучер подтверждён", "Voucher confirmed"],
        Reason::VoucherNotConfirmed => [
            "Ваучер мерзімінде расталмады",
            "Ваучер не подтверждён в срок",
            "Voucher not confirmed in time",
        ],
        Reason::VoucherRefused => [
            "Ваучерден бас тартылды",
            "Отказ от ваучера",
            "Voucher refused",
        ],
        Reason::Restored => [
            "Өтініш қалпына келтірілді",
            "Заявление восстановлено",
            "Application restored",
        ],
        Reason::NotRestored => [
            "Өтініш мерзімінде қалпына келтірілмеді: кезектен шығарылды",
            "Заявление не восстановлено в срок: снят с очереди",
            "Not restored in time: removed from the queue",
        ],
        Reason::ContractSigned => ["Шарт жасалды", "Договор заключён", "Contract signed"],
        Reason::ContractNotSigned => [
            "Шарт мерзімінде жасалмады",
            "Договор не заключён в срок",
            "Contract not signed in time",
        ],
        Reason::WaitingListJoined => [
            "Күту тізіміне жазылды",
            "Внесён в лист ожидания",
            "Joined a waiting list",
        ],
        Reason::WaitingListPlace => [
            "Күту тізімінен орын берілді",
            "Место из листа ожидания",
            "A place from the waiting list",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn every_label_has_three_distinct_texts_and_codes_match_the_data() {
        for (kind, entries) in labels() {
            assert!(!entries.is_empty(), "{kind:?}");
            for (code, t) in entries {
                let texts: std::collections::HashSet<&str> =
                    Lang::ALL.iter().map(|l| t.get(*l)).collect();
                assert_eq!(texts.len(), 3, "{kind:?} {code}: {t:?}");
                assert!(
                    !["Құжат", "шарт орындалмаған", "бұл әрекетті орындау"]
                        .contains(&t.kk.as_str()),
                    "{kind:?} {code} has no text of its own"
                );
            }
        }
        for k in DueKind::ALL {
            assert_eq!(serde_json::to_value(k).expect("json"), deadline(k).0);
        }
        for l in Language::ALL {
            assert_eq!(serde_json::to_value(l).expect("json"), language(l).0);
        }
    }

    #[test]
    fn the_documents_are_those_of_the_built_in_benefits() {
        for cat in crate::benefit::builtin() {
            for kind in &cat.documents {
                assert!(DOCUMENTS.contains(&kind.as_str()), "{kind}");
            }
        }
        for kind in DOCUMENTS {
            assert!(
                crate::document::document_name(kind).is_some(),
                "{kind} has no name"
            );
        }
        assert_eq!(labels()[&Labelled::Document].len(), DOCUMENTS.len());
    }
}
