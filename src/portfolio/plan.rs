//! The account-manager plan: how many managers of each kind a portfolio needs.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::coverage::CoverageLevel;
use crate::portfolio::AmountField;
use crate::tier::Tier;

/// Accounts one manager carries, by tier (rows, [`Tier::ALL`] order) and coverage level
/// (columns, [`CoverageLevel::ALL`] order): the defaults of [`PlanConfig`].
///
/// | tier | global | national | divisional | district | territory |
/// | --- | --- | --- | --- | --- | --- |
/// | Key | 2 | 4 | 6 | 8 | 10 |
/// | Development | 4 | 8 | 12 | 16 | 20 |
/// | Maintenance | 8 | 15 | 20 | 25 | 30 |
/// | Transactional | 15 | 25 | 30 | 35 | 40 |
///
/// These are a convention of this crate, not figures from a study: set your own in
/// `[plan.capacity]`. They are anchored on the two examples of practice this crate was asked
/// to meet (a global account manager carries 2 Key accounts, a territory manager 40
/// Transactional ones) and follow two directions that practice agrees on: the more important
/// the account, the fewer a manager carries (large accounts have a dedicated manager or a whole
/// team, small ones are managed as a portfolio of many, Dilger 2016), and the wider the level,
/// the fewer a manager carries (a global account is coordinated across countries and
/// functions). In between, the numbers step evenly.
///
/// # References
///
/// - Dilger, P. (2016). What type of account manager are you? (account management coverage:
///   n:1 teams, 1:1 dedicated managers, 1:n portfolios of 5 to 500 accounts).
/// - "Account manager", *Wikipedia*: global, national, divisional, district and territory
///   account managers; hierarchy or matrix structures.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::DEFAULT_CAPACITY;
///
/// assert_eq!(DEFAULT_CAPACITY[0][0], 2); // Key, global
/// assert_eq!(DEFAULT_CAPACITY[3][4], 40); // Transactional, territory
/// ```
pub const DEFAULT_CAPACITY: [[u64; 5]; 4] = [
    [2, 4, 6, 8, 10],
    [4, 8, 12, 16, 20],
    [8, 15, 20, 25, 30],
    [15, 25, 30, 35, 40],
];

/// The default revenue share above which a global Key account needs a national manager in a
/// country (matrix structure): 10%.
///
/// A convention of this crate: a country that brings a tenth of a global account's revenue is a
/// material operation that needs its own contact on the ground; below that the global account
/// manager serves it directly.
///
/// # Examples
///
/// ```
/// assert_eq!(keyaccount::portfolio::DEFAULT_MATRIX_SHARE, 0.1);
/// ```
pub const DEFAULT_MATRIX_SHARE: f64 = 0.1;

/// How global and national account managers work together.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::Structure;
///
/// assert_eq!(Structure::default(), Structure::Matrix);
/// assert_eq!(Structure::Hierarchy.to_string(), "hierarchy");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// The global account manager alone serves the account in every country.
    Hierarchy,
    /// A global Key account also has a national manager in each country where it has
    /// locations bringing more than the matrix share of its revenue. The default: the global
    /// manager coordinates, local managers serve the material country operations.
    #[default]
    Matrix,
}

impl fmt::Display for Structure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Structure::Hierarchy => "hierarchy",
            Structure::Matrix => "matrix",
        })
    }
}

/// Accounts per manager for each tier at one coverage level, as written in an analysis file;
/// a tier left out keeps its default.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::TierCapacities;
///
/// let c = TierCapacities { key: Some(1), ..TierCapacities::default() };
/// assert_eq!(c.get(keyaccount::Tier::Key), Some(1));
/// assert_eq!(c.get(keyaccount::Tier::Development), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TierCapacities {
    /// Key accounts per manager.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<i64>,
    /// Development accounts per manager.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub development: Option<i64>,
    /// Maintenance accounts per manager.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<i64>,
    /// Transactional accounts per manager.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactional: Option<i64>,
}

impl TierCapacities {
    /// The capacity given for tier `tier`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::TierCapacities, Tier};
    ///
    /// assert_eq!(TierCapacities::default().get(Tier::Key), None);
    /// ```
    #[must_use]
    pub const fn get(&self, tier: Tier) -> Option<i64> {
        match tier {
            Tier::Key => self.key,
            Tier::Development => self.development,
            Tier::Maintenance => self.maintenance,
            Tier::Transactional => self.transactional,
        }
    }
}

