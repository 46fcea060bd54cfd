"""Organisations before a title or ending with a suffix (某某研究院, 某某有限公司), branches and sites."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from zhnews.entities.base import CJK, GENERIC_HEADS, HAN, Candidate, clause_start, cues, lexicon, name_key
from zhnews.entities.segment import (
    PROPER_TAGS,
    RARE_PLACE_FREQ,
    RARE_STEM_FREQ,
    STOP_TAGS,
    has_proper_part,
    is_place_token,
    pos_tokenizer,
    pos_tokens,
    stem_tokens,
    word_freq,
)

LISTED_NAME_STOPS = ("p", "c", "u", "r", "x", "w", "y", "e", "o", "d", "q", "f")  # end a listed company's name
INNER_BRACKET = re.compile(r"[(（][\u4e00-\u9fff]{1,4}[)）]$")  # 某某（集团）有限公司, 某某（中国）有限公司
COUNT = re.compile(r"[0-9０-９]+[支家个所座位名批间]")  # a number and a measure word
NAME_START = re.compile(f"[{CJK}A-Za-z0-9]")  # where a stem's name starts (not a mark)
LATIN_TEXT = re.compile(r"[A-Za-z0-9 .\-]+")  # a Latin stem: the Latin rules name it
SITE = re.compile(rf"[{CJK}]{{1,4}}?网")
SITE_STOP_TAGS = (*STOP_TAGS, "a", "b")  # a description of a site holds no adjective (超大规模 + 市场)
DESCRIPTION = re.compile(f"[{CJK}]*")  # the words between a place and the head of a site named after it
NAME_JOINERS = "-‐－·•"  # a hyphen or a dot joins the parts of a transliterated name (本-古里安)
AFFILIATED = ("附属", "附设")  # a parent's affiliated hospital or school is named with it (某某大学附设医院): no unit


def with_branch_places(cands: list[Candidate], body: str) -> list[Candidate]:
    """An organisation name followed by a country or region is its branch, one name: 红杉中国, 微软亚洲
    (a city is where it does something: 某公司上海工厂)."""
    by_start = {c.start: c for c in cands if c.type == "PLACE"}
    out = list(cands)
    for org in cands:
        place = by_start.get(org.end)
        branch = place and place.surface in cues().branch_places
        if org.type == "ORG" and branch and org.rule != "repeat":
            out.append(
                Candidate(org.doc_id, body[org.start : place.end], org.start, place.end, "ORG", 4.0, "org_place")
            )
    return out


def org_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Organisations before a title (趣丸网络副总裁) or ending with a suffix (中国信息协会, 国研新经济研究院)."""
    rules = cues()
    out = []
    for match in rules.title.finditer(body):
        start = match.start()
        opens = clause_start(body, start) < start and title_starts_word(body, start, match.end())
        stem = stem_tokens(body, start) if opens else []
        heads_product = stem and "".join(w for w, _, _ in stem).endswith(rules.product_nouns_left)
        if stem and stem[-1][0] not in GENERIC_HEADS and not heads_product and has_proper_part(stem, True):
            out.append(org_from_tokens(doc_id, body, stem, match.start(), "title_org", 2.0))
    for match in rules.org_suffix.finditer(body):
        suffix = match.group()
        strict, legal = suffix in rules.strict_suffixes, suffix in rules.legal_suffixes
        if not strict and _inside_placed_name(body, match):  # 大学 of 沈阳 + 中国医科大学: the word is the name
            out.append(_firm_word(doc_id, body, match))
            continue
        inner = INNER_BRACKET.search(body, max(0, match.start() - 6), match.start()) if legal else None
        stem_end = inner.start() if inner else match.start()  # 某某控股（集团）有限公司
        stem = stem_tokens(body, stem_end, match.end() if strict else None, legal)
        unit = None if strict else _unit_after_parent(_from_known_org(stem))  # a unit, even of a kind (外国语学院)
        if legal:
            stem = _from_place(body, stem, stem_end, match.end() if strict else None)
        else:
            stem = _unit_of(stem) if unit is None else unit
        if not stem and strict:
            out.append(_firm_word(doc_id, body, match))
        elif stem and (unit is not None or _names_organisation(stem, suffix) or _listed_firm(body, stem, match)):
            out.append(org_from_tokens(doc_id, body, stem, match.end(), "suffix_org", 2.5))
        elif stem:
            whole = stem_tokens(body, stem_end, match.end() if strict else None, legal, kinds=False)
            if _place_and_description(whole, suffix) and _unit_after_parent(whole) is None:
                out.append(org_from_tokens(doc_id, body, whole, match.end(), "suffix_org", 2.5))
    return [c for c in out if c and len(c.surface) >= 2 and HAN.search(c.surface)]


