//! Applications and queues as Kotlin/Swift data (`RULES.md §2–§3`): plain core types
//! mirrored as remote Records and Enums, and binding Records where the core shares text
//! (`Arc<str>`), with their conversions.

use std::sync::Arc;

use kezek::application::{
    Address as CoreAddress, ApplicationId, BirthDateSource, Contacts as CoreContacts, Document,
    GroupType, Language, NewApplication as CoreNewApplication, QueueKey,
};
use kezek::benefit::PriorityClass;
use kezek::lifecycle::{ListingEntry, QueueStatistics, QueueStatisticsEntry};
use kezek::queue::{ClassCounts, Position};
use kezek::Sex;

use crate::types::{CivilDate, CivilMoment};

uniffi::custom_type!(ApplicationId, u64, {
    remote,
    lower: |id| id.0,
    try_lift: |n| Ok(ApplicationId(n)),
});

/// The kind of group an application asks for.
#[uniffi::remote(Enum)]
pub enum GroupType {
    General,
    Special,
    Sanatorium,
}

/// The language of instruction an application asks for (the core's `Language`; the
/// portal's own languages are `Lang`).
#[uniffi::remote(Enum)]
pub enum Language {
    Kazakh,
    Russian,
    Other,
}

/// Where an application's birth date comes from (`RULES.md §1`, revised 2026-12).
#[uniffi::remote(Enum)]
pub enum BirthDateSource {
    Register,
    Iin,
}

/// A priority class of the queue (`RULES.md §3`).
#[uniffi::remote(Enum)]
pub enum PriorityClass {
    OutOfTurn,
    FirstPriority,
    General,
}

/// A document proving a benefit (`RULES.md §3`).
#[uniffi::remote(Record)]
pub struct Document {
    pub kind: String,
    pub issued_on: CivilDate,
    #[uniffi(default = None)]
    pub valid_until: Option<CivilDate>,
}

/// A queue: region, area, group type and birth-year cohort.
#[uniffi::remote(Record)]
pub struct QueueKey {
    pub region: String,
    pub area: String,
    pub group_type: GroupType,
    pub cohort: i32,
}

/// How many children of each class stand ahead.
#[uniffi::remote(Record)]
pub struct ClassCounts {
    pub out_of_turn: u64,
    pub first_priority: u64,
    pub general: u64,
}

/// A queue number and the classes ahead of it.
#[uniffi::remote(Record)]
pub struct Position {
    pub number: u64,
    pub ahead: ClassCounts,
}

/// Children standing in a queue, by class and by language of instruction.
#[uniffi::remote(Record)]
pub struct QueueStatistics {
    pub by_class: ClassCounts,
    pub kazakh: u64,
    pub russian: u64,
    pub other_language: u64,
}

/// One queue's statistics with its key.
#[uniffi::remote(Record)]
pub struct QueueStatisticsEntry {
    pub queue: QueueKey,
    pub statistics: QueueStatistics,
}

/// One line of a queue's listing (the child's IIN masked).
#[uniffi::remote(Record)]
pub struct ListingEntry {
    pub number: u64,
    pub id: ApplicationId,
    pub child: String,
    pub class: PriorityClass,
    pub registered_at: CivilMoment,
}

/// Where the family lives.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Address {
    /// The region's code (`akmola`).
    pub region: String,
    /// The district or city.
    pub district: String,
    /// A locality within it.
    #[uniffi(default = None)]
    pub locality: Option<String>,
}

/// How to reach the applicant.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contacts {
    /// E-mail address.
    pub email: String,
    /// Phone number.
    pub phone: String,
}

