"""Ingest: find seed files, tell what changed, and decode each into a RawDocument (or refuse it)."""

from __future__ import annotations

import codecs
import hashlib
import html as html_lib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import lxml.html
import trafilatura
import xxhash
import yaml

from zhnews.records import RawDocument, Refusal
from zhnews.schemas import URL

STAGE = "ingest"
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive (or Office document)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}
LONG_BLANK = re.compile(r"\s{65,}")  # padding, not content: shrunk so no later rule scans it again and again
INLINE_MARKUP = re.compile(r"\*\*|__|^#{1,6} +", re.M)  # trafilatura's own formatting marks
BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
LEGACY_CHINESE = ["gb18030", "cp950", "big5hkscs"]  # Big5 first as Windows cp950, then the HKSCS superset
MAX_REPLACED_SHARE = 0.01  # UTF-8 with at most 1% undecodable bytes is repaired, not re-guessed
UTF8_VALID_PER_REPLACED = 5  # ... or with at least 5 valid non-ASCII characters per undecodable byte
# Bytes that decode cleanly both as GB18030 and as Big5 are told apart by their double-byte pairs:
# - a lead byte in 0x81-0xA0 is GBK's, never Big5's (bar a few HKSCS characters);
# - punctuation: Big5's ，。、「」（）：？ are 0xA1 and a trail byte below 0x80 (private use in GB18030), its “” are
#   0xA1A7-0xA1A8 (¨〃 in GB), while GB's
#   、。“” and full-width ，！（）：；？ (0xA1A2-0xA1B1, 0xA3A1-0xA3BF) are rare symbols and bopomofo in Big5;
# - GB2312 text (the common Simplified characters) has every trail byte >= 0xA1, while about 40% of Big5
#   characters have a trail byte in 0x40-0x7E; and GB18030 reads many Big5 characters (的 0xAABA) as
#   private use characters, never text.
DOUBLE_BYTE = re.compile(rb"[\x81-\xfe][\x00-\xff]")
GBK_LOW_LEAD_SHARE = 0.01  # more than this share of pairs with a lead byte in 0x81-0xA0: GB
GB_PUNCTUATION = {b"\xa1\xa2", b"\xa1\xa3", b"\xa1\xb0", b"\xa1\xb1", *(bytes([0xA3, t]) for t in range(0xA1, 0xC0))}
BIG5_QUOTES = {b"\xa1\xa7", b"\xa1\xa8"}
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
BIG5_LOW_TRAIL_SHARE = 0.05  # at least this share of pairs with a trail byte below 0x80: Big5
# htmldate in fast mode: the date from the page's markup (meta, time, url) or an exact date pattern, never
# one guessed from any year in the text (a page without a date got 2024-01-01 from "2024年年报" in its body)
PAGE_DATE_ONLY = {"extensive_search": False, "original_date": True}
# BOM-less UTF-16 Chinese holds ASCII, CJK punctuation, kana, bopomofo, the unified ideographs and full-width
# forms; not the rare Extension A (0x3400-0x4DBF), where legacy bytes holding Latin letters land when misread
UNUSUAL_IN_UTF16 = re.compile("[^\x00-\x7f\u3000-\u33ff\u4e00-\u9fff\uff00-\uffef]")
HTML_START = re.compile(r"\s*(<!doctype html|<html)", re.I)
PAGE_TITLE = re.compile(r"<title[^>]*>([^<]{1,500})</title>", re.I)
CANONICAL = re.compile(r"(<link\b[^>]*\brel=[\"']?canonical\b[^>]*>)", re.I)
HREF = re.compile(r"\bhref=[\"']?([^\"'\s>]+)", re.I)
# a link to the author's page names the author: <a href="https://site/author/4561"><span>某某</span></a>
AUTHOR_LINK = re.compile(
    r"<a\s[^>]*href=[\"'][^\"'>]*/(?:author|authors|writer|reporter)/[^\"'>]*[\"'][^>]*>"
    r"\s*(?:<[^<>]{0,200}>\s*){0,3}([^<>\s][^<>]{0,29}?)\s*<",
    re.I,
)
BODY_START = re.compile(r"<body[\s>]", re.I)
HEAD_SCAN = 200_000  # a page without </head>: its title and links are looked for in this many characters
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_KEYS = {
    "title": "title",
    "url": "url",
    "link": "url",
    "source_url": "url",
    "source": "outlet",
    "outlet": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "publisher": "outlet",
    "date": "date",
    "published": "date",
    "publish_date": "date",
    "author": "author",
    "authors": "author",
}


