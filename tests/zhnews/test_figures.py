from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.figures import document_figures, extract_figures, rules
from zhnews.schemas import METRICS

PUBLISHED = date(2024, 3, 25)


def only(text: str, published: date | None = PUBLISHED):
    figures = document_figures("d", text, published)
    assert len(figures) == 1, [f.surface for f in figures]
    return figures[0]


def summary(fig):
    return fig.kind, fig.value, fig.unit, fig.normalized, fig.approx


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # money: numerals, multipliers, currencies
        ("共获得1.51亿美元。", "1.51亿美元", ("money", 151000000, "USD", "151000000 USD", False)),
        # wealth words make a bare magnitude money (公开资产3000多亿); a time limit in days (限10日之内搬走)
        ("公开资产3000多亿。", "3000多亿", ("money", 300000000000, "CNY", "300000000000 CNY", True)),
        ("他的身家超过50亿。", "超过50亿", ("money", 5000000000, "CNY", "5000000000 CNY", True)),
        ("要求10日之内搬走。", "10日之内", ("duration", 10, "天", "P10D", False)),
        ("须于7日内补正。", "7日内", ("duration", 7, "天", "P7D", False)),
        ("６招教您的孩子学习理财", "６招", ("count", 6, "招", "6 招", False)),
        ("曾拿下15 亿美元融资", "15 亿美元", ("money", 1500000000, "USD", "1500000000 USD", False)),
        ("营收达2亿美金。", "2亿美金", ("money", 200000000, "USD", "200000000 USD", False)),
        ("净利润3000万元。", "3000万元", ("money", 30000000, "CNY", "30000000 CNY", False)),
        ("收入1,200万元。", "1,200万元", ("money", 12000000, "CNY", "12000000 CNY", False)),
        ("亏损500万英镑。", "500万英镑", ("money", 5000000, "GBP", "5000000 GBP", False)),
        ("融资2亿欧元。", "2亿欧元", ("money", 200000000, "EUR", "200000000 EUR", False)),
        ("作价10亿港元。", "10亿港元", ("money", 1000000000, "HKD", "1000000000 HKD", False)),
        ("花了3万亿日元。", "3万亿日元", ("money", 3000000000000, "JPY", "3000000000000 JPY", False)),
        ("售价$100。", "$100", ("money", 100, "USD", "100 USD", False)),
        ("售价US$5。", "US$5", ("money", 5, "USD", "5 USD", False)),
        ("价格¥200。", "¥200", ("money", 200, "CNY", "200 CNY", False)),
        ("获得人民币94.1亿。", "人民币94.1亿", ("money", 9410000000, "CNY", "9410000000 CNY", False)),
        ("投入三千万美元。", "三千万美元", ("money", 30000000, "USD", "30000000 USD", False)),
        ("支出为 1.53 亿美元。", "1.53 亿美元", ("money", 153000000, "USD", "153000000 USD", False)),
        # money: qualifiers
        ("收入不到500万美元。", "不到500万美元", ("money", 5000000, "USD", "5000000 USD", True)),
        ("亏损超过3000万美元。", "超过3000万美元", ("money", 30000000, "USD", "30000000 USD", True)),
        ("欠下近1亿美元账单。", "近1亿美元", ("money", 100000000, "USD", "100000000 USD", True)),
        ("这1亿多美元资金。", "1亿多美元", ("money", 100000000, "USD", "100000000 USD", True)),
        ("欠下了数百万美元的账单。", "数百万美元", ("money", 1000000, "USD", "1000000 USD", True)),
        ("付出数亿美元的投入。", "数亿美元", ("money", 100000000, "USD", "100000000 USD", True)),
        ("估值约20亿美元。", "约20亿美元", ("money", 2000000000, "USD", "2000000000 USD", True)),
        ("估值高达40亿美元。", "40亿美元", ("money", 4000000000, "USD", "4000000000 USD", False)),
        ("价格约为29.9万元。", "约为29.9万元", ("money", 299000, "CNY", "299000 CNY", True)),
        ("规模大约为500亿美元。", "大约为500亿美元", ("money", 50000000000, "USD", "50000000000 USD", True)),
        ("收入有望突破4500亿元。", "突破4500亿元", ("money", 450000000000, "CNY", "450000000000 CNY", True)),
        ("金额不超过50亿元。", "不超过50亿元", ("money", 5000000000, "CNY", "5000000000 CNY", True)),
        # counts
        ("使用了其1200万张照片。", "1200万张", ("count", 12000000, "张", "12000000 张", False)),
        ("获得了超过 4000 个英伟达 A100。", "超过 4000 个", ("count", 4000, "个", "4000 个", True)),
        ("两名高管离职。", "两名", ("count", 2, "名", "2 名", False)),
        ("拥有超30万名创作者。", "超30万名", ("count", 300000, "名", "300000 名", True)),
        ("采访了30多人。", "30多人", ("count", 30, "人", "30 人", True)),
        ("此前四轮融资中", "四轮", ("count", 4, "轮", "4 轮", False)),
        ("播放量达到10万以上。", "10万以上", ("count", 100000, None, "100000", True)),
        ("播放量已达到300多万。", "300多万", ("count", 3000000, None, "3000000", True)),
        ("拥有 1.2 万部电影。", "1.2 万部", ("count", 12000, "部", "12000 部", False)),
        ("仅有11名全职员工。", "11名", ("count", 11, "名", "11 名", False)),
        ("覆盖数十家公司。", "数十家", ("count", 10, "家", "10 家", True)),
        ("吸引上万名用户。", "上万名", ("count", 10000, "名", "10000 名", True)),
        ("近百名员工。", "近百名", ("count", 100, "名", "100 名", True)),
        ("投入超百亿美元。", "超百亿美元", ("money", 10000000000, "USD", "10000000000 USD", True)),
        ("一百多位专家。", "一百多位", ("count", 100, "位", "100 位", True)),
        ("10余家公司。", "10余家", ("count", 10, "家", "10 家", True)),
        ("共录得3宗交易。", "3宗", ("count", 3, "宗", "3 宗", False)),
        ("月活跃用户达到13.4亿。", "13.4亿", ("count", 1340000000, None, "1340000000", False)),
        ("拥有13.4亿用户。", "13.4亿用户", ("count", 1340000000, "用户", "1340000000 用户", False)),
        ("裁减约1.2万员工。", "约1.2万员工", ("count", 12000, "员工", "12000 员工", True)),
        ("年产能约为2万吨。", "约为2万吨", ("count", 20000, "吨", "20000 吨", True)),
        ("供货量不低于1.5万吨。", "不低于1.5万吨", ("count", 15000, "吨", "15000 吨", True)),
        ("招聘不少于100人。", "不少于100人", ("count", 100, "人", "100 人", True)),
        ("他养了三只猫。", "三只", ("count", 3, "只", "3 只", False)),  # 三只 outside a brand name
        ("跑了5千米。", "5千米", ("count", 5, "千米", "5 千米", False)),  # 千 of 千米 is no multiplier
        ("重达3千克。", "3千克", ("count", 3, "千克", "3 千克", False)),
        ("装机容量5万千瓦。", "5万千瓦", ("count", 50000, "千瓦", "50000 千瓦", False)),
        ("发电100亿千瓦时。", "100亿千瓦时", ("count", 10000000000, "千瓦时", "10000000000 千瓦时", False)),
        ("进口3万桶原油。", "3万桶", ("count", 30000, "桶", "30000 桶", False)),
        ("配售8亿股新股。", "8亿股", ("count", 800000000, "股", "800000000 股", False)),
        # percentages
        ("出售15%的股份。", "15%", ("percent", 15, "%", "15%", False)),
        ("增长了百分之十五。", "百分之十五", ("percent", 15, "%", "15%", False)),
        ("占比百分之二十三点五。", "百分之二十三点五", ("percent", 23.5, "%", "23.5%", False)),
        ("下降约3.5%。", "约3.5%", ("percent", 3.5, "%", "3.5%", True)),
        ("上升2个百分点。", "2个百分点", ("percent", 2, "%", "2%", False)),
        ("同比增长超过三成。", "超过三成", ("percent", 30, "%", "30%", True)),
        ("七成用户表示满意。", "七成", ("percent", 70, "%", "70%", False)),
        ("其中约三成用于研发。", "约三成", ("percent", 30, "%", "30%", True)),
        ("跌幅近九成。", "近九成", ("percent", 90, "%", "90%", True)),
        ("占比超过八成。", "超过八成", ("percent", 80, "%", "80%", True)),
        ("增长百分之三十以上。", "百分之三十以上", ("percent", 30, "%", "30%", True)),
        ("占比百分之五十左右。", "百分之五十左右", ("percent", 50, "%", "50%", True)),
        ("增长百分之二十多。", "百分之二十多", ("percent", 20, "%", "20%", True)),
        ("约百分之十的用户。", "约百分之十", ("percent", 10, "%", "10%", True)),
        ("投入百万美元。", "百万美元", ("money", 1000000, "USD", "1000000 USD", False)),
        ("拥有千万用户。", "千万用户", ("count", 10000000, "用户", "10000000 用户", False)),
        ("节省4000万成本。", "4000万", ("count", 40000000, None, "40000000", False)),  # 成本 is no unit
        # durations
        ("在13个月的教育中", "13个月", ("duration", 13, "月", "P13M", False)),
        ("也就过了一年多的时间", "一年多", ("duration", 1, "年", "P1Y", True)),
        ("成立仅1年多的公司", "1年多", ("duration", 1, "年", "P1Y", True)),
        ("走完很多公司十几年的路", "十几年", ("duration", 10, "年", "P10Y", True)),
        ("和一年前相比", "一年前", ("duration", 1, "年", "P1Y", False)),
        ("读写一小时。", "一小时", ("duration", 1, "小时", "PT1H", False)),
        ("用了三周。", "三周", ("duration", 3, "周", "P3W", False)),
        ("近两年来", "近两年来", ("duration", 2, "年", "P2Y", True)),  # 近 qualifies durations too
        ("小米近两年股价累计上升", "近两年", ("duration", 2, "年", "P2Y", True)),
        ("为近三年来最低水平", "近三年来", ("duration", 3, "年", "P3Y", True)),
        ("近两年多来", "近两年多", ("duration", 2, "年", "P2Y", True)),
        ("历时3个多月", "3个多月", ("duration", 3, "月", "P3M", True)),
        ("最近3年增长", "3年", ("duration", 3, "年", "P3Y", False)),  # 近 belongs to 最近
        ("每年节约5亿元成本。", "5亿元", ("money", 500000000, "CNY", "500000000 CNY", False)),  # 约 of 节约
        ("签约10位艺人。", "10位", ("count", 10, "位", "10 位", False)),
        ("预约3000人次。", "3000人次", ("count", 3000, "人次", "3000 人次", False)),
        ("1.5小时", "1.5小时", ("duration", 1.5, "小时", "PT1.5H", False)),
        ("收入１２３万元。", "１２３万元", ("money", 1230000, "CNY", "1230000 CNY", False)),  # full-width digits
        ("净利润为-3.5亿元。", "-3.5亿元", ("money", -350000000, "CNY", "-350000000 CNY", False)),  # a minus sign
        ("增长率为－2.1％。", "－2.1％", ("percent", -2.1, "%", "-2.1%", False)),
        ("-5家公司入选。", "5家", ("count", 5, "家", "5 家", False)),  # a list dash before a count
        ("增长１５％", "１５％", ("percent", 15, "%", "15%", False)),
        ("在未来三年内投资", "三年内", ("duration", 3, "年", "P3Y", False)),
        ("今年前4个月累计交付", "前4个月", ("duration", 4, "月", "P4M", False)),
        ("头三年亏损", "头三年", ("duration", 3, "年", "P3Y", False)),
        ("排名前10名的公司", "10名", ("count", 10, "名", "10 名", False)),  # 前 only leads durations
        ("此前3家公司退出", "3家", ("count", 3, "家", "3 家", False)),
        ("需提前3天预约", "3天", ("duration", 3, "天", "P3D", False)),  # 前 of 提前
        ("此前两年亏损", "两年", ("duration", 2, "年", "P2Y", False)),
        # colloquial hours, trips, ages of a half, "one or more", a magnitude alone after 过/破 (session 9's 16)
        ("我说两个钟头的话。", "两个钟头", ("duration", 2, "小时", "PT2H", False)),
        ("她换乘了四趟车。", "四趟", ("count", 4, "趟", "4 趟", False)),
        ("珊珊半岁的女儿。", "半岁", ("count", 0.5, "岁", "0.5 岁", False)),
        ("出现咳嗽等一种以上症状。", "一种以上", ("count", 1, "种", "1 种", True)),
        ("每日增加百名以上确诊人数。", "百名以上", ("count", 100, "名", "100 名", True)),
        ("涉案金额过亿。", "过亿", ("money", 100000000, "CNY", "100000000 CNY", True)),
        ("行业年产值将会破万亿。", "破万亿", ("count", 1000000000000, None, "1000000000000", True)),
        ("用户数量破亿。", "破亿", ("count", 100000000, None, "100000000", True)),  # over 100 million (was: none)
        ("全台22县市都有。", "22县市", ("count", 22, "县市", "22 县市", False)),
        ("罚款500，并记3分。", "500", ("money", 500, "CNY", "500 CNY", False)),  # a plain amount after a money word
    ],
)
def test_number_figures(text, surface, expected):
    fig = only(text)
    assert fig.surface == surface
    assert summary(fig) == expected


