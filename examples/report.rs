//! The analyst's command: a CRM export and an analysis file in, a report and per-account
//! files out.
//!
//! ```text
//! cargo run --release --example report -- [DATA] [--config FILE] [--products FILE] [--out DIR]
//! ```
//!
//! With no DATA it runs the bundled sample (`data/portfolio.csv` with `data/analysis.toml` and
//! the product data `data/products.csv`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use keyaccount::analysis::{run_with_products, AnalysisConfig};

/// Classify the key-account candidates of a CRM export and write a report, one row per
/// account (CSV) and whatever else the analysis file asks for.
#[derive(Parser)]
#[command(
    version,
    after_help = "Examples:\n  \
        cargo run --release --example report\n  \
        cargo run --release --example report -- data/crm_export.csv \
        --config data/crm_analysis.toml --out crm-report\n  \
        cargo run --release --example report -- export.csv --products products.csv"
)]
struct Args {
    /// The CRM export (CSV). Default: the bundled sample, data/portfolio.csv.
    data: Option<PathBuf>,
    /// The analysis file (TOML). Default: data/analysis.toml for the bundled sample; for your
    /// own data, scorecards built from the factor columns found (equal weights, 1-10).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Product data (CSV, columns id,product,revenue,potential: one row per account and
    /// product line) for whitespace by product line. Default: data/products.csv for the
    /// bundled sample; none for your own data (the report then ranks whole accounts by
    /// headroom).
    #[arg(long, value_name = "FILE")]
    products: Option<PathBuf>,
    /// The folder the files are written to (created if needed).
    #[arg(long, value_name = "DIR", default_value = "keyaccount-report")]
    out: PathBuf,
}

fn main() -> ExitCode {
    match main_inner() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.chain());
            ExitCode::FAILURE
        }
    }
}

fn main_inner() -> Result<(), keyaccount::Error> {
    let args = Args::parse();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let (data, config_path, products) = match args.data {
        Some(d) => (d, args.config, args.products),
        None => (
            sample.join("portfolio.csv"),
            args.config.or_else(|| Some(sample.join("analysis.toml"))),
            args.products.or_else(|| Some(sample.join("products.csv"))),
        ),
    };
    // Everything that can be checked before the work is checked first.
    keyaccount::analysis::check_data_path(&data)?;
    if let Some(p) = &products {
        keyaccount::analysis::check_data_path(p)?;
    }
    let config = match &config_path {
        Some(p) => AnalysisConfig::from_path(p)?,
        None => AnalysisConfig::default(),
    };
    keyaccount::render::prepare_output_dir(&args.out)?;

    let report = run_with_products(&data, products.as_deref(), &config)?;
    print!("{}", keyaccount::render::text(&report));
    let written = keyaccount::render::write_outputs(&report, &config.output, &args.out)?;
    println!();
    for path in written {
        println!("Written: {}", path.display());
    }
    Ok(())
}
