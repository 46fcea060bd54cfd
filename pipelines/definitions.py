"""The code location `dagster dev` and `dagster asset materialize -m pipelines.definitions` load."""

import dagster as dg

import assets
from pipelines.jobs import everything
from pipelines.resources import build_resources

defs = dg.Definitions(
    assets=dg.load_assets_from_package_module(assets),
    asset_checks=dg.load_asset_checks_from_package_module(assets),
    jobs=[everything],
    resources=build_resources(),
)
