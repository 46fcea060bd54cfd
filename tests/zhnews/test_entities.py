"""zhnews.entities: mention candidates in hand-written Simplified snippets, with names the lexicon does not hold."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.entities import extract_document, extract_mentions, name_key


def found(text: str) -> dict[str, str]:
    """surface -> type of every candidate in one text."""
    return {c.surface: c.type for c in extract_document("d", text)}


@pytest.mark.parametrize(
    ("text", "surface", "etype"),
    [
        ("据悉，初创公司Zentrova的研究人员发布了新模型。", "Zentrova", "ORG"),
        ("首席执行官Marcus Feldrin表示，公司将继续开源。", "Marcus Feldrin", "PERSON"),
        ("该公司推出了文生图模型Lumora，用户反响热烈。", "Lumora", "PRODUCT"),
        ("Quorvex Labs宣布完成新一轮融资。", "Quorvex Labs", "ORG"),
        ("Kestrel AI公司今天发布公告。", "Kestrel AI", "ORG"),
        ("这款聊天机器人Orbi深受欢迎。", "Orbi", "PRODUCT"),
        ("B站UP主“Tavi同学”分享了教程。", "Tavi", "PERSON"),
        ("开源开发者(Voxel42)开发了界面。", "Voxel42", "PERSON"),
        ("我们采访了Natalie Brenner，她认为行业还早。", "Natalie Brenner", "PERSON"),
        ("他们新发布了Nimbus 4，反响平平。", "Nimbus 4", "PRODUCT"),
        ("云服务提供商Cloudfarer获得了投资。", "Cloudfarer", "ORG"),
        ("用于生成音乐的Sonivox受到关注。", "Sonivox", "PRODUCT"),
        ("该公司将开源Korvo，供开发者使用。", "Korvo", "PRODUCT"),
        ("论文一作HannahKlee离职。", "HannahKlee", "PERSON"),
        ("Brightlane Capital合伙人称，估值过高。", "Brightlane Capital", "ORG"),
        ("会员才能商用Vexa Turbo、QRT等模型。", "QRT", "PRODUCT"),
    ],
)
def test_latin_names_typed_by_context_or_shape(text, surface, etype):
    assert found(text).get(surface) == etype


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("该公司副总裁柯文远表示，市场正在回暖。", "柯文远"),
        ("会上，吕思涵认为，行业需要耐心。", "吕思涵"),
        ("清华大学教授欧阳明轩指出，模型仍有缺陷。", "欧阳明轩"),
        ("副总裁柯文远在会上发言。", "柯文远"),
        ("研究员李鸣，长期关注这一领域。", "李鸣"),
        ("总经理张强说，订单已经排满。", "张强"),
        ("对此，邵明哲对记者表示，还需观察。", "邵明哲"),
        ("会后，卢海川在接受采访时称，合作顺利。", "卢海川"),
        ("英国首相里希·苏纳克访问了北京。", "里希·苏纳克"),
        ("图灵奖得主杰弗里·辛顿离开了谷歌。", "杰弗里·辛顿"),
        ("和约书亚·本吉奥一样，他也签了名。", "约书亚·本吉奥"),
    ],
)
def test_chinese_and_transliterated_person_names(text, surface):
    assert found(text).get(surface) == "PERSON"


@pytest.mark.parametrize(
    ("text", "surface", "etype"),
    [
        ("中国光伏行业协会发布报告。", "中国光伏行业协会", "ORG"),
        ("，云岭创投合伙人章立言表示", "云岭创投", "ORG"),
        ("、澜星网络副总裁", "澜星网络", "ORG"),
        ("据《环球财经周刊》报道，", "环球财经周刊", "MEDIA"),
        ("《南岭日报》记者注意到", "南岭日报", "MEDIA"),
        ("微软和英伟达都在伦敦设有办公室。", "英伟达", "ORG"),
        ("微软和英伟达都在伦敦设有办公室。", "伦敦", "PLACE"),
        ("据彭博社消息，", "彭博社", "MEDIA"),
        ("据财联社报道，", "财联社", "MEDIA"),
        ("据新浪科技报道，", "新浪科技", "MEDIA"),
        ("大模型“星河”上线后，", "星河", "PRODUCT"),
        ("AI芯片初创公司墨芯科技完成融资。", "墨芯科技", "ORG"),
        ("本轮由红杉中国领投。", "红杉中国", "ORG"),
        ("蓝川智能(以下简称“蓝川”)发布了新模型。", "蓝川智能", "ORG"),
        ("苏州云帆网络科技有限公司成立于2015年。", "苏州云帆网络科技有限公司", "ORG"),
        ("Kimi智能助手的用户数增长迅速。", "Kimi", "PRODUCT"),
        ("国务院常务会议指出，", "国务院", "ORG"),
        ("B站UP主“老番茄”发布了视频。", "老番茄", "PERSON"),
        ("公众号“山海观察”发文称，", "山海观察", "MEDIA"),
        ("腾讯混元大模型负责人介绍了进展。", "混元", "PRODUCT"),
        ("字节跳动豆包大模型用户破亿。", "豆包", "PRODUCT"),
    ],
)
def test_organisations_media_places_and_quoted_products(text, surface, etype):
    assert found(text).get(surface) == etype


@pytest.mark.parametrize(
    "text",
    [
        "公司CEO表示，将于2024年3月发布。",
        "这家AI初创公司的估值达到40亿美元。",
        "他说明年市场会更好。",
        "大家都认为GPU短缺会持续。",
        "高管们表示理解。",
        "普通用户只需一台电脑。",
        "去中心化人工智能(Decentralized AI)的设想很美好。",
        "根据《数据安全法》规定，企业需要备案。",
        "他读完了《三体》。",
        "科技公司纷纷表示支持。",
        "董事长高度重视此事。",
        "总裁于是决定离开。",
        "员工都在加班。",
        "成本降低了30%，收入增长到1.5亿元。",
        "从1.5到2.1到XL版本，模型越来越大。",
        "UP主和C端用户都很活跃。",
        "详情见 https://example.com/Report/Alpha 页面。",
        "核心团队成员集体辞职。",
        "公司创始人兼CEO发表讲话。",
        "堪称人工智能领域的标杆。",
        "要大力发展人工智能产业。",
        "据知情人士消息称，交易已经完成。",
        "据外媒报道，交易已经完成。",
        "这个模型“很聪明”。",
        "张先生和李女士都认为价格太高了。",
        "这家公司的市场份额已经超过三成。",
    ],
)
def test_no_entity_in_common_words_numbers_dates_and_concepts(text):
    assert found(text) == {}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("美国AI独角兽很受伤。", "美国"),
        ("英国人工智能初创公司正在寻找买家。", "英国"),
        ("德国大学研究者打造了这个模型。", "德国"),
        ("堪称北美AI创投圈的最大黑马。", "北美"),
    ],
)
def test_only_the_place_in_a_descriptive_phrase(text, place):
    assert found(text) == {place: "PLACE"}


@pytest.mark.parametrize("text", ["微软开源模型很强。", "谷歌多模态大模型很强。", "华为自研芯片量产。"])
def test_descriptions_after_a_company_are_no_product(text):
    assert {t for t in found(text).values()} == {"ORG"}


def test_title_words_split_a_latin_run():
    assert found("Lumenark AI CEO Ivo Brandt表示") == {"Lumenark AI": "ORG", "Ivo Brandt": "PERSON"}


def test_conjunction_splits_a_latin_run_but_of_does_not():
    result = found("初创公司Quorvex Labs and Zentrova Labs合并，Bank of Avalon提供贷款。")
    assert {"Quorvex Labs", "Zentrova Labs", "Bank of Avalon"} <= set(result)


def test_lowercase_words_at_the_edges_are_not_part_of_a_name():
    assert "Zentrova" in found("据悉 the Zentrova said，初创公司的融资完成。")


def test_longest_name_wins_over_a_place_inside_it():
    result = found("《中国星报》记者注意到，")
    assert result == {"中国星报": "MEDIA"}


def test_abbreviation_defined_in_text_links_every_later_use():
    text = "Nova Render(以下简称“NR”)是一款开源模型。NR的用户很多，NR还在更新。"
    short = [c for c in extract_document("d", text) if c.surface == "NR"]
    assert len(short) == 3
    assert {(c.link, c.link_scope) for c in short} == {("Nova Render", "doc")}


@pytest.mark.parametrize("definition", ["（下文称 NR）", "(简称NR)", '（以下简称"NR"）'])
def test_abbreviation_definition_variants(definition):
    text = f"图像模型Nova Render{definition}开源后，NR迅速走红。"
    assert {c.link for c in extract_document("d", text) if c.surface == "NR"} == {"Nova Render"}


def test_bare_acronym_in_brackets_after_a_name_is_its_abbreviation():
    text = "云岭大学人工智能研究院(ICRI)发布的报告显示，ICRI的预测偏乐观。"
    short = [c for c in extract_document("d", text) if c.surface == "ICRI"]
    assert len(short) == 2 and {c.link for c in short} == {"云岭大学人工智能研究院"}


def test_bare_acronym_after_a_concept_is_nothing():
    assert found("国内生产总值(GDP)增长了5%。") == {}


def test_translation_in_brackets_links_both_scripts():
    text = "创始人Lars Ekdahl(拉尔斯·埃克达尔)宣布辞职。"
    [chinese] = [c for c in extract_document("d", text) if c.surface == "拉尔斯·埃克达尔"]
    assert (chinese.link, chinese.link_scope, chinese.type) == ("Lars Ekdahl", "corpus", "PERSON")


def test_surname_after_full_name_links_to_it():
    text = "创始人拉尔斯·埃克达尔宣布辞职。埃克达尔表示，他会留在董事会。首席执行官Lars Ekdahl说，Ekdahl不会离开。"
    parts = {c.surface: c.link for c in extract_document("d", text) if c.rule == "name_part"}
    assert parts == {"埃克达尔": "拉尔斯·埃克达尔", "Ekdahl": "Lars Ekdahl"}


def test_short_form_of_an_organisation_links_to_it():
    text = "Quorvex Labs宣布融资。投资人看好Quorvex的前景。"
    [short] = [c for c in extract_document("d", text) if c.surface == "Quorvex"]
    assert (short.link, short.type) == ("Quorvex Labs", "ORG")


def test_former_name_in_brackets():
    cands = extract_document("d", "他在X(原推特)平台上说，自己已经离职。")
    [new] = [c for c in cands if c.surface == "X"]
    [old] = [c for c in cands if c.surface == "推特"]
    assert new.type == "ORG" and old.link == "X" and old.link_scope == "corpus"


def test_a_name_found_once_is_found_everywhere_in_the_document():
    text = "，云岭创投合伙人章立言表示，看好赛道。云岭创投去年投资了三家公司。"
    assert [c.rule for c in extract_document("d", text) if c.surface == "云岭创投"] == ["title_org", "repeat"]


def test_latin_heavy_lines_only_give_lexicon_names():
    text = "新闻正文提到了微软。\nBitcoin Rally Continues As Traders Eye Fresh Records While Google Shares Slip Lower"
    assert found(text) == {"微软": "ORG", "Google": "ORG"}


def test_lexicon_name_must_not_continue_a_latin_word():
    assert "B站" not in found("ABB站在技术前沿。")


def test_batch_keeps_documents_apart_and_sorted():
    cands = extract_mentions([("a", "微软表示。"), ("b", "据彭博社报道，谷歌也在行动。")])
    assert [(c.doc_id, c.surface) for c in cands] == [("a", "微软"), ("b", "彭博社"), ("b", "谷歌")]


@pytest.mark.parametrize(("a", "b"), [("Open AI", "OpenAI"), ("比尔·盖茨", "比尔盖茨"), ("ＧｉｔＨｕｂ", "github")])
def test_name_key_ignores_case_width_and_separators(a, b):
    assert name_key(a) == name_key(b)


FRAGMENTS = [
    "微软",
    "Stability AI",
    "首席执行官",
    "Emad Mostaque",
    "(以下简称“SD”)",
    "表示",
    "，",
    "。",
    "\n",
    "2024年",
    "《福布斯》",
    "报道",
    "埃马德·莫斯塔克",
    "莫斯塔克",
    "公司",
    "协会",
    "副总裁",
    "庄明浩",
    "SD",
    "(",
    ")",
    " ",
    "模型",
    "Mid journey",
    "的",
    "研究院",
    "国研新",
    "X(原推特)",
    "https://a.b/C D",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_offsets_always_cut_the_surface_and_never_overlap(parts):
    body = "".join(parts)
    cands = extract_document("d", body)
    assert all(body[c.start : c.end] == c.surface and c.surface for c in cands)
    spans = sorted((c.start, c.end) for c in cands)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
