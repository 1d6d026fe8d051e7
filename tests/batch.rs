//! The batch layer against the one-account path, over layouts, custom settings and bad input.

mod common;

use approx::assert_relative_eq;
use ndarray::{s, Array1, Array2, ShapeBuilder};
use proptest::prelude::*;

use keyaccount::batch::{AllModels, BatchClassifier, BatchScorer};
use keyaccount::{
    AnyModel, AxisWeights, Bensaou, BensaouClass, BensaouParams, Classifier, Error, Factor, FourS,
    FourSClass, FourSParams, MillmanWilson, MillmanWilsonParams, MillmanWilsonStage, MissingRating,
    NativeClass, RatingScale, ScoreField, Scorecard, Scores, Tier, TierMap, Webster, WebsterClass,
    WebsterParams,
};

/// Values that sit on the default thresholds and the ends, where ties must go up.
const EDGES: [f64; 10] = [0.0, 1.0, 0.2, 0.35, 0.4, 0.5, 0.6, 0.65, 0.8, -0.0];

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0..=1.0f64,
        2 => proptest::sample::select(EDGES.to_vec()),
    ]
}

/// Rows, some with all three scores equal (so every axis lands exactly on the same value).
fn matrix() -> impl Strategy<Value = Array2<f64>> {
    let row = prop_oneof![
        3 => [value(), value(), value()],
        1 => value().prop_map(|v| [v, v, v]),
    ];
    proptest::collection::vec(row, 0..700).prop_map(|rows| {
        let n = rows.len();
        Array2::from_shape_vec((n, 3), rows.into_iter().flatten().collect()).unwrap()
    })
}

fn weights() -> impl Strategy<Value = AxisWeights> {
    [0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64].prop_map(|[a, b, c]| {
        let sum = a + b + c;
        if sum < 1e-3 {
            AxisWeights::only(ScoreField::StrategicFit)
        } else {
            AxisWeights {
                revenue_share: a / sum,
                strategic_fit: b / sum,
                relationship_strength: c / sum,
            }
        }
    })
}

/// `N` strictly increasing thresholds in (0, 1), often on round values.
fn thresholds<const N: usize>() -> impl Strategy<Value = [f64; N]> {
    let t = prop_oneof![
        0.01..0.99f64,
        proptest::sample::select(vec![0.2, 0.4, 0.5, 0.6])
    ];
    proptest::collection::vec(t, N).prop_filter_map("distinct thresholds", |mut v| {
        v.sort_by(f64::total_cmp);
        v.dedup();
        <[f64; N]>::try_from(v).ok()
    })
}

fn tier() -> impl Strategy<Value = Tier> {
    proptest::sample::select(Tier::ALL.to_vec())
}

fn tiers<C: NativeClass>() -> impl Strategy<Value = TierMap<C>> {
    proptest::collection::vec(tier(), C::ALL.len()).prop_map(|ts| {
        C::ALL
            .iter()
            .zip(ts)
            .fold(TierMap::default(), |m, (&c, t)| m.with(c, t))
    })
}

fn webster() -> impl Strategy<Value = Webster> {
    prop_oneof![
        Just(Webster::default()),
        (weights(), thresholds::<5>(), tiers::<WebsterClass>()).prop_map(|(w, t, m)| {
            WebsterParams {
                intensity: w,
                thresholds: t,
                tiers: m,
            }
            .build()
            .unwrap()
        }),
    ]
}

fn millman_wilson() -> impl Strategy<Value = MillmanWilson> {
    prop_oneof![
        Just(MillmanWilson::default()),
        (
            weights(),
            weights(),
            thresholds::<4>(),
            tiers::<MillmanWilsonStage>()
        )
            .prop_map(|(n, i, t, m)| {
                MillmanWilsonParams {
                    nature: n,
                    involvement: i,
                    thresholds: t,
                    tiers: m,
                    ..MillmanWilsonParams::default()
                }
                .build()
                .unwrap()
            }),
    ]
}

