"""zhnews.dedupe: variants of one article cluster, different articles and template reports stay apart."""

import random
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from zhnews import dedupe
from zhnews.clean import clean_batch
from zhnews.dedupe import DedupeRules, DuplicateRow
from zhnews.records import RawDocument

ARTICLE = """\
记者从多方获悉，国内一家动力电池企业计划在西南地区新建一座大型生产基地，总投资约120亿元，规划年产能达到40吉瓦时。
据知情人士透露，该项目已经完成前期选址，预计将于明年第二季度开工建设，首期工程有望在两年内投产。
公司方面在接受采访时表示，新基地主要面向储能市场，同时也会为部分新能源车企提供配套电池。
过去三年，国内储能装机规模快速增长，行业内多家企业纷纷加码扩产，市场竞争日趋激烈。
根据行业协会发布的数据，今年前十个月，全国新型储能新增装机规模同比增长超过60%，累计装机突破30吉瓦。
分析人士认为，储能需求的爆发为电池企业打开了新的增长空间，但产能过剩的隐忧也随之而来。
一位不愿具名的券商研究员对记者说，目前电芯价格已较去年高点下降近一半，部分二三线厂商的毛利率被压缩到个位数。
在这样的背景下，头部企业选择逆势扩张，一方面是为了巩固规模优势，另一方面也是看好海外市场的长期需求。
事实上，该公司今年以来已经与欧洲和中东的多家能源企业签署了供货协议，海外订单占比提升至三成左右。
公司财报显示，今年前三季度实现营业收入856亿元，同比增长18%，归属于上市公司股东的净利润为72亿元。
不过，公司也在财报中提示，原材料价格波动和国际贸易环境变化可能对经营业绩造成影响。
对于新基地的选址，当地政府相关负责人表示，将在土地、能源和人才引进等方面给予全方位支持。
该负责人介绍，当地水电资源丰富，工业用电价格相对较低，这对于高耗能的电池制造环节具有明显吸引力。
此外，当地还规划建设配套的正负极材料和电解液项目，力争形成完整的新能源产业链条。
业内人士指出，近年来西南地区凭借清洁能源和成本优势，正在成为电池企业布局的热门区域。
公开资料显示，已有至少五家电池企业在该区域落地生产基地，合计规划产能超过200吉瓦时。
对于行业未来走势，多位受访者表示，储能市场仍处于成长初期，长期需求空间广阔，但短期价格竞争难以避免。
一位行业资深人士建议，企业应当加大研发投入，通过技术创新提升产品安全性和循环寿命，而不是单纯依靠价格取胜。
截至发稿时，公司股价报收于每股186元，当日上涨2.4%，总市值约为4300亿元。
记者将持续关注该项目的后续进展。"""

SAME_EVENT = """\
西南地区再迎重磅新能源项目。一家头部电池厂商日前宣布，将在当地投资建设储能电池生产基地。
与以往主要服务汽车客户不同，这一次企业把目光投向了正在快速扩张的储能市场。
当地一位招商部门人士向本报介绍，项目谈判历时近一年，双方在电价和配套用地方面达成了一致。
“我们看中的是这里稳定而便宜的绿电。”企业一位高管在签约仪式后对记者说，电池生产是耗电大户，电价每降低一分钱，成本就能明显下降。
记者在现场看到，项目所在的产业园区内已有多家材料企业入驻，道路和厂房建设正在紧张进行。
不过也有专家提醒，储能行业正处在价格战之中，新增产能能否被市场消化，仍存在不确定性。
一位长期跟踪新能源行业的分析师表示，海外储能需求旺盛，是国内企业继续扩产的重要底气。
该分析师同时提醒投资者关注原材料价格和汇率变动带来的风险。
园区管委会表示，将为项目提供全流程服务，确保项目早日建成投产，带动当地就业和税收增长。"""

BOILERPLATE_HEAD = "本文来源：某某财经网\n责任编辑：王小明\n"
BOILERPLATE_TAIL = (
    "\n免责声明：本文仅代表作者个人观点，不代表本站立场。"
    "\n关注我们的公众号，获取更多资讯。\n版权所有，未经授权不得转载。"
)

