"""pipelines.checks: one schema check per stage passes on the seeds; a corrupted row makes it fail, readably."""

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import dagster as dg
import duckdb
import pytest

import assets
from pipelines import checks as schema_checks
from pipelines.resources import build_resources
from zhnews import schemas

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TABLES = list(schemas.SCHEMAS)  # the list itself is pinned by tests/zhnews/test_schemas.py
DEFINITIONS = [
    *dg.load_assets_from_package_module(assets),
    *dg.load_asset_checks_from_package_module(assets),
    *schema_checks.checks,
]


def first_row(table: str) -> str:
    return f"rowid = (select min(rowid) from {table})"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[Path, Path, dg.ExecuteInProcessResult]:
    """The whole pipeline, run once on a copy of the seeds: (seeds, warehouse, run result)."""
    root = tmp_path_factory.mktemp("checks")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    warehouse = root / "zhnews.duckdb"
    result = dg.materialize(DEFINITIONS, resources=build_resources(seeds, warehouse), selection="*")
    return seeds, warehouse, result


@pytest.fixture
def warehouse_copy(seeded, tmp_path) -> tuple[Path, Path]:
    seeds, warehouse, _ = seeded
    copy = tmp_path / "zhnews.duckdb"
    shutil.copy(warehouse, copy)
    return seeds, copy


def run_check(seeds: Path, warehouse: Path, table: str, tags: dict | None = None) -> dg.AssetCheckEvaluation:
    """Execute only `table`'s schema check through Dagster (in a run with `tags`)."""
    key = dg.AssetCheckKey(dg.AssetKey(table), "matches_schema")
    result = dg.materialize(
        DEFINITIONS,
        resources=build_resources(seeds, warehouse),
        selection=dg.AssetSelection.checks(key),
        raise_on_error=False,
        tags=tags,
    )
    [evaluation] = result.get_asset_check_evaluations()
    return evaluation


def test_every_stage_has_one_passing_schema_check_on_the_seeds(seeded):
    _, _, result = seeded
    evaluations = {
        e.asset_key.to_user_string(): e
        for e in result.get_asset_check_evaluations()
        if e.check_name == "matches_schema"
    }
    assert sorted(evaluations) == sorted(TABLES)
    failed = {t: e.description for t, e in evaluations.items() if not e.passed}
    assert failed == {}
    assert all(e.metadata["rows_checked"].value > 0 for t, e in evaluations.items() if t != "quarantine")


@pytest.mark.parametrize(
    ("table", "corruption", "message"),
    [
        (
            "raw_documents",
            f"update raw_documents set fmt = 'pdf' where {first_row('raw_documents')}",
            "fmt: must be one of txt, md, html",
        ),
        (
            "cleaned_documents",
            "update cleaned_documents set published_at = date '2024-03-15', published_precision = 'month' "
            f"where {first_row('cleaned_documents')}",
            "published_precision must be set exactly when published_at is",
        ),
        (
            "duplicates",
            "update duplicates set cluster_id = (select min(doc_id) from duplicates)",
            "every cluster_id must have exactly one canonical document",
        ),
        (
            "documents",
            f"update documents set body = body || chr(10) || chr(10) where {first_row('documents')}",
            "body: must be paragraphs separated by a single",
        ),
        (
            "entities",
            f"update entities set type = 'COMPANY' where {first_row('entities')}",
            "type: must be one of PERSON, ORG, PRODUCT, PLACE, MEDIA",
        ),
        (
            "mentions",
            f"update mentions set start_pos = start_pos + 1 where {first_row('mentions')}",
            "surface must equal the body's text between start_pos and end_pos",
        ),
        ("figures", "update figures set value = null where kind <> 'date'", "value must be NULL for dates only"),
        ("quarantine", "insert into quarantine values ('x.txt', 'ingest', 'bad', now())", "reason: must be a sentence"),
    ],
)
def test_a_corrupted_row_fails_its_check_with_a_readable_message(warehouse_copy, table, corruption, message):
    seeds, warehouse = warehouse_copy
    with duckdb.connect(str(warehouse)) as con:
        con.execute(corruption)
    evaluation = run_check(seeds, warehouse, table)
    assert not evaluation.passed
    assert message in evaluation.description
    assert evaluation.metadata["failing_rows"].value >= 1
    assert message in evaluation.metadata["reasons"].value
    assert message in evaluation.metadata["failing_sample"].value


def test_a_failing_blocking_check_stops_what_follows(warehouse_copy):
    seeds, warehouse = warehouse_copy
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update cleaned_documents set script = 'latin' where {first_row('cleaned_documents')}")
    result = dg.materialize(
        DEFINITIONS,
        resources=build_resources(seeds, warehouse),
        selection=["cleaned_documents", "documents"],
        raise_on_error=False,
    )
    [evaluation] = [e for e in result.get_asset_check_evaluations() if e.check_name == "matches_schema"]
    assert not evaluation.passed and "script: must be one of" in evaluation.description
    assert not result.asset_materializations_for_node("documents")


def test_a_missing_table_fails_the_check_and_says_so(tmp_path):
    evaluation = run_check(SEEDS, tmp_path / "empty.duckdb", "documents")
    assert not evaluation.passed
    assert "documents cannot be validated" in evaluation.description


