"""bench.run: stage attribution, dedupe quality, report tables, and the whole runner on a tiny corpus."""

import json
from pathlib import Path

import duckdb
import psutil
import pytest

from bench import run

PIPELINE_STAGES = [
    "ingest", "clean", "dedupe", "documents", "entities", "figures", "quarantine", "report", "read copy"
]  # fmt: skip


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("raw_documents", ("ingest", False)),
        ("raw_documents_matches_schema", ("ingest", True)),
        ("raw_documents_warehouse_keeps_up_with_seeds", ("ingest", True)),
        ("cleaned_documents", ("clean", False)),
        ("duplicates_duplicates_one_canonical_per_cluster", ("dedupe", True)),
        ("documents", ("documents", False)),
        ("documents_matches_schema", ("documents", True)),
        ("entities_and_mentions", ("entities", False)),
        ("mentions_matches_schema", ("entities", True)),
        ("figures", ("figures", False)),
        ("quarantine_nothing_silently_lost", ("quarantine", True)),
        ("warehouse_read_copy", ("read copy", False)),
        ("something_else", ("other", True)),
    ],
)
def test_stage_of(step, expected):
    assert run.stage_of(step) == expected


def test_stages_adds_steps_and_checks_with_their_peak_and_cpu():
    windows = {"cleaned_documents": (10.0, 12.0), "cleaned_documents_matches_schema": (12.0, 12.5),
               "raw_documents": (5.0, 9.0)}
    samples = [(4.9, 100 * 2**20, 1.0, 0, 0, 0.5), (6.0, 300 * 2**20, 2.0, 100 * 2**20, 0, 1.0),
               (9.5, 50 * 2**20, 4.0, 0, 0, 1.5), (11.0, 200 * 2**20, 5.0, 150 * 2**20, 0, 1.6),
               (12.6, 10 * 2**20, 7.0, 0, 0, 2.6)]
    found = {s.name: s for s in run.stages(windows, samples)}
    assert list(found) == ["ingest", "clean"]
    assert found["clean"].seconds == pytest.approx(2.0)
    assert found["clean"].check_seconds == pytest.approx(0.5)
    assert found["clean"].peak_mb == pytest.approx(200)
    assert found["ingest"].peak_mb == pytest.approx(300)
    assert found["clean"].main_peak_mb == pytest.approx(150)
    assert found["ingest"].cpu_seconds == pytest.approx(3.0)
    assert found["ingest"].main_cpu_seconds == pytest.approx(1.0)  # the run process's own part of the tree's 3.0
    assert found["clean"].main_cpu_seconds == pytest.approx(2.1)  # asset step 1.5 -> 2.6, check step 1.6 -> 2.6


def test_linearity_compares_sizes_end_to_end_and_beyond_dagsters_fixed_costs():
    def result(mb: float, wall: float) -> dict:
        return {"workers": 2, "megabytes": mb, "full": {"wall_seconds": wall}, "noop_seconds": 2.0,
                "graph_floor_seconds": 3.0}

    lines = run.linearity([result(100, 83.0), result(10, 13.0)])
    assert lines[0] == "- 2 worker(s), MB/s end to end: 10 MB 0.77 / 100 MB 1.20; the slowest is 64% of the fastest"
    assert lines[1].endswith("10 MB 0.91 / 100 MB 1.23; the slowest is 74% of the fastest")
    assert lines[2].endswith("10 MB 1.00 / 100 MB 1.25; the slowest is 80% of the fastest")
    assert run.linearity([result(10, 13.0)]) == []  # one size: nothing to compare


def test_engine_overhead_compares_each_engine_with_local_on_the_same_corpus_and_workers():
    def result(engine: str | None, wall: float, corpus: str = "mb30-s1") -> dict:
        full = {"wall_seconds": wall, "step_seconds": wall - 5, "cpu_seconds": 2 * wall, "peak_mb": 10 * wall}
        found = {"corpus": corpus, "workers": 2, "megabytes": 30.0, "full": full}
        return found if engine is None else {**found, "engine": engine}

    lines = run.engine_overhead([result(None, 50.0), result("ray", 60.0), result("ray", 70.0, "mb10-s1")])
    assert lines == [
        "- mb30-s1, 2 worker(s), ray against local: wall 60.0 / 50.0 s (+20%), steps 55.0 / 45.0 s, "
        "CPU 120 / 100 s, peak memory 600 / 500 MB"
    ]  # a result without an engine ran locally; a corpus without a local run has nothing to compare with
    assert run.workers_shown(result("ray", 1.0)) == "2 (ray)" and run.workers_shown(result(None, 1.0)) == "2"


