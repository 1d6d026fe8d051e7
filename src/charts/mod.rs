//! Pictures of results as SVG (Cargo feature `charts`): each chart is a function from a small
//! input value, filled from the library's results, to an SVG document as a `String`.
//!
//! | chart | input | shows |
//! | --- | --- | --- |
//! | [`MatrixChart::svg`] | [`Bubble`]s | the 4S matrix, Bensaou's 2x2 or Millman and Wilson's diagonal: bubbles sized by revenue, coloured by tier, Key and borderline accounts named |
//! | [`ParetoChart::svg`] | curve points, [`AbcBand`]s, HHI | revenue concentration: the Pareto (Lorenz) curve with the ABC cut lines and the Herfindahl-Hirschman index |
//! | [`MigrationChart::svg`] | [`Flow`]s | tier x tier migration between two periods: accounts and revenue per cell, new and lost accounts |
//! | [`AgreementChart::svg`] | kappa table | Cohen's kappa for each pair of models |
//! | [`TierBars::svg`] | [`TierBar`]s | accounts and revenue per tier |
//!
//! With the `analysis` feature, [`matrix_of`], [`pareto_of`], [`migration_of`],
//! [`agreement_of`] and [`tier_bars_of`] fill each chart from a
//! [`Report`](crate::analysis::Report).
//!
//! The pictures are drawn with plotters' SVG backend. Text is SVG `<text>` in the generic
//! `sans-serif` family, so producing a chart needs no font, and the browser or converter that
//! shows it picks its own. Colours are the same in every chart: Key red, Development orange,
//! Maintenance blue, Transactional grey. Charts are deterministic: the same input gives the
//! same bytes.
//!
//! # Examples
//!
//! ```
//! use keyaccount::charts::{Bubble, MatrixChart};
//! use keyaccount::{FourS, Tier};
//!
//! let accounts = [
//!     Bubble::new("A", "Acme", 0.85, 0.9, 2.4e6, Tier::Key),
//!     Bubble::new("B", "Beta", 0.3, 0.7, 8.0e5, Tier::Development).borderline(),
//!     Bubble::new("C", "Gamma", 0.2, 0.1, 1.0e5, Tier::Transactional),
//! ];
//! let svg = MatrixChart::four_s(&FourS::default())
//!     .context("Period 2025 · default thresholds")
//!     .svg(&accounts)?;
//! std::fs::write(std::env::temp_dir().join("four_s.svg"), svg)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bars;
mod concentration;
mod draw;
mod heatmap;
mod layout;
mod matrix;
#[cfg(feature = "analysis")]
mod report;

pub use bars::{TierBar, TierBars};
pub use concentration::{AbcBand, ParetoChart};
pub use heatmap::{AgreementChart, Flow, MigrationChart};
pub use matrix::{matrix_point, Bubble, MatrixAxis, MatrixChart, Region, Regions};
#[cfg(feature = "analysis")]
pub use report::{agreement_of, matrix_of, migration_of, pareto_of, tier_bars_of};
