"""Both engines map a batch function the same way: same results in the same order, failures isolated per item."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from functools import partial

import psutil
import pytest

from zhnews import engine, parallel
from zhnews.engine import LocalEngine, RayEngine, engine_from_settings
from zhnews.parallel import isolating_failures


def modules_loaded(names: list[str]) -> list[bool]:
    return [name in sys.modules for name in names]


BATCHES = [[5, 3, 9], [2, 8], [7, 1, 4, 6], [0]] * 3


def test_engine_is_chosen_by_name():
    assert isinstance(engine_from_settings("local"), LocalEngine)
    assert isinstance(engine_from_settings("ray", "auto"), RayEngine)
    assert engine_from_settings("ray", "auto").address == "auto"
    with pytest.raises(ValueError, match="unknown engine"):
        engine_from_settings("spark")


def test_plans_agree_and_small_work_stays_in_this_process():
    items = list(range(1000))
    local_batches, _ = LocalEngine().plan_batches(items, 100)
    assert [b for batch in local_batches for b in batch] == items
    assert RayEngine(cpus=2).plan_batches(items[:10], 100) == ([items[:10]], 1)
    ray_batches, workers = RayEngine(cpus=2).plan_batches(items, 100)
    assert workers == 2 and max(len(b) for b in ray_batches) <= 100
    assert [b for batch in ray_batches for b in batch] == items


@pytest.mark.ray
def test_ray_and_local_give_the_same_batches_and_results_in_order(ray_engine):
    local = list(LocalEngine().map_batches(sorted, iter(BATCHES), 2))
    remote = list(ray_engine.map_batches(sorted, iter(BATCHES), 2))
    assert remote == local == [(batch, sorted(batch)) for batch in BATCHES]


@pytest.mark.ray
def test_ray_isolates_a_failing_item_as_the_pool_does(ray_engine):
    """`bytes` of a list fails on a value over 255: only that item fails, the rest of its batch is kept."""
    batches = [[1, 2, 300, 4], [5, 6], [999]]
    convert = partial(isolating_failures, bytes)
    local = list(LocalEngine().map_batches(convert, batches, 2))
    remote = list(ray_engine.map_batches(convert, batches, 2))
    assert remote == local
    results = [result for _, result in remote]
    assert results[0] == ([1, 2, 4], [(300, "ValueError: bytes must be in range(0, 256)")])
    assert results[1] == (b"\x05\x06", [])  # a whole batch that succeeds is one call
    assert results[2] == ([], [(999, "ValueError: bytes must be in range(0, 256)")])


@pytest.mark.ray
def test_warm_up_loads_the_stage_modules_in_every_ray_worker(ray_engine):
    ray_engine.warm_up(1000)
    names = ["zhnews.clean", "zhnews.entities", "zhnews.figures", "jieba.posseg"]
    loaded = ray_engine.map_batches(modules_loaded, [names] * 4, 2)
    assert [result for _, result in loaded] == [[True] * 4] * 4


def test_small_work_starts_no_workers():
    RayEngine(address="nowhere:1").warm_up(10)  # would fail to connect if it tried


@pytest.mark.ray
def test_private_ray_is_reachable_through_loopback_only(ray_engine):
    """Ray binds every interface, so the private one runs in a network namespace of its own whose only
    interface is the loopback: its servers cannot be reached from another host."""
    if not engine.home_networks:
        pytest.skip("the kernel refused a private network namespace here (needs CAP_SYS_ADMIN)")
    home = os.readlink(f"/proc/self/fd/{engine.home_networks[0]}")
    ray_servers = [p for p in psutil.Process().children(recursive=True) if p.name() in ("raylet", "gcs_server")]
    assert len(ray_servers) == 2
    assert all(os.readlink(f"/proc/{p.pid}/ns/net") != home for p in ray_servers)
    assert [name for _, name in socket.if_nameindex()] == ["lo"]  # this thread is in Ray's namespace


@pytest.mark.skipif(not shutil.which("setpriv") or os.geteuid() != 0, reason="needs root and util-linux setpriv")
def test_without_the_right_to_a_namespace_it_warns_and_goes_on():
    """A process without CAP_SYS_ADMIN gets no private namespace: a warning, and Ray would start as usual."""
    code = "from zhnews.engine import enter_private_network as e, home_networks as h; print(e(), h)"
    done = subprocess.run(
        ["setpriv", "--bounding-set=-sys_admin", "--inh-caps=-sys_admin", sys.executable, "-c", code],
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert done.stdout.strip() == "False []"
    assert "no private network namespace (Operation not permitted)" in done.stderr


CLUSTER_SCRIPT = """
import os, subprocess, sys
from pathlib import Path
from zhnews.engine import RayEngine, enter_private_network
if not enter_private_network():
    sys.exit(3)
ray = Path(sys.executable).with_name("ray")
start = [ray, "start", "--head", "--node-ip-address=127.0.0.1", "--port=6399", "--num-cpus=2",
         "--include-dashboard=false", "--disable-usage-stats"]
started = subprocess.run(start, capture_output=True, text=True)
if started.returncode:
    sys.exit(started.stdout + started.stderr)
try:
    engine = RayEngine(address="auto")
    print(engine.workers(), [out for _, out in engine.map_batches(sorted, [[3, 1], [2, 0]] * 2, engine.workers())])
    engine.close()
finally:
    subprocess.run([ray, "stop", "--force"], capture_output=True)
"""


@pytest.mark.ray
@pytest.mark.slow
def test_connects_to_a_running_cluster_by_its_address():
    """`ray start --head` (in a private network namespace, loopback only), then `ZHNEWS_RAY_ADDRESS=auto`."""
    ray_temp = tempfile.mkdtemp(prefix="zr", dir="/tmp")  # short: Ray's socket paths live under it
    env = {**os.environ, "RAY_TMPDIR": ray_temp, "RAY_USAGE_STATS_ENABLED": "0"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", CLUSTER_SCRIPT], capture_output=True, text=True, timeout=120, env=env
        )
    finally:
        shutil.rmtree(ray_temp, ignore_errors=True)
    if done.returncode == 3:
        pytest.skip("no private network namespace here: a `ray start` cluster would listen on every interface")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[0] == "2 [[1, 3], [0, 2], [1, 3], [0, 2]]"


def test_both_engines_taper_when_asked(monkeypatch):
    monkeypatch.setenv("ZHNEWS_WORKERS", "2")
    items = list(range(13710))
    tapered = parallel.split_batches(items, 1000, 2, taper=True)
    assert len(tapered[-1]) < 1000
    assert LocalEngine().plan_batches(items, 1000, taper=True) == (tapered, 2)
    assert RayEngine(cpus=2).plan_batches(items, 1000, taper=True) == (tapered, 2)
    assert len(LocalEngine().plan_batches(items, 1000)[0][-1]) == len(items) % 1000  # not asked: even batches
