//! Five coverage levels from a geography hierarchy: which kind of account manager a group needs.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{quote, Error, Result};
use crate::portfolio::record::Portfolio;

/// The level at which a group's account manager sits: the smallest unit of the geography
/// hierarchy that holds all of the group's locations.
///
/// | level | the group's locations | manager |
/// | --- | --- | --- |
/// | `Global` | in two or more countries | global account manager |
/// | `National` | in one country, two or more of its divisions | national account manager |
/// | `Divisional` | in one division, two or more of its districts | divisional account manager |
/// | `District` | in one district, two or more of its territories | district account manager |
/// | `Territory` | anything else: one territory, one location, or no location given | territory manager |
///
/// Ordered from the narrowest to the widest: `Territory < District < Divisional < National <
/// Global`. [`CoverageLevel::ALL`] lists them from the widest down. [`Hierarchy::level_of`]
/// finds a group's level.
///
/// Names read from an analysis file are the lowercase names below, in any case;
/// [`CoverageLevel::from_str`] rejects any other with [`Error::UnknownCoverageLevel`].
///
/// # References
///
/// The levels and the rule that places a manager where the account's locations sit follow the
/// practice summarised in "Account manager", *Wikipedia* (global, national, and, where
/// locations do not overlap, divisional, district or territory account managers).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::CoverageLevel;
///
/// assert!(CoverageLevel::Global > CoverageLevel::National);
/// assert!(CoverageLevel::District > CoverageLevel::Territory);
/// assert_eq!(CoverageLevel::Divisional.to_string(), "divisional");
/// assert_eq!("National".parse::<CoverageLevel>()?, CoverageLevel::National);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageLevel {
    /// One territory (or one location): a territory manager.
    Territory,
    /// Several territories of one district: a district account manager.
    District,
    /// Several districts of one division: a divisional account manager.
    Divisional,
    /// Several divisions of one country: a national account manager.
    National,
    /// Several countries: a global account manager.
    Global,
}

impl CoverageLevel {
    /// All levels from the widest (`Global`) to the narrowest.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::CoverageLevel;
    ///
    /// assert!(CoverageLevel::ALL.windows(2).all(|w| w[0] > w[1]));
    /// ```
    pub const ALL: [CoverageLevel; 5] = [
        CoverageLevel::Global,
        CoverageLevel::National,
        CoverageLevel::Divisional,
        CoverageLevel::District,
        CoverageLevel::Territory,
    ];

    /// The level's name, as written in an analysis file.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::CoverageLevel;
    ///
    /// assert_eq!(CoverageLevel::Global.name(), "global");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            CoverageLevel::Territory => "territory",
            CoverageLevel::District => "district",
            CoverageLevel::Divisional => "divisional",
            CoverageLevel::National => "national",
            CoverageLevel::Global => "global",
        }
    }

    /// The account manager of the level.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::CoverageLevel;
    ///
    /// assert_eq!(CoverageLevel::Global.manager(), "global account manager");
    /// ```
    #[must_use]
    pub const fn manager(self) -> &'static str {
        match self {
            CoverageLevel::Territory => "territory manager",
            CoverageLevel::District => "district account manager",
            CoverageLevel::Divisional => "divisional account manager",
            CoverageLevel::National => "national account manager",
            CoverageLevel::Global => "global account manager",
        }
    }

    /// The level's position in [`CoverageLevel::ALL`] (0 for `Global`).
    pub(crate) const fn index(self) -> usize {
        match self {
            CoverageLevel::Global => 0,
            CoverageLevel::National => 1,
            CoverageLevel::Divisional => 2,
            CoverageLevel::District => 3,
            CoverageLevel::Territory => 4,
        }
    }

    /// Reads a level's name as written in the setting `setting` of an analysis file (any case,
    /// surrounding spaces ignored).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCoverageLevel`] naming the setting and the name, with the closest level
    /// name when the name looks like a typo of one.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::CoverageLevel, Error};
    ///
    /// assert_eq!(CoverageLevel::parse_setting(" Global ", "plan.capacity")?, CoverageLevel::Global);
    /// let err = CoverageLevel::parse_setting("divisonal", "plan.capacity").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"plan.capacity: unknown coverage level "divisonal" (did you mean "divisional"?); the levels are global, national, divisional, district, territory"#
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse_setting(name: &str, setting: &str) -> Result<CoverageLevel> {
        let wanted = name.trim().to_lowercase();
        if let Some(level) = CoverageLevel::ALL.into_iter().find(|l| l.name() == wanted) {
            return Ok(level);
        }
        let suggestion = CoverageLevel::ALL
            .into_iter()
            .map(|l| (strsim::damerau_levenshtein(&wanted, l.name()), l))
            .filter(|(d, l)| *d <= l.name().len().max(3) / 3)
            .min_by_key(|(d, _)| *d)
            .map(|(_, l)| l);
        Err(Error::UnknownCoverageLevel {
            setting: setting.to_owned(),
            name: name.to_owned(),
            suggestion,
        })
    }
}

