//! What a simulation is given (serde): the city, arrivals, place turnover, parent
//! behaviour, the policy, the calendar, the seed and the horizon.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::application::{GroupType, Language};
use crate::calendar::CalendarData;
use crate::policy::Policy;

/// A whole simulation's input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimulationInput {
    /// The format of the input: [`INPUT_FORMAT`](super::INPUT_FORMAT) when written. Older
    /// inputs (format 1 had no such field) are migrated by
    /// [`SimulationInput::from_json`] and [`SimulationInput::from_value`].
    pub format: u32,
    /// The city: districts and kindergartens.
    pub city: City,
    /// Children registered per month, and who they are.
    pub arrivals: Arrivals,
    /// When the kindergartens' places are published.
    pub turnover: Turnover,
    /// What parents do, as probabilities and delays.
    pub behaviour: Behaviour,
    /// The policy every command is judged by (a built-in one, or edited).
    pub policy: Policy,
    /// The working-day calendar's data (`RULES.md §9`), in the format of
    /// [`CalendarData`]; the built-in Kazakh calendar when absent. Years of the horizon
    /// without data of their own are projected from the statutory holidays alone and
    /// listed in the result's `projected_years`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarData>,
    /// The first day reported.
    pub start: NaiveDate,
    /// How many years are reported, day by day, from `start`.
    pub years: u32,
    /// Years simulated before `start` so that the queue is full when reporting begins
    /// (an empty queue has no child old enough for a place). Their children are in the
    /// child table, flagged; the day table and the summary cover `start` onwards.
    #[serde(default)]
    pub warm_up_years: u32,
    /// The seed of every random draw: the same seed gives the same outputs.
    pub seed: u64,
    /// The most memory the run may take, in bytes ([`DEFAULT_MEMORY_BUDGET`], 2 GiB, when
    /// absent): an input whose [`SimulationInput::estimated_memory`] is over it is refused
    /// (`SIMULATION_TOO_LARGE`) before anything is allocated.
    #[serde(default = "default_memory_budget")]
    pub memory_budget: u64,
}

/// The memory a simulation may take unless its input says otherwise: 2 GiB, which fits a
/// WebAssembly module (at most 4 GiB) and a laptop; the default city's ten years take
/// ≈ 0.44 GB.
pub const DEFAULT_MEMORY_BUDGET: u64 = 2 << 30;

fn default_memory_budget() -> u64 {
    DEFAULT_MEMORY_BUDGET
}

/// Bytes a registered child takes over a whole run: its record (296 bytes), its events,
/// its queue slots, its parents' plans and its row of the child table. Measured ≈ 1.1 KB
/// (README, "Speed and memory"); the estimate rounds up.
const BYTES_PER_CHILD: u64 = 1_536;
/// Bytes a simulated day takes: its row of the day table and its agenda bucket.
const BYTES_PER_DAY: u64 = 512;
/// Bytes a kindergarten takes: its bulletins over a year's waves.
const BYTES_PER_KINDERGARTEN: u64 = 4_096;

/// A city: a region code and its districts (each district is an area with its own queues,
/// `RULES.md §2`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct City {
    /// Its name, for reports.
    pub name: String,
    /// The region code of every application and bulletin.
    pub region: String,
    /// The districts.
    pub districts: Vec<District>,
    /// Where the numbers come from (or that they are made up).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A district: its share of the city's births and its kindergartens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct District {
    /// The area code of its queues.
    pub name: String,
    /// Its relative share of the arrivals (any positive scale).
    pub births_weight: f64,
    /// Its kindergartens.
    pub kindergartens: Vec<KindergartenSpec>,
}

