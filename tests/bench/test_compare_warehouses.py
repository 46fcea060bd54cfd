"""bench.compare_warehouses: two warehouses compared table by table, run times left out."""

from pathlib import Path

import duckdb

from bench import compare_warehouses


def warehouse(path: Path, rows: list[tuple]) -> str:
    with duckdb.connect(str(path)) as con:
        con.execute("create table documents (doc_id varchar, body varchar, ingested_at timestamp)")
        con.executemany("insert into documents values (?, ?, ?)", rows)
    return str(path)


def compared(before: str, after: str) -> tuple[int, int, list[tuple], list[tuple]]:
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before (read_only)")
    con.execute(f"attach '{after}' as after (read_only)")
    return compare_warehouses.differences(con, "documents")


def test_rows_that_differ_only_in_run_times_are_the_same(tmp_path: Path):
    before = warehouse(tmp_path / "a.duckdb", [("a", "甲", "2026-01-01"), ("b", "乙", "2026-01-01")])
    after = warehouse(tmp_path / "b.duckdb", [("b", "乙", "2026-02-02"), ("a", "甲", "2026-02-02")])
    assert compared(before, after) == (0, 0, [], [])


def test_a_changed_or_repeated_row_is_found(tmp_path: Path):
    before = warehouse(tmp_path / "a.duckdb", [("a", "甲", None), ("b", "乙", None)])
    after = warehouse(tmp_path / "b.duckdb", [("a", "甲", None), ("a", "甲", None), ("b", "丙", None)])
    only_before, only_after, shown_before, shown_after = compared(before, after)
    assert (only_before, only_after) == (1, 2)
    assert shown_before == [("b", "乙")]
    assert shown_after == [("a", "甲"), ("b", "丙")]
