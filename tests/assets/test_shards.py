"""The assets on hash shards: the number of shards and the order files arrive in do not change the contract
tables; a shard whose task fails is the only one redone; every stage's shard output is Parquet in the lake."""

import shutil
from pathlib import Path

import duckdb
import pytest

import zhnews.shards
from bench.generate import write_corpus
from tests.conftest import SEEDS, Pipeline
from zhnews import dedupe
from zhnews.entity_shards import CANDIDATES, SURFACE_TOTALS, SURFACES
from zhnews.shards import CLEANED, RAW, SIGNED, ShardLayout, lake_root, shard_of

FILES = 240  # generated files with planted copies: enough for several documents in each of 8 shards
CONTRACT_TABLES = {  # table -> its columns that are facts of the corpus (not the time of the run)
    "documents": "*",
    "entities": "*",
    "mentions": "*",
    "figures": "*",
    "quarantine": "source_path, stage, reason",
}
CLUSTERS = "select list(source_path order by source_path) from documents group by cluster_id order by 1"
DUPLICATES = "select * from duplicates order by doc_id"
DEDUPE_CLUSTERS = """select list(c.source_path order by c.source_path) from duplicates d
                     join cleaned_documents c using (doc_id) group by d.cluster_id order by 1"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    files = tmp_path_factory.mktemp("shards_corpus") / "files"
    write_corpus(files, SEEDS, seed=7, n_docs=FILES, megabytes=None)
    (files / "labels.json").unlink()  # the generator's answer key, not an article
    (files / "empty.txt").write_bytes(b"")  # refused by ingest
    return files


def contract_tables(pipeline: Pipeline) -> dict[str, list[tuple]]:
    return {t: pipeline.query(f"select {columns} from {t} order by all") for t, columns in CONTRACT_TABLES.items()}


def build(folder: Path, seeds: Path) -> Pipeline:
    pipeline = Pipeline(seeds, folder / "warehouse" / "zhnews.duckdb")
    assert pipeline.run().success
    return pipeline


@pytest.fixture(scope="module")
def eight_shards(corpus, tmp_path_factory) -> Pipeline:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZHNEWS_SHARDS", "8")
        return build(tmp_path_factory.mktemp("eight"), corpus)


def test_one_and_eight_shards_give_the_same_contract_tables_and_clusters(corpus, eight_shards, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHNEWS_SHARDS", "1")
    one_shard = build(tmp_path, corpus)
    assert ShardLayout.stored(lake_root(one_shard.warehouse)) == 1
    assert ShardLayout.stored(lake_root(eight_shards.warehouse)) == 8
    tables = contract_tables(eight_shards)
    assert len(tables["documents"]) == FILES and tables["entities"] and tables["figures"]
    assert len(eight_shards.query(CLUSTERS)) < FILES  # the planted copies were found
    assert contract_tables(one_shard) == tables
    assert one_shard.query(CLUSTERS) == eight_shards.query(CLUSTERS)
    assert one_shard.query(DUPLICATES) == eight_shards.query(DUPLICATES)  # cluster ids and canonical copies too
    assert surface_totals(one_shard) == surface_totals(eight_shards)  # the merge's input, in the merge's order


def surface_totals(pipeline: Pipeline) -> list[tuple]:
    """What the entity merge reads: every shard's surface counts summed, in its order."""
    root = lake_root(pipeline.warehouse)
    glob = ShardLayout.open(root, ShardLayout.stored(root)).outputs(SURFACES)
    return duckdb.execute(SURFACE_TOTALS, [glob]).fetchall()


def test_each_stage_keeps_one_parquet_file_per_shard_with_files(eight_shards, corpus):
    layout = ShardLayout.open(lake_root(eight_shards.warehouse), 8)
    paths = [str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()]
    expected = sorted({shard_of(path, 8) for path in paths})
    for stage in (RAW, CLEANED, SIGNED):
        assert [s for s in range(8) if layout.output(stage, s).exists()] == expected
        assert not list(layout.root.rglob("*.tmp"))
    rows = duckdb.execute("select count(*) from read_parquet(?)", [layout.outputs(RAW)]).fetchone()[0]
    assert rows == len(paths)  # one row per file, the refused one included
    signed = duckdb.execute("select count(*) from read_parquet(?)", [layout.outputs(SIGNED)]).fetchone()[0]
    assert signed == FILES  # one row per cleaned document
    canonical = eight_shards.query("select doc_id, source_path from documents where is_canonical order by 1")
    with_canonical = sorted({shard_of(path, 8) for _, path in canonical})
    for stage in (CANDIDATES, SURFACES):
        assert [s for s in range(8) if layout.output(stage, s).exists()] == with_canonical
    extracted = "select distinct doc_id from read_parquet(?) order by 1"
    assert duckdb.execute(extracted, [layout.outputs(CANDIDATES)]).fetchall() == [(d,) for d, _ in canonical]


def test_batch_one_then_batch_two_equals_both_at_once(corpus, eight_shards, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHNEWS_SHARDS", "8")
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus, seeds)
    later = sorted(p for p in seeds.rglob("*") if p.is_file())[1::2]
    held = tmp_path / "held"
    for path in later:
        (held / path.relative_to(seeds)).parent.mkdir(parents=True, exist_ok=True)
        path.rename(held / path.relative_to(seeds))
    in_turn = build(tmp_path, seeds)
    shutil.copytree(held, seeds, dirs_exist_ok=True)
    assert in_turn.run().success
    assert in_turn.query(CLUSTERS) == eight_shards.query(CLUSTERS)
    for sql in ARRIVAL_FREE:
        assert in_turn.query(sql) == eight_shards.query(sql), sql
    assert_arrival_rule(in_turn, eight_shards)

    removed, changed = changed_and_removed_copies(in_turn)
    (seeds / removed).unlink()
    with (seeds / changed).open("a", encoding="utf-8") as text:
        text.write("\n本文有删改。\n")
    assert in_turn.run("*duplicates").success
    assert not in_turn.query("select * from cleaned_documents where source_path = ?", removed)
    assert_no_orphans(in_turn)
    [cluster] = [c for (c,) in in_turn.query(DEDUPE_CLUSTERS) if changed in c]
    assert len(cluster) >= 2  # the edited copy is still a copy


