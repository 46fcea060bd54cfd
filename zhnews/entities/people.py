"""Chinese and transliterated personal names: after a title, a relation or an age, nicknames after kin words."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from zhnews import entity_cue_words, entity_tagger
from zhnews.entities.base import CJK, HAN_RUN, Candidate, alternation, cues, lexicon
from zhnews.entities.segment import (
    COMMON_WORD_FREQ,
    merged_names,
    name_char,
    pos_cut_hmm,
    pos_tokenizer,
    pos_tokens,
    rare_or_known,
    word_freq,
    word_tag,
)

SURNAME_NOT_TAGS = ("c", "p", "u", "d", "r")  # a surname character jieba reads as a conjunction, preposition...
DOTS = "·•‧・"  # the middle dots of a transliterated name (埃马德·莫斯塔克)


def translit_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Foreign names written in Chinese with a middle dot (埃马德·莫斯塔克), without a title's last character read
    into them (总理 + 马苏德·佩泽希齐扬: 理 is a transliteration character too)."""
    out = []
    for m in cues().translit.finditer(body):
        start = m.start() + _title_tail(body, m.start())
        out.append(Candidate(doc_id, body[start : m.end()], start, m.end(), "PERSON", 3.0, "translit"))
    return out


def _title_tail(body: str, start: int) -> int:
    """1 when the character at `start` ends a job title begun before it (总理, 经理), else 0."""
    titles = cues().titles
    return int(any(body.startswith(t, start + 1 - len(t)) for t in titles if len(t) > 1 and start + 1 >= len(t)))


def is_chinese_name(word: str) -> bool:
    """Surname (single or compound) plus one or two name characters, not a known name of something else."""
    rules = cues()
    if not 2 <= len(word) <= 4 or not HAN_RUN.fullmatch(word):
        return False
    surname_len = 2 if word[:2] in rules.compound_surnames else 1
    if surname_len == 1 and word[0] not in rules.surnames:
        return False
    return (
        len(word) - surname_len in (1, 2)
        and not any(ch in rules.name_breakers for ch in word[surname_len:])
        and word not in lexicon().cjk
    )


def person_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Chinese names right after a title (副总裁庄明浩), a relation or an age (邻居余某某, 59岁王某某). A name before a
    verb of saying (朱某表示) is the statistical tagger's: its windows hold every clause with such a verb the budget
    allows, and it names them as well as jieba's HMM did here (the same recall on the real-news gold, 5% of the
    stage's time saved)."""
    rules = cues()
    out = []
    for match in rules.title.finditer(body):
        out += _name_after_cue(doc_id, body, match, after_relation=False)
    for match in rules.relation.finditer(body):
        out += _name_after_cue(doc_id, body, match, after_relation=True)
    return out


def _name_after_cue(doc_id: str, body: str, match: re.Match, after_relation: bool) -> list[Candidate]:
    """The name right after a title or relation: before a verb of saying, else up to a break or, after a title, as
    the HMM cuts it (a relation word is common: the HMM is not asked there)."""
    between = _name_between_title_and_verb(body, match.end())
    if between:
        return [Candidate(doc_id, body[match.end() : between], match.end(), between, "PERSON", 3.5, "title_name_verb")]
    if not _could_start_name(body, match.end(), None):
        return []
    if after_relation:
        return _name_before_break(doc_id, body, match.end())
    spaced = _name_before_space(doc_id, body, match.end())
    if spaced:
        return spaced
    window = body[match.start() : match.end() + 4]
    found = _names_in_window(doc_id, body, window, match.start(), after=match.end())
    return found or _name_before_break(doc_id, body, match.end())


def names_with_zhi(body: str, cands: list[Candidate]) -> list[Candidate]:
    """之 after a two-character name is its last character unless it starts a word (陈某之 vs 王某之后)."""
    out = []
    for cand in cands:
        end = cand.end
        zhi = cand.type == "PERSON" and len(cand.surface) == 2 and body[end : end + 1] == "之"
        if zhi and not word_freq(body[end : end + 2]) and not word_freq(body[end : end + 3]):
            cand = replace(cand, surface=body[cand.start : end + 1], end=end + 1)
        out.append(cand)
    return out


