"""Tests for zhnews.metadata: bylines, datelines, outlet, url, title and dates."""

from datetime import date

import pytest

from zhnews.metadata import (
    article_url,
    date_in_url,
    dateline_names,
    extract,
    from_front_matter,
    is_place,
    is_title_line,
    names_in,
    parse_date,
    parse_labelled,
    parse_reporter,
    reads_as_metadata,
    split_page_title,
    without_company_suffix,
)


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("2023-03-08", date(2023, 3, 8), "day"),
        ("2024年3月21日 10:30", date(2024, 3, 21), "day"),
        ("2024/03", date(2024, 3, 1), "month"),
        ("2024年3月", date(2024, 3, 1), "month"),
        ("2019年", date(2019, 1, 1), "year"),
        ("2023-03-08T08:56:00", date(2023, 3, 8), "day"),
        ("4周前 (03-21)", None, None),
        ("2024-13-40", None, None),
    ],
)
def test_parse_date(text, when, precision):
    assert parse_date(text) == (when, precision)


@pytest.mark.parametrize(
    ("line", "authors", "editors", "sources"),
    [
        ("文|王一 王二", ["王一", "王二"], [], []),
        ("作者 | 张三编辑| 李四", ["张三"], ["李四"], []),
        ("编辑|王一", [], ["王一"], []),
        ("文章来源：某某科技", [], [], ["某某科技"]),
        ("作者：张三、李四 责任编辑：王五", ["张三", "李四"], ["王五"], []),
        ("文/Tom Lee", ["Tom Lee"], [], []),
        ("本文转载自：某某日报", [], [], ["某某日报"]),
        ("文／王一", ["王一"], [], []),  # full-width slash
        ("文∕记者 陈某某", ["陈某某"], [], []),  # division slash (Big5 A241 under cp950), role word dropped
        ("作者⁄张三", ["张三"], [], []),  # fraction slash
        ("记者：张三 实习生 李四", ["张三", "李四"], [], []),
    ],
)
def test_parse_labelled(line, authors, editors, sources):
    assert parse_labelled(line) == {"authors": authors, "editors": editors, "sources": sources}


@pytest.mark.parametrize(
    "line",
    [
        "本文作者认为，这家公司的前景依然光明。",  # 作者 not at the start: a sentence, not a byline
        "文化产业发展迅速",
        "John Smith|来源：某公司",  # a photo credit, not a byline
    ],
)
def test_parse_labelled_ignores_sentences(line):
    assert parse_labelled(line) is None


@pytest.mark.parametrize(
    ("line", "authors", "editors", "outlet"),
    [
        ("本报记者 张小明 北京报道", ["张小明"], [], None),
        ("记者 张三 李四 北京报道", ["张三", "李四"], [], None),
        ("本刊记者 王小明", ["王小明"], [], None),
        ("■本报记者 王小明", ["王小明"], [], None),
        ("某某新闻记者 张三", ["张三"], [], "某某新闻"),
        ("某某新闻记者 | 张三", ["张三"], [], "某某新闻"),
        ("记者 张三 实习生 李四 北京报道", ["张三", "李四"], [], None),
        ("某某报记者 张三 编辑 李四 校对 王五", ["张三"], ["李四", "王五"], "某某报"),
        ("某经记者 孙某某 某经编辑 陈某", ["孙某某"], ["陈某"], "某经"),
        ("某某新闻编辑 | 王某", [], ["王某"], "某某新闻"),
        ("某某社记者 林某某 台北5日电", ["林某某"], [], "某某社"),
        ("本报记者 张三 摄影记者 李四", ["张三"], [], None),
        ("本报记者张小明北京报道", ["张小明"], [], None),  # no spaces: a two-character place
        ("本报记者 张小明 上海浦东报道", ["张小明"], [], None),
        ("记者林某某/台北报导", ["林某某"], [], None),
        ("某某社记者林某某台北5日电", ["林某某"], [], "某某社"),
        ("本报记者张小明", ["张小明"], [], None),
    ],
)
def test_parse_reporter(line, authors, editors, outlet):
    assert parse_reporter(line) == {"authors": authors, "editors": editors, "outlet": outlet}


@pytest.mark.parametrize(
    "line",
    [
        "记者注意到，该公司的股价下跌。",
        "该报记者在采访中了解到，公司已经停产。",
        "基因编辑婴儿",  # an editor's role needs a space or separator after it
        "基因编辑技术取得突破",
        "本报摄影记者 李四",  # a photographer only
    ],
)
def test_parse_reporter_ignores_other_lines(line):
    assert parse_reporter(line) is None


def test_names_in_splits_on_separators():
    assert names_in("张三、李四，王五 Alice") == ["张三", "李四", "王五", "Alice"]


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("作者：钱某某", ["钱某某"]),  # a label left in the value (an HTML author meta)
        ("文/张三", ["张三"]),
        ("记者 陈某某", ["陈某某"]),
        ("记者陈某某", ["陈某某"]),  # a role written onto the name
        ("本报记者 王五 通讯员 赵六", ["王五", "赵六"]),
        ("张三／李四", ["张三", "李四"]),
        ("记者", []),
        ("编辑 摄影", []),
        ("文静", ["文静"]),  # a name starting with a label character stays whole
        ("作者", []),
        ("李红 摄影丨王刚", ["李红"]),  # a photographer is not an author
        ("张三丨李四", ["张三", "李四"]),  # 丨 is a CJK character, but separates here
    ],
)
def test_names_in_drops_labels_and_role_words(value, names):
    assert names_in(value) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("某某日报 2024年5月28日 财经新闻", ["某某日报", "财经新闻"]),  # outlet first, section after
        ("2024年05月15日 06:00 某某经济报道", ["某某经济报道"]),  # outlet after the time
        ("2024-05-28 10:02 某某财经", ["某某财经"]),
        ("财经新闻 2024年5月28日", ["财经新闻"]),
        ("2024年3月21日 星期四", []),  # a weekday is part of the date
        ("发布时间：2024年03月21日 10:30", []),
        ("2024年3月21日", []),
        ("某某公司发布2023年财报", None),  # a title with a year
        ("小米 2024年 年报", None),  # not a full date, not at the start
        ("2024年3月21日，公司宣布上市。", None),  # a sentence
        ("公司 2024年3月21日 发布了一份篇幅很长很长的年度业绩报告", None),  # a name too long
        ("甲方 乙方 丙方 丁方 2024年3月21日", None),  # too many names
        ("公司在2024年3月21日 宣布", None),  # the date is inside a word
    ],
)
def test_dateline_names(line, names):
    assert dateline_names(line) == names


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("创始人离职，团队集体出走……初创公司们“很受伤”", True),
        ("Some AI 创始人：大模型不应该只属于巨头", True),
        ("某公司的风波刚刚结束，另一家初创公司也传出管理层变动的消息。", False),
        ("本报记者 张小明 北京报道", False),
        ("文|王一 王二", False),
        ("2024年3月21日", False),
        ("某某公司发布2023年财报", True),
        ("Only English words here", False),
        ("某某 你为何讽刺你妈是汉奸？", True),  # a question headline
        ("她不是一个人在战斗！", True),
        ("动辄约谈，心存防范，信息公开还要迈过几道坎？！", True),
        ("你被骗了吗？快来看看！", True),  # two short sentences, no comma (sweep: 9 bulk headlines of this shape)
        ("你被骗了吗？那就赶快来看看我们为你准备好的这篇防骗指南吧！", False),  # a long second sentence
        ("这是为什么呢？", True),
        ("公司宣布上市；", False),
        ("原因如下：", False),
    ],
)
def test_is_title_line(line, is_title):
    assert is_title_line(line) is is_title


