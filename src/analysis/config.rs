//! The analysis file: a whole analysis described in TOML instead of Rust.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::any::{AnyModel, ModelKind};
use crate::error::{Error, Result};
use crate::models::bensaou::Bensaou;
use crate::models::four_s::FourS;
use crate::models::millman_wilson::MillmanWilson;
use crate::models::webster::Webster;
use crate::portfolio::{
    AbcCuts, ConsensusRule, InputOptions, KeyRange, PlanConfig, ScoringConfig, ShareMethod,
    WhitespaceOptions,
};
use crate::scorecard::{Factor, MissingRating, RatingScale, Scorecard};
use crate::scores::{RevenueShareScale, ScoreField};
use crate::tier::Tier;

/// A whole analysis: how to score, which models to run, what to report and which files to
/// write. Read from TOML with [`AnalysisConfig::from_toml`] or [`AnalysisConfig::from_path`].
///
/// Every table and key is optional; what is left out takes the default given in its field's
/// documentation. An unknown key anywhere is an error naming its path, e.g.
/// `scoring.fit.factors[2].wieght`.
///
/// With no file at all ([`AnalysisConfig::default`]) each scorecard is built from the factor
/// columns found in the data (equal weights, rated 1 to 10), the revenue-share score is
/// logarithmic from 0.1% to 10%, all four models run, 4S is primary and is calibrated to 15-35
/// Key accounts.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::AnalysisConfig;
/// use keyaccount::ModelKind;
///
/// let config = AnalysisConfig::from_toml(r#"
///     [scoring.fit]
///     factors = [ { name = "growth", weight = 0.6 }, { name = "profitability", weight = 0.4 } ]
///
///     [models]
///     primary = "webster"
/// "#)?;
/// assert_eq!(config.models.primary, ModelKind::Webster);
///
/// let err = AnalysisConfig::from_toml(r#"
///     [scoring.fit]
///     factors = [ { name = "growth", wieght = 1.0 } ]
/// "#).unwrap_err();
/// assert!(err.to_string().contains("scoring.fit.factors[0].wieght"), "{err}");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AnalysisConfig {
    /// How to read the export: column names, factor prefixes, delimiter, decimal commas,
    /// period order (`[input]`, see [`InputOptions`]).
    pub input: InputOptions,
    /// How revenue shares, strategic fit and relationship strength are scored (`[scoring]`).
    pub scoring: ScoringOptions,
    /// Which models run, which is primary, and the calibration (`[models]`).
    pub models: ModelOptions,
    /// What the report shows (`[report]`).
    pub report: ReportOptions,
    /// Which files are written (`[output]`).
    pub output: OutputOptions,
    /// The account-manager plan: structure, matrix share and accounts per manager by coverage
    /// level and tier (`[plan]`, see [`PlanConfig`]).
    pub plan: PlanConfig,
}

/// `[scoring]`: the revenue-share method and the two scorecards.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{ScoringOptions, ShareKind};
///
/// assert_eq!(ScoringOptions::default().revenue_share.method, ShareKind::Logarithmic);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoringOptions {
    /// `[scoring.revenue_share]`: how revenue becomes a revenue-share score.
    pub revenue_share: ShareOptions,
    /// `[scoring.fit]`: the strategic-fit scorecard.
    pub fit: ScorecardOptions,
    /// `[scoring.strength]`: the relationship-strength scorecard.
    pub strength: ScorecardOptions,
}

/// The revenue-share methods, as named in the analysis file.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::ShareKind;
///
/// assert_eq!(ShareKind::default(), ShareKind::Logarithmic);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareKind {
    /// Logarithmic from `floor` (score 0) to `reference` (score 1); one step per tenfold.
    #[default]
    Logarithmic,
    /// Proportional up to `reference` (score 1).
    Linear,
    /// The percentile rank by revenue.
    PercentileRank,
    /// The Pareto / ABC position, with cut points `a` and `b`.
    Pareto,
}

