//! Why an account sits in its tier, what would move it, and how far to trust it.
//!
//! Everything here works for any model through the [`Classifier`] trait, and returns
//! model-independent values (classes as [`Class`]) that serialize with serde.
//!
//! - [`explain`]: each axis value split into the contribution of each score (weight x score),
//!   each score split into its factors when it came from a [`Scorecard`]
//!   ([`ScoreBreakdown`]), the thresholds that decided the class with the distance to each,
//!   and for each setting in force whether its default comes from the literature or is a
//!   convention of this crate ([`defaults()`]).
//! - [`moves`] and [`factor_moves`]: the smallest rise of each single score (or factor
//!   rating) that lifts the account a tier, the smallest that makes it Key, and the smallest
//!   fall that drops it a tier. Exact: the move reaches the tier, and any smaller move does
//!   not.
//! - [`migration_reason`]: for an account that moved between two periods, how much of the
//!   move came from its own score changes and how much from thresholds that moved
//!   (calibration), in tier steps and on each decision axis, and which score changed most.
//! - [`summarize`]: the above in short for a report row: the sentence, the smallest move up
//!   a tier, the smallest fall that drops it a tier, and whether the weights decide it.
//! - [`sensitivity`] and [`stability`]: whether the class holds for every weight vector
//!   within a [`WeightShift`] of the configured weights, with the range of each axis.
//!
//! # Example
//!
//! ```
//! use keyaccount::explain::{explain, moves, sensitivity, Goal, Reach, WeightShift};
//! use keyaccount::{FourS, Scores, Tier};
//!
//! let model = FourS::default();
//! let scores = Scores::new(0.6, 0.7, 0.45)?;
//!
//! let why = explain(&model, &scores, &[])?;
//! assert_eq!(why.tier, Tier::Development); // Star: attractive, relative strength below 0.5
//! let strength = &why.axes[1];
//! assert!(!strength.thresholds[0].passed);
//! approx::assert_relative_eq!(strength.thresholds[0].distance, -0.05, epsilon = 1e-12);
//!
//! let up = moves(&model, &scores);
//! let lift = up.find(keyaccount::ScoreField::RelationshipStrength, Goal::NextTierUp).unwrap();
//! assert!(matches!(lift.reach, Reach::Reached { to, tier: Tier::Key, .. } if to == 0.5));
//!
//! let s = sensitivity(&model, &scores, WeightShift::default());
//! assert!(s.stable);
//! # Ok::<(), keyaccount::Error>(())
//! ```
//!
//! # The defaults and their sources
//!
//! Every default setting with its source (literature or a convention of this crate, with the
//! reason) is tabled in [`defaults`](mod@defaults) and in the README, and returned as data by
//! [`defaults()`].

pub mod defaults;
mod migration;
mod moves;
mod sensitivity;
mod summary;

use serde::{Deserialize, Serialize};

pub use defaults::{defaults, DefaultSource, Source};
pub use migration::{
    migration_reason, AxisMove, MigrationReason, MoveCause, ScoreChange, ThresholdShift,
};
pub use moves::{factor_moves, moves, FactorMove, Goal, Moves, RatingReach, Reach, ScoreMove};
pub use sensitivity::{
    sensitivity, stability, AxisRange, Sensitivity, Stability, TierStability, WeightShift,
};
pub use summary::{summarize, AccountSummary, TierMove};

use crate::any::Class;
use crate::axis::{Axis, AxisWeights};
use crate::classifier::{Classifier, NativeClass};
use crate::error::{Error, Result};
use crate::scorecard::{MissingRating, Scorecard};
use crate::scores::{ScoreField, Scores};
use crate::tier::Tier;

/// One score's part in an axis value: `weight x value`.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::explain;
/// use keyaccount::{FourS, ScoreField, Scores};
///
/// let why = explain(&FourS::default(), &Scores::new(0.5, 1.0, 0.3)?, &[])?;
/// let fit = why.axes[0].contributions[1];
/// assert_eq!(fit.score, ScoreField::StrategicFit);
/// assert_eq!(fit.contribution, fit.weight * fit.value);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreContribution {
    /// The score.
    pub score: ScoreField,
    /// The account's score.
    pub value: f64,
    /// The score's weight in the axis.
    pub weight: f64,
    /// `weight * value`.
    pub contribution: f64,
}

/// A threshold of an axis and where the account stands from it.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::explain;
/// use keyaccount::{Scores, Webster};
///
/// let why = explain(&Webster::default(), &Scores::new(0.5, 0.5, 0.5)?, &[])?;
/// let t = why.axes[0].thresholds[2]; // the cut at 0.5
/// assert!(t.passed && t.decides);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ThresholdDistance {
    /// The threshold.
    pub threshold: f64,
    /// `value - threshold`: non-negative when the account is at or past it.
    pub distance: f64,
    /// Whether the account is at or past the threshold (a value on it counts as past).
    pub passed: bool,
    /// Whether it is one of the two thresholds around the account (the highest passed or the
    /// lowest not passed): the ones that decided its class on this axis.
    pub decides: bool,
}

