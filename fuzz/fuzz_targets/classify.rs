//! Any f64 triple, and any model settings: classification never panics, every valid triple
//! gets exactly one class, and every invalid one a named error.
#![no_main]

use arbitrary::Arbitrary;
use keyaccount::{
    AnyModel, AxisWeights, BensaouParams, Classifier, Error, FourSParams, MillmanWilson,
    MillmanWilsonParams, RevenueShareScale, Scores, WebsterParams,
};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    scores: [f64; 3],
    previous: [f64; 3],
    weights: [f64; 6],
    thresholds: [f64; 5],
    drop: f64,
    share: f64,
    scale: [f64; 2],
    linear: bool,
}

fn weights(w: &[f64]) -> AxisWeights {
    AxisWeights {
        revenue_share: w[0],
        strategic_fit: w[1],
        relationship_strength: w[2],
    }
}

fn models(i: &Input) -> Vec<AnyModel> {
    let mut out: Vec<AnyModel> = AnyModel::all().into();
    let t = i.thresholds;
    let w1 = weights(&i.weights[..3]);
    let w2 = weights(&i.weights[3..]);
    // Whatever the settings, building either succeeds or names the problem.
    if let Ok(m) = (WebsterParams {
        intensity: w1,
        thresholds: t,
        ..Default::default()
    })
    .build()
    {
        out.push(m.into());
    }
    if let Ok(m) = (MillmanWilsonParams {
        nature: w1,
        involvement: w2,
        thresholds: [t[0], t[1], t[2], t[3]],
        uncoupling_drop: i.drop,
        ..Default::default()
    })
    .build()
    {
        out.push(m.into());
    }
    if let Ok(m) = (BensaouParams {
        buyer_investment: w1,
        supplier_investment: w2,
        buyer_threshold: t[0],
        supplier_threshold: t[1],
        ..Default::default()
    })
    .build()
    {
        out.push(m.into());
    }
    if let Ok(m) = (FourSParams {
        attractiveness: w1,
        relative_strength: w2,
        attractiveness_threshold: t[0],
        strength_threshold: t[1],
        ..Default::default()
    })
    .build()
    {
        out.push(m.into());
    }
    out
}

/// Any scale that builds scores any share in [0, 1] in [0, 1], monotonically.
fn check_scale(input: &Input) {
    let [a, b] = input.scale;
    let built = if input.linear {
        RevenueShareScale::linear(a)
    } else {
        RevenueShareScale::logarithmic(a, b)
    };
    let scale = match built {
        Ok(scale) => scale,
        Err(Error::InvalidScale { .. }) => return,
        Err(e) => panic!("unexpected error {e}"),
    };
    let share = input.share;
    match scale.score(share) {
        Ok(v) => {
            assert!((0.0..=1.0).contains(&share));
            assert!((0.0..=1.0).contains(&v), "{scale:?} scores {share} as {v}");
            let up = scale.score((share * 2.0).min(1.0)).unwrap();
            assert!(up >= v, "{scale:?} is not monotone at {share}");
        }
        Err(Error::RevenueShareOutOfRange { .. }) => assert!(!(0.0..=1.0).contains(&share)),
        Err(e) => panic!("unexpected error {e}"),
    }
}

fuzz_target!(|input: Input| {
    check_scale(&input);
    let [r, f, s] = input.scores;
    let scores = match Scores::new(r, f, s) {
        Ok(s) => s,
        Err(Error::ScoreOutOfRange { value, .. }) => {
            assert!(!(0.0..=1.0).contains(&value));
            return;
        }
        Err(e) => panic!("unexpected error {e}"),
    };
    for model in models(&input) {
        let a = model.classify(&scores);
        assert!(a.margin.is_finite() && a.margin >= 0.0);
        assert_eq!(model.tier_of(a.class), a.tier);
        assert_eq!(a.class.model(), model.kind());
    }
    if let (Ok(previous), Ok(mw)) = (
        Scores::try_from(input.previous),
        MillmanWilsonParams {
            uncoupling_drop: input.drop,
            ..Default::default()
        }
        .build(),
    ) {
        let before = mw.classify(&previous);
        let now = mw.classify_with_previous(&scores, &before).unwrap();
        assert!(now.margin.is_finite());
        let _ = MillmanWilson::default()
            .classify_with_previous(&scores, &before)
            .unwrap();
    }
});
