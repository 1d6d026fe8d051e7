//! Account records and the validated portfolio that holds them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::text::Text;
use crate::scores::ScoreField;

/// Which amount of an account record an error is about.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::AmountField;
///
/// assert_eq!(AmountField::Revenue.to_string(), "revenue");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountField {
    /// The revenue the account brings the supplier.
    Revenue,
    /// The account's total spend in the category.
    Potential,
    /// The revenue target set for the account.
    Target,
}

impl fmt::Display for AmountField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountField::Revenue => "revenue",
            AmountField::Potential => "potential",
            AmountField::Target => "target",
        })
    }
}

/// One account as an analyst has it in a CRM export: identity, place in its group, location,
/// amounts and factor ratings.
///
/// Ratings are looked up by factor name by the [`Scorecard`](crate::Scorecard)s of a
/// [`ScoringConfig`](crate::portfolio::ScoringConfig); a record may carry more ratings than a
/// scorecard uses.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::AccountRecord;
///
/// let r = AccountRecord::new("ACME-DE", "Acme GmbH", 120_000.0)
///     .with_parent("ACME")
///     .with_location("DE", "Bavaria")
///     .with_potential(400_000.0)
///     .with_target(150_000.0)
///     .with_fit_rating("growth", 8.0)
///     .with_strength_rating("trust", 6.0);
/// assert_eq!(r.parent.as_deref(), Some("ACME"));
/// assert_eq!(r.strategic_fit["growth"], 8.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountRecord {
    /// Unique id in the portfolio.
    pub id: String,
    /// Name as people write it.
    pub name: String,
    /// Revenue the account brings the supplier in the period, finite and non-negative.
    pub revenue: f64,
    /// The id of the group account this account is a location or subsidiary of.
    #[serde(default)]
    pub parent: Option<String>,
    /// Country (any consistent code or name).
    #[serde(default)]
    pub country: Option<String>,
    /// Region within the country.
    #[serde(default)]
    pub region: Option<String>,
    /// The account's total spend in the category; at least `revenue`.
    #[serde(default)]
    pub potential: Option<f64>,
    /// The revenue target for the period.
    #[serde(default)]
    pub target: Option<f64>,
    /// Ratings of strategic-fit factors, by factor name.
    #[serde(default)]
    pub strategic_fit: BTreeMap<String, f64>,
    /// Ratings of relationship-strength factors, by factor name.
    #[serde(default)]
    pub relationship_strength: BTreeMap<String, f64>,
}

