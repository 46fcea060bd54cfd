"""Metadata pulled out of an article: title, outlet, authors, editors, url, publication date."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from zhnews.patterns import compiled
from zhnews.text import CJK_RE, to_simplified
from zhnews.yaml_rules import read_yaml

RULES_PATH = Path(__file__).parent / "rules" / "clean_metadata.yaml"

_DATE_RE = compiled(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*日?|月)?|年)"
)
_GLUED_WORD_RE = compiled(r"[\u4e00-\u9fffA-Za-z“「『《]")  # a word, or a quote opening one
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]"
_LATIN_NAME_RE = compiled(r"(?<![A-Za-z.\-])[A-Za-z][A-Za-z.\-]*(?: [A-Za-z][A-Za-z.\-]*){1,3}")
_AFFILIATION_RE = compiled(r"[（(][^（()）]{2,30}[）)]")  # '程映虹（美国特拉华州立大学教授）'
_BULLETS = "■●◆▲★□◇○•·▌|｜ "
_SENTENCE_END = "。！？!?；;：:，,"
_STATEMENT_END = "。；;：:，,"  # a line ending in one of these is no headline (one ending in ？！ may be)
_CLAUSE_END = "！？!?"  # may end a headline that has no other one
_BRACKETS_SPACE_RE = re.compile(r"[\s（()）【】\[\]]")
_SPACE_OR_QUOTE_RE = re.compile(r"[\s“”‘’\"'「」『』]+")
_DATELINE_SPLIT_RE = re.compile(r"[\s|｜丨·•]+")
_CLAUSE_END_RE = re.compile("[，。！？；]")
_CLAUSE_SPLIT_RE = re.compile("[！？!?]+")
_COMMA_RE = re.compile("[，,；;]")
_SHORT_NAME_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,}")
_SENTENCE_STOP_RE = re.compile("[。！？]")
_NAME_LIKE_RE = compiled(r"[\u4e00-\u9fffA-Za-z0-9·]{2,20}")  # the name part of an outlet named


@dataclass
class Metadata:
    """What the article says about itself."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    published_at: date | None = None
    published_precision: str | None = None


