//! Whitespace: what each account could still buy, product line by product line, and where the
//! largest openings lie among the accounts worth investing in.
//!
//! Product data is a long table, one row per account and product line: the revenue the
//! account brings in that line and its potential there (its total spend in the line). An
//! account's whitespace in a line is `potential - revenue`. Without product data the
//! account-level [`opportunities`](super::opportunities) (potential minus revenue of the whole
//! account) remain the measure.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::classify::Classification;
use crate::portfolio::record::AmountField;
use crate::portfolio::rollup::RolledUp;
use crate::tier::Tier;

/// One row of product data: an account's revenue and potential in one product line.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ProductRecord;
///
/// let r = ProductRecord::new("A", "coatings", 40.0, 100.0);
/// assert_eq!(r.whitespace(), 60.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductRecord {
    /// The account's id, as in the portfolio (a group or one of its members).
    pub id: String,
    /// The product line.
    pub product: String,
    /// The revenue the account brings in the line.
    pub revenue: f64,
    /// The account's total spend in the line, at least `revenue`.
    pub potential: f64,
}

impl ProductRecord {
    /// A row.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::ProductRecord::new("A", "coatings", 40.0, 100.0);
    /// assert_eq!(r.product, "coatings");
    /// ```
    pub fn new(
        id: impl Into<String>,
        product: impl Into<String>,
        revenue: f64,
        potential: f64,
    ) -> Self {
        ProductRecord {
            id: id.into(),
            product: product.into(),
            revenue,
            potential,
        }
    }

    /// `potential - revenue`: what the account buys in the line elsewhere.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::portfolio::ProductRecord::new("A", "coatings", 100.0, 100.0);
    /// assert_eq!(r.whitespace(), 0.0);
    /// ```
    #[must_use]
    pub fn whitespace(&self) -> f64 {
        self.potential - self.revenue
    }

    fn check(&self) -> Result<()> {
        if self.product.trim().is_empty() {
            return Err(Error::EmptyProduct {
                account: self.id.clone(),
            });
        }
        for (field, value) in [
            (AmountField::Revenue, self.revenue),
            (AmountField::Potential, self.potential),
        ] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(Error::InvalidProductAmount {
                    account: self.id.clone(),
                    product: self.product.clone(),
                    field,
                    value,
                });
            }
        }
        if self.potential < self.revenue {
            return Err(Error::ProductPotentialBelowRevenue {
                account: self.id.clone(),
                product: self.product.clone(),
                potential: self.potential,
                revenue: self.revenue,
            });
        }
        Ok(())
    }
}

/// Checks every row; on the first bad one, its index and the error.
fn check_records(records: &[ProductRecord]) -> std::result::Result<(), (usize, Error)> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        r.check().map_err(|e| (i, e))?;
        if seen
            .insert((r.id.as_str(), r.product.as_str()), i)
            .is_some()
        {
            return Err((
                i,
                Error::DuplicateProduct {
                    account: r.id.clone(),
                    product: r.product.clone(),
                },
            ));
        }
    }
    Ok(())
}

/// Validated product data: every amount finite and non-negative, potential at least revenue,
/// each account and product line at most once, no empty product name.
///
/// Serializes as its list of rows; deserializing checks them like [`ProductData::new`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{ProductData, ProductRecord};
/// use keyaccount::Error;
///
/// let data = ProductData::new(vec![
///     ProductRecord::new("A", "coatings", 40.0, 100.0),
///     ProductRecord::new("A", "adhesives", 10.0, 10.0),
///     ProductRecord::new("B", "coatings", 5.0, 50.0),
/// ])?;
/// assert_eq!(data.products(), ["coatings", "adhesives"]); // in order of first appearance
///
/// let twice = ProductData::new(vec![
///     ProductRecord::new("A", "coatings", 40.0, 100.0),
///     ProductRecord::new("A", "coatings", 1.0, 2.0),
/// ]);
/// assert!(matches!(twice, Err(Error::DuplicateProduct { .. })));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<ProductRecord>", into = "Vec<ProductRecord>")]
pub struct ProductData {
    records: Vec<ProductRecord>,
    products: Vec<String>,
}

impl TryFrom<Vec<ProductRecord>> for ProductData {
    type Error = Error;

    fn try_from(records: Vec<ProductRecord>) -> Result<Self> {
        ProductData::new(records)
    }
}

impl From<ProductData> for Vec<ProductRecord> {
    fn from(data: ProductData) -> Self {
        data.records
    }
}

