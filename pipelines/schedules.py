"""Schedules: refresh the warehouse daily even when nobody looks."""

import os
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.jobs import refresh_warehouse

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_CRON = "0 6 * * *"
ON = dg.DefaultScheduleStatus.RUNNING


def timezone() -> str:
    """`ZHNEWS_TIMEZONE` (an IANA name such as Europe/Berlin), else Asia/Shanghai; checked at load."""
    name = os.environ.get("ZHNEWS_TIMEZONE") or DEFAULT_TIMEZONE
    ZoneInfo(name)
    return name


def switched_off(variable: str) -> bool:
    """A sensor or schedule is on by default; `<variable>=off` at load time stops it (the UI toggle wins)."""
    return os.environ.get(variable, "").lower() in {"off", "0", "false", "no"}


@dg.schedule(
    cron_schedule=os.environ.get("ZHNEWS_REFRESH_CRON") or DEFAULT_CRON,
    job=refresh_warehouse,
    execution_timezone=timezone(),
    default_status=dg.DefaultScheduleStatus.STOPPED if switched_off("ZHNEWS_SCHEDULE") else ON,
    description="Refresh every table daily (06:00 in ZHNEWS_TIMEZONE unless ZHNEWS_REFRESH_CRON says otherwise).",
)
def daily_refresh(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    day = context.scheduled_execution_time.strftime("%Y-%m-%d")
    return dg.RunRequest(run_key=f"daily-{day}", tags={"zhnews/refresh_day": day})


schedules = [daily_refresh]
