//! Classify a small portfolio with all four models and print it as tables.
//!
//! ```text
//! cargo run --example classify                         # the bundled data/accounts.csv
//! cargo run --example classify -- my.csv               # your own file, same columns
//! cargo run --example classify -- my.csv "Acme Ltd"    # and explain this account
//! ```
//!
//! After the tables it explains one account in full under each model: how each axis is made
//! up, the thresholds that decided the class, the smallest change of each score that moves the
//! account a tier, whether the class holds when the weights move by 0.05, and where each
//! setting comes from. Without an account name it explains the account below Key that is
//! closest to a 4S boundary.
//!
//! Columns: `account`, `revenue` (in any currency, non-negative), `strategic_fit` and
//! `relationship_strength` (scores in [0, 1]).
//!
//! For a CRM export with groups, factor ratings and periods, use the report example and an
//! analysis file instead.

use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;

use keyaccount::explain::{
    explain, moves, sensitivity, Explanation, Provenance, Reach, ScoreMove, Sensitivity,
    WeightShift,
};
use keyaccount::{
    AnyModel, Classifier, FourS, FourSClass, NativeClass, RevenueShareScale, Scores, Tier,
};
use serde::Deserialize;

/// Accounts this close to a class boundary are flagged as borderline.
const BORDERLINE: f64 = 0.05;

#[derive(Debug, Deserialize)]
struct Row {
    account: String,
    revenue: f64,
    strategic_fit: f64,
    relationship_strength: f64,
}

struct Account {
    name: String,
    revenue: f64,
    share: f64,
    scores: Scores,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole chain: a CSV line's error names the line, its source the problem.
            let mut msg = e.to_string();
            let mut source = e.source();
            while let Some(s) = source {
                msg = format!("{msg}: {s}");
                source = s.source();
            }
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/accounts.csv"));
    let accounts = read(&path)?;
    let total: f64 = accounts.iter().map(|a| a.revenue).sum();

    println!(
        "{} accounts from {} (total revenue {})",
        accounts.len(),
        path.display(),
        money(total)
    );
    println!("revenue share score: logarithmic, 0.1% of revenue scores 0, 10% scores 1\n");

    let chosen = match std::env::args().nth(2) {
        Some(name) => accounts
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| format!("no account named {name:?} in {}", path.display()))?,
        None => closest_below_key(&accounts),
    };

    four_s_table(&accounts, total);
    all_models_table(&accounts);
    explain_account(chosen, total)?;
    Ok(())
}

/// The account below Key nearest a 4S boundary (the first account if all are Key).
fn closest_below_key(accounts: &[Account]) -> &Account {
    let model = FourS::default();
    accounts
        .iter()
        .map(|a| (a, model.classify(&a.scores)))
        .filter(|(_, r)| r.tier != Tier::Key)
        .min_by(|x, y| x.1.margin.total_cmp(&y.1.margin))
        .map_or(&accounts[0], |(a, _)| a)
}

/// Width of the explanation's lines.
const WIDTH: usize = 100;

fn explain_account(a: &Account, total: f64) -> Result<(), Box<dyn Error>> {
    println!("\n{}", "=".repeat(WIDTH));
    println!(
        "Why {} sits where it does (revenue {}, {:.1}% of {})",
        a.name,
        money(a.revenue),
        100.0 * a.share,
        money(total)
    );
    println!(
        "scores: revenue share {:.3}, strategic fit {:.3}, relationship strength {:.3}",
        a.scores.revenue_share(),
        a.scores.strategic_fit(),
        a.scores.relationship_strength()
    );
    println!("(scores given directly: no scorecard, so no factor breakdown)");
    let shift = WeightShift::default();
    for model in AnyModel::all() {
        let why = explain(&model, &a.scores, &[])?;
        println!("{}", "=".repeat(WIDTH));
        print_explanation(&why);
        print_moves(&moves(&model, &a.scores).moves);
        print_sensitivity(&sensitivity(&model, &a.scores, shift));
        print_settings(&why);
    }
    Ok(())
}

