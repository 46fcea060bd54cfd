"""zhnews.ingest: discovery, change planning, decoding, front matter and HTML, on real files."""

import os
import tracemalloc
from pathlib import Path

import pytest

from zhnews import ingest
from zhnews.ingest import KnownFile, SeedFile

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LIMIT = 20 * 2**20


def encodable(text: str, encoding: str) -> str:
    """Keep only the characters a legacy encoding can hold, so twins compare exactly."""
    return "".join(ch for ch in text if ch.encode(encoding, errors="ignore"))


def read(tmp_path: Path, name: str, data: bytes) -> ingest.ReadResult:
    (tmp_path / name).write_bytes(data)
    return ingest.read_seed(tmp_path, name, LIMIT)[1]


@pytest.mark.parametrize(
    ("seed", "encoding"),
    [
        ("002_c859cae765f34aab.txt", "gbk"),
        ("002_c859cae765f34aab.txt", "gb18030"),
        ("001_e99457b3a0c3ad21.txt", "big5"),
        ("000_0691a71e8f570675.txt", "big5"),
        ("003_0aa7330093996327.txt", "utf-16"),
        ("003_0aa7330093996327.txt", "utf-16-le"),
        ("004_0106fccdff0b0f02.txt", "utf-8-sig"),
        ("004_0106fccdff0b0f02.txt", "utf-16-be"),
    ],
)
def test_legacy_encodings_read_like_their_utf8_twin(tmp_path, seed, encoding):
    text = encodable((SEEDS / seed).read_text(encoding="utf-8"), encoding)
    twin = read(tmp_path, "twin.txt", text.encode("utf-8")).document
    other = read(tmp_path, "other.txt", text.encode(encoding)).document
    assert other.text == twin.text
    assert other.meta == twin.meta


def test_a_few_bad_bytes_in_utf8_are_replaced_and_reported(tmp_path):
    data = "第一段正文内容。".encode() * 200 + b"\xff\xfe\xfa" + "第二段。".encode()
    result = read(tmp_path, "bad.txt", data)
    assert result.document.encoding == "utf-8"
    assert "第二段" in result.document.text
    assert [r.stage for r in result.refusals] == ["ingest"]
    assert "replaced" in result.refusals[0].reason


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"PK\x03\x04" + bytes(200), "zip"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_empty_and_binary_files_are_refused_with_a_reason(tmp_path, data, words):
    result = read(tmp_path, "x.txt", data)
    assert result.document is None
    assert words in result.refusals[-1].reason


def test_front_matter_is_read_safely_and_removed(tmp_path):
    text = "---\ntitle: 标题\nurl: https://example.com/a\nsource: 某某网\ndate: 2023-03-08\n---\n\n正文第一段。\n"
    doc = read(tmp_path, "a.md", text.encode()).document
    assert doc.fmt == "md"
    assert doc.meta == {"title": "标题", "url": "https://example.com/a", "outlet": "某某网", "date": "2023-03-08"}
    assert doc.text.strip() == "正文第一段。"


@pytest.mark.parametrize(
    "header",
    [
        "title: [unclosed\n",
        "title: !!python/object/apply:os.system ['echo hacked']\n",
        "- just\n- a list\n",
    ],
)
def test_broken_or_hostile_front_matter_keeps_the_text_and_says_why(tmp_path, header):
    result = read(tmp_path, "a.md", f"---\n{header}---\n正文第一段。\n".encode())
    assert result.document.meta == {}
    assert result.document.text.strip() == "正文第一段。"
    assert "front matter" in result.refusals[0].reason


def test_a_dashed_rule_that_is_not_front_matter_stays(tmp_path):
    doc = read(tmp_path, "a.txt", "正文第一段。\n---\n正文第二段。\n".encode()).document
    assert doc.meta == {}
    assert "正文第二段" in doc.text


def test_html_gives_main_text_and_metadata_without_markup(tmp_path):
    html = (
        "<html><head><title>标题 - 某某网</title><meta property='og:site_name' content='某某网'>"
        "<meta property='article:published_time' content='2024-03-21'></head><body>"
        "<nav><a href='/'>首页</a></nav><article><h1>标题</h1>"
        "<p>这是第一段正文，讲述了一家公司的融资消息，内容相当长以便被识别为正文。</p>"
        "<p>这是第二段正文，<b>继续</b>讲述后续发展，同样包含足够多的文字内容。</p></article>"
        "<script>var x = 1;</script></body></html>"
    )
    doc = read(tmp_path, "a.html", html.encode("gbk")).document
    assert doc.fmt == "html"
    assert "这是第一段正文" in doc.text and "继续讲述" in doc.text
    assert "<" not in doc.text and "var x" not in doc.text
    assert doc.meta["outlet"] == "某某网"
    assert doc.meta["date"] == "2024-03-21"


