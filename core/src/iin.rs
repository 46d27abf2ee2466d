//! The individual identification number (ЖСН / ИИН) of applicants and children.
//!
//! Layout and check digit: `RULES.md §1`. The IIN is personal data: [`Iin`] never prints
//! its digits (`Debug` and `Display` mask all but the last four), errors never carry them,
//! and the digits come out only through [`Iin::expose_digits`] or serde (for storage).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Detail, Details, ErrorCode, ErrorKind, LocalizedError};
use crate::lang::{pick, Lang};

/// Weights of the first check-digit pass (`RULES.md §1`).
const WEIGHTS_FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// Weights of the second pass, used when the first gives 10 (`RULES.md §1`).
const WEIGHTS_SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// A person's sex: as the state register records it, or as the 7th digit of an IIN may
/// encode it (odd male, even female; `RULES.md §1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// Odd century digit: 1, 3, 5.
    Male,
    /// Even century digit: 2, 4, 6.
    Female,
}

/// A validated IIN: 12 digits whose check digit matches (`RULES.md §1`, revised 2026-12).
///
/// Since Government decree №853 of 26.08.2013 the digits need not encode the birth date
/// or sex, and many real IINs do not: what they would encode is an `Option`
/// ([`Iin::encoded_birth_date`], [`Iin::encoded_sex`]), never a reason to refuse. The
/// register's birth date and sex are the application's (`child_birth_date`, `child_sex`).
///
/// ```
/// use kezek::{Iin, Sex};
/// let iin = Iin::parse("000101500001")?;
/// assert_eq!(iin.encoded_birth_date().map(|d| d.to_string()).as_deref(), Some("2000-01-01"));
/// assert_eq!(iin.encoded_sex(), Some(Sex::Male));
/// // Digits that encode no date: a valid IIN all the same.
/// let other = Iin::parse("219908700406")?;
/// assert_eq!((other.encoded_birth_date(), other.encoded_sex()), (None, None));
/// assert_eq!(format!("{iin}"), "********0001");      // masked
/// assert_eq!(format!("{iin:?}"), "Iin(********0001)"); // masked too
/// assert_eq!(iin.expose_digits(), "000101500001");    // only when asked for
/// # Ok::<(), kezek::IinError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin {
    /// The twelve ASCII digits.
    digits: [u8; 12],
    /// The birth date they encode, if they encode one, read once when the IIN is made.
    /// Follows from the digits, so it changes neither equality nor order.
    born: Option<NaiveDate>,
}

