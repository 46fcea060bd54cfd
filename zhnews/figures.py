"""Figures: every number with meaning in a Simplified body, typed, normalised and tied to what it measures.

Candidates are found by regular expressions built from the rule data in `zhnews/rules/`
(currencies, units, metrics, figures); numerals are valued with cn2an, relative years (今年3月)
and bare months or quarters resolved against the document's publication date.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache

from zhnews.settings import RULES_DIR
from zhnews.text import split_sentences
from zhnews.yaml_rules import read_yaml

BLANK = "\ue000"  # stands for masked characters; keeps offsets
ARABIC = r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?"  # a thousands group is three digits (not 9800，19800: a list)
CN_NUMBER = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
# Arabic digits mixed with magnitude words, as Taiwanese text writes amounts (1万4000元, 1千500元, 3亿5000万)
COMPOUND = r"\d+(?:[亿万千]\d+)+[万千]?(?![\d.千百万亿])"
COMPOUND_PART = re.compile(r"(\d+)([亿万千]?)")
FULL_WIDTH = str.maketrans("０１２３４５６７８９．％＄－−", "0123456789.%$--")
FULL_WIDTH_RE = re.compile("[０-９．％＄－−]")  # a text without them needs no translate (0.45 s on the bulk)
DIGIT_CHARS = "0123456789零〇一二两三四五六七八九十百千万亿半"
PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
CN_DIGIT = re.compile(r"[零〇一二两三四五六七八九十\d]")
ARABIC_DIGIT = re.compile(r"\d")  # a numeral written with Arabic digits (not 七 in 七姐)
MAGNITUDE_CHAR = re.compile("[万亿]")
NUMERAL_SEPARATORS = re.compile(r"[,，\s]")  # thousands separators and spaces inside a numeral
THOUSANDS_SEPARATORS = re.compile("[,，]")
LATIN_LETTER = re.compile("[A-Za-z]")
SPOKEN_DECIMALS = re.compile(r"\d{1,2}(?![\d.%％A-Za-z\u4e00-\u9fff])|\d{1,2}(?=[的啊吧呢啦，。！？、])")
YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")  # a year written with four digits (a class's year: 2013届)
# a plain number that can be an amount without its 元 (罚款500), and what may stand between it and the money word
BARE_AMOUNT = re.compile(r"(?:\d{3,}|\d{1,3}(?:[,，]\d{3})+)(?:\.\d+)?")
AMOUNT_LIST_GAP = re.compile(r"[有为是达约共计：:\s]*(?:\d+(?:\.\d+)?\s*[，,、]\s*)*")  # 金额有9800，19800，
SPACE = r"[ \u00a0\u3000]?"
RANGE = r"(?:-|–|—|~|～|到|至|或|、)"  # 3、5千元: a Taiwanese range
MINUS = r"(?<![^\s：:，,、；;（(“\"为是至到达报])-(?=\d)"  # a sign (为-3%), not a hyphen (GPT-4) or a range (30%-40%)
NAME_GLUE = re.compile(r"[A-Za-z0-9_./\\]|(?<=[A-Za-z0-9])-")
# A match may not start inside a run it could have started earlier in (lookbehinds): a long run of
# word characters or blanks is then scanned once, not once per position (quadratic).
URL = re.compile(r"(?:https?://|www\.)[\w\-./?=&%#:~+@,;]+|(?<![\w\-.])[\w\-.]+\.(?:com|cn|net|org|html?)\b[\w\-./?=&%#]*")
# what every URL match holds: a text without it is not scanned for URLs (each run of word characters is)
URL_HINT = re.compile(r"https?://|www\.|\.(?:com|cn|net|org|html?)\b")
SENTENCE_END = re.compile(r"[。！？!?\n]")
CONVERSION_GAP = re.compile(r"(?<!\s)\s*[（(]\s*")
LIST_ITEMS = r"(?<![\d.、])(?:\d{{1,3}}、)*\d{{1,3}}(?:{joiners})$"  # 18、17、 or 14、11及 before a figure
LIST_WINDOW = 40  # how far back a list of plain numbers is looked for
SIGNED_KINDS = ("money", "percent")  # kinds a minus sign applies to (净利润为-3.5亿元)
UNREADABLE = (ValueError, ArithmeticError, KeyError, IndexError)  # numerals cn2an cannot read (〇十) make no figure


BODY, TITLE = "body", "title"  # the document field a figure's offsets point into (figures.field)


@dataclass
class Figure:
    """One number with meaning, located by character offsets in documents.body (or documents.title: `field`)."""

    doc_id: str
    kind: str  # money | count | percent | date | duration
    surface: str
    value: float | None
    unit: str | None
    normalized: str | None
    approx: bool
    start_pos: int
    end_pos: int
    metric: str | None = None
    period: str | None = None  # 'month' for 每月8美元, ...
    sentence_start: int | None = None  # bounds of the sentence holding the figure (for entity linking)
    sentence_end: int | None = None
    clause_start: int | None = None  # start of the clause (between ，；、...) holding the figure
    antecedent_start: int | None = None  # start of the sentence before, when the figure's refers back (该公司)
    entity_id: str | None = None
    field: str = BODY  # BODY or TITLE: the text start_pos/end_pos are offsets into


@dataclass(frozen=True)
class Rules:
    """Rule data from zhnews/rules/*.yaml and the regular expressions built from it."""

    currency_suffix: dict[str, str]
    subunits: dict[str, tuple[str, Decimal]]  # 便士 -> (GBP, 0.01): a currency's subunit and its factor
    currency_prefix: dict[str, str]
    multipliers: dict[str, int]
    durations: dict[str, list[str]]
    measure_words: frozenset[str]  # and counted nouns
    percent_words: frozenset[str]
    percent_scale: dict[str, float]  # 百分之 -> 1, 千分之 -> 0.1
    local: dict  # the currency of a bare 元 by script (currencies.yaml `local`)
    unit_only_multipliers: frozenset[str]
    tenths: frozenset[str]
    decades: dict[str, str]  # 旬 -> 岁: ages in decades
    words: dict
    words_units: dict  # units.yaml as loaded
    metric_kinds: dict[str, set[str]]
    cue_metric: dict[str, str]
    opener_metric: dict[str, str]  # cues that count only when they open the figure's clause (，报55港元)
    per_metric: dict[str, str]  # nouns of 每吨 / 元/吨 -> the metric (price)
    default_metric: dict[str, str]  # kind -> metric of a figure no cue names
    number: re.Pattern
    vague: re.Pattern
    pairs: re.Pattern  # two adjacent numerals (两三): a vague range
    percent_cn: re.Pattern
    date: re.Pattern
    idioms: re.Pattern
    vague_idioms: re.Pattern
    cues: re.Pattern
    periods: re.Pattern
    anaphors: re.Pattern
    subject_metrics: frozenset[str]  # a company's metrics: a figure may leave the company out (巅峰时15亿美元的估值)
    antecedent_sentences: int  # how many sentences back an antecedent is looked for (figures.antecedent_start)
    period_suffix: re.Pattern
    per_suffix: re.Pattern
    clause: re.Pattern
    day_list_gap: re.Pattern  # between a dated day and a bare day of its list (、, 至): 8月20日、21日


def _load(name: str) -> dict:
    return read_yaml(RULES_DIR / f"{name}.yaml")


def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _multipliers(words: list[str], units: list[str]) -> str:
    """An alternation of magnitude words, each unable to match where it starts a unit (千 in 5千米, 3千瓦)."""
    tails = {m: [u[len(m) :] for u in units if u.startswith(m) and u != m] for m in words}
    return _units(words, {m: t for m, t in tails.items() if t})


def _units(words: list[str], blockers: dict[str, list[str]]) -> str:
    """An alternation of unit words, longest first, each unable to match before its blockers (年代, 成本)."""
    ordered = sorted(set(words), key=len, reverse=True)
    latin = {w: "(?![A-Za-z])" if w.isascii() and w.isalpha() else "" for w in ordered}  # GB, not GBA
    return "|".join(
        re.escape(w) + latin[w] + (f"(?!{_alt(blockers[w])})" if w in blockers else "") for w in ordered
    )


def _first_chars(*word_lists) -> str:
    """A lookahead on the characters a match can start with: lets the scan skip other positions fast."""
    chars = {word[0] for words in word_lists for word in words}
    return f"(?=[{re.escape(''.join(sorted(chars)))}])"


@cache
def rules() -> Rules:
    """Load the rule data once."""
    cur, units, words, metrics = _load("currencies"), _load("units"), _load("figures"), _load("metrics")
    counters = units["measure_words"] + units["counted_nouns"]
    percents = units["percent_suffix"] + units["percent_tenths"]
    money_words = list(cur["suffix"]) + list(cur["subunits"])
    unit_words = money_words + percents + list(units["durations"]) + counters + list(units["age_decades"])
    mult = _multipliers(list(units["multipliers"]), unit_words)
    vague = rf"(?:{_alt(words['vague_heads'])})[十百千万亿]+"
    half = re.escape(words["half"])
    halved = list(units["durations"]) + words["half_units"]
    first_half = "".join(
        rf"(?!(?<={re.escape(word)}){half}(?:{_alt(units_after)}))"
        for word, units_after in words["half_not_after_before"].items()
    )
    half_number = rf"(?<![{re.escape(''.join(words['half_not_after']))}]){first_half}{half}(?=个?(?:{_alt(halved)}))"
    lead = rf"(?<![^\s{re.escape(words['duration_prefix_after'] + words['clause_delimiters'])}])"
    tails = "".join(
        rf"|(?:{'|'.join(f'(?<={re.escape(a)})' for a in after)}){re.escape(tail)}"
        for tail, after in words["vague_tail_after"].items()
    )
    number = re.compile(
        _first_chars(
            words["approx_prefix"], words["magnitude_prefix"], words["duration_prefix"], cur["prefix"],
            words["vague_heads"], DIGIT_CHARS, "-",
        )
        + rf"(?:(?P<pre>{_alt(words['approx_prefix'])}|(?:{_alt(words['magnitude_prefix'])})(?=[百千万亿])){SPACE})?"
        rf"(?P<lead>{lead}(?:{_alt(words['duration_prefix'])}))?"
        rf"(?:(?P<lo>{COMPOUND}|{ARABIC}|{CN_NUMBER}){SPACE}(?P<lomult>{mult})?{SPACE}(?P<sep>{RANGE}){SPACE})?"
        rf"(?:(?P<cur>{_alt(cur['prefix'])}){SPACE})?"
        rf"(?P<neg>{MINUS})?(?P<num>{COMPOUND}|{vague}|{ARABIC}|{CN_NUMBER}|{half_number})(?P<inf>多|余|几{tails})?{SPACE}"
        rf"(?P<mult>{mult})?(?P<inf2>多|余)?{SPACE}"
        rf"(?:(?P<adj>{_alt(units['size_adjectives'])})(?={_units(counters, words['unit_blockers'])}))?"
        rf"(?P<unit>{_units(unit_words, words['unit_blockers'])})?(?P<half>{half}(?!{_alt(words['half_blockers'])}))?"
        rf"(?P<post>{_alt(words['approx_suffix'] + words['duration_suffix'])})?"
    )
    fraction, halves, slashed = units["fraction"], units["half_percent"], units["slash_fraction"]
    percent_cn = re.compile(
        _first_chars(words["approx_prefix"], units["percent_prefix"], halves["words"], DIGIT_CHARS)
        + rf"(?P<pre>{_alt(words['approx_prefix'])})?"
        rf"(?:(?P<scale>{_alt(units['percent_prefix'])})(?P<num>{CN_NUMBER}|{ARABIC})"
        rf"|(?<![\d零〇一二两三四五六七八九十百千万])(?P<den>{fraction['denominator']}){re.escape(fraction['word'])}"
        rf"(?P<part>{CN_NUMBER}|{ARABIC})"
        rf"|(?<!{_alt(halves['not_after'])})(?P<halfword>{_alt(halves['words'])})(?!{_alt(halves['not_before'])})"
        rf"|(?<=[{''.join(slashed['after'])}])(?P<sn>[1-9])/(?P<sdn>10|[2-9])(?![\d/.]|{_alt(slashed['not_before'])}))"
        rf"(?P<post>{_alt(words['approx_suffix'])})?"
    )
    month = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
    day = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
    roc, roc_number = words["roc_years"], r"\d{1,3}|[〇零一二三四五六七八九十百]{1,5}"
    # an earlier year (1786年), unless qualified or a duration's word follows (大约1600年, 1500年前: years, not a year)
    qualified = r"(?<![约近逾超过余])(?<![约近逾超过余][ \u00a0\u3000])"
    early = rf"{qualified}1[5-8]\d{{2}}(?!{SPACE}年{SPACE}(?:{_alt(words['early_year_blockers'])}))"
    year = (
        rf"(?<!\d)(?P<y4>(?:19|20)\d{{2}}|{early}){SPACE}财?年|(?P<ycn>[〇零一二三四五六七八九]{{4}})年"
        rf"|(?P<yrel>{_alt(words['relative_years'])})(?:[（(](?P<yb>(?:19|20)\d{{2}})[）)])?"  # 去年（2014）8月
        rf"|{re.escape(roc['prefix'])}{SPACE}(?P<roc>{roc_number}){SPACE}年"
        rf"|(?<![\d〇零一二两三四五六七八九十百])(?P<rocl>\d{{2,3}}|[〇零一二三四五六七八九十百]{{2,5}}){SPACE}年"
        rf"(?={SPACE}(?:{month}){SPACE}月)"
    )
    quarter = rf"(?:第?[一二三四1-4]|首)季(?:度|(?!{_alt(words['season_blockers'])}))|[Qq][1-4]"
    not_after = re.escape("".join(words["quarter_blockers"]))
    day_joiners = _alt(words["day_list_joiners"])
    days = rf"(?P<{{}}>{day})(?:{SPACE}(?:{day_joiners}){SPACE}(?:{day}))?{SPACE}[日号]"  # 27-28日: the first day
    joiners = _alt(words["year_list_joiners"])
    bare_day, slash = words["bare_day"], words["slash_dates"]
    date_re = re.compile(
        _first_chars(words["relative_years"], words["day_in_brackets"], ["第", roc["prefix"]], DIGIT_CHARS)
        + rf"(?:(?P<iso>(?<!\d)(?:19|20)\d{{2}}(?P<sep>[-/.])\d{{1,2}}(?P=sep)\d{{1,2}}(?!\d))"
        rf"|(?:{year})(?:{SPACE}(?P<q>{quarter})|{SPACE}(?P<half>[上下]半年)"
        rf"|{SPACE}(?P<m>{month}){SPACE}月份?(?:{SPACE}{days.format('d')})?)?"
        rf"|(?<![\d.个第一二三四五六七八九十])(?P<bm>{month}){SPACE}月份?(?:{SPACE}{days.format('bd')})?"
        rf"|(?<!\d)(?P<yl>(?:19|20)\d{{2}})(?=(?:{joiners}){SPACE}(?:19|20)\d{{2}}{SPACE}年)"
        rf"|(?P<rel>{_alt(words['day_in_brackets'])})天?[（(]{SPACE}(?P<rd>{day}){SPACE}[）)]日"
        rf"|(?<![\d.第一二三四五六七八九十{not_after}])(?P<bq>第?[一二三四1-4]季度)"
        rf"|(?<![\d/.])(?P<sm>1[0-2]|[1-9])/(?P<sd>3[01]|[12]\d|[1-9])(?=[）)]|{_alt(slash['times'])})"
        rf"|(?<![\d.{re.escape(''.join(bare_day['not_after']))}])(?P<dd>3[01]|[12]\d|[1-9])日"
        rf"(?![{re.escape(''.join(bare_day['not_before']))}]))"
    )
    per_metric = {noun: metric for metric, spec in metrics.items() for noun in spec.get("per", [])}
    cue_metric = {cue: metric for metric, spec in metrics.items() for cue in spec["cues"]}
    cue_metric |= {f"每{noun}": metric for noun, metric in per_metric.items()}
    return Rules(
        currency_suffix=cur["suffix"],
        subunits={word: (code, Decimal(str(factor))) for word, (code, factor) in cur["subunits"].items()},
        currency_prefix=cur["prefix"],
        multipliers=units["multipliers"],
        durations=units["durations"],
        measure_words=frozenset(counters),
        percent_words=frozenset(percents),
        percent_scale=units["percent_prefix"],
        local=cur["local"],
        unit_only_multipliers=frozenset(units["unit_only_multipliers"]),
        tenths=frozenset(units["percent_tenths"]),
        decades=units["age_decades"],
        words=words,
        words_units=units,
        metric_kinds={metric: set(spec["kinds"]) for metric, spec in metrics.items()},
        cue_metric=cue_metric,
        opener_metric={cue: metric for metric, spec in metrics.items() for cue in spec.get("openers", [])},
        per_metric=per_metric,
        default_metric={kind: metric for metric, spec in metrics.items() for kind in spec.get("default_for", [])},
        number=number,
        vague=re.compile(f"^(?:{_alt(words['vague_heads'])})"),
        vague_idioms=re.compile(_alt(words["vague_idioms"])),
        pairs=re.compile(f"^(?:{_alt(words['numeral_pairs'])})"),
        percent_cn=percent_cn,
        date=date_re,
        idioms=re.compile(_alt(words["idioms"] + words["names"])),
        cues=re.compile(_alt(cue_metric)),
        periods=re.compile(_alt(words["periods"])),
        anaphors=re.compile(_alt(words["anaphors"])),
        subject_metrics=frozenset(words["subject_metrics"]),
        antecedent_sentences=int(words["antecedent_sentences"]),
        period_suffix=re.compile(rf"{SPACE}[/／]{SPACE}(?P<unit>{_alt(words['period_suffixes'])})"),
        per_suffix=re.compile(rf"{SPACE}[/／]{SPACE}(?P<noun>{_units(list(per_metric), words['unit_blockers'])})"),
        clause=re.compile(f"[{re.escape(words['clause_delimiters'])}]"),
        day_list_gap=re.compile(rf"{SPACE}(?:{day_joiners}){SPACE}"),
    )


def extract_figures(docs: list[tuple]) -> list[Figure]:
    """Figures of a batch of (doc_id, Simplified body, published_at[, script of the source[, title]]) documents."""
    return [fig for doc in docs for fig in document_figures(*doc)]


def document_figures(
    doc_id: str, body: str, published: date | None, script: str | None = None, title: str | None = None
) -> list[Figure]:
    """The body's figures, then the headline's (field TITLE, offsets into the title; a bare 元 read as the body
    reads it). A headline the body repeats gives its figures twice, once per field, as the two texts hold them."""
    yuan = local_currency(body, script)
    figures = _figures_of(doc_id, body, published, yuan)
    if title:
        figures += [replace(fig, field=TITLE) for fig in _figures_of(doc_id, title, published, yuan)]
    return figures


def _figures_of(doc_id: str, body: str, published: date | None, yuan: str | None) -> list[Figure]:
    """Figures of one text in text order (dates first, then percentages, then other numbers), with the currency of a
    bare 元 decided (None: renminbi)."""
    masked = _mask(body)
    figures: list[Figure] = []
    for finder in (_dates, _percents_cn, _vague_idioms, _numbers):
        found = finder(doc_id, body, masked, published, yuan)
        masked = _blank(masked, found)
        figures += found
    figures.sort(key=lambda f: f.start_pos)
    _add_context(body, figures, yuan)
    return figures


def local_currency(body: str, script: str | None) -> str | None:
    """The currency of a bare 元 in this document when it is not renminbi (TWD in Taiwanese text), else None."""
    local = rules().local
    currency = local["scripts"].get(script or "")
    return None if currency is None or any(word in body for word in local["unless"]) else currency


def _mask(body: str) -> str:
    """The body with URLs, numeral idioms and names blanked out and full-width digits made ASCII (same length)."""
    r = rules()
    blank = lambda m: BLANK * len(m.group())  # noqa: E731
    text = body.translate(FULL_WIDTH) if FULL_WIDTH_RE.search(body) else body
    text = text.replace("○", "〇")  # ○ for 〇 (二○一三年)
    text = URL.sub(blank, text) if URL_HINT.search(text) else text
    return r.idioms.sub(lambda m: _idiom_blanked(text, m), text)


def _idiom_blanked(text: str, m: re.Match) -> str:
    """An idiom blanked out, unless a numeral runs into it (万一 in 八万一千 is no idiom)."""
    glued = m.start() > 0 and text[m.start() - 1] in DIGIT_CHARS
    return m.group() if glued else BLANK * len(m.group())


def _blank(masked: str, figures: list[Figure]) -> str:
    """The text with the figures' spans blanked out, so later finders skip them."""
    pieces, at = [], 0
    for fig in sorted(figures, key=lambda f: f.start_pos):
        pieces += [masked[at : fig.start_pos], BLANK * (fig.end_pos - fig.start_pos)]
        at = fig.end_pos
    return "".join(pieces) + masked[at:]


def _number(text: str) -> Decimal:
    """The value of a numeral (Arabic, Chinese or mixed as 1万4000; vague heads 数/几/上 read as one; 两三 as two)."""
    text = NUMERAL_SEPARATORS.sub("", text)
    if PLAIN_NUMBER.fullmatch(text):
        return Decimal(text)  # the common case, without cn2an
    if text == rules().words["half"]:
        return Decimal("0.5")
    if text[0].isdigit():  # 1万4000: each part times its magnitude
        magnitudes = rules().multipliers
        return sum(Decimal(d) * magnitudes.get(m, 1) for d, m in COMPOUND_PART.findall(text))
    pair = rules().pairs.match(text)
    if pair:
        text = text[0] + text[2:]  # 两三个: two; 三四十万: 三十万
    text = rules().vague.sub("一", text)
    text = re.sub(r"^(?=[百千万亿])", "一", text)  # 近百名: one hundred
    import cn2an  # here, not on top: only pool workers read Chinese numerals, and cn2an costs 0.2 s to import

    return Decimal(str(cn2an.cn2an(text, "smart")))


def _fmt(value: Decimal) -> str:
    """A plain decimal string without exponent or trailing zeros."""
    return format(value.normalize(), "f")


# ---------------------------------------------------------------- dates


def _dates(doc_id: str, body: str, masked: str, published: date | None, yuan: str | None) -> list[Figure]:
    out: list[Figure] = []
    last_year: tuple[int, int] | None = None  # (year, end offset) of the previous date
    last_day: tuple[int, str | None] | None = None  # (end offset, normalized) of the previous date naming a day
    roc_local = yuan == rules().words["roc_years"]["local"]
    for m in rules().date.finditer(masked):
        if m["yrel"] and not (m["q"] or m["m"] or (m["half"] and rules().words["relative_half_years"])):
            continue  # bare 今年/去年, 今年上半年: no figure
        if m["rocl"] and not roc_local:
            continue  # 86年12月 outside Taiwanese text: no reading
        if m["sm"] and not _slash_date(masked, m):
            continue  # 6/28 in brackets after no day word: a fraction, a score
        inherited = last_year[0] if last_year and not SENTENCE_END.search(masked, last_year[1], m.start()) else None
        if inherited is None and last_year and m["bm"] and _still_to_come(published, m["bm"], m["bd"], last_year[0]):
            inherited = last_year[0]  # a past year's story told month by month (2017年10月17日……10月19日)
        if inherited is None and last_year and m["bm"] and published is None:
            inherited = last_year[0]  # no publication date: the year the text last named (2012年7月16日……7月17日)
        listed = bool(m["dd"]) and last_day is not None and _day_listed(masked, last_day[0], m.start())
        try:
            if listed:
                normalized, year = _listed_day(last_day[1], m["dd"]), None
            else:
                normalized, year = _date_normalized(m, published, inherited)
        except UNREADABLE:
            continue
        if m["dd"] and normalized is None and not listed:
            continue  # a bare day with no publication date to anchor it: no reading
        if m["iso"] or m["d"] or m["bd"] or m["dd"] or m["sd"]:
            last_day = (m.end(), normalized)
        if year is not None:
            last_year = (year, m.end())
        start, end = m.span()
        out.append(Figure(doc_id, "date", body[start:end], None, None, normalized, False, start, end))
    return out


def _slash_date(masked: str, m: re.Match) -> bool:
    """A slash date (6/28) in brackets right after a day word (今天（6/28）), or before a time of day (6/20清晨)."""
    if not masked.startswith(("）", ")"), m.end()):
        return True  # the pattern's other context: a time of day follows
    before = masked[: m.start()]
    return before.endswith(("（", "(")) and before[:-1].endswith(tuple(rules().words["slash_dates"]["day_words"]))


def _day_listed(masked: str, day_end: int, start: int) -> bool:
    """Whether only a list joiner (、, 至, 和 ...) stands between a dated day ending at `day_end` and `start`."""
    return start - day_end <= 3 and rules().day_list_gap.fullmatch(masked, day_end, start) is not None


def _listed_day(first: str | None, day: str) -> str | None:
    """A bare day listed after a dated one (2015年8月20日、21日): the first's year and month with this day; None
    when the first has no year (7月3日至11日 without a year) or the day is not after the first's (a month's end)."""
    if first is None or len(first) != len("YYYY-MM-DD") or int(day) <= int(first[8:]):
        return None
    return _year_month_day(int(first[:4]), first[5:7], day)


def _still_to_come(published: date | None, month: str, day: str | None, earlier_year: int) -> bool:
    """A month-day that would fall after publication in its year, in a text that named an earlier year before it."""
    if not published or earlier_year >= published.year:
        return False
    normalized = _year_month_day(published.year, month, day)
    return normalized is not None and normalized > published.isoformat()[: len(normalized)]


def _date_normalized(m: re.Match, published: date | None, inherited: int | None) -> tuple[str | None, int | None]:
    """(normalized text, year) of a date match; (None, None) when nothing anchors it."""
    if m["iso"]:
        y, mo, d = (int(x) for x in re.split(r"[-/.]", m["iso"]))
        return (f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None), y
    if m["bm"] or m["bq"] or m["sm"]:  # a month or quarter without a year: the sentence's year, else publication's
        year = inherited if inherited is not None else (published.year if published else None)
        if m["bq"]:
            return (_year_quarter(year, m["bq"]) if year is not None else None), year
        return _year_month_day(year, m["bm"] or m["sm"], m["bd"] or m["sd"]), year
    if m["yl"]:
        return m["yl"], int(m["yl"])
    if m["rel"]:
        return _day_in_brackets(published, m["rel"], m["rd"])
    if m["dd"]:
        return _bare_day(published, int(m["dd"]))
    if m["yb"]:
        year = int(m["yb"])  # 去年（2014）: the year the text gives in brackets
    elif m["yrel"]:
        if not published:
            return None, None
        year = published.year + rules().words["relative_years"][m["yrel"]]
    elif m["roc"] or m["rocl"]:
        year = int(_number(m["roc"] or m["rocl"])) + rules().words["roc_years"]["offset"]
    else:
        year = int(m["y4"]) if m["y4"] else int(_number(m["ycn"]))
    if m["q"]:
        return _year_quarter(year, m["q"]), year
    if m["m"]:
        return _year_month_day(year, m["m"], m["d"]), year
    return f"{year:04d}", year  # a year, or a half year (the narrowest contract format holding it)


def _day_in_brackets(published: date | None, word: str, day: str) -> tuple[str | None, int | None]:
    """今（21）日: the day of the month named, in the month of the day the word points to (today, yesterday ...)."""
    if not published:
        return None, None
    anchor = date.fromordinal(published.toordinal() + rules().words["day_in_brackets"][word])
    normalized = _year_month_day(anchor.year, str(anchor.month), day)
    return normalized, anchor.year


def _bare_day(published: date | None, day: int) -> tuple[str | None, int | None]:
    """16日 in a news report: that day of the publication month, or of the month before when it is still to come."""
    if not published:
        return None, None
    year, month = (published.year, published.month) if day <= published.day else _month_before(published)
    return _year_month_day(year, str(month), str(day)), year


def _month_before(when: date) -> tuple[int, int]:
    return (when.year, when.month - 1) if when.month > 1 else (when.year - 1, 12)


def _year_quarter(year: int, quarter: str) -> str:
    """YYYY-Qn of a quarter written 第一季度, 一季度, 首季, Q1 ..."""
    return f"{year:04d}-Q{int(_number(re.sub(r'[第季度Qq]', '', quarter).replace('首', '一')))}"


def _valid(y: int, mo: int, d: int | None = None) -> bool:
    return 1 <= mo <= 12 and (d is None or 1 <= d <= calendar.monthrange(y, mo)[1])


def _year_month_day(year: int | None, month: str, day: str | None) -> str | None:
    if year is None:
        return None
    mo = int(_number(month))
    d = int(_number(day)) if day else None
    if not _valid(year, mo, d):
        return None
    return f"{year:04d}-{mo:02d}" + (f"-{d:02d}" if d else "")


# ---------------------------------------------------------------- numbers


def _percents_cn(doc_id: str, body: str, masked: str, published: date | None, yuan: str | None) -> list[Figure]:
    """Percentages said in words: 百分之十五, fractions (三分之二 = 66.7%), halves (一半, 近半 = 50%)."""
    halves = rules().words_units["half_percent"]
    out = []
    for m in rules().percent_cn.finditer(masked):
        try:
            value = _percent_value(m)
        except UNREADABLE:
            continue
        start, end = m.span()
        approx = bool(m["pre"] or m["post"] or m["halfword"] in halves["approx"])
        out.append(Figure(doc_id, "percent", body[start:end], float(value), "%", f"{_fmt(value)}%", approx, start, end))
    return out


def _percent_value(m: re.Match) -> Decimal:
    """The percentage a 百分之 phrase, a fraction or a half word says."""
    if m["halfword"]:
        return Decimal(50)
    if m["den"]:
        return _number(m["part"]) * 100 / _number(m["den"])
    if m["sn"]:  # 1/3 after a word of share
        if int(m["sn"]) >= int(m["sdn"]):
            raise ValueError("not a share")  # 3/2: no fraction of a whole
        return Decimal(m["sn"]) * 100 / Decimal(m["sdn"])
    return _number(m["num"]) * Decimal(str(rules().percent_scale[m["scale"]]))


def _vague_idioms(doc_id: str, body: str, masked: str, published: date | None, yuan: str | None) -> list[Figure]:
    """数以千计 and the like: an approximate count of the lower bound."""
    values = rules().words["vague_idioms"]
    return [
        _figure(doc_id, "count", m.group(), Decimal(values[m.group()]), None, True, m.start(), m.end())
        for m in rules().vague_idioms.finditer(masked)
    ]


def _numbers(doc_id: str, body: str, masked: str, published: date | None, yuan: str | None) -> list[Figure]:
    out = []
    for m in rules().number.finditer(masked):
        try:
            out += _number_figures(doc_id, body, masked, m, yuan)
        except UNREADABLE:
            continue
    return _compound_durations(body, out)


def _compound_durations(body: str, figures: list[Figure]) -> list[Figure]:
    """A duration right followed by one in a smaller unit is one duration in that unit (4年4个月 = 52 月)."""
    table = rules().words_units["compound_durations"]
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        glued = prev is not None and prev.kind == fig.kind == "duration" and prev.end_pos == fig.start_pos
        factor = table.get(prev.unit, {}).get(fig.unit) if glued else None
        if not factor:
            out.append(fig)
            continue
        value = Decimal(str(prev.value)) * factor + Decimal(str(fig.value))
        surface = body[prev.start_pos : fig.end_pos]
        approx = prev.approx or fig.approx
        out[-1] = _figure(fig.doc_id, "duration", surface, value, fig.unit, approx, prev.start_pos, fig.end_pos)
    return out


def _kind(m: re.Match, yuan: str | None) -> tuple[str, str | None] | None:
    """(kind, unit) of a number match, None when it is not a figure; `yuan`: the currency of a bare 元."""
    r = rules()
    unit = m["unit"]
    if m["num"] == r.words["half"] and unit not in r.durations and unit not in r.words["half_units"]:
        return None
    if m["cur"]:
        return "money", r.currency_prefix[m["cur"]]
    if unit in r.currency_suffix and not _counts_pieces(m):
        return "money", yuan if yuan and unit in r.local["words"] else r.currency_suffix[unit]
    if unit in r.subunits:
        local = yuan if yuan and unit in r.local["words"] else None
        return None if _counts_pieces(m) else ("money", local or r.subunits[unit][0])
    if not unit and {m["mult"], m["lomult"]} & r.unit_only_multipliers:
        return None  # 100兆带宽: 兆 is a trillion only before a unit (1兆元, 1兆次)
    if not _unit_fits(m):
        return None
    if unit in r.tenths and m["mult"]:
        return None  # 4000万成…: not tenths
    if unit in r.decades:
        return "count", r.decades[unit]
    if unit in r.percent_words:
        return "percent", "%"
    if unit in r.durations:
        return None if _names_a_period(m) else ("duration", r.durations[unit][0])
    if unit in r.measure_words:
        bare = m["num"] in r.words["reject_bare_numerals"] and not (m["mult"] or m["inf"] or m["inf2"])
        bare = bare and m["post"] not in r.words["one_counts_before"]
        bare = bare and not m.string.endswith(tuple(r.words["one_counts_after"]), 0, m.start("num"))
        rank = unit in r.words["sibling_ranks"] and not ARABIC_DIGIT.search(m["num"]) and m["num"] != "两"
        cohort = unit in r.words["cohort_units"] and YEAR_DIGITS.fullmatch(m["num"]) is not None  # 2013届
        return None if bare or rank or cohort or _pair_reference(m) else ("count", unit)
    magnitude = m["mult"] or MAGNITUDE_CHAR.search(m["num"])
    qualified = (m["pre"] or m["inf"]) and not CN_DIGIT.search(m["num"])  # 近百, 万余, 千余 (a magnitude, qualified)
    return ("count", None) if magnitude or qualified else None


def _pair_reference(m: re.Match) -> bool:
    """两人 referring back to two people named before (两人交往三年): no count, unless a word that introduces a number
    of people comes right before it (造成两人死亡) or a qualifier or range goes with it."""
    pair = rules().words["pair_reference"]
    if m["num"] not in pair["numerals"] or m["unit"] not in pair["units"] or m["pre"] or m["lo"] or m["mult"]:
        return False
    return not m.string.endswith(tuple(pair["counts_after"]), 0, m.start("num"))


def _names_a_period(m: re.Match) -> bool:
    """一 and a time unit after 前/这/那/新 ... (前一天, 这一年, 新一年): a moment or a period named, no duration."""
    one = m["num"] == "一" and not (m["mult"] or m["inf"] or m["inf2"] or m["pre"])
    return one and m.string.endswith(tuple(rules().words["one_period_after"]), 0, m.start("num"))


def _bare_amount(masked: str, m: re.Match) -> bool:
    """A plain number of three or more digits right after a money word, alone or in a list of such numbers
    (被骗金额有9800，19800，39800不等): an amount in the document's currency."""
    if m["unit"] or m["mult"] or m["cur"] or m["lo"] or not BARE_AMOUNT.fullmatch(m["num"]):
        return False
    start = max(masked.rfind("\n", 0, m.start()) + 1, m.start() - rules().words["bare_list_window"])
    cues = list(_money_words().finditer(masked, start, m.start()))
    return bool(cues) and AMOUNT_LIST_GAP.fullmatch(masked, cues[-1].end(), m.start()) is not None


def _counts_pieces(m: re.Match) -> bool:
    """A colloquial money word that counts pieces here (两块肋骨, 二十块以上): money only before 钱 or a clause end
    (7块，, 8块多钱, 四百块。)."""
    words = rules().words
    after = words["colloquial_money"].get(m["unit"])
    if after is None:
        return False
    if m["post"] and m["post"] not in words["colloquial_money_post"]:
        return True
    if m["num"] in words["reject_bare_numerals"] and not m.string.startswith(tuple(after), m.end()):
        return True  # 很大一块，: a piece (一块钱 is money)
    rest = m.string[m.end() : m.end() + 1]
    ends = rest == "" or rest in words["clause_delimiters"] or rest in words["colloquial_money_closers"]
    return not (ends or m.string.startswith(tuple(after), m.end()))


def _unit_fits(m: re.Match) -> bool:
    """A unit that needs a word after it has it (6.0级地震); index points are no clock times (10400点, not 3点)."""
    words = rules().words
    unit = m["unit"]
    needed = words["unit_needs_after"].get(unit)
    if needed and not m.string.startswith(tuple(needed), m.end("unit")):
        return False
    point = words["index_point"]
    digits = THOUSANDS_SEPARATORS.sub("", m["num"])  # 10,360点
    level = (digits.isdigit() and int(digits) >= point["min"]) or digits in words["index_point_magnitudes"]
    return unit != point["unit"] or "." in digits or level


def _is_name_part(masked: str, m: re.Match) -> bool:
    """A number glued to Latin letters, digits or a hyphen (GPT-4, A100, E2, 3D) or after an ordinal word."""
    start = m.start()
    if start and NAME_GLUE.match(masked, start - 1) and not m["cur"]:
        return True
    after_num = masked[m.end("num")] if m.end("num") < len(masked) else ""
    if LATIN_LETTER.match(after_num) and not m["unit"]:
        return True
    words = rules().words
    if start >= 2 and masked[start - 1] == words["tenths_tail_after"] and ARABIC_DIGIT.match(masked, start - 2):
        return True  # 7成5: the tenths figure's second digit
    if _grade_or_rank(masked, m):
        return True  # 小六, 老两口: a grade, a rank or a nickname
    unless = words["reject_before_unless"]
    only_one = words["reject_before_only_one"]
    return not m["pre"] and any(
        masked.endswith(w, 0, start)
        and masked[start - len(w) - 1 : start - len(w)] not in unless.get(w, ())
        and (w not in only_one or m["num"] == "一")
        for w in words["reject_before"]
    )


def _grade_or_rank(masked: str, m: re.Match) -> bool:
    """A one-character Chinese numeral glued after 小/老 (小六女, 老两口, 老四): a grade, a rank or a nickname."""
    grade = rules().words["grade_or_rank_before"]
    start = m.start("num")
    if len(m["num"]) != 1 or ARABIC_DIGIT.match(m["num"]) or m["pre"] or m["inf"]:
        return False
    if m["unit"] in grade["units_counted"]:
        return False
    word = next((w for w in grade["words"] if masked.endswith(w, 0, start)), None)
    return word is not None and not masked.endswith(tuple(grade["not_after"]), 0, start - len(word))


def _number_figures(doc_id: str, body: str, masked: str, m: re.Match, yuan: str | None) -> list[Figure]:
    r = rules()
    vague = r.vague.match(m["num"]) is not None or r.pairs.match(m["num"]) is not None
    half = m["num"] == r.words["half"]
    magnitude_only = not (CN_DIGIT.search(m["num"]) or half)
    spelled = len(m["num"]) > 1 or m["inf"] or m["post"] in r.words["approx_suffix"]
    glued = m["pre"] and m.start() and masked[m.start() - 1] in r.words["not_approx_after"].get(m["pre"], "")
    index_level = m["unit"] == r.words["index_point"]["unit"] and m["num"] in r.words["index_point_magnitudes"]
    qualified = (m["pre"] and not glued) or (spelled and (m["unit"] or m["inf"]))
    amount = m["unit"] in r.currency_suffix and m["num"] in r.words["magnitude_amounts"]  # 连万元都不到
    measure = m["num"] in r.words["magnitude_counts"].get(m["unit"], ())  # 千亩, 百米
    if magnitude_only and not (vague or qualified or index_level or amount or measure):
        return []  # 百/千/万/亿 alone (百度, 亿万); 百万美元, 百余人, 百名以上, 过亿 are figures
    typed = _kind(m, yuan)
    if typed is None and _bare_amount(masked, m):
        typed = ("money", yuan or r.currency_suffix["元"])
    if typed is None or _is_name_part(masked, m):
        return []
    kind, unit = typed
    start, end = m.start(), m.end()
    signed = m["neg"] is not None and kind in SIGNED_KINDS
    if m["neg"] and not signed and start == m.start("neg"):
        start = m.end("neg")  # a dash before a count or duration is no minus sign (a list item)
    if m["lead"] and kind != "duration":
        start = m.end("lead")  # 前10名: a rank, the count alone
    approx = bool(m["pre"] or m["inf"] or m["inf2"] or vague)
    if m["pre"] and start and masked[start - 1] in r.words["not_approx_after"].get(m["pre"], ""):
        start, approx = m.end("pre"), bool(m["inf"] or m["inf2"])  # 最近3年: 近 belongs to 最近
    if m["post"] in r.words["approx_suffix"] or "多" in (m["unit"] or ""):  # 3个多月
        approx = True
    elif m["post"] and kind != "duration":
        end = m.end("unit") if m["unit"] else m.start("post")
    halves = kind == "duration" or m["unit"] in r.words["half_units"]
    if m["half"] and not halves:
        end = m.end("unit")  # 3个半: a half only lengthens a duration or an age (一年半, 2岁半)
    cold = _below_zero(masked, m, start)
    start, end = _trimmed(body, start - len(cold), end)
    tens = m["unit"] in r.tenths or m["unit"] in r.decades
    scale = r.multipliers.get(m["mult"], 1) * (10 if tens else 1) * r.subunits.get(m["unit"], ("", 1))[1]
    value = _number(m["num"]) * scale
    if m["half"] and halves:
        value += Decimal("0.5")
    tenths = _spoken_decimals(masked, m) if not (m["half"] or m["post"] or m["mult"]) else None
    if tenths:  # 1米6: 1.6 metres
        value += Decimal(f"0.{tenths.group()}")
        end = tenths.end()
    if signed or cold:
        value = -value
    if _joined_pair(m):  # 五、六千, 三、四成: the lower one of a vague range
        lower = _number(m["lo"] + m["num"][1:]) * scale
        return [_figure(doc_id, kind, body[start:end], lower, unit, True, start, end)]
    fig = _figure(doc_id, kind, body[start:end], value, unit, approx, start, end)
    listed = _listed_before(doc_id, body, masked, m.start("lo") if m["lo"] else start, kind, unit, scale)
    if not m["lo"]:
        return [*listed, fig]
    lo_mult = m["lomult"] or m["mult"]
    lo_value = _number(m["lo"]) * r.multipliers.get(lo_mult, 1)
    if m["sep"] == "、" and not lo_mult and re.fullmatch(r"\d", m["lo"]) and re.fullmatch(r"\d0+", m["num"]):
        lo_value *= 10 ** (len(m["num"]) - 1)  # 7、8000元: seven to eight thousand
    lo_end = m.end("lomult") if m["lomult"] else m.end("lo")
    fig.start_pos = m.start("cur") if m["cur"] else m.start("neg" if signed else "num")
    fig.surface = body[fig.start_pos : fig.end_pos]
    lo = _figure(doc_id, kind, body[start:lo_end], lo_value, unit, approx, start, lo_end)
    return [*listed, lo, fig]


def _listed_before(
    doc_id: str, body: str, masked: str, start: int, kind: str, unit: str | None, scale: Decimal
) -> list[Figure]:
    """Plain numbers listed with 、 (the last one with 及/和) right before a figure share its unit (18、17、15、12岁,
    14、11及4岁)."""
    joiners = rules().words["list_joiners"]
    if kind not in rules().words["list_kinds"] or not masked.endswith(tuple(joiners), 0, start):
        return []
    window = masked[max(0, start - LIST_WINDOW) : start]
    items = _listed_re().search(window)
    if items is None:
        return []
    offset = start - len(window) + items.start()
    if any(masked.endswith(word, 0, offset) for word in rules().words["reject_before"]):
        return []  # 第1、2、3名: ranks
    spans = [(offset + n.start(), offset + n.end()) for n in PLAIN_NUMBER.finditer(items.group())]
    return [_figure(doc_id, kind, body[s:e], _number(masked[s:e]) * scale, unit, False, s, e) for s, e in spans]


@cache
def _listed_re() -> re.Pattern[str]:
    return re.compile(LIST_ITEMS.format(joiners=_alt(rules().words["list_joiners"])))


def _joined_pair(m: re.Match) -> bool:
    """Two adjacent Chinese numerals joined by 、 (五、六千 = 五六千): a vague range, not two figures."""
    joined = m["lo"] and len(m["lo"]) == 1 and not m["lomult"] and m["sep"] in rules().words["pair_joiners"]
    return bool(joined) and rules().pairs.fullmatch(m["lo"] + m["num"][:1]) is not None


def _below_zero(masked: str, m: re.Match, start: int) -> str:
    """零下 right before a temperature (零下40度): the word, else ''."""
    cold = rules().words_units["below_zero"]
    word = cold["word"]
    return word if m["unit"] in cold["units"] and masked.endswith(word, 0, start) else ""


def _spoken_decimals(masked: str, m: re.Match) -> re.Match | None:
    """The digits said after a unit as its decimals (1米6, 1米75: a height), when nothing that counts follows them."""
    if m["unit"] not in rules().words["spoken_decimals"] or not ARABIC_DIGIT.fullmatch(m["num"] or ""):
        return None
    return SPOKEN_DECIMALS.match(masked, m.end("unit"))


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _figure(
    doc_id: str, kind: str, surface: str, value: Decimal, unit: str | None, approx: bool, start: int, end: int
) -> Figure:
    if kind == "duration":
        designator = dict(rules().durations.values())[unit]
        normalized = (
            f"PT{_fmt(value)}{designator[0]}" if designator in ("H", "MIN", "S") else f"P{_fmt(value)}{designator}"
        )
    elif kind == "percent":
        normalized = f"{_fmt(value)}%"
    else:
        normalized = f"{_fmt(value)} {unit}" if unit else _fmt(value)
    return Figure(doc_id, kind, surface, float(value), unit, normalized, approx, start, end)


# ---------------------------------------------------------------- context


def _clause(delimiters: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """Bounds of the clause (between delimiters such as ，。；) around a span, from sorted delimiter offsets."""
    i = bisect.bisect_left(delimiters, start)
    j = bisect.bisect_left(delimiters, end)
    return (delimiters[i - 1] + 1 if i else 0), (delimiters[j] if j < len(delimiters) else length)


def _add_context(body: str, figures: list[Figure], yuan: str | None = None) -> None:
    """Set sentence and clause bounds, metric and period, and where the figure's antecedent is looked for."""
    r = rules()
    sentences = split_sentences(body)
    ends = [end for _, end in sentences]
    delimiters = [m.start() for m in r.clause.finditer(body)]
    index: dict[int, int] = {}  # figure start -> index of its sentence
    for fig in figures:
        i = bisect.bisect_right(ends, fig.start_pos)
        if i < len(sentences) and sentences[i][0] <= fig.start_pos:
            fig.sentence_start, fig.sentence_end = sentences[i]
            index[fig.start_pos] = i
    _add_metrics(body, figures, delimiters, yuan)
    refers_back: dict[int, bool] = {}  # sentence index -> it holds an anaphor (该公司, 这家…)
    for fig in figures:
        i = index.get(fig.start_pos)
        if i is None or fig.kind == "date":
            continue
        if i not in refers_back:
            refers_back[i] = r.anaphors.search(body, *sentences[i]) is not None
        if refers_back[i] or (fig.metric in r.subject_metrics and not _metric_word_before(body, fig)):
            fig.antecedent_start = _look_back_start(body, sentences, i, r.antecedent_sentences, refers_back[i])


def _metric_word_before(body: str, fig: Figure) -> bool:
    """Whether a word of the figure's metric comes before it in its sentence (社会融资规模为…, 总市值约…): the
    sentence's own subject, not a company's attribute with the company left out (巅峰时15亿美元的估值)."""
    r = rules()
    words = r.cues.finditer(body, fig.sentence_start, fig.start_pos)
    return any(r.cue_metric[m.group()] == fig.metric for m in words)


def _look_back_start(body: str, sentences: list[tuple[int, int]], i: int, most: int, across: bool) -> int:
    """Start of the earliest of the `most` sentences before sentence i (in its paragraph unless `across`): where
    its antecedent is looked for; sentence i's own start when there is none."""
    first = i
    while first > max(i - most, 0) and (across or "\n" not in body[sentences[first - 1][1] : sentences[first][0]]):
        first -= 1
    return sentences[first][0]


def _add_metrics(body: str, figures: list[Figure], delimiters: list[int], yuan: str | None) -> None:
    """Set clause bounds, metric and period (from cue words around; conversions inherit)."""
    previous_money: Figure | None = None
    previous_priced: Figure | None = None  # the last amount of money with a currency
    newlines = [m.start() for m in re.finditer("\n", body)]
    next_priced = _next_priced(figures)
    for i, fig in enumerate(figures):
        clause = _clause(delimiters, fig.start_pos, fig.end_pos, len(body))
        fig.clause_start = clause[0]
        if fig.kind in ("date", "duration"):
            continue
        if fig.kind == "count" and fig.unit is None:
            _money_by_link(body, fig, figures[max(i - 1, 0) : i + 2])
        if fig.kind == "count" and fig.unit is None:
            line = _line(newlines, fig, len(body))
            around = (previous_priced, next_priced[i + 1])
            priced = [f for f in around if f and line[0] <= f.start_pos < line[1]]
            _money_by_context(body, fig, priced, line[0], clause, yuan)
        fig.metric = _metric(body, fig, clause)
        if fig.kind == "money":
            fig.period = _period(body, fig, clause[0])
            if previous_money and CONVERSION_GAP.fullmatch(body, previous_money.end_pos, fig.start_pos):
                fig.metric, fig.period = previous_money.metric, previous_money.period
            previous_money = fig
            previous_priced = fig if fig.unit else previous_priced


def _next_priced(figures: list[Figure]) -> list[Figure | None]:
    """For each index, the first amount of money with a currency at or after it (one more entry, None, at the end)."""
    following: list[Figure | None] = [None] * (len(figures) + 1)
    for i in range(len(figures) - 1, -1, -1):
        fig = figures[i]
        following[i] = fig if fig.kind == "money" and fig.unit else following[i + 1]
    return following


def _line(newlines: list[int], fig: Figure, length: int) -> tuple[int, int]:
    """Bounds of the figure's line, from sorted newline offsets."""
    i = bisect.bisect_left(newlines, fig.start_pos)
    j = bisect.bisect_left(newlines, fig.end_pos)
    return (newlines[i - 1] + 1 if i else 0), (newlines[j] if j < len(newlines) else length)


def _money_by_context(
    body: str, fig: Figure, near: list[Figure], line_start: int, clause: tuple[int, int], yuan: str | None = None
) -> None:
    """A bare magnitude next to a money cue (以10亿的估值) is money, in the currency of its sentence or paragraph;
    right after a money word (诈骗4.4多亿, 开价425万) it is money in the document's currency. `near` holds the
    nearest amounts with a currency on its line, one before and one after it at most (the nearest in its sentence,
    when there is one, is among them: a sentence is a run of text)."""
    if near and _nearest_cue(body, "money", fig, clause) is not None:
        same_sentence = [f for f in near if f.sentence_start == fig.sentence_start] or near
        unit = min(same_sentence, key=lambda f: abs(f.start_pos - fig.start_pos)).unit
    elif _after_money_word(body, fig, line_start):
        unit = yuan or rules().currency_suffix["元"]
    else:
        return
    fig.kind = "money"
    fig.unit = unit
    fig.normalized = f"{fig.normalized} {fig.unit}"


def _money_by_link(body: str, fig: Figure, neighbours: list[Figure]) -> None:
    """A bare magnitude tied by a word of `amount_links` to the amount of money right before or after it (将285万写成
    2850元) is money in that amount's currency."""
    for other in neighbours:
        if other.kind != "money" or not other.unit:
            continue
        gap = (fig.end_pos, other.start_pos) if other.start_pos >= fig.end_pos else (other.end_pos, fig.start_pos)
        if _amount_link().fullmatch(body, *gap):
            fig.kind, fig.unit = "money", other.unit
            fig.normalized = f"{fig.normalized} {fig.unit}"
            return


@cache
def _amount_link() -> re.Pattern[str]:
    return re.compile(rf"{SPACE}(?:{_alt(rules().words['amount_links'])}){SPACE}")


@cache
def _money_words() -> re.Pattern[str]:
    return re.compile(_alt(rules().words["bare_money_cues"]))


def _after_money_word(body: str, fig: Figure, line_start: int) -> bool:
    """A money word (figures.yaml bare_money_cues) in the few characters before the figure, on its line."""
    start = max(line_start, fig.start_pos - rules().words["bare_money_window"])
    return _money_words().search(body, start, fig.start_pos) is not None


def _period(body: str, fig: Figure, clause_start: int) -> str | None:
    """The period of a per-period amount: a marker right after it (5000元/月), else the last one before it."""
    r = rules()
    after = r.period_suffix.match(body, fig.end_pos)
    if after:
        return r.words["period_suffixes"][after["unit"]]
    before = list(r.periods.finditer(body, clause_start, fig.start_pos))
    return r.words["periods"][before[-1].group()] if before else None


def _metric(body: str, fig: Figure, clause: tuple[int, int]) -> str | None:
    """What a figure measures: a unit after it (6万元/吨) or a cue opening its clause (，报55港元), else the
    nearest cue in its clause, else (money) the last cue before it in its sentence, else the default of its kind."""
    r = rules()
    per = r.per_suffix.match(body, fig.end_pos)
    opener = r.per_metric[per["noun"]] if per else r.opener_metric.get(body[clause[0] : fig.start_pos].strip())
    if opener and fig.kind in r.metric_kinds[opener]:
        return opener
    in_sentence = fig.kind in r.words["metric_from_sentence"] and fig.sentence_start is not None
    return (
        _nearest_cue(body, fig.kind, fig, clause)
        or (_nearest_cue(body, fig.kind, fig, (fig.sentence_start, fig.start_pos)) if in_sentence else None)
        or r.default_metric.get(fig.kind)
    )


def _nearest_cue(body: str, kind: str, fig: Figure, span: tuple[int, int]) -> str | None:
    """The metric of the cue word nearest to the figure within the span, among metrics of this kind."""
    r = rules()
    best: tuple[int, str] | None = None
    for cue in r.cues.finditer(body, *span):
        metric = r.cue_metric[cue.group()]
        if kind not in r.metric_kinds[metric]:
            continue
        # 0 when the cue is part of the figure (13.4亿用户)
        distance = max(fig.start_pos - cue.end(), cue.start() - fig.end_pos, 0)
        if best is None or distance < best[0]:
            best = (distance, metric)
    return best[1] if best else None
