//! Portfolio report with a picture: runs the bundled sample through `data/analysis.toml` (or
//! your CSV with the default analysis), prints the text report and draws the 4S matrix as SVG.
//! The pipeline lives in the library (`keyaccount::analysis::run`); the report command
//! (`examples/report.rs`) is the full front end with an analysis file and output files.
//!
//! ```text
//! cargo run --example portfolio [-- accounts.csv [matrix.svg]]
//! ```

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use keyaccount::analysis::{run, AnalysisConfig, Report};
use keyaccount::{Class, FourSClass, ModelKind, Position};
use plotters::prelude::*;

/// What can go wrong in this example.
#[derive(Debug)]
enum ExampleError {
    /// The library rejected the input.
    Portfolio(keyaccount::Error),
    /// The picture could not be drawn or written.
    Plot(String),
    /// The output folder could not be made.
    Io(std::io::Error),
}

impl fmt::Display for ExampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExampleError::Portfolio(e) => write!(f, "{e}"),
            ExampleError::Plot(e) => write!(f, "cannot draw the 4S matrix: {e}"),
            ExampleError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ExampleError {
    // Displays are transparent, so the chain goes on with the wrapped error's source.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExampleError::Portfolio(e) => std::error::Error::source(e),
            ExampleError::Io(e) => std::error::Error::source(e),
            ExampleError::Plot(_) => None,
        }
    }
}

impl From<keyaccount::Error> for ExampleError {
    fn from(e: keyaccount::Error) -> Self {
        ExampleError::Portfolio(e)
    }
}

impl From<std::io::Error> for ExampleError {
    fn from(e: std::io::Error) -> Self {
        ExampleError::Io(e)
    }
}

fn plot_error(e: impl fmt::Display) -> ExampleError {
    ExampleError::Plot(e.to_string())
}

fn main() -> ExitCode {
    match main_inner() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole chain: a CSV line's error names the line, its source the problem.
            let mut msg = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg = format!("{msg}: {s}");
                source = s.source();
            }
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn main_inner() -> Result<(), ExampleError> {
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
    draw_matrix(&report, &svg_path)?;
    println!("\n4S matrix written to {}", svg_path.display());
    Ok(())
}

/// The 4S matrix: accounts as bubbles sized by revenue, quadrants labelled, thresholds drawn.
fn draw_matrix(report: &Report, path: &std::path::Path) -> Result<(), ExampleError> {
    let Some(four_s) = report.models.iter().find(|m| m.kind == ModelKind::FourS) else {
        return Err(ExampleError::Plot(
            "the analysis did not run the 4S model".to_owned(),
        ));
    };
    let cut = |axis: keyaccount::Axis| {
        four_s
            .cut_points
            .iter()
            .find(|c| c.axis == axis)
            .map_or(0.5, |c| c.value)
    };
    let (tx, ty) = (
        cut(keyaccount::Axis::RelativeStrength),
        cut(keyaccount::Axis::Attractiveness),
    );
    // Each account's 4S result.
    let points: Vec<(f64, keyaccount::analysis::ModelResult)> = report
        .accounts
        .iter()
        .filter_map(|a| {
            a.models
                .iter()
                .find(|m| m.model == ModelKind::FourS)
                .map(|m| (a.revenue, *m))
        })
        .collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let root = SVGBackend::new(path, (900, 760)).into_drawing_area();
    root.fill(&WHITE).map_err(plot_error)?;
    let mut chart = ChartBuilder::on(&root)
        .caption("4S key-account matrix", ("sans-serif", 26))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(60)
        // Relative strength runs from high (left) to low (right), as in the literature.
        .build_cartesian_2d(1.0f64..0.0f64, 0.0f64..1.0f64)
        .map_err(plot_error)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("relative strength (as the customer sees it)")
        .y_desc("account attractiveness")
        .draw()
        .map_err(plot_error)?;

    let max_revenue = points.iter().map(|p| p.0).fold(0.0f64, f64::max);
    let colour = |class: Class| match class {
        Class::FourS(FourSClass::Strategic) => RGBColor(200, 30, 45),
        Class::FourS(FourSClass::Star) => RGBColor(240, 150, 20),
        Class::FourS(FourSClass::Status) => RGBColor(30, 110, 190),
        _ => RGBColor(120, 120, 120),
    };
    // Smallest last so they stay visible on top of large bubbles.
    chart
        .draw_series(points.iter().filter_map(|(revenue, m)| {
            let Position::FourS(p) = m.position else {
                return None;
            };
            let radius = if max_revenue > 0.0 {
                3.0 + 27.0 * (revenue / max_revenue).sqrt()
            } else {
                3.0
            };
            Some(Circle::new(
                (p.relative_strength, p.attractiveness),
                radius.round() as i32,
                colour(m.class).mix(0.45).filled(),
            ))
        }))
        .map_err(plot_error)?;
    let line = |points: Vec<(f64, f64)>| PathElement::new(points, BLACK.stroke_width(2));
    chart
        .draw_series([
            line(vec![(tx, 0.0), (tx, 1.0)]),
            line(vec![(1.0, ty), (0.0, ty)]),
        ])
        .map_err(plot_error)?;

    let label_style = ("sans-serif", 22).into_font().color(&BLACK);
    let note_style = ("sans-serif", 14).into_font().color(&BLACK);
    let quadrants = [
        (FourSClass::Strategic, (1.0 + tx) / 2.0, (1.0 + ty) / 2.0),
        (FourSClass::Star, tx / 2.0, (1.0 + ty) / 2.0),
        (FourSClass::Status, (1.0 + tx) / 2.0, ty / 2.0),
        (FourSClass::Streamline, tx / 2.0, ty / 2.0),
    ];
    for (class, x, y) in quadrants {
        let count = points
            .iter()
            .filter(|(_, m)| m.class == Class::FourS(class))
            .count();
        let tier = four_s
            .tiers
            .iter()
            .find(|(c, _)| *c == Class::FourS(class))
            .map_or_else(String::new, |(_, t)| t.to_string());
        chart
            .draw_series([
                Text::new(class.to_string(), (x + 0.08, y + 0.03), label_style.clone()),
                Text::new(
                    format!("{count} accounts, tier {tier}"),
                    (x + 0.08, y - 0.02),
                    note_style.clone(),
                ),
            ])
            .map_err(plot_error)?;
    }
    chart
        .draw_series([
            Text::new(
                format!("strength threshold {tx:.3}"),
                (tx - 0.01, 0.03),
                note_style.clone(),
            ),
            Text::new(
                format!("attractiveness threshold {ty:.3}"),
                (0.42, ty + 0.015),
                note_style.clone(),
            ),
        ])
        .map_err(plot_error)?;
    root.present().map_err(plot_error)?;
    Ok(())
}
