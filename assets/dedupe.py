"""Asset `duplicates`: cluster copies of one article; new documents are compared with stored signatures."""

import functools
from collections import deque

import dagster as dg
import numpy as np
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.clean import cleaned_documents
from assets.common import WRITER_POOL, preview, stage_asset, stopwatch, table_count, throughput
from pipelines.resources import EngineResource
from zhnews import dedupe, warehouse
from zhnews.dedupe import Pair, Signatures
from zhnews.engine import LOCAL, Engine

STAGE = dedupe.STAGE
BATCH_DOCS = 5000
TABLES = ("duplicates", "dedupe_signatures", "dedupe_buckets", "dedupe_pairs")
IDS = "(select unnest(?::varchar[]))"


def reset_if_rules_changed(con, scheme: str) -> bool:
    """Drop every dedupe result made under other rules, so the stage starts again from scratch."""
    stale = con.execute("select count(*) from dedupe_signatures where scheme <> ?", [scheme]).fetchone()[0]
    if stale:
        for table in TABLES:
            con.execute(f"delete from {table}")
        warehouse.reset_stage(con, STAGE)
    return bool(stale)


def outdated(con) -> list[str]:
    """Signed documents whose cleaned body is gone or no longer the one signed (cleaned again)."""
    rows = con.execute(
        """select s.doc_id from dedupe_signatures s left join cleaned_documents c using (doc_id)
           where c.doc_id is null or s.body_digest is distinct from hash(c.body)"""
    ).fetchall()
    return [r[0] for r in rows]


def orphans(con) -> set[str]:
    """Documents whose cluster must be re-evaluated: a pair partner was forgotten, or no row was written.

    Outdated documents are forgotten here (their partners become orphans) and made pending again.
    """
    stale = outdated(con)
    if stale:
        forget_batch(con, stale)
        con.execute(f"delete from stage_progress where stage = ? and doc_id in {IDS}", [STAGE, stale])
    gone = con.execute(
        "select distinct doc_id from dedupe_pairs anti join dedupe_signatures s on other_id = s.doc_id"
    ).fetchall()
    con.execute("delete from dedupe_pairs where other_id not in (select doc_id from dedupe_signatures)")
    unwritten = con.execute("select doc_id from dedupe_signatures anti join duplicates using (doc_id)").fetchall()
    return {r[0] for r in gone + unwritten}


def load_bodies(con, doc_ids: list[str]) -> list[tuple[str, str, int]]:
    """(doc_id, body, DuckDB hash of the body) for these documents."""
    return con.execute(
        f"select doc_id, body, hash(body) from cleaned_documents where doc_id in {IDS} order by doc_id", [doc_ids]
    ).fetchall()


def load_signatures(con, doc_ids: list[str], num_perm: int) -> Signatures:
    frame = con.execute(
        f"""select doc_id, body_hash, body_chars, n_shingles, minhash, figures
            from dedupe_signatures where doc_id in {IDS} order by doc_id""",
        [doc_ids],
    ).df()
    return dedupe.signatures_from_rows(frame, num_perm)


def forget_batch(con, doc_ids: list[str]) -> None:
    """Remove the dedupe rows of these documents; their pair partners keep the rows pointing at them."""
    for table in ("dedupe_signatures", "dedupe_buckets", "duplicates", "dedupe_pairs"):
        con.execute(f"delete from {table} where doc_id in {IDS}", [doc_ids])


