//! Dated regional policies: the parameters that differ between portals, regions and
//! editions of the rules (`RULES.md §10`).
//!
//! A [`Policy`] is a named set of parameters valid from a date. Every parameter is a
//! [`Period`] that carries its unit, a count, or a switch; its doc comment cites the rule
//! and the source. Rules marked `pub-M`/`pub-L` in `RULES.md` live here as parameters with
//! defaults, never as constants. A [`PolicyBook`] holds the versions of every profile and
//! picks the one in force for a region on a date.

mod book;
mod error;
mod format;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use book::{PolicyBook, RegionInfo, BUILTIN_JSON};
pub use error::PolicyError;
pub use format::BOOK_FORMAT;

use crate::benefit::BenefitCategory;
use crate::lang::LocalizedText;
use crate::period::{Period, PeriodUnit};

/// One version of a regional policy.
///
/// ```
/// use chrono::NaiveDate;
/// use kezek::policy::PolicyBook;
/// use kezek::period::Period;
/// let book = PolicyBook::builtin();
/// let astana = book.policy_for("astana", NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())?;
/// assert_eq!(astana.choice_window, Period::calendar_days(1));
/// let almaty = book.policy_for("almaty", NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())?;
/// assert_eq!(almaty.choice_window, Period::working_days(3));
/// assert!(almaty.special_queue_first);
/// # Ok::<(), kezek::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Unique id of this version, e.g. `"national-2024"`.
    pub id: String,
    /// The profile this version belongs to, e.g. `"national"`.
    pub profile: String,
    /// Human name.
    pub name: LocalizedText,
    /// Region codes the profile serves; `"*"` serves every region that no profile names.
    pub regions: Vec<String>,
    /// First day the version is in force; it stays in force until the profile's next version.
    pub valid_from: NaiveDate,
    /// Where the values come from.
    pub sources: Vec<String>,
    /// Time to choose a kindergarten after the notice, before the place goes to free
    /// choice: 3 working days [000, 001]; Astana 1 calendar day \[pub-M\] (`RULES.md §5`).
    pub choice_window: Period,
    /// Time to bring the child after the direction: 5 working days \[001\] (`RULES.md §6`).
    pub show_up_window: Period,
    /// Time during which the applicant may revoke a direction: 24 hours \[001\] (`RULES.md §6`).
    pub revocation_window: Period,
    /// How long one extension of a direction lasts at most: 30 calendar days \[001\]
    /// (`RULES.md §6`).
    pub extension: Period,
    /// How many extensions a direction may get: 1 \[001\] (`RULES.md §6`).
    pub extensions_allowed: u32,
    /// Length of the stop-list after a lapsed direction: 10 working days \[001\]
    /// (`RULES.md §6`).
    pub stop_list: Period,
    /// Lapsed directions that remove the child from the queue: 2 \[001\] (`RULES.md §6`).
    pub lapses_before_removal: u32,
    /// Interest must be confirmed every such period from registration: 12 months \[004\]
    /// (`RULES.md §2`).
    pub interest_confirmation_every: Period,
    /// How long before each anniversary a confirmation already counts. Not stated by any
    /// source: 30 calendar days is kezek's assumption, to be set per region.
    pub interest_confirmation_early: Period,
    /// Time to confirm an out-of-turn right in person after the offer: 5 working days
    /// \[pub-M\] (`RULES.md §3`).
    pub out_of_turn_confirmation: Period,
    /// Minimum age to be offered a place: 2 full years \[001\] (`RULES.md §4`).
    pub min_offer_age: Period,
    /// The service covers children under this age: 7 years \[004\]; 6 years in the 2024
    /// edition of the rules \[pub-M\] (`RULES.md §4`).
    pub max_age: Period,
    /// How the maximum age is counted: from the birthday (the default), or by calendar
    /// year, so that a child who turns 6 in the current year is no longer admitted (the
    /// 2020 Rules, `RULES.md §4`, revised 2026-12 \[pub-M\]).
    #[serde(default, skip_serializing_if = "AgeCounting::is_birthday")]
    pub max_age_counted: AgeCounting,
    /// Whether twins and triplets may be linked in one batch, directed together or not at
    /// all: Astana from 16.10.2019, a regional rule, not a national one \[pub-M\]
    /// (`RULES.md §4`, revised 2026-12). Always written; a policy that does not say links
    /// them, as every policy did before the field existed (format 1 books).
    #[serde(default = "links_twins")]
    pub twin_batches: bool,
    /// Directions alternate first-priority and general children in this ratio, when set:
    /// 1:3 [pub-L, unverified], off by default (`RULES.md §3`).
    pub interleave: Option<Interleave>,
    /// Days of the year when places are not published nor directions issued: 1–31 August
    /// \[pub-M\] (`RULES.md §9`).
    pub august_freeze: Option<Freeze>,
    /// Whether the minimum age also applies to special (correctional) and sanatorium groups:
    /// \[000\] states only the turn and the vacancies for them, so `false` by default
    /// (`RULES.md §4`).
    #[serde(default)]
    pub min_age_for_special_groups: bool,
    /// Special (correctional) and sanatorium places are offered first, the rest opens to
    /// all: Almaty 2023 \[pub-H\] (`RULES.md §7`).
    pub special_queue_first: bool,
    /// The voucher flow, in the regions that run it (`RULES.md §8`).
    pub voucher: Option<VoucherRules>,
    /// Ranked choices with automatic directions, in the regions that run the new national
    /// model (`RULES.md §5a`, added 2026-12 \[pub-M\]: pilots in Shakhtinsk and
    /// Petropavlovsk, dates not published). Absent: notices and a free choice (`§5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranked_choices: Option<RankedChoices>,
    /// Benefit categories this policy adds to the built-in table of `RULES.md §3`, or
    /// replaces in it (same code); see [`crate::benefit`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefit_categories: Vec<BenefitCategory>,
}

