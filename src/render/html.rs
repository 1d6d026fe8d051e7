//! The report as one self-contained HTML page: inline CSS and SVG, no script, no font, nothing
//! loaded from elsewhere; prints on A4 and reads on a laptop screen.

use std::fmt::Write as _;

use crate::analysis::{AccountRow, Movement, Report};
use crate::any::ModelKind;
use crate::charts;
use crate::error::Result;
use crate::portfolio::CoverageLevel;
use crate::tier::Tier;

use super::amount;

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn opt_pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), pct)
}

fn tier_class(t: Tier) -> &'static str {
    match t {
        Tier::Key => "t-key",
        Tier::Development => "t-dev",
        Tier::Maintenance => "t-main",
        Tier::Transactional => "t-trans",
    }
}

const CSS: &str = r#"
:root { --ink:#212529; --muted:#5a6268; --rule:#dee2e6; --key:#c02834; --dev:#e67e14; --main:#2471b5; --trans:#78828a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; }
header.cover { border-bottom: 3px solid var(--key); padding-bottom: 14px; margin-bottom: 22px; }
h1 { font-size: 30px; margin: 0 0 6px; }
h2 { font-size: 22px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 17px; margin: 20px 0 8px; }
p { margin: 6px 0 10px; }
.sub { color: var(--muted); margin: 2px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 16px 0 8px; }
.card { border: 1px solid var(--rule); border-left: 5px solid var(--main); border-radius: 6px; padding: 10px 14px; }
.card.key { border-left-color: var(--key); }
.card .n { font-size: 26px; font-weight: 700; }
.card .l { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: #f1f3f5; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
.tier { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12.5px; font-weight: 600; color: #fff; white-space: nowrap; }
.t-key { background: var(--key); } .t-dev { background: var(--dev); } .t-main { background: var(--main); } .t-trans { background: var(--trans); }
td.why { font-size: 12.5px; color: var(--muted); width: 40%; }
.up { color: #1e8449; font-weight: 600; } .down { color: var(--key); font-weight: 600; }
figure { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.note { color: var(--muted); font-size: 13px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
ul.names { columns: 2; padding-left: 18px; margin: 6px 0 12px; }
@media (max-width: 800px) { .two { grid-template-columns: 1fr; } ul.names { columns: 1; } main { padding: 16px; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.page { break-before: page; page-break-before: always; }
  h2 { margin-top: 0; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .tier { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure svg { border: none; }
  .cards { grid-template-columns: repeat(4, 1fr); }
}
"#;

/// The report as a self-contained HTML page: the summary, tier table and bars, the matrices of
/// the models run (4S, Bensaou, Millman and Wilson), the named Key, borderline and mover lists
/// with each account's explanation, concentration, migration, model agreement, target
/// attainment and opportunities, and how the analysis was set up.
///
/// Everything is inline (CSS and SVG); there is no script and nothing is loaded from
/// elsewhere, so the file can be mailed or archived as it is. Text from the data is escaped.
/// Each major section starts a new page when printed on A4.
///
/// # Errors
///
/// [`Error::InvalidChartValue`](crate::Error::InvalidChartValue) or
/// [`Error::ChartDrawing`](crate::Error::ChartDrawing) if a chart cannot be drawn (a report made
/// by [`run`](crate::analysis::run) always can).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let csv = "id,name,revenue,fit:growth,strength:trust\nA,Smith & <Sons>,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("example", &read_csv(csv.as_bytes())?, &AnalysisConfig::default())?;
/// let page = keyaccount::render::html(&report)?;
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("Smith &amp; &lt;Sons&gt;"));
/// assert!(!page.contains("<script"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn html(report: &Report) -> Result<String> {
    let mut h = String::with_capacity(256 * 1024);
    let title = match &report.period {
        Some(p) => format!("Key-account portfolio {p}"),
        None => "Key-account portfolio".to_owned(),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    cover(&mut h, report, &title);
    tiers(&mut h, report)?;
    matrices(&mut h, report)?;
    named_lists(&mut h, report);
    movement(&mut h, report)?;
    concentration(&mut h, report)?;
    agreement(&mut h, report)?;
    targets(&mut h, report);
    whitespace(&mut h, report);
    plan(&mut h, report);
    method(&mut h, report);
    h.push_str("</main>\n</body>\n</html>\n");
    Ok(h)
}

/// A chart with its caption; `id` names the figure for links and for scripts that pick the
/// pictures out of the page (scripts/readme_pictures.sh).
fn figure(h: &mut String, id: &str, svg: &str, caption: &str) {
    // The CSS scales the SVG to the column.
    let _ = writeln!(
        h,
        "<figure id=\"{id}\">{}<figcaption>{}</figcaption></figure>",
        svg.trim(),
        esc(caption)
    );
}

fn tier_badge(t: Tier) -> String {
    format!("<span class=\"tier {}\">{}</span>", tier_class(t), t)
}

fn cover(h: &mut String, r: &Report, title: &str) {
    let keys: Vec<&AccountRow> = r.key_accounts().collect();
    let key_revenue: f64 = keys.iter().map(|a| a.revenue).sum();
    let share = if r.total_revenue > 0.0 {
        key_revenue / r.total_revenue
    } else {
        0.0
    };
    let _ = write!(h, "<header class=\"cover\"><h1>{}</h1>", esc(title));
    let _ = write!(
        h,
        "<p class=\"sub\">{} key-account candidates ({} rows rolled up to groups) · revenue {} · tiers of the {}{}</p>",
        r.accounts.len(),
        r.input_accounts,
        esc(&amount(r.total_revenue)),
        esc(r.primary.label()),
        r.calibration.as_ref().map_or(String::new(), |c| format!(
            ", calibrated to {}-{} Key accounts",
            c.min, c.max
        ))
    );
    let _ = writeln!(h, "<p class=\"sub\">Data: {}</p></header>", esc(&r.source));

    let top5 = r.concentration.top.iter().find(|t| t.n == 5);
    let (up, down) = r
        .migration
        .as_ref()
        .map_or((0, 0), |m| (m.up.len(), m.down.len()));
    h.push_str("<div class=\"cards\">");
    let _ = write!(
        h,
        "<div class=\"card key\"><div class=\"n\">{}</div><div class=\"l\">Key accounts, {} of revenue</div></div>",
        keys.len(),
        pct(share)
    );
    if let Some(t) = top5 {
        let _ = write!(
            h,
            "<div class=\"card\"><div class=\"n\">{}</div><div class=\"l\">of revenue from the 5 largest accounts</div></div>",
            pct(t.share)
        );
    }
    let _ = write!(
        h,
        "<div class=\"card\"><div class=\"n\">{:.3}</div><div class=\"l\">Herfindahl-Hirschman index ({:.1} equivalent accounts)</div></div>",
        r.concentration.hhi, r.concentration.equivalent_accounts
    );
    if r.migration.is_some() {
        let _ = write!(
            h,
            "<div class=\"card\"><div class=\"n\">{up} ↑ {down} ↓</div><div class=\"l\">accounts up and down a tier since {}</div></div>",
            esc(r.previous_period.as_deref().unwrap_or("the previous period"))
        );
    }
    h.push_str("</div>\n");
}

fn tiers(h: &mut String, r: &Report) -> Result<()> {
    h.push_str("<section><h2>Tiers</h2>");
    let classes = r
        .primary_model()
        .map(|m| m.tiers.clone())
        .unwrap_or_default();
    h.push_str("<table><thead><tr><th>Tier</th><th>Strategy</th><th>Class</th><th class=\"num\">Accounts</th><th class=\"num\">Revenue</th><th class=\"num\">Share</th><th class=\"num\">Target attainment</th></tr></thead><tbody>");
    for line in &r.by_tier.rows {
        let Some(t) = line.tier else { continue };
        let names: Vec<String> = classes
            .iter()
            .filter(|(_, tier)| *tier == t)
            .map(|(c, _)| c.to_string())
            .collect();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            tier_badge(t),
            esc(t.strategy()),
            esc(&names.join(", ")),
            line.accounts,
            esc(&amount(line.revenue)),
            pct(line.share),
            opt_pct(line.attainment)
        );
    }
    let t = &r.by_tier.total;
    let _ = write!(
        h,
        "<tr class=\"total\"><td>Total</td><td></td><td></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tbody></table>",
        t.accounts,
        esc(&amount(t.revenue)),
        pct(t.share),
        opt_pct(t.attainment)
    );
    figure(
        h,
        "chart-tiers",
        &charts::tier_bars_of(r).svg()?,
        "Accounts and revenue by tier.",
    );
    h.push_str("</section>\n");
    Ok(())
}

fn matrices(h: &mut String, r: &Report) -> Result<()> {
    // The report's own model first, then the others run.
    let mut kinds: Vec<ModelKind> = vec![r.primary];
    kinds.extend(r.models.iter().map(|m| m.kind).filter(|k| *k != r.primary));
    let mut first = true;
    for kind in kinds {
        let Some((chart, bubbles)) = charts::matrix_of(r, kind)? else {
            continue;
        };
        let _ = write!(h, "<section class=\"page\"><h2>{}</h2>", esc(&chart.title));
        if first {
            h.push_str("<p>Each bubble is an account, its area proportional to revenue and its colour its tier. Key accounts are named; borderline accounts (close to a threshold, where a small change in scores would change the class) are named where space allows and listed below.</p>");
        }
        let id = match kind {
            ModelKind::FourS => "chart-four-s",
            ModelKind::Bensaou => "chart-bensaou",
            ModelKind::MillmanWilson => "chart-millman-wilson",
            ModelKind::Webster => "chart-webster",
        };
        figure(
            h,
            id,
            &chart.svg(&bubbles)?,
            &format!(
                "{} accounts. Thresholds as used for the tiers.",
                bubbles.len()
            ),
        );
        h.push_str("</section>\n");
        first = false;
    }
    Ok(())
}

fn account_table(h: &mut String, r: &Report, rows: &[&AccountRow], with_margin: bool) {
    h.push_str("<table class=\"accounts\"><thead><tr><th>Account</th><th>Tier and class</th><th class=\"num\">Revenue</th><th>Why, and what would move it</th><th>Since last period</th></tr></thead><tbody>");
    for a in rows {
        let p = r.primary_result(a);
        let moved = match (a.movement, a.previous_tier) {
            (Some(Movement::Up), Some(t)) => format!("<span class=\"up\">up from {t}</span>"),
            (Some(Movement::Down), Some(t)) => format!("<span class=\"down\">down from {t}</span>"),
            (Some(Movement::New), _) => "new".to_owned(),
            (Some(Movement::Same), _) => "same tier".to_owned(),
            _ => "–".to_owned(),
        };
        let moved = if a.uncoupling {
            format!("{moved} · <span class=\"down\">Uncoupling</span>")
        } else {
            moved
        };
        let sites = if a.members > 1 {
            format!(", {} sites", a.members)
        } else {
            String::new()
        };
        let mut reason = esc(&a.explanation);
        if let Some(m) = &a.next_tier_move {
            let _ = write!(
                reason,
                "<br><span class=\"up\">up: {}</span>",
                esc(&m.to_string())
            );
        }
        if let Some(m) = &a.at_risk_by {
            let _ = write!(
                reason,
                "<br><span class=\"down\">at risk: {}</span>",
                esc(&m.to_string())
            );
        }
        if a.weight_sensitive {
            reason.push_str("<br><span class=\"note\">weight-sensitive: the class changes within the weights' tolerance</span>");
        }
        if with_margin {
            if let Some(p) = p {
                let _ = write!(
                    reason,
                    "<br><span class=\"note\">{:.3} from a boundary</span>",
                    p.margin
                );
            }
        }
        let _ = write!(
            h,
            "<tr><td><strong>{}</strong><br><span class=\"note\">{}{sites}</span></td><td>{} {}</td><td class=\"num\">{}<br><span class=\"note\">{}</span></td><td class=\"why\">{}</td><td>{moved}</td></tr>",
            esc(&a.name),
            a.coverage,
            tier_badge(a.tier),
            esc(&p.map_or(String::new(), |p| p.class.to_string())),
            esc(&amount(a.revenue)),
            pct(a.share),
            reason
        );
    }
    h.push_str("</tbody></table>");
}

fn named_lists(h: &mut String, r: &Report) {
    let keys: Vec<&AccountRow> = r.key_accounts().collect();
    let _ = write!(
        h,
        "<section class=\"page\"><h2>Key accounts ({})</h2><p>Dedicated team and joint plans: {}.</p>",
        keys.len(),
        esc(Tier::Key.strategy())
    );
    account_table(h, r, &keys, false);
    let border: Vec<&AccountRow> = r.borderline().collect();
    let _ = write!(
        h,
        "<h3>Borderline accounts ({})</h3><p class=\"note\">Within {} of a class boundary on the {}'s axes: a small change in a rating would change their class. Review these by hand.</p>",
        border.len(),
        r.borderline_margin,
        esc(r.primary.label())
    );
    if border.is_empty() {
        h.push_str("<p>None.</p>");
    } else {
        account_table(h, r, &border, true);
    }
    h.push_str("</section>\n");
}

fn movement(h: &mut String, r: &Report) -> Result<()> {
    let Some(m) = &r.migration else {
        return Ok(());
    };
    let _ = write!(
        h,
        "<section class=\"page\"><h2>Movers {} → {}</h2>",
        esc(&m.from),
        esc(&m.to)
    );
    if let Some(chart) = charts::migration_of(r) {
        figure(
            h,
            "chart-migration",
            &chart.svg()?,
            "Rows: tier before; columns: tier now. Each cell: accounts and their revenue now.",
        );
    }
    let moves = |h: &mut String, title: &str, rows: &[crate::analysis::MoveRow]| {
        let _ = write!(h, "<h3>{} ({})</h3>", esc(title), rows.len());
        if rows.is_empty() {
            h.push_str("<p>None.</p>");
            return;
        }
        h.push_str("<table><thead><tr><th>Account</th><th>From</th><th>To</th><th class=\"num\">Revenue before</th><th class=\"num\">Revenue now</th><th>Why it moved</th></tr></thead><tbody>");
        for row in rows {
            let mut why = row
                .reason
                .as_ref()
                .map_or_else(String::new, |m| esc(&m.to_string()));
            if row.uncoupling {
                why.push_str(" <span class=\"down\">Uncoupling-KAM</span>");
            }
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"why\">{why}</td></tr>",
                esc(&row.name),
                tier_badge(row.from),
                tier_badge(row.to),
                esc(&amount(row.previous_revenue)),
                esc(&amount(row.revenue)),
            );
        }
        h.push_str("</tbody></table>");
    };
    moves(h, "Moved up", &m.up);
    moves(h, "Moved down", &m.down);
    if !m.uncoupling.is_empty() {
        let _ = write!(h, "<h3>Uncoupling ({})</h3><p class=\"note\">Millman and Wilson: the relationship fell from a higher stage.</p><table><thead><tr><th>Account</th><th>Stage before</th><th class=\"num\">Development before</th><th class=\"num\">Development now</th></tr></thead><tbody>", m.uncoupling.len());
        for u in &m.uncoupling {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.2}</td><td class=\"num\">{:.2}</td></tr>",
                esc(&u.name),
                esc(&u.previous_stage.to_string()),
                u.development_before,
                u.development_now
            );
        }
        h.push_str("</tbody></table>");
    }
    let names = |h: &mut String, title: &str, rows: &[crate::analysis::NamedAmount]| {
        let _ = write!(h, "<h3>{} ({})</h3>", esc(title), rows.len());
        if rows.is_empty() {
            h.push_str("<p>None.</p>");
            return;
        }
        h.push_str("<ul class=\"names\">");
        for n in rows {
            let _ = write!(h, "<li>{} ({})</li>", esc(&n.name), esc(&amount(n.revenue)));
        }
        h.push_str("</ul>");
    };
    h.push_str("<div class=\"two\"><div>");
    names(h, "New accounts", &m.entered);
    h.push_str("</div><div>");
    names(h, "Accounts that left", &m.left);
    h.push_str("</div></div></section>\n");
    Ok(())
}

fn concentration(h: &mut String, r: &Report) -> Result<()> {
    let c = &r.concentration;
    h.push_str("<section class=\"page\"><h2>Revenue concentration</h2>");
    figure(
        h,
        "chart-concentration",
        &charts::pareto_of(r).svg()?,
        "Cumulative share of revenue against share of accounts, largest first.",
    );
    h.push_str("<div class=\"two\"><div><h3>Largest accounts</h3><table><thead><tr><th>Top</th><th class=\"num\">Revenue</th><th class=\"num\">Share</th></tr></thead><tbody>");
    for t in &c.top {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            t.n,
            esc(&amount(t.revenue)),
            pct(t.share)
        );
    }
    h.push_str("</tbody></table></div><div><h3>ABC classes</h3><table><thead><tr><th>Class</th><th class=\"num\">Accounts</th><th class=\"num\">Revenue</th><th class=\"num\">Share</th></tr></thead><tbody>");
    for l in &c.abc {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            l.class,
            l.accounts,
            esc(&amount(l.revenue)),
            pct(l.share)
        );
    }
    let _ = writeln!(
        h,
        "</tbody></table><p class=\"note\">A: the largest accounts up to {} of revenue; B: up to {}; C: the rest.</p></div></div></section>",
        pct(c.abc_a),
        pct(c.abc_b)
    );
    Ok(())
}

fn agreement(h: &mut String, r: &Report) -> Result<()> {
    if r.models.len() < 2 {
        return Ok(());
    }
    h.push_str("<section class=\"page\"><h2>Do the models agree?</h2><p>Each model places the accounts on its own axes; all map onto the same four tiers. Where they agree, the tiering does not hinge on the choice of model.</p>");
    figure(
        h,
        "chart-agreement",
        &charts::agreement_of(r).svg()?,
        "Cohen's kappa of the tiers for each pair of models.",
    );
    let _ = write!(
        h,
        "<table><thead><tr><th>Model</th><th class=\"num\">Same tier as the {}</th><th class=\"num\">Kappa</th><th class=\"num\">Key accounts</th></tr></thead><tbody>",
        esc(r.primary.label())
    );
    for a in &r.agreement {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.3}</td><td class=\"num\">{}</td></tr>",
            esc(a.model.label()),
            pct(a.agreement),
            a.kappa,
            a.key_accounts
        );
    }
    h.push_str("</tbody></table><h3>Consensus of the models</h3><table><thead><tr><th>Tier</th><th class=\"num\">Accounts</th><th class=\"num\">Revenue</th></tr></thead><tbody>");
    for t in &r.consensus.tiers {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            tier_badge(t.tier),
            t.accounts,
            esc(&amount(t.revenue))
        );
    }
    h.push_str("</tbody></table></section>\n");
    Ok(())
}

