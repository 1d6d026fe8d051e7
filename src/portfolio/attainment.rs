//! Target attainment and development opportunities.

use serde::{Deserialize, Serialize};

use crate::any::Class;
use crate::portfolio::classify::Classification;
use crate::portfolio::compare::tier_index;
use crate::portfolio::text::Text;
use crate::tier::Tier;

/// Revenue against target for one account.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::Attainment;
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 90.0).with_target(120.0)])?;
/// let a = &Attainment::new(&p.score(&config)?.classify(FourS::default())).accounts[0];
/// assert_eq!(a.gap, Some(-30.0));
/// assert_relative_eq!(a.attainment.unwrap_or(0.0), 0.75);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountAttainment {
    /// The account.
    pub id: Text,
    /// Its name.
    pub name: Text,
    /// Its tier.
    pub tier: Tier,
    /// Its revenue.
    pub revenue: f64,
    /// Its target, if it has one.
    pub target: Option<f64>,
    /// `revenue / target`; `None` without a target or with a target of 0.
    pub attainment: Option<f64>,
    /// `revenue - target`; `None` without a target.
    pub gap: Option<f64>,
}

/// Revenue against target for a group of accounts (a tier, or the whole portfolio).
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::Attainment;
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 30.0).with_target(40.0),
///     AccountRecord::new("B", "Beta", 10.0), // no target: left out of the attainment
/// ])?;
/// let total = Attainment::new(&p.score(&config)?.classify(FourS::default())).total;
/// assert_eq!(total.tier, None);
/// assert_eq!((total.accounts, total.with_target), (2, 1));
/// assert_relative_eq!(total.attainment.unwrap_or(0.0), 0.75); // 30 / 40
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupAttainment {
    /// The tier, or `None` for the whole portfolio.
    pub tier: Option<Tier>,
    /// Accounts in the group.
    pub accounts: usize,
    /// Accounts with a target.
    pub with_target: usize,
    /// Revenue of the accounts with a target.
    pub revenue: f64,
    /// Sum of their targets.
    pub target: f64,
    /// `revenue / target`; `None` if no account has a positive target.
    pub attainment: Option<f64>,
}

/// Target attainment per account, per tier and in total.
///
/// Only accounts with a target count toward a group's attainment, so that an account without a
/// target neither raises nor lowers it; `with_target` says how many did.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::Attainment;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 90.0).with_target(100.0),
///     AccountRecord::new("B", "Beta", 30.0).with_target(20.0),
///     AccountRecord::new("C", "Gamma", 10.0),
/// ])?;
/// let a = Attainment::new(&p.score(&config)?.classify(keyaccount::FourS::default()));
/// assert_relative_eq!(a.accounts[0].attainment.unwrap_or(0.0), 0.9);
/// assert_eq!(a.accounts[2].attainment, None);
/// assert_relative_eq!(a.total.attainment.unwrap_or(0.0), 1.0); // 120 / 120
/// assert_eq!(a.total.with_target, 2);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attainment {
    /// Each account, in the classification's order.
    pub accounts: Vec<AccountAttainment>,
    /// Each tier, Key first.
    pub by_tier: Vec<GroupAttainment>,
    /// The whole portfolio.
    pub total: GroupAttainment,
}

fn group(tier: Option<Tier>) -> GroupAttainment {
    GroupAttainment {
        tier,
        accounts: 0,
        with_target: 0,
        revenue: 0.0,
        target: 0.0,
        attainment: None,
    }
}

fn add(g: &mut GroupAttainment, revenue: f64, target: Option<f64>) {
    g.accounts += 1;
    if let Some(t) = target {
        g.with_target += 1;
        g.revenue += revenue;
        g.target += t;
    }
}

fn finish(g: &mut GroupAttainment) {
    g.attainment = ratio(g.revenue, Some(g.target));
}

/// Revenue over target; none for a target so small (zero, or subnormal) that the ratio is not
/// a finite number.
pub(crate) fn ratio(revenue: f64, target: Option<f64>) -> Option<f64> {
    target
        .filter(|t| *t > 0.0)
        .map(|t| revenue / t)
        .filter(|a| a.is_finite())
}