/// A kindergarten and the places it takes in each year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KindergartenSpec {
    /// Its id.
    pub id: String,
    /// Languages of instruction.
    pub languages: Vec<Language>,
    /// The kind of group its places are for.
    #[serde(default = "general")]
    pub group_type: GroupType,
    /// Places it takes in each year, by age in whole years on publication (the cohort is
    /// the publication year minus the age, `RULES.md §4`).
    pub intake: Vec<Intake>,
    /// How sought-after it is among its district's kindergartens, where the policy gives
    /// places by ranked choices (`RULES.md §5a`): a parent ranks them in a draw weighted
    /// by it, so it stands for what draws parents — nearness, reputation. 1 when not given
    /// (every kindergarten alike); 0 for one nobody ranks.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub appeal: f64,
}

fn general() -> GroupType {
    GroupType::General
}

fn one() -> f64 {
    1.0
}

#[allow(clippy::trivially_copy_pass_by_ref, clippy::float_cmp)] // serde's signature; 1.0 is exact
fn is_one(x: &f64) -> bool {
    *x == 1.0
}

/// Places for one age a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// Age in whole years (the cohort is the publication year minus this).
    pub age: u32,
    /// Places a year.
    pub places: u32,
}

/// Children registered per month and their attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Arrivals {
    /// Registrations per month, spread evenly over the month's days.
    pub per_month: u32,
    /// Weights of the child's age in months when registered (index 0: the birth month;
    /// since 2022 a birth registers the child automatically, `RULES.md §2`).
    pub age_months_weights: Vec<f64>,
    /// Shares of benefit categories (codes of the policy); the rest is general.
    #[serde(default)]
    pub benefits: Vec<Share<String>>,
    /// Shares of group types; general when empty.
    #[serde(default)]
    pub group_types: Vec<Share<GroupType>>,
    /// Shares of preferred languages.
    pub languages: Vec<Share<Language>>,
}

/// A value and its share (0–1, or any weight when the list is normalised).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Share<T> {
    /// The value.
    pub value: T,
    /// Its share.
    pub share: f64,
}

/// When places are published: on each wave's day, that share of every kindergarten's
/// yearly intake; waves falling in the policy's August freeze move to its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Turnover {
    /// The waves of a year.
    pub waves: Vec<Wave>,
}

/// One publication day of the year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Wave {
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// Share of the yearly intake published (the shares of a year add to 1, within 0.001).
    pub share: f64,
}

/// What parents do (each a probability, or a delay in days drawn from weights).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    /// Weights of the delay, in working days after the notice, before the parent chooses
    /// a place (index 0: the same day). A delay past the choice window lets it pass.
    pub choice_delay_weights: Vec<f64>,
    /// Probability that a notified parent answers at all.
    pub answers_notice: f64,
    /// Probability that a parent with a direction revokes it the same day.
    pub revokes: f64,
    /// Probability that the child is brought to the kindergarten (else the direction lapses).
    pub shows_up: f64,
    /// Weights of the delay in working days between the direction and the enrolment.
    pub show_up_delay_weights: Vec<f64>,
    /// Probability that a parent who will bring the child first extends the direction.
    pub extends: f64,
    /// Probability that a parent confirms interest at each anniversary.
    pub confirms_interest: f64,
    /// Probability that an out-of-turn right is confirmed in person when asked.
    pub confirms_right: f64,
    /// Probability, on each working day with open places in its pool, that a waiting
    /// parent looks for a place by free choice and takes one.
    pub free_choice_daily: f64,
    /// Probability that a parent prefers a kindergarten of its language when choosing.
    pub prefers_language: f64,
    /// How many kindergartens a parent ranks when registering, where the policy gives
    /// places by ranked choices (`RULES.md §5a`): of its district's kindergartens with
    /// the child's kind of group and language, drawn by their `appeal`, at most the
    /// policy's `max_choices`. The policy's `max_choices` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranks: Option<u32>,
    /// What parents do with a voucher, under a policy that runs vouchers (`RULES.md §8`).
    /// An input written before it existed gets the defaults.
    #[serde(default)]
    pub voucher: VoucherBehaviour,
    /// What parents do when a benefit's documents end. An input written before it
    /// existed gets the defaults.
    #[serde(default)]
    pub renewal: RenewalBehaviour,
}

