//! The 4S key-account classification matrix: Strategic, Star, Status, Streamline.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::axis::{validate_thresholds, Axis, AxisWeights};
use crate::classifier::{Assessment, Classifier, CutPoint, DecisionAxis, NativeClass, Setting};
use crate::error::Result;
use crate::explain::defaults::{show_tiers, show_weights};
use crate::models::{cell_below, quadrant};
use crate::scores::{ScoreField, Scores};
use crate::tier::{Tier, TierMap};

/// A cell of the 4S matrix.
///
/// | | relative strength high | relative strength low |
/// | --- | --- | --- |
/// | attractiveness high | Strategic | Star |
/// | attractiveness low | Status | Streamline |
///
/// # Examples
///
/// ```
/// use keyaccount::FourSClass;
///
/// assert_eq!(FourSClass::Strategic.to_string(), "Strategic");
/// assert_eq!(FourSClass::Star.mcdonald_rogers_label(), "Key development account");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FourSClass {
    /// Low attractiveness, low relative strength: reduce cost to serve, standardise.
    Streamline,
    /// Low attractiveness, high relative strength: maintain efficiently, protect.
    Status,
    /// High attractiveness, low relative strength: invest selectively to build position.
    Star,
    /// High attractiveness, high relative strength: invest, deepest relationship.
    Strategic,
}

impl FourSClass {
    /// The cell at high or low attractiveness and relative strength.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::FourSClass;
    ///
    /// assert_eq!(FourSClass::from_cell(true, false), FourSClass::Star);
    /// ```
    #[must_use]
    pub const fn from_cell(high_attractiveness: bool, high_strength: bool) -> Self {
        match (high_attractiveness, high_strength) {
            (true, true) => FourSClass::Strategic,
            (true, false) => FourSClass::Star,
            (false, true) => FourSClass::Status,
            (false, false) => FourSClass::Streamline,
        }
    }

    /// The cell as (high attractiveness, high relative strength).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::FourSClass;
    ///
    /// assert_eq!(FourSClass::Status.cell(), (false, true));
    /// ```
    #[must_use]
    pub const fn cell(self) -> (bool, bool) {
        match self {
            FourSClass::Strategic => (true, true),
            FourSClass::Star => (true, false),
            FourSClass::Status => (false, true),
            FourSClass::Streamline => (false, false),
        }
    }

    /// The earlier name of the cell (McDonald and Rogers, 1998).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::FourSClass;
    ///
    /// assert_eq!(FourSClass::Streamline.mcdonald_rogers_label(), "Key opportunistic account");
    /// ```
    #[must_use]
    pub const fn mcdonald_rogers_label(self) -> &'static str {
        match self {
            FourSClass::Strategic => "Key account",
            FourSClass::Star => "Key development account",
            FourSClass::Status => "Key maintenance account",
            FourSClass::Streamline => "Key opportunistic account",
        }
    }
}

impl NativeClass for FourSClass {
    const MODEL: &'static str = "4S";
    const ALL: &'static [Self] = &[
        FourSClass::Streamline,
        FourSClass::Status,
        FourSClass::Star,
        FourSClass::Strategic,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn label(self) -> &'static str {
        match self {
            FourSClass::Strategic => "Strategic",
            FourSClass::Star => "Star",
            FourSClass::Status => "Status",
            FourSClass::Streamline => "Streamline",
        }
    }

    fn strategy(self) -> &'static str {
        match self {
            FourSClass::Strategic => "invest: build the deepest relationship",
            FourSClass::Star => "invest selectively to build the position",
            FourSClass::Status => "maintain efficiently and protect",
            FourSClass::Streamline => "reduce cost to serve and standardise",
        }
    }

    fn default_tier(self) -> Tier {
        match self {
            FourSClass::Strategic => Tier::Key,
            FourSClass::Star => Tier::Development,
            FourSClass::Status => Tier::Maintenance,
            FourSClass::Streamline => Tier::Transactional,
        }
    }

    fn is_below(self, other: Self) -> bool {
        cell_below(self.cell(), other.cell())
    }
}

impl fmt::Display for FourSClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Where an account sits in the 4S matrix.
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, FourS, Scores};
///
/// let p = FourS::default().classify(&Scores::new(0.5, 1.0, 0.25)?).position;
/// assert_eq!(p.relative_strength, 0.25);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FourSPosition {
    /// Account attractiveness (vertical axis), in [0, 1].
    pub attractiveness: f64,
    /// The supplier's relative strength with the account (horizontal axis), in [0, 1].
    pub relative_strength: f64,
}

