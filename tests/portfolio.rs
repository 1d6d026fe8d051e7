//! The portfolio layer on small portfolios whose answers are worked out by hand.

use approx::assert_relative_eq;
use keyaccount::portfolio::{
    calibrate, consensus, opportunities, AbcClass, AbcCuts, AccountRecord, AmountField, Attainment,
    Comparison, Concentration, ConcentrationOptions, ConsensusRule, Coverage, KeyRange, Migration,
    Portfolio, ScoredPortfolio, ScoringConfig, ShareMethod, Summary,
};
use keyaccount::{
    AnyModel, Error, Factor, FourS, FourSParams, MillmanWilson, MissingRating, RatingScale,
    RevenueShareScale, ScoreField, Scorecard, Tier,
};

/// Ratings on a 0 to 1 scale, so that a rating is its score.
fn config(share: ShareMethod, missing: MissingRating) -> ScoringConfig {
    let unit = RatingScale::new(0.0, 1.0).unwrap();
    let card = |field, name: &str| {
        Scorecard::new(field, vec![Factor::new(name, 1.0, unit)], missing).unwrap()
    };
    ScoringConfig::new(
        share,
        card(ScoreField::StrategicFit, "fit"),
        card(ScoreField::RelationshipStrength, "strength"),
    )
    .unwrap()
}

fn account(id: &str, revenue: f64, fit: f64, strength: f64) -> AccountRecord {
    AccountRecord::new(id, format!("Account {id}"), revenue)
        .with_fit_rating("fit", fit)
        .with_strength_rating("strength", strength)
}

fn linear() -> ShareMethod {
    ShareMethod::Reference(RevenueShareScale::linear(1.0).unwrap())
}

fn scored(accounts: Vec<AccountRecord>) -> ScoredPortfolio {
    Portfolio::new(accounts)
        .unwrap()
        .score(&config(linear(), MissingRating::Error))
        .unwrap()
}

// 1. Records.

#[test]
fn invalid_records_are_typed_errors() {
    assert_eq!(Portfolio::new(vec![]), Err(Error::EmptyPortfolio));
    let err = Portfolio::new(vec![AccountRecord::new("A", "a", -1.0)]).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidAmount { ref account, field: AmountField::Revenue, .. } if account == "A"
    ));
    let err = Portfolio::new(vec![AccountRecord::new("A", "a", 1.0).with_target(f64::NAN)]);
    assert!(matches!(
        err,
        Err(Error::InvalidAmount {
            field: AmountField::Target,
            ..
        })
    ));
    let err = Portfolio::new(vec![AccountRecord::new("A", "a", 10.0).with_potential(5.0)]);
    assert!(matches!(err, Err(Error::PotentialBelowRevenue { .. })));
    let err = Portfolio::new(vec![
        AccountRecord::new("A", "a", 1.0),
        AccountRecord::new("A", "b", 2.0),
    ]);
    assert_eq!(
        err,
        Err(Error::DuplicateAccount {
            account: "A".into()
        })
    );
    assert!(matches!(
        Portfolio::new(vec![AccountRecord::new(" ", "blank", 1.0)]),
        Err(Error::EmptyAccountId { .. })
    ));
}

