//! The pipeline: from periods of account records to one [`Report`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::analysis::config::AnalysisConfig;
use crate::analysis::report::{
    AbcLine, AccountRow, Agreement, AttainmentRow, CalibrationInfo, ConcentrationTable,
    ConsensusTable, CoverageCount, MigrationTable, ModelInfo, ModelResult, MoveRow, Movement,
    NamedAmount, OpportunityRow, Report, ScorecardsUsed, SummaryLine, SummaryTable, TierCount,
    TopLine, UncouplingRow,
};
use crate::any::{AnyModel, Class, ModelKind};
use crate::classifier::{Classifier, NativeClass};
use crate::error::{Error, Result};
use crate::explain::{migration_reason, summarize, WeightShift};
use crate::portfolio::{
    calibrate, consensus, level_moves, opportunities, read_csv_path_with, read_products_path_with,
    Attainment, Classification, Comparison, Concentration, ConcentrationOptions, CoverageLevel,
    Layout, Migration, Periods, PlanAccount, Portfolio, ProductData, RolledUp, ScoringConfig,
    Summary, SummaryRow, Whitespace, WhitespaceOptions,
};
use crate::scorecard::Scorecard;
use crate::scores::ScoreField;
use crate::tier::Tier;

/// Reads a CSV export (or, with the `xlsx` feature, an `.xlsx` workbook: its first visible
/// sheet, read as `portfolio::read_xlsx` reads it) and runs the analysis described by `config`
/// on it.
///
/// # Errors
///
/// - [`Error::CsvOpen`] when `data` is not a readable file;
/// - [`Error::Header`] when a column is unknown, a required one is missing, a scorecard's
///   factor has no column or a factor column is used by no scorecard (each with the closest
///   match as a suggestion);
/// - the errors of [`read_csv_path_with`] (cells and rows) and of [`run_periods`];
/// - for a workbook, the errors of `portfolio::read_xlsx_path` (sheet and cell named), or
///   without the `xlsx` feature [`Error::CsvOpen`] saying that it needs the feature.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run, AnalysisConfig};
///
/// let config = AnalysisConfig::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/data/analysis.toml"))?;
/// let report = run(concat!(env!("CARGO_MANIFEST_DIR"), "/data/portfolio.csv"), &config)?;
/// assert_eq!(report.period.as_deref(), Some("2025"));
/// assert!(report.key_accounts().count() >= 15);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn run(data: impl AsRef<Path>, config: &AnalysisConfig) -> Result<Report> {
    run_with_products(data, None, config)
}

/// Reads a CSV export and, when given, a product file (the long table of
/// [`read_products_path_with`], read with the same `[input]` delimiter and number format),
/// and runs the analysis with whitespace by product line ([`Report::whitespace`]).
///
/// # Errors
///
/// As [`run`]; for the product file, the errors of [`read_products_path_with`] and of
/// [`run_periods_with`].
///
/// # Examples
///
/// ```
/// use std::path::Path;
/// use keyaccount::analysis::{run_with_products, AnalysisConfig};
///
/// let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
/// let config = AnalysisConfig::from_path(dir.join("analysis.toml"))?;
/// let products = dir.join("products.csv");
/// let report = run_with_products(dir.join("portfolio.csv"), Some(&products), &config)?;
/// let w = report.whitespace.as_ref().unwrap();
/// assert!(w.products.len() >= 3);
/// assert!(w.without_products.is_empty());
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn run_with_products(
    data: impl AsRef<Path>,
    products: Option<&Path>,
    config: &AnalysisConfig,
) -> Result<Report> {
    let data = data.as_ref();
    check_data_path(data)?;
    let products = match products {
        Some(p) => {
            check_data_path(p)?;
            Some(read_products_path_with(p, &config.input)?)
        }
        None => None,
    };
    if is_workbook(data) {
        return run_workbook(data, products.as_ref(), config);
    }
    check_header(data, config)?;
    let periods = read_csv_path_with(data, &config.input)?;
    run_periods_with(
        &data.display().to_string(),
        &periods,
        products.as_ref(),
        config,
    )
}

