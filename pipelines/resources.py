"""Resources: the DuckDB warehouse, the seeds folder and the engine, from the contract's defaults and overrides."""

from __future__ import annotations

import gc
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.common import SeedsFolder
from pipelines import recovery
from zhnews import settings
from zhnews.engine import Engine, engine_from_settings

DUCKDB_MEMORY = "1GB"  # DuckDB's buffer pool otherwise grows to 80% of RAM with the warehouse; it spills beyond


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse; a run that uses it first frees what dead runs held (see `pipelines.recovery`)."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        recovery.start_run(context)
        gc.collect()  # then the objects the run starts with (its plan, its instance) stay out of the collector's
        gc.freeze()  # passes, as the libraries' do (pipelines/definitions.py); no garbage of an earlier run is kept


def warehouse_resource(path: Path) -> DuckDBResource:
    """A DuckDB resource on `path`, its folder created if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return WarehouseResource(database=str(path), connection_config={"memory_limit": DUCKDB_MEMORY})


class EngineResource(dg.ConfigurableResource):
    """Where the stages' batch functions run: `local` (this machine's process pool) or `ray` (a Ray cluster at
    `ray_address`, or a private one in the run's process when it is empty). See `zhnews.engine`."""

    name: str = "local"
    ray_address: str = ""

    def get(self) -> Engine:
        return engine_from_settings(self.name, self.ray_address)


def build_resources(seeds: Path | None = None, warehouse: Path | None = None) -> dict:
    """The resources every asset needs; by default the contract's places (env overrides applied)."""
    return {
        "duckdb": warehouse_resource(warehouse or settings.warehouse_path()),
        "seeds": SeedsFolder(path=str(seeds or settings.seeds_dir())),
        "engine": EngineResource(name=settings.engine_name(), ray_address=settings.ray_address()),
    }
