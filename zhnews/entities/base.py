"""The candidate record, the compiled rules (lexicon.yaml, entity_cues.yaml) and text helpers every source shares."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zhnews import entity_cue_words, entity_tagger
from zhnews.patterns import with_first_chars
from zhnews.yaml_rules import read_yaml

RULES = Path(__file__).parent.parent / "rules"
RULE_FILES = ("lexicon.yaml", "entity_cues.yaml", "entity_tagger.yaml")  # extraction rules (not aliases.yaml)
TYPES = ("PERSON", "ORG", "PRODUCT", "PLACE", "MEDIA")
CJK = r"\u4e00-\u9fff"
CLAUSE_END = re.compile(r"[，。；！？：、,;!?:\n“”\"「」『』（）()]")
SENTENCE_END = re.compile(r"[。！？!?\n]")
HAN = re.compile(f"[{CJK}]")  # one Chinese character
HAN_RUN = re.compile(f"[{CJK}]+")
OPENERS = ' \t“"「『‘(（'
CLOSERS = ' \t”"」』’)）'
PHRASE_CHARS = set("很太最更非不没也都就才又还吗呢吧啊多几两数各每某一二三四五六七八九十")
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
    link_scope: str | None = None  # 'doc' (abbreviation, part of a name), 'corpus' (translation, former name) or
    # 'local' (a reference that names someone only in its document, 王先生: `link` then holds the doc_id)


@dataclass(frozen=True)
class Lexicon:
    """Known names by normalised key, and the Chinese-script ones for scanning."""

    by_key: dict[str, tuple[str, str]]  # name_key -> (canonical name, type)
    cjk: dict[str, tuple[str, str]]  # surface -> (canonical name, type), names holding a CJK character
    cjk_lengths: tuple[int, ...]
    name_start: re.Pattern  # a character that may start a Chinese-script name (checked with the next one)
    # a name's first two characters (its one for a one-character name) -> the lengths of the names starting with
    # them, longest first (a one-character name's joins every pair it begins): only these are looked up there
    lengths_by_start: dict[str, tuple[int, ...]]


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
    relation: re.Pattern  # an age and/or a kin or social word before a full name (59岁, 邻居, 36岁的养女)
    title_prefixes: frozenset[str]  # 首席, 现任...: they end an organisation's stem (某银行首席中国经济学家)
    title_words: tuple[str, ...]
    kin_and_social_words: tuple[str, ...]  # `nickname_cues` and `kin_words`: they introduce a person (女儿, 邻居)
    org_kinds: tuple[str, ...]  # generic kinds of organisation (公司, 风投, 平台), not institutions (大学)
    speech: re.Pattern
    speech_verbs: frozenset[str]
    org_suffix: re.Pattern
    strict_suffixes: frozenset[str]
    latin_org_words: frozenset[str]
    latin_firm_words: frozenset[str]  # org words that name a firm even after a product noun (营销工具X AI)
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
    kind_stems: frozenset[str]  # modifiers that make stem + suffix a kind of institution (养老基金, 音乐学院)
    role_words: frozenset[str]
    firm_left: re.Pattern  # a funding cue or a list conjunction at the end of the text before a firm
    firm_right: re.Pattern  # ... at the start of the text after it
    branch_places: frozenset[str]
    institution_ends: tuple[str, ...]  # an organisation the tagger reads ending so is kept (国家电影局)
    landform_heads: tuple[str, ...]  # a known place and one of these in one dictionary word is a region (四川盆地)
    site_heads: tuple[str, ...]  # a tagged place from a known one to one of these is a site in it (烟台东社区)
    delegation_ends: tuple[str, ...]  # a place's delegation the tagger reads as one organisation: the place
    faction_ends: tuple[str, ...]  # an organisation the tagger reads ending so is a sect or faction (逊尼派): none
    abstract_noun_ends: tuple[str, ...]  # a word of three characters or more ending so is a common noun (幸福感)
    pair_words: tuple[str, ...]  # two characters before one are a pair of places (琴澳两地), no name
    relation_words: tuple[str, ...]  # a country's abbreviation and a character before one are a relation (中斯关系)
    institution_heads: tuple[str, ...]
    parent_unit_ends: tuple[str, ...]  # a word ending so is a parent's name before its unit's (永康分局 + 盐行派出所)
    corporate_endings: tuple[str, ...]
    product_nouns: re.Pattern  # a noun before a Chinese-script product name
    org_nouns: re.Pattern  # a noun before a Chinese-script company name
    product_after: re.Pattern  # rare word + product head (混元大模型)
    product_nouns_left: tuple[str, ...]
    title_product_left: tuple[str, ...]
    title_product_right: tuple[re.Pattern, ...]
    datelines: tuple[re.Pattern, ...]
    style_suffixes: tuple[str, ...]  # a place name and one of these is a style (中国式, 中国特色), not the place
    longer_name_tags: tuple[str, ...]  # jieba tags of a word that continues a known name (湖北省 + 红十字会)
    common_word_names: tuple[str, ...]  # known names that are everyday words (苹果, 小米)
    business_context: re.Pattern  # a word of business that makes an everyday-word name the company
    place_people_heads: frozenset[str]  # a place and one of these is the place's people (法国人, 东欧国家)
    known_name_heads: dict[str, str]  # head after a known name -> the longer name's type (花旗 + 大厦: PLACE)
    known_name_head: re.Pattern  # the longest of `known_name_heads` at a position
    local_government_heads: tuple[str, ...]  # heads a place takes only when it is local (某某县 + 政府)
    local_units: str  # administrative units that make a place local (市县镇乡区 + 省州都)
    organ_heads: tuple[str, ...]  # a known place and a known state organ ending so are one name (美国 + 财政部)
    business_line: re.Pattern  # a business line after a known company names its unit (京东 + 金融)
    state_prefixes: tuple[str, ...]  # a prefix that names a known organisation in full (国家 + 文化和旅游部)
    listing_code: re.Pattern  # a stock code and market after a company's name (（3711-TW）)
    org_leading_particles: frozenset[str]  # particles and verbs that never start an organisation's stem (经, 遭)
    org_leading_word_ends: tuple[str, ...]  # a verb and its preposition read as one word (就读于): no name's start
    surname_references: frozenset[str]  # a surname and one of these is a reference, no name (李男, 俞姓)
    anonymised_person: re.Pattern  # an anonymised person (T君)
    list_heads: dict[str, str]  # head noun after 等 -> the type of the enumeration's items (等院士: PERSON)
    list_head: re.Pattern  # 等, an optional measure word and a head of `list_heads` (group 1)
    rating_end: re.Pattern  # a rating printed after a brand, at the end of a name (SPF30, PA+++)
    index_words: tuple[str, ...]  # a Latin name before one is a market index (DAX 30指数), no entity
    code_number_words: tuple[str, ...]  # a Latin code before one is a train's number or a grade (Y925次, C1级)
    handle_media_endings: tuple[str, ...]  # a handle ending so is a media outlet (`media_suffixes` too)
    admin_unit: re.Pattern  # an administrative unit not followed by one of its `admin_unit_breakers`
    place_list_ends: frozenset[str]  # after a province's city in a list or clause (安徽淮南、)
    place_part_ends: tuple[str, ...]  # a part or side of a place after it (西北, 老城): no part of its name
    address_suffixes: frozenset[str]  # a kin word of respect after a nickname (阿金婆)
    unknown_name_not_second: frozenset[str]  # never the second character of an unknown name
    unknown_name_not_last: frozenset[str]  # never the last character of an unknown name
    aspect_particles: str  # they follow a verb, not a name (车祸走 + 了)
    honorific_not_surname: frozenset[str]  # a "surname" that is a function word before an honorific (和先生)
    honorific_reference: re.Pattern  # a surname and an honorific word (王先生)
    company_product: re.Pattern  # a product word after a known company names its product (京东 + 白条)
    department_heads: tuple[str, ...]  # a name ending so after a known organisation is its department (教育部 + 某某司)
    department_max_chars: int
    bare_bureau: re.Pattern  # a government body named bare by its short name (社会局, 农委会)
    bare_bureau_not_after: str  # a quantifier or deictic that makes the next bureau a kind (各地 + 教育局)
    bare_bureau_not_before: str  # a title's end after a bureau (环保局 + 长): a post, no body
    school_ends: tuple[str, ...]  # an organisation ending so is a school whose department may follow (北大 + 中文系)
    school_department_end: str
    school_campus_end: str  # a word ending so after a school is its campus, named alone (某某大学 + 南校区)
    school_department_not: frozenset[str]  # words that end like a department and are none (体系)
    school_department_reach: int
    tagged_name_heads: tuple[str, ...]  # institutions' and sites' heads a tagged name runs up to, longest first
    placed_heads: dict[str, str]  # head after a place and a short description -> the site's type (某某乡 + 公所: ORG)
    placed_head: re.Pattern  # the longest of `placed_heads` at a position
    placed_kind_heads: tuple[str, ...]  # heads that need a description after a bare place (北京 + 中心)
    placed_head_reach: int  # characters of description at most between the place and the head
    placed_kind_words: tuple[str, ...]  # a description opening so is of a kind or a part (全省 + 中小学), no site
    official_channels: re.Pattern  # a department's name ends before these (某某司 + 官网)
    platform_report_head: re.Pattern  # a platform's name opening a line before its kind (某某P2P网贷平台)
    platform_name_ends: frozenset[str]  # a rare word and one of these after a product noun names a platform (某某钱包)


def rules_fingerprint() -> str:
    """Hash of the extraction rule files and of this package's code: when it changes, stored candidates are stale."""
    digest = hashlib.sha1(Path(entity_tagger.__file__).read_bytes())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    for name in RULE_FILES:
        digest.update((RULES / name).read_bytes())
    return digest.hexdigest()[:16]


