//! From account records to scores, and from scores to tiers with any model.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::any::{AnyAssessment, AnyModel, ModelKind};
use crate::classifier::{Classifier, CutPoint};
use crate::error::{Error, Result};
use crate::portfolio::record::{AccountRecord, Portfolio};
use crate::portfolio::rollup::RolledUp;
use crate::portfolio::share::ShareMethod;
use crate::scorecard::Scorecard;
use crate::scores::{ScoreField, Scores};
use crate::tier::Tier;

/// How a portfolio's records become [`Scores`]: the revenue-share method and the two
/// scorecards.
///
/// Deserialization checks it like [`ScoringConfig::new`]; a missing `share` takes its default
/// ([`ShareMethod::default`]).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{ScoringConfig, ShareMethod};
/// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
///
/// let fit = Scorecard::new(
///     ScoreField::StrategicFit,
///     vec![Factor::new("growth", 1.0, RatingScale::default())],
///     MissingRating::Error,
/// )?;
/// let strength = Scorecard::new(
///     ScoreField::RelationshipStrength,
///     vec![Factor::new("trust", 1.0, RatingScale::default())],
///     MissingRating::Neutral,
/// )?;
/// let config = ScoringConfig::new(ShareMethod::PercentileRank, fit.clone(), strength.clone())?;
/// assert_eq!(config.share(), ShareMethod::PercentileRank);
///
/// // The scorecards must be for the right scores.
/// assert!(ScoringConfig::new(ShareMethod::default(), strength, fit).is_err());
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawConfig", into = "RawConfig")]
pub struct ScoringConfig {
    share: ShareMethod,
    strategic_fit: Scorecard,
    relationship_strength: Scorecard,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    share: ShareMethod,
    strategic_fit: Scorecard,
    relationship_strength: Scorecard,
}

impl TryFrom<RawConfig> for ScoringConfig {
    type Error = Error;

    fn try_from(raw: RawConfig) -> Result<Self> {
        ScoringConfig::new(raw.share, raw.strategic_fit, raw.relationship_strength)
    }
}

impl From<ScoringConfig> for RawConfig {
    fn from(c: ScoringConfig) -> Self {
        RawConfig {
            share: c.share,
            strategic_fit: c.strategic_fit,
            relationship_strength: c.relationship_strength,
        }
    }
}