@dataclass(frozen=True)
class SeedFile:
    """A file found under the seeds folder, with what `stat` says of it."""

    source_path: str
    size_bytes: int
    mtime_ns: int


@dataclass(frozen=True)
class KnownFile:
    """What the warehouse remembers of a file from the last run."""

    size_bytes: int
    mtime_ns: int
    content_hash: str
    doc_id: str | None


@dataclass
class ScanPlan:
    """Which files must be read (new or possibly changed), which are unchanged, which are gone."""

    to_read: list[SeedFile] = field(default_factory=list)
    unchanged: list[SeedFile] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


@dataclass
class ReadResult:
    """A decoded document (None when the whole file was refused) and the refusals met on the way."""

    document: RawDocument | None
    refusals: list[Refusal] = field(default_factory=list)


def discover(root: Path) -> tuple[list[SeedFile], list[Refusal]]:
    """Find every file below `root`, recursively, without following links out of it.

    Paths are handled as strings (`os.walk` gives them so): a `Path` per file cost more than its `stat`.
    """
    root = root.resolve()
    top = str(root)
    found: list[SeedFile] = []
    refused: list[Refusal] = []

    def unreadable(err: OSError) -> None:
        folder = shown_path(Path(err.filename), root) + "/" if err.filename else "./"
        reason = f"folder could not be read ({err.strerror}); the files it held are kept as they were"
        refused.append(Refusal(folder, STAGE, reason))

    for folder, dirnames, filenames in os.walk(top, followlinks=False, onerror=unreadable):
        dirnames.sort()
        for name in dirnames:
            path = os.path.join(folder, name)
            if os.path.islink(path) and not inside(Path(path), root):
                reason = "symbolic link to a folder outside the seeds folder; not followed"
                refused.append(Refusal(shown_path(Path(path), root), STAGE, reason))
        prefix = os.path.relpath(folder, top).replace(os.sep, "/") + "/" if folder != top else ""
        for name in sorted(filenames):
            seed = examine(os.path.join(folder, name), prefix + name, root)
            (refused if isinstance(seed, Refusal) else found).append(seed)
    return found, refused