fn bensaou() -> impl Strategy<Value = Bensaou> {
    prop_oneof![
        Just(Bensaou::default()),
        (
            weights(),
            weights(),
            thresholds::<1>(),
            thresholds::<1>(),
            tiers::<BensaouClass>()
        )
            .prop_map(|(b, s, bt, st, m)| {
                BensaouParams {
                    buyer_investment: b,
                    supplier_investment: s,
                    buyer_threshold: bt[0],
                    supplier_threshold: st[0],
                    tiers: m,
                }
                .build()
                .unwrap()
            }),
    ]
}

fn four_s() -> impl Strategy<Value = FourS> {
    prop_oneof![
        Just(FourS::default()),
        (
            weights(),
            weights(),
            thresholds::<1>(),
            thresholds::<1>(),
            tiers::<FourSClass>()
        )
            .prop_map(|(a, s, at, st, m)| {
                FourSParams {
                    attractiveness: a,
                    relative_strength: s,
                    attractiveness_threshold: at[0],
                    strength_threshold: st[0],
                    tiers: m,
                }
                .build()
                .unwrap()
            }),
    ]
}

/// The batch result of `model` equals classifying each row alone.
fn same_as_one_by_one<M: BatchClassifier>(model: &M, m: &Array2<f64>) {
    let out = model.classify_batch(m.view()).unwrap();
    assert_eq!(out.len(), m.nrows());
    for (i, row) in m.rows().into_iter().enumerate() {
        let one = model.classify(&Scores::new(row[0], row[1], row[2]).unwrap());
        assert_eq!(out.classes[i], one.class, "row {i}: {row}");
        assert_eq!(out.tiers[i], one.tier, "row {i}: {row}");
    }
    // Every layout gives the same.
    let f = fortran(m);
    assert_eq!(model.classify_batch(f.view()).unwrap(), out);
    let mut tiers = Array1::from_elem(m.nrows(), Tier::Transactional);
    model.tiers_batch(f.view(), tiers.view_mut()).unwrap();
    assert_eq!(tiers, out.tiers);
}

