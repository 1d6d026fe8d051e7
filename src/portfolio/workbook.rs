//! Reading portfolios from `.xlsx` workbooks (CRM exports). Behind the `xlsx` feature.
//!
//! A sheet is turned into CSV text in memory and read by the CSV reader, so columns, header
//! resolution, periods and errors are exactly those of a CSV export; only the places in error
//! messages change from CSV lines to sheet cells.
//!
//! Before calamine parses anything, the zip archive is checked against [`WorkbookLimits`]: the
//! sizes its directory declares, the compression ratio of each part, and then the bytes each
//! part really unpacks to (read through a capped reader, so a part that lies about its size
//! cannot get past the limit either). A zip bomb fails with [`Error::WorkbookTooLarge`] without
//! being unpacked. So does a shared-strings part that declares more strings than its bytes can
//! hold (calamine would reserve memory for all of them first).

use std::fmt::Write as _;
use std::io::{self, Read, Seek};
use std::path::Path;

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::portfolio::csv::{read_csv_with, Periods};
use crate::portfolio::layout::{ColumnRef, HeaderProblem, InputOptions};

/// How much a workbook may unpack to before the reader refuses it.
///
/// An `.xlsx` file is a zip archive of XML parts; a few kilobytes can declare (or really
/// inflate to) gigabytes. Every limit is checked before calamine parses a byte.
///
/// | limit | default | checked against |
/// | --- | --- | --- |
/// | `max_unpacked_bytes` | 256 MiB | the sum of all parts' declared sizes, and the bytes they really unpack to |
/// | `max_compression_ratio` | 100 | unpacked / packed size of each part larger than `ratio_grace_bytes` |
/// | `ratio_grace_bytes` | 1 MiB | parts up to this size may compress better (small XML does) |
/// | `max_parts` | 10,000 | the number of entries in the archive |
/// | `max_cells` | 32 million | used rows x used columns of the sheet read |
///
/// The ratio limit follows Apache POI's `ZipSecureFile` (minimum inflate ratio 0.01); real
/// CRM exports compress about 5 to 20 times.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::WorkbookLimits;
///
/// let limits = WorkbookLimits { max_unpacked_bytes: 1 << 20, ..WorkbookLimits::default() };
/// assert_eq!(limits.max_compression_ratio, 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkbookLimits {
    /// Largest total size of all parts once unpacked, in bytes.
    pub max_unpacked_bytes: u64,
    /// Largest ratio of unpacked to packed size of one part (above `ratio_grace_bytes`).
    pub max_compression_ratio: u64,
    /// Parts up to this unpacked size are exempt from the ratio limit.
    pub ratio_grace_bytes: u64,
    /// Largest number of parts (zip entries).
    pub max_parts: usize,
    /// Largest number of cells in the used area of the sheet (used rows x used columns).
    pub max_cells: u64,
}

impl Default for WorkbookLimits {
    fn default() -> Self {
        WorkbookLimits {
            max_unpacked_bytes: 256 << 20,
            max_compression_ratio: 100,
            ratio_grace_bytes: 1 << 20,
            max_parts: 10_000,
            max_cells: 32_000_000,
        }
    }
}

/// Settings of the workbook reader.
///
/// | setting | default |
/// | --- | --- |
/// | `sheet` | the first visible worksheet |
/// | `limits` | [`WorkbookLimits::default`] |
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::WorkbookOptions;
///
/// let options = WorkbookOptions { sheet: Some("Accounts".into()), ..WorkbookOptions::default() };
/// assert_eq!(options.limits.max_parts, 10_000);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkbookOptions {
    /// The sheet to read, by name; `None` reads the first visible worksheet.
    pub sheet: Option<String>,
    /// Size limits against zip bombs.
    pub limits: WorkbookLimits,
}

fn malformed(message: impl std::fmt::Display) -> Error {
    Error::WorkbookMalformed {
        message: message.to_string(),
    }
}

fn too_large(part: &str, what: &'static str, value: u64, limit: u64) -> Error {
    Error::WorkbookTooLarge {
        part: part.to_owned(),
        what,
        value,
        limit,
    }
}