impl Iin {
    /// Parses and validates an IIN. Leading and trailing white space is ignored.
    ///
    /// # Errors
    /// [`IinError`] with the first failed check, in this order: length, non-digit, check
    /// digit. The date and century digits are not checked (`RULES.md §1`, revised
    /// 2026-12): an IIN whose digits encode no date is valid.
    pub fn parse(text: &str) -> Result<Self, IinError> {
        let text = crate::text::trimmed(text);
        // Twelve ASCII digits, the common case, need no look at characters.
        let plain = text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit());
        if !plain {
            let count = text.chars().count();
            if count != 12 {
                return Err(IinError::Length { found: count });
            }
            if let Some(position) = text.chars().position(|c| !c.is_ascii_digit()) {
                return Err(IinError::NonDigit {
                    position: position + 1,
                });
            }
        }
        let mut digits = [0u8; 12];
        digits.copy_from_slice(text.as_bytes());
        let born = birth_date_of(&digits);
        let iin = Iin { digits, born };
        let values = iin.values();
        let expected = check_digit(&values[..11]).ok_or(IinError::Checksum)?;
        if u32::from(values[11]) != expected {
            return Err(IinError::Checksum);
        }
        Ok(iin)
    }

    /// Builds the IIN of a person born on `birth_date` with the given sex and 4-digit
    /// serial, computing its check digit. Useful for synthetic data and tests.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::{Iin, Sex};
    /// let born = NaiveDate::from_ymd_opt(2021, 3, 8).unwrap();
    /// let iin = Iin::from_parts(born, Sex::Female, 42)?;
    /// assert_eq!(Iin::parse(iin.expose_digits())?, iin);
    /// assert_eq!(iin.encoded_birth_date(), Some(born));
    /// # Ok::<(), kezek::IinError>(())
    /// ```
    ///
    /// # Errors
    /// [`IinError::BirthDate`] for a year outside 1800–2099, [`IinError::Serial`] for a
    /// serial above 9999, [`IinError::Checksum`] when no check digit exists for these
    /// parts (both passes give 10; try another serial).
    pub fn from_parts(birth_date: NaiveDate, sex: Sex, serial: u16) -> Result<Self, IinError> {
        let year = birth_date.year();
        let century = match year {
            1800..=1899 => 1,
            1900..=1999 => 3,
            2000..=2099 => 5,
            _ => {
                return Err(IinError::BirthDate {
                    part: DatePart::Year,
                })
            }
        } + u8::from(sex == Sex::Female);
        if serial > 9999 {
            return Err(IinError::Serial { found: serial });
        }
        let (yy, mm, dd) = (
            year.unsigned_abs() % 100,
            birth_date.month(),
            birth_date.day(),
        );
        let serial = u32::from(serial);
        let mut values = [
            digit(yy / 10),
            digit(yy),
            digit(mm / 10),
            digit(mm),
            digit(dd / 10),
            digit(dd),
            century,
            digit(serial / 1000),
            digit(serial / 100),
            digit(serial / 10),
            digit(serial),
            0,
        ];
        let check = check_digit(&values[..11]).ok_or(IinError::Checksum)?;
        values[11] = digit(check);
        let mut digits = [0u8; 12];
        for (d, v) in digits.iter_mut().zip(values) {
            *d = b'0' + v;
        }
        Ok(Iin {
            digits,
            born: Some(birth_date),
        })
    }

    /// The birth date the first six digits and the century digit encode, if they encode
    /// one. Not the child's birth date: that is the register's, on the application; this
    /// is its fallback when a host gives none.
    #[must_use]
    pub fn encoded_birth_date(&self) -> Option<NaiveDate> {
        self.born
    }

    /// The sex the 7th digit encodes, if it is a century digit (1–6): odd male, even
    /// female.
    #[must_use]
    pub fn encoded_sex(&self) -> Option<Sex> {
        match self.values()[6] {
            1 | 3 | 5 => Some(Sex::Male),
            2 | 4 | 6 => Some(Sex::Female),
            _ => None,
        }
    }

    /// The 12 digits, unmasked. Personal data: never log or display them; use this only to
    /// store or transmit the IIN where it is needed.
    #[must_use]
    pub fn expose_digits(&self) -> &str {
        // The digits are ASCII by construction.
        std::str::from_utf8(&self.digits).unwrap_or("")
    }

    /// The twelve digits as one number: a key half the size of the IIN for the engine's
    /// index of children. Like the digits, never shown.
    pub(crate) fn number(&self) -> u64 {
        self.digits
            .iter()
            .fold(0, |n, d| n * 10 + u64::from(d.wrapping_sub(b'0')))
    }

    /// The masked form shown everywhere else: all but the last four digits replaced by `*`.
    #[must_use]
    pub fn masked(&self) -> String {
        let mut out = String::with_capacity(12);
        out.push_str("********");
        out.push_str(&self.expose_digits()[8..]);
        out
    }

    fn values(&self) -> [u8; 12] {
        self.digits.map(|d| d - b'0')
    }
}