impl AccountRecord {
    /// A record with an id, a name and a revenue, and nothing else yet.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 10.0);
    /// assert_eq!(r.revenue, 10.0);
    /// assert!(r.parent.is_none());
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>, revenue: f64) -> Self {
        AccountRecord {
            id: id.into(),
            name: name.into(),
            revenue,
            parent: None,
            country: None,
            region: None,
            potential: None,
            target: None,
            strategic_fit: BTreeMap::new(),
            relationship_strength: BTreeMap::new(),
        }
    }

    /// The record as a location or subsidiary of the group account `parent`.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 1.0).with_parent("G");
    /// assert_eq!(r.parent.as_deref(), Some("G"));
    /// ```
    #[must_use]
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// The record with a country and a region.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 1.0)
    ///     .with_location("FR", "Normandy");
    /// assert_eq!(r.region.as_deref(), Some("Normandy"));
    /// ```
    #[must_use]
    pub fn with_location(mut self, country: impl Into<String>, region: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self.region = Some(region.into());
        self
    }

    /// The record with a potential (total spend in the category).
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 1.0).with_potential(5.0);
    /// assert_eq!(r.potential, Some(5.0));
    /// ```
    #[must_use]
    pub fn with_potential(mut self, potential: f64) -> Self {
        self.potential = Some(potential);
        self
    }

    /// The record with a revenue target.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 1.0).with_target(2.0);
    /// assert_eq!(r.target, Some(2.0));
    /// ```
    #[must_use]
    pub fn with_target(mut self, target: f64) -> Self {
        self.target = Some(target);
        self
    }

    /// The record with a strategic-fit rating for `factor`.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 1.0)
    ///     .with_fit_rating("growth", 7.0);
    /// assert_eq!(r.strategic_fit.len(), 1);
    /// ```
    #[must_use]
    pub fn with_fit_rating(mut self, factor: impl Into<String>, rating: f64) -> Self {
        self.strategic_fit.insert(factor.into(), rating);
        self
    }

    /// The record with a relationship-strength rating for `factor`.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::AccountRecord::new("A1", "Alpha", 1.0)
    ///     .with_strength_rating("trust", 7.0);
    /// assert_eq!(r.relationship_strength["trust"], 7.0);
    /// ```
    #[must_use]
    pub fn with_strength_rating(mut self, factor: impl Into<String>, rating: f64) -> Self {
        self.relationship_strength.insert(factor.into(), rating);
        self
    }

    /// Checks the record on its own: a non-empty id, finite non-negative amounts, and a
    /// potential no lower than the revenue. Ratings are checked by the scorecards.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyAccountId`]; [`Error::InvalidAmount`] naming the account and the amount;
    /// [`Error::PotentialBelowRevenue`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::AccountRecord, Error};
    ///
    /// let err = AccountRecord::new("A1", "Alpha", -5.0).validate().unwrap_err();
    /// assert_eq!(err.to_string(), r#"account "A1": revenue -5 is not a finite non-negative amount"#);
    /// ```
    pub fn validate(&self) -> Result<()> {
        check_account(
            &self.id,
            &self.name,
            self.revenue,
            self.potential,
            self.target,
        )
    }
}

/// The checks of [`AccountRecord::validate`], shared with the CSV reader, which has no record.
pub(crate) fn check_account(
    id: &str,
    name: &str,
    revenue: f64,
    potential: Option<f64>,
    target: Option<f64>,
) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::EmptyAccountId {
            name: name.to_owned(),
        });
    }
    let amounts = [
        (AmountField::Revenue, Some(revenue)),
        (AmountField::Potential, potential),
        (AmountField::Target, target),
    ];
    for (field, value) in amounts {
        if let Some(value) = value {
            if !(value.is_finite() && value >= 0.0) {
                return Err(Error::InvalidAmount {
                    account: id.to_owned(),
                    field,
                    value,
                });
            }
        }
    }
    if let Some(potential) = potential {
        if potential < revenue {
            return Err(Error::PotentialBelowRevenue {
                account: id.to_owned(),
                potential,
                revenue,
            });
        }
    }
    Ok(())
}

/// One account of a [`Portfolio`]: identity, place in its group, location and amounts. Its
/// factor ratings are held column-wise by the portfolio ([`Portfolio::ratings`],
/// [`Portfolio::rating`]).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Portfolio};
///
/// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 10.0).with_potential(40.0)])?;
/// let a = &p.accounts()[0];
/// assert_eq!((a.id.as_str(), a.name.as_str(), a.revenue), ("A", "Alpha", 10.0));
/// assert_eq!(a.potential, Some(40.0));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Unique id in the portfolio.
    pub id: Text,
    /// Name as people write it.
    pub name: Text,
    /// Revenue in the period, finite and non-negative.
    pub revenue: f64,
    /// The id of the group account this account belongs to.
    pub parent: Option<Text>,
    /// Country.
    pub country: Option<Text>,
    /// Region within the country.
    pub region: Option<Text>,
    /// Total spend in the category; at least `revenue`.
    pub potential: Option<f64>,
    /// Revenue target for the period.
    pub target: Option<f64>,
}

