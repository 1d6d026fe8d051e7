//! Bensaou's portfolio of buyer-supplier relationships.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::axis::{validate_thresholds, Axis, AxisWeights};
use crate::classifier::{Assessment, Classifier, CutPoint, DecisionAxis, NativeClass, Setting};
use crate::error::{Error, Result};
use crate::explain::defaults::{show_tiers, show_weights};
use crate::models::{cell_below, quadrant};
use crate::scores::{ScoreField, Scores};
use crate::tier::{Tier, TierMap};

/// A cell of Bensaou's portfolio.
///
/// | | supplier's investments low | supplier's investments high |
/// | --- | --- | --- |
/// | buyer's investments high | Captive buyer | Strategic partnership |
/// | buyer's investments low | Market exchange | Captive supplier |
///
/// # Examples
///
/// ```
/// use keyaccount::BensaouClass;
///
/// assert_eq!(BensaouClass::CaptiveBuyer.to_string(), "Captive buyer");
/// assert_eq!(BensaouClass::from_cell(true, true), BensaouClass::StrategicPartnership);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BensaouClass {
    /// Both sides invest little in the relationship.
    MarketExchange,
    /// The buyer has invested in the relationship, the supplier little: the customer is locked in.
    CaptiveBuyer,
    /// The supplier has invested in the relationship, the buyer little: the supplier is exposed.
    CaptiveSupplier,
    /// Both sides have made relationship-specific investments.
    StrategicPartnership,
}

impl BensaouClass {
    /// The cell at high or low buyer's and supplier's investments.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::BensaouClass;
    ///
    /// assert_eq!(BensaouClass::from_cell(false, true), BensaouClass::CaptiveSupplier);
    /// ```
    #[must_use]
    pub const fn from_cell(high_buyer: bool, high_supplier: bool) -> Self {
        match (high_buyer, high_supplier) {
            (true, true) => BensaouClass::StrategicPartnership,
            (true, false) => BensaouClass::CaptiveBuyer,
            (false, true) => BensaouClass::CaptiveSupplier,
            (false, false) => BensaouClass::MarketExchange,
        }
    }

    /// The cell as (high buyer's investments, high supplier's investments).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::BensaouClass;
    ///
    /// assert_eq!(BensaouClass::CaptiveBuyer.cell(), (true, false));
    /// ```
    #[must_use]
    pub const fn cell(self) -> (bool, bool) {
        match self {
            BensaouClass::StrategicPartnership => (true, true),
            BensaouClass::CaptiveBuyer => (true, false),
            BensaouClass::CaptiveSupplier => (false, true),
            BensaouClass::MarketExchange => (false, false),
        }
    }
}

impl NativeClass for BensaouClass {
    const MODEL: &'static str = "Bensaou";
    const ALL: &'static [Self] = &[
        BensaouClass::MarketExchange,
        BensaouClass::CaptiveBuyer,
        BensaouClass::CaptiveSupplier,
        BensaouClass::StrategicPartnership,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn label(self) -> &'static str {
        match self {
            BensaouClass::MarketExchange => "Market exchange",
            BensaouClass::CaptiveBuyer => "Captive buyer",
            BensaouClass::CaptiveSupplier => "Captive supplier",
            BensaouClass::StrategicPartnership => "Strategic partnership",
        }
    }

    fn strategy(self) -> &'static str {
        match self {
            BensaouClass::MarketExchange => "deal at arm's length and keep the cost to serve low",
            BensaouClass::CaptiveBuyer => "invest selectively to match the customer's commitment",
            BensaouClass::CaptiveSupplier => {
                "protect the investment made; add more only against the customer's commitment"
            }
            BensaouClass::StrategicPartnership => {
                "invest jointly: mutual commitment and shared plans"
            }
        }
    }

    fn default_tier(self) -> Tier {
        match self {
            BensaouClass::StrategicPartnership => Tier::Key,
            BensaouClass::CaptiveBuyer => Tier::Development,
            BensaouClass::CaptiveSupplier => Tier::Maintenance,
            BensaouClass::MarketExchange => Tier::Transactional,
        }
    }

    fn is_below(self, other: Self) -> bool {
        cell_below(self.cell(), other.cell())
    }
}