impl ProductData {
    /// Checked product data.
    ///
    /// # Errors
    ///
    /// On the first bad row: [`Error::EmptyProduct`] for an empty product name;
    /// [`Error::InvalidProductAmount`] for a negative, NaN or infinite revenue or potential;
    /// [`Error::ProductPotentialBelowRevenue`]; [`Error::DuplicateProduct`] for an account and
    /// product line given twice.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{ProductData, ProductRecord};
    /// use keyaccount::Error;
    ///
    /// let err = ProductData::new(vec![ProductRecord::new("A", "coatings", 40.0, 30.0)]).unwrap_err();
    /// assert_eq!(err.to_string(), r#"account "A", product "coatings": potential 30 is below revenue 40"#);
    /// let err = ProductData::new(vec![ProductRecord::new("A", "coatings", -1.0, 30.0)]).unwrap_err();
    /// assert!(matches!(err, Error::InvalidProductAmount { value, .. } if value == -1.0));
    /// ```
    pub fn new(records: Vec<ProductRecord>) -> Result<Self> {
        check_records(&records).map_err(|(_, e)| e)?;
        Ok(Self::from_checked(records))
    }

    fn from_checked(records: Vec<ProductRecord>) -> Self {
        let mut products: Vec<String> = Vec::new();
        let mut known: HashMap<&str, ()> = HashMap::new();
        for r in &records {
            if known.insert(r.product.as_str(), ()).is_none() {
                products.push(r.product.clone());
            }
        }
        ProductData { records, products }
    }

    /// The rows, in the order given.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{ProductData, ProductRecord};
    ///
    /// let data = ProductData::new(vec![ProductRecord::new("A", "coatings", 4.0, 10.0)])?;
    /// assert_eq!(data.records()[0].whitespace(), 6.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn records(&self) -> &[ProductRecord] {
        &self.records
    }

    /// The product lines, in order of first appearance.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{ProductData, ProductRecord};
    ///
    /// let data = ProductData::new(vec![
    ///     ProductRecord::new("B", "service", 1.0, 1.0),
    ///     ProductRecord::new("A", "coatings", 1.0, 1.0),
    ///     ProductRecord::new("A", "service", 1.0, 1.0),
    /// ])?;
    /// assert_eq!(data.products(), ["service", "coatings"]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn products(&self) -> &[String] {
        &self.products
    }

    /// The product data of the groups of `rolled`: each member's rows added into its group's,
    /// product line by product line (as [`Portfolio::roll_up`](super::Portfolio::roll_up)
    /// adds members' revenue into their group).
    ///
    /// # Errors
    ///
    /// As [`ProductData::roll_up_with`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio, ProductData, ProductRecord};
    ///
    /// let rolled = Portfolio::new(vec![
    ///     AccountRecord::new("G", "Group", 100.0),
    ///     AccountRecord::new("G-PL", "Group Poland", 50.0).with_parent("G"),
    /// ])?
    /// .roll_up()?;
    /// let data = ProductData::new(vec![
    ///     ProductRecord::new("G", "coatings", 60.0, 80.0),
    ///     ProductRecord::new("G-PL", "coatings", 30.0, 70.0),
    ///     ProductRecord::new("G-PL", "service", 20.0, 20.0),
    /// ])?;
    /// let groups = data.roll_up(&rolled)?;
    /// assert_eq!(groups.records(), [
    ///     ProductRecord::new("G", "coatings", 90.0, 150.0),
    ///     ProductRecord::new("G", "service", 20.0, 20.0),
    /// ]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn roll_up(&self, rolled: &RolledUp) -> Result<ProductData> {
        self.roll_up_with(|id| rolled.group_of(id))
    }

    /// The product data by group, with `group_of` giving the group id of each account id
    /// (`None` for an id that is not in the portfolio). Rows come out grouped by group, groups
    /// in order of their first row, product lines in [`ProductData::products`] order.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownProductAccount`] for a row whose account has no group;
    /// [`Error::ProductTotalOverflow`] if a group's total in a line is too large to add up.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{ProductData, ProductRecord};
    /// use keyaccount::Error;
    ///
    /// let data = ProductData::new(vec![ProductRecord::new("X", "coatings", 1.0, 2.0)])?;
    /// let err = data.roll_up_with(|id| (id == "A").then_some("A")).unwrap_err();
    /// assert_eq!(err.to_string(), r#"product data names unknown account "X" (product "coatings")"#);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn roll_up_with<'g>(
        &self,
        group_of: impl Fn(&str) -> Option<&'g str>,
    ) -> Result<ProductData> {
        let product_index: HashMap<&str, usize> = self
            .products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let mut groups: Vec<&'g str> = Vec::new();
        let mut group_index: HashMap<&'g str, usize> = HashMap::new();
        // Per group, per product line: (revenue, potential), `None` where no member has it.
        let mut cells: Vec<Vec<Option<(f64, f64)>>> = Vec::new();
        for r in &self.records {
            let group = group_of(&r.id).ok_or_else(|| Error::UnknownProductAccount {
                account: r.id.clone(),
                product: r.product.clone(),
            })?;
            let g = *group_index.entry(group).or_insert_with(|| {
                groups.push(group);
                cells.push(vec![None; self.products.len()]);
                groups.len() - 1
            });
            let p = product_index[r.product.as_str()];
            let (revenue, potential) = cells[g][p].unwrap_or((0.0, 0.0));
            let sum = (revenue + r.revenue, potential + r.potential);
            for (field, v) in [
                (AmountField::Revenue, sum.0),
                (AmountField::Potential, sum.1),
            ] {
                if !v.is_finite() {
                    return Err(Error::ProductTotalOverflow {
                        product: r.product.clone(),
                        group: Some(group.to_owned()),
                        field,
                    });
                }
            }
            cells[g][p] = Some(sum);
        }
        let records = groups
            .iter()
            .zip(cells)
            .flat_map(|(group, row)| {
                row.into_iter()
                    .zip(&self.products)
                    .filter_map(move |(cell, product)| {
                        cell.map(|(revenue, potential)| {
                            ProductRecord::new(*group, product.as_str(), revenue, potential)
                        })
                    })
            })
            .collect();
        // Sums of valid rows are valid: each sum of potentials is at least the sum of
        // revenues added in the same order, and (group, product) pairs are unique.
        Ok(ProductData::from_checked(records))
    }
}

