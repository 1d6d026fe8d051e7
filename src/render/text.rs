//! The text report.

use std::fmt::Write as _;

use crate::analysis::{AccountRow, Report, SummaryTable};
use crate::portfolio::Whitespace;
use crate::tier::Tier;

/// The widest line [`text`] writes, in characters.
pub const MAX_WIDTH: usize = 100;

/// Width of the name column; longer names are shortened with "...".
const NAME: usize = 28;

/// An amount as the text report writes it: `185.1 M`, `9.6 M`, `850.3 k`, `999`.
///
/// One rule everywhere: millions with one decimal and `M`, thousands with one decimal and
/// `k`, below a thousand the whole number.
///
/// # Examples
///
/// ```
/// use keyaccount::render::amount;
///
/// assert_eq!(amount(185_085_878.0), "185.1 M");
/// assert_eq!(amount(9_600_000.0), "9.6 M");
/// assert_eq!(amount(850_300.0), "850.3 k");
/// assert_eq!(amount(999.4), "999");
/// assert_eq!(amount(-1500.0), "-1.5 k");
/// ```
#[must_use]
pub fn amount(x: f64) -> String {
    let a = x.abs();
    if a >= 999_950.0 {
        format!("{:.1} M", x / 1e6)
    } else if a >= 999.5 {
        format!("{:.1} k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn pct_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), pct)
}

/// `s` cut to `width` characters, ending in "..." when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(width.saturating_sub(3)).collect();
        out.push_str("...");
        out
    }
}

