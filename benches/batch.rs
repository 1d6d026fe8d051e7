//! Batch throughput in rows per second, next to a read-only baseline loop that marks the
//! memory limit. Run with `cargo bench --bench batch`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use keyaccount::batch::{AllModels, BatchClassifier, BatchScorer};
use keyaccount::{Factor, FourS, MissingRating, RatingScale, ScoreField, Scorecard, Tier};
use ndarray::{s, Array1, Array2};

const SIZES: [usize; 3] = [1_000, 100_000, 10_000_000];
const FACTORS: usize = 10;

/// Deterministic values in [0, 1) (xorshift), so every run measures the same data.
fn uniform(n: usize, seed: u64) -> Vec<f64> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn scores(rows: usize) -> Array2<f64> {
    Array2::from_shape_vec((rows, 3), uniform(3 * rows, 42)).expect("shape")
}

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

/// Reads the three columns of every row and writes one byte a row: the memory-limit reference.
fn baseline(c: &mut Criterion) {
    let mut g = configure(c, "baseline_read");
    for rows in SIZES {
        let m = scores(rows);
        let mut out = vec![0u8; rows];
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::from_parameter(rows), &m, |b, m| {
            b.iter(|| {
                let data = black_box(m.as_slice().expect("standard layout"));
                for (o, row) in out.iter_mut().zip(data.chunks_exact(3)) {
                    *o = (row[0].to_bits() ^ row[1].to_bits() ^ row[2].to_bits()) as u8;
                }
                black_box(&out);
            });
        });
    }
    g.finish();
}

fn four_s(c: &mut Criterion) {
    let model = FourS::default();
    let mut g = configure(c, "four_s");
    for rows in SIZES {
        let m = scores(rows);
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::new("classify_batch", rows), &m, |b, m| {
            b.iter(|| black_box(model.classify_batch(black_box(m.view())).expect("valid")));
        });
        let mut tiers = Array1::from_elem(rows, Tier::Transactional);
        g.bench_with_input(BenchmarkId::new("tiers_batch", rows), &m, |b, m| {
            b.iter(|| {
                model
                    .tiers_batch(black_box(m.view()), tiers.view_mut())
                    .expect("valid");
                black_box(&tiers);
            });
        });
    }
    g.finish();
}

fn all_four(c: &mut Criterion) {
    let models = AllModels::default();
    let mut g = configure(c, "all_four");
    for rows in SIZES {
        let m = scores(rows);
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::new("classify_batch", rows), &m, |b, m| {
            b.iter(|| black_box(models.classify_batch(black_box(m.view())).expect("valid")));
        });
        let mut out = models.classify_batch(m.view()).expect("valid");
        g.bench_with_input(BenchmarkId::new("classify_batch_into", rows), &m, |b, m| {
            b.iter(|| {
                models
                    .classify_batch_into(black_box(m.view()), &mut out)
                    .expect("valid");
                black_box(&out);
            });
        });
    }
    g.finish();
}

fn card(score: ScoreField, names: &[&str]) -> Scorecard {
    let w = 1.0 / names.len() as f64;
    let factors = names
        .iter()
        .map(|n| Factor::new(*n, w, RatingScale::default()))
        .collect();
    Scorecard::new(score, factors, MissingRating::Error).expect("valid scorecard")
}

/// Ten factor columns in one row-major raw matrix (five per scorecard, on a 1 to 10 scale)
/// plus a revenue-share column, scored and classified with 4S in one pass.
fn scoring_four_s(c: &mut Criterion) {
    let scorer = BatchScorer::new(
        card(
            ScoreField::StrategicFit,
            &["growth", "margin", "volume", "fit", "prestige"],
        ),
        card(
            ScoreField::RelationshipStrength,
            &["trust", "access", "share", "tenure", "reputation"],
        ),
    )
    .expect("valid scorer");
    let model = FourS::default();
    let mut g = configure(c, "scoring_10_factors_four_s");
    for rows in SIZES {
        let raw = Array2::from_shape_vec(
            (rows, FACTORS),
            uniform(FACTORS * rows, 7)
                .into_iter()
                .map(|u| 1.0 + 9.0 * u)
                .collect(),
        )
        .expect("shape");
        let revenue = Array1::from_vec(uniform(rows, 9));
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::from_parameter(rows), &raw, |b, raw| {
            b.iter(|| {
                let fit = raw.slice(s![.., ..5]);
                let strength = raw.slice(s![.., 5..]);
                black_box(
                    scorer
                        .classify(&model, revenue.view(), fit, strength)
                        .expect("valid"),
                )
            });
        });
    }
    g.finish();
}

criterion_group!(benches, baseline, four_s, all_four, scoring_four_s);
criterion_main!(benches);
