//! Documents attached to an application (`RULES.md §2`, `§3`, `§7`): a benefit's
//! certificates, a ПМПК conclusion, a TB doctor's referral, a temporary registration. The
//! application carries them, benefits and groups require them; this module depends on
//! neither (also re-exported as `kezek::application::Document`…).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A document attached to an application: the library takes the host's word that a
/// document of this kind, issued on that day, was attached (`RULES.md §2`: uploading and
/// signing are out of scope).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Its kind, e.g. `"large_family_certificate"`, `"pmpk_conclusion"`,
    /// `"temporary_registration"`.
    pub kind: String,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The last day it is valid, if it says so.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

impl Document {
    /// Whether the document is in force on `date`: issued by then, not past its own end.
    #[must_use]
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.issued_on <= date && self.valid_until.is_none_or(|u| u >= date)
    }
}

/// Whether `documents` hold one of `kind` in force on `date`.
#[must_use]
pub fn holds_valid(documents: &[Document], kind: &str, date: NaiveDate) -> bool {
    documents
        .iter()
        .any(|d| d.kind == kind && d.is_valid_on(date))
}

/// The document kind that proves a ПМПК conclusion (`RULES.md §7`).
pub const PMPK_CONCLUSION: &str = "pmpk_conclusion";
/// The document kind that proves a referral to a sanatorium group from the polyclinic's TB
/// doctor (фтизиатр) or a regional treatment centre (`RULES.md §7`, revised 2026-12).
pub const TB_REFERRAL: &str = "tb_referral";
/// The document kind a non-resident applicant attaches: registration at a temporary
/// address (`RULES.md §2` \[003\]; kezek's reading of the form's non-resident documents).
pub const TEMPORARY_REGISTRATION: &str = "temporary_registration";

/// The kinds of document the rules name: the benefits' (built-in categories), the special
/// and sanatorium groups', and a temporary registration's.
pub(crate) const DOCUMENTS: [&str; 9] = [
    "service_certificate",
    "death_or_missing_certificate",
    "disability_certificate",
    "guardianship_decision",
    "large_family_certificate",
    "workplace_certificate",
    PMPK_CONCLUSION,
    TB_REFERRAL,
    TEMPORARY_REGISTRATION,
];

/// The name of a kind of document in kk/ru/en, as the manuals and the portal name it;
/// `None` for a kind kezek does not know (a policy's own).
#[must_use]
pub(crate) fn document_name(kind: &str) -> Option<[&'static str; 3]> {
    Some(match kind {
        "service_certificate" => [
            "Қызмет орнынан анықтама",
            "Справка с места службы",
            "Certificate of service",
        ],
        "death_or_missing_certificate" => [
            "Қаза тапқаны немесе хабар-ошарсыз кеткені туралы құжат",
            "Документ о гибели или безвестном отсутствии",
            "Certificate of death or of going missing",
        ],
        "disability_certificate" => [
            "Мүгедектік туралы анықтама",
            "Справка об инвалидности",
            "Disability certificate",
        ],
        "guardianship_decision" => [
            "Қорғаншылық (қамқоршылық) туралы шешім",
            "Решение об опеке (попечительстве)",
            "Guardianship decision",
        ],
        "large_family_certificate" => [
            "Көпбалалы отбасы туралы анықтама",
            "Справка о многодетной семье",
            "Large family certificate",
        ],
        "workplace_certificate" => [
            "Жұмыс орнынан анықтама",
            "Справка с места работы",
            "Certificate of employment",
        ],
        PMPK_CONCLUSION => ["ПМПК қорытындысы", "Заключение ПМПК", "PMPK conclusion"],
        TB_REFERRAL => [
            "Фтизиатрдың жолдамасы",
            "Направление фтизиатра",
            "TB doctor's referral",
        ],
        TEMPORARY_REGISTRATION => [
            "Уақытша тіркеу туралы анықтама",
            "Справка о временной регистрации",
            "Temporary registration",
        ],
        _ => return None,
    })
}
