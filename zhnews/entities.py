"""Entity mention candidates per document: lexicon, Latin-script names and cue-word rules over jieba.

`extract_mentions` finds candidates in a batch of (doc_id, body) pairs; `zhnews.aliases.resolve_entities`
then merges them corpus-wide into entities. Offsets are character offsets into the body.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from zhnews import entity_tagger

if TYPE_CHECKING:
    import jieba.posseg

RULES = Path(__file__).parent / "rules"
RULE_FILES = ("lexicon.yaml", "entity_cues.yaml", "entity_tagger.yaml")  # extraction rules (not aliases.yaml)
TYPES = ("PERSON", "ORG", "PRODUCT", "PLACE", "MEDIA")
JIEBA_TAGS = {"PERSON": "nr", "ORG": "nt", "PRODUCT": "nz", "PLACE": "ns", "MEDIA": "nt"}

CJK = r"\u4e00-\u9fff"
# `DALL- E2`: a typed hyphen; `O’Brien`, `O‘Brien`: a typeset apostrophe; `Copilot+PC`, `UltraScale+`: a plus in a brand
LATIN_WORD = r"[A-Za-z][A-Za-z0-9]*(?:(?:[-'‘’.&+]|- (?=[A-Z0-9]))[A-Za-z0-9]+)*\+?"
# a model number after a name (`Nimbus 4`, `Ultra 7 165U`, `Zynq 7000`), not an amount or a date (`iPhone 2023年`)
VERSION = r"\d{1,4}(?:\.\d)?[A-Za-z]{0,3}(?![0-9])(?!\s*[年月日号万亿元%％])"
SERIAL_CODE = re.compile(r"[A-Z]{1,2}\d{4,}")  # a case, file or article number (A3584), not a model (A380)
INITIAL = r"[A-Z]\.(?= [A-Z])"  # a middle initial: `Frederick A. Praeger`
LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9]){LATIN_WORD}(?: (?:{INITIAL}|{LATIN_WORD}|{VERSION}))*")
# the lookbehind stops an address match from starting inside a long run (quadratic time otherwise)
URL = re.compile(r"(?:https?://|www\.)[!-~]+|(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+")
CLAUSE_END = re.compile(r"[，。；！？：、,;!?:\n“”\"「」『』（）()]")
SENTENCE_END = re.compile(r"[。！？!?\n]")
OPENERS = ' \t“"「『‘(（'
CLOSERS = ' \t”"」』’)）'
CAMEL_PART = re.compile(r"[A-Z][a-z]+")
ABBREVIATION = re.compile(
    r"[(（]\s*(?:以下|下文|下|后文)?(?:简称为?|称为?|简写为?)\s*[“\"「『‘]?\s*([^”\"」』’)）\s，,]{1,20}?)\s*[”\"」』’]?\s*[)）]"
)
BARE_ACRONYM = re.compile(r"[(（]\s*([A-Z][A-Za-z0-9&]{1,7})\s*[)）]")
INNER_BRACKET = re.compile(r"[(（][\u4e00-\u9fff]{1,4}[)）]$")  # 某某（集团）有限公司, 某某（中国）有限公司
BARE_SHORT = re.compile(r"[(（]\s*([\u4e00-\u9fff]{2,5})\s*[)）]")  # 乘用车市场信息联席会（乘联会）
BRACKETED_LATIN = re.compile(rf"[(（]\s*({LATIN_WORD}(?: {LATIN_WORD})*)\s*[)）]")
FORMER_NAME = re.compile(r"[(（]\s*(?:原|前身为|原名|旧称|原称)\s*[“\"「]?([^)）”\"」]{1,20})[”\"」]?\s*[)）]")
# the new name before `(原...)` when no rule found it: a whole capitalised Latin word or a whole short CJK run
FORMER_NAME_NEW = re.compile(
    rf"(?:(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:[-'.&][A-Za-z0-9]+)*|(?<![{CJK}])[{CJK}]{{2,6}})$"
)
REPORTED_BY = re.compile(r"(?:据|援引|根据)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:报道|消息称|援引|独家)")
BOOK_TITLE = re.compile(r"《([^《》\n]{1,15})》")
MODEL_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z]{0,3}\d{1,4}[A-Za-z]{0,3}(?![A-Za-z0-9])")
SITE = re.compile(rf"[{CJK}]{{1,4}}?网")
QUOTED = re.compile(r"[“\"「]([^”\"」\n]{2,12})[”\"」]")
STOP_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "x", "f", "t", "y", "e", "o", "w")  # POS prefixes ending a stem
DESCRIPTION_TAGS = ("p", "c", "u", "d", "r", "m", "q", "x", "f", "t", "y", "e", "o", "w", "a")  # not in a name
LEGAL_STOP_TAGS = ("p", "c", "u", "d", "r", "m", "q", "x", "t", "y", "e", "o", "w")  # verbs checked by frequency
PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "nt", "nz")
NAME_CHAR_TAGS = ("n", "g", "z", "j")  # single characters that may be part of an unknown name (not verbs, adverbs...)
PHRASE_CHARS = set("很太最更非不没也都就才又还吗呢吧啊多几两数各每某一二三四五六七八九十")
RARE_WORD_FREQ = 1000  # jieba dictionary frequency below which a tagged proper noun is trusted
RARE_PLACE_FREQ = 50  # a place word this rare in a company name is a brand (百川智能), not a location
RARE_STEM_FREQ = 300  # a firm's stem (启明创投, 源码资本) of words rarer than this is no common phrase
GENERIC_HEADS = {
    "团队",
    "公司",
    "企业",
    "政府",
    "方面",
    "官方",
    "行业",
    "业内",
    "媒体",
    "部门",
    "内部",
    "人士",
    "社区",
    "高层",
    "管理层",
    "董事会",
    "员工",
    "用户",
    "市场",
    "产业",
    "领域",
    "国家",
    "地区",
    "有关",
    "相关",
    "新闻",
}


@dataclass(frozen=True)
class Candidate:
    """One possible entity mention: where it is, what type the context suggests, and how strongly."""

    doc_id: str
    surface: str
    start: int
    end: int
    type: str
    weight: float
    rule: str
    link: str | None = None  # surface of the entity this mention is another name of
    link_scope: str | None = None  # 'doc' (abbreviation, part of a name) or 'corpus' (translation, former name)


@dataclass(frozen=True)
class Lexicon:
    """Known names by normalised key, and the Chinese-script ones for scanning."""

    by_key: dict[str, tuple[str, str]]  # name_key -> (canonical name, type)
    cjk: dict[str, tuple[str, str]]  # surface -> (canonical name, type), names holding a CJK character
    cjk_lengths: tuple[int, ...]
    cjk_first: re.Pattern  # a character that starts a Chinese-script name
    starts: frozenset[str]  # the first two characters of every Chinese-script name (one for a one-character name)
    lengths_by_first: dict[str, tuple[int, ...]]  # first character -> lengths of the names it starts, longest first


@dataclass(frozen=True)
class Cues:
    """Compiled cue-word rules from rules/entity_cues.yaml."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    name_breakers: frozenset[str]
    translit: re.Pattern
    title: re.Pattern
    state: re.Pattern  # a transliterated name and 州: a foreign state (得克萨斯州)
    titles: frozenset[str]
    title_prefixes: frozenset[str]  # 首席, 现任...: they end an organisation's stem (某银行首席中国经济学家)
    title_words: tuple[str, ...]
    org_kinds: tuple[str, ...]  # generic kinds of organisation (公司, 风投, 平台), not institutions (大学)
    speech: re.Pattern
    speech_verbs: frozenset[str]
    org_suffix: re.Pattern
    strict_suffixes: frozenset[str]
    latin_org_words: frozenset[str]
    latin_titles: frozenset[str]
    latin_separators: frozenset[str]
    latin_concepts: frozenset[str]
    left_cues: dict[str, str]  # cue word -> type
    right_cues: dict[str, str]
    left_cue: re.Pattern  # the longest left cue at the end of a text
    any_left_cue: re.Pattern  # a left cue anywhere
    right_cue: re.Pattern  # the longest right cue at the start of a text
    product_left: tuple[re.Pattern, ...]
    product_right: re.Pattern
    media_suffixes: tuple[str, ...]
    media_left: tuple[str, ...]
    media_right: tuple[str, ...]
    not_media_suffixes: tuple[str, ...]
    reporter_suffixes: tuple[str, ...]
    given_names: frozenset[str]
    quoted_cues: dict[str, str]  # noun before a quoted name -> the name's type
    quoted_cue: re.Pattern
    descriptors: tuple[str, ...]  # words that describe a product rather than name it (开源, 多模态)
    legal_suffixes: tuple[str, ...]
    strong_suffixes: frozenset[str]
    generic_firm_stems: frozenset[str]
    role_words: frozenset[str]
    firm_left: re.Pattern  # a funding cue or a list conjunction at the end of the text before a firm
    firm_right: re.Pattern  # ... at the start of the text after it
    branch_places: frozenset[str]
    institution_heads: tuple[str, ...]
    corporate_endings: tuple[str, ...]
    product_nouns: re.Pattern  # a noun before a Chinese-script product name
    org_nouns: re.Pattern  # a noun before a Chinese-script company name
    product_after: re.Pattern  # rare word + product head (混元大模型)
    product_nouns_left: tuple[str, ...]
    title_product_left: tuple[str, ...]
    title_product_right: tuple[re.Pattern, ...]
    datelines: tuple[re.Pattern, ...]
    style_suffixes: frozenset[str]  # a place name and one of these is a style (中国式), not the place


