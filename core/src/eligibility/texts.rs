//! The messages and sources of the eligibility rules, in kk/ru/en, side by side.

use chrono::NaiveDate;

use super::age_in_months;
use crate::document::document_name;
use crate::iin::Iin;
use crate::lang::LocalizedText;
use crate::people;

/// The source of each rule code.
pub(super) fn source(code: &str) -> &'static str {
    match code {
        "APPLICANT_IIN" | "CHILD_IIN" => "RULES.md §1 [002, 003, 004, pub-H; revised 2026-12]",
        "CHILD_BIRTH_DATE" => "RULES.md §1, §2 [revised 2026-12: the register's birth date]",
        "APPLICANT_NOT_CHILD"
        | "CHILD_BORN"
        | "NOT_ALREADY_QUEUED"
        | "CONTACT_EMAIL"
        | "CONTACT_PHONE" => "RULES.md §2 [004]",
        "ADDRESS" | "NON_RESIDENT_DOCUMENTS" => "RULES.md §2 [003, 004]",
        "PLAIN_TEXT" => {
            "kezek's input rule: no control, bidirectional or invisible characters in \
             identifiers and contacts (look-alike queues)"
        }
        "BENEFIT_KNOWN" => "RULES.md §3 [003, 004, pub-H]",
        "BENEFIT_DOCUMENTS" => "RULES.md §3 [pub-M]",
        "CHILD_UNDER_MAX_AGE" | "AGED_OUT" => "RULES.md §4 [004, pub-M]",
        "MIN_AGE" | "VACANCIES" | "TURN_REACHED" => "RULES.md §4 [001]",
        "WAITING" | "IN_QUEUE" | "MAY_CHOOSE" | "PLACE_OPEN" => "RULES.md §5 [000, 001]",
        "NOT_STOP_LISTED" => "RULES.md §6 [001]",
        "NOT_ENROLLED_ELSEWHERE" => "RULES.md §5 [000]",
        "NO_OFFER_ELSEWHERE" => {
            "RULES.md §5 [000]; one offer at a time per child is kezek's reading"
        }
        "PMPK_CONCLUSION" => "RULES.md §7 [000, pub-M]",
        "TB_REFERRAL" => "RULES.md §7 [pub-M; revised 2026-12]",
        "NOT_FROZEN" => "RULES.md §9 [pub-M]",
        _ => "RULES.md",
    }
}

fn t(kk: String, ru: String, en: String) -> LocalizedText {
    LocalizedText { kk, ru, en }
}

fn either(ok: bool, yes: [&str; 3], no: [&str; 3]) -> LocalizedText {
    let [kk, ru, en] = if ok { yes } else { no };
    LocalizedText::new(kk, ru, en)
}

/// An age of `months` months, e.g. "2 years 3 months".
#[must_use]
pub fn age_text(months: u32) -> LocalizedText {
    let (y, m) = (months / 12, months % 12);
    t(
        format!("{y} жас {m} ай"),
        format!("{y} г. {m} мес."),
        format!(
            "{y} year{} {m} month{}",
            if y == 1 { "" } else { "s" },
            if m == 1 { "" } else { "s" }
        ),
    )
}

pub(super) fn iin_ok(code: &str, iin: &Iin) -> LocalizedText {
    let masked = iin.masked();
    if code == "APPLICANT_IIN" {
        t(
            format!("өтініш берушінің ЖСН-і дұрыс ({masked})"),
            format!("ИИН заявителя корректен ({masked})"),
            format!("the applicant's IIN is valid ({masked})"),
        )
    } else {
        t(
            format!("баланың ЖСН-і дұрыс ({masked})"),
            format!("ИИН ребёнка корректен ({masked})"),
            format!("the child's IIN is valid ({masked})"),
        )
    }
}

pub(super) fn birth_date_known(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "баланың туған күні белгілі",
            "дата рождения ребёнка известна",
            "the child's birth date is known",
        ],
        [
            "баланың туған күнін көрсетіңіз: ол ЖСН-нен анықталмайды",
            "укажите дату рождения ребёнка: по ИИН её определить нельзя",
            "give the child's birth date: it cannot be read from the IIN",
        ],
    )
}

pub(super) fn applicant_not_child(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "өтініш беруші баланың өзі емес",
            "заявитель — не сам ребёнок",
            "the applicant is not the child",
        ],
        [
            "өтініш беруші баланың өзі бола алмайды",
            "заявитель не может быть самим ребёнком",
            "the applicant cannot be the child",
        ],
    )
}

pub(super) fn child_born(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "бала тіркеу күніне дейін туған",
            "ребёнок родился к дате регистрации",
            "the child is born by the day of registration",
        ],
        [
            "баланың туған күні тіркеу күнінен кейін",
            "дата рождения ребёнка позже даты регистрации",
            "the child's birth date is after the day of registration",
        ],
    )
}