/// The signature of OLE compound files: `.xls` workbooks and encrypted `.xlsx` ones.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Checks the archive against `limits`, first by the sizes it declares, then by unpacking every
/// part through a reader capped at its declared size. Returns the reader, rewound by the caller.
fn check_archive<R: Read + Seek>(mut reader: R, limits: &WorkbookLimits) -> Result<R> {
    let mut magic = [0; 8];
    let n = reader
        .read(&mut magic)
        .map_err(|e| malformed(format!("cannot read: {e}")))?;
    if magic[..n] == CFB_MAGIC {
        return Err(malformed(
            "this is a legacy .xls or a password-protected workbook; save it as .xlsx without a \
             password",
        ));
    }
    reader
        .rewind()
        .map_err(|e| malformed(format!("cannot rewind: {e}")))?;
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| match e {
        zip::result::ZipError::InvalidArchive(_) | zip::result::ZipError::UnsupportedArchive(_) => {
            malformed(format!(
                "not an .xlsx workbook (not a readable zip archive: {e})"
            ))
        }
        _ => malformed(e),
    })?;
    let parts = zip.len();
    if parts > limits.max_parts {
        return Err(too_large(
            "archive",
            "number of parts",
            parts as u64,
            limits.max_parts as u64,
        ));
    }

    let mut declared = Vec::with_capacity(parts);
    let mut total: u64 = 0;
    for i in 0..parts {
        let entry = zip.by_index_raw(i).map_err(malformed)?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        if total > limits.max_unpacked_bytes {
            return Err(too_large(
                &name,
                "declared unpacked size in bytes (all parts so far)",
                total,
                limits.max_unpacked_bytes,
            ));
        }
        if size > limits.ratio_grace_bytes {
            let ratio = size / packed.max(1);
            if ratio > limits.max_compression_ratio {
                return Err(too_large(
                    &name,
                    "compression ratio",
                    ratio,
                    limits.max_compression_ratio,
                ));
            }
        }
        declared.push((name, size));
    }

    // The directory can lie: unpack each part ourselves, reading at most one byte past what
    // it declares.
    for (i, (name, size)) in declared.iter().enumerate() {
        let part_error = |e: &dyn std::fmt::Display| malformed(format!("part {name}: {e}"));
        let raw = zip.by_index_raw(i).map_err(|e| part_error(&e))?;
        let method = raw.compression();
        let mut unpacked: Box<dyn Read + '_> = match method {
            zip::CompressionMethod::Stored => Box::new(raw),
            zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(raw)),
            other => {
                return Err(part_error(&format_args!(
                    "compression method {other} is not supported"
                )))
            }
        };
        let mut capped = (&mut unpacked).take(size + 1);
        let read = if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            let mut xml = Vec::new();
            capped.read_to_end(&mut xml).map_err(|e| part_error(&e))?;
            check_string_count(name, &xml)?;
            xml.len() as u64
        } else {
            io::copy(&mut capped, &mut io::sink()).map_err(|e| part_error(&e))?
        };
        if read > *size {
            return Err(too_large(
                name,
                "unpacked size in bytes (more than the part declares)",
                read,
                *size,
            ));
        }
    }
    Ok(zip.into_inner())
}

/// Refuses a shared-strings part whose `uniqueCount` promises more strings than its bytes can
/// hold: calamine reserves room for that many before reading one. Every `sst` tag is checked,
/// so one hidden in a comment cannot shadow the real one.
fn check_string_count(part: &str, xml: &[u8]) -> Result<()> {
    // Each string takes at least `<si/>`.
    let most = xml.len() as u64 / 5 + 1;
    let mut rest = xml;
    while let Some(at) = find(rest, b"sst") {
        rest = &rest[at + 3..];
        // The tag ends at `>` (or where a tag could not go on); each byte is scanned once.
        let end = rest
            .iter()
            .position(|b| matches!(b, b'>' | b'<'))
            .unwrap_or(rest.len());
        let mut attrs = &rest[..end];
        rest = &rest[end..];
        while let Some(at) = find(attrs, b"uniqueCount") {
            attrs = &attrs[at + b"uniqueCount".len()..];
            let count = attrs
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'"' | b'\''))
                .take_while(|b| b.is_ascii_digit())
                .try_fold(0u64, |n, b| {
                    n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
                });
            // A count too large for a number makes calamine's parse fail: it reserves nothing.
            if let Some(count) = count.filter(|&n| n > most) {
                return Err(too_large(part, "declared number of strings", count, most));
            }
        }
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `A` for column 0, `Z` for 25, `AA` for 26, ...
fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// `B17` for row 16, column 1 (both from 0).
fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

