//! Summary reports per tier and per native class, as data and as text tables.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::any::{Class, ModelKind};
use crate::classifier::NativeClass;
use crate::portfolio::classify::Classification;
use crate::tier::Tier;

/// What a summary's rows are.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::SummaryBy;
///
/// assert_eq!(SummaryBy::Tier.to_string(), "tier");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryBy {
    /// One row per common tier, Key first.
    Tier,
    /// One row per native class of the model, highest first.
    Class,
}

impl fmt::Display for SummaryBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SummaryBy::Tier => "tier",
            SummaryBy::Class => "class",
        })
    }
}

/// One row of a summary.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use approx::assert_relative_eq;
/// use keyaccount::portfolio::Summary;
/// use keyaccount::FourS;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 75.0).with_target(100.0)
///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
///     AccountRecord::new("B", "Beta", 25.0)
///         .with_fit_rating("growth", 1.0).with_strength_rating("trust", 1.0),
/// ])?;
/// let total = Summary::by_tier(&p.score(&config)?.classify(FourS::default())).total;
/// assert_eq!((total.label.as_str(), total.tier), ("Total", None));
/// assert_eq!(total.accounts, 2);
/// assert_relative_eq!(total.revenue, 100.0);
/// assert_relative_eq!(total.target, 100.0);
/// assert_relative_eq!(total.attainment.unwrap_or(0.0), 0.75); // only A has a target
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The row's label: the tier's or class's name, or "Total".
    pub label: String,
    /// The tier (for a class row, the class's tier; `None` for the total row).
    pub tier: Option<Tier>,
    /// The native class, for a class row.
    pub class: Option<Class>,
    /// Number of accounts.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of total revenue.
    pub share: f64,
    /// Sum of the targets of the accounts that have one.
    pub target: f64,
    /// Revenue of the accounts with a target over their targets; `None` if no positive target.
    pub attainment: Option<f64>,
}

/// A summary of a classified portfolio: accounts, revenue, share of revenue and target
/// attainment per tier or per native class, with a total row. Every tier (or class) has a row,
/// empty ones included, so tables keep their shape.
///
/// Serializable for dashboards; `Display` prints a text table.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::Summary;
/// use keyaccount::{FourS, Tier};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 75.0).with_target(100.0)
///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
///     AccountRecord::new("B", "Beta", 25.0).with_target(20.0)
///         .with_fit_rating("growth", 1.0).with_strength_rating("trust", 1.0),
/// ])?;
/// let c = p.score(&config)?.classify(FourS::default());
/// let s = Summary::by_tier(&c);
/// assert_eq!(s.rows.len(), 4);
/// assert_eq!(s.rows[0].tier, Some(Tier::Key));
/// assert_eq!(s.rows[0].share, 0.75);
/// assert_eq!(s.rows[0].attainment, Some(0.75));
/// assert_eq!(s.total.accounts, 2);
/// assert!(s.to_string().contains("Total"));
///
/// let by_class = Summary::by_class(&c);
/// assert_eq!(by_class.rows[0].label, "Strategic");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The model.
    pub model: ModelKind,
    /// What the rows are.
    pub by: SummaryBy,
    /// The rows.
    pub rows: Vec<SummaryRow>,
    /// The total row.
    pub total: SummaryRow,
}

fn row(label: String, tier: Option<Tier>, class: Option<Class>) -> SummaryRow {
    SummaryRow {
        label,
        tier,
        class,
        accounts: 0,
        revenue: 0.0,
        share: 0.0,
        target: 0.0,
        attainment: None,
    }
}

fn fill(r: &mut SummaryRow, c: &Classification, keep: impl Fn(Tier, Class) -> bool, total: f64) {
    let mut targeted_revenue = 0.0;
    let accounts = c.scored().accounts().iter();
    for ((a, &tier), &class) in accounts.zip(c.tiers()).zip(c.classes()) {
        if keep(tier, class) {
            r.accounts += 1;
            r.revenue += a.revenue;
            if let Some(t) = a.target {
                r.target += t;
                targeted_revenue += a.revenue;
            }
        }
    }
    r.share = if total > 0.0 {
        (r.revenue / total).clamp(0.0, 1.0)
    } else {
        0.0
    };
    r.attainment = super::attainment::ratio(targeted_revenue, Some(r.target));
}

