"""Where a stage's pure batch function runs: this machine's process pool (`LocalEngine`, the default) or a Ray
cluster (`RayEngine`). Assets ask an engine to plan their batches and to map a function over them; the same
asset code runs on either.

`ZHNEWS_ENGINE=ray` picks Ray; `ZHNEWS_RAY_ADDRESS` names a running cluster (`host:port`, or `auto` for the
one `ray start` left on this machine). Without an address a private Ray is started in this process with
`ZHNEWS_WORKERS` CPUs (one per core by default), no dashboard and a small object store, inside a private
network namespace where the kernel allows one, so that its servers are reachable from this machine's
processes of that namespace only (Ray binds every interface otherwise).
"""

from __future__ import annotations

import ctypes
import fcntl
import logging
import os
import socket
import struct
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, Protocol, TypeVar

from zhnews import parallel

In = TypeVar("In")
Out = TypeVar("Out")

log = logging.getLogger(__name__)

ENGINES = ("local", "ray")
IN_FLIGHT_PER_CPU = 2  # batches submitted per CPU before the oldest result is awaited: memory stays bounded
TASK_RETRIES = 3  # a task whose worker process or node died is run again this many times
OBJECT_STORE_BYTES = 256 * 2**20  # private Ray only: batches of text are small, the store spills beyond this


class Engine(Protocol):
    """Plans a stage's batches and maps a pure batch function over them."""

    name: str

    def workers(self) -> int:
        """How many batches can run at once."""
        ...

    def plan_batches(self, items: list[In], largest: int, taper: bool = False) -> tuple[list[list[In]], int]:
        """`items` cut into batches of at most `largest` (smaller at the end with `taper`, see
        `parallel.split_batches`), and how many to run at once (1: in this process)."""
        ...

    def map_batches(self, fn: Callable[[In], Out], batches: Iterable[In], workers: int) -> Iterator[tuple[In, Out]]:
        """Yield (batch, fn(batch)) in order. `fn` must be a function of an importable module (or a partial)."""
        ...

    def warm_up(self, items: int) -> None:
        """If `items` documents are worth sharing, start the workers now, without waiting: they load the stage
        modules, rules and models while this process does other work (reads files)."""
        ...


class LocalEngine:
    """This machine's process pool (`zhnews.parallel`), as every stage ran before engines existed."""

    name = "local"

    def workers(self) -> int:
        return parallel.worker_count()

    def plan_batches(self, items: list[In], largest: int, taper: bool = False) -> tuple[list[list[In]], int]:
        return parallel.plan_batches(items, largest, taper)

    def map_batches(self, fn: Callable[[In], Out], batches: Iterable[In], workers: int) -> Iterator[tuple[In, Out]]:
        return parallel.map_batches(fn, batches, workers)

    def warm_up(self, items: int) -> None:
        if parallel.pool_pays(items, self.workers()):
            parallel.start_worker_server()


LOCAL = LocalEngine()


def apply(fn: Callable[[In], Out], batch: In) -> Out:
    """`fn(batch)`: the body of every Ray task (a module function, so the task is pickled by reference)."""
    return fn(batch)