def inside(path: Path, root: Path) -> bool:
    """Whether a link's target lies inside `root` (a link loop counts as inside: `stat` then refuses it)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # RuntimeError: symlink loop
        return True


def shown_path(path: Path, root: Path) -> str:
    """The path relative to `root`, '/'-separated; bytes that are not UTF-8 shown as U+FFFD."""
    return shown(path.relative_to(root).as_posix())


def shown(relative: str) -> str:
    """A '/'-separated relative path with the bytes that are not UTF-8 shown as U+FFFD."""
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def examine(path: str, relative: str, root: Path) -> SeedFile | Refusal:
    """A regular file's stat, or why it is not taken: link out, dangling link, special file, bad name.
    `relative` is the path below `root`, '/'-separated."""
    rel = shown(relative)
    if os.path.islink(path) and not inside(Path(path), root):
        return Refusal(rel, STAGE, "symbolic link pointing outside the seeds folder; not followed")
    if rel != relative:
        return Refusal(rel, STAGE, "file name is not valid UTF-8; rename the file to take it in")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Refusal(rel, STAGE, "symbolic link to a file that does not exist; skipped")
    except OSError as err:  # e.g. ELOOP for a link loop
        return Refusal(rel, STAGE, f"file could not be examined ({err.strerror}); skipped")
    if not stat.S_ISREG(st.st_mode):
        return Refusal(rel, STAGE, "not a regular file (a pipe, socket or device); not read")
    return SeedFile(rel, st.st_size, st.st_mtime_ns)


def plan_scan(files: list[SeedFile], known: dict[str, KnownFile], unreadable: tuple[str, ...] = ()) -> ScanPlan:
    """Split files into those to read and those unchanged (same size and mtime), and list deletions.

    Files under an `unreadable` folder prefix (a folder `discover` could not list) are not deletions.
    """
    plan = ScanPlan()
    for f in files:
        old = known.get(f.source_path)
        unchanged = old and old.size_bytes == f.size_bytes and old.mtime_ns == f.mtime_ns
        (plan.unchanged if unchanged else plan.to_read).append(f)
    present = {f.source_path for f in files}
    plan.deleted = sorted(p for p in known if p not in present and not p.startswith(unreadable))
    return plan


def content_hash(data: bytes) -> str:
    return xxhash.xxh3_128_hexdigest(data)


def make_doc_id(source_path: str, digest: str) -> str:
    """Stable id: the same content at the same path gives the same id on every run."""
    return hashlib.sha1(f"{source_path}\0{digest}".encode()).hexdigest()[:16]


def read_bytes(root: Path, source_path: str, limit: int) -> bytes | Refusal:
    """The file's bytes, or a refusal when it vanished, cannot be read or is too large.

    At most `limit + 1` bytes are read, so a file that grows after it was examined cannot blow memory.
    """
    try:
        # O_NONBLOCK: a file swapped for a named pipe after discovery must not block the run
        with os.fdopen(os.open(os.path.join(root, source_path), os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                return Refusal(source_path, STAGE, "not a regular file (a pipe, socket or device); not read")
            data = read_up_to(handle, st.st_size, limit) if st.st_size <= limit else b""
            size = max(len(data), st.st_size)
    except FileNotFoundError:
        return Refusal(source_path, STAGE, "file vanished between discovery and reading")
    except OSError as err:
        return Refusal(source_path, STAGE, f"file could not be read ({err.strerror})")
    if size > limit:
        return Refusal(
            source_path,
            STAGE,
            f"file is {size / 2**20:.1f} MB, above the {limit / 2**20:.0f} MB limit "
            "(ZHNEWS_MAX_FILE_MB); split it or raise the limit",
        )
    return data


def read_up_to(handle: BinaryIO, size: int, limit: int) -> bytes:
    """The file's bytes, at most `limit + 1`: a buffer of its `size` (and one byte), read on only if it grew
    (a buffer of the limit for every file costs more than reading it)."""
    data = handle.read(size + 1)
    if len(data) == size + 1 and size < limit:
        data += handle.read(limit - size)
    return data


def parse_seed(source_path: str, data: bytes) -> ReadResult:
    """Decode a file's bytes and take its header metadata: plain text, Markdown or HTML."""
    digest = content_hash(data)
    refusals: list[Refusal] = []
    binary = binary_kind(data)
    if binary:
        return ReadResult(None, [Refusal(source_path, STAGE, f"binary file ({binary}), not text")])
    text, encoding, repaired = decode(data)
    if repaired:
        refusals.append(
            Refusal(source_path, STAGE, f"{repaired} undecodable byte(s) in {encoding} text were replaced by U+FFFD")
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = LONG_BLANK.sub(lambda m: "\n\n" if "\n" in m.group() else " ", text)
    if not text.strip():
        reason = "file is empty (0 bytes)" if not data else "file is empty: it holds only whitespace"
        return ReadResult(None, [*refusals, Refusal(source_path, STAGE, reason)])
    fmt = file_format(source_path, text)
    text, meta, problem = split_front_matter(text)  # web clippers put one before Markdown and HTML alike
    if problem:
        refusals.append(Refusal(source_path, STAGE, problem))
    if fmt == "html" or HTML_START.match(text):
        fmt = "html"
        text, page_meta = html_main_text(text)  # without the front matter, the page's head parses as a head
        clipped = {"clipped_url": meta["url"]} if "url" in meta else {}  # the address the clipper fetched
        meta = {**meta, **page_meta, **clipped}  # the page's own metadata first; the front matter fills its gaps
    if not text.strip():
        reason = "file has no text besides its header or markup"
        return ReadResult(None, [*refusals, Refusal(source_path, STAGE, reason)])
    doc = RawDocument(
        doc_id=make_doc_id(source_path, digest),
        source_path=source_path,
        content_hash=digest,
        fmt=fmt,
        encoding=encoding,
        text=text,
        meta=meta,
        size_bytes=len(data),
    )
    return ReadResult(doc, refusals)


def read_seed(root: Path, source_path: str, limit: int) -> tuple[str | None, ReadResult]:
    """Read and parse one seed file; returns its content hash (None if unread) and the result."""
    data = read_bytes(root, source_path, limit)
    if isinstance(data, Refusal):
        return None, ReadResult(None, [data])
    try:
        return content_hash(data), parse_seed(source_path, data)
    except Exception as err:  # a decoder or the HTML extractor crashed on this input: refuse it alone
        reason = f"file could not be parsed ({type(err).__name__}: {one_line(str(err))})"
        return content_hash(data), ReadResult(None, [Refusal(source_path, STAGE, reason)])


def one_line(text: str, width: int = 200) -> str:
    """A message on one line, cut to `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def binary_kind(data: bytes) -> str | None:
    """Name the kind of a binary file by its magic number or stray NUL bytes, else None."""
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    head = data[:4096]
    if b"\x00" in head and not (looks_like_utf16(head) or plausible_utf16(head)):
        return "unknown binary content"
    return None


def looks_like_utf16(head: bytes) -> bool:
    """BOM-less UTF-16: NUL bytes sit at every other position for ASCII-heavy text."""
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) > len(head) / 4 and min(even.count(0), odd.count(0)) == 0


def decode(data: bytes) -> tuple[str, str, int]:
    """Decode bytes to text: returns (text, encoding, number of replaced undecodable bytes)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, 0
    if looks_like_utf16(data[:4096]):
        head = data[:4096]
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"  # ASCII's zero bytes
        return data.decode(encoding, errors="replace"), encoding, 0
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    utf16 = plausible_utf16(data)
    if utf16:
        return utf16
    replaced_text = data.decode("utf-8", errors="replace")
    replaced = replaced_text.count("\ufffd")
    if cut_short_utf8(data) or mostly_utf8(replaced_text, replaced, len(data)):
        return replaced_text, "utf-8", replaced
    return decode_legacy(data)


def cut_short_utf8(data: bytes) -> bool:
    """UTF-8 whose only flaw is a last character cut off (a truncated file)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def mostly_utf8(text: str, replaced: int, size: int) -> bool:
    """UTF-8 with a few damaged bytes: few replacements, or far more valid multi-byte characters than them.

    Legacy Chinese bytes read as UTF-8 give mostly replacements, as their byte pairs rarely form UTF-8.
    """
    if replaced <= MAX_REPLACED_SHARE * size:
        return True
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - replaced
    return valid >= UTF8_VALID_PER_REPLACED * replaced


def plausible_utf16(data: bytes) -> tuple[str, str, int] | None:
    """BOM-less UTF-16 holding Chinese text: decodes strictly to CJK, ASCII and punctuation only."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(UNUSUAL_IN_UTF16.findall(text)) <= 0.02 * len(text):
            return text, encoding, 0
    return None


def decode_legacy(data: bytes) -> tuple[str, str, int]:
    """GB18030/GBK or Big5: the family that decodes cleanly; when both or neither do, the bytes decide
    (charset-normalizer when they hold no double-byte pair)."""
    clean: dict[str, str] = {}
    for encoding in LEGACY_CHINESE:
        family = "gb" if encoding == "gb18030" else "big5"
        if family not in clean and decodes(data, encoding):
            clean[family] = encoding
    if len(clean) == 1:
        encoding = next(iter(clean.values()))
    else:
        family = legacy_family(data)
        if family is None:
            best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_CHINESE).best()
            name = best.encoding if best else "gb18030"
            family = "big5" if "big5" in name or "950" in name else "gb"
        encoding = clean.get(family, "gb18030" if family == "gb" else "cp950")  # neither clean: the likelier one
    text = data.decode(encoding, errors="replace")
    return text, encoding, text.count("\ufffd")


