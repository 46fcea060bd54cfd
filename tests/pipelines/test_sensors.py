"""The sensors, evaluated by Dagster: the seeds sensor over a real temporary seeds folder, tick by tick, and the
recovery of runs whose process died."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.remote_origin import RegisteredCodeLocationOrigin, RemoteJobOrigin, RemoteRepositoryOrigin

import assets
from assets.common import WRITER_POOL, SeedsFolder
from pipelines import recovery
from pipelines.jobs import reextract, reset_extraction
from pipelines.read_copy import warehouse_read_copy
from pipelines.resources import build_resources, warehouse_resource
from pipelines.sensors import (
    EMPTY_TICKS_BEFORE_FORGETTING,
    GROUPS,
    SeedsState,
    reextract_after_reset,
    rerun_after_crash,
    seeds_sensor,
)

ARTICLE = "新建的图书馆今日开放。\n该馆藏书超过50万册。\n"


@dataclass
class Tick:
    run_requests: list[dg.RunRequest]
    skip_message: str | None
    cursor: str | None


class Ticker:
    """Evaluates the sensor the way the daemon does: each tick starts from the cursor the last one left."""

    def __init__(self, folder: Path, instance: dg.DagsterInstance, warehouse: Path | None = None):
        self.folder = folder
        self.instance = instance
        self.warehouse = warehouse or folder.parent / "warehouse" / "zhnews.duckdb"  # none built: no last run
        self.cursor: str | None = None

    def tick(self) -> Tick:
        resources = {"seeds": SeedsFolder(path=str(self.folder)), "duckdb": warehouse_resource(self.warehouse)}
        with dg.build_sensor_context(instance=self.instance, cursor=self.cursor, resources=resources) as context:
            result = seeds_sensor(context)
            self.cursor = context.cursor
        if isinstance(result, dg.SkipReason):
            return Tick([], result.skip_message, self.cursor)
        return Tick([result], None, self.cursor)


@pytest.fixture
def instance():
    with dg.DagsterInstance.ephemeral() as instance:
        yield instance


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE + "第二篇。\n", encoding="utf-8")
    return folder


@pytest.fixture
def ticker(seeds: Path, instance) -> Ticker:
    """A ticker that has already taken in the two starting files."""
    ticker = Ticker(seeds, instance)
    assert len(ticker.tick().run_requests) == 1
    return ticker


def test_first_tick_requests_one_run_for_every_file(seeds, instance):
    data = Ticker(seeds, instance).tick()
    [request] = data.run_requests
    assert request.tags["zhnews/seed_files"] == "2"
    assert SeedsState.parse(data.cursor).files == 2


def test_no_change_skips(ticker):
    cursor = ticker.cursor
    data = ticker.tick()
    assert data.run_requests == []
    assert "no seed file was added, changed or deleted" in data.skip_message
    assert data.cursor == cursor


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda f: (f / "c.txt").write_text(ARTICLE + "新的。", encoding="utf-8"), id="new file"),
        pytest.param(
            lambda f: (
                (f / "sub" / "deep").mkdir(parents=True)
                or (f / "sub" / "deep" / "c.md").write_text(ARTICLE, encoding="utf-8")
            ),
            id="new file in a subfolder",
        ),
        pytest.param(lambda f: (f / "a.txt").write_text(ARTICLE + "更正。", encoding="utf-8"), id="content changed"),
        pytest.param(
            lambda f: (f / "a.txt").write_text(ARTICLE.replace("50", "60"), encoding="utf-8"),
            id="same size, other content",
        ),
        pytest.param(lambda f: (f / "a.txt").unlink(), id="deleted"),
        pytest.param(lambda f: (f / "a.txt").rename(f / "renamed.txt"), id="renamed"),
        pytest.param(lambda f: (f / "a.txt").write_bytes(b""), id="emptied file"),
    ],
)
def test_a_change_requests_exactly_one_run(ticker, seeds, change):
    change(seeds)
    first = ticker.tick()
    assert len(first.run_requests) == 1
    assert first.run_requests[0].run_key.startswith("seeds-2-")
    assert ticker.tick().run_requests == []


def test_touch_without_content_change_skips(ticker, seeds):
    cursor = ticker.cursor
    stat = (seeds / "a.txt").stat()
    os.utime(seeds / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    data = ticker.tick()
    assert data.run_requests == []
    assert "touched" in data.skip_message
    assert data.cursor != cursor  # the new times are remembered, so the file is not hashed again
    assert "touched" not in ticker.tick().skip_message


def test_rewriting_the_same_bytes_skips(ticker, seeds):
    (seeds / "b.txt").write_bytes((seeds / "b.txt").read_bytes())
    assert ticker.tick().run_requests == []


def test_cursor_round_trips(ticker):
    state = SeedsState.parse(ticker.cursor)
    assert state.dump() == ticker.cursor
    assert SeedsState.parse(state.dump()) == state
    assert SeedsState.parse(None) == SeedsState()


@pytest.mark.parametrize("cursor", ["", "not json", "[1, 2]", '{"groups": 5}', '{"groups": {"0a": [1]}}'])
def test_an_unreadable_cursor_counts_as_nothing_seen(cursor):
    assert SeedsState.parse(cursor) == SeedsState()


def test_a_link_out_of_the_folder_is_not_read(ticker, seeds, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("秘密", encoding="utf-8")
    (seeds / "link.txt").symlink_to(outside)
    assert len(ticker.tick().run_requests) == 1
    outside.write_text("改过的秘密", encoding="utf-8")
    assert ticker.tick().run_requests == []


def test_the_same_cursor_gives_the_same_run_key(ticker, seeds, instance):
    """A tick re-evaluated after a crash asks for the same run, which Dagster then launches once."""
    (seeds / "c.txt").write_text(ARTICLE + "新的。", encoding="utf-8")
    replay = Ticker(seeds, instance)
    replay.cursor = ticker.cursor
    assert ticker.tick().run_requests[0].run_key == replay.tick().run_requests[0].run_key


def test_going_back_to_an_earlier_state_is_a_new_run(ticker, seeds):
    original = (seeds / "a.txt").read_bytes()
    keys = []
    for content in [b"changed", original, b"changed"]:
        (seeds / "a.txt").write_bytes(content)
        keys.append(ticker.tick().run_requests[0].run_key)
    assert len(set(keys)) == 3


def test_missing_folder_skips_and_keeps_the_cursor(ticker, seeds):
    cursor = ticker.cursor
    moved = seeds.rename(seeds.with_name("elsewhere"))
    data = ticker.tick()
    assert data.run_requests == []
    assert "cannot be read" in data.skip_message
    assert data.cursor == cursor
    moved.rename(seeds)
    assert ticker.tick().run_requests == []


def test_briefly_empty_folder_forgets_nothing(ticker, seeds):
    saved = {p.name: p.read_bytes() for p in seeds.iterdir()}
    for p in seeds.iterdir():
        p.unlink()
    data = ticker.tick()
    assert data.run_requests == []
    assert "empty" in data.skip_message
    assert SeedsState.parse(data.cursor).files == 2
    for name, content in saved.items():
        (seeds / name).write_bytes(content)
    assert ticker.tick().run_requests == []


def test_folder_that_stays_empty_is_taken_as_deletion(ticker, seeds):
    for p in seeds.iterdir():
        p.unlink()
    skipped = [ticker.tick() for _ in range(EMPTY_TICKS_BEFORE_FORGETTING - 1)]
    assert all(d.run_requests == [] for d in skipped)
    [request] = ticker.tick().run_requests
    assert request.tags["zhnews/seed_files"] == "0"
    assert ticker.tick().run_requests == []


def test_empty_folder_from_the_start_skips(tmp_path, instance):
    (tmp_path / "seeds").mkdir()
    assert Ticker(tmp_path / "seeds", instance).tick().run_requests == []


def test_cursor_stays_small_for_many_files(tmp_path, instance):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:05d}.txt").write_text(f"第{i}篇", encoding="utf-8")
    cursor = Ticker(folder, instance).tick().cursor
    assert len(json.loads(cursor)["groups"]) <= GROUPS
    assert len(cursor) < 50 * GROUPS  # bounded by the number of groups, not of files


def test_a_queued_refresh_takes_the_changes_in(ticker, seeds, instance):
    cursor = ticker.cursor
    location = RemoteRepositoryOrigin(RegisteredCodeLocationOrigin("zhnews"), "__repository__")
    queued = instance.add_run(
        dg.DagsterRun(
            job_name="refresh_warehouse",
            status=dg.DagsterRunStatus.QUEUED,
            remote_job_origin=RemoteJobOrigin(location, "refresh_warehouse"),
        )
    )
    (seeds / "c.txt").write_text(ARTICLE + "新的。", encoding="utf-8")
    data = ticker.tick()
    assert data.run_requests == []
    assert "queued refresh" in data.skip_message
    assert data.cursor == cursor
    instance.report_run_canceled(queued)
    assert len(ticker.tick().run_requests) == 1


def test_seeds_sensor_is_on_by_default():
    assert seeds_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert seeds_sensor.job_name == "refresh_warehouse"


def test_reextract_follows_a_successful_reset(instance):
    run = instance.create_run_for_job(reset_extraction, run_id="0" * 32)
    context = dg.build_run_status_sensor_context(
        sensor_name=reextract_after_reset.name,
        dagster_instance=instance,
        dagster_run=run,
        dagster_event=dg.DagsterEvent(
            event_type_value="PIPELINE_SUCCESS", job_name=reset_extraction.name, message="done"
        ),
    )
    request = reextract_after_reset(context)
    assert request.run_key == run.run_id
    assert reextract_after_reset.job_name == reextract.name


def test_rerun_after_crash_frees_a_dead_runs_slot_and_requests_one_refresh(tmp_path: Path):
    """Two runs hold their locks' files; one process is gone (its file is free), the other still holds it."""
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        storage = instance.event_log_storage
        storage.set_concurrency_slots(WRITER_POOL, 1)
        dead, live = "dead0000-0000-0000-0000-000000000000", "live0000-0000-0000-0000-000000000000"
        for run_id in (dead, live):
            instance.add_run(dg.DagsterRun(job_name="refresh_warehouse", run_id=run_id, status=STARTED))
        assert storage.claim_concurrency_slot(WRITER_POOL, dead, "raw_documents").is_claimed
        recovery.lock_path(instance, dead).parent.mkdir(parents=True)
        recovery.lock_path(instance, dead).touch()  # its process ended: nobody holds the lock
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(recovery.lock_path(instance, live))],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "locked"
            request = rerun_after_crash(dg.build_sensor_context(instance=instance))
            assert isinstance(request, dg.RunRequest) and request.run_key == f"after-crash-{dead}"
            assert instance.get_run_by_id(dead).status == dg.DagsterRunStatus.FAILURE
            assert instance.get_run_by_id(live).status == STARTED
            assert storage.get_concurrency_info(WRITER_POOL).claimed_slots == []
            assert isinstance(rerun_after_crash(dg.build_sensor_context(instance=instance)), dg.SkipReason)
        finally:
            holder.kill()
            holder.wait()


STARTED = dg.DagsterRunStatus.STARTED
HOLD_LOCK = """
import fcntl, sys, time
f = open(sys.argv[1], "w")
fcntl.flock(f, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""
def test_a_first_tick_after_a_finished_run_with_nothing_changed_launches_nothing(seeds, instance, tmp_path):
    """`make run`, then the first `make dev`: the sensor has no cursor, but the last run saw these files."""
    warehouse = tmp_path / "built" / "zhnews.duckdb"
    dg.materialize(
        [*dg.load_assets_from_package_module(assets), warehouse_read_copy],
        resources=build_resources(seeds, warehouse),
    )
    ticker = Ticker(seeds, instance, warehouse)
    first = ticker.tick()
    assert first.run_requests == [] and first.skip_message.startswith("no seed file was added, changed or deleted")
    (seeds / "c.txt").write_text(ARTICLE + "第三篇。\n", encoding="utf-8")
    assert len(ticker.tick().run_requests) == 1
