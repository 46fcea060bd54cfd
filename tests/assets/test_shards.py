"""The assets on hash shards: the number of shards and the order files arrive in do not change the contract
tables; a shard whose task fails is the only one redone; every stage's shard output is Parquet in the lake."""

import shutil
from pathlib import Path

import duckdb
import pytest

import zhnews.shards
from bench.generate import write_corpus
from tests.conftest import SEEDS, Pipeline
from zhnews.shards import CLEANED, RAW, ShardLayout, lake_root, shard_of

FILES = 240  # generated files with planted copies: enough for several documents in each of 8 shards
CONTRACT_TABLES = {  # table -> its columns that are facts of the corpus (not the time of the run)
    "documents": "*",
    "entities": "*",
    "mentions": "*",
    "figures": "*",
    "quarantine": "source_path, stage, reason",
}
CLUSTERS = "select list(source_path order by source_path) from documents group by cluster_id order by 1"


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


def test_each_stage_keeps_one_parquet_file_per_shard_with_files(eight_shards, corpus):
    layout = ShardLayout.open(lake_root(eight_shards.warehouse), 8)
    paths = [str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()]
    expected = sorted({shard_of(path, 8) for path in paths})
    for stage in (RAW, CLEANED):
        assert [s for s in range(8) if layout.output(stage, s).exists()] == expected
        assert not list(layout.root.rglob("*.tmp"))
    rows = duckdb.execute("select count(*) from read_parquet(?)", [layout.outputs(RAW)]).fetchone()[0]
    assert rows == len(paths)  # one row per file, the refused one included


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
