"""Entity mention candidates per document: lexicon, Latin-script names and cue-word rules over jieba.

`extract_mentions` finds candidates in a batch of (doc_id, body) pairs; `zhnews.aliases.resolve_entities`
then merges them corpus-wide into entities. Offsets are character offsets into the body.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import jieba
import jieba.posseg
import yaml

RULES = Path(__file__).parent / "rules"
RULE_FILES = ("lexicon.yaml", "entity_cues.yaml")  # extraction rules (aliases.yaml is read at resolution)
TYPES = ("PERSON", "ORG", "PRODUCT", "PLACE", "MEDIA")
JIEBA_TAGS = {"PERSON": "nr", "ORG": "nt", "PRODUCT": "nz", "PLACE": "ns", "MEDIA": "nt"}

CJK = r"\u4e00-\u9fff"
LATIN_WORD = r"[A-Za-z][A-Za-z0-9]*(?:[-'.&][A-Za-z0-9]+)*"
VERSION = r"\d{1,2}(?:\.\d)?[A-Za-z]{0,2}(?![0-9])"
LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9]){LATIN_WORD}(?: (?:{LATIN_WORD}|{VERSION}))*")
URL = re.compile(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+")
CLAUSE_END = re.compile(r"[，。；！？：、,;!?:\n“”\"「」『』（）()]")
SENTENCE_END = re.compile(r"[。！？!?\n]")
OPENERS = ' \t“"「『‘(（'
CLOSERS = ' \t”"」』’)）'
CAMEL_PART = re.compile(r"[A-Z][a-z]+")
ABBREVIATION = re.compile(
    r"[(（]\s*(?:以下|下文|下|后文)?(?:简称为?|称为?|简写为?)\s*[“\"「『‘]?\s*([^”\"」』’)）\s，,]{1,20}?)\s*[”\"」』’]?\s*[)）]"
)
BARE_ACRONYM = re.compile(r"[(（]\s*([A-Z][A-Za-z0-9&]{1,7})\s*[)）]")
FORMER_NAME = re.compile(r"[(（]\s*(?:原|前身为|原名|旧称|原称)\s*[“\"「]?([^)）”\"」]{1,20})[”\"」]?\s*[)）]")
REPORTED_BY = re.compile(r"(?:据|援引|根据)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:报道|消息称|援引|独家)")
BOOK_TITLE = re.compile(r"《([^《》\n]{1,15})》")
QUOTED = re.compile(r"[“\"「]([^”\"」\n]{2,12})[”\"」]")
STOP_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "x", "f", "t", "y", "e", "o", "w")  # POS prefixes ending a stem
PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "nt", "nz")
PHRASE_CHARS = set("很太最更非不没也都就才又还吗呢吧啊多几两数各每某一二三四五六七八九十")
PRODUCT_AFTER_ORG = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:大模型|模型|智能助手|聊天机器人|App|APP|芯片|操作系统)")
RARE_WORD_FREQ = 1000  # jieba dictionary frequency below which a tagged proper noun is trusted
RARE_PLACE_FREQ = 50  # a place word this rare in a company name is a brand (百川智能), not a location
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


@dataclass(frozen=True)
class Cues:
    """Compiled cue-word rules from rules/entity_cues.yaml."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    name_breakers: frozenset[str]
    translit: re.Pattern
    title: re.Pattern
    titles: frozenset[str]
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