/// `[plan]`: the account-manager plan's settings, as written in an analysis file.
///
/// | key | default |
/// | --- | --- |
/// | `structure` | `"matrix"` ([`Structure`]) |
/// | `matrix_share` | 0.1 ([`DEFAULT_MATRIX_SHARE`]): a global Key account needs a national manager in a country whose locations bring more than this share of its revenue |
/// | `capacity` | accounts per manager by level and tier, [`DEFAULT_CAPACITY`] for what is left out |
///
/// ```toml
/// [plan]
/// structure = "matrix"
/// matrix_share = 0.15
/// [plan.capacity]
/// global = { key = 1, development = 3 }
/// territory = { transactional = 60 }
/// ```
///
/// Check it with [`PlanConfig::planner`]; a level name other than global, national,
/// divisional, district or territory, and a capacity of zero or below, are errors naming the
/// setting.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanConfig, TierCapacities};
/// use keyaccount::Tier;
///
/// let mut config = PlanConfig::default();
/// config.capacity.insert("global".into(), TierCapacities { key: Some(1), ..Default::default() });
/// let planner = config.planner()?;
/// assert_eq!(planner.capacity(Tier::Key, CoverageLevel::Global), 1);
/// assert_eq!(planner.capacity(Tier::Key, CoverageLevel::National), 4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct PlanConfig {
    /// How global and national managers work together.
    pub structure: Structure,
    /// The revenue share above which a global Key account needs a national manager in a
    /// country (matrix structure only), in [0, 1).
    pub matrix_share: f64,
    /// Accounts per manager, by coverage level name, then tier.
    pub capacity: BTreeMap<String, TierCapacities>,
}

impl Default for PlanConfig {
    fn default() -> Self {
        PlanConfig {
            structure: Structure::default(),
            matrix_share: DEFAULT_MATRIX_SHARE,
            capacity: BTreeMap::new(),
        }
    }
}

impl PlanConfig {
    /// Checks the settings and gives the planner.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCoverageLevel`] for a level name in `capacity` that is not a level
    /// (setting `plan.capacity`); [`Error::InvalidCapacity`] for a capacity of zero or below,
    /// naming its tier and level; [`Error::InvalidMatrixShare`] for a matrix share that is not a
    /// finite number in [0, 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{PlanConfig, TierCapacities};
    ///
    /// let mut config = PlanConfig::default();
    /// config.capacity.insert("national".into(), TierCapacities { maintenance: Some(0), ..Default::default() });
    /// assert_eq!(
    ///     config.planner().unwrap_err().to_string(),
    ///     "plan.capacity.national.maintenance: 0 accounts per manager is invalid: a manager carries at least 1 account"
    /// );
    /// ```
    pub fn planner(&self) -> Result<Planner> {
        if !(self.matrix_share.is_finite() && (0.0..1.0).contains(&self.matrix_share)) {
            return Err(Error::InvalidMatrixShare {
                value: self.matrix_share,
            });
        }
        let mut capacity = DEFAULT_CAPACITY;
        for (name, tiers) in &self.capacity {
            let level = CoverageLevel::parse_setting(name, "plan.capacity")?;
            for tier in Tier::ALL {
                let Some(value) = tiers.get(tier) else {
                    continue;
                };
                if value < 1 {
                    return Err(Error::InvalidCapacity { tier, level, value });
                }
                capacity[tier_index(tier)][level.index()] = value.unsigned_abs();
            }
        }
        Ok(Planner {
            structure: self.structure,
            matrix_share: self.matrix_share,
            capacity,
        })
    }
}

/// The checked settings of the account-manager plan; makes a [`Plan`] from a portfolio's
/// accounts.
///
/// # The rule
///
/// - Each account is counted once, in the cell of its tier and coverage level.
/// - Managers needed in a cell: `ceil(accounts / capacity)`, where capacity is the accounts one
///   manager of that level carries in that tier. A manager carries accounts of one tier and
///   level, so cells are not pooled.
/// - Matrix structure: every global Key account also needs a national manager in each country
///   whose locations bring more than the matrix share of its revenue (none if its revenue is
///   zero). Per country: `ceil(such accounts / capacity of Key at the national level)`; these
///   matrix managers count at the national level, beside the national cells.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner};
/// use keyaccount::Tier;
///
/// let accounts = vec![
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 100.0)
///         .with_country("DE", 70.0)
///         .with_country("FR", 30.0),
///     PlanAccount::new("B", "Beta", Tier::Key, CoverageLevel::Global, 50.0)
///         .with_country("DE", 45.0)
///         .with_country("PL", 5.0),
///     PlanAccount::new("C", "Gamma", Tier::Key, CoverageLevel::Global, 40.0)
///         .with_country("FR", 40.0)
///         .with_country("ES", 0.0),
/// ];
/// let plan = Planner::default().plan(&accounts)?;
/// let cell = plan.cell(Tier::Key, CoverageLevel::Global);
/// assert_eq!((cell.accounts, cell.managers), (3, 2)); // ceil(3 / 2)
/// // DE: A and B; FR: A and C; PL (10%) and ES (0%) are not above 10%.
/// let countries: Vec<_> = plan.matrix.iter().map(|c| (c.country.as_str(), c.accounts)).collect();
/// assert_eq!(countries, [("DE", 2), ("FR", 2)]);
/// assert_eq!(plan.level(CoverageLevel::National).matrix_managers, 2); // ceil(2 / 4) per country
/// assert_eq!(plan.total.managers, 4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Planner {
    structure: Structure,
    matrix_share: f64,
    capacity: [[u64; 5]; 4],
}

