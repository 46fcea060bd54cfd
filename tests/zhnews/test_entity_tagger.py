"""The statistical tagger: where it reads, what it keeps, and how its names join the rules' candidates."""

import itertools

import pytest

from zhnews import entity_tagger
from zhnews.entities import extract_document, extract_mentions
from zhnews.entities.segment import quick_tags


def names(body: str) -> dict[str, str]:
    return {body[s:e]: etype for s, e, etype in entity_tagger.tag_documents([("d", body)])["d"]}


def test_unknown_people_places_and_organisations_in_the_lead_are_found():
    found = names("台北市立联合医院昨天宣布，院长黄胜坚将退休。")
    assert found == {"台北市立联合医院": "ORG", "黄胜坚": "PERSON"}
    found = names("嫌犯洪太和落网，警方说他在小港区犯案。")
    assert found == {"洪太和": "PERSON", "小港区": "PLACE"}


def test_spans_are_body_offsets_and_never_cross_a_line():
    body = "第一段没有名字。\n" * 3 + "消息人士说，\n陈建宏先生表示同意。"
    spans = entity_tagger.tag_documents([("d", body)])["d"]
    assert spans
    for start, end, _ in spans:
        assert "\n" not in body[start:end]
        assert body[start:end].strip() == body[start:end]


def test_only_the_lead_and_trigger_clauses_are_read_within_the_share():
    filler = "今天天气很好，大家都出门散步了。" * 40
    body = filler + "据了解，王建民表示将继续努力。" + filler
    spans = entity_tagger.windows(body)
    rules = entity_tagger.rules()
    assert spans[0][0] == 0
    assert any(body[s:e].find("王建民表示") >= 0 for s, e in spans)
    assert sum(e - s for s, e in spans) <= len(body) * rules.max_share + rules.min_budget + rules.max_window


def test_a_document_full_of_triggers_is_capped():
    body = "张三表示，" * 2000
    tagged = sum(e - s for s, e in entity_tagger.windows(body))
    assert tagged <= len(body) * entity_tagger.rules().max_share + 2 * entity_tagger.rules().max_window


def test_tagging_in_a_batch_gives_what_tagging_alone_gives():
    texts = ["李明辉在台北市开会。", "", "华硕电脑公司总经理说明营收。", "他说好。"]
    together = entity_tagger.tag_texts(texts)
    assert together == [entity_tagger.tag_texts([t])[0] for t in texts]
    assert together[1] == []


def test_a_text_is_tagged_the_same_whatever_else_is_in_its_batch():
    text = "台北市立联合医院昨天宣布，院长黄胜坚将退休。"
    others = ["甲" * n for n in (3, len(text), 200)] + ["乙" * len(text)] * 60
    assert entity_tagger.tag_texts([text, *others])[0] == entity_tagger.tag_texts([text])[0]


def test_a_name_the_tagger_finds_once_is_a_mention_everywhere_in_the_document():
    body = "嫌犯洪太和昨天落网。\n" + "案情复杂，调查仍在进行。" * 30 + "\n邻居都认识洪太和。"
    spans = [(c.start, c.rule) for c in extract_document("d", body) if c.surface == "洪太和"]
    assert [rule for _, rule in spans] == ["tagger", "repeat"]


@pytest.mark.parametrize(
    "body",
    [
        "本报讯（记者 陈志明）股市昨天上涨。",  # a byline credit
        "张先生和李女士都觉得价格太高。",  # honorific references
        "这家AI初创公司估值很高。",  # a kind of company, no name
        "新能源汽车销量大增。",  # an industry
    ],
)
def test_credits_references_and_common_phrases_are_no_names(body):
    assert [c.surface for c in extract_document("d", body) if c.rule == "tagger"] == []


def test_the_rules_keep_their_spans_and_types_where_they_found_a_name():
    cands = extract_document("d", "Kestrel AI公司今天发布公告，副总裁林志远表示满意。")
    assert {c.surface: c.type for c in cands} == {"Kestrel AI": "ORG", "林志远": "PERSON"}
    assert {c.rule for c in cands}.isdisjoint({"tagger"})


