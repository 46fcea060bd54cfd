"""Cleaning stage: Simplified, debris-free article text with its metadata pulled out."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from zhnews import metadata
from zhnews.mojibake import repair_latin_mojibake, repair_shifted_gbk
from zhnews.patterns import compiled
from zhnews.records import CleanDocument, RawDocument
from zhnews.text import (
    CJK,
    CJK_RE,
    detect_script,
    split_sentences,
    to_simplified,
)
from zhnews.yaml_rules import read_yaml

RULES_PATH = Path(__file__).parent / "rules" / "boilerplate.yaml"

_INVISIBLE_RE = compiled("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffc\x00-\x08\x0b-\x1f\x7f]")
_SPACES_RE = compiled("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_SLASHES = {0xFF0F: "/", 0x2215: "/", 0x2044: "/"}  # full-width, division (Big5 A241 under cp950), fraction
_HALF_WIDTH = _FULLWIDTH_ALNUM | _SLASHES
_HALF_WIDTH_RE = compiled("[\uff0f-\uff19\uff21-\uff3a\uff41-\uff5a\u2215\u2044]+")  # runs of _HALF_WIDTH's keys
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"(?:[zcs]h?|[bpmfdtnlgkhjqxryw])?[aeiouüv{_TONE}]{{1,4}}(?:ng|n|r)?"
_PINYIN_RE = compiled(
    rf"[(（](?<=[{CJK}][(（])(?=[a-zü{_TONE}\s]*[{_TONE}]){_SYLLABLE}(?:\s{_SYLLABLE})*[)）]"
    rf"|\?(?=[a-zü{_TONE}]*[{_TONE}]){_SYLLABLE}\)"  # a gloss whose character and '(' were lost
)
_IMAGE_RE = compiled(r"!\[[^\]\n]*\]\([^)\n]*\)")
# a link's text may end with a line break a clipper wrapped before the closing bracket ("[某某标题\n](url)")
_LINK_RE = compiled(r"(?<!\[)\[([^\]\n]*)\n?\]\((?:[^()\n]|\([^)\n]*\))*\)")
_HTML_TAG_RE = compiled(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_MD_LINE_RE = compiled(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)|^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*```.*$", re.M
)
_MD_HINT_RE = compiled(r"!\[|\]\(|\*\*|^#{1,6} ", re.M)  # Markdown in a file not named .md
_TABLE_RULE_RE = compiled(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*(?:\|[ \t]*)?$", re.M)
_TABLE_ROW_RE = compiled(r"^[ \t]*\|(.+)\|[ \t]*$", re.M)
_MD_EMPHASIS_RE = compiled(r"\*\*|__|~~|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_URL_RE = compiled(r"(?:https?://|www\.)[\w\-.~:/?#\[\]@!$&'*+,;=%]+")
_CJK_PUNCT = "，。、；：？！“”‘’（）《》「」『』【】…—"
_ZH = f"[{CJK}{_CJK_PUNCT}]"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_SPACE_BEFORE_PUNCT_RE = compiled(r"(?<! ) +(?=[，。、；：？！）」』】》”])")  # runs start after a non-space
_SPACE_AFTER_PUNCT_RE = compiled(r"([，。、；：？！（「『【《“]) +")
_COMMA_AFTER_STOP_RE = compiled(r"([。；？！])，")
_DOUBLED_MARK_RE = compiled(r"([，、；：。])\1+")
_SENTENCE_STOP_RE = compiled("[。！？]")
_MULTI_SPACE_RE = compiled(r" {2,}")
_ELLIPSIS_RE = compiled(r"\.{3,}|。{3,}|…+")
_DASH_RE = compiled(rf"(?:ーー|--|—)(?=[{CJK}“”])")
_HALF_PUNCT_RE = compiled(r"[,:;?!.]")
_PAREN_RE = compiled(r"\(([^()\n]{0,200})\)")
_DOUBLE_COMMA_RE = compiled(r"[,，](?:\s*[,，])+")
_COMMA_BEFORE_PUNCT_RE = compiled(r"[,，]\s*([。、；;？?！!：:）)」』…])")
IMAGE = "\ufffc"  # stands for a removed image line until captions are handled
# `removed` key of a body that is its headline alone (the article's text all went as debris), with the headline's
# length: the entities stage reads no mentions there (a headline's names are not the article's, as its figures are
# the title's)
HEADLINE_ONLY = "headline_only"


@cache
def rules() -> dict[str, Any]:
    """Boilerplate rules from YAML, compiled once."""
    raw = read_yaml(RULES_PATH)
    words = "|".join(map(re.escape, sorted(raw["caption_words"], key=len, reverse=True)))
    return {
        **raw,
        **{key: _compiled(raw[key]) for key in ("line_rules", "edge_rules", "tail_rules", "span_rules")},
        "caption_re": compiled(rf"^[^。！？；，]{{1,25}}(?:{words})$"),
        "paragraph_gap_re": compiled(raw["paragraph_gap"]),
        "credit_split_re": compiled(raw["credit_split"], re.M),
        "lead_split_re": compiled(raw["lead_split"], re.M),
        "wire_split_re": compiled(raw["wire_split"]),
        "front_matter_re": compiled(rf"^({'|'.join(raw['front_matter_keys'])})\s*[：:]\s*(.*)$"),
        "contact_re": compiled(raw["contact_line"]),
        "closing_date_re": compiled(raw["closing_date"]),
    }


def _compiled(rule_list: list[dict[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    """A rule list as (name, compiled pattern) pairs (kept apart: one big alternation runs slower)."""
    return [(rule["name"], compiled(rule["pattern"])) for rule in rule_list]


def _first_rule(rule_list: list[tuple[str, re.Pattern[str]]], line: str) -> str | None:
    """Name of the first rule whose pattern is found in the line."""
    return next((name for name, pattern in rule_list if pattern.search(line)), None)


def clean_batch(docs: list[RawDocument]) -> list[CleanDocument]:
    """Clean a batch of raw documents."""
    return [clean_document(doc) for doc in docs]


def clean_document(doc: RawDocument) -> CleanDocument:
    """Clean one raw document: Simplified, repaired, markup and debris removed, metadata pulled out."""
    removed: Counter[str] = Counter()
    script, text = repair_text(doc, removed)
    lines = [line for line in (raw.strip() for raw in text.split("\n")) if line]
    as_found = list(lines)  # before span rules cut notes out of lines
    header, drop = displaced_front_matter(lines)
    drop.update(find_debris(lines, removed, skip=set(drop)))
    kept = [i for i, line in enumerate(lines) if i not in drop and line != IMAGE]
    meta = {**header, **doc.meta}
    found, meta_lines, edits = metadata.extract([lines[i] for i in kept], meta, all_lines=as_found)
    drop.update({kept[i]: name for i, name in meta_lines.items()})
    for i, new in edits.items():
        new = new.strip()
        removed["dateline"] += len(lines[kept[i]]) - len(new)
        lines[kept[i]] = new
        if not new:  # the line was all lead (央视网消息（新闻联播）：): no blank paragraph is left
            drop[kept[i]] = "dateline"
    find_leftovers(lines, found, drop)
    hold_back(lines, drop, removed)
    for i, name in drop.items():
        if lines[i] and lines[i] != IMAGE:
            removed[name] += len(lines[i])
    if _headline_alone(lines, drop, found.title):
        removed[HEADLINE_ONLY] = len(found.title)
    return CleanDocument(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        content_hash=doc.content_hash,
        body="\n".join(line for i, line in enumerate(lines) if i not in drop and line != IMAGE),
        title=repair_punctuation(found.title) if found.title else None,  # a page's <title> as the body's text
        outlet=found.outlet,
        authors=found.authors,
        editors=found.editors,
        url=found.url,
        published_at=found.published_at,
        published_precision=found.published_precision,
        script=script,
        removed=dict(removed),
    )


def repair_text(doc: RawDocument, removed: Counter[str]) -> tuple[str, str]:
    """The document's script as found, and its text repaired, in Simplified, without markup."""
    text = _counted(repair_latin_mojibake, doc.text, "mojibake", removed)
    text = split_run_on_paragraphs(normalise_chars(strip_html(text, removed)))
    script = detect_script(text)
    text = _counted(repair_shifted_gbk, text, "mojibake", removed)
    text = _sub_counted(_PINYIN_RE, "", text, "pinyin", removed)
    text = rules()["credit_split_re"].sub("\n", to_simplified(text))
    text = rules()["lead_split_re"].sub("\\g<1>\n", text)
    text = rules()["wire_split_re"].sub("\n", text)
    if doc.fmt in ("md", "html") or _MD_HINT_RE.search(text):
        text = strip_markdown(text, removed)
    return script, repair_punctuation(text)


