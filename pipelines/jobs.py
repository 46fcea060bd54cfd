"""Jobs: the whole pipeline, and re-extraction of entities and figures after their rules changed.

Re-extraction is two runs: `reset_extraction` marks every document pending again for the extraction
stages (the seeds are not read again), then `reextract` materialises those stages and what depends
on them. Under `dagster dev` the sensor `reextract_after_reset` launches the second when the first
succeeds; from the command line run the two jobs one after the other.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.common import WRITER_POOL, open_lake
from zhnews import entity_shards, warehouse

EXTRACTION_STAGES = ["entities", "figures"]
EXTRACTION_ASSETS = ["entities", "mentions", "figures"]

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Take in new, changed and deleted seeds and bring every table up to date.",
)

reextract = dg.define_asset_job(
    "reextract",
    selection=dg.AssetSelection.assets(*EXTRACTION_ASSETS).downstream(),
    description="Run entity and figure extraction again over the documents pending for them "
    "(all of them after `reset_extraction`), and the tables downstream.",
)


class ResetConfig(dg.Config):
    stages: list[str] = EXTRACTION_STAGES


@dg.op(pool=WRITER_POOL, description="Mark every document pending again for the given stages (entities: its lake).")
def reset_stage_progress(context: dg.OpExecutionContext, config: ResetConfig, duckdb: DuckDBResource) -> None:
    with duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        for stage in config.stages:
            warehouse.reset_stage(con, stage)
    if "entities" in config.stages:  # entities keeps what it extracted in the lake, per shard
        entity_shards.forget_outputs(open_lake(duckdb.database))
    context.log.info(f"reset: every document is pending again for {', '.join(config.stages)}")


@dg.job(description="Make entity and figure extraction start over; `reextract` follows it.")
def reset_extraction():
    reset_stage_progress()


jobs = [refresh_warehouse, reextract, reset_extraction]