impl ScoringConfig {
    /// A checked configuration.
    ///
    /// # Errors
    ///
    /// [`Error::WrongScorecard`] if `strategic_fit` does not build the strategic fit score or
    /// `relationship_strength` the relationship strength score.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// use keyaccount::Error;
    ///
    /// let fit = card(ScoreField::StrategicFit, "growth")?;
    /// let strength = card(ScoreField::RelationshipStrength, "trust")?;
    /// let config = ScoringConfig::new(ShareMethod::default(), fit.clone(), strength.clone())?;
    /// assert_eq!(config.strategic_fit(), &fit);
    ///
    /// // Swapped scorecards are refused.
    /// let swapped = ScoringConfig::new(ShareMethod::default(), strength, fit);
    /// assert!(matches!(swapped, Err(Error::WrongScorecard { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(
        share: ShareMethod,
        strategic_fit: Scorecard,
        relationship_strength: Scorecard,
    ) -> Result<Self> {
        for (expected, card) in [
            (ScoreField::StrategicFit, &strategic_fit),
            (ScoreField::RelationshipStrength, &relationship_strength),
        ] {
            card.check_builds(expected)?;
        }
        Ok(ScoringConfig {
            share,
            strategic_fit,
            relationship_strength,
        })
    }

    /// The revenue-share method.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// use keyaccount::portfolio::AbcCuts;
    ///
    /// let pareto = ShareMethod::Pareto(AbcCuts::default());
    /// let config = ScoringConfig::new(
    ///     pareto,
    ///     card(ScoreField::StrategicFit, "growth")?,
    ///     card(ScoreField::RelationshipStrength, "trust")?,
    /// )?;
    /// assert_eq!(config.share(), pareto);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn share(&self) -> ShareMethod {
        self.share
    }

    /// The strategic fit scorecard.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// let config = ScoringConfig::new(
    ///     ShareMethod::default(),
    ///     card(ScoreField::StrategicFit, "growth")?,
    ///     card(ScoreField::RelationshipStrength, "trust")?,
    /// )?;
    /// assert_eq!(config.strategic_fit().factors()[0].name, "growth");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn strategic_fit(&self) -> &Scorecard {
        &self.strategic_fit
    }

    /// The relationship strength scorecard.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// let config = ScoringConfig::new(
    ///     ShareMethod::default(),
    ///     card(ScoreField::StrategicFit, "growth")?,
    ///     card(ScoreField::RelationshipStrength, "trust")?,
    /// )?;
    /// assert_eq!(config.relationship_strength().factors()[0].name, "trust");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn relationship_strength(&self) -> &Scorecard {
        &self.relationship_strength
    }

    /// The configuration with another revenue-share method.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// let config = ScoringConfig::new(
    ///     ShareMethod::default(),
    ///     card(ScoreField::StrategicFit, "growth")?,
    ///     card(ScoreField::RelationshipStrength, "trust")?,
    /// )?
    /// .with_share(ShareMethod::PercentileRank);
    /// assert_eq!(config.share(), ShareMethod::PercentileRank);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn with_share(mut self, share: ShareMethod) -> Self {
        self.share = share;
        self
    }

    /// Checks that every rating an account gives for a scorecard's factor is on that factor's
    /// scale. Missing ratings are not checked here: the scorecard's rule for them applies when
    /// scoring.
    ///
    /// # Errors
    ///
    /// [`Error::RatingOutOfRange`] naming the first account and factor whose rating is NaN or
    /// off its scale.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Error, Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// let config = ScoringConfig::new(
    ///     ShareMethod::default(),
    ///     card(ScoreField::StrategicFit, "growth")?,
    ///     card(ScoreField::RelationshipStrength, "trust")?,
    /// )?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 11.0)])?;
    /// assert!(matches!(config.check_ratings(&p), Err(Error::RatingOutOfRange { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn check_ratings(&self, portfolio: &Portfolio) -> Result<()> {
        for r in portfolio.accounts() {
            for (card, ratings) in [
                (&self.strategic_fit, &r.strategic_fit),
                (&self.relationship_strength, &r.relationship_strength),
            ] {
                for f in card.factors() {
                    if let Some(&value) = ratings.get(&f.name) {
                        f.normalize(&r.id, value)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// One account with its scores.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 75.0).with_fit_rating("growth", 10.0),
///     AccountRecord::new("B", "Beta", 25.0).with_fit_rating("growth", 1.0),
/// ])?;
/// let scored = p.score(&config)?;
/// let a = &scored.accounts()[0];
/// assert_eq!((a.id.as_str(), a.rank), ("A", 1));
/// assert_relative_eq!(a.share, 0.75);
/// assert_relative_eq!(a.scores.strategic_fit(), 1.0); // rating 10 on the 1 to 10 scale
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredAccount {
    /// The account's id.
    pub id: String,
    /// The account's name.
    pub name: String,
    /// Its revenue.
    pub revenue: f64,
    /// Its fraction of total revenue.
    pub share: f64,
    /// Its rank by revenue (1 for the largest; ties by id ascending).
    pub rank: usize,
    /// Its potential, if known.
    pub potential: Option<f64>,
    /// Its revenue target, if known.
    pub target: Option<f64>,
    /// The three scores.
    pub scores: Scores,
}

/// A portfolio turned into scores, one entry per account, ranked by revenue descending, then
/// id ascending.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
///
/// let card = |s, f: &str| {
///     Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error)
/// };
/// let config = ScoringConfig::new(
///     ShareMethod::PercentileRank,
///     card(ScoreField::StrategicFit, "growth")?,
///     card(ScoreField::RelationshipStrength, "trust")?,
/// )?;
/// let p = Portfolio::new(vec![
///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 1.0).with_strength_rating("trust", 10.0),
///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 1.0),
/// ])?;
/// let scored = p.score(&config)?;
/// assert_eq!(scored.accounts()[0].id, "A");
/// assert_eq!(scored.accounts()[0].scores.to_array(), [1.0, 1.0, 0.0]);
/// assert_eq!(scored.accounts()[1].scores.to_array(), [0.0, 0.0, 1.0]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredPortfolio {
    share: ShareMethod,
    accounts: Vec<ScoredAccount>,
}

impl Portfolio {
    /// Scores every account with `config` (no roll-up: see [`RolledUp::score`]).
    ///
    /// # Errors
    ///
    /// [`Error::RatingOutOfRange`] for a rating off its scale; [`Error::MissingRating`] for a
    /// missing rating the scorecard does not allow; [`Error::ZeroTotalRevenue`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::Error;
    ///
    /// let rated = AccountRecord::new("A", "Alpha", 10.0)
    ///     .with_fit_rating("growth", 10.0)
    ///     .with_strength_rating("trust", 1.0);
    /// let scored = Portfolio::new(vec![rated.clone()])?.score(&config)?;
    /// assert_eq!(scored.accounts()[0].scores.to_array(), [1.0, 1.0, 0.0]);
    ///
    /// // These scorecards refuse a missing rating.
    /// let unrated = AccountRecord::new("B", "Beta", 5.0).with_fit_rating("growth", 5.0);
    /// let scored = Portfolio::new(vec![rated, unrated])?.score(&config);
    /// assert!(matches!(scored, Err(Error::MissingRating { account, .. }) if account == "B"));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn score(&self, config: &ScoringConfig) -> Result<ScoredPortfolio> {
        config.check_ratings(self)?;
        let shares = config.share.shares(self)?;
        let records: BTreeMap<&str, &AccountRecord> =
            self.accounts().iter().map(|r| (r.id.as_str(), r)).collect();
        let mut accounts = Vec::with_capacity(shares.len());
        for s in shares {
            let r = *records
                .get(s.id.as_str())
                .ok_or_else(|| Error::AccountSetsDiffer {
                    account: s.id.clone(),
                })?;
            let fit = config
                .strategic_fit
                .score(&r.id, |f| r.strategic_fit.get(f).copied())?;
            let strength = config
                .relationship_strength
                .score(&r.id, |f| r.relationship_strength.get(f).copied())?;
            accounts.push(ScoredAccount {
                id: r.id.clone(),
                name: r.name.clone(),
                revenue: r.revenue,
                share: s.share,
                rank: s.rank,
                potential: r.potential,
                target: r.target,
                scores: Scores::new(s.score, fit, strength)?,
            });
        }
        Ok(ScoredPortfolio {
            share: config.share,
            accounts,
        })
    }
}

impl RolledUp {
    /// Scores the groups with `config`. Ratings are first checked on the accounts as given, so
    /// that an error names the location or subsidiary whose rating is off its scale.
    ///
    /// # Errors
    ///
    /// As [`Portfolio::score`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let card = |s, f: &str| {
    ///     Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral)
    /// };
    /// let config = ScoringConfig::new(
    ///     ShareMethod::PercentileRank,
    ///     card(ScoreField::StrategicFit, "growth")?,
    ///     card(ScoreField::RelationshipStrength, "trust")?,
    /// )?;
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("G", "Group", 10.0),
    ///     AccountRecord::new("L", "Location", 10.0).with_parent("G"),
    ///     AccountRecord::new("X", "Other", 15.0),
    /// ])?;
    /// let scored = p.roll_up()?.score(&config)?;
    /// assert_eq!(scored.accounts()[0].id, "G");
    /// assert_eq!(scored.accounts()[0].revenue, 20.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn score(&self, config: &ScoringConfig) -> Result<ScoredPortfolio> {
        config.check_ratings(self.source())?;
        self.portfolio().score(config)
    }
}

impl ScoredPortfolio {
    /// The scored accounts, ranked by revenue descending, then id ascending.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 10.0),
    ///     AccountRecord::new("B", "Beta", 20.0),
    ///     AccountRecord::new("C", "Gamma", 10.0),
    /// ])?;
    /// let scored = p.score(&config)?;
    /// let ids: Vec<&str> = scored.accounts().iter().map(|a| a.id.as_str()).collect();
    /// assert_eq!(ids, ["B", "A", "C"]); // equal revenues by id
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn accounts(&self) -> &[ScoredAccount] {
        &self.accounts
    }

    /// The revenue-share method that made the revenue-share scores.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.score(&config)?.share_method(), ShareMethod::PercentileRank);
    /// let reference = config.with_share(ShareMethod::default());
    /// assert_eq!(p.score(&reference)?.share_method(), ShareMethod::default());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub const fn share_method(&self) -> ShareMethod {
        self.share
    }

    /// The scored account with id `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 10.0),
    ///     AccountRecord::new("B", "Beta", 30.0),
    /// ])?;
    /// let scored = p.score(&config)?;
    /// assert_eq!(scored.get("A").map(|a| a.rank), Some(2));
    /// assert!(scored.get("Z").is_none());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&ScoredAccount> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// Classifies every account with `model` (any model, or an [`AnyModel`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{FourS, Tier};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
    ///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
    /// ])?;
    /// let c = p.score(&config)?.classify(FourS::default());
    /// assert_eq!(c.tier_of("A"), Some(Tier::Key));
    /// assert_eq!(c.tier_of("B"), Some(Tier::Transactional));
    /// assert_eq!(c.count(Tier::Key), 1);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn classify(&self, model: impl Into<AnyModel>) -> Classification {
        let model = model.into();
        let accounts = self
            .accounts
            .iter()
            .map(|a| ClassifiedAccount {
                assessment: model.classify(&a.scores),
                account: a.clone(),
            })
            .collect();
        Classification {
            cut_points: model.cut_points(),
            model,
            accounts,
        }
    }

    /// Classifies every account with each of the four models at their defaults, in the order
    /// of [`ModelKind::ALL`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
    /// ])?;
    /// let all = p.score(&config)?.classify_all();
    /// assert_eq!(all.len(), 4);
    /// assert!(all.iter().all(|c| c.tier_of("A") == Some(keyaccount::Tier::Key)));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn classify_all(&self) -> Vec<Classification> {
        AnyModel::all()
            .into_iter()
            .map(|m| self.classify(m))
            .collect()
    }
}

