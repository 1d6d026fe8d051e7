//! Batch throughput in rows per second, next to read-only baseline loops that mark the memory
//! limit. Run with `cargo bench --bench batch` (add `--features rayon` for the all-core
//! groups). At the end it prints every path's ratio to the baseline of the same size measured
//! in the same run (paths not run in this run are left out).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
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

/// Reads the eleven values a row of the scoring bench (ten ratings and a revenue share: 88
/// bytes) and writes one byte a row: the memory-limit reference for scoring.
fn baseline_88(c: &mut Criterion) {
    let mut g = configure(c, "baseline_read_88");
    for rows in SIZES {
        let raw =
            Array2::from_shape_vec((rows, FACTORS), uniform(FACTORS * rows, 7)).expect("shape");
        let revenue = uniform(rows, 9);
        let mut out = vec![0u8; rows];
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::from_parameter(rows), &raw, |b, raw| {
            b.iter(|| {
                let data = black_box(raw.as_slice().expect("standard layout"));
                let rows = data.chunks_exact(FACTORS).zip(black_box(&revenue));
                for (o, (row, r)) in out.iter_mut().zip(rows) {
                    *o = row.iter().fold(r.to_bits(), |a, x| a ^ x.to_bits()) as u8;
                }
                black_box(&out);
            });
        });
    }
    g.finish();
}

/// The control: a plain hand-written 4S loop with validation, default settings.
fn control(c: &mut Criterion) {
    let mut g = configure(c, "control_plain_four_s");
    for rows in SIZES {
        let m = scores(rows);
        let mut out = vec![Tier::Transactional; rows];
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::from_parameter(rows), &m, |b, m| {
            b.iter(|| {
                let data = black_box(m.as_slice().expect("standard layout"));
                let mut ok = true;
                for (o, row) in out.iter_mut().zip(data.chunks_exact(3)) {
                    let (r, f, s) = (row[0], row[1], row[2]);
                    ok &= (0.0..=1.0).contains(&r)
                        & (0.0..=1.0).contains(&f)
                        & (0.0..=1.0).contains(&s);
                    let a = 0.4 * r + 0.6 * f >= 0.5;
                    let st = s >= 0.5;
                    *o = match (a, st) {
                        (true, true) => Tier::Key,
                        (true, false) => Tier::Development,
                        (false, true) => Tier::Maintenance,
                        (false, false) => Tier::Transactional,
                    };
                }
                assert!(ok);
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

/// All cores against one: the same calls inside a one-thread pool and in the global pool, and
/// a read-only loop over all cores.
#[cfg(feature = "rayon")]
fn threads(c: &mut Criterion) {
    use rayon::prelude::*;
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let model = FourS::default();
    let mut g = configure(c, "threads");
    for rows in SIZES {
        let m = scores(rows);
        let mut tiers = Array1::from_elem(rows, Tier::Transactional);
        let mut out = vec![0u8; rows];
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(
            BenchmarkId::new("baseline_read_all_cores", rows),
            &m,
            |b, m| {
                b.iter(|| {
                    let data = black_box(m.as_slice().expect("standard layout"));
                    out.par_chunks_mut(4096)
                        .zip(data.par_chunks(3 * 4096))
                        .for_each(|(o, d)| {
                            for (o, row) in o.iter_mut().zip(d.chunks_exact(3)) {
                                *o = (row[0].to_bits() ^ row[1].to_bits() ^ row[2].to_bits()) as u8;
                            }
                        });
                    black_box(&out);
                });
            },
        );
        g.bench_with_input(
            BenchmarkId::new("four_s_tiers_one_thread", rows),
            &m,
            |b, m| {
                b.iter(|| {
                    one.install(|| model.tiers_batch(black_box(m.view()), tiers.view_mut()))
                        .expect("valid");
                    black_box(&tiers);
                });
            },
        );
        g.bench_with_input(
            BenchmarkId::new("four_s_tiers_all_cores", rows),
            &m,
            |b, m| {
                b.iter(|| {
                    model
                        .tiers_batch(black_box(m.view()), tiers.view_mut())
                        .expect("valid");
                    black_box(&tiers);
                });
            },
        );
    }
    g.finish();
}

#[cfg(not(feature = "rayon"))]
fn threads(_: &mut Criterion) {}

/// The median time of a path in this run, from criterion's estimates (files older than this
/// run are ignored).
fn median_ns(dir: &std::path::Path, since: std::time::SystemTime) -> Option<f64> {
    let file = dir.join("new").join("estimates.json");
    if std::fs::metadata(&file).ok()?.modified().ok()? < since {
        return None;
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Prints each path's throughput and its ratio to the baseline of the same size.
fn ratios(since: std::time::SystemTime) {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("criterion");
    let paths: [(&str, &str, &str); 10] = [
        (
            "baseline_read",
            "baseline_read",
            "read-only loop, 24 B a row",
        ),
        (
            "control_plain_four_s",
            "baseline_read",
            "control: plain 4S loop with validation",
        ),
        ("four_s/tiers_batch", "baseline_read", "4S tiers_batch"),
        (
            "four_s/classify_batch",
            "baseline_read",
            "4S classify_batch",
        ),
        (
            "all_four/classify_batch_into",
            "baseline_read",
            "all four, classify_batch_into",
        ),
        (
            "all_four/classify_batch",
            "baseline_read",
            "all four, classify_batch",
        ),
        (
            "scoring_10_factors_four_s",
            "baseline_read_88",
            "10-factor scoring + 4S (vs 88 B loop)",
        ),
        (
            "threads/four_s_tiers_one_thread",
            "baseline_read",
            "4S tiers_batch, one-thread pool",
        ),
        (
            "threads/four_s_tiers_all_cores",
            "threads/four_s_tiers_one_thread",
            "4S tiers_batch, all cores (vs one thread)",
        ),
        (
            "threads/four_s_tiers_all_cores",
            "threads/baseline_read_all_cores",
            "4S tiers_batch, all cores (vs all-core loop)",
        ),
    ];
    println!(
        "\n{:<46} {:>10} {:>10} {:>8}",
        "path (ratio to baseline, same run)", "rows", "M rows/s", "ratio"
    );
    for (path, base, label) in paths {
        for rows in SIZES {
            let at = |p: &str| median_ns(&root.join(p).join(rows.to_string()), since);
            if let (Some(t), Some(b)) = (at(path), at(base)) {
                let mrows = rows as f64 / t * 1e3;
                println!("{label:<46} {rows:>10} {mrows:>10.1} {:>8.2}", b / t);
            }
        }
    }
}

criterion_group!(
    benches,
    baseline,
    baseline_88,
    control,
    four_s,
    all_four,
    scoring_four_s,
    threads
);

fn main() {
    let since = std::time::SystemTime::now();
    benches();
    Criterion::default().configure_from_args().final_summary();
    ratios(since);
}