fn targets(h: &mut String, r: &Report) {
    h.push_str("<section class=\"page\"><h2>Targets and opportunities</h2><h3>Target attainment</h3><table><thead><tr><th>Tier</th><th class=\"num\">Accounts with a target</th><th class=\"num\">Revenue</th><th class=\"num\">Target</th><th class=\"num\">Attainment</th></tr></thead><tbody>");
    for a in &r.attainment {
        let total = a.tier.is_none();
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            if total { " class=\"total\"" } else { "" },
            a.tier.map_or("Total".to_owned(), tier_badge),
            a.with_target,
            a.accounts,
            esc(&amount(a.revenue)),
            esc(&amount(a.target)),
            opt_pct(a.attainment)
        );
    }
    h.push_str("</tbody></table><h3>Development opportunities</h3>");
    if r.opportunities.is_empty() {
        h.push_str("<p>No Development-tier account has a known potential.</p>");
    } else {
        h.push_str("<table><thead><tr><th>Account</th><th>Class</th><th class=\"num\">Revenue</th><th class=\"num\">Potential</th><th class=\"num\">Headroom</th><th class=\"num\">Share of wallet</th></tr></thead><tbody>");
        for o in &r.opportunities {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&o.name),
                esc(&o.class.to_string()),
                esc(&amount(o.revenue)),
                esc(&amount(o.potential)),
                esc(&amount(o.headroom)),
                pct(o.share_of_wallet)
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section>\n");
}