def test_an_earlier_year_with_a_duration_word_is_a_duration():
    assert summary(only("1500年前的城市。")) == ("duration", 1500, "年", "P1500Y", False)
    assert summary(only("树龄大约1600年。")) == ("duration", 1600, "年", "P1600Y", True)


def test_without_publication_date_a_month_day_takes_the_year_the_text_last_named():
    figures = document_figures("d", "2012年7月16日，活动开始。7月17日，活动结束。", None)
    assert [f.normalized for f in figures] == ["2012-07-16", "2012-07-17"]


def test_only_yi_is_a_word_after_tong_wei_and_zhu():
    assert only("习近平主席同武契奇总统两度会晤。").surface == "两度"  # 统 of 总统: only 统一 is a word
    assert only("公司同3家银行签约。").surface == "3家"
    assert document_figures("d", "建设统一大市场，唯一一家。", PUBLISHED) == []


def test_approx_qualifier_must_touch_the_number():
    fig = only("至少要花费800万美元。")
    assert (fig.surface, fig.approx) == ("800万美元", False)


@pytest.mark.parametrize(
    ("text", "published", "surface", "normalized"),
    [
        ("2022年8月,公司发布", None, "2022年8月", "2022-08"),
        ("创办于2019年，总部", None, "2019年", "2019"),
        ("2024 年第一季度,收入", None, "2024 年第一季度", "2024-Q1"),
        ("2024年Q3财报", None, "2024年Q3", "2024-Q3"),
        ("2024年第一季盈利", None, "2024年第一季", "2024-Q1"),  # Hong Kong and Taiwan usage
        ("今年首季盈利", PUBLISHED, "今年首季", "2024-Q1"),
        ("今年第一季业绩", PUBLISHED, "今年第一季", "2024-Q1"),
        ("有望于今年第四季实现盈利", PUBLISHED, "今年第四季", "2024-Q4"),
        ("2024年第三季的业绩", None, "2024年第三季", "2024-Q3"),
        ("一季度营收增长", PUBLISHED, "一季度", "2024-Q1"),  # a quarter without a year: as a bare month
        ("第二季度营收增长", PUBLISHED, "第二季度", "2024-Q2"),
        ("第二季度营收增长", None, "第二季度", None),
        ("2025年上半年营收", None, "2025年上半年", "2025"),
        ("公司2024财年营收", None, "2024财年", "2024"),  # a fiscal year keeps its label
        ("2026财年第一季度营收", None, "2026财年第一季度", "2026-Q1"),
        ("date 2023-03-08 发布", None, "2023-03-08", "2023-03-08"),
        ("于2023年10月份点名", None, "2023年10月份", "2023-10"),
        ("2023年3月8日发布", None, "2023年3月8日", "2023-03-08"),
        ("二〇二三年发布", None, "二〇二三年", "2023"),
        ("２０２３年３月发布", None, "２０２３年３月", "2023-03"),
        ("2023年下半年营收", None, "2023年下半年", "2023"),
        ("今年2月,公司推出", PUBLISHED, "今年2月", "2024-02"),
        ("去年12月，公司上线", PUBLISHED, "去年12月", "2023-12"),
        ("今年三月底,他辞职", PUBLISHED, "今年三月", "2024-03"),
        ("去年7月,他离职", None, "去年7月", None),
        ("去年（2014）8月,他离职", None, "去年（2014）8月", "2014-08"),  # the year given in brackets
        ("截至6月30日,公司", date(2024, 8, 1), "6月30日", "2024-06-30"),
        ("1786年，他出生于巴黎。", None, "1786年", "1786"),  # an earlier year
        ("1786年以来，报纸", None, "1786年", "1786"),
    ],
)
def test_dates(text, published, surface, normalized):
    fig = only(text, published)
    assert (fig.kind, fig.surface, fig.normalized, fig.value, fig.unit) == ("date", surface, normalized, None, None)


def test_batch_resolves_relative_dates_against_each_publication_date():
    figures = extract_figures(
        [("a", "去年12月", PUBLISHED), ("b", "去年12月", date(2020, 6, 1)), ("c", "去年12月", None)]
    )
    assert [f.normalized for f in figures] == ["2023-12", "2019-12", None]


def test_headline_figures_are_placed_in_the_title_after_the_body_s():
    title = "4口挤5坪房 怕癌母有万一"
    figures = extract_figures([("d", "一家4口挤在约5坪的房里。", PUBLISHED, "simplified", title)])
    placed = [(f.field, f.surface, f.start_pos, f.end_pos) for f in figures]
    assert placed == [("body", "4口", 2, 4), ("body", "约5坪", 6, 9), ("title", "4口", 0, 2), ("title", "5坪", 3, 5)]
    assert all(title[f.start_pos : f.end_pos] == f.surface for f in figures if f.field == "title")


def test_a_document_without_headline_has_body_figures_only():
    for title in (None, ""):
        assert {f.field for f in extract_figures([("d", "营收5亿元。", PUBLISHED, "simplified", title)])} == {"body"}
    assert [f.field for f in extract_figures([("d", "营收5亿元。", PUBLISHED)])] == ["body"]


