//! Classify a small portfolio with all four models and print it as tables.
//!
//! ```text
//! cargo run --example classify                 # the bundled data/accounts.csv
//! cargo run --example classify -- my.csv       # your own file, same columns
//! ```
//!
//! Columns: `account`, `revenue` (in any currency, non-negative), `strategic_fit` and
//! `relationship_strength` (scores in [0, 1]).

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
    println!(
        "{:<27} {:>9} {:>6} | {:>4} {:>4} {:>4} | {:>5} {:>5} | {:<10} {:<13} strategy",
        "account", "revenue", "share", "rev", "fit", "rel", "attr", "str", "4S", "tier"
    );
    println!("{}", "-".repeat(140));
    for a in accounts {
        let r = model.classify(&a.scores);
        let flag = if r.is_borderline(BORDERLINE) {
            " *"
        } else {
            ""
        };
        println!(
            "{:<27} {:>9} {:>5.1}% | {:>4.2} {:>4.2} {:>4.2} | {:>5.2} {:>5.2} | {:<10} {:<13} {}{}",
            a.name,
            money(a.revenue),
            100.0 * a.share,
            a.scores.revenue_share(),
            a.scores.strategic_fit(),
            a.scores.relationship_strength(),
            r.position.attractiveness,
            r.position.relative_strength,
            r.class.to_string(),
            r.tier.to_string(),
            r.strategy(),
            flag
        );
    }
    println!("* within {BORDERLINE} of a threshold: borderline, review by hand\n");

    println!(
        "{:<12} {:>8} {:>10} {:>8}",
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
            "{:<12} {:>8} {:>10} {:>7.1}%",
            class.to_string(),
            members.len(),
            money(revenue),
            100.0 * revenue / total
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
    println!("All four models (native class / common tier)");
    let mut header = format!("{:<27}", "account");
    for m in &models {
        header += &format!(" | {:<38}", m.name());
    }
    println!("{}", header.trim_end());
    println!("{}", "-".repeat(27 + 41 * models.len()));
    let mut key = [0usize; 4];
    for a in accounts {
        let mut line = format!("{:<27}", a.name);
        for (m, k) in models.iter().zip(key.iter_mut()) {
            let r = m.classify(&a.scores);
            *k += usize::from(r.tier == Tier::Key);
            line += &format!(" | {:<38}", format!("{} / {}", r.class, r.tier));
        }
        println!("{}", line.trim_end());
    }
    let mut line = format!("{:<27}", "Key accounts");
    for k in key {
        line += &format!(" | {k:<38}");
    }
    println!("{}", line.trim_end());
}

/// Revenue in millions or thousands, as analysts write it.
fn money(v: f64) -> String {
    if v >= 1e6 {
        format!("{:.2} M", v / 1e6)
    } else {
        format!("{:.0} k", v / 1e3)
    }
}
