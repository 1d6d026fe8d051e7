//! Configurations loaded from JSON are validated like configurations built in code.

use keyaccount::{
    AnyModel, Bensaou, Classifier, Error, FourS, FourSClass, MillmanWilson, ModelKind,
    RevenueShareScale, Scores, Tier, TierMap, Webster,
};

#[test]
fn partial_configuration_takes_the_defaults() {
    let m: FourS = serde_json::from_str(r#"{ "attractiveness_threshold": 0.6 }"#).unwrap();
    assert_eq!(m.attractiveness_threshold(), 0.6);
    assert_eq!(m.strength_threshold(), 0.5);
    let m: Webster = serde_json::from_str("{}").unwrap();
    assert_eq!(m, Webster::default());
}

#[test]
fn out_of_range_thresholds_are_rejected() {
    for json in [
        r#"{ "attractiveness_threshold": 1.0 }"#,
        r#"{ "attractiveness_threshold": -0.5 }"#,
        r#"{ "strength_threshold": 0 }"#,
    ] {
        let err = serde_json::from_str::<FourS>(json).unwrap_err();
        assert!(err.to_string().contains("threshold"), "{err}");
    }
    let err = serde_json::from_str::<Webster>(r#"{ "thresholds": [0.5, 0.4, 0.6, 0.7, 0.8] }"#)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("relationship intensity thresholds are not strictly increasing"),
        "{err}"
    );
    let err = serde_json::from_str::<Webster>(r#"{ "thresholds": [0.5, 0.6] }"#).unwrap_err();
    assert!(err.to_string().contains("length"), "{err}");
}

#[test]
fn bad_weights_are_rejected() {
    let err = serde_json::from_str::<Bensaou>(
        r#"{ "buyer_investment": { "revenue_share": 0.5, "strategic_fit": 0.5, "relationship_strength": 0.5 } }"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("buyer's specific investments weights sum to 1.5, not 1"),
        "{err}"
    );
    let err = serde_json::from_str::<MillmanWilson>(
        r#"{ "nature": { "revenue_share": -1, "strategic_fit": 1, "relationship_strength": 1 } }"#,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("weight for revenue share is -1"),
        "{err}"
    );
}

#[test]
fn unknown_fields_are_rejected() {
    let err = serde_json::from_str::<FourS>(r#"{ "atractiveness_threshold": 0.6 }"#).unwrap_err();
    assert!(err.to_string().contains("unknown field"), "{err}");
}

#[test]
fn tier_maps_must_name_every_class_once() {
    let err = serde_json::from_str::<TierMap<FourSClass>>(
        r#"{ "strategic": "key", "star": "development", "status": "maintenance" }"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("tier mapping of the 4S model has no tier for class Streamline"),
        "{err}"
    );
    let err = serde_json::from_str::<TierMap<FourSClass>>(
        r#"{ "strategic": "key", "star": "development", "status": "maintenance",
             "streamline": "transactional", "star": "key" }"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("names class Star twice"), "{err}");
    let err =
        serde_json::from_str::<TierMap<FourSClass>>(r#"{ "strategic": "platinum" }"#).unwrap_err();
    assert!(err.to_string().contains("unknown variant"), "{err}");

    let ok: TierMap<FourSClass> = serde_json::from_str(
        r#"{ "strategic": "key", "star": "key", "status": "maintenance", "streamline": "transactional" }"#,
    )
    .unwrap();
    assert_eq!(ok.tier(FourSClass::Star), Tier::Key);
}

#[test]
fn any_model_is_chosen_by_its_tag() {
    let m: AnyModel = serde_json::from_str(
        r#"{ "model": "millman_wilson", "uncoupling_drop": 0.3, "thresholds": [0.1, 0.3, 0.5, 0.7] }"#,
    )
    .unwrap();
    assert_eq!(m.kind(), ModelKind::MillmanWilson);
    let err = serde_json::from_str::<AnyModel>(r#"{ "model": "kraljic" }"#).unwrap_err();
    assert!(err.to_string().contains("unknown variant"), "{err}");
    let err = serde_json::from_str::<AnyModel>(r#"{ "model": "bensaou", "buyer_threshold": 2 }"#)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("buyer's specific investments threshold 2"),
        "{err}"
    );
}

#[test]
fn a_model_round_trips_with_its_settings() {
    let m = AnyModel::FourS(
        keyaccount::FourSParams {
            strength_threshold: 0.42,
            tiers: TierMap::default().with(FourSClass::Star, Tier::Key),
            ..Default::default()
        }
        .build()
        .unwrap(),
    );
    let json = serde_json::to_string_pretty(&m).unwrap();
    assert!(json.contains(r#""model": "four_s""#), "{json}");
    let back: AnyModel = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
    let s = Scores::new(1.0, 1.0, 0.0).unwrap();
    assert_eq!(back.tier(&s), Tier::Key);
}

#[test]
fn scores_and_scales_are_validated_on_load() {
    let err = serde_json::from_str::<Scores>(
        r#"{ "revenue_share": 0.5, "strategic_fit": 1.5, "relationship_strength": 0.5 }"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("strategic fit score 1.5"), "{err}");
    let s: RevenueShareScale =
        serde_json::from_str(r#"{ "method": "linear", "reference": 0.05 }"#).unwrap();
    assert_eq!(s, RevenueShareScale::linear(0.05).unwrap());
    let err = serde_json::from_str::<RevenueShareScale>(
        r#"{ "method": "logarithmic", "floor": 0.2, "reference": 0.1 }"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("floor"), "{err}");
    assert!(matches!(
        RevenueShareScale::linear(f64::NAN),
        Err(Error::InvalidScale { .. })
    ));
}
