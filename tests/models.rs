//! Each model against the cells of its literature table, with the default settings.

use approx::assert_relative_eq;
use keyaccount::{
    AnyModel, Balance, Bensaou, BensaouClass, BensaouPosition, Class, Classifier, Error, FourS,
    FourSClass, FourSParams, FourSPosition, MillmanWilson, MillmanWilsonParams, MillmanWilsonStage,
    NativeClass, Scores, Tier, TierMap, Webster, WebsterClass, WebsterPosition,
};

fn scores(r: f64, f: f64, s: f64) -> Scores {
    Scores::new(r, f, s).expect("valid scores")
}

#[test]
fn four_s_cells() {
    let model = FourS::default();
    // (attractiveness, relative strength) -> the matrix of Woodburn and McDonald.
    let cells = [
        (0.8, 0.8, FourSClass::Strategic, Tier::Key),
        (0.8, 0.2, FourSClass::Star, Tier::Development),
        (0.2, 0.8, FourSClass::Status, Tier::Maintenance),
        (0.2, 0.2, FourSClass::Streamline, Tier::Transactional),
    ];
    for (attractiveness, relative_strength, class, tier) in cells {
        let a = model.classify_position(FourSPosition {
            attractiveness,
            relative_strength,
        });
        assert_eq!(
            (a.class, a.tier),
            (class, tier),
            "{attractiveness} {relative_strength}"
        );
        assert_relative_eq!(a.margin, 0.3, epsilon = 1e-12);
    }
}

#[test]
fn four_s_from_scores_uses_documented_weights() {
    let a = FourS::default().classify(&scores(0.5, 0.5, 0.5));
    assert_eq!(a.class, FourSClass::Strategic);
    assert_relative_eq!(a.position.attractiveness, 0.5);
    assert_relative_eq!(a.position.relative_strength, 0.5);
    assert_eq!(a.margin, 0.0);

    // Attractiveness is mostly future potential (strategic fit), Woodburn and McDonald (2011).
    let a = FourS::default().classify(&scores(1.0, 0.0, 1.0));
    assert_relative_eq!(a.position.attractiveness, 0.2);
    assert_eq!(a.class, FourSClass::Status);
    assert_eq!(a.strategy(), "maintain efficiently and protect");
}

#[test]
fn four_s_boundaries_go_to_the_higher_class() {
    let m = FourS::default();
    let on = |att, st| {
        m.classify_position(FourSPosition {
            attractiveness: att,
            relative_strength: st,
        })
        .class
    };
    assert_eq!(on(0.5, 0.5), FourSClass::Strategic);
    assert_eq!(on(0.5, 0.5 - 1e-12), FourSClass::Star);
    assert_eq!(on(0.5 - 1e-12, 0.5), FourSClass::Status);
    assert_eq!(on(0.0, 0.0), FourSClass::Streamline);
    assert_eq!(on(1.0, 1.0), FourSClass::Strategic);
}

#[test]
fn four_s_custom_thresholds_are_applied_and_reported() {
    let m = FourSParams {
        attractiveness_threshold: 0.7,
        strength_threshold: 0.3,
        ..FourSParams::default()
    }
    .build()
    .unwrap();
    assert_eq!(m.attractiveness_threshold(), 0.7);
    assert_eq!(m.strength_threshold(), 0.3);
    let cuts = m.cut_points();
    assert_eq!(cuts.len(), 2);
    assert_eq!(cuts[0].value, 0.7);
    assert_eq!(cuts[1].value, 0.3);
    let a = m.classify_position(FourSPosition {
        attractiveness: 0.6,
        relative_strength: 0.35,
    });
    assert_eq!(a.class, FourSClass::Status);
}

