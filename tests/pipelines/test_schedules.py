"""The daily refresh schedule and the on/off switches read at load time."""

import importlib
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dagster as dg
import pytest

import pipelines.schedules
from pipelines.schedules import daily_refresh, switched_off


@pytest.fixture
def reload_schedules(monkeypatch):
    """Reload the module under changed environment variables, and restore it afterwards."""

    def reload(**env: str):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(pipelines.schedules)

    yield reload
    monkeypatch.undo()
    importlib.reload(pipelines.schedules)


def test_daily_refresh_runs_the_whole_pipeline_by_default():
    assert daily_refresh.job_name == "refresh_warehouse"
    assert daily_refresh.default_status == dg.DefaultScheduleStatus.RUNNING
    assert daily_refresh.cron_schedule == "0 6 * * *"
    assert daily_refresh.execution_timezone == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("tick", "day"),
    [
        (datetime(2026, 11, 21, 6, 0, tzinfo=ZoneInfo("Asia/Shanghai")), "2026-11-21"),
        (datetime(2026, 12, 31, 22, 0, tzinfo=ZoneInfo("UTC")), "2026-12-31"),
    ],
)
def test_each_tick_asks_for_one_refresh_named_after_its_day(tick, day):
    with dg.DagsterInstance.ephemeral() as instance:
        request = daily_refresh(dg.build_schedule_context(instance=instance, scheduled_execution_time=tick))
    assert request.run_key == f"daily-{day}"
    assert request.tags["zhnews/refresh_day"] == day


def test_timezone_and_time_come_from_the_environment(reload_schedules):
    module = reload_schedules(ZHNEWS_TIMEZONE="Europe/Berlin", ZHNEWS_REFRESH_CRON="30 2 * * *")
    assert module.daily_refresh.execution_timezone == "Europe/Berlin"
    assert module.daily_refresh.cron_schedule == "30 2 * * *"


def test_an_unknown_timezone_fails_at_load(reload_schedules):
    with pytest.raises(ZoneInfoNotFoundError):
        reload_schedules(ZHNEWS_TIMEZONE="Mars/Olympus_Mons")


def test_the_schedule_can_be_off_by_default(reload_schedules):
    module = reload_schedules(ZHNEWS_SCHEDULE="off")
    assert module.daily_refresh.default_status == dg.DefaultScheduleStatus.STOPPED


@pytest.mark.parametrize(
    ("value", "off"),
    [
        ("off", True),
        ("OFF", True),
        ("0", True),
        ("false", True),
        ("no", True),
        ("", False),
        ("on", False),
        ("1", False),
        ("yes", False),
    ],
)
def test_switched_off(monkeypatch, value, off):
    monkeypatch.setenv("ZHNEWS_SOMETHING", value)
    assert switched_off("ZHNEWS_SOMETHING") is off


def test_unset_switch_is_on(monkeypatch):
    monkeypatch.delenv("ZHNEWS_SOMETHING", raising=False)
    assert not switched_off("ZHNEWS_SOMETHING")