@pytest.mark.parametrize(
    ("body", "script", "currency"),
    [
        ("补助8200元度日。", "traditional", "TWD"),  # Taiwanese text: the headline's bare 元 is TWD too
        ("补助8200元度日，港币另计。", "traditional", "CNY"),  # the body names the Hong Kong currency
        ("补助8200元度日。", "simplified", "CNY"),
    ],
)
def test_a_headline_s_bare_yuan_is_read_as_the_body_reads_it(body, script, currency):
    [headline] = [f for f in extract_figures([("d", body, PUBLISHED, script, "家计靠3000元")]) if f.field == "title"]
    assert (headline.surface, headline.value, headline.unit) == ("3000元", 3000, currency)


def test_a_headline_s_relative_date_resolves_against_publication():
    figures = extract_figures([("d", "无。", PUBLISHED, None, "去年12月营收回升")])
    [headline] = [f for f in figures if f.field == "title"]
    assert (headline.kind, headline.normalized) == ("date", "2023-12")


def test_bare_month_takes_the_year_of_the_sentence():
    figures = document_figures("d", "他去年 11 月和 10 月两次接受采访。", PUBLISHED)
    pairs = [(f.surface, f.normalized) for f in figures]
    assert pairs == [("去年 11 月", "2023-11"), ("10 月", "2023-10"), ("两次", "2 次")]


def test_bare_quarter_takes_the_year_of_the_sentence():
    figures = document_figures("d", "2023年一季度和二季度均亏损。", PUBLISHED)
    assert [(f.surface, f.normalized) for f in figures] == [("2023年一季度", "2023-Q1"), ("二季度", "2023-Q2")]


def test_a_tv_season_is_no_quarter():
    figures = document_figures("d", "2024年第一季剧集上线。", PUBLISHED)
    assert [(f.surface, f.normalized) for f in figures] == [("2024年", "2024")]


@pytest.mark.parametrize(
    "text",
    [
        "第一次遇到核心成员出走。",  # ordinal
        "另一位作者离职。",  # 另一
        "一名对冲基金经理。",  # indefinite 一
        "只需一台性能不错的电脑。",
        "一方面开源需要资金。",  # idiom
        "被微软一夜吞噬。",
        "一时间一场争议浮出水面。",
        "他是创始人之一。",
        "模型都经过二次微调。",  # adjectival 二
        "尚未开放的Stable Diffusion 3,还能开源吗",  # version in a name
        "推迟了GPT-4的发布。",
        "获得了英伟达A100。",
        "使用DALL-E2需要申请。",
        "发布Stable Video 3D。",
        "官方模型从1.5到2.1到XL版本。",
        "转载请注明出处:http://example.com/1095028.html",
        "一些去年备受关注的公司。",  # bare 去年
        "今年应该会是一个大年。",
        "几个月来一直未付。",  # vague without numeral
        "多位高管相继离职。",
        "这件事十分重要。",
        "三番五次地拖延。",
        "百度发布了新模型。",
        "在IF 2023的分享中。",
        "90年代的公司。",
        "千万不要相信。",
        "百家号发布文章。",
        "搭载骁龙8 Gen 3芯片。",
        "20世纪90年代。",
        "《乘风破浪》第一季播出。",  # a season: 第一季 without 度 and without a year is no quarter
        "首季业绩理想。",  # 首季 without a year
        "下一季度营收将增长。",  # relative quarters without a numeral of their own
        "上一季度营收增长。",
        "前三季度营收增长。",
        "每一季度发布一次。",
        "本季度营收增长。",  # deictic periods without a numeral, like bare 今年/去年
        "下半年有望盈利。",
        "今年上半年营收增长。",  # a relative year's half: as vague as 下半年 alone
        "网友热搜十大类宠物商品。",  # a top-ten list's name
        "去年下半年有望盈利。",
        "上个月公司宣布。",
        "上周公司宣布。",
        "本月上线。",
        "零件供应紧张。",  # 零 alone is no numeral before a measure word
        "他的另一半也来了。",  # a partner, not 50%
        "三只松鼠发布财报。",  # brand names holding numerals
        "他入住了7天酒店。",
        "七匹狼股价上涨。",
        "适合增持四大行的时间窗。",  # the big state banks as one name
        "六大国有银行下调存款利率。",
        "六个核桃销量下滑。",
        "十月稻田赴港上市。",
        "公司有3股东。",  # 股东, 股份: no shares
        "双十一期间销量大增。",  # shopping festivals
        "双11大促开启。",
        "十一期间出游人数大增。",  # 期间 is no measure word
        "昨天刚公布新品,今天就被爆出。",  # bare relative days
        "〇十人",  # unreadable numeral
        "他读三年级。",
        "两成员离开。",  # 成员, not tenths
        "搭载三元锂电池。",  # 三元: ternary
        "密码为8位数。",
        "变成本地公司。",
        "一成不变。",
        "千百年来。",
        "万万没想到。",
        "公司成立10周年。",
        "有一天他离开了。",
        "这两天很忙。",
        "善待每一天、每一个人。",  # every (single) day
        "截至10日内地市场休市。",  # 内地: the mainland, no time limit
        "今年3招生计划公布。",
        "我们几位709家属一起来到北京。",  # 家属: family members
        "我们小七变成了我们的七姐！",  # a sibling's rank
        "斗六市长谢淑亚说。",  # a place's name
        "其中一次余震的强度。",  # 余震: an aftershock
        "通过千字营分享。",  # 过 of 通过
        "两大市场、12345市民热线。",  # 市场, 市民
        "三省长共同出席。",  # 省长: governors, not three provinces
        "诈骗平台的电话是12345678。",  # no money word before it
    ],
)
def test_not_figures(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "surfaces", "values", "unit"),
    [
        ("订阅价格在每月8美元到60美元之间。", ["8美元", "60美元"], [8, 60], "USD"),
        ("价格为8-60美元。", ["8", "60美元"], [8, 60], "USD"),
        ("估值3到5亿美元。", ["3", "5亿美元"], [300000000, 500000000], "USD"),
        ("需要 6 到 12 个月。", ["6", "12 个月"], [6, 12], "月"),
        ("30%-40%的增长", ["30%", "40%"], [30, 40], "%"),
    ],
)
def test_ranges_give_two_figures(text, surfaces, values, unit):
    figures = document_figures("d", text, PUBLISHED)
    assert [f.surface for f in figures] == surfaces
    assert [f.value for f in figures] == values
    assert {f.unit for f in figures} == {unit}


def test_a_list_of_plain_amounts_after_a_money_word_is_money():
    figures = document_figures("d", "每天都有人被骗，被骗金额有9800，19800，39800不等。", PUBLISHED)
    assert [(f.kind, f.surface, f.value, f.unit) for f in figures] == [
        ("money", "9800", 9800, "CNY"),
        ("money", "19800", 19800, "CNY"),
        ("money", "39800", 39800, "CNY"),
    ]


def test_administrative_units_are_counted():
    figures = document_figures("d", "涉及豫皖两省15市55县（市、区）。", PUBLISHED)
    expected = [("两省", 2, "省"), ("15市", 15, "市"), ("55县", 55, "县")]
    assert [(f.surface, f.value, f.unit) for f in figures] == expected


def test_conversion_gives_two_figures_sharing_the_metric():
    figures = document_figures("d", "拿下13亿美元(约合人民币94.1亿)融资。", PUBLISHED)
    assert [(f.surface, f.unit, f.approx, f.metric) for f in figures] == [
        ("13亿美元", "USD", False, "funding"),
        ("约合人民币94.1亿", "CNY", True, "funding"),
    ]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("估值40亿美元的公司", "valuation"),
        ("在2022年10月估值达到10亿美元。", "valuation"),
        ("Stability AI在此前四轮融资中共获得1.51亿美元。", "funding"),
        ("该公司的收入不到500万美元。", "revenue"),
        ("亏损超过3000万美元。", "loss"),
        ("该公司每个月至少要花费800万美元。", "spend"),
        ("欠下了数百万美元的账单。", "debt"),
        ("订阅价格在每月8美元之间。", "price"),
        ("三名前员工表示。", "headcount"),
        ("拥有超30万名创作者。", "users"),
        ("获得了1200万张照片。", "other"),  # a count no cue names
        ("增长了15%。", None),  # percentages measure no contract metric
        ("净利润300.41亿元。", "other"),  # profit: not in the contract's list
        ("拥有13.4亿用户。", "users"),  # the counted noun is the cue
        ("市值一夜之间蒸发2790亿美元。", "valuation"),
    ],
)
def test_metric_from_clause_cues(text, metric):
    figures = [f for f in document_figures("d", text, PUBLISHED) if f.kind != "date"]
    assert figures[-1].metric == metric


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("小米股价报53.35港元。", "53.35港元", "price"),
        ("目标价由55港元上调至62港元。", "55港元", "price"),
        ("目标价由55港元上调至62港元。", "62港元", "price"),
        ("以每股52.8港元配售8亿股新股。", "52.8港元", "price"),  # 每股: a unit price
        ("以每股52.8港元配售8亿股新股。", "8亿股", "other"),
        ("已跌至每吨6万元左右。", "6万元左右", "price"),
        ("月供最低2999元。", "2999元", "price"),
        ("企业版起价为每月¥1999。", "¥1999", "price"),
        ("今日高开3.5%，报55.2港元。", "55.2港元", "price"),  # 报 opening the clause: a quote
        ("投资回报5亿元。", "5亿元", "other"),  # 报 inside another word
        ("每股收益0.5元。", "0.5元", "other"),  # earnings per share is no price
        ("碳酸锂报6万元/吨。", "6万元", "price"),  # a unit after the amount
        ("售价5000元 / 台。", "5000元", "price"),
        ("分红100万元/股东。", "100万元", "other"),  # 股东 is no share
        ("集资净额约421亿港元。", "约421亿港元", "funding"),
        ("IPO募集资金30亿元。", "30亿元", "funding"),
        ("计提了45亿美元的相关费用。", "45亿美元", "other"),  # a charge
        ("另有25亿美元的订单无法交付。", "25亿美元", "other"),
        ("签署采购协议，总金额不超过50亿元。", "不超过50亿元", "spend"),  # the last cue before it in its sentence
        ("年化收入已突破2000万美元，预计年底将达到6000万美元。", "6000万美元", "revenue"),
        ("产品定价方面，基础版每月30元。", "30元", "price"),
        ("公司获得2亿美元，估值12亿美元。", "2亿美元", "other"),  # a cue after it in another clause
        ("注册资本3.6亿元，年产能约为2万吨。", "3.6亿元", "other"),  # 注册资本 is no user registration
        ("注册资本3.6亿元，年产能约为2万吨。", "约为2万吨", "other"),
        ("公司团队约120人。", "约120人", "headcount"),
        ("团队规模扩大至300人。", "300人", "headcount"),
        ("公司有100名员工，社区有10万人。", "10万人", "other"),  # counts take no cue from another clause
        ("共有6家公司参与。", "6家", "other"),
        ("历时3个多月。", "3个多月", None),  # durations and dates measure nothing
    ],
)
def test_metric_of_a_figure(text, surface, metric):
    fig = next(f for f in document_figures("d", text, PUBLISHED) if f.surface == surface)
    assert fig.metric == metric


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("对独立开发者的价格为每月100美元。", "month"),
        ("月薪3万元。", "month"),
        ("租金5000元/月。", "month"),
        ("会员费用为99元 / 年。", "year"),
        ("每年花费800万美元。", "year"),
        ("月供最低2999元。", "month"),
        ("公司融资800万美元。", None),
    ],
)
def test_per_period_amounts(text, period):
    assert only(text).period == period


