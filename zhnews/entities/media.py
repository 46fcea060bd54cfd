"""Media: outlets in book-title marks or named as a source (据某某报道), and dateline credits that are no mention."""

from __future__ import annotations

import re

from zhnews.entities.base import Candidate, cues, lexicon, name_key, phrase_like
from zhnews.entities.brackets import BOOK_TITLE
from zhnews.entities.segment import is_place_token, pos_tokens

REPORTED_BY = re.compile(r"(?:据|援引|根据)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:报道|消息称|援引|独家)")


def media_candidates(doc_id: str, body: str) -> list[Candidate]:
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
        if outlet.endswith(rules.media_suffixes + rules.reporter_suffixes) and not phrase_like(outlet):
            out.append(Candidate(doc_id, outlet, match.start(1), match.end(1), "MEDIA", 3.0, "reported_by"))
    return out


# `@` + a handle of CJK, Latin, digits, `_` or `-`, ending where a handle must (space, colon, slash, `@`, punctuation)
HANDLE = re.compile(r"(?<![A-Za-z0-9_.])@([\u4e00-\u9fffA-Za-z0-9_\-]{2,20})(?=[\s:：/@，。、！？；,;!?)）]|$)")


def account_handles(doc_id: str, body: str) -> list[Candidate]:
    """Social-media accounts named by their handle (`@中国某某网 @某某法院`, `//@江西Kenny：`): see
    `handle_media_endings` in rules/entity_cues.yaml."""
    out = []
    for match in HANDLE.finditer(body):
        handle = match.group(1)
        if re.fullmatch(r"[0-9_\-]+", handle):
            continue
        out.append(Candidate(doc_id, handle, match.start(1), match.end(1), _handle_type(handle), 3.5, "handle"))
    return out


def _handle_type(handle: str) -> str:
    """An outlet or institution by its ending or the lexicon; a place when made of places (北京市石景山), an
    organisation when led by one (北京警务督察); a person otherwise."""
    known = lexicon().by_key.get(name_key(handle))
    if known:
        return known[1]
    if handle.endswith(cues().handle_media_endings):
        return "MEDIA"
    if handle.endswith(cues().institution_heads):
        return "ORG"
    tokens = pos_tokens(handle, 0)
    if re.search("[A-Za-z]", handle) or not is_place_token(tokens[0]):
        return "PERSON"  # a nickname (江西Kenny)
    return "PLACE" if all(is_place_token(token) for token in tokens) else "ORG"


def dateline_spans(body: str) -> list[tuple[int, int]]:
    """Spans of datelines crediting the outlet at a paragraph's start (某某财经讯, 新华社北京5月1日电): a source
    credit like the byline, not a mention, and no name inside it is one (某某 of 某某财经讯)."""
    return [
        (m.start(), m.end())
        for pattern in cues().datelines
        for m in pattern.finditer(body)
        if not m.group(1).startswith(("本", "记者"))
    ]
