"""Enumerations: names listed with 、 take the kind their typed items agree on, or the kind of the head after 等."""

from __future__ import annotations

import re
from collections import Counter

from zhnews.entities.base import CJK, Candidate, cues, phrase_like
from zhnews.entities.people import is_chinese_name
from zhnews.entities.segment import (
    COMMON_WORD_FREQ,
    PROPER_TAGS,
    RARE_WORD_FREQ,
    STOP_TAGS,
    pos_tokens,
    word_freq,
    word_tag,
)

# a list: items of one to twelve characters with no clause punctuation, joined by 、; found from the separators
ITEM = r"[^、，。；！？：,;!?:\n“”\"「」『』（）()《》\s]"
ITEM_AFTER = re.compile(rf"{ITEM}{{1,12}}")
ITEM_BEFORE = re.compile(rf"{ITEM}{{1,12}}$")
SEPARATOR = re.compile("、")
CONJUNCTION = re.compile("[和及与]")
NAME_TEXT = re.compile(rf"[{CJK}·]{{2,8}}|[A-Za-z][A-Za-z0-9 .&'-]{{1,20}}")
LIST_WEIGHT = 1.5
# a count of people right after a list (任某、潘某、陈某四位发起人, 三名学生): 位 and 名 count persons only
PERSON_COUNT = re.compile("[两二三四五六七八九十几0-9]+[位名]")


DICTIONARY_KINDS = {"nr": "PERSON", "nrt": "PERSON", "nrfg": "PERSON", "ns": "PLACE"}