/// `[scoring.revenue_share]`.
///
/// | key | default | used by |
/// | --- | --- | --- |
/// | `method` | `"logarithmic"` | |
/// | `floor` | 0.001 (0.1%) | `logarithmic` |
/// | `reference` | 0.1 (10%) | `logarithmic`, `linear` |
/// | `a`, `b` | 0.8, 0.95 | `pareto` |
///
/// A key that the method does not use is an error.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::AnalysisConfig;
/// use keyaccount::portfolio::ShareMethod;
///
/// let config = AnalysisConfig::from_toml(r#"
///     [scoring.revenue_share]
///     method = "linear"
///     reference = 0.05
/// "#)?;
/// assert!(matches!(config.scoring.revenue_share.build()?, ShareMethod::Reference(_)));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ShareOptions {
    /// The method.
    pub method: ShareKind,
    /// The share that scores 0 (`logarithmic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<f64>,
    /// The share that scores 1 (`logarithmic`, `linear`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<f64>,
    /// The cumulative share that ends class A (`pareto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    /// The cumulative share that ends class B (`pareto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
}

impl ShareOptions {
    /// The checked revenue-share method.
    ///
    /// # Errors
    ///
    /// [`Error::AnalysisSetting`] naming the key when a key does not apply to the method or a
    /// value is out of range.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::{ShareKind, ShareOptions};
    ///
    /// let mut s = ShareOptions::default();
    /// s.method = ShareKind::PercentileRank;
    /// s.floor = Some(0.01);
    /// assert!(s.build().unwrap_err().to_string().contains("scoring.revenue_share.floor"));
    /// ```
    pub fn build(&self) -> Result<ShareMethod> {
        const KEY: &str = "scoring.revenue_share";
        let unused = |name: &str, given: bool| -> Result<()> {
            if given {
                Err(Error::AnalysisSetting {
                    key: format!("{KEY}.{name}"),
                    reason: format!("does not apply to method {:?}", self.method_name()),
                })
            } else {
                Ok(())
            }
        };
        let wrap = |e: Error| Error::AnalysisValue {
            key: KEY.to_owned(),
            source: Box::new(e),
        };
        let (default_floor, default_reference) = match RevenueShareScale::default() {
            RevenueShareScale::Logarithmic { floor, reference } => (floor, reference),
            RevenueShareScale::Linear { reference } => (0.001, reference),
        };
        match self.method {
            ShareKind::Logarithmic => {
                unused("a", self.a.is_some())?;
                unused("b", self.b.is_some())?;
                RevenueShareScale::logarithmic(
                    self.floor.unwrap_or(default_floor),
                    self.reference.unwrap_or(default_reference),
                )
                .map(ShareMethod::Reference)
                .map_err(wrap)
            }
            ShareKind::Linear => {
                unused("floor", self.floor.is_some())?;
                unused("a", self.a.is_some())?;
                unused("b", self.b.is_some())?;
                RevenueShareScale::linear(self.reference.unwrap_or(default_reference))
                    .map(ShareMethod::Reference)
                    .map_err(wrap)
            }
            ShareKind::PercentileRank => {
                unused("floor", self.floor.is_some())?;
                unused("reference", self.reference.is_some())?;
                unused("a", self.a.is_some())?;
                unused("b", self.b.is_some())?;
                Ok(ShareMethod::PercentileRank)
            }
            ShareKind::Pareto => {
                unused("floor", self.floor.is_some())?;
                unused("reference", self.reference.is_some())?;
                let d = AbcCuts::default();
                AbcCuts::new(self.a.unwrap_or(d.a()), self.b.unwrap_or(d.b()))
                    .map(ShareMethod::Pareto)
                    .map_err(wrap)
            }
        }
    }

    fn method_name(&self) -> &'static str {
        match self.method {
            ShareKind::Logarithmic => "logarithmic",
            ShareKind::Linear => "linear",
            ShareKind::PercentileRank => "percentile_rank",
            ShareKind::Pareto => "pareto",
        }
    }
}

/// `[scoring.fit]` or `[scoring.strength]`: one scorecard.
///
/// | key | default |
/// | --- | --- |
/// | `factors` | every factor found in the data for this score (sorted by name), equal weights |
/// | `scale` | `{ low = 1, high = 10 }`, for factors without their own |
/// | `missing` | `"error"`; or `"neutral"`, `"lowest"`, `"reweight"` |
///
/// Weights are given for every factor or for none (then equal); given weights must sum to 1.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::AnalysisConfig;
///
/// let config = AnalysisConfig::from_toml(r#"
///     [scoring.strength]
///     scale = { low = 0, high = 5 }
///     missing = "neutral"
///     factors = [ { name = "trust" }, { name = "contacts" } ]
/// "#)?;
/// let card = config.scoring.strength.build(keyaccount::ScoreField::RelationshipStrength, &[])?;
/// assert_eq!(card.factors()[1].weight, 0.5);
/// assert_eq!(card.factors()[1].scale.high(), 5.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ScorecardOptions {
    /// The factors, in order; `None`: every factor found in the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factors: Option<Vec<FactorOptions>>,
    /// The scale of factors that do not give their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleOptions>,
    /// What a missing rating does.
    pub missing: MissingRating,
}

