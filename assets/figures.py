"""Asset `figures`: numbers with meaning in canonical documents, linked to the entities they are about."""

from functools import partial

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import preview, stage_asset, stopwatch, table_count, throughput
from pipelines.resources import EngineResource
from zhnews import warehouse
from zhnews.figures import Figure, extract_figures, rules
from zhnews.linking import LinkRules, Mention, Place, link_figures
from zhnews.parallel import as_rows, isolating_failures

STAGE = "figures"
BATCH_DOCS = 500
LINK_BATCH_DOCS = 500
COLUMNS = list(Figure.__dataclass_fields__)


def load_documents(con, doc_ids: list[str]) -> list[tuple]:
    return con.execute(
        """select doc_id, body, published_at, script, title from documents
           where doc_id in (select unnest(?::varchar[])) order by doc_id""",
        [doc_ids],
    ).fetchall()


# The documents to re-link: those whose mentions (or their entities' types, or the link rules) changed
# since their figures were last linked, and those whose figures were (re-)extracted in this run.
LINK_DOCS = """
create or replace temp table link_docs as
with fingerprints as (
    select m.doc_id, sum(hash(m.entity_id, e.type, m.start_pos, m.end_pos, $rules)::hugeint) as mentions_hash
    from mentions m left join entities e using (entity_id)
    group by m.doc_id
)
select doc_id, n.mentions_hash
from fingerprints n full join figure_links o using (doc_id)
where n.mentions_hash is distinct from o.mentions_hash
   or doc_id in (select unnest($extracted::varchar[]))
union all
select doc_id, null from (select unnest($extracted::varchar[]) as doc_id)
where doc_id not in (select doc_id from mentions)
"""


def link_rules() -> LinkRules:
    return LinkRules.from_words(rules().words)


# The body figures of the documents in `link_docs` with what their links are made from, one row per document
# (mentions are the body's: a headline's figures stay without entity).
LINK_INPUTS = """
with places as (
    select doc_id,
           list([start_pos, end_pos, sentence_start, clause_start, antecedent_start]
                order by start_pos, end_pos, sentence_start, clause_start, antecedent_start) as places
    from figures semi join link_docs using (doc_id) where field = 'body' group by doc_id
), subjects as (
    select m.doc_id, list(m.entity_id order by m.start_pos, m.end_pos, m.entity_id) as ids,
           list([m.start_pos, m.end_pos] order by m.start_pos, m.end_pos, m.entity_id) as spans,
           list(e.type order by m.start_pos, m.end_pos, m.entity_id) as types
    from mentions m join entities e on e.entity_id = m.entity_id and e.type in ('ORG', 'PERSON')
    semi join link_docs using (doc_id) group by m.doc_id
)
select p.doc_id, coalesce(d.body, ''), p.places, s.ids, s.spans, s.types
from places p left join documents d using (doc_id) left join subjects s using (doc_id)
order by p.doc_id
"""


def figure_links(con, link: LinkRules) -> pd.DataFrame:
    """(doc_id, start_pos, end_pos, entity_id) of the figures of `link_docs` that are about an entity: one query
    read in batches of LINK_BATCH_DOCS documents (one scan of each table, however many documents)."""
    rows = []
    result = con.execute(LINK_INPUTS)
    while batch := result.fetchmany(LINK_BATCH_DOCS):
        for doc_id, body, places, ids, spans, types in batch:
            figs = [Place(*place) for place in places]
            mentions = [Mention(i, *span, t) for i, span, t in zip(ids or [], spans or [], types or [], strict=True)]
            for fig, entity_id in zip(figs, link_figures(body, figs, mentions, link), strict=True):
                if entity_id:
                    rows.append((doc_id, fig.start, fig.end, entity_id))
    return pd.DataFrame(list(dict.fromkeys(rows)), columns=["doc_id", "start_pos", "end_pos", "entity_id"])


