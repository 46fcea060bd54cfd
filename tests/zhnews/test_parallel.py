"""zhnews.parallel: the same answers in order, in one process or in a pool."""

import dataclasses
import os
import pickle
import signal
import subprocess
import sys
import time
from functools import partial

import pytest

from zhnews.parallel import (
    MIN_BATCH,
    Budget,
    as_rows,
    isolating_failures,
    map_batches,
    plan_batches,
    pool_pays,
    split_batches,
    text_size,
    worker_count,
)


@pytest.mark.parametrize("workers", [1, 2])
def test_map_batches_keeps_order_and_pairs_each_batch_with_its_result(workers):
    batches = [[i + 1, i] for i in range(0, 40, 2)]  # `sorted` stands in for a stage: a picklable module function
    pairs = list(map_batches(sorted, iter(batches), workers))
    assert [b for b, _ in pairs] == batches
    assert [r for _, r in pairs] == [[i, i + 1] for i in range(0, 40, 2)]


def test_worker_count_follows_the_environment(monkeypatch):
    monkeypatch.setenv("ZHNEWS_WORKERS", "3")
    assert worker_count() == 3
    monkeypatch.setenv("ZHNEWS_WORKERS", "0")
    assert worker_count() == 1


def reciprocals(batch: list[int]) -> list[float]:
    return [1 / x for x in batch]


def test_isolating_failures_keeps_the_good_items_and_names_the_bad_one():
    results, failed = isolating_failures(reciprocals, [1, 0, 4])
    assert results == [1.0, 0.25]
    assert failed == [(0, "ZeroDivisionError: division by zero")]


def test_isolating_failures_runs_a_clean_batch_once():
    assert isolating_failures(reciprocals, [2, 4]) == ([0.5, 0.25], [])


def spin_on_long_texts(batch: list[tuple[str, str]]) -> list[str]:
    """Stands in for a stage with a runaway document: pure Python that never ends on texts over 100 characters."""
    for _, text in batch:
        while len(text) > 100:
            pass
    return [doc_id for doc_id, _ in batch]


def test_a_document_over_its_time_budget_fails_alone():
    docs = [("a", "短文"), ("b", "长" * 1000), ("c", "短文")]
    isolate = partial(isolating_failures, spin_on_long_texts, budget=Budget(fixed=0.2, per_million_chars=0))
    start = time.perf_counter()
    results, failed = isolate(docs)
    assert results == ["a", "c"]
    assert failed == [(("b", "长" * 1000), "OverBudget: over its time budget of 0 s")]
    assert time.perf_counter() - start < 10


def test_a_budget_grows_with_the_text_of_a_batch():
    budget = Budget(fixed=2, per_million_chars=10)
    assert budget.seconds([("d", "字" * 1_000_000)]) == pytest.approx(12, abs=0.01)
    assert budget.seconds([("d", "字" * 500_000), ("e", "字" * 500_000)]) == pytest.approx(12, abs=0.01)
    assert text_size(("d", "字" * 10, None)) == 11


def test_pool_server_and_workers_end_with_a_run_killed_with_kill_9(tmp_path):
    """A parent that starts a pool, then is killed with SIGKILL: its worker server and workers end too."""
    script = (
        "import sys, time\n"
        "from zhnews.parallel import map_batches\n"
        "list(map_batches(sorted, [[2, 1]] * 4, 2))\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "ready"
    children = pool_processes(parent.pid)
    assert children  # the worker server and its workers
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if alive(pid)]


def pool_processes(root: int) -> list[int]:
    """Every descendant of `root` (from /proc, Linux)."""
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                kids = [int(k) for k in children.read().split()]
            found += kids
            frontier += kids
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def modules_loaded(names: list[str]) -> list[bool]:
    return [name in sys.modules for name in names]


def test_pool_workers_start_with_every_stage_module_loaded():
    names = ["zhnews.clean", "zhnews.dedupe", "zhnews.entities", "zhnews.figures", "jieba.posseg", "cn2an", "opencc"]
    batches = [names, names, names]  # more than one batch per worker: a real pool
    assert [loaded for _, loaded in map_batches(modules_loaded, batches, 2)] == [[True] * 7] * 3


@pytest.mark.parametrize(
    ("items", "largest", "workers", "sizes"),
    [
        (1000, 200, 2, [125] * 8),  # about four batches per worker
        (5000, 200, 2, [200] * 25),  # never larger than `largest`
        (2 * MIN_BATCH, 200, 2, [MIN_BATCH] * 2),  # never smaller than MIN_BATCH
        (2 * MIN_BATCH - 1, 200, 2, [2 * MIN_BATCH - 1]),  # too little to share: one batch, run in-process
        (1000, 200, 1, [200] * 5),  # one worker: as few batches as `largest` allows
        (0, 200, 2, []),
    ],
)
def test_batches_are_bounded_and_spread_over_the_workers_when_that_pays(items, largest, workers, sizes):
    found = split_batches(list(range(items)), largest, workers)
    assert [len(b) for b in found] == sizes
    assert [i for b in found for i in b] == list(range(items))
    assert pool_pays(items, workers) == (len(found) > 1 and workers > 1)


@pytest.mark.parametrize(("items", "largest"), [(1000, 200), (13710, 1000), (14621, 500), (777, 64), (129, 1000)])
def test_tapering_batches_are_small_at_the_end_so_the_workers_finish_together(items, largest):
    found = split_batches(list(range(items)), largest, 2, taper=True)
    full = max(len(b) for b in found)
    assert [len(b) for b in found[:-1]] == sorted((len(b) for b in found[:-1]), reverse=True)
    assert len(found[-1]) < 2 * max(MIN_BATCH, full // 4)
    assert [i for b in found for i in b] == list(range(items))


@pytest.mark.parametrize(("items", "batches", "processes"), [(1000, 8, 2), (10, 1, 1)])
def test_plan_batches_runs_in_this_process_when_sharing_does_not_pay(monkeypatch, items, batches, processes):
    monkeypatch.setenv("ZHNEWS_WORKERS", "2")
    found, workers = plan_batches(list(range(items)), 200)
    assert (len(found), workers) == (batches, processes)


def test_an_interrupted_run_does_not_wait_for_the_batches_in_flight():
    """Ctrl-C while workers run long batches: map_batches ends them and the process exits at once."""
    script = (
        "import signal, time\n"
        "from zhnews.parallel import map_batches\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "list(map_batches(sorted, [[2, 1]] * 4, 2))\n"
        "print('ready', flush=True)\n"
        "list(map_batches(time.sleep, [60] * 4, 2))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "ready"
    time.sleep(1)  # the sleeping batches are in the workers
    began = time.monotonic()
    parent.send_signal(signal.SIGINT)
    parent.communicate(timeout=30)
    assert time.monotonic() - began < 10


@dataclasses.dataclass
class Pair:
    name: str
    size: int = 0


@dataclasses.dataclass
class Single:
    name: str


def pairs_of(names: list[str]) -> list[Pair]:
    return [Pair(name, len(name)) for name in names]


def singles_of(names: list[str]) -> list[Single]:
    return [Single(name) for name in names]


def test_as_rows_returns_the_fields_of_each_record_in_order_and_pickles():
    rows = pickle.loads(pickle.dumps(as_rows(pairs_of)))(["ab", "c"])
    assert rows == [("ab", 2), ("c", 1)]
    assert as_rows(singles_of)(["ab"]) == [("ab",)]
    assert as_rows(pairs_of)([]) == []
