//! The crate's error type.

use std::fmt;
use std::io;
use std::sync::Arc;

use crate::axis::Axis;
use crate::scores::ScoreField;

/// Everything that can go wrong in `keyaccount`.
///
/// Each variant names the culprit (the field, axis, class, account, row or line) and the value
/// that was rejected, so that a message can be shown to the person who wrote the input.
///
/// Messages are lowercase, one line, and follow three rules:
///
/// - Text from the input (ids, names, factors, cells, paths) is quoted and escaped like a Rust
///   string literal, so an empty id prints as `""` and a control character stays visible.
/// - Text longer than 64 characters is cut after its first 64 characters, with `...` and the
///   original length in bytes: a 10 MB cell is not echoed whole.
/// - Numbers print in Rust's shortest form that reads back to the same `f64` (`0.1`, `2`,
///   `NaN`, `inf`); below 1e-5 or from 1e16 in magnitude in scientific notation (`1e-310`,
///   `1.5e300`) rather than as hundreds of digits.
///
/// An error caused by another one (a CSV line's account error, the operating system's I/O
/// error) exposes it as [`source`](std::error::Error::source) and does not repeat it in its
/// own message: print the whole chain to show both.
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
///
/// let err = Scores::new(1e-310, 0.5, -1e300).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "relationship strength score -1e300 is not a finite number in [0, 1]"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A score is NaN, infinite or outside [0, 1].
    #[error("{field} score {} is not a finite number in [0, 1]", num(.value))]
    ScoreOutOfRange {
        /// The score that was rejected.
        field: ScoreField,
        /// The value given.
        value: f64,
    },

    /// A value given directly on a model's axis is NaN, infinite or outside [0, 1].
    #[error("{axis} {} is not a finite number in [0, 1]", num(.value))]
    AxisValueOutOfRange {
        /// The axis.
        axis: Axis,
        /// The value given.
        value: f64,
    },

    /// A raw revenue share (a fraction of total revenue) is NaN, infinite or outside [0, 1].
    #[error("revenue share {} is not a finite fraction in [0, 1]", num(.value))]
    RevenueShareOutOfRange {
        /// The value given.
        value: f64,
    },

    /// A parameter of a revenue-share scale is invalid.
    #[error("revenue share scale: {parameter} = {} is invalid: {reason}", num(.value))]
    InvalidScale {
        /// The parameter's name.
        parameter: &'static str,
        /// The value given.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },

    /// One weight of an axis is negative, NaN or infinite.
    #[error("{axis} weight for {field} is {}: weights must be finite and non-negative", num(.value))]
    InvalidWeight {
        /// The axis whose weights were given.
        axis: Axis,
        /// The score the weight applies to.
        field: ScoreField,
        /// The value given.
        value: f64,
    },

    /// The weights of an axis do not sum to 1.
    #[error("{axis} weights sum to {}, not 1", num(.sum))]
    WeightsDoNotSumToOne {
        /// The axis whose weights were given.
        axis: Axis,
        /// Their sum.
        sum: f64,
    },

    /// A threshold is NaN, infinite or not strictly between 0 and 1.
    #[error("{axis} threshold {} is not a finite number strictly between 0 and 1", num(.value))]
    ThresholdOutOfRange {
        /// The axis the threshold cuts.
        axis: Axis,
        /// The value given.
        value: f64,
    },

    /// The thresholds of one axis are not strictly increasing.
    #[error(
        "{axis} thresholds are not strictly increasing: {} is followed by {}",
        num(.previous),
        num(.next)
    )]
    ThresholdsNotOrdered {
        /// The axis the thresholds cut.
        axis: Axis,
        /// The earlier threshold.
        previous: f64,
        /// The threshold that should be larger than `previous`.
        next: f64,
    },

    /// The drop in development that marks Millman and Wilson's Uncoupling is invalid.
    #[error("uncoupling drop {} is not a finite number in (0, 1]", num(.value))]
    InvalidUncouplingDrop {
        /// The value given.
        value: f64,
    },

    /// The tolerance for Millman and Wilson's off-diagonal balance is invalid.
    #[error("balance tolerance {} is not a finite number in [0, 1]", num(.value))]
    InvalidBalanceTolerance {
        /// The value given.
        value: f64,
    },

    /// A previous assessment handed to a model holds a value that no model can produce.
    #[error("previous assessment: {what} is {}, not a finite number in [0, 1]", num(.value))]
    InvalidPreviousAssessment {
        /// The field of the previous assessment.
        what: &'static str,
        /// The value found.
        value: f64,
    },

    /// A tier mapping leaves a native class without a tier.
    #[error("tier mapping of the {model} model has no tier for class {}", cut(.class))]
    MissingTier {
        /// The model whose mapping is incomplete.
        model: &'static str,
        /// The class without a tier.
        class: String,
    },

    /// A tier mapping names a native class twice.
    #[error("tier mapping of the {model} model names class {} twice", cut(.class))]
    DuplicateTier {
        /// The model whose mapping repeats a class.
        model: &'static str,
        /// The repeated class.
        class: String,
    },
    /// A rating scale is not finite, its low end is not below its high end, or its span is too
    /// large, too small or too small for its ends (see [`RatingScale::new`](crate::RatingScale::new)).
    #[error(
        "rating scale from {} to {} is invalid: need finite ends, low below high, and a span \
         neither overflowing, subnormal nor under a millionth of the larger end",
        num(.low),
        num(.high)
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
    #[error("factor {} appears twice in a scorecard", quote(.factor))]
    DuplicateFactor {
        /// The repeated factor.
        factor: String,
    },

    /// A factor's weight is negative, NaN or infinite.
    #[error(
        "factor {} has weight {}: weights must be finite and non-negative",
        quote(.factor),
        num(.value)
    )]
    InvalidFactorWeight {
        /// The factor.
        factor: String,
        /// The weight given.
        value: f64,
    },

    /// A scorecard's weights do not sum to 1.
    #[error("the {score} scorecard's weights sum to {}, not 1", num(.sum))]
    FactorWeightsDoNotSumToOne {
        /// The score the scorecard builds.
        score: ScoreField,
        /// Their sum.
        sum: f64,
    },

    /// An account has no rating for a factor and the scorecard does not allow that.
    #[error(
        "account {} has no rating for factor {}",
        quote(.account),
        quote(.factor)
    )]
    MissingRating {
        /// The account.
        account: String,
        /// The factor (several, comma-separated, when none was rated).
        factor: String,
    },

    /// An account's rating is NaN or off its factor's scale.
    #[error(
        "account {}: rating {} for factor {} is not on its scale {} to {}",
        quote(.account),
        num(.value),
        quote(.factor),
        num(.low),
        num(.high)
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
    #[error("account named {} has an empty id", quote(.name))]
    EmptyAccountId {
        /// The account's name.
        name: String,
    },

    /// An account id appears twice in one portfolio.
    #[error("account {} appears twice", quote(.account))]
    DuplicateAccount {
        /// The repeated id.
        account: String,
    },

    /// An amount (revenue, potential or target) is negative, NaN or infinite.
    #[error(
        "account {}: {field} {} is not a finite non-negative amount",
        quote(.account),
        num(.value)
    )]
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
    #[error(
        "account {}: potential {} is below revenue {}",
        quote(.account),
        num(.potential),
        num(.revenue)
    )]
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
    #[error(
        "the portfolio's total {field} overflows at account {}: the amounts are too large to \
         add up",
        quote(.account)
    )]
    TotalOverflow {
        /// The account whose amount made the total overflow (in the portfolio's order).
        account: String,
        /// The amount whose total overflows.
        field: crate::portfolio::AmountField,
    },

    /// An account names a parent that is not in the portfolio.
    #[error(
        "account {} names unknown parent {}",
        quote(.account),
        quote(.parent)
    )]
    UnknownParent {
        /// The account.
        account: String,
        /// The parent id it names.
        parent: String,
    },

    /// Parent links form a cycle.
    #[error(
        "account {} is its own ancestor: {}",
        quote(.account),
        cycle_path(.cycle, *.length)
    )]
    ParentCycle {
        /// The first account found on the cycle.
        account: String,
        /// The ids along the cycle, starting and ending with `account`; for a cycle longer
        /// than five accounts, only its first five ids.
        cycle: Vec<String>,
        /// The number of accounts on the cycle.
        length: usize,
    },

    /// ABC cut points are not `0 < a < b <= 1`.
    #[error(
        "abc cut points a = {}, b = {} are invalid: need 0 < a < b <= 1",
        num(.a),
        num(.b)
    )]
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
    #[error(
        "account {} is in one classification but not the other",
        quote(.account)
    )]
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

    /// A CSV cell holds a value that cannot be read.
    #[error(
        "csv line {line}, column {}: {} {reason}",
        cut(.column),
        quote(.value)
    )]
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

    /// A CSV file cannot be opened. The operating system's error is the
    /// [`source`](std::error::Error::source).
    #[error("cannot open {}", quote(.path))]
    CsvOpen {
        /// The path given.
        path: String,
        /// What the operating system reported.
        #[source]
        source: IoError,
    },

    /// A CSV line cannot be parsed (wrong number of fields, bad quoting, invalid UTF-8) or the
    /// file cannot be read.
    #[error("csv line {line}: {}", cut(.message))]
    CsvMalformed {
        /// The line (1-based; the header is line 1; 0 for a read error the parser gives no position
        /// for).
        line: u64,
        /// What the CSV parser reported.
        message: String,
    },

    /// A CSV row was read but the account it describes is invalid. What is wrong with it is the
    /// [`source`](std::error::Error::source), so the message names only the line.
    #[error("csv line {line}")]
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
    #[error(
        "row {row}: {column} score {} is not a finite number in [0, 1]",
        num(.value)
    )]
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
        "row {row}: rating {} for factor {} (column {column}) is not on its scale {} to {}",
        num(.value),
        quote(.factor),
        num(.low),
        num(.high)
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

    /// A value given to a chart is NaN, infinite or outside its range.
    #[error("{chart} chart: {what} {value} is not a finite number{range}")]
    InvalidChartValue {
        /// The chart.
        chart: &'static str,
        /// What the value is (for example the account and the coordinate).
        what: String,
        /// The value given.
        value: f64,
        /// The range the value must lie in, as words (empty when any finite value will do).
        range: &'static str,
    },

    /// The plotting library failed to draw a chart.
    #[error("{chart} chart: cannot draw: {reason}")]
    ChartDrawing {
        /// The chart.
        chart: &'static str,
        /// The plotting library's message.
        reason: String,
    },
    /// An analysis file cannot be read.
    #[error("cannot read analysis file {}", quote(.path))]
    AnalysisOpen {
        /// The path given.
        path: String,
        /// What the operating system reported.
        #[source]
        source: IoError,
    },

    /// An analysis file is not valid TOML, has an unknown key, or a value of the wrong type.
    #[error("analysis file{}{}: {message}",
        line.map_or(String::new(), |l| format!(" line {l}")),
        if key.is_empty() { String::new() } else { format!(", {key}") })]
    AnalysisFile {
        /// The key's path, e.g. `scoring.fit.factors[2].wieght` (empty when unknown).
        key: String,
        /// The line (1-based), when the parser gives one.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },

    /// A setting of an analysis file is invalid.
    #[error("analysis file, {key}: {reason}")]
    AnalysisSetting {
        /// The key's path.
        key: String,
        /// What is wrong.
        reason: String,
    },

    /// A value of an analysis file is rejected by the part of the library it configures.
    #[error("analysis file, {key}")]
    AnalysisValue {
        /// The key's path.
        key: String,
        /// The library's error.
        #[source]
        source: Box<Error>,
    },

    /// A scorecard names a factor that no account in the data is rated on.
    #[error("the {score} scorecard's factor {factor} is not in the data (factors found: {})",
        if found.is_empty() { "none".to_owned() } else { found.join(", ") })]
    FactorNotInData {
        /// The score the scorecard builds.
        score: ScoreField,
        /// The factor.
        factor: String,
        /// The factors found in the data for that score.
        found: Vec<String>,
    },

    /// The data rates a factor that the scorecard does not use (often a misspelt column).
    #[error("the data rates {score} factor {factor}, which the scorecard does not use \
             (its factors: {}); add it to the scorecard or remove the column", used.join(", "))]
    FactorNotInScorecard {
        /// The score the scorecard builds.
        score: ScoreField,
        /// The factor found in the data.
        factor: String,
        /// The scorecard's factors.
        used: Vec<String>,
    },

    /// An output file or folder cannot be written.
    #[error("cannot write {}: {message}", quote(.path))]
    Output {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The header row of an input file does not fit the input options, or the factor columns
    /// do not fit the scorecards: every problem at once, one a line.
    #[error(
        "the header has {}:{}{}",
        count(problems.len(), "problem"),
        bullets(problems),
        accepted_line(accepted)
    )]
    Header {
        /// The problems, options first, then by column.
        problems: Vec<crate::portfolio::HeaderProblem>,
        /// The headers the options accept, shown when a column is unknown (empty when the
        /// check has no such list).
        accepted: Vec<String>,
    },

    /// Period labels cannot be put in time order: every problem at once, one a line.
    #[error(
        "period labels cannot be put in time order:{}{}",
        bullets(problems),
        order_hint(problems)
    )]
    PeriodOrder {
        /// The problems.
        problems: Vec<crate::portfolio::PeriodProblem>,
    },

    /// The weight shift of a sensitivity analysis is NaN, infinite or outside [0, 1].
    #[error("weight shift {} is not a finite number in [0, 1]", num(.value))]
    InvalidWeightShift {
        /// The value given.
        value: f64,
    },

    /// A scorecard's score for an account differs from the score being explained, so the
    /// breakdown would not add up.
    #[error(
        "{score} from the scorecard is {}, but the account's score is {}",
        num(.from_scorecard),
        num(.in_scores)
    )]
    BreakdownMismatch {
        /// The score.
        score: ScoreField,
        /// The score the scorecard gives.
        from_scorecard: f64,
        /// The score handed in with the account.
        in_scores: f64,
    },

    /// Two scorecard breakdowns were given for the same score.
    #[error("two breakdowns given for {score}")]
    DuplicateBreakdown {
        /// The score.
        score: ScoreField,
    },

    /// A period's total of an amount overflows while a CSV file is read.
    #[error(
        "csv line {line}: the total {field} of period {} overflows: the amounts are too \
         large to add up",
        quote(.period)
    )]
    CsvTotalOverflow {
        /// The line whose amount made the total overflow.
        line: u64,
        /// The period's label.
        period: String,
        /// The amount whose total overflows.
        field: crate::portfolio::AmountField,
    },

    /// A workbook file cannot be opened.
    #[error("cannot open workbook {path}: {message}")]
    WorkbookOpen {
        /// The path given.
        path: String,
        /// What the operating system reported.
        message: String,
    },

    /// A file is not a readable `.xlsx` workbook: not a zip archive (a legacy `.xls` or an
    /// encrypted workbook), a damaged part, invalid XML.
    #[error("workbook: {message}")]
    WorkbookMalformed {
        /// What the zip or workbook reader reported.
        message: String,
    },

    /// A workbook would unpack past a limit of the workbook reader (a zip bomb, or a file
    /// too large to read); nothing past the limit was unpacked.
    #[error("workbook {part}: {what} {value} exceeds the limit {limit}")]
    WorkbookTooLarge {
        /// The zip part (or sheet) that reached the limit.
        part: String,
        /// What was measured.
        what: &'static str,
        /// The value found (for a part that lies about its size, at least this).
        value: u64,
        /// The limit in force.
        limit: u64,
    },

    /// A workbook has no worksheet of the name asked for, or no worksheet at all.
    #[error("workbook has no worksheet {sheet:?}; its worksheets: [{}]", available.join(", "))]
    WorkbookSheetNotFound {
        /// The name asked for (empty when any worksheet would have done).
        sheet: String,
        /// The worksheets the workbook has.
        available: Vec<String>,
    },

    /// A cell of a workbook sheet holds a value that cannot be read.
    #[error("sheet {sheet:?}, cell {cell} (column {column}): {value:?} {reason}")]
    WorkbookInvalidValue {
        /// The sheet.
        sheet: String,
        /// The cell, e.g. `B17`.
        cell: String,
        /// The column's name in the header row.
        column: String,
        /// The cell's value as text.
        value: String,
        /// What the cell must hold.
        reason: &'static str,
    },

    /// A sheet, or one row of it, cannot be read as a portfolio: `source` says why (the CSV
    /// reader's error, e.g. [`Error::Header`] or an invalid account).
    #[error(
        "sheet {}{}",
        quote(.sheet),
        row.map(|r| format!(", row {r}")).unwrap_or_default()
    )]
    WorkbookSheet {
        /// The sheet.
        sheet: String,
        /// The sheet row (1-based, as the spreadsheet shows it), if the error has one.
        row: Option<u32>,
        /// What is wrong.
        #[source]
        source: Box<Error>,
    },

    /// A report cannot be written as a workbook.
    #[error("cannot write workbook: {message}")]
    WorkbookWrite {
        /// What the workbook writer reported.
        message: String,
    },

    /// A value of the previous period's score matrix is NaN, infinite or outside [0, 1].
    #[error(
        "previous period, row {row}: {column} score {} is not a finite number in [0, 1]",
        num(.value)
    )]
    InvalidPreviousBatchValue {
        /// The row (account), counted from 0.
        row: usize,
        /// The column, named by its score.
        column: ScoreField,
        /// The value given.
        value: f64,
    },

    /// A move between periods was to be explained with two models that do not read the
    /// same decision axes (two different models, not one model before and after
    /// calibration).
    #[error("cannot explain a move from a {previous} classification to a {current} one")]
    MigrationModelsDiffer {
        /// The previous period's model.
        previous: &'static str,
        /// The current period's model.
        current: &'static str,
    },

    /// A product line of the product data has an empty name.
    #[error("account {}: a product line has an empty name", quote(.account))]
    EmptyProduct {
        /// The account.
        account: String,
    },

    /// A product amount (revenue or potential) is negative, NaN or infinite.
    #[error(
        "account {}, product {}: {field} {} is not a finite non-negative amount",
        quote(.account),
        quote(.product),
        num(.value)
    )]
    InvalidProductAmount {
        /// The account.
        account: String,
        /// The product line.
        product: String,
        /// Which amount (revenue or potential).
        field: crate::portfolio::AmountField,
        /// The value given.
        value: f64,
    },

    /// An account's potential in a product line is below the revenue it brings there.
    #[error(
        "account {}, product {}: potential {} is below revenue {}",
        quote(.account),
        quote(.product),
        num(.potential),
        num(.revenue)
    )]
    ProductPotentialBelowRevenue {
        /// The account.
        account: String,
        /// The product line.
        product: String,
        /// The potential given.
        potential: f64,
        /// The revenue given.
        revenue: f64,
    },

    /// The product data lists the same account and product line twice.
    #[error("account {}, product {} appears twice", quote(.account), quote(.product))]
    DuplicateProduct {
        /// The account.
        account: String,
        /// The product line.
        product: String,
    },

    /// The product data names an account that is not in the portfolio.
    #[error(
        "product data names unknown account {} (product {})",
        quote(.account),
        quote(.product)
    )]
    UnknownProductAccount {
        /// The account id given.
        account: String,
        /// The product line of the row.
        product: String,
    },

    /// Summing product amounts (a group's, or a product line's over all accounts) overflows
    /// to infinity.
    #[error(
        "product {}: the total {field}{} overflows",
        quote(.product),
        .group.as_deref().map(|g| format!(" of group {}", quote(g))).unwrap_or_default()
    )]
    ProductTotalOverflow {
        /// The product line.
        product: String,
        /// The group whose members' amounts were summed; `None` for a total over accounts.
        group: Option<String>,
        /// Which amount.
        field: crate::portfolio::AmountField,
    },

    /// The header of a product file is not the columns `id`, `product`, `revenue` and
    /// `potential` (in any order, ignoring case): a column is unknown, missing or repeated.
    #[error(
        "product file: column {} {problem} (the columns are id, product, revenue, potential)",
        quote(.column)
    )]
    ProductHeader {
        /// The column's header as written (for a missing column, its name).
        column: String,
        /// What is wrong: `is not known`, `is missing` or `appears twice`.
        problem: &'static str,
    },

    /// A CSV file cannot be read any further (an I/O error after the header). The operating
    /// system's error is the [`source`](std::error::Error::source).
    #[error("csv line {line}: the file cannot be read")]
    CsvRead {
        /// The line being read (1-based; the header is line 1; 0 when not known).
        line: u64,
        /// What the operating system reported.
        #[source]
        source: IoError,
    },

    /// Two locations of one group place one unit of the geography hierarchy under two
    /// different parents (a district under two divisions).
    #[error("{0}")]
    HierarchyContradiction(Box<crate::portfolio::Contradiction>),

    /// A setting names a coverage level that does not exist.
    #[error(
        "{}: unknown coverage level {}{}; the levels are global, national, divisional, district, territory",
        cut(.setting),
        quote(.name),
        did_you_mean(suggestion)
    )]
    UnknownCoverageLevel {
        /// The setting, e.g. `plan.capacity`.
        setting: String,
        /// The name given.
        name: String,
        /// The level the name looks like a typo of.
        suggestion: Option<crate::portfolio::CoverageLevel>,
    },

    /// An account manager's capacity (accounts per manager) is zero or below.
    #[error(
        "plan.capacity.{level}.{}: {value} accounts per manager is invalid: a manager carries at least 1 account",
        tier_key(*tier)
    )]
    InvalidCapacity {
        /// The tier the capacity is for.
        tier: crate::tier::Tier,
        /// The coverage level the capacity is for.
        level: crate::portfolio::CoverageLevel,
        /// The value given.
        value: i64,
    },

    /// The revenue share above which a global Key account needs a national manager in a
    /// country is not a finite number in [0, 1).
    #[error("plan.matrix_share: {} is not a finite number in [0, 1)", num(.value))]
    InvalidMatrixShare {
        /// The value given.
        value: f64,
    },
}

