"""Sensors: notice new, changed and deleted seed files and request one refresh for the batch.

The cursor must stay small: Dagster stores it with every tick (every 15 s), so it cannot hold a row per
file for 30,000 files. Files are spread over at most 256 groups by a hash of their path, and the cursor
keeps, per group, its file count, a digest of the files' (path, size, mtime) and a digest of their
(path, content hash). A group whose stat digest is unchanged is not read; otherwise its files are hashed
again, and only a different content digest counts as a change (a `touch` does not).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import dagster as dg
import duckdb as duckdb_module
import xxhash
from dagster_duckdb import DuckDBResource

from assets.common import SeedsFolder
from pipelines import recovery
from pipelines.jobs import reextract, refresh_warehouse, reset_extraction
from pipelines.read_copy import read_copy_path
from pipelines.schedules import switched_off
from zhnews import ingest
from zhnews.settings import max_file_bytes

GROUPS = 256
UNREACHABLE = -1  # size and mtime of a file `discover` could not examine (or a link out of the folder)
EMPTY_TICKS_BEFORE_FORGETTING = 3  # an emptied folder must stay empty this many ticks (45 s)
INTERVAL_SECONDS = 15


@dataclass(frozen=True)
class Group:
    """What the cursor remembers of one group of files."""

    files: int
    stat: str
    content: str


@dataclass
class SeedsState:
    """The sensor's cursor: the groups' digests, the number of runs requested, ticks seen empty."""

    groups: dict[str, Group] = field(default_factory=dict)
    runs: int = 0
    empty_ticks: int = 0

    @classmethod
    def parse(cls, cursor: str | None) -> SeedsState:
        """The state a cursor holds; an empty or unreadable cursor means nothing was seen yet."""
        try:
            data = json.loads(cursor or "{}")
            groups = {key: Group(*value) for key, value in data.get("groups", {}).items()}
            return cls(groups, data.get("runs", 0), data.get("empty_ticks", 0))
        except (ValueError, TypeError, AttributeError):
            return cls()

    def dump(self) -> str:
        groups = {key: list(asdict(g).values()) for key, g in sorted(self.groups.items())}
        return json.dumps({"groups": groups, "runs": self.runs, "empty_ticks": self.empty_ticks}, separators=(",", ":"))

    @property
    def files(self) -> int:
        return sum(g.files for g in self.groups.values())


def digest(lines: list[str]) -> str:
    return xxhash.xxh3_64_hexdigest("\n".join(sorted(lines)).encode())[:12]


def group_of(source_path: str) -> str:
    return f"{xxhash.xxh3_64_intdigest(source_path.encode()) % GROUPS:02x}"


def file_identity(root: Path, f: ingest.SeedFile) -> str:
    """The file's content hash, or its size and mtime when it is too large or cannot be read."""
    if f.size_bytes == UNREACHABLE:
        return "unreachable"
    data = ingest.read_bytes(root, f.source_path, max_file_bytes())
    return ingest.content_hash(data) if isinstance(data, bytes) else f"unread:{f.size_bytes}:{f.mtime_ns}"


def scan(root: Path, previous: dict[str, Group]) -> dict[str, Group]:
    """The groups as the folder holds them now; files are read only in groups whose stat digest moved."""
    files, refused = ingest.discover(root)
    members: dict[str, list[ingest.SeedFile]] = defaultdict(list)
    for f in files:
        members[group_of(f.source_path)].append(f)
    for r in refused:
        members[group_of(r.source_path)].append(ingest.SeedFile(r.source_path, UNREACHABLE, UNREACHABLE))
    groups = {}
    for key, group in members.items():
        stat = digest([f"{f.source_path}\0{f.size_bytes}\0{f.mtime_ns}" for f in group])
        old = previous.get(key)
        if old and old.stat == stat:
            content = old.content
        else:
            content = digest([f"{f.source_path}\0{file_identity(root, f)}" for f in group])
        groups[key] = Group(len(group), stat, content)
    return groups


def unreadable(root: Path) -> str | None:
    """Why the seeds folder cannot be looked at now, or None when it can."""
    try:
        os.listdir(root)
    except OSError as err:
        return f"the seeds folder {root} cannot be read ({err.strerror}); nothing is forgotten, waiting"
    return None


def changed_groups(before: dict[str, Group], after: dict[str, Group]) -> list[str]:
    """The groups whose contents differ, a group that appeared or vanished included."""
    keys = before.keys() | after.keys()
    return sorted(k for k in keys if getattr(before.get(k), "content", None) != getattr(after.get(k), "content", None))