/// A new application (`RULES.md §2`). IINs are digit strings.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewApplication {
    /// The applicant's IIN.
    pub applicant_iin: String,
    /// The child's IIN.
    pub child_iin: String,
    /// The child's birth date from the state register; without it, the date the IIN
    /// encodes is used.
    #[uniffi(default = None)]
    pub child_birth_date: Option<CivilDate>,
    /// The child's sex from the register; without it, what the IIN encodes, if anything.
    #[uniffi(default = None)]
    pub child_sex: Option<Sex>,
    /// Where the family lives.
    pub address: Address,
    /// The kind of group.
    pub group_type: GroupType,
    /// The group's language.
    pub language: Language,
    /// A benefit category's code (`large_family`), if any.
    #[uniffi(default = None)]
    pub benefit: Option<String>,
    /// Documents of the benefit.
    #[uniffi(default = [])]
    pub documents: Vec<Document>,
    /// Whether the family lives outside the region.
    #[uniffi(default = false)]
    pub non_resident: bool,
    /// How to reach the applicant.
    pub contacts: Contacts,
    /// Kindergarten ids ranked, best first, where the region gives places by ranked
    /// choices (`RULES.md §5a`).
    #[uniffi(default = [])]
    pub ranked_choices: Vec<String>,
}

/// An application as registered. The IINs are masked: the app holds its own digits.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Application {
    /// Its id.
    pub id: ApplicationId,
    /// The applicants' IINs, masked.
    pub applicants: Vec<String>,
    /// The child's IIN, masked.
    pub child: String,
    /// The child's date of birth: every age rule and the cohort read it.
    pub child_birth_date: CivilDate,
    /// The child's sex, if the register or the IIN gives it.
    pub child_sex: Option<Sex>,
    /// `Register`, or `Iin` when no date was passed and the IIN's digits gave it.
    pub birth_date_source: BirthDateSource,
    /// Where the family lives.
    pub address: Address,
    /// The kind of group.
    pub group_type: GroupType,
    /// The group's language.
    pub language: Language,
    /// The benefit category's code, if any.
    pub benefit: Option<String>,
    /// The priority class it gives.
    pub class: PriorityClass,
    /// Documents of the benefit.
    pub documents: Vec<Document>,
    /// Whether the family lives outside the region.
    pub non_resident: bool,
    /// How to reach the applicant.
    pub contacts: Contacts,
    /// When it was registered.
    pub registered_at: CivilMoment,
    /// Kindergarten ids ranked, best first (`RULES.md §5a`).
    pub ranked_choices: Vec<String>,
}

impl From<&CoreAddress> for Address {
    fn from(a: &CoreAddress) -> Self {
        Self {
            region: a.region.to_string(),
            district: a.district.to_string(),
            locality: a.locality.as_deref().map(str::to_owned),
        }
    }
}

impl From<Address> for CoreAddress {
    fn from(a: Address) -> Self {
        Self {
            region: Arc::from(a.region),
            district: Arc::from(a.district),
            locality: a.locality.map(Arc::from),
        }
    }
}

impl From<&CoreContacts> for Contacts {
    fn from(c: &CoreContacts) -> Self {
        Self {
            email: c.email.to_string(),
            phone: c.phone.to_string(),
        }
    }
}

impl From<NewApplication> for CoreNewApplication {
    fn from(a: NewApplication) -> Self {
        Self {
            applicant_iin: a.applicant_iin,
            child_iin: a.child_iin,
            child_birth_date: a.child_birth_date,
            child_sex: a.child_sex,
            address: a.address.into(),
            group_type: a.group_type,
            language: a.language,
            benefit: a.benefit,
            documents: a.documents,
            non_resident: a.non_resident,
            contacts: CoreContacts {
                email: Arc::from(a.contacts.email),
                phone: Arc::from(a.contacts.phone),
            },
            ranked_choices: a.ranked_choices.into_iter().map(Arc::from).collect(),
        }
    }
}

impl From<kezek::application::ApplicationView<'_>> for Application {
    /// The core's view: the IINs masked by the core, as every host shows them.
    fn from(a: kezek::application::ApplicationView<'_>) -> Self {
        Self {
            id: a.id,
            applicants: a.applicants,
            child: a.child,
            child_birth_date: a.child_birth_date,
            child_sex: a.child_sex,
            birth_date_source: a.birth_date_source,
            address: a.address.into(),
            group_type: a.group_type,
            language: a.language,
            benefit: a.benefit.map(str::to_owned),
            class: a.class,
            documents: a.documents.to_vec(),
            non_resident: a.non_resident,
            contacts: a.contacts.into(),
            registered_at: a.registered_at,
            ranked_choices: a.ranked_choices.iter().map(ToString::to_string).collect(),
        }
    }
}
