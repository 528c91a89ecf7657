"""The log's topics against the real broker (ADR 0030): checked at start, created only when
asked, and a topic that differs from the settings refused with a message naming what differs.

Scratch topics only (``noncoop.events.test-*``, deleted afterwards): the shared log is never
touched."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest
from aiokafka.admin import NewTopic

from noncoop_shared.kafka import KafkaAccess, LogTopicError, TopicSpec, admin_client, ensure_topics

pytestmark = pytest.mark.integration

SPEC = TopicSpec(partitions=3, replication_factor=1, min_insync_replicas=1)


@pytest.fixture
async def scratch(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    """A topic name of this test's own, not created; deleted afterwards if it was."""
    name = f"noncoop.events.test-topics-{uuid.uuid4().hex}"
    yield name
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        if name in await admin.list_topics():
            await admin.delete_topics([name])
    finally:
        await admin.close()


async def _create(kafka: KafkaAccess, name: str, partitions: int, configs: dict[str, str]) -> None:
    admin = admin_client(kafka)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1, topic_configs=configs)])
    finally:
        await admin.close()


async def test_a_missing_topic_is_refused_unless_creation_is_asked(
    kafka_access: KafkaAccess, scratch: str
) -> None:
    with pytest.raises(LogTopicError, match=f"{scratch}: missing.*NONCOOP_KAFKA_CREATE_TOPICS"):
        await ensure_topics(kafka_access, [scratch], SPEC)

    admin = admin_client(kafka_access)
    await admin.start()
    try:
        assert scratch not in await admin.list_topics()
    finally:
        await admin.close()


async def test_creation_when_asked_makes_a_topic_that_passes_the_check(
    kafka_access: KafkaAccess, scratch: str
) -> None:
    await ensure_topics(kafka_access, [scratch], SPEC, create=True)

    await ensure_topics(kafka_access, [scratch], SPEC)  # checked, conforms
    await ensure_topics(kafka_access, [scratch], SPEC, create=True)  # exists: nothing to do


async def test_a_topic_with_other_settings_is_refused_naming_each_difference(
    kafka_access: KafkaAccess, scratch: str
) -> None:
    # Two partitions, kept a week, compacted, min.insync.replicas left to the broker (1).
    await _create(
        kafka_access,
        scratch,
        2,
        {"retention.ms": str(7 * 24 * 3600 * 1000), "cleanup.policy": "compact"},
    )
    wanted = TopicSpec(partitions=3, replication_factor=3, min_insync_replicas=2)

    with pytest.raises(LogTopicError) as refused:
        await ensure_topics(kafka_access, [scratch], wanted, create=True)

    message = str(refused.value)
    assert f"{scratch}: " in message
    for difference in (
        "partitions 2, expected 3",
        "replication factor 1, expected 3",
        "min.insync.replicas 1, expected 2",
        "retention.ms 604800000, expected -1",
        "cleanup.policy compact, expected delete",
    ):
        assert difference in message
    assert "NONCOOP_KAFKA_CREATE_TOPICS" not in message  # it exists: creating would not help


async def test_a_service_principal_that_may_not_read_the_configuration_is_told_so(
    kafka_access: KafkaAccess, scratch: str
) -> None:
    await ensure_topics(kafka_access, [scratch], SPEC, create=True)
    referrals = kafka_access.as_principal("referrals", os.environ.get("REFERRALS_KAFKA_PASSWORD"))
    try:
        await ensure_topics(referrals, [scratch], SPEC)
    except LogTopicError as error:  # the broker's ACLs predate DescribeConfigs (ADR 0030)
        assert "DescribeConfigs" in str(error)
