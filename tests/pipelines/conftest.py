"""`dagster dev` for the end-to-end tests: a private instance, seeds copy and warehouse, a free loopback port."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGSTER = Path(sys.executable).with_name("dagster")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def restore_signals() -> None:
    """Let the server see SIGINT/SIGTERM even when the test runner was started with them ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def answers(url: str) -> bool:
    with contextlib.suppress(OSError):
        return urllib.request.urlopen(url, timeout=5).status == 200
    return False


def stop(server: subprocess.Popen) -> None:
    """Ask `dagster dev` to shut down as Ctrl-C would; end the whole process group if it does not."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # a child left behind (code server, daemon, run worker)


@pytest.fixture
def dev_env(tmp_path: Path, seeds_copy: Path) -> tuple[dict[str, str], Path, Path]:
    """The environment of `make run` / `make dev` on this test's own instance, seeds copy and warehouse, with
    the sensor as the project configures it; returns it with the instance's folder and the warehouse."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home)
    warehouse = tmp_path / "warehouse" / "zhnews.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(home), "ZHNEWS_SEEDS": str(seeds_copy), "ZHNEWS_WAREHOUSE": str(warehouse)}
    env.pop("ZHNEWS_SENSOR", None)
    return env, home, warehouse


@pytest.fixture
def dagster_dev(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], tuple[str, Path]]]:
    """Starts `dagster dev` with an environment once it answers; returns its base URL and log file. Stopped at
    the end of the test."""
    servers: list[subprocess.Popen] = []
    logs = []

    def start(env: dict[str, str]) -> tuple[str, Path]:
        port, log_path = free_port(), tmp_path / "dev.log"
        logs.append(log_path.open("w"))
        servers.append(
            subprocess.Popen(
                [str(DAGSTER), "dev", "-h", "127.0.0.1", "-p", str(port)],
                cwd=ROOT,
                env=env,
                stdout=logs[-1],
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=restore_signals,
            )
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while not answers(f"{base}/server_info"):
            assert time.monotonic() < deadline, "dagster dev did not answer:\n" + log_path.read_text()[-3000:]
            time.sleep(1)
        return base, log_path

    try:
        yield start
    finally:
        for server in servers:
            stop(server)
        for log in logs:
            log.close()
