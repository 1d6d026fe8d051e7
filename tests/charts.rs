//! Charts: each SVG parses, names every Key account, and no two account labels overlap, on the
//! sample portfolio and on synthetic portfolios of 20 and 2,000 accounts.
#![cfg(feature = "charts")]

use std::collections::BTreeSet;

use keyaccount::charts::{Bubble, MatrixChart};
use keyaccount::{Bensaou, FourS, MillmanWilson, Tier};

/// A text element of an SVG: its content and its estimated box.
#[derive(Debug, Clone)]
struct TextBox {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// Every `<text>` of an SVG with a box estimated from its font size (0.55 em a character),
/// anchor and baseline offset as plotters writes them.
fn texts(svg: &str) -> Vec<TextBox> {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let num = |a: &str| {
                n.attribute(a)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            // plotters writes the text on a line of its own.
            let text: String = n.text().unwrap_or("").trim().to_owned();
            let size = num("font-size");
            let w = text.chars().count() as f64 * 0.55 * size;
            let (x, y) = (num("x"), num("y"));
            let x0 = match n.attribute("text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            // dy 0.76em: y is the top of the text.
            TextBox {
                text,
                x0,
                y0: y,
                x1: x0 + w,
                y1: y + size,
            }
        })
        .collect()
}

fn overlap(a: &TextBox, b: &TextBox) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

/// Checks that every Key account is named once and that no two account labels overlap.
fn check_labels(svg: &str, bubbles: &[Bubble]) {
    let all = texts(svg);
    let names: BTreeSet<&str> = bubbles.iter().map(|b| b.name.as_str()).collect();
    let labels: Vec<&TextBox> = all
        .iter()
        .filter(|t| names.contains(t.text.as_str()))
        .collect();
    for b in bubbles.iter().filter(|b| b.tier == Tier::Key) {
        assert!(
            labels.iter().any(|t| t.text == b.name),
            "Key account {} has no label",
            b.name
        );
    }
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!overlap(a, b), "labels overlap: {a:?} and {b:?}");
        }
    }
}

/// A deterministic pseudo-random stream (no dependency, same numbers every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A synthetic portfolio: revenues Pareto-like, positions spread, Key in the top-left 4S cell.
fn synthetic(n: usize, seed: u64) -> Vec<Bubble> {
    let mut r = Lcg(seed);
    (0..n)
        .map(|i| {
            let x = r.next();
            let y = r.next();
            let revenue = 1e7 / (1.0 + i as f64).powf(1.1);
            let tier = match (x >= 0.5, y >= 0.5) {
                (true, true) => Tier::Key,
                (false, true) => Tier::Development,
                (true, false) => Tier::Maintenance,
                (false, false) => Tier::Transactional,
            };
            // Keep the number of Key accounts in the practice range.
            let tier = if tier == Tier::Key && i >= 30 {
                Tier::Development
            } else {
                tier
            };
            let b = Bubble::new(
                format!("S{i:04}"),
                format!("Synthetic account {i}"),
                x,
                y,
                revenue,
                tier,
            );
            if (x - 0.5).abs() < 0.03 || (y - 0.5).abs() < 0.03 {
                b.borderline()
            } else {
                b
            }
        })
        .collect()
}

fn out_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn matrices_of_20_and_2000_accounts_name_every_key_account_without_overlap() {
    for n in [20, 2000] {
        let bubbles = synthetic(n, 7);
        assert!(bubbles.iter().any(|b| b.tier == Tier::Key));
        for (name, chart) in [
            ("four_s", MatrixChart::four_s(&FourS::default())),
            ("bensaou", MatrixChart::bensaou(&Bensaou::default())),
            (
                "millman_wilson",
                MatrixChart::millman_wilson(&MillmanWilson::default()),
            ),
        ] {
            let svg = chart
                .context(format!("Synthetic portfolio of {n}"))
                .svg(&bubbles)
                .unwrap();
            check_labels(&svg, &bubbles);
            std::fs::write(out_dir().join(format!("{name}_{n}.svg")), &svg).unwrap();
        }
    }
}

#[test]
fn the_same_input_gives_the_same_svg() {
    let bubbles = synthetic(200, 3);
    let chart = MatrixChart::four_s(&FourS::default());
    assert_eq!(chart.svg(&bubbles).unwrap(), chart.svg(&bubbles).unwrap());
}

#[test]
fn names_with_markup_are_escaped() {
    let bubbles = [Bubble::new(
        "X",
        "Smith & <Sons> \"Ltd\"",
        0.9,
        0.9,
        1.0,
        Tier::Key,
    )];
    let svg = MatrixChart::four_s(&FourS::default())
        .svg(&bubbles)
        .unwrap();
    let t = texts(&svg);
    assert!(t.iter().any(|t| t.text == "Smith & <Sons> \"Ltd\""));
}

/// The bundled sample, through the analysis and its report.
#[cfg(feature = "analysis")]
mod sample {
    use super::*;
    use keyaccount::analysis::{run, AnalysisConfig, Report};
    use keyaccount::charts;
    use keyaccount::ModelKind;

    /// The bundled sample through the bundled analysis file.
    fn sample() -> Report {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let config = AnalysisConfig::from_path(dir.join("analysis.toml")).unwrap();
        run(dir.join("portfolio.csv"), &config).unwrap()
    }

