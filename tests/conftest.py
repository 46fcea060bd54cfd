"""Shared fixtures: a real pipeline over a temporary copy of the seeds, into a temporary DuckDB file."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

import assets
from pipelines.checks import checks
from pipelines.resources import build_resources

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


class Pipeline:
    """The project's real assets and checks, materialised in-process on one seeds folder and warehouse."""

    def __init__(self, seeds: Path, warehouse: Path):
        self.seeds = seeds
        self.warehouse = warehouse
        self.definitions = [
            *dg.load_assets_from_package_module(assets),
            *dg.load_asset_checks_from_package_module(assets),
            *checks,
        ]

    def run(self, selection: str = "*", raise_on_error: bool = True) -> dg.ExecuteInProcessResult:
        return dg.materialize(
            self.definitions,
            resources=build_resources(self.seeds, self.warehouse),
            selection=selection,
            raise_on_error=raise_on_error,
        )

    def query(self, sql: str, *params) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, list(params)).fetchall()

    @staticmethod
    def metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
        """The metadata values an asset (by key, multi-assets included) reported in a run, by name."""
        [event] = [e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey(asset)]
        return {key: value.value for key, value in event.materialization.metadata.items()}


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def pipeline(tmp_path: Path, seeds_copy: Path) -> Pipeline:
    """A pipeline over a fresh copy of the bundled seeds."""
    return Pipeline(seeds_copy, tmp_path / "warehouse" / "zhnews.duckdb")
