//! Which column of an export (CSV or workbook) holds what: header roles, factor columns, the
//! delimiter and the number format, resolved once per file from the analysis file's `[input]`
//! table.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::period::PeriodKey;
use crate::scores::ScoreField;

const DEFAULT_FIT_PREFIX: &str = "fit:";
const DEFAULT_STRENGTH_PREFIX: &str = "strength:";
const DEFAULT_PREVIOUS_LABEL: &str = "previous";
const DEFAULT_CURRENT_LABEL_WIDE: &str = "current";
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The header of each column role (`[input.columns]` of an analysis file). A role left out is
/// read from the column of its default name (the role's own name, e.g. `revenue`); a role
/// given is read from the named column only, and that column must exist. Names match
/// ignoring case and surrounding spaces.
///
/// | field | default header | required | content |
/// | --- | --- | --- | --- |
/// | `period` | `period` | no | period label; without the column all rows are one period |
/// | `id` | `id` | yes | account id, unique within a period |
/// | `name` | `name` | yes | account name |
/// | `revenue` | `revenue` | yes | revenue in the period |
/// | `parent` | `parent` | no | id of the group account |
/// | `country` | `country` | no | country |
/// | `region` | `region` | no | region within the country; the division level of the coverage hierarchy when there is no `division` column |
/// | `division` | `division` | no | division of the country (coverage hierarchy) |
/// | `district` | `district` | no | district of the division (coverage hierarchy) |
/// | `territory` | `territory` | no | territory of the district (coverage hierarchy) |
/// | `potential` | `potential` | no | the customer's total spend in the category |
/// | `target` | `target` | no | revenue target for the period |
/// | `previous_revenue` | none: read only when given | no | revenue of the same account one period earlier (a wide export); needs a file without a period column |
///
/// Country, division (or region), district and territory are the geography hierarchy that
/// gives each group its [`CoverageLevel`](crate::portfolio::CoverageLevel); a column the file
/// does not have is a level skipped (see [`Hierarchy`](crate::portfolio::Hierarchy)).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::InputColumns;
///
/// let columns: InputColumns = toml::from_str(r#"
///     id = "Customer No"
///     revenue = "Revenue 2025"
///     previous_revenue = "Revenue 2024"
/// "#)?;
/// assert_eq!(columns.id.as_deref(), Some("Customer No"));
/// assert_eq!(columns.name, None); // read from the column `name`
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputColumns {
    /// Header of the period labels. Default: `period`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Header of the account ids. Default: `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Header of the account names. Default: `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Header of the revenues. Default: `revenue`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<String>,
    /// Header of the group account ids. Default: `parent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Header of the countries. Default: `country`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Header of the regions. Default: `region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Header of the divisions. Default: `division`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    /// Header of the districts. Default: `district`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Header of the territories. Default: `territory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Header of the potentials. Default: `potential`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub potential: Option<String>,
    /// Header of the revenue targets. Default: `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Header of the previous period's revenue in a wide export. Default: none, no such
    /// column is read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_revenue: Option<String>,
}

impl InputColumns {
    fn get(&self, role: ColumnRole) -> Option<&String> {
        match role {
            ColumnRole::Period => self.period.as_ref(),
            ColumnRole::Id => self.id.as_ref(),
            ColumnRole::Name => self.name.as_ref(),
            ColumnRole::Revenue => self.revenue.as_ref(),
            ColumnRole::Parent => self.parent.as_ref(),
            ColumnRole::Country => self.country.as_ref(),
            ColumnRole::Region => self.region.as_ref(),
            ColumnRole::Division => self.division.as_ref(),
            ColumnRole::District => self.district.as_ref(),
            ColumnRole::Territory => self.territory.as_ref(),
            ColumnRole::Potential => self.potential.as_ref(),
            ColumnRole::Target => self.target.as_ref(),
            ColumnRole::PreviousRevenue => self.previous_revenue.as_ref(),
        }
    }
}

