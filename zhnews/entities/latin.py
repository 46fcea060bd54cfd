"""Latin-script names and model numbers (`Stability AI`, `Nimbus 4`, `DALL- E2`), typed by cue words or shape."""

from __future__ import annotations

import re
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
)

# `DALL- E2`: a typed hyphen; `O’Brien`, `O‘Brien`: a typeset apostrophe; `Copilot+PC`, `UltraScale+`: a plus in a brand
LATIN_WORD = r"[A-Za-z][A-Za-z0-9]*(?:(?:[-'‘’.&+]|- (?=[A-Z0-9]))[A-Za-z0-9]+)*\+?"
# a model number after a name (`Nimbus 4`, `Ultra 7 165U`, `Zynq 7000`), not an amount or a date (`iPhone 2023年`)
VERSION = r"\d{1,4}(?:\.\d)?[A-Za-z]{0,3}(?![0-9])(?!\s*[年月日号万亿元%％])"
SERIAL_CODE = re.compile(r"[A-Z]{1,2}\d{4,}")  # a case, file or article number (A3584), not a model (A380)
# a document's number (`No1881`, `No. 488`) or a standard's code and number before its year (`GB 2762-2017`)
DOCUMENT_NUMBER = re.compile(r"No\.? ?\d+")
CODE_NUMBER = re.compile(r"[A-Z]+ ?\d+")
YEAR_AFTER = re.compile(r"[-/](?:19|20)\d\d(?!\d)")
EDITION_YEAR = re.compile(r" (?:19|20)\d\d$")  # an event's edition (`IFA 2024`); a model year is written 2024款
INITIAL = r"[A-Z]\.(?= [A-Z])"  # a middle initial: `Frederick A. Praeger`
LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9]){LATIN_WORD}(?: (?:{INITIAL}|{LATIN_WORD}|{VERSION}))*")
CAMEL_PART = re.compile(r"[A-Z][a-z]+")
MODEL_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z]{0,3}\d{1,4}[A-Za-z]{0,3}(?![A-Za-z0-9])")


LOWERCASE_KNOWN_MIN = 4  # a lowercase known name this long is the name (`facebook`), a shorter one a word (`go`)
LATIN_HEAVY_LETTERS = 40  # a line with more Latin letters than this, and few Chinese characters, is Latin text
LATIN_LETTER = re.compile("[A-Za-z]")
CJK_CHAR = re.compile(f"[{CJK}]")


def _latin_heavy_lines(body: str) -> list[tuple[int, int]]:
    """Lines that are mostly Latin text (appended English headlines): only lexicon names count there."""
    spans, pos = [], 0
    for line in body.split("\n"):
        if len(line) > LATIN_HEAVY_LETTERS:  # a shorter line cannot hold that many letters: nothing to count
            letters = len(LATIN_LETTER.findall(line))
            if letters > LATIN_HEAVY_LETTERS and len(CJK_CHAR.findall(line)) < 0.2 * letters:
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
    """Drop plain lowercase words at either end of a piece (`the OpenAI`, `OpenAI said`); keep `iPhone`, `v6`, and a
    lone word the lexicon knows in another case (`facebook`: writers and forums type brands in lower case)."""
    words = body[start:end].split(" ")
    if len(words) == 1 and _known_lowercase(body, start, end):
        return start, end
    plain = [w.isalpha() and w.islower() for w in words]
    while words and plain[0]:
        start += len(words.pop(0)) + 1
        plain.pop(0)
    while words and plain[-1]:
        end -= len(words.pop()) + 1
        plain.pop()
    return (start, end) if words else None


def _known_lowercase(body: str, start: int, end: int) -> bool:
    """A lowercase word alone among Chinese text (no Latin word beside it) that the lexicon knows (`facebook`)."""
    alone = not (body[max(0, start - 1) : start] == " " or body[end : end + 1] == " ")
    return alone and end - start >= LOWERCASE_KNOWN_MIN and name_key(body[start:end]) in lexicon().by_key


def latin_candidates(doc_id: str, body: str) -> list[Candidate]:
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
    if _document_number(body, start, end) or EDITION_YEAR.search(surface) or _market_index(body, end):
        return None
    return Candidate(doc_id, surface, start, end, etype, weight, rule)


def _document_number(body: str, start: int, end: int) -> bool:
    """A regulation's or a standard's number (`No1881/2006`, `GB 2762-2017`): no product's name."""
    surface = body[start:end]
    return bool(DOCUMENT_NUMBER.fullmatch(surface) or (CODE_NUMBER.fullmatch(surface) and YEAR_AFTER.match(body, end)))


def _market_index(body: str, end: int) -> bool:
    """A Latin name right before an index word (`FTSE 100指数`): a market index, no entity (see `index_words`); a
    code right before 次 or 级 (`Y925次`, `C1级`) is a train's number or a grade (see `code_number_words`)."""
    after = end + (body[end : end + 1] == " ")
    code = any(ch.isdigit() for ch in body[max(0, end - 1) : end])
    return body.startswith(cues().index_words, after) or (code and body.startswith(cues().code_number_words, after))


def _is_acronym(surface: str) -> bool:
    return len(surface) <= 5 and surface.isalpha() and (surface.isupper() or len(surface) == 1)


def _latin_type(body: str, start: int, end: int) -> tuple[str, float, str]:
    """Type of a Latin-script name from its context, else from its shape."""
    left, right = clause_context(body, start, end)
    found = cue_type(left, right)
    if found and start and body[start - 1] in "(（" and found[2] == "left_cue":
        return found[0], 2.0, found[2]  # the cue may end the name the bracket glosses (某某机器人（X Robotics）)
    shape = _latin_shape_type(body[start:end])
    if found and found[0] == "PRODUCT" and found[2] == "left_cue" and _firm_word_end(body[start:end]):
        return shape  # a firm's own name (营销工具Jasper AI): the class noun before it is what the firm sells
    if found:
        return found
    if shape[1] < 2.5 and _after_known_org(body, start):
        return "PRODUCT", 2.0, "brand_product"
    if shape[2] == "default":
        return _sentence_cue_type(body, start) or shape
    return shape


def _firm_word_end(surface: str) -> bool:
    """Whether a Latin name of two words or more ends with a word that names a firm (X AI, X Labs, X Inc)."""
    words = surface.split(" ")
    return len(words) > 1 and words[-1] in cues().latin_firm_words


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


def without_ratings(cands: list[Candidate]) -> list[Candidate]:
    """Candidates ending with a product rating (`URIAGE SPF60`, `防晒乳SPF25`: see `rating_code`) cut to the Latin
    brand before it, or dropped when no Latin name is left."""
    out = []
    for cand in cands:
        rating = cues().rating_end.search(cand.surface)
        if not rating:
            out.append(cand)
            continue
        brand = cand.surface[: rating.start()]
        if re.fullmatch(LATIN_RUN, brand) and len(brand) >= 2:
            out.append(replace(cand, surface=brand, end=cand.start + len(brand)))
    return out
