"""What every stage asset shares: the writer pool, the seeds resource, and UI metadata helpers."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import pandas as pd

from zhnews import settings, warehouse
from zhnews.engine import Engine
from zhnews.shards import ShardLayout, ShardsFailed, lake_root, run_shards, shard_jobs, shards_for, stored_fingerprint

WRITER_POOL = "zhnews_warehouse"  # limited to one run at a time: DuckDB has a single writer
GROUP = "zhnews"
KINDS = {"python", "duckdb"}


def stage_asset(**kwargs):
    """`dg.asset` for a stage that writes the warehouse: in the writer pool, with the project's kinds and group."""
    return dg.asset(pool=WRITER_POOL, kinds=KINDS, group_name=GROUP, **kwargs)


class SeedsFolder(dg.ConfigurableResource):
    """The folder of input files, searched recursively."""

    path: str


def open_lake(database: str, corpus_bytes: int = 0) -> ShardLayout:
    """The shards of the warehouse at `database` (`<name>.lake` beside it): the S it holds, else `ZHNEWS_SHARDS`,
    else one for a corpus of `corpus_bytes` (`zhnews.shards.shards_for`)."""
    root = lake_root(Path(database))
    return ShardLayout.open(root, ShardLayout.stored(root) or settings.shard_count() or shards_for(corpus_bytes))


def run_and_load(
    con,
    layout: ShardLayout,
    stage: str,
    work: dict[int, list[tuple[str, str]]],
    task: Callable,
    code: str,
    engine: Engine,
    load: Callable[[object, Path], dict[str, int]],
    weight: Callable | None = None,
    here: bool = False,
) -> dict[str, int]:
    """Run a stage's shard tasks (`zhnews.shards.run_shards`: shards whose inputs and code are unchanged are
    skipped), then `load` into the warehouse every shard output it has not loaded yet, each in one transaction
    with its `shard_loads` row. A failed shard fails the step after the others are loaded, so the next run
    redoes that shard alone; `weight` and `here` as for `run_shards`. Returns the loads' counts summed, with
    `shards_run`."""
    failure = None
    try:
        ran = run_shards(layout, stage, work, task, code, engine, weight, here)
    except ShardsFailed as err:
        failure, ran = err, []
    totals: dict[str, int] = {"shards_run": len(ran), "shards_loaded": 0}
    loaded = warehouse.loaded_shards(con, stage)
    for job in shard_jobs(layout, stage, work, code):
        if loaded.get(job.shard) != job.made_from and stored_fingerprint(job.path) == job.made_from:
            with warehouse.transaction(con):
                counts = load(con, job.path)
                warehouse.record_load(con, stage, job.shard, job.made_from)
            for key, value in {**counts, "shards_loaded": 1}.items():
                totals[key] = totals.get(key, 0) + value
    warehouse.keep_loads(con, stage, work)
    if failure:
        raise failure
    return totals


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """Measure a block: the dict gets `seconds` when the block ends."""
    timing: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield timing
    finally:
        timing["seconds"] = round(time.perf_counter() - start, 3)


def preview(frame: pd.DataFrame, rows: int = 10, width: int = 60) -> dg.MetadataValue:
    """A markdown preview of a frame for the UI, long text cut to `width` characters."""
    head = frame.head(rows).copy()
    for column in head.columns:
        head[column] = head[column].map(lambda v: v if len(str(v)) <= width else str(v)[:width] + "…")
    return dg.MetadataValue.md(head.to_markdown(index=False) if not head.empty else "_no rows_")


def throughput(nbytes: int, seconds: float) -> float:
    """MB/s, rounded for display."""
    return round(nbytes / 2**20 / seconds, 3) if seconds > 0 else 0.0


def table_count(con, table: str) -> int:
    return con.execute(f'select count(*) from "{table}"').fetchone()[0]
