"""Asset `duplicates`: cluster copies of one article; new documents are compared with stored signatures.

Signing runs per shard (`zhnews.shards.sign_shard`, one engine task per shard whose cleaned output or dedupe rules
changed) into `<warehouse>.lake/dedupe_signatures/shard-*.parquet`: each document's MinHash and LSH band keys.
Each new shard output is loaded into `dedupe_signatures` and `dedupe_buckets`; then every new document is paired
with every document sharing a band key, all at once in one DuckDB group-by over the band rows (`candidates`), so
neither S nor the order shard tasks end in changes the pairs; the pairs are verified and the touched clusters
rewritten by the contract's rule (`zhnews.dedupe.cluster_rows`).
"""

import functools
from collections import deque

import dagster as dg
import numpy as np
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.clean import cleaned_documents
from assets.common import WRITER_POOL, open_lake, preview, run_and_load, stage_asset, stopwatch, table_count, throughput
from pipelines.resources import EngineResource
from zhnews import dedupe, shards, warehouse
from zhnews.dedupe import Pair, Signatures
from zhnews.engine import LOCAL, Engine
from zhnews.shards import ShardLayout

STAGE = dedupe.STAGE
BATCH_DOCS = 5000  # documents signed at a time in this process (`sign_here`)
VERIFY_PAIRS = 200_000  # candidate pairs verified at a time: their documents' signatures are loaded together
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


# A shard's signatures the warehouse has not stored, for documents it holds with the very body signed.
FRESH_SIGNATURES = """
create or replace temp table shard_signed as
select s.*, strlen(c.body) as nbytes from read_parquet(?) s anti join dedupe_signatures using (doc_id)
join cleaned_documents c using (doc_id) where s.body_digest = hash(c.body)
"""


def load_signed(con, path, scheme: str) -> dict[str, int]:
    """Load one shard's signatures: rows and band keys of the documents not signed in the warehouse yet."""
    con.execute(FRESH_SIGNATURES, [str(path)])
    con.execute(
        """insert into dedupe_signatures select doc_id, ?, body_digest, body_hash, body_chars, n_shingles, minhash,
           figures from shard_signed""",
        [scheme],
    )
    con.execute("insert into dedupe_buckets select doc_id, unnest(buckets) from shard_signed")
    signed, nbytes = con.execute("select count(*), coalesce(sum(nbytes), 0) from shard_signed").fetchone()
    return {"signed": signed, "bytes": nbytes}


def sign_here(con, doc_ids: list[str], rules: dedupe.DedupeRules, scheme: str, engine: Engine) -> int:
    """Sign pending documents the lake holds no signature of for the body the warehouse has (a cleaned body
    changed in the warehouse alone): their bodies from the warehouse, signed on the engine. Returns how many."""
    unsigned = [r[0] for r in con.execute(
        f"select doc_id from {IDS} t(doc_id) anti join dedupe_signatures using (doc_id) order by doc_id", [doc_ids]
    ).fetchall()]
    id_batches, workers = engine.plan_batches(unsigned, BATCH_DOCS)
    loaded: deque[list[tuple]] = deque()  # rows of the batches being signed, oldest first

    def bodies(batch: list[str]) -> list[tuple[str, str]]:
        loaded.append(load_bodies(con, batch))
        return [(doc_id, body) for doc_id, body, _ in loaded[-1]]

    sign = functools.partial(dedupe.signatures, rules=rules)
    for _, sigs in engine.map_batches(sign, (bodies(batch) for batch in id_batches), workers):
        digests = [digest for *_, digest in loaded.popleft()]
        with warehouse.transaction(con):
            store_signatures(con, sigs, dedupe.band_buckets(sigs, rules), digests, scheme)
    return len(unsigned)


def store_pairs(con, pairs: list[Pair]) -> None:
    """Both directions of each verified pair."""
    rows = [(p.doc_a, p.doc_b, p.jaccard, p.containment) for p in pairs]
    rows += [(b, a, j, c) for a, b, j, c in rows]
    frame = pd.DataFrame(rows, columns=["doc_id", "other_id", "jaccard", "containment"])
    warehouse.insert_frame(con, "dedupe_pairs", frame)


def drop_previous(con, doc_ids: list[str]) -> set[str]:
    """Remove the pairs and rows an interrupted earlier pass wrote for these documents (their signatures stay);
    returns their former partners."""
    partners = con.execute(f"select distinct doc_id from dedupe_pairs where other_id in {IDS}", [doc_ids]).fetchall()
    for table in ("duplicates", "dedupe_pairs"):
        con.execute(f"delete from {table} where doc_id in {IDS}", [doc_ids])
    con.execute(f"delete from dedupe_pairs where other_id in {IDS}", [doc_ids])
    return {r[0] for r in partners}


