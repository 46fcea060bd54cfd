"""Tests for zhnews.text: script detection, Simplified conversion, GBK shift repair, sentence splitting."""

import opencc
import pytest

from zhnews.text import (
    detect_script,
    has_traditional,
    repair_latin_mojibake,
    repair_shifted_gbk,
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


def lose_lead_byte(text: str, i: int) -> str:
    """Garble text the way a one-byte slip in GBK does: character i loses its lead byte."""
    data = text[i:].encode("gb18030")
    return text[:i] + "?" + data[1:].decode("gb18030")


@pytest.mark.parametrize(
    ("text", "i"),
    [
        ("因為資金短缺，公司出售SD業務", 1),  # the shifted run re-reads as '為資金短缺…'
        ("因為資金短缺，公司出售SD業務", 3),
        ("並且帶走了大批員工AI", 2),
        ("他們因為現金不足而出售OK", 3),
        ("這家公司已經欠下了數百萬美元的賬單X", 12),
        ("市場因為價格上漲而擔心Z", 5),
        ("我們認為這是錯誤的AB", 3),
    ],
)
def test_repair_shifted_gbk(text, i):
    assert repair_shifted_gbk(lose_lead_byte(text, i)) == text


def test_repair_shifted_gbk_lost_lead_with_an_ascii_trail_byte_in_a_garbled_text():
    text = "因為資金短缺，公司出售SD業務。他們因為現金不足而出售OK"
    garbled = lose_lead_byte(text[:16], 2) + lose_lead_byte(text[16:], 3)  # '資' leaves a lone 'Y'
    assert repair_shifted_gbk(garbled) == text


def test_repair_shifted_gbk_restores_punctuation_and_widened_exclamation():
    garbled = lose_lead_byte("技術結晶。”他說", 4).replace("！", "!")  # a cleaner had narrowed the '！'
    assert repair_shifted_gbk(garbled) == "技術結晶。”他說"


@pytest.mark.parametrize(
    "text",
    [
        "市场怎么了?",
        "「谁说的?」「他说的」",
        "真的吗?这太好了。",
        "他问:为什么?然后走了。",
        "还能继续吗,?",
        "怎么会这样?!他说完就走了。",
        "为什么?A股今天大涨",
        "网址是http://a.cn/x?id=1",
    ],
)
def test_repair_shifted_gbk_leaves_real_question_marks(text):
    assert repair_shifted_gbk(text) == text


@pytest.mark.parametrize("text", ["公司今天发布新品", "中文，测试。ABC", "混合 text 与「引号」"])
def test_repair_latin_mojibake(text):
    assert repair_latin_mojibake(text.encode("utf-8").decode("latin-1")) == text
    # as a browser shows it: Windows-1252, with the five bytes it leaves undefined as control characters
    windows = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    assert repair_latin_mojibake(windows) == text


@pytest.mark.parametrize("text", ["café à la crème", "naïve “quoted” – dash", "公司今天发布新品", "Ã© alone"])
def test_repair_latin_mojibake_leaves_real_latin_text(text):
    assert repair_latin_mojibake(text) == text


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
