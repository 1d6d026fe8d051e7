//! Millman and Wilson's two-dimensional relational development model.

use std::f64::consts::SQRT_2;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::axis::{band, nearest_cut, validate_thresholds, Axis, AxisWeights};
use crate::classifier::{Assessment, Classifier, CutPoint, DecisionAxis, NativeClass, Setting};
use crate::error::{Error, Result};
use crate::explain::defaults::{show_list, show_tiers, show_weights};
use crate::scores::Scores;
use crate::tier::{Tier, TierMap};

/// A stage of Millman and Wilson's relational development model.
///
/// The five positional stages lie along the diagonal from transactional and simple to
/// collaborative and complex. Uncoupling-KAM is not a position but a movement: a fall from a
/// higher stage, found by [`MillmanWilson::classify_with_previous`].
///
/// # Examples
///
/// ```
/// use keyaccount::{MillmanWilsonStage, NativeClass};
///
/// assert_eq!(MillmanWilsonStage::MidKam.to_string(), "Mid-KAM");
/// assert_eq!(MillmanWilsonStage::MidKam.cranfield_label(), "Cooperative");
/// assert!(MillmanWilsonStage::UncouplingKam.is_below(MillmanWilsonStage::PreKam));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MillmanWilsonStage {
    /// Disengagement from any stage: the relationship has fallen.
    UncouplingKam,
    /// Identifying accounts with key-account potential.
    PreKam,
    /// Exploring opportunities; the relationship still runs through the sales contact.
    EarlyKam,
    /// Trust is established; contacts widen across functions.
    MidKam,
    /// The supplier is an external resource of the customer: joint planning.
    PartnershipKam,
    /// Quasi-integration: one team creating value together.
    SynergisticKam,
}

impl MillmanWilsonStage {
    /// The five positional stages, lowest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::MillmanWilsonStage;
    ///
    /// assert!(!MillmanWilsonStage::POSITIONAL.contains(&MillmanWilsonStage::UncouplingKam));
    /// ```
    pub const POSITIONAL: [MillmanWilsonStage; 5] = [
        MillmanWilsonStage::PreKam,
        MillmanWilsonStage::EarlyKam,
        MillmanWilsonStage::MidKam,
        MillmanWilsonStage::PartnershipKam,
        MillmanWilsonStage::SynergisticKam,
    ];

    /// The later Cranfield name of the stage (McDonald and Rogers, 1998): Exploratory, Basic,
    /// Cooperative, Interdependent, Integrated, and Disintegrating for Uncoupling-KAM.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::MillmanWilsonStage;
    ///
    /// assert_eq!(MillmanWilsonStage::SynergisticKam.cranfield_label(), "Integrated");
    /// ```
    #[must_use]
    pub const fn cranfield_label(self) -> &'static str {
        match self {
            MillmanWilsonStage::PreKam => "Exploratory",
            MillmanWilsonStage::EarlyKam => "Basic",
            MillmanWilsonStage::MidKam => "Cooperative",
            MillmanWilsonStage::PartnershipKam => "Interdependent",
            MillmanWilsonStage::SynergisticKam => "Integrated",
            MillmanWilsonStage::UncouplingKam => "Disintegrating",
        }
    }
}

impl NativeClass for MillmanWilsonStage {
    const MODEL: &'static str = "Millman and Wilson";
    const ALL: &'static [Self] = &[
        MillmanWilsonStage::UncouplingKam,
        MillmanWilsonStage::PreKam,
        MillmanWilsonStage::EarlyKam,
        MillmanWilsonStage::MidKam,
        MillmanWilsonStage::PartnershipKam,
        MillmanWilsonStage::SynergisticKam,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn label(self) -> &'static str {
        match self {
            MillmanWilsonStage::PreKam => "Pre-KAM",
            MillmanWilsonStage::EarlyKam => "Early-KAM",
            MillmanWilsonStage::MidKam => "Mid-KAM",
            MillmanWilsonStage::PartnershipKam => "Partnership-KAM",
            MillmanWilsonStage::SynergisticKam => "Synergistic-KAM",
            MillmanWilsonStage::UncouplingKam => "Uncoupling-KAM",
        }
    }

    fn strategy(self) -> &'static str {
        match self {
            MillmanWilsonStage::PreKam => "qualify the account's key-account potential at low cost",
            MillmanWilsonStage::EarlyKam => "maintain efficiently while exploring opportunities",
            MillmanWilsonStage::MidKam => "invest selectively to widen contacts across functions",
            MillmanWilsonStage::PartnershipKam => "invest in joint planning as a strategic partner",
            MillmanWilsonStage::SynergisticKam => {
                "invest to create value as one quasi-integrated team"
            }
            MillmanWilsonStage::UncouplingKam => {
                "find why the relationship fell; recover it or disengage at low cost"
            }
        }
    }

    fn default_tier(self) -> Tier {
        match self {
            MillmanWilsonStage::UncouplingKam | MillmanWilsonStage::PreKam => Tier::Transactional,
            MillmanWilsonStage::EarlyKam => Tier::Maintenance,
            MillmanWilsonStage::MidKam => Tier::Development,
            MillmanWilsonStage::PartnershipKam | MillmanWilsonStage::SynergisticKam => Tier::Key,
        }
    }
}

