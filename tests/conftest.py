"""Shared fixtures: a real pipeline over a temporary copy of the seeds, into a temporary DuckDB file; a private Ray."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest

import assets
from pipelines.checks import checks
from pipelines.resources import build_resources
from zhnews.engine import RayEngine

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DAGSTER = Path(sys.executable).with_name("dagster")


def command_environment(folder: Path, seeds: Path) -> dict[str, str]:
    """The environment of a `make run` on a private Dagster instance (the project's dagster.yaml, storage
    created) in `folder`, with `seeds` and a private warehouse; sensor and schedule off."""
    home = folder / "dagster_home"
    home.mkdir(parents=True)
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        instance.get_runs()  # create the instance's storage once, as the first `make run` does
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "ZHNEWS_SEEDS": str(seeds),
        "ZHNEWS_WAREHOUSE": str(folder / "warehouse" / "zhnews.duckdb"),
        "ZHNEWS_SENSOR": "off",
        "ZHNEWS_SCHEDULE": "off",
    }


def materialize(env: dict[str, str]) -> subprocess.Popen:
    """The contract's command, as `make run` runs it, its output merged into one text pipe."""
    command = [str(DAGSTER), "asset", "materialize", "-m", "pipelines.definitions", "--select", "*"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


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


@pytest.fixture(scope="module")
def ray_engine() -> Iterator[RayEngine]:
    """A private local Ray with two CPUs, for the tests of one module (marked `ray`), stopped after them."""
    engine = RayEngine(cpus=2)
    engine.connect()
    yield engine
    engine.close()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def pipeline(tmp_path: Path, seeds_copy: Path) -> Pipeline:
    """A pipeline over a fresh copy of the bundled seeds."""
    return Pipeline(seeds_copy, tmp_path / "warehouse" / "zhnews.duckdb")


@pytest.fixture(scope="session")
def seeds_built(tmp_path_factory) -> Path:
    """A folder with a copy of the bundled seeds (`seeds/`) and the warehouse a whole run built from them
    (`warehouse/`): built once per test session, copied by `built_pipeline`."""
    root = tmp_path_factory.mktemp("seeds_built")
    shutil.copytree(SEEDS, root / "seeds")
    Pipeline(root / "seeds", root / "warehouse" / "zhnews.duckdb").run()
    return root


@pytest.fixture
def built_pipeline(tmp_path: Path, seeds_built: Path) -> Pipeline:
    """What `pipeline` is after `pipeline.run()`, without running it again: a private copy of `seeds_built`
    (seed files with their times, the warehouse and its lake)."""
    target = tmp_path / "built"
    shutil.copytree(seeds_built, target)
    return Pipeline(target / "seeds", target / "warehouse" / "zhnews.duckdb")
