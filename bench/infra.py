"""Scratch infrastructure for one benchmark round: a database, a topic pair, a service process.

Everything made here is named ``bench_<hex>`` / ``noncoop.events.bench-<hex>`` (the topic prefix
the broker's ACLs grant the services, ADR 0019) and removed again when the
round ends, whether it succeeded or not; the local stack itself is left running.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import sys
import uuid
from asyncio.subprocess import Process
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from noncoop_shared.kafka import ADMIN, KafkaAccess, admin_client

ROOT = Path(__file__).resolve().parents[1]
PARTITIONS = 12
KAFKA_ENV = "NONCOOP_KAFKA_BOOTSTRAP_SERVERS"
POSTGRES_ENV = "NONCOOP_POSTGRES_DSN"


class BenchSetupError(RuntimeError):
    """The stack is missing or a scratch resource could not be made."""


@dataclass(frozen=True)
class Stack:
    """Where the local stack listens (``deploy/local/stack env``)."""

    postgres_dsn: str
    kafka: KafkaAccess
    """The broker as admin (the scratch topics); the services a round starts connect as their
    own principals, with the passwords of the environment (``stack env``)."""

    @classmethod
    def from_env(cls) -> Stack:
        dsn, kafka = os.environ.get(POSTGRES_ENV), os.environ.get(KAFKA_ENV)
        if not dsn or not kafka:
            raise BenchSetupError(
                f"{POSTGRES_ENV} and {KAFKA_ENV} must be set: run `make bench`, or "
                '`deploy/local/stack up && eval "$(deploy/local/stack env)"` first'
            )
        return cls(dsn, KafkaAccess.from_environ(ADMIN, bootstrap_servers=kafka))


@dataclass(frozen=True)
class Scratch:
    """A fresh database and topic pair of one round."""

    database_url: str
    topic: str

    @property
    def dead_letter_topic(self) -> str:
        return f"{self.topic}.dlq"


def with_database(dsn: str, database: str) -> str:
    """The same server and credentials as ``dsn``, another database."""
    return urlunsplit(urlsplit(dsn)._replace(path=f"/{database}"))


async def _admin_sql(server_dsn: str, statement: str) -> None:
    # CREATE/DROP DATABASE cannot run in a transaction block: one connection, one statement.
    connection = await asyncpg.connect(server_dsn)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def create_topics(kafka: KafkaAccess, topics: list[str]) -> None:
    """Create ``topics`` (12 partitions, kept forever) and wait until every partition has a
    leader, so that a consumer started next sees all of them."""
    admin = admin_client(kafka)
    await admin.start()
    try:
        configs = {"retention.ms": "-1"}
        response = await admin.create_topics(
            [NewTopic(t, PARTITIONS, 1, topic_configs=configs) for t in topics]
        )
        errors = [(topic, code) for topic, code, *_ in response.topic_errors if code != 0]
        if errors:
            raise BenchSetupError(f"creating topics failed: {errors}")
        await _wait_for_leaders(admin, topics)
    finally:
        await admin.close()


async def _wait_for_leaders(admin: AIOKafkaAdminClient, topics: list[str]) -> None:
    async with asyncio.timeout(30):
        while True:
            if _all_led(await admin.describe_topics(topics)):
                return
            await asyncio.sleep(0.1)


def _all_led(described: list[dict[str, object]]) -> bool:
    return all(
        t["error_code"] == 0
        and len(t["partitions"]) == PARTITIONS  # type: ignore[arg-type]
        and all(p["leader"] >= 0 for p in t["partitions"])  # type: ignore[attr-defined]
        for t in described
    )


async def delete_topics(kafka: KafkaAccess, topics: list[str]) -> None:
    admin = admin_client(kafka)
    await admin.start()
    try:
        await admin.delete_topics(topics)
    finally:
        await admin.close()


@asynccontextmanager
async def scratch_database(stack: Stack, prefix: str = "bench") -> AsyncIterator[str]:
    """A new database ``<prefix>_<hex>`` (its URL), dropped after, whatever happened."""
    database = f"{prefix}_{uuid.uuid4().hex}"
    await _admin_sql(stack.postgres_dsn, f'CREATE DATABASE "{database}"')
    try:
        yield with_database(stack.postgres_dsn, database)
    finally:
        await _admin_sql(stack.postgres_dsn, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@asynccontextmanager
async def scratch(stack: Stack) -> AsyncIterator[Scratch]:
    """A new database ``bench_<hex>`` and topics ``noncoop.events.bench-<hex>`` + ``.dlq``; all
    dropped after."""
    name = uuid.uuid4().hex
    topic = f"noncoop.events.bench-{name}"
    database, topics = f"bench_{name}", [topic, f"{topic}.dlq"]
    await _admin_sql(stack.postgres_dsn, f'CREATE DATABASE "{database}"')
    try:
        await create_topics(stack.kafka, topics)
        try:
            yield Scratch(with_database(stack.postgres_dsn, database), topics[0])
        finally:
            await delete_topics(stack.kafka, topics)
    finally:
        await _admin_sql(stack.postgres_dsn, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class ServiceProcess:
    """A service started by :func:`spawned_service`: where it answers and what to watch."""

    name: str
    port: int
    database_url: str
    process: Process
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@asynccontextmanager
async def spawned_service(
    stack: Stack,
    where: Scratch,
    service: str,
    *,
    database_url: str,
    jwt_secret: str,
    log_path: Path,
    keyring_url: str | None = None,
) -> AsyncIterator[ServiceProcess]:
    """``python -m <service>`` on a free port, its own ``database_url`` and ``where``'s topics,
    not yet ready (see :func:`wait_ready`: several services can then start side by side);
    stopped (SIGTERM, then SIGKILL after 15 s) on the way out. ``keyring_url``: the keyring's
    database (``None``: the service's own, as when ``NONCOOP_KEYRING_URL`` is unset)."""
    port = free_port()
    prefix = service.upper() + "_"
    env = os.environ | {
        f"{prefix}DATABASE_URL": database_url,
        f"{prefix}KAFKA_BOOTSTRAP_SERVERS": stack.kafka.bootstrap_servers,
        f"{prefix}EVENTS_TOPIC": where.topic,
        f"{prefix}DEAD_LETTER_TOPIC": where.dead_letter_topic,
        f"{prefix}PORT": str(port),
        f"{prefix}LOG_LEVEL": "WARNING",
        "NONCOOP_JWT_SECRET": jwt_secret,
    }
    env.pop("NONCOOP_KEYRING_URL", None)
    if keyring_url is not None:
        env["NONCOOP_KEYRING_URL"] = keyring_url
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            service,
            env=env,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
            cwd=ROOT,
        )
        try:
            yield ServiceProcess(service, port, database_url, process, log_path)
        finally:
            await _stop(process)