/// One factor of a scorecard in the analysis file.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::FactorOptions;
///
/// let f = FactorOptions::new("growth");
/// assert_eq!(f.weight, None);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FactorOptions {
    /// The factor's name, as in the data (the column without its prefix).
    pub name: String,
    /// Its weight; left out on every factor: equal weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Its rating scale; left out: the scorecard's `scale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleOptions>,
}

impl FactorOptions {
    /// A factor with no weight or scale of its own.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::analysis::FactorOptions::new("trust").name, "trust");
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        FactorOptions {
            name: name.into(),
            weight: None,
            scale: None,
        }
    }
}

/// A rating scale in the analysis file: `{ low = 1, high = 10 }`.
///
/// # Examples
///
/// ```
/// let s = keyaccount::analysis::ScaleOptions { low: 0.0, high: 5.0 };
/// assert_eq!(s.high, 5.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleOptions {
    /// The rating that scores 0.
    pub low: f64,
    /// The rating that scores 1.
    pub high: f64,
}

impl ScorecardOptions {
    /// The checked scorecard for `score`. `found` lists the factors present in the data, used
    /// when `factors` is not given.
    ///
    /// # Errors
    ///
    /// [`Error::AnalysisSetting`] or [`Error::AnalysisValue`] naming the key: weights given for
    /// some factors only, no factors given or found, a bad scale, weights not summing to 1, a
    /// factor named twice.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::ScorecardOptions;
    /// use keyaccount::ScoreField;
    ///
    /// let card = ScorecardOptions::default()
    ///     .build(ScoreField::StrategicFit, &["growth".into(), "reach".into()])?;
    /// assert_eq!(card.factors().len(), 2);
    /// assert_eq!(card.factors()[0].weight, 0.5);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn build(&self, score: ScoreField, found: &[String]) -> Result<Scorecard> {
        let key = match score {
            ScoreField::StrategicFit => "scoring.fit",
            _ => "scoring.strength",
        };
        let scale_of = |s: Option<ScaleOptions>, at: &str| -> Result<RatingScale> {
            match s.or(self.scale) {
                None => Ok(RatingScale::default()),
                Some(s) => RatingScale::new(s.low, s.high).map_err(|e| Error::AnalysisValue {
                    key: at.to_owned(),
                    source: Box::new(e),
                }),
            }
        };
        let listed: Vec<FactorOptions> = match &self.factors {
            Some(f) => f.clone(),
            None => found.iter().map(FactorOptions::new).collect(),
        };
        if listed.is_empty() {
            return Err(Error::AnalysisSetting {
                key: format!("{key}.factors"),
                reason: if self.factors.is_some() {
                    "lists no factor".to_owned()
                } else {
                    "not given, and the data has no factor columns for this score".to_owned()
                },
            });
        }
        let weighted = listed.iter().filter(|f| f.weight.is_some()).count();
        if weighted != 0 && weighted != listed.len() {
            let i = listed.iter().position(|f| f.weight.is_none()).unwrap_or(0);
            return Err(Error::AnalysisSetting {
                key: format!("{key}.factors[{i}].weight"),
                reason: "missing: give a weight for every factor or for none (equal weights)"
                    .to_owned(),
            });
        }
        let equal = 1.0 / listed.len() as f64;
        let mut factors = Vec::with_capacity(listed.len());
        for (i, f) in listed.iter().enumerate() {
            let scale = scale_of(f.scale, &format!("{key}.factors[{i}].scale"))?;
            factors.push(Factor::new(
                f.name.clone(),
                f.weight.unwrap_or(equal),
                scale,
            ));
        }
        Scorecard::new(score, factors, self.missing).map_err(|e| Error::AnalysisValue {
            key: key.to_owned(),
            source: Box::new(e),
        })
    }
}

