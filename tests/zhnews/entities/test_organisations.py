"""zhnews.entities.organisations: firms and institutions from suffixes and titles, sites, police units."""

import pytest

from zhnews.entities import extract_document


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("投资方包括星岩创投和澜海资本。", {"星岩创投", "澜海资本"}),
        ("本轮由云帆资本领投，远川创投跟投。", {"云帆资本", "远川创投"}),
        ("远川创投和星岩资本联合投资。", {"远川创投", "星岩资本"}),
        ("老股东云帆创投继续加注。", {"云帆创投"}),
    ],
)
def test_firms_with_a_strong_suffix_among_investors(text, names, found):
    result = found(text)
    assert {n for n in names if result.get(n) == "ORG"} == names
    assert not any(s.startswith(("老股东", "投资方")) for s in result)


@pytest.mark.parametrize(
    "text",
    [
        "国有资本和社会资本共同参与了本轮投资。",
        "他表示，风险投资基金和私募股权基金都在观望。",
        "今年以来，多家券商、基金公司和商业银行下调了预期。",
        "据悉，该基金由多家银行和保险公司共同出资。",
        "医疗基金和教育基金的规模都在增长。",
        "这家公司去年成立了一家合资有限公司。",
        "为实现高水平科技自立自强作出更大贡献。",  # a level of official prose, no firm
    ],
)
def test_kinds_of_firms_are_no_names(text, found):
    assert {s for s, t in found(text).items() if t == "ORG"} == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("广州前沿瑞丰投资管理有限公司首席分析师李想表示，市场回暖。", "广州前沿瑞丰投资管理有限公司"),
        ("公司与江西澜石新材料有限公司签署协议。", "江西澜石新材料有限公司"),
        ("上海前滩锐智资本管理有限公司首席分析师孙一文对记者表示", "上海前滩锐智资本管理有限公司"),
        ("由红杉中国领投，苏州人工智能产业投资基金跟投。", "苏州人工智能产业投资基金"),
    ],
)
def test_a_legal_or_long_institution_name_keeps_its_place_prefix(text, name, found):
    result = found(text)
    assert result.get(name) == "ORG"
    assert not any(t == "PLACE" and name.startswith(s) for s, t in result.items())


def test_a_kind_of_company_before_a_name_is_a_descriptor(found):
    result = found("杭州机器人初创公司星衍智能（Starforge Robotics）宣布完成融资。")
    assert result == {"杭州": "PLACE", "星衍智能": "ORG", "Starforge Robotics": "ORG"}


def test_place_short_name_and_wang_is_one_site(found):
    assert found("采购价格参照上海澜石网公布的均价。") == {"上海澜石网": "ORG"}


@pytest.mark.parametrize("text", ["中国互联网发展迅速。", "上海电网负荷创新高。"])
def test_common_words_ending_in_wang_are_no_site(text):
    # the rules' candidates alone (no tagger names): the statistical tagger may read 上海电网 as the grid's company
    assert all(c.type != "ORG" for c in extract_document("d", text, []))


@pytest.mark.parametrize(
    "text",
    [
        "深圳市人民政府发布《关于加快发展低空经济的若干措施》。",
        "公司发布《2025年可持续发展报告》《员工持股计划》等文件。",
        "国家发改委有关负责人表示，将加大支持力度。",
    ],
)
def test_documents_and_officials_are_no_products_or_organisations(text, found):
    # a local place with its unit and its government is one name (known_name_heads: 云林县政府, 深圳 + 市 + 人民政府)
    assert all(t in ("PLACE",) or s in ("国家发改委", "深圳市人民政府") for s, t in found(text).items())


def test_a_title_prefix_ends_the_organisation_before_a_title(found):
    result = found("澜石证券首席中国经济学家朱海文认为，经济将放缓。")
    assert result.get("澜石证券") == "ORG" and result.get("朱海文") == "PERSON"
    assert not any(s.endswith("首席中国") for s in result)


@pytest.mark.parametrize(
    ("text", "place", "org"),
    [("新加坡淡马锡控股旗下基金领投。", "新加坡", "淡马锡控股"), ("美国高盛集团发布报告。", "美国", "高盛集团")],
)
def test_a_place_before_a_known_company_and_suffix_stays_a_place(text, place, org, found):
    assert found(text) == {place: "PLACE", org: "ORG"}


@pytest.mark.parametrize(
    ("text", "org"), [("东方航空和南方航空发布公告。", "东方航空"), ("蓝澜医药完成融资。", "蓝澜医药")]
)
def test_trade_suffixes_end_a_company_name(text, org, found):
    assert found(text).get(org) == "ORG"