TO_TRADITIONAL = OpenCC("s2twp")  # Taiwan characters and vocabulary (项目 -> 專案)
TO_HONG_KONG = OpenCC("s2hk")
TO_SIMPLIFIED = OpenCC("t2s")
HALF_WIDTH = str.maketrans("，。：；！？（）“”", ',.:;!?()""')


def sentences(text: str) -> list[str]:
    return [s + "。" for line in text.split("\n") for s in line.split("。") if s]


def traditional_capture(text: str) -> str:
    """A Taiwanese copy as cleaning hands it back: Simplified script again, Taiwan vocabulary kept."""
    return TO_SIMPLIFIED.convert(TO_TRADITIONAL.convert(text))


def half_width(text: str) -> str:
    return text.translate(HALF_WIDTH)


def markdown_clip(text: str) -> str:
    paragraphs = text.split("\n")
    paragraphs[0] = f"**{paragraphs[0]}**"
    paragraphs.insert(3, "## 储能需求")
    paragraphs[6] = f"> {paragraphs[6]}"
    return "# 电池企业新建基地\n\n" + "\n\n".join(paragraphs)


def truncated(text: str, share: float = 0.6) -> str:
    return text[: int(len(text) * share)]


def edited(text: str, share: float = 0.1, seed: int = 7) -> str:
    """Rewrite `share` of the sentences: words swapped, a clause added (figures left alone)."""
    lines = [sentences(line) for line in text.split("\n")]
    where = [(i, j) for i, line in enumerate(lines) for j in range(len(line))]
    for i, j in random.Random(seed).sample(where, max(1, round(len(where) * share))):
        lines[i][j] = lines[i][j].replace("表示", "称").replace("公司", "该企业").rstrip("。") + "，引发业内关注。"
    return "\n".join("".join(line) for line in lines)


def with_boilerplate(text: str) -> str:
    return BOILERPLATE_HEAD + text + BOILERPLATE_TAIL


def clusters(docs: dict[str, str], rules: DedupeRules | None = None) -> dict[str, DuplicateRow]:
    return {row.doc_id: row for row in dedupe.dedupe(list(docs.items()), rules)}


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t,
        traditional_capture,
        half_width,
        markdown_clip,
        truncated,
        edited,
        with_boilerplate,
        lambda t: with_boilerplate(truncated(half_width(t), 0.7)),
        lambda t: markdown_clip(edited(traditional_capture(t))),
        lambda t: t.replace("\n", "\n\n").replace("。", "。 "),
    ],
    ids=[
        "exact", "traditional", "half-width", "markdown", "truncated-60%", "edited-10%", "boilerplate",
        "boilerplate+truncated+half-width", "markdown+edited+traditional", "white-space",
    ],
)  # fmt: skip
def test_a_capture_of_the_article_joins_its_cluster(variant):
    rows = clusters({"a-original": ARTICLE, "b-copy": variant(ARTICLE), "c-other": SAME_EVENT})
    assert rows["b-copy"].cluster_id == rows["a-original"].cluster_id
    assert rows["c-other"].cluster_id == "c-other"


def test_all_captures_together_form_one_cluster_with_one_canonical():
    variants = [traditional_capture, half_width, markdown_clip, truncated, edited, with_boilerplate]
    docs = {f"copy-{i}": v(ARTICLE) for i, v in enumerate(variants)}
    rows = clusters({**docs, "other": SAME_EVENT})
    assert {rows[d].cluster_id for d in docs} == {"copy-0"}
    longest = max(docs, key=lambda d: len(docs[d]))
    assert [d for d in docs if rows[d].is_canonical] == [longest]
    assert rows["other"].cluster_id == "other" and rows["other"].is_canonical


