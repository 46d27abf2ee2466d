// The portal's own words in Kazakh, Russian and English. What the rules say (eligibility
// reasons, holiday names, error messages) comes from kezek itself in the same three
// languages; this file holds only the labels of the page.

export const LANGS = ["kk", "ru", "en"];

const WORDS = {
  title: {
    kk: "Балабақшаға электрондық кезек",
    ru: "Электронная очередь в детский сад",
    en: "Electronic kindergarten queue",
  },
  demo: {
    kk: "Демо: Ақмола облысы, Көкшетау қаласы. Деректер ойдан алынған.",
    ru: "Демо: Акмолинская область, город Кокшетау. Данные вымышлены.",
    en: "Demo: Akmola region, Kokshetau. The data is made up.",
  },
  moment: { kk: "Уақыт (Қазақстан уақыты)", ru: "Момент (время Казахстана)", en: "Moment (Kazakhstan time)" },
  parent: { kk: "Ата-анаға", ru: "Родителям", en: "For parents" },
  childIin: { kk: "Баланың ЖСН-і", ru: "ИИН ребёнка", en: "Child's IIN" },
  groupLanguage: { kk: "Топтың тілі", ru: "Язык группы", en: "Group language" },
  kazakh: { kk: "қазақ тілі", ru: "казахский", en: "Kazakh" },
  russian: { kk: "орыс тілі", ru: "русский", en: "Russian" },
  check: { kk: "Тексеру", ru: "Проверить", en: "Check" },
  demoChildren: { kk: "Демо балалар:", ru: "Дети из демо:", en: "Demo children:" },
  iin: { kk: "ЖСН", ru: "ИИН", en: "IIN" },
  born: { kk: "Туған күні", ru: "Дата рождения", en: "Born" },
  from_iin: { kk: "ЖСН бойынша, тізілімнен емес", ru: "по ИИН, не из регистра", en: "as the IIN encodes it, not from the register" },
  no_birth_date: {
    kk: "ЖСН-нен анықталмайды: тізілімдегі туған күні керек",
    ru: "по ИИН не определяется: нужна дата из регистра",
    en: "not encoded in the IIN: the register's date is needed",
  },
  male: { kk: "ұл", ru: "мальчик", en: "boy" },
  female: { kk: "қыз", ru: "девочка", en: "girl" },
  mayRegister: { kk: "Кезекке тұруға бола ма?", ru: "Можно ли встать в очередь?", en: "May the child join the queue?" },
  mayBeOffered: { kk: "Қазір орын ұсынуға бола ма?", ru: "Можно ли сейчас предложить место?", en: "May a place be offered now?" },
  yes: { kk: "Иә", ru: "Да", en: "Yes" },
  no: { kk: "Жоқ", ru: "Нет", en: "No" },
  register: { kk: "Кезекке тұру", ru: "Встать в очередь", en: "Join the queue" },
  application: { kk: "Өтініш", ru: "Заявление", en: "Application" },
  status: { kk: "Күйі", ru: "Статус", en: "Status" },
  position: { kk: "Кезектегі нөмірі", ru: "Номер в очереди", en: "Queue number" },
  ahead: { kk: "Алдында тұрғандар", ru: "Впереди в очереди", en: "Ahead in the queue" },
  deadlines: { kk: "Мерзімдер", ru: "Сроки", en: "Deadlines" },
  chooseBy: { kk: "Орынды таңдау мерзімі", ru: "Выбрать место до", en: "Choose a place by" },
  showUpBy: { kk: "Балабақшаға келу мерзімі", ru: "Явиться в детский сад до", en: "Show up at the kindergarten by" },
  revocableUntil: {
    kk: "Жолдамадан бас тартуға болатын мерзім",
    ru: "Отказаться от направления можно до",
    en: "The direction may be given back until",
  },
  inclusive: { kk: "қоса алғанда", ru: "включительно", en: "inclusive" },
  provisional: {
    kk: "алдын ала: келесі жылдың демалыс күндері әлі бекітілмеген",
    ru: "предварительно: выходные следующего года ещё не утверждены",
    en: "provisional: next year's days off are not decreed yet",
  },
  endsAt: { kk: "аяқталады", ru: "истекает", en: "ends at" },
  daysOff: { kk: "Арадағы жұмыс емес күндер", ru: "Нерабочие дни в этом сроке", en: "Days off within it" },
  weekend: { kk: "демалыс күні", ru: "выходной", en: "weekend" },
  carriedOver: { kk: "ауыстырылған демалыс", ru: "перенесённый выходной", en: "day off carried over" },
  transferredDayOff: { kk: "ауыстырылған демалыс", ru: "перенесённый выходной", en: "transferred day off" },
  nextDeadline: { kk: "Келесі мерзім", ru: "Ближайший срок", en: "Next deadline" },
  takePlace: { kk: "Орынды алу", ru: "Взять место", en: "Take a place" },
  kindergarten: { kk: "Балабақша", ru: "Детский сад", en: "Kindergarten" },
  operator: { kk: "Операторға", ru: "Оператору", en: "For operators" },
  queueTitle: {
    kk: "Кезек: Көкшетау, жалпы топтар, 2021 жылы туғандар",
    ru: "Очередь: Кокшетау, общие группы, 2021 год рождения",
    en: "Queue: Kokshetau, general groups, born in 2021",
  },
  number: { kk: "№", ru: "№", en: "No." },
  child: { kk: "Бала", ru: "Ребёнок", en: "Child" },
  class: { kk: "Санаты", ru: "Категория", en: "Class" },
  vacancies: { kk: "Бос орындар", ru: "Свободные места", en: "Vacant places" },
  places: { kk: "Орын саны", ru: "Мест", en: "Places" },
  taken: { kk: "Алынды", ru: "Занято", en: "Taken" },
  publish: { kk: "Орындарды жариялау", ru: "Опубликовать места", en: "Publish places" },
  round: { kk: "Ұсыну айналымын өткізу", ru: "Провести раунд предложений", en: "Run an offer round" },
  report: { kk: "Айналым нәтижесі", ru: "Итог раунда", en: "Round report" },
  offered: { kk: "Хабарлама алғандар", ru: "Получили уведомление", en: "Notified" },
  skipped: { kk: "Өткізіліп кеткендер", ru: "Пропущены", en: "Skipped" },
  open: { kk: "Бос қалған орындар", ru: "Осталось свободных мест", en: "Places left open" },
  none: { kk: "жоқ", ru: "нет", en: "none" },
  error: { kk: "Қате", ru: "Ошибка", en: "Error" },
  modelNotices: { kk: "Хабарлама арқылы", ru: "Через уведомления", en: "By notices" },
  modelRanked: {
    kk: "Таңдаулар ретімен, жолдама автоматты",
    ru: "По списку выбора, направление автоматически",
    en: "By ranked choices, automatic directions",
  },
  ranked: {
    kk: "Таңдаған балабақшаларыңыз, қалауыңыз бойынша",
    ru: "Выбранные детские сады в порядке предпочтения",
    en: "Your kindergartens, in order of preference",
  },
  rankUp: { kk: "Жоғары көтеру", ru: "Поднять выше", en: "Move up" },
  rankAdd: { kk: "Тізімге қосу", ru: "Добавить в список", en: "Add to the list" },
  directionTo: { kk: "Автоматты түрде берілген жолдама", ru: "Направление выдано автоматически", en: "Direction issued automatically" },
  choiceNo: { kk: "таңдау №", ru: "выбор №", en: "choice no." },
  giveBack: { kk: "Жолдамадан бас тарту", ru: "Отказаться от направления", en: "Give the direction back" },
  whyNot: {
    kk: "Неге жоғары тұрған балабақшадан емес",
    ru: "Почему не детский сад, выбранный выше",
    en: "Why not a kindergarten ranked higher",
  },
  directed: { kk: "Жолдама алғандар", ru: "Получили направление", en: "Directions issued" },
  movedFrom: { kk: "бұрынғысы:", ru: "ранее:", en: "before:" },
  givenOn: {
    kk: "Босаған орын бірден кезектегі балаға берілді",
    ru: "Освободившееся место сразу передано следующему",
    en: "The place given back went on at once",
  },
};