def test_offsets_point_into_the_body_and_sentences_hold_the_figure():
    body = "第一句没有数字。\n公司估值40亿美元，员工100名。"
    for fig in extract_figures([("d", body, PUBLISHED)]):
        assert body[fig.start_pos : fig.end_pos] == fig.surface
        assert fig.sentence_start <= fig.start_pos < fig.end_pos <= fig.sentence_end
        assert fig.sentence_start == body.index("公司")


def test_batch_keeps_document_ids():
    figures = extract_figures([("a", "收入5亿元。", None), ("b", "无数字。", None), ("c", "2019年成立。", None)])
    assert [(f.doc_id, f.surface) for f in figures] == [("a", "5亿元"), ("c", "2019年")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以10亿的估值融到1.01亿美元。", ("money", "10亿", "USD", "1000000000 USD", "valuation")),
        ("估值达到10亿。", ("count", "10亿", None, "1000000000", "other")),  # no currency anywhere near
        ("上轮融资1亿美元。\n估值达到10亿。", ("money", "1亿美元", "USD", "100000000 USD", "funding")),
        ("上轮融资1亿美元，估值达到10亿。", ("money", "1亿美元", "USD", "100000000 USD", "funding")),
        ("这1亿是实打实的现金流。", ("count", "1亿", None, "100000000", "other")),
    ],
)
def test_bare_magnitude_next_to_a_money_cue_is_money(text, expected):
    fig = document_figures("d", text, PUBLISHED)[0]
    assert (fig.kind, fig.surface, fig.unit, fig.normalized, fig.metric) == expected


def test_bare_magnitude_takes_the_currency_of_its_paragraph_only():
    other_paragraph, same_paragraph = (
        document_figures("d", text, PUBLISHED)[-1]
        for text in ["上轮融资1亿美元。\n估值达到10亿。", "上轮融资1亿美元，估值达到10亿。"]
    )
    assert (other_paragraph.kind, other_paragraph.unit) == ("count", None)
    assert (same_paragraph.kind, same_paragraph.unit, same_paragraph.metric) == ("money", "USD", "valuation")


def test_bare_magnitudes_on_one_long_line_take_the_nearest_currency():
    """Each bare magnitude looks at the nearest amounts on its line only: 20,000 on one line finish (no figure
    compares itself with every other one) and each takes its own sentence's currency."""
    sentences = ["以10亿的估值融到1.01亿美元。", "以20亿的估值融到3亿元。"] * 10_000
    figures = document_figures("d", "".join(sentences), PUBLISHED)
    bare = [f for f in figures if f.surface in ("10亿", "20亿")]
    assert len(bare) == 20_000
    assert {(f.surface, f.unit) for f in bare} == {("10亿", "USD"), ("20亿", "CNY")}


NUMERIC_TEXT = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789.,-~到至年月日号季度第一二两三四五六七八九十百千万亿零〇点多余几数上约近超过不到以上"
            "美元人民币$¥%个名位家人周天小时前今去半，。\n AQ百分之每估值融资"
        )
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(NUMERIC_TEXT, st.sampled_from([None, date(2024, 2, 29)]))
def test_any_text_gives_figures_whose_offsets_hold(text, published):
    figures = document_figures("d", text, published)
    for fig in figures:
        assert fig.surface and text[fig.start_pos : fig.end_pos] == fig.surface == fig.surface.strip()
        assert fig.metric is None or fig.metric in METRICS
    for before, after in pairwise(figures):
        assert before.end_pos <= after.start_pos  # no two figures share characters


# ---------------------------------------------------------------- metrics: the contract's list only


def test_every_metric_in_the_rules_is_in_the_contract_list():
    r = rules()
    named = {*r.metric_kinds, *r.cue_metric.values(), *r.opener_metric.values(), *r.per_metric.values()}
    assert named | set(r.default_metric.values()) <= set(METRICS)
    assert "profit" not in named


@pytest.mark.parametrize(
    "text",
    ["净利润300亿元。", "实现利润5亿元。", "毛利2亿元。", "盈利3000万美元。", "净利1.2亿元。", "每股收益0.5元。"],
)
def test_profit_figures_measure_other(text):
    [fig] = [f for f in document_figures("d", text, PUBLISHED) if f.kind == "money"]
    assert fig.metric == "other"


# ---------------------------------------------------------------- long runs (no quadratic scans)

LONG_RUN = 200_000  # a quadratic scan of a run this long would take minutes


@pytest.mark.parametrize("char", ["1", "a", ".", "-", "_", "中", " ", "\n"])
def test_a_long_run_of_one_character_gives_no_figure(char):
    assert document_figures("d", char * LONG_RUN, PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "见www.example.com/2024/3亿",
        "来源sina.com.cn/5000万",
        "见news.example.org/a-3亿.html",
        "访问http://example.com/3亿元页面",
    ],
)
def test_numbers_inside_web_addresses_are_no_figures(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("a.com之外，营收3亿元。", ["3亿元"]),  # the address ends where the run of its characters ends
        ("营收3亿元，见a.com。", ["3亿元"]),
        ("3亿元" + "1" * LONG_RUN + "。", ["3亿元"]),
    ],
)
def test_figures_beside_web_addresses_and_long_runs_are_kept(text, surfaces):
    assert [f.surface for f in document_figures("d", text, PUBLISHED)] == surfaces


@pytest.mark.parametrize("gap", ["", " ", "\n", " " * LONG_RUN, "\n" * LONG_RUN])
def test_a_conversion_after_any_blank_gap_shares_the_metric(gap):
    figures = document_figures("d", f"拿下13亿美元{gap}(约合人民币94.1亿)融资。", PUBLISHED)
    assert [(f.unit, f.metric) for f in figures] == [("USD", "funding"), ("CNY", "funding")]


# ---------------------------------------------------------------- Taiwanese and other real-news genres

TW_PUBLISHED = date(2018, 2, 21)


@pytest.mark.parametrize(
    ("text", "script", "expected"),
    [
        ("补助8200元度日。", "traditional", [("8200元", 8200, "TWD")]),  # a bare 元 in Taiwanese text
        ("EPS中位数由8.35元上修至8.19元。", "traditional", [("8.35元", 8.35, "TWD"), ("8.19元", 8.19, "TWD")]),
        ("补助8200元度日。", "mixed", [("8200元", 8200, "TWD")]),
        ("补助8200元度日。", "simplified", [("8200元", 8200, "CNY")]),
        ("补助8200元度日。", None, [("8200元", 8200, "CNY")]),
        # a Hong Kong report (港元 named): its bare 元 stays renminbi
        ("股价报53港元，营收1112.9亿元。", "traditional", [("53港元", 53, "HKD"), ("1112.9亿元", 111290000000, "CNY")]),
        ("罚款新台币3000元。", "simplified", [("新台币3000元", 3000, "TWD")]),
        ("罚款3000元新台币。", "simplified", [("3000元新台币", 3000, "TWD")]),
        ("罚款5000元台币。", "simplified", [("5000元台币", 5000, "TWD")]),
        ("售价NT$1200。", "traditional", [("NT$1200", 1200, "TWD")]),
        ("营收3亿美元。", "traditional", [("3亿美元", 300000000, "USD")]),  # named currencies stay
    ],
)
def test_local_currency_of_a_bare_yuan(text, script, expected):
    figures = document_figures("d", text, PUBLISHED, script)
    assert [(f.surface, f.value, f.unit) for f in figures] == expected


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("医院已补助1万4000元看护费。", "1万4000元", 14000),
        ("每月可领1万6400元。", "1万6400元", 16400),
        ("每月共1万500元。", "1万500元", 10500),  # the digits after 万 are literal
        ("领1千500元工钱。", "1千500元", 1500),
        ("亏损3亿5000万元。", "3亿5000万元", 350000000),
        ("花了1万5千元。", "1万5千元", 15000),
    ],
)
def test_amounts_mixing_digits_and_magnitude_words(text, surface, value):
    fig = only(text)
    assert (fig.kind, fig.surface, fig.value) == ("money", surface, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("领1千或1千500元工钱。", [("1千", 1000), ("1千500元", 1500)]),
        ("每月常协助3、5千元。", [("3", 3000), ("5千元", 5000)]),  # 、 between numerals: a range
        ("每月才赚7、8000元。", [("7", 7000), ("8000元", 8000)]),  # 7、8000: seven to eight thousand
        ("还有两、三只是赠品。", [("两、三只", 2)]),  # adjacent numerals joined by 、: one vague range
        ("现年18、17岁。", [("18", 18), ("17岁", 17)]),  # not scaled: two digits
    ],
)
def test_taiwanese_ranges(text, expected):
    assert [(f.surface, f.value) for f in document_figures("d", text, PUBLISHED)] == expected