impl fmt::Display for MillmanWilsonStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Whether an account's involvement and relationship have developed together.
///
/// # Examples
///
/// ```
/// use keyaccount::{Balance, Classifier, MillmanWilson, Scores};
///
/// // A big account bought transactionally: complex involvement, weak relationship.
/// let p = MillmanWilson::default().classify(&Scores::new(1.0, 0.9, 0.0)?).position;
/// assert_eq!(p.balance, Balance::InvolvementAhead);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    /// Within the tolerance of the diagonal.
    Balanced,
    /// Complex involvement in a transactional relationship (above the diagonal).
    InvolvementAhead,
    /// A collaborative relationship with simple involvement (below the diagonal).
    RelationshipAhead,
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Balance::Balanced => "balanced",
            Balance::InvolvementAhead => "involvement ahead of relationship",
            Balance::RelationshipAhead => "relationship ahead of involvement",
        })
    }
}

/// Where an account sits in Millman and Wilson's plane.
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, MillmanWilson, Scores};
///
/// let p = MillmanWilson::default().classify(&Scores::new(0.4, 0.4, 0.4)?).position;
/// approx::assert_relative_eq!(p.development, 0.4);
/// approx::assert_relative_eq!(p.off_diagonal, 0.0, epsilon = 1e-12);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MillmanWilsonPosition {
    /// Nature of the customer relationship (horizontal axis), transactional (0) to
    /// collaborative (1).
    pub nature: f64,
    /// Level of involvement with the customer (vertical axis), simple (0) to complex (1).
    pub involvement: f64,
    /// Progress along the diagonal: the mean of `nature` and `involvement`. The stages cut
    /// this axis.
    pub development: f64,
    /// Signed distance from the diagonal, `(involvement - nature) / sqrt(2)`: positive when
    /// involvement runs ahead of the relationship.
    pub off_diagonal: f64,
    /// Whether the account is within the tolerance of the diagonal.
    pub balance: Balance,
}

/// The settings of a [`MillmanWilson`] model, unchecked. [`MillmanWilsonParams::build`]
/// checks them.
///
/// # Examples
///
/// ```
/// use keyaccount::MillmanWilsonParams;
///
/// let model = MillmanWilsonParams { uncoupling_drop: 0.1, ..Default::default() }.build()?;
/// assert_eq!(model.uncoupling_drop(), 0.1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MillmanWilsonParams {
    /// How the nature of the relationship is built from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub nature: AxisWeights,
    /// How the level of involvement is built from the scores.
    #[serde(deserialize_with = "crate::axis::unchecked_weights")]
    pub involvement: AxisWeights,
    /// The four cuts of the development axis between the five positional stages, strictly
    /// increasing.
    pub thresholds: [f64; 4],
    /// Largest distance from the diagonal that still counts as balanced, in [0, 1].
    pub balance_tolerance: f64,
    /// A fall in development of at least this much since the previous assessment is
    /// Uncoupling-KAM, in (0, 1].
    pub uncoupling_drop: f64,
    /// The tier of each stage.
    pub tiers: TierMap<MillmanWilsonStage>,
}

impl Default for MillmanWilsonParams {
    fn default() -> Self {
        MillmanWilsonParams {
            nature: AxisWeights {
                revenue_share: 0.0,
                strategic_fit: 0.2,
                relationship_strength: 0.8,
            },
            involvement: AxisWeights {
                revenue_share: 0.5,
                strategic_fit: 0.3,
                relationship_strength: 0.2,
            },
            thresholds: [0.2, 0.4, 0.6, 0.8],
            balance_tolerance: 0.2,
            uncoupling_drop: 0.2,
            tiers: TierMap::default(),
        }
    }
}