/// The most kindergartens any policy lets an application rank: a bound on what a caller
/// passes, well above the 4 of `RULES.md §5a`.
pub const MAX_RANKED_CHOICES: u32 = 10;

/// The value of [`Policy::twin_batches`] in a book that does not say.
fn links_twins() -> bool {
    true
}

/// How an age limit is counted (`RULES.md §4`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgeCounting {
    /// The child has the age from its birthday on.
    #[default]
    Birthday,
    /// The child has the age from 1 January of the year of that birthday: "turns 6 this
    /// year" counts as 6.
    CalendarYear,
}

impl AgeCounting {
    /// Whether this is the default, [`AgeCounting::Birthday`] (not written out).
    #[must_use]
    pub fn is_birthday(&self) -> bool {
        *self == AgeCounting::Birthday
    }
}

/// Interleaving of priority classes in directions (`RULES.md §3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Interleave {
    /// First-priority children per cycle (1 in the reported rule).
    pub first_priority: u32,
    /// General children per cycle (3 in the reported rule).
    pub general: u32,
}

/// A day of the year, e.g. 1 August.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl MonthDay {
    /// Whether this day exists in some year (29 February counts).
    #[must_use]
    pub fn is_valid(self) -> bool {
        NaiveDate::from_ymd_opt(2000, self.month, self.day).is_some()
    }

    fn key(self) -> (u32, u32) {
        (self.month, self.day)
    }
}

/// A yearly period, both ends included (`RULES.md §9`: the August freeze).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Freeze {
    /// First day.
    pub from: MonthDay,
    /// Last day.
    pub to: MonthDay,
}

impl Freeze {
    /// Whether `date` falls within the freeze.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::policy::{Freeze, MonthDay};
    /// let august = Freeze { from: MonthDay { month: 8, day: 1 }, to: MonthDay { month: 8, day: 31 } };
    /// assert!(august.contains(NaiveDate::from_ymd_opt(2025, 8, 15).unwrap()));
    /// assert!(!august.contains(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap()));
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        let (from, to, day) = (self.from.key(), self.to.key(), (date.month(), date.day()));
        if from <= to {
            from <= day && day <= to
        } else {
            // A freeze across New Year covers the end and the start of the year.
            day >= from || day <= to
        }
    }
}

