//! Classify a small portfolio with all four models and print it as tables.
//!
//! ```text
//! cargo run --example classify                 # the bundled data/accounts.csv
//! cargo run --example classify -- my.csv       # your own file, same columns
//! ```
//!
//! Columns: `account`, `revenue` (in any currency, non-negative), `strategic_fit` and
//! `relationship_strength` (scores in [0, 1]).
//!
//! For a CRM export with groups, factor ratings and periods, use the report example and an
//! analysis file instead.

use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;

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

    four_s_table(&accounts, total);
    all_models_table(&accounts);
    Ok(())
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
