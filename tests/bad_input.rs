//! Every bad input gets its own typed error, and the message names the culprit.
//!
//! One table a kind of input; each row is a case, the exact variant expected, and the words the
//! message must contain.

use keyaccount::{
    Axis, AxisWeights, BensaouParams, BensaouPosition, Classifier, Error, Factor, FourSClass,
    FourSParams, MillmanWilson, MillmanWilsonParams, MissingRating, RatingScale, RevenueShareScale,
    ScoreField, Scorecard, Scores, Tier, TierMap, WebsterParams, WebsterPosition,
};

type Check = fn(&Error) -> bool;

struct Case {
    name: &'static str,
    result: Result<(), Error>,
    variant: Check,
    names: &'static [&'static str],
}

fn case<T>(
    name: &'static str,
    result: Result<T, Error>,
    variant: Check,
    names: &'static [&'static str],
) -> Case {
    Case {
        name,
        result: result.map(|_| ()),
        variant,
        names,
    }
}

fn run(cases: Vec<Case>) {
    for c in cases {
        let err = match c.result {
            Ok(()) => panic!("{}: accepted", c.name),
            Err(e) => e,
        };
        assert!((c.variant)(&err), "{}: wrong variant {err:?}", c.name);
        let msg = chain(&err);
        for word in c.names {
            assert!(
                msg.contains(word),
                "{}: message {msg:?} lacks {word:?}",
                c.name
            );
        }
        // Errors can cross threads and be boxed as std errors.
        let _: Box<dyn std::error::Error + Send + Sync> = Box::new(err.clone());
    }
}

/// The message with its sources, as an error reporter prints it. No message repeats its
/// source's, and every message is one lowercase line.
fn chain(err: &Error) -> String {
    let mut msg = err.to_string();
    let mut outer = msg.clone();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        let inner = s.to_string();
        assert!(
            !outer.contains(&inner),
            "{outer:?} repeats its source {inner:?}"
        );
        msg = format!("{msg}: {inner}");
        outer = inner;
        source = s.source();
    }
    let first = err.to_string();
    // Header and period-order errors list every problem, one a line, on purpose.
    if !matches!(err, Error::Header { .. } | Error::PeriodOrder { .. }) {
        assert!(!first.contains('\n'), "{first:?}");
    }
    assert!(!first.starts_with(char::is_uppercase), "{first:?}");
    msg
}

fn weights(r: f64, f: f64, s: f64) -> AxisWeights {
    AxisWeights {
        revenue_share: r,
        strategic_fit: f,
        relationship_strength: s,
    }
}

#[test]
fn bad_scores() {
    use ScoreField::*;
    run(vec![
        case(
            "NaN revenue share",
            Scores::new(f64::NAN, 0.5, 0.5),
            |e| matches!(e, Error::ScoreOutOfRange { field: RevenueShare, value } if value.is_nan()),
            &["revenue share", "NaN"],
        ),
        case(
            "infinite fit",
            Scores::new(0.5, f64::INFINITY, 0.5),
            |e| matches!(e, Error::ScoreOutOfRange { field: StrategicFit, value } if *value == f64::INFINITY),
            &["strategic fit", "inf"],
        ),
        case(
            "minus infinity strength",
            Scores::new(0.5, 0.5, f64::NEG_INFINITY),
            |e| {
                matches!(
                    e,
                    Error::ScoreOutOfRange {
                        field: RelationshipStrength,
                        ..
                    }
                )
            },
            &["relationship strength", "-inf"],
        ),
        case(
            "negative score",
            Scores::new(-0.1, 0.5, 0.5),
            |e| matches!(e, Error::ScoreOutOfRange { field: RevenueShare, value } if *value == -0.1),
            &["revenue share", "-0.1"],
        ),
        case(
            "score above one",
            Scores::new(0.5, 0.5, 1.0000001),
            |e| {
                matches!(
                    e,
                    Error::ScoreOutOfRange {
                        field: RelationshipStrength,
                        ..
                    }
                )
            },
            &["relationship strength", "1.0000001"],
        ),
        case(
            "replaced score",
            Scores::new(0.5, 0.5, 0.5).unwrap().with(StrategicFit, 2.0),
            |e| {
                matches!(
                    e,
                    Error::ScoreOutOfRange {
                        field: StrategicFit,
                        ..
                    }
                )
            },
            &["strategic fit", "2"],
        ),
        case(
            "array of scores",
            Scores::try_from([0.1, 0.2, f64::NAN]),
            |e| {
                matches!(
                    e,
                    Error::ScoreOutOfRange {
                        field: RelationshipStrength,
                        ..
                    }
                )
            },
            &["relationship strength"],
        ),
    ]);
}

#[test]
fn bad_revenue_shares_and_scales() {
    let scale = RevenueShareScale::default();
    run(vec![
        case(
            "negative share",
            scale.score(-0.01),
            |e| matches!(e, Error::RevenueShareOutOfRange { value } if *value == -0.01),
            &["revenue share", "-0.01"],
        ),
        case(
            "NaN share",
            Scores::from_revenue_share(f64::NAN, &scale, 0.5, 0.5),
            |e| matches!(e, Error::RevenueShareOutOfRange { .. }),
            &["revenue share", "NaN"],
        ),
        case(
            "share above one",
            scale.score(1.5),
            |e| matches!(e, Error::RevenueShareOutOfRange { .. }),
            &["1.5"],
        ),
        case(
            "zero reference",
            RevenueShareScale::linear(0.0),
            |e| {
                matches!(
                    e,
                    Error::InvalidScale {
                        parameter: "reference",
                        ..
                    }
                )
            },
            &["reference", "0"],
        ),
        case(
            "floor above reference",
            RevenueShareScale::logarithmic(0.2, 0.1),
            |e| {
                matches!(
                    e,
                    Error::InvalidScale {
                        parameter: "floor",
                        ..
                    }
                )
            },
            &["floor", "0.2"],
        ),
        case(
            "hand-built scale",
            RevenueShareScale::Logarithmic {
                floor: f64::NAN,
                reference: 0.1,
            }
            .score(0.1),
            |e| {
                matches!(
                    e,
                    Error::InvalidScale {
                        parameter: "floor",
                        ..
                    }
                )
            },
            &["floor"],
        ),
    ]);
}

