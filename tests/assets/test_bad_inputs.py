"""What real seed folders contain, fed through the real pipeline: nothing crashes, nothing is lost.

One run takes the bundled seeds plus every bad input at once (each input then has its own test of
its fate); inputs that need two runs or a big folder get their own pipeline.
"""

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pytest

import assets
from pipelines.checks import checks
from pipelines.resources import build_resources
from zhnews.shards import refuse_invalid

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = (
    "新华社北京3月8日电 一家科技公司8日宣布完成新一轮融资，金额约为5亿元人民币。\n"
    "公司表示，这笔资金将用于研发和市场拓展，预计明年员工人数将超过2000名。\n"
)
DEFINITIONS = [
    *dg.load_assets_from_package_module(assets),
    *dg.load_asset_checks_from_package_module(assets),
    *checks,
]


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": b"  \n\t\r\n \xe3\x80\x80\n",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
    "archive.txt": b"PK\x03\x04" + bytes(range(256)) * 16,
    "damaged.txt": utf8(ARTICLE) + b"\xff\xfe\xc3" + utf8("第三段：公司创始人表示将继续投入。\n"),
    "bad_yaml.md": utf8("---\ntitle: [unclosed\nsource: 某某网\n---\n" + ARTICLE),
    "yaml_tag.md": utf8("---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n" + ARTICLE),
    "boilerplate.txt": utf8("本文仅代表作者观点，不代表本站立场。\n"),
    "文件夹 一/新闻 稿件.txt": utf8(ARTICLE.replace("科技公司", "新能源公司")),
    "padded.txt": utf8(ARTICLE.replace("科技公司", "物流公司") + " " * 200_000 + "\n" * 100_000 + "完。\n"),
}
# (path, where it must end up, stage of its quarantine row or None, words of the reason)
FATES = [
    ("empty.txt", "quarantine", "ingest", "empty"),
    ("whitespace.txt", "quarantine", "ingest", "empty"),
    ("image.txt", "quarantine", "ingest", "PNG image"),
    ("archive.txt", "quarantine", "ingest", "zip archive"),
    ("damaged.txt", "both", "ingest", "undecodable byte(s) in utf-8 text were replaced"),
    ("bad_yaml.md", "both", "ingest", "front matter is not valid YAML"),
    ("yaml_tag.md", "both", "ingest", "front matter is not valid YAML"),
    ("boilerplate.txt", "quarantine", "clean", "nothing is left after removing boilerplate"),
    ("文件夹 一/新闻 稿件.txt", "documents", None, None),
    ("padded.txt", "documents", None, None),
    ("huge.txt", "quarantine", "ingest", "above the 20 MB limit (ZHNEWS_MAX_FILE_MB)"),
    ("link_out.txt", "quarantine", "ingest", "symbolic link pointing outside the seeds folder; not followed"),
    ("folder_out", "quarantine", "ingest", "symbolic link to a folder outside the seeds folder"),
    ("dangling.txt", "quarantine", "ingest", "symbolic link to a file that does not exist"),
    ("pipe.txt", "quarantine", "ingest", "not a regular file"),
]


