//! Webster's relationship continuum.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::axis::{band, nearest_cut, validate_thresholds, Axis, AxisWeights};
use crate::classifier::{Assessment, Classifier, CutPoint, DecisionAxis, NativeClass, Setting};
use crate::error::{Error, Result};
use crate::explain::defaults::{show_list, show_tiers, show_weights};
use crate::scores::Scores;
use crate::tier::{Tier, TierMap};

/// A relationship type on Webster's continuum, from pure market exchange to full integration.
///
/// Vertical integration, the end point of the continuum, is not a marketing relationship and so
/// is not a class.
///
/// # Examples
///
/// ```
/// use keyaccount::{NativeClass, WebsterClass};
///
/// assert_eq!(WebsterClass::ALL.len(), 6);
/// assert_eq!(WebsterClass::BuyerSellerPartnership.to_string(), "Buyer-seller partnership");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebsterClass {
    /// Pure market exchange, one deal at a time.
    Transaction,
    /// Repeated transactions with some brand or supplier preference.
    RepeatedTransactions,
    /// Long-term relationship under contract, still at arm's length.
    LongTermRelationship,
    /// Buyer-seller partnership: mutual dependence, shared processes.
    BuyerSellerPartnership,
    /// Strategic alliance: joint goals and joint investment.
    StrategicAlliance,
    /// Network organization: the supplier as part of one network of firms.
    NetworkOrganization,
}

impl NativeClass for WebsterClass {
    const MODEL: &'static str = "Webster";
    const ALL: &'static [Self] = &[
        WebsterClass::Transaction,
        WebsterClass::RepeatedTransactions,
        WebsterClass::LongTermRelationship,
        WebsterClass::BuyerSellerPartnership,
        WebsterClass::StrategicAlliance,
        WebsterClass::NetworkOrganization,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn label(self) -> &'static str {
        match self {
            WebsterClass::Transaction => "Transaction",
            WebsterClass::RepeatedTransactions => "Repeated transactions",
            WebsterClass::LongTermRelationship => "Long-term relationship",
            WebsterClass::BuyerSellerPartnership => "Buyer-seller partnership",
            WebsterClass::StrategicAlliance => "Strategic alliance",
            WebsterClass::NetworkOrganization => "Network organization",
        }
    }

    fn strategy(self) -> &'static str {
        match self {
            WebsterClass::Transaction => "serve through standard channels at the lowest cost",
            WebsterClass::RepeatedTransactions => "standardise and automate repeat business",
            WebsterClass::LongTermRelationship => {
                "maintain efficiently under contract with regular review"
            }
            WebsterClass::BuyerSellerPartnership => {
                "invest selectively in shared processes and plans"
            }
            WebsterClass::StrategicAlliance => "invest in joint goals and joint development",
            WebsterClass::NetworkOrganization => "integrate: co-create value across the network",
        }
    }

    fn default_tier(self) -> Tier {
        match self {
            WebsterClass::Transaction | WebsterClass::RepeatedTransactions => Tier::Transactional,
            WebsterClass::LongTermRelationship => Tier::Maintenance,
            WebsterClass::BuyerSellerPartnership => Tier::Development,
            WebsterClass::StrategicAlliance | WebsterClass::NetworkOrganization => Tier::Key,
        }
    }
}

impl fmt::Display for WebsterClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Where an account sits on Webster's continuum.
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, Scores, Webster};
///
/// let p = Webster::default().classify(&Scores::new(0.5, 0.5, 0.5)?).position;
/// approx::assert_relative_eq!(p.intensity, 0.5);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebsterPosition {
    /// Relationship intensity, from pure market exchange (0) to full integration (1).
    pub intensity: f64,
}

impl WebsterPosition {
    /// A checked position, for users who measure relationship intensity directly.
    ///
    /// # Errors
    ///
    /// [`Error::AxisValueOutOfRange`] if `intensity` is NaN, infinite or outside [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(keyaccount::WebsterPosition::new(0.4).is_ok());
    /// assert!(keyaccount::WebsterPosition::new(-0.4).is_err());
    /// ```
    pub fn new(intensity: f64) -> Result<Self> {
        if (0.0..=1.0).contains(&intensity) {
            Ok(WebsterPosition { intensity })
        } else {
            Err(Error::AxisValueOutOfRange {
                axis: Axis::RelationshipIntensity,
                value: intensity,
            })
        }
    }
}