/// A sheet as CSV text, with what is needed to name sheet cells in errors.
struct SheetCsv {
    text: String,
    /// The sheet row (from 0) of each physical CSV line (line 1 is index 0).
    line_rows: Vec<u32>,
    /// The sheet column (from 0) of the first CSV field.
    first_col: u32,
    /// The header row's cells, as written.
    header: Vec<String>,
}

/// A cell's value as CSV text, or `Err` with the text of a formula error.
fn cell_text(value: &DataRef<'_>) -> std::result::Result<String, String> {
    Ok(match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        // Display of f64 is the shortest text that parses back to the same number.
        DataRef::Float(v) => v.to_string(),
        DataRef::Int(v) => v.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
            let mut t = format!("{y:04}-{mo:02}-{da:02}");
            if (h, mi, s, ms) != (0, 0, 0, 0) {
                let _ = write!(t, "T{h:02}:{mi:02}:{s:02}");
                if ms != 0 {
                    let _ = write!(t, ".{ms:03}");
                }
            }
            t
        }
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(e) => return Err(e.to_string()),
    })
}

fn csv_field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn sheet_csv<R: Read + Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
    limits: &WorkbookLimits,
) -> Result<SheetCsv> {
    let mut cells = Vec::new();
    {
        let mut rdr = book.worksheet_cells_reader(sheet).map_err(malformed)?;
        while let Some(cell) = rdr.next_cell().map_err(malformed)? {
            let (row, col) = cell.get_position();
            let text = cell_text(cell.get_value());
            if text.as_ref().map_or(true, |t| !t.is_empty()) {
                cells.push((row, col, text));
            }
        }
    }
    // Sheets are written row by row, but nothing forces it.
    cells.sort_by_key(|&(row, col, _)| (row, col));
    if let Some(w) = cells
        .windows(2)
        .find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
    {
        return Err(malformed(format!(
            "sheet {sheet:?}: cell {} appears twice",
            cell_name(w[0].0, w[0].1)
        )));
    }
    let (Some(first_col), Some(last_col)) = (
        cells.iter().map(|c| c.1).min(),
        cells.iter().map(|c| c.1).max(),
    ) else {
        return Err(Error::WorkbookSheet {
            sheet: sheet.to_owned(),
            row: None,
            source: Box::new(Error::EmptyPortfolio),
        });
    };
    let width = u64::from(last_col - first_col) + 1;
    let mut rows = cells.iter().map(|c| c.0).collect::<Vec<_>>();
    rows.dedup();
    let area = width.saturating_mul(rows.len() as u64);
    if area > limits.max_cells {
        return Err(too_large(
            sheet,
            "used cells (rows x columns)",
            area,
            limits.max_cells,
        ));
    }

    let mut out = SheetCsv {
        text: String::new(),
        line_rows: Vec::with_capacity(rows.len()),
        first_col,
        header: Vec::new(),
    };
    let mut cells = cells.into_iter().peekable();
    for row in rows {
        let mut col = first_col;
        while let Some((_, c, text)) = cells.next_if(|c| c.0 == row) {
            for _ in col..c {
                out.text.push(',');
            }
            if c > first_col {
                out.text.push(',');
            }
            col = c + 1;
            let text = text.map_err(|value| Error::WorkbookInvalidValue {
                sheet: sheet.to_owned(),
                cell: cell_name(row, c),
                column: out
                    .header
                    .get((c - first_col) as usize)
                    .filter(|h| !h.is_empty())
                    .cloned()
                    .unwrap_or_else(|| column_letters(c)),
                value,
                reason: "is a formula error",
            })?;
            if out.line_rows.is_empty() {
                out.header.resize((c - first_col) as usize, String::new());
                out.header.push(text.clone());
            }
            csv_field(&mut out.text, &text);
            // A line break inside a cell makes the CSV record span lines.
            let breaks = text.matches('\n').count();
            out.line_rows.extend(std::iter::repeat(row).take(breaks));
        }
        for c in col..=last_col {
            if c > first_col {
                out.text.push(',');
            }
        }
        out.text.push('\n');
        out.line_rows.push(row);
    }
    Ok(out)
}

impl SheetCsv {
    fn row_of_line(&self, line: u64) -> Option<u32> {
        usize::try_from(line)
            .ok()
            .and_then(|l| l.checked_sub(1))
            .and_then(|l| self.line_rows.get(l))
            .copied()
    }

