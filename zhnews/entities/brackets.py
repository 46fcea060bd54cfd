"""Names in brackets and quotes: 《X》 products, quoted names after a cue noun, 名称（简称）, Latin ↔ Chinese names."""

from __future__ import annotations

import re

from zhnews.entities.base import CJK, GENERIC_HEADS, Candidate, clause_start, cues, lexicon, name_key, phrase_like
from zhnews.entities.latin import LATIN_RUN, LATIN_WORD
from zhnews.entities.organisations import org_from_tokens
from zhnews.entities.segment import DESCRIPTION_TAGS, LEGAL_STOP_TAGS, has_proper_part, pos_tokens, stem_tokens

BARE_SHORT = re.compile(r"[(（]\s*([\u4e00-\u9fff]{2,5})\s*[)）]")  # 乘用车市场信息联席会（乘联会）
BRACKETED_LATIN = re.compile(rf"[(（]\s*({LATIN_WORD}(?: {LATIN_WORD})*)\s*[)）]")
BOOK_TITLE = re.compile(r"《([^《》\n]{1,15})》")
QUOTED = re.compile(r"[“\"「]([^”\"」\n]{2,12})[”\"」]")


def quoted_candidates(doc_id: str, body: str) -> list[Candidate]:
    """A quoted Chinese-script name right after a noun that says what it is: 大模型“星河”, UP主“老番茄”."""
    rules = cues()
    out = []
    for match in QUOTED.finditer(body):
        inner = match.group(1)
        cue = rules.quoted_cue.search(body, max(0, match.start() - 6), match.start())
        if cue and re.fullmatch(f"[{CJK}·]+", inner) and not phrase_like(inner):
            etype = rules.quoted_cues[cue.group()]
            out.append(Candidate(doc_id, inner, match.start(1), match.end(1), etype, 2.5, "quoted_name"))
    return out


def book_title_products(doc_id: str, body: str) -> list[Candidate]:
    """《X》 is a product when its context says so: 游戏《X》, 《X》《Y》等游戏, 《X》的玩家 (not 《三体》, laws)."""
    rules = cues()
    out = []
    for match in BOOK_TITLE.finditer(body):
        inner = match.group(1).strip()
        known = lexicon().by_key.get(name_key(inner))
        document = inner.startswith("关于") or inner.endswith(rules.not_media_suffixes + rules.media_suffixes)
        if (known and known[1] != "PRODUCT") or document:
            continue
        run_start = match.start()
        while run_start > 0 and body[run_start - 1] == "》":
            run_start = body.rfind("《", 0, run_start - 1)
        before = body[max(0, run_start - 4) : run_start]
        after = body[match.end() : match.end() + 40]
        if before.endswith(rules.title_product_left) or any(p.search(after) for p in rules.title_product_right):
            start = match.start(1) + match.group(1).index(inner)
            out.append(Candidate(doc_id, inner, start, start + len(inner), "PRODUCT", 3.0, "book_title_product"))
    return out


def abbreviates(short: str, name: str) -> bool:
    """Whether a Chinese short form takes its characters from the name in order, keeping its first or last one:
    乘联会 from 乘用车市场信息联席会, 证监会 from 中国证券监督管理委员会."""
    pos = 0
    for ch in short:
        pos = name.find(ch, pos) + 1
        if pos == 0:
            return False
    return short != name and (short[0] == name[0] or short[-1] == name[-1])


def bracket_names(doc_id: str, body: str) -> list[Candidate]:
    """A Chinese name before a bracket that gives its short form or its Latin name: 某某联席会（某联会）,
    某某部（DOGE）, 某某机器人（Lumina Robotics）; the name must end like an institution unless the Latin one
    ends like a firm."""
    rules = cues()
    out = []
    for match in [*BARE_SHORT.finditer(body), *BRACKETED_LATIN.finditer(body)]:
        if not match.start() or not re.match(f"[{CJK}]", body[match.start() - 1]):
            continue
        inner = match.group(1)
        if name_key(inner) in rules.latin_concepts:
            continue
        stem = stem_tokens(body, match.start())
        firm = " " in inner and inner.split(" ")[-1] in rules.latin_org_words and has_proper_part(stem, True)
        if not firm:
            stem = _institution_stem(body, match.start())
        text = "".join(w for w, _, _ in stem)
        institution = text.endswith(rules.institution_heads) and len(text) >= 3
        short_ok = not re.match(f"[{CJK}]", inner) or abbreviates(inner, text)
        if stem and short_ok and (firm or institution) and text not in GENERIC_HEADS:
            cand = org_from_tokens(doc_id, body, stem, match.start(), "bracket_name", 3.5)
            out += [cand] if cand else []
    return out


def bracketed_chinese_names(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A short Chinese name in brackets right after a Latin one is its Chinese name: StarX AI（星某智算）; a
    description (美国人工智能公司, 旗下产品) is not."""
    out = list(cands)
    cue_words = tuple(cues().left_cues) + cues().title_words
    for cand in cands:
        inner = BARE_SHORT.match(body, cand.end) if LATIN_RUN.fullmatch(cand.surface) else None
        if not inner or cand.type not in ("ORG", "PRODUCT") or inner.group(1) in lexicon().cjk:
            continue
        words = pos_tokens(inner.group(1), inner.start(1))
        descriptive = all(f.startswith("v") for _, f, _ in words) or any(
            f.startswith(DESCRIPTION_TAGS) or w in GENERIC_HEADS or w.endswith(cue_words) for w, f, _ in words
        )
        if not descriptive and not phrase_like(inner.group(1)):
            start, end = inner.start(1), inner.end(1)
            out.append(Candidate(cand.doc_id, inner.group(1), start, end, cand.type, 2.0, "translation"))
    return out


def _institution_stem(body: str, end: int) -> list[tuple[str, str, int]]:
    """The words of an institution's name ending at `end`: back to the clause's last function word, verbs
    inside kept (欧洲数字市场观察委员会), verbs in front dropped (支持国家发展委员会)."""
    left = clause_start(body, end)
    tokens = pos_tokens(body[left:end], left)
    cut = max(
        (i for i, (w, f, _) in enumerate(tokens) if f.startswith(LEGAL_STOP_TAGS) and w not in lexicon().cjk),
        default=-1,
    )
    stem = tokens[cut + 1 :]
    while stem and stem[0][1].startswith("v"):
        stem = stem[1:]
    return stem
