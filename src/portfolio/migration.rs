//! Migration between two periods: tier transitions, movers, and Millman and Wilson's
//! Uncoupling.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::any::ModelKind;
use crate::classifier::Classifier;
use crate::error::{Error, Result};
use crate::models::millman_wilson::{MillmanWilson, MillmanWilsonStage};
use crate::portfolio::classify::Classification;
use crate::portfolio::compare::tier_index;
use crate::portfolio::text::Text;
use crate::tier::Tier;

/// An account whose tier changed between the periods.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::Migration;
/// use keyaccount::{FourS, MillmanWilson, Tier};
///
/// let before = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
/// ])?;
/// let after = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 40.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
///     AccountRecord::new("B", "Beta", 60.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
/// ])?;
/// let m = Migration::new(
///     &before.score(&config)?.classify(FourS::default()),
///     &after.score(&config)?.classify(FourS::default()),
///     &MillmanWilson::default(),
/// )?;
/// let up = &m.up[0];
/// assert_eq!((up.id.as_str(), up.from, up.to), ("B", Tier::Transactional, Tier::Key));
/// assert_eq!((up.previous_revenue, up.revenue), (10.0, 60.0));
/// assert!(!up.uncoupling);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// The account.
    pub id: Text,
    /// Its name.
    pub name: Text,
    /// Its tier in the previous period.
    pub from: Tier,
    /// Its tier in the current period.
    pub to: Tier,
    /// Its revenue in the previous period.
    pub previous_revenue: f64,
    /// Its revenue in the current period.
    pub revenue: f64,
    /// Whether Millman and Wilson's model sees the fall as Uncoupling-KAM (always `false` for
    /// a move up).
    pub uncoupling: bool,
}

/// An account that Millman and Wilson's model finds uncoupling: its relational development
/// fell by at least the model's uncoupling drop.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::Migration;
/// use keyaccount::{FourS, MillmanWilson, MillmanWilsonStage as Stage};
///
/// // A strong relationship that falls apart between the periods.
/// let before = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
/// ])?;
/// let after = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 3.0).with_strength_rating("trust", 1.0),
/// ])?;
/// let m = Migration::new(
///     &before.score(&config)?.classify(FourS::default()),
///     &after.score(&config)?.classify(FourS::default()),
///     &MillmanWilson::default(),
/// )?;
/// let u = &m.uncoupling[0];
/// assert_eq!(u.id, "A");
/// // Synergistic then; its position alone would now say Early-KAM.
/// assert_eq!((u.previous_stage, u.positional_stage), (Stage::SynergisticKam, Stage::EarlyKam));
/// assert!(u.development_before - u.development_now >= 0.2); // the default uncoupling drop
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uncoupling {
    /// The account.
    pub id: Text,
    /// Its name.
    pub name: Text,
    /// Its Millman and Wilson stage in the previous period.
    pub previous_stage: MillmanWilsonStage,
    /// The stage its current position alone would have.
    pub positional_stage: MillmanWilsonStage,
    /// Relational development then.
    pub development_before: f64,
    /// Relational development now.
    pub development_now: f64,
}

/// How a classified portfolio moved between two periods under one model.
///
/// Accounts are matched by id. `transitions[i][j]` counts the accounts in both periods that
/// were in `Tier::ALL[i]` and are now in `Tier::ALL[j]` (Key first). `up` and `down` list the
/// movers in the current period's order (revenue descending, then id ascending); `entered` and
/// `left` the accounts in only one period. `uncoupling` lists, for every account in both
/// periods, those that Millman and Wilson's model (run on both periods' scores with
/// [`MillmanWilson::classify_with_previous`]) finds uncoupling, whichever model was compared.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::Migration;
/// use keyaccount::{FourS, MillmanWilson, Tier};
///
/// let before = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
/// ])?;
/// let after = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 40.0).with_fit_rating("growth", 3.0).with_strength_rating("trust", 1.0),
///     AccountRecord::new("B", "Beta", 60.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
/// ])?;
/// let m = Migration::new(
///     &before.score(&config)?.classify(FourS::default()),
///     &after.score(&config)?.classify(FourS::default()),
///     &MillmanWilson::default(),
/// )?;
/// assert_eq!(m.down.len(), 1);
/// assert_eq!((m.down[0].from, m.down[0].to), (Tier::Key, Tier::Transactional));
/// assert!(m.down[0].uncoupling);
/// assert_eq!(m.uncoupling[0].id, "A");
/// assert_eq!(m.transitions[0][3], 1); // Key -> Transactional
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Migration {
    /// The model compared.
    pub model: ModelKind,
    /// Accounts by previous tier (row) and current tier (column), Key first.
    pub transitions: [[usize; 4]; 4],
    /// Accounts that moved to a higher tier.
    pub up: Vec<Move>,
    /// Accounts that moved to a lower tier.
    pub down: Vec<Move>,
    /// Accounts only in the current period.
    pub entered: Vec<Text>,
    /// Accounts only in the previous period.
    pub left: Vec<Text>,
    /// Accounts Millman and Wilson's model finds uncoupling.
    pub uncoupling: Vec<Uncoupling>,
}