    /// Restates an error of the CSV reader in terms of the sheet's rows and cells.
    fn locate(&self, sheet: &str, err: Error) -> Error {
        let in_sheet = |row: Option<u32>, source: Error| Error::WorkbookSheet {
            sheet: sheet.to_owned(),
            row: row.map(|r| r + 1),
            source: Box::new(source),
        };
        match err {
            Error::CsvInvalidValue {
                line,
                column,
                value,
                reason,
            } => {
                let row = self.row_of_line(line);
                let col = self.header.iter().position(|h| h.trim() == column.trim());
                match (row, col) {
                    (Some(row), Some(c)) => Error::WorkbookInvalidValue {
                        sheet: sheet.to_owned(),
                        cell: cell_name(row, self.first_col + c as u32),
                        column,
                        value,
                        reason,
                    },
                    _ => in_sheet(
                        row,
                        Error::CsvInvalidValue {
                            line,
                            column,
                            value,
                            reason,
                        },
                    ),
                }
            }
            Error::CsvRecord { line, source } => in_sheet(self.row_of_line(line), *source),
            Error::CsvTotalOverflow { line, field, .. } => {
                in_sheet(self.row_of_line(line), Error::TotalOverflow { field })
            }
            Error::CsvMalformed { line, message } => in_sheet(
                self.row_of_line(line),
                Error::CsvMalformed { line, message },
            ),
            Error::Header {
                mut problems,
                accepted,
            } => {
                // Positions count from the first CSV column; the sheet's may start further right.
                let shift = |c: &mut ColumnRef| c.position += self.first_col as usize;
                for p in &mut problems {
                    match p {
                        HeaderProblem::Unknown { column, .. }
                        | HeaderProblem::EmptyFactor { column, .. }
                        | HeaderProblem::Unused { column, .. } => shift(column),
                        HeaderProblem::Missing { suggestion, .. } => {
                            suggestion.iter_mut().for_each(shift);
                        }
                        HeaderProblem::Duplicate { columns, .. } => {
                            columns.iter_mut().for_each(shift);
                        }
                        _ => {}
                    }
                }
                in_sheet(
                    self.line_rows.first().copied(),
                    Error::Header { problems, accepted },
                )
            }
            other => in_sheet(None, other),
        }
    }
}

fn pick_sheet<R: Read + Seek>(book: &Xlsx<R>, wanted: Option<&str>) -> Result<String> {
    let sheets = book.sheets_metadata();
    let worksheets = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect::<Vec<_>>();
    let found = match wanted {
        Some(name) => worksheets.iter().find(|s| s.name == name),
        None => worksheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .or_else(|| worksheets.first()),
    };
    found
        .map(|s| s.name.clone())
        .ok_or_else(|| Error::WorkbookSheetNotFound {
            sheet: wanted.unwrap_or_default().to_owned(),
            available: worksheets.iter().map(|s| s.name.clone()).collect(),
        })
}

