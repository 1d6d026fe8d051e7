//! Calibrating a model's thresholds so that the number of Key accounts falls in a target range.

use serde::{Deserialize, Serialize};

use crate::any::{AnyModel, Position};
use crate::axis::Axis;
use crate::classifier::{Classifier, CutPoint};
use crate::error::{Error, Result};
use crate::portfolio::classify::{Classification, ScoredPortfolio};
use crate::tier::Tier;

/// The number of Key accounts wanted, `min..=max`. The default, 15 to 35, is KAM practice
/// (Woodburn and McDonald, 2011): fewer wastes the method, more than about 50 cannot be served
/// as key.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::KeyRange;
///
/// let r = KeyRange::default();
/// assert_eq!((r.min(), r.max()), (15, 35));
/// assert!(r.contains(20));
/// assert_eq!(r.distance(10), 5);
/// assert!(KeyRange::new(10, 5).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRange", into = "RawRange")]
pub struct KeyRange {
    min: usize,
    max: usize,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange {
    min: usize,
    max: usize,
}

impl TryFrom<RawRange> for KeyRange {
    type Error = Error;

    fn try_from(raw: RawRange) -> Result<Self> {
        KeyRange::new(raw.min, raw.max)
    }
}

impl From<KeyRange> for RawRange {
    fn from(r: KeyRange) -> Self {
        RawRange {
            min: r.min,
            max: r.max,
        }
    }
}

impl Default for KeyRange {
    fn default() -> Self {
        KeyRange { min: 15, max: 35 }
    }
}

impl KeyRange {
    /// A checked range.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidKeyRange`] if `min > max`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::KeyRange, Error};
    ///
    /// let r = KeyRange::new(5, 10)?;
    /// assert_eq!((r.min(), r.max()), (5, 10));
    /// assert_eq!(KeyRange::new(7, 7)?.max(), 7); // a single count is a range
    /// assert!(matches!(KeyRange::new(10, 5), Err(Error::InvalidKeyRange { min: 10, max: 5 })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(min: usize, max: usize) -> Result<Self> {
        if min <= max {
            Ok(KeyRange { min, max })
        } else {
            Err(Error::InvalidKeyRange { min, max })
        }
    }

    /// The smallest number of Key accounts wanted.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::KeyRange;
    ///
    /// assert_eq!(KeyRange::default().min(), 15);
    /// assert_eq!(KeyRange::new(2, 4)?.min(), 2);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn min(&self) -> usize {
        self.min
    }

    /// The largest number of Key accounts wanted.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::KeyRange;
    ///
    /// assert_eq!(KeyRange::default().max(), 35);
    /// assert_eq!(KeyRange::new(2, 4)?.max(), 4);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn max(&self) -> usize {
        self.max
    }

    /// Whether `count` is in the range.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::KeyRange;
    ///
    /// let r = KeyRange::new(5, 10)?;
    /// assert!(r.contains(5) && r.contains(10)); // both ends are in
    /// assert!(!r.contains(4) && !r.contains(11));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn contains(&self, count: usize) -> bool {
        self.min <= count && count <= self.max
    }

    /// How far `count` is from the range (0 inside it).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::KeyRange;
    ///
    /// let r = KeyRange::new(5, 10)?;
    /// assert_eq!(r.distance(2), 3); // 3 Key accounts short
    /// assert_eq!(r.distance(7), 0);
    /// assert_eq!(r.distance(12), 2); // 2 too many
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn distance(&self, count: usize) -> usize {
        if count < self.min {
            self.min - count
        } else {
            count.saturating_sub(self.max)
        }
    }
}

/// What calibration chose.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::{calibrate, KeyRange};
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
/// ])?;
/// let cal = calibrate(&p.score(&config)?, &FourS::default().into(), KeyRange::new(1, 1)?);
/// // One Key account already: the model is kept as it is.
/// assert_eq!((cal.original_key_count, cal.key_count), (1, 1));
/// assert_eq!(cal.exponent, 1.0);
/// assert_eq!(cal.cut_points, cal.original_cut_points);
/// assert!(cal.within_range);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// The range asked for.
    pub range: KeyRange,
    /// The exponent `g` applied: every threshold `t` of the model became `t^g` (1 = unchanged;
    /// above 1 lowers the thresholds and makes more Key accounts).
    pub exponent: f64,
    /// The thresholds before calibration.
    pub original_cut_points: Vec<CutPoint>,
    /// The thresholds chosen.
    pub cut_points: Vec<CutPoint>,
    /// Key accounts before calibration.
    pub original_key_count: usize,
    /// Key accounts after calibration.
    pub key_count: usize,
    /// Whether `key_count` is in `range`. `false` only when no exponent reaches the range
    /// (for instance, too few accounts); the count is then the closest reachable one.
    pub within_range: bool,
    /// The calibrated model.
    pub model: AnyModel,
    /// The portfolio classified by the calibrated model.
    pub classification: Classification,
}

