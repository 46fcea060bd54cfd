"""jieba segmentation and POS tags: the private tokenizer (lexicon included), cached cuts and word tests."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from zhnews.entities.base import GENERIC_HEADS, HAN, clause_start, cues, lexicon, name_key, phrase_like
from zhnews.posseg import PosCut, hmm_tokenizer_class

if TYPE_CHECKING:
    import jieba.posseg


JIEBA_TAGS = {"PERSON": "nr", "ORG": "nt", "PRODUCT": "nz", "PLACE": "ns", "MEDIA": "nt"}
STOP_TAGS = (
    "v",
    "p",
    "c",
    "u",
    "d",
    "r",
    "m",
    "q",
    "x",
    "f",
    "t",
    "y",
    "e",
    "o",
    "w",
    "ad",
    "i",  # an idiom (认真贯彻 + 习近平总书记): a description, never part of a name
)  # POS prefixes ending a stem
DESCRIPTION_TAGS = ("p", "c", "u", "d", "r", "m", "q", "x", "f", "t", "y", "e", "o", "w", "a")  # not in a name
LEGAL_STOP_TAGS = ("p", "c", "u", "d", "r", "m", "q", "x", "t", "y", "e", "o", "w")  # verbs checked by frequency
PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "nt", "nz")
NAME_CHAR_TAGS = ("n", "g", "z", "j")  # single characters that may be part of an unknown name (not verbs, adverbs...)
RARE_WORD_FREQ = 1000  # jieba dictionary frequency below which a tagged proper noun is trusted
RARE_PLACE_FREQ = 50  # a place word this rare in a company name is a brand (百川智能), not a location
RARE_STEM_FREQ = 300  # a firm's stem (启明创投, 源码资本) of words rarer than this is no common phrase


@cache
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """A private jieba tokenizer whose user dictionary holds the lexicon, with entity POS tags (its HMM searched by
    numpy: zhnews/posseg.py)."""
    import jieba  # here, not on top: the run process seldom tokenizes (pool workers do), and jieba costs 0.25 s
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for surface, (_, etype) in lexicon().cjk.items():
        tokenizer.add_word(surface, freq=None, tag=JIEBA_TAGS[etype])
    return hmm_tokenizer_class()(tokenizer)


@lru_cache(maxsize=4096)
def pos_cut_hmm(window: str) -> tuple[tuple[str, str], ...]:
    """jieba POS segmentation with HMM of a short window; windows recur (主席某某表示 in many transcripts)."""
    return tuple((token.word, token.flag) for token in pos_tokenizer().cut(window, HMM=True))


def merged_names(tokens: Iterable[tuple[str, str]], offset: int) -> list[tuple[str, str, int]]:
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


def pos_tokens(text: str, offset: int) -> list[tuple[str, str, int]]:
    """jieba POS tokens (no HMM) with their offsets."""
    out, pos = [], offset
    for word, flag in pos_cut(text):
        out.append((word, flag, pos))
        pos += len(word)
    return out


@lru_cache(maxsize=8192)
def pos_cut(text: str) -> tuple[tuple[str, str], ...]:
    """jieba POS segmentation without HMM; clauses recur (several titles or suffixes in one), so cached."""
    return rust_pos_cut().cut(text)


def quick_tags(text: str) -> list[tuple[str, str]]:
    """jieba's words without HMM (lexicon included) and rjieba's own tags for them: 3x faster than `pos_cut` on a
    whole text, with tags that may differ from jieba.posseg's in places (Latin, digits); for the tagger's choice of
    clauses (zhnews/entity_tagger.py `name_words`), which only asks for proper nouns and single characters."""
    return rust_pos_cut().rust.tag(text, hmm=False)


@cache
def rust_pos_cut() -> PosCut:
    """The private tokenizer's cut without HMM run by rjieba (zhnews/posseg.py): the same words and tags, 4x faster."""
    return PosCut(pos_tokenizer(), lexicon().cjk)


def stem_tokens(
    body: str, end: int, suffix_end: int | None = None, legal: bool = False, kinds: bool = True
) -> list[tuple[str, str, int]]:
    """The noun-like tokens of the clause that end at `end`, after its last verb, preposition, pronoun...

    With `suffix_end`, the text up to there is segmented and the stem is empty unless a token starts at
    `end` (the suffix 智能 inside the word 人工智能 is no suffix). A `legal` name (有限公司) runs back over
    place and direction words to the clause's last function word or common verb. Without `kinds`, generic
    nouns (市场, 产业) do not end the stem: they are part of an institution's name (某某市场信息联席会).
    """
    left = clause_start(body, end, 40 if legal else 30)
    tokens = pos_tokens(body[left : suffix_end or end], left)
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
        and name_char(tokens[i - 1])
        and (len(nxt[0]) > 1 or name_char(nxt) if nxt else at_suffix)
        and not phrase_like(word)
    )