/// An account's revenue, potential and whitespace in one product line.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ProductCell;
///
/// let c = ProductCell { revenue: 30.0, potential: 100.0, whitespace: 70.0 };
/// assert_eq!(c.share_of_wallet(), Some(0.3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProductCell {
    /// Revenue in the line.
    pub revenue: f64,
    /// Potential in the line.
    pub potential: f64,
    /// `potential - revenue`.
    pub whitespace: f64,
}

impl ProductCell {
    /// `revenue / potential`; `None` for a zero potential.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::ProductCell;
    ///
    /// let none = ProductCell { revenue: 0.0, potential: 0.0, whitespace: 0.0 };
    /// assert_eq!(none.share_of_wallet(), None);
    /// ```
    #[must_use]
    pub fn share_of_wallet(&self) -> Option<f64> {
        (self.potential > 0.0).then(|| self.revenue / self.potential)
    }
}

/// One account's whitespace grid: a cell per product line.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountWhitespace, ProductCell};
/// use keyaccount::Tier;
///
/// let a = AccountWhitespace {
///     id: "A".into(),
///     name: "Alpha".into(),
///     tier: Tier::Key,
///     revenue: 30.0,
///     potential: 100.0,
///     whitespace: 70.0,
///     cells: vec![Some(ProductCell { revenue: 30.0, potential: 100.0, whitespace: 70.0 }), None],
/// };
/// assert_eq!(a.cells.len(), 2); // one per product line; None: no data for the line
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountWhitespace {
    /// The account.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its tier.
    pub tier: Tier,
    /// Its revenue over the product lines it has data for.
    pub revenue: f64,
    /// Its potential over those lines.
    pub potential: f64,
    /// Its whitespace over those lines.
    pub whitespace: f64,
    /// Its cell in each product line, in the order of [`Whitespace::products`]; `None` where
    /// the product data has no row for the account and line.
    pub cells: Vec<Option<ProductCell>>,
}

/// One product line's totals over all accounts with data for it.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ProductTotal;
///
/// let t = ProductTotal { product: "coatings".into(), accounts: 2, revenue: 50.0, potential: 200.0, whitespace: 150.0 };
/// assert_eq!(t.revenue + t.whitespace, t.potential);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductTotal {
    /// The product line.
    pub product: String,
    /// The accounts with a row for it.
    pub accounts: usize,
    /// Their revenue in it.
    pub revenue: f64,
    /// Their potential in it.
    pub potential: f64,
    /// Their whitespace in it.
    pub whitespace: f64,
}