#[test]
fn bensaou_cells() {
    let model = Bensaou::default();
    // (buyer's investments, supplier's investments) -> Bensaou (1999), figure 1. A captive
    // supplier's investments are exposed: maintained, not developed (see explain::defaults).
    let cells = [
        (0.9, 0.1, BensaouClass::CaptiveBuyer, Tier::Development),
        (0.9, 0.9, BensaouClass::StrategicPartnership, Tier::Key),
        (0.1, 0.1, BensaouClass::MarketExchange, Tier::Transactional),
        (0.1, 0.9, BensaouClass::CaptiveSupplier, Tier::Maintenance),
    ];
    for (buyer, supplier, class, tier) in cells {
        let a = model.classify_position(BensaouPosition::new(buyer, supplier).unwrap());
        assert_eq!((a.class, a.tier), (class, tier), "{buyer} {supplier}");
        assert_relative_eq!(a.margin, 0.4, epsilon = 1e-12);
    }
    assert_eq!(
        model
            .classify_position(BensaouPosition::new(0.5, 0.5).unwrap())
            .class,
        BensaouClass::StrategicPartnership
    );
}

#[test]
fn bensaou_reads_investments_from_scores() {
    // Locked-in customer (strong relationship), account of little interest to the supplier.
    // The buyer's side is relationship strength alone: revenue share is the supplier's
    // dependence, which goes to the supplier's side.
    let a = Bensaou::default().classify(&scores(0.1, 0.2, 0.9));
    assert_relative_eq!(a.position.buyer_investment, 0.9);
    assert_relative_eq!(a.position.supplier_investment, 0.06 + 0.08);
    assert_eq!(a.class, BensaouClass::CaptiveBuyer);
    // A large account the customer is not committed to: the supplier is captive.
    let a = Bensaou::default().classify(&scores(0.9, 0.5, 0.2));
    assert_eq!(a.class, BensaouClass::CaptiveSupplier);
    assert_eq!(a.tier, Tier::Maintenance);
}

#[test]
fn bensaou_direct_measures_are_checked() {
    assert!(matches!(
        BensaouPosition::new(f64::NAN, 0.5),
        Err(Error::AxisValueOutOfRange { .. })
    ));
}

#[test]
fn webster_continuum() {
    let model = Webster::default();
    let bands = [
        (0.0, WebsterClass::Transaction, Tier::Transactional),
        (0.1, WebsterClass::Transaction, Tier::Transactional),
        (0.2, WebsterClass::RepeatedTransactions, Tier::Transactional),
        (0.3, WebsterClass::RepeatedTransactions, Tier::Transactional),
        (0.35, WebsterClass::LongTermRelationship, Tier::Maintenance),
        (0.5, WebsterClass::BuyerSellerPartnership, Tier::Development),
        (0.6, WebsterClass::BuyerSellerPartnership, Tier::Development),
        (0.65, WebsterClass::StrategicAlliance, Tier::Key),
        (0.8, WebsterClass::NetworkOrganization, Tier::Key),
        (1.0, WebsterClass::NetworkOrganization, Tier::Key),
    ];
    for (intensity, class, tier) in bands {
        let a = model.classify_position(WebsterPosition::new(intensity).unwrap());
        assert_eq!((a.class, a.tier), (class, tier), "{intensity}");
    }
    let a = model.classify_position(WebsterPosition::new(0.3).unwrap());
    assert_relative_eq!(a.margin, 0.05, epsilon = 1e-12);
    // Vertical integration is not a marketing relationship: six classes, no more.
    assert_eq!(WebsterClass::ALL.len(), 6);
}

#[test]
fn webster_intensity_is_mostly_relationship_strength() {
    let strong = Webster::default().classify(&scores(0.0, 0.0, 1.0));
    let big = Webster::default().classify(&scores(1.0, 0.0, 0.0));
    assert!(strong.position.intensity > big.position.intensity);
    assert_eq!(strong.class, WebsterClass::BuyerSellerPartnership);
    assert_eq!(big.class, WebsterClass::RepeatedTransactions);
}