/// Whether `path` names an `.xlsx` workbook (by its extension, as the analyst saved it).
fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads the first visible sheet of a workbook with the analysis file's `[input]` options.
#[cfg(feature = "xlsx")]
fn run_workbook(
    data: &Path,
    products: Option<&ProductData>,
    config: &AnalysisConfig,
) -> Result<Report> {
    use crate::portfolio::{read_xlsx_path, WorkbookOptions};
    let periods = read_xlsx_path(data, &config.input, &WorkbookOptions::default())?;
    run_periods_with(&data.display().to_string(), &periods, products, config)
}

#[cfg(not(feature = "xlsx"))]
fn run_workbook(data: &Path, _: Option<&ProductData>, _: &AnalysisConfig) -> Result<Report> {
    Err(Error::CsvOpen {
        path: data.display().to_string(),
        source: std::io::Error::other(
            "this is an .xlsx workbook: reading it needs the `xlsx` feature \
             (cargo run --features xlsx ...), or save it as CSV",
        )
        .into(),
    })
}

/// Checks the export's header against the analysis file before the rows are read: every
/// column known ([`Layout::resolve`]), every scorecard factor present and every factor
/// column used ([`Layout::check_factors`], with "did you mean" suggestions).
fn check_header(data: &Path, config: &AnalysisConfig) -> Result<()> {
    let open = |e: std::io::Error| Error::CsvOpen {
        path: data.display().to_string(),
        source: e.into(),
    };
    let mut first = Vec::new();
    let file = std::fs::File::open(data).map_err(open)?;
    // The header is the first line (a header cell with a line break is not supported here
    // either by the delimiter detection).
    std::io::BufRead::read_until(&mut std::io::BufReader::new(file), b'\n', &mut first)
        .map_err(open)?;
    let delimiter = config.input.delimiter_for(&first)?;
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(::csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(first.as_slice());
    let mut record = ::csv::StringRecord::new();
    match rdr.read_record(&mut record) {
        // An empty or unreadable header: the reader reports it with its line.
        Ok(false) | Err(_) => return Ok(()),
        Ok(true) => {}
    }
    let headers: Vec<&str> = record.iter().collect();
    let layout = Layout::resolve(&headers, delimiter, &config.input)?;
    let found = |field: ScoreField| -> Vec<String> {
        layout
            .factors
            .iter()
            .filter(|f| f.field == field)
            .map(|f| f.factor.clone())
            .collect()
    };
    let scoring = config.scoring_config(
        &found(ScoreField::StrategicFit),
        &found(ScoreField::RelationshipStrength),
    )?;
    let names = |card: &Scorecard| -> Vec<String> {
        card.factors().iter().map(|f| f.name.clone()).collect()
    };
    let (fit, strength) = (
        names(scoring.strategic_fit()),
        names(scoring.relationship_strength()),
    );
    let fit: Vec<&str> = fit.iter().map(String::as_str).collect();
    let strength: Vec<&str> = strength.iter().map(String::as_str).collect();
    layout.check_factors(&fit, &strength)
}

/// Runs the analysis described by `config` on periods already read (from a CSV, a workbook or
/// records built in code). `source` only names the data in the report; `config.input` is not
/// used, the periods being read already.
///
/// The steps: the latest period is rolled up to groups and scored; every model selected is
/// run, the primary one calibrated to the wanted number of Key accounts (if asked); the other
/// models are compared with it and all are combined into a consensus; then concentration,
/// migration from the previous period (the same model, calibrated on that period's own
/// portfolio when calibration is asked for, as that period's report had it; with Millman and
/// Wilson's Uncoupling and each mover's reason: its own scores against the moved
/// thresholds), target attainment and opportunities. Every account row says why it sits in
/// its class, the smallest move up a tier, the smallest fall down one and whether the
/// weights decide it ([`summarize`](crate::explain::summarize)).
///
/// # Errors
///
/// - [`Error::EmptyPortfolio`] when there is no period;
/// - [`Error::FactorNotInData`] when a scorecard names a factor that no account of the latest
///   period is rated on, and [`Error::FactorNotInScorecard`] when the data rates a factor that
///   the scorecard does not use (usually a misspelt column): both would otherwise go unnoticed
///   with a lenient missing-rating policy;
/// - the errors of the analysis file's settings ([`AnalysisConfig::scoring_config`]) and of
///   the portfolio steps (roll-up, scoring).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("example", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// assert_eq!(report.period, None);
/// assert_eq!(report.scorecards.strategic_fit, [("growth".to_owned(), 1.0)]);
///
/// let bad = "id,name,revenue,fit:growth,fit:grwoth,strength:trust\nA,Alpha,900,9,9,9\n";
/// let config = AnalysisConfig::from_toml("[scoring.fit]\nfactors = [{ name = \"growth\" }]\n")?;
/// let err = run_periods("x", &read_csv(bad.as_bytes())?, &config).unwrap_err();
/// assert!(err.to_string().contains("grwoth"), "{err}");
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn run_periods(source: &str, periods: &Periods, config: &AnalysisConfig) -> Result<Report> {
    run_periods_with(source, periods, None, config)
}

/// Runs the analysis on periods already read, with product data for the latest period when
/// given (rows of groups or of their members: members' rows are rolled up into their
/// group), as [`run_periods`] does otherwise.
///
/// # Errors
///
/// As [`run_periods`]; and for the product data, [`Error::UnknownProductAccount`] for a row
/// whose account is not in the latest period, [`Error::ProductTotalOverflow`] when a total
/// is too large to add up.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods_with, AnalysisConfig};
/// use keyaccount::portfolio::{read_csv, ProductData, ProductRecord};
/// use keyaccount::Tier;
///
/// let csv = "id,name,revenue,potential,fit:growth,strength:trust\n\
///            A,Alpha,900,1500,9,9\nB,Beta,100,300,3,3\n";
/// let products = ProductData::new(vec![
///     ProductRecord::new("A", "coatings", 600.0, 700.0),
///     ProductRecord::new("A", "service", 300.0, 800.0),
/// ])?;
/// let config = keyaccount::analysis::AnalysisConfig::from_toml("[models]\ncalibrate = false")?;
/// let report = run_periods_with("x", &read_csv(csv.as_bytes())?, Some(&products), &config)?;
/// let w = report.whitespace.unwrap();
/// assert_eq!(w.opportunities[0].product, "service"); // 500 of whitespace
/// assert_eq!(w.opportunities[0].tier, Tier::Key);
/// assert_eq!(w.without_products, Vec::<String>::new()); // B is not in an invest tier
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_periods_with(
    source: &str,
    periods: &Periods,
    products: Option<&ProductData>,
    config: &AnalysisConfig,
) -> Result<Report> {
    let shift = WeightShift::new(config.report.weight_shift)?;
    let (label, current) = periods.latest().ok_or(Error::EmptyPortfolio)?;
    let scoring = scoring_for(current, config)?;
    let planner = config.plan.planner()?;

    let rolled = current.roll_up()?;
    let places = group_places(&rolled);
    let groups: BTreeMap<&str, (usize, crate::portfolio::Coverage)> = rolled
        .groups()
        .iter()
        .map(|g| (g.id.as_str(), (g.size, g.coverage)))
        .collect();
    let mut coverage: BTreeMap<crate::portfolio::Coverage, usize> = BTreeMap::new();
    for g in rolled.groups().iter().filter(|g| g.size > 1) {
        *coverage.entry(g.coverage).or_default() += 1;
    }
    let scored = rolled.score(&scoring)?;

    // The primary model, calibrated if asked; the others as configured.
    let models = &config.models;
    let primary_model = models.model(models.primary);
    let (primary, calibration) = if models.calibrate {
        let cal = calibrate(&scored, &primary_model, models.key_accounts);
        let info = CalibrationInfo {
            min: cal.range.min(),
            max: cal.range.max(),
            original_key_count: cal.original_key_count,
            key_count: cal.key_count,
            within_range: cal.within_range,
            exponent: cal.exponent,
            original_cut_points: cal.original_cut_points,
            cut_points: cal.cut_points,
        };
        (cal.classification, Some(info))
    } else {
        (scored.classify(primary_model.clone()), None)
    };
    let all: Vec<Classification> = models
        .selected()
        .into_iter()
        .map(|m| {
            if m.kind() == models.primary {
                primary.clone()
            } else {
                scored.classify(m)
            }
        })
        .collect();

    let model_infos: Vec<ModelInfo> = all
        .iter()
        .map(|c| {
            model_info(
                c.model(),
                calibration.is_some() && c.kind() == models.primary,
                c,
            )
        })
        .collect();

    let mut agreement = Vec::new();
    for other in all.iter().filter(|c| c.kind() != models.primary) {
        let c = Comparison::new(&primary, other)?;
        agreement.push(Agreement {
            model: other.kind(),
            agreement: c.agreement,
            kappa: c.kappa,
            key_accounts: other.count(Tier::Key),
            table: c.table,
        });
    }
    let agreed = consensus(&all, models.consensus)?;
    let agreed_by_id: BTreeMap<&str, (Tier, usize)> = agreed
        .iter()
        .map(|c| (c.id.as_str(), (c.tier, c.agreeing)))
        .collect();
    let consensus_table = ConsensusTable {
        rule: models.consensus,
        tiers: Tier::ALL
            .iter()
            .map(|t| TierCount {
                tier: *t,
                accounts: agreed.iter().filter(|c| c.tier == *t).count(),
                revenue: agreed
                    .iter()
                    .filter(|c| c.tier == *t)
                    .map(|c| c.revenue)
                    .sum(),
            })
            .collect(),
    };

    let conc = Concentration::new(
        &primary,
        &ConcentrationOptions {
            top_n: config.report.top_n.clone(),
            abc: config.report.abc,
        },
    );
    let abc_of: BTreeMap<&str, crate::portfolio::AbcClass> = conc
        .abc_of
        .iter()
        .map(|(id, c)| (id.as_str(), *c))
        .collect();

    // Migration: the previous period with the same scoring and the same model, calibrated
    // on its own portfolio when calibration is asked for (the tiers that period's report
    // gave), so that a move splits into the account's own doing and the moved thresholds.
    let mut previous_of: BTreeMap<String, (Tier, f64)> = BTreeMap::new();
    let mut uncoupled: BTreeSet<String> = BTreeSet::new();
    let mut previous_plan: Vec<PlanAccount> = Vec::new();
    let migration = match periods.previous() {
        Some((before_label, before)) => {
            let before_rolled = before.roll_up()?;
            let before_places = group_places(&before_rolled);
            let before_scored = before_rolled.score(&scoring)?;
            let previous = if models.calibrate {
                calibrate(&before_scored, &primary_model, models.key_accounts).classification
            } else {
                before_scored.classify(primary.model().clone())
            };
            for a in previous.accounts() {
                previous_of.insert(
                    a.account.id.as_str().to_owned(),
                    (a.assessment.tier, a.account.revenue),
                );
            }
            previous_plan = plan_accounts(&previous, &before_places);
            let m = Migration::new(&previous, &primary, &models.millman_wilson)?;
            uncoupled.extend(m.uncoupling.iter().map(|u| u.id.as_str().to_owned()));
            Some(migration_table(
                before_label,
                label,
                &m,
                &previous,
                &primary,
            ))
        }
        None => None,
    };

    let att = Attainment::new(&primary);
    let attainment_of: BTreeMap<&str, Option<f64>> = att
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a.attainment))
        .collect();

    // Every classification is of the same scored portfolio: account `i` is `i` in each.
    let mut accounts = Vec::with_capacity(primary.accounts().len());
    for (i, a) in primary.accounts().enumerate() {
        let s = a.account;
        let id = s.id.as_str();
        let (members, cover) = groups
            .get(id)
            .copied()
            .unwrap_or((1, crate::portfolio::Coverage::Territory));
        let results = all
            .iter()
            .filter_map(|c| {
                c.account(i).map(|a| ModelResult {
                    model: c.kind(),
                    class: a.assessment.class,
                    tier: a.assessment.tier,
                    margin: a.assessment.margin,
                    position: a.assessment.position,
                })
            })
            .collect();
        let (agreed_tier, agreeing) = agreed_by_id
            .get(id)
            .copied()
            .unwrap_or((a.assessment.tier, 1));
        let why = summarize(primary.model(), &s.scores, shift);
        let previous = previous_of.get(id).copied();
        let movement = migration.as_ref().map(|_| match previous {
            None => Movement::New,
            Some((t, _)) if a.assessment.tier > t => Movement::Up,
            Some((t, _)) if a.assessment.tier < t => Movement::Down,
            Some(_) => Movement::Same,
        });
        accounts.push(AccountRow {
            id: s.id.as_str().to_owned(),
            name: s.name.as_str().to_owned(),
            members,
            coverage: cover,
            revenue: s.revenue,
            share: s.share,
            rank: s.rank,
            abc: abc_of
                .get(id)
                .copied()
                .unwrap_or(crate::portfolio::AbcClass::C),
            potential: s.potential,
            target: s.target,
            revenue_share_score: s.scores.revenue_share(),
            strategic_fit: s.scores.strategic_fit(),
            relationship_strength: s.scores.relationship_strength(),
            models: results,
            tier: a.assessment.tier,
            consensus: agreed_tier,
            agreeing,
            borderline: a.assessment.margin < config.report.borderline_margin,
            previous_tier: previous.map(|p| p.0),
            previous_revenue: previous.map(|p| p.1),
            movement,
            uncoupling: uncoupled.contains(id),
            attainment: attainment_of.get(id).copied().flatten(),
            headroom: s.potential.map(|p| p - s.revenue),
            share_of_wallet: s.potential.filter(|p| *p > 0.0).map(|p| s.revenue / p),
            explanation: why.explanation,
            next_tier_move: why.next_tier_move,
            at_risk_by: why.at_risk,
            weight_sensitive: why.weight_sensitive,
        });
    }
    // Revenue order, ties by id: the order of ranks.
    accounts.sort_by(|x, y| x.rank.cmp(&y.rank).then_with(|| x.id.cmp(&y.id)));

    let plan_accounts_now = plan_accounts(&primary, &places);
    let plan = planner.plan(&plan_accounts_now)?;
    let moves = level_moves(&previous_plan, &plan_accounts_now)?;
    let whitespace = match products {
        Some(p) => Some(Whitespace::new(
            &p.roll_up(&rolled)?,
            &primary,
            &WhitespaceOptions {
                tiers: config.report.whitespace_tiers.clone(),
            },
        )?),
        None => None,
    };

    let by_class = if one_to_one(&model_infos, models.primary) {
        None
    } else {
        Some(summary_table(&Summary::by_class(&primary)))
    };

    Ok(Report {
        source: source.to_owned(),
        period: (!label.is_empty()).then(|| label.to_owned()),
        previous_period: migration.as_ref().map(|m| m.from.clone()),
        input_accounts: current.len(),
        coverage: coverage
            .into_iter()
            .map(|(coverage, groups)| CoverageCount { coverage, groups })
            .collect(),
        total_revenue: primary.total_revenue(),
        primary: models.primary,
        models: model_infos,
        scorecards: ScorecardsUsed {
            strategic_fit: weights(scoring.strategic_fit()),
            relationship_strength: weights(scoring.relationship_strength()),
        },
        borderline_margin: config.report.borderline_margin,
        calibration,
        accounts,
        by_tier: summary_table(&Summary::by_tier(&primary)),
        by_class,
        concentration: ConcentrationTable {
            total_revenue: conc.total_revenue,
            accounts: conc.accounts,
            top: conc
                .top
                .iter()
                .map(|t| TopLine {
                    n: t.n,
                    revenue: t.revenue,
                    share: t.share,
                })
                .collect(),
            abc_a: conc.abc_cuts.a(),
            abc_b: conc.abc_cuts.b(),
            abc: conc
                .abc
                .iter()
                .map(|s| AbcLine {
                    class: s.segment,
                    accounts: s.accounts,
                    revenue: s.revenue,
                    share: s.share,
                })
                .collect(),
            hhi: conc.hhi,
            equivalent_accounts: conc.equivalent_accounts,
            pareto_curve: conc
                .pareto_curve
                .iter()
                .map(|p| (p.accounts, p.revenue))
                .collect(),
        },
        agreement,
        consensus: consensus_table,
        migration,
        attainment: att
            .by_tier
            .iter()
            .chain(std::iter::once(&att.total))
            .map(|g| AttainmentRow {
                tier: g.tier,
                accounts: g.accounts,
                with_target: g.with_target,
                revenue: g.revenue,
                target: g.target,
                attainment: g.attainment,
            })
            .collect(),
        opportunities: opportunities(&primary, Tier::Development)
            .into_iter()
            .take(config.report.opportunities)
            .map(|o| OpportunityRow {
                id: o.id.as_str().to_owned(),
                name: o.name.as_str().to_owned(),
                class: o.class,
                revenue: o.revenue,
                potential: o.potential,
                headroom: o.headroom,
                share_of_wallet: o.share_of_wallet,
            })
            .collect(),
        plan,
        level_moves: moves,
        weight_shift: shift.delta(),
        whitespace,
    })
}

