"""The code location `dagster dev` and `dagster asset materialize -m pipelines.definitions` load."""

import gc

import dagster as dg

import assets
from pipelines.checks import checks, with_column_schemas
from pipelines.freshness import warehouse_keeps_up_with_seeds, with_freshness
from pipelines.jobs import jobs
from pipelines.read_copy import warehouse_read_copy
from pipelines.resources import build_resources
from pipelines.schedules import schedules
from pipelines.sensors import sensors


def build_definitions(resources: dict) -> dg.Definitions:
    """Every asset (with the daily freshness policy and its column schema), check, job, schedule and sensor.

    Steps run one after another in the run's own process: DuckDB has a single writer anyway, and one
    process per step would import the text libraries again for every step.
    """
    return dg.Definitions(
        assets=with_column_schemas(
            dg.map_asset_specs(with_freshness, [*dg.load_assets_from_package_module(assets), warehouse_read_copy])
        ),
        asset_checks=[*dg.load_asset_checks_from_package_module(assets), *checks, warehouse_keeps_up_with_seeds],
        jobs=jobs,
        schedules=schedules,
        sensors=sensors,
        resources=resources,
        executor=dg.in_process_executor,
    )


defs = build_definitions(build_resources())
# The ~220k objects loaded so far (Dagster, pandas, pandera, matplotlib, the definitions) live as long as the process:
# kept out of the garbage collector's full passes, which otherwise walk all of them each time a step's work has made
# enough new objects (the figures' link alone spent 0.5-0.8 of its 1.5 CPU s in them, 0.1 s once frozen). Objects
# are still freed when nothing refers to them.
gc.freeze()
