"""Static hash shards of the input as work units, and dedupe across them.

`shard = xxh64(relative path) % S`: the same file always lands in the same shard, whatever else is in the
folder. S is stored with the warehouse (`shards.json` under the shard root) and a layout opened with another S
is refused: moving every file to a new shard is a rebuild, not a setting. A stage's output for one shard is one
Parquet file (`<root>/<stage>/shard-00003.parquet`), written by the task that computes it to a temporary name
and renamed into place, so a reader sees the old file or the new one, never half of one. The file carries the
fingerprint of its inputs and of the code that made it (Parquet key-value metadata): a rerun skips every shard
whose fingerprint is unchanged, so after a failed task only that shard is redone.

Dedupe across shards without one process holding the corpus: each shard task writes its documents' MinHash
signatures and LSH band keys; candidate pairs come from a DuckDB group-by over every shard's band keys (one row
per bucket shared by two or more documents), are verified as in `zhnews.dedupe`, and the verified edges are
clustered; only documents in a candidate pair or a cluster are loaded. Members are ordered by `doc_id` inside
every bucket, so the clusters and canonical copies do not depend on S or on the order tasks finish in.

Not wired into the assets yet: the warehouse still keeps every stage in DuckDB (see README, Beyond one machine).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd
import xxhash

from zhnews import dedupe
from zhnews.dedupe import DedupeRules, DuplicateRow, Signatures
from zhnews.engine import Engine

Item = TypeVar("Item")

LAYOUT_FILE = "shards.json"
FINGERPRINT_KEY = "zhnews_fingerprint"
SIGNATURES = "dedupe_signatures"  # the stage whose per-shard output `cluster_shards` reads


def shard_of(relative_path: str, shards: int) -> int:
    """The shard of a file: a stable hash of its path relative to the seeds folder, modulo S."""
    return xxhash.xxh64_intdigest(relative_path.encode("utf-8")) % shards


@dataclass(frozen=True)
class ShardLayout:
    """Where per-shard outputs live, and how many shards there are."""

    root: Path
    shards: int

    @classmethod
    def open(cls, root: Path, shards: int) -> ShardLayout:
        """The layout stored under `root`, created with `shards` if there is none; another S is refused."""
        stored = root / LAYOUT_FILE
        if stored.exists():
            found = json.loads(stored.read_text(encoding="utf-8"))["shards"]
            if found != shards:
                raise ValueError(f"{root} holds {found} shards, not {shards}: rebuild it into an empty folder")
        else:
            root.mkdir(parents=True, exist_ok=True)
            write_text_atomically(stored, json.dumps({"shards": shards}))
        return cls(root, shards)

    def output(self, stage: str, shard: int) -> Path:
        return self.root / stage / f"shard-{shard:05d}.parquet"

    def outputs(self, stage: str) -> str:
        """A glob of every shard's output of `stage`, for DuckDB's `read_parquet`."""
        return str(self.root / stage / "shard-*.parquet")

    def split(self, items: Iterable[Item], path_of: Callable[[Item], str]) -> dict[int, list[Item]]:
        """Items by shard (shards without items are left out), each shard's items in their given order."""
        found: dict[int, list[Item]] = {}
        for item in items:
            found.setdefault(shard_of(path_of(item), self.shards), []).append(item)
        return found


def write_text_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def fingerprint(code: str, items: Iterable[tuple[str, str]]) -> str:
    """What a shard's output is made from: the code's fingerprint and its (key, content) items, in key order."""
    digest = hashlib.sha1(code.encode("utf-8"))
    for key, content in sorted(items):
        digest.update(b"\0" + key.encode("utf-8") + b"\0" + content.encode("utf-8"))
    return digest.hexdigest()


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint a shard file was written with; None when there is no such file."""
    if not path.exists():
        return None
    rows = duckdb.execute(
        "select value::varchar from parquet_kv_metadata(?) where key::varchar = ?", [str(path), FINGERPRINT_KEY]
    ).fetchall()
    return rows[0][0] if rows else None


def write_parquet_atomically(frame: pd.DataFrame, path: Path, made_from: str) -> None:
    """Write `frame` to `path` as Parquet tagged with `made_from`: to a temporary name, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with duckdb.connect() as con:
        con.register("shard_output", frame)
        con.execute(
            f"copy shard_output to $path (format parquet, kv_metadata {{{FINGERPRINT_KEY}: $made_from}})",
            {"path": str(temporary), "made_from": made_from},
        )
    os.replace(temporary, path)


@dataclass(frozen=True)
class ShardJob:
    """One shard's work: its items, where its output goes and the fingerprint it is written with."""

    shard: int
    items: list
    path: Path
    made_from: str


def run_job(task: Callable[[list], pd.DataFrame], job: ShardJob) -> int:
    """A shard task: compute the shard's output and write it atomically; returns its rows."""
    frame = task(job.items)
    write_parquet_atomically(frame, job.path, job.made_from)
    return len(frame)


