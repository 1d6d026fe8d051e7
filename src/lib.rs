//! Classify a supplier's business customers into key-account tiers with the models of the
//! key-account-management (KAM) literature.
//!
//! Each account is described by three [`Scores`], each a number in [0, 1]: **revenue share**
//! (how much of the supplier's revenue it brings, put on a [`RevenueShareScale`]), **strategic
//! fit** (how attractive it is beyond today's revenue) and **relationship strength** (how
//! strong the supplier's position is, as the customer sees it). Fit and strength usually come
//! from weighted factor ratings: a [`Scorecard`].
//!
//! Four models classify an account, all behind one trait, [`Classifier`]:
//!
//! | model | axes | native classes | source |
//! | --- | --- | --- | --- |
//! | [`Webster`] | relationship intensity | Transaction, Repeated transactions, Long-term relationship, Buyer-seller partnership, Strategic alliance, Network organization | Webster (1992) |
//! | [`MillmanWilson`] | nature of relationship x level of involvement (stages on the diagonal) | Pre-KAM, Early-KAM, Mid-KAM, Partnership-KAM, Synergistic-KAM, Uncoupling-KAM | Millman and Wilson (1995, 1996) |
//! | [`Bensaou`] | buyer's x supplier's specific investments | Market exchange, Captive buyer, Captive supplier, Strategic partnership | Bensaou (1999) |
//! | [`FourS`] | attractiveness x relative strength | Strategic, Star, Status, Streamline | Woodburn and McDonald (2011) |
//!
//! Every model maps its native class onto one common [`Tier`] scale (Key, Development,
//! Maintenance, Transactional) through a [`TierMap`] that the user can replace, so models can be
//! swapped and compared. An [`Assessment`] gives the native class, the tier, the position on
//! the model's own axes, the distance to the nearest class boundary and the class's strategy.
//!
//! Beyond one account at a time:
//!
//! - [`portfolio`]: from a table of account records (or a CSV export, with the default `csv`
//!   feature) to tiers: revenue-share methods (reference scale, percentile rank, Pareto / ABC),
//!   roll-up of locations to their group, model comparison (Cohen's kappa) and consensus,
//!   calibration to a target number of Key accounts, concentration, migration between periods
//!   with Uncoupling, target attainment, opportunities and summary reports.
//! - [`batch`]: whole customer bases from `ndarray` matrices, one model or all four in one
//!   pass, with the same result as classifying each row alone.
//! - [`explain`]: why an account sits in its tier (each score's contribution to each axis,
//!   each factor's to its score, the thresholds that decided and the distance to each), the
//!   smallest change of one score or factor rating that moves it a tier, whether its class
//!   holds when the weights move, and where every default comes from (literature or
//!   convention).
//! - `analysis` and `render` (feature `analysis`, on by default): a whole analysis described
//!   in a TOML analysis file, computed once into one `Report`, rendered as text and CSV.
//!
//! # Rules
//!
//! - Every valid input gets exactly one class. A value exactly on a threshold goes to the
//!   higher class.
//! - With the default settings (and any monotone [`TierMap`]), raising any score never lowers
//!   the tier: axes are weighted sums with non-negative weights.
//! - Invalid scores, weights, thresholds and tier maps cannot be built: constructors and
//!   deserialization return a typed [`Error`].
//! - No clocks, no randomness: the same input always gives the same output.
//!
//! # Example
//!
//! ```
//! use keyaccount::{AnyModel, Classifier, FourS, FourSClass, RevenueShareScale, Scores, Tier};
//!
//! // 4% of revenue, strong fit, middling relationship.
//! let scores = Scores::from_revenue_share(0.04, &RevenueShareScale::default(), 0.8, 0.45)?;
//!
//! let a = FourS::default().classify(&scores);
//! assert_eq!(a.class, FourSClass::Star);
//! assert_eq!(a.tier, Tier::Development);
//! println!("{} ({}): {}", a.class, a.tier, a.strategy());
//!
//! for model in AnyModel::all() {
//!     let a = model.classify(&scores);
//!     println!("{:<20} {:<24} {:<13} margin {:.2}", model.name(), a.class, a.tier, a.margin);
//! }
//! # Ok::<(), keyaccount::Error>(())
//! ```
//!
//! # References
//!
//! - Webster, F. E. (1992). The changing role of marketing in the corporation. *Journal of
//!   Marketing*, 56(4), 1-17.
//! - Millman, T. and Wilson, K. (1995). From key account selling to key account management.
//!   *Journal of Marketing Practice: Applied Marketing Science*, 1(1), 9-21.
//! - Bensaou, M. (1999). Portfolios of buyer-supplier relationships. *Sloan Management
//!   Review*, 40(4), 35-44.
//! - Woodburn, D. and McDonald, M. (2011). *Key Account Management: The Definitive Guide*, 3rd
//!   ed. Chichester: Wiley.
//! - McDonald, M. and Rogers, B. (1998). *Key Account Management: Learning from Supplier and
//!   Customer Perspectives*. Oxford: Butterworth-Heinemann.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "analysis")]
pub mod analysis;
pub mod any;
pub mod axis;
pub mod batch;
#[cfg(feature = "charts")]
pub mod charts;
pub mod classifier;
pub mod error;
pub mod explain;
pub mod models;
pub mod portfolio;
#[cfg(feature = "analysis")]
pub mod render;
pub mod scorecard;
pub mod scores;
pub mod tier;

pub use any::{AnyAssessment, AnyModel, Class, ModelKind, Position};
pub use axis::{Axis, AxisWeights, WEIGHT_SUM_TOLERANCE};
pub use batch::{AllModels, AllModelsAssessment, BatchAssessment, BatchClassifier, BatchScorer};
pub use classifier::{Assessment, Classifier, CutPoint, DecisionAxis, NativeClass, Setting};
pub use error::{Error, Result};
pub use models::bensaou::{Bensaou, BensaouClass, BensaouParams, BensaouPosition};
pub use models::four_s::{FourS, FourSClass, FourSParams, FourSPosition};
pub use models::millman_wilson::{
    Balance, MillmanWilson, MillmanWilsonAssessment, MillmanWilsonParams, MillmanWilsonPosition,
    MillmanWilsonStage,
};
pub use models::webster::{Webster, WebsterClass, WebsterParams, WebsterPosition};
pub use scorecard::{Factor, MissingRating, RatingScale, Scorecard};
pub use scores::{RevenueShareScale, ScoreField, Scores};
pub use tier::{Tier, TierMap};

// The README's code blocks are compiled and run with the doctests (of the default build: one
// shows the charts feature).
#[cfg(all(doctest, feature = "charts"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
