//! Reading portfolios from CSV files (CRM exports). Behind the `csv` feature, on by default.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::layout::{detect_delimiter, InputOptions, Layout};
use crate::portfolio::period::chronological_order;
use crate::portfolio::record::{check_account, Account, AmountField, Portfolio, RatingColumn};
use crate::portfolio::text::Text;

/// The portfolios of one or more periods read from one file, oldest first (see
/// [`chronological_order`](crate::portfolio::chronological_order)).
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
/// assert_eq!(latest.rating("B", keyaccount::ScoreField::StrategicFit, "growth"), None);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Periods {
    periods: Vec<(String, Portfolio)>,
}

impl Periods {
    /// The period labels, oldest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let data = "period,id,name,revenue\n2025,A,Alpha,2\n2023,A,Alpha,1\n";
    /// assert_eq!(read_csv(data.as_bytes())?.labels(), ["2023", "2025"]); // in time order, not in file order
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn labels(&self) -> Vec<&str> {
        self.periods.iter().map(|(l, _)| l.as_str()).collect()
    }

    /// The periods with their portfolios, oldest first.
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

    /// The last period (the latest) and its portfolio; `None` only for a hand-made
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

fn malformed(e: &::csv::Error) -> Error {
    Error::CsvMalformed {
        line: e.position().map_or(0, ::csv::Position::line),
        message: e.to_string(),
    }
}

/// One period's accounts as they are read.
struct Builder {
    label: String,
    accounts: Vec<Account>,
    ratings: Vec<RatingColumn>,
    index: HashMap<Text, u32>,
    totals: [f64; 3],
}

impl Builder {
    fn new(label: String, layout: &Layout) -> Self {
        Builder {
            label,
            accounts: Vec::new(),
            ratings: layout
                .factors
                .iter()
                .map(|f| RatingColumn::with_capacity(f.field, Text::from(f.factor.as_str()), 0))
                .collect(),
            index: HashMap::new(),
            totals: [0.0; 3],
        }
    }

    fn push(&mut self, line: u64, account: Account, ratings: &[Option<f64>]) -> Result<()> {
        let i = self.accounts.len() as u32;
        if self.index.insert(account.id.clone(), i).is_some() {
            return Err(Error::CsvRecord {
                line,
                source: Box::new(Error::DuplicateAccount {
                    account: account.id.to_string(),
                }),
            });
        }
        let amounts = [
            account.revenue,
            account.potential.unwrap_or(0.0),
            account.target.unwrap_or(0.0),
        ];
        let fields = [
            AmountField::Revenue,
            AmountField::Potential,
            AmountField::Target,
        ];
        for ((total, amount), field) in self.totals.iter_mut().zip(amounts).zip(fields) {
            *total += amount;
            if !total.is_finite() {
                return Err(Error::CsvTotalOverflow {
                    line,
                    period: self.label.clone(),
                    field,
                });
            }
        }
        for (column, value) in self.ratings.iter_mut().zip(ratings) {
            column.push(*value);
        }
        self.accounts.push(account);
        Ok(())
    }

    fn finish(self) -> (String, Portfolio) {
        // Like a portfolio built from records: only factors somebody rates, in name order.
        let mut ratings: Vec<RatingColumn> = self
            .ratings
            .into_iter()
            .filter(|c| (0..c.len()).any(|i| c.get(i).is_some()))
            .collect();
        ratings.sort_by(|a, b| (a.field(), a.factor()).cmp(&(b.field(), b.factor())));
        let portfolio = Portfolio::from_checked(self.accounts, ratings, Some(self.index));
        (self.label, portfolio)
    }
}

/// Reads cells by the layout's indexes.
struct Cells<'a> {
    layout: &'a Layout,
    record: &'a ::csv::ByteRecord,
    line: u64,
}

