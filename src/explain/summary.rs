//! One account's explanation in a few words, for a report row: why it sits in its class, the
//! smallest move up, how close it is to falling, and whether the weights decide it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::moves::{moves, Goal, Reach};
use super::sensitivity::{sensitivity, WeightShift};
use super::{explain, Explanation};
use crate::any::Class;
use crate::classifier::Classifier;
use crate::scores::{ScoreField, Scores};
use crate::tier::Tier;

/// The smallest change of one score that moves an account to another tier.
///
/// Shown as `relationship strength +0.09 -> Key`.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::TierMove;
/// use keyaccount::{Class, FourSClass, ScoreField, Tier};
///
/// let m = TierMove {
///     score: ScoreField::RelationshipStrength,
///     from: 0.41,
///     to: 0.5,
///     change: 0.5 - 0.41,
///     class: Class::FourS(FourSClass::Strategic),
///     tier: Tier::Key,
/// };
/// assert_eq!(m.to_string(), "relationship strength +0.09 -> Key");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TierMove {
    /// The score moved.
    pub score: ScoreField,
    /// Its value now.
    pub from: f64,
    /// The value that reaches the tier (exact, as in [`moves`]).
    pub to: f64,
    /// `to - from`.
    pub change: f64,
    /// The class there.
    pub class: Class,
    /// The tier there.
    pub tier: Tier,
}

impl fmt::Display for TierMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Enough decimals that a small but real change does not print as zero; an account
        // on a threshold moves with any change at all.
        match (2..=4).find(|&d| format!("{:.d$}", self.change.abs()) != format!("{:.d$}", 0.0)) {
            Some(d) => write!(f, "{} {:+.d$} -> {}", self.score, self.change, self.tier),
            None if self.change < 0.0 => write!(f, "{} any fall -> {}", self.score, self.tier),
            None => write!(f, "{} any rise -> {}", self.score, self.tier),
        }
    }
}

/// One account's explanation in short, for a report: the sentence, the smallest move up a
/// tier, the smallest fall that drops it a tier, and whether moving the weights a little can
/// change its class.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{summarize, WeightShift};
/// use keyaccount::{FourS, Scores, Tier};
///
/// let s = summarize(&FourS::default(), &Scores::new(0.6, 0.7, 0.41)?, WeightShift::default());
/// assert_eq!(s.tier, Tier::Development);
/// assert_eq!(
///     s.explanation,
///     "Star: account attractiveness 0.68 >= 0.50, relative strength 0.41 < 0.50"
/// );
/// assert_eq!(s.next_tier_move.unwrap().to_string(), "relationship strength +0.09 -> Key");
/// assert_eq!(s.at_risk.unwrap().to_string(), "strategic fit -0.23 -> Transactional");
/// assert!(!s.weight_sensitive);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// The class.
    pub class: Class,
    /// The tier.
    pub tier: Tier,
    /// The class and, for each axis it is read from, the value against the thresholds
    /// around it: `Star: account attractiveness 0.68 >= 0.50, relative strength 0.41 < 0.50`.
    pub explanation: String,
    /// The smallest rise of one score that lifts the account a tier (ties to the first score
    /// in [`ScoreField::ALL`]); `None` for a Key account or when no single score can.
    pub next_tier_move: Option<TierMove>,
    /// The smallest fall of one score that drops the account a tier: how far it is from
    /// losing its tier. `None` for a Transactional account or when no single score can.
    pub at_risk: Option<TierMove>,
    /// Whether some weight vector within the shift given changes the class
    /// (see [`sensitivity`]).
    pub weight_sensitive: bool,
}

/// The sentence of [`AccountSummary::explanation`] from a full explanation.
fn sentence(why: &Explanation) -> String {
    let mut parts = Vec::new();
    for a in why.axes.iter().filter(|a| !a.thresholds.is_empty()) {
        let below = a.thresholds.iter().rev().find(|t| t.passed && t.decides);
        let above = a.thresholds.iter().find(|t| !t.passed && t.decides);
        let v = a.value;
        // Enough decimals that a value just off a threshold does not print as on it.
        let near: Vec<f64> = below.iter().chain(&above).map(|t| t.threshold).collect();
        let d = (2..=4)
            .find(|&d| {
                near.iter()
                    .all(|&t| t == v || format!("{t:.d$}") != format!("{v:.d$}"))
            })
            .unwrap_or(4);
        parts.push(match (below, above) {
            (Some(b), Some(u)) => format!(
                "{} {:.d$} <= {v:.d$} < {:.d$}",
                a.axis, b.threshold, u.threshold
            ),
            (Some(b), None) => format!("{} {v:.d$} >= {:.d$}", a.axis, b.threshold),
            (None, Some(u)) => format!("{} {v:.d$} < {:.d$}", a.axis, u.threshold),
            (None, None) => format!("{} {v:.d$}", a.axis),
        });
    }
    format!("{}: {}", why.class, parts.join(", "))
}

