"""zhnews.patterns: word-list patterns that find the same matches faster."""

import re

from zhnews.patterns import alternation, with_first_chars


def test_alternation_prefers_the_longest_word():
    assert re.findall(alternation(["总裁", "副总裁", "总裁"]), "副总裁和总裁") == ["副总裁", "总裁"]


def test_a_first_chars_lookahead_keeps_every_match():
    prefixes, titles = ["副", "常务"], ["总裁", "董事长", "C.E.O"]
    plain = f"(?:{alternation(prefixes)})*(?:{alternation(titles)})"
    fast = with_first_chars(plain, prefixes + titles)
    text = "常务副总裁张三与董事长李四、总裁王五及C.E.O赵六，副手不算。"
    assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in re.finditer(plain, text)]
    assert re.findall(fast, text) == ["常务副总裁", "董事长", "总裁", "C.E.O"]


def test_no_words_leave_the_pattern_as_it_is():
    assert with_first_chars("a|b", []) == "a|b"
