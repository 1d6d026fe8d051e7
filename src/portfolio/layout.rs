//! Where each role's column is in a CSV file. Placeholder for the header resolution of the
//! input work: it knows today's default column names only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::scores::ScoreField;

/// How to read a CSV file's columns. The defaults read the column names of
/// [`read_csv`](crate::portfolio::read_csv).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::InputOptions;
///
/// let o = InputOptions { delimiter: Some(';'), ..InputOptions::default() };
/// assert!(!o.decimal_comma);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputOptions {
    /// The cell delimiter; detected from the header line when not given.
    pub delimiter: Option<char>,
    /// Numbers written with a decimal comma (`1.234,5`).
    pub decimal_comma: bool,
    /// The order of the period labels, oldest first, when they are not in chronological
    /// order as written.
    pub period_order: Option<Vec<String>>,
}

/// The resolved columns of a CSV file: the index of each role's column.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{InputOptions, Layout};
///
/// let l = Layout::resolve(&["id", "name", "revenue", "fit:growth"], b',', &InputOptions::default())?;
/// assert_eq!((l.id, l.name, l.revenue), (0, 1, 2));
/// assert_eq!(l.factors[0].factor, "growth");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The cell delimiter.
    pub delimiter: u8,
    /// Numbers written with a decimal comma.
    pub decimal_comma: bool,
    /// The header cells as written, for messages.
    pub headers: Vec<String>,
    /// The id column.
    pub id: usize,
    /// The name column.
    pub name: usize,
    /// The revenue column.
    pub revenue: usize,
    /// The parent column.
    pub parent: Option<usize>,
    /// The country column.
    pub country: Option<usize>,
    /// The region column.
    pub region: Option<usize>,
    /// The potential column.
    pub potential: Option<usize>,
    /// The target column.
    pub target: Option<usize>,
    /// The period column.
    pub period: Option<usize>,
    /// A wide column: the revenue of the same account one period earlier.
    pub previous_revenue: Option<usize>,
    /// The label given to that earlier period.
    pub previous_label: String,
    /// The label of the rows' own period when there is no period column.
    pub current_label: String,
    /// The factor rating columns.
    pub factors: Vec<FactorColumn>,
}

/// A factor rating column.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::FactorColumn;
/// use keyaccount::ScoreField;
///
/// let c = FactorColumn { column: 3, field: ScoreField::StrategicFit, factor: "growth".into() };
/// assert_eq!(c.column, 3);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FactorColumn {
    /// The column's index.
    pub column: usize,
    /// The score the factor feeds.
    pub field: ScoreField,
    /// The factor's name.
    pub factor: String,
}

impl Layout {
    /// Resolves the header cells.
    ///
    /// # Errors
    ///
    /// [`Error::CsvDuplicateColumn`], [`Error::CsvUnknownColumn`], [`Error::CsvMissingColumn`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{InputOptions, Layout};
    ///
    /// assert!(Layout::resolve(&["id", "name"], b',', &InputOptions::default()).is_err());
    /// ```
    pub fn resolve(headers: &[&str], delimiter: u8, options: &InputOptions) -> Result<Layout> {
        let mut seen = HashSet::new();
        let mut found: [Option<usize>; 9] = [None; 9];
        let roles = [
            "id",
            "name",
            "revenue",
            "parent",
            "country",
            "region",
            "potential",
            "target",
            "period",
        ];
        let mut factors = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if !seen.insert(*h) {
                return Err(Error::CsvDuplicateColumn {
                    column: (*h).to_owned(),
                });
            }
            if let Some(r) = roles.iter().position(|r| r == h) {
                found[r] = Some(i);
            } else if let Some(f) = h.strip_prefix("fit:").filter(|f| !f.trim().is_empty()) {
                factors.push(FactorColumn {
                    column: i,
                    field: ScoreField::StrategicFit,
                    factor: f.trim().to_owned(),
                });
            } else if let Some(f) = h.strip_prefix("strength:").filter(|f| !f.trim().is_empty()) {
                factors.push(FactorColumn {
                    column: i,
                    field: ScoreField::RelationshipStrength,
                    factor: f.trim().to_owned(),
                });
            } else {
                return Err(Error::CsvUnknownColumn {
                    column: (*h).to_owned(),
                });
            }
        }
        let required = |r: usize| {
            found[r].ok_or_else(|| Error::CsvMissingColumn {
                column: roles[r].to_owned(),
            })
        };
        Ok(Layout {
            delimiter,
            decimal_comma: options.decimal_comma,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            id: required(0)?,
            name: required(1)?,
            revenue: required(2)?,
            parent: found[3],
            country: found[4],
            region: found[5],
            potential: found[6],
            target: found[7],
            period: found[8],
            previous_revenue: None,
            previous_label: String::new(),
            current_label: String::new(),
            factors,
        })
    }
}

/// The delimiter of a header line: the most frequent of `,`, `;`, tab and `|`.
///
/// # Examples
///
/// ```
/// assert_eq!(keyaccount::portfolio::detect_delimiter(b"id;name;revenue"), b';');
/// ```
#[must_use]
pub fn detect_delimiter(first_line: &[u8]) -> u8 {
    let mut best = (0, b',');
    for d in [b',', b';', b'\t', b'|'] {
        let n = first_line.iter().filter(|&&c| c == d).count();
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}
