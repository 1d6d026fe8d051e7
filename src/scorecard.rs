//! Scorecards: the weighted factor ratings that make up strategic fit and relationship
//! strength.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::scores::ScoreField;

/// Tolerance on the sum of a scorecard's weights.
const FACTOR_WEIGHT_TOLERANCE: f64 = 1e-6;

/// The scale a factor is rated on, e.g. 1 to 10. A rating at `low` scores 0, at `high` 1.
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::RatingScale;
///
/// let scale = RatingScale::new(1.0, 10.0)?;
/// assert_relative_eq!(scale.normalize(5.5).unwrap(), 0.5);
/// assert!(scale.normalize(11.0).is_none());
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawScale")]
pub struct RatingScale {
    low: f64,
    high: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    low: f64,
    high: f64,
}

impl TryFrom<RawScale> for RatingScale {
    type Error = Error;

    fn try_from(raw: RawScale) -> Result<Self> {
        RatingScale::new(raw.low, raw.high)
    }
}

impl Default for RatingScale {
    /// The common 1 to 10 scale.
    fn default() -> Self {
        RatingScale {
            low: 1.0,
            high: 10.0,
        }
    }
}

impl RatingScale {
    /// How many spans (`high - low`) from 0 either end of a scale may lie. A scale from 1990 to
    /// 2025 lies 58 spans out; one from 1e9 to 1e9 + 1 a billion, where the subtraction in
    /// the linear form would lose most digits of the rating.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::RatingScale;
    ///
    /// assert!(RatingScale::new(1e6 - 1.0, 1e6).is_ok());
    /// assert!(RatingScale::new(2e6, 2e6 + 1.0).is_err());
    /// ```
    pub const MAX_END_TO_SPAN: f64 = 1e6;

    /// A checked scale from `low` to `high`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRatingScale`] if either end is not finite, `low >= high`, the span
    /// `high - low` overflows or is so small that `1 / span` does (a subnormal span), or either
    /// end is more than [`RatingScale::MAX_END_TO_SPAN`] spans from 0. The last two keep the
    /// scale's linear form ([`Scorecard::linear_form`], used by batch scoring) finite and well
    /// conditioned, so that batch scoring agrees with one-at-a-time scoring to about 1e-9 at
    /// worst.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::RatingScale;
    ///
    /// assert!(RatingScale::new(0.0, 5.0).is_ok());
    /// assert!(RatingScale::new(5.0, 5.0).is_err());
    /// assert!(RatingScale::new(0.0, 1e-310).is_err()); // 1 / span overflows
    /// assert!(RatingScale::new(-1e308, 1e308).is_err()); // the span overflows
    /// assert!(RatingScale::new(1e9, 1e9 + 1.0).is_err()); // a billion spans from 0
    /// ```
    pub fn new(low: f64, high: f64) -> Result<Self> {
        let span = high - low;
        let far = low.abs().max(high.abs());
        // Written so that NaN fails the test.
        if low < high
            && span.is_finite()
            && (1.0 / span).is_finite()
            && far <= Self::MAX_END_TO_SPAN * span
        {
            Ok(RatingScale { low, high })
        } else {
            Err(Error::InvalidRatingScale { low, high })
        }
    }

    /// The lowest rating.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::RatingScale::default().low(), 1.0);
    /// ```
    #[must_use]
    pub const fn low(&self) -> f64 {
        self.low
    }

    /// The highest rating.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::RatingScale::default().high(), 10.0);
    /// ```
    #[must_use]
    pub const fn high(&self) -> f64 {
        self.high
    }

    /// The rating as a number in [0, 1], or `None` if it is NaN or off the scale.
    ///
    /// # Examples
    ///
    /// ```
    /// let s = keyaccount::RatingScale::default();
    /// assert_eq!(s.normalize(1.0), Some(0.0));
    /// assert_eq!(s.normalize(f64::NAN), None);
    /// ```
    #[inline]
    #[must_use]
    pub fn normalize(&self, rating: f64) -> Option<f64> {
        if (self.low..=self.high).contains(&rating) {
            Some(((rating - self.low) / (self.high - self.low)).clamp(0.0, 1.0))
        } else {
            None
        }
    }
}

