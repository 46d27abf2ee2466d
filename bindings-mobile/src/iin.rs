//! `Iin`: the individual identification number (`RULES.md §1`). Its text form is masked
//! (`toString()` in Kotlin, `description` in Swift); the digits only through `exposeDigits`.

use std::fmt;

use kezek::Sex;

use crate::errors::KezekError;
use crate::guard::guarded;
use crate::types::CivilDate;

/// A valid IIN. Printing it shows `********0403`.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Iin(pub(crate) kezek::Iin);

#[uniffi::export]
impl Iin {
    /// Parses 12 digits (surrounding white space is ignored).
    ///
    /// # Errors
    /// `IIN_LENGTH`, `IIN_NON_DIGIT`, `IIN_CHECKSUM`. Digits that encode no birth date
    /// are valid (`RULES.md §1`, revised 2026-12).
    #[uniffi::constructor]
    pub fn new(text: &str) -> Result<Self, KezekError> {
        guarded(|| Ok(Self(kezek::Iin::parse(text)?)))
    }

    /// The IIN of a birth date, sex and serial number (the check digit computed).
    ///
    /// # Errors
    /// `IIN_SERIAL`, `IIN_DATE` (a date outside 1800–2099).
    #[uniffi::constructor]
    pub fn from_parts(birth_date: CivilDate, sex: Sex, serial: u16) -> Result<Self, KezekError> {
        guarded(|| Ok(Self(kezek::Iin::from_parts(birth_date, sex, serial)?)))
    }

    /// The date of birth the digits encode, or null when they encode none. Not the
    /// child's birth date: that is the register's, on the application.
    #[must_use]
    pub fn encoded_birth_date(&self) -> Option<CivilDate> {
        self.0.encoded_birth_date()
    }

    /// The sex the 7th digit encodes, or null.
    #[must_use]
    pub fn encoded_sex(&self) -> Option<Sex> {
        self.0.encoded_sex()
    }

    /// The masked form, `********0403`.
    #[must_use]
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// The 12 digits: personal data, for sending to the portal, never for logs.
    #[must_use]
    pub fn expose_digits(&self) -> String {
        self.0.expose_digits().to_owned()
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.masked())
    }
}

impl PartialEq for Iin {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Iin {}
