"""Run a batch function over many batches on every core, streaming, with bounded work in flight."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def worker_count() -> int:
    """Processes to use: `ZHNEWS_WORKERS`, else one per core."""
    return max(1, int(os.environ.get("ZHNEWS_WORKERS") or os.cpu_count() or 1))


def map_batches(fn: Callable[[In], Out], batches: Iterable[In], workers: int) -> Iterator[tuple[In, Out]]:
    """Yield (batch, fn(batch)) in order; with workers > 1 the calls run in a process pool.

    At most two batches per worker are in flight, so memory stays bounded however many batches come.
    `fn` must be a module-level function (it is pickled by reference).
    """
    if workers <= 1:
        for batch in batches:
            yield batch, fn(batch)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        in_flight: deque[tuple[In, Future]] = deque()
        for batch in batches:
            in_flight.append((batch, pool.submit(fn, batch)))
            if len(in_flight) >= 2 * workers:
                done, future = in_flight.popleft()
                yield done, future.result()
        while in_flight:
            done, future = in_flight.popleft()
            yield done, future.result()


def isolating_failures(fn: Callable[[list[In]], list[Out]], batch: list[In]) -> tuple[list[Out], list[tuple[In, str]]]:
    """Run `fn` on a batch; if it raises, run it item by item so a bad item fails only itself.

    Returns the results and the failed items with a one-line reason. Wrap with functools.partial to
    hand it to `map_batches` (it stays picklable).
    """
    try:
        return fn(batch), []
    except Exception:  # one item broke the batch: find it, keep the rest
        results: list[Out] = []
        failed: list[tuple[In, str]] = []
        for item in batch:
            try:
                results.extend(fn([item]))
            except Exception as err:
                failed.append((item, " ".join(f"{type(err).__name__}: {err}".split())[:160]))
        return results, failed
