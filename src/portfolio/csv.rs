//! Reading portfolios from CSV files (CRM exports). Behind the `csv` feature, on by default.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::record::{AccountRecord, Portfolio};

/// The portfolios of one or more periods read from one file, in ascending order of period
/// label.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::read_csv;
///
/// let data = "\
/// period,id,name,revenue,fit:growth
/// 2024,A,Alpha,100,7
/// 2025,A,Alpha,120,8
/// 2025,B,Beta,30,
/// ";
/// let periods = read_csv(data.as_bytes())?;
/// assert_eq!(periods.labels(), ["2024", "2025"]);
/// let (label, latest) = periods.latest().ok_or(keyaccount::Error::EmptyPortfolio)?;
/// assert_eq!((label, latest.len()), ("2025", 2));
/// assert!(latest.get("B").is_some_and(|b| b.strategic_fit.is_empty()));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Periods {
    periods: Vec<(String, Portfolio)>,
}

impl Periods {
    /// The period labels, ascending.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let data = "period,id,name,revenue\n2025,A,Alpha,2\n2023,A,Alpha,1\n";
    /// assert_eq!(read_csv(data.as_bytes())?.labels(), ["2023", "2025"]); // sorted, not in file order
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn labels(&self) -> Vec<&str> {
        self.periods.iter().map(|(l, _)| l.as_str()).collect()
    }

    /// The periods with their portfolios, ascending.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let data = "period,id,name,revenue\n2024,A,Alpha,1\n2025,A,Alpha,2\n2025,B,Beta,3\n";
    /// let periods = read_csv(data.as_bytes())?;
    /// let sizes: Vec<(&str, usize)> =
    ///     periods.all().iter().map(|(label, p)| (label.as_str(), p.len())).collect();
    /// assert_eq!(sizes, [("2024", 1), ("2025", 2)]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn all(&self) -> &[(String, Portfolio)] {
        &self.periods
    }

    /// The portfolio of period `label`.
    ///
    /// # Examples
    ///
    /// ```
    /// let p = keyaccount::portfolio::read_csv("id,name,revenue\nA,Alpha,1\n".as_bytes())?;
    /// assert!(p.get("").is_some());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, label: &str) -> Option<&Portfolio> {
        self.periods
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, p)| p)
    }

    /// The last period (the largest label) and its portfolio; `None` only for a hand-made
    /// empty value (the reader errs on a file without rows).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let data = "period,id,name,revenue\n2024,A,Alpha,100\n2025,A,Alpha,120\n";
    /// let periods = read_csv(data.as_bytes())?;
    /// let latest = periods.latest().map(|(label, p)| (label, p.total_revenue()));
    /// assert_eq!(latest, Some(("2025", 120.0)));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn latest(&self) -> Option<(&str, &Portfolio)> {
        self.periods.last().map(|(l, p)| (l.as_str(), p))
    }

    /// The period before the last, if there is one.
    ///
    /// # Examples
    ///
    /// ```
    /// let p = keyaccount::portfolio::read_csv("period,id,name,revenue\n1,A,Alpha,1\n2,A,Alpha,2\n".as_bytes())?;
    /// assert_eq!(p.previous().map(|(l, _)| l), Some("1"));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn previous(&self) -> Option<(&str, &Portfolio)> {
        let n = self.periods.len();
        n.checked_sub(2)
            .and_then(|i| self.periods.get(i))
            .map(|(l, p)| (l.as_str(), p))
    }
}

enum Column {
    Period,
    Id,
    Name,
    Revenue,
    Parent,
    Country,
    Region,
    Potential,
    Target,
    Fit(String),
    Strength(String),
}

fn column(name: &str) -> Option<Column> {
    Some(match name {
        "period" => Column::Period,
        "id" => Column::Id,
        "name" => Column::Name,
        "revenue" => Column::Revenue,
        "parent" => Column::Parent,
        "country" => Column::Country,
        "region" => Column::Region,
        "potential" => Column::Potential,
        "target" => Column::Target,
        _ => {
            if let Some(f) = name.strip_prefix("fit:").filter(|f| !f.trim().is_empty()) {
                Column::Fit(f.trim().to_owned())
            } else if let Some(f) = name
                .strip_prefix("strength:")
                .filter(|f| !f.trim().is_empty())
            {
                Column::Strength(f.trim().to_owned())
            } else {
                return None;
            }
        }
    })
}

fn malformed(e: &::csv::Error) -> Error {
    Error::CsvMalformed {
        line: e.position().map_or(0, ::csv::Position::line),
        message: e.to_string(),
    }
}

fn number(line: u64, column: &str, cell: &str) -> Result<f64> {
    cell.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| Error::CsvInvalidValue {
            line,
            column: column.to_owned(),
            value: cell.to_owned(),
            reason: "is not a finite number",
        })
}