def rules_fingerprint() -> str:
    """Hash of the extraction rule files: when it changes, stored candidates are stale."""
    digest = hashlib.sha1()
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
    return Lexicon(by_key, cjk, lengths, first)


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
        title=re.compile(rf"(?:{prefixes})*(?:{_alternation(titles)})"),
        titles=frozenset(titles),
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
        right_cue=re.compile(f"^(?:{_alternation(_cue_types(raw['right_cues']))})"),
        product_left=tuple(re.compile(p) for p in raw["product_left_patterns"]),
        product_right=re.compile(
            r"^\s*(?:[、和与及]\s*[^，。；、]{1,20}?)*\s*等(?:模型|产品|工具|应用|软件)|^的[^，。；、]{0,8}"
            r"(?:模型|工具|生成器|产品|软件|应用|插件|芯片)"
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
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for surface, (_, etype) in lexicon().cjk.items():
        tokenizer.add_word(surface, freq=None, tag=JIEBA_TAGS[etype])
    return jieba.posseg.POSTokenizer(tokenizer)


def extract_mentions(docs: list[tuple[str, str]]) -> list[Candidate]:
    """Entity mention candidates for a batch of (doc_id, body) pairs, sorted by document and offset."""
    return [cand for doc_id, body in docs for cand in extract_document(doc_id, body)]


def extract_document(doc_id: str, body: str) -> list[Candidate]:
    """Candidates for one document body."""
    found = (
        _latin_candidates(doc_id, body)
        + _lexicon_candidates(doc_id, body)
        + _media_candidates(doc_id, body)
        + _translit_candidates(doc_id, body)
        + _person_candidates(doc_id, body)
        + _org_candidates(doc_id, body)
        + _quoted_candidates(doc_id, body)
    )
    found = _products_after_orgs(body, _with_branch_places(found, body))
    blocked = [(m.start(), m.end()) for m in URL.finditer(body)]
    found = [c for c in found if not any(s < c.end and c.start < e for s, e in blocked)]
    chosen = _drop_glosses(body, _without_overlaps(found))
    chosen = _link_pairs(body, chosen)
    chosen = _link_former_names(doc_id, body, chosen)
    chosen = _link_abbreviations(doc_id, body, chosen)
    chosen = _link_name_parts(doc_id, body, chosen)
    chosen = _repeat_surfaces(doc_id, body, chosen)
    return sorted(chosen, key=lambda c: (c.start, c.end))


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
    if surface.startswith("The ") and name_key(surface) not in lexicon().by_key:
        start, surface = start + 4, surface[4:]
    key = name_key(surface)
    known = lexicon().by_key.get(key)
    if known:
        return Candidate(doc_id, surface, start, end, known[1], 10.0, "lexicon")
    if key in cues().latin_concepts or not any(ch.isupper() for ch in surface):
        return None
    etype, weight, rule = _latin_type(body, start, end)
    if _is_acronym(surface) and (rule in ("shape", "default") or len(surface) < 3):
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
    return found if found else _latin_shape_type(body[start:end])


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
        for length in lex.cjk_lengths:
            if i + length > len(body):
                continue
            surface = body[i : i + length]
            known = lex.cjk.get(surface)
            if known and _latin_bounded(body, i, i + length):
                out.append(Candidate(doc_id, surface, i, i + length, known[1], 10.0, "lexicon"))
                break
    return out


def _with_branch_places(cands: list[Candidate], body: str) -> list[Candidate]:
    """An organisation name followed by a country is its branch, one name: 红杉中国, 微软亚洲."""
    by_start = {c.start: c for c in cands if c.type == "PLACE"}
    out = list(cands)
    for org in cands:
        place = by_start.get(org.end)
        if org.type == "ORG" and place and len(place.surface) == 2 and org.rule != "repeat":
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
    """Foreign names written in Chinese with a middle dot: 埃马德·莫斯塔克."""
    return [
        Candidate(doc_id, m.group(), m.start(), m.end(), "PERSON", 3.0, "translit")
        for m in cues().translit.finditer(body)
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
    """Names that jieba (with HMM, on this short window only) tags nr, starting at `after` or ending at `before`."""
    out = []
    for word, flag, start in _merged_names(pos_tokenizer().cut(window, HMM=True), offset):
        end = start + len(word)
        at_cue = (after is not None and start == after) or (before is not None and end == before)
        if at_cue and flag.startswith("nr") and _is_chinese_name(word):
            if before is not None and not _name_start_ok(body, start):
                continue
            weight = 3.0 if after is not None else 2.0
            out.append(Candidate(doc_id, word, start, end, "PERSON", weight, "cue_name"))
    return out


def _merged_names(tokens: Iterable[jieba.posseg.pair], offset: int) -> list[tuple[str, str, int]]:
    """(word, flag, start) with adjacent person-name pieces joined: HMM splits 欧阳明/轩."""
    out: list[tuple[str, str, int]] = []
    pos = offset
    for token in tokens:
        if out and token.flag.startswith("nr") and out[-1][1].startswith("nr") and len(out[-1][0] + token.word) <= 4:
            out[-1] = (out[-1][0] + token.word, "nr", out[-1][2])
        else:
            out.append((token.word, token.flag, pos))
        pos += len(token.word)
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


def _stem_tokens(body: str, end: int, suffix_end: int | None = None) -> list[tuple[str, str, int]]:
    """The noun-like tokens of the clause that end at `end`, after its last verb, preposition, pronoun...

    With `suffix_end`, the text up to there is segmented and the stem is empty unless a token starts at
    `end` (the suffix 智能 inside the word 人工智能 is no suffix).
    """
    left = _clause_start(body, end)
    tokens = _tokens(body[left : suffix_end or end], left)
    if suffix_end is not None:
        starts = [start for _, _, start in tokens]
        if end not in starts:
            return []
        tokens = tokens[: starts.index(end)]
    last = len(tokens) - 1
    cut = max((i for i, (word, flag, _) in enumerate(tokens) if _ends_stem(word, flag, i == last)), default=-1)
    return tokens[cut + 1 :]


def _ends_stem(word: str, flag: str, is_head: bool) -> bool:
    """Verbs, prepositions, pronouns, numbers and punctuation end a name's stem; so do titles and kinds of
    organisation (初创公司墨芯科技), unless they are the stem's head (云岭创投, 中国光伏行业协会)."""
    if word in lexicon().cjk:
        return False
    kind = word in GENERIC_HEADS or word.endswith(cues().org_kinds)
    return (
        (flag.startswith(STOP_TAGS) and flag not in ("vn", "eng"))
        or word.endswith(cues().title_words)
        or (kind and not is_head)
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
        if stem and stem[-1][0] not in GENERIC_HEADS and _has_proper_part(stem, allow_place=True):
            out.append(_org_from_tokens(doc_id, body, stem, match.start(), "title_org", 2.0))
    for match in rules.org_suffix.finditer(body):
        strict = match.group() in rules.strict_suffixes
        stem = _stem_tokens(body, match.start(), match.end() if strict else None)
        if stem and _names_organisation(stem, match.group()):
            out.append(_org_from_tokens(doc_id, body, stem, match.end(), "suffix_org", 2.5))
    return [c for c in out if c and len(c.surface) >= 2 and re.search(f"[{CJK}]", c.surface)]


def _names_organisation(stem: list[tuple[str, str, int]], suffix: str) -> bool:
    """Whether stem + suffix names one organisation, not a kind of them (科技公司, 德国大学)."""
    if pos_tokenizer().word_tag_tab.get("".join(w for w, _, _ in stem[-2:]) + suffix) == "nt":
        return True
    strict = suffix in cues().strict_suffixes
    named = [(w, f) for w, f, _ in stem if not (f == "eng" and name_key(w) in cues().latin_concepts)]
    if (strict and stem[-1][0] in GENERIC_HEADS) or (len(named) == 1 and named[0][1].startswith("ns")):
        return False
    return _has_proper_part(stem, allow_place=not strict)


def _org_from_tokens(
    doc_id: str, body: str, stem: list[tuple[str, str, int]], end: int, rule: str, weight: float
) -> Candidate | None:
    """ORG candidate from a stem up to `end`; None when the stem is only Latin (the Latin rule names it)."""
    start = stem[0][2]
    while start < end and not re.match(f"[{CJK}A-Za-z0-9]", body[start]):
        start += 1
    stem_end = stem[-1][2] + len(stem[-1][0])
    if start >= stem_end or re.fullmatch(r"[A-Za-z0-9 .\-]+", body[start:stem_end]):
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
    """A rare word between a company and a product noun is the product's name: 腾讯混元大模型, 百度文心大模型."""
    out = list(cands)
    for org in cands:
        named = PRODUCT_AFTER_ORG.match(body, org.end) if org.type == "ORG" and org.weight >= 2.5 else None
        if named and _rare_word(named.group(1)) and not named.group(1).startswith(cues().descriptors):
            out.append(
                Candidate(org.doc_id, named.group(1), named.start(1), named.end(1), "PRODUCT", 2.5, "product_after_org")
            )
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
            word = re.search(rf"(?:{LATIN_WORD}|[{CJK}]{{2,6}})$", body[max(0, match.start() - 20) : match.start()])
            if not word:
                continue
            start = match.start() - len(word.group())
            new = Candidate(doc_id, word.group(), start, match.start(), old.type, 3.0, "former_name")
            out.append(new)
        out = [replace(c, link=new.surface, link_scope="corpus") if c is old else c for c in out]
    return out


def _link_abbreviations(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """`Stable Diffusion(以下简称"SD")`, `人工智能研究所(HAI)`: the short form names the entity before the bracket."""
    out = list(cands)
    definitions = [(m, 8) for m in ABBREVIATION.finditer(body)] + [(m, 1) for m in BARE_ACRONYM.finditer(body)]
    for match, reach in definitions:
        sentence_start = max((m.end() for m in SENTENCE_END.finditer(body, 0, match.start())), default=0)
        before = [c for c in cands if sentence_start <= c.end <= match.start() and match.start() - c.end <= reach]
        if reach == 1 and not before:
            continue
        target = max(before, key=lambda c: c.end) if before else _abbreviated(doc_id, body, match.start())
        if target is None:
            continue
        if not before:
            out.append(target)
        short = match.group(1)
        for pos in _occurrences(body, short):
            end = pos + len(short)
            clash = [c for c in out if c.start < end and pos < c.end]
            if all(c.surface == short and c.rule != "lexicon" for c in clash):
                found = _cue_type(*_context(body, pos, end))
                etype, weight = (found[0], found[1]) if found else (target.type, 0.01)
                out = [c for c in out if c not in clash]
                out.append(Candidate(doc_id, short, pos, end, etype, weight, "abbreviation", target.surface, "doc"))
    return out


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
    if cand.type in ("ORG", "PRODUCT"):
        words = cand.surface.split(" ")
        short = " ".join(words[:-1])
        return [short] if len(words) > 1 and words[-1] in cues().latin_org_words and len(short) >= 3 else []
    if " " in cand.surface:
        words = cand.surface.split(" ")
        return [w for w in (words[-1], words[0]) if len(w) >= 3 and w.isalpha()]
    parts = re.split("[·•‧・]", cand.surface)
    return [p for p in (parts[-1], parts[0]) if len(p) >= 2] if len(parts) > 1 else []


def _link_name_parts(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """`莫斯塔克` after `埃马德·莫斯塔克`, `Mostaque` after `Emad Mostaque`, `Stability` after `Stability AI`."""
    out = list(cands)
    named = [c for c in cands if c.type in ("PERSON", "ORG", "PRODUCT") and c.weight >= 2 and c.link_scope != "doc"]
    for full in named:
        for part in _name_parts(full):
            for pos in _occurrences(body, part):
                clash = [c for c in out if c.start < pos + len(part) and pos < c.end]
                if all(c.surface == part and c.rule != "lexicon" for c in clash):
                    out = [c for c in out if c not in clash]
                    out.append(
                        Candidate(doc_id, part, pos, pos + len(part), full.type, 1.0, "name_part", full.surface, "doc")
                    )
    return out


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
