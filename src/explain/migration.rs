//! Why an account moved between two periods: its own score changes, or thresholds that moved
//! (calibration), and which score changed most.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::combined_weights;
use crate::any::Class;
use crate::axis::Axis;
use crate::classifier::Classifier;
use crate::error::{Error, Result};
use crate::scores::{ScoreField, Scores};
use crate::tier::Tier;

/// What moved an account: its own scores, the model's thresholds, or both.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::MoveCause;
///
/// assert_eq!(MoveCause::Thresholds.label(), "moved thresholds");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveCause {
    /// Its own scores alone: under the previous thresholds it would have moved the same way.
    OwnScores,
    /// The thresholds alone: its scores would have kept it where it was.
    Thresholds,
    /// Both, in the same direction.
    Both,
    /// Both, in opposite directions: the move is what is left when one outweighs the other.
    Opposed,
}

impl MoveCause {
    /// The cause in words.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::explain::MoveCause::OwnScores.label(), "own scores");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            MoveCause::OwnScores => "own scores",
            MoveCause::Thresholds => "moved thresholds",
            MoveCause::Both => "own scores and moved thresholds",
            MoveCause::Opposed => "own scores against moved thresholds",
        }
    }
}

impl fmt::Display for MoveCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// One threshold of a decision axis in both periods.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::ThresholdShift;
///
/// let t = ThresholdShift { index: 0, previous: 0.5, current: 0.62, shift: 0.62 - 0.5 };
/// assert!(t.shift > 0.0); // raised: harder to pass
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ThresholdShift {
    /// The threshold's position among the axis's thresholds, lowest first.
    pub index: usize,
    /// The threshold in the previous period's model.
    pub previous: f64,
    /// The threshold in the current period's model.
    pub current: f64,
    /// `current - previous`: positive when the threshold rose.
    pub shift: f64,
}

/// One decision axis of a move: how its value changed, split into the part from the
/// account's scores and the part from the model's weights, and how its thresholds moved.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::migration_reason;
/// use keyaccount::{Axis, FourS, FourSParams, Scores};
///
/// let before = FourS::default();
/// let after = FourSParams { attractiveness_threshold: 0.6, ..Default::default() }.build()?;
/// let why = migration_reason(
///     &before, &Scores::new(0.5, 0.55, 0.7)?,
///     &after, &Scores::new(0.6, 0.55, 0.7)?,
/// )?
/// .unwrap();
/// let a = &why.axes[0];
/// assert_eq!(a.axis, Axis::Attractiveness);
/// approx::assert_relative_eq!(a.by_scores, 0.02, epsilon = 1e-12); // 0.2 x +0.1 revenue share
/// assert_eq!(a.by_weights, 0.0); // calibration moves thresholds, not weights
/// assert_eq!((a.previous_band, a.band), (1, 0));
/// assert_eq!(a.deciding.map(|t| (t.previous, t.current)), Some((0.5, 0.6)));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisMove {
    /// The axis.
    pub axis: Axis,
    /// Its value in the previous period (previous scores, previous model).
    pub previous_value: f64,
    /// Its value now (current scores, current model).
    pub value: f64,
    /// The change from the account's scores: the value of the current scores under the
    /// previous model, minus `previous_value`. The sum of the [`ScoreChange::effect`]s when
    /// this is the deciding axis.
    pub by_scores: f64,
    /// The change from the model's weights: `value` minus the value of the current scores
    /// under the previous model. Zero when only thresholds moved, as in calibration.
    pub by_weights: f64,
    /// The number of thresholds the account passed in the previous period.
    pub previous_band: usize,
    /// The number it passes now.
    pub band: usize,
    /// The thresholds in both periods, paired by position, lowest first.
    pub thresholds: Vec<ThresholdShift>,
    /// The threshold the account crossed on this axis that bounds its band now: for a fall,
    /// the lowest threshold it fell below; for a rise, the highest it rose past. `None` when
    /// its band on this axis did not change.
    pub deciding: Option<ThresholdShift>,
}