impl fmt::Display for BensaouClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Where an account sits in Bensaou's portfolio: the two sides' relationship-specific
/// investments, each in [0, 1].
///
/// # Examples
///
/// ```
/// use keyaccount::{BensaouPosition, Bensaou, Classifier, Scores};
///
/// let p = Bensaou::default().classify(&Scores::new(0.0, 1.0, 1.0)?).position;
/// approx::assert_relative_eq!(p.buyer_investment, 1.0);
/// approx::assert_relative_eq!(p.supplier_investment, 0.4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BensaouPosition {
    /// The buyer's (customer's) relationship-specific investments: how locked in it is.
    pub buyer_investment: f64,
    /// The supplier's own relationship-specific investments.
    pub supplier_investment: f64,
}

impl BensaouPosition {
    /// A checked position from direct measures of both sides' investments, for users who have
    /// them (from a survey or an audit) rather than deriving them from the three scores.
    ///
    /// # Errors
    ///
    /// [`Error::AxisValueOutOfRange`] naming the axis whose value is NaN, infinite or outside
    /// [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::BensaouPosition;
    ///
    /// assert!(BensaouPosition::new(0.8, 0.2).is_ok());
    /// assert!(BensaouPosition::new(0.8, 1.2).is_err());
    /// ```
    pub fn new(buyer_investment: f64, supplier_investment: f64) -> Result<Self> {
        for (axis, value) in [
            (Axis::BuyerInvestment, buyer_investment),
            (Axis::SupplierInvestment, supplier_investment),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::AxisValueOutOfRange { axis, value });
            }
        }
        Ok(BensaouPosition {
            buyer_investment,
            supplier_investment,
        })
    }
}

/// The settings of a [`Bensaou`] model, unchecked. [`BensaouParams::build`] checks them.
///
/// # Examples
///
/// ```
/// use keyaccount::BensaouParams;
///
/// let model = BensaouParams { buyer_threshold: 0.6, ..BensaouParams::default() }.build()?;
/// assert_eq!(model.buyer_threshold(), 0.6);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BensaouParams {
    /// How the buyer's specific investments are read from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub buyer_investment: AxisWeights,
    /// How the supplier's specific investments are read from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub supplier_investment: AxisWeights,
    /// Buyer's investments at or above this are high.
    pub buyer_threshold: f64,
    /// Supplier's investments at or above this are high.
    pub supplier_threshold: f64,
    /// The tier of each cell.
    pub tiers: TierMap<BensaouClass>,
}

impl Default for BensaouParams {
    fn default() -> Self {
        BensaouParams {
            buyer_investment: AxisWeights::only(ScoreField::RelationshipStrength),
            supplier_investment: AxisWeights {
                revenue_share: 0.6,
                strategic_fit: 0.4,
                relationship_strength: 0.0,
            },
            buyer_threshold: 0.5,
            supplier_threshold: 0.5,
            tiers: TierMap::default(),
        }
    }
}

impl BensaouParams {
    /// The checked model.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] or [`Error::WeightsDoNotSumToOne`] for bad weights;
    /// [`Error::ThresholdOutOfRange`] for a threshold not strictly between 0 and 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::BensaouParams;
    ///
    /// assert!(BensaouParams { buyer_threshold: f64::NAN, ..Default::default() }.build().is_err());
    /// ```
    pub fn build(self) -> Result<Bensaou> {
        Bensaou::new(self)
    }
}