@pytest.mark.parametrize(
    ("text", "script", "surface", "normalized"),
    [
        ("新店区今（21）日下午发生坠楼", None, "今（21）日", "2018-02-21"),
        ("警方昨（20）日表示", None, "昨（20）日", "2018-02-20"),
        ("将于明(22)日开幕", None, "明(22)日", "2018-02-22"),
        ("发生在八十六年十二月的案件", "traditional", "八十六年十二月", "1997-12"),
        ("于86年3月成立", "traditional", "86年3月", "1997-03"),
        ("民国86年3月成立", "simplified", "民国86年3月", "1997-03"),
        ("民国一百年起实施", "simplified", "民国一百年", "2011"),
        ("二○一三年成立协会", None, "二○一三年", "2013"),  # ○ written for 〇
        ("去年（2014）8月嘴痛", None, "去年（2014）8月", "2014-08"),  # the bracketed year wins over publication
        ("2000 年 5 月 27-28 日举行", None, "2000 年 5 月 27-28 日", "2000-05-27"),  # a range of days
    ],
)
def test_taiwanese_dates(text, script, surface, normalized):
    [fig] = [f for f in document_figures("d", text, TW_PUBLISHED, script) if f.kind == "date"]
    assert (fig.surface, fig.normalized) == (surface, normalized)


def test_a_roc_year_without_its_prefix_reads_only_in_taiwanese_text():
    def dates(script):
        return [f.surface for f in document_figures("d", "于86年3月成立", TW_PUBLISHED, script) if f.kind == "date"]

    assert dates("simplified") == []
    assert dates("traditional") == ["86年3月"]


def test_years_of_a_list_are_each_a_date():
    figures = document_figures("d", "1961和1962年，2025及2026年", PUBLISHED)
    assert [(f.surface, f.normalized) for f in figures] == [
        ("1961", "1961"),
        ("1962年", "1962"),
        ("2025", "2025"),
        ("2026年", "2026"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("台股加权指数收10400点。", "10400点", ("count", 10400, "点")),  # index points
        ("指数下跌35.5点。", "35.5点", ("count", 35.5, "点")),
        ("长宁县6.0级地震", "6.0级", ("count", 6.0, "级")),  # magnitudes
        ("珙县一场5.4级的地震", "5.4级", ("count", 5.4, "级")),
        ("要求40 TOPS的算力", "40 TOPS", ("count", 40, "TOPS")),
        ("配备12GB内存。", "12GB", ("count", 12, "GB")),
        ("以4奈米制程生产", "4奈米", ("count", 4, "奈米")),
        ("每秒1兆次操作", "1兆次", ("count", 1e12, "次")),  # 兆 before a unit: a trillion
        ("台股总市值131兆元", "131兆元", ("money", 131e12, "CNY")),
        ("发生率不到千分之二", "不到千分之二", ("percent", 0.2, "%")),
        ("发生率不到万分之1", "不到万分之1", ("percent", 0.01, "%")),
        ("待了半年", "半年", ("duration", 0.5, "年")),
        ("生活了一年半", "一年半", ("duration", 1.5, "年")),
        ("休息半个月", "半个月", ("duration", 0.5, "月")),
        ("到2岁半还不会走路", "2岁半", ("count", 2.5, "岁")),
        ("7旬母亲", "7旬", ("count", 70, "岁")),  # an age in decades
        ("花了两三个月", "两三个月", ("duration", 2, "月")),  # adjacent numerals: the lower, approximate
        ("有三四十万人", "三四十万人", ("count", 300000, "人")),
        ("旁听的人数达百余人", "百余人", ("count", 100, "人")),
        ("共有八万一千七百六十八位用户", "八万一千七百六十八位", ("count", 81768, "位")),  # 万一 is no idiom here
        ("她独育4子女", "4子女", ("count", 4, "子女")),  # family members
        ("她1兄早逝", "1兄", ("count", 1, "兄")),
        ("那时3餐都靠邻居", "3餐", ("count", 3, "餐")),
        ("另3个抢接说", "3个", ("count", 3, "个")),  # 另 rejects only 一
        ("这些数以千计的华人", "数以千计", ("count", 1000, None)),  # a vague magnitude as an idiom
        ("数以亿计的用户", "数以亿计", ("count", 1e8, None)),
        ("本月初56岁罹癌", "56岁", ("count", 56, "岁")),  # 初 of 月初 is no ordinal
    ],
)
def test_real_news_units(text, surface, expected):
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.unit) == (surface, *expected)


def test_a_half_after_a_duration_that_begins_a_word_stays_out():
    assert only("投入3年半导体研发").surface == "3年"


def test_vague_pairs_are_approximate():
    assert only("花了两三个月").approx and only("有三四十万人").approx


@pytest.mark.parametrize(
    "text",
    [
        "下午3点出门。",  # a clock time, not index points
        "三级古迹水仙宫",  # a grade, not a magnitude
        "5级台阶",
        "上半年营收",  # 半 inside 上半年
        "大半年没见",
        "一天下午，他来了。",  # a moment, not a duration
        "另一个人说",
        "直到夜色四起",  # an idiom
        "二十届三中全会召开",  # a session's name
        "戴着口罩",
        "100兆带宽",  # 兆 without a unit
        "开发GBA游戏",  # a Latin unit only as a whole word
    ],
)
def test_real_news_not_figures(text):
    assert [f.surface for f in document_figures("d", text, PUBLISHED) if f.kind != "date"] == []


@pytest.mark.parametrize(
    ("text", "refers_back"),
    [
        ("Inflection AI更有潜力。这家成立仅1年多的公司拿下13亿美元融资。", True),
        ("据路透社报道，Stability AI寻求融资。上一轮融资后，公司以10亿美元估值成为独角兽。", True),
        ("Stability AI获得1.51亿美元。", False),  # one sentence: nothing before
        ("他离开了。Stability AI获得1.51亿美元。", False),  # no word refers back
    ],
)
def test_a_sentence_that_refers_back_points_to_the_sentence_before(text, refers_back):
    [fig] = [f for f in document_figures("d", text, PUBLISHED) if f.kind == "money"]
    assert fig.antecedent_start == (0 if refers_back else None)


@pytest.mark.parametrize(
    ("text", "surface", "start_of"),
    [
        ("星河科技成立多年。巅峰时20亿元的估值，如今无人问津。", "20亿元", "星河"),  # valuation, subject left out
        ("甲。乙。丙。该公司估值20亿元。", "20亿元", "乙"),  # two sentences back, no further
        ("甲。\n乙。该公司获得3亿元融资。", "3亿元", "甲"),  # referring back: across a paragraph break
        ("甲。\n乙。获得3亿元融资。", "3亿元", "乙"),  # a subject left out: in its paragraph only
        ("该公司估值20亿元。", "20亿元", "该"),  # the first sentence: its own start, for the document's topic
        ("星河科技成立多年。营收达到20亿元。", "20亿元", None),  # revenue: no subject left out to look back for
        ("星河科技成立多年。总估值增加，达到20亿元。", "20亿元", None),  # the metric word is the sentence's subject
    ],
)
def test_where_a_figure_s_antecedent_is_looked_for(text, surface, start_of):
    [fig] = [f for f in document_figures("d", text, PUBLISHED) if f.surface == surface]
    assert fig.antecedent_start == (None if start_of is None else text.index(start_of))


def test_index_points_and_percentages_in_brackets():
    figures = document_figures("d", "加权指数上涨52.3点（0.5%），收10400点，毛利率(约30%)。", PUBLISHED, "traditional")
    assert [(f.kind, f.surface, f.value) for f in figures] == [
        ("count", "52.3点", 52.3),
        ("percent", "0.5%", 0.5),
        ("count", "10400点", 10400),
        ("percent", "约30%", 30),
    ]


