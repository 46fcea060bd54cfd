"""zhnews.entity_shards: candidates per shard as one batch finds them, surface counts whose merge does not depend on
the number of shards, unchanged documents carried over, a body the lake does not hold refused."""

import json
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from zhnews.clean import HEADLINE_ONLY, clean_batch
from zhnews.engine import LocalEngine
from zhnews.entities import extract_mentions
from zhnews.entity_shards import (
    CANDIDATES,
    SURFACE_TOTALS,
    SURFACES,
    drop_surfaces,
    entity_code,
    entity_work,
    extract_shard,
    forget_outputs,
)
from zhnews.ingest import parse_seed
from zhnews.shards import CLEAN_TYPES, CLEANED, ShardLayout, ShardOutput, fingerprint, run_shards
from zhnews.shards import write_parquet_atomically as write_parquet

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ENGINE = LocalEngine()
CANDIDATE_ROWS = """select doc_id, surface, start_pos, end_pos, type, weight, rule, link, link_scope
                    from read_parquet(?) where surface is not null order by all"""


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str, str]]:
    """(relative path, doc_id, cleaned body) of the bundled seeds, and a short document of a path of its own."""
    raws = [parse_seed(p.name, p.read_bytes()).document for p in sorted(SEEDS.glob("*.txt"))]
    docs = [(doc.source_path, doc.doc_id, doc.body) for doc in clean_batch(raws)]
    return [*docs, ("later/short.txt", "short00000000000", "英国初创公司Stability AI周二宣布完成新一轮融资。")]


def digest(body: str) -> int:
    return duckdb.execute("select hash(?::varchar)", [body]).fetchone()[0]


def write_cleaned(layout: ShardLayout, corpus: list[tuple[str, str, str]]) -> None:
    """Each shard's clean output (only the columns extraction reads filled)."""
    for shard, docs in layout.split(corpus, lambda doc: doc[0]).items():
        frame = pd.DataFrame({"doc_id": [d for _, d, _ in docs], "body": [b for *_, b in docs]})
        output = ShardOutput(frame.reindex(columns=list(CLEAN_TYPES)), CLEAN_TYPES)
        write_parquet(output, layout.output(CLEANED, shard), fingerprint("c", [(d, b) for _, d, b in docs]), "c")


def extract(layout: ShardLayout, canonical: list[tuple[str, str, str]], token: str = "t") -> list[int]:
    """Extract the shards of these canonical documents as the entities asset does; returns the shards run."""
    work = entity_work(layout, [(doc_id, path, digest(body)) for path, doc_id, body in canonical])
    task = partial(extract_shard, root=str(layout.root), token=token)
    ran = run_shards(layout, CANDIDATES, work, task, entity_code(), ENGINE)
    drop_surfaces(layout, work)
    return ran


def lake(layout: ShardLayout, sql: str, stage: str = CANDIDATES) -> list[tuple]:
    return duckdb.execute(sql, [layout.outputs(stage)]).fetchall()


def test_one_or_three_shards_give_one_batch_candidates_and_the_same_merged_counts(corpus, tmp_path):
    expected = sorted(
        (c.doc_id, c.surface, c.start, c.end, c.type, c.weight, c.rule, c.link, c.link_scope)
        for c in extract_mentions([(doc_id, body) for _, doc_id, body in corpus])
    )
    totals = []
    for shards in (1, 3):
        layout = ShardLayout.open(tmp_path / f"s{shards}", shards)
        write_cleaned(layout, corpus)
        assert extract(layout, corpus) == sorted(layout.split(corpus, lambda doc: doc[0]))
        assert lake(layout, CANDIDATE_ROWS) == expected
        assert lake(layout, "select count(*) from read_parquet(?) where surface is null") == [(len(corpus),)]
        totals.append(lake(layout, SURFACE_TOTALS, SURFACES))
    assert totals[0] == totals[1] and len(totals[0]) > 20
    assert sum(row[3] for row in totals[0]) == len(expected)


