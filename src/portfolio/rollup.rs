//! Rolling locations and subsidiaries up to their group, the key account.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::record::{check_totals, Account, Portfolio, RatingColumn};
use crate::portfolio::text::Text;

/// Which kind of account manager a group needs, from where its locations are.
///
/// | coverage | locations |
/// | --- | --- |
/// | `Global` | in two or more countries |
/// | `National` | in one country, two or more of its regions |
/// | `Territory` | in one region (or with no location given) |
///
/// Locations are (country, region) pairs of the group's accounts; an account without a country
/// is left out. Ordered `Territory < National < Global`.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::Coverage;
///
/// assert!(Coverage::Global > Coverage::National);
/// assert_eq!(Coverage::Territory.to_string(), "territory");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// One region: a territory account manager.
    Territory,
    /// Several regions of one country: a national account manager.
    National,
    /// Several countries: a global account manager.
    Global,
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Coverage::Territory => "territory",
            Coverage::National => "national",
            Coverage::Global => "global",
        })
    }
}

/// A group: the key account that a top-level account and all its locations and subsidiaries
/// form. Its members, countries and regions are read from the [`RolledUp`] that holds it
/// ([`RolledUp::members`], [`RolledUp::countries`], [`RolledUp::regions`]), stored there once
/// for all groups.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Coverage, Portfolio};
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("G", "Group", 10.0).with_location("DE", "Bavaria"),
///     AccountRecord::new("G-FR", "Group France", 5.0).with_parent("G").with_location("FR", "Alsace"),
/// ])?;
/// let rolled = p.roll_up()?;
/// let g = &rolled.groups()[0];
/// assert_eq!((g.id.as_str(), g.size), ("G", 2));
/// assert_eq!(rolled.members(0), ["G", "G-FR"]);
/// assert_eq!(rolled.countries(0), ["DE", "FR"]);
/// assert_eq!(g.coverage, Coverage::Global);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The group's id: the id of its top-level account.
    pub id: Text,
    /// The top-level account's name.
    pub name: Text,
    /// The number of accounts in the group, the top-level one included.
    pub size: usize,
    /// The account manager the group needs.
    pub coverage: Coverage,
}

/// A portfolio rolled up to its groups.
///
/// Built by [`Portfolio::roll_up`]. Every account without a parent heads a group; every other
/// account belongs to the group of its top-most ancestor. The group record
/// ([`RolledUp::portfolio`]) has:
///
/// | field | rule |
/// | --- | --- |
/// | id, name, country, region | those of the top-level account |
/// | parent | none |
/// | revenue | the sum of the members' revenues |
/// | potential, target | the sum over members, a member without one counting its own revenue; none if no member has one |
/// | each factor rating | the revenue-weighted mean over the members that rate the factor, weighted by revenue shares (the plain mean if they all have zero revenue) |
///
/// A flat portfolio (no parents) rolls up to itself, each account its own group. Groups are
/// held by index: group `g` is `groups()[g]` and `portfolio().accounts()[g]`.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Portfolio};
/// use keyaccount::ScoreField;
///
/// let p = Portfolio::new(vec![
///     AccountRecord::new("G", "Group", 30.0).with_fit_rating("growth", 4.0),
///     AccountRecord::new("S", "Subsidiary", 10.0).with_parent("G").with_fit_rating("growth", 8.0),
///     AccountRecord::new("X", "Other", 20.0),
/// ])?;
/// let rolled = p.roll_up()?;
/// assert_eq!(rolled.portfolio().len(), 2);
/// let g = rolled.portfolio().get("G").ok_or(keyaccount::Error::EmptyPortfolio)?;
/// assert_eq!(g.revenue, 40.0);
/// let growth = rolled.portfolio().rating("G", ScoreField::StrategicFit, "growth");
/// assert_eq!(growth, Some(5.0)); // (30 * 4 + 10 * 8) / 40
/// assert_eq!(rolled.group_of("S"), Some("G"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolledUp {
    source: Portfolio,
    groups: Vec<Group>,
    portfolio: Portfolio,
    /// Group index of every source account.
    group_of: Vec<u32>,
    /// Member ids, group after group, sorted within a group; `member_start[g]..[g + 1]`.
    members: Vec<Text>,
    member_start: Vec<u32>,
    countries: Vec<Text>,
    country_start: Vec<u32>,
    regions: Vec<(Text, Text)>,
    region_start: Vec<u32>,
}

