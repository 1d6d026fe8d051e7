//! The three scores of an account and the scale that turns a raw revenue share into a score.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One of the three scores of an account.
///
/// # Examples
///
/// ```
/// use keyaccount::ScoreField;
///
/// assert_eq!(ScoreField::StrategicFit.to_string(), "strategic fit");
/// assert_eq!(ScoreField::ALL.len(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreField {
    /// How much of the supplier's revenue the account brings, as a score.
    RevenueShare,
    /// How attractive the account is to the supplier beyond today's revenue.
    StrategicFit,
    /// How strong the supplier's position is with the account, as the customer sees it.
    RelationshipStrength,
}

impl ScoreField {
    /// The three scores in their documented order (the column order of batch matrices).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::ScoreField;
    ///
    /// assert_eq!(ScoreField::ALL[0], ScoreField::RevenueShare);
    /// ```
    pub const ALL: [ScoreField; 3] = [
        ScoreField::RevenueShare,
        ScoreField::StrategicFit,
        ScoreField::RelationshipStrength,
    ];

    /// The score's name as people write it.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::ScoreField::RevenueShare.label(), "revenue share");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            ScoreField::RevenueShare => "revenue share",
            ScoreField::StrategicFit => "strategic fit",
            ScoreField::RelationshipStrength => "relationship strength",
        }
    }
}

impl fmt::Display for ScoreField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// The three scores of one account, each a finite number in [0, 1] where higher means more
/// revenue importance, a better strategic fit and a stronger relationship.
///
/// A `Scores` value is always valid: the constructor and deserialization reject NaN,
/// infinities and values outside [0, 1].
///
/// # Examples
///
/// ```
/// use keyaccount::{Error, ScoreField, Scores};
///
/// let s = Scores::new(0.8, 0.6, 0.3)?;
/// assert_eq!(s.strategic_fit(), 0.6);
///
/// let err = Scores::new(0.8, f64::NAN, 0.3).unwrap_err();
/// assert!(matches!(err, Error::ScoreOutOfRange { field: ScoreField::StrategicFit, .. }));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "RawScores")]
pub struct Scores {
    revenue_share: f64,
    strategic_fit: f64,
    relationship_strength: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScores {
    revenue_share: f64,
    strategic_fit: f64,
    relationship_strength: f64,
}

impl TryFrom<RawScores> for Scores {
    type Error = Error;

    fn try_from(raw: RawScores) -> Result<Self> {
        Scores::new(
            raw.revenue_share,
            raw.strategic_fit,
            raw.relationship_strength,
        )
    }
}

/// Checks one score.
#[inline]
pub(crate) fn check_score(field: ScoreField, value: f64) -> Result<f64> {
    // Written so that NaN fails the test.
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::ScoreOutOfRange { field, value })
    }
}

