//! The synthetic portfolio of the portfolio benchmark and the pipeline it times, shared by
//! `benches/portfolio.rs` and `examples/pipeline.rs`; `benches/portfolio_polars.py` reads the
//! same file.
//!
//! Deterministic (xorshift, fixed seed): `n` accounts in each of two periods, 2% of them
//! groups, 10% locations under a group, the rest stand-alone; five strategic-fit and five
//! relationship-strength ratings from 1 to 10; potential and target for every account.

#![allow(dead_code)] // each includer uses a part

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use keyaccount::portfolio::{
    calibrate, consensus, opportunities, read_csv_path, Attainment, Comparison, Concentration,
    ConcentrationOptions, ConsensusRule, KeyRange, Migration, Periods, ScoringConfig, ShareMethod,
    Summary,
};
use keyaccount::{
    AnyModel, Factor, FourS, MillmanWilson, MissingRating, RatingScale, ScoreField, Scorecard, Tier,
};

pub const FIT: [&str; 5] = [
    "growth",
    "profitability",
    "technology",
    "reach",
    "alignment",
];
pub const STRENGTH: [&str; 5] = ["share_of_wallet", "years", "contacts", "contract", "trust"];
pub const PERIODS: [&str; 2] = ["2024", "2025"];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The generated file for `n` accounts a period, written once under `target/`.
pub fn data_file(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/portfolio-bench");
    let path = dir.join(format!("accounts_{n}.csv"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("create target/portfolio-bench");
        let tmp = dir.join(format!("accounts_{n}.csv.part"));
        write_csv(n, &tmp).expect("write the generated portfolio");
        std::fs::rename(&tmp, &path).expect("move the generated portfolio in place");
    }
    path
}

/// Writes the synthetic portfolio of `n` accounts a period to `path`.
pub fn write_csv(n: usize, path: &Path) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut header = String::from("period,id,name,revenue,parent,country,region,potential,target");
    for f in FIT {
        write!(header, ",fit:{f}").ok();
    }
    for f in STRENGTH {
        write!(header, ",strength:{f}").ok();
    }
    writeln!(out, "{header}")?;
    let groups = (n / 50).max(1);
    let locations = n / 10;
    let countries = ["DE", "FR", "PL", "US", "IT", "ES", "NL", "SE", "CZ", "AT"];
    let mut line = String::with_capacity(256);
    for (p, period) in PERIODS.iter().enumerate() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut drift = XorShift(0xD1B5_4A32_D192_ED03 ^ p as u64);
        for i in 0..n {
            line.clear();
            // Log-uniform revenue between 1e3 and 1e7; the later period drifts by up to +-20%.
            let revenue = 1e3 * 10f64.powf(4.0 * rng.unit());
            let revenue = (revenue * (0.8 + 0.4 * drift.unit()) * 100.0).round() / 100.0;
            let country = countries[rng.below(countries.len() as u64) as usize];
            let region = rng.below(8);
            write!(line, "{period},A{i:07},Account {i},{revenue}").ok();
            if i >= groups && i < groups + locations {
                let parent = rng.below(groups as u64);
                write!(line, ",A{parent:07}").ok();
            } else {
                line.push(',');
                rng.next();
            }
            let potential = (revenue * (1.0 + 3.0 * rng.unit())).ceil();
            let target = (revenue * (0.8 + 0.5 * rng.unit())).round();
            write!(line, ",{country},{country}-{region},{potential},{target}").ok();
            for _ in 0..FIT.len() + STRENGTH.len() {
                let rating = 1 + rng.below(10) + drift.below(2);
                write!(line, ",{}", rating.min(10)).ok();
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    out.flush()
}

/// The scorecards of the synthetic portfolio: five factors each, equal weights.
pub fn config() -> ScoringConfig {
    let card = |score, names: &[&str]| {
        let factors = names
            .iter()
            .map(|n| Factor::new(*n, 0.2, RatingScale::default()))
            .collect();
        Scorecard::new(score, factors, MissingRating::Error).expect("valid scorecard")
    };
    ScoringConfig::new(
        ShareMethod::default(),
        card(ScoreField::StrategicFit, &FIT),
        card(ScoreField::RelationshipStrength, &STRENGTH),
    )
    .expect("valid configuration")
}

/// A few figures of the pipeline's result, so that nothing is optimized away.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub accounts: usize,
    pub groups: usize,
    pub key: [usize; 4],
    pub calibrated_key: usize,
    pub kappa: f64,
    pub consensus_key: usize,
    pub hhi: f64,
    pub moved: usize,
    pub attainment: Option<f64>,
    pub opportunities: usize,
    pub summary_rows: usize,
}

/// Reads the file and runs every step on it.
pub fn pipeline_from_file(path: &Path) -> keyaccount::Result<Outcome> {
    let mut t = Marks::new();
    let periods = read_csv_path(path)?;
    t.mark("read_csv");
    pipeline(&periods)
}

/// Prints how long each step took, when the environment sets `PIPELINE_STEPS` (the example
/// does; the bench times steps on its own).
pub struct Marks(Option<std::time::Instant>);

impl Marks {
    fn new() -> Self {
        Marks(std::env::var_os("PIPELINE_STEPS").map(|_| std::time::Instant::now()))
    }
    pub fn mark(&mut self, step: &str) {
        if let Some(t) = &mut self.0 {
            eprintln!("{step:<28}{:>8.3} s", t.elapsed().as_secs_f64());
            *t = std::time::Instant::now();
        }
    }
}

/// Every portfolio step on the last two periods: roll-up, scores, all four models,
/// calibration, comparisons, consensus, concentration, migration, attainment, opportunities
/// and summaries.
pub fn pipeline(periods: &Periods) -> keyaccount::Result<Outcome> {
    let mut t = Marks::new();
    let config = config();
    let (_, current) = periods.latest().ok_or(keyaccount::Error::EmptyPortfolio)?;
    let (_, previous) = periods
        .previous()
        .ok_or(keyaccount::Error::EmptyPortfolio)?;
    let rolled = current.roll_up()?;
    t.mark("roll_up");
    let scored = rolled.score(&config)?;
    t.mark("score");
    let all = scored.classify_all();
    t.mark("classify_all");
    let before = previous
        .roll_up()?
        .score(&config)?
        .classify(FourS::default());
    t.mark("previous period");
    let cal = calibrate(
        &scored,
        &AnyModel::from(FourS::default()),
        KeyRange::default(),
    );
    t.mark("calibrate");
    let four_s = &all[3];
    let mut kappa = 0.0;
    for other in &all[..3] {
        kappa += Comparison::new(other, four_s)?.kappa;
    }
    t.mark("comparisons");
    let votes = consensus(&all, ConsensusRule::default())?;
    t.mark("consensus");
    let concentration = Concentration::new(four_s, &ConcentrationOptions::default());
    t.mark("concentration");
    let migration = Migration::new(&before, four_s, &MillmanWilson::default())?;
    t.mark("migration");
    let attainment = Attainment::new(four_s);
    let development = opportunities(four_s, Tier::Development);
    t.mark("attainment, opportunities");
    let summaries = [Summary::by_tier(four_s), Summary::by_class(four_s)];
    t.mark("summaries");
    Ok(Outcome {
        accounts: current.len(),
        groups: rolled.groups().len(),
        key: [0, 1, 2, 3].map(|m| all[m].count(Tier::Key)),
        calibrated_key: cal.key_count,
        kappa,
        consensus_key: votes.iter().filter(|v| v.tier == Tier::Key).count(),
        hhi: concentration.hhi,
        moved: migration.up.len() + migration.down.len(),
        attainment: attainment.total.attainment,
        opportunities: development.len(),
        summary_rows: summaries.iter().map(|s| s.rows.len()).sum(),
    })
}
