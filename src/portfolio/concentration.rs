//! Revenue concentration: tier shares, top-N shares, ABC classes, the Pareto curve and the
//! Herfindahl-Hirschman index.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::portfolio::classify::Classification;
use crate::portfolio::compare::tier_index;
use crate::portfolio::share::{by_revenue_then_id, tie_groups, AbcClass, AbcCuts};
use crate::portfolio::text::Text;
use crate::tier::Tier;

/// Settings of a concentration analysis.
///
/// | setting | default |
/// | --- | --- |
/// | `top_n` | `[1, 5, 10, 20]` |
/// | `abc` | [`AbcCuts::default`] (80% / 95%) |
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ConcentrationOptions;
///
/// let o = ConcentrationOptions::default();
/// assert_eq!(o.top_n, [1, 5, 10, 20]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConcentrationOptions {
    /// The N of each "top N accounts" share.
    pub top_n: Vec<usize>,
    /// The ABC cut points.
    pub abc: AbcCuts,
}

impl Default for ConcentrationOptions {
    fn default() -> Self {
        ConcentrationOptions {
            top_n: vec![1, 5, 10, 20],
            abc: AbcCuts::default(),
        }
    }
}

/// Accounts and revenue of one segment (a tier or an ABC class).
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::{AbcClass, Concentration, ConcentrationOptions};
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 60.0),
///     AccountRecord::new("B", "Beta", 30.0),
///     AccountRecord::new("C", "Gamma", 10.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let k = Concentration::new(&c, &ConcentrationOptions::default());
/// let a = &k.abc[0];
/// assert_eq!((a.segment, a.accounts), (AbcClass::A, 2));
/// assert_relative_eq!(a.share, 0.9);
/// assert_eq!(k.by_tier.iter().map(|s| s.accounts).sum::<usize>(), 3);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SegmentShare<S> {
    /// The segment.
    pub segment: S,
    /// Number of accounts in it.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of total revenue.
    pub share: f64,
}

/// The revenue of the N largest accounts.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::{Concentration, ConcentrationOptions};
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 60.0),
///     AccountRecord::new("B", "Beta", 30.0),
///     AccountRecord::new("C", "Gamma", 10.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let k = Concentration::new(&c, &ConcentrationOptions { top_n: vec![1, 10], ..Default::default() });
/// assert_relative_eq!(k.top[0].share, 0.6);
/// assert_eq!(k.top[1].n, 10); // more than there are accounts: all of them
/// assert_relative_eq!(k.top[1].share, 1.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TopShare {
    /// N as asked (accounts counted: at most the portfolio's size).
    pub n: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of total revenue.
    pub share: f64,
}

/// One point of the Pareto (Lorenz-style) curve, ready to plot.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::{Concentration, ConcentrationOptions};
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 60.0),
///     AccountRecord::new("B", "Beta", 30.0),
///     AccountRecord::new("C", "Gamma", 10.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let curve = Concentration::new(&c, &ConcentrationOptions::default()).pareto_curve;
/// assert_eq!((curve[0].accounts, curve[0].revenue), (0.0, 0.0));
/// assert_relative_eq!(curve[1].accounts, 1.0 / 3.0); // the largest third of the accounts
/// assert_relative_eq!(curve[1].revenue, 0.6); // holds 60% of revenue
/// assert_relative_eq!(curve[3].revenue, 1.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParetoPoint {
    /// Share of accounts, largest first, in [0, 1].
    pub accounts: f64,
    /// Cumulative share of revenue, in [0, 1].
    pub revenue: f64,
}

