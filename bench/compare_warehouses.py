"""Compare two warehouses row for row: every contract table, and the stage tables a speed change must not alter.

usage: .venv/bin/python -m bench.compare_warehouses BEFORE.duckdb AFTER.duckdb [--tables documents ...]

For each table, the rows of one warehouse missing from the other (as multisets, `except all` both ways), with
the columns that hold the time of a run (`ingested_at`, `cleaned_at`, `detected_at`, `seen_at`) or of the corpus
files (`mtime_ns`: a corpus written again) left out.
Exits 1 when any table differs, printing a few differing rows.
"""

from __future__ import annotations

import argparse
import sys

import duckdb

CONTRACT = ["documents", "entities", "mentions", "figures", "quarantine"]
STAGES = ["raw_documents", "seed_files", "cleaned_documents", "duplicates", "dedupe_signatures", "dedupe_pairs"]
RUN_TIMES = {"ingested_at", "cleaned_at", "detected_at", "seen_at", "mtime_ns"}
SHOWN = 3


def columns(con: duckdb.DuckDBPyConnection, database: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_catalog = ? and table_name = ? "
        "order by ordinal_position",
        [database, table],
    ).fetchall()
    return [name for (name,) in rows if name not in RUN_TIMES]


def differences(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int, list[tuple], list[tuple]]:
    """Rows only in `before`, rows only in `after` (counts), and a few of each."""
    before, after = columns(con, "before", table), columns(con, "after", table)
    if before != after:
        raise SystemExit(f"{table}: columns differ: {before} against {after}")
    selected = ", ".join(f'"{c}"' for c in before)
    found = []
    for first, second in (("before", "after"), ("after", "before")):
        query = f"select {selected} from {first}.{table} except all select {selected} from {second}.{table}"
        found.append(con.execute(f"select * from ({query}) order by all").fetchall())
    return len(found[0]), len(found[1]), found[0][:SHOWN], found[1][:SHOWN]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--tables", nargs="+", default=CONTRACT + STAGES)
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute(f"attach '{args.before}' as before (read_only)")
    con.execute(f"attach '{args.after}' as after (read_only)")
    differing = 0
    for table in args.tables:
        rows = con.execute(f"select (select count(*) from before.{table}), (select count(*) from after.{table})")
        counts = rows.fetchone()
        only_before, only_after, shown_before, shown_after = differences(con, table)
        same = not (only_before or only_after)
        differing += not same
        print(f"{table}: {counts[0]} / {counts[1]} rows, {'identical' if same else 'DIFFERENT'}"
              + ("" if same else f" ({only_before} only before, {only_after} only after)"))
        for label, rows_shown in (("before", shown_before), ("after", shown_after)):
            for row in rows_shown:
                print(f"  only {label}: {str(row)[:300]}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