def test_two_articles_on_the_same_event_stay_apart():
    rows = clusters({"a": ARTICLE, "b": SAME_EVENT})
    assert rows["a"].cluster_id != rows["b"].cluster_id


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("某公司股价今日上涨3%，成交额12亿元。", "某公司股价今日上涨5%，成交额12亿元。"),
        ("某公司股价今日上涨3%，成交额12亿元。", "某公司股价今日上涨3%，成交额15亿元。"),
        (
            "沪深两市今日收盘，上证指数报3052.12点，上涨0.45%；深证成指报9811.35点，上涨0.62%；两市成交额合计8123亿元。",
            "沪深两市今日收盘，上证指数报3061.88点，上涨0.32%；深证成指报9790.02点，下跌0.21%；两市成交额合计7654亿元。",
        ),
        ("截至今日收盘，某银行股价报5.12元，上涨1.2%。", "截至今日收盘，某银行股价报6.12元，上涨2.2%。"),
        (
            "今日全市新增病例12例，其中境外输入3例，累计治愈出院1024例，目前在院治疗56例。",
            "今日全市新增病例15例，其中境外输入2例，累计治愈出院1036例，目前在院治疗49例。",
        ),
    ],
)
def test_template_reports_that_differ_only_in_figures_are_different_articles(first, second):
    rows = clusters({"a": first, "b": second})
    assert rows["a"].cluster_id != rows["b"].cluster_id


BRIEF = (
    "{day}日收盘，某科技公司股价上涨{change}%，报{price}元，成交额{volume}亿元。公司今年以来持续加大研发投入，"
    "主营业务保持稳定增长，市场人士认为其基本面较为稳健，短期股价波动主要受大盘情绪和板块轮动影响，"
    "投资者仍需关注行业政策变化和公司后续公告。"
)


@pytest.mark.parametrize(
    "figures",
    [
        {"change": "5"},
        {"price": "45.10"},
        {"change": "2.9", "volume": "13"},
        {"day": "12", "change": "0.8", "price": "44.02", "volume": "9"},
    ],
)
def test_long_template_briefs_with_other_figures_are_different_articles(figures):
    base = {"day": "11", "change": "3", "price": "45.18", "volume": "12"}
    first, second = BRIEF.format(**base), BRIEF.format(**{**base, **figures})
    assert dedupe.compare(dedupe.signatures([("a", first), ("b", second)], dedupe.load_rules()), [0], [1])[0] > 0.6
    rows = clusters({"a": first, "b": second})
    assert rows["a"].cluster_id != rows["b"].cluster_id


def test_the_same_template_report_captured_twice_is_one_article():
    brief = "沪深两市今日收盘，上证指数报3052.12点，上涨0.45%；深证成指报9811.35点，上涨0.62%；两市成交额合计8123亿元。"
    rows = clusters({"a": brief, "b": half_width(traditional_capture(brief))})
    assert rows["a"].cluster_id == rows["b"].cluster_id


def cleaned(text: str, doc_id: str = "d") -> str:
    """The body the cleaning stage makes of a decoded file (Traditional script comes back Simplified)."""
    return clean_batch([RawDocument(doc_id, f"{doc_id}.txt", doc_id, "txt", "utf-8", text)])[0].body


@pytest.mark.parametrize("share", [0.4, 0.45, 0.5])
@pytest.mark.parametrize(
    ("original", "copy"),
    [
        (lambda t: t, truncated),
        (TO_HONG_KONG.convert, truncated),  # a Simplified repost of a Hong Kong report, cut short
        (lambda t: t, lambda t, share: TO_HONG_KONG.convert(truncated(t, share))),
        (TO_TRADITIONAL.convert, lambda t, share: with_boilerplate(half_width(truncated(t, share)))),
        (lambda t: t, lambda t, share: markdown_clip(truncated(t, share))),
    ],
    ids=["simplified", "hk-original", "hk-copy", "tw-original+boilerplate+half-width", "markdown"],
)
def test_a_copy_cut_to_under_half_of_the_article_joins_its_cluster(original, copy, share):
    docs = {"a-original": original(ARTICLE), "b-copy": copy(ARTICLE, share), "c-other": SAME_EVENT}
    rows = clusters({doc_id: cleaned(text, doc_id) for doc_id, text in docs.items()})
    assert rows["b-copy"].cluster_id == rows["a-original"].cluster_id
    assert rows["a-original"].is_canonical and rows["b-copy"].containment >= 0.8
    assert rows["c-other"].cluster_id == "c-other"