/// The voucher flow (`RULES.md §8`, pilot 2025–2026 \[pub-H\]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherRules {
    /// Day of the year distribution starts, after the queue refresh: 1 July.
    pub distribution_starts: MonthDay,
    /// Time to confirm the voucher, else the application becomes inactive: 2 working days.
    pub consent_window: Period,
    /// Time within which an inactive application can be restored: 28 calendar days.
    pub restore_window: Period,
    /// How many restorations are allowed: 1.
    pub restores_allowed: u32,
    /// Time to choose a kindergarten and sign the contract: 5 working days.
    pub contract_window: Period,
    /// Once every category is served, places may go to children of this age: 1.5 years
    /// \[pub-M\] (`RULES.md §4`).
    pub min_age_when_all_served: Period,
}

/// Ranked choices (`RULES.md §5a`): parents rank kindergartens when they apply, and places
/// are given by the queue order to the most preferred choice with room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RankedChoices {
    /// How many kindergartens an application may rank: 4 \[pub-M: gov.kz service 3042\].
    pub max_choices: u32,
    /// Whether a child with a sibling enrolled at a kindergarten stands first there
    /// ("they can be enrolled in one kindergarten" \[pub-M\]).
    pub sibling_priority: bool,
}

impl Default for RankedChoices {
    fn default() -> Self {
        RankedChoices {
            max_choices: 4,
            sibling_priority: true,
        }
    }
}

/// How places are given in a region: the allocation mode of a policy version (dated, like
/// every parameter: a region changes mode from the date its new version is valid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationMode {
    /// A notice to the child whose turn it is, who chooses among the published places;
    /// what is not chosen in time opens to all (`RULES.md §5`).
    NoticeAndChoose,
    /// Ranked choices and automatic directions (`RULES.md §5a`).
    RankedChoices,
    /// Vouchers, and a contract with a kindergarten of the parent's choice (`RULES.md §8`).
    Vouchers,
}

/// Whether a parameter is a length of time (any unit) or an age (months or years).
#[derive(Clone, Copy)]
enum Kind {
    /// A window or deadline: must be at least one unit long.
    Window,
    /// A window that may be zero.
    Lead,
    /// An age.
    Age,
}

impl Policy {
    /// How places are given under this policy.
    #[must_use]
    pub fn allocation_mode(&self) -> AllocationMode {
        match (&self.voucher, &self.ranked_choices) {
            (Some(_), _) => AllocationMode::Vouchers,
            (None, Some(_)) => AllocationMode::RankedChoices,
            (None, None) => AllocationMode::NoticeAndChoose,
        }
    }

    /// The benefit category with `code` under this policy: its own table first, then the
    /// built-in one (`RULES.md §3`).
    ///
    /// ```
    /// use kezek::benefit::PriorityClass;
    /// use kezek::PolicyBook;
    /// let policy = PolicyBook::builtin().get("national-2024")?;
    /// assert_eq!(policy.benefit("large_family").unwrap().class, PriorityClass::FirstPriority);
    /// assert_eq!(policy.benefit("military").unwrap().class, PriorityClass::OutOfTurn);
    /// assert!(policy.benefit("astronaut").is_none());
    /// # Ok::<(), kezek::PolicyError>(())
    /// ```
    #[must_use]
    pub fn benefit(&self, code: &str) -> Option<&BenefitCategory> {
        self.benefit_categories
            .iter()
            .chain(crate::benefit::builtin())
            .find(|c| c.code == code)
    }

    /// Every benefit category in force under this policy: the built-in table with the
    /// policy's additions and replacements.
    #[must_use]
    pub fn benefits(&self) -> Vec<&BenefitCategory> {
        let mut out: Vec<&BenefitCategory> = crate::benefit::builtin()
            .iter()
            .filter(|b| self.benefit_categories.iter().all(|c| c.code != b.code))
            .collect();
        out.extend(self.benefit_categories.iter());
        out
    }