impl MillmanWilsonParams {
    /// The checked model.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] or [`Error::WeightsDoNotSumToOne`] for bad weights;
    /// [`Error::ThresholdOutOfRange`] or [`Error::ThresholdsNotOrdered`] for bad thresholds;
    /// [`Error::InvalidBalanceTolerance`]; [`Error::InvalidUncouplingDrop`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Error, MillmanWilsonParams};
    ///
    /// let bad = MillmanWilsonParams { uncoupling_drop: 0.0, ..Default::default() };
    /// assert!(matches!(bad.build(), Err(Error::InvalidUncouplingDrop { .. })));
    /// ```
    pub fn build(self) -> Result<MillmanWilson> {
        MillmanWilson::new(self)
    }
}

/// Millman and Wilson's relational development model: nature of the customer relationship
/// (transactional to collaborative) against level of involvement (simple to complex), with the
/// stages along the diagonal.
///
/// The stage is read from `development`, the mean of the two axes:
///
/// | development | stage | default tier |
/// | --- | --- | --- |
/// | [0, 0.2) | Pre-KAM | Transactional |
/// | [0.2, 0.4) | Early-KAM | Maintenance |
/// | [0.4, 0.6) | Mid-KAM | Development |
/// | [0.6, 0.8) | Partnership-KAM | Key |
/// | [0.8, 1] | Synergistic-KAM | Key |
/// | fall of 0.2 or more since the previous assessment | Uncoupling-KAM | Transactional |
///
/// By default nature = 0.8 relationship strength + 0.2 strategic fit, and involvement = 0.5
/// revenue share + 0.3 strategic fit + 0.2 relationship strength (large, strategic accounts
/// involve more functions and levels). An account more than 0.2 from the diagonal is out of
/// balance ([`Balance`]).
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, MillmanWilson, MillmanWilsonStage, Scores, Tier};
///
/// let model = MillmanWilson::default();
/// let before = model.classify(&Scores::new(0.7, 0.7, 0.8)?);
/// assert_eq!(before.class, MillmanWilsonStage::PartnershipKam);
///
/// let now = model.classify_with_previous(&Scores::new(0.5, 0.5, 0.3)?, &before)?;
/// assert_eq!(now.class, MillmanWilsonStage::UncouplingKam);
/// assert_eq!(now.tier, Tier::Transactional);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// # References
///
/// - Millman, T. and Wilson, K. (1995). From key account selling to key account management.
///   *Journal of Marketing Practice: Applied Marketing Science*, 1(1), 9-21.
/// - Millman, T. and Wilson, K. (1996). Developing key account management competences.
///   *Journal of Marketing Practice: Applied Marketing Science*, 2(2), 7-22.
/// - McDonald, M. and Rogers, B. (1998). *Key Account Management: Learning from Supplier and
///   Customer Perspectives*. Oxford: Butterworth-Heinemann.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "MillmanWilsonParams", into = "MillmanWilsonParams")]
pub struct MillmanWilson {
    params: MillmanWilsonParams,
}

impl TryFrom<MillmanWilsonParams> for MillmanWilson {
    type Error = Error;

    fn try_from(params: MillmanWilsonParams) -> Result<Self> {
        MillmanWilson::new(params)
    }
}

impl From<MillmanWilson> for MillmanWilsonParams {
    fn from(model: MillmanWilson) -> Self {
        model.params
    }
}

/// The assessment of [`MillmanWilson`].
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, MillmanWilson, MillmanWilsonAssessment, Scores};
///
/// let a: MillmanWilsonAssessment = MillmanWilson::default().classify(&Scores::new(0.5, 0.5, 0.5)?);
/// approx::assert_relative_eq!(a.position.development, 0.5);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub type MillmanWilsonAssessment = Assessment<MillmanWilsonStage, MillmanWilsonPosition>;

