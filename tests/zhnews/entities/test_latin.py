"""zhnews.entities.latin: Latin-script names and model numbers, typed by cue words or by shape."""

import pytest

from zhnews.entities import extract_document


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
        # a firm's own name keeps its type after the product noun it sells; a product's name does not become a firm
        ("写作工具Quillon AI曾风靡一时。", "Quillon AI", "ORG"),
        ("写作工具Quillon Pro曾风靡一时。", "Quillon Pro", "PRODUCT"),
        ("剪辑平台Quillon Studio上线。", "Quillon Studio", "PRODUCT"),  # a product named after its firm
        ("Quillon AI这款产品深受欢迎。", "Quillon AI", "PRODUCT"),  # a cue after the name still wins
    ],
)
def test_latin_names_typed_by_context_or_shape(text, surface, etype, found):
    assert found(text).get(surface) == etype


def test_title_words_split_a_latin_run(found):
    assert found("Lumenark AI CEO Ivo Brandt表示") == {"Lumenark AI": "ORG", "Ivo Brandt": "PERSON"}


def test_conjunction_splits_a_latin_run_but_of_does_not(found):
    result = found("初创公司Quorvex Labs and Zentrova Labs合并，Bank of Avalon提供贷款。")
    assert {"Quorvex Labs", "Zentrova Labs", "Bank of Avalon"} <= set(result)


def test_lowercase_words_at_the_edges_are_not_part_of_a_name(found):
    assert "Zentrova" in found("据悉 the Zentrova said，初创公司的融资完成。")


def test_a_hyphen_typed_with_a_space_stays_inside_a_latin_name(found):
    assert found("绘画模型 Qorva- X2 之后发布的模型很受欢迎。") == {"Qorva- X2": "PRODUCT"}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("我和纪录片《监视》(《The Quiet Web》)里的所有人聊过天。", "Quiet Web"),
        ("这篇文章是两次播客采访的整合编译，分别来自 Gradient Talk 和 Soft Fork。", "Soft Fork"),
    ],
)
def test_shows_and_podcasts_are_media_by_a_cue_in_their_sentence(text, surface, found):
    assert found(text).get(surface) == "MEDIA"


def test_a_person_cue_far_in_the_sentence_gives_no_type():
    cands = extract_document("d", "我们采访了很多人，包括来自 Orlwick 的几位。")
    assert [c.rule for c in cands if c.surface == "Orlwick"] == ["default"]


def test_latin_heavy_lines_only_give_lexicon_names(found):
    text = "新闻正文提到了微软。\nBitcoin Rally Continues As Traders Eye Fresh Records While Google Shares Slip Lower"
    assert found(text) == {"微软": "ORG", "Google": "ORG"}


def test_an_acronym_that_leads_a_round_is_an_investor(found):
    assert found("本轮由KVN领投，WiX跟投。") == {"KVN": "ORG", "WiX": "ORG"}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("新款笔电搭载Velox Core Ultra 7 165U处理器。", "Velox Core Ultra 7 165U"),
        ("手表Brell&Rox Vintage 120B售价不菲。", "Brell&Rox Vintage 120B"),
        ("芯片Zentra 7000系列已经量产。", "Zentra 7000"),
        ("晶片Quorra UltraScale+的功耗更低。", "Quorra UltraScale+"),
        ("高管Maeve O’Drennan表示，营收成长。", "Maeve O’Drennan"),
        ("由出版商Frederick A. Pranger出版。", "Frederick A. Pranger"),
    ],
)
def test_model_numbers_plus_signs_apostrophes_and_initials_stay_inside_a_latin_name(text, surface, found):
    assert surface in found(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("手机Vexo 2023年销量下滑。", "Vexo 2023"),
        ("手机Vexo 300万台已经售出。", "Vexo 300"),
        ("个案编号A3584，请洽基金会。", "A3584"),
        ("多家OEM与ISV推出SoC方案。", "SoC"),
        ("多家OEM与ISV推出SoC方案。", "ISV"),
        ("北京市因SARS隔离人口已达一万。", "SARS"),  # a disease
        ("SARS是 Severe Acute Respiratory Syndrome的简称。", "Severe Acute Respiratory Syndrome"),
        ("两人喝酒、笑闹、High，把公寓闹得像开大Party般热闹。", "High"),  # everyday English words
        ("两人喝酒、笑闹、High，把公寓闹得像开大Party般热闹。", "Party"),
        ("欧盟发布的（EC）No1881/2006法规。", "No1881"),  # document numbers
        ("依照国家标准（GB 2762-2017）检测。", "GB 2762"),
        ("在柏林举行的IFA 2024展会中亮相。", "IFA 2024"),  # an event's edition
        ("伦敦FTSE 100指数跌12.44点。", "FTSE 100"),  # a market index
        ("并配备2.8K OLED防眩光萤幕及多项功能。", "OLED"),  # a display technology
        ("法兰克福DAX 30 指数跌99.81点。", "DAX 30"),
        ("该P2P网贷平台的借款利率为9.2%。", "P2P"),  # a business model
        ("股价在MA5与MA10均线之间震荡。", "MA10"),  # a market indicator
        ("当天PM2.5浓度超过每立方米150微克。", "PM2.5"),  # a pollution measure
        ("市民排队购买N95口罩。", "N95"),  # a standard
        ("他在ATM机上取了两千元。", "ATM"),  # an everyday device
        ("随着Y925次旅客列车从乌鲁木齐站发出。", "Y925"),  # a train's service number
        ("外资可通过QFII渠道投资A股。", "QFII"),  # an investment scheme
        ("要形成一个女工的MeToo运动，过程会很艰辛。", "MeToo"),  # a movement's hashtag
        ("场地自行车男子C1级1000米个人计时赛。", "C1"),  # a grade
    ],
)
def test_amounts_dates_serial_codes_and_industry_kinds_are_no_latin_name(text, absent, found):
    assert absent not in found(text)


def test_a_leading_english_article_is_not_part_of_a_name(found):
    assert "Orbin Review" in found("刊登于期刊An Orbin Review。")


@pytest.mark.parametrize(
    ("text", "brand", "absent"),
    [
        ("运动时用Lumora SPF60防晒粉条，防水。", "Lumora", "Lumora SPF60"),
        ("热天用Verdane防晒乳SPF25，清爽。", "Verdane", "防晒乳SPF25"),
    ],
)
def test_a_product_rating_is_no_part_of_a_name(text, brand, absent, found):
    got = found(text)
    assert brand in got and absent not in got and not any(s.startswith("SPF") for s in got)


@pytest.mark.parametrize(
    ("text", "surface"), [("他在facebook上发文。", "facebook"), ("影片上传到youtube后爆红。", "youtube")]
)
def test_a_known_name_typed_in_lower_case_is_the_name(text, surface):
    assert surface in {c.surface for c in extract_document("d", text)}


def test_a_short_lowercase_word_stays_a_word():
    assert not extract_document("d", "我们一起go吧。")