@cache
def rules() -> dict[str, Any]:
    """The metadata rules, compiled once."""
    raw = read_yaml(RULES_PATH)
    sep = raw["label_separator"]

    def labels(key: str) -> str:
        return "|".join(sorted(map(re.escape, raw[key]), key=len, reverse=True))

    all_labels = "|".join(labels(k) for k in ("author_labels", "editor_labels", "source_labels"))
    date_words = f"(?:{labels('date_words')})"
    all_roles = {*raw["role_words"], *raw["editor_labels"], *raw["photo_roles"]}
    roles = "|".join(sorted(map(re.escape, all_roles), key=len, reverse=True))
    return {
        **raw,
        "label_re": compiled(
            rf"(?:^|(?<=[\s|｜丨*]))(?P<label>{all_labels})\s*{sep}\s*"
            rf"|(?P<label2>(?:{all_labels})(?=\s*[|｜丨]))\s*[|｜丨]\s*"
        ),
        "line_label_re": compiled(rf"^\s*(?:{all_labels})\s*{sep}"),
        "url_re": compiled(rf"(?:{labels('url_labels')})\s*[：:]?\s*(?P<url>https?://{_URL_CHARS}+)"),
        "reporter_re": compiled(raw["reporter"]),
        "agency_re": compiled(raw["agency_dateline"]),
        "inline_agency_re": compiled(raw["inline_agency_dateline"]),
        "url_date_re": compiled(raw["url_date"]),
        "time_re": compiled(raw["time"]),
        "dateline_start_re": compiled(rf"{_DATE_RE.pattern}|{raw['time']}|{date_words}"),
        "date_strip_re": compiled(
            rf"{_DATE_RE.pattern}|{raw['time']}|{raw['weekday']}|{date_words}\s*[：:]?"
        ),
        "date_part_re": compiled(rf"(?:{_DATE_RE.pattern}|{raw['time']}|{raw['weekday']}|{date_words}[：:]?)+"),
        "lead_label_re": compiled(rf"^\s*(?:{all_labels})\s*{sep}\s*"),
        "label_lead_re": compiled(
            rf"^(?P<byline>\s*(?:{all_labels})\s*{sep}\s*[^\s。，！]{{2,30}})\s+(?P<rest>\S.*)$"
        ),
        "role_start_re": compiled(rf"^(?:{roles})"),
        "glued_role_re": compiled(
            rf"(?<=[\u4e00-\u9fff]{{2}})(?<![{''.join(raw['glued_role_not_after'])}])"
            rf"{_not_inside(raw['glued_roles'], sorted(all_roles))}(?:{labels('glued_roles')})(?=[\u4e00-\u9fff]{{2}})"
        ),
        "role_end_re": compiled(rf"(?:{roles})$"),
        "wire_re": compiled(raw["wire_lead"]),
        "copyright_re": compiled(raw["copyright_outlet"]),
        "photo_outlet_re": compiled(raw["photo_outlet"]),
        "host_outlet_re": compiled(raw["host_outlet"], re.M),
        "compiled_outlet_re": compiled(raw["compiled_outlet"], re.M),
        "source_note_re": compiled(raw["source_note"]),
        "bare_outlet_re": compiled(
            rf"[\u4e00-\u9fffA-Za-z0-9·]{{1,{raw['bare_outlet_max']}}}(?<=[\u4e00-\u9fffA-Za-z0-9])(?:{labels('outlet_suffixes')})"
        ),
        "handle_re": compiled(raw["handle_line"]),
        "self_re": compiled(raw["self_reference"]),
        "promo_re": compiled(raw["promo_outlet"]),
        "desk_re": compiled(raw["desk_outlet"], re.M),
        "original_outlet_re": compiled(raw["original_outlet"]),
        "from_outlet_re": compiled(raw["from_outlet"], re.M),
        "closing_credit_re": compiled(raw["closing_credit"]),
        "signatories_re": compiled(raw["signatories"]),
        "notice_author_re": compiled(raw["notice_author"]),
        "original_byline_re": compiled(raw["original_byline"]),
        "original_title_re": compiled(raw["original_title"]),
        "name_re": compiled(raw["name"]),
        "title_label_re": compiled(raw["title_label"]),
        "title_widget_re": compiled(raw["title_widget"]),
        "page_title_bar_re": compiled(raw["page_title_bar"]),
        "company_suffix_re": compiled(raw["company_suffix"]),
        "article_url_re": compiled(raw["article_url"]),
        "place_name_re": compiled(raw["place_name"]),
        "byline_places": set(raw["byline_places"]),
        "stamp_lead_re": compiled(raw["stamp_lead"]),
        "oped_byline_re": compiled(raw["oped_byline"].replace("{callings}", "|".join(raw["oped_callings"]))),
        "oped_bracket_re": compiled(
            raw["oped_bracket_byline"]
            .replace("{callings}", "|".join(raw["oped_callings"]))
            .replace("{says}", "|".join(raw["says"]))
        ),
        "wire_source_re": compiled(raw["wire_source"]),
        "place_credit_re": compiled(raw["place_credit"]),
        "pen_name_re": compiled(raw["pen_name"]),
        "title_citation_re": compiled(raw["title_citation"]),
        "citation_lead_re": compiled(raw["citation_lead"]),
        "source_list_re": compiled(raw["source_list_end"]),
        "editors": set(raw["editor_labels"]),
        "sources": set(raw["source_labels"]),
        "roles": set(raw["role_words"]) | set(raw["photo_roles"]),
        "photo_roles": set(raw["photo_roles"]),
        "not_outlets": set(raw["not_outlets"]) | set(raw["self_words"]) | set(raw["role_words"]),
    }


def _not_inside(roles: list[str], longer: list[str]) -> str:
    """Lookbehinds that keep a role from matching as the end of a longer role word (记者 in 见习记者, 特约记者)."""
    words = {*roles, *longer}
    heads = {long[: -len(short)] for long in words for short in roles if long != short and long.endswith(short)}
    return "".join(f"(?<!{re.escape(head)})" for head in sorted(heads))


def parse_date(text: str) -> tuple[date | None, str | None]:
    """The first calendar date in the text with its precision ('day', 'month', 'year')."""
    for match in _DATE_RE.finditer(text):
        year, month, day = int(match["y"]), match["m"], match["d"]
        try:
            if day:
                return date(year, int(month), int(day)), "day"
            if month:
                return date(year, int(month), 1), "month"
            return date(year, 1, 1), "year"
        except ValueError:
            continue
    return None, None


def names_in(value: str) -> list[str]:
    """The person names or handles listed in a byline value ('张三 李四', 'Tom Lee、王五', '作者：张三')."""
    return names_by_role(value)[0]


