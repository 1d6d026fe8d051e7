#!/usr/bin/env python3
"""Writes data/crm_export.csv: a fictional CRM export shaped unlike data/portfolio.csv.

500 customer groups (a third with sites in other regions or countries), semicolon-separated,
decimal commas, the CRM's own header names, last year's revenue in a wide `revenue_prev`
column, ratings 1 to 5 in `fit_*` and `rel_*` columns on the group rows only. Deterministic:
the same file on every run (a fixed seed, no clock).

    python3 scripts/make_sample2.py            # writes data/crm_export.csv
"""
import os
import random

rng = random.Random(20240917)

STEMS = ["Alder", "Basalt", "Cobalt", "Dune", "Ember", "Fjell", "Granit", "Harbor", "Iris",
         "Juniper", "Kestrel", "Lumen", "Marlin", "Nimbus", "Onyx", "Pinnacle", "Quill",
         "Raven", "Sable", "Tundra", "Umber", "Vale", "Willow", "Xenon", "Yarrow", "Zephyr"]
TRADES = ["Foods", "Logistics", "Pharma", "Automotive", "Packaging", "Retail", "Energy",
          "Chemicals", "Textiles", "Electronics", "Hospitality", "Construction", "Agrar",
          "Medical", "Paper", "Plastics", "Optics", "Mining", "Marine", "Brewing"]
FORMS = {"DE": "GmbH", "AT": "GmbH", "CH": "AG", "FR": "SAS", "IT": "S.r.l.", "ES": "S.L.",
         "PL": "Sp. z o.o.", "CZ": "s.r.o.", "NL": "B.V.", "SE": "AB"}
REGIONS = {
    "DE": ["Bayern", "Hessen", "Sachsen", "Nordrhein-Westfalen", "Baden-Wuerttemberg"],
    "AT": ["Wien", "Tirol", "Steiermark"],
    "CH": ["Zuerich", "Bern", "Vaud"],
    "FR": ["Ile-de-France", "Occitanie", "Bretagne", "Grand Est"],
    "IT": ["Lombardia", "Veneto", "Piemonte"],
    "ES": ["Cataluna", "Madrid", "Valencia"],
    "PL": ["Mazowieckie", "Slaskie", "Pomorskie"],
    "CZ": ["Praha", "Jihomoravsky"],
    "NL": ["Noord-Holland", "Zuid-Holland", "Utrecht"],
    "SE": ["Stockholm", "Vastra Gotaland"],
}
COUNTRIES = list(REGIONS)
FIT = ["growth", "margin", "innovation", "access"]
REL = ["trust", "contacts", "tenure", "integration"]


def money(x):
    """An amount with a decimal comma and two decimals, as the CRM writes it."""
    return f"{x:.2f}".replace(".", ",")


def rating(base):
    return str(min(5, max(1, round(base + rng.gauss(0, 0.8)))))


def main():
    rows = []
    used = set()
    for g in range(1, 501):
        while True:
            name = f"{rng.choice(STEMS)} {rng.choice(TRADES)}"
            if name not in used:
                used.add(name)
                break
        country = rng.choice(COUNTRIES)
        region = rng.choice(REGIONS[country])
        gid = f"K{10000 + g * 7}"
        revenue = rng.lognormvariate(10.6, 1.4)
        # Groups with much business tend to rate higher: a noisy link, not a rule.
        quality = min(5.0, max(1.0, 1.5 + 0.35 * (revenue ** 0.5) / 100 + rng.gauss(0, 1.0)))
        fit = [rating(quality) for _ in FIT]
        rel = [rating(quality + rng.gauss(0, 0.6)) for _ in REL]
        if rng.random() < 0.08:
            rel[rng.randrange(len(REL))] = ""  # not rated: the analysis file says "reweight"
        trend = rng.choice([0.6, 0.85, 1.0, 1.05, 1.1, 1.2, 1.5]) * rng.uniform(0.95, 1.05)
        new_customer = rng.random() < 0.04
        rows.append([gid, f"{name} {FORMS[country]}", "", country, region, revenue,
                     None if new_customer else revenue / trend, fit, rel])
        # A third of the groups have sites: some abroad (global), some at home (national).
        if rng.random() < 0.34:
            for s in range(1, rng.randint(1, 4) + 1):
                sc = country if rng.random() < 0.6 else rng.choice(COUNTRIES)
                sr = rng.choice(REGIONS[sc])
                sr_rev = revenue * rng.uniform(0.05, 0.6)
                rows.append([f"{gid}-{s:02d}", f"{name} {sr}", gid, sc, sr, sr_rev,
                             None if new_customer else sr_rev / trend, [""] * len(FIT),
                             [""] * len(REL)])

    header = ["Customer No", "Customer", "Parent No", "Country", "Region", "Revenue",
              "revenue_prev", "Potential", "Target"] + \
             [f"fit_{f}" for f in FIT] + [f"rel_{r}" for r in REL]
    lines = [";".join(header)]
    for cid, name, parent, country, region, rev, prev, fit, rel in rows:
        potential = rev * rng.uniform(1.1, 4.0)
        target = rev * rng.uniform(0.9, 1.25) if rng.random() < 0.9 else None
        cells = [cid, name, parent, country, region, money(rev),
                 "" if prev is None else money(prev), money(potential),
                 "" if target is None else money(target)] + fit + rel
        lines.append(";".join(cells))
    out = os.path.join(os.path.dirname(__file__), "..", "data", "crm_export.csv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
