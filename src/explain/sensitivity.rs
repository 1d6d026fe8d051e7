//! Whether an account's class holds when the weights, which are judgement, move a little.

use serde::{Deserialize, Serialize};

use crate::any::Class;
use crate::axis::{Axis, AxisWeights};
use crate::classifier::Classifier;
use crate::error::{Error, Result};
use crate::scores::Scores;
use crate::tier::Tier;

/// How far each weight may move in a sensitivity analysis: every weight within `delta` of its
/// configured value, still non-negative and summing to 1. Default 0.05.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::WeightShift;
///
/// assert_eq!(WeightShift::default().delta(), 0.05);
/// assert!(WeightShift::new(0.1).is_ok());
/// assert!(WeightShift::new(-0.1).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct WeightShift(f64);

impl Default for WeightShift {
    fn default() -> Self {
        WeightShift(0.05)
    }
}

impl TryFrom<f64> for WeightShift {
    type Error = Error;

    fn try_from(delta: f64) -> Result<Self> {
        WeightShift::new(delta)
    }
}

impl From<WeightShift> for f64 {
    fn from(shift: WeightShift) -> f64 {
        shift.0
    }
}

impl WeightShift {
    /// A checked shift.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeightShift`] if `delta` is NaN, infinite or outside [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(keyaccount::explain::WeightShift::new(f64::NAN).is_err());
    /// ```
    pub fn new(delta: f64) -> Result<Self> {
        if (0.0..=1.0).contains(&delta) {
            Ok(WeightShift(delta))
        } else {
            Err(Error::InvalidWeightShift { value: delta })
        }
    }

    /// The largest move of one weight.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::explain::WeightShift::new(0.1)?.delta(), 0.1);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn delta(self) -> f64 {
        self.0
    }

    /// The lowest and highest value of the weighted sum of `scores` over every weight vector
    /// within the shift of `weights` (each weight in `[w - delta, w + delta]`, non-negative,
    /// all summing to 1). Exact: the sum is linear in the weights, so its extremes are at a
    /// vertex, found by giving the free weight to the highest (lowest) scores first.
    ///
    /// # Examples
    ///
    /// ```
    /// use approx::assert_relative_eq;
    /// use keyaccount::explain::WeightShift;
    /// use keyaccount::{AxisWeights, Scores};
    ///
    /// let w = AxisWeights { revenue_share: 0.4, strategic_fit: 0.6, relationship_strength: 0.0 };
    /// let s = Scores::new(1.0, 0.0, 0.5)?;
    /// let (min, max) = WeightShift::new(0.1)?.range(&w, &s);
    /// assert_relative_eq!(min, 0.3); // 0.3 x 1 + 0.7 x 0
    /// assert_relative_eq!(max, 0.5); // 0.5 x 1 + 0.5 x 0
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn range(self, weights: &AxisWeights, scores: &Scores) -> (f64, f64) {
        let w = weights.pairs().map(|(_, v)| v);
        let s = scores.to_array();
        let low = w.map(|v| (v - self.0).max(0.0));
        let high = w.map(|v| (v + self.0).min(1.0));
        let free = (1.0 - low.iter().sum::<f64>()).max(0.0);
        let extreme = |highest_first: bool| {
            let mut order = [0, 1, 2];
            // Stable, so ties keep the order of the scores.
            order.sort_by(|&a, &b| {
                let o = s[a].total_cmp(&s[b]);
                if highest_first {
                    o.reverse()
                } else {
                    o
                }
            });
            let mut left = free;
            let mut total = 0.0;
            for i in order {
                let add = (high[i] - low[i]).min(left);
                left -= add;
                total += (low[i] + add) * s[i];
            }
            total.clamp(0.0, 1.0)
        };
        (extreme(false), extreme(true))
    }
}

/// The range of one axis over the weight vectors within the shift.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{sensitivity, WeightShift};
/// use keyaccount::{FourS, Scores};
///
/// let s = sensitivity(&FourS::default(), &Scores::new(0.5, 0.5, 0.5)?, WeightShift::default());
/// let a = s.axes[0];
/// assert!(a.min <= a.value && a.value <= a.max);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AxisRange {
    /// The axis.
    pub axis: Axis,
    /// Its value with the configured weights.
    pub value: f64,
    /// Its lowest value.
    pub min: f64,
    /// Its highest value.
    pub max: f64,
}