    /// The period parameters with their names and kinds, for validation and listings.
    fn periods(&self) -> Vec<(&'static str, Period, Kind)> {
        let mut list = vec![
            ("choice_window", self.choice_window, Kind::Window),
            ("show_up_window", self.show_up_window, Kind::Window),
            ("revocation_window", self.revocation_window, Kind::Lead),
            ("extension", self.extension, Kind::Lead),
            ("stop_list", self.stop_list, Kind::Lead),
            (
                "interest_confirmation_every",
                self.interest_confirmation_every,
                Kind::Window,
            ),
            (
                "interest_confirmation_early",
                self.interest_confirmation_early,
                Kind::Lead,
            ),
            (
                "out_of_turn_confirmation",
                self.out_of_turn_confirmation,
                Kind::Window,
            ),
            ("min_offer_age", self.min_offer_age, Kind::Age),
            ("max_age", self.max_age, Kind::Age),
        ];
        if let Some(v) = &self.voucher {
            list.extend([
                ("voucher.consent_window", v.consent_window, Kind::Window),
                ("voucher.restore_window", v.restore_window, Kind::Lead),
                ("voucher.contract_window", v.contract_window, Kind::Window),
                (
                    "voucher.min_age_when_all_served",
                    v.min_age_when_all_served,
                    Kind::Age,
                ),
            ]);
        }
        list
    }

