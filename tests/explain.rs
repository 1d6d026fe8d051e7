//! Explanations, moves and sensitivity against values worked by hand.

use approx::assert_relative_eq;
use keyaccount::explain::{
    defaults, explain, factor_moves, moves, sensitivity, stability, Goal, Provenance, RatingReach,
    Reach, ScoreBreakdown, Source, WeightShift,
};
use keyaccount::{
    AnyModel, Axis, Class, Classifier, Error, Factor, FourS, FourSClass, MillmanWilson,
    MillmanWilsonParams, MissingRating, RatingScale, ScoreField, Scorecard, Scores, Tier, TierMap,
    Webster, WebsterClass, WebsterParams,
};

fn scores(r: f64, f: f64, s: f64) -> Scores {
    Scores::new(r, f, s).expect("valid scores")
}

fn reached(reach: Reach) -> (f64, Tier) {
    match reach {
        Reach::Reached { to, tier, .. } => (to, tier),
        Reach::NotReachable => panic!("not reachable"),
    }
}

#[test]
fn four_s_explanation_by_hand() {
    let why = explain(&FourS::default(), &scores(0.6, 0.7, 0.45), &[]).unwrap();
    assert_eq!(why.class, Class::FourS(FourSClass::Star));
    assert_eq!(why.tier, Tier::Development);
    assert_eq!(why.axes.len(), 2);
    let att = &why.axes[0];
    assert_eq!(att.axis, Axis::Attractiveness);
    let parts: Vec<f64> = att.contributions.iter().map(|c| c.contribution).collect();
    assert_relative_eq!(parts[0], 0.12, epsilon = 1e-12);
    assert_relative_eq!(parts[1], 0.56, epsilon = 1e-12);
    assert_eq!(parts[2], 0.0);
    assert_relative_eq!(att.value, 0.68, epsilon = 1e-12);
    assert!(att.thresholds[0].passed && att.thresholds[0].decides);
    assert_relative_eq!(att.thresholds[0].distance, 0.18, epsilon = 1e-12);
    let st = &why.axes[1];
    assert!(!st.thresholds[0].passed);
    assert_relative_eq!(st.thresholds[0].distance, -0.05, epsilon = 1e-12);
    assert_relative_eq!(why.margin, 0.05, epsilon = 1e-12);
    // Every setting is a default, with its source from the table.
    assert_eq!(why.settings.len(), 5);
    let weights = &why.settings[0];
    assert_eq!(weights.setting, "attractiveness weights");
    assert!(
        matches!(weights.provenance, Provenance::Literature { ref source }
        if source.contains("Woodburn and McDonald (2011)"))
    );
    let cut = &why.settings[2];
    assert!(matches!(cut.provenance, Provenance::Convention { .. }));
}

#[test]
fn millman_wilson_explains_development_as_the_mean() {
    let why = explain(&MillmanWilson::default(), &scores(0.8, 0.4, 0.2), &[]).unwrap();
    // nature 0.2 x 0.4 + 0.8 x 0.2 = 0.24; involvement 0.4 + 0.12 + 0.04 = 0.56.
    assert_relative_eq!(why.axes[0].value, 0.24, epsilon = 1e-12);
    assert_relative_eq!(why.axes[1].value, 0.56, epsilon = 1e-12);
    let dev = &why.axes[2];
    assert_eq!(dev.axis, Axis::Development);
    assert_relative_eq!(dev.value, 0.4, epsilon = 1e-12);
    let w: Vec<f64> = dev.contributions.iter().map(|c| c.weight).collect();
    assert_relative_eq!(w[0], 0.25);
    assert_relative_eq!(w[1], 0.25);
    assert_relative_eq!(w[2], 0.5);
    let sum: f64 = dev.contributions.iter().map(|c| c.contribution).sum();
    assert_relative_eq!(sum, dev.value, epsilon = 1e-12);
    // The cuts around 0.4 decide; 0.2 and 0.8 do not.
    let decides: Vec<bool> = dev.thresholds.iter().map(|t| t.decides).collect();
    assert_eq!(decides.len(), 4);
    assert!(decides[1] && decides[2] && !decides[3]);
    let names: Vec<&str> = why.settings.iter().map(|s| s.setting.as_str()).collect();
    assert!(names.contains(&"development") && names.contains(&"uncoupling drop"));
}