/// The birth date twelve ASCII digits encode, if the century digit is 1–6 and the first
/// six digits are a date (`RULES.md §1`).
fn birth_date_of(digits: &[u8; 12]) -> Option<NaiveDate> {
    let v = digits.map(|d| d - b'0');
    let century_base = match v[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let year = century_base + i32::from(v[0]) * 10 + i32::from(v[1]);
    let month = u32::from(v[2]) * 10 + u32::from(v[3]);
    let day = u32::from(v[4]) * 10 + u32::from(v[5]);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last decimal digit of `n`.
fn digit(n: u32) -> u8 {
    u8::try_from(n % 10).unwrap_or(0)
}

/// The check digit of the first 11 digits, or `None` when both passes give 10
/// (`RULES.md §1`).
fn check_digit(first_eleven: &[u8]) -> Option<u32> {
    match weighted_sum(first_eleven, &WEIGHTS_FIRST) % 11 {
        10 => match weighted_sum(first_eleven, &WEIGHTS_SECOND) % 11 {
            10 => None,
            c => Some(c),
        },
        c => Some(c),
    }
}

/// Σ dᵢ·wᵢ over the first 11 digits.
fn weighted_sum(first_eleven: &[u8], weights: &[u32; 11]) -> u32 {
    first_eleven
        .iter()
        .zip(weights)
        .map(|(&d, &w)| u32::from(d) * w)
        .sum()
}

impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iin({})", self.masked())
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl FromStr for Iin {
    type Err = IinError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iin::parse(s)
    }
}

/// Serialises as the 12-digit string (storage needs the real digits).
impl Serialize for Iin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_digits())
    }
}

/// Deserialises from the 12-digit string, validating it like [`Iin::parse`]; the error
/// message carries the code and never the digits.
impl<'de> Deserialize<'de> for Iin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Iin::parse(&text).map_err(|e| serde::de::Error::custom(format!("{}: {e}", e.code())))
    }
}

/// Why a text is not a valid IIN. No variant carries the IIN's digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
// Non-exhaustive for users of the crate; the workspace's own bindings see every variant
// (`.cargo/config.toml` sets `kezek_exhaustive`), so their error mapping is an exhaustive
// match that a new variant breaks at build time.
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum IinError {
    /// Not 12 characters long.
    #[error("an IIN has 12 digits, this one has {}", crate::lang::count_en(*found as u64, ["character", "characters"]))]
    Length {
        /// How many characters were given.
        found: usize,
    },
    /// A character that is not a digit, at a 1-based position.
    #[error("an IIN has only digits; character {position} is not a digit")]
    NonDigit {
        /// 1-based position of the first offending character.
        position: usize,
    },
    /// A birth date [`Iin::from_parts`] cannot encode. (A parsed IIN is never refused for
    /// its date digits: `RULES.md §1`, revised 2026-12.)
    #[error("{}", part.message_en())]
    BirthDate {
        /// The part of the date that is wrong.
        part: DatePart,
    },
    /// The check digit does not match, or no check digit exists for the first 11 digits.
    #[error("the check digit of the IIN does not match")]
    Checksum,
    /// A serial above 9999 was given to [`Iin::from_parts`].
    #[error("an IIN serial has 4 digits, {found} has more")]
    Serial {
        /// The serial given.
        found: u16,
    },
}

/// The part of a birth date an IIN cannot encode ([`IinError::BirthDate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(kezek_exhaustive), non_exhaustive)]
pub enum DatePart {
    /// A year outside 1800–2099 given to [`Iin::from_parts`].
    Year,
}

impl DatePart {
    /// `"year"`, `"month"` or `"day"`: the name hosts see in an error's details.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DatePart::Year => "year",
        }
    }

    fn message_en(self) -> &'static str {
        match self {
            DatePart::Year => "an IIN holds birth dates from 1800 to 2099 only",
        }
    }
}

crate::error::serialize_as_report!(IinError);

impl LocalizedError for IinError {
    fn code(&self) -> ErrorCode {
        match self {
            IinError::Length { .. } => ErrorCode::IinLength,
            IinError::NonDigit { .. } => ErrorCode::IinNonDigit,
            IinError::BirthDate { .. } => ErrorCode::IinDate,
            IinError::Checksum => ErrorCode::IinChecksum,
            IinError::Serial { .. } => ErrorCode::IinSerial,
        }
    }