impl Scores {
    /// Checked scores.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfRange`] naming the first score (in the order of the arguments) that is
    /// NaN, infinite or outside [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// let s = keyaccount::Scores::new(0.0, 1.0, 0.5)?;
    /// assert_eq!(s.relationship_strength(), 0.5);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(revenue_share: f64, strategic_fit: f64, relationship_strength: f64) -> Result<Self> {
        Ok(Scores {
            revenue_share: check_score(ScoreField::RevenueShare, revenue_share)?,
            strategic_fit: check_score(ScoreField::StrategicFit, strategic_fit)?,
            relationship_strength: check_score(
                ScoreField::RelationshipStrength,
                relationship_strength,
            )?,
        })
    }

    /// Scores built from a raw revenue share (a fraction of the supplier's total revenue),
    /// turned into its score by `scale`.
    ///
    /// # Errors
    ///
    /// [`Error::RevenueShareOutOfRange`] if `share` is not a fraction in [0, 1];
    /// [`Error::ScoreOutOfRange`] if one of the other two scores is invalid.
    ///
    /// # Examples
    ///
    /// ```
    /// use approx::assert_relative_eq;
    /// use keyaccount::{RevenueShareScale, Scores};
    ///
    /// // An account with 1% of revenue sits half way on the default log scale (0.1% to 10%).
    /// let s = Scores::from_revenue_share(0.01, &RevenueShareScale::default(), 0.7, 0.4)?;
    /// assert_relative_eq!(s.revenue_share(), 0.5, epsilon = 1e-12);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn from_revenue_share(
        share: f64,
        scale: &RevenueShareScale,
        strategic_fit: f64,
        relationship_strength: f64,
    ) -> Result<Self> {
        Scores::new(scale.score(share)?, strategic_fit, relationship_strength)
    }

    /// The revenue share score.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Scores::new(0.3, 0.0, 0.0)?.revenue_share(), 0.3);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub const fn revenue_share(&self) -> f64 {
        self.revenue_share
    }

    /// The strategic fit score.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Scores::new(0.0, 0.3, 0.0)?.strategic_fit(), 0.3);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub const fn strategic_fit(&self) -> f64 {
        self.strategic_fit
    }

    /// The relationship strength score.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Scores::new(0.0, 0.0, 0.3)?.relationship_strength(), 0.3);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub const fn relationship_strength(&self) -> f64 {
        self.relationship_strength
    }

    /// One score by name.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{ScoreField, Scores};
    ///
    /// let s = Scores::new(0.1, 0.2, 0.3)?;
    /// assert_eq!(s.get(ScoreField::StrategicFit), 0.2);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn get(&self, field: ScoreField) -> f64 {
        match field {
            ScoreField::RevenueShare => self.revenue_share,
            ScoreField::StrategicFit => self.strategic_fit,
            ScoreField::RelationshipStrength => self.relationship_strength,
        }
    }

    /// The scores with one of them replaced.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfRange`] if `value` is not a finite number in [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{ScoreField, Scores};
    ///
    /// let s = Scores::new(0.1, 0.2, 0.3)?.with(ScoreField::RevenueShare, 0.9)?;
    /// assert_eq!(s.revenue_share(), 0.9);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn with(mut self, field: ScoreField, value: f64) -> Result<Self> {
        let value = check_score(field, value)?;
        match field {
            ScoreField::RevenueShare => self.revenue_share = value,
            ScoreField::StrategicFit => self.strategic_fit = value,
            ScoreField::RelationshipStrength => self.relationship_strength = value,
        }
        Ok(self)
    }

    /// The three scores as an array in the documented order (revenue share, strategic fit,
    /// relationship strength).
    ///
    /// # Examples
    ///
    /// ```
    /// let s = keyaccount::Scores::new(0.1, 0.2, 0.3)?;
    /// assert_eq!(s.to_array(), [0.1, 0.2, 0.3]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn to_array(&self) -> [f64; 3] {
        [
            self.revenue_share,
            self.strategic_fit,
            self.relationship_strength,
        ]
    }
}

impl TryFrom<[f64; 3]> for Scores {
    type Error = Error;

    /// Scores from an array in the documented order.
    fn try_from(v: [f64; 3]) -> Result<Self> {
        Scores::new(v[0], v[1], v[2])
    }
}

/// How a raw revenue share (the account's fraction of the supplier's total revenue) becomes a
/// revenue-share score in [0, 1].
///
/// A raw share is tiny in a large portfolio, so it is put on a scale that saturates at a
/// reference share. Portfolio-relative methods (percentile rank, Pareto / ABC position) need
/// the whole portfolio and live with the portfolio analysis.
///
/// The default is `Logarithmic { floor: 0.001, reference: 0.1 }`: 0 at 0.1% of revenue or less,
/// 1 at 10% or more, and one equal step per tenfold in between (1% gives 0.5). It gives sensible
/// scores for portfolios from a few dozen to a few thousand accounts when the user has only the
/// fraction.
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::RevenueShareScale;
///
/// let linear = RevenueShareScale::linear(0.05)?;
/// assert_relative_eq!(linear.score(0.01)?, 0.2);
/// assert_eq!(linear.score(0.30)?, 1.0);
///
/// let log = RevenueShareScale::default();
/// assert_eq!(log.score(0.0)?, 0.0);
/// assert_relative_eq!(log.score(0.01)?, 0.5, epsilon = 1e-12);
/// assert_eq!(log.score(0.2)?, 1.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", try_from = "RawScale")]
pub enum RevenueShareScale {
    /// `min(share / reference, 1)`: proportional up to the reference share.
    Linear {
        /// The share that scores 1, in (0, 1].
        reference: f64,
    },
    /// `ln(share / floor) / ln(reference / floor)`, clamped to [0, 1]: equal steps per
    /// tenfold, 0 at or below `floor`, 1 at or above `reference`. Computed as differences of
    /// logarithms, so a tiny floor (even a subnormal one) cannot overflow the ratio.
    Logarithmic {
        /// The share that scores 0, in (0, reference).
        floor: f64,
        /// The share that scores 1, in (floor, 1].
        reference: f64,
    },
}

#[derive(Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
enum RawScale {
    Linear { reference: f64 },
    Logarithmic { floor: f64, reference: f64 },
}

impl TryFrom<RawScale> for RevenueShareScale {
    type Error = Error;

    fn try_from(raw: RawScale) -> Result<Self> {
        match raw {
            RawScale::Linear { reference } => RevenueShareScale::linear(reference),
            RawScale::Logarithmic { floor, reference } => {
                RevenueShareScale::logarithmic(floor, reference)
            }
        }
    }
}

impl Default for RevenueShareScale {
    fn default() -> Self {
        RevenueShareScale::Logarithmic {
            floor: 0.001,
            reference: 0.1,
        }
    }
}

