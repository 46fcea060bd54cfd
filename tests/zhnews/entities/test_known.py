"""zhnews.entities.known: lexicon names as words (not inside other words), and longer names built on them."""

import pytest

from zhnews.entities.base import Candidate, cues, lexicon
from zhnews.entities.known import (
    _longer_name_starts,
    business_lines,
    known_name_heads,
    known_words,
    lexicon_candidates,
    place_organs,
    with_state_prefix,
)
from zhnews.entities.segment import pos_tokenizer


def test_longest_name_wins_over_a_place_inside_it(found):
    result = found("《中国星报》记者注意到，")
    assert result == {"中国星报": "MEDIA"}


def test_every_lexicon_name_is_looked_up_from_its_first_two_characters():
    by_start = lexicon().lengths_by_start
    assert all(len(name) in by_start[name[:2]] for name in lexicon().cjk)
    assert all(list(lengths) == sorted(lengths, reverse=True) for lengths in by_start.values())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("会议在北京中国科学院举行。", "中国科学院"),  # 中国 starts shorter names too: the longest is found
        ("他们来自中国", "中国"),  # a name that ends the body
        ("中国", "中国"),
    ],
)
def test_the_longest_lexicon_name_starting_at_a_place_is_found_to_the_body_end(text, name):
    assert name in {c.surface for c in lexicon_candidates("d", text)}


def test_no_lexicon_name_where_two_names_first_and_second_characters_meet():
    assert lexicon_candidates("d", "中中中") == []


def test_every_word_tagged_to_continue_a_known_name_starts_with_a_listed_pair():
    starts, longer = _longer_name_starts(), cues().longer_name_tags
    tagged = [word for word, tag in pos_tokenizer().word_tag_tab.items() if tag in longer]
    assert tagged and all(word[:2] in starts for word in tagged)
    assert "红十" in starts and "，他" not in starts


def test_lexicon_name_must_not_continue_a_latin_word(found):
    assert "B站" not in found("ABB站在技术前沿。")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("本轮由红杉中国领投。", "红杉中国", None),
        ("比亚迪深圳工厂已投产。", "比亚迪", "比亚迪深圳"),
        ("本轮由阿里云领投，腾讯澜舟、京东跟投。", "腾讯澜舟", "腾讯"),
        ("腾讯今年，京东也是。", "腾讯", "腾讯今年"),
    ],
)
def test_branch_places_and_longer_names_after_a_known_company(text, present, absent, found):
    result = found(text)
    assert result.get(present) == "ORG" and absent not in result