# --- real-news figures (issue 13): multiples, fractions and halves, colloquial money, more measure words ------------


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("股价上涨了3.2倍。", "3.2倍", ("count", 3.2, "倍", "3.2 倍", False)),  # a multiple, counted in 倍
        ("对应的市盈率是１．４３倍。", "１．４３倍", ("count", 1.43, "倍", "1.43 倍", False)),
        ("就有三分之二支援5G。", "三分之二", ("percent", 200 / 3, "%", f"{200 / 3:.20g}%", False)),
        ("费用是正常的五分之一。", "五分之一", ("percent", 20, "%", "20%", False)),
        ("超过一半将在未来增加投资", "超过一半", ("percent", 50, "%", "50%", True)),
        ("已偿近半债务。", "近半", ("percent", 50, "%", "50%", True)),
        ("油价降到７块，乘客不满。", "７块", ("money", 7, "CNY", "7 CNY", False)),
        ("从８块多钱降下来。", "８块多", ("money", 8, "CNY", "8 CNY", True)),
        ("一袋装着两块肋骨。", "两块", ("count", 2, "块", "2 块", False)),
        ("被肢解超过二十块以上，", "超过二十块以上", ("count", 20, "块", "20 块", True)),
        ("突发高烧至三十八度。", "三十八度", ("count", 38, "度", "38 度", False)),
        ("传出3声巨响。", "3声", ("count", 3, "声", "3 声", False)),
        ("8核心版本晶片。", "8核心", ("count", 8, "核心", "8 核心", False)),
        ("获奖机构１０强揭晓。", "１０强", ("count", 10, "强", "10 强", False)),
        ("都要48周岁以下的。", "48周岁以下", ("count", 48, "周岁", "48 周岁", True)),
        ("耗时2个多小时到医院。", "2个多小时", ("duration", 2, "小时", "PT2H", True)),
        ("我在房里哭了两礼拜。", "两礼拜", ("duration", 2, "周", "P2W", False)),
    ],
)
def test_real_news_figures(text, surface, expected):
    fig = only(text)
    assert fig.surface == surface
    assert summary(fig)[:3] == expected[:3] and fig.approx == expected[4]
    assert fig.value == pytest.approx(expected[1])


def test_colloquial_money_is_the_local_currency():
    (fig,) = document_figures("d", "高丽菜1颗10块，家里连吃两周", None, "traditional")[1:2]
    assert (fig.surface, fig.kind, fig.unit) == ("10块", "money", "TWD")


@pytest.mark.parametrize("text", ["就医检查竟是食道癌3期。", "检查竟是3期肺癌。", "误他人生很大一块，"])
def test_cancer_stages_and_a_piece_are_no_figures(text):
    assert document_figures("d", text, None) == []


def test_an_issue_count_and_one_yuan_stay_figures():
    assert [f.surface for f in document_figures("d", "出版3期杂志，一块钱一本。", None)] == ["3期", "一块钱"]


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "unit"),
    [
        # colloquial mainland amounts: N个亿 = N亿, after a money word they are money in the local currency
        ("涉嫌非法集资近四个亿，", "近四个亿", "money", 400000000, "CNY"),
        ("涉案金额：约4.4个亿。", "约4.4个亿", "money", 440000000, "CNY"),
        ("诈骗4.4多亿的平台", "4.4多亿", "money", 440000000, "CNY"),
        ("拿到了一份年薪17万的工作。", "17万", "money", 170000, "CNY"),
        ("房子开价425万，", "425万", "money", 4250000, "CNY"),
        ("公司罚款300万。", "300万", "money", 3000000, "CNY"),
        # web shorthand W for 万 before a unit
        ("发放1.6W个口罩", "1.6W个", "count", 16000, "个"),
        ("阅读10w次", "10w次", "count", 100000, "次"),
        # Taiwanese floor area
        ("小套房约4坪，", "约4坪", "count", 4, "坪"),
        ("产权约11.04坪，", "约11.04坪", "count", 11.04, "坪"),
    ],
)
def test_colloquial_amounts_web_shorthand_and_floor_area(text, surface, kind, value, unit):
    fig = only(text)
    assert (fig.surface, fig.kind, float(fig.value), fig.unit) == (surface, kind, value, unit)


def test_a_bare_amount_after_a_money_word_takes_the_taiwanese_currency():
    fig = document_figures("d", "凶宅下月拍卖开价425万", PUBLISHED, "traditional")[0]
    assert (fig.kind, fig.unit) == ("money", "TWD")


@pytest.mark.parametrize(
    "text",
    [
        "用户达到1亿。",  # no money word: a bare count
        "诈骗案发生在十年前，受害者有300万。",  # the money word is far before, in another clause
        "功率5W的灯泡",  # W without a unit is watts
        "使用3w的充电器",
    ],
)
def test_bare_magnitudes_without_a_money_word_are_not_money(text):
    assert all(f.kind != "money" for f in document_figures("d", text, PUBLISHED))


def test_red_cross_is_no_count():
    assert [f.surface for f in document_figures("d", "湖北省红十字会拨发口罩", PUBLISHED)] == []


@pytest.mark.parametrize("text", ["2字尾的号码卖相颇佳", "8字头的车牌", "这两单位不在名单上"])
def test_a_measure_word_starting_another_word_is_no_count(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("尸块分成六大袋丢弃", "六大袋", 6, "袋"),
        ("分为3大类：", "3大类", 3, "类"),
        ("买了两小箱水果", "两小箱", 2, "箱"),
    ],
)
def test_a_size_word_between_number_and_measure_word_stays_in_the_count(text, surface, value, unit):
    fig = only(text)
    assert (fig.surface, fig.kind, float(fig.value), fig.unit) == (surface, "count", value, unit)


@pytest.mark.parametrize("text", ["五大湖区", "十大热门商品", "第3大股东", "三大优势"])
def test_a_size_word_without_a_measure_word_is_no_count(text):
    assert document_figures("d", text, PUBLISHED) == []


def test_a_small_hour_is_still_an_hour():
    assert summary(only("两小时后"))[:3] == ("duration", 2, "小时")


@pytest.mark.parametrize(
    ("text", "published", "surface", "normalized"),
    [
        ("16日下午1时许发生意外", date(2018, 9, 16), "16日", "2018-09-16"),
        ("某社某地28日电", date(2018, 9, 3), "28日", "2018-08-28"),  # still to come this month: last month's
        ("7日起实施", date(2024, 1, 5), "7日", "2023-12-07"),
    ],
)
def test_a_bare_day_is_a_day_of_the_publication_month(text, published, surface, normalized):
    fig = only(text, published)
    assert (fig.surface, fig.kind, fig.normalized) == (surface, "date", normalized)


@pytest.mark.parametrize("text", ["3日内完成", "花了100日元", "近3日", "每日新闻", "为期3日的会议", "5日游", "1日本"])
def test_a_day_count_or_another_word_is_no_bare_day(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "date"] == []


def test_a_bare_day_without_a_publication_date_is_no_figure():
    assert document_figures("d", "16日下午发生意外", None) == []


def test_a_range_of_bare_days_gives_both():
    assert [f.normalized for f in document_figures("d", "2日至5日举行", PUBLISHED)] == ["2024-03-02", "2024-03-05"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("2015年8月20日、21日一审开庭", date(2020, 1, 4), [("2015年8月20日", "2015-08-20"), ("21日", "2015-08-21")]),
        ("2011年7月3日－8日举行", None, [("2011年7月3日", "2011-07-03"), ("8日", "2011-07-08")]),
        ("7月3日至11日举办", None, [("7月3日", None), ("11日", None)]),  # no year: listed, unresolved
        (
            "8月20日、21日、22日",
            date(2015, 9, 1),
            [
                ("8月20日", "2015-08-20"),
                ("21日", "2015-08-21"),
                ("22日", "2015-08-22"),
            ],
        ),
        ("5月30日至2日", date(2024, 6, 5), [("5月30日", "2024-05-30"), ("2日", None)]),  # past the month's end
        ("8月20、21日开庭", date(2015, 9, 1), [("8月20、21日", "2015-08-20")]),  # one range: its first day
    ],
)
def test_a_day_listed_after_a_dated_day_shares_its_year_and_month(text, published, expected):
    assert [(f.surface, f.normalized) for f in document_figures("d", text, published)] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("8月20日，他说21日会来", date(2020, 1, 4), [("8月20日", "2020-08-20"), ("21日", "2019-12-21")]),  # a clause
        ("2015年8月、21日", date(2020, 1, 4), [("2015年8月", "2015-08"), ("21日", "2019-12-21")]),  # no day before
        ("8月20日至21日内完成", date(2015, 9, 1), [("8月20日", "2015-08-20"), ("21日内", "P21D")]),
    ],
)
def test_a_bare_day_not_listed_after_a_dated_day_keeps_the_publication_month(text, published, expected):
    assert [(f.surface, f.normalized) for f in document_figures("d", text, published)] == expected


def test_a_month_day_after_publication_takes_the_earlier_year_the_story_named():
    text = "2017年10月17日，他离开了研究所。\n10月19日，他又被叫了回去。"
    assert [f.normalized for f in document_figures("d", text, date(2018, 4, 12))] == ["2017-10-17", "2017-10-19"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年他离开了研究所。\n3月1日，他又被叫了回去。", ["2017", "2018-03-01"]),  # already past this year
        ("会议将于10月19日举行。", ["2018-10-19"]),  # no earlier year named: the publication year
    ],
)
def test_a_month_day_keeps_the_publication_year_otherwise(text, expected):
    assert [f.normalized for f in document_figures("d", text, date(2018, 4, 12))] == expected


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("限量值为0.06mg/kg，", "0.06mg/kg", 0.06, "mg/kg"),
        ("摄入量25µg/kg BW", "25µg/kg", 25, "µg/kg"),
        ("为0.020 mg/kg等", "0.020 mg/kg", 0.02, "mg/kg"),
        ("每公斤含0.06毫克", "0.06毫克", 0.06, "毫克"),
        ("体重70kg的人", "70kg", 70, "kg"),
    ],
)
def test_limits_and_doses_are_counts_in_their_unit(text, surface, value, unit):
    fig = only(text)
    assert (fig.surface, fig.kind, float(fig.value), fig.unit) == (surface, "count", value, unit)


