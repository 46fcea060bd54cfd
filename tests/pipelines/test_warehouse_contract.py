"""The whole pipeline, materialised for real: the contract's tables, re-runs, changes and deletions."""

import shutil
from pathlib import Path

import duckdb
import pytest

from zhnews import warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

CONTRACT = {
    "documents": {
        "doc_id": "VARCHAR",
        "source_path": "VARCHAR",
        "title": "VARCHAR",
        "outlet": "VARCHAR",
        "authors": "VARCHAR[]",
        "url": "VARCHAR",
        "published_at": "DATE",
        "published_precision": "VARCHAR",
        "body": "VARCHAR",
        "cluster_id": "VARCHAR",
        "is_canonical": "BOOLEAN",
    },
    "entities": {"entity_id": "VARCHAR", "name": "VARCHAR", "type": "VARCHAR", "aliases": "VARCHAR[]"},
    "mentions": {
        "doc_id": "VARCHAR",
        "entity_id": "VARCHAR",
        "surface": "VARCHAR",
        "start_pos": "INTEGER",
        "end_pos": "INTEGER",
    },
    "figures": {
        "doc_id": "VARCHAR",
        "field": "VARCHAR",
        "kind": "VARCHAR",
        "surface": "VARCHAR",
        "value": "DOUBLE",
        "unit": "VARCHAR",
        "normalized": "VARCHAR",
        "approx": "BOOLEAN",
        "metric": "VARCHAR",
        "entity_id": "VARCHAR",
        "start_pos": "INTEGER",
        "end_pos": "INTEGER",
    },
    "quarantine": {"source_path": "VARCHAR", "stage": "VARCHAR", "reason": "VARCHAR", "detected_at": "TIMESTAMP"},
}


def snapshot(pipeline) -> dict:
    """Everything a user could see change: row counts and ids of every contract table."""
    return {
        "documents": pipeline.query("select doc_id, cluster_id, is_canonical from documents order by doc_id"),
        "entities": pipeline.query("select entity_id, name, type from entities order by entity_id"),
        "mentions": pipeline.query("select count(*), count(distinct entity_id) from mentions"),
        "figures": pipeline.query("select count(*), sum(start_pos) from figures"),
        "quarantine": pipeline.query("select source_path, stage, reason from quarantine order by all"),
    }


@pytest.fixture
def built(built_pipeline):
    """A pipeline after a whole run on the seeds (a copy of the session's `seeds_built`)."""
    return built_pipeline


@pytest.mark.parametrize("table", CONTRACT)
def test_contract_tables_have_their_columns_and_types(built, table):
    rows = built.query(
        "select column_name, data_type from information_schema.columns where table_name = ? order by ordinal_position",
        table,
    )
    columns = dict(rows)
    for column, kind in CONTRACT[table].items():
        assert columns.get(column) == kind, f"{table}.{column}"


def test_one_document_per_seed_with_a_relative_posix_path(built):
    paths = [p for (p,) in built.query("select source_path from documents order by 1")]
    assert paths == sorted(p.name for p in SEEDS.iterdir())
    assert built.query("select count(*) from documents where body = '' or body is null") == [(0,)]


def test_exactly_one_canonical_copy_per_cluster(built):
    assert built.query(
        "select count(*) from (select cluster_id from documents group by 1 having count(*) filter (is_canonical) <> 1)"
    ) == [(0,)]


def test_second_run_processes_nothing_and_changes_nothing(built):
    before = snapshot(built)
    result = built.run()
    assert built.metadata(result, "raw_documents")["documents_processed"] == 0
    assert built.metadata(result, "cleaned_documents")["documents_processed"] == 0
    assert snapshot(built) == before


