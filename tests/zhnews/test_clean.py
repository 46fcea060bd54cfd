"""Tests for zhnews.clean: each repair and debris rule on small texts, then invariants over the seeds."""

import re
from collections import Counter
from datetime import date
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.clean import (
    HEADLINE_ONLY,
    clean_batch,
    clean_document,
    normalise_chars,
    repair_punctuation,
    strip_html,
    strip_markdown,
    strip_pinyin,
)
from zhnews.clean import rules as clean_rules
from zhnews.ingest import parse_seed
from zhnews.records import RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BODY = "\n".join(
    [
        "公司今天发布了新的产品，市场反应良好。",
        "分析人士认为，这将推动行业的发展。",
        "业内人士表示，未来仍有很大的增长空间。",
    ]
)


def raw(text: str, fmt: str = "txt", meta: dict | None = None) -> RawDocument:
    return RawDocument("d1", "a.txt", "h1", fmt, "utf-8", text, meta or {})


def body_of(text: str, fmt: str = "txt", meta: dict | None = None) -> str:
    return clean_document(raw(text, fmt, meta)).body


# --- pinyin glosses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本報(bào)記者", "本報記者"),
        ("行(háng)業(yè)", "行業"),
        ("因为（yīn wèi）如此", "因为如此"),
        ("多?shù)投票", "多投票"),  # a gloss whose character and '(' were lost in a garbled run
    ],
)
def test_strip_pinyin(text, expected):
    assert strip_pinyin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "某站(某某视频)",
        "分布式账本(Distributed Ledger)",
        "开源开发者(Dev1234)",
        "X(原名)平台",
        "智商(IQ)很高",
        "法语名字(café)",  # no tone mark on a pinyin vowel: a real word, not a gloss
    ],
)
def test_strip_pinyin_keeps_real_parentheses(text):
    assert strip_pinyin(text) == text


# --- characters and punctuation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("零\u200b宽\ufeff字\u00ad符", "零宽字符"),
        ("不换行\u00a0空格\u3000全角", "不换行 空格 全角"),
        ("Windows\r\n换行\r旧式", "Windows\n换行\n旧式"),
        ("全角标点，。保持", "全角标点，。保持"),
        ("文／记者", "文/记者"),  # full-width slash
        ("文∕记者", "文/记者"),  # division slash: Big5 A241 decoded under cp950
        ("1⁄2", "1/2"),  # fraction slash
    ],
)
def test_normalise_chars(text, expected):
    assert normalise_chars(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议结束,,双方", "会议结束，双方"),
        ("直到选出新的董事长,。", "直到选出新的董事长。"),
        ("销售经理,、财务总监", "销售经理、财务总监"),
        ("还能继续吗,?", "还能继续吗？"),
        ("市场怎么了?", "市场怎么了？"),
        ("他说:好的;我们走", "他说：好的；我们走"),
        ("真的吗!太好了", "真的吗！太好了"),
        ("某站(某某视频)", "某站（某某视频）"),
        ("分布式账本(Distributed Ledger)", "分布式账本（Distributed Ledger）"),
        ("发布了iPhone,Apple股价", "发布了iPhone，Apple股价"),
        ("最后一句话.", "最后一句话。"),
        ("前后 ，有空格 。", "前后，有空格。"),
        ("还有很多...", "还有很多……"),
        ("好…然后", "好……然后"),
        ("市场ーー尤其是股市", "市场——尤其是股市"),
    ],
)
def test_repair_punctuation(text, expected):
    assert repair_punctuation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "收入为1,000万美元",
        "会议在10:30开始",
        "访问http://a.com/x?y=1,2:3获取",
        "Hello, world. How are you?",
        "Example.AI是一个网站",
        "版本号3.5到4.0",
        "(see note) in English",
        "好……了",
        "wait... what--really",
    ],
)
def test_repair_punctuation_leaves_latin_numbers_and_urls(text):
    assert repair_punctuation(text) == text


# --- markup ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**加粗的文字**和普通文字", "加粗的文字和普通文字"),
        ("# 一级标题\n## 二级标题", "一级标题\n二级标题"),
        ("看[这篇文章](https://a.com/x?y=1)吧", "看这篇文章吧"),
        ("> 引用的一段话", "引用的一段话"),
        ("- 列表项", "列表项"),
        ("**作者 | 王小明****编辑**| 赵六****", "作者 | 王小明编辑| 赵六"),
        ("数学公式 2*3*4 保留", "数学公式 2*3*4 保留"),
        ("| 指标 | 数值 |\n| --- | :---: |\n| 营收 | 100亿元 |", "指标 数值\n\n营收 100亿元"),
    ],
)
def test_strip_markdown(text, expected):
    assert strip_markdown(text) == expected


def test_strip_markdown_marks_image_lines_and_counts_markup():
    removed = Counter()
    out = strip_markdown("![cover](https://a.com/p.jpg)\n正文", removed)
    assert out.split("\n")[1] == "正文"
    assert "https" not in out
    assert removed["markup"] > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>第一段</p><p>第二段</p>", "第一段\n第二段\n"),
        ("文字<br/>换行", "文字\n换行"),
        ("<span class='x'>保留文字</span>", "保留文字"),
        ("A&amp;B 与 &lt;标签&gt;", "A&B 与 <标签>"),
        ("a < b 且 c > d", "a < b 且 c > d"),
    ],
)
def test_strip_html(text, expected):
    assert strip_html(text) == expected


# --- whole documents: debris rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("debris", "rule"),
    [
        ("所有语言\n分享", "share_widget"),
        ("原创", "share_widget"),
        ("阅读 1.2万", "share_widget"),
        ("免责声明：本文来自网络收录或投稿，观点仅代表作者本人，不代表本站立场。", "disclaimer"),
        ("温馨提示：投资有风险，入市须谨慎。本资讯不作为投资理财建议。", "investment_warning"),
        ("转载请注明出处：http://example.com/1.html", "reprint_notice"),
        ("原标题：一个原来的标题", "original_title"),
        ("张三|来源：新华社", "photo_credit"),
        ("图片来源：视觉中国", "photo_credit"),
        ("01", "section_number"),
        ("首页 | 新闻 | 财经 | 科技", "nav_menu"),
        ("封面来源 | 视觉中国", "photo_credit"),
        ("声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务。", "disclaimer"),
        ("风险提示：市场有风险，投资需谨慎。", "investment_warning"),
        ("▼", "share_widget"),
        ("欢迎关注我们，设为星标", "follow_promo"),
        ("点击关注某某经济报道，获取更多财经资讯", "follow_promo"),
        ("更多内容请下载某某财经APP", "follow_promo"),
        ("更多精彩内容，敬请关注某某网", "follow_promo"),
        ("海量资讯、精准解读，尽在某某财经APP", "follow_promo"),
        ("下载某某客户端，随时随地看新闻", "follow_promo"),
        ("某某产品界面，图源：企业官方", "photo_credit"),
        ("某某发布会现场，图片来源：受访者供图", "photo_credit"),
        ("京ICP备12345678号", "site_footer"),
        ("关于我们 | 联系我们 | 广告服务", "site_footer"),
        ("【纠错】", "share_widget"),
        ("标签：芯片 半导体", "page_nav"),
        ("上一篇：某地发生一起交通事故", "page_nav"),
        ("*免责声明：本文内容仅供参考。", "disclaimer"),
        ("广告声明：文内含有的对外跳转链接，结果仅供参考。", "disclaimer"),
        ("本文不构成个人投资建议，也未考虑个别用户的投资目标。", "investment_warning"),
        ("分享让更多人看到", "follow_promo"),
        ("本文来自微信公众号：某某观察（ID：abc），作者：赵一，编辑：钱二", "reprint_notice"),
    ],
)
def test_debris_lines_are_removed_and_counted(debris, rule):
    doc = clean_document(raw(f"{BODY}\n{debris}"))
    assert doc.body == BODY
    assert doc.removed[rule] > 0