/// The settings of a [`Webster`] model, unchecked. [`WebsterParams::build`] checks them.
///
/// # Examples
///
/// ```
/// use keyaccount::WebsterParams;
///
/// let model = WebsterParams {
///     thresholds: [0.1, 0.3, 0.5, 0.7, 0.9],
///     ..WebsterParams::default()
/// }
/// .build()?;
/// assert_eq!(model.thresholds()[0], 0.1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebsterParams {
    /// How relationship intensity is built from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub intensity: AxisWeights,
    /// The five cuts between the six relationship types, strictly increasing: intensity at or
    /// above `thresholds[i]` is at least class `i + 1`.
    pub thresholds: [f64; 5],
    /// The tier of each relationship type.
    pub tiers: TierMap<WebsterClass>,
}

impl Default for WebsterParams {
    fn default() -> Self {
        WebsterParams {
            intensity: AxisWeights {
                revenue_share: 0.2,
                strategic_fit: 0.2,
                relationship_strength: 0.6,
            },
            thresholds: [0.2, 0.35, 0.5, 0.65, 0.8],
            tiers: TierMap::default(),
        }
    }
}

impl WebsterParams {
    /// The checked model.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] or [`Error::WeightsDoNotSumToOne`] for bad weights;
    /// [`Error::ThresholdOutOfRange`] or [`Error::ThresholdsNotOrdered`] for bad thresholds.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Error, WebsterParams};
    ///
    /// let bad = WebsterParams { thresholds: [0.2, 0.1, 0.5, 0.7, 0.9], ..Default::default() };
    /// assert!(matches!(bad.build(), Err(Error::ThresholdsNotOrdered { .. })));
    /// ```
    pub fn build(self) -> Result<Webster> {
        Webster::new(self)
    }
}

/// Webster's relationship continuum: one axis, relationship intensity, cut into six
/// relationship types.
///
/// | intensity | class | default tier |
/// | --- | --- | --- |
/// | [0, 0.20) | Transaction | Transactional |
/// | [0.20, 0.35) | Repeated transactions | Transactional |
/// | [0.35, 0.50) | Long-term relationship | Maintenance |
/// | [0.50, 0.65) | Buyer-seller partnership | Development |
/// | [0.65, 0.80) | Strategic alliance | Key |
/// | [0.80, 1] | Network organization | Key |
///
/// Relationship intensity is mostly driven by relationship strength: by default 0.6
/// relationship strength + 0.2 strategic fit + 0.2 revenue share.
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, Scores, Tier, Webster, WebsterClass};
///
/// let a = Webster::default().classify(&Scores::new(0.5, 0.5, 0.9)?);
/// assert_eq!(a.class, WebsterClass::StrategicAlliance);
/// assert_eq!(a.tier, Tier::Key);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// # References
///
/// - Webster, F. E. (1992). The changing role of marketing in the corporation. *Journal of
///   Marketing*, 56(4), 1-17.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "WebsterParams", into = "WebsterParams")]
pub struct Webster {
    params: WebsterParams,
}

impl TryFrom<WebsterParams> for Webster {
    type Error = Error;

    fn try_from(params: WebsterParams) -> Result<Self> {
        Webster::new(params)
    }
}

impl From<Webster> for WebsterParams {
    fn from(model: Webster) -> Self {
        model.params
    }
}

