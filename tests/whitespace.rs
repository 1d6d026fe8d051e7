//! Whitespace and migration reasons on the bundled sample (data/portfolio.csv with
//! data/products.csv), and properties of product roll-up and whitespace.

#![cfg(feature = "csv")]

mod common;

use std::collections::HashMap;

use keyaccount::explain::{migration_reason, MoveCause};
use keyaccount::portfolio::{
    calibrate, read_csv_path, read_products_path, Classification, KeyRange, Migration, ProductData,
    ProductRecord, ScoringConfig, ShareMethod, Whitespace, WhitespaceOptions,
};
use keyaccount::{
    Factor, FourS, MillmanWilson, MissingRating, RatingScale, ScoreField, Scorecard, Tier,
};
use proptest::prelude::*;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/");

fn config() -> ScoringConfig {
    let card = |field, names: [&str; 5]| {
        Scorecard::new(
            field,
            names
                .iter()
                .map(|n| Factor::new(*n, 0.2, RatingScale::default()))
                .collect(),
            MissingRating::Error,
        )
        .unwrap()
    };
    ScoringConfig::new(
        ShareMethod::default(),
        card(
            ScoreField::StrategicFit,
            [
                "growth",
                "profitability",
                "technology",
                "reach",
                "alignment",
            ],
        ),
        card(
            ScoreField::RelationshipStrength,
            ["share_of_wallet", "years", "contacts", "contract", "trust"],
        ),
    )
    .unwrap()
}

#[test]
fn sample_whitespace_adds_up_to_the_accounts() {
    let periods = read_csv_path(format!("{DATA}portfolio.csv")).unwrap();
    let (_, current) = periods.latest().unwrap();
    let rolled = current.roll_up().unwrap();
    let scored = rolled.score(&config()).unwrap();
    let tiers = calibrate(&scored, &FourS::default().into(), KeyRange::default()).classification;

    let products = read_products_path(format!("{DATA}products.csv")).unwrap();
    assert!((3..=6).contains(&products.products().len()));
    // Every account of the latest period has product data.
    let ids: std::collections::HashSet<&str> =
        products.records().iter().map(|r| r.id.as_str()).collect();
    for a in current.accounts() {
        assert!(ids.contains(&*a.id), "{} has no product rows", a.id);
    }
    let groups = products.roll_up(&rolled).unwrap();
    let w = Whitespace::new(&groups, &tiers, &WhitespaceOptions::default()).unwrap();

    // Every group has a grid; its lines add up to the group's revenue and potential (the
    // sample's amounts are whole units, so exactly).
    assert_eq!(w.accounts.len(), tiers.accounts().len());
    assert!(w.without_products.is_empty());
    for a in &w.accounts {
        let g = tiers.get(&a.id).unwrap();
        assert_eq!(a.revenue, g.account.revenue, "{}", a.id);
        assert_eq!(Some(a.potential), g.account.potential, "{}", a.id);
        assert_eq!(a.tier, g.assessment.tier);
        let cells: f64 = a.cells.iter().flatten().map(|c| c.whitespace).sum();
        assert_eq!(cells, a.whitespace);
    }
    // Totals per product are the column sums of the grid.
    for (p, t) in w.totals.iter().enumerate() {
        let col: f64 = w
            .accounts
            .iter()
            .filter_map(|a| a.cells[p])
            .map(|c| c.potential)
            .sum();
        assert_eq!(t.potential, col);
        assert!(t.whitespace >= 0.0);
    }
    // Opportunities: Key first, then Development, each ranked by whitespace.
    assert!(w.opportunities.iter().any(|o| o.tier == Tier::Key));
    assert!(w.opportunities.iter().any(|o| o.tier == Tier::Development));
    assert!(w
        .opportunities
        .iter()
        .all(|o| matches!(o.tier, Tier::Key | Tier::Development) && o.whitespace > 0.0));
    for pair in w.opportunities.windows(2) {
        if pair[0].tier == pair[1].tier {
            assert!(pair[0].whitespace >= pair[1].whitespace);
            assert_eq!(pair[0].rank + 1, pair[1].rank);
        } else {
            assert_eq!((pair[0].tier, pair[1].tier), (Tier::Key, Tier::Development));
            assert_eq!(pair[1].rank, 1);
        }
    }
}

fn model_of(c: &Classification) -> keyaccount::AnyModel {
    c.model().clone()
}

