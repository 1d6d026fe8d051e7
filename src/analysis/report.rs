//! The [`Report`]: the whole analysis as one plain, serde-serializable value.
//!
//! Renderers (text, CSV, workbook, HTML) read this value and nothing else, so that every output
//! shows the same numbers. It holds owned strings, numbers and the crate's small enums
//! ([`Tier`], [`Class`], [`ModelKind`], ...); it knows nothing of text layout or files.

use serde::{Deserialize, Serialize};

use crate::any::{Class, ModelKind, Position};
use crate::classifier::CutPoint;
use crate::explain::{MigrationReason, TierMove};
use crate::models::millman_wilson::MillmanWilsonStage;
use crate::portfolio::{AbcClass, ConsensusRule, Coverage, LevelMove, Plan, Whitespace};
use crate::tier::Tier;

/// The result of an analysis: per-account rows and the aggregate tables, computed once by
/// [`run`](crate::analysis::run).
///
/// Accounts are the key-account candidates of the latest period (groups after the roll-up),
/// in revenue order (largest first, ties by id). Every table is about the latest period unless
/// its field says otherwise. Fields may be added in later versions (the struct is
/// `#[non_exhaustive]`).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
/// use keyaccount::Tier;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\n\
///            A,Alpha,900,9,9\nB,Beta,80,3,8\nC,Gamma,20,2,2\n";
/// let report = run_periods("example", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// assert_eq!(report.accounts.len(), 3);
/// assert_eq!(report.accounts[0].name, "Alpha");
/// assert_eq!(report.accounts[0].tier, Tier::Key);
/// let json = serde_json::to_string(&report)?;
/// assert!(json.contains("\"Alpha\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Where the data came from, as the caller named it (usually the file's path).
    pub source: String,
    /// The label of the period analysed (the latest), or `None` when the data has no periods.
    pub period: Option<String>,
    /// The label of the period compared with, when the data has an earlier one.
    pub previous_period: Option<String>,
    /// Accounts (rows) in the latest period before the roll-up.
    pub input_accounts: usize,
    /// Groups that have more than one member, counted by coverage level: only the levels that
    /// occur, narrowest first (territory, district, divisional, national, global).
    pub coverage: Vec<CoverageCount>,
    /// Total revenue of the latest period.
    pub total_revenue: f64,
    /// The model whose tiers are the report's tiers.
    pub primary: ModelKind,
    /// The models run, in the order of [`ModelKind::ALL`]; always contains `primary`. Each
    /// [`AccountRow::models`] follows this order.
    pub models: Vec<ModelInfo>,
    /// The strategic-fit and relationship-strength scorecards used (factor, weight).
    pub scorecards: ScorecardsUsed,
    /// An account is borderline when the primary model's margin (distance to the nearest
    /// class boundary on the model's own axes) is below this value.
    pub borderline_margin: f64,
    /// How the primary model was calibrated, when calibration was asked for.
    pub calibration: Option<CalibrationInfo>,
    /// One row per key-account candidate, largest revenue first.
    pub accounts: Vec<AccountRow>,
    /// The primary model's tiers: accounts, revenue, share, target, attainment.
    pub by_tier: SummaryTable,
    /// The primary model's native classes, or `None` when its classes and tiers are one to one
    /// (the table would repeat `by_tier`; the class of each tier is then in
    /// [`ModelInfo::tiers`]).
    pub by_class: Option<SummaryTable>,
    /// Revenue concentration.
    pub concentration: ConcentrationTable,
    /// Every other model run, compared with the primary model.
    pub agreement: Vec<Agreement>,
    /// The consensus of all models run.
    pub consensus: ConsensusTable,
    /// Movement from the previous period, when there is one.
    pub migration: Option<MigrationTable>,
    /// Target attainment per primary tier, and the total in the last row.
    pub attainment: Vec<AttainmentRow>,
    /// The Development-tier accounts with the largest headroom (potential minus revenue),
    /// largest first.
    pub opportunities: Vec<OpportunityRow>,
    /// The account-manager plan: for each primary tier and coverage level the accounts, their
    /// revenue and the managers needed, totals per level, and the national managers of global
    /// Key accounts in a matrix (settings from `[plan]`).
    pub plan: Plan,
    /// Accounts whose coverage level changed since the previous period (empty without one):
    /// moves up first (a national account that gained a location abroad).
    pub level_moves: Vec<LevelMove>,
    /// The weight shift of the sensitivity flag ([`AccountRow::weight_sensitive`]).
    pub weight_shift: f64,
    /// Whitespace by product line, when product data was given: a grid per account, totals
    /// per line and the largest openings ranked within the tiers worth investing in. Without
    /// product data, [`Report::opportunities`] is the account-level measure.
    pub whitespace: Option<Whitespace>,
}

