"""Dedupe quality and speed on a generated corpus: pairwise precision/recall, time, MB/s, peak memory.

usage: .venv/bin/python -m bench.dedupe_speed [--n 20000] [--seed 1] [--corpus DIR] [--rules YAML] [--repeat 3]

The corpus (bench.generate) is written once per generator version (the default folder's name carries a
hash of bench/generate.py); its files are ingested and cleaned once (in a child process, cached as
cleaned.parquet beside them), so only dedupe is timed and measured here:
1. in memory: `zhnews.dedupe.dedupe` on all cleaned bodies as one batch;
2. warehouse: the dedupe asset's pass (`assets.dedupe.deduplicate`) on a temporary DuckDB, first over
   90% of the documents, then incrementally over the last 10% against the stored signatures.
MB/s counts the UTF-8 bytes of the cleaned bodies; MB per CPU-second is reported too, as wall time on a
shared 2-core machine says as much about the neighbours as about the code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import resource
import tempfile
import time
from collections import Counter
from math import comb
from pathlib import Path

import duckdb
import pandas as pd
import psutil

from bench.generate import write_corpus
from zhnews import dedupe

BATCH = 1000


def prepare(corpus: Path) -> None:
    """Ingest and clean every file of the corpus into corpus/cleaned.parquet (doc_id = path)."""
    from zhnews.clean import clean_batch
    from zhnews.ingest import parse_seed

    paths = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in {".txt", ".md"})
    rows = []
    for start in range(0, len(paths), BATCH):
        raws = []
        for path in paths[start : start + BATCH]:
            name = path.relative_to(corpus).as_posix()
            result = parse_seed(name, path.read_bytes())
            if result.document:
                result.document.doc_id = name
                raws.append(result.document)
        rows += [(d.doc_id, d.body) for d in clean_batch(raws) if d.body.strip()]
    with duckdb.connect() as con:
        con.register("cleaned", pd.DataFrame(rows, columns=["doc_id", "body"]))
        con.execute("copy cleaned to $path (format parquet)", {"path": str(corpus / "cleaned.parquet")})


def pairwise(truth: dict[str, int], predicted: dict[str, str]) -> tuple[float, float, int, int]:
    """(precision, recall, predicted pairs, true pairs) over documents present in both."""
    docs = [d for d in predicted if d in truth]
    both = Counter((truth[d], predicted[d]) for d in docs)
    true_pairs = sum(comb(n, 2) for n in Counter(truth[d] for d in docs).values())
    pred_pairs = sum(comb(n, 2) for n in Counter(predicted[d] for d in docs).values())
    hits = sum(comb(n, 2) for n in both.values())
    return hits / pred_pairs if pred_pairs else 1.0, hits / true_pairs if true_pairs else 1.0, pred_pairs, true_pairs


def truth_of(labels: dict) -> dict[str, int]:
    out = {path: i for i, cluster in enumerate(labels["clusters"]) for path in cluster}
    start = len(labels["clusters"])
    out.update({path: start + i for i, path in enumerate(labels["distinct"])})
    return out


def clock() -> tuple[float, float]:
    """(wall, CPU) seconds now; CPU time counts every thread of the process (DuckDB's too)."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    now = clock()
    return now[0] - start[0], now[1] - start[1]


def speed(name: str, took: tuple[float, float], nbytes: int) -> str:
    """Wall-clock MB/s, and MB per CPU-second (steadier on a machine shared with other work)."""
    wall, cpu = took
    mb = nbytes / 1e6
    return f"{name}: {mb:.1f} MB in {wall:.2f} s = {mb / wall:.2f} MB/s ({cpu:.2f} CPU s = {mb / cpu:.2f} MB/CPU-s)"


def quality(truth: dict[str, int], predicted: dict[str, str]) -> str:
    precision, recall, pred_pairs, true_pairs = pairwise(truth, predicted)
    return (
        f"{len(predicted)} docs, precision {precision:.4f} recall {recall:.4f} "
        f"({pred_pairs} predicted pairs, {true_pairs} true pairs)"
    )


def misses(labels: dict, truth: dict[str, int], predicted: dict[str, str], top: int = 8) -> None:
    """Which capture steps the copies separated from their original had, and a few wrong merges."""
    steps = labels["steps"]
    missed = Counter(
        steps[d] for cluster in labels["clusters"] for d in cluster[1:] if d in predicted and cluster[0] in predicted
        and predicted[d] != predicted[cluster[0]]
    )  # fmt: skip
    print("  copies apart from their original, by capture steps:", dict(missed.most_common(top)))
    members: dict[str, list[str]] = {}
    for d, c in predicted.items():
        members.setdefault(c, []).append(d)
    wrong = [sorted(m) for m in members.values() if len({truth.get(d) for d in m}) > 1]
    print(f"  clusters mixing articles: {len(wrong)}", wrong[:3])


def in_memory(
    docs: list[tuple[str, str]], rules: dedupe.DedupeRules, repeat: int
) -> tuple[tuple[float, float], dict[str, str]]:
    """(wall and CPU seconds of the fastest of `repeat` runs, the least disturbed on a shared machine; clusters)."""
    times = []
    for _ in range(repeat):
        start = clock()
        rows = dedupe.dedupe(docs, rules)
        times.append(since(start))
    return min(times), {r.doc_id: r.cluster_id for r in rows}


def in_warehouse(
    frame: pd.DataFrame, rules: dedupe.DedupeRules, share_first: float = 0.9
) -> tuple[tuple[float, float], tuple[float, float], int, dict[str, str], dict[str, int]]:
    """(seconds for the first 90%, seconds for the last 10%, bytes of the last 10%, clusters, first pass stats)."""
    from assets.dedupe import deduplicate

    cut = int(len(frame) * share_first)
    with tempfile.TemporaryDirectory() as tmp, duckdb.connect(str(Path(tmp) / "bench.duckdb")) as con:
        con.execute("create table cleaned_documents (doc_id varchar, body varchar)")
        con.register("first_part", frame.iloc[:cut])
        con.execute("insert into cleaned_documents select doc_id, body from first_part")
        con.execute("checkpoint")  # the cleaning stage's writes are on disk before dedupe runs
        start = clock()
        first_stats = deduplicate(con, rules)
        first = since(start)
        con.register("last_part", frame.iloc[cut:])
        con.execute("insert into cleaned_documents select doc_id, body from last_part")
        con.execute("checkpoint")
        start = clock()
        stats = deduplicate(con, rules)
        last = since(start)
        clusters = dict(con.execute("select doc_id, cluster_id from duplicates").fetchall())
    return first, last, stats["bytes"], clusters, first_stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="corpus folder (default bench/out/dedupe-N-seed)")
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", type=Path, help="a dedupe.yaml to try instead of zhnews/rules/dedupe.yaml")
    parser.add_argument("--repeat", type=int, default=3, help="in-memory runs; the best time is reported")
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "seeds")
    args = parser.parse_args()
    version = hashlib.sha1(Path(__file__).with_name("generate.py").read_bytes()).hexdigest()[:8]
    corpus = args.corpus or Path(__file__).resolve().parent / "out" / f"dedupe-{args.n}-{args.seed}-{version}"
    if not (corpus / "labels.json").exists():
        print(f"writing {args.n} files to {corpus} ...")
        write_corpus(corpus, args.seeds, args.seed, args.n, None)
    if not (corpus / "cleaned.parquet").exists():
        print("ingesting and cleaning them once (child process) ...")
        child = multiprocessing.get_context("spawn").Process(target=prepare, args=(corpus,))
        child.start()
        child.join()
        if child.exitcode:
            raise SystemExit(f"preparing the corpus failed (exit code {child.exitcode})")
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    frame = duckdb.execute("select * from read_parquet(?)", [str(corpus / "cleaned.parquet")]).df()
    docs = list(frame.itertuples(index=False, name=None))
    nbytes = int(frame["body"].str.encode("utf-8").str.len().sum())
    truth = truth_of(labels)
    baseline = psutil.Process().memory_info().rss
    dedupe.dedupe(docs[:50])  # load rules and permutations outside the timing

    rules = dedupe.load_rules(args.rules) if args.rules else dedupe.load_rules()
    took, predicted = in_memory(docs, rules, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(speed(f"in memory (best of {args.repeat})", took, nbytes) + "; " + quality(truth, predicted))
    print(f"  peak RSS {peak / 2**20:.0f} MB ({(peak - baseline) / 2**20:.0f} MB above the loaded corpus)")
    misses(labels, truth, predicted)

    first, last, last_bytes, predicted, stats = in_warehouse(frame, rules)
    print(speed("warehouse, first 90%", first, nbytes - last_bytes))
    print(f"  {stats['candidates']} candidate pairs, {stats['verified']} verified")
    print(speed("warehouse, last 10% against stored signatures", last, last_bytes))
    print("  " + quality(truth, predicted))
    misses(labels, truth, predicted)


if __name__ == "__main__":
    main()
