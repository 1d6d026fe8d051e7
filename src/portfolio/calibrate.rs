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

    let key_count = |m: &AnyModel| {
        scored
            .accounts()
            .iter()
            .filter(|a| m.tier(&a.scores) == Tier::Key)
            .count()
    };
    let mut best = (1.0, model.clone(), original_key_count);
    if !range.contains(original_key_count) {
        let score = |g: f64, count: usize| (range.distance(count), g.ln().abs());
        let mut best_score = score(1.0, original_key_count);
        for g in candidates {
            let Ok(m) = with_exponent(model, g) else {
                continue;
            };
            let count = key_count(&m);
            let s = score(g, count);
            if s.0 < best_score.0 || (s.0 == best_score.0 && s.1 < best_score.1) {
                best_score = s;
                best = (g, m, count);
            }
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