/// How to read an export: the `[input]` table of an analysis file. Every field is optional;
/// [`InputOptions::default`] reads the crate's own CSV format
/// (`period,id,name,revenue,parent,country,region,potential,target,fit:<factor>,strength:<factor>`).
///
/// | field | default | meaning |
/// | --- | --- | --- |
/// | `columns` (`[input.columns]`) | each role's own name | the header of each role, see [`InputColumns`] |
/// | `fit_prefix` | `"fit:"` | a column `<prefix><factor>` is the strategic-fit rating of `<factor>`; `""` turns prefix matching off |
/// | `strength_prefix` | `"strength:"` | the same for relationship-strength ratings |
/// | `fit` | `[]` | further columns that are strategic-fit ratings, each named by its header, which is also the factor's name |
/// | `strength` | `[]` | the same for relationship-strength ratings |
/// | `ignore` | `[]` | headers of columns to skip; `""` skips columns with an empty header |
/// | `delimiter` | detected among `,` `;` tab `\|` from the header line | the field delimiter, one ASCII character (`"\t"` for tab) |
/// | `decimal_comma` | `false` | numbers are written `1234,5` rather than `1234.5` |
/// | `period_order` | labels ordered by time (see [`PeriodKey`]) | the period labels in time order, for labels without a known format |
/// | `previous_label` | `"previous"` | period label of `columns.previous_revenue` |
/// | `current_label` | `""`, or `"current"` with `columns.previous_revenue` | period label of the rows when there is no period column |
///
/// Headers match ignoring case and surrounding spaces, and so do prefixes; the factor name is
/// what follows the prefix, trimmed, as written. Any column that is no role, no factor and not
/// ignored is an error, so typos are caught ([`Layout::resolve`]).
///
/// # Examples
///
/// An analysis file for a semicolon-separated export with decimal commas:
///
/// ```
/// use keyaccount::portfolio::{InputOptions, Layout};
///
/// #[derive(serde::Deserialize)]
/// struct AnalysisFile {
///     input: InputOptions,
/// }
///
/// let file: AnalysisFile = toml::from_str(r#"
///     [input]
///     delimiter = ";"
///     decimal_comma = true
///     fit_prefix = "fit_"
///     strength_prefix = "rel_"
///     fit = ["Growth"]
///     ignore = ["Notes", "Owner"]
///     period_order = ["winter", "summer"]
///
///     [input.columns]
///     id = "Customer No"
///     name = "Customer"
///     period = "Season"
/// "#)?;
/// let options = file.input;
/// assert_eq!(options.delimiter, Some(';'));
///
/// let headers = ["Season", "Customer No", "Customer", "Revenue", "Growth", "fit_margin", "rel_trust", "notes"];
/// let layout = Layout::resolve(&headers, b';', &options)?;
/// assert_eq!((layout.id, layout.period), (1, Some(0)));
/// let factors: Vec<&str> = layout.factors.iter().map(|f| f.factor.as_str()).collect();
/// assert_eq!(factors, ["Growth", "margin", "trust"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputOptions {
    /// The header of each column role. Default: each role's own name.
    pub columns: InputColumns,
    /// Prefix of strategic-fit rating columns. Default: `fit:`; `""` turns it off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_prefix: Option<String>,
    /// Prefix of relationship-strength rating columns. Default: `strength:`; `""` turns it off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength_prefix: Option<String>,
    /// Headers of further strategic-fit rating columns; each header is its factor's name.
    /// Default: none.
    pub fit: Vec<String>,
    /// Headers of further relationship-strength rating columns. Default: none.
    pub strength: Vec<String>,
    /// Headers of columns to skip; `""` skips columns with an empty header. An optional role's
    /// default header may be listed, and the role is then not read (e.g. `"district"` to leave
    /// the district level out of coverage). Default: none.
    pub ignore: Vec<String>,
    /// The field delimiter, one ASCII character other than `"` and line breaks. Default:
    /// detected from the header line ([`detect_delimiter`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Numbers use a decimal comma (`1234,5`). Default: `false` (a decimal point).
    pub decimal_comma: bool,
    /// The period labels in time order, overriding the order read from the labels
    /// ([`chronological_order`](crate::portfolio::chronological_order)). Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_order: Option<Vec<String>>,
    /// Period label of the previous-revenue column. Default: `previous`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_label: Option<String>,
    /// Period label of the rows when the file has no period column. Default: `""` (one
    /// unnamed period), or `current` when `columns.previous_revenue` is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_label: Option<String>,
}

impl InputOptions {
    /// The delimiter to read with: the one given, or the one detected in `first_line`.
    ///
    /// # Errors
    ///
    /// [`Error::Header`] with a [`HeaderProblem::Option`] if the delimiter given is not an
    /// ASCII character, or is `"` or a line break.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::InputOptions;
    ///
    /// let detected = InputOptions::default();
    /// assert_eq!(detected.delimiter_for(b"id;name;revenue\n")?, b';');
    /// let given = InputOptions { delimiter: Some('|'), ..InputOptions::default() };
    /// assert_eq!(given.delimiter_for(b"id;name;revenue\n")?, b'|');
    /// let bad = InputOptions { delimiter: Some('§'), ..InputOptions::default() };
    /// assert!(bad.delimiter_for(b"").is_err());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn delimiter_for(&self, first_line: &[u8]) -> Result<u8> {
        match self.delimiter {
            None => Ok(detect_delimiter(first_line)),
            Some(c) => delimiter_byte(c).map_err(|problem| Error::Header {
                problems: vec![problem],
                accepted: Vec::new(),
            }),
        }
    }
}

fn delimiter_byte(c: char) -> std::result::Result<u8, HeaderProblem> {
    match u8::try_from(c) {
        Ok(b) if c.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') => Ok(b),
        _ => Err(HeaderProblem::Option {
            option: "delimiter".to_owned(),
            reason: format!("{c:?} cannot separate fields: use one ASCII character other than a quote or a line break"),
        }),
    }
}

