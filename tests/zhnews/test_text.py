"""Tests for zhnews.text: script detection, Simplified conversion, sentence splitting."""

import opencc
import pytest

from zhnews.text import (
    detect_script,
    has_traditional,
    split_sentences,
    to_simplified,
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("这是一篇简体中文的新闻报道，讲述了公司的发展。", "simplified"),
        ("這是一篇繁體中文的新聞報導，講述了公司的發展。", "traditional"),
        ("这是简体的开头。這是繁體的結尾，還有更多繁體字與內容。", "mixed"),
        ("Only English text here.", "simplified"),
        ("", "simplified"),
        ("中国的于先生在北京说的话很多，我们都记得清楚，还有许多别的内容在这里。於", "simplified"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("報道", True),
        ("报道", False),
        ("Some Company AI", False),
        ("乾隆", True),  # t2s may change 乾 (乾燥 -> 干燥), so the line goes through conversion
    ],
)
def test_has_traditional(text, expected):
    assert has_traditional(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "這家公司傳出管理層變動的消息。",
        "乾隆皇帝的後宮與頭髮",
        "這些軟體，因為是完全離線運行的。",
        "他們的開發者社區\n沒有繁體的行\n又是繁體的行為",
        "天氣乾燥，著名的著作",
        "他陷入了沈默，反覆思量",  # no Traditional-only character, but t2s phrases change it
        "沈先生说什么",
    ],
)
def test_to_simplified_matches_opencc_t2s(text):
    assert to_simplified(text) == opencc.OpenCC("t2s").convert(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司面臨著挑戰，隨著時間推移", "公司面临着挑战，随着时间推移"),
        ("著名的著作很顯著", "著名的著作很显著"),
        ("當地土著與專著", "当地土著与专著"),
    ],
)
def test_to_simplified_particle_zhe(text, expected):
    assert to_simplified(text) == expected


def test_to_simplified_keeps_zhu_in_simplified_text():
    assert to_simplified("他写了一部著作，随著") == "他写了一部著作，随著"  # not converted text: left alone


def test_to_simplified_leaves_simplified_text_alone():
    text = "已经是简体的文字，不需要转换。"
    assert to_simplified(text) is text


def test_to_simplified_converts_only_traditional_lines():
    assert to_simplified("简体行\n繁體行") == "简体行\n繁体行"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("他说：“好的。”然后走了。", ["他说：“好的。”", "然后走了。"]),
        ("没有句号的标题\n正文一句。", ["没有句号的标题", "正文一句。"]),
        ("价格为1.51亿美元。下一句", ["价格为1.51亿美元。", "下一句"]),
        ("等等……然后呢", ["等等……", "然后呢"]),
        ("  前后有空格。  ", ["前后有空格。"]),
        ("", []),
    ],
)
def test_split_sentences(text, sentences):
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == sentences


def test_split_sentences_offsets_are_ordered_and_inside_the_text():
    text = "一。二！\n三？四"
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
