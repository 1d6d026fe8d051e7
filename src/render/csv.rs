//! The per-account CSV: one row per key-account candidate.

use std::collections::HashMap;
use std::io::Write;

use crate::analysis::{AccountRow, OutputOptions, Report};
use crate::any::ModelKind;
use crate::error::{Error, Result};
use crate::tier::Tier;

/// The column name prefix of a model's columns.
fn model_key(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::Webster => "webster",
        ModelKind::MillmanWilson => "millman_wilson",
        ModelKind::Bensaou => "bensaou",
        ModelKind::FourS => "four_s",
    }
}

/// Writes one row per key-account candidate of `report`, with a header row.
///
/// Columns: `id`, `name`, `members`, `coverage_level` (global, national, divisional,
/// district or territory), `revenue`, `previous_revenue`, `share`,
/// `rank`, `abc`, `potential`, `target`, `revenue_share_score`, `strategic_fit`,
/// `relationship_strength`; for each model run `<model>_class`, `<model>_tier`,
/// `<model>_margin` (`<model>` is `webster`, `millman_wilson`, `bensaou` or `four_s`); then
/// `tier` (the primary model's), `consensus_tier`, `agreeing`, `borderline`,
/// `previous_tier`, `movement`, `uncoupling`, `attainment`, `headroom`, `share_of_wallet`;
/// then why: `explanation` (the primary class and each decision axis against its thresholds),
/// `next_tier_move` (the smallest rise of one score that lifts it a tier, e.g.
/// `relationship strength +0.09 -> Key`), `at_risk_by` (the smallest fall of one score that
/// drops it a tier), `weight_sensitive` (its class changes when the weights move by
/// `report.weight_shift`), `move_reason` (for an account that changed tier: its own scores
/// against moved thresholds); and, with product data, `whitespace` (potential - revenue over
/// its product lines) and `whitespace:<product>` for each line.
///
/// Numbers are plain numbers (shares and scores as fractions, amounts unrounded; with
/// `output.decimal_comma`, `1234,5`); an unknown value is an empty cell; tiers and classes
/// are their names; flags are `yes` / `no`. The delimiter is `output.csv_delimiter`.
///
/// # Errors
///
/// [`Error::Output`] when writing fails or the delimiter is not an ASCII character.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig, OutputOptions};
/// use keyaccount::portfolio::read_csv;
///
/// let data = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("example", &read_csv(data.as_bytes())?, &AnalysisConfig::default())?;
/// let mut out = Vec::new();
/// keyaccount::render::csv(&report, &mut out, &OutputOptions::default())?;
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.lines().count(), 3); // header and two accounts
/// assert!(text.lines().nth(1).unwrap().starts_with("A,Alpha,1,territory,900,"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn csv<W: Write>(report: &Report, writer: W, output: &OutputOptions) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| Error::Output {
        path: "accounts.csv".to_owned(),
        message: e.to_string(),
    };
    let delimiter = u8::try_from(u32::from(output.csv_delimiter))
        .ok()
        .filter(u8::is_ascii)
        .ok_or_else(|| err(&"the csv delimiter is not an ASCII character"))?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(writer);

    let mut header: Vec<String> = [
        "id",
        "name",
        "members",
        "coverage_level",
        "revenue",
        "previous_revenue",
        "share",
        "rank",
        "abc",
        "potential",
        "target",
        "revenue_share_score",
        "strategic_fit",
        "relationship_strength",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for m in &report.models {
        let k = model_key(m.kind);
        header.extend([
            format!("{k}_class"),
            format!("{k}_tier"),
            format!("{k}_margin"),
        ]);
    }
    header.extend(
        [
            "tier",
            "consensus_tier",
            "agreeing",
            "borderline",
            "previous_tier",
            "movement",
            "uncoupling",
            "attainment",
            "headroom",
            "share_of_wallet",
            "explanation",
            "next_tier_move",
            "at_risk_by",
            "weight_sensitive",
            "move_reason",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    let whitespace = report.whitespace.as_ref();
    let grids: HashMap<&str, &crate::portfolio::AccountWhitespace> = whitespace
        .iter()
        .flat_map(|w| &w.accounts)
        .map(|a| (a.id.as_str(), a))
        .collect();
    if let Some(ws) = whitespace {
        header.push("whitespace".to_owned());
        header.extend(ws.products.iter().map(|p| format!("whitespace:{p}")));
    }
    w.write_record(&header).map_err(|e| err(&e))?;
    let reasons: HashMap<&str, String> = report
        .migration
        .iter()
        .flat_map(|m| m.up.iter().chain(&m.down))
        .filter_map(|m| Some((m.id.as_str(), m.reason.as_ref()?.to_string())))
        .collect();

    let num = |x: f64| {
        let s = x.to_string();
        if output.decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    };
    let opt = |x: Option<f64>| x.map_or_else(String::new, num);
    let flag = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let tier = |t: Tier| t.label().to_owned();
    for a in &report.accounts {
        let mut row = vec![
            a.id.clone(),
            a.name.clone(),
            a.members.to_string(),
            a.coverage.to_string(),
            num(a.revenue),
            opt(a.previous_revenue),
            num(a.share),
            a.rank.to_string(),
            a.abc.to_string(),
            opt(a.potential),
            opt(a.target),
            num(a.revenue_share_score),
            num(a.strategic_fit),
            num(a.relationship_strength),
        ];
        for m in &report.models {
            match result_of(a, m.kind) {
                Some(r) => row.extend([r.class.to_string(), tier(r.tier), num(r.margin)]),
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        row.extend([
            tier(a.tier),
            tier(a.consensus),
            a.agreeing.to_string(),
            flag(a.borderline),
            a.previous_tier.map_or_else(String::new, tier),
            a.movement.map_or_else(String::new, |m| m.to_string()),
            flag(a.uncoupling),
            opt(a.attainment),
            opt(a.headroom),
            opt(a.share_of_wallet),
            a.explanation.clone(),
            a.next_tier_move.map_or_else(String::new, |m| m.to_string()),
            a.at_risk_by.map_or_else(String::new, |m| m.to_string()),
            flag(a.weight_sensitive),
            reasons.get(a.id.as_str()).cloned().unwrap_or_default(),
        ]);
        if let Some(ws) = whitespace {
            match grids.get(a.id.as_str()) {
                Some(g) => {
                    row.push(num(g.whitespace));
                    row.extend(g.cells.iter().map(|c| opt(c.map(|c| c.whitespace))));
                }
                None => row.extend(std::iter::repeat(String::new()).take(ws.products.len() + 1)),
            }
        }
        w.write_record(&row).map_err(|e| err(&e))?;
    }
    w.flush().map_err(|e| err(&e))?;
    Ok(())
}

fn result_of(a: &AccountRow, kind: ModelKind) -> Option<&crate::analysis::ModelResult> {
    a.models.iter().find(|m| m.model == kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{run_periods, AnalysisConfig};
    use crate::portfolio::read_csv;

    fn report() -> Report {
        let data = "id,name,revenue,potential,fit:growth,strength:trust\n\
                    A,\"Alpha; Beta\",900.5,1000,9,9\nB,Beta,100,,3,3\n";
        run_periods(
            "t",
            &read_csv(data.as_bytes()).unwrap(),
            &AnalysisConfig::default(),
        )
        .unwrap()
    }

    #[test]
    fn reads_back_with_one_row_per_account_and_numbers_as_numbers() {
        let r = report();
        let mut out = Vec::new();
        csv(&r, &mut out, &OutputOptions::default()).unwrap();
        let mut rd = ::csv::Reader::from_reader(out.as_slice());
        let header = rd.headers().unwrap().clone();
        assert!(header.iter().any(|h| h == "four_s_tier"));
        let rows: Vec<::csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), r.accounts.len());
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[0][col("name")], "Alpha; Beta");
        assert_eq!(rows[0][col("revenue")].parse::<f64>().unwrap(), 900.5);
        assert_eq!(rows[0][col("headroom")].parse::<f64>().unwrap(), 99.5);
        assert_eq!(&rows[1][col("headroom")], "");
        assert_eq!(&rows[0][col("tier")], r.accounts[0].tier.label());
    }

    #[test]
    fn semicolons_and_decimal_commas_for_european_spreadsheets() {
        let r = report();
        let mut out = Vec::new();
        let o = OutputOptions {
            csv_delimiter: ';',
            decimal_comma: true,
            ..OutputOptions::default()
        };
        csv(&r, &mut out, &o).unwrap();
        let text = String::from_utf8(out).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert!(
            line.starts_with("A;\"Alpha; Beta\";1;territory;900,5;"),
            "{line}"
        );
    }
}
