"""Small shared text helpers: script detection, Simplified conversion, mojibake repair, sentence splitting."""

from __future__ import annotations

import importlib.util
import math
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
