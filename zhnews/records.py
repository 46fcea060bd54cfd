"""The records that flow between stages: plain dataclasses, no Dagster, no database.

Every stage function takes a list of one record type and returns a list of the next, so the
same code runs in one process, in a process pool, or as one task per shard on another engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class RawDocument:
    """A decoded seed file: text as found (markup still in for Markdown), metadata from its header."""

    doc_id: str
    source_path: str  # relative to the seeds folder, '/'-separated
    content_hash: str  # hash of the file's bytes
    fmt: str  # 'txt' | 'md' | 'html'
    encoding: str  # the encoding the bytes were decoded with
    text: str  # decoded text; front matter removed; HTML already reduced to its main text
    meta: dict[str, str] = field(default_factory=dict)  # title, url, outlet, date, author from the header
    size_bytes: int = 0


@dataclass
class CleanDocument:
    """A cleaned article: Simplified body, debris removed, metadata pulled out."""

    doc_id: str
    source_path: str
    content_hash: str
    body: str  # paragraphs separated by a single '\n'
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    published_at: date | None = None
    published_precision: str | None = None  # 'day' | 'month' | 'year' | None
    script: str = "simplified"  # 'simplified' | 'traditional' | 'mixed'
    removed: dict[str, int] = field(default_factory=dict)  # cleaning rule name -> characters removed


@dataclass
class Refusal:
    """An input (or part of one) a stage could not take, with a reason a person understands."""

    source_path: str
    stage: str
    reason: str