fn axis_value(position: &Position, axis: Axis) -> Option<f64> {
    match (position, axis) {
        (Position::Webster(p), Axis::RelationshipIntensity) => Some(p.intensity),
        (Position::MillmanWilson(p), Axis::Development) => Some(p.development),
        (Position::Bensaou(p), Axis::BuyerInvestment) => Some(p.buyer_investment),
        (Position::Bensaou(p), Axis::SupplierInvestment) => Some(p.supplier_investment),
        (Position::FourS(p), Axis::Attractiveness) => Some(p.attractiveness),
        (Position::FourS(p), Axis::RelativeStrength) => Some(p.relative_strength),
        _ => None,
    }
}

/// The model with every threshold `t` replaced by `t^g`.
fn with_exponent(model: &AnyModel, g: f64) -> Result<AnyModel> {
    let f = |t: f64| t.powf(g);
    Ok(match model {
        AnyModel::Webster(m) => {
            let mut p = m.params().clone();
            p.thresholds = p.thresholds.map(f);
            AnyModel::Webster(p.build()?)
        }
        AnyModel::MillmanWilson(m) => {
            let mut p = m.params().clone();
            p.thresholds = p.thresholds.map(f);
            AnyModel::MillmanWilson(p.build()?)
        }
        AnyModel::Bensaou(m) => {
            let mut p = m.params().clone();
            p.buyer_threshold = f(p.buyer_threshold);
            p.supplier_threshold = f(p.supplier_threshold);
            AnyModel::Bensaou(p.build()?)
        }
        AnyModel::FourS(m) => {
            let mut p = m.params().clone();
            p.attractiveness_threshold = f(p.attractiveness_threshold);
            p.strength_threshold = f(p.strength_threshold);
            AnyModel::FourS(p.build()?)
        }
    })
}