def test_from_front_matter():
    found = from_front_matter({"title": "標題", "outlet": "某某報", "date": "2023-03-08", "url": "https://x.cn/a"})
    assert (found.title, found.outlet, found.url) == ("标题", "某某报", "https://x.cn/a")
    assert (found.published_at, found.published_precision) == (date(2023, 3, 8), "day")


@pytest.mark.parametrize(
    ("author", "authors"), [("作者：钱某某", ["钱某某"]), ("记者 张三", ["张三"]), ("张三", ["张三"])]
)
def test_from_front_matter_author_with_a_label(author, authors):
    assert from_front_matter({"author": author}).authors == authors


@pytest.mark.parametrize(
    ("url", "when"),
    [
        ("https://finance.sina.com.cn/stock/2024-03-21/doc-abc.shtml", date(2024, 3, 21)),
        ("http://paper.people.com.cn/n1/2024/0321/c1004-4019.html", date(2024, 3, 21)),
        ("https://www.example.com/news/20240321/123.html", date(2024, 3, 21)),
        ("http://example.com/1095028.html", None),
        ("https://mp.weixin.qq.com/s?__biz=MTM&mid=20240321&idx=1", None),  # query, not path
    ],
)
def test_date_in_url(url, when):
    assert date_in_url(url)[0] == when


def test_extract_reporter_byline_and_self_named_outlet():
    lines = ["本报记者 张小明 北京报道", "正文第一段，讲了一些事情。", "《南方商报》记者注意到，公司发生了变化。"]
    found, drop, edits = extract(lines, {})
    assert found.authors == ["张小明"]
    assert found.outlet == "南方商报"
    assert found.title is None
    assert drop == {0: "byline"}
    assert edits == {}


def test_extract_outlet_citing_another_paper_is_not_the_outlet():
    lines = ["据《华尔街日报》记者报道，公司发生了变化。", "正文。"]
    assert extract(lines, {})[0].outlet is None


def test_extract_title_handle_line_and_promo_outlet():
    lines = ["初创公司们“很受伤”", "xy 3天前 (05-12)", "正文一句。", "正文两句。"]
    footer = [*lines, "最后，记得关注微信公众号：某某网（abc），每天都有新内容！"]
    found, drop, _ = extract(lines, {}, all_lines=footer)
    assert found.title == "初创公司们“很受伤”"
    assert found.authors == ["xy"]
    assert found.outlet == "某某网"
    assert found.published_at is None
    assert drop == {1: "byline"}


def test_extract_source_line_editor_and_reprint_url():
    lines = ["文章来源：某某科技", "文|王一 王二", "编辑|王一", "正文。", "转载请注明出处：http://example.com/1.html"]
    found, drop, _ = extract(lines, {})
    assert (found.outlet, found.authors, found.editors) == ("某某科技", ["王一", "王二"], ["王一"])
    assert found.url == "http://example.com/1.html"
    assert set(drop) == {0, 1, 2}


def test_extract_dateline_with_source():
    lines = ["一个短标题", "发布时间：2024年03月21日 10:30", "正文第一句。", "正文第二句。"]
    found, drop, _ = extract(lines, {})
    assert (found.published_at, found.published_precision) == (date(2024, 3, 21), "day")
    assert drop == {1: "dateline"}


def test_extract_does_not_take_a_dated_sentence_for_a_dateline():
    lines = ["2024年3月21日，公司宣布上市。", "正文。"]
    found, drop, _ = extract(lines, {})
    assert drop == {}
    assert found.published_at is None


def test_extract_agency_dateline_is_cut_from_the_first_paragraph():
    lines = ["新华社北京3月21日电（记者 张三、李四）中国人民银行21日宣布降准。", "正文。"]
    found, _, edits = extract(lines, {})
    assert found.outlet == "新华社"
    assert found.authors == ["张三", "李四"]
    assert edits == {0: "中国人民银行21日宣布降准。"}


def test_extract_taiwan_agency_dateline():
    lines = ["台积电首季营收创新高", "（中央社记者张三台北3日电）台积电今天公布第一季营收。", "正文。"]
    found, _, edits = extract(lines, {})
    assert (found.title, found.outlet, found.authors) == ("台积电首季营收创新高", "中央社", ["张三"])
    assert edits == {1: "台积电今天公布第一季营收。"}


def test_extract_outlet_first_dateline_and_slash_byline():
    lines = ["某公司首季盈利增长", "某某经济日报 2024年5月28日 财经新闻", "文/记者 陈某某", "正文一句。", "正文两句。"]
    found, drop, _ = extract(lines, {})
    assert (found.outlet, found.authors) == ("某某经济日报", ["陈某某"])
    assert (found.published_at, found.published_precision) == (date(2024, 5, 28), "day")
    assert drop == {1: "dateline", 2: "byline"}