impl<'a> Cells<'a> {
    fn text(&self, column: usize) -> Result<&'a str> {
        // Trimmed here rather than by the parser, which would copy every row.
        let bytes = self.record.get(column).unwrap_or_default().trim_ascii();
        std::str::from_utf8(bytes).map_err(|_| Error::CsvInvalidValue {
            line: self.line,
            column: self.name(column),
            value: String::from_utf8_lossy(bytes).into_owned(),
            reason: "is not valid UTF-8",
        })
    }

    fn name(&self, column: usize) -> String {
        self.layout
            .headers
            .get(column)
            .cloned()
            .unwrap_or_else(|| format!("{}", column + 1))
    }

    fn required(&self, column: usize) -> Result<&'a str> {
        let cell = self.text(column)?;
        if cell.is_empty() {
            return Err(Error::CsvInvalidValue {
                line: self.line,
                column: self.name(column),
                value: String::new(),
                reason: "is empty; the column is required",
            });
        }
        Ok(cell)
    }

    fn optional(&self, column: Option<usize>) -> Result<Option<&'a str>> {
        match column {
            Some(c) => Ok(Some(self.text(c)?).filter(|s| !s.is_empty())),
            None => Ok(None),
        }
    }

    fn number(&self, column: usize, cell: &str, scratch: &mut String) -> Result<f64> {
        let text = if self.layout.decimal_comma {
            scratch.clear();
            scratch.extend(
                cell.chars()
                    .filter(|&c| c != '.')
                    .map(|c| if c == ',' { '.' } else { c }),
            );
            scratch.as_str()
        } else {
            cell
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(Error::CsvInvalidValue {
                line: self.line,
                column: self.name(column),
                value: cell.to_owned(),
                reason: "is not a finite number",
            }),
        }
    }

    fn optional_number(&self, column: Option<usize>, scratch: &mut String) -> Result<Option<f64>> {
        match self.optional(column)? {
            Some(cell) => self
                .number(column.unwrap_or_default(), cell, scratch)
                .map(Some),
            None => Ok(None),
        }
    }
}

/// Text shared across the file: countries and regions repeat, and an account's id and name
/// repeat from one period to the next.
#[derive(Default)]
struct Interner {
    places: HashSet<Text>,
}

impl Interner {
    fn place(&mut self, s: &str) -> Text {
        if let Some(t) = self.places.get(s) {
            return t.clone();
        }
        let t = Text::from(s);
        self.places.insert(t.clone());
        t
    }
}

/// Reads the portfolios of every period in a CSV file, with the default column names (see
/// [`read_csv_with`] for other layouts).
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
/// An empty optional cell means "not given"; an empty `period` cell is an error. Any other
/// column is an error (it is usually a typo), and so is every bad cell or row: nothing is
/// skipped. Errors give the line (1-based; the header is line 1) and the column.
///
/// # Errors
///
/// [`Error::Header`] (every unknown, missing or duplicate column at once) for
/// the header; [`Error::CsvMalformed`] for a line the CSV parser rejects;
/// [`Error::CsvInvalidValue`] for a required cell (or a period) left empty, a cell that is not
/// UTF-8 or a number that cannot be read; [`Error::CsvRecord`] (wrapping the account's error,
/// e.g. [`Error::DuplicateAccount`] or [`Error::InvalidAmount`]) for a row whose account is
/// invalid; [`Error::CsvTotalOverflow`] naming the line and period where a total overflows;
/// [`Error::EmptyPortfolio`] for a file without rows.
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
    read_csv_with(reader, &InputOptions::default())
}

