//! Revenue-share scores across a portfolio, and the Pareto / ABC classes.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::record::{Account, Portfolio};
use crate::portfolio::text::Text;
use crate::scores::RevenueShareScale;

/// The cut points of the Pareto / ABC analysis, as cumulative shares of revenue.
///
/// Accounts are ranked by revenue; class A holds the largest accounts that make up the first
/// `a` of revenue, B the next ones up to `b`, C the rest. The default is the classic 80 / 15 / 5
/// split: `a = 0.8`, `b = 0.95`.
///
/// The rule at a boundary: an account is in A when the revenue of all larger accounts is
/// below `a` (so the account that crosses 80% is still an A account, and the largest account is
/// always A), in B when it is below `b`, otherwise in C. Accounts with equal revenue share the
/// cumulative share of the larger accounts, so ties always get the same class. Zero-revenue
/// accounts are C.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AbcClass, AbcCuts};
///
/// let cuts = AbcCuts::default();
/// assert_eq!((cuts.a(), cuts.b()), (0.8, 0.95));
/// assert_eq!(cuts.class(0.5), AbcClass::A);
/// assert_eq!(cuts.class(0.8), AbcClass::B);
/// assert!(AbcCuts::new(0.9, 0.8).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCuts", into = "RawCuts")]
pub struct AbcCuts {
    a: f64,
    b: f64,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCuts {
    a: f64,
    b: f64,
}

impl TryFrom<RawCuts> for AbcCuts {
    type Error = Error;

    fn try_from(raw: RawCuts) -> Result<Self> {
        AbcCuts::new(raw.a, raw.b)
    }
}

impl From<AbcCuts> for RawCuts {
    fn from(c: AbcCuts) -> Self {
        RawCuts { a: c.a, b: c.b }
    }
}

impl Default for AbcCuts {
    fn default() -> Self {
        AbcCuts { a: 0.8, b: 0.95 }
    }
}

impl AbcCuts {
    /// Checked cut points.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAbcCuts`] unless `0 < a < b <= 1`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(keyaccount::portfolio::AbcCuts::new(0.7, 0.9).is_ok());
    /// assert!(keyaccount::portfolio::AbcCuts::new(0.0, 0.9).is_err());
    /// ```
    pub fn new(a: f64, b: f64) -> Result<Self> {
        if a > 0.0 && a < b && b <= 1.0 {
            Ok(AbcCuts { a, b })
        } else {
            Err(Error::InvalidAbcCuts { a, b })
        }
    }

    /// The cumulative share that ends class A.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::portfolio::AbcCuts::default().a(), 0.8);
    /// ```
    #[must_use]
    pub const fn a(&self) -> f64 {
        self.a
    }

    /// The cumulative share that ends class B.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::portfolio::AbcCuts::default().b(), 0.95);
    /// ```
    #[must_use]
    pub const fn b(&self) -> f64 {
        self.b
    }

    /// The class of an account whose larger accounts hold `cumulative_before` of revenue.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AbcClass, AbcCuts};
    ///
    /// assert_eq!(AbcCuts::default().class(0.94), AbcClass::B);
    /// assert_eq!(AbcCuts::default().class(0.95), AbcClass::C);
    /// ```
    #[must_use]
    pub fn class(&self, cumulative_before: f64) -> AbcClass {
        if cumulative_before < self.a {
            AbcClass::A
        } else if cumulative_before < self.b {
            AbcClass::B
        } else {
            AbcClass::C
        }
    }

