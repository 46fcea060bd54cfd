"""bench.driver_cpu: the run process's CPU between two times, from cumulative samples."""


import pytest

from bench import driver_cpu


def test_cpu_between_takes_the_samples_inside_the_window():
    samples = [(0.0, 1.0), (1.0, 1.5), (2.0, 2.5), (3.0, 4.0), (4.0, 4.2)]
    assert driver_cpu.cpu_between(samples, 1.0, 3.0) == pytest.approx(2.5)
    assert driver_cpu.cpu_between(samples, 3.5, 3.9) == 0.0  # no sample inside: nothing measured


def test_own_cpu_grows_with_work_in_this_process():
    before = driver_cpu.own_cpu()
    sum(i * i for i in range(2_000_000))
    assert driver_cpu.own_cpu() > before