@pytest.mark.parametrize(
    "text",
    [
        "新能源汽车销量大增。",
        "生物医药板块上涨。",
        "季内汽车交付量大增。",
        "区内物流成本下降。",
        "国内航空客运量回升。",
    ],
)
def test_an_industry_before_a_trade_suffix_is_no_company(text, found):
    assert found(text) == {}


def test_a_court_keeps_its_rank_word(found):
    assert found("公告称，公司收到广东省高级人民法院的判决书。").get("广东省高级人民法院") == "ORG"


def test_a_press_spokesman_title_does_not_extend_the_ministry(found):
    assert found("商务部新闻发言人何亚东表示，中方将采取措施。") == {"商务部": "ORG", "何亚东": "PERSON"}


@pytest.mark.parametrize(
    "text",
    ["股东东方正信（集团）有限公司", "平台股东中国正信（集团）有限公司是被执行人", "股东为北京正信（控股）有限公司。"],
)
def test_a_legal_name_with_a_bracketed_group_word_and_an_unaccepted_stem_does_not_fail(text):
    """The fallback stem of a legal name ends where its own stem does, before （集团）: it once ended at the bracket,
    was empty, and the whole document failed with IndexError."""
    cands = extract_document("d", text)
    assert all(text[c.start : c.end] == c.surface for c in cands)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("警方表示，凤溪分局已经介入调查。", "凤溪分局"),
        ("报案后，岚明派出所随即派员到场。", "岚明派出所"),
        ("案件已移送屏溪地检署侦办。", "屏溪地检署"),
    ],
)
def test_police_and_prosecution_units_are_organisations(text, surface, found):
    assert found(text).get(surface) == "ORG"


def test_a_place_before_a_latin_organisation_and_a_title_stays_a_place(found):
    assert found("美国XBL记者莫里可报导指出，交易仍在谈。").get("美国") == "PLACE"
    assert "美国XBL" not in found("美国XBL记者莫里可报导指出，交易仍在谈。")


def test_first_holder_of_a_title_is_not_part_of_the_organisation(found):
    assert "加纳共和国" in found("加纳共和国首任大使克西在北京看房子。")


