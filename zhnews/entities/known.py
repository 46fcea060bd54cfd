"""Names of the bundled lexicon in Chinese script, and longer names built on them (known name + head noun)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from zhnews.entities.base import (
    CLAUSE_END,
    Candidate,
    clause_context,
    cues,
    latin_bounded,
    lexicon,
    load_rules,
)
from zhnews.entities.segment import (
    COMMON_WORD_FREQ,
    PROPER_TAGS,
    RARE_WORD_FREQ,
    name_char,
    pos_cut,
    pos_tokenizer,
    pos_tokens,
    rust_pos_cut,
    word_freq,
)

KNOWN_RULES = ("lexicon", "admin_place")  # candidates of a known name or an administrative place
KNOWN_WORD_REACH = 6  # characters after a known place a longer dictionary word holding it is looked for in
KNOWN_WORD_TAGS = ("ns", "nt")  # jieba tags of such a word: a place or an organisation


def lexicon_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Longest Chinese-script lexicon name at every position where one starts."""
    lex = lexicon()
    out = []
    size, by_start = len(body), lex.lengths_by_start
    for hit in lex.name_start.finditer(body):
        i = hit.start()
        lengths = by_start.get(body[i : i + 2]) or by_start.get(body[i], ())  # none: two names' first and second
        for length in lengths:
            if i + length > size:
                continue
            surface = body[i : i + length]
            known = lex.cjk.get(surface)
            if known and latin_bounded(body, i, i + length) and not _in_common_word(body, i, length):
                if known[1] == "PLACE" and body.startswith(cues().style_suffixes, i + length):
                    break  # 中国式现代化: a style, no mention of the place
                if known[1] in ("PLACE", "ORG") and _before_proper_noun(body, i, i + length):
                    out.extend(_with_short_head(doc_id, body, i, i + length))
                    break
                out.append(Candidate(doc_id, surface, i, i + length, known[1], 10.0, "lexicon"))
                break
    return out


def _with_short_head(doc_id: str, body: str, start: int, end: int) -> list[Candidate]:
    """The longer name a known name starts when the abbreviation after it is a head of `known_name_heads` (天津 +
    二中院, 佛山 + 中院: jieba reads the head as an abbreviation, j, so the known name is no mention of its own)."""
    rules = cues()
    head = rules.known_name_head.match(body, end)
    local = rules.local_government_heads
    if (
        not head
        or rules.known_name_heads[head.group()] != "ORG"
        or (head.group().startswith(local) and body[end - 1] not in rules.local_units)
    ):
        return []
    city = next((k for k in (3, 2) if lexicon().cjk.get(body[max(0, start - k) : start], ("", ""))[1] == "PLACE"), 0)
    start -= city  # a district's city before it is part of the name (北京 + 海淀 + 经侦), as in `known_name_heads`
    return [Candidate(doc_id, body[start : head.end()], start, head.end(), "ORG", 3.0, "known_head")]


def _before_proper_noun(body: str, start: int, end: int) -> bool:
    """Whether jieba (lexicon included) reads a proper noun of no other kind (nz) or an abbreviation (j) right
    after a known name (`longer_name_tags`): the two are one longer name (湖北省 + 红十字会, 佛山 + 中院, 百度 +
    百科), not a mention of the known one. An organisation (nt: 美国 + 高盛集团, 沈阳 + 中国医科大学) or a known
    name after it is a second name. Only a dictionary word so tagged can be read there: without one, jieba is not
    asked."""
    tags, longer = pos_tokenizer().word_tag_tab, cues().longer_name_tags
    if body[end : end + 2] not in _longer_name_starts() or not any(
        tags.get(body[end : end + k]) in longer for k in range(2, 7)
    ):
        return False
    tokens = pos_tokens(body[start : end + 6], start)
    return any(pos == end and len(w) > 1 and f in longer and w not in lexicon().cjk for w, f, pos in tokens)


@cache
def _longer_name_starts() -> frozenset[str]:
    """The first two characters (a one-character word's one) of every dictionary word tagged `longer_name_tags`:
    no word of `_before_proper_noun` starts where these do not, so its look-ups are skipped there."""
    rust_pos_cut()  # the lexicon's words and tags are in the dictionary's tags once a cut is made
    longer = cues().longer_name_tags
    return frozenset(word[:2] for word, tag in pos_tokenizer().word_tag_tab.items() if tag in longer)


@cache
def _common_word_others() -> dict[str, tuple[str, ...]]:
    """Each everyday-word name -> the other names of its lexicon entry (苹果 -> 苹果公司, apple)."""
    entries = [names for items in load_rules("lexicon.yaml").values() for names in items]
    return {
        word: tuple(n.lower() for names in entries if word in names for n in names if n != word)
        for word in cues().common_word_names
    }


