//! End to end: both bundled samples through their analysis files to the Report and its text
//! and CSV renderings; the cases that used to pass silently are errors now.
#![cfg(feature = "analysis")]

use std::path::{Path, PathBuf};

use keyaccount::analysis::{run, run_periods, AnalysisConfig, Movement, Report};
use keyaccount::portfolio::{
    calibrate, read_csv, read_csv_path, KeyRange, ScoringConfig, ShareMethod,
};
use keyaccount::render::{self, MAX_WIDTH};
use keyaccount::{
    AnyModel, Error, Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard, Tier,
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

fn sample() -> Report {
    let config = AnalysisConfig::from_path(data("analysis.toml")).unwrap();
    run(data("portfolio.csv"), &config).unwrap()
}

fn crm() -> Report {
    let config = AnalysisConfig::from_path(data("crm_analysis.toml")).unwrap();
    run(data("crm_export.csv"), &config).unwrap()
}

/// The scorecards the portfolio example used to write in Rust.
fn old_example_scoring() -> ScoringConfig {
    let card = |score, factors: &[(&str, f64)]| {
        Scorecard::new(
            score,
            factors
                .iter()
                .map(|(n, w)| Factor::new(*n, *w, RatingScale::default()))
                .collect(),
            MissingRating::Error,
        )
        .unwrap()
    };
    ScoringConfig::new(
        ShareMethod::default(),
        card(
            ScoreField::StrategicFit,
            &[
                ("growth", 0.30),
                ("profitability", 0.25),
                ("technology", 0.15),
                ("reach", 0.10),
                ("alignment", 0.20),
            ],
        ),
        card(
            ScoreField::RelationshipStrength,
            &[
                ("share_of_wallet", 0.25),
                ("years", 0.10),
                ("contacts", 0.25),
                ("contract", 0.15),
                ("trust", 0.25),
            ],
        ),
    )
    .unwrap()
}

#[test]
fn the_bundled_analysis_file_reproduces_the_old_example() {
    let report = sample();
    // The same steps by hand, as examples/portfolio.rs did them.
    let periods = read_csv_path(data("portfolio.csv")).unwrap();
    let (_, latest) = periods.latest().unwrap();
    let scored = latest
        .roll_up()
        .unwrap()
        .score(&old_example_scoring())
        .unwrap();
    let cal = calibrate(
        &scored,
        &AnyModel::from(FourS::default()),
        KeyRange::default(),
    );

    assert_eq!(report.accounts.len(), cal.classification.len());
    assert_eq!(
        report.calibration.as_ref().unwrap().key_count,
        cal.key_count
    );
    assert_eq!(
        report
            .models
            .iter()
            .find(|m| m.kind == report.primary)
            .unwrap()
            .cut_points,
        cal.cut_points
    );
    for row in &report.accounts {
        assert_eq!(
            Some(row.tier),
            cal.classification.tier_of(&row.id),
            "{}",
            row.id
        );
    }
    assert_eq!(report.key_accounts().count(), cal.key_count);
    assert_eq!(report.period.as_deref(), Some("2025"));
    assert_eq!(report.previous_period.as_deref(), Some("2024"));
    assert_eq!(report.input_accounts, latest.len());
}

#[test]
fn without_a_file_the_scorecards_are_the_factor_columns_with_equal_weights() {
    let report = run(data("portfolio.csv"), &AnalysisConfig::default()).unwrap();
    let fit: Vec<&str> = report
        .scorecards
        .strategic_fit
        .iter()
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(
        fit,
        [
            "alignment",
            "growth",
            "profitability",
            "reach",
            "technology"
        ]
    );
    assert!(report
        .scorecards
        .relationship_strength
        .iter()
        .all(|(_, w)| (*w - 0.2).abs() < 1e-12));
    assert_eq!(report.scorecards.relationship_strength.len(), 5);
    // Another export's factors need no Rust either: only its [input] table.
    let crm_input = AnalysisConfig::from_path(data("crm_analysis.toml"))
        .unwrap()
        .input;
    let mut config = AnalysisConfig::default();
    config.input = crm_input;
    let err = run(data("crm_export.csv"), &config).unwrap_err();
    // Its ratings are 1 to 5 and some are missing: the default policy says so, by name.
    assert!(matches!(err, Error::MissingRating { .. }), "{err}");
}

#[test]
fn the_crm_export_runs_through_its_own_analysis_file() {
    let report = crm();
    assert_eq!(report.accounts.len(), 500);
    assert_eq!(report.period.as_deref(), Some("2024"));
    assert_eq!(report.previous_period.as_deref(), Some("2023"));
    let key = report.key_accounts().count();
    assert!((15..=25).contains(&key), "{key}");
    assert!(report.accounts.iter().all(|a| a.movement.is_some()));
    assert!(report
        .accounts
        .iter()
        .any(|a| a.movement == Some(Movement::New)));
    assert!(report.accounts.iter().any(|a| a.members > 1));
    let fit: Vec<&str> = report
        .scorecards
        .strategic_fit
        .iter()
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(fit, ["growth", "margin", "innovation", "access"]);
    // Every row's numbers are finite.
    for a in &report.accounts {
        for x in [
            a.revenue,
            a.share,
            a.revenue_share_score,
            a.strategic_fit,
            a.relationship_strength,
        ] {
            assert!(x.is_finite(), "{}", a.id);
        }
        assert!(a.models.iter().all(|m| m.margin.is_finite()));
    }
}

/// A name as the text report's name column shows it (long names are cut).
fn short(name: &str) -> String {
    if name.chars().count() <= 28 {
        name.to_owned()
    } else {
        name.chars().take(25).collect()
    }
}

#[test]
fn the_text_report_names_names_in_short_lines_with_one_amount_format() {
    for report in [sample(), crm()] {
        let text = render::text(&report);
        for line in text.lines() {
            assert!(
                line.chars().count() <= MAX_WIDTH,
                "{} chars: {line}",
                line.chars().count()
            );
            assert!(!line.trim_end().ends_with(':'), "empty label: {line}");
            assert_eq!(line, line.trim_end());
        }
        for a in report.key_accounts() {
            assert!(text.contains(&short(&a.name)), "{} missing", a.name);
        }
        for a in report.borderline() {
            assert!(text.contains(&short(&a.name)));
        }
        let m = report.migration.as_ref().unwrap();
        for x in m.up.iter().chain(&m.down) {
            assert!(text.contains(&render::amount(x.revenue)));
            assert!(text.contains(&short(&x.name)));
        }
        // 4S classes and tiers are one to one: one table, not two.
        assert!(report.by_class.is_none());
        assert_eq!(text.matches("Tiers (4S)").count(), 1);
        assert!(!text.contains("Classes ("));
        // Amounts one way: no long raw integers.
        assert!(
            !text
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d.len() >= 7),
            "raw amount in text"
        );
        assert!(text.contains(&render::amount(report.total_revenue)));
    }
}

