"""The figure-to-entity link: which mention a figure is about, in one pass over a document."""

import time

import pytest

from zhnews.figures import rules
from zhnews.linking import LinkRules, Mention, Place, link_figures

RULES = LinkRules.from_words(rules().words)


def place(body: str, surface: str, sentence_start: int = 0, clause_start: int | None = None) -> Place:
    start = body.index(surface)
    return Place(start, start + len(surface), sentence_start, start if clause_start is None else clause_start)


def mention(body: str, surface: str, entity_id: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(surface, start + 1)
    return Mention(entity_id, start, start + len(surface))


def test_the_described_mention_after_de_wins_over_the_subject():
    body = "红杉资本领投了估值40亿美元的Inflection AI。"
    fig = place(body, "40亿美元", clause_start=0)
    found = link_figures(body, [fig], [mention(body, "红杉资本", "seq"), mention(body, "Inflection AI", "inf")], RULES)
    assert found == ["inf"]


def test_a_mention_beyond_a_clause_delimiter_is_not_described():
    body = "估值40亿美元的，Inflection AI公司。"
    assert link_figures(body, [place(body, "40亿美元")], [mention(body, "Inflection AI", "inf")], RULES) == [None]


def test_the_clause_subject_before_the_figure_wins_over_the_sentence_subject():
    body = "微软表示，OpenAI营收达到13亿美元。"
    fig = place(body, "13亿美元", clause_start=body.index("OpenAI"))
    found = link_figures(body, [fig], [mention(body, "微软", "ms"), mention(body, "OpenAI", "oai")], RULES)
    assert found == ["oai"]


def test_else_the_first_mention_of_the_sentence():
    body = "微软表示，营收达到13亿美元。"
    fig = place(body, "13亿美元", clause_start=body.index("营收"))
    assert link_figures(body, [fig], [mention(body, "微软", "ms")], RULES) == ["ms"]


def test_sources_and_enumerations_are_not_subjects():
    body = "据艾瑞咨询数据，微软、英伟达和3位富豪投入13亿美元。"
    mentions = [mention(body, "艾瑞咨询", "src"), mention(body, "微软", "ms"), mention(body, "英伟达", "nv")]
    fig = place(body, "13亿美元", clause_start=body.index("微软"))
    assert link_figures(body, [fig], mentions, RULES) == [None]


def test_mentions_before_the_sentence_or_after_the_figure_are_ignored():
    body = "微软很大。营收达到13亿美元，谷歌也是。"
    fig = place(body, "13亿美元", sentence_start=body.index("营收"), clause_start=body.index("营收"))
    assert link_figures(body, [fig], [mention(body, "微软", "ms"), mention(body, "谷歌", "gg")], RULES) == [None]


def test_unknown_sentence_bounds_link_only_a_described_mention():
    body = "营收13亿美元的谷歌。"
    start = body.index("13亿美元")
    fig = Place(start, start + len("13亿美元"), None, None)
    assert link_figures(body, [fig], [mention(body, "谷歌", "gg")], RULES) == ["gg"]


def test_cost_is_linear_in_the_length_of_one_document():
    sentence = "腾讯公司创始人马化腾表示，公司去年营收达到5000亿元，同比增长12%。"

    def seconds(copies: int) -> float:
        body = sentence * copies
        figs, mentions = [], []
        for i in range(copies):
            base = i * len(sentence)
            money = sentence.index("5000亿元")
            figs.append(Place(base + money, base + money + len("5000亿元"), base, base + sentence.index("公司去年")))
            mentions.append(Mention("tencent", base, base + 4))
        start = time.perf_counter()
        assert link_figures(body, figs, mentions, RULES) == ["tencent"] * copies
        return time.perf_counter() - start

    small, large = min(seconds(2_000) for _ in range(3)), min(seconds(32_000) for _ in range(3))
    assert large < 16 * small * 3  # 16 times the text: about 16 times the time, not 256


def look_back(body: str, surface: str, back_to: str) -> Place:
    """A figure whose sentence (from the last 。 before it) refers back as far as the sentence starting `back_to`."""
    start = body.index(surface)
    sentence_start = body.rfind("。", 0, start) + 1
    return Place(start, start + len(surface), sentence_start, sentence_start, body.index(back_to))


@pytest.mark.parametrize(
    ("body", "back_to", "expected"),
    [
        ("星河科技成立于2015年。该公司估值达到20亿元。", "星河", "星河科技"),  # the sentence before
        ("北辰集团发布财报。星河科技随后宣布扩张。该公司估值达到20亿元。", "北辰", "星河科技"),  # the nearest wins
        ("曾经风光的星河科技陷入困境。巅峰时20亿元的估值，如今无人问津。", "曾经", "星河科技"),  # subject left out
        ("星河科技成立于2015年。北辰集团估值达到20亿元。", "星河", "北辰集团"),  # its own subject first
    ],
)
def test_a_look_back_takes_the_nearest_organisation_subject(body, back_to, expected):
    names = [name for name in ("星河科技", "北辰集团") if name in body]
    found = link_figures(body, [look_back(body, "20亿元", back_to)], [mention(body, n, n) for n in names], RULES)
    assert found == [expected]


def test_a_person_is_not_what_a_company_anaphor_refers_to():
    body = "星河科技发布新品。首席执行官王明表示满意。该公司估值达到20亿元。"
    mentions = [mention(body, "星河科技", "xh"), Mention("wm", body.index("王明"), body.index("王明") + 2, "PERSON")]
    assert link_figures(body, [look_back(body, "20亿元", "星河")], mentions, RULES) == ["xh"]


def test_an_investor_or_lender_is_not_the_antecedent():
    for body, other in [
        ("去年获红杉资本投资的星河科技扩张迅速。该公司估值达到20亿元。", "红杉资本"),
        ("上月从北辰银行借款后，星河科技扩张迅速。该公司随后融资3亿元。", "北辰银行"),
        ("本轮由北辰资本领投，星河科技将扩招。该公司估值20亿元。", "北辰资本"),
    ]:
        surface = "3亿元" if "3亿元" in body else "20亿元"
        mentions = [mention(body, other, "other"), mention(body, "星河科技", "xh")]
        assert link_figures(body, [look_back(body, surface, body[0])], mentions, RULES) == ["xh"], body


def test_beyond_the_look_back_the_company_the_text_is_about_so_far():
    body = "星河科技大。星河科技强。星河科技新。北辰集团诉它。天冷。都在谈。该公司估值20亿元。北辰集团北辰集团"
    mentions = [mention(body, "星河科技", "xh", i) for i in range(3)]
    mentions += [mention(body, "北辰集团", "bc", i) for i in range(3)]  # the two after the figure do not count
    assert link_figures(body, [look_back(body, "20亿元", "天冷")], mentions, RULES) == ["xh"]


def test_an_organisation_named_once_or_twice_is_no_topic():
    body = "星河科技很大。星河科技很强。天气很冷。大家都在谈。该公司估值20亿元。"
    mentions = [mention(body, "星河科技", "xh", i) for i in range(2)]
    assert link_figures(body, [look_back(body, "20亿元", "天气")], mentions, RULES) == [None]


def test_only_a_sentence_that_refers_back_takes_the_topic():
    body = "星河科技很大。星河科技很强。星河科技很新。天气很冷。大家都在谈。估值20亿元。"
    mentions = [mention(body, "星河科技", "xh", i) for i in range(3)]
    assert link_figures(body, [look_back(body, "20亿元", "天气")], mentions, RULES) == [None]


def test_the_first_organisation_to_lead_keeps_the_topic_on_a_tie():
    body = "北辰集团。北辰集团。北辰集团。星河科技。星河科技。星河科技。大家都在谈。该公司估值20亿元。"
    mentions = [mention(body, name, eid, i) for name, eid in [("北辰集团", "bc"), ("星河科技", "xh")] for i in range(3)]
    assert link_figures(body, [look_back(body, "20亿元", "大家")], mentions, RULES) == ["bc"]


def test_without_a_look_back_nothing_before_the_sentence_is_taken():
    body = "星河科技成立于2015年。估值达到20亿元。"
    start = body.index("20亿元")
    fig = Place(start, start + 5, body.index("估值"), body.index("估值"))
    assert link_figures(body, [fig], [mention(body, "星河科技", "xh")], RULES) == [None]


def test_the_look_back_costs_time_linear_in_the_document():
    paragraph = "星河科技发布新品。首席执行官表示满意。天气很冷。该公司估值20亿元。"

    def seconds(copies: int) -> float:
        body = paragraph * copies
        figs, mentions = [], []
        for i in range(copies):
            base = i * len(paragraph)
            money, anaphor, back = paragraph.index("20亿元"), paragraph.index("该公司"), paragraph.index("首席")
            figs.append(Place(base + money, base + money + 5, base + anaphor, base + anaphor, base + back))
            mentions.append(Mention("xh", base, base + 4))
        start = time.perf_counter()
        assert link_figures(body, figs, mentions, RULES)[2:] == ["xh"] * (copies - 2)  # the topic from its third
        return time.perf_counter() - start

    small, large = min(seconds(1_000) for _ in range(3)), min(seconds(16_000) for _ in range(3))
    assert large < 16 * small * 3  # 16 times the text: about 16 times the time


def test_a_new_topic_marker_makes_the_mention_after_it_the_antecedent():
    body = "不只是星河科技，另一个独角兽北辰集团也被收购。这家企业曾拿下15亿美元融资。"
    mentions = [mention(body, "星河科技", "xh"), mention(body, "北辰集团", "bc")]
    assert link_figures(body, [look_back(body, "15亿美元", "不只是")], mentions, RULES) == ["bc"]


@pytest.mark.parametrize("marker", ["另一家", "又一家", "另一个", "另外一家"])
def test_a_new_topic_marker_in_the_sentence_names_its_subject(marker):
    body = f"星河科技发布新品，{marker}初创公司北辰集团，也宣布获得3亿元融资。"
    fig = place(body, "3亿元", clause_start=body.index("也宣布"))
    mentions = [mention(body, "星河科技", "xh"), mention(body, "北辰集团", "bc")]
    assert link_figures(body, [fig], mentions, RULES) == ["bc"]


def test_a_new_subject_left_unnamed_takes_no_earlier_company():
    body = "星河科技发布新品。另一家初创公司也拿下了3亿元融资。"
    assert link_figures(body, [look_back(body, "3亿元", "星河")], [mention(body, "星河科技", "xh")], RULES) == [None]


def test_an_antecedent_sentence_opening_an_unnamed_new_subject_stops_the_look_back_and_the_topic():
    body = "星河科技很大。星河科技很强。星河科技很新。另一家公司也来了。该公司估值20亿元。"
    mentions = [mention(body, "星河科技", "xh", i) for i in range(3)]
    assert link_figures(body, [look_back(body, "20亿元", "星河科技很新")], mentions, RULES) == [None]


def test_another_inside_a_clause_is_an_aspect_of_its_subject_not_a_new_one():
    body = "星河科技的另一个优势是，估值达20亿元。"
    fig = place(body, "20亿元", clause_start=body.index("估值"))
    assert link_figures(body, [fig], [mention(body, "星河科技", "xh")], RULES) == ["xh"]
