"""jieba's POS cut without HMM (`jieba.posseg.POSTokenizer.cut(text, HMM=False)`), run by rjieba.

rjieba is jieba's algorithm in Rust, with jieba's dictionary built in. `PosCut` gives it the words the Python
tokenizer added (with their frequencies) and the same frequency total (Python jieba adds a word's frequency to
the total again when it already had the word), cuts each run of characters that `jieba.posseg` cuts with its
dictionary, and tags words as `jieba.posseg` does: the same words and tags as the Python tokenizer (every
clause the entities stage cuts in the real news bulk compared), about 4x faster.

`hmm_tokenizer_class` gives jieba's POS cut with HMM (the cut that tags runs of characters no dictionary word covers)
with its Viterbi search done by numpy (`Viterbi`): the same states and probabilities, 5x faster.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import jieba.posseg

MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi's log probability of an emission its model lacks
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


class Viterbi:
    """`jieba.posseg.viterbi.viterbi`: each step's best previous state for every state taken by numpy over all pairs.

    The same sums in the same order (previous value + transition + emission, in float64), and the same choice among
    equal sums (jieba takes the maximum of (probability, state) tuples: here states are ordered greatest first, and
    numpy's argmax takes the first maximum)."""

    def __init__(self, states_of: dict, start: dict, trans: dict, emit: dict) -> None:
        self.states = sorted(trans, reverse=True)
        self.index = {state: i for i, state in enumerate(self.states)}
        size = len(self.states)
        self.trans = np.full((size, size), float("-inf"))
        self.follows = np.zeros((size, size), dtype=bool)  # a transition is listed (jieba's `trans_p[x].keys()`)
        for x, row in trans.items():
            for y, p in row.items():
                self.trans[self.index[x], self.index[y]] = p
                self.follows[self.index[x], self.index[y]] = True
        self.has_next = self.follows.any(axis=1)
        self.start = np.array([start[state] for state in self.states])
        self.states_of, self.emit = states_of, emit
        self.emissions: dict[str, np.ndarray] = {}
        self.allowed: dict[str, np.ndarray] = {}

    def _emission(self, char: str) -> np.ndarray:
        found = self.emissions.get(char)
        if found is None:
            found = self.emissions[char] = np.array([self.emit[state].get(char, MIN_FLOAT) for state in self.states])
        return found

    def _allowed(self, char: str) -> np.ndarray:
        """The states the model lists for a character, all of them for a character it does not know."""
        found = self.allowed.get(char)
        if found is None:
            found = np.ones(len(self.states), dtype=bool)
            if char in self.states_of:
                found[:] = False
                found[[self.index[state] for state in self.states_of[char]]] = True
            self.allowed[char] = found
        return found

    def __call__(self, obs: str) -> tuple[float, list[tuple[str, str]]]:
        """(log probability, state per character) of the best path, as jieba's viterbi returns them."""
        present = self._allowed(obs[0])
        values = np.where(present, self.start + self._emission(obs[0]), 0.0)
        back = []
        for char in obs[1:]:
            prev = np.flatnonzero(present & self.has_next)
            expect = self.follows[prev].any(axis=0)
            nxt = self._allowed(char) & expect
            if not nxt.any():
                nxt = expect if expect.any() else np.ones(len(self.states), dtype=bool)
            cols = np.flatnonzero(nxt)
            scores = (values[prev][:, None] + self.trans[np.ix_(prev, cols)]) + self._emission(char)[cols]
            best = scores.argmax(axis=0)
            step = np.zeros(len(self.states), dtype=np.int64)
            step[cols] = prev[best]
            values = np.zeros(len(self.states))
            values[cols] = scores[best, np.arange(len(cols))]
            back.append(step)
            present = nxt
        last = np.flatnonzero(present)
        state = last[values[last].argmax()]
        prob = float(values[state])
        route = [self.states[state]]
        for step in reversed(back):
            state = step[state]
            route.append(self.states[state])
        return prob, route[::-1]


@cache
def hmm_tokenizer_class() -> type:
    """`jieba.posseg.POSTokenizer` with its HMM's search done by `Viterbi` (a class made on first use: the run
    process does not import jieba)."""
    import jieba.posseg as posseg

    viterbi = Viterbi(posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)

    class HmmTokenizer(posseg.POSTokenizer):
        def load_word_tag(self, f) -> None:
            """The tags of jieba's own dictionary copied from `jieba.posseg.dt`, which read them when imported
            (reading the dictionary again cost 0.4 s of CPU); another dictionary's read from its file."""
            if self.tokenizer.dictionary != posseg.dt.tokenizer.dictionary:
                return super().load_word_tag(f)
            f.close()
            self.word_tag_tab = dict(posseg.dt.word_tag_tab)

        def _POSTokenizer__cut(self, sentence: str) -> Iterable[posseg.pair]:
            """`POSTokenizer.__cut` (name-mangled), the words of a run of characters by HMM, with `viterbi`."""
            _, pos_list = viterbi(sentence)
            begin, nexti = 0, 0
            for i, char in enumerate(sentence):
                pos = pos_list[i][0]
                if pos == "B":
                    begin = i
                elif pos == "E":
                    yield posseg.pair(sentence[begin : i + 1], pos_list[i][1])
                    nexti = i + 1
                elif pos == "S":
                    yield posseg.pair(char, pos_list[i][1])
                    nexti = i + 1
            if nexti < len(sentence):
                yield posseg.pair(sentence[nexti:], pos_list[nexti][1])

    return HmmTokenizer