@pytest.mark.parametrize("table", TABLES)
def test_chunked_validation_finds_what_one_pass_finds(warehouse_copy, table):
    _, warehouse = warehouse_copy
    check = next(c for c in schema_checks.TABLE_CHECKS if c.table == table)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update mentions set end_pos = end_pos + 1 where start_pos % 2 = 0")
        con.execute("update figures set unit = 'dollars' where kind = 'money'")
        con.execute("update documents set is_canonical = false where is_canonical and doc_id < '8'")
        whole = schema_checks.validate_table(con, check)
        chunked = schema_checks.validate_table(con, dataclasses.replace(check, chunk_rows=3))
    assert chunked.chunks > 1 or whole.rows <= 3
    assert (chunked.failing_rows, chunked.reasons) == (whole.failing_rows, whole.reasons)


def test_chunks_still_see_duplicates_across_chunks(warehouse_copy):
    _, warehouse = warehouse_copy
    check = next(c for c in schema_checks.TABLE_CHECKS if c.table == "documents")
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "insert into documents by name (select * replace ('ffffffffffffffff' as doc_id, 'ffffffffffffffff' "
            f"as cluster_id) from documents where {first_row('documents')})"
        )
        report = schema_checks.validate_table(con, dataclasses.replace(check, chunk_rows=1))
    assert report.chunks > 1
    assert "(source_path) must be unique across the table" in report.reasons


def test_column_schema_shows_the_contract_columns_and_rules():
    documents = schema_checks.column_schema("documents")
    types = {c.name: c.type for c in documents.columns}
    assert types["authors"] == "VARCHAR[]" and types["published_at"] == "DATE" and types["is_canonical"] == "BOOLEAN"
    assert documents.columns[0].constraints.unique
    assert "every cluster_id must have exactly one canonical document" in documents.constraints.other
    mentions = {c.name for c in schema_checks.column_schema("mentions").columns}
    assert mentions == {"doc_id", "entity_id", "surface", "start_pos", "end_pos"}


def test_with_column_schemas_gives_every_stage_asset_its_column_schema():
    specs = {
        key.to_user_string(): spec
        for a in schema_checks.with_column_schemas(dg.load_assets_from_package_module(assets))
        for key, spec in zip(a.keys, a.specs, strict=False)
    }
    assert all("dagster/column_schema" in specs[t].metadata for t in TABLES if t in specs)
    assert "raw_documents" in specs


def test_a_large_table_is_validated_on_a_sample_of_whole_documents(warehouse_copy):
    _, warehouse = warehouse_copy
    check = next(c for c in schema_checks.TABLE_CHECKS if c.table == "mentions")
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update mentions set end_pos = end_pos + 1")
        report = schema_checks.validate_table(con, dataclasses.replace(check, max_rows=200, chunk_rows=40))
    assert report.sample_every > 1 and 0 < report.rows_validated < report.rows
    assert report.failing_rows == report.rows_validated
    result = schema_checks.check_result(check, report)
    assert "a sample of the" in result.description


@pytest.mark.parametrize(
    ("table", "change"),
    [
        ("cleaned_documents", "editors = ['某编辑']"),
        ("documents", "editors = ['某编辑']"),
        ("figures", "approx = not approx"),
    ],
)
def test_a_check_that_passed_validates_only_what_changed_since(warehouse_copy, table, change):
    seeds, warehouse = warehouse_copy
    unchanged = run_check(seeds, warehouse, table)
    assert unchanged.passed and unchanged.metadata["rows_checked"].value == 0
    rows = unchanged.metadata["rows_in_table"].value
    assert unchanged.description == f"{rows} rows of {table}, none changed since the last check: nothing to validate."
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update {table} set {change} where doc_id = (select min(doc_id) from {table})")
    changed = run_check(seeds, warehouse, table)
    assert changed.passed
    assert changed.metadata["rows_checked"].value == changed.metadata["rows_changed"].value
    assert 0 < changed.metadata["rows_checked"].value < changed.metadata["rows_in_table"].value
    assert "changed since the check last passed" in changed.description
    assert run_check(seeds, warehouse, table).metadata["rows_checked"].value == 0


def test_a_full_check_tag_validates_the_whole_table(warehouse_copy):
    seeds, warehouse = warehouse_copy
    full = run_check(seeds, warehouse, "documents", tags={schema_checks.FULL_CHECK_TAG: "yes"})
    assert full.passed and full.metadata["rows_checked"].value == full.metadata["rows_in_table"].value > 0


def test_changed_schema_rules_revalidate_the_whole_table(warehouse_copy):
    _, warehouse = warehouse_copy
    check = next(c for c in schema_checks.TABLE_CHECKS if c.table == "documents")
    with duckdb.connect(str(warehouse)) as con:
        assert schema_checks.validate_table(con, check, changed_only=True).rows_validated == 0
        con.execute("update schema_check_passes set schema_key = 'older rules'")
        report = schema_checks.validate_table(con, check, changed_only=True)
    assert report.rows_validated == report.rows > 0


@pytest.mark.parametrize(
    ("report", "said"),
    [
        (schema_checks.Report(rows=5, rows_in_scope=5, rows_validated=5), "All 5 rows of documents match the schema."),
        (schema_checks.Report(), "documents is empty: nothing to validate."),
        (
            schema_checks.Report(rows=5, rows_in_scope=1, rows_validated=1),
            "The 1 row of documents changed since the check last passed (of 5 rows) match the schema.",
        ),
        (
            schema_checks.Report(rows=5, rows_in_scope=5, rows_validated=5, failing_rows=2, reasons=Counter(bad=2)),
            "2 of 5 rows of documents break the schema: bad",
        ),
    ],
)
def test_a_verdict_says_what_was_checked_in_words(report, said):
    check = next(c for c in schema_checks.TABLE_CHECKS if c.table == "documents")
    assert schema_checks.check_result(check, report).description == said
