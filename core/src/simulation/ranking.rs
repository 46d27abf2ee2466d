//! Parents' ranked choices, where the policy gives places by them (`RULES.md §5a`): the
//! city's kindergartens go to the engine's catalogue when the run starts, each parent
//! ranks kindergartens of its district when registering, and the directions the engine
//! then issues by itself (a round, or a place given back going on) reach the parents as
//! any direction does.

use std::sync::Arc;

use chrono::NaiveDate;

use super::run::{at, pick, Run};
use super::SimulationError;
use crate::allocation::Kindergarten;
use crate::application::{GroupType, Language};

impl Run<'_> {
    /// Whether the policy gives places by ranked choices.
    pub(super) fn ranks(&self) -> bool {
        self.input.policy.ranked_choices.is_some()
    }

    /// Adds the city's kindergartens to the engine's catalogue on `first`, where the
    /// policy gives places by ranked choices.
    pub(super) fn catalogue(&mut self, first: NaiveDate) -> Result<(), SimulationError> {
        if !self.ranks() {
            return Ok(());
        }
        let city = &self.input.city;
        let catalogue: Vec<Kindergarten> = city
            .districts
            .iter()
            .zip(&self.texts.districts)
            .zip(&self.texts.kindergartens)
            .flat_map(|((d, area), ids)| {
                d.kindergartens.iter().zip(ids).map(|(k, id)| Kindergarten {
                    id: Arc::clone(id),
                    region: city.region.clone(),
                    area: area.to_string(),
                    languages: k.languages.clone(),
                    group_types: vec![k.group_type],
                })
            })
            .collect();
        self.engine.add_kindergartens(&catalogue, at(first, 0, 0))?;
        Ok(())
    }

    /// A parent's ranked choices: kindergartens of `district` with the child's kind of
    /// group and language, drawn one after another by their appeal, as many as the
    /// behaviour says (at most the policy's `max_choices`). None where the policy gives
    /// places otherwise (no draw is made: such runs are as before).
    pub(super) fn rank(
        &mut self,
        district: usize,
        group_type: GroupType,
        language: Language,
    ) -> Vec<Arc<str>> {
        let Some(policy) = self.input.policy.ranked_choices else {
            return Vec::new();
        };
        let wanted = self
            .input
            .behaviour
            .ranks
            .unwrap_or(policy.max_choices)
            .min(policy.max_choices);
        let specs = &self.input.city.districts[district].kindergartens;
        let mut weights: Vec<f64> = specs
            .iter()
            .map(|k| {
                let fits = k.group_type == group_type && k.languages.contains(&language);
                if fits {
                    k.appeal
                } else {
                    0.0
                }
            })
            .collect();
        let mut out = Vec::new();
        while out.len() < wanted as usize && weights.iter().any(|&w| w > 0.0) {
            let k = pick(&mut self.rng, &weights);
            weights[k] = 0.0;
            out.push(Arc::clone(&self.texts.kindergartens[district][k]));
        }
        out
    }

    /// The parents of the children the engine's last command gave a direction to by
    /// itself (a place given back going on, `Engine::given_on`) learn of it: called
    /// only after a command the engine accepted.
    pub(super) fn given_on(&mut self, day: NaiveDate) -> Result<(), SimulationError> {
        if !self.ranks() {
            return Ok(());
        }
        let ids: Vec<_> = self.engine.given_on().iter().map(|d| d.id).collect();
        for id in ids {
            self.directed(id, day)?;
        }
        Ok(())
    }
}