/// How many groups with more than one member have a coverage.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::CoverageCount;
/// use keyaccount::portfolio::Coverage;
///
/// let c = CoverageCount { coverage: Coverage::Global, groups: 3 };
/// assert_eq!(c.groups, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageCount {
    /// The coverage.
    pub coverage: Coverage,
    /// Groups with more than one member of that coverage.
    pub groups: usize,
}

/// A model as run in the analysis.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
/// use keyaccount::ModelKind;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// let four_s = report.models.iter().find(|m| m.kind == ModelKind::FourS).unwrap();
/// assert_eq!(four_s.name, "4S");
/// assert_eq!(four_s.cut_points.len(), 2);
/// assert_eq!(four_s.tiers.len(), 4);
/// assert!(four_s.calibrated);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModelInfo {
    /// Which model.
    pub kind: ModelKind,
    /// Its name as people write it.
    pub name: String,
    /// Its thresholds in force (after calibration for a calibrated model).
    pub cut_points: Vec<CutPoint>,
    /// Whether its thresholds were calibrated to the Key-account range.
    pub calibrated: bool,
    /// Its native classes, lowest first, each with its tier.
    pub tiers: Vec<(Class, Tier)>,
    /// Key accounts it gives.
    pub key_accounts: usize,
}

/// The factors and weights of the two scorecards used.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::ScorecardsUsed;
///
/// let s = ScorecardsUsed { strategic_fit: vec![("growth".into(), 1.0)], relationship_strength: vec![] };
/// assert_eq!(s.strategic_fit[0].0, "growth");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScorecardsUsed {
    /// Strategic-fit factors and weights.
    pub strategic_fit: Vec<(String, f64)>,
    /// Relationship-strength factors and weights.
    pub relationship_strength: Vec<(String, f64)>,
}

/// How the primary model was calibrated to the wanted number of Key accounts.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::CalibrationInfo;
///
/// let c = CalibrationInfo {
///     min: 15, max: 35, original_key_count: 8, key_count: 20, within_range: true,
///     exponent: 1.4, original_cut_points: vec![], cut_points: vec![],
/// };
/// assert!(c.within_range);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationInfo {
    /// Fewest Key accounts wanted.
    pub min: usize,
    /// Most Key accounts wanted.
    pub max: usize,
    /// Key accounts with the model's own thresholds.
    pub original_key_count: usize,
    /// Key accounts after calibration.
    pub key_count: usize,
    /// Whether `key_count` is within `min..=max` (false only when no calibration reaches it).
    pub within_range: bool,
    /// Every threshold `t` became `t^exponent` (1 = unchanged).
    pub exponent: f64,
    /// The thresholds before calibration.
    pub original_cut_points: Vec<CutPoint>,
    /// The thresholds after calibration.
    pub cut_points: Vec<CutPoint>,
}