fn fortran(m: &Array2<f64>) -> Array2<f64> {
    let mut f = Array2::zeros(m.raw_dim().f());
    f.assign(m);
    f
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn webster_batch_is_one_by_one(model in webster(), m in matrix()) {
        same_as_one_by_one(&model, &m);
        same_as_one_by_one(&AnyModel::Webster(model), &m);
    }

    #[test]
    fn millman_wilson_batch_is_one_by_one(model in millman_wilson(), m in matrix()) {
        same_as_one_by_one(&model, &m);
        same_as_one_by_one(&AnyModel::MillmanWilson(model), &m);
    }

    #[test]
    fn bensaou_batch_is_one_by_one(model in bensaou(), m in matrix()) {
        same_as_one_by_one(&model, &m);
        same_as_one_by_one(&AnyModel::Bensaou(model), &m);
    }

    #[test]
    fn four_s_batch_is_one_by_one(model in four_s(), m in matrix()) {
        same_as_one_by_one(&model, &m);
        same_as_one_by_one(&AnyModel::FourS(model), &m);
    }

    #[test]
    fn all_four_pass_is_each_model_alone(
        w in webster(), mw in millman_wilson(), b in bensaou(), f in four_s(), m in matrix()
    ) {
        let models = AllModels::new(w, mw, b, f);
        let out = models.classify_batch(m.view()).unwrap();
        prop_assert_eq!(&out.webster, &models.webster.classify_batch(m.view()).unwrap());
        prop_assert_eq!(
            &out.millman_wilson,
            &models.millman_wilson.classify_batch(m.view()).unwrap()
        );
        prop_assert_eq!(&out.bensaou, &models.bensaou.classify_batch(m.view()).unwrap());
        prop_assert_eq!(&out.four_s, &models.four_s.classify_batch(m.view()).unwrap());
        same_as_one_by_one(&models.four_s, &m);
        let mut again = models.classify_batch(Array2::from_elem((m.nrows(), 3), 0.5).view()).unwrap();
        models.classify_batch_into(m.view(), &mut again).unwrap();
        prop_assert_eq!(&again, &out);
        prop_assert_eq!(models.classify_batch(fortran(&m).view()).unwrap(), out);
    }

    #[test]
    fn an_invalid_value_is_named(
        m in matrix(),
        at in (0usize..700, 0usize..3),
        bad in proptest::sample::select(vec![f64::NAN, f64::INFINITY, -f64::INFINITY, -0.1, 1.1]),
    ) {
        prop_assume!(m.nrows() > 0);
        let mut m = m;
        let (row, col) = (at.0 % m.nrows(), at.1);
        m[[row, col]] = bad;
        for layout in [m.clone(), fortran(&m)] {
            let err = FourS::default().classify_batch(layout.view()).unwrap_err();
            match err {
                Error::InvalidBatchValue { row: r, column, value } => {
                    prop_assert_eq!(r, row);
                    prop_assert_eq!(column, ScoreField::ALL[col]);
                    prop_assert!(value.to_bits() == bad.to_bits());
                }
                other => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}

fn sample(n: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 10.0)
}

#[test]
fn strided_and_reversed_views_match_the_owned_copy() {
    let m = sample(1000);
    for view in [
        m.slice(s![..;2, ..]),
        m.slice(s![..;-1, ..]),
        m.slice(s![3..;3, ..]),
    ] {
        let owned = view.to_owned();
        for model in AnyModel::all() {
            assert_eq!(
                model.classify_batch(view).unwrap(),
                model.classify_batch(owned.view()).unwrap()
            );
        }
        let all = AllModels::default();
        assert_eq!(
            all.classify_batch(view).unwrap(),
            all.classify_batch(owned.view()).unwrap()
        );
    }
}

#[test]
fn a_view_of_a_wider_matrix_is_read_in_place() {
    let wide = Array2::from_shape_fn((600, 5), |(i, j)| ((i * 3 + j) % 10) as f64 / 9.0);
    let view = wide.slice(s![.., 1..4]);
    let model = Webster::default();
    assert_eq!(
        model.classify_batch(view).unwrap(),
        model.classify_batch(view.to_owned().view()).unwrap()
    );
}

#[test]
fn empty_and_single_row_matrices() {
    let empty = Array2::<f64>::zeros((0, 3));
    for model in AnyModel::all() {
        assert!(model.classify_batch(empty.view()).unwrap().is_empty());
    }
    assert!(AllModels::default()
        .classify_batch(empty.view())
        .unwrap()
        .is_empty());
    let one = Array2::from_elem((1, 3), 0.5);
    let out = FourS::default().classify_batch(one.view()).unwrap();
    assert_eq!(out.classes.to_vec(), vec![FourSClass::Strategic]);
}

#[test]
fn negative_zero_is_a_valid_zero() {
    let m = Array2::from_shape_vec((2, 3), vec![-0.0, -0.0, -0.0, 0.0, 0.0, 0.0]).unwrap();
    let out = Webster::default().classify_batch(m.view()).unwrap();
    assert_eq!(out.classes[0], out.classes[1]);
}

#[test]
fn outputs_into_strided_caller_arrays() {
    let m = sample(300);
    let model = Bensaou::default();
    let want = model.classify_batch(m.view()).unwrap();
    let mut tiers = Array1::from_elem(600, Tier::Transactional);
    let mut classes = Array1::from_elem(600, BensaouClass::MarketExchange);
    model
        .classify_batch_into(
            m.view(),
            tiers.slice_mut(s![..;2]),
            classes.slice_mut(s![1..;2]),
        )
        .unwrap();
    assert_eq!(tiers.slice(s![..;2]), want.tiers);
    assert_eq!(classes.slice(s![1..;2]), want.classes);
}

#[test]
fn the_first_bad_value_in_row_major_order_wins_in_every_layout() {
    let mut m = sample(2000);
    m[[1500, 0]] = f64::NAN;
    m[[1200, 2]] = 1.1;
    m[[1200, 1]] = -0.1;
    let f = fortran(&m);
    let reversed_copy = {
        let mut r = m.slice(s![..;-1, ..]).to_owned();
        r.invert_axis(ndarray::Axis(0));
        r
    };
    for layout in [m.view(), f.view(), reversed_copy.view()] {
        for model in AnyModel::all() {
            assert_eq!(
                model.classify_batch(layout).unwrap_err(),
                Error::InvalidBatchValue {
                    row: 1200,
                    column: ScoreField::StrategicFit,
                    value: -0.1
                }
            );
        }
        assert!(matches!(
            AllModels::default().classify_batch(layout),
            Err(Error::InvalidBatchValue { row: 1200, .. })
        ));
    }
    // A strided view counts its own rows.
    let err = FourS::default()
        .classify_batch(m.slice(s![..;2, ..]))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidBatchValue {
            row: 600,
            column: ScoreField::StrategicFit,
            ..
        }
    ));
}