def test_a_batch_is_tagged_once_and_every_document_gets_its_own_names():
    docs = [("a", "记者采访了赵国栋。"), ("b", "新闻稿中没有名字。"), ("c", "钱德宏昨天说会回来。")]
    by_doc = {}
    for cand in extract_mentions(docs):
        by_doc.setdefault(cand.doc_id, set()).add(cand.surface)
    assert "赵国栋" in by_doc["a"] and "钱德宏" in by_doc["c"] and "b" not in by_doc


def test_a_nickname_is_its_prefix_and_one_character():
    spans = entity_tagger._kept("阿亚笑着说好。", [(0, 3, "PER"), (3, 4, "v")])
    assert spans == [(0, 2, "PERSON")]
    assert entity_tagger._kept("李明辉说好。", [(0, 3, "PER")]) == [(0, 3, "PERSON")]


@pytest.mark.parametrize(
    ("body", "tagged", "surfaces"),
    [
        # an organisation named after its place replaces the place (上海 + 证监局)
        ("上海证监局昨天公布处罚。", [(0, 5, "ORG")], {"上海证监局"}),
        # a place and a kind stays the place
        ("德国大学免收学费。", [(0, 4, "ORG")], {"德国"}),
        # a local place with its unit and its government is one name, as the gold writes it (镇原县人民政府, 云林县政府:
        # entity_cues.yaml known_name_heads, across the unit 深圳 + 市 + 人民政府)
        ("深圳市人民政府发布通知。", [(0, 7, "ORG")], {"深圳市人民政府"}),
        # a place and a known company are two names
        ("美国高盛集团发布报告。", [(0, 6, "ORG")], {"美国", "高盛集团"}),
    ],
)
def test_an_organisation_named_after_its_place_is_one_name(body, tagged, surfaces):
    assert {c.surface for c in extract_document("d", body, tagged)} == surfaces


def test_a_rule_organisation_the_tagger_reads_as_two_names_is_two_names():
    body = "，教育部陈宝生部长说，学校要减负。"
    rules_only = {c.surface for c in extract_document("d", body, [])}
    assert "教育部陈宝生" in rules_only
    cands = extract_document("d", body, [(1, 4, "ORG"), (4, 7, "PERSON")])
    assert {c.surface: c.type for c in cands} == {"教育部": "ORG", "陈宝生": "PERSON"}


def test_a_known_organisation_is_never_split_by_the_tagger():
    cands = extract_document("d", "中国人民银行昨天宣布降息。", [(0, 2, "PLACE"), (2, 6, "ORG")])
    assert [c.surface for c in cands] == ["中国人民银行"]


def test_a_place_naming_a_time_zone_is_no_mention():
    assert extract_document("d", "美东时间5月28日盘后，公司公布财报。", [(0, 2, "PLACE")]) == []


def test_a_demonym_is_its_place():
    assert entity_tagger._kept("平南人阿港说。", [(0, 3, "LOC")]) == [(0, 2, "PLACE")]


@pytest.mark.parametrize(("body", "span"), [("可可说好。", (0, 2)), ("沈家很穷。", (0, 2))])
def test_a_dictionary_word_of_another_kind_is_no_person(body, span):
    assert extract_document("d", body, [(*span, "PERSON")]) == []


def test_a_name_before_a_verb_of_saying_is_read_before_earlier_triggers():
    early = "公司部门说明了情况，局面复杂。" * 20  # triggers (部, 局, 说) that use up the budget first come
    body = early + "\n书记官长吕某融说，这次一共卖出两千件。"
    assert any("吕某融说" in body[s:e] for s, e in entity_tagger.windows(body))


@pytest.mark.parametrize("text", ["他说，", "也表示", "她指出"])
def test_a_pronoun_or_adverb_before_a_verb_of_saying_is_no_priority(text):
    assert not entity_tagger.rules().priority_triggers.search(text)


