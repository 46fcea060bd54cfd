"""DuckDB helpers the stage assets share: DDL, incremental progress, quarantine, forgetting documents."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
import pandas as pd

from zhnews.records import Refusal
from zhnews.settings import SQL_DIR

Connection = duckdb.DuckDBPyConnection


def now() -> datetime:
    """The current UTC time without tzinfo, as DuckDB TIMESTAMP columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


def apply_ddl(con: Connection, name: str) -> None:
    """Run `warehouse/<name>.sql` (idempotent `create ... if not exists` statements)."""
    con.execute((SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"))


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """Everything written in the block is committed together, or not at all.

    A run killed inside the block (`kill -9`, power loss) leaves the warehouse as it was before it:
    DuckDB writes a transaction to its log only when it commits. Stages write each batch's rows and its
    `stage_progress` marks in one transaction, so a rerun redoes exactly the batches not committed.
    """
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def table_exists(con: Connection, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = 'main' and table_name = ?",
            [table],
        ).fetchone()[0]
    )


def insert_frame(con: Connection, table: str, frame: pd.DataFrame) -> None:
    """Append a DataFrame whose columns are a subset of the table's, matched by name."""
    if frame.empty:
        return
    con.register("incoming_frame", frame)
    try:
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f'insert into "{table}" ({columns}) select {columns} from incoming_frame')
    finally:
        con.unregister("incoming_frame")


def pending_ids(con: Connection, stage: str, candidates_sql: str) -> list[str]:
    """The doc_ids from `candidates_sql` (one `doc_id` column) that `stage` has not done yet, in order.

    Read once, up front, so writes made while working through them are safe.
    """
    rows = con.execute(
        f"""select c.doc_id from ({candidates_sql}) c
            anti join (select doc_id from stage_progress where stage = ?) p using (doc_id)
            order by c.doc_id""",
        [stage],
    ).fetchall()
    return [r[0] for r in rows]


PAUSE_VARIABLE = "ZHNEWS_TEST_PAUSE_IN"  # a test hook, off unless set: see `pause_for_tests`


def pause_for_tests(stage: str) -> None:
    """If env `ZHNEWS_TEST_PAUSE_IN` names `stage`, say so on stderr and wait to be killed.

    A hook for the crash tests only (tests/pipelines/test_recovery.py), unset in normal use: it is called in
    the middle of each stage's first write, so a test can kill a run at a known point of a known stage.
    """
    if os.environ.get(PAUSE_VARIABLE) == stage:
        print(f"zhnews: paused in {stage}", file=sys.stderr, flush=True)
        time.sleep(600)


def mark_done(con: Connection, doc_ids: Iterable[str], stage: str) -> None:
    pause_for_tests(stage)
    frame = pd.DataFrame({"doc_id": list(doc_ids)})
    if frame.empty:
        return
    frame["stage"] = stage
    frame["done_at"] = now()
    con.register("done_frame", frame)
    try:
        con.execute("insert or replace into stage_progress select doc_id, stage, done_at from done_frame")
    finally:
        con.unregister("done_frame")


def reset_stage(con: Connection, stage: str) -> None:
    """Make every document pending again for `stage` (used to re-run extraction with new rules)."""
    con.execute("delete from stage_progress where stage = ?", [stage])


def refuse(con: Connection, refusals: Iterable[Refusal]) -> int:
    """Write refusals to `quarantine`; returns how many."""
    frame = pd.DataFrame([vars(r) for r in refusals], columns=["source_path", "stage", "reason"])
    frame["detected_at"] = now()
    insert_frame(con, "quarantine", frame)
    return len(frame)


CANONICAL_DOCS = "select doc_id from documents where is_canonical"


def drop_non_canonical(con: Connection, stage: str, table: str) -> int:
    """Forget a canonical-only stage's rows and progress for documents gone or no longer canonical.

    Returns how many documents the stage had done that are dropped.
    """
    stale = [
        r[0]
        for r in con.execute(
            f"select distinct doc_id from stage_progress where stage = ? and doc_id not in ({CANONICAL_DOCS})", [stage]
        ).fetchall()
    ]
    con.execute(f'delete from "{table}" where doc_id not in ({CANONICAL_DOCS})')
    con.execute(
        "delete from stage_progress where stage = ? and doc_id in (select unnest(?::varchar[]))", [stage, stale]
    )
    return len(stale)


def refuse_documents(con: Connection, stage: str, doc_ids: list[str], failed: dict[str, str]) -> int:
    """Quarantine the documents a stage failed on, by source path, replacing the stage's earlier refusals
    of the batch's documents (a document that now succeeds loses its old refusal); returns how many."""
    paths = dict(
        con.execute(
            "select doc_id, source_path from documents where doc_id in (select unnest(?::varchar[]))", [doc_ids]
        ).fetchall()
    )
    con.execute(
        "delete from quarantine where stage = ? and source_path in (select unnest(?::varchar[]))",
        [stage, list(paths.values())],
    )
    return refuse(con, [Refusal(paths.get(doc_id, doc_id), stage, reason) for doc_id, reason in failed.items()])


def doc_id_tables(con: Connection) -> list[str]:
    """Every base table with a `doc_id` column: the ones that hold per-document rows."""
    rows = con.execute(
        """select c.table_name from information_schema.columns c
           join information_schema.tables t using (table_schema, table_name)
           where c.table_schema = 'main' and c.column_name = 'doc_id' and t.table_type = 'BASE TABLE'
           order by c.table_name"""
    ).fetchall()
    return [r[0] for r in rows]


def forget_documents(con: Connection, doc_ids: Iterable[str], keep: tuple[str, ...] = ()) -> None:
    """Delete the rows of these documents from every per-document table but those in `keep`."""
    frame = pd.DataFrame({"doc_id": list(doc_ids)}, dtype="string")
    if frame.empty:
        return
    con.register("forgotten", frame)
    try:
        for table in doc_id_tables(con):
            if table not in keep:
                con.execute(f'delete from "{table}" where doc_id in (select doc_id from forgotten)')
    finally:
        con.unregister("forgotten")


def forget_paths_in_quarantine(con: Connection, source_paths: Iterable[str]) -> None:
    frame = pd.DataFrame({"source_path": list(source_paths)}, dtype="string")
    if frame.empty:
        return
    con.register("forgotten_paths", frame)
    try:
        con.execute("delete from quarantine where source_path in (select source_path from forgotten_paths)")
    finally:
        con.unregister("forgotten_paths")


def loaded_shards(con: Connection, stage: str) -> dict[int, str]:
    """shard -> fingerprint of the output of `stage` the warehouse's tables were last loaded from."""
    return dict(con.execute("select shard, fingerprint from shard_loads where stage = ?", [stage]).fetchall())


def record_load(con: Connection, stage: str, shard: int, fingerprint: str) -> None:
    con.execute("insert or replace into shard_loads values (?, ?, ?)", [stage, shard, fingerprint])


def keep_loads(con: Connection, stage: str, shards: Iterable[int]) -> None:
    """Forget the loads of `stage` for every shard but these (shards left without input)."""
    con.execute(
        "delete from shard_loads where stage = ? and shard not in (select unnest(?::integer[]))", [stage, list(shards)]
    )