/// The delimiter of a delimited file, from its first line: the most frequent of `,` `;` tab
/// `|` outside double quotes (ties to the earlier in that list; `,` if none occurs). Only the
/// first line is read (up to a line break outside quotes).
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::detect_delimiter;
///
/// assert_eq!(detect_delimiter(b"id;name;revenue\nA;Alpha;1,5\n"), b';');
/// assert_eq!(detect_delimiter(b"id\tname\trevenue"), b'\t');
/// assert_eq!(detect_delimiter(b"\"id;x\",name,revenue"), b','); // quoted ; does not count
/// assert_eq!(detect_delimiter(b"id"), b',');
/// ```
#[must_use]
pub fn detect_delimiter(first_line: &[u8]) -> u8 {
    let mut counts = [0_usize; DELIMITERS.len()];
    let mut quoted = false;
    for &b in first_line {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

/// The role of a column other than a factor rating.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ColumnRole;
///
/// assert_eq!(ColumnRole::PreviousRevenue.to_string(), "previous_revenue");
/// assert!(ColumnRole::Revenue.is_required());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ColumnRole {
    /// Period label.
    Period,
    /// Account id.
    Id,
    /// Account name.
    Name,
    /// Revenue in the period.
    Revenue,
    /// Id of the group account.
    Parent,
    /// Country.
    Country,
    /// Region within the country.
    Region,
    /// Division of the country.
    Division,
    /// District of the division.
    District,
    /// Territory of the district.
    Territory,
    /// The customer's total spend in the category.
    Potential,
    /// Revenue target.
    Target,
    /// Revenue of the same account one period earlier (a wide export).
    PreviousRevenue,
}

impl ColumnRole {
    /// Every role, in the order of the crate's CSV format.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::portfolio::ColumnRole::ALL.len(), 13);
    /// ```
    pub const ALL: [ColumnRole; 13] = [
        ColumnRole::Period,
        ColumnRole::Id,
        ColumnRole::Name,
        ColumnRole::Revenue,
        ColumnRole::Parent,
        ColumnRole::Country,
        ColumnRole::Region,
        ColumnRole::Division,
        ColumnRole::District,
        ColumnRole::Territory,
        ColumnRole::Potential,
        ColumnRole::Target,
        ColumnRole::PreviousRevenue,
    ];

    /// The role's key in `[input.columns]`, which is also its default header (except
    /// `previous_revenue`, which has no default column).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::portfolio::ColumnRole::Id.key(), "id");
    /// ```
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            ColumnRole::Period => "period",
            ColumnRole::Id => "id",
            ColumnRole::Name => "name",
            ColumnRole::Revenue => "revenue",
            ColumnRole::Parent => "parent",
            ColumnRole::Country => "country",
            ColumnRole::Region => "region",
            ColumnRole::Division => "division",
            ColumnRole::District => "district",
            ColumnRole::Territory => "territory",
            ColumnRole::Potential => "potential",
            ColumnRole::Target => "target",
            ColumnRole::PreviousRevenue => "previous_revenue",
        }
    }

    /// Whether every file must have this role's column.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(!keyaccount::portfolio::ColumnRole::Parent.is_required());
    /// ```
    #[must_use]
    pub const fn is_required(self) -> bool {
        matches!(
            self,
            ColumnRole::Id | ColumnRole::Name | ColumnRole::Revenue
        )
    }

    const fn default_header(self) -> Option<&'static str> {
        match self {
            ColumnRole::PreviousRevenue => None,
            _ => Some(self.key()),
        }
    }
}

impl fmt::Display for ColumnRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

/// What a column is read as: a role or a factor rating.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{ColumnRole, ColumnUse};
/// use keyaccount::ScoreField;
///
/// assert_eq!(ColumnUse::Role(ColumnRole::Id).to_string(), "id");
/// let growth = ColumnUse::Factor { field: ScoreField::StrategicFit, factor: "growth".into() };
/// assert_eq!(growth.to_string(), "strategic fit factor growth");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnUse {
    /// A role.
    Role(ColumnRole),
    /// A factor rating.
    Factor {
        /// The score the factor builds.
        field: ScoreField,
        /// The factor's name.
        factor: String,
    },
}

impl fmt::Display for ColumnUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnUse::Role(role) => role.fmt(f),
            ColumnUse::Factor { field, factor } => f.pad(&format!("{field} factor {factor}")),
        }
    }
}

/// A column of the header row, by position and header as written; an empty header is shown by
/// its position.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::ColumnRef;
///
/// let named = ColumnRef { position: 3, header: "Reveneu".into() };
/// assert_eq!(named.to_string(), r#"column 3 "Reveneu""#);
/// let empty = ColumnRef { position: 7, header: String::new() };
/// assert_eq!(empty.to_string(), "column 7 (empty header)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ColumnRef {
    /// The column's position, counted from 1 as spreadsheets do.
    pub position: usize,
    /// The header as written.
    pub header: String,
}

impl ColumnRef {
    fn new(index: usize, header: &str) -> ColumnRef {
        ColumnRef {
            position: index + 1,
            header: header.to_owned(),
        }
    }
}

impl fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.header.trim().is_empty() {
            f.pad(&format!("column {} (empty header)", self.position))
        } else {
            f.pad(&format!("column {} {:?}", self.position, self.header))
        }
    }
}

/// One problem of a header row or of the input options: an entry of [`Error::Header`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{ColumnRef, HeaderProblem};
///
/// let problem = HeaderProblem::Unknown {
///     column: ColumnRef { position: 3, header: "Reveneu".into() },
///     suggestion: Some("revenue".into()),
/// };
/// assert_eq!(problem.to_string(), r#"column 3 "Reveneu" is not a known column; did you mean "revenue"?"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HeaderProblem {
    /// A column that is no role, no factor and not ignored.
    Unknown {
        /// The column.
        column: ColumnRef,
        /// The closest accepted header, if one is close.
        suggestion: Option<String>,
    },
    /// A required role, or a role or factor column named in the options, or a factor a
    /// scorecard uses, has no column.
    Missing {
        /// What has no column.
        role: ColumnUse,
        /// The headers that would be read as it.
        accepted: Vec<String>,
        /// The closest unknown (or unused) column, if one is close.
        suggestion: Option<ColumnRef>,
    },
    /// Several columns are read as one role or one factor, so one would overwrite the other.
    Duplicate {
        /// What they are read as.
        role: ColumnUse,
        /// The columns, in header order.
        columns: Vec<ColumnRef>,
    },
    /// A column is only a factor prefix, with no factor name after it.
    EmptyFactor {
        /// The column.
        column: ColumnRef,
        /// The score of the prefix.
        field: ScoreField,
    },
    /// A factor column that no scorecard uses ([`Layout::check_factors`]).
    Unused {
        /// The column.
        column: ColumnRef,
        /// The factor it holds.
        role: ColumnUse,
        /// The closest factor of a scorecard that has no column, if one is close.
        suggestion: Option<ColumnUse>,
    },
    /// The header looks split by another delimiter than the one used.
    OtherDelimiter {
        /// The delimiter the header seems to use.
        found: char,
        /// The delimiter it was read with.
        used: char,
    },
    /// An input option is invalid or contradicts another option or the header.
    Option {
        /// The option, as written in `[input]`.
        option: String,
        /// What is wrong.
        reason: String,
    },
}