/// Whitespace by product line, when the analysis had product data.
fn whitespace(h: &mut String, r: &Report) {
    let Some(w) = &r.whitespace else {
        return;
    };
    h.push_str("<section class=\"page\"><h2>Whitespace by product line</h2><p class=\"note\">Whitespace = potential - revenue in each product line.</p><table><thead><tr><th>Product line</th><th class=\"num\">Accounts</th><th class=\"num\">Revenue</th><th class=\"num\">Potential</th><th class=\"num\">Whitespace</th></tr></thead><tbody>");
    for t in &w.totals {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&t.product),
            t.accounts,
            esc(&amount(t.revenue)),
            esc(&amount(t.potential)),
            esc(&amount(t.whitespace))
        );
    }
    h.push_str("</tbody></table><h3>Largest openings in the tiers worth investing in</h3><table><thead><tr><th>Tier</th><th>Account</th><th>Product line</th><th class=\"num\">Revenue</th><th class=\"num\">Potential</th><th class=\"num\">Whitespace</th></tr></thead><tbody>");
    for o in w.opportunities.iter().filter(|o| o.rank <= 10) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            tier_badge(o.tier),
            esc(&o.name),
            esc(&o.product),
            esc(&amount(o.revenue)),
            esc(&amount(o.potential)),
            esc(&amount(o.whitespace))
        );
    }
    h.push_str("</tbody></table></section>\n");
}

