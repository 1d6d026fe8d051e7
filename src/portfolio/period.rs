//! Period labels (`2024`, `2024-Q1`, `FY2024`, ...) in time order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The kind of a period label. Labels of one kind order in time; labels of different kinds
/// (a quarter and a month, a year and a fiscal year) cannot be ordered without being told.
///
/// | kind | labels read (letters in any case) |
/// | --- | --- |
/// | `Year` | `2024` (exactly four digits) |
/// | `FiscalYear` | `FY2024`, `FY 2024`, `FY-2024` |
/// | `Half` | `H1 2024`, `H2-2024`, `2024-H1`, `2024H2` |
/// | `Quarter` | `2024-Q1`, `2024 Q1`, `2024Q1`, `Q1 2024`, `Q4-2024`, `Q1/2024` |
/// | `Month` | `2024-03`, `2024-3`, `2024/03` (year first, month 1 to 12) |
/// | `Date` | `2024-03-31`, `2024-3-31`, `2024/03/31` (year, month, day; checked against the calendar) |
/// | `Number` | any other run of digits, e.g. a period index `1`, `2`, `10` (ordered as numbers) |
///
/// Between the parts of a label any of ` `, `-` and `/` may stand; nothing else may.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{PeriodKey, PeriodKind};
///
/// assert_eq!(PeriodKey::parse("Q4-2024").map(PeriodKey::kind), Some(PeriodKind::Quarter));
/// assert_eq!(PeriodKind::FiscalYear.to_string(), "fiscal year");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeriodKind {
    /// A calendar year of four digits: `2024`.
    Year,
    /// A fiscal year: `FY2024`.
    FiscalYear,
    /// A half year: `H1 2024`, `2024-H2`.
    Half,
    /// A quarter: `2024-Q1`, `Q1 2024`.
    Quarter,
    /// A month, year first: `2024-03`, `2024-3`.
    Month,
    /// A day, as an ISO date: `2024-03-31`.
    Date,
    /// A plain number that is not a four-digit year: a period index such as `1`, `2`, `10`.
    Number,
}

impl PeriodKind {
    /// The kind's name as people write it.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::portfolio::PeriodKind::Half.label(), "half year");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            PeriodKind::Year => "year",
            PeriodKind::FiscalYear => "fiscal year",
            PeriodKind::Half => "half year",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
            PeriodKind::Date => "date",
            PeriodKind::Number => "number",
        }
    }
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// One period label read as a sortable key (see [`PeriodKind`] for the formats).
///
/// Keys of one kind order chronologically: `Q4-2024 < 2025-Q1`, `2024-9 < 2024-10`,
/// `FY2023 < FY2024`, `H1 2024 < H2 2024`. Keys of different kinds order by kind first, which
/// says nothing about time; [`chronological_order`] refuses to mix them.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::PeriodKey;
///
/// let key = |label| PeriodKey::parse(label);
/// assert!(key("Q4-2024") < key("2025-Q1"));
/// assert!(key("2024-9") < key("2024-10"));
/// assert_eq!(key("2024-3"), key("2024-03")); // the same month, written two ways
/// assert_eq!(key("spring"), None);
/// assert_eq!(key("2024-02-30"), None); // no such day
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeriodKey {
    kind: PeriodKind,
    // The year (or the number), then the part within it: half, quarter, month, or
    // month * 32 + day.
    major: u64,
    minor: u32,
}

enum Token<'a> {
    Digits(&'a str),
    Letters(&'a str),
}

// Digit and letter runs of an ASCII label; `None` for any other character, or a separator
// at either end.
fn tokens(label: &str) -> Option<Vec<Token<'_>>> {
    let bytes = label.as_bytes();
    if bytes.is_empty() || is_separator(bytes[0]) || is_separator(bytes[bytes.len() - 1]) {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Token::Digits(&label[start..i]));
        } else if b.is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token::Letters(&label[start..i]));
        } else if is_separator(b) {
            i += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'/')
}

