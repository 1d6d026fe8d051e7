//! Any bytes as a CSV portfolio: reading never panics, and whatever reads goes through the
//! whole analysis without a panic or a NaN.
#![no_main]

use keyaccount::portfolio::{read_csv, AbcCuts, ShareMethod};
use keyaccount::{Classifier, FourS, RevenueShareScale};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(periods) = read_csv(data) else {
        return;
    };
    for (_, portfolio) in periods.all() {
        assert!(!portfolio.is_empty());
        for method in [
            ShareMethod::Reference(RevenueShareScale::default()),
            ShareMethod::PercentileRank,
            ShareMethod::Pareto(AbcCuts::default()),
        ] {
            if let Ok(shares) = method.shares(portfolio) {
                assert_eq!(shares.len(), portfolio.len());
                let sum: f64 = shares.iter().map(|s| s.share).sum();
                assert!((sum - 1.0).abs() < 1e-6, "shares sum to {sum}");
                for s in &shares {
                    assert!((0.0..=1.0).contains(&s.score), "score {}", s.score);
                    assert!(s.share.is_finite() && s.cumulative_before.is_finite());
                }
            }
        }
        if let Ok(rolled) = portfolio.roll_up() {
            let before = portfolio.total_revenue();
            let after = rolled.portfolio().total_revenue();
            assert!((before - after).abs() <= 1e-9 * before.max(1.0));
            if let Ok(shares) = ShareMethod::default().shares(rolled.portfolio()) {
                let model = FourS::default();
                for s in shares {
                    let scores = keyaccount::Scores::new(s.score, 0.5, 0.5).unwrap();
                    let _ = model.classify(&scores);
                }
            }
        }
    }
});