fn slice<'a, T>(items: &'a [T], start: &[u32], g: usize) -> &'a [T] {
    match (start.get(g), start.get(g + 1)) {
        (Some(&a), Some(&b)) => items.get(a as usize..b as usize).unwrap_or(&[]),
        _ => &[],
    }
}

impl RolledUp {
    /// The groups, in the order their top-level accounts appear in the source portfolio.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.roll_up()?.groups()[0].id, "A");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The group with id `id`: one hash look-up.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert!(p.roll_up()?.group("A").is_some());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(self.portfolio.index_of(id)?)
    }

    /// The ids of the members of group `g` (an index into [`RolledUp::groups`]), the
    /// top-level account included, sorted; empty for an index out of range.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("G", "Group", 1.0),
    ///     AccountRecord::new("B", "Branch", 1.0).with_parent("G"),
    /// ])?;
    /// assert_eq!(p.roll_up()?.members(0), ["B", "G"]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn members(&self, g: usize) -> &[Text] {
        slice(&self.members, &self.member_start, g)
    }

    /// The distinct countries of the members of group `g`, sorted.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("G", "Group", 1.0).with_location("DE", "Bavaria")])?;
    /// assert_eq!(p.roll_up()?.countries(0), ["DE"]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn countries(&self, g: usize) -> &[Text] {
        slice(&self.countries, &self.country_start, g)
    }

    /// The distinct (country, region) pairs of the members of group `g`, sorted.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("G", "Group", 1.0).with_location("DE", "Bavaria")])?;
    /// let rolled = p.roll_up()?;
    /// assert_eq!(rolled.regions(0)[0].1, "Bavaria");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn regions(&self, g: usize) -> &[(Text, Text)] {
        slice(&self.regions, &self.region_start, g)
    }

    /// The portfolio of group records, one per group, in the order of [`RolledUp::groups`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("G", "Group", 1.0),
    ///     AccountRecord::new("L", "Location", 2.0).with_parent("G"),
    /// ])?;
    /// assert_eq!(p.roll_up()?.portfolio().total_revenue(), 3.0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn portfolio(&self) -> &Portfolio {
        &self.portfolio
    }

    /// The portfolio before rolling up.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.roll_up()?.source(), &p);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &Portfolio {
        &self.source
    }

    /// The group index of every source account, in the source's order.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("L", "Location", 2.0).with_parent("G"),
    ///     AccountRecord::new("G", "Group", 1.0),
    /// ])?;
    /// assert_eq!(p.roll_up()?.group_indexes(), [0, 0]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn group_indexes(&self) -> &[u32] {
        &self.group_of
    }

    /// The id of the group account `id` belongs to.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{AccountRecord, Portfolio};
    ///
    /// let p = Portfolio::new(vec![AccountRecord::new("A", "Alpha", 1.0)])?;
    /// assert_eq!(p.roll_up()?.group_of("A"), Some("A"));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn group_of(&self, id: &str) -> Option<&str> {
        let i = self.source.index_of(id)?;
        let g = *self.group_of.get(i)? as usize;
        self.groups.get(g).map(|g| g.id.as_str())
    }
}

const NONE: u32 = u32::MAX;
/// How many ids of a long cycle its error names.
const CYCLE_IDS_SHOWN: usize = 5;

