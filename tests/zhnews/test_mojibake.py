"""Tests for zhnews.mojibake: GBK read one byte off, UTF-8 read as Windows-1252."""

import pytest

from zhnews.mojibake import repair_latin_mojibake, repair_shifted_gbk


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