@pytest.mark.parametrize("debris", ["所有语言\n分享", "原创", "01", "原标题：一个原来的标题"])
def test_debris_lines_at_the_top_are_removed(debris):
    assert body_of(f"{debris}\n{BODY}") == BODY


def test_footer_promo_block_is_cut_to_the_end():
    footer = "\n".join(
        [
            "最后，记得关注微信公众号：某某网（abc），每天都有新内容！",
            "某某网",
            "科技 | 人文",
            "微信ID:abc",
            "长按识别二维码关注",
            "分享到",
        ]
    )
    doc = clean_document(raw(f"{BODY}\n{footer}"))
    assert doc.body == BODY
    assert doc.outlet == "某某网"
    assert doc.removed["follow_promo"] > 0


@pytest.mark.parametrize(
    "contact",
    [
        "如有查询，请致电1234 5678。",
        "热线电话：400-123-4567",
        "联系邮箱：news@example.com",
        "如有疑问请来电咨询。\n电话：010-12345678",
    ],
)
@pytest.mark.parametrize(
    "notice",
    [
        "【版权声明】本网站内容版权属某某日报有限公司所有，未经许可，不得转载、摘编或以其他方式使用。",
        "未经授权，不得转载。",
        "免责声明：本文仅供参考，不构成投资建议。",
    ],
)
def test_contact_lines_after_a_notice_go_with_it(notice, contact):
    doc = clean_document(raw(f"{BODY}\n{notice}\n{contact}"))
    assert doc.body == BODY
    assert doc.removed["contact"] > 0


@pytest.mark.parametrize(
    "contact", ["市民如有查询，可致电1823热线。", "热线电话：400-123-4567", "读者来信请寄：reader@example.com"]
)
def test_contact_line_right_after_the_article_stays(contact):
    assert body_of(f"{BODY}\n{contact}") == f"{BODY}\n{contact}"


def test_byline_after_a_footer_notice_is_read_as_metadata():
    doc = clean_document(raw(f"{BODY}\n免责声明：本文内容仅供参考，不构成任何投资建议。\n责任编辑：李四"))
    assert doc.body == BODY
    assert doc.editors == ["李四"]


@pytest.mark.parametrize(
    "last",
    [
        "关注度持续上升，市场情绪明显回暖",  # 关注度 is not a call to follow
        "下载量突破一亿次",
        "他表示，公司将在明年推出面向企业的APP。",  # a sentence
        "图源数据显示，该公司营收增长。",  # 图源 in a sentence
    ],
)
def test_promo_and_caption_rules_leave_content_at_the_end(last):
    assert body_of(f"{BODY}\n{last}") == f"{BODY}\n{last}"


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("最后一段。（未完，全文请见原网站）", "最后一段。"),
        ("最后一段。（未完待续）", "最后一段。"),
        ("（阅读全文请点击原文链接）", None),
        ("项目已完成八成（未完成部分由乙方负责）", "项目已完成八成（未完成部分由乙方负责）"),
        ("本书共十章（全文约三十万字）", "本书共十章（全文约三十万字）"),
    ],
)
def test_truncation_notices_are_cut(last, kept):
    assert body_of(f"{BODY}\n{last}") == BODY + (f"\n{kept}" if kept else "")


@pytest.mark.parametrize("heading", ["相关阅读：", "热点推荐", "大家都在看", "【你可能感兴趣】"])
def test_related_links_block_is_cut(heading):
    assert body_of(f"{BODY}\n{heading}\n某公司发布新品\n另一条新闻标题") == BODY


def test_source_note_is_cut_and_names_the_outlet():
    doc = clean_document(raw(f"{BODY}\n最后一段讲完了。（来源：某某日报）"))
    assert doc.body == f"{BODY}\n最后一段讲完了。"
    assert doc.outlet == "某某日报"
    assert doc.removed["source_note"] > 0


@pytest.mark.parametrize("line", ["（来源：视觉中国）", "数据来自公司财报（来源：公司公告）"])
def test_source_note_needs_a_sentence_before_it(line):
    assert clean_document(raw(f"{BODY}\n{line}")).outlet is None


def test_end_marker_and_editor_note_are_cut_from_the_last_paragraph():
    doc = clean_document(raw(f"{BODY}（完）\n【责任编辑：王五】"))
    assert doc.body == BODY


@pytest.mark.parametrize("note", ["（图片来源：视觉中国）", "（本文仅供参考，不构成投资建议）"])
def test_inline_notes_are_cut_from_their_paragraph(note):
    assert body_of(f"{BODY}{note}") == BODY


def test_latin_mojibake_is_repaired():
    garbled = BODY.encode("utf-8").decode("latin-1")
    doc = clean_document(raw(garbled))
    assert doc.body == BODY
    assert doc.removed["mojibake"] > 0


def test_caption_after_an_image_is_removed():
    text = f"{BODY}\n\n![](https://a.com/p.png)\n\n某某产品的界面截图\n\n最后一段正文，讲完了。"
    assert body_of(text, fmt="md") == f"{BODY}\n最后一段正文，讲完了。"


def test_caption_words_remove_short_caption_lines():
    assert body_of(f"{BODY}\n某部纪录片的宣传海报\n最后一段。") == f"{BODY}\n最后一段。"


def test_foreign_headlines_after_the_article_are_removed():
    tail = "Stocks Rally as Markets Shrug Off Rate Fears\nOil prices slip after a volatile week"
    doc = clean_document(raw(f"{BODY}\n{tail}"))
    assert doc.body == BODY
    assert doc.removed["foreign_tail"] == len(tail) - 1


def test_duplicated_lines_are_removed():
    assert body_of(f"{BODY}\n业内人士表示，未来仍有很大的增长空间。") == BODY


@pytest.mark.parametrize(
    "content",
    [
        "他在微博上分享了这一消息，引发网友热议。",  # 分享 inside a sentence
        "英文引语 Apple said it would ship the product next year.",  # Latin text in the middle
        "行业发展的新机遇",  # a subheading
        "如何拍摄",  # ends like a photo credit word, but is a heading
        "这一决定并不代表公司所有员工的观点，他补充说。",  # disclaimer words in the middle of an article
        "点击关注的用户越来越多",  # promo words in the middle of an article
        "热线电话：400-123-4567",  # a contact line in the middle
    ],
)
def test_content_in_the_middle_is_kept(content):
    text = f"{BODY}\n{content}\n{BODY.replace('公司', '企业')}\n{BODY.replace('行业', '产业')}"
    assert content in body_of(text).split("\n")


# --- whole documents: metadata, script, format ----------------------------------------------------


def test_traditional_document_with_pinyin_and_byline():
    text = "\n".join(
        [
            "本報(bào)記者 張小明 北京報(bào)道",
            "近日,,該公司發(fā)布公告稱CEO離職,。",
            "《南方商報(bào)》記者注意到,公司股價下跌。",
        ]
    )
    doc = clean_document(raw(text))
    assert doc.script == "traditional"
    assert doc.body == "近日，该公司发布公告称CEO离职。\n《南方商报》记者注意到，公司股价下跌。"
    assert (doc.outlet, doc.authors, doc.title) == ("南方商报", ["张小明"], None)
    assert doc.removed["pinyin"] > 0 and doc.removed["byline"] == len("本报记者 张小明 北京报道")


