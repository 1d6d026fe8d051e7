//! Properties every model keeps, for any valid input.
//!
//! The number of cases follows `PROPTEST_CASES` (CI raises it).

use keyaccount::{
    AnyModel, Assessment, AxisWeights, Bensaou, BensaouClass, BensaouParams, Class, Classifier,
    FourS, FourSClass, FourSParams, MillmanWilson, MillmanWilsonParams, MillmanWilsonStage,
    NativeClass, Position, ScoreField, Scores, Tier, Webster, WebsterClass, WebsterParams,
};
use proptest::prelude::*;

/// Scores, with the ends and the default thresholds' values over-represented.
fn score() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0..=1.0f64,
        1 => prop::sample::select(vec![0.0, 0.2, 0.35, 0.4, 0.5, 0.6, 0.65, 0.8, 1.0]),
    ]
}

fn scores() -> impl Strategy<Value = Scores> {
    (score(), score(), score()).prop_map(|(r, f, s)| Scores::new(r, f, s).unwrap())
}

fn weights() -> impl Strategy<Value = AxisWeights> {
    (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64)
        .prop_filter("not all zero", |(a, b, c)| a + b + c > 1e-3)
        .prop_map(|(a, b, c)| {
            let sum = a + b + c;
            AxisWeights {
                revenue_share: a / sum,
                strategic_fit: b / sum,
                relationship_strength: c / sum,
            }
        })
}

/// `N` strictly increasing thresholds in (0, 1).
fn thresholds<const N: usize>() -> impl Strategy<Value = [f64; N]> {
    prop::collection::btree_set(1u32..1000, N).prop_map(|set| {
        let mut out = [0.0; N];
        for (o, v) in out.iter_mut().zip(set) {
            *o = f64::from(v) / 1000.0;
        }
        out
    })
}

fn webster() -> impl Strategy<Value = Webster> {
    (weights(), thresholds::<5>()).prop_map(|(intensity, thresholds)| {
        WebsterParams {
            intensity,
            thresholds,
            ..WebsterParams::default()
        }
        .build()
        .unwrap()
    })
}

fn millman_wilson() -> impl Strategy<Value = MillmanWilson> {
    (
        weights(),
        weights(),
        thresholds::<4>(),
        0.0..=1.0f64,
        0.01..=1.0f64,
    )
        .prop_map(
            |(nature, involvement, thresholds, balance_tolerance, uncoupling_drop)| {
                MillmanWilsonParams {
                    nature,
                    involvement,
                    thresholds,
                    balance_tolerance,
                    uncoupling_drop,
                    ..MillmanWilsonParams::default()
                }
                .build()
                .unwrap()
            },
        )
}

fn bensaou() -> impl Strategy<Value = Bensaou> {
    (weights(), weights(), thresholds::<1>(), thresholds::<1>()).prop_map(|(b, s, tb, ts)| {
        BensaouParams {
            buyer_investment: b,
            supplier_investment: s,
            buyer_threshold: tb[0],
            supplier_threshold: ts[0],
            ..BensaouParams::default()
        }
        .build()
        .unwrap()
    })
}

fn four_s() -> impl Strategy<Value = FourS> {
    (weights(), weights(), thresholds::<1>(), thresholds::<1>()).prop_map(|(a, s, ta, ts)| {
        FourSParams {
            attractiveness: a,
            relative_strength: s,
            attractiveness_threshold: ta[0],
            strength_threshold: ts[0],
            ..FourSParams::default()
        }
        .build()
        .unwrap()
    })
}

fn any_model() -> impl Strategy<Value = AnyModel> {
    prop_oneof![
        webster().prop_map(AnyModel::from),
        millman_wilson().prop_map(AnyModel::from),
        bensaou().prop_map(AnyModel::from),
        four_s().prop_map(AnyModel::from),
    ]
}

/// Independent membership tests: for each class of the model, whether the position belongs to
/// it by the documented rule. Exactly one must hold, and it must be the class given.
fn members(model: &AnyModel, position: &Position) -> Vec<Class> {
    fn band_members<C: NativeClass + Into<Class>>(
        classes: &[C],
        cuts: &[f64],
        v: f64,
    ) -> Vec<Class> {
        let mut lows = vec![f64::NEG_INFINITY];
        lows.extend_from_slice(cuts);
        let mut highs = cuts.to_vec();
        highs.push(f64::INFINITY);
        classes
            .iter()
            .zip(lows.iter().zip(&highs))
            .filter(|(_, (lo, hi))| v >= **lo && v < **hi)
            .map(|(c, _)| (*c).into())
            .collect()
    }
    match (model, position) {
        (AnyModel::Webster(m), Position::Webster(p)) => {
            band_members(WebsterClass::ALL, m.thresholds(), p.intensity)
        }
        (AnyModel::MillmanWilson(m), Position::MillmanWilson(p)) => band_members(
            &MillmanWilsonStage::POSITIONAL,
            m.thresholds(),
            p.development,
        ),
        (AnyModel::Bensaou(m), Position::Bensaou(p)) => BensaouClass::ALL
            .iter()
            .filter(|c| {
                let (hb, hs) = c.cell();
                (p.buyer_investment >= m.buyer_threshold()) == hb
                    && (p.supplier_investment >= m.supplier_threshold()) == hs
            })
            .map(|&c| c.into())
            .collect(),
        (AnyModel::FourS(m), Position::FourS(p)) => FourSClass::ALL
            .iter()
            .filter(|c| {
                let (ha, hs) = c.cell();
                (p.attractiveness >= m.attractiveness_threshold()) == ha
                    && (p.relative_strength >= m.strength_threshold()) == hs
            })
            .map(|&c| c.into())
            .collect(),
        _ => panic!("position of another model"),
    }
}

