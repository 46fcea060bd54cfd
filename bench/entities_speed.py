"""Measure entity extraction and resolution throughput (MB/s of body text) and peak memory.

usage: .venv/bin/python -m bench.entities_speed [--mb 3] [--seeds seeds]
Documents are the seeds' cleaned paragraphs, shuffled into articles of 8 paragraphs (every copy a new
order), so the text reads like the seeds. Extraction runs in batches of 200 documents on one core.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from bench.generate import seed_paragraphs
from zhnews.aliases import load_alias_config, resolve_entities
from zhnews.entities import extract_mentions

BATCH = 200


def corpus(paragraphs: list[str], megabytes: float, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    docs, size = [], 0
    while size < megabytes * 1e6:
        body = "\n".join(rng.sample(paragraphs, min(8, len(paragraphs))))
        docs.append((f"doc{len(docs)}", body))
        size += len(body.encode())
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    args = parser.parse_args()
    docs = corpus(seed_paragraphs(args.seeds), args.mb)
    extract_mentions(docs[:2])  # load rules and the jieba dictionary outside the timing
    size = sum(len(body.encode()) for _, body in docs) / 1e6
    start = time.perf_counter()
    candidates = [c for i in range(0, len(docs), BATCH) for c in extract_mentions(docs[i:i + BATCH])]
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    entities, mentions = resolve_entities(candidates, load_alias_config())
    resolve_s = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} documents, {size:.2f} MB: extract {extract_s:.2f} s = {size / extract_s:.2f} MB/s "
          f"({len(candidates)} candidates); resolve {resolve_s:.2f} s ({len(entities)} entities, "
          f"{len(mentions)} mentions); total {size / (extract_s + resolve_s):.2f} MB/s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