@pytest.mark.parametrize(
    "text",
    [
        "其中行业龙头表现最好。",
        "日产量达到1000吨。",
        "请提交说明报告和征信报告。",
        "这是一家三星级酒店。",
        "经纬度数据已更新。",
    ],
)
def test_a_short_known_name_inside_other_words_is_no_mention(text, found):
    assert found(text) == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("本田与日产合并谈判。", "日产"),
        ("三星电子和三星都在扩产。", "三星"),
        ("央行行长表示，将保持流动性。", "央行"),
    ],
)
def test_a_short_known_name_standing_as_a_word_is_found(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize(
    ("text", "surface", "etype"),
    [
        ("他在上海 陆家嘴 花旗大厦8楼办公。", "花旗大厦", "PLACE"),
        ("全体难友请求海淀公安公布案情。", "海淀公安", "ORG"),
        ("作者利用在上海档案馆中的资料。", "上海档案馆", "ORG"),
    ],
)
def test_a_known_name_and_a_building_or_police_head_is_a_longer_name(text, surface, etype, found):
    assert found(text).get(surface) == etype


@pytest.mark.parametrize(
    ("text", "surface", "etype"),
    [
        ("高雄市刑警大队长表示，案件仍在侦办。", "高雄市刑警大队", "ORG"),
        ("土耳其电视台播出了现场画面。", "土耳其电视台", "MEDIA"),
    ],
)
def test_a_place_and_a_police_unit_or_broadcaster_is_one_name(text, surface, etype, found):
    assert found(text).get(surface) == etype


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("这款表由法国人创立。", "法国"),
        ("非洲学生在一些东欧国家闹事。", "东欧"),
    ],
)
def test_a_known_place_in_a_word_for_its_people_is_a_mention(text, place, found):
    assert found(text).get(place) == "PLACE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("海巡署查获走私船。", "海巡署"),
        ("刑事局侦破诈骗集团。", "刑事局"),
        ("最高行政法院驳回上诉。", "最高行政法院"),
        ("联合国教科文组织发表声明。", "联合国教科文组织"),
        ("限量值是以联合国粮农组织的评估为依据。", "联合国粮农组织"),
        ("全国工商联副主席出席。", "全国工商联"),
        ("中国科协主办论坛。", "中国科协"),
    ],
)
def test_national_and_international_institutions_are_known(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("工程连通长江、淮河水系。", "长江", "PLACE"),  # great rivers and mountains named bare
        ("工程连通长江、淮河水系。", "淮河", "PLACE"),
        ("但蜿蜒而过的长江和星罗棋布的湖泊。", "长江", "PLACE"),
        ("登山队从北坡登上珠穆朗玛峰。", "珠穆朗玛峰", "PLACE"),
        ("我也要读遍柏拉图和亚里士多德。", "柏拉图", "PERSON"),
        ("我也要读遍柏拉图和亚里士多德。", "亚里士多德", "PERSON"),
        ("比如卢梭的契约论和霍布斯的契约论。", "霍布斯", "PERSON"),
        ("他在贝尔法斯特工作。", "贝尔法斯特", "PLACE"),
        ("北爱尔兰的局势缓和。", "北爱尔兰", "PLACE"),
    ],
)
def test_rivers_mountains_thinkers_and_the_uks_nations_and_cities_are_known(text, name, etype, found):
    assert found(text).get(name) == etype


def test_a_great_river_in_a_company_name_is_the_company(found):
    assert "长江" not in found("长江存储发布新品。")


def _heads_after(text: str, place: str) -> set[str]:
    start = text.index(place)
    known = Candidate("d", place, start, start + len(place), "PLACE", 10.0, "lexicon")
    return {c.surface for c in known_name_heads(text, [known])} - {place}


@pytest.mark.parametrize(
    ("text", "place", "name"),
    [
        ("家属们一起来到北京市律协，要求见会长。", "北京", "北京市律协"),
        ("自东京都政府宣布购买计划后。", "东京", "东京都政府"),
        ("杭州市公安局西湖区分局立案。", "杭州", "杭州市公安局"),
        ("北京市政府今天发布通知。", "北京", "北京市政府"),
    ],
)
def test_a_known_place_its_unit_and_a_head_is_one_name(text, place, name):
    assert _heads_after(text, place) == {name}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("北京市长表示欢迎。", "北京"),
        ("上海市场需求旺盛。", "上海"),
        ("中国大陆经济回暖。", "中国"),
        ("埃及政府表示。", "埃及"),
    ],
)
def test_a_known_place_and_its_unit_without_a_head_stays_the_place(text, place):
    assert _heads_after(text, place) == set()


@pytest.mark.parametrize(
    ("text", "place", "name"),
    [("遗体已送往长沙市殡仪馆。", "长沙市", "长沙市殡仪馆"), ("民众可向嘉义市公所申请。", "嘉义市", "嘉义市公所")],
)
def test_a_place_and_its_local_public_service_is_one_name(text, place, name):
    start = text.index(place)
    known = Candidate("d", place, start, start + len(place), "PLACE", 10.0, "lexicon")
    assert {(c.surface, c.type) for c in known_name_heads(text, [known])} == {(place, "PLACE"), (name, "ORG")}


