//! The cells of a city's tables (`city_tables`): a row read column by column as the value
//! each column holds (text, a count, a weight, languages, a group type), every refusal
//! naming the file, the row and the column (`SIMULATION_TABLE`, in kk/ru/en).

use super::city_tables::refused;
use super::SimulationError;
use crate::application::{GroupType, Language};
use crate::lang::LocalizedText;

/// A table's columns by header.
#[derive(Default)]
pub(super) struct Columns {
    pub(super) index: Vec<(String, usize)>,
    pub(super) ages: Vec<(u32, usize)>,
}

impl Columns {
    pub(super) fn get(&self, name: &str) -> Option<usize> {
        self.index.iter().find(|(n, _)| n == name).map(|&(_, i)| i)
    }
}

/// One row's cells, read with the file, row and column in every refusal.
pub(super) struct Row<'a> {
    pub(super) file: &'a str,
    pub(super) number: usize,
    pub(super) cells: &'a [String],
    pub(super) columns: &'a Columns,
}

impl Row<'_> {
    pub(super) fn cell(&self, column: &str) -> Option<&str> {
        self.columns
            .get(column)
            .and_then(|i| self.cells.get(i))
            .map(|c| c.trim())
    }

    pub(super) fn refuse(&self, column: &str, detail: LocalizedText) -> SimulationError {
        refused(self.file, self.number, Some(column), detail)
    }

    pub(super) fn text(&self, column: &str) -> Result<String, SimulationError> {
        match self.cell(column) {
            Some(c) if !c.is_empty() => Ok(c.to_owned()),
            _ => Err(self.refuse(column, LocalizedText::new("бос", "пусто", "empty"))),
        }
    }

    /// A whole number ≥ 0 (`3`, or `3.0` as a spreadsheet writes it); empty is 0.
    pub(super) fn count(&self, column: &str, index: usize) -> Result<u32, SimulationError> {
        let cell = self.cells.get(index).map_or("", |c| c.trim());
        if cell.is_empty() {
            return Ok(0);
        }
        if let Ok(n) = cell.parse::<u32>() {
            return Ok(n);
        }
        match cell.parse::<f64>() {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked
            Ok(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => Ok(x as u32),
            _ => Err(self.refuse(
                column,
                LocalizedText::new(
                    "теріс емес бүтін сан емес",
                    "не целое число ≥ 0",
                    "not a whole number ≥ 0",
                ),
            )),
        }
    }

    /// A finite number ≥ 0; empty is `default`.
    pub(super) fn weight(
        &self,
        column: &str,
        default: Option<f64>,
    ) -> Result<f64, SimulationError> {
        match (self.cell(column), default) {
            (None | Some(""), Some(d)) => Ok(d),
            (None | Some(""), None) => {
                Err(self.refuse(column, LocalizedText::new("бос", "пусто", "empty")))
            }
            (Some(c), _) => c
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or_else(|| {
                    self.refuse(
                        column,
                        LocalizedText::new(
                            "теріс емес сан емес",
                            "не число ≥ 0",
                            "not a finite number ≥ 0",
                        ),
                    )
                }),
        }
    }

    pub(super) fn languages(&self) -> Result<Vec<Language>, SimulationError> {
        let mut out = Vec::new();
        for part in self.text("languages")?.split(['+', ',', ';']) {
            let language =
                match part.trim().to_lowercase().as_str() {
                    "kazakh" | "kk" => Language::Kazakh,
                    "russian" | "ru" => Language::Russian,
                    "other" => Language::Other,
                    _ => return Err(self.refuse(
                        "languages",
                        LocalizedText::new(
                            "`kazakh`, `russian` немесе `other` (`kk`, `ru`), бірнешеуі + арқылы",
                            "`kazakh`, `russian` или `other` (`kk`, `ru`), несколько через +",
                            "kazakh, russian or other (kk, ru), joined by +",
                        ),
                    )),
                };
            if !out.contains(&language) {
                out.push(language);
            }
        }
        Ok(out)
    }

    pub(super) fn group_type(&self) -> Result<GroupType, SimulationError> {
        match self
            .cell("group_type")
            .unwrap_or("")
            .to_lowercase()
            .as_str()
        {
            "" | "general" => Ok(GroupType::General),
            "special" => Ok(GroupType::Special),
            "sanatorium" => Ok(GroupType::Sanatorium),
            _ => Err(self.refuse(
                "group_type",
                LocalizedText::new(
                    "`general`, `special` немесе `sanatorium`",
                    "`general`, `special` или `sanatorium`",
                    "general, special or sanatorium",
                ),
            )),
        }
    }
}