def page(head: str, body: str) -> bytes:
    paragraph = f"<p>{body}，公司的营收增长显著，市场反应积极，分析人士认为前景向好。</p>"
    article = f"<body><article>{paragraph * 4}</article></body>"
    return f"<html><head><title>标题</title>{head}</head>{article}</html>".encode()


@pytest.mark.parametrize("body", ["公司发布2024年年报", "据2023年3月15日的公告", "公司2023年的营收", "2022/09/10生效"])
def test_html_without_a_date_in_its_markup_gets_none_from_its_text(tmp_path, body):
    doc = read(tmp_path, "a.html", page("", body)).document
    assert body in doc.text and "date" not in doc.meta


@pytest.mark.parametrize(
    ("head", "body", "date"),
    [
        ("<meta property='article:published_time' content='2023-05-06T08:00:00'>", "发布2024年年报", "2023-05-06"),
        ("<meta name='pubdate' content='2021-11-02'>", "据2023年3月15日的公告", "2021-11-02"),
        ("<link rel='canonical' href='https://example.com/2022/09/10/a.html'>", "公司发布2024年年报", "2022-09-10"),
    ],
)
def test_html_date_comes_from_the_page_markup(tmp_path, head, body, date):
    assert read(tmp_path, "a.html", page(head, body)).document.meta["date"] == date


@pytest.mark.parametrize("name", ["a.html", "a.md"])
def test_a_page_behind_front_matter_keeps_its_head_and_the_front_matter_fills_gaps(tmp_path, name):
    """A web clipper's front matter before a saved page: the page's head is still read as a head."""
    head = (
        "<link rel='canonical' href='https://news.example.com/id/1'>"
        "<meta property='article:published_time' content='2025-08-18T00:10:53Z'>"
    )
    front = "---\nurl: https://m.example.com/id/1\nauthor: 王小明\ncompany: 某某\n---\n<!DOCTYPE html>"
    doc = read(tmp_path, name, front.encode() + page(head, "公司发布2024年年报")).document
    assert doc.fmt == "html"
    assert doc.meta["url"] == "https://news.example.com/id/1" and doc.meta["date"] == "2025-08-18"
    assert doc.meta["author"] == "王小明"
    assert "公司发布2024年年报" in doc.text and "company" not in doc.text


def test_doc_id_is_stable_and_depends_on_path_and_content(tmp_path):
    first = read(tmp_path, "a.txt", "正文。".encode()).document.doc_id
    assert read(tmp_path, "a.txt", "正文。".encode()).document.doc_id == first
    assert read(tmp_path, "b.txt", "正文。".encode()).document.doc_id != first
    assert read(tmp_path, "a.txt", "正文!".encode()).document.doc_id != first


def test_discover_is_recursive_with_posix_paths_and_refuses_links_out(tmp_path):
    root = tmp_path / "seeds"
    (root / "子目录 a").mkdir(parents=True)
    (root / "子目录 a" / "新闻 1.txt").write_text("正文", encoding="utf-8")
    (root / "top.md").write_text("正文", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside, root / "link.txt")
    files, refused = ingest.discover(root)
    assert [f.source_path for f in files] == ["top.md", "子目录 a/新闻 1.txt"]
    assert [r.source_path for r in refused] == ["link.txt"]
    assert "outside" in refused[0].reason


def test_vanished_and_oversized_files_are_refused(tmp_path):
    assert "vanished" in ingest.read_seed(tmp_path, "gone.txt", LIMIT)[1].refusals[0].reason
    (tmp_path / "big.txt").write_bytes(b"a" * 2048)
    digest, result = ingest.read_seed(tmp_path, "big.txt", 1024)
    assert digest is None and "limit" in result.refusals[0].reason