    /// The Pareto position score of an account whose larger accounts hold `cumulative_before`
    /// of revenue: piecewise linear, from 1 down to 2/3 across class A, 2/3 to 1/3 across B and
    /// 1/3 to 0 across C, so that every A account scores above every B account.
    fn score(&self, cumulative_before: f64) -> f64 {
        let c = cumulative_before.clamp(0.0, 1.0);
        let third = 1.0 / 3.0;
        let v = if c < self.a {
            1.0 - third * c / self.a
        } else if c < self.b {
            2.0 * third - third * (c - self.a) / (self.b - self.a)
        } else if self.b < 1.0 {
            third - third * (c - self.b) / (1.0 - self.b)
        } else {
            0.0
        };
        v.clamp(0.0, 1.0)
    }
}

/// A class of the Pareto / ABC analysis.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::AbcClass;
///
/// assert_eq!(AbcClass::A.to_string(), "A");
/// assert_eq!(AbcClass::ALL.len(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AbcClass {
    /// The largest accounts, making the first 80% of revenue by default.
    A,
    /// The next accounts, up to 95% by default.
    B,
    /// The rest.
    C,
}

impl AbcClass {
    /// The three classes, A first.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::AbcClass;
    ///
    /// let names: String = AbcClass::ALL.iter().map(ToString::to_string).collect();
    /// assert_eq!(names, "ABC");
    /// assert!(AbcClass::ALL.windows(2).all(|w| w[0] < w[1])); // in ascending order
    /// ```
    pub const ALL: [AbcClass; 3] = [AbcClass::A, AbcClass::B, AbcClass::C];
}

impl fmt::Display for AbcClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        })
    }
}

/// How revenues become revenue-share scores across a portfolio.
///
/// | method | score of an account | zero revenue |
/// | --- | --- | --- |
/// | `Reference(scale)` (default, with the default logarithmic scale) | `scale.score(revenue / total)` | 0 |
/// | `PercentileRank` | mid-rank: `(accounts with less revenue + (accounts with equal revenue - 1) / 2) / (n - 1)`; 1 for a single account | 0 |
/// | `Pareto(cuts)` | piecewise linear in the revenue share of the larger accounts: 1 to 2/3 across class A, 2/3 to 1/3 across B, 1/3 to 0 across C | 0 |
///
/// Every method gives equal revenues equal scores, so the order of the records never matters.
///
/// # Examples
///
/// ```
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::{AccountRecord, Portfolio, ShareMethod};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 60.0),
///     AccountRecord::new("B", "Beta", 30.0),
///     AccountRecord::new("C", "Gamma", 10.0),
/// ])?;
/// let shares = ShareMethod::PercentileRank.shares(&p)?;
/// assert_eq!(shares[0].id, "A");
/// assert_relative_eq!(shares[0].score, 1.0);
/// assert_relative_eq!(shares[1].score, 0.5);
/// assert_relative_eq!(shares[2].share, 0.1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", content = "parameters", rename_all = "snake_case")]
pub enum ShareMethod {
    /// The share of total revenue on a saturating scale relative to a reference share.
    Reference(RevenueShareScale),
    /// The account's percentile rank by revenue in the portfolio.
    PercentileRank,
    /// The account's Pareto / ABC position.
    Pareto(AbcCuts),
}

impl Default for ShareMethod {
    fn default() -> Self {
        ShareMethod::Reference(RevenueShareScale::default())
    }
}

/// The revenue share and score of one account.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Portfolio, ShareMethod};
///
/// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 5.0)])?;
/// let s = &ShareMethod::default().shares(&p)?[0];
/// assert_eq!((s.rank, s.share, s.cumulative_before), (1, 1.0, 0.0));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevenueShare {
    /// The account.
    pub id: Text,
    /// Its revenue.
    pub revenue: f64,
    /// Its fraction of total revenue.
    pub share: f64,
    /// The fraction of total revenue held by accounts with strictly more revenue.
    pub cumulative_before: f64,
    /// Its rank by revenue, 1 for the largest (revenue descending, then id ascending).
    pub rank: usize,
    /// The revenue-share score in [0, 1].
    pub score: f64,
}

/// Orders accounts by revenue descending, then id ascending: the crate's tie-breaking rule.
pub(crate) fn by_revenue_then_id(a: (&str, f64), b: (&str, f64)) -> Ordering {
    b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0))
}