@pytest.mark.parametrize(
    ("surface", "kept"),
    [
        ("阿枝大姊", "阿枝"),
        ("阿枝同村", "阿枝"),
        ("阿亚笑", "阿亚"),
        ("阿巴斯", "阿巴斯"),
        ("阿布拉莫维奇", "阿布拉莫维奇"),
    ],
)
def test_a_nickname_tagged_with_the_words_after_it_is_cut_unless_foreign(surface, kept):
    text = surface + "说"
    assert [text[s:e] for s, e, _ in entity_tagger._kept(text, [(0, len(surface), "PER")])] == [kept]


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        ("得靠么孙阿峻搀扶。", (3, 6), "阿峻"),  # 么孙 + 阿峻: the kin word's last character
        ("住院大半个月顾阿珊。", (6, 9), "阿珊"),  # 照顾 + 阿珊
        (" 孙阿峻搀扶。", (0, 4), "阿峻"),  # a space before the span
        ("李明辉说好。", (0, 3), "李明辉"),  # no 阿 inside
    ],
)
def test_a_character_tagged_before_a_nickname_is_left_out(text, span, kept):
    assert [text[s:e] for s, e, _ in entity_tagger._kept(text, [(*span, "PER")])] == [kept]


@pytest.mark.parametrize(
    ("text", "span", "label", "kept"),
    [
        ("推进中吉乌铁路建设。", (2, 4), "ORG", []),  # a relation between two countries
        ("第二轮俄美乌会谈。", (3, 6), "LOC", []),  # three countries
        ("中方愿同吉方落实共识。", (4, 6), "PER", []),  # a country's side in talks
        ("巴西总统卢拉说。", (0, 2), "LOC", ["巴西"]),  # 西 is no abbreviation here
        ("加沙地带停火。", (0, 2), "LOC", ["加沙"]),
        ("古巴外长说。", (0, 2), "LOC", ["古巴"]),
        ("韩英说好。", (0, 2), "PER", ["韩英"]),  # a person's name is kept
        ("张方说好。", (0, 2), "PER", ["张方"]),  # a surname with 方
    ],
)
def test_country_abbreviations_read_as_one_name_are_a_relation_or_a_side(text, span, label, kept):
    assert [text[s:e] for s, e, _ in entity_tagger._kept(text, [(*span, label)])] == kept


def read(body: str) -> list[str]:
    """The texts the tagger reads in a body, clauses chosen by their name-like words."""
    return [body[s:e] for s, e in entity_tagger.windows(body, quick_tags)]


@pytest.mark.parametrize(
    "text, words",
    [
        ("陶崇园依然在给王攀送饭", {"陶崇园", "王攀"}),  # runs of single characters: names jieba does not know
        ("现在自行开业的廖医师", {"廖医师"}),  # a surname alone and the word after it
        ("栗战书指出", {"栗战书"}),
        ("主要是要让环保署看到", {"环保署"}),  # two characters before an organisation head
        ("1、交通运输部", {"交通运输部"}),  # nouns before a head of their own
        ("国际新闻工作者联合会主席", {"国际新闻工作者联合会", "联合会"}),  # an organisation's word and its nouns
        ("据新华社报道", {"新华社"}),  # a proper noun of jieba's dictionary
    ],
)
def test_name_like_words_are_unknown_runs_surnames_proper_nouns_and_organisations(text, words):
    assert {w.word for w in entity_tagger.name_words(text, quick_tags)} == words


@pytest.mark.parametrize("text", ["每天都有很多人来参观", "我不会知道", "委员会主任", "全部门", "他说的是在这里"])
def test_dictionary_words_grammar_and_common_heads_are_no_name_like_words(text):
    assert entity_tagger.name_words(text, quick_tags) == []


def test_name_like_words_are_offsets_into_the_text():
    text = "昨天，王攀在交通运输部开会"
    assert all(text[w.start : w.end] == w.word for w in entity_tagger.name_words(text, quick_tags))


def test_a_trigger_clause_of_dictionary_words_is_not_read():
    filler = "今天天气很好，大家都出门散步了。" * 10
    body = filler + "大家都说很好。" + filler + "据了解，王攀表示将继续努力。"
    texts = read(body)
    assert not any("大家都说很好" in t for t in texts)
    assert any("王攀表示" in t for t in texts)


