//! A result table as typed columns: what a host hands to its array libraries (NumPy,
//! Arrow, pandas, polars) without one object per cell. The core says once which column is
//! a count, a date, a name or may be missing; the hosts only move the buffers.

use std::hash::Hash;

use foldhash::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{ChildTable, DayTable};

/// A column's values, one per row.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Whole numbers (ids, counts, years).
    Int(Vec<i64>),
    /// Days since 1970-01-01 (Arrow's `date32`).
    Date(Vec<i32>),
    /// Yes or no.
    Bool(Vec<bool>),
    /// Names drawn from a few: each row's index into `names` (sorted).
    Category {
        /// Each row's name, as its index.
        codes: Vec<u32>,
        /// The distinct names, sorted.
        names: Vec<String>,
    },
}

/// A named column; `valid` marks the rows that have a value (none: every row has one).
/// A missing row holds 0 (or code 0) in `values`.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The column's name (as in the table's JSON shape).
    pub name: &'static str,
    /// Its values.
    pub values: Values,
    /// Which rows have a value, when some do not.
    pub valid: Option<Vec<bool>>,
}

fn ints<T: Copy + Into<i64>>(name: &'static str, xs: &[T]) -> Column {
    Column {
        name,
        values: Values::Int(xs.iter().map(|&x| x.into()).collect()),
        valid: None,
    }
}

fn ids(name: &'static str, xs: &[u64]) -> Column {
    Column {
        name,
        values: Values::Int(
            xs.iter()
                .map(|&x| i64::try_from(x).unwrap_or(i64::MAX))
                .collect(),
        ),
        valid: None,
    }
}

fn optional_ints<T: Copy + Into<i64>>(name: &'static str, xs: &[Option<T>]) -> Column {
    Column {
        name,
        values: Values::Int(xs.iter().map(|x| x.map_or(0, Into::into)).collect()),
        valid: Some(xs.iter().map(Option::is_some).collect()),
    }
}

fn day(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((d - epoch).num_days()).unwrap_or(0)
}

fn dates(name: &'static str, xs: &[NaiveDate]) -> Column {
    Column {
        name,
        values: Values::Date(xs.iter().map(|&d| day(d)).collect()),
        valid: None,
    }
}

fn optional_dates(name: &'static str, xs: &[Option<NaiveDate>]) -> Column {
    Column {
        name,
        values: Values::Date(xs.iter().map(|d| d.map_or(0, day)).collect()),
        valid: Some(xs.iter().map(Option::is_some).collect()),
    }
}

/// A value's name as its JSON shape writes it (an enum's snake-case name, a string).
fn label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Names as codes into the sorted distinct names; `None` rows are missing.
fn category<T: Serialize + Eq + Hash>(name: &'static str, xs: &[Option<T>]) -> Column {
    let mut labels: HashMap<&T, String> = HashMap::default();
    for x in xs.iter().flatten() {
        if !labels.contains_key(x) {
            labels.insert(x, label(x));
        }
    }
    let mut names: Vec<String> = labels.values().cloned().collect();
    names.sort();
    names.dedup();
    let codes: HashMap<&T, u32> = labels
        .iter()
        .map(|(x, l)| {
            (
                *x,
                u32::try_from(names.binary_search(l).unwrap_or(0)).unwrap_or(0),
            )
        })
        .collect();
    let valid = xs
        .iter()
        .any(Option::is_none)
        .then(|| xs.iter().map(Option::is_some).collect());
    Column {
        name,
        values: Values::Category {
            codes: xs
                .iter()
                .map(|x| x.as_ref().map_or(0, |x| codes[x]))
                .collect(),
            names,
        },
        valid,
    }
}

fn names<T: Serialize + Eq + Hash>(name: &'static str, xs: &[T]) -> Column {
    let some: Vec<Option<&T>> = xs.iter().map(Some).collect();
    category(name, &some)
}

impl ChildTable {
    /// The table as typed columns, in the order of its JSON shape: names as categories,
    /// dates as days, a missing placement or wait as a missing value.
    #[must_use]
    pub fn typed_columns(&self) -> Vec<Column> {
        vec![
            ids("id", &self.id),
            Column {
                name: "warm_up",
                values: Values::Bool(self.warm_up.clone()),
                valid: None,
            },
            names("district", &self.district),
            ints("cohort", &self.cohort),
            names("class", &self.class),
            names("group_type", &self.group_type),
            names("language", &self.language),
            ints(
                "age_months_at_registration",
                &self.age_months_at_registration,
            ),
            dates("registered", &self.registered),
            optional_dates("placed", &self.placed),
            optional_dates("left", &self.left),
            optional_ints("wait_days", &self.wait_days),
            optional_ints("age_months_at_placement", &self.age_months_at_placement),
            names("outcome", &self.outcome),
            category("removal", &self.removal),
            ints("notices", &self.notices),
            ints("lapses", &self.lapses),
            optional_ints("choice", &self.choice),
        ]
    }
}

impl DayTable {
    /// The table as typed columns, in the order of its JSON shape.
    #[must_use]
    pub fn typed_columns(&self) -> Vec<Column> {
        let mut out = vec![dates("date", &self.date)];
        for (name, column) in self.counts() {
            out.push(ints(name, column));
        }
        out
    }
}
