"""Small shared text helpers: script detection, Simplified conversion, sentence splitting."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc

_OPENCC_DICT = Path(opencc.__file__).parent / "dictionary"

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")

# a sentence ends at 。！？!?；; or …… (with closing quotes/brackets kept in it), or at a line end
_SENTENCE_RE = re.compile(r"[^\n]*?(?:[。！？!?；;]+|……|…|$)[”’」』）)\]】》\"']*", re.M)


def _one_way_chars(filename: str) -> frozenset[str]:
    """Characters an OpenCC character table always maps to something else."""
    chars = set()
    for line in (_OPENCC_DICT / filename).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and key not in values.split():
            chars.add(key)
    return frozenset(chars)


@cache
def traditional_chars() -> frozenset[str]:
    """Characters that only occur in Traditional text (t2s changes them)."""
    return _one_way_chars("TSCharacters.txt")


@cache
def simplified_chars() -> frozenset[str]:
    """Characters that only occur in Simplified text (s2t changes them)."""
    return _one_way_chars("STCharacters.txt")


@cache
def _traditional_re() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(traditional_chars()))) + "]")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def has_traditional(text: str) -> bool:
    """True when the text holds at least one Traditional-only character."""
    return _traditional_re().search(text) is not None


def detect_script(text: str) -> str:
    """'simplified', 'traditional' or 'mixed', from the share of script-specific characters."""
    chars = set(text)
    trad = sum(text.count(c) for c in chars & traditional_chars())
    if not trad:
        return "simplified"
    simp = sum(text.count(c) for c in chars & simplified_chars())
    share = trad / (trad + simp)
    if share >= 0.9:
        return "traditional"
    return "simplified" if share <= 0.02 else "mixed"


def to_simplified(text: str) -> str:
    """Convert to Simplified with OpenCC t2s, touching only the lines that need it."""
    if not has_traditional(text):
        return text
    lines = text.split("\n")
    return "\n".join(_t2s().convert(line) if has_traditional(line) else line for line in lines)


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in the text."""
    return len(CJK_RE.findall(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as (start, end) character offsets; spans never cross a line break."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
