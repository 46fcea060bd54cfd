"""Entity candidates per hash shard, and each shard's surface counts: extraction on the shards, one merge.

One engine task per shard whose canonical documents (ids and bodies) or extraction rules changed reads those
documents' bodies from the shard's cleaned output in the lake, extracts their candidates
(`zhnews.entities.extract_mentions`, BATCH_DOCS documents per call, a failing document isolated) and writes
`<lake>/mention_candidates/shard-NNNNN.parquet`: one row per candidate, and one row per document without a
surface (`surface` NULL) that carries its body digest and, if extraction failed on it, why. A document the
previous file extracted from the same body under the same rules keeps its rows. Beside it the task writes
`<lake>/mention_surfaces/shard-NNNNN.parquet`: the shard's candidates summed per surface key with where each
first appears, so the run process merges counts of the vocabulary, not candidates (`SURFACE_TOTALS`, in an
order that depends on neither S nor the order tasks end).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from zhnews.clean import HEADLINE_ONLY
from zhnews.entities import Candidate, extract_mentions, rules_fingerprint
from zhnews.parallel import isolating_failures
from zhnews.shards import CLEANED, FINGERPRINT_KEY, ShardJob, ShardLayout, ShardOutput

CANDIDATES = "mention_candidates"
SURFACES = "mention_surfaces"
BATCH_DOCS = 1000  # the tagger groups a batch's windows by length: more documents, fuller encoder calls
CANDIDATE_TYPES = {  # one row per candidate (CANDIDATE_COLUMNS), and one per document with `surface` NULL
    "doc_id": "varchar",
    "body_digest": "ubigint",  # DuckDB hash(body) of the body extracted from
    "failure": "varchar",  # on the document's row: why extraction failed on it (it is quarantined)
    "extracted_in": "varchar",  # on the document's row: the token of the run that extracted it
    "body_bytes": "bigint",  # on the document's row: its body's UTF-8 bytes
    "surface": "varchar",
    "start_pos": "integer",
    "end_pos": "integer",
    "type": "varchar",
    "weight": "double",
    "rule": "varchar",
    "link": "varchar",
    "link_scope": "varchar",
}
# a body that is its headline alone (zhnews.clean.HEADLINE_ONLY in `removed`) is read as empty: no mentions
SHARD_BODIES = f"""
select doc_id, if(json_exists(removed, '$.{HEADLINE_ONLY}'), '', body), hash(body), strlen(body) from read_parquet(?)
where refusal is null and doc_id in (select unnest(?::varchar[])) order by doc_id
"""
# A shard's candidates summed per surface key; weights as exact decimals, so any grouping of shards sums alike.
SURFACE_COUNTS = """
select surface, type, link, link_scope, sum(weight::decimal(18, 6)) as weight, count(*) as count,
       min({{'doc_id': doc_id, 'start_pos': start_pos, 'end_pos': end_pos}}) as first
from ({rows}) where surface is not null group by surface, type, link, link_scope
"""
# Every shard's counts summed, each surface key where it first appears in the corpus (then the key itself).
SURFACE_TOTALS = """
select surface, type, sum(weight)::double, sum(count)::bigint, link, link_scope from read_parquet(?)
group by surface, type, link, link_scope order by min(first), surface, type, link, link_scope
"""


def entity_code() -> str:
    """The fingerprint of extraction: its rule files and the code of the entities package and tagger."""
    return rules_fingerprint()


def entity_work(layout: ShardLayout, docs: Iterable[tuple[str, str, int]]) -> dict[int, list[tuple[str, str]]]:
    """Each shard's canonical documents as (doc_id, body digest), from (doc_id, source_path, body digest): a
    document added, edited, gone or no longer canonical changes its shard's fingerprint."""
    return {
        shard: [(doc_id, str(digest)) for doc_id, _, digest in group]
        for shard, group in layout.split(docs, lambda doc: doc[1]).items()
    }


def surfaces_path(candidates_path: Path) -> Path:
    """The surface counts written beside a shard's candidates file."""
    return candidates_path.parent.parent / SURFACES / candidates_path.name