/// One axis of the model for one account: its value, each score's contribution, and, for an
/// axis the class is read from, its thresholds.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::explain;
/// use keyaccount::{Axis, MillmanWilson, Scores};
///
/// let why = explain(&MillmanWilson::default(), &Scores::new(0.5, 0.5, 0.5)?, &[])?;
/// let axes: Vec<Axis> = why.axes.iter().map(|a| a.axis).collect();
/// assert_eq!(axes, [Axis::RelationshipNature, Axis::Involvement, Axis::Development]);
/// assert!(why.axes[0].thresholds.is_empty());
/// assert_eq!(why.axes[2].thresholds.len(), 4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisExplanation {
    /// The axis.
    pub axis: Axis,
    /// The account's value on it, as the model computes it.
    pub value: f64,
    /// Each score's part, in the order of [`ScoreField::ALL`].
    pub contributions: Vec<ScoreContribution>,
    /// The thresholds of the axis, lowest first; empty for an axis the class is not read
    /// from directly.
    pub thresholds: Vec<ThresholdDistance>,
}

/// One factor's part in a score built by a scorecard.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::ScoreBreakdown;
/// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
///
/// let card = Scorecard::new(
///     ScoreField::StrategicFit,
///     vec![Factor::new("growth", 1.0, RatingScale::default())],
///     MissingRating::Error,
/// )?;
/// let b = ScoreBreakdown::new(&card, "ACME", |_| Some(10.0))?;
/// assert_eq!(b.factors[0].contribution, 1.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorContribution {
    /// The factor's name.
    pub factor: String,
    /// The rating given, on the factor's scale; `None` if missing.
    pub rating: Option<f64>,
    /// The low end of the factor's scale.
    pub low: f64,
    /// The high end of the factor's scale.
    pub high: f64,
    /// The rating on [0, 1] as used (a missing rating as the scorecard's rule says).
    pub normalized: f64,
    /// The factor's weight as used: its scorecard weight, rescaled when missing ratings are
    /// reweighted; 0 for a missing rating left out.
    pub weight: f64,
    /// `weight * normalized`.
    pub contribution: f64,
}

/// A score split into its factors' contributions, for a score that came from a
/// [`Scorecard`].
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::explain::ScoreBreakdown;
/// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
///
/// let card = Scorecard::new(
///     ScoreField::RelationshipStrength,
///     vec![
///         Factor::new("trust", 0.6, RatingScale::default()),
///         Factor::new("years", 0.4, RatingScale::new(0.0, 20.0)?),
///     ],
///     MissingRating::Error,
/// )?;
/// let b = ScoreBreakdown::new(&card, "ACME", |f| Some(if f == "trust" { 10.0 } else { 5.0 }))?;
/// assert_relative_eq!(b.value, 0.6 + 0.4 * 0.25);
/// assert_relative_eq!(b.factors[1].contribution, 0.1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// The score the scorecard builds.
    pub score: ScoreField,
    /// The score, exactly as [`Scorecard::score`] gives it.
    pub value: f64,
    /// Each factor's part, in the scorecard's order.
    pub factors: Vec<FactorContribution>,
}

impl ScoreBreakdown {
    /// The breakdown of one account's score on `card`, whose ratings are looked up by factor
    /// name. `account` only names the account in errors.
    ///
    /// # Errors
    ///
    /// As [`Scorecard::score`]: [`Error::RatingOutOfRange`] or [`Error::MissingRating`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::ScoreBreakdown;
    /// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let card = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![
    ///         Factor::new("growth", 0.5, RatingScale::default()),
    ///         Factor::new("prestige", 0.5, RatingScale::default()),
    ///     ],
    ///     MissingRating::Reweight,
    /// )?;
    /// let b = ScoreBreakdown::new(&card, "ACME", |f| (f == "growth").then_some(10.0))?;
    /// assert_eq!(b.value, 1.0);
    /// assert_eq!(b.factors[0].weight, 1.0); // prestige is left out, growth takes its weight
    /// assert_eq!(b.factors[1].rating, None);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(
        card: &Scorecard,
        account: &str,
        ratings: impl Fn(&str) -> Option<f64>,
    ) -> Result<Self> {
        let value = card.score(account, &ratings)?;
        let mut used = 0.0;
        let mut factors = Vec::with_capacity(card.factors().len());
        for f in card.factors() {
            let rating = ratings(&f.name);
            let (normalized, counted) = match rating {
                Some(r) => (f.normalize(account, r)?, true),
                None => match card.missing() {
                    MissingRating::Neutral => (0.5, true),
                    MissingRating::Lowest => (0.0, true),
                    // `score` above has already failed for `Error`.
                    MissingRating::Error | MissingRating::Reweight => (0.0, false),
                },
            };
            if counted {
                used += f.weight;
            }
            factors.push(FactorContribution {
                factor: f.name.clone(),
                rating,
                low: f.scale.low(),
                high: f.scale.high(),
                normalized,
                weight: if counted { f.weight } else { 0.0 },
                contribution: 0.0,
            });
        }
        let rescale = if card.missing() == MissingRating::Reweight && used > 0.0 {
            used
        } else {
            1.0
        };
        for f in &mut factors {
            f.weight /= rescale;
            f.contribution = f.weight * f.normalized;
        }
        Ok(ScoreBreakdown {
            score: card.score_field(),
            value,
            factors,
        })
    }
}

