"""Assets `entities` and `mentions` on the real pipeline over the seeds, in a temporary DuckDB file."""

from pathlib import Path

import duckdb

TYPES = {"PERSON", "ORG", "PRODUCT", "PLACE", "MEDIA"}
ENTITY_ASSETS = ["entities", "mentions"]


def mentions_metadata(result) -> dict:
    """Metadata the multi-asset reported for `mentions` in a run."""
    [event] = [
        e for e in result.asset_materializations_for_node("entities_and_mentions") if e.asset_key.path == ["mentions"]
    ]
    return {key: value.value for key, value in event.metadata.items()}


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
    assert pipeline.query("select count(distinct doc_id) from mention_candidates")[0][0] == canonical


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


def test_new_candidates_rebuild(built_pipeline):
    pipeline = built_pipeline
    with duckdb.connect(str(pipeline.warehouse)) as con:
        con.execute("delete from mention_candidates where surface = '英国'")
    again = pipeline.run(selection=ENTITY_ASSETS)
    assert mentions_metadata(again)["rebuild_skipped"] is False
    assert pipeline.query("select count(*) from mentions where surface = '英国'") == [(0,)]


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


def test_deleted_seed_leaves_no_candidates_or_mentions(built_pipeline):
    pipeline = built_pipeline
    [(doc_id, path)] = pipeline.query(
        "select doc_id, source_path from documents where is_canonical and source_path like '002%'"
    )
    (pipeline.seeds / path).unlink()
    pipeline.run()
    for table in ("mention_candidates", "mentions"):
        assert pipeline.query(f"select count(*) from {table} where doc_id = ?", doc_id) == [(0,)]
    assert pipeline.query("select count(*) from entities where name = 'Greylock'") == [(0,)]


def test_changed_extraction_rules_make_every_document_pending(built_pipeline):
    pipeline = built_pipeline
    with duckdb.connect(str(pipeline.warehouse)) as con:
        con.execute("update entity_rules set fingerprint = 'older-rules'")
    again = pipeline.run(selection=ENTITY_ASSETS)
    canonical = pipeline.query("select count(*) from documents where is_canonical")[0][0]
    assert mentions_metadata(again)["documents_processed"] == canonical
    assert mentions_metadata(again)["rules_changed"] is True
