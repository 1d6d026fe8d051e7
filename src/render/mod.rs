//! Renderers of a [`Report`]: each reads the same value, so every
//! output shows the same numbers.
//!
//! - [`text`]: the report for people, lines at most 100 characters, amounts in k / M;
//! - [`csv`]: one row per key-account candidate, for a spreadsheet;
//! - `html` (feature `charts`, on by default): one self-contained page with the tables, the
//!   named lists and the charts, for a browser or an A4 printout;
//! - [`write_outputs`]: the files an analysis file's `[output]` asks for, into a folder.
//!
//! Needs the `analysis` feature (on by default).
//!
//! # Examples
//!
//! ```
//! use keyaccount::analysis::{run_periods, AnalysisConfig, OutputOptions};
//! use keyaccount::portfolio::read_csv;
//!
//! let data = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
//! let report = run_periods("example", &read_csv(data.as_bytes())?, &AnalysisConfig::default())?;
//! assert!(keyaccount::render::text(&report).lines().all(|l| l.chars().count() <= 100));
//!
//! let mut out = Vec::new();
//! keyaccount::render::csv(&report, &mut out, &OutputOptions::default())?;
//! assert!(String::from_utf8(out).unwrap().starts_with("id,name,members"));
//! # Ok::<(), keyaccount::Error>(())
//! ```

mod csv;
#[cfg(feature = "charts")]
mod html;
mod text;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use self::csv::csv;
#[cfg(feature = "charts")]
pub use self::html::html;
pub use self::text::{amount, text, MAX_WIDTH};
#[cfg(feature = "xlsx")]
pub use self::xlsx::{xlsx, XLSX_SHEETS};

use std::path::{Path, PathBuf};

use crate::analysis::{OutputFormat, OutputOptions, Report};
use crate::error::{Error, Result};

fn output_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Output {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Makes sure `dir` is a folder that can be written to, creating it (and its parents) if
/// needed. Call it before any work, so that an unwritable output fails at once.
///
/// # Errors
///
/// [`Error::Output`] naming the path when it is a file, cannot be created or cannot be written
/// to.
///
/// # Examples
///
/// ```
/// let dir = std::env::temp_dir().join("keyaccount-doc-prepare");
/// keyaccount::render::prepare_output_dir(&dir)?;
/// assert!(dir.is_dir());
/// let file = dir.join("a-file");
/// std::fs::write(&file, "x").unwrap();
/// assert!(keyaccount::render::prepare_output_dir(&file).is_err());
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn prepare_output_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(output_error(dir, "it is not a folder"));
    }
    std::fs::create_dir_all(dir).map_err(|e| output_error(dir, e))?;
    // Permissions alone do not tell (root, read-only mounts): try a write.
    let probe = dir.join(".keyaccount-write-test");
    std::fs::write(&probe, b"").map_err(|e| output_error(dir, e))?;
    std::fs::remove_file(&probe).map_err(|e| output_error(&probe, e))?;
    Ok(())
}

/// Writes the files of `output.formats` that this build can render into `dir`, and returns
/// their paths in the order of `output.formats`.
///
/// | format | file |
/// | --- | --- |
/// | `text` | `report.txt` ([`text`]) |
/// | `csv` | `accounts.csv` ([`csv`]) |
/// | `xlsx` | `report.xlsx` (`xlsx`, with the `xlsx` feature) |
///
/// # Errors
///
/// [`Error::Output`] naming the file when it cannot be written, or naming a format this
/// build has no renderer for.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let data = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\n";
/// let config = AnalysisConfig::default();
/// let report = run_periods("example", &read_csv(data.as_bytes())?, &config)?;
/// let dir = std::env::temp_dir().join("keyaccount-doc-write");
/// let written = keyaccount::render::write_outputs(&report, &config.output, &dir)?;
/// assert_eq!(written, [dir.join("report.txt"), dir.join("accounts.csv")]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn write_outputs(report: &Report, output: &OutputOptions, dir: &Path) -> Result<Vec<PathBuf>> {
    prepare_output_dir(dir)?;
    let mut written = Vec::new();
    for format in &output.formats {
        let path = dir.join(format.file_name());
        let bytes = match format {
            OutputFormat::Text => text(report).into_bytes(),
            OutputFormat::Csv => {
                let mut buf = Vec::new();
                csv(report, &mut buf, output)?;
                buf
            }
            #[cfg(feature = "charts")]
            OutputFormat::Html => html(report)?.into_bytes(),
            #[cfg(not(feature = "charts"))]
            OutputFormat::Html => {
                return Err(output_error(
                    &path,
                    "this build has no HTML renderer: build with the `charts` feature",
                ))
            }
            #[cfg(feature = "xlsx")]
            OutputFormat::Xlsx => xlsx(report)?,
            #[cfg(not(feature = "xlsx"))]
            OutputFormat::Xlsx => {
                return Err(output_error(
                    &path,
                    "this build has no xlsx renderer: build with the `xlsx` feature",
                ))
            }
        };
        std::fs::write(&path, bytes).map_err(|e| output_error(&path, e))?;
        written.push(path);
    }
    Ok(written)
}