impl Summary {
    /// One row per tier, Key first.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::portfolio::Summary;
    /// use keyaccount::FourS;
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 75.0).with_target(100.0)
    ///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
    ///     AccountRecord::new("B", "Beta", 25.0)
    ///         .with_fit_rating("growth", 1.0).with_strength_rating("trust", 1.0),
    /// ])?;
    /// let s = Summary::by_tier(&p.score(&config)?.classify(FourS::default()));
    /// let rows: Vec<(&str, usize)> = s.rows.iter().map(|r| (r.label.as_str(), r.accounts)).collect();
    /// assert_eq!(rows, [("Key", 1), ("Development", 0), ("Maintenance", 0), ("Transactional", 1)]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn by_tier(classification: &Classification) -> Self {
        let total_revenue = classification.total_revenue();
        let rows = Tier::ALL
            .iter()
            .map(|&t| {
                let mut r = row(t.label().to_owned(), Some(t), None);
                fill(&mut r, classification, |tier, _| tier == t, total_revenue);
                r
            })
            .collect();
        Summary::with_total(classification, SummaryBy::Tier, rows)
    }

    /// One row per native class of the model, highest first.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::portfolio::{Summary, SummaryBy};
    /// use keyaccount::{Tier, Webster};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 75.0).with_target(100.0)
    ///         .with_fit_rating("growth", 10.0).with_strength_rating("trust", 10.0),
    ///     AccountRecord::new("B", "Beta", 25.0)
    ///         .with_fit_rating("growth", 1.0).with_strength_rating("trust", 1.0),
    /// ])?;
    /// let s = Summary::by_class(&p.score(&config)?.classify(Webster::default()));
    /// assert_eq!(s.by, SummaryBy::Class);
    /// assert_eq!(s.rows.len(), 6); // every Webster relationship type, empty ones included
    /// assert_eq!(s.rows[0].label, "Network organization");
    /// assert_eq!(s.rows[0].tier, Some(Tier::Key));
    /// assert_eq!(s.rows.iter().map(|r| r.accounts).sum::<usize>(), 2);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn by_class(classification: &Classification) -> Self {
        let total_revenue = classification.total_revenue();
        let model = classification.model();
        let kind = model.kind();
        let rows = Class::ALL
            .iter()
            .rev()
            .filter(|c| c.model() == kind)
            .map(|&class| {
                use crate::classifier::Classifier;
                let mut r = row(
                    class.label().to_owned(),
                    Some(model.tier_of(class)),
                    Some(class),
                );
                fill(&mut r, classification, |_, c| c == class, total_revenue);
                r
            })
            .collect();
        Summary::with_total(classification, SummaryBy::Class, rows)
    }

    fn with_total(c: &Classification, by: SummaryBy, rows: Vec<SummaryRow>) -> Self {
        let mut total = row("Total".to_owned(), None, None);
        fill(&mut total, c, |_, _| true, c.total_revenue());
        Summary {
            model: c.kind(),
            by,
            rows,
            total,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = match self.by {
            SummaryBy::Tier => "tier",
            SummaryBy::Class => "class",
        };
        writeln!(
            f,
            "{:<20}{:>9}{:>16}{:>9}{:>16}{:>12}",
            format!("{} {header}", self.model),
            "accounts",
            "revenue",
            "share",
            "target",
            "attainment"
        )?;
        let line = |f: &mut fmt::Formatter<'_>, r: &SummaryRow| {
            let attainment = r
                .attainment
                .map_or_else(|| "-".to_owned(), |a| format!("{:.1}%", 100.0 * a));
            writeln!(
                f,
                "{:<20}{:>9}{:>16.0}{:>8.1}%{:>16.0}{:>12}",
                r.label,
                r.accounts,
                r.revenue,
                100.0 * r.share,
                r.target,
                attainment
            )
        };
        for r in &self.rows {
            line(f, r)?;
        }
        line(f, &self.total)
    }
}

/// Writes a tier-by-tier count table (rows and columns in the order of [`Tier::ALL`]), one line
/// per row, each line ended.
pub(super) fn write_tier_table(f: &mut fmt::Formatter<'_>, table: &[[usize; 4]; 4]) -> fmt::Result {
    write!(f, "{:<15}", "")?;
    for t in Tier::ALL {
        write!(f, "{:>14}", t.label())?;
    }
    writeln!(f)?;
    for (t, counts) in Tier::ALL.iter().zip(table) {
        write!(f, "{:<15}", t.label())?;
        for n in counts {
            write!(f, "{n:>14}")?;
        }
        writeln!(f)?;
    }
    Ok(())
}