impl ShareMethod {
    /// The revenue share and score of every account, ranked by revenue descending, then id
    /// ascending.
    ///
    /// # Errors
    ///
    /// [`Error::ZeroTotalRevenue`] if every account has zero revenue. (Empty portfolios,
    /// negative revenues and duplicate ids cannot reach here: [`Portfolio::new`] rejects them.)
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::{AccountRecord, Portfolio, ShareMethod}, Error};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 0.0)])?;
    /// assert!(matches!(ShareMethod::default().shares(&p), Err(Error::ZeroTotalRevenue)));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn shares(&self, portfolio: &Portfolio) -> Result<Vec<RevenueShare>> {
        let accounts = portfolio.accounts();
        Ok(self
            .ranked(accounts)?
            .into_iter()
            .map(|r| {
                let a = &accounts[r.index as usize];
                RevenueShare {
                    id: a.id.clone(),
                    revenue: a.revenue,
                    share: r.share,
                    cumulative_before: r.cumulative_before,
                    rank: r.rank,
                    score: r.score,
                }
            })
            .collect())
    }

    /// The accounts ranked (revenue descending, then id ascending) with their shares and
    /// scores, by index: no id is copied.
    pub(crate) fn ranked(&self, accounts: &[Account]) -> Result<Vec<Ranked>> {
        // Revenues beside the indexes, so that the sort reads ids only to break ties.
        let mut keyed: Vec<(f64, u32)> = accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.revenue, i as u32))
            .collect();
        keyed.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| accounts[a.1 as usize].id.cmp(&accounts[b.1 as usize].id))
        });
        let order: Vec<u32> = keyed.iter().map(|k| k.1).collect();
        let total: f64 = keyed.iter().map(|k| k.0).sum();
        if total <= 0.0 {
            return Err(Error::ZeroTotalRevenue);
        }
        let n = order.len();
        let mut out = Vec::with_capacity(n);
        for g in tie_groups(keyed.iter().map(|k| k.0)) {
            let below = n - g.start - g.len;
            let cumulative_before = (g.larger / total).clamp(0.0, 1.0);
            let share = (g.revenue / total).clamp(0.0, 1.0);
            let score = if g.revenue <= 0.0 {
                0.0
            } else {
                match self {
                    ShareMethod::Reference(scale) => scale.score(share)?,
                    ShareMethod::PercentileRank => {
                        if n == 1 {
                            1.0
                        } else {
                            (below as f64 + (g.len - 1) as f64 / 2.0) / (n - 1) as f64
                        }
                    }
                    ShareMethod::Pareto(cuts) => cuts.score(cumulative_before),
                }
            };
            for (k, &index) in order[g.start..g.start + g.len].iter().enumerate() {
                out.push(Ranked {
                    index,
                    share,
                    cumulative_before,
                    rank: g.start + k + 1,
                    score: score.clamp(0.0, 1.0),
                });
            }
        }
        Ok(out)
    }
}

/// One account's place in the ranking, by its index in the portfolio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ranked {
    pub index: u32,
    pub share: f64,
    pub cumulative_before: f64,
    pub rank: usize,
    pub score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TieGroup {
    /// Index of the run's first account in the ranking.
    pub start: usize,
    /// Number of accounts in the run.
    pub len: usize,
    /// Their revenue, each.
    pub revenue: f64,
    /// Revenue of all accounts strictly larger.
    pub larger: f64,
}

/// The runs of equal revenue in ranked revenues.
pub(crate) fn tie_groups(ranked: impl IntoIterator<Item = f64>) -> Vec<TieGroup> {
    let mut groups: Vec<TieGroup> = Vec::new();
    for (i, revenue) in ranked.into_iter().enumerate() {
        match groups.last_mut() {
            Some(g) if g.revenue == revenue => g.len += 1,
            last => {
                let larger = last.map_or(0.0, |g| g.larger + g.revenue * g.len as f64);
                groups.push(TieGroup {
                    start: i,
                    len: 1,
                    revenue,
                    larger,
                });
            }
        }
    }
    groups
}