def test_traditional_outlet_first_dateline_and_division_slash_byline():
    text = "某公司首季盈利增長\n某某經濟日報\u30002024年5月28日\u3000財經新聞\n文\u2215記者 陳某某\n" + BODY
    doc = clean_document(raw(text))
    assert doc.body == BODY
    assert (doc.title, doc.outlet, doc.authors) == ("某公司首季盈利增长", "某某经济日报", ["陈某某"])
    assert (doc.published_at, doc.published_precision) == (date(2024, 5, 28), "day")


@pytest.mark.parametrize(
    "head",
    ["作者：张三 | 来源：某某日报", "2024年6月16日 09:32 | 来源：某某日报\n某报记者 张三 某报编辑 李四"],
)
def test_byline_looking_like_a_photo_credit_is_read_as_metadata(head):
    doc = clean_document(raw(f"某公司发布新品\n{head}\n{BODY}"))
    assert doc.body == BODY
    assert (doc.outlet, doc.authors) == ("某某日报", ["张三"])


def test_html_author_meta_with_a_label():
    assert clean_document(raw(BODY, "html", {"author": "作者：钱某某"})).authors == ["钱某某"]


def test_title_line_is_pulled_out_of_the_body():
    doc = clean_document(raw(f"创始人离职，团队集体出走\n{BODY}"))
    assert doc.title == "创始人离职，团队集体出走"
    assert doc.body == BODY


def test_markdown_in_a_text_file_is_stripped():
    doc = clean_document(raw(f"## 大标题\n\n**{BODY}**\n\n## 小标题\n\n- 最后一段正文。"))
    assert doc.title == "大标题"
    assert doc.body == f"{BODY}\n小标题\n最后一段正文。"


def test_hashtags_are_not_headings():
    assert body_of(f"{BODY}\n#某某话题# 网友热议不断。") == f"{BODY}\n#某某话题# 网友热议不断。"


def test_markdown_with_front_matter_meta():
    text = f"# 标题在这里\n\n**作者 | 张三****编辑**| 李四****\n\n{BODY}\n\n# 标题在这里"
    doc = clean_document(raw(text, "md", {"title": "标题在这里", "outlet": "某某公园", "date": "2023-03-08"}))
    assert doc.body == BODY
    assert (doc.title, doc.outlet, doc.authors, doc.editors) == ("标题在这里", "某某公园", ["张三"], ["李四"])
    assert (doc.published_at, doc.published_precision) == (date(2023, 3, 8), "day")


def test_clean_batch_keeps_order_and_ids():
    docs = [RawDocument(f"d{i}", f"{i}.txt", "h", "txt", "utf-8", BODY) for i in range(3)]
    assert [c.doc_id for c in clean_batch(docs)] == ["d0", "d1", "d2"]


def test_empty_document_gives_empty_body():
    assert clean_document(raw("分享\n原创")).body == ""


# --- invariants over the seeds -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docs():
    paths = sorted(SEEDS.glob("*.txt"))
    return clean_batch([parse_seed(p.name, p.read_bytes()).document for p in paths])


PINYIN = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü ]*[)）]")
MARKUP = re.compile(r"\*\*|__|!\[|\]\(|^#{1,6}\s|</?[A-Za-z][^>]*>|&[a-z]+;", re.M)


def test_seeds_have_no_pinyin_doubled_commas_or_markup(seed_docs):
    for doc in seed_docs:
        assert not PINYIN.search(doc.body), doc.source_path
        assert ",," not in doc.body and "，，" not in doc.body, doc.source_path
        assert not MARKUP.search(doc.body), doc.source_path


def test_seeds_are_simplified_as_far_as_t2s_can_tell(seed_docs):
    t2s = opencc.OpenCC("t2s")
    for doc in seed_docs:
        assert t2s.convert(doc.body) == doc.body, doc.source_path
        assert doc.outlet is None or t2s.convert(doc.outlet) == doc.outlet


def test_seeds_paragraphs_are_single_lines(seed_docs):
    for doc in seed_docs:
        assert doc.body and "\n\n" not in doc.body and doc.body == doc.body.strip()
        assert all(line == line.strip() for line in doc.body.split("\n"))


def test_seeds_record_what_was_removed(seed_docs):
    for doc in seed_docs:
        assert doc.removed and all(isinstance(v, int) and v > 0 for v in doc.removed.values())


# --- any input -----------------------------------------------------------------------------------

ALPHABET = "报報记者的是了，。,,?!:;()（）“”「」|｜·…—\n 　\u200bABCxyz019０１ａ*#![]<>&/bàoāo本报原创分享"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_cleans_without_error_into_tidy_lines(text):
    doc = clean_document(raw(text))
    assert "\n\n" not in doc.body and doc.body == doc.body.strip()
    assert ",," not in doc.body and "，，" not in doc.body
    assert all(count > 0 for count in doc.removed.values())
    assert opencc.OpenCC("t2s").convert(doc.body) == doc.body


# ---------------------------------------------------------------- long runs (no quadratic scans)

LONG_RUN = 200_000  # a quadratic scan of a run this long would take minutes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲" + " " * LONG_RUN + "，乙", "甲，乙"),
        ("甲" + " " * LONG_RUN + "乙", "甲 乙"),
        (" " * LONG_RUN, " "),
    ],
)
def test_repair_punctuation_on_a_long_run_of_spaces(text, expected):
    assert repair_punctuation(text) == expected


@pytest.mark.parametrize("text", ["[" * LONG_RUN, " " * LONG_RUN + "x", "|" + " " * LONG_RUN + "x", "](" * LONG_RUN])
def test_strip_markdown_on_long_runs_keeps_them(text):
    assert strip_markdown(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[链接](https://a.com)", "[链接"),  # a link after a stray bracket
        ("[a] [b](https://a.com)", "[a] b"),
        ("| --- |" + " " * LONG_RUN + "\n正文", "\n正文"),  # a table rule ending in a long run of spaces
        ("| --- |" + " " * LONG_RUN + "x", "| --- |" + " " * LONG_RUN + "x"),  # no rule: text after the run
        ("|---|:---:|\n正文", "\n正文"),
    ],
)
def test_strip_markdown_links_and_table_rules(text, expected):
    assert strip_markdown(text) == expected


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("邮箱：news@example.com", True),
        ("来信请寄 zhang.san+news@mail.example.cn", True),
        ("a" * LONG_RUN, False),
        ("a" * LONG_RUN + "@", False),
        ("中" * LONG_RUN, False),
        ("_" * LONG_RUN + "@example", False),
        ("a" * LONG_RUN + "@example.com", True),
    ],
)
def test_contact_rule_on_emails_and_long_runs(line, found):
    assert (clean_rules()["contact_re"].search(line) is not None) is found


@pytest.mark.parametrize(
    "text",
    [
        "某某科技发布新款手表 售价699元\n\n某某科技发布新款手表 售价699元",  # the body repeats the headline
        "某某银行一季度净利润增长12%\n某某银行一季度净利润增长12%\n",
        "某地暴雨致航班延误\n\n某地暴雨致航班延误\n某地暴雨致航班延误",
    ],
)
def test_a_headline_only_item_keeps_its_headline_as_the_body(text):
    doc = clean_document(raw(text))
    headline = text.split("\n")[0]
    assert (doc.title, doc.body) == (headline, headline)


