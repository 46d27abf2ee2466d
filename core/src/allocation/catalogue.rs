//! The catalogue of kindergartens and the rules of ranked choices (`RULES.md §5a`).
//!
//! Where the region's policy gives places by ranked choices, a parent ranks up to
//! `max_choices` kindergartens of the catalogue, best first. A choice must name a
//! kindergarten the catalogue lists that has the child's kind of group, teaches in the
//! child's language and stands in the child's area (the region and area of its queue);
//! [`Catalogue::check_choices`] says which rule a list breaks.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::bulletin::Kindergarten;
use super::error::AllocationError;
use crate::application::{GroupType, Language};
use crate::error::ErrorCode;

/// The most kindergartens a catalogue holds: a bound on what callers pass (Kazakhstan has
/// about 11,000 preschool organisations).
pub const MAX_KINDERGARTENS: usize = 100_000;

/// The kindergartens parents may rank, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Catalogue {
    by_id: BTreeMap<Arc<str>, Kindergarten>,
    /// Each kindergarten's number, in the order it was added (kept when it is replaced):
    /// a round looks a child's choices up by number, not by id (engine bookkeeping,
    /// numbered afresh when a snapshot is loaded).
    numbers: foldhash::HashMap<Arc<str>, u32>,
}

/// What a child needs of a kindergarten it ranks: its queue's region and area, its kind of
/// group and its language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Needs<'a> {
    pub(crate) region: &'a str,
    pub(crate) area: &'a str,
    pub(crate) group_type: GroupType,
    pub(crate) language: Language,
}

impl Catalogue {
    /// A catalogue of `kindergartens`, as a snapshot keeps it.
    pub(crate) fn restore(kindergartens: Vec<Kindergarten>) -> Self {
        let mut catalogue = Catalogue::default();
        for k in kindergartens {
            catalogue.number_new(&k.id);
            catalogue.by_id.insert(Arc::clone(&k.id), k);
        }
        catalogue
    }

    /// Numbers `id` if it has no number yet.
    fn number_new(&mut self, id: &Arc<str>) {
        let next = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        self.numbers.entry(Arc::clone(id)).or_insert(next);
    }

    /// The number of kindergarten `id`, if listed.
    pub(crate) fn number(&self, id: &str) -> Option<u32> {
        self.numbers.get(id).copied()
    }

    /// The numbers of the listed kindergartens among `ids`, in their order.
    pub(crate) fn numbers_of(&self, ids: &[Arc<str>]) -> smallvec::SmallVec<[u32; 4]> {
        ids.iter().filter_map(|id| self.number(id)).collect()
    }

    /// Checks `kindergartens` for [`Catalogue::add`]: each as a bulletin's, with at least
    /// one kind of group, and the catalogue within [`MAX_KINDERGARTENS`].
    ///
    /// # Errors
    /// `KINDERGARTEN_INVALID` naming the field.
    pub(crate) fn check_new(&self, kindergartens: &[Kindergarten]) -> Result<(), AllocationError> {
        let invalid = |field, detail| AllocationError::KindergartenInvalid { field, detail };
        if self.by_id.len().saturating_add(kindergartens.len()) > MAX_KINDERGARTENS {
            return Err(invalid(
                "kindergartens",
                [
                    "каталогта 100000-нан астам балабақша болар еді",
                    "в каталоге оказалось бы больше 100000 детских садов",
                    "the catalogue would hold more than 100000 kindergartens",
                ],
            ));
        }
        for k in kindergartens {
            k.check()
                .map_err(|(field, detail)| invalid(field, detail))?;
            if k.group_types.is_empty() {
                return Err(invalid(
                    "kindergarten.group_types",
                    [
                        "кемінде бір топ түрін көрсетіңіз",
                        "укажите хотя бы один вид группы",
                        "name at least one kind of group",
                    ],
                ));
            }
        }
        Ok(())
    }

    /// Adds `kindergartens` (checked by [`Catalogue::check_new`]), each replacing the entry
    /// of the same id.
    pub(crate) fn add(&mut self, kindergartens: &[Kindergarten]) {
        for k in kindergartens {
            let k = k.normalized();
            self.number_new(&k.id);
            self.by_id.insert(Arc::clone(&k.id), k);
        }
    }

    /// Every kindergarten, by id.
    pub(crate) fn all(&self) -> impl Iterator<Item = &Kindergarten> {
        self.by_id.values()
    }

    /// The kindergarten `id`, if listed.
    pub(crate) fn get(&self, id: &str) -> Option<&Kindergarten> {
        self.by_id.get(id)
    }