def rules_fingerprint() -> str:
    """Hash of the extraction rule files and of this module's code: when it changes, stored candidates are stale."""
    digest = hashlib.sha1(Path(__file__).read_bytes() + Path(entity_tagger.__file__).read_bytes())
    for name in RULE_FILES:
        digest.update((RULES / name).read_bytes())
    return digest.hexdigest()[:16]


def name_key(surface: str) -> str:
    """Compare names case-, width- and space-insensitively (`Open AI` = `OpenAI`, `比尔·盖茨` = `比尔盖茨`)."""
    text = unicodedata.normalize("NFKC", surface).lower()
    return re.sub(r"[\s·•‧・\-_.]", "", text)


def _load(name: str) -> dict:
    return yaml.safe_load((RULES / name).read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon of widely known names (rules/lexicon.yaml)."""
    by_key: dict[str, tuple[str, str]] = {}
    cjk: dict[str, tuple[str, str]] = {}
    for etype, items in _load("lexicon.yaml").items():
        for names in items:
            for name in names:
                by_key.setdefault(name_key(name), (names[0], etype))
                if re.search(f"[{CJK}]", name):
                    cjk.setdefault(name, (names[0], etype))
    lengths = tuple(sorted({len(n) for n in cjk}, reverse=True))
    first = re.compile("[" + "".join(sorted({re.escape(n[0]) for n in cjk})) + "]")
    by_first: dict[str, set[int]] = {}
    for name in cjk:
        by_first.setdefault(name[0], set()).add(len(name))
    by_length = {ch: tuple(sorted(ns, reverse=True)) for ch, ns in by_first.items()}
    return Lexicon(by_key, cjk, lengths, first, frozenset(n[:2] for n in cjk), by_length)


@cache
def cues() -> Cues:
    """The cue-word rules (rules/entity_cues.yaml), compiled once."""
    raw = _load("entity_cues.yaml")
    titles = raw["titles"]
    prefixes = _alternation(raw["title_prefixes"])
    return Cues(
        surnames=frozenset(raw["surnames"].replace(" ", "")),
        compound_surnames=frozenset(raw["compound_surnames"]),
        name_breakers=frozenset(raw["name_breakers"]),
        translit=re.compile(
            rf"[{raw['translit_chars'].replace(' ', '')}]{{1,6}}"
            rf"(?:[·•‧・][{raw['translit_chars'].replace(' ', '')}]{{1,8}})+"
        ),
        state=re.compile(
            rf"(?:(?<![{CJK}])|(?<=[在于的和与、从到至及赴国]))[{raw['translit_chars'].replace(' ', '')}]{{2,6}}州"
        ),
        title=re.compile(rf"(?:{prefixes})*(?:{_alternation(titles)})"),
        titles=frozenset(titles),
        title_prefixes=frozenset(raw["stem_ending_prefixes"]),
        title_words=tuple(titles),
        org_kinds=tuple(
            k for k in raw["left_cues"]["ORG"] if k not in raw["org_suffixes"] or k in raw["org_suffixes_strict"]
        ),
        speech=re.compile(_alternation(raw["speech_verbs"])),
        speech_verbs=frozenset(raw["speech_verbs"]),
        org_suffix=re.compile(_alternation(raw["org_suffixes"])),
        strict_suffixes=frozenset(raw["org_suffixes_strict"]),
        latin_org_words=frozenset(raw["latin_org_words"]),
        latin_titles=frozenset(raw["latin_titles"]),
        latin_separators=frozenset(raw["latin_separators"]),
        latin_concepts=frozenset(name_key(w) for w in raw["latin_concepts"]),
        left_cues=_cue_types(raw["left_cues"]),
        right_cues=_cue_types(raw["right_cues"]),
        left_cue=re.compile(f"(?:{_alternation(_cue_types(raw['left_cues']))})$"),
        any_left_cue=re.compile(_alternation(_cue_types(raw["left_cues"]))),
        right_cue=re.compile(f"^(?:{_alternation(_cue_types(raw['right_cues']))})"),
        product_left=tuple(re.compile(p) for p in raw["product_left_patterns"]),
        product_right=re.compile(
            r"^\s*(?:[、和与及]\s*[^，。；、]{1,20}?)*\s*等(?:模型|产品|工具|应用|软件)|^的[^，。；、]{0,8}"
            r"(?:模型|工具|生成器|产品|软件|应用|插件|芯片)|^[\u4e00-\u9fff]{0,3}[版款](?![权面图块式])"
        ),
        media_suffixes=tuple(raw["media_suffixes"]),
        media_left=tuple(raw["media_left_cues"]),
        media_right=tuple(raw["media_right_cues"]),
        not_media_suffixes=tuple(raw["not_media_suffixes"]),
        reporter_suffixes=tuple(raw["reporter_suffixes"]),
        given_names=frozenset(raw["given_names"]),
        quoted_cues=_cue_types(raw["quoted_cues"]),
        descriptors=tuple(raw["product_descriptors"]),
        quoted_cue=re.compile(f"(?:{_alternation(_cue_types(raw['quoted_cues']))})$"),
        legal_suffixes=tuple(raw["legal_suffixes"]),
        strong_suffixes=frozenset(raw["strong_suffixes"]),
        generic_firm_stems=frozenset(raw["generic_firm_stems"]),
        role_words=frozenset(raw["role_words"]),
        firm_left=re.compile(f"(?:{_alternation(raw['firm_cues_left'] + ['、', '和', '与', '及'])})$"),
        firm_right=re.compile(f"^(?:{_alternation(raw['firm_cues_right'] + ['、', '和', '与', '及'])})"),
        branch_places=frozenset(raw["branch_places"]),
        institution_heads=tuple(raw["institution_heads"]),
        corporate_endings=tuple(sorted(raw["corporate_endings"], key=len, reverse=True)),
        product_nouns=re.compile(_alternation(raw["product_nouns"])),
        org_nouns=re.compile(_alternation(raw["org_nouns"])),
        product_after=re.compile(rf"([{CJK}]{{2,4}}?)(?:{_alternation(raw['product_heads'])})"),
        product_nouns_left=tuple(raw["left_cues"]["PRODUCT"]),
        title_product_left=tuple(raw["title_product_left"]),
        title_product_right=tuple(re.compile(p) for p in raw["title_product_right"]),
        datelines=tuple(re.compile(p, re.M) for p in raw["dateline_patterns"]),
        style_suffixes=frozenset(raw["style_suffixes"]),
    )


def _cue_types(by_type: dict[str, list[str]]) -> dict[str, str]:
    """cue word -> type; a word listed under two types keeps the first."""
    out: dict[str, str] = {}
    for etype, words in by_type.items():
        for cue in words:
            out.setdefault(cue, etype)
    return out


@cache
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """A private jieba tokenizer whose user dictionary holds the lexicon, with entity POS tags."""
    import jieba  # here, not on top: the run process seldom tokenizes (pool workers do), and jieba costs 0.25 s
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for surface, (_, etype) in lexicon().cjk.items():
        tokenizer.add_word(surface, freq=None, tag=JIEBA_TAGS[etype])
    return jieba.posseg.POSTokenizer(tokenizer)


def extract_mentions(docs: list[tuple[str, str]]) -> list[Candidate]:
    """Entity mention candidates for a batch of (doc_id, body) pairs, sorted by document and offset."""
    tagged = entity_tagger.tag_documents(docs)  # the statistical tagger runs on the whole batch at once
    return [cand for doc_id, body in docs for cand in extract_document(doc_id, body, tagged[doc_id])]


def extract_document(doc_id: str, body: str, tagged: list[tuple[int, int, str]] | None = None) -> list[Candidate]:
    """Candidates for one document body; `tagged` are the tagger's names in it (found here when None)."""
    tagged = entity_tagger.tag_documents([(doc_id, body)])[doc_id] if tagged is None else tagged
    found = (
        _latin_candidates(doc_id, body)
        + _lexicon_candidates(doc_id, body)
        + _media_candidates(doc_id, body)
        + _translit_candidates(doc_id, body)
        + _names_with_zhi(body, _person_candidates(doc_id, body))
        + _org_candidates(doc_id, body)
        + _bracket_names(doc_id, body)
        + _quoted_candidates(doc_id, body)
        + _book_title_products(doc_id, body)
        + _noun_names(doc_id, body)
        + _brand_models(doc_id, body)
        + _nickname_candidates(doc_id, body)
    )
    found = _with_tagger_names(doc_id, body, tagged, found)
    found = _with_admin_places(doc_id, body, found)
    found = _known_name_heads(body, _extended_known_names(body, _place_sites(body, found)))
    found = _products_after_orgs(body, _with_branch_places(found, body))
    found = _bracketed_chinese_names(body, found)
    blocked = [(m.start(), m.end()) for m in URL.finditer(body)] + _datelines(body)
    found = [c for c in found if not any(s < c.end and c.start < e for s, e in blocked)]
    chosen = _drop_glosses(body, _without_overlaps(found))
    chosen = _link_pairs(body, chosen)
    chosen = _link_former_names(doc_id, body, chosen)
    chosen = _link_abbreviations(doc_id, body, chosen)
    chosen = _link_name_parts(doc_id, body, chosen)
    chosen = _repeat_surfaces(doc_id, body, chosen)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _with_tagger_names(
    doc_id: str, body: str, tagged: list[tuple[int, int, str]], found: list[Candidate]
) -> list[Candidate]:
    """The rules' candidates and the tagger's names where no rule found one (the rules know this genre's names and
    types better), except where the tagger reads a rule's organisation as two names (教育部陈宝生 = 教育部 + 陈宝生)
    or reads an organisation named after its place (上海 + 证监局, not 德国 + 大学): its reading replaces the
    rule's there."""
    names = [
        Candidate(doc_id, body[a:b], a, b, t, 2.0, "tagger") for a, b, t in tagged if _tagged_name_ok(body, a, b, t)
    ]
    rules = entity_tagger.rules()
    kinds = rules.institution_ends + rules.place_bodies
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
        place_first = named_after and not two_names
        if name.type == "ORG" and inside and place_first:
            displaced.update(id(c) for c in overlapping)
    displaced.update(key for key, count in held.items() if count >= 2)
    kept = [c for c in found if id(c) not in displaced]
    covered = bytearray(len(body) + 1)
    for c in kept:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    known = {c.surface for c in kept}
    return kept + [n for n in names if not any(covered[n.start : n.end]) and n.surface not in known]


def _tagged_name_ok(body: str, start: int, end: int, etype: str) -> bool:
    """A tagged span is a name when it holds a Chinese character (the Latin rules are better), is no credit
    (记者 X), no honorific reference (张先生) and no common phrase: a person is a surname name or rare word,
    an organisation ends like an institution (国家电影局) or, like a place, holds a proper noun or an unknown word
    (not 新能源汽车, AI初创公司)."""
    surface = body[start:end]
    rules = entity_tagger.rules()
    if not re.search(f"[{CJK}]", surface) or rules.credit_before.search(body, max(0, start - 6), start):
        return False
    if etype == "PLACE" and (body[end : end + 1] in cues().style_suffixes or body.startswith(rules.time_zones, end)):
        return False
    if etype == "PERSON":
        nickname = len(surface) == 2 and surface.startswith(rules.nickname_prefixes)  # 阿兰, though a place in jieba
        if nickname and surface[1] in _nickname_pattern()[1]:  # 小五: a school grade
            return False
        tag = pos_tokenizer().word_tag_tab.get(surface, "nr")  # a dictionary word tagged otherwise: 可可 (v), 沈家 (ns)
        name_like = _is_chinese_name(surface) or _rare_or_known(surface)
        return not surface.endswith(rules.honorifics) and (nickname or tag.startswith("nr")) and name_like
    if etype == "ORG" and len(surface) >= 4 and surface.endswith(rules.institution_ends):
        return True
    tokens = _tokens(surface, start)
    proper_place = etype == "PLACE" and any(f.startswith("ns") and len(w) > 1 for w, f, _ in tokens)
    return proper_place or _has_proper_part(tokens, allow_place=etype == "PLACE")


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest (then strongest) candidate wherever candidates overlap."""
    taken: list[Candidate] = []
    covered = bytearray(max((c.end for c in cands), default=0))
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), -c.weight, c.start)):
        if not any(covered[cand.start : cand.end]):
            covered[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            taken.append(cand)
    return taken


def _clause_start(body: str, pos: int, reach: int = 30) -> int:
    """Start of the clause holding `pos`, looking back at most `reach` characters."""
    floor = max(0, pos - reach)
    return max((m.end() for m in CLAUSE_END.finditer(body, floor, pos)), default=floor)


# ---------------------------------------------------------------- Latin-script names


def _latin_heavy_lines(body: str) -> list[tuple[int, int]]:
    """Lines that are mostly Latin text (appended English headlines): only lexicon names count there."""
    spans, pos = [], 0
    for line in body.split("\n"):
        letters = len(re.findall(r"[A-Za-z]", line))
        cjk = len(re.findall(f"[{CJK}]", line))
        if letters > 40 and cjk < 0.2 * letters:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _latin_pieces(match: re.Match) -> list[tuple[int, int]]:
    """Split a Latin run at title words and conjunctions: `Stability AI CEO Emad Mostaque`, `Midjourney and Runway`."""
    pieces, piece_start, pos = [], None, match.start()
    splitters = cues().latin_titles | cues().latin_separators
    for word in match.group().split(" "):
        if word in splitters:
            if piece_start is not None:
                pieces.append((piece_start, pos - 1))
            piece_start = None
        elif piece_start is None:
            piece_start = pos
        pos += len(word) + 1
    if piece_start is not None:
        pieces.append((piece_start, match.end()))
    return [trimmed for start, end in pieces if (trimmed := _trim_lowercase(match.string, start, end))]


def _trim_lowercase(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop plain lowercase words at either end of a piece (`the OpenAI`, `OpenAI said`); keep `iPhone`, `v6`."""
    words = body[start:end].split(" ")
    plain = [w.isalpha() and w.islower() for w in words]
    while words and plain[0]:
        start += len(words.pop(0)) + 1
        plain.pop(0)
    while words and plain[-1]:
        end -= len(words.pop()) + 1
        plain.pop()
    return (start, end) if words else None


def _latin_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Latin-script names; in mostly-English lines only lexicon names."""
    heavy = _latin_heavy_lines(body)
    out = []
    for match in LATIN_RUN.finditer(body):
        if any(s <= match.start() < e for s, e in heavy):
            out += _lexicon_words(doc_id, body, match.start(), match.end())
            continue
        for start, end in _latin_pieces(match):
            cand = _latin_candidate(doc_id, body, start, end)
            if cand:
                out.append(cand)
    return out


def _lexicon_words(doc_id: str, body: str, start: int, end: int, longest: int = 4) -> list[Candidate]:
    """Lexicon names among the words of a Latin run (in English text), longest first."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", body[start:end])]
    out, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            surface = body[words[i][0] : words[i + n - 1][1]]
            known = lexicon().by_key.get(name_key(surface))
            if known:
                out.append(Candidate(doc_id, surface, words[i][0], words[i + n - 1][1], known[1], 10.0, "lexicon"))
                i += n - 1
                break
        i += 1
    return out