impl fmt::Display for CoverageLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for CoverageLevel {
    type Err = Error;

    /// Reads a level's name; see [`CoverageLevel::parse_setting`] (the setting is named
    /// `coverage level`).
    fn from_str(s: &str) -> Result<Self> {
        CoverageLevel::parse_setting(s, "coverage level")
    }
}

/// One column of the geography hierarchy, from the widest unit to the narrowest.
///
/// Each unit has the level of the manager whose accounts stay inside one of them: a group
/// inside one country but spread over its divisions is `National`, and so on
/// ([`HierarchyColumn::level`]).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, HierarchyColumn};
///
/// assert_eq!(HierarchyColumn::Division.level(), CoverageLevel::Divisional);
/// assert_eq!(HierarchyColumn::Country.to_string(), "country");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HierarchyColumn {
    /// The country.
    Country,
    /// A division of a country (today's `region` column is read as the division).
    Division,
    /// A district of a division.
    District,
    /// A territory of a district, the narrowest unit.
    Territory,
}

impl HierarchyColumn {
    /// All columns from the widest (`Country`) to the narrowest.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::HierarchyColumn;
    ///
    /// assert_eq!(HierarchyColumn::ALL[0], HierarchyColumn::Country);
    /// ```
    pub const ALL: [HierarchyColumn; 4] = [
        HierarchyColumn::Country,
        HierarchyColumn::Division,
        HierarchyColumn::District,
        HierarchyColumn::Territory,
    ];

    /// The level of a group whose locations all sit in one unit of this column and spread over
    /// the units below it.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, HierarchyColumn};
    ///
    /// assert_eq!(HierarchyColumn::Country.level(), CoverageLevel::National);
    /// ```
    #[must_use]
    pub const fn level(self) -> CoverageLevel {
        match self {
            HierarchyColumn::Country => CoverageLevel::National,
            HierarchyColumn::Division => CoverageLevel::Divisional,
            HierarchyColumn::District => CoverageLevel::District,
            HierarchyColumn::Territory => CoverageLevel::Territory,
        }
    }

    /// The column's name.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::HierarchyColumn;
    ///
    /// assert_eq!(HierarchyColumn::District.name(), "district");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            HierarchyColumn::Country => "country",
            HierarchyColumn::Division => "division",
            HierarchyColumn::District => "district",
            HierarchyColumn::Territory => "territory",
        }
    }

    const fn index(self) -> usize {
        match self {
            HierarchyColumn::Country => 0,
            HierarchyColumn::Division => 1,
            HierarchyColumn::District => 2,
            HierarchyColumn::Territory => 3,
        }
    }
}

impl fmt::Display for HierarchyColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Where one location is: its cells of the hierarchy columns, `None` for an empty cell.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::Geography;
///
/// let g = Geography::new().country("DE").division("Bavaria").district("Upper Bavaria");
/// assert_eq!(g.division, Some("Bavaria"));
/// assert_eq!(g.territory, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Geography<'a> {
    /// The country.
    pub country: Option<&'a str>,
    /// The division (or today's region).
    pub division: Option<&'a str>,
    /// The district.
    pub district: Option<&'a str>,
    /// The territory.
    pub territory: Option<&'a str>,
}

