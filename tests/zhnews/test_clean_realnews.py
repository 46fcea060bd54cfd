"""The cleaning stage never loses the article: every file of ../shared/realnews through clean_document.

The bound comes from the blind gold (tests/fixtures/realnews/gold): across its 44 articles the boilerplate a
careful reader marks is at most 64% of an article's Chinese characters (a finance template page closing with a
list of related headlines); everywhere else at most 28%. So a document of at least MIN_CHINESE Chinese
characters must keep at least MIN_KEPT of them in its body and title; shorter ones (portal teasers, a
headline over a hosting disclaimer) must keep something, their headline at least. No Dagster: the stage
functions alone (about 5 s for the 327 files).
"""

import json
from pathlib import Path

import pytest

from zhnews.clean import clean_document
from zhnews.ingest import parse_seed
from zhnews.text import CJK_RE

ROOT = Path(__file__).resolve().parents[2]
REALNEWS = ROOT.parent / "shared" / "realnews"
GOLD = ROOT / "tests" / "fixtures" / "realnews"
MIN_CHINESE = 100
MIN_KEPT = 0.33  # just below 1 - 0.64, the largest boilerplate share in the gold


def chinese(text: str | None) -> int:
    return len(CJK_RE.findall(text or ""))


@pytest.fixture(scope="module")
def cleaned() -> list[tuple[str, int, int, dict]]:
    """(file, Chinese characters read, Chinese characters kept in body and title, removed) per file."""
    if not REALNEWS.is_dir():
        pytest.skip(f"real news sample not found at {REALNEWS} (../shared is absent)")
    rows = []
    for path in sorted(REALNEWS.glob("*/*")):
        if path.parent.name == "bulk" or not path.is_file():
            continue
        doc = parse_seed(path.name, path.read_bytes()).document
        if doc is None:
            continue
        clean = clean_document(doc)
        rows.append((path.name, chinese(doc.text), chinese(clean.body) + chinese(clean.title), clean.removed))
    return rows


def test_the_bound_sits_below_what_the_gold_calls_boilerplate():
    shares = []
    for path in sorted((GOLD / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = parse_seed(gold["file"], (GOLD / "seeds" / gold["file"]).read_bytes()).document
        read = chinese(raw.text)
        if read >= MIN_CHINESE:
            shares.append(sum(map(chinese, gold["boilerplate"])) / read)
    assert len(shares) >= 30
    assert 1 - max(shares) >= MIN_KEPT


def test_every_real_file_is_read(cleaned):
    assert len(cleaned) >= 300


def test_no_article_loses_more_than_its_boilerplate(cleaned):
    lost = {
        name: f"kept {kept} of {read} ({removed})"
        for name, read, kept, removed in cleaned
        if read >= MIN_CHINESE and kept < MIN_KEPT * read
    }
    assert not lost, lost


def test_every_document_keeps_its_headline_or_some_text(cleaned):
    empty = [name for name, read, kept, _ in cleaned if read and not kept]
    assert not empty