fn year(digits: &str) -> Option<u64> {
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

// A small number (month, day, quarter, half) of at most `width` digits within `range`.
fn part(digits: &str, width: usize, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    if digits.len() > width {
        return None;
    }
    digits.parse().ok().filter(|v| range.contains(v))
}

fn days_in_month(year: u64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PeriodKey {
    /// Reads one period label (surrounding spaces ignored); `None` if it is in none of the
    /// formats of [`PeriodKind`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{PeriodKey, PeriodKind};
    ///
    /// let kinds: Vec<_> = ["2024", "FY2024", "H1 2024", "Q1 2024", "2024-03", "2024-03-31", "7"]
    ///     .iter()
    ///     .filter_map(|l| PeriodKey::parse(l).map(PeriodKey::kind))
    ///     .collect();
    /// assert_eq!(kinds, [
    ///     PeriodKind::Year, PeriodKind::FiscalYear, PeriodKind::Half, PeriodKind::Quarter,
    ///     PeriodKind::Month, PeriodKind::Date, PeriodKind::Number,
    /// ]);
    /// ```
    #[must_use]
    pub fn parse(label: &str) -> Option<PeriodKey> {
        use Token::{Digits as D, Letters as L};
        let key = |kind, major, minor| Some(PeriodKey { kind, major, minor });
        let letter = |word: &str, want: &str| word.eq_ignore_ascii_case(want);
        match tokens(label.trim())?.as_slice() {
            [D(y)] if y.len() == 4 => key(PeriodKind::Year, year(y)?, 0),
            // Period indexes; 18 digits always fit a u64.
            [D(n)] if n.len() <= 18 => key(PeriodKind::Number, n.parse().ok()?, 0),
            [L(fy), D(y)] if letter(fy, "FY") => key(PeriodKind::FiscalYear, year(y)?, 0),
            [D(y), D(m)] => key(PeriodKind::Month, year(y)?, part(m, 2, 1..=12)?),
            [D(y), D(m), D(d)] => {
                let y = year(y)?;
                let m = part(m, 2, 1..=12)?;
                let d = part(d, 2, 1..=days_in_month(y, m))?;
                key(PeriodKind::Date, y, m * 32 + d)
            }
            [D(y), L(q), D(n)] | [L(q), D(n), D(y)] if letter(q, "Q") => {
                key(PeriodKind::Quarter, year(y)?, part(n, 1, 1..=4)?)
            }
            [D(y), L(h), D(n)] | [L(h), D(n), D(y)] if letter(h, "H") => {
                key(PeriodKind::Half, year(y)?, part(n, 1, 1..=2)?)
            }
            _ => None,
        }
    }

    /// The label's kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{PeriodKey, PeriodKind};
    ///
    /// assert_eq!(PeriodKey::parse("2024-3").map(PeriodKey::kind), Some(PeriodKind::Month));
    /// ```
    #[must_use]
    pub fn kind(self) -> PeriodKind {
        self.kind
    }
}

/// Why period labels cannot be put in time order: one entry of [`Error::PeriodOrder`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{chronological_order, PeriodProblem};
/// use keyaccount::Error;
///
/// let err = chronological_order(&["2024", "spring"], None).unwrap_err();
/// let Error::PeriodOrder { problems } = &err else { panic!("{err}") };
/// assert_eq!(problems, &[PeriodProblem::Unparseable { labels: vec!["spring".into()] }]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum PeriodProblem {
    /// Labels in none of the formats of [`PeriodKind`].
    Unparseable {
        /// The labels, in the order first met.
        labels: Vec<String>,
    },
    /// Labels of different kinds, which have no unambiguous order.
    Mixed {
        /// Each kind met with its labels, kinds in the order of [`PeriodKind`].
        kinds: Vec<(PeriodKind, Vec<String>)>,
    },
    /// Different labels that name the same period, such as `2024-3` and `2024-03`.
    SamePeriod {
        /// The labels, in the order first met.
        labels: Vec<String>,
    },
    /// Labels that the explicit order (`period_order`) does not list.
    NotInOrder {
        /// The labels, in the order first met.
        labels: Vec<String>,
    },
    /// Labels that the explicit order lists more than once.
    DuplicateInOrder {
        /// The labels, in the order of the explicit order.
        labels: Vec<String>,
    },
}

impl PeriodProblem {
    // Problems that an explicit order would solve.
    pub(crate) fn wants_explicit_order(&self) -> bool {
        matches!(
            self,
            PeriodProblem::Unparseable { .. }
                | PeriodProblem::Mixed { .. }
                | PeriodProblem::SamePeriod { .. }
        )
    }
}

fn quoted(labels: &[String]) -> String {
    let quoted: Vec<String> = labels.iter().map(|l| format!("{l:?}")).collect();
    quoted.join(", ")
}

impl fmt::Display for PeriodProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodProblem::Unparseable { labels } => write!(
                f,
                "{}: not a period format that has an order (2024, FY2024, H1 2024, 2024-Q1, \
                 Q1 2024, 2024-03, 2024-03-31, or a period number 1, 2, ...)",
                quoted(labels)
            ),
            PeriodProblem::Mixed { kinds } => {
                f.write_str("labels of different kinds: ")?;
                for (i, (kind, labels)) in kinds.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{kind} {}", quoted(labels))?;
                }
                Ok(())
            }
            PeriodProblem::SamePeriod { labels } => {
                write!(f, "{} are one period written differently", quoted(labels))
            }
            PeriodProblem::NotInOrder { labels } => {
                write!(f, "{}: not listed in period_order", quoted(labels))
            }
            PeriodProblem::DuplicateInOrder { labels } => {
                write!(
                    f,
                    "{}: listed more than once in period_order",
                    quoted(labels)
                )
            }
        }
    }
}