def test_a_clause_whose_names_were_read_before_is_skipped():
    filler = "今天天气很好，大家都出门散步了。" * 10
    body = "嫌犯陶崇园昨天落网。" + filler + "陶崇园说，" + filler + "邻居王攀表示，"
    texts = read(body)
    assert texts[0].startswith("嫌犯陶崇园")
    assert not any(t.startswith("陶崇园说") for t in texts)
    assert any("王攀表示" in t for t in texts)


def test_the_lead_is_read_around_its_names_from_the_clauses_before():
    body = "今天天气很好，大家都出门了，嫌犯陶崇园昨天落网。" + "案情复杂，调查仍在进行。" * 10
    assert read(body)[0] == "出门了，嫌犯陶崇园昨天落网。"  # six characters before the name, the clause's end after
    assert read("今天天气很好，大家都出门了。" * 10) == []


def test_a_trigger_clause_is_read_only_around_its_new_names():
    filler = "今天天气很好，大家都出门散步了。" * 10
    body = filler + "据了解，在昨天下午举行的会议上邻居王攀表示将继续努力推动这项工作。" + filler
    assert read(body) == ["会议上邻居王攀表示将继续"]  # four characters on either side, to a phrase's start
    whole = "在昨天下午举行的会议上邻居王攀表示将继续努力推动这项工作"
    assert whole in [body[s:e] for s, e in entity_tagger.windows(body)]  # without a cut: whole clauses


@pytest.mark.parametrize(
    ("new", "clause", "phrases", "span"),
    [
        ([(14, 16)], (0, 40), [0, 40], (10, 20)),  # the margin on either side; no phrase start within reach
        ([(14, 16), (24, 27)], (0, 40), [0, 40], (10, 31)),  # from the first new word to the last
        ([(14, 16)], (12, 18), [0, 40], (12, 18)),  # within the clause
        ([(14, 16)], (0, 40), [0, 5, 7, 23, 29], (7, 23)),  # out to the nearest phrase starts within 8 characters
        ([(14, 16)], (0, 40), [0, 11, 13, 40], (10, 20)),  # never in
    ],
)
def test_a_window_is_the_margin_around_the_new_names_out_to_phrase_starts(new, clause, phrases, span):
    assert entity_tagger._around(new, clause, 4, phrases) == span


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("陶崇园依然在给王攀送饭", ["陶崇园", "依然", "在", "给", "王攀", "送饭"]),  # a run of single characters is one
        ("国际新闻工作者联合会主席", ["国际新闻工作者联合会主席"]),  # nouns and an organisation's word
        ("1、交通运输部部长李小鹏", ["1", "、", "交通运输部部长李小鹏"]),
    ],
)
def test_phrases_are_words_that_may_be_parts_of_one_name(text, starts):
    bounds = entity_tagger.phrase_starts(text, quick_tags)
    assert [text[s:e] for s, e in itertools.pairwise(bounds)] == starts


def test_skipped_clauses_cost_none_of_the_budget():
    filler = "大家都认为很好。" * 200  # triggers (认为) in clauses of dictionary words
    body = "今天天气很好。" + filler + "据了解，邻居王攀认为可以。"
    assert any("王攀认为" in t for t in read(body))
    assert not any("王攀认为" in body[s:e] for s, e in entity_tagger.windows(body))  # every trigger read: over budget


def test_a_dictionary_word_is_read_in_two_clauses_an_unknown_name_in_one():
    filler = "今天天气很好，大家都出门散步了。" * 10
    body = filler + ("据新华社报道，" + filler) * 3 + ("王攀认为，" + filler) * 2
    texts = read(body)
    assert sum("新华社报道" in t for t in texts) == 2
    assert sum("王攀认为" in t for t in texts) == 1


@pytest.mark.parametrize(
    ("pos", "reach", "start"),
    [(12, 16, 11), (6, 16, 6), (5, 16, 0), (3, 2, 1), (10, 3, 7), (0, 16, 0), (14, 16, 11)],
)
def test_a_clause_starts_after_the_last_clause_end_before_it_within_reach(pos, reach, start):
    body = "甲乙丙丁戊，己庚辛壬，癸子丑"
    stops = [i for i, ch in enumerate(body) if ch == "，"]
    assert entity_tagger._clause_start_before(stops, pos, reach) == start