/// Whether one account's class holds for every weight vector within the shift.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{sensitivity, WeightShift};
/// use keyaccount::{FourS, Scores, Tier};
///
/// // Attractiveness 0.5 exactly: a little less weight on the higher score tips it.
/// let s = sensitivity(&FourS::default(), &Scores::new(0.0, 0.625, 0.9)?, WeightShift::default());
/// assert!(!s.stable);
/// assert_eq!((s.lowest_tier, s.highest_tier), (Tier::Maintenance, Tier::Key));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The shift looked at.
    pub delta: f64,
    /// The class with the configured weights.
    pub class: Class,
    /// The tier with the configured weights.
    pub tier: Tier,
    /// The range of each of the model's axes, then of any axis that combines them.
    pub axes: Vec<AxisRange>,
    /// Every class the account can take within the shift, in the model's order.
    pub classes: Vec<Class>,
    /// The lowest tier it can take.
    pub lowest_tier: Tier,
    /// The highest tier it can take.
    pub highest_tier: Tier,
    /// Whether the class holds for every weight vector within the shift.
    pub stable: bool,
}

/// Whether the account's class holds for every weight vector within `shift` of the model's
/// configured weights (each weight moved by at most `delta`, still non-negative and summing
/// to 1; thresholds fixed).
///
/// Each axis is linear in its weights, so its range is exact ([`WeightShift::range`]); an axis
/// that combines others (Millman and Wilson's development, the mean of nature and
/// involvement, whose weights move independently) ranges over the same combination of their
/// ranges. The class holds when every combination of bands the axis ranges reach gives the
/// same class. The axes of the four models move independently, so this is exact for them; a
/// model whose decision axes shared weights would be judged conservatively.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{sensitivity, WeightShift};
/// use keyaccount::{MillmanWilson, Scores};
///
/// let model = MillmanWilson::default();
/// let firm = sensitivity(&model, &Scores::new(0.5, 0.5, 0.5)?, WeightShift::default());
/// assert!(firm.stable); // every score 0.5: development is 0.5 whatever the weights
/// let edge = sensitivity(&model, &Scores::new(0.9, 0.0, 0.4)?, WeightShift::new(0.1)?);
/// assert!(!edge.stable);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn sensitivity<M>(model: &M, scores: &Scores, shift: WeightShift) -> Sensitivity
where
    M: Classifier,
    M::Class: Into<Class>,
{
    let now = model.classify(scores);
    let weighted = model.axis_weights();
    let mut axes: Vec<AxisRange> = weighted
        .iter()
        .map(|&(axis, w)| {
            let value = w.apply(scores);
            let (min, max) = shift.range(&w, scores);
            // The configured weights are inside the shift; rounding must not put them out.
            AxisRange {
                axis,
                value,
                min: min.min(value),
                max: max.max(value),
            }
        })
        .collect();
    let decision = model.decision_axes();
    let values = model.decision_values(scores);
    let mut bands = Vec::with_capacity(decision.len());
    for (d, &value) in decision.iter().zip(&values) {
        let range = match axes.iter().find(|a| a.axis == d.axis) {
            Some(a) => AxisRange { value, ..*a },
            None => {
                let part = |pick: fn(&AxisRange) -> f64| -> f64 {
                    d.parts
                        .iter()
                        .filter_map(|&(axis, c)| {
                            axes.iter().find(|a| a.axis == axis).map(|a| c * pick(a))
                        })
                        .sum()
                };
                let range = AxisRange {
                    axis: d.axis,
                    value,
                    min: part(|a| a.min).min(value),
                    max: part(|a| a.max).max(value),
                };
                axes.push(range);
                range
            }
        };
        let band = |x: f64| d.thresholds.iter().filter(|&&t| x >= t).count();
        bands.push(band(range.min)..=band(range.max));
    }
    let mut classes: Vec<M::Class> = Vec::new();
    let mut pick = vec![0; bands.len()];
    for_each_combination(&bands, 0, &mut pick, &mut |b| {
        let c = model.class_at(b);
        if !classes.contains(&c) {
            classes.push(c);
        }
    });
    classes.sort();
    let tiers = classes.iter().map(|&c| model.tier_of(c));
    let lowest_tier = tiers.clone().min().unwrap_or(now.tier);
    let highest_tier = tiers.max().unwrap_or(now.tier);
    Sensitivity {
        delta: shift.delta(),
        class: now.class.into(),
        tier: now.tier,
        axes,
        stable: classes.iter().all(|&c| c == now.class),
        classes: classes.into_iter().map(Into::into).collect(),
        lowest_tier,
        highest_tier,
    }
}