/// One key-account candidate (a group after the roll-up, or a stand-alone account).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig, Movement};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("example", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// let a = &report.accounts[0];
/// assert_eq!((a.id.as_str(), a.members, a.rank), ("A", 1, 1));
/// assert_eq!(a.models.len(), 4);
/// assert_eq!(a.movement, None); // one period: nothing to compare with
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountRow {
    /// The group's id.
    pub id: String,
    /// The group's name.
    pub name: String,
    /// Accounts (rows) rolled up into it, itself included.
    pub members: usize,
    /// Its coverage.
    pub coverage: Coverage,
    /// Its revenue (members included).
    pub revenue: f64,
    /// Its share of total revenue, in [0, 1].
    pub share: f64,
    /// Its rank by revenue, 1 for the largest.
    pub rank: usize,
    /// Its ABC class by cumulative revenue.
    pub abc: AbcClass,
    /// Its potential (the customer's total spend in the category), if known.
    pub potential: Option<f64>,
    /// Its revenue target, if known.
    pub target: Option<f64>,
    /// Revenue-share score in [0, 1].
    pub revenue_share_score: f64,
    /// Strategic-fit score in [0, 1].
    pub strategic_fit: f64,
    /// Relationship-strength score in [0, 1].
    pub relationship_strength: f64,
    /// Each model's result, in the order of [`Report::models`].
    pub models: Vec<ModelResult>,
    /// The primary model's tier: the report's tier.
    pub tier: Tier,
    /// The consensus tier of all models run.
    pub consensus: Tier,
    /// How many models gave the consensus tier.
    pub agreeing: usize,
    /// Whether the primary model's margin is below [`Report::borderline_margin`].
    pub borderline: bool,
    /// The primary model's tier in the previous period, if the account was there.
    pub previous_tier: Option<Tier>,
    /// Revenue in the previous period, if the account was there.
    pub previous_revenue: Option<f64>,
    /// Movement since the previous period; `None` when the data has one period only.
    pub movement: Option<Movement>,
    /// Whether Millman and Wilson's Uncoupling applies (a fall in development).
    pub uncoupling: bool,
    /// Revenue / target, when a positive target is known.
    pub attainment: Option<f64>,
    /// Potential minus revenue, when the potential is known.
    pub headroom: Option<f64>,
    /// Revenue / potential, when a positive potential is known.
    pub share_of_wallet: Option<f64>,
    /// Why the account sits in its primary-model class, in one sentence: the class and each
    /// decision axis against the thresholds around it (`Star: account attractiveness 0.62 >=
    /// 0.50, relative strength 0.41 < 0.50`).
    pub explanation: String,
    /// The smallest rise of one score that lifts the account a tier under the primary model
    /// (`relationship strength +0.09 -> Key`); `None` for Key accounts or when no single
    /// score can.
    pub next_tier_move: Option<TierMove>,
    /// The smallest fall of one score that drops the account a tier: how close it is to
    /// losing its tier. `None` for Transactional accounts or when no single score can.
    pub at_risk_by: Option<TierMove>,
    /// Whether moving the primary model's weights by [`Report::weight_shift`] can change the
    /// account's class.
    pub weight_sensitive: bool,
}

/// One model's result for one account.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::ModelResult;
/// use keyaccount::{Classifier, FourS, ModelKind, Scores};
///
/// let a = FourS::default().classify(&Scores::new(0.9, 0.9, 0.9)?).into_any();
/// let r = ModelResult { model: ModelKind::FourS, class: a.class, tier: a.tier, margin: a.margin, position: a.position };
/// assert_eq!(r.tier, keyaccount::Tier::Key);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelResult {
    /// The model.
    pub model: ModelKind,
    /// The native class.
    pub class: Class,
    /// The tier.
    pub tier: Tier,
    /// Distance to the nearest class boundary on the model's axes.
    pub margin: f64,
    /// The position on the model's axes (for pictures such as the 4S matrix).
    pub position: Position,
}

/// How an account's tier changed since the previous period.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::Movement;
///
/// assert_eq!(Movement::Up.to_string(), "up");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// A higher tier than before.
    Up,
    /// The same tier.
    Same,
    /// A lower tier than before.
    Down,
    /// Not in the previous period.
    New,
}

