//! Coverage levels from the data's geography hierarchy and the account-manager plan, through
//! the CSV reader, the roll-up and the analysis report.
#![cfg(feature = "analysis")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use keyaccount::analysis::{run, run_periods, AnalysisConfig, OutputOptions};
use keyaccount::portfolio::{
    read_csv, read_csv_path, read_csv_with, CoverageLevel, HierarchyColumn, InputOptions,
};
use keyaccount::{render, Error, Tier};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

fn levels_of_groups(rolled: &keyaccount::portfolio::RolledUp) -> BTreeMap<String, CoverageLevel> {
    rolled
        .groups()
        .iter()
        .map(|g| (g.id.as_str().to_owned(), g.coverage))
        .collect()
}

// The sample's districts and territories make every level occur among its groups with several
// sites (hand-checked against the file: see scripts/add_geography.py).
#[test]
fn every_level_occurs_in_the_sample() {
    let periods = read_csv_path(data("portfolio.csv")).unwrap();
    let (_, current) = periods.latest().unwrap();
    let rolled = current.roll_up().unwrap();
    let mut count: BTreeMap<CoverageLevel, usize> = BTreeMap::new();
    for g in rolled.groups().iter().filter(|g| g.size > 1) {
        *count.entry(g.coverage).or_default() += 1;
    }
    let expected = BTreeMap::from([
        (CoverageLevel::Global, 20),
        (CoverageLevel::National, 13),
        (CoverageLevel::Divisional, 6),
        (CoverageLevel::District, 1),
        (CoverageLevel::Territory, 2),
    ]);
    assert_eq!(count, expected);
    let level = levels_of_groups(&rolled);
    // G034: two sites in one district of Greater Poland, in two territories.
    assert_eq!(level["G034"], CoverageLevel::District);
    // G006: three sites of South Holland in its two districts.
    assert_eq!(level["G006"], CoverageLevel::Divisional);
    // G002: two sites in one territory of North Brabant.
    assert_eq!(level["G002"], CoverageLevel::Territory);
    // G005: three regions of Germany; G001: six countries.
    assert_eq!(level["G005"], CoverageLevel::National);
    assert_eq!(level["G001"], CoverageLevel::Global);
    assert_eq!(
        current.hierarchy().columns(),
        HierarchyColumn::ALL,
        "region as division, district, territory"
    );
}

// Read without its new columns, the sample is today's country/region data and every group gets
// today's three-level answer: several countries global, several regions of one country
// national, else territory.
#[test]
fn country_region_data_keeps_todays_answers() {
    let options = InputOptions {
        ignore: vec!["district".into(), "territory".into()],
        ..InputOptions::default()
    };
    let text = std::fs::read(data("portfolio.csv")).unwrap();
    let periods = read_csv_with(text.as_slice(), &options).unwrap();
    for label in periods.labels() {
        let rolled = periods.get(label).unwrap().roll_up().unwrap();
        let mut seen = BTreeMap::new();
        for (g, group) in rolled.groups().iter().enumerate() {
            let today = if rolled.countries(g).len() >= 2 {
                CoverageLevel::Global
            } else if rolled.regions(g).len() >= 2 {
                CoverageLevel::National
            } else {
                CoverageLevel::Territory
            };
            assert_eq!(group.coverage, today, "group {}", group.id);
            *seen.entry(today).or_insert(0) += 1;
        }
        assert_eq!(seen.len(), 3, "{seen:?}");
    }
}

const HIERARCHY: &str = "\
id,name,parent,country,division,district,territory,revenue
G,Global group,,DE,South,Munich,Schwabing,100
G-FR,Global France,G,FR,Est,Strasbourg,Centre,60
N,National group,,DE,South,Munich,Schwabing,50
N-2,National north,N,DE,North,Hamburg,Altona,50
V,Divisional group,,DE,South,Munich,Schwabing,40
V-2,Divisional Augsburg,V,DE,South,Augsburg,Centre,40
D,District group,,DE,South,Munich,Schwabing,30
D-2,District Pasing,D,DE,South,Munich,Pasing,30
T,Territory group,,DE,South,Munich,Schwabing,20
T-2,Territory again,T,DE,South,Munich,Schwabing,20
S,Single,,DE,North,Hamburg,Altona,10
";