/// One score of an account in both periods and its effect on the deciding axis.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::ScoreChange;
/// use keyaccount::ScoreField;
///
/// let c = ScoreChange {
///     score: ScoreField::RevenueShare,
///     previous: 0.5,
///     current: 0.6,
///     change: 0.1,
///     weight: 0.2,
///     effect: 0.2 * 0.1,
/// };
/// assert_eq!(c.effect, c.weight * c.change);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreChange {
    /// The score.
    pub score: ScoreField,
    /// Its value in the previous period.
    pub previous: f64,
    /// Its value now.
    pub current: f64,
    /// `current - previous`.
    pub change: f64,
    /// Its weight in the deciding axis under the previous model (0 without a deciding
    /// axis).
    pub weight: f64,
    /// `weight * change`: how far this score alone moved the deciding axis.
    pub effect: f64,
}

/// Why an account's class or tier changed between two periods, split into the part its own
/// scores explain and the part the model's change (calibrated thresholds) explains.
///
/// The split runs through the account's scores now under the previous model (`via`): from
/// the previous class to `via` is the account's own doing, from `via` to the class now is
/// the model's. In tier steps the two parts add up to the whole move
/// (`steps == by_scores + by_thresholds`).
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{migration_reason, MoveCause};
/// use keyaccount::{FourS, FourSParams, ScoreField, Scores, Tier};
///
/// // Revenue share rose, yet calibration raised the attractiveness threshold past it.
/// let before = FourS::default();
/// let after = FourSParams { attractiveness_threshold: 0.6, ..Default::default() }.build()?;
/// let why = migration_reason(
///     &before, &Scores::new(0.5, 0.55, 0.7)?,
///     &after, &Scores::new(0.6, 0.55, 0.7)?,
/// )?
/// .unwrap();
/// assert_eq!((why.previous_tier, why.tier), (Tier::Key, Tier::Maintenance));
/// assert_eq!((why.steps, why.by_scores, why.by_thresholds), (-2, 0, -2));
/// assert_eq!(why.cause, MoveCause::Thresholds);
/// assert_eq!(why.largest_change, Some(ScoreField::RevenueShare));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationReason {
    /// The model's name.
    pub model: String,
    /// The class in the previous period.
    pub previous_class: Class,
    /// The tier in the previous period.
    pub previous_tier: Tier,
    /// The class the account's current scores get under the previous model.
    pub via_class: Class,
    /// The tier they get there.
    pub via_tier: Tier,
    /// The class now.
    pub class: Class,
    /// The tier now.
    pub tier: Tier,
    /// The whole move in tier steps: positive up (towards Key), negative down.
    pub steps: i8,
    /// The steps the account's own score changes explain (previous tier to `via_tier`).
    pub by_scores: i8,
    /// The steps the model's change explains (`via_tier` to the tier now).
    pub by_thresholds: i8,
    /// What moved it, by class and tier: its scores, the thresholds, or both.
    pub cause: MoveCause,
    /// Each decision axis, in the order of [`Classifier::decision_axes`].
    pub axes: Vec<AxisMove>,
    /// The decision axis whose band changed most (ties to the first), if any band changed.
    pub deciding_axis: Option<Axis>,
    /// Each score, in the order of [`ScoreField::ALL`].
    pub scores: Vec<ScoreChange>,
    /// The score with the largest effect on the deciding axis (`|weight x change|`; ties to
    /// the first); `None` when no score moved that axis.
    pub largest_effect: Option<ScoreField>,
    /// The score that changed most (`|change|`; ties to the first); `None` when no score
    /// changed.
    pub largest_change: Option<ScoreField>,
}

impl MigrationReason {
    /// The deciding axis's row, if there is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::migration_reason;
    /// use keyaccount::{Axis, FourS, Scores};
    ///
    /// let m = FourS::default();
    /// let why = migration_reason(&m, &Scores::new(0.9, 0.9, 0.9)?, &m, &Scores::new(0.9, 0.9, 0.3)?)?
    ///     .unwrap();
    /// assert_eq!(why.deciding().map(|a| a.axis), Some(Axis::RelativeStrength));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn deciding(&self) -> Option<&AxisMove> {
        let axis = self.deciding_axis?;
        self.axes.iter().find(|a| a.axis == axis)
    }

    /// The change of one score.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::migration_reason;
    /// use keyaccount::{FourS, ScoreField, Scores};
    ///
    /// let m = FourS::default();
    /// let why = migration_reason(&m, &Scores::new(0.9, 0.9, 0.9)?, &m, &Scores::new(0.9, 0.9, 0.3)?)?
    ///     .unwrap();
    /// let c = why.score(ScoreField::RelationshipStrength).unwrap();
    /// approx::assert_relative_eq!(c.change, -0.6);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn score(&self, score: ScoreField) -> Option<&ScoreChange> {
        self.scores.iter().find(|c| c.score == score)
    }
}