    /// Checks a list of ranked choices for a child with `needs`, under a policy that
    /// allows `max` choices (`None`: the policy has no ranked choices). Gives the list as
    /// the catalogue spells its ids.
    ///
    /// # Errors
    /// The rule broken, and the kindergarten that breaks it (for the rules of one choice).
    pub(crate) fn check_choices(
        &self,
        choices: &[Arc<str>],
        needs: Needs<'_>,
        max: Option<u32>,
    ) -> Result<Vec<Arc<str>>, Refusal> {
        let Some(max) = max else {
            return if choices.is_empty() {
                Ok(Vec::new())
            } else {
                Err((ChoiceRule::NotInPolicy, None))
            };
        };
        if choices.len() > max as usize {
            return Err((ChoiceRule::TooMany, None));
        }
        let mut out: Vec<Arc<str>> = Vec::with_capacity(choices.len());
        for choice in choices {
            let id = crate::text::normalized(choice);
            let refuse = |rule| Err((rule, Some(Arc::clone(&id))));
            let Some(k) = self.by_id.get(&id) else {
                return refuse(ChoiceRule::Unknown);
            };
            if out.contains(&k.id) {
                return refuse(ChoiceRule::Duplicate);
            }
            if !k.group_types.contains(&needs.group_type) {
                return refuse(ChoiceRule::GroupType);
            }
            if !k.languages.contains(&needs.language) {
                return refuse(ChoiceRule::Language);
            }
            if k.region != needs.region || k.area != needs.area {
                return refuse(ChoiceRule::Area);
            }
            out.push(Arc::clone(&k.id));
        }
        Ok(out)
    }
}

/// Why a list of choices is refused: the rule, and the kindergarten that breaks it (for the
/// rules of one choice).
pub(crate) type Refusal = (ChoiceRule, Option<Arc<str>>);

/// A rule of ranked choices (`RULES.md §5a`) a list of choices broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChoiceRule {
    /// The region's policy gives places another way (`CHOICES_NOT_IN_POLICY`).
    NotInPolicy,
    /// More choices than the policy allows (`CHOICES_TOO_MANY`).
    TooMany,
    /// The same kindergarten twice (`CHOICE_DUPLICATE`).
    Duplicate,
    /// A kindergarten the catalogue does not list (`CHOICE_UNKNOWN`).
    Unknown,
    /// A kindergarten without the child's kind of group (`CHOICE_GROUP_TYPE`).
    GroupType,
    /// A kindergarten that does not teach in the child's language (`CHOICE_LANGUAGE`).
    Language,
    /// A kindergarten outside the child's area (`CHOICE_AREA`).
    Area,
}

impl ChoiceRule {
    /// The error code of a refusal under this rule.
    #[must_use]
    pub fn code(self) -> ErrorCode {
        match self {
            ChoiceRule::NotInPolicy => ErrorCode::ChoicesNotInPolicy,
            ChoiceRule::TooMany => ErrorCode::ChoicesTooMany,
            ChoiceRule::Duplicate => ErrorCode::ChoiceDuplicate,
            ChoiceRule::Unknown => ErrorCode::ChoiceUnknown,
            ChoiceRule::GroupType => ErrorCode::ChoiceGroupType,
            ChoiceRule::Language => ErrorCode::ChoiceLanguage,
            ChoiceRule::Area => ErrorCode::ChoiceArea,
        }
    }

    /// What a parent reads, in kk/ru/en: no code, no kindergarten id (those are the
    /// error's fields). `max` is the policy's number of choices.
    pub(crate) fn texts(self, max: u32) -> [String; 3] {
        match self {
            ChoiceRule::NotInPolicy => [
                "бұл өңірде балабақшалар таңдау ретімен берілмейді: орын туралы хабарлама келгенде балабақшаны таңдайсыз".to_owned(),
                "в этом регионе детские сады не выбирают заранее по порядку: сад выбирают, когда придёт уведомление о месте".to_owned(),
                "in this region kindergartens are not ranked in advance: you choose one when a notice of a place comes".to_owned(),
            ],
            ChoiceRule::TooMany => [
                format!("{max} балабақшадан артық таңдауға болмайды"),
                format!(
                    "можно выбрать не больше {}",
                    crate::lang::count_ru(max.into(), ["детского сада", "детских садов", "детских садов"])
                ),
                format!(
                    "at most {} can be chosen",
                    crate::lang::count_en(max.into(), ["kindergarten", "kindergartens"])
                ),
            ],
            ChoiceRule::Duplicate => [
                "бір балабақша екі рет таңдалған".to_owned(),
                "один и тот же детский сад выбран дважды".to_owned(),
                "the same kindergarten is chosen twice".to_owned(),
            ],
            ChoiceRule::Unknown => [
                "таңдалған балабақшалардың бірі тізімде жоқ".to_owned(),
                "одного из выбранных детских садов нет в перечне".to_owned(),
                "one of the chosen kindergartens is not in the list".to_owned(),
            ],
            ChoiceRule::GroupType => [
                "таңдалған балабақшалардың бірінде баланың топ түрі жоқ".to_owned(),
                "в одном из выбранных детских садов нет группы нужного вида".to_owned(),
                "one of the chosen kindergartens has no group of the child's kind".to_owned(),
            ],
            ChoiceRule::Language => [
                "таңдалған балабақшалардың бірінде баланың тілінде оқытылмайды".to_owned(),
                "в одном из выбранных детских садов нет обучения на языке ребёнка".to_owned(),
                "one of the chosen kindergartens does not teach in the child's language".to_owned(),
            ],
            ChoiceRule::Area => [
                "таңдалған балабақшалардың бірі баланың кезегі тұрған аумақта емес".to_owned(),
                "один из выбранных детских садов находится вне района очереди ребёнка".to_owned(),
                "one of the chosen kindergartens is outside the area of the child's queue".to_owned(),
            ],
        }
    }
}