def _latin_candidate(doc_id: str, body: str, start: int, end: int) -> Candidate | None:
    """A Latin-script run as a name: lexicon, else typed by context or shape; concepts and bare acronyms dropped."""
    surface = body[start:end]
    article = re.match(r"(?:The|An|A) (?=[A-Z])", surface)
    if article and name_key(surface) not in lexicon().by_key:
        start, surface = start + article.end(), surface[article.end() :]
    key = name_key(surface)
    known = lexicon().by_key.get(key)
    if known:
        return Candidate(doc_id, surface, start, end, known[1], 10.0, "lexicon")
    concepts = cues().latin_concepts
    if key in concepts or all(name_key(w) in concepts for w in surface.split(" ")) or surface == surface.lower():
        return None
    etype, weight, rule = _latin_type(body, start, end)
    if (_is_acronym(surface) and (rule in ("shape", "default") or len(surface) < 3)) or SERIAL_CODE.fullmatch(surface):
        return None
    return Candidate(doc_id, surface, start, end, etype, weight, rule)


def _is_acronym(surface: str) -> bool:
    return len(surface) <= 5 and surface.isalpha() and (surface.isupper() or len(surface) == 1)


def _context(body: str, start: int, end: int) -> tuple[str, str]:
    """Text of the clause before and after a span, without spaces, brackets or quotes at the seam."""
    left_start = max(0, start - 16)
    right_end = min(len(body), end + 30)
    left = body[left_start:start].rstrip(OPENERS)
    right = body[end:right_end].lstrip(CLOSERS)
    left = re.split(r"[，。；！？,;!?\n]", left)[-1]
    right = re.split(r"[，。；！？,;!?\n]", right)[0]
    return left, right


def _cue_type(left: str, right: str) -> tuple[str, float, str] | None:
    """Type suggested by the cue words next to a name, if any."""
    rules = cues()
    left_cue = rules.left_cue.search(left)
    if left_cue:
        return rules.left_cues[left_cue.group()], 3.0, "left_cue"
    if any(p.search(left) for p in rules.product_left) or rules.product_right.search(right):
        return "PRODUCT", 2.5, "product_cue"
    right_cue = rules.right_cue.match(right)
    if right_cue:
        etype = rules.right_cues[right_cue.group()]
        weight = 1.5 if etype == "PERSON" and right_cue.group() in rules.speech_verbs else 3.0
        return etype, weight, "right_cue"
    return None


def _latin_type(body: str, start: int, end: int) -> tuple[str, float, str]:
    """Type of a Latin-script name from its context, else from its shape."""
    left, right = _context(body, start, end)
    found = _cue_type(left, right)
    if found and start and body[start - 1] in "(（" and found[2] == "left_cue":
        return found[0], 2.0, found[2]  # the cue may end the name the bracket glosses (某某机器人（X Robotics）)
    if found:
        return found
    shape = _latin_shape_type(body[start:end])
    if shape[1] < 2.5 and _after_known_org(body, start):
        return "PRODUCT", 2.0, "brand_product"
    if shape[2] == "default":
        return _sentence_cue_type(body, start) or shape
    return shape


def _sentence_cue_type(body: str, start: int) -> tuple[str, float, str] | None:
    """The type named by the nearest cue noun of a thing earlier in the sentence (播客采访…来自 X), with little
    weight; person cues (采访, 用户) say nothing of a name they do not touch."""
    rules = cues()
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(body, max(0, start - 60), start)), default=0)
    words = [m.group() for m in rules.any_left_cue.finditer(body, max(sentence_start, start - 60), start)]
    types = [rules.left_cues[w] for w in words if rules.left_cues[w] != "PERSON"]
    return (types[-1], 0.5, "sentence_cue") if types else None


