"""A first-character lookahead for big regular expressions (same matches, found faster)."""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_SPACE: r"\s"}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_GLOBAL_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII | re.LOCALE


def with_first_chars(pattern: str) -> str:
    """`pattern` behind a lookahead for the characters its matches can start with, when they are known.

    Python's regex engine finds the start of a plain alternation of words quickly, but not of a pattern that
    opens with an optional part or a choice of patterns (`(?:副)*(?:总裁|董事长)`, `\\d+岁|儿子`): there it tries
    every branch at every position. The lookahead turns a position where no match can start into one test of a
    character class (5x faster on news text). Left as it is when a match may start with any character, be empty,
    or when the pattern sets flags.
    """
    parsed = _parser.parse(pattern)
    if parsed.state.flags & _GLOBAL_FLAGS:
        return pattern
    firsts, empty = _firsts(parsed.data)
    if firsts is None or empty or not firsts:
        return pattern
    return f"(?=[{''.join(sorted(firsts))}])(?:{pattern})"


def _firsts(items: list) -> tuple[set[str] | None, bool]:
    """Class fragments for the first character of a sequence of parsed items, and whether it can match empty."""
    found: set[str] = set()
    for op, av in items:
        got, empty = _first_of(op, av)
        if got is None:
            return None, False
        found |= got
        if not empty:
            return found, False
    return found, True


def _first_of(op, av) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {re.escape(chr(av))}, False
    if op is sre.IN:
        return _class(av), False
    if op is sre.BRANCH:
        found, empty = set(), False
        for branch in av[1]:
            got, can_be_empty = _firsts(branch)
            if got is None:
                return None, False
            found, empty = found | got, empty or can_be_empty
        return found, empty
    if op is sre.SUBPATTERN:
        _, add_flags, _, items = av
        return _firsts(items) if not add_flags & _GLOBAL_FLAGS else (None, False)
    if op is sre.ATOMIC_GROUP:
        return _firsts(av)
    if op in _REPEATS:
        low, _, items = av
        got, empty = _firsts(items)
        return got, empty or low == 0
    if op in _ZERO_WIDTH:
        return set(), True  # the next item decides (a lookaround only narrows where a match starts)
    return None, False  # any character, a negated literal, a back reference...


def _class(items: list) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(re.escape(chr(av)))
        elif op is sre.RANGE:
            found.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            found.add(_CATEGORIES[av])
        else:
            return None  # a negated class or category
    return found
