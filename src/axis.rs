//! The models' axes, the weights that build an axis from the three scores, and the checks on
//! thresholds.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{num, Error, Result};
use crate::scores::{ScoreField, Scores};

/// An axis of one of the models.
///
/// Each axis is a number in [0, 1] built from the three [`Scores`] by [`AxisWeights`].
///
/// # Examples
///
/// ```
/// use keyaccount::Axis;
///
/// assert_eq!(Axis::Attractiveness.to_string(), "account attractiveness");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Axis {
    /// Webster: relationship intensity, from market exchange to network organization.
    RelationshipIntensity,
    /// Millman and Wilson: nature of the customer relationship, transactional to collaborative.
    RelationshipNature,
    /// Millman and Wilson: level of involvement with the customer, simple to complex.
    Involvement,
    /// Millman and Wilson: development along the diagonal, the mean of nature and involvement.
    Development,
    /// Bensaou: the buyer's (customer's) relationship-specific investments.
    BuyerInvestment,
    /// Bensaou: the supplier's relationship-specific investments.
    SupplierInvestment,
    /// 4S: account attractiveness.
    Attractiveness,
    /// 4S: the supplier's relative strength with the account, as the customer sees it.
    RelativeStrength,
}

impl Axis {
    /// The axis's name as people write it.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Axis::Involvement.label(), "level of involvement");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Axis::RelationshipIntensity => "relationship intensity",
            Axis::RelationshipNature => "nature of relationship",
            Axis::Involvement => "level of involvement",
            Axis::Development => "relational development",
            Axis::BuyerInvestment => "buyer's specific investments",
            Axis::SupplierInvestment => "supplier's specific investments",
            Axis::Attractiveness => "account attractiveness",
            Axis::RelativeStrength => "relative strength",
        }
    }
}

impl fmt::Display for Axis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Tolerance on the sum of an axis's weights, so that weights written as decimals
/// (`0.1 + 0.2 + 0.7`) are accepted.
///
/// # Examples
///
/// ```
/// use keyaccount::{Axis, AxisWeights, WEIGHT_SUM_TOLERANCE};
///
/// assert!(AxisWeights::new(Axis::Attractiveness, 0.1, 0.2, 0.7).is_ok());
/// let off = 1.0 + 10.0 * WEIGHT_SUM_TOLERANCE;
/// assert!(AxisWeights::new(Axis::Attractiveness, off, 0.0, 0.0).is_err());
/// ```
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-9;

/// How one axis is built from the three scores: a weighted sum.
///
/// Weights are finite, non-negative and sum to 1 (within [`WEIGHT_SUM_TOLERANCE`]), so an axis
/// is again a number in [0, 1] and raising a score never lowers an axis.
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::{Axis, AxisWeights, Scores};
///
/// let w = AxisWeights::new(Axis::Attractiveness, 0.4, 0.6, 0.0)?;
/// let s = Scores::new(0.5, 1.0, 0.2)?;
/// assert_relative_eq!(w.apply(&s), 0.8);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// Deserialized weights are checked like [`AxisWeights::new`] (naming no axis, which the
/// weights alone do not know); unknown fields are an error. A model's parameters
/// ([`FourSParams`](crate::FourSParams) and the others) read their weights unchecked and check
/// them, naming the axis, when built.
///
/// ```
/// use keyaccount::AxisWeights;
///
/// let json = r#"{"revenue_share": -0.5, "strategic_fit": 1.5, "relationship_strength": 0}"#;
/// let err = serde_json::from_str::<AxisWeights>(json).unwrap_err();
/// assert!(err.to_string().contains("weight for revenue share is -0.5"), "{err}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawWeights")]
pub struct AxisWeights {
    /// Weight of the revenue share score.
    pub revenue_share: f64,
    /// Weight of the strategic fit score.
    pub strategic_fit: f64,
    /// Weight of the relationship strength score.
    pub relationship_strength: f64,
}

/// Weights as written, before any check.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWeights {
    revenue_share: f64,
    strategic_fit: f64,
    relationship_strength: f64,
}

impl RawWeights {
    fn unchecked(self) -> AxisWeights {
        AxisWeights {
            revenue_share: self.revenue_share,
            strategic_fit: self.strategic_fit,
            relationship_strength: self.relationship_strength,
        }
    }
}

