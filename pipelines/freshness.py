"""Freshness: every warehouse table is expected to refresh daily, and a check says how far the seeds are ahead."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.common import WRITER_POOL, SeedsFolder
from assets.ingest import known_files
from zhnews import ingest, warehouse

# The daily refresh is due every 24 hours: warn when it is an hour late, fail when it is two hours late.
DAILY = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=26), warn_window=timedelta(hours=25))


def with_freshness(spec: dg.AssetSpec) -> dg.AssetSpec:
    return dg.apply_freshness_policy(spec, DAILY)


def minutes(delta: timedelta) -> int:
    return max(0, round(delta.total_seconds() / 60))


def utc(mtime_ns: int) -> datetime:
    """A file time as DuckDB TIMESTAMP columns hold it: UTC without tzinfo."""
    return datetime.fromtimestamp(mtime_ns / 1e9, UTC).replace(tzinfo=None)


@dg.asset_check(
    asset="raw_documents",
    pool=WRITER_POOL,
    blocking=False,
    description="The warehouse lags the seeds by N minutes: the newest seed file's time against the "
    "warehouse's last update, and how many files are waiting to be taken in.",
)
def warehouse_keeps_up_with_seeds(duckdb: DuckDBResource, seeds: SeedsFolder) -> dg.AssetCheckResult:
    files, _ = ingest.discover(Path(seeds.path))
    with duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "ingest")
        known = known_files(con)
        updated = con.execute("select max(seen_at) from seed_files").fetchone()[0]
    plan = ingest.plan_scan(files, known)
    waiting = len(plan.to_read) + len(plan.deleted)
    newest = max((utc(f.mtime_ns) for f in files), default=None)
    lag = minutes(newest - updated) if waiting and newest and updated else 0
    sentence = f"the warehouse lags the seeds by {lag} minute(s): {waiting} file(s) waiting to be taken in"
    return dg.AssetCheckResult(
        passed=waiting == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=sentence if waiting else "the warehouse is up to date with the seeds",
        metadata={
            "lag_minutes": lag,
            "files_waiting": waiting,
            "newest_seed_at": str(newest) if newest else "no seed files",
            "warehouse_updated_at": str(updated) if updated else "never",
        },
    )
