"""zhnews.aliases: corpus-wide resolution of mention candidates into entities and mentions."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews.aliases import (
    AliasConfig,
    Surface,
    aggregate,
    alias_fingerprint,
    entity_id,
    load_alias_config,
    parse_alias_config,
    resolve_entities,
    resolve_surfaces,
)
from zhnews.entities import Candidate, extract_mentions


def resolve(docs: dict[str, str], config: AliasConfig | None = None):
    ents, ments = resolve_entities(extract_mentions(list(docs.items())), config or AliasConfig())
    return {e.entity_id: e for e in ents}, ments


def entity_of(docs: dict[str, str], surface: str, config: AliasConfig | None = None):
    ents, ments = resolve(docs, config)
    ids = {m.entity_id for m in ments if m.surface == surface}
    assert len(ids) == 1, (surface, ids)
    return ents[ids.pop()]


def test_chinese_and_english_names_of_a_known_company_are_one_entity():
    docs = {"a": "微软发布了新产品。", "b": "Microsoft宣布裁员。"}
    ent = entity_of(docs, "Microsoft")
    assert (ent.name, ent.type, ent.aliases) == ("微软", "ORG", ["Microsoft", "微软"])


def test_translation_pair_merges_across_documents():
    docs = {"a": "创始人Lars Ekdahl(拉尔斯·埃克达尔)宣布辞职。", "b": "拉尔斯·埃克达尔说，他会休息。"}
    ent = entity_of(docs, "拉尔斯·埃克达尔")
    assert ent.type == "PERSON" and set(ent.aliases) == {"Lars Ekdahl", "拉尔斯·埃克达尔"}


@pytest.mark.parametrize(
    ("right", "typo"),
    [
        ("Zentrova AI", "Zentorva AI"),
        ("Inflection AI", "Infection AI"),
        ("Stability AI", "Stability A"),
        ("Latent Diffusion", "Laten Diffusion"),
    ],
)
def test_misspelling_merges_into_the_frequent_name(right, typo):
    docs = {"a": f"{right}公司宣布融资。{right}公司的估值很高。", "b": f"{typo}公司宣布裁员。"}
    ent = entity_of(docs, typo)
    assert ent.name == right and typo in ent.aliases


@pytest.mark.parametrize(
    ("a", "b"),
    [("Nimbus 3", "Nimbus 4"), ("Microsoft AI", "Microsoft"), ("Stable Diffusion 3", "Stable Diffusion")],
)
def test_different_versions_and_divisions_stay_apart(a, b):
    docs = {"x": f"新模型{a}发布。", "y": f"新模型{b}发布。"}
    assert entity_of(docs, a).entity_id != entity_of(docs, b).entity_id


def test_person_never_merges_with_a_similar_organisation():
    docs = {"x": "首席执行官Marco Lenti表示，", "y": "初创公司Marco Lento宣布融资。"}
    assert entity_of(docs, "Marco Lenti").entity_id != entity_of(docs, "Marco Lento").entity_id


def test_lone_surname_joins_the_one_person_with_that_surname():
    docs = {"a": "首席执行官Lars Ekdahl表示，", "b": "Ekdahl认为，市场会好转。"}
    assert entity_of(docs, "Ekdahl").entity_id == entity_of(docs, "Lars Ekdahl").entity_id


def test_lone_surname_of_two_people_stays_apart():
    docs = {"a": "首席执行官Lars Ekdahl表示，", "b": "研究员Maja Ekdahl表示，", "c": "Ekdahl认为，市场会好转。"}
    lone = entity_of(docs, "Ekdahl").entity_id
    assert lone not in {entity_of(docs, "Lars Ekdahl").entity_id, entity_of(docs, "Maja Ekdahl").entity_id}


def test_abbreviation_stays_within_its_document():
    docs = {"a": "Nova Render(以下简称“NR”)是一款模型。NR很流行。", "b": "Nord Radar(简称NR)是一个雷达。NR很贵。"}
    ents, ments = resolve(docs)
    by_doc = {(m.doc_id, m.surface): ents[m.entity_id].name for m in ments}
    assert by_doc[("a", "NR")] == "Nova Render" and by_doc[("b", "NR")] == "Nord Radar"


def test_type_is_decided_by_the_sum_of_evidence():
    docs = {"a": "文生图模型Lumora很受欢迎。", "b": "Lumora很受欢迎。", "c": "Lumora再次更新。"}
    assert entity_of(docs, "Lumora").type == "PRODUCT"


def test_entity_id_is_stable_and_independent_of_order():
    docs = {"a": "微软和英伟达合作。", "b": "首席执行官Marcus Feldrin表示，"}
    first, _ = resolve(docs)
    second, _ = resolve(dict(reversed(list(docs.items()))))
    assert set(first) == set(second)
    assert entity_id("ORG", "微软") in first


def test_every_mention_points_at_an_entity_with_its_surface_as_alias():
    docs = {"a": "Nova Render(以下简称“NR”)由Quorvex Labs开发，Quorvex称NR很快。", "b": "微软和Microsoft是一家。"}
    ents, ments = resolve(docs)
    assert ments and all(m.surface in ents[m.entity_id].aliases for m in ments)
    assert len(ments) == len({(m.doc_id, m.start_pos, m.end_pos) for m in ments})


def test_config_merge_forces_one_entity_name_and_type():
    config = parse_alias_config({"merge": [{"name": "Orbit Group", "type": "ORG", "aliases": ["Zentrova"]}]})
    docs = {"a": "初创公司Zentrova宣布融资。", "b": "Orbit Group公司宣布融资。"}
    ent = entity_of(docs, "Zentrova", config)
    assert (ent.name, ent.type) == ("Orbit Group", "ORG") and set(ent.aliases) == {"Zentrova", "Orbit Group"}


def test_config_drop_removes_the_mentions():
    config = parse_alias_config({"drop": ["zentrova"]})
    _, ments = resolve({"a": "初创公司Zentrova和微软合作。"}, config)
    assert [m.surface for m in ments] == ["微软"]


def test_a_name_seen_alone_is_the_longer_name_a_text_shortens_it_from():
    docs = {"a": "营销工具Kestrova AI估值很高，后来Kestrova陷入困境。", "b": "你已经看到 Kestrova 等软件的变化。"}
    assert entity_of(docs, "Kestrova").aliases == ["Kestrova", "Kestrova AI"]


def test_a_name_part_of_two_longer_names_stays_apart():
    docs = {
        "a": "初创公司Lumex AI宣布融资，Lumex表示满意。",
        "b": "芯片公司Lumex Labs宣布融资，Lumex表示满意。",
        "c": "我们看到 Lumex 等软件的变化。",
    }
    assert entity_of(docs, "Lumex AI") != entity_of(docs, "Lumex Labs")
    assert entity_of(docs, "Lumex Labs").aliases == ["Lumex", "Lumex Labs"]


@pytest.mark.parametrize(
    ("other", "merged"),
    [("Stabilty Vision", True), ("Stellar Vision", False), ("Stable Video", False), ("Stable Vision Pro", False)],
)
def test_names_given_the_same_abbreviation_merge_only_when_a_word_apart_by_a_misspelling(other, merged):
    docs = {"a": "Stable Vision（以下简称SV）是一个模型。SV很火。", "b": f"{other}（以下简称SV）发布了。SV开源。"}
    assert (entity_of(docs, "Stable Vision") == entity_of(docs, other)) is merged


def test_config_types_override_the_votes():
    config = parse_alias_config({"types": {"Lumora": "ORG"}})
    assert entity_of({"a": "文生图模型Lumora很受欢迎。"}, "Lumora", config).type == "ORG"


def test_config_split_prevents_a_fuzzy_merge():
    config = parse_alias_config({"split": ["Zentorva AI"]})
    docs = {"a": "Zentrova AI公司宣布融资。", "b": "Zentorva AI公司宣布裁员。"}
    assert entity_of(docs, "Zentrova AI", config).entity_id != entity_of(docs, "Zentorva AI", config).entity_id


@pytest.mark.parametrize("raw", [{"types": {"Lumora": "COMPANY"}}, {"merge": [{"type": "ORG"}]}])
def test_bad_config_is_refused_with_a_reason(raw):
    with pytest.raises(ValueError):
        parse_alias_config(raw)


def test_alias_file_from_environment(tmp_path: Path, monkeypatch):
    path = tmp_path / "aliases.yaml"
    path.write_text("drop: [微软]\nmerge:\n  - name: 谷歌\n    aliases: [Alphabet]\n", encoding="utf-8")
    monkeypatch.setenv("ZHNEWS_ALIASES", str(path))
    config = load_alias_config()
    assert "微软" in config.drop and config.merge[0][0] == "谷歌"


def test_alias_fingerprint_follows_the_file_named_in_the_environment(tmp_path: Path, monkeypatch):
    bundled = alias_fingerprint()
    path = tmp_path / "aliases.yaml"
    path.write_text("drop: [微软]\n", encoding="utf-8")
    monkeypatch.setenv("ZHNEWS_ALIASES", str(path))
    first = alias_fingerprint()
    assert first != bundled and alias_fingerprint() == first
    path.write_text("drop: [谷歌]\n", encoding="utf-8")
    assert alias_fingerprint() != first


def test_bundled_alias_file_loads():
    assert "genai" in load_alias_config().drop


@pytest.mark.parametrize(
    ("full", "known"),
    [("腾讯控股", "腾讯"), ("华为技术有限公司", "华为"), ("京东集团", "京东"), ("比亚迪股份有限公司", "比亚迪")],
)
def test_known_name_with_a_legal_or_group_ending_is_the_known_entity(full, known):
    docs = {"a": f"{full}发布公告。", "b": f"{known}表示，业务增长。"}
    assert entity_of(docs, full).entity_id == entity_of(docs, known).entity_id


def test_unknown_name_with_a_group_ending_stays_itself():
    docs = {"a": "澜石控股发布公告。", "b": "微软表示，业务增长。"}
    assert entity_of(docs, "澜石控股").name == "澜石控股"


def test_full_legal_name_defined_as_a_known_short_name_is_one_entity():
    docs = {"a": "宁德时代新能源科技股份有限公司（以下简称“宁德时代”）发布公告。宁德时代股价上涨。"}
    ent = entity_of(docs, "宁德时代新能源科技股份有限公司")
    assert ent.name == "宁德时代" and ent.type == "ORG"


def test_chinese_and_latin_names_of_an_unknown_firm_are_one_entity():
    docs = {"a": "初创公司星衍智能（Starforge Robotics）宣布融资。", "b": "Starforge Robotics再次融资。"}
    ent = entity_of(docs, "Starforge Robotics")
    assert ent.type == "ORG" and set(ent.aliases) == {"星衍智能", "Starforge Robotics"}


def test_institution_and_its_bracketed_short_form_are_one_entity():
    docs = {"a": "汽车流通信息联席会（汽联会）发布数据。汽联会称，销量回升。"}
    ent = entity_of(docs, "汽联会")
    assert (ent.name, ent.type) == ("汽车流通信息联席会", "ORG")


def test_aggregate_sums_candidates_per_surface_type_and_link_in_order_of_first_appearance():
    cands = [
        Candidate("a", "苹果", 0, 2, "ORG", 10.0, "lexicon"),
        Candidate("a", "库克", 3, 5, "PERSON", 2.0, "left_cue"),
        Candidate("b", "苹果", 7, 9, "ORG", 10.0, "lexicon"),
        Candidate("b", "苹果", 12, 14, "PRODUCT", 1.0, "shape"),
        Candidate("b", "苹", 20, 21, "ORG", 1.0, "abbrev", link="苹果", link_scope="doc"),
    ]
    assert aggregate(cands) == [
        Surface("苹果", "ORG", 20.0, 2),
        Surface("库克", "PERSON", 2.0, 1),
        Surface("苹果", "PRODUCT", 1.0, 1),
        Surface("苹", "ORG", 1.0, 1, "苹果", "doc"),
    ]


@pytest.mark.parametrize(("spaced", "joined", "name"), [(1, 4, "ZentrovaLabs"), (4, 1, "Zentrova Labs")])
def test_counts_of_summed_surfaces_pick_the_canonical_name(spaced, joined, name):
    surfaces = [Surface("Zentrova Labs", "ORG", 3.0, spaced), Surface("ZentrovaLabs", "ORG", 3.0, joined)]
    [entity], ids = resolve_surfaces(surfaces)
    assert entity.name == name
    assert ids == {("Zentrova Labs", None, None): entity.entity_id, ("ZentrovaLabs", None, None): entity.entity_id}


def test_dropped_surfaces_have_no_entity_id():
    surfaces = [Surface("Zentrova", "ORG", 3.0, 2), Surface("Zentrova", "PLACE", 1.0, 1, "Zentrova", "doc")]
    _, ids = resolve_surfaces(surfaces, parse_alias_config({"drop": ["zentrova"]}))
    assert ids == {}


def test_chain_of_rare_links_does_not_snowball():
    surfaces = [
        Surface("Zentrova", "ORG", 3.0, 5),
        Surface("Quorvex", "ORG", 3.0, 5),
        Surface("Lumora", "ORG", 3.0, 5),
        Surface("Zentrova", "ORG", 3.0, 1, "Quorvex", "corpus"),
        Surface("Quorvex", "ORG", 3.0, 1, "Lumora", "corpus"),
    ]
    entities, _ = resolve_surfaces(surfaces)
    assert max(len(e.aliases) for e in entities) <= 2


def test_a_hub_name_keeps_only_its_most_frequent_link_partner():
    others = [Surface(other, "ORG", 3.0, 1) for other in ("X", "Eros", "Nimbus", "星衍智能")]
    links = [Surface("推特", "ORG", 3.0, 3, "X", "corpus")] + [
        Surface("推特", "ORG", 3.0, 1, other, "corpus") for other in ("Eros", "Nimbus", "星衍智能")
    ]
    entities, _ = resolve_surfaces(others + links)
    assert sorted(max(entities, key=lambda e: len(e.aliases)).aliases) == ["X", "推特"]


def test_link_does_not_join_two_established_entities():
    config = parse_alias_config(
        {"merge": [{"name": "Zentrova", "aliases": ["ZV"]}, {"name": "Quorvex", "aliases": ["QV"]}]}
    )
    surfaces = [Surface(n, "ORG", 3.0, 2) for n in ("Zentrova", "ZV", "Quorvex", "QV")]
    surfaces.append(Surface("Zentrova", "ORG", 3.0, 1, "Quorvex", "corpus"))
    entities, _ = resolve_surfaces(surfaces, config)
    assert len(entities) == 2


@pytest.mark.parametrize("word", ["这是", "一项公共利益", "大家", "语言", "learning", "的"])
def test_common_word_never_becomes_an_alias_through_a_link(word):
    surfaces = [Surface("Quorvex Labs", "ORG", 3.0, 3), Surface(word, "ORG", 1.0, 1, "Quorvex Labs", "corpus")]
    entities, _ = resolve_surfaces(surfaces)
    assert all(word not in e.aliases for e in entities if e.name == "Quorvex Labs")


def test_translation_pair_still_merges_with_other_noise_links():
    docs = {
        "a": "创始人Emad Mostaque(埃马德·莫斯塔克)表示，",
        "b": "埃马德·莫斯塔克说，他会休息。Emad Mostaque表示，",
        "c": "这是(原推特)的平台",
    }
    ent = entity_of(docs, "埃马德·莫斯塔克")
    assert set(ent.aliases) == {"Emad Mostaque", "埃马德·莫斯塔克"}


def test_abbreviation_of_a_known_product_still_merges():
    docs = {"a": 'Stable Diffusion(以下简称"SD")是一款模型。', "b": "Stable Diffusion很流行。"}
    assert entity_of(docs, "Stable Diffusion").entity_id == entity_of(docs, "SD").entity_id


def test_link_never_joins_two_known_names():
    surfaces = [
        Surface("推特", "ORG", 3.0, 2),
        Surface("B站", "ORG", 3.0, 2),
        Surface("推特", "ORG", 3.0, 2, "B站", "corpus"),
    ]
    entities, _ = resolve_surfaces(surfaces)
    assert len(entities) == 2


def test_tied_link_partners_merge_with_neither():
    surfaces = [Surface(n, "ORG", 3.0, 2) for n in ("Eros", "Automatic5896", "Automatic8050")]
    surfaces += [Surface(n, "ORG", 3.0, 1, "Eros", "corpus") for n in ("Automatic5896", "Automatic8050")]
    entities, _ = resolve_surfaces(surfaces)
    assert all(len(e.aliases) == 1 for e in entities)


@pytest.mark.parametrize(
    ("text", "new", "old"),
    [("他在X(原推特)平台上说，", "X", "推特"), ("社交平台Meta（原名Facebook）发布财报。", "Meta", "Facebook")],
)
def test_former_name_merges_with_the_new_name(text, new, old):
    assert entity_of({"a": text}, new).entity_id == entity_of({"a": text}, old).entity_id


@pytest.mark.parametrize("text", ["这是(原推特)的平台。", "去中心化人工智能(原推特)项目。", "大家都说(原推特)很好。"])
def test_text_before_a_former_name_that_is_no_name_is_not_linked(text):
    ents, _ = resolve({"a": text})
    assert [e.aliases for e in ents.values() if "推特" in e.aliases] == [["推特"]]


@pytest.mark.parametrize(("alone", "merged"), [(5, False), (1, True)])
def test_link_between_two_names_each_seen_alone_more_often_does_not_merge(alone, merged):
    surfaces = [Surface("Learning", "ORG", 3.0, alone), Surface("Quorvex Labs", "ORG", 3.0, 5)]
    surfaces.append(Surface("Quorvex Labs", "ORG", 3.0, 2, "Learning", "corpus"))
    entities, _ = resolve_surfaces(surfaces)
    assert (len(entities) == 1) == merged


def test_a_link_between_two_established_names_does_not_hide_a_real_one():
    surfaces = [Surface("推特", "ORG", 3.0, 9), Surface("B站", "ORG", 3.0, 9), Surface("X", "ORG", 3.0, 1)]
    surfaces += [Surface("推特", "ORG", 3.0, 2, other, "corpus") for other in ("B站", "X")]
    entities, _ = resolve_surfaces(surfaces)
    assert sorted(sorted(e.aliases) for e in entities) == [["B站"], ["X", "推特"]]


# Names that recur across documents in every role: alone, as the long name of a short form, as a short form of
# another long name, as a translation, as a former name, as part of a longer name.
SHARED_NAMES = ["微某银行", "深圳前海微某银行股份有限公司", "某某", "Vexlor AI", "Vexlor", "维克斯", "张明远", "王某某"]
SURFACE_KEYS = st.tuples(
    st.sampled_from(SHARED_NAMES),
    st.sampled_from(["ORG", "PERSON", "PRODUCT"]),
    st.floats(min_value=0.01, max_value=10),
    st.integers(min_value=1, max_value=5),
    st.one_of(st.none(), st.sampled_from([*SHARED_NAMES, "无处可寻的长名称有限公司"])),
    st.sampled_from(["doc", "corpus"]),
)
SNIPPETS = [
    "{a}（以下简称“{b}”）今日宣布，{b}将扩大业务。",
    "{a}表示，{b}的股东{a}已完成增资。",
    "{b}（原{a}）发布公告。",
    "{a}(Vexlor AI)的创始人张明远指出，Vexlor将上市。",
    "记者从{a}获悉，{b}与{a}签约。",
    "{a}有限公司（以下简称“{a}”）披露，{a}股份增长。",
]
DOCS = st.lists(
    st.tuples(st.sampled_from(SNIPPETS), st.sampled_from(SHARED_NAMES), st.sampled_from(SHARED_NAMES)).map(
        lambda t: t[0].format(a=t[1], b=t[2])
    ),
    min_size=1,
    max_size=12,
)


def assert_unique(ents, ments) -> None:
    ids = [e.entity_id for e in ents]
    assert len(ids) == len(set(ids)), ids
    spans = [(m.doc_id, m.start_pos, m.end_pos) for m in ments]
    assert len(spans) == len(set(spans)), spans
    assert {m.entity_id for m in ments} <= set(ids)


@settings(max_examples=200, deadline=None)
@given(st.lists(SURFACE_KEYS, max_size=12))
def test_entity_ids_are_unique_whatever_the_surfaces_and_links(rows):
    """Two groups whose canonical name and type agree (a short form whose long name is no entity of its own, the
    same name in two groups) are one entity: the same entity_id is never written twice."""
    surfaces = [Surface(s, t, w, n, link, scope if link else None) for s, t, w, n, link, scope in rows]
    ents, ids = resolve_surfaces(surfaces)
    assert len({e.entity_id for e in ents}) == len(ents)
    assert set(ids.values()) <= {e.entity_id for e in ents}


def test_a_short_form_whose_long_name_is_no_entity_joins_the_same_name_elsewhere():
    own = Surface("微某银行", "ORG", 2.5, 1)
    orphan = Surface("微某银行", "ORG", 0.01, 1, "深圳前海微某银行股份有限公司", "doc")
    ents, ids = resolve_surfaces([own, orphan])
    assert [e.name for e in ents] == ["微某银行"]
    assert ids[("微某银行", None, None)] == ids[("微某银行", "深圳前海微某银行股份有限公司", "doc")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCS, min_size=2, max_size=6))
def test_many_documents_sharing_names_give_unique_entities_and_mention_keys(docs):
    texts = [(f"{i:016x}", "\n".join(paragraphs)) for i, paragraphs in enumerate(docs)]
    assert_unique(*resolve_entities(extract_mentions(texts)))



def test_a_local_reference_is_one_entity_per_document():
    cands = [
        Candidate("a", "王先生", 0, 3, "PERSON", 1.0, "honorific", "a", "local"),
        Candidate("a", "王先生", 9, 12, "PERSON", 1.0, "honorific", "a", "local"),
        Candidate("b", "王先生", 0, 3, "PERSON", 1.0, "honorific", "b", "local"),
        Candidate("b", "王大明", 5, 8, "PERSON", 3.0, "title_name"),
    ]
    entities, mentions = resolve_entities(cands)
    ids = {(m.doc_id, m.start_pos): m.entity_id for m in mentions}
    assert ids[("a", 0)] == ids[("a", 9)] != ids[("b", 0)] != ids[("b", 5)]
    assert sorted(e.name for e in entities) == sorted(["王大明", "王先生", "王先生"])