#[test]
fn portfolio_json_is_validated() {
    let ok: Portfolio = serde_json::from_str(r#"[{"id":"A","name":"Alpha","revenue":3}]"#).unwrap();
    assert_eq!(ok.total_revenue(), 3.0);
    assert!(serde_json::from_str::<Portfolio>("[]").is_err());
    assert!(
        serde_json::from_str::<Portfolio>(r#"[{"id":"A","name":"Alpha","revenue":-3}]"#).is_err()
    );
}

// 2. Scorecards.

#[test]
fn missing_rating_names_account_and_factor_unless_allowed() {
    let p = Portfolio::new(vec![
        account("A", 10.0, 0.5, 0.5),
        AccountRecord::new("B", "Beta", 5.0).with_fit_rating("fit", 0.2),
    ])
    .unwrap();
    let err = p
        .score(&config(linear(), MissingRating::Error))
        .unwrap_err();
    assert_eq!(
        err,
        Error::MissingRating {
            account: "B".into(),
            factor: "strength".into()
        }
    );
    let s = p.score(&config(linear(), MissingRating::Neutral)).unwrap();
    assert_eq!(s.get("B").unwrap().scores.relationship_strength(), 0.5);
}

#[test]
fn rating_off_scale_names_the_location_not_the_group() {
    let p = Portfolio::new(vec![
        account("G", 10.0, 0.5, 0.5),
        account("L", 10.0, 1.5, 0.5).with_parent("G"),
    ])
    .unwrap();
    let err = p
        .roll_up()
        .unwrap()
        .score(&config(linear(), MissingRating::Error))
        .unwrap_err();
    assert!(matches!(err, Error::RatingOutOfRange { ref account, .. } if account == "L"));
}

#[test]
fn scoring_config_json_is_validated() {
    let json = r#"{
        "share": {"method": "pareto", "parameters": {"a": 0.7, "b": 0.9}},
        "strategic_fit": {"score": "strategic_fit", "factors": [{"name": "g", "weight": 1.0}]},
        "relationship_strength": {"score": "relationship_strength", "factors": [{"name": "t", "weight": 1.0}]}
    }"#;
    let c: ScoringConfig = serde_json::from_str(json).unwrap();
    assert_eq!(
        c.share(),
        ShareMethod::Pareto(AbcCuts::new(0.7, 0.9).unwrap())
    );
    let bad_cuts = json.replace("0.7", "0.95");
    assert!(serde_json::from_str::<ScoringConfig>(&bad_cuts).is_err());
    let swapped = json.replace(
        r#""score": "strategic_fit""#,
        r#""score": "relationship_strength""#,
    );
    assert!(serde_json::from_str::<ScoringConfig>(&swapped).is_err());
}

// 3. Revenue shares.

fn shares(method: ShareMethod, revenues: &[(&str, f64)]) -> Vec<(String, f64)> {
    let p = Portfolio::new(
        revenues
            .iter()
            .map(|(id, r)| AccountRecord::new(*id, *id, *r))
            .collect(),
    )
    .unwrap();
    method
        .shares(&p)
        .unwrap()
        .into_iter()
        .map(|s| (s.id.to_string(), s.score))
        .collect()
}

#[test]
fn reference_share_is_relative_to_the_reference() {
    let s = shares(
        ShareMethod::Reference(RevenueShareScale::linear(0.5).unwrap()),
        &[("A", 60.0), ("B", 30.0), ("C", 10.0)],
    );
    assert_eq!(s[0].1, 1.0); // 60% saturates at 50%
    assert_relative_eq!(s[1].1, 0.6);
    assert_relative_eq!(s[2].1, 0.2);
}

#[test]
fn percentile_rank_uses_mid_ranks_for_ties_and_zero_for_zero_revenue() {
    // Sorted: A 50, then B and C tied at 20, D 10, E 0.
    let s = shares(
        ShareMethod::PercentileRank,
        &[
            ("C", 20.0),
            ("E", 0.0),
            ("A", 50.0),
            ("B", 20.0),
            ("D", 10.0),
        ],
    );
    let ids: Vec<&str> = s.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(ids, ["A", "B", "C", "D", "E"]); // revenue descending, then id
    assert_relative_eq!(s[0].1, 1.0);
    assert_relative_eq!(s[1].1, 2.5 / 4.0); // 2 below, 1 equal other: (2 + 0.5) / 4
    assert_relative_eq!(s[2].1, 2.5 / 4.0);
    assert_relative_eq!(s[3].1, 0.25);
    assert_eq!(s[4].1, 0.0);
}

#[test]
fn pareto_scores_follow_the_abc_position() {
    // Cumulative share of larger accounts: A 0, B 0.5, C 0.8, D 0.9, E 0.96.
    let s = shares(
        ShareMethod::Pareto(AbcCuts::default()),
        &[
            ("A", 50.0),
            ("B", 30.0),
            ("C", 10.0),
            ("D", 6.0),
            ("E", 4.0),
        ],
    );
    assert_relative_eq!(s[0].1, 1.0);
    assert_relative_eq!(s[1].1, 1.0 - (0.5 / 0.8) / 3.0, epsilon = 1e-12);
    assert_relative_eq!(s[2].1, 2.0 / 3.0, epsilon = 1e-12); // starts class B
    assert_relative_eq!(s[3].1, 2.0 / 3.0 - (0.1 / 0.15) / 3.0, epsilon = 1e-12);
    assert_relative_eq!(s[4].1, 1.0 / 3.0 - (0.01 / 0.05) / 3.0, epsilon = 1e-9);
}

#[test]
fn zero_total_revenue_is_an_error_and_one_account_is_fine() {
    let p = Portfolio::new(vec![
        AccountRecord::new("A", "a", 0.0),
        AccountRecord::new("B", "b", 0.0),
    ])
    .unwrap();
    assert_eq!(
        ShareMethod::PercentileRank.shares(&p),
        Err(Error::ZeroTotalRevenue)
    );
    for method in [
        ShareMethod::default(),
        ShareMethod::PercentileRank,
        ShareMethod::Pareto(AbcCuts::default()),
    ] {
        let s = shares(method, &[("A", 5.0)]);
        assert_eq!(s[0].1, 1.0, "{method:?}");
    }
}

// 4. Roll-up and coverage.

#[test]
fn roll_up_sums_and_weights_and_names_coverage() {
    let p = Portfolio::new(vec![
        AccountRecord::new("G", "Group", 30.0)
            .with_location("DE", "Bavaria")
            .with_target(40.0)
            .with_fit_rating("fit", 0.2),
        AccountRecord::new("G-1", "Site 1", 10.0)
            .with_parent("G")
            .with_location("DE", "Saxony")
            .with_potential(50.0)
            .with_fit_rating("fit", 0.6),
        AccountRecord::new("G-1-a", "Site 1a", 0.0)
            .with_parent("G-1")
            .with_location("DE", "Saxony"),
        AccountRecord::new("N", "National", 5.0).with_location("FR", "Alsace"),
        AccountRecord::new("N-1", "National 1", 5.0)
            .with_parent("N")
            .with_location("FR", "Lorraine"),
        AccountRecord::new("W", "World", 1.0).with_location("FR", "Alsace"),
        AccountRecord::new("W-1", "World 1", 1.0)
            .with_parent("W")
            .with_location("US", "Ohio"),
        AccountRecord::new("T", "Territory", 1.0).with_location("PL", "Silesia"),
        AccountRecord::new("T-1", "Territory 1", 1.0)
            .with_parent("T")
            .with_location("PL", "Silesia"),
    ])
    .unwrap();
    let r = p.roll_up().unwrap();
    assert_eq!(r.portfolio().len(), 4);
    assert_relative_eq!(r.portfolio().total_revenue(), p.total_revenue());
    let g = r.portfolio().get("G").unwrap();
    assert_eq!(g.revenue, 40.0);
    assert_eq!(g.potential, Some(30.0 + 50.0 + 0.0)); // members without one count their revenue
    assert_eq!(g.target, Some(40.0 + 10.0 + 0.0));
    let fit = r.portfolio().rating("G", ScoreField::StrategicFit, "fit");
    assert_relative_eq!(fit.unwrap(), (30.0 * 0.2 + 10.0 * 0.6) / 40.0);
    assert_eq!(r.group_of("G-1-a"), Some("G"));
    let g = r.portfolio().index_of("G").unwrap();
    assert_eq!(r.members(g), ["G", "G-1", "G-1-a"]);
    assert_eq!(r.group("G").unwrap().size, 3);
    assert_eq!(r.group("G").unwrap().coverage, Coverage::National);
    assert_eq!(r.group("N").unwrap().coverage, Coverage::National);
    assert_eq!(r.group("W").unwrap().coverage, Coverage::Global);
    assert_eq!(r.group("T").unwrap().coverage, Coverage::Territory);
}

#[test]
fn unknown_parents_and_cycles_are_errors() {
    let p = Portfolio::new(vec![AccountRecord::new("A", "a", 1.0).with_parent("Z")]).unwrap();
    assert_eq!(
        p.roll_up().unwrap_err(),
        Error::UnknownParent {
            account: "A".into(),
            parent: "Z".into()
        }
    );
    let p = Portfolio::new(vec![AccountRecord::new("A", "a", 1.0).with_parent("A")]).unwrap();
    assert!(matches!(p.roll_up(), Err(Error::ParentCycle { .. })));
    let p = Portfolio::new(vec![
        AccountRecord::new("R", "root", 1.0),
        AccountRecord::new("X", "x", 1.0).with_parent("Y"),
        AccountRecord::new("Y", "y", 1.0).with_parent("Z"),
        AccountRecord::new("Z", "z", 1.0).with_parent("Y"),
    ])
    .unwrap();
    match p.roll_up() {
        Err(Error::ParentCycle { cycle, .. }) => assert_eq!(cycle, ["Y", "Z", "Y"]),
        other => panic!("{other:?}"),
    }
}

// 5. Comparison and consensus.

/// Four equal accounts (revenue score 0.25): attractiveness 0.05 + 0.8 fit.
fn four_accounts() -> ScoredPortfolio {
    scored(vec![
        account("A", 1.0, 1.0, 0.9),
        account("B", 1.0, 1.0, 0.4),
        account("C", 1.0, 0.0, 0.4),
        account("D", 1.0, 0.0, 0.1),
    ])
}

fn loose_four_s() -> FourS {
    FourSParams {
        strength_threshold: 0.3,
        ..FourSParams::default()
    }
    .build()
    .unwrap()
}

#[test]
fn cross_table_agreement_and_kappa_by_hand() {
    let s = four_accounts();
    let strict = s.classify(FourS::default());
    let loose = s.classify(loose_four_s());
    let c = Comparison::new(&strict, &loose).unwrap();
    // Rows strict, columns loose, Key first.
    assert_eq!(
        c.table,
        [[1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 1]]
    );
    assert_relative_eq!(c.agreement, 0.5);
    assert_relative_eq!(c.expected_agreement, 0.25);
    assert_relative_eq!(c.kappa, 1.0 / 3.0, epsilon = 1e-12);
    let same = Comparison::new(&strict, &strict).unwrap();
    assert_eq!(same.kappa, 1.0);
}

#[test]
fn comparison_needs_the_same_accounts() {
    let a = four_accounts().classify(FourS::default());
    let b = scored(vec![account("A", 1.0, 1.0, 0.9)]).classify(FourS::default());
    assert!(matches!(
        Comparison::new(&a, &b),
        Err(Error::AccountSetsDiffer { .. })
    ));
    assert!(matches!(
        consensus(&[], ConsensusRule::Plurality),
        Err(Error::NoClassifications)
    ));
}

#[test]
fn consensus_by_plurality_and_median() {
    let s = four_accounts();
    let cs = [
        s.classify(FourS::default()),
        s.classify(loose_four_s()),
        s.classify(loose_four_s()),
    ];
    let c = consensus(&cs, ConsensusRule::Plurality).unwrap();
    // B: Development, Key, Key -> Key; C: Transactional, Maintenance, Maintenance -> Maintenance.
    assert_eq!(c[1].tier, Tier::Key);
    assert_eq!(c[1].agreeing, 2);
    assert_eq!(c[2].tier, Tier::Maintenance);
    let two = consensus(&cs[..2], ConsensusRule::Plurality).unwrap();
    assert_eq!(two[1].tier, Tier::Development); // 1-1 tie goes to the lower tier
    let median = consensus(&cs[..2], ConsensusRule::LowerMedian).unwrap();
    assert_eq!(median[2].tier, Tier::Transactional);
}

// 6. Calibration.

fn ladder(n: usize) -> ScoredPortfolio {
    scored(
        (0..n)
            .map(|i| {
                let x = (i as f64 + 0.5) / n as f64;
                account(&format!("A{i:02}"), 1.0, x, x)
            })
            .collect(),
    )
}

#[test]
fn calibration_reaches_the_range_and_reports_thresholds() {
    let s = ladder(20);
    let model = AnyModel::from(FourS::default());
    let before = s.classify(model.clone()).count(Tier::Key);
    let cal = calibrate(&s, &model, KeyRange::new(2, 2).unwrap());
    // Revenue score 0.05 each: Key needs 0.01 + 0.8 x >= 0.5, x >= 0.6125: the top 8 of 20.
    assert_eq!(before, 8);
    assert!(cal.within_range);
    assert_eq!(cal.key_count, 2);
    assert_eq!(cal.original_key_count, before);
    assert_eq!(cal.classification.count(Tier::Key), cal.key_count);
    assert!(cal.exponent < 1.0); // fewer Key accounts: thresholds raised
    assert!(cal.cut_points[0].value > 0.5);
    assert_eq!(cal.original_cut_points, model_cut_points(&model));

    let already = calibrate(&s, &model, KeyRange::new(before, before + 1).unwrap());
    assert_eq!(already.exponent, 1.0);
    assert_eq!(already.model, model);
}

fn model_cut_points(m: &AnyModel) -> Vec<keyaccount::CutPoint> {
    use keyaccount::Classifier;
    m.cut_points()
}

#[test]
fn calibration_reports_when_the_range_cannot_be_reached() {
    let s = ladder(3);
    for model in AnyModel::all() {
        let cal = calibrate(&s, &model, KeyRange::new(5, 6).unwrap());
        assert!(!cal.within_range);
        assert_eq!(cal.key_count, 3, "{}", model.kind());
    }
    assert!(KeyRange::new(6, 5).is_err());
    assert!(serde_json::from_str::<KeyRange>(r#"{"min": 6, "max": 5}"#).is_err());
}

// 7. Concentration.

#[test]
fn concentration_by_hand() {
    let s = scored(vec![
        account("A", 50.0, 1.0, 1.0),
        account("B", 20.0, 0.0, 0.0),
        account("C", 20.0, 0.0, 0.0),
        account("D", 10.0, 0.0, 0.0),
    ]);
    let c = s.classify(FourS::default());
    let k = Concentration::new(
        &c,
        &ConcentrationOptions {
            top_n: vec![1, 2, 10],
            abc: AbcCuts::default(),
        },
    );
    assert_relative_eq!(k.hhi, 0.25 + 0.04 + 0.04 + 0.01);
    assert_relative_eq!(k.hhi_points(), 3400.0, epsilon = 1e-9);
    assert_relative_eq!(k.top[0].share, 0.5);
    assert_relative_eq!(k.top[1].share, 0.7);
    assert_relative_eq!(k.top[2].share, 1.0);
    // B and C tie: both start at 50% (A); D starts at 90%.
    let classes: Vec<AbcClass> = k.abc_of.iter().map(|x| x.1).collect();
    assert_eq!(
        classes,
        [AbcClass::A, AbcClass::A, AbcClass::A, AbcClass::B]
    );
    assert_eq!(k.by_tier[0].segment, Tier::Key);
    assert_relative_eq!(k.by_tier[0].share, 0.5);
    let first = k.pareto_curve[0];
    let last = k.pareto_curve[4];
    assert_eq!((first.accounts, first.revenue), (0.0, 0.0));
    assert_relative_eq!(last.accounts, 1.0);
    assert_relative_eq!(last.revenue, 1.0);
    assert_relative_eq!(k.pareto_curve[1].revenue, 0.5);
}

// 8. Migration.

#[test]
fn migration_by_hand() {
    let before = scored(vec![
        account("A", 50.0, 1.0, 1.0), // Key
        account("B", 30.0, 0.0, 0.0), // Transactional
        account("C", 20.0, 0.2, 0.2), // leaves
    ]);
    let after = scored(vec![
        account("A", 50.0, 0.1, 0.1), // falls to Transactional, relationship collapses
        account("B", 30.0, 1.0, 1.0), // rises to Key
        account("N", 20.0, 0.0, 0.0), // new
    ]);
    let m = Migration::new(
        &before.classify(FourS::default()),
        &after.classify(FourS::default()),
        &MillmanWilson::default(),
    )
    .unwrap();
    assert_eq!(m.transitions[0][3], 1);
    assert_eq!(m.transitions[3][0], 1);
    assert_eq!(m.up.len(), 1);
    assert_eq!(m.up[0].id, "B");
    assert!(!m.up[0].uncoupling);
    assert_eq!(m.down[0].id, "A");
    assert!(m.down[0].uncoupling);
    assert_eq!(m.entered, ["N"]);
    assert_eq!(m.left, ["C"]);
    assert_eq!(m.uncoupling.len(), 1);
    assert!(m.uncoupling[0].development_before > m.uncoupling[0].development_now);

    let other = Migration::new(
        &before.classify(FourS::default()),
        &after.classify(MillmanWilson::default()),
        &MillmanWilson::default(),
    );
    assert!(matches!(other, Err(Error::ModelsDiffer { .. })));
}

// 9, 10, 11. Attainment, opportunities, summaries.

#[test]
fn attainment_opportunities_and_summary_by_hand() {
    let p = Portfolio::new(vec![
        account("K", 60.0, 1.0, 1.0)
            .with_target(50.0)
            .with_potential(80.0),
        account("D1", 20.0, 1.0, 0.0)
            .with_target(40.0)
            .with_potential(100.0),
        account("D2", 10.0, 1.0, 0.0).with_potential(100.0),
        account("D3", 5.0, 1.0, 0.0),
        account("T", 5.0, 0.0, 0.0).with_target(0.0),
    ])
    .unwrap();
    let c = p
        .score(&config(linear(), MissingRating::Error))
        .unwrap()
        .classify(FourS::default());
    assert_eq!(c.count(Tier::Development), 3);

    let a = Attainment::new(&c);
    assert_relative_eq!(a.accounts[0].attainment.unwrap(), 1.2);
    assert_eq!(a.accounts[0].gap, Some(10.0));
    let t = a.accounts.iter().find(|x| x.id == "T").unwrap();
    assert_eq!(t.attainment, None); // target 0
    let dev = &a.by_tier[1];
    assert_eq!((dev.accounts, dev.with_target), (3, 1));
    assert_relative_eq!(dev.attainment.unwrap(), 0.5);
    assert_eq!(a.total.with_target, 3);
    assert_relative_eq!(a.total.attainment.unwrap(), 85.0 / 90.0);

    let o = opportunities(&c, Tier::Development);
    let ids: Vec<&str> = o.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["D2", "D1"]); // headroom 90, 80; D3 has no potential
    assert_relative_eq!(o[1].share_of_wallet, 0.2);

    let s = Summary::by_tier(&c);
    assert_eq!(s.rows[1].accounts, 3);
    assert_relative_eq!(s.rows[1].share, 0.35);
    assert_eq!(s.total.accounts, 5);
    assert_relative_eq!(s.total.revenue, 100.0);
    assert_relative_eq!(s.total.share, 1.0);
    let by_class = Summary::by_class(&c);
    let labels: Vec<&str> = by_class.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Strategic", "Star", "Status", "Streamline"]);
    let json = serde_json::to_string(&s).unwrap();
    let back: Summary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let text = s.to_string();
    assert!(text.contains("Development") && text.contains("Total"));
}

// CSV.

#[cfg(feature = "csv")]
#[test]
fn csv_errors_name_line_and_column() {
    use keyaccount::portfolio::read_csv;
    let header = "period,id,name,revenue,parent,fit:fit,strength:strength\n";
    let err = read_csv(format!("{header}1,A,Alpha,10,,0.5,0.5\n1,B,Beta,5,,x,0.5\n").as_bytes())
        .unwrap_err();
    assert_eq!(
        err,
        Error::CsvInvalidValue {
            line: 3,
            column: "fit:fit".into(),
            value: "x".into(),
            reason: "is not a finite number"
        }
    );
    let err = read_csv(format!("{header}1,A,Alpha,,,0.5,0.5\n").as_bytes()).unwrap_err();
    assert!(
        matches!(err, Error::CsvInvalidValue { line: 2, ref column, .. } if column == "revenue")
    );
    let err = read_csv(format!("{header}1,A,Alpha,-4,,0.5,0.5\n").as_bytes()).unwrap_err();
    assert!(matches!(err, Error::CsvRecord { line: 2, .. }));
    let err = read_csv(format!("{header}1,A,Alpha,4,,0.5\n").as_bytes()).unwrap_err();
    assert!(matches!(err, Error::CsvMalformed { line: 2, .. }));
    use keyaccount::portfolio::HeaderProblem;
    let header_problems = |text: &str| match read_csv(text.as_bytes()) {
        Err(Error::Header { problems, .. }) => problems,
        other => panic!("expected a header error, got {other:?}"),
    };
    let problems = header_problems("id,name,revnue\n");
    assert!(problems.iter().any(|p| matches!(p,
        HeaderProblem::Unknown { column, suggestion: Some(s) }
            if column.header == "revnue" && s == "revenue")));
    assert!(problems
        .iter()
        .any(|p| matches!(p, HeaderProblem::Missing { .. })));
    assert!(matches!(
        header_problems("id,name\n").as_slice(),
        [HeaderProblem::Missing { .. }]
    ));
    assert!(matches!(
        header_problems("id,name,revenue,revenue\n").as_slice(),
        [HeaderProblem::Duplicate { .. }]
    ));
    assert_eq!(
        read_csv("id,name,revenue\n".as_bytes()),
        Err(Error::EmptyPortfolio)
    );
    // The same id in two periods is fine.
    let p = read_csv(format!("{header}1,A,Alpha,10,,,\n2,A,Alpha,12,,,\n").as_bytes()).unwrap();
    assert_eq!(p.labels(), ["1", "2"]);
}

#[cfg(feature = "csv")]
#[test]
fn sample_portfolio_gives_believable_tiers() {
    use keyaccount::portfolio::read_csv_path;
    let periods =
        read_csv_path(concat!(env!("CARGO_MANIFEST_DIR"), "/data/portfolio.csv")).unwrap();
    assert_eq!(periods.labels().len(), 2);
    let (_, current) = periods.latest().unwrap();
    assert!((180..=260).contains(&current.len()));
    let rolled = current.roll_up().unwrap();
    assert!(rolled
        .groups()
        .iter()
        .any(|g| g.coverage == Coverage::Global));
    assert!(rolled
        .groups()
        .iter()
        .any(|g| g.coverage == Coverage::National));
    let unit = RatingScale::default();
    let card = |field, names: [&str; 5]| {
        Scorecard::new(
            field,
            names.iter().map(|n| Factor::new(*n, 0.2, unit)).collect(),
            MissingRating::Error,
        )
        .unwrap()
    };
    let config = ScoringConfig::new(
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
    .unwrap();
    let scored = rolled.score(&config).unwrap();
    let cal = calibrate(&scored, &FourS::default().into(), KeyRange::default());
    assert!(cal.within_range);
    for t in Tier::ALL {
        assert!(cal.classification.count(t) > 0, "{t}");
    }
    let (_, before) = periods.previous().unwrap();
    let prev = before
        .roll_up()
        .unwrap()
        .score(&config)
        .unwrap()
        .classify(cal.model.clone());
    let m = Migration::new(&prev, &cal.classification, &MillmanWilson::default()).unwrap();
    assert!(m.down.iter().any(|d| d.uncoupling));
}
