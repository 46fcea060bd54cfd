"""Asset `cleaned_documents`: run the cleaning stage over raw documents not cleaned yet."""

import json
from functools import partial

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import preview, stage_asset, stopwatch, table_count, throughput
from assets.ingest import raw_documents
from pipelines.resources import EngineResource
from zhnews import warehouse
from zhnews.clean import clean_batch
from zhnews.parallel import isolating_failures
from zhnews.records import CleanDocument, RawDocument, Refusal

STAGE = "clean"
BATCH_DOCS = 500


def load_raw(con, doc_ids: list[str]) -> list[RawDocument]:
    rows = con.execute(
        """select doc_id, source_path, content_hash, fmt, encoding, text, meta, size_bytes
           from raw_documents where doc_id in (select unnest(?::varchar[])) order by doc_id""",
        [doc_ids],
    ).fetchall()
    return [RawDocument(*r[:6], meta=json.loads(r[6]), size_bytes=r[7]) for r in rows]


TABLE_COLUMNS = (
    "doc_id", "source_path", "content_hash", "title", "outlet", "authors", "editors", "url",
    "published_at", "published_precision", "body", "script",
)


def clean_row(doc: CleanDocument) -> dict:
    row = {column: getattr(doc, column) for column in TABLE_COLUMNS}
    row["removed"] = json.dumps(doc.removed, ensure_ascii=False)
    return row


@stage_asset(
    deps=[raw_documents],
    description="Simplified, debris-free article text with title, outlet, authors, url and date pulled out.",
)
def cleaned_documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource, engine: EngineResource):
    processed = nbytes = refused = 0
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, STAGE)
        pending = warehouse.pending_ids(con, STAGE, "select doc_id from raw_documents")
        id_batches, workers = engine.get().plan_batches(pending, BATCH_DOCS)
        raw_batches = (load_raw(con, doc_ids) for doc_ids in id_batches)
        clean = partial(isolating_failures, clean_batch)
        for raws, (cleaned, failed) in engine.get().map_batches(clean, raw_batches, workers):
            refusals = [Refusal(raw.source_path, STAGE, f"cleaning failed ({why})") for raw, why in failed]
            empty = [c for c in cleaned if not c.body.strip()]
            refusals += [Refusal(c.source_path, STAGE, "nothing is left after removing boilerplate") for c in empty]
            kept = [clean_row(c) for c in cleaned if c.body.strip()]
            with warehouse.transaction(con):
                warehouse.insert_frame(con, "cleaned_documents", pd.DataFrame(kept))
                refused += warehouse.refuse(con, refusals)
                warehouse.mark_done(con, [r.doc_id for r in raws], STAGE)
            processed += len(raws)
            nbytes += sum(len(r.text.encode()) for r in raws)
        sample = con.execute(
            "select source_path, script, title, outlet, authors, published_at, left(body, 60) as body "
            "from cleaned_documents order by source_path limit 10"
        ).df()
        rows = table_count(con, "cleaned_documents")
    context.log.info(f"clean: {processed} documents, {refused} refused")
    return dg.MaterializeResult(
        metadata={
            "documents_processed": processed,
            "documents_refused": refused,
            "workers": workers,
            "dagster/row_count": rows,
            "seconds": timing["seconds"],
            "mb_per_s": throughput(nbytes, timing["seconds"]),
            "preview": preview(sample),
        }
    )
