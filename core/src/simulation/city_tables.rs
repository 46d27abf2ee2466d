//! A city as two tables, as a city's education office keeps them (CSV files, or the sheets
//! of a workbook read by a host): its kindergartens and its districts. Read into a
//! simulation input's `City`, and written back.
//!
//! - **kindergartens**, one row per kindergarten: `district`, `id`, `languages` (`kazakh`,
//!   `russian`, `other`, or `kk`, `ru`; several joined by `+`, `,` or `;`), `group_type`
//!   (`general`, `special`, `sanatorium`; empty: general), `places_age_1` … `places_age_7`
//!   (places a year for children of that age; any of them, an empty cell is 0) and,
//!   optionally, `appeal` (how sought-after, `RULES.md §5a`; empty: 1).
//! - **districts**, one row per district: `district`, `births` (births a year: the
//!   district's share of the arrivals) and, optionally, `arrivals_per_month` (registrations
//!   a month; their sum becomes the input's `arrivals.per_month`: the model sends the
//!   arrivals to the districts by their births).
//!
//! Rows are numbered as a spreadsheet shows them (the header is row 1); a column is named by
//! its header. Every refusal is `SIMULATION_TABLE` with the file, the row and the column.

use serde::{Deserialize, Serialize};

use super::table_cells::{Columns, Row};
use super::{District, Intake, KindergartenSpec, SimulationError, SimulationInput};
use crate::lang::LocalizedText;

/// The most rows of one table (its header included).
pub const MAX_TABLE_ROWS: usize = 100_000;
/// The most columns of one table.
pub const MAX_TABLE_COLUMNS: usize = 64;
/// The longest cell, in bytes.
pub const MAX_CELL_BYTES: usize = 1_000;

/// One table: its file's name (for errors) and its cells, row by row, the header first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// The file (or `book.xlsx#sheet`) the rows come from.
    pub file: String,
    /// The cells as text, the header row first.
    pub rows: Vec<Vec<String>>,
}

/// A city's two tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityTables {
    /// One row per kindergarten.
    pub kindergartens: Sheet,
    /// One row per district.
    pub districts: Sheet,
}

/// The refusal of a cell (`row` as a spreadsheet numbers it; `column` its header, or none
/// for the whole row).
pub(super) fn refused(
    file: &str,
    row: usize,
    column: Option<&str>,
    detail: LocalizedText,
) -> SimulationError {
    SimulationError::Table {
        file: file.to_owned(),
        row: u64::try_from(row).unwrap_or(u64::MAX),
        column: column.map(str::to_owned),
        detail: Box::new(detail),
    }
}