impl Webster {
    /// A checked model.
    ///
    /// # Errors
    ///
    /// As [`WebsterParams::build`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Webster, WebsterParams};
    ///
    /// assert_eq!(Webster::new(WebsterParams::default())?, Webster::default());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(params: WebsterParams) -> Result<Self> {
        params.intensity.validate(Axis::RelationshipIntensity)?;
        validate_thresholds(Axis::RelationshipIntensity, &params.thresholds)?;
        Ok(Webster { params })
    }

    /// The settings in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Webster::default().params().intensity.relationship_strength, 0.6);
    /// ```
    #[must_use]
    pub fn params(&self) -> &WebsterParams {
        &self.params
    }

    /// The five thresholds in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Webster::default().thresholds()[4], 0.8);
    /// ```
    #[must_use]
    pub fn thresholds(&self) -> &[f64; 5] {
        &self.params.thresholds
    }

    /// The account's relationship intensity.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Scores, Webster};
    ///
    /// let p = Webster::default().position(&Scores::new(0.0, 0.0, 1.0)?);
    /// approx::assert_relative_eq!(p.intensity, 0.6);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn position(&self, scores: &Scores) -> WebsterPosition {
        WebsterPosition {
            intensity: self.params.intensity.apply(scores),
        }
    }

    /// Classifies an account whose relationship intensity is already known.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Webster, WebsterClass, WebsterPosition};
    ///
    /// let a = Webster::default().classify_position(WebsterPosition::new(0.35)?);
    /// assert_eq!(a.class, WebsterClass::LongTermRelationship); // on the cut: higher class
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn classify_position(
        &self,
        position: WebsterPosition,
    ) -> Assessment<WebsterClass, WebsterPosition> {
        let class = WebsterClass::ALL[band(position.intensity, &self.params.thresholds)];
        Assessment {
            class,
            tier: self.params.tiers.tier(class),
            position,
            margin: nearest_cut(position.intensity, &self.params.thresholds),
        }
    }
}

impl Webster {
    /// The index in [`NativeClass::ALL`] of the class of three scores already known to be
    /// valid, by the same arithmetic as [`Classifier::classify`]: the batch layer's kernel. The
    /// axes are left unclamped: the thresholds lie strictly inside (0, 1), where clamping
    /// changes no comparison.
    #[inline]
    pub(crate) fn class_index_raw(&self, revenue: f64, fit: f64, strength: f64) -> usize {
        let intensity = self.params.intensity.weighted_raw(revenue, fit, strength);
        band(intensity, &self.params.thresholds)
    }
}

impl Classifier for Webster {
    type Class = WebsterClass;
    type Position = WebsterPosition;

    fn name(&self) -> &'static str {
        WebsterClass::MODEL
    }

    fn citation(&self) -> &'static str {
        "Webster, F. E. (1992). The changing role of marketing in the corporation. Journal of \
         Marketing, 56(4), 1-17."
    }

    fn classify(&self, scores: &Scores) -> Assessment<WebsterClass, WebsterPosition> {
        self.classify_position(self.position(scores))
    }

    fn tier_of(&self, class: WebsterClass) -> Tier {
        self.params.tiers.tier(class)
    }

    fn cut_points(&self) -> Vec<CutPoint> {
        self.params
            .thresholds
            .iter()
            .map(|&value| CutPoint {
                axis: Axis::RelationshipIntensity,
                value,
            })
            .collect()
    }

    fn axis_weights(&self) -> Vec<(Axis, AxisWeights)> {
        vec![(Axis::RelationshipIntensity, self.params.intensity)]
    }

    fn decision_axes(&self) -> Vec<DecisionAxis> {
        vec![DecisionAxis {
            axis: Axis::RelationshipIntensity,
            parts: vec![(Axis::RelationshipIntensity, 1.0)],
            thresholds: self.params.thresholds.to_vec(),
        }]
    }

    fn decision_values(&self, scores: &Scores) -> Vec<f64> {
        vec![self.position(scores).intensity]
    }

    fn class_at(&self, bands: &[usize]) -> WebsterClass {
        let band = bands.first().copied().unwrap_or(0);
        WebsterClass::ALL[band.min(WebsterClass::ALL.len() - 1)]
    }

    fn settings(&self) -> Vec<Setting> {
        let (p, d) = (&self.params, WebsterParams::default());
        vec![
            Setting::compare(
                "relationship intensity weights",
                &p.intensity,
                &d.intensity,
                show_weights,
            ),
            Setting::compare("thresholds", &p.thresholds, &d.thresholds, |t| show_list(t)),
            Setting::compare("tier map", &p.tiers, &d.tiers, show_tiers),
        ]
    }
}