def write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def run(seeds: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    return dg.materialize(DEFINITIONS, resources=build_resources(seeds, warehouse), selection="*", raise_on_error=False)


def query(warehouse: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def failed_checks(result: dg.ExecuteInProcessResult) -> dict[str, str]:
    return {
        f"{e.asset_key.to_user_string()}.{e.check_name}": e.description
        for e in result.get_asset_check_evaluations()
        if not e.passed
    }


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> tuple[Path, Path, dg.ExecuteInProcessResult]:
    """The bundled seeds with every bad input beside them, run once: (seeds, warehouse, result)."""
    root = tmp_path_factory.mktemp("bad_inputs")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    write(seeds, BAD_FILES)
    with (seeds / "huge.txt").open("wb") as handle:  # 50 MB, sparse: cheap to make
        handle.truncate(50 * 2**20)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(utf8(ARTICLE))
    os.symlink(outside / "secret.txt", seeds / "link_out.txt")
    os.symlink(outside, seeds / "folder_out")
    os.symlink(seeds / "gone.txt", seeds / "dangling.txt")
    os.mkfifo(seeds / "pipe.txt")
    warehouse = root / "zhnews.duckdb"
    return seeds, warehouse, run(seeds, warehouse)


def test_the_run_succeeds_and_every_check_passes(bad_folder):
    _, _, result = bad_folder
    assert result.success
    assert failed_checks(result) == {}


@pytest.mark.parametrize(("path", "place", "stage", "words"), FATES, ids=[f[0] for f in FATES])
def test_each_bad_input_lands_where_it_should_with_a_reason(bad_folder, path, place, stage, words):
    _, warehouse, _ = bad_folder
    in_documents = bool(query(warehouse, "select 1 from documents where source_path = ?", path))
    reasons = query(warehouse, "select stage, reason from quarantine where source_path = ?", path)
    assert in_documents == (place in ("documents", "both"))
    if stage is None:
        assert reasons == []
    else:
        assert any(s == stage and words in r for s, r in reasons), reasons


def test_the_good_seeds_are_all_taken_in_untouched(bad_folder):
    _, warehouse, _ = bad_folder
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    taken = [r[0] for r in query(warehouse, "select source_path from documents where source_path not like '%/%'")]
    assert set(names) <= set(taken)


def test_the_damaged_file_keeps_its_text_on_both_sides_of_the_bad_bytes(bad_folder):
    _, warehouse, _ = bad_folder
    [(body,)] = query(warehouse, "select body from documents where source_path = 'damaged.txt'")
    assert "完成新一轮融资" in body and "公司创始人表示将继续投入" in body


def test_nothing_outside_the_seeds_folder_is_read(bad_folder):
    _, warehouse, _ = bad_folder
    assert query(warehouse, "select source_path from raw_documents where source_path like '%secret%'") == []


def test_the_huge_file_is_remembered_unread_and_not_read_again(bad_folder):
    _, warehouse, _ = bad_folder
    assert query(warehouse, "select content_hash, doc_id from seed_files where source_path = 'huge.txt'") == [
        ("", None)
    ]


def test_a_second_run_changes_nothing(bad_folder):
    seeds, warehouse, _ = bad_folder
    before = query(warehouse, "select source_path, stage, reason from quarantine order by all")
    documents = query(warehouse, "select doc_id from documents order by all")
    result = run(seeds, warehouse)
    assert result.success and failed_checks(result) == {}
    assert query(warehouse, "select source_path, stage, reason from quarantine order by all") == before
    assert query(warehouse, "select doc_id from documents order by all") == documents


def test_a_file_that_becomes_unreadable_leaves_documents_for_quarantine(tmp_path):
    seeds = tmp_path / "seeds"
    write(seeds, {"a.txt": utf8(ARTICLE), "b.txt": utf8(ARTICLE.replace("科技", "汽车"))})
    warehouse = tmp_path / "zhnews.duckdb"
    assert run(seeds, warehouse).success
    (seeds / "a.txt").unlink()
    os.mkfifo(seeds / "a.txt")  # same name, now a pipe nobody writes to: reading it would block
    result = run(seeds, warehouse)
    assert result.success and failed_checks(result) == {}
    assert query(warehouse, "select source_path from documents") == [("b.txt",)]
    assert query(warehouse, "select stage, reason from quarantine where source_path = 'a.txt'") == [
        ("ingest", "not a regular file (a pipe, socket or device); not read")
    ]
    assert query(
        warehouse, "select count(*) from mentions m left join documents d using (doc_id) where d.doc_id is null"
    ) == [(0,)]


def test_a_rewritten_file_replaces_its_document_everywhere(tmp_path):
    seeds = tmp_path / "seeds"
    write(seeds, {"a.txt": utf8(ARTICLE)})
    warehouse = tmp_path / "zhnews.duckdb"
    assert run(seeds, warehouse).success
    [(old_id,)] = query(warehouse, "select doc_id from documents")
    write(seeds, {"a.txt": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    result = run(seeds, warehouse)
    assert result.success and failed_checks(result) == {}
    assert query(warehouse, "select count(*) from documents") == [(0,)]
    assert query(warehouse, "select count(*) from figures where doc_id = ?", old_id) == [(0,)]
    assert [r[0] for r in query(warehouse, "select stage from quarantine where source_path = 'a.txt'")] == ["ingest"]


@pytest.mark.slow
def test_two_thousand_tiny_files_in_nested_folders(tmp_path):
    seeds = tmp_path / "seeds"
    files = {
        f"{i // 400}/{i // 20 % 20}/快讯 {i}.txt": utf8(
            f"第{i}号快讯：某地今日新开{i % 97 + 3}家门店，客流约{i}人次。\n"
        )
        for i in range(2000)
    }
    write(seeds, files)
    warehouse = tmp_path / "zhnews.duckdb"
    result = run(seeds, warehouse)
    assert result.success and failed_checks(result) == {}
    accounted = query(
        warehouse, "select count(*) from (select source_path from documents union select source_path from quarantine)"
    )
    assert accounted == [(2000,)]


def test_a_decoded_row_that_breaks_the_schema_is_quarantined_not_stored():
    good = {
        "doc_id": "0123456789abcdef",
        "source_path": "good.txt",
        "content_hash": "0" * 32,
        "fmt": "txt",
        "encoding": "utf-8",
        "text": "正文。",
        "meta": "{}",
        "size_bytes": 9,
        "ingested_at": datetime(2024, 1, 1),
        "refusals": "[]",
    }
    bad = {**good, "doc_id": "1123456789abcdef", "source_path": "bad.txt", "fmt": "pdf"}
    checked = refuse_invalid(pd.DataFrame([good, bad]))
    assert checked["doc_id"].isna().tolist() == [False, True]  # the bad file is kept as a file, not a document
    assert checked["text"].isna().tolist() == [False, True]
    [(stage, reason)] = json.loads(checked.at[1, "refusals"])
    assert stage == "ingest" and "breaks the raw_documents schema (fmt: must be one of txt, md, html)" in reason
    assert json.loads(checked.at[0, "refusals"]) == []


def test_the_tables_assets_show_their_column_schema():
    specs = {
        key.to_user_string(): spec
        for a in DEFINITIONS
        if isinstance(a, dg.AssetsDefinition)
        for key, spec in a.specs_by_key.items()
    }
    for table in ("raw_documents", "quarantine"):
        columns = specs[table].metadata["dagster/column_schema"].columns
        assert "source_path" in [c.name for c in columns]
