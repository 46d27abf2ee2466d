//! A city as tables (`kezek::simulation::CityTables`): the default city written as CSV reads
//! back into the same input; a spreadsheet's numbers (`3.0`) and blank rows read; every
//! refusal names the file, the row and the column; and the shared cases
//! (`tests/conformance/city_tables.json`).

use kezek::simulation::{default_city_input, CityTables, Sheet};
use kezek::LocalizedError;
use serde_json::{json, Value};

fn tables(kindergartens: &str, districts: &str) -> CityTables {
    CityTables {
        kindergartens: Sheet::from_csv("kg.csv", kindergartens).expect("CSV"),
        districts: Sheet::from_csv("districts.csv", districts).expect("CSV"),
    }
}

#[test]
fn the_default_city_written_as_csv_reads_back_the_same() {
    let input = default_city_input(2025, 1, 7).expect("the default city");
    let written = CityTables::of(&input);
    let text = (written.kindergartens.to_csv(), written.districts.to_csv());
    let read = tables(&text.0, &text.1);
    assert_eq!(read.kindergartens.rows, written.kindergartens.rows);
    let back = read.apply_to(&input).expect("reads");
    assert_eq!(back, input);
    let kindergartens: usize = input
        .city
        .districts
        .iter()
        .map(|d| d.kindergartens.len())
        .sum();
    assert_eq!(written.kindergartens.rows.len(), kindergartens + 1);
}

#[test]
fn a_spreadsheets_cells_read_as_a_person_wrote_them() {
    let t = tables(
        "\u{feff}district,id,languages,group_type,places_age_3,places_age_2,appeal\n\
         Almaly, kg-1 ,kk+ru,,25.0,,\n\
         ,,,,,,\n\
         Almaly,kg-2,\"Russian, other\",Special,0,10,2.5\n",
        "district,births,arrivals_per_month\nAlmaly,1200.5,300\nBostandyk,800,200\n",
    );
    let (districts, per_month) = t.read().expect("reads");
    assert_eq!(per_month, Some(500));
    assert_eq!(districts.len(), 2);
    let v = serde_json::to_value(&districts[0]).expect("serialises");
    assert_eq!(
        v,
        json!({"name": "Almaly", "births_weight": 1200.5, "kindergartens": [
            {"id": "kg-1", "languages": ["kazakh", "russian"], "group_type": "general",
             "intake": [{"age": 3, "places": 25}]},
            {"id": "kg-2", "languages": ["russian", "other"], "group_type": "special",
             "intake": [{"age": 2, "places": 10}], "appeal": 2.5}]})
    );
    assert!(districts[1].kindergartens.is_empty());
}

/// The refusal of the tables: its code and where.
fn where_refused(kindergartens: &str, districts: &str) -> (String, Value) {
    let e = Sheet::from_csv("kg.csv", kindergartens)
        .and_then(|k| {
            Ok(CityTables {
                kindergartens: k,
                districts: Sheet::from_csv("districts.csv", districts)?,
            })
        })
        .and_then(|t| t.read())
        .expect_err("refused");
    let report = serde_json::to_value(&e).expect("a report");
    let d = &report["details"];
    (
        e.code().to_string(),
        json!([d["file"], d["row"], d["column"]]),
    )
}

#[test]
fn every_refusal_names_the_file_row_and_column() {
    let districts = "district,births\nAlmaly,100\n";
    let head = "district,id,languages,places_age_3\n";
    for (kindergartens, at) in [
        (
            "district,id,languages\n",
            json!(["kg.csv", 1, "places_age_N"]),
        ),
        (
            "district,id,places_age_3\n",
            json!(["kg.csv", 1, "languages"]),
        ),
        (
            "district,id,languages,places,places_age_3\n",
            json!(["kg.csv", 1, "places"]),
        ),
        (
            "district,id,languages,places_age_9\n",
            json!(["kg.csv", 1, "places_age_9"]),
        ),
        (
            "district,id,id,languages,places_age_3\n",
            json!(["kg.csv", 1, "id"]),
        ),
        (
            &format!("{head}Almaly,kg-1,kk,-3\n") as &str,
            json!(["kg.csv", 2, "places_age_3"]),
        ),
        (
            &format!("{head}Almaly,kg-1,kk,2.5\n"),
            json!(["kg.csv", 2, "places_age_3"]),
        ),
        (
            &format!("{head}Almaly,kg-1,kk,x\n"),
            json!(["kg.csv", 2, "places_age_3"]),
        ),
        (
            &format!("{head}Almaly,kg-1,kk,5\nAlmaly,kg-1,ru,5\n"),
            json!(["kg.csv", 3, "id"]),
        ),
        (
            &format!("{head}Medeu,kg-1,kk,5\n"),
            json!(["kg.csv", 2, "district"]),
        ),
        (
            &format!("{head}Almaly,kg-1,german,5\n"),
            json!(["kg.csv", 2, "languages"]),
        ),
        (&format!("{head}Almaly,,kk,5\n"), json!(["kg.csv", 2, "id"])),
        (
            &format!("{head}Almaly,kg-1,kk\n"),
            json!(["kg.csv", 2, null]),
        ),
    ] {
        assert_eq!(
            where_refused(kindergartens, districts),
            ("SIMULATION_TABLE".to_owned(), at),
            "{kindergartens}"
        );
    }
    let kg = "district,id,languages,places_age_3\nAlmaly,kg-1,kk,5\n";
    for (districts, at) in [
        ("district\n", json!(["districts.csv", 1, "births"])),
        ("district,births\n", json!(["districts.csv", 2, null])),
        (
            "district,births\nAlmaly,-1\n",
            json!(["districts.csv", 2, "births"]),
        ),
        (
            "district,births\nAlmaly,NaN\n",
            json!(["districts.csv", 2, "births"]),
        ),
        (
            "district,births\nAlmaly,1\nAlmaly,2\n",
            json!(["districts.csv", 3, "district"]),
        ),
        (
            "district,births,arrivals_per_month\nAlmaly,1,4294967295\nB,1,1\n",
            json!(["districts.csv", 3, "arrivals_per_month"]),
        ),
    ] {
        assert_eq!(
            where_refused(kg, districts),
            ("SIMULATION_TABLE".to_owned(), at),
            "{districts}"
        );
    }
    // A malformed CSV record is refused with its line; the message names the place in
    // every language, with no value of the table.
    let e = Sheet::from_csv("kg.csv", "a,b\n\"x,y\n").err();
    assert!(e.is_none_or(|e| e.code() == "SIMULATION_TABLE"));
    let e = tables(kg, "district,births\nAlmaly,секрет\n")
        .read()
        .expect_err("refused");
    for lang in [kezek::Lang::Kk, kezek::Lang::Ru, kezek::Lang::En] {
        let m = e.message(lang);
        assert!(
            m.contains("districts.csv") && m.contains("births") && m.contains('2'),
            "{m}"
        );
        assert!(!m.contains("секрет"), "{m}");
    }
}