#[test]
fn a_changed_setting_is_the_user_s() {
    let model = MillmanWilsonParams {
        balance_tolerance: 0.1,
        ..Default::default()
    }
    .build()
    .unwrap();
    let why = explain(&model, &scores(0.5, 0.5, 0.5), &[]).unwrap();
    let s = why
        .settings
        .iter()
        .find(|s| s.setting == "balance tolerance")
        .unwrap();
    assert_eq!(s.value, "0.1");
    assert_eq!(
        s.provenance,
        Provenance::User {
            default: "0.2".into()
        }
    );
}

fn fit_card() -> Scorecard {
    Scorecard::new(
        ScoreField::StrategicFit,
        vec![
            Factor::new("growth", 0.6, RatingScale::new(0.0, 10.0).unwrap()),
            Factor::new("profitability", 0.4, RatingScale::new(0.0, 10.0).unwrap()),
        ],
        MissingRating::Error,
    )
    .unwrap()
}

fn fit_ratings(f: &str) -> Option<f64> {
    Some(if f == "growth" { 5.0 } else { 2.5 })
}

#[test]
fn scorecard_breakdown_adds_up_and_must_match() {
    let b = ScoreBreakdown::new(&fit_card(), "ACME", fit_ratings).unwrap();
    assert_relative_eq!(b.value, 0.4, epsilon = 1e-12);
    assert_relative_eq!(b.factors[0].contribution, 0.3, epsilon = 1e-12);
    assert_relative_eq!(b.factors[1].contribution, 0.1, epsilon = 1e-12);

    let why = explain(
        &FourS::default(),
        &scores(0.5, b.value, 0.5),
        std::slice::from_ref(&b),
    )
    .unwrap();
    assert_eq!(why.breakdowns, std::slice::from_ref(&b));

    let err = explain(
        &FourS::default(),
        &scores(0.5, 0.41, 0.5),
        std::slice::from_ref(&b),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        Error::BreakdownMismatch {
            score: ScoreField::StrategicFit,
            ..
        }
    ));
    let err = explain(
        &FourS::default(),
        &scores(0.5, b.value, 0.5),
        &[b.clone(), b.clone()],
    )
    .unwrap_err();
    assert!(matches!(err, Error::DuplicateBreakdown { .. }));

    // Neutral and lowest imputation are shown as used; reweighting leaves the factor out.
    let card = |missing| {
        Scorecard::new(
            ScoreField::StrategicFit,
            fit_card().factors().to_vec(),
            missing,
        )
        .unwrap()
    };
    let only_growth = |f: &str| (f == "growth").then_some(10.0);
    let n = ScoreBreakdown::new(&card(MissingRating::Neutral), "A", only_growth).unwrap();
    assert_eq!(n.factors[1].normalized, 0.5);
    assert_relative_eq!(n.value, 0.8, epsilon = 1e-12);
    let r = ScoreBreakdown::new(&card(MissingRating::Reweight), "A", only_growth).unwrap();
    assert_eq!((r.factors[0].weight, r.factors[1].weight), (1.0, 0.0));
    assert_eq!(r.value, 1.0);
    assert!(ScoreBreakdown::new(&fit_card(), "A", only_growth).is_err());
}