/// The smallest single-score move for `goal`, if any score reaches it.
fn smallest(m: &super::Moves, goal: Goal) -> Option<TierMove> {
    let mut best: Option<TierMove> = None;
    for mv in m.moves.iter().filter(|mv| mv.goal == goal) {
        if let Reach::Reached {
            to,
            change,
            class,
            tier,
        } = mv.reach
        {
            if best.map_or(true, |b| change.abs() < b.change.abs()) {
                best = Some(TierMove {
                    score: mv.score,
                    from: mv.from,
                    to,
                    change,
                    class,
                    tier,
                });
            }
        }
    }
    best
}

/// One account's explanation in short under `model` (see [`AccountSummary`]), with the
/// weights moved by `shift` for the sensitivity flag.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{summarize, WeightShift};
/// use keyaccount::{Scores, Webster};
///
/// // Webster cuts one axis five times: the sentence shows the band the account is in.
/// let s = summarize(&Webster::default(), &Scores::new(0.5, 0.5, 0.5)?, WeightShift::default());
/// assert_eq!(s.explanation, "Buyer-seller partnership: relationship intensity 0.50 <= 0.50 < 0.65");
/// assert!(!s.weight_sensitive); // equal scores: no weight vector moves the axis
///
/// // Intensity 0.6 x 0.85 = 0.51 is past the cut at 0.5 only through strength's weight:
/// // 0.05 of it moved to revenue share gives 0.55 x 0.85 < 0.5.
/// let s = summarize(&Webster::default(), &Scores::new(0.0, 0.0, 0.85)?, WeightShift::default());
/// assert!(s.weight_sensitive);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn summarize<M>(model: &M, scores: &Scores, shift: WeightShift) -> AccountSummary
where
    M: Classifier,
    M::Class: Into<Class>,
{
    // No breakdowns are given, so `explain` cannot fail.
    let why = explain(model, scores, &[]);
    let m = moves(model, scores);
    let s = sensitivity(model, scores, shift);
    let explanation = match &why {
        Ok(why) => sentence(why),
        Err(_) => m.class.to_string(),
    };
    AccountSummary {
        class: m.class,
        tier: m.tier,
        explanation,
        next_tier_move: smallest(&m, Goal::NextTierUp),
        at_risk: smallest(&m, Goal::NextTierDown),
        weight_sensitive: !s.stable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::four_s::FourS;
    use crate::models::millman_wilson::MillmanWilson;

    fn s(r: f64, f: f64, st: f64) -> Scores {
        Scores::new(r, f, st).unwrap()
    }

    #[test]
    fn key_has_no_move_up_and_transactional_no_risk() {
        let m = FourS::default();
        let key = summarize(&m, &s(0.9, 0.9, 0.9), WeightShift::default());
        assert_eq!(key.tier, Tier::Key);
        assert!(key.next_tier_move.is_none());
        let risk = key.at_risk.unwrap();
        assert_eq!(risk.tier, Tier::Development);
        assert_eq!(risk.score, ScoreField::RelationshipStrength); // 0.4 to go, fit needs 0.5
        let low = summarize(&m, &s(0.1, 0.1, 0.1), WeightShift::default());
        assert!(low.at_risk.is_none());
        assert_eq!(
            low.explanation,
            "Streamline: account attractiveness 0.10 < 0.50, relative strength 0.10 < 0.50"
        );
    }

    #[test]
    fn the_smallest_move_is_the_smallest_over_scores() {
        let m = FourS::default();
        let scores = s(0.3, 0.45, 0.9);
        let sum = summarize(&m, &scores, WeightShift::default());
        let up = sum.next_tier_move.unwrap();
        let all = moves(&m, &scores);
        for mv in all.moves.iter().filter(|mv| mv.goal == Goal::NextTierUp) {
            if let Reach::Reached { change, .. } = mv.reach {
                assert!(up.change <= change);
            }
        }
        assert_eq!(m.tier(&scores.with(up.score, up.to).unwrap()), up.tier);
        assert!(up.tier > sum.tier);
    }

    #[test]
    fn tiny_changes_print_as_non_zero() {
        let m = TierMove {
            score: ScoreField::StrategicFit,
            from: 0.499,
            to: 0.5,
            change: 0.001,
            class: Class::FourS(crate::FourSClass::Strategic),
            tier: Tier::Key,
        };
        assert_eq!(m.to_string(), "strategic fit +0.001 -> Key");
    }

    #[test]
    fn millman_wilson_reads_development() {
        let sum = summarize(
            &MillmanWilson::default(),
            &s(0.5, 0.5, 0.5),
            WeightShift::default(),
        );
        assert!(
            sum.explanation
                .contains("relational development 0.40 <= 0.50 < 0.60"),
            "{}",
            sum.explanation
        );
        let json = serde_json::to_string(&sum).unwrap();
        assert_eq!(serde_json::from_str::<AccountSummary>(&json).unwrap(), sum);
    }
}