impl Portfolio {
    /// Rolls locations and subsidiaries up to their groups (see [`RolledUp`] for the rules).
    /// Linear in the number of accounts (each account's parent is looked up once and each
    /// chain walked once), plus sorting the members of each group by id.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownParent`] naming the account and the parent it names;
    /// [`Error::ParentCycle`] naming the accounts on a cycle (an account that is its own parent
    /// is a cycle of one; a long cycle is named by its first ids and its length).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{portfolio::{AccountRecord, Portfolio}, Error};
    ///
    /// let p = Portfolio::new(vec![
    ///     AccountRecord::new("A", "Alpha", 1.0).with_parent("B"),
    ///     AccountRecord::new("B", "Beta", 1.0).with_parent("A"),
    /// ])?;
    /// let err = p.roll_up().unwrap_err();
    /// assert_eq!(err.to_string(), r#"account "A" is its own ancestor: "A" -> "B" -> "A""#);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn roll_up(&self) -> Result<RolledUp> {
        let accounts = self.accounts();
        let n = accounts.len();
        let mut parent = vec![NONE; n];
        for (i, a) in accounts.iter().enumerate() {
            if let Some(p) = &a.parent {
                let Some(j) = self.index_of(p) else {
                    return Err(Error::UnknownParent {
                        account: a.id.to_string(),
                        parent: p.to_string(),
                    });
                };
                parent[i] = j as u32;
            }
        }
        let root = roots(accounts, &parent)?;

        // Group index of each head, in source order.
        let mut group_index = vec![NONE; n];
        let mut heads = Vec::new();
        for (i, &p) in parent.iter().enumerate() {
            if p == NONE {
                group_index[i] = heads.len() as u32;
                heads.push(i);
            }
        }
        let group_of: Vec<u32> = root.iter().map(|&r| group_index[r as usize]).collect();
        let groups_n = heads.len();

        // Members grouped by a counting sort, then sorted by id within each group.
        let mut start = vec![0u32; groups_n + 1];
        for &g in &group_of {
            start[g as usize + 1] += 1;
        }
        for g in 0..groups_n {
            start[g + 1] += start[g];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; n];
        for (i, &g) in group_of.iter().enumerate() {
            order[fill[g as usize] as usize] = i as u32;
            fill[g as usize] += 1;
        }
        for g in 0..groups_n {
            let range = start[g] as usize..start[g + 1] as usize;
            if range.len() > 1 {
                order[range].sort_unstable_by(|&a, &b| {
                    accounts[a as usize].id.cmp(&accounts[b as usize].id)
                });
            }
        }

        let mut groups = Vec::with_capacity(groups_n);
        let mut records = Vec::with_capacity(groups_n);
        let mut members = Vec::with_capacity(n);
        let mut countries = Vec::with_capacity(groups_n);
        let mut country_start = Vec::with_capacity(groups_n + 1);
        let mut regions = Vec::with_capacity(groups_n);
        let mut region_start = Vec::with_capacity(groups_n + 1);
        country_start.push(0);
        region_start.push(0);
        let mut ratings: Vec<RatingColumn> = self
            .ratings()
            .iter()
            .map(|c| RatingColumn::with_capacity(c.field(), c.factor().clone(), groups_n))
            .collect();
        for (g, &head) in heads.iter().enumerate() {
            let list = &order[start[g] as usize..start[g + 1] as usize];
            let head = &accounts[head];
            members.extend(list.iter().map(|&i| accounts[i as usize].id.clone()));

            let c0 = countries.len();
            countries.extend(
                list.iter()
                    .filter_map(|&i| accounts[i as usize].country.clone()),
            );
            countries[c0..].sort_unstable();
            let kept = dedup_tail(&mut countries, c0);
            country_start.push(countries.len() as u32);
            let r0 = regions.len();
            regions.extend(list.iter().filter_map(|&i| {
                let a = &accounts[i as usize];
                Some((a.country.clone()?, a.region.clone()?))
            }));
            regions[r0..].sort_unstable();
            let kept_regions = dedup_tail(&mut regions, r0);
            region_start.push(regions.len() as u32);
            let coverage = if kept >= 2 {
                Coverage::Global
            } else if kept_regions >= 2 {
                Coverage::National
            } else {
                Coverage::Territory
            };
            groups.push(Group {
                id: head.id.clone(),
                name: head.name.clone(),
                size: list.len(),
                coverage,
            });
            records.push(aggregate(head, list, accounts));
            for (out, column) in ratings.iter_mut().zip(self.ratings()) {
                out.push(mean_rating(list, accounts, column));
            }
        }
        check_totals(&records)?;
        Ok(RolledUp {
            source: self.clone(),
            groups,
            portfolio: Portfolio::from_checked(records, ratings, None),
            group_of,
            members,
            member_start: start,
            countries,
            country_start,
            regions,
            region_start,
        })
    }
}