def random_text(rng: random.Random, chars: int) -> str:
    """Chinese characters drawn at random: shingles of two such texts never meet by chance."""
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(chars))


@pytest.mark.parametrize("share", [0.4, 0.5])
def test_copies_cut_short_of_twenty_articles_all_join_their_originals(share):
    """Whole-text bands alone find a copy cut to 40% (Jaccard 0.4) about half of the time."""
    rng = random.Random(11)
    articles = [random_text(rng, rng.randint(400, 1500)) for _ in range(20)]
    docs = {f"{i:02d}-full": text for i, text in enumerate(articles)}
    docs.update({f"{i:02d}-part": truncated(text, share) for i, text in enumerate(articles)})
    rows = clusters(docs)
    assert all(rows[f"{i:02d}-part"].cluster_id == f"{i:02d}-full" for i in range(20))
    assert len({r.cluster_id for r in rows.values()}) == 20


def test_a_copy_keeping_the_beginning_shares_every_prefix_bucket():
    rules = dedupe.load_rules()
    sigs = dedupe.signatures([("full", ARTICLE), ("cut", truncated(ARTICLE, 0.4))], rules)
    buckets = dedupe.band_buckets(sigs, rules)
    assert buckets.shape == (2, rules.bands + rules.prefix_bands)
    assert np.array_equal(buckets[0, rules.bands :], buckets[1, rules.bands :])


def test_without_prefix_bands_only_the_whole_text_is_banded():
    rules = replace(dedupe.load_rules(), prefix_bands=0)
    sigs = dedupe.signatures([("a", ARTICLE)], rules)
    assert dedupe.band_buckets(sigs, rules).shape == (1, rules.bands)


def test_stored_signatures_carry_no_prefix_to_band():
    rules = dedupe.load_rules()
    sigs = dedupe.signatures([("a", ARTICLE)], rules)
    with pytest.raises(ValueError, match="prefix"):
        dedupe.band_buckets(dedupe.Signatures.concat([sigs], rules.num_perm), rules)


@pytest.mark.parametrize("lead_lines", [1, 3, 5])
def test_articles_opening_with_the_same_lines_then_going_on_differently_stay_apart(lead_lines):
    lead = "\n".join(ARTICLE.split("\n")[:lead_lines])
    rows = clusters({"a": ARTICLE, "b": lead + "\n" + SAME_EVENT})
    assert rows["a"].cluster_id != rows["b"].cluster_id


def brief(rng: random.Random) -> str:
    return BRIEF.format(
        day=rng.randint(1, 28),
        change=f"{rng.uniform(0.1, 9.9):.2f}",
        price=f"{rng.uniform(3, 300):.2f}",
        volume=f"{rng.uniform(1, 90):.1f}",
    )


def test_many_template_briefs_sharing_their_opening_stay_apart():
    rng = random.Random(3)
    docs = {f"brief-{i:02d}": brief(rng) for i in range(40)}
    docs.update({f"half-{i:02d}": truncated(brief(rng), 0.5) for i in range(10)})
    rows = clusters(docs)
    assert len({r.cluster_id for r in rows.values()}) == len(docs)


@pytest.mark.parametrize("share", [0.45, 0.6])
def test_a_brief_cut_short_joins_its_own_report_not_the_other_briefs(share):
    rng = random.Random(5)
    docs = {f"brief-{i:02d}": brief(rng) for i in range(20)}
    rows = clusters({**docs, "copy": truncated(half_width(docs["brief-07"]), share)})
    assert rows["copy"].cluster_id == "brief-07"
    assert sum(r.cluster_id == "brief-07" for r in rows.values()) == 2


def test_a_paragraph_quoted_inside_a_long_article_is_not_a_copy_of_it():
    quote = ARTICLE.split("\n")[4]
    rows = clusters({"long": ARTICLE, "quote": quote})
    assert rows["long"].cluster_id != rows["quote"].cluster_id


@pytest.mark.parametrize("body", ["", "。。。", "   \n  ", "——"])
def test_a_body_without_letters_or_digits_stands_alone(body):
    rows = clusters({"a": body, "b": body, "c": ARTICLE})
    assert {r.cluster_id for r in rows.values()} == {"a", "b", "c"}


