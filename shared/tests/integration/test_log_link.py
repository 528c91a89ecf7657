"""A service's link to the log when the broker comes back (ADR 0030): started while Kafka did
not answer, it connects once Kafka answers, checks the topics, and its producer publishes.

The broker is reached through a TCP proxy of the test's own, closed at first, then opened on the
same port: the shared broker is never stopped."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import socket
import uuid
from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from noncoop_shared.kafka import KafkaAccess, TopicSpec, admin_client, ensure_topics, log_producer
from noncoop_shared.loglink import LogLink

pytestmark = pytest.mark.integration

SPEC = TopicSpec(partitions=1)


class Proxy:
    """A TCP proxy on a port chosen up front, to the broker's bootstrap address; nothing
    listens on the port until :meth:`open`."""

    def __init__(self, target: str) -> None:
        host, port = target.split(",")[0].rsplit(":", 1)
        self.target = (host, int(port))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task[None]] = set()

    async def open(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
        for task in self.tasks:
            task.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        for task in (
            asyncio.create_task(pipe(reader, up_writer)),
            asyncio.create_task(pipe(up_reader, writer)),
        ):
            self.tasks.add(task)


@pytest.fixture
async def topic(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    name = f"noncoop.events.test-link-{uuid.uuid4().hex}"
    await ensure_topics(kafka_access, [name], SPEC, create=True)
    yield name
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        await admin.delete_topics([name])
    finally:
        await admin.close()


async def test_a_link_started_without_kafka_connects_when_it_answers_and_publishes(
    kafka_access: KafkaAccess, topic: str
) -> None:
    proxy = Proxy(kafka_access.bootstrap_servers)
    through = dataclasses.replace(kafka_access, bootstrap_servers=f"127.0.0.1:{proxy.port}")
    producer = log_producer(through, client_id="test-log-link")
    link = LogLink(
        through,
        producer,
        topics=[topic],
        spec=SPEC,
        create_topics=False,
        start_timeout_seconds=1.0,
    )
    running: asyncio.Task[None] | None = None
    try:
        assert not await link.connect()  # nothing listens yet: degraded, not an error
        assert not link.up and not link.connected.is_set()
        assert link.problem is not None and "does not answer" in link.problem
        running = asyncio.create_task(link.run())
        await proxy.open()
        await asyncio.wait_for(link.connected.wait(), timeout=60)
        assert link.up and link.problem is None

        await producer.send_and_wait(topic, value=b"after the outage", key=b"k")
        reader = AIOKafkaConsumer(**kafka_access.client_kwargs(), group_id=None)
        await reader.start()
        try:
            partition = TopicPartition(topic, 0)
            reader.assign([partition])
            await reader.seek_to_beginning(partition)
            record = await asyncio.wait_for(reader.getone(), timeout=30)
        finally:
            await reader.stop()
        assert record.value == b"after the outage"
    finally:
        if running is not None:
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await running
        await producer.stop()
        await proxy.close()