def test_an_item_whose_body_went_as_debris_keeps_its_headline():
    doc = clean_document(raw("某某公司发布年度报告\n\n未经授权，不得转载。"))
    assert doc.body == "某某公司发布年度报告"
    assert doc.removed[HEADLINE_ONLY] == len(doc.body)  # the headline alone: no article text, no mentions


@pytest.mark.parametrize(
    "text",
    ["某某银行一季度净利润增长12%\n\n某某银行一季度净利润增长12%", f"创始人离职，团队集体出走\n{BODY}"],
)
def test_a_body_that_repeats_its_headline_or_has_text_is_not_the_headline_alone(text):
    assert HEADLINE_ONLY not in clean_document(raw(text)).removed


def test_an_article_with_a_body_does_not_repeat_its_headline():
    doc = clean_document(raw(f"创始人离职，团队集体出走\n{BODY}\n创始人离职，团队集体出走"))
    assert doc.body == BODY


# --- real-news genres: run-on bodies, the guard, crawler and site debris ------------------------------------

PARAGRAPHS = [
    "市政府昨天宣布新的交通计划，预计明年起分三个阶段实施，涵盖公车、捷运与自行车道的整合。",
    "交通局长表示，计划的第一阶段将先在市中心试办，再视成效推广到其他行政区，预算由中央与地方共同分担。",
    "议员则认为，计划虽然立意良好，但细节仍不清楚，要求市府在下次会期前提出完整的评估报告与时程。",
]


def test_split_run_on_paragraphs_breaks_a_long_line_at_spaces_after_sentence_ends():
    from zhnews.clean import split_run_on_paragraphs

    assert split_run_on_paragraphs(" ".join(PARAGRAPHS)).split("\n") == PARAGRAPHS
    assert split_run_on_paragraphs("短句。 另一句。") == "短句。 另一句。"  # a short line is left alone


def test_a_wide_gap_in_a_long_line_is_a_paragraph_break():
    from zhnews.clean import split_run_on_paragraphs

    line = PARAGRAPHS[0] + "   分享       facebook     " + PARAGRAPHS[1]
    assert split_run_on_paragraphs(line).split("\n") == [PARAGRAPHS[0], "分享", "facebook", PARAGRAPHS[1]]


def test_a_one_line_body_with_a_share_widget_inside_keeps_the_article():
    text = "标题在这里\n\n" + PARAGRAPHS[0] + " 资料照片   分享       facebook          " + " ".join(PARAGRAPHS[1:])
    doc = clean_document(raw(text))
    assert doc.title == "标题在这里"
    assert all(p in doc.body for p in PARAGRAPHS)
    assert "facebook" not in doc.body and "分享" not in doc.body


def test_a_promo_inside_a_one_line_article_takes_only_its_sentence():
    line = "".join(PARAGRAPHS) + "欢迎关注我们的微信公众号，获取更多资讯。" + PARAGRAPHS[0]
    body = body_of(line)
    assert all(p in body for p in PARAGRAPHS)
    assert "公众号" not in body


def test_a_byline_label_run_into_the_first_paragraph_is_cut_not_the_paragraph():
    doc = clean_document(raw("文／王小明 " + " ".join(PARAGRAPHS)))
    assert doc.authors == ["王小明"]
    assert all(p in doc.body for p in PARAGRAPHS)
    assert "王小明" not in doc.body


def test_hold_back_keeps_lines_one_rule_would_take_when_they_are_not_all_debris():
    from zhnews.clean import hold_back

    lines = ["标题", *PARAGRAPHS]
    drop = {1: "follow_promo", 2: "follow_promo"}
    removed: Counter[str] = Counter()
    hold_back(lines, drop, removed)
    assert drop == {}
    assert removed["held_back:follow_promo"] == len(PARAGRAPHS[0]) + len(PARAGRAPHS[1])


def test_hold_back_lets_a_rule_take_most_of_a_text_that_is_all_debris():
    from zhnews.clean import hold_back

    lines = ["短标题", "本网站仅提供信息存储空间服务。本文仅代表作者观点，不代表本站立场。"]
    drop = {1: "disclaimer"}
    removed: Counter[str] = Counter()
    hold_back(lines, drop, removed)
    assert drop == {1: "disclaimer"} and not removed


def test_a_held_back_rule_is_logged_in_removed():
    text = "\n".join(["标题", "", "免责声明：" + "".join(PARAGRAPHS), "补充一句。"])
    doc = clean_document(raw(text))
    assert all(p in doc.body for p in PARAGRAPHS)
    assert any(key.startswith("held_back:") for key in doc.removed)


@pytest.mark.parametrize(
    "line",
    [
        "facebook",
        "LINE twitter",
        "字级：",
        "00004000",
        "(更新时间戳: 1664124816672)",
        "新闻 ＞国际财经",
        "首页 > 财经 > 股市",
        "社会中心／综合报导",
        "某某网新闻中心",
    ],
)
def test_crawler_and_site_debris_lines_go(line):
    more = "\n".join(PARAGRAPHS)
    assert body_of(f"{BODY}\n{line}\n{more}") == f"{BODY}\n{more}"


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("活动今天拉开帷幕。［详细］", "［详细］"),
        ("这是一段转发的微博内容……全文：http://m.example.cn/123/456", "全文：http://m.example.cn/123/456"),
        ("各国领袖昨天在会上达成共识。（国际中心／综合外电报导）", "（国际中心／综合外电报导）"),
    ],
)
def test_span_debris_goes_and_the_sentence_stays(text, gone):
    body = body_of(f"{BODY}\n{text}")
    assert gone not in body
    assert text.replace(gone, "") in body


def test_comment_invite_and_related_list_close_the_page():
    tail = "有话要说 投稿「即时论坛」"
    assert body_of(f"{BODY}\n{tail}") == BODY
    lecture_list = "\n".join(["《某某课堂》最近10讲", "第12讲 一个题目", "第11讲 另一个题目"])
    assert body_of(f"{BODY}\n{lecture_list}") == BODY


def test_a_source_link_gives_the_url_and_the_publication_date():
    text = f"标题\n\n{BODY}\n\n[查看原文](https://tv.example.com/2023/07/21/VIDE123.shtml)"
    doc = clean_document(raw(text))
    assert doc.url == "https://tv.example.com/2023/07/21/VIDE123.shtml"
    assert doc.published_at == date(2023, 7, 21)
    assert "查看原文" not in doc.body


def test_a_credit_closing_a_paragraph_gives_the_author_and_goes():
    text = "独居老人盼援手\n\n" + PARAGRAPHS[0] + "报导•摄影╱王小明\n" + "\n".join(PARAGRAPHS[1:])
    doc = clean_document(raw(text))
    assert doc.authors == ["王小明"]
    assert "王小明" not in doc.body and PARAGRAPHS[0] in doc.body


def test_front_matter_below_a_headline_gives_metadata_and_leaves_the_text():
    text = "\n".join(
        [
            "一个标题",
            "",
            "layout: post",
            "title: 一个标题",
            "categories: Archive",
            "date: 2018-02-22 18:49 +0800",
            "tags：某事",
            "description：" + PARAGRAPHS[1],
            "",
            *PARAGRAPHS,
        ]
    )
    doc = clean_document(raw(text))
    assert (doc.title, doc.published_at) == ("一个标题", date(2018, 2, 22))
    assert "layout" not in doc.body and "categories" not in doc.body
    assert doc.body.count(PARAGRAPHS[1]) == 1  # the description repeated the text: it went


def test_a_description_the_text_does_not_repeat_stays():
    text = "\n".join(["一个标题", "", "layout: post", "tags: 某事", "description：" + PARAGRAPHS[2], "", PARAGRAPHS[0]])
    assert PARAGRAPHS[2] in body_of(text)