impl Default for Planner {
    /// The default settings (see [`PlanConfig`]).
    fn default() -> Self {
        Planner {
            structure: Structure::default(),
            matrix_share: DEFAULT_MATRIX_SHARE,
            capacity: DEFAULT_CAPACITY,
        }
    }
}

impl Planner {
    /// Accounts one manager carries in tier `tier` at level `level` (at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Planner};
    /// use keyaccount::Tier;
    ///
    /// assert_eq!(Planner::default().capacity(Tier::Transactional, CoverageLevel::Territory), 40);
    /// ```
    #[must_use]
    pub const fn capacity(&self, tier: Tier, level: CoverageLevel) -> u64 {
        self.capacity[tier_index(tier)][level.index()]
    }

    /// The structure.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{Planner, Structure};
    ///
    /// assert_eq!(Planner::default().structure(), Structure::Matrix);
    /// ```
    #[must_use]
    pub const fn structure(&self) -> Structure {
        self.structure
    }

    /// The matrix share.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Planner;
    ///
    /// assert_eq!(Planner::default().matrix_share(), 0.1);
    /// ```
    #[must_use]
    pub const fn matrix_share(&self) -> f64 {
        self.matrix_share
    }

    /// The plan for `accounts` (see the rule on [`Planner`]).
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateAccount`] for an id given twice; [`Error::InvalidAmount`] naming the
    /// account for a revenue or a country's revenue that is negative, NaN or infinite;
    /// [`Error::TotalOverflow`] when revenues are too large to add up.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner};
    /// use keyaccount::Tier;
    ///
    /// let accounts: Vec<PlanAccount> = (0..41)
    ///     .map(|i| PlanAccount::new(format!("T{i}"), "Shop", Tier::Transactional, CoverageLevel::Territory, 1.0))
    ///     .collect();
    /// let plan = Planner::default().plan(&accounts)?;
    /// assert_eq!(plan.level(CoverageLevel::Territory).managers, 2); // ceil(41 / 40)
    ///
    /// let bad = [PlanAccount::new("X", "X", Tier::Key, CoverageLevel::Global, f64::NAN)];
    /// assert!(Planner::default().plan(&bad).is_err());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn plan(&self, accounts: &[PlanAccount]) -> Result<Plan> {
        check_accounts(accounts)?;
        let mut counts = [[0usize; 5]; 4];
        let mut revenues = [[0.0f64; 5]; 4];
        let mut matrix: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
        let mut matrix_accounts = Vec::new();
        let mut total = 0.0f64;
        for a in accounts {
            total += a.revenue;
            if !total.is_finite() {
                return Err(Error::TotalOverflow {
                    account: a.id.clone(),
                    field: AmountField::Revenue,
                });
            }
            let (t, l) = (tier_index(a.tier), a.level.index());
            counts[t][l] += 1;
            revenues[t][l] += a.revenue;
            let matrix_account = self.structure == Structure::Matrix
                && a.tier == Tier::Key
                && a.level == CoverageLevel::Global;
            if !matrix_account || a.revenue <= 0.0 {
                continue;
            }
            let mut by_country: BTreeMap<&str, f64> = BTreeMap::new();
            for (country, revenue) in &a.countries {
                *by_country.entry(country.as_str()).or_default() += revenue;
            }
            let countries: Vec<(String, f64)> = by_country
                .into_iter()
                .filter(|(_, r)| r / a.revenue > self.matrix_share)
                .map(|(c, r)| {
                    let entry = matrix.entry(c).or_default();
                    entry.0 += 1;
                    entry.1 += r;
                    (c.to_owned(), r)
                })
                .collect();
            matrix_accounts.push(MatrixAccount {
                id: a.id.clone(),
                name: a.name.clone(),
                revenue: a.revenue,
                countries,
            });
        }

        let national_key = self.capacity(Tier::Key, CoverageLevel::National);
        let matrix: Vec<MatrixCountry> = matrix
            .into_iter()
            .map(|(country, (n, revenue))| MatrixCountry {
                country: country.to_owned(),
                accounts: n,
                revenue,
                managers: managers(n, national_key),
            })
            .collect();
        let matrix_managers: u64 = matrix.iter().map(|c| c.managers).sum();

        let mut cells = Vec::with_capacity(20);
        for tier in Tier::ALL {
            for level in CoverageLevel::ALL {
                let (t, l) = (tier_index(tier), level.index());
                let capacity = self.capacity(tier, level);
                cells.push(PlanCell {
                    tier,
                    level,
                    accounts: counts[t][l],
                    revenue: revenues[t][l],
                    capacity,
                    managers: managers(counts[t][l], capacity),
                });
            }
        }
        // Every cell and country sums part of `total`, so each is finite too.
        let total_revenue: f64 = cells.iter().map(|c| c.revenue).sum();
        let share = |r: f64| {
            if total_revenue > 0.0 {
                r / total_revenue
            } else {
                0.0
            }
        };
        let levels: Vec<LevelTotal> = CoverageLevel::ALL
            .into_iter()
            .map(|level| {
                let in_level = cells.iter().filter(|c| c.level == level);
                let revenue: f64 = in_level.clone().map(|c| c.revenue).sum();
                let extra = if level == CoverageLevel::National {
                    matrix_managers
                } else {
                    0
                };
                LevelTotal {
                    level: Some(level),
                    accounts: in_level.clone().map(|c| c.accounts).sum(),
                    revenue,
                    share: share(revenue),
                    managers: in_level.map(|c| c.managers).sum::<u64>() + extra,
                    matrix_managers: extra,
                }
            })
            .collect();
        let total = LevelTotal {
            level: None,
            accounts: accounts.len(),
            revenue: total_revenue,
            share: if total_revenue > 0.0 { 1.0 } else { 0.0 },
            managers: levels.iter().map(|l| l.managers).sum(),
            matrix_managers,
        };
        Ok(Plan {
            structure: self.structure,
            matrix_share: self.matrix_share,
            cells,
            levels,
            total,
            matrix,
            matrix_accounts,
        })
    }
}

const fn tier_index(tier: Tier) -> usize {
    tier.number() as usize - 1
}

fn managers(accounts: usize, capacity: u64) -> u64 {
    (accounts as u64).div_ceil(capacity.max(1))
}

fn check_accounts(accounts: &[PlanAccount]) -> Result<()> {
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(accounts.len());
    for a in accounts {
        if seen.insert(a.id.as_str(), ()).is_some() {
            return Err(Error::DuplicateAccount {
                account: a.id.clone(),
            });
        }
        let amounts = std::iter::once(a.revenue).chain(a.countries.iter().map(|(_, r)| *r));
        for value in amounts {
            if !(value.is_finite() && value >= 0.0) {
                return Err(Error::InvalidAmount {
                    account: a.id.clone(),
                    field: AmountField::Revenue,
                    value,
                });
            }
        }
    }
    Ok(())
}

/// One account as the plan sees it: its tier, its coverage level, its revenue and the revenue
/// of its locations by country.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount};
/// use keyaccount::Tier;
///
/// let a = PlanAccount::new("G", "Group", Tier::Key, CoverageLevel::Global, 10.0)
///     .with_country("DE", 6.0)
///     .with_country("FR", 4.0);
/// assert_eq!(a.countries.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanAccount {
    /// The account's (group's) id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its tier.
    pub tier: Tier,
    /// Its coverage level.
    pub level: CoverageLevel,
    /// Its revenue.
    pub revenue: f64,
    /// The revenue of its locations by country; a country given twice counts once, with the
    /// sum (a location without a country is left out).
    pub countries: Vec<(String, f64)>,
}

impl PlanAccount {
    /// An account with no country revenue.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, PlanAccount};
    /// use keyaccount::Tier;
    ///
    /// let a = PlanAccount::new("A", "Alpha", Tier::Maintenance, CoverageLevel::District, 3.0);
    /// assert_eq!(a.level, CoverageLevel::District);
    /// ```
    #[must_use]
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        tier: Tier,
        level: CoverageLevel,
        revenue: f64,
    ) -> Self {
        PlanAccount {
            id: id.into(),
            name: name.into(),
            tier,
            level,
            revenue,
            countries: Vec::new(),
        }
    }

    /// With `revenue` from locations in `country`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, PlanAccount};
    /// use keyaccount::Tier;
    ///
    /// let a = PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 3.0)
    ///     .with_country("DE", 3.0);
    /// assert_eq!(a.countries, [("DE".to_string(), 3.0)]);
    /// ```
    #[must_use]
    pub fn with_country(mut self, country: impl Into<String>, revenue: f64) -> Self {
        self.countries.push((country.into(), revenue));
        self
    }
}