/// Where a setting in force comes from.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{explain, Provenance};
/// use keyaccount::{FourS, Scores};
///
/// let why = explain(&FourS::default(), &Scores::new(0.5, 0.5, 0.5)?, &[])?;
/// assert!(why.settings.iter().any(|s| matches!(s.provenance, Provenance::Literature { .. })));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Provenance {
    /// The default, taken from the literature.
    Literature {
        /// The citation and how the value follows from it.
        source: String,
    },
    /// The default, a convention of this crate.
    Convention {
        /// The reason for it.
        reason: String,
    },
    /// Set by the user, away from the default.
    User {
        /// The default it replaces.
        default: String,
    },
    /// The model reports a setting the defaults table does not list.
    Unrecorded,
}

/// One setting in force and where it comes from.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{explain, Provenance};
/// use keyaccount::{FourS, FourSParams, Scores};
///
/// let model = FourSParams { strength_threshold: 0.6, ..Default::default() }.build()?;
/// let why = explain(&model, &Scores::new(0.5, 0.5, 0.5)?, &[])?;
/// let s = why.settings.iter().find(|s| s.setting == "relative strength threshold").unwrap();
/// assert_eq!(s.provenance, Provenance::User { default: "0.5".into() });
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingExplanation {
    /// The setting's name.
    pub setting: String,
    /// Its value in force.
    pub value: String,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// Why an account sits in its class and tier under one model.
///
/// Millman and Wilson's Uncoupling-KAM is a movement over time
/// ([`MillmanWilson::classify_with_previous`](crate::MillmanWilson::classify_with_previous));
/// an explanation reads the position alone, as [`Classifier::classify`] does.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::explain;
/// use keyaccount::{Bensaou, Scores, Tier};
///
/// let why = explain(&Bensaou::default(), &Scores::new(0.9, 0.8, 0.9)?, &[])?;
/// assert_eq!(why.tier, Tier::Key);
/// assert_eq!(why.model, "Bensaou");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The model's name.
    pub model: String,
    /// The model's source in the literature.
    pub citation: String,
    /// The account's scores.
    pub scores: Scores,
    /// The native class.
    pub class: Class,
    /// The common tier.
    pub tier: Tier,
    /// The class's management strategy.
    pub strategy: String,
    /// Distance to the nearest class boundary, as in [`Assessment::margin`](crate::Assessment).
    pub margin: f64,
    /// The model's axes, then any axis the class is read from that combines them (Millman
    /// and Wilson's development).
    pub axes: Vec<AxisExplanation>,
    /// The scores that came from scorecards, split into their factors.
    pub breakdowns: Vec<ScoreBreakdown>,
    /// Every setting of the model in force and its source.
    pub settings: Vec<SettingExplanation>,
}

/// Whether a scorecard's score is the account's, up to rounding (batch scoring sums in another
/// order). False for NaN.
pub(crate) fn same_score(from_scorecard: f64, in_scores: f64) -> bool {
    (from_scorecard - in_scores).abs() <= 1e-9
}

/// The combined weights of a decision axis on the three scores.
pub(crate) fn combined_weights(parts: &[(Axis, f64)], axes: &[(Axis, AxisWeights)]) -> [f64; 3] {
    let mut w = [0.0; 3];
    for &(axis, c) in parts {
        if let Some((_, weights)) = axes.iter().find(|(a, _)| *a == axis) {
            for (k, (_, v)) in weights.pairs().iter().enumerate() {
                w[k] += c * v;
            }
        }
    }
    w
}

fn contributions(weights: [f64; 3], scores: &Scores) -> Vec<ScoreContribution> {
    ScoreField::ALL
        .iter()
        .zip(weights)
        .map(|(&score, weight)| {
            let value = scores.get(score);
            ScoreContribution {
                score,
                value,
                weight,
                contribution: weight * value,
            }
        })
        .collect()
}

