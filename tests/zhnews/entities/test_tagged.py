"""zhnews.entities.tagged: the statistical tagger's names where the rules found none, filtered."""

import pytest

from zhnews.entities import extract_document
from zhnews.entities.base import Candidate
from zhnews.entities.segment import word_freq
from zhnews.entities.tagged import (
    _given_names,
    _places_with_their_unit,
    _tagged_name_ok,
    _word_across,
    whole_words,
    with_heads_after,
    with_tagger_names,
)


def tagged_surfaces(body: str, spans: list[tuple[str, str]], found: list[Candidate] = ()) -> set[str]:
    tagged = [(body.index(s), body.index(s) + len(s), t) for s, t in spans]
    return {c.surface for c in with_tagger_names("d", body, tagged, list(found)) if c.rule == "tagger"}


def test_a_tagged_person_with_a_surname_is_kept():
    assert tagged_surfaces("周青岳昨天回到家乡。", [("周青岳", "PERSON")]) == {"周青岳"}


def test_honorific_references_and_bylines_are_no_tagged_names():
    assert tagged_surfaces("张先生昨天回到家乡。", [("张先生", "PERSON")]) == set()
    assert tagged_surfaces("卢女生昨天回到家乡。", [("卢女生", "PERSON")]) == set()  # a student's role
    assert tagged_surfaces("陈某妻昨天回到家乡。", [("陈某妻", "PERSON")]) == set()  # a kin word
    assert tagged_surfaces("（记者 周青岳）昨天", [("周青岳", "PERSON")]) == set()


def test_a_rule_candidate_wins_over_a_tagged_name_inside_it():
    body = "澜禾科技研究院发布报告。"
    rule = Candidate("d", "澜禾科技研究院", 0, 7, "ORG", 2.5, "suffix_org")
    assert tagged_surfaces(body, [("澜禾", "PERSON")], [rule]) == set()


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("警方据报赶到，李男已无呼吸心跳。", "李男"),
        ("赖女向警方说明经过。", "赖女"),
        ("一名俞姓男子落海。", "俞姓"),
        ("他被发现陈尸在庙前。", "陈尸"),
        ("我和T君一起去了伦敦。", "T君"),
        ("我们和W某吃了饭。", "W某"),
        ("顾妻每天照顾他。", "顾妻"),  # a character and a kin word: a family member
        ("大姊在外地工作。", "大姊"),
        ("姊弟俩相依为命。", "姊弟"),
        ("餘震的強度高達芮氏規模五。", "芮氏"),  # a scale named after someone
    ],
)
def test_surname_references_and_anonymised_letters_are_no_tagged_names(body, name):
    assert tagged_surfaces(body, [(name, "PERSON")]) == set()


@pytest.mark.parametrize(
    ("body", "name"), [("卡\ue40c昨天回家。", "卡\ue40c"), ("?壹基金救援队出发。", "?壹基金救援队")]
)
def test_a_tagged_name_with_lost_characters_is_dropped(body, name):
    assert tagged_surfaces(body, [(name, "ORG")]) == set()


@pytest.mark.parametrize(("body", "name"), [("李男生回到家乡。", "李男生"), ("周青岳昨天回到家乡。", "周青岳")])
def test_a_full_name_is_no_reference(body, name):
    assert tagged_surfaces(body, [(name, "PERSON")]) == {name}


@pytest.mark.parametrize(
    ("body", "name", "kept"),
    [
        ("中国人寿昨天公布业绩。", "中国人寿", True),  # a place and a trade: a firm named after its place
        ("中国太保昨天公布业绩。", "中国太保", True),
        ("杭州机器人初创公司昨天发布通知。", "杭州机器人初创公司", False),
    ],
)
def test_a_tagged_organisation_named_after_its_place(body, name, kept):
    assert (tagged_surfaces(body, [(name, "ORG")]) == {name}) is kept


def test_a_tagged_organisation_one_character_past_a_rules_one_is_not_taken():
    body = "台南市永康分局报请检察官相验。"
    rules = [
        Candidate("d", "台南市", 0, 3, "PLACE", 5.0, "lexicon"),
        Candidate("d", "台南市永康分局", 0, 7, "ORG", 2.5, "suffix_org"),
    ]
    assert tagged_surfaces(body, [("台南市永康分局报", "ORG")], rules) == set()