#[test]
fn error_messages_name_row_and_column() {
    let mut m = sample(10);
    m[[3, 2]] = f64::INFINITY;
    let err = Webster::default().classify_batch(m.view()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 3: relationship strength score inf is not a finite number in [0, 1]"
    );
    let err = AnyModel::all()[1].assess_batch(m.view()).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidBatchValue {
            row: 3,
            column: ScoreField::RelationshipStrength,
            ..
        }
    ));
}

#[test]
fn wrong_shapes_are_errors() {
    let m = Array2::<f64>::zeros((4, 2));
    assert_eq!(
        FourS::default().classify_batch(m.view()).unwrap_err(),
        Error::BatchColumns {
            expected: 3,
            found: 2
        }
    );
    assert!(matches!(
        AllModels::default().classify_batch(Array2::<f64>::zeros((4, 4)).view()),
        Err(Error::BatchColumns {
            expected: 3,
            found: 4
        })
    ));
    let mut four = AllModels::default()
        .classify_batch(Array2::<f64>::zeros((3, 3)).view())
        .unwrap();
    assert!(matches!(
        AllModels::default().classify_batch_into(Array2::<f64>::zeros((4, 3)).view(), &mut four),
        Err(Error::BatchLength {
            expected: 4,
            found: 3,
            ..
        })
    ));
    let mut short = Array1::from_elem(3, Tier::Key);
    let err = FourS::default()
        .tiers_batch(Array2::<f64>::zeros((4, 3)).view(), short.view_mut())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::BatchLength {
            expected: 4,
            found: 3,
            ..
        }
    ));
}

/// Issue 8: each output array is checked on its own, so a class array longer than its tier
/// array is refused instead of keeping stale classes past the last row.
#[test]
fn all_models_into_checks_every_output_array() {
    let models = AllModels::default();
    let m = sample(5);
    let fresh = models.classify_batch(m.view()).unwrap();
    type Grow = fn(&mut keyaccount::batch::AllModelsAssessment);
    let longer: [(&str, Grow); 4] = [
        ("Webster class output", |o| {
            o.webster.classes = Array1::from_elem(6, WebsterClass::Transaction)
        }),
        ("Millman and Wilson class output", |o| {
            o.millman_wilson.classes = Array1::from_elem(6, MillmanWilsonStage::PreKam)
        }),
        ("Bensaou tier output", |o| {
            o.bensaou.tiers = Array1::from_elem(6, Tier::Key)
        }),
        ("4S class output", |o| {
            o.four_s.classes = Array1::from_elem(6, FourSClass::Strategic)
        }),
    ];
    for (what, grow) in longer {
        let mut out = fresh.clone();
        grow(&mut out);
        assert_eq!(
            models.classify_batch_into(m.view(), &mut out),
            Err(Error::BatchLength {
                what,
                expected: 5,
                found: 6
            }),
            "{what}"
        );
    }
}

#[test]
fn assess_batch_gives_the_one_account_assessments() {
    let m = sample(50);
    let model = MillmanWilson::default();
    let all = model.assess_batch(m.view()).unwrap();
    for (row, a) in m.rows().into_iter().zip(&all) {
        assert_eq!(
            *a,
            model.classify(&Scores::new(row[0], row[1], row[2]).unwrap())
        );
    }
}

fn card(score: ScoreField, names: &[&str], scale: RatingScale) -> Scorecard {
    let w = [0.5, 0.3, 0.2];
    let factors = names
        .iter()
        .zip(w)
        .map(|(n, w)| Factor::new(*n, w, scale))
        .collect();
    Scorecard::new(score, factors, MissingRating::Error).unwrap()
}

fn scorer() -> BatchScorer {
    BatchScorer::new(
        card(
            ScoreField::StrategicFit,
            &["growth", "margin", "fit"],
            RatingScale::default(),
        ),
        card(
            ScoreField::RelationshipStrength,
            &["trust", "access", "tenure"],
            RatingScale::new(0.0, 5.0).unwrap(),
        ),
    )
    .unwrap()
}