/// Removes duplicates from the sorted tail `items[from..]`; returns how many are left.
fn dedup_tail<T: PartialEq>(items: &mut Vec<T>, from: usize) -> usize {
    let mut kept = from;
    for i in from..items.len() {
        if kept == from || items[i] != items[kept - 1] {
            items.swap(kept, i);
            kept += 1;
        }
    }
    items.truncate(kept);
    kept - from
}

/// The top-most ancestor of every account, each account visited once; or the first cycle.
fn roots(accounts: &[Account], parent: &[u32]) -> Result<Vec<u32>> {
    let n = accounts.len();
    let mut root = vec![NONE; n];
    // On the current path: its position in `path`, so that a cycle is found in O(1).
    let mut on_path = vec![NONE; n];
    let mut path: Vec<u32> = Vec::new();
    for start in 0..n {
        if root[start] != NONE {
            continue;
        }
        path.clear();
        let mut current = start as u32;
        let top = loop {
            let c = current as usize;
            if root[c] != NONE {
                break root[c];
            }
            if on_path[c] != NONE {
                let cycle = &path[on_path[c] as usize..];
                return Err(cycle_error(accounts, cycle));
            }
            on_path[c] = path.len() as u32;
            path.push(current);
            if parent[c] == NONE {
                break current;
            }
            current = parent[c];
        };
        for &p in &path {
            root[p as usize] = top;
            on_path[p as usize] = NONE;
        }
    }
    Ok(root)
}

fn cycle_error(accounts: &[Account], cycle: &[u32]) -> Error {
    let id = |i: &u32| accounts[*i as usize].id.to_string();
    let mut shown: Vec<String> = cycle.iter().take(CYCLE_IDS_SHOWN).map(id).collect();
    if cycle.len() <= CYCLE_IDS_SHOWN {
        shown.extend(cycle.first().map(id));
    }
    Error::ParentCycle {
        account: cycle.first().map(id).unwrap_or_default(),
        cycle: shown,
        length: cycle.len(),
    }
}

fn aggregate(head: &Account, members: &[u32], accounts: &[Account]) -> Account {
    let revenue: f64 = members.iter().map(|&i| accounts[i as usize].revenue).sum();
    let summed = |get: fn(&Account) -> Option<f64>| {
        members
            .iter()
            .any(|&i| get(&accounts[i as usize]).is_some())
            .then(|| {
                members
                    .iter()
                    .map(|&i| {
                        let a = &accounts[i as usize];
                        get(a).unwrap_or(a.revenue)
                    })
                    .sum::<f64>()
            })
    };
    Account {
        id: head.id.clone(),
        name: head.name.clone(),
        revenue,
        parent: None,
        country: head.country.clone(),
        region: head.region.clone(),
        potential: summed(|a| a.potential),
        target: summed(|a| a.target),
    }
}

/// The revenue-weighted mean rating of a group's members, weighted by revenue shares so that
/// no product of a revenue and a rating can overflow.
fn mean_rating(members: &[u32], accounts: &[Account], column: &RatingColumn) -> Option<f64> {
    let (mut weight, mut plain, mut count) = (0.0, 0.0, 0usize);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &i in members {
        if let Some(v) = column.get(i as usize) {
            weight += accounts[i as usize].revenue;
            plain += v;
            count += 1;
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if count == 0 {
        return None;
    }
    let value = if weight > 0.0 {
        members
            .iter()
            .filter_map(|&i| {
                let v = column.get(i as usize)?;
                Some(accounts[i as usize].revenue / weight * v)
            })
            .sum::<f64>()
    } else {
        plain / count as f64
    };
    // Rounding must not push a mean off the members' rating scale.
    Some(if value.is_finite() {
        value.clamp(lo, hi)
    } else {
        lo
    })
}
