"""Places the lexicon does not hold: foreign states (某某州) and administrative places (某某市, 某县)."""

from __future__ import annotations

import re
from dataclasses import replace

from zhnews.entities.base import CJK, Candidate, cues, phrase_like
from zhnews.entities.segment import (
    COMMON_WORD_FREQ,
    PROPER_TAGS,
    RARE_WORD_FREQ,
    STOP_TAGS,
    pos_tokenizer,
    pos_tokens,
    word_freq,
)

ADMIN_ENDS = tuple("市县镇乡区省州")  # a known name that already ends with a unit takes no second one
COUNTY_ENDS = tuple("市县区")  # units a township's address follows
TOWNSHIP = re.compile(f"[{CJK}]{{2}}[镇乡]")  # 小榄镇, 芦岗乡
VILLAGE = re.compile(f"[{CJK}]{{2}}村")  # 王营村, after its township


def state_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Foreign states: a transliterated name and 州 (得克萨斯州)."""
    return [
        Candidate(doc_id, m.group(), m.start(), m.end(), "PLACE", 2.5, "translit_state")
        for m in cues().state.finditer(body)
    ]


QUANTIFIERS = "各每该此某"  # 各县市, 该县: a phrase over places, not one (本 and 全 open places: 本溪市, 全州县)


def _admin_place(body: str, unit_end: int) -> int | None:
    """Start of the longest dictionary place (jieba `ns`) ending at `unit_end` that jieba also cuts as a word in
    its context (not 社会中 + 县团级), if any, and no phrase over places (各县市: jieba's dictionary holds it; see
    `admin_units`)."""
    tags = pos_tokenizer().word_tag_tab
    for length in (5, 4, 3, 2):
        start = unit_end - length
        word = body[max(0, start) : unit_end]
        if len(word) == length and tags.get(word) == "ns" and (length > 2 or word.endswith("县")):
            if word[0] in QUANTIFIERS:
                return None
            context = max(0, start - 4)
            cut = pos_tokens(body[context : unit_end + 2], context)
            return start if any(w == word and pos == start for w, _, pos in cut) else None
    return None


def with_admin_places(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates and administrative places (中山市, 珙县) where no candidate is: see `admin_units`."""
    pattern = cues().admin_unit
    covered = bytearray(len(body) + 1)
    for c in cands:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    out = list(cands)
    for match in pattern.finditer(body):
        start = _admin_place(body, match.end())
        if start is not None and not any(covered[start : match.end()]):
            covered[start : match.end()] = b"\x01" * (match.end() - start)
            out.append(Candidate(doc_id, body[start : match.end()], start, match.end(), "PLACE", 1.5, "admin_place"))
    return out


def with_unit_names(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known place and its administrative unit right after it (高雄 + 县, 北京 + 市: see `admin_units`) is the
    place's full name: the mention spans both and is linked to the known short name, which is the entity."""
    pattern = cues().admin_unit
    out = []
    for c in cands:
        unit = pattern.match(body, c.end) if c.rule == "lexicon" and c.type == "PLACE" else None
        if unit and not c.surface.endswith(ADMIN_ENDS):
            c = replace(c, surface=body[c.start : unit.end()], end=unit.end(), link=c.surface, link_scope="doc")
        out.append(c)
    return out


def address_parts(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """An address's township and village right after its city or county (中山市 + 小榄镇, 上蔡县 + 芦岗乡 + 王营村,
    高雄县 + 鸟松乡): two characters and the unit are a place where jieba cuts them so and they are no common word
    (not 城乡, 下乡, 返乡, 所有 + 乡)."""
    out = list(cands)
    for c in cands:
        end = c.end + 1 if c.type == "PLACE" and body[c.end : c.end + 1] in COUNTY_ENDS else c.end
        if c.type != "PLACE" or not body[c.start : end].endswith(COUNTY_ENDS):
            continue
        town = TOWNSHIP.match(body, end)
        if not town or not _plain_unit_name(body, town.start(), town.end()):
            continue
        out.append(Candidate(doc_id, town.group(), town.start(), town.end(), "PLACE", 2.0, "address_part"))
        village = VILLAGE.match(body, town.end())
        if village and _plain_unit_name(body, village.start(), village.end()):
            out.append(Candidate(doc_id, village.group(), village.start(), village.end(), "PLACE", 2.0, "address_part"))
    return out


def _plain_unit_name(body: str, start: int, end: int) -> bool:
    """Two characters and a unit that jieba cuts before the unit, with no function word, verb or common word."""
    name = body[start : end - 1]
    if phrase_like(name) or max(word_freq(name), word_freq(body[start:end])) >= COMMON_WORD_FREQ:  # 部分 + 乡
        return False
    tokens = pos_tokens(body[start : end + 1], start)
    bounds = {pos for _, _, pos in tokens}
    return end - 1 in bounds and not any(pos < end - 1 and f.startswith(STOP_TAGS) for _, f, pos in tokens)


def places_after_places(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """A rare dictionary place right after a known one and before a list's or clause's end is a place of its own
    (安徽 + 淮南、, 海南 + 昌江等, 四川 + 巴中，): reports name a city or county after its province with nothing
    between; two to four characters jieba cuts as one place word (`ns`) after the known one, where no candidate
    starts."""
    starts = {c.start for c in cands}
    ends, tags = cues().place_list_ends, pos_tokenizer().word_tag_tab
    out = list(cands)
    for c in cands:
        if c.rule != "lexicon" or c.type != "PLACE" or c.end in starts:
            continue
        spans = ((c.end, c.end + k) for k in (2, 3, 4))
        if not any(tags.get(body[a:b]) == "ns" and body[b : b + 1] in ends for a, b in spans):
            continue  # no dictionary place before a list's or clause's end: jieba is not asked
        tokens = pos_tokens(body[c.start : c.end + 5], c.start)
        if len(tokens) < 2 or tokens[0][0] != c.surface:  # 巴西 + 利亚: one word, 巴西利亚
            continue
        word, flag, _ = tokens[1]
        listed = body[c.end + len(word) : c.end + len(word) + 1] in ends
        if flag == "ns" and listed and re.fullmatch(f"[{CJK}]{{2,4}}", word) and word_freq(word) < RARE_WORD_FREQ:
            out.append(Candidate(doc_id, word, c.end, c.end + len(word), "PLACE", 2.0, "place_after_place"))
    return out


def without_place_parts(cands: list[Candidate]) -> list[Candidate]:
    """Places read with a part or side after them are the place before it (黄尾屿 + 西北, 耶路撒冷 + 老城), none where
    that is a common word (偏远 + 地区): see `place_part_ends`."""
    out = []
    for c in cands:
        left = _without_parts(c.surface) if c.type == "PLACE" else c.surface
        if left == c.surface:
            out.append(c)
        elif not (phrase_like(left) or _common_word(left)):
            out.append(replace(c, surface=left, end=c.start + len(left)))
    return out


def _without_parts(surface: str) -> str:
    """The surface without the parts at its end (加沙城 + 南部 + 地区), as long as two characters are left."""
    ends = cues().place_part_ends
    while surface.endswith(ends):
        left = surface[: -len(next(p for p in ends if surface.endswith(p)))]
        if len(left) < 2:
            return surface
        surface = left
    return surface


def _common_word(text: str) -> bool:
    """A frequent dictionary word that is no proper noun (偏远, 周边; not 加勒比, 东北): see `COMMON_WORD_FREQ`."""
    proper = pos_tokenizer().word_tag_tab.get(text, "").startswith(PROPER_TAGS)
    return word_freq(text) >= COMMON_WORD_FREQ and not proper
