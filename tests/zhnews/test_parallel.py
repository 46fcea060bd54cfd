"""zhnews.parallel: the same answers in order, in one process or in a pool."""

import pytest

from zhnews.parallel import map_batches, worker_count


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