/// One account and product line with whitespace, ranked within its tier.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::WhitespaceOpportunity;
/// use keyaccount::Tier;
///
/// let o = WhitespaceOpportunity {
///     tier: Tier::Key,
///     rank: 1,
///     id: "A".into(),
///     name: "Alpha".into(),
///     product: "coatings".into(),
///     revenue: 30.0,
///     potential: 100.0,
///     whitespace: 70.0,
/// };
/// assert_eq!(o.whitespace, o.potential - o.revenue);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhitespaceOpportunity {
    /// The account's tier.
    pub tier: Tier,
    /// Its rank within the tier, 1 for the largest whitespace.
    pub rank: usize,
    /// The account.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The product line.
    pub product: String,
    /// Revenue in the line.
    pub revenue: f64,
    /// Potential in the line.
    pub potential: f64,
    /// `potential - revenue`, positive.
    pub whitespace: f64,
}

/// Which tiers are worth investing in, for ranking opportunities. Default: Key and
/// Development (the tiers whose strategy is to invest).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::WhitespaceOptions;
/// use keyaccount::Tier;
///
/// assert_eq!(WhitespaceOptions::default().tiers, [Tier::Key, Tier::Development]);
/// let all = WhitespaceOptions { tiers: Tier::ALL.to_vec() };
/// assert_eq!(all.tiers.len(), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WhitespaceOptions {
    /// The tiers whose accounts' opportunities are ranked, in the order they are listed. A
    /// tier listed twice counts once.
    pub tiers: Vec<Tier>,
}

impl Default for WhitespaceOptions {
    fn default() -> Self {
        WhitespaceOptions {
            tiers: vec![Tier::Key, Tier::Development],
        }
    }
}

/// Whitespace of a classified portfolio: a grid per account (a cell per product line), totals
/// per product line, and the opportunities (account and line) ranked within each tier worth
/// investing in.
///
/// Accounts come in the classification's order (revenue descending, then id); opportunities
/// tier by tier in the order of [`WhitespaceOptions::tiers`], each tier by whitespace
/// descending, ties by the accounts' order and then the product lines' order. Cells with no
/// whitespace are not opportunities.
///
/// # Examples
///
/// ```
/// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
/// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
/// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Error);
/// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
/// use keyaccount::portfolio::{ProductData, ProductRecord, Whitespace, WhitespaceOptions};
/// use keyaccount::{FourS, Tier};
///
/// let rolled = Portfolio::new(vec![
///     AccountRecord::new("A", "Alpha", 90.0).with_fit_rating("growth", 10.0).with_strength_rating("trust", 9.0),
///     AccountRecord::new("B", "Beta", 10.0).with_fit_rating("growth", 2.0).with_strength_rating("trust", 2.0),
/// ])?
/// .roll_up()?;
/// let tiers = rolled.score(&config)?.classify(FourS::default());
/// assert_eq!(tiers.tier_of("A"), Some(Tier::Key));
///
/// let products = ProductData::new(vec![
///     ProductRecord::new("A", "coatings", 60.0, 100.0),
///     ProductRecord::new("A", "adhesives", 30.0, 90.0),
///     ProductRecord::new("B", "coatings", 10.0, 80.0),
/// ])?
/// .roll_up(&rolled)?;
/// let w = Whitespace::new(&products, &tiers, &WhitespaceOptions::default())?;
///
/// assert_eq!(w.products, ["coatings", "adhesives"]);
/// assert_eq!(w.accounts[0].whitespace, 100.0); // A: 40 in coatings, 60 in adhesives
/// assert_eq!(w.totals[0].whitespace, 110.0); // coatings: 40 (A) + 70 (B)
/// // B is Transactional: not an opportunity by default. A's adhesives come first.
/// let top: Vec<(&str, &str)> =
///     w.opportunities.iter().map(|o| (o.id.as_str(), o.product.as_str())).collect();
/// assert_eq!(top, [("A", "adhesives"), ("A", "coatings")]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Whitespace {
    /// The product lines, in the order of [`ProductData::products`].
    pub products: Vec<String>,
    /// Every account with product data, in the classification's order.
    pub accounts: Vec<AccountWhitespace>,
    /// Per product line, in the order of `products`.
    pub totals: Vec<ProductTotal>,
    /// The tiers whose opportunities are ranked.
    pub tiers: Vec<Tier>,
    /// The opportunities, tier by tier, ranked within each.
    pub opportunities: Vec<WhitespaceOpportunity>,
    /// Accounts in the ranked tiers without any product data, in the classification's order:
    /// their whitespace is unknown, not zero.
    pub without_products: Vec<String>,
}