def names_by_role(value: str) -> tuple[list[str], list[str]]:
    """The names in a byline value, split into authors and editors by the role words between them.

    '张三 编辑 李四 校对 王五' -> (['张三'], ['李四', '王五']); '记者张三' -> (['张三'], []);
    a photographer is neither ('张三 摄影丨李四' -> (['张三'], [])).
    """
    r = rules()
    value = _AFFILIATION_RE.sub(" ", r["lead_label_re"].sub("", value.strip(" |｜丨*")))
    found: tuple[list[str], list[str], list[str]] = ([], [], [])  # authors, editors, photographers
    side = 0
    for part in re.split(r"[、，,/／∕⁄╱;；&|｜丨]+|(?<=[\u4e00-\u9fff]{2})[和与](?=[\u4e00-\u9fff]{2})", value):
        part = part.strip()
        if _LATIN_NAME_RE.fullmatch(part):
            found[side].append(part)
            continue
        for word in r["glued_role_re"].sub(lambda role: f" {role.group()} ", part).split():  # 周洪通讯员忻文轲
            role = r["role_start_re"].match(word) or r["role_end_re"].search(word)
            if role:
                side = 1 if role.group() in r["editors"] else 2 if role.group() in r["photo_roles"] else 0
                word = word[role.end() :] if role.start() == 0 else ""
            if _is_name(word):
                found[side].append(word)
    return found[0], found[1]


def _is_name(word: str) -> bool:
    """A person name or handle, not a role word."""
    return rules()["name_re"].fullmatch(word) is not None and word not in rules()["roles"]


def parse_labelled(line: str) -> dict[str, list[str]] | None:
    """Split a byline such as '作者 | 某某 编辑：某某' into authors, editors and sources."""
    r = rules()
    line = line.lstrip(_BULLETS)
    if not r["line_label_re"].match(line):
        return None
    found: dict[str, list[str]] = {"authors": [], "editors": [], "sources": []}
    matches = list(r["label_re"].finditer(line))
    for i, match in enumerate(matches):
        label = match["label"] or match["label2"]
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = line[match.end() : end].strip(" |｜丨*")
        if label in r["sources"]:
            found["sources"].extend([] if r["source_list_re"].search(value) else [value.strip("《》「」“”")])
        else:
            names = names_in(value) or (parse_reporter(value) or {}).get("authors", [])
            names = names or ([value] if r["pen_name_re"].fullmatch(value) else [])
            found["editors" if label in r["editors"] else "authors"].extend(names)
    return found


def parse_reporter(line: str) -> dict[str, Any] | None:
    """A staff byline ('本报记者 某某 上海报道', '某某新闻记者 某某 编辑 某某', '某某编辑 | 某某').

    Returns its authors, editors and the outlet its prefix names (not 本报 and the like), or None.
    """
    match = rules()["reporter_re"].match(line.lstrip(_BULLETS).strip("（()）"))
    if not match:
        return None
    authors, editors = names_by_role(f"{match['role']} {match['names']}")
    if not (authors or editors):
        return None
    outlet = match["outlet"]
    outlet = outlet if outlet and outlet not in rules()["self_words"] else None
    return {"authors": authors, "editors": editors, "outlet": outlet}


def is_title_line(line: str, max_len: int | None = None) -> bool:
    """A headline: short (at most `max_len`, by default `title_max`), with Chinese in it, and not ending like a
    sentence or a label; a question or an exclamation is a headline when it is one sentence
    ('汪某 你为何讽刺你妈是汉奸？', '她不是一个人在战斗！') or a few short ones."""
    return (
        0 < len(line) <= (max_len or rules()["title_max"])
        and CJK_RE.search(line) is not None
        and "。" not in line
        and line[-1] not in _STATEMENT_END
        and (line[-1] not in _CLAUSE_END or _exclaims_briefly(line.rstrip(_CLAUSE_END)))
        and not rules()["line_label_re"].match(line)
        and parse_reporter(line) is None
        and len(CJK_RE.findall(rules()["date_strip_re"].sub("", line))) >= 2
    )


def _exclaims_briefly(line: str) -> bool:
    """A question or exclamation that is one sentence, or a few short ones without a comma: a headline's ('超惊险！蟒蛇
    暴起咬人全过程！', '海采：这个假期去哪？看什么？'), not a paragraph's."""
    clauses = _CLAUSE_SPLIT_RE.split(line)
    return len(clauses) == 1 or (
        not _COMMA_RE.search(line) and all(len(clause) <= rules()["title_clause_max"] for clause in clauses)
    )


