"""Asset `documents`: the contract table, cleaned documents with their duplicate cluster."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.common import preview, stage_asset, stopwatch, table_count
from zhnews import warehouse


@stage_asset(
    deps=["cleaned_documents", "duplicates"],
    description="One row per document taken in (duplicates included), with its cluster and canonical flag.",
)
def documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    with stopwatch() as timing, duckdb.get_connection() as con:
        with warehouse.transaction(con):
            warehouse.apply_ddl(con, "documents")  # rebuilds only the clusters touched since the last run
            warehouse.pause_for_tests("documents")
        rebuilt = con.execute("select count(*) from documents_touched").fetchone()[0]
        sample = con.execute(
            "select source_path, title, outlet, authors, published_at, cluster_id, is_canonical, "
            "left(body, 40) as body from documents order by source_path limit 10"
        ).df()
        rows = table_count(con, "documents")
        clusters = con.execute("select count(distinct cluster_id) from documents").fetchone()[0]
    context.log.info(f"documents: {rows} rows in {clusters} clusters")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": rows,
            "clusters": clusters,
            "clusters_rebuilt": rebuilt,
            "seconds": timing["seconds"],
            "preview": preview(sample),
        }
    )
