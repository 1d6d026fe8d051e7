//! Any bytes as a JSON configuration: loading never panics, and whatever loads is valid.
#![no_main]

use keyaccount::{
    AnyModel, BensaouClass, Classifier, FourSClass, MillmanWilsonStage, RevenueShareScale,
    Scorecard, Scores, TierMap, WebsterClass,
};
use libfuzzer_sys::fuzz_target;

fn probe() -> [Scores; 4] {
    [
        Scores::new(0.0, 0.0, 0.0).unwrap(),
        Scores::new(0.5, 0.5, 0.5).unwrap(),
        Scores::new(1.0, 1.0, 1.0).unwrap(),
        Scores::new(0.9, 0.1, 0.6).unwrap(),
    ]
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
        for share in [0.0, 1e-9, 0.01, 0.5, 1.0] {
            let v = scale.score(share).unwrap();
            assert!((0.0..=1.0).contains(&v));
        }
    }
    if let Ok(card) = serde_json::from_str::<Scorecard>(text) {
        let top = card.score("fuzz", |name| {
            card.factors()
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.scale.high())
        });
        if let Ok(v) = top {
            assert!((0.0..=1.0).contains(&v));
        }
    }
    if let Ok(s) = serde_json::from_str::<Scores>(text) {
        assert!(s.to_array().iter().all(|v| (0.0..=1.0).contains(v)));
    }
    let _ = serde_json::from_str::<TierMap<WebsterClass>>(text);
    let _ = serde_json::from_str::<TierMap<MillmanWilsonStage>>(text);
    let _ = serde_json::from_str::<TierMap<BensaouClass>>(text);
    let _ = serde_json::from_str::<TierMap<FourSClass>>(text);
});
