"""The code location `dagster dev` and `dagster asset materialize -m pipelines.definitions` load."""

import dagster as dg

import assets
from pipelines.checks import checks
from pipelines.jobs import jobs
from pipelines.resources import build_resources
from pipelines.schedules import schedules
from pipelines.sensors import sensors

defs = dg.Definitions(
    assets=dg.load_assets_from_package_module(assets),
    asset_checks=[*dg.load_asset_checks_from_package_module(assets), *checks],
    jobs=jobs,
    schedules=schedules,
    sensors=sensors,
    resources=build_resources(),
)