@pytest.mark.parametrize(
    "lead", ["央视网消息（新闻联播）：", "<p><strong>某某网消息</strong>（新闻联播）：</p>", "新华社北京3月5日电"]
)
def test_a_line_that_was_only_a_lead_leaves_no_blank_paragraph(lead):
    doc = clean_document(raw(f"快讯标题\n\n{lead}\n{BODY}\n{BODY[:20]}。"))
    assert doc.body and all(doc.body.split("\n")), repr(doc.body)


# --- real-news genre rules (issue 13: Taiwanese dumps, portal teasers, reposts, members-only pages) ---------------

ARTICLE = "市政府今天公布新的交通计划，预计明年完成第一阶段工程，市民普遍表示欢迎。" * 3


@pytest.mark.parametrize(
    ("tail", "gone"),
    [
        ("（即时新闻中心/综合报导） 出版：0814 更新：1329", ["综合报导", "出版", "1329"]),
        ("（国际中心／综合外电报导） 相关新闻：", ["综合外电报导", "相关新闻"]),
        ("【相关新闻】 【小编推荐】", ["相关新闻", "小编推荐"]),
        ("（生活中心／台北报导） 小编推荐\u00a0", ["生活中心", "台北报导", "小编推荐"]),  # a desk and its place
    ],
)
def test_a_run_on_dump_loses_its_desk_credit_clock_and_related_labels(tail, gone):
    """A space after a closing bracket in a long line is a lost break; the stamp and labels go as spans."""
    body = body_of(f"标题\n\n{ARTICLE} {tail}")
    assert ARTICLE in body and not any(word in body for word in gone), body


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("（新增影片） 市民普遍表示欢迎。", "市民普遍表示欢迎。"),
        ("（更新：新增过音影片） 市民普遍表示欢迎。", "市民普遍表示欢迎。"),
        ("让泰国能发挥更大的优势。 修改时间：13:20", "让泰国能发挥更大的优势。"),
        ("他在狱中写下这句话。（路透资料照片）", "他在狱中写下这句话。"),
        ("她生下女儿。翻摄某某AlyssaChia脸书", "她生下女儿。"),
        ("环保团体表示欢迎。翻摄ecowatch", "环保团体表示欢迎。"),
        ("特此公告 某某基金管理有限公司 {IMG:1}", "特此公告 某某基金管理有限公司"),
        ("代表团分享了收获。［ 详细 ］五月颁奖典礼落下帷幕。", "代表团分享了收获。五月颁奖典礼落下帷幕。"),
        ("颁奖典礼揭晓了所有奖项。［ 获奖名单 ］", "颁奖典礼揭晓了所有奖项。"),
        ("奖品已统一寄出。［某某奖官方网站］［ABC中国项目官方微博］", "奖品已统一寄出。"),
        ("活动详情见［某某专题］，报名已截止。", "活动详情见，报名已截止。"),
        ("进场为宜。》自营商进出明细 &nbsp 》外资持股增减排行》即时选股找重点", "进场为宜。"),  # a link bar
        ("繁荣农村文化市场。", "繁荣农村文化市场。"),
    ],
)
def test_span_rules_take_tags_credits_and_link_labels_out_of_a_line(line, kept):
    assert body_of(f"标题\n\n{ARTICLE}\n{line}").split("\n")[-1] == kept


def test_a_source_note_after_a_space_goes_and_names_the_outlet():
    doc = clean_document(raw(f"标题\n\n{ARTICLE}\n繁荣农村文化市场。\u3000（来源：某某日报）"))
    assert doc.body.endswith("繁荣农村文化市场。") and doc.outlet == "某某日报"


def test_a_byline_glued_to_a_lost_character_is_read_and_goes():
    doc = clean_document(raw(f"标题\n\n本报记者\u3000某某某？１颈ㄍ对薄{ARTICLE}"))
    assert doc.authors == ["某某某"] and "本报记者" not in doc.body and ARTICLE in doc.body


def test_a_wire_credit_after_run_in_headings_opens_the_lead_and_is_read():
    doc = clean_document(raw(f"标题\n\n新规引热议某部门：标准宽松系误读本报讯（记者张三）{ARTICLE}"))
    assert doc.authors == ["张三"] and "本报讯" not in doc.body
    assert doc.body.split("\n")[:2] == ["新规引热议某部门：标准宽松系误读", ARTICLE]


@pytest.mark.parametrize(
    "text",
    [
        f"据本报讯（记者张三）{ARTICLE}",  # a citation
        f"新规引热议本报讯{ARTICLE}",  # no reporter in brackets
        f"新规引热议本报记者（张三）{ARTICLE}",  # no wire credit
    ],
)
def test_a_line_without_an_inner_wire_credit_stays_whole(text):
    doc = clean_document(raw(f"标题\n\n{ARTICLE}\n{text}"))
    assert text in doc.body.split("\n") and doc.authors == []


def test_a_sites_host_credit_goes_and_names_the_outlet():
    doc = clean_document(raw(f"联合主办：某某大学环境学院\u3000中国某某网\n\n{ARTICLE}"))
    assert (doc.title, doc.outlet, doc.body) == (None, "中国某某网", ARTICLE)


@pytest.mark.parametrize(
    "line",
    [
        "主办：某某大学环境学院",  # no site among the hosts
        "本次论坛由某某网主办。",
        "主办单位：某某网",  # in the middle of the article, a notice's host list
    ],
)
def test_host_lines_that_are_no_site_footer_stay(line):
    doc = clean_document(raw(f"标题\n\n{ARTICLE}\n{line}\n{ARTICLE}\n{BODY}"))
    assert line in doc.body.split("\n")


def test_signatories_closing_a_statement_go_and_are_the_authors():
    doc = clean_document(raw(f"标题\n\n{ARTICLE}\n{BODY}\n张三丰、李四、王小五、赵六"))
    assert doc.authors == ["张三丰", "李四", "王小五", "赵六"] and doc.body == f"{ARTICLE}\n{BODY}"


@pytest.mark.parametrize(
    "line",
    [
        "张三、李四",  # two names: a pair named in the text
        "张三、李四、王五参加了会议。",  # a sentence
        "北京、上海、广州、深圳等城市",
    ],
)
def test_lines_that_are_no_signatories_stay(line):
    doc = clean_document(raw(f"标题\n\n{ARTICLE}\n{BODY}\n{line}"))
    assert doc.body.endswith(line) and doc.authors == []


def test_a_names_line_inside_the_text_stays():
    doc = clean_document(raw(f"标题\n\n{ARTICLE}\n张三、李四、王五\n{ARTICLE}\n{BODY}"))
    assert "\n张三、李四、王五\n" in doc.body and doc.authors == []


@pytest.mark.parametrize("line", ["防失联，请自我介绍后加某某君微信：", "欢迎加小编微信", "防失联，请关注备用号"])
def test_a_call_to_add_the_accounts_wechat_closing_a_repost_goes(line):
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{line}") == f"{ARTICLE}\n{BODY}"


@pytest.mark.parametrize("line", ["他让我加他微信。", "记者随后添加了当事人的微信，对方没有回复。"])
def test_a_sentence_about_adding_someone_on_wechat_stays(line):
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{line}").endswith(line)


def test_a_reporter_named_in_the_text_is_no_byline():
    doc = clean_document(raw(f"标题\n\n{ARTICLE}本报记者张三？"))
    assert doc.authors == [] and "本报记者张三" in doc.body


