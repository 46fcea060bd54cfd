"""zhnews.entities.places: places in descriptions, foreign states and administrative places."""

import pytest

from zhnews.entities import extract_document
from zhnews.entities.base import Candidate
from zhnews.entities.known import lexicon_candidates
from zhnews.entities.places import address_parts, places_after_places, with_admin_places, without_place_parts


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("美国AI独角兽很受伤。", "美国"),
        ("英国人工智能初创公司正在寻找买家。", "英国"),
        ("德国大学研究者打造了这个模型。", "德国"),
        ("堪称北美AI创投圈的最大黑马。", "北美"),
    ],
)
def test_only_the_place_in_a_descriptive_phrase(text, place, found):
    assert found(text) == {place: "PLACE"}


@pytest.mark.parametrize("text", ["推进中国式现代化建设。", "这家餐厅主打日本式料理。", "坚持中国特色社会主义道路。"])
def test_a_place_before_a_style_suffix_is_no_mention(text, found):
    assert found(text) == {}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("工厂位于阿拉巴马州。", "阿拉巴马州"),
        ("将于6月在得克萨斯州奥斯汀试运营。", "奥斯汀"),
        ("据悉，江西、四川等地的企业都在扩产。", "四川"),
        ("位于北京亦庄的工厂已投产。", "亦庄"),
    ],
)
def test_foreign_states_and_general_knowledge_places(text, place, found):
    assert found(text).get(place) == "PLACE"


@pytest.mark.parametrize("text", ["美国阿拉巴马州的工厂", "在阿拉巴马州开厂"])
def test_a_foreign_state_after_a_country_or_a_preposition(text, found):
    assert found(text).get("阿拉巴马州") == "PLACE"


def test_a_foreign_state_is_not_cut_out_of_a_longer_word(found):
    assert not any(s.endswith("州") for s in found("获得克萨州政府批准。"))


FILLER = "天气晴朗，" * 40  # a long lead without trigger words: the text after it is read by the rules alone


@pytest.mark.parametrize(
    ("text", "surface"),
    [("6月22日夜，珙县一场地震让居民惊醒。", "珙县"), ("在中山市小榄镇的一家工厂里。", "中山市")],
)
def test_a_dictionary_place_with_an_administrative_unit_is_a_place(text, surface, found):
    assert found(FILLER + text).get(surface) == "PLACE"


@pytest.mark.parametrize(
    ("text", "absent"),
    [("当时社会中县团级干部的工资很高。", "中县"), ("山区城市的新区很大。", "新区"), ("中山市长今天到场。", "中山市")],
)
def test_common_words_titles_and_word_splits_are_no_administrative_place(text, absent, found):
    assert absent not in found(FILLER + text)


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("警方在高雄县鸟松乡查获赃车。", "高雄县", "高雄"),
        ("他们住在北京市朝阳区。", "北京市", "北京"),
    ],
)
def test_a_known_place_and_its_unit_is_its_full_name_linked_to_the_known_one(text, full, short):
    cands = [c for c in extract_document("d", text) if c.surface == full]
    assert cands and all(c.type == "PLACE" and c.link == short and c.link_scope == "doc" for c in cands)


@pytest.mark.parametrize(("text", "place"), [("上海市长表示欢迎。", "上海"), ("北京市民踊跃参加。", "北京")])
def test_a_unit_that_starts_a_title_or_a_word_is_no_part_of_the_place(text, place, found):
    assert found(text).get(place) == "PLACE"


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        ("凌晨发生在中山市小榄镇的一桩血案", {"小榄镇"}),
        ("河南省驻马店市上蔡县芦岗乡王营村，占地三十亩", {"芦岗乡", "王营村"}),
        ("把她带回高雄县鸟松乡住家。", {"鸟松乡"}),  # a known place and its unit
        ("他住在中山市小榄镇", {"小榄镇"}),  # the township ends the body
    ],
)
def test_a_township_and_village_after_a_city_or_county_are_places(body, parts):
    cands = with_admin_places("d", body, lexicon_candidates("d", body))
    assert {c.surface for c in address_parts("d", body, cands) if c.rule == "address_part"} == parts


@pytest.mark.parametrize("body", ["该县城乡居民增收。", "某县下乡干部多。", "该市所有乡镇都通了路。", "中山市部分乡村"])
def test_common_words_before_a_township_unit_are_no_township(body):
    cands = with_admin_places("d", body, lexicon_candidates("d", body))
    assert not [c for c in address_parts("d", body, cands) if c.rule == "address_part"]


def _after_places(text: str) -> set[str]:
    cands = lexicon_candidates("d", text)
    return {c.surface for c in places_after_places("d", text, cands)} - {c.surface for c in cands}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("广东江门、安徽淮南、海南昌江等小众旅游目的地客流将迅速增长。", {"淮南", "昌江"}),
        ("在四川巴中，降雨导致多地出现道路滑坡。", {"巴中"}),
    ],
)
def test_a_rare_dictionary_place_after_its_province_in_a_list_or_clause_is_a_place(text, places):
    assert _after_places(text) == places


@pytest.mark.parametrize(
    "text",
    [
        "巴勒斯坦伊斯兰抵抗运动发表声明。",  # the start of an organisation's name
        "中国新春灯会开幕式近日举行。",  # no list or clause end after it
        "他在巴西利亚会见来访的总统。",  # one word with the known name: 巴西利亚
        "我们在上海浦东新区的办公室。",  # before 的: a description, no list
    ],
)
def test_a_word_after_a_known_place_elsewhere_is_no_place_of_its_own(text):
    assert _after_places(text) == set()


def _place(surface: str, etype: str = "PLACE") -> Candidate:
    return Candidate("d", surface, 0, len(surface), etype, 2.0, "tagger")


@pytest.mark.parametrize(
    ("surface", "place"),
    [("黄尾屿西北", "黄尾屿"), ("耶路撒冷老城", "耶路撒冷"), ("加勒比地区", "加勒比"), ("加沙城南部地区", "加沙城")],
)
def test_a_place_read_with_a_part_or_side_of_it_is_the_place(surface, place):
    assert [c.surface for c in without_place_parts([_place(surface)])] == [place]


def test_a_common_word_and_a_part_is_no_place():
    assert without_place_parts([_place("偏远地区")]) == []


@pytest.mark.parametrize("cand", [_place("老城区"), _place("大西北"), _place("华北"), _place("东北地区", "ORG")])
def test_a_one_character_rest_a_bare_region_or_another_kind_stays(cand):
    assert without_place_parts([cand]) == [cand]


def test_a_dictionary_place_word_that_is_a_phrase_is_no_administrative_place(found):
    assert "各县市" not in found("政府应在各县市教育局设立实验教育中心。")