fn delimiter_text(c: char) -> String {
    c.escape_default().to_string()
}

impl fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderProblem::Unknown { column, suggestion } => {
                write!(f, "{column} is not a known column")?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean {s:?}?"),
                    None if column.header.trim().is_empty() => f.write_str(
                        " (a delimiter at the end of the line?); to skip it, add \"\" to ignore",
                    ),
                    None => Ok(()),
                }
            }
            HeaderProblem::Missing {
                role,
                accepted,
                suggestion,
            } => {
                write!(f, "no column for {role}")?;
                if !accepted.is_empty() {
                    let names: Vec<String> = accepted.iter().map(|a| format!("{a:?}")).collect();
                    write!(f, " (accepted: {})", names.join(", "))?;
                }
                match suggestion {
                    Some(column) => write!(f, "; did you mean {column}?"),
                    None => Ok(()),
                }
            }
            HeaderProblem::Duplicate { role, columns } => {
                let columns: Vec<String> = columns.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "{} are all read as {role}; keep one or ignore the others",
                    columns.join(" and ")
                )
            }
            HeaderProblem::EmptyFactor { column, field } => {
                write!(f, "{column} names no {field} factor after its prefix")
            }
            HeaderProblem::Unused {
                column,
                role,
                suggestion,
            } => {
                write!(
                    f,
                    "{column} is {role}, which no scorecard uses (to skip it, add it to ignore)"
                )?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean {s}?"),
                    None => Ok(()),
                }
            }
            HeaderProblem::OtherDelimiter { found, used } => write!(
                f,
                "the header looks separated by '{}', not '{}': set delimiter = \"{}\" in [input]",
                delimiter_text(*found),
                delimiter_text(*used),
                delimiter_text(*found)
            ),
            HeaderProblem::Option { option, reason } => write!(f, "option {option}: {reason}"),
        }
    }
}

/// A factor rating column.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{InputOptions, Layout};
/// use keyaccount::ScoreField;
///
/// let layout = Layout::resolve(&["id", "name", "revenue", "Strength: Trust"], b',', &InputOptions::default())?;
/// let f = &layout.factors[0];
/// assert_eq!((f.column, f.field, f.factor.as_str()), (3, ScoreField::RelationshipStrength, "Trust"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FactorColumn {
    /// The column's index, counted from 0.
    pub column: usize,
    /// The score the factor builds: strategic fit or relationship strength.
    pub field: ScoreField,
    /// The factor's name.
    pub factor: String,
}

/// Which column holds what, resolved once per file from its header row and the
/// [`InputOptions`]. Column indexes count from 0.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{InputOptions, Layout};
///
/// let headers = ["Period", "ID", "Name", "Revenue", "fit:growth"];
/// let layout = Layout::resolve(&headers, b',', &InputOptions::default())?;
/// assert_eq!((layout.period, layout.id, layout.revenue), (Some(0), 1, 3));
/// assert_eq!(layout.factors[0].factor, "growth");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The field delimiter.
    pub delimiter: u8,
    /// Numbers use a decimal comma.
    pub decimal_comma: bool,
    /// The header cells as written, for messages.
    pub headers: Vec<String>,
    /// Account ids.
    pub id: usize,
    /// Account names.
    pub name: usize,
    /// Revenues.
    pub revenue: usize,
    /// Group account ids.
    pub parent: Option<usize>,
    /// Countries.
    pub country: Option<usize>,
    /// Regions.
    pub region: Option<usize>,
    /// Divisions.
    pub division: Option<usize>,
    /// Districts.
    pub district: Option<usize>,
    /// Territories.
    pub territory: Option<usize>,
    /// Potentials.
    pub potential: Option<usize>,
    /// Revenue targets.
    pub target: Option<usize>,
    /// Period labels.
    pub period: Option<usize>,
    /// Wide column: revenue of the same account one period earlier.
    pub previous_revenue: Option<usize>,
    /// Period label given to that earlier period.
    pub previous_label: String,
    /// Label of the rows' own period when there is no period column.
    pub current_label: String,
    /// The factor rating columns, in header order.
    pub factors: Vec<FactorColumn>,
    /// The strategic-fit prefix in force (`""`: none), for messages.
    pub fit_prefix: String,
    /// The relationship-strength prefix in force (`""`: none), for messages.
    pub strength_prefix: String,
}

// A header without surrounding spaces or the byte-order mark spreadsheet programs put
// before the first one.
fn clean(s: &str) -> &str {
    s.trim_start_matches('\u{feff}').trim()
}

// Headers compare ignoring case and surrounding spaces.
fn normalize(s: &str) -> String {
    clean(s).to_lowercase()
}

// `s` without `prefix`, compared ignoring case.
fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut rest = s.chars();
    for p in prefix.chars() {
        let c = rest.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(rest.as_str())
}

