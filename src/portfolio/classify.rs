//! From account records to scores, and from scores to tiers with any model.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::any::{AnyAssessment, AnyModel, Class, ModelKind};
use crate::classifier::{Classifier, CutPoint};
use crate::error::{Error, Result};
use crate::portfolio::record::{Portfolio, RatingColumn};
use crate::portfolio::rollup::RolledUp;
use crate::portfolio::share::ShareMethod;
use crate::portfolio::text::Text;
use crate::scorecard::{MissingRating, Scorecard};
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
        let columns = [
            self.columns(&self.strategic_fit, portfolio),
            self.columns(&self.relationship_strength, portfolio),
        ];
        for (i, a) in portfolio.accounts().iter().enumerate() {
            for (card, columns) in [
                (&self.strategic_fit, &columns[0]),
                (&self.relationship_strength, &columns[1]),
            ] {
                for (f, column) in card.factors().iter().zip(columns) {
                    if let Some(value) = column.and_then(|c| c.get(i)) {
                        if f.scale.normalize(value).is_none() {
                            f.normalize(&a.id, value)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The portfolio's rating column of each of `card`'s factors, resolved once.
    fn columns<'p>(
        &self,
        card: &Scorecard,
        portfolio: &'p Portfolio,
    ) -> Vec<Option<&'p RatingColumn>> {
        card.factors()
            .iter()
            .map(|f| portfolio.rating_column(card.score_field(), &f.name))
            .collect()
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
    pub id: Text,
    /// The account's name.
    pub name: Text,
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
#[derive(Clone, Serialize, Deserialize)]
#[serde(from = "RawScored", into = "RawScored")]
pub struct ScoredPortfolio(Arc<ScoredInner>);

struct ScoredInner {
    share: ShareMethod,
    accounts: Vec<ScoredAccount>,
    index: OnceLock<HashMap<Text, u32>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScored {
    share: ShareMethod,
    accounts: Vec<ScoredAccount>,
}

impl From<RawScored> for ScoredPortfolio {
    fn from(raw: RawScored) -> Self {
        ScoredPortfolio::from_parts(raw.share, raw.accounts)
    }
}

impl From<ScoredPortfolio> for RawScored {
    fn from(s: ScoredPortfolio) -> Self {
        RawScored {
            share: s.0.share,
            accounts: s.0.accounts.clone(),
        }
    }
}

impl fmt::Debug for ScoredPortfolio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScoredPortfolio")
            .field("share", &self.0.share)
            .field("accounts", &self.0.accounts)
            .finish()
    }
}

impl PartialEq for ScoredPortfolio {
    fn eq(&self, other: &Self) -> bool {
        self.same(other) || (self.0.share == other.0.share && self.0.accounts == other.0.accounts)
    }
}

/// One factor's rating of account `i`, normalized, or the scorecard's rule for a missing one
/// (`None`: leave the factor out).
fn factor_value(
    card: &Scorecard,
    f: &crate::scorecard::Factor,
    column: Option<&RatingColumn>,
    i: usize,
    id: &str,
) -> Result<Option<f64>> {
    Ok(match column.and_then(|c| c.get(i)) {
        Some(r) => Some(match f.scale.normalize(r) {
            Some(v) => v,
            None => f.normalize(id, r)?,
        }),
        None => match card.missing() {
            MissingRating::Error => {
                return Err(Error::MissingRating {
                    account: id.to_owned(),
                    factor: f.name.clone(),
                })
            }
            MissingRating::Neutral => Some(0.5),
            MissingRating::Lowest => Some(0.0),
            MissingRating::Reweight => None,
        },
    })
}

/// [`Scorecard::score`] with the factors' columns resolved once for the whole portfolio.
fn card_score(
    card: &Scorecard,
    columns: &[Option<&RatingColumn>],
    i: usize,
    id: &str,
) -> Result<f64> {
    let (mut total, mut weight_used) = (0.0, 0.0);
    for (f, column) in card.factors().iter().zip(columns) {
        if let Some(value) = factor_value(card, f, *column, i, id)? {
            total += f.weight * value;
            weight_used += f.weight;
        }
    }
    if card.missing() == MissingRating::Reweight {
        if weight_used <= 0.0 {
            // Same error as the scorecard's own.
            return card.score(id, |_| None);
        }
        total /= weight_used;
    }
    Ok(total.clamp(0.0, 1.0))
}

impl ScoredPortfolio {
    pub(crate) fn from_parts(share: ShareMethod, accounts: Vec<ScoredAccount>) -> Self {
        ScoredPortfolio(Arc::new(ScoredInner {
            share,
            accounts,
            index: OnceLock::new(),
        }))
    }

    /// Whether two values share the same data (one is a clone of the other).
    pub(crate) fn same(&self, other: &ScoredPortfolio) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// The position of account `id` in [`ScoredPortfolio::accounts`] (its rank minus one):
    /// one hash look-up, the index built on first use.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 10.0), AccountRecord::new("B", "Beta", 30.0)])?;
    /// let scored = p.score(&config)?;
    /// assert_eq!(scored.index_of("A"), Some(1));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let index = self.0.index.get_or_init(|| {
            self.0
                .accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), i as u32))
                .collect()
        });
        index.get(id).map(|&i| i as usize)
    }
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
        let shares = config.share.ranked(self.accounts())?;
        let fit = config.columns(&config.strategic_fit, self);
        let strength = config.columns(&config.relationship_strength, self);
        let records = self.accounts();
        let mut accounts = Vec::with_capacity(shares.len());
        for s in shares {
            let i = s.index as usize;
            let r = &records[i];
            let fit = card_score(&config.strategic_fit, &fit, i, &r.id)?;
            let strength = card_score(&config.relationship_strength, &strength, i, &r.id)?;
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
        Ok(ScoredPortfolio::from_parts(config.share, accounts))
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
        &self.0.accounts
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
    pub fn share_method(&self) -> ShareMethod {
        self.0.share
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
        self.index_of(id).and_then(|i| self.0.accounts.get(i))
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
        let n = self.0.accounts.len();
        let (mut tiers, mut classes) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for a in &self.0.accounts {
            let assessment = model.classify(&a.scores);
            classes.push(assessment.class);
            tiers.push(assessment.tier);
        }
        Classification {
            cut_points: model.cut_points(),
            model,
            scored: self.clone(),
            tiers,
            classes,
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
/// let a = c.account(0).ok_or(keyaccount::Error::EmptyPortfolio)?;
/// assert_eq!(a.account.id, "A");
/// assert_eq!(a.assessment.class, Class::FourS(FourSClass::Strategic));
/// assert_eq!(a.assessment.tier, Tier::Key);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassifiedAccount<'a> {
    /// The account and its scores.
    pub account: &'a ScoredAccount,
    /// The model's assessment: native class, tier, position, margin (the class and tier
    /// stored, the position and margin recomputed from the scores, which gives the same).
    pub assessment: AnyAssessment,
}

/// The accounts of a [`Classification`] in its order (see [`Classification::accounts`]).
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0), AccountRecord::new("B", "Beta", 2.0)])?;
/// let c = p.score(&config)?.classify(keyaccount::FourS::default());
/// let ids: Vec<&str> = c.accounts().map(|a| a.account.id.as_str()).collect();
/// assert_eq!(ids, ["B", "A"]);
/// assert_eq!(c.accounts().len(), 2);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClassifiedAccounts<'a> {
    model: &'a AnyModel,
    accounts: std::slice::Iter<'a, ScoredAccount>,
}