def from_front_matter(meta: dict[str, str]) -> Metadata:
    """Metadata named in a file's header or a page's head (already parsed by ingest).

    A page's <title> ('标题 - 栏目 - 某某时报') gives the headline and names the outlet, ahead of the site name
    the page declares (often the portal hosting the paper); a <title> that is only the site's name gives none.
    The url is the first of the canonical link, the page's url and the url a clipper fetched that names an
    article (a path with a number in it), not a section page.
    """
    found = Metadata()
    clean = {k.lower(): to_simplified(str(v)).strip() for k, v in meta.items() if v not in (None, "")}
    outlet = clean.get("outlet") or clean.get("source") or clean.get("site") or clean.get("publisher")
    headline, site = split_page_title(clean["page_title"]) if "page_title" in clean else (None, None)
    found.title = headline if headline and not _names_a_site(headline, outlet) else clean.get("title")
    found.outlet = without_company_suffix(site or outlet)
    found.url = article_url([clean.get(key) for key in ("canonical", "url", "link", "clipped_url")])
    author = clean.get("author") or clean.get("authors") or clean.get("author_link")
    if author:
        found.authors = [name for name in names_in(author) if name != found.outlet and not is_place(name)]
    when = clean.get("date") or clean.get("published") or clean.get("published_at")
    if when:
        found.published_at, found.published_precision = parse_date(when)
    return found


def extract(
    lines: list[str], meta: dict[str, str], all_lines: list[str] | None = None
) -> tuple[Metadata, dict[int, str], dict[int, str]]:
    """Metadata from the header and the article lines.

    Returns the metadata, the lines that are pure metadata (index -> rule name) and the lines to
    shorten (index -> new text, e.g. without an agency dateline). `all_lines` (debris included) is
    searched for the outlet and url, which often sit in a footer.
    """
    all_lines = all_lines if all_lines is not None else lines
    r = rules()
    found = from_front_matter(meta)
    drop: dict[int, str] = {}
    edits: dict[int, str] = {}
    head = set(range(min(r["head_lines"], len(lines))))
    tail = set(range(max(0, len(lines) - r["tail_lines"]), len(lines)))
    outlets: dict[str, list[str]] = {"source": [], "dateline": [], "reporter": [], "lead": []}
    for i in sorted(head | tail):
        lead = label_lead(lines[i]) if i in head else None
        if lead and _read_meta_line(lead[0], True, found, outlets):
            edits[i] = lead[1]
            continue
        rule = _read_meta_line(lines[i], i in head, found, outlets)
        if rule:
            drop[i] = rule
    for i in _bare_outlets(lines, drop):
        outlets["dateline"].append(lines[i])
        drop[i] = "dateline"
    top = next((i for i in range(len(lines)) if i not in drop), None)
    site = None
    if found.title is None and top is not None and top < len(all_lines) - 1:
        suffix = _site_suffix_below(lines, top)
        headline, site = split_headline(lines[top] + (lines[top + 1] if suffix else ""))
        if suffix and site:
            drop[top + 1] = "title"
        if is_title_line(headline) or _repeated_below(lines, top):
            found.title = headline
            if headline != lines[top]:  # the line as it stands is not the title: it goes here
                drop[top] = "title"
    elif found.title:
        found.title, site = split_headline(found.title)
    if found.title:
        _read_title_citation(lines, sorted(head), found, outlets, drop)
    outlets["source"].extend(_source_notes(all_lines[-r["note_lines"] :]))
    found.authors = found.authors or _notice_authors(all_lines[-r["note_lines"] :])
    found.authors = found.authors or _credit_authors(all_lines[-r["note_lines"] :])
    found.authors = found.authors or _signatories(all_lines[-1:])
    first = next((i for i in range(len(lines)) if i not in drop and lines[i] != found.title), None)
    lead_at = _read_lead_below_decks(lines, first, found, outlets, edits)
    if found.title is None and first is not None and lead_at == first + 1 and is_title_line(lines[first], _deck_max()):
        found.title = lines[first]  # a long headline right above the lead ('习近平在…时强调 …', then '央视网消息：…')
    found.outlet = (split_headline(found.outlet)[1] or found.outlet) if found.outlet else None
    found.outlet = found.outlet or _first_outlet(outlets) or site or outlet_from(all_lines)
    found.outlet = r["outlet_aliases"].get(found.outlet, found.outlet)
    found.url = found.url or url_from(all_lines)
    if not found.published_at and found.url:
        found.published_at, found.published_precision = date_in_url(found.url)
    found.title = found.title or original_title(all_lines)
    return found, drop, edits


def _site_suffix_below(lines: list[str], top: int) -> bool:
    """The crawled headline's site part broken onto the next line ('标题' then '｜苹果新闻网｜苹果日报')."""
    below = lines[top + 1] if top + 1 < len(lines) else ""
    return below[:1] in ("|", "｜") and len(below) <= rules()["title_max"]


