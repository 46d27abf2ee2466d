//! The names people read of the engine's states and commands, in kk/ru/en: in messages to
//! parents and operators, and in `kezek::labels`. The Kazakh follows the parents' manuals
//! where they name the thing ("Хабарлама жіберілді" [000, 001]); elsewhere it is the
//! portals' usual wording (`GLOSSARY.md`).

use super::state::StateName;

impl StateName {
    /// The name of the state as the portals show it: kk, ru, en.
    #[must_use]
    pub fn label(self) -> [&'static str; 3] {
        let name = self;
        match name {
            StateName::New => ["Жаңа", "Новое", "New"],
            StateName::Queued => ["Кезекте", "В очереди", "Queued"],
            StateName::NoticeSent => [
                "Хабарлама жіберілді",
                "Уведомление отправлено",
                "Notice sent",
            ],
            StateName::DirectionIssued => {
                ["Жолдама берілді", "Направление выдано", "Direction issued"]
            }
            StateName::StopListed => ["Стоп-тізімде", "В стоп-листе", "On the stop-list"],
            StateName::Enrolled => [
                "Балабақшаға қабылданды",
                "Зачислен в детский сад",
                "Enrolled",
            ],
            StateName::Released => [
                "Балабақшадан шықты",
                "Выбыл из детского сада",
                "Left the kindergarten",
            ],
            StateName::Removed => [
                "Кезектен шығарылды",
                "Снят с очереди",
                "Removed from the queue",
            ],
            StateName::Withdrawn => ["Өтініш кері қайтарылды", "Заявление отозвано", "Withdrawn"],
            StateName::VoucherOffered => ["Ваучер ұсынылды", "Ваучер предложен", "Voucher offered"],
            StateName::VoucherConfirmed => {
                ["Ваучер расталды", "Ваучер подтверждён", "Voucher confirmed"]
            }
            StateName::Inactive => ["Белсенді емес", "Неактивно", "Inactive"],
            StateName::WaitingList => ["Күту тізімінде", "В листе ожидания", "On a waiting list"],
        }
    }
}

/// What a command does, as a parent or an operator would say it: kk, ru, en.
#[must_use]
pub(crate) fn action(command: &str) -> [&'static str; 3] {
    match command {
        "notify" => ["хабарлама жіберу", "отправить уведомление", "send a notice"],
        "issue_direction" | "take_place" => {
            ["жолдама беру", "выдать направление", "issue a direction"]
        }
        "revoke" => [
            "жолдамадан бас тарту",
            "отказаться от направления",
            "give the direction back",
        ],
        "extend" => [
            "жолдаманы ұзарту",
            "продлить направление",
            "extend the direction",
        ],
        "confirm_right" => [
            "кезектен тыс құқықты растау",
            "подтвердить внеочередное право",
            "confirm the out-of-turn right",
        ],
        "enroll" => [
            "балабақшаға қабылдау",
            "зачислить в детский сад",
            "enrol the child",
        ],
        "release" => [
            "балабақшадан шығару",
            "отчислить из детского сада",
            "release the place",
        ],
        "withdraw" => [
            "өтінішті кері қайтару",
            "отозвать заявление",
            "withdraw the application",
        ],
        "confirm_interest" => [
            "мүдделілікті растау",
            "подтвердить заинтересованность",
            "confirm interest",
        ],
        "change_ranked_choices" => [
            "балабақшаларды таңдау ретін өзгерту",
            "изменить выбранные детские сады",
            "change the ranked kindergartens",
        ],
        "update_benefit" => [
            "жеңілдікті өзгерту",
            "изменить льготу",
            "change the benefit",
        ],
        "correct_birth_date" => [
            "туған күнді түзету",
            "исправить дату рождения",
            "correct the birth date",
        ],
        "confirm_voucher" => [
            "ваучерді растау",
            "подтвердить ваучер",
            "confirm the voucher",
        ],
        "refuse_voucher" => [
            "ваучерден бас тарту",
            "отказаться от ваучера",
            "refuse the voucher",
        ],
        "restore" => [
            "өтінішті қалпына келтіру",
            "восстановить заявление",
            "restore the application",
        ],
        "sign_contract" => ["шарт жасасу", "заключить договор", "sign the contract"],
        "join_waiting_list" => [
            "күту тізіміне жазылу",
            "встать в лист ожидания",
            "join the waiting list",
        ],
        "link_batch" => [
            "егіздерді біріктіру",
            "объединить близнецов",
            "link the twins",
        ],
        _ => ["бұл әрекетті орындау", "выполнить это действие", "do this"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_three_distinct_names() {
        for name in StateName::ALL {
            let texts = name.label();
            let distinct: std::collections::HashSet<_> = texts.iter().collect();
            assert_eq!(distinct.len(), 3, "{texts:?}");
        }
    }
}
