"""Asset `raw_documents`: take in new and changed seed files, forget changed and deleted ones."""

import json
from pathlib import Path

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import SeedsFolder, preview, stage_asset, stopwatch, table_count, throughput
from pipelines.checks import column_schema_metadata
from pipelines.resources import EngineResource
from zhnews import ingest, schemas, warehouse
from zhnews.ingest import KnownFile, ReadResult, SeedFile
from zhnews.records import Refusal
from zhnews.settings import max_file_bytes

BATCH_FILES = 2048  # files per write: fewer transactions and schema validations per corpus
BATCH_BYTES = 64 * 2**20  # and at most this much text in memory at once (a few large files fill a batch)


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


def raw_row(result: ReadResult) -> dict:
    doc = result.document
    return {
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "content_hash": doc.content_hash,
        "fmt": doc.fmt,
        "encoding": doc.encoding,
        "text": doc.text,
        "meta": json.dumps(doc.meta, ensure_ascii=False),
        "size_bytes": doc.size_bytes,
        "ingested_at": warehouse.now(),
    }


def seed_file_row(f: SeedFile, digest: str | None, result: ReadResult | None) -> dict:
    doc_id = result.document.doc_id if result and result.document else None
    return {
        "source_path": f.source_path,
        "size_bytes": f.size_bytes,
        "mtime_ns": f.mtime_ns,
        "content_hash": digest or "",
        "doc_id": doc_id,
        "seen_at": warehouse.now(),
    }


def upsert_seed_files(con, rows: list[dict]) -> None:
    if not rows:
        return
    con.register("seen_files", pd.DataFrame(rows))
    try:
        con.execute(
            """insert or replace into seed_files
               select source_path, size_bytes, mtime_ns, content_hash, doc_id, seen_at from seen_files"""
        )
    finally:
        con.unregister("seen_files")


def file_batches(files: list[SeedFile]) -> list[list[SeedFile]]:
    """`files` in order, cut into batches of at most BATCH_FILES files and BATCH_BYTES bytes (a larger file alone)."""
    batches: list[list[SeedFile]] = []
    size = 0
    for f in files:
        if not batches or len(batches[-1]) >= BATCH_FILES or size + f.size_bytes > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(f)
        size += f.size_bytes
    return batches


def ingest_batch(con, root: Path, batch: list[SeedFile], known: dict[str, KnownFile]) -> dict[str, int]:
    """Read a batch of files; store what is new or changed; count what happened."""
    counts = {"new": 0, "changed": 0, "unchanged": 0, "refused": 0, "bytes": 0}
    raws, seen, refusals, replaced = [], [], [], []
    for f in batch:
        digest, result = ingest.read_seed(root, f.source_path, max_file_bytes())
        old = known.get(f.source_path)
        if digest and old and digest == old.content_hash:
            counts["unchanged"] += 1
            seen.append({**seed_file_row(f, digest, None), "doc_id": old.doc_id})
            continue
        if old:
            replaced.append(f.source_path)
        counts["changed" if old else "new"] += 1
        counts["bytes"] += f.size_bytes
        counts["refused"] += result.document is None
        refusals.extend(result.refusals)
        seen.append(seed_file_row(f, digest, result))
        if result.document:
            raws.append(raw_row(result))
    kept, invalid = split_invalid(pd.DataFrame(raws))
    refusals.extend(invalid)
    counts["refused"] += len(invalid)
    refused_paths = {r.source_path for r in invalid}
    seen = [{**row, "doc_id": None} if row["source_path"] in refused_paths else row for row in seen]
    with warehouse.transaction(con):
        forget_files(con, replaced, known)
        warehouse.insert_frame(con, "raw_documents", kept)
        warehouse.pause_for_tests(ingest.STAGE)
        warehouse.refuse(con, refusals)
        upsert_seed_files(con, seen)
    return counts


def split_invalid(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Refusal]]:
    """Rows that keep the raw_documents schema, and a refusal for each row that does not."""
    if frame.empty:
        return frame, []
    invalid = schemas.invalid_rows(frame, schemas.RAW_DOCUMENTS)
    refusals = [
        Refusal(frame.at[i, "source_path"], ingest.STAGE, f"decoded text breaks the raw_documents schema ({why})")
        for i, why in invalid.items()
    ]
    return frame.drop(index=list(invalid)), refusals


@stage_asset(
    description="Every seed file decoded (encoding detected, front matter read, HTML reduced to text).",
    metadata=column_schema_metadata("raw_documents"),
)
def raw_documents(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, seeds: SeedsFolder, engine: EngineResource
):
    root = Path(seeds.path)
    totals = {"new": 0, "changed": 0, "unchanged": 0, "refused": 0, "bytes": 0}
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, "ingest")
        if not root.is_dir():
            raise dg.Failure(f"The seeds folder {root} does not exist: create it or set ZHNEWS_SEEDS.")
        known = known_files(con)
        files, unreachable = ingest.discover(root)
        unreadable = tuple(r.source_path for r in unreachable if r.source_path.endswith("/"))
        plan = ingest.plan_scan(files, known, unreadable)
        engine.get().warm_up(len(plan.to_read))  # the later stages' workers load their libraries while files are read
        with warehouse.transaction(con):
            forget_files(con, plan.deleted + [r.source_path for r in unreachable], known)
            warehouse.refuse(con, unreachable)
        for batch in file_batches(plan.to_read):
            counts = ingest_batch(con, root, batch, known)
            totals = {k: totals[k] + counts[k] for k in totals}
        unchanged = totals["unchanged"] + len(plan.unchanged)
        context.log.info(
            f"ingest: {len(files)} files in the seeds folder: {totals['new']} new, {totals['changed']} changed, "
            f"{unchanged} unchanged, {len(plan.deleted)} deleted; {totals['refused']} refused"
        )
        sample = con.execute(
            "select source_path, fmt, encoding, size_bytes, left(text, 60) as text from raw_documents "
            "order by ingested_at desc, source_path limit 10"
        ).df()
        rows = table_count(con, "raw_documents")
    return dg.MaterializeResult(
        metadata={
            "files_seen": len(files),
            "files_new": totals["new"],
            "files_changed": totals["changed"],
            "files_unchanged": unchanged,
            "files_deleted": len(plan.deleted),
            "files_refused": totals["refused"] + len(unreachable),
            "documents_processed": totals["new"] + totals["changed"] - totals["refused"],
            "dagster/row_count": rows,
            "seconds": timing["seconds"],
            "mb_per_s": throughput(totals["bytes"], timing["seconds"]),
            "preview": preview(sample),
        }
    )
