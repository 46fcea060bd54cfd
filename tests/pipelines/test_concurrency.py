"""One writer at a time: concurrent runs take turns, and readers never make a run fail."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.common import WRITER_POOL
from pipelines.read_copy import read_copy_path
from tests.conftest import SEEDS, command_environment, materialize

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, str]:
    """A private Dagster instance with the project's dagster.yaml, and a private warehouse, shared by this
    module's tests in order: the readers' test goes on from the warehouse the two concurrent runs built (one
    cold build for the module instead of two)."""
    folder = tmp_path_factory.mktemp("concurrency")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    return command_environment(folder, seeds)


def finish(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output[-3000:]


def writer_step_intervals(home: str) -> dict[str, list[tuple[float, float]]]:
    """For each run in the instance: when each step of the writer pool started and ended."""
    with dg.DagsterInstance.from_config(home) as instance:
        runs = instance.get_runs()
        intervals: dict[str, list[tuple[float, float]]] = {}
        for run in runs:
            started: dict[str, float] = {}
            spans = []
            for entry in instance.all_logs(run.run_id):
                event = entry.dagster_event
                if event is None or event.step_key is None:
                    continue
                if event.event_type_value == "STEP_START":
                    started[event.step_key] = entry.timestamp
                elif event.event_type_value == "STEP_SUCCESS":
                    spans.append((started[event.step_key], entry.timestamp))
            intervals[run.run_id] = spans
    return intervals


@pytest.fixture(scope="module")
def built(places: dict[str, str]) -> dict[str, str]:
    """Two runs of the contract's command started at once on the fresh warehouse, both finished. The pool's slot is
    set up first, as any earlier run leaves it: Dagster creates a pool's default slots at its first claim, and two
    processes claiming at the same instant on a new SQLite instance can each create one (both runs' first steps
    then overlap, seen once in CI)."""
    with dg.DagsterInstance.from_config(places["DAGSTER_HOME"]) as instance:
        instance.event_log_storage.set_concurrency_slots(WRITER_POOL, 1)
    first, second = materialize(places), materialize(places)
    finish(first)
    finish(second)
    return places


def test_two_runs_at_once_both_succeed_one_step_at_a_time(built):
    places = built
    runs = writer_step_intervals(places["DAGSTER_HOME"])
    assert len(runs) == 2
    spans_a, spans_b = runs.values()
    overlapping = [(x, y) for x in spans_a for y in spans_b if x[0] < y[1] and y[0] < x[1]]
    assert not overlapping
    with duckdb.connect(places["ZHNEWS_WAREHOUSE"], read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == len(os.listdir(places["ZHNEWS_SEEDS"]))


def hold_read_only(path: Path, seconds: float) -> subprocess.Popen:
    """Another process that opens `path` read-only, reports how many documents it sees, and keeps it open."""
    code = (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(path)!r}, read_only=True)\n"
        "print(con.execute('select count(*) from documents').fetchone()[0], flush=True)\n"
        f"time.sleep({seconds})\n"
        "print(con.execute('select count(*) from documents').fetchone()[0], flush=True)\n"
    )
    reader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    return reader


def test_readers_never_make_a_run_fail(built):
    """Users query the read copy, which never blocks the writer; a short session on the warehouse itself
    only delays the run, since the writer retries while it is locked."""
    places = built
    copy = read_copy_path(Path(places["ZHNEWS_WAREHOUSE"]))
    on_copy = hold_read_only(copy, seconds=120)
    seen_before = int(on_copy.stdout.readline())
    extra = Path(places["ZHNEWS_SEEDS"]) / "later.txt"
    extra.write_text("又一篇新闻的标题\n\n这是一篇在运行期间加入的新闻。正文有两句话。\n", encoding="utf-8")
    run = materialize(places)
    on_warehouse = hold_read_only(Path(places["ZHNEWS_WAREHOUSE"]), seconds=20)  # opened before the run's first step
    assert int(on_warehouse.stdout.readline()) == seen_before
    finish(run)
    assert on_warehouse.wait(timeout=30) == 0
    assert on_copy.poll() is None, "the session on the old read copy is still open"
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == seen_before + 1
    on_copy.terminate()
    on_copy.wait(timeout=30)