def extract_shard(job: ShardJob, root: str, token: str) -> ShardOutput:
    """Extract the candidates of a shard's canonical documents (its items) from their cleaned bodies; write the
    shard's surface counts and return its candidate rows (CANDIDATE_TYPES). `token` marks the documents extracted
    now. A document whose lake body is not the one asked for is refused rather than given wrong offsets."""
    wanted = {doc_id: int(digest) for doc_id, digest in job.items}
    previous = job.previous("doc_id", "body_digest")
    kept = sorted(doc_id for doc_id, digest in wanted.items() if previous.get(doc_id) == (digest,))
    todo = sorted(set(wanted) - set(kept))
    rows = duckdb.execute(SHARD_BODIES, [str(Path(root) / CLEANED / job.path.name), todo]).fetchall()
    failures = {doc_id: "the lake holds another body for it" for doc_id, _, d, _ in rows if d != wanted[doc_id]}
    failures |= dict.fromkeys(set(todo) - {row[0] for row in rows}, "the lake holds no cleaned body for it")
    docs = [(doc_id, body) for doc_id, body, _, _ in rows if doc_id not in failures]
    found: list[tuple] = []  # rows as tuples in CANDIDATE_TYPES order: a shard holds tens of thousands
    for start in range(0, len(docs), BATCH_DOCS):
        cands, failed = isolating_failures(extract_mentions, docs[start : start + BATCH_DOCS])
        found += [candidate_row(c, wanted[c.doc_id]) for c in cands]
        failures |= {doc_id: f"entity extraction failed ({why})" for (doc_id, _), why in failed}
    nbytes = {doc_id: size for doc_id, _, _, size in rows}
    no_candidate = (None,) * 8
    found += [
        (doc_id, wanted[doc_id], failures.get(doc_id), token, nbytes.get(doc_id, 0), *no_candidate) for doc_id in todo
    ]
    output = ShardOutput(pd.DataFrame(found, columns=list(CANDIDATE_TYPES)), CANDIDATE_TYPES, "doc_id", kept)
    write_surface_counts(output, job)
    return output


def candidate_row(cand: Candidate, digest: int) -> tuple:
    """A candidate's row (CANDIDATE_TYPES order; the document columns empty)."""
    return (cand.doc_id, digest, None, None, None, cand.surface, cand.start, cand.end, cand.type, cand.weight,
            cand.rule, cand.link, cand.link_scope)


def write_surface_counts(output: ShardOutput, job: ShardJob) -> None:
    """The shard's surface counts over its new and kept candidates, written atomically with the job's
    fingerprint (before the candidates file: a shard is done only once both carry it)."""
    path = surfaces_path(job.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    rows = output.select()
    if output.kept:
        rows += " union all by name select * from read_parquet($old) where doc_id in (select unnest($kept))"
    with duckdb.default_connection().cursor() as con:
        con.register("shard_output", output.frame)
        con.execute(
            f"copy ({SURFACE_COUNTS.format(rows=rows)}) to $path (format parquet, kv_metadata {{{FINGERPRINT_KEY}: "
            "$made_from})",
            {"path": str(temporary), "made_from": job.made_from}
            | ({"old": str(job.path), "kept": output.kept} if output.kept else {}),
        )
    os.replace(temporary, path)


def drop_surfaces(layout: ShardLayout, shards: Iterable[int]) -> None:
    """Remove the surface counts of every shard but these (shards left without canonical documents)."""
    for shard in set(range(layout.shards)) - set(shards):
        surfaces_path(layout.output(CANDIDATES, shard)).unlink(missing_ok=True)


def has_outputs(layout: ShardLayout, stage: str) -> bool:
    """Whether any shard has a file of `stage` (DuckDB's `read_parquet` refuses a glob that matches none)."""
    return any(layout.root.glob(f"{stage}/shard-*.parquet"))


def forget_outputs(layout: ShardLayout) -> None:
    """Delete every shard's candidates and counts: the next run extracts every canonical document again."""
    for stage in (CANDIDATES, SURFACES):
        shutil.rmtree(layout.root / stage, ignore_errors=True)


def new_token() -> str:
    return uuid.uuid4().hex