impl RevenueShareScale {
    /// A linear scale that reaches 1 at `reference`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScale`] if `reference` is not a finite number in (0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(keyaccount::RevenueShareScale::linear(0.0).is_err());
    /// assert!(keyaccount::RevenueShareScale::linear(0.1).is_ok());
    /// ```
    pub fn linear(reference: f64) -> Result<Self> {
        check_share_parameter("reference", reference)?;
        Ok(RevenueShareScale::Linear { reference })
    }

    /// A logarithmic scale from `floor` (score 0) to `reference` (score 1).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScale`] if either is not a finite number in (0, 1], or if `floor` is not
    /// below `reference` by a ratio whose logarithm is a positive number (a floor within a few
    /// ulps of the reference has none).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::RevenueShareScale;
    ///
    /// assert!(RevenueShareScale::logarithmic(0.01, 0.2).is_ok());
    /// assert!(RevenueShareScale::logarithmic(0.2, 0.01).is_err());
    ///
    /// // A subnormal floor is fine: 1e-155 is half way, in logarithms, to 1.
    /// let tiny = RevenueShareScale::logarithmic(1e-310, 1.0)?;
    /// assert!((tiny.score(1e-155)? - 0.5).abs() < 1e-3);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn logarithmic(floor: f64, reference: f64) -> Result<Self> {
        check_share_parameter("floor", floor)?;
        check_share_parameter("reference", reference)?;
        if floor >= reference {
            return Err(Error::InvalidScale {
                parameter: "floor",
                value: floor,
                reason: "must be below the reference share",
            });
        }
        if log_span(floor, reference) <= 0.0 {
            return Err(Error::InvalidScale {
                parameter: "floor",
                value: floor,
                reason: "is too close to the reference share for a logarithmic scale",
            });
        }
        Ok(RevenueShareScale::Logarithmic { floor, reference })
    }

    /// The score of a raw revenue share. Monotone: a larger share never scores lower.
    ///
    /// # Errors
    ///
    /// [`Error::RevenueShareOutOfRange`] if `share` is NaN, infinite or outside [0, 1];
    /// [`Error::InvalidScale`] if the scale was built by hand with invalid parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Error, RevenueShareScale};
    ///
    /// let scale = RevenueShareScale::default();
    /// assert!(matches!(scale.score(-0.1), Err(Error::RevenueShareOutOfRange { .. })));
    /// ```
    pub fn score(&self, share: f64) -> Result<f64> {
        if !(0.0..=1.0).contains(&share) {
            return Err(Error::RevenueShareOutOfRange { value: share });
        }
        let v = match *self {
            RevenueShareScale::Linear { reference } => {
                check_share_parameter("reference", reference)?;
                share / reference
            }
            RevenueShareScale::Logarithmic { floor, reference } => {
                Self::logarithmic(floor, reference)?;
                if share <= floor {
                    0.0
                } else {
                    (share.ln() - floor.ln()) / log_span(floor, reference)
                }
            }
        };
        Ok(v.clamp(0.0, 1.0))
    }
}

/// `ln(reference / floor)` without forming the ratio, which overflows for a tiny floor.
/// Finite for shares in (0, 1], since `ln` of the smallest subnormal is about -745.
fn log_span(floor: f64, reference: f64) -> f64 {
    reference.ln() - floor.ln()
}

fn check_share_parameter(parameter: &'static str, value: f64) -> Result<()> {
    if value.is_finite() && value > 0.0 && value <= 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidScale {
            parameter,
            value,
            reason: "must be a finite share in (0, 1]",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_reject_each_field() {
        for (i, field) in ScoreField::ALL.into_iter().enumerate() {
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.001, 1.001] {
                let mut v = [0.5; 3];
                v[i] = bad;
                match Scores::try_from(v) {
                    Err(Error::ScoreOutOfRange { field: f, value }) => {
                        assert_eq!(f, field);
                        assert!(value.to_bits() == bad.to_bits());
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
    }

    #[test]
    fn scores_accept_the_ends() {
        assert!(Scores::new(0.0, 1.0, -0.0).is_ok());
    }

    #[test]
    fn logarithmic_scale_steps_per_tenfold() {
        let s = RevenueShareScale::default();
        assert_eq!(s.score(0.001).unwrap(), 0.0);
        assert!((s.score(0.01).unwrap() - 0.5).abs() < 1e-12);
        assert!((s.score(0.1).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(s.score(1.0).unwrap(), 1.0);
    }

    #[test]
    fn hand_built_invalid_scale_is_an_error() {
        let s = RevenueShareScale::Linear { reference: 0.0 };
        assert!(matches!(s.score(0.1), Err(Error::InvalidScale { .. })));
    }
}
