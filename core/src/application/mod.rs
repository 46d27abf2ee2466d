//! The application (өтініш) of `RULES.md §2`: what a parent files, and what the engine
//! keeps once it is registered.
//!
//! A [`NewApplication`] is raw input: IINs as text, contacts as typed. Registration
//! ([`crate::lifecycle::Engine::register`]) checks every field at once through the "may
//! register" decision of [`crate::eligibility`] and keeps an [`Application`].

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::benefit::PriorityClass;

mod builder;
pub use crate::document::{
    holds_valid, Document, PMPK_CONCLUSION, TB_REFERRAL, TEMPORARY_REGISTRATION,
};
use crate::iin::{Iin, Sex};

/// The engine's id of an application, given in registration order from 1; ties in the
/// queue break by it (`RULES.md §3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationId(pub u64);

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The kind of group applied for (`RULES.md §2`, `§7`): each has its own queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupType {
    /// A general group.
    General,
    /// A special (correctional) group: needs a ПМПК conclusion [000, pub-M].
    Special,
    /// A sanatorium group: needs a referral from the polyclinic's TB doctor (фтизиатр) or
    /// a regional treatment centre, not a ПМПК conclusion \[pub-M; revised 2026-12\].
    Sanatorium,
}

impl GroupType {
    /// Every variant, in declaration order.
    pub const ALL: [GroupType; 3] = [
        GroupType::General,
        GroupType::Special,
        GroupType::Sanatorium,
    ];

    /// Whether such groups have their own terms (`RULES.md §7`): special and sanatorium
    /// groups, whose places need a document ([`GroupType::required_document`]) and may be
    /// offered first (`special_queue_first`).
    #[must_use]
    pub fn is_specialised(self) -> bool {
        !matches!(self, GroupType::General)
    }

    /// The document a place in such a group needs (`RULES.md §7`): a ПМПК conclusion for a
    /// special group ([`PMPK_CONCLUSION`]), a TB doctor's referral for a sanatorium group
    /// ([`TB_REFERRAL`]; revised 2026-12); none for a general group.
    #[must_use]
    pub fn required_document(self) -> Option<&'static str> {
        match self {
            GroupType::General => None,
            GroupType::Special => Some(PMPK_CONCLUSION),
            GroupType::Sanatorium => Some(TB_REFERRAL),
        }
    }

    /// The snake-case name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            GroupType::General => "general",
            GroupType::Special => "special",
            GroupType::Sanatorium => "sanatorium",
        }
    }
}

/// Preferred language of instruction (`RULES.md §2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Kazakh.
    Kazakh,
    /// Russian.
    Russian,
    /// Another language.
    Other,
}

impl Language {
    /// Every variant, in declaration order.
    pub const ALL: [Language; 3] = [Language::Kazakh, Language::Russian, Language::Other];

    /// The snake-case name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Kazakh => "kazakh",
            Language::Russian => "russian",
            Language::Other => "other",
        }
    }
}

// `ALL` lists every variant: a new one changes the last discriminant.
const _: () = assert!(Language::ALL.len() == Language::Other as usize + 1);

/// Where the family is registered (`RULES.md §2`, \[003\]: registration at a permanent or
/// temporary address is mandatory). Its texts are shared (`Arc<str>`): the applications
/// of a district share one region and district name, built with `.into()` from `&str` or
/// `String`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Region code, as in the policy book (e.g. `"akmola"`).
    pub region: Arc<str>,
    /// District (аудан) of the region or of the city.
    pub district: Arc<str>,
    /// Locality (елді мекен) inside the district, when the queue is kept per locality.
    #[serde(default)]
    pub locality: Option<Arc<str>>,
}

impl Address {
    /// The address as the engine keeps it: every text trimmed and in Unicode normalisation
    /// form C, so texts that look alike make one queue (plain ASCII texts are not copied).
    #[must_use]
    pub fn normalized(&self) -> Address {
        Address {
            region: crate::text::normalized(&self.region),
            district: crate::text::normalized(&self.district),
            locality: self.locality.as_ref().map(crate::text::normalized),
        }
    }

    /// The area whose queue the child joins: the locality when given, else the district.
    #[must_use]
    pub fn area(&self) -> &str {
        self.locality.as_deref().unwrap_or(&self.district)
    }
}