/// Who manages which account: managers per coverage level, the tier x level grid, matrix
/// managers by country and the accounts whose level moved.
fn plan(h: &mut String, r: &Report) {
    let p = &r.plan;
    h.push_str("<section class=\"page\"><h2>Account managers by coverage level</h2><table><thead><tr><th>Level</th><th class=\"num\">Accounts</th><th class=\"num\">Revenue</th><th class=\"num\">Share</th><th class=\"num\">Managers</th><th class=\"num\">of which matrix</th></tr></thead><tbody>");
    for l in p.levels.iter().chain(std::iter::once(&p.total)) {
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            if l.level.is_none() { " class=\"total\"" } else { "" },
            l.level.map_or("Total".to_owned(), |v| v.manager().to_owned()),
            l.accounts,
            esc(&amount(l.revenue)),
            pct(l.share),
            l.managers,
            l.matrix_managers
        );
    }
    h.push_str("</tbody></table><h3>Managers needed per tier and level</h3><table><thead><tr><th>Tier</th>");
    for level in &CoverageLevel::ALL {
        let _ = write!(h, "<th class=\"num\">{}</th>", esc(level.name()));
    }
    h.push_str("</tr></thead><tbody>");
    for tier in Tier::ALL {
        let _ = write!(h, "<tr><td>{}</td>", tier_badge(tier));
        for level in &CoverageLevel::ALL {
            match p.cells.iter().find(|c| c.tier == tier && c.level == *level) {
                Some(c) if c.accounts > 0 => {
                    let _ = write!(
                        h,
                        "<td class=\"num\">{} <span class=\"note\">({} acc., {} each)</span></td>",
                        c.managers, c.accounts, c.capacity
                    );
                }
                _ => h.push_str("<td class=\"num\">–</td>"),
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    if !p.matrix.is_empty() {
        let _ = write!(h, "<h3>National managers for global Key accounts (matrix, countries above {} of an account's revenue)</h3><table><thead><tr><th>Country</th><th class=\"num\">Accounts</th><th class=\"num\">Revenue</th><th class=\"num\">Managers</th></tr></thead><tbody>", pct(p.matrix_share));
        for c in &p.matrix {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&c.country),
                c.accounts,
                esc(&amount(c.revenue)),
                c.managers
            );
        }
        h.push_str("</tbody></table>");
    }
    if !r.level_moves.is_empty() {
        h.push_str("<h3>Coverage level moved since the last period</h3><table><thead><tr><th>Account</th><th>Tier</th><th>From</th><th>To</th><th class=\"num\">Revenue</th></tr></thead><tbody>");
        for m in &r.level_moves {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&m.name),
                tier_badge(m.tier),
                m.from,
                m.to,
                esc(&amount(m.revenue))
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section>\n");
}

fn method(h: &mut String, r: &Report) {
    h.push_str("<section class=\"page\"><h2>How the accounts were scored</h2><div class=\"two\">");
    for (title, factors) in [
        ("Strategic fit", &r.scorecards.strategic_fit),
        ("Relationship strength", &r.scorecards.relationship_strength),
    ] {
        let _ = write!(h, "<div><h3>{title}</h3><table><thead><tr><th>Factor</th><th class=\"num\">Weight</th></tr></thead><tbody>");
        for (f, w) in factors {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(f),
                pct(*w)
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h.push_str("</div><h3>Models and thresholds</h3><table><thead><tr><th>Model</th><th>Thresholds</th><th class=\"num\">Key accounts</th></tr></thead><tbody>");
    for m in &r.models {
        let cuts: Vec<String> = m
            .cut_points
            .iter()
            .map(|c| format!("{} {:.3}", c.axis.label(), c.value))
            .collect();
        let _ = write!(
            h,
            "<tr><td>{}{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(m.kind.label()),
            if m.kind == r.primary {
                " (the report's tiers)"
            } else {
                ""
            },
            esc(&cuts.join(", ")),
            m.key_accounts
        );
    }
    h.push_str("</tbody></table>");
    if let Some(c) = &r.calibration {
        let _ = write!(
            h,
            "<p>Calibration: every threshold t of the {} moved to t<sup>{:.3}</sup> to bring the Key accounts into {}-{} ({} with the default thresholds, {} after).</p>",
            esc(r.primary.label()),
            c.exponent,
            c.min,
            c.max,
            c.original_key_count,
            c.key_count
        );
    }
    h.push_str("<p class=\"note\">Models: Webster (1992); Millman and Wilson (1995, 1996); Bensaou (1999); 4S matrix after Woodburn and McDonald (2011). Kappa words after Landis and Koch (1977).</p></section>\n");
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"
        );
    }
}
