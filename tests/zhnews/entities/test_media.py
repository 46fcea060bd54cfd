"""zhnews.entities.media: outlets in book-title marks or named as a source; dateline credits are no mention."""

import pytest

from zhnews.entities.media import media_candidates


@pytest.mark.parametrize(
    "text",
    [
        "新浪财经讯 5月1日消息，股市上涨。",
        "澜江社北京5月1日电，股市上涨。",
        "本报讯（记者 张三）股市上涨。",
    ],
)
def test_a_dateline_credit_is_no_mention(text, found):
    assert found(text) == {}


def test_an_outlet_named_in_the_text_is_still_found_after_a_dateline(found):
    assert found("新浪财经讯 5月1日消息，据财新报道，股市上涨。") == {"财新": "MEDIA"}


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("刘宪杰/台北\n高通在柏林发表新晶片。", ["刘宪杰", "台北"]),
        ("记者叶韦辰／台北报导\n联想发表新笔电。", ["叶韦辰", "台北"]),
        ("巨亨速报 - 最新调查：致茂（2360-TW）获上修\n根据调查，共10位分析师。", ["巨亨速报"]),
    ],
)
def test_byline_lines_and_headline_kickers_are_credits_not_mentions(text, credited, found):
    result = found(text)
    assert not set(credited) & set(result)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("他住在台北/新北交界，常去刘宪杰家。", "刘宪杰"),
        ("高通 在柏林 - 发表", "高通"),
    ],
)
def test_a_slash_or_dash_inside_a_sentence_is_no_credit(text, name, found):
    assert name in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("转发 @澜江日报 @青禾市公安局 请关注", {"澜江日报": "MEDIA", "青禾市公安局": "ORG"}),
        ("//@山月Momo：平台跑路了，@湖南警方在线 管不管", {"山月Momo": "PERSON", "湖南警方在线": "MEDIA"}),
    ],
)
def test_social_media_handles_are_account_names_typed_by_ending(text, expected, found):
    got = found(text)
    assert {name: got.get(name) for name in expected} == expected


@pytest.mark.parametrize("text", ["来信请寄 ab@cd.com 谢谢", "比分 @123 结束", "邮箱lin@qq.com。"])
def test_an_address_or_a_number_after_at_is_no_handle(text, found):
    assert not any("@" in s or s in ("cd", "123", "qq") for s in found(text))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("2010年，她在凤凰卫视《澜江一席谈》上大骂移民。", "澜江一席谈"),
        ("非营利网路媒体《青禾报导》前往印尼采访。", "青禾报导"),
        ("他又在《澜江社会科学》发表论文。", "澜江社会科学"),
        ("央视新闻频道《青禾访谈》栏目今晚播出。", "青禾访谈"),
    ],
)
def test_a_programme_or_journal_named_by_its_broadcaster_or_publication_is_media(text, title):
    assert {(c.surface, c.type) for c in media_candidates("d", text)} == {(title, "MEDIA")}


@pytest.mark.parametrize("text", ["他喜欢看《澜江格格》。", "根据《澜江管理条例》第五条。", "她在《澜江情书》中演出。"])
def test_a_title_with_no_broadcaster_or_publication_is_no_media(text):
    assert media_candidates("d", text) == []
