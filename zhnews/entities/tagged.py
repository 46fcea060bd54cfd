"""Candidates of the statistical tagger (zhnews/entity_tagger.py) where no rule found a name or it reads better."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from zhnews import entity_tagger
from zhnews.entities.base import CJK, GENERIC_HEADS, HAN, HAN_RUN, Candidate, cues, institution_kind, lexicon
from zhnews.entities.organisations import NAME_JOINERS
from zhnews.entities.people import is_chinese_name, nickname_pattern
from zhnews.entities.segment import (
    PROPER_TAGS,
    RARE_WORD_FREQ,
    has_proper_part,
    is_place_token,
    pos_tokenizer,
    pos_tokens,
    rare_or_known,
    word_freq,
)

SITED = ("ORG", "PLACE")  # the kinds of name an institution's or a site's head may end
HEAD_WORD_REACH = 6  # characters read after a tagged name for a word ending in a head
FIELD_VERB_FREQ = 500  # a verb this rare before a tagged name's head names a unit's field (上诉 + 法院), not a deed


def with_tagger_names(
    doc_id: str, body: str, tagged: list[tuple[int, int, str]], found: list[Candidate]
) -> list[Candidate]:
    """The rules' candidates and the tagger's names where no rule found one (the rules know this genre's names and
    types better), except where the tagger reads a rule's organisation as two names (教育部陈宝生 = 教育部 + 陈宝生)
    or reads an organisation named after its place (上海 + 证监局, not 德国 + 大学): its reading replaces the
    rule's there, unless a rule's organisation ends one character before its end (台南市永康分局 + 报: the tagger
    read on into a verb; not 中国政法大学 + 出版社); so does its place that starts with a known one and ends like a
    site or zone (烟台 + 东社区, 四川 + 资阳东峰页岩气田: see `site_heads`)."""
    persons = _joined_persons(_given_names(body, tagged))
    names = [
        Candidate(doc_id, body[a:b], a, b, _kind_by_context(body, a, b, t), 2.0, "tagger")
        for a, b, t in _places_with_their_unit(body, _delegations_as_places(body, persons))
        if _tagged_name_ok(body, a, b, t)
    ]
    rules = entity_tagger.rules()
    kinds = cues().institution_ends + rules.place_bodies
    ordered = sorted(found, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    longest = max((c.end - c.start for c in found), default=0)
    held: Counter = Counter()  # id of a rule's candidate -> tagger names inside it
    displaced: set[int] = set()
    for name in names:
        near = ordered[bisect_left(starts, name.start - longest) : bisect_left(starts, name.end)]
        overlapping = [c for c in near if c.end > name.start]
        holders = [c for c in overlapping if c.start <= name.start and name.end <= c.end]
        held.update(id(c) for c in holders if c.type == "ORG" and c.weight < 10)  # not a known one: 中国人民银行
        inside = all(name.start <= c.start and c.end <= name.end for c in overlapping)
        place_ends = {c.end for c in overlapping if c.start == name.start and c.type == "PLACE"}
        named_after = any(body[end : name.end].lstrip(rules.place_units) not in kinds for end in place_ends)
        two_names = any(c.start in place_ends and c.type != "PLACE" for c in overlapping)  # 美国 + 高盛集团
        ends_early = any(c.type == "ORG" and c.end == name.end - 1 for c in overlapping)  # 某某分局 + 报(请)
        place_first = named_after and not two_names and not ends_early
        if name.type == "ORG" and inside and place_first:
            displaced.update(id(c) for c in overlapping)
        if name.type == "PLACE" and inside and place_ends and name.surface.endswith(cues().site_heads):
            displaced.update(id(c) for c in overlapping)  # 烟台 + 东社区, 四川 + 资阳东峰页岩气田: a site in the place
    displaced.update(key for key, count in held.items() if count >= 2)
    kept = [c for c in found if id(c) not in displaced]
    covered = bytearray(len(body) + 1)
    for c in kept:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    known = {c.surface for c in kept}
    return kept + [n for n in names if not any(covered[n.start : n.end]) and n.surface not in known]


NAME_END = re.compile("[、：:]|等")  # a list item's end, a speaker's colon


def _given_names(body: str, tagged: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagged person of a surname and one character is three characters long where the tagger left the given
    name's last character out (陈光 + 中、, 欧年 + 宝等, 殷险 + 峰：: see `_last_left_out`)."""
    return [(a, b + 1 if t == "PERSON" and _last_left_out(body, a, b) else b, t) for a, b, t in tagged]