def test_a_lone_character_before_a_known_name_is_not_part_of_the_organisation(found):
    result = found("院方提供营养品并转介微软基金会，基金会访视后已拨款。")
    assert result.get("微软基金会") == "ORG" and "介微软基金会" not in result


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("有没有追查北京正聚源通鼎信用管理有限公司，控制其资产？", "北京正聚源通鼎信用管理有限公司"),
        ("法院受理了起诉上海澜禾投资有限公司的案件。", "上海澜禾投资有限公司"),
    ],
)
def test_a_registered_company_name_starts_at_its_place(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize(
    "text",
    [
        "社工故转介微软基金会，基金会访视后已拨款。",
        "院方于是转介微软基金会协助。",
    ],
)
def test_single_characters_before_a_known_name_are_a_verb_tail(text, found):
    result = found(text)
    assert result.get("微软基金会") == "ORG"
    assert not any(s.endswith("微软基金会") and s != "微软基金会" for s in result)


@pytest.mark.parametrize(
    ("text", "place", "org"),
    [
        ("他在沈阳中国医科大学医院接受治疗。", "沈阳", "中国医科大学医院"),
        ("活动由北京中国科学院主办。", "北京", "中国科学院"),
    ],
)
def test_a_place_before_a_name_that_starts_with_a_place_is_where_it_is(text, place, org, found):
    result = found(text)
    assert result.get(org) == "ORG" and result.get(place) == "PLACE"
    assert place + org not in result


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("台北高等行政法院驳回了上诉。", "台北高等行政法院"),
        ("上海市人民检察院提起公诉。", "上海市人民检察院"),
    ],
)
def test_a_suffix_inside_a_word_without_a_place_still_ends_the_name(text, org, found):
    assert found(text).get(org) == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("共21位分析师，对日月光投控（3711-TW）做出EPS预估。", "日月光投控"),
        ("市场看好致茂（2360-TW）的表现。", "致茂"),
        ("外资买超瑞仪(6176.TW)与群创。", "瑞仪"),
        ("分析师调升贵州茅台（600519.SH）目标价。", "贵州茅台"),
    ],
)
def test_a_name_before_a_stock_code_and_market_is_a_company(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize("text", ["会议于2026年（2026）举行。", "共5家公司（2330-TW）上榜。"])
def test_a_bracketed_year_or_a_generic_head_is_no_listed_company(text, found):
    assert not any(c == "公司" or c.endswith("5家公司") for c in found(text))


def test_an_adverbial_adjective_ends_an_organisation_stem(found):
    result = found("公开信息并不能明确汇金公司今年增持。")
    assert "明确汇金公司" not in result


@pytest.mark.parametrize(
    ("text", "name"),
    [("仍于一周后伤重不治。案经永康分局报请检察官相验。", "永康分局"), ("上吊寻短，经送奇美医院急救。", "奇美医院")],
)
def test_police_prose_particles_do_not_start_an_organisation(text, name):
    surfaces = {c.surface for c in extract_document("d", text) if c.type == "ORG"}
    assert name in surfaces
    assert not any(s.endswith(name) and s != name for s in surfaces)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("湖南水上救援队和四川山地救援队赶到现场。", "湖南水上救援队"),
        ("当晚，长沙市志愿救援大队出动。", "长沙市志愿救援大队"),
    ],
)
def test_a_rescue_team_named_after_its_place_is_an_organisation(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize("text", ["全国共有27支救援队赶到。", "市内有12家银行参与。"])
def test_a_count_before_an_organisation_suffix_is_no_name(text, found):
    assert not any(s[0].isdigit() for s in found(text))


@pytest.mark.parametrize(
    ("text", "start", "title", "opens"),
    [
        ("巴勒斯坦卫生部长宣布进入紧急状态。", 6, "部长", False),  # the tail of 卫生部长
        ("全国广大红十字工作者积极参与。", 8, "作者", False),  # the tail of 工作者
        ("获奖的是埃及摄影记者穆罕默德。", 8, "记者", False),  # the tail of 摄影记者
        ("腾讯公司董事长马化腾表示。", 4, "董事长", True),
        ("教育部部长陈宝生出席。", 3, "部长", True),
        ("盐城市委书记出席了会议。", 4, "书记", True),  # 市委 + 书记: an institution's ending and the title
        ("趣丸网络副总裁介绍。", 4, "副总裁", True),
    ],
)
def test_a_title_starts_a_word(text, start, title, opens):
    from zhnews.entities.organisations import title_starts_word

    assert text[start : start + len(title)] == title
    assert title_starts_word(text, start, start + len(title)) is opens


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("据媒体报道，巴勒斯坦卫生部长马伊·凯拉已宣布所有医院进入紧急状态。", "巴勒斯坦卫生"),
        ("全国广大红十字工作者、会员、志愿者积极参与。", "全国广大红十字工"),
        ("获得新闻自由奖的是埃及摄影记者穆罕默德。", "埃及摄影"),
    ],
)
def test_no_organisation_before_the_tail_of_a_word(text, wrong, found):
    assert wrong not in found(text)


def test_an_organisation_before_a_title_stays(found):
    assert found("趣丸网络副总裁张三介绍了新产品。").get("趣丸网络") == "ORG"


@pytest.mark.parametrize(
    ("text", "parent", "unit"),
    [
        ("民众报案后，经信义分局吴兴派出所员警到场处理。", None, "吴兴派出所"),
        ("他是华中科技大学光电学院的教授。", "华中科技大学", None),
    ],
)
def test_a_unit_named_after_its_parent_is_a_name_of_its_own(text, parent, unit, found):
    result = found(text)
    assert all(result.get(name) == "ORG" for name in (parent, unit) if name)
    assert not any(len(surface) > 6 for surface in result)  # no name spanning parent and unit


def test_an_affiliated_hospital_keeps_its_parents_name(found):
    assert found("她被送往成都医科大学附属医院急救。").get("成都医科大学附属医院") == "ORG"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("人口老化后，财政只能拿钱填补养老基金的缺口。", "养老基金"),
        ("专家建议划转国有股充实社保基金。", "社保基金"),
        ("投资者可以在银行买卖开放式基金的份额。", "开放式基金"),
        ("他们合租过音乐学院附近的一间宿舍。", "音乐学院"),
        ("她后来当上了一所邮电大学的校长。", "邮电大学"),
        ("姐姐考上国立大学的护理系。", "国立大学"),
        ("他在网路上求职，沦为诈骗集团车手。", "诈骗集团"),  # a crime ring
        ("该平台的存管银行是澜川银行。", "存管银行"),  # a firm's role
        ("发挥研究型大学的主力军作用。", "研究型大学"),  # a school's type
    ],
)
def test_a_kind_of_institution_is_no_name(text, kind, found):
    assert kind not in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [("她在中央音乐学院教钢琴。", "中央音乐学院"), ("他毕业于北京邮电大学。", "北京邮电大学")],
)
def test_a_named_institution_of_a_kind_stays(text, name, found):
    assert found(text).get(name) == "ORG"


