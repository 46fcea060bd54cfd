"""Which entity a figure is about: one pass over a document's figures and its ORG/PERSON mentions.

The entity a figure is about comes from the mentions of its sentence, leaving out sources (据CBinsights数据)
and members of enumerations (微软、英伟达和3位富豪的13亿美元):
1. the mention the figure describes, right after it behind 的 in the same clause (估值40亿美元的…Inflection AI);
2. else the first mention of the figure's clause before it (the clause's subject);
3. else the first mention of the sentence before it;
4. else, when the sentence refers back (该公司, 这家企业), the nearest organisation subject of the two sentences
   before it, else the organisation the text is about so far (its most frequent subject before the figure, named
   at least a few times); when it is a company's valuation or funding with its subject left out, the nearest
   organisation subject of the two sentences before it in its paragraph (figures.antecedent_start: where the
   look-back starts).
A clause that opens with a new-topic marker (另一家, 又一家: another company) names a new subject: in its sentence
only a mention after the marker is a subject, and a figure after it is not tied to an earlier sentence's company.

Mentions are looked up by binary search in their start positions, and each look-up reads a bounded
stretch of text (the look-back: a few sentences, split once per sentence), so a document costs
O((figures + mentions) · log mentions + text), whatever its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from zhnews.text import split_sentences


@dataclass(frozen=True)
class LinkRules:
    """The rule data of the link (zhnews/rules/figures.yaml), as regular expressions."""

    source: re.Pattern  # the three characters before a mention end with a source marker
    enumeration: re.Pattern  # a mark around a mention that makes it one of a list
    attributive: re.Pattern  # the text between a figure and the mention it describes
    window: int  # the most characters between a figure and the mention it describes
    anaphor: re.Pattern  # a word that refers back to a company (该公司): the text's topic is a referent
    topic_mentions: int  # the fewest subject mentions that make an organisation the text's topic
    new_topic: re.Pattern  # a marker of a new subject (另一家): one only at the start of a clause
    clause_marks: frozenset[str]  # the characters that end a clause

    @classmethod
    def from_words(cls, words: dict) -> LinkRules:
        delimiters = re.escape(words["clause_delimiters"])
        return cls(
            source=re.compile("(?:" + "|".join(re.escape(w) for w in words["source_markers"]) + r")\s*\Z"),
            enumeration=re.compile("[" + re.escape("".join(words["enumeration_marks"])) + "]"),
            attributive=re.compile(f"{re.escape(words['attributive_marker'])}[^{delimiters}]*"),
            window=int(words["attributive_window"]),
            anaphor=re.compile(_alternatives(words["anaphors"])),
            topic_mentions=int(words["topic_mentions"]),
            new_topic=re.compile(_alternatives(words["new_topic_markers"])),
            clause_marks=frozenset(words["clause_delimiters"]),
        )

    def fingerprint(self) -> str:
        patterns = (self.source.pattern, self.enumeration.pattern, self.attributive.pattern, self.anaphor.pattern)
        return repr((*patterns, self.window, self.topic_mentions, self.new_topic.pattern, sorted(self.clause_marks)))

    def topic_start(self, body: str, start: int, end: int) -> int | None:
        """Where the subject named after the last new-topic marker of body[start:end] may start; None: no marker."""
        found = None
        for marker in self.new_topic.finditer(body, start, end):
            if marker.start() == start or body[marker.start() - 1] in self.clause_marks:
                found = marker.end()
        return found


def _alternatives(words: list[str]) -> str:
    """The words as one alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Place:
    """Where a figure stands: its span, the start of its sentence and of its clause (None: unknown), and the
    start of the sentence before when its own refers back to it (None: it does not)."""

    start: int
    end: int
    sentence_start: int | None
    clause_start: int | None
    antecedent_start: int | None = None


@dataclass(frozen=True)
class Mention:
    entity_id: str
    start: int
    end: int
    type: str = "ORG"