/// Where notices go (`RULES.md §2` \[004\]: both are required). Shared texts, as in
/// [`Address`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// E-mail address.
    pub email: Arc<str>,
    /// Mobile phone, `+7` and 10 digits (spaces, dashes and brackets are ignored).
    pub phone: Arc<str>,
}

impl Contacts {
    /// The contacts as the engine keeps them: trimmed, in Unicode normalisation form C.
    #[must_use]
    pub fn normalized(&self) -> Contacts {
        Contacts {
            email: crate::text::normalized(&self.email),
            phone: crate::text::normalized(&self.phone),
        }
    }
}

/// An application as filed, before any check (`RULES.md §2` [002, 003, 004]).
///
/// `Debug` masks the IINs as typed (all but the last four characters).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApplication {
    /// The applicant's IIN, as typed.
    pub applicant_iin: String,
    /// The child's IIN, as typed.
    pub child_iin: String,
    /// The child's birth date as the state register records it (`RULES.md §1`, `§2`,
    /// revised 2026-12). When absent, the date the IIN encodes is used and the application
    /// records that it came from there ([`BirthDateSource::Iin`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_birth_date: Option<NaiveDate>,
    /// The child's sex as the register records it; when absent, what the IIN encodes, if
    /// anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_sex: Option<Sex>,
    /// Region, district and locality.
    pub address: Address,
    /// The kind of group.
    pub group_type: GroupType,
    /// Preferred language of instruction.
    pub language: Language,
    /// Benefit category code (`RULES.md §3`), if any.
    #[serde(default)]
    pub benefit: Option<String>,
    /// Attached documents (benefit proofs, ПМПК conclusion, temporary registration).
    #[serde(default)]
    pub documents: Vec<Document>,
    /// The family is not registered at a permanent address in the area.
    #[serde(default)]
    pub non_resident: bool,
    /// E-mail and phone.
    pub contacts: Contacts,
    /// Kindergartens ranked, best first, by id (`RULES.md §5a`): only where the policy
    /// gives places by ranked choices, at most its `max_choices`, each from the engine's
    /// catalogue with the child's kind of group, language and area.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranked_choices: Vec<Arc<str>>,
}

impl fmt::Debug for NewApplication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewApplication")
            .field("applicant_iin", &mask_text(&self.applicant_iin))
            .field("child_iin", &mask_text(&self.child_iin))
            .field("child_birth_date", &self.child_birth_date)
            .field("child_sex", &self.child_sex)
            .field("address", &self.address)
            .field("group_type", &self.group_type)
            .field("language", &self.language)
            .field("benefit", &self.benefit)
            .field("documents", &self.documents)
            .field("non_resident", &self.non_resident)
            .field("contacts", &self.contacts)
            .field("ranked_choices", &self.ranked_choices)
            .finish()
    }
}

impl NewApplication {
    /// The child's birth date and where it comes from: the register's when the input has
    /// one, else the date `child` (the input's IIN, parsed) encodes; `None` when neither
    /// gives one (the registration check `CHILD_BIRTH_DATE`).
    #[must_use]
    pub fn child_birth(&self, child: &Iin) -> Option<(NaiveDate, BirthDateSource)> {
        match self.child_birth_date {
            Some(date) => Some((date, BirthDateSource::Register)),
            None => child
                .encoded_birth_date()
                .map(|date| (date, BirthDateSource::Iin)),
        }
    }
}

/// Where an application's birth date comes from (`RULES.md §1`, revised 2026-12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BirthDateSource {
    /// The state register, as the host passed it (`child_birth_date`) or corrected it.
    Register,
    /// The digits of the child's IIN, because the host passed no date: a listing or an
    /// explanation says so.
    Iin,
}

impl BirthDateSource {
    /// `"register"` or `"iin"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BirthDateSource::Register => "register",
            BirthDateSource::Iin => "iin",
        }
    }
}

/// Masks typed text that may be an IIN: every character but the last four becomes `*`.
fn mask_text(text: &str) -> String {
    let n = text.chars().count();
    text.chars()
        .enumerate()
        .map(|(i, c)| if i + 4 < n { '*' } else { c })
        .collect()
}

