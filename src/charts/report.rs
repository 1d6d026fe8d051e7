//! The charts of a [`Report`]: each chart's input filled from the report's tables and rows.

use super::{
    matrix_point, AbcBand, AgreementChart, Bubble, Flow, MatrixChart, MigrationChart, ParetoChart,
    TierBar, TierBars,
};
use crate::analysis::{Movement, Report};
use crate::any::ModelKind;
use crate::error::Result;
use crate::tier::Tier;

/// "Period 2025 · 4S calibrated ..." or "data.csv", for subtitles.
fn period_words(report: &Report) -> String {
    match &report.period {
        Some(p) => format!("Period {p}"),
        None => report.source.clone(),
    }
}

fn tier_index(t: Tier) -> usize {
    Tier::ALL.iter().position(|x| *x == t).unwrap_or(3)
}

/// The matrix of one model run in the report, with its thresholds in force and one bubble per
/// account; `None` for Webster (one axis) or a model the report did not run.
///
/// Borderline accounts are those whose margin in this model is below the report's
/// `borderline_margin` (for the primary model exactly the report's borderline list).
///
/// # Errors
///
/// Never in practice; the error of [`MatrixChart::from_parts`] is passed on.
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
/// let (chart, bubbles) = keyaccount::charts::matrix_of(&report, ModelKind::FourS)?.unwrap();
/// assert_eq!(bubbles.len(), 2);
/// assert!(chart.svg(&bubbles)?.contains("Alpha"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn matrix_of(report: &Report, kind: ModelKind) -> Result<Option<(MatrixChart, Vec<Bubble>)>> {
    let Some(info) = report.models.iter().find(|m| m.kind == kind) else {
        return Ok(None);
    };
    if kind == ModelKind::Webster {
        return Ok(None);
    }
    let mut chart = MatrixChart::from_parts(kind, &info.cut_points, &info.tiers)?;
    let mut context = period_words(report);
    if let (true, Some(cal)) = (info.calibrated, &report.calibration) {
        context.push_str(&format!(
            " · calibrated to {}-{} Key accounts (default thresholds gave {})",
            cal.min, cal.max, cal.original_key_count
        ));
    } else {
        context.push_str(" · thresholds as configured");
    }
    if kind != report.primary {
        context.push_str(&format!(
            " · colours: this model's tiers ({} is the report's model)",
            report.primary.label()
        ));
    }
    chart = chart.context(context);
    let bubbles = report
        .accounts
        .iter()
        .filter_map(|a| {
            let r = a.models.iter().find(|m| m.model == kind)?;
            let (x, y) = matrix_point(&r.position)?;
            let b = Bubble::new(a.id.clone(), a.name.clone(), x, y, a.revenue, r.tier);
            Some(if r.margin < report.borderline_margin {
                b.borderline()
            } else {
                b
            })
        })
        .collect();
    Ok(Some((chart, bubbles)))
}

/// The report's concentration as a Pareto chart.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// let chart = keyaccount::charts::pareto_of(&report);
/// assert_eq!(chart.curve.len(), 3);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[must_use]
pub fn pareto_of(report: &Report) -> ParetoChart {
    let c = &report.concentration;
    ParetoChart {
        context: format!(
            "{} · revenue {}",
            period_words(report),
            super::draw::money(c.total_revenue)
        ),
        curve: c.pareto_curve.clone(),
        classes: c
            .abc
            .iter()
            .map(|l| AbcBand::new(l.class.to_string(), l.accounts, l.share))
            .collect(),
        hhi: c.hhi,
    }
}