impl<'a> Geography<'a> {
    /// A location with every cell empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Geography;
    ///
    /// assert_eq!(Geography::new().country, None);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Geography {
            country: None,
            division: None,
            district: None,
            territory: None,
        }
    }

    /// With the country `country`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Geography;
    ///
    /// assert_eq!(Geography::new().country("FR").country, Some("FR"));
    /// ```
    #[must_use]
    pub const fn country(mut self, country: &'a str) -> Self {
        self.country = Some(country);
        self
    }

    /// With the division `division`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Geography;
    ///
    /// assert_eq!(Geography::new().division("Alsace").division, Some("Alsace"));
    /// ```
    #[must_use]
    pub const fn division(mut self, division: &'a str) -> Self {
        self.division = Some(division);
        self
    }

    /// With the district `district`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Geography;
    ///
    /// assert_eq!(Geography::new().district("Bas-Rhin").district, Some("Bas-Rhin"));
    /// ```
    #[must_use]
    pub const fn district(mut self, district: &'a str) -> Self {
        self.district = Some(district);
        self
    }

    /// With the territory `territory`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::Geography;
    ///
    /// assert_eq!(Geography::new().territory("Strasbourg").territory, Some("Strasbourg"));
    /// ```
    #[must_use]
    pub const fn territory(mut self, territory: &'a str) -> Self {
        self.territory = Some(territory);
        self
    }

    /// The cell of column `column`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{Geography, HierarchyColumn};
    ///
    /// let g = Geography::new().country("DE");
    /// assert_eq!(g.get(HierarchyColumn::Country), Some("DE"));
    /// assert_eq!(g.get(HierarchyColumn::District), None);
    /// ```
    #[must_use]
    pub const fn get(&self, column: HierarchyColumn) -> Option<&'a str> {
        match column {
            HierarchyColumn::Country => self.country,
            HierarchyColumn::Division => self.division,
            HierarchyColumn::District => self.district,
            HierarchyColumn::Territory => self.territory,
        }
    }
}

/// The hierarchy columns a data set has, and the rule that gives a group its
/// [`CoverageLevel`] from its locations.
///
/// # The rule
///
/// Take the columns the data has, from the widest down (country, division, district,
/// territory; an absent column is skipped). The first column in which the group's locations
/// hold two or more different units decides:
///
/// - if it is the first column, the group spans the whole: `Global` when that column is the
///   country; without a country column the data is read as one country, so `National`;
/// - otherwise the group sits in one unit of the column above it and gets that unit's level
///   ([`HierarchyColumn::level`]): one country → `National`, one division → `Divisional`, one
///   district → `District`.
///
/// If no column spreads, the group is `Territory` (one territory, one location, or no location
/// given). So an absent column's level never occurs: without a division column no group is
/// `Divisional`, without a district column none is `District` (nor `Divisional`, which needs
/// districts to spread over), without a country column none is `Global`.
///
/// A location is known down to its first empty cell: the cells below an empty one are not read
/// (a district cannot be placed without its division). A location with an empty first cell
/// does not count, like today's account without a country.
///
/// Today's country/region data is the hierarchy `[Country, Division]` with the region as
/// division, and gets today's three answers: several countries `Global`, one country and
/// several regions `National`, one region `Territory`.
///
/// # Contradictions
///
/// Within a group, a unit's name names one unit: a division, district or territory of a given
/// country must have the same parent in every location that names it. A district under two
/// divisions is an [`Error::HierarchyContradiction`] naming the group, both accounts and both
/// parents. The same name in two countries is two units, not a contradiction.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{CoverageLevel, Geography, Hierarchy};
///
/// let full = Hierarchy::full();
/// let munich = Geography::new().country("DE").division("Bavaria").district("Upper Bavaria")
///     .territory("Munich");
/// let augsburg = Geography::new().country("DE").division("Bavaria").district("Swabia")
///     .territory("Augsburg");
/// let level = full.level_of("G", [("G-1", munich), ("G-2", augsburg)])?;
/// assert_eq!(level, CoverageLevel::Divisional);
///
/// // Today's country/region data: one country, two regions.
/// let today = Hierarchy::country_region();
/// let a = Geography::new().country("DE").division("Bavaria");
/// let b = Geography::new().country("DE").division("Saxony");
/// assert_eq!(today.level_of("G", [("G-1", a), ("G-2", b)])?, CoverageLevel::National);
/// assert_eq!(today.level_of("G", [("G-1", a), ("G-3", a)])?, CoverageLevel::Territory);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Hierarchy {
    columns: [bool; 4],
}

