//! Portfolio report with a picture: runs the bundled sample through `data/analysis.toml` (or
//! your CSV with the default analysis), prints the text report and draws the 4S matrix as SVG
//! with the library's chart (`keyaccount::charts`). The pipeline lives in the library
//! (`keyaccount::analysis::run`); the report command (`examples/report.rs`) is the full front
//! end with an analysis file and output files, including the HTML report with every chart.
//!
//! ```text
//! cargo run --example portfolio [-- accounts.csv [matrix.svg]]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use keyaccount::analysis::{run, AnalysisConfig};
use keyaccount::ModelKind;

fn main() -> ExitCode {
    match main_inner() {
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

fn main_inner() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let (csv_path, config) = match args.next() {
        Some(path) => (PathBuf::from(path), AnalysisConfig::default()),
        None => (
            dir.join("data/portfolio.csv"),
            AnalysisConfig::from_path(dir.join("data/analysis.toml"))?,
        ),
    };
    let svg_path = args
        .next()
        .map_or_else(|| dir.join("target/four_s_matrix.svg"), PathBuf::from);

    let report = run(&csv_path, &config)?;
    print!("{}", keyaccount::render::text(&report));
    let Some((chart, bubbles)) = keyaccount::charts::matrix_of(&report, ModelKind::FourS)? else {
        return Err("the analysis did not run the 4S model".into());
    };
    if let Some(parent) = svg_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&svg_path, chart.svg(&bubbles)?)?;
    println!("\n4S matrix written to {}", svg_path.display());
    Ok(())
}
