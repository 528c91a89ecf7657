"""What the lag figure's load costs, and how busy the machine was meanwhile (Linux only).

Between ``start`` and ``stop`` (the load, warm-up included):

- CPU seconds of each service process, of the PostgreSQL backends serving their databases (the
  local PostgreSQL runs on this machine), of this process, and of the whole machine
  (``/proc/stat``); what is left is Kafka's and other work's;
- CPU pressure (PSI, ``/proc/pressure/cpu``, "some"): the share of the time during which some
  runnable task waited for a CPU, the noise indicator on a shared machine;
- transactions committed in each service's database per record that reached the topic
  (``pg_stat_database``): a consumer commits about two per partition batch (its transaction and
  the pool's reset of the connection on release), so the figure shows how small batches are.
"""

from __future__ import annotations

import os
import time
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from infra import ServiceProcess, Stack

WHOLE_MACHINE = "whole machine"


class CostMeter:
    def __init__(self, stack: Stack, services: dict[str, ServiceProcess]) -> None:
        self._stack = stack
        self._services = services
        self._backends: list[int] = []
        self._cpu: dict[str, float] = {}
        self._stalled: float | None = None
        self._commits: dict[str, int] = {}
        self._records = 0
        self._polls = 0
        self._started = 0.0

    async def start(self, *, records: int, polls: int) -> None:
        """``records``: on the topic so far; ``polls``: the benchmark's queries so far in
        reporting's database (each one is a transaction there, not the service's)."""
        self._backends = await self._postgres_backends()
        self._cpu, self._stalled = self._cpu_seconds(), _cpu_stalled_s()
        self._commits, self._records, self._polls = await self._commit_counts(), records, polls
        self._started = time.perf_counter()

    async def stop(self, *, records: int, polls: int) -> dict[str, Any]:
        cpu_after, stalled_after = self._cpu_seconds(), _cpu_stalled_s()
        elapsed = time.perf_counter() - self._started
        commits = await self._commit_counts()
        commits["reporting"] -= polls - self._polls
        cpu = {name: 100 * (cpu_after[name] - self._cpu[name]) / elapsed for name in self._cpu}
        whole = cpu.pop(WHOLE_MACHINE)
        cpu["everything else (Kafka, other work)"] = whole - sum(cpu.values())
        cpu[WHOLE_MACHINE] = whole
        seen = max(1, records - self._records)
        figures: dict[str, Any] = {
            "cpu_percent_of_a_core": {name: round(value, 1) for name, value in cpu.items()},
            "commits_per_record": {
                name: round((commits[name] - self._commits[name]) / seen, 2) for name in commits
            },
        }
        if self._stalled is not None and stalled_after is not None:
            stalled = stalled_after - self._stalled
            figures["cpu_pressure_percent"] = round(100 * stalled / elapsed, 1)
        return figures

    async def _postgres_backends(self) -> list[int]:
        """The PostgreSQL server processes serving the services' databases now (their pools)."""
        databases = [urlsplit(s.database_url).path.lstrip("/") for s in self._services.values()]
        connection = await asyncpg.connect(self._stack.postgres_dsn)
        try:
            rows = await connection.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[])", databases
            )
        finally:
            await connection.close()
        return [row["pid"] for row in rows]

    def _cpu_seconds(self) -> dict[str, float]:
        seconds = {name: _process_cpu_s(s.process.pid) for name, s in self._services.items()}
        seconds["postgres (their backends)"] = sum(_process_cpu_s(pid) for pid in self._backends)
        times = os.times()
        seconds["benchmark"] = times.user + times.system
        seconds[WHOLE_MACHINE] = _machine_busy_s()
        return seconds

    async def _commit_counts(self) -> dict[str, int]:
        commits = {}
        for name, service in self._services.items():
            connection = await asyncpg.connect(service.database_url)
            try:
                commits[name] = int(
                    await connection.fetchval(
                        "SELECT xact_commit FROM pg_stat_database"
                        " WHERE datname = current_database()"
                    )
                )
            finally:
                await connection.close()
        return commits


def _machine_busy_s() -> float:
    """CPU seconds all cores spent not idle so far."""
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(
            int, stat.readline().split()[1:9]
        )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _process_cpu_s(pid: int | None) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # gone (a backend whose connection closed): its time is not counted
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _cpu_stalled_s() -> float | None:
    """Seconds so far during which some runnable task waited for a CPU, if the kernel says."""
    try:
        with open("/proc/pressure/cpu") as pressure:
            some = pressure.readline().split()  # some avg10=.. avg60=.. avg300=.. total=<us>
    except OSError:
        return None
    return int(some[-1].removeprefix("total=")) / 1e6