def without_common_words(body: str, cands: list[Candidate]) -> list[Candidate]:
    """Known names that are everyday words (苹果, 小米), from any rule or the tagger, only where business is meant:
    see `common_word_names`."""
    others = _common_word_others()
    if not any(c.surface in others for c in cands):
        return cands
    lowered = body.lower()
    named = {word for word, names in others.items() if any(n in lowered for n in names)}
    return [c for c in cands if c.surface not in others or c.surface in named or _business(body, c)]


def _business(body: str, cand: Candidate) -> bool:
    """A word of business in the name's clause, a model code right after it (小米SU9), or book-title marks around it
    (《苹果》: a paper)."""
    left, right = clause_context(body, cand.start, cand.end)
    model_after = re.match(r"[A-Za-z0-9]", body[cand.end : cand.end + 1])
    titled = body[cand.start - 1 : cand.start] == "《" and body[cand.end : cand.end + 1] == "》"
    return bool(model_after or titled or cues().business_context.search(left + right))


def _in_common_word(body: str, i: int, length: int) -> bool:
    """Whether jieba reads a known name at `i` as part of an everyday word: see `_straddled` for a two-character
    name, `_opens_common_word` for a longer one."""
    return _straddled(body, i) if length == 2 else _opens_common_word(body, i, i + length)


def _opens_common_word(body: str, start: int, end: int, longest: int = 3) -> bool:
    """Whether jieba (lexicon included) reads a known name of three characters or more as the start of a longer
    common word (民政部 + 门 = 民政部门, the civil affairs departments; 内政部 + 长, a minister's title): a kind or a
    title, no mention of the body; a proper-noun compound (北京市) or a word for a place's people (巴基斯坦人) keeps
    it. Only a dictionary word from the name's start past its end can hold it: without one, jieba is not asked."""
    freq = pos_tokenizer().tokenizer.FREQ
    if not any(freq.get(body[start : end + k]) for k in range(1, longest + 1)):
        return False
    left = max(0, start - 3)
    people_of = lexicon().cjk[body[start:end]][1] == "PLACE" and body.startswith(tuple(cues().place_people_heads), end)
    return not people_of and any(
        pos == start and pos + len(word) > end and not flag.startswith(PROPER_TAGS)
        for word, flag, pos in pos_tokens(body[left : end + longest], left)
    )


def _straddled(body: str, i: int) -> bool:
    """Whether jieba (lexicon included) cuts across a two-character known name in its few characters of
    context (中行 in 其中/行业), or holds it in a common word (日产 in 日产量, 三星 in 三星级); a proper-noun
    compound keeps it (美国政府, 杭州人), and so does a word for a place's people (法国人, 东欧国家). Only a
    dictionary word can cross or hold the name: without one in the context, jieba is not asked."""
    left = max(0, i - 3)
    if not _word_around(body, left, i, min(len(body), i + 5)):
        return False
    pos = left
    for word, flag in pos_cut(body[left : i + 5]):
        end = pos + len(word)
        crosses = pos < i < end < i + 2 or i < pos < i + 2 < end
        holds = pos <= i and i + 2 <= end and len(word) > 2
        people_of = pos == i and word[2:] in cues().place_people_heads and lexicon().cjk[body[i : i + 2]][1] == "PLACE"
        if crosses or (holds and not flag.startswith(PROPER_TAGS) and not people_of):
            return True
        pos = end
    return False


def _word_around(body: str, left: int, i: int, right: int) -> bool:
    """Whether a jieba dictionary word in body[left:right] crosses body[i:i+2]'s edges or holds it and more.

    Walks the words starting at each place from `left` to i + 1 as jieba's dictionary does: it holds every prefix of
    its words (frequency 0), so a walk stops at the first piece that begins no word."""
    freq = pos_tokenizer().tokenizer.FREQ
    for a in range(left, i + 2):
        shortest = i + 1 if a < i else i + 3  # a < i: ends inside the name (crosses) or after it (holds)
        b = a + 1
        while b <= right and (count := freq.get(body[a:b])) is not None:
            if count and b >= shortest:
                return True
            b += 1
    return False