@pytest.mark.parametrize(
    "text",
    ["她每周带着肉、苹果还有蔬菜回家。", "苹果的味道其实不在苹果本身。", "早上喝了一碗小米粥。", "不必作过度联想。"],
)
def test_a_company_name_that_is_an_everyday_word_is_no_mention_without_business(text, found):
    assert not {"苹果", "小米", "联想"} & set(found(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("苹果发布了新款手机。", "苹果"),
        ("小米SU9上市后销量很好。", "小米"),
        ("她对《苹果》说，很开心。", "苹果"),
        ("苹果表示，Apple会跟进。", "苹果"),
    ],
)
def test_a_company_name_that_is_an_everyday_word_is_found_where_business_is_meant(text, name, found):
    assert name in found(text)


def test_a_state_prefix_before_a_known_national_body_is_part_of_its_name():
    body = "国家文化和旅游部今天宣布。"
    known = Candidate("d", "文化和旅游部", 2, 8, "ORG", 10.0, "lexicon")
    (named,) = with_state_prefix(body, [known])
    assert (named.surface, named.start, named.link) == ("国家文化和旅游部", 0, "文化和旅游部")


def test_a_known_name_already_starting_with_the_state_prefix_is_kept():
    body = "据国家统计局公布。"
    known = Candidate("d", "国家统计局", 1, 6, "ORG", 10.0, "lexicon")
    assert with_state_prefix(body, [known]) == [known]


@pytest.mark.parametrize(("known_type", "lines"), [("ORG", {"澜禾", "澜禾金融"}), ("PLACE", {"澜禾"})])
def test_a_known_company_and_a_business_line_is_the_unit_a_place_and_one_is_a_sector(known_type, lines):
    body = "澜禾金融昨天发布报告。"
    known = Candidate("d", "澜禾", 0, 2, known_type, 10.0, "lexicon")
    assert {c.surface for c in business_lines(body, [known])} == lines


@pytest.mark.parametrize(
    ("text", "present", "absent"), [("北市士林区一处民宅起火。", "北市", None), ("华北市场价格上涨。", None, "北市")]
)
def test_taiwanese_short_city_names_are_known_but_not_inside_words(text, present, absent, found):
    got = found(text)
    assert (present is None or got.get(present) == "PLACE") and absent not in got


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("获得湖北省红十字会拨发的物资。", "湖北省"),  # 红十字会: an organisation's proper noun
        ("已把起诉书递交给佛山中院，法院也立案。", "佛山"),  # 中院: an abbreviation
        ("他在百度百科里查到了她。", "百度"),
    ],
)
def test_a_known_name_before_a_proper_noun_is_part_of_a_longer_name(text, inner, found):
    assert inner not in found(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("他去了湖北省武汉市。", {"湖北省", "武汉市"}),  # places: a common place noun after a place
        ("湖北省的疫情有所缓和。", {"湖北省"}),
        ("会议在北京中国科学院举行。", {"北京", "中国科学院"}),  # a known name after it: two names
        ("国务院国资委将树牢改革意识。", {"国务院", "国资委"}),
    ],
)
def test_a_known_name_before_a_common_word_or_another_known_name_stays(text, names, found):
    assert names <= set(found(text))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("据悉，宜宾市政府昨天召开会议。", "宜宾市政府"),
        ("屏东县政府表示将补助受灾户。", "屏东县政府"),
        ("今年，上海市朝阳区政府未作回应。", None),  # 上海 + 市 + 朝阳区: the district's city is part of it
        ("他当选为苏州市人大代表。", "苏州市人大"),
        ("无锡市工商联组织企业家座谈。", "无锡市工商联"),
        ("物资发往河南省红十字会。", "河南省红十字会"),
        ("伤者被送往台中附医急救。", "台中附医"),
    ],
)
def test_a_place_and_its_government_or_public_body_is_one_name(text, surface, found):
    result = found(text)
    if surface is None:
        assert result.get("上海市朝阳区政府") == "ORG"
    else:
        assert result.get(surface) == "ORG"


