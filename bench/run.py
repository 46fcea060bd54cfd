"""Throughput and memory of the whole pipeline, per stage and end to end, on real news and generated corpora.

usage: .venv/bin/python -m bench.run [--real [EVERY]] [--mb 10 30 100 | --n 200] [--workers 2] [--seed 1]
                                     [--engine local ray] [--out bench/out] [--new-files 10] [--repeat 1]
                                     [--report-only]

`--real` benchmarks the real news dumps of ../shared/realnews/bulk (14,624 articles, 27 MB; every EVERY-th
record with a number), written as a seeds folder by `bench.realnews` (cached as OUT/corpus/real-bulk/files);
its incremental run takes NEW_FILES of its own articles out (a run that forgets them) and puts them back, so
they are new real articles to a warehouse that holds the rest. For every generated size: a corpus written by
`bench.generate` (cached as OUT/corpus/<size>-s<seed>/files, its
labels.json beside the folder, not in it), a fresh warehouse and Dagster instance, and the real command
`dagster asset materialize -m pipelines.definitions --select '*'` in a child process, while a thread
samples the memory (PSS) of its whole process tree (pool workers included) every 0.2 s. Then:
- per stage: the durations of the run's steps from Dagster's event log (the asset's step and its checks'
  steps), MB/s and documents/s of corpus input, and the peak memory while its steps ran;
- dedupe quality (generated corpora): pairwise precision and recall of `documents.cluster_id` against the
  generator's clusters;
- incremental: NEW_FILES new files (another generator seed, or held-out real articles) are added and the
  command run again, then a run with nothing new;
- fixed costs: a one-asset no-op project (`noop_defs` below) through the same command gives Dagster's own
  start-up, the pipeline's graph with no-op steps (`noop_graph_defs`) Dagster's own cost of this graph;
  MB/s beyond them (wall time minus either no-op run) compares sizes without those constants.
`--engine ray` runs the same command with `ZHNEWS_ENGINE=ray` (a private local Ray with WORKERS CPUs, see
`zhnews/engine.py`); the report gives its overhead against the local engine on the same corpus and workers.
MB are 10^6 bytes of input files. Every run is appended to OUT/results.json; OUT/report.md holds the
Markdown tables built from the latest result of each (size, seed, workers, engine).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from math import comb
from pathlib import Path

import dagster as dg
import duckdb
import psutil

from bench import realnews

ROOT = Path(__file__).resolve().parents[1]
INSTANCE_YAML = ROOT / "dagster_home" / "dagster.yaml"
PIPELINE = ["-m", "pipelines.definitions"]
NOOP = ["-m", "bench.run", "-a", "noop_defs"]
NOOP_GRAPH = ["-m", "bench.run", "-a", "noop_graph_defs"]
SAMPLE_SECONDS = 0.2
# time; PSS bytes and CPU seconds of the process tree; PSS of the run process; summed RSS of the tree; CPU seconds
# of the run process alone (its own work: Dagster, DuckDB writes, checks; the rest is pool workers)
Sample = tuple[float, int, float, int, int, float]
STAGES = {  # asset key -> stage, in pipeline order
    "raw_documents": "ingest",
    "cleaned_documents": "clean",
    "duplicates": "dedupe",
    "documents": "documents",
    "entities": "entities",
    "mentions": "entities",
    "figures": "figures",
    "quarantine": "quarantine",
    "analyst_views": "report",
    "corpus_report": "report",
    "warehouse_read_copy": "read copy",
}
STEP_STAGES = {"entities_and_mentions": "entities"}  # multi-asset steps


@dg.asset
def noop() -> None:
    """Nothing: a run of it is Dagster's own start-up and bookkeeping."""


# Run in-process, as the pipeline is (the default executor would start a process for the step).
noop_defs = dg.Definitions(assets=[noop], executor=dg.in_process_executor)