    /// Reads one policy from JSON (the shape of a policy in a book) and validates it.
    ///
    /// # Errors
    /// `POLICY_JSON` for unreadable JSON (described without its values), else as
    /// [`Policy::validate`].
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        let policy: Self = serde_json::from_str(json).map_err(|e| PolicyError::json(&e))?;
        policy.validate()?;
        Ok(policy)
    }

    /// Checks every parameter: ages in months or years, windows at least one unit long,
    /// the minimum age below the maximum, interleaving ratios positive, real freeze days.
    ///
    /// ```
    /// use kezek::{LocalizedError, PolicyBook, Period};
    /// let mut policy = PolicyBook::builtin().get("national-2024")?.clone();
    /// policy.max_age = Period::working_days(7);
    /// assert_eq!(policy.validate().unwrap_err().code(), "POLICY_UNIT");
    /// # Ok::<(), kezek::PolicyError>(())
    /// ```
    ///
    /// # Errors
    /// `POLICY_UNIT`, `POLICY_VALUE` or `POLICY_DUPLICATE` (two benefit categories with one
    /// code) for the first offending parameter.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let value = |parameter, reason| self.value(parameter, reason);
        for (parameter, period, kind) in self.periods() {
            match kind {
                Kind::Age if period.in_months().is_none() => {
                    return Err(PolicyError::Unit {
                        policy: self.id.clone(),
                        parameter,
                        unit: period.unit.as_str(),
                    });
                }
                Kind::Window if period.amount == 0 => {
                    return Err(value(
                        parameter,
                        [
                            "кемінде 1 болуы керек",
                            "должен быть не меньше 1",
                            "must be at least 1",
                        ],
                    ))
                }
                Kind::Age | Kind::Window | Kind::Lead => {}
            }
        }
        if self.min_offer_age.in_months() >= self.max_age.in_months() {
            return Err(value(
                "min_offer_age",
                [
                    "шекті жастан (`max_age`) кіші болуы керек",
                    "должен быть меньше предельного возраста (`max_age`)",
                    "must be below max_age",
                ],
            ));
        }
        if self
            .interleave
            .is_some_and(|i| i.first_priority == 0 || i.general == 0)
        {
            return Err(value(
                "interleave",
                [
                    "екі сан да кемінде 1 болуы керек",
                    "оба числа должны быть не меньше 1",
                    "both counts must be at least 1",
                ],
            ));
        }
        if self
            .august_freeze
            .is_some_and(|f| !f.from.is_valid() || !f.to.is_valid())
        {
            return Err(value(
                "august_freeze",
                [
                    "күндер күнтізбеде бар болуы керек",
                    "дни должны существовать в календаре",
                    "days must exist in the calendar",
                ],
            ));
        }
        if self
            .voucher
            .is_some_and(|v| !v.distribution_starts.is_valid())
        {
            return Err(value(
                "voucher.distribution_starts",
                [
                    "күн күнтізбеде бар болуы керек",
                    "день должен существовать в календаре",
                    "day must exist in the calendar",
                ],
            ));
        }
        if self.lapses_before_removal == 0 {
            return Err(value(
                "lapses_before_removal",
                [
                    "кемінде 1 болуы керек",
                    "должен быть не меньше 1",
                    "must be at least 1",
                ],
            ));
        }
        self.validate_ranked_choices()?;
        self.validate_benefits()
    }

    /// Ranked choices: not with vouchers, and 1 to 10 choices.
    fn validate_ranked_choices(&self) -> Result<(), PolicyError> {
        if let Some(r) = &self.ranked_choices {
            if self.voucher.is_some() {
                return Err(self.value(
                    "ranked_choices",
                    ["саясат орындарды не ваучер арқылы, не таңдаулар тізімі бойынша береді, екеуімен бірдей емес", "политика распределяет места либо по ваучерам, либо по ранжированному выбору, но не обоими способами", "a policy gives places by vouchers or by ranked choices, not both"],
                ));
            }
            if !(1..=MAX_RANKED_CHOICES).contains(&r.max_choices) {
                return Err(self.value(
                    "ranked_choices.max_choices",
                    [
                        "1-ден 10-ға дейін болуы керек",
                        "должно быть от 1 до 10",
                        "must be from 1 to 10",
                    ],
                ));
            }
        }
        Ok(())
    }

    /// A parameter out of its domain, with why in kk, ru and en.
    fn value(&self, parameter: &'static str, reason: [&'static str; 3]) -> PolicyError {
        PolicyError::Value {
            policy: self.id.clone(),
            parameter,
            reason,
        }
    }

    /// Benefit categories: unique codes, documents named, validity in days, months or years.
    fn validate_benefits(&self) -> Result<(), PolicyError> {
        let mut seen = std::collections::HashSet::new();
        for c in &self.benefit_categories {
            if !seen.insert(c.code.as_str()) {
                return Err(PolicyError::Duplicate { id: c.code.clone() });
            }
            if c.code.trim().is_empty() || c.documents.iter().any(|d| d.trim().is_empty()) {
                return Err(PolicyError::Value {
                    policy: self.id.clone(),
                    parameter: "benefit_categories",
                    reason: [
                        "кодтар мен құжат түрлері бос болмауы керек",
                        "коды и виды документов не должны быть пустыми",
                        "codes and document kinds must not be empty",
                    ],
                });
            }
            if let Some(p) = c.document_validity {
                if matches!(p.unit, PeriodUnit::Hours | PeriodUnit::WorkingDays) {
                    return Err(PolicyError::Unit {
                        policy: self.id.clone(),
                        parameter: "benefit_categories.document_validity",
                        unit: p.unit.as_str(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Every length-of-time parameter with its name, for reports and listings
    /// (`("choice_window", 3 working_days)`, …).
    ///
    /// ```
    /// use kezek::{PolicyBook, Period};
    /// let policy = PolicyBook::builtin().get("astana-2024")?;
    /// let params = policy.period_parameters();
    /// assert!(params.contains(&("choice_window", Period::calendar_days(1))));
    /// # Ok::<(), kezek::PolicyError>(())
    /// ```
    #[must_use]
    pub fn period_parameters(&self) -> Vec<(&'static str, Period)> {
        self.periods()
            .into_iter()
            .map(|(name, period, _)| (name, period))
            .collect()
    }

    /// Whether publishing places and issuing directions is suspended on `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kezek::PolicyBook;
    /// let policy = PolicyBook::builtin().get("national-2024")?;
    /// assert!(policy.is_frozen(NaiveDate::from_ymd_opt(2025, 8, 20).unwrap()));
    /// # Ok::<(), kezek::PolicyError>(())
    /// ```
    #[must_use]
    pub fn is_frozen(&self, date: NaiveDate) -> bool {
        self.august_freeze.is_some_and(|f| f.contains(date))
    }
}