/// Reads the portfolios of every period in a CSV file laid out as `options` says: the
/// delimiter (detected from the header line when not given), decimal commas, the column of
/// each role ([`Layout::resolve`]) and the order of the periods
/// ([`chronological_order`](crate::portfolio::chronological_order)).
///
/// A wide previous-revenue column ([`Layout::previous_revenue`]) yields a second period,
/// labelled [`Layout::previous_label`]: the same accounts (those with a previous revenue),
/// their previous revenue, the same parents, locations and ratings as the current period
/// (one rating a factor is all the file holds), and no potential or target.
///
/// Reading is one pass over the rows; ids, names, countries and regions are stored once.
///
/// # Errors
///
/// The errors of [`Layout::resolve`] for the header; otherwise as [`read_csv`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{read_csv_with, InputOptions};
///
/// let data = "id;name;revenue\nA;Alpha;1.234,5\n";
/// let options = InputOptions { decimal_comma: true, ..InputOptions::default() };
/// let periods = read_csv_with(data.as_bytes(), &options)?;
/// assert_eq!(periods.latest().map(|(_, p)| p.total_revenue()), Some(1234.5));
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn read_csv_with<R: Read>(reader: R, options: &InputOptions) -> Result<Periods> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let delimiter = match options.delimiter {
        Some(d) => u8::try_from(d).unwrap_or(b','),
        None => {
            let buffer = reader.fill_buf().map_err(|e| Error::CsvMalformed {
                line: 1,
                message: e.to_string(),
            })?;
            let end = buffer
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or(buffer.len());
            detect_delimiter(&buffer[..end])
        }
    };
    let mut rdr = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::Headers)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let header = rdr.byte_headers().map_err(|e| malformed(&e))?.clone();
    let mut headers = Vec::with_capacity(header.len());
    for (i, h) in header.iter().enumerate() {
        headers.push(std::str::from_utf8(h).map_err(|_| Error::CsvInvalidValue {
            line: 1,
            column: format!("{}", i + 1),
            value: String::from_utf8_lossy(h).into_owned(),
            reason: "is not valid UTF-8",
        })?);
    }
    let layout = Layout::resolve(&headers, delimiter, options)?;

    let mut builders: Vec<Builder> = Vec::new();
    let mut interner = Interner::default();
    let mut record = ::csv::ByteRecord::new();
    let mut scratch = String::new();
    let mut ratings: Vec<Option<f64>> = vec![None; layout.factors.len()];
    let mut last = usize::MAX;
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(malformed(&e)),
        }
        let line = record.position().map_or(0, ::csv::Position::line);
        let cells = Cells {
            layout: &layout,
            record: &record,
            line,
        };
        let label = match layout.period {
            Some(c) => cells.required(c)?,
            None => layout.current_label.as_str(),
        };
        let id = cells.required(layout.id)?;
        let name = cells.required(layout.name)?;
        let revenue = cells.number(
            layout.revenue,
            cells.required(layout.revenue)?,
            &mut scratch,
        )?;
        let parent = cells.optional(layout.parent)?;
        let country = cells.optional(layout.country)?;
        let region = cells.optional(layout.region)?;
        let potential = cells.optional_number(layout.potential, &mut scratch)?;
        let target = cells.optional_number(layout.target, &mut scratch)?;
        let previous = cells.optional_number(layout.previous_revenue, &mut scratch)?;
        for (slot, f) in ratings.iter_mut().zip(&layout.factors) {
            *slot = cells.optional_number(Some(f.column), &mut scratch)?;
        }
        let wrap = |source: Error| Error::CsvRecord {
            line,
            source: Box::new(source),
        };
        check_account(id, name, revenue, potential, target).map_err(wrap)?;

        if builders.get(last).map_or(true, |b| b.label != label) {
            last = match builders.iter().position(|b| b.label == label) {
                Some(p) => p,
                None => {
                    builders.push(Builder::new(label.to_owned(), &layout));
                    builders.len() - 1
                }
            };
        }
        // The same account in another period shares its id and name.
        let known = builders
            .iter()
            .enumerate()
            .filter(|(p, _)| *p != last)
            .find_map(|(_, b)| {
                b.index
                    .get_key_value(id)
                    .map(|(_, &i)| &b.accounts[i as usize])
            });
        let (id, name) = match known {
            Some(a) if a.name == name => (a.id.clone(), a.name.clone()),
            Some(a) => (a.id.clone(), Text::from(name)),
            None => (Text::from(id), Text::from(name)),
        };
        let account = Account {
            id,
            name,
            revenue,
            parent: parent.map(Text::from),
            country: country.map(|c| interner.place(c)),
            region: region.map(|r| interner.place(r)),
            potential,
            target,
        };
        if let Some(previous) = previous {
            let before = Account {
                revenue: previous,
                potential: None,
                target: None,
                ..account.clone()
            };
            let label = layout.previous_label.as_str();
            let p = match builders.iter().position(|b| b.label == label) {
                Some(p) => p,
                None => {
                    builders.push(Builder::new(label.to_owned(), &layout));
                    builders.len() - 1
                }
            };
            check_account(&before.id, &before.name, previous, None, None).map_err(wrap)?;
            builders[p].push(line, before, &ratings)?;
        }
        builders[last].push(line, account, &ratings)?;
    }
    if builders.is_empty() {
        return Err(Error::EmptyPortfolio);
    }
    let labels: Vec<&str> = builders.iter().map(|b| b.label.as_str()).collect();
    let order = chronological_order(&labels, options.period_order.as_deref())?;
    let mut slots: Vec<Option<Builder>> = builders.into_iter().map(Some).collect();
    let periods = order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .map(Builder::finish)
        .collect();
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
    read_csv_path_with(path, &InputOptions::default())
}

/// Reads a CSV file from `path` laid out as `options` says (see [`read_csv_with`]).
///
/// # Errors
///
/// [`Error::CsvOpen`] if the file cannot be opened; otherwise as [`read_csv_with`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{read_csv_path_with, InputOptions};
///
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/portfolio.csv");
/// let periods = read_csv_path_with(path, &InputOptions::default())?;
/// assert_eq!(periods.labels(), ["2024", "2025"]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn read_csv_path_with(path: impl AsRef<Path>, options: &InputOptions) -> Result<Periods> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::CsvOpen {
        path: path.display().to_string(),
        source: e.into(),
    })?;
    read_csv_with(file, options)
}