impl<'a> Iterator for ClassifiedAccounts<'a> {
    type Item = ClassifiedAccount<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let account = self.accounts.next()?;
        Some(ClassifiedAccount {
            account,
            assessment: self.model.classify(&account.scores),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.accounts.size_hint()
    }
}

impl ExactSizeIterator for ClassifiedAccounts<'_> {}

impl DoubleEndedIterator for ClassifiedAccounts<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let account = self.accounts.next_back()?;
        Some(ClassifiedAccount {
            account,
            assessment: self.model.classify(&account.scores),
        })
    }
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
/// assert_eq!(c.account(0).map(|a| a.account.id.as_str()), Some("A"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    model: AnyModel,
    cut_points: Vec<CutPoint>,
    scored: ScoredPortfolio,
    tiers: Vec<Tier>,
    classes: Vec<Class>,
}

#[derive(Serialize)]
struct ClassificationOut<'a> {
    model: &'a AnyModel,
    cut_points: &'a [CutPoint],
    accounts: Vec<ClassifiedAccount<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassificationIn {
    model: AnyModel,
    cut_points: Vec<CutPoint>,
    accounts: Vec<OwnedClassified>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedClassified {
    account: ScoredAccount,
    assessment: AnyAssessment,
}

impl Serialize for Classification {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        ClassificationOut {
            model: &self.model,
            cut_points: &self.cut_points,
            accounts: self.accounts().collect(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Classification {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        // The assessments follow from the model and the scores; they are recomputed, and
        // stored ones that disagree are refused.
        let raw = ClassificationIn::deserialize(deserializer)?;
        let accounts: Vec<ScoredAccount> = raw.accounts.iter().map(|a| a.account.clone()).collect();
        let scored = ScoredPortfolio::from_parts(ShareMethod::default(), accounts);
        let mut c = scored.classify(raw.model);
        if raw.accounts.iter().zip(c.accounts()).any(|(given, now)| {
            (given.assessment.class, given.assessment.tier)
                != (now.assessment.class, now.assessment.tier)
        }) {
            return Err(serde::de::Error::custom(
                "an assessment does not follow from the model and the account's scores",
            ));
        }
        c.cut_points = raw.cut_points;
        Ok(c)
    }
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
    ///     c.accounts().map(|a| (a.account.id.as_str(), a.assessment.tier)).collect();
    /// assert_eq!(tiers, [("A", Tier::Key), ("B", Tier::Transactional)]); // largest first
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn accounts(&self) -> ClassifiedAccounts<'_> {
        ClassifiedAccounts {
            model: &self.model,
            accounts: self.scored.accounts().iter(),
        }
    }

    /// The classified account at `index` (its rank minus one).
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0), AccountRecord::new("B", "Beta", 2.0)])?;
    /// let c = p.score(&config)?.classify(keyaccount::FourS::default());
    /// assert_eq!(c.account(0).map(|a| a.account.id.as_str()), Some("B"));
    /// assert!(c.account(2).is_none());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn account(&self, index: usize) -> Option<ClassifiedAccount<'_>> {
        let account = self.scored.accounts().get(index)?;
        Some(ClassifiedAccount {
            account,
            assessment: self.model.classify(&account.scores),
        })
    }

    /// The tiers, in the order of [`Classification::accounts`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let c = p.score(&config)?.classify(keyaccount::FourS::default());
    /// assert_eq!(c.tiers(), [keyaccount::Tier::Key]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The native classes, in the order of [`Classification::accounts`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::{Class, FourSClass};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let c = p.score(&config)?.classify(keyaccount::FourS::default());
    /// assert_eq!(c.classes(), [Class::FourS(FourSClass::Strategic)]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }

    /// The scored portfolio that was classified (shared, not copied).
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let scored = p.score(&config)?;
    /// assert_eq!(scored.classify(keyaccount::FourS::default()).scored(), &scored);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn scored(&self) -> &ScoredPortfolio {
        &self.scored
    }

    /// The number of accounts.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// let c = p.score(&config)?.classify(keyaccount::FourS::default());
    /// assert_eq!((c.len(), c.is_empty()), (1, false));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.tiers.len()
    }

    /// Whether there are no accounts (only for a hand-made empty value).
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert!(!p.score(&config)?.classify(keyaccount::FourS::default()).is_empty());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tiers.is_empty()
    }

    /// The position of account `id` in [`Classification::accounts`]: one hash look-up.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0), AccountRecord::new("B", "Beta", 2.0)])?;
    /// let c = p.score(&config)?.classify(keyaccount::FourS::default());
    /// assert_eq!(c.index_of("A"), Some(1));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.scored.index_of(id)
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
    pub fn get(&self, id: &str) -> Option<ClassifiedAccount<'_>> {
        self.account(self.index_of(id)?)
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
        self.tiers.get(self.index_of(id)?).copied()
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
        self.tiers.iter().filter(|t| **t == tier).count()
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
        self.scored.accounts().iter().map(|a| a.revenue).sum()
    }
}