def name_key(surface: str) -> str:
    """Compare names case-, width- and space-insensitively (`Open AI` = `OpenAI`, `比尔·盖茨` = `比尔盖茨`)."""
    text = unicodedata.normalize("NFKC", surface).lower()
    return re.sub(r"[\s·•‧・\-_.]", "", text)


def load_rules(name: str) -> dict:
    return read_yaml(RULES / name)


def alternation(words: list[str]) -> str:
    """A regex matching the longest of `words` at a position, as a trie (说|说道 -> 说(?:道)?): the regex engine tries
    each branch of a flat alternation in turn, and a list of a hundred cue words made that the stage's cost."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    """Branches for a trie node's children, longest continuation first; an optional group where a word ends."""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon of widely known names (rules/lexicon.yaml)."""
    by_key: dict[str, tuple[str, str]] = {}
    cjk: dict[str, tuple[str, str]] = {}
    for etype, items in load_rules("lexicon.yaml").items():
        for names in items:
            for name in names:
                by_key.setdefault(name_key(name), (names[0], etype))
                if re.search(f"[{CJK}]", name):
                    cjk.setdefault(name, (names[0], etype))
    lengths = tuple(sorted({len(n) for n in cjk}, reverse=True))
    starts = frozenset(n[:2] for n in cjk)
    by_start: dict[str, set[int]] = {}
    for name in cjk:
        by_start.setdefault(name[:2], set()).add(len(name))
    for start in starts:
        if len(start) == 2 and start[0] in cjk:
            by_start[start].add(1)
    by_length = {start: tuple(sorted(ns, reverse=True)) for start, ns in by_start.items()}
    return Lexicon(by_key, cjk, lengths, _start_pattern(starts), by_length)


