"""Real infrastructure for the integration tests: a Kafka broker and a PostgreSQL server.

Where they come from, in this order (docs/architecture.md §12):

1. ``NONCOOP_KAFKA_BOOTSTRAP_SERVERS`` / ``NONCOOP_POSTGRES_DSN`` when set (``make test`` sets
   them from ``deploy/local/stack env``, with the broker's security settings and passwords);
2. else the local stack, ``deploy/local/stack up`` (processes, no Docker), stopped again at the
   end of the session when this session was the one to start it;
3. else testcontainers, when a Docker engine answers.

Nothing is started before a test asks for it, so unit-only runs stay fast; under ``make unit``
(``NONCOOP_NO_INFRASTRUCTURE`` set) nothing is started at all. When no broker or
database can be had, the tests that need them fail: they never skip, since a green run without
the infrastructure would prove nothing.

Isolation: every test that wants to write gets its own database (``fresh_database``) and its own
topic pair (``fresh_topic``), so tests cannot see each other's data and need no cleanup order.

The broker is secured (docs/adr/0019-kafka-sasl-tls-acls.md): the tests reach it as ``admin``
(``kafka_access``: creating topics, reading and writing them as a test needs), and the services
they start each as its own principal, from the ``<SERVICE>_KAFKA_PASSWORD`` variables of
``stack env`` (put into this process's environment when this session started the stack). Fresh
topics are named ``noncoop.events.test-<hex>``: the prefix the ACLs grant the services.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
import pytest_asyncio
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from noncoop_shared.kafka import ADMIN, KafkaAccess, admin_client

ROOT = Path(__file__).resolve().parent
STACK = ROOT / "deploy" / "local" / "stack"
KAFKA_ENV = "NONCOOP_KAFKA_BOOTSTRAP_SERVERS"
POSTGRES_ENV = "NONCOOP_POSTGRES_DSN"
NO_INFRASTRUCTURE_ENV = "NONCOOP_NO_INFRASTRUCTURE"
"""Set by ``make unit``: a test asking for infrastructure fails at once instead of starting it."""
TOPIC_PARTITIONS = 12
# The shared log and its dead-letter topic (docs/architecture.md §3), as deploy/local/stack creates
# them.
LOG_TOPICS = ("noncoop.events.v1", "noncoop.events.v1.dlq")
# Images for the testcontainers fallback. The Kafka container helper drives Confluent's image
# scripts; Confluent Platform 7.9 ships Apache Kafka 3.9, the version the local stack runs.
KAFKA_IMAGE = "confluentinc/cp-kafka:7.9.1"
POSTGRES_IMAGE = "postgres:15"


#: Topics of the tests: under the prefix the broker's ACLs grant the services (ADR 0019).
TEST_TOPIC_PREFIX = "noncoop.events.test-"

# A service a test starts stops in about 0.1 s instead of 0.5: each of its consumers waits, as
# it stops, for the fetch the broker is holding (ServiceSettings.consumer_fetch_max_wait_ms, 500
# by default). Services started as processes (the fault runs, the system tests) inherit it.
FETCH_MAX_WAIT_ENV = "NONCOOP_CONSUMER_FETCH_MAX_WAIT_MS"
os.environ.setdefault(FETCH_MAX_WAIT_ENV, "100")


@dataclass(frozen=True)
class Infrastructure:
    kafka_bootstrap_servers: str
    postgres_dsn: str


def _is_kafka_security_variable(name: str) -> bool:
    """How to reach the secured broker, as ``stack env`` prints it: the protocol, mechanism and
    CA (``NONCOOP_KAFKA_*``) and each principal's password."""
    return (name.startswith("NONCOOP_KAFKA_") and name != KAFKA_ENV) or name.endswith(
        "_KAFKA_PASSWORD"
    )


class InfrastructureUnavailableError(RuntimeError):
    """Neither the environment, the local stack nor Docker gave a broker and a database."""