def test_extract_outlet_after_the_date():
    lines = ["某公司发布季报", "2024年05月15日 06:00 某某经济报道", "本报记者 王某 北京报道", "正文。"]
    found, drop, _ = extract(lines, {})
    assert (found.outlet, found.authors) == ("某某经济报道", ["王某"])
    assert drop == {1: "dateline", 2: "byline"}


def test_extract_source_line_wins_over_an_agency_abbreviation():
    lines = ["某公司签署协议", "2024年06月03日 21:15 来源：某某新闻网", "某某社北京6月3日电 (记者 刘某)公司发布公告。"]
    found, drop, edits = extract(lines, {})
    assert (found.outlet, found.authors) == ("某某新闻网", ["刘某"])
    assert drop == {1: "byline"}
    assert edits == {2: "公司发布公告。"}


def test_extract_reporter_outlet_wins_over_a_name_beside_the_date():
    lines = ["某公司发布季报", "2024年3月21日 北京", "某某日报记者 张三", "正文。"]
    assert extract(lines, {})[0].outlet == "某某日报"


def test_extract_outlet_alias():
    lines = ["中新网北京6月3日电 (记者 刘某)公司发布公告。", "正文。"]
    assert extract(lines, {})[0].outlet == "中国新闻网"


@pytest.mark.parametrize(
    ("lead", "outlet", "rest"),
    [
        ("某某财经讯 5月28日消息，公司股价上涨。", "某某财经", "5月28日消息，公司股价上涨。"),
        ("某报专讯：特区政府昨日宣布新措施。", "某报", "特区政府昨日宣布新措施。"),
        (
            "新快报讯　适合汇金公司增持四大行的时间窗口再次打开。",
            "新快报",
            "适合汇金公司增持四大行的时间窗口再次打开。",
        ),
    ],
)
def test_extract_wire_credit_names_the_outlet_and_leaves_the_text(lead, outlet, rest):
    """'某某报讯' is the paper's credit before the first sentence, like an agency dateline: read, then cut."""
    found, drop, edits = extract(["某公司完成融资", lead, "正文。"], {})
    assert found.outlet == outlet
    assert (drop, edits) == ({}, {1: rest})


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("某某之家 6 月 3 日消息，某品牌发布新机。", "某某之家"),
        ("公司6月3日消息，某品牌发布新机。", None),
        ("某某网获悉，公司完成新一轮融资。", "某某网"),
        ("某某日报记者获悉，公司完成新一轮融资。", "某某日报"),
        ("某某独家获悉，公司完成新一轮融资。", "某某"),
        ("记者从公司获悉，公司完成新一轮融资。", None),  # the reporter learned it from the company
        ("记者获悉，公司完成新一轮融资。", None),
        ("近日获悉，公司完成新一轮融资。", None),
        ("公司获悉，控股股东计划减持。", None),
        ("财经快讯：公司完成新一轮融资。", None),
        ("公司获悉后立即发布了澄清公告。", None),
    ],
)
def test_extract_wire_lead_names_the_outlet_and_stays(lead, outlet):
    found, drop, edits = extract(["某公司完成融资", lead, "正文。"], {})
    assert found.outlet == outlet
    assert (drop, edits) == ({}, {})


def test_extract_wire_lead_with_bracketed_reporters_is_cut():
    found, _, edits = extract(["某公司上市", "本报讯（记者 张三 通讯员 李四）昨日，公司宣布上市。", "正文。"], {})
    assert (found.outlet, found.authors) == (None, ["张三", "李四"])
    assert edits == {1: "昨日，公司宣布上市。"}


def test_extract_wire_lead_below_run_in_headings_is_cut():
    found, _, edits = extract(["某公司上市", "上市引热议公司：前景看好", "本报讯（记者 张三）昨日，公司宣布上市。"], {})
    assert (found.authors, edits) == (["张三"], {2: "昨日，公司宣布上市。"})


def test_a_first_line_that_reads_as_a_lead_is_no_deck():
    found, _, edits = extract(["某公司上市", "某某网获悉，公司即将上市", "本报讯（记者 张三）昨日，公司宣布上市。"], {})
    assert (found.outlet, found.authors, edits) == ("某某网", [], {})


def test_a_wire_lead_below_a_paragraph_is_no_lead():
    found, _, edits = extract(["某公司上市", "昨日，公司宣布上市。", "本报讯（记者 张三）今天，股价上涨。"], {})
    assert (found.authors, edits) == ([], {})


def test_an_agency_dateline_inside_a_post_names_outlet_and_authors_and_stays():
    line = "勇敢·互助——对话灾区群众#某某话题#新华社成都6月24日电（记者张三 李四）距地震发生仅过去5天。"
    found, drop, edits = extract(["某某标题", line], {})
    assert (found.outlet, found.authors, drop, edits) == ("新华社", ["张三", "李四"], {}, {})


@pytest.mark.parametrize(
    "line",
    [
        "对话灾区群众新华社成都6月24日电（记者张三）距地震发生仅过去5天。",  # glued to Chinese: no name's start
        "市场上涨，据新华社北京6月24日电（记者张三），公司宣布上市。",  # a citation
        "市场上涨，公司宣布上市，投资者表示欢迎。",
    ],
)
def test_an_inline_dateline_without_a_boundary_or_cited_names_nobody(line):
    found, _, _ = extract(["某某标题", line], {})
    assert (found.outlet, found.authors) == (None, [])


@pytest.mark.parametrize(
    ("notice", "outlet"),
    [
        ("【版权声明】本网站内容版权属某某日报有限公司所有，未经许可，不得转载。", "某某日报"),
        ("本文版权归某某传媒股份有限公司所有。", "某某传媒"),
        ("版权归某某网所有，转载请注明出处。", "某某网"),
        ("版权归原作者所有，如有侵权请联系删除。", None),
        ("版权所有，翻印必究。", None),
    ],
)
def test_extract_copyright_owner_is_the_outlet_last(notice, outlet):
    lines = ["正文一句。", "正文两句。"]
    assert extract(lines, {}, all_lines=[*lines, notice])[0].outlet == outlet


