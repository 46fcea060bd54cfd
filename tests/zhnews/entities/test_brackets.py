"""zhnews.entities.brackets: names with their short form or other-script name in brackets."""

import pytest

from zhnews.entities import extract_document


def test_chinese_and_latin_names_of_a_firm_in_brackets_are_linked():
    cands = extract_document("d", "初创公司星衍智能（Starforge Robotics）宣布完成融资。")
    assert {c.link for c in cands if c.surface == "Starforge Robotics"} == {"星衍智能"}


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("欧洲数字市场观察委员会（EDMO）发布报告。EDMO指出，风险上升。", "欧洲数字市场观察委员会", "EDMO"),
        ("5月6日，汽车流通信息联席会（汽联会）发布数据。汽联会称，", "汽车流通信息联席会", "汽联会"),
        ("他将减少在城市效率部（CED）的工作。", "城市效率部", "CED"),
        ("中国证券监督管理委员会（证监会）发布新规。", "中国证券监督管理委员会", "证监会"),
    ],
)
def test_institution_with_its_short_form_in_brackets(text, full, short):
    cands = extract_document("d", text)
    assert {c.type for c in cands if c.surface == full} == {"ORG"}
    shorts = [c for c in cands if c.surface == short]
    assert shorts and all(c.type == "ORG" for c in shorts)


@pytest.mark.parametrize(
    "text",
    [
        "年化经常性收入（ARR）增长迅速。",
        "消费者价格指数（CPI）上涨0.2%。",
        "首次公开募股（IPO）定价完成。",
        "新能源汽车（新能车）销量大增。",
    ],
)
def test_a_measure_or_concept_with_a_short_form_is_no_institution(text, found):
    assert found(text) == {}


def test_chinese_name_in_brackets_after_a_latin_one_is_its_translation():
    cands = extract_document("d", "初创公司StarX AI（星图智算）近日完成融资。")
    [chinese] = [c for c in cands if c.surface == "星图智算"]
    assert (chinese.type, chinese.link, chinese.link_scope) == ("ORG", "StarX AI", "corpus")


@pytest.mark.parametrize(
    "text",
    [
        "Zentrova（下同）宣布融资。",
        "Lumora（文生图模型）很受欢迎。",
        "Helix（开发者平台）上线。",
        "Zentrova（已上市）宣布融资。",
    ],
)
def test_a_description_in_brackets_after_a_latin_name_is_no_translation(text):
    assert [c.surface for c in extract_document("d", text)] == [text.split("（")[0]]


def test_legal_name_with_a_bracketed_group_and_its_abbreviation_holding_a_place():
    text = (
        "另外，合肥市澜川投资控股（集团）有限公司（以下简称“合肥澜投”）注资70亿元。合肥澜投相关负责人称，将继续支持。"
    )
    cands = [c for c in extract_document("d", text) if c.rule != "repeat"]
    assert {c.surface for c in cands if c.type == "ORG"} == {"合肥市澜川投资控股（集团）有限公司", "合肥澜投"}
    assert {c.link for c in cands if c.surface == "合肥澜投"} == {"合肥市澜川投资控股（集团）有限公司"}
