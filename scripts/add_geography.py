#!/usr/bin/env python3
"""Adds `district` and `territory` columns to data/portfolio.csv, so that every coverage level
occurs in the sample (the `region` column is the division level).

Each location gets one of two districts of its region and one of two territories of its
district, from a CRC-32 of its account id: the same account gets the same place in every period,
and the file is the same on every run. Names carry their parent's name ("Bavaria North",
"Bavaria North 2"), so no unit sits under two parents. Every existing row, column and value is
kept; the two columns are appended (existing column positions do not move). Running it again
recomputes the two columns from the others.

    python3 scripts/add_geography.py            # rewrites data/portfolio.csv
"""
import csv
import io
import os
import zlib

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "portfolio.csv")
NEW = ["district", "territory"]


def place(account_id, region):
    h = zlib.crc32(account_id.encode("utf-8"))
    district = f"{region} {'North' if h % 2 == 0 else 'South'}"
    territory = f"{district} {1 + (h // 2) % 2}"
    return district, territory


def main():
    with open(PATH, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = [c for c in rows[0] if c not in NEW]
    keep = [i for i, c in enumerate(rows[0]) if c not in NEW]
    id_col, region_col = header.index("id"), header.index("region")
    out = [header + NEW]
    for row in rows[1:]:
        row = [row[i] for i in keep]
        region = row[region_col]
        out.append(row + (list(place(row[id_col], region)) if region else ["", ""]))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(out)
    with open(PATH, "w", newline="", encoding="utf-8") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    main()