/// One cell of the plan: the accounts of one tier at one coverage level and the managers they
/// need.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner};
/// use keyaccount::Tier;
///
/// let plan = Planner::default()
///     .plan(&[PlanAccount::new("A", "Alpha", Tier::Development, CoverageLevel::National, 5.0)])?;
/// let cell = plan.cell(Tier::Development, CoverageLevel::National);
/// assert_eq!((cell.accounts, cell.revenue, cell.capacity, cell.managers), (1, 5.0, 8, 1));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanCell {
    /// The tier.
    pub tier: Tier,
    /// The coverage level.
    pub level: CoverageLevel,
    /// The accounts in the cell.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Accounts per manager.
    pub capacity: u64,
    /// Managers needed: `ceil(accounts / capacity)`.
    pub managers: u64,
}

/// Totals of one coverage level, or of the whole plan.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner};
/// use keyaccount::Tier;
///
/// let plan = Planner::default().plan(&[
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::District, 3.0),
///     PlanAccount::new("B", "Beta", Tier::Transactional, CoverageLevel::District, 1.0),
/// ])?;
/// let district = plan.level(CoverageLevel::District);
/// assert_eq!((district.accounts, district.managers, district.share), (2, 2, 1.0));
/// assert_eq!(plan.total.level, None);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelTotal {
    /// The level; `None` for the plan's total.
    pub level: Option<CoverageLevel>,
    /// Accounts at the level.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of the plan's revenue (0 when it is zero).
    pub share: f64,
    /// Managers needed, the matrix managers included.
    pub managers: u64,
    /// Of those, national managers of global Key accounts (matrix structure).
    pub matrix_managers: u64,
}

