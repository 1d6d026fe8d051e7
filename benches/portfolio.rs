//! The portfolio steps on a synthetic portfolio of 1e4, 1e5 and 1e6 accounts in two periods
//! (see `support/portfolio_data.rs`), each step timed on its own, plus the whole pipeline from the CSV
//! file. Throughput is in accounts (rows of one period). Run with
//! `cargo bench --bench portfolio`; `benches/portfolio_polars.py` runs the same pipeline in
//! polars on the same file as the baseline.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use keyaccount::portfolio::{
    calibrate, consensus, opportunities, read_csv_path, Attainment, Comparison, Concentration,
    ConcentrationOptions, ConsensusRule, KeyRange, Migration, Summary,
};
use keyaccount::{AnyModel, FourS, MillmanWilson, Tier};

#[path = "support/portfolio_data.rs"]
mod portfolio_data;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// The sizes to run: all, or those listed in `PORTFOLIO_BENCH_SIZES` (e.g. `10000,100000`).
fn sizes() -> Vec<usize> {
    std::env::var("PORTFOLIO_BENCH_SIZES").map_or_else(
        |_| SIZES.to_vec(),
        |list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        },
    )
}

fn steps(c: &mut Criterion) {
    let config = portfolio_data::config();
    for n in sizes() {
        let path = portfolio_data::data_file(n);
        let mut g = c.benchmark_group("portfolio");
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(if n >= 1_000_000 { 8 } else { 2 }))
            .throughput(Throughput::Elements(n as u64));
        let id = |step: &str| BenchmarkId::new(step, n);

        g.bench_function(id("pipeline"), |b| {
            b.iter(|| portfolio_data::pipeline_from_file(&path).expect("pipeline"));
        });
        g.bench_function(id("read_csv"), |b| {
            b.iter(|| read_csv_path(&path).expect("read"));
        });
        let periods = read_csv_path(&path).expect("read");
        let (_, current) = periods.latest().expect("a period");
        let (_, previous) = periods.previous().expect("two periods");
        g.bench_function(id("roll_up"), |b| {
            b.iter(|| current.roll_up().expect("roll up"))
        });
        let rolled = current.roll_up().expect("roll up");
        g.bench_function(id("score"), |b| {
            b.iter(|| rolled.score(&config).expect("score"))
        });
        let scored = rolled.score(&config).expect("score");
        g.bench_function(id("classify_all"), |b| b.iter(|| scored.classify_all()));
        let all = scored.classify_all();
        let four_s = &all[3];
        let model = AnyModel::from(FourS::default());
        g.bench_function(id("calibrate"), |b| {
            b.iter(|| calibrate(&scored, &model, KeyRange::default()));
        });
        g.bench_function(id("comparison"), |b| {
            b.iter(|| Comparison::new(&all[0], four_s).expect("compare"));
        });
        g.bench_function(id("consensus"), |b| {
            b.iter(|| consensus(&all, ConsensusRule::default()).expect("consensus"));
        });
        g.bench_function(id("concentration"), |b| {
            b.iter(|| Concentration::new(four_s, &ConcentrationOptions::default()));
        });
        let before = previous
            .roll_up()
            .and_then(|r| r.score(&config))
            .expect("previous period")
            .classify(FourS::default());
        let mw = MillmanWilson::default();
        g.bench_function(id("migration"), |b| {
            b.iter(|| Migration::new(&before, four_s, &mw).expect("migration"));
        });
        g.bench_function(id("attainment_opportunities"), |b| {
            b.iter(|| {
                (
                    Attainment::new(four_s),
                    opportunities(four_s, Tier::Development),
                )
            });
        });
        g.bench_function(id("summaries"), |b| {
            b.iter(|| (Summary::by_tier(four_s), Summary::by_class(four_s)));
        });
        black_box(&all);
        g.finish();
    }
}

criterion_group!(benches, steps);
criterion_main!(benches);