fn for_each_combination(
    bands: &[std::ops::RangeInclusive<usize>],
    k: usize,
    pick: &mut Vec<usize>,
    f: &mut impl FnMut(&[usize]),
) {
    if k == bands.len() {
        f(pick);
        return;
    }
    for b in bands[k].clone() {
        pick[k] = b;
        for_each_combination(bands, k + 1, pick, f);
    }
}

/// Stable and sensitive accounts of one tier.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{stability, WeightShift};
/// use keyaccount::{FourS, Scores, Tier};
///
/// let accounts = [Scores::new(0.9, 0.9, 0.9)?, Scores::new(0.1, 0.1, 0.1)?];
/// let s = stability(&FourS::default(), &accounts, WeightShift::default());
/// assert_eq!(s.tiers[0].tier, Tier::Key);
/// assert_eq!(s.tiers[0].stable, 1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierStability {
    /// The tier (with the configured weights).
    pub tier: Tier,
    /// Accounts of the tier whose class holds within the shift.
    pub stable: usize,
    /// Accounts of the tier whose class can change within the shift.
    pub sensitive: usize,
}

/// Stable and sensitive accounts per tier, for many accounts.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{stability, WeightShift};
/// use keyaccount::{FourS, Scores};
///
/// let accounts = [Scores::new(0.9, 0.9, 0.9)?, Scores::new(0.0, 0.625, 0.9)?];
/// let s = stability(&FourS::default(), &accounts, WeightShift::default());
/// assert_eq!((s.stable, s.sensitive), (1, 1));
/// assert_eq!(s.accounts.len(), 2);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// The shift looked at.
    pub delta: f64,
    /// One row per tier, Key first.
    pub tiers: Vec<TierStability>,
    /// Accounts whose class holds.
    pub stable: usize,
    /// Accounts whose class can change.
    pub sensitive: usize,
    /// Each account's result, in the order given.
    pub accounts: Vec<Sensitivity>,
}

/// [`sensitivity`] for each account, with the counts of stable and sensitive accounts per
/// tier.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{stability, WeightShift};
/// use keyaccount::{AnyModel, Scores};
///
/// let accounts = [Scores::new(0.5, 0.5, 0.5)?];
/// for model in AnyModel::all() {
///     let s = stability(&model, &accounts, WeightShift::default());
///     assert_eq!(s.stable + s.sensitive, 1);
/// }
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn stability<'a, M>(
    model: &M,
    accounts: impl IntoIterator<Item = &'a Scores>,
    shift: WeightShift,
) -> Stability
where
    M: Classifier,
    M::Class: Into<Class>,
{
    let accounts: Vec<Sensitivity> = accounts
        .into_iter()
        .map(|s| sensitivity(model, s, shift))
        .collect();
    let tiers = Tier::ALL
        .iter()
        .map(|&tier| {
            let of = accounts.iter().filter(|a| a.tier == tier);
            let stable = of.clone().filter(|a| a.stable).count();
            TierStability {
                tier,
                stable,
                sensitive: of.count() - stable,
            }
        })
        .collect();
    let stable = accounts.iter().filter(|a| a.stable).count();
    Stability {
        delta: shift.delta(),
        tiers,
        stable,
        sensitive: accounts.len() - stable,
        accounts,
    }
}