/// Items joined by ", " and wrapped to [`MAX_WIDTH`], each line after the first indented.
fn wrapped(out: &mut String, first: &str, items: &[String]) {
    let mut line = first.to_owned();
    let mut first_item = true;
    for item in items {
        let sep = if first_item { "" } else { ", " };
        if line.chars().count() + sep.len() + item.chars().count() + 1 > MAX_WIDTH {
            line.push(',');
            out.push_str(line.trim_end());
            out.push('\n');
            line = format!("    {item}");
        } else {
            line.push_str(sep);
            line.push_str(item);
        }
        first_item = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// `text` broken at spaces into lines of at most [`MAX_WIDTH`] characters, the first line
/// starting with `first`, the others with `indent`; a word too long for a line is cut.
fn wrap_words(out: &mut String, first: &str, indent: &str, text: &str) {
    let mut line = first.to_owned();
    // A lead that ends in a word ("why:") takes a space before the text.
    let mut empty = first.trim().is_empty() || first.ends_with(' ');
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let room = MAX_WIDTH.saturating_sub(line.chars().count() + usize::from(!empty));
        if !empty && word.chars().count() > room {
            // A label ("most:") goes down with the words it labels.
            let mut carried = None;
            if let Some((head, last)) = line.trim_end().rsplit_once(' ') {
                if last.ends_with(':') && !head.trim().is_empty() {
                    carried = Some(last.to_owned());
                    line = head.to_owned();
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_owned();
            empty = true;
            if let Some(label) = carried {
                line.push_str(&label);
                empty = false;
            }
        }
        if !empty {
            line.push(' ');
        }
        let room = MAX_WIDTH.saturating_sub(line.chars().count());
        line.push_str(&fit(word, room));
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Why an account sits where it is, under its row: the sentence, then the smallest move up,
/// the smallest fall and the sensitivity flag.
fn why_lines(out: &mut String, a: &AccountRow) {
    wrap_words(out, "      why:", "        ", &a.explanation);
    let mut next = Vec::new();
    if let Some(m) = a.next_tier_move {
        next.push(format!("up: {m}"));
    }
    if let Some(m) = a.at_risk_by {
        next.push(format!("at risk: {m}"));
    }
    if a.weight_sensitive {
        next.push("weight-sensitive".to_owned());
    }
    if !next.is_empty() {
        wrap_words(out, "      ", "        ", &next.join("; "));
    }
}

fn tier_label(report: &Report, tier: Tier) -> String {
    // When classes and tiers are one to one the class names ride along with the tiers.
    if report.by_class.is_none() {
        if let Some(m) = report.primary_model() {
            let classes: Vec<String> = m
                .tiers
                .iter()
                .filter(|(_, t)| *t == tier)
                .map(|(c, _)| c.to_string())
                .collect();
            if classes.len() == 1 {
                return format!("{} ({})", tier.label(), classes[0]);
            }
        }
    }
    tier.label().to_owned()
}

fn summary(out: &mut String, title: &str, table: &SummaryTable, labels: &[String]) {
    let _ = writeln!(out, "\n{title}");
    let _ = writeln!(
        out,
        "  {:<28} {:>8} {:>10} {:>7} {:>10} {:>11}",
        "", "accounts", "revenue", "share", "target", "attainment"
    );
    for (row, label) in table
        .rows
        .iter()
        .zip(labels)
        .chain(std::iter::once((&table.total, &"Total".to_owned())))
    {
        let _ = writeln!(
            out,
            "  {:<28} {:>8} {:>10} {:>7} {:>10} {:>11}",
            fit(label, 28),
            row.accounts,
            amount(row.revenue),
            pct(row.share),
            amount(row.target),
            pct_opt(row.attainment)
        );
    }
}

fn account_list(out: &mut String, report: &Report, title: &str, rows: &[&AccountRow], empty: &str) {
    let _ = writeln!(out, "\n{title} ({})", rows.len());
    if rows.is_empty() {
        let _ = writeln!(out, "  {empty}");
        return;
    }
    let _ = writeln!(
        out,
        "  {:<9} {:<NAME$} {:>9} {:>6} {:<21} {:>6} {:<13}",
        "id", "name", "revenue", "share", "class", "margin", "consensus"
    );
    for a in rows {
        let primary = report.primary_result(a);
        let _ = writeln!(
            out,
            "  {:<9} {:<NAME$} {:>9} {:>6} {:<21} {:>6} {:<13}",
            fit(&a.id, 9),
            fit(&a.name, NAME),
            amount(a.revenue),
            pct(a.share),
            fit(
                &primary.map_or_else(String::new, |p| p.class.to_string()),
                21
            ),
            primary.map_or_else(String::new, |p| format!("{:.3}", p.margin)),
            a.consensus.label()
        );
        why_lines(out, a);
    }
}

/// The report as text for people: what was analysed, the tiers, the Key, borderline and
/// moving accounts by name with their revenue, concentration, model agreement, consensus,
/// migration, target attainment and opportunities.
///
/// Lines are at most [`MAX_WIDTH`] characters; amounts are written by [`amount`]; every
/// table appears once; a section with nothing to show says so in words.
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let data = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900000,9,9\nB,Beta,1000,3,3\n";
/// let config = AnalysisConfig::from_toml("[models]\ncalibrate = false")?;
/// let report = run_periods("example.csv", &read_csv(data.as_bytes())?, &config)?;
/// let text = keyaccount::render::text(&report);
/// assert!(text.contains("Key accounts (1)"));
/// assert!(text.contains("Alpha"));
/// assert!(text.contains("900.0 k"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[must_use]
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let primary = report
        .primary_model()
        .map_or_else(|| report.primary.label().to_owned(), |m| m.name.clone());

    // What was analysed.
    let mut title = format!("Key-account analysis of {}", report.source);
    if let Some(p) = &report.period {
        let _ = write!(title, ", period {p}");
    }
    if title.chars().count() > MAX_WIDTH {
        title = fit(&title, MAX_WIDTH);
    }
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "{} accounts roll up to {} key-account candidates with {} revenue in total.",
        report.input_accounts,
        report.accounts.len(),
        amount(report.total_revenue)
    );
    if report.coverage.is_empty() {
        let _ = writeln!(out, "No group has more than one site or subsidiary.");
    } else {
        let parts: Vec<String> = report
            .coverage
            .iter()
            .rev()
            .map(|c| format!("{} {}", c.groups, c.coverage))
            .collect();
        let _ = writeln!(out, "Groups with several sites: {}.", parts.join(", "));
    }
    for (name, factors) in [
        ("Strategic fit", &report.scorecards.strategic_fit),
        (
            "Relationship strength",
            &report.scorecards.relationship_strength,
        ),
    ] {
        let items: Vec<String> = factors
            .iter()
            .map(|(f, w)| format!("{f} {:.0}%", 100.0 * w))
            .collect();
        wrapped(&mut out, &format!("{name} scorecard: "), &items);
    }

    // The primary model and its calibration.
    match &report.calibration {
        Some(c) => {
            let _ = writeln!(
                out,
                "\n{primary} is the primary model, calibrated for {}-{} Key accounts: {} Key \
                 (its own thresholds gave {}).",
                c.min, c.max, c.key_count, c.original_key_count
            );
            if !c.within_range {
                let _ = writeln!(
                    out,
                    "No calibration reaches the range: the closest is used."
                );
            }
        }
        None => {
            let _ = writeln!(out, "\n{primary} is the primary model, not calibrated.");
        }
    }
    if let Some(m) = report.primary_model() {
        let cuts: Vec<String> = m
            .cut_points
            .iter()
            .map(|c| format!("{} {:.3}", c.axis, c.value))
            .collect();
        wrapped(&mut out, "Thresholds: ", &cuts);
    }

    let tier_labels: Vec<String> = report
        .by_tier
        .rows
        .iter()
        .map(|r| {
            r.tier
                .map_or_else(|| r.label.clone(), |t| tier_label(report, t))
        })
        .collect();
    summary(
        &mut out,
        &format!("Tiers ({primary})"),
        &report.by_tier,
        &tier_labels,
    );
    if let Some(classes) = &report.by_class {
        let labels: Vec<String> = classes.rows.iter().map(|r| r.label.clone()).collect();
        summary(&mut out, &format!("Classes ({primary})"), classes, &labels);
    }

    // Names.
    let _ = writeln!(out);
    wrap_words(
        &mut out,
        "Under each account: why it sits in its class (each axis against its thresholds); up:",
        "",
        &format!(
            "the smallest rise of one score that lifts it a tier; at risk: the smallest fall of \
             one score that drops it a tier; weight-sensitive: its class changes when the \
             weights move by up to {}.",
            report.weight_shift
        ),
    );
    let key: Vec<&AccountRow> = report.key_accounts().collect();
    account_list(&mut out, report, "Key accounts", &key, "none");
    let borderline: Vec<&AccountRow> = report.borderline().collect();
    account_list(
        &mut out,
        report,
        &format!(
            "Borderline accounts: {primary} margin below {}",
            report.borderline_margin
        ),
        &borderline,
        "none",
    );
    if let Some(m) = &report.migration {
        let _ = writeln!(out);
        wrap_words(
            &mut out,
            "Why each account moved: own scores (its scores now under last period's",
            "",
            "thresholds) against moved thresholds (this period's calibration), in tier steps; \
             the axis that decided, its value then and now, the threshold then and now; the \
             score with the largest effect.",
        );
        for (title, moves) in [("Moved up", &m.up), ("Moved down", &m.down)] {
            let _ = writeln!(out, "\n{title} since {} ({})", m.from, moves.len());
            if moves.is_empty() {
                let _ = writeln!(out, "  none");
                continue;
            }
            for x in moves {
                let _ = writeln!(
                    out,
                    "  {:<10} {:<NAME$} {:<13} -> {:<13} {:>9} -> {:>9}{}",
                    fit(&x.id, 10),
                    fit(&x.name, NAME),
                    x.from.label(),
                    x.to.label(),
                    amount(x.previous_revenue),
                    amount(x.revenue),
                    if x.uncoupling { " U" } else { "" }
                );
                if let Some(r) = &x.reason {
                    wrap_words(&mut out, "      why:", "        ", &r.to_string());
                }
            }
        }
        if m.down.iter().any(|x| x.uncoupling) {
            let _ = writeln!(out, "  U: Uncoupling-KAM (Millman and Wilson)");
        }
        let names = |v: &[crate::analysis::NamedAmount]| -> Vec<String> {
            v.iter()
                .map(|n| format!("{} {}", fit(&n.name, NAME), amount(n.revenue)))
                .collect()
        };
        if m.entered.is_empty() {
            let _ = writeln!(out, "\nNew since {}: none", m.from);
        } else {
            wrapped(
                &mut out,
                &format!("\nNew since {} ({}): ", m.from, m.entered.len()),
                &names(&m.entered),
            );
        }
        if m.left.is_empty() {
            let _ = writeln!(out, "Gone since {}: none", m.from);
        } else {
            wrapped(
                &mut out,
                &format!("Gone since {} ({}, revenue then): ", m.from, m.left.len()),
                &names(&m.left),
            );
        }
        if !m.uncoupling.is_empty() {
            let _ = writeln!(out, "\nUncoupling (Millman and Wilson): development fell");
            for u in &m.uncoupling {
                let _ = writeln!(
                    out,
                    "  {:<10} {:<NAME$} from {:<16} {:.2} -> {:.2}",
                    fit(&u.id, 10),
                    fit(&u.name, NAME),
                    u.previous_stage.to_string(),
                    u.development_before,
                    u.development_now
                );
            }
        }
        let _ = writeln!(out, "\nTier migration {} -> {} ({primary})", m.from, m.to);
        matrix(&mut out, &m.from, &m.to, &m.transitions);
    }

    // Concentration.
    let c = &report.concentration;
    let _ = writeln!(out, "\nRevenue concentration");
    let tops: Vec<String> = c
        .top
        .iter()
        .map(|t| format!("top {} {}", t.n, pct(t.share)))
        .collect();
    wrapped(&mut out, "  ", &tops);
    let abc: Vec<String> = c
        .abc
        .iter()
        .map(|l| format!("{} {} accounts {}", l.class, l.accounts, pct(l.share)))
        .collect();
    wrapped(
        &mut out,
        &format!("  ABC (A to {}, B to {}): ", pct(c.abc_a), pct(c.abc_b)),
        &abc,
    );
    let _ = writeln!(
        out,
        "  Herfindahl-Hirschman index {:.0} points: as concentrated as {:.1} equal accounts",
        c.hhi * 10_000.0,
        c.equivalent_accounts
    );

    // Models.
    if !report.agreement.is_empty() {
        let _ = writeln!(out, "\nAgreement with {primary}");
        let _ = writeln!(
            out,
            "  {:<20} {:>9} {:>7} {:>12}",
            "model", "agreement", "kappa", "Key accounts"
        );
        for a in &report.agreement {
            let _ = writeln!(
                out,
                "  {:<20} {:>9} {:>7.3} {:>12}",
                a.model.label(),
                pct(a.agreement),
                a.kappa,
                a.key_accounts
            );
        }
        for a in &report.agreement {
            let _ = writeln!(
                out,
                "\nTiers: {primary} (rows) against {} (columns)",
                a.model
            );
            matrix(&mut out, &primary, a.model.label(), &a.table);
        }
    }
    let rule = match report.consensus.rule {
        crate::portfolio::ConsensusRule::Plurality => "plurality, ties to the lower tier",
        crate::portfolio::ConsensusRule::LowerMedian => "lower median",
    };
    let _ = writeln!(
        out,
        "\nConsensus of {} models ({rule})",
        report.models.len()
    );
    for t in &report.consensus.tiers {
        let _ = writeln!(
            out,
            "  {:<14} {:>8} accounts {:>10}",
            t.tier.label(),
            t.accounts,
            amount(t.revenue)
        );
    }

    // Targets and opportunities.
    let _ = writeln!(out, "\nTarget attainment ({primary} tiers)");
    let _ = writeln!(
        out,
        "  {:<14} {:>8} {:>11} {:>10} {:>10} {:>11}",
        "", "accounts", "with target", "revenue", "target", "attainment"
    );
    for g in &report.attainment {
        let _ = writeln!(
            out,
            "  {:<14} {:>8} {:>11} {:>10} {:>10} {:>11}",
            g.tier.map_or("Total", Tier::label),
            g.accounts,
            g.with_target,
            amount(g.revenue),
            amount(g.target),
            pct_opt(g.attainment)
        );
    }
    if let Some(w) = &report.whitespace {
        whitespace(&mut out, w);
    } else {
        opportunities(&mut out, report);
    }
    plan(&mut out, report);
    // Columns are padded; the ends of lines are not.
    let mut trimmed = String::with_capacity(out.len());
    for line in out.lines() {
        trimmed.push_str(line.trim_end());
        trimmed.push('\n');
    }
    trimmed
}

/// Opportunities shown per tier in the whitespace section.
const TOP_WHITESPACE: usize = 10;

/// Whitespace by product line: totals per line, the grid of the accounts in the ranked
/// tiers, and the largest openings in each of those tiers.
fn whitespace(out: &mut String, w: &Whitespace) {
    let tiers: Vec<&str> = w.tiers.iter().map(|t| t.label()).collect();
    let _ = writeln!(out, "\nWhitespace by product line (potential - revenue)");
    let _ = writeln!(
        out,
        "  {:<20} {:>8} {:>10} {:>10} {:>10} {:>7}",
        "product", "accounts", "revenue", "potential", "whitespace", "wallet"
    );
    for t in &w.totals {
        let _ = writeln!(
            out,
            "  {:<20} {:>8} {:>10} {:>10} {:>10} {:>7}",
            fit(&t.product, 20),
            t.accounts,
            amount(t.revenue),
            amount(t.potential),
            amount(t.whitespace),
            pct_opt((t.potential > 0.0).then(|| t.revenue / t.potential))
        );
    }
    // The grid: as many product columns as fit in a line.
    let fixed = 2 + 10 + 1 + 20 + 1 + 10;
    let shown = ((MAX_WIDTH - fixed) / 9).min(w.products.len());
    let _ = writeln!(
        out,
        "\nWhitespace grid of the {} accounts{}",
        tiers.join(" and "),
        if shown < w.products.len() {
            format!(" (first {shown} product lines)")
        } else {
            String::new()
        }
    );
    let mut head = format!("  {:<10} {:<20}", "id", "name");
    for p in w.products.iter().take(shown) {
        let _ = write!(head, " {:>8}", fit(p, 8));
    }
    let _ = write!(head, " {:>10}", "total");
    let _ = writeln!(out, "{head}");
    let mut any = false;
    for a in w.accounts.iter().filter(|a| w.tiers.contains(&a.tier)) {
        any = true;
        let mut line = format!("  {:<10} {:<20}", fit(&a.id, 10), fit(&a.name, 20));
        for c in a.cells.iter().take(shown) {
            let cell = c.map_or_else(|| "-".to_owned(), |c| amount(c.whitespace));
            let _ = write!(line, " {cell:>8}");
        }
        let _ = write!(line, " {:>10}", amount(a.whitespace));
        let _ = writeln!(out, "{line}");
    }
    if !any {
        let _ = writeln!(out, "  none: no account in these tiers has product data");
    }
    for tier in &w.tiers {
        let top: Vec<_> = w
            .opportunities
            .iter()
            .filter(|o| o.tier == *tier)
            .take(TOP_WHITESPACE)
            .collect();
        let _ = writeln!(
            out,
            "\nLargest whitespace in {} accounts (of {})",
            tier.label(),
            w.opportunities.iter().filter(|o| o.tier == *tier).count()
        );
        if top.is_empty() {
            let _ = writeln!(out, "  none");
            continue;
        }
        let _ = writeln!(
            out,
            "  {:>4} {:<10} {:<NAME$} {:<12} {:>9} {:>9} {:>10}",
            "rank", "id", "name", "product", "revenue", "potential", "whitespace"
        );
        for o in top {
            let _ = writeln!(
                out,
                "  {:>4} {:<10} {:<NAME$} {:<12} {:>9} {:>9} {:>10}",
                o.rank,
                fit(&o.id, 10),
                fit(&o.name, NAME),
                fit(&o.product, 12),
                amount(o.revenue),
                amount(o.potential),
                amount(o.whitespace)
            );
        }
    }
    if !w.without_products.is_empty() {
        wrapped(
            out,
            &format!("No product data ({}): ", w.without_products.len()),
            &w.without_products,
        );
    }
}

/// The account-level opportunities, without product data.
fn opportunities(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "\nDevelopment opportunities by headroom (potential - revenue): {}",
        report.opportunities.len()
    );
    if report.opportunities.is_empty() {
        let _ = writeln!(out, "  none: no Development account has a potential");
    } else {
        let _ = writeln!(
            out,
            "  {:<10} {:<NAME$} {:>9} {:>9} {:>9} {:>8}",
            "id", "name", "revenue", "potential", "headroom", "wallet"
        );
        for o in &report.opportunities {
            let _ = writeln!(
                out,
                "  {:<10} {:<NAME$} {:>9} {:>9} {:>9} {:>8}",
                fit(&o.id, 10),
                fit(&o.name, NAME),
                amount(o.revenue),
                amount(o.potential),
                amount(o.headroom),
                pct(o.share_of_wallet)
            );
        }
    }
}

/// The account-manager plan: totals per coverage level, the tier x level grid, the matrix
/// managers by country and the accounts whose level moved.
fn plan(out: &mut String, report: &Report) {
    use crate::portfolio::{CoverageLevel, Structure};
    let p = &report.plan;
    let structure = match p.structure {
        Structure::Matrix => format!(
            "structure: matrix (national managers for global Key accounts in countries above {} \
             of revenue)",
            pct(p.matrix_share)
        ),
        Structure::Hierarchy => {
            "structure: hierarchy (global account managers serve every country)".to_owned()
        }
    };
    let _ = writeln!(out, "\nAccount managers by coverage level");
    let _ = writeln!(out, "  {}", fit(&structure, MAX_WIDTH - 2));
    let _ = writeln!(
        out,
        "  {:<12} {:>8} {:>10} {:>7} {:>9} {:>10}",
        "level", "accounts", "revenue", "share", "managers", "matrix"
    );
    for l in p.levels.iter().chain(std::iter::once(&p.total)) {
        let _ = writeln!(
            out,
            "  {:<12} {:>8} {:>10} {:>7} {:>9} {:>10}",
            l.level.map_or("Total", CoverageLevel::name),
            l.accounts,
            amount(l.revenue),
            pct(l.share),
            l.managers,
            if l.matrix_managers > 0 {
                l.matrix_managers.to_string()
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(
        out,
        "\nManagers by tier and level: accounts / accounts per manager -> managers"
    );
    let mut header = format!("  {:<13}", "");
    for level in CoverageLevel::ALL {
        let _ = write!(header, " {:>15}", level.name());
    }
    let _ = writeln!(out, "{header}");
    for tier in Tier::ALL {
        let mut line = format!("  {:<13}", tier.label());
        for level in CoverageLevel::ALL {
            let c = p.cell(tier, level);
            let cell = if c.accounts == 0 {
                "-".to_owned()
            } else {
                format!("{}/{} -> {}", c.accounts, c.capacity, c.managers)
            };
            let _ = write!(line, " {cell:>15}");
        }
        let _ = writeln!(out, "{line}");
    }
    if p.structure == Structure::Matrix {
        if p.matrix.is_empty() {
            let _ = writeln!(
                out,
                "\nNational managers of global Key accounts (matrix): none"
            );
        } else {
            let items: Vec<String> = p
                .matrix
                .iter()
                .map(|c| {
                    format!(
                        "{} {} -> {}",
                        c.country,
                        count(c.accounts as u64, "account"),
                        count(c.managers, "manager")
                    )
                })
                .collect();
            wrapped(
                out,
                "\nNational managers of global Key accounts (matrix), by country: ",
                &items,
            );
        }
    }
    if let Some(before) = &report.previous_period {
        let _ = writeln!(
            out,
            "\nCoverage level moves since {before} ({})",
            report.level_moves.len()
        );
        if report.level_moves.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for m in &report.level_moves {
            let _ = writeln!(
                out,
                "  {:<10} {:<NAME$} {:<13} {:<10} -> {:<10} {:>9}",
                fit(&m.id, 10),
                fit(&m.name, NAME),
                m.tier.label(),
                m.from.name(),
                m.to.name(),
                amount(m.revenue)
            );
        }
    }
}

/// `n` and `what`, plural unless `n` is 1.
fn count(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A 4 x 4 tier table, rows `rows`, columns `cols`.
fn matrix(out: &mut String, rows: &str, cols: &str, table: &[[usize; 4]; 4]) {
    let _ = writeln!(
        out,
        "  {:<28} {:>13} {:>13} {:>13} {:>13}",
        fit(&format!("{rows} \\ {cols}"), 28),
        Tier::ALL[0].label(),
        Tier::ALL[1].label(),
        Tier::ALL[2].label(),
        Tier::ALL[3].label()
    );
    for (i, t) in Tier::ALL.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:<28} {:>13} {:>13} {:>13} {:>13}",
            t.label(),
            table[i][0],
            table[i][1],
            table[i][2],
            table[i][3]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_one_way() {
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(999.49), "999");
        assert_eq!(amount(999.5), "1.0 k");
        assert_eq!(amount(999_949.0), "999.9 k");
        assert_eq!(amount(999_950.0), "1.0 M");
        assert_eq!(amount(185_085_878.0), "185.1 M");
    }

    #[test]
    fn long_names_are_cut_to_the_column() {
        assert_eq!(fit("abcdef", 5), "ab...");
        assert_eq!(fit("abcde", 5), "abcde");
        assert_eq!(fit("ÄÖÜäöü", 5), "ÄÖ...");
    }

    #[test]
    fn wrapping_keeps_lines_short() {
        let mut out = String::new();
        let items: Vec<String> = (0..60).map(|i| format!("item number {i}")).collect();
        wrapped(&mut out, "Items: ", &items);
        assert!(out.lines().count() > 5);
        assert!(out.lines().all(|l| l.chars().count() <= MAX_WIDTH), "{out}");
        assert!(out.contains("item number 59"));
    }
}