@pytest.mark.parametrize(
    ("line", "is_meta"),
    [
        ("作者：张三 | 来源：某某日报", True),
        ("2024年6月16日 09:32 | 来源：某某日报", True),
        ("某某日报 2024年5月28日 财经新闻", True),
        ("本报记者 张三 北京报道", True),
        ("张三|来源：新华社", False),  # a photo credit
        ("图片来源：视觉中国", False),
        ("2024年3月21日，公司宣布上市。", False),
    ],
)
def test_reads_as_metadata(line, is_meta):
    assert reads_as_metadata(line) is is_meta


@pytest.mark.parametrize(
    ("lines", "outlet", "dropped"),
    [
        (["某公司发布新品", "某某见闻", "2024年6月19日 02:15", "正文。", "正文二。"], "某某见闻", {1, 2}),
        (["某公司发布新品", "2024年6月19日", "某某日报", "正文。", "正文二。"], "某某日报", {1, 2}),
        (["某公司发布年报", "2024年6月19日", "正文。", "正文二。"], None, {1}),  # the title ends in 报
        (["某公司发布新品", "张三", "2024年6月19日", "正文。", "正文二。"], None, {2}),  # not an outlet's ending
        (["某公司发布新品", "某某日报", "正文。", "正文二。"], None, set()),  # no dateline beside it
    ],
)
def test_extract_bare_outlet_beside_a_dateline(lines, outlet, dropped):
    found, drop, _ = extract(lines, {})
    assert found.outlet == outlet
    assert set(drop) == dropped


def test_from_front_matter_author_is_not_the_outlet():
    assert from_front_matter({"author": "钱某某 某某财经", "outlet": "某某财经"}).authors == ["钱某某"]


@pytest.mark.parametrize(
    ("notice", "outlet", "authors"),
    [
        ("本文来自某某，作者：周某某", "某某", ["周某某"]),
        ("本文来自微信公众号：某某观察（ID：abc），作者：赵一，编辑：钱二", "某某观察", ["赵一"]),
        ("（作者：张三，某某大学教授）", None, ["张三"]),
        ("本文来自网络收录或投稿，观点仅代表作者本人。", None, []),
        ("本文来自互联网，如有侵权请联系删除。", None, []),
        ("该书作者：张三", None, []),  # 作者 inside a phrase
    ],
)
def test_extract_notice_near_the_end_names_outlet_and_author(notice, outlet, authors):
    lines = ["某公司发布新品", "正文一句。", "正文两句。"]
    found, _, _ = extract(lines, {}, all_lines=[*lines, notice])
    assert (found.outlet, found.authors) == (outlet, authors)


def test_extract_notice_author_does_not_replace_a_byline():
    lines = ["作者：李四", "正文一句。", "正文两句。"]
    assert extract(lines, {}, all_lines=[*lines, "本文来自某某，作者：周某某"])[0].authors == ["李四"]


@pytest.mark.parametrize(
    ("last", "when", "dropped"),
    [
        ("2024年3月21日", date(2024, 3, 21), False),  # the text's own date (session 13): read, kept
        ("（2024年3月21日）", date(2024, 3, 21), False),
        ("2024-03-21 10:30", date(2024, 3, 21), True),  # a page's stamp
        ("2024年12月31日前完成交割", None, False),  # a short sentence
        ("截至2024年3月21日", None, False),
    ],
)
def test_extract_date_alone_on_the_last_line(last, when, dropped):
    lines = ["某公司发布公告", *(f"正文第{i}句。" for i in range(10)), last]
    found, drop, _ = extract(lines, {})
    assert found.published_at == when
    assert (len(lines) - 1 in drop) is dropped


def test_extract_title_after_a_dateline():
    lines = ["发布时间：2024-06-03 10:00:00 浏览次数：1234", "某市出台20条措施", "正文一句。", "正文两句。"]
    found, drop, _ = extract(lines, {})
    assert (found.title, found.published_at) == ("某市出台20条措施", date(2024, 6, 3))
    assert drop == {0: "dateline"}


def test_extract_source_note_closing_a_paragraph_wins():
    lines = ["本报记者 张三", "正文一句。", "正文两句。"]
    found, _, _ = extract(lines, {}, all_lines=[*lines[:2], "正文两句。（来源：某某日报）"])
    assert (found.outlet, found.authors) == ("某某日报", ["张三"])


def test_extract_title_with_a_year_is_not_a_dateline():
    lines = ["某某公司发布2023年财报", "作者：王小二 ｜ 2024-03-21", "正文。"]
    found, drop, _ = extract(lines, {})
    assert found.title == "某某公司发布2023年财报"
    assert (found.published_at, found.authors) == (date(2024, 3, 21), ["王小二"])
    assert drop == {1: "byline"}


def test_extract_original_title_and_original_outlet():
    lines = ["原标题：央行宣布降准", "正文一句。", "正文两句。"]
    footer = [*lines, "本文由「某某财经」原创出品，未经许可禁止转载。"]
    found, _, _ = extract(lines[1:], {}, all_lines=footer)
    assert (found.title, found.outlet) == ("央行宣布降准", "某某财经")


def test_extract_editors_from_head_and_tail_are_merged():
    lines = ["作者：张三", "正文一句。", "正文两句。", "责任编辑：李四", "校对：王五"]
    found, drop, _ = extract(lines, {})
    assert (found.authors, found.editors) == (["张三"], ["李四", "王五"])
    assert set(drop) == {0, 3, 4}


def test_extract_front_matter_wins():
    found, _, _ = extract(["作者 | 张三", "正文。"], {"title": "标题", "outlet": "某某报"})
    assert (found.title, found.outlet, found.authors) == ("标题", "某某报", ["张三"])


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Tom Lee、王五", ["Tom Lee", "王五"]),
        ("J.K. Rowling", ["J.K. Rowling"]),
        ("a" * 200_000, []),  # too long for a name, read in one pass
        ("a " * 100_000, []),
    ],
)
def test_latin_names_and_long_runs(value, names):
    assert names_in(value) == names


# --- real-news genres: crawled headlines, leads and credits -------------------------------------------------

TEXT = ["市政府昨天宣布新的交通计划，预计明年起分阶段实施。", "议员要求市府尽快提出完整的评估报告。"]


