"""`dagster dev` left running: a file dropped into the seeds folder reaches the warehouse by itself."""

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


@pytest.fixture
def dev_server(dev_env, dagster_dev):
    """`dagster dev` on a free local port, with its own instance, seeds folder and warehouse."""
    env, _, warehouse = dev_env
    _, log = dagster_dev(env)
    return Path(env["ZHNEWS_SEEDS"]), warehouse, log


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