def split_page_title(title: str) -> tuple[str, str | None]:
    """A page's <title> as its headline and the site it names.

    Parts after a separator (' - ', '|', '｜', '_') are taken from the end while they read as an outlet's name
    or a short section ('标题 - 产业．科技 - 工商时报'); when none reads as an outlet, the last part is the
    site when it is short and holds no sentence ('标题|数位时代 BusinessNext', '标题_COMPOTECH ASIA'), and short
    sections before it or ones named after the site's Latin brand go too ('标题 | ETtoday地方 | ETtoday新闻云').
    """
    r = rules()
    bars = list(r["page_title_bar_re"].finditer(title))
    starts, ends = [0] + [bar.end() for bar in bars], [bar.start() for bar in bars] + [len(title)]
    parts = [title[a:b].strip() for a, b in zip(starts, ends, strict=True)]
    site, n = None, len(parts)
    while n > 1 and parts[n - 1]:
        part = parts[n - 1]
        if _reads_as_outlet(part.split()[0]):
            site = site or part.split()[0]
        elif len(part) > r["page_section_max"]:
            break
        n -= 1
    last = parts[-1]
    if not site and len(parts) > 1 and 0 < len(last) <= r["page_site_max"] and not re.search("[。，！？；]", last):
        site, n = (last.split()[0] if CJK_RE.search(last.split()[0]) else last), len(parts) - 1
        brand = re.match(r"[A-Za-z]{3,}", site)  # 'ETtoday新闻云': its sections are 'ETtoday地方'...
        while n > 1 and (len(parts[n - 1]) <= r["page_section_max"] or (brand and parts[n - 1].startswith(brand[0]))):
            n -= 1
    return (title[: ends[n - 1]].strip() if site else title.strip()), site


def _reads_as_outlet(word: str) -> bool:
    """A name ending like an outlet's ('某某日报', '某某网'), not a generic word."""
    return rules()["bare_outlet_re"].fullmatch(word) is not None and word not in rules()["not_outlets"]


def _names_a_site(headline: str, outlet: str | None) -> bool:
    """A <title> that is the site's name, not a headline."""
    return headline == outlet or _reads_as_outlet(headline)


def without_company_suffix(outlet: str | None) -> str | None:
    """An outlet's name without its company form ('DIGITIMES Inc.' -> 'DIGITIMES')."""
    return rules()["company_suffix_re"].sub("", outlet).strip() or outlet if outlet else None


def article_url(candidates: list[str | None]) -> str | None:
    """The first url that names an article (a number in its path or query), else the first url."""
    urls = [url for url in candidates if url and url.startswith(("http://", "https://"))]  # not '//host/path'
    named = (url for url in urls if rules()["article_url_re"].search(url.split("://", 1)[-1].partition("/")[2]))
    return next(named, urls[0] if urls else None)


def is_place(name: str) -> bool:
    """A place named where a byline gives its city ('某某／台北'), not a person."""
    return name in rules()["byline_places"] or rules()["place_name_re"].fullmatch(name) is not None


def _read_title_citation(
    lines: list[str], head: list[int], found: Metadata, outlets: dict[str, list[str]], drop: dict[int, str]
) -> None:
    """A repost's line citing the piece by its title ('作者 公众号：标题', '出自「某某周刊」：标题'): the account is
    the outlet, a name before it the author, and the line is metadata; a bare label ('原文：标题') names none."""
    r = rules()
    for i in head:
        match = r["title_citation_re"].match(lines[i]) if i not in drop else None
        names = r["citation_lead_re"].sub("", match["names"]).strip("「」“”《》\"' ") if match else ""
        if names and match["cited"].strip() == found.title:
            *authors, outlet = names.split()
            outlets["source"].append(outlet.strip("「」“”《》"))
            named = [a for a in authors if r["name_re"].fullmatch(a) or r["pen_name_re"].fullmatch(a)]
            found.authors = found.authors or named
            drop[i] = "source_line"
            return


def _repeated_below(lines: list[str], top: int) -> bool:
    """A first line the body repeats (a record whose title was cut from its text): the title, however long.

    The body's copy may have been split into paragraphs: a long first paragraph that opens the line counts, and
    a scrap split off the headline ('?????', lost emoji) may come between.
    """
    first = lines[top]
    if CJK_RE.search(first) is None:
        return False
    return any(
        below.startswith(first)
        or (len(below) >= rules()["title_max"] and first.startswith(below))
        or _opens_with_most_of(below, first)
        for below in lines[top + 1 : top + 3]
    ) or _rejoined_below(lines, top)


def _opens_with_most_of(below: str, first: str) -> bool:
    """A long first line whose copy below differs only near its end (a repost's link added or cut there)."""
    if len(first) <= rules()["title_max"]:
        return False
    pairs = enumerate(zip(first, below, strict=False))  # up to the shorter line
    shared = next((i for i, (a, b) in pairs if a != b), min(len(first), len(below)))
    return shared >= rules()["repeat_opening_share"] * len(first)


