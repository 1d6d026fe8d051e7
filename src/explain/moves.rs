//! The smallest change of one score, or one factor rating, that moves an account a tier.

use serde::{Deserialize, Serialize};

use super::{combined_weights, same_score};
use crate::any::Class;
use crate::classifier::Classifier;
use crate::error::{Error, Result};
use crate::scorecard::Scorecard;
use crate::scores::{ScoreField, Scores};
use crate::tier::Tier;

/// What a move is for.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::Goal;
/// use keyaccount::Tier;
///
/// assert!(Goal::NextTierUp.is_met(Tier::Maintenance, Tier::Key));
/// assert!(!Goal::Key.is_met(Tier::Maintenance, Tier::Development));
/// assert!(Goal::NextTierDown.is_met(Tier::Key, Tier::Transactional));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Lift the account at least one tier.
    NextTierUp,
    /// Make it a Key account.
    Key,
    /// Drop it at least one tier: how far it can fall before it loses its tier (at risk).
    NextTierDown,
}

impl Goal {
    /// The three goals.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::explain::Goal::ALL.len(), 3);
    /// ```
    pub const ALL: [Goal; 3] = [Goal::NextTierUp, Goal::Key, Goal::NextTierDown];

    /// Whether the goal means anything for an account in `current`: nothing lies above Key or
    /// below Transactional.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::Goal;
    /// use keyaccount::Tier;
    ///
    /// assert!(!Goal::Key.applies(Tier::Key));
    /// assert!(!Goal::NextTierDown.applies(Tier::Transactional));
    /// ```
    #[must_use]
    pub fn applies(self, current: Tier) -> bool {
        match self {
            Goal::NextTierUp | Goal::Key => current != Tier::Key,
            Goal::NextTierDown => current != Tier::Transactional,
        }
    }

    /// Whether moving from `current` to `reached` meets the goal.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::Goal;
    /// use keyaccount::Tier;
    ///
    /// assert!(!Goal::NextTierUp.is_met(Tier::Key, Tier::Key));
    /// ```
    #[must_use]
    pub fn is_met(self, current: Tier, reached: Tier) -> bool {
        match self {
            Goal::NextTierUp => reached > current,
            Goal::Key => reached == Tier::Key,
            Goal::NextTierDown => reached < current,
        }
    }

    /// The goal in words.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::explain::Goal::Key.label(), "to Key");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Goal::NextTierUp => "up a tier",
            Goal::Key => "to Key",
            Goal::NextTierDown => "down a tier",
        }
    }
}

/// Whether a score can meet a goal on its own, and how.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{moves, Goal, Reach};
/// use keyaccount::{FourS, ScoreField, Scores};
///
/// let m = moves(&FourS::default(), &Scores::new(0.1, 0.1, 0.1)?);
/// // Relationship strength does not enter attractiveness: it cannot make the account Key alone.
/// let r = m.find(ScoreField::RelationshipStrength, Goal::Key).unwrap();
/// assert_eq!(r.reach, Reach::NotReachable);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reach", rename_all = "snake_case")]
pub enum Reach {
    /// Reached by setting the score to `to`.
    Reached {
        /// The score that meets the goal: the smallest rise (or fall) that does. Any value
        /// between the current score and `to`, exclusive, does not meet it.
        to: f64,
        /// `to` minus the current score.
        change: f64,
        /// The class there.
        class: Class,
        /// The tier there.
        tier: Tier,
    },
    /// Not reachable by this score alone: even 1 (or 0 for a fall) does not meet the goal.
    NotReachable,
}

/// The smallest change of one score that meets a goal, all else equal.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{moves, Goal, Reach};
/// use keyaccount::{ScoreField, Scores, Tier, Webster};
///
/// // Intensity 0.2 x 0.5 + 0.2 x 0.5 + 0.6 x 0.5 = 0.5: Buyer-seller partnership.
/// let m = moves(&Webster::default(), &Scores::new(0.5, 0.5, 0.5)?);
/// let up = m.find(ScoreField::RelationshipStrength, Goal::NextTierUp).unwrap();
/// match up.reach {
///     // 0.65 is the next cut: strength must rise by 0.15 / 0.6 = 0.25.
///     Reach::Reached { to, tier, .. } => {
///         approx::assert_relative_eq!(to, 0.75, epsilon = 1e-12);
///         assert_eq!(tier, Tier::Key);
///     }
///     Reach::NotReachable => unreachable!(),
/// }
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreMove {
    /// The score moved.
    pub score: ScoreField,
    /// What the move is for.
    pub goal: Goal,
    /// The current score.
    pub from: f64,
    /// Whether and where the goal is met.
    pub reach: Reach,
}