class RayEngine:
    """Ray Core: one task per batch, at most `IN_FLIGHT_PER_CPU` per CPU of the cluster in flight, each retried
    `TASK_RETRIES` times if its worker dies. Work too small to share runs in this process, as locally."""

    name = "ray"

    def __init__(self, address: str | None = None, cpus: int | None = None):
        self.address = address or None
        self.cpus = cpus or parallel.worker_count()

    def workers(self) -> int:
        if self.address is None:
            return self.cpus
        return max(1, int(self.connect().cluster_resources().get("CPU", 1)))

    def plan_batches(self, items: list[In], largest: int, taper: bool = False) -> tuple[list[list[In]], int]:
        if not parallel.pool_pays(len(items), 2):  # not worth a cluster: no need to connect to learn its size
            return parallel.split_batches(items, largest, 1), 1
        found = parallel.split_batches(items, largest, self.workers(), taper)
        return found, self.workers() if len(found) > 1 else 1

    def map_batches(self, fn: Callable[[In], Out], batches: Iterable[In], workers: int) -> Iterator[tuple[In, Out]]:
        if workers <= 1:
            for batch in batches:
                yield batch, fn(batch)
            return
        ray = self.connect()
        task = ray.remote(max_retries=TASK_RETRIES)(apply)
        in_flight: deque[tuple[In, Any]] = deque()
        try:
            for batch in batches:
                in_flight.append((batch, task.remote(fn, batch)))
                if len(in_flight) >= IN_FLIGHT_PER_CPU * workers:
                    done, ref = in_flight.popleft()
                    yield done, ray.get(ref)
            while in_flight:
                done, ref = in_flight.popleft()
                yield done, ray.get(ref)
        finally:  # an error, Ctrl-C or a caller that stopped early: the batches in flight are not wanted
            for _, ref in in_flight:
                ray.cancel(ref, force=True)

    def warm_up(self, items: int) -> None:
        if parallel.pool_pays(items, 2):
            ray = self.connect()
            warm = ray.remote(max_retries=TASK_RETRIES)(warm_worker)
            for _ in range(self.workers()):
                warm.remote()  # one per CPU, not awaited: each loads a worker while the caller goes on

    def connect(self):
        """The `ray` module, connected: to `address`, else to a private Ray started once per process."""
        import ray

        if not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            if self.address is None:
                enter_private_network()
                ray.init(
                    num_cpus=self.cpus,
                    include_dashboard=False,
                    object_store_memory=OBJECT_STORE_BYTES,
                    _node_ip_address="127.0.0.1",
                    log_to_driver=False,
                )
            else:
                ray.init(address=self.address, log_to_driver=False)
        return ray

    def close(self) -> None:
        """Disconnect (and stop a private Ray); this thread returns to the network it left for it."""
        import ray

        ray.shutdown()
        leave_private_network()


CLONE_NEWNET = 0x40000000  # unshare(2): a new network namespace for the calling thread and its children
SIOCSIFFLAGS = 0x8914  # ioctl(2): set an interface's flags
LOOPBACK_UP = 0x1 | 0x8 | 0x40  # IFF_UP | IFF_LOOPBACK | IFF_RUNNING


home_networks: list[int] = []  # descriptors of the namespaces this process's threads left for a private Ray


def enter_private_network() -> bool:
    """Move this thread (and the Ray processes it will start) into a new network namespace with only a loopback
    interface, up; True if done. Needs CAP_SYS_ADMIN (root, or a user namespace): elsewhere it logs a warning
    and the private Ray listens on every interface, as Ray does by default."""
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    except OSError as err:
        log.warning("no private network namespace (%s): the private Ray listens on all interfaces", err)
        return False
    if libc.unshare(CLONE_NEWNET) != 0:
        log.warning(
            "no private network namespace (%s): the private Ray listens on all interfaces",
            os.strerror(ctypes.get_errno()),
        )
        os.close(home)
        return False
    home_networks.append(home)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sh14x", b"lo", LOOPBACK_UP))
    except OSError as err:  # a namespace without a working loopback would leave Ray unreachable: go back
        leave_private_network()
        log.warning("no loopback in a private network namespace (%s): the private Ray listens on all interfaces", err)
        return False
    return True


def leave_private_network() -> None:
    """Back to the network namespace `enter_private_network` left, if it left one."""
    while home_networks:
        home = home_networks.pop()
        ctypes.CDLL(None, use_errno=True).setns(home, CLONE_NEWNET)
        os.close(home)


def engine_from_settings(name: str, ray_address: str | None = None) -> Engine:
    """The engine called `name` ("local" or "ray"), one per (name, address) in a process."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    return cached_engine(name, ray_address or None)


@cache
def cached_engine(name: str, ray_address: str | None) -> Engine:
    return RayEngine(ray_address) if name == "ray" else LOCAL


def warm_worker() -> None:
    """Run by every Ray worker process when it starts: load the stage modules, their rules and models once."""
    import zhnews.worker_preload  # noqa: F401  (importing it is the warm-up)
