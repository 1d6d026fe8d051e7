//! Any bytes as a JSON configuration: loading never panics, and whatever loads is valid.
#![no_main]

use keyaccount::batch::BatchScorer;
use keyaccount::{
    AnyModel, Axis, AxisWeights, BensaouClass, Classifier, Factor, FourSClass, MillmanWilsonStage,
    MissingRating, RatingScale, RevenueShareScale, ScoreField, Scorecard, Scores, TierMap,
    WebsterClass,
};
use libfuzzer_sys::fuzz_target;
use ndarray::{Array1, Array2};

fn probe() -> [Scores; 4] {
    [
        Scores::new(0.0, 0.0, 0.0).unwrap(),
        Scores::new(0.5, 0.5, 0.5).unwrap(),
        Scores::new(1.0, 1.0, 1.0).unwrap(),
        Scores::new(0.9, 0.1, 0.6).unwrap(),
    ]
}

/// A scorecard scores its scales' ends and middles in [0, 1], alone and in a batch.
fn check_scorecard(card: &Scorecard) {
    let (coefficients, offset) = card.linear_form();
    assert!(offset.is_finite() && coefficients.iter().all(|c| c.is_finite()));
    let rows: Vec<Vec<f64>> = [0.0, 0.5, 1.0]
        .iter()
        .map(|&t| {
            card.factors()
                .iter()
                .map(|f| {
                    let (low, high) = (f.scale.low(), f.scale.high());
                    (low + t * (high - low)).clamp(low, high)
                })
                .collect()
        })
        .collect();
    let single: Vec<f64> = rows
        .iter()
        .map(|row| {
            card.score("fuzz", |name| {
                let i = card.factors().iter().position(|f| f.name == name)?;
                Some(row[i])
            })
            .unwrap()
        })
        .collect();
    assert!(single.iter().all(|v| (0.0..=1.0).contains(v)), "{single:?}");

    let other_field = match card.score_field() {
        ScoreField::StrategicFit => ScoreField::RelationshipStrength,
        _ => ScoreField::StrategicFit,
    };
    let other = Scorecard::new(
        other_field,
        vec![Factor::new("other", 1.0, RatingScale::default())],
        MissingRating::Error,
    )
    .unwrap();
    let (fit, strength) = if card.score_field() == ScoreField::StrategicFit {
        (card.clone(), other)
    } else {
        (other, card.clone())
    };
    let Ok(scorer) = BatchScorer::new(fit, strength) else {
        return;
    };
    let k = card.factors().len();
    let ratings = Array2::from_shape_fn((rows.len(), k), |(i, j)| rows[i][j]);
    let others = Array2::from_elem((rows.len(), 1), 5.0);
    let revenue = Array1::from_elem(rows.len(), 0.5);
    let (fit, strength) = if card.score_field() == ScoreField::StrategicFit {
        (ratings.view(), others.view())
    } else {
        (others.view(), ratings.view())
    };
    let scores = scorer.scores(revenue.view(), fit, strength).unwrap();
    let column = if card.score_field() == ScoreField::StrategicFit {
        1
    } else {
        2
    };
    for (i, v) in scores.column(column).iter().enumerate() {
        assert!((0.0..=1.0).contains(v), "batch score {v} for row {i}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(model) = serde_json::from_str::<AnyModel>(text) {
        for s in probe() {
            let a = model.classify(&s);
            assert!(a.margin.is_finite() && a.margin >= 0.0);
            assert_eq!(model.tier_of(a.class), a.tier);
        }
        let json = serde_json::to_string(&model).unwrap();
        let back: AnyModel = serde_json::from_str(&json).unwrap();
        assert_eq!(back, model);
    }
    if let Ok(scale) = serde_json::from_str::<RevenueShareScale>(text) {
        let mut last = 0.0;
        for share in [0.0, 1e-320, 1e-300, 1e-9, 0.01, 0.5, 1.0] {
            let v = scale.score(share).unwrap();
            assert!((0.0..=1.0).contains(&v), "{scale:?} scores {share} as {v}");
            assert!(v >= last, "{scale:?} is not monotone at {share}");
            last = v;
        }
    }
    if let Ok(scale) = serde_json::from_str::<RatingScale>(text) {
        for r in [
            scale.low(),
            (scale.low() + scale.high()) / 2.0,
            scale.high(),
        ] {
            let v = scale.normalize(r).unwrap();
            assert!((0.0..=1.0).contains(&v));
        }
    }
    if let Ok(w) = serde_json::from_str::<AxisWeights>(text) {
        assert!(w.validate(Axis::Attractiveness).is_ok(), "{w:?}");
    }
    if let Ok(card) = serde_json::from_str::<Scorecard>(text) {
        check_scorecard(&card);
    }
    if let Ok(s) = serde_json::from_str::<Scores>(text) {
        assert!(s.to_array().iter().all(|v| (0.0..=1.0).contains(v)));
    }
    let _ = serde_json::from_str::<TierMap<WebsterClass>>(text);
    let _ = serde_json::from_str::<TierMap<MillmanWilsonStage>>(text);
    let _ = serde_json::from_str::<TierMap<BensaouClass>>(text);
    let _ = serde_json::from_str::<TierMap<FourSClass>>(text);
});
