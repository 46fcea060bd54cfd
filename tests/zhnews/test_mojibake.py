"""Tests for zhnews.mojibake: GBK read one byte off, UTF-8 read as Windows-1252."""

import re

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


def lose_lead_byte_and_user_defined_pairs(text: str, i: int) -> str:
    """As lose_lead_byte, on a page showing GBK's user-defined code points (Unicode's private use area) as nothing."""
    return re.sub("[\ue000-\uf8ff]", "", lose_lead_byte(text, i))


@pytest.mark.parametrize(
    ("text", "i"),
    [
        ("董事會表示公司完全支持這項決定V", 3),  # '會表' -> '表' alone: the pair between 會 and 表 was dropped
        ("董事會表示公司完全支持這項決定V", 4),
        ("董事會表示公司完全支持這項決定V", 6),  # '公司' read as one character
        ("記者了解到該公司目前經營困難U", 1),
        ("記者了解到該公司目前經營困難U", 3),
        ("他們完全離開了這個行業S", 1),  # '全離' read as one character
    ],
)
def test_repair_shifted_gbk_puts_back_dropped_user_defined_pairs(text, i):
    garbled = lose_lead_byte_and_user_defined_pairs(text, i)
    assert garbled != lose_lead_byte(text, i)  # a pair was dropped
    assert repair_shifted_gbk(garbled) == text


@pytest.mark.parametrize(
    ("head", "run", "tail", "gloss"),
    [("他", "指出，國內", "已經開始", "nèi"), ("專家", "表示國內", "市場", "nèi")],
)
def test_repair_shifted_gbk_guesses_a_trail_byte_lost_with_a_pinyin_gloss(head, run, tail, gloss):
    data = run.encode("gb18030")  # the run loses its lead byte, and its last trail byte goes with the gloss's '('
    garbled = f"{head}?{data[1:-1].decode('gb18030')}?{gloss}){tail}"
    assert repair_shifted_gbk(garbled) == head + run + tail


def test_repair_shifted_gbk_leaves_a_bare_question_mark_after_a_run():
    data = "指出，國內".encode("gb18030")
    garbled = f"他?{data[1:-1].decode('gb18030')}?已經"  # a bare '?': a lost character as often as a lost comma
    assert repair_shifted_gbk(garbled) == "他指出，國?已經"


def test_repair_shifted_gbk_bounds_its_search_for_dropped_pairs_per_text():
    garbled = lose_lead_byte_and_user_defined_pairs("董事會表示公司完全支持這項決定V", 3)
    long_text = "。".join([garbled] * 400)  # far more runs than the search budget covers
    repaired = repair_shifted_gbk(long_text).split("。")
    assert repaired[0] == "董事會表示公司完全支持這項決定V"
    assert "董事會表示公司完全支持這項決定V" not in repaired[-1]  # past the budget, runs keep the plain re-reading
    assert repaired[-1].startswith("董事")


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
