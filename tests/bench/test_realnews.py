"""bench.realnews: a seeds folder from JSONL dumps, one file per record, deterministic names."""

import json
from pathlib import Path

import pytest

from bench.realnews import file_name, write_seeds


def dump(folder: Path, source: str, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": f"src:{i:04x}/x", "title": f"标题{i}", "text": f"正文{i}。"} for i in range(n)]
    (folder / f"{source}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def test_every_record_becomes_one_file_of_title_blank_line_and_text(tmp_path: Path):
    dump(tmp_path / "bulk", "a_source", 3)
    paths = write_seeds(tmp_path / "seeds", tmp_path / "bulk")
    assert [p.relative_to(tmp_path / "seeds").as_posix() for p in paths] == [
        "a_source/src_0000_x.txt",
        "a_source/src_0001_x.txt",
        "a_source/src_0002_x.txt",
    ]
    assert paths[1].read_text(encoding="utf-8") == "标题1\n\n正文1。"
    assert file_name("b", "id:1") == "b/id_1.txt"


def test_a_slice_takes_every_nth_record_of_each_source(tmp_path: Path):
    dump(tmp_path / "bulk", "one", 7)
    dump(tmp_path / "bulk", "two", 5)
    paths = write_seeds(tmp_path / "seeds", tmp_path / "bulk", every=3, offset=1)
    assert [p.name for p in paths] == ["src_0001_x.txt", "src_0004_x.txt", "src_0001_x.txt", "src_0004_x.txt"]


def test_writing_again_leaves_unchanged_files_untouched(tmp_path: Path):
    dump(tmp_path / "bulk", "s", 2)
    first = write_seeds(tmp_path / "seeds", tmp_path / "bulk")
    mtimes = [p.stat().st_mtime_ns for p in first]
    assert [p.stat().st_mtime_ns for p in write_seeds(tmp_path / "seeds", tmp_path / "bulk")] == mtimes


def test_a_folder_without_dumps_is_refused_with_a_reason(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no real news dumps"):
        write_seeds(tmp_path / "seeds", tmp_path / "nothing")