#[test]
fn bad_weights() {
    run(vec![
        case(
            "all zero",
            FourSParams {
                attractiveness: weights(0.0, 0.0, 0.0),
                ..Default::default()
            }
            .build(),
            |e| matches!(e, Error::WeightsDoNotSumToOne { axis: Axis::Attractiveness, sum } if *sum == 0.0),
            &["account attractiveness", "sum to 0"],
        ),
        case(
            "negative",
            WebsterParams {
                intensity: weights(-0.5, 0.5, 1.0),
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::InvalidWeight {
                        axis: Axis::RelationshipIntensity,
                        field: ScoreField::RevenueShare,
                        ..
                    }
                )
            },
            &["relationship intensity", "revenue share", "-0.5"],
        ),
        case(
            "NaN",
            BensaouParams {
                supplier_investment: weights(0.5, f64::NAN, 0.5),
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::InvalidWeight {
                        axis: Axis::SupplierInvestment,
                        field: ScoreField::StrategicFit,
                        ..
                    }
                )
            },
            &["supplier's specific investments", "strategic fit", "NaN"],
        ),
        case(
            "infinite",
            MillmanWilsonParams {
                involvement: weights(0.0, 0.0, f64::INFINITY),
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::InvalidWeight {
                        axis: Axis::Involvement,
                        field: ScoreField::RelationshipStrength,
                        ..
                    }
                )
            },
            &["level of involvement", "relationship strength", "inf"],
        ),
        case(
            "sum above one",
            AxisWeights::new(Axis::RelativeStrength, 0.5, 0.5, 0.5),
            |e| {
                matches!(
                    e,
                    Error::WeightsDoNotSumToOne {
                        axis: Axis::RelativeStrength,
                        ..
                    }
                )
            },
            &["relative strength", "1.5"],
        ),
    ]);
}

#[test]
fn bad_thresholds() {
    run(vec![
        case(
            "zero",
            FourSParams {
                strength_threshold: 0.0,
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::ThresholdOutOfRange {
                        axis: Axis::RelativeStrength,
                        ..
                    }
                )
            },
            &["relative strength threshold 0"],
        ),
        case(
            "one",
            BensaouParams {
                buyer_threshold: 1.0,
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::ThresholdOutOfRange {
                        axis: Axis::BuyerInvestment,
                        ..
                    }
                )
            },
            &["buyer's specific investments threshold 1"],
        ),
        case(
            "NaN",
            FourSParams {
                attractiveness_threshold: f64::NAN,
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::ThresholdOutOfRange {
                        axis: Axis::Attractiveness,
                        ..
                    }
                )
            },
            &["attractiveness threshold NaN"],
        ),
        case(
            "unordered",
            WebsterParams {
                thresholds: [0.1, 0.3, 0.2, 0.6, 0.8],
                ..Default::default()
            }
            .build(),
            |e| matches!(e, Error::ThresholdsNotOrdered { axis: Axis::RelationshipIntensity, previous, next } if *previous == 0.3 && *next == 0.2),
            &["relationship intensity", "0.3", "0.2"],
        ),
        case(
            "equal",
            MillmanWilsonParams {
                thresholds: [0.2, 0.4, 0.4, 0.8],
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::ThresholdsNotOrdered {
                        axis: Axis::Development,
                        ..
                    }
                )
            },
            &["relational development", "0.4"],
        ),
        case(
            "negative",
            WebsterParams {
                thresholds: [-0.1, 0.3, 0.5, 0.6, 0.8],
                ..Default::default()
            }
            .build(),
            |e| {
                matches!(
                    e,
                    Error::ThresholdOutOfRange {
                        axis: Axis::RelationshipIntensity,
                        ..
                    }
                )
            },
            &["-0.1"],
        ),
        case(
            "uncoupling drop",
            MillmanWilsonParams {
                uncoupling_drop: -0.2,
                ..Default::default()
            }
            .build(),
            |e| matches!(e, Error::InvalidUncouplingDrop { .. }),
            &["uncoupling drop -0.2"],
        ),
        case(
            "balance tolerance",
            MillmanWilsonParams {
                balance_tolerance: f64::INFINITY,
                ..Default::default()
            }
            .build(),
            |e| matches!(e, Error::InvalidBalanceTolerance { .. }),
            &["balance tolerance inf"],
        ),
    ]);
}

#[test]
fn bad_positions_and_previous_assessments() {
    let mw = MillmanWilson::default();
    let mut previous = mw.classify(&Scores::new(0.5, 0.5, 0.5).unwrap());
    previous.position.development = 1.5;
    run(vec![
        case(
            "Bensaou",
            BensaouPosition::new(0.5, -1.0),
            |e| {
                matches!(
                    e,
                    Error::AxisValueOutOfRange {
                        axis: Axis::SupplierInvestment,
                        ..
                    }
                )
            },
            &["supplier's specific investments", "-1"],
        ),
        case(
            "Webster",
            WebsterPosition::new(f64::NAN),
            |e| {
                matches!(
                    e,
                    Error::AxisValueOutOfRange {
                        axis: Axis::RelationshipIntensity,
                        ..
                    }
                )
            },
            &["relationship intensity", "NaN"],
        ),
        case(
            "Millman and Wilson",
            mw.position_from_axes(2.0, 0.5),
            |e| {
                matches!(
                    e,
                    Error::AxisValueOutOfRange {
                        axis: Axis::RelationshipNature,
                        ..
                    }
                )
            },
            &["nature of relationship", "2"],
        ),
        case(
            "previous",
            mw.classify_with_previous(&Scores::new(0.5, 0.5, 0.5).unwrap(), &previous),
            |e| {
                matches!(
                    e,
                    Error::InvalidPreviousAssessment {
                        what: "development",
                        ..
                    }
                )
            },
            &["development", "1.5"],
        ),
    ]);
}

#[test]
fn bad_tier_maps() {
    run(vec![
        case(
            "missing class",
            TierMap::new([(FourSClass::Strategic, Tier::Key)]),
            |e| matches!(e, Error::MissingTier { model: "4S", class } if class == "Streamline"),
            &["4S", "Streamline"],
        ),
        case(
            "class twice",
            TierMap::new([
                (FourSClass::Strategic, Tier::Key),
                (FourSClass::Strategic, Tier::Development),
            ]),
            |e| matches!(e, Error::DuplicateTier { model: "4S", class } if class == "Strategic"),
            &["4S", "Strategic", "twice"],
        ),
    ]);
}