@pytest.mark.parametrize(
    ("line", "headline", "site"),
    [
        ("市长宣布新计划｜某某新闻网｜某某日报", "市长宣布新计划", "某某日报"),
        ("男子坠楼送医不治 | 社会 | 某某新闻网 SETN.COM", "男子坠楼送医不治", "某某新闻网"),
        ("A1234 独居老人盼援手 | 某某日报", "A1234 独居老人盼援手", "某某日报"),
        ("主题：不管孩子多少，老人都要靠自己", "不管孩子多少，老人都要靠自己", None),
        ("别说读历史没用 你知道古人吃什么吗？字级：", "别说读历史没用 你知道古人吃什么吗？", None),
        ("张三｜我的一段故事", "张三｜我的一段故事", None),  # no outlet after the bar: a headline with a bar
        ("张三｜我的一段故事｜某某日报", "张三｜我的一段故事", "某某日报"),
        ("速报 - 最新调查：某公司目标价上调", "速报 - 最新调查：某公司目标价上调", None),
    ],
)
def test_split_headline(line, headline, site):
    from zhnews.metadata import split_headline

    assert split_headline(line) == (headline, site)


def test_extract_headline_with_site_suffix_gives_title_and_outlet():
    found, drop, _ = extract(["市长宣布新计划｜某某新闻网｜某某日报", *TEXT], {})
    assert (found.title, found.outlet) == ("市长宣布新计划", "某某日报")
    assert drop == {0: "title"}


def test_extract_page_title_and_site_name_lose_their_suffixes():
    found, _, _ = extract(TEXT, {"title": "男子坠楼送医不治 | 某某新闻网", "outlet": "某某新闻网 | 某某新闻网"})
    assert (found.title, found.outlet) == ("男子坠楼送医不治", "某某新闻网")


@pytest.mark.parametrize(
    ("lead", "outlet", "authors", "rest"),
    [
        ("某某网消息（晚间新闻）：" + TEXT[0], "某某网", [], TEXT[0]),
        ("某某报讯记者张小明 通讯员李大华报道" + TEXT[0], "某某报", ["张小明", "李大华"], TEXT[0]),
        ("【某某快报／陈某某】" + TEXT[0], "某某快报", ["陈某某"], TEXT[0]),
        ("来源：某某社 2019-7-2 14:17 " + TEXT[0], "某某社", [], TEXT[0]),
        ("文／王小明 " + TEXT[0], None, ["王小明"], TEXT[0]),
    ],
)
def test_extract_a_lead_run_into_the_first_paragraph_is_cut(lead, outlet, authors, rest):
    found, drop, edits = extract(["一个标题", lead, TEXT[1]], {})
    assert (found.outlet, found.authors) == (outlet, authors)
    assert edits == {1: rest} and 1 not in drop


def test_extract_closing_credit_in_brackets_gives_the_author():
    found, drop, _ = extract(["一个标题", *TEXT, "（记者王小明／台北报导）"], {})
    assert found.authors == ["王小明"]
    assert drop == {3: "byline"}


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("报导•摄影╱王小明", ["王小明"]),
        ("作者：程某某（某某大学教授）", ["程某某"]),
        ("文／某某特约记者洪与成", ["洪与成"]),
    ],
)
def test_parse_labelled_taiwanese_credits_and_affiliations(line, authors):
    assert parse_labelled(line)["authors"] == authors


def test_names_in_keeps_a_name_with_a_conjunction_character():
    assert names_in("洪与成") == ["洪与成"]
    assert names_in("张小明和李大华") == ["张小明", "李大华"]


def test_a_source_line_names_the_outlet_without_its_title_marks():
    found, _, _ = extract(["一个标题", "来源：《某某周刊》", *TEXT], {})
    assert found.outlet == "某某周刊"


def test_a_desk_signing_names_the_outlet():
    found, _, _ = extract(["一个标题", "某某网新闻中心", *TEXT], {}, all_lines=["一个标题", "某某网新闻中心", *TEXT])
    assert found.outlet == "某某网"


# --- page heads and closing credits of real news (issue 13) --------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        ("品牌邀晶片商 攻低价5G手机 - 产业．科技 - 工商时报", "品牌邀晶片商 攻低价5G手机", "工商时报"),
        ("AMD推AI PC新晶片！|数位时代 BusinessNext", "AMD推AI PC新晶片！", "数位时代"),
        ("某某系列FPGA_COMPOTECH ASIA", "某某系列FPGA", "COMPOTECH ASIA"),
        (
            "巨亨速报 - Factset 最新调查：某某(2317-TW)EPS预估下修 | 巨亨网 - 台股预估",
            "巨亨速报 - Factset 最新调查：某某(2317-TW)EPS预估下修",
            "巨亨网",
        ),
        ("和男友口角 女坠楼不治｜即时｜苹果新闻网｜苹果日报", "和男友口角 女坠楼不治", "苹果日报"),
        ("客运司机车祸致人于死 | ETtoday地方 | ETtoday新闻云", "客运司机车祸致人于死", "ETtoday新闻云"),
        ("不畏大厂PC晶片新品对比 高通：我们一定做对了什么", "不畏大厂PC晶片新品对比 高通：我们一定做对了什么", None),
        ("某某公司发布年报 - 营收创下新高，净利润增长三成", "某某公司发布年报 - 营收创下新高，净利润增长三成", None),
    ],
)
def test_split_page_title(title, headline, site):
    assert split_page_title(title) == (headline, site)


def test_a_page_title_names_headline_and_outlet_ahead_of_the_portal():
    meta = {
        "title": "品牌邀晶片商 - 产业．科技",
        "outlet": "中时新闻网",
        "page_title": "品牌邀晶片商 - 产业．科技 - 工商时报",
    }
    found = from_front_matter(meta)
    assert (found.title, found.outlet) == ("品牌邀晶片商", "工商时报")


def test_a_page_title_that_is_only_the_site_name_gives_no_headline():
    found = from_front_matter({"title": "大摩报告指称供应链备货", "outlet": "财讯快报", "page_title": "财讯快报"})
    assert (found.title, found.outlet) == ("大摩报告指称供应链备货", "财讯快报")


@pytest.mark.parametrize(
    ("urls", "url"),
    [
        (
            ["https://a.com/news/20240820000224-260204", "https://a.com/news/20240820000224-260204?x"],
            "https://a.com/news/20240820000224-260204",
        ),
        (
            ["https://a.com/news/cat/headline", None, "https://m.a.com/news/print/6419345"],
            "https://m.a.com/news/print/6419345",
        ),
        (["https://a.com/news/cat/headline"], "https://a.com/news/cat/headline"),
        ([None, None], None),
    ],
)
def test_article_url_prefers_an_address_naming_an_article(urls, url):
    assert article_url(urls) == url


