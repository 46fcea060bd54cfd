"""Assets `entities` and `mentions` on the real pipeline over the seeds, in a temporary DuckDB file."""

from pathlib import Path

import duckdb

import zhnews.entity_shards
from zhnews.entity_shards import CANDIDATES, SURFACES
from zhnews.shards import ShardLayout, lake_root

TYPES = {"PERSON", "ORG", "PRODUCT", "PLACE", "MEDIA"}
ENTITY_ASSETS = ["entities", "mentions"]


def mentions_metadata(result) -> dict:
    """Metadata the multi-asset reported for `mentions` in a run."""
    [event] = [
        e for e in result.asset_materializations_for_node("entities_and_mentions") if e.asset_key.path == ["mentions"]
    ]
    return {key: value.value for key, value in event.metadata.items()}


def lake(pipeline, stage: str = CANDIDATES) -> str:
    """The glob of the pipeline's per-shard files of `stage`."""
    root = lake_root(pipeline.warehouse)
    return ShardLayout.open(root, ShardLayout.stored(root)).outputs(stage)


def lake_query(pipeline, sql: str, stage: str = CANDIDATES) -> list[tuple]:
    """`sql` over the lake's files of `stage`, which it names `lake`."""
    return duckdb.execute(sql.replace("lake", "read_parquet(?)"), [lake(pipeline, stage)]).fetchall()


def snapshot(pipeline) -> tuple[list[tuple], list[tuple]]:
    entities = pipeline.query("select entity_id, name, type, aliases from entities order by entity_id")
    mentions = pipeline.query("select * from mentions order by doc_id, start_pos")
    return entities, mentions


def test_entities_and_mentions_of_canonical_documents_with_exact_offsets(pipeline):
    result = pipeline.run()
    assert mentions_metadata(result)["documents_processed"] > 0
    entities, mentions = snapshot(pipeline)
    assert len(entities) > 30 and len(mentions) > 100
    assert {e[2] for e in entities} <= TYPES
    assert len({e[0] for e in entities}) == len(entities)
    assert pipeline.query(
        "select count(*) from mentions m join documents d using (doc_id) "
        "where substr(d.body, m.start_pos + 1, m.end_pos - m.start_pos) <> m.surface"
    ) == [(0,)]
    assert pipeline.query("select count(*) from mentions join documents using (doc_id) where not is_canonical") == [
        (0,)
    ]
    assert pipeline.query(
        "select count(*) from mentions m left join entities e using (entity_id) "
        "where e.entity_id is null or not list_contains(e.aliases, m.surface)"
    ) == [(0,)]
    canonical = pipeline.query("select count(*) from documents where is_canonical")[0][0]
    assert lake_query(pipeline, "select count(distinct doc_id), count(*) filter (surface is null) from lake") == [
        (canonical, canonical)  # one row per canonical document besides its candidates
    ]
    assert lake_query(pipeline, "select sum(count) from lake", SURFACES) == lake_query(
        pipeline, "select count(surface) from lake"
    )


def test_rerun_extracts_nothing_and_keeps_the_same_ids(built_pipeline):
    pipeline = built_pipeline
    before = snapshot(pipeline)
    again = pipeline.run(selection=ENTITY_ASSETS)
    assert mentions_metadata(again)["documents_processed"] == 0
    assert snapshot(pipeline) == before


def test_rerun_with_nothing_new_does_not_rewrite_the_tables(pipeline):
    first = pipeline.run()
    assert mentions_metadata(first)["rebuild_skipped"] is False
    with duckdb.connect(str(pipeline.warehouse)) as con:
        con.execute("update entities set name = 'marker' where entity_id = (select min(entity_id) from entities)")
    again = pipeline.run(selection=ENTITY_ASSETS)
    assert mentions_metadata(again)["rebuild_skipped"] is True
    assert pipeline.query("select count(*) from entities where name = 'marker'") == [(1,)]


