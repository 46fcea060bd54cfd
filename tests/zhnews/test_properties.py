"""Random Unicode thrown at the cleaning and extraction functions: they never raise, outputs keep the schemas."""

import json
from datetime import date, datetime

import pandas as pd
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews import schemas
from zhnews.aliases import load_alias_config, resolve_entities
from zhnews.clean import clean_batch
from zhnews.entities import extract_mentions
from zhnews.figures import extract_figures
from zhnews.ingest import parse_seed
from zhnews.records import CleanDocument, RawDocument, Refusal

NEWSY = list(
    "华为腾讯公司集团记者编辑报道来源新华社北京上海张王李先生女士表示称宣布发布"
    "一二三四五六七八九十百千万亿零两点元美元人民币%％年月日季度上半周第约近超过多余不到以上"
    "0123456789.,，。、：:；！？（）()《》「」“”-—/ \n\t　"
    "ABCXYZabcxyz@#*_[]<>!~"
)
TEXT = st.text(alphabet=st.one_of(st.sampled_from(NEWSY), st.characters(exclude_categories=("Cs",))), max_size=300)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "big5", "cp950"])
NAMES = st.sampled_from(["a.txt", "子目录/新闻 一.md", "page.html", "x/y.htm", "notes.markdown"])
DATES = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOC_ID = "0123456789abcdef"
META_KEYS = ["title", "outlet", "date", "author", "url"]


def assert_valid(frame: pd.DataFrame, schema) -> None:
    failing = schemas.invalid_rows(frame, schema)
    assert not failing, f"{schema.name}: {failing} in {frame.head(3).to_dict('records')}"


def assert_refusals_readable(refusals: list[Refusal]) -> None:
    frame = pd.DataFrame([vars(r) for r in refusals], columns=["source_path", "stage", "reason"])
    frame["detected_at"] = pd.Series([datetime(2024, 1, 1)] * len(frame), dtype="datetime64[us]")
    assert_valid(frame.drop_duplicates(), schemas.QUARANTINE)


def raw_frame(doc: RawDocument) -> pd.DataFrame:
    row = {**vars(doc), "meta": json.dumps(doc.meta, ensure_ascii=False), "ingested_at": datetime(2024, 1, 1)}
    frame = pd.DataFrame([row])
    frame["ingested_at"] = frame["ingested_at"].astype("datetime64[us]")
    return frame


def cleaned_frame(docs: list[CleanDocument]) -> pd.DataFrame:
    rows = [{**vars(d), "removed": json.dumps(d.removed, ensure_ascii=False)} for d in docs]
    frame = pd.DataFrame(rows)
    frame["published_at"] = pd.to_datetime(frame["published_at"]).astype("datetime64[us]")
    return frame


def table_columns(schema) -> list[str]:
    """The schema's columns that the table itself has (not those a check joins in)."""
    return [name for name, column in schema.columns.items() if not (column.metadata or {}).get("joined")]


def raw(text: str, fmt: str = "txt", meta: dict | None = None) -> RawDocument:
    return RawDocument(DOC_ID, "a.txt", "0" * 32, fmt, "utf-8", text, meta or {}, len(text.encode()) + 1)


@SETTINGS
@given(name=NAMES, data=st.binary(max_size=2000))
def test_parse_seed_takes_any_bytes(name, data):
    result = parse_seed(name, data)
    assert_refusals_readable(result.refusals)
    if result.document is None:
        assert result.refusals
    else:
        assert_valid(raw_frame(result.document), schemas.RAW_DOCUMENTS)


@SETTINGS
@given(name=NAMES, text=TEXT, encoding=ENCODINGS, front=st.booleans())
def test_parse_seed_takes_any_text_in_any_encoding(name, text, encoding, front):
    if front:
        text = f"---\ntitle: {text[:20]}\n---\n{text}"
    result = parse_seed(name, text.encode(encoding, errors="ignore"))
    assert_refusals_readable(result.refusals)
    if result.document is not None:
        assert_valid(raw_frame(result.document), schemas.RAW_DOCUMENTS)


def front_matter(fields: dict[str, str]) -> str:
    return f"---\n{yaml.safe_dump(fields, allow_unicode=True)}---\n" if fields else ""


@SETTINGS
@given(
    name=NAMES, text=TEXT, fields=st.dictionaries(st.sampled_from(["title", "source", "date", "author", "url"]), TEXT)
)
def test_clean_batch_takes_whatever_ingest_gives(name, text, fields):
    document = parse_seed(name, (front_matter(fields) + text).encode()).document
    if document is None:
        return
    docs = clean_batch([document])
    assert len(docs) == 1
    kept = [d for d in docs if d.body.strip()]  # the asset quarantines an emptied body
    if kept:
        assert_valid(cleaned_frame(kept), schemas.CLEANED_DOCUMENTS)


@SETTINGS
@given(text=TEXT, fmt=st.sampled_from(schemas.FORMATS), meta=st.dictionaries(st.sampled_from(META_KEYS), TEXT))
def test_clean_batch_never_raises_on_any_text_and_header(text, fmt, meta):
    assert len(clean_batch([raw(text, fmt, meta)])) == 1


def body_of(text: str) -> str:
    """A body as documents holds it: paragraphs on single lines, none blank."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip()) or "空"


@SETTINGS
@given(text=TEXT, published=DATES)
def test_extract_figures_takes_any_body(text, published):
    body = body_of(text)
    figures = extract_figures([(DOC_ID, body, published)])
    frame = pd.DataFrame([vars(f) for f in figures]).reindex(columns=table_columns(schemas.FIGURES))
    frame = frame.assign(body=body, is_canonical=True, entity_type=None)
    frame = frame.astype({"value": float, "approx": bool, "start_pos": int, "end_pos": int})
    assert_valid(frame, schemas.FIGURES)


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=3))
def test_extract_mentions_and_resolve_take_any_bodies(texts):
    bodies = {f"{i:016x}": body_of(t) for i, t in enumerate(texts)}
    entities, mentions = resolve_entities(extract_mentions(list(bodies.items())), load_alias_config())
    entity_frame = pd.DataFrame([vars(e) for e in entities], columns=["entity_id", "name", "type", "aliases"])
    assert_valid(entity_frame, schemas.ENTITIES)
    types = dict(zip(entity_frame["entity_id"], entity_frame["type"], strict=True))
    mention_frame = pd.DataFrame([vars(m) for m in mentions], columns=table_columns(schemas.MENTIONS))
    mention_frame = mention_frame.astype({"start_pos": int, "end_pos": int})
    mention_frame = mention_frame.assign(
        body=mention_frame["doc_id"].map(bodies), is_canonical=True, entity_type=mention_frame["entity_id"].map(types)
    )
    assert_valid(mention_frame, schemas.MENTIONS)