@pytest.mark.parametrize(
    ("body", "name", "kept"), [("环保局派车收垃圾。", "环保局", True), ("该分局派员到场。", "该分局", False)]
)
def test_a_three_character_agency_is_a_tagged_name_unless_deictic(body, name, kept):
    assert (tagged_surfaces(body, [(name, "ORG")]) == {name}) is kept


@pytest.mark.parametrize(("body", "name"), [("车祸发生在青禾路口。", "青禾路"), ("她住在远山村的老家。", "远山村")])
def test_a_tagged_road_or_settlement_is_kept_by_its_unit(body, name):
    assert tagged_surfaces(body, [(name, "PLACE")]) == {name}


@pytest.mark.parametrize(("body", "name"), [("车子开上高速公路。", "高速公路"), ("该村的村民说。", "该村")])
def test_a_common_road_word_or_a_pointing_phrase_is_no_tagged_place(body, name):
    assert tagged_surfaces(body, [(name, "PLACE")]) == set()


@pytest.mark.parametrize(("body", "name"), [("支持总统巴沙尔的武装。", "巴沙尔"), ("总理米卡提表示。", "米卡提")])
def test_a_tagged_person_in_transliteration_characters_is_kept_whatever_jieba_calls_it(body, name):
    assert tagged_surfaces(body, [(name, "PERSON")]) == {name}


@pytest.mark.parametrize(
    ("body", "span", "kept"),
    [
        ("黎巴嫩北部港口城市的黎波里持续交火。", ("黎波里", "PLACE"), False),  # 的黎波里: its 的 left out
        ("诈骗平台的股东有任玉岭在内。", ("玉岭", "PLACE"), False),  # 任玉岭
        ("这次地震震央土国东南方。", ("央土国", "ORG"), False),  # 震央: its 震 left out
        ("红十字会在广西南宁开展救援。", ("南宁", "PLACE"), True),  # 广西 + 南宁: two names
        ("他确实想要离开中国大陆。", ("大陆", "PLACE"), True),  # 中国 + 大陆
        ("周青岳昨天回到家乡。", ("周青岳", "PERSON"), True),  # at the start of the text
        ("昨天周青岳回到家乡。", ("周青岳", "PERSON"), True),  # 昨天 ends before the name
        ("以色列总理内塔尼亚胡今天称，局势紧张。", ("胡今天", "PERSON"), False),  # 内塔尼亚胡 + 今天
        ("他在汉阳郭茨口一家机构上班。", ("郭茨口", "PLACE"), True),  # 汉阳郭 (jieba) + 茨口, no word
    ],
)
def test_a_tagged_name_that_cuts_off_a_words_first_character_is_dropped(body, span, kept):
    assert tagged_surfaces(body, [span]) == ({span[0]} if kept else set())


@pytest.mark.parametrize(
    ("body", "span", "kept"),
    [
        ("支持总统的阿拉维派武装分子和反对派交火。", ("阿拉维派", "ORG"), False),  # a sect
        ("逊尼派武装分子控制了该地区。", ("逊尼派", "ORG"), False),
        ("案经启明派出所报请侦办。", ("启明派出所", "ORG"), True),  # a police station ends with 派出所, not 派
    ],
)
def test_a_tagged_sect_or_faction_is_no_organisation(body, span, kept):
    assert tagged_surfaces(body, [span]) == ({span[0]} if kept else set())


@pytest.mark.parametrize(
    ("body", "span", "kept"),
    [
        ("钞票的价值相同。？＃臁“延脖液统？票以不同的颜色", ("延脖液统", "PLACE"), False),  # garbled text
        ("他问：“你认识周青岳？”我说认识。", ("周青岳", "PERSON"), True),  # a question ends with the quote
    ],
)
def test_a_tagged_name_right_before_a_lost_character_in_garbled_text_is_dropped(body, span, kept):
    assert tagged_surfaces(body, [span]) == ({span[0]} if kept else set())


def test_tagged_persons_back_to_back_are_one_name():
    body = "疆独组织东土发言人迪里夏提指出，新疆自治区政府否认。"
    assert tagged_surfaces(body, [("迪里", "PERSON"), ("夏提", "PERSON")]) == {"迪里夏提"}


def test_tagged_persons_apart_stay_two_names():
    body = "周青岳和邓晓芒昨天回到家乡。"
    assert tagged_surfaces(body, [("周青岳", "PERSON"), ("邓晓芒", "PERSON")]) == {"周青岳", "邓晓芒"}