/// A group's coverage level and the revenue of its members by country, by group id.
type Places = BTreeMap<String, (CoverageLevel, Vec<(String, f64)>)>;

/// Each group's coverage level and the revenue of its members by country.
fn group_places(rolled: &RolledUp) -> Places {
    let mut places: Vec<Vec<(String, f64)>> = vec![Vec::new(); rolled.groups().len()];
    for (a, &g) in rolled
        .source()
        .accounts()
        .iter()
        .zip(rolled.group_indexes())
    {
        if let (Some(country), Some(list)) = (&a.country, places.get_mut(g as usize)) {
            list.push((country.as_str().to_owned(), a.revenue));
        }
    }
    rolled
        .groups()
        .iter()
        .zip(places)
        .map(|(g, list)| (g.id.as_str().to_owned(), (g.coverage, list)))
        .collect()
}

/// The plan's view of every classified group: tier, coverage level, revenue by country.
fn plan_accounts(classified: &Classification, places: &Places) -> Vec<PlanAccount> {
    classified
        .accounts()
        .map(|a| {
            let id = a.account.id.as_str();
            let (level, countries) = places.get(id).map_or(
                (crate::portfolio::CoverageLevel::Territory, &[][..]),
                |(l, c)| (*l, c.as_slice()),
            );
            let mut p = PlanAccount::new(
                id,
                a.account.name.as_str(),
                a.assessment.tier,
                level,
                a.account.revenue,
            );
            for (country, revenue) in countries {
                p = p.with_country(country.clone(), *revenue);
            }
            p
        })
        .collect()
}