/// How concentrated a classified portfolio's revenue is.
///
/// - `by_tier`: accounts, revenue and share of each tier (Key first).
/// - `top`: the revenue share of the N largest accounts.
/// - `abc`: the ABC classes (see [`AbcCuts`] for the rule), and `abc_of` the class of each
///   account, largest first.
/// - `pareto_curve`: `(0, 0)` then one point per account, largest first (ties by id).
/// - `hhi`: the Herfindahl-Hirschman index, the sum of squared revenue shares, from `1 / n`
///   (equal accounts) to 1 (one account holds everything); `equivalent_accounts = 1 / hhi`
///   is the number of equal accounts with the same concentration. Antitrust practice quotes the
///   index times 10,000 ([`Concentration::hhi_points`]).
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::{AbcClass, Concentration, ConcentrationOptions};
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 60.0),
///     AccountRecord::new("B", "Beta", 30.0),
///     AccountRecord::new("C", "Gamma", 10.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let k = Concentration::new(&c, &ConcentrationOptions { top_n: vec![2], ..Default::default() });
/// assert_relative_eq!(k.hhi, 0.36 + 0.09 + 0.01);
/// assert_relative_eq!(k.top[0].share, 0.9);
/// assert_eq!(k.abc_of, [
///     ("A".into(), AbcClass::A),
///     ("B".into(), AbcClass::A), // larger accounts hold 60% < 80%
///     ("C".into(), AbcClass::B), // larger accounts hold 90%
/// ]);
/// assert_eq!(k.pareto_curve.len(), 4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// # References
///
/// - Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*. Berkeley:
///   University of California Press.
/// - Herfindahl, O. C. (1950). *Concentration in the Steel Industry*. PhD thesis, Columbia
///   University.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concentration {
    /// Total revenue.
    pub total_revenue: f64,
    /// Number of accounts.
    pub accounts: usize,
    /// Revenue by tier, Key first.
    pub by_tier: Vec<SegmentShare<Tier>>,
    /// Revenue of the top N accounts, for each N asked.
    pub top: Vec<TopShare>,
    /// The ABC cut points applied.
    pub abc_cuts: AbcCuts,
    /// Revenue by ABC class, A first.
    pub abc: Vec<SegmentShare<AbcClass>>,
    /// The ABC class of each account, largest first.
    pub abc_of: Vec<(Text, AbcClass)>,
    /// The Pareto curve.
    pub pareto_curve: Vec<ParetoPoint>,
    /// The Herfindahl-Hirschman index, in (0, 1].
    pub hhi: f64,
    /// `1 / hhi`: the number of equal accounts with the same concentration.
    pub equivalent_accounts: f64,
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

impl Concentration {
    /// The concentration of a classified portfolio.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use approx::assert_relative_eq;
    /// use keyaccount::portfolio::{Concentration, ConcentrationOptions};
    /// use keyaccount::FourS;
    ///
    /// // Four equal accounts: the least concentrated portfolio of four.
    /// let equal = (0..4).map(|i| AccountRecord::new(format!("A{i}"), "Equal", 25.0));
    /// let p = Portfolio::new(equal.collect())?;
    /// let c = p.score(&config)?.classify(FourS::default());
    /// let k = Concentration::new(&c, &ConcentrationOptions::default());
    /// assert_relative_eq!(k.hhi, 0.25);
    /// assert_relative_eq!(k.equivalent_accounts, 4.0);
    /// assert_relative_eq!(k.total_revenue, 100.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn new(classification: &Classification, options: &ConcentrationOptions) -> Self {
        let mut ranked: Vec<(&Text, f64, Tier)> = classification
            .scored()
            .accounts()
            .iter()
            .zip(classification.tiers())
            .map(|(a, &t)| (&a.id, a.revenue, t))
            .collect();
        // A classification is already in this order; only a hand-made one needs the sort.
        let in_order = ranked
            .windows(2)
            .all(|w| by_revenue_then_id((w[0].0, w[0].1), (w[1].0, w[1].1)).is_le());
        if !in_order {
            ranked.sort_by(|a, b| by_revenue_then_id((a.0, a.1), (b.0, b.1)));
        }
        let total: f64 = ranked.iter().map(|a| a.1).sum();
        let n = ranked.len();