@asynccontextmanager
async def referrals_process(
    stack: Stack, where: Scratch, *, jwt_secret: str, log_path: Path
) -> AsyncIterator[str]:
    """``python -m referrals`` on ``where``; yields its base URL once ``/health/ready`` says so,
    and stops it (SIGTERM, then SIGKILL after 15 s) on the way out."""
    async with spawned_service(
        stack,
        where,
        "referrals",
        database_url=where.database_url,
        jwt_secret=jwt_secret,
        log_path=log_path,
    ) as service:
        await wait_ready(service)
        yield service.url


async def wait_ready(service: ServiceProcess) -> None:
    """Until ``/health/ready`` says ready *and* the answer can only be this process's (it
    listens on the port); 60 s at most; fails with the end of its log. The port was free when
    chosen, but on a machine shared with other test runs another process can take it before
    this one binds it (this one then exits with EADDRINUSE after its start-up), and answer."""
    async with httpx.AsyncClient() as http:
        for _ in range(600):
            if service.process.returncode is not None:
                raise BenchSetupError(f"{service.name} exited early:\n{_tail(service.log_path)}")
            try:
                response = await http.get(f"{service.url}/health/ready")
                if (
                    response.status_code == 200
                    and response.json()["ready"] is True
                    and _listens(service.process.pid, service.port)
                ):
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise BenchSetupError(f"{service.name} never became ready:\n{_tail(service.log_path)}")


def _listens(pid: int | None, port: int) -> bool:
    """Whether process ``pid`` holds a TCP socket listening on ``port`` (Linux /proc)."""
    inodes = set()
    with open("/proc/net/tcp") as table:
        for line in itertools.islice(table, 1, None):
            fields = line.split()
            local_port, state, inode = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]
            if local_port == port and state == "0A":  # TCP_LISTEN
                inodes.add(f"socket:[{inode}]")
    try:
        return any(os.readlink(fd) in inodes for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False  # the process is gone, or a descriptor closed while we looked


async def _stop(process: Process) -> None:
    if process.returncode is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), 15)
    except TimeoutError:
        process.kill()
        await process.wait()


def _tail(log_path: Path, chars: int = 3000) -> str:
    return log_path.read_text(errors="replace")[-chars:]