def extended_known_names(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known organisation followed by characters jieba does not know, up to a list mark or clause end, is a
    longer name (美团 + 两个生字 before 、 = a unit's name), not the known one."""
    out = list(cands)
    for cand in cands:
        if cand.rule != "lexicon" or cand.type != "ORG":
            continue
        stop = CLAUSE_END.search(body, cand.end)
        end = stop.start() if stop else len(body)
        if not 2 <= end - cand.end <= 3 or body[end : end + 1] not in ("、", "，", "和"):
            continue
        tokens = pos_tokens(body[cand.end : end], cand.end)
        if all(name_char(token) for token in tokens):
            out.append(replace(cand, surface=body[cand.start : end], end=end, weight=3.0, rule="known_prefix"))
    return out


def known_name_heads(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known name or an administrative place and a head right after it is a longer name (花旗大厦, 海淀公安,
    某某县警察局), from the city right before a district (北京市 + 朝阳区 + 政府): see `known_name_heads`."""
    rules = cues()
    pattern, heads = rules.known_name_head, rules.known_name_heads
    local, units = rules.local_government_heads, rules.local_units
    cities = {c.end: c.start for c in cands if c.rule in KNOWN_RULES and c.type == "PLACE"}
    cities |= {c.end + 1: c.start for c in cands if c.rule == "lexicon" and body[c.end : c.end + 1] in units}
    inner = bytearray(len(body) + 1)  # inside a known name (京都 of 东京都): no name starts there
    for c in cands:
        if c.rule == "lexicon":
            inner[c.start + 1 : c.end] = b"\x01" * (c.end - c.start - 1)
    out = list(cands)
    for cand in cands:
        known = cand.rule in KNOWN_RULES and cand.type in ("ORG", "PLACE") and not inner[cand.start]
        head = pattern.match(body, _unit_end(body, cand, units)) if known else None
        if not head or (head.group().startswith(local) and body[head.start() - 1] not in units):
            continue
        start = cities.get(cand.start, cand.start) if cand.surface.endswith("区") else cand.start
        end, etype = head.end(), heads[head.group()]
        out.append(
            replace(cand, surface=body[start:end], start=start, end=end, type=etype, weight=3.0, rule="known_head")
        )
    return out


def known_words(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known place or organisation that jieba reads as the start of a longer, rare place or organisation word of
    its dictionary ending like one is that word (四川 + 盆地, 约旦 + 河西岸, 中国 + 工程院, 国务院 + 新闻办公室): see
    `known_word_heads`."""
    return [_known_word(body, c) if c.rule == "lexicon" and c.type in ("PLACE", "ORG") else c for c in cands]


def _known_word(body: str, cand: Candidate) -> Candidate:
    tags = pos_tokenizer().word_tag_tab
    longer = (body[cand.start : cand.end + k] for k in range(2, KNOWN_WORD_REACH + 1))
    if not any(tags.get(w, "")[:2] in KNOWN_WORD_TAGS for w in longer):
        return cand  # no longer dictionary place or organisation starts here: jieba is not asked
    word, flag, _ = pos_tokens(body[cand.start : cand.end + KNOWN_WORD_REACH], cand.start)[0]
    rest = word[len(cand.surface) :]
    etype = _known_word_type(rest, flag) if word.startswith(cand.surface) else None
    if not etype or word_freq(word) >= RARE_WORD_FREQ:
        return cand
    return replace(cand, surface=word, end=cand.start + len(word), type=etype, weight=3.0, rule="known_word")


def _known_word_type(rest: str, flag: str) -> str | None:
    """PLACE for a place word whose rest is a landform (盆地, 河西岸), ORG for an organisation word whose rest ends
    like an institution (工程院); none where the rest is a name of its own (英国 + 剑桥大学) or a unit (自治区)."""
    rules = cues()
    tags = pos_tokenizer().word_tag_tab
    if len(rest) < 2 or rest[:1] in rules.local_units or tags.get(rest, "").startswith(PROPER_TAGS):
        return None
    if flag.startswith("ns") and rest.endswith(rules.landform_heads):
        return "PLACE"
    return "ORG" if flag.startswith("nt") and rest.endswith(rules.institution_ends) else None


def _unit_end(body: str, cand: Candidate, units: str) -> int:
    """Where a head may start after a known name: right after it, or after the administrative unit a known place
    is written with when no head starts right after it (北京 + 市 + 律协, 东京 + 都 + 政府, 上海 + 市 + 公安局)."""
    with_unit = cand.type == "PLACE" and body[cand.end : cand.end + 1] in units
    return cand.end + 1 if with_unit and not cues().known_name_head.match(body, cand.end) else cand.end


def place_organs(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known place right before a known state organ is one name with it (美国 + 财政部: see `organ_heads`); before
    any other known organisation it is where that is (英国 + 剑桥大学), and a longer name spanning just the two (a
    suffix rule's, the tagger's) is none."""
    places = {c.end: c for c in cands if c.rule == "lexicon" and c.type == "PLACE"}
    out, placed = list(cands), set()
    for cand in cands:
        place = places.get(cand.start)
        if not (place and cand.rule == "lexicon" and cand.type == "ORG"):
            continue
        if cand.surface.endswith(cues().organ_heads):
            surface = body[place.start : cand.end]
            out.append(replace(cand, surface=surface, start=place.start, weight=3.0, rule="place_organ"))
        else:
            placed.add((place.start, cand.end))
    return [c for c in out if c.rule == "lexicon" or (c.start, c.end) not in placed]


def business_lines(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known company and a business line right after it is the unit's name (京东 + 金融: see `business_lines`)."""
    pattern = cues().business_line
    out = list(cands)
    for cand in cands:
        line = pattern.match(body, cand.end) if cand.rule == "lexicon" and cand.type == "ORG" else None
        if line:
            out.append(replace(cand, surface=body[cand.start : line.end()], end=line.end(), weight=3.0, rule="line"))
    return out


DEPARTMENT_VERB_FREQ = 3000  # a verb this common is no part of a department's name (防治 and 查缉 are rarer)
DEPARTMENT_STOP_TAGS = ("p", "c", "u", "d", "r", "m", "q", "x", "y", "e", "o", "w", "f", "t")  # end a department's name


def departments(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known organisation and the name of one of its departments right after it are one mention, the department
    (教育部 + 基础教育司, 中国科学院 + 文献情报中心, 海巡署 + 基隆查缉队: see `department_heads`)."""
    known = ("lexicon", "known_word")  # a known name, or one jieba reads longer (北京大学 + 人民医院)
    known_starts = {c.start for c in cands if c.rule in known and c.type != "PLACE"}  # 教育部 + 财政部: two names
    out = list(cands)
    for cand in cands:
        if cand.rule in known and cand.type == "ORG" and cand.end not in known_starts:
            end = _department_end(body, cand.start, cand.end)
            if end is not None:
                surface = body[cand.start : end]
                out.append(replace(cand, surface=surface, end=end, weight=3.0, rule="department"))
    return out


def _department_end(body: str, start: int, end: int) -> int | None:
    """Where a department's name after a known organisation (body[start:end]) ends: the first word of the clause
    ending in a department head (`_head_word`), with only nouns, places and the rarer verbs of a unit's field before
    it (no title, no company: 北交所 + 上市公司); None without one."""
    rules = cues()
    stop = CLAUSE_END.search(body, end, end + rules.department_max_chars)
    limit = stop.start() if stop else min(len(body), end + rules.department_max_chars)
    channel = rules.official_channels.search(body, end, limit + 2)  # 司 + 官网: the name ends before the channel
    text_end = channel.start() if channel else limit + 2
    for word, flag, pos in pos_tokens(body[start:text_end], start):
        if pos < end:
            continue
        other_name = lexicon().cjk.get(word, ("", "PLACE"))[1] != "PLACE"  # a place names where the unit is
        if pos + len(word) > limit or flag.startswith(DEPARTMENT_STOP_TAGS) or other_name:
            return None
        common_verb = flag == "v" and word_freq(word) >= DEPARTMENT_VERB_FREQ  # 称, 符合: a clause, no name
        if word.endswith(rules.title_words) or common_verb:
            return None
        head = next((h for h in rules.department_heads if word.endswith(h)), None)
        if head and flag.startswith("n") and _head_word(word, head):
            return pos + len(word) if pos + len(word) - end >= len(head) + 2 else None
    return None


def _head_word(word: str, head: str) -> bool:
    """The head alone, or a rare word of two characters or more and the head (侦查局, 情报中心; not 部署, 入局, nor a
    company: 上市公司)."""
    rare = len(word) - len(head) >= 2 and word_freq(word) < COMMON_WORD_FREQ and not word.endswith("公司")
    return word == head or rare


def with_state_prefix(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known organisation right after a state prefix (国家 + 文化和旅游部) is named in full: the mention spans both
    and is linked to the known name (see `state_prefixes`)."""
    prefixes = cues().state_prefixes
    out = []
    for c in cands:
        prefix = next((p for p in prefixes if body.endswith(p, 0, c.start)), None)
        if prefix and c.rule == "lexicon" and c.type == "ORG" and not c.surface.startswith(prefix):
            start = c.start - len(prefix)
            c = replace(c, surface=body[start : c.end], start=start, link=c.surface, link_scope="doc")
        out.append(c)
    return out
