"""The jobs: the whole pipeline, and re-extraction without reading the seeds again."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_definitions
from pipelines.jobs import EXTRACTION_STAGES
from pipelines.resources import build_resources
from zhnews import warehouse

UPSTREAM = {"raw_documents", "cleaned_documents", "duplicates", "documents"}
EXTRACTION = {"entities", "mentions", "figures"}


@pytest.fixture
def defs(seeds_copy: Path, tmp_path: Path) -> dg.Definitions:
    return build_definitions(build_resources(seeds_copy, tmp_path / "warehouse" / "zhnews.duckdb"))


@pytest.fixture
def instance():
    with dg.DagsterInstance.ephemeral() as instance:
        yield instance


def run(defs: dg.Definitions, job: str, instance) -> dg.ExecuteInProcessResult:
    result = defs.resolve_job_def(job).execute_in_process(instance=instance)
    assert result.success
    return result


def materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}


def query(defs: dg.Definitions, sql: str) -> list[tuple]:
    with duckdb.connect(defs.resources["duckdb"].database, read_only=True) as con:
        return con.execute(sql).fetchall()


def extraction_snapshot(defs: dg.Definitions) -> dict:
    return {
        "entities": query(defs, "select entity_id, name, type from entities order by all"),
        "mentions": query(defs, "select doc_id, entity_id, start_pos, end_pos from mentions order by all"),
        "figures": query(defs, "select doc_id, kind, surface, start_pos from figures order by all"),
    }


def job_assets(defs: dg.Definitions, job: str) -> set[str]:
    return {key.to_user_string() for key in defs.resolve_job_def(job).asset_layer.selected_asset_keys}


def test_refresh_warehouse_selects_every_asset(defs):
    every = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert job_assets(defs, "refresh_warehouse") == every
    assert UPSTREAM | EXTRACTION | {"quarantine", "warehouse_read_copy"} <= every


def test_reextract_selects_extraction_and_what_follows_only(defs):
    selected = job_assets(defs, "reextract")
    assert selected >= EXTRACTION
    assert {"quarantine", "warehouse_read_copy"} <= selected
    assert not selected & UPSTREAM


def test_reset_extraction_resets_only_the_extraction_stages(defs, instance):
    with duckdb.connect(defs.resources["duckdb"].database) as con:
        warehouse.apply_ddl(con, "core")
        for stage in [*EXTRACTION_STAGES, "clean", "dedupe"]:
            warehouse.mark_done(con, ["d1", "d2"], stage)
    run(defs, "reset_extraction", instance)
    left = query(defs, "select distinct stage from stage_progress order by stage")
    assert left == [("clean",), ("dedupe",)]


def test_reextract_after_reset_rebuilds_the_same_rows_without_reading_seeds(defs, instance, seeds_copy):
    run(defs, "refresh_warehouse", instance)
    before = extraction_snapshot(defs)
    assert before["mentions"] and before["figures"]
    (seeds_copy / "late_arrival.txt").write_text("新来的文件。\n不应在重新抽取时读入。\n", encoding="utf-8")
    run(defs, "reset_extraction", instance)
    assert query(defs, "select count(*) from stage_progress where stage in ('entities', 'figures')") == [(0,)]
    result = run(defs, "reextract", instance)
    assert materialized(result) >= EXTRACTION
    assert not materialized(result) & UPSTREAM
    assert query(defs, "select count(*) from raw_documents where source_path = 'late_arrival.txt'") == [(0,)]
    assert extraction_snapshot(defs) == before


def test_reextract_without_reset_changes_nothing(defs, instance):
    run(defs, "refresh_warehouse", instance)
    before = extraction_snapshot(defs)
    run(defs, "reextract", instance)
    assert extraction_snapshot(defs) == before