/// The moves of one account under one model: for each score, each goal that applies.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::moves;
/// use keyaccount::{FourS, Scores, Tier};
///
/// let m = moves(&FourS::default(), &Scores::new(0.9, 0.9, 0.9)?);
/// assert_eq!(m.tier, Tier::Key);
/// assert_eq!(m.moves.len(), 3); // only falls: one per score
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moves {
    /// The account's class now.
    pub class: Class,
    /// The account's tier now.
    pub tier: Tier,
    /// The moves, score by score in the order of [`ScoreField::ALL`], goals in the order of
    /// [`Goal::ALL`], only the goals that apply.
    pub moves: Vec<ScoreMove>,
}

impl Moves {
    /// The move of `score` for `goal`, if the goal applies.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::{moves, Goal};
    /// use keyaccount::{FourS, ScoreField, Scores};
    ///
    /// let m = moves(&FourS::default(), &Scores::new(0.9, 0.9, 0.9)?);
    /// assert!(m.find(ScoreField::StrategicFit, Goal::Key).is_none());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn find(&self, score: ScoreField, goal: Goal) -> Option<&ScoreMove> {
        self.moves
            .iter()
            .find(|m| m.score == score && m.goal == goal)
    }
}

/// Orders finite floats as unsigned integers, so that neighbours differ by 1.
fn key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 0 {
        b | (1 << 63)
    } else {
        !b
    }
}

fn unkey(k: u64) -> f64 {
    if k >> 63 == 1 {
        f64::from_bits(k & !(1 << 63))
    } else {
        f64::from_bits(!k)
    }
}

/// The largest float below `x`.
fn prev(x: f64) -> f64 {
    unkey(key(x) - 1)
}

/// The smallest `x` in `(lo, hi]` with `p(x)`, for a monotone `p` with `!p(lo)` and `p(hi)`.
fn first_true(lo: f64, hi: f64, p: impl Fn(f64) -> bool) -> f64 {
    let (mut a, mut b) = (key(lo), key(hi));
    while b - a > 1 {
        let m = a + (b - a) / 2;
        if p(unkey(m)) {
            b = m;
        } else {
            a = m;
        }
    }
    unkey(b)
}

/// A run of values of one score over which the class does not change.
struct Segment<C> {
    /// The smallest score of the run.
    start: f64,
    class: C,
    tier: Tier,
}

/// The classes along `field` from 0 to 1, all else equal: one segment per band of the
/// decision axes. Each boundary is the exact float where a decision axis reaches a
/// threshold, found from the analytic crossing `(t - rest) / weight` and checked against the
/// model's own arithmetic.
fn segments<M: Classifier>(
    model: &M,
    scores: &Scores,
    field: ScoreField,
) -> Vec<Segment<M::Class>> {
    // Only called with x in [0, 1], where `with` cannot fail.
    let at = |x: f64| scores.with(field, x).unwrap_or(*scores);
    let weighted = model.axis_weights();
    let current = model.decision_values(scores);
    let s0 = scores.get(field);
    let k = ScoreField::ALL
        .iter()
        .position(|&f| f == field)
        .unwrap_or_default();
    let mut starts = vec![0.0];
    for (d, axis) in model.decision_axes().iter().enumerate() {
        let weight = combined_weights(&axis.parts, &weighted)[k];
        if weight <= 0.0 {
            continue;
        }
        for &t in &axis.thresholds {
            let past = |x: f64| model.decision_values(&at(x))[d] >= t;
            if past(0.0) || !past(1.0) {
                continue;
            }
            // The crossing by the weights, then the exact float by the model's arithmetic.
            let guess = (s0 + (t - current[d]) / weight).clamp(0.0, 1.0);
            let (lo, hi) = ((guess - 1e-9).max(0.0), (guess + 1e-9).min(1.0));
            let (lo, hi) = if !past(lo) && past(hi) {
                (lo, hi)
            } else {
                (0.0, 1.0)
            };
            starts.push(first_true(lo, hi, past));
        }
    }
    starts.sort_by(f64::total_cmp);
    starts.dedup();
    starts
        .into_iter()
        .map(|start| {
            let a = model.classify(&at(start));
            Segment {
                start,
                class: a.class,
                tier: a.tier,
            }
        })
        .collect()
}

/// The index of the segment holding `x`.
fn segment_of<C>(segments: &[Segment<C>], x: f64) -> usize {
    segments
        .iter()
        .rposition(|s| s.start <= x)
        .unwrap_or_default()
}

