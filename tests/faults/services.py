"""The four services as real processes on free ports, each with its own database on the
private PostgreSQL, all on the private log: started, killed with SIGKILL, restarted. A service
may run as several replicas (the cluster run has two of each): they share its database, its
consumer groups and its outbox, as replicas in production do."""

from __future__ import annotations

import asyncio
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
from tests.faults.stack import REPO, Infrastructure

SERVICE_NAMES = ("referrals", "good_offices", "bureau", "reporting")
TOPIC = "noncoop.events.v1"
SECRET = "fault-suite-secret-" + "f" * 40


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def with_database(dsn: str, database: str) -> str:
    return urlunsplit(urlsplit(dsn)._replace(path=f"/{database}"))


@dataclass
class ServiceProcess:
    name: str
    port: int
    dsn: str
    stack: Infrastructure
    log_path: Path
    replica: int = 1
    #: How many replicas of this service the run has (one: named as the service alone).
    replica_count: int = 1
    process: subprocess.Popen[bytes] | None = None
    kills: int = field(default=0)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def label(self) -> str:
        return self.name if self.replica_count == 1 else f"{self.name}#{self.replica}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        prefix = self.name.upper()
        # Its own principal's password, from the private stack (not the shared one's).
        env = self.stack.client_env() | {
            f"{prefix}_DATABASE_URL": self.dsn,
            f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": self.stack.bootstrap_servers,
            f"{prefix}_EVENTS_TOPIC": TOPIC,
            f"{prefix}_DEAD_LETTER_TOPIC": f"{TOPIC}.dlq",
            f"{prefix}_PORT": str(self.port),
            f"{prefix}_LOG_LEVEL": "INFO",
            "NONCOOP_JWT_SECRET": SECRET,
        }
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start at {time.time():.3f} =====\n".encode())
            self.process = subprocess.Popen(
                [sys.executable, "-m", self.name],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=REPO,
                start_new_session=True,
            )

    def kill9(self) -> None:
        """SIGKILL: no shutdown hook runs, whatever the process was doing is cut short."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.kills += 1

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    async def wait_ready(self, timeout_s: float = 90.0) -> float:
        """Seconds until ``/health/ready`` says 200 with state ``ok``."""
        started = time.monotonic()
        async with httpx.AsyncClient(timeout=2.0) as http:
            while time.monotonic() - started < timeout_s:
                if self.process is not None and self.process.poll() is not None:
                    raise AssertionError(f"{self.label} exited:\n{self.tail()}")
                try:
                    ready = await http.get(f"{self.url}/health/ready")
                    # Ready and not degraded: Kafka answers, consumers joined (ADR 0030).
                    if ready.status_code == 200 and ready.json()["state"] == "ok":
                        return time.monotonic() - started
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError(f"{self.label} not ready after {timeout_s} s:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _log_name(service: str, replica: int, replicas: int) -> str:
    return f"{service}.log" if replicas == 1 else f"{service}-{replica}.log"


class Fleet:
    """The four services of one fault run, each as ``replicas`` processes."""

    def __init__(self, stack: Infrastructure, log_dir: Path, replicas: int = 1) -> None:
        self.stack = stack
        log_dir.mkdir(parents=True, exist_ok=True)
        self.replicas = {
            name: [
                ServiceProcess(
                    name=name,
                    port=free_port(),
                    dsn=with_database(stack.postgres_dsn, f"faults_{name}"),
                    stack=stack,
                    log_path=log_dir
                    / (f"{name}.log" if replicas == 1 else f"{name}-{replica}.log"),
                    replica=replica,
                    replica_count=replicas,
                )
                for replica in range(1, replicas + 1)
            ]
            for name in SERVICE_NAMES
        }

    @property
    def services(self) -> dict[str, ServiceProcess]:
        """The first replica of each service: its database (every replica's) and its log."""
        return {name: replicas[0] for name, replicas in self.replicas.items()}

    def processes(self) -> list[ServiceProcess]:
        return [process for replicas in self.replicas.values() for process in replicas]

    def url(self, name: str, rng: random.Random) -> str:
        """Where a client's request to ``name`` goes: like a load balancer, to one of the
        replicas whose process runs (a request already on its way to a replica that is killed
        fails, and the client retries)."""
        replicas = self.replicas[name]
        return rng.choice([r for r in replicas if r.running] or replicas).url

    async def create_databases(self) -> None:
        admin = await asyncpg.connect(self.stack.postgres_dsn)
        try:
            for service in self.services.values():
                database = urlsplit(service.dsn).path.lstrip("/")
                await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                await admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            await admin.close()

    async def start_all(self) -> None:
        # Twins start together, as a deployment's do: migrations take an advisory lock.
        for process in self.processes():
            process.start()
        await self.all_ready()

    async def all_ready(self, timeout_s: float = 120.0) -> float:
        started = time.monotonic()
        await asyncio.gather(*(p.wait_ready(timeout_s) for p in self.processes()))
        return time.monotonic() - started

    def stop_all(self) -> None:
        for process in self.processes():
            process.stop()
