"""Mojibake repair: GBK bytes read one byte off, UTF-8 read as Windows-1252."""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Callable
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
# GBK's user-defined areas (AAA1-AFFE, F8A1-FEFE, A140-A7A0) as (lead bytes, trail bytes): a garbling page shows
# them as nothing, so a run read one byte off loses the two bytes that fell on one (a trail, then the next lead)
_USER_DEFINED_AREAS = (((0xAA, 0xB0), (0xA1, 0xFF)), ((0xF8, 0xFF), (0xA1, 0xFF)), ((0xA1, 0xA8), (0x40, 0xA1)))
_MAX_DROPPED = 3  # dropped pairs put back per run at most
_PAIR_SEARCHES = 200  # characters of a text searched for a dropped pair at most (~10 ms each): a bound per document
_MIN_LOG_GAIN = 5.0  # a pair is put back where the text around it, two characters longer, is this much likelier
_MAX_WORD = 4  # longest word looked up when judging a repair
_MIN_GUESS_MARGIN = 2.0  # a guessed character must read this much likelier (log) than the next best
_COMMON_ALONE = 5000  # a character this frequent as a word of its own is no sign of a dropped pair
_CONTEXT = 4  # characters each side of a repair that judge it
# after a run ending on a lead byte: the '?' its lost trail byte left with the '(' of a pinyin gloss, and the gloss
# (a bare '?' there is as often a lost comma or bracket as a character: it stays)
_LOST_TRAIL_RE = re.compile(rf"\?[a-zü{_TONE}]{{1,7}}\)")


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
        cand = _decode(bytes([lead, trail]))
        if cand is None:
            continue
        score = freq.get(t2s_chars(before + cand), 0) + freq.get(t2s_chars(cand + after), 0)
        if score > best_score:
            best, best_score = cand, score
    return best or (punct if punct in _CJK_PUNCT else "")


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None


@cache
def _log_total() -> float:
    return math.log(sum(word_freq().values()))


def _best_split(text: str) -> tuple[float, list[str]]:
    """The likeliest split of the text into jieba's words (an unknown character is a word) and its log-probability."""
    chars, freq = t2s_chars(text), word_freq()
    best: list[tuple[float, int]] = [(0.0, 0)] + [(-math.inf, 0)] * len(chars)
    for i in range(len(chars)):
        for j in range(i + 1, min(len(chars), i + _MAX_WORD) + 1):
            count = freq.get(chars[i:j], 0)
            score = best[i][0] + math.log(count or 1) - _log_total()
            if (count or j == i + 1) and score > best[j][0]:
                best[j] = (score, i)
    words, j = [], len(chars)
    while j:
        words.append(chars[best[j][1] : j])
        j = best[j][1]
    return best[-1][0], words[::-1]


def _log_likelihood(text: str) -> float:
    return _best_split(text)[0]


def _odd_characters(text: str) -> list[int]:
    """Indices of the characters that stand alone in the text's likeliest split and are uncommon alone: where a
    dropped pair turned two characters into one."""
    freq, odd, pos = word_freq(), [], 0
    for word in _best_split(text)[1]:
        if len(word) == 1 and CJK_RE.match(word) and freq.get(word, 0) < _COMMON_ALONE:
            odd.append(pos)
        pos += len(word)
    return odd


@cache
def _completions(byte: int, as_lead: bool) -> dict[int, tuple[str, str]]:
    """The characters (and their Simplified forms) `byte` makes with each byte a user-defined pair can start with
    after it (`as_lead`) or end with before it."""
    areas = (leads if as_lead else trails for leads, trails in _USER_DEFINED_AREAS)
    pairs = ((b, bytes([byte, b]) if as_lead else bytes([b, byte])) for span in areas for b in range(*span))
    return {b: (char, t2s_chars(char)) for b, data in pairs if (char := _decode(data)) and CJK_RE.match(char)}


def _best_insertion(aligned: bytes, at: int, before: str, after: Callable[[str], str]) -> tuple[float, bytes]:
    """The user-defined pair that, put back at byte `at`, makes the text around it likeliest, and how much likelier;
    `after(last)` is the text after the run when its last character is `last`."""
    head, tail, plain = _decode(aligned[: at - 1]), _decode(aligned[at + 1 :]), _decode(aligned[at - 1 : at + 1])
    if head is None or tail is None or not plain:
        return -math.inf, b""
    left = (before + head)[-_CONTEXT:]

    def right(char: str) -> str:
        return (tail + after(tail[-1:] or char))[:_CONTEXT]

    freq, best, best_pair = word_freq(), -math.inf, b""
    inners, outers = _completions(aligned[at - 1], as_lead=True), _completions(aligned[at], as_lead=False)
    left_char = t2s_chars(left[-1:])
    for leads, trails in _USER_DEFINED_AREAS:
        for lead in range(*leads):
            inner, inner_s = inners.get(lead, ("", ""))
            after_left = inner and freq.get(left_char + inner_s, 0)
            for trail in range(*trails):
                outer, outer_s = outers.get(trail, ("", ""))
                if not inner or not outer:
                    continue
                following = right(outer)
                if not (after_left or freq.get(inner_s + outer_s) or freq.get(outer_s + t2s_chars(following[:1]))):
                    continue  # no word with a neighbour: no likelier reading
                score = _log_likelihood(left + inner + outer + following)
                if score > best:
                    best, best_pair = score, bytes([lead, trail])
    return best - _log_likelihood(left + plain + right(plain)), best_pair