impl Default for Hierarchy {
    /// Today's data: [`Hierarchy::country_region`].
    fn default() -> Self {
        Hierarchy::country_region()
    }
}

impl Hierarchy {
    /// A hierarchy of the columns `columns` (in any order; repeats are ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Hierarchy, HierarchyColumn};
    ///
    /// let h = Hierarchy::new(&[HierarchyColumn::District, HierarchyColumn::Country]);
    /// assert!(h.has(HierarchyColumn::District));
    /// assert!(!h.has(HierarchyColumn::Division));
    /// assert_eq!(h.levels(), [CoverageLevel::Global, CoverageLevel::National, CoverageLevel::Territory]);
    /// ```
    #[must_use]
    pub fn new(columns: &[HierarchyColumn]) -> Self {
        let mut present = [false; 4];
        for c in columns {
            present[c.index()] = true;
        }
        Hierarchy { columns: present }
    }

    /// All four columns.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Hierarchy};
    ///
    /// assert_eq!(Hierarchy::full().levels(), CoverageLevel::ALL);
    /// ```
    #[must_use]
    pub const fn full() -> Self {
        Hierarchy { columns: [true; 4] }
    }

    /// Today's data: country and region, the region read as the division.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Hierarchy};
    ///
    /// assert_eq!(
    ///     Hierarchy::country_region().levels(),
    ///     [CoverageLevel::Global, CoverageLevel::National, CoverageLevel::Territory]
    /// );
    /// ```
    #[must_use]
    pub const fn country_region() -> Self {
        Hierarchy {
            columns: [true, true, false, false],
        }
    }

    /// Whether the data has column `column`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{Hierarchy, HierarchyColumn};
    ///
    /// assert!(Hierarchy::full().has(HierarchyColumn::Territory));
    /// ```
    #[must_use]
    pub const fn has(&self, column: HierarchyColumn) -> bool {
        self.columns[column.index()]
    }

    /// The columns the data has, from the widest down.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{Hierarchy, HierarchyColumn};
    ///
    /// assert_eq!(
    ///     Hierarchy::country_region().columns(),
    ///     [HierarchyColumn::Country, HierarchyColumn::Division]
    /// );
    /// ```
    #[must_use]
    pub fn columns(&self) -> Vec<HierarchyColumn> {
        HierarchyColumn::ALL
            .into_iter()
            .filter(|c| self.has(*c))
            .collect()
    }

    /// The levels a group can have with these columns, from the widest down (see the rule on
    /// [`Hierarchy`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{CoverageLevel, Hierarchy};
    ///
    /// assert_eq!(Hierarchy::new(&[]).levels(), [CoverageLevel::Territory]);
    /// ```
    #[must_use]
    pub fn levels(&self) -> Vec<CoverageLevel> {
        let columns = self.columns();
        let mut levels: Vec<CoverageLevel> = (0..columns.len())
            .map(|i| self.spread_level(&columns, i))
            .collect();
        levels.push(CoverageLevel::Territory);
        levels.dedup();
        levels
    }

    // The level of a group whose locations first differ in `columns[i]`.
    fn spread_level(&self, columns: &[HierarchyColumn], i: usize) -> CoverageLevel {
        match i.checked_sub(1) {
            Some(above) => columns[above].level(),
            None if columns[0] == HierarchyColumn::Country => CoverageLevel::Global,
            None => CoverageLevel::National,
        }
    }

