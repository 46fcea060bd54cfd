"""Static hash shards of the input as work units, and the stages that run on them.

`shard = xxh64(relative path) % S`: the same file always lands in the same shard, whatever else is in the
folder. S is stored with the warehouse (`shards.json` under the shard root) and a layout opened with another S
is refused: moving every file to a new shard is a rebuild, not a setting. A stage's output for one shard is one
Parquet file (`<root>/<stage>/shard-00003.parquet`), written by the task that computes it to a temporary name
and renamed into place, so a reader sees the old file or the new one, never half of one. The file carries the
fingerprint of its inputs and of the code that made it (Parquet key-value metadata): a rerun skips every shard
whose fingerprint is unchanged, so after a failed task only that shard is redone.

Dedupe's signatures per shard: each shard task reads its shard's cleaned documents and writes their MinHash
signatures and LSH band keys (`sign_shard`); the warehouse loads them and pairs documents sharing a band key
(assets/dedupe.py), so neither the bodies nor the signing pass through one process.

The assets `raw_documents`, `cleaned_documents` and `duplicates` run here (`ingest_shard`, `clean_shard`,
`sign_shard`): the lake of a warehouse `warehouse/zhnews.duckdb` is the folder `warehouse/zhnews.lake`
(`lake_root`), and the warehouse's tables of those stages are loaded from it (see ARCHITECTURE.md, Shards).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd
import xxhash

from zhnews import dedupe, ingest, schemas
from zhnews.clean import clean_batch
from zhnews.dedupe import DedupeRules
from zhnews.engine import Engine
from zhnews.ingest import ReadResult, SeedFile
from zhnews.parallel import isolating_failures, pool_pays
from zhnews.records import RawDocument
from zhnews.settings import max_file_bytes
from zhnews.warehouse import now

Item = TypeVar("Item")

LAYOUT_FILE = "shards.json"
FINGERPRINT_KEY = "zhnews_fingerprint"
CODE_KEY = "zhnews_code"  # the code part alone: rows of a file made by the same code can be carried over
DEFAULT_SHARDS = 8
SHARD_BYTES = 128 * 2**20  # a new lake gets more shards when its corpus holds more than this per shard
KILL_VARIABLE = "ZHNEWS_TEST_KILL_SHARD"  # a test hook, off unless set: see `die_for_tests`


def shard_of(relative_path: str, shards: int) -> int:
    """The shard of a file: a stable hash of its path relative to the seeds folder, modulo S."""
    return xxhash.xxh64_intdigest(relative_path.encode("utf-8")) % shards


def lake_root(database: Path) -> Path:
    """Where a warehouse keeps its shards: `warehouse/zhnews.duckdb` gives `warehouse/zhnews.lake`."""
    return database.with_name(f"{database.stem}.lake")


def shards_for(total_bytes: int) -> int:
    """S for a new lake: 8, doubled until a shard holds at most SHARD_BYTES of the corpus it starts with."""
    shards = DEFAULT_SHARDS
    while total_bytes > shards * SHARD_BYTES:
        shards *= 2
    return shards


@dataclass(frozen=True)
class ShardLayout:
    """Where per-shard outputs live, and how many shards there are."""

    root: Path
    shards: int

    @classmethod
    def open(cls, root: Path, shards: int) -> ShardLayout:
        """The layout stored under `root`, created with `shards` if there is none; another S is refused."""
        found = cls.stored(root)
        if found is None:
            root.mkdir(parents=True, exist_ok=True)
            write_text_atomically(root / LAYOUT_FILE, json.dumps({"shards": shards}))
        elif found != shards:
            raise ValueError(f"{root} holds {found} shards, not {shards}: rebuild it into an empty folder")
        return cls(root, shards)

    @staticmethod
    def stored(root: Path) -> int | None:
        """The S stored under `root`; None when there is no layout yet."""
        stored = root / LAYOUT_FILE
        return json.loads(stored.read_text(encoding="utf-8"))["shards"] if stored.exists() else None

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


def code_fingerprint(files: Iterable[Path], *settings: object) -> str:
    """The fingerprint of a stage's code: the bytes of its source and rule files, and the settings it reads."""
    digest = hashlib.sha1(repr(settings).encode("utf-8"))
    for path in sorted(files):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def stored_metadata(path: Path, key: str) -> str | None:
    """A value a shard file was written with (FINGERPRINT_KEY, CODE_KEY); None when there is no such file."""
    if not path.exists():
        return None
    rows = duckdb.execute(
        "select value::varchar from parquet_kv_metadata(?) where key::varchar = ?", [str(path), key]
    ).fetchall()
    return rows[0][0] if rows else None


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint a shard file was written with; None when there is no such file."""
    return stored_metadata(path, FINGERPRINT_KEY)


@dataclass
class ShardOutput:
    """What a shard task computed: new rows (cast to `types`, so every shard's file has one schema) and the
    `key`s of its previous output's rows to carry over unchanged."""

    frame: pd.DataFrame
    types: dict[str, str] | None = None
    key: str = ""
    kept: list[str] = field(default_factory=list)

    def select(self) -> str:
        """The SQL that reads the new rows (the frame is registered as `shard_output`)."""
        if not self.types:
            return "select * from shard_output"
        casts = ", ".join(f'cast("{c}" as {t}) as "{c}"' for c, t in self.types.items())
        return f"select {casts} from shard_output"


def write_parquet_atomically(output: ShardOutput | pd.DataFrame, path: Path, made_from: str, code: str = "") -> None:
    """Write a shard's output to `path` as Parquet tagged with `made_from` and `code`: its new rows and the kept
    rows of the file it replaces, to a temporary name, then renamed into place."""
    output = output if isinstance(output, ShardOutput) else ShardOutput(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    query = output.select()
    if output.kept:
        query += f' union all by name select * from read_parquet($old) where "{output.key}" in (select unnest($kept))'
    with duckdb.default_connection().cursor() as con:  # a cursor: 0.2 ms, where a new database takes 12 ms
        con.register("shard_output", output.frame)
        con.execute(
            f"copy ({query}) to $path "
            f"(format parquet, kv_metadata {{{FINGERPRINT_KEY}: $made_from, {CODE_KEY}: $code}})",
            {"path": str(temporary), "made_from": made_from, "code": code}
            | ({"old": str(path), "kept": output.kept} if output.kept else {}),
        )
    os.replace(temporary, path)


@dataclass(frozen=True)
class ShardJob:
    """One shard's work: its items, where its output goes and what it is made from (items and code, `made_from`;
    the code alone, `code`)."""

    stage: str
    shard: int
    items: list
    path: Path
    made_from: str
    code: str

    def previous(self, key: str, *columns: str) -> dict[str, tuple]:
        """`key` -> `columns` of the rows of this shard's previous output, if the same code made it (else none)."""
        if stored_metadata(self.path, CODE_KEY) != self.code:
            return {}
        selected = ", ".join(f'"{c}"' for c in (key, *columns))
        rows = duckdb.execute(f"select {selected} from read_parquet(?)", [str(self.path)]).fetchall()
        return {row[0]: row[1:] for row in rows}


def die_for_tests(job: ShardJob) -> None:
    """If env `ZHNEWS_TEST_KILL_SHARD` is `<stage>:<shard>:<marker file>` for this job and the marker does not
    exist yet, create it and end the process at once, as a lost worker or node would. A hook for the tests of
    retries only (tests/assets/test_shards.py), unset in normal use."""
    stage, shard, marker = (os.environ.get(KILL_VARIABLE) or "::").split(":", 2)
    if (stage, shard) == (job.stage, str(job.shard)) and not Path(marker).exists():
        Path(marker).touch()
        os._exit(1)


def run_job(task: Callable[[ShardJob], ShardOutput | pd.DataFrame], job: ShardJob) -> int | str:
    """A shard task: compute the shard's output and write it atomically; returns the rows it computed, or why
    it failed (the other shards go on: only a failed shard is redone by the next run)."""
    die_for_tests(job)
    try:
        output = task(job)
        write_parquet_atomically(output, job.path, job.made_from, job.code)
    except Exception as err:
        return f"{type(err).__name__}: {err}"
    return len(output.frame if isinstance(output, ShardOutput) else output)


class ShardsFailed(RuntimeError):
    """Some shards' tasks failed; every other shard's output was written."""


def shard_jobs(layout: ShardLayout, stage: str, work: dict[int, list[tuple[str, str]]], code: str) -> list[ShardJob]:
    """A job for every shard of `work`, in shard order, its fingerprint made from its items and `code`."""
    return [
        ShardJob(stage, shard, items, layout.output(stage, shard), fingerprint(code, items), code)
        for shard, items in sorted(work.items())
    ]


def run_shards(
    layout: ShardLayout,
    stage: str,
    work: dict[int, list[tuple[str, str]]],
    task: Callable[[ShardJob], ShardOutput | pd.DataFrame],
    code: str,
    engine: Engine,
    weight: Callable[[ShardJob], int] | None = None,
    here: bool = False,
) -> list[int]:
    """Run `task` (a module function or a partial) on each shard of `work` whose inputs or code changed, one
    engine task per shard; delete the outputs of shards left without items. Returns the shards that ran.
    Work of too few units (`weight`: a job's documents; by default its items) to pay for a pool runs in this
    process, and so does all of it with `here`."""
    jobs = [job for job in shard_jobs(layout, stage, work, code) if stored_fingerprint(job.path) != job.made_from]
    for shard in set(range(layout.shards)) - set(work):
        layout.output(stage, shard).unlink(missing_ok=True)
    units = sum(weight(job) if weight else len(job.items) for job in jobs)
    workers = engine.workers() if len(jobs) > 1 and not here and pool_pays(units, engine.workers()) else 1
    done = list(engine.map_batches(partial(run_job, task), jobs, workers))
    failed = {job.shard: result for job, result in done if isinstance(result, str)}
    if failed:
        reasons = "; ".join(f"shard {shard}: {why}" for shard, why in failed.items())
        raise ShardsFailed(f"{stage}: {len(failed)} shard(s) failed: {reasons}")
    return [job.shard for job in jobs]


# --- ingest and clean per shard ------------------------------------------------------------------

RAW = "raw_documents"
CLEANED = "cleaned_documents"
RAW_TYPES = {  # one row per file; the document's columns (`raw_documents`) are NULL when it was refused whole
    "source_path": "varchar",
    "file_bytes": "bigint",
    "mtime_ns": "bigint",
    "content_hash": "varchar",
    "doc_id": "varchar",
    "fmt": "varchar",
    "encoding": "varchar",
    "text": "varchar",
    "meta": "varchar",
    "size_bytes": "bigint",
    "ingested_at": "timestamp",
    "refusals": "varchar",  # JSON: [[stage, reason], ...] met while reading the file
}
CLEAN_TYPES = {  # one row per document taken in; `refusal` set (and the rest NULL) when cleaning refused it
    "doc_id": "varchar",
    "source_path": "varchar",
    "content_hash": "varchar",
    "title": "varchar",
    "outlet": "varchar",
    "authors": "varchar[]",
    "editors": "varchar[]",
    "url": "varchar",
    "published_at": "date",
    "published_precision": "varchar",
    "body": "varchar",
    "script": "varchar",
    "removed": "varchar",
    "refusal": "varchar",
    "cleaned_at": "timestamp",
}
CLEAN_BATCH_DOCS = 500  # documents per `clean_batch` call inside a shard task (its time budget grows with it)
SOURCE = Path(__file__).parent


def ingest_code() -> str:
    return code_fingerprint([SOURCE / "ingest.py", SOURCE / "records.py", SOURCE / "schemas.py"], max_file_bytes())


def clean_code() -> str:
    modules = [SOURCE / f"{name}.py" for name in ("clean", "metadata", "text", "patterns", "records")]
    rules = [SOURCE / "rules" / f"{name}.yaml" for name in ("boilerplate", "clean_metadata", "clean_script")]
    return code_fingerprint(modules + rules)


READ_HERE_BYTES = 48 * 2**20  # at most this much text to read (about 2 CPU s): read in the run process
HTML_COST = 8  # a byte of an HTML page costs as much to read as 8 of text (trafilatura: 3.6 against 30 MB/s)


def read_here(files: Iterable[SeedFile]) -> bool:
    """Whether the files to read are few enough to read in the run process: the pool's workers start only once
    the worker server has loaded every stage's libraries and models (about 3.5 CPU s), so a read of a couple of
    seconds ends sooner here, beside that loading, than there after it (the real bulk: 26 MB of text, 1 CPU s)."""
    cost = sum(f.size_bytes * (HTML_COST if ingest.has_html_suffix(f.source_path) else 1) for f in files)
    return cost <= READ_HERE_BYTES


def ingest_work(layout: ShardLayout, files: Iterable[SeedFile]) -> dict[int, list[tuple[str, str]]]:
    """Each shard's files as (relative path, "size:mtime"): a file touched or replaced changes its shard's
    fingerprint."""
    return {
        shard: [(f.source_path, f"{f.size_bytes}:{f.mtime_ns}") for f in group]
        for shard, group in layout.split(files, lambda f: f.source_path).items()
    }


def work_from(layout: ShardLayout, stage: str) -> dict[int, list[tuple[str, str]]]:
    """The work of the stage after `stage`: each shard with an output of `stage`, as (that output's name, its
    fingerprint), so the shard is redone when that output changes."""
    work = {}
    for shard in range(layout.shards):
        path = layout.output(stage, shard)
        if path.exists():
            work[shard] = [(f"{stage}/{path.name}", stored_fingerprint(path) or "")]
    return work


def input_rows(job: ShardJob, root: str) -> int:
    """The documents a job of `work_from` may work on: the rows of its input file (read from the Parquet
    footer)."""
    [(input_name, _)] = job.items
    query = "select sum(num_rows) from parquet_file_metadata(?)"
    return int(duckdb.execute(query, [str(Path(root) / input_name)]).fetchone()[0] or 0)


def ingest_shard(job: ShardJob, root: str, limit: int) -> ShardOutput:
    """Read a shard's files: a row per file (RAW_TYPES). A file whose size and mtime are those of the previous
    output's row keeps that row without being read."""
    previous = job.previous("source_path", "file_bytes", "mtime_ns")
    kept, rows, folder = [], [], Path(root)
    for path, stamp in job.items:
        size, mtime = (int(part) for part in stamp.split(":"))
        if previous.get(path) == (size, mtime):
            kept.append(path)
            continue
        digest, result = ingest.read_seed(folder, path, limit)
        rows.append(file_row(path, size, mtime, digest, result))
    return ShardOutput(refuse_invalid(pd.DataFrame(rows, columns=list(RAW_TYPES))), RAW_TYPES, "source_path", kept)


def file_row(path: str, size: int, mtime: int, digest: str | None, result: ReadResult) -> dict:
    row = {
        "source_path": path,
        "file_bytes": size,
        "mtime_ns": mtime,
        "content_hash": digest or "",
        "ingested_at": now(),
        "refusals": json.dumps([[r.stage, r.reason] for r in result.refusals], ensure_ascii=False),
    }
    doc = result.document
    if doc:
        meta = json.dumps(doc.meta, ensure_ascii=False)
        row |= {"doc_id": doc.doc_id, "fmt": doc.fmt, "encoding": doc.encoding, "text": doc.text, "meta": meta}
        row["size_bytes"] = doc.size_bytes
    return row


RAW_DOCUMENT_COLUMNS = ["doc_id", "source_path", "content_hash", "fmt", "encoding", "text", "meta", "size_bytes"]


def refuse_invalid(frame: pd.DataFrame) -> pd.DataFrame:
    """Documents that break the raw_documents schema are refused: their document columns emptied, the reason
    added to the file's refusals."""
    documents = frame[frame["doc_id"].notna()]
    if documents.empty:
        return frame
    invalid = schemas.invalid_rows(documents[[*RAW_DOCUMENT_COLUMNS, "ingested_at"]], schemas.RAW_DOCUMENTS)
    if not invalid:
        return frame
    rows = frame.to_dict("records")
    for index, why in invalid.items():
        row = rows[frame.index.get_loc(index)]
        reason = f"decoded text breaks the raw_documents schema ({why})"
        row["refusals"] = json.dumps([*json.loads(row["refusals"]), [ingest.STAGE, reason]], ensure_ascii=False)
        row |= dict.fromkeys([RAW_DOCUMENT_COLUMNS[0], *RAW_DOCUMENT_COLUMNS[3:]])
    return pd.DataFrame(rows, columns=frame.columns)


KEPT_DOCUMENTS = "select doc_id from read_parquet(?) where doc_id in (select unnest(?::varchar[]))"
NEW_DOCUMENTS = f"""
select {", ".join(RAW_DOCUMENT_COLUMNS)} from read_parquet(?)
where doc_id is not null and doc_id not in (select unnest(?::varchar[])) order by doc_id
"""


def clean_shard(job: ShardJob, root: str) -> ShardOutput:
    """Clean a shard's documents (the ingest output named by its one item): a row per document (CLEAN_TYPES).
    A document the previous output holds, made by the same code, keeps its row."""
    [(raw_name, _)] = job.items
    raw_path, previous = str(Path(root) / raw_name), list(job.previous("doc_id"))
    kept = [r[0] for r in duckdb.execute(KEPT_DOCUMENTS, [raw_path, previous]).fetchall()]
    rows = duckdb.execute(NEW_DOCUMENTS, [raw_path, previous]).fetchall()
    raws = [RawDocument(*row[:6], meta=json.loads(row[6]), size_bytes=row[7]) for row in rows]
    cleaned_rows = []
    for start in range(0, len(raws), CLEAN_BATCH_DOCS):
        cleaned_rows += clean_rows(raws[start : start + CLEAN_BATCH_DOCS])
    return ShardOutput(pd.DataFrame(cleaned_rows, columns=list(CLEAN_TYPES)), CLEAN_TYPES, "doc_id", kept)


def clean_rows(raws: list[RawDocument]) -> list[dict]:
    """The CLEAN_TYPES rows of a batch: cleaned documents, and refusals for those cleaning failed on or emptied."""
    cleaned, failed = isolating_failures(clean_batch, raws)
    at = now()
    rows = [
        {"doc_id": raw.doc_id, "source_path": raw.source_path, "content_hash": raw.content_hash, "cleaned_at": at,
         "refusal": f"cleaning failed ({why})"}
        for raw, why in failed
    ]
    for doc in cleaned:
        row = {column: getattr(doc, column) for column in CLEAN_TYPES if hasattr(doc, column)}
        row |= {"removed": json.dumps(doc.removed, ensure_ascii=False), "cleaned_at": at}
        if not doc.body.strip():
            row = {key: row[key] for key in ("doc_id", "source_path", "content_hash", "cleaned_at")}
            row["refusal"] = "nothing is left after removing boilerplate"
        rows.append(row)
    return rows


# --- dedupe signatures per shard -------------------------------------------------------------------

SIGNED = "dedupe_signatures"
SIGNED_TYPES = {  # one row per cleaned document: its MinHash signature and its LSH band keys (`band_buckets`)
    "doc_id": "varchar",
    "body_digest": "ubigint",  # DuckDB hash(body) of the body signed: the warehouse loads a row only for that body
    "body_hash": "varchar",
    "body_chars": "integer",
    "n_shingles": "integer",
    "minhash": "blob",
    "figures": "varchar[]",
    "buckets": "ubigint[]",
}
CLEANED_BODIES = "select doc_id, body, hash(body) from read_parquet(?) where refusal is null order by doc_id"


def sign_shard(job: ShardJob, root: str, rules: DedupeRules) -> ShardOutput:
    """Sign a shard's cleaned documents (the clean output named by its one item): a row per document
    (SIGNED_TYPES). A document the previous output signed with the same body, under the same rules, keeps its
    row."""
    [(cleaned_name, _)] = job.items
    previous = job.previous("doc_id", "body_digest")
    rows = duckdb.execute(CLEANED_BODIES, [str(Path(root) / cleaned_name)]).fetchall()
    kept = [doc_id for doc_id, _, digest in rows if previous.get(doc_id) == (digest,)]
    fresh = [row for row in rows if previous.get(row[0]) != (row[2],)]
    sigs = dedupe.signatures([(doc_id, body) for doc_id, body, _ in fresh], rules)
    frame = pd.DataFrame(
        {
            "doc_id": sigs.doc_ids,
            "body_digest": np.array([digest for *_, digest in fresh], dtype=np.uint64),
            "body_hash": sigs.body_hash,
            "body_chars": sigs.body_chars.astype(np.int32),
            "n_shingles": sigs.n_shingles.astype(np.int32),
            "minhash": [row.astype("<u4").tobytes() for row in sigs.minhash],
            "figures": [list(f) for f in sigs.figures],
            "buckets": list(dedupe.band_buckets(sigs, rules)),
        }
    )
    return ShardOutput(frame, SIGNED_TYPES, "doc_id", kept)