/// The sentence: direction and tiers, cause with the steps of each part, the deciding axis
/// (value then and now, the part from scores, the deciding threshold then and now), and the
/// score with the largest effect.
impl fmt::Display for MigrationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let direction = match self.steps.signum() {
            1 => "up",
            -1 => "down",
            _ => "moved",
        };
        if self.previous_tier == self.tier {
            write!(
                f,
                "{direction} {} -> {} ({})",
                self.previous_class, self.class, self.tier
            )?;
        } else {
            write!(f, "{direction} {} -> {}", self.previous_tier, self.tier)?;
        }
        write!(
            f,
            ": {} (scores {:+}, thresholds {:+} tiers)",
            self.cause, self.by_scores, self.by_thresholds
        )?;
        if let Some(a) = self.deciding() {
            let mut shown = vec![a.previous_value, a.value, a.by_scores];
            if let Some(t) = a.deciding {
                shown.extend([t.previous, t.current]);
            }
            let d = digits(&shown);
            write!(
                f,
                "; {} {:.d$} -> {:.d$} ({:+.d$} from scores)",
                a.axis, a.previous_value, a.value, a.by_scores
            )?;
            if let Some(t) = a.deciding {
                if t.shift == 0.0 {
                    write!(f, ", threshold {:.d$}", t.current)?;
                } else {
                    write!(f, ", threshold {:.d$} -> {:.d$}", t.previous, t.current)?;
                }
            }
        }
        if let Some(c) = self.largest_effect.and_then(|s| self.score(s)) {
            write!(f, "; most: {} {:+.2}", c.score, c.change)?;
        }
        Ok(())
    }
}

/// The decimals (2 to 4) that keep distinct values distinct and a non-zero change non-zero
/// in print, so that "0.50 -> 0.50" does not hide a crossing.
fn digits(values: &[f64]) -> usize {
    (2..=4)
        .find(|&d| {
            let show = |v: f64| format!("{v:.d$}");
            values
                .iter()
                .all(|&v| v == 0.0 || show(v.abs()) != show(0.0))
                && values
                    .iter()
                    .enumerate()
                    .all(|(i, &a)| values[..i].iter().all(|&b| a == b || show(a) != show(b)))
        })
        .unwrap_or(4)
}

/// A tier's height: Transactional 0 to Key 3.
fn level(t: Tier) -> i8 {
    4 - t.number() as i8
}

fn band(value: f64, thresholds: &[f64]) -> usize {
    thresholds.iter().filter(|&&t| value >= t).count()
}

/// The first index of the largest `key` (ties to the first), if it is positive.
fn largest<T>(items: &[T], key: impl Fn(&T) -> f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        if k > 0.0 && best.map_or(true, |(_, b)| k > b) {
            best = Some((i, k));
        }
    }
    best.map(|(i, _)| i)
}