    fn kind(&self) -> ErrorKind {
        ErrorKind::Iin
    }

    fn details(&self) -> Details {
        match self {
            IinError::Length { found } => vec![("found", Detail::size(*found))],
            IinError::NonDigit { position } => vec![("position", Detail::size(*position))],
            IinError::Serial { found } => vec![("found", Detail::Count(u64::from(*found)))],
            IinError::BirthDate { part } => vec![("part", Detail::text(part.as_str()))],
            IinError::Checksum => vec![],
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = self.to_string();
        match self {
            IinError::Length { found } => pick(
                lang,
                format!("ЖСН 12 цифрдан тұрады, мұнда {found} таңба бар"),
                format!(
                    "ИИН состоит из 12 цифр, здесь {}",
                    crate::lang::count_ru(*found as u64, ["символ", "символа", "символов"])
                ),
                en,
            ),
            IinError::NonDigit { position } => pick(
                lang,
                format!("ЖСН тек цифрлардан тұрады; {position}-таңба цифр емес"),
                format!("ИИН состоит только из цифр; символ {position} не цифра"),
                en,
            ),
            IinError::BirthDate { part } => pick(
                lang,
                match part {
                    DatePart::Year => "ЖСН 1800–2099 жылдары туғандардың күнін ғана сақтайды",
                }
                .to_owned(),
                match part {
                    DatePart::Year => "ИИН хранит только даты рождения с 1800 по 2099 год",
                }
                .to_owned(),
                en,
            ),
            IinError::Checksum => pick(
                lang,
                "ЖСН-нің бақылау цифры сәйкес келмейді".to_owned(),
                "контрольная цифра ИИН не совпадает".to_owned(),
                en,
            ),
            IinError::Serial { found } => pick(
                lang,
                format!("ЖСН реттік нөмірі 4 цифрдан тұрады, {found} артық"),
                format!("порядковый номер ИИН состоит из 4 цифр, {found} больше"),
                en,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_that_encode_no_date_or_sex_are_a_valid_iin() {
        // Month 13, month 00, 31 February, 29 February of a common year, century digits
        // 0 and 7–9: each with its right check digit.
        for first_eleven in [
            "21134560040",
            "21004560040",
            "21023160040",
            "18022930000",
            "21030800040",
            "21030870040",
            "21030890040",
        ] {
            let values: Vec<u8> = first_eleven.bytes().map(|b| b - b'0').collect();
            let Some(check) = check_digit(&values) else {
                continue;
            };
            let iin = Iin::parse(&format!("{first_eleven}{check}")).expect("a valid IIN");
            assert_eq!(iin.encoded_birth_date(), None, "{iin}");
        }
        assert_eq!(
            Iin::parse("210308700403").map(|i| i.encoded_sex()),
            Err(IinError::Checksum),
            "the check digit is still checked"
        );
        let old = NaiveDate::from_ymd_opt(1799, 12, 31).unwrap_or(NaiveDate::MIN);
        assert_eq!(
            Iin::from_parts(old, Sex::Male, 1),
            Err(IinError::BirthDate {
                part: DatePart::Year
            })
        );
    }

    #[test]
    fn second_weight_pass_is_used_when_the_first_gives_ten() {
        // Find parts whose first pass gives 10 and check the IIN uses the second pass.
        let born = NaiveDate::from_ymd_opt(2019, 5, 17).unwrap_or(NaiveDate::MIN);
        let found = (0..10_000u16).find_map(|serial| {
            let iin = Iin::from_parts(born, Sex::Male, serial).ok()?;
            let first = weighted_sum(&iin.values()[..11], &WEIGHTS_FIRST);
            (first % 11 == 10).then_some(iin)
        });
        let iin = found.expect("some serial needs the second pass");
        let v = iin.values();
        let second = weighted_sum(&v[..11], &WEIGHTS_SECOND);
        assert_eq!(u32::from(v[11]), second % 11);
        assert!(Iin::parse(iin.expose_digits()).is_ok());
    }
}
