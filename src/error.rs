//! The crate's error type.

use crate::axis::Axis;
use crate::scores::ScoreField;

/// Everything that can go wrong in `keyaccount`.
///
/// Each variant names the culprit (the field, axis, class, account, row or line) and the value
/// that was rejected, so that a message can be shown to the person who wrote the input.
///
/// # Examples
///
/// ```
/// use keyaccount::{Error, ScoreField, Scores};
///
/// let err = Scores::new(1.5, 0.5, 0.5).unwrap_err();
/// assert!(matches!(
///     err,
///     Error::ScoreOutOfRange { field: ScoreField::RevenueShare, .. }
/// ));
/// assert_eq!(err.to_string(), "revenue share score 1.5 is not a finite number in [0, 1]");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A score is NaN, infinite or outside [0, 1].
    #[error("{field} score {value} is not a finite number in [0, 1]")]
    ScoreOutOfRange {
        /// The score that was rejected.
        field: ScoreField,
        /// The value given.
        value: f64,
    },

    /// A value given directly on a model's axis is NaN, infinite or outside [0, 1].
    #[error("{axis} {value} is not a finite number in [0, 1]")]
    AxisValueOutOfRange {
        /// The axis.
        axis: Axis,
        /// The value given.
        value: f64,
    },

    /// A raw revenue share (a fraction of total revenue) is NaN, infinite or outside [0, 1].
    #[error("revenue share {value} is not a finite fraction in [0, 1]")]
    RevenueShareOutOfRange {
        /// The value given.
        value: f64,
    },

    /// A parameter of a revenue-share scale is invalid.
    #[error("revenue share scale: {parameter} = {value} is invalid: {reason}")]
    InvalidScale {
        /// The parameter's name.
        parameter: &'static str,
        /// The value given.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },

    /// One weight of an axis is negative, NaN or infinite.
    #[error("{axis} weight for {field} is {value}: weights must be finite and non-negative")]
    InvalidWeight {
        /// The axis whose weights were given.
        axis: Axis,
        /// The score the weight applies to.
        field: ScoreField,
        /// The value given.
        value: f64,
    },

    /// The weights of an axis do not sum to 1.
    #[error("{axis} weights sum to {sum}, not 1")]
    WeightsDoNotSumToOne {
        /// The axis whose weights were given.
        axis: Axis,
        /// Their sum.
        sum: f64,
    },

    /// A threshold is NaN, infinite or not strictly between 0 and 1.
    #[error("{axis} threshold {value} is not a finite number strictly between 0 and 1")]
    ThresholdOutOfRange {
        /// The axis the threshold cuts.
        axis: Axis,
        /// The value given.
        value: f64,
    },

    /// The thresholds of one axis are not strictly increasing.
    #[error("{axis} thresholds are not strictly increasing: {previous} is followed by {next}")]
    ThresholdsNotOrdered {
        /// The axis the thresholds cut.
        axis: Axis,
        /// The earlier threshold.
        previous: f64,
        /// The threshold that should be larger than `previous`.
        next: f64,
    },

    /// The drop in development that marks Millman and Wilson's Uncoupling is invalid.
    #[error("uncoupling drop {value} is not a finite number in (0, 1]")]
    InvalidUncouplingDrop {
        /// The value given.
        value: f64,
    },

    /// The tolerance for Millman and Wilson's off-diagonal balance is invalid.
    #[error("balance tolerance {value} is not a finite number in [0, 1]")]
    InvalidBalanceTolerance {
        /// The value given.
        value: f64,
    },

    /// A previous assessment handed to a model holds a value that no model can produce.
    #[error("previous assessment: {what} is {value}, not a finite number in [0, 1]")]
    InvalidPreviousAssessment {
        /// The field of the previous assessment.
        what: &'static str,
        /// The value found.
        value: f64,
    },

    /// A tier mapping leaves a native class without a tier.
    #[error("tier mapping of the {model} model has no tier for class {class}")]
    MissingTier {
        /// The model whose mapping is incomplete.
        model: &'static str,
        /// The class without a tier.
        class: String,
    },

    /// A tier mapping names a native class twice.
    #[error("tier mapping of the {model} model names class {class} twice")]
    DuplicateTier {
        /// The model whose mapping repeats a class.
        model: &'static str,
        /// The repeated class.
        class: String,
    },
    /// A rating scale is not finite or its low end is not below its high end.
    #[error(
        "rating scale from {low} to {high} is invalid: both ends must be finite, low below high"
    )]
    InvalidRatingScale {
        /// The low end given.
        low: f64,
        /// The high end given.
        high: f64,
    },

    /// A scorecard has no factors.
    #[error("the {score} scorecard has no factors")]
    EmptyScorecard {
        /// The score the scorecard builds.
        score: ScoreField,
    },

    /// A scorecard names a factor twice.
    #[error("factor {factor} appears twice in a scorecard")]
    DuplicateFactor {
        /// The repeated factor.
        factor: String,
    },

    /// A factor's weight is negative, NaN or infinite.
    #[error("factor {factor} has weight {value}: weights must be finite and non-negative")]
    InvalidFactorWeight {
        /// The factor.
        factor: String,
        /// The weight given.
        value: f64,
    },

    /// A scorecard's weights do not sum to 1.
    #[error("the {score} scorecard's weights sum to {sum}, not 1")]
    FactorWeightsDoNotSumToOne {
        /// The score the scorecard builds.
        score: ScoreField,
        /// Their sum.
        sum: f64,
    },

    /// An account has no rating for a factor and the scorecard does not allow that.
    #[error("account {account} has no rating for factor {factor}")]
    MissingRating {
        /// The account.
        account: String,
        /// The factor (several, comma-separated, when none was rated).
        factor: String,
    },

    /// An account's rating is NaN or off its factor's scale.
    #[error(
        "account {account}: rating {value} for factor {factor} is not on its scale {low} to {high}"
    )]
    RatingOutOfRange {
        /// The account.
        account: String,
        /// The factor.
        factor: String,
        /// The rating given.
        value: f64,
        /// The scale's low end.
        low: f64,
        /// The scale's high end.
        high: f64,
    },
    /// A portfolio has no accounts.
    #[error("the portfolio has no accounts")]
    EmptyPortfolio,

    /// An account has an empty id.
    #[error("account named {name:?} has an empty id")]
    EmptyAccountId {
        /// The account's name.
        name: String,
    },

    /// An account id appears twice in one portfolio.
    #[error("account {account} appears twice")]
    DuplicateAccount {
        /// The repeated id.
        account: String,
    },

    /// An amount (revenue, potential or target) is negative, NaN or infinite.
    #[error("account {account}: {field} {value} is not a finite non-negative amount")]
    InvalidAmount {
        /// The account.
        account: String,
        /// Which amount.
        field: crate::portfolio::AmountField,
        /// The value given.
        value: f64,
    },

    /// An account's potential (its total spend in the category) is below the revenue it
    /// brings, which cannot be.
    #[error("account {account}: potential {potential} is below revenue {revenue}")]
    PotentialBelowRevenue {
        /// The account.
        account: String,
        /// The potential given.
        potential: f64,
        /// The revenue given.
        revenue: f64,
    },

    /// The portfolio's total revenue is zero, so no account has a share of it.
    #[error("the portfolio's total revenue is zero")]
    ZeroTotalRevenue,

    /// The portfolio's total of an amount is too large for a finite number, so shares of it
    /// would be meaningless.
    #[error("the portfolio's total {field} overflows: the amounts are too large to add up")]
    TotalOverflow {
        /// The amount whose total overflows.
        field: crate::portfolio::AmountField,
    },

    /// An account names a parent that is not in the portfolio.
    #[error("account {account} names unknown parent {parent}")]
    UnknownParent {
        /// The account.
        account: String,
        /// The parent id it names.
        parent: String,
    },

    /// Parent links form a cycle.
    #[error("account {account} is its own ancestor: {}", cycle.join(" -> "))]
    ParentCycle {
        /// The first account found on the cycle.
        account: String,
        /// The ids along the cycle, starting and ending with `account`.
        cycle: Vec<String>,
    },

    /// ABC cut points are not `0 < a < b <= 1`.
    #[error("abc cut points a = {a}, b = {b} are invalid: need 0 < a < b <= 1")]
    InvalidAbcCuts {
        /// The cumulative revenue share that ends class A.
        a: f64,
        /// The cumulative revenue share that ends class B.
        b: f64,
    },

    /// A target range for the number of key accounts is empty.
    #[error("key-account range {min} to {max} is invalid: need min <= max")]
    InvalidKeyRange {
        /// The smallest number wanted.
        min: usize,
        /// The largest number wanted.
        max: usize,
    },

    /// A scorecard for one score was given where another score's scorecard was expected.
    #[error("expected a {expected} scorecard, got a {found} scorecard")]
    WrongScorecard {
        /// The score the scorecard should build.
        expected: ScoreField,
        /// The score it builds.
        found: ScoreField,
    },

    /// Two classifications that must cover the same accounts do not.
    #[error("account {account} is in one classification but not the other")]
    AccountSetsDiffer {
        /// An account found in only one of them.
        account: String,
    },

    /// Two classifications that must come from the same model do not.
    #[error("classifications come from different models: {first} and {second}")]
    ModelsDiffer {
        /// The first model.
        first: crate::any::ModelKind,
        /// The second model.
        second: crate::any::ModelKind,
    },

    /// A consensus was asked of no classifications.
    #[error("no classifications to combine")]
    NoClassifications,

    /// A CSV file lacks a required column.
    #[error("csv: missing column {column}")]
    CsvMissingColumn {
        /// The column's name.
        column: String,
    },

    /// A CSV file has a column the reader does not know (often a typo).
    #[error("csv: unknown column {column}")]
    CsvUnknownColumn {
        /// The column's name.
        column: String,
    },

    /// A CSV file names a column twice.
    #[error("csv: column {column} appears twice")]
    CsvDuplicateColumn {
        /// The column's name.
        column: String,
    },

    /// A CSV cell holds a value that cannot be read.
    #[error("csv line {line}, column {column}: {value:?} {reason}")]
    CsvInvalidValue {
        /// The line (1-based; the header is line 1).
        line: u64,
        /// The column's name.
        column: String,
        /// The cell's text.
        value: String,
        /// What the cell must hold.
        reason: &'static str,
    },

    /// A CSV file cannot be opened.
    #[error("cannot open {path}: {message}")]
    CsvOpen {
        /// The path given.
        path: String,
        /// What the operating system reported.
        message: String,
    },

    /// A CSV line cannot be parsed (wrong number of fields, bad quoting, invalid UTF-8) or the
    /// file cannot be read.
    #[error("csv line {line}: {message}")]
    CsvMalformed {
        /// The line (1-based; the header is line 1; 0 for a read error the parser gives no position
        /// for).
        line: u64,
        /// What the CSV parser reported.
        message: String,
    },

    /// A CSV row was read but the account it describes is invalid.
    #[error("csv line {line}: {source}")]
    CsvRecord {
        /// The line (1-based; the header is line 1).
        line: u64,
        /// What is wrong with the account.
        #[source]
        source: Box<Error>,
    },
    /// A score matrix does not have one column per score.
    #[error("score matrix has {found} columns, expected {expected}")]
    BatchColumns {
        /// The number of columns needed.
        expected: usize,
        /// The number of columns given.
        found: usize,
    },

    /// A value of a score matrix is NaN, infinite or outside [0, 1].
    #[error("row {row}: {column} score {value} is not a finite number in [0, 1]")]
    InvalidBatchValue {
        /// The row (account), counted from 0.
        row: usize,
        /// The column, named by its score.
        column: ScoreField,
        /// The value given.
        value: f64,
    },

    /// An output array or an input column does not have one entry per row.
    #[error("{what} has {found} rows, expected {expected}")]
    BatchLength {
        /// The array with the wrong length.
        what: &'static str,
        /// The number of rows of the score or factor input.
        expected: usize,
        /// The number of rows given.
        found: usize,
    },

    /// A factor matrix does not have one column per factor of its scorecard.
    #[error("{score} factor matrix has {found} columns, expected {expected}, one per factor")]
    FactorColumns {
        /// The score the scorecard builds.
        score: ScoreField,
        /// The number of factors.
        expected: usize,
        /// The number of columns given.
        found: usize,
    },

    /// A rating of a factor matrix is NaN or off its factor's scale.
    #[error(
        "row {row}: rating {value} for factor {factor} (column {column}) is not on its scale \
         {low} to {high}"
    )]
    InvalidBatchRating {
        /// The row (account), counted from 0.
        row: usize,
        /// The factor.
        factor: String,
        /// The factor's column in its matrix, counted from 0.
        column: usize,
        /// The rating given.
        value: f64,
        /// The scale's low end.
        low: f64,
        /// The scale's high end.
        high: f64,
    },

    /// A value of the previous period's score matrix is NaN, infinite or outside [0, 1].
    #[error("previous period, row {row}: {column} score {value} is not a finite number in [0, 1]")]
    InvalidPreviousBatchValue {
        /// The row (account), counted from 0.
        row: usize,
        /// The column, named by its score.
        column: ScoreField,
        /// The value given.
        value: f64,
    },
}

/// The crate's result type.
///
/// # Examples
///
/// ```
/// fn fit() -> keyaccount::Result<keyaccount::Scores> {
///     keyaccount::Scores::new(0.2, 0.7, 0.4)
/// }
/// assert!(fit().is_ok());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