#[test]
fn bad_scorecards_and_ratings() {
    let f = |name: &str, w| Factor::new(name, w, RatingScale::default());
    let card = Scorecard::new(
        ScoreField::StrategicFit,
        vec![f("growth", 0.5), f("prestige", 0.5)],
        MissingRating::Error,
    )
    .unwrap();
    run(vec![
        case(
            "empty",
            Scorecard::new(ScoreField::StrategicFit, vec![], MissingRating::Error),
            |e| {
                matches!(
                    e,
                    Error::EmptyScorecard {
                        score: ScoreField::StrategicFit
                    }
                )
            },
            &["strategic fit scorecard has no factors"],
        ),
        case(
            "duplicate",
            Scorecard::new(
                ScoreField::StrategicFit,
                vec![f("growth", 0.5), f("growth", 0.5)],
                MissingRating::Error,
            ),
            |e| matches!(e, Error::DuplicateFactor { factor } if factor == "growth"),
            &["growth", "twice"],
        ),
        case(
            "negative weight",
            Scorecard::new(
                ScoreField::RelationshipStrength,
                vec![f("trust", -1.0), f("years", 2.0)],
                MissingRating::Error,
            ),
            |e| matches!(e, Error::InvalidFactorWeight { factor, .. } if factor == "trust"),
            &["trust", "-1"],
        ),
        case(
            "weights all zero",
            Scorecard::new(
                ScoreField::RelationshipStrength,
                vec![f("trust", 0.0)],
                MissingRating::Error,
            ),
            |e| {
                matches!(
                    e,
                    Error::FactorWeightsDoNotSumToOne {
                        score: ScoreField::RelationshipStrength,
                        ..
                    }
                )
            },
            &["relationship strength scorecard", "sum to 0"],
        ),
        case(
            "scale",
            RatingScale::new(10.0, 1.0),
            |e| matches!(e, Error::InvalidRatingScale { .. }),
            &["10", "1"],
        ),
        case(
            "infinite scale",
            RatingScale::new(0.0, f64::INFINITY),
            |e| matches!(e, Error::InvalidRatingScale { .. }),
            &["inf"],
        ),
        case(
            "missing rating",
            card.score("ACME Ltd", |f| (f == "growth").then_some(3.0)),
            |e| matches!(e, Error::MissingRating { account, factor } if account == "ACME Ltd" && factor == "prestige"),
            &["ACME Ltd", "prestige"],
        ),
        case(
            "off-scale rating",
            card.score("ACME Ltd", |_| Some(11.0)),
            |e| matches!(e, Error::RatingOutOfRange { account, factor, .. } if account == "ACME Ltd" && factor == "growth"),
            &["ACME Ltd", "growth", "11"],
        ),
        case(
            "NaN rating",
            card.score("ACME Ltd", |_| Some(f64::NAN)),
            |e| matches!(e, Error::RatingOutOfRange { .. }),
            &["ACME Ltd", "NaN"],
        ),
    ]);
}