#[test]
fn one_csv_row_per_candidate_with_numbers_as_numbers() {
    for (report, delimiter) in [(sample(), b','), (crm(), b';')] {
        let config = if delimiter == b',' {
            "analysis.toml"
        } else {
            "crm_analysis.toml"
        };
        let output = AnalysisConfig::from_path(data(config)).unwrap().output;
        let mut out = Vec::new();
        render::csv(&report, &mut out, &output).unwrap();
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(out.as_slice());
        let header = rd.headers().unwrap().clone();
        let col = |n: &str| {
            header
                .iter()
                .position(|h| h == n)
                .unwrap_or_else(|| panic!("{n}"))
        };
        let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), report.accounts.len());
        for (row, a) in rows.iter().zip(&report.accounts) {
            assert_eq!(&row[col("id")], a.id);
            let revenue: f64 = row[col("revenue")].replace(',', ".").parse().unwrap();
            assert_eq!(revenue, a.revenue);
            assert_eq!(&row[col("tier")], a.tier.label());
            assert_eq!(
                &row[col("borderline")],
                if a.borderline { "yes" } else { "no" }
            );
            for name in [
                "four_s_tier",
                "webster_class",
                "bensaou_margin",
                "consensus_tier",
                "movement",
            ] {
                assert!(!row[col(name)].is_empty(), "{name} empty for {}", a.id);
            }
        }
    }
}

