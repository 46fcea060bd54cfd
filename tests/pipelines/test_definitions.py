"""The whole code location, loaded as `dagster dev` loads it: a snapshot of what it defines."""

import dagster as dg
import pytest

from assets.common import WRITER_POOL
from pipelines.definitions import defs
from pipelines.freshness import DAILY

ASSETS = {
    "raw_documents",
    "cleaned_documents",
    "duplicates",
    "documents",
    "entities",
    "mentions",
    "figures",
    "quarantine",
    "warehouse_read_copy",
    "analyst_views",
    "corpus_report",
}
CHECKS = {
    "raw_documents:matches_schema",
    "raw_documents:warehouse_keeps_up_with_seeds",
    "cleaned_documents:matches_schema",
    "duplicates:matches_schema",
    "duplicates:duplicates_one_canonical_per_cluster",
    "documents:matches_schema",
    "entities:matches_schema",
    "mentions:matches_schema",
    "figures:matches_schema",
    "quarantine:matches_schema",
    "quarantine:nothing_silently_lost",
}
JOBS = {"refresh_warehouse", "reextract", "reset_extraction"}
SENSORS = {
    "seeds_sensor": "refresh_warehouse",
    "reextract_after_reset": "reextract",
    "rerun_after_crash": "refresh_warehouse",
}
SCHEDULES = {"daily_refresh": "refresh_warehouse"}


@pytest.fixture(scope="module")
def graph():
    return defs.resolve_asset_graph()


def test_the_code_location_loads():
    dg.Definitions.validate_loadable(defs)


def test_asset_keys(graph):
    assert {key.to_user_string() for key in graph.get_all_asset_keys()} == ASSETS


def test_asset_checks(graph):
    assert {f"{key.asset_key.to_user_string()}:{key.name}" for key in graph.asset_check_keys} == CHECKS


def test_jobs_sensors_and_schedules():
    assert {job.name for job in defs.jobs} == JOBS
    assert {sensor.name: sensor.job_name for sensor in defs.sensors} == SENSORS
    assert {schedule.name: schedule.job_name for schedule in defs.schedules} == SCHEDULES
    assert all(sensor.default_status == dg.DefaultSensorStatus.RUNNING for sensor in defs.sensors)
    assert all(schedule.default_status == dg.DefaultScheduleStatus.RUNNING for schedule in defs.schedules)


def test_every_asset_has_the_daily_freshness_policy():
    assert {spec.key.to_user_string(): spec.freshness_policy for spec in defs.resolve_all_asset_specs()} == {
        key: DAILY for key in ASSETS
    }


def test_steps_run_in_the_run_process():
    assert defs.resolve_job_def("refresh_warehouse").executor_def.name == "in_process"


def test_every_step_that_opens_the_warehouse_is_in_the_writer_pool():
    """DuckDB has one writer: a step outside the pool could meet another run's writer and fail."""
    steps = [
        *defs.resolve_implicit_global_asset_job_def().graph.nodes,
        *defs.resolve_job_def("reset_extraction").graph.nodes,
    ]
    outside = sorted(
        step.name
        for step in steps
        if "duckdb" in step.definition.required_resource_keys and step.definition.pool != WRITER_POOL
    )
    assert outside == [], f"add pool=WRITER_POOL to these assets/checks: {outside}"


def test_the_objects_loaded_with_the_code_location_are_kept_out_of_the_collectors_passes():
    import gc

    assert gc.get_freeze_count() > 100_000  # Dagster, pandas, pandera and the definitions


def test_a_run_starts_with_its_objects_kept_out_of_the_collectors_passes(tmp_path):
    import gc

    from pipelines.resources import warehouse_resource

    gc.unfreeze()
    objects = [[i] for i in range(1_000)]  # lists: tracked by the collector
    warehouse_resource(tmp_path / "w.duckdb").setup_for_execution(dg.build_init_resource_context())
    assert gc.get_freeze_count() >= len(objects)