/// Bensaou's buyer-supplier relationship portfolio, seen from the supplier classifying its
/// customers: the customer's (buyer's) relationship-specific investments against the
/// supplier's own.
///
/// | | supplier's investments low | supplier's investments high |
/// | --- | --- | --- |
/// | buyer's investments high | Captive buyer (Development) | Strategic partnership (Key) |
/// | buyer's investments low | Market exchange (Transactional) | Captive supplier (Maintenance) |
///
/// The customer's investments show in how locked-in the relationship is, so by default they are
/// read as relationship strength, as the customer sees it; the supplier invests in the accounts
/// it depends on and means to develop: 0.6 revenue share + 0.4 strategic fit. A captive
/// supplier's investments are exposed to a buyer who has not committed, so it is maintained,
/// not developed; a captive buyer has committed, and matching it leads towards partnership.
/// Both are cut at 0.5, a value on the cut counting as high. Users with direct measures of both
/// investments pass them to [`Bensaou::classify_position`]. Where each default comes from:
/// [`defaults`](crate::explain::defaults()).
///
/// # Examples
///
/// ```
/// use keyaccount::{Bensaou, BensaouClass, BensaouPosition, Classifier, Scores, Tier};
///
/// let model = Bensaou::default();
/// let a = model.classify(&Scores::new(0.2, 0.3, 0.9)?);
/// assert_eq!(a.class, BensaouClass::CaptiveBuyer);
/// assert_eq!(a.tier, Tier::Development);
///
/// let measured = model.classify_position(BensaouPosition::new(0.2, 0.8)?);
/// assert_eq!(measured.class, BensaouClass::CaptiveSupplier);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// # References
///
/// - Bensaou, M. (1999). Portfolios of buyer-supplier relationships. *Sloan Management
///   Review*, 40(4), 35-44.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "BensaouParams", into = "BensaouParams")]
pub struct Bensaou {
    params: BensaouParams,
}

impl TryFrom<BensaouParams> for Bensaou {
    type Error = Error;

    fn try_from(params: BensaouParams) -> Result<Self> {
        Bensaou::new(params)
    }
}

impl From<Bensaou> for BensaouParams {
    fn from(model: Bensaou) -> Self {
        model.params
    }
}

impl Bensaou {
    /// A checked model.
    ///
    /// # Errors
    ///
    /// As [`BensaouParams::build`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Bensaou, BensaouParams};
    ///
    /// assert_eq!(Bensaou::new(BensaouParams::default())?, Bensaou::default());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(params: BensaouParams) -> Result<Self> {
        params.buyer_investment.validate(Axis::BuyerInvestment)?;
        params
            .supplier_investment
            .validate(Axis::SupplierInvestment)?;
        validate_thresholds(Axis::BuyerInvestment, &[params.buyer_threshold])?;
        validate_thresholds(Axis::SupplierInvestment, &[params.supplier_threshold])?;
        Ok(Bensaou { params })
    }

    /// The settings in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Bensaou::default().params().supplier_threshold, 0.5);
    /// ```
    #[must_use]
    pub fn params(&self) -> &BensaouParams {
        &self.params
    }

    /// The buyer's-investment threshold in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Bensaou::default().buyer_threshold(), 0.5);
    /// ```
    #[must_use]
    pub fn buyer_threshold(&self) -> f64 {
        self.params.buyer_threshold
    }

    /// The supplier's-investment threshold in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Bensaou::default().supplier_threshold(), 0.5);
    /// ```
    #[must_use]
    pub fn supplier_threshold(&self) -> f64 {
        self.params.supplier_threshold
    }

    /// The account's place on the two axes, read from its scores.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Bensaou, Scores};
    ///
    /// let p = Bensaou::default().position(&Scores::new(1.0, 0.0, 0.0)?);
    /// approx::assert_relative_eq!(p.buyer_investment, 0.0);
    /// approx::assert_relative_eq!(p.supplier_investment, 0.6);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn position(&self, scores: &Scores) -> BensaouPosition {
        BensaouPosition {
            buyer_investment: self.params.buyer_investment.apply(scores),
            supplier_investment: self.params.supplier_investment.apply(scores),
        }
    }

    /// Classifies an account from both sides' investments, measured directly or read from the
    /// scores.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Bensaou, BensaouClass, BensaouPosition};
    ///
    /// let a = Bensaou::default().classify_position(BensaouPosition::new(0.5, 0.5)?);
    /// assert_eq!(a.class, BensaouClass::StrategicPartnership); // on both cuts: high
    /// assert_eq!(a.margin, 0.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn classify_position(
        &self,
        position: BensaouPosition,
    ) -> Assessment<BensaouClass, BensaouPosition> {
        let q = quadrant(
            position.supplier_investment,
            self.params.supplier_threshold,
            position.buyer_investment,
            self.params.buyer_threshold,
        );
        let class = BensaouClass::from_cell(q.high_y, q.high_x);
        Assessment {
            class,
            tier: self.params.tiers.tier(class),
            position,
            margin: q.margin,
        }
    }
}