fn print_explanation(why: &Explanation) {
    println!(
        "{}: {}, tier {}; nearest class boundary {:.3} away",
        why.model, why.class, why.tier, why.margin
    );
    println!("  strategy: {}", why.strategy);
    for axis in &why.axes {
        println!("  {} = {:.3}", axis.axis, axis.value);
        for c in &axis.contributions {
            println!(
                "    {:<22} {:>4.2} x {:.3} = {:.3}",
                c.score.label(),
                c.weight,
                c.value,
                c.contribution
            );
        }
        for t in &axis.thresholds {
            let side = if t.passed {
                "at or past by"
            } else {
                "short by"
            };
            let decides = if t.decides {
                "  <- decides the class"
            } else {
                ""
            };
            println!(
                "    threshold {:.3}: {side} {:.3}{decides}",
                t.threshold,
                t.distance.abs()
            );
        }
    }
}

fn print_moves(moves: &[ScoreMove]) {
    println!("  smallest change of one score, the others unchanged:");
    for m in moves {
        let what = match m.reach {
            // A fall reports the highest score of the lower tier: it falls below the next
            // float up, the boundary itself.
            Reach::Reached {
                to,
                change,
                class,
                tier,
            } if change < 0.0 => {
                let boundary = f64::from_bits(to.to_bits() + 1);
                format!("< {boundary:.3} ({change:+.3}): {class} / {tier}")
            }
            Reach::Reached {
                to,
                change,
                class,
                tier,
            } => format!("to {to:.3} ({change:+.3}): {class} / {tier}"),
            Reach::NotReachable => "not reachable by this score alone".to_owned(),
        };
        println!(
            "    {:<21} {:.3} {:<11} {what}",
            m.score.label(),
            m.from,
            m.goal.label()
        );
    }
}

fn print_sensitivity(s: &Sensitivity) {
    let verdict = if s.stable {
        "the class holds".to_owned()
    } else {
        let classes: Vec<String> = s.classes.iter().map(ToString::to_string).collect();
        format!(
            "SENSITIVE: can be {} (tiers {} to {})",
            classes.join(", "),
            s.lowest_tier,
            s.highest_tier
        )
    };
    wrap(
        &format!("every weight moved by up to {:.2}: {verdict}", s.delta),
        "  ",
        "    ",
    );
    for r in &s.axes {
        println!(
            "    {:<32} {:.3} (from {:.3} to {:.3})",
            r.axis.label(),
            r.value,
            r.min,
            r.max
        );
    }
}

fn print_settings(why: &Explanation) {
    println!("  settings in force and where they come from:");
    for s in &why.settings {
        let source = match &s.provenance {
            Provenance::Literature { source } => format!("literature: {source}"),
            Provenance::Convention { reason } => format!("convention of this crate: {reason}"),
            Provenance::User { default } => format!("set by the user (default {default})"),
            Provenance::Unrecorded => "not in the defaults table".to_owned(),
        };
        wrap(&format!("{} = {}", s.setting, s.value), "    ", "      ");
        wrap(&source, "      ", "      ");
    }
}

/// Prints `text` in lines of at most WIDTH characters, breaking between words.
fn wrap(text: &str, first: &str, rest: &str) {
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > WIDTH {
            println!("{line}");
            line = rest.to_owned();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    println!("{line}");
}

fn read(path: &PathBuf) -> Result<Vec<Account>, Box<dyn Error>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rows: Vec<(usize, Row)> = reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map(|r| (i + 2, r)))
        .collect::<Result<_, _>>()?;
    if rows.is_empty() {
        return Err(format!("{}: no accounts", path.display()).into());
    }
    for (line, row) in &rows {
        if !(row.revenue.is_finite() && row.revenue >= 0.0) {
            return Err(format!(
                "line {line}: revenue {} of {} is not a non-negative number",
                row.revenue, row.account
            )
            .into());
        }
    }
    let total: f64 = rows.iter().map(|(_, r)| r.revenue).sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(format!(
            "{}: total revenue is {total}, shares are undefined",
            path.display()
        )
        .into());
    }
    let scale = RevenueShareScale::default();
    rows.into_iter()
        .map(|(line, r)| {
            let share = r.revenue / total;
            let scores =
                Scores::from_revenue_share(share, &scale, r.strategic_fit, r.relationship_strength)
                    .map_err(|e| format!("line {line} ({}): {e}", r.account))?;
            Ok(Account {
                name: r.account,
                revenue: r.revenue,
                share,
                scores,
            })
        })
        .collect()
}

