"""Kafka clients as the log needs them (docs/architecture.md §3): one place for producer
settings."""

from __future__ import annotations

import contextlib

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError


def log_producer(bootstrap_servers: str, *, client_id: str) -> AIOKafkaProducer:
    """Idempotent, ``acks=all``: a retried send is written once and in order per partition."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        request_timeout_ms=30_000,
    )


async def ensure_topics(
    bootstrap_servers: str, topics: list[str], *, partitions: int, replication: int = 1
) -> None:
    """Create the log topics if missing: retention forever, the log is the record."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, partitions, replication, topic_configs={"retention.ms": "-1"})
            for name in topics
            if name not in existing
        ]
        if missing:
            # Another replica may create it between our list and our create: that is fine.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    finally:
        await admin.close()