def _ends_stem(word: str, flag: str, is_head: bool, legal: bool = False, kinds: bool = True) -> bool:
    """Verbs, prepositions, pronouns, numbers and punctuation end a name's stem; so do titles, role words
    (老股东高瓴创投) and kinds of organisation (初创公司墨芯科技), unless they are the stem's head (云岭创投).
    A rare verb is a name part (启明创投); in a legal name direction words are too (前海)."""
    if word in lexicon().cjk:
        return False
    rules = cues()
    kind = word in GENERIC_HEADS or word.endswith(rules.org_kinds)
    rare_verb = is_head and flag.startswith("v") and len(word) >= 2 and word_freq(word) < RARE_STEM_FREQ
    tags = LEGAL_STOP_TAGS if legal else STOP_TAGS
    return (
        (flag.startswith(tags) and flag not in ("vn", "eng") and not rare_verb)
        or (legal and flag.startswith("v") and flag != "vn" and not rare_verb and word_freq(word) >= RARE_WORD_FREQ)
        or word.endswith(rules.title_words)
        or (not legal and word in rules.title_prefixes)
        or word in rules.role_words
        or (kind and kinds and not is_head)
    )


def has_proper_part(tokens: list[tuple[str, str, int]], allow_place: bool) -> bool:
    """A stem names something when it holds a proper noun or an unknown word (a run of single characters)."""
    concepts = cues().latin_concepts
    run = 0
    for word, flag, _ in tokens:
        if flag == "eng" and name_key(word) not in concepts:
            return True
        place_ok = allow_place or word_freq(word) < RARE_PLACE_FREQ
        if flag.startswith(PROPER_TAGS) and rare_or_known(word) and (place_ok or not flag.startswith("ns")):
            return True
        run = run + 1 if len(word) == 1 and word not in cues().name_breakers else 0
        if run >= 2:
            return True
    return False


def is_place_token(token: tuple[str, str, int]) -> bool:
    """A jieba place word of two characters or more, or a lexicon place."""
    word, flag, _ = token
    return (flag.startswith("ns") and len(word) >= 2) or lexicon().cjk.get(word, ("", ""))[1] == "PLACE"


def word_freq(word: str) -> int:
    return pos_tokenizer().tokenizer.FREQ.get(word) or 0


def word_tag(word: str) -> str:
    """jieba's dictionary POS tag of a word, '' when it is no dictionary word."""
    return pos_tokenizer().word_tag_tab.get(word, "")


def rare_or_known(word: str) -> bool:
    """jieba tags common nouns nr/nz too (明星, 论文): trust the tag only for rare words or lexicon names."""
    return word in lexicon().cjk or word_freq(word) < RARE_WORD_FREQ


def rare_word(text: str) -> bool:
    """One rare dictionary word, or characters jieba does not know as a word (混元)."""
    words = [w for w, _, _ in pos_tokens(text, 0)]
    known_rare = len(words) == 1 and word_freq(text) < RARE_WORD_FREQ
    return not phrase_like(text) and (known_rare or all(len(w) == 1 for w in words))


def name_char(token: tuple[str, str, int]) -> bool:
    """A single character jieba knows no word for, tagged as a noun or morpheme (灵, 曦, 玄), not 来 or 生."""
    word, flag, _ = token
    return (
        len(word) == 1
        and bool(HAN.match(word))
        and flag.startswith(NAME_CHAR_TAGS)
        and not phrase_like(word)
    )


def name_tokens(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The leading tokens that read as an unknown name: a rare proper noun, or a run of single characters."""
    if not tokens:
        return []
    word, flag, _ = tokens[0]
    if (
        2 <= len(word) <= 4
        and flag.startswith(PROPER_TAGS)
        and word_freq(word) < RARE_WORD_FREQ
        and not phrase_like(word)
    ):
        return tokens[:1]
    run = list(itertools.takewhile(name_char, tokens))
    return run if 2 <= len(run) <= 4 else []


COMMON_WORD_FREQ = 100  # a jieba dictionary word this frequent is a word, not a nickname (阿姨, 小时, 美女)
