//! The explanations, movers' reasons and whitespace where people look: the Report, the text
//! report and the per-account CSV, end to end on the bundled sample with data/products.csv.

#![cfg(feature = "analysis")]

use std::path::Path;

use keyaccount::analysis::{
    run, run_periods, run_with_products, AnalysisConfig, OutputOptions, Report,
};
use keyaccount::explain::MoveCause;
use keyaccount::portfolio::read_csv;
use keyaccount::Tier;

fn data() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn sample(products: bool) -> Report {
    let dir = data();
    let config = AnalysisConfig::from_path(dir.join("analysis.toml")).unwrap();
    let p = dir.join("products.csv");
    run_with_products(
        dir.join("portfolio.csv"),
        products.then_some(p.as_path()),
        &config,
    )
    .unwrap()
}

#[test]
fn every_account_says_why_and_what_would_move_it() {
    let r = sample(true);
    for a in &r.accounts {
        let class = r.primary_result(a).unwrap().class.to_string();
        assert!(
            a.explanation.starts_with(&format!("{class}: ")),
            "{}",
            a.explanation
        );
        // Key accounts cannot rise, Transactional ones cannot fall.
        if a.tier == Tier::Key {
            assert!(a.next_tier_move.is_none());
            assert!(
                a.at_risk_by.is_some(),
                "{} Key without an at-risk fall",
                a.id
            );
        }
        if a.tier == Tier::Transactional {
            assert!(a.at_risk_by.is_none());
        }
        if let Some(m) = a.next_tier_move {
            assert!(m.tier > a.tier && m.change > 0.0);
        }
        if let Some(m) = a.at_risk_by {
            assert!(m.tier < a.tier && m.change < 0.0);
        }
    }
    // Every borderline account has a move up or a fall within reach.
    for a in r.borderline() {
        assert!(
            a.next_tier_move.is_some() || a.at_risk_by.is_some(),
            "{}",
            a.id
        );
    }
    assert!(r.accounts.iter().any(|a| a.weight_sensitive));
    assert!(r.accounts.iter().any(|a| !a.weight_sensitive));
}

#[test]
fn every_mover_has_a_reason_that_adds_up() {
    let r = sample(false);
    let m = r.migration.as_ref().unwrap();
    assert!(!m.up.is_empty() && !m.down.is_empty());
    for x in m.up.iter().chain(&m.down) {
        let why = x
            .reason
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no reason", x.id));
        assert_eq!((why.previous_tier, why.tier), (x.from, x.to), "{}", x.id);
        assert_eq!(why.steps, why.by_scores + why.by_thresholds);
        assert!(why.deciding_axis.is_some());
    }
}

#[test]
fn the_text_report_shows_why_and_whitespace_within_100_columns() {
    let with = keyaccount::render::text(&sample(true));
    for line in with.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} chars: {line}",
            line.chars().count()
        );
    }
    assert!(with.contains("Whitespace by product line"));
    assert!(with.contains("Largest whitespace in Key accounts"));
    assert!(with.contains("Whitespace grid of the Key and Development accounts"));
    assert!(!with.contains("Development opportunities by headroom"));
    // Under each Key account: why, and how close it is to falling.
    let key = with.split("\nKey accounts (").nth(1).unwrap();
    let key = key.split("\n\n").next().unwrap();
    let rows = key.lines().filter(|l| l.contains("Strategic  ")).count();
    assert_eq!(key.matches("why: Strategic:").count(), rows);
    assert!(key.matches("at risk: ").count() >= rows);
    // Movers carry their reason.
    let down = with.split("\nMoved down since").nth(1).unwrap();
    assert!(down.contains("why: down "), "{down}");

    // Without product data, the account-level opportunities stay.
    let without = keyaccount::render::text(&sample(false));
    assert!(without.contains("Development opportunities by headroom"));
    assert!(!without.contains("Whitespace"));
}