fn did_you_mean(level: &Option<crate::portfolio::CoverageLevel>) -> String {
    level.map_or_else(String::new, |l| format!(" (did you mean {:?}?)", l.name()))
}

fn tier_key(tier: crate::tier::Tier) -> &'static str {
    match tier {
        crate::tier::Tier::Key => "key",
        crate::tier::Tier::Development => "development",
        crate::tier::Tier::Maintenance => "maintenance",
        crate::tier::Tier::Transactional => "transactional",
    }
}

/// A cycle's ids joined by arrows; a long cycle is cut after the ids given, with its length.
fn cycle_path(cycle: &[String], length: usize) -> String {
    let ids: Vec<String> = cycle.iter().map(|id| quote(id).to_string()).collect();
    let path = ids.join(" -> ");
    if cycle.len() > length {
        path
    } else {
        format!("{path} -> ... (a cycle of {length} accounts)")
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("a {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn bullets<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(|item| format!("\n  - {item}")).collect()
}

fn accepted_line(accepted: &[String]) -> String {
    if accepted.is_empty() {
        return String::new();
    }
    let names: Vec<String> = accepted.iter().map(|a| format!("{a:?}")).collect();
    format!("\n  accepted columns: {}", names.join(", "))
}

fn order_hint(problems: &[crate::portfolio::PeriodProblem]) -> &'static str {
    if problems
        .iter()
        .any(crate::portfolio::PeriodProblem::wants_explicit_order)
    {
        "\n  give the periods in time order as period_order in [input]"
    } else {
        ""
    }
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

impl Error {
    /// The message followed by the message of every error that caused it, joined by `: `: what
    /// a person should read, since each message leaves its cause to [`source`] (an analysis
    /// file's setting names the key, its source what is wrong with the value).
    ///
    /// [`source`]: std::error::Error::source
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::Error;
    ///
    /// // What the CSV reader returns for a repeated id on line 3.
    /// let err = Error::CsvRecord {
    ///     line: 3,
    ///     source: Box::new(Error::DuplicateAccount { account: "A".into() }),
    /// };
    /// assert_eq!(err.to_string(), "csv line 3");
    /// assert_eq!(err.chain(), r#"csv line 3: account "A" appears twice"#);
    /// ```
    #[must_use]
    pub fn chain(&self) -> String {
        let mut message = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        message
    }
}

/// An I/O error inside an [`Error`], shared so that `Error` stays `Clone` and `PartialEq`.
///
/// It prints and chains exactly like the [`std::io::Error`] it holds, whose kind and source are
/// kept. Two are equal if they are the same error, or have the same kind and message.
///
/// # Examples
///
/// ```
/// use std::io;
/// use keyaccount::error::IoError;
///
/// let e = IoError::from(io::Error::new(io::ErrorKind::NotFound, "no such file"));
/// assert_eq!(e.kind(), io::ErrorKind::NotFound);
/// assert_eq!(e.to_string(), "no such file");
/// assert_eq!(e.clone(), e);
/// ```
#[derive(Debug, Clone)]
pub struct IoError(Arc<io::Error>);

impl IoError {
    /// The error's kind.
    ///
    /// # Examples
    ///
    /// ```
    /// # use std::io;
    /// # use keyaccount::error::IoError;
    /// let e = IoError::from(io::Error::from(io::ErrorKind::PermissionDenied));
    /// assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
    /// ```
    #[must_use]
    pub fn kind(&self) -> io::ErrorKind {
        self.0.kind()
    }

    /// The [`std::io::Error`] itself.
    ///
    /// # Examples
    ///
    /// ```
    /// # use std::io;
    /// # use keyaccount::error::IoError;
    /// let e = IoError::from(io::Error::from_raw_os_error(2));
    /// assert_eq!(e.get_ref().raw_os_error(), Some(2));
    /// ```
    #[must_use]
    pub fn get_ref(&self) -> &io::Error {
        &self.0
    }
}

impl From<io::Error> for IoError {
    fn from(e: io::Error) -> Self {
        IoError(Arc::new(e))
    }
}

impl PartialEq for IoError {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.kind() == other.kind() && self.0.to_string() == other.0.to_string())
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for IoError {
    // Transparent: the I/O error's own source, so the chain does not print its message twice.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// Characters of input text echoed in a message before it is cut.
pub(crate) const ECHO_CHARS: usize = 64;

/// `s` cut to its first [`ECHO_CHARS`] characters, and whether it was cut.
fn head(s: &str) -> (&str, bool) {
    match s.char_indices().nth(ECHO_CHARS) {
        Some((i, _)) => (&s[..i], true),
        None => (s, false),
    }
}

/// Input text in a message: quoted and escaped (`""` for an empty id), cut when long.
pub(crate) fn quote(s: &str) -> impl fmt::Display + '_ {
    Shown {
        text: s,
        quoted: true,
    }
}

/// Text in a message that is not a value (a column name): cut when long, not quoted.
pub(crate) fn cut(s: &str) -> impl fmt::Display + '_ {
    Shown {
        text: s,
        quoted: false,
    }
}

struct Shown<'a> {
    text: &'a str,
    quoted: bool,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, was_cut) = head(self.text);
        if self.quoted {
            write!(f, "{head:?}")?;
        } else {
            f.write_str(head)?;
        }
        if was_cut {
            write!(f, "... ({} bytes)", self.text.len())?;
        }
        Ok(())
    }
}

