"""Where things are: the seeds folder and the DuckDB warehouse, with their environment overrides."""

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