/// `[models]`: which models run, which one is primary, calibration and consensus, and each
/// model's settings (the same keys as the JSON model configurations, without `model`).
///
/// | key | default |
/// | --- | --- |
/// | `run` | `["webster", "millman_wilson", "bensaou", "four_s"]` |
/// | `primary` | `"four_s"` (always run) |
/// | `calibrate` | `true`: the primary model's thresholds move together to give `key_accounts` |
/// | `key_accounts` | `{ min = 15, max = 35 }` |
/// | `consensus` | `"plurality"` (ties to the lower tier), or `"lower_median"` |
/// | `webster`, `millman_wilson`, `bensaou`, `four_s` | each model's defaults |
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::AnalysisConfig;
/// use keyaccount::{Classifier, ModelKind};
///
/// let config = AnalysisConfig::from_toml(r#"
///     [models]
///     run = ["four_s", "webster"]
///     calibrate = false
///     [models.four_s]
///     attractiveness_threshold = 0.6
/// "#)?;
/// let models = config.models.selected();
/// assert_eq!(models.len(), 2);
/// assert_eq!(models[1].kind(), ModelKind::FourS); // in the order of ModelKind::ALL
/// assert_eq!(models[1].cut_points()[0].value, 0.6);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ModelOptions {
    /// The models to run.
    pub run: Vec<ModelKind>,
    /// The model whose tiers are the report's tiers.
    pub primary: ModelKind,
    /// Whether to calibrate the primary model to `key_accounts`.
    pub calibrate: bool,
    /// The number of Key accounts wanted when calibrating.
    pub key_accounts: KeyRange,
    /// How the models' tiers combine into the consensus.
    pub consensus: ConsensusRule,
    /// Webster's settings.
    pub webster: Webster,
    /// Millman and Wilson's settings (also used for Uncoupling between periods).
    pub millman_wilson: MillmanWilson,
    /// Bensaou's settings.
    pub bensaou: Bensaou,
    /// The 4S matrix's settings.
    pub four_s: FourS,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            run: ModelKind::ALL.to_vec(),
            primary: ModelKind::FourS,
            calibrate: true,
            key_accounts: KeyRange::default(),
            consensus: ConsensusRule::default(),
            webster: Webster::default(),
            millman_wilson: MillmanWilson::default(),
            bensaou: Bensaou::default(),
            four_s: FourS::default(),
        }
    }
}

impl ModelOptions {
    /// The models to run with their settings, in the order of [`ModelKind::ALL`], the primary
    /// model included even when `run` leaves it out; each model once.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::ModelOptions;
    ///
    /// assert_eq!(ModelOptions::default().selected().len(), 4);
    /// ```
    #[must_use]
    pub fn selected(&self) -> Vec<AnyModel> {
        ModelKind::ALL
            .iter()
            .filter(|k| **k == self.primary || self.run.contains(k))
            .map(|k| self.model(*k))
            .collect()
    }

    /// The settings of one model.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::ModelOptions;
    /// use keyaccount::{AnyModel, FourS, ModelKind};
    ///
    /// assert_eq!(ModelOptions::default().model(ModelKind::FourS), AnyModel::from(FourS::default()));
    /// ```
    #[must_use]
    pub fn model(&self, kind: ModelKind) -> AnyModel {
        match kind {
            ModelKind::Webster => AnyModel::Webster(self.webster.clone()),
            ModelKind::MillmanWilson => AnyModel::MillmanWilson(self.millman_wilson.clone()),
            ModelKind::Bensaou => AnyModel::Bensaou(self.bensaou.clone()),
            ModelKind::FourS => AnyModel::FourS(self.four_s.clone()),
        }
    }
}

/// `[report]`: what the report shows.
///
/// | key | default |
/// | --- | --- |
/// | `borderline_margin` | 0.05: an account is borderline when the primary model's margin (its distance to the nearest class boundary, on the model's [0, 1] axes) is below it |
/// | `opportunities` | 10: development opportunities listed |
/// | `top_n` | `[1, 5, 10, 20]`: revenue shares of the largest accounts |
/// | `abc` | `{ a = 0.8, b = 0.95 }`: ABC cut points of cumulative revenue |
/// | `weight_shift` | 0.05: how far each weight of the primary model may move for an account to count as weight-sensitive (its class changes within the shift) |
/// | `whitespace_tiers` | `["key", "development"]`: the tiers whose product whitespace is ranked, when product data is given |
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::AnalysisConfig;
///
/// let config = AnalysisConfig::from_toml("[report]\nborderline_margin = 0.1\n")?;
/// assert_eq!(config.report.borderline_margin, 0.1);
/// assert!(AnalysisConfig::from_toml("[report]\nborderline_margin = -1.0\n").is_err());
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportOptions {
    /// The margin below which an account is borderline, in [0, 1].
    pub borderline_margin: f64,
    /// Development opportunities listed.
    pub opportunities: usize,
    /// Top-N revenue shares shown.
    pub top_n: Vec<usize>,
    /// ABC cut points.
    pub abc: AbcCuts,
    /// The largest move of one weight in the sensitivity flag, in [0, 1].
    pub weight_shift: f64,
    /// The tiers worth investing in, whose whitespace opportunities are ranked.
    pub whitespace_tiers: Vec<Tier>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            borderline_margin: 0.05,
            opportunities: 10,
            top_n: vec![1, 5, 10, 20],
            abc: AbcCuts::default(),
            weight_shift: 0.05,
            whitespace_tiers: WhitespaceOptions::default().tiers,
        }
    }
}