def test_changed_seed_replaces_its_rows_everywhere(built):
    [(old_id,)] = built.query("select doc_id from documents where source_path like '002%'")
    path = next(built.seeds.glob("002*"))
    text = path.read_text(encoding="utf-8").replace("\n\n", "\n\n新增一段：该公司宣布裁员200名员工。\n\n", 1)
    path.write_text(text, encoding="utf-8")
    built.run()
    [(new_id,)] = built.query("select doc_id from documents where source_path like '002%'")
    assert new_id != old_id
    for table in ("documents", "mentions", "figures", "raw_documents", "cleaned_documents", "stage_progress"):
        assert built.query(f"select count(*) from {table} where doc_id = ?", old_id) == [(0,)], table
    assert "200名员工" in built.query("select body from documents where doc_id = ?", new_id)[0][0]


def test_deleted_seed_leaves_no_rows_behind(built):
    [(gone_id,)] = built.query("select doc_id from documents where source_path like '000%'")
    next(built.seeds.glob("000*")).unlink()
    built.run()
    assert built.query("select count(*) from documents") == [(4,)]
    for table in ("documents", "mentions", "figures", "raw_documents", "seed_files"):
        column = "source_path" if table == "seed_files" else "doc_id"
        value = "000_0691a71e8f570675.txt" if table == "seed_files" else gone_id
        assert built.query(f"select count(*) from {table} where {column} = ?", value) == [(0,)], table
    names = {n for (n,) in built.query("select name from entities")}
    assert names, "the other documents still have entities"


def test_new_seed_in_a_subfolder_is_taken_in(built):
    folder = built.seeds / "2024" / "三月"
    folder.mkdir(parents=True)
    shutil.copy(next(built.seeds.glob("002*")), folder / "copy of 002.txt")
    built.run()
    [(cluster_size,)] = built.query(
        "select count(*) from documents where cluster_id = (select cluster_id from documents "
        "where source_path = '2024/三月/copy of 002.txt')"
    )
    assert cluster_size == 2, "an exact copy joins the original's cluster"


def rebuilt_from_scratch(pipeline) -> list[tuple]:
    """`documents` as a full rebuild makes it, on a copy of the warehouse."""
    copy = pipeline.warehouse.with_name("scratch.duckdb")
    shutil.copy(pipeline.warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table documents; drop table documents_inputs")
        warehouse.apply_ddl(con, "documents")
        return con.execute("select * from documents order by doc_id").fetchall()


def test_documents_are_rebuilt_only_where_something_changed_and_as_a_full_rebuild_would(built):
    [(first,)] = built.query("select count(*) from documents_inputs")
    result = built.run()
    assert built.metadata(result, "documents")["clusters_rebuilt"] == 0
    shutil.copy(next(built.seeds.glob("002*")), built.seeds / "copy of 002.txt")
    next(built.seeds.glob("000*")).unlink()
    result = built.run()
    assert 0 < built.metadata(result, "documents")["clusters_rebuilt"] <= 3  # 000, 002 before and after
    assert built.query("select count(*) from documents_inputs") == [(first,)]
    assert built.query("select * from documents order by doc_id") == rebuilt_from_scratch(built)


def test_forgetting_a_copy_refills_its_canonical_from_the_copies_left(built):
    shutil.copy(next(built.seeds.glob("002*")), built.seeds / "copy of 002.txt")
    built.run()
    [(canonical,), (copy,)] = built.query(
        "select doc_id from documents where cluster_id = (select cluster_id from documents "
        "where source_path = 'copy of 002.txt') order by is_canonical desc"
    )
    with duckdb.connect(str(built.warehouse)) as con:
        con.execute("update cleaned_documents set title = '另一个标题' where doc_id = ?", [copy])
        con.execute("update cleaned_documents set title = null where doc_id = ?", [canonical])
        warehouse.apply_ddl(con, "documents")
        assert con.execute("select title from documents where doc_id = ?", [canonical]).fetchall() == [("另一个标题",)]
        warehouse.forget_documents(con, [copy])
        warehouse.apply_ddl(con, "documents")
        assert con.execute("select title from documents where doc_id = ?", [canonical]).fetchall() == [(None,)]