/// One account with its scores and its assessment by one model.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::{Class, FourS, FourSClass, Tier};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let a = &c.accounts()[0];
/// assert_eq!(a.account.id, "A");
/// assert_eq!(a.assessment.class, Class::FourS(FourSClass::Strategic));
/// assert_eq!(a.assessment.tier, Tier::Key);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifiedAccount {
    /// The account and its scores.
    pub account: ScoredAccount,
    /// The model's assessment: native class, tier, position, margin.
    pub assessment: AnyAssessment,
}

/// A whole portfolio classified by one model, with the model and the thresholds it applied.
/// Accounts keep the order of the [`ScoredPortfolio`] (revenue descending, then id ascending).
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::{FourS, ModelKind};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// assert_eq!(c.model().kind(), ModelKind::FourS);
/// assert_eq!(c.cut_points().len(), 2);
/// assert_eq!(c.accounts()[0].account.id, "A");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    model: AnyModel,
    cut_points: Vec<CutPoint>,
    accounts: Vec<ClassifiedAccount>,
}

impl Classification {
    /// The model, with its settings.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{AnyModel, Webster};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let c = p.score(&config)?.classify(Webster::default());
    /// assert_eq!(c.model(), &AnyModel::Webster(Webster::default()));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn model(&self) -> &AnyModel {
        &self.model
    }

    /// Which model.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{Bensaou, ModelKind};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.score(&config)?.classify(Bensaou::default()).kind(), ModelKind::Bensaou);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ModelKind {
        self.model.kind()
    }

    /// The thresholds the model applied.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{Axis, CutPoint, FourS};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let c = p.score(&config)?.classify(FourS::default());
    /// assert_eq!(c.cut_points()[0], CutPoint { axis: Axis::Attractiveness, value: 0.5 });
    /// assert_eq!(c.cut_points()[1].axis, Axis::RelativeStrength);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn cut_points(&self) -> &[CutPoint] {
        &self.cut_points
    }

    /// The classified accounts.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{FourS, Tier};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
    ///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
    /// ])?;
    /// let c = p.score(&config)?.classify(FourS::default());
    /// let tiers: Vec<(&str, Tier)> =
    ///     c.accounts().iter().map(|a| (a.account.id.as_str(), a.assessment.tier)).collect();
    /// assert_eq!(tiers, [("A", Tier::Key), ("B", Tier::Transactional)]); // largest first
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn accounts(&self) -> &[ClassifiedAccount] {
        &self.accounts
    }

    /// The classified account with id `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{Class, FourS, FourSClass};
    ///
    /// # let p = Portfolio::new(vec![
    /// #     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
    /// #     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
    /// # ])?;
    /// // `p`: A, large and rated high; B, small and rated low.
    /// let c = p.score(&config)?.classify(FourS::default());
    /// let b = c.get("B").map(|b| b.assessment.class);
    /// assert_eq!(b, Some(Class::FourS(FourSClass::Streamline)));
    /// assert!(c.get("Z").is_none());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&ClassifiedAccount> {
        self.accounts.iter().find(|a| a.account.id == id)
    }

    /// The tier of account `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{FourS, Tier};
    ///
    /// # let p = Portfolio::new(vec![
    /// #     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
    /// #     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
    /// # ])?;
    /// // `p`: A, large and rated high; B, small and rated low.
    /// let c = p.score(&config)?.classify(FourS::default());
    /// assert_eq!(c.tier_of("A"), Some(Tier::Key));
    /// assert_eq!(c.tier_of("Z"), None);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn tier_of(&self, id: &str) -> Option<Tier> {
        self.get(id).map(|a| a.assessment.tier)
    }

    /// The accounts by id, for reports that look many of them up.
    pub(crate) fn by_id(&self) -> BTreeMap<&str, &ClassifiedAccount> {
        self.accounts
            .iter()
            .map(|a| (a.account.id.as_str(), a))
            .collect()
    }

    /// How many accounts are in `tier`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{FourS, Tier};
    ///
    /// # let p = Portfolio::new(vec![
    /// #     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
    /// #     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
    /// # ])?;
    /// // `p`: A, large and rated high; B, small and rated low.
    /// let c = p.score(&config)?.classify(FourS::default());
    /// assert_eq!(c.count(Tier::Transactional), 1);
    /// assert_eq!(c.count(Tier::Development), 0);
    /// assert_eq!(Tier::ALL.iter().map(|&t| c.count(t)).sum::<usize>(), c.accounts().len());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn count(&self, tier: Tier) -> usize {
        self.accounts
            .iter()
            .filter(|a| a.assessment.tier == tier)
            .count()
    }

    /// The portfolio's total revenue.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use approx::assert_relative_eq;
    /// use keyaccount::FourS;
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 90.0),
    ///     AccountRecord::new("B", "Beta", 10.5),
    /// ])?;
    /// assert_relative_eq!(p.score(&config)?.classify(FourS::default()).total_revenue(), 100.5);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn total_revenue(&self) -> f64 {
        self.accounts.iter().map(|a| a.account.revenue).sum()
    }
}