// The closest of `candidates` to `target` within a typo's distance; ties to the first.
fn closest<'a, T>(target: &str, candidates: impl IntoIterator<Item = (&'a str, T)>) -> Option<T> {
    let target = normalize(target);
    let mut best: Option<(usize, T)> = None;
    for (name, value) in candidates {
        let name = normalize(name);
        let distance = strsim::damerau_levenshtein(&target, &name);
        let allowed = (target.chars().count().max(name.chars().count()).max(3)) / 3;
        if distance <= allowed && best.as_ref().map_or(true, |(d, _)| distance < *d) {
            best = Some((distance, value));
        }
    }
    best.map(|(_, value)| value)
}

// What a normalized header is read as.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Role(ColumnRole),
    Factor(ScoreField, String),
}

// A role or factor, the options that name it, and the columns found for it.
struct Wanted {
    key: Key,
    used: ColumnUse,
    header: Option<String>,
    origin: String,
    explicit: bool,
    // Its header clashes with another's, which is reported as an option problem.
    conflicted: bool,
    columns: Vec<usize>,
}

impl Layout {
    /// Resolves the header row of a file (`headers`, read with `delimiter`) against the
    /// options.
    ///
    /// Each header is matched ignoring case and surrounding spaces, in this order: a header
    /// listed in `ignore` is skipped; a role's header or a header listed in `fit` / `strength`
    /// is that role or factor; a header starting with a factor prefix is that factor; anything
    /// else is unknown.
    ///
    /// # Errors
    ///
    /// [`Error::Header`] listing every problem at once, each a [`HeaderProblem`]: unknown
    /// columns (with the closest accepted header), missing required or configured columns
    /// (with the closest unknown column), columns read as the same role or factor (`fit:growth`
    /// and `fit: growth`), factor prefixes without a name, invalid or contradictory options,
    /// and a hint when the header looks split by another delimiter.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{HeaderProblem, InputOptions, Layout};
    /// use keyaccount::Error;
    ///
    /// let err = Layout::resolve(&["ID", "Naem", "revenue", "fit:growth", "fit: growth", ""], b',',
    ///     &InputOptions::default()).unwrap_err();
    /// let Error::Header { problems, .. } = &err else { panic!("{err}") };
    /// assert_eq!(problems.len(), 4);
    /// assert_eq!(err.to_string(), r#"the header has 4 problems:
    ///   - column 2 "Naem" is not a known column; did you mean "name"?
    ///   - column 6 (empty header) is not a known column (a delimiter at the end of the line?); to skip it, add "" to ignore
    ///   - column 4 "fit:growth" and column 5 "fit: growth" are all read as strategic fit factor growth; keep one or ignore the others
    ///   - no column for name (accepted: "name"); did you mean column 2 "Naem"?
    ///   accepted columns: "period", "id", "name", "revenue", "parent", "country", "region", "division", "district", "territory", "potential", "target", "fit:<factor>", "strength:<factor>""#);
    ///
    /// let err = Layout::resolve(&["id;name;revenue"], b',', &InputOptions::default()).unwrap_err();
    /// assert!(err.to_string().contains(r#"set delimiter = ";" in [input]"#));
    /// ```
    pub fn resolve(headers: &[&str], delimiter: u8, options: &InputOptions) -> Result<Layout> {
        let mut problems = Vec::new();
        if let Some(c) = options.delimiter {
            if let Err(problem) = delimiter_byte(c) {
                problems.push(problem);
            }
        }
        let fit_prefix = options.fit_prefix.as_deref().unwrap_or(DEFAULT_FIT_PREFIX);
        let strength_prefix = options
            .strength_prefix
            .as_deref()
            .unwrap_or(DEFAULT_STRENGTH_PREFIX);
        let prefixes = [
            (ScoreField::StrategicFit, fit_prefix),
            (ScoreField::RelationshipStrength, strength_prefix),
        ];
        let (f, s) = (normalize(fit_prefix), normalize(strength_prefix));
        if !f.is_empty() && !s.is_empty() && (f.starts_with(&s) || s.starts_with(&f)) {
            problems.push(HeaderProblem::Option {
                option: "strength_prefix".to_owned(),
                reason: format!(
                    "{strength_prefix:?} and fit_prefix {fit_prefix:?} overlap, so a column could be read as both"
                ),
            });
        }

        let (mut wanted, by_name) = wanted_columns(options, &mut problems);
        let mut index: HashMap<Key, usize> = wanted
            .iter()
            .enumerate()
            .filter(|(_, w)| !w.conflicted)
            .map(|(i, w)| (w.key.clone(), i))
            .collect();
        let ignored: Vec<String> = options.ignore.iter().map(|i| normalize(i)).collect();
        for name in &ignored {
            // Ignoring an optional role's default header leaves the role unread (an export
            // whose `district` column should not count); anything else contradicts itself.
            let optional_default = |w: &Wanted| {
                !w.explicit && matches!(w.used, ColumnUse::Role(r) if !r.is_required())
            };
            if let Some(&w) = by_name
                .get(name)
                .filter(|&&w| !optional_default(&wanted[w]))
            {
                problems.push(HeaderProblem::Option {
                    option: "ignore".to_owned(),
                    reason: format!("{name:?} is also the header of {}", wanted[w].origin),
                });
            }
        }

        let mut unknown = Vec::new();
        let mut column_problems = Vec::new();
        for (i, raw) in headers.iter().enumerate() {
            let header = clean(raw);
            let name = normalize(header);
            if ignored.contains(&name) {
                continue;
            }
            if let Some(&w) = by_name.get(&name) {
                wanted[w].columns.push(i);
                continue;
            }
            let factor = prefixes.iter().find_map(|&(field, prefix)| {
                if prefix.is_empty() {
                    return None;
                }
                strip_prefix_ignoring_case(header, prefix).map(|rest| (field, rest.trim()))
            });
            match factor {
                Some((field, "")) => column_problems.push((
                    i,
                    HeaderProblem::EmptyFactor {
                        column: ColumnRef::new(i, raw),
                        field,
                    },
                )),
                Some((field, factor)) => {
                    let key = Key::Factor(field, normalize(factor));
                    let w = *index.entry(key.clone()).or_insert_with(|| {
                        wanted.push(Wanted {
                            key,
                            used: ColumnUse::Factor {
                                field,
                                factor: factor.to_owned(),
                            },
                            header: None,
                            origin: String::new(),
                            explicit: false,
                            conflicted: false,
                            columns: Vec::new(),
                        });
                        wanted.len() - 1
                    });
                    wanted[w].columns.push(i);
                }
                None => unknown.push(i),
            }
        }

        // Suggestions for unknown headers: roles and listed factors not found yet, and the
        // header with a misspelt prefix put right.
        for &i in &unknown {
            let header = clean(headers[i]);
            let mut candidates: Vec<String> = wanted
                .iter()
                .filter(|w| w.columns.is_empty() && !w.conflicted)
                .filter_map(|w| w.header.clone())
                .collect();
            candidates.extend(
                prefixes
                    .iter()
                    .filter_map(|(_, prefix)| prefix_fixed(header, prefix)),
            );
            let suggestion = if header.is_empty() {
                None
            } else {
                closest(header, candidates.iter().map(|c| (c.as_str(), c.clone())))
            };
            column_problems.push((
                i,
                HeaderProblem::Unknown {
                    column: ColumnRef::new(i, headers[i]),
                    suggestion,
                },
            ));
        }
        column_problems.sort_by_key(|(i, _)| *i);
        problems.extend(column_problems.into_iter().map(|(_, p)| p));

        for w in &wanted {
            if w.columns.len() > 1 {
                problems.push(HeaderProblem::Duplicate {
                    role: w.used.clone(),
                    columns: w
                        .columns
                        .iter()
                        .map(|&i| ColumnRef::new(i, headers[i]))
                        .collect(),
                });
            }
        }
        for w in &wanted {
            let required = matches!(w.key, Key::Role(role) if role.is_required());
            if w.columns.is_empty() && (required || w.explicit) && !w.conflicted {
                let accepted: Vec<String> = w.header.iter().cloned().collect();
                let suggestion = w.header.as_deref().and_then(|h| {
                    closest(
                        h,
                        unknown
                            .iter()
                            .map(|&i| (headers[i], ColumnRef::new(i, headers[i]))),
                    )
                });
                problems.push(HeaderProblem::Missing {
                    role: w.used.clone(),
                    accepted,
                    suggestion,
                });
            }
        }

        let column = |role| {
            index
                .get(&Key::Role(role))
                .and_then(|&w| wanted[w].columns.first().copied())
        };
        let period = column(ColumnRole::Period);
        let previous_revenue = column(ColumnRole::PreviousRevenue);
        let (previous_label, current_label) =
            labels(options, period, previous_revenue, &mut problems);

        if let Some(hint) = other_delimiter(headers, &unknown, delimiter, &by_name, &prefixes) {
            problems.push(hint);
        }
        if !problems.is_empty() {
            return Err(Error::Header {
                problems,
                accepted: accepted(&wanted, &prefixes),
            });
        }

        let required = |role| column(role).unwrap_or_default();
        let mut factors: Vec<FactorColumn> = wanted
            .iter()
            .filter_map(|w| match (&w.used, w.columns.first()) {
                (ColumnUse::Factor { field, factor }, Some(&column)) => Some(FactorColumn {
                    column,
                    field: *field,
                    factor: factor.clone(),
                }),
                _ => None,
            })
            .collect();
        factors.sort_by_key(|f| f.column);
        Ok(Layout {
            delimiter,
            decimal_comma: options.decimal_comma,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            id: required(ColumnRole::Id),
            name: required(ColumnRole::Name),
            revenue: required(ColumnRole::Revenue),
            parent: column(ColumnRole::Parent),
            country: column(ColumnRole::Country),
            region: column(ColumnRole::Region),
            division: column(ColumnRole::Division),
            district: column(ColumnRole::District),
            territory: column(ColumnRole::Territory),
            potential: column(ColumnRole::Potential),
            target: column(ColumnRole::Target),
            period,
            previous_revenue,
            previous_label,
            current_label,
            factors,
            fit_prefix: fit_prefix.to_owned(),
            strength_prefix: strength_prefix.to_owned(),
        })
    }

