"""The read copy of the warehouse: published whole, replaced under open sessions, never half-written."""

from pathlib import Path

import duckdb
import pytest

from pipelines.read_copy import publish, read_copy_path


@pytest.mark.parametrize(
    ("database", "copy"),
    [
        ("warehouse/zhnews.duckdb", "warehouse/zhnews.read.duckdb"),
        ("/tmp/x/other.duckdb", "/tmp/x/other.read.duckdb"),
        ("/data/wh.db", "/data/wh.read.db"),
    ],
)
def test_read_copy_path(database, copy):
    assert read_copy_path(Path(database)) == Path(copy)


def write(database: Path, rows: int) -> None:
    with duckdb.connect(str(database)) as con:
        con.execute("create or replace table documents as select range as doc_id from range(?)", [rows])
        publish(con, database)


def count(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from documents").fetchone()[0]


def test_publish_copies_what_the_writer_committed(tmp_path):
    database = tmp_path / "zhnews.duckdb"
    write(database, 3)
    assert count(read_copy_path(database)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zhnews.duckdb", "zhnews.read.duckdb"]


def test_an_open_session_keeps_its_copy_while_a_new_one_is_published(tmp_path):
    database = tmp_path / "zhnews.duckdb"
    write(database, 3)
    with duckdb.connect(str(read_copy_path(database)), read_only=True) as session:
        write(database, 5)
        assert session.execute("select count(*) from documents").fetchone()[0] == 3
    assert count(read_copy_path(database)) == 5