/// The factors rated in `portfolio` for each score, sorted by name.
fn factors_found(portfolio: &Portfolio) -> (Vec<String>, Vec<String>) {
    let mut fit = Vec::new();
    let mut strength = Vec::new();
    for column in portfolio.ratings() {
        let list = match column.field() {
            ScoreField::StrategicFit => &mut fit,
            _ => &mut strength,
        };
        if !list.iter().any(|f: &String| f == column.factor().as_str()) {
            list.push(column.factor().as_str().to_owned());
        }
    }
    fit.sort();
    strength.sort();
    (fit, strength)
}

/// The scoring of `config` for `portfolio`, with every factor of the data used and every
/// factor of the scorecards rated somewhere.
fn scoring_for(portfolio: &Portfolio, config: &AnalysisConfig) -> Result<ScoringConfig> {
    let (fit, strength) = factors_found(portfolio);
    let scoring = config.scoring_config(&fit, &strength)?;
    for (card, found) in [
        (scoring.strategic_fit(), &fit),
        (scoring.relationship_strength(), &strength),
    ] {
        let score = card.score_field();
        if let Some(f) = card.factors().iter().find(|f| !found.contains(&f.name)) {
            return Err(Error::FactorNotInData {
                score,
                factor: f.name.clone(),
                found: found.clone(),
            });
        }
        if let Some(name) = found
            .iter()
            .find(|n| !card.factors().iter().any(|f| &f.name == *n))
        {
            return Err(Error::FactorNotInScorecard {
                score,
                factor: name.clone(),
                used: card.factors().iter().map(|f| f.name.clone()).collect(),
            });
        }
    }
    Ok(scoring)
}