def test_a_districts_city_is_part_of_the_districts_government(found):
    result = found("当年，北京市海淀区政府发布通知。")
    assert result.get("北京市海淀区政府") == "ORG" and "北京市" not in result


@pytest.mark.parametrize("text", ["法国政府宣布新的措施。", "印度政府对此表示关切。"])
def test_a_countrys_government_is_a_mention_of_the_country(text, found):
    result = found(text)
    assert all(not surface.endswith("政府") for surface in result) and set(result.values()) == {"PLACE"}


def test_no_government_starts_inside_a_known_name(found):
    assert "京都政府" not in found("东京都政府宣布了新的防灾计划。")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("英国财政部周三公布了预算。", "英国财政部"),
        ("日本防卫省之外，韩国国防部也发表声明。", "韩国国防部"),
    ],
)
def test_a_known_place_and_a_known_state_organ_is_one_name(text, surface, found):
    result = found(text)
    assert result.get(surface) == "ORG" and surface[2:] not in result


def test_a_known_place_before_a_known_university_is_where_it_is(found):
    result = found("她曾在英国剑桥大学访学一年。")
    assert result.get("英国") == "PLACE" and result.get("剑桥大学") == "ORG" and "英国剑桥大学" not in result


def test_place_organs_adds_the_organ_and_drops_a_span_of_place_and_university():
    body = "美国财政部和英国剑桥大学"
    cands = [
        Candidate("d", "美国", 0, 2, "PLACE", 10.0, "lexicon"),
        Candidate("d", "财政部", 2, 5, "ORG", 10.0, "lexicon"),
        Candidate("d", "英国", 6, 8, "PLACE", 10.0, "lexicon"),
        Candidate("d", "剑桥大学", 8, 12, "ORG", 10.0, "lexicon"),
        Candidate("d", "英国剑桥大学", 6, 12, "ORG", 2.5, "suffix_org"),
    ]
    out = place_organs(body, cands)
    assert {(c.surface, c.rule) for c in out} - {(c.surface, c.rule) for c in cands} == {("美国财政部", "place_organ")}
    assert ("英国剑桥大学", "suffix_org") not in {(c.surface, c.rule) for c in out}


@pytest.mark.parametrize("product", ["京东白条", "蚂蚁花呗", "余额宝"])
def test_a_platforms_credit_product_is_one_product_not_its_company(product, found):
    assert found(f"有人问{product}能提现吗。") == {product: "PRODUCT"}


@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        ("可以向政府民政部门求助。", "民政部", None),  # 民政部门: the civil affairs departments, a kind
        ("总理率领内政部长马尔万赶往现场。", "内政部", "马尔万"),  # 内政部长: a minister's title
        ("前面街角有一个巴基斯坦人开的杂货店。", None, "巴基斯坦"),  # a word for a place's people
        ("国务院国资委将树牢改革意识。", None, "国资委"),
    ],
)
def test_a_known_name_that_opens_a_common_word_is_no_mention(text, absent, kept, found):
    result = found(text)
    assert absent not in result and (kept is None or kept in result)


