"""zhnews.entities.links: abbreviations, translations, former names and name parts linked in a document."""

import pytest

from zhnews.entities import Candidate, extract_document
from zhnews.entities.links import repeat_surfaces


def test_abbreviation_defined_in_text_links_every_later_use():
    text = "Nova Render(以下简称“NR”)是一款开源模型。NR的用户很多，NR还在更新。"
    short = [c for c in extract_document("d", text) if c.surface == "NR"]
    assert len(short) == 3
    assert {(c.link, c.link_scope) for c in short} == {("Nova Render", "doc")}


@pytest.mark.parametrize("definition", ["（下文称 NR）", "(简称NR)", '（以下简称"NR"）'])
def test_abbreviation_definition_variants(definition):
    text = f"图像模型Nova Render{definition}开源后，NR迅速走红。"
    assert {c.link for c in extract_document("d", text) if c.surface == "NR"} == {"Nova Render"}


def test_bare_acronym_in_brackets_after_a_name_is_its_abbreviation():
    text = "云岭大学人工智能研究院(ICRI)发布的报告显示，ICRI的预测偏乐观。"
    short = [c for c in extract_document("d", text) if c.surface == "ICRI"]
    assert len(short) == 2 and {c.link for c in short} == {"云岭大学人工智能研究院"}


def test_bare_acronym_after_a_concept_is_nothing(found):
    assert found("国内生产总值(GDP)增长了5%。") == {}


def test_translation_in_brackets_links_both_scripts():
    text = "创始人Lars Ekdahl(拉尔斯·埃克达尔)宣布辞职。"
    [chinese] = [c for c in extract_document("d", text) if c.surface == "拉尔斯·埃克达尔"]
    assert (chinese.link, chinese.link_scope, chinese.type) == ("Lars Ekdahl", "corpus", "PERSON")


def test_surname_after_full_name_links_to_it():
    text = "创始人拉尔斯·埃克达尔宣布辞职。埃克达尔表示，他会留在董事会。首席执行官Lars Ekdahl说，Ekdahl不会离开。"
    parts = {c.surface: c.link for c in extract_document("d", text) if c.rule == "name_part"}
    assert parts == {"埃克达尔": "拉尔斯·埃克达尔", "Ekdahl": "Lars Ekdahl"}


def test_short_form_of_an_organisation_links_to_it():
    text = "Quorvex Labs宣布融资。投资人看好Quorvex的前景。"
    [short] = [c for c in extract_document("d", text) if c.surface == "Quorvex"]
    assert (short.link, short.type) == ("Quorvex Labs", "ORG")


def test_former_name_in_brackets():
    cands = extract_document("d", "他在X(原推特)平台上说，自己已经离职。")
    [new] = [c for c in cands if c.surface == "X"]
    [old] = [c for c in cands if c.surface == "推特"]
    assert new.type == "ORG" and old.link == "X" and old.link_scope == "corpus"


def test_a_name_found_once_is_found_everywhere_in_the_document():
    text = "，云岭创投合伙人章立言表示，看好赛道。云岭创投去年投资了三家公司。"
    assert [c.rule for c in extract_document("d", text) if c.surface == "云岭创投"] == ["title_org", "repeat"]


def test_the_leading_words_of_a_legal_name_stand_for_it_later():
    text = "公司与江西澜石新材料有限公司签署协议。江西澜石将供货。"
    [short] = [c for c in extract_document("d", text) if c.surface == "江西澜石"]
    assert (short.type, short.link) == ("ORG", "江西澜石新材料有限公司")


def test_abbreviation_that_is_a_known_name_links_the_full_name_to_it():
    cands = extract_document("d", "比亚迪股份有限公司（以下简称“比亚迪”）发布公告。")
    [full] = [c for c in cands if c.surface == "比亚迪股份有限公司"]
    assert (full.link, full.link_scope) == ("比亚迪", "corpus")


def test_a_name_part_repeated_hundreds_of_times_in_a_long_text_is_linked_everywhere():
    """Name parts and short forms are placed through an index of the document's candidates (scanning them all for
    every occurrence made a long essay about one person take seconds)."""
    text = "外交官乔治·凯南表示，形势严峻。" + "凯南认为，这一判断成立。" * 400
    parts = [c for c in extract_document("d", text) if c.surface == "凯南"]
    assert len(parts) == 400
    assert {(c.link, c.link_scope) for c in parts} == {("乔治·凯南", "doc")}


def test_a_nickname_found_once_is_found_everywhere_in_the_document():
    rules = [c.rule for c in extract_document("d", "大女儿小葳说，家里很难。小葳每天打工。") if c.surface == "小葳"]
    assert rules == ["nickname", "repeat"]


def _cand(body: str, surface: str, etype: str, at: int = 0) -> Candidate:
    start = body.index(surface, at)
    return Candidate("d", surface, start, start + len(surface), etype, 1.0, "lexicon")


def test_a_repeated_name_wins_over_the_shorter_names_read_inside_it():
    body = "国务院国资委主任说。国务院国资委将深化改革。"
    cands = [_cand(body, "国务院国资委", "ORG"), _cand(body, "国务院", "ORG", 10), _cand(body, "国资委", "ORG", 10)]
    spans = sorted((c.surface, c.start) for c in repeat_surfaces("d", body, cands))
    assert spans == [("国务院国资委", 0), ("国务院国资委", 10)]


def test_a_repeated_name_does_not_replace_a_place_read_alone_at_its_start():
    body = "中国渔政正在巡航。中国渔政船航行至此。"
    cands = [_cand(body, "中国渔政", "ORG"), _cand(body, "中国", "PLACE", 9)]
    assert sorted((c.surface, c.start) for c in repeat_surfaces("d", body, cands)) == [("中国", 9), ("中国渔政", 0)]


def test_a_repeated_name_does_not_replace_a_name_crossing_its_edge():
    body = "张三丰说。张三丰田公司。"
    cands = [_cand(body, "张三丰", "PERSON"), _cand(body, "丰田公司", "ORG", 5)]
    assert sorted((c.surface, c.start) for c in repeat_surfaces("d", body, cands)) == [("丰田公司", 7), ("张三丰", 0)]
