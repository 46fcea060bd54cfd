"""Runs that died (`kill -9`, OOM killer, reboot) free what they held, without a person.

Every run that opens the warehouse holds an exclusive `flock` on a file named after it, under
`$DAGSTER_HOME/zhnews_runs/`. The kernel drops that lock when the process ends, however it ends. When a
run starts, before its first step asks for the pool `zhnews_warehouse`, it looks at every other run that
holds or waits for a pool slot, or that Dagster still shows as in progress: if that run's lock file is free,
its process is gone, so its slots are freed and the run is marked failed. The new run then takes the slot
at once (the dead run's uncommitted writes were never committed: see `zhnews.warehouse.transaction`).
Under `dagster dev` the sensor `rerun_after_crash` does the same check every 15 s and requests one refresh
for the runs it finds dead, so the warehouse catches up without waiting for a change or the schedule.
"""

from __future__ import annotations

import atexit
import fcntl
import os
from pathlib import Path

import dagster as dg

LOCK_FOLDER = "zhnews_runs"
IN_PROGRESS = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]

_held: dict[str, int] = {}  # run_id -> file descriptor of the lock this process holds for it


def lock_path(instance: dg.DagsterInstance, run_id: str) -> Path:
    return Path(instance.root_directory) / LOCK_FOLDER / f"{run_id}.lock"


def hold(instance: dg.DagsterInstance, run_id: str) -> None:
    """Take this run's lock for the rest of the process's life (once per process and run).

    The file is locked before it gets its name, so a lock file that exists unlocked is a dead run's.
    """
    if run_id in _held:
        return
    path = lock_path(instance, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f"{run_id}.{os.getpid()}.new")
    fd = os.open(fresh, os.O_CREAT | os.O_RDWR, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.replace(fresh, path)
    _held[run_id] = fd
    atexit.register(path.unlink, missing_ok=True)  # a run that ends normally leaves no file behind


def is_alive(instance: dg.DagsterInstance, run_id: str) -> bool | None:
    """Whether the run's process still lives: None when the run left no lock file (not run by this project)."""
    if run_id in _held:
        return True
    try:
        fd = os.open(lock_path(instance, run_id), os.O_RDWR)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the lock if it was taken here
    return False


def suspects(instance: dg.DagsterInstance) -> set[str]:
    """Runs that hold or wait for a pool slot, and runs Dagster shows as in progress."""
    waiting = instance.event_log_storage.get_concurrency_run_ids()
    return set(waiting) | set(instance.get_run_ids(filters=dg.RunsFilter(statuses=IN_PROGRESS)))


def release_dead_runs(instance: dg.DagsterInstance, by: str, own_run_id: str | None = None) -> list[str]:
    """Free the pool slots of every run whose process has died, mark it failed (saying it was found `by`
    whom); returns their ids."""
    released = []
    for run_id in sorted(suspects(instance) - {own_run_id}):
        if is_alive(instance, run_id) is not False:
            continue
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
        run = instance.get_run_by_id(run_id)
        if run is not None and not run.is_finished:
            instance.report_run_failed(
                run, message=f"The run's process ended without finishing (killed?); {by} freed its pool slots."
            )
        lock_path(instance, run_id).unlink(missing_ok=True)
        released.append(run_id)
    return released


def start_run(context: dg.InitResourceContext) -> list[str]:
    """At a run's start: hold its lock, then release the runs that died; returns the runs released."""
    instance, run_id = context.instance, context.run_id
    if instance is None or run_id is None or instance.is_ephemeral:
        return []
    hold(instance, run_id)
    released = release_dead_runs(instance, f"run {run_id}", own_run_id=run_id)
    if released and context.log:
        context.log.warning(f"freed the warehouse pool from {len(released)} dead run(s): {', '.join(released)}")
    return released