def _one_organisation(names: dict[str, str], name: str) -> bool:
    """The name is found as an organisation, and no shorter name inside it is."""
    return names.get(name) == "ORG" and not any(other != name and other in name for other in names)


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("中国科学院文献情报中心、上海浦东新区", "中国科学院文献情报中心"),
        ("国务院防治艾滋病工作委员会办公室和中华慈善总会联合主办", "国务院防治艾滋病工作委员会办公室"),
        ("招商银行信用卡中心发布公告。", "招商银行信用卡中心"),
        ("海巡署基隆查缉队前天查获偷渡犯。", "海巡署基隆查缉队"),  # a place in the department's name
        ("材料已送交公安部刑事侦查局", "公安部刑事侦查局"),  # the department ends the body
        ("今年10月，教育部基础教育司官网发布通知。", "教育部基础教育司"),  # jieba reads 司官 + 网
        ("海巡署基隆查缉队官方表示。", "海巡署基隆查缉队"),
    ],
)
def test_a_known_organisation_and_its_department_are_one_name(text, department, found):
    assert _one_organisation(found(text), department)


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("教育部部长出席。", "教育部"),  # a title, no department
        ("中国科学院院士出席。", "中国科学院"),
        ("外交部处理此事。", "外交部"),  # a verb holds the head character
        ("党中央重大决策部署。", "党中央"),  # a common word ending in a head (部署)
        ("教育部和财政部联合发文。", "教育部"),  # two known names
        ("教育部官网发布通知。", "教育部"),  # the unit's own channel
    ],
)
def test_no_department_without_a_department_name(text, known, found):
    names = found(text)
    assert known in names
    assert not any(name.startswith(known) and name != known for name in names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("文足和丽丽，在天津二中院门口举牌。", "天津二中院"),  # jieba reads 二中院 as an abbreviation
        ("他在佛山中院受审。", "佛山中院"),
        ("案件侦查部门：北京海淀经侦", "北京海淀经侦"),  # the district's city before it; the name ends the body
        ("沈阳军区和二炮都派了人。", "沈阳军区"),
    ],
)
def test_a_known_place_and_a_short_court_police_or_military_head_are_one_name(text, name, found):
    assert _one_organisation(found(text), name)


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("欧洲央行称欧元区金融稳定脆弱性处于高位。", "欧洲央行"),  # a common verb: a clause, no department
        ("北交所上市公司数量增加。", "北交所"),  # a company, no department
        ("百度金融入局。", "百度"),  # one character before the head: a word (入局), no department
    ],
)
def test_no_department_across_a_clause_a_company_or_a_short_word(text, known, found):
    assert not any(name.startswith(known) and name.endswith(("处", "司", "局")) for name in found(text))


def _known_word(text: str, place: str) -> tuple[str, str]:
    start = text.index(place)
    [cand] = known_words(text, [Candidate("d", place, start, start + len(place), "PLACE", 10.0, "lexicon")])
    return cand.surface, cand.type


@pytest.mark.parametrize(
    ("text", "place", "word", "etype"),
    [
        ("强降雨主要集中在四川盆地至江淮一带。", "四川", "四川盆地", "PLACE"),
        ("以军在约旦河西岸多地实施搜捕。", "约旦", "约旦河西岸", "PLACE"),
        ("建设黄河流域生态保护区。", "黄河", "黄河流域", "PLACE"),
        ("他当选为中国工程院院士。", "中国", "中国工程院", "ORG"),
    ],
)
def test_a_known_place_starting_a_rare_region_or_institution_word_is_that_word(text, place, word, etype):
    assert _known_word(text, place) == (word, etype)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("他在英国剑桥大学读书。", "英国"),
        ("救援队前往广西南宁。", "广西"),
        ("北京市民纷纷出门。", "北京"),
        ("新疆自治区政府隐瞒病例。", "新疆"),
        ("埃及政府表示欢迎。", "埃及"),
        ("美国联邦政府停摆。", "美国"),
        ("中国经济持续回暖。", "中国"),
    ],
)
def test_a_known_place_before_another_name_a_unit_or_a_common_word_stays_the_place(text, place):
    assert _known_word(text, place) == (place, "PLACE")


def test_a_known_organisation_starting_a_rare_institution_word_is_that_word(found):
    assert "国务院新闻办公室" in found("国务院新闻办公室今天举行新闻发布会。")


def test_a_known_organisation_before_a_common_word_stays_itself(found):
    result = found("国务院总理李强出席会议。")
    assert "国务院" in result and "国务院总理" not in result


def test_a_department_after_a_known_organisation_jieba_reads_longer_is_still_found(found):
    assert "北京大学人民医院雄安健康管理中心" in found("包含北京大学人民医院雄安健康管理中心等项目。")