#[test]
fn the_five_levels_from_a_csv() {
    let periods = read_csv(HIERARCHY.as_bytes()).unwrap();
    let (_, p) = periods.latest().unwrap();
    let level = levels_of_groups(&p.roll_up().unwrap());
    assert_eq!(level["G"], CoverageLevel::Global);
    assert_eq!(level["N"], CoverageLevel::National);
    assert_eq!(level["V"], CoverageLevel::Divisional);
    assert_eq!(level["D"], CoverageLevel::District);
    assert_eq!(level["T"], CoverageLevel::Territory);
    assert_eq!(level["S"], CoverageLevel::Territory);
    // The group record keeps the head's place.
    let rolled = p.roll_up().unwrap();
    let v = rolled.portfolio().get("V").unwrap();
    assert_eq!(v.district.as_deref(), Some("Munich"));
}

#[test]
fn a_district_under_two_divisions_names_both_accounts() {
    let csv = "\
id,name,parent,country,division,district,revenue,fit:growth,strength:trust
G,Group,,DE,South,Munich,10,5,5
G-2,Group two,G,DE,North,Munich,5,5,5
";
    let periods = read_csv(csv.as_bytes()).unwrap();
    let err = periods.latest().unwrap().1.roll_up().unwrap_err();
    let Error::HierarchyContradiction(c) = &err else {
        panic!("wrong error {err:?}");
    };
    assert_eq!((c.group.as_str(), c.account.as_str()), ("G", "G-2"));
    assert_eq!(
        (c.parent.as_str(), c.other_parent.as_str()),
        ("North", "South")
    );
    assert_eq!(
        err.to_string(),
        r#"group "G": account "G-2" puts district "Munich" under division "North", but account "G" puts it under "South""#
    );
    // The analysis stops with the same error.
    let err = run_periods("x", &periods, &AnalysisConfig::default()).unwrap_err();
    assert!(matches!(err, Error::HierarchyContradiction(_)), "{err:?}");
}

// The analysis file names the hierarchy's columns; a column left out is a level skipped.
#[test]
fn the_analysis_file_names_the_hierarchy_columns() {
    let csv = "\
id,name,parent,Land,Sales division,Bezirk,revenue
V,Group,,DE,South,Munich,40
V-2,Group Augsburg,V,DE,South,Augsburg,40
";
    let config = AnalysisConfig::from_toml(
        r#"
        [input.columns]
        country = "Land"
        division = "Sales division"
        district = "Bezirk"
        "#,
    )
    .unwrap();
    let periods = read_csv_with(csv.as_bytes(), &config.input).unwrap();
    let level = levels_of_groups(&periods.latest().unwrap().1.roll_up().unwrap());
    assert_eq!(level["V"], CoverageLevel::Divisional);

    // Without the district column the two sites are one division: territory.
    let config = AnalysisConfig::from_toml(
        r#"
        [input]
        ignore = ["Bezirk"]
        [input.columns]
        country = "Land"
        division = "Sales division"
        "#,
    )
    .unwrap();
    let periods = read_csv_with(csv.as_bytes(), &config.input).unwrap();
    let level = levels_of_groups(&periods.latest().unwrap().1.roll_up().unwrap());
    assert_eq!(level["V"], CoverageLevel::Territory);
}