#[test]
fn millman_wilson_stages_along_the_diagonal() {
    let model = MillmanWilson::default();
    let stages = [
        (0.1, MillmanWilsonStage::PreKam, Tier::Transactional),
        (0.2, MillmanWilsonStage::EarlyKam, Tier::Maintenance),
        (0.3, MillmanWilsonStage::EarlyKam, Tier::Maintenance),
        (0.5, MillmanWilsonStage::MidKam, Tier::Development),
        (0.7, MillmanWilsonStage::PartnershipKam, Tier::Key),
        (0.9, MillmanWilsonStage::SynergisticKam, Tier::Key),
    ];
    for (v, stage, tier) in stages {
        let p = model.position_from_axes(v, v).unwrap();
        assert_eq!(p.balance, Balance::Balanced);
        assert_relative_eq!(p.off_diagonal, 0.0);
        let a = model.classify_position(p);
        assert_eq!((a.class, a.tier), (stage, tier), "{v}");
    }
    // On the diagonal, 0.1 from the cuts 0.2 and 0.4: the distance in the plane is 0.1 * sqrt 2.
    let a = model.classify_position(model.position_from_axes(0.3, 0.3).unwrap());
    assert_relative_eq!(a.margin, 0.1 * 2f64.sqrt(), epsilon = 1e-12);
}

#[test]
fn millman_wilson_off_diagonal_accounts_are_out_of_balance() {
    let model = MillmanWilson::default();
    let ahead = model.position_from_axes(0.1, 0.9).unwrap();
    assert_eq!(ahead.balance, Balance::InvolvementAhead);
    assert_relative_eq!(ahead.off_diagonal, 0.8 / 2f64.sqrt());
    let behind = model.position_from_axes(0.9, 0.1).unwrap();
    assert_eq!(behind.balance, Balance::RelationshipAhead);
    assert_eq!(
        model.classify_position(ahead).class,
        model.classify_position(behind).class
    );
}

#[test]
fn millman_wilson_uncoupling_needs_a_fall() {
    let model = MillmanWilson::default();
    let previous = model.classify_position(model.position_from_axes(0.8, 0.8).unwrap());
    assert_eq!(previous.class, MillmanWilsonStage::SynergisticKam);

    // Fall of 0.3: uncoupling, transactional.
    let now = model.classify(&scores(0.5, 0.5, 0.5));
    assert_relative_eq!(now.position.development, 0.5);
    let a = model
        .classify_with_previous(&scores(0.5, 0.5, 0.5), &previous)
        .unwrap();
    assert_eq!(a.class, MillmanWilsonStage::UncouplingKam);
    assert_eq!(a.tier, Tier::Transactional);
    assert_eq!(a.position, now.position);

    // Fall of less than the drop: the positional stage.
    let small = MillmanWilsonParams {
        uncoupling_drop: 0.4,
        ..MillmanWilsonParams::default()
    }
    .build()
    .unwrap();
    let a = small
        .classify_with_previous(&scores(0.5, 0.5, 0.5), &previous)
        .unwrap();
    assert_eq!(a.class, MillmanWilsonStage::MidKam);

    // A rise is never uncoupling.
    let low = model.classify_position(model.position_from_axes(0.1, 0.1).unwrap());
    let a = model
        .classify_with_previous(&scores(0.9, 0.9, 0.9), &low)
        .unwrap();
    assert_eq!(a.class, MillmanWilsonStage::SynergisticKam);
}

#[test]
fn millman_wilson_rejects_a_corrupt_previous_assessment() {
    let model = MillmanWilson::default();
    let mut previous = model.classify(&scores(0.5, 0.5, 0.5));
    previous.position.development = f64::NAN;
    assert!(matches!(
        model.classify_with_previous(&scores(0.5, 0.5, 0.5), &previous),
        Err(Error::InvalidPreviousAssessment { .. })
    ));
}

#[test]
fn millman_wilson_cranfield_names() {
    let names: Vec<&str> = MillmanWilsonStage::POSITIONAL
        .iter()
        .map(|s| s.cranfield_label())
        .collect();
    assert_eq!(
        names,
        [
            "Exploratory",
            "Basic",
            "Cooperative",
            "Interdependent",
            "Integrated"
        ]
    );
}