#[test]
fn same_input_same_report_and_the_report_round_trips_through_serde() {
    let a = crm();
    assert_eq!(a, crm());
    let json = serde_json::to_string(&a).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn a_misspelt_factor_column_is_an_error_even_when_missing_ratings_are_neutral() {
    let dir = std::env::temp_dir().join("keyaccount-analysis-test-misspelt");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("export.csv");
    std::fs::write(
        &path,
        "id,name,revenue,fit:growth,fit:grwoth,strength:trust\nA,Alpha,10,5,6,7\nB,Beta,5,,6,7\n",
    )
    .unwrap();
    let config = AnalysisConfig::from_toml(
        "[scoring.fit]\nmissing = \"neutral\"\nfactors = [{ name = \"growth\" }]\n",
    )
    .unwrap();
    let err = run(&path, &config).unwrap_err().to_string();
    assert!(
        err.contains("\"fit:grwoth\"") && err.contains("no scorecard uses"),
        "{err}"
    );
    // Misspelt where the scorecard expects the factor: the closest column is suggested.
    let typo = dir.join("typo.csv");
    std::fs::write(
        &typo,
        "id,name,revenue,fit:grwoth,strength:trust\nA,Alpha,10,6,7\n",
    )
    .unwrap();
    let err = run(&typo, &config).unwrap_err().to_string();
    assert!(
        err.contains("did you mean column 4 \"fit:grwoth\""),
        "{err}"
    );
    // The same check where the data comes from elsewhere than a CSV path.
    let periods = read_csv(std::fs::read(&path).unwrap().as_slice()).unwrap();
    let err = run_periods("x", &periods, &config).unwrap_err();
    assert!(
        matches!(err, Error::FactorNotInScorecard { ref factor, .. } if factor == "grwoth"),
        "{err}"
    );
    // A scorecard factor that the data lacks is named too.
    let config = AnalysisConfig::from_toml(
        "[scoring.fit]\nmissing = \"neutral\"\nfactors = [{ name = \"growth\" }, { name = \"grwoth\" }, { name = \"reach\" }]\n",
    )
    .unwrap();
    let err = run_periods("x", &periods, &config).unwrap_err();
    assert!(
        matches!(err, Error::FactorNotInData { ref factor, .. } if factor == "reach"),
        "{err}"
    );
}

#[test]
fn unknown_keys_are_named_by_their_path() {
    let cases = [
        ("[scoring.fit]\nfactors = [{ name = \"a\" }, { name = \"b\" }, { name = \"c\", wieght = 1 }]\n", "scoring.fit.factors[2].wieght"),
        ("[scoring]\nfitt = {}\n", "scoring.fitt"),
        ("[models.four_s]\nattractiveness_treshold = 0.5\n", "models.four_s.attractiveness_treshold"),
        ("[input.columns]\nidd = \"x\"\n", "input.columns.idd"),
        ("[ouput]\n", "ouput"),
        ("[scoring.fit]\nscale = { low = 1, hihg = 5 }\n", "scoring.fit.scale.hihg"),
        ("[report]\nabc = { a = 0.8, c = 0.9 }\n", "report.abc"),
    ];
    for (text, key) in cases {
        let err = AnalysisConfig::from_toml(text).unwrap_err();
        assert!(err.to_string().contains(key), "{key}: {err}");
    }
}

#[test]
fn bad_values_name_their_key() {
    let cases = [
        ("[models.four_s]\nattractiveness_threshold = 1.5\n", "models.four_s"),
        ("[scoring.fit]\nfactors = [{ name = \"a\", weight = 0.5 }, { name = \"b\" }]\n", "scoring.fit.factors[1].weight"),
        ("[scoring.fit]\nfactors = [{ name = \"a\", weight = 0.5 }, { name = \"b\", weight = 0.2 }]\n", "scoring.fit"),
        ("[scoring.strength]\nscale = { low = 5, high = 1 }\n", "scoring.strength.scale"),
        ("[scoring.revenue_share]\nmethod = \"pareto\"\nfloor = 0.1\n", "scoring.revenue_share.floor"),
        ("[models]\nkey_accounts = { min = 30, max = 10 }\n", "models.key_accounts"),
        ("[models]\nprimary = \"five_s\"\n", "models.primary"),
        ("[report]\nborderline_margin = 2\n", "report.borderline_margin"),
        ("[output]\nformats = [\"pdf\"]\n", "output.formats"),
        ("[output]\ndecimal_comma = true\n", "output.decimal_comma"),
        ("[scoring.fit]\nfactors = []\n", "scoring.fit.factors"),
        ("scoring = 3\n", "scoring"),
        ("[models\n", "line 1"),
    ];
    for (text, key) in cases {
        let err = AnalysisConfig::from_toml(text).unwrap_err();
        assert!(err.to_string().contains(key), "{key}: {err}");
    }
}

#[test]
fn missing_files_folders_and_unwritable_outputs_fail_naming_the_path() {
    let err = run(data("no_such_export.csv"), &AnalysisConfig::default()).unwrap_err();
    assert!(err.to_string().contains("no_such_export.csv"), "{err}");
    let err = run(data(""), &AnalysisConfig::default()).unwrap_err();
    assert!(err.chain().contains("folder"), "{err}");
    let err = AnalysisConfig::from_path(data("no_such.toml")).unwrap_err();
    assert!(err.to_string().contains("no_such.toml"), "{err}");
    let err = render::prepare_output_dir(&data("portfolio.csv")).unwrap_err();
    assert!(err.to_string().contains("portfolio.csv"), "{err}");
}

#[test]
fn an_export_without_periods_has_no_empty_labels() {
    let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\nC,Gamma,50,2,2\n";
    let report = run_periods(
        "x.csv",
        &read_csv(csv.as_bytes()).unwrap(),
        &AnalysisConfig::default(),
    )
    .unwrap();
    assert_eq!(report.period, None);
    assert!(report.migration.is_none());
    let text = render::text(&report);
    assert!(!text.contains("period"), "{text}");
    assert!(text.contains("No group has more than one site"));
    for line in text.lines() {
        assert!(!line.trim_end().ends_with(':'), "{line}");
    }
    assert!(report.key_accounts().all(|a| a.tier == Tier::Key));
}

mod common;

use proptest::prelude::*;

/// Lines an analysis file is made of, good and bad, to shuffle into hostile files.
const LINES: &[&str] = &[
    "[input]",
    "[input.columns]",
    "[scoring.fit]",
    "[scoring.strength]",
    "[scoring.revenue_share]",
    "[models]",
    "[models.four_s]",
    "[report]",
    "[output]",
    "factors = [{ name = \"growth\" }, { name = \"trust\", weight = 1e308 }]",
    "factors = [{ name = \"growth\", weight = 1.0 }]",
    "factors = []",
    "scale = { low = 1, high = 1 }",
    "scale = { low = -1e308, high = 1e308 }",
    "missing = \"reweight\"",
    "method = \"pareto\"",
    "a = 0.99",
    "b = nan",
    "floor = 0",
    "primary = \"bensaou\"",
    "run = []",
    "calibrate = false",
    "key_accounts = { min = 0, max = 0 }",
    "key_accounts = { min = 1000000, max = 18446744073709551615 }",
    "attractiveness_threshold = 0.999999",
    "borderline_margin = 1",
    "opportunities = 0",
    "top_n = [1, 1000000]",
    "formats = [\"text\", \"csv\", \"xlsx\"]",
    "csv_delimiter = \"\\t\"",
    "decimal_comma = true",
    "delimiter = \",\"",
    "id = \"name\"",
    "x = 1",
    "= =",
    "[[models]]",
];

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn any_analysis_file_gives_a_report_or_a_typed_error(
        picks in proptest::collection::vec(0..LINES.len(), 0..12)
    ) {
        let text: String = picks.iter().map(|i| format!("{}\n", LINES[*i])).collect();
        let csv = "period,id,name,revenue,potential,target,fit:growth,strength:trust\n\
                   1,A,Alpha,900,1000,950,9,8\n1,B,Beta,0,10,,2,3\n\
                   2,A,Alpha,800,1000,,8,8\n2,C,Gamma,5,,,5,5\n";
        if let Ok(config) = AnalysisConfig::from_toml(&text) {
            let periods = read_csv(csv.as_bytes()).unwrap();
            if let Ok(report) = run_periods("p", &periods, &config) {
                let text = render::text(&report);
                prop_assert!(text.lines().all(|l| l.chars().count() <= MAX_WIDTH));
                prop_assert!(!text.contains("NaN"));
                let mut out = Vec::new();
                render::csv(&report, &mut out, &config.output).unwrap();
                prop_assert!(!String::from_utf8(out).unwrap().contains("NaN"));
            }
        }
    }
}