fn weights(card: &Scorecard) -> Vec<(String, f64)> {
    card.factors()
        .iter()
        .map(|f| (f.name.clone(), f.weight))
        .collect()
}

fn model_info(model: &AnyModel, calibrated: bool, c: &Classification) -> ModelInfo {
    ModelInfo {
        kind: model.kind(),
        name: model.name().to_owned(),
        cut_points: model.cut_points(),
        calibrated,
        tiers: Class::ALL
            .iter()
            .filter(|class| class.model() == model.kind())
            .map(|class| (*class, model.tier_of(*class)))
            .collect(),
        key_accounts: c.count(Tier::Key),
    }
}

/// Whether the model's classes that a position can give map one to one onto the tiers.
fn one_to_one(models: &[ModelInfo], kind: ModelKind) -> bool {
    let Some(info) = models.iter().find(|m| m.kind == kind) else {
        return false;
    };
    let tiers: BTreeSet<Tier> = info.tiers.iter().map(|(_, t)| *t).collect();
    // Millman and Wilson's Uncoupling is a movement, not a position: it never fills a row.
    let classes = info
        .tiers
        .iter()
        .filter(|(c, _)| *c != Class::MillmanWilson(crate::MillmanWilsonStage::UncouplingKam))
        .count();
    classes == tiers.len()
}

