"""The same assets on Ray: a generated corpus with planted copies, materialised by the contract's command with the
local engine and with a private local Ray (one of whose shard tasks loses its worker and is retried), gives the
same contract tables, row for row."""

import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest

from bench.generate import write_corpus
from tests.conftest import SEEDS, command_environment, materialize
from zhnews.shards import CLEANED, KILL_VARIABLE

pytestmark = [pytest.mark.ray, pytest.mark.slow]

FILES = 2000  # about 6 MB: every stage cuts it into several batches per worker, so Ray runs dozens of tasks
CONTRACT_TABLES = {  # table -> its columns that are facts of the corpus (not the time of the run)
    "documents": "*",
    "entities": "*",
    "mentions": "*",
    "figures": "*",
    "quarantine": "source_path, stage, reason",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """2,000 generated news files (copies planted by the generator) and two files every run must refuse."""
    files = tmp_path_factory.mktemp("ray_corpus") / "files"
    write_corpus(files, SEEDS, seed=3, n_docs=FILES, megabytes=None)
    (files / "labels.json").unlink()  # the generator's answer key, not an article
    (files / "empty.txt").write_bytes(b"")
    (files / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return files


def build(folder: Path, seeds: Path, env: dict[str, str]) -> dict[str, list[tuple]]:
    """Run the contract's command into a warehouse under `folder` and read its contract tables."""
    process = materialize({**command_environment(folder, seeds), **env})
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output[-3000:]
    with duckdb.connect(str(folder / "warehouse" / "zhnews.duckdb"), read_only=True) as con:
        return {
            table: con.execute(f"select {columns} from {table} order by all").fetchall()
            for table, columns in CONTRACT_TABLES.items()
        }


def test_ray_and_local_engines_build_identical_contract_tables(corpus, tmp_path):
    ray_temp = Path(tempfile.mkdtemp(prefix="zr", dir="/tmp"))  # short: Ray's socket paths live under it
    try:
        local = build(tmp_path / "local", corpus, {"ZHNEWS_ENGINE": "local", "ZHNEWS_WORKERS": "2"})
        killed = tmp_path / "killed-once"  # the first task of clean's shard 3 ends its Ray worker; Ray retries it
        on_ray = build(
            tmp_path / "ray",
            corpus,
            {
                "ZHNEWS_ENGINE": "ray",
                "ZHNEWS_WORKERS": "2",
                "RAY_TMPDIR": str(ray_temp),
                KILL_VARIABLE: f"{CLEANED}:3:{killed}",
            },
        )
        task_logs = "".join(p.read_text(errors="replace") for p in ray_temp.glob("ray/session_*/logs/worker-*.out"))
    finally:
        shutil.rmtree(ray_temp, ignore_errors=True)
    assert task_logs.count(":task_name:apply") >= 10  # the Ray run did send the stages' batches to Ray
    assert killed.exists()  # a worker died in the middle of a shard task, and the run still succeeded
    assert len(local["documents"]) == FILES
    assert len({row[10] for row in local["documents"]}) < FILES  # cluster_id: planted copies were found
    assert len(local["quarantine"]) == 2 and local["entities"] and local["figures"]
    for table in CONTRACT_TABLES:
        assert on_ray[table] == local[table], table