def _last_left_out(body: str, start: int, end: int) -> bool:
    """A surname and one character, then one more character and a list item's end or a speaker's colon (`NAME_END`):
    a name of three characters. Not a grammar character (王攀 + 也说) or a place's or kin word's end (景云 + 里,
    `unknown_name_not_last`), nor one that makes a word with the text after it or with the name."""
    after = end + 1
    name, char = body[start:after], body[end:after]
    if end - start != 2 or len(name) != 3 or not is_chinese_name(name):
        return False
    if char in entity_tagger.rules().grammar_chars or char in cues().name_breakers | cues().unknown_name_not_last:
        return False
    return bool(NAME_END.match(body, after)) and not word_freq(body[end : after + 1]) and not word_freq(name)


def _joined_persons(tagged: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagged persons back to back are one name the tagger split (迪里 + 夏提 = 迪里夏提, a Uyghur name; 米卡 + 提):
    news writes two people's names apart (、, 和, a space), never glued."""
    out: list[tuple[int, int, str]] = []
    for start, end, etype in sorted(tagged):
        if out and etype == "PERSON" and out[-1][2] == "PERSON" and out[-1][1] == start:
            start = out.pop()[0]
        out.append((start, end, etype))
    return out


def _delegations_as_places(body: str, tagged: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagged organisation that is a place and a delegation (四川 + 代表团, see `delegation_ends`) is the place."""
    out = []
    for start, end, etype in tagged:
        end_word = next((e for e in cues().delegation_ends if body.endswith(e, start, end)), "")
        stem = pos_tokens(body[start : end - len(end_word)], start) if end_word and etype == "ORG" else []
        if len(stem) == 1 and is_place_token(stem[0]):
            end, etype = end - len(end_word), "PLACE"
        out.append((start, end, etype))
    return out


def _places_with_their_unit(body: str, tagged: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name right before a tagged one that opens with a unit and its party committee or government (镇原 +
    县委宣传部) is the place with its unit (镇原县); the body named by the unit alone is dropped (see `unit_organs`)."""
    rules = entity_tagger.rules()
    out: list[tuple[int, int, str]] = []
    for start, end, etype in sorted(tagged):
        prev = out[-1] if out else None
        organ = body[start : start + 1] in rules.place_units and body.startswith(rules.unit_organs, start + 1)
        if prev and prev[1] == start and prev[2] != "PERSON" and organ and etype == "ORG" and end - start > 1:
            out[-1] = (prev[0], start + 1, "PLACE")
            continue
        out.append((start, end, etype))
    return out


# the rest of a list after a name, up to its 等: short items after 、 (、顿涅茨克等方向), not a clause that runs on into
# another list (朱建新、杨晖四位律师分别从贵阳、长沙等地)
LIST_REST = re.compile("(?:、[^、，。；！？：,;!?:\n“”（）()]{1,8})*(?=等)")


def _kind_by_context(body: str, start: int, end: int, etype: str) -> str:
    """The tagger's kind of a name, unless its context names another (see the two functions below)."""
    if etype == "PERSON" and _short_form_of_institution(body, start, end):
        return "ORG"
    return _place_by_its_part(body, start, end, etype)


def _short_form_of_institution(body: str, start: int, end: int) -> bool:
    """A name alone in brackets right after an institution's name is its short name (巴勒斯坦伊斯兰抵抗运动（哈马斯）,
    某某圣战组织（杰哈德）: see `institution_heads`), not a person's."""
    opened = start > 0 and body[start - 1] in "（(" and body[end : end + 1] in ("）", ")")
    return opened and body.endswith(cues().institution_heads, max(0, start - 8), start - 1)


def _place_by_its_part(body: str, start: int, end: int, etype: str) -> str:
    """A tagged person or organisation is a place with a part or side of a place right after it (赫尔松南部,
    红利曼方向: see `place_part_ends`), and takes the kind of the head after the 等 closing its list
    (在赫尔松、顿涅茨克等方向; see `list_heads`): the tagger reads foreign places as people or bodies. Not an
    organisation ending like an institution (某某医院附近, 在某大学、某办等地: see `institution_heads`)."""
    institution = etype == "ORG" and body.endswith(cues().institution_heads, start, end)
    if etype not in ("PERSON", "ORG") or institution:
        return etype
    if body.startswith(cues().place_part_ends, end):
        return "PLACE"
    rest = LIST_REST.match(body, end)
    head = cues().list_head.match(body, rest.end()) if rest else None
    if not head or word_freq(body[head.start(1) : head.end(1) + 1]):  # 等国 + 际组织: the head starts a longer word
        return etype
    return cues().list_heads[head.group(1)]


def _transliterated(surface: str) -> bool:
    """Three characters or more, all transliteration characters (巴沙尔): a foreign name, whatever jieba's dictionary
    calls the word (a place there)."""
    return len(surface) >= 3 and all(ch in entity_tagger.rules().translit_chars for ch in surface)


DEICTIC = "该本此其各全"  # 该分局, 本署: the agency just named, no name
# a character lost in decoding right after a name, then more text (GBK-shifted mojibake: `延脖液统？票`), not a
# question mark that ends a sentence or a quote (`是张三？”`)
LOST_AFTER = re.compile(f"[?？\ufffd\ue000-\uf8ff][{CJK}]")
STREET_TEXT = re.compile(f"[{CJK}]{{3,6}}")  # a road or settlement's name and unit
NAME_CHARS = re.compile(f"[{CJK}A-Za-z0-9·•‧・.&'\\- ]+")


def _reference(surface: str) -> bool:
    """A surname and a reference word (李男, 俞姓) or an anonymised letter (T君): see `surname_references`."""
    rules = cues()
    referred = len(surface) == 2 and surface[1] in rules.surname_references
    return referred or bool(rules.anonymised_person.match(surface))


def _introduced(body: str, start: int) -> bool:
    """A job title or a kin or social word right before a tagged person (主席 + 辛格, 女儿 + 佳美): it introduces a
    name, whatever jieba's dictionary calls the word (辛格 nz)."""
    rules = cues()
    return body.endswith(rules.title_words + rules.kin_and_social_words, max(0, start - 8), start)


def _abbreviation_pair(body: str, start: int, end: int) -> bool:
    """Two characters before a word of pairs (琴澳 + 两地), or a country's abbreviation and a character before a word
    of relations (中斯 + 关系: see `pair_words`), that are no known name (中国 + 合作 stays) and no person's name: two
    countries or places, no name."""
    surface, rules = body[start:end], cues()
    if len(surface) != 2 or surface in lexicon().cjk or is_chinese_name(surface):
        return False
    related = surface[0] in entity_tagger.rules().country_abbreviations and body.startswith(rules.relation_words, end)
    return related or body.startswith(rules.pair_words, end)


def _place_named(tokens: list[tuple[str, str, int]]) -> bool:
    """An organisation named after its place, then a trade or service of two characters or more that is no kind of
    body (中国 + 人寿, 中国 + 太保; not a kind, 美国 + 公司, 杭州 + 初创公司, nor its body, 北京 + 市政府): firms and
    state bodies of mainland finance and news are named so."""
    if len(tokens) < 2 or not is_place_token(tokens[0]):
        return False
    rest = "".join(w for w, _, _ in tokens[1:])
    rules = entity_tagger.rules()
    kinds = rules.place_bodies + cues().institution_ends
    generic = rest.endswith(cues().org_kinds) or rest.endswith(tuple(GENERIC_HEADS))  # 杭州 + 机器人初创公司
    return len(rest) >= 2 and not generic and rest.lstrip(rules.place_units) not in kinds


def _street_or_settlement(surface: str) -> bool:
    """A road or settlement by its unit (文心路, 费家村; see `place_name_units`), not a common word (高速公路) nor a
    pointing phrase (该村)."""
    units = entity_tagger.rules().place_name_units
    plain = STREET_TEXT.fullmatch(surface) and surface[0] not in DEICTIC
    return bool(plain) and surface.endswith(units) and word_freq(surface) < RARE_WORD_FREQ


def _cuts_off_a_word_start(body: str, start: int, end: int, reach: int = 4) -> bool:
    """Whether jieba (lexicon included) reads a word from the character before a tagged name into it (震央 + 土国,
    任 + 玉岭, 的黎波里, 国家卫健委), or a longer word from further back into it with only a dictionary word left
    after it (内塔尼亚胡 + 今天: no 胡今天; not 汉阳郭 + 茨口): the tagger left that word's start out, so its reading is
    no name. A longer word holding the whole name is another name joined to this one (广西 + 南宁, 中国 + 大陆): kept.
    Without a dictionary word across the name's start, jieba is not asked."""
    left = max(0, start - reach)
    if start == 0 or not _word_across(body, left, start, start + reach):
        return False
    return any(
        (pos == start - 1 and len(word) > 1)
        or (pos < start < pos + len(word) < end and word_freq(body[pos + len(word) : end]))
        for word, _, pos in pos_tokens(body[left : start + reach], left)
    )


def _word_across(body: str, left: int, start: int, right: int) -> bool:
    """Whether a jieba dictionary word starting in body[left:start] ends after `start`, by `right`. Walks the words
    starting at each place as jieba's dictionary does: it holds every prefix of its words (frequency 0), so a walk
    stops at the first piece that begins no word."""
    freq = pos_tokenizer().tokenizer.FREQ
    for a in range(left, start):
        b = a + 1
        while b <= right and (count := freq.get(body[a:b])) is not None:
            if count and b > start:
                return True
            b += 1
    return False


def _one_proper_word(tokens: list[tuple[str, str, int]]) -> bool:
    """A name jieba's dictionary holds whole as an organisation's (人民大会堂, nt) is a name however common the word:
    the tagger and the dictionary agree on it. (Not a place word tagged as an organisation: 海淀 in 海淀公安.)"""
    return len(tokens) == 1 and len(tokens[0][0]) >= 2 and tokens[0][1] == "nt"


def _tagged_name_ok(body: str, start: int, end: int, etype: str) -> bool:
    """A tagged span is a name when it holds a Chinese character (the Latin rules are better), is no credit
    (记者 X), no honorific reference (张先生) and no common phrase: a person is a surname name or rare word,
    an organisation ends like an institution (国家电影局) or, like a place, holds a proper noun or an unknown word
    (not 新能源汽车, AI初创公司)."""
    surface = body[start:end]
    rules = entity_tagger.rules()
    if not HAN.search(surface) or rules.credit_before.search(body, max(0, start - 6), start):
        return False
    if etype == "PLACE" and body.startswith(cues().style_suffixes + rules.time_zones, end):
        return False
    if not NAME_CHARS.fullmatch(surface) or LOST_AFTER.match(body, end):  # lost characters (mojibake, private-use
        return False  # symbols) are no name, nor what the tagger reads right before one in garbled text (延脖液统？票)
    if _cuts_off_a_word_start(body, start, end):
        return False
    if etype == "PERSON" and _reference(surface):
        return False
    if _abbreviation_pair(body, start, end):
        return False
    if etype == "PERSON":
        nickname = len(surface) == 2 and surface.startswith(rules.nickname_prefixes)  # 阿兰, though a place in jieba
        if nickname and surface[1] in nickname_pattern()[1]:  # 小五: a school grade
            return False
        tag = pos_tokenizer().word_tag_tab.get(surface, "nr")  # a dictionary word tagged otherwise: 可可 (v), 沈家 (ns)
        name_like = is_chinese_name(surface) or rare_or_known(surface)
        person_word = nickname or tag.startswith("nr") or _transliterated(surface) or _introduced(body, start)
        return not surface.endswith(rules.honorifics) and person_word and name_like
    if etype == "ORG" and surface.endswith(cues().faction_ends):  # 逊尼派: a sect, no organisation
        return False
    if etype == "ORG" and institution_kind(surface):  # 国立大学, 养老基金: a kind, though jieba's dictionary holds it
        return False
    if etype == "ORG" and len(surface) >= 3 and surface.endswith(cues().institution_ends) and surface[0] not in DEICTIC:
        return True  # 国家电影局, and a local agency by its field (环保局, 社会局), not 该分局
    if etype == "PLACE" and _street_or_settlement(surface):
        return True
    tokens = pos_tokens(surface, start)
    if (etype == "ORG" and _place_named(tokens)) or _one_proper_word(tokens):
        return True
    proper_place = etype == "PLACE" and any(f.startswith("ns") and len(w) > 1 for w, f, _ in tokens)
    return proper_place or has_proper_part(tokens, allow_place=etype == "PLACE")


WORD_REACH = 4  # characters of context either side a whole word is looked for in
WORD_TYPES = {"ns": "PLACE", "nr": "PERSON", "nt": "ORG"}  # jieba tag prefix of a whole word -> its name's type


def whole_words(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A tagged name that is part of one rare jieba proper noun is the whole word (波哥 of 波哥大, 印地 of 印地安纳):
    the tagger stopped inside a name jieba's dictionary holds whole. Not where the word runs into another candidate
    (汉阳郭 over 汉阳 + 郭茨口: jieba joined two names)."""
    edges = bytearray(len(body) + 1)  # 1 where a position lies strictly inside a candidate
    for c in cands:
        edges[c.start + 1 : c.end] = b"\x01" * (c.end - c.start - 1)
    return [_whole_word(body, c, edges) if c.rule == "tagger" else c for c in cands]


def _whole_word(body: str, cand: Candidate, edges: bytearray) -> Candidate:
    left = max(0, cand.start - WORD_REACH)
    for word, flag, start in pos_tokens(body[left : cand.end + WORD_REACH], left):
        end = start + len(word)
        holds = start <= cand.start and cand.end <= end and len(word) > cand.end - cand.start
        rare_name = flag.startswith(PROPER_TAGS) and word_freq(word) < RARE_WORD_FREQ
        if holds and rare_name and HAN_RUN.fullmatch(word) and not (edges[start] or edges[end]):
            etype = WORD_TYPES.get(flag[:2], cand.type)
            return replace(cand, surface=word, start=start, end=end, type=etype, rule="whole_word")
    return cand


def with_heads_after(body: str, cands: list[Candidate]) -> list[Candidate]:
    """The tagger's names and, where one stops right before a word jieba reads ending in an institution's or a site's
    head (发射场, 上诉 + 法院), the name with it (中国文昌航天 + 发射场): see `tagged_name_heads`."""
    out = list(cands)
    for name in cands:
        joined = name.start > 0 and body[name.start - 1] in NAME_JOINERS  # 米兰- + 某某基金会: the name starts before
        found = _head_after(body, name.end) if name.rule == "tagger" and name.type in SITED and not joined else None
        if found:
            end, head = found
            out.append(replace(name, surface=body[name.start : end], end=end, type=_head_type(head)))
    return out


def _head_after(body: str, start: int) -> tuple[int, str] | None:
    """The end and the head of the noun ending in a head that jieba reads at `start`, or after one word of two
    characters or more of a unit's field there (a noun or a rare verb: 上诉 + 法院, not 袭击 + 机场); else None."""
    left = max(0, start - 2)
    tokens = [t for t in pos_tokens(body[left : start + HEAD_WORD_REACH], left) if t[2] >= start]
    heads = cues().tagged_name_heads
    if not tokens or tokens[0][2] != start:
        return None
    for i, (word, flag, pos) in enumerate(tokens[:2]):
        head = next((h for h in heads if word.endswith(h)), None)
        if head and flag.startswith("n"):
            return pos + len(word), head
        field_word = flag.startswith("n") or (flag == "v" and word_freq(word) < FIELD_VERB_FREQ)
        if i or len(word) < 2 or not field_word:
            return None
    return None


def _head_type(head: str) -> str:
    """An institution's head names an organisation, a site's a place (`placed_heads` give their own)."""
    rules = cues()
    return rules.placed_heads.get(head, "PLACE" if head in rules.site_heads else "ORG")
