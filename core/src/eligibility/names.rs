//! What a failed check means, in a few words (kk, ru, en): for the messages of refusals a
//! parent reads and for `kezek::labels`.

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