class Ordered:
    """Mentions in order of position, looked up by binary search."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.entity_id))
        self.starts = [m.start for m in self.mentions]

    def first_before(self, lowest: int, limit: int) -> str | None:
        """The first mention starting at `lowest` or later and ending by `limit`.

        The mentions passed over contain position `limit`, so the scan is as short as their overlap.
        """
        i = bisect_left(self.starts, lowest)
        while i < len(self.starts) and self.starts[i] < limit:
            if self.mentions[i].end <= limit:
                return self.mentions[i].entity_id
            i += 1
        return None


def _leaders(mentions: list[Mention]) -> list[tuple[str, int]]:
    """After each mention, the entity mentioned most so far and how often (ties: the first to reach that count)."""
    counts: Counter = Counter()
    leaders: list[tuple[str, int]] = []
    for m in mentions:
        counts[m.entity_id] += 1
        if not leaders or counts[m.entity_id] > leaders[-1][1]:
            leaders.append((m.entity_id, counts[m.entity_id]))
        else:
            leaders.append(leaders[-1])
    return leaders


class Subjects(Ordered):
    """The mentions of a document that can be what a figure is about, in order of position, and its organisations."""

    def __init__(self, body: str, mentions: list[Mention], rules: LinkRules):
        super().__init__([m for m in mentions if self._is_subject(body, m, rules)])
        self.orgs = Ordered([m for m in self.mentions if m.type == "ORG"])
        self.leaders = _leaders(self.orgs.mentions)
        self._looked_back: dict[tuple[int, int], tuple[str | None, bool]] = {}

    @staticmethod
    def _is_subject(body: str, m: Mention, rules: LinkRules) -> bool:
        before = body[max(m.start - 3, 0) : m.start]
        return not rules.source.search(before) and not rules.enumeration.search(before[-1:] + body[m.end : m.end + 1])

    def described(self, body: str, fig: Place, rules: LinkRules) -> str | None:
        """The first mention within the window after the figure, joined to it by 的 in the same clause."""
        i = bisect_left(self.starts, fig.end)
        while i < len(self.starts) and self.starts[i] <= fig.end + rules.window:
            if rules.attributive.fullmatch(body, fig.end, self.starts[i]):
                return self.mentions[i].entity_id
            i += 1
        return None

    def preceding(self, body: str, fig: Place, rules: LinkRules) -> str | None:
        """The first mention of the figure's clause before it, else of its sentence (after a new-topic marker in
        it: the new subject)."""
        if fig.sentence_start is None or fig.clause_start is None:
            return None
        topic = rules.topic_start(body, fig.sentence_start, fig.start)
        lowest = fig.sentence_start if topic is None else topic
        return self.first_before(max(fig.clause_start, lowest), fig.start) or self.first_before(lowest, fig.start)

    def antecedent(self, body: str, fig: Place, rules: LinkRules) -> str | None:
        """The nearest organisation subject of the sentences from `antecedent_start` to the figure's; else, when
        the sentence refers back to a company (该公司), the text's topic so far; None when it has no look-back, or
        when a new-topic marker (另一家) before the figure in its sentence or in the one looked back to names a new
        subject that is no organisation mention."""
        if fig.antecedent_start is None or fig.sentence_start is None:
            return None
        if rules.topic_start(body, fig.sentence_start, fig.start) is not None:
            return None
        key = (fig.antecedent_start, fig.sentence_start)
        if key not in self._looked_back:
            self._looked_back[key] = self._nearest_org_subject(body, *key, rules)
        found, new_topic = self._looked_back[key]
        if found or new_topic or not rules.anaphor.search(body, fig.sentence_start, fig.start):
            return found
        return self._topic(fig.sentence_start, rules.topic_mentions)

    def _nearest_org_subject(self, body: str, lowest: int, limit: int, rules: LinkRules) -> tuple[str | None, bool]:
        """The first organisation subject of the nearest sentence naming one (after its new-topic marker, if it has
        one), and whether the look-back stopped at a new topic."""
        for start, end in reversed(split_sentences(body[lowest:limit])):
            topic = rules.topic_start(body, lowest + start, lowest + end)
            found = self.orgs.first_before(lowest + start if topic is None else topic, lowest + end)
            if found or topic is not None:
                return found, topic is not None
        return None, False

    def _topic(self, limit: int, fewest: int) -> str | None:
        """The organisation with the most subject mentions before `limit`, at least `fewest` of them (ties: the
        first to reach that count)."""
        i = bisect_left(self.orgs.starts, limit)
        leader, count = self.leaders[i - 1] if i else (None, 0)
        return leader if count >= fewest else None


def link_figures(body: str, figures: list[Place], mentions: list[Mention], rules: LinkRules) -> list[str | None]:
    """The entity_id each figure of a document is about (None: the text ties it to none)."""
    subjects = Subjects(body, mentions, rules)
    if not subjects.mentions:
        return [None] * len(figures)
    return [
        subjects.described(body, fig, rules)
        or subjects.preceding(body, fig, rules)
        or subjects.antecedent(body, fig, rules)
        for fig in figures
    ]
