"""``bench/run.py`` stopped by SIGTERM stops the services it started: a benchmark killed by a
timeout or a supervisor must not leave four services running, holding ports and CPU, to skew
whatever runs next on the machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import KAFKA_ENV, POSTGRES_ENV, Infrastructure

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> set[int]:
    """``pid``'s direct children (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, reaped by no one yet, counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_sigterm_stops_the_services_the_benchmark_started(
    infrastructure: Infrastructure, tmp_path: Path
) -> None:
    env = os.environ | {
        KAFKA_ENV: infrastructure.kafka_bootstrap_servers,
        POSTGRES_ENV: infrastructure.postgres_dsn,
    }
    bench = subprocess.Popen(
        [sys.executable, "bench/run.py", "--lag-only", "--lag-duration", "120"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "bench.log").open("wb"),
    )
    services: set[int] = set()
    try:
        # The lag figure starts all four services; wait until they all run.
        deadline = time.monotonic() + 120
        while len(services) < 4 and time.monotonic() < deadline:
            assert bench.poll() is None, (tmp_path / "bench.log").read_text()[-3000:]
            services = _children(bench.pid)
            time.sleep(0.2)
        assert len(services) >= 4, f"the services never started: {services}"

        bench.send_signal(signal.SIGTERM)
        returncode = bench.wait(timeout=60)
        still_running = {pid for pid in services if _alive(pid)}
        assert not still_running, f"services left running after SIGTERM: {still_running}"
        assert returncode == 128 + signal.SIGTERM
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
        for pid in services:  # what a failure left behind
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