/// A JSON configuration: parse it unchecked, then build, to get the exact variant; loading the
/// model directly fails with the same message.
#[test]
fn out_of_range_json_configurations() {
    fn both<P, M>(json: &str) -> Result<M, Error>
    where
        P: serde::de::DeserializeOwned,
        M: serde::de::DeserializeOwned + TryFrom<P, Error = Error>,
    {
        let params: P = serde_json::from_str(json).expect("well-formed");
        let typed = M::try_from(params);
        let direct = serde_json::from_str::<M>(json);
        match (&typed, direct) {
            (Err(e), Err(d)) => assert!(d.to_string().contains(&e.to_string()), "{d} vs {e}"),
            (Ok(_), Ok(_)) => {}
            _ => panic!("loading and building disagree on {json}"),
        }
        typed
    }
    use keyaccount::{Bensaou, FourS, MillmanWilson as Mw, Webster};
    run(vec![
        case(
            "threshold above one",
            both::<FourSParams, FourS>(r#"{"attractiveness_threshold": 1.5}"#),
            |e| {
                matches!(
                    e,
                    Error::ThresholdOutOfRange {
                        axis: Axis::Attractiveness,
                        ..
                    }
                )
            },
            &["1.5"],
        ),
        case(
            "weights sum",
            both::<BensaouParams, Bensaou>(
                r#"{"buyer_investment": {"revenue_share": 0.2, "strategic_fit": 0.2, "relationship_strength": 0.2}}"#,
            ),
            |e| {
                matches!(
                    e,
                    Error::WeightsDoNotSumToOne {
                        axis: Axis::BuyerInvestment,
                        ..
                    }
                )
            },
            &["0.6"],
        ),
        case(
            "unordered thresholds",
            both::<WebsterParams, Webster>(r#"{"thresholds": [0.9, 0.8, 0.7, 0.6, 0.5]}"#),
            |e| matches!(e, Error::ThresholdsNotOrdered { .. }),
            &["0.9", "0.8"],
        ),
        case(
            "uncoupling drop",
            both::<MillmanWilsonParams, Mw>(r#"{"uncoupling_drop": 0}"#),
            |e| matches!(e, Error::InvalidUncouplingDrop { .. }),
            &["uncoupling drop 0"],
        ),
    ]);
}

#[test]
fn malformed_json_configurations() {
    use keyaccount::{AnyModel, FourS};
    // A model loaded directly: serde_json reports the line.
    let cases: &[(&str, &str, usize, &str)] = &[
        ("truncated", "{\n\"strength_threshold\": 0.", 2, "EOF"),
        ("not an object", "[1, 2, 3]", 1, "invalid type"),
        (
            "string threshold",
            "{\n\n\"strength_threshold\": \"high\"}",
            3,
            "\"high\"",
        ),
        (
            "unknown field",
            "{\"threshold\": 0.5}",
            1,
            "unknown field `threshold`",
        ),
        (
            "tier of unknown class",
            "{\"tiers\": {\"platinum\": \"key\"}}",
            1,
            "platinum",
        ),
        (
            "unknown tier",
            "{\"tiers\": {\"star\": \"gold\"}}",
            1,
            "gold",
        ),
    ];
    for (name, json, line, culprit) in cases {
        let err = serde_json::from_str::<FourS>(json).unwrap_err();
        assert_eq!(err.line(), *line, "{name}: {err}");
        assert!(err.to_string().contains(culprit), "{name}: {err}");
    }
    // Through the model tag: serde buffers the body, so only the message names the culprit.
    let cases: &[(&str, &str, &str)] = &[
        ("unknown model", r#"{"model": "kraljic"}"#, "kraljic"),
        (
            "missing tag",
            r#"{"strength_threshold": 0.5}"#,
            "missing field `model`",
        ),
        (
            "unknown field",
            r#"{"model": "webster", "threshold": 0.5}"#,
            "threshold",
        ),
        (
            "wrong threshold count",
            r#"{"model": "webster", "thresholds": [0.5]}"#,
            "length 1",
        ),
        (
            "string threshold",
            r#"{"model": "four_s", "strength_threshold": "high"}"#,
            "\"high\"",
        ),
    ];
    for (name, json, culprit) in cases {
        let err = serde_json::from_str::<AnyModel>(json).unwrap_err();
        assert!(err.to_string().contains(culprit), "{name}: {err}");
    }
}

/// Issue 8: a logarithmic scale with a subnormal floor scores every share, none as NaN; a floor
/// within rounding of the reference has no logarithmic span and is rejected.
#[test]
fn logarithmic_scale_with_a_tiny_floor() {
    let scale = RevenueShareScale::logarithmic(1e-310, 0.1).unwrap();
    let mut last = 0.0;
    for share in [
        0.0, 1e-320, 1e-310, 1e-200, 0.001, 0.01, 0.05, 0.1, 0.5, 1.0,
    ] {
        let v = scale.score(share).unwrap();
        assert!((0.0..=1.0).contains(&v), "{share} scores {v}");
        assert!(v >= last, "not monotone at {share}");
        last = v;
    }
    assert_eq!(scale.score(0.5).unwrap(), 1.0);
    // ln(0.01 / 1e-310) / ln(0.1 / 1e-310), by hand.
    let expected = (0.01f64.ln() - 1e-310f64.ln()) / (0.1f64.ln() - 1e-310f64.ln());
    assert!((scale.score(0.01).unwrap() - expected).abs() < 1e-12);
    let json = r#"{"method": "logarithmic", "floor": 1e-310, "reference": 0.1}"#;
    let loaded: RevenueShareScale = serde_json::from_str(json).unwrap();
    assert_eq!(loaded.score(0.5).unwrap(), 1.0);

    // Near 1e-300 the logarithm (about -690) is coarser than one step of the share.
    let below = f64::from_bits(1e-300f64.to_bits() - 1);
    assert_eq!(below.ln(), 1e-300f64.ln());
    run(vec![case(
        "floor one ulp below a tiny reference",
        RevenueShareScale::logarithmic(below, 1e-300),
        |e| {
            matches!(
                e,
                Error::InvalidScale {
                    parameter: "floor",
                    ..
                }
            )
        },
        &["floor", "too close"],
    )]);
}

/// Issue 8: a rating scale whose linear form is not finite (or loses the rating's digits) is
/// rejected where it is made, so batch scoring never sees it.
#[test]
fn rating_scales_with_no_finite_linear_form() {
    let bad_scale = |e: &Error| matches!(e, Error::InvalidRatingScale { .. });
    let json = serde_json::from_str::<RatingScale>(r#"{"low": 0, "high": 1e-310}"#).unwrap_err();
    assert!(
        json.to_string().contains("rating scale from 0 to 1e-310"),
        "{json}"
    );
    // The smallest span whose inverse is finite, and a weight just over 1 within the sum's
    // tolerance: each scale is fine, the scorecard's coefficient is not.
    let mut span = 1.0 / f64::MAX;
    while !(1.0 / span).is_finite() {
        span = f64::from_bits(span.to_bits() + 1);
    }
    let edge = RatingScale::new(0.0, span).unwrap();
    run(vec![
        case(
            "subnormal span",
            RatingScale::new(0.0, 1e-310),
            |e| matches!(e, Error::InvalidRatingScale { low, high } if *low == 0.0 && *high == 1e-310),
            &["rating scale from 0 to 1e-310"],
        ),
        case(
            "span that overflows",
            RatingScale::new(-f64::MAX, f64::MAX),
            bad_scale,
            &["-1.7976931348623157e308"],
        ),
        case(
            "ends a billion spans out",
            RatingScale::new(1e9, 1e9 + 1.0),
            bad_scale,
            &["1000000000", "1000000001"],
        ),
        case(
            "coefficient that overflows",
            Scorecard::new(
                ScoreField::StrategicFit,
                vec![Factor::new("edge", 1.0000005, edge)],
                MissingRating::Error,
            ),
            bad_scale,
            &["rating scale from 0 to"],
        ),
    ]);
}

/// Issue 8: every nested object of a configuration rejects unknown fields, and weights read on
/// their own are checked.
#[test]
fn unknown_fields_and_unchecked_weights_in_json() {
    use keyaccount::{AnyModel, FourS};
    let cases: &[(&str, serde_json::Result<()>, &str)] = &[
        (
            "weights of a model",
            serde_json::from_str::<AnyModel>(
                r#"{"model": "four_s", "attractiveness": {"revenue_share": 0.4, "strategic_fit": 0.6, "relationship_strength": 0, "revenue": 1}}"#,
            )
            .map(drop),
            "unknown field `revenue`",
        ),
        (
            "weights of parameters",
            serde_json::from_str::<FourSParams>(
                r#"{"relative_strength": {"revenue_share": 0, "strategic_fit": 0, "relationship_strength": 1, "trust": 0}}"#,
            )
            .map(drop),
            "unknown field `trust`",
        ),
        (
            "scores",
            serde_json::from_str::<Scores>(
                r#"{"revenue_share": 0.1, "strategic_fit": 0.2, "relationship_strength": 0.3, "extra": 1}"#,
            )
            .map(drop),
            "unknown field `extra`",
        ),
        (
            "rating scale",
            serde_json::from_str::<RatingScale>(r#"{"low": 1, "high": 10, "step": 1}"#).map(drop),
            "unknown field `step`",
        ),
        (
            "rating scale inside a scorecard",
            serde_json::from_str::<Scorecard>(
                r#"{"score": "strategic_fit", "factors": [{"name": "g", "weight": 1, "scale": {"low": 1, "high": 5, "hi": 9}}]}"#,
            )
            .map(drop),
            "unknown field `hi`",
        ),
        (
            "revenue share scale",
            serde_json::from_str::<RevenueShareScale>(
                r#"{"method": "linear", "reference": 0.1, "floor": 0.001}"#,
            )
            .map(drop),
            "unknown field `floor`",
        ),
        (
            "weights alone, negative",
            serde_json::from_str::<AxisWeights>(
                r#"{"revenue_share": -0.5, "strategic_fit": 1.5, "relationship_strength": 0}"#,
            )
            .map(drop),
            "weight for revenue share is -0.5",
        ),
        (
            "weights alone, not summing to one",
            serde_json::from_str::<AxisWeights>(
                r#"{"revenue_share": 0.5, "strategic_fit": 0.6, "relationship_strength": 0}"#,
            )
            .map(drop),
            "weights sum to 1.1, not 1",
        ),
        (
            "weights alone, unknown field",
            serde_json::from_str::<AxisWeights>(
                r#"{"revenue_share": 1, "strategic_fit": 0, "relationship_strength": 0, "x": 0}"#,
            )
            .map(drop),
            "unknown field `x`",
        ),
        (
            "cut point",
            serde_json::from_str::<keyaccount::CutPoint>(
                r#"{"axis": "attractiveness", "value": 0.5, "side": "up"}"#,
            )
            .map(drop),
            "unknown field `side`",
        ),
    ];
    for (name, result, culprit) in cases {
        let err = result.as_ref().expect_err(name);
        assert!(err.to_string().contains(culprit), "{name}: {err}");
    }
    // Parameters still read bad weights unchecked, so building names the axis.
    let json = r#"{"attractiveness": {"revenue_share": -1, "strategic_fit": 2, "relationship_strength": 0}}"#;
    let err = serde_json::from_str::<FourSParams>(json)
        .unwrap()
        .build()
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidWeight {
            axis: Axis::Attractiveness,
            field: ScoreField::RevenueShare,
            ..
        }
    ));
    let direct = serde_json::from_str::<FourS>(json).unwrap_err();
    assert!(direct.to_string().contains(&err.to_string()), "{direct}");
}

/// Issue 8: input text is quoted (an empty id shows), long text is cut with its length, and
/// numbers print short.
#[test]
fn messages_quote_cut_and_print_numbers_short() {
    let card = Scorecard::new(
        ScoreField::StrategicFit,
        vec![Factor::new("growth", 1.0, RatingScale::default())],
        MissingRating::Error,
    )
    .unwrap();
    let huge = "x".repeat(10_000_000);
    run(vec![
        case(
            "empty account id",
            card.score("", |_| None),
            |e| matches!(e, Error::MissingRating { account, .. } if account.is_empty()),
            &[r#"account "" has no rating for factor "growth""#],
        ),
        case(
            "quote in a factor name",
            Scorecard::new(
                ScoreField::StrategicFit,
                vec![
                    Factor::new("say \"hi\"", 0.5, RatingScale::default()),
                    Factor::new("say \"hi\"", 0.5, RatingScale::default()),
                ],
                MissingRating::Error,
            ),
            |e| matches!(e, Error::DuplicateFactor { .. }),
            &[r#"factor "say \"hi\"" appears twice"#],
        ),
        case(
            "10 MB account id",
            card.score(&huge, |_| Some(11.0)),
            |e| matches!(e, Error::RatingOutOfRange { account, .. } if account.len() == 10_000_000),
            &["...", "(10000000 bytes)", "rating 11"],
        ),
        case(
            "subnormal score",
            Scores::new(0.5, -1e-310, 0.5),
            |e| matches!(e, Error::ScoreOutOfRange { .. }),
            &["strategic fit score -1e-310 is"],
        ),
        case(
            "huge weight",
            AxisWeights::new(Axis::Attractiveness, f64::MAX, 0.0, 0.0),
            |e| matches!(e, Error::WeightsDoNotSumToOne { .. }),
            &["sum to 1.7976931348623157e308, not 1"],
        ),
    ]);
    let err = card.score(&huge, |_| Some(11.0)).unwrap_err();
    assert!(
        err.to_string().len() < 300,
        "{} bytes",
        err.to_string().len()
    );
}

/// Issue 8: every display of a class or tier honours width and alignment.
#[test]
fn classes_and_tiers_pad() {
    use keyaccount::{Balance, BensaouClass, Class, MillmanWilsonStage, ModelKind, WebsterClass};
    assert_eq!(format!("{:<12}|", Tier::Key), "Key         |");
    assert_eq!(format!("{:>12}|", Tier::Key), "         Key|");
    assert_eq!(format!("{:^7}|", Tier::Key), "  Key  |");
    assert_eq!(
        format!("{:<12}|", Class::from(FourSClass::Star)),
        "Star        |"
    );
    assert_eq!(format!("{:<12}|", FourSClass::Star), "Star        |");
    assert_eq!(
        format!("{:<14}|", BensaouClass::CaptiveBuyer),
        "Captive buyer |"
    );
    assert_eq!(
        format!("{:<12}|", WebsterClass::Transaction),
        "Transaction |"
    );
    assert_eq!(format!("{:<9}|", MillmanWilsonStage::MidKam), "Mid-KAM  |");
    assert_eq!(format!("{:<9}|", Balance::Balanced), "balanced |");
    assert_eq!(format!("{:<4}|", ModelKind::FourS), "4S  |");
    assert_eq!(
        format!("{:<14}|", ScoreField::StrategicFit),
        "strategic fit |"
    );
    assert_eq!(format!("{:.3}|", Axis::Involvement), "lev|");
}

/// Issue 8: a cause is the source and is not repeated in the message; an I/O error keeps its
/// kind.
#[cfg(feature = "csv")]
#[test]
fn causes_are_sources() {
    use keyaccount::portfolio::{read_csv, read_csv_path};
    use std::error::Error as _;

    let err = read_csv_path("no/such/accounts.csv").unwrap_err();
    let Error::CsvOpen { ref source, .. } = err else {
        panic!("{err:?}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    let io = err
        .source()
        .unwrap()
        .downcast_ref::<keyaccount::error::IoError>();
    assert_eq!(io.map(|e| e.kind()), Some(std::io::ErrorKind::NotFound));
    assert_eq!(err.clone(), err);
    let shown = chain(&err);
    assert!(
        shown.starts_with(r#"cannot open "no/such/accounts.csv": "#),
        "{shown}"
    );

    let err = read_csv("id,name,revenue\nA,Alpha,1\nA,Again,2\n".as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), "csv line 3");
    assert_eq!(chain(&err), r#"csv line 3: account "A" appears twice"#);

    // A 10 MB cell is not echoed whole.
    let csv = format!("id,name,revenue\nA,Alpha,{}\n", "9x".repeat(5_000_000));
    let err = read_csv(csv.as_bytes()).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, Error::CsvInvalidValue { line: 2, .. }),
        "{err:?}"
    );
    assert!(msg.len() < 300 && msg.contains("(10000000 bytes)"), "{msg}");
}

mod portfolio {
    use super::{case, run};
    use keyaccount::portfolio::{
        AbcCuts, AccountRecord, AmountField, KeyRange, Portfolio, ShareMethod,
    };
    use keyaccount::Error;

    fn acc(id: &str, revenue: f64) -> AccountRecord {
        AccountRecord::new(id, format!("{id} Ltd"), revenue)
    }

    #[test]
    fn bad_portfolios() {
        run(vec![
            case(
                "empty portfolio",
                Portfolio::new(vec![]),
                |e| matches!(e, Error::EmptyPortfolio),
                &["no accounts"],
            ),
            case(
                "negative revenue",
                Portfolio::new(vec![acc("A", 1.0), acc("B", -5.0)]),
                |e| matches!(e, Error::InvalidAmount { account, field: AmountField::Revenue, .. } if account == "B"),
                &[r#"account "B""#, "revenue", "-5"],
            ),
            case(
                "NaN revenue",
                Portfolio::new(vec![acc("A", f64::NAN)]),
                |e| matches!(e, Error::InvalidAmount { account, field: AmountField::Revenue, .. } if account == "A"),
                &[r#"account "A""#, "NaN"],
            ),
            case(
                "infinite target",
                Portfolio::new(vec![acc("A", 1.0).with_target(f64::INFINITY)]),
                |e| {
                    matches!(
                        e,
                        Error::InvalidAmount {
                            field: AmountField::Target,
                            ..
                        }
                    )
                },
                &[r#"account "A""#, "target", "inf"],
            ),
            case(
                "duplicate ids",
                Portfolio::new(vec![acc("A", 1.0), acc("B", 1.0), acc("A", 2.0)]),
                |e| matches!(e, Error::DuplicateAccount { account } if account == "A"),
                &[r#"account "A" appears twice"#],
            ),
            case(
                "total revenue overflows",
                Portfolio::new(vec![acc("A", 1e308), acc("B", 1e308)]),
                |e| {
                    matches!(
                        e,
                        Error::TotalOverflow {
                            field: AmountField::Revenue
                        }
                    )
                },
                &["total revenue overflows"],
            ),
            case(
                "total potential overflows",
                Portfolio::new(vec![
                    acc("A", 1.0).with_potential(f64::MAX),
                    acc("B", 1.0).with_potential(f64::MAX),
                ]),
                |e| {
                    matches!(
                        e,
                        Error::TotalOverflow {
                            field: AmountField::Potential
                        }
                    )
                },
                &["total potential"],
            ),
            case(
                "potential below revenue",
                Portfolio::new(vec![acc("A", 10.0).with_potential(5.0)]),
                |e| matches!(e, Error::PotentialBelowRevenue { account, .. } if account == "A"),
                &[r#"account "A""#, "potential 5", "revenue 10"],
            ),
        ]);
    }

    #[test]
    fn bad_revenue_distributions() {
        let zero = Portfolio::new(vec![acc("A", 0.0), acc("B", 0.0)]).unwrap();
        run(vec![
            case(
                "all-zero revenue, reference",
                ShareMethod::default().shares(&zero),
                |e| matches!(e, Error::ZeroTotalRevenue),
                &["total revenue is zero"],
            ),
            case(
                "all-zero revenue, percentile",
                ShareMethod::PercentileRank.shares(&zero),
                |e| matches!(e, Error::ZeroTotalRevenue),
                &["total revenue is zero"],
            ),
            case(
                "all-zero revenue, Pareto",
                ShareMethod::Pareto(AbcCuts::default()).shares(&zero),
                |e| matches!(e, Error::ZeroTotalRevenue),
                &["total revenue is zero"],
            ),
            case(
                "ABC cuts unordered",
                AbcCuts::new(0.95, 0.8),
                |e| matches!(e, Error::InvalidAbcCuts { .. }),
                &["0.95", "0.8"],
            ),
            case(
                "key range reversed",
                KeyRange::new(35, 15),
                |e| matches!(e, Error::InvalidKeyRange { min: 35, max: 15 }),
                &["35", "15"],
            ),
        ]);
    }

    #[test]
    fn one_account_and_zero_revenue_have_documented_outcomes() {
        let one = Portfolio::new(vec![acc("A", 10.0)]).unwrap();
        let s = ShareMethod::PercentileRank.shares(&one).unwrap();
        assert_eq!((s[0].share, s[0].score), (1.0, 1.0));
        let s = ShareMethod::default().shares(&one).unwrap();
        assert_eq!(s[0].score, 1.0);

        let with_zero = Portfolio::new(vec![acc("A", 10.0), acc("Z", 0.0)]).unwrap();
        for method in [
            ShareMethod::default(),
            ShareMethod::PercentileRank,
            ShareMethod::Pareto(AbcCuts::default()),
        ] {
            let s = method.shares(&with_zero).unwrap();
            let z = s.iter().find(|s| s.id == "Z").unwrap();
            assert_eq!((z.share, z.score), (0.0, 0.0), "{method:?}");
        }
    }

    #[test]
    fn bad_groups() {
        let unknown = Portfolio::new(vec![acc("A", 1.0), acc("B", 1.0).with_parent("X")]).unwrap();
        let cycle = Portfolio::new(vec![
            acc("A", 1.0).with_parent("C"),
            acc("B", 1.0).with_parent("A"),
            acc("C", 1.0).with_parent("B"),
        ])
        .unwrap();
        let own = Portfolio::new(vec![acc("A", 1.0).with_parent("A")]).unwrap();
        run(vec![
            case(
                "unknown parent",
                unknown.roll_up(),
                |e| matches!(e, Error::UnknownParent { account, parent } if account == "B" && parent == "X"),
                &[r#"account "B""#, r#"unknown parent "X""#],
            ),
            case(
                "parent cycle",
                cycle.roll_up(),
                |e| matches!(e, Error::ParentCycle { .. }),
                &["A", "B", "C", "own ancestor"],
            ),
            case(
                "own parent",
                own.roll_up(),
                |e| matches!(e, Error::ParentCycle { account, .. } if account == "A"),
                &[r#"account "A""#],
            ),
        ]);
    }

    #[cfg(feature = "csv")]
    #[test]
    fn malformed_csv() {
        use keyaccount::portfolio::{read_csv, HeaderProblem};
        let csv = |s: &'static str| read_csv(s.as_bytes());
        fn at(e: &Error, n: u64) -> bool {
            matches!(e, Error::CsvInvalidValue { line, .. }
                | Error::CsvMalformed { line, .. }
                | Error::CsvRecord { line, .. } if *line == n)
        }
        run(vec![
            case(
                "no revenue column",
                csv("id,name\nA,Alpha\n"),
                |e| {
                    matches!(e, Error::Header { problems, .. }
                    if matches!(problems.as_slice(), [HeaderProblem::Missing { .. }]))
                },
                &["no column for revenue", "accepted"],
            ),
            case(
                "typo in a column",
                csv("id,name,revenu\nA,Alpha,1\n"),
                |e| {
                    matches!(e, Error::Header { problems, .. }
                    if problems.iter().any(|p| matches!(p, HeaderProblem::Unknown { column, .. }
                        if column.header == "revenu")))
                },
                &["\"revenu\"", "did you mean \"revenue\""],
            ),
            case(
                "column twice",
                csv("id,name,revenue,revenue\nA,Alpha,1,2\n"),
                |e| {
                    matches!(e, Error::Header { problems, .. }
                    if matches!(problems.as_slice(), [HeaderProblem::Duplicate { .. }]))
                },
                &["read as revenue", "keep one"],
            ),
            case(
                "text revenue",
                csv("id,name,revenue\nA,Alpha,1\nB,Beta,12;5\n"),
                |e| matches!(e, Error::CsvInvalidValue { line: 3, column, .. } if column == "revenue"),
                &["line 3", "column revenue", "12;5"],
            ),
            case(
                "NaN revenue",
                csv("id,name,revenue\nA,Alpha,NaN\n"),
                |e| matches!(e, Error::CsvInvalidValue { line: 2, .. }),
                &["line 2", "NaN"],
            ),
            case(
                "empty id",
                csv("id,name,revenue\n,Alpha,1\n"),
                |e| matches!(e, Error::CsvInvalidValue { line: 2, column, .. } if column == "id"),
                &["line 2", "column id"],
            ),
            case(
                "short row",
                csv("id,name,revenue\nA,Alpha,1\nB,Beta\n"),
                |e| at(e, 3) && matches!(e, Error::CsvMalformed { .. }),
                &["line 3"],
            ),
            case(
                "bad rating",
                csv("id,name,revenue,fit:growth\nA,Alpha,1,high\n"),
                |e| matches!(e, Error::CsvInvalidValue { line: 2, column, .. } if column == "fit:growth"),
                &["line 2", "fit:growth", "high"],
            ),
            case(
                "negative revenue",
                csv("id,name,revenue\nA,Alpha,1\nB,Beta,-3\n"),
                |e| at(e, 3),
                &["line 3", "-3"],
            ),
            case(
                "duplicate id",
                csv("id,name,revenue\nA,Alpha,1\nA,Again,2\n"),
                |e| matches!(e, Error::CsvRecord { line: 3, source } if matches!(**source, Error::DuplicateAccount { .. })),
                &["line 3", r#"account "A" appears twice"#],
            ),
            case(
                "no rows",
                csv("id,name,revenue\n"),
                |e| matches!(e, Error::EmptyPortfolio),
                &["no accounts"],
            ),
            case(
                "file that does not exist",
                keyaccount::portfolio::read_csv_path("no/such/accounts.csv"),
                |e| matches!(e, Error::CsvOpen { path, .. } if path == "no/such/accounts.csv"),
                &[r#"cannot open "no/such/accounts.csv""#],
            ),
            case(
                "invalid UTF-8",
                read_csv(&b"id,name,revenue\nA,\xff\xfe,1\n"[..]),
                |e| at(e, 2),
                &["line 2"],
            ),
        ]);
    }
}

mod batch {
    use super::{case, run};
    use keyaccount::batch::{AllModels, BatchClassifier, BatchScorer};
    use keyaccount::{
        Error, Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard, Tier, Webster,
    };
    use ndarray::{array, Array1, Array2, ShapeBuilder};

    fn card(score: ScoreField, names: &[&str]) -> Scorecard {
        let w = 1.0 / names.len() as f64;
        let factors = names
            .iter()
            .map(|n| Factor::new(*n, w, RatingScale::default()))
            .collect();
        Scorecard::new(score, factors, MissingRating::Error).unwrap()
    }

    #[test]
    fn bad_matrices() {
        let nan_at_2_1 = array![[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, f64::NAN, 0.9]];
        let mut fortran = Array2::<f64>::from_elem((3, 3).f(), 0.5);
        fortran[[1, 2]] = 1.5;
        fortran[[2, 0]] = -1.0;
        let mut tiers = Array1::from_elem(2, Tier::Key);
        run(vec![
            case(
                "two columns",
                FourS::default().classify_batch(array![[0.1, 0.2]].view()),
                |e| {
                    matches!(
                        e,
                        Error::BatchColumns {
                            expected: 3,
                            found: 2
                        }
                    )
                },
                &["2 columns", "expected 3"],
            ),
            case(
                "four columns",
                AllModels::default().classify_batch(Array2::zeros((5, 4)).view()),
                |e| {
                    matches!(
                        e,
                        Error::BatchColumns {
                            expected: 3,
                            found: 4
                        }
                    )
                },
                &["4 columns"],
            ),
            case(
                "NaN",
                Webster::default().classify_batch(nan_at_2_1.view()),
                |e| {
                    matches!(
                        e,
                        Error::InvalidBatchValue {
                            row: 2,
                            column: ScoreField::StrategicFit,
                            ..
                        }
                    )
                },
                &["row 2", "strategic fit", "NaN"],
            ),
            case(
                "first bad value in row-major order, column-major input",
                FourS::default().classify_batch(fortran.view()),
                |e| {
                    matches!(
                        e,
                        Error::InvalidBatchValue {
                            row: 1,
                            column: ScoreField::RelationshipStrength,
                            ..
                        }
                    )
                },
                &["row 1", "relationship strength", "1.5"],
            ),
            case(
                "infinity",
                FourS::default().tiers_batch(
                    array![[f64::INFINITY, 0.0, 0.0], [0.0, 0.0, 0.0]].view(),
                    tiers.view_mut(),
                ),
                |e| {
                    matches!(
                        e,
                        Error::InvalidBatchValue {
                            row: 0,
                            column: ScoreField::RevenueShare,
                            ..
                        }
                    )
                },
                &["row 0", "revenue share", "inf"],
            ),
            case(
                "output too short",
                FourS::default().tiers_batch(Array2::zeros((3, 3)).view(), tiers.view_mut()),
                |e| {
                    matches!(
                        e,
                        Error::BatchLength {
                            expected: 3,
                            found: 2,
                            ..
                        }
                    )
                },
                &["2 rows", "expected 3"],
            ),
        ]);
    }

    #[test]
    fn bad_factor_matrices() {
        let scorer = BatchScorer::new(
            card(ScoreField::StrategicFit, &["growth", "prestige"]),
            card(ScoreField::RelationshipStrength, &["trust"]),
        )
        .unwrap();
        let revenue = array![0.5, 0.5];
        run(vec![
            case(
                "wrong factor count",
                scorer.scores(
                    revenue.view(),
                    array![[1.0], [2.0]].view(),
                    array![[1.0], [2.0]].view(),
                ),
                |e| {
                    matches!(
                        e,
                        Error::FactorColumns {
                            score: ScoreField::StrategicFit,
                            expected: 2,
                            found: 1
                        }
                    )
                },
                &["strategic fit factor matrix", "1 columns", "expected 2"],
            ),
            case(
                "off-scale rating",
                scorer.scores(
                    revenue.view(),
                    array![[1.0, 2.0], [3.0, 11.0]].view(),
                    array![[1.0], [2.0]].view(),
                ),
                |e| matches!(e, Error::InvalidBatchRating { row: 1, column: 1, factor, .. } if factor == "prestige"),
                &["row 1", r#""prestige""#, "11"],
            ),
            case(
                "row counts differ",
                scorer.scores(
                    revenue.view(),
                    array![[1.0, 2.0]].view(),
                    array![[1.0], [2.0]].view(),
                ),
                |e| {
                    matches!(
                        e,
                        Error::BatchLength {
                            expected: 2,
                            found: 1,
                            ..
                        }
                    )
                },
                &["1 rows", "expected 2"],
            ),
            case(
                "scorecards swapped",
                BatchScorer::new(
                    card(ScoreField::RelationshipStrength, &["trust"]),
                    card(ScoreField::StrategicFit, &["growth"]),
                ),
                |e| {
                    matches!(
                        e,
                        Error::WrongScorecard {
                            expected: ScoreField::StrategicFit,
                            found: ScoreField::RelationshipStrength
                        }
                    )
                },
                &["expected a strategic fit scorecard"],
            ),
        ]);
    }
}

/// Portfolio and CSV inputs built to break the portfolio layer: huge amounts, tiny targets,
/// empty cells, bytes that are not text, and very deep or very long parent chains.
#[cfg(feature = "csv")]
mod portfolio_hostile {
    use super::{case, run};
    use keyaccount::portfolio::{read_csv, AccountRecord, AmountField, Attainment, Portfolio};
    use keyaccount::portfolio::{ScoringConfig, ShareMethod, Summary};
    use keyaccount::{Error, Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard};

    fn acc(id: &str, revenue: f64) -> AccountRecord {
        AccountRecord::new(id, format!("Account {id}"), revenue)
    }

    fn config() -> ScoringConfig {
        let card = |s, f: &str| {
            Scorecard::new(
                s,
                vec![Factor::new(f, 1.0, RatingScale::default())],
                MissingRating::Neutral,
            )
            .unwrap()
        };
        ScoringConfig::new(
            ShareMethod::PercentileRank,
            card(ScoreField::StrategicFit, "growth"),
            card(ScoreField::RelationshipStrength, "trust"),
        )
        .unwrap()
    }

    #[test]
    fn roll_up_weights_ratings_by_revenue_shares_near_the_largest_amounts() {
        let p = Portfolio::new(vec![
            acc("G", 1.0e308).with_fit_rating("growth", 8.0),
            acc("L", 7.0e307)
                .with_parent("G")
                .with_fit_rating("growth", 2.0),
        ])
        .unwrap();
        let rolled = p.roll_up().unwrap();
        let growth = rolled
            .portfolio()
            .rating("G", ScoreField::StrategicFit, "growth")
            .unwrap();
        // (8 * 1e308 + 2 * 7e307) / 1.7e308, which the products alone would overflow.
        let expected = 8.0 * (10.0 / 17.0) + 2.0 * (7.0 / 17.0);
        assert!(
            (growth - expected).abs() < 1e-12,
            "{growth} instead of {expected}"
        );
    }

    #[test]
    fn attainment_against_a_subnormal_target_is_not_given() {
        let p = Portfolio::new(vec![
            acc("A", 10.0).with_target(1e-320),
            acc("B", 5.0).with_target(4.0),
        ])
        .unwrap();
        let c = p.score(&config()).unwrap().classify(FourS::default());
        let a = Attainment::new(&c);
        let tiny = a.accounts.iter().find(|x| x.id == "A").unwrap();
        assert_eq!(tiny.attainment, None);
        assert_eq!(tiny.target, Some(1e-320));
        let b = a.accounts.iter().find(|x| x.id == "B").unwrap();
        assert_eq!(b.attainment, Some(1.25));
        for g in a.by_tier.iter().chain([&a.total]) {
            assert!(g.attainment.map_or(true, f64::is_finite), "{g:?}");
        }
        let text = Summary::by_tier(&c).to_string();
        assert!(!text.contains("inf"), "{text}");
    }

    #[test]
    fn hostile_csv_cells() {
        run(vec![
            case(
                "empty period cell",
                read_csv("period,id,name,revenue\n2024,A,Alpha,1\n,B,Beta,2\n".as_bytes()),
                |e| {
                    matches!(e, Error::CsvInvalidValue { line: 3, column, value, .. }
                        if column == "period" && value.is_empty())
                },
                &["csv line 3", "column period", "empty"],
            ),
            case(
                "total overflows in a period",
                read_csv(
                    "period,id,name,revenue\n2024,A,Alpha,1\n2025,A,Alpha,1e308\n2025,B,Beta,1e308\n"
                        .as_bytes(),
                ),
                |e| {
                    matches!(e, Error::CsvTotalOverflow { line: 4, period, field: AmountField::Revenue }
                        if period == "2025")
                },
                &["csv line 4", r#"period "2025""#, "total revenue"],
            ),
            case(
                "cell that is not UTF-8",
                read_csv(&b"id,name,revenue\nA,Caf\xe9,1\n"[..]),
                |e| {
                    matches!(e, Error::CsvInvalidValue { line: 2, column, .. } if column == "name")
                },
                &["csv line 2", "column name", "UTF-8"],
            ),
        ]);
    }

    #[test]
    fn empty_parent_id_is_quoted() {
        let p = Portfolio::new(vec![acc("A", 1.0), acc("B", 1.0).with_parent("")]).unwrap();
        run(vec![case(
            "empty parent id",
            p.roll_up(),
            |e| matches!(e, Error::UnknownParent { account, parent } if account == "B" && parent.is_empty()),
            &[r#"account "B""#, r#"unknown parent """#],
        )]);
    }

    const DEEP: usize = 100_000;

    #[test]
    fn deep_parent_chain_listed_deepest_first_rolls_up_to_one_group() {
        // Account i is a subsidiary of account i - 1; the file lists the deepest first.
        let records = (0..DEEP)
            .rev()
            .map(|i| {
                let r = acc(&format!("A{i}"), 1.0);
                if i == 0 {
                    r
                } else {
                    r.with_parent(format!("A{}", i - 1))
                }
            })
            .collect();
        let rolled = Portfolio::new(records).unwrap().roll_up().unwrap();
        assert_eq!(rolled.groups().len(), 1);
        assert_eq!(rolled.groups()[0].size, DEEP);
        assert_eq!(rolled.group_of("A99999"), Some("A0"));
        assert_eq!(rolled.portfolio().total_revenue(), DEEP as f64);
    }

    #[test]
    fn long_parent_cycle_has_a_short_message() {
        let records = (0..DEEP)
            .map(|i| acc(&format!("C{i}"), 1.0).with_parent(format!("C{}", (i + 1) % DEEP)))
            .collect();
        let err = Portfolio::new(records).unwrap().roll_up().unwrap_err();
        match &err {
            Error::ParentCycle {
                account,
                cycle,
                length,
            } => {
                assert_eq!((account.as_str(), *length), ("C0", DEEP));
                assert_eq!(cycle[..3], ["C0", "C1", "C2"]);
            }
            other => panic!("wrong variant {other:?}"),
        }
        let msg = err.to_string();
        assert!(msg.len() < 200, "{} bytes: {msg}", msg.len());
        assert!(
            msg.contains(r#""C0" -> "C1""#) && msg.contains("100000 accounts"),
            "{msg}"
        );
    }

    #[test]
    fn scorecard_with_many_factors_finds_a_late_duplicate() {
        let mut factors: Vec<Factor> = (0..DEEP)
            .map(|i| Factor::new(format!("f{i}"), 1.0 / DEEP as f64, RatingScale::default()))
            .collect();
        factors.push(Factor::new("f7", 0.0, RatingScale::default()));
        run(vec![case(
            "late duplicate factor",
            Scorecard::new(ScoreField::StrategicFit, factors, MissingRating::Error),
            |e| matches!(e, Error::DuplicateFactor { factor } if factor == "f7"),
            &["f7"],
        )]);
    }
}