@pytest.mark.parametrize("text", ["GB 2762-2017", "型号MG5", "5mgx"])
def test_standard_numbers_and_model_names_are_no_doses(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.unit in ("mg", "mg/kg", "kg")] == []


@pytest.mark.parametrize(
    "body",
    [
        "营收１２３亿元，增长５．５％",  # full-width digits: made ASCII
        "详见 https://example.com/a?b=1 与 www.example.cn 及 news.example.com.tw 的报道",  # URLs: blanked
        "没有网址也没有全角数字的句子，3.5亿元。",  # neither: left as it is
        "见 example.com 网站",  # a bare domain: blanked
    ],
)
def test_mask_skips_only_texts_without_what_it_replaces(body):
    from zhnews.figures import BLANK, FULL_WIDTH, URL, _idiom_blanked, _mask

    text = URL.sub(lambda m: BLANK * len(m.group()), body.translate(FULL_WIDTH).replace("○", "〇"))
    expected = rules().idioms.sub(lambda m: _idiom_blanked(text, m), text)
    assert _mask(body) == expected
    assert len(expected) == len(body)
    assert (expected == body) == body.startswith("没有")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # adjacent Chinese numerals joined by 、: the lower one, approximate (a vague range, as 五六千)
        ("高达三、四成。", [("三、四成", "percent", 30, True)]),
        ("约五、六千元。", [("约五、六千元", "money", 5000, True)]),
        ("两、三倍。", [("两、三倍", "count", 2, True)]),
        ("三、五千元", [("三、五千元", "money", 3000, True)]),  # 三五 is a vague pair too (numeral_pairs)
        ("3、5千元", [("3", "money", 3000, False), ("5千元", "money", 5000, False)]),  # digits: a range of two ends
        # plain numbers listed with 、 before a figure share its unit
        ("分别14、13、9岁。", [("14", "count", 14, False), ("13", "count", 13, False), ("9岁", "count", 9, False)]),
        ("第1、2、3名。", [("3名", "count", 3, False)]),  # ranks: no list
        ("育有18、16、11及4岁子女", [("18", "count", 18, False), ("16", "count", 16, False), ("11", "count", 11, False),
                                ("4岁", "count", 4, False)]),
        ("他和3岁的女儿", [("3岁", "count", 3, False)]),
        # a duration in two units is one duration in the smaller
        ("休庭4年4个月之后", [("4年4个月", "duration", 52, False)]),
        ("历时1小时15分钟。", [("1小时15分钟", "duration", 75, False)]),
        ("又过了3天。", [("3天", "duration", 3, False)]),
        # below zero
        ("在零下24度的寒风中", [("零下24度", "count", -24, False)]),
        ("体温38度。", [("38度", "count", 38, False)]),
        # 一 and a time unit after 前/这/那/新: no duration
        ("开庭前一天下了大雪。", []),
        ("新一年的经费", []),
        ("这一年里", []),
        ("用了一年时间。", [("一年", "duration", 1, False)]),
        ("前4个月增长", [("前4个月", "duration", 4, False)]),
        # 近半 before a time word is no percent
        ("已经接近半夜12点", []),
        ("近半年来", [("近半年来", "duration", 0.5, True)]),
        ("近半受访者", [("近半", "percent", 50, True)]),
        # count units
        ("投资150万元对20处城市社区", [("150万元", "money", 1500000, False), ("20处", "count", 20, False)]),
        ("藏书5000多册", [("5000多册", "count", 5000, True)]),
        ("发现3具遗体", [("3具", "count", 3, False)]),
        ("赢得10席", [("10席", "count", 10, False)]),
        ("一家共6手足", [("6手足", "count", 6, False)]),
        ("马上处理", []),
        ("共2处理器", []),
        ("四处奔走", []),
        # idiom; index points with a thousands separator; money words
        ("恨不得有三头六臂", []),
        ("夜盘10,360点开出", [("10,360点", "count", 10360, False)]),
        ("劳务费共900万左右", [("900万左右", "money", 9000000, True)]),
        ("手术花了10多万。", [("10多万", "money", 100000, True)]),
        # session 14 (kind: money read as a count): donations
        ("同胞捐的两百亿", [("两百亿", "money", 20000000000, False)]),
        ("之前捐给学校一个亿的资产", [("一个亿", "money", 100000000, False)]),
        ("共募得善款逾百万", [("逾百万", "money", 1000000, True)]),
        ("捐了两百多万件衣物", [("两百多万件", "count", 2000000, True)]),
        ("「1个月才赚1万多块」", [("1个月", "duration", 1, False), ("1万多块", "money", 10000, True)]),
        ("切成两块」", [("两块", "money", 2, False)]),
    ],
)
def test_session11_figures(text, expected):
    figs = document_figures("d", text, PUBLISHED)
    assert [(f.surface, f.kind, f.value, f.approx) for f in figs] == expected


@pytest.mark.parametrize("text", ["。两人交往多年", "然后两人朝着操场走去", "将两人的对话转发", "夫妻两人决定", "两人"])
def test_the_two_of_them_is_no_count(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "count"] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [("车祸造成两人死亡", "两人"), ("其中两人受伤", "两人"), ("约两人", "约两人"), ("2人受伤", "2人"),
     ("三人同行", "三人"), ("两名嫌犯", "两名"), ("两三人", "两三人")],
)
def test_two_people_introduced_as_a_number_are_a_count(text, surface):
    assert [f.surface for f in document_figures("d", text, PUBLISHED) if f.kind == "count"] == [surface]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("将285万写成2850元", "285万", "CNY"),  # the money word comes later in the clause
        ("把2850美元改为285万", "285万", "USD"),  # or before it
        ("实际发放了2800万左右", "2800万左右", "CNY"),
        ("说赔四五百万", "四五百万", "CNY"),
        ("背债上百万", "上百万", "CNY"),
    ],
)
def test_a_bare_magnitude_tied_to_money_is_money(text, surface, unit):
    fig = next(f for f in document_figures("d", text, PUBLISHED) if f.surface == surface)
    assert (fig.kind, fig.unit) == ("money", unit)


@pytest.mark.parametrize(
    ("text", "surface"),
    [("用户285万，收入2850元", "285万"), ("285万与2850元", "285万"), ("285万人写成2850元", "285万人"),
     ("发放了300万份", "300万份")],
)
def test_a_bare_magnitude_not_tied_to_money_stays_a_count(text, surface):
    fig = next(f for f in document_figures("d", text, PUBLISHED) if f.surface == surface)
    assert fig.kind == "count"


@pytest.mark.parametrize("text", ["双亲残 小六女帮擦澡", "老两口在老家买了房", "小两口吵架", "老三家"])
def test_a_grade_or_rank_after_xiao_or_lao_is_no_count(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "count"] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [("比他小十几岁", "十几岁"), ("他比我小两岁", "两岁"), ("小3岁", "3岁"), ("大小两个", "两个"), ("老人3名", "3名")],
)
def test_a_count_after_xiao_or_lao_still_counts(text, surface):
    assert [f.surface for f in document_figures("d", text, PUBLISHED) if f.kind == "count"] == [surface]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("乃至于十数年退休的人", "十数年", ("duration", 10, "年", "P10Y", True)),  # ten-odd years
        ("十数个村庄", "十数个", ("count", 10, "个", "10 个", True)),
        ("当前万点高档区间", "万点", ("count", 10000, "点", "10000 点", False)),  # an index level
        ("比某案还多一人！", "一人", ("count", 1, "人", "1 人", False)),  # one more
        ("少一名球员", "一名", ("count", 1, "名", "1 名", False)),
    ],
)
def test_vague_tails_index_levels_and_one_more(text, surface, expected):
    fig = only(text)
    assert (fig.surface, *summary(fig)) == (surface, *expected)


@pytest.mark.parametrize("text", ["一人", "一个人", "三数", "一数才知道", "百点", "下午3点", "两点"])
def test_no_vague_tail_index_level_or_one_more_here(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "count"] == []


@pytest.mark.parametrize("text", ["某月的某一天", "他是头一天来的", "3月底一天，北京", "一年一年过", "活一天算一天"])
def test_one_day_as_a_moment_or_an_idiom_is_no_duration(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "duration"] == []


@pytest.mark.parametrize(("text", "surface"), [("持续一天之久", "一天"), ("教了一年书", "一年"), ("头三年", "头三年")])
def test_one_day_after_a_verb_is_a_duration(text, surface):
    assert [f.surface for f in document_figures("d", text, PUBLISHED) if f.kind == "duration"] == [surface]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("10个便士的硬币", "10个便士", 0.1, "GBP"),  # a subunit: the amount in the main unit
        ("显示是50便士，这样", "50便士", 0.5, "GBP"),
        ("买些一毛到5毛的零食", "一毛", 0.1, "CNY"),
        ("五毛钱一个", "五毛钱", 0.5, "CNY"),
        ("他给了我5毛。", "5毛", 0.5, "CNY"),
    ],
)
def test_a_currency_subunit_is_a_fraction_of_its_unit(text, surface, value, unit):
    fig = next(f for f in document_figures("d", text, PUBLISHED) if f.surface == surface)
    assert (fig.kind, fig.value, fig.unit) == ("money", pytest.approx(value), unit)


