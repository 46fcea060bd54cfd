"""Asset `figures`: numbers with meaning in canonical documents, linked to the entities they are about."""

import re
from functools import partial

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.common import preview, stage_asset, stopwatch, table_count, throughput
from zhnews import warehouse
from zhnews.figures import Figure, extract_figures, rules
from zhnews.parallel import isolating_failures, map_batches, plan_batches

STAGE = "figures"
BATCH_DOCS = 500
COLUMNS = list(Figure.__dataclass_fields__)

# The entity a figure is about, from the ORG/PERSON mentions of its sentence, leaving out sources
# (据CBinsights数据) and members of enumerations (微软、英伟达和3位富豪的13亿美元):
# 1. the mention a figure describes, right after it behind 的 in the same clause (估值40亿美元的…Inflection AI);
# 2. else the first mention of the figure's clause before it (the clause's subject);
# 3. else the first mention of the sentence before it;
# 4. else, when the sentence refers back (该公司, 这家企业), the first mention of the sentence before.
LINK_ENTITIES = """
update figures f set entity_id = link.entity_id
from (
    with mentions_around as (  -- the body is read once per mention
        select m.doc_id, m.entity_id, m.start_pos, m.end_pos,
               substr(d.body, greatest(m.start_pos - 2, 1), least(m.start_pos, 3)) as before,
               substr(d.body, m.end_pos + 1, 1) as after
        from mentions m
        join entities e on e.entity_id = m.entity_id and e.type in ('ORG', 'PERSON')
        join documents d on d.doc_id = m.doc_id and d.is_canonical
        where m.doc_id in (select doc_id from link_docs)
    ),
    subjects as (
        select doc_id, entity_id, start_pos, end_pos from mentions_around
        where not regexp_matches(before, $source)
          and not regexp_matches(right(before, 1) || after, $enumeration)
    ),
    described as (
        select f.doc_id, f.start_pos, f.end_pos, arg_min(s.entity_id, s.start_pos) as entity_id
        from figures f
        join subjects s on s.doc_id = f.doc_id and s.start_pos between f.end_pos and f.end_pos + $window
        join documents d on d.doc_id = f.doc_id
        where regexp_matches(substr(d.body, f.end_pos + 1, s.start_pos - f.end_pos), $attributive)
        group by all
    ),
    preceding as (
        select f.doc_id, f.start_pos, f.end_pos,
               arg_min(s.entity_id, (s.start_pos < f.clause_start)::bigint * 4294967296 + s.start_pos) as entity_id
        from figures f
        join subjects s on s.doc_id = f.doc_id and s.end_pos <= f.start_pos and s.start_pos >= f.sentence_start
        group by all
    ),
    antecedent as (
        select f.doc_id, f.start_pos, f.end_pos, arg_min(s.entity_id, s.start_pos) as entity_id
        from figures f
        join subjects s on s.doc_id = f.doc_id and s.start_pos >= f.antecedent_start and s.end_pos <= f.sentence_start
        group by all
    )
    select doc_id, start_pos, end_pos,
           coalesce(described.entity_id, preceding.entity_id, antecedent.entity_id) as entity_id
    from preceding full join described using (doc_id, start_pos, end_pos)
    full join antecedent using (doc_id, start_pos, end_pos)
) link
where f.doc_id = link.doc_id and f.start_pos = link.start_pos and f.end_pos = link.end_pos
"""


def link_parameters() -> dict[str, object]:
    """The rule data LINK_ENTITIES needs, as regular expressions for DuckDB."""
    words = rules().words
    delimiters = re.escape(words["clause_delimiters"])
    return {
        "source": "(?:" + "|".join(re.escape(w) for w in words["source_markers"]) + r")\s*$",
        "enumeration": "[" + re.escape("".join(words["enumeration_marks"])) + "]",
        "attributive": f"^{re.escape(words['attributive_marker'])}[^{delimiters}]*$",
        "window": words["attributive_window"],
    }


def load_documents(con, doc_ids: list[str]) -> list[tuple]:
    return con.execute(
        """select doc_id, body, published_at, script from documents
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


def link_entities(con, extracted: list[str]) -> int:
    """Re-derive the entity_id of the figures of documents whose mentions changed, or `extracted` in this
    run, from the current mentions; returns how many documents were re-linked."""
    if not (warehouse.table_exists(con, "mentions") and warehouse.table_exists(con, "entities")):
        con.execute("update figures set entity_id = null where entity_id is not null")
        con.execute("delete from figure_links")
        return con.execute("select count(distinct doc_id) from figures").fetchone()[0]
    parameters = link_parameters()
    con.execute(LINK_DOCS, {"rules": repr(sorted(parameters.items())), "extracted": extracted})
    con.execute("update figures set entity_id = null where doc_id in (select doc_id from link_docs)")
    con.execute(LINK_ENTITIES, parameters)
    con.execute("delete from figure_links where doc_id in (select doc_id from link_docs)")
    con.execute("insert into figure_links select * from link_docs where mentions_hash is not null")
    return con.execute("select count(*) from link_docs").fetchone()[0]


@stage_asset(
    deps=["documents", "mentions"],
    description="Money, counts, percentages, durations and dates in canonical documents: typed, normalised, "
    "with the metric they measure and the entity they are about.",
)
def figures(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    processed = nbytes = found = refused = 0
    extracted: list[str] = []
    with stopwatch() as timing, duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        warehouse.apply_ddl(con, STAGE)
        dropped = warehouse.drop_non_canonical(con, STAGE, "figures")
        id_batches, workers = plan_batches(warehouse.pending_ids(con, STAGE, warehouse.CANONICAL_DOCS), BATCH_DOCS)
        doc_batches = (load_documents(con, doc_ids) for doc_ids in id_batches)
        extract = partial(isolating_failures, extract_figures)
        for docs, (figs, failed) in map_batches(extract, doc_batches, workers):
            con.execute("delete from figures where doc_id in (select unnest(?::varchar[]))", [[d[0] for d in docs]])
            warehouse.insert_frame(con, "figures", pd.DataFrame([vars(f) for f in figs], columns=COLUMNS))
            reasons = {doc[0]: f"figure extraction failed ({why})" for doc, why in failed}
            refused += warehouse.refuse_documents(con, STAGE, [d[0] for d in docs], reasons)
            warehouse.mark_done(con, [d[0] for d in docs], STAGE)  # failed ones too: not retried on every run
            processed += len(docs)
            extracted += [d[0] for d in docs]
            nbytes += sum(len(d[1].encode()) for d in docs)
            found += len(figs)
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
