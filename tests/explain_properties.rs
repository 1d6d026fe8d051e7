//! Properties of explanations, moves and sensitivity, over random scores and random settings
//! (weights, thresholds and tier maps, monotone or not).

mod common;

use keyaccount::explain::{
    explain, factor_moves, moves, sensitivity, Goal, RatingReach, Reach, WeightShift,
};
use keyaccount::{
    AnyModel, AxisWeights, Bensaou, BensaouClass, BensaouParams, Classifier, Factor, FourS,
    FourSClass, FourSParams, MillmanWilson, MillmanWilsonParams, MillmanWilsonStage, MissingRating,
    NativeClass, RatingScale, ScoreField, Scorecard, Scores, Tier, TierMap, Webster, WebsterClass,
    WebsterParams,
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
    prop_oneof![
        (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64)
            .prop_filter("not all zero", |(a, b, c)| a + b + c > 0.01)
            .prop_map(|(a, b, c)| {
                let s = a + b + c;
                AxisWeights {
                    revenue_share: a / s,
                    strategic_fit: b / s,
                    relationship_strength: 1.0 - a / s - b / s,
                }
            }),
        prop::sample::select(ScoreField::ALL.to_vec()).prop_map(AxisWeights::only),
    ]
}

fn cuts<const N: usize>() -> impl Strategy<Value = [f64; N]> {
    prop::collection::btree_set(5u32..95, N).prop_map(|set| {
        let v: Vec<f64> = set.into_iter().map(|c| f64::from(c) / 100.0).collect();
        v.try_into().unwrap()
    })
}

fn tier() -> impl Strategy<Value = Tier> {
    prop::sample::select(Tier::ALL.to_vec())
}

fn tier_map<C: NativeClass>() -> impl Strategy<Value = TierMap<C>> {
    prop_oneof![
        Just(TierMap::default()),
        prop::collection::vec(tier(), C::ALL.len())
            .prop_map(|t| TierMap::new(C::ALL.iter().copied().zip(t)).unwrap()),
    ]
}

/// Any model, with default or random settings.
fn model() -> impl Strategy<Value = AnyModel> {
    let webster = (weights(), cuts::<5>(), tier_map::<WebsterClass>()).prop_map(|(w, t, m)| {
        AnyModel::from(
            WebsterParams {
                intensity: w,
                thresholds: t,
                tiers: m,
            }
            .build()
            .unwrap(),
        )
    });
    let mw = (
        weights(),
        weights(),
        cuts::<4>(),
        tier_map::<MillmanWilsonStage>(),
    )
        .prop_map(|(n, i, t, m)| {
            AnyModel::from(
                MillmanWilsonParams {
                    nature: n,
                    involvement: i,
                    thresholds: t,
                    tiers: m,
                    ..Default::default()
                }
                .build()
                .unwrap(),
            )
        });
    let bensaou = (
        weights(),
        weights(),
        cuts::<2>(),
        tier_map::<BensaouClass>(),
    )
        .prop_map(|(b, s, t, m)| {
            AnyModel::from(
                BensaouParams {
                    buyer_investment: b,
                    supplier_investment: s,
                    buyer_threshold: t[0],
                    supplier_threshold: t[1],
                    tiers: m,
                }
                .build()
                .unwrap(),
            )
        });
    let four_s =
        (weights(), weights(), cuts::<2>(), tier_map::<FourSClass>()).prop_map(|(a, r, t, m)| {
            AnyModel::from(
                FourSParams {
                    attractiveness: a,
                    relative_strength: r,
                    attractiveness_threshold: t[1],
                    strength_threshold: t[0],
                    tiers: m,
                }
                .build()
                .unwrap(),
            )
        });
    prop_oneof![
        1 => prop::sample::select(AnyModel::all().to_vec()),
        1 => webster,
        1 => mw,
        1 => bensaou,
        1 => four_s,
    ]
}