def title_starts_word(body: str, start: int, end: int) -> bool:
    """Whether jieba (lexicon included) starts a word where a title starts, reading the title with the few characters
    before it: a title that is the tail of a longer word is no title there (卫生部长, 红十字工作者, 摄影记者), and the
    text before it no organisation (巴勒斯坦卫生, 红十字工). A word that joins an institution's ending and the title
    keeps it (市委 + 书记 in 盐城市委书记)."""
    left = max(clause_start(body, start, 4), start - 4)
    ends = cues().institution_ends
    for word, _, pos in pos_tokens(body[left:end], left):
        if pos == start or (pos < start < pos + len(word) and body[pos:start].endswith(ends)):
            return True
    return False


def bare_bureaus(doc_id: str, body: str) -> list[Candidate]:
    """Government bodies named bare by their short names (社会局, 农委会) where jieba cuts them as a word and no
    quantifier stands before them, nor a name, whose rules read the whole body (某某市 + 社会局): see `bare_bureaus`."""
    rules = cues()
    out = []
    for match in rules.bare_bureau.finditer(body):
        start, end = match.span()
        kind = any(ch in rules.bare_bureau_not_after for ch in body[max(0, start - 2) : start])
        if kind or body.startswith(rules.bare_bureau_not_before, end):
            continue
        left = max(0, start - 3)
        tokens = pos_tokens(body[left : end + 2], left)
        named_before = any(pos + len(word) == start and flag.startswith(PROPER_TAGS) for word, flag, pos in tokens)
        if not named_before and any(pos == start and len(word) == end - start for word, _, pos in tokens):
            out.append(Candidate(doc_id, match.group(), start, end, "ORG", 1.5, "bare_bureau"))
    return out


def listed_companies(doc_id: str, body: str) -> list[Candidate]:
    """Companies named before their stock code and market (日月光投控（3711-TW）: see `listing_code`)."""
    out = []
    for match in cues().listing_code.finditer(body):
        start = _listed_name_start(body, match.start())
        if start is not None:
            out.append(Candidate(doc_id, body[start : match.start()], start, match.start(), "ORG", 3.0, "listed_code"))
    return out


def _listed_name_start(body: str, end: int) -> int | None:
    """Start of the name before a stock code: back over the clause's tokens to a function word, a number or a verb
    of two characters or more (对 + 日月光投控, 看好 + 致茂); jieba cuts an unknown name into pieces (日 + 月光 + 投 +
    控), so single characters of any tag stay in it."""
    left = clause_start(body, end, 12)
    start = None
    for word, flag, pos in reversed(pos_tokens(body[left:end], left)):
        long_word_stop = len(word) >= 2 and flag.startswith(("v", "m"))
        if (flag.startswith(LISTED_NAME_STOPS) and flag != "eng") or long_word_stop or word in GENERIC_HEADS:
            break
        start = pos
    return start if start is not None and end - start >= 2 else None


def _from_place(
    body: str, stem: list[tuple[str, str, int]], end: int, suffix_end: int | None
) -> list[tuple[str, str, int]]:
    """A registered company's name starts with its administrative place (行政区划 + 字号 + 行业 + 组织形式): the stem
    starts at a place inside it (起诉 + 上海某某投资有限公司), or at one right before it across single characters jieba
    cut out of an unknown trade name (北京 + 正 + 聚 + 源通鼎信用管理有限公司)."""
    places = [i for i, token in enumerate(stem) if is_place_token(token)]
    if places:
        return stem[places[0] :]
    if not stem:
        return stem
    left = clause_start(body, end, 40)
    tokens = pos_tokens(body[left : suffix_end or end], left)  # the clause stem_tokens cut (cached)
    before = [token for token in tokens if token[2] < stem[0][2]][-4:]
    for i in range(len(before) - 1, -1, -1):
        if is_place_token(before[i]):
            return before[i:] + stem
        if len(before[i][0]) > 1:
            break
    return stem


