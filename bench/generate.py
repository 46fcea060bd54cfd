"""A deterministic synthetic corpus of Chinese news files, with the duplicate clusters it contains.

usage: .venv/bin/python -m bench.generate OUT [--n 20000 | --mb 30] [--seed 1] [--seeds seeds]

Distinct articles are written by a word-bigram model trained on the seeds' cleaned bodies (so they read
like the seeds and carry their names and figures), with new numbers, now and then a (perturbed) seed
paragraph inside, plus short template reports (market briefs) that differ only in their figures.
Some articles get copies, each captured differently: Traditional script (OpenCC s2t), half-width
punctuation, truncation, 10% of sentences edited, boilerplate around, garbled characters, a Markdown
clip with front matter, GBK or Big5 bytes, or an exact copy. OUT/labels.json lists the clusters
(`clusters`: lists of paths of one article; `distinct`: articles with one file) in the format of
the gold `dedup.json`, and `steps`: how each copy was changed; move it out before ingesting OUT as a seeds
folder (bench/run.py does). The same seed and size give the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import jieba
from opencc import OpenCC

from zhnews.clean import clean_batch
from zhnews.ingest import parse_seed

SENTENCE_END = "。！？"
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
HALF_WIDTH = str.maketrans("，。：；！？（）“”‘’【】、", ",.:;!?()\"\"''[],")
OUTLETS = [
    "新华财经",
    "第一财经",
    "澎湃新闻",
    "界面新闻",
    "财新网",
    "21世纪经济报道",
    "证券时报",
    "经济观察报",
    "每日经济新闻",
]
AUTHORS = ["王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄晓", "周婷", "吴昊", "徐丽", "孙强"]
COMPANIES = ["华信科技", "东方电气", "长江电力", "中远海控", "宁波银行", "恒瑞医药", "比亚迪", "海天味业", "三一重工"]
HEADERS = [
    "本文来源：{outlet}",
    "{outlet}记者 {author} 报道",
    "原标题：{title}",
    "点击上方蓝字关注我们",
    "文 | {author}  编辑 | {author2}",
]
FOOTERS = [
    "免责声明：本文仅代表作者个人观点，不代表本平台立场，不构成投资建议。",
    "责任编辑：{author}",
    "（本文来自{outlet}，版权归原作者所有，如有侵权请联系删除）",
    "更多精彩内容，请关注{outlet}官方公众号。",
    "推荐阅读：{title}",
    "扫码下载客户端，阅读更多财经资讯",
]
BRIEFS = [
    "{day}收盘，{company}股价{move}{change}%，报{price}元，成交额{volume}亿元，换手率{turnover}%。"
    "今日所属板块整体表现{mood}，市场人士认为，短期股价波动主要受大盘情绪和板块轮动影响，"
    "投资者仍需关注行业政策变化和公司后续公告。",
    "{day}，{company}发布公告称，公司今年前三季度实现营业收入{volume}亿元，同比{move}{change}%；"
    "归属于上市公司股东的净利润{price}亿元。公司表示，业绩变动主要受市场需求和原材料价格变化影响，"
    "后续将继续推进降本增效，提升经营质量。",
]


@dataclass
class Article:
    """One article as written: title, paragraphs (Simplified) and byline."""

    title: str
    paragraphs: list[str]
    outlet: str
    author: str
    published: date


@dataclass
class Capture:
    """One file of an article: its text and how it is stored."""

    text: str
    suffix: str = ".txt"
    encoding: str = "utf-8"
    traditional: bool = False
    steps: list[str] = field(default_factory=list)


class WordModel:
    """A word-bigram model of sentences: writes new sentences in the seeds' vocabulary."""

    def __init__(self, sentences: list[str]):
        self.following: dict[str, list[str]] = {}
        for sentence in sentences:
            words = ["<s>", *jieba.lcut(sentence), "</s>"]
            for a, b in itertools.pairwise(words):
                self.following.setdefault(a, []).append(b)

    def sentence(self, rng: random.Random, min_words: int = 12, max_words: int = 50) -> str:
        while True:
            words, word = [], "<s>"
            while len(words) < max_words:
                word = rng.choice(self.following.get(word) or ["</s>"])
                if word == "</s>":
                    break
                words.append(word)
            text = "".join(words).strip("，、；： ")
            if len(words) >= min_words and CJK_CHAR.search(text):
                return text if text[-1] in SENTENCE_END else text + "。"


def seed_paragraphs(seeds: Path) -> list[str]:
    """The seeds' cleaned paragraphs that are mostly Chinese text (no English tails, no captions)."""
    raws = []
    for path in sorted(p for p in seeds.rglob("*") if p.is_file()):
        result = parse_seed(path.relative_to(seeds).as_posix(), path.read_bytes())
        if result.document:
            raws.append(result.document)
    out = []
    for doc in clean_batch(raws):
        for line in doc.body.split("\n"):
            if len(line) >= 30 and len(CJK_CHAR.findall(line)) >= 0.6 * len(line):
                out.append(line)
    return out


