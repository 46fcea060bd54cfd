"""Mojibake repair: GBK bytes read one byte off, UTF-8 read as Windows-1252."""

from __future__ import annotations

import importlib.util
import math
import re
from functools import cache
from pathlib import Path

from zhnews.text import CJK, CJK_RE, t2s_chars

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a '?' standing for a lost byte, maybe with the tail of a pinyin gloss whose '(' went with it, then the
# shifted run of characters (a leading '!' was a full-width '！' whose bytes belong to the run)
_SHIFTED_RE = re.compile(rf"\?(?:[a-zü{_TONE}]{{1,7}}\))?(?P<run>!?[^\x00-\x7f\s]+)(?P<next>[\x40-\x7e]?)")
# a '?' for a lost lead byte whose trail byte reads as an ASCII character, between Chinese characters
_LOST_LEAD_RE = re.compile(f"(?<=[{CJK}])\\?(?P<trail>[\x40-\x7e])(?=[{CJK}])")
_CJK_PUNCT = "，。、；：？！“”‘’「」『』（）《》【】…—"
_RARE = 300  # a character seen fewer times in jieba's dictionary is unusual in running text
_PUNCT_SCORE = 12.0  # Chinese punctuation scores like a very frequent character
_MIN_GAIN = 1.5  # a repair must raise the mean log frequency of the characters at least this much
_MIN_PAIR_FREQ = 100  # a guessed character must make a word this frequent with a neighbour


@cache
def word_freq() -> dict[str, int]:
    """Word frequencies from jieba's dictionary (Simplified), used to judge repairs."""
    spec = importlib.util.find_spec("jieba")
    path = Path(spec.submodule_search_locations[0]) / "dict.txt"
    freq = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split(" ")
        freq[word] = int(count)
    return freq


def _char_score(char: str) -> float:
    """Log frequency of a character; Chinese punctuation counts as frequent, other symbols as rare."""
    if char in _CJK_PUNCT:
        return _PUNCT_SCORE
    return math.log1p(word_freq().get(t2s_chars(char), 0))


def _plausibility(text: str) -> float:
    """Mean character score over the non-ASCII characters (odd, rare characters score low)."""
    scores = [_char_score(c) for c in text if ord(c) > 0x7F]
    return sum(scores) / len(scores) if scores else 0.0


def _guess_lost_char(trail: int, before: str, after: str) -> str:
    """The character whose lead byte was lost, from its trail byte and its neighbours."""
    punct = bytes([0xA1, trail]).decode("gb18030", errors="ignore")
    if punct in _CJK_PUNCT and (after in _CJK_PUNCT or not after):
        return punct
    freq = word_freq()
    best, best_score = "", 0
    for lead in range(0x81, 0xFF):
        try:
            cand = bytes([lead, trail]).decode("gb18030")
        except UnicodeDecodeError:
            continue
        score = freq.get(t2s_chars(before + cand), 0) + freq.get(t2s_chars(cand + after), 0)
        if score > best_score:
            best, best_score = cand, score
    return best or (punct if punct in _CJK_PUNCT else "")


def _decode_shifted(data: bytes, nxt: str) -> tuple[str, str] | None:
    """Decode bytes read one byte late; the next ASCII character may be the last trail byte."""
    for tail, left in ((b"", nxt), (nxt.encode(), "")):
        try:
            return (data + tail).decode("gb18030"), left
        except UnicodeDecodeError:
            continue
    try:  # the run ends on a lead byte whose trail was lost with the next character
        return data[:-1].decode("gb18030"), nxt
    except UnicodeDecodeError:
        return None


def _repair_shift(match: re.Match[str]) -> str:
    """The run re-read one byte earlier, when that makes it ordinary Chinese; else unchanged."""
    run = match["run"]
    widened = "！" + run[1:] if run.startswith("!") else run
    head = widened.lstrip("！")[:3]
    if not head or (widened == run and all(_char_score(c) >= math.log1p(_RARE) for c in head)):
        return match.group()
    try:
        data = widened.encode("gb18030")
    except UnicodeEncodeError:
        return match.group()
    decoded = _decode_shifted(data[1:], match["next"])
    if not decoded or not decoded[0] or _plausibility(decoded[0]) < _plausibility(run) + _MIN_GAIN:
        return match.group()
    before = match.string[match.start() - 1] if match.start() else ""
    return _guess_lost_char(data[0], before, decoded[0][0]) + decoded[0] + decoded[1]


def _repair_lost_lead(match: re.Match[str]) -> str:
    """'?Y' between Chinese characters: the character whose lead byte was lost, if its neighbours say so."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1], text[end]
    guess = _guess_lost_char(ord(match["trail"]), before, after)
    freq = word_freq()
    score = freq.get(t2s_chars(before + guess), 0) + freq.get(t2s_chars(guess + after), 0) if guess else 0
    return guess if score >= _MIN_PAIR_FREQ else match.group()


def repair_shifted_gbk(text: str) -> str:
    """Repair runs garbled by reading GBK bytes one byte off ('因?yàn)楝F' -> '因為現')."""
    if "?" not in text:
        return text
    repaired = _SHIFTED_RE.sub(_repair_shift, text)
    if repaired == text:  # no sign of this garbling: a '?' before a letter is then a real question mark
        return text
    return _LOST_LEAD_RE.sub(_repair_lost_lead, repaired)


# UTF-8 bytes shown as Windows-1252/Latin-1 characters: 'å…¬å¸' for '公司'
_LATIN_MOJIBAKE_RE = re.compile("(?:[\u00e2-\u00ef][\u0080-\u00bf\u0152-\u2122]{2})+")


def _byte_of(char: str) -> bytes:
    """The byte a Windows-1252 reader showed as this character (bytes it leaves undefined pass as is)."""
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1")


def _repair_latin(match: re.Match[str]) -> str:
    run = match.group()
    try:
        fixed = b"".join(map(_byte_of, run)).decode("utf-8")
    except UnicodeError:
        return run
    return fixed if CJK_RE.search(fixed) else run


def repair_latin_mojibake(text: str) -> str:
    """Repair UTF-8 text that was read as Windows-1252 or Latin-1 ('å…¬å¸' -> '公司')."""
    return _LATIN_MOJIBAKE_RE.sub(_repair_latin, text)