const STATES = {
  new: { kk: "жаңа", ru: "новое", en: "new" },
  queued: { kk: "кезекте", ru: "в очереди", en: "in the queue" },
  notice_sent: { kk: "хабарлама жіберілді", ru: "отправлено уведомление", en: "notice sent" },
  direction_issued: { kk: "жолдама берілді", ru: "выдано направление", en: "direction issued" },
  stop_listed: { kk: "тоқтату тізімінде", ru: "в стоп-листе", en: "on the stop-list" },
  enrolled: { kk: "балабақшаға қабылданды", ru: "зачислен в детский сад", en: "enrolled" },
  released: { kk: "балабақшадан шықты", ru: "выбыл из детского сада", en: "left the kindergarten" },
  removed: { kk: "кезектен шығарылды", ru: "снят с очереди", en: "removed from the queue" },
  withdrawn: { kk: "өтініш кері қайтарылды", ru: "заявление отозвано", en: "withdrawn" },
  voucher_offered: { kk: "ваучер ұсынылды", ru: "предложен ваучер", en: "voucher offered" },
  voucher_confirmed: { kk: "ваучер расталды", ru: "ваучер подтверждён", en: "voucher confirmed" },
  inactive: { kk: "белсенді емес", ru: "неактивно", en: "inactive" },
  waiting_list: { kk: "күту парағында", ru: "в листе ожидания", en: "on the waiting list" },
};