impl Whitespace {
    /// The whitespace of the accounts of `classification` from `products` (rolled up to the
    /// same accounts: see [`ProductData::roll_up`]).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownProductAccount`] for a row whose account is not in the classification
    /// (for instance a member's row that was not rolled up);
    /// [`Error::ProductTotalOverflow`] if a product line's total is too large to add up.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod};
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |s, f: &str| Scorecard::new(s, vec![Factor::new(f, 1.0, RatingScale::default())], MissingRating::Neutral);
    /// # let config = ScoringConfig::new(ShareMethod::PercentileRank, card(ScoreField::StrategicFit, "growth")?, card(ScoreField::RelationshipStrength, "trust")?)?;
    /// use keyaccount::portfolio::{ProductData, ProductRecord, Whitespace, WhitespaceOptions};
    /// use keyaccount::{Error, FourS};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("G", "Group", 90.0),
    ///     AccountRecord::new("G-PL", "Group Poland", 10.0).with_parent("G"),
    /// ])?;
    /// let tiers = p.roll_up()?.score(&config)?.classify(FourS::default());
    /// let member_rows = ProductData::new(vec![ProductRecord::new("G-PL", "coatings", 1.0, 2.0)])?;
    /// let err = Whitespace::new(&member_rows, &tiers, &WhitespaceOptions::default()).unwrap_err();
    /// assert!(matches!(err, Error::UnknownProductAccount { .. })); // roll up first
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(
        products: &ProductData,
        classification: &Classification,
        options: &WhitespaceOptions,
    ) -> Result<Self> {
        let mut tiers: Vec<Tier> = Vec::with_capacity(options.tiers.len());
        for &t in &options.tiers {
            if !tiers.contains(&t) {
                tiers.push(t);
            }
        }
        let product_index: HashMap<&str, usize> = products
            .products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let mut rows_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in products.records.iter().enumerate() {
            rows_of.entry(r.id.as_str()).or_default().push(i);
        }

        let mut accounts = Vec::new();
        let mut without_products = Vec::new();
        let mut matched = 0;
        for c in classification.accounts() {
            let id: &str = &c.account.id;
            let tier = c.assessment.tier;
            let Some(rows) = rows_of.get(id) else {
                if tiers.contains(&tier) {
                    without_products.push(id.to_owned());
                }
                continue;
            };
            matched += rows.len();
            let mut cells = vec![None; products.products.len()];
            let (mut revenue, mut potential) = (0.0, 0.0);
            for &i in rows {
                let r = &products.records[i];
                revenue += r.revenue;
                potential += r.potential;
                cells[product_index[r.product.as_str()]] = Some(ProductCell {
                    revenue: r.revenue,
                    potential: r.potential,
                    whitespace: r.whitespace(),
                });
            }
            if !potential.is_finite() {
                // A row's amounts are finite, so only the account's sum can overflow.
                let r = &products.records[rows[0]];
                return Err(Error::ProductTotalOverflow {
                    product: r.product.clone(),
                    group: Some(id.to_owned()),
                    field: AmountField::Potential,
                });
            }
            accounts.push(AccountWhitespace {
                id: id.to_owned(),
                name: c.account.name.to_string(),
                tier,
                revenue,
                potential,
                whitespace: potential - revenue,
                cells,
            });
        }
        if matched < products.records.len() {
            let known: HashMap<&str, ()> = accounts.iter().map(|a| (a.id.as_str(), ())).collect();
            if let Some(r) = products
                .records
                .iter()
                .find(|r| !known.contains_key(r.id.as_str()))
            {
                return Err(Error::UnknownProductAccount {
                    account: r.id.clone(),
                    product: r.product.clone(),
                });
            }
        }

        let mut totals: Vec<ProductTotal> = products
            .products
            .iter()
            .map(|p| ProductTotal {
                product: p.clone(),
                accounts: 0,
                revenue: 0.0,
                potential: 0.0,
                whitespace: 0.0,
            })
            .collect();
        for a in &accounts {
            for (t, cell) in totals.iter_mut().zip(&a.cells) {
                if let Some(cell) = cell {
                    t.accounts += 1;
                    t.revenue += cell.revenue;
                    t.potential += cell.potential;
                }
            }
        }
        for t in &mut totals {
            if !t.potential.is_finite() {
                return Err(Error::ProductTotalOverflow {
                    product: t.product.clone(),
                    group: None,
                    field: AmountField::Potential,
                });
            }
            t.whitespace = t.potential - t.revenue;
        }

        let mut opportunities = Vec::new();
        for &tier in &tiers {
            let mut cells: Vec<(usize, usize, ProductCell)> = accounts
                .iter()
                .enumerate()
                .filter(|(_, a)| a.tier == tier)
                .flat_map(|(i, a)| {
                    a.cells.iter().enumerate().filter_map(move |(p, c)| {
                        c.filter(|c| c.whitespace > 0.0).map(|c| (i, p, c))
                    })
                })
                .collect();
            // Stable: equal whitespace keeps account order, then product order.
            cells.sort_by(|x, y| y.2.whitespace.total_cmp(&x.2.whitespace));
            opportunities.extend(cells.into_iter().enumerate().map(|(rank, (i, p, c))| {
                WhitespaceOpportunity {
                    tier,
                    rank: rank + 1,
                    id: accounts[i].id.clone(),
                    name: accounts[i].name.clone(),
                    product: products.products[p].clone(),
                    revenue: c.revenue,
                    potential: c.potential,
                    whitespace: c.whitespace,
                }
            }));
        }

        Ok(Whitespace {
            products: products.products.clone(),
            accounts,
            totals,
            tiers,
            opportunities,
            without_products,
        })
    }