// The plan in the report counts the report's own accounts, by primary tier and level, and
// shows in the text and the CSV.
#[test]
fn the_plan_is_part_of_the_report() {
    let config = AnalysisConfig::from_path(data("analysis.toml")).unwrap();
    let report = run(data("portfolio.csv"), &config).unwrap();
    let plan = &report.plan;
    assert_eq!(plan.total.accounts, report.accounts.len());
    let mut cells: BTreeMap<(Tier, CoverageLevel), usize> = BTreeMap::new();
    for a in &report.accounts {
        *cells.entry((a.tier, a.coverage)).or_default() += 1;
    }
    for c in &plan.cells {
        let n = cells.get(&(c.tier, c.level)).copied().unwrap_or(0);
        assert_eq!(c.accounts, n, "{:?} {:?}", c.tier, c.level);
        assert_eq!(c.managers, (n as u64).div_ceil(c.capacity));
    }
    let key_global = report
        .accounts
        .iter()
        .filter(|a| a.tier == Tier::Key && a.coverage == CoverageLevel::Global)
        .count();
    assert_eq!(plan.matrix_accounts.len(), key_global);
    assert!(!plan.matrix.is_empty());
    let national = plan.level(CoverageLevel::National);
    assert_eq!(
        national.matrix_managers,
        plan.matrix.iter().map(|c| c.managers).sum::<u64>()
    );
    // Same groups in both periods: no level moves.
    assert_eq!(report.previous_period.as_deref(), Some("2024"));
    assert!(report.level_moves.is_empty());

    let text = render::text(&report);
    assert!(
        text.contains("Account managers by coverage level"),
        "{text}"
    );
    assert!(text.contains("Coverage level moves since 2024 (0)"));
    assert!(text.lines().all(|l| l.chars().count() <= render::MAX_WIDTH));

    let mut out = Vec::new();
    render::csv(&report, &mut out, &OutputOptions::default()).unwrap();
    let csv = String::from_utf8(out).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "coverage_level")
        .unwrap();
    let levels: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_owned())
        .collect();
    let expected: Vec<String> = report
        .accounts
        .iter()
        .map(|a| a.coverage.to_string())
        .collect();
    assert_eq!(levels, expected);
    for name in ["divisional", "district"] {
        assert!(levels.iter().any(|l| l == name), "{name}");
    }
}

// A group that opens a site abroad moves from national to global.
#[test]
fn a_national_account_that_gains_a_location_abroad_moves_up() {
    let csv = "\
period,id,name,parent,country,region,revenue,fit:growth,strength:trust
2024,A,Alpha,,DE,Bavaria,100,8,8
2024,A-2,Alpha Saxony,A,DE,Saxony,50,8,8
2024,B,Beta,,FR,Alsace,30,3,3
2025,A,Alpha,,DE,Bavaria,100,8,8
2025,A-2,Alpha Saxony,A,DE,Saxony,50,8,8
2025,A-3,Alpha Poland,A,PL,Silesia,40,8,8
2025,B,Beta,,FR,Alsace,30,3,3
";
    let periods = read_csv(csv.as_bytes()).unwrap();
    let config = AnalysisConfig::from_toml("[models]\ncalibrate = false").unwrap();
    let report = run_periods("moves", &periods, &config).unwrap();
    assert_eq!(report.level_moves.len(), 1);
    let m = &report.level_moves[0];
    assert_eq!(m.id, "A");
    assert_eq!(
        (m.from, m.to),
        (CoverageLevel::National, CoverageLevel::Global)
    );
    assert!(m.is_up());
    assert!(render::text(&report).contains("national   -> global"));
}

#[test]
fn bad_plan_settings_name_the_setting() {
    let err = AnalysisConfig::from_toml("[plan.capacity]\nterritory = { transactional = -5 }")
        .unwrap_err();
    assert_eq!(
        err,
        Error::InvalidCapacity {
            tier: Tier::Transactional,
            level: CoverageLevel::Territory,
            value: -5
        }
    );
    let err = AnalysisConfig::from_toml("[plan.capacity]\nglobl = { key = 1 }").unwrap_err();
    assert!(
        matches!(&err, Error::UnknownCoverageLevel { setting, name, suggestion: Some(CoverageLevel::Global) }
            if setting == "plan.capacity" && name == "globl"),
        "{err:?}"
    );
    let err = AnalysisConfig::from_toml("[plan]\nmatrix_share = 1.5").unwrap_err();
    assert!(matches!(err, Error::InvalidMatrixShare { value } if value == 1.5));
    let err = AnalysisConfig::from_toml("[plan.capacity]\nglobal = { kye = 1 }").unwrap_err();
    assert!(err.to_string().contains("plan.capacity.global"), "{err}");
    let err = AnalysisConfig::from_toml("[plan]\nstructure = \"web\"").unwrap_err();
    assert!(err.to_string().contains("plan.structure"), "{err}");
}
