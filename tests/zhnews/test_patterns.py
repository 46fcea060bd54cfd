"""zhnews.patterns: a first-character lookahead finds the same matches."""

import re

import pytest

from zhnews.patterns import compiled, with_first_chars

TEXT = "常务副总裁张三与董事长李四、总裁王五及CEO赵六，59岁的儿子说，三十岁女儿、邻居都在。\n副手不算 12岁"


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:常务|副)*(?:总裁|董事长|CEO)",
        r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁(?:的)?(?:儿子|女儿)?|(?:邻居|儿子)",
        r"(?:(?<![一-龥])|(?<=[与及]))[张李王赵]{1}[四五六]",
        r"\b副|岁$",
        r"(?>总|董)(?:裁|事长)",
    ],
)
def test_the_matches_are_the_same(pattern):
    fast = with_first_chars(pattern)
    assert fast.startswith("(?=[")
    for flags in (0, re.M):
        expected = [m.span() for m in re.finditer(pattern, TEXT, flags)]
        assert [m.span() for m in re.finditer(fast, TEXT, flags)] == expected
        assert expected


@pytest.mark.parametrize(
    "pattern", [r".总裁", r"[^a]b", r"a?", r"(?i)ceo", r"(?i:c)eo", r"\W", r"总裁|董事长", r"[总董]事长", r"^副总裁"]
)
def test_patterns_left_alone_are_open_ones_and_those_the_engine_finds_fast(pattern):
    assert with_first_chars(pattern) == pattern


@pytest.mark.parametrize("flags", [0, re.M])
def test_compiled_finds_what_re_compile_finds(flags):
    pattern = r"(?:常务|副)*(?:总裁|董事长)|^副手"
    fast = compiled(pattern, flags)
    assert fast.pattern.startswith("(?=[") and fast.flags & re.M == flags
    expected = [m.span() for m in re.finditer(pattern, TEXT, flags)]
    assert [m.span() for m in fast.finditer(TEXT)] == expected