def _start_pattern(starts: frozenset[str]) -> re.Pattern:
    """Where a name of `starts` (first two characters, or one) may begin: a first character followed by a second
    one (each checked on its own, so a superset of the pairs), or a one-character name. Found by the regex
    engine, it leaves far fewer places to check than every first character."""

    def chars(found: Iterable[str]) -> str:
        return "".join(sorted({re.escape(ch) for ch in found}))

    pairs = [s for s in starts if len(s) == 2]
    singles = [s for s in starts if len(s) == 1]
    branches = [f"[{chars(s[0] for s in pairs)}](?=[{chars(s[1] for s in pairs)}])"] if pairs else []
    branches += [f"[{chars(singles)}]"] if singles else []
    return re.compile(with_first_chars("|".join(branches)) if branches else "(?!)")


@cache
def cues() -> Cues:
    """The cue-word rules (rules/entity_cues.yaml), compiled once."""
    raw = entity_cue_words.entity_cues()
    titles = raw["titles"]
    prefixes = alternation(raw["title_prefixes"])
    surnames = entity_cue_words.surnames()
    translit = entity_cue_words.translit_chars()
    list_heads = {str(k): str(v) for k, v in raw["list_heads"].items()}
    return Cues(
        surnames=surnames,
        compound_surnames=entity_cue_words.compound_surnames(),
        name_breakers=frozenset(raw["name_breakers"]),
        translit=re.compile(
            rf"[{translit}]{{1,6}}"
            rf"(?:[·•‧・][{translit}]{{1,8}})+"
        ),
        state=re.compile(
            with_first_chars(
                rf"(?:(?<![{CJK}])|(?<=[在于的和与、从到至及赴国]))[{translit}]{{2,6}}州"
            )
        ),
        title=re.compile(with_first_chars(rf"(?:{prefixes})*(?:{alternation(titles)})")),
        titles=frozenset(titles),
        relation=re.compile(
            with_first_chars(
                f"{raw['age_cue']}(?:{alternation(raw['nickname_cues'] + raw['kin_words'])})?"
                f"|(?:{alternation(raw['nickname_cues'] + raw['kin_words'])})"
            )
        ),
        title_prefixes=frozenset(raw["stem_ending_prefixes"]),
        title_words=tuple(titles),
        kin_and_social_words=tuple(raw["nickname_cues"] + raw["kin_words"]),
        org_kinds=tuple(
            k for k in raw["left_cues"]["ORG"] if k not in raw["org_suffixes"] or k in raw["org_suffixes_strict"]
        ),
        speech=re.compile(alternation(raw["speech_verbs"])),
        speech_verbs=frozenset(raw["speech_verbs"]),
        org_suffix=re.compile(alternation(raw["org_suffixes"])),
        strict_suffixes=frozenset(raw["org_suffixes_strict"]),
        latin_org_words=frozenset(raw["latin_org_words"]),
        latin_firm_words=frozenset(raw["latin_firm_words"]),
        latin_titles=frozenset(raw["latin_titles"]),
        latin_separators=frozenset(raw["latin_separators"]),
        latin_concepts=frozenset(name_key(w) for w in raw["latin_concepts"]),
        left_cues=_cue_types(raw["left_cues"]),
        right_cues=_cue_types(raw["right_cues"]),
        left_cue=re.compile(f"(?:{alternation(_cue_types(raw['left_cues']))})$"),
        any_left_cue=re.compile(alternation(_cue_types(raw["left_cues"]))),
        right_cue=re.compile(f"^(?:{alternation(_cue_types(raw['right_cues']))})"),
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
        quoted_cue=re.compile(f"(?:{alternation(_cue_types(raw['quoted_cues']))})$"),
        legal_suffixes=tuple(raw["legal_suffixes"]),
        strong_suffixes=frozenset(raw["strong_suffixes"]),
        generic_firm_stems=frozenset(raw["generic_firm_stems"]),
        kind_stems=frozenset(raw["generic_firm_stems"] + raw["institution_kind_stems"]),
        role_words=frozenset(raw["role_words"]),
        firm_left=re.compile(f"(?:{alternation(raw['firm_cues_left'] + ['、', '和', '与', '及'])})$"),
        firm_right=re.compile(f"^(?:{alternation(raw['firm_cues_right'] + ['、', '和', '与', '及'])})"),
        branch_places=frozenset(raw["branch_places"]),
        institution_ends=tuple(raw["institution_ends"]),
        landform_heads=tuple(raw["landform_heads"]),
        site_heads=tuple(raw["site_heads"]),
        delegation_ends=tuple(raw["delegation_ends"]),
        faction_ends=tuple(raw["faction_ends"]),
        abstract_noun_ends=tuple(raw["abstract_noun_ends"]),
        pair_words=tuple(raw["pair_words"]),
        relation_words=tuple(raw["relation_words"]),
        institution_heads=tuple(raw["institution_heads"]),
        parent_unit_ends=tuple(raw["parent_unit_ends"]),
        corporate_endings=tuple(sorted(raw["corporate_endings"], key=len, reverse=True)),
        product_nouns=re.compile(alternation(raw["product_nouns"])),
        org_nouns=re.compile(alternation(raw["org_nouns"])),
        product_after=re.compile(rf"([{CJK}]{{2,4}}?)(?:{alternation(raw['product_heads'])})"),
        product_nouns_left=tuple(raw["left_cues"]["PRODUCT"]),
        title_product_left=tuple(raw["title_product_left"]),
        title_product_right=tuple(re.compile(p) for p in raw["title_product_right"]),
        datelines=tuple(re.compile(p, re.M) for p in raw["dateline_patterns"]),
        style_suffixes=tuple(raw["style_suffixes"]),
        longer_name_tags=tuple(raw["longer_name_tags"]),
        common_word_names=tuple(raw["common_word_names"]),
        business_context=re.compile(alternation(raw["business_context"])),
        place_people_heads=frozenset(raw["place_people_heads"]),
        known_name_heads={str(k): str(v) for k, v in raw["known_name_heads"].items()},
        known_name_head=re.compile(alternation([str(k) for k in raw["known_name_heads"]])),
        local_government_heads=tuple(raw["local_government_heads"]),
        local_units=raw["admin_units"] + raw["local_government_units"],
        organ_heads=tuple(raw["organ_heads"]),
        business_line=re.compile(alternation(raw["business_lines"])),
        state_prefixes=tuple(raw["state_prefixes"]),
        listing_code=re.compile(raw["listing_code"]),
        org_leading_particles=frozenset(raw["org_leading_particles"]),
        org_leading_word_ends=tuple(raw["org_leading_word_ends"]),
        surname_references=frozenset(raw["surname_references"]),
        anonymised_person=re.compile(raw["anonymised_person"]),
        list_heads=list_heads,
        list_head=re.compile(f"等[{raw['list_measures']}]{{0,2}}({alternation(list(list_heads))})"),
        platform_report_head=re.compile(
            f"(?:^|(?<=[\\s】：:]))[{CJK}]{{2,6}}(?={re.escape(raw['platform_report_kind'])}\\s*\\d)", re.MULTILINE
        ),
        rating_end=re.compile(f"\\s*(?:{raw['rating_code']})$"),
        index_words=tuple(raw["index_words"]),
        code_number_words=tuple(raw["code_number_words"]),
        handle_media_endings=tuple(raw["handle_media_endings"]) + tuple(raw["media_suffixes"]),
        admin_unit=re.compile(f"[{raw['admin_units']}](?![{raw['admin_unit_breakers']}])"),
        place_list_ends=frozenset(raw["place_list_ends"]),
        place_part_ends=tuple(raw["place_part_ends"]),
        address_suffixes=frozenset(raw["address_suffixes"]),
        unknown_name_not_second=frozenset(raw["unknown_name_not_second"]),
        unknown_name_not_last=frozenset(raw["unknown_name_not_last"]),
        aspect_particles=raw["aspect_particles"],
        honorific_not_surname=frozenset(raw["honorific_not_surname"]),
        honorific_reference=re.compile(f"[{''.join(sorted(surnames))}](?:{alternation(raw['honorific_words'])})"),
        company_product=re.compile(alternation(raw["company_products"])),
        department_heads=tuple(raw["department_heads"]),
        bare_bureau=re.compile(alternation(raw["bare_bureaus"])),
        bare_bureau_not_after=raw["bare_bureau_not_after"],
        bare_bureau_not_before=raw["bare_bureau_not_before"],
        school_ends=tuple(raw["school_ends"]),
        school_department_end=raw["school_department_end"],
        school_campus_end=raw["school_campus_end"],
        school_department_not=frozenset(raw["school_department_not"]),
        school_department_reach=int(raw["school_department_reach"]),
        tagged_name_heads=tuple(
            sorted(
                {w for w in raw["org_suffixes"] if w not in raw["org_suffixes_strict"]}
                | set(raw["placed_heads"])
                | set(raw["site_heads"]),
                key=len,
                reverse=True,
            )
        ),
        placed_heads=raw["placed_heads"],
        placed_head=re.compile(alternation(raw["placed_heads"])),
        placed_kind_heads=tuple(raw["placed_kind_heads"]),
        placed_head_reach=raw["placed_head_reach"],
        placed_kind_words=tuple(raw["placed_kind_words"]),
        department_max_chars=int(raw["department_max_chars"]),
        official_channels=re.compile(alternation(raw["official_channels"])),
        platform_name_ends=frozenset(raw["platform_name_ends"]),
    )


