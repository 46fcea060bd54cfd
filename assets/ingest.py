"""Asset `raw_documents`: take in new and changed seed files, forget changed and deleted ones.

The files are read per shard (`zhnews.shards.ingest_shard`, one engine task per shard whose files changed) into
`<warehouse>.lake/raw_documents/shard-*.parquet`; each new shard output is then loaded into the warehouse:
`raw_documents` and `seed_files` rows, refusals, and the documents of changed files forgotten.
"""

import json
from functools import partial
from pathlib import Path

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import SeedsFolder, open_lake, preview, run_and_load, stage_asset, stopwatch, table_count, throughput
from pipelines.checks import column_schema_metadata
from pipelines.resources import EngineResource
from zhnews import ingest, shards, warehouse
from zhnews.ingest import KnownFile
from zhnews.records import Refusal
from zhnews.settings import max_file_bytes


def known_files(con) -> dict[str, KnownFile]:
    rows = con.execute("select source_path, size_bytes, mtime_ns, content_hash, doc_id from seed_files").fetchall()
    return {r[0]: KnownFile(r[1], r[2], r[3], r[4]) for r in rows}


def forget_files(con, paths: list[str], known: dict[str, KnownFile]) -> None:
    """Remove every trace of these files: their documents' rows, quarantine rows and seed_files rows."""
    warehouse.forget_documents(con, [known[p].doc_id for p in paths if p in known and known[p].doc_id])
    warehouse.forget_paths_in_quarantine(con, paths)
    frame = pd.DataFrame({"source_path": paths}, dtype="string")
    con.register("gone_files", frame)
    try:
        con.execute("delete from seed_files where source_path in (select source_path from gone_files)")
    finally:
        con.unregister("gone_files")


LOAD_DOCUMENTS = """
insert into raw_documents by name
select doc_id, source_path, content_hash, fmt, encoding, text, meta::json as meta, size_bytes, ingested_at
from read_parquet(?) anti join raw_documents using (doc_id) where doc_id is not null
"""

SEEN_FILES = """
insert or replace into seed_files
select source_path, file_bytes, mtime_ns, content_hash, doc_id, ? from read_parquet(?)
"""


def load_files(con, path: Path, known: dict[str, KnownFile]) -> dict[str, int]:
    """Load one shard's ingest output: files new or changed since the warehouse last saw them (by content) are
    taken in (a changed file's old document forgotten first) with their refusals; every file's stat is kept."""
    files = con.execute(
        "select source_path, file_bytes, content_hash, doc_id, refusals from read_parquet(?)", [str(path)]
    ).fetchall()
    fresh = [f for f in files if f[0] not in known or (known[f[0]].content_hash, known[f[0]].doc_id) != f[2:4]]
    replaced = [f[0] for f in fresh if f[0] in known]
    forget_files(con, replaced, known)
    con.execute(LOAD_DOCUMENTS, [str(path)])
    warehouse.pause_for_tests(ingest.STAGE)
    warehouse.refuse(con, [Refusal(f[0], stage, reason) for f in fresh for stage, reason in json.loads(f[4])])
    con.execute(SEEN_FILES, [warehouse.now(), str(path)])
    return {
        "new": len(fresh) - len(replaced),
        "changed": len(replaced),
        "unchanged": len(files) - len(fresh),
        "refused": sum(f[3] is None for f in fresh),
        "bytes": sum(f[1] for f in fresh),
    }


@stage_asset(
    description="Every seed file decoded (encoding detected, front matter read, HTML reduced to text).",
    metadata=column_schema_metadata("raw_documents"),
)
def raw_documents(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, seeds: SeedsFolder, engine: EngineResource
):
    root = Path(seeds.path)
    runner = engine.get()
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, "ingest")
        if not root.is_dir():
            raise dg.Failure(f"The seeds folder {root} does not exist: create it or set ZHNEWS_SEEDS.")
        known = known_files(con)
        files, unreachable = ingest.discover(root)
        unreadable = tuple(r.source_path for r in unreachable if r.source_path.endswith("/"))
        plan = ingest.plan_scan(files, known, unreadable)
        runner.warm_up(len(plan.to_read))  # the later stages' workers load their libraries while files are read
        with warehouse.transaction(con):
            forget_files(con, plan.deleted + [r.source_path for r in unreachable], known)
            warehouse.refuse(con, unreachable)
        layout = open_lake(duckdb.database, sum(f.size_bytes for f in files))
        task = partial(shards.ingest_shard, root=str(root), limit=max_file_bytes())
        work = shards.ingest_work(layout, files)
        load = partial(load_files, known=known)
        here = shards.read_here(plan.to_read)  # a small read: here, while the pool's workers load (see read_here)
        totals = run_and_load(con, layout, shards.RAW, work, task, shards.ingest_code(), runner, load, here=here)
        new, changed, refused = (totals.get(key, 0) for key in ("new", "changed", "refused"))
        unchanged = len(files) - new - changed
        context.log.info(
            f"ingest: {len(files)} files in the seeds folder: {new} new, {changed} changed, {unchanged} unchanged, "
            f"{len(plan.deleted)} deleted; {refused} refused; {totals['shards_run']} of {layout.shards} shards read"
        )
        sample = con.execute(
            "select source_path, fmt, encoding, size_bytes, left(text, 60) as text from raw_documents "
            "order by ingested_at desc, source_path limit 10"
        ).df()
        rows = table_count(con, "raw_documents")
    return dg.MaterializeResult(
        metadata={
            "files_seen": len(files),
            "files_new": new,
            "files_changed": changed,
            "files_unchanged": unchanged,
            "files_deleted": len(plan.deleted),
            "files_refused": refused + len(unreachable),
            "documents_processed": new + changed - refused,
            "shards": layout.shards,
            "shards_run": totals["shards_run"],
            "shards_loaded": totals["shards_loaded"],
            "dagster/row_count": rows,
            "seconds": timing["seconds"],
            "mb_per_s": throughput(totals.get("bytes", 0), timing["seconds"]),
            "preview": preview(sample),
        }
    )