fn threshold_distances(value: f64, thresholds: &[f64]) -> Vec<ThresholdDistance> {
    let passed = thresholds.iter().filter(|&&t| value >= t).count();
    thresholds
        .iter()
        .enumerate()
        .map(|(i, &t)| ThresholdDistance {
            threshold: t,
            distance: value - t,
            passed: value >= t,
            decides: i + 1 == passed || i == passed,
        })
        .collect()
}

/// Explains one account's class and tier under `model`.
///
/// `breakdowns` are the scorecard breakdowns of the scores that came from scorecards (none,
/// one or two; see [`ScoreBreakdown::new`]); each must give the score in `scores` (up to
/// rounding, 1e-9).
///
/// # Errors
///
/// [`Error::BreakdownMismatch`] if a breakdown's score differs from the account's by more
/// than 1e-9;
/// [`Error::DuplicateBreakdown`] if two breakdowns are for the same score.
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::explain::{explain, ScoreBreakdown};
/// use keyaccount::{Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard, Scores};
///
/// let card = Scorecard::new(
///     ScoreField::StrategicFit,
///     vec![
///         Factor::new("growth", 0.5, RatingScale::default()),
///         Factor::new("profitability", 0.5, RatingScale::default()),
///     ],
///     MissingRating::Error,
/// )?;
/// let fit = ScoreBreakdown::new(&card, "ACME", |f| Some(if f == "growth" { 10.0 } else { 5.5 }))?;
/// let scores = Scores::new(0.5, fit.value, 0.7)?;
/// let why = explain(&FourS::default(), &scores, &[fit])?;
///
/// // Attractiveness = 0.2 x revenue share + 0.8 x strategic fit.
/// let parts: f64 = why.axes[0].contributions.iter().map(|c| c.contribution).sum();
/// assert_relative_eq!(parts, why.axes[0].value);
/// assert_relative_eq!(why.breakdowns[0].factors[0].contribution, 0.5);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn explain<M>(model: &M, scores: &Scores, breakdowns: &[ScoreBreakdown]) -> Result<Explanation>
where
    M: Classifier,
    M::Class: Into<Class>,
{
    for (i, b) in breakdowns.iter().enumerate() {
        if breakdowns[..i].iter().any(|o| o.score == b.score) {
            return Err(Error::DuplicateBreakdown { score: b.score });
        }
        let in_scores = scores.get(b.score);
        if !same_score(b.value, in_scores) {
            return Err(Error::BreakdownMismatch {
                score: b.score,
                from_scorecard: b.value,
                in_scores,
            });
        }
    }
    let assessment = model.classify(scores);
    let weighted = model.axis_weights();
    let decision = model.decision_axes();
    let values = model.decision_values(scores);
    let mut axes: Vec<AxisExplanation> = weighted
        .iter()
        .map(|&(axis, w)| AxisExplanation {
            axis,
            value: w.apply(scores),
            contributions: contributions(
                [w.revenue_share, w.strategic_fit, w.relationship_strength],
                scores,
            ),
            thresholds: Vec::new(),
        })
        .collect();
    for (d, &value) in decision.iter().zip(&values) {
        let thresholds = threshold_distances(value, &d.thresholds);
        match axes.iter_mut().find(|a| a.axis == d.axis) {
            Some(a) => {
                a.value = value;
                a.thresholds = thresholds;
            }
            None => axes.push(AxisExplanation {
                axis: d.axis,
                value,
                contributions: contributions(combined_weights(&d.parts, &weighted), scores),
                thresholds,
            }),
        }
    }
    let name = model.name();
    let settings = model
        .settings()
        .into_iter()
        .map(|s| {
            let row = defaults::lookup(name, s.name);
            let provenance = match row {
                None => Provenance::Unrecorded,
                Some(row) if !s.is_default => Provenance::User {
                    default: row.value.to_owned(),
                },
                Some(row) => match row.source {
                    Source::Literature(t) => Provenance::Literature {
                        source: t.to_owned(),
                    },
                    Source::Convention(t) => Provenance::Convention {
                        reason: t.to_owned(),
                    },
                },
            };
            SettingExplanation {
                setting: s.name.to_owned(),
                value: s.value,
                provenance,
            }
        })
        .collect();
    let class = assessment.class;
    Ok(Explanation {
        model: name.to_owned(),
        citation: model.citation().to_owned(),
        scores: *scores,
        class: class.into(),
        tier: assessment.tier,
        strategy: class.strategy().to_owned(),
        margin: assessment.margin,
        axes,
        breakdowns: breakdowns.to_vec(),
        settings,
    })
}
