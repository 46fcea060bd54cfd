"""zhnews.schemas: each rule accepts valid rows, fires on the broken one, and says why."""

import subprocess
import sys
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from zhnews import schemas

BODY = "华为公司发布财报。\n营收增长10%，达到1.5亿美元。"
TITLE = "华为营收1.5亿美元"
A, B, C = "0123456789abcdef", "1123456789abcdef", "2123456789abcdef"


def raw_row(**change) -> dict:
    row = {
        "doc_id": A,
        "source_path": "子目录/新闻 1.txt",
        "content_hash": "0" * 32,
        "fmt": "txt",
        "encoding": "utf-8",
        "text": "标题\n正文。",
        "meta": '{"title": "标题"}',
        "size_bytes": 20,
        "ingested_at": datetime(2024, 1, 1, 12),
    }
    return {**row, **change}


def document_row(**change) -> dict:
    row = {
        "doc_id": A,
        "source_path": "a.txt",
        "title": "标题",
        "outlet": None,
        "authors": ["张三"],
        "url": "https://example.com/a?id=1",
        "published_at": date(2024, 3, 8),
        "published_precision": "day",
        "body": BODY,
        "cluster_id": A,
        "is_canonical": True,
    }
    return {**row, **change}


def cleaned_row(**change) -> dict:
    row = {k: v for k, v in document_row().items() if k not in ("cluster_id", "is_canonical")}
    row |= {"content_hash": "f" * 32, "editors": [], "script": "simplified", "removed": '{"footer": 12}'}
    return {**row, **change}


def mention_row(**change) -> dict:
    row = {
        "doc_id": A,
        "entity_id": "e1",
        "surface": "华为公司",
        "start_pos": 0,
        "end_pos": 4,
        "body": BODY,
        "is_canonical": True,
        "entity_type": "ORG",
    }
    return {**row, **change}


def figure_row(**change) -> dict:
    start = BODY.index("1.5亿美元")
    row = {
        "doc_id": A,
        "kind": "money",
        "surface": "1.5亿美元",
        "value": 150000000.0,
        "unit": "USD",
        "normalized": "150000000 USD",
        "approx": False,
        "metric": "revenue",
        "entity_id": None,
        "start_pos": start,
        "end_pos": start + len("1.5亿美元"),
        "field": "body",
        "body": BODY,
        "title": TITLE,
        "is_canonical": True,
        "entity_type": None,
    }
    return {**row, **change}


def title_figure_row(**change) -> dict:
    """The headline's 1.5亿美元: offsets into TITLE (at 4), where the body has it elsewhere (at 15)."""
    start = TITLE.index("1.5亿美元")
    return figure_row(**{"field": "title", "start_pos": start, "end_pos": start + len("1.5亿美元"), **change})


def quarantine_row(**change) -> dict:
    row = {"source_path": "x.txt", "stage": "ingest", "reason": "file is empty", "detected_at": datetime(2024, 1, 1)}
    return {**row, **change}


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for column in ("published_at", "ingested_at", "detected_at"):
        if column in out:
            out[column] = pd.to_datetime(out[column]).astype("datetime64[us]")
    for column in ("value",):
        if column in out:
            out[column] = out[column].astype(float)
    return out


def reasons(schema, *rows: dict) -> set[str]:
    """Every reason any row fails for (empty: the frame is valid)."""
    return {r for reason in schemas.invalid_rows(frame(*rows), schema).values() for r in reason.split("; ")}


@pytest.mark.parametrize(
    ("schema", "rows"),
    [
        (schemas.RAW_DOCUMENTS, [raw_row(), raw_row(doc_id=B, source_path="b.md", fmt="md", meta="{}")]),
        (schemas.CLEANED_DOCUMENTS, [cleaned_row()]),
        (schemas.CLEANED_DOCUMENTS, [cleaned_row(published_at=None, published_precision=None, url=None)]),
        (schemas.DOCUMENTS, [document_row(), document_row(doc_id=B, source_path="b.txt", is_canonical=False)]),
        (schemas.DOCUMENTS, [document_row(authors=np.array([], dtype=object), title=None)]),
        (schemas.DOCUMENTS, [document_row(published_at=date(2024, 3, 1), published_precision="month")]),
        (schemas.DOCUMENTS, [document_row(published_at=date(2024, 1, 1), published_precision="year")]),
        (
            schemas.DUPLICATES,
            [
                {"doc_id": A, "cluster_id": A, "is_canonical": True, "similarity": 1.0, "containment": 1.0},
                {"doc_id": B, "cluster_id": A, "is_canonical": False, "similarity": 0.8, "containment": 0.9},
            ],
        ),
        (schemas.ENTITIES, [{"entity_id": "e1", "name": "华为", "type": "ORG", "aliases": ["华为", "华为公司"]}]),
        (schemas.MENTIONS, [mention_row(), mention_row(surface="华为", end_pos=2, entity_id="e2")]),
        (schemas.FIGURES, [figure_row()]),
        (schemas.FIGURES, [figure_row(kind="date", value=None, unit=None, normalized="2024-Q1", metric=None)]),
        (schemas.FIGURES, [figure_row(kind="date", value=None, unit=None, normalized=None, metric=None)]),
        (schemas.FIGURES, [figure_row(kind="count", unit=None, metric=None)]),
        (schemas.FIGURES, [figure_row(entity_id="e1", entity_type="ORG")]),
        (schemas.FIGURES, [figure_row(), title_figure_row()]),
        (schemas.FIGURES, [figure_row(), figure_row(field="title", title=BODY)]),  # same offsets, other text
        (schemas.QUARANTINE, [quarantine_row(), quarantine_row(stage="clean")]),
    ],
)
def test_valid_rows_pass(schema, rows):
    assert reasons(schema, *rows) == set()