#[test]
fn the_csv_has_named_columns_for_why_and_whitespace() {
    let r = sample(true);
    let mut out = Vec::new();
    keyaccount::render::csv(&r, &mut out, &OutputOptions::default()).unwrap();
    let mut rd = csv::Reader::from_reader(out.as_slice());
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), r.accounts.len());
    let movers: std::collections::HashSet<&str> = r
        .migration
        .iter()
        .flat_map(|m| m.up.iter().chain(&m.down))
        .map(|m| m.id.as_str())
        .collect();
    let w = r.whitespace.as_ref().unwrap();
    let mut total = 0.0;
    for (row, a) in rows.iter().zip(&r.accounts) {
        assert_eq!(&row[col("id")], a.id);
        assert_eq!(&row[col("explanation")], a.explanation);
        assert_eq!(
            &row[col("next_tier_move")],
            a.next_tier_move.map_or_else(String::new, |m| m.to_string())
        );
        assert_eq!(
            &row[col("at_risk_by")],
            a.at_risk_by.map_or_else(String::new, |m| m.to_string())
        );
        assert_eq!(
            &row[col("weight_sensitive")],
            if a.weight_sensitive { "yes" } else { "no" }
        );
        assert_eq!(
            !row[col("move_reason")].is_empty(),
            movers.contains(a.id.as_str())
        );
        total += row[col("whitespace")].parse::<f64>().unwrap();
        let cells: f64 = w
            .products
            .iter()
            .filter_map(|p| row[col(&format!("whitespace:{p}"))].parse::<f64>().ok())
            .sum();
        assert_eq!(cells, row[col("whitespace")].parse::<f64>().unwrap());
    }
    let lines: f64 = w.totals.iter().map(|t| t.whitespace).sum();
    assert!((total - lines).abs() < 1e-6 * lines);
}

/// Two periods whose calibration moves the thresholds: an account whose revenue rose falls a
/// tier, and its reason names the moved thresholds, not its own scores.
#[test]
fn revenue_up_tier_down_because_the_thresholds_rose() {
    // One Key account wanted. In 2024, A is Key alone; in 2025, B and C rise past A on the
    // relationship, so the calibrated thresholds rise and A, whose own scores held, falls.
    let csv = "period,id,name,revenue,fit:growth,strength:trust\n\
               2024,A,Alpha,500,9,7\n2024,B,Beta,300,5,5\n2024,C,Gamma,200,4,4\n\
               2024,D,Delta,100,2,2\n\
               2025,A,Alpha,520,9,7\n2025,B,Beta,300,9,9\n2025,C,Gamma,200,9,10\n\
               2025,D,Delta,100,2,2\n";
    let config = AnalysisConfig::from_toml(
        "[models]\nrun = [\"four_s\"]\ncalibrate = true\nkey_accounts = { min = 1, max = 1 }\n\
         [scoring.revenue_share]\nmethod = \"linear\"\nreference = 1.0\n",
    )
    .unwrap();
    let r = run_periods("t", &read_csv(csv.as_bytes()).unwrap(), &config).unwrap();
    let m = r.migration.as_ref().unwrap();
    let a = m.down.iter().find(|x| x.id == "A").expect("A moved down");
    assert!(a.revenue > a.previous_revenue);
    let why = a.reason.as_ref().unwrap();
    assert!(why.by_thresholds < 0, "{why}");
    assert_ne!(why.cause, MoveCause::OwnScores, "{why}");
    assert!(why.to_string().contains("threshold"), "{why}");
}

#[test]
fn unknown_product_accounts_and_bad_files_are_errors() {
    let dir = data();
    let config = AnalysisConfig::from_path(dir.join("analysis.toml")).unwrap();
    let missing = dir.join("no-such-products.csv");
    let err = run_with_products(dir.join("portfolio.csv"), Some(&missing), &config).unwrap_err();
    assert!(matches!(err, keyaccount::Error::CsvOpen { .. }), "{err}");
    // The plain run still works without products.
    assert!(run(dir.join("portfolio.csv"), &config)
        .unwrap()
        .whitespace
        .is_none());
}