@pytest.mark.parametrize(("name", "place"), [("台北", True), ("澎湖县", True), ("侯冠州", False), ("张珈睿", False)])
def test_is_place(name, place):
    assert is_place(name) is place


def test_page_authors_drop_the_place_of_the_byline():
    assert from_front_matter({"author": "劉憲杰／台北"}).authors == ["刘宪杰"]
    assert from_front_matter({"author": "侯冠州、張珈睿"}).authors == ["侯冠州", "张珈睿"]
    assert from_front_matter({"author_link": "孫嘉君"}).authors == ["孙嘉君"]


@pytest.mark.parametrize(
    ("name", "bare"), [("DIGITIMES Inc.", "DIGITIMES"), ("某某传媒股份有限公司", "某某传媒"), ("财讯快报", "财讯快报")]
)
def test_without_company_suffix(name, bare):
    assert without_company_suffix(name) == bare


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        ("（王煌忠／台中报导）", ["王煌忠"]),
        ("（记者林小明、陈大华／台北报导）", ["林小明", "陈大华"]),
        ("（即时新闻中心／综合报导）", []),
    ],
)
def test_a_closing_place_credit_names_the_reporters_not_a_desk(credit, authors):
    found, drop, _ = extract(["标题", "市政府今天公布新的交通计划。", credit], {})
    assert found.authors == authors
    assert (2 in drop) is bool(authors)


def test_a_closing_wire_source_names_the_outlet():
    found, drop, _ = extract(["标题", "正文。", "新华社记者 刘雪", "（据新华社上海6月13日专电）"], {})
    assert (found.outlet, found.authors) == ("新华社", ["刘雪"])
    assert set(drop) == {2, 3}


def test_a_reporter_line_at_the_end_needs_an_outlet_to_be_read():
    lines = ["标题", *(f"正文第{i}段。" for i in range(10)), "记者 刘雪"]
    found, drop, _ = extract(lines, {})
    assert found.authors == [] and drop == {}
    found, drop, _ = extract([*lines[:-1], "新华社记者 刘雪"], {})
    assert found.authors == ["刘雪"] and drop == {11: "byline"}


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("作者：抬房梁的木匠", ["抬房梁的木匠"], None),
        ("来源：un.org 等", [], None),
        ("来源：某某日报", [], "某某日报"),
    ],
)
def test_labelled_pen_names_and_source_lists(line, authors, outlet):
    found, _, _ = extract(["标题", line, "正文一段。", "正文两段。"], {})
    assert (found.authors, found.outlet) == (authors, outlet)


def test_an_article_from_a_wechat_account_names_it():
    found, _, _ = extract(["标题", "文章来自微信公号 某某传媒研究", "正文一段。"], {})
    assert found.outlet == "某某传媒研究"


def test_editors_who_compiled_the_piece_are_editors():
    assert parse_labelled("编辑整理：阿勺 罗布君") == {"authors": [], "editors": ["阿勺", "罗布君"], "sources": []}


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("出自「三联生活周刊」：武汉研究生坠楼事件", "三联生活周刊"),
        ("原文来自微信公号「发展共学」：武汉研究生坠楼事件", "发展共学"),
        ("原文来自微信「某某娱言」：武汉研究生坠楼事件", "某某娱言"),  # the platform alone before the account
        ("呦呦鹿鸣：武汉研究生坠楼事件", "呦呦鹿鸣"),
        ("原文：武汉研究生坠楼事件", None),
    ],
)
def test_a_citation_of_the_title_names_the_account_not_its_label(line, outlet):
    found, drop, _ = extract(["武汉研究生坠楼事件", line, "正文一段。", "正文两段。"], {})
    assert found.outlet == outlet
    assert (1 in drop) is bool(outlet)


def test_a_long_line_about_reporters_at_the_end_is_no_byline():
    lines = ["标题", *(f"正文第{i}段。" for i in range(10)), "财新记者赵今朝、实习记者黄雨馨对此文亦有贡献"]
    found, drop, _ = extract(lines, {})
    assert found.authors == [] and drop == {}


def test_a_protocol_relative_canonical_link_is_not_the_url():
    assert article_url(["//www.example.com/news/20180916001767", "https://www.example.com/news/20180916001767"]) == (
        "https://www.example.com/news/20180916001767"
    )


def test_a_long_post_line_repeated_below_in_paragraphs_is_the_title():
    parts = [
        "#某某[超话]# 放虎归山，必有后患！",
        "某平台法人竟然放了？",
        "涉案平台：某某信息服务有限公司（简称某某）",
        "案件发生地：某区 案件侦查部门：某区经侦 涉案法人及高管：某某等 ???",
    ]
    post = " ".join(parts)
    found, _, _ = extract([post, *parts[:-1], parts[-1].replace("?", "？", 1)], {})
    assert found.title == post


def test_a_long_post_line_whose_copy_below_differs_only_at_its_end_is_the_title():
    post = "人生就像饺子，岁月是皮，经历是馅。时光如梭，人生苦短，善待每一天、每个小时。"
    post += "每当想到这些，心情就会变得晴朗，当困难、烦恼袭来时……"
    found, _, _ = extract([post + "全文： ?", post + " ?"], {})
    assert found.title == post + "全文： ?"
    other = post[:50] + "后面完全是另外一段话，讲的是别的事情，和上面那一行没有关系。" * 2
    found, _, _ = extract([post + "全文： ?", other], {})
    assert found.title is None  # sharing an opening only: another text
    parts = [post[:40] + " ", post[40:] + " ?"]  # the copy split into paragraphs
    found, _, _ = extract([post + "全文： ?", *parts], {})
    assert found.title == post + "全文： ?"