@pytest.mark.parametrize(("body", "name"), [("只是亚惠家现尚无补助。", "亚惠家"), ("有时我来看顾孙女。", "顾孙女")])
def test_a_tagged_person_ending_with_a_family_or_kin_word_is_no_name(body, name):
    assert tagged_surfaces(body, [(name, "PERSON")]) == set()


def whole(body: str, piece: str, etype: str, others: list[Candidate] = ()) -> set[str]:
    start = body.index(piece)
    cand = Candidate("d", piece, start, start + len(piece), etype, 2.0, "tagger")
    return {c.surface for c in whole_words(body, [cand, *others]) if c.rule in ("tagger", "whole_word")}


@pytest.mark.parametrize(
    ("body", "piece", "name"),
    [
        ("他在位于波哥大的报社门前遇刺。", "波哥", "波哥大"),
        ("他宣告明年要离开印地安纳之后，球队变了。", "印地", "印地安纳"),
    ],
)
def test_a_tagged_piece_of_a_rare_jieba_proper_noun_is_the_whole_word(body, piece, name):
    assert whole(body, piece, "PLACE") == {name}


def test_a_tagged_name_that_is_a_whole_word_or_in_a_common_word_stays_itself():
    assert whole("周青岳昨天回到家乡。", "周青岳", "PERSON") == {"周青岳"}
    assert whole("他来自中华民族。", "中华", "PLACE") == {"中华"}  # 中华民族: a frequent word


def test_no_whole_word_running_into_another_candidate():
    body = "家住汉阳郭茨口的市民说。"
    other = Candidate("d", "汉阳", 2, 4, "PLACE", 10.0, "lexicon")
    assert whole(body, "郭茨口", "PLACE", [other]) == {"郭茨口"}


def test_a_whole_word_at_the_end_of_the_body():
    assert whole("他离开了波哥大", "波哥", "PLACE") == {"波哥大"}


@pytest.mark.parametrize(
    ("body", "tagged", "names"),
    [
        ("据报道，镇原县委宣传部回应。", [(4, 6, "ORG"), (6, 11, "ORG")], {"镇原县": "PLACE"}),
        ("镇原县委宣传部回应。", [(0, 7, "ORG")], {"镇原县委宣传部": "ORG"}),  # read as one name: kept
    ],
)
def test_a_name_before_its_units_committee_or_government_is_the_place_with_its_unit(body, tagged, names):
    assert {c.surface: c.type for c in extract_document("d", body, tagged)} == names


@pytest.mark.parametrize(
    ("body", "tagged"),
    [
        ("李明县委书记说。", [(0, 2, "PERSON"), (2, 6, "ORG")]),  # a person before the unit
        ("镇原，县委宣传部回应。", [(0, 2, "ORG"), (3, 8, "ORG")]),  # not right before it
        ("镇原县长说。", [(0, 2, "ORG"), (2, 4, "ORG")]),  # no committee or government after the unit
    ],
)
def test_no_place_with_its_unit_without_a_name_right_before_the_units_organ(body, tagged):
    assert _places_with_their_unit(body, tagged) == tagged


@pytest.mark.parametrize(
    "body",
    ["这次地震震央土国东南方。", "港口城市的黎波里", "诈骗平台的股东有任玉岭在内。", "昨天周青岳回到家乡", "a中国"],
)
def test_a_word_across_a_names_start_is_found_as_by_trying_every_piece(body):
    def every_piece(start: int) -> bool:  # the definition: any dictionary word body[s:start+k], s < start, k <= 4
        return any(word_freq(body[s : start + k]) for s in range(max(0, start - 4), start) for k in range(1, 5))

    assert [_word_across(body, max(0, i - 4), i, i + 4) for i in range(len(body))] == [
        every_piece(i) for i in range(len(body))
    ]


def _known_place(body: str, place: str) -> Candidate:
    start = body.index(place)
    return Candidate("d", place, start, start + len(place), "PLACE", 10.0, "lexicon")


@pytest.mark.parametrize(
    ("body", "place", "site"),
    [
        ("京剧演出在烟台东社区大舞台上举行。", "烟台", "烟台东社区"),
        ("北部隐珠和临港开发区、南部大学城。", "临港", "临港开发区"),
        ("日前，四川资阳东峰页岩气田通过审定。", "四川", "四川资阳东峰页岩气田"),
    ],
)
def test_a_tagged_site_from_a_known_place_replaces_the_place(body, place, site):
    spans = [(body.index(site), body.index(site) + len(site), "PLACE")]
    assert [c.surface for c in with_tagger_names("d", body, spans, [_known_place(body, place)])] == [site]


