"""Asset `duplicates` on the real upstream assets and a temporary DuckDB: clusters, increments, deletions."""

import shutil
from dataclasses import replace

import duckdb

from assets.common import open_lake
from assets.dedupe import deduplicate
from zhnews import dedupe

UP_TO_DEDUPE = "*duplicates"
CLUSTERS = """select c.source_path, d.cluster_id, d.is_canonical, d.similarity, d.containment, d.doc_id
              from duplicates d join cleaned_documents c using (doc_id) order by c.source_path"""


def by_path(pipeline) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in pipeline.query(CLUSTERS)}


def groups(pipeline) -> list[list[str]]:
    out: dict[str, list[str]] = {}
    for path, (cluster, *_rest) in by_path(pipeline).items():
        out.setdefault(cluster, []).append(path)
    return sorted(out.values())


def test_the_two_captures_of_one_article_form_one_cluster(pipeline):
    result = pipeline.run(UP_TO_DEDUPE)
    assert groups(pipeline) == [
        ["000_0691a71e8f570675.txt"],
        ["001_e99457b3a0c3ad21.txt"],
        ["002_c859cae765f34aab.txt"],
        ["003_0aa7330093996327.txt", "004_0106fccdff0b0f02.txt"],
    ]
    assert all(check.passed for check in result.get_asset_check_evaluations())
    [one_canonical] = [c for c in result.get_asset_check_evaluations() if c.check_name.endswith("per_cluster")]
    assert one_canonical.description == (
        "5 documents in 4 clusters: every cluster has one canonical copy, no document is missing or repeated."
    )
    metadata = pipeline.metadata(result, "duplicates")
    assert metadata["documents_processed"] == 5
    assert metadata["clusters"] == 4
    assert metadata["shards_run"] >= 1 and metadata["signed_in_run_process"] == 0  # signed by the shard tasks