def test_plan_scan_reads_only_new_or_touched_files_and_lists_deletions():
    known = {
        "same.txt": KnownFile(10, 1, "h1", "d1"),
        "touched.txt": KnownFile(10, 1, "h2", "d2"),
        "gone.txt": KnownFile(10, 1, "h3", "d3"),
    }
    files = [SeedFile("same.txt", 10, 1), SeedFile("touched.txt", 10, 2), SeedFile("new.txt", 5, 1)]
    plan = ingest.plan_scan(files, known)
    assert [f.source_path for f in plan.to_read] == ["touched.txt", "new.txt"]
    assert [f.source_path for f in plan.unchanged] == ["same.txt"]
    assert plan.deleted == ["gone.txt"]


def test_discover_refuses_what_it_cannot_or_must_not_read(tmp_path):
    root = tmp_path / "seeds"
    root.mkdir()
    (root / "ok.txt").write_text("正文", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.symlink(root / "loop.txt", root / "loop.txt")
    os.symlink(tmp_path, root / "folder_out")
    (root / "inside").mkdir()
    os.symlink(root / "inside", root / "folder_in")
    (root / os.fsdecode(b"bad\xffname.txt")).write_text("正文", encoding="utf-8")
    files, refused = ingest.discover(root)
    assert [f.source_path for f in files] == ["ok.txt"]
    reasons = {r.source_path: r.reason for r in refused}
    assert "not a regular file" in reasons["pipe.txt"]
    assert "does not exist" in reasons["dangling.txt"]
    assert "could not be examined" in reasons["loop.txt"]
    assert "folder outside the seeds folder" in reasons["folder_out"]
    assert "folder_in" not in reasons
    assert "not valid UTF-8" in reasons["bad\ufffdname.txt"]


def test_an_oversized_file_is_refused_without_reading_it(tmp_path):
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 2**20)
    tracemalloc.start()
    digest, result = ingest.read_seed(tmp_path, "huge.txt", LIMIT)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert digest is None and "50.0 MB, above the 20 MB limit" in result.refusals[0].reason
    assert peak < 2**20


def test_a_pipe_swapped_in_after_discovery_is_refused_not_waited_for(tmp_path):
    (tmp_path / "a.txt").write_text("正文", encoding="utf-8")
    [seed], _ = ingest.discover(tmp_path)
    (tmp_path / "a.txt").unlink()
    os.mkfifo(tmp_path / "a.txt")
    assert "not a regular file" in ingest.read_seed(tmp_path, seed.source_path, LIMIT)[1].refusals[0].reason


def test_a_file_deleted_between_discovery_and_reading_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("正文", encoding="utf-8")
    [seed], _ = ingest.discover(tmp_path)
    (tmp_path / "a.txt").unlink()
    digest, result = ingest.read_seed(tmp_path, seed.source_path, LIMIT)
    assert digest is None and result.document is None
    assert "vanished between discovery and reading" in result.refusals[0].reason


def test_a_file_rewritten_between_discovery_and_reading_is_read_as_it_now_is(tmp_path):
    (tmp_path / "a.txt").write_text("旧的正文。", encoding="utf-8")
    [seed], _ = ingest.discover(tmp_path)
    (tmp_path / "a.txt").write_text("新的正文，更长一些。", encoding="utf-8")
    digest, result = ingest.read_seed(tmp_path, seed.source_path, LIMIT)
    assert result.document.text == "新的正文，更长一些。"
    assert result.document.doc_id == ingest.make_doc_id("a.txt", digest)
    plan = ingest.plan_scan(
        ingest.discover(tmp_path)[0],
        {"a.txt": KnownFile(seed.size_bytes, seed.mtime_ns, digest, result.document.doc_id)},
    )
    assert [f.source_path for f in plan.to_read] == ["a.txt"]  # the stale stat makes the next run look again


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("短文第一段。".encode() + b"\xff\xfe" + "第二段。".encode(), "utf-8"),
        ("短文".encode() + b"\xc3", "utf-8"),
        ("这是一段用国标编码写成的新闻正文，内容很长。".encode("gbk"), "gb18030"),
        ("這是一段用大五碼寫成的新聞正文，內容很長。".encode("big5"), "cp950"),
    ],
)
def test_a_short_damaged_utf8_file_stays_utf8_and_legacy_files_do_not(tmp_path, data, encoding):
    assert read(tmp_path, "a.txt", data).document.encoding == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "file is empty (0 bytes)"), (b" \n\t\r\n", "holds only whitespace"), ("\u3000\n".encode(), "whitespace")],
)
def test_empty_files_say_so(tmp_path, data, reason):
    assert reason in read(tmp_path, "a.txt", data).refusals[-1].reason


