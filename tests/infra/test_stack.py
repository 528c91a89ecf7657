"""The test infrastructure itself: the fixtures of the root conftest.py give a broker and a
database that really work, and each test's topic and database are its own."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from noncoop_shared.kafka import KafkaAccess, admin_client

pytestmark = pytest.mark.integration

LOG_TOPIC = "noncoop.events.v1"


async def test_a_record_produced_on_a_fresh_topic_is_consumed_back(
    kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    producer = AIOKafkaProducer(**kafka_access.client_kwargs(), acks="all", enable_idempotence=True)
    await producer.start()
    try:
        sent = await producer.send_and_wait(fresh_topic, key=b"case-1", value=b'{"n": 1}')
    finally:
        await producer.stop()

    consumer = AIOKafkaConsumer(
        fresh_topic,
        **kafka_access.client_kwargs(),
        group_id=f"test-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        received = await consumer.getone()
    finally:
        await consumer.stop()

    assert (received.key, received.value) == (b"case-1", b'{"n": 1}')
    assert (received.partition, received.offset) == (sent.partition, sent.offset)


async def test_a_fresh_topic_has_twelve_partitions_and_a_dead_letter_topic(
    kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        described = await admin.describe_topics([fresh_topic, f"{fresh_topic}.dlq"])
    finally:
        await admin.close()

    assert [(t["topic"], t["error_code"], len(t["partitions"])) for t in described] == [
        (fresh_topic, 0, 12),
        (f"{fresh_topic}.dlq", 0, 12),
    ]


async def test_the_shared_log_topic_exists_and_keeps_records_forever(
    kafka_access: KafkaAccess,
) -> None:
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([LOG_TOPIC])
        (configs,) = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, LOG_TOPIC, {"retention.ms": None})]
        )
    finally:
        await admin.close()

    assert (described["error_code"], len(described["partitions"])) == (0, 12)
    retention = {entry[0]: entry[1] for entry in configs.resources[0][4]}
    assert retention["retention.ms"] == "-1"


async def test_a_fresh_database_is_empty_and_answers_queries(fresh_database: str) -> None:
    connection = await asyncpg.connect(fresh_database)
    try:
        database = await connection.fetchval("SELECT current_database()")
        tables = await connection.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        await connection.execute("CREATE TABLE events (id int PRIMARY KEY, body text NOT NULL)")
        await connection.execute("INSERT INTO events VALUES (1, 'first')")
        body = await connection.fetchval("SELECT body FROM events WHERE id = 1")
    finally:
        await connection.close()

    assert database.startswith("test_")
    assert tables == 0
    assert body == "first"


async def test_databases_from_the_factory_are_separate(database_factory: Any) -> None:
    first, second = await database_factory.create(), await database_factory.create()
    writer = await asyncpg.connect(first)
    try:
        await writer.execute("CREATE TABLE only_in_first (id int)")
    finally:
        await writer.close()

    reader = await asyncpg.connect(second)
    try:
        seen = await reader.fetchval("SELECT to_regclass('only_in_first') IS NOT NULL")
    finally:
        await reader.close()

    assert first != second
    assert seen is False


async def test_the_factory_drops_its_databases_even_with_connections_open(
    postgres_dsn: str, database_factory: Any
) -> None:
    dsn = await database_factory.create()
    name = dsn.rsplit("/", 1)[1]
    left_open = await asyncpg.connect(dsn)

    await database_factory.drop_all()

    server = await asyncpg.connect(postgres_dsn)
    try:
        exists = await server.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", name)
    finally:
        await server.close()
    assert exists == 0
    assert left_open.is_closed() or not await _answers(left_open)


async def _answers(connection: asyncpg.Connection) -> bool:
    try:
        await connection.fetchval("SELECT 1")
    except (asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError):
        return False
    finally:
        await connection.close()
    return True


async def test_the_server_dsn_can_create_databases(postgres_dsn: str) -> None:
    connection = await asyncpg.connect(postgres_dsn)
    try:
        may_create = await connection.fetchval(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        )
    finally:
        await connection.close()

    assert may_create is True