def split_sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(f"(?<=[{SENTENCE_END}])", paragraph) if s.strip()]


def new_figures(text: str, rng: random.Random) -> str:
    """Every number replaced by a random one of the same shape (digits and decimals)."""

    def replace(m: re.Match[str]) -> str:
        whole, _, decimals = m.group().partition(".")
        first = str(rng.randint(1, 9)) if len(whole) > 1 else str(rng.randint(0, 9))
        out = first + "".join(str(rng.randint(0, 9)) for _ in whole[1:])
        return out + ("." + "".join(str(rng.randint(0, 9)) for _ in decimals) if decimals else "")

    return NUMBER.sub(replace, text)


class Generator:
    """Writes articles and their captures; every choice comes from one seeded random stream."""

    def __init__(self, seeds: Path, seed: int):
        self.rng = random.Random(seed)
        self.paragraphs = seed_paragraphs(seeds)
        self.model = WordModel([s for p in self.paragraphs for s in split_sentences(p)])
        self.vocabulary = sorted(w for w in self.model.following if CJK_CHAR.search(w))
        self.to_traditional = OpenCC("s2t")

    def byline(self) -> tuple[str, str, date]:
        rng = self.rng
        return rng.choice(OUTLETS), rng.choice(AUTHORS), date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))

    def article(self) -> Article:
        rng = self.rng
        if rng.random() < 0.05:
            return self.brief()
        paragraphs = [
            new_figures("".join(self.model.sentence(rng) for _ in range(rng.randint(2, 5))), rng)
            for _ in range(rng.randint(3, 12))
        ]
        if len(paragraphs) >= 4 and rng.random() < 0.3:  # a paragraph quoted from another article
            paragraphs[rng.randrange(len(paragraphs))] = new_figures(rng.choice(self.paragraphs), rng)
        title = self.model.sentence(rng, 4, 12).rstrip(SENTENCE_END)[:30]
        return Article(title, paragraphs, *self.byline())

    def brief(self) -> Article:
        """A template report: the same words as many others, other company and figures."""
        rng = self.rng
        outlet, author, published = self.byline()
        values = {
            "day": f"{published.month}月{published.day}日",
            "company": rng.choice(COMPANIES),
            "move": rng.choice(["上涨", "下跌", "增长", "下降"]),
            "change": f"{rng.uniform(0.1, 9.9):.2f}",
            "price": f"{rng.uniform(3, 300):.2f}",
            "volume": f"{rng.uniform(1, 90):.1f}",
            "turnover": f"{rng.uniform(0.2, 12):.2f}",
            "mood": rng.choice(["强势", "疲弱", "分化", "平稳"]),
        }
        text = rng.choice(BRIEFS).format(**values)
        return Article(f"{values['company']}{values['day']}快讯", [text], outlet, author, published)

    def copies(self) -> int:
        """How many extra captures an article gets: most have none, a few have many."""
        rng = self.rng
        if rng.random() < 0.65:
            return 0
        n = 1
        while n < 6 and rng.random() < 0.4:
            n += 1
        return n

    def original(self, art: Article) -> Capture:
        return Capture(f"{art.title}\n" + "\n".join(art.paragraphs))

    def capture(self, art: Article) -> Capture:
        """A copy of the article, changed by a random mix of the ways news gets re-captured."""
        rng = self.rng
        if rng.random() < 0.1:
            return Capture(self.original(art).text, steps=["exact"])
        paragraphs, steps = list(art.paragraphs), []
        changes: list[tuple[float, str, Callable[[list[str]], list[str]]]] = [
            (0.3, "truncated", self.truncate),
            (0.3, "edited", self.edit),
            (0.3, "half-width", lambda ps: [p.translate(HALF_WIDTH) for p in ps]),
            (0.1, "garbled", self.garble),
            (0.4, "boilerplate", lambda ps: self.boilerplate(ps, art)),
        ]
        for share, name, change in changes:
            if rng.random() < share:
                paragraphs, steps = change(paragraphs), [*steps, name]
        capture = Capture(f"{art.title}\n" + "\n".join(paragraphs), steps=steps)
        if rng.random() < 0.2:
            capture = self.markdown(art, paragraphs, capture)
        if rng.random() < 0.3:
            capture.text, capture.traditional = self.to_traditional.convert(capture.text), True
            capture.steps.append("traditional")
        if rng.random() < 0.25:
            capture.encoding = "big5" if capture.traditional else "gbk"
            capture.steps.append(capture.encoding)
        return capture

    def truncate(self, paragraphs: list[str]) -> list[str]:
        """Cut the text at 40-95% of its length, wherever that falls (reposts often keep only the first half)."""
        text = "\n".join(paragraphs)
        return text[: int(len(text) * self.rng.uniform(0.4, 0.95))].split("\n")

    def edit(self, paragraphs: list[str]) -> list[str]:
        """Rewrite about 10% of the sentences: a clause dropped, added or reworded; figures kept."""
        rng = self.rng
        parts = [split_sentences(p) for p in paragraphs]
        where = [(i, j) for i, p in enumerate(parts) for j in range(len(p))]
        for i, j in rng.sample(where, max(1, round(len(where) * 0.1))):
            sentence = parts[i][j]
            clauses = sentence.rstrip(SENTENCE_END).split("，")
            how = rng.randrange(3)
            if how == 0 and len(clauses) > 1:
                clauses.pop(rng.randrange(1, len(clauses)))
            elif how == 1:
                clauses.insert(rng.randrange(len(clauses) + 1), self.model.sentence(rng, 3, 8).rstrip(SENTENCE_END))
            else:
                k = rng.randrange(len(clauses))
                words = jieba.lcut(clauses[k])
                for w in rng.sample(range(len(words)), min(2, len(words))):
                    if not NUMBER.search(words[w]):
                        words[w] = rng.choice(self.vocabulary)
                clauses[k] = "".join(words)
            parts[i][j] = "，".join(c for c in clauses if c) + "。"
        return ["".join(p) for p in parts]

    def garble(self, paragraphs: list[str]) -> list[str]:
        """Replace about 1% of characters with U+FFFD or stray symbols, as a bad capture does."""
        rng = self.rng
        out = []
        for p in paragraphs:
            chars = list(p)
            for k in rng.sample(range(len(chars)), len(chars) // 100):
                if not chars[k].isdigit():
                    chars[k] = rng.choice(["\ufffd", "□", "锟斤拷", " "])
            out.append("".join(chars))
        return out

    def boilerplate(self, paragraphs: list[str], art: Article) -> list[str]:
        rng = self.rng
        values = {"outlet": art.outlet, "author": art.author, "author2": rng.choice(AUTHORS), "title": art.title}
        head = [h.format(**values) for h in rng.sample(HEADERS, rng.randint(0, 2))]
        foot = [f.format(**values) for f in rng.sample(FOOTERS, rng.randint(1, 3))]
        return head + paragraphs + foot

    def markdown(self, art: Article, paragraphs: list[str], capture: Capture) -> Capture:
        """A Markdown clip: front matter, heading, bold lead, blank lines between paragraphs."""
        body = list(paragraphs)
        if body:
            body[0] = f"**{body[0]}**"
        front = f"---\ntitle: {art.title}\nsource: {art.outlet}\ndate: {art.published.isoformat()}\n---\n\n"
        text = front + f"# {art.title}\n\n" + "\n\n".join(body)
        return Capture(text, ".md", steps=[*capture.steps, "markdown"])

    def files(self) -> Iterator[tuple[int, list[Capture]]]:
        """(article number, its captures) forever: the first capture is the original."""
        number = 0
        while True:
            art = self.article()
            yield number, [self.original(art)] + [self.capture(art) for _ in range(self.copies())]
            number += 1


def write_corpus(out: Path, seeds: Path, seed: int, n_docs: int | None, megabytes: float | None) -> dict:
    """Write files under OUT until n_docs files or `megabytes` MB; returns (and writes) the labels."""
    out.mkdir(parents=True, exist_ok=True)
    clusters, distinct, steps, files, size = [], [], {}, 0, 0
    for number, captures in Generator(seeds, seed).files():
        paths = []
        for k, capture in enumerate(captures):
            path = f"{number // 1000:04d}/{number:07d}-{k}{capture.suffix}"
            data = capture.text.encode(capture.encoding, errors="replace")
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(data)
            paths.append(path)
            if k:
                steps[path] = "+".join(capture.steps) or "unchanged"
            files, size = files + 1, size + len(data)
            if (n_docs and files >= n_docs) or (megabytes and size >= megabytes * 1e6):
                break
        (clusters if len(paths) > 1 else distinct).append(paths if len(paths) > 1 else paths[0])
        if (n_docs and files >= n_docs) or (megabytes and size >= megabytes * 1e6):
            break
    labels = {"seed": seed, "files": files, "bytes": size, "clusters": clusters, "distinct": distinct, "steps": steps}
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--n", type=int, help="number of files (default 20000)")
    size.add_argument("--mb", type=float, help="total size in MB (10, 30, 100, ...)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "seeds")
    args = parser.parse_args()
    n_docs = args.n if args.n or args.mb else 20000
    labels = write_corpus(args.out, args.seeds, args.seed, n_docs, args.mb)
    copies = sum(len(c) for c in labels["clusters"])
    print(
        f"{labels['files']} files, {labels['bytes'] / 1e6:.1f} MB: {len(labels['distinct'])} single articles, "
        f"{len(labels['clusters'])} clusters holding {copies} files -> {args.out / 'labels.json'}"
    )


if __name__ == "__main__":
    main()