@pytest.mark.parametrize(
    ("first", "authors", "text"),
    [
        ("张某某/大学学术助理 一直很不了解，为何有人这样想？", ["张某某"], "一直很不了解，为何有人这样想？"),
        ("李某／执业律师 这项判决值得商榷。", ["李某"], "这项判决值得商榷。"),
        ("王小明/学生会 今天开会。", [], None),  # an organisation, no calling
        ("某某/发言人表示 今天发生一起车祸。", [], None),  # no calling ends the part after the slash
        ("咬人猫（传播研究者，某报新闻台台长）由美女演出的广告打响名号。", ["咬人猫"], "由美女演出的广告打响名号。"),
        ("明天(家庭主妇)30年来，第一次，认识我的亲姐姐。", ["明天"], "30年来，第一次，认识我的亲姐姐。"),
        ("林男（30岁，工程师）昨日在家中跌倒。", [], None),  # the story's subject, aged
        ("阿英（化名，学生）家境清寒。", [], None),  # no calling ends the first part
        ("张三（左）与李四握手。", [], None),
        ("王教授（右）今天来访。", [], None),
        ("王小明（台大教授）表示，这项政策值得商榷。", [], None),  # the speaker of the story
        ("王小明（台大教授）昨日在研讨会上指出，政策值得商榷。", [], None),
        ("王小明（台大教授）的研究发现，政策值得商榷。", [], None),
    ],
)
def test_an_op_ed_byline_opening_the_body_gives_the_author(first, authors, text):
    found, _, edits = extract(["某某 你为何这样说？", first, "第二段。"], {})
    assert found.authors == authors
    assert edits.get(1) == text


def test_a_long_first_line_not_repeated_below_is_no_title():
    first = "今天市政府宣布新的交通计划，预计明年完成第一阶段工程，市民普遍表示欢迎" * 2
    lines = [first, "另一段完全不同的内容，谈的是天气。", "第三段也不一样。"]
    found, _, _ = extract(lines, {})
    assert found.title != first


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("本版摄影／某京报记者　张三战士在巡逻。", "某京报"),
        ("演习结束。图/某某日报摄影记者 李四", "某某日报"),
        ("摄影/某某网记者 王五", "某某网"),
    ],
)
def test_a_photo_credit_naming_the_papers_photographer_gives_the_outlet(line, outlet):
    found, _, _ = extract(["标题", "市政府今天公布新的交通计划。", line], {})
    assert found.outlet == outlet
    assert not found.authors


def test_a_sentence_about_a_photographer_names_no_outlet():
    found, _, _ = extract(["标题", "他说摄影/记者这一行很辛苦。", "市政府今天公布新的交通计划。"], {})
    assert found.outlet is None


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        ("（记者　王小明　整理）", ["王小明"]),
        ("（王小明╱综合报导）", ["王小明"]),
        ("（国际中心／综合外电报导）", []),
        ("（综合／综合报导）", []),
    ],
)
def test_extract_a_reporters_credit_closing_the_found_text_gives_the_author(credit, authors):
    """Cleaning takes the credit out as debris: metadata reads it in the text as found."""
    found, _, _ = extract(["一个标题", *TEXT], {}, all_lines=["一个标题", *TEXT[:-1], TEXT[-1] + credit])
    assert found.authors == authors


def test_extract_a_platform_is_no_outlet_the_reposting_account_is():
    lines = ["原文来自微信公众号「某某悦读」：一个标题", "文/王一 来源/微博", "正文第一句。", "正文第二句。"]
    found, _, _ = extract(lines, {})
    assert (found.outlet, found.authors) == ("某某悦读", ["王一"])


def test_extract_a_table_compiled_by_the_paper_names_the_outlet():
    lines = ["正文第一句。", "正文第二句。", "十大热门宠物商品排行。《某某时报》整理"]
    assert extract(lines, {})[0].outlet == "某某时报"
    lines[-1] = "十大热门宠物商品排行。《苹果》整理"  # the paper's short name for itself
    assert extract(lines, {})[0].outlet == "苹果日报"


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        ("原创 王小明", ["王小明"]),
        ("原创 王小明 某某观察", ["王小明"]),  # the account after the author
        ("原创　王小明", ["王小明"]),
        ("原创内容，转载请注明。", []),  # a notice, no header
        ("原创 我们今天聊聊这件事情，大家怎么看？", []),  # a sentence
    ],
)
def test_extract_a_wechat_header_gives_the_author(header, authors):
    """Session 12 (kind: author missed): "原创 某某 [账号]" heads a repost of a WeChat article."""
    found, drop, _ = extract(["一个标题", header, *TEXT], {})
    assert found.authors == authors
    assert (1 in drop) == bool(authors)


def test_a_wechat_header_further_down_is_text():
    lines = ["一个标题", *TEXT * 4, "原创 王小明", *TEXT]
    assert extract(lines, {})[0].authors == []


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("作者=王小明", ["王小明"], None),
        ("来源=某某日报", [], "某某日报"),
        ("来源=作者博客 本文由作者授权发布", [], None),  # the author's own page names no outlet
    ],
)
def test_extract_key_value_credits(line, authors, outlet):
    """Session 12 (kind: author missed, credit left): a blog export's "作者=某某", "来源=某某"."""
    found, drop, _ = extract(["一个标题", line, *TEXT], {})
    assert (found.authors, found.outlet, 1 in drop) == (authors, outlet, True)


@pytest.mark.parametrize(
    ("lead", "authors"),
    [("荆楚网消息（记者张扬　通讯员殷莉红、刘永慧、刘妮）", ["张扬", "殷莉红", "刘永慧", "刘妮"]),
     ("某某网消息（记者 王小明）", ["王小明"])],
)
def test_a_sites_news_lead_with_its_reporters_in_brackets_is_cut(lead, authors):
    """Session 13 (kind: outlet and authors missed): "某某网消息（记者…通讯员…）" is a wire lead as "某某报讯（…）"."""
    found, _, edits = extract(["一个标题", lead + TEXT[0], TEXT[1]], {})
    assert (found.outlet, found.authors) == (lead[: lead.index("消息")], authors)
    assert edits == {1: TEXT[0]}


def test_news_in_brackets_that_names_no_reporter_is_text():
    line = "有消息（据知情人士）称，" + TEXT[0]
    found, _, edits = extract(["一个标题", line, TEXT[1]], {})
    assert (found.outlet, edits) == (None, {})