/// Where `field` meets `goal` from `from`, on the segments of that score: `(to, segment)`.
fn reach_on<C>(
    segments: &[Segment<C>],
    from: f64,
    current: Tier,
    goal: Goal,
) -> Option<(f64, usize)> {
    let here = segment_of(segments, from);
    match goal {
        Goal::NextTierUp | Goal::Key => (here + 1..segments.len())
            .find(|&j| goal.is_met(current, segments[j].tier))
            .map(|j| (segments[j].start, j)),
        Goal::NextTierDown => (0..here)
            .rev()
            .find(|&j| goal.is_met(current, segments[j].tier))
            .map(|j| (prev(segments[j + 1].start), j)),
    }
}

/// For each score and each goal that applies, the smallest change of that score alone that
/// meets the goal: the smallest rise that lifts the account a tier, the smallest that makes
/// it Key, the smallest fall that drops it a tier.
///
/// Exact on the model's geometry: the boundaries are the thresholds crossed along the score,
/// located to the float by the model's own arithmetic, so setting the score to `to` meets the
/// goal and any value strictly between the current score and `to` does not. Tier maps need not
/// be monotone: every class along the score is looked at. Millman and Wilson's Uncoupling-KAM
/// is a movement over time, not a position: moves use plain classification
/// ([`Classifier::classify`]).
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{moves, Goal, Reach};
/// use keyaccount::{FourS, ScoreField, Scores, Tier};
///
/// // Star: attractiveness 0.2 x 0.6 + 0.8 x 0.7 = 0.68, relative strength 0.45.
/// let scores = Scores::new(0.6, 0.7, 0.45)?;
/// let m = moves(&FourS::default(), &scores);
/// assert_eq!(m.tier, Tier::Development);
///
/// // At risk: fit can fall to just under (0.5 - 0.12) / 0.8 = 0.475 before it is Streamline.
/// let down = m.find(ScoreField::StrategicFit, Goal::NextTierDown).unwrap();
/// let Reach::Reached { to, tier, .. } = down.reach else { unreachable!() };
/// assert_eq!(tier, Tier::Transactional);
/// assert!(to < 0.475 && to > 0.475 - 1e-12);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn moves<M>(model: &M, scores: &Scores) -> Moves
where
    M: Classifier,
    M::Class: Into<Class>,
{
    let now = model.classify(scores);
    let mut out = Vec::new();
    for field in ScoreField::ALL {
        let from = scores.get(field);
        let segments = segments(model, scores, field);
        for goal in Goal::ALL {
            if !goal.applies(now.tier) {
                continue;
            }
            let reach = match reach_on(&segments, from, now.tier, goal) {
                Some((to, j)) => Reach::Reached {
                    to,
                    change: to - from,
                    class: segments[j].class.into(),
                    tier: segments[j].tier,
                },
                None => Reach::NotReachable,
            };
            out.push(ScoreMove {
                score: field,
                goal,
                from,
                reach,
            });
        }
    }
    Moves {
        class: now.class.into(),
        tier: now.tier,
        moves: out,
    }
}

/// Whether a factor rating can meet a goal on its own, and how.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::RatingReach;
///
/// assert_eq!(RatingReach::NotReachable, RatingReach::NotReachable);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reach", rename_all = "snake_case")]
pub enum RatingReach {
    /// Reached by rating the factor `to`.
    Reached {
        /// The rating on the factor's own scale that meets the goal: the smallest rise (or
        /// fall) that does.
        to: f64,
        /// `to` minus the current rating; `None` when the rating is missing now.
        change: Option<f64>,
        /// The score the scorecard then gives.
        score: f64,
        /// The class there.
        class: Class,
        /// The tier there.
        tier: Tier,
    },
    /// Not reachable by this rating alone, anywhere on its scale.
    NotReachable,
}

/// The smallest change of one factor rating that meets a goal, all else equal.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{FactorMove, Goal, RatingReach};
/// use keyaccount::ScoreField;
///
/// let m = FactorMove {
///     score: ScoreField::StrategicFit,
///     factor: "growth".into(),
///     goal: Goal::Key,
///     from: Some(4.0),
///     reach: RatingReach::NotReachable,
/// };
/// assert_eq!(m.factor, "growth");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorMove {
    /// The score the factor builds.
    pub score: ScoreField,
    /// The factor.
    pub factor: String,
    /// What the move is for.
    pub goal: Goal,
    /// The current rating; `None` if missing.
    pub from: Option<f64>,
    /// Whether and where the goal is met.
    pub reach: RatingReach,
}