impl std::fmt::Display for Movement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Movement::Up => "up",
            Movement::Same => "same",
            Movement::Down => "down",
            Movement::New => "new",
        })
    }
}

/// A summary table: one row per tier or class, and a total.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{SummaryLine, SummaryTable};
///
/// let total = SummaryLine { label: "Total".into(), tier: None, class: None, accounts: 0,
///     revenue: 0.0, share: 0.0, target: 0.0, attainment: None };
/// let t = SummaryTable { rows: vec![], total };
/// assert!(t.rows.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryTable {
    /// The rows, highest tier (or class) first.
    pub rows: Vec<SummaryLine>,
    /// The total over all rows.
    pub total: SummaryLine,
}

/// A row of a [`SummaryTable`].
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::SummaryLine;
/// use keyaccount::Tier;
///
/// let row = SummaryLine { label: "Key".into(), tier: Some(Tier::Key), class: None, accounts: 3,
///     revenue: 100.0, share: 0.5, target: 120.0, attainment: Some(100.0 / 120.0) };
/// assert_eq!(row.accounts, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    /// The row's label (tier or class name, or "Total").
    pub label: String,
    /// The tier, for a row by tier.
    pub tier: Option<Tier>,
    /// The class, for a row by class.
    pub class: Option<Class>,
    /// Accounts in the row.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of total revenue.
    pub share: f64,
    /// Their targets added up (accounts without a target add nothing).
    pub target: f64,
    /// Revenue / target of the accounts with a target, if any has one.
    pub attainment: Option<f64>,
}

/// Revenue concentration of the latest period.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::ConcentrationTable;
///
/// let c = ConcentrationTable { total_revenue: 1.0, accounts: 1, top: vec![], abc_a: 0.8,
///     abc_b: 0.95, abc: vec![], hhi: 1.0, equivalent_accounts: 1.0, pareto_curve: vec![] };
/// assert_eq!(c.hhi, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConcentrationTable {
    /// Total revenue.
    pub total_revenue: f64,
    /// Key-account candidates.
    pub accounts: usize,
    /// Revenue of the largest `n` accounts, for each `n` asked for.
    pub top: Vec<TopLine>,
    /// Cumulative revenue share that ends ABC class A.
    pub abc_a: f64,
    /// Cumulative revenue share that ends ABC class B.
    pub abc_b: f64,
    /// Accounts and revenue per ABC class.
    pub abc: Vec<AbcLine>,
    /// Herfindahl-Hirschman index of revenue shares, in (0, 1].
    pub hhi: f64,
    /// `1 / hhi`: the number of equal accounts that would give the same concentration.
    pub equivalent_accounts: f64,
    /// Points (share of accounts, share of revenue) of the Pareto curve, from (0, 0) to (1, 1).
    pub pareto_curve: Vec<(f64, f64)>,
}

/// Revenue of the largest `n` accounts.
///
/// # Examples
///
/// ```
/// let t = keyaccount::analysis::TopLine { n: 5, revenue: 10.0, share: 0.4 };
/// assert_eq!(t.n, 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TopLine {
    /// How many accounts (fewer when the portfolio is smaller).
    pub n: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of total revenue.
    pub share: f64,
}

/// Accounts and revenue of one ABC class.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::AbcClass;
///
/// let l = keyaccount::analysis::AbcLine { class: AbcClass::A, accounts: 4, revenue: 8.0, share: 0.8 };
/// assert_eq!(l.class, AbcClass::A);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AbcLine {
    /// The class.
    pub class: AbcClass,
    /// Accounts in it.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
    /// Their share of total revenue.
    pub share: f64,
}