/// The applicants of an application, in the order they came (`RULES.md §2` [000, 001]):
/// a slice of IINs (`Deref<Target = [Iin]>`), serialised as a list. The first is kept
/// inline, so that an application with one applicant (most) is one allocation: a city
/// registers hundreds of thousands.
///
/// ```
/// use kezek::application::Applicants;
/// use kezek::Iin;
/// let mother = Iin::parse("850302400014")?;
/// let mut applicants = Applicants::from(vec![mother]);
/// assert_eq!(applicants.len(), 1);
/// let father = Iin::from_parts(chrono::NaiveDate::from_ymd_opt(1983, 7, 1).unwrap(), kezek::Sex::Male, 7)?;
/// applicants.push(father);
/// assert_eq!(&applicants[..], &[mother, father]);
/// let json = serde_json::to_string(&applicants).unwrap();
/// assert!(json.starts_with(r#"["850302400014",""#), "a list of IINs");
/// assert_eq!(serde_json::from_str::<Applicants>(&json).unwrap(), applicants);
/// # Ok::<(), kezek::IinError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applicants(smallvec::SmallVec<[Iin; 1]>);

impl Applicants {
    /// Adds an applicant after the others.
    pub fn push(&mut self, applicant: Iin) {
        self.0.push(applicant);
    }
}

impl std::ops::Deref for Applicants {
    type Target = [Iin];

    fn deref(&self) -> &[Iin] {
        &self.0
    }
}

impl From<Vec<Iin>> for Applicants {
    fn from(applicants: Vec<Iin>) -> Self {
        Self(applicants.into_iter().collect())
    }
}

impl FromIterator<Iin> for Applicants {
    fn from_iter<I: IntoIterator<Item = Iin>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Applicants {
    type Item = &'a Iin;
    type IntoIter = std::slice::Iter<'a, Iin>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for Applicants {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

impl<'de> Deserialize<'de> for Applicants {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Iin>::deserialize(deserializer).map(Self::from)
    }
}

/// A registered application.
///
/// `Debug` shows the IINs masked, as [`Iin`] always does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// The engine's id.
    pub id: ApplicationId,
    /// The applicant who filed it, then every parent who attached it to their IIN
    /// (`RULES.md §2` [000, 001]).
    pub applicants: Applicants,
    /// The child.
    pub child: Iin,
    /// The child's birth date: every age rule, the cohort and the group year read it
    /// (`RULES.md §1`, `§2`, `§4`, revised 2026-12).
    pub child_birth_date: NaiveDate,
    /// The child's sex, from the register, else as the IIN encodes it, if it does.
    pub child_sex: Option<Sex>,
    /// Where [`Application::child_birth_date`] comes from.
    pub birth_date_source: BirthDateSource,
    /// Region, district and locality.
    pub address: Address,
    /// The kind of group.
    pub group_type: GroupType,
    /// Preferred language of instruction.
    pub language: Language,
    /// Benefit category code, if any.
    pub benefit: Option<String>,
    /// The priority class the benefit gives (general without one).
    pub class: PriorityClass,
    /// Attached documents.
    pub documents: Box<[Document]>,
    /// Non-resident flag.
    pub non_resident: bool,
    /// E-mail and phone.
    pub contacts: Contacts,
    /// The moment of registration, to the second: the queue order within a class.
    pub registered_at: NaiveDateTime,
    /// Kindergartens ranked, best first (`RULES.md §5a`); the applicant may change them
    /// (`change_ranked_choices`) without changing its place in the queue.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub ranked_choices: Box<[Arc<str>]>,
}

/// An application as hosts show it (the `application` query, every binding): its IINs
/// masked (`********0403`), every other field as registered. The digits stay in the
/// engine and its snapshot; a host that needs them has them from the parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[allow(missing_docs)] // the fields of `Application`, the IINs masked
pub struct ApplicationView<'a> {
    pub id: ApplicationId,
    pub applicants: Vec<String>,
    pub child: String,
    pub child_birth_date: NaiveDate,
    pub child_sex: Option<Sex>,
    pub birth_date_source: BirthDateSource,
    pub address: &'a Address,
    pub group_type: GroupType,
    pub language: Language,
    pub benefit: Option<&'a str>,
    pub class: PriorityClass,
    pub documents: &'a [Document],
    pub non_resident: bool,
    pub contacts: &'a Contacts,
    pub registered_at: NaiveDateTime,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub ranked_choices: &'a [Arc<str>],
}

