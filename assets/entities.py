"""Assets `entities` and `mentions`: who and what each canonical document is about, aliases merged."""

from functools import partial

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import GROUP, KINDS, WRITER_POOL, preview, stopwatch, table_count, throughput
from pipelines.resources import EngineResource
from zhnews import warehouse
from zhnews.aliases import Surface, alias_fingerprint, load_alias_config, resolve_surfaces
from zhnews.engine import Engine
from zhnews.entities import extract_mentions, rules_fingerprint
from zhnews.parallel import as_rows, isolating_failures, pool_pays

STAGE = "entities"
BATCH_DOCS = 1000  # the tagger groups a batch's windows by length: more documents, fuller encoder calls
SURFACE_ID_COLUMNS = ["surface", "link", "link_scope", "entity_id"]
CANDIDATE_COLUMNS = ["doc_id", "surface", "start_pos", "end_pos", "type", "weight", "rule", "link", "link_scope"]


def load_bodies(con, doc_ids: list[str]) -> list[tuple[str, str]]:
    return con.execute(
        "select doc_id, coalesce(body, '') from documents "
        "where doc_id in (select unnest(?::varchar[])) order by doc_id",
        [doc_ids],
    ).fetchall()


def candidate_frame(rows: list[tuple]) -> pd.DataFrame:
    """Candidates as rows of their fields (`parallel.as_rows`), which are CANDIDATE_COLUMNS in order."""
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def forget_stale_rules(con) -> bool:
    """When the extraction rules changed since the candidates were made, drop them all; True if so."""
    fingerprint = rules_fingerprint()
    stored = [r[0] for r in con.execute("select fingerprint from entity_rules").fetchall()]
    if stored == [fingerprint]:
        return False
    con.execute("delete from mention_candidates")
    warehouse.reset_stage(con, STAGE)
    con.execute("delete from entity_rules")
    con.execute("insert into entity_rules values (?)", [fingerprint])
    return bool(stored)


def extract_pending(con, engine: Engine) -> tuple[int, int, int]:
    """Extract candidates of canonical documents not yet processed; returns (documents, bytes, candidates)."""
    processed = nbytes = found = 0
    pending = warehouse.pending_ids(con, STAGE, warehouse.CANONICAL_DOCS)
    id_batches, workers = engine.plan_batches(pending, BATCH_DOCS, taper=True)  # seconds per batch: end together
    doc_batches = (load_bodies(con, ids) for ids in id_batches)
    extract = partial(isolating_failures, as_rows(extract_mentions))
    for docs, (cands, failed) in engine.map_batches(extract, doc_batches, workers):
        reasons = {doc[0]: f"entity extraction failed ({why})" for doc, why in failed}
        with warehouse.transaction(con):
            warehouse.refuse_documents(con, STAGE, [d[0] for d in docs], reasons)
            warehouse.insert_frame(con, "mention_candidates", candidate_frame(cands))
            warehouse.mark_done(con, [d[0] for d in docs], STAGE)
        processed += len(docs)
        nbytes += sum(len(d[1].encode()) for d in docs)
        found += len(cands)
    return processed, nbytes, found


def read_surfaces(con) -> list[Surface]:
    """All candidates summed per surface, type and link, in the order each first appears (weights summed exactly)."""
    rows = con.execute(
        """select surface, type, sum(weight::decimal(18, 6))::double, count(*), link, link_scope
           from mention_candidates group by surface, type, link, link_scope order by min(rowid)"""
    ).fetchall()
    return [Surface(*row) for row in rows]


def insert_mentions(con, ids: dict[tuple, str]) -> None:
    """Every candidate whose surface key resolved to an entity becomes a mention: one per span, the strongest
    candidate's entity (so the mention key cannot repeat)."""
    frame = pd.DataFrame([(*key, eid) for key, eid in ids.items()], columns=SURFACE_ID_COLUMNS, dtype="string")
    con.register("surface_ids", frame)
    try:
        con.execute(
            """insert into mentions (doc_id, entity_id, surface, start_pos, end_pos)
               select distinct on (c.doc_id, c.start_pos, c.end_pos)
                 c.doc_id, s.entity_id, c.surface, c.start_pos, c.end_pos
               from mention_candidates c join surface_ids s
                 on c.surface = s.surface
                 and c.link is not distinct from s.link
                 and c.link_scope is not distinct from s.link_scope
               order by c.doc_id, c.start_pos, c.end_pos, c.weight desc, s.entity_id"""
        )
    finally:
        con.unregister("surface_ids")