def test_unchanged_shards_are_skipped_and_only_a_changed_document_is_extracted_again(corpus, tmp_path):
    layout = ShardLayout.open(tmp_path, 3)
    write_cleaned(layout, corpus)
    extract(layout, corpus, token="first")
    assert extract(layout, corpus, token="again") == []
    path, doc_id, body = corpus[-1]
    changed = [*corpus[:-1], (path, doc_id, body + "该公司首席执行官莫斯塔克表示将扩充团队。")]
    write_cleaned(layout, changed)
    ran = extract(layout, changed, token="second")
    assert len(ran) == 1
    again = "select doc_id from read_parquet(?) where extracted_in = 'second'"
    assert lake(layout, again) == [(doc_id,)]  # the shard's other documents were carried over
    fresh = ShardLayout.open(tmp_path / "fresh", 3)
    write_cleaned(fresh, changed)
    extract(fresh, changed)
    assert lake(layout, CANDIDATE_ROWS) == lake(fresh, CANDIDATE_ROWS)
    assert lake(layout, SURFACE_TOTALS, SURFACES) == lake(fresh, SURFACE_TOTALS, SURFACES)
    assert "莫斯塔克" in {row[0] for row in lake(layout, SURFACE_TOTALS, SURFACES)}
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_document_gone_from_the_canonical_set_leaves_the_lake_and_empty_shards_lose_their_counts(corpus, tmp_path):
    layout = ShardLayout.open(tmp_path, 3)
    write_cleaned(layout, corpus)
    extract(layout, corpus)
    kept = corpus[:1]
    extract(layout, kept)
    assert lake(layout, "select distinct doc_id from read_parquet(?)") == [(kept[0][1],)]
    assert len(list((layout.root / SURFACES).glob("*.parquet"))) == 1
    forget_outputs(layout)
    assert not (layout.root / CANDIDATES).exists() and not (layout.root / SURFACES).exists()


def test_a_body_the_lake_does_not_hold_is_refused_not_misread(corpus, tmp_path):
    layout = ShardLayout.open(tmp_path, 1)
    write_cleaned(layout, corpus)
    path, doc_id, body = corpus[-1]
    asked = [*corpus[:-1], (path, doc_id, body + "更正。"), ("elsewhere.txt", "missing000000000", "不在湖里的文章。")]
    extract(layout, asked)
    failures = "select doc_id, failure from read_parquet(?) where failure is not null order by 1"
    assert lake(layout, failures) == [
        ("missing000000000", "the lake holds no cleaned body for it"),
        (doc_id, "the lake holds another body for it"),
    ]
    assert lake(layout, f"select count(*) from read_parquet(?) where doc_id = '{doc_id}' and surface is not null") == [
        (0,)
    ]


def test_a_body_that_is_its_headline_alone_gives_no_candidates(tmp_path):
    layout = ShardLayout.open(tmp_path, 1)
    docs = [
        ("a.txt", "alone00000000000", "英国初创公司Stability AI完成融资"),
        ("b.txt", "full000000000000", "英国初创公司Stability AI完成融资"),
    ]
    removed = [json.dumps({HEADLINE_ONLY: 17}), json.dumps({"boilerplate": 40})]
    frame = pd.DataFrame({"doc_id": [d for _, d, _ in docs], "body": [b for *_, b in docs], "removed": removed})
    output = ShardOutput(frame.reindex(columns=list(CLEAN_TYPES)), CLEAN_TYPES)
    write_parquet(output, layout.output(CLEANED, 0), fingerprint("c", [(d, b) for _, d, b in docs]), "c")
    extract(layout, docs)
    assert {row[0] for row in lake(layout, CANDIDATE_ROWS)} == {"full000000000000"}
    assert lake(layout, "select count(*) from read_parquet(?) where surface is null") == [(2,)]  # both were read
