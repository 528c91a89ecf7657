"""What the lag figure's load costs, and how busy the machine was meanwhile (Linux only).

Between ``start`` and ``stop`` (the load, warm-up included):

- CPU seconds of each service process, of the PostgreSQL backends serving their databases and
  the keyring's (the local PostgreSQL runs on this machine), of the Kafka broker's JVM (found by
  its command line, ``kafka.Kafka`` with a ``server.properties`` naming the bootstrap port), of
  this process, and of the whole machine (``/proc/stat``: every core, all but idle, iowait and
  steal); what is left is other work's (PostgreSQL's own background processes included). Each
  as % of one core, and as CPU milliseconds per command sent in the window;
- CPU pressure (PSI, ``/proc/pressure/cpu``, "some"): the share of the time during which some
  runnable task waited for a CPU, the noise indicator on a shared machine;
- transactions committed in each service's database, and in the keyring's (one for all
  services, as deployed), per record appended to the topic (``pg_stat_database.xact_commit``;
  the topic's end offsets): the figure shows how small batches are.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from infra import ServiceProcess, Stack

WHOLE_MACHINE = "whole machine"
POSTGRES = "postgres (their backends)"
KAFKA = "kafka (broker JVM)"
BENCHMARK = "benchmark"
OTHER = "everything else"


class CostMeter:
    def __init__(
        self, stack: Stack, services: dict[str, ServiceProcess], databases: dict[str, str]
    ) -> None:
        """``databases``: every database the system writes (the services' and the keyring's),
        by owner: their backends' CPU and their transactions are counted."""
        self._stack = stack
        self._services = services
        self._databases = databases
        self._kafka = _kafka_broker_pids(stack.kafka.bootstrap_servers)
        self._backends: dict[int, float] = {}
        self._cpu: dict[str, float] = {}
        self._stalled: float | None = None
        self._commits: dict[str, int] = {}
        self._records = 0
        self._polls = 0
        self._commands = 0
        self._started = 0.0

    async def start(self, *, records: int, polls: int, commands: int) -> None:
        """``records``: appended to the topic so far; ``polls``: the benchmark's queries so far
        in reporting's database (each one is a transaction there, not the service's);
        ``commands``: sent so far."""
        self._backends = {pid: _process_cpu_s(pid) for pid in await self._postgres_backends()}
        self._cpu, self._stalled = self._cpu_seconds(), _cpu_stalled_s()
        self._commits, self._records, self._polls = await self._commit_counts(), records, polls
        self._commands = commands
        self._started = time.perf_counter()

    async def stop(self, *, records: int, polls: int, commands: int) -> dict[str, Any]:
        cpu_after, stalled_after = self._cpu_seconds(), _cpu_stalled_s()
        elapsed = time.perf_counter() - self._started
        # A backend that connected during the load spent all of its CPU time in the window.
        backends = {pid: _process_cpu_s(pid) for pid in await self._postgres_backends()}
        backends |= {pid: _process_cpu_s(pid) for pid in self._backends}
        cpu_after[POSTGRES] = sum(backends.values())
        self._cpu[POSTGRES] = sum(self._backends.values())
        commits = await self._commit_counts()
        commits["reporting"] -= polls - self._polls
        seconds = {name: cpu_after[name] - self._cpu[name] for name in self._cpu}
        whole = seconds.pop(WHOLE_MACHINE)
        seconds[OTHER] = whole - sum(seconds.values())
        seconds[WHOLE_MACHINE] = whole
        appended = max(1, records - self._records)
        sent = max(1, commands - self._commands)
        figures: dict[str, Any] = {
            "cost_window_s": round(elapsed, 2),
            "commands_in_window": commands - self._commands,
            "records_appended_in_window": records - self._records,
            "cpu_percent_of_a_core": {
                name: round(100 * value / elapsed, 1) for name, value in seconds.items()
            },
            "cpu_ms_per_command": {
                name: round(1000 * value / sent, 2) for name, value in seconds.items()
            },
            "commits_per_record": {
                name: round((commits[name] - self._commits[name]) / appended, 2) for name in commits
            },
        }
        if self._stalled is not None and stalled_after is not None:
            stalled = stalled_after - self._stalled
            figures["cpu_pressure_percent"] = round(100 * stalled / elapsed, 1)
        return figures

    async def _postgres_backends(self) -> list[int]:
        """The PostgreSQL server processes serving the services' databases now (their pools)."""
        databases = [urlsplit(url).path.lstrip("/") for url in self._databases.values()]
        connection = await asyncpg.connect(self._stack.postgres_dsn)
        try:
            rows = await connection.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[])", databases
            )
        finally:
            await connection.close()
        return [row["pid"] for row in rows]

    def _cpu_seconds(self) -> dict[str, float]:
        """CPU seconds so far of each group but the PostgreSQL backends (counted per pid)."""
        seconds = {name: _process_cpu_s(s.process.pid) for name, s in self._services.items()}
        seconds[POSTGRES] = 0.0
        seconds[KAFKA] = sum(_process_cpu_s(pid) for pid in self._kafka)
        times = os.times()
        seconds[BENCHMARK] = times.user + times.system
        seconds[WHOLE_MACHINE] = _machine_busy_s()
        return seconds

    async def _commit_counts(self) -> dict[str, int]:
        commits = {}
        for name, database_url in self._databases.items():
            connection = await asyncpg.connect(database_url)
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


def _kafka_broker_pids(bootstrap_servers: str) -> list[int]:
    """The JVMs running ``kafka.Kafka`` with a properties file that names a bootstrap port
    (another broker on the machine, a fault-injection run's, is not this one)."""
    ports = {server.rsplit(":", 1)[-1] for server in bootstrap_servers.split(",")}
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
            if "kafka.Kafka" not in args:
                continue
            properties = Path(args[args.index("kafka.Kafka") + 1]).read_text()
        except (OSError, IndexError):
            continue  # gone, not ours to read, or no properties file
        if any(f":{port}" in properties for port in ports):
            found.append(int(proc.name))
    return found


def _machine_busy_s() -> float:
    """CPU seconds all cores spent working so far: user (guest included), nice, system, irq and
    softirq; not idle, not iowait, and not steal (time the hypervisor gave another machine)."""
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq = map(int, stat.readline().split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


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
