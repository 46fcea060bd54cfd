"""jieba's POS cut without HMM (`jieba.posseg.POSTokenizer.cut(text, HMM=False)`), run by rjieba.

rjieba is jieba's algorithm in Rust, with jieba's dictionary built in. `PosCut` gives it the words the Python
tokenizer added (with their frequencies) and the same frequency total (Python jieba adds a word's frequency to
the total again when it already had the word), cuts each run of characters that `jieba.posseg` cuts with its
dictionary, and tags words as `jieba.posseg` does: the same words and tags as the Python tokenizer (every
clause the entities stage cuts in the real news bulk compared), about 4x faster.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba.posseg

TOTAL_FILLER = "\x00\x01"  # a dictionary entry that carries the frequency total's excess; never in a cut run


KNOWN_WORDS = 200_000  # tags remembered per process (words met): a bound on memory, far above a run's vocabulary


class PosCut:
    """`cut(text)` -> ((word, tag), ...) as the Python POS tokenizer's cut without HMM gives them."""

    def __init__(self, tokenizer: jieba.posseg.POSTokenizer, added: Iterable[str]) -> None:
        """`added`: the words added to `tokenizer`'s dictionary (`add_word`)."""
        import jieba.posseg as posseg
        import rjieba

        tokenizer.makesure_userdict_loaded()  # the user words' tags (the lexicon's) join the dictionary's
        self.tags = tokenizer.word_tag_tab
        self.runs, self.skip, self.number, self.latin = (
            posseg.re_han_internal,
            posseg.re_skip_internal,
            posseg.re_num,
            posseg.re_eng,
        )
        words = tokenizer.tokenizer
        words.check_initialized()
        self.rust = rjieba.Jieba()  # jieba's own dictionary
        for word in added:
            self.rust.add_word(word, words.FREQ[word], self.tags.get(word))
        self.known: dict[str, str] = {}  # word -> tag, as `_tag` gives it
        excess = words.total - sum(words.FREQ.values())  # the frequencies counted twice
        if excess > 0:
            self.rust.add_word(TOTAL_FILLER, excess, "x")

    def cut(self, text: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        known = self.known
        for i, block in enumerate(self.runs.split(text)):
            if not block:
                continue
            if i % 2:  # the split's captured group: a run
                for word in self.rust.cut(block, hmm=False):
                    tag = known.get(word)
                    if tag is None:
                        tag = self._tag(word)
                        if len(known) < KNOWN_WORDS:
                            known[word] = tag
                    out.append((word, tag))
            else:
                out += self._other(block)
        return tuple(out)

    def _tag(self, word: str) -> str:
        """A run of single Latin letters and digits is one `eng` word (jieba joins them; a dictionary word made
        of them keeps its tag); any other word has its dictionary tag, else `x`."""
        if word.isascii() and word.isalnum() and (len(word) == 1 or word not in self.tags):
            return "eng"
        return self.tags.get(word, "x")

    def _other(self, block: str) -> list[tuple[str, str]]:
        """What jieba.posseg makes of text between runs: white space, digits, a Latin piece, symbols."""
        out: list[tuple[str, str]] = []
        for piece in self.skip.split(block):
            if not piece:
                continue
            if self.skip.match(piece):
                out.append((piece, "x"))
                continue
            for char in piece:
                if self.number.match(char):
                    out.append((char, "m"))
                elif self.latin.match(piece):
                    out.append((piece, "eng"))
                    break
                else:
                    out.append((char, "x"))
        return out