fn summary_line(r: &SummaryRow) -> SummaryLine {
    SummaryLine {
        label: r.label.clone(),
        tier: r.tier,
        class: r.class,
        accounts: r.accounts,
        revenue: r.revenue,
        share: r.share,
        target: r.target,
        attainment: r.attainment,
    }
}

fn summary_table(s: &Summary) -> SummaryTable {
    SummaryTable {
        rows: s.rows.iter().map(summary_line).collect(),
        total: summary_line(&s.total),
    }
}

fn migration_table(
    from: &str,
    to: &str,
    m: &Migration,
    previous: &Classification,
    current: &Classification,
) -> MigrationTable {
    let reason = |id: &str| {
        let (then, now) = (previous.get(id)?, current.get(id)?);
        migration_reason(
            previous.model(),
            &then.account.scores,
            current.model(),
            &now.account.scores,
        )
        // Both classifications are by the primary model: the models cannot differ in kind.
        .ok()
        .flatten()
    };
    let moves = |v: &[crate::portfolio::Move]| {
        let mut rows: Vec<MoveRow> = v
            .iter()
            .map(|x| MoveRow {
                reason: reason(x.id.as_str()),
                id: x.id.as_str().to_owned(),
                name: x.name.as_str().to_owned(),
                from: x.from,
                to: x.to,
                previous_revenue: x.previous_revenue,
                revenue: x.revenue,
                uncoupling: x.uncoupling,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.revenue
                .total_cmp(&a.revenue)
                .then_with(|| a.id.cmp(&b.id))
        });
        rows
    };
    let named = |ids: &[crate::portfolio::Text], c: &Classification| {
        let map: BTreeMap<&str, (&str, f64)> = c
            .accounts()
            .map(|a| {
                (
                    a.account.id.as_str(),
                    (a.account.name.as_str(), a.account.revenue),
                )
            })
            .collect();
        let mut rows: Vec<NamedAmount> = ids
            .iter()
            .map(|id| {
                let (name, revenue) = map.get(id.as_str()).copied().unwrap_or(("", 0.0));
                NamedAmount {
                    id: id.as_str().to_owned(),
                    name: name.to_owned(),
                    revenue,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            b.revenue
                .total_cmp(&a.revenue)
                .then_with(|| a.id.cmp(&b.id))
        });
        rows
    };
    MigrationTable {
        from: from.to_owned(),
        to: to.to_owned(),
        transitions: m.transitions,
        up: moves(&m.up),
        down: moves(&m.down),
        entered: named(&m.entered, current),
        left: named(&m.left, previous),
        uncoupling: m
            .uncoupling
            .iter()
            .map(|u| UncouplingRow {
                id: u.id.as_str().to_owned(),
                name: u.name.as_str().to_owned(),
                previous_stage: u.previous_stage,
                development_before: u.development_before,
                development_now: u.development_now,
            })
            .collect(),
    }
}

/// Checks that `path` is a readable file, so that a wrong path fails before any work.
///
/// # Errors
///
/// [`Error::CsvOpen`] naming the path when it does not exist, is a folder or cannot be
/// opened.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::check_data_path;
///
/// assert!(check_data_path(concat!(env!("CARGO_MANIFEST_DIR"), "/data/portfolio.csv")).is_ok());
/// let err = check_data_path(env!("CARGO_MANIFEST_DIR")).unwrap_err();
/// assert!(err.chain().contains("folder"));
/// ```
pub fn check_data_path(path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let open = |e: std::io::Error| Error::CsvOpen {
        path: path.display().to_string(),
        source: e.into(),
    };
    if path.is_dir() {
        return Err(open(std::io::Error::other("it is a folder, not a file")));
    }
    std::fs::File::open(path).map_err(open)?;
    Ok(())
}