def _name_before_break(doc_id: str, body: str, start: int) -> list[Candidate]:
    """A two- or three-character name after a title, ended by punctuation or a function word (总裁柯文远在), or by a
    one-character verb and its aspect particle (部长黄润秋作了, 太太许锐听了; not a verb that ends a word begun in the
    name, 朱令 + 考取了); not by a particle alone (儿子车祸走了: a verb phrase, no name)."""
    for end in (start + 3, start + 2):
        after = body[end : end + 1]
        ends = not after or after in cues().name_breakers or not re.match(f"[{CJK}]", after)
        one_verb = _aspect_particle(body, end + 1) and not word_freq(body[end - 1 : end + 1])  # not 朱令 + 考取了
        ends = (ends and not _aspect_particle(body, end)) or one_verb
        name = body[start:end]
        common = _word_after_surname(name) or not all(rare_or_known(part) for part in (name[:2], name[-2:]))
        if ends and _could_start_name(body, start, end) and is_chinese_name(name) and not common:
            return [Candidate(doc_id, name, start, end, "PERSON", 2.0, "title_name")]
    return []


def _aspect_particle(body: str, i: int) -> bool:
    """Whether the character at `i` is an aspect particle (了, 着, 过: see `aspect_particles`) that starts no word
    (过往, 了解)."""
    return body[i : i + 1] in tuple(cues().aspect_particles) and not word_freq(body[i : i + 2])


def _name_before_space(doc_id: str, body: str, start: int) -> list[Candidate]:
    """A two- or three-character name after a title and before a space: credit lines list their reporters so
    (记者吴光于 康某某 袁某), and the space, not jieba's cut (吴光 + 于), ends the name."""
    for end in (start + 3, start + 2):
        name = body[start:end]
        if body[end : end + 1] in (" ", "\u3000") and len(name) == end - start and is_chinese_name(name):
            return [Candidate(doc_id, name, start, end, "PERSON", 3.0, "spaced_name")]
    return []


def _word_after_surname(name: str) -> bool:
    """Whether what follows the surname is a common word, not a given name (向 + 警方, 和 + 我们)."""
    given = name[2:] if name[:2] in cues().compound_surnames else name[1:]
    return word_freq(given) >= COMMON_WORD_FREQ and not word_tag(given).startswith("nr")


def _name_between_title_and_verb(body: str, start: int) -> int | None:
    """End of a name squeezed between a title and a verb of saying (教授欧阳明轩指出), else None."""
    for end in (start + 2, start + 3, start + 4):
        verb = cues().speech.match(body, end)
        name = body[start:end]
        if verb and _could_start_name(body, start, end) and is_chinese_name(name) and not _word_after_surname(name):
            return end
    return None


def _could_start_name(body: str, start: int, end: int | None) -> bool:
    """Cheap test before jieba's HMM: a surname at `start`, then name characters (up to `end` if given)."""
    rules = cues()
    if start < 0 or start + 2 > len(body):
        return False
    surname = 2 if body[start : start + 2] in rules.compound_surnames else 1
    if surname == 1 and body[start] not in rules.surnames:
        return False
    rest = body[start + surname : end] if end is not None else body[start + surname : start + surname + 1]
    return (
        bool(rest)
        and len(rest) <= 2
        and all("\u4e00" <= ch <= "\u9fff" and ch not in rules.name_breakers for ch in rest)
    )


def _names_in_window(doc_id: str, body: str, window: str, offset: int, after: int) -> list[Candidate]:
    """Names that jieba (with HMM, on this short window only) tags nr, starting at `after`.

    The HMM is asked only when a possible name of two to four characters starts there."""
    possible = [
        (after, after + n)
        for n in (2, 3, 4)
        if after + n <= offset + len(window) and is_chinese_name(body[after : after + n])
    ]
    if not possible:
        return []
    out = []
    for word, flag, start in merged_names(pos_cut_hmm(window), offset):
        if start == after and flag.startswith("nr") and is_chinese_name(word):
            out.append(Candidate(doc_id, word, start, start + len(word), "PERSON", 3.0, "cue_name"))
    return out


@cache
def nickname_pattern() -> tuple[re.Pattern, str]:
    """Kin or social word + 小/阿 + one character (rules/entity_cues.yaml `nickname_cues`), and the numerals that
    are never a nickname's second character."""
    raw = entity_cue_words.entity_cues()
    prefixes = "".join(entity_tagger.rules().nickname_prefixes)
    return re.compile(rf"(?:{alternation(raw['nickname_cues'])})([{prefixes}][{CJK}])"), raw["nickname_not_second"]


