"""Run a batch function over many batches on every core, streaming, with bounded work in flight."""

from __future__ import annotations

import ctypes
import dataclasses
import math
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing import spawn
from operator import attrgetter
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


MIN_BATCH = 64  # items: less work than this is not worth a trip to a worker
BATCHES_PER_WORKER = 4  # enough that a small corpus keeps every core busy and the last batch ends soon
TAPER_FLOOR = 4  # tapering batches shrink to a quarter of the full size at most: each batch costs a hand-off


def worker_count() -> int:
    """Processes to use: `ZHNEWS_WORKERS`, else one per core."""
    return max(1, int(os.environ.get("ZHNEWS_WORKERS") or os.cpu_count() or 1))


def pool_pays(items: int, workers: int) -> bool:
    """Whether `items` are enough work to share among `workers` processes."""
    return workers > 1 and items >= 2 * MIN_BATCH


def split_batches(items: list[In], largest: int, workers: int, taper: bool = False) -> list[list[In]]:
    """`items` in order, cut into batches of at most `largest`: about `BATCHES_PER_WORKER` per worker when there
    is enough work to share (batches of at least `MIN_BATCH`), else as few as `largest` allows.

    With `taper`, shared batches shrink at the end (each at most the items left over twice the workers, never
    under `MIN_BATCH` nor a `TAPER_FLOOR`th of the full size): the workers finish nearly together instead of one
    waiting out another's last full batch. Worth it where a batch takes seconds (entities); where the run process
    does work per batch that grows with the table (dedupe's matching), more batches cost more than they save.
    """
    if not pool_pays(len(items), workers):
        return [items[start : start + largest] for start in range(0, len(items), largest)]
    size = max(MIN_BATCH, min(largest, math.ceil(len(items) / (BATCHES_PER_WORKER * workers))))
    if not taper:
        return [items[start : start + size] for start in range(0, len(items), size)]
    batches: list[list[In]] = []
    start = 0
    while start < len(items):
        left = len(items) - start
        step = max(MIN_BATCH, size // TAPER_FLOOR, min(size, math.ceil(left / (2 * workers))))
        step = left if left - step < MIN_BATCH and left <= size else step  # no crumb of a batch at the end
        batches.append(items[start : start + step])
        start += step
    return batches


def plan_batches(items: list[In], largest: int, taper: bool = False) -> tuple[list[list[In]], int]:
    """`split_batches` for this machine's `worker_count`, and how many processes should run them (1: this one)."""
    workers = worker_count()
    found = split_batches(items, largest, workers, taper)
    return found, workers if len(found) > 1 else 1


WORKER_PRELOAD = "zhnews.worker_preload"  # imported once by the server that forks the workers
# A worker re-runs the pool owner's main script (Dagster's command line: 0.5 s) unless its server's __main__
# names that script; the server is told the path and names it without running it, because workers are only
# handed functions of importable modules (see `map_batches`), never anything defined in the script.
MAIN_PATH_VARIABLE = "ZHNEWS_WORKER_MAIN"


def start_worker_server() -> None:
    """Start (once per process, without waiting) the server that forks pool workers.

    The server imports `WORKER_PRELOAD` first, so every worker of every pool starts with the stage modules,
    their rules and jieba's dictionary loaded (about a second per worker otherwise). Call it early, so that
    loading overlaps other work; `map_batches` calls it anyway.
    """
    main_path = spawn.get_preparation_data("worker").get("init_main_from_path")
    multiprocessing.set_forkserver_preload([WORKER_PRELOAD])
    if main_path:
        os.environ[MAIN_PATH_VARIABLE] = main_path  # for the server spawned now only: removed right after
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        os.environ.pop(MAIN_PATH_VARIABLE, None)


def map_batches(fn: Callable[[In], Out], batches: Iterable[In], workers: int) -> Iterator[tuple[In, Out]]:
    """Yield (batch, fn(batch)) in order; with workers > 1 the calls run in a process pool.

    At most two batches per worker are in flight, so memory stays bounded however many batches come.
    `fn` must be a function of an importable module, not of the main script (it is pickled by reference).
    """
    if workers <= 1:
        for batch in batches:
            yield batch, fn(batch)
        return
    start_worker_server()
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent) as pool:
        try:
            in_flight: deque[tuple[In, Future]] = deque()
            for batch in batches:
                in_flight.append((batch, pool.submit(fn, batch)))
                if len(in_flight) >= 2 * workers:
                    done, future = in_flight.popleft()
                    yield done, future.result()
            while in_flight:
                done, future = in_flight.popleft()
                yield done, future.result()
        except BaseException:  # Ctrl-C, SIGTERM, an error of the caller: do not wait for the batches in flight
            stop_workers(pool)
            raise


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now and drop its queued batches (`_processes`: the executor's own record of
    its workers, which `shutdown` clears)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for process in workers:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal this process gets when its parent ends


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent ends (Linux; elsewhere nothing).

    Called by the worker server when it starts and by every pool worker, so that neither outlives a run
    process killed with `kill -9` (they would otherwise wait for work forever, holding their memory).
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return