/// For each factor of `card` and each goal that applies, the smallest change of that one
/// rating, on the factor's own scale, that meets the goal: the score the goal needs (as in
/// [`moves`]) turned into a rating through the factor's weight, and located to the float by
/// the scorecard's own arithmetic. Not reachable when it would take a rating past the scale.
///
/// `ratings` are the account's ratings by factor name, as for [`Scorecard::score`]; the score
/// they give must be the account's score in `scores`.
///
/// # Errors
///
/// As [`Scorecard::score`] for the account's ratings; [`Error::BreakdownMismatch`] if the
/// scorecard's score differs from the account's by more than rounding (1e-9).
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{factor_moves, Goal, RatingReach};
/// use keyaccount::{Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard, Scores};
///
/// let card = Scorecard::new(
///     ScoreField::StrategicFit,
///     vec![
///         Factor::new("growth", 0.5, RatingScale::new(0.0, 10.0)?),
///         Factor::new("profitability", 0.5, RatingScale::new(0.0, 10.0)?),
///     ],
///     MissingRating::Error,
/// )?;
/// let ratings = |f: &str| Some(if f == "growth" { 4.0 } else { 2.0 });
/// // Fit 0.3, attractiveness 0.2 x 0.5 + 0.8 x 0.3 = 0.34: Status (strength 0.8).
/// let scores = Scores::new(0.5, 0.3, 0.8)?;
/// let m = factor_moves(&FourS::default(), &scores, &card, "ACME", ratings)?;
/// let key = m.iter().find(|m| m.factor == "growth" && m.goal == Goal::Key).unwrap();
/// // Fit must reach 0.5, 0.2 more: growth (weight 0.5) from 4 to 8 on its 0-10 scale.
/// let RatingReach::Reached { to, .. } = key.reach else { unreachable!() };
/// approx::assert_relative_eq!(to, 8.0, epsilon = 1e-9);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn factor_moves<M>(
    model: &M,
    scores: &Scores,
    card: &Scorecard,
    account: &str,
    ratings: impl Fn(&str) -> Option<f64>,
) -> Result<Vec<FactorMove>>
where
    M: Classifier,
    M::Class: Into<Class>,
{
    let field = card.score_field();
    let score = card.score(account, &ratings)?;
    let in_scores = scores.get(field);
    if !same_score(score, in_scores) {
        return Err(Error::BreakdownMismatch {
            score: field,
            from_scorecard: score,
            in_scores,
        });
    }
    let now = model.classify(scores);
    let segments = segments(model, scores, field);
    let mut out = Vec::new();
    for goal in Goal::ALL {
        if !goal.applies(now.tier) {
            continue;
        }
        let target = reach_on(&segments, in_scores, now.tier, goal).map(|(to, _)| to);
        for f in card.factors() {
            let from = ratings(&f.name);
            let reach = match target {
                None => RatingReach::NotReachable,
                Some(target) => {
                    let with = |r: f64| {
                        card.score(account, |n| if n == f.name { Some(r) } else { ratings(n) })
                    };
                    let (low, high) = (f.scale.low(), f.scale.high());
                    let to = if goal == Goal::NextTierDown {
                        // The largest rating whose score is at most the target.
                        let above = |r: f64| with(r).map_or(true, |s| s > target);
                        let top = from.unwrap_or(high);
                        if above(low) {
                            None
                        } else if !above(top) {
                            Some(top)
                        } else {
                            Some(prev(first_true(low, top, above)))
                        }
                    } else {
                        // The smallest rating whose score is at least the target.
                        let reaches = |r: f64| with(r).is_ok_and(|s| s >= target);
                        let bottom = from.unwrap_or(low);
                        if !reaches(high) {
                            None
                        } else if reaches(bottom) {
                            Some(bottom)
                        } else {
                            Some(first_true(bottom, high, reaches))
                        }
                    };
                    rating_reach(model, scores, field, goal, now.tier, from, to, with)?
                }
            };
            out.push(FactorMove {
                score: field,
                factor: f.name.clone(),
                goal,
                from,
                reach,
            });
        }
    }
    Ok(out)
}

/// Checks a rating found for a goal by classifying the account with it.
#[allow(clippy::too_many_arguments)]
fn rating_reach<M>(
    model: &M,
    scores: &Scores,
    field: ScoreField,
    goal: Goal,
    current: Tier,
    from: Option<f64>,
    to: Option<f64>,
    with: impl Fn(f64) -> Result<f64>,
) -> Result<RatingReach>
where
    M: Classifier,
    M::Class: Into<Class>,
{
    let Some(to) = to else {
        return Ok(RatingReach::NotReachable);
    };
    let score = with(to)?;
    let a = model.classify(&scores.with(field, score)?);
    Ok(if goal.is_met(current, a.tier) && Some(to) != from {
        RatingReach::Reached {
            to,
            change: from.map(|r| to - r),
            score,
            class: a.class.into(),
            tier: a.tier,
        }
    } else {
        RatingReach::NotReachable
    })
}