def _after_known_org(body: str, start: int) -> bool:
    """Whether a known company's Chinese name ends right before `start`: 某车企Model Y is its product."""
    lex = lexicon()
    return any(lex.cjk.get(body[start - n : start], ("", ""))[1] == "ORG" for n in lex.cjk_lengths if n <= start)


def _latin_shape_type(surface: str) -> tuple[str, float, str]:
    """`X AI`/`X Labs` is an ORG, `Adobe Firefly` a product of a known brand, `David Ha` a person, `Nimbus 4` a
    product; anything else is an ORG with almost no weight, for other mentions to outvote."""
    rules = cues()
    words = surface.split(" ")
    known_prefix = lexicon().by_key.get(name_key(words[0])) if len(words) > 1 else None
    if words[-1] in rules.latin_org_words:
        return "ORG", 2.5, "shape"
    if known_prefix and known_prefix[1] in ("ORG", "PRODUCT"):
        return "PRODUCT", 2.0, "shape"
    if _looks_like_person(words, rules.given_names):
        return "PERSON", 2.0, "shape"
    if any(ch.isdigit() for ch in surface):
        return "PRODUCT", 1.5, "shape"
    return "ORG", 0.01, "default"


def _looks_like_person(words: list[str], given_names: frozenset[str]) -> bool:
    """`David Ha`, `Shan Shan Wong`-like runs, or a camel-case pair `RobinRombach`, starting with a given name."""
    if len(words) == 1:
        parts = CAMEL_PART.findall(words[0])
        words = parts if len(parts) >= 2 and "".join(parts) == words[0] else []
    return 2 <= len(words) <= 3 and words[0] in given_names and all(w[:1].isupper() and w.isalpha() for w in words)


# ---------------------------------------------------------------- lexicon, media, transliterated names


def _lexicon_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Longest Chinese-script lexicon name at every position where one starts."""
    lex = lexicon()
    out = []
    for hit in lex.cjk_first.finditer(body):
        i = hit.start()
        if body[i : i + 2] not in lex.starts and hit.group() not in lex.starts:
            continue  # most characters that start a name start none here
        for length in lex.lengths_by_first[hit.group()]:
            if i + length > len(body):
                continue
            surface = body[i : i + length]
            known = lex.cjk.get(surface)
            if known and _latin_bounded(body, i, i + length) and not (length == 2 and _straddled(body, i)):
                if known[1] == "PLACE" and body[i + length : i + length + 1] in cues().style_suffixes:
                    break  # 中国式现代化: a style, no mention of the place
                out.append(Candidate(doc_id, surface, i, i + length, known[1], 10.0, "lexicon"))
                break
    return out


def _straddled(body: str, i: int) -> bool:
    """Whether jieba (lexicon included) cuts across a two-character known name in its few characters of
    context (中行 in 其中/行业), or holds it in a common word (日产 in 日产量, 三星 in 三星级); a proper-noun
    compound keeps it (美国政府, 杭州人). Only a dictionary word can cross or hold the name: without one in the
    context, jieba is not asked."""
    left = max(0, i - 3)
    if not _word_around(body, left, i, min(len(body), i + 5)):
        return False
    pos = left
    for word, flag in _segment(body[left : i + 5]):
        end = pos + len(word)
        crosses = pos < i < end < i + 2 or i < pos < i + 2 < end
        holds = pos <= i and i + 2 <= end and len(word) > 2
        if crosses or (holds and not flag.startswith(PROPER_TAGS)):
            return True
        pos = end
    return False


def _word_around(body: str, left: int, i: int, right: int) -> bool:
    """Whether a jieba dictionary word in body[left:right] crosses body[i:i+2]'s edges or holds it and more."""
    freq = pos_tokenizer().tokenizer.FREQ
    crossing = [body[a : i + 1] for a in range(left, i)] + [body[i + 1 : b] for b in range(i + 3, right + 1)]
    holding = [body[a:b] for a in range(left, i + 1) for b in range(i + 2, right + 1) if b - a > 2]
    return any(freq.get(word) for word in crossing + holding)


def _with_branch_places(cands: list[Candidate], body: str) -> list[Candidate]:
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


def _latin_bounded(body: str, start: int, end: int) -> bool:
    """A name starting or ending with a Latin letter must not continue a Latin word."""
    before = body[start - 1] if start else " "
    after = body[end] if end < len(body) else " "
    return not (
        (body[start].isascii() and before.isascii() and before.isalnum())
        or (body[end - 1].isascii() and after.isascii() and after.isalnum())
    )


def _media_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Media in book-title marks (《福布斯》报道, 《中国经营报》), or named as a source (据财联社报道)."""
    rules = cues()
    out = []
    for match in BOOK_TITLE.finditer(body):
        inner = match.group(1).strip()
        known = lexicon().by_key.get(name_key(inner))
        before = body[max(0, match.start() - 3) : match.start()]
        after = body[match.end() : match.end() + 3]
        is_media = (
            (known and known[1] == "MEDIA")
            or inner.endswith(rules.media_suffixes)
            or before.endswith(rules.media_left)
            or after.startswith(rules.media_right)
        )
        if is_media and not (known and known[1] != "MEDIA") and not inner.endswith(rules.not_media_suffixes):
            start = match.start(1) + match.group(1).index(inner)
            out.append(Candidate(doc_id, inner, start, start + len(inner), "MEDIA", 4.0, "book_title"))
    for match in REPORTED_BY.finditer(body):
        outlet = match.group(1)
        if outlet.endswith(rules.media_suffixes + rules.reporter_suffixes) and not _phrase_like(outlet):
            out.append(Candidate(doc_id, outlet, match.start(1), match.end(1), "MEDIA", 3.0, "reported_by"))
    return out


def _translit_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Foreign names written in Chinese with a middle dot (埃马德·莫斯塔克), and foreign states (某某某州)."""
    rules = cues()
    return [
        Candidate(doc_id, m.group(), m.start(), m.end(), "PERSON", 3.0, "translit")
        for m in rules.translit.finditer(body)
    ] + [
        Candidate(doc_id, m.group(), m.start(), m.end(), "PLACE", 2.5, "translit_state")
        for m in rules.state.finditer(body)
    ]


# ---------------------------------------------------------------- Chinese personal names


def _is_chinese_name(word: str) -> bool:
    """Surname (single or compound) plus one or two name characters, not a known name of something else."""
    rules = cues()
    if not 2 <= len(word) <= 4 or not re.fullmatch(f"[{CJK}]+", word):
        return False
    surname_len = 2 if word[:2] in rules.compound_surnames else 1
    if surname_len == 1 and word[0] not in rules.surnames:
        return False
    return (
        len(word) - surname_len in (1, 2)
        and not any(ch in rules.name_breakers for ch in word[surname_len:])
        and word not in lexicon().cjk
    )


