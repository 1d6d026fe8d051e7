//! Account records and the validated portfolio that holds them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
        if self.id.trim().is_empty() {
            return Err(Error::EmptyAccountId {
                name: self.name.clone(),
            });
        }
        let amounts = [
            (AmountField::Revenue, Some(self.revenue)),
            (AmountField::Potential, self.potential),
            (AmountField::Target, self.target),
        ];
        for (field, value) in amounts {
            if let Some(value) = value {
                if !(value.is_finite() && value >= 0.0) {
                    return Err(Error::InvalidAmount {
                        account: self.id.clone(),
                        field,
                        value,
                    });
                }
            }
        }
        if let Some(potential) = self.potential {
            if potential < self.revenue {
                return Err(Error::PotentialBelowRevenue {
                    account: self.id.clone(),
                    potential,
                    revenue: self.revenue,
                });
            }
        }
        Ok(())
    }
}

/// A validated portfolio of account records for one period.
///
/// A portfolio is never empty, its ids are unique and every record passes
/// [`AccountRecord::validate`]. Records keep the order given. Parent links are checked when the
/// portfolio is rolled up ([`Portfolio::roll_up`]), since a flat portfolio does not need them.
/// Deserialization (a list of records) checks the same.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<AccountRecord>", into = "Vec<AccountRecord>")]
pub struct Portfolio {
    accounts: Vec<AccountRecord>,
}

impl TryFrom<Vec<AccountRecord>> for Portfolio {
    type Error = Error;

    fn try_from(accounts: Vec<AccountRecord>) -> Result<Self> {
        Portfolio::new(accounts)
    }
}

impl From<Portfolio> for Vec<AccountRecord> {
    fn from(p: Portfolio) -> Self {
        p.accounts
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
    pub fn new(accounts: Vec<AccountRecord>) -> Result<Self> {
        if accounts.is_empty() {
            return Err(Error::EmptyPortfolio);
        }
        let mut seen = BTreeSet::new();
        for r in &accounts {
            r.validate()?;
            if !seen.insert(r.id.as_str()) {
                return Err(Error::DuplicateAccount {
                    account: r.id.clone(),
                });
            }
        }
        // Every later total (shares, roll-up, attainment) is a sum of these amounts.
        let totals = [
            (
                AmountField::Revenue,
                accounts.iter().map(|r| r.revenue).sum::<f64>(),
            ),
            (
                AmountField::Potential,
                accounts.iter().filter_map(|r| r.potential).sum(),
            ),
            (
                AmountField::Target,
                accounts.iter().filter_map(|r| r.target).sum(),
            ),
        ];
        if let Some(&(field, _)) = totals.iter().find(|(_, total)| !total.is_finite()) {
            return Err(Error::TotalOverflow { field });
        }
        Ok(Portfolio { accounts })
    }

    /// The records, in the order given.
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
    pub fn accounts(&self) -> &[AccountRecord] {
        &self.accounts
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
        self.accounts.len()
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
        self.accounts.is_empty()
    }

    /// The record with id `id`.
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
    pub fn get(&self, id: &str) -> Option<&AccountRecord> {
        self.accounts.iter().find(|r| r.id == id)
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
        self.accounts.iter().map(|r| r.revenue).sum()
    }
}
