"""zhnews.shards: stable shards, atomic Parquet outputs skipped when unchanged, and dedupe that does not depend
on the number of shards."""

import os
from dataclasses import replace
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from zhnews import dedupe
from zhnews.clean import clean_batch
from zhnews.engine import LocalEngine
from zhnews.ingest import parse_seed
from zhnews.shards import (
    SIGNATURES,
    ShardLayout,
    cluster_shards,
    run_shards,
    shard_of,
    sign_shards,
    stored_fingerprint,
)

ROOT = Path(__file__).resolve().parents[2]
from bench.generate import write_corpus  # noqa: E402

ENGINE = LocalEngine()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[str, str, str]]:
    """(relative path, doc_id, cleaned body) of 400 generated files, copies planted by the generator."""
    folder = tmp_path_factory.mktemp("shard_corpus")
    write_corpus(folder, ROOT / "seeds", seed=5, n_docs=400, megabytes=None)
    (folder / "labels.json").unlink()
    paths = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    raws = [parse_seed(path, (folder / path).read_bytes()).document for path in paths]
    return [(doc.source_path, doc.doc_id, doc.body) for doc in clean_batch([r for r in raws if r])]


def test_shard_of_is_stable_and_spreads_paths():
    paths = [f"2024/{i:05d}.txt" for i in range(4000)]
    assert [shard_of(p, 8) for p in paths] == [shard_of(p, 8) for p in paths]
    counts = pd.Series([shard_of(p, 8) for p in paths]).value_counts()
    assert len(counts) == 8 and counts.min() > 400  # about 500 each


def test_layout_keeps_its_number_of_shards(tmp_path):
    ShardLayout.open(tmp_path, 8)
    assert ShardLayout.open(tmp_path, 8).shards == 8
    with pytest.raises(ValueError, match="holds 8 shards, not 4"):
        ShardLayout.open(tmp_path, 4)


def test_one_to_eight_shards_give_the_clusters_of_one_batch(corpus, tmp_path):
    rules = dedupe.load_rules()
    expected = sorted(dedupe.dedupe(sorted((d, b) for _, d, b in corpus), rules), key=lambda row: row.doc_id)
    assert sum(not row.is_canonical for row in expected) > 20  # the generator planted copies
    for shards in (1, 8):
        layout = ShardLayout.open(tmp_path / f"s{shards}", shards)
        assert sign_shards(layout, corpus, rules, ENGINE) == sorted({shard_of(p, shards) for p, _, _ in corpus})
        assert cluster_shards(layout, rules) == expected


def test_batch_one_then_batch_two_equals_both_at_once(corpus, tmp_path):
    rules = dedupe.load_rules()
    at_once = ShardLayout.open(tmp_path / "at_once", 8)
    sign_shards(at_once, corpus, rules, ENGINE)
    in_turn = ShardLayout.open(tmp_path / "in_turn", 8)
    sign_shards(in_turn, corpus[::2], rules, ENGINE)
    assert cluster_shards(in_turn, rules) != cluster_shards(at_once, rules)
    sign_shards(in_turn, corpus, rules, ENGINE)
    assert cluster_shards(in_turn, rules) == cluster_shards(at_once, rules)


def test_an_unchanged_shard_is_skipped_and_a_changed_one_rewritten(corpus, tmp_path):
    rules = dedupe.load_rules()
    layout = ShardLayout.open(tmp_path, 8)
    sign_shards(layout, corpus, rules, ENGINE)
    written = {s: layout.output(SIGNATURES, s).stat().st_mtime_ns for s in range(8)}
    assert sign_shards(layout, corpus, rules, ENGINE) == []
    path, doc_id, body = corpus[0]
    changed = [(path, doc_id, body + "另有消息称，该公司将在下月公布新计划。"), *corpus[1:]]
    assert sign_shards(layout, changed, rules, ENGINE) == [shard_of(path, 8)]
    rewritten = {s for s in range(8) if layout.output(SIGNATURES, s).stat().st_mtime_ns != written[s]}
    assert rewritten == {shard_of(path, 8)}
    assert not list(tmp_path.rglob("*.tmp"))  # temporary files were renamed into place
    other_rules = replace(rules, block_shingles=4096)
    assert sign_shards(layout, changed, other_rules, ENGINE) == list(range(8))  # other rules: every shard again


def test_run_shards_removes_the_output_of_an_emptied_shard_and_tags_each_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHNEWS_WORKERS", "1")  # in this process: `length_frame` is not importable by a worker
    layout = ShardLayout.open(tmp_path, 2)
    rows = run_shards(layout, "lengths", {0: [("a", "xy")], 1: [("b", "z")]}, length_frame, "v1", ENGINE)
    assert rows == [0, 1] and stored_fingerprint(layout.output("lengths", 1)) is not None
    assert run_shards(layout, "lengths", {0: [("a", "xy")]}, length_frame, "v1", ENGINE) == []
    assert not layout.output("lengths", 1).exists()
    assert duckdb.execute("select * from read_parquet(?)", [str(layout.output("lengths", 0))]).fetchall() == [("a", 2)]


def length_frame(items: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"key": [k for k, _ in items], "length": [len(v) for _, v in items]})


@pytest.mark.ray
def test_on_ray_a_shard_task_whose_worker_dies_is_retried_and_writes_its_shard_once(ray_engine, tmp_path):
    """The first attempt of shard 1's task kills its Ray worker process; Ray runs the task again elsewhere."""
    layout = ShardLayout.open(tmp_path / "shards", 2)
    work = {0: [("a", "xy")], 1: [("b", "z")]}
    task = partial(dies_once_in_shard, marker=tmp_path / "killed-once")
    assert run_shards(layout, "lengths", work, task, "v1", ray_engine) == [0, 1]
    assert (tmp_path / "killed-once").exists()  # the worker did die
    for shard, (key, text) in [(0, ("a", "xy")), (1, ("b", "z"))]:
        rows = duckdb.execute("select * from read_parquet(?)", [str(layout.output("lengths", shard))]).fetchall()
        assert rows == [(key, len(text))]
    assert run_shards(layout, "lengths", work, task, "v1", ray_engine) == []  # nothing to redo


def dies_once_in_shard(items: list[tuple[str, str]], marker: Path) -> pd.DataFrame:
    if items[0][0] == "b" and not marker.exists():
        marker.touch()
        os._exit(1)  # the worker process dies, as on a lost node
    return length_frame(items)