def assert_arrival_rule(in_turn: Pipeline, at_once: Pipeline) -> None:
    """CONTRACT.md: a cluster is named after its earliest-seen member (pass, then doc_id) and its canonical copy
    is the longest of its first pass, unless a later one is `canonical_takeover` times as long. A cluster whose
    members all arrived in one run is therefore named and led as in a build of everything at once."""
    rows = in_turn.query(
        """select d.doc_id, d.cluster_id, d.is_canonical, s.pass, g.body_chars
           from duplicates d join dedupe_seen s using (doc_id) join dedupe_signatures g using (doc_id)"""
    )
    clusters: dict[str, list[tuple]] = {}
    for row in rows:
        clusters.setdefault(row[1], []).append(row)
    seen, chars = {r[0]: r[3] for r in rows}, {r[0]: r[4] for r in rows}
    takeover = dedupe.load_rules().canonical_takeover
    for cluster_id, members in clusters.items():
        ids = [m[0] for m in members]
        assert cluster_id == min(ids, key=lambda d: (seen[d], d))
        [canonical] = [m[0] for m in members if m[2]]
        assert canonical == dedupe.choose_canonical(ids, chars, seen, takeover)
    assert len({r[3] for r in rows}) == 2 and any(len({seen[m[0]] for m in c}) == 2 for c in clusters.values())
    one_run = {m[0] for c in clusters.values() if len({seen[m[0]] for m in c}) == 1 for m in c}
    expected = [row for row in at_once.query(DUPLICATES) if row[0] in one_run]
    assert [row for row in in_turn.query(DUPLICATES) if row[0] in one_run] == expected


def changed_and_removed_copies(pipeline: Pipeline) -> tuple[str, str]:
    """Two members of one cluster of three or more: one to remove, one to edit."""
    [(paths,)] = pipeline.query(
        "select list(source_path order by source_path) from documents group by cluster_id "
        "having count(*) >= 3 order by 1 limit 1"
    )
    return paths[0], paths[1]


def assert_no_orphans(pipeline: Pipeline) -> None:
    """Every dedupe row belongs to a cleaned document, and the lake signs exactly the cleaned documents."""
    cleaned = pipeline.query("select doc_id from cleaned_documents order by 1")
    for table in ("duplicates", "dedupe_signatures", "dedupe_seen"):
        assert pipeline.query(f"select distinct doc_id from {table} order by 1") == cleaned, table
    assert pipeline.query("select count(*) from dedupe_buckets anti join cleaned_documents using (doc_id)") == [(0,)]
    assert pipeline.query("select count(*) from dedupe_pairs anti join cleaned_documents c on other_id = c.doc_id")[
        0] == (0,)
    glob = ShardLayout.open(lake_root(pipeline.warehouse), 8).outputs(SIGNED)
    assert duckdb.execute("select doc_id from read_parquet(?) order by 1", [glob]).fetchall() == cleaned


# What does not depend on the order files arrive in. Dedupe keeps ids stable as copies arrive (CONTRACT.md): a
# cluster is named after its earliest-seen member and keeps its canonical copy unless a later one is much longer,
# so `cluster_id`, `is_canonical` and what is extracted from canonical copies only may differ; clusters may not.
ARRIVAL_FREE = [
    CLUSTERS,
    "select doc_id, source_path, body, script, content_hash from documents order by all",
    "select source_path, stage, reason from quarantine order by all",
    "select * from cleaned_documents order by all",
    "select * exclude (ingested_at) from raw_documents order by all",
]


def test_a_failed_shard_is_the_only_one_redone(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHNEWS_SHARDS", "8")
    monkeypatch.setenv("ZHNEWS_WORKERS", "1")  # the patch below lives in this process only
    clean_rows = zhnews.shards.clean_rows

    def failing_in_shard_three(raws):
        if any(shard_of(raw.source_path, 8) == 3 for raw in raws):
            raise OSError("the disk under shard 3 went away")
        return clean_rows(raws)

    monkeypatch.setattr(zhnews.shards, "clean_rows", failing_in_shard_three)
    pipeline = Pipeline(corpus, tmp_path / "warehouse" / "zhnews.duckdb")
    assert not pipeline.run("*cleaned_documents", raise_on_error=False).success
    layout = ShardLayout.open(lake_root(pipeline.warehouse), 8)
    written = {s: layout.output(CLEANED, s).stat().st_mtime_ns for s in range(8) if layout.output(CLEANED, s).exists()}
    assert 3 not in written and len(written) == 7

    monkeypatch.setattr(zhnews.shards, "clean_rows", clean_rows)
    result = pipeline.run("*cleaned_documents")
    metadata = pipeline.metadata(result, "cleaned_documents")
    assert (metadata["shards_run"], metadata["shards_loaded"]) == (1, 1)  # the failed run loaded the other seven
    assert {s: layout.output(CLEANED, s).stat().st_mtime_ns for s in written} == written  # not rewritten
    assert metadata["dagster/row_count"] == FILES  # every document cleaned