/// The national managers that global Key accounts need in one country (matrix structure).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner};
/// use keyaccount::Tier;
///
/// let plan = Planner::default().plan(&[
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 10.0)
///         .with_country("DE", 8.0)
///         .with_country("FR", 2.0),
/// ])?;
/// let de = &plan.matrix[0];
/// assert_eq!((de.country.as_str(), de.accounts, de.revenue, de.managers), ("DE", 1, 8.0, 1));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatrixCountry {
    /// The country.
    pub country: String,
    /// Global Key accounts that need a national manager there.
    pub accounts: usize,
    /// Their revenue in the country.
    pub revenue: f64,
    /// National managers needed: `ceil(accounts / capacity of Key at the national level)`.
    pub managers: u64,
}

/// A global Key account and the countries where it needs a national manager (matrix
/// structure).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner};
/// use keyaccount::Tier;
///
/// let plan = Planner::default().plan(&[
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 10.0)
///         .with_country("DE", 5.0)
///         .with_country("FR", 5.0),
/// ])?;
/// let a = &plan.matrix_accounts[0];
/// assert_eq!(a.id, "A");
/// assert_eq!(a.countries, [("DE".to_string(), 5.0), ("FR".to_string(), 5.0)]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatrixAccount {
    /// The account's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its revenue.
    pub revenue: f64,
    /// The countries above the matrix share, with its revenue there, sorted by country.
    pub countries: Vec<(String, f64)>,
}

/// The account-manager plan: per tier and coverage level the accounts, their revenue and the
/// managers needed, totals per level, and the matrix managers of global Key accounts.
///
/// Made by [`Planner::plan`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, PlanAccount, Planner, Structure};
/// use keyaccount::Tier;
///
/// let plan = Planner::default().plan(&[
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::National, 10.0),
/// ])?;
/// assert_eq!(plan.structure, Structure::Matrix);
/// assert_eq!(plan.cells.len(), 20);
/// assert_eq!(plan.levels.len(), 5);
/// assert_eq!(plan.total.managers, 1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// The structure used.
    pub structure: Structure,
    /// The matrix share used.
    pub matrix_share: f64,
    /// Every tier and level, empty cells included: [`Tier::ALL`] order, and within a tier
    /// [`CoverageLevel::ALL`] order.
    pub cells: Vec<PlanCell>,
    /// One total per level, [`CoverageLevel::ALL`] order.
    pub levels: Vec<LevelTotal>,
    /// The plan's total.
    pub total: LevelTotal,
    /// National managers of global Key accounts by country, sorted by country (empty in a
    /// hierarchy).
    pub matrix: Vec<MatrixCountry>,
    /// The global Key accounts with positive revenue, in input order (empty in a hierarchy).
    pub matrix_accounts: Vec<MatrixAccount>,
}

impl Plan {
    /// The cell of tier `tier` at level `level`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Planner};
    /// use keyaccount::Tier;
    ///
    /// let plan = Planner::default().plan(&[])?;
    /// assert_eq!(plan.cell(Tier::Key, CoverageLevel::Global).accounts, 0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn cell(&self, tier: Tier, level: CoverageLevel) -> &PlanCell {
        &self.cells[tier_index(tier) * 5 + level.index()]
    }

    /// The totals of level `level`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Planner};
    ///
    /// let plan = Planner::default().plan(&[])?;
    /// assert_eq!(plan.level(CoverageLevel::Global).managers, 0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn level(&self, level: CoverageLevel) -> &LevelTotal {
        &self.levels[level.index()]
    }
}

/// An account whose coverage level changed between two periods.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{level_moves, CoverageLevel, PlanAccount};
/// use keyaccount::Tier;
///
/// let before = [PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::National, 5.0)];
/// let now = [PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 6.0)];
/// let moves = level_moves(&before, &now)?;
/// assert!(moves[0].is_up());
/// assert_eq!((moves[0].from, moves[0].to), (CoverageLevel::National, CoverageLevel::Global));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelMove {
    /// The account's id.
    pub id: String,
    /// Its name (in the later period).
    pub name: String,
    /// Its tier in the later period.
    pub tier: Tier,
    /// Its level in the earlier period.
    pub from: CoverageLevel,
    /// Its level in the later period.
    pub to: CoverageLevel,
    /// Its revenue in the later period.
    pub revenue: f64,
}