@pytest.mark.parametrize(
    ("pos", "reach", "end"), [(0, 32, 5), (5, 32, 5), (6, 32, 10), (6, 2, 8), (11, 32, 14), (7, -1, 7)]
)
def test_a_clause_ends_at_the_first_clause_end_from_it_within_reach_and_the_body(pos, reach, end):
    body = "甲乙丙丁戊，己庚辛壬，癸子丑"
    stops = [i for i, ch in enumerate(body) if ch == "，"]
    assert entity_tagger._clause_end_after(stops, len(body), pos, reach) == end


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("陶崇园依然在给王攀送饭", {"陶崇园": True, "王攀": True}),  # runs of single characters
        ("现在自行开业的廖医师", {"廖医师": True}),  # a surname and the word after it
        ("据新华社报道", {"新华社": False}),  # a word of jieba's dictionary
        ("1、交通运输部", {"交通运输部": False}),  # an organisation's phrase
    ],
)
def test_unknown_name_like_words_are_runs_and_surnames_with_a_given_name(text, unknown):
    assert {w.word: w.unknown for w in entity_tagger.name_words(text, quick_tags)} == unknown


FILLER = "今天天气很好，大家都出门散步了。" * 20


def test_the_third_tier_reads_a_clause_with_a_new_unknown_name_and_no_trigger():
    body = FILLER + "昨天下午邻居王攀在门口晒太阳。" + FILLER
    assert any("王攀" in t for t in read(body))
    assert not any("新华社" in t for t in read(FILLER + "昨天下午新华社发布消息。" + FILLER))  # a dictionary word


def test_the_third_tier_reads_at_most_its_share():
    names = zip("赵钱孙李周吴郑王冯陈", "攀崇冕跃珊琪岚瑶峥昊", strict=True)
    body = "大家好。" + "".join(f"昨天{a}{b}在门口晒太阳，" for a, b in names)
    texts = read(body)
    assert 0 < len(texts) < 10  # a few of the ten clauses: 1% of the text and the last clause begun


def test_the_third_tier_skips_garbled_text():
    body = FILLER + "中国渔政船航行区域位于4舜纬逋皇谴樱踩樟璩靠。" + FILLER
    assert entity_tagger._garbled(entity_tagger.name_words("4舜纬逋皇谴樱踩樟璩靠", quick_tags), 6)
    assert read(body) == []


@pytest.mark.parametrize(
    ("word", "shaped"),
    [
        ("王攀", True),  # a surname first
        ("欧阳攀", True),  # a compound surname
        ("巴沙尔", True),  # transliteration characters
        ("灯亮", False),  # common characters
        ("新华社", False),  # no unknown word
    ],
)
def test_the_third_tiers_new_words_start_with_a_surname_or_are_transliterations(word, shaped):
    unknown = word != "新华社"
    assert (
        entity_tagger._name_shaped(entity_tagger.NameWord(0, len(word), word, 1, unknown), entity_tagger.rules())
        == shaped
    )


def test_the_third_tier_skips_runs_of_common_characters_and_texts_with_lost_characters():
    assert read(FILLER + "昨天下午灯亮在门口晒太阳。" + FILLER) == []
    assert read("今天天气很好。？" + FILLER + "昨天下午邻居王攀在门口晒太阳。" + FILLER) == []  # '?' opening a sentence


def test_the_third_tiers_clauses_are_found_by_the_shape_of_their_cut():
    body = "今天天气很好。大家都出门散步了，昨天下午邻居王攀在门口晒太阳，灯亮了。"
    clauses = list(entity_tagger._other_clauses(body, quick_tags, bytearray(len(body))))
    assert [body[s:e] for s, e, _, _ in clauses] == ["昨天下午邻居王攀在门口晒太阳，"]
    assert list(entity_tagger._other_clauses(body, quick_tags, bytearray(b"\x01" * len(body)))) == []  # read before
