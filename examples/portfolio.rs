//! Portfolio report: reads a CSV of accounts (or the sample shipped with the crate), rolls
//! locations up to their groups, classifies with all four models, calibrates the 4S matrix to
//! 15-35 Key accounts, prints the report and draws the 4S matrix as an SVG picture.
//!
//! ```text
//! cargo run --example portfolio [-- accounts.csv [matrix.svg]]
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use keyaccount::portfolio::{
    calibrate, consensus, opportunities, read_csv_path, Attainment, Classification, Comparison,
    Concentration, ConcentrationOptions, ConsensusRule, Coverage, KeyRange, Migration,
    ScoringConfig, ShareMethod, Summary,
};
use keyaccount::{
    AnyModel, Class, Classifier, Factor, FourS, FourSClass, MillmanWilson, MissingRating,
    ModelKind, Position, RatingScale, ScoreField, Scorecard, Tier,
};
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

/// The scorecards of the sample data: five factors each, rated 1 to 10.
fn scoring() -> Result<ScoringConfig, keyaccount::Error> {
    let scale = RatingScale::default();
    let fit = Scorecard::new(
        ScoreField::StrategicFit,
        vec![
            Factor::new("growth", 0.30, scale),
            Factor::new("profitability", 0.25, scale),
            Factor::new("technology", 0.15, scale),
            Factor::new("reach", 0.10, scale),
            Factor::new("alignment", 0.20, scale),
        ],
        MissingRating::Error,
    )?;
    let strength = Scorecard::new(
        ScoreField::RelationshipStrength,
        vec![
            Factor::new("share_of_wallet", 0.25, scale),
            Factor::new("years", 0.10, scale),
            Factor::new("contacts", 0.25, scale),
            Factor::new("contract", 0.15, scale),
            Factor::new("trust", 0.25, scale),
        ],
        MissingRating::Error,
    )?;
    ScoringConfig::new(ShareMethod::default(), fit, strength)
}