#[test]
fn webster_moves_by_hand() {
    // Intensity 0.1 + 0.1 + 0.3 = 0.5, on the cut: Buyer-seller partnership (Development).
    let m = moves(&Webster::default(), &scores(0.5, 0.5, 0.5));
    assert_eq!(m.tier, Tier::Development);
    // To 0.65: strength 0.75, fit 1.25 (off the scale), revenue share likewise.
    let (to, tier) = reached(
        m.find(ScoreField::RelationshipStrength, Goal::NextTierUp)
            .unwrap()
            .reach,
    );
    assert_relative_eq!(to, 0.75, epsilon = 1e-12);
    assert_eq!(tier, Tier::Key);
    assert_eq!(
        m.find(ScoreField::StrategicFit, Goal::NextTierUp)
            .unwrap()
            .reach,
        Reach::NotReachable
    );
    // On the cut, any fall of any score that counts drops it a tier.
    for field in ScoreField::ALL {
        let (to, tier) = reached(m.find(field, Goal::NextTierDown).unwrap().reach);
        assert!(to < 0.5 && to > 0.5 - 1e-12, "{field}: {to}");
        assert_eq!(tier, Tier::Maintenance);
    }
}

#[test]
fn moves_follow_a_tier_map_that_is_not_monotone() {
    let tiers = TierMap::new([
        (WebsterClass::Transaction, Tier::Transactional),
        (WebsterClass::RepeatedTransactions, Tier::Development),
        (WebsterClass::LongTermRelationship, Tier::Maintenance),
        (WebsterClass::BuyerSellerPartnership, Tier::Maintenance),
        (WebsterClass::StrategicAlliance, Tier::Key),
        (WebsterClass::NetworkOrganization, Tier::Key),
    ])
    .unwrap();
    let model = WebsterParams {
        tiers,
        ..Default::default()
    }
    .build()
    .unwrap();
    // Intensity 0.05 + 0.05 + 0.3 = 0.4: Long-term relationship, Maintenance.
    let s = scores(0.25, 0.25, 0.5);
    let m = moves(&model, &s);
    assert_eq!(m.tier, Tier::Maintenance);
    // Up: past the partnership (Maintenance again) to the alliance at 0.65: strength 0.55/0.6.
    let (to, tier) = reached(
        m.find(ScoreField::RelationshipStrength, Goal::NextTierUp)
            .unwrap()
            .reach,
    );
    assert_relative_eq!(to, 0.55 / 0.6, epsilon = 1e-12);
    assert_eq!(tier, Tier::Key);
    // Down: past repeated transactions (Development, higher) to a transaction, below 0.2.
    let (to, tier) = reached(
        m.find(ScoreField::RelationshipStrength, Goal::NextTierDown)
            .unwrap()
            .reach,
    );
    assert!(to < 0.1 / 0.6 && to > 0.1 / 0.6 - 1e-12);
    assert_eq!(tier, Tier::Transactional);
    assert_eq!(
        model
            .classify(&s.with(ScoreField::RelationshipStrength, to).unwrap())
            .class,
        WebsterClass::Transaction
    );
}

