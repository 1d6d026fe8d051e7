//! Comparing models on one portfolio: cross-table, agreement, Cohen's kappa, consensus.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::any::ModelKind;
use crate::error::{Error, Result};
use crate::portfolio::classify::Classification;
use crate::portfolio::text::Text;
use crate::tier::Tier;

/// Position of a tier in [`Tier::ALL`] (Key first).
pub(crate) fn tier_index(t: Tier) -> usize {
    usize::from(t.number() - 1)
}

/// Checks that two classifications cover the same accounts.
/// Where each account of `a` is in `b`: `None` when both classify the same scored portfolio
/// (same order), otherwise one hash join.
pub(crate) fn same_accounts(a: &Classification, b: &Classification) -> Result<Option<Vec<u32>>> {
    if a.scored().same(b.scored()) {
        return Ok(None);
    }
    let mut seen = vec![false; b.len()];
    let mut at = Vec::with_capacity(a.len());
    for x in a.scored().accounts() {
        let j = b.index_of(&x.id).ok_or_else(|| Error::AccountSetsDiffer {
            account: x.id.to_string(),
        })?;
        seen[j] = true;
        at.push(j as u32);
    }
    if let Some(j) = seen.iter().position(|s| !s) {
        let id = b.account(j).map(|x| x.account.id.to_string());
        return Err(Error::AccountSetsDiffer {
            account: id.unwrap_or_default(),
        });
    }
    Ok(Some(at))
}

/// The index in `b` of account `i` of `a`, given [`same_accounts`]'s answer.
fn aligned(at: Option<&[u32]>, i: usize) -> usize {
    at.map_or(i, |at| at[i] as usize)
}

/// Two models compared on the same portfolio.
///
/// `table[i][j]` counts the accounts the first model puts in tier `Tier::ALL[i]` and the second
/// in `Tier::ALL[j]` (Key first). `agreement` is the share of accounts on the diagonal, `kappa`
/// Cohen's kappa, `(agreement - expected) / (1 - expected)` where `expected` is the agreement
/// expected by chance from the two models' tier counts. When `expected` is 1 (both models put
/// every account in the same single tier), agreement is perfect and kappa is reported as 1.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::Comparison;
/// use keyaccount::{FourS, Webster};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 9.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
///     AccountRecord::new("B", "Beta", 1.0).with_fit_rating("growth", 1.0).with_strength_rating("trust", 1.0),
/// ])?;
/// let scored = p.score(&config)?;
/// let four_s = scored.classify(FourS::default());
/// let same = Comparison::new(&four_s, &four_s)?;
/// assert_eq!(same.kappa, 1.0);
/// assert_eq!(same.agreement, 1.0);
/// let other = Comparison::new(&four_s, &scored.classify(Webster::default()))?;
/// assert_eq!(other.accounts, 2);
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// # References
///
/// - Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
///   Psychological Measurement*, 20(1), 37-46.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The first model (rows).
    pub first: ModelKind,
    /// The second model (columns).
    pub second: ModelKind,
    /// Accounts by the first model's tier (row) and the second's (column), Key first.
    pub table: [[usize; 4]; 4],
    /// Number of accounts compared.
    pub accounts: usize,
    /// Share of accounts given the same tier, in [0, 1].
    pub agreement: f64,
    /// Agreement expected by chance, in [0, 1].
    pub expected_agreement: f64,
    /// Cohen's kappa, in [-1, 1].
    pub kappa: f64,
}

impl Comparison {
    /// Compares two classifications of the same accounts.
    ///
    /// # Errors
    ///
    /// [`Error::AccountSetsDiffer`] naming an account found in only one of them.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::portfolio::Comparison;
    /// use keyaccount::{Error, FourS};
    ///
    /// let one = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let other = Portfolio::new(vec![AccountRecord::new("B", "Beta", 1.0)])?;
    /// let a = one.score(&config)?.classify(FourS::default());
    /// let b = other.score(&config)?.classify(FourS::default());
    /// assert_eq!(Comparison::new(&a, &a)?.accounts, 1);
    /// assert!(matches!(Comparison::new(&a, &b), Err(Error::AccountSetsDiffer { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(first: &Classification, second: &Classification) -> Result<Self> {
        let at = same_accounts(first, second)?;
        let mut table = [[0usize; 4]; 4];
        let tiers = second.tiers();
        for (i, a) in first.tiers().iter().enumerate() {
            let b = tiers[aligned(at.as_deref(), i)];
            table[tier_index(*a)][tier_index(b)] += 1;
        }
        let n = first.len();
        let (kappa, observed, expected) = cohen_kappa(&table);
        Ok(Comparison {
            first: first.kind(),
            second: second.kind(),
            table,
            accounts: n,
            agreement: observed,
            expected_agreement: expected,
            kappa,
        })
    }
}

/// Cohen's kappa, the observed and the chance agreement of a tier x tier cross-table (rows:
/// one model, columns: the other). Two models that agree by chance alone give 0; a table
/// whose chance agreement is 1 (every account in one tier for both) counts as kappa 1.
pub(crate) fn cohen_kappa(table: &[[usize; 4]; 4]) -> (f64, f64, f64) {
    let n: usize = table.iter().flatten().sum();
    let nf = n.max(1) as f64;
    let observed = (0..4).map(|i| table[i][i]).sum::<usize>() as f64 / nf;
    let expected: f64 = (0..4)
        .map(|i| {
            let row: usize = table[i].iter().sum();
            let col: usize = table.iter().map(|r| r[i]).sum();
            (row as f64 / nf) * (col as f64 / nf)
        })
        .sum();
    let kappa = if (1.0 - expected).abs() < 1e-12 {
        1.0
    } else {
        ((observed - expected) / (1.0 - expected)).clamp(-1.0, 1.0)
    };
    (kappa, observed, expected)
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} (rows) vs {} (columns)", self.first, self.second)?;
        super::report::write_tier_table(f, &self.table)?;
        write!(
            f,
            "agreement {:.1}% of {} accounts, Cohen's kappa {:.3}",
            100.0 * self.agreement,
            self.accounts,
            self.kappa
        )
    }
}