# The band rows of every bucket that a waiting document has and another document shares, in bucket order; in a
# bucket the waiting documents come first, then doc_id order, so a crowded bucket's first row is a new document.
# Documents are numbered the same way (`owner`): the waiting ones first.
SHARED_BUCKETS = """
with touched as (select distinct bucket from dedupe_buckets semi join dedupe_waiting using (doc_id)),
rows as (
    select b.doc_id, b.bucket, w.doc_id is null as old
    from dedupe_buckets b semi join touched using (bucket) left join dedupe_waiting w using (doc_id)
),
shared as (select bucket from rows group by bucket having count(*) > 1)
select (dense_rank() over (order by old, doc_id) - 1)::bigint as owner, doc_id, bucket, old
from rows semi join shared using (bucket) order by bucket, old, doc_id
"""


def candidates(con, rules: dedupe.DedupeRules) -> list[tuple[str, str]]:
    """Pairs of documents sharing an LSH bucket, at least one of them waiting (`dedupe_waiting`), as (smaller,
    larger) ids in order: one DuckDB pass over the stored band rows, whatever the number of new documents."""
    rows = con.execute(SHARED_BUCKETS).fetchnumpy()
    owners = np.asarray(rows["owner"], dtype=np.int64)
    names = np.empty(owners.max(initial=-1) + 1, dtype=object)
    names[owners] = np.asarray(rows["doc_id"], dtype=object)
    new = int(owners[~np.asarray(rows["old"], dtype=bool)].max(initial=-1)) + 1
    a, b = dedupe.bucket_pairs(owners, np.asarray(rows["bucket"], dtype=np.uint64), new, rules.bucket_star_over)
    return sorted({(x, y) if x < y else (y, x) for x, y in zip(names[a], names[b], strict=True)})


def match_pending(con, pending: list[str], rules: dedupe.DedupeRules) -> dict:
    """Pair the pending documents with every document sharing a band key, verify the candidates (VERIFY_PAIRS at a
    time) and store the verified pairs. Returns the candidate and verified pair counts, and the documents to
    re-cluster."""
    former = drop_previous(con, pending)
    con.execute("create or replace temp table dedupe_waiting as select unnest(?::varchar[]) as doc_id", [pending])
    found = candidates(con, rules)
    verified = 0
    for start in range(0, len(found), VERIFY_PAIRS):
        chunk = found[start : start + VERIFY_PAIRS]
        involved = sorted({d for pair in chunk for d in pair})
        pairs = dedupe.verify(chunk, load_signatures(con, involved, rules.num_perm), rules)
        store_pairs(con, pairs)
        verified += len(pairs)
    return {"candidates": len(found), "verified": verified, "dirty": former | set(pending)}


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


def deduplicate(con, rules: dedupe.DedupeRules, layout: ShardLayout, engine: Engine = LOCAL) -> dict[str, int]:
    """One incremental dedupe pass over the warehouse: sign changed shards, pair the new documents with every
    document sharing a band key, then rewrite the clusters touched by changes."""
    scheme = dedupe.scheme(rules)
    warehouse.apply_ddl(con, "core")
    warehouse.apply_ddl(con, STAGE)
    with warehouse.transaction(con):
        stats = {"rules_changed": int(reset_if_rules_changed(con, scheme))}
        dirty = orphans(con)
    task = functools.partial(shards.sign_shard, root=str(layout.root), rules=rules)
    work = shards.work_from(layout, shards.CLEANED)
    weight = functools.partial(shards.input_rows, root=str(layout.root))
    load = functools.partial(load_signed, scheme=scheme)
    totals = run_and_load(con, layout, shards.SIGNED, work, task, scheme, engine, load, weight)
    pending = warehouse.pending_ids(con, STAGE, "select doc_id from cleaned_documents")
    record_seen(con, pending)
    stats.update(
        reevaluated=len(dirty), bytes=totals.get("bytes", 0),
        shards_run=totals["shards_run"], signed_here=sign_here(con, pending, rules, scheme, engine),
    )
    with warehouse.transaction(con):
        batch = match_pending(con, pending, rules)
        warehouse.mark_done(con, pending, STAGE)
    dirty.update(batch.pop("dirty"))
    stats.update(batch, processed=len(pending))
    with warehouse.transaction(con):
        stats["rewritten"] = recluster(con, dirty, rules)
    return stats


@stage_asset(
    deps=[cleaned_documents],
    description="Duplicate clusters of cleaned documents (MinHash LSH, verified), one canonical copy each.",
)
def duplicates(context: dg.AssetExecutionContext, duckdb: DuckDBResource, engine: EngineResource):
    with stopwatch() as timing, duckdb.get_connection() as con:
        stats = deduplicate(con, dedupe.load_rules(), open_lake(duckdb.database), engine=engine.get())
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
            "shards_run": stats["shards_run"],
            "signed_in_run_process": stats["signed_here"],
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
