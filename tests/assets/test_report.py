"""Assets `analyst_views` and `corpus_report` on the real pipeline: views created, the report written
beside the warehouse and shown in the UI's Markdown, with the checks' latest results."""

import base64
import re

import dagster as dg

from assets.report import report_path
from pipelines.resources import build_resources

PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


def test_the_report_is_written_beside_the_warehouse_and_shown_in_markdown(pipeline):
    instance = dg.DagsterInstance.ephemeral()
    resources = build_resources(pipeline.seeds, pipeline.warehouse)
    dg.materialize(pipeline.definitions, resources=resources, instance=instance)
    result = dg.materialize(pipeline.definitions, resources=resources, instance=instance, selection="*corpus_report")
    metadata = pipeline.metadata(result, "corpus_report")
    page = report_path(pipeline.warehouse)
    assert metadata["path"] == str(page) and page.parent == pipeline.warehouse.parent
    html = page.read_text(encoding="utf-8")
    images = [base64.b64decode(m) for m in PNG.findall(metadata["report"])]
    assert len(images) == metadata["charts"] >= 4 and all(i.startswith(b"\x89PNG") for i in images)
    assert PNG.findall(html) == PNG.findall(metadata["report"])
    assert "| documents | matches_schema | passed |" in metadata["report"]
    assert "| quarantine | nothing_silently_lost | passed |" in metadata["report"]
    assert "not run yet" not in metadata["report"]
    assert metadata["seconds"] >= 0  # the time it took is shown (its speed is the benchmark's to judge, not a test's)


def test_the_views_are_listed_with_their_comments(built_pipeline):
    pipeline = built_pipeline  # the seeds' warehouse after a whole run; the views asset run again on it
    result = pipeline.run(selection="analyst_views")
    listed = pipeline.metadata(result, "analyst_views")["views"]
    for view in ("canonical_articles", "entity_documents", "company_money", "duplicate_clusters"):
        assert f"| {view} " in listed
    assert pipeline.query("select count(*) from canonical_articles") == pipeline.query(
        "select count(distinct cluster_id) from documents"
    )