def legacy_family(data: bytes) -> str | None:
    """'gb' or 'big5' as the double-byte pairs of legacy Chinese bytes tell, None when they are too few."""
    pairs = DOUBLE_BYTE.findall(data)
    if sum(1 for pair in pairs if pair[0] <= 0xA0) > GBK_LOW_LEAD_SHARE * len(pairs):
        return "gb"
    gb_punctuation = sum(1 for pair in pairs if pair in GB_PUNCTUATION)
    big5_punctuation = sum(1 for pair in pairs if (pair[0] == 0xA1 and pair[1] < 0x80) or pair in BIG5_QUOTES)
    if gb_punctuation != big5_punctuation:
        return "gb" if gb_punctuation > big5_punctuation else "big5"
    low_trail = sum(1 for pair in pairs if pair[1] < 0x80)
    if low_trail and low_trail >= BIG5_LOW_TRAIL_SHARE * len(pairs):
        return "big5"
    if PRIVATE_USE.search(data.decode("gb18030", errors="replace")):
        return "big5"
    return "gb" if pairs else None  # none tells: GB, whose pairs never do (a Big5 one does, one time in two)


def decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def has_html_suffix(source_path: str) -> bool:
    return suffix_of(source_path) in HTML_SUFFIXES


def suffix_of(source_path: str) -> str:
    return os.path.splitext(source_path)[1].lower()  # a Path per file costs more than reading it


