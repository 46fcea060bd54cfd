"""Jobs: the whole pipeline."""

import dagster as dg

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Take in new, changed and deleted seeds and bring every table up to date.",
)

jobs = [refresh_warehouse]
