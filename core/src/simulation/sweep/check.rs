//! What a sweep may be: its sizes bounded, its names distinct, its confidence a level,
//! refused naming the field (`SIMULATION_INPUT`, in kk/ru/en).

use super::{
    invalid, Sweep, MAX_AXIS_VALUES, MAX_SEEDS, MAX_SWEEP_AXES, MAX_SWEEP_RUNS, MAX_VARIANTS,
};
use crate::lang::LocalizedText;
use crate::simulation::SimulationError;

impl Sweep {
    /// Checks the sweep's sizes and names: its variants and seeds, then its grid.
    pub(super) fn check(&self) -> Result<(), SimulationError> {
        let variants = self.variants();
        if variants.len() > MAX_VARIANTS {
            return Err(invalid(
                "variants",
                LocalizedText::new(
                    format!("{MAX_VARIANTS} нұсқадан аспауы керек"),
                    format!("не больше {MAX_VARIANTS} вариантов"),
                    format!("at most {MAX_VARIANTS} variants"),
                ),
            ));
        }
        for (i, v) in variants.iter().enumerate() {
            if v.name.is_empty() || v.name.len() > 200 {
                return Err(invalid(
                    format!("variants[{i}].name"),
                    LocalizedText::new(
                        "атауы 1–200 байт болуы керек",
                        "имя длиной от 1 до 200 байт",
                        "a name of 1 to 200 bytes",
                    ),
                ));
            }
            if variants[..i].iter().any(|w| w.name == v.name) {
                return Err(invalid(
                    format!("variants[{i}].name"),
                    LocalizedText::new(
                        "әр нұсқаның өз атауы болуы керек",
                        "у каждого варианта должно быть своё имя",
                        "each variant needs a name of its own",
                    ),
                ));
            }
        }
        if self.seeds.is_empty() || self.seeds.len() > MAX_SEEDS {
            return Err(invalid(
                "seeds",
                LocalizedText::new(
                    format!("1-ден {MAX_SEEDS}-ге дейін бастапқы сан (seed)"),
                    format!("от 1 до {MAX_SEEDS} зёрен (seed)"),
                    format!("1 to {MAX_SEEDS} seeds"),
                ),
            ));
        }
        for (i, s) in self.seeds.iter().enumerate() {
            if self.seeds[..i].contains(s) {
                return Err(invalid(
                    format!("seeds[{i}]"),
                    LocalizedText::new(
                        "әр бастапқы сан бір рет берілуі керек",
                        "каждое зерно — один раз",
                        "each seed once",
                    ),
                ));
            }
        }
        self.check_grid()
    }

    /// Checks the grid's sizes and names, the confidence level and the number of runs.
    fn check_grid(&self) -> Result<(), SimulationError> {
        if self.grid.len() > MAX_SWEEP_AXES {
            return Err(invalid(
                "grid",
                LocalizedText::new(
                    format!("{MAX_SWEEP_AXES} осьтен аспауы керек"),
                    format!("не больше {MAX_SWEEP_AXES} осей"),
                    format!("at most {MAX_SWEEP_AXES} axes"),
                ),
            ));
        }
        for (i, axis) in self.grid.iter().enumerate() {
            if axis.values.is_empty() || axis.values.len() > MAX_AXIS_VALUES {
                return Err(invalid(
                    format!("grid[{i}].values"),
                    LocalizedText::new(
                        format!("1-ден {MAX_AXIS_VALUES}-ге дейін мән"),
                        format!("от 1 до {MAX_AXIS_VALUES} значений"),
                        format!("1 to {MAX_AXIS_VALUES} values"),
                    ),
                ));
            }
            if self.grid[..i].iter().any(|a| a.parameter == axis.parameter) {
                return Err(invalid(
                    format!("grid[{i}].parameter"),
                    LocalizedText::new(
                        "әр параметр тек бір осьте болуы керек",
                        "каждый параметр — только на одной оси",
                        "each parameter on one axis",
                    ),
                ));
            }
        }
        if !(self.confidence > 0.0 && self.confidence < 1.0) {
            return Err(invalid(
                "confidence",
                LocalizedText::new(
                    "деңгей 0 мен 1 аралығында болуы керек",
                    "уровень между 0 и 1",
                    "a level between 0 and 1",
                ),
            ));
        }
        let runs = self
            .grid
            .iter()
            .try_fold(self.variants().len() * self.seeds.len(), |n, a| {
                n.checked_mul(a.values.len())
            });
        if runs.is_none_or(|n| n > MAX_SWEEP_RUNS) {
            return Err(invalid(
                "grid",
                LocalizedText::new(format!("{MAX_SWEEP_RUNS} іске қосудан аспауы керек (нұсқалар × бастапқы сандар × тор нүктелері)"), format!("не больше {MAX_SWEEP_RUNS} прогонов (варианты × зёрна × точки сетки)"), format!("at most {MAX_SWEEP_RUNS} runs (variants × seeds × grid points)")),
            ));
        }
        Ok(())
    }
}