def test_a_subunit_in_taiwanese_text_is_the_local_currency():
    fig = only("他給了我5毛。")
    assert (fig.kind, fig.unit) == ("money", "CNY")
    fig = document_figures("d", "他给了我5毛。", PUBLISHED, "traditional")[0]
    assert (fig.kind, fig.value, fig.unit) == ("money", 0.5, "TWD")


@pytest.mark.parametrize("text", ["三毛的作品", "一毛不拔", "羊毛衫"])
def test_mao_as_hair_or_a_name_is_no_money(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "money"] == []


@pytest.mark.parametrize(("text", "surface"), [("出门前半小时，挤", "半小时"), ("春节前半个月正是旺季", "半个月")])
def test_half_a_time_before_is_a_duration(text, surface):
    assert [f.surface for f in document_figures("d", text, PUBLISHED) if f.kind == "duration"] == [surface]


@pytest.mark.parametrize("text", ["前半年营收增长", "前半场比赛", "上半年营收"])
def test_the_first_half_of_a_year_is_no_duration(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "duration"] == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [("140学童受惠", "140学童", 140, "学童"), ("武汉十教授发声", "十教授", 10, "教授"),
     ("八医生被训诫", "八医生", 8, "医生")],
)
def test_people_counted_without_a_measure_word(text, surface, value, unit):
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.unit) == (surface, "count", value, unit)


@pytest.mark.parametrize("text", ["一医生说", "医生3人", "第十教授"])
def test_people_nouns_after_no_numeral_or_an_ordinal_are_no_count_of_them(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.unit in ("医生", "教授")] == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [("近百危重伤者", "近百", 100), ("万余灾民连夜转移", "万余", 10000), ("千余里路", "千余", 1000),
     ("过亿", "过亿", 10**8)],
)
def test_a_qualified_magnitude_alone_is_an_approximate_count(text, surface, value):
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.approx) == (surface, "count", value, True)


@pytest.mark.parametrize("text", ["百度搜索", "亿万富翁", "千万别去", "最近百度"])
def test_a_magnitude_alone_unqualified_is_no_count(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"), [("月入连万元都不到", "万元", 10000), ("千元机热销", "千元", 1000)]
)
def test_a_magnitude_alone_before_a_currency_is_an_amount(text, surface, value):
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.unit) == (surface, "money", value, "CNY")


@pytest.mark.parametrize("text", ["他是万元户", "百元"])
def test_no_amount_from_an_idiom_or_a_hundred_alone(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [("云南宜良的千亩樱花进入盛花期", "千亩", 1000, "亩"), ("建成万亩良田", "万亩", 10000, "亩"),
     ("一条长达百米的长龙", "百米", 100, "米"), ("万米高空", "万米", 10000, "米"),
     ("百公顷湿地", "百公顷", 100, "公顷"), ("大约是7.5公厘", "7.5公厘", 7.5, "公厘"),
     ("跑了100公尺", "100公尺", 100, "公尺")],
)
def test_counts_in_units_of_area_or_length(text, surface, value, unit):
    """Session 12 (kind: count missed): a magnitude alone before a unit of area or length (千亩, 百米), and Taiwan's
    公厘 (mm) and 公尺 (m)."""
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.unit) == (surface, "count", value, unit)


@pytest.mark.parametrize("text", ["每千米耗电", "百年老店", "千里之外"])
def test_a_magnitude_alone_before_other_words_is_no_count(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize("text", ["致其会阴三度裂伤", "手臂二度烧伤", "两度烫伤的皮肤"])
def test_a_degree_of_injury_is_no_count(text):
    """Session 12 (kind: spurious count): 三度裂伤 is a grade, not three degrees."""
    assert document_figures("d", text, PUBLISHED) == []


def test_a_temperature_in_degrees_still_counts():
    fig = only("发烧到三十八度")
    assert (fig.kind, fig.value) == ("count", 38)


@pytest.mark.parametrize("text", ["出借人和借款人两头吃", "每天两头跑"])
def test_both_ends_is_no_count(text):
    """Session 12 (kind: spurious count): 两头 in 两头吃/两头跑 means both ends."""
    assert document_figures("d", text, PUBLISHED) == []


def test_two_head_of_cattle_still_count():
    fig = only("家里养了两头牛")
    assert (fig.surface, fig.value) == ("两头", 2)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [("一公顷可种植800株", "800株", 800, "株"), ("她从蹲点观测转为环岛两圈", "两圈", 2, "圈"),
     ("保持了半米的礼貌距离", "半米", 0.5, "米"), ("他身高1米半", "1米半", 1.5, "米")],
)
def test_plants_laps_and_half_a_metre_count(text, surface, value, unit):
    """Session 13 (kind: count missed): 株 (plants), 圈 (laps), 半米 (half a metre)."""
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.unit) == (surface, "count", value, unit)


@pytest.mark.parametrize(
    "text", ["中山大学2013届历史系学生", "2017级的女孩子", "行为一年比一年严重", "生活一天比一天好", "田野调查最后一天"]
)
def test_a_class_year_a_comparison_and_the_last_day_are_no_figures(text):
    """Session 13 (kind: spurious count or duration): 2013届 names a class, 一年比一年 compares, 最后一天 is a
    moment."""
    assert document_figures("d", text, PUBLISHED) == []


def test_a_count_of_sessions_or_classes_still_counts():
    fig = only("已经举办了5届")
    assert (fig.kind, fig.value, fig.unit) == ("count", 5, "届")


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [("facebook今天（6/28）宣布达成新里程碑", "6/28", "2024-06-28"), ("母犀牛在6/20清晨被杀", "6/20", "2024-06-20"),
     ("昨日(3/24)公布", "3/24", "2024-03-24")],
)
def test_a_taiwanese_slash_date_after_a_day_word_or_before_a_time_of_day(text, surface, normalized):
    """Session 13 (kind: date missed): 今天（6/28）, 6/20清晨: month and day, the year of publication."""
    fig = only(text)
    assert (fig.kind, fig.surface, fig.normalized) == ("date", surface, normalized)


@pytest.mark.parametrize("text", ["占全县的1/3", "比分3/4落后", "（1/2）", "第2/3页"])
def test_fractions_and_scores_with_a_slash_are_no_dates(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "date"] == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "approx"),
    [("在明尼阿波利斯，数千民众冒着严寒举行抗议", "数千民众", 1000, True),
     ("当地15万群众将告别贫困", "15万群众", 150000, False)],
)
def test_crowds_counted_without_a_measure_word(text, surface, value, approx):
    """Session 13 (kind: count missed): 民众/群众 counted as nouns (数千民众)."""
    fig = only(text)
    assert (fig.surface, fig.kind, fig.value, fig.approx) == (surface, "count", value, approx)


@pytest.mark.parametrize("text", ["许多民众对政策不满", "服务亿万群众", "很多民众来到现场"])
def test_many_people_is_no_count(text):
    assert document_figures("d", text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [("感觉你没1米6啊", "1米6", 1.6), ("身高1米75，体重60公斤", "1米75", 1.75), ("1米6的个子", "1米6", 1.6)],
)
def test_digits_said_after_metres_are_its_decimals(text, surface, value):
    """Session 13 (kind: count missed): 1米6 is a height of 1.6 metres, not 1 metre."""
    fig = document_figures("d", text, PUBLISHED)[0]
    assert (fig.surface, fig.kind, fig.value) == (surface, "count", value)


@pytest.mark.parametrize(("text", "values"), [("高2米30厘米", [2, 30]), ("1米5米", [1, 5]), ("长1米，宽2米", [1, 2])])
def test_a_number_after_metres_that_counts_something_else_is_its_own(text, values):
    assert [f.value for f in document_figures("d", text, PUBLISHED)] == values


@pytest.mark.parametrize(("text", "surface"), [("开卖延后一星期", "一星期"), ("此后一周仍需防范强震", "一周")])
def test_a_week_after_a_word_ending_in_after_is_a_duration(text, surface):
    fig = only(text)
    assert (fig.kind, fig.surface) == ("duration", surface)


def test_the_second_digit_of_a_tenths_figure_counts_nothing():
    """Session 13 (kind: spurious count): 7成5民众 is 75% of people, not 5 people."""
    figures = document_figures("d", "高达7成5民众并非如此", PUBLISHED)
    assert [(f.kind, f.surface) for f in figures] == [("percent", "7成")]


@pytest.mark.parametrize(("text", "surface", "value"), [("占全县的1/3", "1/3", 100 / 3), ("约占1/4", "1/4", 25)])
def test_a_slash_fraction_after_a_word_of_share_is_a_percent(text, surface, value):
    """Session 13 (kind: percent missed): 占全县的1/3 is a third of the county's area."""
    fig = only(text)
    assert (fig.kind, fig.surface, fig.unit) == ("percent", surface, "%") and fig.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["进入了的1/8决赛", "他的3/2", "比分3/4落后", "水力半径的2/3次方"])
def test_a_round_an_improper_fraction_or_a_score_is_no_percent(text):
    assert [f for f in document_figures("d", text, PUBLISHED) if f.kind == "percent"] == []
