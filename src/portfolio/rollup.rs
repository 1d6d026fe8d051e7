//! Rolling locations and subsidiaries up to their group, the key account.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::record::{AccountRecord, Portfolio};

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
/// form.
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
/// assert_eq!(g.members, ["G", "G-FR"]);
/// assert_eq!(g.countries, ["DE", "FR"]);
/// assert_eq!(g.coverage, Coverage::Global);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The group's id: the id of its top-level account.
    pub id: String,
    /// The top-level account's name.
    pub name: String,
    /// The ids of every account in the group, the top-level one included, sorted.
    pub members: Vec<String>,
    /// The distinct countries of the members, sorted.
    pub countries: Vec<String>,
    /// The distinct (country, region) pairs of the members, sorted.
    pub regions: Vec<(String, String)>,
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
/// | each factor rating | the revenue-weighted mean over the members that rate the factor (the plain mean if they all have zero revenue) |
///
/// A flat portfolio (no parents) rolls up to itself, each account its own group.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{AccountRecord, Portfolio};
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
/// assert_eq!(g.strategic_fit["growth"], 5.0); // (30 * 4 + 10 * 8) / 40
/// assert_eq!(rolled.group_of("S"), Some("G"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolledUp {
    source: Portfolio,
    groups: Vec<Group>,
    portfolio: Portfolio,
    group_of: BTreeMap<String, String>,
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

    /// The group with id `id`.
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
        self.groups.iter().find(|g| g.id == id)
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
        self.group_of.get(id).map(String::as_str)
    }
}

impl Portfolio {
    /// Rolls locations and subsidiaries up to their groups (see [`RolledUp`] for the rules).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownParent`] naming the account and the parent it names;
    /// [`Error::ParentCycle`] naming the accounts on a cycle (an account that is its own parent
    /// is a cycle of one).
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
        let index: BTreeMap<&str, &AccountRecord> =
            self.accounts().iter().map(|r| (r.id.as_str(), r)).collect();
        let mut root_of: BTreeMap<&str, &str> = BTreeMap::new();
        for r in self.accounts() {
            let mut path: Vec<&str> = vec![r.id.as_str()];
            let mut current = r;
            let root = loop {
                if let Some(root) = root_of.get(current.id.as_str()) {
                    break *root;
                }
                let Some(parent) = current.parent.as_deref() else {
                    break current.id.as_str();
                };
                let Some(next) = index.get(parent) else {
                    return Err(Error::UnknownParent {
                        account: current.id.clone(),
                        parent: parent.to_owned(),
                    });
                };
                if let Some(start) = path.iter().position(|id| *id == parent) {
                    let mut cycle: Vec<String> =
                        path[start..].iter().map(|s| (*s).to_owned()).collect();
                    cycle.push(parent.to_owned());
                    return Err(Error::ParentCycle {
                        account: parent.to_owned(),
                        cycle,
                    });
                }
                path.push(parent);
                current = next;
            };
            for id in path {
                root_of.insert(id, root);
            }
        }

        let mut members: BTreeMap<&str, Vec<&AccountRecord>> = BTreeMap::new();
        for r in self.accounts() {
            let root = root_of.get(r.id.as_str()).copied().unwrap_or(r.id.as_str());
            members.entry(root).or_default().push(r);
        }

        let mut groups = Vec::new();
        let mut records = Vec::new();
        for head in self.accounts().iter().filter(|r| r.parent.is_none()) {
            let list = members.get(head.id.as_str()).cloned().unwrap_or_default();
            groups.push(describe_group(head, &list));
            records.push(aggregate(head, &list));
        }
        let group_of = root_of
            .into_iter()
            .map(|(a, g)| (a.to_owned(), g.to_owned()))
            .collect();
        Ok(RolledUp {
            source: self.clone(),
            groups,
            portfolio: Portfolio::new(records)?,
            group_of,
        })
    }
}

fn describe_group(head: &AccountRecord, members: &[&AccountRecord]) -> Group {
    let mut ids: Vec<String> = members.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    let countries: BTreeSet<&str> = members
        .iter()
        .filter_map(|r| r.country.as_deref())
        .collect();
    let regions: BTreeSet<(&str, &str)> = members
        .iter()
        .filter_map(|r| Some((r.country.as_deref()?, r.region.as_deref()?)))
        .collect();
    let coverage = if countries.len() >= 2 {
        Coverage::Global
    } else if regions.len() >= 2 {
        Coverage::National
    } else {
        Coverage::Territory
    };
    Group {
        id: head.id.clone(),
        name: head.name.clone(),
        members: ids,
        countries: countries.into_iter().map(str::to_owned).collect(),
        regions: regions
            .into_iter()
            .map(|(c, r)| (c.to_owned(), r.to_owned()))
            .collect(),
        coverage,
    }
}

fn aggregate(head: &AccountRecord, members: &[&AccountRecord]) -> AccountRecord {
    let revenue: f64 = members.iter().map(|r| r.revenue).sum();
    let summed = |get: fn(&AccountRecord) -> Option<f64>| {
        members.iter().any(|r| get(r).is_some()).then(|| {
            members
                .iter()
                .map(|r| get(r).unwrap_or(r.revenue))
                .sum::<f64>()
        })
    };
    AccountRecord {
        id: head.id.clone(),
        name: head.name.clone(),
        revenue,
        parent: None,
        country: head.country.clone(),
        region: head.region.clone(),
        potential: summed(|r| r.potential),
        target: summed(|r| r.target),
        strategic_fit: mean_ratings(members, |r| &r.strategic_fit),
        relationship_strength: mean_ratings(members, |r| &r.relationship_strength),
    }
}

fn mean_ratings(
    members: &[&AccountRecord],
    ratings: fn(&AccountRecord) -> &BTreeMap<String, f64>,
) -> BTreeMap<String, f64> {
    let factors: BTreeSet<&String> = members.iter().flat_map(|r| ratings(r).keys()).collect();
    factors
        .into_iter()
        .map(|factor| {
            let rated: Vec<(f64, f64)> = members
                .iter()
                .filter_map(|r| ratings(r).get(factor).map(|v| (r.revenue, *v)))
                .collect();
            let weight: f64 = rated.iter().map(|(w, _)| w).sum();
            let value = if weight > 0.0 {
                rated.iter().map(|(w, v)| w * v).sum::<f64>() / weight
            } else {
                rated.iter().map(|(_, v)| v).sum::<f64>() / rated.len().max(1) as f64
            };
            // Rounding must not push a mean off the members' rating scale.
            let (lo, hi) = rated
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| {
                    (lo.min(*v), hi.max(*v))
                });
            (
                factor.clone(),
                if lo <= hi { value.clamp(lo, hi) } else { value },
            )
        })
        .collect()
}