impl Sheet {
    /// A table from CSV text (comma-separated, RFC 4180 quoting, a UTF-8 byte-order mark
    /// allowed).
    ///
    /// # Errors
    /// `SIMULATION_TABLE` naming the row of a malformed record, a ragged row, or a table
    /// over its bounds.
    pub fn from_csv(file: &str, text: &str) -> Result<Self, SimulationError> {
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = |r: &csv::Error| {
                r.position()
                    .and_then(|p| usize::try_from(p.line()).ok())
                    .unwrap_or(i + 1)
            };
            let record = record.map_err(|e| {
                refused(
                    file,
                    line(&e),
                    None,
                    LocalizedText::new(
                        "CSV мәтіні оқылмады",
                        "не удалось прочитать CSV",
                        e.to_string(),
                    ),
                )
            })?;
            if rows.len() == MAX_TABLE_ROWS {
                return Err(refused(
                    file,
                    i + 1,
                    None,
                    LocalizedText::new(
                        format!("{MAX_TABLE_ROWS} жолдан көп"),
                        format!("больше {MAX_TABLE_ROWS} строк"),
                        format!("more than {MAX_TABLE_ROWS} rows"),
                    ),
                ));
            }
            rows.push(record.iter().map(str::to_owned).collect());
        }
        let sheet = Sheet {
            file: file.to_owned(),
            rows,
        };
        sheet.check_bounds()?;
        Ok(sheet)
    }

    /// The table as CSV text (quoted where a cell needs it).
    #[must_use]
    pub fn to_csv(&self) -> String {
        // Flexible: a blank row may be narrower or wider than the header (`from_csv` keeps
        // it); a strict writer stopped at it, mid-record.
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in &self.rows {
            // Writing to memory cannot fail (and the writer is flexible).
            let _ = writer.write_record(row);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    fn check_bounds(&self) -> Result<(), SimulationError> {
        let file = self.file.as_str();
        if self.rows.len() > MAX_TABLE_ROWS {
            return Err(refused(
                file,
                MAX_TABLE_ROWS + 1,
                None,
                LocalizedText::new(
                    format!("{MAX_TABLE_ROWS} жолдан көп"),
                    format!("больше {MAX_TABLE_ROWS} строк"),
                    format!("more than {MAX_TABLE_ROWS} rows"),
                ),
            ));
        }
        let Some(header) = self.rows.first() else {
            return Err(refused(
                file,
                1,
                None,
                LocalizedText::new("тақырып жолы жоқ", "нет строки заголовков", "no header row"),
            ));
        };
        if header.len() > MAX_TABLE_COLUMNS {
            return Err(refused(
                file,
                1,
                None,
                LocalizedText::new(
                    format!("{MAX_TABLE_COLUMNS} бағаннан көп"),
                    format!("больше {MAX_TABLE_COLUMNS} столбцов"),
                    format!("more than {MAX_TABLE_COLUMNS} columns"),
                ),
            ));
        }
        for (r, row) in self.rows.iter().enumerate() {
            if row.len() != header.len() && !row.iter().all(|c| c.trim().is_empty()) {
                return Err(refused(
                    file,
                    r + 1,
                    None,
                    LocalizedText::new(
                        format!("тақырыпта {} ұяшық, жолда {}", header.len(), row.len()),
                        format!("в строке {} ячеек, в заголовке {}", row.len(), header.len()),
                        format!("{} cells where the header has {}", row.len(), header.len()),
                    ),
                ));
            }
            if let Some(c) = row.iter().position(|c| c.len() > MAX_CELL_BYTES) {
                let column = header.get(c).map(String::as_str);
                return Err(refused(
                    file,
                    r + 1,
                    column,
                    LocalizedText::new(
                        format!("ұяшық {MAX_CELL_BYTES} байттан үлкен"),
                        format!("ячейка больше {MAX_CELL_BYTES} байт"),
                        format!("a cell over {MAX_CELL_BYTES} bytes"),
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The header's columns by name, each checked against `known` (and `places_age_N`
    /// where `ages`); `required` must all be there.
    fn columns(
        &self,
        required: &[&str],
        optional: &[&str],
        ages: bool,
    ) -> Result<Columns, SimulationError> {
        self.check_bounds()?;
        let header = &self.rows[0];
        let mut columns = Columns::default();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            let refuse = |detail: LocalizedText| refused(&self.file, 1, Some(name), detail);
            if columns.index.iter().any(|(n, _)| n == name) {
                return Err(refuse(LocalizedText::new(
                    "баған екі рет берілген",
                    "столбец указан дважды",
                    "a column twice",
                )));
            }
            if let Some(age) = name.strip_prefix("places_age_").filter(|_| ages) {
                match age.parse::<u32>() {
                    Ok(a @ 1..=7) => columns.ages.push((a, i)),
                    _ => {
                        return Err(refuse(LocalizedText::new(
                            "`places_age_N` бағандары 1-ден 7 жасқа дейін",
                            "столбцы `places_age_N` — для возрастов от 1 до 7",
                            "places_age_N is for ages 1 to 7",
                        )))
                    }
                }
            } else if !required.contains(&name) && !optional.contains(&name) {
                let mut known: Vec<&str> = required.iter().chain(optional).copied().collect();
                if ages {
                    known.push("places_age_1 … places_age_7");
                }
                let known = known.join("`, `");
                return Err(refuse(LocalizedText::new(
                    format!("белгісіз баған (белгілілері: `{known}`)"),
                    format!("неизвестный столбец (известные: `{known}`)"),
                    format!("an unknown column (known: {})", known.replace('`', "")),
                )));
            }
            columns.index.push((name.to_owned(), i));
        }
        for name in required {
            if columns.get(name).is_none() {
                return Err(refused(
                    &self.file,
                    1,
                    Some(name),
                    LocalizedText::new(
                        "міндетті баған жоқ",
                        "нет обязательного столбца",
                        "a required column is missing",
                    ),
                ));
            }
        }
        if ages && columns.ages.is_empty() {
            return Err(refused(
                &self.file,
                1,
                Some("places_age_N"),
                LocalizedText::new(
                    "орындар бағаны жоқ",
                    "нет ни одного столбца мест",
                    "no column of places",
                ),
            ));
        }
        Ok(columns)
    }

    /// The data rows (past the header, blank rows skipped), each read through `columns`
    /// with its spreadsheet number.
    fn data<'a>(&'a self, columns: &'a Columns) -> impl Iterator<Item = Row<'a>> {
        self.rows
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, row)| !row.iter().all(|c| c.trim().is_empty()))
            .map(move |(i, cells)| Row {
                file: &self.file,
                number: i + 1,
                cells,
                columns,
            })
    }
}

impl CityTables {
    /// The districts the tables describe (in the order of the districts table, each with its
    /// kindergartens in the order of theirs), and the arrivals a month when the districts
    /// table gives them.
    ///
    /// # Errors
    /// `SIMULATION_TABLE` naming the file, row and column of the first cell that is wrong:
    /// a missing or unknown column, an empty or malformed cell, a district or kindergarten
    /// twice, a kindergarten in a district the districts table does not have.
    pub fn read(&self) -> Result<(Vec<District>, Option<u32>), SimulationError> {
        let (mut districts, per_month) = self.read_districts()?;
        let sheet = &self.kindergartens;
        let columns = sheet.columns(
            &["district", "id", "languages"],
            &["group_type", "appeal"],
            true,
        )?;
        let mut ids: foldhash::HashSet<String> = foldhash::HashSet::default();
        for row in sheet.data(&columns) {
            let name = row.text("district")?;
            let Some(district) = districts.iter_mut().find(|d| d.name == name) else {
                let other = &self.districts.file;
                return Err(row.refuse(
                    "district",
                    LocalizedText::new(
                        format!("`{other}` кестесінде мұндай аудан жоқ"),
                        format!("такого района нет в таблице `{other}`"),
                        format!("not a district of {other}"),
                    ),
                ));
            };
            let id = row.text("id")?;
            if !ids.insert(id.clone()) {
                return Err(row.refuse(
                    "id",
                    LocalizedText::new(
                        "балабақша екі рет берілген",
                        "детский сад указан дважды",
                        "a kindergarten twice",
                    ),
                ));
            }
            let mut intake = Vec::new();
            for &(age, index) in &columns.ages {
                let places = row.count(&format!("places_age_{age}"), index)?;
                if places > 0 {
                    intake.push(Intake { age, places });
                }
            }
            intake.sort_by_key(|i| i.age);
            district.kindergartens.push(KindergartenSpec {
                id,
                languages: row.languages()?,
                group_type: row.group_type()?,
                intake,
                appeal: row.weight("appeal", Some(1.0))?,
            });
        }
        Ok((districts, per_month))
    }

    fn read_districts(&self) -> Result<(Vec<District>, Option<u32>), SimulationError> {
        let sheet = &self.districts;
        let columns = sheet.columns(&["district", "births"], &["arrivals_per_month"], false)?;
        let arrivals = columns.get("arrivals_per_month");
        let mut districts: Vec<District> = Vec::new();
        let mut per_month: u32 = 0;
        for row in sheet.data(&columns) {
            let name = row.text("district")?;
            if districts.iter().any(|d| d.name == name) {
                return Err(row.refuse(
                    "district",
                    LocalizedText::new(
                        "аудан екі рет берілген",
                        "район указан дважды",
                        "a district twice",
                    ),
                ));
            }
            if let Some(i) = arrivals {
                per_month = per_month
                    .checked_add(row.count("arrivals_per_month", i)?)
                    .ok_or_else(|| {
                        row.refuse(
                            "arrivals_per_month",
                            LocalizedText::new(
                                "қосынды тым үлкен",
                                "сумма слишком велика",
                                "the sum is too large",
                            ),
                        )
                    })?;
            }
            districts.push(District {
                name,
                births_weight: row.weight("births", None)?,
                kindergartens: Vec::new(),
            });
        }
        if districts.is_empty() {
            return Err(refused(
                &sheet.file,
                2,
                None,
                LocalizedText::new("бірде-бір аудан жоқ", "нет ни одного района", "no district"),
            ));
        }
        Ok((districts, arrivals.map(|_| per_month)))
    }

    /// `input` with the city's districts and kindergartens from the tables (and its
    /// arrivals a month, when the districts table gives them), checked as a whole.
    ///
    /// # Errors
    /// As [`CityTables::read`]; then as [`SimulationInput::validate`].
    pub fn apply_to(&self, input: &SimulationInput) -> Result<SimulationInput, SimulationError> {
        let (districts, per_month) = self.read()?;
        let mut out = input.clone();
        out.city.districts = districts;
        if let Some(n) = per_month {
            out.arrivals.per_month = n;
        }
        out.validate()?;
        Ok(out)
    }

    /// The tables of `input`'s city (named `kindergartens.csv` and `districts.csv`): what
    /// [`CityTables::apply_to`] reads back into the same city. The arrivals a month stay
    /// in the input (the model splits them by births).
    #[must_use]
    pub fn of(input: &SimulationInput) -> Self {
        let districts = &input.city.districts;
        let kgs = || {
            districts
                .iter()
                .flat_map(|d| d.kindergartens.iter().map(move |k| (d, k)))
        };
        let mut ages: Vec<u32> = kgs()
            .flat_map(|(_, k)| k.intake.iter().map(|i| i.age))
            .collect();
        ages.sort_unstable();
        ages.dedup();
        #[allow(clippy::float_cmp)] // 1.0 is exact
        let appeal = kgs().any(|(_, k)| k.appeal != 1.0);
        let mut header: Vec<String> = ["district", "id", "languages", "group_type"]
            .map(String::from)
            .into();
        header.extend(ages.iter().map(|a| format!("places_age_{a}")));
        if appeal {
            header.push("appeal".into());
        }
        let mut rows = vec![header];
        for (d, k) in kgs() {
            let languages: Vec<&str> = k.languages.iter().map(|l| l.as_str()).collect();
            let mut row = vec![
                d.name.clone(),
                k.id.clone(),
                languages.join("+"),
                k.group_type.as_str().to_owned(),
            ];
            row.extend(ages.iter().map(|a| {
                let places: u32 = k
                    .intake
                    .iter()
                    .filter(|i| i.age == *a)
                    .map(|i| i.places)
                    .sum();
                places.to_string()
            }));
            if appeal {
                row.push(k.appeal.to_string());
            }
            rows.push(row);
        }
        let mut district_rows = vec![vec!["district".to_owned(), "births".to_owned()]];
        district_rows.extend(
            districts
                .iter()
                .map(|d| vec![d.name.clone(), d.births_weight.to_string()]),
        );
        CityTables {
            kindergartens: Sheet {
                file: "kindergartens.csv".into(),
                rows,
            },
            districts: Sheet {
                file: "districts.csv".into(),
                rows: district_rows,
            },
        }
    }
}