fn ratings(n: usize) -> (Array1<f64>, Array2<f64>, Array2<f64>) {
    let rev = Array1::from_shape_fn(n, |i| (i % 10) as f64 / 9.0);
    let fit = Array2::from_shape_fn((n, 3), |(i, j)| 1.0 + ((i * 5 + j) % 10) as f64);
    let strength = Array2::from_shape_fn((n, 3), |(i, j)| ((i * 3 + j * 2) % 11) as f64 / 2.0);
    (rev, fit, strength)
}

#[test]
fn scores_match_the_scorecards() {
    let sc = scorer();
    let (rev, fit, strength) = ratings(700);
    let scores = sc.scores(rev.view(), fit.view(), strength.view()).unwrap();
    assert_eq!(scores.dim(), (700, 3));
    for i in 0..700 {
        let by_name = |m: &Array2<f64>, card: &Scorecard| {
            card.score("a", |f| {
                card.factors()
                    .iter()
                    .position(|g| g.name == f)
                    .map(|j| m[[i, j]])
            })
            .unwrap()
        };
        assert_eq!(scores[[i, 0]], rev[i]);
        assert_relative_eq!(
            scores[[i, 1]],
            by_name(&fit, sc.strategic_fit()),
            epsilon = 1e-12
        );
        assert_relative_eq!(
            scores[[i, 2]],
            by_name(&strength, sc.relationship_strength()),
            epsilon = 1e-12
        );
    }
    // Any layout gives the same scores, bit for bit.
    let wide = ndarray::concatenate![ndarray::Axis(1), fit, strength];
    let f = fortran(&fit);
    let again = sc
        .scores(rev.view(), f.view(), wide.slice(s![.., 3..]))
        .unwrap();
    assert_eq!(again, scores);
    // Columns of a wider row-major matrix, read row by row: an off-scale rating is found.
    let mut bad = wide.clone();
    bad[[450, 4]] = 6.0;
    let err = sc
        .scores(rev.view(), wide.slice(s![.., ..3]), bad.slice(s![.., 3..]))
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidBatchRating {
                row: 450,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn fused_classification_equals_scoring_then_classifying() {
    let sc = scorer();
    let (rev, fit, strength) = ratings(1000);
    let scores = sc.scores(rev.view(), fit.view(), strength.view()).unwrap();
    for model in AnyModel::all() {
        assert_eq!(
            sc.classify(&model, rev.view(), fit.view(), strength.view())
                .unwrap(),
            model.classify_batch(scores.view()).unwrap()
        );
    }
    let all = AllModels::default();
    assert_eq!(
        sc.classify_all(&all, rev.view(), fit.view(), strength.view())
            .unwrap(),
        all.classify_batch(scores.view()).unwrap()
    );
}

#[test]
fn factor_matrix_errors_name_row_and_factor() {
    let sc = scorer();
    let (rev, mut fit, mut strength) = ratings(600);
    fit[[400, 1]] = 11.0;
    strength[[300, 2]] = f64::NAN;
    let err = sc
        .scores(rev.view(), fit.view(), strength.view())
        .unwrap_err();
    match err {
        Error::InvalidBatchRating {
            row,
            ref factor,
            column,
            value,
            low,
            high,
        } => {
            assert_eq!(
                (row, factor.as_str(), column, low, high),
                (300, "tenure", 2, 0.0, 5.0)
            );
            assert!(value.is_nan());
        }
        other => panic!("unexpected {other:?}"),
    }
    strength[[300, 2]] = 1.0;
    let err = sc
        .classify(&FourS::default(), rev.view(), fit.view(), strength.view())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"row 400: rating 11 for factor "margin" (column 1) is not on its scale 1 to 10"#
    );
    // Within a row the revenue share comes first.
    let mut rev = rev;
    rev[400] = 1.5;
    assert!(matches!(
        sc.scores(rev.view(), fit.view(), strength.view()),
        Err(Error::InvalidBatchValue {
            row: 400,
            column: ScoreField::RevenueShare,
            ..
        })
    ));
}

#[test]
fn factor_matrix_shapes_are_checked() {
    let sc = scorer();
    let (rev, fit, strength) = ratings(10);
    let narrow = fit.slice(s![.., ..2]);
    assert!(matches!(
        sc.scores(rev.view(), narrow, strength.view()),
        Err(Error::FactorColumns {
            score: ScoreField::StrategicFit,
            expected: 3,
            found: 2
        })
    ));
    assert!(matches!(
        sc.scores(rev.view(), fit.view(), strength.slice(s![..5, ..])),
        Err(Error::BatchLength {
            expected: 10,
            found: 5,
            ..
        })
    ));
    assert!(matches!(
        BatchScorer::new(
            sc.relationship_strength().clone(),
            sc.strategic_fit().clone()
        ),
        Err(Error::WrongScorecard {
            expected: ScoreField::StrategicFit,
            ..
        })
    ));
    let (rev0, fit0, strength0) = ratings(0);
    assert_eq!(
        sc.scores(rev0.view(), fit0.view(), strength0.view())
            .unwrap()
            .dim(),
        (0, 3)
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<AllModels>();
    check::<BatchScorer>();
    check::<keyaccount::batch::BatchAssessment<FourSClass>>();
    check::<keyaccount::batch::AllModelsAssessment>();
}

#[test]
fn batch_results_round_trip_through_json() {
    let scores = ndarray::array![[0.9, 0.8, 0.7], [0.1, 0.2, 0.3], [0.5, 0.5, 0.5]];
    let all = keyaccount::batch::AllModels::default()
        .classify_batch(scores.view())
        .unwrap();
    let json = serde_json::to_string(&all).unwrap();
    let back: keyaccount::batch::AllModelsAssessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, all);
}

/// A previous period: each row either the current row moved by up to `shift` (so that some
/// rows fall by the uncoupling drop and some do not), or a value from the edges.
fn previous_of(m: &Array2<f64>, shifts: &[f64]) -> Array2<f64> {
    let mut p = m.clone();
    for (i, mut row) in p.rows_mut().into_iter().enumerate() {
        let d = shifts[i % shifts.len()];
        row.mapv_inplace(|x| (x + d).clamp(0.0, 1.0));
    }
    p
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn uncoupling_batch_is_one_by_one(
        model in millman_wilson(),
        m in matrix(),
        shifts in proptest::collection::vec(
            prop_oneof![-0.5..0.6f64, proptest::sample::select(vec![0.0, 0.2, 0.4, -0.2])],
            1..20,
        ),
    ) {
        let p = previous_of(&m, &shifts);
        let out = model.classify_batch_with_previous(m.view(), p.view()).unwrap();
        prop_assert_eq!(out.len(), m.nrows());
        for (i, (now, before)) in m.rows().into_iter().zip(p.rows()).enumerate() {
            let before = model.classify(&Scores::new(before[0], before[1], before[2]).unwrap());
            let one = model
                .classify_with_previous(&Scores::new(now[0], now[1], now[2]).unwrap(), &before)
                .unwrap();
            prop_assert_eq!(out.classes[i], one.class, "row {}", i);
            prop_assert_eq!(out.tiers[i], one.tier, "row {}", i);
        }
        // Any layout of either matrix gives the same.
        let again = model
            .classify_batch_with_previous(fortran(&m).view(), p.slice(s![.., ..]).view())
            .unwrap();
        prop_assert_eq!(again, out);
    }
}

#[test]
fn uncoupling_batch_errors_name_the_period() {
    let model = MillmanWilson::default();
    let now = sample(4);
    let mut before = sample(4);
    before[[2, 1]] = f64::NAN;
    let err = model
        .classify_batch_with_previous(now.view(), before.view())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidPreviousBatchValue {
            row: 2,
            column: ScoreField::StrategicFit,
            ..
        }
    ));
    assert!(err.to_string().contains("previous period, row 2"));
    // Within a row the current period comes first; an earlier row wins over both.
    let mut now_bad = now.clone();
    now_bad[[2, 2]] = 2.0;
    assert!(matches!(
        model.classify_batch_with_previous(now_bad.view(), before.view()),
        Err(Error::InvalidBatchValue { row: 2, .. })
    ));
    before[[1, 0]] = -1.0;
    assert!(matches!(
        model.classify_batch_with_previous(now_bad.view(), before.view()),
        Err(Error::InvalidPreviousBatchValue { row: 1, .. })
    ));
    assert_eq!(
        model.classify_batch_with_previous(now.view(), sample(3).view()),
        Err(Error::BatchLength {
            what: "previous score matrix",
            expected: 4,
            found: 3
        })
    );
}