pub(super) fn under_max_age(ok: bool, birth: NaiveDate, on: NaiveDate, max: u32) -> LocalizedText {
    let months = age_in_months(birth, on);
    let (age, lim) = (age_text(months), age_text(max));
    if !ok && months < max {
        // Past the limit before the birthday: the policy counts by calendar year.
        let years = max / 12;
        return t(
            format!(
                "баланың жасы {} — биыл {years} жасқа толады: жас күнтізбелік жыл бойынша есептеледі",
                age.kk
            ),
            format!(
                "возраст ребёнка {} — в этом году исполняется {years}: возраст считается по календарному году",
                age.ru
            ),
            format!(
                "the child is {} old and turns {years} this year: age is counted by calendar year",
                age.en
            ),
        );
    }
    if ok {
        t(
            format!("баланың жасы {} — шекті жастан ({}) кіші", age.kk, lim.kk),
            format!(
                "возраст ребёнка {} — меньше предельного ({})",
                age.ru, lim.ru
            ),
            format!("the child is {} old, under the limit of {}", age.en, lim.en),
        )
    } else {
        t(
            format!(
                "баланың жасы {} — мектепке дейінгі жастан ({}) асқан",
                age.kk, lim.kk
            ),
            format!(
                "возраст ребёнка {} — достиг предела дошкольного возраста ({})",
                age.ru, lim.ru
            ),
            format!(
                "the child is {} old, past the preschool limit of {}",
                age.en, lim.en
            ),
        )
    }
}

pub(super) fn aged_out(ok: bool, birth: NaiveDate, on: NaiveDate, max: u32) -> LocalizedText {
    under_max_age(!ok, birth, on, max)
}

pub(super) fn min_age(ok: bool, birth: NaiveDate, on: NaiveDate, min: u32) -> LocalizedText {
    let (age, lim) = (age_text(age_in_months(birth, on)), age_text(min));
    let verb = if ok {
        ["толды", "достигнут", "reached"]
    } else {
        ["әлі толмаған", "ещё не достигнут", "not yet reached"]
    };
    t(
        format!(
            "баланың жасы {}; ең төменгі жас {} {}",
            age.kk, lim.kk, verb[0]
        ),
        format!(
            "возраст ребёнка {}; минимальный возраст {} {}",
            age.ru, lim.ru, verb[1]
        ),
        format!(
            "the child is {} old; the minimum age of {} is {}",
            age.en, lim.en, verb[2]
        ),
    )
}

pub(super) fn not_already_queued(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "бала осы топ түріне кезекте тұрған жоқ",
            "ребёнок ещё не стоит в очереди на этот вид групп",
            "the child is not yet queued for this kind of group",
        ],
        [
            "бала осы топ түріне кезекте тұр",
            "ребёнок уже стоит в очереди на этот вид групп",
            "the child is already queued for this kind of group",
        ],
    )
}

pub(super) fn address(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "өңір мен аудан көрсетілген",
            "регион и район указаны",
            "region and district are given",
        ],
        [
            "тұрақты немесе уақытша тіркелген мекенжайдың өңірі мен ауданы міндетті",
            "регион и район адреса постоянной или временной регистрации обязательны",
            "the region and district of a permanent or temporary registered address are required",
        ],
    )
}

pub(super) fn plain_text(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "мекенжай мен байланыс деректерінде көрінбейтін таңбалар жоқ",
            "в адресе и контактах нет невидимых символов",
            "the address and contacts hold no invisible characters",
        ],
        [
            "мекенжайда немесе байланыс деректерінде көрінбейтін немесе басқару таңбасы бар: оны алып тастап, қайта теріңіз",
            "в адресе или контактах есть невидимый или управляющий символ: удалите его и введите заново",
            "the address or contacts hold an invisible or control character: remove it and type the text again",
        ],
    )
}

pub(super) fn non_resident(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "уақытша тіркеу құжаты тіркелген",
            "документ о временной регистрации приложен",
            "a temporary registration document is attached",
        ],
        [
            "тұрақты тұрғын емес өтініш берушіге жарамды уақытша тіркеу құжаты керек",
            "для нерезидента нужен действующий документ о временной регистрации",
            "a non-resident applicant needs a valid temporary registration document",
        ],
    )
}

pub(super) fn email(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "электрондық пошта дұрыс",
            "электронная почта корректна",
            "the e-mail address is valid",
        ],
        [
            "хабарламалар үшін дұрыс электрондық пошта міндетті",
            "для уведомлений нужна корректная электронная почта",
            "a valid e-mail address is required for notices",
        ],
    )
}

pub(super) fn phone(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "телефон нөмірі дұрыс",
            "номер телефона корректен",
            "the phone number is valid",
        ],
        [
            "хабарламалар үшін +7 және 10 цифрдан тұратын телефон нөмірі міндетті",
            "для уведомлений нужен номер телефона: +7 и 10 цифр",
            "a phone number of +7 and 10 digits is required for notices",
        ],
    )
}