@pytest.mark.parametrize(
    ("header", "meta"),
    [
        ('title: "标题\\n副标题"\n', {"title": "标题 副标题"}),
        ("title: |\n  第一行\n  第二行\n", {"title": "第一行 第二行"}),
        ("url: not a link\n", {}),
        ("url: https://example.com/a?b=1\n", {"url": "https://example.com/a?b=1"}),
        ("title: '   '\n", {}),
        ("author: [张三, 李四]\n", {"author": "张三, 李四"}),
    ],
)
def test_header_fields_are_one_line_and_urls_look_like_urls(tmp_path, header, meta):
    assert read(tmp_path, "a.md", f"---\n{header}---\n正文。\n".encode()).document.meta == meta


def test_long_blank_padding_is_shrunk_and_indentation_kept(tmp_path):
    data = ("\u3000\u3000第一段。" + " " * 5000 + "第二段。" + "\n" * 5000 + "第三段。").encode()
    assert read(tmp_path, "a.txt", data).document.text == "\u3000\u3000第一段。 第二段。\n\n第三段。"


# ---------------------------------------------------------------- GB or Big5, when both decode cleanly

BIG5_WITH_LATIN = [
    "Tesla 特斯拉於本週公佈第三季財報，營收達 251 億美元。",
    "Apple 蘋果公司今日發表新款 iPhone 手機",
    "NVIDIA 輝達執行長黃仁勳表示 AI 需求強勁",
    "據 Reuters 報導，Google 將投資 10 億美元。",
    "Microsoft 微軟與 OpenAI 合作",
    "“Stability AI”的執行長",
    "基於 Transformer 的模型",
    "蘋果",
    "了一切，《福布斯》(The AI創作，Midjourney是",  # these four were read as GBK garbage
    "此Inflection 的關鍵要素，AI，這合理的過程。",
    "件）的關係。舉個例子：從Jasper AI自己的大的AI公司",
    "它們正被大公司一樣，但Stability Year 萬美元的激勵是的審查",
    "tflix，Stability",  # these two were read as BOM-less UTF-16
    " Harmony Turbo、",
]
GBK_WITH_LATIN = [
    "Tesla 特斯拉于本周公布第三季财报，营收达 251 亿美元。",
    "Apple 苹果公司今日发表新款 iPhone 手机",
    "据 Reuters 报道，Google 将投资 10 亿美元。",
    "微软 Microsoft",  # this one and the last three were read as Big5 garbage
    "英伟达 NVIDIA 发布新芯片",
    "write AI Kitty AI 3963 A230,它有",
    "Lite AI最初",
    "个月，而Stability",
]


@pytest.mark.parametrize("text", BIG5_WITH_LATIN)
def test_short_big5_with_latin_is_read_as_big5(text):
    data = text.encode("big5")
    assert ingest.decodes(data, "gb18030") or ingest.decodes(data, "utf-16-le")  # they read it too, as garbage
    assert ingest.decode(data)[:2] == (text, "cp950")


@pytest.mark.parametrize("text", GBK_WITH_LATIN)
def test_short_gbk_with_latin_is_read_as_gb(text):
    data = text.encode("gbk")
    assert ingest.decodes(data, "cp950") or ingest.decodes(data, "big5hkscs")  # Big5 reads it too, as garbage
    assert ingest.decode(data)[:2] == (text, "gb18030")


@pytest.mark.parametrize(
    ("data", "family"),
    [
        (b"abc \xb0\xa1\xb0\xa2", "gb"),  # GB2312 pairs: every trail byte >= 0xA1
        (b"\x81\x40" + b"\xb0\xa1" * 50 + b"\xa4\x40" * 3, "gb"),  # a lead byte in 0x81-0xA0: never Big5
        (b"\xa4\xa4\xb0\xea\xa1\x41", "big5"),  # 中國，: Big5's comma, 0xA1 and a trail below 0x80
        (b"\xd6\xd0\xb9\xfa\xa3\xac", "gb"),  # 中国，: GB's full-width comma (bopomofo in Big5)
        (b"\xa4\xa4\xa4\x40" * 10, "big5"),  # half the pairs with a trail byte below 0x80
        (b"\xb0\xa1" * 40 + b"\xb0\x40", "gb"),  # one low trail byte in 41 pairs: GBK's extension, not Big5
        (b"\xaa\xba" + b"\xb0\xa1" * 40, "big5"),  # 的 in Big5: a private use character in GB18030
        (b"Latin only", None),
    ],
)
def test_legacy_family_by_the_bytes(data, family):
    assert ingest.legacy_family(data) == family