fn raise(s: &Scores, field: ScoreField, by: f64) -> Scores {
    let v = (s.get(field) + by).min(1.0);
    s.with(field, v).unwrap()
}

proptest! {
    #[test]
    fn every_valid_input_gets_exactly_one_class(model in any_model(), s in scores()) {
        let a = model.classify(&s);
        let found = members(&model, &a.position);
        prop_assert_eq!(found, vec![a.class]);
        prop_assert_eq!(model.tier_of(a.class), a.tier);
        prop_assert!(a.margin.is_finite() && a.margin >= 0.0);
    }

    #[test]
    fn positions_stay_on_the_axes(model in any_model(), s in scores()) {
        let a = model.classify(&s);
        let values: Vec<f64> = match a.position {
            Position::Webster(p) => vec![p.intensity],
            Position::MillmanWilson(p) => vec![p.nature, p.involvement, p.development],
            Position::Bensaou(p) => vec![p.buyer_investment, p.supplier_investment],
            Position::FourS(p) => vec![p.attractiveness, p.relative_strength],
        };
        for v in values {
            prop_assert!((0.0..=1.0).contains(&v), "{v}");
        }
    }

    #[test]
    fn raising_a_score_never_lowers_the_tier(
        model in any_model(),
        s in scores(),
        field in prop::sample::select(ScoreField::ALL.to_vec()),
        by in prop_oneof![0.0..=1.0f64, Just(1e-12)],
    ) {
        // Any model with a monotone tier map (every default one) keeps this.
        let higher = raise(&s, field, by);
        prop_assert!(model.tier(&higher) >= model.tier(&s));
        let (a, b) = (model.classify(&s).class, model.classify(&higher).class);
        prop_assert!(a == b || a.is_below(b), "{a} -> {b}");
    }

    #[test]
    fn raising_a_score_never_lowers_the_default_tier(
        s in scores(),
        field in prop::sample::select(ScoreField::ALL.to_vec()),
        by in 0.0..=1.0f64,
    ) {
        let higher = raise(&s, field, by);
        for model in AnyModel::all() {
            prop_assert!(model.tier(&higher) >= model.tier(&s), "{}", model.name());
        }
    }

    #[test]
    fn uncoupling_with_a_fixed_past_is_monotone(
        model in millman_wilson(),
        past in scores(),
        s in scores(),
        field in prop::sample::select(ScoreField::ALL.to_vec()),
        by in 0.0..=1.0f64,
    ) {
        let previous = model.classify(&past);
        let higher = raise(&s, field, by);
        let now = model.classify_with_previous(&s, &previous).unwrap();
        let then = model.classify_with_previous(&higher, &previous).unwrap();
        prop_assert!(then.tier >= now.tier);
        let fall = previous.position.development - now.position.development;
        prop_assert_eq!(
            now.class == MillmanWilsonStage::UncouplingKam,
            fall >= model.uncoupling_drop()
        );
    }

    #[test]
    fn scores_round_trip_through_json(s in scores()) {
        let json = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(serde_json::from_str::<Scores>(&json).unwrap(), s);
    }

    #[test]
    fn models_round_trip_through_json(model in any_model()) {
        let json = serde_json::to_string(&model).unwrap();
        prop_assert_eq!(&serde_json::from_str::<AnyModel>(&json).unwrap(), &model);
    }

    #[test]
    fn assessments_round_trip_through_json(model in any_model(), s in scores()) {
        let a = model.classify(&s);
        let json = serde_json::to_string(&a).unwrap();
        let back: Assessment<Class, Position> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, a);
        let tier: Tier = serde_json::from_str(&serde_json::to_string(&a.tier).unwrap()).unwrap();
        prop_assert_eq!(tier, a.tier);
    }

    #[test]
    fn any_triple_is_either_scores_or_a_named_error(
        r in prop::num::f64::ANY,
        f in prop::num::f64::ANY,
        s in prop::num::f64::ANY,
    ) {
        match Scores::new(r, f, s) {
            Ok(scores) => {
                for model in AnyModel::all() {
                    let a = model.classify(&scores);
                    prop_assert!(a.margin.is_finite());
                }
            }
            Err(keyaccount::Error::ScoreOutOfRange { field, value }) => {
                let given = [r, f, s][ScoreField::ALL.iter().position(|&x| x == field).unwrap()];
                prop_assert_eq!(given.to_bits(), value.to_bits());
                prop_assert!(!(0.0..=1.0).contains(&value));
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }
}

#[test]
fn native_classes_round_trip_through_json() {
    fn check<C>()
    where
        C: NativeClass + serde::Serialize + serde::de::DeserializeOwned,
    {
        for &c in C::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<C>(&json).unwrap(), c);
        }
    }
    check::<WebsterClass>();
    check::<MillmanWilsonStage>();
    check::<BensaouClass>();
    check::<FourSClass>();
    check::<Class>();
    for t in Tier::ALL {
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Tier>(&json).unwrap(), t);
    }
}