impl Attainment {
    /// Target attainment of a classified portfolio.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use approx::assert_relative_eq;
    /// use keyaccount::portfolio::Attainment;
    /// use keyaccount::{FourS, Tier};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 90.0).with_target(100.0)
    ///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
    ///     AccountRecord::new("B", "Beta", 10.0).with_target(5.0)
    ///         .with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
    /// ])?;
    /// let a = Attainment::new(&p.score(&config)?.classify(FourS::default()));
    /// assert_eq!(a.by_tier.len(), 4);
    /// assert_eq!((a.by_tier[0].tier, a.by_tier[0].accounts), (Some(Tier::Key), 1));
    /// assert_relative_eq!(a.by_tier[0].attainment.unwrap_or(0.0), 0.9);
    /// assert_relative_eq!(a.by_tier[3].attainment.unwrap_or(0.0), 2.0); // Transactional: 10 / 5
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn new(classification: &Classification) -> Self {
        let mut by_tier: Vec<GroupAttainment> = Tier::ALL.iter().map(|&t| group(Some(t))).collect();
        let mut total = group(None);
        let mut accounts = Vec::with_capacity(classification.len());
        let scored = classification.scored().accounts();
        for (a, &tier) in scored.iter().zip(classification.tiers()) {
            let (revenue, target) = (a.revenue, a.target);
            if let Some(g) = by_tier.get_mut(tier_index(tier)) {
                add(g, revenue, target);
            }
            add(&mut total, revenue, target);
            accounts.push(AccountAttainment {
                id: a.id.clone(),
                name: a.name.clone(),
                tier,
                revenue,
                target,
                attainment: ratio(revenue, target),
                gap: target.map(|t| revenue - t),
            });
        }
        by_tier.iter_mut().for_each(finish);
        finish(&mut total);
        Attainment {
            accounts,
            by_tier,
            total,
        }
    }
}

/// A development opportunity: an account with headroom between its revenue and its potential.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::opportunities;
/// use keyaccount::{Class, FourS, FourSClass, Tier};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 50.0).with_potential(200.0)
///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 2.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let o = &opportunities(&c, Tier::Development)[0];
/// assert_eq!(o.class, Class::FourS(FourSClass::Star));
/// assert_eq!(o.headroom, 150.0);
/// assert_relative_eq!(o.share_of_wallet, 0.25);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    /// The account.
    pub id: Text,
    /// Its name.
    pub name: Text,
    /// Its native class.
    pub class: Class,
    /// Its revenue.
    pub revenue: f64,
    /// Its potential: total spend in the category.
    pub potential: f64,
    /// `potential - revenue`: the business still to win.
    pub headroom: f64,
    /// `revenue / potential`, the supplier's share of wallet (1 when the potential is 0).
    pub share_of_wallet: f64,
}

/// The accounts of `tier` ranked by headroom (potential minus revenue), largest first, ties by
/// id ascending. Accounts without a potential cannot be ranked and are left out; the usual call
/// is with [`Tier::Development`].
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::opportunities;
/// use keyaccount::{FourS, Tier};
///
/// // Attractive accounts with a weak position are Stars: the Development tier of 4S.
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 50.0).with_potential(80.0)
///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 2.0),
///     AccountRecord::new("B", "Beta", 40.0).with_potential(200.0)
///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 2.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let o = opportunities(&c, Tier::Development);
/// assert_eq!(o[0].id, "B");
/// assert_eq!(o[0].headroom, 160.0);
/// assert_eq!(o[1].headroom, 30.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[must_use]
pub fn opportunities(classification: &Classification, tier: Tier) -> Vec<Opportunity> {
    let mut out: Vec<Opportunity> = classification
        .scored()
        .accounts()
        .iter()
        .zip(classification.tiers())
        .zip(classification.classes())
        .filter(|((_, t), _)| **t == tier)
        .filter_map(|((a, _), &class)| {
            let potential = a.potential?;
            let revenue = a.revenue;
            Some(Opportunity {
                id: a.id.clone(),
                name: a.name.clone(),
                class,
                revenue,
                potential,
                headroom: (potential - revenue).max(0.0),
                share_of_wallet: if potential > 0.0 {
                    (revenue / potential).clamp(0.0, 1.0)
                } else {
                    1.0
                },
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.headroom
            .total_cmp(&a.headroom)
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}