def noop_step_asset(name: str, upstream: list[str]) -> dg.AssetsDefinition:
    @dg.asset(name=name, deps=upstream, pool="zhnews_warehouse")
    def nothing() -> None:
        """An asset step that does nothing."""

    return nothing


def noop_check(asset: str, name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=name, blocking=True, pool="zhnews_warehouse")
    def passes() -> dg.AssetCheckResult:
        return dg.AssetCheckResult(passed=True)

    return passes


def noop_graph() -> dg.Definitions:
    """The pipeline's shape with nothing in it: 10 asset steps in a chain and 11 blocking check steps, all in the
    writer pool and run in-process, as in `pipelines.definitions`. A run of it is Dagster's own cost of this
    graph: start-up plus the bookkeeping of every step."""
    names = [
        "raw_documents", "cleaned_documents", "duplicates", "documents", "entities", "figures", "quarantine",
        "analyst_views", "corpus_report", "warehouse_read_copy",
    ]  # fmt: skip
    checked = [*names[:7], "entities", "raw_documents", "duplicates", "quarantine"]  # two checks on four of them
    return dg.Definitions(
        assets=[noop_step_asset(name, names[max(0, i - 1) : i]) for i, name in enumerate(names)],
        asset_checks=[noop_check(asset, f"check_{i}") for i, asset in enumerate(checked)],
        executor=dg.in_process_executor,
    )


noop_graph_defs = noop_graph()


@dataclass
class Corpus:
    """A corpus: its files folder, labels (generated corpora only), file count and bytes."""

    name: str
    files: Path
    labels: Path | None
    n_files: int
    n_bytes: int

    @property
    def real(self) -> bool:
        return self.labels is None


@dataclass
class Stage:
    name: str
    seconds: float = 0.0  # the asset step(s)
    check_seconds: float = 0.0  # the steps of its asset checks
    peak_mb: float = 0.0  # peak memory (PSS) of the process tree while its steps ran
    main_peak_mb: float = 0.0  # peak memory (PSS) of the run process alone (DuckDB and the assets' data live there)
    cpu_seconds: float = 0.0  # CPU time of the process tree while its steps ran (asset and checks)
    main_cpu_seconds: float = 0.0  # of which the run process's own: work no pool worker shares


@dataclass
class Run:
    """One command run: wall time, peak memory, and its stages."""

    wall_seconds: float
    peak_mb: float  # PSS of the process tree
    main_peak_mb: float
    step_seconds: float
    cpu_seconds: float
    stages: list[Stage] = field(default_factory=list)
    rss_peak_mb: float = 0.0  # RSS summed over the process tree (shared pages once per process)
    main_cpu_seconds: float = 0.0  # CPU time of the run process alone (its samples' last reading)


# ------------------------------------------------------------------ corpus


def corpus(out: Path, seed: int, mb: float | None = None, n: int | None = None) -> Corpus:
    """The cached corpus of that size and seed, generated (in a child process) if missing.

    The cache is keyed on the generator's source too: a changed generator writes another corpus.
    """
    name = f"mb{mb:g}-s{seed}" if mb else f"n{n}-s{seed}"
    home = out / "corpus" / f"{name}-{generator_version()}"
    files, labels = home / "files", home / "labels.json"
    if not labels.exists():
        shutil.rmtree(home, ignore_errors=True)
        size = ["--mb", str(mb)] if mb else ["--n", str(n)]
        generate(files, [*size, "--seed", str(seed)])
        (files / "labels.json").replace(labels)
    meta = json.loads(labels.read_text(encoding="utf-8"))
    return Corpus(name, files, labels, meta["files"], meta["bytes"])


def real_corpus(out: Path, every: int = 1) -> Corpus:
    """The real news dumps as a seeds folder (one file per record), cached; `every` > 1 keeps every n-th record."""
    name = "real-bulk" if every == 1 else f"real-bulk-every{every}"
    files = out / "corpus" / name / "files"
    paths = realnews.write_seeds(files, every=every)
    return Corpus(name, files, None, len(paths), sum(p.stat().st_size for p in paths))