def test_noop_graph_has_the_pipelines_steps_and_checks():
    from pipelines.definitions import defs

    def shape(definitions) -> tuple[int, int]:
        steps = definitions.resolve_implicit_global_asset_job_def().graph.node_defs
        return len(steps), len(list(definitions.resolve_asset_graph().asset_check_keys))

    assert shape(run.noop_graph_defs) == shape(defs) == (21, 11)


def test_tree_usage_counts_the_process_itself():
    pss, cpu, own, rss, own_cpu = run.tree_usage(psutil.Process())
    assert 0 < own <= pss <= rss and 0 < own_cpu <= cpu


@pytest.mark.parametrize(
    ("clusters", "distinct", "predicted", "precision", "recall"),
    [
        ([["a", "b"]], ["c"], {"a": "1", "b": "1", "c": "2"}, 1.0, 1.0),
        ([["a", "b"]], ["c"], {"a": "1", "b": "2", "c": "3"}, 1.0, 0.0),
        ([["a", "b"]], ["c"], {"a": "1", "b": "1", "c": "1"}, 1 / 3, 1.0),
        ([["a", "b", "c"]], ["d"], {"a": "1", "b": "1", "c": "2", "d": "2"}, 0.5, 1 / 3),
        ([], ["a", "b"], {"a": "1", "b": "2"}, 1.0, 1.0),
    ],
)
def test_pairwise_quality(tmp_path, clusters, distinct, predicted, precision, recall):
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"clusters": clusters, "distinct": distinct}))
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table documents (source_path varchar, cluster_id varchar)")
        con.executemany("insert into documents values (?, ?)", [list(row) for row in predicted.items()])
    quality = run.pairwise_quality(warehouse, labels)
    assert quality["precision"] == pytest.approx(precision)
    assert quality["recall"] == pytest.approx(recall)


def test_pairwise_quality_ignores_files_added_for_the_incremental_run(tmp_path):
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"clusters": [["a", "b"]], "distinct": []}))
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table documents (source_path varchar, cluster_id varchar)")
        con.executemany("insert into documents values (?, ?)", [["a", "1"], ["b", "1"], ["incremental/x", "1"]])
    assert run.pairwise_quality(warehouse, labels)["precision"] == 1.0


@pytest.mark.slow
def test_runner_on_a_tiny_corpus(tmp_path: Path):
    run.main(["--n", "30", "--new-files", "3", "--out", str(tmp_path)])
    [result] = json.loads((tmp_path / "results.json").read_text())
    assert result["files"] == 30
    assert 0 < result["full"]["peak_mb"] < 4096
    assert [s["name"] for s in result["full"]["stages"]] == PIPELINE_STAGES
    assert all(s["seconds"] > 0 for s in result["full"]["stages"])
    assert result["full"]["step_seconds"] < result["full"]["wall_seconds"]
    assert result["dedupe"]["documents"] == 30
    assert result["dedupe"]["precision"] > 0.5 and result["dedupe"]["recall"] > 0.5
    assert result["incremental"]["wall_seconds"] > 0 and result["noop_seconds"] > 0
    assert not list((tmp_path / "corpus").glob("*/files/incremental"))
    text = (tmp_path / "report.md").read_text()
    for stage in PIPELINE_STAGES:
        assert f"| {stage} |" in text
    assert "| **end to end** |" in text and "| n30-s1 | 30 |" in text


def test_held_out_real_files_are_spread_over_the_corpus(tmp_path: Path):
    files = tmp_path / "files"
    for source in ("a", "b"):
        (files / source).mkdir(parents=True)
        for i in range(10):
            (files / source / f"{i}.txt").write_text("x")
    corp = run.Corpus("real", files, None, 20, 20)
    taken = run.held_out(corp, 4)
    assert corp.real and len(taken) == 4
    assert {p.parent.name for p in taken} == {"a", "b"}
