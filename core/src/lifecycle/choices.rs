//! Ranked choices on the engine (`RULES.md §5a`): the catalogue of kindergartens parents
//! rank, the choices given at registration, and changing them later.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::commands::{change, forbids};
use super::detail::Detail;
use super::event::{Actor, Command, Reason};
use super::state::State;
use super::{Engine, LifecycleError};
use crate::allocation::catalogue::Needs;
use crate::allocation::{ChoiceRule, Kindergarten};
use crate::application::{Address, ApplicationId, GroupType, Language};

impl Engine {
    /// Adds kindergartens to the catalogue parents rank (`RULES.md §5a`), each replacing
    /// the entry of the same id: the education department's list, with each
    /// kindergarten's area, languages and kinds of group. Choices already given stay as
    /// they are.
    ///
    /// # Errors
    /// `KINDERGARTEN_INVALID` naming the field (an empty id, region or area, no language,
    /// no kind of group, more than [`crate::allocation::MAX_KINDERGARTENS`] in all),
    /// `TIME_BEFORE_CLOCK`; nothing is added then.
    pub fn add_kindergartens(
        &mut self,
        kindergartens: &[Kindergarten],
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        self.check_clock(at)?;
        self.catalogue.check_new(kindergartens)?;
        self.advance(at);
        self.catalogue.add(kindergartens);
        self.accepted(at, || Command::AddKindergartens {
            kindergartens: kindergartens.to_vec(),
        });
        Ok(())
    }

    /// The catalogue of kindergartens, by id.
    pub fn kindergartens(&self) -> impl Iterator<Item = &Kindergarten> {
        self.catalogue.all()
    }

    /// The kindergarten `id` of the catalogue, if listed.
    #[must_use]
    pub fn kindergarten(&self, id: &str) -> Option<&Kindergarten> {
        self.catalogue.get(id)
    }

    /// The kindergartens application `id` ranks, best first.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn ranked_choices(&self, id: ApplicationId) -> Result<&[Arc<str>], LifecycleError> {
        Ok(&self.record(id)?.app.ranked_choices)
    }

    /// The applicant ranks kindergartens anew (`RULES.md §5a`): the list replaces the one
    /// given before, best first; the child keeps its place in the queue. A
    /// `RANKED_CHOICES_CHANGED` event names the new list. An empty list withdraws every
    /// choice.
    ///
    /// # Errors
    /// `CHOICES_NOT_IN_POLICY`, `CHOICES_TOO_MANY`, `CHOICE_DUPLICATE`, `CHOICE_UNKNOWN`,
    /// `CHOICE_GROUP_TYPE`, `CHOICE_LANGUAGE`, `CHOICE_AREA`; `STATE_FORBIDS` once the
    /// child is enrolled or the application is over; `APPLICATION_UNKNOWN`,
    /// `TIME_BEFORE_CLOCK`.
    pub fn change_ranked_choices(
        &mut self,
        id: ApplicationId,
        choices: &[Arc<str>],
        at: NaiveDateTime,
    ) -> Result<(), LifecycleError> {
        let command = Command::ChangeRankedChoices {
            id,
            choices: choices.to_vec(),
        };
        if self.policy.ranked_choices.is_none() {
            return Err(LifecycleError::Choice {
                rule: ChoiceRule::NotInPolicy,
                kindergarten: None,
                limit: 0,
            });
        }
        self.run(&[id], at, Actor::Applicant, command, |e, r| {
            if r.state.is_final() || matches!(r.state, State::Enrolled { .. }) {
                return Err(forbids(r, "change_ranked_choices"));
            }
            let app = &r.app;
            let checked = e.check_choices(choices, &app.address, app.group_type, app.language)?;
            let detail = (!checked.is_empty()).then(|| Detail::Text(checked.join(", ")));
            let mut n = r.clone();
            Arc::make_mut(&mut n.app).ranked_choices = checked.into_boxed_slice();
            change(n, Reason::RankedChoicesChanged, detail)
        })
    }

    /// The catalogue's number of kindergarten `id`, if listed.
    pub(crate) fn catalogue_number(&self, id: &str) -> Option<u32> {
        self.catalogue.number(id)
    }

    /// The catalogue's numbers of `app`'s ranked choices, in their order.
    pub(crate) fn choice_numbers(
        &self,
        app: &crate::application::Application,
    ) -> smallvec::SmallVec<[u32; 4]> {
        self.catalogue.numbers_of(&app.ranked_choices)
    }

    /// Where kindergarten `k` stands among the choices of record `r`, read by catalogue
    /// number beside the record (no application read); `None` if it did not rank it.
    pub(crate) fn choice_rank(&self, r: &super::record::Record, k: &str) -> Option<usize> {
        let n = self.catalogue_number(k)?;
        r.choices.iter().position(|&c| c == n)
    }

    /// Checks ranked choices for a child of `address` (normalised), `group_type` and
    /// `language` against the policy and the catalogue; gives them as the catalogue spells
    /// its ids.
    pub(crate) fn check_choices(
        &self,
        choices: &[Arc<str>],
        address: &Address,
        group_type: GroupType,
        language: Language,
    ) -> Result<Vec<Arc<str>>, LifecycleError> {
        let max = self.policy.ranked_choices.map(|r| r.max_choices);
        let needs = Needs {
            region: &address.region,
            area: address.area(),
            group_type,
            language,
        };
        self.catalogue
            .check_choices(choices, needs, max)
            .map_err(|(rule, kindergarten)| LifecycleError::Choice {
                rule,
                kindergarten,
                limit: max.unwrap_or(0),
            })
    }
}