/// What parents do when the documents of their child's benefit end (`RULES.md §3`): a
/// document valid for a time (a serviceman's certificate counts one month) must be
/// renewed for the child to keep its class's turn; until then its screening fails.
/// Renewals start the month before the child is old enough for an offer (no offer can
/// come earlier). The defaults are kezek's guesses, not data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RenewalBehaviour {
    /// Probability that a parent renews the documents, each time they end (drawn once
    /// per child; the child keeps waiting either way, unrenewed it is passed over by
    /// offers).
    pub renews: f64,
    /// Weights of the delay, in working days after the documents' last valid day (index
    /// 0: renewed on that day, in time), before the renewal.
    pub delay_weights: Vec<f64>,
}

impl Default for RenewalBehaviour {
    fn default() -> Self {
        Self {
            renews: 0.9,
            delay_weights: vec![0.6, 0.15, 0.1, 0.1, 0.05],
        }
    }
}

/// What parents do with a voucher (`RULES.md §8`): confirm it or let it lapse, sign a
/// contract, restore a lapsed one, or refuse it. The defaults are kezek's guesses, not
/// data, like the rest of the default city's behaviour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherBehaviour {
    /// Probability that a parent refuses the voucher at once (the child leaves the queue).
    pub refuses: f64,
    /// Probability that a parent who does not refuse confirms the voucher.
    pub confirms: f64,
    /// Weights of the delay, in working days after the offer, before the confirmation
    /// (index 0: the same day). A delay past the consent window lets it lapse.
    pub confirm_delay_weights: Vec<f64>,
    /// Probability that a parent who confirmed signs a contract (else the contract window
    /// passes and the child goes back to the queue).
    pub signs_contract: f64,
    /// Weights of the delay, in working days after the confirmation, before the contract.
    pub contract_delay_weights: Vec<f64>,
    /// Probability that a parent whose voucher lapsed restores the application.
    pub restores: f64,
    /// Weights of the delay, in working days after the lapse (index 0: the next working
    /// day), before the restoration.
    pub restore_delay_weights: Vec<f64>,
}

impl Default for VoucherBehaviour {
    fn default() -> Self {
        Self {
            refuses: 0.02,
            confirms: 0.9,
            confirm_delay_weights: vec![0.5, 0.3, 0.2],
            signs_contract: 0.9,
            contract_delay_weights: vec![0.1, 0.3, 0.3, 0.2, 0.1],
            restores: 0.5,
            restore_delay_weights: vec![0.4, 0.3, 0.2, 0.1],
        }
    }
}

impl SimulationInput {
    /// How much memory the run will take at its peak, in bytes, from the sizes the input
    /// sets: children registered (`per_month` × the months simulated, warm-up included),
    /// days, and kindergartens. Saturates instead of overflowing.
    #[must_use]
    pub fn estimated_memory(&self) -> u64 {
        let years = u64::from(self.years) + u64::from(self.warm_up_years);
        let children = u64::from(self.arrivals.per_month).saturating_mul(12 * years);
        let kindergartens: u64 = self
            .city
            .districts
            .iter()
            .map(|d| d.kindergartens.len() as u64)
            .sum();
        children
            .saturating_mul(BYTES_PER_CHILD)
            .saturating_add((366 * years).saturating_mul(BYTES_PER_DAY))
            .saturating_add(kindergartens.saturating_mul(BYTES_PER_KINDERGARTEN))
    }
}

/// The JSON Schema (draft 2020-12) of a simulation input of this release's format
/// ([`INPUT_FORMAT`](super::INPUT_FORMAT)), from the input's own types: what
/// `docs/simulation-input.schema.json` holds. An older input is migrated when read
/// ([`SimulationInput::from_json`]), not described here.
#[cfg(feature = "schema")]
#[must_use]
pub fn input_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(SimulationInput);
    serde_json::to_value(schema).unwrap_or_default()
}