/// One factor of a scorecard: a name, a weight and a rating scale.
///
/// # Examples
///
/// ```
/// use keyaccount::{Factor, RatingScale};
///
/// let f = Factor::new("growth potential", 0.3, RatingScale::default());
/// assert_eq!(f.name, "growth potential");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// The factor's name, as it appears in the account records.
    pub name: String,
    /// The factor's weight; a scorecard's weights sum to 1.
    pub weight: f64,
    /// The scale the factor is rated on.
    #[serde(default)]
    pub scale: RatingScale,
}

impl Factor {
    /// A factor.
    ///
    /// # Examples
    ///
    /// ```
    /// let f = keyaccount::Factor::new("trust", 0.5, keyaccount::RatingScale::default());
    /// assert_eq!(f.weight, 0.5);
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>, weight: f64, scale: RatingScale) -> Self {
        Factor {
            name: name.into(),
            weight,
            scale,
        }
    }

    /// `rating` on [0, 1] by the factor's scale; `account` only names the account in the
    /// error.
    pub(crate) fn normalize(&self, account: &str, rating: f64) -> Result<f64> {
        self.scale
            .normalize(rating)
            .ok_or_else(|| Error::RatingOutOfRange {
                account: account.to_owned(),
                factor: self.name.clone(),
                value: rating,
                low: self.scale.low,
                high: self.scale.high,
            })
    }
}

/// What a scorecard does when an account has no rating for one of its factors.
///
/// # Examples
///
/// ```
/// use keyaccount::MissingRating;
///
/// assert_eq!(MissingRating::default(), MissingRating::Error);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingRating {
    /// A missing rating is an error naming the account and the factor.
    #[default]
    Error,
    /// A missing rating counts as the middle of its scale (0.5).
    Neutral,
    /// A missing rating counts as the bottom of its scale (0).
    Lowest,
    /// The factor is left out and the remaining weights are scaled up to sum to 1. An account
    /// with no rating at all is still an error.
    Reweight,
}

/// A scorecard: the weighted factors that make up one score (strategic fit or relationship
/// strength).
///
/// The score of an account is the weighted mean of its ratings, each first put on [0, 1] by its
/// factor's scale. Weights are finite, non-negative and sum to 1; factor names are unique.
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
///
/// let card = Scorecard::new(
///     ScoreField::StrategicFit,
///     vec![
///         Factor::new("growth", 0.6, RatingScale::default()),
///         Factor::new("profitability", 0.4, RatingScale::default()),
///     ],
///     MissingRating::Error,
/// )?;
/// let score = card.score("ACME", |f| match f {
///     "growth" => Some(10.0),
///     "profitability" => Some(1.0),
///     _ => None,
/// })?;
/// assert_relative_eq!(score, 0.6);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawScorecard", into = "RawScorecard")]
pub struct Scorecard {
    score: ScoreField,
    factors: Vec<Factor>,
    missing: MissingRating,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScorecard {
    score: ScoreField,
    factors: Vec<Factor>,
    #[serde(default)]
    missing: MissingRating,
}

impl TryFrom<RawScorecard> for Scorecard {
    type Error = Error;