/// The category is known (named as the policy names it), or not.
pub(super) fn benefit_known(name: Option<&LocalizedText>) -> LocalizedText {
    if let Some(name) = name {
        t(
            format!("«{}» жеңілдік санаты белгілі", name.kk),
            format!("категория льготы «{}» известна", name.ru),
            format!("the benefit category “{}” is known", name.en),
        )
    } else {
        // The value given is not repeated: it is not one of ours, and may be anything a
        // host put in the field, an IIN included.
        t(
            "мұндай жеңілдік санаты жоқ".to_owned(),
            "такой категории льготы нет".to_owned(),
            "there is no such benefit category".to_owned(),
        )
    }
}

pub(super) fn benefit_documents(
    unmet: &[(String, Option<NaiveDate>)],
    name: &LocalizedText,
) -> LocalizedText {
    if unmet.is_empty() {
        return t(
            format!("«{}» жеңілдігінің құжаттары жарамды", name.kk),
            format!("документы льготы «{}» действительны", name.ru),
            format!("the documents for “{}” are valid", name.en),
        );
    }
    // Each document by its name in the reader's language (a policy's own kind, which kezek
    // cannot name, in quotes), and the day an expired one ended as people write it.
    let list = |lang: usize, expired: &str, missing: &str| {
        unmet
            .iter()
            .map(|(kind, end)| {
                let named = document_name(kind)
                    .map_or_else(|| format!("«{kind}»"), |names| names[lang].to_owned());
                match end {
                    Some(d) => format!("{named} ({expired} {})", people::date(*d)),
                    None => format!("{named} ({missing})"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    t(
        format!(
            "«{}» жеңілдігіне құжат жетіспейді: {}",
            name.kk,
            list(0, "мерзімі өтті:", "жоқ")
        ),
        format!(
            "для льготы «{}» не хватает документов: {}",
            name.ru,
            list(1, "срок истёк", "нет")
        ),
        format!(
            "the benefit “{}” lacks documents: {}",
            name.en,
            list(2, "expired on", "missing")
        ),
    )
}

pub(super) fn waiting(ok: bool) -> LocalizedText {
    either(
        ok,
        ["өтініш кезекте күтіп тұр", "заявление ожидает в очереди", "the application is waiting in the queue"],
        [
            "өтініш кезекте күтіп тұрған жоқ (хабарлама, жолдама бар немесе кезектен шыққан)",
            "заявление не ожидает в очереди (есть уведомление, направление или оно выбыло)",
            "the application is not waiting in the queue (it holds a notice or a direction, or has left)",
        ],
    )
}

pub(super) fn may_choose(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "өтініш кезекте күтіп тұр немесе хабарлама алған",
            "заявление ожидает в очереди или получило уведомление",
            "the application is waiting in the queue or holds a notice",
        ],
        [
            "өтініш бойынша орын алуға болмайды: ол кезекте күтпейді және хабарлама алмаған",
            "по заявлению нельзя занять место: оно не ожидает в очереди и не получило уведомления",
            "no place can be taken for the application: it is neither waiting nor notified",
        ],
    )
}

pub(super) fn place_open(bulletins: u32) -> LocalizedText {
    if bulletins > 0 {
        t(
            format!("алуға болатын бос орын бар: {bulletins} хабарландыруда"),
            format!("есть свободное место, которое можно занять: в объявлениях — {bulletins}"),
            format!("a free place the child may take: in {bulletins} bulletin(s)"),
        )
    } else {
        t(
            "қазір бала ала алатын бос орын жоқ".to_owned(),
            "сейчас нет свободного места, которое ребёнок может занять".to_owned(),
            "no free place the child may take now".to_owned(),
        )
    }
}

pub(super) fn vacancies(n: u32) -> LocalizedText {
    t(
        format!("бос орын саны: {n}"),
        format!("свободных мест: {n}"),
        format!("vacant places: {n}"),
    )
}

pub(super) fn turn(ok: bool, ahead: u64, places: u32, batch: u32) -> LocalizedText {
    let (kk, ru, en) = if ok {
        ("кезек келді", "очередь подошла", "the turn has come")
    } else {
        (
            "кезек әлі келген жоқ",
            "очередь ещё не подошла",
            "the turn has not come yet",
        )
    };
    let (places, batch) = (u64::from(places), u64::from(batch));
    let children = ["child", "children"];
    t(
        format!("{kk}: алдында {ahead} бала, {places} орын, {batch} балаға"),
        format!(
            "{ru}: впереди {}, {}, нужно на {}",
            crate::lang::count_ru(ahead, ["ребёнок", "ребёнка", "детей"]),
            crate::lang::count_ru(places, ["место", "места", "мест"]),
            crate::lang::count_ru(batch, ["ребёнка", "детей", "детей"]),
        ),
        format!(
            "{en}: {} ahead, {}, needed for {}",
            crate::lang::count_en(ahead, children),
            crate::lang::count_en(places, ["place", "places"]),
            crate::lang::count_en(batch, children),
        ),
    )
}

pub(super) fn not_stop_listed(until: Option<chrono::NaiveDateTime>) -> LocalizedText {
    match until {
        None => LocalizedText::new(
            "бала стоп-тізімде жоқ",
            "ребёнок не в стоп-листе",
            "the child is not on the stop-list",
        ),
        Some(u) => {
            let u = people::moment(u);
            t(
                format!("бала {u} дейін стоп-тізімде"),
                format!("ребёнок в стоп-листе до {u}"),
                format!("the child is on the stop-list until {u}"),
            )
        }
    }
}

pub(super) fn not_enrolled(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "бала басқа балабақшаға қабылданбаған",
            "ребёнок не зачислен в другой детский сад",
            "the child is not enrolled in another kindergarten",
        ],
        [
            "бала басқа балабақшада; ол шығарылғанша жолдама берілмейді",
            "ребёнок зачислен в другой детский сад; до отчисления направление не выдаётся",
            "the child is enrolled in another kindergarten; no direction until it leaves",
        ],
    )
}

pub(super) fn no_offer_elsewhere(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "балада басқа өтініш бойынша хабарлама не жолдама жоқ",
            "у ребёнка нет уведомления или направления по другому заявлению",
            "the child holds no notice or direction through another application",
        ],
        [
            "балада басқа өтініш бойынша хабарлама не жолдама бар",
            "у ребёнка уже есть уведомление или направление по другому заявлению",
            "the child already holds a notice or a direction through another application",
        ],
    )
}