// Distinct values in the order first met.
fn distinct<'a>(labels: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::new();
    labels
        .into_iter()
        .filter(|l| seen.insert(*l))
        .map(str::to_owned)
        .collect()
}

/// The indexes of `labels` in chronological order.
///
/// Without `explicit`, every label is read as a [`PeriodKey`]; all must be of one
/// [`PeriodKind`], and two different labels must not name the same period (`2024-3` and
/// `2024-03`). One distinct label (or none) needs no order and is never an error, so a file of
/// one period may label it anyhow.
///
/// With `explicit` (an analysis file's `period_order`), that list is the order: labels are
/// matched exactly as written, every label must be in it, and it must not list a label twice;
/// it may list periods that `labels` lacks.
///
/// Equal labels keep their order in `labels` (the sort is stable). The result is always a
/// permutation of `0..labels.len()`.
///
/// # Errors
///
/// [`Error::PeriodOrder`] listing every problem at once: without `explicit`, labels of no
/// known format ([`PeriodProblem::Unparseable`]), labels of different kinds
/// ([`PeriodProblem::Mixed`]) and labels that name the same period
/// ([`PeriodProblem::SamePeriod`]); with `explicit`, labels it does not list
/// ([`PeriodProblem::NotInOrder`]) and labels it lists twice
/// ([`PeriodProblem::DuplicateInOrder`]).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::chronological_order;
///
/// let labels = ["Q1-2025", "Q4-2024", "Q2 2025"];
/// let order = chronological_order(&labels, None)?;
/// let sorted: Vec<&str> = order.iter().map(|&i| labels[i]).collect();
/// assert_eq!(sorted, ["Q4-2024", "Q1-2025", "Q2 2025"]);
///
/// // Seasons have no known format: the analysis file gives their order.
/// let labels = ["autumn", "spring"];
/// assert!(chronological_order(&labels, None).is_err());
/// let explicit = vec!["spring".to_owned(), "autumn".to_owned()];
/// assert_eq!(chronological_order(&labels, Some(&explicit))?, [1, 0]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn chronological_order(labels: &[&str], explicit: Option<&[String]>) -> Result<Vec<usize>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    if let Some(explicit) = explicit {
        let rank = explicit_ranks(labels, explicit)?;
        order.sort_by_key(|&i| rank[i]);
        return Ok(order);
    }
    if labels.iter().all(|l| *l == labels[0]) {
        return Ok(order);
    }
    let parsed: Vec<Option<PeriodKey>> = labels.iter().map(|l| PeriodKey::parse(l)).collect();
    let mut problems = Vec::new();

    let unparseable = distinct(
        labels
            .iter()
            .zip(&parsed)
            .filter(|(_, k)| k.is_none())
            .map(|(l, _)| *l),
    );
    if !unparseable.is_empty() {
        problems.push(PeriodProblem::Unparseable {
            labels: unparseable,
        });
    }

    let mut kinds: BTreeMap<PeriodKind, Vec<&str>> = BTreeMap::new();
    let mut periods: BTreeMap<PeriodKey, Vec<&str>> = BTreeMap::new();
    for (label, key) in labels.iter().zip(&parsed) {
        if let Some(key) = key {
            kinds.entry(key.kind).or_default().push(label);
            periods.entry(*key).or_default().push(label);
        }
    }
    if kinds.len() > 1 {
        problems.push(PeriodProblem::Mixed {
            kinds: kinds
                .into_iter()
                .map(|(kind, labels)| (kind, distinct(labels)))
                .collect(),
        });
    }
    let mut same: Vec<(usize, Vec<String>)> = periods
        .into_values()
        .map(distinct)
        .filter(|group| group.len() > 1)
        .map(|group| {
            let first = labels.iter().position(|l| *l == group[0]).unwrap_or(0);
            (first, group)
        })
        .collect();
    same.sort_by_key(|(first, _)| *first);
    problems.extend(
        same.into_iter()
            .map(|(_, labels)| PeriodProblem::SamePeriod { labels }),
    );

    if !problems.is_empty() {
        return Err(Error::PeriodOrder { problems });
    }
    order.sort_by_key(|&i| parsed[i]);
    Ok(order)
}