/// The ratings of one factor for every account of a portfolio, in the portfolio's order; an
/// account may leave a factor unrated.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Portfolio};
/// use keyaccount::ScoreField;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 7.0),
///     AccountRecord::new("B", "Beta", 1.0),
/// ])?;
/// let growth = &p.ratings()[0];
/// assert_eq!((growth.field(), growth.factor().as_str()), (ScoreField::StrategicFit, "growth"));
/// assert_eq!((growth.get(0), growth.get(1)), (Some(7.0), None));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingColumn {
    field: ScoreField,
    factor: Text,
    values: Vec<f64>,
    given: Vec<u64>,
}

impl RatingColumn {
    pub(crate) fn with_capacity(field: ScoreField, factor: Text, n: usize) -> Self {
        RatingColumn {
            field,
            factor,
            values: Vec::with_capacity(n),
            given: Vec::with_capacity(n.div_ceil(64)),
        }
    }

    /// Appends the next account's rating (or none).
    pub(crate) fn push(&mut self, value: Option<f64>) {
        let i = self.values.len();
        if i % 64 == 0 {
            self.given.push(0);
        }
        if let Some(v) = value {
            if let Some(word) = self.given.last_mut() {
                *word |= 1 << (i % 64);
            }
            self.values.push(v);
        } else {
            self.values.push(0.0);
        }
    }

    /// Which score the factor feeds.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_strength_rating("trust", 7.0)])?;
    /// assert_eq!(p.ratings()[0].field(), keyaccount::ScoreField::RelationshipStrength);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn field(&self) -> ScoreField {
        self.field
    }

    /// The factor's name.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_strength_rating("trust", 7.0)])?;
    /// assert_eq!(p.ratings()[0].factor(), "trust");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn factor(&self) -> &Text {
        &self.factor
    }

    /// The rating of the account at `index`, if it has one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_strength_rating("trust", 7.0)])?;
    /// assert_eq!(p.ratings()[0].get(0), Some(7.0));
    /// assert_eq!(p.ratings()[0].get(1), None); // no such account
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn get(&self, index: usize) -> Option<f64> {
        let word = self.given.get(index / 64)?;
        if word >> (index % 64) & 1 == 1 {
            self.values.get(index).copied()
        } else {
            None
        }
    }

    /// The number of accounts the column covers.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_strength_rating("trust", 7.0)])?;
    /// assert_eq!(p.ratings()[0].len(), 1);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the column covers no account.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_strength_rating("trust", 7.0)])?;
    /// assert!(!p.ratings()[0].is_empty());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// A validated portfolio of accounts for one period.
///
/// A portfolio is never empty, its ids are unique and every account passes the checks of
/// [`AccountRecord::validate`]. Accounts keep the order given. Ids and names are stored once
/// ([`Text`]); ratings are stored one column per factor ([`RatingColumn`]). Cloning a
/// portfolio shares its data. Parent links are checked when the portfolio is rolled up
/// ([`Portfolio::roll_up`]). Deserialization (a list of records) checks the same.
///
/// # Examples
///
/// ```
/// use keyaccount::{portfolio::{AccountRecord, Portfolio}, Error};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 70.0),
///     AccountRecord::new("B", "Beta", 30.0),
/// ])?;
/// assert_eq!(p.len(), 2);
/// assert_eq!(p.total_revenue(), 100.0);
///
/// let dup = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 70.0),
///     AccountRecord::new("A", "Alpha again", 30.0),
/// ]);
/// assert!(matches!(dup, Err(Error::DuplicateAccount { .. })));
/// # Ok::<(), Error>(())
/// ```
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "Vec<AccountRecord>", into = "Vec<AccountRecord>")]
pub struct Portfolio(Arc<Inner>);

struct Inner {
    accounts: Vec<Account>,
    ratings: Vec<RatingColumn>,
    index: OnceLock<HashMap<Text, u32>>,
}

impl fmt::Debug for Portfolio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Portfolio")
            .field("accounts", &self.0.accounts)
            .field("ratings", &self.0.ratings)
            .finish()
    }
}

impl PartialEq for Portfolio {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.0.accounts == other.0.accounts && self.0.ratings == other.0.ratings)
    }
}