def test_cluster_ids_and_canonicals_do_not_depend_on_input_order():
    docs = {"x1": ARTICLE, "x2": truncated(ARTICLE), "x3": with_boilerplate(ARTICLE), "y": SAME_EVENT}
    reversed_docs = dict(reversed(list(docs.items())))
    assert clusters(docs) == clusters(reversed_docs)


def test_canonical_is_the_longest_copy_and_ties_go_to_the_smallest_doc_id():
    rows = clusters({"b": ARTICLE, "a": ARTICLE, "c": truncated(ARTICLE)})
    assert {d: r.is_canonical for d, r in rows.items()} == {"a": True, "b": False, "c": False}
    assert {r.cluster_id for r in rows.values()} == {"a"}


def test_similarity_and_containment_are_against_the_canonical_copy():
    rows = clusters({"full": ARTICLE, "part": truncated(ARTICLE, 0.6)})
    assert (rows["full"].similarity, rows["full"].containment) == (1.0, 1.0)
    assert 0.45 <= rows["part"].similarity <= 0.75
    assert rows["part"].containment >= 0.9


def test_a_singleton_is_its_own_canonical_with_similarity_one():
    [row] = dedupe.dedupe([("only", ARTICLE)])
    assert row == DuplicateRow("only", "only", True, 1.0, 1.0)
    assert dedupe.dedupe([]) == []


# --- normalisation and figures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ａｂｃ，１２３。", "abc123"),
        ("ChatGPT 上线 2 个月", "chatgpt上线2个月"),
        ("**加粗** [链接](x)", "加粗链接x"),
        ("增长3.5%", "增长3.5"),
        ("增长3。5月", "增长35月"),
        ("版本v1.0.", "版本v1.0"),
        ("3,000 万", "3000万"),
        ("报(bào)道", "报bào道"),
    ],
)
def test_normalise_drops_width_case_punctuation_and_space_but_keeps_digits(text, expected):
    assert dedupe.normalise(text) == expected


def test_normalise_keeps_every_digit_as_it_is():
    assert dedupe.normalise("上涨3%") != dedupe.normalise("上涨5%")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上涨3成交12亿元", {"上涨|=3", "|成交=3", "成交|=12", "|亿元=12"}),
        ("于11月30日发布", {"于|=11", "|月#=11", "#月|=30", "|日发=30"}),
        ("于5月4日发布", {"于|=5", "|月#=5", "#月|=4", "|日发=4"}),  # numbers around count as one mark
        ("报5.12元", {"报|=512", "|元=512"}),  # the decimal point is not compared
        ("12月起增长35", set()),  # numbers at either end may have been cut by a truncation
        ("没有数字", set()),
    ],
)
def test_figure_keys_take_each_side_of_a_number(text, expected):
    assert set(dedupe.figure_keys(text, 2)) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("股价上涨3成交12亿元", "股价上涨5成交12亿元", 0.5),
        ("9月29日甲公司营收9.9亿元", "3月6日乙公司营收15.7亿元同比", 1.0),  # one side of each figure agrees
        ("股价上涨3成交12亿元", "股价上涨3成交12亿元", 0.0),
        ("股价上涨3", "营收增长9", 0.0),  # no shared context: nothing to disagree on
        ("1月增长2随后3月增长4", "1月增长4", 0.0),  # one of the values matches
        ("没有数字", "也没有", 0.0),
        ("全年增长3。5月起", "全年增长3.5月起", 0.0),  # a half-width sentence end is not a decimal point
        ("11月30日发布", "5月4日发布", 1.0),  # numbers of other lengths around stand in the same context
    ],
)
def test_figure_conflict_is_the_share_of_shared_contexts_with_other_numbers(a, b, expected):
    keys_a = dedupe.figure_keys(dedupe.normalise(a), 2)
    keys_b = dedupe.figure_keys(dedupe.normalise(b), 2)
    assert dedupe.figure_conflict(keys_a, keys_b) == pytest.approx(expected)


# --- shingles, MinHash, LSH ------------------------------------------------------------------