def test_every_cluster_has_one_canonical_the_longest_body(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    rows = pipeline.query(
        """select d.cluster_id, count_if(d.is_canonical),
                  arg_max(d.doc_id, length(c.body)) = any_value(d.doc_id) filter (where d.is_canonical),
                  min(d.doc_id) = d.cluster_id
           from duplicates d join cleaned_documents c using (doc_id) group by d.cluster_id"""
    )
    assert rows and all(canonicals == 1 and longest and smallest for _, canonicals, longest, smallest in rows)
    singles = pipeline.query(
        "select similarity, containment from duplicates where cluster_id in "
        "(select cluster_id from duplicates group by 1 having count(*) = 1)"
    )
    assert set(singles) == {(1.0, 1.0)}


def test_a_rerun_without_changes_processes_nothing_and_keeps_the_clusters(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    before = by_path(pipeline)
    metadata = pipeline.metadata(pipeline.run(UP_TO_DEDUPE), "duplicates")
    assert metadata["documents_processed"] == 0
    assert by_path(pipeline) == before


def test_a_new_copy_is_compared_with_the_stored_signatures(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    (pipeline.seeds / "later").mkdir()
    shutil.copy(pipeline.seeds / "002_c859cae765f34aab.txt", pipeline.seeds / "later" / "again.txt")
    metadata = pipeline.metadata(pipeline.run(UP_TO_DEDUPE), "duplicates")
    assert (metadata["documents_processed"], metadata["shards_run"], metadata["signed_in_run_process"]) == (1, 1, 0)
    assert ["002_c859cae765f34aab.txt", "later/again.txt"] in groups(pipeline)
    assert len(pipeline.query("select * from dedupe_signatures")) == 6


def test_stored_buckets_hold_the_whole_text_and_the_prefix_bands(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    rules = dedupe.load_rules()
    assert pipeline.query("select count(*) from dedupe_buckets") == [(5 * (rules.bands + rules.prefix_bands),)]


def test_a_copy_cut_to_under_half_added_later_joins_its_original(pipeline):
    """The new copy meets the stored original in a prefix bucket: both begin alike, little else is shared."""
    pipeline.run(UP_TO_DEDUPE)
    lines = (pipeline.seeds / "000_0691a71e8f570675.txt").read_text(encoding="utf-8").splitlines()
    kept, size = [], 0
    for line in lines:
        if size >= 0.45 * sum(map(len, lines)):
            break
        kept.append(line)
        size += len(line)
    (pipeline.seeds / "later").mkdir()
    (pipeline.seeds / "later" / "cut.txt").write_text("\n".join(kept), encoding="utf-8")
    metadata = pipeline.metadata(pipeline.run(UP_TO_DEDUPE), "duplicates")
    assert metadata["documents_processed"] == 1
    assert ["000_0691a71e8f570675.txt", "later/cut.txt"] in groups(pipeline)
    similarity, containment = by_path(pipeline)["later/cut.txt"][2:4]
    assert similarity < 0.6 <= 0.8 <= containment


def test_deleting_the_canonical_copy_elects_another(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    rows = by_path(pipeline)
    canonical = next(p for p in ("003_0aa7330093996327.txt", "004_0106fccdff0b0f02.txt") if rows[p][1])
    survivor = next(p for p in ("003_0aa7330093996327.txt", "004_0106fccdff0b0f02.txt") if p != canonical)
    (pipeline.seeds / canonical).unlink()
    metadata = pipeline.metadata(pipeline.run(UP_TO_DEDUPE), "duplicates")
    assert metadata["orphans_reevaluated"] == 1
    cluster_id, is_canonical, similarity, containment, doc_id = by_path(pipeline)[survivor]
    assert (cluster_id, is_canonical, similarity, containment) == (doc_id, True, 1.0, 1.0)
    assert len(pipeline.query("select * from duplicates")) == 4
    assert pipeline.query("select count(*) from dedupe_pairs") == [(0,)]


def test_deleting_the_link_of_a_chain_splits_the_cluster(pipeline):
    """a and c overlap too little to be copies; b holds both, so all three are one cluster until b goes."""
    source = pipeline.seeds / "002_c859cae765f34aab.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    source.unlink()
    cut = int(len(lines) * 0.45)
    (pipeline.seeds / "chain").mkdir()
    (pipeline.seeds / "chain" / "a.txt").write_text("\n".join(lines[:-cut]), encoding="utf-8")
    (pipeline.seeds / "chain" / "b.txt").write_text("\n".join(lines), encoding="utf-8")
    (pipeline.seeds / "chain" / "c.txt").write_text("\n".join(lines[cut:]), encoding="utf-8")
    pipeline.run(UP_TO_DEDUPE)
    assert ["chain/a.txt", "chain/b.txt", "chain/c.txt"] in groups(pipeline)
    (pipeline.seeds / "chain" / "b.txt").unlink()
    pipeline.run(UP_TO_DEDUPE)
    assert ["chain/a.txt"] in groups(pipeline) and ["chain/c.txt"] in groups(pipeline)


def execute(pipeline, sql: str, *params) -> None:
    with duckdb.connect(str(pipeline.warehouse)) as con:
        con.execute(sql, list(params))


def test_a_body_cleaned_again_is_signed_again(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    execute(
        pipeline,
        """update cleaned_documents set body = (select body from cleaned_documents where source_path = ?)
           where source_path = ?""",
        "002_c859cae765f34aab.txt",
        "001_e99457b3a0c3ad21.txt",
    )
    metadata = pipeline.metadata(pipeline.run(UP_TO_DEDUPE), "duplicates")
    assert metadata["documents_processed"] == 1
    assert metadata["signed_in_run_process"] == 1  # the lake holds the other body: signed from the warehouse
    assert ["001_e99457b3a0c3ad21.txt", "002_c859cae765f34aab.txt"] in groups(pipeline)


def test_a_cleaned_document_that_disappears_leaves_its_cluster(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    execute(pipeline, "delete from cleaned_documents where source_path = ?", "003_0aa7330093996327.txt")
    pipeline.run(UP_TO_DEDUPE)
    assert ["004_0106fccdff0b0f02.txt"] in groups(pipeline)
    assert pipeline.query("select count(*) from duplicates") == [(4,)]
    assert pipeline.query("select count(*) from dedupe_signatures") == [(4,)]


def test_other_rules_make_the_stage_start_again(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    strict = replace(dedupe.load_rules(), jaccard_min=0.99, containment_min=1.01)
    with duckdb.connect(str(pipeline.warehouse)) as con:
        stats = deduplicate(con, strict, open_lake(str(pipeline.warehouse)))
    assert stats["rules_changed"] == 1 and stats["processed"] == 5
    assert ["003_0aa7330093996327.txt"] in groups(pipeline)


def test_the_documents_table_takes_clusters_from_duplicates(pipeline):
    pipeline.run("*documents")
    rows = pipeline.query(
        """select source_path, cluster_id, is_canonical from documents
           where source_path in ('003_0aa7330093996327.txt', '004_0106fccdff0b0f02.txt')"""
    )
    assert len({cluster for _, cluster, _ in rows}) == 1
    assert sorted(flag for *_, flag in rows) == [False, True]


def named_copy(seeds, original: str, text: str, before: bool) -> str:
    """Write `text` under a new name whose doc_id sorts before (or after) the original's; returns the path."""
    from zhnews.ingest import content_hash, make_doc_id

    data = text.encode("utf-8")
    target = make_doc_id(original, content_hash((seeds / original).read_bytes()))
    for i in range(100):
        name = f"copies/{i:02d}.txt"
        if not (seeds / name).exists() and (make_doc_id(name, content_hash(data)) < target) == before:
            (seeds / "copies").mkdir(exist_ok=True)
            (seeds / name).write_bytes(data)
            return name
    raise AssertionError("no name found")


def identity(pipeline, paths: list[str]) -> dict[str, tuple[str, bool]]:
    return {p: by_path(pipeline)[p][:2] for p in paths}


def test_copies_added_before_and_after_the_original_keep_its_cluster_id_and_canonical(pipeline):
    original = "002_c859cae765f34aab.txt"
    pipeline.run(UP_TO_DEDUPE)
    cluster_id, canonical, *_ = by_path(pipeline)[original]
    assert canonical
    text = (pipeline.seeds / original).read_text(encoding="utf-8")
    longer = text.rstrip() + "本文将持续更新。\n"  # a few characters longer: not more complete
    before = named_copy(pipeline.seeds, original, longer, before=True)
    after = named_copy(pipeline.seeds, original, longer + "更多内容请关注后续报道。\n", before=False)
    pipeline.run(UP_TO_DEDUPE)
    assert identity(pipeline, [original, before, after]) == {
        original: (cluster_id, True), before: (cluster_id, False), after: (cluster_id, False)
    }
    other = (pipeline.seeds / "001_e99457b3a0c3ad21.txt").read_text(encoding="utf-8")
    fuller = named_copy(pipeline.seeds, original, text + "\n" + other[: len(text) // 3], before=True)
    assert len({original, before, after, fuller}) == 4
    pipeline.run(UP_TO_DEDUPE)
    assert identity(pipeline, [original, before, after, fuller]) == {
        original: (cluster_id, False), before: (cluster_id, False), after: (cluster_id, False),
        fuller: (cluster_id, True),
    }
    stored = pipeline.query("select * from duplicates order by doc_id")
    with duckdb.connect(str(pipeline.warehouse)) as con:  # other rules: every document deduplicated again
        rules = replace(dedupe.load_rules(), block_shingles=4096)
        assert deduplicate(con, rules, open_lake(str(pipeline.warehouse)))["rules_changed"] == 1
    assert pipeline.query("select * from duplicates order by doc_id") == stored
    (pipeline.seeds / original).unlink()  # the member naming the cluster leaves: the next-seen one names it
    pipeline.run(UP_TO_DEDUPE)
    pass_two = sorted(by_path(pipeline)[p][4] for p in (before, after))
    assert {by_path(pipeline)[p][0] for p in (before, after, fuller)} == {pass_two[0]}


def test_a_cluster_without_its_canonical_copy_fails_the_check_in_words(pipeline):
    pipeline.run(UP_TO_DEDUPE)
    execute(
        pipeline,
        "update duplicates set is_canonical = false where cluster_id = (select min(cluster_id) from duplicates)",
    )
    result = pipeline.run("duplicates", raise_on_error=False)
    [check] = [c for c in result.get_asset_check_evaluations() if c.check_name.endswith("per_cluster")]
    assert not check.passed
    assert check.description.endswith(
        "1 cluster(s) without exactly one canonical copy, 0 cleaned document(s) missing, 0 row(s) repeated."
    )