/// Reads the portfolios of every period in a CSV file.
///
/// One row per account and period. Columns, in any order (names are case-sensitive, cells are
/// trimmed):
///
/// | column | required | content |
/// | --- | --- | --- |
/// | `period` | no | period label, e.g. `2024`; without the column all rows are one period `""` |
/// | `id` | yes | account id, unique within a period |
/// | `name` | yes | account name |
/// | `revenue` | yes | revenue in the period, a non-negative number |
/// | `parent` | no | id of the group account (empty: top-level) |
/// | `country`, `region` | no | location |
/// | `potential` | no | total spend of the customer in the category, at least `revenue` |
/// | `target` | no | revenue target for the period |
/// | `fit:<factor>` | no | a strategic-fit rating for `<factor>` |
/// | `strength:<factor>` | no | a relationship-strength rating for `<factor>` |
///
/// An empty optional cell means "not given". Any other column is an error (it is usually a
/// typo), and so is every bad cell or row: nothing is skipped. Errors give the line (1-based;
/// the header is line 1) and the column.
///
/// # Errors
///
/// [`Error::CsvMissingColumn`], [`Error::CsvUnknownColumn`], [`Error::CsvDuplicateColumn`] for
/// the header; [`Error::CsvMalformed`] for a line the CSV parser rejects;
/// [`Error::CsvInvalidValue`] for a required cell left empty or a number that cannot be read;
/// [`Error::CsvRecord`] (wrapping the account's error, e.g. [`Error::DuplicateAccount`] or
/// [`Error::InvalidAmount`]) for a row whose account is invalid; [`Error::EmptyPortfolio`] for a
/// file without rows.
///
/// # Examples
///
/// ```
/// use keyaccount::{portfolio::read_csv, Error};
///
/// let err = read_csv("id,name,revenue\nA,Alpha,ten\n".as_bytes()).unwrap_err();
/// assert_eq!(err.to_string(), r#"csv line 2, column revenue: "ten" is not a finite number"#);
///
/// let err = read_csv("id,name,revenue\nA,Alpha,1\nA,Again,2\n".as_bytes()).unwrap_err();
/// assert_eq!(err.to_string(), "csv line 3");
/// let source = std::error::Error::source(&err).unwrap();
/// assert_eq!(source.to_string(), r#"account "A" appears twice"#);
/// ```
pub fn read_csv<R: Read>(reader: R) -> Result<Periods> {
    let mut rdr = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(reader);
    let headers = rdr.headers().map_err(|e| malformed(&e))?.clone();
    let mut columns = Vec::with_capacity(headers.len());
    let mut seen = BTreeSet::new();
    for h in &headers {
        if !seen.insert(h) {
            return Err(Error::CsvDuplicateColumn {
                column: h.to_owned(),
            });
        }
        columns.push(column(h).ok_or_else(|| Error::CsvUnknownColumn {
            column: h.to_owned(),
        })?);
    }
    for required in ["id", "name", "revenue"] {
        if !seen.contains(required) {
            return Err(Error::CsvMissingColumn {
                column: required.to_owned(),
            });
        }
    }

    let mut periods: BTreeMap<String, (Vec<AccountRecord>, BTreeSet<String>)> = BTreeMap::new();
    for row in rdr.records() {
        let row = row.map_err(|e| malformed(&e))?;
        let line = row.position().map_or(0, ::csv::Position::line);
        let mut period = String::new();
        let mut r = AccountRecord::new("", "", 0.0);
        let mut revenue = None;
        for ((col, name), cell) in columns.iter().zip(headers.iter()).zip(row.iter()) {
            let required = |cell: &str| {
                if cell.is_empty() {
                    Err(Error::CsvInvalidValue {
                        line,
                        column: name.to_owned(),
                        value: String::new(),
                        reason: "is empty; the column is required",
                    })
                } else {
                    Ok(cell.to_owned())
                }
            };
            let optional = |cell: &str| (!cell.is_empty()).then(|| cell.to_owned());
            let optional_number = |cell: &str| {
                if cell.is_empty() {
                    Ok(None)
                } else {
                    number(line, name, cell).map(Some)
                }
            };
            match col {
                Column::Period => period = cell.to_owned(),
                Column::Id => r.id = required(cell)?,
                Column::Name => r.name = required(cell)?,
                Column::Revenue => revenue = Some(number(line, name, &required(cell)?)?),
                Column::Parent => r.parent = optional(cell),
                Column::Country => r.country = optional(cell),
                Column::Region => r.region = optional(cell),
                Column::Potential => r.potential = optional_number(cell)?,
                Column::Target => r.target = optional_number(cell)?,
                Column::Fit(f) => {
                    if let Some(v) = optional_number(cell)? {
                        r.strategic_fit.insert(f.clone(), v);
                    }
                }
                Column::Strength(f) => {
                    if let Some(v) = optional_number(cell)? {
                        r.relationship_strength.insert(f.clone(), v);
                    }
                }
            }
        }
        r.revenue = revenue.unwrap_or(0.0);
        let wrap = |source: Error| Error::CsvRecord {
            line,
            source: Box::new(source),
        };
        r.validate().map_err(wrap)?;
        let (records, ids) = periods.entry(period).or_default();
        if !ids.insert(r.id.clone()) {
            return Err(wrap(Error::DuplicateAccount { account: r.id }));
        }
        records.push(r);
    }
    if periods.is_empty() {
        return Err(Error::EmptyPortfolio);
    }
    let periods = periods
        .into_iter()
        .map(|(label, (records, _))| Ok((label, Portfolio::new(records)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Periods { periods })
}

/// Reads a CSV file from `path` (see [`read_csv`]).
///
/// # Errors
///
/// [`Error::CsvOpen`] if the file cannot be opened; otherwise as [`read_csv`].
///
/// # Examples
///
/// ```
/// use keyaccount::{portfolio::read_csv_path, Error};
///
/// let err = read_csv_path("no/such/file.csv").unwrap_err();
/// assert!(matches!(err, Error::CsvOpen { ref path, .. } if path == "no/such/file.csv"));
/// ```
pub fn read_csv_path(path: impl AsRef<Path>) -> Result<Periods> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::CsvOpen {
        path: path.display().to_string(),
        source: e.into(),
    })?;
    read_csv(std::io::BufReader::new(file))
}
