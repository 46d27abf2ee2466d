//! Languages of the portals and localized text.
//!
//! The portals speak Kazakh, Russian and English ([`Lang`]); every error of the
//! library has a message in each of them (`crate::error::LocalizedError`).

use serde::{Deserialize, Serialize};

/// A language the portals speak.
///
/// Serialised as its ISO 639-1 code: `"kk"`, `"ru"`, `"en"`.
///
/// ```
/// use kezek::Lang;
/// assert_eq!("ru".parse::<Lang>(), Ok(Lang::Ru));
/// assert_eq!(Lang::Kk.code(), "kk");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh (қазақ тілі).
    Kk,
    /// Russian (русский язык).
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the portals list them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The ISO 639-1 code: `"kk"`, `"ru"` or `"en"`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kk" | "kz" | "kaz" => Ok(Lang::Kk),
            "ru" | "rus" => Ok(Lang::Ru),
            "en" | "eng" => Ok(Lang::En),
            _ => Err(UnknownLang),
        }
    }
}

/// The text given to [`Lang::from_str`](std::str::FromStr) names no supported language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown language: expected kk, ru or en")]
pub struct UnknownLang;

/// A text in the three languages of the portals (holiday names, region names, policy names).
///
/// ```
/// use kezek::{Lang, LocalizedText};
/// let t = LocalizedText::new("Наурыз", "Наурыз", "Nauryz");
/// assert_eq!(t.get(Lang::En), "Nauryz");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocalizedText {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl From<[&str; 3]> for LocalizedText {
    /// A text from its translations in the order kk, ru, en.
    fn from([kk, ru, en]: [&str; 3]) -> Self {
        Self::new(kk, ru, en)
    }
}

impl LocalizedText {
    /// A text from its three translations.
    #[must_use]
    pub fn new(kk: impl Into<String>, ru: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            kk: kk.into(),
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// Picks one of three translations; used by the errors' `message` implementations so that
/// each variant states its three texts side by side.
pub(crate) fn pick(lang: Lang, kk: String, ru: String, en: String) -> String {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// `n` and a Russian noun in the form it takes after `n` (its "one", "few" and "many"
/// forms, CLDR's rules for integers): "1 символ", "3 символа", "11 символов".
///
/// ```
/// let forms = ["ребёнок", "ребёнка", "детей"];
/// assert_eq!(kezek::lang::count_ru(2, forms), "2 ребёнка");
/// assert_eq!(kezek::lang::count_ru(21, forms), "21 ребёнок");
/// assert_eq!(kezek::lang::count_ru(12, forms), "12 детей");
/// ```
#[must_use]
pub fn count_ru(n: u64, forms: [&str; 3]) -> String {
    format!("{n} {}", forms[russian_form(n)])
}

/// `n` and an English noun in its number: "1 character", "3 characters", "0 places".
///
/// ```
/// assert_eq!(kezek::lang::count_en(1, ["child", "children"]), "1 child");
/// assert_eq!(kezek::lang::count_en(0, ["place", "places"]), "0 places");
/// ```
#[must_use]
pub fn count_en(n: u64, [one, other]: [&str; 2]) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

/// The form a Russian noun takes after the whole number `n` (CLDR's plural rules for
/// Russian integers): 0 "one" (1, 21, 101…), 1 "few" (2–4, 22–24…), 2 "many" (the rest,
/// 11–14 among them).
fn russian_form(n: u64) -> usize {
    match (n % 10, n % 100) {
        (1, m) if m != 11 => 0,
        (2..=4, m) if !(12..=14).contains(&m) => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod counted_texts {
    #[test]
    fn russian_numbers_take_cldr_forms() {
        let forms: Vec<usize> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 122]
            .into_iter()
            .map(super::russian_form)
            .collect();
        assert_eq!(forms, [2, 0, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 2, 2, 1]);
    }

    use crate::allocation::catalogue::ChoiceRule;
    use crate::allocation::AllocationError;
    use crate::application::ApplicationId;
    use crate::matching::MatchingError;
    use crate::{Iin, Lang, LifecycleError, LocalizedError};

    /// Every message that counts something reads with the noun in the form its number needs.
    #[test]
    fn numbers_and_their_nouns_agree_in_messages() {
        let iin = |text: &str| Iin::parse(text).expect_err("not 12 characters");
        let restored = |allowed| AllocationError::RestoreUsed {
            id: ApplicationId(4),
            allowed,
        };
        let extended = |allowed| LifecycleError::ExtensionUsed {
            id: ApplicationId(4),
            allowed,
        };
        let shape = |found| MatchingError::Shape {
            what: "capacities",
            found,
            expected: 3,
        };
        let cases: [(&dyn LocalizedError, Lang, &str); 15] = [
            (
                &iin("abc"),
                Lang::Ru,
                "ИИН состоит из 12 цифр, здесь 3 символа",
            ),
            (
                &iin("1"),
                Lang::Ru,
                "ИИН состоит из 12 цифр, здесь 1 символ",
            ),
            (
                &iin("12345678901"),
                Lang::Ru,
                "ИИН состоит из 12 цифр, здесь 11 символов",
            ),
            (
                &iin("1"),
                Lang::En,
                "an IIN has 12 digits, this one has 1 character",
            ),
            (
                &iin("abc"),
                Lang::En,
                "an IIN has 12 digits, this one has 3 characters",
            ),
            (
                &restored(1),
                Lang::Ru,
                "заявление #4 уже восстанавливалось 1 раз",
            ),
            (
                &restored(2),
                Lang::Ru,
                "заявление #4 уже восстанавливалось 2 раза",
            ),
            (
                &restored(1),
                Lang::En,
                "application #4 was already restored 1 time",
            ),
            (
                &restored(2),
                Lang::En,
                "application #4 was already restored 2 times",
            ),
            (
                &extended(3),
                Lang::Ru,
                "направление по заявлению #4 уже продлевалось 3 раза",
            ),
            (
                &extended(1),
                Lang::En,
                "the direction of application #4 was already extended 1 time",
            ),
            (&shape(1), Lang::Ru, "в `capacities` 1 запись, ожидалось 3"),
            (&shape(2), Lang::Ru, "в `capacities` 2 записи, ожидалось 3"),
            (&shape(1), Lang::En, "`capacities` has 1 entry, expected 3"),
            (
                &shape(5),
                Lang::En,
                "`capacities` has 5 entries, expected 3",
            ),
        ];
        for (error, lang, expected) in cases {
            assert_eq!(error.message(lang), expected);
        }
        let [_, ru, en] = ChoiceRule::TooMany.texts(1);
        assert_eq!(
            (ru.as_str(), en.as_str()),
            (
                "можно выбрать не больше 1 детского сада",
                "at most 1 kindergarten can be chosen"
            )
        );
        let [_, ru, en] = ChoiceRule::TooMany.texts(3);
        assert_eq!(
            (ru.as_str(), en.as_str()),
            (
                "можно выбрать не больше 3 детских садов",
                "at most 3 kindergartens can be chosen"
            )
        );
    }
}
