"""Measure entity extraction and resolution throughput (MB/s of body text) and peak memory.

usage: .venv/bin/python -m bench.entities_speed [--mb 3] [--seeds seeds]
Documents are new articles written by bench.generate's word-bigram model of the seeds (new sentences in
the seeds' vocabulary, so no clause repeats and caches do not flatter the figure). Extraction runs in
batches of 200 documents on one core; resolution runs once over all candidates.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from bench.generate import Generator
from zhnews.aliases import load_alias_config, resolve_entities
from zhnews.entities import extract_mentions

BATCH = 200


def corpus(seeds: Path, megabytes: float, seed: int = 1) -> list[tuple[str, str]]:
    generator = Generator(seeds, seed)
    docs, size = [], 0
    while size < megabytes * 1e6:
        body = "\n".join(generator.article().paragraphs)
        docs.append((f"doc{len(docs)}", body))
        size += len(body.encode())
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    args = parser.parse_args()
    docs = corpus(args.seeds, args.mb)
    extract_mentions(docs[:2])  # load rules and the jieba dictionary outside the timing
    size = sum(len(body.encode()) for _, body in docs) / 1e6
    wall, cpu = time.perf_counter(), time.process_time()
    candidates = [c for i in range(0, len(docs), BATCH) for c in extract_mentions(docs[i : i + BATCH])]
    extract_s, extract_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    entities, mentions = resolve_entities(candidates, load_alias_config())
    resolve_s, resolve_cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(docs)} documents, {size:.2f} MB: extract {extract_s:.2f} s = {size / extract_s:.2f} MB/s "
        f"({len(candidates)} candidates); resolve {resolve_s:.2f} s ({len(entities)} entities, "
        f"{len(mentions)} mentions); total {size / (extract_s + resolve_s):.2f} MB/s wall-clock, "
        f"{size / (extract_cpu + resolve_cpu):.2f} MB/s of CPU time (fair on a busy machine); peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
