"""The 4S rule in numpy on the same data shape as `cargo bench --bench batch`: a row-major
10M x 3 matrix of uniform scores, validated, then tiers from the default 4S settings.

Prints the median rows per second of several runs. Run beside the Rust bench (same session):
    python3 benches/batch_numpy.py [rows]
"""

import sys
import time

import numpy as np


def four_s_tiers(m):
    if not ((m >= 0.0) & (m <= 1.0)).all():  # NaN compares false: invalid too
        raise ValueError("score outside [0, 1]")
    attractiveness = 0.4 * m[:, 0] + 0.6 * m[:, 1]
    strength = m[:, 2]
    # Tier codes: 3 Key (Strategic), 2 Development (Star), 1 Maintenance (Status), 0 Transactional.
    return (attractiveness >= 0.5).astype(np.uint8) * 2 + (strength >= 0.5).astype(np.uint8)


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    m = np.random.default_rng(42).random((rows, 3))
    four_s_tiers(m)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        four_s_tiers(m)
        times.append(time.perf_counter() - t)
    median = sorted(times)[len(times) // 2]
    print(f"numpy {np.__version__} 4S: {rows} rows, median {median * 1e3:.1f} ms, "
          f"{rows / median / 1e6:.1f} M rows/s")


if __name__ == "__main__":
    main()