const CLASSES = {
  out_of_turn: { kk: "кезектен тыс", ru: "внеочередное право", en: "out of turn" },
  first_priority: { kk: "бірінші кезектегі", ru: "первоочередное право", en: "first priority" },
  general: { kk: "жалпы кезек", ru: "общая очередь", en: "general" },
};

const DUES = {
  notice_expires: { kk: "хабарлама мерзімі бітеді", ru: "истекает срок уведомления", en: "the notice expires" },
  right_expires: { kk: "құқықты растау мерзімі бітеді", ru: "истекает срок подтверждения права", en: "the right must be confirmed" },
  direction_lapses: { kk: "жолдама күшін жояды", ru: "направление аннулируется", en: "the direction lapses" },
  stop_list_ends: { kk: "тоқтату тізімі аяқталады", ru: "заканчивается стоп-лист", en: "the stop-list ends" },
  interest_anniversary: { kk: "кезекті растау күні", ru: "нужно подтвердить очередь", en: "interest must be confirmed" },
  ages_out: { kk: "бала шекті жасқа толады", ru: "ребёнок достигает предельного возраста", en: "the child ages out" },
  consent_expires: { kk: "ваучерге келісім мерзімі бітеді", ru: "истекает срок согласия на ваучер", en: "the voucher consent expires" },
  contract_expires: { kk: "шарт жасасу мерзімі бітеді", ru: "истекает срок заключения договора", en: "the contract must be signed" },
  restore_expires: { kk: "қалпына келтіру мерзімі бітеді", ru: "истекает срок восстановления", en: "the restore window ends" },
};

/** The portal's word `key` in `lang`. */
export function t(lang, key) {
  return pick(WORDS, key, lang);
}

/** An application state's name (`Engine.stateName`) in `lang`. */
export function stateName(lang, state) {
  return pick(STATES, state, lang);
}

/** A priority class's name in `lang`. */
export function className(lang, cls) {
  return pick(CLASSES, cls, lang);
}

/** What a coming deadline (`Engine.nextDeadline().kind`) means, in `lang`. */
export function dueName(lang, kind) {
  return pick(DUES, kind, lang);
}

function pick(table, key, lang) {
  const entry = table[key];
  if (!entry) throw new Error(`no text for ${key}`);
  return entry[lang];
}