impl MillmanWilson {
    /// A checked model.
    ///
    /// # Errors
    ///
    /// As [`MillmanWilsonParams::build`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{MillmanWilson, MillmanWilsonParams};
    ///
    /// assert_eq!(MillmanWilson::new(MillmanWilsonParams::default())?, MillmanWilson::default());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(params: MillmanWilsonParams) -> Result<Self> {
        params.nature.validate(Axis::RelationshipNature)?;
        params.involvement.validate(Axis::Involvement)?;
        validate_thresholds(Axis::Development, &params.thresholds)?;
        if !(0.0..=1.0).contains(&params.balance_tolerance) {
            return Err(Error::InvalidBalanceTolerance {
                value: params.balance_tolerance,
            });
        }
        if !(params.uncoupling_drop > 0.0 && params.uncoupling_drop <= 1.0) {
            return Err(Error::InvalidUncouplingDrop {
                value: params.uncoupling_drop,
            });
        }
        Ok(MillmanWilson { params })
    }

    /// The settings in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::MillmanWilson::default().params().balance_tolerance, 0.2);
    /// ```
    #[must_use]
    pub fn params(&self) -> &MillmanWilsonParams {
        &self.params
    }

    /// The four development thresholds in force.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::MillmanWilson::default().thresholds(), &[0.2, 0.4, 0.6, 0.8]);
    /// ```
    #[must_use]
    pub fn thresholds(&self) -> &[f64; 4] {
        &self.params.thresholds
    }

    /// The fall in development that marks Uncoupling-KAM.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::MillmanWilson::default().uncoupling_drop(), 0.2);
    /// ```
    #[must_use]
    pub fn uncoupling_drop(&self) -> f64 {
        self.params.uncoupling_drop
    }

    /// The account's place in the plane, read from its scores.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{MillmanWilson, Scores};
    ///
    /// let p = MillmanWilson::default().position(&Scores::new(1.0, 0.0, 0.0)?);
    /// approx::assert_relative_eq!(p.involvement, 0.5);
    /// approx::assert_relative_eq!(p.nature, 0.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn position(&self, scores: &Scores) -> MillmanWilsonPosition {
        let nature = self.params.nature.apply(scores);
        let involvement = self.params.involvement.apply(scores);
        self.place(nature, involvement)
    }

    /// The position of an account measured directly on the two axes, for users who rate
    /// nature of relationship and level of involvement themselves.
    ///
    /// # Errors
    ///
    /// [`Error::AxisValueOutOfRange`] naming the axis whose value is NaN, infinite or outside
    /// [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Balance, MillmanWilson, MillmanWilsonStage};
    ///
    /// let model = MillmanWilson::default();
    /// let p = model.position_from_axes(0.1, 0.9)?;
    /// assert_eq!(p.balance, Balance::InvolvementAhead);
    /// assert_eq!(model.classify_position(p).class, MillmanWilsonStage::MidKam);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn position_from_axes(
        &self,
        nature: f64,
        involvement: f64,
    ) -> Result<MillmanWilsonPosition> {
        for (axis, value) in [
            (Axis::RelationshipNature, nature),
            (Axis::Involvement, involvement),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::AxisValueOutOfRange { axis, value });
            }
        }
        Ok(self.place(nature, involvement))
    }

    fn place(&self, nature: f64, involvement: f64) -> MillmanWilsonPosition {
        let off_diagonal = (involvement - nature) / SQRT_2;
        let balance = if off_diagonal > self.params.balance_tolerance {
            Balance::InvolvementAhead
        } else if -off_diagonal > self.params.balance_tolerance {
            Balance::RelationshipAhead
        } else {
            Balance::Balanced
        };
        MillmanWilsonPosition {
            nature,
            involvement,
            development: 0.5 * (nature + involvement),
            off_diagonal,
            balance,
        }
    }

    /// Classifies an account by its position alone (no previous assessment, so never
    /// Uncoupling-KAM).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{MillmanWilson, MillmanWilsonStage};
    ///
    /// let model = MillmanWilson::default();
    /// let a = model.classify_position(model.position_from_axes(0.3, 0.5)?);
    /// assert_eq!(a.class, MillmanWilsonStage::MidKam); // development 0.4: on the cut, higher
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn classify_position(&self, position: MillmanWilsonPosition) -> MillmanWilsonAssessment {
        let stage =
            MillmanWilsonStage::POSITIONAL[band(position.development, &self.params.thresholds)];
        Assessment {
            class: stage,
            tier: self.params.tiers.tier(stage),
            position,
            // The stage boundaries are the lines nature + involvement = 2t.
            margin: SQRT_2 * nearest_cut(position.development, &self.params.thresholds),
        }
    }

    /// Classifies an account given its previous assessment: a fall in development of at least
    /// [`uncoupling_drop`](MillmanWilson::uncoupling_drop) since then is Uncoupling-KAM;
    /// otherwise the stage is read from the position as in
    /// [`Classifier::classify`]. The margin then also counts the distance to the uncoupling
    /// boundary.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPreviousAssessment`] if the previous development is not a finite number
    /// in [0, 1] (a hand-made or corrupted assessment).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Classifier, MillmanWilson, MillmanWilsonStage, Scores};
    ///
    /// let model = MillmanWilson::default();
    /// let before = model.classify(&Scores::new(0.5, 0.5, 0.5)?);
    /// let steady = model.classify_with_previous(&Scores::new(0.5, 0.5, 0.45)?, &before)?;
    /// assert_eq!(steady.class, MillmanWilsonStage::MidKam);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn classify_with_previous(
        &self,
        scores: &Scores,
        previous: &MillmanWilsonAssessment,
    ) -> Result<MillmanWilsonAssessment> {
        let before = previous.position.development;
        if !(0.0..=1.0).contains(&before) {
            return Err(Error::InvalidPreviousAssessment {
                what: "development",
                value: before,
            });
        }
        let mut a = self.classify(scores);
        let fall = before - a.position.development;
        a.margin = a
            .margin
            .min(SQRT_2 * (fall - self.params.uncoupling_drop).abs());
        if fall >= self.params.uncoupling_drop {
            a.class = MillmanWilsonStage::UncouplingKam;
            a.tier = self.params.tiers.tier(a.class);
        }
        Ok(a)
    }
}

