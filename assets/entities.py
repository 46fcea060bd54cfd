"""Assets `entities` and `mentions`: who and what each canonical document is about, aliases merged."""

from functools import partial

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import GROUP, KINDS, WRITER_POOL, open_lake, preview, stopwatch, table_count, throughput
from pipelines.resources import EngineResource
from zhnews import entity_shards, warehouse
from zhnews.aliases import Surface, alias_fingerprint, load_alias_config, resolve_surfaces
from zhnews.engine import Engine
from zhnews.entity_shards import CANDIDATES
from zhnews.parallel import pool_pays
from zhnews.records import Refusal
from zhnews.shards import ShardLayout, fingerprint, run_shards, shard_jobs

STAGE = "entities"
SURFACE_ID_COLUMNS = ["surface", "link", "link_scope", "entity_id"]
CANONICAL_BODIES = "select doc_id, source_path, hash(body) from documents where is_canonical order by doc_id"


def extract_shards(con, layout: ShardLayout, engine: Engine) -> tuple[dict[int, list[tuple[str, str]]], dict[str, int]]:
    """Extract the candidates of every shard whose canonical documents or rules changed, one engine task each
    (`zhnews.entity_shards.extract_shard`); returns each shard's work and the shards run, documents extracted and
    their bytes."""
    work = entity_shards.entity_work(layout, con.execute(CANONICAL_BODIES).fetchall())
    token = entity_shards.new_token()
    task = partial(entity_shards.extract_shard, root=str(layout.root), token=token)
    ran = run_shards(layout, CANDIDATES, work, task, entity_shards.entity_code(), engine)
    entity_shards.drop_surfaces(layout, work)
    processed, nbytes = 0, 0
    if ran:
        processed, nbytes = con.execute(
            "select count(*), coalesce(sum(body_bytes), 0) from read_parquet(?) where extracted_in = ?",
            [layout.outputs(CANDIDATES), token],
        ).fetchone()
    return work, {"shards_run": len(ran), "processed": processed, "bytes": nbytes}


def quarantine_failures(con, layout: ShardLayout) -> None:
    """The stage's quarantine rows are the documents the lake's shards failed on."""
    con.execute("delete from quarantine where stage = ?", [STAGE])
    if not entity_shards.has_outputs(layout, CANDIDATES):
        return
    failed = con.execute(
        """select d.source_path, c.failure from read_parquet(?) c join documents d using (doc_id)
           where c.failure is not null order by d.source_path""",
        [layout.outputs(CANDIDATES)],
    ).fetchall()
    warehouse.refuse(con, [Refusal(path, STAGE, reason) for path, reason in failed])


def read_surfaces(con, layout: ShardLayout) -> list[Surface]:
    """Every shard's surface counts summed per surface, type and link, each where it first appears in the corpus
    (first doc_id and offset): the same order, weights summed exactly, for any S and any order of tasks."""
    if not entity_shards.has_outputs(layout, entity_shards.SURFACES):
        return []
    paths = layout.outputs(entity_shards.SURFACES)
    return [Surface(*row) for row in con.execute(entity_shards.SURFACE_TOTALS, [paths]).fetchall()]


def insert_mentions(con, layout: ShardLayout, ids: dict[tuple, str]) -> None:
    """Every candidate whose surface key resolved to an entity becomes a mention: one per span, the strongest
    candidate's entity (so the mention key cannot repeat)."""
    if not ids or not entity_shards.has_outputs(layout, CANDIDATES):
        return
    frame = pd.DataFrame([(*key, eid) for key, eid in ids.items()], columns=SURFACE_ID_COLUMNS, dtype="string")
    con.register("surface_ids", frame)
    try:
        con.execute(
            """insert into mentions (doc_id, entity_id, surface, start_pos, end_pos)
               select distinct on (c.doc_id, c.start_pos, c.end_pos)
                 c.doc_id, s.entity_id, c.surface, c.start_pos, c.end_pos
               from read_parquet(?) c join surface_ids s
                 on c.surface = s.surface
                 and c.link is not distinct from s.link
                 and c.link_scope is not distinct from s.link_scope
               order by c.doc_id, c.start_pos, c.end_pos, c.weight desc, s.entity_id""",
            [layout.outputs(CANDIDATES)],
        )
    finally:
        con.unregister("surface_ids")


def build_inputs(layout: ShardLayout, work: dict[int, list[tuple[str, str]]]) -> tuple[str, str, str]:
    """What `entities` and `mentions` are made from: extraction rules, alias file and every shard's fingerprint."""
    code = entity_shards.entity_code()
    shards = fingerprint(code, [(str(job.shard), job.made_from) for job in shard_jobs(layout, CANDIDATES, work, code)])
    return code, alias_fingerprint(), shards


def is_built_from(con, inputs: tuple[str, str, str]) -> bool:
    """True when the last rebuild used exactly these inputs, so `entities` and `mentions` are current."""
    return con.execute("select rules, aliases, candidates from entity_build").fetchall() == [inputs]


def rules_changed(con, inputs: tuple[str, str, str]) -> bool:
    """True when the last rebuild used other extraction rules."""
    return con.execute("select count(*) from entity_build where rules <> ?", [inputs[0]]).fetchone()[0] > 0


def rebuild(con, layout: ShardLayout, inputs: tuple[str, str, str], engine: Engine, workers: int) -> tuple[int, int]:
    """Resolve all surfaces into `entities` and `mentions`, replacing their rows; returns their counts.

    `inputs` (see `build_inputs`) is stored with them, in the same transaction, with the stage's quarantine rows.
    With `workers` > 1 the resolution runs in a pool worker, which starts with jieba's dictionary loaded (a second
    in this process).
    """
    resolve = partial(resolve_surfaces, config=load_alias_config())
    [(_, (ents, ids))] = engine.map_batches(resolve, [read_surfaces(con, layout)], workers)
    entity_frame = pd.DataFrame([vars(e) for e in ents], columns=["entity_id", "name", "type", "aliases"])
    with warehouse.transaction(con):
        con.execute("delete from entities")
        con.execute("delete from mentions")
        warehouse.insert_frame(con, "entities", entity_frame)
        insert_mentions(con, layout, ids)
        warehouse.pause_for_tests(STAGE)
        quarantine_failures(con, layout)
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
        layout = open_lake(duckdb.database)
        with stopwatch() as extract_timing:
            work, extracted = extract_shards(con, layout, runner)
        processed, nbytes = extracted["processed"], extracted["bytes"]
        inputs = build_inputs(layout, work)
        changed = rules_changed(con, inputs)
        skipped = is_built_from(con, inputs)
        if skipped:
            entity_count, mention_count = table_count(con, "entities"), table_count(con, "mentions")
        else:
            workers = runner.workers() if pool_pays(processed, runner.workers()) else 1  # the pool is up already
            entity_count, mention_count = rebuild(con, layout, inputs, runner, workers)
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
    context.log.info(
        f"entities: {processed} documents extracted in {extracted['shards_run']} shard(s), "
        f"{entity_count} entities, {mention_count} mentions" + (" (unchanged, not rebuilt)" if skipped else "")
    )
    common = {
        "seconds": timing["seconds"],
        "documents_processed": processed,
        "shards_run": extracted["shards_run"],
        "rules_changed": changed,
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
            "extract_seconds": extract_timing["seconds"],
            "extract_mb_per_s": throughput(nbytes, extract_timing["seconds"]),
            "preview": preview(sample),
        },
    )