def _rejoined_below(lines: list[str], top: int) -> bool:
    """The body's copy of a long first line split into paragraphs (a post whose headline line is the post): the
    next lines, joined without white space and quotation marks (a copy may have lost them), open with (most of) the
    first line."""
    squash = lambda text: _SPACE_OR_QUOTE_RE.sub("", unicodedata.normalize("NFKC", text))  # noqa: E731
    want, got = squash(lines[top]), ""
    if len(want) <= rules()["title_max"]:
        return False
    for below in lines[top + 1 : top + 1 + rules()["head_lines"]]:
        got += squash(below)
        if len(got) >= len(want) or not want.startswith(got):
            break
    return _opens_with_most_of(got, want)


def split_headline(line: str) -> tuple[str, str | None]:
    """A crawled headline without its forum label, widget label and site suffix; and the site it names.

    '林书炜手拿麦克风秀名表｜苹果新闻网｜苹果日报' -> ('林书炜手拿麦克风秀名表', '苹果日报');
    '标题 | 社会 | 三立新闻网 SETN.COM' -> ('标题', '三立新闻网').
    """
    r = rules()
    line = r["title_widget_re"].sub("", r["title_label_re"].sub("", line)).strip()
    bars = list(re.finditer(r"\s[|｜]\s|｜", line))
    starts, ends = [0] + [bar.end() for bar in bars], [bar.start() for bar in bars] + [len(line)]
    site, n = None, len(starts)
    while n > 1:
        part = line[starts[n - 1] : ends[n - 1]].strip()
        words = part.split()
        if words and r["bare_outlet_re"].fullmatch(words[0]) and words[0] not in r["not_outlets"]:
            site = site or words[0]
        elif len(part) > r["title_section_max"]:
            break
        n -= 1
    return (line[: ends[n - 1]].strip() if site else line), site


def label_lead(line: str) -> tuple[str, str] | None:
    """A long line opening with a byline label ('文／某某 正文……'): the byline and the text after it.

    Crawlers run the byline into the first paragraph; only the label and its value (up to the first
    space) are metadata, the rest (without a leading date or time) is the article.
    """
    r = rules()
    long = len(line) > r["byline_max"] or _SENTENCE_STOP_RE.search(line)
    match = r["label_lead_re"].match(line) if long else None
    if not match:
        return None
    rest = match["rest"]
    date_first = r["date_part_re"].match(rest)
    return match["byline"], rest[date_first.end() if date_first else 0 :].strip()


def _read_lead(line: str, found: Metadata, outlets: dict[str, list[str]], edits: dict[int, str], i: int) -> bool:
    """The outlet (and authors) an agency dateline or a wire lead opening the body names; a byline in it is cut,
    as is an op-ed writer's byline ('某某／大学学术助理 正文', '某某（家庭主妇）正文': the author). Whether it read
    one (a line that reads none may be a deck above the lead)."""
    r = rules()
    oped = r["oped_byline_re"].match(line) or r["oped_bracket_re"].match(line)
    if oped:
        edits[i] = line[oped.end() :]
        found.authors = found.authors or [oped["name"]]
        return True
    stamp = r["stamp_lead_re"].match(line)
    if stamp and len(line) > stamp.end():
        edits[i] = line = line[stamp.end() :]
        found.published_at, found.published_precision = parse_date(stamp["date"])
        outlets["lead"].extend([stamp["outlet"]] if stamp["outlet"] else [])
    agency = r["agency_re"].match(line)
    if agency:
        edits[i] = line[agency.end() :].lstrip("，, ")
        outlets["lead"].append(_first_group(agency, "outlet"))
        found.authors = found.authors or names_in(_first_group(agency, "names") or "")
        return True
    wire = r["wire_re"].match(line)
    if wire:
        outlets["lead"].append(wire["outlet"])
        names = wire["names"] or wire["names_run"]
        if names or wire.group().endswith(("讯", "讯】")):  # "某某报讯 正文": the credit leaves the text
            edits[i] = line[wire.end() :].lstrip("，,：: \u3000")
            found.authors = found.authors or names_in(names or "")
        return True
    inline = r["inline_agency_re"].search(line)  # "…#话题#新华社成都6月24日电（记者…）…": read, left in the text
    if inline:
        outlets["lead"].append(inline["outlet"])
        found.authors = found.authors or names_in(inline["names"] or "")
    return inline is not None or stamp is not None


def _read_lead_below_decks(
    lines: list[str], first: int | None, found: Metadata, outlets: dict[str, list[str]], edits: dict[int, str]
) -> int | None:
    """The lead read from the first line, or from the line below the decks above it (at most `deck_lines`): the
    index of the line it was read on."""
    if first is None:
        return None
    for i in range(first, min(first + rules()["deck_lines"] + 1, len(lines))):
        if _read_lead(lines[i], found, outlets, edits, i):
            return i
        if not _is_deck(lines[i]):
            return None
    return None