impl Application {
    /// The application as hosts show it, its IINs masked.
    #[must_use]
    pub fn view(&self) -> ApplicationView<'_> {
        ApplicationView {
            id: self.id,
            applicants: self.applicants.iter().map(Iin::masked).collect(),
            child: self.child.masked(),
            child_birth_date: self.child_birth_date,
            child_sex: self.child_sex,
            birth_date_source: self.birth_date_source,
            address: &self.address,
            group_type: self.group_type,
            language: self.language,
            benefit: self.benefit.as_deref(),
            class: self.class,
            documents: &self.documents,
            non_resident: self.non_resident,
            contacts: &self.contacts,
            registered_at: self.registered_at,
            ranked_choices: &self.ranked_choices,
        }
    }

    /// The input that registers this application again: its first applicant, its child
    /// and its fields as registered (the engine's log keeps registrations this way, and
    /// replay registers them from it).
    #[must_use]
    pub fn to_new(&self) -> NewApplication {
        NewApplication {
            applicant_iin: self
                .applicants
                .first()
                .map(|a| a.expose_digits().to_owned())
                .unwrap_or_default(),
            child_iin: self.child.expose_digits().to_owned(),
            child_birth_date: (self.birth_date_source == BirthDateSource::Register)
                .then_some(self.child_birth_date),
            child_sex: self.child_sex,
            address: self.address.clone(),
            group_type: self.group_type,
            language: self.language,
            benefit: self.benefit.clone(),
            documents: self.documents.to_vec(),
            non_resident: self.non_resident,
            contacts: self.contacts.clone(),
            ranked_choices: self.ranked_choices.to_vec(),
        }
    }

    /// [`Application::queue_key`] borrowed, for comparisons without a copy.
    pub(crate) fn queue_key_ref(&self) -> QueueKeyRef<'_> {
        QueueKeyRef {
            region: &self.address.region,
            area: self.address.area(),
            group_type: self.group_type,
            cohort: self.child_birth_date.year(),
        }
    }

    /// The queue this application stands in (`RULES.md §2`, `§4`).
    #[must_use]
    pub fn queue_key(&self) -> QueueKey {
        self.queue_key_ref().to_owned_key()
    }
}

/// One queue: locality (or district) of a region, group type, and birth-year cohort, the
/// "group year" of `RULES.md §4` [001, pub-H].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueKey {
    /// Region code.
    pub region: String,
    /// Locality, or district where no locality is given.
    pub area: String,
    /// Group type.
    pub group_type: GroupType,
    /// Birth year of the children.
    pub cohort: i32,
}

/// A [`QueueKey`] borrowed from an application or a bulletin: comparing two costs no
/// allocation (a place is checked against the child's queue on every choice), and it
/// finds its queue in a map keyed by [`QueueKey`]: its fields hash as the key's do, in
/// the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct QueueKeyRef<'a> {
    pub(crate) region: &'a str,
    pub(crate) area: &'a str,
    pub(crate) group_type: GroupType,
    pub(crate) cohort: i32,
}

impl hashbrown::Equivalent<QueueKey> for QueueKeyRef<'_> {
    fn equivalent(&self, key: &QueueKey) -> bool {
        self.region == key.region
            && self.area == key.area
            && self.group_type == key.group_type
            && self.cohort == key.cohort
    }
}

impl QueueKeyRef<'_> {
    /// The owned key.
    pub(crate) fn to_owned_key(self) -> QueueKey {
        QueueKey {
            region: self.region.to_owned(),
            area: self.area.to_owned(),
            group_type: self.group_type,
            cohort: self.cohort,
        }
    }

    /// Same region, area and cohort, whatever the group type.
    pub(crate) fn same_cohort(&self, other: &QueueKeyRef<'_>) -> bool {
        self.region == other.region && self.area == other.area && self.cohort == other.cohort
    }
}

// `ALL` lists every variant: a new one changes the last discriminant.
const _: () = assert!(GroupType::ALL.len() == GroupType::Sanatorium as usize + 1);
