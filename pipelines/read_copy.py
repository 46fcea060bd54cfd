"""Asset `warehouse_read_copy`: a copy of the warehouse that users query while runs write the original.

DuckDB lets one process write a file, and a process that holds it open even read-only blocks that
writer. So users query `<warehouse>.read.duckdb` (e.g. `warehouse/zhnews.read.duckdb`): the last run
checkpoints the warehouse, copies it beside itself and renames the copy into place. A session that
holds the previous copy open keeps reading it, and sees the new one when it reconnects.
"""

import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb as duckdb_module
from dagster_duckdb import DuckDBResource

from assets.common import GROUP, KINDS, WRITER_POOL, stopwatch


def read_copy_path(database: Path) -> Path:
    """`warehouse/zhnews.duckdb` gives `warehouse/zhnews.read.duckdb`."""
    return database.with_name(f"{database.stem}.read{database.suffix}")


def publish(con: duckdb_module.DuckDBPyConnection, database: Path) -> Path:
    """Checkpoint, copy to a temporary file, check it opens, rename it over the read copy."""
    target = read_copy_path(database)
    partial = database.with_name(f"{database.stem}.read-partial{database.suffix}")
    con.execute("checkpoint")
    shutil.copyfile(database, partial)
    duckdb_module.connect(str(partial), read_only=True).close()
    os.replace(partial, target)
    return target


@dg.asset(
    deps=["documents", "entities", "mentions", "figures", "quarantine", "analyst_views"],
    pool=WRITER_POOL,
    kinds=KINDS,
    group_name=GROUP,
    description="A read-only copy of the warehouse, replaced at the end of each run: query it while runs go on.",
)
def warehouse_read_copy(duckdb: DuckDBResource) -> dg.MaterializeResult:
    database = Path(duckdb.database)
    with stopwatch() as timing, duckdb.get_connection() as con:
        target = publish(con, database)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(target)),
            "megabytes": round(target.stat().st_size / 2**20, 2),
            "seconds": timing["seconds"],
        }
    )