/// The settings of a [`FourS`] model, unchecked. [`FourSParams::build`] checks them.
///
/// Missing fields in a deserialized configuration take their defaults; unknown fields are an
/// error.
///
/// # Examples
///
/// ```
/// use keyaccount::{FourS, FourSParams};
///
/// let model = FourSParams { attractiveness_threshold: 0.6, ..FourSParams::default() }.build()?;
/// assert_eq!(model.attractiveness_threshold(), 0.6);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FourSParams {
    /// How attractiveness is built from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub attractiveness: AxisWeights,
    /// How relative strength is built from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub relative_strength: AxisWeights,
    /// Attractiveness at or above this is high.
    pub attractiveness_threshold: f64,
    /// Relative strength at or above this is high.
    pub strength_threshold: f64,
    /// The tier of each cell.
    pub tiers: TierMap<FourSClass>,
}

impl Default for FourSParams {
    fn default() -> Self {
        FourSParams {
            attractiveness: AxisWeights {
                revenue_share: 0.2,
                strategic_fit: 0.8,
                relationship_strength: 0.0,
            },
            relative_strength: AxisWeights::only(ScoreField::RelationshipStrength),
            attractiveness_threshold: 0.5,
            strength_threshold: 0.5,
            tiers: TierMap::default(),
        }
    }
}

impl FourSParams {
    /// The checked model.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`](crate::Error::InvalidWeight) or
    /// [`Error::WeightsDoNotSumToOne`](crate::Error::WeightsDoNotSumToOne) for bad weights;
    /// [`Error::ThresholdOutOfRange`](crate::Error::ThresholdOutOfRange) for a threshold that
    /// is not strictly between 0 and 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::FourSParams;
    ///
    /// let bad = FourSParams { strength_threshold: 1.0, ..FourSParams::default() };
    /// assert!(bad.build().is_err());
    /// ```
    pub fn build(self) -> Result<FourS> {
        FourS::new(self)
    }
}

/// The 4S key-account classification matrix: account attractiveness (vertical) against the
/// supplier's relative strength with the account as the customer sees it (horizontal).
///
/// | | relative strength high | relative strength low |
/// | --- | --- | --- |
/// | attractiveness high | Strategic (Key) | Star (Development) |
/// | attractiveness low | Status (Maintenance) | Streamline (Transactional) |
///
/// Defaults: attractiveness = 0.2 revenue share + 0.8 strategic fit (attractiveness is the
/// account's future potential to the supplier, which enters through the strategic-fit
/// scorecard; current revenue keeps a small weight); relative strength = relationship
/// strength; both cut at 0.5. A value exactly on a cut counts as high. Where each default
/// comes from: [`defaults`](crate::explain::defaults()).
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, FourS, FourSClass, Scores, Tier};
///
/// let model = FourS::default();
/// let a = model.classify(&Scores::new(0.8, 0.9, 0.7)?);
/// assert_eq!(a.class, FourSClass::Strategic);
/// assert_eq!(a.tier, Tier::Key);
/// approx::assert_relative_eq!(a.position.attractiveness, 0.88);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// # References
///
/// - Woodburn, D. and McDonald, M. (2011). *Key Account Management: The Definitive Guide*,
///   3rd ed. Chichester: Wiley.
/// - McDonald, M. and Rogers, B. (1998). *Key Account Management: Learning from Supplier and
///   Customer Perspectives*. Oxford: Butterworth-Heinemann.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "FourSParams", into = "FourSParams")]
pub struct FourS {
    params: FourSParams,
}

impl TryFrom<FourSParams> for FourS {
    type Error = crate::Error;

    fn try_from(params: FourSParams) -> Result<Self> {
        FourS::new(params)
    }
}

impl From<FourS> for FourSParams {
    fn from(model: FourS) -> Self {
        model.params
    }
}

impl FourS {
    /// A checked model.
    ///
    /// # Errors
    ///
    /// As [`FourSParams::build`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{FourS, FourSParams};
    ///
    /// let model = FourS::new(FourSParams::default())?;
    /// assert_eq!(model, FourS::default());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(params: FourSParams) -> Result<Self> {
        params.attractiveness.validate(Axis::Attractiveness)?;
        params.relative_strength.validate(Axis::RelativeStrength)?;
        validate_thresholds(Axis::Attractiveness, &[params.attractiveness_threshold])?;
        validate_thresholds(Axis::RelativeStrength, &[params.strength_threshold])?;
        Ok(FourS { params })
    }

    /// The settings in force.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::FourS;
    ///
    /// assert_eq!(FourS::default().params().strength_threshold, 0.5);
    /// ```
    #[must_use]
    pub fn params(&self) -> &FourSParams {
        &self.params
    }

    /// The attractiveness threshold in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::FourS::default().attractiveness_threshold(), 0.5);
    /// ```
    #[must_use]
    pub fn attractiveness_threshold(&self) -> f64 {
        self.params.attractiveness_threshold
    }

    /// The relative-strength threshold in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::FourS::default().strength_threshold(), 0.5);
    /// ```
    #[must_use]
    pub fn strength_threshold(&self) -> f64 {
        self.params.strength_threshold
    }

    /// The account's place on the two axes.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{FourS, Scores};
    ///
    /// let p = FourS::default().position(&Scores::new(1.0, 0.0, 0.3)?);
    /// approx::assert_relative_eq!(p.attractiveness, 0.2);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn position(&self, scores: &Scores) -> FourSPosition {
        FourSPosition {
            attractiveness: self.params.attractiveness.apply(scores),
            relative_strength: self.params.relative_strength.apply(scores),
        }
    }

    /// Classifies an account whose position on the two axes is already known.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{FourS, FourSClass, FourSPosition};
    ///
    /// let a = FourS::default().classify_position(FourSPosition {
    ///     attractiveness: 0.5,
    ///     relative_strength: 0.49,
    /// });
    /// assert_eq!(a.class, FourSClass::Star); // on the attractiveness cut: high
    /// ```
    #[must_use]
    pub fn classify_position(
        &self,
        position: FourSPosition,
    ) -> Assessment<FourSClass, FourSPosition> {
        let q = quadrant(
            position.relative_strength,
            self.params.strength_threshold,
            position.attractiveness,
            self.params.attractiveness_threshold,
        );
        let class = FourSClass::from_cell(q.high_y, q.high_x);
        Assessment {
            class,
            tier: self.params.tiers.tier(class),
            position,
            margin: q.margin,
        }
    }
}