/// Each mover of the sample, between the two periods each calibrated on its own portfolio,
/// gets a reason whose parts add up to its move; the case (revenue up, tier down)
/// is explained.
#[test]
fn sample_movers_have_reasons() {
    let periods = read_csv_path(format!("{DATA}portfolio.csv")).unwrap();
    let calibrated = |p: &keyaccount::portfolio::Portfolio| {
        let scored = p.roll_up().unwrap().score(&config()).unwrap();
        calibrate(&scored, &FourS::default().into(), KeyRange::default()).classification
    };
    let now = calibrated(periods.latest().unwrap().1);
    let then = calibrated(periods.previous().unwrap().1);
    let (before, after) = (model_of(&then), model_of(&now));
    let m = Migration::new(&then, &now, &MillmanWilson::default()).unwrap();
    assert!(!m.down.is_empty() && !m.up.is_empty());
    let mut revenue_up_tier_down = 0;
    for mv in m.up.iter().chain(&m.down) {
        let (p, c) = (then.get(&mv.id).unwrap(), now.get(&mv.id).unwrap());
        let why = migration_reason(&before, &p.account.scores, &after, &c.account.scores)
            .unwrap()
            .unwrap_or_else(|| panic!("{} moved without a reason", mv.id));
        assert_eq!((why.previous_tier, why.tier), (mv.from, mv.to));
        assert_eq!(why.steps, why.by_scores + why.by_thresholds);
        assert!(why.deciding_axis.is_some(), "{}", mv.id);
        if mv.revenue > mv.previous_revenue && mv.to < mv.from {
            revenue_up_tier_down += 1;
            // Not its revenue: either the thresholds moved, or another score fell.
            assert!(
                why.cause != MoveCause::OwnScores
                    || why.largest_effect != Some(ScoreField::RevenueShare),
                "{why}"
            );
        }
        assert!(!why.to_string().is_empty());
    }
    assert!(revenue_up_tier_down > 0, "the sample has the issue's case");
    // Accounts that stayed have no reason.
    let stayed: HashMap<&str, Tier> =
        m.up.iter()
            .chain(&m.down)
            .map(|mv| (&*mv.id, mv.to))
            .collect();
    for c in now.accounts() {
        let Some(p) = then.get(&c.account.id) else {
            continue;
        };
        if stayed.contains_key(&*c.account.id) || p.assessment.class != c.assessment.class {
            continue;
        }
        assert!(
            migration_reason(&before, &p.account.scores, &after, &c.account.scores)
                .unwrap()
                .is_none()
        );
    }
}

fn records() -> impl Strategy<Value = Vec<ProductRecord>> {
    let ids = ["A", "A-1", "A-2", "B", "B-1", "C"];
    let lines = ["x", "y", "z"];
    prop::collection::btree_map(
        (0..ids.len(), 0..lines.len()),
        (0.0..1e6f64, 0.0..1e6f64),
        0..18,
    )
    .prop_map(move |m| {
        m.into_iter()
            .map(|((i, p), (r, w))| ProductRecord::new(ids[i], lines[p], r, r + w))
            .collect()
    })
}

fn group(id: &str) -> Option<&'static str> {
    Some(match id.split('-').next()? {
        "A" => "A",
        "B" => "B",
        "C" => "C",
        _ => return None,
    })
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn roll_up_keeps_every_amount(records in records()) {
        let data = ProductData::new(records).unwrap();
        let groups = data.roll_up_with(group).unwrap();
        for p in data.products() {
            let sum = |d: &ProductData, f: fn(&ProductRecord) -> f64| -> f64 {
                d.records().iter().filter(|r| &r.product == p).map(f).sum()
            };
            let (a, b) = (sum(&data, |r| r.potential), sum(&groups, |r| r.potential));
            prop_assert!((a - b).abs() <= 1e-9 * a.max(1.0));
            let (a, b) = (sum(&data, |r| r.revenue), sum(&groups, |r| r.revenue));
            prop_assert!((a - b).abs() <= 1e-9 * a.max(1.0));
        }
        prop_assert!(groups.records().iter().all(|r| r.potential >= r.revenue));
        prop_assert!(groups.records().iter().all(|r| group(&r.id) == Some(r.id.as_str())));
        // Rolling up again changes nothing.
        prop_assert_eq!(groups.roll_up_with(group).unwrap(), groups.clone());
    }
}
