"""zhnews.entities.people: Chinese personal names after titles and before verbs of saying, nicknames."""

import pytest

from zhnews.entities import extract_document
from zhnews.entities.base import Candidate
from zhnews.entities.people import person_candidates, with_unknown_names, within_document_names


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("该公司副总裁柯文远表示，市场正在回暖。", "柯文远"),
        ("会上，吕思涵认为，行业需要耐心。", "吕思涵"),
        ("清华大学教授欧阳明轩指出，模型仍有缺陷。", "欧阳明轩"),
        ("副总裁柯文远在会上发言。", "柯文远"),
        ("研究员李鸣，长期关注这一领域。", "李鸣"),
        ("总经理张强说，订单已经排满。", "张强"),
        ("对此，邵明哲对记者表示，还需观察。", "邵明哲"),
        ("会后，卢海川在接受采访时称，合作顺利。", "卢海川"),
        ("英国首相里希·苏纳克访问了北京。", "里希·苏纳克"),
        ("图灵奖得主杰弗里·辛顿离开了谷歌。", "杰弗里·辛顿"),
        ("和约书亚·本吉奥一样，他也签了名。", "约书亚·本吉奥"),
    ],
)
def test_chinese_and_transliterated_person_names(text, surface, found):
    assert found(text).get(surface) == "PERSON"


def test_a_title_after_a_name_is_not_part_of_it(found):
    assert set(found("代表们给王建国总书记写信。")) == {"王建国"}


@pytest.mark.parametrize(
    ("text", "name"),
    [("创始人张远之表示，公司将扩张。", "张远之"), ("总经理赵明之指出，订单饱满。", "赵明之")],
)
def test_zhi_ends_a_name_before_a_verb(text, name, found):
    assert found(text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["李华之后加入了公司。", "王明之所以离开，是因为待遇。"])
def test_zhi_starting_a_word_is_no_name_character(text, found):
    assert not any(s.endswith("之") for s in found(text))


@pytest.mark.parametrize(
    ("text", "name"), [("中国人民银行行长潘立胜宣布降准。", "潘立胜"), ("该行副行长张伟指出，", "张伟")]
)
def test_bank_and_government_titles_introduce_people(text, name, found):
    assert found(text).get(name) == "PERSON"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("三女儿小葳说，爸爸很辛苦。", "小葳"),
        ("邻居阿箐说，常常帮忙送饭。", "阿箐"),
        ("手足妹妹阿婕说：「姊姊很坚强。」", "阿婕"),
    ],
)
def test_a_nickname_after_a_kin_or_social_word_is_a_person(text, surface, found):
    assert found(text).get(surface) == "PERSON"


@pytest.mark.parametrize(
    "text", ["她的女儿小时候很乖。", "今天我的女儿小美女乖不乖？", "儿子小五，女儿小三。", "家里的妈妈阿姨都来了。"]
)
def test_common_words_and_school_grades_after_a_kin_word_are_no_nickname(text):
    assert not [c for c in extract_document("d", text) if c.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("记者再至医院探访住院治疗的59岁魏青山，他说病情好转。", "魏青山"),
        ("36岁的养女罗秀芸则说，很感谢大家帮忙。", "罗秀芸"),
        ("邻居严美琴说，从前他很勤劳。", "严美琴"),
        ("住在附近的堂伯卓进福表示，会帮忙照顾。", "卓进福"),
        ("想起刚病逝的64岁儿子沈春朗，不禁掩面哭了起来。", "沈春朗"),
    ],
)
def test_a_relation_or_an_age_introduces_a_full_name(text, name, found):
    assert found(text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["家属向警方表示，死者领有残障手册。", "她的女友和我说了这件事。"])
def test_a_word_after_a_surname_like_character_is_no_name(text, found):
    assert not [s for s, t in found(text).items() if t == "PERSON"]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("邻居阿金婆说，她每天都来帮忙。", "阿金婆"),
        ("同乡阿土伯说，孩子很乖。", "阿土伯"),
        ("邻居阿玉嬷说，这家人很辛苦。", "阿玉嬷"),
        ("「我给你挂保证。」春婵姐说：「虾的肉比较嫩。」", "春婵姐"),  # a given name, no surname
    ],
)
def test_a_nickname_with_a_kin_word_of_respect_is_one_name(text, form, found):
    result = found(text)
    assert result.get(form) == "PERSON" and form[:2] not in result


