"""Asset `cleaned_documents`: run the cleaning stage over raw documents not cleaned yet.

Cleaning runs per shard (`zhnews.shards.clean_shard`, one engine task per shard whose ingest output or cleaning
code changed) into `<warehouse>.lake/cleaned_documents/shard-*.parquet`; each new shard output is then loaded
into `cleaned_documents` and `quarantine`.
"""

from functools import partial
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.common import open_lake, preview, run_and_load, stage_asset, stopwatch, table_count, throughput
from assets.ingest import raw_documents
from pipelines.resources import EngineResource
from zhnews import shards, warehouse

STAGE = "clean"
TABLE_COLUMNS = (
    "doc_id", "source_path", "content_hash", "title", "outlet", "authors", "editors", "url",
    "published_at", "published_precision", "body", "script",
)
SAME_ROW = " and ".join(f"c.{column} is not distinct from s.{column}" for column in TABLE_COLUMNS[1:])

# Documents whose cleaned row the shard output changes (cleaned again by other code, or now refused).
CHANGED = f"""
select c.doc_id from cleaned_documents c join shard_cleaned s using (doc_id)
where s.refusal is not null or not ({SAME_ROW} and c.removed::varchar is not distinct from s.removed)
"""
INSERT = f"""
insert into cleaned_documents by name
select {", ".join(TABLE_COLUMNS)}, removed::json as removed
from shard_cleaned anti join cleaned_documents using (doc_id) where refusal is null
"""
OLD_REFUSALS = "delete from quarantine where stage = ? and source_path in (select source_path from shard_cleaned)"
NEW_REFUSALS = (
    "insert into quarantine select source_path, ?, refusal, cleaned_at from shard_cleaned where refusal is not null"
)


def load_cleaned(con, path: Path) -> dict[str, int]:
    """Load one shard's cleaning output: documents cleaned to another result are forgotten by every later stage
    and replaced; new ones added; the shard's cleaning refusals replaced."""
    con.execute("create or replace temp table shard_cleaned as select * from read_parquet(?)", [str(path)])
    changed = [r[0] for r in con.execute(CHANGED).fetchall()]
    warehouse.forget_documents(con, changed, keep=("raw_documents", "seed_files"))
    added = con.execute(INSERT).fetchone()[0]
    warehouse.pause_for_tests(STAGE)
    con.execute(OLD_REFUSALS, [STAGE])
    con.execute(NEW_REFUSALS, [STAGE])
    refused, nbytes = con.execute(
        "select count(refusal), coalesce(sum(strlen(body)), 0) from shard_cleaned"
    ).fetchone()
    return {"added": added, "changed": len(changed), "refused": refused, "bytes": nbytes}


@stage_asset(
    deps=[raw_documents],
    description="Simplified, debris-free article text with title, outlet, authors, url and date pulled out.",
)
def cleaned_documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource, engine: EngineResource):
    runner = engine.get()
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, STAGE)
        layout = open_lake(duckdb.database)
        task = partial(shards.clean_shard, root=str(layout.root))
        work = shards.work_from(layout, shards.RAW)
        weight = partial(shards.input_rows, root=str(layout.root))
        code = shards.clean_code()
        totals = run_and_load(con, layout, shards.CLEANED, work, task, code, runner, load_cleaned, weight)
        sample = con.execute(
            "select source_path, script, title, outlet, authors, published_at, left(body, 60) as body "
            "from cleaned_documents order by source_path limit 10"
        ).df()
        rows = table_count(con, "cleaned_documents")
    processed = totals.get("added", 0) + totals.get("changed", 0)
    context.log.info(f"clean: {processed} documents, {totals.get('refused', 0)} refused")
    return dg.MaterializeResult(
        metadata={
            "documents_processed": processed,
            "documents_refused": totals.get("refused", 0),
            "shards_run": totals["shards_run"],
            "shards_loaded": totals["shards_loaded"],
            "workers": runner.workers(),
            "dagster/row_count": rows,
            "seconds": timing["seconds"],
            "mb_per_s": throughput(totals.get("bytes", 0), timing["seconds"]),
            "preview": preview(sample),
        }
    )