def last_run_groups(database: Path) -> dict[str, Group]:
    """The groups as the last finished run left them, from its read copy's `seed_files` (none without a copy).

    A sensor with no cursor yet (a first `make dev` after `make run`) starts from these, so it requests a
    run only for what changed since that run. Files the run could not read hash differently here and in
    the sensor; their groups count as changed, which costs one run, never a missed change.
    """
    copy = read_copy_path(database)
    try:
        with duckdb_module.connect(str(copy), read_only=True) as con:
            rows = con.execute("select source_path, size_bytes, mtime_ns, content_hash from seed_files").fetchall()
    except (duckdb_module.Error, OSError):  # no run finished yet, or a copy from before seed_files existed
        return {}
    members: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        members[group_of(row[0])].append(row)
    return {
        key: Group(
            len(group),
            digest([f"{path}\0{size}\0{mtime}" for path, size, mtime, _ in group]),
            digest([f"{path}\0{content}" for path, _, _, content in group]),
        )
        for key, group in members.items()
    }


def refresh_waiting(instance: dg.DagsterInstance) -> bool:
    """Whether a refresh is queued and not started: it will scan the folder, so it takes the changes in."""
    waiting = dg.RunsFilter(job_name=refresh_warehouse.name, statuses=[dg.DagsterRunStatus.QUEUED])
    return bool(instance.get_run_ids(filters=waiting, limit=1))


def evaluate(
    context: dg.SensorEvaluationContext, root: Path, database: Path | None = None
) -> dg.RunRequest | dg.SkipReason:
    """Compare the folder with the cursor (without one, with what the warehouse's last run saw); request one
    run when contents changed."""
    previous = SeedsState.parse(context.cursor)
    if context.cursor is None and database is not None:
        previous = SeedsState(last_run_groups(database))
    problem = unreadable(root)
    if problem:
        return dg.SkipReason(problem)
    groups = scan(root, previous.groups)
    if not groups and previous.groups:
        empty_ticks = previous.empty_ticks + 1
        if empty_ticks < EMPTY_TICKS_BEFORE_FORGETTING:
            context.update_cursor(SeedsState(previous.groups, previous.runs, empty_ticks).dump())
            return dg.SkipReason(
                f"the seeds folder {root} is empty ({empty_ticks} tick(s)); the warehouse forgets its "
                f"{previous.files} file(s) only if it stays empty for {EMPTY_TICKS_BEFORE_FORGETTING} ticks"
            )
    changed = changed_groups(previous.groups, groups)
    if changed and refresh_waiting(context.instance):  # the cursor stays: the changes are noticed again later
        return dg.SkipReason("seed files changed, and a queued refresh will take them in when it starts")
    state = SeedsState(groups, previous.runs + bool(changed))
    context.update_cursor(state.dump())
    if not changed:
        touched = " (some files were touched, their content is the same)" if previous.groups != groups else ""
        return dg.SkipReason(f"no seed file was added, changed or deleted{touched}; {state.files} file(s) in {root}")
    return dg.RunRequest(
        run_key=f"seeds-{state.runs}-{digest([g.content for g in groups.values()])}",
        tags={"zhnews/seed_files": str(state.files), "zhnews/seed_files_before": str(previous.files)},
    )


ON = dg.DefaultSensorStatus.RUNNING


@dg.sensor(
    job=refresh_warehouse,
    minimum_interval_seconds=INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.STOPPED if switched_off("ZHNEWS_SENSOR") else ON,
    description="Requests one refresh when seed files are added, changed (by content) or deleted.",
)
def seeds_sensor(context: dg.SensorEvaluationContext, seeds: SeedsFolder, duckdb: DuckDBResource):
    return evaluate(context, Path(seeds.path), Path(duckdb.database))


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[reset_extraction],
    request_job=reextract,
    default_status=ON,
    description="Launches `reextract` when `reset_extraction` succeeded.",
)
def reextract_after_reset(context: dg.RunStatusSensorContext):
    return dg.RunRequest(run_key=context.dagster_run.run_id)


@dg.sensor(
    job=refresh_warehouse,
    minimum_interval_seconds=INTERVAL_SECONDS,
    default_status=ON,
    description="When a run's process died (kill -9, OOM killer, reboot), frees the pool slots it held, marks it "
    "failed and requests one refresh to finish its work.",
)
def rerun_after_crash(context: dg.SensorEvaluationContext):
    died = recovery.release_dead_runs(context.instance, "the sensor rerun_after_crash")
    if not died:
        return dg.SkipReason("no run's process has died")
    return dg.RunRequest(run_key=f"after-crash-{died[0]}", tags={"zhnews/after_crash_of": ",".join(died)})


sensors = [seeds_sensor, reextract_after_reset, rerun_after_crash]