/// A number in a message: shortest round-trip form, scientific when tiny or huge.
pub(crate) fn num(v: &f64) -> impl fmt::Display {
    Num(*v)
}

struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.0.abs();
        if a == 0.0 || !a.is_finite() || (1e-5..1e16).contains(&a) {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{:e}", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_short() {
        let s = |v: f64| num(&v).to_string();
        assert_eq!(s(0.1), "0.1");
        assert_eq!(s(2.0), "2");
        assert_eq!(s(-0.0), "-0");
        assert_eq!(s(f64::NAN), "NaN");
        assert_eq!(s(f64::NEG_INFINITY), "-inf");
        assert_eq!(s(1e-310), "1e-310");
        assert_eq!(s(f64::MAX), "1.7976931348623157e308");
        assert_eq!(s(123_456.5), "123456.5");
        assert_eq!(s(1e16), "1e16");
        for v in [1e-310, 0.1 + 0.2, f64::MAX, f64::MIN_POSITIVE, 12345.678] {
            assert_eq!(s(v).parse::<f64>().unwrap(), v);
        }
    }

    #[test]
    fn text_is_quoted_and_cut() {
        assert_eq!(quote("").to_string(), r#""""#);
        assert_eq!(quote("a\"b\n").to_string(), r#""a\"b\n""#);
        let long = "é".repeat(100);
        let shown = quote(&long).to_string();
        assert_eq!(
            shown,
            format!("{:?}... (200 bytes)", "é".repeat(ECHO_CHARS))
        );
        assert_eq!(cut("revenue").to_string(), "revenue");
        let ids: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        assert_eq!(
            cycle_path(&ids, 20),
            r#""0" -> "1" -> "2" -> "3" -> "4" -> ... (a cycle of 20 accounts)"#
        );
    }
}