impl FourS {
    /// The index in [`NativeClass::ALL`] of the class of three scores already known to be
    /// valid, by the same arithmetic as [`Classifier::classify`]: the batch layer's kernel. The
    /// axes are left unclamped: the thresholds lie strictly inside (0, 1), where clamping
    /// changes no comparison.
    #[inline]
    pub(crate) fn class_index_raw(&self, revenue: f64, fit: f64, strength: f64) -> usize {
        let p = &self.params;
        let attractiveness = p.attractiveness.weighted_raw(revenue, fit, strength);
        let relative_strength = p.relative_strength.weighted_raw(revenue, fit, strength);
        FourSClass::from_cell(
            attractiveness >= p.attractiveness_threshold,
            relative_strength >= p.strength_threshold,
        )
        .index()
    }
}

impl Classifier for FourS {
    type Class = FourSClass;
    type Position = FourSPosition;

    fn name(&self) -> &'static str {
        FourSClass::MODEL
    }

    fn citation(&self) -> &'static str {
        "Woodburn, D. and McDonald, M. (2011). Key Account Management: The Definitive Guide, \
         3rd ed. Chichester: Wiley."
    }

    fn classify(&self, scores: &Scores) -> Assessment<FourSClass, FourSPosition> {
        self.classify_position(self.position(scores))
    }

    fn tier_of(&self, class: FourSClass) -> Tier {
        self.params.tiers.tier(class)
    }

    fn cut_points(&self) -> Vec<CutPoint> {
        vec![
            CutPoint {
                axis: Axis::Attractiveness,
                value: self.params.attractiveness_threshold,
            },
            CutPoint {
                axis: Axis::RelativeStrength,
                value: self.params.strength_threshold,
            },
        ]
    }

    fn axis_weights(&self) -> Vec<(Axis, AxisWeights)> {
        vec![
            (Axis::Attractiveness, self.params.attractiveness),
            (Axis::RelativeStrength, self.params.relative_strength),
        ]
    }

    fn decision_axes(&self) -> Vec<DecisionAxis> {
        vec![
            DecisionAxis {
                axis: Axis::Attractiveness,
                parts: vec![(Axis::Attractiveness, 1.0)],
                thresholds: vec![self.params.attractiveness_threshold],
            },
            DecisionAxis {
                axis: Axis::RelativeStrength,
                parts: vec![(Axis::RelativeStrength, 1.0)],
                thresholds: vec![self.params.strength_threshold],
            },
        ]
    }

    fn decision_values(&self, scores: &Scores) -> Vec<f64> {
        let p = self.position(scores);
        vec![p.attractiveness, p.relative_strength]
    }

    fn class_at(&self, bands: &[usize]) -> FourSClass {
        let past = |k: usize| bands.get(k).is_some_and(|&b| b > 0);
        FourSClass::from_cell(past(0), past(1))
    }

    fn settings(&self) -> Vec<Setting> {
        let (p, d) = (&self.params, FourSParams::default());
        let show = |t: &f64| t.to_string();
        vec![
            Setting::compare(
                "attractiveness weights",
                &p.attractiveness,
                &d.attractiveness,
                show_weights,
            ),
            Setting::compare(
                "relative strength weights",
                &p.relative_strength,
                &d.relative_strength,
                show_weights,
            ),
            Setting::compare(
                "attractiveness threshold",
                &p.attractiveness_threshold,
                &d.attractiveness_threshold,
                show,
            ),
            Setting::compare(
                "relative strength threshold",
                &p.strength_threshold,
                &d.strength_threshold,
                show,
            ),
            Setting::compare("tier map", &p.tiers, &d.tiers, show_tiers),
        ]
    }
}