def _from_known_org(stem: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Places before a known organisation are where it is, not its name: 新加坡 + 某某控股, 北京 + 中国科学院 (a
    lexicon organisation or a jieba `nt` word); single characters right before a known name are the tail of a verb
    jieba does not know (转介, 社工故转介 + 某某基金会), and the stem starts at the known name."""
    lex = lexicon().cjk
    known = next((i for i, (word, _, _) in enumerate(stem) if word in lex), None)
    if known and len(stem[known - 1][0]) == 1:
        stem = stem[known:]
    for i, (word, flag, _) in enumerate(stem):
        if lex.get(word, ("", ""))[1] != "PLACE" and not (flag.startswith("ns") and len(word) >= 2 and word not in lex):
            known_org = lex.get(word, ("", ""))[1] == "ORG" or (flag == "nt" and len(word) >= 4)
            return stem[i:] if i and known_org else stem
    return stem


def _unit_of(stem: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A stem's places before a known organisation dropped (`_from_known_org`), and a parent's name before its unit's
    (`_unit_after_parent`)."""
    stem = _from_known_org(stem)
    unit = _unit_after_parent(stem)
    return stem if unit is None else unit


def _unit_after_parent(stem: list[tuple[str, str, int]]) -> list[tuple[str, str, int]] | None:
    """The unit's own name after its parent's (永康分局 + 盐行派出所, 武汉理工大学 + 自动化学院), which is a name of
    its own: see `parent_unit_ends`. None when the stem names no parent."""
    ends = cues().parent_unit_ends
    last = max((i for i, (word, _, _) in enumerate(stem) if word.endswith(ends)), default=None)
    rest = stem[last + 1 :] if last is not None else []
    text = "".join(w for w, _, _ in rest)
    return rest if len(rest) <= 2 and 2 <= len(text) <= 4 and not text.startswith(AFFILIATED) else None


def _names_organisation(stem: list[tuple[str, str, int]], suffix: str) -> bool:
    """Whether stem + suffix names one organisation, not a kind of them (科技公司, 德国大学, 初创公司)."""
    rules = cues()
    words = [w for w, _, _ in stem]
    if all(w in rules.kind_stems for w in words):
        return False
    if pos_tokenizer().word_tag_tab.get("".join(words[-2:]) + suffix) == "nt":
        return True
    strict = suffix in rules.strict_suffixes
    named = [(w, f) for w, f, _ in stem if not (f == "eng" and name_key(w) in rules.latin_concepts)]
    kind_head = strict and (words[-1] in GENERIC_HEADS or words[-1].endswith(rules.org_kinds))
    if kind_head or (len(named) == 1 and _common_place(*named[0])):
        return False
    if suffix in rules.legal_suffixes:
        return len("".join(words)) >= 3 or has_proper_part(stem, allow_place=True)
    if has_proper_part(stem, allow_place=not strict):
        return True
    return (
        suffix in rules.strong_suffixes
        and _short_firm_stem(stem)
        and all(len(w) == 1 or word_freq(w) < RARE_STEM_FREQ for w in words)
    )


def _place_and_description(stem: list[tuple[str, str, int]], suffix: str) -> bool:
    """A place and a long description before an institution's suffix: 北京机器人产业发展投资基金."""
    if len(stem) < 3:
        return False
    first, flag, _ = stem[0]
    is_place = flag.startswith("ns") or lexicon().cjk.get(first, ("", ""))[1] == "PLACE"
    return suffix != "公司" and is_place and len("".join(w for w, _, _ in stem[1:])) >= 4


def _short_firm_stem(stem: list[tuple[str, str, int]]) -> bool:
    """Two to four Chinese characters, no generic modifier (风险资本, 私募基金) and not only a place (北京银行)."""
    words = [w for w, _, _ in stem]
    text = "".join(words)
    generic = cues().generic_firm_stems
    return (
        2 <= len(text) <= 4
        and bool(re.fullmatch(f"[{CJK}]+", text))
        and not any(w in generic or w in GENERIC_HEADS or _starts_generic(w) for w in words)
        and not (len(stem) == 1 and _common_place(stem[0][0], stem[0][1]))
    )


def _common_place(word: str, flag: str) -> bool:
    """A place word common enough to be a location (北京), not a brand jieba happens to tag ns (华兴)."""
    return flag.startswith("ns") and (word_freq(word) >= RARE_PLACE_FREQ or word in lexicon().cjk)


def _starts_generic(word: str) -> bool:
    """A compound word led by a generic modifier: 风险投资, 私募股权."""
    return len(word) > 2 and any(word.startswith(g) for g in cues().generic_firm_stems if len(g) >= 2)


def _listed_firm(body: str, stem: list[tuple[str, str, int]], match: re.Match) -> bool:
    """A short stem + strong suffix among investors or next to another firm: 由源码资本领投, 启明创投和华兴资本."""
    rules = cues()
    if match.group() not in rules.strong_suffixes or not _short_firm_stem(stem):
        return False
    before = body[clause_start(body, stem[0][2]) : stem[0][2]]
    return bool(rules.firm_left.search(before) or rules.firm_right.match(body, match.end()))


def _inside_placed_name(body: str, match: re.Match) -> bool:
    """The suffix ends a longer jieba organisation word of its clause that starts with a place (中国医科大学,
    中国科学院): the word is a whole name, and a place before it is where it is (沈阳 + 中国医科大学)."""
    left = clause_start(body, match.start())
    word, flag, start = pos_tokens(body[left : match.end()], left)[-1]
    tags = pos_tokenizer().word_tag_tab
    starts_with_place = any(tags.get(word[:n]) == "ns" or word[:n] in lexicon().cjk for n in (2, 3))
    return start < match.start() and flag == "nt" and starts_with_place


def _firm_word(doc_id: str, body: str, match: re.Match) -> Candidate | None:
    """A dictionary organisation word that holds the suffix: 招商银行, 中金公司 (not 商业银行)."""
    left = clause_start(body, match.start())
    word, flag, start = pos_tokens(body[left : match.end()], left)[-1]
    stem = word[: -len(match.group())]
    if flag != "nt" or start >= match.start() or len(word) < 4 or stem in cues().kind_stems:
        return None
    return Candidate(doc_id, word, start, match.end(), "ORG", 2.5, "suffix_org")


def org_from_tokens(
    doc_id: str, body: str, stem: list[tuple[str, str, int]], end: int, rule: str, weight: float
) -> Candidate | None:
    """ORG candidate from a stem up to `end`; None when the stem is only Latin, or a place and Latin before a title
    (美国NBA记者: the Latin rule names the organisation, the place is where it is)."""
    leading, verb_ends = cues().org_leading_particles, cues().org_leading_word_ends
    while len(stem) > 1 and (stem[0][0] in leading or (len(stem[0][0]) > 1 and stem[0][0].endswith(verb_ends))):
        stem = stem[1:]
    if COUNT.fullmatch("".join(w for w, _, _ in stem[:2])):
        return None  # a count of a kind (277支 + 救援队, 12家 + 银行), no name
    start = stem[0][2]
    while start < end and not NAME_START.match(body[start]):
        start += 1
    stem_end = stem[-1][2] + len(stem[-1][0])
    if start >= stem_end or LATIN_TEXT.fullmatch(body[start:stem_end]):
        return None
    latin_after_place = len(stem) > 1 and LATIN_TEXT.fullmatch(body[stem[1][2] : stem_end])
    if end == stem_end and stem[0][1].startswith("ns") and latin_after_place:
        return None
    return Candidate(doc_id, body[start:end], start, end, "ORG", weight, rule)


def place_sites(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A place, a short name and the word 网 is one organisation: 上海某某网 (not 中国互联网, 国家电网)."""
    out = list(cands)
    for place in cands:
        site = SITE.match(body, place.end) if place.rule == "lexicon" and place.type == "PLACE" else None
        if not site:
            continue
        tokens = pos_tokens(body[place.start : site.end() + 2], place.start)
        inner = [tok for tok in tokens if place.end <= tok[2] < site.end() - 1]
        words = {(w, s) for w, _, s in tokens}
        ends_word = ("网", site.end() - 1) in words and (body[place.start : place.end], place.start) in words
        if ends_word and inner and not any(f.startswith(STOP_TAGS) for _, f, _ in inner):
            out.append(
                replace(
                    place,
                    surface=body[place.start : site.end()],
                    end=site.end(),
                    type="ORG",
                    weight=3.0,
                    rule="place_site",
                )
            )
    return out


def placed_institutions(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A place, a short description and the head of a site or a local institution is one name (某某乡公所,
    某某区农业改良场, 某地海鲜市场), or a site of its own name in the place when the description holds a proper part
    (北京 + 某某亭公园; an institution is named with its place: 某县 + 某某蔬菜专业合作社): see `placed_heads`."""
    heads = cues().placed_heads
    names = sorted({c.start for c in cands if c.type in ("ORG", "PLACE", "MEDIA")})
    out = list(cands)
    for place in cands:
        joined = place.start > 0 and body[place.start - 1] in NAME_JOINERS  # 本- + 古里安: the place is a name's part
        found = _placed_head(body, place, names) if place.type == "PLACE" and not joined else None
        if found:
            head, description = found
            etype = heads[head.group()]
            own_name = etype == "PLACE" and description and has_proper_part(description, allow_place=True)
            start = description[0][2] if own_name else place.start
            surface = body[start : head.end()]
            out.append(Candidate(place.doc_id, surface, start, head.end(), etype, 3.0, "placed_site"))
    return out


def _placed_head(
    body: str, place: Candidate, names: list[int]
) -> tuple[re.Match, list[tuple[str, str, int]]] | None:
    """The first head of `placed_heads` within reach after the place and the description's words before it, past a
    description of nouns and names that holds no other name (甘肃 + 庆阳市某县图书馆: the county's library) and opens
    with no word of a kind (`placed_kind_words`), a kind's head after a known place only past two characters or more
    (`placed_kind_heads`)."""
    rules = cues()
    reach = place.end + rules.placed_head_reach
    for head in rules.placed_head.finditer(body, place.end, reach + 4):
        described = head.start() - place.end
        if head.start() > reach or not DESCRIPTION.fullmatch(body, place.end, head.start()):
            return None
        kind = any(body.startswith(rules.placed_kind_words, at) for at in (place.end, place.end - 1))  # 台北市 + 区
        first_name = bisect.bisect_left(names, place.end)  # `names`: the sorted starts of the other names
        if (first_name < len(names) and names[first_name] < head.start()) or kind:
            return None
        kind = head.group() in rules.placed_kind_heads and place.rule == "lexicon" and described < 2
        description = None if kind else _site_description(body, place, head)
        if description is not None:
            return head, description
    return None


def _site_description(body: str, place: Candidate, head: re.Match) -> list[tuple[str, str, int]] | None:
    """The description's words between the place (and its unit) and the head, where jieba starts a word at the place
    and ends one at the head, reads the head apart from the place when a description is between (乡 + 公所 may be one
    word: 乡公所), and the description as nouns and names only; None where it does not."""
    left = max(0, place.start - 4)
    tokens = pos_tokens(body[left : head.end() + 2], left)
    starts, ends = {pos for _, _, pos in tokens}, {pos + len(word) for word, _, pos in tokens}
    if place.start not in starts or head.end() not in ends:
        return None
    between = [(word, flag, pos) for word, flag, pos in tokens if pos + len(word) > place.end and pos < head.end()]
    with_unit = between[0][2] + len(between[0][0]) == place.end + 1 and body[place.end] in cues().local_units
    if head.start() > place.end and between[0][2] < place.end and not with_unit:
        return None  # the place's last word runs into the description (台 + 一生 + 态园), not its unit (杭州 + 市)
    words = [token for token in between if token[2] < head.start()]
    if any(flag.startswith(SITE_STOP_TAGS) for _, flag, _ in words):
        return None
    return [token for token in words if token[2] >= place.end and token[2] + len(token[0]) <= head.start()]


def school_departments(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A school and one of its departments right after it are one name, the department (某某大学历史系, 北大中文系):
    see `school_ends`."""
    rules = cues()
    out = list(cands)
    for school in cands:
        at_school = school.type == "ORG" and school.surface.endswith(rules.school_ends)
        end = _department_after(body, school) if at_school else None
        if end is None:
            continue
        campus = body[school.end : end].endswith(rules.school_campus_end)
        start, etype = (school.end, "PLACE") if campus else (school.start, "ORG")
        out.append(Candidate(school.doc_id, body[start:end], start, end, etype, 3.0, "school_department"))
    return out


def _department_after(body: str, school: Candidate) -> int | None:
    """Where the department's or campus's word after the school ends (jieba may read a department and its school as
    one word: 北大中文系), past nouns and 与 or 和 only; None without one."""
    rules = cues()
    tokens = pos_tokens(body[school.start : school.end + rules.school_department_reach], school.start)
    for word, flag, pos in tokens:
        if pos + len(word) <= school.end:
            continue
        if pos < school.start or (pos < school.end and pos != school.start):
            return None  # the school's name runs into another word
        tail = word[max(0, school.end - pos) :]
        ends = [rules.school_department_end] + [rules.school_campus_end] * (pos >= school.end)  # a campus is a word
        end = next((e for e in ends if tail.endswith(e)), None)
        if end and word not in rules.school_department_not and len(tail) > len(end):  # a name before the end (not 校区)
            return pos + len(word) if flag.startswith("n") else None
        if not (flag.startswith("n") or word in ("与", "和")):
            return None
    return None
