#!/usr/bin/env python3
"""Writes data/products.csv: product data for the latest period of data/portfolio.csv.

A long table, one row per account and product line (`id,product,revenue,potential`), for every
account id of the latest period (groups and their members). Each account's revenue is split
over the lines it buys and its whitespace (potential - revenue) over the lines it needs, so
per account the lines' revenue sums to its revenue and their potential to its potential,
exactly (whole units). A line the account neither buys nor needs has no row. Deterministic: a
fixed seed, no clock.

    python3 scripts/make_products.py            # writes data/products.csv
"""
import csv
import os
import random

LINES = ["castings", "machining", "coatings", "tooling", "service"]
# How common each line is in a customer's spend: castings is the core business.
POPULARITY = [1.0, 0.8, 0.6, 0.4, 0.7]

rng = random.Random(20251128)


def split(total, weights):
    """`total` (whole units) split by `weights`; the rounding rest goes to the largest part."""
    s = sum(weights)
    parts = [int(total * w / s) for w in weights]
    parts[max(range(len(parts)), key=lambda i: parts[i])] += total - sum(parts)
    return parts


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    source = os.path.join(here, "..", "data", "portfolio.csv")
    with open(source, newline="") as f:
        rows = list(csv.DictReader(f))
    latest = max(r["period"] for r in rows)
    out = []
    for r in rows:
        if r["period"] != latest:
            continue
        revenue = int(round(float(r["revenue"])))
        potential = max(int(round(float(r["potential"]))), revenue)
        # Lines the customer needs (at least two), and among them the lines it buys from us
        # (at least one, castings first when needed).
        needed = [i for i, p in enumerate(POPULARITY) if rng.random() < p]
        while len(needed) < 2:
            extra = rng.randrange(len(LINES))
            if extra not in needed:
                needed.append(extra)
        needed.sort()
        bought = [i for i in needed if rng.random() < 0.65] or [needed[0]]
        rev = dict(zip(bought, split(revenue, [rng.uniform(0.3, 1.0) for _ in bought])))
        gap = dict(
            zip(needed, split(potential - revenue, [rng.uniform(0.1, 1.0) for _ in needed]))
        )
        for i in needed:
            line_revenue = rev.get(i, 0)
            out.append((r["id"], LINES[i], line_revenue, line_revenue + gap[i]))
    target = os.path.join(here, "..", "data", "products.csv")
    with open(target, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "product", "revenue", "potential"])
        w.writerows(out)


if __name__ == "__main__":
    main()
