"""zhnews.posseg: rjieba cuts and tags as jieba's Python POS tokenizer does without HMM, user words included; the
numpy Viterbi finds the states and probabilities jieba's does."""

import logging

import jieba
import jieba.posseg
import pytest
from jieba.posseg.viterbi import viterbi

from zhnews.posseg import PosCut, Viterbi, hmm_tokenizer_class

SENTENCES = [
    "小米公司董事长雷军3月5日在北京表示，公司去年营收增长12%。",
    "登录京东京东金融APP，同学们可以通过iPhone 15 Pro查看。",
    "C++和C#以及.NET都是语言；A股3G网络，１２.５%的增长。",
    "据新华社报道，墨芯科技与星衍智能签约。\n第二段\t有制表符 和空格",
    "",
    "𠮷野家和王\x00小明",
]


ADDED = {"墨芯科技": "nt", "京东": "nt", "星衍": "nz"}


@pytest.fixture(scope="module")
def tokenizer() -> jieba.posseg.POSTokenizer:
    jieba.setLogLevel(logging.WARNING)
    words = jieba.Tokenizer()
    for word, tag in ADDED.items():
        words.add_word(word, freq=None, tag=tag)  # raises the total again for a word it had (京东)
    return jieba.posseg.POSTokenizer(words)


@pytest.fixture(scope="module")
def rust_cut(tokenizer) -> PosCut:
    return PosCut(tokenizer, ADDED)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_same_words_and_tags_as_python_jieba(tokenizer, rust_cut, sentence):
    expected = tuple((t.word, t.flag) for t in tokenizer.cut(sentence, HMM=False))
    assert rust_cut.cut(sentence) == expected


# runs of characters no dictionary word covers (names, rare characters, a character the model does not know: 𠮷)
HMM_RUNS = ["欧阳明轩", "柯文远", "王某某", "星衍", "𠮷野", "的", "墨芯衍曦灵", "阿华笑了笑说"]


@pytest.mark.parametrize("run", HMM_RUNS)
def test_the_numpy_viterbi_finds_jiebas_states_and_probability(run):
    model = (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)
    assert Viterbi(*model)(run) == viterbi(run, *model)


@pytest.mark.parametrize("sentence", [*SENTENCES, "教授欧阳明轩指出", "总裁柯文远在会上"])
def test_the_hmm_cut_gives_the_words_and_tags_of_python_jieba(tokenizer, sentence):
    fast = hmm_tokenizer_class()(tokenizer.tokenizer)
    fast.word_tag_tab = tokenizer.word_tag_tab  # the user words' tags, which the first tokenizer took
    expected = [(t.word, t.flag) for t in tokenizer.cut(sentence, HMM=True)]
    assert [(t.word, t.flag) for t in fast.cut(sentence, HMM=True)] == expected


def test_the_hmm_tokenizer_has_the_dictionary_tags_jieba_reads_from_its_file():
    fast = hmm_tokenizer_class()(jieba.Tokenizer())  # copied from jieba.posseg.dt, not read again
    read = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    assert fast.word_tag_tab == read.word_tag_tab
    assert fast.word_tag_tab is not jieba.posseg.dt.word_tag_tab  # its user words do not reach jieba's own


def test_the_hmm_tokenizer_of_another_dictionary_reads_its_tags(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("墨芯 5 nz\n星衍 3 nt\n", encoding="utf-8")
    fast = hmm_tokenizer_class()(jieba.Tokenizer(str(path)))
    assert fast.word_tag_tab == {"墨芯": "nz", "星衍": "nt"}