    /// The grid of one account, if it has product data.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Whitespace;
    ///
    /// let w = Whitespace {
    ///     products: vec![], accounts: vec![], totals: vec![], tiers: vec![],
    ///     opportunities: vec![], without_products: vec![],
    /// };
    /// assert!(w.account("A").is_none());
    /// ```
    #[must_use]
    pub fn account(&self, id: &str) -> Option<&AccountWhitespace> {
        self.accounts.iter().find(|a| a.id == id)
    }
}

/// Reads product data from a long table in CSV: one row per account and product line,
/// columns `id`, `product`, `revenue`, `potential` in any order (headers match ignoring case
/// and surrounding spaces; cells are trimmed). The delimiter is detected from the header
/// line, as for the portfolio file.
///
/// # Errors
///
/// As [`read_products_with`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::read_products;
///
/// let data = "ID;Product;Revenue;Potential\nA;coatings;40;100\nA;adhesives;10;10\n";
/// let products = read_products(data.as_bytes())?;
/// assert_eq!(products.products(), ["coatings", "adhesives"]);
/// assert_eq!(products.records()[0].whitespace(), 60.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[cfg(feature = "csv")]
pub fn read_products<R: std::io::Read>(reader: R) -> Result<ProductData> {
    read_products_with(reader, &super::InputOptions::default())
}