def _sub_counted(pattern: re.Pattern[str], repl: str, text: str, name: str, removed: Counter[str]) -> str:
    """pattern.sub, counting the characters it removed under `name`."""
    new = pattern.sub(repl, text)
    if len(new) != len(text):
        removed[name] += len(text) - len(new)
    return new


def _counted(func: Callable[[str], str], text: str, name: str, removed: Counter[str]) -> str:
    """func(text), counting a change under `name` (at least one character when it repairs in place)."""
    new = func(text)
    if new != text:
        removed[name] += max(1, len(text) - len(new))
    return new


def normalise_chars(text: str) -> str:
    """Drop invisible characters, unify white space and line ends, half-width letters, digits and slashes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    return _HALF_WIDTH_RE.sub(_half_width, text)


def _half_width(match: re.Match[str]) -> str:
    """A run of full-width letters, digits and slashes in half width (translating only the runs, not the text)."""
    return match.group().translate(_HALF_WIDTH)


def displaced_front_matter(lines: list[str]) -> tuple[dict[str, str], dict[int, str]]:
    """Front matter below a headline ('layout: post', 'title：…'): its fields, and its lines to drop.

    A description whose opening the text does not repeat is the only copy of those words: it stays, as text.
    """
    r = rules()
    found = {i: r["front_matter_re"].match(line) for i, line in enumerate(lines[: r["edge_window"]])}
    found = {i: match for i, match in found.items() if match}
    if len(found) < 2:
        return {}, {}
    fields = {match[1]: _unquoted(match[2].strip()) for match in found.values()}
    rest = "".join(line for i, line in enumerate(lines) if i not in found)
    for i, match in found.items():
        if match[1] == "description" and fields["description"][:20] not in rest:
            lines[i] = fields["description"]
    drop = {i: "front_matter" for i, match in found.items() if lines[i] is match.string}
    return {key: value for key, value in fields.items() if value}, drop


def _unquoted(value: str) -> str:
    """A header value without the quotes around it ('"标题"' -> 标题); a quote that opens the title stays."""
    pairs = {'"': '"', "'": "'", "“": "”"}
    return value[1:-1] if len(value) > 1 and pairs.get(value[0]) == value[-1] else value


def split_run_on_paragraphs(text: str) -> str:
    """Break long lines where a crawler joined paragraphs with spaces (after a sentence end, or a gap).

    Chinese puts no space after 。！？ and leaves no wide gaps inside a paragraph, so in a long line they
    are lost paragraph breaks: the whole body on one line becomes its paragraphs again, and a byline, a
    share widget or a promo in it becomes a line of its own that the line rules can take alone. A first line
    followed by a blank line is a headline (a post stored as its own title): it stays whole.
    """
    r = rules()
    lines = text.split("\n")
    if not any(len(line) > r["paragraph_split_min"] for line in lines):
        return text
    headline = len(lines) > 1 and not lines[1].strip()  # a first line set apart by a blank line stays whole
    return "\n".join(
        r["paragraph_gap_re"].sub("\n", line) if len(line) > r["paragraph_split_min"] and (i or not headline) else line
        for i, line in enumerate(lines)
    )


def strip_pinyin(text: str) -> str:
    """Remove pinyin glosses written after characters: 报(bào) -> 报."""
    return _PINYIN_RE.sub("", text)


def strip_markdown(text: str, removed: Counter[str] | None = None) -> str:
    """Reduce Markdown to its text: images out, links to their text, emphasis and heading marks gone."""
    removed = removed if removed is not None else Counter()
    lines = []
    for line in text.split("\n"):
        if _IMAGE_RE.search(line) and not _IMAGE_RE.sub("", line).strip():
            removed["markup"] += len(line)
            lines.append(IMAGE)
            continue
        lines.append(line)
    text = "\n".join(lines)
    text = _sub_counted(_TABLE_RULE_RE, "", text, "markup", removed)
    text = _TABLE_ROW_RE.sub(_table_row, text)
    text = _sub_counted(_IMAGE_RE, "", text, "markup", removed)
    text = _source_link_re().sub(r"\1：\2", text)
    text = _sub_counted(_LINK_RE, r"\1", text, "markup", removed)
    text = _sub_counted(_MD_LINE_RE, "", text, "markup", removed)
    text = text.replace("****", "")
    return _sub_counted(_MD_EMPHASIS_RE, "", text, "markup", removed)


@cache
def _source_link_re() -> re.Pattern[str]:
    """A Markdown link to the original ('[查看原文](url)'): kept as 'label：url' for metadata to read."""
    labels = "|".join(map(re.escape, metadata.rules()["url_labels"]))
    return compiled(rf"\[({labels})\]\((https?://[^()\s]+)\)")


def _table_row(match: re.Match[str]) -> str:
    """A Markdown table row as its cells separated by spaces."""
    return " ".join(cell.strip() for cell in match.group(1).split("|"))


def strip_html(text: str, removed: Counter[str] | None = None) -> str:
    """Remove leftover HTML tags and decode entities."""
    removed = removed if removed is not None else Counter()
    if "<" in text:
        text = re.sub(r"<br\s*/?>|</p>", "\n", text, flags=re.I)
        text = _sub_counted(_HTML_TAG_RE, "", text, "markup", removed)
    return html.unescape(text) if "&" in text else text


def _is_zh(char: str) -> bool:
    """A Chinese character or Chinese punctuation mark."""
    return bool(char) and (char in _CJK_PUNCT or CJK_RE.match(char) is not None)


def _in_chinese(text: str, i: int) -> bool:
    """Whether the character at i sits next to Chinese text (ignoring spaces), not between digits."""
    j, k = i - 1, i + 1
    while j >= 0 and text[j] == " ":
        j -= 1
    while k < len(text) and text[k] == " ":
        k += 1
    before = text[j] if j >= 0 else ""
    after = text[k] if k < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    return _is_zh(before) or _is_zh(after)


def _joins_words_in_chinese(text: str, i: int) -> bool:
    """A comma with no space after it, not between digits, on a line with Chinese in it."""
    after = text[i + 1 : i + 2]
    if after in ("", " ", "\n") or (after.isdigit() and text[i - 1 : i].isdigit()):
        return False
    start, end = text.rfind("\n", 0, i) + 1, text.find("\n", i)
    return CJK_RE.search(text, start, end if end >= 0 else len(text)) is not None


def _ends_chinese_sentence(text: str, i: int) -> bool:
    """A full stop after Chinese text at the end of a line."""
    return i > 0 and _is_zh(text[i - 1]) and text[i - 1] not in "。，" and text[i + 1 : i + 2] in ("", "\n")


def _chinese_ellipsis(match: re.Match[str]) -> str:
    """'...', '。。。' or a lone '…' next to Chinese text becomes '……'."""
    text, start, end = match.string, match.start(), match.end()
    beside = text[start - 1 : start] + text[end : end + 1]
    return "……" if CJK_RE.search(beside) else match.group()


def _chinese_dash(match: re.Match[str]) -> str:
    """'ーー', '--' or a lone '—' between Chinese words becomes '——'."""
    before = match.string[match.start() - 1 : match.start()]
    return "——" if before and (CJK_RE.match(before) or before in "，。“”") else match.group()


def repair_punctuation(text: str) -> str:
    """Half-width punctuation inside Chinese to full-width; doubled or stray punctuation collapsed."""
    text = _DOUBLE_COMMA_RE.sub(",", text)
    text = _COMMA_BEFORE_PUNCT_RE.sub(r"\1", text)
    text = _splice(text, _full_width_marks(text))
    if "..." in text or "…" in text or "。。。" in text:
        text = _ELLIPSIS_RE.sub(_chinese_ellipsis, text)
    text = _DASH_RE.sub(_chinese_dash, text)
    text = _PAREN_RE.sub(_full_width_parens, text)
    text = _COMMA_BEFORE_PUNCT_RE.sub(r"\1", text)
    text = _COMMA_AFTER_STOP_RE.sub(r"\1", text)
    text = _DOUBLED_MARK_RE.sub(r"\1", text)
    text = _SPACE_AFTER_PUNCT_RE.sub(r"\1", _SPACE_BEFORE_PUNCT_RE.sub("", text))
    return _MULTI_SPACE_RE.sub(" ", text)


def _full_width_marks(text: str) -> list[tuple[int, str]]:
    """(offset, full-width mark) for each half-width mark inside Chinese text, outside URLs."""
    urls = [m.span() for m in _URL_RE.finditer(text)]
    marks = []
    for match in _HALF_PUNCT_RE.finditer(text):
        i, ch = match.start(), match.group()
        if any(a <= i < b for a, b in urls):
            continue
        if ch == ".":
            if _ends_chinese_sentence(text, i):
                marks.append((i, "。"))
        elif _in_chinese(text, i) or (ch == "," and _joins_words_in_chinese(text, i)):
            marks.append((i, _HALF_TO_FULL[ch]))
    return marks


def _splice(text: str, marks: list[tuple[int, str]]) -> str:
    """The text with the character at each offset replaced (offsets ascending), in one pass."""
    if not marks:
        return text
    pieces, last = [], 0
    for i, mark in marks:
        pieces += [text[last:i], mark]
        last = i + 1
    return "".join(pieces) + text[last:]


def _full_width_parens(match: re.Match[str]) -> str:
    """Brackets around or after Chinese text become full-width."""
    inner = match.group(1)
    start = match.start()
    before = match.string[start - 1] if start else ""
    if CJK_RE.search(inner) or CJK_RE.match(before):
        return f"（{inner}）"
    return match.group()


def find_debris(lines: list[str], removed: Counter[str], skip: set[int] | None = None) -> dict[int, str]:
    """Lines that are debris by the YAML rules (index -> rule name); span rules edit lines in place.

    Lines in `skip` (already taken, e.g. a header) are not looked at.
    """
    content = [i for i, line in enumerate(lines) if line != IMAGE and i not in (skip or ())]
    drop = _cut_spans(lines, content, removed)
    content = [i for i in content if i not in drop]
    trailing = _trailing_notes(lines, content)
    content = content[: len(content) - len(trailing)]
    footer = _footer(lines, content, removed)
    drop.update(_rule_lines(lines, [i for i in content if i not in footer], removed))
    for i, name in footer.items():
        drop.setdefault(i, name)
    if content and content[-1] in drop:
        contact = rules()["contact_re"]
        drop.update({i: "contact" for i in trailing if contact.search(lines[i])})
    return drop


def _trailing_notes(lines: list[str], content: list[int]) -> list[int]:
    """The short contact and byline lines ending the text (not debris by a rule themselves).

    They go with a notice before them, if any; the bylines are left for metadata to read.
    """
    r = rules()
    run = []
    for i in reversed(content):
        line = lines[i]
        if len(line) > r["contact_max"] or not (r["contact_re"].search(line) or metadata.parse_labelled(line)):
            break
        if _first_rule(r["line_rules"], line) or _first_rule(r["edge_rules"], line):
            break
        run.append(i)
    return run[::-1]


def _cut_spans(lines: list[str], content: list[int], removed: Counter[str]) -> dict[int, str]:
    """Apply the span rules; lines left empty are returned for dropping."""
    emptied = {}
    for i in content:
        for name, pattern in rules()["span_rules"]:
            if pattern.search(lines[i]):
                lines[i] = _sub_counted(pattern, "", lines[i], name, removed).strip()
                if not lines[i]:
                    emptied[i] = name
                    break
    return emptied


def _rule_lines(lines: list[str], content: list[int], removed: Counter[str]) -> dict[int, str]:
    """Lines matched by a line rule, or by an edge rule at either end of the text.

    Bylines and datelines where metadata looks for them are left for it ('作者：某某 | 来源：某某').
    In a long line an edge rule takes only the sentences it matches (the line is edited in place).
    """
    r = rules()
    edges = _edges(lines, content[: r["edge_window"]]) | _edges(lines, content[::-1][: r["edge_window"]])
    meta = metadata.rules()
    windows = {*content[: meta["head_lines"]], *content[-meta["tail_lines"] :]}
    found = {}
    for i in content:
        line = lines[i]
        if i in windows and metadata.reads_as_metadata(line):
            continue
        name = _first_rule(r["line_rules"], line) if len(line) <= r["line_max"] else None
        if not name and i in edges and len(line) <= r["edge_line_max"]:
            name = _first_rule(r["edge_rules"], line)
            if name and len(line) > r["span_line_min"]:
                lines[i] = _cut_sentences(line, r["edge_rules"], removed)
                name = None if lines[i] else name
        if name:
            found[i] = name
    return found


def _footer(lines: list[str], content: list[int], removed: Counter[str]) -> dict[int, str]:
    """A footer block: from a tail-rule line near the end to the end, when what follows it is short (or notices
    some rule names, such as a long copyright line).

    When the tail-rule line is long (the article itself, run together), only its matching sentences go.
    """
    r = rules()
    notices = [*r["edge_rules"], *r["tail_rules"], *r["line_rules"]]
    for k, i in enumerate(content[-r["tail_window"] :]):
        name = _first_rule(r["tail_rules"], lines[i])
        rest = content[len(content) - min(len(content), r["tail_window"]) + k :]
        if name and all(len(lines[j]) <= r["tail_max_line"] or _first_rule(notices, lines[j]) for j in rest[1:]):
            if len(lines[i]) > r["span_line_min"]:
                lines[i] = _cut_sentences(lines[i], r["tail_rules"], removed)
                rest = rest[1:] if lines[i] else rest
            return dict.fromkeys(rest, name)
    return {}


def _cut_sentences(line: str, rule_list: list[tuple[str, re.Pattern[str]]], removed: Counter[str]) -> str:
    """The line without the sentences a rule of the list matches (counted under the rule's name)."""
    kept = []
    for sentence in _sentences(line):
        name = _first_rule(rule_list, sentence)
        if name:
            removed[name] += len(sentence)
        else:
            kept.append(sentence)
    return "".join(kept).strip()


def _reads_as_debris(line: str) -> bool:
    """A short line, or one whose every sentence some debris rule matches."""
    r = rules()
    every = [*r["line_rules"], *r["edge_rules"], *r["tail_rules"], *r["span_rules"]]
    return len(line) <= r["edge_short"] or all(_first_rule(every, s) for s in _sentences(line))


def _sentences(line: str) -> list[str]:
    """The sentences of a line, each with its end mark and closing quote."""
    return [line[start:end] for start, end in split_sentences(line)]


def hold_back(lines: list[str], drop: dict[int, str], removed: Counter[str]) -> None:
    """Rules that would take most of the document are not applied, unless all they take reads as debris.

    A rule matched on a few words of a long line takes the whole line. When the lines one rule would drop
    hold more than `hold_back_share` of the document's Chinese characters and one of them is not debris
    through and through, they stay, and removed['held_back:<rule>'] records the characters it would have taken.
    """
    r = rules()
    by_rule: dict[str, list[int]] = {}
    for i, name in drop.items():
        if name not in r["hold_back_exempt"] and lines[i] != IMAGE:
            by_rule.setdefault(name, []).append(i)
    for name, taken in by_rule.items():
        if _takes_most(lines, taken, r["hold_back_share"]) and not all(_reads_as_debris(lines[i]) for i in taken):
            size = sum(len(lines[i]) for i in taken)
            for i in taken:
                del drop[i]
            removed[f"held_back:{name}"] += size


def _takes_most(lines: list[str], taken: list[int], share: float) -> bool:
    """Whether the taken lines hold more than `share` of the Chinese characters (the rest counted only as far
    as needed to tell)."""
    chinese = sum(len(CJK_RE.findall(lines[i])) for i in taken)
    enough = chinese * (1 - share) / share  # the rest must reach this for the taken lines not to be most
    skip = set(taken)
    rest = 0
    for line in (line for i, line in enumerate(lines) if line != IMAGE and i not in skip):
        rest += len(CJK_RE.findall(line))
        if rest >= enough:
            return False
    return chinese > 0


def _edges(lines: list[str], order: list[int]) -> set[int]:
    """The run of notice-like lines (short, or matched by a rule) from one end of the text inwards.

    A headline opening the text is part of the run (notices often follow it).
    """
    r = rules()
    edge = set()
    for k, i in enumerate(order):
        line = lines[i]
        short = len(line) <= r["edge_short"] and not _SENTENCE_STOP_RE.search(line)
        if k == i == 0:  # the text's first line: a headline counts as short
            short = short or (len(line) <= metadata.rules()["title_max"] and "。" not in line)
        if not (short or _first_rule(r["edge_rules"], line) or _first_rule(r["line_rules"], line)):
            break
        edge.add(i)
    return edge


def find_leftovers(lines: list[str], found: metadata.Metadata, drop: dict[int, str]) -> None:
    """Add captions, repeated headlines, bare outlet/author lines, duplicates and foreign tails to drop."""
    r = rules()
    content = [i for i, line in enumerate(lines) if i not in drop and line != IMAGE]
    if found.title and content and lines[content[0]] == found.title:
        drop[content[0]] = "title"
    bare = {found.outlet, *found.authors, *found.editors} - {None}
    near_edges = set(content[: r["edge_window"]] + content[-r["edge_window"] :])
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if i in drop or line == IMAGE:
            continue
        if line == found.title:
            drop[i] = "title_repeat"
        elif line in bare and i in near_edges:
            drop[i] = "byline"
        elif r["caption_re"].match(line):
            drop[i] = "photo_credit"
        elif line in seen and len(line) >= 4:
            drop[i] = "duplicate_line"
        seen.add(line)
    _drop_foreign_tail(lines, drop)
    _keep_headline(lines, content, drop)


def _keep_headline(lines: list[str], content: list[int], drop: dict[int, str]) -> None:
    """A headline-only item (a brief whose body only repeats its title, or whose body all went as debris, or
    left only scraps shorter than `headline_only_share` of the headline) keeps its headline as the body: a
    headline is news."""
    headline = next((i for i in content if drop.get(i) in ("title", "title_repeat")), None)
    if headline is None:
        return
    left = sum(len(lines[i]) for i in content if i not in drop)
    if left <= rules()["headline_only_share"] * len(lines[headline]):
        del drop[headline]


def _headline_alone(lines: list[str], drop: dict[int, str], title: str | None) -> bool:
    """Whether the body kept is the headline alone, restored because the article's text all went as debris (a
    photo gallery's page of which the crawl kept the headline and the portal's notice): not a body that repeated its
    headline (a post stored as its own title), whose text it is."""
    kept = [line for i, line in enumerate(lines) if i not in drop and line != IMAGE]
    return bool(title) and kept == [title] and "title_repeat" not in drop.values()


def _drop_foreign_tail(lines: list[str], drop: dict[int, str]) -> None:
    """Lines without any Chinese at the end of a Chinese article are unrelated appended headlines (a closing date
    line among them is not: it signs the text, and stays)."""
    if not any(CJK_RE.search(line) for line in lines):
        return
    for i in range(len(lines) - 1, -1, -1):
        if i in drop or lines[i] == IMAGE or rules()["closing_date_re"].match(lines[i]):
            continue
        if CJK_RE.search(lines[i]):
            break
        drop[i] = "foreign_tail"