/// Another model compared with the primary one.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::Agreement;
/// use keyaccount::ModelKind;
///
/// let a = Agreement { model: ModelKind::Webster, agreement: 0.8, kappa: 0.6, key_accounts: 12,
///     table: [[0; 4]; 4] };
/// assert_eq!(a.model, ModelKind::Webster);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// The other model.
    pub model: ModelKind,
    /// Share of accounts with the same tier in both, in [0, 1].
    pub agreement: f64,
    /// Cohen's kappa.
    pub kappa: f64,
    /// Key accounts the other model gives.
    pub key_accounts: usize,
    /// Accounts by tier: `table[i][j]` have the primary model's tier `Tier::ALL[i]` and the
    /// other model's tier `Tier::ALL[j]`.
    pub table: [[usize; 4]; 4],
}

/// The consensus tiers of all models run.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{ConsensusTable, TierCount};
/// use keyaccount::portfolio::ConsensusRule;
/// use keyaccount::Tier;
///
/// let c = ConsensusTable { rule: ConsensusRule::Plurality,
///     tiers: vec![TierCount { tier: Tier::Key, accounts: 2, revenue: 10.0 }] };
/// assert_eq!(c.tiers[0].accounts, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsensusTable {
    /// The rule that combined the models' tiers.
    pub rule: ConsensusRule,
    /// Accounts and revenue per consensus tier, all four tiers, Key first.
    pub tiers: Vec<TierCount>,
}

/// Accounts and revenue in one tier.
///
/// # Examples
///
/// ```
/// let t = keyaccount::analysis::TierCount { tier: keyaccount::Tier::Key, accounts: 1, revenue: 5.0 };
/// assert_eq!(t.accounts, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TierCount {
    /// The tier.
    pub tier: Tier,
    /// Accounts in it.
    pub accounts: usize,
    /// Their revenue.
    pub revenue: f64,
}

/// Movement between the previous period and the latest, by the primary model (the previous
/// period is classified with the same, calibrated, model).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::MigrationTable;
///
/// let m = MigrationTable { from: "2024".into(), to: "2025".into(), transitions: [[0; 4]; 4],
///     up: vec![], down: vec![], entered: vec![], left: vec![], uncoupling: vec![] };
/// assert_eq!(m.from, "2024");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationTable {
    /// The previous period's label.
    pub from: String,
    /// The latest period's label.
    pub to: String,
    /// `transitions[i][j]` accounts went from `Tier::ALL[i]` to `Tier::ALL[j]` (accounts in
    /// both periods only).
    pub transitions: [[usize; 4]; 4],
    /// Accounts that moved to a higher tier, largest revenue first.
    pub up: Vec<MoveRow>,
    /// Accounts that moved to a lower tier, largest revenue first.
    pub down: Vec<MoveRow>,
    /// Accounts new in the latest period.
    pub entered: Vec<NamedAmount>,
    /// Accounts of the previous period that are gone, with their previous revenue.
    pub left: Vec<NamedAmount>,
    /// Accounts in Millman and Wilson's Uncoupling.
    pub uncoupling: Vec<UncouplingRow>,
}

/// An account that changed tier.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::MoveRow;
/// use keyaccount::Tier;
///
/// let m = MoveRow { id: "A".into(), name: "Alpha".into(), from: Tier::Development, to: Tier::Key,
///     previous_revenue: 10.0, revenue: 12.0, uncoupling: false, reason: None };
/// assert!(m.to > m.from);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveRow {
    /// The account's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its previous tier.
    pub from: Tier,
    /// Its tier now.
    pub to: Tier,
    /// Its previous revenue.
    pub previous_revenue: f64,
    /// Its revenue now.
    pub revenue: f64,
    /// Whether the fall is Millman and Wilson's Uncoupling.
    pub uncoupling: bool,
    /// Why it moved: its own score changes against the thresholds moved by calibration, and
    /// the score that changed most.
    pub reason: Option<MigrationReason>,
}

/// An account named with one amount.
///
/// # Examples
///
/// ```
/// let n = keyaccount::analysis::NamedAmount { id: "A".into(), name: "Alpha".into(), revenue: 1.0 };
/// assert_eq!(n.id, "A");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedAmount {
    /// The account's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its revenue (for accounts that left: in the previous period).
    pub revenue: f64,
}

