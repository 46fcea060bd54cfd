"""zhnews.entities.segment: jieba tokens with offsets, dictionary lookups and the stem before a suffix."""

from zhnews.entities.segment import has_proper_part, pos_tokens, stem_tokens, word_freq, word_tag


def test_tokens_carry_their_offsets_in_the_body():
    tokens = pos_tokens("公司发布了新产品", 10)
    assert "".join(w for w, _, _ in tokens) == "公司发布了新产品"
    assert [start for _, _, start in tokens] == [10 + sum(len(w) for w, _, _ in tokens[:i]) for i in range(len(tokens))]


def test_dictionary_lookups_know_common_words_and_not_invented_ones():
    assert word_freq("公司") > 1000 and word_tag("公司") == "n"
    assert word_freq("澜禾岳") == 0 and word_tag("澜禾岳") == ""


def test_the_stem_of_a_name_starts_after_the_last_verb_of_its_clause():
    body = "他宣布加入澜禾科技研究院"
    stem = stem_tokens(body, body.index("研究院"))
    assert "".join(w for w, _, _ in stem) == "澜禾科技"


def test_a_stem_of_common_nouns_names_nothing():
    assert not has_proper_part(pos_tokens("人工智能", 0), allow_place=True)
