"""Jobs: the whole pipeline, and re-extraction of entities and figures without re-reading seeds."""

import dagster as dg

everything = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Take in new, changed and deleted seeds and bring every table up to date.",
)