def as_rows(fn: Callable[[In], list]) -> Callable[[In], list[tuple]]:
    """`fn` returning each of its records (dataclass instances) as the plain tuple of its fields, in field order:
    a worker sends tuples back several times faster than objects. Picklable when `fn` is."""
    return partial(_rows_of, fn)


def _rows_of(fn: Callable[[In], list], batch: In) -> list[tuple]:
    records = fn(batch)
    if not records:
        return []
    names = [f.name for f in dataclasses.fields(records[0])]
    if len(names) == 1:
        return [(getattr(record, names[0]),) for record in records]
    fields = attrgetter(*names)
    return [fields(record) for record in records]


class OverBudget(Exception):
    """A stage function ran longer than its budget."""


@dataclass(frozen=True)
class Budget:
    """How long a stage function may take on a batch: `fixed` seconds plus `per_million_chars` seconds per
    million characters of text in the batch. Every stage is linear; the slowest, entities, takes about 12 s
    per million characters of dense news on the development VM, so the budget leaves 5x room. A batch with a
    runaway document is caught within its batch's budget, then each document gets its own."""

    fixed: float = 10.0
    per_million_chars: float = 60.0

    def seconds(self, items: list) -> float:
        return self.fixed + self.per_million_chars * sum(text_size(item) for item in items) / 1e6


DEFAULT_BUDGET = Budget()


def text_size(item: object) -> int:
    """Characters of text in an item: its string fields (a record's, or a tuple's)."""
    fields = vars(item).values() if hasattr(item, "__dict__") else item if isinstance(item, tuple) else (item,)
    return sum(len(f) for f in fields if isinstance(f, str))


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in the block after `seconds` (SIGALRM: only in a process's main thread, elsewhere
    the block runs unbounded). Python code is interrupted between two bytecodes; a C call is not."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise OverBudget(f"over its time budget of {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def isolating_failures(
    fn: Callable[[list[In]], list[Out]], batch: list[In], budget: Budget = DEFAULT_BUDGET
) -> tuple[list[Out], list[tuple[In, str]]]:
    """Run `fn` on a batch; if it raises or overruns its time budget, run it item by item so a bad item fails
    only itself.

    The one place where a stage meets a document it cannot handle: returns the results and the failed items
    with a one-line reason, and the stage quarantines those. Wrap with functools.partial to hand it to
    `map_batches` (it stays picklable).
    """
    try:
        with time_limit(budget.seconds(batch)):
            return fn(batch), []
    except Exception:  # one item broke the batch: find it, keep the rest
        results: list[Out] = []
        failed: list[tuple[In, str]] = []
        for item in batch:
            try:
                with time_limit(budget.seconds([item])):
                    results.extend(fn([item]))
            except Exception as err:
                failed.append((item, " ".join(f"{type(err).__name__}: {err}".split())[:160]))
        return results, failed
