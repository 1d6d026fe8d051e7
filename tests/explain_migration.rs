//! Properties of migration reasons over random scores and random pairs of one model with
//! moved thresholds (and weights): the parts add up to the whole move, no move has no reason,
//! and the parts are what each half of the split says.

use keyaccount::explain::{migration_reason, MoveCause};
use keyaccount::{
    AnyModel, AxisWeights, BensaouParams, Classifier, FourSParams, MillmanWilsonParams, ScoreField,
    Scores, Tier, WebsterParams,
};
use proptest::prelude::*;

fn unit() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0..=1.0f64,
        1 => prop::sample::select(vec![0.0, 0.2, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]),
    ]
}

fn scores() -> impl Strategy<Value = Scores> {
    (unit(), unit(), unit()).prop_map(|(a, b, c)| Scores::new(a, b, c).unwrap())
}

fn weights() -> impl Strategy<Value = AxisWeights> {
    (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64)
        .prop_filter("not all zero", |(a, b, c)| a + b + c > 0.01)
        .prop_map(|(a, b, c)| {
            let s = a + b + c;
            AxisWeights {
                revenue_share: a / s,
                strategic_fit: b / s,
                relationship_strength: 1.0 - a / s - b / s,
            }
        })
}

fn cuts<const N: usize>() -> impl Strategy<Value = [f64; N]> {
    prop::collection::btree_set(5u32..95, N).prop_map(|set| {
        let v: Vec<f64> = set.into_iter().map(|c| f64::from(c) / 100.0).collect();
        v.try_into().unwrap()
    })
}

/// One model of kind `kind` (0 to 3): default weights or random ones, random thresholds.
fn model(kind: usize) -> BoxedStrategy<AnyModel> {
    let w = prop_oneof![Just(None), weights().prop_map(Some)];
    match kind {
        0 => (w, cuts::<5>())
            .prop_map(|(w, t)| {
                let d = WebsterParams::default();
                AnyModel::from(
                    WebsterParams {
                        intensity: w.unwrap_or(d.intensity),
                        thresholds: t,
                        ..d
                    }
                    .build()
                    .unwrap(),
                )
            })
            .boxed(),
        1 => (w, cuts::<4>())
            .prop_map(|(w, t)| {
                let d = MillmanWilsonParams::default();
                AnyModel::from(
                    MillmanWilsonParams {
                        nature: w.unwrap_or(d.nature),
                        thresholds: t,
                        ..d
                    }
                    .build()
                    .unwrap(),
                )
            })
            .boxed(),
        2 => (w, cuts::<2>())
            .prop_map(|(w, t)| {
                let d = BensaouParams::default();
                AnyModel::from(
                    BensaouParams {
                        buyer_investment: w.unwrap_or(d.buyer_investment),
                        buyer_threshold: t[0],
                        supplier_threshold: t[1],
                        ..d
                    }
                    .build()
                    .unwrap(),
                )
            })
            .boxed(),
        _ => (w, cuts::<2>())
            .prop_map(|(w, t)| {
                let d = FourSParams::default();
                AnyModel::from(
                    FourSParams {
                        attractiveness: w.unwrap_or(d.attractiveness),
                        attractiveness_threshold: t[1],
                        strength_threshold: t[0],
                        ..d
                    }
                    .build()
                    .unwrap(),
                )
            })
            .boxed(),
    }
}

/// Two models of one kind: the same one twice, or two settings.
fn pair() -> impl Strategy<Value = (AnyModel, AnyModel)> {
    (0usize..4).prop_flat_map(|k| {
        prop_oneof![model(k).prop_map(|m| (m.clone(), m)), (model(k), model(k)),]
    })
}

fn level(t: Tier) -> i8 {
    4 - t.number() as i8
}

proptest! {
    #[test]
    fn parts_add_up_and_no_move_has_no_reason(
        (before, after) in pair(),
        p in scores(),
        c in scores(),
    ) {
        let then = before.classify(&p);
        let via = before.classify(&c);
        let now = after.classify(&c);
        let why = migration_reason(&before, &p, &after, &c).unwrap();
        match why {
            None => prop_assert!(then.class == now.class && then.tier == now.tier),
            Some(why) => {
                prop_assert!(then.class != now.class || then.tier != now.tier);
                prop_assert_eq!(why.steps, why.by_scores + why.by_thresholds);
                prop_assert_eq!(why.steps, level(now.tier) - level(then.tier));
                prop_assert_eq!(why.by_scores, level(via.tier) - level(then.tier));
                prop_assert_eq!((why.previous_tier, why.via_tier, why.tier), (then.tier, via.tier, now.tier));
                if before == after {
                    prop_assert_eq!(why.by_thresholds, 0);
                    prop_assert_eq!(why.cause, MoveCause::OwnScores);
                    for a in &why.axes {
                        prop_assert_eq!(a.by_weights, 0.0);
                        prop_assert!(a.thresholds.iter().all(|t| t.shift == 0.0));
                    }
                }
                if via.class == then.class && via.tier == then.tier {
                    prop_assert_eq!(why.cause, MoveCause::Thresholds);
                }
                if why.by_scores != 0 && why.by_thresholds != 0 {
                    let opposed = (why.by_scores > 0) != (why.by_thresholds > 0);
                    prop_assert_eq!(why.cause == MoveCause::Opposed, opposed);
                }
                // Each axis's value change splits exactly into scores and weights.
                for a in &why.axes {
                    prop_assert!((a.previous_value + a.by_scores + a.by_weights - a.value).abs() < 1e-12);
                    prop_assert_eq!(a.deciding.is_some(), a.band != a.previous_band);
                }
                // On the deciding axis, the scores' effects add up to the part from scores.
                if let Some(a) = why.deciding() {
                    let sum: f64 = why.scores.iter().map(|s| s.effect).sum();
                    prop_assert!((sum - a.by_scores).abs() < 1e-9, "{} vs {}", sum, a.by_scores);
                    prop_assert!(a.band != a.previous_band);
                }
                // The largest change is the largest.
                if let Some(f) = why.largest_change {
                    let top = why.score(f).unwrap().change.abs();
                    prop_assert!(why.scores.iter().all(|s| s.change.abs() <= top));
                } else {
                    prop_assert!(ScoreField::ALL.iter().all(|&f| p.get(f) == c.get(f)));
                }
                let json = serde_json::to_string(&why).unwrap();
                let back: keyaccount::explain::MigrationReason = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(back, why);
            }
        }
    }

    #[test]
    fn same_scores_same_model_is_no_move((before, _) in pair(), p in scores()) {
        prop_assert!(migration_reason(&before, &p, &before, &p).unwrap().is_none());
    }
}