/// The files an analysis can write.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::OutputFormat;
///
/// assert_eq!(OutputFormat::Csv.file_name(), "accounts.csv");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputFormat {
    /// The text report, `report.txt` (also printed).
    Text,
    /// One row per key-account candidate, `accounts.csv`.
    Csv,
    /// The workbook, `report.xlsx` (feature `xlsx`).
    Xlsx,
    /// The HTML page with charts, `report.html` (feature `charts`).
    Html,
}

impl OutputFormat {
    /// The file's name in the output folder.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::analysis::OutputFormat::Text.file_name(), "report.txt");
    /// ```
    #[must_use]
    pub const fn file_name(self) -> &'static str {
        match self {
            OutputFormat::Text => "report.txt",
            OutputFormat::Csv => "accounts.csv",
            OutputFormat::Xlsx => "report.xlsx",
            OutputFormat::Html => "report.html",
        }
    }
}

/// `[output]`: which files are written, and the CSV's style.
///
/// | key | default |
/// | --- | --- |
/// | `formats` | `["text", "csv"]`; also `"xlsx"`, `"html"` |
/// | `csv_delimiter` | `","`; `";"` for a spreadsheet set to a decimal comma |
/// | `decimal_comma` | `false`: numbers in the CSV as `1234.5`; `true`: `1234,5` |
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{AnalysisConfig, OutputFormat};
///
/// let config = AnalysisConfig::from_toml("[output]\nformats = [\"csv\"]\ncsv_delimiter = \";\"\n")?;
/// assert_eq!(config.output.formats, [OutputFormat::Csv]);
/// assert_eq!(config.output.csv_delimiter, ';');
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct OutputOptions {
    /// The files to write.
    pub formats: Vec<OutputFormat>,
    /// The CSV's field delimiter (an ASCII character).
    pub csv_delimiter: char,
    /// Whether CSV numbers use a decimal comma.
    pub decimal_comma: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            formats: vec![OutputFormat::Text, OutputFormat::Csv],
            csv_delimiter: ',',
            decimal_comma: false,
        }
    }
}

