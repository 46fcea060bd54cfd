"""zhnews.entities.lists: items of an enumeration take the kind of its typed items or of the head after 等."""

import pytest

from zhnews.entities import extract_document
from zhnews.entities.base import Candidate
from zhnews.entities.lists import list_items


def test_untyped_items_take_the_kind_most_known_ones_have(found):
    assert found("合作方包括微软、谷歌、澜川、星岳。").get("星岳") == "ORG"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("在周明远、路青禾等院士专家倡议下，研究院成立。", {"周明远", "路青禾"}),
        ("她演唱了邓芸、凤青青等人的经典歌曲。", {"邓芸", "凤青青"}),
    ],
)
def test_a_person_head_after_deng_makes_the_items_people(text, names, found):
    result = found(text)
    assert {name for name in names if result.get(name) == "PERSON"} == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("著名法学家周明远、路青禾、石川野等多位法学家论证后认为。", {"周明远", "路青禾", "石川野"}),
        ("会议请来周明远、路青禾等多位专家。", {"周明远", "路青禾"}),
        ("律师周明远、路青禾、石川野等律师到场。", {"周明远", "路青禾", "石川野"}),
    ],
)
def test_a_profession_after_deng_and_two_measure_characters_makes_the_items_people(text, names):
    typed = {c.surface: c.type for c in extract_document("d", text, [])}
    assert {name for name in names if typed.get(name) == "PERSON"} == names


def test_a_list_head_before_the_first_item_is_not_part_of_it():
    surfaces = {c.surface for c in extract_document("d", "法学家周明远、路青禾等多位法学家论证后认为。", [])}
    assert "法学家周明远" not in surfaces


def test_a_verb_before_the_first_item_is_not_part_of_it(found):
    assert found("他便把牟青山、梁启超、韦伯乱炖一番。").get("牟青山") == "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "价格、质量、服务都很重要。",
        "微软、香蕉、橘子都在清单上。",  # a common word in the list: no list of names
        "微软、北京、澜川都提到了。",  # items of two kinds: no kind for the others
    ],
)
def test_lists_of_common_words_or_mixed_kinds_give_no_new_name(text):
    assert not [c for c in extract_document("d", text) if c.rule == "list_item"]


def test_a_list_of_dictionary_names_of_people_is_a_list_of_people(found):
    result = found("英国出了很多名人，如牛顿、达尔文、克伦威尔、狄更斯、哈代等。")
    assert {result.get(name) for name in ("达尔文", "克伦威尔", "狄更斯")} == {"PERSON"}


def test_a_list_with_typed_items_keeps_their_kind_over_dictionary_names(found):
    result = found("他戴过劳力士、卡地亚、雷达表等名表。")
    assert "PERSON" not in {result.get(name) for name in ("劳力士", "卡地亚", "雷达表")}


def test_a_list_of_common_words_gets_no_kind_from_the_dictionary(found):
    assert not found("他喜欢城市、太阳、东西、礼拜和青春。")


def test_a_count_of_people_after_a_list_makes_its_items_people():
    body = "与此同时，任志强、潘石屹、陈坤、刘春四位发起人分别认捐运动鞋。"
    items = {(c.surface, c.type) for c in list_items("d", body, [])}
    assert items == {("任志强", "PERSON"), ("潘石屹", "PERSON"), ("陈坤", "PERSON"), ("刘春", "PERSON")}


def test_a_count_of_people_after_a_list_of_places_types_no_known_place_as_a_person(found):
    names = found("北京、上海、广州三名代表出席了会议。")
    assert names.get("北京") == "PLACE" and names.get("广州") == "PLACE"


def test_unknown_names_type_a_list_of_people():
    body = "石泰峰、吉炳轩、肖捷、张庆黎出席开幕会。"
    unknown = [
        Candidate("d", s, body.index(s), body.index(s) + 3, "PERSON", 1.0, "unknown_name") for s in ("石泰峰", "吉炳轩")
    ]
    items = {c.surface for c in list_items("d", body, unknown) if c.rule == "list_item"}
    assert items == {"肖捷", "张庆黎"}


def test_common_nouns_that_jiebas_dictionary_tags_as_names_type_no_list_of_people(found):
    assert not {"幸福感", "安全感"} & set(found("要不断增强群众的获得感、幸福感、安全感。"))


def test_a_dictionary_word_of_another_kind_is_no_person_in_a_list(found):
    assert not {"夏收", "夏种"} & set(found("小麦陆续进入收获期，夏收、夏种、夏管正全力进行。"))