/// Chooses a model's thresholds so that the number of Key accounts falls in `range`, and
/// reports what was chosen.
///
/// Method: all thresholds of the model move together, each `t` becoming `t^g` for one exponent
/// `g > 0`; this keeps them ordered and inside (0, 1), and the Key count never falls as `g`
/// grows (for the default, monotone tier mappings). The Key count only changes at exponents
/// where an account's axis value meets a threshold (`g = ln v / ln t`); calibration evaluates
/// one exponent inside each interval between those points (the geometric mean of its ends, so
/// no account sits on a moved threshold) and keeps:
///
/// 1. `g = 1` (the model unchanged) if its Key count is already in range;
/// 2. otherwise, among exponents whose count is in range, the one closest to 1 (by
///    `|ln g|`), which changes the model least;
/// 3. if no exponent reaches the range, the one whose count is closest to it, then closest to
///    1; `within_range` is then `false`.
///
/// Ties keep the smaller exponent (fewer Key accounts).
///
/// Candidate exponents whose thresholds would round to 0 or 1 are skipped, so calibration
/// cannot fail.
///
/// Cost: with a monotone tier mapping (every default one) the Key count never falls as `g`
/// grows, so the choice is found by binary search, `O(n log n)` classifications for `n`
/// accounts; with any other mapping every candidate is tried, `O(n^2)`.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::{calibrate, KeyRange};
/// use keyaccount::{FourS, Tier};
///
/// let records = (0..10)
///     .map(|i| {
///         AccountRecord::new(format!("A{i}"), "Account", 10.0 + f64::from(i))
///             .with_fit_rating("growth", 1.0 + f64::from(i))
///             .with_strength_rating("trust", 1.0 + f64::from(i))
///     })
///     .collect();
/// let scored = Portfolio::new(records)?.score(&config)?;
/// let cal = calibrate(&scored, &FourS::default().into(), KeyRange::new(2, 3)?);
/// assert!(cal.within_range);
/// assert!((2..=3).contains(&cal.key_count));
/// assert_eq!(cal.classification.count(Tier::Key), cal.key_count);
/// assert!(cal.cut_points[0].value > 0.5); // raised: fewer Key accounts than at the default
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn calibrate(scored: &ScoredPortfolio, model: &AnyModel, range: KeyRange) -> Calibration {
    let original = scored.classify(model.clone());
    let original_key_count = original.count(Tier::Key);
    let cuts = model.cut_points();

    let mut crossings: Vec<f64> = Vec::new();
    for a in original.accounts() {
        for cut in &cuts {
            if let Some(v) = axis_value(&a.assessment.position, cut.axis) {
                if v > 0.0 && v < 1.0 && cut.value > 0.0 && cut.value < 1.0 {
                    let g = v.ln() / cut.value.ln();
                    if g.is_finite() && g > 0.0 {
                        crossings.push(g);
                    }
                }
            }
        }
    }
    crossings.sort_by(f64::total_cmp);
    crossings.dedup();

    let mut candidates: Vec<f64> = Vec::with_capacity(crossings.len() + 1);
    if let (Some(&lo), Some(&hi)) = (crossings.first(), crossings.last()) {
        candidates.push(lo / 2.0);
        candidates.extend(crossings.windows(2).map(|w| (w[0] * w[1]).sqrt()));
        candidates.push(hi * 2.0);
    }

    let key_count = |g: f64| -> Option<(AnyModel, usize)> {
        let m = with_exponent(model, g).ok()?;
        let count = scored
            .accounts()
            .iter()
            .filter(|a| m.tier(&a.scores) == Tier::Key)
            .count();
        Some((m, count))
    };
    let mut best = (1.0, model.clone(), original_key_count);
    if !range.contains(original_key_count) {
        let chosen = if has_monotone_tiers(model) {
            search_sorted(model, &candidates, range, original_key_count, key_count)
        } else {
            search_all(&candidates, range, original_key_count, key_count)
        };
        if let Some(found) = chosen {
            best = found;
        }
    }
    let (exponent, model, key_count) = best;
    let classification = scored.classify(model.clone());
    Calibration {
        range,
        exponent,
        original_cut_points: cuts,
        cut_points: model.cut_points(),
        original_key_count,
        key_count,
        within_range: range.contains(key_count),
        model,
        classification,
    }
}

/// Whether raising an account's axis values can never lower its tier under `model`'s tier
/// mapping; then the Key count never falls as the exponent grows.
fn has_monotone_tiers(model: &AnyModel) -> bool {
    match model {
        AnyModel::Webster(m) => m.params().tiers.is_monotone(),
        AnyModel::MillmanWilson(m) => m.params().tiers.is_monotone(),
        AnyModel::Bensaou(m) => m.params().tiers.is_monotone(),
        AnyModel::FourS(m) => m.params().tiers.is_monotone(),
    }
}

type Found = (f64, AnyModel, usize);

/// Ranks a candidate: distance of its Key count from the range, then how far the exponent is
/// from 1. Lower is better; on a tie the earlier (smaller) exponent is kept.
fn rank(range: KeyRange, g: f64, count: usize) -> (usize, f64) {
    (range.distance(count), g.ln().abs())
}

/// Tries every candidate exponent: right for any tier mapping, quadratic in the portfolio's
/// size.
fn search_all(
    candidates: &[f64],
    range: KeyRange,
    original_count: usize,
    key_count: impl Fn(f64) -> Option<(AnyModel, usize)>,
) -> Option<Found> {
    let mut best: Option<Found> = None;
    let mut best_rank = rank(range, 1.0, original_count);
    for &g in candidates {
        let Some((m, count)) = key_count(g) else {
            continue;
        };
        let r = rank(range, g, count);
        if r.0 < best_rank.0 || (r.0 == best_rank.0 && r.1 < best_rank.1) {
            best_rank = r;
            best = Some((g, m, count));
        }
    }
    best
}