@pytest.mark.parametrize("seed", ["001_e99457b3a0c3ad21.txt", "000_0691a71e8f570675.txt", "002_c859cae765f34aab.txt"])
@pytest.mark.parametrize(("encoding", "decoded"), [("big5", "cp950"), ("gbk", "gb18030")])
def test_whole_articles_in_either_family(seed, encoding, decoded):
    text = encodable((SEEDS / seed).read_text(encoding="utf-8"), encoding)
    assert ingest.decode(text.encode(encoding))[:2] == (text, decoded)


@pytest.mark.parametrize(
    "text", ["这是一段没有字节顺序标记的中文。", "英伟达发布芯片，售价「三万」美元！", "英伟达 NVIDIA 发布 H100 芯片\n"]
)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bom_less_utf16_chinese_is_still_read(text, encoding):
    assert ingest.decode(text.encode(encoding))[:2] == (text, encoding)


def test_files_under_an_unreadable_folder_are_not_taken_for_deleted():
    known = {"a/1.txt": KnownFile(1, 1, "h", "d1"), "b/2.txt": KnownFile(1, 1, "h", "d2")}
    plan = ingest.plan_scan([], known, unreadable=("a/",))
    assert plan.deleted == ["b/2.txt"]


def test_a_page_keeps_its_raw_title_canonical_link_and_author_link_for_metadata(tmp_path):
    head = (
        "<link rel='canonical' href='https://news.example.com/a/20240820000224'>"
        "<meta property='og:url' content='https://news.example.com/a/20240820000224?chdtv'>"
    )
    author = "<a class='x' href='https://news.example.com/author/4561'>\n  <span>孫嘉君</span></a>"
    html = (
        page(head, "公司发布2024年年报")
        .decode()
        .replace("<title>标题</title>", "<title>标题 - 产业 - 工商時報</title>")
    )
    doc = read(tmp_path, "a.html", html.replace("<article>", f"<article>{author}").encode()).document
    assert doc.meta["page_title"] == "标题 - 产业 - 工商時報"
    assert doc.meta["canonical"] == "https://news.example.com/a/20240820000224"
    assert doc.meta["author_link"] == "孫嘉君"


def test_a_title_after_an_empty_head_is_still_read(tmp_path):
    html = (
        page("", "公司发布2024年年报")
        .decode()
        .replace("<html><head><title>标题</title>", "<html><head></head><title>标题_某某 ASIA</title>")
    )
    assert read(tmp_path, "a.html", html.encode()).document.meta["page_title"] == "标题_某某 ASIA"


def test_a_clipped_page_keeps_the_address_the_clipper_fetched(tmp_path):
    front = "---\nurl: https://m.example.com/news/print/6419345\n---\n<!DOCTYPE html>"
    head = "<link rel='canonical' href='https://news.example.com/news/cat/headline'>"
    doc = read(tmp_path, "a.html", front.encode() + page(head, "公司发布2024年年报")).document
    assert doc.meta["url"] == "https://news.example.com/news/cat/headline"
    assert doc.meta["clipped_url"] == "https://m.example.com/news/print/6419345"


@pytest.mark.parametrize(("stat_size", "expected"), [(20, 20), (3, 11), (10, 11), (0, 11)])
def test_read_up_to_reads_a_grown_file_on_to_the_limit_only(tmp_path: Path, stat_size: int, expected: int):
    """A file that grew after its stat is read on, but never past `limit + 1` bytes (the caller refuses it)."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 20)
    with path.open("rb") as handle:
        assert len(ingest.read_up_to(handle, stat_size, limit=10 if stat_size <= 10 else 30)) == expected


def test_read_bytes_refuses_a_file_over_the_limit(tmp_path: Path):
    (tmp_path / "big.txt").write_bytes(b"x" * 11)
    (tmp_path / "ok.txt").write_bytes(b"x" * 10)
    assert isinstance(ingest.read_bytes(tmp_path, "big.txt", 10), ingest.Refusal)
    assert ingest.read_bytes(tmp_path, "ok.txt", 10) == b"x" * 10