    /// The coverage level of group `group` whose accounts are at `locations` (account id,
    /// geography), by the rule given on [`Hierarchy`].
    ///
    /// # Errors
    ///
    /// [`Error::HierarchyContradiction`] when two locations give one unit two different parents
    /// (a district under two divisions), naming the group, both accounts and both parents.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::{Geography, Hierarchy}, Error};
    ///
    /// let a = Geography::new().country("DE").division("Bavaria").district("North");
    /// let b = Geography::new().country("DE").division("Saxony").district("North");
    /// let err = Hierarchy::full().level_of("G", [("G-1", a), ("G-2", b)]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"group "G": account "G-2" puts district "North" under division "Saxony", but account "G-1" puts it under "Bavaria""#
    /// );
    /// ```
    pub fn level_of<'a, I>(&self, group: &str, locations: I) -> Result<CoverageLevel>
    where
        I: IntoIterator<Item = (&'a str, Geography<'a>)>,
    {
        let columns = self.columns();
        let country_first = columns.first() == Some(&HierarchyColumn::Country);
        // Each location's known path, the distinct path prefixes per depth, and the first
        // parent seen per (country, unit) for the contradiction check.
        let mut first: Vec<Option<[Option<&str>; 4]>> = vec![None; columns.len()];
        let mut spread = vec![false; columns.len()];
        let mut parents: BTreeMap<(usize, Option<&str>, &str), (&str, &str)> = BTreeMap::new();
        for (account, geography) in locations {
            let mut prefix: [Option<&str>; 4] = [None; 4];
            for (depth, column) in columns.iter().enumerate() {
                let Some(unit) = geography.get(*column) else {
                    break;
                };
                prefix[depth] = Some(unit);
                if depth >= 1 && !(depth == 1 && country_first) {
                    let country = if country_first { prefix[0] } else { None };
                    let parent = prefix[depth - 1].unwrap_or_default();
                    match parents.get(&(depth, country, unit)) {
                        Some((seen, by)) if *seen != parent => {
                            return Err(Error::HierarchyContradiction(Box::new(Contradiction {
                                group: group.to_owned(),
                                account: account.to_owned(),
                                column: *column,
                                unit: unit.to_owned(),
                                parent_column: columns[depth - 1],
                                parent: parent.to_owned(),
                                other_account: (*by).to_owned(),
                                other_parent: (*seen).to_owned(),
                            })));
                        }
                        Some(_) => {}
                        None => {
                            parents.insert((depth, country, unit), (parent, account));
                        }
                    }
                }
                match &first[depth] {
                    None => first[depth] = Some(prefix),
                    Some(seen) if *seen != prefix => spread[depth] = true,
                    Some(_) => {}
                }
            }
        }
        Ok(spread
            .iter()
            .position(|s| *s)
            .map_or(CoverageLevel::Territory, |i| self.spread_level(&columns, i)))
    }
}

impl Portfolio {
    /// The hierarchy columns the accounts fill: a column is present when at least one account
    /// has a value in it. The region counts as the division when no account has a division
    /// (today's country/region data).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Hierarchy, HierarchyColumn, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_location("DE", "Bavaria")])?;
    /// assert_eq!(p.hierarchy(), Hierarchy::country_region());
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 1.0).with_units(None, Some("North"), None),
    /// ])?;
    /// assert_eq!(p.hierarchy().columns(), [HierarchyColumn::District]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn hierarchy(&self) -> Hierarchy {
        let (hierarchy, _) = self.hierarchy_and_source();
        hierarchy
    }

    /// Where each account is, in the portfolio's order: its country, division (its region when
    /// no account has a division), district and territory.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Geography, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0).with_location("DE", "Bavaria")])?;
    /// assert_eq!(p.geographies(), [Geography::new().country("DE").division("Bavaria")]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn geographies(&self) -> Vec<Geography<'_>> {
        let (_, region_as_division) = self.hierarchy_and_source();
        self.accounts()
            .iter()
            .map(|a| Geography {
                country: a.country.as_deref(),
                division: if region_as_division {
                    a.region.as_deref()
                } else {
                    a.division.as_deref()
                },
                district: a.district.as_deref(),
                territory: a.territory.as_deref(),
            })
            .collect()
    }

    fn hierarchy_and_source(&self) -> (Hierarchy, bool) {
        let mut filled = [false; 5];
        for a in self.accounts() {
            for (slot, cell) in filled.iter_mut().zip([
                &a.country,
                &a.division,
                &a.district,
                &a.territory,
                &a.region,
            ]) {
                *slot |= cell.is_some();
            }
        }
        let region_as_division = !filled[1] && filled[4];
        filled[1] |= region_as_division;
        (
            Hierarchy {
                columns: [filled[0], filled[1], filled[2], filled[3]],
            },
            region_as_division,
        )
    }
}

