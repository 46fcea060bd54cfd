"""zhnews.shards: stable shards, atomic Parquet outputs skipped when unchanged, and dedupe signatures per shard
that do not depend on the number of shards."""

import json
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
from zhnews.ingest import SeedFile, parse_seed
from zhnews.shards import (
    CLEAN_TYPES,
    CLEANED,
    RAW,
    SIGNED,
    ShardJob,
    ShardLayout,
    ShardOutput,
    ShardsFailed,
    clean_shard,
    fingerprint,
    ingest_shard,
    read_here,
    run_job,
    run_shards,
    shard_jobs,
    shard_of,
    shards_for,
    sign_shard,
    stored_fingerprint,
    work_from,
    write_parquet_atomically,
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


def write_cleaned(layout: ShardLayout, corpus: list[tuple[str, str, str]]) -> None:
    """Each shard's clean output as the clean stage writes it (only the columns signing reads filled)."""
    for shard, docs in layout.split(corpus, lambda doc: doc[0]).items():
        frame = pd.DataFrame(
            {"doc_id": [d for _, d, _ in docs], "source_path": [p for p, _, _ in docs], "body": [b for *_, b in docs]}
        )
        output = ShardOutput(frame.reindex(columns=list(CLEAN_TYPES)), CLEAN_TYPES)
        made_from = fingerprint("c", [(d, b) for _, d, b in docs])
        write_parquet_atomically(output, layout.output(CLEANED, shard), made_from, "c")


def sign(layout: ShardLayout, rules: dedupe.DedupeRules) -> list[int]:
    """Sign every shard whose clean output or rules changed, as the dedupe asset does; returns the shards signed."""
    task = partial(sign_shard, root=str(layout.root), rules=rules)
    return run_shards(layout, SIGNED, work_from(layout, CLEANED), task, dedupe.scheme(rules), ENGINE)


def signed_rows(layout: ShardLayout) -> list[tuple]:
    query = "select doc_id, body_hash, n_shingles, minhash, buckets from read_parquet(?) order by doc_id"
    return duckdb.execute(query, [layout.outputs(SIGNED)]).fetchall()


def test_one_to_eight_shards_sign_every_document_as_one_batch_does(corpus, tmp_path):
    rules = dedupe.load_rules()
    sigs = dedupe.signatures(sorted((d, b) for _, d, b in corpus), rules)
    buckets = dedupe.band_buckets(sigs, rules)
    expected = [
        (d, sigs.body_hash[i], sigs.n_shingles[i], sigs.minhash[i].astype("<u4").tobytes(), list(buckets[i]))
        for i, d in enumerate(sigs.doc_ids)
    ]
    for shards in (1, 8):
        layout = ShardLayout.open(tmp_path / f"s{shards}", shards)
        write_cleaned(layout, corpus)
        assert sign(layout, rules) == sorted({shard_of(p, shards) for p, _, _ in corpus})
        assert signed_rows(layout) == expected


def test_an_unchanged_shard_is_skipped_and_a_changed_document_alone_signed_again(corpus, tmp_path):
    rules = dedupe.load_rules()
    layout = ShardLayout.open(tmp_path, 8)
    write_cleaned(layout, corpus)
    sign(layout, rules)
    written = {s: layout.output(SIGNED, s).stat().st_mtime_ns for s in range(8)}
    assert sign(layout, rules) == []
    path, doc_id, body = corpus[0]
    changed = [(path, doc_id, body + "另有消息称，该公司将在下月公布新计划。"), *corpus[1:]]
    write_cleaned(layout, changed)
    shard = shard_of(path, 8)
    [job] = [job for job in shard_jobs(layout, SIGNED, work_from(layout, CLEANED), dedupe.scheme(rules))
             if job.shard == shard]
    assert run_job(partial(sign_shard, root=str(layout.root), rules=rules), job) == 1  # the others carried over
    assert sign(layout, rules) == []
    rewritten = {s for s in range(8) if layout.output(SIGNED, s).stat().st_mtime_ns != written[s]}
    assert rewritten == {shard}
    fresh = ShardLayout.open(tmp_path / "fresh", 8)
    write_cleaned(fresh, changed)
    sign(fresh, rules)
    assert signed_rows(layout) == signed_rows(fresh)  # carried-over rows and the new one: as a fresh signing
    assert not list(tmp_path.rglob("*.tmp"))  # temporary files were renamed into place
    other_rules = replace(rules, block_shingles=4096)
    assert sign(layout, other_rules) == list(range(8))  # other rules: every shard again


def test_run_shards_removes_the_output_of_an_emptied_shard_and_tags_each_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHNEWS_WORKERS", "1")  # in this process: `length_frame` is not importable by a worker
    layout = ShardLayout.open(tmp_path, 2)
    rows = run_shards(layout, "lengths", {0: [("a", "xy")], 1: [("b", "z")]}, length_frame, "v1", ENGINE)
    assert rows == [0, 1] and stored_fingerprint(layout.output("lengths", 1)) is not None
    assert run_shards(layout, "lengths", {0: [("a", "xy")]}, length_frame, "v1", ENGINE) == []
    assert not layout.output("lengths", 1).exists()
    assert duckdb.execute("select * from read_parquet(?)", [str(layout.output("lengths", 0))]).fetchall() == [("a", 2)]


def test_here_runs_every_shard_in_this_process_however_much_work(tmp_path):
    layout = ShardLayout.open(tmp_path, 2)
    work = {shard: [(f"{shard}-{i}", "x") for i in range(200)] for shard in (0, 1)}  # enough to pay for a pool
    assert run_shards(layout, "pids", work, pid_frame, "v1", ENGINE, here=True) == [0, 1]
    pids = duckdb.execute("select distinct pid from read_parquet(?)", [layout.outputs("pids")]).fetchall()
    assert pids == [(os.getpid(),)]


def pid_frame(job: ShardJob) -> pd.DataFrame:
    return pd.DataFrame({"key": [k for k, _ in job.items], "pid": os.getpid()})


def test_a_small_read_is_read_here_and_html_counts_more_than_text():
    megabytes = 2**20
    assert read_here([SeedFile("a.txt", 40 * megabytes, 0)])
    assert not read_here([SeedFile("a.txt", 40 * megabytes, 0), SeedFile("b.md", 9 * megabytes, 0)])
    assert not read_here([SeedFile("page.HTML", 7 * megabytes, 0)])
    assert read_here([SeedFile("page.html", 5 * megabytes, 0), SeedFile("a.txt", 4 * megabytes, 0)])


def length_frame(job: ShardJob) -> pd.DataFrame:
    return pd.DataFrame({"key": [k for k, _ in job.items], "length": [len(v) for _, v in job.items]})


@pytest.mark.ray
def test_on_ray_a_shard_task_whose_worker_dies_is_retried_and_writes_its_shard_once(ray_engine, tmp_path):
    """The first attempt of shard 1's task kills its Ray worker process; Ray runs the task again elsewhere."""
    layout = ShardLayout.open(tmp_path / "shards", 2)
    work = {0: [(f"a{i:03d}", "xy") for i in range(100)], 1: [(f"b{i:03d}", "z") for i in range(100)]}
    task = partial(dies_once_in_shard, marker=tmp_path / "killed-once")
    assert run_shards(layout, "lengths", work, task, "v1", ray_engine) == [0, 1]
    assert (tmp_path / "killed-once").exists()  # the worker did die
    for shard, items in work.items():
        rows = duckdb.execute("select * from read_parquet(?) order by 1", [str(layout.output("lengths", shard))])
        assert rows.fetchall() == [(key, len(text)) for key, text in items]
    assert run_shards(layout, "lengths", work, task, "v1", ray_engine) == []  # nothing to redo


def dies_once_in_shard(job: ShardJob, marker: Path) -> pd.DataFrame:
    if job.shard == 1 and not marker.exists():
        marker.touch()
        os._exit(1)  # the worker process dies, as on a lost node
    return length_frame(job)


def test_a_failing_shard_fails_alone_and_the_others_are_written(tmp_path):
    layout = ShardLayout.open(tmp_path, 3)
    work = {shard: [(f"{shard}-{i}", "x" * shard) for i in range(2)] for shard in range(3)}
    with pytest.raises(ShardsFailed, match="1 shard\\(s\\) failed: shard 1: ValueError: no shard 1"):
        run_shards(layout, "lengths", work, fails_in_shard_one, "v1", ENGINE)
    assert [layout.output("lengths", s).exists() for s in range(3)] == [True, False, True]
    assert run_shards(layout, "lengths", work, length_frame, "v1", ENGINE) == [1]  # the next run redoes it alone


def fails_in_shard_one(job: ShardJob) -> pd.DataFrame:
    if job.shard == 1:
        raise ValueError("no shard 1")
    return length_frame(job)


def test_a_shard_output_carries_over_the_kept_rows_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "stage" / "shard-00000.parquet"
    types = {"key": "varchar", "length": "bigint"}
    write_parquet_atomically(ShardOutput(pd.DataFrame({"key": ["a", "b"], "length": [1, 2]}), types), path, "f1", "c")
    job = ShardJob("stage", 0, [], path, "f2", "c")
    assert job.previous("key", "length") == {"a": (1,), "b": (2,)}
    assert ShardJob("stage", 0, [], path, "f2", "other code").previous("key") == {}
    new = ShardOutput(pd.DataFrame({"key": ["c"], "length": [3]}), types, "key", ["b"])
    write_parquet_atomically(new, path, "f2", "c")
    assert duckdb.execute("select * from read_parquet(?) order by 1", [str(path)]).fetchall() == [("b", 2), ("c", 3)]
    assert stored_fingerprint(path) == "f2"


def test_an_empty_shard_output_keeps_the_schema(tmp_path):
    path = tmp_path / "shard-00000.parquet"
    write_parquet_atomically(ShardOutput(pd.DataFrame(columns=list(CLEAN_TYPES)), CLEAN_TYPES), path, "f", "c")
    types = duckdb.execute("select column_name, column_type from (describe select * from read_parquet(?))", [str(path)])
    assert dict(types.fetchall()) == {c: t.upper() for c, t in CLEAN_TYPES.items()}


def test_shards_for_a_corpus_grow_by_powers_of_two():
    assert [shards_for(n * 2**20) for n in (0, 1024, 1025, 4096)] == [8, 8, 16, 32]


def ingest_job(layout: ShardLayout, root: Path, code: str = "c") -> ShardJob:
    files = sorted(p for p in root.iterdir() if p.is_file())
    items = [(p.name, f"{p.stat().st_size}:{p.stat().st_mtime_ns}") for p in files]
    return ShardJob(RAW, 0, items, layout.output(RAW, 0), fingerprint(code, items), code)


def run_job_here(task, job: ShardJob) -> int:
    rows = run_job(task, job)
    assert not isinstance(rows, str), rows
    return rows


def test_ingest_reads_new_and_changed_files_and_keeps_the_rows_of_untouched_ones(tmp_path):
    seeds, layout = tmp_path / "seeds", ShardLayout.open(tmp_path / "lake", 1)
    seeds.mkdir()
    (seeds / "a.txt").write_text("第一篇文章的正文。\n", encoding="utf-8")
    (seeds / "b.txt").write_text("第二篇文章的正文。\n", encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    task = partial(ingest_shard, root=str(seeds), limit=2**20)
    assert run_job_here(task, ingest_job(layout, seeds)) == 3
    output = str(layout.output(RAW, 0))
    first = dict(duckdb.execute("select source_path, doc_id from read_parquet(?)", [output]).fetchall())
    assert first["empty.txt"] is None and first["a.txt"] and first["b.txt"]

    stamp = (seeds / "a.txt").stat()
    (seeds / "a.txt").write_text("同样长度的别的字。\n", encoding="utf-8")  # same size and mtime: not read again
    os.utime(seeds / "a.txt", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    (seeds / "b.txt").write_text("第二篇文章改过的正文。\n", encoding="utf-8")
    assert run_job_here(task, ingest_job(layout, seeds)) == 1  # only b.txt was read
    rows = duckdb.execute("select source_path, doc_id, refusals from read_parquet(?) order by 1", [output]).fetchall()
    assert [(path, doc_id == first[path]) for path, doc_id, _ in rows] == [
        ("a.txt", True), ("b.txt", False), ("empty.txt", True)
    ]
    assert json.loads(rows[2][2])[0][0] == "ingest"  # the empty file's refusal is kept with its row
    assert run_job_here(task, ingest_job(layout, seeds, code="other")) == 3  # other code: every file again


def test_clean_cleans_new_documents_and_keeps_the_rows_of_cleaned_ones(tmp_path):
    seeds, layout = tmp_path / "seeds", ShardLayout.open(tmp_path / "lake", 1)
    seeds.mkdir()
    (seeds / "a.txt").write_text("第一篇文章的正文。\n", encoding="utf-8")
    ingest = partial(ingest_shard, root=str(seeds), limit=2**20)
    run_job_here(ingest, ingest_job(layout, seeds))

    def clean_job() -> ShardJob:
        items = [(f"{RAW}/shard-00000.parquet", stored_fingerprint(layout.output(RAW, 0)))]
        return ShardJob(CLEANED, 0, items, layout.output(CLEANED, 0), fingerprint("c", items), "c")

    clean = partial(clean_shard, root=str(layout.root))
    assert run_job_here(clean, clean_job()) == 1
    (seeds / "b.txt").write_text("第二篇文章的正文。\n", encoding="utf-8")
    run_job_here(ingest, ingest_job(layout, seeds))
    assert run_job_here(clean, clean_job()) == 1  # a.txt's document is carried over
    rows = duckdb.execute(
        "select source_path, body, refusal from read_parquet(?) order by 1", [str(layout.output(CLEANED, 0))]
    ).fetchall()
    assert [(path, refusal) for path, _, refusal in rows] == [("a.txt", None), ("b.txt", None)]
    assert rows[0][1].startswith("第一篇文章")