def run_shards(
    layout: ShardLayout,
    stage: str,
    work: dict[int, list[tuple[str, str]]],
    task: Callable[[list[tuple[str, str]]], pd.DataFrame],
    code: str,
    engine: Engine,
) -> list[int]:
    """Run `task` (a module function or a partial) on each shard of `work` whose inputs or code changed, one
    engine task per shard; delete the outputs of shards left without items. Returns the shards that ran."""
    jobs = []
    for shard, items in sorted(work.items()):
        path, made_from = layout.output(stage, shard), fingerprint(code, items)
        if stored_fingerprint(path) != made_from:
            jobs.append(ShardJob(shard, items, path, made_from))
    for shard in set(range(layout.shards)) - set(work):
        layout.output(stage, shard).unlink(missing_ok=True)
    workers = engine.workers() if len(jobs) > 1 else 1
    for _ in engine.map_batches(partial(run_job, task), jobs, workers):
        pass
    return [job.shard for job in jobs]


# --- dedupe across shards ------------------------------------------------------------------------


def sign_shard(docs: list[tuple[str, str]], rules: DedupeRules) -> pd.DataFrame:
    """A shard's (doc_id, body) signed: one row per document with its MinHash and its LSH band keys."""
    sigs = dedupe.signatures(docs, rules)
    buckets = dedupe.band_buckets(sigs, rules)
    return pd.DataFrame(
        {
            "doc_id": sigs.doc_ids,
            "body_hash": sigs.body_hash,
            "body_chars": sigs.body_chars.astype(np.int64),
            "n_shingles": sigs.n_shingles.astype(np.int64),
            "minhash": [row.astype("<u4").tobytes() for row in sigs.minhash],
            "figures": [list(f) for f in sigs.figures],
            "buckets": list(buckets.astype(np.uint64)),
        }
    )


def sign_shards(
    layout: ShardLayout, docs: Iterable[tuple[str, str, str]], rules: DedupeRules, engine: Engine
) -> list[int]:
    """Sign every shard of (relative path, doc_id, body) whose documents or rules changed; returns them."""
    work = {
        shard: [(doc_id, body) for _, doc_id, body in items]
        for shard, items in layout.split(docs, lambda doc: doc[0]).items()
    }
    return run_shards(layout, SIGNATURES, work, partial(sign_shard, rules=rules), dedupe.scheme(rules), engine)


def shared_buckets(con: duckdb.DuckDBPyConnection, glob: str) -> Iterable[list[str]]:
    """The members of every LSH bucket two or more documents share, each in doc_id order."""
    rows = con.execute(
        """select list(doc_id order by doc_id) from (
             select doc_id, unnest(buckets) as bucket from read_parquet(?))
           group by bucket having count(*) > 1""",
        [glob],
    ).fetchall()
    return (members for (members,) in rows)


def bucket_pairs(members: Sequence[str], star_over: int) -> Iterable[tuple[str, str]]:
    """A bucket's candidate pairs, (smaller, larger) since `members` are in order: every two members, or in a
    crowded bucket the first with each other one."""
    if len(members) > star_over:
        return ((members[0], other) for other in members[1:] if other != members[0])
    return ((a, b) for a, b in itertools.combinations(members, 2) if a != b)


def load_signatures(con: duckdb.DuckDBPyConnection, glob: str, doc_ids: Sequence[str], num_perm: int) -> Signatures:
    """The stored signatures of these documents, in doc_id order."""
    frame = con.execute(
        """select doc_id, body_hash, body_chars, n_shingles, minhash, figures from read_parquet(?)
           where doc_id in (select unnest(?::varchar[])) order by doc_id""",
        [glob, list(doc_ids)],
    ).df()
    return dedupe.signatures_from_rows(frame, num_perm)


def cluster_shards(layout: ShardLayout, rules: DedupeRules) -> list[DuplicateRow]:
    """`duplicates` rows of every signed document across all shards, in doc_id order."""
    glob = layout.outputs(SIGNATURES)
    with duckdb.connect() as con:
        star_over = rules.bucket_star_over
        candidates = {pair for members in shared_buckets(con, glob) for pair in bucket_pairs(members, star_over)}
        involved = sorted({d for pair in candidates for d in pair})
        verified = dedupe.verify(candidates, load_signatures(con, glob, involved, rules.num_perm), rules)
        doc_ids = [r[0] for r in con.execute("select doc_id from read_parquet(?) order by doc_id", [glob]).fetchall()]
        groups = dedupe.components(doc_ids, [(p.doc_a, p.doc_b) for p in verified])
        copies = [group for group in groups if len(group) > 1]
        members = sorted(d for group in copies for d in group)
        rows = dedupe.cluster_rows(copies, load_signatures(con, glob, members, rules.num_perm), rules)
    rows += [DuplicateRow(d, d, True, 1.0, 1.0) for group in groups if len(group) == 1 for d in group]
    return sorted(rows, key=lambda row: row.doc_id)
