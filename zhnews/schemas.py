"""Pandera schemas: what a valid row of every stage's output and every contract table looks like.

One schema per table. A schema validates a pandas frame of the table's rows; the schemas of
`mentions` and `figures` expect the document's `body` joined in (and the referenced entity's
`entity_type`), so offsets and references can be checked. Every check carries a sentence a
person understands: it is what the Dagster asset check and the quarantine show.
"""

from __future__ import annotations

import importlib
import json
import math
import re
import sys
from collections.abc import Callable
from datetime import date, datetime

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors


def import_pandera_without_hypothesis() -> None:
    """Load pandera's data-synthesis strategies with `hypothesis` marked absent, unless it is imported already.

    pandera imports them, and with them `hypothesis` (0.26 CPU s, about a second of wall time on a busy disk),
    when it registers its pandas checks at the first validation, in the run process and in the worker server
    alike; it treats `hypothesis` as optional, and nothing here synthesises data. A later `import hypothesis`
    (the property tests) works as usual.
    """
    if "hypothesis" in sys.modules:
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]  # an import of it now fails: "not installed"
    try:
        importlib.import_module("pandera.strategies.pandas_strategies")
    finally:
        del sys.modules["hypothesis"]


import_pandera_without_hypothesis()

FORMATS = ["txt", "md", "html"]
SCRIPTS = ["simplified", "traditional", "mixed"]
PRECISIONS = ["day", "month", "year"]
ENTITY_TYPES = ["PERSON", "ORG", "PRODUCT", "PLACE", "MEDIA"]
FIGURE_KINDS = ["money", "count", "percent", "date", "duration"]
FIGURE_FIELDS = ["body", "title"]  # the document text a figure's offsets point into
METRICS = ["revenue", "loss", "spend", "valuation", "funding", "debt", "price", "headcount", "users", "other"]
STAGES = ["ingest", "clean", "dedupe", "documents", "entities", "mentions", "figures"]
DOC_ID = r"^[0-9a-f]{16}$"
DATE_NORMALIZED = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-Q[1-4])?$"
CURRENCY = r"^[A-Z]{3}$"
URL = r"^(?:https?://)?[^\s/]+\.[^\s/]+(?:[/?#]\S*)?$"
EARLIEST = date(1900, 1, 1)


# ------------------------------------------------------------------ element rules


def is_relative_path(value: str) -> bool:
    """A seeds-relative, '/'-separated path: not absolute, no backslash, no empty or '..' segment."""
    parts = value.split("/")
    return bool(value) and "\\" not in value and all(p not in ("", ".", "..") for p in parts)


def is_name_list(value: object) -> bool:
    """A list (or array) of non-blank strings, possibly empty."""
    if not isinstance(value, list | tuple | np.ndarray):
        return False
    return all(isinstance(v, str) and v.strip() == v and v for v in value)