impl TryFrom<RawWeights> for AxisWeights {
    type Error = String;

    fn try_from(raw: RawWeights) -> std::result::Result<Self, String> {
        let w = raw.unchecked();
        // Same checks and wording as `validate`, without the axis.
        match w.problem() {
            None => Ok(w),
            Some(Problem::Weight(field, value)) => Err(format!(
                "weight for {field} is {}: weights must be finite and non-negative",
                num(&value)
            )),
            Some(Problem::Sum(sum)) => Err(format!("weights sum to {}, not 1", num(&sum))),
        }
    }
}

/// Reads a model parameter's weights unchecked (unknown fields are still an error), so that
/// building the model reports them with their axis.
pub(crate) fn unchecked_weights<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<AxisWeights, D::Error> {
    RawWeights::deserialize(deserializer).map(RawWeights::unchecked)
}

enum Problem {
    Weight(ScoreField, f64),
    Sum(f64),
}

impl AxisWeights {
    fn problem(&self) -> Option<Problem> {
        for (field, value) in self.pairs() {
            if !value.is_finite() || value < 0.0 {
                return Some(Problem::Weight(field, value));
            }
        }
        let sum = self.revenue_share + self.strategic_fit + self.relationship_strength;
        if (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
            return Some(Problem::Sum(sum));
        }
        None
    }

    /// Checked weights for `axis` (the axis only names the culprit in an error).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] if a weight is negative, NaN or infinite;
    /// [`Error::WeightsDoNotSumToOne`] if they do not sum to 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Axis, AxisWeights, Error};
    ///
    /// assert!(AxisWeights::new(Axis::Attractiveness, 0.5, 0.5, 0.0).is_ok());
    /// assert!(matches!(
    ///     AxisWeights::new(Axis::Attractiveness, 0.5, 0.6, 0.0),
    ///     Err(Error::WeightsDoNotSumToOne { .. })
    /// ));
    /// ```
    pub fn new(
        axis: Axis,
        revenue_share: f64,
        strategic_fit: f64,
        relationship_strength: f64,
    ) -> Result<Self> {
        let w = AxisWeights {
            revenue_share,
            strategic_fit,
            relationship_strength,
        };
        w.validate(axis)?;
        Ok(w)
    }

    /// Weights that take one score as the whole axis.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{AxisWeights, ScoreField};
    ///
    /// let w = AxisWeights::only(ScoreField::RelationshipStrength);
    /// assert_eq!(w.relationship_strength, 1.0);
    /// assert_eq!(w.revenue_share, 0.0);
    /// ```
    #[must_use]
    pub const fn only(field: ScoreField) -> Self {
        let mut w = AxisWeights {
            revenue_share: 0.0,
            strategic_fit: 0.0,
            relationship_strength: 0.0,
        };
        match field {
            ScoreField::RevenueShare => w.revenue_share = 1.0,
            ScoreField::StrategicFit => w.strategic_fit = 1.0,
            ScoreField::RelationshipStrength => w.relationship_strength = 1.0,
        }
        w
    }

    /// Checks the weights of `axis`.
    ///
    /// # Errors
    ///
    /// As [`AxisWeights::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Axis, AxisWeights};
    ///
    /// let w = AxisWeights { revenue_share: -0.1, strategic_fit: 0.6, relationship_strength: 0.5 };
    /// assert!(w.validate(Axis::Attractiveness).is_err());
    /// ```
    pub fn validate(&self, axis: Axis) -> Result<()> {
        match self.problem() {
            None => Ok(()),
            Some(Problem::Weight(field, value)) => Err(Error::InvalidWeight { axis, field, value }),
            Some(Problem::Sum(sum)) => Err(Error::WeightsDoNotSumToOne { axis, sum }),
        }
    }

    /// The weights with the score each applies to, in the order revenue share, strategic fit,
    /// relationship strength.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{AxisWeights, ScoreField};
    ///
    /// let w = AxisWeights::only(ScoreField::StrategicFit);
    /// assert_eq!(w.pairs()[1], (ScoreField::StrategicFit, 1.0));
    /// ```
    #[must_use]
    pub const fn pairs(&self) -> [(ScoreField, f64); 3] {
        [
            (ScoreField::RevenueShare, self.revenue_share),
            (ScoreField::StrategicFit, self.strategic_fit),
            (ScoreField::RelationshipStrength, self.relationship_strength),
        ]
    }

