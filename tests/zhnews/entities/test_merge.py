"""zhnews.entities.merge: all sources together: types, no overlaps, offsets that cut the surface, batches."""

import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zhnews.entities import extract_document, extract_mentions


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
def test_organisations_media_places_and_quoted_products(text, surface, etype, found):
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
        "这家公司的市场份额已经超过三成。",
        "抛去创始人的丑闻不谈，产品还不错。",
        "均已赴任创始人办公室。",
    ],
)
def test_no_entity_in_common_words_numbers_dates_and_concepts(text, found):
    assert found(text) == {}


def test_batch_keeps_documents_apart_and_sorted():
    cands = extract_mentions([("a", "微软表示。"), ("b", "据彭博社报道，谷歌也在行动。")])
    assert [(c.doc_id, c.surface) for c in cands] == [("a", "微软"), ("b", "彭博社"), ("b", "谷歌")]


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
@example(["微软", "庄明浩", "庄明浩", "庄明浩", "(以下简称“SD”)"])  # a name built for a definition covers a known one
def test_offsets_always_cut_the_surface_and_never_overlap(parts):
    body = "".join(parts)
    cands = extract_document("d", body)
    assert all(body[c.start : c.end] == c.surface and c.surface for c in cands)
    spans = sorted((c.start, c.end) for c in cands)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


@pytest.mark.parametrize("text", ["据《证？日报》报道，交易完成。", "据《证\ufffd日报》报道，交易完成。"])
def test_a_name_with_a_character_lost_in_decoding_is_no_mention(text, found):
    assert not any("日报" in s for s in found(text))
