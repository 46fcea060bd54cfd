"""Helpers for big regular expressions built from word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """The words as one alternation, longest first (so the longest word at a position wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def with_first_chars(pattern: str, words: Iterable[str]) -> str:
    """`pattern` behind a lookahead for the first characters of `words`, the words its matches can start with.

    Python's regex engine finds the start of a plain alternation of words quickly, but not of a pattern that
    opens with an optional part (`(?:副)*(?:总裁|董事长)`): there it tries every branch at every position. The
    lookahead turns a position where no match can start into one character test (5x faster on news text).
    The matches are the same as long as every match starts with the first character of one of `words`.
    """
    firsts = "".join(sorted({re.escape(w[0]) for w in words if w}))
    return f"(?=[{firsts}])(?:{pattern})" if firsts else pattern