def generator_version() -> str:
    return hashlib.sha1((ROOT / "bench" / "generate.py").read_bytes()).hexdigest()[:8]


def generate(folder: Path, args: list[str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "bench.generate", str(folder), *args], cwd=ROOT, check=True, capture_output=True
    )


def held_out(corp: Corpus, count: int) -> list[Path]:
    """`count` of a real corpus' files, spread over it (every n-th by path), to take out and put back."""
    paths = sorted(p for p in corp.files.rglob("*") if p.is_file())
    return paths[:: max(1, len(paths) // count)][:count]


def add_files(corp: Corpus, count: int, seed: int) -> Path:
    """Write `count` new files (another generator seed) into the corpus, in a folder of their own."""
    folder = corp.files / "incremental"
    shutil.rmtree(folder, ignore_errors=True)
    generate(folder, ["--n", str(count), "--seed", str(seed + 1000)])
    (folder / "labels.json").unlink()
    return folder


# ------------------------------------------------------------------ running the command


def memory(proc: psutil.Process) -> tuple[int, int]:
    """Proportional set size (resident memory with each page shared between processes split among them, so a
    tree's sum counts the libraries the pool workers share with their server once) and resident set size."""
    info = proc.memory_full_info()
    return info.pss, info.rss


def tree_usage(proc: psutil.Process) -> tuple[int, float, int, int, float]:
    """PSS and CPU seconds of a process and all its descendants (ended ones via their parent), PSS of the
    process, summed RSS of the tree, CPU seconds of the process alone."""
    own, cpu, pss, rss, own_cpu = 0, 0.0, 0, 0, 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                proportional, resident = memory(p)
                t = p.cpu_times()
        except psutil.Error:  # ended while sampled
            continue
        own = proportional if p is proc else own
        own_cpu = t.user + t.system if p is proc else own_cpu
        pss += proportional
        rss += resident
        cpu += t.user + t.system + t.children_user + t.children_system
    return pss, cpu, own, rss, own_cpu


def sample_usage(proc: psutil.Process, samples: list[Sample], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            samples.append((time.time(), *tree_usage(proc)))
        except psutil.Error:
            return
        stop.wait(SAMPLE_SECONDS)


def children_cpu() -> float:
    """CPU seconds of ended children (and their reaped descendants; the pool's forkserver is not reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def materialize(target: list[str], env: dict[str, str], log: Path) -> tuple[float, float, list[Sample]]:
    """Run `dagster asset materialize` on a code location: wall seconds, CPU seconds, usage samples."""
    command = [str(Path(sys.executable).parent / "dagster"), "asset", "materialize", *target, "--select", "*"]
    samples: list[Sample] = []
    stop = threading.Event()
    start, cpu = time.perf_counter(), children_cpu()
    with log.open("w") as out:
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=sample_usage, args=(psutil.Process(child.pid), samples, stop))
        sampler.start()
        code = child.wait()
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    stop.set()
    sampler.join()
    if code:
        raise RuntimeError(f"the pipeline failed (exit {code}); see {log}")
    return wall, cpu, samples


def environment(home: Path, seeds: Path, workers: int, engine: str = "local") -> dict[str, str]:
    """A fresh Dagster instance (the project's instance settings) and the run's warehouse, seeds, workers, engine.

    The code imported is the one beside this file (PYTHONPATH), so a copy of the project can be benchmarked.
    """
    dagster_home = home / "dagster_home"
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(INSTANCE_YAML, dagster_home / "dagster.yaml")
    return {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        "ZHNEWS_WAREHOUSE": str(home / "warehouse.duckdb"),
        "ZHNEWS_SEEDS": str(seeds),
        "ZHNEWS_WORKERS": str(workers),
        "ZHNEWS_ENGINE": engine,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }


def step_windows(dagster_home: Path) -> dict[str, tuple[float, float]]:
    """(start, end) wall-clock time of every step of the instance's latest run."""
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        run = instance.get_runs(limit=1)[0]
        events = instance.all_logs(
            run.run_id, of_type={dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS}
        )
    starts = {e.step_key: e.timestamp for e in events if e.dagster_event_type == dg.DagsterEventType.STEP_START}
    return {
        e.step_key: (starts[e.step_key], e.timestamp)
        for e in events
        if e.dagster_event_type == dg.DagsterEventType.STEP_SUCCESS and e.step_key in starts
    }


def stage_of(step_key: str) -> tuple[str, bool]:
    """The stage a step belongs to, and whether it is an asset check (`<asset>_<check name>`)."""
    if step_key in STEP_STAGES:
        return STEP_STAGES[step_key], False
    if step_key in STAGES:
        return STAGES[step_key], False
    asset = max((a for a in STAGES if step_key.startswith(a + "_")), key=len, default=None)
    return (STAGES[asset], True) if asset else ("other", True)


def stages(windows: dict[str, tuple[float, float]], samples: list[Sample]) -> list[Stage]:
    """Seconds and peak memory per stage, in pipeline order."""
    order = list(dict.fromkeys([*STAGES.values(), "other"]))
    found = {name: Stage(name) for name in order}
    for step, (start, end) in windows.items():
        name, is_check = stage_of(step)
        stage = found[name]
        if is_check:
            stage.check_seconds += end - start
        else:
            stage.seconds += end - start
        inside = [(pss, own) for t, pss, _, own, *_ in samples if start <= t <= end]
        stage.peak_mb = max(stage.peak_mb, max((pss for pss, _ in inside), default=0) / 2**20)
        stage.main_peak_mb = max(stage.main_peak_mb, max((own for _, own in inside), default=0) / 2**20)
        stage.cpu_seconds += cpu_between(samples, start, end)
        stage.main_cpu_seconds += cpu_between(samples, start, end, column=5)
    return [s for s in found.values() if s.seconds or s.check_seconds]


def cpu_between(samples: list[Sample], start: float, end: float, column: int = 2) -> float:
    """CPU seconds of the tree (of the run process alone: `column` 5) from the last sample before `start` to the
    first after `end`."""
    before = [sample[column] for sample in samples if sample[0] <= start]
    after = [sample[column] for sample in samples if sample[0] >= end]
    first = before[-1] if before else 0.0
    last = after[0] if after else (samples[-1][column] if samples else 0.0)
    return max(0.0, last - first)


def run_pipeline(home: Path, seeds: Path, workers: int, label: str, engine: str = "local") -> Run:
    env = environment(home, seeds, workers, engine)
    wall, cpu, samples = materialize(PIPELINE, env, home / f"{label}.log")
    windows = step_windows(Path(env["DAGSTER_HOME"]))
    return Run(
        wall_seconds=wall,
        peak_mb=max((pss for _, pss, *_ in samples), default=0) / 2**20,
        main_peak_mb=max((own for _, _, _, own, *_ in samples), default=0) / 2**20,
        rss_peak_mb=max((rss for *_, rss, _ in samples), default=0) / 2**20,
        step_seconds=sum(end - start for start, end in windows.values()),
        cpu_seconds=max(cpu, max((c for _, _, c, *_ in samples), default=0.0)),
        stages=stages(windows, samples),
        main_cpu_seconds=samples[-1][5] if samples else 0.0,
    )


def noop_seconds(home: Path, seeds: Path, repeat: int, target: list[str] = NOOP) -> float:
    """Median wall time of `repeat` runs of a no-op project through the same command: Dagster's own start-up
    (`NOOP`, one asset) or its cost of the pipeline's graph (`NOOP_GRAPH`)."""
    walls = [materialize(target, environment(home, seeds, 1), home / "noop.log")[0] for _ in range(repeat)]
    return statistics.median(walls)


def full_runs(home: Path, seeds: Path, workers: int, repeat: int, engine: str = "local") -> list[Run]:
    """`repeat` full runs, each on a fresh warehouse and instance (the last one's are left in `home`)."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        runs.append(run_pipeline(home, seeds, workers, "full", engine))
    return runs


def import_seconds() -> float:
    """Time to import the project's code location (the text libraries included), in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pipelines.definitions"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


# ------------------------------------------------------------------ dedupe quality


def pairwise_quality(warehouse: Path, labels: Path) -> dict[str, float]:
    """Pairwise precision and recall of the warehouse's clusters against the generator's clusters."""
    meta = json.loads(labels.read_text(encoding="utf-8"))
    truth = {path: i for i, cluster in enumerate(meta["clusters"]) for path in cluster}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select source_path, cluster_id from documents").fetchall()
    rows = [(path, cluster) for path, cluster in rows if not path.startswith("incremental/")]
    predicted = Counter(cluster for _, cluster in rows)
    both = Counter((cluster, truth.get(path, path)) for path, cluster in rows)
    true_pairs = sum(comb(len(c), 2) for c in meta["clusters"])
    predicted_pairs = sum(comb(n, 2) for n in predicted.values())
    agreed = sum(comb(n, 2) for n in both.values())
    return {
        "precision": agreed / predicted_pairs if predicted_pairs else 1.0,
        "recall": agreed / true_pairs if true_pairs else 1.0,
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "documents": len(rows),
    }


# ------------------------------------------------------------------ one benchmark


def bench(
    corp: Corpus, out: Path, workers: int, new_files: int, seed: int, repeat: int = 1, engine: str = "local"
) -> dict:
    """Full runs (the median of `repeat` reported), quality, incremental run, unchanged re-run and no-op runs for
    one corpus, worker count and engine."""
    home = out / "runs" / (f"{corp.name}-w{workers}" + ("" if engine == "local" else f"-{engine}"))
    shutil.rmtree(corp.files / "incremental", ignore_errors=True)
    print(f"{corp.name}: {corp.n_files} files, {corp.n_bytes / 1e6:.1f} MB, {workers} worker(s), {engine}", flush=True)
    runs = full_runs(home, corp.files, workers, repeat, engine)
    full = sorted(runs, key=lambda r: r.wall_seconds)[len(runs) // 2]
    walls = ", ".join(f"{r.wall_seconds:.1f}" for r in runs)
    print(f"  full run {full.wall_seconds:.1f} s (runs: {walls}), peak {full.peak_mb:.0f} MB", flush=True)
    quality = pairwise_quality(home / "warehouse.duckdb", corp.labels) if corp.labels else None
    result = {
        "corpus": corp.name,
        "real": corp.real,
        "seed": seed,
        "generator": None if corp.real else generator_version(),
        "files": corp.n_files,
        "megabytes": corp.n_bytes / 1e6,
        "workers": workers,
        "engine": engine,
        "finished_at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "load_average": os.getloadavg()[0],
        "full": asdict(full),
        "full_walls": [r.wall_seconds for r in runs],
        "dedupe": quality,
    }
    if new_files:
        result.update(incremental_runs(corp, home, workers, new_files, seed, engine))
        print(f"  incremental (+{new_files} files) {result['incremental']['wall_seconds']:.1f} s", flush=True)
    result["noop_seconds"] = noop_seconds(home, corp.files, repeat)
    result["graph_floor_seconds"] = noop_seconds(home, corp.files, repeat, NOOP_GRAPH)
    result["import_seconds"] = import_seconds()
    print(f"  no-op run {result['noop_seconds']:.1f} s, no-op graph {result['graph_floor_seconds']:.1f} s", flush=True)
    return result


def incremental_runs(corp: Corpus, home: Path, workers: int, new_files: int, seed: int, engine: str = "local") -> dict:
    """A run after adding `new_files` files to the warehouse of the last full run, then a run with nothing new.

    A real corpus' new files are its own: some are taken out and a run forgets them, then they are put back.
    """
    if corp.real:
        moved = [(path, home / "held_out" / path.relative_to(corp.files)) for path in held_out(corp, new_files)]
        try:
            for path, away in moved:
                away.parent.mkdir(parents=True, exist_ok=True)
                path.replace(away)
            run_pipeline(home, corp.files, workers, "held_out", engine)
        finally:
            for path, away in moved:
                if away.exists():
                    away.replace(path)
    else:
        add_files(corp, new_files, seed)
    try:
        incremental = run_pipeline(home, corp.files, workers, "incremental", engine)
        unchanged = run_pipeline(home, corp.files, workers, "unchanged", engine)
    finally:
        shutil.rmtree(corp.files / "incremental", ignore_errors=True)
    return {"incremental": asdict(incremental), "unchanged": asdict(unchanged), "new_files": new_files}


# ------------------------------------------------------------------ report


def rate(amount: float, seconds: float, digits: int) -> str:
    return f"{amount / seconds:.{digits}f}" if seconds > 0 and amount else "-"


def cpu_cell(value: float | None) -> str:
    """CPU seconds for a table cell; '-' for results recorded before they were measured."""
    return f"{value:.1f}" if value else "-"


def megabytes(value: float | None) -> str:
    return f"{value:.0f}" if value else "-"


def summary_table(results: list[dict]) -> str:
    """End to end, one row per run."""
    lines = [
        "| corpus | files | MB | workers | wall s | MB/s | MB/s beyond Dagster's start-up | MB/s of the steps | docs/s "
        "| CPU s | peak memory MB | peak RSS MB, summed | dedupe P | dedupe R | +new files: wall s | of which steps s "
        "| unchanged re-run s | no-op run s | no-op graph s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        full, q, inc = r["full"], r["dedupe"], r.get("incremental")
        extra = (
            [
                f"+{r['new_files']}: {inc['wall_seconds']:.1f}",
                f"{inc['step_seconds']:.1f}",
                f"{r['unchanged']['wall_seconds']:.1f}",
            ]
            if inc
            else ["-"] * 3
        )
        extra.append(f"{r['noop_seconds']:.1f}" if "noop_seconds" in r else "-")
        extra.append(f"{r['graph_floor_seconds']:.1f}" if "graph_floor_seconds" in r else "-")
        wall = full["wall_seconds"]
        quality = f"| {q['precision']:.3f} | {q['recall']:.3f} |" if q else "| - | - |"
        lines.append(
            f"| {r['corpus']} | {r['files']} | {r['megabytes']:.1f} | {workers_shown(r)} | {wall:.1f} "
            f"| {rate(r['megabytes'], wall, 2)} | {rate(r['megabytes'], beyond_startup(r), 2)} "
            f"| {rate(r['megabytes'], full['step_seconds'], 2)} "
            f"| {rate(r['files'], wall, 0)} | {full['cpu_seconds']:.0f} "
            f"| {full['peak_mb']:.0f} | {megabytes(full.get('rss_peak_mb'))} "
            f"{quality} " + " | ".join(extra) + " |"
        )
    return "\n".join(lines)


def engine_of(result: dict) -> str:
    return result.get("engine", "local")  # results from before engines existed ran locally


def workers_shown(result: dict) -> str:
    return f"{result['workers']}" if engine_of(result) == "local" else f"{result['workers']} ({engine_of(result)})"


def engine_overhead(results: list[dict]) -> list[str]:
    """Per result on another engine: its wall time, step time, CPU and peak memory against the local engine's on
    the same corpus and workers."""
    local = {(r["corpus"], r["workers"]): r for r in results if engine_of(r) == "local"}
    lines = []
    for r in results:
        base = local.get((r["corpus"], r["workers"]))
        if engine_of(r) == "local" or base is None:
            continue
        run, ref = r["full"], base["full"]
        overhead = run["wall_seconds"] / ref["wall_seconds"] - 1
        lines.append(
            f"- {r['corpus']}, {r['workers']} worker(s), {engine_of(r)} against local: wall "
            f"{run['wall_seconds']:.1f} / {ref['wall_seconds']:.1f} s ({overhead:+.0%}), "
            f"steps {run['step_seconds']:.1f} / {ref['step_seconds']:.1f} s, CPU {run['cpu_seconds']:.0f} / "
            f"{ref['cpu_seconds']:.0f} s, peak memory {run['peak_mb']:.0f} / {ref['peak_mb']:.0f} MB"
        )
    return lines


def wall_seconds(result: dict) -> float:
    return result["full"]["wall_seconds"]


def beyond_startup(result: dict) -> float:
    """Wall seconds of the full run beyond Dagster's own start-up (a one-asset no-op run through the same command)."""
    return result["full"]["wall_seconds"] - result.get("noop_seconds", 0.0)


def beyond_graph_floor(result: dict) -> float:
    """Wall seconds of the full run beyond Dagster's own cost of the graph (the same steps doing nothing)."""
    return result["full"]["wall_seconds"] - result.get("graph_floor_seconds", 0.0)


def linearity(results: list[dict]) -> list[str]:
    """Per worker count with several sizes: MB/s of each size, and the slowest as a share of the fastest."""
    lines = []
    for workers in sorted({r["workers"] for r in results}):
        same = (r for r in results if r["workers"] == workers and not r.get("real") and engine_of(r) == "local")
        runs = sorted(same, key=lambda r: r["megabytes"])
        if len(runs) < 2:
            continue
        measures = (
            ("end to end", wall_seconds),
            ("beyond Dagster's start-up", beyond_startup),
            ("beyond Dagster's cost of the graph", beyond_graph_floor),
        )
        for label, seconds in measures:
            speeds = [r["megabytes"] / seconds(r) for r in runs]
            shown = " / ".join(f"{r['megabytes']:.0f} MB {v:.2f}" for r, v in zip(runs, speeds, strict=True))
            slowest = min(speeds) / max(speeds)
            lines.append(f"- {workers} worker(s), MB/s {label}: {shown}; the slowest is {slowest:.0%} of the fastest")
    return lines


def stage_table(result: dict, kind: str = "full") -> str:
    """One row per stage of one run: step seconds, checks, CPU (the tree's and the run process's own: what no pool
    worker shares), MB/s and docs/s of the asset step, peak memory."""
    run, mb, files = result[kind], result["megabytes"], result["files"]
    if kind != "full":  # the corpus' size says nothing about the speed of a run that takes in a few files
        mb = files = 0
    lines = [
        "| stage | asset s | checks s | CPU s | run process CPU s | MB/s | docs/s | peak memory MB "
        "| of which run process |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in run["stages"]:
        lines.append(
            f"| {s['name']} | {s['seconds']:.1f} | {s['check_seconds']:.1f} | {s['cpu_seconds']:.1f} "
            f"| {cpu_cell(s.get('main_cpu_seconds'))} "
            f"| {rate(mb, s['seconds'], 2)} | {rate(files, s['seconds'], 0)} | {megabytes(s['peak_mb'])} "
            f"| {megabytes(s.get('main_peak_mb'))} |"
        )
    startup = run["wall_seconds"] - run["step_seconds"]
    lines.append(f"| Dagster start-up, imports, run bookkeeping | {startup:.1f} | | | | | | | |")
    lines.append(
        f"| **end to end** | **{run['wall_seconds']:.1f}** | | {run['cpu_seconds']:.1f} "
        f"| {cpu_cell(run.get('main_cpu_seconds'))} "
        f"| **{rate(mb, run['wall_seconds'], 2)}** | {rate(files, run['wall_seconds'], 0)} | {run['peak_mb']:.0f} "
        f"| {megabytes(run.get('main_peak_mb'))} |"
    )
    return "\n".join(lines)


def title(result: dict) -> str:
    shown = f"{result['corpus']} ({result['files']} files, {result['megabytes']:.1f} MB), {result['workers']} worker(s)"
    return shown if engine_of(result) == "local" else f"{shown}, engine {engine_of(result)}"


def report(results: list[dict]) -> str:
    latest = {(r["corpus"], r["workers"], engine_of(r)): r for r in results}
    ordered = sorted(latest.values(), key=lambda r: (not r.get("real"), engine_of(r), r["workers"], r["megabytes"]))
    parts = [
        "End to end: `dagster asset materialize -m pipelines.definitions --select '*'`, asset checks included; "
        "MB/s beyond Dagster's start-up leaves out the wall time of a one-asset no-op run through the same command "
        "(no-op run), beyond Dagster's cost of the graph that of the pipeline's 21 steps doing nothing (no-op graph); "
        "MB/s of the steps leaves out all time outside the run's steps. Peak memory is the proportional set size "
        "(PSS) of the whole process tree: pages the pool workers share with their server counted once (summed RSS "
        "counts them once per process).",
        "",
        summary_table(ordered),
        "",
        "Cost against corpus size:",
        "",
        *linearity(ordered),
        *engine_overhead(ordered),
        *[
            f"- {r['corpus']}, {r['workers']} worker(s): full runs of "
            + ", ".join(f"{w:.1f}" for w in r["full_walls"])
            + " s (the median is reported)"
            for r in ordered
            if len(r.get("full_walls", [])) > 1
        ],
    ]
    for r in ordered:
        parts += ["", f"Per stage, {title(r)}:", "", stage_table(r)]
        if r.get("incremental"):
            parts += [
                "",
                f"Fixed costs of a run: a one-asset no-op run {r['noop_seconds']:.1f} s; importing the "
                f"code location `pipelines.definitions` {r['import_seconds']:.1f} s; a re-run with nothing "
                f"new {r['unchanged']['wall_seconds']:.1f} s (steps {r['unchanged']['step_seconds']:.1f} s).",
            ]
        if r.get("incremental"):
            parts += [
                "",
                f"Per stage, {title(r)}, after adding {r['new_files']} files:",
                "",
                stage_table(r, "incremental"),
            ]
    return "\n".join(parts) + "\n"


def load_results(out: Path) -> list[dict]:
    path = out / "results.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def save(out: Path, results: list[dict]) -> str:
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    text = report(results)
    (out / "report.md").write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--mb", type=float, nargs="+", help="corpus sizes in MB (default 10 30 100)")
    size.add_argument("--n", type=int, nargs="+", help="corpus sizes in files")
    parser.add_argument("--real", type=int, nargs="?", const=1, metavar="EVERY", help="the real news dumps first")
    parser.add_argument("--workers", type=int, nargs="+", default=[os.cpu_count() or 1])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engine", nargs="+", choices=["local", "ray"], default=["local"], help="ZHNEWS_ENGINE")
    parser.add_argument("--new-files", type=int, default=10, help="files added for the incremental run (0: none)")
    parser.add_argument("--repeat", type=int, default=1, help="full runs per size; the median is reported")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--report-only", action="store_true", help="rebuild OUT/report.md from OUT/results.json")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = load_results(args.out)
    if not args.report_only:
        sizes = [{"n": n} for n in args.n] if args.n else [{"mb": mb} for mb in args.mb or []]
        if not sizes and not args.real:
            sizes = [{"mb": mb} for mb in (10, 30, 100)]
        corpora = [real_corpus(args.out, args.real)] if args.real else []
        for corp in corpora + [corpus(args.out, args.seed, **spec) for spec in sizes]:
            for workers in args.workers:
                for engine in args.engine:
                    results.append(bench(corp, args.out, workers, args.new_files, args.seed, args.repeat, engine))
                    save(args.out, results)
    print(save(args.out, results))


if __name__ == "__main__":
    main()