@pytest.mark.parametrize(
    ("schema", "rows", "reason"),
    [
        (schemas.RAW_DOCUMENTS, [raw_row(fmt="pdf")], "fmt: must be one of txt, md, html"),
        (schemas.RAW_DOCUMENTS, [raw_row(source_path="/etc/passwd")], "source_path: must be a path relative"),
        (schemas.RAW_DOCUMENTS, [raw_row(source_path="../x.txt")], "source_path: must be a path relative"),
        (schemas.RAW_DOCUMENTS, [raw_row(text="  \n ")], "text: must not be blank"),
        (schemas.RAW_DOCUMENTS, [raw_row(text="a\r\nb")], "text: must have '\\n' line ends"),
        (schemas.RAW_DOCUMENTS, [raw_row(meta="[1, 2]")], "meta: must be a JSON object of texts"),
        (schemas.RAW_DOCUMENTS, [raw_row(meta="{not json")], "meta: must be a JSON object of texts"),
        (schemas.RAW_DOCUMENTS, [raw_row(doc_id="XYZ")], "doc_id: must be a document id"),
        (schemas.RAW_DOCUMENTS, [raw_row(), raw_row(doc_id=B)], "source_path: must be unique"),
        (schemas.CLEANED_DOCUMENTS, [cleaned_row(script="latin")], "script: must be one of"),
        (schemas.CLEANED_DOCUMENTS, [cleaned_row(removed='{"footer": -3}')], "removed: must be a JSON object"),
        (schemas.CLEANED_DOCUMENTS, [cleaned_row(editors=["", "李四"])], "editors: must be a list of non-blank"),
        (schemas.DOCUMENTS, [document_row(body="第一段。\n\n第二段。")], "body: must be paragraphs separated"),
        (schemas.DOCUMENTS, [document_row(body=" 第一段。")], "body: must be paragraphs separated"),
        (schemas.DOCUMENTS, [document_row(title="")], "title: must not be blank"),
        (schemas.DOCUMENTS, [document_row(title="标题\n副标题")], "title: must be one line"),
        (schemas.DOCUMENTS, [document_row(url="not a url")], "url: must look like a URL"),
        (schemas.DOCUMENTS, [document_row(authors=None)], "authors: must not be NULL"),
        (schemas.DOCUMENTS, [document_row(published_precision=None)], "published_precision must be set exactly"),
        (schemas.DOCUMENTS, [document_row(published_at=None)], "published_precision must be set exactly"),
        (
            schemas.DOCUMENTS,
            [document_row(published_at=date(2024, 3, 8), published_precision="month")],
            "published_precision must be set exactly",
        ),
        (schemas.DOCUMENTS, [document_row(published_precision="week")], "published_precision: must be one of"),
        (schemas.DOCUMENTS, [document_row(published_at=date(1850, 1, 1))], "published_at: must be between"),
        (
            schemas.DOCUMENTS,
            [document_row(), document_row(doc_id=B, source_path="b.txt")],
            "every cluster_id must have exactly one canonical document",
        ),
        (
            schemas.DOCUMENTS,
            [document_row(is_canonical=False)],
            "every cluster_id must have exactly one canonical document",
        ),
        (schemas.DOCUMENTS, [document_row(cluster_id=C)], "cluster_id must be the doc_id of one of the cluster"),
        (
            schemas.DOCUMENTS,
            [document_row(), document_row(source_path="b.txt", cluster_id=B, doc_id=A)],
            "doc_id: must be unique",
        ),
        (
            schemas.DUPLICATES,
            [{"doc_id": A, "cluster_id": A, "is_canonical": True, "similarity": 0.5, "containment": 1.0}],
            "the canonical document must have similarity and containment 1",
        ),
        (
            schemas.DUPLICATES,
            [{"doc_id": A, "cluster_id": A, "is_canonical": True, "similarity": 1.0, "containment": 1.5}],
            "containment: must be between 0 and 1",
        ),
        (
            schemas.ENTITIES,
            [{"entity_id": "e", "name": "华为", "type": "COMPANY", "aliases": ["华为"]}],
            "type: must be one of PERSON, ORG, PRODUCT, PLACE, MEDIA",
        ),
        (
            schemas.ENTITIES,
            [{"entity_id": "e", "name": "华为", "type": "ORG", "aliases": []}],
            "aliases: must hold at least one surface form",
        ),
        (schemas.MENTIONS, [mention_row(start_pos=1, end_pos=5)], "surface must equal the body's text"),
        (schemas.MENTIONS, [mention_row(start_pos=4, end_pos=4, surface="华")], "start_pos and end_pos must lie"),
        (schemas.MENTIONS, [mention_row(end_pos=500)], "start_pos and end_pos must lie inside"),
        (schemas.MENTIONS, [mention_row(body=None)], "body: must not be NULL"),
        (schemas.MENTIONS, [mention_row(entity_type=None)], "entity_type: must not be NULL"),
        (schemas.MENTIONS, [mention_row(is_canonical=False)], "is_canonical: must be a canonical document"),
        (schemas.MENTIONS, [mention_row(), mention_row(entity_id="e2")], "must be unique together"),
        (schemas.FIGURES, [figure_row(value=None)], "value must be NULL for dates only"),
        (schemas.FIGURES, [figure_row(value=float("inf"))], "value must be NULL for dates only"),
        (
            schemas.FIGURES,
            [figure_row(kind="date", unit=None, normalized="2024", metric=None)],
            "value must be NULL for dates only",
        ),
        (schemas.FIGURES, [figure_row(unit="美元")], "unit must be an ISO 4217 code for money"),
        (schemas.FIGURES, [figure_row(kind="percent")], "unit must be an ISO 4217 code for money, '%' for percent"),
        (
            schemas.FIGURES,
            [figure_row(kind="date", value=None, unit=None, normalized="2024年3月", metric=None)],
            "a date's normalized form must be",
        ),
        (schemas.FIGURES, [figure_row(metric="profit")], "metric: must be one of"),
        (schemas.FIGURES, [figure_row(kind="ratio")], "kind: must be one of"),
        (schemas.FIGURES, [figure_row(entity_id="ghost")], "entity_id must be NULL or an entity_id of entities"),
        (schemas.FIGURES, [figure_row(surface="1.5亿")], "surface must equal the body's text"),
        (schemas.FIGURES, [figure_row(field="headline")], "field: must be one of body, title"),
        (schemas.FIGURES, [title_figure_row(start_pos=15, end_pos=21)], "surface must equal the body's"),
        (schemas.FIGURES, [title_figure_row(start_pos=15, end_pos=21)], "must lie inside the document's body"),
        (schemas.FIGURES, [title_figure_row(title=None)], "must lie inside the document's body (its title"),
        (
            schemas.FIGURES,
            [title_figure_row(entity_id="e1", entity_type="ORG")],
            "a headline's figure (field 'title') has no entity_id",
        ),
        (schemas.FIGURES, [figure_row(), figure_row()], "must be unique together"),
        (schemas.QUARANTINE, [quarantine_row(stage="magic")], "stage: must be one of"),
        (schemas.QUARANTINE, [quarantine_row(reason="bad")], "reason: must be a sentence"),
        (schemas.QUARANTINE, [quarantine_row(reason="Traceback:\n  File x")], "reason: must be one line"),
        (schemas.QUARANTINE, [quarantine_row(), quarantine_row()], "must be unique together"),
    ],
)
def test_a_broken_row_fails_with_its_reason(schema, rows, reason):
    found = reasons(schema, *rows)
    assert any(r.startswith(reason) or reason in r for r in found), found