/// Reads the portfolios of every period from one sheet of an `.xlsx` workbook.
///
/// The sheet is read exactly as [`read_csv_with`] reads the same table in a CSV file, with the
/// same `input` options (column headers, factor prefixes, ignored columns, periods): a header
/// row, then one row per account and period. Cells are typed, so numbers are read as numbers
/// (`input.delimiter` and `input.decimal_comma` do not apply), dates become ISO 8601 text (`2025-03-31`, useful as
/// period labels), booleans `TRUE`/`FALSE`, and empty cells are "not given". Rows with no
/// value at all are skipped, as a spreadsheet user expects; columns left of the first used
/// column are ignored. A formula error cell (`#N/A`, `#DIV/0!`, ...) is an error.
///
/// The sheet is `options.sheet`, or the first visible worksheet. The archive is checked
/// against `options.limits` before anything is parsed (see [`WorkbookLimits`]).
///
/// # Errors
///
/// - [`Error::WorkbookMalformed`]: not a zip archive (e.g. a legacy `.xls` or an encrypted
///   workbook), a damaged part, invalid XML, a cell given twice.
/// - [`Error::WorkbookTooLarge`]: over a limit of [`WorkbookLimits`] (a zip bomb).
/// - [`Error::WorkbookSheetNotFound`]: no worksheet of that name, or none at all.
/// - [`Error::WorkbookInvalidValue`]: a cell that cannot be read, named by sheet and cell (e.g.
///   `B17`) and its column.
/// - [`Error::WorkbookSheet`]: any other error of [`read_csv_with`] (the header's problems,
///   with column positions counted as in the sheet; an invalid account; an empty sheet), with
///   the sheet and the 1-based sheet row where there is one; `source` is the CSV reader's
///   error.
///
/// # Examples
///
/// ```
/// use std::io::Cursor;
/// use keyaccount::portfolio::{read_xlsx, InputOptions, WorkbookOptions};
///
/// // A workbook as an analyst saves it (written here with rust_xlsxwriter).
/// let mut book = rust_xlsxwriter::Workbook::new();
/// let sheet = book.add_worksheet().set_name("Accounts")?;
/// sheet.write_row(0, 0, ["period", "id", "name", "revenue"])?;
/// sheet.write_number(1, 0, 2025)?.write(1, 1, "A")?.write(1, 2, "Alpha")?.write(1, 3, 1200.5)?;
/// sheet.write_number(2, 0, 2025)?.write(2, 1, "B")?.write(2, 2, "Beta")?.write(2, 3, "n/a")?;
/// let bytes = book.save_to_buffer()?;
///
/// let (input, options) = (InputOptions::default(), WorkbookOptions::default());
/// let err = read_xlsx(Cursor::new(&bytes), &input, &options).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"sheet "Accounts", cell D3 (column revenue): "n/a" is not a finite number"#
/// );
///
/// // Own column names, as for a CSV export.
/// let mut input = InputOptions::default();
/// input.columns.revenue = Some("Sales".into());
/// let mut book = rust_xlsxwriter::Workbook::new();
/// let sheet = book.add_worksheet();
/// sheet.write_row(0, 0, ["id", "name", "Sales"])?;
/// sheet.write(1, 0, "A")?.write(1, 1, "Alpha")?.write(1, 2, 1200.5)?;
/// let periods = read_xlsx(Cursor::new(book.save_to_buffer()?), &input, &options)?;
/// assert_eq!(periods.latest().map(|(_, p)| p.total_revenue()), Some(1200.5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_xlsx<R: Read + Seek>(
    reader: R,
    input: &InputOptions,
    options: &WorkbookOptions,
) -> Result<Periods> {
    let mut reader = check_archive(reader, &options.limits)?;
    reader
        .rewind()
        .map_err(|e| malformed(format!("cannot rewind: {e}")))?;
    let mut book = Xlsx::new(reader).map_err(malformed)?;
    let sheet = pick_sheet(&book, options.sheet.as_deref())?;
    let csv = sheet_csv(&mut book, &sheet, &options.limits)?;
    // Cells are typed: the text written above uses commas and decimal points.
    let input = InputOptions {
        delimiter: Some(','),
        decimal_comma: false,
        ..input.clone()
    };
    read_csv_with(csv.text.as_bytes(), &input).map_err(|e| csv.locate(&sheet, e))
}

/// Reads an `.xlsx` workbook from `path` (see [`read_xlsx`]).
///
/// # Errors
///
/// [`Error::WorkbookOpen`] if the file cannot be opened; otherwise as [`read_xlsx`].
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::{read_xlsx_path, InputOptions, WorkbookOptions};
/// use keyaccount::Error;
///
/// let (input, options) = (InputOptions::default(), WorkbookOptions::default());
/// let err = read_xlsx_path("no/such/book.xlsx", &input, &options).unwrap_err();
/// assert!(matches!(err, Error::WorkbookOpen { ref path, .. } if path == "no/such/book.xlsx"));
/// ```
pub fn read_xlsx_path(
    path: impl AsRef<Path>,
    input: &InputOptions,
    options: &WorkbookOptions,
) -> Result<Periods> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::WorkbookOpen {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    read_xlsx(io::BufReader::new(file), input, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        let names = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(column_letters);
        assert_eq!(
            names,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
        assert_eq!(cell_name(16, 1), "B17");
        assert_eq!(cell_name(u32::MAX, 0), "A4294967296");
    }

    #[test]
    fn csv_fields_quote_only_what_needs_it() {
        let mut s = String::new();
        for t in ["plain", "a,b", "say \"hi\"", "two\nlines"] {
            csv_field(&mut s, t);
            s.push('|');
        }
        assert_eq!(s, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|");
    }
}
