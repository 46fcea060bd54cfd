"""Asset `quarantine`: what every stage refused, and the check that nothing was silently lost."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.common import WRITER_POOL, SeedsFolder, preview, stage_asset, table_count
from pipelines.checks import column_schema_metadata
from zhnews import ingest, warehouse


@stage_asset(
    deps=["documents", "entities", "mentions", "figures"],
    description="One row per input (or part of one) a stage refused, with its reason.",
    metadata=column_schema_metadata("quarantine"),
)
def quarantine(duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        warehouse.apply_ddl(con, "core")
        by_stage = con.execute(
            "select stage, count(*) as n from quarantine group by stage order by stage"
        ).fetchall()
        sample = con.execute(
            "select source_path, stage, reason from quarantine order by detected_at desc, source_path limit 10"
        ).df()
        rows = table_count(con, "quarantine")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": rows,
            **{f"refused_by_{stage}": n for stage, n in by_stage},
            "preview": preview(sample, width=120),
        }
    )


@dg.asset_check(
    asset=quarantine, blocking=False, pool=WRITER_POOL, description="Every seed file is in documents or quarantine."
)
def nothing_silently_lost(duckdb: DuckDBResource, seeds: SeedsFolder) -> dg.AssetCheckResult:
    files, refused = ingest.discover(Path(seeds.path))
    with duckdb.get_connection() as con:
        documents = {r[0] for r in con.execute("select source_path from documents").fetchall()}
        quarantined = {r[0] for r in con.execute("select source_path from quarantine").fetchall()}
    known = documents | quarantined
    lost = sorted(f.source_path for f in files if f.source_path not in known)
    lost += sorted(r.source_path for r in refused if r.source_path not in quarantined)
    return dg.AssetCheckResult(
        passed=not lost,
        metadata={
            "files": len(files) + len(refused),
            "in_documents": len(documents),
            "in_quarantine": len(quarantined),
            "lost": len(lost),
            "lost_sample": dg.MetadataValue.json(lost[:20]),
        },
        description=f"{len(lost)} seed file(s) are neither in documents nor in quarantine" if lost else None,
    )
