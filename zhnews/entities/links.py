"""Names linked inside a document: translations, former names, abbreviations, name parts, repeated surfaces."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from zhnews.entities.base import (
    CJK,
    SENTENCE_END,
    Candidate,
    clause_context,
    cue_type,
    cues,
    lexicon,
    name_key,
    occurrences,
    phrase_like,
)
from zhnews.entities.brackets import BARE_SHORT, abbreviates
from zhnews.entities.latin import MODEL_CODE
from zhnews.entities.organisations import org_from_tokens
from zhnews.entities.segment import RARE_WORD_FREQ, has_proper_part, pos_cut, stem_tokens, word_freq

ABBREVIATION = re.compile(
    r"[(（]\s*(?:以下|下文|下|后文)?(?:简称为?|称为?|简写为?)\s*[“\"「『‘]?\s*([^”\"」』’)）\s，,]{1,20}?)\s*[”\"」』’]?\s*[)）]"
)
BARE_ACRONYM = re.compile(r"[(（]\s*([A-Z][A-Za-z0-9&]{1,7})\s*[)）]")
FORMER_NAME = re.compile(r"[(（]\s*(?:原|前身为|原名|旧称|原称)\s*[“\"「]?([^)）”\"」]{1,20})[”\"」]?\s*[)）]")
# the new name before `(原...)` when no rule found it: a whole capitalised Latin word or a whole short CJK run
FORMER_NAME_NEW = re.compile(
    rf"(?:(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:[-'.&][A-Za-z0-9]+)*|(?<![{CJK}])[{CJK}]{{2,6}})$"
)


def drop_glosses(body: str, cands: list[Candidate]) -> list[Candidate]:
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


def link_pairs(body: str, cands: list[Candidate]) -> list[Candidate]:
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


def link_former_names(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """`X(原推特)`: the name before the bracket is the new name of the one inside."""
    out = list(cands)
    for match in FORMER_NAME.finditer(body):
        old = next((c for c in cands if c.start >= match.start(1) and c.end <= match.end(1)), None)
        if old is None:
            continue
        new = next((c for c in cands if c.end == match.start()), None)
        if new is None:
            word = FORMER_NAME_NEW.search(body, max(0, match.start() - 20), match.start())
            if not word or phrase_like(word.group()):
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


def link_abbreviations(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
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
        if target is None or (reach == 0 and not abbreviates(short, target.surface)):
            continue
        if not before:  # the name the rules missed replaces what it covers, as the longest candidate would
            spans.remove(spans.overlapping(target.start, target.end))
            spans.add(target)
        if lexicon().by_key.get(name_key(short)):
            spans.swap(target, replace(target, link=short, link_scope="corpus"))
            continue
        for pos in occurrences(body, short):
            end = pos + len(short)
            clash = spans.overlapping(pos, end)
            inside = [c for c in clash if pos <= c.start and c.end <= end and c.surface != short]
            if all((c.surface == short and c.rule != "lexicon") or c in inside for c in clash):
                found = cue_type(*clause_context(body, pos, end))
                strong = found and found[1] > 1.5  # organisations say things too: 某某委员会指出
                etype, weight = (found[0], found[1]) if strong else (target.type, 0.01)
                spans.remove(clash)
                spans.add(Candidate(doc_id, short, pos, end, etype, weight, "abbreviation", target.surface, "doc"))
    return spans.all()


def _abbreviated(doc_id: str, body: str, end: int) -> Candidate | None:
    """The name right before an abbreviation's definition, when no rule found it: 百川智能(以下简称"百川")."""
    stem = stem_tokens(body, end)
    if not stem or not has_proper_part(stem, allow_place=True):
        return None
    return org_from_tokens(doc_id, body, stem, end, "abbreviated", 1.0)


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
    words = [w for w, _ in pos_cut(name)]
    prefixes = ["".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    return [p for p in prefixes if len(p) >= 3 and p not in lexicon().cjk and not word_freq(p) >= RARE_WORD_FREQ]


def link_name_parts(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
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
            for pos in occurrences(body, part):
                clash = spans.overlapping(pos, pos + len(part))
                inside = [c for c in clash if pos <= c.start and c.end <= pos + len(part) and c.surface != part]
                if all((c.surface == part and c.rule != "lexicon") or c in inside for c in clash):
                    spans.remove(clash)
                    spans.add(
                        Candidate(doc_id, part, pos, pos + len(part), full.type, 1.0, "name_part", full.surface, "doc")
                    )
    return spans.all()


def repeat_surfaces(doc_id: str, body: str, cands: list[Candidate]) -> list[Candidate]:
    """Every other occurrence of a name found in this document is a mention too, also where shorter names were read
    inside it (国务院 + 国资委 where 国务院国资委 is found): the longest name found wins there, as at one
    position (see `_read_as_parts`)."""
    owner = [-1] * (len(body) + 1)  # the index in `out` of the candidate covering each character
    out = list(cands)
    for i, c in enumerate(cands):
        owner[c.start : c.end] = [i] * (c.end - c.start)
    inner: set[int] = set()  # candidates a longer repeated name replaced
    seen: set[str] = set()
    for cand in sorted(cands, key=lambda c: -c.weight):
        if cand.surface in seen or len(cand.surface) < 2:
            continue
        seen.add(cand.surface)
        for pos in occurrences(body, cand.surface):
            end = pos + len(cand.surface)
            held = {i for i in owner[pos:end] if i >= 0}
            if _read_as_parts(out, held, pos, end):
                inner |= held
                owner[pos:end] = [len(out)] * (end - pos)
                out.append(replace(cand, start=pos, end=end, weight=min(cand.weight, 0.1), rule="repeat"))
    return [c for i, c in enumerate(out) if i not in inner]


def _read_as_parts(cands: list[Candidate], held: set[int], start: int, end: int) -> bool:
    """No candidate at [start, end), or only shorter ones inside it: the name's text read as its parts. Not one
    place alone (中国 + 渔政船: the place may be meant)."""
    shorter = (cands[i] for i in held)
    inside = all(start <= c.start and c.end <= end and c.end - c.start < end - start for c in shorter)
    one_place = len(held) == 1 and cands[next(iter(held))].type == "PLACE"
    return not held or (inside and not one_place)