def nickname_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Nicknames right after a kin or social word: 大女儿小君说, 邻居阿华说 (see `nickname_cues`)."""
    pattern, numerals = nickname_pattern()
    out = []
    for match in pattern.finditer(body):
        start, end = match.span(1)
        word, next_word = match.group(1), body[start + 1 : end + 1]
        common = word_freq(word) >= COMMON_WORD_FREQ or (
            len(next_word) == 2 and word_freq(next_word) >= COMMON_WORD_FREQ
        )
        if not common and word[1] not in numerals:
            out.append(Candidate(doc_id, word, start, end, "PERSON", 1.5, "nickname"))
    return out


def address_forms(body: str, cands: list[Candidate]) -> list[Candidate]:
    """Nicknames and given names with a kin word of respect (阿金婆, 春婵姐: see `address_suffixes`), the bare name
    elsewhere in the document linked to that form; not the given name of a full name the document gives (王峭岭:
    峭岭姐 is its name part and a kin word)."""
    suffixes = cues().address_suffixes
    prefixes = entity_tagger.rules().nickname_prefixes
    starts = {c.start for c in cands}
    parts = {c.surface[-2:] for c in cands if c.type == "PERSON" and len(c.surface) == 3}
    longer: dict[str, str] = {}
    out = []
    for c in cands:
        kin = body[c.end : c.end + 1]
        pair = body[c.end : c.end + 2]
        given = c.surface.startswith(prefixes) or c.surface[0] not in cues().surnames  # 阿金, 春婵: no surname
        given = given and c.surface not in parts  # 峭岭姐 with 王峭岭 named: the name part, linked to the full name
        is_form = c.type == "PERSON" and len(c.surface) == 2 and given and kin in suffixes
        if is_form and pair != kin * 2 and word_freq(pair) < COMMON_WORD_FREQ and c.end not in starts:
            c = replace(c, surface=c.surface + kin, end=c.end + 1)
            longer[c.surface[:2]] = c.surface
        out.append(c)
    return [
        replace(c, link=longer[c.surface], link_scope="doc") if c.surface in longer and not c.link else c for c in out
    ]


def with_unknown_names(doc_id: str, body: str, found: list[Candidate]) -> list[Candidate]:
    """The candidates and unknown names (surname + two characters jieba joins to no word: see
    `unknown_name_not_last`) where no candidate is."""
    covered = bytearray(len(body) + 1)
    for c in found:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    names = [c for c in _unknown_names(doc_id, body) if not any(covered[c.start : c.end])]
    return found + names


def _unknown_names(doc_id: str, body: str) -> list[Candidate]:
    """Surname + two characters where no two of the three make a dictionary word (a cheap test first), then the
    clause around them cut by jieba: three single-character tokens of name characters, alone in their run."""
    rules = cues()
    freq = pos_tokenizer().tokenizer.FREQ
    out = []
    for match in _surname_char().finditer(body):
        start = match.start()
        word = body[start : start + 3]
        if freq.get(word[:2]) or freq.get(word[1:]) or freq.get(word) or len(word) < 3:
            continue
        if word[1] in rules.unknown_name_not_second or word[2] in rules.unknown_name_not_last:
            continue
        if not is_chinese_name(word):
            continue
        left = max(0, start - 4)
        tokens = pos_tokens(body[left : start + 7], left)
        at = next((i for i, t in enumerate(tokens) if t[2] == start), None)
        if at is not None and _alone_in_run(tokens, at):
            out.append(Candidate(doc_id, word, start, start + 3, "PERSON", 1.0, "unknown_name"))
    return out


@cache
def _surname_char() -> re.Pattern:
    """A surname before two Chinese characters that may end an unknown name (a cheap filter for the regex engine:
    neither is a character `unknown_name_not_second` or `unknown_name_not_last` excludes, nor the last a breaker)."""
    rules = cues()
    not_second = _chars(rules.unknown_name_not_second)
    not_last = _chars(rules.unknown_name_not_last | rules.name_breakers)
    return re.compile(f"[{_chars(cues().surnames)}](?=(?![{not_second}])[{CJK}](?![{not_last}])[{CJK}])")


def _chars(words: frozenset[str]) -> str:
    """The single characters of `words` for a character class."""
    return "".join(sorted(re.escape(w) for w in words if len(w) == 1))


def _alone_in_run(tokens: list[tuple[str, str, int]], at: int) -> bool:
    """Tokens at, at+1, at+2 are single name characters, the first no function word, the tokens around them not
    single name characters (a longer unknown run is something else)."""
    if at + 2 >= len(tokens) or tokens[at][1].startswith(SURNAME_NOT_TAGS) or len(tokens[at][0]) != 1:
        return False
    single = [len(t[0]) == 1 and name_char(t) for t in tokens]
    before = at > 0 and single[at - 1]
    after = at + 3 < len(tokens) and single[at + 3]
    return single[at + 1] and single[at + 2] and not before and not after


def _ends_a_word(body: str, i: int) -> bool:
    """Whether jieba reads the character at `i` as the end of a word begun before it (照顾 + 先生: caring for her
    husband, 牧师 + 太太: the pastor's wife): no surname then. Only a dictionary word can: without one, jieba is not
    asked."""
    if i == 0 or not any(word_freq(body[s : i + 1]) for s in range(max(0, i - 3), i)):
        return False
    left = max(0, i - 3)
    return any(pos < i and pos + len(word) == i + 1 for word, _, pos in pos_tokens(body[left : i + 3], left))


def within_document_names(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A person read with the text next to it is cut to the person the document names alone elsewhere (王攀 + 怼天怼,
    和 + 王攀, 某某 + 仍): a name the document gives standing alone bounds its other readings.
    Not where that name never stands alone (陈光 read only inside 陈光中: the shorter reading is the error), nor a
    surname before a given name read alone (李 + 文足: the full name)."""
    alone = _names_alone(body, cands)
    return [_bounded(body, c, alone) if c.type == "PERSON" else c for c in cands]


def _names_alone(body: str, cands: list[Candidate]) -> dict[str, set[tuple[str, str]]]:
    """Each Chinese or transliterated person's name of the document -> the (character before, character after) of
    its readings."""
    out: dict[str, set[tuple[str, str]]] = {}
    for c in cands:
        if c.type == "PERSON" and (is_chinese_name(c.surface) or _foreign(c.surface)):
            out.setdefault(c.surface, set()).add((body[c.start - 1 : c.start], body[c.end : c.end + 1]))
    return out


def _foreign(surface: str) -> bool:
    """Three characters or more, all transliteration characters (巴沙尔)."""
    return len(surface) >= 3 and _foreign_part(surface)


def _bounded(body: str, cand: Candidate, alone: dict[str, set[tuple[str, str]]]) -> Candidate:
    """`cand` cut to the longest name of `alone` it starts or ends with and that stands elsewhere without the rest;
    not a dotted foreign name (加夫列尔·博里奇) nor one whose rest is all transliteration characters (杰森 + 史塔森: a
    given name, as 施 + 瓦尔布 is part of one)."""
    surface = cand.surface
    if any(dot in surface for dot in DOTS):
        return cand
    for size in range(len(surface) - 1, 1, -1):
        name, tail = surface[:size], surface[size:]
        if any(after != tail[0] for _, after in alone.get(name, ())) and not _foreign_part(tail):
            return replace(cand, surface=name, end=cand.start + size)
        name, head = surface[-size:], surface[:-size]
        if any(before != head[-1] for before, _ in alone.get(name, ())) and not _surname_before(head, name):
            return cand if _foreign_part(head) else replace(cand, surface=name, start=cand.end - size)
    return cand


def _foreign_part(text: str) -> bool:
    """All transliteration characters: a part of a foreign name."""
    return all(ch in entity_tagger.rules().translit_chars for ch in text)


def _surname_before(head: str, name: str) -> bool:
    """Whether `head` is a surname and `name` a given name read alone (李 + 文足), not a full name (和 + 王攀)."""
    rules = cues()
    surname = head in rules.surnames and head not in rules.honorific_not_surname
    return (surname or head in rules.compound_surnames) and is_chinese_name(head + name)


def honorific_references(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates and honorific references where none is (see `honorific_words`), each reference (found here or
    by another source) linked to the document's one full name with that surname, else a person of this document
    only (link_scope 'local', link = doc_id)."""
    pattern = cues().honorific_reference
    covered = bytearray(len(body) + 1)
    for c in cands:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    full: dict[str, set[str]] = {}
    for c in cands:
        if c.type == "PERSON" and is_chinese_name(c.surface) and not pattern.fullmatch(c.surface):
            full.setdefault(c.surface[0], set()).add(c.surface)
    found = [
        Candidate(doc_id, m.group(), m.start(), m.end(), "PERSON", 1.0, "honorific")
        for m in pattern.finditer(body)
        if not any(covered[m.start() : m.end()])
        and m.group()[0] not in cues().honorific_not_surname
        and not _ends_a_word(body, m.start())
    ]
    out = []
    for c in cands + found:
        if c.type == "PERSON" and not c.link and pattern.fullmatch(c.surface):
            names = full.get(c.surface[0], set())
            link, scope = (next(iter(names)), "doc") if len(names) == 1 else (doc_id, "local")
            c = replace(c, link=link, link_scope=scope)
        out.append(c)
    return out