    /// Checks the factor columns against the factors the scorecards use (`fit` for strategic
    /// fit, `strength` for relationship strength), compared exactly as written.
    ///
    /// # Errors
    ///
    /// [`Error::Header`] listing every factor column no scorecard uses
    /// ([`HeaderProblem::Unused`]; an ignored column is no factor column) and every scorecard
    /// factor without a column ([`HeaderProblem::Missing`]), each with the closest of the
    /// other side as a suggestion.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{InputOptions, Layout};
    ///
    /// let layout = Layout::resolve(&["id", "name", "revenue", "fit:grwoth", "strength:trust"], b',',
    ///     &InputOptions::default())?;
    /// assert!(layout.check_factors(&["grwoth"], &["trust"]).is_ok());
    /// let err = layout.check_factors(&["growth"], &["trust"]).unwrap_err();
    /// assert_eq!(err.to_string(), r#"the header has 2 problems:
    ///   - column 4 "fit:grwoth" is strategic fit factor grwoth, which no scorecard uses (to skip it, add it to ignore); did you mean strategic fit factor growth?
    ///   - no column for strategic fit factor growth (accepted: "fit:growth"); did you mean column 4 "fit:grwoth"?"#);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn check_factors(&self, fit: &[&str], strength: &[&str]) -> Result<()> {
        let wanted = |field| match field {
            ScoreField::StrategicFit => fit,
            ScoreField::RelationshipStrength => strength,
            ScoreField::RevenueShare => &[],
        };
        let unused: Vec<&FactorColumn> = self
            .factors
            .iter()
            .filter(|f| !wanted(f.field).contains(&f.factor.as_str()))
            .collect();
        let missing: Vec<ColumnUse> = [ScoreField::StrategicFit, ScoreField::RelationshipStrength]
            .into_iter()
            .flat_map(|field| {
                wanted(field)
                    .iter()
                    .filter(move |name| {
                        !self
                            .factors
                            .iter()
                            .any(|f| f.field == field && f.factor == **name)
                    })
                    .map(move |name| ColumnUse::Factor {
                        field,
                        factor: (*name).to_owned(),
                    })
            })
            .collect();