fn main() -> ExitCode {
    match run() {
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

fn run() -> Result<(), ExampleError> {
    let mut args = std::env::args().skip(1);
    let csv_path = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/portfolio.csv"),
        PathBuf::from,
    );
    let svg_path = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/four_s_matrix.svg"),
        PathBuf::from,
    );

    let periods = read_csv_path(&csv_path)?;
    let (label, current) = periods.latest().ok_or(keyaccount::Error::EmptyPortfolio)?;
    let config = scoring()?;

    println!("Portfolio {} — period {label}", csv_path.display());
    let rolled = current.roll_up()?;
    let mut coverage: BTreeMap<Coverage, usize> = BTreeMap::new();
    for g in rolled.groups().iter().filter(|g| g.size > 1) {
        *coverage.entry(g.coverage).or_default() += 1;
    }
    println!(
        "{} accounts roll up to {} key-account candidates; groups with several sites by coverage: {}",
        current.len(),
        rolled.portfolio().len(),
        coverage
            .iter()
            .map(|(c, n)| format!("{n} {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let scored = rolled.score(&config)?;

    // Tiers: 4S calibrated to the practice range of Key accounts.
    let cal = calibrate(
        &scored,
        &AnyModel::from(FourS::default()),
        KeyRange::default(),
    );
    println!(
        "\n4S calibrated for {}-{} Key accounts: {} Key (default thresholds gave {}); thresholds {}",
        cal.range.min(),
        cal.range.max(),
        cal.key_count,
        cal.original_key_count,
        cal.cut_points
            .iter()
            .map(|c| format!("{} {:.3}", c.axis, c.value))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let four_s = &cal.classification;
    println!("\n{}", Summary::by_tier(four_s));
    println!("\n{}", Summary::by_class(four_s));

    // Concentration.
    let conc = Concentration::new(four_s, &ConcentrationOptions::default());
    println!("\nRevenue concentration\n{conc}");

    // Model agreement: every model against the calibrated 4S.
    let mut all: Vec<Classification> = ModelKind::ALL
        .iter()
        .filter(|k| **k != ModelKind::FourS)
        .map(|k| scored.classify(k.default_model()))
        .collect();
    println!("\nModel agreement with calibrated 4S");
    for other in &all {
        let c = Comparison::new(four_s, other)?;
        println!(
            "  {:<20} agreement {:>5.1}%  kappa {:>6.3}  Key accounts {}",
            other.model().name(),
            100.0 * c.agreement,
            c.kappa,
            other.count(Tier::Key)
        );
    }
    if let Some(first) = all.first() {
        println!("\n{}", Comparison::new(four_s, first)?);
    }
    all.push(four_s.clone());
    let agreed = consensus(&all, ConsensusRule::default())?;
    let mut by_tier: BTreeMap<Tier, usize> = BTreeMap::new();
    for c in &agreed {
        *by_tier.entry(c.tier).or_default() += 1;
    }
    println!(
        "Consensus of the four models (plurality, ties to the lower tier): {}",
        Tier::ALL
            .iter()
            .map(|t| format!("{} {}", by_tier.get(t).copied().unwrap_or(0), t))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Migration from the previous period, with the same calibrated model.
    if let Some((before_label, before)) = periods.previous() {
        let previous = before
            .roll_up()?
            .score(&config)?
            .classify(cal.model.clone());
        let migration = Migration::new(&previous, four_s, &MillmanWilson::default())?;
        println!("\nMigration {before_label} -> {label}\n{migration}");
        for m in &migration.down {
            println!(
                "  down {:<8} {:<34} {:>13} -> {:<13} revenue {:>10.0} -> {:>10.0}{}",
                m.id,
                m.name,
                m.from.label(),
                m.to.label(),
                m.previous_revenue,
                m.revenue,
                if m.uncoupling { "  Uncoupling-KAM" } else { "" }
            );
        }
        for u in &migration.uncoupling {
            println!(
                "  uncoupling {:<8} {:<34} {} (development {:.2} -> {:.2})",
                u.id, u.name, u.previous_stage, u.development_before, u.development_now
            );
        }
    }

    // Target attainment.
    let att = Attainment::new(four_s);
    println!("\nTarget attainment");
    for g in att.by_tier.iter().chain(std::iter::once(&att.total)) {
        println!(
            "  {:<14} {:>3} of {:>3} accounts with a target   revenue {:>11.0}  target {:>11.0}  {}",
            g.tier.map_or("Total", Tier::label),
            g.with_target,
            g.accounts,
            g.revenue,
            g.target,
            g.attainment
                .map_or_else(|| "-".to_owned(), |a| format!("{:.1}%", 100.0 * a))
        );
    }

    // Opportunities.
    println!("\nTop opportunities (Development tier, by headroom)");
    for o in opportunities(four_s, Tier::Development).iter().take(10) {
        println!(
            "  {:<8} {:<34} revenue {:>10.0}  potential {:>11.0}  headroom {:>11.0}  share of wallet {:>5.1}%",
            o.id,
            o.name,
            o.revenue,
            o.potential,
            o.headroom,
            100.0 * o.share_of_wallet
        );
    }

    draw_matrix(four_s, &cal.model, &svg_path)?;
    println!("\n4S matrix written to {}", svg_path.display());
    Ok(())
}

/// The 4S matrix: accounts as bubbles sized by revenue, quadrants labelled, thresholds drawn.
fn draw_matrix(
    c: &Classification,
    model: &AnyModel,
    path: &std::path::Path,
) -> Result<(), ExampleError> {
    let AnyModel::FourS(four_s) = model else {
        return Err(ExampleError::Plot("the matrix needs a 4S model".to_owned()));
    };
    let (tx, ty) = (
        four_s.strength_threshold(),
        four_s.attractiveness_threshold(),
    );
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

    let max_revenue = c
        .accounts()
        .map(|a| a.account.revenue)
        .fold(0.0f64, f64::max);
    let colour = |class: Class| match class {
        Class::FourS(FourSClass::Strategic) => RGBColor(200, 30, 45),
        Class::FourS(FourSClass::Star) => RGBColor(240, 150, 20),
        Class::FourS(FourSClass::Status) => RGBColor(30, 110, 190),
        _ => RGBColor(120, 120, 120),
    };
    // Smallest last so they stay visible on top of large bubbles.
    chart
        .draw_series(c.accounts().filter_map(|a| {
            let Position::FourS(p) = a.assessment.position else {
                return None;
            };
            let radius = if max_revenue > 0.0 {
                3.0 + 27.0 * (a.account.revenue / max_revenue).sqrt()
            } else {
                3.0
            };
            Some(Circle::new(
                (p.relative_strength, p.attractiveness),
                radius.round() as i32,
                colour(a.assessment.class).mix(0.45).filled(),
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
        let count = c
            .accounts()
            .filter(|a| a.assessment.class == Class::FourS(class))
            .count();
        chart
            .draw_series([
                Text::new(class.to_string(), (x + 0.08, y + 0.03), label_style.clone()),
                Text::new(
                    format!("{} accounts, tier {}", count, four_s.tier_of(class)),
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