@pytest.mark.parametrize(
    ("body", "place", "tagged"),
    [
        ("耶路撒冷老城发生冲突。", "耶路撒冷", "耶路撒冷老城"),  # no site head: a part of the place
        ("市民在江苏南京社区服务。", "江苏", "江苏南京"),  # a place in the place, no site
    ],
)
def test_a_tagged_place_ending_otherwise_leaves_the_known_place(body, place, tagged):
    spans = [(body.index(tagged), body.index(tagged) + len(tagged), "PLACE")]
    assert place in {c.surface for c in with_tagger_names("d", body, spans, [_known_place(body, place)])}


def tagged_types(body: str, spans: list[tuple[str, str]]) -> dict[str, str]:
    tagged = [(body.index(s), body.index(s) + len(s), t) for s, t in spans]
    return {c.surface: c.type for c in with_tagger_names("d", body, tagged, []) if c.rule == "tagger"}


@pytest.mark.parametrize(
    ("body", "name", "etype"),
    [
        ("俄军继续在克拉斯诺南部推进。", "克拉斯诺", "PLACE"),  # a side of a place right after it
        ("俄军在克拉斯诺方向打击乌军。", "克拉斯诺", "PLACE"),  # a front's direction
        ("俄军在克拉斯诺、扎维卡等方向打击乌军。", "克拉斯诺", "PLACE"),  # a list closed by a place head
        ("俄军在克拉斯诺、扎维卡等方向打击乌军。", "扎维卡", "PLACE"),
        ("暴雨袭击了克拉斯诺、扎维卡等地。", "克拉斯诺", "PLACE"),
        ("投资人踩雷了银丰达、金钥匙等平台。", "银丰达", "ORG"),  # a list closed by another kind's head
        ("周青岳、孟雅琴等人出席。", "周青岳", "PERSON"),  # a list of people stays people
        ("周青岳说，南部的天气转凉。", "周青岳", "PERSON"),  # a part further on is not his
    ],
)
def test_a_tagged_person_before_a_place_part_or_in_a_list_of_another_kind_takes_that_kind(body, name, etype):
    assert tagged_types(body, [(name, "PERSON")]).get(name) == etype


def test_a_tagged_organisation_in_a_list_of_places_is_a_place():
    assert tagged_types("俄军在苏米、克拉斯诺等方向发动攻势。", [("克拉斯诺", "ORG")]) == {"克拉斯诺": "PLACE"}


def test_a_tagged_institution_before_a_place_part_or_in_a_list_of_places_stays_an_organisation():
    assert tagged_types("空袭了澜川医院附近的建筑。", [("澜川医院", "ORG")]) == {"澜川医院": "ORG"}
    assert tagged_types("宣讲团在澜川大学、南岳外办、甘肃等地宣讲。", [("南岳外办", "ORG")]) == {"南岳外办": "ORG"}


@pytest.mark.parametrize(
    ("body", "name", "etype"),
    [
        ("巴勒斯坦伊斯兰抵抗运动（卡萨姆）称，其成员袭击了车辆。", "卡萨姆", "ORG"),
        ("当地的民族解放阵线（萨帕塔）发表声明。", "萨帕塔", "ORG"),
        ("该公司创始人（周青岳）表示，营收增长。", "周青岳", "PERSON"),  # a person after a title, not a body
        ("他接受了采访（周青岳）。", "周青岳", "PERSON"),
    ],
)
def test_a_tagged_person_in_brackets_after_an_institutions_name_is_its_short_name(body, name, etype):
    assert tagged_types(body, [(name, "PERSON")]).get(name) == etype


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("周青岳、孟雅琴四位律师分别从贵阳、长沙等地赶来。", "周青岳"),  # another list further on
        ("秘书长周青岳等国际组织负责人出席。", "周青岳"),  # 等国 + 际: the head starts a longer word
    ],
)
def test_a_tagged_person_is_not_retyped_by_a_head_that_is_not_its_lists(body, name):
    assert tagged_types(body, [(name, "PERSON")]).get(name) == "PERSON"