    /// The axis value of `scores`, in [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{AxisWeights, ScoreField, Scores};
    ///
    /// let s = Scores::new(0.1, 0.2, 0.3)?;
    /// assert_eq!(AxisWeights::only(ScoreField::StrategicFit).apply(&s), 0.2);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn apply(&self, scores: &Scores) -> f64 {
        self.apply_raw(
            scores.revenue_share(),
            scores.strategic_fit(),
            scores.relationship_strength(),
        )
    }

    /// The axis value of three scores already known to be in [0, 1].
    ///
    /// Clamped to [0, 1] so that weights summing to 1 within the tolerance cannot push an axis
    /// past its end.
    #[inline]
    pub(crate) fn apply_raw(&self, revenue: f64, fit: f64, strength: f64) -> f64 {
        self.weighted_raw(revenue, fit, strength).clamp(0.0, 1.0)
    }

    /// The weighted sum before clamping. Compared with a threshold strictly inside (0, 1) it
    /// gives the same answer as the clamped value, one step cheaper.
    #[inline]
    pub(crate) fn weighted_raw(&self, revenue: f64, fit: f64, strength: f64) -> f64 {
        self.revenue_share * revenue
            + self.strategic_fit * fit
            + self.relationship_strength * strength
    }
}

/// Checks that `thresholds` cut `axis` into classes: each finite, strictly inside (0, 1), and
/// strictly increasing.
pub(crate) fn validate_thresholds(axis: Axis, thresholds: &[f64]) -> Result<()> {
    for &value in thresholds {
        if !(value.is_finite() && value > 0.0 && value < 1.0) {
            return Err(Error::ThresholdOutOfRange { axis, value });
        }
    }
    for pair in thresholds.windows(2) {
        if pair[1] <= pair[0] {
            return Err(Error::ThresholdsNotOrdered {
                axis,
                previous: pair[0],
                next: pair[1],
            });
        }
    }
    Ok(())
}

/// How many of the increasing `thresholds` lie at or below `value`: the index of the class
/// `value` falls in. A value exactly on a threshold goes to the higher class.
#[inline]
pub(crate) fn band<const N: usize>(value: f64, thresholds: &[f64; N]) -> usize {
    thresholds.iter().map(|&t| usize::from(value >= t)).sum()
}

/// Distance from `value` to the nearest of `thresholds`.
#[inline]
pub(crate) fn nearest_cut(value: f64, thresholds: &[f64]) -> f64 {
    thresholds
        .iter()
        .map(|&t| (value - t).abs())
        .fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_sends_boundary_values_up() {
        let t = [0.2, 0.4];
        assert_eq!(band(0.0, &t), 0);
        assert_eq!(band(0.2, &t), 1);
        assert_eq!(band(0.399, &t), 1);
        assert_eq!(band(0.4, &t), 2);
        assert_eq!(band(1.0, &t), 2);
    }

    #[test]
    fn thresholds_are_checked() {
        let a = Axis::RelationshipIntensity;
        assert!(validate_thresholds(a, &[0.1, 0.5]).is_ok());
        assert!(matches!(
            validate_thresholds(a, &[0.0]),
            Err(Error::ThresholdOutOfRange { .. })
        ));
        assert!(matches!(
            validate_thresholds(a, &[1.0]),
            Err(Error::ThresholdOutOfRange { .. })
        ));
        assert!(matches!(
            validate_thresholds(a, &[f64::NAN]),
            Err(Error::ThresholdOutOfRange { .. })
        ));
        assert!(matches!(
            validate_thresholds(a, &[0.5, 0.5]),
            Err(Error::ThresholdsNotOrdered { .. })
        ));
    }

    #[test]
    fn weights_are_checked() {
        let a = Axis::Attractiveness;
        assert!(AxisWeights::new(a, 0.1, 0.2, 0.7).is_ok());
        assert!(matches!(
            AxisWeights::new(a, f64::NAN, 0.5, 0.5),
            Err(Error::InvalidWeight {
                field: ScoreField::RevenueShare,
                ..
            })
        ));
        assert!(matches!(
            AxisWeights::new(a, 0.0, 0.0, 0.0),
            Err(Error::WeightsDoNotSumToOne { .. })
        ));
    }
}