        let mut by_tier: Vec<SegmentShare<Tier>> = Tier::ALL
            .iter()
            .map(|&t| SegmentShare {
                segment: t,
                accounts: 0,
                revenue: 0.0,
                share: 0.0,
            })
            .collect();
        for a in &ranked {
            if let Some(s) = by_tier.get_mut(tier_index(a.2)) {
                s.accounts += 1;
                s.revenue += a.1;
            }
        }
        for s in &mut by_tier {
            s.share = ratio(s.revenue, total);
        }

        let top = options
            .top_n
            .iter()
            .map(|&k| {
                let revenue: f64 = ranked.iter().take(k).map(|a| a.1).sum();
                TopShare {
                    n: k,
                    revenue,
                    share: ratio(revenue, total),
                }
            })
            .collect();

        // Equal revenues share the cumulative share of the larger accounts.
        let mut abc_of = Vec::with_capacity(n);
        let mut abc: Vec<SegmentShare<AbcClass>> = AbcClass::ALL
            .iter()
            .map(|&c| SegmentShare {
                segment: c,
                accounts: 0,
                revenue: 0.0,
                share: 0.0,
            })
            .collect();
        for g in tie_groups(ranked.iter().map(|a| a.1)) {
            let class = if g.revenue <= 0.0 {
                AbcClass::C
            } else {
                options.abc.class(ratio(g.larger, total))
            };
            for a in &ranked[g.start..g.start + g.len] {
                abc_of.push((a.0.clone(), class));
                if let Some(s) = abc.get_mut(class as usize) {
                    s.accounts += 1;
                    s.revenue += a.1;
                }
            }
        }
        let mut running = 0.0;
        let mut pareto_curve = Vec::with_capacity(n + 1);
        pareto_curve.push(ParetoPoint {
            accounts: 0.0,
            revenue: 0.0,
        });
        for (i, a) in ranked.iter().enumerate() {
            running += a.1;
            pareto_curve.push(ParetoPoint {
                accounts: (i + 1) as f64 / n as f64,
                revenue: ratio(running, total),
            });
        }
        for s in &mut abc {
            s.share = ratio(s.revenue, total);
        }

        let hhi: f64 = ranked.iter().map(|a| ratio(a.1, total).powi(2)).sum();
        Concentration {
            total_revenue: total,
            accounts: n,
            by_tier,
            top,
            abc_cuts: options.abc,
            abc,
            abc_of,
            pareto_curve,
            hhi,
            equivalent_accounts: if hhi > 0.0 { 1.0 / hhi } else { 0.0 },
        }
    }

    /// The Herfindahl-Hirschman index on the antitrust scale, 0 to 10,000.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::portfolio::{Concentration, ConcentrationOptions};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 50.0),
    ///     AccountRecord::new("B", "Beta", 50.0),
    /// ])?;
    /// let c = p.score(&config)?.classify(keyaccount::FourS::default());
    /// approx::assert_relative_eq!(Concentration::new(&c, &ConcentrationOptions::default()).hhi_points(), 5000.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn hhi_points(&self) -> f64 {
        self.hhi * 10_000.0
    }
}

impl fmt::Display for Concentration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<15}{:>10}{:>16}{:>10}",
            "segment", "accounts", "revenue", "share"
        )?;
        for s in &self.by_tier {
            writeln!(
                f,
                "{:<15}{:>10}{:>16.0}{:>9.1}%",
                s.segment.label(),
                s.accounts,
                s.revenue,
                100.0 * s.share
            )?;
        }
        for s in &self.abc {
            writeln!(
                f,
                "{:<15}{:>10}{:>16.0}{:>9.1}%",
                format!("class {}", s.segment),
                s.accounts,
                s.revenue,
                100.0 * s.share
            )?;
        }
        for t in &self.top {
            writeln!(
                f,
                "{:<15}{:>10}{:>16.0}{:>9.1}%",
                format!("top {}", t.n),
                t.n.min(self.accounts),
                t.revenue,
                100.0 * t.share
            )?;
        }
        write!(
            f,
            "Herfindahl-Hirschman index {:.0} (as concentrated as {:.1} equal accounts)",
            self.hhi_points(),
            self.equivalent_accounts
        )
    }
}