/// The same choice as [`search_all`] for a Key count that never falls as the exponent grows,
/// with binary searches over the sorted candidates instead of trying each: `O(n log n)`
/// classifications for `n` accounts.
fn search_sorted(
    model: &AnyModel,
    candidates: &[f64],
    range: KeyRange,
    original_count: usize,
    key_count: impl Fn(f64) -> Option<(AnyModel, usize)>,
) -> Option<Found> {
    // Thresholds that round to 0 or 1 only occur at the extreme exponents; `search_all` skips
    // them, and so does this.
    let usable: Vec<f64> = candidates
        .iter()
        .copied()
        .filter(|&g| with_exponent(model, g).is_ok())
        .collect();
    let mut runs = Runs {
        memo: vec![None; usable.len()],
        exponents: usable,
        key_count: &key_count,
    };
    let n = runs.exponents.len();
    let (min, max) = (range.min(), range.max());
    let lo = runs.first(|c| c >= min);
    let hi = runs.first(|c| c > max);
    let winner = if lo < hi {
        runs.nearest_one(lo..hi)
    } else {
        // No exponent reaches the range: the best are on the run just below it (the largest
        // count under `min`) or the run just above it (the smallest count over `max`).
        let mut sides = Vec::with_capacity(2);
        if lo > 0 {
            let c = runs.count(lo - 1);
            let start = runs.first(|x| x >= c);
            sides.extend(runs.nearest_one(start..lo).map(|i| (min - c, i)));
        }
        if lo < n {
            let c = runs.count(lo);
            let end = runs.first(|x| x > c);
            sides.extend(runs.nearest_one(lo..end).map(|i| (c - max, i)));
        }
        // Below comes first, so on a full tie the smaller exponent is kept.
        sides
            .into_iter()
            .min_by(|a, b| {
                a.0.cmp(&b.0).then(
                    runs.distance_from_one(a.1)
                        .total_cmp(&runs.distance_from_one(b.1)),
                )
            })
            .map(|(_, i)| i)
    }?;
    let g = runs.exponents[winner];
    let (m, count) = key_count(g)?;
    let (r, o) = (rank(range, g, count), rank(range, 1.0, original_count));
    (r.0 < o.0 || (r.0 == o.0 && r.1 < o.1)).then_some((g, m, count))
}

/// Sorted candidate exponents with their Key counts, computed on demand.
struct Runs<'a, F> {
    exponents: Vec<f64>,
    memo: Vec<Option<usize>>,
    key_count: &'a F,
}

impl<F: Fn(f64) -> Option<(AnyModel, usize)>> Runs<'_, F> {
    fn count(&mut self, i: usize) -> usize {
        let (g, key_count) = (self.exponents[i], self.key_count);
        *self.memo[i].get_or_insert_with(|| key_count(g).map_or(0, |(_, c)| c))
    }

    /// First index whose count satisfies `at_least`, a test that the never-falling counts
    /// fail and then pass.
    fn first(&mut self, at_least: impl Fn(usize) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.exponents.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if at_least(self.count(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }

    fn distance_from_one(&self, i: usize) -> f64 {
        self.exponents[i].ln().abs()
    }

    /// The index in `run` whose exponent is nearest 1; the first (smaller) one on a tie.
    fn nearest_one(&self, run: std::ops::Range<usize>) -> Option<usize> {
        run.reduce(|best, i| {
            if self.distance_from_one(i) < self.distance_from_one(best) {
                i
            } else {
                best
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The binary search picks what trying every candidate picks, for any never-falling
        /// Key count.
        #[test]
        fn sorted_search_equals_trying_all(
            mut candidates in prop::collection::vec(0.01f64..20.0, 0..60),
            breaks in prop::collection::vec(0.01f64..20.0, 0..60),
            min in 0usize..40,
            span in 0usize..20,
        ) {
            candidates.sort_by(f64::total_cmp);
            candidates.dedup();
            let model = AnyModel::FourS(crate::FourS::default());
            let count = |g: f64| breaks.iter().filter(|&&b| b <= g).count();
            let key_count = |g: f64| Some((model.clone(), count(g)));
            let range = KeyRange::new(min, min + span).unwrap();
            let original = count(1.0);
            let all = search_all(&candidates, range, original, key_count);
            let sorted = search_sorted(&model, &candidates, range, original, key_count);
            prop_assert_eq!(
                all.map(|(g, _, c)| (g, c)),
                sorted.map(|(g, _, c)| (g, c))
            );
        }
    }
}
