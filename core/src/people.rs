//! What people read (issue 24 §5): dates and moments as they are written in Kazakhstan, and
//! the names of states, actions and failed checks in kk/ru/en, for the messages a parent or
//! an operator reads. Those messages carry no codes, rule references or raw identifiers:
//! the codes stay in the errors' fields, for developers.
//!
//! The Kazakh follows the parents' manuals where they name the thing ("Хабарлама
//! жіберілді" [000, 001]); elsewhere it is the portals' usual wording (`GLOSSARY.md`).

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::lifecycle::StateName;

/// A day as people write it: `21.03.2025`.
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(kezek::people::date(NaiveDate::from_ymd_opt(2025, 3, 21).unwrap()), "21.03.2025");
/// ```
#[must_use]
pub fn date(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// A moment as people write it: `21.03.2025, 15:00` (seconds only when there are any).
///
/// ```
/// use chrono::NaiveDate;
/// let t = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap().and_hms_opt(15, 0, 0).unwrap();
/// assert_eq!(kezek::people::moment(t), "21.03.2025, 15:00");
/// ```
#[must_use]
pub fn moment(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%d.%m.%Y, %H:%M").to_string()
    } else {
        t.format("%d.%m.%Y, %H:%M:%S").to_string()
    }
}

/// The name of a state as the portals show it: kk, ru, en.
#[must_use]
pub fn state(name: StateName) -> [&'static str; 3] {
    match name {
        StateName::New => ["Жаңа", "Новое", "New"],
        StateName::Queued => ["Кезекте", "В очереди", "Queued"],
        StateName::NoticeSent => [
            "Хабарлама жіберілді",
            "Уведомление отправлено",
            "Notice sent",
        ],
        StateName::DirectionIssued => ["Жолдама берілді", "Направление выдано", "Direction issued"],
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

/// What a command does, as a parent or an operator would say it: kk, ru, en.
#[must_use]
pub fn action(command: &str) -> [&'static str; 3] {
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

/// What a failed check of an offer means, in a few words: kk, ru, en.
#[must_use]
pub fn failed_check(code: &str) -> [&'static str; 3] {
    match code {
        "WAITING" => [
            "өтініш кезекте күтіп тұрған жоқ",
            "заявление не ожидает в очереди",
            "the application is not waiting in the queue",
        ],
        "MIN_AGE" => [
            "бала ең төменгі жасқа толмаған",
            "ребёнок не достиг минимального возраста",
            "the child is below the minimum age",
        ],
        "CHILD_UNDER_MAX_AGE" => [
            "бала жас шегіне жеткен",
            "ребёнок достиг предельного возраста",
            "the child has reached the age limit",
        ],
        "MAY_CHOOSE" => [
            "өтініш кезекте күтпейді және хабарлама алмаған",
            "заявление не ожидает в очереди и не получило уведомления",
            "the application is neither waiting nor notified",
        ],
        "PLACE_OPEN" => [
            "бала ала алатын бос орын жоқ",
            "нет свободного места, которое ребёнок может занять",
            "there is no free place the child may take",
        ],
        "VACANCIES" => [
            "бос орын жоқ",
            "нет свободных мест",
            "there is no vacant place",
        ],
        "TURN_REACHED" => [
            "баланың кезегі әлі келмеді",
            "очередь ребёнка ещё не подошла",
            "the child's turn has not come",
        ],
        "NOT_STOP_LISTED" => [
            "бала стоп-тізімде",
            "ребёнок в стоп-листе",
            "the child is on the stop-list",
        ],
        "NOT_ENROLLED_ELSEWHERE" => [
            "бала басқа балабақшаға қабылданған",
            "ребёнок зачислен в другой детский сад",
            "the child is enrolled in another kindergarten",
        ],
        "NO_OFFER_ELSEWHERE" => [
            "баланың басқа өтініш бойынша хабарламасы не жолдамасы бар",
            "у ребёнка есть уведомление или направление по другому заявлению",
            "the child holds a notice or a direction through another application",
        ],
        "BENEFIT_DOCUMENTS" => [
            "жеңілдік құжаттары жарамсыз",
            "документы льготы недействительны",
            "the benefit's documents are not valid",
        ],
        "PMPK_CONCLUSION" => [
            "ПМПК қорытындысы жоқ",
            "нет заключения ПМПК",
            "there is no PMPK conclusion",
        ],
        "TB_REFERRAL" => [
            "фтизиатрдың жолдамасы жоқ",
            "нет направления фтизиатра",
            "there is no TB doctor's referral",
        ],
        "NOT_FROZEN" => [
            "орындарды жариялау тоқтатылған",
            "публикация мест приостановлена",
            "publishing places is suspended",
        ],
        _ => [
            "шарт орындалмаған",
            "условие не выполнено",
            "a condition is not met",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_has_three_distinct_texts() {
        let states = [
            StateName::New,
            StateName::Queued,
            StateName::NoticeSent,
            StateName::DirectionIssued,
            StateName::StopListed,
            StateName::Enrolled,
            StateName::Released,
            StateName::Removed,
            StateName::Withdrawn,
            StateName::VoucherOffered,
            StateName::VoucherConfirmed,
            StateName::Inactive,
            StateName::WaitingList,
        ];
        for texts in states.map(state) {
            assert_eq!(
                texts.iter().collect::<std::collections::HashSet<_>>().len(),
                3,
                "{texts:?}"
            );
        }
        let t = NaiveDate::from_ymd_opt(2025, 1, 2)
            .and_then(|d| d.and_hms_opt(9, 5, 7))
            .expect("a moment");
        assert_eq!(moment(t), "02.01.2025, 09:05:07");
    }
}
