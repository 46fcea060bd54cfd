"""bench.score_realnews: the measures per source and per list of picks."""

from pathlib import Path

from bench.score_realnews import MEASURES, by_list, table

KEYS = {key for keys in MEASURES.values() for key in keys}


def row(source: str, value: float) -> dict:
    return {key: value for key in KEYS} | {"source": source}


def test_each_list_of_picks_gets_its_articles_mean_and_a_list_not_all_scored_none(tmp_path: Path):
    (tmp_path / "session8.txt").write_text("a.txt\nb.txt\n", encoding="utf-8")
    (tmp_path / "session11.txt").write_text("c.txt\n", encoding="utf-8")
    (tmp_path / "session12.txt").write_text("c.txt\nz.txt\n", encoding="utf-8")  # z.txt has no gold here
    report = {"a.txt": row("s1", 1.0), "b.txt": row("s2", 0.5), "c.txt": row("s1", 0.0)}
    lists = by_list(report, tmp_path)
    assert list(lists) == ["session8.txt", "session11.txt"]
    assert (lists["session8.txt"]["docs"], lists["session8.txt"]["ent P"]) == (2, 0.75)
    assert table(lists, label="list").splitlines()[0].startswith("list ")
