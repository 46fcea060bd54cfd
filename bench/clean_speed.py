"""Measure clean_batch throughput (MB/s of input text) and peak memory on a corpus built from the seeds.

usage: .venv/bin/python bench/clean_speed.py [--mb 20] [--seeds seeds]
The seeds are repeated, each copy varied (numbers shifted, paragraphs rotated) so no two documents
are identical; Simplified and Traditional throughput are reported separately and together.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path

from zhnews.clean import clean_batch
from zhnews.ingest import parse_seed
from zhnews.records import RawDocument
from zhnews.text import has_traditional


def seed_documents(root: Path) -> list[RawDocument]:
    docs = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            result = parse_seed(path.relative_to(root).as_posix(), path.read_bytes())
            if result.document:
                docs.append(result.document)
    return docs


def variant(doc: RawDocument, n: int) -> RawDocument:
    """A copy of the document with its numbers shifted and its paragraphs rotated."""
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + n), doc.text)
    lines = text.split("\n")
    k = n % max(1, len(lines))
    text = "\n".join(lines[k:] + lines[:k])
    return RawDocument(
        f"{doc.doc_id}-{n}",
        f"{n}/{doc.source_path}",
        f"{doc.content_hash}-{n}",
        doc.fmt,
        doc.encoding,
        text,
        dict(doc.meta),
    )


def corpus(docs: list[RawDocument], megabytes: float) -> list[RawDocument]:
    out, size, n = [], 0, 0
    while size < megabytes * 1e6:
        for doc in docs:
            copy = variant(doc, n)
            out.append(copy)
            size += len(copy.text.encode())
        n += 1
    return out


def measure(docs: list[RawDocument], batch: int = 500) -> tuple[float, float, float]:
    """(MB of input, wall seconds, CPU seconds) for cleaning the documents in batches."""
    size = sum(len(d.text.encode()) for d in docs) / 1e6
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(docs), batch):
        clean_batch(docs[i : i + batch])
    return size, time.perf_counter() - start, time.process_time() - cpu


def report(label: str, size: float, wall: float, cpu: float) -> None:
    print(f"{label}: {size:.1f} MB in {wall:.1f} s = {size / wall:.2f} MB/s (CPU time {size / cpu:.2f} MB/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    args = parser.parse_args()
    docs = corpus(seed_documents(args.seeds), args.mb)
    clean_batch(docs[:10])  # load rules, dictionaries and OpenCC once, outside the timing
    report("all", *measure(docs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"peak RSS {peak:.0f} MB (corpus included)")
    for label, subset in (
        ("simplified", [d for d in docs if not has_traditional(d.text)]),
        ("traditional", [d for d in docs if has_traditional(d.text)]),
    ):
        report(label, *measure(subset))


if __name__ == "__main__":
    main()