    fn try_from(raw: RawScorecard) -> Result<Self> {
        Scorecard::new(raw.score, raw.factors, raw.missing)
    }
}

impl From<Scorecard> for RawScorecard {
    fn from(card: Scorecard) -> Self {
        RawScorecard {
            score: card.score,
            factors: card.factors,
            missing: card.missing,
        }
    }
}

impl Scorecard {
    /// A checked scorecard for `score`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyScorecard`] if there are no factors; [`Error::DuplicateFactor`] if a name
    /// repeats; [`Error::InvalidFactorWeight`] for a negative, NaN or infinite weight;
    /// [`Error::FactorWeightsDoNotSumToOne`] if the weights do not sum to 1 (within 1e-6);
    /// [`Error::InvalidRatingScale`] for a factor at which the [linear
    /// form](Scorecard::linear_form) stops being finite (scales near the ends of `f64`).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Error, Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let err = Scorecard::new(
    ///     ScoreField::RelationshipStrength,
    ///     vec![Factor::new("trust", 0.5, RatingScale::default())],
    ///     MissingRating::Error,
    /// )
    /// .unwrap_err();
    /// assert!(matches!(err, Error::FactorWeightsDoNotSumToOne { .. }));
    /// ```
    pub fn new(score: ScoreField, factors: Vec<Factor>, missing: MissingRating) -> Result<Self> {
        if factors.is_empty() {
            return Err(Error::EmptyScorecard { score });
        }
        let mut seen = std::collections::HashSet::with_capacity(factors.len());
        for f in &factors {
            if !f.weight.is_finite() || f.weight < 0.0 {
                return Err(Error::InvalidFactorWeight {
                    factor: f.name.clone(),
                    value: f.weight,
                });
            }
            if !seen.insert(f.name.as_str()) {
                return Err(Error::DuplicateFactor {
                    factor: f.name.clone(),
                });
            }
        }
        let sum: f64 = factors.iter().map(|f| f.weight).sum();
        if (sum - 1.0).abs() > FACTOR_WEIGHT_TOLERANCE {
            return Err(Error::FactorWeightsDoNotSumToOne { score, sum });
        }
        // Each scale's form is finite; this catches the rare sum of them that is not.
        let mut offset = 0.0_f64;
        for f in &factors {
            let c = f.weight / (f.scale.high - f.scale.low);
            offset -= c * f.scale.low;
            if !c.is_finite() || !offset.is_finite() {
                return Err(Error::InvalidRatingScale {
                    low: f.scale.low,
                    high: f.scale.high,
                });
            }
        }
        Ok(Scorecard {
            score,
            factors,
            missing,
        })
    }

    /// The score this scorecard builds.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// let card = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![Factor::new("growth", 1.0, RatingScale::default())],
    ///     MissingRating::Error,
    /// )?;
    /// assert_eq!(card.score_field(), ScoreField::StrategicFit);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn score_field(&self) -> ScoreField {
        self.score
    }

    /// Checks that the scorecard builds `expected`, for APIs that take a scorecard per score.
    pub(crate) fn check_builds(&self, expected: ScoreField) -> Result<()> {
        if self.score == expected {
            Ok(())
        } else {
            Err(Error::WrongScorecard {
                expected,
                found: self.score,
            })
        }
    }