def _person_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Chinese names right after a title (副总裁庄明浩) or right before a verb of saying (朱克力表示)."""
    rules = cues()
    out = []
    for match in rules.title.finditer(body):
        between = _name_between_title_and_verb(body, match.end())
        if between:
            out.append(
                Candidate(doc_id, body[match.end() : between], match.end(), between, "PERSON", 3.5, "title_name_verb")
            )
        elif _could_start_name(body, match.end(), None):
            window = body[match.start() : match.end() + 4]
            found = _names_in_window(doc_id, body, window, match.start(), after=match.end(), before=None)
            out += found or _name_before_break(doc_id, body, match.end())
    for match in rules.speech.finditer(body):
        if any(_could_start_name(body, start, match.start()) for start in range(match.start() - 4, match.start() - 1)):
            left = max(0, match.start() - 5)
            window = body[left : match.end()]
            out += _names_in_window(doc_id, body, window, left, after=None, before=match.start())
    return out


def _names_with_zhi(body: str, cands: list[Candidate]) -> list[Candidate]:
    """之 after a two-character name is its last character unless it starts a word (陈某之 vs 王某之后)."""
    out = []
    for cand in cands:
        end = cand.end
        zhi = cand.type == "PERSON" and len(cand.surface) == 2 and body[end : end + 1] == "之"
        if zhi and not _freq(body[end : end + 2]) and not _freq(body[end : end + 3]):
            cand = replace(cand, surface=body[cand.start : end + 1], end=end + 1)
        out.append(cand)
    return out


def _name_before_break(doc_id: str, body: str, start: int) -> list[Candidate]:
    """A two- or three-character name after a title, ended by punctuation or a function word (总裁柯文远在)."""
    for end in (start + 3, start + 2):
        after = body[end : end + 1]
        ends = not after or after in cues().name_breakers or not re.match(f"[{CJK}]", after)
        name = body[start:end]
        common = not all(_rare_or_known(part) for part in (name[:2], name[-2:]))
        if ends and _could_start_name(body, start, end) and _is_chinese_name(name) and not common:
            return [Candidate(doc_id, name, start, end, "PERSON", 2.0, "title_name")]
    return []


def _name_between_title_and_verb(body: str, start: int) -> int | None:
    """End of a name squeezed between a title and a verb of saying (教授欧阳明轩指出), else None."""
    for end in (start + 2, start + 3, start + 4):
        verb = cues().speech.match(body, end)
        if verb and _could_start_name(body, start, end) and _is_chinese_name(body[start:end]):
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


def _names_in_window(
    doc_id: str, body: str, window: str, offset: int, after: int | None, before: int | None
) -> list[Candidate]:
    """Names that jieba (with HMM, on this short window only) tags nr, starting at `after` or ending at `before`.

    The HMM is asked only when a possible name of two to four characters starts or ends there."""
    spans = [(after, after + n) for n in (2, 3, 4)] if after is not None else [(before - n, before) for n in (2, 3, 4)]
    possible = [
        (start, end)
        for start, end in spans
        if offset <= start and end <= offset + len(window) and _is_chinese_name(body[start:end])
    ]
    if before is not None:
        possible = [(start, end) for start, end in possible if _name_start_ok(body, start)]
    if not possible:
        return []
    out = []
    for word, flag, start in _merged_names(_segment_hmm(window), offset):
        end = start + len(word)
        at_cue = (after is not None and start == after) or (before is not None and end == before)
        if at_cue and flag.startswith("nr") and _is_chinese_name(word):
            if before is not None and not _name_start_ok(body, start):
                continue
            weight = 3.0 if after is not None else 2.0
            out.append(Candidate(doc_id, word, start, end, "PERSON", weight, "cue_name"))
    return out


@lru_cache(maxsize=4096)
def _segment_hmm(window: str) -> tuple[tuple[str, str], ...]:
    """jieba POS segmentation with HMM of a short window; windows recur (主席某某表示 in many transcripts)."""
    return tuple((token.word, token.flag) for token in pos_tokenizer().cut(window, HMM=True))


def _merged_names(tokens: Iterable[tuple[str, str]], offset: int) -> list[tuple[str, str, int]]:
    """(word, flag, start) with adjacent person-name pieces joined: HMM splits 欧阳明/轩."""
    out: list[tuple[str, str, int]] = []
    pos = offset
    for word, flag in tokens:
        if out and flag.startswith("nr") and out[-1][1].startswith("nr") and len(out[-1][0] + word) <= 4:
            out[-1] = (out[-1][0] + word, "nr", out[-1][2])
        else:
            out.append((word, flag, pos))
        pos += len(word)
    return out


def _name_start_ok(body: str, start: int) -> bool:
    """A name before a verb of saying starts a clause, or follows a title or a conjunction."""
    if start == 0 or not re.match(f"[{CJK}A-Za-z0-9]", body[start - 1]):
        return True
    before = body[max(0, start - 8) : start]
    return before.endswith(("和", "与", "及", "、")) or any(before.endswith(t) for t in cues().titles)


# ---------------------------------------------------------------- organisations


def _tokens(text: str, offset: int) -> list[tuple[str, str, int]]:
    """jieba POS tokens (no HMM) with their offsets."""
    out, pos = [], offset
    for word, flag in _segment(text):
        out.append((word, flag, pos))
        pos += len(word)
    return out


@lru_cache(maxsize=8192)
def _segment(text: str) -> tuple[tuple[str, str], ...]:
    """jieba POS segmentation without HMM; clauses recur (several titles or suffixes in one), so cached."""
    return tuple((token.word, token.flag) for token in pos_tokenizer().cut(text, HMM=False))


def _stem_tokens(
    body: str, end: int, suffix_end: int | None = None, legal: bool = False, kinds: bool = True
) -> list[tuple[str, str, int]]:
    """The noun-like tokens of the clause that end at `end`, after its last verb, preposition, pronoun...

    With `suffix_end`, the text up to there is segmented and the stem is empty unless a token starts at
    `end` (the suffix 智能 inside the word 人工智能 is no suffix). A `legal` name (有限公司) runs back over
    place and direction words to the clause's last function word or common verb. Without `kinds`, generic
    nouns (市场, 产业) do not end the stem: they are part of an institution's name (某某市场信息联席会).
    """
    left = _clause_start(body, end, 40 if legal else 30)
    tokens = _tokens(body[left : suffix_end or end], left)
    if suffix_end is not None:
        starts = [start for _, _, start in tokens]
        if end not in starts:
            return []
        tokens = tokens[: starts.index(end)]
    last = len(tokens) - 1
    enders = [i for i, (word, flag, _) in enumerate(tokens) if _ends_stem(word, flag, i == last, legal, kinds)]
    while enders and enders[-1] > 0 and _inside_unknown_name(tokens, enders[-1], suffix_end is not None):
        enders = [i for i in enders if i < enders[-1] - 1]  # 星/衍 智能: a one-character verb inside a name
    return tokens[(enders[-1] if enders else -1) + 1 :]


def _inside_unknown_name(tokens: list[tuple[str, str, int]], i: int, at_suffix: bool) -> bool:
    """A one-character verb right after a name character and before a suffix or a word (星衍智能), not at the
    end of a stem before a title (抛去创始人)."""
    word, flag, _ = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        len(word) == 1
        and flag == "v"
        and _name_char(tokens[i - 1])
        and (len(nxt[0]) > 1 or _name_char(nxt) if nxt else at_suffix)
        and not _phrase_like(word)
    )


def _ends_stem(word: str, flag: str, is_head: bool, legal: bool = False, kinds: bool = True) -> bool:
    """Verbs, prepositions, pronouns, numbers and punctuation end a name's stem; so do titles, role words
    (老股东高瓴创投) and kinds of organisation (初创公司墨芯科技), unless they are the stem's head (云岭创投).
    A rare verb is a name part (启明创投); in a legal name direction words are too (前海)."""
    if word in lexicon().cjk:
        return False
    rules = cues()
    kind = word in GENERIC_HEADS or word.endswith(rules.org_kinds)
    rare_verb = is_head and flag.startswith("v") and len(word) >= 2 and _freq(word) < RARE_STEM_FREQ
    tags = LEGAL_STOP_TAGS if legal else STOP_TAGS
    return (
        (flag.startswith(tags) and flag not in ("vn", "eng") and not rare_verb)
        or (legal and flag.startswith("v") and flag != "vn" and not rare_verb and _freq(word) >= RARE_WORD_FREQ)
        or word.endswith(rules.title_words)
        or (not legal and word in rules.title_prefixes)
        or word in rules.role_words
        or (kind and kinds and not is_head)
    )


def _has_proper_part(tokens: list[tuple[str, str, int]], allow_place: bool) -> bool:
    """A stem names something when it holds a proper noun or an unknown word (a run of single characters)."""
    concepts = cues().latin_concepts
    run = 0
    for word, flag, _ in tokens:
        if flag == "eng" and name_key(word) not in concepts:
            return True
        place_ok = allow_place or _freq(word) < RARE_PLACE_FREQ
        if flag.startswith(PROPER_TAGS) and _rare_or_known(word) and (place_ok or not flag.startswith("ns")):
            return True
        run = run + 1 if len(word) == 1 and word not in cues().name_breakers else 0
        if run >= 2:
            return True
    return False


def _freq(word: str) -> int:
    return pos_tokenizer().tokenizer.FREQ.get(word) or 0


def _rare_or_known(word: str) -> bool:
    """jieba tags common nouns nr/nz too (明星, 论文): trust the tag only for rare words or lexicon names."""
    return word in lexicon().cjk or _freq(word) < RARE_WORD_FREQ


def _org_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Organisations before a title (趣丸网络副总裁) or ending with a suffix (中国信息协会, 国研新经济研究院)."""
    rules = cues()
    out = []
    for match in rules.title.finditer(body):
        stem = _stem_tokens(body, match.start()) if _clause_start(body, match.start()) < match.start() else []
        heads_product = stem and "".join(w for w, _, _ in stem).endswith(rules.product_nouns_left)
        if stem and stem[-1][0] not in GENERIC_HEADS and not heads_product and _has_proper_part(stem, True):
            out.append(_org_from_tokens(doc_id, body, stem, match.start(), "title_org", 2.0))
    for match in rules.org_suffix.finditer(body):
        suffix = match.group()
        strict, legal = suffix in rules.strict_suffixes, suffix in rules.legal_suffixes
        inner = INNER_BRACKET.search(body, max(0, match.start() - 6), match.start()) if legal else None
        stem_end = inner.start() if inner else match.start()  # 某某控股（集团）有限公司
        stem = _stem_tokens(body, stem_end, match.end() if strict else None, legal)
        stem = stem if legal else _from_known_org(stem)
        if not stem and strict:
            out.append(_firm_word(doc_id, body, match))
        elif stem and (_names_organisation(stem, suffix) or _listed_firm(body, stem, match)):
            out.append(_org_from_tokens(doc_id, body, stem, match.end(), "suffix_org", 2.5))
        elif stem:
            whole = _stem_tokens(body, stem_end, match.end() if strict else None, legal, kinds=False)
            if _place_and_description(whole, suffix):
                out.append(_org_from_tokens(doc_id, body, whole, match.end(), "suffix_org", 2.5))
    return [c for c in out if c and len(c.surface) >= 2 and re.search(f"[{CJK}]", c.surface)]


