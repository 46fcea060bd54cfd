"""One warehouse built by the real pipeline from the bundled seeds (plus two files it must refuse), shared
by the view and example-query tests of this folder."""

import shutil
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pytest

import assets
from pipelines.checks import checks
from pipelines.resources import build_resources

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("analyst")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "refused").mkdir()
    (seeds / "refused" / "empty.txt").write_bytes(b"")
    (seeds / "refused" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    warehouse = root / "zhnews.duckdb"
    dg.materialize(
        [
            *dg.load_assets_from_package_module(assets),
            *dg.load_asset_checks_from_package_module(assets),
            *checks,
        ],
        resources=build_resources(seeds, warehouse),
    )
    return warehouse


@pytest.fixture(scope="session")
def query(seeds_warehouse: Path) -> Callable[..., list[dict]]:
    """Run SQL read-only on the seeds' warehouse; rows as dicts by column name."""

    def run(sql: str, *params) -> list[dict]:
        with duckdb.connect(str(seeds_warehouse), read_only=True) as con:
            cursor = con.execute(sql, list(params))
            columns = [c[0] for c in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    return run