impl MillmanWilson {
    /// The index in [`NativeClass::ALL`] of the positional stage of three scores already known
    /// to be valid, by the same arithmetic as [`Classifier::classify`]: the batch layer's
    /// kernel. Uncoupling needs a previous assessment and is never returned.
    #[inline]
    pub(crate) fn class_index_raw(&self, revenue: f64, fit: f64, strength: f64) -> usize {
        let p = &self.params;
        let nature = p.nature.apply_raw(revenue, fit, strength);
        let involvement = p.involvement.apply_raw(revenue, fit, strength);
        let development = 0.5 * (nature + involvement);
        // POSITIONAL starts at ALL[1]: ALL[0] is Uncoupling.
        1 + band(development, &p.thresholds)
    }
}

impl Classifier for MillmanWilson {
    type Class = MillmanWilsonStage;
    type Position = MillmanWilsonPosition;

    fn name(&self) -> &'static str {
        MillmanWilsonStage::MODEL
    }

    fn citation(&self) -> &'static str {
        "Millman, T. and Wilson, K. (1995). From key account selling to key account management. \
         Journal of Marketing Practice: Applied Marketing Science, 1(1), 9-21."
    }

    fn classify(&self, scores: &Scores) -> MillmanWilsonAssessment {
        self.classify_position(self.position(scores))
    }

    fn tier_of(&self, class: MillmanWilsonStage) -> Tier {
        self.params.tiers.tier(class)
    }

    fn cut_points(&self) -> Vec<CutPoint> {
        self.params
            .thresholds
            .iter()
            .map(|&value| CutPoint {
                axis: Axis::Development,
                value,
            })
            .collect()
    }

    fn axis_weights(&self) -> Vec<(Axis, AxisWeights)> {
        vec![
            (Axis::RelationshipNature, self.params.nature),
            (Axis::Involvement, self.params.involvement),
        ]
    }

    fn decision_axes(&self) -> Vec<DecisionAxis> {
        vec![DecisionAxis {
            axis: Axis::Development,
            parts: vec![(Axis::RelationshipNature, 0.5), (Axis::Involvement, 0.5)],
            thresholds: self.params.thresholds.to_vec(),
        }]
    }

    fn decision_values(&self, scores: &Scores) -> Vec<f64> {
        vec![self.position(scores).development]
    }

    /// The positional stage; never Uncoupling-KAM, which needs a previous assessment.
    fn class_at(&self, bands: &[usize]) -> MillmanWilsonStage {
        let band = bands.first().copied().unwrap_or(0);
        MillmanWilsonStage::POSITIONAL[band.min(MillmanWilsonStage::POSITIONAL.len() - 1)]
    }

    fn settings(&self) -> Vec<Setting> {
        let (p, d) = (&self.params, MillmanWilsonParams::default());
        let show = |t: &f64| t.to_string();
        vec![
            Setting::compare(
                "nature of relationship weights",
                &p.nature,
                &d.nature,
                show_weights,
            ),
            Setting::compare(
                "level of involvement weights",
                &p.involvement,
                &d.involvement,
                show_weights,
            ),
            Setting {
                name: "development",
                value: "(nature + involvement) / 2".to_owned(),
                is_default: true,
            },
            Setting::compare("thresholds", &p.thresholds, &d.thresholds, |t| show_list(t)),
            Setting::compare(
                "balance tolerance",
                &p.balance_tolerance,
                &d.balance_tolerance,
                show,
            ),
            Setting::compare(
                "uncoupling drop",
                &p.uncoupling_drop,
                &d.uncoupling_drop,
                show,
            ),
            Setting::compare("tier map", &p.tiers, &d.tiers, show_tiers),
        ]
    }
}