@pytest.mark.parametrize("line", ["他读完《三体》和《流浪地球》。", "》这是一行以书名号结尾的引文", "这本书叫《好看》"])
def test_book_titles_are_no_link_bar(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}")


@pytest.mark.parametrize(
    "line", ["据（路透）报道，市场上涨。", "产品由公司提供的数据显示增长。", "他翻摄了一段影片作为证据。"]
)
def test_brackets_and_words_that_are_not_credits_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}")


@pytest.mark.parametrize(
    "line",
    [
        "该内容已被发布者删除",
        "微信原文、某某转载 均删除",
        "会员登入",
        "忘记密码 | 重寄启用信",
        "会员信箱：member@example.com（一个工作日内将回复您的来信）",
        "（周一至周五工作日9:00~18:00）",
        "加入已选取到「关键字追踪」",
        "近7天热门报导",
        "订阅某某 行动版",
    ],
)
def test_platform_notices_and_member_widgets_go_anywhere(line):
    assert line not in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize(
    "line", ["会员登入系统上线后，用户数增长三成。", "注册资本为5000万元。", "常见问题的答案见下文。"]
)
def test_sentences_that_mention_members_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize("closing", ["投稿、合作邮箱：abc@163.com", "某某原创", ">>加入某某日报粉丝团94即时94狂！"])
def test_closing_calls_and_marks_go_at_the_end_of_the_text(closing):
    assert closing not in body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{closing}")


def test_a_care_notice_and_its_hotlines_close_the_text():
    notice = [
        "《某报》关心你",
        "自杀解决不了问题，却留给家人无比悲痛。请珍惜生命。",
        "安心专线：1925（24小时）",
        "生命线：1995",
    ]
    body = body_of("\n".join(["标题", "", ARTICLE, BODY, *notice]))
    assert BODY in body and "关心你" not in body and "1925" not in body


def test_a_closing_wire_credit_gives_author_and_outlet_and_leaves_the_text():
    text = f"标题\n\n{ARTICLE}\n老百姓也将切身受益。” 新华社记者 刘雪（据新华社上海6月13日专电）"
    doc = clean_document(raw(text))
    assert (doc.authors, doc.outlet) == (["刘雪"], "新华社")
    assert doc.body.endswith("老百姓也将切身受益。”"), doc.body


def test_a_photo_credit_with_a_full_width_dot_gives_the_author():
    doc = clean_document(raw(f"标题\n\n{ARTICLE}「我只求上帝保佑。」报导．摄影╱韩旭尔\n{BODY}"))
    assert doc.authors == ["韩旭尔"] and "韩旭尔" not in doc.body


def test_a_quoted_front_matter_title_keeps_its_opening_quote():
    text = "\n".join(
        [
            "“某某如同任何一种自由” | 某某日",
            "",
            "layout: post",
            "title: “某某如同任何一种自由” | 某某日",
            "categories: Archive",
            "",
            ARTICLE,
        ]
    )
    assert clean_document(raw(text)).title == "“某某如同任何一种自由” | 某某日"
    text = text.replace("title: “某某如同任何一种自由” | 某某日", 'title: "一个标题"')
    assert clean_document(raw(text)).title == "一个标题"


def test_a_headline_whose_body_is_all_debris_is_still_the_title():
    doc = clean_document(
        raw("探险家深入活火山内部　炙热熔岩随时喷涌\n\n某某平台仅提供信息存储空间服务，其内容均由上网用户提供。")
    )
    assert doc.title == "探险家深入活火山内部 炙热熔岩随时喷涌"


def test_a_page_title_is_punctuated_as_the_body_is():
    doc = clean_document(raw(ARTICLE, meta={"title": "十年前父亲掐死儿后自缢... 凶宅下月拍卖"}))
    assert doc.title is not None and "……" in doc.title and "..." not in doc.title


def test_a_long_post_repeated_as_its_body_is_its_own_title():
    post = (
        "????#某某钱包涉嫌诈骗# 某某公司从去年9月开始逾期，诈骗出借人血汗钱，套路多多。"
        "某某在平台开业的时候站台代言虚假宣传  ?????"
    )
    doc = clean_document(raw(f"{post}\n\n{post}"))
    assert doc.title and doc.title.startswith("????#某某钱包涉嫌诈骗#") and "诈骗出借人血汗钱" in doc.body


def test_a_long_post_whose_copy_below_lost_its_quotes_and_breaks_is_its_own_title():
    post = (
        "白条是某某推出的“先消费，后付款”的全新支付方式，主要用于某某商城等场景的消费。 在某某网站使用白条进行付款，"
        "可以享受账期内延后付款或者最长24期的分期付款方式。白条不支持转账功能。...全文：  ?"
    )
    copy = post.replace("“", "").replace("”", "").replace("全文：  ?", "全文： http://m.weibo.cn/1/2 ?")
    doc = clean_document(raw(f"{post}\n\n{copy}"))
    assert doc.title and doc.title.startswith("白条是某某推出的“先消费") and "最长24期" in doc.body


def test_a_crawler_stamp_opening_the_body_gives_date_and_outlet():
    text = (
        "某某基金公告\n\n时间：2019年07月12日 09:17:25?中财网 "
        "某某基金管理有限公司关于新增代销机构的公告。投资者可办理申购。"
    )
    doc = clean_document(raw(text))
    assert (doc.published_at, doc.outlet) == (date(2019, 7, 12), "中财网")
    assert doc.body.startswith("某某基金管理有限公司关于"), doc.body


def test_a_post_that_is_its_own_headline_keeps_its_text_when_split_into_paragraphs():
    post = "如果不曾遇到你，我不会知道，有一种情感，痛着。交通运输部：6岁以下儿童免费政策不适用于公交地铁。" * 2
    post += " #某某话题#"
    body = body_of(f"{post}\n\n{post}")
    assert "交通运输部：6岁以下儿童免费政策不适用于公交地铁。" in body, body


@pytest.mark.parametrize(
    "line",
    [
        "［ 获奖名单 ］",
        "一季度最低价（元）年内最低价（元）昨日收盘价（元）",
        "+886-02-87125398。",
        "原文来自公众号「某某社会观察」，作者 某某",
    ],
)
def test_link_labels_table_headers_phone_lines_and_account_notices_go(line):
    assert line not in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize(
    "tail",
    [
        ["【即时论坛征稿】", "你有想法吗？本报特辟《某某论坛》，欢迎读者投稿。来稿请寄abc@example.com，请勿一稿两投。"],
        ["如果你也有这样的经历，请加入我们，欢迎联系或投稿至abc@gmail.com，期待你的故事~", "#abctoo 青年不沉默！"],
        ["征稿启事"],
    ],
)
def test_a_call_for_contributions_and_a_closing_hashtag_go(tail):
    body = body_of("\n".join(["标题", "", ARTICLE, BODY, *tail]))
    assert body.endswith(BODY) and not any(line in body for line in tail), body


@pytest.mark.parametrize(
    "line",
    [
        "他说，报社欢迎读者投稿，也欢迎批评。",  # in the middle of the text: content
        "#话题# 这是一条微博的正文，讲的是别的事情。",  # a closed hashtag opening a post
    ],
)
def test_calls_for_contributions_and_hashtags_inside_the_text_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize("line", ["2024 2025 2026", "（元）是人民币的单位。", "原文来自一位读者的来信。"])
def test_number_rows_and_sentences_about_sources_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