    /// The factors, in the order given.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// let card = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![Factor::new("growth", 1.0, RatingScale::default())],
    ///     MissingRating::Error,
    /// )?;
    /// assert_eq!(card.factors()[0].name, "growth");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn factors(&self) -> &[Factor] {
        &self.factors
    }

    /// The rule for missing ratings.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// let card = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![Factor::new("growth", 1.0, RatingScale::default())],
    ///     MissingRating::Neutral,
    /// )?;
    /// assert_eq!(card.missing(), MissingRating::Neutral);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn missing(&self) -> MissingRating {
        self.missing
    }

    /// The score of one account, whose ratings are looked up by factor name.
    ///
    /// `account` only names the account in errors.
    ///
    /// # Errors
    ///
    /// [`Error::RatingOutOfRange`] if a rating is NaN or off its factor's scale;
    /// [`Error::MissingRating`] if a rating is missing and the scorecard says
    /// [`MissingRating::Error`], or if every rating is missing under
    /// [`MissingRating::Reweight`] (or all present ratings have weight 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Error, Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let card = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![
    ///         Factor::new("growth", 0.5, RatingScale::default()),
    ///         Factor::new("prestige", 0.5, RatingScale::default()),
    ///     ],
    ///     MissingRating::Error,
    /// )?;
    /// let err = card.score("ACME", |f| (f == "growth").then_some(5.0)).unwrap_err();
    /// assert_eq!(err.to_string(), r#"account "ACME" has no rating for factor "prestige""#);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn score(&self, account: &str, ratings: impl Fn(&str) -> Option<f64>) -> Result<f64> {
        let mut total = 0.0;
        let mut weight_used = 0.0;
        for f in &self.factors {
            let value = match ratings(&f.name) {
                Some(r) => f.normalize(account, r)?,
                None => match self.missing {
                    MissingRating::Error => {
                        return Err(Error::MissingRating {
                            account: account.to_owned(),
                            factor: f.name.clone(),
                        })
                    }
                    MissingRating::Neutral => 0.5,
                    MissingRating::Lowest => 0.0,
                    MissingRating::Reweight => continue,
                },
            };
            total += f.weight * value;
            weight_used += f.weight;
        }
        if self.missing == MissingRating::Reweight {
            if weight_used <= 0.0 {
                return Err(Error::MissingRating {
                    account: account.to_owned(),
                    factor: self
                        .factors
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            total /= weight_used;
        }
        Ok(total.clamp(0.0, 1.0))
    }

    /// The scorecard as a linear form on raw ratings, `score = offset + sum of
    /// coefficients[i] * rating[i]`, for ratings on their scales in the order of
    /// [`Scorecard::factors`]. This is what a batch of accounts is scored with, as one matrix
    /// product.
    ///
    /// # Examples
    ///
    /// ```
    /// use approx::assert_relative_eq;
    /// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let card = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![Factor::new("growth", 1.0, RatingScale::new(0.0, 4.0)?)],
    ///     MissingRating::Error,
    /// )?;
    /// let (coefficients, offset) = card.linear_form();
    /// assert_relative_eq!(coefficients[0] * 2.0 + offset, 0.5);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn linear_form(&self) -> (Vec<f64>, f64) {
        let mut offset = 0.0;
        let coefficients = self
            .factors
            .iter()
            .map(|f| {
                let c = f.weight / (f.scale.high - f.scale.low);
                offset -= c * f.scale.low;
                c
            })
            .collect();
        (coefficients, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(missing: MissingRating) -> Scorecard {
        Scorecard::new(
            ScoreField::RelationshipStrength,
            vec![
                Factor::new("trust", 0.75, RatingScale::default()),
                Factor::new("years", 0.25, RatingScale::new(0.0, 20.0).unwrap()),
            ],
            missing,
        )
        .unwrap()
    }

    #[test]
    fn weighted_mean_of_normalized_ratings() {
        let s = card(MissingRating::Error)
            .score("a", |_| Some(10.0))
            .unwrap();
        assert!((s - (0.75 + 0.25 * 0.5)).abs() < 1e-12);
    }

    #[test]
    fn missing_rules() {
        let only_trust = |f: &str| (f == "trust").then_some(10.0);
        assert!(matches!(
            card(MissingRating::Error).score("a", only_trust),
            Err(Error::MissingRating { .. })
        ));
        let n = card(MissingRating::Neutral).score("a", only_trust).unwrap();
        assert!((n - (0.75 + 0.125)).abs() < 1e-12);
        let l = card(MissingRating::Lowest).score("a", only_trust).unwrap();
        assert!((l - 0.75).abs() < 1e-12);
        let r = card(MissingRating::Reweight)
            .score("a", only_trust)
            .unwrap();
        assert!((r - 1.0).abs() < 1e-12);
        assert!(card(MissingRating::Reweight).score("a", |_| None).is_err());
    }

    #[test]
    fn off_scale_rating_is_named() {
        let err = card(MissingRating::Error)
            .score("ACME", |_| Some(f64::NAN))
            .unwrap_err();
        assert!(
            matches!(err, Error::RatingOutOfRange { ref account, ref factor, .. }
            if account == "ACME" && factor == "trust")
        );
    }

    #[test]
    fn linear_form_matches_score() {
        let c = card(MissingRating::Error);
        let (k, b) = c.linear_form();
        let direct = c
            .score("a", |f| if f == "trust" { Some(4.0) } else { Some(5.0) })
            .unwrap();
        assert!((k[0] * 4.0 + k[1] * 5.0 + b - direct).abs() < 1e-12);
    }

    #[test]
    fn checks() {
        let f = |w| Factor::new("x", w, RatingScale::default());
        let s = ScoreField::StrategicFit;
        assert!(matches!(
            Scorecard::new(s, vec![], MissingRating::Error),
            Err(Error::EmptyScorecard { .. })
        ));
        assert!(matches!(
            Scorecard::new(s, vec![f(-1.0), f(2.0)], MissingRating::Error),
            Err(Error::InvalidFactorWeight { .. })
        ));
        assert!(matches!(
            Scorecard::new(s, vec![f(0.5), f(0.5)], MissingRating::Error),
            Err(Error::DuplicateFactor { .. })
        ));
    }
}