/// With the `rayon` feature, large batches are split across threads: the results and the
/// errors must be those of one thread.
#[cfg(feature = "rayon")]
mod threads {
    use super::*;

    /// Enough rows that every path is split into several blocks.
    const ROWS: usize = 40_000;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// `m` repeated to `ROWS` rows.
    fn tall(m: &Array2<f64>) -> Array2<f64> {
        let n = m.nrows().max(1);
        Array2::from_shape_fn(
            (ROWS, 3),
            |(i, j)| {
                if m.nrows() == 0 {
                    0.5
                } else {
                    m[[i % n, j]]
                }
            },
        )
    }

    fn all_paths(models: &AllModels, m: &Array2<f64>, p: &Array2<f64>) -> String {
        let mut tiers = Array1::from_elem(m.nrows(), Tier::Key);
        let t = models.four_s.tiers_batch(m.view(), tiers.view_mut());
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            models.classify_batch(m.view()),
            models.four_s.classify_batch(m.view()),
            AnyModel::Webster(models.webster.clone()).classify_batch(fortran(m).view()),
            t.map(|()| tiers),
            models
                .millman_wilson
                .classify_batch_with_previous(m.view(), p.view()),
            models.bensaou.classify_batch(m.slice(s![..;-1, ..])),
            {
                let mut out = models.classify_batch(Array2::zeros((m.nrows(), 3)).view());
                if let Ok(o) = out.as_mut() {
                    let r = models.classify_batch_into(m.view(), o);
                    r.map(|()| o.clone())
                } else {
                    out
                }
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..common::proptest_config() })]

        #[test]
        fn all_threads_give_what_one_thread_gives(
            w in webster(), mw in millman_wilson(), b in bensaou(), f in four_s(),
            m in matrix(),
            bad in proptest::collection::vec(
                (0..ROWS, 0usize..3, proptest::sample::select(vec![f64::NAN, -0.5, 1.5])),
                0..4,
            ),
        ) {
            let models = AllModels::new(w, mw, b, f);
            let mut m = tall(&m);
            // Several bad values, so that a later block may find its own first.
            for &(row, col, v) in &bad {
                m[[row, col]] = v;
            }
            let p = previous_of(&m.mapv(|x| if (0.0..=1.0).contains(&x) { x } else { 0.5 }), &[0.3, -0.1, 0.0]);
            let one = pool(1).install(|| all_paths(&models, &m, &p));
            let many = pool(4).install(|| all_paths(&models, &m, &p));
            prop_assert_eq!(&one, &many);
            if let Some(&(row, _, _)) = bad.iter().min_by_key(|b| (b.0, b.1)) {
                prop_assert!(one.contains(&format!("row: {row},")), "{}", one.lines().next().unwrap_or(""));
            }
        }
    }

    #[test]
    fn the_first_bad_row_wins_even_when_a_later_thread_finds_its_own_first() {
        let mut m = Array2::from_elem((ROWS, 3), 0.5);
        m[[ROWS - 1, 0]] = f64::NAN;
        m[[ROWS / 2, 2]] = 7.0;
        m[[17, 1]] = -1.0;
        let err = pool(2)
            .install(|| FourS::default().classify_batch(m.view()))
            .unwrap_err();
        assert_eq!(
            err,
            Error::InvalidBatchValue {
                row: 17,
                column: ScoreField::StrategicFit,
                value: -1.0
            }
        );
    }

    #[test]
    fn scoring_on_all_threads_is_scoring_on_one() {
        let scorer = scorer();
        let (revenue, fit, strength) = ratings(ROWS);
        let run = || {
            (
                scorer.classify(
                    &FourS::default(),
                    revenue.view(),
                    fit.view(),
                    strength.view(),
                ),
                scorer.classify_all(
                    &AllModels::default(),
                    revenue.view(),
                    fit.view(),
                    strength.view(),
                ),
            )
        };
        assert_eq!(pool(1).install(run), pool(3).install(run));
    }
}