fn four_s_table(accounts: &[Account], total: f64) {
    let model = FourS::default();
    println!(
        "4S matrix (attractiveness cut {:.2}, relative strength cut {:.2}; on a cut counts as high)",
        model.attractiveness_threshold(),
        model.strength_threshold()
    );
    let header = format!(
        "{:<21} {:>9} {:>6} | {:>4} {:>4} {:>4} | {:>5} {:>5} | {:<10} {}",
        "account", "revenue", "share", "rev", "fit", "rel", "attr", "str", "4S", "tier"
    );
    println!("{}", header.trim_end());
    println!("{}", "-".repeat(98));
    for a in accounts {
        let r = model.classify(&a.scores);
        let flag = if r.is_borderline(BORDERLINE) {
            " *"
        } else {
            ""
        };
        let line = format!(
            "{:<21} {:>9} {:>5.1}% | {:>4.2} {:>4.2} {:>4.2} | {:>5.2} {:>5.2} | {:<10} {:<13}{}",
            short(&a.name, 21),
            money(a.revenue),
            100.0 * a.share,
            a.scores.revenue_share(),
            a.scores.strategic_fit(),
            a.scores.relationship_strength(),
            r.position.attractiveness,
            r.position.relative_strength,
            r.class.to_string(),
            r.tier.to_string(),
            flag
        );
        println!("{}", line.trim_end());
    }
    println!("* within {BORDERLINE} of a threshold: borderline, review by hand\n");

    println!(
        "{:<12} {:>8} {:>10} {:>8}  strategy",
        "4S class", "accounts", "revenue", "share"
    );
    let mut count = 0;
    for &class in FourSClass::ALL.iter().rev() {
        let members: Vec<&Account> = accounts
            .iter()
            .filter(|a| model.class(&a.scores) == class)
            .collect();
        let revenue: f64 = members.iter().map(|a| a.revenue).sum();
        count += members.len();
        println!(
            "{:<12} {:>8} {:>10} {:>7.1}%  {}",
            class.to_string(),
            members.len(),
            money(revenue),
            100.0 * revenue / total,
            class.strategy()
        );
    }
    println!(
        "{:<12} {:>8} {:>10} {:>7.1}%\n",
        "total",
        count,
        money(total),
        100.0
    );
}

fn all_models_table(accounts: &[Account]) {
    let models = AnyModel::all();
    // Widest native class of each model, so that the table fits 100 columns.
    let widths = [24, 15, 21, 13];
    let row = |name: &str, cells: &[String]| {
        let mut line = format!("{:<15}", short(name, 15));
        for (cell, w) in cells.iter().zip(widths) {
            line += &format!(" | {cell:<w$}");
        }
        println!("{}", line.trim_end());
    };
    let names: Vec<String> = models.iter().map(|m| m.name().to_owned()).collect();
    println!("All four models: native class");
    row("account", &names);
    println!(
        "{}",
        "-".repeat(15 + widths.iter().map(|w| w + 3).sum::<usize>())
    );
    for a in accounts {
        let cells: Vec<String> = models
            .iter()
            .map(|m| m.classify(&a.scores).class.to_string())
            .collect();
        row(&a.name, &cells);
    }
    println!("\nAll four models: common tier");
    row("account", &names);
    println!(
        "{}",
        "-".repeat(15 + widths.iter().map(|w| w + 3).sum::<usize>())
    );
    let mut key = [0usize; 4];
    for a in accounts {
        let cells: Vec<String> = models
            .iter()
            .zip(key.iter_mut())
            .map(|(m, k)| {
                let tier = m.tier(&a.scores);
                *k += usize::from(tier == Tier::Key);
                tier.to_string()
            })
            .collect();
        row(&a.name, &cells);
    }
    let counts: Vec<String> = key.iter().map(ToString::to_string).collect();
    row("Key accounts", &counts);
}

/// `s` cut to `width` characters, ending in "..." when cut.
fn short(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(width - 3).collect();
        out.push_str("...");
        out
    }
}

/// Revenue as every report of the crate writes it (`keyaccount::render::amount`).
fn money(v: f64) -> String {
    keyaccount::render::amount(v)
}