def test_an_idiom_ends_an_organisations_stem(found):
    result = found("学习贯彻二十大精神，认真贯彻习近平总书记关于做好新时代工作的指示。")
    assert not [s for s, t in result.items() if t == "ORG" and "贯彻" in s]


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("村民到新丰乡公所申请补助。", "新丰乡公所", "ORG"),  # a township office: 乡 and 公所 are one jieba word
        ("台中区农业改良场的研究员说。", "台中区农业改良场", "ORG"),
        ("游客周末涌进新竹生态园。", "新竹生态园", "PLACE"),
        ("货轮停靠基隆码头卸货。", "基隆码头", "PLACE"),
        ("病毒一度被认为来自华南海鲜市场。", "华南海鲜市场", "PLACE"),
        ("中山大学珠海校区今年扩招。", "珠海校区", "PLACE"),
    ],
)
def test_a_place_and_the_head_of_a_site_are_one_name(text, name, etype, found):
    assert found(text).get(name) == etype


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("上海市中心的房价很高。", "上海市"),  # the city centre: a kind's head needs a description
        ("中国超大规模市场的优势明显。", "中国"),  # an adjective is no description of a site
        ("要扩大美国消费市场的份额。", "美国"),  # a market of trade is no site
    ],
)
def test_a_place_and_a_kind_or_a_part_of_it_are_no_site(text, place, found):
    result = found(text)
    assert not [s for s in result if s.startswith(place) and s != place and result[s] != "PERSON"]


def test_a_site_after_a_chain_of_places_is_the_last_places():
    sites = [c.surface for c in extract_document("d", "甘肃庆阳市镇原县图书馆开放了。") if c.rule == "placed_site"]
    assert not [s for s in sites if s.startswith("甘肃")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("社会局将提供急难救助。", "社会局"),
        ("案发后消防局派员赶到。", "消防局"),
        ("农委会昨天表示将补助农民。", "农委会"),
    ],
)
def test_a_government_body_named_bare_is_an_organisation(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize(("text", "word"), [("各地教育局要求学校停课。", "教育局"), ("全县社会局系统开会。", "社会局")])
def test_a_bureau_after_a_quantifier_is_a_kind(text, word, found):
    assert word not in found(text)


def test_a_bureau_after_its_place_is_the_places_body(found):
    assert "社会局" not in found("新竹市社会局表示将协助。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("他毕业于北大中文系。", "北大中文系"),  # jieba reads the school and its department as one word
        ("她是清华大学物理系的学生。", "清华大学物理系"),
        ("邀请澜江大学政治与行政学系副教授座谈。", "澜江大学政治与行政学系"),
    ],
)
def test_a_school_and_its_department_are_one_name(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize("text", ["北京大学的管理体系很完善。", "这所大学关系网很广。"])
def test_a_word_that_only_ends_like_a_department_is_none(text, found):
    assert not [s for s in found(text) if s.endswith("系")]


def test_a_schools_campus_is_named_alone(found):
    result = found("中山大学南校区今年扩建。")
    assert result.get("南校区") == "PLACE" and "校区" not in result


def test_a_faculty_after_its_university_is_a_name_even_of_a_kind(found):
    assert found("他是澜江大学外国语学院的教授。").get("外国语学院") == "ORG"


def test_a_verb_and_its_preposition_start_no_name(found):
    assert not [s for s in found("她就读于星河学院。") if s.startswith("就读")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("今天，浙江全省中小学停课。", "浙江全省中小学"),  # a scope
        ("荣获亚洲最佳机场服务奖。", "亚洲最佳机场"),  # a rank
        ("台北市区公车站牌很少。", "台北市区公车站"),  # a part of the place
    ],
)
def test_a_description_of_a_kind_or_a_part_names_no_site(text, kind, found):
    assert kind not in found(text)


def test_a_place_after_a_hyphen_is_part_of_a_longer_name():
    cands = extract_document("d", "飞机降落在本-古里安机场。")
    assert not [c for c in cands if c.rule == "placed_site"]


def test_a_bureau_before_a_title_is_a_post(found):
    assert "环保局" not in found("环保局长林长造说，已向中央求援。")


def test_a_site_of_its_own_name_is_apart_from_its_place(found):
    result = found("游客在北京陶然亭公园赏梅。")
    assert result.get("北京") == "PLACE" and "北京陶然亭公园" not in result


def test_an_institution_is_named_with_its_place(found):
    assert "新丰县惠民蔬菜专业合作社" in found("新丰县惠民蔬菜专业合作社成立了。")