impl LevelMove {
    /// Whether the account moved to a wider level (a national account that gained a location
    /// abroad).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{level_moves, CoverageLevel, PlanAccount};
    /// use keyaccount::Tier;
    ///
    /// let before = [PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 5.0)];
    /// let now = [PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Territory, 5.0)];
    /// assert!(!level_moves(&before, &now)?[0].is_up());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_up(&self) -> bool {
        self.to > self.from
    }
}

/// The accounts in both periods whose coverage level changed: moves up first, then down, each
/// by revenue in the later period (largest first), then id. Accounts in only one period are
/// not moves.
///
/// # Errors
///
/// [`Error::DuplicateAccount`] for an id given twice in one period.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{level_moves, CoverageLevel, PlanAccount};
/// use keyaccount::Tier;
///
/// let before = [
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::National, 5.0),
///     PlanAccount::new("B", "Beta", Tier::Key, CoverageLevel::Territory, 5.0),
/// ];
/// let now = [
///     PlanAccount::new("B", "Beta", Tier::Key, CoverageLevel::Territory, 5.0),
///     PlanAccount::new("A", "Alpha", Tier::Key, CoverageLevel::Global, 6.0),
///     PlanAccount::new("C", "Gamma", Tier::Key, CoverageLevel::Global, 7.0),
/// ];
/// let moves = level_moves(&before, &now)?;
/// assert_eq!(moves.len(), 1);
/// assert_eq!(moves[0].id, "A");
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn level_moves(previous: &[PlanAccount], current: &[PlanAccount]) -> Result<Vec<LevelMove>> {
    let mut before: HashMap<&str, CoverageLevel> = HashMap::with_capacity(previous.len());
    for a in previous {
        if before.insert(a.id.as_str(), a.level).is_some() {
            return Err(Error::DuplicateAccount {
                account: a.id.clone(),
            });
        }
    }
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(current.len());
    let mut moves = Vec::new();
    for a in current {
        if seen.insert(a.id.as_str(), ()).is_some() {
            return Err(Error::DuplicateAccount {
                account: a.id.clone(),
            });
        }
        match before.get(a.id.as_str()) {
            Some(from) if *from != a.level => moves.push(LevelMove {
                id: a.id.clone(),
                name: a.name.clone(),
                tier: a.tier,
                from: *from,
                to: a.level,
                revenue: a.revenue,
            }),
            _ => {}
        }
    }
    moves.sort_by(|a, b| {
        b.is_up()
            .cmp(&a.is_up())
            .then(b.revenue.total_cmp(&a.revenue))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(moves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use CoverageLevel::{District, Divisional, Global, National, Territory};

    fn account(id: &str, tier: Tier, level: CoverageLevel, revenue: f64) -> PlanAccount {
        PlanAccount::new(id, id, tier, level, revenue)
    }

    // A hand-worked portfolio with every level, default capacities.
    #[test]
    fn hand_worked_portfolio() {
        let mut accounts = vec![
            // 3 global Key: ceil(3/2) = 2 global managers.
            account("G1", Tier::Key, Global, 300.0)
                .with_country("DE", 150.0)
                .with_country("FR", 120.0)
                .with_country("PL", 30.0), // exactly 10%: not above
            account("G2", Tier::Key, Global, 200.0)
                .with_country("DE", 100.0)
                .with_country("DE", 20.0) // two locations in DE: 120
                .with_country("IT", 80.0),
            account("G3", Tier::Key, Global, 100.0)
                .with_country("FR", 95.0)
                .with_country("ES", 5.0),
            // 5 national Development: ceil(5/8) = 1.
            account("N1", Tier::Development, National, 50.0),
            account("N2", Tier::Development, National, 50.0),
            account("N3", Tier::Development, National, 50.0),
            account("N4", Tier::Development, National, 50.0),
            account("N5", Tier::Development, National, 50.0),
            // 1 divisional Maintenance, 2 district Key.
            account("V1", Tier::Maintenance, Divisional, 40.0),
            account("D1", Tier::Key, District, 30.0),
            account("D2", Tier::Key, District, 30.0),
        ];
        // 81 territory Transactional: ceil(81/40) = 3.
        for i in 0..81 {
            accounts.push(account(
                &format!("T{i:02}"),
                Tier::Transactional,
                Territory,
                1.0,
            ));
        }
        let plan = Planner::default().plan(&accounts).unwrap();

        let cell = plan.cell(Tier::Key, Global);
        assert_eq!((cell.accounts, cell.revenue, cell.managers), (3, 600.0, 2));
        assert_eq!(plan.cell(Tier::Development, National).managers, 1);
        assert_eq!(plan.cell(Tier::Maintenance, Divisional).managers, 1);
        assert_eq!(plan.cell(Tier::Key, District).managers, 1);
        assert_eq!(plan.cell(Tier::Transactional, Territory).managers, 3);
        assert_eq!(plan.cell(Tier::Key, National).managers, 0);

        // Matrix: DE has G1 (50%) and G2 (60%); FR has G1 (40%) and G3 (95%); IT has G2
        // (40%); PL (10%) and ES (5%) are not above 10%. Key national capacity 4: one each.
        let matrix: Vec<(&str, usize, f64, u64)> = plan
            .matrix
            .iter()
            .map(|c| (c.country.as_str(), c.accounts, c.revenue, c.managers))
            .collect();
        assert_eq!(
            matrix,
            [("DE", 2, 270.0, 1), ("FR", 2, 215.0, 1), ("IT", 1, 80.0, 1)]
        );
        assert_eq!(plan.matrix_accounts.len(), 3);
        assert_eq!(
            plan.matrix_accounts[1].countries,
            [("DE".to_string(), 120.0), ("IT".to_string(), 80.0)]
        );

        let national = plan.level(National);
        assert_eq!(
            (
                national.accounts,
                national.managers,
                national.matrix_managers
            ),
            (5, 4, 3)
        );
        assert_eq!(plan.level(Global).managers, 2);
        assert_eq!(plan.level(Territory).accounts, 81);
        assert_eq!(plan.total.accounts, 92);
        assert_eq!(plan.total.managers, 2 + 4 + 1 + 1 + 3);
        assert_eq!(plan.total.revenue, 600.0 + 250.0 + 40.0 + 60.0 + 81.0);
        let shares: f64 = plan.levels.iter().map(|l| l.share).sum();
        assert!((shares - 1.0).abs() < 1e-12);

        // The same portfolio in a hierarchy: no matrix managers.
        let config = PlanConfig {
            structure: Structure::Hierarchy,
            ..PlanConfig::default()
        };
        let plan = config.planner().unwrap().plan(&accounts).unwrap();
        assert!(plan.matrix.is_empty() && plan.matrix_accounts.is_empty());
        assert_eq!(plan.level(National).managers, 1);
        assert_eq!(plan.total.managers, 8);
    }

    // Matrix managers per country are pooled over accounts: ceil(5 / 4) = 2 in DE.
    #[test]
    fn matrix_managers_pool_per_country() {
        let accounts: Vec<PlanAccount> = (0..5)
            .map(|i| {
                account(&format!("G{i}"), Tier::Key, Global, 10.0)
                    .with_country("DE", 5.0)
                    .with_country("AT", if i == 0 { 5.0 } else { 0.5 })
            })
            .collect();
        let plan = Planner::default().plan(&accounts).unwrap();
        assert_eq!(plan.matrix.len(), 2);
        assert_eq!(
            (plan.matrix[0].country.as_str(), plan.matrix[0].managers),
            ("AT", 1)
        );
        assert_eq!(
            (plan.matrix[1].country.as_str(), plan.matrix[1].managers),
            ("DE", 2)
        );
        // Non-Key and non-global accounts never get matrix managers; nor does zero revenue.
        let others = [
            account("D", Tier::Development, Global, 10.0).with_country("DE", 10.0),
            account("N", Tier::Key, National, 10.0).with_country("DE", 10.0),
            account("Z", Tier::Key, Global, 0.0).with_country("DE", 0.0),
        ];
        let plan = Planner::default().plan(&others).unwrap();
        assert!(plan.matrix.is_empty() && plan.matrix_accounts.is_empty());
        // Threshold 0: every country with revenue.
        let config = PlanConfig {
            matrix_share: 0.0,
            ..PlanConfig::default()
        };
        let plan = config.planner().unwrap().plan(&accounts[1..2]).unwrap();
        assert_eq!(plan.matrix.len(), 2);
    }

    #[test]
    fn settings_from_toml() {
        let config: PlanConfig = toml::from_str(
            r#"
            structure = "hierarchy"
            matrix_share = 0.25
            [capacity]
            global = { key = 1 }
            Territory = { transactional = 60, maintenance = 35 }
            "#,
        )
        .unwrap();
        let planner = config.planner().unwrap();
        assert_eq!(planner.structure(), Structure::Hierarchy);
        assert_eq!(planner.matrix_share(), 0.25);
        assert_eq!(planner.capacity(Tier::Key, Global), 1);
        assert_eq!(planner.capacity(Tier::Development, Global), 4);
        assert_eq!(planner.capacity(Tier::Transactional, Territory), 60);
        assert_eq!(planner.capacity(Tier::Maintenance, Territory), 35);
        assert_eq!(Planner::default(), PlanConfig::default().planner().unwrap());
        // Unknown tier keys are serde errors, unknown level names typed errors.
        assert!(toml::from_str::<PlanConfig>("[capacity]\nglobal = { kye = 1 }").is_err());
        let config: PlanConfig = toml::from_str("[capacity]\nregional = { key = 1 }").unwrap();
        assert_eq!(
            config.planner().unwrap_err(),
            Error::UnknownCoverageLevel {
                setting: "plan.capacity".into(),
                name: "regional".into(),
                suggestion: None,
            }
        );
    }

    #[test]
    fn bad_settings_are_named() {
        for value in [0, -3] {
            let mut config = PlanConfig::default();
            config.capacity.insert(
                "district".into(),
                TierCapacities {
                    development: Some(value),
                    ..TierCapacities::default()
                },
            );
            let err = config.planner().unwrap_err();
            assert_eq!(
                err,
                Error::InvalidCapacity {
                    tier: Tier::Development,
                    level: District,
                    value
                }
            );
            assert!(err
                .to_string()
                .starts_with("plan.capacity.district.development: "));
        }
        for value in [-0.1, 1.0, f64::NAN, f64::INFINITY] {
            let config = PlanConfig {
                matrix_share: value,
                ..PlanConfig::default()
            };
            assert!(matches!(
                config.planner(),
                Err(Error::InvalidMatrixShare { .. })
            ));
        }
    }

    #[test]
    fn bad_accounts_are_named() {
        let planner = Planner::default();
        let dup = [
            account("A", Tier::Key, Global, 1.0),
            account("A", Tier::Key, Global, 1.0),
        ];
        assert_eq!(
            planner.plan(&dup).unwrap_err(),
            Error::DuplicateAccount {
                account: "A".into()
            }
        );
        let bad_country = [account("B", Tier::Key, Global, 1.0).with_country("DE", -1.0)];
        assert!(matches!(
            planner.plan(&bad_country),
            Err(Error::InvalidAmount { ref account, value, .. }) if account == "B" && value == -1.0
        ));
        let huge = [
            account("C", Tier::Key, Global, f64::MAX),
            account("D", Tier::Key, National, f64::MAX),
        ];
        assert!(matches!(
            planner.plan(&huge),
            Err(Error::TotalOverflow { .. })
        ));
        assert!(level_moves(&dup, &[]).is_err());
        assert!(level_moves(&[], &dup).is_err());
    }

    #[test]
    fn moves_sorted_up_first() {
        let before = [
            account("A", Tier::Key, National, 1.0),
            account("B", Tier::Key, Territory, 1.0),
            account("C", Tier::Key, Global, 1.0),
            account("D", Tier::Key, District, 1.0),
        ];
        let now = [
            account("C", Tier::Key, National, 9.0),
            account("A", Tier::Key, Global, 2.0),
            account("B", Tier::Key, Divisional, 3.0),
            account("D", Tier::Key, District, 4.0),
        ];
        let moves = level_moves(&before, &now).unwrap();
        let ids: Vec<&str> = moves.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["B", "A", "C"]);
        assert_eq!((moves[0].from, moves[0].to), (Territory, Divisional));
    }

    fn any_account() -> impl Strategy<Value = PlanAccount> {
        (
            0..4usize,
            0..5usize,
            0.0..1000.0f64,
            proptest::collection::vec((0..4u8, 0.0..500.0f64), 0..4),
        )
            .prop_map(|(t, l, revenue, countries)| {
                let mut a = PlanAccount::new("", "", Tier::ALL[t], CoverageLevel::ALL[l], revenue);
                for (c, r) in countries {
                    a = a.with_country(format!("C{c}"), r);
                }
                a
            })
    }

    fn with_ids(accounts: Vec<PlanAccount>, prefix: &str) -> Vec<PlanAccount> {
        accounts
            .into_iter()
            .enumerate()
            .map(|(i, mut a)| {
                a.id = format!("{prefix}{i}");
                a
            })
            .collect()
    }

    proptest! {
        // Adding accounts never lowers the managers needed, in any cell, level, country or
        // in total, under either structure and any capacities.
        #[test]
        fn adding_accounts_never_lowers_managers(
            base in proptest::collection::vec(any_account(), 0..30),
            extra in proptest::collection::vec(any_account(), 1..10),
            capacity in 1..6i64,
            share in 0.0..0.9f64,
            hierarchy in any::<bool>(),
        ) {
            let mut config = PlanConfig {
                matrix_share: share,
                structure: if hierarchy { Structure::Hierarchy } else { Structure::Matrix },
                ..PlanConfig::default()
            };
            config.capacity.insert("national".into(), TierCapacities { key: Some(capacity), ..Default::default() });
            let planner = config.planner().unwrap();
            let base = with_ids(base, "A");
            let mut more = base.clone();
            more.extend(with_ids(extra, "B"));
            let before = planner.plan(&base).unwrap();
            let after = planner.plan(&more).unwrap();
            prop_assert!(after.total.managers >= before.total.managers);
            for (a, b) in after.cells.iter().zip(&before.cells) {
                prop_assert!(a.managers >= b.managers);
                prop_assert_eq!(a.managers, (a.accounts as u64).div_ceil(a.capacity));
            }
            for (a, b) in after.levels.iter().zip(&before.levels) {
                prop_assert!(a.managers >= b.managers);
            }
            for c in &before.matrix {
                let now = after.matrix.iter().find(|d| d.country == c.country);
                prop_assert!(now.is_some_and(|d| d.managers >= c.managers));
            }
            let sum: u64 = after.levels.iter().map(|l| l.managers).sum();
            prop_assert_eq!(sum, after.total.managers);
            prop_assert!(after.levels.iter().all(|l| l.share.is_finite()));
        }
    }
}