pub(super) fn pmpk(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "ПМПК қорытындысы бар",
            "заключение ПМПК есть",
            "a ПМПК (PMPK) conclusion is attached",
        ],
        [
            "арнайы (түзету) топтарға ПМПК қорытындысы қажет",
            "для специальных (коррекционных) групп нужно заключение ПМПК",
            "special (correctional) groups need a ПМПК (PMPK) conclusion",
        ],
    )
}

pub(super) fn tb_referral(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "фтизиатрдың жолдамасы бар",
            "направление фтизиатра есть",
            "a TB doctor's referral is attached",
        ],
        [
            "санаторлық топқа емханадағы фтизиатрдың немесе өңірлік емдеу орталығының жолдамасы қажет",
            "для санаторной группы нужно направление фтизиатра поликлиники или регионального лечебного центра",
            "a sanatorium group needs a referral from the polyclinic's TB doctor or a regional treatment centre",
        ],
    )
}

pub(super) fn not_frozen(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "орын жариялау тоқтатылмаған",
            "публикация мест не приостановлена",
            "publishing places is not suspended",
        ],
        [
            "тамыз айында орын жариялау мен жолдама беру тоқтатылады",
            "в августе публикация мест и выдача направлений приостановлены",
            "publishing places and issuing directions is suspended in August",
        ],
    )
}

pub(super) fn in_queue(ok: bool) -> LocalizedText {
    either(
        ok,
        [
            "бала әлі орын күтіп тұр",
            "ребёнок ещё ждёт места",
            "the child is still waiting for a place",
        ],
        [
            "бала кезекте емес (қабылданған немесе шыққан)",
            "ребёнок не в очереди (зачислен или выбыл)",
            "the child is not in the queue (enrolled or gone)",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::{age_text, turn};

    #[test]
    fn counts_take_the_form_their_number_needs() {
        let t = turn(false, 2, 1, 1);
        assert_eq!(
            t.ru,
            "очередь ещё не подошла: впереди 2 ребёнка, 1 место, нужно на 1 ребёнка"
        );
        assert_eq!(
            t.en,
            "the turn has not come yet: 2 children ahead, 1 place, needed for 1 child"
        );
        let t = turn(true, 1, 5, 2);
        assert_eq!(
            t.ru,
            "очередь подошла: впереди 1 ребёнок, 5 мест, нужно на 2 детей"
        );
        assert_eq!(
            t.en,
            "the turn has come: 1 child ahead, 5 places, needed for 2 children"
        );
    }

    #[test]
    fn ages_read_as_people_write_them() {
        let en = |months| age_text(months).en;
        assert_eq!(en(13), "1 year 1 month");
        assert_eq!(en(25), "2 years 1 month");
        assert_eq!(en(24), "2 years 0 months");
        assert_eq!(en(14), "1 year 2 months");
        assert_eq!(age_text(37).kk, "3 жас 1 ай");
        assert_eq!(age_text(37).ru, "3 г. 1 мес.");
    }
}