def _cue_types(by_type: dict[str, list[str]]) -> dict[str, str]:
    """cue word -> type; a word listed under two types keeps the first."""
    out: dict[str, str] = {}
    for etype, words in by_type.items():
        for cue in words:
            out.setdefault(cue, etype)
    return out


def clause_start(body: str, pos: int, reach: int = 30) -> int:
    """Start of the clause holding `pos`, looking back at most `reach` characters."""
    floor = max(0, pos - reach)
    return max((m.end() for m in CLAUSE_END.finditer(body, floor, pos)), default=floor)


def clause_context(body: str, start: int, end: int) -> tuple[str, str]:
    """Text of the clause before and after a span, without spaces, brackets or quotes at the seam."""
    left_start = max(0, start - 16)
    right_end = min(len(body), end + 30)
    left = body[left_start:start].rstrip(OPENERS)
    right = body[end:right_end].lstrip(CLOSERS)
    left = re.split(r"[，。；！？,;!?\n]", left)[-1]
    right = re.split(r"[，。；！？,;!?\n]", right)[0]
    return left, right


def institution_kind(surface: str) -> bool:
    """A kind of institution, not one: a kind modifier and an organisation suffix (养老基金, 国立大学)."""
    rules = cues()
    return any(surface[:n] in rules.kind_stems and rules.org_suffix.fullmatch(surface[n:]) for n in range(1, 4))


def cue_type(left: str, right: str) -> tuple[str, float, str] | None:
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


def latin_bounded(body: str, start: int, end: int) -> bool:
    """A name starting or ending with a Latin letter must not continue a Latin word."""
    before = body[start - 1] if start else " "
    after = body[end] if end < len(body) else " "
    return not (
        (body[start].isascii() and before.isascii() and before.isalnum())
        or (body[end - 1].isascii() and after.isascii() and after.isalnum())
    )


def phrase_like(text: str) -> bool:
    """Function words, adverbs and quantity words make a text a phrase, not a name (模型“很聪明”, 多模态)."""
    return any(ch in cues().name_breakers or ch in PHRASE_CHARS for ch in text)


def doc_of(cands: list[Candidate]) -> str:
    return cands[0].doc_id if cands else ""


def occurrences(body: str, surface: str) -> list[int]:
    """Start offsets of a surface, not inside a longer Latin word."""
    positions, pos = [], body.find(surface)
    while pos >= 0:
        if latin_bounded(body, pos, pos + len(surface)):
            positions.append(pos)
        pos = body.find(surface, pos + 1)
    return positions