def test_a_new_document_is_extracted_in_its_shard_alone(built_pipeline):
    pipeline = built_pipeline
    before = snapshot(pipeline)
    files = sorted(lake_root(pipeline.warehouse).glob(f"{CANDIDATES}/*.parquet"))
    stamps = {path: path.stat().st_mtime_ns for path in files}
    (pipeline.seeds / "later.txt").write_text(
        "标题：伦敦一家初创公司获得新投资\n\n英国初创公司Stability AI周二宣布，公司完成新一轮融资。"
        "首席执行官莫斯塔克表示，这笔资金将用于扩充研究团队。\n",
        encoding="utf-8",
    )
    metadata = mentions_metadata(pipeline.run())
    [(doc_id,)] = pipeline.query("select doc_id from documents where source_path = 'later.txt' and is_canonical")
    assert (metadata["shards_run"], metadata["documents_processed"], metadata["rebuild_skipped"]) == (1, 1, False)
    rewritten = [path for path in files if path.stat().st_mtime_ns != stamps[path]]
    assert len(rewritten) <= 1  # the new document's shard (unless it was a shard of its own)
    assert pipeline.query("select count(*) from mentions where doc_id = ?", doc_id)[0][0] > 0
    old = {row for row in snapshot(pipeline)[1] if row[0] != doc_id}
    assert old == set(before[1])  # the other documents' mentions are the same rows


def test_names_in_two_scripts_are_one_entity(built_pipeline):
    pipeline = built_pipeline
    ids = pipeline.query("select distinct entity_id from mentions where surface in ('Emad Mostaque', '莫斯塔克')")
    assert len(ids) == 1


def test_alias_file_from_environment_drops_and_merges(built_pipeline, tmp_path: Path, monkeypatch):
    pipeline = built_pipeline
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("drop: [英国]\nmerge:\n  - name: 微软\n    aliases: [Microsoft AI]\n", encoding="utf-8")
    monkeypatch.setenv("ZHNEWS_ALIASES", str(aliases))
    again = pipeline.run(selection=ENTITY_ASSETS)
    assert mentions_metadata(again)["rebuild_skipped"] is False
    assert pipeline.query("select count(*) from mentions where surface = '英国'") == [(0,)]
    assert len(pipeline.query("select distinct entity_id from mentions where surface in ('微软', 'Microsoft AI')")) == 1


def test_deleted_and_edited_seeds_leave_no_candidates_or_mentions(built_pipeline):
    pipeline = built_pipeline
    [(deleted, path)] = pipeline.query(
        "select doc_id, source_path from documents where is_canonical and source_path like '002%'"
    )
    (pipeline.seeds / path).unlink()
    [(edited, path)] = pipeline.query("select doc_id, source_path from documents where source_path like '001%'")
    with (pipeline.seeds / path).open("a", encoding="utf-8") as text:
        text.write("\n本文有删改。\n")
    pipeline.run()
    for doc_id in (deleted, edited):
        assert pipeline.query("select count(*) from mentions where doc_id = ?", doc_id) == [(0,)]
        assert lake_query(pipeline, f"select count(*) from lake where doc_id = '{doc_id}'") == [(0,)]
    assert pipeline.query("select count(*) from entities where name = 'Greylock'") == [(0,)]
    canonical = pipeline.query("select doc_id from documents where is_canonical order by 1")
    assert lake_query(pipeline, "select distinct doc_id from lake order by 1") == canonical


def test_changed_extraction_rules_make_every_document_pending(built_pipeline, monkeypatch):
    pipeline = built_pipeline
    monkeypatch.setattr(zhnews.entity_shards, "entity_code", lambda: "other-rules")
    again = pipeline.run(selection=ENTITY_ASSETS)
    canonical = pipeline.query("select count(*) from documents where is_canonical")[0][0]
    assert mentions_metadata(again)["documents_processed"] == canonical
    assert mentions_metadata(again)["rules_changed"] is True


def test_a_document_extraction_fails_on_is_quarantined_alone(built_pipeline, monkeypatch):
    pipeline = built_pipeline
    monkeypatch.setenv("ZHNEWS_WORKERS", "1")  # the patch below lives in this process only
    extract = zhnews.entity_shards.extract_mentions

    def failing_on_a_marker(docs):
        if any("无法抽取" in body for _, body in docs):
            raise ValueError("a rule broke")
        return extract(docs)

    monkeypatch.setattr(zhnews.entity_shards, "extract_mentions", failing_on_a_marker)
    before = snapshot(pipeline)
    (pipeline.seeds / "broken.txt").write_text("标题：测试\n\n这篇文章无法抽取，因为规则出错。\n", encoding="utf-8")
    result = pipeline.run()
    assert mentions_metadata(result)["documents_processed"] == 1
    assert pipeline.query("select stage, reason from quarantine where source_path = 'broken.txt'") == [
        ("entities", "entity extraction failed (ValueError: a rule broke)")
    ]
    assert snapshot(pipeline) == before