@pytest.mark.parametrize(
    ("body", "name", "kept"),
    [
        ("当前中斯关系保持平稳健康发展。", "中斯", False),  # a relation between two countries
        ("让中南友好合作的巨轮扬帆远航。", "中南", False),
        ("她往返琴澳两地，后来定居横琴。", "琴澳", False),  # a pair of places
        ("中国合作伙伴遍布全球。", "中国", True),  # a known name stays
        ("公司与澜川合作推出新品。", "澜川", True),  # no country's abbreviation first: a firm may cooperate
    ],
)
def test_two_abbreviations_before_a_word_of_relations_or_pairs_are_no_name(body, name, kept):
    assert (name in tagged_surfaces(body, [(name, "PLACE")])) == kept


@pytest.mark.parametrize(
    ("body", "span", "name"),
    [
        ("代表们走进人民大会堂参加会议。", ("人民大会堂", "PLACE"), "人民大会堂"),
        ("解放军部队赶到现场。", ("解放军", "ORG"), "解放军"),
    ],
)
def test_a_tagged_name_jieba_holds_whole_as_an_organisations_is_kept(body, span, name):
    assert tagged_surfaces(body, [span]) == {name}


@pytest.mark.parametrize(
    ("body", "span", "name"),
    [("浙江代表团昨天举行全体会议。", "浙江代表团", {"浙江"}), ("青年代表团昨天抵达。", "青年代表团", set())],
)
def test_a_tagged_delegation_of_a_place_is_the_place(body, span, name):
    assert tagged_surfaces(body, [(span, "ORG")]) - {span} == name


def _tagged(body: str, start: int, end: int, etype: str) -> list[Candidate]:
    return [Candidate("d", body[start:end], start, end, etype, 1.0, "tagger")]


@pytest.mark.parametrize(
    ("body", "length", "name"),
    [
        ("澜州联邦巡回上诉法院裁定此案。", 6, "澜州联邦巡回上诉法院"),  # a rare verb of the unit's field, then the head
        ("火箭在星海航天发射场升空。", 4, "星海航天发射场"),
    ],
)
def test_a_tagged_name_stopping_before_its_head_takes_it(body, length, name):
    start = body.index(name)
    assert name in {c.surface for c in with_heads_after(body, _tagged(body, start, start + length, "ORG"))}


@pytest.mark.parametrize(
    ("body", "start", "end", "etype"), [("武装称荷台达袭击机场。", 3, 6, "PLACE"), ("王五前往医院。", 0, 2, "PERSON")]
)
def test_a_deed_or_a_person_before_a_head_takes_none(body, start, end, etype):
    assert len(with_heads_after(body, _tagged(body, start, end, etype))) == 1


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("代理主席辛格和夫人出席", 4, 6),
        ("尼泊尔总理奥利表示", 5, 7),
        ("她的女儿佳美带回了家", 4, 6),
        ("邻居余天说", 2, 4),
    ],
)
def test_a_tagged_person_after_a_title_or_kin_word_is_a_name_whatever_jieba_calls_it(text, start, end):
    assert _tagged_name_ok(text, start, end, "PERSON")


@pytest.mark.parametrize(
    ("text", "start", "end"), [("辛格和夫人出席", 0, 2), ("他说奥利表示", 2, 4), ("我和佳美带回了", 2, 4)]
)
def test_a_tagged_person_jieba_calls_no_name_needs_a_title_or_kin_word(text, start, end):
    assert not _tagged_name_ok(text, start, end, "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("法学家陈光中、高铭暄等", "陈光中"),
        ("代表欧年宝等22名嫌疑人", "欧年宝"),
        ("高级工程师 殷险峰：断层很多", "殷险峰"),
    ],
)
def test_a_tagged_surname_and_character_before_a_list_end_or_colon_takes_the_next_character(text, name):
    start = text.index(name)
    assert _given_names(text, [(start, start + 2, "PERSON")]) == [(start, start + 3, "PERSON")]


@pytest.mark.parametrize(
    "text",
    [
        "王攀也说",  # a grammar character
        "李强调整了",  # no list end after it
        "回到景云里：",  # a place's unit
        "郭进考最重要",  # no list end after it
    ],
)
def test_a_tagged_surname_and_character_keeps_its_length_elsewhere(text):
    start = 2 if text.startswith("回到") else 0
    assert _given_names(text, [(start, start + 2, "PERSON")]) == [(start, start + 2, "PERSON")]


def test_only_persons_take_the_next_character():
    assert _given_names("陈光中、", [(0, 2, "PLACE")]) == [(0, 2, "PLACE")]
