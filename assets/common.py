"""What every stage asset shares: the writer pool, the seeds resource, and UI metadata helpers."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import pandas as pd

WRITER_POOL = "zhnews_warehouse"  # limited to one run at a time: DuckDB has a single writer
GROUP = "zhnews"
KINDS = {"python", "duckdb"}


def stage_asset(**kwargs):
    """`dg.asset` for a stage that writes the warehouse: in the writer pool, with the project's kinds and group."""
    return dg.asset(pool=WRITER_POOL, kinds=KINDS, group_name=GROUP, **kwargs)


class SeedsFolder(dg.ConfigurableResource):
    """The folder of input files, searched recursively."""

    path: str


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