def stored_buckets(con, buckets: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Stored (doc_id, bucket) rows sharing a bucket with the new documents."""
    con.register("new_buckets", pd.DataFrame({"bucket": np.unique(buckets.reshape(-1))}))
    try:
        frame = con.execute("select doc_id, bucket from dedupe_buckets semi join new_buckets using (bucket)").df()
    finally:
        con.unregister("new_buckets")
    return frame["doc_id"].tolist(), frame["bucket"].to_numpy(dtype=np.uint64)


def store_signatures(con, sigs: Signatures, buckets: np.ndarray, digests: list[int], scheme: str) -> None:
    signature_rows = pd.DataFrame(
        {
            "doc_id": sigs.doc_ids,
            "scheme": scheme,
            "body_digest": np.array(digests, dtype=np.uint64),
            "body_hash": sigs.body_hash,
            "body_chars": sigs.body_chars.astype(np.int32),
            "n_shingles": sigs.n_shingles.astype(np.int32),
            "minhash": [row.astype("<u4").tobytes() for row in sigs.minhash],
            "figures": [list(f) for f in sigs.figures],
        }
    )
    warehouse.insert_frame(con, "dedupe_signatures", signature_rows)
    bucket_rows = pd.DataFrame(
        {"doc_id": np.repeat(np.asarray(sigs.doc_ids, dtype=object), buckets.shape[1]), "bucket": buckets.reshape(-1)}
    )
    warehouse.insert_frame(con, "dedupe_buckets", bucket_rows)


def store_pairs(con, pairs: list[Pair]) -> None:
    """Both directions of each verified pair."""
    rows = [(p.doc_a, p.doc_b, p.jaccard, p.containment) for p in pairs]
    rows += [(b, a, j, c) for a, b, j, c in rows]
    frame = pd.DataFrame(rows, columns=["doc_id", "other_id", "jaccard", "containment"])
    warehouse.insert_frame(con, "dedupe_pairs", frame)


def drop_previous(con, doc_ids: list[str]) -> set[str]:
    """Remove what an interrupted earlier run stored for these documents; returns their former partners."""
    partners = con.execute(f"select distinct doc_id from dedupe_pairs where other_id in {IDS}", [doc_ids]).fetchall()
    forget_batch(con, doc_ids)
    con.execute(f"delete from dedupe_pairs where other_id in {IDS}", [doc_ids])
    return {r[0] for r in partners}


def match_batch(con, doc_ids: list[str], rows: list[tuple], sigs: Signatures, rules: dedupe.DedupeRules,
                scheme: str) -> dict:
    """Find a signed batch's candidates in the batch and among stored documents, keep verified pairs.

    Returns the bytes of body read, the candidate and verified pair counts, and documents to re-cluster.
    """
    buckets = dedupe.band_buckets(sigs, rules)
    former = drop_previous(con, doc_ids)
    old_ids, old_buckets = stored_buckets(con, buckets)
    candidates = dedupe.candidate_pairs(sigs.doc_ids, buckets, old_ids, old_buckets, rules.bucket_star_over)
    partners = sorted({d for pair in candidates for d in pair} - set(sigs.doc_ids))
    known = Signatures.concat([sigs, load_signatures(con, partners, rules.num_perm)], rules.num_perm)
    pairs = dedupe.verify(candidates, known, rules)
    store_signatures(con, sigs, buckets, [digest for *_, digest in rows], scheme)
    store_pairs(con, pairs)
    return {
        "bytes": sum(len(body.encode("utf-8")) for _, body, _ in rows),
        "candidates": len(candidates),
        "verified": len(pairs),
        "dirty": former | set(doc_ids),
    }


# The verified pairs (stored both ways) within reach of the dirty documents: their clusters' links only.
REACHABLE_LINKS = """
with recursive reach(doc_id) as (
    select unnest(?::varchar[])
    union
    select p.other_id from dedupe_pairs p join reach r using (doc_id)
)
select doc_id, other_id from dedupe_pairs
where doc_id < other_id and doc_id in (select doc_id from reach)
"""


def record_seen(con, doc_ids: list[str]) -> None:
    """Give the documents never seen before the next dedupe pass number."""
    con.execute(
        f"""insert into dedupe_seen
            select doc_id, (select coalesce(max(pass), 0) + 1 from dedupe_seen)
            from {IDS} ids(doc_id) anti join dedupe_seen using (doc_id)""",
        [doc_ids],
    )


def load_seen(con, doc_ids: list[str]) -> dict[str, int]:
    return dict(con.execute(f"select doc_id, pass from dedupe_seen where doc_id in {IDS}", [doc_ids]).fetchall())


def recluster(con, dirty: set[str], rules: dedupe.DedupeRules) -> int:
    """Rewrite the `duplicates` rows of every cluster that holds a dirty document; returns rows written."""
    if not dirty:
        return 0
    links = con.execute(REACHABLE_LINKS, [sorted(dirty)]).fetchall()
    groups = dedupe.components(dirty | {d for link in links for d in link}, links)
    members = [d for g in groups for d in g]
    rows = dedupe.cluster_rows(groups, load_signatures(con, members, rules.num_perm), rules, load_seen(con, members))
    con.execute(f"delete from duplicates where doc_id in {IDS}", [members])
    warehouse.insert_frame(con, "duplicates", pd.DataFrame([vars(r) for r in rows]))
    return len(rows)


def deduplicate(
    con, rules: dedupe.DedupeRules, batch_docs: int = BATCH_DOCS, engine: Engine = LOCAL
) -> dict[str, int]:
    """One incremental dedupe pass over the warehouse: new documents, then clusters touched by changes."""
    scheme = dedupe.scheme(rules)
    warehouse.apply_ddl(con, "core")
    warehouse.apply_ddl(con, STAGE)
    with warehouse.transaction(con):
        stats = {"rules_changed": int(reset_if_rules_changed(con, scheme))}
        dirty = orphans(con)
    stats.update(reevaluated=len(dirty), processed=0, bytes=0, candidates=0, verified=0)
    pending = warehouse.pending_ids(con, STAGE, "select doc_id from cleaned_documents")
    record_seen(con, pending)
    id_batches, workers = engine.plan_batches(pending, batch_docs)
    loaded: deque[list[tuple]] = deque()  # rows of the batches being signed, oldest first

    def bodies(doc_ids: list[str]) -> list[tuple[str, str]]:
        loaded.append(load_bodies(con, doc_ids))
        return [(doc_id, body) for doc_id, body, _ in loaded[-1]]

    sign = functools.partial(dedupe.signatures, rules=rules)  # the CPU-bound part, in the process pool
    signed = engine.map_batches(sign, (bodies(doc_ids) for doc_ids in id_batches), workers)
    for doc_ids, (_, sigs) in zip(id_batches, signed, strict=True):
        with warehouse.transaction(con):
            batch = match_batch(con, doc_ids, loaded.popleft(), sigs, rules, scheme)
            warehouse.mark_done(con, doc_ids, STAGE)
        dirty.update(batch.pop("dirty"))
        stats["processed"] += len(doc_ids)
        for key, value in batch.items():
            stats[key] += value
    with warehouse.transaction(con):
        stats["rewritten"] = recluster(con, dirty, rules)
    return stats


@stage_asset(
    deps=[cleaned_documents],
    description="Duplicate clusters of cleaned documents (MinHash LSH, verified), one canonical copy each.",
)
def duplicates(context: dg.AssetExecutionContext, duckdb: DuckDBResource, engine: EngineResource):
    with stopwatch() as timing, duckdb.get_connection() as con:
        stats = deduplicate(con, dedupe.load_rules(), engine=engine.get())
        sample = con.execute(
            """select d.cluster_id, d.doc_id, c.source_path, d.is_canonical,
                      round(d.similarity, 3) as similarity, round(d.containment, 3) as containment
               from duplicates d join cleaned_documents c using (doc_id)
               where d.cluster_id in (select cluster_id from duplicates group by 1 having count(*) > 1)
               order by d.cluster_id, not d.is_canonical, d.doc_id limit 20"""
        ).df()
        rows = table_count(con, "duplicates")
        clusters = con.execute("select count(distinct cluster_id) from duplicates").fetchone()[0]
    if stats["rules_changed"]:
        context.log.info("dedupe rules changed: every document was deduplicated again")
    context.log.info(f"dedupe: {stats['processed']} new documents, {stats['verified']} pairs, {clusters} clusters")
    return dg.MaterializeResult(
        metadata={
            "documents_processed": stats["processed"],
            "orphans_reevaluated": stats["reevaluated"],
            "candidate_pairs": stats["candidates"],
            "verified_pairs": stats["verified"],
            "rows_rewritten": stats["rewritten"],
            "dagster/row_count": rows,
            "clusters": clusters,
            "copies": rows - clusters,
            "seconds": timing["seconds"],
            "mb_per_s": throughput(stats["bytes"], timing["seconds"]),
            "preview": preview(sample),
        }
    )


@dg.asset_check(
    asset=duplicates,
    blocking=True,
    pool=WRITER_POOL,
    description="One row per cleaned document, one canonical per cluster.",
)
def duplicates_one_canonical_per_cluster(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad_clusters = con.execute(
            "select count(*) from (select cluster_id from duplicates group by 1 having count_if(is_canonical) <> 1)"
        ).fetchone()[0]
        missing = con.execute("select count(*) from cleaned_documents anti join duplicates using (doc_id)").fetchone()[
            0
        ]
        repeated = con.execute("select count(*) - count(distinct doc_id) from duplicates").fetchone()[0]
        documents, clusters = con.execute("select count(*), count(distinct cluster_id) from duplicates").fetchone()
    passed = bad_clusters == 0 and missing == 0 and repeated == 0
    found = (
        "every cluster has one canonical copy, no document is missing or repeated"
        if passed
        else f"{bad_clusters} cluster(s) without exactly one canonical copy, {missing} cleaned document(s) "
        f"missing, {repeated} row(s) repeated"
    )
    return dg.AssetCheckResult(
        passed=passed,
        description=f"{documents} documents in {clusters} clusters: {found}.",
        metadata={
            "clusters_without_one_canonical": bad_clusters,
            "documents_missing": missing,
            "rows_repeated": repeated,
        },
    )
