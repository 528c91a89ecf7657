"""Kafka clients as the log needs them (docs/architecture.md §3): one place for producer
settings."""

from __future__ import annotations

import contextlib

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

TOPIC_MAX_MESSAGE_BYTES = 1_048_588
"""``max.message.bytes`` of the log topics (Kafka's default ``message.max.bytes``, set on the topic
so that no broker setting can make it smaller than what the producer sends)."""
PRODUCER_MAX_REQUEST_BYTES = 1_000_000
"""The producer's ``max_request_size``: a record larger than this is refused before it is sent;
below the topic's limit with room for the batch's framing."""
MAX_EVENT_BYTES = 512 * 1024
"""The largest envelope a store appends (ADR 0022): well below what the producer and the broker
take, so an event that was recorded can always be published."""


def log_producer(bootstrap_servers: str, *, client_id: str) -> AIOKafkaProducer:
    """Idempotent, ``acks=all``: a retried send is written once and in order per partition."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        request_timeout_ms=30_000,
        max_request_size=PRODUCER_MAX_REQUEST_BYTES,
    )


_TOPIC_CONFIGS = {"retention.ms": "-1", "max.message.bytes": str(TOPIC_MAX_MESSAGE_BYTES)}


async def ensure_topics(
    bootstrap_servers: str, topics: list[str], *, partitions: int, replication: int = 1
) -> None:
    """Create the log topics if missing: retention forever, the log is the record."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, partitions, replication, topic_configs=_TOPIC_CONFIGS)
            for name in topics
            if name not in existing
        ]
        if missing:
            # Another replica may create it between our list and our create: that is fine.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    finally:
        await admin.close()
