//! The public types can be shared across threads: a compile-time check.

use keyaccount::*;

const fn send_sync<T: Send + Sync + 'static>() {}

// Evaluated at compile time: the test binary does not build if a type loses Send or Sync.
const _: () = {
    send_sync::<Error>();
    send_sync::<Scores>();
    send_sync::<ScoreField>();
    send_sync::<RevenueShareScale>();
    send_sync::<Axis>();
    send_sync::<AxisWeights>();
    send_sync::<CutPoint>();
    send_sync::<Tier>();
    send_sync::<TierMap<FourSClass>>();
    send_sync::<Webster>();
    send_sync::<WebsterParams>();
    send_sync::<WebsterClass>();
    send_sync::<WebsterPosition>();
    send_sync::<MillmanWilson>();
    send_sync::<MillmanWilsonParams>();
    send_sync::<MillmanWilsonStage>();
    send_sync::<MillmanWilsonPosition>();
    send_sync::<Balance>();
    send_sync::<Bensaou>();
    send_sync::<BensaouParams>();
    send_sync::<BensaouClass>();
    send_sync::<BensaouPosition>();
    send_sync::<FourS>();
    send_sync::<FourSParams>();
    send_sync::<FourSClass>();
    send_sync::<FourSPosition>();
    send_sync::<AnyModel>();
    send_sync::<Class>();
    send_sync::<Position>();
    send_sync::<ModelKind>();
    send_sync::<AnyAssessment>();
    send_sync::<Scorecard>();
    send_sync::<Factor>();
    send_sync::<RatingScale>();
    send_sync::<MissingRating>();
    send_sync::<portfolio::CoverageLevel>();
    send_sync::<portfolio::Hierarchy>();
    send_sync::<portfolio::Geography<'static>>();
    send_sync::<portfolio::Contradiction>();
    send_sync::<portfolio::PlanConfig>();
    send_sync::<portfolio::Planner>();
    send_sync::<portfolio::Plan>();
    send_sync::<portfolio::LevelMove>();
};

#[test]
fn models_are_shared_across_threads() {
    let models = std::sync::Arc::new(AnyModel::all());
    let s = Scores::new(0.9, 0.9, 0.9).unwrap();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let models = std::sync::Arc::clone(&models);
            std::thread::spawn(move || models.iter().map(|m| m.tier(&s)).collect::<Vec<_>>())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), vec![Tier::Key; 4]);
    }
}