// Each label's position in the explicit order.
fn explicit_ranks(labels: &[&str], explicit: &[String]) -> Result<Vec<usize>> {
    let mut rank: HashMap<&str, usize> = HashMap::with_capacity(explicit.len());
    let mut repeated = Vec::new();
    for (i, label) in explicit.iter().enumerate() {
        if rank.contains_key(label.as_str()) {
            repeated.push(label.as_str());
        } else {
            rank.insert(label, i);
        }
    }
    let mut problems = Vec::new();
    let missing = distinct(labels.iter().copied().filter(|l| !rank.contains_key(l)));
    if !missing.is_empty() {
        problems.push(PeriodProblem::NotInOrder { labels: missing });
    }
    if !repeated.is_empty() {
        problems.push(PeriodProblem::DuplicateInOrder {
            labels: distinct(repeated),
        });
    }
    if !problems.is_empty() {
        return Err(Error::PeriodOrder { problems });
    }
    Ok(labels
        .iter()
        .map(|l| rank.get(l).copied().unwrap_or(usize::MAX))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(label: &str) -> PeriodKey {
        PeriodKey::parse(label).unwrap_or_else(|| panic!("{label} does not parse"))
    }

    #[test]
    fn separators_and_case() {
        assert_eq!(key("q1 2024"), key("2024-Q1"));
        assert_eq!(key("Q1/2024"), key("2024Q1"));
        assert_eq!(key("fy 2024"), key("FY-2024"));
        assert_eq!(key(" 2024 "), key("2024"));
        assert_eq!(key("2024/03/31"), key("2024-3-31"));
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        for label in [
            "",
            "-2024",
            "2024-",
            "2024.03",
            "2024-13",
            "2024-00",
            "2024-Q5",
            "2024-Q0",
            "H3 2024",
            "Q1-24",
            "FY24",
            "2023-02-29",
            "2024-04-31",
            "Mär 2024",
            "2024_Q1",
            "Q01 2024",
            "2024-003",
            "1234567890123456789",
        ] {
            assert_eq!(PeriodKey::parse(label), None, "{label:?}");
        }
        assert!(PeriodKey::parse("2024-02-29").is_some());
        assert!(PeriodKey::parse("2000-02-29").is_some());
        assert!(PeriodKey::parse("1900-02-29").is_none());
    }

    #[test]
    fn four_digits_are_a_year_other_digits_a_number() {
        assert_eq!(key("2024").kind(), PeriodKind::Year);
        assert_eq!(key("0999").kind(), PeriodKind::Year);
        assert_eq!(key("202403").kind(), PeriodKind::Number);
        assert_eq!(key("7").kind(), PeriodKind::Number);
    }
}