def is_json_object(value: object, item: Callable[[object], bool]) -> bool:
    """A JSON object (text) whose values all pass `item`."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return False
    return isinstance(data, dict) and all(isinstance(k, str) and item(v) for k, v in data.items())


def is_paragraphs(value: str) -> bool:
    """Paragraphs separated by a single '\\n', none of them blank or padded with spaces."""
    return bool(value) and "\r" not in value and all(p and p.strip() == p for p in value.split("\n"))


def is_null(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_one_line(value: str) -> bool:
    return "\n" not in value and "\r" not in value


def as_date(value: object) -> date | None:
    """A date from what pandas or DuckDB hands over: date, datetime or Timestamp; None for NULL/NaT."""
    if isinstance(value, datetime):  # Timestamp and NaT are datetimes
        return None if pd.isna(value) else value.date()
    return value if isinstance(value, date) else None


# ------------------------------------------------------------------ column and frame helpers


def text(*checks: pa.Check, nullable: bool = False, unique: bool = False, description: str = "") -> pa.Column:
    """A text column whose values are never blank (NULL only if `nullable`)."""
    non_blank = pa.Check(lambda s: s.str.strip().str.len() > 0, error="must not be blank")
    return pa.Column(str, [non_blank, *checks], nullable=nullable, unique=unique, description=description)


def one_of(values: list[str]) -> pa.Check:
    return pa.Check.isin(values, error=f"must be one of {', '.join(values)}")


def is_doc_id() -> pa.Check:
    return pa.Check.str_matches(DOC_ID, error="must be a document id (16 hex digits)")


def is_hash() -> pa.Check:
    return pa.Check.str_matches(r"^[0-9a-f]{32}$", error="must be a content hash (32 hex digits)")


def share(description: str) -> pa.Column:
    return pa.Column(float, pa.Check.in_range(0, 1, error="must be between 0 and 1"), description=description)


def element(rule: Callable[[object], bool], error: str) -> pa.Check:
    """A check applied value by value (NULLs are skipped by pandera for nullable columns)."""
    return pa.Check(rule, element_wise=True, error=error)


def rows(rule: Callable[[pd.DataFrame], pd.Series], error: str) -> pa.Check:
    """A cross-column check: `rule` returns one boolean per row (True = valid)."""
    return pa.Check(rule, error=error)


def zip_rows(frame: pd.DataFrame, rule: Callable[..., bool], *columns: str) -> pd.Series:
    """Apply a Python rule to the values of `columns` row by row."""
    values = zip(*(frame[c].tolist() for c in columns), strict=True)  # lists: iterating a Series is slower
    return pd.Series([bool(rule(*v)) for v in values], index=frame.index, dtype=bool)


def doc_id(unique: bool = False, description: str = "") -> pa.Column:
    return pa.Column(str, is_doc_id(), unique=unique, description=description or "document id")


def source_path(unique: bool = False) -> pa.Column:
    return pa.Column(
        str,
        element(is_relative_path, "must be a path relative to the seeds folder, '/'-separated"),
        unique=unique,
        description="path relative to the seeds folder",
    )


def names(description: str) -> pa.Column:
    return pa.Column(
        object,
        element(is_name_list, "must be a list of non-blank names"),
        description=description,
        metadata={"type": "VARCHAR[]"},
    )


def offsets_inside(frame: pd.DataFrame) -> pd.Series:
    """Offsets are characters into the body: 0 <= start < end <= len(body)."""
    return zip_rows(frame, lambda b, s, e: isinstance(b, str) and 0 <= s < e <= len(b), "body", "start_pos", "end_pos")


def surface_at_offsets(frame: pd.DataFrame) -> pd.Series:
    """The contract's rule: substr(body, start_pos + 1, end_pos - start_pos) = surface."""
    return zip_rows(
        frame, lambda b, s, e, t: isinstance(b, str) and b[s:e] == t, "body", "start_pos", "end_pos", "surface"
    )