/// Reads product data from CSV with the delimiter and number format of `options` (the
/// analysis file's `[input]` table; its column settings are for the portfolio file and do not
/// apply here, except `ignore`, whose headers are skipped).
///
/// # Errors
///
/// [`Error::ProductHeader`] for a column of the header that is unknown, missing or repeated; [`Error::CsvMalformed`] for a line that cannot
/// be parsed; [`Error::CsvInvalidValue`] for an empty id or product or an amount that is not a
/// finite number; [`Error::CsvRecord`] naming the line, with the row's problem as its source
/// (as for [`ProductData::new`]); [`Error::Header`] for an invalid delimiter option.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{read_products_with, InputOptions};
/// use keyaccount::Error;
///
/// let options = InputOptions { decimal_comma: true, ..InputOptions::default() };
/// let data = "id;product;revenue;potential\nA;coatings;40,5;100\n";
/// assert_eq!(read_products_with(data.as_bytes(), &options)?.records()[0].revenue, 40.5);
///
/// let data = "id,product,revenue,potential\nA,coatings,40,100\nA,coatings,1,2\n";
/// let err = read_products_with(data.as_bytes(), &InputOptions::default()).unwrap_err();
/// assert!(matches!(&err, Error::CsvRecord { line: 3, source } if matches!(**source, Error::DuplicateProduct { .. })));
/// # Ok::<(), Error>(())
/// ```
#[cfg(feature = "csv")]
pub fn read_products_with<R: std::io::Read>(
    reader: R,
    options: &super::InputOptions,
) -> Result<ProductData> {
    use std::io::BufRead;

    let mut reader = std::io::BufReader::new(reader);
    let first = reader.fill_buf().map_err(|e| Error::CsvMalformed {
        line: 1,
        message: e.to_string(),
    })?;
    let end = first
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(first.len());
    let delimiter = options.delimiter_for(&first[..end])?;
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(::csv::Trim::All)
        .from_reader(reader);
    let malformed = |e: ::csv::Error| Error::CsvMalformed {
        line: e.position().map_or(0, ::csv::Position::line),
        message: e.to_string(),
    };

    const COLUMNS: [&str; 4] = ["id", "product", "revenue", "potential"];
    let headers = rdr.headers().map_err(malformed)?.clone();
    let ignored: Vec<String> = options.ignore.iter().map(|h| normalize(h)).collect();
    let mut at: [Option<usize>; 4] = [None; 4];
    for (i, h) in headers.iter().enumerate() {
        let h = normalize(h);
        if ignored.contains(&h) {
            continue;
        }
        match COLUMNS.iter().position(|&c| c == h) {
            Some(k) if at[k].is_some() => {
                return Err(Error::ProductHeader {
                    column: COLUMNS[k].to_owned(),
                    problem: "appears twice",
                })
            }
            Some(k) => at[k] = Some(i),
            None => {
                return Err(Error::ProductHeader {
                    column: headers.get(i).unwrap_or_default().to_owned(),
                    problem: "is not known",
                })
            }
        }
    }
    let mut columns = [0; 4];
    for (k, c) in at.iter().enumerate() {
        columns[k] = c.ok_or_else(|| Error::ProductHeader {
            column: COLUMNS[k].to_owned(),
            problem: "is missing",
        })?;
    }

    let mut records = Vec::new();
    let mut lines = Vec::new();
    for row in rdr.records() {
        let row = row.map_err(malformed)?;
        let line = row.position().map_or(0, ::csv::Position::line);
        let cell = |k: usize| -> Result<&str> {
            let v = row.get(columns[k]).unwrap_or_default();
            if v.is_empty() {
                return Err(Error::CsvInvalidValue {
                    line,
                    column: COLUMNS[k].to_owned(),
                    value: String::new(),
                    reason: "is empty; the column is required",
                });
            }
            Ok(v)
        };
        let amount = |k: usize| -> Result<f64> {
            let v = cell(k)?;
            let text = if options.decimal_comma {
                v.chars()
                    .filter(|&c| c != '.')
                    .map(|c| if c == ',' { '.' } else { c })
                    .collect()
            } else {
                v.to_owned()
            };
            text.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| Error::CsvInvalidValue {
                    line,
                    column: COLUMNS[k].to_owned(),
                    value: v.to_owned(),
                    reason: "is not a finite number",
                })
        };
        records.push(ProductRecord::new(
            cell(0)?,
            cell(1)?,
            amount(2)?,
            amount(3)?,
        ));
        lines.push(line);
    }
    check_records(&records).map_err(|(i, e)| Error::CsvRecord {
        line: lines[i],
        source: Box::new(e),
    })?;
    Ok(ProductData::from_checked(records))
}

/// Reads product data from a CSV file (see [`read_products`]).
///
/// # Errors
///
/// [`Error::CsvOpen`] if the file cannot be opened; otherwise as [`read_products_with`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::read_products_path;
///
/// let products = read_products_path("data/products.csv")?;
/// assert!(products.products().len() >= 3);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[cfg(feature = "csv")]
pub fn read_products_path(path: impl AsRef<std::path::Path>) -> Result<ProductData> {
    read_products_path_with(path, &super::InputOptions::default())
}

/// Reads product data from a CSV file with `options` (see [`read_products_with`]).
///
/// # Errors
///
/// [`Error::CsvOpen`] if the file cannot be opened; otherwise as [`read_products_with`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{read_products_path_with, InputOptions};
/// use keyaccount::Error;
///
/// let err = read_products_path_with("no/such/products.csv", &InputOptions::default()).unwrap_err();
/// assert!(matches!(err, Error::CsvOpen { .. }));
/// ```
#[cfg(feature = "csv")]
pub fn read_products_path_with(
    path: impl AsRef<std::path::Path>,
    options: &super::InputOptions,
) -> Result<ProductData> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::CsvOpen {
        path: path.display().to_string(),
        source: e.into(),
    })?;
    read_products_with(file, options)
}