def _run_stack(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [str(STACK), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def _parse_exports(text: str) -> dict[str, str]:
    """``export NAME=value`` lines (as ``deploy/local/stack env`` prints them) to a dict."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, _, value = words[1].partition("=")
            found[name] = value
    return found


def _from_local_stack(cleanup: contextlib.ExitStack) -> Infrastructure:
    # `up` leaves alone a component whose env var is set, and `env` echoes those back.
    if _run_stack("status", timeout=60).returncode != 0:
        # Ours to stop at the end, also when `up` gets only half-way.
        cleanup.callback(_run_stack, "down")
    up = _run_stack("up")
    if up.returncode != 0:
        raise InfrastructureUnavailableError(
            f"`deploy/local/stack up` failed (exit {up.returncode}):\n{up.stdout}{up.stderr}"
        )
    env = _parse_exports(_run_stack("env", timeout=60).stdout)
    # The services a test starts read their credentials from the environment, as in production.
    os.environ.update({k: v for k, v in env.items() if _is_kafka_security_variable(k)})
    return Infrastructure(env[KAFKA_ENV], env[POSTGRES_ENV])


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=5).ping()
    except Exception:
        return False
    return True


def _from_testcontainers(cleanup: contextlib.ExitStack) -> Infrastructure:
    try:  # testcontainers >= 4.13 moved the modules; the old paths only warn.
        from testcontainers.community.kafka import KafkaContainer
        from testcontainers.community.postgres import PostgresContainer
    except ImportError:
        from testcontainers.kafka import KafkaContainer
        from testcontainers.postgres import PostgresContainer

    kafka = cleanup.enter_context(KafkaContainer(KAFKA_IMAGE).with_kraft())
    postgres = cleanup.enter_context(
        PostgresContainer(POSTGRES_IMAGE, username="noncoop", dbname="postgres", driver=None)
    )
    bootstrap = kafka.get_bootstrap_server()
    # What `deploy/local/stack up` does for the local broker (this one is plaintext, unsecured).
    asyncio.run(create_topics(KafkaAccess(bootstrap), list(LOG_TOPICS)))
    return Infrastructure(bootstrap, postgres.get_connection_url())


@pytest.fixture(scope="session")
def infrastructure() -> Iterator[Infrastructure]:
    """The broker and database for this session; see the module docstring for the order."""
    if os.environ.get(NO_INFRASTRUCTURE_ENV):
        pytest.fail(
            f"{NO_INFRASTRUCTURE_ENV} is set (`make unit`): this test needs Kafka or PostgreSQL,"
            " so it must be marked `integration` (or `e2e`)",
            pytrace=False,
        )
    given_kafka, given_postgres = os.environ.get(KAFKA_ENV), os.environ.get(POSTGRES_ENV)
    if given_kafka and given_postgres:
        yield Infrastructure(given_kafka, given_postgres)
        return
    with contextlib.ExitStack() as cleanup:
        failures: list[str] = []
        found: Infrastructure | None = None
        try:
            found = _from_local_stack(cleanup)
        except (InfrastructureUnavailableError, OSError, subprocess.TimeoutExpired) as error:
            failures.append(f"local stack: {error}")
        if found is None and _docker_answers():
            try:
                found = _from_testcontainers(cleanup)
            except Exception as error:
                failures.append(f"testcontainers: {error!r}")
        elif found is None:
            failures.append("testcontainers: no Docker engine answers")
        if found is None:
            pytest.fail(
                "No Kafka/PostgreSQL for the integration tests (never skipped). Set "
                f"{KAFKA_ENV} and {POSTGRES_ENV}, or make `deploy/local/stack up` work.\n"
                + "\n".join(failures),
                pytrace=False,
            )
        yield Infrastructure(
            given_kafka or found.kafka_bootstrap_servers,
            given_postgres or found.postgres_dsn,
        )


@pytest.fixture(scope="session")
def kafka_bootstrap_servers(infrastructure: Infrastructure) -> str:
    """``host:port[,host:port]`` of a Kafka broker that answers."""
    return infrastructure.kafka_bootstrap_servers


@pytest.fixture(scope="session")
def kafka_access(infrastructure: Infrastructure) -> KafkaAccess:
    """The broker, reached as ``admin`` (a super user): for what a test does itself."""
    return KafkaAccess.from_environ(ADMIN, bootstrap_servers=infrastructure.kafka_bootstrap_servers)


@pytest.fixture(scope="session")
def postgres_dsn(infrastructure: Infrastructure) -> str:
    """A server-level DSN with the right to create and drop databases."""
    return infrastructure.postgres_dsn


def with_database(dsn: str, database: str) -> str:
    """The same server and credentials as ``dsn``, another database."""
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path=f"/{database}"))


class DatabaseShelf:
    """Databases a test has handed back, emptied, for the next test to take; dropped at the end
    of the session.

    A ``DROP DATABASE`` makes PostgreSQL checkpoint: it writes every page any test has changed
    since the last one, and the suite dropped about five databases a test (0.25 s each on our
    machine, as much again to create one). Emptying a database instead (its connections closed,
    its schemas dropped, ``public`` made again as ``initdb`` makes it) takes a few milliseconds
    and writes nothing; what a test sees is the same empty database.
    """

    def __init__(self, server_dsn: str) -> None:
        self.server_dsn = server_dsn
        self.spare: list[str] = []

    async def take(self) -> str:
        """The name of an empty database: a spare one, else a new one."""
        if self.spare:
            return self.spare.pop()
        name = f"test_{uuid.uuid4().hex}"
        await self._admin(f'CREATE DATABASE "{name}"')
        return name

    async def put_back(self, name: str) -> None:
        """Empty ``name`` and keep it for another test; drop it if it cannot be emptied."""
        try:
            await self._empty(name)
        except (OSError, asyncpg.PostgresError):
            await self.drop(name)
        else:
            self.spare.append(name)

    async def drop(self, name: str) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    async def drop_spares(self) -> None:
        while self.spare:
            await self.drop(self.spare.pop())

    async def _empty(self, name: str) -> None:
        connection = await asyncpg.connect(with_database(self.server_dsn, name))
        try:
            # As DROP DATABASE WITH (FORCE) would, ends every other session on it (waiting up to
            # 5 s for each to be gone), so none holds a lock or a prepared statement into the
            # next test.
            await connection.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            # Every schema but the system's own: the test's (public included).
            schemas = await connection.fetch(
                "SELECT nspname FROM pg_namespace"
                " WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
            )
            drops = "".join(f'DROP SCHEMA "{row["nspname"]}" CASCADE; ' for row in schemas)
            # public as initdb leaves it in PostgreSQL 15: the database owner's, usable by all.
            await connection.execute(
                f"{drops}CREATE SCHEMA public AUTHORIZATION pg_database_owner;"
                " GRANT USAGE ON SCHEMA public TO PUBLIC;"
                " COMMENT ON SCHEMA public IS 'standard public schema'"
            )
        finally:
            await connection.close()

    async def _admin(self, statement: str) -> None:
        # CREATE/DROP DATABASE cannot run in a transaction block, so no pool, one statement.
        connection = await asyncpg.connect(self.server_dsn)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()


@pytest.fixture(scope="session")
def database_shelf(postgres_dsn: str) -> Iterator[DatabaseShelf]:
    """The session's spare databases, all dropped when it ends."""
    shelf = DatabaseShelf(postgres_dsn)
    try:
        yield shelf
    finally:
        # Sync on purpose: no test's event loop runs at the session's end.
        asyncio.run(shelf.drop_spares())


class DatabaseFactory:
    """Gives a test empty databases on one server (``await create()`` -> DSN) and, when it ends,
    takes them back (``release_all``): emptied onto the session's shelf, any connection still
    open to them closed."""

    def __init__(self, shelf: DatabaseShelf) -> None:
        self.shelf = shelf
        self.server_dsn = shelf.server_dsn
        self.created: list[str] = []

    async def create(self) -> str:
        name = await self.shelf.take()
        self.created.append(name)
        return with_database(self.server_dsn, name)

    async def release_all(self) -> None:
        """Hands every database given here back to the shelf, emptied."""
        while self.created:
            await self.shelf.put_back(self.created.pop())


@pytest_asyncio.fixture
async def database_factory(database_shelf: DatabaseShelf) -> AsyncIterator[DatabaseFactory]:
    """For a test that needs several databases (one per service, say); all are taken back,
    emptied, when the test ends."""
    factory = DatabaseFactory(database_shelf)
    try:
        yield factory
    finally:
        await factory.release_all()


@pytest_asyncio.fixture(scope="module")
async def module_database_factory(
    database_shelf: DatabaseShelf,
) -> AsyncIterator[DatabaseFactory]:
    """:func:`database_factory` for a module-scoped fixture (a system several tests share):
    taken back when the module's last test ends."""
    factory = DatabaseFactory(database_shelf)
    try:
        yield factory
    finally:
        await factory.release_all()


@pytest_asyncio.fixture
async def fresh_database(database_factory: DatabaseFactory) -> str:
    """DSN of an empty database of its own for this test (emptied for another afterwards)."""
    return await database_factory.create()


@pytest_asyncio.fixture
async def fresh_topic(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    """Name of a new topic of its own for this test (12 partitions, kept forever), created with
    its dead-letter topic ``<name>.dlq``; both are deleted afterwards."""
    async with topic_of_its_own(kafka_access) as name:
        yield name


@pytest_asyncio.fixture(scope="module")
async def module_topic(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    """:func:`fresh_topic` for a module-scoped fixture: deleted after the module's last test."""
    async with topic_of_its_own(kafka_access) as name:
        yield name


@contextlib.asynccontextmanager
async def topic_of_its_own(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    """A new topic ``noncoop.events.test-<hex>`` and its ``.dlq``, deleted on leaving."""
    name = f"{TEST_TOPIC_PREFIX}{uuid.uuid4().hex}"
    topics = [name, f"{name}.dlq"]
    await create_topics(kafka_access, topics)
    try:
        yield name
    finally:
        admin = admin_client(kafka_access)
        await admin.start()
        try:
            await admin.delete_topics(topics)
        finally:
            await admin.close()


async def create_topics(kafka: KafkaAccess, topics: list[str]) -> None:
    """Creates the topics that do not exist yet (12 partitions, ``retention.ms=-1``) and waits
    until every partition has a leader (as ``kafka``'s principal: admin, on a secured broker)."""
    admin = admin_client(kafka)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topics if t not in existing]
        if missing:
            response = await admin.create_topics(
                [
                    NewTopic(t, TOPIC_PARTITIONS, 1, topic_configs={"retention.ms": "-1"})
                    for t in missing
                ]
            )
            errors = [(topic, code) for topic, code, *_ in response.topic_errors if code != 0]
            if errors:
                raise InfrastructureUnavailableError(f"creating topics failed: {errors}")
        await _wait_for_leaders(admin, topics)
    finally:
        await admin.close()


async def _wait_for_leaders(admin: AIOKafkaAdminClient, topics: list[str]) -> None:
    """A new topic's partitions get leaders a moment after the create returns; producing before
    that only costs retries, but a consumer joining then may start with no partitions."""
    async with asyncio.timeout(30):
        while True:
            described = await admin.describe_topics(topics)
            if all(
                t["error_code"] == 0
                and len(t["partitions"]) == TOPIC_PARTITIONS
                and all(p["leader"] >= 0 for p in t["partitions"])
                for t in described
            ):
                return
            await asyncio.sleep(0.1)