#[test]
fn labels_are_the_literature_s() {
    let labels = |all: &[Class]| all.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let ws: Vec<Class> = WebsterClass::ALL.iter().map(|&c| c.into()).collect();
    assert_eq!(
        labels(&ws),
        [
            "Transaction",
            "Repeated transactions",
            "Long-term relationship",
            "Buyer-seller partnership",
            "Strategic alliance",
            "Network organization"
        ]
    );
    let mw: Vec<Class> = MillmanWilsonStage::ALL.iter().map(|&c| c.into()).collect();
    assert_eq!(
        labels(&mw),
        [
            "Uncoupling-KAM",
            "Pre-KAM",
            "Early-KAM",
            "Mid-KAM",
            "Partnership-KAM",
            "Synergistic-KAM"
        ]
    );
    let b: Vec<Class> = BensaouClass::ALL.iter().map(|&c| c.into()).collect();
    assert_eq!(
        labels(&b),
        [
            "Market exchange",
            "Captive buyer",
            "Captive supplier",
            "Strategic partnership"
        ]
    );
    let f: Vec<Class> = FourSClass::ALL.iter().map(|&c| c.into()).collect();
    assert_eq!(labels(&f), ["Streamline", "Status", "Star", "Strategic"]);
}

#[test]
fn class_index_matches_all() {
    fn check<C: NativeClass>() {
        for (i, c) in C::ALL.iter().enumerate() {
            assert_eq!(c.index(), i, "{c}");
        }
    }
    check::<WebsterClass>();
    check::<MillmanWilsonStage>();
    check::<BensaouClass>();
    check::<FourSClass>();
    check::<Class>();
}

#[test]
fn default_tier_maps_are_monotone() {
    assert!(TierMap::<WebsterClass>::default().is_monotone());
    assert!(TierMap::<MillmanWilsonStage>::default().is_monotone());
    assert!(TierMap::<BensaouClass>::default().is_monotone());
    assert!(TierMap::<FourSClass>::default().is_monotone());
}

#[test]
fn a_custom_tier_map_is_applied() {
    let params = FourSParams {
        tiers: TierMap::default().with(FourSClass::Status, Tier::Key),
        ..FourSParams::default()
    };
    let m = params.build().unwrap();
    assert_eq!(m.tier(&scores(0.0, 0.0, 1.0)), Tier::Key);
    assert_eq!(m.tier_of(FourSClass::Status), Tier::Key);
}

#[test]
fn all_models_in_one_loop_and_generically() {
    fn key_count<C: Classifier>(model: &C, accounts: &[Scores]) -> usize {
        accounts
            .iter()
            .filter(|s| model.tier(s) == Tier::Key)
            .count()
    }
    let accounts = [scores(0.9, 0.9, 0.9), scores(0.1, 0.1, 0.1)];
    assert_eq!(key_count(&FourS::default(), &accounts), 1);
    assert_eq!(key_count(&Webster::default(), &accounts), 1);

    let models = AnyModel::all();
    let tiers: Vec<Tier> = models.iter().map(|m| m.tier(&accounts[1])).collect();
    assert_eq!(tiers, vec![Tier::Transactional; 4]);
    for m in &models {
        assert_eq!(key_count(m, &accounts), 1, "{}", m.name());
        assert!(!m.citation().is_empty());
        let a = m.classify(&accounts[0]);
        assert_eq!(a.class.model(), m.kind());
        assert_eq!(m.tier_of(a.class), a.tier);
    }

    let boxed: Vec<Box<dyn Classifier<Class = Class, Position = keyaccount::Position>>> =
        models.into_iter().map(|m| Box::new(m) as _).collect();
    assert_eq!(boxed.len(), 4);
    assert_eq!(boxed[3].tier(&accounts[0]), Tier::Key);
}