/// How the tiers several models give one account become one consensus tier.
///
/// | rule | consensus tier |
/// | --- | --- |
/// | `Plurality` (default) | the tier most models give; a tie goes to the lowest of the tied tiers |
/// | `LowerMedian` | the median tier, the lower of the two middle ones for an even number of models |
///
/// Both lean to the lower tier when models disagree evenly, since a Key account costs a
/// dedicated team.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ConsensusRule;
/// use keyaccount::Tier::*;
///
/// assert_eq!(ConsensusRule::Plurality.apply(&[Key, Key, Development, Transactional]), Some(Key));
/// assert_eq!(ConsensusRule::Plurality.apply(&[Key, Key, Development, Development]), Some(Development));
/// assert_eq!(ConsensusRule::LowerMedian.apply(&[Key, Key, Development, Transactional]), Some(Development));
/// assert_eq!(ConsensusRule::Plurality.apply(&[]), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsensusRule {
    /// The most frequent tier; ties to the lowest tied tier.
    #[default]
    Plurality,
    /// The lower median tier.
    LowerMedian,
}

impl ConsensusRule {
    /// The consensus of `tiers`, or `None` if there are none.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::ConsensusRule;
    /// use keyaccount::Tier::*;
    ///
    /// let votes = [Key, Maintenance, Maintenance, Transactional];
    /// assert_eq!(ConsensusRule::default().apply(&votes), Some(Maintenance));
    /// assert_eq!(ConsensusRule::LowerMedian.apply(&[Key, Development, Transactional]), Some(Development));
    /// assert_eq!(ConsensusRule::LowerMedian.apply(&[]), None);
    /// ```
    #[must_use]
    pub fn apply(self, tiers: &[Tier]) -> Option<Tier> {
        if tiers.is_empty() {
            return None;
        }
        match self {
            ConsensusRule::Plurality => {
                let mut counts = [0usize; 4];
                for &t in tiers {
                    counts[tier_index(t)] += 1;
                }
                // Scan from the lowest tier so that a tie keeps the lowest.
                let mut best: Option<(usize, Tier)> = None;
                for t in Tier::ALL.iter().rev() {
                    let c = counts[tier_index(*t)];
                    if best.map_or(true, |(bc, _)| c > bc) {
                        best = Some((c, *t));
                    }
                }
                best.map(|(_, t)| t)
            }
            ConsensusRule::LowerMedian => {
                let mut sorted = tiers.to_vec();
                sorted.sort();
                sorted.get((sorted.len() - 1) / 2).copied()
            }
        }
    }
}

/// The consensus tier of one account.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::{consensus, ConsensusRule};
/// use keyaccount::ModelKind;
///
/// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
/// let all = p.score(&config)?.classify_all();
/// let c = &consensus(&all, ConsensusRule::default())?[0];
/// let models: Vec<ModelKind> = c.votes.iter().map(|v| v.0).collect();
/// assert_eq!(models, ModelKind::ALL); // one vote per classification, in order
/// assert_eq!(c.agreeing, c.votes.iter().filter(|v| v.1 == c.tier).count());
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsensusTier {
    /// The account.
    pub id: Text,
    /// Its name.
    pub name: Text,
    /// Its revenue.
    pub revenue: f64,
    /// The consensus tier.
    pub tier: Tier,
    /// Each model's tier, in the order the classifications were given.
    pub votes: Vec<(ModelKind, Tier)>,
    /// How many models gave the consensus tier.
    pub agreeing: usize,
}

/// The consensus tier of every account over several classifications of the same accounts,
/// in the order of the first classification.
///
/// # Errors
///
/// [`Error::NoClassifications`] for an empty list; [`Error::AccountSetsDiffer`] if the
/// classifications do not cover the same accounts.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::{consensus, ConsensusRule};
/// use keyaccount::Tier;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 9.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
/// ])?;
/// let all = p.score(&config)?.classify_all();
/// let c = consensus(&all, ConsensusRule::Plurality)?;
/// assert_eq!(c[0].tier, Tier::Key);
/// assert_eq!(c[0].agreeing, 4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn consensus(
    classifications: &[Classification],
    rule: ConsensusRule,
) -> Result<Vec<ConsensusTier>> {
    let Some(first) = classifications.first() else {
        return Err(Error::NoClassifications);
    };
    let joins = classifications
        .iter()
        .map(|c| same_accounts(first, c))
        .collect::<Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(first.len());
    let mut tiers: Vec<Tier> = Vec::with_capacity(classifications.len());
    for (i, (a, own)) in first
        .scored()
        .accounts()
        .iter()
        .zip(first.tiers())
        .enumerate()
    {
        let votes: Vec<(ModelKind, Tier)> = classifications
            .iter()
            .zip(&joins)
            .map(|(c, at)| (c.kind(), c.tiers()[aligned(at.as_deref(), i)]))
            .collect();
        tiers.clear();
        tiers.extend(votes.iter().map(|v| v.1));
        let tier = rule.apply(&tiers).unwrap_or(*own);
        out.push(ConsensusTier {
            id: a.id.clone(),
            name: a.name.clone(),
            revenue: a.revenue,
            tier,
            agreeing: tiers.iter().filter(|t| **t == tier).count(),
            votes,
        });
    }
    Ok(out)
}