def _from_known_org(stem: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Places before a known company are where it is, not its name: 新加坡 + 某某控股."""
    lex = lexicon().cjk
    for i, (word, _, _) in enumerate(stem):
        if lex.get(word, ("", ""))[1] != "PLACE":
            return stem[i:] if i and lex.get(word, ("", ""))[1] == "ORG" else stem
    return stem


def _names_organisation(stem: list[tuple[str, str, int]], suffix: str) -> bool:
    """Whether stem + suffix names one organisation, not a kind of them (科技公司, 德国大学, 初创公司)."""
    rules = cues()
    words = [w for w, _, _ in stem]
    if pos_tokenizer().word_tag_tab.get("".join(words[-2:]) + suffix) == "nt":
        return True
    strict = suffix in rules.strict_suffixes
    named = [(w, f) for w, f, _ in stem if not (f == "eng" and name_key(w) in rules.latin_concepts)]
    kind_head = strict and (words[-1] in GENERIC_HEADS or words[-1].endswith(rules.org_kinds))
    if kind_head or (len(named) == 1 and _common_place(*named[0])):
        return False
    if suffix in rules.legal_suffixes:
        return len("".join(words)) >= 3 or _has_proper_part(stem, allow_place=True)
    if _has_proper_part(stem, allow_place=not strict):
        return True
    return (
        suffix in rules.strong_suffixes
        and _short_firm_stem(stem)
        and all(len(w) == 1 or _freq(w) < RARE_STEM_FREQ for w in words)
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
    return flag.startswith("ns") and (_freq(word) >= RARE_PLACE_FREQ or word in lexicon().cjk)


def _starts_generic(word: str) -> bool:
    """A compound word led by a generic modifier: 风险投资, 私募股权."""
    return len(word) > 2 and any(word.startswith(g) for g in cues().generic_firm_stems if len(g) >= 2)


def _listed_firm(body: str, stem: list[tuple[str, str, int]], match: re.Match) -> bool:
    """A short stem + strong suffix among investors or next to another firm: 由源码资本领投, 启明创投和华兴资本."""
    rules = cues()
    if match.group() not in rules.strong_suffixes or not _short_firm_stem(stem):
        return False
    before = body[_clause_start(body, stem[0][2]) : stem[0][2]]
    return bool(rules.firm_left.search(before) or rules.firm_right.match(body, match.end()))


def _firm_word(doc_id: str, body: str, match: re.Match) -> Candidate | None:
    """A dictionary organisation word that holds the suffix: 招商银行, 中金公司 (not 商业银行)."""
    left = _clause_start(body, match.start())
    word, flag, start = _tokens(body[left : match.end()], left)[-1]
    stem = word[: -len(match.group())]
    if flag != "nt" or start >= match.start() or len(word) < 4 or stem in cues().generic_firm_stems:
        return None
    return Candidate(doc_id, word, start, match.end(), "ORG", 2.5, "suffix_org")


def _org_from_tokens(
    doc_id: str, body: str, stem: list[tuple[str, str, int]], end: int, rule: str, weight: float
) -> Candidate | None:
    """ORG candidate from a stem up to `end`; None when the stem is only Latin, or a place and Latin before a title
    (美国NBA记者: the Latin rule names the organisation, the place is where it is)."""
    start = stem[0][2]
    while start < end and not re.match(f"[{CJK}A-Za-z0-9]", body[start]):
        start += 1
    stem_end = stem[-1][2] + len(stem[-1][0])
    if start >= stem_end or re.fullmatch(r"[A-Za-z0-9 .\-]+", body[start:stem_end]):
        return None
    latin_after_place = len(stem) > 1 and re.fullmatch(r"[A-Za-z0-9 .\-]+", body[stem[1][2] : stem_end])
    if end == stem_end and stem[0][1].startswith("ns") and latin_after_place:
        return None
    return Candidate(doc_id, body[start:end], start, end, "ORG", weight, rule)


def _quoted_candidates(doc_id: str, body: str) -> list[Candidate]:
    """A quoted Chinese-script name right after a noun that says what it is: 大模型“星河”, UP主“老番茄”."""
    rules = cues()
    out = []
    for match in QUOTED.finditer(body):
        inner = match.group(1)
        cue = rules.quoted_cue.search(body, max(0, match.start() - 6), match.start())
        if cue and re.fullmatch(f"[{CJK}·]+", inner) and not _phrase_like(inner):
            etype = rules.quoted_cues[cue.group()]
            out.append(Candidate(doc_id, inner, match.start(1), match.end(1), etype, 2.5, "quoted_name"))
    return out


def _phrase_like(text: str) -> bool:
    """Function words, adverbs and quantity words make a text a phrase, not a name (模型“很聪明”, 多模态)."""
    return any(ch in cues().name_breakers or ch in PHRASE_CHARS for ch in text)


def _rare_word(text: str) -> bool:
    """One rare dictionary word, or characters jieba does not know as a word (混元)."""
    words = [w for w, _, _ in _tokens(text, 0)]
    known_rare = len(words) == 1 and _freq(text) < RARE_WORD_FREQ
    return not _phrase_like(text) and (known_rare or all(len(w) == 1 for w in words))


def _products_after_orgs(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A rare word between a company and a product head is the product's name (腾讯混元大模型, 百度文心大模型);
    after 的 only characters jieba does not know as a word (自研的某某大模型)."""
    rules = cues()
    anchors: dict[int, Candidate | None] = {c.end: c for c in cands if c.type == "ORG" and c.weight >= 2.5}
    for de in re.finditer("的", body):
        anchors.setdefault(de.end(), None)
    out = list(cands)
    for pos, org in anchors.items():
        named = rules.product_after.match(body, pos)
        if not named or named.group(1).startswith(rules.descriptors) or not _rare_word(named.group(1)):
            continue
        if org is None and not all(_name_char(token) for token in _tokens(named.group(1), 0)):
            continue
        out.append(Candidate(_doc(cands), named.group(1), named.start(1), named.end(1), "PRODUCT", 2.5, "product_name"))
    return out


def _doc(cands: list[Candidate]) -> str:
    return cands[0].doc_id if cands else ""


def _name_char(token: tuple[str, str, int]) -> bool:
    """A single character jieba knows no word for, tagged as a noun or morpheme (灵, 曦, 玄), not 来 or 生."""
    word, flag, _ = token
    return (
        len(word) == 1
        and bool(re.match(f"[{CJK}]", word))
        and flag.startswith(NAME_CHAR_TAGS)
        and not _phrase_like(word)
    )


def _name_tokens(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The leading tokens that read as an unknown name: a rare proper noun, or a run of single characters."""
    if not tokens:
        return []
    word, flag, _ = tokens[0]
    if 2 <= len(word) <= 4 and flag.startswith(PROPER_TAGS) and _freq(word) < RARE_WORD_FREQ and not _phrase_like(word):
        return tokens[:1]
    run = list(itertools.takewhile(_name_char, tokens))
    return run if 2 <= len(run) <= 4 else []


def _noun_names(doc_id: str, body: str) -> list[Candidate]:
    """An unknown name right after a product or company noun: AI助手元宝, 操作系统鸿蒙, 合资公司某某 (not
    平台用户, 系统显示, 子公司数量)."""
    rules = cues()
    return _names_after(doc_id, body, rules.product_nouns, "PRODUCT") + _names_after(
        doc_id, body, rules.org_nouns, "ORG"
    )


def _names_after(doc_id: str, body: str, nouns: re.Pattern, etype: str) -> list[Candidate]:
    out = []
    for noun in nouns.finditer(body):
        if not re.match(f"[{CJK}]", body[noun.end() : noun.end() + 1]):
            continue
        clause = CLAUSE_END.search(body, noun.end(), noun.end() + 8)
        end = clause.start() if clause else min(len(body), noun.end() + 8)
        tokens = _tokens(body[noun.end() : end], noun.end())
        name = _name_tokens(tokens)
        if not name:
            continue
        after = tokens[len(name)] if len(tokens) > len(name) else None
        bounded = after is None or after[1].startswith(("d", "v", "p", "u", "c")) or after[0] in "、和与及"
        if bounded:
            stop = name[-1][2] + len(name[-1][0])
            out.append(Candidate(doc_id, body[noun.end() : stop], noun.end(), stop, etype, 2.5, "noun_name"))
    return out


def _brand_models(doc_id: str, body: str) -> list[Candidate]:
    """A brand directly followed by a Latin model code is one product: 玄戒O1, 问界M8 (not 新车型YU7; a known
    company stays itself: 小米 + SU7)."""
    out = []
    concepts = cues().latin_concepts
    for code in MODEL_CODE.finditer(body):
        if code.start() == 0 or name_key(code.group()) in concepts or not re.match(f"[{CJK}]", body[code.start() - 1]):
            continue
        left = _clause_start(body, code.start())
        tokens = _tokens(body[left : code.start()], left)
        brand = _brand_tokens(tokens)
        if brand:
            start = brand[0][2]
            out.append(Candidate(doc_id, body[start : code.end()], start, code.end(), "PRODUCT", 3.0, "brand_model"))
    return out


def _brand_tokens(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The trailing tokens naming a brand: a known product, a rare proper noun, or 2-3 single characters."""
    if not tokens:
        return []
    word, flag, _ = tokens[-1]
    known = lexicon().cjk.get(word)
    if known:  # a known company keeps its own mention, the code alone is the product (小米 + SU7)
        return tokens[-1:] if known[1] == "PRODUCT" else []
    if 2 <= len(word) <= 4 and flag.startswith(PROPER_TAGS) and _freq(word) < RARE_STEM_FREQ and not _phrase_like(word):
        return tokens[-1:]
    run = list(itertools.takewhile(_name_char, reversed(tokens)))[::-1]
    return run if 2 <= len(run) <= 3 else []


def _book_title_products(doc_id: str, body: str) -> list[Candidate]:
    """《X》 is a product when its context says so: 游戏《X》, 《X》《Y》等游戏, 《X》的玩家 (not 《三体》, laws)."""
    rules = cues()
    out = []
    for match in BOOK_TITLE.finditer(body):
        inner = match.group(1).strip()
        known = lexicon().by_key.get(name_key(inner))
        document = inner.startswith("关于") or inner.endswith(rules.not_media_suffixes + rules.media_suffixes)
        if (known and known[1] != "PRODUCT") or document:
            continue
        run_start = match.start()
        while run_start > 0 and body[run_start - 1] == "》":
            run_start = body.rfind("《", 0, run_start - 1)
        before = body[max(0, run_start - 4) : run_start]
        after = body[match.end() : match.end() + 40]
        if before.endswith(rules.title_product_left) or any(p.search(after) for p in rules.title_product_right):
            start = match.start(1) + match.group(1).index(inner)
            out.append(Candidate(doc_id, inner, start, start + len(inner), "PRODUCT", 3.0, "book_title_product"))
    return out


def _place_sites(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A place, a short name and the word 网 is one organisation: 上海某某网 (not 中国互联网, 国家电网)."""
    out = list(cands)
    for place in cands:
        site = SITE.match(body, place.end) if place.rule == "lexicon" and place.type == "PLACE" else None
        if not site:
            continue
        tokens = _tokens(body[place.start : site.end() + 2], place.start)
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


def _datelines(body: str) -> list[tuple[int, int]]:
    """Spans of datelines crediting the outlet at a paragraph's start (某某财经讯, 新华社北京5月1日电): a source
    credit like the byline, not a mention, and no name inside it is one (某某 of 某某财经讯)."""
    return [
        (m.start(), m.end())
        for pattern in cues().datelines
        for m in pattern.finditer(body)
        if not m.group(1).startswith(("本", "记者"))
    ]


def _extended_known_names(body: str, cands: list[Candidate]) -> list[Candidate]:
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
        tokens = _tokens(body[cand.end : end], cand.end)
        if all(_name_char(token) for token in tokens):
            out.append(replace(cand, surface=body[cand.start : end], end=end, weight=3.0, rule="known_prefix"))
    return out


# ---------------------------------------------------------------- aliases defined in the text


def _drop_glosses(body: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop a Latin phrase in brackets that only glosses the Chinese before it: 去中心化人工智能(Decentralized AI)."""
    ends = {c.end for c in cands}
    kept = []
    for cand in cands:
        opener = body[cand.start - 1] if cand.start else ""
        seam = cand.start - 1
        while seam > 0 and body[seam - 1] == " ":
            seam -= 1
        glossed = (
            opener in "(（"
            and cand.rule in ("shape", "default")
            and seam > 0
            and re.match(f"[{CJK}]", body[seam - 1])
            and seam not in ends
        )
        if not glossed:
            kept.append(cand)
    return kept


def _next_to(body: str, cands_by_start: dict[int, Candidate], pos: int) -> Candidate | None:
    """The candidate that starts right inside a bracket opening at `pos` (spaces allowed), if any."""
    while pos < len(body) and body[pos] == " ":
        pos += 1
    if pos < len(body) and body[pos] in "(（":
        pos += 1
        while pos < len(body) and body[pos] == " ":
            pos += 1
        return cands_by_start.get(pos)
    return None


def _link_pairs(body: str, cands: list[Candidate]) -> list[Candidate]:
    """`Emad Mostaque(埃马德·莫斯塔克)`: the name in brackets is the same entity in another script."""
    by_start = {c.start: c for c in cands}
    linked = {}
    for cand in cands:
        inner = _next_to(body, by_start, cand.end)
        closes = inner and body[inner.end : inner.end + 2].lstrip(" ")[:1] in (")", "）")
        if inner and closes and _compatible(cand, inner):
            linked[inner.start] = replace(
                inner,
                link=cand.surface,
                link_scope="corpus",
                type=cand.type if inner.weight < cand.weight else inner.type,
            )
    return [linked.get(c.start, c) for c in cands]


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Whether two names side by side can be one entity: same type, or one of them only weakly typed."""
    if "PLACE" in (a.type, b.type) and a.type != b.type:
        return False
    return a.type == b.type or min(a.weight, b.weight) <= 2.5


def _link_former_names(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """`X(原推特)`: the name before the bracket is the new name of the one inside."""
    out = list(cands)
    for match in FORMER_NAME.finditer(body):
        old = next((c for c in cands if c.start >= match.start(1) and c.end <= match.end(1)), None)
        if old is None:
            continue
        new = next((c for c in cands if c.end == match.start()), None)
        if new is None:
            word = FORMER_NAME_NEW.search(body, max(0, match.start() - 20), match.start())
            if not word or _phrase_like(word.group()):
                continue
            start = match.start() - len(word.group())
            new = Candidate(doc_id, word.group(), start, match.start(), old.type, 3.0, "former_name")
            out.append(new)
        out = [replace(c, link=new.surface, link_scope="corpus") if c is old else c for c in out]
    return out


class _Spans:
    """A document's candidates by start offset, in the order they were added: those overlapping a span are found
    without scanning them all (a name repeated a thousand times in a long text made that quadratic)."""

    def __init__(self, cands: Iterable[Candidate]) -> None:
        self.by_start: dict[int, list[tuple[int, Candidate]]] = {}
        self.added = self.longest = 0
        for cand in cands:
            self.add(cand)

    def add(self, cand: Candidate) -> None:
        self.by_start.setdefault(cand.start, []).append((self.added, cand))
        self.added += 1
        self.longest = max(self.longest, cand.end - cand.start)

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        """The candidates overlapping [start, end), in the order they were added."""
        found = [
            item
            for pos in range(max(0, start - self.longest + 1), end)
            for item in self.by_start.get(pos, ())
            if item[1].end > start
        ]
        return [cand for _, cand in sorted(found, key=lambda item: item[0])]

    def remove(self, cands: list[Candidate]) -> None:
        """Remove these candidates and any equal to them."""
        for start in {c.start for c in cands}:
            self.by_start[start] = [item for item in self.by_start[start] if item[1] not in cands]

    def swap(self, old: Candidate, new: Candidate) -> None:
        """Put `new` (same start) where `old` itself is, if it is still here."""
        items = self.by_start.get(old.start, [])
        self.by_start[old.start] = [(n, new if cand is old else cand) for n, cand in items]

    def all(self) -> list[Candidate]:
        items = sorted((item for items in self.by_start.values() for item in items), key=lambda item: item[0])
        return [cand for _, cand in items]


def _link_abbreviations(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """`Stable Diffusion(以下简称"SD")`, `人工智能研究所(HAI)`: the short form names the entity before the bracket."""
    spans = _Spans(cands)
    by_end: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_end.setdefault(cand.end, []).append(cand)
    sentence_ends = [m.end() for m in SENTENCE_END.finditer(body)]
    definitions = [(m, 8) for m in ABBREVIATION.finditer(body)] + [(m, 1) for m in BARE_ACRONYM.finditer(body)]
    definitions += [(m, 0) for m in BARE_SHORT.finditer(body)]
    for match, reach in definitions:
        ends_before = bisect.bisect_right(sentence_ends, match.start())
        sentence_start = sentence_ends[ends_before - 1] if ends_before else 0
        lowest = max(sentence_start, match.start() - reach)
        before = [c for end in range(lowest, match.start() + 1) for c in by_end.get(end, ())]
        if reach <= 1 and not before:
            continue
        target = max(before, key=lambda c: c.end) if before else _abbreviated(doc_id, body, match.start())
        short = match.group(1)
        if target is None or (reach == 0 and not _abbreviates(short, target.surface)):
            continue
        if not before:  # the name the rules missed replaces what it covers, as the longest candidate would
            spans.remove(spans.overlapping(target.start, target.end))
            spans.add(target)
        if lexicon().by_key.get(name_key(short)):
            spans.swap(target, replace(target, link=short, link_scope="corpus"))
            continue
        for pos in _occurrences(body, short):
            end = pos + len(short)
            clash = spans.overlapping(pos, end)
            inside = [c for c in clash if pos <= c.start and c.end <= end and c.surface != short]
            if all((c.surface == short and c.rule != "lexicon") or c in inside for c in clash):
                found = _cue_type(*_context(body, pos, end))
                strong = found and found[1] > 1.5  # organisations say things too: 某某委员会指出
                etype, weight = (found[0], found[1]) if strong else (target.type, 0.01)
                spans.remove(clash)
                spans.add(Candidate(doc_id, short, pos, end, etype, weight, "abbreviation", target.surface, "doc"))
    return spans.all()


def _abbreviates(short: str, name: str) -> bool:
    """Whether a Chinese short form takes its characters from the name in order, keeping its first or last one:
    乘联会 from 乘用车市场信息联席会, 证监会 from 中国证券监督管理委员会."""
    pos = 0
    for ch in short:
        pos = name.find(ch, pos) + 1
        if pos == 0:
            return False
    return short != name and (short[0] == name[0] or short[-1] == name[-1])


def _bracket_names(doc_id: str, body: str) -> list[Candidate]:
    """A Chinese name before a bracket that gives its short form or its Latin name: 某某联席会（某联会）,
    某某部（DOGE）, 某某机器人（Lumina Robotics）; the name must end like an institution unless the Latin one
    ends like a firm."""
    rules = cues()
    out = []
    for match in [*BARE_SHORT.finditer(body), *BRACKETED_LATIN.finditer(body)]:
        if not match.start() or not re.match(f"[{CJK}]", body[match.start() - 1]):
            continue
        inner = match.group(1)
        if name_key(inner) in rules.latin_concepts:
            continue
        stem = _stem_tokens(body, match.start())
        firm = " " in inner and inner.split(" ")[-1] in rules.latin_org_words and _has_proper_part(stem, True)
        if not firm:
            stem = _institution_stem(body, match.start())
        text = "".join(w for w, _, _ in stem)
        institution = text.endswith(rules.institution_heads) and len(text) >= 3
        short_ok = not re.match(f"[{CJK}]", inner) or _abbreviates(inner, text)
        if stem and short_ok and (firm or institution) and text not in GENERIC_HEADS:
            cand = _org_from_tokens(doc_id, body, stem, match.start(), "bracket_name", 3.5)
            out += [cand] if cand else []
    return out


def _bracketed_chinese_names(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A short Chinese name in brackets right after a Latin one is its Chinese name: StarX AI（星某智算）; a
    description (美国人工智能公司, 旗下产品) is not."""
    out = list(cands)
    cue_words = tuple(cues().left_cues) + cues().title_words
    for cand in cands:
        inner = BARE_SHORT.match(body, cand.end) if re.fullmatch(LATIN_RUN, cand.surface) else None
        if not inner or cand.type not in ("ORG", "PRODUCT") or inner.group(1) in lexicon().cjk:
            continue
        words = _tokens(inner.group(1), inner.start(1))
        descriptive = all(f.startswith("v") for _, f, _ in words) or any(
            f.startswith(DESCRIPTION_TAGS) or w in GENERIC_HEADS or w.endswith(cue_words) for w, f, _ in words
        )
        if not descriptive and not _phrase_like(inner.group(1)):
            start, end = inner.start(1), inner.end(1)
            out.append(Candidate(cand.doc_id, inner.group(1), start, end, cand.type, 2.0, "translation"))
    return out


def _institution_stem(body: str, end: int) -> list[tuple[str, str, int]]:
    """The words of an institution's name ending at `end`: back to the clause's last function word, verbs
    inside kept (欧洲数字市场观察委员会), verbs in front dropped (支持国家发展委员会)."""
    left = _clause_start(body, end)
    tokens = _tokens(body[left:end], left)
    cut = max(
        (i for i, (w, f, _) in enumerate(tokens) if f.startswith(LEGAL_STOP_TAGS) and w not in lexicon().cjk),
        default=-1,
    )
    stem = tokens[cut + 1 :]
    while stem and stem[0][1].startswith("v"):
        stem = stem[1:]
    return stem


def _abbreviated(doc_id: str, body: str, end: int) -> Candidate | None:
    """The name right before an abbreviation's definition, when no rule found it: 百川智能(以下简称"百川")."""
    stem = _stem_tokens(body, end)
    if not stem or not _has_proper_part(stem, allow_place=True):
        return None
    return _org_from_tokens(doc_id, body, stem, end, "abbreviated", 1.0)


def _occurrences(body: str, surface: str) -> list[int]:
    """Start offsets of a surface, not inside a longer Latin word."""
    positions, pos = [], body.find(surface)
    while pos >= 0:
        if _latin_bounded(body, pos, pos + len(surface)):
            positions.append(pos)
        pos = body.find(surface, pos + 1)
    return positions


def _name_parts(cand: Candidate) -> list[str]:
    """Parts of a name that stand for it later: a person's surname or given name, `Jasper` for `Jasper AI`."""
    if cand.type == "ORG" and cand.surface.endswith(cues().legal_suffixes):
        return _legal_short_forms(cand.surface)
    if cand.rule == "brand_model":
        return [MODEL_CODE.search(cand.surface).group()]
    if cand.type in ("ORG", "PRODUCT"):
        words = cand.surface.split(" ")
        short = " ".join(words[:-1])
        return [short] if len(words) > 1 and words[-1] in cues().latin_org_words and len(short) >= 3 else []
    if " " in cand.surface:
        words = cand.surface.split(" ")
        return [w for w in (words[-1], words[0]) if len(w) >= 3 and w.isalpha()]
    parts = re.split("[·•‧・]", cand.surface)
    return [p for p in (parts[-1], parts[0]) if len(p) >= 2] if len(parts) > 1 else []


def _legal_short_forms(name: str) -> list[str]:
    """Leading words of a legal name that may stand for it (青海某某 for 青海某某新能源有限公司), longest first."""
    words = [w for w, _ in _segment(name)]
    prefixes = ["".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    return [p for p in prefixes if len(p) >= 3 and p not in lexicon().cjk and not _freq(p) >= RARE_WORD_FREQ]


def _link_name_parts(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """`莫斯塔克` after `埃马德·莫斯塔克`, `Mostaque` after `Emad Mostaque`, `Stability` after `Stability AI`."""
    spans = _Spans(cands)
    named = [c for c in cands if c.type in ("PERSON", "ORG", "PRODUCT") and c.weight >= 2 and c.link_scope != "doc"]
    named = list({(c.surface, c.type, c.rule): c for c in reversed(named)}.values())[::-1]  # a name once, at its last
    typed: dict[str, set[str]] = {}  # surface -> its types with a weight of 2.5 or more
    for cand in cands:
        if cand.weight >= 2.5:
            typed.setdefault(cand.surface, set()).add(cand.type)
    for full in named:
        for part in _name_parts(full):
            if typed.get(part, set()) - {full.type}:
                continue  # the part is a name of its own elsewhere: the company Synthesia, its product Synthesia Studio
            for pos in _occurrences(body, part):
                clash = spans.overlapping(pos, pos + len(part))
                inside = [c for c in clash if pos <= c.start and c.end <= pos + len(part) and c.surface != part]
                if all((c.surface == part and c.rule != "lexicon") or c in inside for c in clash):
                    spans.remove(clash)
                    spans.add(
                        Candidate(doc_id, part, pos, pos + len(part), full.type, 1.0, "name_part", full.surface, "doc")
                    )
    return spans.all()


def _repeat_surfaces(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """Every other occurrence of a name found in this document is a mention too."""
    covered = bytearray(len(body) + 1)
    for c in cands:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    out = list(cands)
    seen: set[str] = set()
    for cand in sorted(cands, key=lambda c: -c.weight):
        if cand.surface in seen or len(cand.surface) < 2:
            continue
        seen.add(cand.surface)
        for pos in _occurrences(body, cand.surface):
            end = pos + len(cand.surface)
            if not any(covered[pos:end]):
                covered[pos:end] = b"\x01" * (end - pos)
                out.append(replace(cand, start=pos, end=end, weight=min(cand.weight, 0.1), rule="repeat"))
    return out


COMMON_WORD_FREQ = 100  # a jieba dictionary word this frequent is a word, not a nickname (阿姨, 小时, 美女)


@cache
def _nickname_pattern() -> tuple[re.Pattern, str]:
    """Kin or social word + 小/阿 + one character (rules/entity_cues.yaml `nickname_cues`), and the numerals that
    are never a nickname's second character."""
    raw = _load("entity_cues.yaml")
    prefixes = "".join(entity_tagger.rules().nickname_prefixes)
    return re.compile(rf"(?:{_alternation(raw['nickname_cues'])})([{prefixes}][{CJK}])"), raw["nickname_not_second"]


def _nickname_candidates(doc_id: str, body: str) -> list[Candidate]:
    """Nicknames right after a kin or social word: 大女儿小君说, 邻居阿华说 (see `nickname_cues`)."""
    pattern, numerals = _nickname_pattern()
    out = []
    for match in pattern.finditer(body):
        start, end = match.span(1)
        word, next_word = match.group(1), body[start + 1 : end + 1]
        common = _freq(word) >= COMMON_WORD_FREQ or (len(next_word) == 2 and _freq(next_word) >= COMMON_WORD_FREQ)
        if not common and word[1] not in numerals:
            out.append(Candidate(doc_id, word, start, end, "PERSON", 1.5, "nickname"))
    return out


@cache
def _head_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """The heads of rules/entity_cues.yaml `known_name_heads`, longest first, and the type each gives."""
    heads = {str(k): str(v) for k, v in _load("entity_cues.yaml")["known_name_heads"].items()}
    return re.compile(_alternation(list(heads))), heads


def _known_name_heads(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known name and a head right after it is a longer name (花旗大厦, 海淀公安): see `known_name_heads`."""
    pattern, heads = _head_pattern()
    out = list(cands)
    for cand in cands:
        head = pattern.match(body, cand.end) if cand.rule == "lexicon" and cand.type in ("ORG", "PLACE") else None
        if head:
            end, etype = head.end(), heads[head.group()]
            out.append(
                replace(cand, surface=body[cand.start : end], end=end, type=etype, weight=3.0, rule="known_head")
            )
    return out


@cache
def _admin_unit_pattern() -> re.Pattern:
    """A unit of rules/entity_cues.yaml `admin_units` not followed by one of its `admin_unit_breakers`."""
    raw = _load("entity_cues.yaml")
    return re.compile(f"[{raw['admin_units']}](?![{raw['admin_unit_breakers']}])")


def _admin_place(body: str, unit_end: int) -> int | None:
    """Start of the longest dictionary place (jieba `ns`) ending at `unit_end` that jieba also cuts as a word in
    its context (not 社会中 + 县团级), if any (see `admin_units`)."""
    tags = pos_tokenizer().word_tag_tab
    for length in (5, 4, 3, 2):
        start = unit_end - length
        word = body[max(0, start) : unit_end]
        if len(word) == length and tags.get(word) == "ns" and (length > 2 or word.endswith("县")):
            context = max(0, start - 4)
            cut = _tokens(body[context : unit_end + 2], context)
            return start if any(w == word and pos == start for w, _, pos in cut) else None
    return None


def _with_admin_places(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates and administrative places (中山市, 珙县) where no candidate is: see `admin_units`."""
    pattern = _admin_unit_pattern()
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