/// The report's accounts and revenue per tier of its model, as bars.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// assert_eq!(keyaccount::charts::tier_bars_of(&report).tiers.len(), 4);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[must_use]
pub fn tier_bars_of(report: &Report) -> TierBars {
    let tiers = Tier::ALL
        .iter()
        .map(|&tier| {
            let line = report.by_tier.rows.iter().find(|l| l.tier == Some(tier));
            TierBar {
                tier,
                accounts: line.map_or(0, |l| l.accounts),
                revenue: line.map_or(0.0, |l| l.revenue),
            }
        })
        .collect();
    TierBars {
        context: format!(
            "{} · tiers of the {}",
            period_words(report),
            report.primary.label()
        ),
        tiers,
    }
}

/// The report's migration as a tier x tier heatmap, or `None` without a previous period.
/// Counts are the report's transition table; revenue is summed from the account rows (this
/// period's revenue); new accounts by their tier; accounts that left (whose tier the report
/// does not keep) in the subtitle.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\n";
/// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// assert!(keyaccount::charts::migration_of(&report).is_none()); // one period
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[must_use]
pub fn migration_of(report: &Report) -> Option<MigrationChart> {
    let m = report.migration.as_ref()?;
    let mut chart = MigrationChart::new(m.from.clone(), m.to.clone());
    for (i, row) in m.transitions.iter().enumerate() {
        for (j, &n) in row.iter().enumerate() {
            chart.flows[i][j].accounts = n;
        }
    }
    for a in &report.accounts {
        let j = tier_index(a.tier);
        match (a.previous_tier, a.movement) {
            (_, Some(Movement::New)) | (None, _) => {
                chart.entered[j].accounts += 1;
                chart.entered[j].revenue += a.revenue;
            }
            (Some(p), _) => chart.flows[tier_index(p)][j].revenue += a.revenue,
        }
    }
    chart.left_untiered = Flow {
        accounts: m.left.len(),
        revenue: m.left.iter().map(|l| l.revenue).sum(),
    };
    chart.context = format!("Tiers of the {}", report.primary.label());
    Some(chart)
}

/// Cohen's kappa for each pair of the models the report ran, from the tiers each model gave
/// each account (the same arithmetic as [`Comparison`](crate::portfolio::Comparison)).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("x", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// let chart = keyaccount::charts::agreement_of(&report);
/// assert_eq!(chart.kappa.len(), report.models.len());
/// assert_eq!(chart.kappa[0][0], 1.0);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[must_use]
pub fn agreement_of(report: &Report) -> AgreementChart {
    let n = report.models.len();
    let mut kappa = vec![vec![1.0; n]; n];
    let mut agreement = vec![vec![1.0; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let mut table = [[0usize; 4]; 4];
            for a in &report.accounts {
                if let (Some(x), Some(y)) = (a.models.get(i), a.models.get(j)) {
                    table[tier_index(x.tier)][tier_index(y.tier)] += 1;
                }
            }
            let (k, p) = cohen(&table);
            kappa[i][j] = k;
            agreement[i][j] = p;
        }
    }
    AgreementChart {
        context: format!(
            "{} · tiers of {} accounts",
            period_words(report),
            report.accounts.len()
        ),
        models: report
            .models
            .iter()
            .map(|m| m.kind.label().to_owned())
            .collect(),
        kappa,
        agreement: Some(agreement),
    }
}

/// Cohen's kappa and the observed agreement of a 4 x 4 cross-table.
fn cohen(table: &[[usize; 4]; 4]) -> (f64, f64) {
    let (kappa, observed, _) = crate::portfolio::compare::cohen_kappa(table);
    (kappa, observed)
}

#[cfg(test)]
mod tests {
    use super::cohen;

    #[test]
    fn kappa_of_known_tables() {
        // Perfect agreement.
        assert_eq!(
            cohen(&[[5, 0, 0, 0], [0, 5, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]),
            (1.0, 1.0)
        );
        // Fleiss' textbook 2 x 2 case: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no: kappa 0.4.
        let (k, p) = cohen(&[[20, 5, 0, 0], [10, 15, 0, 0], [0; 4], [0; 4]]);
        assert!((k - 0.4).abs() < 1e-12);
        assert!((p - 0.7).abs() < 1e-12);
    }
}
