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


LATE_MINUTES = 60  # waiting longer than this is an error (red), shorter a warning (yellow)


def minutes(delta: timedelta) -> int:
    return max(0, round(delta.total_seconds() / 60))


def utc(time_ns: int) -> datetime:
    """A file time as DuckDB TIMESTAMP columns hold it: UTC without tzinfo."""
    return datetime.fromtimestamp(time_ns / 1e9, UTC).replace(tzinfo=None)


def arrival_ns(root: Path, f: ingest.SeedFile) -> int:
    """When a file arrived: its mtime, or when it was copied or moved in keeping an older mtime."""
    try:
        st = (root / f.source_path).stat()
    except OSError:
        return f.mtime_ns
    return max(st.st_mtime_ns, st.st_ctime_ns)


@dg.asset_check(
    asset="raw_documents",
    pool=WRITER_POOL,
    blocking=False,
    description="The warehouse lags the seeds by N minutes: when the newest waiting seed file arrived against "
    "the warehouse's last update, and how many files are new, changed or deleted since.",
)
def warehouse_keeps_up_with_seeds(duckdb: DuckDBResource, seeds: SeedsFolder) -> dg.AssetCheckResult:
    root = Path(seeds.path)
    files, _ = ingest.discover(root)
    with duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "ingest")
        known = known_files(con)
        updated = con.execute("select max(seen_at) from seed_files").fetchone()[0]
    plan = ingest.plan_scan(files, known)
    waiting = len(plan.to_read) + len(plan.deleted)
    newest = max((utc(arrival_ns(root, f)) for f in plan.to_read), default=None)
    lag = minutes(newest - updated) if newest and updated else 0
    since = f"since its last update at {updated:%Y-%m-%d %H:%M} UTC" if updated else "and it was never updated"
    return dg.AssetCheckResult(
        passed=waiting == 0,
        severity=dg.AssetCheckSeverity.ERROR if lag >= LATE_MINUTES else dg.AssetCheckSeverity.WARN,
        description=f"the warehouse lags the seeds by {lag} minute(s): {waiting} file(s) new, changed or "
        f"deleted {since}"
        if waiting
        else "the warehouse is up to date with the seeds",
        metadata={
            "lag_minutes": lag,
            "files_waiting": waiting,
            "newest_waiting_seed_at": str(newest) if newest else "none",
            "warehouse_updated_at": str(updated) if updated else "never",
        },
    )
