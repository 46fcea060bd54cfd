"""Throughput of the figures extractor: MB/s of Simplified body text and peak memory.

usage: .venv/bin/python bench/figures_speed.py [--mb 5] [--batch 200]
The bodies are the seeds converted to Simplified (zhnews.text.to_simplified), repeated to the
requested size with distinct doc_ids; the clock covers extract_figures only. MB per CPU second
is printed too: on a shared machine it is the steadier number.
"""

import argparse
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zhnews.figures import extract_figures, rules
from zhnews.text import to_simplified

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def corpus(megabytes: float) -> list[tuple[str, str, date]]:
    """Seed bodies repeated until the corpus holds `megabytes` of UTF-8 text."""
    bodies = [to_simplified(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(SEEDS.glob("**/*.txt"))]
    docs, size, i = [], 0, 0
    while size < megabytes * 2**20:
        body = bodies[i % len(bodies)]
        docs.append((f"doc{i}", body, date(2024, 3, 25)))
        size += len(body.encode())
        i += 1
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    rules()  # load the rule data outside the clock
    extract_figures([("warm", "2024年收入5亿元。", date(2024, 1, 1))])
    docs = corpus(args.mb)
    nbytes = sum(len(d[1].encode()) for d in docs)
    start, cpu_start = time.perf_counter(), time.process_time()
    found = 0
    for i in range(0, len(docs), args.batch):
        found += len(extract_figures(docs[i : i + args.batch]))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"documents={len(docs)} MB={nbytes / 2**20:.2f} figures={found} seconds={seconds:.2f} "
        f"MB/s={nbytes / 2**20 / seconds:.3f} MB_per_cpu_s={nbytes / 2**20 / cpu:.3f} peak_rss_MB={peak_mb:.0f}"
    )


if __name__ == "__main__":
    main()