def list_items(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates and, where none is, the untyped items of enumerations whose kind is known (see `list_heads`)."""
    covered = bytearray(len(body) + 1)
    for c in cands:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    typed: dict[str, set[str]] = {}  # surface -> the types its candidates give it anywhere in the document
    for c in cands:
        if c.weight >= LIST_WEIGHT or c.rule == "unknown_name":  # 石某某、吉某某、肖某: unknown names type a list
            typed.setdefault(c.surface, set()).add(c.type)
    out = list(cands)
    for start, end in _enumerations(body):
        typed = _with_dictionary_names(body[start:end], typed)
        if not _may_be_typed(body[start:end], typed):
            continue  # most lists hold no known name and no head: no segmentation for them
        spans = _items(body, start, end)
        items = [body[s:e] for s, e in spans]
        etype = _list_type(body, spans, typed)
        if etype is None or not all(item in typed or _name_like(item, etype) for item in items):
            continue
        for start, end in spans:
            if not any(covered[start:end]):
                covered[start:end] = b"\x01" * (end - start)
                out.append(Candidate(doc_id, body[start:end], start, end, etype, LIST_WEIGHT, "list_item"))
    return out


def _with_dictionary_names(text: str, typed: dict[str, set[str]]) -> dict[str, set[str]]:
    """`typed` and, for a list with no typed item in the middle, its middle items that are rare jieba dictionary
    names of people or places (牛顿、达尔文、狄更斯: an essay's list of famous people; 利物浦、谢菲尔德): they type
    the list as typed names do."""
    middle = text.split("、")[1:-1]
    if any(part in typed for part in middle):
        return typed
    found = {}
    for part in middle:
        kind = DICTIONARY_KINDS.get(word_tag(part))
        if kind and len(part) >= 2 and word_freq(part) < RARE_WORD_FREQ and _reads_as(part, kind):
            found[part] = {kind}
    return typed | found if found else typed


def _reads_as(part: str, kind: str) -> bool:
    """A dictionary name of a person is no abstract noun (jieba's dictionary tags 幸福感 and 安全感 as names too: see
    `abstract_noun_ends`)."""
    return kind != "PERSON" or len(part) < 3 or not part.endswith(cues().abstract_noun_ends)


def _may_be_typed(text: str, typed: dict[str, set[str]]) -> bool:
    """Cheap test before segmenting a list: a head after 等 in its last part, or a typed name as a middle item, at
    the end of its first part or at the start of its last."""
    parts = text.split("、")
    if cues().list_head.search(parts[-1]) or PERSON_COUNT.search(parts[-1]):
        return True
    ends = [parts[0][-n:] for n in range(2, 9)] + [parts[-1][:n] for n in range(2, 9)]
    return any(part in typed for part in parts[1:-1] + ends)


def _enumerations(body: str) -> list[tuple[int, int]]:
    """(start, end) of every run of items joined by 、, each item one to twelve characters long."""
    runs: list[tuple[int, int]] = []
    for sep in SEPARATOR.finditer(body):
        before = ITEM_BEFORE.search(body, max(0, sep.start() - 12), sep.start())
        after = ITEM_AFTER.match(body, sep.end())
        if not before or not after:
            continue
        if runs and runs[-1][1] == sep.start():
            runs[-1] = (runs[-1][0], after.end())
        else:
            runs.append((before.start(), after.end()))
    return runs


def _items(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of a list's items: the first cut after the clause's last verb, function word or list head (控制 + 某某,
    法学家 + 某某), the last cut before one (某某 + 等, 某某 + 相关) or before a count of people (某某 + 四位), a
    conjunction before the last splitting it (A、B和C)."""
    bounds, pos = [], start
    for part in body[start:end].split("、"):
        bounds.append((pos, pos + len(part)))
        pos += len(part) + 1
    first_start, first_end = bounds[0]
    tokens = pos_tokens(body[first_start:first_end], first_start)
    heads = cues().list_heads  # a head noun before the first item introduces it (法学家 + 某某、某某等多位法学家)
    stops = [i for i, (word, flag, _) in enumerate(tokens) if flag.startswith(STOP_TAGS) or word in heads]
    if stops:
        after = stops[-1] + 1
        bounds[0] = (tokens[after][2], first_end) if after < len(tokens) else (first_end, first_end)
    last_start, last_end = bounds[-1]
    joined = CONJUNCTION.search(body, last_start + 2, last_end)
    if joined:
        bounds[-1:] = [(last_start, joined.start()), (joined.end(), last_end)]
        last_start = joined.end()
    count = PERSON_COUNT.search(body, last_start + 2, last_end)  # 刘某 + 四位: the count ends the name
    tokens = pos_tokens(body[last_start : count.start() if count else last_end], last_start)
    stop = next((start for i, (_, flag, start) in enumerate(tokens) if i and flag.startswith(STOP_TAGS)), last_end)
    bounds[-1] = (last_start, count.start() if count else stop)
    return [(s, e) for s, e in bounds if e > s]


def _list_type(body: str, spans: list[tuple[int, int]], typed: dict[str, set[str]]) -> str | None:
    """The kind named by a head after 等 right after the list, or by a count of people (四位), else the kind most of
    its typed items have."""
    items = [body[s:e] for s, e in spans]
    if len(items) < 2:
        return None
    pattern, heads = cues().list_head, cues().list_heads
    head = pattern.match(body, spans[-1][1])
    if head:
        return heads[head.group(1)]
    if PERSON_COUNT.match(body, spans[-1][1]):
        return "PERSON"
    votes = Counter(etype for item in items for etype in typed.get(item, ()))
    ranked = votes.most_common(2)
    return ranked[0][0] if ranked and 2 * ranked[0][1] > sum(votes.values()) else None


def _name_like(text: str, etype: str) -> bool:
    """An item reads as a name of this kind: a short Chinese or Latin name and no common word; a person two to four
    characters with no function word (numerals allowed: 某宗三), other kinds no phrase."""
    common = word_freq(text) >= COMMON_WORD_FREQ and not word_tag(text).startswith(PROPER_TAGS)
    if not NAME_TEXT.fullmatch(text) or common or word_freq(text) >= RARE_WORD_FREQ:
        return False
    if etype == "PERSON":
        if word_freq(text) and not word_tag(text).startswith(PROPER_TAGS):
            return False  # a dictionary word of another kind (夏收、夏种、夏管: 夏种 is a season's work)
        short = len(text) <= 4 and not any(ch in cues().name_breakers for ch in text)
        return is_chinese_name(text) or short or "·" in text or text[0].isascii()
    return not phrase_like(text) and (len(text) <= 6 or text[0].isascii())