def _deck_max() -> int:
    """The longest a deck (or a headline right above the lead) is: twice a headline's `title_max`."""
    return 2 * rules()["title_max"]


def _is_deck(line: str) -> bool:
    """Run-in headings above the lead paragraph (a deck, a kicker): short, no sentence ended."""
    return len(line) <= _deck_max() and not _SENTENCE_STOP_RE.search(line)


def _first_group(match: re.Match[str], prefix: str) -> str | None:
    """The first group named `prefix`, `prefix2`, ... that matched (alternatives of one pattern)."""
    return next((value for name, value in match.groupdict().items() if name.startswith(prefix) and value), None)


def _bare_outlets(lines: list[str], drop: dict[int, str]) -> list[int]:
    """Lines (not the first) that are only a name ending like an outlet's, next to a dateline."""
    r = rules()
    near = {j for i, rule in drop.items() if rule == "dateline" for j in (i - 1, i + 1)}
    return [
        j
        for j in sorted(near)
        if 0 < j < len(lines)
        and j not in drop
        and r["bare_outlet_re"].fullmatch(lines[j])
        and lines[j] not in r["not_outlets"]
    ]


def _notice_authors(lines: list[str]) -> list[str]:
    """The authors a notice near the end names ('本文来自某某，作者：某某')."""
    match = next((m for m in map(rules()["notice_author_re"].search, lines) if m), None)
    return names_in(match["names"]) if match else []


def _credit_authors(lines: list[str]) -> list[str]:
    """The reporter a bracketed credit closing the text names ('……。（记者　某某　整理）'), not a desk or a place."""
    match = next((m for m in map(rules()["closing_credit_re"].search, lines) if m), None)
    name = (match["reporter"] or match["names"]) if match else None
    return [name] if name and name not in rules()["byline_places"] else []


def _signatories(last: list[str]) -> list[str]:
    """The names of the text's last line when it lists names only ('某某、某某某、某某'): a statement's signatories."""
    return names_in(last[0]) if last and rules()["signatories_re"].match(last[0]) else []


def _source_notes(lines: list[str]) -> list[str]:
    """The sources named in notes closing paragraphs ('……。（来源：某某日报）')."""
    note_re = rules()["source_note_re"]
    return [match["outlet"] for match in map(note_re.search, lines) if match]


def _first_outlet(outlets: dict[str, list[str]]) -> str | None:
    """The best outlet named: a source line, else a reporter byline, the body's lead, a name beside the date."""
    for kind in ("source", "reporter", "lead", "dateline"):
        for name in outlets[kind]:
            match = _NAME_LIKE_RE.match(name)
            if match and match.group() not in rules()["not_outlets"]:
                return match.group()
    return None


def reads_as_metadata(line: str) -> bool:
    """Whether the line is a byline, reporter line, handle line or dateline (metadata takes it)."""
    return _read_meta_line(line, True, Metadata(), {"source": [], "dateline": [], "reporter": []}) is not None


def _read_meta_line(line: str, in_head: bool, found: Metadata, outlets: dict[str, list[str]]) -> str | None:
    """Fill `found` from a byline, reporter line, handle line or dateline; the rule name, or None.

    Datelines are looked for in the head; at the end, a line that is nothing but a date and a time ('2024-03-21
    10:30') is a page's stamp, while a date alone ('（2024年3月21日）') is the text's own (a statement's, an essay's):
    read when no other is known, and left in the text (no rule name).
    """
    r = rules()
    bare_date = r["date_part_re"].fullmatch(_BRACKETS_SPACE_RE.sub("", line)) is not None
    when, precision = parse_date(line) if in_head or bare_date else (None, None)
    if bare_date and not in_head and not r["time_re"].search(line):
        if when and not found.published_at:
            found.published_at, found.published_precision = when, precision
        return None
    rest = r["date_strip_re"].sub("", line).strip(" ：:|｜丨") if when else line
    wire = r["wire_source_re"].search(rest)  # "（据新华社上海6月13日专电）", alone or after the reporter
    if wire:
        outlets["source"].append(wire["outlet"])
        rest = rest[: wire.start()].strip()
        if not rest:
            return "source_note"
    labelled = parse_labelled(rest) if len(rest) <= r["byline_max"] else None
    reporter = parse_reporter(rest)
    at_end = reporter and reporter["outlet"] and len(rest) <= r["tail_reporter_max"]  # at the end: "新华社记者 某某"
    if reporter and not (in_head or rest[:1] in "（(" or at_end):
        reporter = None
    credit = r["place_credit_re"].match(rest) if not (labelled or reporter) else None
    if credit:
        found.authors = found.authors or names_in(credit["names"])
        return "byline"
    original = r["original_byline_re"].match(rest) if in_head and not (labelled or reporter) else None
    if original:  # "原创 某某 某某公众号": a WeChat article's header
        found.authors = found.authors or [_first_group(original, "names")]
        return "byline"
    handle = r["handle_re"].match(rest) if in_head else None
    dateline = ([] if bare_date else dateline_names(line)) if when and not labelled else None
    if not (labelled or reporter or handle or dateline is not None):
        return None
    if when and not found.published_at:
        found.published_at, found.published_precision = when, precision
    if labelled:
        found.authors = _union(found.authors, labelled["authors"])
        found.editors = _union(found.editors, labelled["editors"])
        outlets["source"].extend(labelled["sources"])
    elif reporter:
        found.authors = found.authors or reporter["authors"]
        found.editors = _union(found.editors, reporter["editors"])
        outlets["reporter"].extend([reporter["outlet"]] if reporter["outlet"] else [])
    elif handle:
        found.authors = found.authors or names_in(handle["name"])
    elif dateline:
        outlets["dateline"].append(dateline[0])
    return "byline" if (labelled or reporter or handle) else "dateline"