def in_field(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `body` replaced, row by row, by the text the row's offsets point into: documents.title
    where `field` is 'title' (figures of a headline), else the body."""
    return frame.assign(body=frame["title"].where(frame["field"] == "title", frame["body"]))


def one_canonical_per_cluster(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby("cluster_id")["is_canonical"].transform("sum") == 1


def cluster_named_by_member(frame: pd.DataFrame) -> pd.Series:
    """The cluster_id is the doc_id of a document in that cluster."""
    members = pd.MultiIndex.from_arrays([frame["cluster_id"], frame["doc_id"]])
    named = pd.MultiIndex.from_arrays([frame["cluster_id"], frame["cluster_id"]])
    return pd.Series(named.isin(members), index=frame.index)


def precision_matches_date(frame: pd.DataFrame) -> pd.Series:
    """A date has a precision and vice versa; 'month' is the 1st, 'year' is 1 January."""

    def ok(value: object, precision: object) -> bool:
        day = as_date(value)
        if day is None or is_null(precision):
            return day is None and not isinstance(precision, str)
        return {"day": True, "month": day.day == 1, "year": (day.month, day.day) == (1, 1)}.get(precision, False)

    return zip_rows(frame, ok, "published_at", "published_precision")


def plausible_date(value: object) -> bool:
    """Between 1900 and the end of next year (a later date is a misread, not news)."""
    day = as_date(value)
    return day is None or EARLIEST <= day <= date(date.today().year + 1, 12, 31)


# ------------------------------------------------------------------ stage outputs

RAW_DOCUMENTS = pa.DataFrameSchema(
    {
        "doc_id": doc_id(unique=True),
        "source_path": source_path(unique=True),
        "content_hash": pa.Column(str, is_hash(), description="xxh3-128 of the bytes"),
        "fmt": pa.Column(str, one_of(FORMATS)),
        "encoding": text(description="the encoding the bytes were decoded with"),
        "text": text(
            element(lambda t: "\r" not in t and "\x00" not in t, "must have '\\n' line ends and no NUL"),
            description="decoded text, front matter removed",
        ),
        "meta": pa.Column(
            str,
            element(lambda m: is_json_object(m, lambda v: isinstance(v, str)), "must be a JSON object of texts"),
            description="title, url, outlet, date, author from the file's header",
            metadata={"type": "JSON"},
        ),
        "size_bytes": pa.Column(int, pa.Check.gt(0, error="must be positive"), description="size of the file in bytes"),
        "ingested_at": pa.Column("datetime64[us]"),
    },
    name="raw_documents",
    description="Every seed file taken in, decoded.",
)

DOCUMENT_METADATA = {
    "title": text(element(is_one_line, "must be one line"), nullable=True, description="headline"),
    "outlet": text(element(is_one_line, "must be one line"), nullable=True, description="publishing outlet"),
    "authors": names("journalists named in the byline; empty list when none"),
    "url": pa.Column(str, pa.Check.str_matches(URL, error="must look like a URL"), nullable=True),
    "published_at": pa.Column(
        None,
        element(plausible_date, f"must be between {EARLIEST} and the end of next year"),
        nullable=True,
        metadata={"type": "DATE"},
    ),
    "published_precision": pa.Column(str, one_of(PRECISIONS), nullable=True),
    "body": text(
        element(is_paragraphs, "must be paragraphs separated by a single '\\n', none blank"),
        description="cleaned article text, Simplified",
    ),
}
PRECISION_RULE = rows(
    precision_matches_date,
    "published_precision must be set exactly when published_at is, and month/year dates fall on the 1st",
)

CLEANED_DOCUMENTS = pa.DataFrameSchema(
    {
        "doc_id": doc_id(unique=True),
        "source_path": source_path(unique=True),
        "content_hash": pa.Column(str, is_hash()),
        **DOCUMENT_METADATA,
        "editors": names("editors named in the text; empty list when none"),
        "script": pa.Column(str, one_of(SCRIPTS), description="script of the raw text"),
        "removed": pa.Column(
            str,
            element(
                lambda m: is_json_object(m, lambda v: isinstance(v, int) and v >= 0),
                "must be a JSON object of rule name -> characters removed",
            ),
            metadata={"type": "JSON"},
        ),
    },
    checks=[PRECISION_RULE],
    name="cleaned_documents",
    description="Cleaned documents: Simplified body and metadata.",
)

CLUSTER_RULES = [
    rows(one_canonical_per_cluster, "every cluster_id must have exactly one canonical document"),
    rows(cluster_named_by_member, "cluster_id must be the doc_id of one of the cluster's documents"),
]

DUPLICATES = pa.DataFrameSchema(
    {
        "doc_id": doc_id(unique=True),
        "cluster_id": pa.Column(str, is_doc_id(), description="the duplicate cluster"),
        "is_canonical": pa.Column(bool),
        "similarity": share("Jaccard similarity with the canonical copy"),
        "containment": share("share of this copy inside the canonical one"),
    },
    checks=[
        *CLUSTER_RULES,
        rows(
            lambda f: ~f["is_canonical"] | ((f["similarity"] == 1) & (f["containment"] == 1)),
            "the canonical document must have similarity and containment 1 (it is compared with itself)",
        ),
    ],
    name="duplicates",
    description="The dedupe stage: each cleaned document's cluster and canonical flag.",
)

# ------------------------------------------------------------------ contract tables

DOCUMENTS = pa.DataFrameSchema(
    {
        "doc_id": doc_id(unique=True),
        "source_path": source_path(unique=True),
        **DOCUMENT_METADATA,
        "cluster_id": pa.Column(str, is_doc_id(), description="the duplicate cluster"),
        "is_canonical": pa.Column(bool, description="exactly one TRUE per cluster_id"),
    },
    checks=[PRECISION_RULE, *CLUSTER_RULES],
    name="documents",
    description="Contract table: one row per document taken in (duplicates included).",
)

ENTITIES = pa.DataFrameSchema(
    {
        "entity_id": text(unique=True, description="stable id"),
        "name": text(element(is_one_line, "must be one line"), description="canonical name"),
        "type": pa.Column(str, one_of(ENTITY_TYPES)),
        "aliases": pa.Column(
            object,
            [
                element(is_name_list, "must be a list of non-blank names"),
                element(lambda a: len(a) > 0, "must hold at least one surface form"),
            ],
            description="every surface form seen",
            metadata={"type": "VARCHAR[]"},
        ),
    },
    name="entities",
    description="Contract table: one row per real-world entity across the corpus.",
)

OFFSET_RULES = [
    rows(offsets_inside, "start_pos and end_pos must lie inside the document's body, start_pos < end_pos"),
    rows(surface_at_offsets, "surface must equal the body's text between start_pos and end_pos"),
]
OFFSETS = {
    "start_pos": pa.Column(
        int, pa.Check.ge(0, error="must not be negative"), coerce=True, metadata={"type": "INTEGER"}
    ),
    "end_pos": pa.Column(int, pa.Check.gt(0, error="must be positive"), coerce=True, metadata={"type": "INTEGER"}),
}
JOINED = {"joined": True}  # columns the check joins in from other tables, not columns of the table
JOINED_BODY = pa.Column(
    str,
    nullable=False,
    description="documents.body of doc_id, joined in (NULL: doc_id is not in documents)",
    metadata=JOINED,
)
CANONICAL_ONLY = pa.Column(
    bool,
    pa.Check.eq(True, error="must be a canonical document (copies reach entities and figures via cluster_id)"),
    nullable=False,
    description="documents.is_canonical of doc_id, joined in",
    metadata=JOINED,
)

MENTIONS = pa.DataFrameSchema(
    {
        "doc_id": doc_id(),
        "entity_id": text(),
        "surface": text(),
        **OFFSETS,
        "body": JOINED_BODY,
        "is_canonical": CANONICAL_ONLY,
        "entity_type": pa.Column(
            str,
            one_of(ENTITY_TYPES),
            nullable=False,
            description="entities.type of entity_id, joined in (NULL: entity_id is not in entities)",
            metadata=JOINED,
        ),
    },
    checks=OFFSET_RULES,
    unique=["doc_id", "start_pos", "end_pos"],
    name="mentions",
    description="Contract table: one row per occurrence of an entity in a body (frame with the body joined in).",
)


def unit_fits_kind(kind: str, unit: object) -> bool:
    """Money has an ISO 4217 code, percent '%', dates none; counts and durations their word."""
    if kind == "money":
        return isinstance(unit, str) and re.fullmatch(CURRENCY, unit) is not None
    if kind == "percent":
        return unit == "%"
    if kind == "date":
        return is_null(unit)
    return is_null(unit) or (isinstance(unit, str) and unit.strip() != "")


def value_fits_kind(kind: str, value: object) -> bool:
    """`value` is NULL exactly for dates, and a finite number otherwise."""
    if kind == "date":
        return is_null(value)
    return not is_null(value) and math.isfinite(value)


def normalized_fits_kind(kind: str, normalized: object) -> bool:
    """A date's normalized text is YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn (or NULL when unresolved)."""
    return kind != "date" or not isinstance(normalized, str) or re.fullmatch(DATE_NORMALIZED, normalized) is not None


FIGURES = pa.DataFrameSchema(
    {
        "doc_id": doc_id(),
        "kind": pa.Column(str, one_of(FIGURE_KINDS)),
        "surface": text(),
        "value": pa.Column(float, nullable=True, description="fully expanded number; NULL for dates"),
        "unit": pa.Column(str, nullable=True),
        "normalized": pa.Column(str, nullable=True),
        "approx": pa.Column(bool),
        "metric": pa.Column(str, one_of(METRICS), nullable=True),
        "entity_id": pa.Column(str, nullable=True),
        **OFFSETS,
        "field": pa.Column(str, one_of(FIGURE_FIELDS), description="the text the offsets point into"),
        "body": JOINED_BODY,
        "title": pa.Column(
            str, nullable=True, description="documents.title of doc_id, joined in (NULL: none)", metadata=JOINED
        ),
        "is_canonical": CANONICAL_ONLY,
        "entity_type": pa.Column(
            str,
            nullable=True,
            description="entities.type of entity_id, joined in (NULL when not found)",
            metadata=JOINED,
        ),
    },
    checks=[
        rows(
            lambda f: offsets_inside(in_field(f)),
            "start_pos and end_pos must lie inside the document's body (its title for field 'title'), "
            "start_pos < end_pos",
        ),
        rows(
            lambda f: surface_at_offsets(in_field(f)),
            "surface must equal the body's text between start_pos and end_pos (the title's for field 'title')",
        ),
        rows(
            lambda f: (f["field"] == "body") | f["entity_id"].isna(),
            "a headline's figure (field 'title') has no entity_id: mentions are the body's",
        ),
        rows(lambda f: zip_rows(f, value_fits_kind, "kind", "value"), "value must be NULL for dates only"),
        rows(
            lambda f: zip_rows(f, unit_fits_kind, "kind", "unit"),
            "unit must be an ISO 4217 code for money, '%' for percent and NULL for dates",
        ),
        rows(
            lambda f: zip_rows(f, normalized_fits_kind, "kind", "normalized"),
            "a date's normalized form must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn",
        ),
        rows(
            lambda f: f["entity_id"].isna() | f["entity_type"].notna(),
            "entity_id must be NULL or an entity_id of entities",
        ),
    ],
    unique=["doc_id", "field", "start_pos", "end_pos"],
    name="figures",
    description="Contract table: one row per number with meaning in a body or headline (frame with the body and "
    "title joined in).",
)

QUARANTINE = pa.DataFrameSchema(
    {
        "source_path": source_path(),
        "stage": pa.Column(str, one_of(STAGES)),
        "reason": text(
            pa.Check.str_length(10, 500, error="must be a sentence (10 to 500 characters)"),
            element(is_one_line, "must be one line"),
        ),
        "detected_at": pa.Column("datetime64[us]"),
    },
    unique=["source_path", "stage", "reason"],
    name="quarantine",
    description="Contract table: one row per input (or part of one) a stage refused, with the reason.",
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    s.name: s
    for s in (RAW_DOCUMENTS, CLEANED_DOCUMENTS, DUPLICATES, DOCUMENTS, ENTITIES, MENTIONS, FIGURES, QUARANTINE)
}


# ------------------------------------------------------------------ validation results


def failures(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Pandera's failure cases (empty when the frame is valid), all checks run (lazy)."""
    if frame.empty:  # an empty column has no values to tell its type by: give it the schema's
        typed = {n: c.dtype.type for n, c in schema.columns.items() if n in frame.columns and c.dtype is not None}
        frame = frame.astype(typed)
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        return err.failure_cases
    return pd.DataFrame(columns=["schema_context", "column", "check", "check_number", "failure_case", "index"])


BUILT_IN = {
    "not_nullable": "must not be NULL",
    "field_uniqueness": "must be unique",
    "multiple_fields_uniqueness": "must be unique together with the other key columns",
    "column_in_dataframe": "column is missing",
}


def phrase(check: str) -> str:
    """A pandera check name as words: our checks carry their sentence, built-ins get one here."""
    if check.startswith("dtype("):
        return f"has the wrong type (expected {check[6:-1]})"
    return BUILT_IN.get(check, check)


def reason_of(case: pd.Series) -> str:
    """One failure case as a phrase: '<column>: <rule>'; a cross-column rule is its sentence alone."""
    wide = case["schema_context"] == "DataFrameSchema" and case["check"] not in BUILT_IN
    column = case["column"] if isinstance(case["column"], str) else "table"
    return phrase(case["check"]) if wide else f"{column}: {phrase(case['check'])}"


def row_reasons(cases: pd.DataFrame) -> dict[int, str]:
    """Failing row index -> the reasons it fails, joined in one sentence."""
    located = cases[cases["index"].notna()]
    if located.empty:
        return {}
    phrases = located.assign(reason=located.apply(reason_of, axis=1))
    grouped = phrases.groupby("index")["reason"].agg(lambda r: "; ".join(dict.fromkeys(r)))
    return {int(i): r for i, r in grouped.items()}


def invalid_rows(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> dict[int, str]:
    """Row index -> why that row breaks `schema`, for rows a stage should quarantine instead of store."""
    return row_reasons(failures(frame, schema))