// Headers compare ignoring case, surrounding spaces and a spreadsheet's byte-order mark.
#[cfg(feature = "csv")]
fn normalize(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, product: &str, revenue: f64, potential: f64) -> ProductRecord {
        ProductRecord::new(id, product, revenue, potential)
    }

    #[test]
    fn every_bad_row_is_a_typed_error() {
        let bad = [
            (rec("A", " ", 1.0, 2.0), "empty"),
            (rec("A", "x", f64::NAN, 2.0), "nan"),
            (rec("A", "x", 1.0, f64::INFINITY), "inf"),
            (rec("A", "x", -0.5, 2.0), "negative"),
            (rec("A", "x", 3.0, 2.0), "below"),
        ];
        for (r, what) in bad {
            let err = ProductData::new(vec![r]).unwrap_err();
            let ok = match what {
                "empty" => matches!(err, Error::EmptyProduct { .. }),
                "below" => matches!(err, Error::ProductPotentialBelowRevenue { .. }),
                _ => matches!(err, Error::InvalidProductAmount { .. }),
            };
            assert!(ok, "{what}: {err}");
        }
        assert!(ProductData::new(vec![rec("A", "x", 0.0, 0.0)]).is_ok());
    }

    #[test]
    fn roll_up_sums_members_and_keeps_groups_apart() {
        let data = ProductData::new(vec![
            rec("B-1", "x", 1.0, 2.0),
            rec("A", "y", 5.0, 5.0),
            rec("B", "x", 10.0, 20.0),
            rec("A-1", "x", 3.0, 4.0),
        ])
        .unwrap();
        let group = |id: &str| -> Option<&'static str> {
            match id {
                "A" | "A-1" => Some("A"),
                "B" | "B-1" => Some("B"),
                _ => None,
            }
        };
        let g = data.roll_up_with(group).unwrap();
        assert_eq!(
            g.records(),
            [
                rec("B", "x", 11.0, 22.0),
                rec("A", "x", 3.0, 4.0),
                rec("A", "y", 5.0, 5.0),
            ]
        );
        assert_eq!(g.products(), ["x", "y"]);
    }

    #[test]
    fn roll_up_overflow_is_an_error() {
        let data = ProductData::new(vec![
            rec("A", "x", 0.0, f64::MAX),
            rec("A-1", "x", 0.0, f64::MAX),
        ])
        .unwrap();
        let err = data.roll_up_with(|_| Some("A")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"product "x": the total potential of group "A" overflows"#
        );
    }

    #[cfg(feature = "csv")]
    #[test]
    fn csv_header_problems() {
        let read = |s: &str| read_products(s.as_bytes()).unwrap_err();
        let problem = |s: &str| match read(s) {
            Error::ProductHeader { column, problem } => (column, problem),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problem("id,product,revenue\n"),
            ("potential".to_owned(), "is missing")
        );
        assert_eq!(
            problem("id,product,revenue,potential,notes\n"),
            ("notes".to_owned(), "is not known")
        );
        assert_eq!(
            problem("id,ID,product,revenue,potential\n"),
            ("id".to_owned(), "appears twice")
        );
        assert_eq!(
            read("Id,product\n").to_string(),
            r#"product file: column "revenue" is missing (the columns are id, product, revenue, potential)"#
        );
        let options = crate::portfolio::InputOptions {
            ignore: vec!["Notes".into()],
            ..Default::default()
        };
        let ok = read_products_with(
            " Id ,PRODUCT,Revenue,Potential,notes\nA,x,1,2,hi\n".as_bytes(),
            &options,
        );
        assert_eq!(ok.unwrap().records(), [rec("A", "x", 1.0, 2.0)]);
    }

    #[cfg(feature = "csv")]
    #[test]
    fn csv_cell_problems_name_the_line() {
        let read = |s: &str| read_products(s.as_bytes()).unwrap_err();
        let err = read("id,product,revenue,potential\nA,x,1,2\nB,,1,2\n");
        assert!(
            matches!(err, Error::CsvInvalidValue { line: 3, ref column, .. } if column == "product"),
            "{err}"
        );
        let err = read("id,product,revenue,potential\nA,x,one,2\n");
        assert_eq!(
            err.to_string(),
            r#"csv line 2, column revenue: "one" is not a finite number"#
        );
        let err = read("id,product,revenue,potential\nA,x,1,2\nA,y,5,2\n");
        let Error::CsvRecord { line, source } = err else {
            panic!()
        };
        assert_eq!(line, 3);
        assert!(matches!(
            *source,
            Error::ProductPotentialBelowRevenue { .. }
        ));
        let err = read("id,product,revenue,potential\nA,x,1\n");
        assert!(matches!(err, Error::CsvMalformed { line: 2, .. }), "{err}");
    }

    #[test]
    fn serde_checks_rows() {
        let json = r#"[{"id":"A","product":"x","revenue":3,"potential":2}]"#;
        assert!(serde_json::from_str::<ProductData>(json).is_err());
        let data = ProductData::new(vec![rec("A", "x", 1.0, 2.0)]).unwrap();
        let back: ProductData =
            serde_json::from_str(&serde_json::to_string(&data).unwrap()).unwrap();
        assert_eq!(back, data);
    }
}