def test_shingle_hashes_are_distinct_per_text_and_short_texts_are_one_shingle():
    hashes, owner = dedupe.shingle_hashes(["abcabcabc", "ab", "", "abcdef"], 3)
    assert np.bincount(owner, minlength=4).tolist() == [3, 1, 0, 4]
    assert all(np.all(np.diff(hashes[owner == i].astype(np.int64)) > 0) for i in range(4))


def test_shingle_hashes_of_one_text_do_not_depend_on_its_neighbours():
    alone, _ = dedupe.shingle_hashes(["新能源电池"], 2)
    hashes, owner = dedupe.shingle_hashes(["储能", "新能源电池", "基地"], 2)
    assert hashes[owner == 1].tolist() == alone.tolist()


def exact_jaccard(a: str, b: str, k: int = 5) -> float:
    sa, sb = ({t[i : i + k] for i in range(len(t) - k + 1)} for t in (a, b))
    return len(sa & sb) / len(sa | sb)


@pytest.mark.parametrize("share", [0.3, 0.5, 0.7, 0.9])
def test_minhash_estimates_jaccard(share):
    text = dedupe.normalise(ARTICLE + SAME_EVENT)
    other = text[: int(len(text) * share)]
    sigs = dedupe.signatures([("a", text), ("b", other)], dedupe.load_rules())
    jaccard, _, in_b = dedupe.compare(sigs, np.array([0]), np.array([1]))
    assert jaccard[0] == pytest.approx(exact_jaccard(text, other), abs=0.12)
    assert in_b[0] == pytest.approx(1.0, abs=0.15)


def test_exact_copies_get_identical_signatures():
    sigs = dedupe.signatures([("a", ARTICLE), ("b", half_width(ARTICLE)), ("c", SAME_EVENT)], dedupe.load_rules())
    assert sigs.body_hash[0] == sigs.body_hash[1] != sigs.body_hash[2]
    assert np.array_equal(sigs.minhash[0], sigs.minhash[1])
    assert sigs.n_shingles[0] == sigs.n_shingles[1]


def test_candidate_pairs_involve_a_new_document():
    new = np.array([[1, 2], [3, 4]], dtype=np.uint64)
    pairs = dedupe.candidate_pairs(["n1", "n2"], new, ["o1", "o2", "o3"], [2, 2, 4])
    assert pairs == {("n1", "o1"), ("n1", "o2"), ("n2", "o3")}  # o1-o2 share a bucket but are both old


def test_candidate_pairs_within_the_new_batch():
    new = np.array([[1, 2], [1, 5], [7, 2]], dtype=np.uint64)
    assert dedupe.candidate_pairs(["c", "a", "b"], new) == {("a", "c"), ("b", "c")}


def test_a_crowded_bucket_pairs_its_first_member_with_the_others():
    buckets = np.full((5, 1), 9, dtype=np.uint64)
    assert dedupe.candidate_pairs(list("abcde"), buckets, star_over=3) == {("a", x) for x in "bcde"}
    assert len(dedupe.candidate_pairs(list("abcde"), buckets, star_over=5)) == 10


def test_hundreds_of_exact_copies_form_one_cluster():
    rows = clusters({f"copy-{i:03d}": half_width(ARTICLE) if i % 2 else ARTICLE for i in range(300)})
    assert {r.cluster_id for r in rows.values()} == {"copy-000"}


def test_components_follow_chains_of_pairs():
    groups = dedupe.components(["a", "b", "c", "d", "e"], [("b", "c"), ("d", "c")])
    assert groups == [["a"], ["b", "c", "d"], ["e"]]


def test_rules_come_from_the_yaml_file():
    rules = dedupe.load_rules()
    assert rules.bands * rules.rows == rules.num_perm
    assert 0 < rules.jaccard_min < 1 and 0 < rules.containment_min <= 1


@pytest.mark.parametrize(
    "sizes",
    [{"num_perm": 128, "bands": 30, "rows": 4}, {"prefix_bands": -1}, {"prefix_rows": 0}],
)
def test_inconsistent_banding_is_refused(sizes):
    with pytest.raises(ValueError, match=r"bands|rows"):
        DedupeRules(**sizes)


