#!/usr/bin/env python3
"""The portfolio pipeline in polars, as the baseline of `benches/portfolio.rs`.

Runs, on the same generated file (benches/support/portfolio_data.rs, written under
target/portfolio-bench/), both
  - keyaccount's whole pipeline (the release `pipeline` example: read the CSV, roll up, score,
    all four models, calibration, comparisons, consensus, concentration, migration, attainment,
    opportunities, summaries), timed as a process, and
  - the core of it in polars: read the CSV, roll locations up to their group, revenue-weighted
    ratings, the three scores and the 4S rule, for both periods,
and prints the medians and their ratio.

    pip install polars
    cargo build --release --example pipeline
    python3 benches/portfolio_polars.py [ACCOUNTS ...] [--repeat R]
"""

import os
import resource
import statistics
import subprocess
import sys
import time

import polars as pl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "pipeline")
FIT = ["growth", "profitability", "technology", "reach", "alignment"]
STRENGTH = ["share_of_wallet", "years", "contacts", "contract", "trust"]


def data_file(n):
    path = os.path.join(ROOT, "target", "portfolio-bench", f"accounts_{n}.csv")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([EXAMPLE, "--write", str(n), path], check=True)
    return path


def polars_pipeline(path):
    ratings = [f"fit:{f}" for f in FIT] + [f"strength:{f}" for f in STRENGTH]
    df = pl.read_csv(path, schema_overrides={"period": pl.Utf8, "parent": pl.Utf8})
    df = df.with_columns(pl.coalesce("parent", "id").alias("group"))
    weighted = [(pl.col(r) * pl.col("revenue")).sum() / pl.col("revenue").sum() for r in ratings]
    groups = df.group_by("period", "group").agg(
        [pl.col("revenue").sum()] + [w.alias(r) for w, r in zip(weighted, ratings)]
    )
    total = pl.col("revenue").sum().over("period")
    share = pl.col("revenue") / total
    share_score = ((share.log10() + 3.0) / 2.0).clip(0.0, 1.0)
    fit = sum(((pl.col(f"fit:{f}") - 1.0) / 9.0) * 0.2 for f in FIT)
    strength = sum(((pl.col(f"strength:{f}") - 1.0) / 9.0) * 0.2 for f in STRENGTH)
    scored = groups.with_columns(
        share_score.alias("rs"), fit.clip(0, 1).alias("fit"), strength.clip(0, 1).alias("st")
    )
    attractiveness = 0.4 * pl.col("rs") + 0.6 * pl.col("fit")
    four_s = (
        pl.when((attractiveness >= 0.5) & (pl.col("st") >= 0.5)).then(pl.lit("Strategic"))
        .when(attractiveness >= 0.5).then(pl.lit("Star"))
        .when(pl.col("st") >= 0.5).then(pl.lit("Status"))
        .otherwise(pl.lit("Streamline"))
    )
    classes = scored.with_columns(four_s.alias("class"))
    return classes.group_by("period", "class").len().sort("period", "class")


def cpu_seconds():
    """User + system time of this process and its finished children, all threads."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def median_time(run, repeat):
    """Medians of wall-clock and CPU seconds (CPU time is steadier on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), cpu_seconds()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv):
    repeat = 3
    sizes = []
    args = iter(argv)
    for a in args:
        if a == "--repeat":
            repeat = int(next(args))
        else:
            sizes.append(int(a))
    sizes = sizes or [10_000, 100_000, 1_000_000]
    if not os.path.exists(EXAMPLE):
        sys.exit("build it first: cargo build --release --example pipeline")
    print(f"median of {repeat} runs; wall-clock seconds, then CPU seconds (user + system, all threads)")
    print(f"{'accounts':>10} {'keyaccount':>11} {'polars':>8} {'ratio':>6} {'keyaccount cpu':>15} {'polars cpu':>11} {'ratio':>6}")
    for n in sizes:
        path = data_file(n)
        ours = median_time(
            lambda: subprocess.run([EXAMPLE, str(n), path], check=True, stdout=subprocess.DEVNULL),
            repeat,
        )
        theirs = median_time(lambda: polars_pipeline(path), repeat)
        print(
            f"{n:>10} {ours[0]:>11.3f} {theirs[0]:>8.3f} {ours[0] / theirs[0]:>6.2f}"
            f" {ours[1]:>15.3f} {theirs[1]:>11.3f} {ours[1] / theirs[1]:>6.2f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
