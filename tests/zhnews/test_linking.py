"""The figure-to-entity link: which mention a figure is about, in one pass over a document."""

import time

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