def _restore_dropped_pairs(
    aligned: bytes, before: str, after: Callable[[str], str], searches: int
) -> tuple[bytes, int]:
    """Put back, where the text reads likelier for it, the user-defined pairs a garbled page dropped, looking at most
    `searches` characters; the bytes and the searches left."""
    for _ in range(_MAX_DROPPED):
        offsets = _suspect_offsets(aligned)[:searches]
        searches -= len(offsets)
        gain, pair, at = max(
            ((*_best_insertion(aligned, at, before, after), at) for at in offsets), default=(0, b"", 0)
        )
        if gain < _MIN_LOG_GAIN:
            break
        aligned = aligned[:at] + pair + aligned[at:]
    return aligned, searches


def _suspect_offsets(aligned: bytes) -> list[int]:
    """Byte offsets inside the odd characters of the run: where a dropped pair may be put back."""
    return [2 * i + 1 for i in _odd_characters(_decode(aligned) or "")]


def _guess_lost_trail(lead: int, before: str, after: str) -> str:
    """The character whose trail byte was lost (shown as '?'), from its lead byte and the text around it: of those
    making a word with a neighbour, the likeliest reading; '' when none does or two read about as well."""
    freq, near_before, near_after = word_freq(), t2s_chars(before[-1:]), t2s_chars(after[:1])
    chars = (char for trail in range(0x40, 0xFF) if (char := _decode(bytes([lead, trail]))) and CJK_RE.match(char))
    words = [
        char
        for char in chars
        if max(freq.get(w, 0) for w in (near_before + t2s_chars(char), t2s_chars(char) + near_after)) >= _MIN_PAIR_FREQ
        or freq.get(near_before + t2s_chars(char) + near_after, 0)
    ]
    ranked = sorted(((_log_likelihood(before + char + after), char) for char in words), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _MIN_GUESS_MARGIN):
        return ""  # no reading, or no clear one: the '?' stays
    return ranked[0][1]


def _repair_shift(match: re.Match[str], searches: int) -> tuple[str, int, int]:
    """The run re-read one byte earlier, when that makes it ordinary Chinese, where the repair ends, and the searches
    for dropped pairs left."""
    text, run, unchanged = match.string, match["run"], (match.group(), match.end(), searches)
    widened = "！" + run[1:] if run.startswith("!") else run
    head = widened.lstrip("！")[:3]
    if not head or (widened == run and all(_char_score(c) >= math.log1p(_RARE) for c in head)):
        return unchanged
    try:
        data = widened.encode("gb18030")
    except UnicodeEncodeError:
        return unchanged
    aligned, left = data[1:], match["next"]
    if len(aligned) % 2 and left and _decode(aligned + left.encode()):  # the next ASCII character was a trail byte
        aligned, left = aligned + left.encode(), ""
    dangling = aligned[-1:] if len(aligned) % 2 else b""  # a lead byte whose trail was lost with the next character
    aligned = aligned[: len(aligned) - len(dangling)]
    decoded = _decode(aligned)
    if not decoded or _plausibility(decoded) < _plausibility(run) + _MIN_GAIN:
        return unchanged
    before = text[match.start() - 1] if match.start() else ""
    lost_trail = _LOST_TRAIL_RE.match(text, match.end()) if dangling and not left else None
    following = left + text[lost_trail.end() if lost_trail else match.end() :][:_CONTEXT]

    @cache
    def after(last: str) -> str:  # with the character whose trail byte was lost, guessed from the run's last one
        return (_guess_lost_trail(dangling[0], last, following) if lost_trail else "") + following

    aligned, searches = _restore_dropped_pairs(aligned, before, after, searches)
    decoded = _decode(aligned)
    lost = after(decoded[-1]).removesuffix(following)
    end = lost_trail.end() if lost else match.end()  # a '?' left unguessed stays
    return _guess_lost_char(data[0], before, decoded[0]) + decoded + lost + left, end, searches


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
    parts, pos, searches = [], 0, _PAIR_SEARCHES
    while match := _SHIFTED_RE.search(text, pos):
        repair, end, searches = _repair_shift(match, searches)
        parts += [text[pos : match.start()], repair]
        pos = end
    repaired = "".join(parts) + text[pos:]
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
