"""What readiness means (ADR 0030), on a real service: a Kafka that does not answer leaves it
ready but degraded (commands go into the outbox, ``noncoop_kafka_up`` is 0); a PostgreSQL that
does not answer makes it unready. Nothing shared is stopped: Kafka is a closed port in the
service's own settings, PostgreSQL a proxy of this test's own that it closes."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from contextlib import AsyncExitStack
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from aiokafka.admin import NewTopic

from noncoop_shared.kafka import KafkaAccess, LogTopicError, admin_client
from noncoop_shared.testing import bearer_headers, court_decision_body, serve_in_process
from referrals.main import build_app
from referrals.settings import ReferralsSettings

pytestmark = pytest.mark.integration

SECRET = "health-tests-secret-" + "s" * 40


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the socket is


class Proxy:
    """A TCP proxy to ``host:port``; ``cut()`` closes it and every connection through it."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.close()


def _settings(database_url: str, kafka: str) -> ReferralsSettings:
    return ReferralsSettings(
        database_url=database_url,
        kafka_bootstrap_servers=kafka,
        kafka_start_timeout_seconds=2,
        events_topic="noncoop.events.test-never-created",
        dead_letter_topic="noncoop.events.test-never-created.dlq",
        NONCOOP_JWT_SECRET=SECRET,
    )


async def test_kafka_unreachable_is_ready_but_degraded_and_takes_commands(
    fresh_database: str,
) -> None:
    async with AsyncExitStack() as stack:
        app = build_app(_settings(fresh_database, f"127.0.0.1:{_closed_port()}"))
        client = await serve_in_process(stack, app, "referrals")

        ready = await client.get("/health/ready")
        assert ready.status_code == 200, ready.text
        body = ready.json()
        assert body["ready"] is True
        assert body["state"] == "degraded"
        assert body["degraded"] == ["kafka"]
        assert body["checks"]["postgres"] is True

        metrics = (await client.get("/metrics")).text
        assert "noncoop_kafka_up 0.0" in metrics

        created = await client.post(
            "/v1/court-referrals",
            json=court_decision_body(),
            headers=bearer_headers(SECRET, "court", "icc-registry")
            | {"Idempotency-Key": "degraded-1"},
        )
        assert created.status_code == 201, created.text

        assert (await client.get("/health/live")).status_code == 200

    connection = await asyncpg.connect(fresh_database)
    try:
        pending = await connection.fetchval(
            "SELECT count(*) FROM outbox WHERE published_at IS NULL"
        )
    finally:
        await connection.close()
    assert pending >= 1  # waiting in the outbox for the broker


async def test_postgres_unreachable_is_unready_but_alive(fresh_database: str) -> None:
    parts = urlsplit(fresh_database)
    proxy = Proxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    port = await proxy.start()
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}"
    through_proxy = urlunsplit(parts._replace(netloc=netloc))
    async with AsyncExitStack() as stack:
        # Kafka need not answer for this one either: a closed port keeps the test to PostgreSQL.
        app = build_app(_settings(through_proxy, f"127.0.0.1:{_closed_port()}"))
        client = await serve_in_process(stack, app, "referrals")
        assert (await client.get("/health/ready")).status_code == 200

        await proxy.cut()

        ready = await client.get("/health/ready")
        assert ready.status_code == 503, ready.text
        assert "postgres" in ready.json()["failing"]
        assert (await client.get("/health/live")).status_code == 200


async def test_a_topic_that_differs_from_the_settings_stops_the_start_naming_it(
    fresh_database: str, kafka_access: KafkaAccess
) -> None:
    """The broker answers, and says the log's topic is not what the settings want (2
    partitions for 12): the service does not start, and says what differs (ADR 0030)."""
    topic = f"noncoop.events.test-differs-{uuid.uuid4().hex}"
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
        settings = _settings(fresh_database, kafka_access.bootstrap_servers).model_copy(
            update={
                "events_topic": topic,
                "dead_letter_topic": topic,
                "topic_partitions": 12,
                "kafka_start_timeout_seconds": 30,
            }
        )
        with pytest.raises(LogTopicError, match=r"partitions 2, expected 12"):
            async with AsyncExitStack() as stack:
                await serve_in_process(stack, build_app(settings), "referrals")
    finally:
        with contextlib.suppress(Exception):
            await admin.delete_topics([topic])
        await admin.close()
