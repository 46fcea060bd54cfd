"""zhnews.entities.products: product names after product nouns and companies, brand + model code."""

import pytest

from zhnews.entities import extract_document


@pytest.mark.parametrize("text", ["微软开源模型很强。", "谷歌多模态大模型很强。", "华为自研芯片量产。"])
def test_descriptions_after_a_company_are_no_product(text, found):
    assert {t for t in found(text).values()} == {"ORG"}


@pytest.mark.parametrize(
    ("text", "product", "absent"),
    [
        ("自研芯片澜星X3已进入量产。", "澜星X3", "X3"),
        ("随着澜途Q8上市，竞争加剧。", "澜途Q8", "Q8"),
        ("新车型QX7将于年底上市。", "QX7", "车型QX7"),
    ],
)
def test_a_brand_directly_before_a_model_code_is_one_product(text, product, absent, found):
    result = found(text)
    assert result.get(product) == "PRODUCT" and absent not in result


def test_a_known_company_before_a_model_code_stays_a_company(found):
    result = found("小米SU9上市后，销量很好。")
    assert (result.get("小米"), result.get("SU9")) == ("ORG", "PRODUCT")


def test_the_quarter_is_no_model_code(found):
    assert "澜石Q1" not in found("澜石Q1营收增长。")


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("游戏《星海远征》上线首日流水破亿。", {"星海远征"}),
        ("《星海远征》《云端回响》等热门游戏表现稳健。", {"星海远征", "云端回响"}),
        ("AI助手澜语已接入微信。", {"澜语"}),
        ("公司调用自研的澜川大模型处理请求。", {"澜川"}),
        ("Nexo机器人今年将量产。", {"Nexo"}),
        ("企业级智能体平台Helix上线。", {"Helix"}),
        ("搭载VSD的汽车开始交付。", {"VSD"}),
        ("特斯拉宣布Model Q长续航版推出。", {"Model Q"}),
    ],
)
def test_product_cues(text, products, found):
    result = found(text)
    assert {p for p in products if result.get(p) == "PRODUCT"} == products


@pytest.mark.parametrize(
    "text",
    [
        "他读完了《星海远征》，觉得很有收获。",
        "《星海远征》直接写明了规则。",
        "根据《数据安全法》规定，企业需要备案。",
        "该系统升级后，用户体验明显改善。",
        "这款芯片量产后，成本将下降。",
        "平台用户数突破1亿。",
        "公司发布了全新的语言大模型和视觉模型。",
        "除了生图模型，还有视频模型。",
    ],
)
def test_product_cues_must_not_fire(text, found):
    assert {s for s, t in found(text).items() if t == "PRODUCT"} == set()


def test_concept_before_a_company_noun_is_no_company(found):
    assert found("AI Agent公司Zentrova完成融资。") == {"Zentrova": "ORG"}


@pytest.mark.parametrize(
    ("text", "name"),
    [("双方成立合资公司酷睿程，各持股50%。", "酷睿程"), ("初创公司灵澜完成融资。", "灵澜")],
)
def test_unknown_name_after_a_company_noun(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize("text", ["成立合资公司之后，业务增长。", "子公司数量增加。", "初创公司数量激增。"])
def test_company_noun_before_common_words_names_nothing(text, found):
    assert found(text) == {}


def test_a_company_keeps_its_name_next_to_a_product_named_after_it():
    text = "人工智能公司Orvani宣布融资。其视频生成平台Orvani Studio已有5万家客户。"
    types = {c.surface: c.type for c in extract_document("d", text)}
    assert types == {"Orvani": "ORG", "Orvani Studio": "PRODUCT"}


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("京东白条怎么用？", "京东白条"),
        ("不少用户开通了京东白条", "京东白条"),  # the product ends the body
        ("他用百度闪付买了票。", "百度闪付"),  # not in the lexicon (京东白条, 京东金条 are)
    ],
)
def test_a_known_company_and_its_product_word_are_the_product(text, product, found):
    names = found(text)
    assert names.get(product) == "PRODUCT"
    assert product[:2] not in names


def test_a_product_word_inside_another_word_makes_no_product(found):
    names = found("腾讯白条子很多。")
    assert names == {"腾讯": "ORG"}  # 白条子: jieba reads the product word into a longer one


def test_a_place_before_a_product_word_is_no_company_product(found):
    assert "上海白条" not in found("上海白条很多。")


@pytest.mark.parametrize(
    "text",
    ["北京某公司旗下的借贷平台小资钱包涉嫌非法集资", "小资钱包平台实控人已被抓获。"],
)
def test_a_rare_noun_and_a_platform_ending_next_to_the_word_platform_name_a_platform(text, found):
    assert "小资钱包" in found(text)


@pytest.mark.parametrize("text", ["这个平台用户很多。", "平台钱包里的钱被转走了。", "电子钱包平台越来越多。"])
def test_common_words_next_to_the_word_platform_are_no_platform(text, found):
    assert not any(name.endswith(("钱包", "平台")) for name in found(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [("宏泰金服P2P网贷平台2018-06-05数据报告", "宏泰金服"), ("【图】青禾贷P2P网贷平台06月04日数据分析", "青禾贷")],
)
def test_a_platform_heading_its_data_report_is_an_organisation(text, name, found):
    assert found(text).get(name) == "ORG"


@pytest.mark.parametrize("text", ["国内P2P网贷平台2018年数量下降。", "截至目前多家P2P网贷平台已经停业。"])
def test_a_common_word_or_a_clause_before_the_platform_kind_is_no_name(text, found):
    assert not {"国内", "截至目前多家"} & set(found(text))