def test_the_given_name_of_a_full_name_in_the_document_takes_no_kin_word(found):
    result = found("要求释放家属王峭岭。高空传来响亮的女声：“峭岭姐——”。")
    assert "峭岭姐" not in result and "王峭岭" in result


def test_the_bare_nickname_is_linked_to_its_address_form():
    cands = extract_document("d", "邻居阿金婆说，她每天都来。好友阿金说不必了。")
    bare = [c for c in cands if c.surface == "阿金"]
    assert bare and all(c.link == "阿金婆" and c.link_scope == "doc" for c in bare)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("女儿小君姐姐说，她会照顾妹妹。", "小君"),
        ("朋友阿华公开表示，生活困难。", "阿华"),
    ],
)
def test_a_doubled_kin_word_or_a_common_word_is_no_address_form(text, name, found):
    result = found(text)
    assert result.get(name) == "PERSON" and not any(s.startswith(name) and len(s) == 3 for s in result)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("当天蔡诗萍也戴了一只表出席。", "蔡诗萍"),
        ("据了解，郑宇凯目前在台中工作。", "郑宇凯"),
        ("节目由胡木源主持。", "胡木源"),
    ],
)
def test_a_surname_and_two_characters_jieba_cannot_join_are_a_name(text, name, found):
    assert found(text).get(name) == "PERSON"


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        ("他和双膝都受了伤。", "和双膝"),
        ("社工顾阿珊的生活。", "顾阿珊"),
        ("住在辛堡村里。", "辛堡村"),
        ("刘霞弟弟说不知道。", "刘霞弟"),
    ],
)
def test_no_name_from_a_function_word_a_nickname_a_place_unit_or_a_kin_word(text, not_name):
    assert not_name not in {c.surface for c in with_unknown_names("d", text, [])}


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("胡先生说，他们已经交往三年。", "胡先生"),
        ("程女士表示不能接受。", "程女士"),
        ("嫌犯陆某被警方带走。", "陆某"),
        ("许教练说，她很努力。", "许教练"),
    ],
)
def test_an_honorific_reference_is_a_person_of_its_document(text, reference):
    refs = [c for c in extract_document("doc7", text) if c.surface == reference]
    assert refs and all(c.type == "PERSON" and c.link_scope == "local" and c.link == "doc7" for c in refs)


def test_an_honorific_reference_is_the_one_full_name_with_its_surname():
    text = "副总裁王大明表示，市场回暖。王先生还说，订单已经排满。"
    refs = [c for c in extract_document("d", text) if c.surface == "王先生"]
    assert refs and all(c.link == "王大明" and c.link_scope == "doc" for c in refs)


@pytest.mark.parametrize(
    "text", ["他和先生一起回家。", "问题在于某些细节。", "她除了照顾先生就医回诊。", "教会牧师太太说，全家信仰虔诚。"]
)
def test_a_function_word_or_a_words_end_before_an_honorific_is_no_surname(text, found):
    assert not any(s.endswith(("先生", "太太", "某")) for s in found(text))


@pytest.mark.parametrize(
    "name", ["托马斯·杰斐逊", "安东尼奥·古特雷斯", "吉列尔莫·卡诺·伊萨扎", "弗拉基米尔·普京", "埃马纽埃尔·马克龙"]
)
def test_transliterated_names_with_common_transliteration_characters(name, found):
    assert found(f"会上，{name}发表了讲话。").get(name) == "PERSON"


@pytest.mark.parametrize(
    ("text", "name"),
    [("新华社成都6月24日电（记者吴光于 康锦谦 袁波）距宜宾", "吴光于"), ("（记者冯强 通讯员某某）", "冯强")],
)
def test_a_name_in_a_credit_line_ends_at_the_space(text, name, found):
    names = found(text)
    assert names.get(name) == "PERSON"
    assert not any(other != name and other in name for other in names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("该国总理马洛德·赛伊夫昨天表示。", "马洛德·赛伊夫"),  # 总理's 理 is no part of the name
        ("代表团团长穆罕默德·哈桑说。", "穆罕默德·哈桑"),  # 罕, 卜: transliteration characters
        ("外长阿卜杜拉·萨米尔抵达。", "阿卜杜拉·萨米尔"),
    ],
)
def test_a_dotted_foreign_name_is_whole_and_starts_after_a_title(text, name, found):
    assert found(text).get(name) == "PERSON"


