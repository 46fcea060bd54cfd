"""Assets `analyst_views` (the views of `warehouse/views.sql`) and `corpus_report` (charts of the corpus)."""

from pathlib import Path

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource
from dagster_shared.check import CheckError

from assets.common import stage_asset, stopwatch
from zhnews import report, warehouse

VIEWS = "views"
TOP_ENTITIES = 10

QUERIES = {
    "articles_per_day": """select published_at as day, count(*) as articles from canonical_articles
                           where published_at is not null group by 1 order by 1""",
    "outlets": """select coalesce(outlet, '(unknown)') as outlet, count(*) as articles, sum(copies)::integer as captures
                  from canonical_articles group by 1""",
    "entity_days": f"""with top as (
                           select entity_id from entity_mentions_daily group by entity_id
                           order by sum(mentions) desc, any_value(name) limit {TOP_ENTITIES})
                       select name, type, day, mentions from entity_mentions_daily semi join top using (entity_id)
                       order by name, day""",
    "money": """select company, metric, currency, max(value) as value from company_money
                where company is not null and value is not null group by all""",
    "clusters": """select cluster_id, copies, title, outlets from duplicate_clusters
                   order by copies desc, cluster_id limit 20""",
    "quarantine": "select stage, reason, files from quarantine_by_reason order by files desc, stage, reason",
}


def report_path(database: Path) -> Path:
    """`warehouse/zhnews.duckdb` gives `warehouse/zhnews.report.html`."""
    return database.with_name(f"{database.stem}.report.html")


@stage_asset(
    deps=["documents", "duplicates", "entities", "mentions", "figures", "quarantine"],
    description="Analyst views (warehouse/views.sql): canonical articles, duplicate clusters, entity documents, "
    "mentions per day, money per company, quarantine by reason.",
)
def analyst_views(duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        warehouse.apply_ddl(con, VIEWS)
        views = con.execute(
            "select view_name, comment from duckdb_views() where not internal and schema_name = 'main' order by 1"
        ).df()
    return dg.MaterializeResult(metadata={"views": dg.MetadataValue.md(views.to_markdown(index=False))})


def check_keys(context: dg.AssetExecutionContext) -> set[dg.AssetCheckKey]:
    """Every check of the code location; the run's own checks where no code location is loaded (dg.materialize)."""
    try:
        return set(context.repository_def.asset_graph.asset_check_keys)
    except CheckError:  # "No repository definition was set on the step context"
        return set(context.job_def.asset_layer.asset_graph.asset_check_keys)


def check_results(context: dg.AssetExecutionContext) -> pd.DataFrame:
    """The latest evaluation of every asset check in the code location, in words."""
    keys = sorted(check_keys(context), key=lambda k: (k.asset_key.to_user_string(), k.name))
    latest = context.instance.event_log_storage.get_latest_asset_check_execution_by_key(keys)
    rows = []
    for key in keys:
        record = latest.get(key)
        evaluation = record.event.dagster_event.event_specific_data if record and record.event else None
        passed = getattr(evaluation, "passed", None)
        rows.append(
            {
                "asset": key.asset_key.to_user_string(),
                "check": key.name,
                "status": "not run yet" if passed is None else "passed" if passed else "failed",
                "description": (getattr(evaluation, "description", None) or "")[:160],
            }
        )
    return pd.DataFrame(rows, columns=["asset", "check", "status", "description"])


@stage_asset(
    deps=[analyst_views],
    description="Charts of the corpus: articles per day and outlet, top entities, money per company, duplicate "
    "clusters, the quarantine and the checks; also written as a self-contained HTML page beside the warehouse.",
)
def corpus_report(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with stopwatch() as timing:
        with duckdb.get_connection() as con:
            frames = {name: con.execute(sql).df() for name, sql in QUERIES.items()}
        built = report.build_report(report.ReportData(**frames, checks=check_results(context)))
        target = report_path(Path(duckdb.database))
        target.write_text(built.html, encoding="utf-8")
    return dg.MaterializeResult(
        metadata={
            "report": dg.MetadataValue.md(built.markdown),
            "path": dg.MetadataValue.path(str(target)),
            "charts": built.charts,
            "seconds": timing["seconds"],
        }
    )