#[test]
fn tables_and_cells_are_bounded() {
    let long = "x".repeat(kezek::simulation::MAX_CELL_BYTES + 1);
    let e = Sheet::from_csv("kg.csv", &format!("district,id\n{long},a\n")).expect_err("refused");
    assert_eq!(e.code(), "SIMULATION_TABLE");
    let wide: Vec<String> = (0..=kezek::simulation::MAX_TABLE_COLUMNS)
        .map(|i| format!("c{i}"))
        .collect();
    assert!(Sheet::from_csv("kg.csv", &wide.join(",")).is_err());
    let tall = "a\n".repeat(kezek::simulation::MAX_TABLE_ROWS + 1);
    assert!(Sheet::from_csv("kg.csv", &tall).is_err());
}

/// The shared conformance file: every host reads the same tables into the same districts,
/// and refuses the same cells.
#[test]
fn conformance_cases() {
    let failed = kezek_conformance::run_cases("city_tables.json", |case| {
        assert_eq!(case.op, "read_city_csv", "unknown op");
        let sheet = |name: &str| {
            let t = &case.args[name];
            Sheet::from_csv(
                t["file"].as_str().unwrap_or(""),
                t["text"].as_str().unwrap_or(""),
            )
        };
        let read = sheet("kindergartens")
            .and_then(|k| {
                Ok(CityTables {
                    kindergartens: k,
                    districts: sheet("districts")?,
                })
            })
            .and_then(|t| t.read());
        match read {
            Ok((districts, per_month)) => {
                Ok(json!({"districts": districts, "per_month": per_month}))
            }
            Err(e) => {
                let report = serde_json::to_value(&e).map_err(|e| e.to_string())?;
                let at = case.extra.get("at").cloned().unwrap_or(Value::Null);
                let got = json!([
                    report["details"]["file"],
                    report["details"]["row"],
                    report["details"]["column"]
                ]);
                assert_eq!(got, at, "{}", case.name);
                Err(e.code().to_string())
            }
        }
    });
    assert_eq!(failed, 0);
}

/// The built-in Astana (`RULES.md §11`): its published sizes, its sources, and an input
/// the simulator accepts.
#[test]
fn astana_holds_the_published_figures() {
    let input = kezek::simulation::astana_input(2022, 1, 7).expect("Astana");
    input.validate().expect("a valid input");
    assert_eq!(input.city.region, "astana");
    assert!(
        input.policy.id.starts_with("astana-"),
        "{}",
        input.policy.id
    );
    let kgs: Vec<_> = input
        .city
        .districts
        .iter()
        .flat_map(|d| &d.kindergartens)
        .collect();
    assert_eq!(kgs.len(), 546);
    let places = |age: u32| -> u32 {
        kgs.iter()
            .flat_map(|k| &k.intake)
            .filter(|i| i.age == age)
            .map(|i| i.places)
            .sum()
    };
    assert_eq!(
        [places(2), places(3), places(4), places(5)],
        [6_074, 9_372, 5_616, 3_235]
    );
    assert_eq!(
        input.arrivals.per_month,
        kezek::simulation::ASTANA_PER_MONTH
    );
    assert!(input.city.sources.iter().any(|s| s.contains("fitted")));
    // Its tables read back into the same city.
    let tables = CityTables::of(&input);
    assert_eq!(tables.apply_to(&input).expect("reads"), input);
}
