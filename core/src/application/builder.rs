//! Building an application in code without writing out what it lacks: the fields every
//! application has are the arguments of [`NewApplication::new`]; the rest (a register's
//! birth date, a benefit and its documents, a non-resident family, ranked choices) are set
//! by name.
//!
//! ```
//! use kezek::application::{Address, Contacts, Document, GroupType, Language, NewApplication};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let app = NewApplication::new(
//!     "900101300017",
//!     "210308600403",
//!     Address::new("akmola", "kokshetau"),
//!     Contacts::new("ana@mail.kz", "+7 701 123 45 67"),
//!     Language::Kazakh,
//! )
//! .born(day(2021, 3, 8))
//! .benefit("large_family", [Document::new("large_family_certificate", day(2024, 1, 10))]);
//! assert_eq!(app.group_type, GroupType::General);
//! assert_eq!(app.benefit.as_deref(), Some("large_family"));
//! ```

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Address, Contacts, Document, GroupType, Language, NewApplication};
use crate::iin::Sex;

impl Address {
    /// A region and a district (no locality).
    #[must_use]
    pub fn new(region: &str, district: &str) -> Self {
        Address {
            region: region.into(),
            district: district.into(),
            locality: None,
        }
    }

    /// The same address in a locality of its district (the queue is kept per locality).
    #[must_use]
    pub fn in_locality(mut self, locality: &str) -> Self {
        self.locality = Some(locality.into());
        self
    }
}

impl Contacts {
    /// An e-mail address and a mobile phone.
    #[must_use]
    pub fn new(email: &str, phone: &str) -> Self {
        Contacts {
            email: email.into(),
            phone: phone.into(),
        }
    }
}

impl Document {
    /// A document issued on `issued_on`, with no end of its own.
    #[must_use]
    pub fn new(kind: &str, issued_on: NaiveDate) -> Self {
        Document {
            kind: kind.to_owned(),
            issued_on,
            valid_until: None,
        }
    }

    /// The same document, valid until `last_day`.
    #[must_use]
    pub fn valid_until(mut self, last_day: NaiveDate) -> Self {
        self.valid_until = Some(last_day);
        self
    }
}

impl NewApplication {
    /// An application for a general group, with what every application has: the
    /// applicant's and the child's IIN (as typed), the address, the contacts and the
    /// language; no benefit, no documents, a resident family, the birth date and sex the
    /// child's IIN encodes, no ranked choices.
    #[must_use]
    pub fn new(
        applicant_iin: &str,
        child_iin: &str,
        address: Address,
        contacts: Contacts,
        language: Language,
    ) -> Self {
        NewApplication {
            applicant_iin: applicant_iin.to_owned(),
            child_iin: child_iin.to_owned(),
            child_birth_date: None,
            child_sex: None,
            address,
            group_type: GroupType::General,
            language,
            benefit: None,
            documents: Vec::new(),
            non_resident: false,
            contacts,
            ranked_choices: Vec::new(),
        }
    }

    /// The child's birth date as the state register has it.
    #[must_use]
    pub fn born(mut self, day: NaiveDate) -> Self {
        self.child_birth_date = Some(day);
        self
    }

    /// The child's sex as the register has it.
    #[must_use]
    pub fn sex(mut self, sex: Sex) -> Self {
        self.child_sex = Some(sex);
        self
    }

    /// A special or sanatorium group instead of a general one.
    #[must_use]
    pub fn group(mut self, group_type: GroupType) -> Self {
        self.group_type = group_type;
        self
    }

    /// A benefit category (its code in the policy, `RULES.md §3`) and the documents that
    /// prove it.
    #[must_use]
    pub fn benefit(mut self, code: &str, documents: impl IntoIterator<Item = Document>) -> Self {
        self.benefit = Some(code.to_owned());
        self.documents.extend(documents);
        self
    }

    /// Another attached document (a ПМПК conclusion, a temporary registration…).
    #[must_use]
    pub fn document(mut self, document: Document) -> Self {
        self.documents.push(document);
        self
    }

    /// The family is not registered at a permanent address in the area.
    #[must_use]
    pub fn non_resident(mut self) -> Self {
        self.non_resident = true;
        self
    }

    /// Kindergartens ranked, best first, by id (`RULES.md §5a`).
    #[must_use]
    pub fn ranked<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Self {
        self.ranked_choices = ids.into_iter().map(Arc::from).collect();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_writes_what_a_literal_would() {
        let day = NaiveDate::from_ymd_opt(2021, 3, 8).expect("a day");
        let built = NewApplication::new(
            "900101300017",
            "210308600403",
            Address::new("akmola", "kokshetau").in_locality("kokshetau-city"),
            Contacts::new("ana@mail.kz", "+77011234567"),
            Language::Russian,
        )
        .born(day)
        .sex(Sex::Female)
        .group(GroupType::Special)
        .document(Document::new("pmpk_conclusion", day).valid_until(day))
        .non_resident()
        .ranked(["kg-1", "kg-2"]);
        let literal: NewApplication = serde_json::from_value(serde_json::json!({
            "applicant_iin": "900101300017", "child_iin": "210308600403",
            "child_birth_date": "2021-03-08", "child_sex": "female",
            "address": {"region": "akmola", "district": "kokshetau", "locality": "kokshetau-city"},
            "group_type": "special", "language": "russian",
            "documents": [{"kind": "pmpk_conclusion", "issued_on": "2021-03-08", "valid_until": "2021-03-08"}],
            "non_resident": true,
            "contacts": {"email": "ana@mail.kz", "phone": "+77011234567"},
            "ranked_choices": ["kg-1", "kg-2"]
        }))
        .expect("a literal");
        assert_eq!(built, literal);
    }
}