        let mut problems = Vec::new();
        for f in &unused {
            // Same score first, so a tie goes to it.
            let mut candidates: Vec<&ColumnUse> = missing.iter().collect();
            candidates.sort_by_key(
                |m| !matches!(m, ColumnUse::Factor { field, .. } if *field == f.field),
            );
            let suggestion = closest(
                &f.factor,
                candidates.into_iter().filter_map(|m| match m {
                    ColumnUse::Factor { factor, .. } => Some((factor.as_str(), m.clone())),
                    ColumnUse::Role(_) => None,
                }),
            );
            problems.push(HeaderProblem::Unused {
                column: self.column_ref(f.column),
                role: ColumnUse::Factor {
                    field: f.field,
                    factor: f.factor.clone(),
                },
                suggestion,
            });
        }
        for m in missing {
            let ColumnUse::Factor { field, factor } = &m else {
                continue;
            };
            let prefix = match field {
                ScoreField::StrategicFit => &self.fit_prefix,
                _ => &self.strength_prefix,
            };
            let accepted = if prefix.is_empty() {
                Vec::new()
            } else {
                vec![format!("{prefix}{factor}")]
            };
            let suggestion = closest(
                factor,
                unused
                    .iter()
                    .map(|f| (f.factor.as_str(), self.column_ref(f.column))),
            );
            problems.push(HeaderProblem::Missing {
                role: m.clone(),
                accepted,
                suggestion,
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Header {
                problems,
                accepted: Vec::new(),
            })
        }
    }

    /// Renames factor columns whose factor matches a scorecard's factor ignoring case and
    /// surrounding spaces to the scorecard's spelling (a header `Fit:Growth` for the factor
    /// `growth`), then checks them as [`Layout::check_factors`] does.
    ///
    /// # Errors
    ///
    /// As [`Layout::check_factors`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::{InputOptions, Layout};
    ///
    /// let mut layout = Layout::resolve(&["id", "name", "revenue", "Fit: Growth"], b',',
    ///     &InputOptions::default())?;
    /// assert!(layout.check_factors(&["growth"], &[]).is_err());
    /// layout.bind_factors(&["growth"], &[])?;
    /// assert_eq!(layout.factors[0].factor, "growth");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn bind_factors(&mut self, fit: &[&str], strength: &[&str]) -> Result<()> {
        for f in &mut self.factors {
            let names = match f.field {
                ScoreField::StrategicFit => fit,
                _ => strength,
            };
            if names.contains(&f.factor.as_str()) {
                continue;
            }
            let own = normalize(&f.factor);
            if let Some(name) = names.iter().find(|n| normalize(n) == own) {
                f.factor = (*name).to_owned();
            }
        }
        self.check_factors(fit, strength)
    }

    fn column_ref(&self, column: usize) -> ColumnRef {
        ColumnRef::new(column, self.headers.get(column).map_or("", String::as_str))
    }
}

// `header` with a misspelt `prefix` put right: `fit_growth` or `fti:growth` for `fit:`.
fn prefix_fixed(header: &str, prefix: &str) -> Option<String> {
    let at = header.char_indices().nth(prefix.chars().count())?.0;
    let (head, rest) = header.split_at(at);
    let rest = rest.trim();
    // The header must separate its prefix, so that `fitness` is not read as `fit` + `ness`.
    let separated = head.chars().last().is_some_and(|c| !c.is_alphanumeric());
    (separated
        && !prefix.is_empty()
        && !rest.is_empty()
        && strsim::damerau_levenshtein(&normalize(head), &normalize(prefix)) <= 1)
        .then(|| format!("{prefix}{rest}"))
}