impl Bensaou {
    /// The index in [`NativeClass::ALL`] of the class of three scores already known to be
    /// valid, by the same arithmetic as [`Classifier::classify`]: the batch layer's kernel. The
    /// axes are left unclamped: the thresholds lie strictly inside (0, 1), where clamping
    /// changes no comparison.
    #[inline]
    pub(crate) fn class_index_raw(&self, revenue: f64, fit: f64, strength: f64) -> usize {
        let p = &self.params;
        let buyer = p.buyer_investment.weighted_raw(revenue, fit, strength);
        let supplier = p.supplier_investment.weighted_raw(revenue, fit, strength);
        BensaouClass::from_cell(buyer >= p.buyer_threshold, supplier >= p.supplier_threshold)
            .index()
    }
}

impl Classifier for Bensaou {
    type Class = BensaouClass;
    type Position = BensaouPosition;

    fn name(&self) -> &'static str {
        BensaouClass::MODEL
    }

    fn citation(&self) -> &'static str {
        "Bensaou, M. (1999). Portfolios of buyer-supplier relationships. Sloan Management \
         Review, 40(4), 35-44."
    }

    fn classify(&self, scores: &Scores) -> Assessment<BensaouClass, BensaouPosition> {
        self.classify_position(self.position(scores))
    }

    fn tier_of(&self, class: BensaouClass) -> Tier {
        self.params.tiers.tier(class)
    }

    fn cut_points(&self) -> Vec<CutPoint> {
        vec![
            CutPoint {
                axis: Axis::BuyerInvestment,
                value: self.params.buyer_threshold,
            },
            CutPoint {
                axis: Axis::SupplierInvestment,
                value: self.params.supplier_threshold,
            },
        ]
    }

    fn axis_weights(&self) -> Vec<(Axis, AxisWeights)> {
        vec![
            (Axis::BuyerInvestment, self.params.buyer_investment),
            (Axis::SupplierInvestment, self.params.supplier_investment),
        ]
    }

    fn decision_axes(&self) -> Vec<DecisionAxis> {
        vec![
            DecisionAxis {
                axis: Axis::BuyerInvestment,
                parts: vec![(Axis::BuyerInvestment, 1.0)],
                thresholds: vec![self.params.buyer_threshold],
            },
            DecisionAxis {
                axis: Axis::SupplierInvestment,
                parts: vec![(Axis::SupplierInvestment, 1.0)],
                thresholds: vec![self.params.supplier_threshold],
            },
        ]
    }

    fn decision_values(&self, scores: &Scores) -> Vec<f64> {
        let p = self.position(scores);
        vec![p.buyer_investment, p.supplier_investment]
    }

    fn class_at(&self, bands: &[usize]) -> BensaouClass {
        let past = |k: usize| bands.get(k).is_some_and(|&b| b > 0);
        BensaouClass::from_cell(past(0), past(1))
    }

    fn settings(&self) -> Vec<Setting> {
        let (p, d) = (&self.params, BensaouParams::default());
        let show = |t: &f64| t.to_string();
        vec![
            Setting::compare(
                "buyer's investment weights",
                &p.buyer_investment,
                &d.buyer_investment,
                show_weights,
            ),
            Setting::compare(
                "supplier's investment weights",
                &p.supplier_investment,
                &d.supplier_investment,
                show_weights,
            ),
            Setting::compare(
                "buyer's investment threshold",
                &p.buyer_threshold,
                &d.buyer_threshold,
                show,
            ),
            Setting::compare(
                "supplier's investment threshold",
                &p.supplier_threshold,
                &d.supplier_threshold,
                show,
            ),
            Setting::compare("tier map", &p.tiers, &d.tiers, show_tiers),
        ]
    }
}