def dateline_names(line: str) -> list[str] | None:
    """For a dateline, the names beside its date, the likely outlet first; None for any other line.

    A dateline starts with its date and has only a few characters more ('2024年3月21日 10:30 某某网'),
    or is made only of a full date and short names, space-separated, in any order ('某某日报 2024年3月21日 财经').
    """
    r = rules()
    line = line.lstrip(_BULLETS)
    starts = r["dateline_start_re"].match(line) is not None
    parts = [p for p in _DATELINE_SPLIT_RE.split(line) if p]
    dates = [p for p in parts if r["date_part_re"].fullmatch(p)]
    names = [p for p in parts if p not in dates]
    full_date = starts or parse_date(" ".join(dates))[1] == "day"
    if dates and full_date and len(names) <= r["dateline_names_max"] and all(map(_is_dateline_name, names)):
        before = names[: parts.index(dates[0])]
        return before[:1] + [n for n in names if n not in before[:1]]
    rest = r["date_strip_re"].sub("", line).strip(" ：:|｜丨")
    if starts and len(rest) <= r["dateline_rest_max"] and not _CLAUSE_END_RE.search(rest) and not _opens_headline(line):
        return []
    return None


def _opens_headline(line: str) -> bool:
    """A year, or a year and month, run straight into words: a headline's opening ('2023年全国高考今天开考',
    '2025年12月CPI同比上涨'), not a dateline's date, which is whole or stands apart."""
    date = _DATE_RE.match(line)
    return date is not None and date["d"] is None and _GLUED_WORD_RE.match(line, date.end()) is not None


def _is_dateline_name(part: str) -> bool:
    """A short name (outlet, section, place) standing beside a date."""
    return len(part) <= rules()["dateline_name_len"] and _SHORT_NAME_RE.fullmatch(part) is not None


def original_title(lines: list[str]) -> str | None:
    """The title named on a '原标题：…' line."""
    title_re = rules()["original_title_re"]
    match = next((m for m in map(title_re.match, lines) if m), None)
    return match["title"].strip() if match else None


def _union(first: list[str], more: list[str]) -> list[str]:
    """The names of `first`, then those of `more` not in it."""
    return first + [name for name in more if name not in first]


def url_from(lines: list[str]) -> str | None:
    """A url named as the source or the place to cite ('转载请注明出处：URL', '原文链接：URL')."""
    url_re = rules()["url_re"]
    for line in lines:
        match = url_re.search(line)
        if match:
            return match["url"].rstrip("。，,.;；)）")
    return None


def date_in_url(url: str) -> tuple[date | None, str | None]:
    """A publication date written in a url's path."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].partition("/")[2]
    match = rules()["url_date_re"].search(path)
    if not match:
        return None, None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])), "day"
    except ValueError:
        return None, None


def outlet_from(lines: list[str]) -> str | None:
    """The outlet naming itself, its original piece or its source; else a follow-us line, a desk, a copyright owner,
    a site's host credit, a photo credit naming the paper's photographer, a table compiled by the paper."""
    r = rules()
    text = "\n".join(lines)
    patterns = ("self_re", "original_outlet_re", "from_outlet_re", "promo_re", "desk_re", "copyright_re")
    patterns += ("host_outlet_re", "photo_outlet_re", "compiled_outlet_re")
    for pattern in patterns:
        for match in r[pattern].finditer(text):
            if match["outlet"] not in r["not_outlets"]:
                return match["outlet"]
    return None