def _persons(body: str, *surfaces: str) -> list[Candidate]:
    """Person candidates at each surface's first occurrence after the one before."""
    out, at = [], 0
    for surface in surfaces:
        start = body.index(surface, at)
        out.append(Candidate("d", surface, start, start + len(surface), "PERSON", 2.0, "tagger"))
        at = start + len(surface)
    return out


@pytest.mark.parametrize(
    ("body", "surfaces", "bounded"),
    [
        ("张伟明表示同意。张伟明仍坚持原计划。", ("张伟明", "张伟明仍"), ["张伟明", "张伟明"]),
        ("林志强说。林志强性格开朗。", ("林志强", "林志强性"), ["林志强", "林志强"]),
        ("王攀说不行。老师去说服王攀，但被王攀怼天怼地怼回来。", ("王攀", "王攀", "王攀怼天怼"), ["王攀"] * 3),
        ("王攀说不行。他给妈妈和王攀打电话。", ("王攀", "和王攀"), ["王攀", "王攀"]),
        ("指出原告是周建华。检方指控原周建华受贿。", ("周建华", "指控原周建华"), ["周建华", "周建华"]),
        ("马杜罗表示反对。马杜罗称将回应。", ("马杜罗", "马杜罗称"), ["马杜罗", "马杜罗"]),
    ],
)
def test_a_person_read_with_the_text_next_to_it_is_cut_to_the_documents_name(body, surfaces, bounded):
    cands = within_document_names(body, _persons(body, *surfaces))
    assert [c.surface for c in cands] == bounded
    assert all(body[c.start : c.end] == c.surface for c in cands)


@pytest.mark.parametrize(
    ("body", "surfaces"),
    [
        ("著名法学家陈光中、高铭暄等。陈光中说", ("陈光", "陈光中")),  # the shorter reading never stands alone
        ("文足说，他没事。李文足来了。", ("文足", "李文足")),  # a surname and the given name read alone: the full name
        ("张伟明仍坚持。张伟明仍在。", ("张伟明仍", "张伟明仍")),  # no reading alone
        ("王明说。王明华说。", ("王明华",)),  # the shorter name is no candidate of the document
        ("博里奇表示欢迎。总统加夫列尔·博里奇访华。", ("博里奇", "加夫列尔·博里奇")),  # a dotted name is whole
        ("史塔森说。光头硬汉杰森史塔森来了。", ("史塔森", "杰森史塔森")),  # a foreign given name
    ],
)
def test_a_person_is_not_cut_without_the_shorter_name_alone(body, surfaces):
    cands = _persons(body, *surfaces)
    assert within_document_names(body, cands) == cands


def test_other_kinds_are_not_cut():
    body = "北京说。北京市政府回应。"
    cands = [Candidate("d", "北京", 0, 2, "PLACE", 2.0, "lexicon"), Candidate("d", "北京市", 4, 7, "PLACE", 2.0, "x")]
    assert within_document_names(body, cands) == cands


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("生态环境部部长黄润秋作了说明。", "黄润秋"),
        ("她的太太许锐听了说，很好。", "许锐"),
        ("当年邻居邓世平当过厂长。", "邓世平"),
    ],
)
def test_a_name_after_a_cue_ends_before_a_one_character_verb_and_its_particle(text, name):
    assert name in {c.surface for c in person_candidates("d", text)}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("小儿子车祸走了，只剩女儿。", "车祸走"),
        ("国务院总理李强作了讲话。", "李强作"),
        ("19岁的朱令考取了大学。", "朱令考"),
    ],
)
def test_no_name_ends_at_an_aspect_particle(text, surface):
    assert surface not in {c.surface for c in person_candidates("d", text)}