def test_a_footer_block_goes_even_when_a_long_copyright_line_follows_it():
    footer = [
        "《某报》关心你",
        "安心专线：1925（24小时）",
        "本新闻文字、照片、影片专供会员阅览，版权所有，禁止任何媒体、社群网站、论坛转贴分享，违者必究。",
    ]
    body = body_of("\n".join(["标题", "", ARTICLE, BODY, *footer]))
    assert body.endswith(BODY.split("\n")[-1]), body


def test_a_repost_line_citing_its_title_names_author_and_account():
    text = "\n".join(["西伦敦暴力事件", "", "煮咖啡的劳伦斯 荒诞主义咖啡：西伦敦暴力事件", "", ARTICLE, BODY])
    doc = clean_document(raw(text))
    assert (doc.title, doc.authors, doc.outlet) == ("西伦敦暴力事件", ["煮咖啡的劳伦斯"], "荒诞主义咖啡")
    assert "荒诞主义咖啡" not in doc.body


def test_a_short_line_under_an_image_is_content_unless_it_reads_as_a_credit():
    text = "\n".join(
        [
            "标题",
            "",
            ARTICLE,
            "",
            "![12.jpg](https://i.example.net/12.jpg)",
            "",
            "2017年 关键的时代，批判的头脑",
            "",
            "![13.jpg](https://i.example.net/13.jpg)",
            "",
            "现场截图",
            "",
            BODY,
        ]
    )
    body = body_of(text, "md")
    assert "2017年 关键的时代，批判的头脑" in body and "现场截图" not in body


# --- session 8 genre rules: credits, stamps and notices of unseen outlets -----------------------------


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a desk credit in tortoise-shell brackets opening the first paragraph (Liberty Times)
        ("〔即时新闻／综合报导〕市府昨天宣布新的补助方案。", "综合报导", "市府昨天宣布新的补助方案。"),
        ("〔国际新闻/综合报导〕外电指出，会议延期。", "国际新闻", "外电指出，会议延期。"),
        # a photo credit naming the page copied from, after 图
        ("房子位在路口一带。（图翻摄自google map）", "google map", "房子位在路口一带。"),
        ("现场一片狼藉。（图/翻摄脸书）", "翻摄脸书", "现场一片狼藉。"),
        # a photographer's credit opening a sentence, a caption after it
        ("演习在清晨进行。本版摄影／某某报记者　张三?战士在巡逻。", "本版摄影", "战士在巡逻。"),
        ("摄影/某某日报记者 李四 士兵列队。", "李四", "士兵列队。"),
        # a call for press releases inside a closing note
        (
            "（本文讯息由某公司提供。新闻稿 / 产品讯息提供，可寄至：pr@example.com，经审核后刊登。）",
            "pr@example.com",
            "本文讯息由某公司提供。",
        ),
    ],
)
def test_credits_and_calls_for_releases_go_and_the_sentence_stays(text, gone, kept):
    body = body_of(f"标题\n\n{ARTICLE}\n{text}\n{BODY}")
    assert gone not in body, body
    assert kept in body


@pytest.mark.parametrize(
    "text",
    [
        "照片由读者提供图片说明。",  # 图片 not followed by a credit slash
        "摄影记者张三说，拍照要有耐心。",  # a sentence about a photographer
        "读者可以把新闻稿寄给编辑部。",  # no address
    ],
)
def test_sentences_about_photos_and_releases_stay(text):
    assert text in body_of(f"标题\n\n{ARTICLE}\n{text}\n{BODY}")


def test_a_realtime_pages_stamp_split_into_fragments_goes():
    stamp = "（记者某某／云林报导） 出版时间  10:36 更新时间  17:22 相关新闻  垃圾车到环保局收垃圾。"
    run_on = ("县府今天宣布新的清运方案，环保局表示问题一定会解决。" * 4) + stamp
    body = body_of(f"标题\n\n{run_on}")
    for word in ("出版时间", "更新时间", "相关新闻", "10:36"):
        assert word not in body, body
    assert "垃圾车到环保局收垃圾。" in body


def test_a_reporter_and_place_credit_is_the_author_a_desk_and_place_credit_is_debris():
    doc = clean_document(raw(f"标题\n\n{ARTICLE}（王小明／台北报导）"))
    assert doc.authors == ["王小明"] and "台北报导" not in doc.body
    doc = clean_document(raw(f"标题\n\n{ARTICLE}（生活中心／台北报导）"))
    assert doc.authors == [] and "台北报导" not in doc.body


def test_a_credit_in_half_width_brackets_splits_a_run_on_line():
    credit = "(王小明／综合报导) 小编推荐  测验开始请凭直觉选一组数字。"
    run_on = ("心理学用语指人无法控制自己的情绪，你也是这样的人吗？" * 4) + credit
    doc = clean_document(raw(f"标题\n\n{run_on}"))
    assert "综合报导" not in doc.body
    assert "测验开始请凭直觉选一组数字。" in doc.body


@pytest.mark.parametrize(
    "notice",
    ["★某某电子报关心您：再给自己一次机会", "●某报关心你：珍惜生命", "《某某》关心你"],
)
def test_a_care_notice_with_a_plea_goes_with_the_hotlines_after_it(notice):
    footer = [notice, "自杀咨询专线：0800-788995（24小时）", "生命线：1995"]
    body = body_of("\n".join(["标题", "", ARTICLE, BODY, *footer]))
    assert "关心" not in body and "1995" not in body, body
    assert body.endswith(BODY.split("\n")[-1])


def test_a_sentence_saying_someone_cares_stays():
    line = "他说家人关心你：这是最重要的事，也是我们一直想告诉你的道理，请你务必记住。"
    assert line in body_of("\n".join(["标题", "", ARTICLE, line, BODY]))


def test_a_headline_whose_site_suffix_broke_onto_the_next_line():
    doc = clean_document(raw(f"《某报》牌 一咬上瘾\n｜某某新闻网｜苹果日报\n\n{ARTICLE}\n{BODY}"))
    assert (doc.title, doc.outlet) == ("《某报》牌 一咬上瘾", "苹果日报")
    assert "新闻网" not in doc.body


def test_a_remind_notice_with_its_hotlines_on_one_line_goes():
    notice = "●《某某新闻云》提醒您，请给自己机会：自杀防治咨询安心专线：0800-788995；生命线协谈专线：1995"
    body = body_of("\n".join(["标题", "", ARTICLE, BODY, notice]))
    assert "提醒您" not in body and "1995" not in body, body


def test_a_sentence_reminding_readers_stays():
    line = "警方提醒您，出门前务必锁好门窗，贵重物品不要放在车内，以免遭窃造成损失，也请多留意可疑人士。"
    assert line in body_of("\n".join(["标题", "", ARTICLE, BODY, line]))


@pytest.mark.parametrize(
    ("line", "gone", "kept"),
    [
        ("平常：00004000", "00004000", "平常："),
        ("某某提供热门用品排行。《某报》整理", "《某报》整理", "某某提供热门用品排行。"),
    ],
)
def test_a_glued_chunk_size_and_a_compiler_credit_go(line, gone, kept):
    body = body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")
    assert gone not in body and kept in body, body


@pytest.mark.parametrize("line", ["型号A00004000已停产", "价格为10000000元。", "他说《某报》整理得很好。"])
def test_numbers_and_sentences_like_them_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("各方呼吁尽快解决问题。（记者　张某某　整理）", "（记者　张某某　整理）"),
        ("各方呼吁尽快解决问题。（记者李某报道）", "（记者李某报道）"),
        ("现场传出多人受伤。（图非事故现场） 本报系资料照／记者王小明摄影", "本报系资料照／记者王小明摄影"),
        ("悬赏寻找被救者。图／实习记者王小明3日，27岁的小伙子跳入河中救人。", "图／实习记者王小明"),
    ],
)
def test_reporter_and_photographer_credits_go_as_spans(text, gone):
    body = body_of(f"标题\n\n{ARTICLE}\n{text}")
    assert gone not in body and ARTICLE in body, body
    assert text.replace(gone, "").split("。")[0] in body


