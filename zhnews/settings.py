"""Where things are and where work runs: the seeds folder, the DuckDB warehouse and the engine, with their environment
overrides."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = Path(__file__).resolve().parent / "rules"
SQL_DIR = PROJECT_ROOT / "warehouse"


def seeds_dir() -> Path:
    """The input folder: `ZHNEWS_SEEDS`, else `seeds/` at the project root."""
    return Path(os.environ.get("ZHNEWS_SEEDS") or PROJECT_ROOT / "seeds")


def warehouse_path() -> Path:
    """The DuckDB file: `ZHNEWS_WAREHOUSE`, else `warehouse/zhnews.duckdb` at the project root."""
    return Path(os.environ.get("ZHNEWS_WAREHOUSE") or PROJECT_ROOT / "warehouse" / "zhnews.duckdb")


def max_file_bytes() -> int:
    """Files larger than this are refused whole (`ZHNEWS_MAX_FILE_MB`, default 20)."""
    return int(float(os.environ.get("ZHNEWS_MAX_FILE_MB") or 20) * 1024 * 1024)


def engine_name() -> str:
    """Where stage batch functions run: `ZHNEWS_ENGINE` (`local`, the default: this machine's processes; or `ray`)."""
    return os.environ.get("ZHNEWS_ENGINE") or "local"


def ray_address() -> str:
    """The Ray cluster to use with `ZHNEWS_ENGINE=ray`: `ZHNEWS_RAY_ADDRESS` (`host:port` or `auto`); empty: a
    private Ray in the run's process."""
    return os.environ.get("ZHNEWS_RAY_ADDRESS") or ""


def shard_count() -> int | None:
    """S for a new warehouse's lake (`ZHNEWS_SHARDS`); None: 8, or more for a large corpus (`shards.shards_for`).
    A lake keeps the S it was made with."""
    value = os.environ.get("ZHNEWS_SHARDS")
    return int(value) if value else None
