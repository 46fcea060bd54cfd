"""A run killed at any stage (kill -9, SIGTERM, Ctrl-C) is followed by a plain rerun that needs no person
and leaves the same tables as a run that was never interrupted.

Every case runs the contract's command in a subprocess on its own Dagster instance and warehouse. The test
hook `ZHNEWS_TEST_PAUSE_IN=<stage>` (zhnews.warehouse.pause_for_tests) holds the run in the middle of that
stage's first write, with the stage's pool slot taken, so the kill lands at a known point. The kills follow
each other on one warehouse (the rerun after a kill in one stage is the run killed in the next), so every stage
is killed once with six runs instead of twelve; the last, plain rerun must equal an uninterrupted run.
"""

import shutil
import signal
import subprocess
import time

import dagster as dg
import duckdb
import pytest

from tests.conftest import SEEDS, command_environment, materialize
from zhnews.warehouse import PAUSE_VARIABLE

STAGES = ["ingest", "clean", "dedupe", "documents", "entities", "figures"]  # in the order a run reaches them;
# documents: the contract table write
# The checks' cache: fingerprints of the rows a check saw, timestamps included, so they differ by run.
NOT_COMPARED = {"schema_check_passes"}

pytestmark = pytest.mark.slow


def run(env: dict[str, str]) -> float:
    """Run the command to its end; it must succeed. Returns its seconds."""
    began = time.monotonic()
    process = materialize(env)
    output, _ = process.communicate(timeout=240)
    assert process.returncode == 0, output[-3000:]
    return time.monotonic() - began


def start_paused(env: dict[str, str], stage: str) -> subprocess.Popen:
    """A run held in the middle of `stage`'s first write."""
    process = materialize({**env, PAUSE_VARIABLE: stage})
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.strip() == f"zhnews: paused in {stage}":
            return process
    process.wait()
    raise AssertionError(f"the run never reached {stage}:\n" + "".join(seen[-40:]))


def snapshot(env: dict[str, str]) -> dict[str, list[tuple]]:
    """Every table's rows in order, without timestamp columns (when a row was written differs by run)."""
    with duckdb.connect(env["ZHNEWS_WAREHOUSE"], read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()
            if r[0] not in NOT_COMPARED
        ]
        found = {}
        for table in tables:
            columns = [
                f'"{name}"'
                for name, kind in con.execute(
                    "select column_name, data_type from duckdb_columns() where table_name = ? order by column_index",
                    [table],
                ).fetchall()
                if not kind.startswith("TIMESTAMP")
            ]
            found[table] = con.execute(f'select {", ".join(columns)} from "{table}" order by all').fetchall()
    return found


def run_statuses(env: dict[str, str]) -> list[dg.DagsterRunStatus]:
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        return [run.status for run in reversed(instance.get_runs())]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list[tuple]]:
    """The tables of an uninterrupted run on the bundled seeds."""
    folder = tmp_path_factory.mktemp("reference")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    env = command_environment(folder, seeds)
    run(env)
    return snapshot(env)


def test_kill_9_in_each_stage_then_a_plain_rerun_equals_an_uninterrupted_run(reference, tmp_path, seeds_copy):
    env = command_environment(tmp_path, seeds_copy)
    for stage in STAGES:  # each run resumes what the run killed before it left, and is killed in the next stage
        began = time.monotonic()
        killed = start_paused(env, stage)
        assert time.monotonic() - began < 60  # the dead run's pool slot was freed at once: no "blocked by limit"
        killed.kill()  # SIGKILL: nothing of the run's process gets to clean up
        killed.wait()
    assert run(env) < 60
    assert snapshot(env) == reference
    assert run_statuses(env) == [dg.DagsterRunStatus.FAILURE] * len(STAGES) + [dg.DagsterRunStatus.SUCCESS]


def test_sigterm_or_ctrl_c_stop_a_run_within_10_s_and_leave_the_warehouse_consistent(reference, tmp_path, seeds_copy):
    env = command_environment(tmp_path, seeds_copy)
    for signum in (signal.SIGTERM, signal.SIGINT):  # the rerun after SIGTERM is the run stopped by Ctrl-C
        stopped = start_paused(env, "entities")
        began = time.monotonic()
        stopped.send_signal(signum)
        stopped.communicate(timeout=30)
        assert time.monotonic() - began < 10, signum
        assert stopped.returncode != 0, signum
    run(env)
    assert snapshot(env) == reference
