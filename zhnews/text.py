"""Small shared text helpers: script detection, Simplified conversion, sentence splitting."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc

from zhnews.yaml_rules import read_yaml

_OPENCC_DICT = Path(opencc.__file__).parent / "dictionary"
SCRIPT_RULES_PATH = Path(__file__).parent / "rules" / "clean_script.yaml"

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")

# a sentence ends at 。！？!?；; or …… (with closing quotes/brackets kept in it), or at a line end
_SENTENCE_RE = re.compile(r"[^\n]*?(?:[。！？!?；;]+|……|…|$)[”’」』）)\]】》\"']*", re.M)


_FEW = 3  # fewer script-specific characters than this are strays (a surname 於, a quoted name)
_MINORITY = 0.1  # a script with a smaller share than this is strays in the other script


def _char_table(filename: str) -> dict[str, list[str]]:
    """An OpenCC character table: character -> its conversions, the preferred one first."""
    table = {}
    for line in (_OPENCC_DICT / filename).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values:
            table[key] = values.split()
    return table


@cache
def t2s_char_map() -> dict[str, str]:
    """Character-level Traditional -> Simplified mapping (OpenCC t2s's choice without phrase context)."""
    return {key: values[0] for key, values in _char_table("TSCharacters.txt").items()}


@cache
def traditional_chars() -> frozenset[str]:
    """Characters OpenCC t2s changes (without phrase context): a line holding one needs converting."""
    return frozenset(k for k, v in t2s_char_map().items() if v != k)


@cache
def _script_markers() -> tuple[frozenset[str], frozenset[str]]:
    """Characters only one script uses (Traditional-only, Simplified-only): 臺 marks Traditional, 台 neither."""
    trad = frozenset(k for k, v in _char_table("TSCharacters.txt").items() if k not in v)
    simp = frozenset(k for k, v in _char_table("STCharacters.txt").items() if k not in v)
    return trad, simp


@cache
def _t2s_phrase_table() -> dict[str, str]:
    """t2s's phrase table: phrases converted differently from character by character."""
    lines = (_OPENCC_DICT / "TSPhrases.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t")[:2] for line in lines if "\t" in line)


@cache
def _t2s_phrases() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_t2s_phrase_table(), key=len, reverse=True))))


@cache
def _phrase_only_chars() -> frozenset[str]:
    """Characters t2s changes only inside a phrase (反覆 -> 反复, 沈默 -> 沉默)."""
    changed = {key: values.split()[0] for key, values in _t2s_phrase_table().items()}
    pairs = (zip(key, value, strict=True) for key, value in changed.items() if len(key) == len(value))
    return frozenset(a for pair in pairs for a, b in pair if a != b) - traditional_chars()


@cache
def _t2s_table() -> dict[int, str]:
    return {ord(k): v for k, v in t2s_char_map().items() if v != k}


def t2s_chars(text: str) -> str:
    """Character-by-character Simplified form (t2s without its phrase table)."""
    return text.translate(_t2s_table())


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def has_traditional(text: str) -> bool:
    """True when the text holds at least one Traditional-only character."""
    return not traditional_chars().isdisjoint(text)


def _needs_t2s(text: str) -> bool:
    """True when t2s could change the text: a Traditional character, or one of its phrases."""
    if has_traditional(text):
        return True
    return not _phrase_only_chars().isdisjoint(text) and _t2s_phrases().search(text) is not None


def detect_script(text: str) -> str:
    """'simplified', 'traditional' or 'mixed', from the share of script-specific characters."""
    trad_only, simp_only = _script_markers()
    if trad_only.isdisjoint(text):  # most news: no Traditional-only character, nothing to count
        return "simplified"
    chars = set(text)
    trad = sum(text.count(c) for c in chars & trad_only)
    if trad < _FEW:
        return "simplified"
    simp = sum(text.count(c) for c in chars & simp_only)
    share = trad / (trad + simp)
    if share < _MINORITY:
        return "simplified"
    return "traditional" if simp < _FEW or share > 1 - _MINORITY else "mixed"


def to_simplified(text: str) -> str:
    """Convert to Simplified as OpenCC t2s does, touching only the lines that need it.

    A line without any of t2s's few phrase entries converts character by character (same result,
    an order of magnitude faster); only lines holding such a phrase go through OpenCC itself.
    """
    if not _needs_t2s(text):
        return text
    return "\n".join(_line_to_simplified(line) for line in text.split("\n"))


def _line_to_simplified(line: str) -> str:
    if not _needs_t2s(line):
        return line
    line = _t2s().convert(line) if _t2s_phrases().search(line) else t2s_chars(line)
    return _zhu_words_re().sub(_particle_zhe, line) if "著" in line else line


@cache
def _zhu_words_re() -> re.Pattern[str]:
    """著 alone or inside one of the words where it stays 著 (longest words first)."""
    words = read_yaml(SCRIPT_RULES_PATH)["zhu_words"]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) + "|著")


def _particle_zhe(match: re.Match[str]) -> str:
    """A lone 著 in converted text is the particle 着; 著 inside 著名, 显著 ... stays."""
    return "着" if match.group() == "著" else match.group()


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