/// An account in Millman and Wilson's Uncoupling-KAM.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::UncouplingRow;
/// use keyaccount::MillmanWilsonStage;
///
/// let u = UncouplingRow { id: "A".into(), name: "Alpha".into(),
///     previous_stage: MillmanWilsonStage::MidKam, development_before: 0.7, development_now: 0.4 };
/// assert!(u.development_now < u.development_before);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UncouplingRow {
    /// The account's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its previous stage.
    pub previous_stage: MillmanWilsonStage,
    /// Development (the diagonal position) before.
    pub development_before: f64,
    /// Development now.
    pub development_now: f64,
}

/// Target attainment of one tier (or of all accounts, with `tier == None`).
///
/// # Examples
///
/// ```
/// let a = keyaccount::analysis::AttainmentRow { tier: None, accounts: 3, with_target: 2,
///     revenue: 90.0, target: 100.0, attainment: Some(0.9) };
/// assert_eq!(a.with_target, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttainmentRow {
    /// The tier, or `None` for the total.
    pub tier: Option<Tier>,
    /// Accounts.
    pub accounts: usize,
    /// Accounts with a target.
    pub with_target: usize,
    /// Revenue of the accounts with a target.
    pub revenue: f64,
    /// Their targets added up.
    pub target: f64,
    /// `revenue / target`, when the target is positive.
    pub attainment: Option<f64>,
}

/// A development opportunity.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::OpportunityRow;
/// use keyaccount::{Class, FourSClass};
///
/// let o = OpportunityRow { id: "A".into(), name: "Alpha".into(), class: Class::from(FourSClass::Star),
///     revenue: 10.0, potential: 50.0, headroom: 40.0, share_of_wallet: 0.2 };
/// assert_eq!(o.headroom, 40.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpportunityRow {
    /// The account's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its primary-model class.
    pub class: Class,
    /// Its revenue.
    pub revenue: f64,
    /// Its potential.
    pub potential: f64,
    /// Potential minus revenue.
    pub headroom: f64,
    /// Revenue / potential.
    pub share_of_wallet: f64,
}

impl Report {
    /// The accounts in the Key tier of the primary model, largest revenue first.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::{run_periods, AnalysisConfig};
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
    /// // Two accounts: calibrating to 15-35 Key accounts would make both Key.
    /// let config = AnalysisConfig::from_toml("[models]\ncalibrate = false")?;
    /// let report = run_periods("x", &read_csv(csv.as_bytes())?, &config)?;
    /// let names: Vec<&str> = report.key_accounts().map(|a| a.name.as_str()).collect();
    /// assert_eq!(names, ["Alpha"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key_accounts(&self) -> impl Iterator<Item = &AccountRow> {
        self.accounts.iter().filter(|a| a.tier == Tier::Key)
    }

    /// The borderline accounts (see [`Report::borderline_margin`]), largest revenue first.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::{run_periods, AnalysisConfig};
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
    /// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
    /// assert!(report.borderline().all(|a| a.borderline));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn borderline(&self) -> impl Iterator<Item = &AccountRow> {
        self.accounts.iter().filter(|a| a.borderline)
    }

    /// The primary model's result for `account`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::{run_periods, AnalysisConfig};
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\n";
    /// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
    /// let primary = report.primary_result(&report.accounts[0]).unwrap();
    /// assert_eq!(primary.model, report.primary);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn primary_result<'a>(&self, account: &'a AccountRow) -> Option<&'a ModelResult> {
        account.models.iter().find(|m| m.model == self.primary)
    }

    /// The settings of the primary model as run.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::{run_periods, AnalysisConfig};
    /// use keyaccount::portfolio::read_csv;
    ///
    /// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\n";
    /// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
    /// assert_eq!(report.primary_model().map(|m| m.kind), Some(report.primary));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn primary_model(&self) -> Option<&ModelInfo> {
        self.models.iter().find(|m| m.kind == self.primary)
    }
}
