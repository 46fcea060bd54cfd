"""`dagster dev` left running: a file dropped into the seeds folder reaches the warehouse by itself."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.read_copy import read_copy_path

ROOT = Path(__file__).resolve().parents[2]
DAGSTER = Path(sys.executable).with_name("dagster")
ARTICLE = """城市图书馆周末开放夜间阅览

本报记者 李华

新建的城市图书馆自本周起在周末开放夜间阅览，开放时间延长至晚上十点。
馆方表示，夜间阅览区可容纳约300名读者，首月将视人流情况调整开放安排。
"""

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def restore_signals() -> None:
    """Let the server see SIGINT/SIGTERM even when the test runner was started with them ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.fixture
def dev_server(tmp_path: Path, seeds_copy: Path):
    """`dagster dev` on a free local port, with its own instance, seeds folder and warehouse."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home)
    warehouse = tmp_path / "warehouse" / "zhnews.duckdb"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "ZHNEWS_SEEDS": str(seeds_copy),
        "ZHNEWS_WAREHOUSE": str(warehouse),
    }
    env.pop("ZHNEWS_SENSOR", None)
    log = (tmp_path / "dev.log").open("w")
    server = subprocess.Popen(
        [str(DAGSTER), "dev", "-h", "127.0.0.1", "-p", str(free_port())],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=restore_signals,
    )
    try:
        yield seeds_copy, warehouse, tmp_path / "dev.log"
    finally:
        stop(server)
        log.close()


def stop(server: subprocess.Popen) -> None:
    """Ask `dagster dev` to shut down as Ctrl-C would; end the whole process group if it does not."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # a child left behind (code server, run worker)


def documents_with_path(database: Path, source_path: str) -> int | None:
    """How many documents rows have this path, or None while the file is absent or locked by the writer."""
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            return con.execute("select count(*) from documents where source_path = ?", [source_path]).fetchone()[0]
    except (duckdb.IOException, duckdb.CatalogException):
        return None


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(2)
    return False


def test_a_dropped_seed_reaches_the_warehouse_within_90_seconds(dev_server):
    seeds, warehouse, log = dev_server
    copy = read_copy_path(warehouse)
    started = wait_for(copy.exists, 120)  # the first run, asked for by the sensor's first tick, has ended
    assert started, "the first sensor run never finished:\n" + log.read_text()[-4000:]
    (seeds / "incoming" / "2026").mkdir(parents=True)
    (seeds / "incoming" / "2026" / "library.txt").write_text(ARTICLE, encoding="utf-8")
    arrived = wait_for(lambda: documents_with_path(copy, "incoming/2026/library.txt") == 1, 90)
    assert arrived, "the new seed did not reach the warehouse:\n" + log.read_text()[-4000:]
    assert wait_for(lambda: documents_with_path(warehouse, "incoming/2026/library.txt") == 1, 30)