/// Two locations of one group that place one unit of the hierarchy under two different parents:
/// the content of [`Error::HierarchyContradiction`].
///
/// # Examples
///
/// ```
/// use keyaccount::{portfolio::{Geography, Hierarchy, HierarchyColumn}, Error};
///
/// let a = Geography::new().country("DE").division("Bavaria").district("North");
/// let b = Geography::new().country("DE").division("Saxony").district("North");
/// let Err(Error::HierarchyContradiction(c)) = Hierarchy::full().level_of("G", [("G-1", a), ("G-2", b)]) else {
///     panic!("expected a contradiction");
/// };
/// assert_eq!((c.account.as_str(), c.other_account.as_str()), ("G-2", "G-1"));
/// assert_eq!(c.column, HierarchyColumn::District);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// The group.
    pub group: String,
    /// The account whose location contradicts an earlier one.
    pub account: String,
    /// The column of the unit placed twice.
    pub column: HierarchyColumn,
    /// The unit's name.
    pub unit: String,
    /// The column of its parent.
    pub parent_column: HierarchyColumn,
    /// The parent `account` gives it.
    pub parent: String,
    /// The account that placed the unit first.
    pub other_account: String,
    /// The parent `other_account` gives it.
    pub other_parent: String,
}

impl fmt::Display for Contradiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "group {}: account {} puts {} {} under {} {}, but account {} puts it under {}",
            quote(&self.group),
            quote(&self.account),
            self.column,
            quote(&self.unit),
            self.parent_column,
            quote(&self.parent),
            quote(&self.other_account),
            quote(&self.other_parent)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use HierarchyColumn::{Country, District, Division, Territory};

    fn geo<'a>(
        country: &'a str,
        division: &'a str,
        district: &'a str,
        territory: &'a str,
    ) -> Geography<'a> {
        let cell = |s: &'a str| (!s.is_empty()).then_some(s);
        Geography {
            country: cell(country),
            division: cell(division),
            district: cell(district),
            territory: cell(territory),
        }
    }

    fn level(h: Hierarchy, locations: &[Geography<'_>]) -> CoverageLevel {
        let ids: Vec<String> = (0..locations.len()).map(|i| format!("L{i}")).collect();
        h.level_of(
            "G",
            ids.iter()
                .map(String::as_str)
                .zip(locations.iter().copied()),
        )
        .unwrap()
    }

    // A hand-worked group per level on the full hierarchy.
    #[test]
    fn each_level_on_the_full_hierarchy() {
        let full = Hierarchy::full();
        let munich = geo("DE", "Bavaria", "Upper Bavaria", "Munich");
        let freising = geo("DE", "Bavaria", "Upper Bavaria", "Freising");
        let augsburg = geo("DE", "Bavaria", "Swabia", "Augsburg");
        let dresden = geo("DE", "Saxony", "Dresden", "Dresden");
        let lyon = geo("FR", "Auvergne-Rhone-Alpes", "Rhone", "Lyon");
        assert_eq!(level(full, &[munich, lyon]), CoverageLevel::Global);
        assert_eq!(level(full, &[munich, dresden]), CoverageLevel::National);
        assert_eq!(level(full, &[munich, augsburg]), CoverageLevel::Divisional);
        assert_eq!(level(full, &[munich, freising]), CoverageLevel::District);
        assert_eq!(level(full, &[munich, munich]), CoverageLevel::Territory);
        assert_eq!(level(full, &[munich]), CoverageLevel::Territory);
        assert_eq!(level(full, &[]), CoverageLevel::Territory);
        // The widest spread decides, whatever the order.
        assert_eq!(
            level(full, &[munich, freising, augsburg, dresden, lyon]),
            CoverageLevel::Global
        );
        assert_eq!(
            level(full, &[freising, munich, dresden, augsburg]),
            CoverageLevel::National
        );
    }

    // Today's three answers from country and region.
    #[test]
    fn country_region_gives_todays_answers() {
        let today = Hierarchy::country_region();
        let bavaria = geo("DE", "Bavaria", "", "");
        let saxony = geo("DE", "Saxony", "", "");
        let alsace = geo("FR", "Alsace", "", "");
        let no_region = geo("DE", "", "", "");
        let nowhere = geo("", "Bavaria", "", "");
        assert_eq!(level(today, &[bavaria, alsace]), CoverageLevel::Global);
        assert_eq!(level(today, &[bavaria, saxony]), CoverageLevel::National);
        assert_eq!(level(today, &[bavaria, bavaria]), CoverageLevel::Territory);
        // Today: a location without region counts for the country only, one without country
        // not at all.
        assert_eq!(
            level(today, &[bavaria, no_region]),
            CoverageLevel::Territory
        );
        assert_eq!(level(today, &[no_region, alsace]), CoverageLevel::Global);
        assert_eq!(level(today, &[nowhere, alsace]), CoverageLevel::Territory);
        // District and territory cells are not read when their columns are absent.
        let munich = geo("DE", "Bavaria", "Upper Bavaria", "Munich");
        let augsburg = geo("DE", "Bavaria", "Swabia", "Augsburg");
        assert_eq!(level(today, &[munich, augsburg]), CoverageLevel::Territory);
    }

    // An absent column's level is skipped: the unit above it holds the group.
    #[test]
    fn absent_columns_skip_their_level() {
        let munich = geo("DE", "Bavaria", "Upper Bavaria", "Munich");
        let freising = geo("DE", "Bavaria", "Upper Bavaria", "Freising");
        let augsburg = geo("DE", "Bavaria", "Swabia", "Augsburg");
        let dresden = geo("DE", "Saxony", "Dresden", "Dresden");
        let lyon = geo("FR", "Auvergne-Rhone-Alpes", "Rhone", "Lyon");

        let no_division = Hierarchy::new(&[Country, District, Territory]);
        assert_eq!(
            level(no_division, &[munich, augsburg]),
            CoverageLevel::National
        );
        assert_eq!(
            level(no_division, &[munich, freising]),
            CoverageLevel::District
        );
        assert!(!no_division.levels().contains(&CoverageLevel::Divisional));

        let no_district = Hierarchy::new(&[Country, Division, Territory]);
        assert_eq!(
            level(no_district, &[munich, freising]),
            CoverageLevel::Divisional
        );
        assert_eq!(
            level(no_district, &[munich, augsburg]),
            CoverageLevel::Divisional
        );
        assert_eq!(
            level(no_district, &[munich, dresden]),
            CoverageLevel::National
        );

        let no_territory = Hierarchy::new(&[Country, Division, District]);
        assert_eq!(
            level(no_territory, &[munich, freising]),
            CoverageLevel::Territory
        );
        assert_eq!(
            level(no_territory, &[munich, augsburg]),
            CoverageLevel::Divisional
        );

        let no_country = Hierarchy::new(&[Division, District, Territory]);
        assert_eq!(level(no_country, &[munich, lyon]), CoverageLevel::National);
        assert_eq!(
            level(no_country, &[munich, augsburg]),
            CoverageLevel::Divisional
        );
        assert!(!no_country.levels().contains(&CoverageLevel::Global));

        let nothing = Hierarchy::new(&[]);
        assert_eq!(level(nothing, &[munich, lyon]), CoverageLevel::Territory);
    }

    // The levels listed are exactly those the rule can give.
    #[test]
    fn levels_lists_what_can_occur() {
        for mask in 0..16u8 {
            let columns: Vec<HierarchyColumn> = HierarchyColumn::ALL
                .into_iter()
                .filter(|c| mask & (1 << c.index()) != 0)
                .collect();
            let h = Hierarchy::new(&columns);
            let mut found = std::collections::BTreeSet::new();
            let units = ["a", "b"];
            // Two locations that first differ at each depth, and identical ones.
            for depth in 0..=4 {
                let path = |last: &'static str| {
                    let mut cells = ["x"; 4];
                    for cell in cells.iter_mut().skip(depth) {
                        *cell = last;
                    }
                    geo(cells[0], cells[1], cells[2], cells[3])
                };
                found.insert(level(h, &[path(units[0]), path(units[1])]));
            }
            let mut listed = h.levels();
            listed.reverse();
            assert_eq!(found.into_iter().collect::<Vec<_>>(), listed, "{columns:?}");
        }
    }

    #[test]
    fn contradictions_name_both_accounts() {
        let full = Hierarchy::full();
        let a = geo("DE", "Bavaria", "North", "T1");
        let b = geo("DE", "Bavaria", "South", "T1");
        let err = full.level_of("G", [("G-1", a), ("G-2", b)]).unwrap_err();
        assert_eq!(
            err,
            Error::HierarchyContradiction(Box::new(Contradiction {
                group: "G".into(),
                account: "G-2".into(),
                column: Territory,
                unit: "T1".into(),
                parent_column: District,
                parent: "South".into(),
                other_account: "G-1".into(),
                other_parent: "North".into(),
            }))
        );
        // The same names in another country are other units.
        let c = geo("FR", "Alsace", "North", "T1");
        assert_eq!(
            full.level_of("G", [("G-1", a), ("G-3", c)]).unwrap(),
            CoverageLevel::Global
        );
        // Without the district column, territories hang under divisions.
        let d = geo("DE", "Saxony", "North", "T1");
        let no_district = Hierarchy::new(&[Country, Division, Territory]);
        assert!(matches!(
            no_district.level_of("G", [("G-1", a), ("G-4", d)]),
            Err(Error::HierarchyContradiction(c))
                if c.column == Territory && c.parent_column == Division
        ));
        // A division is a unit of its country: two countries never contradict.
        let e = geo("AT", "Bavaria", "", "");
        assert!(full.level_of("G", [("G-1", a), ("G-5", e)]).is_ok());
    }

    #[test]
    fn level_names_round_trip_and_typos_are_named() {
        for level in CoverageLevel::ALL {
            assert_eq!(level.name().parse::<CoverageLevel>().unwrap(), level);
            assert_eq!(
                level
                    .name()
                    .to_uppercase()
                    .parse::<CoverageLevel>()
                    .unwrap(),
                level
            );
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.name()));
        }
        let err = "regional".parse::<CoverageLevel>().unwrap_err();
        assert_eq!(
            err,
            Error::UnknownCoverageLevel {
                setting: "coverage level".into(),
                name: "regional".into(),
                suggestion: None,
            }
        );
        assert!(matches!(
            CoverageLevel::parse_setting("nationl", "x"),
            Err(Error::UnknownCoverageLevel {
                suggestion: Some(CoverageLevel::National),
                ..
            })
        ));
        assert_eq!(format!("{:>8}|", CoverageLevel::Global), "  global|");
    }

    // Locations from a consistent tree: unit names carry their parent's, so none contradict.
    fn location() -> impl Strategy<Value = [String; 4]> {
        (0..3u8, 0..3u8, 0..3u8, 0..3u8, 0..16u8).prop_map(|(c, v, d, t, empty)| {
            let c = format!("C{c}");
            let v = format!("{c}V{v}");
            let d = format!("{v}D{d}");
            let t = format!("{d}T{t}");
            let mut cells = [c, v, d, t];
            for (i, cell) in cells.iter_mut().enumerate() {
                if empty & (1 << i) != 0 && i > 0 {
                    cell.clear();
                }
            }
            cells
        })
    }

    fn level_of_cells(h: Hierarchy, cells: &[[String; 4]]) -> CoverageLevel {
        let locations: Vec<Geography<'_>> = cells
            .iter()
            .map(|c| geo(&c[0], &c[1], &c[2], &c[3]))
            .collect();
        level(h, &locations)
    }

    proptest! {
        // Adding a location never lowers a group's level, on any set of columns.
        #[test]
        fn adding_a_location_never_lowers_the_level(
            cells in proptest::collection::vec(location(), 0..8),
            extra in location(),
            at in 0..8usize,
            mask in 0..16u8,
        ) {
            let columns: Vec<HierarchyColumn> = HierarchyColumn::ALL
                .into_iter()
                .filter(|c| mask & (1 << c.index()) != 0)
                .collect();
            let h = Hierarchy::new(&columns);
            let before = level_of_cells(h, &cells);
            let mut more = cells.clone();
            more.insert(at.min(cells.len()), extra);
            let after = level_of_cells(h, &more);
            prop_assert!(after >= before, "{before} -> {after}");
            prop_assert!(h.levels().contains(&after));
        }

        // The level does not depend on the order of the locations.
        #[test]
        fn order_does_not_matter(cells in proptest::collection::vec(location(), 0..8)) {
            let h = Hierarchy::full();
            let mut reversed = cells.clone();
            reversed.reverse();
            prop_assert_eq!(level_of_cells(h, &cells), level_of_cells(h, &reversed));
        }
    }
}
