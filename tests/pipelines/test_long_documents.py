"""Long single documents next to the seeds go through every stage: no stage's cost grows with the square
of a document's length (the benchmark `bench/long_document.py` measures how it grows, up to 16 MB). Sizes here
are what the assertions need, kept small for the suite's time: a 1 MB single line (a regex that backtracks across
a line, or work quadratic in it, would not finish) and 4 MB in 4,000 paragraphs."""


import pytest

from bench.long_document import long_article

pytestmark = pytest.mark.slow

SENTENCE = "小米公司去年营收达到2000亿元，同比增长12%。"  # a plain sentence with a figure and a name


def test_a_1_mb_one_line_and_a_4_mb_many_paragraph_article_complete(pipeline):
    repeats = 1_000_000 // len(SENTENCE.encode())
    (pipeline.seeds / "one_line.txt").write_text(SENTENCE * repeats, encoding="utf-8")
    (pipeline.seeds / "paragraphs.txt").write_text(long_article(4, one_line=False), encoding="utf-8")
    result = pipeline.run()
    assert all(check.passed for check in result.get_asset_check_evaluations())  # nothing_silently_lost too
    files = {p.name for p in pipeline.seeds.iterdir()}
    kept = dict(pipeline.query("select source_path, doc_id from documents"))
    refused = {r[0] for r in pipeline.query("select source_path from quarantine")}
    assert files <= set(kept) | refused
    assert {"one_line.txt", "paragraphs.txt"} <= set(kept) - refused
    [(money, mentions)] = pipeline.query(
        "select (select count(*) from figures where doc_id = ? and kind = 'money'),"
        " (select count(*) from mentions where doc_id = ?)",
        kept["one_line.txt"],
        kept["one_line.txt"],
    )
    assert money == repeats  # one amount per sentence, none lost on a 1 MB line
    assert mentions >= repeats
    [(paragraphs, figures)] = pipeline.query(
        "select length(body) - length(replace(body, chr(10), '')) + 1,"
        " (select count(*) from figures f where f.doc_id = d.doc_id) from documents d where source_path = ?",
        "paragraphs.txt",
    )
    assert paragraphs > 2_500 and figures > 25_000
