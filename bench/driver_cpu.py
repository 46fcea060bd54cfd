"""CPU seconds of the run process alone, per stage: the part of a run that more cores or a Ray cluster do not share.

usage: .venv/bin/python -m bench.driver_cpu SEEDS [--engine ray] [--workers 2]

Materialises every asset in this process (as `dagster asset materialize` does) on SEEDS into a fresh warehouse
under a temporary folder, with the batch functions on the engine's workers; a thread samples this process's own
CPU time (getrusage RUSAGE_SELF: workers excluded) every 0.1 s, and each step's share is the CPU spent between
its start and end events. With `--engine ray` the batch functions run in Ray's worker processes, so what remains
here is reading and writing DuckDB, LSH bucket look-ups and verification, clustering, and Dagster itself.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import dagster as dg

SAMPLE_SECONDS = 0.1


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_between(samples: list[tuple[float, float]], start: float, end: float) -> float:
    """CPU seconds spent between two times, from (time, cumulative CPU) samples in time order."""
    inside = [cpu for at, cpu in samples if start <= at <= end]
    return inside[-1] - inside[0] if len(inside) > 1 else 0.0


def step_windows(instance: dg.DagsterInstance, run_id: str) -> dict[str, tuple[float, float]]:
    """(start, end) time of every step of a run, from its event log."""
    starts, windows = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            starts[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            windows[event.step_key] = (starts[event.step_key], entry.timestamp)
    return windows


def measure(seeds: Path, folder: Path) -> tuple[float, float, dict[str, float]]:
    """Materialise everything on `seeds`: wall seconds, this process's CPU seconds, and its CPU per step."""
    from pipelines.definitions import build_definitions
    from pipelines.resources import build_resources

    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.time(), own_cpu()))
            stop.wait(SAMPLE_SECONDS)

    definitions = build_definitions(build_resources(seeds, folder / "warehouse" / "zhnews.duckdb"))
    job = definitions.get_implicit_global_asset_job_def()
    sampler = threading.Thread(target=sample)
    with dg.DagsterInstance.ephemeral() as instance:
        start_wall, start_cpu = time.perf_counter(), own_cpu()
        sampler.start()
        result = job.execute_in_process(instance=instance)
        stop.set()
        sampler.join()
        wall, cpu = time.perf_counter() - start_wall, own_cpu() - start_cpu
        windows = step_windows(instance, result.run_id)
    per_step = {step: cpu_between(samples, start, end) for step, (start, end) in windows.items()}
    return wall, cpu, per_step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--engine", choices=["local", "ray"], default="ray")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ.update(ZHNEWS_ENGINE=args.engine, ZHNEWS_WORKERS=str(args.workers))
    megabytes = sum(p.stat().st_size for p in args.seeds.rglob("*") if p.is_file()) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        wall, cpu, per_step = measure(args.seeds, Path(folder))
    print(f"{megabytes:.1f} MB, engine {args.engine}, {args.workers} workers: wall {wall:.1f} s, run process CPU "
          f"{cpu:.1f} s ({megabytes / cpu:.2f} MB per CPU s of the run process)")
    for step, seconds in sorted(per_step.items(), key=lambda item: -item[1]):
        if seconds >= 0.05:
            print(f"  {step}: {seconds:.1f} CPU s")


if __name__ == "__main__":
    main()