def build_inputs(con) -> tuple[str, str, str]:
    """What `entities` and `mentions` are made from: extraction rules, alias file and a digest of all candidates."""
    count, digest = con.execute(
        f"select count(*), coalesce(bit_xor(hash({', '.join(CANDIDATE_COLUMNS)})), 0) from mention_candidates"
    ).fetchone()
    return rules_fingerprint(), alias_fingerprint(), f"{count}:{digest}"


def is_built_from(con, inputs: tuple[str, str, str]) -> bool:
    """True when the last rebuild used exactly these inputs, so `entities` and `mentions` are current."""
    return con.execute("select rules, aliases, candidates from entity_build").fetchall() == [inputs]


def rebuild(con, inputs: tuple[str, str, str], engine: Engine, workers: int) -> tuple[int, int]:
    """Resolve all candidates into `entities` and `mentions`, replacing their rows; returns their counts.

    `inputs` (see `build_inputs`) is stored with them, in the same transaction. With `workers` > 1 the
    resolution runs in a pool worker, which starts with jieba's dictionary loaded (a second in this process).
    """
    resolve = partial(resolve_surfaces, config=load_alias_config())
    [(_, (ents, ids))] = engine.map_batches(resolve, [read_surfaces(con)], workers)
    entity_frame = pd.DataFrame([vars(e) for e in ents], columns=["entity_id", "name", "type", "aliases"])
    with warehouse.transaction(con):
        con.execute("delete from entities")
        con.execute("delete from mentions")
        warehouse.insert_frame(con, "entities", entity_frame)
        insert_mentions(con, ids)
        con.execute("delete from entity_build")
        con.execute("insert into entity_build values (?, ?, ?)", list(inputs))
    return len(ents), table_count(con, "mentions")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "entities",
            deps=["documents"],
            kinds=KINDS,
            group_name=GROUP,
            description="One row per real-world PERSON, ORG, PRODUCT, PLACE or MEDIA across the corpus, "
            "with every surface form as an alias.",
        ),
        dg.AssetSpec(
            "mentions",
            deps=["documents"],
            kinds=KINDS,
            group_name=GROUP,
            description="Every occurrence of an entity in a canonical document's body, with exact offsets.",
        ),
    ],
    pool=WRITER_POOL,
)
def entities_and_mentions(context: dg.AssetExecutionContext, duckdb: DuckDBResource, engine: EngineResource):
    runner = engine.get()
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, STAGE)
        rules_changed = forget_stale_rules(con)
        dropped = warehouse.drop_non_canonical(con, STAGE, "mention_candidates")
        with stopwatch() as extract_timing:
            processed, nbytes, found = extract_pending(con, runner)
        inputs = build_inputs(con)
        skipped = is_built_from(con, inputs)
        if skipped:
            entity_count, mention_count = table_count(con, "entities"), table_count(con, "mentions")
        else:
            workers = runner.workers() if pool_pays(processed, runner.workers()) else 1  # the pool is up already
            entity_count, mention_count = rebuild(con, inputs, runner, workers)
        by_type = dict(con.execute("select type, count(*) from entities group by type order by type").fetchall())
        top = con.execute(
            """with top as (
                 select entity_id, count(*) as mentions, count(distinct doc_id) as documents
                 from mentions group by entity_id order by mentions desc limit 10)
               select e.name, e.type, t.mentions, t.documents, e.aliases
               from top t join entities e using (entity_id) order by t.mentions desc"""
        ).df()
        sample = con.execute(
            "select doc_id, surface, start_pos, end_pos, entity_id from mentions order by doc_id, start_pos limit 10"
        ).df()
        candidates = table_count(con, "mention_candidates")
    context.log.info(
        f"entities: {processed} documents extracted, {dropped} dropped, "
        f"{entity_count} entities, {mention_count} mentions" + (" (unchanged, not rebuilt)" if skipped else "")
    )
    common = {
        "seconds": timing["seconds"],
        "documents_processed": processed,
        "documents_dropped": dropped,
        "rules_changed": rules_changed,
        "rebuild_skipped": skipped,
    }
    yield dg.MaterializeResult(
        asset_key="entities",
        metadata={
            **common,
            "dagster/row_count": entity_count,
            "entities_by_type": by_type,
            "preview": preview(top),
        },
    )
    yield dg.MaterializeResult(
        asset_key="mentions",
        metadata={
            **common,
            "dagster/row_count": mention_count,
            "candidates_total": candidates,
            "candidates_added": found,
            "extract_seconds": extract_timing["seconds"],
            "extract_mb_per_s": throughput(nbytes, extract_timing["seconds"]),
            "preview": preview(sample),
        },
    )