def test_scheme_changes_with_the_rules():
    rules = dedupe.load_rules()
    assert dedupe.scheme(rules) == dedupe.scheme(DedupeRules(**vars(rules)))
    assert dedupe.scheme(rules) != dedupe.scheme(DedupeRules(**{**vars(rules), "jaccard_min": 0.9}))


def test_articles_sharing_half_their_sentences_stay_apart():
    pool = sentences(ARTICLE) + sentences(SAME_EVENT)
    docs = {f"d{i}": "".join(pool[3 * i : 3 * i + 6]) for i in range(len(pool) // 3 - 1)}
    rows = clusters(docs)
    assert len({r.cluster_id for r in rows.values()}) == len(docs)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.floats(0.3, 1.0), st.sampled_from(["", "。", "，注：本文有删节"])),
        min_size=1,
        max_size=12,
    )
)
def test_every_document_gets_one_row_and_every_cluster_one_canonical(spec):
    """Random captures (one of five articles, cut to a share, a tail added): the table's invariants hold."""
    pool = sentences(ARTICLE) + sentences(SAME_EVENT)
    articles = ["".join(pool[5 * k : 5 * k + 5]) for k in range(5)]
    docs = {f"d{i:02d}": truncated(articles[k], share) + tail for i, (k, share, tail) in enumerate(spec)}
    rows = dedupe.dedupe(list(docs.items()))
    assert sorted(r.doc_id for r in rows) == sorted(docs)
    members: dict[str, list[DuplicateRow]] = {}
    for row in rows:
        members.setdefault(row.cluster_id, []).append(row)
    for cluster, group in members.items():
        assert cluster == min(r.doc_id for r in group)
        [canonical] = [r for r in group if r.is_canonical]
        assert len(docs[canonical.doc_id]) == max(len(docs[r.doc_id]) for r in group)
        assert all(0.0 <= r.similarity <= 1.0 and 0.0 <= r.containment <= 1.0 for r in group)


CHARS = {"a": 1000, "b": 1003, "c": 1050, "d": 1200, "e": 400}


def test_in_one_pass_the_longest_member_is_canonical():
    assert dedupe.choose_canonical(["a", "b", "c"], CHARS, {}, 1.1) == "c"


def test_a_later_copy_a_few_characters_longer_does_not_take_the_canonical_role():
    seen = {"a": 1, "b": 2, "c": 3}
    assert dedupe.choose_canonical(["a", "b", "c"], CHARS, seen, 1.1) == "a"


def test_a_later_copy_substantially_more_complete_takes_the_canonical_role():
    assert dedupe.choose_canonical(["a", "d"], CHARS, {"a": 1, "d": 2}, 1.1) == "d"
    assert dedupe.choose_canonical(["e", "a"], CHARS, {"e": 1, "a": 2}, 1.1) == "a"  # the full text after a clip
    assert dedupe.choose_canonical(["a", "d"], CHARS, {"a": 1, "d": 2}, 1.25) == "a"


def test_the_cluster_id_is_the_earliest_seen_member_then_the_smallest_doc_id():
    assert dedupe.seen_order(["b", "a", "c"], {"c": 1, "a": 2, "b": 2}) == ["c", "a", "b"]
    assert dedupe.seen_order(["b", "a", "c"], {}) == ["a", "b", "c"]


def test_cluster_rows_keep_the_older_identity_when_a_copy_with_a_smaller_id_arrives():
    rules = dedupe.load_rules()
    sigs = dedupe.signatures([("zz-original", ARTICLE), ("aa-copy", ARTICLE + "记者将继续跟进。")], rules)
    seen = {"zz-original": 1, "aa-copy": 2}
    rows = {r.doc_id: r for r in dedupe.cluster_rows([["aa-copy", "zz-original"]], sigs, rules, seen)}
    assert {r.cluster_id for r in rows.values()} == {"zz-original"}
    assert rows["zz-original"].is_canonical and not rows["aa-copy"].is_canonical
    cold = {r.doc_id: r for r in dedupe.cluster_rows([["aa-copy", "zz-original"]], sigs, rules)}
    assert {r.cluster_id for r in cold.values()} == {"aa-copy"} and cold["aa-copy"].is_canonical
