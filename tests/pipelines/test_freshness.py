"""Freshness: the daily policy on every asset, and the check that says how far the seeds are ahead."""

import os
import time
from datetime import timedelta

import dagster as dg
import pytest
from dagster_duckdb import DuckDBResource

from assets.common import SeedsFolder
from pipelines.freshness import DAILY, warehouse_keeps_up_with_seeds, with_freshness

ARTICLE = "新的文章标题\n\n正文第一句。正文第二句。\n"


@pytest.fixture
def ingested(pipeline):
    """A warehouse that has just taken in the seeds."""
    pipeline.run(selection="raw_documents")
    return pipeline


def evaluate(pipeline) -> dg.AssetCheckResult:
    pipeline.warehouse.parent.mkdir(parents=True, exist_ok=True)
    resources = {
        "duckdb": DuckDBResource(database=str(pipeline.warehouse)),
        "seeds": SeedsFolder(path=str(pipeline.seeds)),
    }
    with dg.build_op_context(resources=resources) as context:
        return warehouse_keeps_up_with_seeds(context)


def test_daily_policy_warns_after_25_hours_and_fails_after_26():
    assert DAILY.warn_window.to_timedelta() == timedelta(hours=25)
    assert DAILY.fail_window.to_timedelta() == timedelta(hours=26)
    assert with_freshness(dg.AssetSpec("anything")).freshness_policy == DAILY


def test_up_to_date_right_after_ingest(ingested):
    result = evaluate(ingested)
    assert result.passed
    assert result.description == "the warehouse is up to date with the seeds"
    assert result.metadata["files_waiting"].value == 0
    assert result.metadata["lag_minutes"].value == 0


@pytest.mark.parametrize(
    ("minutes_later", "severity"),
    [(30, dg.AssetCheckSeverity.WARN), (90, dg.AssetCheckSeverity.ERROR)],
)
def test_a_newer_seed_makes_the_warehouse_lag(ingested, minutes_later, severity):
    new = ingested.seeds / "newer.txt"
    new.write_text(ARTICLE, encoding="utf-8")
    later = time.time_ns() + minutes_later * 60 * 10**9
    os.utime(new, ns=(later, later))
    result = evaluate(ingested)
    assert not result.passed
    assert result.severity == severity
    assert result.metadata["lag_minutes"].value == minutes_later
    assert result.description.startswith(f"the warehouse lags the seeds by {minutes_later} minute(s): 1 file(s)")


def test_a_deleted_seed_is_waiting(ingested):
    next(ingested.seeds.glob("*.txt")).unlink()
    result = evaluate(ingested)
    assert not result.passed
    assert result.metadata["files_waiting"].value == 1
    assert result.severity == dg.AssetCheckSeverity.WARN


def test_a_seed_copied_in_with_an_old_mtime_counts_from_its_arrival(ingested):
    old = ingested.seeds / "archived.txt"
    old.write_text(ARTICLE, encoding="utf-8")
    os.utime(old, ns=(1_577_836_800 * 10**9,) * 2)  # 2020-01-01
    result = evaluate(ingested)
    assert result.metadata["files_waiting"].value == 1
    assert not result.metadata["newest_waiting_seed_at"].value.startswith("2020")


def test_a_warehouse_never_updated(pipeline):
    result = evaluate(pipeline)
    assert not result.passed
    assert result.metadata["warehouse_updated_at"].value == "never"
    assert "never updated" in result.description