@pytest.mark.parametrize("line", ["他说，记者王小明整理的资料很有用。", "资料显示，去年有三万人参加。"])
def test_sentences_naming_a_reporter_or_data_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


def test_a_commentators_signature_closing_an_op_ed_goes():
    body = body_of(f"标题\n\n{ARTICLE}\n{BODY}\n王小明（媒体人）\n编辑：李某某")
    assert "媒体人" not in body and "编辑" not in body and ARTICLE in body, body


def test_a_markdown_link_wrapped_before_its_closing_bracket_is_its_text():
    text = "原文来自「某某报」：[一个很长的标题｜某某报快评\n](https://mp.weixin.qq.com/s/abc)"
    assert strip_markdown(text) == "原文来自「某某报」：一个很长的标题｜某某报快评"


# --- session 12 (kind: debris left): closing notices of a WeChat account, Apple Daily's realtime labels ---------


@pytest.mark.parametrize(
    "line",
    [
        "作者系某某号的签约作者。未经特别说明，本号文章均为原创。转载文章或原创插图，请联系小编，或给后台留言。",
        "如需转载，请后台留言。",
        "最新课程与活动，扫码了解更多！",
    ],
)
def test_an_accounts_reprint_terms_or_scan_call_closing_a_repost_goes(line):
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{line}") == f"{ARTICLE}\n{BODY}"


def test_a_related_reading_list_before_the_accounts_notice_goes():
    tail = "相关阅读\n做个精致的人，有问题吗？\n删帖应对手册\n转载文章请联系小编，或给后台留言。"
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{tail}") == f"{ARTICLE}\n{BODY}"


@pytest.mark.parametrize(
    "line", ["他说转载这篇文章的人很多，请联系原作者的事情没人做。", "网友扫码了解详情后纷纷留言。"]
)
def test_sentences_about_reposting_or_scanning_inside_the_text_stay(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize("label", ["新：新增影片 ", "新：新增动画 "])
def test_an_update_label_opening_a_realtime_item_goes(label):
    assert body_of(f"标题\n\n{label}{ARTICLE}\n{BODY}") == f"{ARTICLE}\n{BODY}"


def test_a_bare_file_photo_mark_closing_a_caption_goes():
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n图为女模展示新机。资料照片") == f"{ARTICLE}\n{BODY}\n图为女模展示新机。"


def test_file_photos_named_in_a_sentence_stay():
    line = "警方调阅了资料照片，确认了嫌犯的身份。"
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


def test_a_clippers_note_naming_the_original_goes():
    """Session 13 (kind: debris left): a web clipper's note before the source line of a repost."""
    note = "本文由简悦 SimpRead转码，原文来自微信号「某某」：一个标题"
    assert body_of(f"标题\n\n{note}\n{ARTICLE}\n{BODY}") == f"{ARTICLE}\n{BODY}"


@pytest.mark.parametrize("credit", ["图／某某乡公所提供", "图/facebook提供"])
def test_a_provided_by_credit_closing_a_caption_goes(credit):
    """Session 13 (kind: debris left): "……。图／某某提供" closing a photo caption (Taiwanese portals)."""
    caption = "公所和农改场合作希望扩大种植面积。"
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{caption}{credit}") == f"{ARTICLE}\n{BODY}\n{caption}"


def test_a_sentence_saying_who_provided_a_photo_stays():
    line = "照片很清楚。图/文不符的错误由读者提供线索后更正。"
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize("note", ["本文由 简悦 SimpRead 转码", "本文由某某插件转码"])
def test_a_clippers_note_alone_on_its_line_goes_below_a_kept_description(note):
    """Session 14 (kind: debris left): the clipper's note on a line of its own, after a long first line."""
    lead = "这是一篇长文的摘要，它不在正文里重复出现，所以留作正文的第一段文字。"
    assert body_of(f"标题\n\n{lead}\n{note}\n{ARTICLE}\n{BODY}") == f"{lead}\n{ARTICLE}\n{BODY}"


@pytest.mark.parametrize("line", ["原文地址 https://www.example.cn/1b1zuh", "原文链接 <https://example.com/a/b>"])
def test_a_source_link_after_a_space_goes(line):
    """Session 14 (kind: debris left): a clipper's "原文地址 url" without a colon."""
    assert body_of(f"标题\n\n{line}\n{ARTICLE}\n{BODY}") == f"{ARTICLE}\n{BODY}"


def test_a_source_label_in_a_sentence_stays():
    line = "原文地址 已经失效，我们只能从存档里找回这篇文章。"
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize("call", ["优质内容需要你的 “在看” 支持 ▽", "点个“在看”吧", "喜欢请点「在看」"])
def test_a_call_for_the_wow_button_closing_a_post_goes(call):
    """Session 14 (kind: debris left): a WeChat account's call for its "在看" button."""
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{call}") == f"{ARTICLE}\n{BODY}"


def test_a_sentence_quoting_the_wow_button_stays():
    line = "很多读者说，“在看”按钮让他们更愿意分享文章。"
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize(
    ("captions", "kept"),
    [
        ("某某是演艺圈宅男。资料照某某是乐团中唯一单身的团员。", "某某是演艺圈宅男。某某是乐团中唯一单身的团员。"),
        ("某某被爆热恋乐团主唱。合成图片某某是大学毕业生。", "某某被爆热恋乐团主唱。某某是大学毕业生。"),
        ("法师举行仪式。资料照片仪式多在深夜举行。", "法师举行仪式。仪式多在深夜举行。"),
        ("某某为好友找到伴侣感到开心。合成图某某专注在歌唱事业。", "某某为好友找到伴侣感到开心。某某专注在歌唱事业。"),
    ],
)
def test_photo_marks_glued_between_captions_go(captions, kept):
    """Session 14 (kind: debris left): Apple Daily captions run together, a file-photo or composite mark between."""
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{captions}") == f"{ARTICLE}\n{BODY}\n{kept}"


@pytest.mark.parametrize("line", ["警方公布了照片。资料照片显示他曾多次出境。", "他翻出旧相册。资料图中的他还很年轻。"])
def test_a_sentence_about_a_file_photo_stays(line):
    assert line in body_of(f"标题\n\n{ARTICLE}\n{line}\n{BODY}")


@pytest.mark.parametrize("cut", ["［", "［详", "[更多"])
def test_a_link_label_cut_off_after_a_teaser_goes(cut):
    """Session 14 (kind: debris left): the portal's ［详细］ label cut off by the crawl after the teaser's ellipsis."""
    teaser = "他与老伴靠种地艰难生活．．．．．．"
    assert body_of(f"标题\n\n{ARTICLE}\n{BODY}\n{teaser}{cut}") == f"{ARTICLE}\n{BODY}\n{teaser}"


@pytest.mark.parametrize("signed", ["2009-6-11", "2018.4.25", "2012/5/17"])
def test_a_closing_date_line_is_no_foreign_tail(signed):
    """Session 14 (kind: figure lost with its line): a letter's date closing the text stays; a song card before it
    goes."""
    text = "\n".join([ARTICLE, *PARAGRAPHS, BODY])
    doc = clean_document(raw(f"标题\n\n{text}\nMother John Lennon - Gimme Some Truth\n{signed}"))
    assert doc.body == f"{text}\n{signed}"