/// Why an account moved between two periods: `previous_model` with `previous` scores, then
/// `current_model` with `current` scores. The two models are one model before and after its
/// thresholds moved (calibration on each period's portfolio), or the same model twice.
///
/// The move is split through the current scores under the previous model: what the account's
/// own score changes did (previous thresholds held), then what the model's change did (the
/// current scores held). The split is exact in tier steps, and on each decision axis the
/// value's change is split into the part from the scores and the part from the weights
/// (zero under calibration, which moves thresholds only), beside the shift of each threshold.
/// Millman and Wilson's Uncoupling-KAM, a movement over time, is not looked at: classes are
/// positional ([`Classifier::classify`]).
///
/// Returns `None` when neither the class nor the tier changed: no move, no reason.
///
/// # Errors
///
/// [`Error::MigrationModelsDiffer`] if the two models are not the same model (for
/// [`AnyModel`](crate::AnyModel), two different kinds), so their axes cannot be compared.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{migration_reason, MoveCause};
/// use keyaccount::{FourS, ScoreField, Scores, Tier};
///
/// // Same model both periods: a fall in relationship strength is the account's own doing.
/// let m = FourS::default();
/// let why = migration_reason(&m, &Scores::new(0.8, 0.8, 0.6)?, &m, &Scores::new(0.8, 0.85, 0.4)?)?
///     .unwrap();
/// assert_eq!((why.previous_tier, why.tier), (Tier::Key, Tier::Development));
/// assert_eq!(why.cause, MoveCause::OwnScores);
/// assert_eq!(why.largest_effect, Some(ScoreField::RelationshipStrength));
/// assert_eq!(
///     why.to_string(),
///     "down Key -> Development: own scores (scores -1, thresholds +0 tiers); \
///      relative strength 0.60 -> 0.40 (-0.20 from scores), threshold 0.50; \
///      most: relationship strength -0.20"
/// );
///
/// // Nothing changed: no reason.
/// let s = Scores::new(0.8, 0.8, 0.6)?;
/// assert!(migration_reason(&m, &s, &m, &s)?.is_none());
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn migration_reason<M>(
    previous_model: &M,
    previous: &Scores,
    current_model: &M,
    current: &Scores,
) -> Result<Option<MigrationReason>>
where
    M: Classifier,
    M::Class: Into<Class>,
{
    let old_axes = previous_model.decision_axes();
    let new_axes = current_model.decision_axes();
    let same_axes = old_axes.len() == new_axes.len()
        && old_axes
            .iter()
            .zip(&new_axes)
            .all(|(a, b)| a.axis == b.axis && a.thresholds.len() == b.thresholds.len());
    if previous_model.name() != current_model.name() || !same_axes {
        return Err(Error::MigrationModelsDiffer {
            previous: previous_model.name(),
            current: current_model.name(),
        });
    }
    let then = previous_model.classify(previous);
    let via = previous_model.classify(current);
    let now = current_model.classify(current);
    if then.class == now.class && then.tier == now.tier {
        return Ok(None);
    }

    let old_then = previous_model.decision_values(previous);
    let old_now = previous_model.decision_values(current);
    let new_now = current_model.decision_values(current);
    let axes: Vec<AxisMove> = old_axes
        .iter()
        .zip(&new_axes)
        .enumerate()
        .map(|(d, (old, new))| {
            let (previous_band, band_now) = (
                band(old_then[d], &old.thresholds),
                band(new_now[d], &new.thresholds),
            );
            let thresholds: Vec<ThresholdShift> = old
                .thresholds
                .iter()
                .zip(&new.thresholds)
                .enumerate()
                .map(|(index, (&p, &c))| ThresholdShift {
                    index,
                    previous: p,
                    current: c,
                    shift: c - p,
                })
                .collect();
            let deciding = match band_now.cmp(&previous_band) {
                std::cmp::Ordering::Less => thresholds.get(band_now).copied(),
                std::cmp::Ordering::Greater => thresholds.get(band_now - 1).copied(),
                std::cmp::Ordering::Equal => None,
            };
            AxisMove {
                axis: old.axis,
                previous_value: old_then[d],
                value: new_now[d],
                by_scores: old_now[d] - old_then[d],
                by_weights: new_now[d] - old_now[d],
                previous_band,
                band: band_now,
                thresholds,
                deciding,
            }
        })
        .collect();
    let deciding = largest(&axes, |a| a.band.abs_diff(a.previous_band) as f64);

    let weights = deciding.map_or([0.0; 3], |d| {
        combined_weights(&old_axes[d].parts, &previous_model.axis_weights())
    });
    let scores: Vec<ScoreChange> = ScoreField::ALL
        .iter()
        .zip(weights)
        .map(|(&score, weight)| {
            let (p, c) = (previous.get(score), current.get(score));
            ScoreChange {
                score,
                previous: p,
                current: c,
                change: c - p,
                weight,
                effect: weight * (c - p),
            }
        })
        .collect();
    let largest_effect = largest(&scores, |c| c.effect.abs()).map(|i| scores[i].score);
    let largest_change = largest(&scores, |c| c.change.abs()).map(|i| scores[i].score);

    let by_scores = level(via.tier) - level(then.tier);
    let by_thresholds = level(now.tier) - level(via.tier);
    let own = via.class != then.class || via.tier != then.tier;
    let model = now.class != via.class || now.tier != via.tier;
    let cause = match (own, model) {
        (true, false) => MoveCause::OwnScores,
        (false, _) => MoveCause::Thresholds,
        (true, true) if by_scores * by_thresholds < 0 => MoveCause::Opposed,
        (true, true) => MoveCause::Both,
    };
    Ok(Some(MigrationReason {
        model: current_model.name().to_owned(),
        previous_class: then.class.into(),
        previous_tier: then.tier,
        via_class: via.class.into(),
        via_tier: via.tier,
        class: now.class.into(),
        tier: now.tier,
        steps: level(now.tier) - level(then.tier),
        by_scores,
        by_thresholds,
        cause,
        axes,
        deciding_axis: deciding.map(|d| old_axes[d].axis),
        scores,
        largest_effect,
        largest_change,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::four_s::{FourS, FourSParams};
    use crate::{AnyModel, MillmanWilson};
    use approx::assert_relative_eq;

    fn s(r: f64, f: f64, st: f64) -> Scores {
        Scores::new(r, f, st).unwrap()
    }

    fn four_s(attractiveness: f64, strength: f64) -> FourS {
        FourSParams {
            attractiveness_threshold: attractiveness,
            strength_threshold: strength,
            ..Default::default()
        }
        .build()
        .unwrap()
    }

    /// The issue's case: revenue rose (its revenue share score went up), but calibration
    /// raised the attractiveness threshold past the account, so it fell.
    #[test]
    fn revenue_rose_but_thresholds_rose_more() {
        let before = four_s(0.5, 0.5);
        let after = four_s(0.62, 0.5);
        // Attractiveness 0.2 x 0.6 + 0.8 x 0.6 = 0.60 then, 0.2 x 0.65 + 0.48 = 0.61 now.
        let (p, c) = (s(0.6, 0.6, 0.7), s(0.65, 0.6, 0.7));
        let why = migration_reason(&before, &p, &after, &c).unwrap().unwrap();
        assert_eq!(why.previous_tier, Tier::Key);
        assert_eq!(why.via_tier, Tier::Key);
        assert_eq!(why.tier, Tier::Maintenance);
        assert_eq!((why.steps, why.by_scores, why.by_thresholds), (-2, 0, -2));
        assert_eq!(why.cause, MoveCause::Thresholds);
        let a = why.deciding().unwrap();
        assert_eq!(a.axis, Axis::Attractiveness);
        assert_relative_eq!(a.by_scores, 0.2 * 0.05, epsilon = 1e-12);
        assert!(a.by_scores > 0.0, "the account's own scores pushed it up");
        assert_eq!(a.by_weights, 0.0);
        let t = a.deciding.unwrap();
        assert_eq!((t.index, t.previous, t.current), (0, 0.5, 0.62));
        assert_relative_eq!(t.shift, 0.12, epsilon = 1e-12);
        assert_eq!(why.largest_effect, Some(ScoreField::RevenueShare));
        assert_eq!(why.largest_change, Some(ScoreField::RevenueShare));
        assert_eq!(
            why.to_string(),
            "down Key -> Maintenance: moved thresholds (scores +0, thresholds -2 tiers); \
             account attractiveness 0.60 -> 0.61 (+0.01 from scores), threshold 0.50 -> 0.62; \
             most: revenue share +0.05"
        );
    }

    #[test]
    fn own_fall_under_unchanged_model() {
        let m = FourS::default();
        let why = migration_reason(&m, &s(0.8, 0.8, 0.6), &m, &s(0.8, 0.8, 0.45))
            .unwrap()
            .unwrap();
        assert_eq!((why.steps, why.by_scores, why.by_thresholds), (-1, -1, 0));
        assert_eq!(why.cause, MoveCause::OwnScores);
        assert_eq!(why.deciding_axis, Some(Axis::RelativeStrength));
        let c = why.score(ScoreField::RelationshipStrength).unwrap();
        assert_eq!(c.weight, 1.0);
        assert_relative_eq!(c.effect, -0.15, epsilon = 1e-12);
        // Fit did not change: no effect.
        assert_eq!(why.score(ScoreField::StrategicFit).unwrap().effect, 0.0);
        assert_eq!(why.largest_change, Some(ScoreField::RelationshipStrength));
        let t = why.deciding().unwrap().deciding.unwrap();
        assert_eq!((t.previous, t.current, t.shift), (0.5, 0.5, 0.0));
    }

    #[test]
    fn scores_and_thresholds_both_pull_down() {
        let (before, after) = (four_s(0.5, 0.5), four_s(0.5, 0.7));
        // Strength 0.9 -> 0.6: high under 0.5, low under 0.7. Fit 0.9 -> 0.3: attractiveness
        // 0.9 -> 0.42, low under both.
        let why = migration_reason(&before, &s(0.9, 0.9, 0.9), &after, &s(0.9, 0.3, 0.6))
            .unwrap()
            .unwrap();
        assert_eq!(why.previous_tier, Tier::Key);
        assert_eq!(why.via_tier, Tier::Maintenance); // Status: strong, unattractive
        assert_eq!(why.tier, Tier::Transactional);
        assert_eq!((why.steps, why.by_scores, why.by_thresholds), (-3, -2, -1));
        assert_eq!(why.cause, MoveCause::Both);
        // Both axes fell a band; attractiveness comes first.
        assert_eq!(why.deciding_axis, Some(Axis::Attractiveness));
        assert_eq!(why.largest_effect, Some(ScoreField::StrategicFit));
        assert!(why.axes.iter().all(|a| a.deciding.is_some()));
    }

    #[test]
    fn scores_up_thresholds_down_more_is_opposed() {
        let (before, after) = (four_s(0.5, 0.5), four_s(0.85, 0.7));
        // Attractiveness 0.8 both periods; strength 0.45 -> 0.6. Star, then Strategic under
        // the previous thresholds (+1), then Streamline under the current ones (-3).
        let why = migration_reason(&before, &s(0.8, 0.8, 0.45), &after, &s(0.8, 0.8, 0.6))
            .unwrap()
            .unwrap();
        assert_eq!(
            (why.previous_tier, why.via_tier, why.tier),
            (Tier::Development, Tier::Key, Tier::Transactional)
        );
        assert_eq!((why.steps, why.by_scores, why.by_thresholds), (-2, 1, -3));
        assert_eq!(why.cause, MoveCause::Opposed);
        // The class fell on attractiveness, which no score moved; strength is what changed.
        assert_eq!(why.deciding_axis, Some(Axis::Attractiveness));
        assert_eq!(why.largest_effect, None);
        assert_eq!(why.largest_change, Some(ScoreField::RelationshipStrength));
    }

    #[test]
    fn moves_that_cancel_are_no_move() {
        // Strength 0.45 -> 0.6 lifts a Star to Strategic under 0.5, but its threshold rose to
        // 0.7: Star again.
        let (before, after) = (four_s(0.5, 0.5), four_s(0.5, 0.7));
        let why = migration_reason(&before, &s(0.9, 0.9, 0.45), &after, &s(0.9, 0.9, 0.6));
        assert!(why.unwrap().is_none());
    }

    #[test]
    fn a_tier_map_change_alone_is_the_models_part() {
        use crate::models::four_s::FourSClass;
        use crate::tier::TierMap;
        let before = FourS::default();
        let after = FourSParams {
            tiers: TierMap::<FourSClass>::default().with(FourSClass::Star, Tier::Key),
            ..Default::default()
        }
        .build()
        .unwrap();
        let p = s(0.9, 0.9, 0.3);
        let why = migration_reason(&before, &p, &after, &p).unwrap().unwrap();
        assert_eq!((why.steps, why.by_scores, why.by_thresholds), (1, 0, 1));
        assert_eq!(why.cause, MoveCause::Thresholds);
        assert_eq!(why.deciding_axis, None);
        assert_eq!(why.largest_effect, None);
        assert_eq!(why.largest_change, None);
        assert_eq!(
            why.to_string(),
            "up Development -> Key: moved thresholds (scores +0, thresholds +1 tiers)"
        );
    }

    #[test]
    fn different_models_are_an_error() {
        let a = AnyModel::from(FourS::default());
        let b = AnyModel::from(MillmanWilson::default());
        let p = s(0.5, 0.5, 0.5);
        assert!(matches!(
            migration_reason(&a, &p, &b, &p),
            Err(Error::MigrationModelsDiffer { .. })
        ));
        // One AnyModel twice is fine.
        assert!(migration_reason(&a, &p, &a, &p).unwrap().is_none());
    }

    #[test]
    fn serializes() {
        let m = FourS::default();
        let why = migration_reason(&m, &s(0.9, 0.9, 0.9), &m, &s(0.1, 0.1, 0.1))
            .unwrap()
            .unwrap();
        let json = serde_json::to_string(&why).unwrap();
        let back: MigrationReason = serde_json::from_str(&json).unwrap();
        assert_eq!(back, why);
        assert!(json.contains("\"cause\":\"own_scores\""), "{json}");
    }
}