    #[test]
    fn sample_matrices_name_every_key_account_without_overlap() {
        let report = sample();
        let mut drawn = 0;
        for kind in ModelKind::ALL {
            let Some((chart, bubbles)) = charts::matrix_of(&report, kind).unwrap() else {
                continue;
            };
            assert_eq!(bubbles.len(), report.accounts.len());
            let svg = chart.svg(&bubbles).unwrap();
            check_labels(&svg, &bubbles);
            drawn += 1;
        }
        assert_eq!(drawn, 3, "4S, Bensaou and Millman and Wilson");
        // The report's model: its Key accounts are the report's Key accounts.
        let (_, bubbles) = charts::matrix_of(&report, report.primary).unwrap().unwrap();
        let keys: BTreeSet<&str> = report.key_accounts().map(|a| a.name.as_str()).collect();
        let drawn_keys: BTreeSet<&str> = bubbles
            .iter()
            .filter(|b| b.tier == Tier::Key)
            .map(|b| b.name.as_str())
            .collect();
        assert_eq!(keys, drawn_keys);
        assert!(keys.len() >= 15);
    }

    #[test]
    fn sample_charts_are_well_formed_and_say_what_they_show() {
        let report = sample();
        let pareto = charts::pareto_of(&report).svg().unwrap();
        let bars = charts::tier_bars_of(&report).svg().unwrap();
        let migration = charts::migration_of(&report)
            .expect("the sample has two periods")
            .svg()
            .unwrap();
        let agreement = charts::agreement_of(&report).svg().unwrap();
        for svg in [&pareto, &bars, &migration, &agreement] {
            assert!(!texts(svg).is_empty());
        }
        let has = |svg: &str, s: &str| texts(svg).iter().any(|t| t.text.contains(s));
        assert!(has(&pareto, &format!("{:.3}", report.concentration.hhi)));
        assert!(has(&bars, "Transactional"));
        assert!(has(&migration, "2024") && has(&migration, "New"));
        assert!(has(&agreement, "substantial") || has(&agreement, "moderate"));
    }

    #[test]
    fn pairwise_kappa_matches_the_reports_comparisons() {
        let report = sample();
        let chart = charts::agreement_of(&report);
        let p = report
            .models
            .iter()
            .position(|m| m.kind == report.primary)
            .unwrap();
        for a in &report.agreement {
            let i = report
                .models
                .iter()
                .position(|m| m.kind == a.model)
                .unwrap();
            assert!((chart.kappa[p][i] - a.kappa).abs() < 1e-12, "{}", a.model);
            assert!((chart.kappa[i][p] - a.kappa).abs() < 1e-12);
            assert!((chart.agreement.as_ref().unwrap()[p][i] - a.agreement).abs() < 1e-12);
        }
    }

    #[test]
    fn migration_counts_match_the_report_and_revenue_adds_up() {
        let report = sample();
        let chart = charts::migration_of(&report).unwrap();
        let m = report.migration.as_ref().unwrap();
        for i in 0..4 {
            for j in 0..4 {
                assert_eq!(chart.flows[i][j].accounts, m.transitions[i][j]);
            }
        }
        let total: f64 = chart
            .flows
            .iter()
            .flatten()
            .chain(&chart.entered)
            .map(|f| f.revenue)
            .sum();
        assert!((total - report.total_revenue).abs() < 1e-6 * report.total_revenue);
        assert_eq!(
            chart.entered.iter().map(|f| f.accounts).sum::<usize>(),
            m.entered.len()
        );
    }

    #[test]
    fn the_html_report_is_self_contained_and_names_every_key_account() {
        let report = sample();
        let page = keyaccount::render::html(&report).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        // The SVG namespace is a name, not a load.
        let lower = page
            .to_lowercase()
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for banned in [
            "<script", "<link", "@import", "url(", "src=", "http://", "https://",
        ] {
            assert!(
                !lower.contains(banned),
                "the page loads something: {banned}"
            );
        }
        assert!(lower.contains("@page { size: a4"));
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        for a in report.key_accounts() {
            assert!(page.contains(&escape(&a.name)), "{}", a.name);
        }
        for a in report.borderline() {
            assert!(page.contains(&escape(&a.name)), "{}", a.name);
        }
        // One inline SVG per chart: three matrices, bars, migration, concentration, agreement.
        assert_eq!(page.matches("<svg").count(), 7);
        // The same report gives the same page.
        assert_eq!(page, keyaccount::render::html(&report).unwrap());
    }

    #[test]
    fn the_html_report_explains_key_and_borderline_accounts_and_shows_the_plan() {
        let report = sample();
        let page = keyaccount::render::html(&report).unwrap();
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        for a in report.key_accounts().chain(report.borderline()) {
            assert!(
                page.contains(&esc(&a.explanation)),
                "{}: no explanation",
                a.name
            );
            if let Some(m) = &a.next_tier_move {
                assert!(page.contains(&esc(&m.to_string())), "{}: no move", a.name);
            }
        }
        let m = report.migration.as_ref().unwrap();
        for row in m.up.iter().chain(&m.down) {
            let reason = row.reason.as_ref().unwrap();
            assert!(
                page.contains(&esc(&reason.to_string())),
                "{}: no reason",
                row.name
            );
        }
        assert!(page.contains("Account managers by coverage level"));
        let total = format!("<td class=\"num\">{}</td>", report.plan.total.managers);
        assert!(page.contains(&total), "no plan total");
    }
}