def test_a_clippers_note_before_the_source_names_the_account():
    """Session 13 (kind: outlet missed): "本文由简悦 SimpRead转码，原文来自微信号「某某」：标题"."""
    note = "本文由简悦 SimpRead转码，原文来自微信号「人间theLivings」：她曾以为自己能逃开教授的手"
    assert extract(["一个标题", note, *TEXT], {})[0].outlet == "人间theLivings"


@pytest.mark.parametrize(("line", "authors"), [("作者 chuzhaoxin", ["chuzhaoxin"]), ("作者 王小明", ["王小明"])])
def test_a_label_and_a_name_with_a_space_between_is_a_byline(line, authors):
    """Session 13 (kind: author missed, credit left in the text): "作者 某某" under a repost's source line."""
    found, drop, _ = extract(["一个标题", line, *TEXT], {})
    assert (found.authors, drop) == (authors, {1: "byline"})


def test_a_sentence_opening_with_the_word_author_is_text():
    line = "作者 在书中写道，城市的记忆正在消失。"
    found, drop, _ = extract(["一个标题", line, *TEXT], {})
    assert (found.authors, drop) == ([], {})


@pytest.mark.parametrize("closing", ["2020年1月21日", "2019.5.28", "（2018年12月1日）"])
def test_a_date_closing_the_text_is_its_own_and_stays(closing):
    """Session 13 (kind: date figure lost with the line): an essay's or a statement's closing date is text; read as
    the publication date only when nothing else gives one."""
    lines = ["一个标题", *TEXT * 5, closing]
    found, drop, _ = extract(lines, {})
    assert drop == {} and found.published_at is not None
    found, drop, _ = extract(lines, {"date": "2020-01-23"})
    assert drop == {} and found.published_at == date(2020, 1, 23)


@pytest.mark.parametrize(
    ("value", "names"),
    [("周洪通讯员忻文轲", ["周洪", "忻文轲"]), ("见习记者周伟龙记者童丹", ["周伟龙", "童丹"]), ("王记者", [])],
)
def test_names_glued_around_a_reporters_role_are_split(value, names):
    """Session 13 (kind: authors missed): "记者周洪通讯员忻文轲", roles glued between the names."""
    assert names_in(value) == names


def test_a_dated_news_lead_with_reporters_is_an_agency_dateline():
    """Session 13: "某某网上海6月12日消息（记者…）" names the site, not "某某网上海6月12日"."""
    found, _, edits = extract(["一个标题", "某某网唐山6月12日消息（记者汤一亮 庄胜春）" + TEXT[0], TEXT[1]], {})
    assert (found.outlet, found.authors, edits) == ("某某网", ["汤一亮", "庄胜春"], {1: TEXT[0]})


@pytest.mark.parametrize(
    "headline",
    ["2023年全国高考今天开考", "2025年12月CPI同比上涨0.8%", "2024年“消费帮扶新春行动”启动", "2019年度报告发布"],
)
def test_a_headline_opening_with_a_year_is_no_dateline(headline):
    """Sweep (kind: title lost, wrong date): a year run straight into words opens a headline."""
    assert dateline_names(headline) is None
    found, drop, _ = extract([headline, "正文第一段。", "正文第二段。"], {})
    assert (found.title, found.published_at, drop) == (headline, None, {})


@pytest.mark.parametrize("line", ["2024年3月 某某日报", "2019年 财经", "2024年3月21日某某网"])
def test_a_date_standing_apart_or_whole_is_still_a_dateline(line):
    assert dateline_names(line) is not None


@pytest.mark.parametrize("lead", ["【某某商报讯】（记者 张三 实习生 李四）", "【某某报讯】（记者张三）"])
def test_a_wire_lead_in_square_brackets_is_cut(lead):
    """Sweep (kind: outlet and authors missed, credit left in the text)."""
    found, _, edits = extract(["某公司上市", f"{lead}昨日，公司宣布上市。", "正文。"], {})
    assert (found.authors[0], edits) == ("张三", {1: "昨日，公司宣布上市。"})
    assert found.outlet in ("某某商报", "某某报")


def test_a_wire_lead_below_two_decks_is_cut():
    """Sweep (kind: authors missed): a headline and a subheading, each on its line, above the lead."""
    lines = ["某公司上市", "上市引热议", "公司：前景看好", "本报北京6月28日电（记者张三、李四）昨日，公司宣布上市。"]
    found, _, edits = extract(lines, {})
    assert (found.authors, edits) == (["张三", "李四"], {3: "昨日，公司宣布上市。"})


def test_a_lead_below_three_decks_is_no_lead():
    lines = ["某公司上市", "上市引热议", "公司：前景看好", "分析：估值偏高", "本报讯（记者 张三）昨日，公司宣布上市。"]
    found, _, edits = extract(lines, {})
    assert (found.authors, edits) == ([], {})


@pytest.mark.parametrize(
    "headline",
    ["超惊险！某种动物暴起咬人全过程！", "海采：这个假期去哪？看什么？", "某某失言下台？她打脸：你以为老板吃素？"],
)
def test_a_headline_of_a_few_short_exclamations_is_a_title(headline):
    """Sweep (kind: title missed): two short questions or exclamations make a headline too."""
    assert is_title_line(headline)


@pytest.mark.parametrize(
    "line",
    ["为什么会这样？因为他们从来都没有认真地想过这个问题到底有多严重！", "真的吗？我不信，你再说一遍！"],
)
def test_a_line_of_long_or_comma_separated_exclamations_is_no_title(line):
    assert not is_title_line(line)


LONG_HEADLINE = (
    "某某在会见某某项目团队代表并参观项目成果展览时强调 充分发挥新型举国体制优势 一以贯之善始善终久久为功"
    " 努力实现我国高端装备制造更多重大突破"
)


def test_a_long_headline_right_above_the_lead_is_the_title():
    """Sweep (kind: title missed, headline left in the text): a compound headline longer than `title_max`."""
    headline = LONG_HEADLINE
    assert len(headline) > 60
    found, _, edits = extract([headline, "央视网消息（新闻联播）：某某今天会见了代表。", "正文。"], {})
    assert (found.title, found.outlet, edits) == (headline, "央视网", {1: "某某今天会见了代表。"})


def test_a_long_first_line_without_a_lead_below_is_no_title():
    found, _, _ = extract([LONG_HEADLINE, "某某今天会见了代表。", "正文。"], {})
    assert found.title is None
