//! Properties of the portfolio layer.

mod common;

use keyaccount::portfolio::{
    calibrate, AbcCuts, AccountRecord, Comparison, KeyRange, Portfolio, ScoringConfig, ShareMethod,
};
use keyaccount::{
    AnyModel, Classifier, Factor, MissingRating, RatingScale, ScoreField, Scorecard, Tier,
};
use proptest::prelude::*;

fn config(share: ShareMethod) -> ScoringConfig {
    let unit = RatingScale::new(0.0, 1.0).unwrap();
    let card = |field, name: &str| {
        Scorecard::new(
            field,
            vec![Factor::new(name, 1.0, unit)],
            MissingRating::Error,
        )
        .unwrap()
    };
    ScoringConfig::new(
        share,
        card(ScoreField::StrategicFit, "fit"),
        card(ScoreField::RelationshipStrength, "strength"),
    )
    .unwrap()
}

fn methods() -> impl Strategy<Value = ShareMethod> {
    prop_oneof![
        Just(ShareMethod::default()),
        Just(ShareMethod::PercentileRank),
        Just(ShareMethod::Pareto(AbcCuts::default())),
    ]
}

/// Accounts with revenues (some tied, some zero, at least one positive) and ratings.
fn accounts() -> impl Strategy<Value = Vec<AccountRecord>> {
    prop::collection::vec(
        (
            prop_oneof![Just(0.0), Just(100.0), 0.0..1e6f64],
            0.0..=1.0f64,
            0.0..=1.0f64,
        ),
        1..40,
    )
    .prop_map(|v| {
        let mut records: Vec<AccountRecord> = v
            .into_iter()
            .enumerate()
            .map(|(i, (r, f, s))| {
                AccountRecord::new(format!("A{i:03}"), "account", r)
                    .with_fit_rating("fit", f)
                    .with_strength_rating("strength", s)
            })
            .collect();
        if records.iter().all(|r| r.revenue == 0.0) {
            records[0].revenue = 1.0;
        }
        records
    })
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn shares_sum_to_one_and_scores_are_valid(records in accounts(), method in methods()) {
        let p = Portfolio::new(records).unwrap();
        let shares = method.shares(&p).unwrap();
        let sum: f64 = shares.iter().map(|s| s.share).sum();
        prop_assert!((sum - 1.0).abs() < 1e-9, "sum {sum}");
        for s in &shares {
            prop_assert!((0.0..=1.0).contains(&s.score));
        }
        // A larger revenue never scores lower.
        for w in shares.windows(2) {
            prop_assert!(w[0].revenue >= w[1].revenue);
            prop_assert!(w[0].score >= w[1].score);
        }
    }

    #[test]
    fn roll_up_preserves_total_revenue(
        records in accounts(),
        parents in prop::collection::vec(any::<prop::sample::Index>(), 40),
    ) {
        // Each account may point to an earlier one, so there is no cycle.
        let mut records = records;
        for i in 1..records.len() {
            if parents[i].index(3) == 0 {
                let p = parents[i].index(i);
                records[i].parent = Some(records[p].id.clone());
            }
        }
        let p = Portfolio::new(records).unwrap();
        let rolled = p.roll_up().unwrap();
        let before = p.total_revenue();
        let after = rolled.portfolio().total_revenue();
        prop_assert!((before - after).abs() <= 1e-9 * before.max(1.0));
        let members: usize = rolled.groups().iter().map(|g| g.size).sum();
        prop_assert_eq!(members, p.len());
        let listed: usize = (0..rolled.groups().len()).map(|g| rolled.members(g).len()).sum();
        prop_assert_eq!(listed, p.len());
    }

    #[test]
    fn kappa_of_a_model_with_itself_is_one(records in accounts(), method in methods(), k in 0usize..4) {
        let scored = Portfolio::new(records).unwrap().score(&config(method)).unwrap();
        let model = AnyModel::all()[k].clone();
        let c = scored.classify(model);
        let cmp = Comparison::new(&c, &c).unwrap();
        prop_assert_eq!(cmp.kappa, 1.0);
        prop_assert_eq!(cmp.agreement, 1.0);
    }

    #[test]
    fn calibration_lands_in_range_whenever_possible(
        records in accounts(),
        k in 0usize..4,
        min in 0usize..10,
        width in 0usize..5,
    ) {
        let scored = Portfolio::new(records).unwrap().score(&config(ShareMethod::PercentileRank)).unwrap();
        let model = AnyModel::all()[k].clone();
        let range = KeyRange::new(min, min + width).unwrap();
        let cal = calibrate(&scored, &model, range);
        prop_assert_eq!(cal.classification.count(Tier::Key), cal.key_count);
        prop_assert_eq!(cal.within_range, range.contains(cal.key_count));
        // Independent check: a dense sweep of exponents.
        let possible = (0..=400).any(|i| {
            let g = 10f64.powf(-3.0 + 6.0 * f64::from(i) / 400.0);
            swept_count(&scored, &model, g).is_some_and(|n| range.contains(n))
        });
        if possible {
            prop_assert!(cal.within_range, "sweep found the range, calibration did not");
        }
    }
}

fn swept_count(
    scored: &keyaccount::portfolio::ScoredPortfolio,
    model: &AnyModel,
    g: f64,
) -> Option<usize> {
    let m = match model {
        AnyModel::FourS(m) => {
            let mut p = m.params().clone();
            p.attractiveness_threshold = p.attractiveness_threshold.powf(g);
            p.strength_threshold = p.strength_threshold.powf(g);
            AnyModel::FourS(p.build().ok()?)
        }
        AnyModel::Bensaou(m) => {
            let mut p = m.params().clone();
            p.buyer_threshold = p.buyer_threshold.powf(g);
            p.supplier_threshold = p.supplier_threshold.powf(g);
            AnyModel::Bensaou(p.build().ok()?)
        }
        AnyModel::Webster(m) => {
            let mut p = m.params().clone();
            p.thresholds = p.thresholds.map(|t| t.powf(g));
            AnyModel::Webster(p.build().ok()?)
        }
        AnyModel::MillmanWilson(m) => {
            let mut p = m.params().clone();
            p.thresholds = p.thresholds.map(|t| t.powf(g));
            AnyModel::MillmanWilson(p.build().ok()?)
        }
    };
    Some(
        scored
            .accounts()
            .iter()
            .filter(|a| m.tier(&a.scores) == Tier::Key)
            .count(),
    )
}
