"""zhnews.parallel: the same answers in order, in one process or in a pool."""

import pytest

from zhnews.parallel import isolating_failures, map_batches, worker_count


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
