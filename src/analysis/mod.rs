//! An analysis end to end, without writing Rust: an analysis file ([`AnalysisConfig`], TOML)
//! says how to score and which models to run; [`run`] reads the data and computes the whole
//! analysis once, as one [`Report`]; renderers ([`crate::render`]) turn the report into text,
//! CSV and other files.
//!
//! Needs the `analysis` feature (on by default).
//!
//! # Borderline accounts
//!
//! An account is *borderline* when the primary model's margin — its distance to the nearest
//! class boundary, on the model's own [0, 1] axes, after calibration — is below
//! `report.borderline_margin` (default 0.05). A small change in its ratings or revenue could
//! move it to another class.
//!
//! # Examples
//!
//! ```
//! use keyaccount::analysis::{run_periods, AnalysisConfig};
//! use keyaccount::portfolio::read_csv;
//!
//! let config = AnalysisConfig::from_toml(r#"
//!     [scoring.fit]
//!     factors = [ { name = "growth", weight = 0.7 }, { name = "reach", weight = 0.3 } ]
//!     [models]
//!     calibrate = false
//! "#)?;
//! let csv = "id,name,revenue,fit:growth,fit:reach,strength:trust\n\
//!            A,Alpha,900,9,8,9\nB,Beta,100,3,2,3\n";
//! let report = run_periods("example", &read_csv(csv.as_bytes())?, &config)?;
//! assert_eq!(report.accounts[0].name, "Alpha");
//! print!("{}", keyaccount::render::text(&report));
//! # Ok::<(), keyaccount::Error>(())
//! ```

mod config;
mod report;
mod run;

pub use config::{
    AnalysisConfig, FactorOptions, ModelOptions, OutputFormat, OutputOptions, ReportOptions,
    ScaleOptions, ScorecardOptions, ScoringOptions, ShareKind, ShareOptions,
};
pub use report::{
    AbcLine, AccountRow, Agreement, AttainmentRow, CalibrationInfo, ConcentrationTable,
    ConsensusTable, CoverageCount, MigrationTable, ModelInfo, ModelResult, MoveRow, Movement,
    NamedAmount, OpportunityRow, Report, ScorecardsUsed, SummaryLine, SummaryTable, TierCount,
    TopLine, UncouplingRow,
};
pub use run::{check_data_path, run, run_periods, run_periods_with, run_with_products};