// The roles and listed factors, and their normalized headers.
fn wanted_columns(
    options: &InputOptions,
    problems: &mut Vec<HeaderProblem>,
) -> (Vec<Wanted>, HashMap<String, usize>) {
    let mut wanted = Vec::new();
    for role in ColumnRole::ALL {
        let given = options.columns.get(role);
        wanted.push(Wanted {
            key: Key::Role(role),
            used: ColumnUse::Role(role),
            header: given
                .map(|h| h.trim().to_owned())
                .or_else(|| role.default_header().map(str::to_owned)),
            origin: format!("columns.{}", role.key()),
            explicit: given.is_some(),
            conflicted: false,
            columns: Vec::new(),
        });
    }
    for (field, list, option) in [
        (ScoreField::StrategicFit, &options.fit, "fit"),
        (
            ScoreField::RelationshipStrength,
            &options.strength,
            "strength",
        ),
    ] {
        for factor in list {
            let factor = factor.trim();
            wanted.push(Wanted {
                key: Key::Factor(field, normalize(factor)),
                used: ColumnUse::Factor {
                    field,
                    factor: factor.to_owned(),
                },
                header: Some(factor.to_owned()),
                origin: format!("{option} ({field} factor {factor:?})"),
                explicit: true,
                conflicted: false,
                columns: Vec::new(),
            });
        }
    }

    // Names the analyst wrote claim their header before the defaults do, so a clash is
    // reported at the option written.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for explicit in [true, false] {
        for i in 0..wanted.len() {
            let w = &wanted[i];
            if w.explicit != explicit {
                continue;
            }
            let Some(name) = w.header.as_deref().map(normalize) else {
                continue;
            };
            let problem = if name.is_empty() {
                Some(HeaderProblem::Option {
                    option: w.origin.clone(),
                    reason: "the header is empty".to_owned(),
                })
            } else if let Some(&owner) = by_name.get(&name) {
                let owner = &wanted[owner];
                Some(if explicit {
                    HeaderProblem::Option {
                        option: w.origin.clone(),
                        reason: format!("{name:?} is also the header of {}", owner.origin),
                    }
                } else {
                    HeaderProblem::Option {
                        option: owner.origin.clone(),
                        reason: format!(
                            "{name:?} is also the default header of {}; name that column too",
                            w.origin
                        ),
                    }
                })
            } else {
                by_name.insert(name, i);
                None
            };
            if let Some(problem) = problem {
                problems.push(problem);
                wanted[i].conflicted = true;
            }
        }
    }
    (wanted, by_name)
}

// The period labels of a file without a period column.
fn labels(
    options: &InputOptions,
    period: Option<usize>,
    previous_revenue: Option<usize>,
    problems: &mut Vec<HeaderProblem>,
) -> (String, String) {
    let wide = options.columns.previous_revenue.is_some();
    let previous = options
        .previous_label
        .clone()
        .unwrap_or_else(|| DEFAULT_PREVIOUS_LABEL.to_owned());
    let current = options.current_label.clone().unwrap_or_else(|| {
        if wide {
            DEFAULT_CURRENT_LABEL_WIDE.to_owned()
        } else {
            String::new()
        }
    });
    let mut problem = |option: &str, reason: String| {
        problems.push(HeaderProblem::Option {
            option: option.to_owned(),
            reason,
        });
    };
    if options.previous_label.is_some() && !wide {
        problem(
            "previous_label",
            "is given but columns.previous_revenue is not".to_owned(),
        );
    }
    if period.is_some() {
        if options.current_label.is_some() {
            problem(
                "current_label",
                "is given but the file has a period column, which labels the rows".to_owned(),
            );
        }
        if previous_revenue.is_some() {
            problem(
                "columns.previous_revenue",
                "needs a file of one period, without a period column".to_owned(),
            );
        }
    }
    if wide {
        if previous == current {
            problem(
                "previous_label",
                format!("{previous:?} is also the current_label"),
            );
        } else if let (Some(p), Some(c)) = (PeriodKey::parse(&previous), PeriodKey::parse(&current))
        {
            if p.kind() == c.kind() && p >= c {
                problem(
                    "previous_label",
                    format!("{previous:?} comes after current_label {current:?}"),
                );
            }
        }
    }
    (previous, current)
}

// A hint when an unknown header holds known names joined by another delimiter.
fn other_delimiter(
    headers: &[&str],
    unknown: &[usize],
    used: u8,
    by_name: &HashMap<String, usize>,
    prefixes: &[(ScoreField, &str); 2],
) -> Option<HeaderProblem> {
    let known = |part: &str| {
        let part = clean(part);
        by_name.contains_key(&normalize(part))
            || prefixes
                .iter()
                .any(|(_, p)| !p.is_empty() && strip_prefix_ignoring_case(part, p).is_some())
    };
    DELIMITERS
        .iter()
        .filter(|&&d| d != used)
        .find(|&&d| {
            unknown.iter().any(|&i| {
                let header = headers[i];
                header.as_bytes().contains(&d) && header.split(char::from(d)).any(known)
            })
        })
        .map(|&d| HeaderProblem::OtherDelimiter {
            found: char::from(d),
            used: char::from(used),
        })
}

// The headers the options accept, for the message.
fn accepted(wanted: &[Wanted], prefixes: &[(ScoreField, &str); 2]) -> Vec<String> {
    let mut names: Vec<String> = wanted
        .iter()
        .filter(|w| !w.conflicted && (matches!(w.key, Key::Role(_)) || w.explicit))
        .filter_map(|w| w.header.clone())
        .collect();
    names.extend(
        prefixes
            .iter()
            .filter(|(_, p)| !p.is_empty())
            .map(|(_, p)| format!("{p}<factor>")),
    );
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_ignores_case_even_across_unicode() {
        assert_eq!(strip_prefix_ignoring_case("FIT:x", "fit:"), Some("x"));
        assert_eq!(strip_prefix_ignoring_case("Ärger", "är"), Some("ger"));
        assert_eq!(strip_prefix_ignoring_case("fi", "fit:"), None);
    }

    #[test]
    fn suggestions_need_a_typo_not_any_word() {
        let names = [("revenue", 0), ("name", 1), ("id", 2)];
        assert_eq!(closest("Reveneu", names), Some(0));
        assert_eq!(closest("nmae", names), Some(1));
        assert_eq!(closest("Umsatz", names), None);
    }
}