def file_format(source_path: str, text: str) -> str:
    if has_html_suffix(source_path):
        return "html"
    if suffix_of(source_path) in MARKDOWN_SUFFIXES or FRONT_MATTER.match(text):
        return "md"
    if HTML_START.match(text[:200]):
        return "html"
    return "txt"


def split_front_matter(text: str) -> tuple[str, dict[str, str], str | None]:
    """Remove a YAML front matter block: returns (rest, metadata, problem or None)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}, None
    rest = text[match.end() :]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        problem = str(err).splitlines()[0]
        return rest, {}, f"front matter is not valid YAML ({problem}); its fields were ignored, the text kept"
    if not isinstance(data, dict):
        return rest, {}, "front matter is not a YAML mapping; its fields were ignored, the text kept"
    return rest, front_matter_fields(data), None


def front_matter_fields(data: dict) -> dict[str, str]:
    """Map front matter keys to the metadata names the cleaning stage reads."""
    meta: dict[str, str] = {}
    for key, value in data.items():
        name = FRONT_MATTER_KEYS.get(str(key).lower())
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value) if value is not None else ""
        text = " ".join(text.split())  # header fields are one line, whatever YAML allowed
        if name and name not in meta and text and (name != "url" or re.fullmatch(URL, text)):
            meta[name] = text
    return meta


def html_main_text(html: str) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page (paragraphs on their own lines) and its metadata.

    The main text is extracted for precision; a page where that finds nothing (a members-only page showing
    only its lead among widgets) is extracted again for recall before all its visible text is taken.
    Besides what the extractor reads, the raw <title> (headline and site name), the canonical link and the
    name on the first link to an author's page are kept for the metadata stage to choose from.
    """
    doc = _extract(html, favor_precision=True) or _extract(html, favor_recall=True)
    body = BODY_START.search(html)  # not </head>: a page may close an empty head before its <title>
    head = html[: body.start() if body else HEAD_SCAN]
    page = {"page_title": _first_group(PAGE_TITLE, head), "canonical": _canonical(head)}
    page["author_link"] = _first_group(AUTHOR_LINK, html)
    if doc is None:
        return html_fallback_text(html), _squeezed(page)
    meta = {"title": doc.title, "outlet": doc.sitename, "author": doc.author, "date": doc.date, "url": doc.url}
    return INLINE_MARKUP.sub("", doc.text), _squeezed(meta | page)


def _extract(html: str, **favor: bool) -> trafilatura.settings.Document | None:
    """trafilatura's main text and metadata, or None when it finds no text."""
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_formatting=True,
        date_extraction_params=dict(PAGE_DATE_ONLY), **favor,
    )
    return doc if doc is not None and (doc.text or "").strip() else None


def _squeezed(meta: dict[str, str | None]) -> dict[str, str]:
    """The fields that have a value, each on one line."""
    return {k: " ".join(html_lib.unescape(v).split()) for k, v in meta.items() if v and v.split()}


def _first_group(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None


def _canonical(head: str) -> str | None:
    """The page's canonical address (<link rel="canonical" href="...">), if it gives one."""
    link = _first_group(CANONICAL, head)
    return _first_group(HREF, link) if link else None


def html_fallback_text(html: str) -> str:
    """All visible text when no main text can be found (scripts and styles dropped)."""
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on malformed input
        return re.sub(r"<[^>]+>", " ", html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