/// Values strictly between `a` and `b` (either order): the float next to `b`, a tiny step
/// back, and a few points in between.
fn between(a: f64, b: f64) -> Vec<f64> {
    let toward = if b > a { -1.0 } else { 1.0 };
    let mut v = vec![
        b + toward * 1e-9 * b.abs().max(1e-300),
        b + toward * f64::EPSILON * b.abs().max(f64::MIN_POSITIVE),
    ];
    v.extend((1..8).map(|k| a + (b - a) * f64::from(k) / 8.0));
    v.retain(|&x| {
        if b > a {
            x > a && x < b
        } else {
            x < a && x > b
        }
    });
    v
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// A move reaches its goal; any smaller move of the same score does not; and a goal not
    /// reachable is not met anywhere on the way to the end of the scale.
    #[test]
    fn moves_are_exact(model in model(), s in scores()) {
        let now = model.classify(&s);
        let m = moves(&model, &s);
        prop_assert_eq!(m.tier, now.tier);
        for mv in &m.moves {
            let tier_at = |x: f64| model.tier(&s.with(mv.score, x).unwrap());
            let meets = |x: f64| mv.goal.is_met(now.tier, tier_at(x));
            match mv.reach {
                Reach::Reached { to, change, class, tier } => {
                    let a = model.classify(&s.with(mv.score, to).unwrap());
                    prop_assert_eq!((a.class, a.tier), (class, tier));
                    prop_assert!(mv.goal.is_met(now.tier, tier), "{:?}", mv);
                    prop_assert_eq!(change, to - mv.from);
                    for x in between(mv.from, to) {
                        prop_assert!(!meets(x), "{:?} met at {}", mv, x);
                    }
                }
                Reach::NotReachable => {
                    let end = if mv.goal == Goal::NextTierDown { 0.0 } else { 1.0 };
                    prop_assert!(!meets(end), "{:?}", mv);
                    for x in between(mv.from, end) {
                        prop_assert!(!meets(x), "{:?} met at {}", mv, x);
                    }
                }
            }
        }
    }

    /// The explanation agrees with the classification and adds up.
    #[test]
    fn explanations_add_up(model in model(), s in scores()) {
        let why = explain(&model, &s, &[]).unwrap();
        let a = model.classify(&s);
        prop_assert_eq!((why.class, why.tier), (a.class, a.tier));
        prop_assert_eq!(why.margin, a.margin);
        for axis in &why.axes {
            let sum: f64 = axis.contributions.iter().map(|c| c.contribution).sum();
            prop_assert!((sum - axis.value).abs() < 1e-9);
            for t in &axis.thresholds {
                prop_assert_eq!(t.passed, axis.value >= t.threshold);
            }
            prop_assert!(axis.thresholds.iter().filter(|t| t.decides).count() <= 2);
        }
        prop_assert!(why.axes.iter().any(|x| x.thresholds.iter().any(|t| t.decides)));
    }

    /// The exact range of a weighted sum over the shifted weights equals the best vertex of
    /// the weight polytope, and no weight vector on a grid inside it falls outside.
    #[test]
    fn weight_range_is_exact(w in weights(), s in scores(), delta in 0.0..0.3f64) {
        let shift = WeightShift::new(delta).unwrap();
        let (min, max) = shift.range(&w, &s);
        let w3 = w.pairs().map(|(_, v)| v);
        let sc = s.to_array();
        let lo = w3.map(|v| (v - delta).max(0.0));
        let hi = w3.map(|v| (v + delta).min(1.0));
        let value = |x: [f64; 3]| x[0] * sc[0] + x[1] * sc[1] + x[2] * sc[2];
        // Vertices: two weights at a bound, the third takes the rest.
        let (mut vmin, mut vmax) = (f64::INFINITY, f64::NEG_INFINITY);
        for free in 0..3 {
            let (i, j) = ((free + 1) % 3, (free + 2) % 3);
            for wi in [lo[i], hi[i]] {
                for wj in [lo[j], hi[j]] {
                    let wf = 1.0 - wi - wj;
                    if wf >= lo[free] - 1e-12 && wf <= hi[free] + 1e-12 {
                        let mut x = [0.0; 3];
                        x[i] = wi;
                        x[j] = wj;
                        x[free] = wf;
                        vmin = vmin.min(value(x));
                        vmax = vmax.max(value(x));
                    }
                }
            }
        }
        prop_assert!((min - vmin.clamp(0.0, 1.0)).abs() < 1e-9, "{} {}", min, vmin);
        prop_assert!((max - vmax.clamp(0.0, 1.0)).abs() < 1e-9, "{} {}", max, vmax);
        for a in 0..=10 {
            for b in 0..=10 {
                let w0 = lo[0] + (hi[0] - lo[0]) * f64::from(a) / 10.0;
                let w1 = lo[1] + (hi[1] - lo[1]) * f64::from(b) / 10.0;
                let w2 = 1.0 - w0 - w1;
                if w2 >= lo[2] && w2 <= hi[2] {
                    let v = value([w0, w1, w2]);
                    prop_assert!(v >= min - 1e-9 && v <= max + 1e-9);
                }
            }
        }
    }

    /// A stable class holds for weight vectors drawn within the shift, and every class they
    /// give is among the classes the sensitivity lists.
    #[test]
    fn stable_classes_hold(model in model(), s in scores(), delta in 0.0..0.2f64,
                           picks in prop::collection::vec((0.0..1.0f64, 0.0..1.0f64), 6)) {
        let shift = WeightShift::new(delta).unwrap();
        let sens = sensitivity(&model, &s, shift);
        let shifted = |w: AxisWeights, (p, q): (f64, f64)| -> AxisWeights {
            let w3 = w.pairs().map(|(_, v)| v);
            let lo = w3.map(|v| (v - delta).max(0.0));
            let hi = w3.map(|v| (v + delta).min(1.0));
            // Move weight between two coordinates within their bounds: stays feasible.
            let (i, j) = if p < 0.5 { (0, 1) } else if p < 0.8 { (1, 2) } else { (0, 2) };
            let up = (hi[i] - w3[i]).min(w3[j] - lo[j]);
            let down = (w3[i] - lo[i]).min(hi[j] - w3[j]);
            let t = -down + (up + down) * q;
            let mut x = w3;
            x[i] += t;
            x[j] -= t;
            AxisWeights { revenue_share: x[0], strategic_fit: x[1], relationship_strength: x[2] }
        };
        for &pick in &picks {
            let other: AnyModel = match &model {
                AnyModel::Webster(m) => Webster::new(WebsterParams {
                    intensity: shifted(m.params().intensity, pick),
                    ..m.params().clone()
                }).unwrap().into(),
                AnyModel::MillmanWilson(m) => MillmanWilson::new(MillmanWilsonParams {
                    nature: shifted(m.params().nature, pick),
                    involvement: shifted(m.params().involvement, (pick.1, pick.0)),
                    ..m.params().clone()
                }).unwrap().into(),
                AnyModel::Bensaou(m) => Bensaou::new(BensaouParams {
                    buyer_investment: shifted(m.params().buyer_investment, pick),
                    supplier_investment: shifted(m.params().supplier_investment, (pick.1, pick.0)),
                    ..m.params().clone()
                }).unwrap().into(),
                AnyModel::FourS(m) => FourS::new(FourSParams {
                    attractiveness: shifted(m.params().attractiveness, pick),
                    relative_strength: shifted(m.params().relative_strength, (pick.1, pick.0)),
                    ..m.params().clone()
                }).unwrap().into(),
            };
            // A value within rounding of a threshold can land on either side of it in floating
            // point; the ranges are exact in real arithmetic, so such draws say nothing.
            let values = other.decision_values(&s);
            let on_edge = other.decision_axes().iter().zip(&values).any(|(d, v)| {
                d.thresholds.iter().any(|t| (v - t).abs() <= 1e-12)
            });
            if on_edge {
                continue;
            }
            let c = other.classify(&s).class;
            prop_assert!(sens.classes.contains(&c), "{:?} not in {:?}", c, sens.classes);
            if sens.stable {
                prop_assert_eq!(c, sens.class);
            }
        }
        prop_assert!(sens.classes.contains(&sens.class));
        prop_assert!(sens.lowest_tier <= sens.tier && sens.tier <= sens.highest_tier);
    }

    /// A factor move, applied to the rating, reaches its goal through the scorecard; a rating
    /// a tiny step back does not.
    #[test]
    fn factor_moves_are_exact(model in model(), r in unit(), strength in unit(),
                              w in (0.05..1.0f64, 0.05..1.0f64),
                              ratings in (1.0..=10.0f64, 1.0..=10.0f64)) {
        let card = Scorecard::new(
            ScoreField::StrategicFit,
            vec![
                Factor::new("a", w.0 / (w.0 + w.1), RatingScale::default()),
                Factor::new("b", 1.0 - w.0 / (w.0 + w.1), RatingScale::default()),
            ],
            MissingRating::Error,
        ).unwrap();
        let rate = |f: &str| Some(if f == "a" { ratings.0 } else { ratings.1 });
        let fit = card.score("x", rate).unwrap();
        let s = Scores::new(r, fit, strength).unwrap();
        let now = model.tier(&s);
        for mv in factor_moves(&model, &s, &card, "x", rate).unwrap() {
            let tier_with = |x: f64| {
                let f = card.score("x", |n| if n == mv.factor { Some(x) } else { rate(n) }).unwrap();
                model.tier(&s.with(ScoreField::StrategicFit, f).unwrap())
            };
            if let RatingReach::Reached { to, tier, .. } = mv.reach {
                prop_assert_eq!(tier_with(to), tier);
                prop_assert!(mv.goal.is_met(now, tier));
                let from = mv.from.unwrap();
                for x in between(from, to) {
                    prop_assert!(!mv.goal.is_met(now, tier_with(x)), "{:?} at {}", mv, x);
                }
            }
        }
    }
}