impl Migration {
    /// Compares the classifications of two periods by the same model; `millman_wilson` is the
    /// model that judges Uncoupling.
    ///
    /// # Errors
    ///
    /// [`Error::ModelsDiffer`] if the two classifications come from different models;
    /// [`Error::InvalidPreviousAssessment`] cannot occur for scores the crate made.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::portfolio::Migration;
    /// use keyaccount::{Error, FourS, MillmanWilson, Webster};
    ///
    /// let before = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 1.0),
    ///     AccountRecord::new("B", "Beta", 1.0),
    /// ])?
    /// .score(&config)?;
    /// let after = Portfolio::new(vec![
    ///     AccountRecord::new("B", "Beta", 1.0),
    ///     AccountRecord::new("C", "Gamma", 1.0),
    /// ])?
    /// .score(&config)?;
    /// let (then, now) = (before.classify(FourS::default()), after.classify(FourS::default()));
    /// let m = Migration::new(&then, &now, &MillmanWilson::default())?;
    /// assert_eq!(m.left, ["A"]);
    /// assert_eq!(m.entered, ["C"]);
    ///
    /// // Both periods must be classified by the same model.
    /// let webster = after.classify(Webster::default());
    /// let mixed = Migration::new(&then, &webster, &MillmanWilson::default());
    /// assert!(matches!(mixed, Err(Error::ModelsDiffer { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(
        previous: &Classification,
        current: &Classification,
        millman_wilson: &MillmanWilson,
    ) -> Result<Self> {
        if previous.kind() != current.kind() {
            return Err(Error::ModelsDiffer {
                first: previous.kind(),
                second: current.kind(),
            });
        }
        let mut transitions = [[0usize; 4]; 4];
        let mut up = Vec::new();
        let mut down = Vec::new();
        let mut entered = Vec::new();
        let mut uncoupling = Vec::new();
        // One hash join: where each current account was in the previous period.
        let mut stayed = vec![false; previous.len()];
        let before = previous.scored().accounts();
        for (now, &to) in current.scored().accounts().iter().zip(current.tiers()) {
            let id = &now.id;
            let Some(j) = previous.index_of(id) else {
                entered.push(id.clone());
                continue;
            };
            stayed[j] = true;
            let (then, from) = (&before[j], previous.tiers()[j]);
            transitions[tier_index(from)][tier_index(to)] += 1;

            let mw_then = millman_wilson.classify(&then.scores);
            let mw_now = millman_wilson.classify_with_previous(&now.scores, &mw_then)?;
            let uncoupled = mw_now.class == MillmanWilsonStage::UncouplingKam;
            if uncoupled {
                uncoupling.push(Uncoupling {
                    id: id.clone(),
                    name: now.name.clone(),
                    previous_stage: mw_then.class,
                    positional_stage: millman_wilson.classify_position(mw_now.position).class,
                    development_before: mw_then.position.development,
                    development_now: mw_now.position.development,
                });
            }
            if from != to {
                let m = Move {
                    id: id.clone(),
                    name: now.name.clone(),
                    from,
                    to,
                    previous_revenue: then.revenue,
                    revenue: now.revenue,
                    uncoupling: uncoupled && to < from,
                };
                if to > from {
                    up.push(m);
                } else {
                    down.push(m);
                }
            }
        }
        let left = before
            .iter()
            .zip(stayed)
            .filter(|(_, stayed)| !stayed)
            .map(|(a, _)| a.id.clone())
            .collect();
        Ok(Migration {
            model: current.kind(),
            transitions,
            up,
            down,
            entered,
            left,
            uncoupling,
        })
    }
}

impl fmt::Display for Migration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} tiers, previous (rows) to current (columns)",
            self.model
        )?;
        super::report::write_tier_table(f, &self.transitions)?;
        write!(
            f,
            "{} up, {} down ({} uncoupling), {} entered, {} left",
            self.up.len(),
            self.down.len(),
            self.down.iter().filter(|m| m.uncoupling).count(),
            self.entered.len(),
            self.left.len()
        )
    }
}