impl AnalysisConfig {
    /// Reads an analysis file's text and checks it.
    ///
    /// # Errors
    ///
    /// [`Error::AnalysisFile`] for TOML that does not parse, an unknown key or a value of the
    /// wrong type or out of range, naming the key's path; and the errors of
    /// [`AnalysisConfig::validate`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::AnalysisConfig;
    ///
    /// assert_eq!(AnalysisConfig::from_toml("")?, AnalysisConfig::default());
    /// let err = AnalysisConfig::from_toml("[models]\nprimary = \"5s\"\n").unwrap_err();
    /// assert!(err.to_string().contains("models.primary"), "{err}");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn from_toml(text: &str) -> Result<Self> {
        let de = toml::Deserializer::new(text);
        let config: AnalysisConfig = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.message().trim().to_owned();
            // An unknown key is reported at the table that holds it: name the key too.
            let key = match unknown_field(&message) {
                Some(field) if path == "." => field.to_owned(),
                Some(field) => format!("{path}.{field}"),
                None if path == "." => String::new(),
                None => path,
            };
            let line = inner.span().map(|s| line_of(text, s.start));
            Error::AnalysisFile { key, line, message }
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Reads and checks an analysis file.
    ///
    /// # Errors
    ///
    /// [`Error::AnalysisOpen`] when the file cannot be read (naming the path), and the errors
    /// of [`AnalysisConfig::from_toml`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::AnalysisConfig;
    ///
    /// let err = AnalysisConfig::from_path("no/such/analysis.toml").unwrap_err();
    /// assert!(err.to_string().contains("no/such/analysis.toml"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::AnalysisOpen {
            path: path.display().to_string(),
            source: e.into(),
        })?;
        Self::from_toml(&text)
    }

    /// Checks what the types alone do not: the revenue-share keys against the method, the
    /// scorecards given (weights, scales, names), the report's numbers, the CSV delimiter and
    /// the plan's settings (level names, capacities, matrix share).
    /// Scorecards built from the data's columns are checked when the analysis runs.
    ///
    /// # Errors
    ///
    /// [`Error::AnalysisSetting`] or [`Error::AnalysisValue`] naming the key; the errors of
    /// [`PlanConfig::planner`] ([`Error::UnknownCoverageLevel`], [`Error::InvalidCapacity`],
    /// [`Error::InvalidMatrixShare`]), which name the setting.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::AnalysisConfig;
    ///
    /// let err = AnalysisConfig::from_toml("[plan.capacity]\nglobal = { key = 0 }\n").unwrap_err();
    /// assert!(err.to_string().starts_with("plan.capacity.global.key: 0 accounts per manager"), "{err}");
    ///
    /// let mut config = AnalysisConfig::default();
    /// assert!(config.validate().is_ok());
    /// config.output.csv_delimiter = 'é';
    /// assert!(config.validate().unwrap_err().to_string().contains("output.csv_delimiter"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.scoring.revenue_share.build()?;
        for (card, field) in [
            (&self.scoring.fit, ScoreField::StrategicFit),
            (&self.scoring.strength, ScoreField::RelationshipStrength),
        ] {
            if card.factors.is_some() {
                card.build(field, &[])?;
            } else if let Some(s) = card.scale {
                let key = if field == ScoreField::StrategicFit {
                    "scoring.fit.scale"
                } else {
                    "scoring.strength.scale"
                };
                RatingScale::new(s.low, s.high).map_err(|e| Error::AnalysisValue {
                    key: key.to_owned(),
                    source: Box::new(e),
                })?;
            }
        }
        let m = self.report.borderline_margin;
        if !(0.0..=1.0).contains(&m) {
            return Err(Error::AnalysisSetting {
                key: "report.borderline_margin".to_owned(),
                reason: format!("{m} is not a number in [0, 1]"),
            });
        }
        let w = self.report.weight_shift;
        if !(0.0..=1.0).contains(&w) {
            return Err(Error::AnalysisSetting {
                key: "report.weight_shift".to_owned(),
                reason: format!("{w} is not a number in [0, 1]"),
            });
        }
        if let Some(i) = self.report.top_n.iter().position(|n| *n == 0) {
            return Err(Error::AnalysisSetting {
                key: format!("report.top_n[{i}]"),
                reason: "0 accounts: give a number of 1 or more".to_owned(),
            });
        }
        let d = self.output.csv_delimiter;
        if !d.is_ascii() || d.is_ascii_alphanumeric() || d == '"' || d == '\n' || d == '\r' {
            return Err(Error::AnalysisSetting {
                key: "output.csv_delimiter".to_owned(),
                reason: format!(
                    "{d:?} cannot separate CSV fields: use an ASCII punctuation or tab"
                ),
            });
        }
        if self.output.decimal_comma && d == ',' {
            return Err(Error::AnalysisSetting {
                key: "output.decimal_comma".to_owned(),
                reason: "needs a csv_delimiter other than \",\"".to_owned(),
            });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = self.output.formats.iter().find(|f| !seen.insert(**f)) {
            return Err(Error::AnalysisSetting {
                key: "output.formats".to_owned(),
                reason: format!("{dup:?} is listed twice"),
            });
        }
        self.plan.planner()?;
        Ok(())
    }

    /// The scoring configuration for a portfolio whose data holds the factors `fit_found`
    /// and `strength_found` (used only by scorecards that list no factors).
    ///
    /// # Errors
    ///
    /// As [`ShareOptions::build`] and [`ScorecardOptions::build`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::analysis::AnalysisConfig;
    ///
    /// let scoring = AnalysisConfig::default().scoring_config(&["growth".into()], &["trust".into()])?;
    /// assert_eq!(scoring.strategic_fit().factors()[0].name, "growth");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn scoring_config(
        &self,
        fit_found: &[String],
        strength_found: &[String],
    ) -> Result<ScoringConfig> {
        ScoringConfig::new(
            self.scoring.revenue_share.build()?,
            self.scoring
                .fit
                .build(ScoreField::StrategicFit, fit_found)?,
            self.scoring
                .strength
                .build(ScoreField::RelationshipStrength, strength_found)?,
        )
    }
}

/// The field named by serde's "unknown field `x`, expected ..." message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.bytes().filter(|b| *b == b'\n').count())
        + 1
}
