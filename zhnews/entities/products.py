"""Products: a rare word before a product head, unknown names after a product or company noun, brand + model code."""

from __future__ import annotations

import itertools
import re

from zhnews.entities.base import CJK, CLAUSE_END, Candidate, clause_start, cues, doc_of, lexicon, name_key, phrase_like
from zhnews.entities.latin import MODEL_CODE
from zhnews.entities.segment import (
    PROPER_TAGS,
    RARE_STEM_FREQ,
    name_char,
    name_tokens,
    pos_tokens,
    rare_word,
    word_freq,
)


def products_after_orgs(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A rare word between a company and a product head is the product's name (腾讯混元大模型, 百度文心大模型);
    after 的 only characters jieba does not know as a word (自研的某某大模型)."""
    rules = cues()
    anchors: dict[int, Candidate | None] = {c.end: c for c in cands if c.type == "ORG" and c.weight >= 2.5}
    for de in re.finditer("的", body):
        anchors.setdefault(de.end(), None)
    out = list(cands)
    for pos, org in anchors.items():
        named = rules.product_after.match(body, pos)
        if not named or named.group(1).startswith(rules.descriptors) or not rare_word(named.group(1)):
            continue
        if org is None and not all(name_char(token) for token in pos_tokens(named.group(1), 0)):
            continue
        out.append(
            Candidate(doc_of(cands), named.group(1), named.start(1), named.end(1), "PRODUCT", 2.5, "product_name")
        )
    return out


def company_products(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A known company and a product word right after it, which jieba does not read into a longer word, is the
    product's name (京东 + 白条: see `company_products`)."""
    pattern = cues().company_product
    out = list(cands)
    for cand in cands:
        product = pattern.match(body, cand.end) if cand.rule == "lexicon" and cand.type == "ORG" else None
        if product and _cut_at(body, cand.start, product.start(), product.end()):
            surface = body[cand.start : product.end()]
            out.append(Candidate(cand.doc_id, surface, cand.start, product.end(), "PRODUCT", 3.0, "company_product"))
    return out


def _cut_at(body: str, left: int, start: int, end: int) -> bool:
    """Whether jieba, cutting from `left` to two characters past `end`, starts a word at `start` and ends one at `end`
    (白条 of 京东白条提现, 花呗 read as 花 + 呗; not 白条 of 白条子)."""
    tokens = pos_tokens(body[left : end + 2], left)
    bounds = {pos for _, _, pos in tokens} | {pos + len(word) for word, _, pos in tokens}
    return start in bounds and end in bounds


def noun_names(doc_id: str, body: str) -> list[Candidate]:
    """An unknown name right after a product or company noun: AI助手元宝, 操作系统鸿蒙, 合资公司某某 (not
    平台用户, 系统显示, 子公司数量)."""
    rules = cues()
    return _names_after(doc_id, body, rules.product_nouns, "PRODUCT") + _names_after(
        doc_id, body, rules.org_nouns, "ORG"
    )


def _names_after(doc_id: str, body: str, nouns: re.Pattern, etype: str) -> list[Candidate]:
    out = []
    for noun in nouns.finditer(body):
        if not re.match(f"[{CJK}]", body[noun.end() : noun.end() + 1]):
            continue
        clause = CLAUSE_END.search(body, noun.end(), noun.end() + 8)
        end = clause.start() if clause else min(len(body), noun.end() + 8)
        tokens = pos_tokens(body[noun.end() : end], noun.end())
        name = name_tokens(tokens) or _platform_name(tokens)
        if not name:
            continue
        after = tokens[len(name)] if len(tokens) > len(name) else None
        bounded = after is None or after[1].startswith(("d", "v", "p", "u", "c")) or after[0] in "、和与及"
        if bounded:
            stop = name[-1][2] + len(name[-1][0])
            out.append(Candidate(doc_id, body[noun.end() : stop], noun.end(), stop, etype, 2.5, "noun_name"))
    return out


def platforms_named_before(doc_id: str, body: str) -> list[Candidate]:
    """A platform's name right before the word 平台 (小资钱包平台实控人): a rare noun and a platform's name ending, as
    after a product noun (see `platform_name_ends`)."""
    out = []
    for noun in re.finditer("平台", body):
        left = clause_start(body, noun.start(), 8)
        tokens = pos_tokens(body[left : noun.start()], left)[-2:]
        name = _platform_name(tokens)
        if len(name) == len(tokens) == 2:
            start = name[0][2]
            out.append(Candidate(doc_id, body[start : noun.start()], start, noun.start(), "ORG", 2.5, "platform_name"))
    return out


def platforms_in_report_heads(doc_id: str, body: str) -> list[Candidate]:
    """The platform named at the head of a data report (黄河金融P2P网贷平台…数据分析: see `platform_report_kind`), not a
    common word there (国内P2P网贷平台)."""
    return [
        Candidate(doc_id, m.group(), m.start(), m.end(), "ORG", 3.0, "platform_report")
        for m in cues().platform_report_head.finditer(body)
        if word_freq(m.group()) < RARE_STEM_FREQ
    ]


def _platform_name(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A rare noun and a platform's name ending (小资 + 钱包: see `platform_name_ends`) as the leading tokens."""
    if len(tokens) < 2 or tokens[1][0] not in cues().platform_name_ends:
        return []
    word, flag, _ = tokens[0]
    rare_noun = flag.startswith("n") and word_freq(word) < RARE_STEM_FREQ and not phrase_like(word)
    return tokens[:2] if len(word) >= 2 and re.fullmatch(f"[{CJK}]+", word) and rare_noun else []


def brand_models(doc_id: str, body: str) -> list[Candidate]:
    """A brand directly followed by a Latin model code is one product: 玄戒O1, 问界M8 (not 新车型YU7; a known
    company stays itself: 小米 + SU7)."""
    out = []
    concepts = cues().latin_concepts
    for code in MODEL_CODE.finditer(body):
        if code.start() == 0 or name_key(code.group()) in concepts or not re.match(f"[{CJK}]", body[code.start() - 1]):
            continue
        left = clause_start(body, code.start())
        tokens = pos_tokens(body[left : code.start()], left)
        brand = _brand_tokens(tokens)
        if brand:
            start = brand[0][2]
            out.append(Candidate(doc_id, body[start : code.end()], start, code.end(), "PRODUCT", 3.0, "brand_model"))
    return out


def _brand_tokens(tokens: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The trailing tokens naming a brand: a known product, a rare proper noun, or 2-3 single characters."""
    if not tokens:
        return []
    word, flag, _ = tokens[-1]
    known = lexicon().cjk.get(word)
    if known:  # a known company keeps its own mention, the code alone is the product (小米 + SU7)
        return tokens[-1:] if known[1] == "PRODUCT" else []
    if (
        2 <= len(word) <= 4
        and flag.startswith(PROPER_TAGS)
        and word_freq(word) < RARE_STEM_FREQ
        and not phrase_like(word)
    ):
        return tokens[-1:]
    run = list(itertools.takewhile(name_char, reversed(tokens)))[::-1]
    return run if 2 <= len(run) <= 3 else []