#[test]
fn factor_moves_by_hand() {
    // Fit 0.4: attractiveness 0.2 x 0.5 + 0.8 x 0.4 = 0.42, strength 0.8: Status.
    let s = scores(0.5, 0.4, 0.8);
    let m = factor_moves(&FourS::default(), &s, &fit_card(), "ACME", fit_ratings).unwrap();
    assert_eq!(m.len(), 2 * 3);
    // Key needs fit (0.5 - 0.1) / 0.8 = 0.5: growth +0.1 / 0.6 on [0, 1], so 5 + 10/6.
    let growth = m
        .iter()
        .find(|m| m.factor == "growth" && m.goal == Goal::Key)
        .unwrap();
    match growth.reach {
        RatingReach::Reached {
            to, change, tier, ..
        } => {
            assert_relative_eq!(to, 5.0 + 10.0 / 6.0, epsilon = 1e-9);
            assert_relative_eq!(change.unwrap(), 10.0 / 6.0, epsilon = 1e-9);
            assert_eq!(tier, Tier::Key);
        }
        RatingReach::NotReachable => panic!("reachable"),
    }
    // Profitability would need 2.5 + 2.5 = 5... on weight 0.4: +0.1 / 0.4 = 0.25, rating 5.
    let profit = m
        .iter()
        .find(|m| m.factor == "profitability" && m.goal == Goal::Key)
        .unwrap();
    let RatingReach::Reached { to, .. } = profit.reach else {
        panic!("reachable")
    };
    assert_relative_eq!(to, 5.0, epsilon = 1e-9);
    // Falling: Streamline from Status needs strength below 0.5, which fit cannot do.
    let down = m
        .iter()
        .find(|m| m.factor == "growth" && m.goal == Goal::NextTierDown)
        .unwrap();
    assert_eq!(down.reach, RatingReach::NotReachable);

    // A small weight cannot lift the account on its own scale.
    let high = scores(0.0, 0.4, 0.8);
    let card = Scorecard::new(
        ScoreField::StrategicFit,
        vec![
            Factor::new("growth", 0.9, RatingScale::new(0.0, 10.0).unwrap()),
            Factor::new("prestige", 0.1, RatingScale::new(0.0, 10.0).unwrap()),
        ],
        MissingRating::Error,
    )
    .unwrap();
    let ratings = |f: &str| Some(if f == "growth" { 40.0 / 9.0 } else { 0.0 });
    let m = factor_moves(&FourS::default(), &high, &card, "A", ratings).unwrap();
    let prestige = m
        .iter()
        .find(|m| m.factor == "prestige" && m.goal == Goal::Key)
        .unwrap();
    assert_eq!(prestige.reach, RatingReach::NotReachable);

    let wrong = factor_moves(
        &FourS::default(),
        &scores(0.5, 0.3, 0.8),
        &fit_card(),
        "A",
        fit_ratings,
    );
    assert!(matches!(wrong, Err(Error::BreakdownMismatch { .. })));
}

#[test]
fn sensitivity_by_hand() {
    // Attractiveness 0.8 x 0.625 = 0.5 on the cut; strength 0.9 far from it.
    let s = sensitivity(
        &FourS::default(),
        &scores(0.0, 0.625, 0.9),
        WeightShift::default(),
    );
    assert!(!s.stable);
    assert_eq!(
        s.classes,
        [
            Class::FourS(FourSClass::Status),
            Class::FourS(FourSClass::Strategic)
        ]
    );
    // Weights start at their lows (0.15, 0.75, 0) and 0.1 is free. Lowest: revenue share
    // (score 0) takes it. Highest: strength (0.9) takes 0.05, fit (0.625) the other 0.05.
    assert_relative_eq!(s.axes[0].min, 0.75 * 0.625, epsilon = 1e-12);
    assert_relative_eq!(s.axes[0].max, 0.8 * 0.625 + 0.05 * 0.9, epsilon = 1e-12);
    // Strength weight 0.95 to 1.
    assert_relative_eq!(s.axes[1].min, 0.95 * 0.9, epsilon = 1e-12);
    assert_relative_eq!(s.axes[1].max, 0.9, epsilon = 1e-12);

    // No shift: always stable.
    let none = sensitivity(
        &FourS::default(),
        &scores(0.0, 0.625, 0.9),
        WeightShift::new(0.0).unwrap(),
    );
    assert!(none.stable);

    // Millman and Wilson: development ranges over the mean of the two axes' ranges.
    let s = sensitivity(
        &MillmanWilson::default(),
        &scores(0.9, 0.0, 0.4),
        WeightShift::new(0.1).unwrap(),
    );
    let dev = s.axes.iter().find(|a| a.axis == Axis::Development).unwrap();
    assert_relative_eq!(dev.min, (0.28 + 0.44) / 2.0, epsilon = 1e-12);
    assert!(!s.stable);
    assert_eq!(s.lowest_tier, Tier::Maintenance);
}

