//! placeholder
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod any;
pub mod axis;
pub mod batch;
pub mod classifier;
pub mod error;
pub mod models;
pub mod scorecard;
pub mod scores;
pub mod tier;

pub use any::{AnyAssessment, AnyModel, Class, ModelKind, Position};
pub use axis::{Axis, AxisWeights, WEIGHT_SUM_TOLERANCE};
pub use batch::{AllModels, AllModelsAssessment, BatchAssessment, BatchClassifier, BatchScorer};
pub use classifier::{Assessment, Classifier, CutPoint, NativeClass};
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