impl TryFrom<Vec<AccountRecord>> for Portfolio {
    type Error = Error;

    fn try_from(accounts: Vec<AccountRecord>) -> Result<Self> {
        Portfolio::new(accounts)
    }
}

impl From<Portfolio> for Vec<AccountRecord> {
    fn from(p: Portfolio) -> Self {
        (0..p.len()).filter_map(|i| p.record(i)).collect()
    }
}

/// Sums amounts and reports which total overflows.
pub(crate) fn check_totals(accounts: &[Account]) -> Result<()> {
    let mut totals = [0.0f64; 3];
    for a in accounts {
        totals[0] += a.revenue;
        totals[1] += a.potential.unwrap_or(0.0);
        totals[2] += a.target.unwrap_or(0.0);
    }
    let fields = [
        AmountField::Revenue,
        AmountField::Potential,
        AmountField::Target,
    ];
    match fields.iter().zip(totals).find(|(_, t)| !t.is_finite()) {
        Some((&field, _)) => Err(Error::TotalOverflow { field }),
        None => Ok(()),
    }
}

impl Portfolio {
    /// A checked portfolio.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyPortfolio`]; [`Error::DuplicateAccount`]; the errors of
    /// [`AccountRecord::validate`] for the first invalid record; [`Error::TotalOverflow`] if
    /// the total revenue, potential or target is too large to be finite.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::Portfolio, Error};
    ///
    /// assert!(matches!(Portfolio::new(vec![]), Err(Error::EmptyPortfolio)));
    /// ```
    pub fn new(records: Vec<AccountRecord>) -> Result<Self> {
        if records.is_empty() {
            return Err(Error::EmptyPortfolio);
        }
        let n = records.len();
        let mut index: HashMap<Text, u32> = HashMap::with_capacity(n);
        let mut accounts = Vec::with_capacity(n);
        let mut columns: BTreeMap<(ScoreField, &str), Vec<(usize, f64)>> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            r.validate()?;
            let id = Text::from(r.id.as_str());
            if index.insert(id.clone(), i as u32).is_some() {
                return Err(Error::DuplicateAccount {
                    account: r.id.clone(),
                });
            }
            for (field, ratings) in [
                (ScoreField::StrategicFit, &r.strategic_fit),
                (ScoreField::RelationshipStrength, &r.relationship_strength),
            ] {
                for (factor, &v) in ratings {
                    columns
                        .entry((field, factor.as_str()))
                        .or_default()
                        .push((i, v));
                }
            }
            accounts.push(Account {
                id,
                name: Text::from(r.name.as_str()),
                revenue: r.revenue,
                parent: r.parent.as_deref().map(Text::from),
                country: r.country.as_deref().map(Text::from),
                region: r.region.as_deref().map(Text::from),
                potential: r.potential,
                target: r.target,
            });
        }
        check_totals(&accounts)?;
        let ratings = columns
            .into_iter()
            .map(|((field, factor), given)| {
                let mut col = RatingColumn::with_capacity(field, Text::from(factor), n);
                let mut next = given.into_iter().peekable();
                for i in 0..n {
                    col.push(next.next_if(|(j, _)| *j == i).map(|(_, v)| v));
                }
                col
            })
            .collect();
        let index = OnceLock::from(index);
        Ok(Portfolio(Arc::new(Inner {
            accounts,
            ratings,
            index,
        })))
    }

    /// A portfolio from parts already checked (ids unique, accounts valid, totals finite,
    /// columns as long as `accounts`).
    pub(crate) fn from_checked(
        accounts: Vec<Account>,
        ratings: Vec<RatingColumn>,
        index: Option<HashMap<Text, u32>>,
    ) -> Self {
        let cell = OnceLock::new();
        if let Some(index) = index {
            let _ = cell.set(index);
        }
        Portfolio(Arc::new(Inner {
            accounts,
            ratings,
            index: cell,
        }))
    }

    /// The accounts, in the order given.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.accounts()[0].id, "A");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn accounts(&self) -> &[Account] {
        &self.0.accounts
    }

    /// The factor ratings, one column per factor (strategic fit first, then by name).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 7.0).with_strength_rating("trust", 3.0),
    /// ])?;
    /// let names: Vec<&str> = p.ratings().iter().map(|c| c.factor().as_str()).collect();
    /// assert_eq!(names, ["growth", "trust"]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn ratings(&self) -> &[RatingColumn] {
        &self.0.ratings
    }

    /// The column of `factor` for `field`, if any account rates it.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// use keyaccount::ScoreField;
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 7.0)])?;
    /// assert!(p.rating_column(ScoreField::StrategicFit, "growth").is_some());
    /// assert!(p.rating_column(ScoreField::RelationshipStrength, "growth").is_none());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn rating_column(&self, field: ScoreField, factor: &str) -> Option<&RatingColumn> {
        self.0
            .ratings
            .iter()
            .find(|c| c.field == field && c.factor == factor)
    }

    /// The rating of account `id` for `factor` of `field`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    /// use keyaccount::ScoreField;
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_fit_rating("growth", 7.0)])?;
    /// assert_eq!(p.rating("A", ScoreField::StrategicFit, "growth"), Some(7.0));
    /// assert_eq!(p.rating("A", ScoreField::StrategicFit, "reach"), None);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn rating(&self, id: &str, field: ScoreField, factor: &str) -> Option<f64> {
        let i = self.index_of(id)?;
        self.rating_column(field, factor)?.get(i)
    }

    /// The account at `index` as an [`AccountRecord`], its ratings included.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let r = AccountRecord::new("A", "Alpha", 1.0).with_parent("G").with_fit_rating("growth", 7.0);
    /// let p = Portfolio::new(vec![AccountRecord::new("G", "Group", 1.0), r.clone()])?;
    /// assert_eq!(p.record(1), Some(r));
    /// assert_eq!(p.record(2), None);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn record(&self, index: usize) -> Option<AccountRecord> {
        let a = self.0.accounts.get(index)?;
        let mut r = AccountRecord::new(a.id.as_str(), a.name.as_str(), a.revenue);
        r.parent = a.parent.clone().map(String::from);
        r.country = a.country.clone().map(String::from);
        r.region = a.region.clone().map(String::from);
        r.potential = a.potential;
        r.target = a.target;
        for c in &self.0.ratings {
            if let Some(v) = c.get(index) {
                let map = match c.field {
                    ScoreField::StrategicFit => &mut r.strategic_fit,
                    _ => &mut r.relationship_strength,
                };
                map.insert(c.factor.as_str().to_owned(), v);
            }
        }
        Some(r)
    }

    /// The number of accounts (at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// assert_eq!(Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?.len(), 1);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.accounts.len()
    }

    /// Always `false`: a portfolio has at least one account.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// assert!(!Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?.is_empty());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.accounts.is_empty()
    }

    fn index(&self) -> &HashMap<Text, u32> {
        self.0.index.get_or_init(|| {
            self.0
                .accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), i as u32))
                .collect()
        })
    }

    /// The position of account `id` in [`Portfolio::accounts`]: one hash look-up.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0), AccountRecord::new("B", "Beta", 1.0)])?;
    /// assert_eq!(p.index_of("B"), Some(1));
    /// assert_eq!(p.index_of("Z"), None);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index().get(id).map(|&i| i as usize)
    }

    /// The account with id `id`: one hash look-up.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.get("A").map(|r| r.name.as_str()), Some("Alpha"));
    /// assert!(p.get("Z").is_none());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Account> {
        self.index_of(id).and_then(|i| self.0.accounts.get(i))
    }

    /// The sum of all revenues.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 1.5),
    ///     AccountRecord::new("B", "Beta", 2.5),
    /// ])?;
    /// assert_eq!(p.total_revenue(), 4.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn total_revenue(&self) -> f64 {
        self.0.accounts.iter().map(|r| r.revenue).sum()
    }
}