#[test]
fn stability_counts_per_tier() {
    let accounts = [
        scores(0.9, 0.9, 0.9),   // Key, firm
        scores(0.0, 0.625, 0.9), // Key on the attractiveness cut
        scores(0.9, 0.9, 0.1),   // Development, firm
        scores(0.1, 0.1, 0.1),   // Transactional, firm
    ];
    let s = stability(&FourS::default(), &accounts, WeightShift::default());
    assert_eq!(s.tiers.len(), 4);
    assert_eq!((s.tiers[0].stable, s.tiers[0].sensitive), (1, 1));
    assert_eq!((s.tiers[1].stable, s.tiers[1].sensitive), (1, 0));
    assert_eq!((s.tiers[2].stable, s.tiers[2].sensitive), (0, 0));
    assert_eq!((s.tiers[3].stable, s.tiers[3].sensitive), (1, 0));
    assert_eq!((s.stable, s.sensitive), (3, 1));
    assert!(WeightShift::new(1.5).is_err());
    assert!(serde_json::from_str::<WeightShift>("2.0").is_err());
    assert_eq!(
        serde_json::from_str::<WeightShift>("0.1").unwrap().delta(),
        0.1
    );
}

#[test]
fn class_at_reads_short_and_long_band_lists() {
    for model in AnyModel::all() {
        let lowest = model.class_at(&[]);
        assert_eq!(lowest, model.class_at(&[0, 0]), "{}", model.name());
        assert_eq!(model.tier_of(lowest), Tier::Transactional);
        assert_eq!(model.tier_of(model.class_at(&[9, 9])), Tier::Key);
    }
}

#[test]
fn every_model_explains_through_any_model() {
    let s = scores(0.55, 0.6, 0.35);
    for model in AnyModel::all() {
        // The decision axes are the cut points, grouped by axis, in the same order.
        let cuts: Vec<(Axis, f64)> = model
            .decision_axes()
            .iter()
            .flat_map(|d| d.thresholds.iter().map(move |&t| (d.axis, t)))
            .collect();
        let reported: Vec<(Axis, f64)> = model
            .cut_points()
            .iter()
            .map(|c| (c.axis, c.value))
            .collect();
        assert_eq!(cuts, reported, "{}", model.name());
        let why = explain(&model, &s, &[]).unwrap();
        let a = model.classify(&s);
        assert_eq!((why.class, why.tier), (a.class, a.tier), "{}", model.name());
        assert!(why.axes.iter().any(|a| !a.thresholds.is_empty()));
        for axis in &why.axes {
            let sum: f64 = axis.contributions.iter().map(|c| c.contribution).sum();
            assert_relative_eq!(sum, axis.value, epsilon = 1e-12);
        }
        assert!(why.settings.iter().all(|s| !matches!(
            s.provenance,
            Provenance::Unrecorded | Provenance::User { .. }
        )));
        let json = serde_json::to_string(&why).unwrap();
        let back: keyaccount::explain::Explanation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, why);
        let m = moves(&model, &s);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            serde_json::from_str::<keyaccount::explain::Moves>(&json).unwrap(),
            m
        );
    }
}

/// One row of the defaults table, as the README and the module docs print it.
fn row(d: &keyaccount::explain::DefaultSource) -> String {
    format!(
        "| {} | {} | {} | {} |",
        d.model.map_or("all models", |m| m.label()),
        d.setting,
        d.value,
        d.source.describe()
    )
}

#[test]
fn the_defaults_table_is_in_the_readme_and_the_docs() {
    let readme = include_str!("../README.md");
    let docs = include_str!("../src/explain/defaults.md");
    for d in defaults() {
        let r = row(d);
        assert!(readme.contains(&r), "README lacks:\n{r}");
        assert!(docs.contains(&r), "defaults.md lacks:\n{r}");
    }
    let rows = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| model") && !l.starts_with("| ---"))
            .count()
    };
    assert_eq!(rows(docs), defaults().len());
    assert!(defaults()
        .iter()
        .any(|d| matches!(d.source, Source::Literature(s) if s.contains("Bensaou (1999)"))));
}

#[test]
fn millman_is_cited_the_same_way_everywhere() {
    let sources = [
        include_str!("../README.md"),
        include_str!("../src/lib.rs"),
        include_str!("../src/models/millman_wilson.rs"),
    ];
    for text in sources {
        assert!(!text.contains("Millman, A."));
    }
    assert!(MillmanWilson::default()
        .citation()
        .starts_with("Millman, T. and Wilson, K. (1995)"));
}