def link_entities(con, extracted: list[str]) -> int:
    """Re-derive the entity_id of the figures of documents whose mentions changed, or `extracted` in this
    run, from the current mentions (see zhnews/linking.py); returns how many documents were re-linked."""
    if not (warehouse.table_exists(con, "mentions") and warehouse.table_exists(con, "entities")):
        con.execute("update figures set entity_id = null where entity_id is not null")
        con.execute("delete from figure_links")
        return con.execute("select count(distinct doc_id) from figures").fetchone()[0]
    link = link_rules()
    con.execute(LINK_DOCS, {"rules": link.fingerprint(), "extracted": extracted})
    con.execute("update figures set entity_id = null where doc_id in (select doc_id from link_docs)")
    con.register("figure_entities", figure_links(con, link))
    try:
        con.execute(
            """update figures f set entity_id = l.entity_id from figure_entities l
               where f.doc_id = l.doc_id and f.field = 'body' and f.start_pos = l.start_pos
                 and f.end_pos = l.end_pos"""
        )
    finally:
        con.unregister("figure_entities")
    con.execute("delete from figure_links where doc_id in (select doc_id from link_docs)")
    con.execute("insert into figure_links select * from link_docs where mentions_hash is not null")
    return con.execute("select count(*) from link_docs").fetchone()[0]


@stage_asset(
    deps=["documents", "mentions"],
    description="Money, counts, percentages, durations and dates in canonical documents' bodies and headlines: "
    "typed, normalised, with the metric they measure and the entity they are about.",
)
def figures(context: dg.AssetExecutionContext, duckdb: DuckDBResource, engine: EngineResource):
    processed = nbytes = found = refused = 0
    extracted: list[str] = []
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, STAGE)
        dropped = warehouse.drop_non_canonical(con, STAGE, "figures")
        pending = warehouse.pending_ids(con, STAGE, warehouse.CANONICAL_DOCS)
        id_batches, workers = engine.get().plan_batches(pending, BATCH_DOCS)
        doc_batches = (load_documents(con, doc_ids) for doc_ids in id_batches)
        extract = partial(isolating_failures, as_rows(extract_figures))
        for docs, (figs, failed) in engine.get().map_batches(extract, doc_batches, workers):
            reasons = {doc[0]: f"figure extraction failed ({why})" for doc, why in failed}
            with warehouse.transaction(con):
                con.execute("delete from figures where doc_id in (select unnest(?::varchar[]))", [[d[0] for d in docs]])
                warehouse.insert_frame(con, "figures", pd.DataFrame(figs, columns=COLUMNS))
                refused += warehouse.refuse_documents(con, STAGE, [d[0] for d in docs], reasons)
                warehouse.mark_done(con, [d[0] for d in docs], STAGE)  # failed ones too: not retried on every run
            processed += len(docs)
            extracted += [d[0] for d in docs]
            nbytes += sum(len(d[1].encode()) for d in docs)
            found += len(figs)
        with warehouse.transaction(con):
            relinked = link_entities(con, extracted)
        linked = con.execute("select count(*) from figures where entity_id is not null").fetchone()[0]
        by_kind = dict(con.execute("select kind, count(*) from figures group by kind order by kind").fetchall())
        sample = con.execute(
            "select kind, surface, value, unit, normalized, approx, metric, entity_id from figures "
            "order by doc_id, start_pos limit 10"
        ).df()
        rows = table_count(con, "figures")
    context.log.info(
        f"figures: {processed} documents, {found} new figures, {refused} refused, {dropped} documents dropped"
    )
    return dg.MaterializeResult(
        metadata={
            "documents_processed": processed,
            "documents_dropped": dropped,
            "documents_refused": refused,
            "figures_added": found,
            "figures_linked_to_entities": linked,
            "documents_relinked": relinked,
            "figures_by_kind": by_kind,
            "workers": workers,
            "dagster/row_count": rows,
            "seconds": timing["seconds"],
            "mb_per_s": throughput(nbytes, timing["seconds"]),
            "preview": preview(sample),
        }
    )
