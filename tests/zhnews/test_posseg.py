"""zhnews.posseg: rjieba cuts and tags as jieba's Python POS tokenizer does without HMM, user words included."""

import logging

import jieba
import jieba.posseg
import pytest

from zhnews.posseg import PosCut

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
