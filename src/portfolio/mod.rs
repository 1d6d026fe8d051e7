//! Portfolio analysis: from a table of account records to tiers, and the reports key-account
//! managers give to senior management.
//!
//! The steps, each a separate call so that any can be replaced or inspected:
//!
//! 1. Records: [`AccountRecord`]s in a validated [`Portfolio`] (or [`read_csv`] for a CRM
//!    export, with the `csv` feature).
//! 2. Roll-up: [`Portfolio::roll_up`] merges locations and subsidiaries into their group, the
//!    key account, and gives each group its [`Coverage`].
//! 3. Scores: [`Portfolio::score`] / [`RolledUp::score`] with a [`ScoringConfig`] (a
//!    [`ShareMethod`] and two [`Scorecard`](crate::Scorecard)s).
//! 4. Tiers: [`ScoredPortfolio::classify`] with any model, or
//!    [`ScoredPortfolio::classify_all`]; [`calibrate`] to hit a target number of Key accounts.
//! 5. Reports: [`Comparison`] and [`consensus`], [`Concentration`], [`Migration`],
//!    [`Attainment`], [`opportunities`], [`Summary`].
//!
//! # Defaults
//!
//! | setting | default | where |
//! | --- | --- | --- |
//! | revenue-share method | [`ShareMethod::Reference`] with the logarithmic scale 0.1% to 10% | [`ShareMethod::default`] |
//! | ABC cut points | A to 80% of revenue, B to 95%, C the rest | [`AbcCuts::default`] |
//! | missing rating | an error naming account and factor | [`MissingRating::default`](crate::MissingRating) |
//! | Key accounts wanted when calibrating | 15 to 35 | [`KeyRange::default`] |
//! | consensus rule | plurality, ties to the lower tier | [`ConsensusRule::default`] |
//! | top-N shares | 1, 5, 10, 20 | [`ConcentrationOptions::default`] |
//! | Uncoupling | Millman and Wilson's model as given to [`Migration::new`] (default drop 0.2) | [`MillmanWilson`](crate::MillmanWilson) |
//!
//! # Rules
//!
//! - Ranking and ties: revenue descending, then id ascending. Equal revenues always get equal
//!   revenue-share scores and the same ABC class.
//! - Zero revenue: a valid account; its revenue-share score is 0 under every method and its ABC
//!   class is C. A portfolio whose total revenue is zero is an error.
//! - No account is ever dropped: invalid input is a typed [`Error`](crate::Error) naming the
//!   account (and, from CSV, the line and column).
//!
//! # Examples
//!
//! ```
//! use keyaccount::portfolio::{AccountRecord, Portfolio, ScoringConfig, ShareMethod, Summary};
//! use keyaccount::{Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard, Tier};
//!
//! let fit = Scorecard::new(
//!     ScoreField::StrategicFit,
//!     vec![
//!         Factor::new("growth", 0.6, RatingScale::default()),
//!         Factor::new("profitability", 0.4, RatingScale::default()),
//!     ],
//!     MissingRating::Error,
//! )?;
//! let strength = Scorecard::new(
//!     ScoreField::RelationshipStrength,
//!     vec![Factor::new("trust", 1.0, RatingScale::default())],
//!     MissingRating::Neutral,
//! )?;
//! let config = ScoringConfig::new(ShareMethod::PercentileRank, fit, strength)?;
//!
//! let portfolio = Portfolio::new(vec![
//!     AccountRecord::new("G", "Group", 500.0)
//!         .with_fit_rating("growth", 9.0)
//!         .with_fit_rating("profitability", 8.0)
//!         .with_strength_rating("trust", 9.0),
//!     AccountRecord::new("G-PL", "Group Poland", 200.0).with_parent("G"),
//!     AccountRecord::new("S", "Small", 50.0)
//!         .with_fit_rating("growth", 2.0)
//!         .with_fit_rating("profitability", 3.0)
//!         .with_strength_rating("trust", 2.0),
//! ])?;
//! let scored = portfolio.roll_up()?.score(&config)?;
//! let tiers = scored.classify(FourS::default());
//! assert_eq!(tiers.tier_of("G"), Some(Tier::Key));
//! assert_eq!(tiers.tier_of("S"), Some(Tier::Transactional));
//! println!("{}", Summary::by_tier(&tiers));
//! # Ok::<(), keyaccount::Error>(())
//! ```

mod attainment;
mod calibrate;
mod classify;
pub(crate) mod compare;
mod concentration;
mod coverage;
#[cfg(feature = "csv")]
mod csv;
mod layout;
mod migration;
mod period;
mod plan;
mod record;
mod report;
mod rollup;
mod share;
mod text;
mod whitespace;
#[cfg(feature = "xlsx")]
mod workbook;

pub use attainment::{opportunities, AccountAttainment, Attainment, GroupAttainment, Opportunity};
pub use calibrate::{calibrate, Calibration, KeyRange};
pub use classify::{
    Classification, ClassifiedAccount, ClassifiedAccounts, ScoredAccount, ScoredPortfolio,
    ScoringConfig,
};
pub use compare::{consensus, Comparison, ConsensusRule, ConsensusTier};
pub use concentration::{Concentration, ConcentrationOptions, ParetoPoint, SegmentShare, TopShare};
pub use coverage::{Contradiction, CoverageLevel, Geography, Hierarchy, HierarchyColumn};
#[cfg(feature = "csv")]
pub use csv::{read_csv, read_csv_path, read_csv_path_with, read_csv_with, Periods};
pub use layout::{
    detect_delimiter, ColumnRef, ColumnRole, ColumnUse, FactorColumn, HeaderProblem, InputColumns,
    InputOptions, Layout,
};
pub use migration::{Migration, Move, Uncoupling};
pub use period::{chronological_order, PeriodKey, PeriodKind, PeriodProblem};
pub use plan::{
    level_moves, LevelMove, LevelTotal, MatrixAccount, MatrixCountry, Plan, PlanAccount, PlanCell,
    PlanConfig, Planner, Structure, TierCapacities, DEFAULT_CAPACITY, DEFAULT_MATRIX_SHARE,
};
pub use record::{Account, AccountRecord, AmountField, Portfolio, RatingColumn};
pub use report::{Summary, SummaryBy, SummaryRow};
pub use rollup::{Coverage, Group, RolledUp};
pub use share::{AbcClass, AbcCuts, RevenueShare, ShareMethod};
pub use text::Text;
#[cfg(feature = "csv")]
pub use whitespace::{
    read_products, read_products_path, read_products_path_with, read_products_with,
};
pub use whitespace::{
    AccountWhitespace, ProductCell, ProductData, ProductRecord, ProductTotal, Whitespace,
    WhitespaceOpportunity, WhitespaceOptions,
};
#[cfg(feature = "xlsx")]
pub use workbook::{read_xlsx, read_xlsx_path, WorkbookLimits, WorkbookOptions};