def test_only_the_broken_rows_are_reported():
    rows = [
        mention_row(),
        mention_row(start_pos=4, end_pos=6, surface="发布"),
        mention_row(start_pos=9, end_pos=11, surface="错误"),
    ]
    assert list(schemas.invalid_rows(frame(*rows), schemas.MENTIONS)) == [2]


def test_a_missing_column_is_a_table_level_failure():
    cases = schemas.failures(frame(quarantine_row()).drop(columns=["reason"]), schemas.QUARANTINE)
    assert "column_in_dataframe" in set(cases["check"])
    assert schemas.row_reasons(cases) == {}


def test_an_empty_table_is_valid():
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in schemas.QUARANTINE.columns})
    assert schemas.failures(empty, schemas.QUARANTINE).empty


@pytest.mark.parametrize(
    ("check", "words"),
    [("not_nullable", "must not be NULL"), ("field_uniqueness", "must be unique"), ("dtype('int64')", "wrong type")],
)
def test_built_in_checks_are_put_in_words(check, words):
    assert words in schemas.phrase(check)


def test_every_stage_and_contract_table_has_a_schema():
    assert set(schemas.SCHEMAS) == {
        "raw_documents",
        "cleaned_documents",
        "duplicates",
        "documents",
        "entities",
        "mentions",
        "figures",
        "quarantine",
    }


def test_validating_does_not_import_hypothesis_and_it_stays_importable():
    """pandera's strategies load without `hypothesis` (0.3 s per process); the property tests still import it."""
    script = (
        "import sys, pandas as pd\n"
        "from zhnews import schemas\n"
        "frame = pd.DataFrame({'source_path': ['a.txt'], 'stage': ['ingest'], 'reason': ['r'],"
        " 'detected_at': [pd.Timestamp('2026-01-01')]})\n"
        "schemas.failures(frame, schemas.SCHEMAS['quarantine'])\n"
        "assert 'hypothesis' not in sys.modules\n"
        "import hypothesis.strategies\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
