//! Runs the whole portfolio pipeline once on the benchmark's synthetic portfolio, for
//! measuring time and peak memory from outside (`/usr/bin/time -v`).
//!
//! ```text
//! cargo run --release --example pipeline -- 1000000          # generate (once) and run
//! cargo run --release --example pipeline -- --write 1000000 out.csv   # only write the file
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/portfolio_data.rs"]
mod portfolio_data;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = |s: Option<&String>| s.and_then(|s| s.parse::<usize>().ok());
    match args.first().map(String::as_str) {
        Some("--write") => {
            let (Some(n), Some(path)) = (count(args.get(1)), args.get(2)) else {
                eprintln!("usage: pipeline --write ACCOUNTS FILE");
                return ExitCode::FAILURE;
            };
            match portfolio_data::write_csv(n, &PathBuf::from(path)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            let n = count(args.first()).unwrap_or(100_000);
            let path = args
                .get(1)
                .map_or_else(|| portfolio_data::data_file(n), PathBuf::from);
            match portfolio_data::pipeline_from_file(&path) {
                Ok(outcome) => {
                    println!("{outcome:?}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
